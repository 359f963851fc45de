"""How long each part of the course takes, estimated from what is in it, and a workshop schedule that adds up.

    python tools/schedule.py                        # minutes per section of every notebook, and their tags
    python tools/schedule.py --format 2x3h          # a schedule: 01-08 in two parts of three hours
    python tools/schedule.py --format 3x2h | day | going-further
    python tools/schedule.py --markdown --format 2x3h    # the same as a markdown table (the guide's are these)
    python tools/schedule.py --write                # write every schedule, timeline and time into the docs
    python tools/schedule.py --write guide          # only the guide's schedules and the instructor pages
    python tools/schedule.py --write minutes        # only each notebook's minutes (README, course facts, title)

Every section (a `## ` heading and the cells up to the next one) is tagged on its heading cell: `core` (the room
does it), `demo` (the instructor shows it on the projector while the room watches) or `optional` (homework, or
for a room that is ahead). The estimate for a section comes from its content, at the guide's rhythm:

- reading: markdown words at READING_WPM words a minute;
- each code cell the learner runs and reads: CODE_CELL minutes;
- each live widget: WIDGET minutes (predictions, dragging in pairs, a question and two answers);
- each exercise: FIRST_EXERCISE minutes for the first the room does in a notebook, EXERCISE for the others, its
  solution shown afterwards included.

A learner working alone (the minutes README and each notebook give) reads and runs the same, but takes
READER_WIDGET minutes per widget and READER_EXERCISE per exercise.

A demo takes DEMO_SHARE of the reading, code and widgets (the instructor reads and drags, the room watches) and
DEMO_EXERCISE minutes per exercise; an optional section nothing. Opening each new notebook costs SWITCH minutes,
and SPARE_SHARE of every part stays unplanned, for questions and a cold start.

A section the room does must run on its own: every name it uses is made by the introduction or by a section the
room does before it (tests/test_core_sections.py runs each notebook so). A schedule that changes what the room does
(a core section shown as a demo, a demo done by the room) checks the names the code uses, and never makes a
section the room does need a name from one it no longer runs.
"""

import argparse
import ast
import builtins
import itertools
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

from nnlib.course import NOTEBOOKS  # noqa: E402
from run_notebooks import fill_solutions  # noqa: E402

READING_WPM = 120
CODE_CELL = 0.5
WIDGET = 5.0
FIRST_EXERCISE = 10.0
EXERCISE = 7.0
# A learner alone is quicker than a room (no pairs, no questions to the room, no waiting): at their own pace
READER_WIDGET = 3.0
READER_EXERCISE = 5.0
DEMO_SHARE = 0.4
DEMO_EXERCISE = 3.0
SWITCH = 2
SPARE_SHARE = 0.10
TAGS = ("core", "demo", "optional")
WIDGET_CALL = re.compile(r"\bwidgets\.\w+\(|\bcheck_setup\(")

# Workshop formats: parts (each with its minutes), which notebooks, and the fixed items in every part.
WELCOME, RECAP, BREAK, WRAP_UP = 10, 5, 15, 5
FORMATS = {
    "2x3h": {"parts": [180, 180], "notebooks": ("01", "08")},
    "3x2h": {"parts": [120, 120, 120], "notebooks": ("01", "08")},
    "day": {"parts": [180, 210], "notebooks": ("01", "08")},  # 9:00-12:00, lunch, 13:00-16:30
    "going-further": {"parts": [180], "notebooks": ("09", "11")},
}


@dataclass
class Section:
    notebook: str
    number: str  # "§3", or "intro" for what comes before the first ## heading
    title: str
    tag: str
    words: int
    code_cells: int
    widgets: int
    exercises: int
    needs: frozenset = frozenset()  # names its code uses that it does not make itself (before using them)
    makes: frozenset = frozenset()  # names its code defines

    def minutes_as(self, tag, first_exercise=False):
        """Minutes of this section taught as `tag`; first_exercise: its first exercise is the first the room does
        in this notebook. tag 'alone': a learner working through it at their own pace."""
        reading = self.words / READING_WPM + self.code_cells * CODE_CELL
        if tag == "alone":
            return reading + self.widgets * READER_WIDGET + self.exercises * READER_EXERCISE
        if tag == "core":
            extra = FIRST_EXERCISE - EXERCISE if first_exercise and self.exercises else 0.0
            return reading + self.widgets * WIDGET + self.exercises * EXERCISE + extra
        if tag == "demo":
            return DEMO_SHARE * (reading + self.widgets * WIDGET) + self.exercises * DEMO_EXERCISE
        return 0.0

    @property
    def minutes(self):
        """Minutes for the room to do this section itself (not its notebook's first exercise)."""
        return self.minutes_as("core")


