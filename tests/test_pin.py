"""`make pin REF=<tag>`: every link and the Colab setup cell rewritten, committed and tagged in one step, so the tag
always holds pinned notebooks; refused, changing nothing, when that cannot be done cleanly. Played on a scratch
clone of the course with a local bare repository as its remote, so no tag ever needs to exist anywhere else."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import fake_colab
from nnlib import course

ROOT = Path(__file__).resolve().parent.parent
FORK, TAG = "https://github.com/someone/nn-workshop", "workshop-2026-12"
SKIP = {".git", ".venv", ".venv-widgets7", "build", "solutions", "student", "__pycache__", ".ipynb_checkpoints"}


def git(repo, *args, check=True):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check).stdout.strip()


@pytest.fixture(scope="module")
def course_repository(tmp_path_factory):
    """A clone of the course holding the working tree as it is now (in CI, the commit under test)."""
    clone = tmp_path_factory.mktemp("course") / "course"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file() and not SKIP & set(Path(name).parts):
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    git(clone, "add", "-A")
    if git(clone, "status", "--porcelain"):
        git(clone, "-c", "user.name=Course", "-c", "user.email=course@example.org", "commit", "--quiet",
            "--no-verify", "-m", "The working tree as it is")
    return clone


def scratch_clone(course_repository, tmp_path):
    """An instructor's clone of the course, its origin a local bare repository holding main."""
    remote, clone = tmp_path / "remote.git", tmp_path / "course"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    git(course_repository, "push", "--quiet", str(remote), "HEAD:refs/heads/main")
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))
    git(clone, "config", "user.name", "Instructor")
    git(clone, "config", "user.email", "instructor@example.org")
    return clone, remote


def pin(clone, *args):
    tag, *rest = args
    return subprocess.run([sys.executable, "tools/links.py", f"--pin={tag}", *rest], cwd=clone,
                          capture_output=True, text=True, timeout=120)


def state(clone):
    """Everything a refused pin must leave as it was: HEAD, the tags, the index and the working tree."""
    return (git(clone, "rev-parse", "HEAD"), git(clone, "tag"), git(clone, "status", "--porcelain"),
            git(clone, "diff", "HEAD"))


@pytest.fixture(scope="module")
def pinned(course_repository, tmp_path_factory):
    """A scratch clone pinned to TAG of FORK: (clone, remote, what the command printed, HEAD before pinning)."""
    clone, remote = scratch_clone(course_repository, tmp_path_factory.mktemp("pin"))
    before = git(clone, "rev-parse", "HEAD")
    result = pin(clone, TAG, "--repo", FORK)
    assert result.returncode == 0, result.stderr
    return clone, remote, result.stdout, before


def test_the_tag_holds_every_link_and_setup_cell_pinned(pinned):
    clone, _, printed, before = pinned
    assert git(clone, "rev-parse", f"{TAG}^{{commit}}") == git(clone, "rev-parse", "HEAD")
    assert git(clone, "rev-parse", "HEAD~1") == before, "one commit on top of what was there"
    assert git(clone, "status", "--porcelain") == "", "nothing left uncommitted"
    tagged = lambda path: git(clone, "show", f"{TAG}:{path}")  # noqa: E731
    assert f'REPOSITORY = "{FORK}"' in tagged("nnlib/course.py") and f'BRANCH = "{TAG}"' in tagged("nnlib/course.py")
    readme = tagged("README.md")
    assert course.binder_link("01_neuron.ipynb", FORK, TAG) in readme
    assert course.colab_link("01_neuron.ipynb", FORK, TAG) in readme and course.REPOSITORY not in readme
    for name, _, _ in course.NOTEBOOKS:
        nb = nbformat.reads(tagged(f"notebooks/{name}"), as_version=4)
        setup = next(cell for cell in nb.cells if cell.cell_type == "code").source
        assert setup == course.setup_cell(FORK, TAG), f"{name}'s setup cell is not pinned"
    assert f"git push origin main {TAG}" in printed


