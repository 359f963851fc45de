"""How long each part of the course takes, estimated from what is in it, and a workshop schedule that adds up.

    python tools/schedule.py                        # minutes per section of every notebook, and their tags
    python tools/schedule.py --format 2x3h          # a schedule: 01-08 in two parts of three hours
    python tools/schedule.py --format 3x2h | day | going-further
    python tools/schedule.py --markdown --format 2x3h    # the same as a markdown table (the guide's are these)
    python tools/schedule.py --write                # write every schedule, timeline and time into the docs

Every section (a `## ` heading and the cells up to the next one) is tagged on its heading cell: `core` (the room
does it), `demo` (the instructor shows it on the projector while the room watches) or `optional` (homework, or
for a room that is ahead). The estimate for a section comes from its content, at the guide's rhythm:

- reading: markdown words at READING_WPM words a minute;
- each code cell the learner runs and reads: CODE_CELL minutes;
- each live widget: WIDGET minutes of dragging and a question to the room;
- each exercise: EXERCISE minutes, its solution shown afterwards included.

A demo takes DEMO_SHARE of that (the instructor reads and drags, the room watches); an optional section nothing.
"""

import argparse
import itertools
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nnlib.course import NOTEBOOKS  # noqa: E402

READING_WPM = 120
CODE_CELL = 0.5
WIDGET = 3.0
EXERCISE = 5.0
DEMO_SHARE = 0.4
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

    @property
    def minutes(self):
        """Minutes for the room to do this section itself."""
        return (self.words / READING_WPM + self.code_cells * CODE_CELL + self.widgets * WIDGET
                + self.exercises * EXERCISE)

    def minutes_as(self, tag):
        return {"core": self.minutes, "demo": self.minutes * DEMO_SHARE, "optional": 0.0}[tag]


def sections(path):
    """The sections of one notebook, with what each holds."""
    nb = nbformat.read(path, as_version=4)
    found = []
    current = None
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        # a markdown cell may open more than one section: each `## ` line starts the next
        chunks = re.split(r"^(?=## )", cell.source, flags=re.M) if cell.cell_type == "markdown" else [cell.source]
        for chunk in chunks:
            heading = re.match(r"## (.*)", chunk) if cell.cell_type == "markdown" else None
            if heading or current is None:
                title = heading.group(1).strip() if heading else "Introduction and setup"
                number = re.match(r"(\d+)\.", title)
                tag = next((t for t in TAGS if t in tags), "core")
                current = Section(path.stem, f"§{number.group(1)}" if number else (title if heading else "intro"),
                                  title, tag, 0, 0, 0, 0)
                found.append(current)
            if cell.cell_type == "markdown":
                if "solution" not in tags:
                    current.words += len(re.findall(r"[A-Za-z0-9']+", chunk))
            elif "exercise" in tags:
                current.exercises += 1
            elif "setup" not in tags and "check" not in tags:
                current.code_cells += 1
                current.widgets += len(WIDGET_CALL.findall(cell.source))
    return found


def course_sections(first="01", last=None):
    paths = [ROOT / "notebooks" / name for name, _, _ in NOTEBOOKS
             if name[:2] >= first and (last is None or name[:2] <= last)]
    return {path.stem: sections(path) for path in paths if path.exists()}


def notebook_minutes(notebook_sections):
    """Minutes for a learner working through the whole notebook at their own pace (every section), to 5."""
    return 5 * math.ceil(sum(s.minutes for s in notebook_sections) / 5)


def _needed(secs, tags):
    return round(sum(s.minutes_as(tags[id(s)]) for s in secs))


def _interleaved(part, backwards=False):
    """The part's sections taking turns across its notebooks (first of each, then second of each...), so that
    spare or missing minutes are shared out rather than all given to, or all taken from, one notebook."""
    lists = [list(reversed(secs)) if backwards else list(secs) for _, secs in part]
    for turn in range(max(len(secs) for secs in lists)):
        for secs in lists:
            if turn < len(secs):
                yield secs[turn]


