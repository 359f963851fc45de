"""Where a learner is: ✅ done, 💡 tried or · not tried, for every exercise of the notebook open in this kernel.

A helper walking the room runs `nnlib.checks.progress()` in a learner's notebook and sees at a glance which
exercises are done; the last line is a short code (`nn-01 ✅✅💡·`) the learner pastes in the chat, and
`python tools/room.py` turns the room's pasted codes into one table. Every verdict is also kept in a small file
beside the notebook (PROGRESS_FILE, in the kernel's working folder), so a restarted kernel still knows it. A folder
that cannot be written keeps nothing, and the checks work as before.
"""

import json
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from ._feedback import EXERCISES, NOT_YET, PASS, RESULTS, notebook_named_in

PROGRESS_FILE = ".progress.json"
NOT_TRIED = "·"
CODE_PREFIX = "nn-"
_WORDS = {PASS: "done", NOT_YET: "tried"}  # how the file spells each verdict
_VERDICTS = {word: verdict for verdict, word in _WORDS.items()}
_unkept = []  # the folder the last verdict could not be kept in, if it could not


def _path():
    return Path.cwd() / PROGRESS_FILE


def kept():
    """The verdicts in the file, {notebook: {exercise: ✅ or 💡}}; {} when there is none or it cannot be read."""
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no file, a folder that cannot be read, or a file that is not ours
        return {}
    if not isinstance(data, dict):
        return {}
    return {notebook: {name: _VERDICTS[word] for name, word in exercises.items() if word in _VERDICTS}
            for notebook, exercises in data.items() if isinstance(exercises, dict)}


def keep(notebook, exercise, verdict):
    """Add one verdict to the file: written whole to a temporary file beside it, then moved over it, so that the
    file is never half-written. When the folder cannot be written, nothing is kept (progress() says so)."""
    record = {name: {ex: _WORDS[v] for ex, v in exercises.items()} for name, exercises in kept().items()}
    record.setdefault(notebook, {})[exercise] = _WORDS[verdict]
    path = temporary = None
    try:
        path = _path()
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".progress-",
                                         suffix=".tmp", delete=False) as file:
            temporary = file.name
            json.dump(record, file, indent=1, sort_keys=True)
        os.replace(temporary, path)
    except OSError:  # a read-only folder, a full disk: the check itself must still speak
        if temporary is not None:
            try:
                os.remove(temporary)
            except OSError:
                pass
        _unkept[:] = [str(path.parent) if path is not None else "this folder"]
    else:
        _unkept.clear()


def chat_code(notebook, verdicts):
    """'nn-01 ✅✅💡·': the notebook's number and one mark per exercise, in the notebook's order."""
    return f"{CODE_PREFIX}{notebook[:2]} {''.join(verdict or NOT_TRIED for verdict in verdicts)}"


def _open_notebooks():
    """The notebooks of this kernel: the one whose checks the notebook imported as `check` (`from nnlib.checks
    import bias as check`; any check module it imported when none is called so), and any whose checks ran here."""
    namespace = vars(sys.modules["__main__"])
    modules = [value for value in namespace.values() if isinstance(value, ModuleType)
               and value.__name__.startswith("nnlib.checks.") and not value.__name__.rsplit(".", 1)[1].startswith("_")]
    if namespace.get("check") in modules:
        modules = [namespace["check"]]
    homes = {notebook_named_in(module.__doc__) for module in modules}
    return sorted(notebook for notebook in homes | {notebook for notebook, _ in RESULTS} if notebook in EXERCISES)


def progress():
    """Print, per exercise of this kernel's notebook, ✅ (done), 💡 (tried, not right yet) or · (not tried), this
    kernel's latest verdict or else the one kept from an earlier kernel; then the code to paste in the chat."""
    notebooks = _open_notebooks()
    if not notebooks:
        print("No exercise checks in this kernel yet: run the notebook's first cells (the setup and imports).")
        return
    earlier = kept()
    for notebook in notebooks:
        names = EXERCISES[notebook]
        verdicts = [RESULTS.get((notebook, name)) or earlier.get(notebook, {}).get(name) for name in names]
        print(f"{notebook}: {verdicts.count(PASS)} of {len(names)} exercises done")
        for number, (name, verdict) in enumerate(zip(names, verdicts), 1):
            label = {PASS: "done", NOT_YET: "tried, not right yet"}.get(verdict, "not tried yet")
            print(f"  {verdict or NOT_TRIED} {number}. {name}: {label}")
        print(f"For the chat: {chat_code(notebook, verdicts)}")
    if _unkept:
        print(f"(Not kept for after a restart: {_unkept[0]} cannot be written. The checks work as before.)")