def test_the_course_tests_pass_after_pinning(pinned):
    clone = pinned[0]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=-p no:cacheprovider",
                             "tests/test_links.py", "tests/test_instructors.py", "tests/test_notebooks.py", "-k",
                             "(test_links and not bad_input) or opens_with_title_and_setup or relative_link"],
                            cwd=clone, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]


def test_learners_fetch_the_tag_once_it_is_pushed_and_are_told_what_to_do_before(pinned, tmp_path):
    clone, remote, _, _ = pinned
    python = fake_colab.make_environment(tmp_path)
    nb = nbformat.read(clone / "notebooks" / "01_neuron.ipynb", as_version=4)
    cell = next(cell for cell in nb.cells if cell.cell_type == "code").source
    course_dir = tmp_path / "content" / "course"
    if git(remote, "tag") == "":
        early = fake_colab.run_cell(python, cell, remote, course_dir)
        assert early.returncode == 3 and "Traceback" not in early.stdout + early.stderr
        assert f"Could not fetch the course ({TAG} of {remote})" in early.stdout
        assert f"git push origin {TAG}" in early.stdout
    git(clone, "push", "--quiet", "origin", "main", TAG)
    result = fake_colab.run(python, cell + "\nprint(nnlib.__file__)", remote, course_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().startswith(str(course_dir))
    assert git(course_dir, "describe", "--tags") == TAG


def test_a_tag_that_exists_is_refused_and_nothing_changes(course_repository, tmp_path):
    clone, _ = scratch_clone(course_repository, tmp_path)
    git(clone, "tag", TAG)
    before = state(clone)
    result = pin(clone, TAG)
    assert result.returncode != 0
    assert f"The tag {TAG} exists already" in result.stderr and "Nothing was changed" in result.stderr
    assert state(clone) == before


def test_a_dirty_tree_is_refused_and_nothing_changes(course_repository, tmp_path):
    clone, _ = scratch_clone(course_repository, tmp_path)
    with open(clone / "instructors" / "01.md", "a") as page:
        page.write("\nA note for the day.\n")
    (clone / "notes.txt").write_text("untracked\n")
    before = state(clone)
    result = pin(clone, TAG)
    assert result.returncode != 0 and "Nothing was changed" in result.stderr
    assert "instructors/01.md" in result.stderr and "notes.txt" in result.stderr
    assert state(clone) == before and "A note for the day." in (clone / "instructors" / "01.md").read_text()


@pytest.mark.parametrize("tag, expected", [("", "make pin needs REF="), ("two words", "cannot be a"),
                                           ("--force", "cannot be a"), ("v1..2", "cannot be a")])
def test_a_bad_tag_name_is_refused(course_repository, tmp_path, tag, expected):
    clone, _ = scratch_clone(course_repository, tmp_path)
    before = state(clone)
    result = pin(clone, tag)
    assert result.returncode != 0 and expected in result.stderr, result.stderr
    assert state(clone) == before


def test_a_commit_that_fails_leaves_everything_as_it_was(course_repository, tmp_path):
    clone, _ = scratch_clone(course_repository, tmp_path)
    hook = clone / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'the hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = state(clone)
    result = pin(clone, TAG)
    assert result.returncode != 0 and "Nothing was changed" in result.stderr and "the hook says no" in result.stderr
    assert state(clone) == before


def test_pinning_outside_a_repository_is_refused(tmp_path):
    copy = tmp_path / "course"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*SKIP))
    result = pin(copy, TAG)
    assert result.returncode != 0 and "not the top of a git repository" in result.stderr
    assert result.stdout == ""


def test_origin_elsewhere_than_the_links_is_recognised():
    spec = importlib.util.spec_from_file_location("links", ROOT / "tools" / "links.py")
    links = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(links)
    assert links.github_address("git@github.com:someone/nn-workshop.git") == FORK
    assert links.github_address("https://github.com/someone/nn-workshop.git") == FORK
    assert links.github_address("/tmp/remote.git") is None


def test_make_pin_is_one_command():
    recipe = re.search(r"^pin:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), flags=re.M).group(1)
    assert recipe.strip().splitlines() == ['$(BIN)/python tools/links.py --pin="$(REF)" $(if $(REPO),--repo="$(REPO)")']