def _promote(part, tags, slack):
    """Spend a part's spare minutes: demo sections become core, then optional ones demo."""
    for before, after in (("demo", "core"), ("optional", "demo")):
        for s in _interleaved(part):
            if tags[id(s)] == before:
                extra = s.minutes_as(after) - s.minutes_as(before)
                if extra <= slack:
                    tags[id(s)], slack = after, slack - extra
    return slack


def _demote(part, tags, excess):
    """Find minutes a part lacks: demos become homework, then core sections demos, from the notebooks' ends back.

    The opening of a notebook (its setup) is never cut."""
    for before, after in (("demo", "optional"), ("core", "demo")):
        for s in _interleaved(part, backwards=True):
            if excess <= 0:
                return
            if tags[id(s)] == before and s.number != "intro":
                excess -= s.minutes_as(before) - s.minutes_as(after)
                tags[id(s)] = after
    if excess > 0:
        raise SystemExit(f"even with every section a demo or homework, {part[0][0]}... does not fit its part")


def _short(section):
    """§3, or a short name for a section without a number (takeaways, closing thoughts)."""
    name = section.number.split(":")[0]
    return {"Key takeaways": "takeaways", "Where to go from here": "where next"}.get(name, name.lower()
                                                                                   if " " in name else name)


def _fixed(index):
    """Minutes of a part that are not notebooks: the opening, the break and the wrap-up."""
    return (WELCOME if index == 0 else RECAP) + BREAK + WRAP_UP


def _split(notebooks, rooms, tags):
    """Cut the notebooks, in order, into len(rooms) parts so that the fullest part is as little over as can be."""
    best = None
    for cuts in itertools.combinations(range(1, len(notebooks)), len(rooms) - 1):
        bounds = (0, *cuts, len(notebooks))
        parts = [notebooks[i:j] for i, j in zip(bounds, bounds[1:])]
        worst = max(sum(_needed(secs, tags) for _, secs in part) - room for part, room in zip(parts, rooms))
        if best is None or worst < best[0]:
            best = (worst, parts)
    return best[1]


def plan(format_name):
    """The schedule of a format: a list of parts, each (minutes, rows, placed).

    rows are (start, what, minutes, note); placed lists each notebook of the part with its sections and how each
    is taught in this format. The tags are the two-part workshop's plan; a part with spare minutes promotes
    (a demo done by the room, homework shown as a demo), a part short of minutes demotes, so every format adds up.
    """
    spec = FORMATS[format_name]
    notebooks = list(course_sections(*spec["notebooks"]).items())
    tags = {id(s): s.tag for _, secs in notebooks for s in secs}
    rooms = [length - _fixed(index) for index, length in enumerate(spec["parts"])]
    parts = []
    for index, (length, room, part) in enumerate(zip(spec["parts"], rooms, _split(notebooks, rooms, tags))):
        used = sum(s.minutes_as(tags[id(s)]) for _, secs in part for s in secs)
        if used > room:
            _demote(part, tags, used - room)
        _promote(part, tags, room - sum(s.minutes_as(tags[id(s)]) for _, secs in part for s in secs))
        while sum(_needed(secs, tags) for _, secs in part) > room:  # each notebook's minutes are rounded
            _demote(part, tags, 0.5)
        rows, clock = [], 0
        opening = "welcome and setup check" if index == 0 else "recap"
        rows.append((0, opening, WELCOME if index == 0 else RECAP, ""))
        clock = rows[0][2]
        half = length / 2
        for name, secs in part:
            needed = _needed(secs, tags)
            if not any(r[1] == "break" for r in rows) and clock + needed / 2 > half and len(rows) > 1:
                rows.append((clock, "break", BREAK, "save first (Binder)"))
                clock += BREAK
            notes = []
            for kind, word in (("demo", "demo"), ("optional", "homework")):
                numbers = [_short(s) for s in secs if tags[id(s)] == kind]
                if numbers:
                    notes.append(f"{word} {', '.join(numbers)}")
            rows.append((clock, name, needed, "; ".join(notes)))
            clock += needed
        if not any(r[1] == "break" for r in rows):
            rows.append((clock, "break", BREAK, "save first (Binder)"))
            clock += BREAK
        rows.append((clock, "wrap-up", WRAP_UP, ""))
        placed = [(name, [(sec, tags[id(sec)]) for sec in secs]) for name, secs in part]
        parts.append((length, rows, placed))
    return parts


