"""Plan C, a room without internet: `make wheelhouse` downloads the wheels for Windows, macOS and Linux, Python
3.10-3.13, and `python tools/lab.py --offline FOLDER` installs the course from them alone. pip is played by a stand-in
here (the real download is over a gigabyte); the offline install runs for real on a wheelhouse of two small wheels."""

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wheelhouse, lab = load("wheelhouse"), load("lab")


def test_the_requirements_are_the_course_packages_and_what_builds_nnlib():
    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    expected = [*pyproject["project"]["dependencies"], *pyproject["project"]["optional-dependencies"]["course"],
                *pyproject["build-system"]["requires"]]
    assert wheelhouse.requirements() == expected


def option_values(command, option):
    return [command[i + 1] for i, word in enumerate(command) if word == option]


def test_one_binary_only_download_per_system_and_python_version(tmp_path):
    runs = wheelhouse.commands(tmp_path / "w")
    assert len(runs) == 4 * 4, "Windows, macOS (Apple silicon and Intel) and Linux, each for Python 3.10-3.13"
    seen = set()
    for label, command in runs:
        assert command[1:4] == ["-m", "pip", "download"] and "--only-binary=:all:" in command
        assert option_values(command, "--dest") == [str(tmp_path / "w")]
        (version,) = option_values(command, "--python-version")
        assert option_values(command, "--abi") == ["cp" + version.replace(".", "")]
        platforms = option_values(command, "--platform")
        assert command[-len(wheelhouse.requirements()):] == wheelhouse.requirements()
        seen.add((platforms[0], version))
    assert {platform for platform, _ in seen} == {"win_amd64", "macosx_12_0_arm64", "macosx_11_0_x86_64",
                                                   "manylinux_2_28_x86_64"}
    assert {version for _, version in seen} == {"3.10", "3.11", "3.12", "3.13"}


def test_the_linux_wheels_fit_every_glibc_from_2_17():
    (platforms,) = wheelhouse.SYSTEMS["linux"]
    for minor in range(17, 29):
        assert f"manylinux_2_{minor}_x86_64" in platforms
    assert "manylinux2014_x86_64" in platforms


class FakePip:
    """Stands in for subprocess.run: each `pip download` leaves a wheel named after its platform and Python in
    --dest, or fails on the run numbered fail_at."""

    def __init__(self, fail_at=None):
        self.calls, self.fail_at = [], fail_at

    def __call__(self, command, **kwargs):
        self.calls.append(command)
        if len(self.calls) == self.fail_at:
            return subprocess.CompletedProcess(command, 1, "", "ERROR: No matching distribution found for scipy")
        (dest,) = option_values(command, "--dest")
        (version,) = option_values(command, "--python-version")
        platform = option_values(command, "--platform")[0]
        Path(dest, f"numpy-2.0-cp{version.replace('.', '')}-{platform}.whl").write_text("wheel")
        Path(dest, "ipywidgets-8.0-py3-none-any.whl").write_text("wheel")
        return subprocess.CompletedProcess(command, 0, "", "")


def test_a_wheelhouse_appears_only_when_every_download_worked_and_a_rerun_resumes(tmp_path, monkeypatch, capsys):
    dest = tmp_path / "wheelhouse"
    failing = FakePip(fail_at=3)
    monkeypatch.setattr(wheelhouse.subprocess, "run", failing)
    with pytest.raises(SystemExit, match="pip could not download the wheels for windows") as refused:
        wheelhouse.main(["--dest", str(dest)])
    assert "No matching distribution found for scipy" in str(refused.value) and "resumes" in str(refused.value)
    assert not dest.exists() and len(list(tmp_path.glob("wheelhouse.partial/*.whl"))) == 3
    working = FakePip()
    monkeypatch.setattr(wheelhouse.subprocess, "run", working)
    wheelhouse.main(["--dest", str(dest)])
    assert len(working.calls) == 16 and not (tmp_path / "wheelhouse.partial").exists()
    assert len(list(dest.glob("*.whl"))) == 16 + 1
    assert "python tools/lab.py --offline" in capsys.readouterr().out


