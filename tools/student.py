"""A copy of the course for learners, with no solution anywhere in it: `make student`, or

    python tools/run_notebooks.py --student student [--reveal 01,02] [--ref student] [--repo https://github.com/you/course]

What the copy holds: the notebooks (every solution cell, and every cell tagged `student-hide` because it would give
a solution away, replaced by a one-line note), nnlib, the data, what Binder and a laptop need (environment.yml,
postBuild, pyproject.toml, tools/lab.py) and a README written for learners. Its links and its Colab setup cell point
at REF (by default the folder's name, as a branch) of REPO, where the instructor publishes it.

The copy is built beside the target in a new folder and checked (no solution text in it, every relative link
resolves) before it replaces the previous one, so a failed build leaves the previous copy as it was. A `.git`
inside the previous copy (a `git worktree` of a publishing branch, say) moves into the new one.
"""

import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(TOOLS)]

import links  # noqa: E402
from nnlib import course  # noqa: E402

HIDDEN_SOLUTION = "*The solution is hidden in this copy: your instructor shares it when the time comes.*"
HIDDEN_CELL = "*A cell that gives an exercise's solution away is hidden here: your instructor shares it later.*"
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)
LINK = re.compile(r"\]\(([^)\s]+)\)")
COPIED = ("nnlib", "data", "pyproject.toml", "environment.yml", "postBuild", "tools/lab.py")
LEFT_OUT = ("__pycache__", ".ipynb_checkpoints", "mnist", "*.pyc")
GITIGNORE = ".venv/\n__pycache__/\n.ipynb_checkpoints/\n*.egg-info/\n"


def tags(cell):
    return cell.metadata.get("tags", [])


def hide_solutions(nb):
    """Replace each solution cell, and each cell tagged student-hide, by a one-line note; nothing else changes."""
    for index, cell in enumerate(nb.cells):
        if "solution" in tags(cell):
            cell.source = HIDDEN_SOLUTION
            cell.metadata["tags"] = ["solution-hidden"]
        elif "student-hide" in tags(cell):
            nb.cells[index] = nbformat.v4.new_markdown_cell(HIDDEN_CELL, metadata={"tags": ["student-hidden"]})
            nb.cells[index].pop("id", None)
    return nb


def solution_blocks(nb):
    """The code of every ```python block of the notebook's solution cells."""
    return [block.strip() for cell in nb.cells if "solution" in tags(cell)
            for block in SOLUTION_CODE.findall(cell.source)]


def notebook_numbers(text):
    """'01,2, 03' -> {'01', '02', '03'}: the notebooks named by --reveal."""
    numbers = set()
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        if not part.isdigit():
            raise SystemExit(f"--reveal takes notebook numbers such as 01,02 but got {part!r}")
        numbers.add(f"{int(part):02d}")
    return numbers


def readme(notebooks, repository, ref):
    """The copy's README, written to learners: how to open the notebooks, how to work, what to do when stuck."""
    facts = {name: (title, minutes) for name, title, minutes in course.NOTEBOOKS}
    rows = []
    for name in notebooks:
        title, minutes = facts.get(name, (name, None))
        links = (f"[Binder]({course.binder_link(name, repository, ref)}) · "
                 f"[Colab]({course.colab_link(name, repository, ref)})")
        rows.append(f"| {name[:2]} | [{title}](notebooks/{name}) | {f'{minutes} min' if minutes else ''} | {links} |")
    table = "\n".join(rows)
    return f"""# Inside a neural network

An interactive course on how neural networks work inside, one neuron at a time: in every notebook you drag a
weight or a bias, watch what changes, and read why. This is your copy for the workshop: try each exercise
yourself; your instructor shares the solutions when the time comes.

## Open a notebook

| # | notebook | time alone | open it online |
|---|---|---|---|
{table}

- **Binder**, no account needed: JupyterLab opens in your browser, with every notebook in the file browser on the
  left. A server left idle for about 10 minutes stops and forgets what was not saved: File > Download keeps it.
- **Colab**, with a Google account: run the first code cell first (it fetches the course, a few seconds), and
  again after Runtime > Restart session. File > Save a copy in Drive keeps your work.
- **Your own computer**, with Python 3.10 or newer: in this folder, run `python tools/lab.py` (on Windows
  `py tools\\lab.py` or `python tools\\lab.py`). The first time, it installs what the course needs into `.venv`
  (a few minutes); then it opens JupyterLab at notebook 01.

## How to work

Click a cell, then **Shift + Enter** runs it and moves to the next. Run a notebook from the top, in order; the
first code cell, the setup cell, always first. Write your answer in an exercise cell, run it, then run the check
cell under it: ✅ means the check tried your answer and it passed; 💡 names the mistake it found. A 💡 is a hint,
not a failure: everyone gets some.

Something wrong? Run the setup cell, then the cell you wanted. Still wrong:
Kernel > Restart Kernel and Run All Cells (on Colab: Runtime > Restart session and run all); your answers stay in
their cells, and the numbers come back the same. Still wrong: open the link again, and ask.
"""


