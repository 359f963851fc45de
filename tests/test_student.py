"""`make student`: the learners' copy of the course, with no solution anywhere in it, a README written to learners,
links that lead somewhere, and commands that publish it and reveal solutions without moving what learners opened."""

import math
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from nnlib import course
from nnlib.course import NOTEBOOKS

from feedback import harness

ROOT = Path(__file__).resolve().parent.parent
NAMES = [name for name, _, _ in NOTEBOOKS]
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)
LINK = re.compile(r"\]\(([^)\s]+)\)")
FORK = "https://github.com/someone/nn-workshop"


def make_copy(out, *args, notebooks=()):
    """Run the student build; returns the finished process (check its returncode)."""
    command = [sys.executable, "tools/run_notebooks.py", f"--student={out}", *args, *map(str, notebooks)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def tags(cell):
    return cell.metadata.get("tags", [])


def originals():
    return {name: nbformat.read(ROOT / "notebooks" / name, as_version=4) for name in NAMES}


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The learners' copy as `make student` writes it, with the notebooks it was made from (read just before)."""
    out = tmp_path_factory.mktemp("workshop") / "student"
    before = originals()
    done = make_copy(out)
    assert done.returncode == 0, done.stderr
    return out, before


def answer_lines(code):
    """The lines of code that matter for telling a solution apart: comments and short lines left out."""
    return {line.split("#")[0].strip() for line in code.splitlines() if len(line.split("#")[0].strip()) >= 8}


def test_solutions_and_the_cells_that_give_them_away_are_hidden_and_nothing_else_changes(copy):
    out, before = copy
    for name, original in before.items():
        student = nbformat.read(out / "notebooks" / name, as_version=4)
        assert len(student.cells) == len(original.cells), name
        setup = next(i for i, cell in enumerate(original.cells) if cell.cell_type == "code")
        for index, (was, now) in enumerate(zip(original.cells, student.cells)):
            if "solution" in tags(was) or "student-hide" in tags(was):
                assert now.cell_type == "markdown" and "```" not in now.source and len(now.source) < 120, (name, index)
                assert "instructor shares it" in now.source and "Show solution" not in now.source
            elif index == setup:
                assert now.source == course.setup_cell(course.REPOSITORY, "student"), "the setup cell fetches the copy"
            else:
                assert now == was, f"{name}: cell {index} changed"


def test_no_solution_text_appears_anywhere_in_the_copy(copy):
    out, before = copy
    blocks = {block.strip(): name for name, nb in before.items() for cell in nb.cells if "solution" in tags(cell)
              for block in SOLUTION_CODE.findall(cell.source)}
    assert len(blocks) >= 3 * len(NAMES)
    for path in (p for p in out.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if path.suffix == ".ipynb":
            text = "\n".join(cell.source for cell in nbformat.reads(text, as_version=4).cells)
        for block, name in blocks.items():
            assert block not in text, f"{path.relative_to(out)} shows a solution of {name}"


@pytest.mark.parametrize("name", NAMES)
def test_no_cell_of_the_copy_gives_a_solution_away(copy, name):
    """A later cell that holds most of what a solution adds to its exercise (07's dense_backward written out after
    its check, an exercise that starts from the previous one's answer) shows that solution: hide it (tag it
    student-hide) or rewrite it."""
    out, before = copy
    original, student = before[name], nbformat.read(out / "notebooks" / name, as_version=4)
    stub = ""
    for index, cell in enumerate(original.cells):
        if "exercise" in tags(cell):
            stub = cell.source
        for block in (SOLUTION_CODE.findall(cell.source) if "solution" in tags(cell) else []):
            answer = answer_lines(block) - answer_lines(stub)
            for later, shown in enumerate(student.cells):
                given = answer & answer_lines(shown.source)
                assert not answer or len(given) < math.ceil(len(answer) / 2), (
                    f"{name}: cell {later} of the copy holds {len(given)} of the {len(answer)} lines the solution in "
                    f"cell {index} adds to its exercise: {sorted(given)}")


def test_every_relative_link_in_the_copy_resolves(copy):
    out, _ = copy
    documents = [(path, path.read_text(encoding="utf-8")) for path in out.rglob("*.md")]
    documents += [(path, "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                                   if c.cell_type == "markdown")) for path in out.glob("notebooks/*.ipynb")]
    checked = 0
    for path, text in documents:
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            checked += 1
            assert (path.parent / unquote(target.split("#")[0])).exists(), f"{path.name} links to {target}"
    assert checked >= len(NAMES)


def test_the_readme_speaks_to_learners_about_what_the_copy_holds(copy):
    out, _ = copy
    text = (out / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert course.binder_link(name, course.REPOSITORY, "student") in text
        assert course.colab_link(name, course.REPOSITORY, "student") in text
    assert "python tools/lab.py" in text and r"py tools\lab.py" in text and (out / "tools" / "lab.py").exists()
    for words in ("Shift + Enter", "✅", "💡", "setup cell", "Restart Kernel and Run All Cells"):
        assert words in text
    for absent in ("make ", "Show solution", "instructors/", "INSTRUCTORS", "tests/", "nbgitpuller"):
        assert absent not in text, f"the learners' README mentions {absent!r}"
    assert not (out / "tests").exists() and not (out / "instructors").exists() and not (out / "solutions").exists()
    assert f'BRANCH = "student"' in (out / "nnlib" / "course.py").read_text()


def test_reveal_puts_back_the_named_notebooks_solutions_only(tmp_path):
    before = originals()
    done = make_copy(tmp_path / "reveal", "--reveal", "1,03", "--repo", FORK)
    assert done.returncode == 0, done.stderr
    for name in NAMES:
        student = nbformat.read(tmp_path / "reveal" / "notebooks" / name, as_version=4)
        setup = next(i for i, cell in enumerate(student.cells) if cell.cell_type == "code")
        assert student.cells[setup].source == course.setup_cell(FORK, "reveal")
        if name[:2] in ("01", "03"):
            assert student.cells[:setup] + student.cells[setup + 1:] == \
                before[name].cells[:setup] + before[name].cells[setup + 1:]
        else:
            assert not [cell for cell in student.cells if "solution" in tags(cell) or "student-hide" in tags(cell)]


@pytest.mark.parametrize("args, expected", [
    (["--reveal", "neuron"], "notebook numbers such as 01,02"),
    (["--reveal", "99"], "--reveal names notebook 99, which the copy would not hold"),
    (["--ref", "two words"], "cannot be a branch or tag name"),
    (["--repo", "github.com/someone"], "https://github.com/owner/name"),
    (["notebooks/*.ipynb.bak"], "matches no notebook"),
    (["--clean-only"], "Give one of --clean-only, --solutions and --student")])
def test_bad_input_is_refused_and_nothing_is_written(tmp_path, args, expected):
    done = make_copy(tmp_path / "student", *args)
    assert done.returncode != 0 and expected in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failing_build_leaves_the_previous_copy_as_it_was(tmp_path):
    out = tmp_path / "student"
    assert make_copy(out, notebooks=[ROOT / "notebooks" / "11_generalisation.ipynb"]).returncode == 0
    (out / "my-note.txt").write_text("still here")
    leaking = nbformat.read(ROOT / "notebooks" / "01_neuron.ipynb", as_version=4)
    solution = next(cell for cell in leaking.cells if "solution" in tags(cell))
    leaking.cells.append(nbformat.v4.new_markdown_cell(solution.source.replace("Show solution", "Notes")))
    (tmp_path / "draft").mkdir()
    nbformat.write(leaking, tmp_path / "draft" / "01_neuron.ipynb")
    done = make_copy(out, notebooks=[tmp_path / "draft" / "01_neuron.ipynb"])
    assert done.returncode != 0 and "holds a solution of 01_neuron.ipynb" in done.stderr, done.stderr
    assert "The copy was not written" in done.stderr and "Traceback" not in done.stderr
    assert (out / "my-note.txt").read_text() == "still here" and (out / "notebooks" / "11_generalisation.ipynb").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft", "student"], "no half-built folder left behind"


@pytest.mark.parametrize("where", ["the course itself", "a folder of someone's own"])
def test_a_folder_that_is_not_a_copy_is_never_replaced(tmp_path, where):
    out = ROOT / "notebooks" if where == "the course itself" else tmp_path / "holiday-photos"
    if where != "the course itself":
        out.mkdir()
        (out / "beach.jpg").write_text("sand")
    done = make_copy(out)
    assert done.returncode != 0 and ("overwrite the course" in done.stderr or "left alone" in done.stderr)
    assert where == "the course itself" or (out / "beach.jpg").read_text() == "sand"


# Publishing: the guide's commands, played on a scratch repository with a local bare remote.

PUBLISH = ["git worktree add --detach student", "git -C student checkout --orphan student", "git -C student rm -rfq .",
           "make student",
           "git -C student add -A", 'git -C student commit -m "The course for learners"',
           "git -C student push origin student"]
REVEAL_MAKE = "make student OUT=reveal REVEAL=01"
REVEAL = [REVEAL_MAKE if line == "make student" else line.replace("student", "reveal") for line in PUBLISH]


def run_guide_lines(lines, repo):
    """Run the guide's lines in repo, `make student ...` as the one Python command it stands for."""
    for line in lines:
        if line.startswith("make student"):
            settings = dict(part.split("=", 1) for part in line.split()[2:])
            out = repo / settings.get("OUT", "student")
            done = make_copy(out, *(["--reveal", settings["REVEAL"]] if "REVEAL" in settings else []))
        else:
            words = [word.strip('"') for word in re.findall(r'"[^"]*"|\S+', line)]
            done = subprocess.run(words, cwd=repo, capture_output=True, text=True)
        assert done.returncode == 0, f"{line}: {done.stderr}"


def test_the_guide_publishes_the_copy_and_reveals_without_moving_it(tmp_path):
    guide = (ROOT / "INSTRUCTORS.md").read_text()
    for line in PUBLISH:
        assert f"   {line}\n" in guide, f"INSTRUCTORS.md should give the command {line!r}"
    assert "the same lines with `reveal` for `student` and\n   `" + REVEAL_MAKE + "`" in guide
    remote, repo = tmp_path / "remote.git", tmp_path / "course"
    git = lambda *args, cwd=repo: subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,  # noqa
                                                 check=True).stdout.strip()
    git("init", "--quiet", "--bare", "--initial-branch=main", str(remote), cwd=tmp_path)
    git("clone", "--quiet", str(remote), str(repo), cwd=tmp_path)
    git("config", "user.name", "Instructor"), git("config", "user.email", "instructor@example.org")
    (repo / ".gitignore").write_text("student/\nreveal/\n")
    (repo / "course.txt").write_text("the course, solutions and all\n")
    git("add", "-A"), git("commit", "--quiet", "-m", "The course"), git("push", "--quiet", "origin", "main")
    main = git("rev-parse", "main")
    run_guide_lines(PUBLISH, repo)
    published = git("rev-parse", "origin/student")
    files = set(git("ls-tree", "-r", "--name-only", "origin/student").splitlines())
    assert "course.txt" not in files and ".gitignore" in files and "README.md" in files
    assert {f"notebooks/{name}" for name in NAMES} <= files and "tools/lab.py" in files
    assert git("rev-list", "--count", "origin/student") == "1", "the branch carries no history of the course"
    shown = git("show", "origin/student:notebooks/01_neuron.ipynb")
    setup = next(cell for cell in nbformat.reads(shown, as_version=4).cells if cell.cell_type == "code")
    assert "Show solution" not in shown and setup.source == course.setup_cell(course.REPOSITORY, "student")
    run_guide_lines(REVEAL, repo)
    assert "Show solution" in git("show", "origin/reveal:notebooks/01_neuron.ipynb")
    assert "Show solution" not in git("show", "origin/reveal:notebooks/02_bias.ipynb")
    assert git("rev-parse", "origin/student") == published and git("rev-parse", "main") == main, \
        "revealing moves neither the learners' branch nor main"
    assert make_copy(repo / "student").returncode == 0
    assert git("rev-parse", "--abbrev-ref", "HEAD", cwd=repo / "student") == "student", \
        "a rebuilt copy is still the branch's worktree, ready for add, commit and push"
    assert "README.md" not in git("status", "--porcelain", cwd=repo / "student")


WITH_HIDDEN_CELLS = sorted(name for name, nb in originals().items() if any("student-hide" in tags(c) for c in nb.cells))


@pytest.mark.parametrize("name", WITH_HIDDEN_CELLS or ["02_bias.ipynb"])
def test_a_student_copy_runs_top_to_bottom_and_no_check_passes(copy, name):
    """Every notebook with hidden cells runs without them: no later cell needed what they made."""
    out, _ = copy
    student = nbformat.read(out / "notebooks" / name, as_version=4)
    harness().execute(student, out / "notebooks" / name)
    errors = [out for cell in student.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}" if errors else ""
    checks = [cell for cell in student.cells if "check" in tags(cell)]
    assert checks and all("✅" not in "".join(o.get("text", "") for o in cell.outputs) for cell in checks)