def clock_text(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}"


def plan_text(format_name, markdown=False):
    """The schedule of a format as text: a table per part."""
    lines = []
    for index, (length, rows, _) in enumerate(plan(format_name), 1):
        used = rows[-1][0] + rows[-1][2]
        lines.append(f"**Part {index}** ({used} of {length} minutes)" if markdown
                     else f"{format_name}, part {index}: {used} of {length} minutes")
        if markdown:
            lines += ["", "| time | what | minutes | demo / homework |", "|---|---|---|---|"]
        for start, what, minutes, note in rows:
            lines.append(f"| {clock_text(start)} | {what} | {minutes} | {note} |" if markdown
                         else f"  {clock_text(start)}  {what:<28} {minutes:>4} min  {note}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


HOW = {"core": "do", "demo": "demo", "optional": "skip (homework)"}


def timeline_text(notebook, format_name="2x3h"):
    """One notebook's sections as a markdown table for its instructor page: clock, section, how, minutes."""
    for _, _, placed in plan(format_name):
        for name, secs in placed:
            if name == notebook:
                lines = ["| clock | section | in the room | minutes |", "|---|---|---|---|"]
                clock = 0.0
                for sec, how in secs:
                    minutes = sec.minutes_as(how)
                    label = sec.title if sec.number in ("intro", sec.title) else f"{sec.number} {sec.title[3:]}"
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


def documents():
    """{path: text as the tool writes it}: the guide's schedules, each notebook page's timeline, and each
    notebook's minutes at a learner's own pace (README, nnlib/course.py, the notebook's own title cell)."""
    out = {}
    guide = ROOT / "INSTRUCTORS.md"
    text = guide.read_text()
    for name in FORMATS:
        text = _replace_between(text, f"<!-- schedule:{name} -->", "<!-- /schedule -->", plan_text(name, True))
    out[guide] = text
    notebooks = course_sections()
    for name in notebooks:
        page = ROOT / "instructors" / f"{name[:2]}.md"
        if page.exists():
            out[page] = _replace_between(page.read_text(), "<!-- timeline -->", "<!-- /timeline -->",
                                         timeline_text(name, _reference_format(name)))
    readme = ROOT / "README.md"
    text = readme.read_text()
    for name, secs in notebooks.items():
        text = re.sub(rf"^(\| {name[:2]} \| \[.*\| )\d+ min( \|)", rf"\g<1>{notebook_minutes(secs)} min\g<2>", text,
                      count=1, flags=re.M)
    out[readme] = text
    facts = ROOT / "nnlib" / "course.py"
    text = facts.read_text()
    for name, secs in notebooks.items():
        text = re.sub(rf'(\("{name}\.ipynb", ".*?", )\d+(\))', rf"\g<1>{notebook_minutes(secs)}\g<2>", text, count=1)
    out[facts] = text
    for name, secs in notebooks.items():
        path = ROOT / "notebooks" / f"{name}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells[0].source = re.sub(r"(\*\*Time:\*\* about )\d+( minutes)", rf"\g<1>{notebook_minutes(secs)}\g<2>",
                                    nb.cells[0].source, count=1)
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
    parser.add_argument("--write", action="store_true",
                        help="write the schedules into INSTRUCTORS.md, the timelines into instructors/NN.md and each "
                             "notebook's minutes into README.md, nnlib/course.py and its title cell")
    args = parser.parse_args()
    if args.write:
        for path, text in documents().items():
            if path.read_text() != text:
                path.write_text(text)
                print(f"{path.relative_to(ROOT)}: updated")
    elif args.format:
        print(plan_text(args.format, args.markdown), end="")
    else:
        print_sections()


if __name__ == "__main__":
    main()
