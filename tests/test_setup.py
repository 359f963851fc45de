"""The set-up files tell one story: pyproject.toml is the list of packages, environment.yml and Binder agree."""

import functools
import importlib.metadata as metadata
import re
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent


def requirement_map(lines):
    """{'numpy': '>=1.24,<3', ...} from requirement strings such as 'numpy>=1.24,<3'."""
    pairs = (re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$", line).groups() for line in lines)
    return {name.lower().replace("_", "-"): spec.replace(" ", "") for name, spec in pairs}


def pyproject_project():
    text = (ROOT / "pyproject.toml").read_text()
    if tomllib:
        return tomllib.loads(text)["project"]
    lists = {name: re.findall(r'"([^"]+)"', body) for name, body in re.findall(r"^(\w+) = \[(.*?)\]", text, re.S | re.M)}
    return {"dependencies": lists["dependencies"],
            "optional-dependencies": {name: lists[name] for name in ("course", "test") if name in lists},
            "requires-python": re.search(r'requires-python = "(.*?)"', text).group(1)}


def pyproject_requirements():
    project = pyproject_project()
    return requirement_map(project["dependencies"] + project["optional-dependencies"]["course"])


def environment_requirements():
    """The packages under environment.yml's `dependencies:` key."""
    section = (ROOT / "environment.yml").read_text().split("dependencies:")[1]
    return requirement_map([line.strip()[2:] for line in section.splitlines() if line.strip().startswith("- ")])


def test_environment_yml_and_pyproject_list_the_same_packages():
    conda = environment_requirements()
    conda.pop("python"), conda.pop("pip")
    assert conda == pyproject_requirements()


def test_every_package_has_a_pinned_major_version():
    project = pyproject_project()
    for name, spec in requirement_map(project["dependencies"] + project["optional-dependencies"]["test"]).items():
        assert re.search(r">=\d", spec) and re.search(r"<\d", spec), f"{name} {spec!r}: pin the major version"


def test_python_is_pinned_for_binder_and_within_what_nnlib_supports():
    assert pyproject_project()["requires-python"] == ">=3.10"
    pinned = environment_requirements()["python"]
    assert re.fullmatch(r"=3\.1\d", pinned), f"environment.yml should pin one Python (python=3.11), not {pinned!r}"


def _top_level_modules(distribution):
    """The importable top-level names a distribution installs, from top_level.txt or else its file list.

    importlib.metadata.packages_distributions() does this only from Python 3.11 on; on 3.10 it reads
    top_level.txt alone, which scipy and numpy 2 no longer ship.
    """
    listed = (distribution.read_text("top_level.txt") or "").split()
    if listed:
        return set(listed)
    names = set()
    for file in distribution.files or []:
        first = file.parts[0]
        if first.endswith((".dist-info", ".egg-info", ".data")) or first in ("..", "__pycache__"):
            continue
        names.add(first[:-3] if first.endswith(".py") else first.split(".")[0])
    return names


def _import_names(sources):
    import ast

    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"nnlib"}


@functools.lru_cache(maxsize=None)
def _installed_modules():
    """(distribution name, the top-level modules it installs) for every installed distribution."""
    return tuple((canonical(d.metadata["Name"]), frozenset(_top_level_modules(d))) for d in metadata.distributions())


def _owners(module):
    """The installed distributions that provide `import module`."""
    return {name for name, modules in _installed_modules() if module in modules}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_nnlib_imports_is_declared_in_pyproject():
    """nnlib's own imports are named in pyproject.toml, not left to arrive with some other package."""
    declared = {canonical(name) for name in requirement_map(pyproject_project()["dependencies"])}
    for module in sorted(_import_names(path.read_text() for path in (ROOT / "nnlib").rglob("*.py"))):
        owners = _owners(module)
        assert owners, f"`import {module}` in nnlib: no installed package provides it"
        assert owners & declared, f"nnlib imports {module} (from {sorted(owners)}): declare it in pyproject.toml"


