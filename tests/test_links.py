"""Every Binder, Colab and nbgitpuller link in the docs comes from nnlib/course.py, and `make links` moves them all."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest

from nnlib import course

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("links", ROOT / "tools" / "links.py")
links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(links)

FORK, TAG = "https://github.com/someone/nn-workshop", "workshop-2026-12"


def found_links(text):
    return [match.group(0) for pattern in links.PATTERNS.values() for match in pattern.finditer(text)]


def test_every_link_in_the_docs_is_the_generated_one():
    assert links.stale_links() == []
    assert len(found_links((ROOT / "README.md").read_text())) >= 2 * len(course.NOTEBOOKS)


def test_the_generated_links_open_the_right_notebook():
    name = "03_linearity.ipynb"
    binder = urlparse(course.binder_link(name, FORK, TAG))
    assert binder.path == "/v2/gh/someone/nn-workshop/workshop-2026-12"
    assert parse_qs(binder.query)["labpath"] == [f"notebooks/{name}"]
    assert course.colab_link(name, FORK, TAG).endswith(f"/github/someone/nn-workshop/blob/{TAG}/notebooks/{name}")
    pull = parse_qs(urlparse(course.nbgitpuller_link(name, FORK, TAG)).query)
    # nbgitpuller clones into a folder named after the repository
    assert pull == {"repo": [FORK], "urlpath": [f"lab/tree/nn-workshop/notebooks/{name}"], "branch": [TAG]}


def test_an_address_that_is_not_a_github_repository_is_refused():
    with pytest.raises(ValueError, match="https://github.com/owner/name"):
        course.binder_link("01_neuron.ipynb", "github.com/someone")


def test_relinking_moves_every_link_and_nothing_else():
    for path in links.docs():
        text = path.read_text()
        moved = links.relink(text, FORK, TAG)
        assert len(found_links(moved)) == len(found_links(text))
        assert all("someone" in link and TAG in link for link in found_links(moved)), path.name
        assert links.relink(moved, course.REPOSITORY, course.BRANCH) == text, "relinking back restores the doc"


def test_make_links_points_docs_course_and_colab_setup_cell_at_a_fork(tmp_path):
    clone = tmp_path / "course"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(".git", ".venv", "build", "solutions", "student"))
    for command in (["tools/links.py", "--repo", FORK, "--ref", TAG],
                    ["tools/run_notebooks.py", "--clean-only", "notebooks/01_neuron.ipynb"]):
        subprocess.run([sys.executable, *command], cwd=clone, check=True, capture_output=True)
    assert f'REPOSITORY = "{FORK}"' in (clone / "nnlib" / "course.py").read_text()
    readme = (clone / "README.md").read_text()
    assert course.binder_link("01_neuron.ipynb", FORK, TAG) in readme and course.REPOSITORY not in readme
    setup = nbformat.read(clone / "notebooks" / "01_neuron.ipynb", as_version=4).cells[1].source
    assert FORK in setup and f'"--branch", "{TAG}"' in setup
    check = subprocess.run([sys.executable, "tools/links.py", "--check"], cwd=clone, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
