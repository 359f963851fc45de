"""`make student`: copies of the notebooks for a room where the solutions stay hidden until the instructor says."""

import subprocess
import sys
from pathlib import Path

import nbformat

from nnlib.course import NOTEBOOKS

from feedback import harness

ROOT = Path(__file__).resolve().parent.parent
NAMES = [name for name, _, _ in NOTEBOOKS]


def make_student_copies(out, *reveal):
    command = [sys.executable, "tools/run_notebooks.py", "--student", str(out)]
    command += ["--reveal", ",".join(reveal)] if reveal else []
    subprocess.run(command + [f"notebooks/{name}" for name in NAMES], cwd=ROOT, check=True, capture_output=True)
    return {name: nbformat.read(out / name, as_version=4) for name in NAMES}


def solution_cells(nb):
    return [cell for cell in nb.cells if "solution" in cell.metadata.get("tags", [])]


def test_student_copies_hide_every_solution_and_change_nothing_else(tmp_path):
    copies = make_student_copies(tmp_path)
    for name, copy in copies.items():
        original = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        assert len(copy.cells) == len(original.cells)
        assert not solution_cells(copy), f"{name} still shows a solution"
        for before, after in zip(original.cells, copy.cells):
            if "solution" in before.metadata.get("tags", []):
                assert "```python" not in after.source and after.cell_type == "markdown"
            else:
                assert after == before, f"{name}: a cell other than a solution changed"


def test_reveal_puts_back_the_named_notebooks_solutions_only(tmp_path):
    copies = make_student_copies(tmp_path, "1", "03")
    for name, copy in copies.items():
        original = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        if name[:2] in ("01", "03"):
            assert copy == original
        else:
            assert not solution_cells(copy)


def test_reveal_refuses_what_is_not_a_notebook_number(tmp_path):
    result = subprocess.run([sys.executable, "tools/run_notebooks.py", "--student", str(tmp_path), "--reveal",
                             "neuron", "notebooks/01_neuron.ipynb"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "notebook numbers such as 01,02" in result.stderr


def test_a_student_copy_runs_top_to_bottom_and_no_check_passes(tmp_path):
    student_copy = make_student_copies(tmp_path)["02_bias.ipynb"]
    harness().execute(student_copy, ROOT / "notebooks" / "02_bias.ipynb")
    outputs = [out for cell in student_copy.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    checks = [cell for cell in student_copy.cells if "check" in cell.metadata.get("tags", [])]
    assert checks and all("✅" not in "".join(o.get("text", "") for o in cell.outputs) for cell in checks)
