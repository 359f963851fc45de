"""tools/schedule.py: minutes from what a section holds at the room's pace, schedules that add up with a tenth of each
part to spare, sections the room does that run on their own, and docs that say what it computes."""

import importlib.util
from pathlib import Path

import nbformat
import pytest

from feedback import harness

ROOT = Path(__file__).resolve().parent.parent
harness()  # tools/run_notebooks.py, which the schedule imports
spec = importlib.util.spec_from_file_location("schedule", ROOT / "tools" / "schedule.py")
schedule = importlib.util.module_from_spec(spec)
spec.loader.exec_module(schedule)

md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell


def write(tmp_path, cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    path = tmp_path / "99_test.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_section_is_timed_from_its_words_code_widgets_and_exercises(tmp_path):
    path = write(tmp_path, [
        md("# Title\n\nsix words of introduction right here"), code("setup", metadata={"tags": ["setup"]}),
        md("## 1. First\n\n" + "word " * 240), code("x = 1"), code("widgets.neuron_playground()"),
        md("## 2. Second", metadata={"tags": ["demo"]}), code("def f(): pass", metadata={"tags": ["exercise"]}),
        md("```python\nsolution\n```", metadata={"tags": ["solution"]}),
        code("check.f(f)", metadata={"tags": ["check"]})])
    intro, first, second = schedule.sections(path)
    assert (intro.words, intro.code_cells) == (7, 0)
    assert (first.words, first.code_cells, first.widgets, first.exercises) == (242, 2, 1, 0)
    assert first.minutes == pytest.approx(242 / 120 + 2 * 0.5 + 5), "a widget: predictions, pairs, two answers"
    assert (second.tag, second.exercises, second.words) == ("demo", 1, 2), "solutions are not read in the room"
    assert second.minutes_as("demo") == pytest.approx(0.4 * 2 / 120 + 3), "an exercise shown takes 3 minutes"
    assert second.minutes_as("core") == pytest.approx(2 / 120 + 7)
    assert second.minutes_as("core", first_exercise=True) == pytest.approx(2 / 120 + 10)
    assert second.minutes_as("optional") == 0


def test_the_first_exercise_the_room_does_in_a_notebook_takes_longer(tmp_path):
    def exercise():
        return [code("def f(): pass", metadata={"tags": ["exercise"]}),
                md("```python\ndef f(): return 1\n```", metadata={"tags": ["solution"]}),
                code("check.f(f)", metadata={"tags": ["check"]})]

    path = write(tmp_path, [md("# T"), md("## 1. A", metadata={"tags": ["demo"]}), *exercise(),
                            md("## 2. B", metadata={"tags": ["core"]}), *exercise(), *exercise()])
    secs = schedule.sections(path)
    tags = {id(s): s.tag for s in secs}
    minutes = [m for _, _, m in schedule.taught(secs, tags)]
    assert minutes == pytest.approx([1 / 120, 3 + 0.4 * 2 / 120, 10 + 7 + 2 / 120])


def rhythm(section, how, first):
    """The guide's rhythm, written out again: reading at 120 words a minute, half a minute a code cell, 5 minutes a
    widget, 10 for a notebook's first exercise and 7 for the others; a demo 40% and 3 minutes an exercise."""
    reading = section.words / 120 + section.code_cells * 0.5
    if how == "core":
        return reading + 5 * section.widgets + 7 * section.exercises + (3 if first and section.exercises else 0)
    return 0.4 * (reading + 5 * section.widgets) + 3 * section.exercises if how == "demo" else 0


@pytest.mark.parametrize("name", sorted(schedule.FORMATS))
def test_every_schedule_adds_up_at_the_rooms_pace_with_a_tenth_to_spare(name):
    parts = schedule.plan(name)
    first, last = schedule.FORMATS[name]["notebooks"]
    placed = [notebook for _, _, notebooks in parts for notebook, _ in notebooks]
    assert [n[:2] for n in placed] == [n[:2] for n in schedule.course_sections(first, last)]
    for index, (length, rows, notebooks) in enumerate(parts):
        for (start, _, minutes, _), (next_start, _, _, _) in zip(rows, rows[1:]):
            assert next_start == start + minutes, "each row starts when the one before it ends"
        assert rows[-1][0] + rows[-1][2] == length and rows[-1][1] == "wrap-up"
        spare = rows[-2]
        assert spare[1].startswith("spare") and spare[2] >= 0.1 * length, "a tenth of the part unplanned"
        assert sum(1 for row in rows if row[1] == "break") == 1
        for position, (notebook, secs) in enumerate(notebooks):
            row = next(r for r in rows if r[1] == notebook)
            first_done = next((s for s, how in secs if how == "core" and s.exercises), None)
            switch = 0 if index == 0 and position == 0 else 2
            assert row[2] == switch + round(sum(rhythm(s, how, s is first_done) for s, how in secs)), \
                "a notebook's minutes are its sections' at the room's pace, and 2 to open it"


@pytest.mark.parametrize("name", sorted(schedule.FORMATS))
def test_every_part_names_its_last_notebook_as_the_stretch_goal(name):
    text = schedule.plan_text(name, markdown=True)
    parts = schedule.plan(name)
    goals = [line for line in text.splitlines() if line.startswith("Stretch goal: ")]
    assert [goal.split()[2] for goal in goals] == [placed[-1][0] for _, _, placed in parts]
    for goal, (_, rows, placed) in zip(goals, parts):
        as_demo = int(goal.split(": ")[2].split()[0])
        assert as_demo < next(r[2] for r in rows if r[1] == placed[-1][0]), "the fallback saves minutes"


@pytest.mark.parametrize("name", sorted(schedule.FORMATS))
def test_in_every_schedule_each_section_the_room_does_has_the_names_it_uses(name):
    for _, _, notebooks in schedule.plan(name):
        for notebook, secs in notebooks:
            done = {id(s) for s, how in secs if how == "core"}
            assert schedule.missing_names([s for s, _ in secs], done) == {}, notebook


def test_what_a_cell_uses_and_makes_is_read_from_its_code():
    needs, makes = schedule.code_names(
        "x = x + 1\nfor i in range(3):\n    y = i\ndef f(a):\n    return a + g(b) + f(1)\n"
        "class V:\n    def m(self):\n        return V()\nz = [k for k in y]\nimport os.path as p, numpy\n"
        "total += 1\nprint(len(z))\nwith open(q) as handle:\n    pass\n")
    assert needs == {"x", "g", "b", "total", "q"}
    assert makes == {"x", "i", "y", "f", "V", "z", "p", "numpy", "total", "handle"}
    assert schedule.code_names("y = x", known={"x"}) == (frozenset(), {"y"})


def test_a_section_a_later_room_section_needs_is_never_demoted(tmp_path):
    path = write(tmp_path, [md("# T"), code("import numpy as np"), md("## 1. A", metadata={"tags": ["core"]}),
                            code("data = np.arange(3)"), md("## 2. B", metadata={"tags": ["core"]}),
                            code("print(data)"), md("## 3. C", metadata={"tags": ["core"]}), code("print(np.pi)")])
    secs = schedule.sections(path)
    tags = {id(s): s.tag for s in secs}
    part = [("99_test", secs)]
    assert not schedule._retag(part, tags, secs[1], "demo") and tags[id(secs[1])] == "core"
    assert schedule._retag(part, tags, secs[3], "demo") and tags[id(secs[3])] == "demo"
    assert schedule.missing_names(secs, {id(secs[0]), id(secs[2])}) == {"§2": ["data"]}


def test_the_rooms_notebook_holds_the_introduction_and_core_sections_solved(tmp_path):
    path = write(tmp_path, [md("# T"), code("a = 1"), md("## 1. A", metadata={"tags": ["demo"]}), code("b = 2"),
                            md("## 2. B", metadata={"tags": ["core"]}),
                            code("def f(): pass", metadata={"tags": ["exercise"]}),
                            md("```python\ndef f(): return 1\n```", metadata={"tags": ["solution"]}),
                            code("check.f(f)", metadata={"tags": ["check"]}),
                            md("## 3. C", metadata={"tags": ["optional"]}), code("c = 3")])
    nb = schedule.room_notebook(path)
    assert [cell.source for cell in nb.cells if cell.cell_type == "code"] == ["a = 1", "def f(): return 1\n",
                                                                            "check.f(f)"]


@pytest.mark.parametrize("what", schedule.WRITES)
def test_the_docs_hold_what_the_tool_computes(what):
    stale = [path.name for path, text in schedule.documents([what]).items() if path.read_text() != text]
    assert not stale, f"run `python tools/schedule.py --write {what}`: {stale} differ from the tool"


def test_the_course_facts_list_the_same_minutes_as_the_readme():
    from nnlib.course import NOTEBOOKS

    computed = {name: schedule.notebook_minutes(secs) for name, secs in schedule.course_sections().items()}
    assert {name[:-6]: minutes for name, _, minutes in NOTEBOOKS} == computed


def test_a_learner_alone_is_quicker_than_a_room():
    # no words, no code: two widgets and two exercises. Alone: 2 x 3 + 2 x 5 = 16 minutes, rounded up to 20;
    # in a room that does the section: 2 x 5 + 10 (its first exercise) + 7 = 27
    section = schedule.Section(notebook="00_x", number="§1", title="s", tag="core", words=0, code_cells=0, widgets=2,
                               exercises=2)
    assert schedule.notebook_minutes([section]) == 20
    assert section.minutes_as("core", first_exercise=True) == 27
