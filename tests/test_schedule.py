"""tools/schedule.py: minutes from what a section holds, schedules that add up, and docs that say what it computes."""

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("schedule", ROOT / "tools" / "schedule.py")
schedule = importlib.util.module_from_spec(spec)
spec.loader.exec_module(schedule)


def test_a_section_is_timed_from_its_words_code_widgets_and_exercises(tmp_path):
    nb = nbformat.v4.new_notebook()
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb.cells = [md("# Title\n\nsix words of introduction right here"), code("setup", metadata={"tags": ["setup"]}),
                md("## 1. First\n\n" + "word " * 240), code("x = 1"), code("widgets.neuron_playground()"),
                md("## 2. Second", metadata={"tags": ["demo"]}), code("def f(): pass", metadata={"tags": ["exercise"]}),
                md("```python\nsolution\n```", metadata={"tags": ["solution"]}),
                code("check.f(f)", metadata={"tags": ["check"]})]
    path = tmp_path / "99_test.ipynb"
    nbformat.write(nb, path)
    intro, first, second = schedule.sections(path)
    assert (intro.words, intro.code_cells) == (7, 0)
    assert (first.words, first.code_cells, first.widgets, first.exercises) == (242, 2, 1, 0)
    assert first.minutes == pytest.approx(242 / schedule.READING_WPM + 2 * schedule.CODE_CELL + schedule.WIDGET)
    assert (second.tag, second.exercises, second.words) == ("demo", 1, 2), "solutions are not read in the room"
    assert second.minutes_as("demo") == pytest.approx(schedule.DEMO_SHARE * second.minutes)
    assert second.minutes_as("optional") == 0


@pytest.mark.parametrize("name", sorted(schedule.FORMATS))
def test_every_schedule_adds_up_and_fits_its_parts(name):
    parts = schedule.plan(name)
    first, last = schedule.FORMATS[name]["notebooks"]
    placed = [notebook for _, _, notebooks in parts for notebook, _ in notebooks]
    assert [n[:2] for n in placed] == [n[:2] for n in schedule.course_sections(first, last)]
    for length, rows, notebooks in parts:
        for (start, _, minutes, _), (next_start, _, _, _) in zip(rows, rows[1:]):
            assert next_start == start + minutes, "each row starts when the one before it ends"
        assert rows[-1][0] + rows[-1][2] <= length
        assert sum(1 for row in rows if row[1] == "break") == 1
        for notebook, secs in notebooks:
            row = next(r for r in rows if r[1] == notebook)
            assert row[2] == round(sum(sec.minutes_as(how) for sec, how in secs)), "a trim cuts what it says"


def test_the_docs_hold_what_the_tool_computes():
    stale = [path.name for path, text in schedule.documents().items() if path.read_text() != text]
    assert not stale, f"run `python tools/schedule.py --write`: {stale} differ from the tool"


def test_the_course_facts_list_the_same_minutes_as_the_readme():
    from nnlib.course import NOTEBOOKS

    computed = {name: schedule.notebook_minutes(secs) for name, secs in schedule.course_sections().items()}
    assert {name[:-6]: minutes for name, _, minutes in NOTEBOOKS} == computed
