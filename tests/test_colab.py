"""Colab, played here: a fresh Python environment without nnlib, a stand-in `google.colab` module, and the
course's address pointed at a local clone. Each notebook's setup cell must install nnlib so that the rest of
the notebook can import what it uses, and say what to do, without a traceback, when the course cannot be fetched."""

import json
import re
import subprocess
import textwrap
from pathlib import Path

import nbformat
import pytest

import fake_colab
from nnlib.course import BRANCH, NOTEBOOKS, SETUP_CELL, setup_cell

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """The pretend Colab's Python, a local clone of the course to fetch from, and where the setup cell puts it."""
    tmp = tmp_path_factory.mktemp("colab")
    python = fake_colab.make_environment(tmp)
    origin = tmp / "origin"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(origin)], check=True)
    # The setup cell clones BRANCH, a branch or (once pinned) a tag. A clone without tags (CI's shallow checkout)
    # may lack it: make it here, so the tests never need the tag on any remote.
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", BRANCH], cwd=origin,
                      capture_output=True).returncode != 0:
        subprocess.run(["git", "tag", BRANCH], cwd=origin, check=True)
    return python, origin, tmp / "content" / "course"


def run_in_colab(colab, code):
    python, origin, course = colab
    return fake_colab.run(python, code, origin, course)


def test_nnlib_is_not_there_before_the_setup_cell(colab):
    result = run_in_colab(colab, "import nnlib")
    assert "No module named 'nnlib'" in result.stderr


@pytest.mark.parametrize("name", [name for name, _, _ in NOTEBOOKS])
def test_setup_cell_makes_the_notebook_importable(colab, name):
    path = ROOT / "notebooks" / name
    if not path.exists():
        pytest.fail(f"{name} is missing")
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    imports = [line for source in cells[1:] for line in source.splitlines()
               if re.match(r"(from nnlib\S* import|import nnlib)", line)]
    code = cells[0] + "\n" + "\n".join(imports) + textwrap.dedent(f"""
        import nnlib
        print(json.dumps(nnlib.__file__))
    """)
    result = run_in_colab(colab, "import json\n" + code)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]).startswith(str(colab[2]))


def test_from_a_pulled_copy_the_setup_cell_finds_nnlib_beside_the_notebooks(colab):
    """On a JupyterHub (nbgitpuller) the course is a folder in the learner's home and nnlib is not installed."""
    python, origin, _ = colab
    code = SETUP_CELL + "\nprint(nnlib.__file__, nnlib.load_party().X.shape)"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=origin / "notebooks",
                            env={"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith(str(origin / "nnlib")) and "(200, 3)" in result.stdout


@pytest.mark.parametrize("where", ["a tag the repository does not have", "an address with no repository"])
def test_a_course_that_cannot_be_fetched_gets_a_message_and_a_fix_not_a_traceback(colab, where):
    python, origin, fetched = colab
    course = fetched.parent / "never-fetched"
    if where.startswith("a tag"):
        cell, repo, ref = setup_cell(ref="workshop-not-pushed"), origin, "workshop-not-pushed"
    else:
        cell, repo, ref = SETUP_CELL, origin.parent / "no-such-repository", BRANCH
    result = fake_colab.run_cell(python, cell, repo, course)
    shown = result.stdout + result.stderr
    assert result.returncode == 3, "the cell fails, so Run All stops there instead of piling up NameErrors"
    assert "Traceback" not in shown and "Error" not in shown, shown
    assert shown.startswith(f"❌ Could not fetch the course ({ref} of {repo}): "), shown
    assert "Fix: run this cell again" in shown and f"git push origin {ref}" in shown, shown
    assert not course.exists(), "nothing half-done: running the cell again starts afresh"
