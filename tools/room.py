"""The room at a glance: who is stuck where, from the progress codes learners paste in the chat.

    python tools/room.py chat.txt          # lines copied from the chat, saved in a file (or several files)
    python tools/room.py                   # or paste them here, then Ctrl-D (Windows: Ctrl-Z, then Enter)

A learner runs `nnlib.checks.progress()` in their notebook and pastes its last line, such as `nn-01 ✅✅💡·` (one
mark per exercise: ✅ done, 💡 tried but not right yet, · not tried). A chat line may carry the name and a time
before the code ("10:32 Alice: nn-01 ✅✅💡·", "From Alice to Everyone: ..."); each learner's latest line counts.
Lines that hold no progress code are skipped, each with a note saying why. No server, no account.
"""

import argparse
import importlib
import pkgutil
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nnlib.checks  # noqa: E402
from nnlib.checks._feedback import EXERCISES, NOT_YET, PASS  # noqa: E402
from nnlib.checks._progress import CODE_PREFIX, NOT_TRIED  # noqa: E402
from nnlib.course import NOTEBOOKS  # noqa: E402

NOTEBOOK_NAMES = {name[:2]: name[:-len(".ipynb")] for name, _, _ in NOTEBOOKS}
CODE = re.compile(rf"(?<![\w-]){re.escape(CODE_PREFIX)}(\d\d)(?![\w-])")
SETUP_CODE = re.compile(rf"(?<![\w-]){re.escape(CODE_PREFIX)}(ok|\d+problems?)-")
# Chat apps copy some marks differently: · as • or ., emoji as their :names:, with an invisible variation selector.
MARKS = {"✅": PASS, "💡": NOT_YET, NOT_TRIED: NOT_TRIED, "•": NOT_TRIED, ".": NOT_TRIED}
ALIASES = {":white_check_mark:": "✅", ":bulb:": "💡", "\ufe0f": "", "\u200d": ""}
TIME = re.compile(r"^\[?\(?\d{1,2}:\d{2}(:\d{2})?\s*([AaPp]\.?[Mm]\.?)?\)?\]?\s*")
ZOOM = re.compile(r"^From\s+(.+?)(\s+to\s+.+?)?\s*:?\s*$")
EXAMPLE = "Alice: nn-01 ✅✅💡·"


def exercise_names():
    """{notebook: [exercise names in its order]}, from the course's own checks."""
    for module in pkgutil.iter_modules(nnlib.checks.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"nnlib.checks.{module.name}")
    return EXERCISES


def speaker(before):
    """The learner's name from what a chat line holds before the code: times, 'From ... to Everyone', colons
    and brackets removed."""
    name = TIME.sub("", before.strip())
    zoom = ZOOM.match(name)
    if zoom:
        name = zoom.group(1)
    return name.strip(" \t:-–—><|").strip()


def read_line(text, names):
    """(learner, notebook, marks) for a line holding a progress code, else (None, None, why it was skipped)."""
    found = CODE.search(text)
    shown = text.strip() if len(text.strip()) <= 60 else text.strip()[:57] + "..."
    if not found:
        if SETUP_CODE.search(text):
            return None, None, f'"{shown}" is a setup code (from check_setup()), not a progress code.'
        return None, None, f'"{shown}" holds no progress code (such as "{EXAMPLE}").'
    number, after = found.group(1), text[found.end():]
    if number not in NOTEBOOK_NAMES:
        return None, None, f'"{shown}": the course has no notebook {number} (01 to {max(NOTEBOOK_NAMES)}).'
    notebook = NOTEBOOK_NAMES[number]
    for alias, mark in ALIASES.items():
        after = after.replace(alias, mark)
    marks = []
    for char in after.lstrip():
        if char in MARKS:
            marks.append(MARKS[char])
        elif not char.isspace():
            break
    expected = len(names.get(notebook, []))
    if len(marks) != expected:
        return None, None, (f'"{shown}": {notebook} has {expected} exercises, but this code gives {len(marks)} '
                            f"marks. Ask for the whole last line that progress() prints.")
    return speaker(text[:found.start()]), notebook, marks


def where(marks, names):
    """Where a learner is: the first exercise tried but not right, else the first not tried, else done."""
    for mark, word in ((NOT_YET, "stuck on"), (NOT_TRIED, "on")):
        if mark in marks:
            k = marks.index(mark)
            return f"{word} {k + 1} ({names[k]})"
    return "done"


def room(lines):
    """(latest {(learner, notebook): marks}, notes on skipped lines) from the pasted lines, in order."""
    names = exercise_names()
    latest, notes = {}, []
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        learner, notebook, marks = read_line(text, names)
        if notebook is None:
            notes.append(f"line {number}: {marks}")
            continue
        latest.pop((learner or f"(no name, line {number})", notebook), None)  # re-inserted: latest order
        latest[learner or f"(no name, line {number})", notebook] = marks
    return latest, notes


def _urgency(item, names):
    (_, notebook), marks = item
    stuck = marks.index(NOT_YET) if NOT_YET in marks else len(marks)
    return notebook, NOT_YET not in marks, stuck, marks.count(PASS)


def table(latest):
    """The room as text: per notebook, how many learners have each exercise done, tried or not tried, then each
    learner's place, those who are stuck first."""
    names = exercise_names()
    lines = []
    for notebook in sorted({notebook for _, notebook in latest}):
        rows = {learner: marks for (learner, nb), marks in latest.items() if nb == notebook}
        exercises = names[notebook]
        lines.append(f"{notebook}: {len(rows)} learner{'s' * (len(rows) != 1)}")
        width = max(len(f"{k} {name}") for k, name in enumerate(exercises, 1))
        lines.append(f"  {'exercise':<{width}}  {PASS}  {NOT_YET}  {NOT_TRIED:>2}")  # an emoji is two columns wide
        for k, name in enumerate(exercises):
            counts = [sum(marks[k] == mark for marks in rows.values()) for mark in (PASS, NOT_YET, NOT_TRIED)]
            lines.append(f"  {f'{k + 1} {name}':<{width}}  " + "  ".join(f"{c:>2}" for c in counts))
        lines.append("")
        who = max(len(learner) for learner in rows)
        place = {learner: where(marks, exercises) for learner, marks in rows.items()}
        steps = max(len(text) for text in place.values())
        for learner, marks in sorted(rows.items(), key=lambda item: _urgency(((item[0], notebook), item[1]), names)):
            lines.append(f"  {learner:<{who}}  {place[learner]:<{steps}}  {''.join(marks)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="text files of pasted chat lines (default: read them "
                                                            "from the keyboard or a pipe)")
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):  # a console that cannot show ✅ shows '?' rather than stopping
        sys.stdout.reconfigure(errors="replace")
    lines = []
    for path in args.files:
        if not path.is_file():
            raise SystemExit(f"{path}: no such file. Save the chat's lines in a text file and give its name, or "
                             "run `python tools/room.py` alone and paste them.")
        lines += path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    if not args.files:
        if sys.stdin.isatty():
            print("Paste the chat's lines, then press Ctrl-D (Windows: Ctrl-Z, then Enter):", file=sys.stderr)
        lines = sys.stdin.read().splitlines()
    latest, notes = room(lines)
    if latest:
        print(table(latest), end="")
    else:
        print(f"No progress code in these {len(lines)} lines: each learner pastes the last line that "
              f"nnlib.checks.progress() prints, such as {EXAMPLE}.")
    if notes:
        print(f"\nSkipped {len(notes)} line{'s' * (len(notes) != 1)}:")
        for note in notes:
            print(f"  {note}")


if __name__ == "__main__":
    main()