def broken_links(folder):
    """(file, target) for every relative link in the copy's markdown (README and notebooks) that leads nowhere."""
    broken = []
    documents = [(path, path.read_text(encoding="utf-8")) for path in folder.rglob("*.md")]
    for path in sorted(folder.glob("notebooks/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        documents.append((path, "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")))
    for path, text in documents:
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            if not (path.parent / unquote(target.split("#")[0])).exists():
                broken.append((str(path.relative_to(folder)), target))
    return broken


def leaks(folder, blocks):
    """(file, notebook) for every file of the copy that holds a solution's code: blocks is {notebook: [code]}."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            text = "\n".join(cell.source for cell in nb.cells)
        found += [(str(path.relative_to(folder)), name) for name, codes in blocks.items()
                  if any(code in text for code in codes)]
    return found


def check_target(out):
    """Refuse a folder the copy must not replace: the course itself, a folder holding it, or someone's folder."""
    out = Path(out).resolve()
    if out == ROOT or out in ROOT.parents or any(out == ROOT / name or (ROOT / name) in out.parents
                                                 for name in ("nnlib", "notebooks", "tools", "tests", "instructors",
                                                              "data", ".git")):
        raise SystemExit(f"--student {out} would overwrite the course itself: give a new folder, such as student.")
    if out.exists() and (not out.is_dir() or (any(p.name != ".git" for p in out.iterdir())
                                              and not ((out / "notebooks").is_dir() and (out / "nnlib").is_dir()))):
        raise SystemExit(f"{out} exists and is not a copy of the course, so it is left alone: give a new folder "
                         "(or empty this one).")
    return out


def build(out, notebooks, reveal=frozenset(), repository=None, ref=None):
    """Write the learners' copy into out: notebooks are paths; reveal the numbers whose solutions stay visible."""
    out = check_target(out)
    repository = repository or course.REPOSITORY
    ref = ref or out.name
    links.check_ref(ref)
    try:
        course.binder_link("01_neuron.ipynb", repository, ref)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    numbers = {Path(path).name[:2] for path in notebooks}
    unknown = sorted(set(reveal) - numbers)
    if unknown:
        raise SystemExit(f"--reveal names notebook {', '.join(unknown)}, which the copy would not hold: its "
                         f"notebooks are {', '.join(sorted(numbers))}. Nothing was written.")
    read = {Path(path).name: nbformat.read(path, as_version=4) for path in notebooks}
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    building.chmod(0o755)  # mkdtemp makes it private; the copy is for everyone
    try:
        for name in COPIED:
            source, target = ROOT / name, building / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(*LEFT_OUT))
            else:
                shutil.copy2(source, target)
        address = building / "nnlib" / "course.py"
        address.write_text(links.with_course_address(address.read_text(encoding="utf-8"), repository, ref),
                           encoding="utf-8")
        (building / ".gitignore").write_text(GITIGNORE)
        (building / "README.md").write_text(readme(list(read), repository, ref), encoding="utf-8")
        (building / "notebooks").mkdir()
        hidden = {}
        for name, nb in read.items():
            if name[:2] not in reveal:
                hidden[name] = solution_blocks(nb)
                hide_solutions(nb)
            next(cell for cell in nb.cells if cell.cell_type == "code").source = course.setup_cell(repository, ref)
            nbformat.write(nb, building / "notebooks" / name)
        problems = [f"{where} holds a solution of {name}: tag the cell that shows it student-hide"
                    for where, name in leaks(building, hidden)]
        problems += [f"{where} links to {target}, which the copy does not hold" for where, target in
                     broken_links(building)]
        if problems:
            raise SystemExit("The copy was not written (the previous one, if any, is as it was):\n  "
                             + "\n  ".join(problems))
        _swap(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return out


def _swap(new, out):
    """Put new where out is; a .git inside out (a worktree, a repository) moves across."""
    if not out.exists():
        new.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    old.rmdir()
    if (out / ".git").exists():
        (out / ".git").rename(new / ".git")
    try:
        out.rename(old)
    except OSError:
        if (new / ".git").exists():
            (new / ".git").rename(out / ".git")
        raise
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
