"""Run course notebooks top to bottom in a fresh kernel and save them ready to commit.

    python tools/run_notebooks.py                                 # every notebook: execute, then clean
    python tools/run_notebooks.py notebooks/03_linearity.ipynb    # one (or a pattern: "notebooks/0*.ipynb")
    python tools/run_notebooks.py --clean-only                    # clean without executing
    python tools/run_notebooks.py --solutions OUTDIR              # solution-filled copies, executed
    python tools/run_notebooks.py --student OUTDIR [--reveal 01,02] [--ref REF] [--repo URL]
                                  # the learners' copy of the course (tools/student.py), without the solutions

With no notebook named, every notebook in notebooks/ is meant; patterns are expanded here, so the same command
works in cmd and PowerShell. Before running, the first code cell is made identical to nnlib.course.SETUP_CELL.
Cleaning removes saved widget state (GitHub cannot render it), kernel-specific metadata and execution timings.
"""

import argparse
import glob
import re
from collections import namedtuple
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nnlib.course import SETUP_CELL  # noqa: E402

KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info")
KEEP_CELL_METADATA = ("tags",)
LIVE_ONLY = "live-only"  # a cell whose outputs are never saved (the setup check); nbval ignores them too
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)


def sync_setup_cell(nb):
    first_code = next(cell for cell in nb.cells if cell.cell_type == "code")
    first_code.source = SETUP_CELL
    tags = first_code.metadata.setdefault("tags", [])
    if "setup" not in tags:
        tags.append("setup")


def clean(nb):
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NOTEBOOK_METADATA}
    nb.metadata.get("kernelspec", {}).update(display_name="Python 3", name="python3")
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA}
        cell.pop("id", None)
        if LIVE_ONLY in cell.metadata.get("tags", []):
            cell.outputs = []  # what it prints is about the learner's own kernel: a saved copy would prove nothing
    nb.nbformat, nb.nbformat_minor = 4, 4
    return nb


def code_blocks(markdown):
    """The code of every ```python block in a markdown cell, in order."""
    return [block.strip() + "\n" for block in SOLUTION_CODE.findall(markdown)]


def solution_source(markdown):
    """The code inside a solution cell's ```python block."""
    blocks = code_blocks(markdown)
    if not blocks:
        raise ValueError("solution cell has no ```python block")
    return blocks[0]


Exercise = namedtuple("Exercise", "stub solution check")


def exercises(nb):
    """Each exercise of a notebook as (stub, solution, check): the code of the exercise cell as it ships, the code
    of the published solution that follows it, and the source of the check cell after that."""
    found, stub, solution = [], None, None
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "exercise" in tags:
            stub, solution = cell.source, None
        elif "solution" in tags and stub is not None:
            solution = solution_source(cell.source)
        elif "check" in tags and solution is not None:
            found.append(Exercise(stub, solution, cell.source))
            stub = solution = None
    return found


def fill_solutions(nb):
    """Replace each exercise cell by the published solution that follows it."""
    exercise = None
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "exercise" in tags:
            exercise = cell
        elif "solution" in tags and exercise is not None:
            exercise.source = solution_source(cell.source)
            exercise = None
    return nb


def notebook_paths(patterns):
    """The notebooks named, each pattern ('notebooks/*.ipynb') expanded here; every notebook when none is named."""
    if not patterns:
        patterns = [str(ROOT / "notebooks" / "*.ipynb")]
    paths = []
    for pattern in patterns:
        found = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not found:
            raise SystemExit(f"{pattern} matches no notebook: give notebooks such as notebooks/01_neuron.ipynb, "
                             "or none for all of them.")
        for name in found:
            path = Path(name)
            if path.suffix != ".ipynb" or not path.is_file():
                raise SystemExit(f"{name} is not a notebook file: give notebooks such as notebooks/01_neuron.ipynb.")
            paths.append(path)
    return list(dict.fromkeys(paths))


def execute(nb, path, timeout=120):
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=False, record_timing=False).execute()
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks or patterns (default: every notebook)")
    parser.add_argument("--clean-only", action="store_true", help="clean without executing")
    parser.add_argument("--solutions", type=Path, metavar="OUTDIR",
                        help="write solution-filled, executed copies into OUTDIR instead")
    parser.add_argument("--student", type=Path, metavar="OUTDIR",
                        help="write the learners' copy of the course into OUTDIR (nothing is run)")
    parser.add_argument("--reveal", default="", metavar="01,02", help="with --student: keep these notebooks' solutions")
    parser.add_argument("--ref", help="with --student: the branch or tag the copy is published as (default: OUTDIR's "
                                      "name)")
    parser.add_argument("--repo", help="with --student: the repository it is published in (default: the course's)")
    args = parser.parse_args(argv)
    if sum(map(bool, (args.clean_only, args.solutions, args.student))) > 1:
        raise SystemExit("Give one of --clean-only, --solutions and --student.")
    if not args.student and (args.reveal or args.ref or args.repo):
        raise SystemExit("--reveal, --ref and --repo go with --student OUTDIR.")
    paths = notebook_paths(args.notebooks)
    if args.student:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import student

        reveal = student.notebook_numbers(args.reveal)
        out = student.build(args.student, paths, reveal, args.repo, args.ref)
        print(f"{out}: the learners' copy, {len(paths)} notebooks, solutions "
              f"{'shown in ' + ', '.join(sorted(reveal)) if reveal else 'hidden in every one'}.")
        return
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        sync_setup_cell(nb)
        target = path
        if args.solutions:
            fill_solutions(nb)
            args.solutions.mkdir(parents=True, exist_ok=True)
            target = args.solutions / path.name
        start = time.perf_counter()
        if not args.clean_only:
            execute(nb, path)
        nbformat.validate(clean(nb))
        nbformat.write(nb, target)
        print(f"{target}: {'cleaned' if args.clean_only else f'ran in {time.perf_counter() - start:.1f} s'}")


if __name__ == "__main__":
    main()
