"""Colab, played here: a fresh Python environment without nnlib, a stand-in `google.colab` module, and the
course's address pointed at a local clone. Each notebook's setup cell must install nnlib so that the rest of
the notebook can import what it uses."""

import json
import re
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import nbformat
import pytest

from nnlib.course import NOTEBOOKS, SETUP_CELL

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """A bare virtual environment that sees the course's third-party packages (as Colab has them) but not nnlib."""
    tmp = tmp_path_factory.mktemp("colab")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], check=True)
    python = tmp / "venv" / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # Colab ships numpy, matplotlib, ipywidgets, scikit-learn and pip; lend ours. (A .pth path is not itself
    # scanned for .pth files, so our editable nnlib stays invisible.)
    Path(site, "colab_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    origin = tmp / "origin"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(origin)], check=True)
    return python, origin, tmp / "content" / "course"


def run_in_colab(colab, code):
    python, origin, course = colab
    script = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')\n" + code
    env = {"NN_COURSE_REPO": str(origin), "NN_COURSE_DIR": str(course), "MPLBACKEND": "Agg",
           "PATH": "/usr/bin:/bin", "HOME": str(course.parent.parent)}
    return subprocess.run([python, "-c", script], capture_output=True, text=True, env=env, cwd=course.parent.parent,
                          timeout=300)


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
