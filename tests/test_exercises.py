"""Each notebook with every exercise replaced by its published solution: every check must say ✅."""

import nbformat
import pytest

from nnlib.course import NOTEBOOKS

from feedback import ROOT, harness

run_notebooks = harness()


@pytest.mark.parametrize("name", [name for name, _, _ in NOTEBOOKS])
def test_published_solutions_pass_their_checks(name):
    path = ROOT / "notebooks" / name
    if not path.exists():
        pytest.fail(f"{name} is missing")
    nb = run_notebooks.fill_solutions(nbformat.read(path, as_version=4))
    run_notebooks.execute(nb, path)
    checks = [cell for cell in nb.cells if "check" in cell.metadata.get("tags", [])]
    assert len(checks) >= 3
    for cell in checks:
        text = "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")
        assert text.lstrip().startswith("✅"), f"{cell.source!r} printed {text!r}"
