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


def test_make_links_points_docs_course_and_every_colab_setup_cell_at_a_fork(tmp_path):
    clone = tmp_path / "course"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(".git", ".venv*", "build", "solutions", "student",
                                                                "__pycache__"))
    originals = {name: nbformat.read(clone / "notebooks" / name, as_version=4) for name, _, _ in course.NOTEBOOKS}
    done = subprocess.run([sys.executable, "tools/links.py", "--repo", FORK, "--ref", TAG], cwd=clone,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f'REPOSITORY = "{FORK}"' in (clone / "nnlib" / "course.py").read_text()
    readme = (clone / "README.md").read_text()
    assert course.binder_link("01_neuron.ipynb", FORK, TAG) in readme and course.REPOSITORY not in readme
    for name, _, _ in course.NOTEBOOKS:
        nb = nbformat.read(clone / "notebooks" / name, as_version=4)
        original = originals[name]
        setup = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
        assert nb.cells[setup].source == course.setup_cell(FORK, TAG)
        assert nb.cells[:setup] + nb.cells[setup + 1:] == original.cells[:setup] + original.cells[setup + 1:], \
            f"{name}: only the setup cell changes"
    check = subprocess.run([sys.executable, "tools/links.py", "--check"], cwd=clone, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """What tools/links.py reads and writes, copied: the docs, nnlib and the notebooks."""
    copy = tmp_path_factory.mktemp("links")
    for name in ("README.md", "INSTRUCTORS.md"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("tools", "nnlib", "instructors", "notebooks"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    return copy


@pytest.mark.parametrize("args, expected", [(["--ref", "two words"], "cannot be a branch or tag name"),
                                            (["--ref=-x"], "cannot be a branch or tag name"),
                                            (["--repo", "github.com/someone"], "https://github.com/owner/name"),
                                            (["--pin", TAG, "--ref", "main"], "--pin takes the tag itself")])
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(course_copy, args, expected):
    clone = course_copy
    before = {path: path.read_bytes() for path in clone.rglob("*") if path.is_file()}
    done = subprocess.run([sys.executable, "tools/links.py", *args], cwd=clone, capture_output=True, text=True)
    assert done.returncode != 0 and expected in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert {path: path.read_bytes() for path in clone.rglob("*") if path.is_file()} == before
