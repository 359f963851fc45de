"""An instructor without a POSIX shell (Windows' cmd or PowerShell, no make) has every tool: each make target an
instructor uses is one Python command with options the tool really has, patterns are expanded in Python, and the
README lists the command behind every target."""

import functools
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from feedback import harness

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTOR_TARGETS = ("student", "links", "pin", "solutions", "notebooks", "clean-notebooks", "wheelhouse")
SHELL_ONLY = re.compile(r"\b(rm|cp|mv|find|mkdir|cat|sed|xargs)\b|&&|\|\||[;|`]|\$\$")


def recipe(target):
    """The command lines of a Makefile target."""
    found = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), flags=re.M)
    assert found, f"the Makefile has no {target} target"
    return found.group(1).strip().splitlines()


@functools.lru_cache(maxsize=None)
def options_of(tool):
    """The long options a tool's --help lists."""
    shown = subprocess.run([sys.executable, f"tools/{tool}", "--help"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout
    return set(re.findall(r"--[a-z][a-z-]*", shown))


@pytest.mark.parametrize("target", INSTRUCTOR_TARGETS)
def test_each_instructor_target_is_one_python_command(target):
    (line,) = recipe(target)
    command = re.sub(r"\$\(if [^,]+,([^)]*\)?)\)", r"\1", line)  # $(if $(REPO),--repo="$(REPO)") -> --repo=...
    assert command.startswith("$(BIN)/python tools/"), line
    assert not SHELL_ONLY.search(command), f"{target} needs a POSIX shell: {line}"
    assert not re.search(r"(^|\s)[^\s\"]*\*", command), f"{target}: a pattern left for the shell to expand: {line}"
    tool = command.split()[1].split("/")[1]
    used = set(re.findall(r"(--[a-z][a-z-]*)", command))
    assert used <= options_of(tool), f"{target} passes options tools/{tool} does not have: {used - options_of(tool)}"


def test_the_readme_gives_the_python_command_behind_each_target():
    readme = (ROOT / "README.md").read_text()
    rows = {match.group(1): match.group(2) for match in
            re.finditer(r"^\| `make ([a-z-]+)[^|]*\| (.*) \|$", readme, flags=re.M)}
    for target in ("pin", "links", "student", "solutions", "notebooks", "wheelhouse"):
        assert target in rows, f"the README's table has no row for make {target}"
        for command in re.findall(r"`python (tools/[\w.]+\.py)([^`]*)`", rows[target]):
            tool, rest = command[0].split("/")[1], command[1]
            assert set(re.findall(r"--[a-z][a-z-]*", rest)) <= options_of(tool), rows[target]


def test_patterns_are_expanded_in_python_and_none_means_every_notebook():
    paths = harness().notebook_paths([str(ROOT / "notebooks" / "0[12]_*.ipynb")])
    assert [path.name for path in paths] == ["01_neuron.ipynb", "02_bias.ipynb"]
    assert len(harness().notebook_paths([])) == len(list((ROOT / "notebooks").glob("*.ipynb")))


@pytest.mark.parametrize("given, expected", [("99_*.ipynb", "matches no notebook"),
                                             ("notes.md", "is not a notebook file"),
                                             ("01_neurone.ipynb", "is not a notebook file")])
def test_a_name_that_is_not_a_notebook_is_refused_before_anything_runs(tmp_path, given, expected):
    notebook = tmp_path / "01_neuron.ipynb"
    shutil.copy2(ROOT / "notebooks" / "01_neuron.ipynb", notebook)
    (tmp_path / "notes.md").write_text("")
    before = notebook.read_bytes()
    with pytest.raises(SystemExit, match=expected):
        harness().main(["--clean-only", str(notebook), str(tmp_path / given)])
    assert notebook.read_bytes() == before, "nothing is touched when one name is wrong"


def test_the_environment_python_is_found_on_windows_too():
    spec = importlib.util.spec_from_file_location("lab", ROOT / "tools" / "lab.py")
    lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lab)
    assert lab.venv_python("env", system="nt") == Path("env") / "Scripts" / "python.exe"
    assert lab.venv_python("env", system="posix") == Path("env") / "bin" / "python"
