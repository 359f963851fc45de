"""How long each part of the course takes, estimated from what is in it, and a workshop schedule that adds up.

    python tools/schedule.py                        # minutes per section of every notebook, and their tags
    python tools/schedule.py --format 2x3h          # a schedule: 01-08 in two parts of three hours
    python tools/schedule.py --format 3x2h | day | going-further
    python tools/schedule.py --markdown --format 2x3h    # the same as a markdown table (the guide's are these)

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
    "day": {"parts": [180, 180], "notebooks": ("01", "08"), "lunch": True},
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


def plan(format_name):
    """[(part minutes, [(start, what, minutes, note)]), ...] for a format; notes list what is demo or skipped."""
    spec = FORMATS[format_name]
    first, last = spec["notebooks"]
    notebooks = course_sections(first, last)
    queue = list(notebooks.items())
    parts = []
    for index, length in enumerate(spec["parts"]):
        rows, clock = [], 0
        opening = ("welcome, setup check and the plan" if index == 0 else "recap of the last part",
                   WELCOME if index == 0 else RECAP)
        rows.append((clock, opening[0], opening[1], ""))
        clock += opening[1]
        budget = length - BREAK - WRAP_UP
        used_break = False
        while queue:
            name, secs = queue[0]
            needed = round(sum(s.minutes_as(s.tag) for s in secs))
            if clock + needed > budget + opening[1] and rows[-1][1] != opening[0]:
                break
            if not used_break and clock + needed > (length - BREAK) / 2 + opening[1] and rows[-1][1] != opening[0]:
                rows.append((clock, "break", BREAK, "Binder servers stop after about 10 idle minutes: save first"))
                clock += BREAK
                used_break = True
            note = "; ".join(f"{kind} {', '.join(s.number for s in secs if s.tag == kind)}"
                             for kind in ("demo", "optional") if any(s.tag == kind for s in secs))
            rows.append((clock, name, needed, note.replace("optional", "skip (homework)")))
            clock += needed
            queue.pop(0)
        if not used_break:
            rows.append((clock, "break", BREAK, "Binder servers stop after about 10 idle minutes: save first"))
            clock += BREAK
        rows.append((clock, "wrap-up", WRAP_UP, ""))
        clock += WRAP_UP
        parts.append((length, clock, rows))
    if queue:
        raise SystemExit(f"{format_name}: {', '.join(name for name, _ in queue)} do not fit; tag more sections "
                         "demo or optional")
    return parts


def clock_text(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}"


def print_plan(format_name, markdown):
    for index, (length, used, rows) in enumerate(plan(format_name), 1):
        print(f"\n{format_name}, part {index}: {used} of {length} minutes")
        if markdown:
            print("\n| time | what | minutes | demo / skip |\n|---|---|---|---|")
        for start, what, minutes, note in rows:
            if markdown:
                print(f"| {clock_text(start)} | {what} | {minutes} | {note} |")
            else:
                print(f"  {clock_text(start)}  {what:<28} {minutes:>4} min  {note}")


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
    args = parser.parse_args()
    if args.format:
        print_plan(args.format, args.markdown)
    else:
        print_sections()


if __name__ == "__main__":
    main()