ALWAYS_THERE = frozenset(dir(builtins)) | {"display", "get_ipython", "In", "Out", "exit", "quit", "__name__"}


def _local_names(node):
    """Names local to the functions, lambdas and comprehensions inside `node` (their arguments and all they
    assign): a use of such a name there is not a use of the notebook's name."""
    local = set()
    for inner in ast.walk(node):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = inner.args
            local |= {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
            local |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
            local |= {n.id for n in ast.walk(inner) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            local |= {n.name for n in ast.walk(inner) if n is not inner
                      and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        elif isinstance(inner, ast.comprehension):
            local |= {n.id for n in ast.walk(inner.target) if isinstance(n, ast.Name)}
    return local


def _uses(*nodes):
    """The notebook names read by expressions (or whole function bodies), leaving out their own local names."""
    used = set()
    for node in nodes:
        if node is not None:
            used |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            used -= _local_names(node)
    return used


def _stores(*targets):
    return {n.id for target in targets if target is not None for n in ast.walk(target) if isinstance(n, ast.Name)}


def code_names(source, known=frozenset()):
    """(needs, makes) of a cell's code: the names it uses that neither `known` nor the cell itself made before the
    use, and the names it defines. Read from the code, not run, so an estimate: a name used inside a function
    counts as used where the function is defined, and a name one branch of an `if` defines counts as defined."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset(), frozenset()
    made, needs = set(known), set()

    def use(names):
        needs.update(names - made - ALWAYS_THERE)

    def run(statements):
        for s in statements:
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                head = s.bases if isinstance(s, ast.ClassDef) else s.args.defaults + s.args.kw_defaults
                use(_uses(*s.decorator_list, *head))
                made.add(s.name)  # before its body: a function may call itself, a method name its class
                use(_uses(*s.body) - _local_names(s))
            elif isinstance(s, (ast.For, ast.AsyncFor)):
                use(_uses(s.iter))
                made.update(_stores(s.target))
                run(s.body + s.orelse)
            elif isinstance(s, (ast.If, ast.While)):
                use(_uses(s.test))
                run(s.body + s.orelse)
            elif isinstance(s, (ast.With, ast.AsyncWith)):
                use(_uses(*(item.context_expr for item in s.items)))
                made.update(_stores(*(item.optional_vars for item in s.items)))
                run(s.body)
            elif isinstance(s, ast.Try):
                run(s.body)
                for handler in s.handlers:
                    use(_uses(handler.type))
                    made.update({handler.name} if handler.name else set())
                    run(handler.body)
                run(s.orelse + s.finalbody)
            elif isinstance(s, (ast.Import, ast.ImportFrom)):
                made.update((alias.asname or alias.name).split(".")[0] for alias in s.names)
            else:
                used = _uses(s)
                if isinstance(s, ast.AugAssign):  # `total += 1` reads total first
                    used |= _stores(s.target)
                use(used)
                made.update(_stores(*_targets(s)))

    run(tree.body)
    return frozenset(needs), frozenset(made - set(known))


def _targets(statement):
    """What a simple statement assigns to (its targets, a walrus's name); [] for other statements."""
    if isinstance(statement, ast.Assign):
        return statement.targets
    if isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
        return [statement.target]
    if isinstance(statement, ast.Delete):
        return statement.targets
    return [n.target for n in ast.walk(statement) if isinstance(n, ast.NamedExpr)]


def section_cells(nb):
    """The sections of a notebook as (number, title, tag, parts): parts lists (cell index, text) of what the section
    holds; a markdown cell that opens a section part-way gives its text before the heading to the section before."""
    found = []
    for index, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        chunks = re.split(r"^(?=## )", cell.source, flags=re.M) if cell.cell_type == "markdown" else [cell.source]
        for chunk in chunks:
            heading = re.match(r"## (.*)", chunk) if cell.cell_type == "markdown" else None
            if heading or not found:
                title = heading.group(1).strip() if heading else "Introduction and setup"
                number = re.match(r"(\d+)\.", title)
                tag = next((t for t in TAGS if t in tags), "core")
                found.append((f"§{number.group(1)}" if number else (title if heading else "intro"), title, tag, []))
            found[-1][3].append((index, chunk))
    return found


def sections(path):
    """The sections of one notebook, with what each holds and the names its code uses and makes (the exercises
    solved, as a room that did them ran them)."""
    nb = nbformat.read(path, as_version=4)
    solved = fill_solutions(nbformat.read(path, as_version=4))
    found = []
    for number, title, tag, parts in section_cells(nb):
        section = Section(Path(path).stem, number, title, tag, 0, 0, 0, 0)
        needs, makes = set(), set()
        for index, text in parts:
            cell = nb.cells[index]
            tags = cell.metadata.get("tags", [])
            if cell.cell_type == "markdown":
                if "solution" not in tags:
                    section.words += len(re.findall(r"[A-Za-z0-9']+", text))
                continue
            if "exercise" in tags:
                section.exercises += 1
            elif "setup" not in tags and "check" not in tags:
                section.code_cells += 1
                section.widgets += len(WIDGET_CALL.findall(cell.source))
            used, made = code_names(solved.cells[index].source, makes)
            needs |= used
            makes |= made
        section.needs, section.makes = frozenset(needs), frozenset(makes)
        found.append(section)
    return found


def missing_names(secs, run):
    """What a room meets when it runs only the sections in `run` (a set of id(section)), in order: {section
    number: the names it uses that no section run before it made}."""
    made, missing = set(), {}
    for s in secs:
        if id(s) in run:
            gap = s.needs - made
            if gap:
                missing[s.number] = sorted(gap)
            made |= s.makes
    return missing


def room_notebook(path, room=("core",)):
    """The notebook as a room that does only its introduction and the sections tagged with one of `room` runs it:
    those sections' cells, every exercise solved (its published solution in the exercise cell)."""
    nb = fill_solutions(nbformat.read(path, as_version=4))
    keep = sorted({index for number, _, tag, parts in section_cells(nb) if number == "intro" or tag in room
                   for index, _ in parts})
    nb.cells = [nb.cells[index] for index in keep]
    return nb


_READ = {}  # (path, modification time) -> its sections: plans and timelines read each notebook once


def course_sections(first="01", last=None):
    paths = [ROOT / "notebooks" / name for name, _, _ in NOTEBOOKS
             if name[:2] >= first and (last is None or name[:2] <= last)]
    found = {}
    for path in paths:
        if path.exists():
            key = (path, path.stat().st_mtime_ns)
            if key not in _READ:
                _READ[key] = sections(path)
            found[path.stem] = _READ[key]
    return found


def taught(secs, tags):
    """[(section, how, minutes)] of one notebook, each section taught as tags[id(section)] says: the first
    exercise the room does in it counts FIRST_EXERCISE minutes."""
    first = next((s for s in secs if tags[id(s)] == "core" and s.exercises), None)
    return [(s, tags[id(s)], s.minutes_as(tags[id(s)], s is first)) for s in secs]


def notebook_minutes(notebook_sections):
    """Minutes for a learner working through the whole notebook at their own pace (every section), to 5."""
    return 5 * math.ceil(sum(s.minutes_as("alone") for s in notebook_sections) / 5)


def _needed(secs, tags):
    return round(sum(minutes for _, _, minutes in taught(secs, tags)))


def _switch(index, position):
    """Minutes to open a notebook and run its first cells: every notebook but the first of the day, which the
    welcome's setup check opens."""
    return 0 if index == 0 and position == 0 else SWITCH


def _part_needed(part, tags, index):
    return sum(_needed(secs, tags) + _switch(index, k) for k, (_, secs) in enumerate(part))


def _budget(length, index):
    """Minutes a part has for its notebooks: SPARE_SHARE of it stays unplanned, and the opening, the break and
    the wrap-up are fixed."""
    return math.floor(length * (1 - SPARE_SHARE)) - _fixed(index)


def _interleaved(part, backwards=False):
    """The part's sections taking turns across its notebooks (first of each, then second of each...), so that
    spare or missing minutes are shared out rather than all given to, or all taken from, one notebook."""
    lists = [list(reversed(secs)) if backwards else list(secs) for _, secs in part]
    for turn in range(max(len(secs) for secs in lists)):
        for secs in lists:
            if turn < len(secs):
                yield secs[turn]


def _room_runs(secs, tags):
    return missing_names(secs, {id(s) for s in secs if tags[id(s)] == "core"})


def _retag(part, tags, section, how):
    """Teach `section` as `how` if that leaves every section the room does with the names it uses: True if done."""
    secs = next(secs for _, secs in part if any(s is section for s in secs))
    before, was = _room_runs(secs, tags), tags[id(section)]
    tags[id(section)] = how
    after = _room_runs(secs, tags)
    if any(set(names) - set(before.get(number, ())) for number, names in after.items()):
        tags[id(section)] = was
        return False
    return True


def _promote(part, tags, index, budget):
    """Spend a part's spare minutes: demo sections become core (when what they use is made by then), then
    optional ones demo."""
    for before, after in (("demo", "core"), ("optional", "demo")):
        for s in _interleaved(part):
            if tags[id(s)] == before and _retag(part, tags, s, after) and _part_needed(part, tags, index) > budget:
                tags[id(s)] = before


def _demote(part, tags, index, budget):
    """Find minutes a part lacks: demos become homework, then core sections demos, from the notebooks' ends back;
    then each change is undone again, the latest first, where the minutes it freed were more than needed. Returns
    whether anything changed.

    The opening of a notebook (its setup) is never cut, nor a section whose names a later section the room does
    uses."""
    changed = []
    for before, after in (("demo", "optional"), ("core", "demo")):
        for s in _interleaved(part, backwards=True):
            if _part_needed(part, tags, index) <= budget:
                break
            if tags[id(s)] == before and s.number != "intro" and _retag(part, tags, s, after):
                changed.append((s, before))
    if _part_needed(part, tags, index) > budget:
        raise SystemExit(f"even with every section a demo or homework, {', '.join(name for name, _ in part)} "
                         f"does not fit its part with {SPARE_SHARE:.0%} to spare")
    for s, before in reversed(changed):
        now = tags[id(s)]
        if _retag(part, tags, s, before) and _part_needed(part, tags, index) > budget:
            tags[id(s)] = now
    return bool(changed)


def _short(section):
    """§3, or a short name for a section without a number (takeaways, closing thoughts)."""
    name = section.number.split(":")[0]
    return {"Key takeaways": "takeaways", "Where to go from here": "where next"}.get(name, name.lower()
                                                                                   if " " in name else name)


def _fixed(index):
    """Minutes of a part that are not notebooks: the opening, the break and the wrap-up."""
    return (WELCOME if index == 0 else RECAP) + BREAK + WRAP_UP


def _split(notebooks, budgets, tags):
    """Cut the notebooks, in order, into len(budgets) parts so that the fullest part is as little over as can be."""
    best = None
    for cuts in itertools.combinations(range(1, len(notebooks)), len(budgets) - 1):
        bounds = (0, *cuts, len(notebooks))
        parts = [notebooks[i:j] for i, j in zip(bounds, bounds[1:])]
        worst = max(_part_needed(part, tags, index) - budget
                    for index, (part, budget) in enumerate(zip(parts, budgets)))
        if best is None or worst < best[0]:
            best = (worst, parts)
    return best[1]


def plan(format_name):
    """The schedule of a format: a list of parts, each (minutes, rows, placed).

    rows are (start, what, minutes, note), the last two the spare minutes and the wrap-up; placed lists each
    notebook of the part with its sections and how each is taught in this format. The tags are the two-part
    workshop's plan; a part with spare minutes promotes (a demo done by the room, homework shown as a demo), a part
    short of minutes demotes, so every format adds up with SPARE_SHARE of each part unplanned.
    """
    spec = FORMATS[format_name]
    notebooks = list(course_sections(*spec["notebooks"]).items())
    tags = {id(s): s.tag for _, secs in notebooks for s in secs}
    budgets = [_budget(length, index) for index, length in enumerate(spec["parts"])]
    parts = []
    for index, (length, budget, part) in enumerate(zip(spec["parts"], budgets, _split(notebooks, budgets, tags))):
        if not _demote(part, tags, index, budget):
            _promote(part, tags, index, budget)
        opening = ("welcome and setup check", WELCOME) if index == 0 else ("recap", RECAP)
        minutes = [_needed(secs, tags) + _switch(index, position) for position, (_, secs) in enumerate(part)]
        # the break goes between two notebooks, where it starts nearest the middle of the part
        starts = [opening[1] + sum(minutes[:k]) for k in range(1, len(part) + 1)]
        pause = min(range(1, len(part) + 1), key=lambda k: abs(starts[k - 1] + BREAK / 2 - length / 2))
        rows, clock = [(0, *opening, "")], opening[1]
        for position, ((name, secs), needed) in enumerate(zip(part, minutes)):
            notes = []
            for kind in ("core", "demo"):  # the rest is homework
                numbers = [_short(s) for s in secs if tags[id(s)] == kind and s.number != "intro"]
                if numbers:
                    notes.append(f"{HOW[kind]} {', '.join(numbers)}")
            rows.append((clock, name, needed, "; ".join(notes)))
            clock += needed
            if position + 1 == pause:
                rows.append((clock, "break", BREAK, ""))
                clock += BREAK
        rows.append((clock, "spare: questions, a slow start", length - WRAP_UP - clock, ""))
        rows.append((length - WRAP_UP, "wrap-up", WRAP_UP, ""))
        placed = [(name, [(sec, how) for sec, how, _ in taught(secs, tags)]) for name, secs in part]
        parts.append((length, rows, placed))
    return parts


def as_demo(secs, how):
    """Minutes of a notebook (its sections taught as `how` says) with every section the room would do, the
    introduction aside, shown as a demo instead: what a part that runs late can fall back on for its stretch goal."""
    tags = {id(s): "demo" if h == "core" and s.number != "intro" else h for s, h in zip(secs, how)}
    return _needed(secs, tags)


def clock_text(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}"


def plan_text(format_name, markdown=False):
    """The schedule of a format as text: a table per part, and its stretch goal."""
    lines = []
    for index, (length, rows, placed) in enumerate(plan(format_name), 1):
        spare = rows[-2][2]
        name, secs = placed[-1]
        row = next(r for r in rows if r[1] == name)
        fallback = as_demo([s for s, _ in secs], [h for _, h in secs]) + row[2] - _needed(
            [s for s, _ in secs], {id(s): h for s, h in secs})
        stretch = f"Stretch goal: {name} (as a demo: {fallback} min)."
        lines.append(f"**Part {index}** ({length} min, {spare} spare)" if markdown
                     else f"{format_name}, part {index}: {length} min, {spare} spare")
        if markdown:
            lines += ["", "| time | what | min | do / demo |", "|---|---|---|---|"]
        for start, what, minutes, note in rows:
            lines.append(f"| {clock_text(start)} | {what} | {minutes} | {note} |" if markdown
                         else f"  {clock_text(start)}  {what:<32} {minutes:>4} min  {note}")
        lines += (["", stretch] if markdown else [f"  {stretch}"]) + [""]
    return "\n".join(lines).rstrip() + "\n"


HOW = {"core": "do", "demo": "demo", "optional": "skip (homework)"}
NUMBERED = re.compile(r"^\d+\.\s*")  # "10. " before a section's title


def timeline_text(notebook, format_name="2x3h"):
    """One notebook's sections as a markdown table for its instructor page: clock, section, how, minutes."""
    for index, (_, _, placed) in enumerate(plan(format_name)):
        for position, (name, secs) in enumerate(placed):
            if name == notebook:
                lines = ["| clock | section | in the room | minutes |", "|---|---|---|---|"]
                clock = float(_switch(index, position))
                if clock:
                    lines.append(f"| 0:00 | open the notebook, run its first cells | do | {SWITCH} |")
                for sec, how, minutes in taught([s for s, _ in secs], {id(s): how for s, how in secs}):
                    label = sec.title if sec.number in ("intro", sec.title) else \
                        f"{sec.number} {NUMBERED.sub('', sec.title)}"
                    lines.append(f"| {clock_text(round(clock))} | {label} | {HOW[how]} | {round(minutes)} |")
                    clock += minutes
                own_pace = notebook_minutes([sec for sec, _ in secs])
                lines.append(f"| {clock_text(round(clock))} | end ({own_pace} min at a learner's own pace) | | |")
                return "\n".join(lines) + "\n"
    raise SystemExit(f"{notebook} is not in the {format_name} schedule")


def _replace_between(text, start, end, body):
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"marker {start!r} ... {end!r} not found")
    return pattern.sub(lambda _: f"{start}\n{body.rstrip()}\n{end}", text)


WRITES = ("guide", "minutes")


def documents(what=WRITES):
    """{path: text as the tool writes it}: with "guide", the guide's schedules and each notebook page's timeline;
    with "minutes", each notebook's minutes at a learner's own pace (README, nnlib/course.py, the notebook's own
    title cell)."""
    out = {}
    notebooks = course_sections()
    if "guide" in what:
        guide = ROOT / "INSTRUCTORS.md"
        text = guide.read_text()
        for name in FORMATS:
            text = _replace_between(text, f"<!-- schedule:{name} -->", "<!-- /schedule -->", plan_text(name, True))
        out[guide] = text
        for name in notebooks:
            page = ROOT / "instructors" / f"{name[:2]}.md"
            if page.exists():
                out[page] = _replace_between(page.read_text(), "<!-- timeline -->", "<!-- /timeline -->",
                                             timeline_text(name, _reference_format(name)))
    if "minutes" in what:
        readme = ROOT / "README.md"
        text = readme.read_text()
        for name, secs in notebooks.items():
            text = re.sub(rf"^(\| {name[:2]} \| \[.*\| )\d+ min( \|)", rf"\g<1>{notebook_minutes(secs)} min\g<2>",
                          text, count=1, flags=re.M)
        out[readme] = text
        facts = ROOT / "nnlib" / "course.py"
        text = facts.read_text()
        for name, secs in notebooks.items():
            text = re.sub(rf'(\("{name}\.ipynb", ".*?", )\d+(\))', rf"\g<1>{notebook_minutes(secs)}\g<2>", text,
                          count=1)
        out[facts] = text
        for name, secs in notebooks.items():
            path = ROOT / "notebooks" / f"{name}.ipynb"
            nb = nbformat.read(path, as_version=4)
            nb.cells[0].source = re.sub(r"(\*\*Time:\*\* about )\d+( minutes)",
                                        rf"\g<1>{notebook_minutes(secs)}\g<2>", nb.cells[0].source, count=1)
            text = nbformat.writes(nb)
            out[path] = text if text.endswith("\n") else text + "\n"
    return out


def _reference_format(notebook):
    """The format a notebook's page follows: the two-part workshop for 01-08, going further for the rest."""
    return next(name for name in ("2x3h", "going-further")
                if FORMATS[name]["notebooks"][0] <= notebook[:2] <= FORMATS[name]["notebooks"][1])


def print_sections():
    for name, secs in course_sections().items():
        print(f"\n{name}: about {notebook_minutes(secs)} minutes at your own pace")
        for s in secs:
            print(f"  {s.number:>6} {s.tag:<8} {s.minutes:5.1f} min  ({s.words} words, {s.code_cells} code cells, "
                  f"{s.widgets} widgets, {s.exercises} exercises)  {s.title[:50]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=sorted(FORMATS), help="print a workshop schedule in this format")
    parser.add_argument("--markdown", action="store_true", help="as markdown tables")
    parser.add_argument("--write", nargs="*", choices=WRITES, metavar="guide|minutes",
                        help="write the schedules into INSTRUCTORS.md and the timelines into instructors/NN.md "
                             "(guide), each notebook's minutes into README.md, nnlib/course.py and its title cell "
                             "(minutes); both when neither is named")
    args = parser.parse_args()
    if args.write is not None:
        for path, text in documents(args.write or WRITES).items():
            if path.read_text() != text:
                path.write_text(text)
                print(f"{path.relative_to(ROOT)}: updated")
    elif args.format:
        print(plan_text(args.format, args.markdown), end="")
    else:
        print_sections()


if __name__ == "__main__":
    main()