def test_a_dry_run_downloads_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(wheelhouse.subprocess, "run", FakePip())
    wheelhouse.main(["--dest", str(tmp_path / "w"), "--dry-run", "--systems", "linux", "--pythons", "3.12"])
    printed = capsys.readouterr().out
    assert "--python-version 3.12" in printed and "manylinux_2_28_x86_64" in printed and "win_amd64" not in printed
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, expected", [(["--systems", "android"], "--systems takes some of windows, macos, linux"),
                                            (["--pythons", "3.9"], "--pythons takes some of 3.10, 3.11, 3.12, 3.13"),
                                            (["--systems", ""], "--systems takes some of")])
def test_bad_choices_are_refused(tmp_path, args, expected):
    with pytest.raises(SystemExit, match=expected):
        wheelhouse.main(["--dest", str(tmp_path / "w"), *args])
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_holds_more_than_wheels_is_left_alone(tmp_path):
    (tmp_path / "thesis.tex").write_text("years of work")
    with pytest.raises(SystemExit, match="holds more than wheels"):
        wheelhouse.main(["--dest", str(tmp_path)])
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.tex"]


# tools/lab.py --offline

def test_offline_installs_from_the_folder_alone_and_never_upgrades_pip(tmp_path):
    (command,) = lab.install_commands(Path("py"), ["course"], offline=tmp_path)
    assert command == ["py", "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(tmp_path), "-e",
                       ".[course]"]
    online = lab.install_commands(Path("py"), ["course"])
    assert [c[-1] for c in online] == ["pip", ".[course]"] and not any("--no-index" in c for c in online)


@pytest.mark.parametrize("where", ["a folder that does not exist", "a folder without wheels"])
def test_offline_from_a_folder_without_wheels_is_refused(tmp_path, where):
    folder = tmp_path / "stick"
    if where == "a folder without wheels":
        folder.mkdir()
        (folder / "notes.txt").write_text("")
    result = subprocess.run([sys.executable, "tools/lab.py", "--offline", str(folder), "--env", str(tmp_path / "env"),
                             "--install-only"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "no wheels there" in result.stderr and "make wheelhouse" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "env").exists()


def wheel(folder, name, files, requires=()):
    """A minimal pure-Python wheel, written by hand."""
    info = f"{name}-1.0.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n" + "".join(f"Requires-Dist: {r}\n"
                                                                              for r in requires)
    path = Path(folder) / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for file, text in files.items():
            archive.writestr(file, text)
        archive.writestr(f"{info}/METADATA", metadata)
        archive.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                          "Tag: py3-none-any\n")
        archive.writestr(f"{info}/RECORD", "".join(f"{file},,\n" for file in [*files, f"{info}/METADATA",
                                                                             f"{info}/WHEEL", f"{info}/RECORD"]))
    return path


BACKEND = '''
import sys, zipfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent.parent / "wheels"))


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    import make_wheel
    return make_wheel.wheel(wheel_directory, "tinycourse", {"tinycourse.pth": str(Path.cwd()) + "\\n"},
                            requires=["tinydep"]).name
'''


def test_offline_really_installs_from_a_small_wheelhouse(tmp_path, monkeypatch):
    """lab.py's own offline install, run for real: a course of one module needing one package, a wheelhouse holding
    that package, and a build backend that needs nothing from the internet."""
    wheels, project = tmp_path / "wheels", tmp_path / "tinycourse"
    wheels.mkdir(), project.mkdir()
    (wheels / "make_wheel.py").write_text("import zipfile\nfrom pathlib import Path\n\n" + _source_of(wheel))
    wheel(wheels, "tinydep", {"tinydep.py": "ANSWER = 42\n"})
    (project / "pyproject.toml").write_text('[build-system]\nrequires = []\nbuild-backend = "backend"\n'
                                            'backend-path = ["."]\n\n[project]\nname = "tinycourse"\n'
                                            'version = "1.0"\n')
    (project / "backend.py").write_text(BACKEND)
    (project / "tinycourse.py").write_text("from tinydep import ANSWER\n")
    monkeypatch.setattr(lab, "ROOT", project)
    python = lab.ensure_environment(tmp_path / "env", [], offline=wheels)
    result = subprocess.run([python, "-c", "import tinycourse; print(tinycourse.ANSWER)"], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.stdout.strip() == "42", result.stderr
    (wheels / "tinydep-1.0-py3-none-any.whl").unlink()
    monkeypatch.setattr(lab, "fresh_installs", lambda env_dir: [])
    with pytest.raises(SystemExit, match="pip could not install the course from the wheels in"):
        lab.ensure_environment(tmp_path / "env2", [], offline=wheels)


def _source_of(function):
    import inspect

    return inspect.getsource(function)