def test_every_package_the_course_imports_is_installed_by_its_own_files():
    """Binder, Colab and `make` install only what pyproject.toml and environment.yml name (and what those
    packages themselves require): every import in nnlib and the notebooks must be covered."""
    import nbformat

    declared = {canonical(name) for name in pyproject_requirements()}
    covered = set(declared)
    for name in declared:
        for requirement in metadata.requires(name) or []:
            if "extra ==" not in requirement:
                covered.add(canonical(re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0)))
    sources = [path.read_text() for path in (ROOT / "nnlib").rglob("*.py")]
    sources += [cell.source for path in (ROOT / "notebooks").glob("*.ipynb")
                for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    for module in sorted(_import_names(sources)):
        owners = _owners(module)
        assert owners, f"`import {module}`: no installed package provides it"
        assert owners & covered, f"`import {module}` needs a package that pyproject.toml does not install"


def test_a_learner_gets_the_course_and_the_tests_get_their_tools_on_top():
    project = pyproject_project()
    learner = requirement_map(project["dependencies"] + project["optional-dependencies"]["course"])
    assert {"jupyterlab", "ipykernel"} <= set(learner) and not {"pytest", "nbval"} & set(learner)
    assert {"pytest", "nbval"} <= set(requirement_map(project["optional-dependencies"]["test"]))
    makefile = (ROOT / "Makefile").read_text()
    assert "tools/lab.py --install-only --extras course\n" in makefile
    assert "tools/lab.py --install-only --extras course,test,browser-tests" in makefile


def test_without_make_tools_lab_py_finds_the_environment_on_windows_too(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("lab", ROOT / "tools" / "lab.py")
    lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lab)
    assert lab.venv_python(tmp_path, system="nt") == tmp_path / "Scripts" / "python.exe"
    assert lab.venv_python(tmp_path, system="posix") == tmp_path / "bin" / "python"
    # an install with more extras serves a request for fewer; a stamp older than pyproject.toml does not
    lab.stamp(tmp_path, ["test", "course"]).touch()
    assert {"course", "test"} in lab.fresh_installs(tmp_path) and lab.stamp(tmp_path, ["course"]).name == ".installed+course"
    old = lab.stamp(tmp_path, ["course", "test"])
    import os
    os.utime(old, (0, 0))
    assert lab.fresh_installs(tmp_path) == []
    command = lab.lab_command(tmp_path / "bin" / "python", "9999", "0.0.0.0")
    assert command[1:4] == ["-m", "jupyter", "lab"] and "--ServerApp.ip=0.0.0.0" in command
    assert command[-1].replace("\\", "/") == "notebooks/01_neuron.ipynb"


def test_binder_installs_nnlib_after_the_environment():
    post_build = (ROOT / "postBuild").read_text()
    assert "pip install" in post_build and "-e ." in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_opens_every_notebook_on_binder_and_colab():
    from nnlib.course import NOTEBOOKS, binder_link, colab_link
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    for name, title, _ in NOTEBOOKS:
        assert f"[{title}](notebooks/{name})" in readme
        assert binder_link(name) in readme and colab_link(name) in readme


def test_make_lab_serves_the_course_with_the_given_port_and_token(tmp_path):
    import os
    import secrets
    import signal
    import socket
    import subprocess
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(8)
    env = dict(os.environ, JUPYTER_PORT=str(port), JUPYTER_TOKEN=token, BROWSER="true",
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    lab = subprocess.Popen(["make", "--no-print-directory", "lab"], cwd=ROOT, env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def status(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    try:
        deadline = time.time() + 90
        while status(f"/api/status?token={token}") != 200 and time.time() < deadline:
            assert lab.poll() is None, "make lab exited"
            time.sleep(0.5)
        assert status(f"/lab/tree/notebooks/01_neuron.ipynb?token={token}") == 200
        assert status("/api/contents/notebooks?token=wrong") == 403
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
