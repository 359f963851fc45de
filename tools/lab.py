"""Set the course up and open it, on any system with Python 3.10+: Linux, macOS and Windows (no `make` needed).

    python tools/lab.py                  # create .venv if needed (what a learner needs), then open JupyterLab
    python tools/lab.py --offline E:\\wheels   # the same without the internet: install from a wheelhouse (USB stick)
    python tools/lab.py --install-only --extras course,test,browser-tests   # what `make test` uses

On Windows, run it from the course folder in a terminal: `py tools\\lab.py` (or `python tools\\lab.py` where there is
no `py`, as with the Microsoft Store's Python). `make lab` and `make test` call this script, so there is one way to
build the environment everywhere. JUPYTER_PORT, JUPYTER_IP and JUPYTER_TOKEN are honoured, so it also serves a room
from one machine (JUPYTER_IP=0.0.0.0). A wheelhouse comes from tools/wheelhouse.py (`make wheelhouse`).
"""

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMUM_PYTHON = (3, 10)


def venv_python(env_dir, system=os.name):
    """The environment's Python: Scripts\\python.exe on Windows (os.name 'nt'), bin/python elsewhere."""
    if system == "nt":
        return Path(env_dir) / "Scripts" / "python.exe"
    return Path(env_dir) / "bin" / "python"


def stamp(env_dir, extras):
    """The file that records an install with these extras: .installed+course+test, say."""
    return Path(env_dir) / "+".join([".installed", *sorted(extras)])


def fresh_installs(env_dir):
    """The sets of extras installed since pyproject.toml last changed."""
    changed = (ROOT / "pyproject.toml").stat().st_mtime
    return [set(path.name.split("+")[1:]) for path in Path(env_dir).glob(".installed*")
            if path.stat().st_mtime >= changed]


def install_commands(python, extras, offline=None):
    """The pip commands that install the course (editable) with these extras: from PyPI, or with offline (a folder
    of wheels) from there alone, never looking for the internet."""
    target = f".[{','.join(extras)}]" if extras else "."
    if offline:
        return [[str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(offline), "-e",
                 target]]
    return [[str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
            [str(python), "-m", "pip", "install", "--quiet", "-e", target]]


def check_wheelhouse(folder):
    """A clear refusal unless folder holds wheels; returns it as an absolute path."""
    folder = Path(folder).resolve()
    if not folder.is_dir() or not any(folder.glob("*.whl")):
        raise SystemExit(f"--offline {folder}: no wheels there. Give the folder `make wheelhouse` (or python "
                         "tools/wheelhouse.py) wrote, such as E:\\wheelhouse on a USB stick.")
    return folder


def ensure_environment(env_dir, extras, offline=None):
    """Create env_dir and install the course (editable) with the given extras, unless pyproject.toml is unchanged
    since the last install. Returns the environment's Python."""
    if sys.version_info[:2] < MINIMUM_PYTHON:
        raise SystemExit(f"The course needs Python {'.'.join(map(str, MINIMUM_PYTHON))} or newer; this is "
                         f"{sys.version.split()[0]}. Install a newer Python (python.org), then run this again "
                         "with it (on Windows: py -3.12 tools\\lab.py).")
    python = venv_python(env_dir)
    if python.exists() and any(set(extras) <= installed for installed in fresh_installs(env_dir)):
        return python
    if not python.exists():
        print(f"Creating the course's environment in {env_dir} (once; a minute or two)...", flush=True)
        venv.create(env_dir, with_pip=True)
    for command in install_commands(python, extras, offline):
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            where = f"the wheels in {offline}" if offline else "the internet (pypi.org)"
            raise SystemExit(f"pip could not install the course from {where}: its message is above. "
                             + (f"The wheelhouse may lack this system or this Python ({sys.version.split()[0]}): "
                                "make it again with `make wheelhouse`, which covers Python 3.10-3.13 on Windows, "
                                "macOS and Linux." if offline else
                                "Check the connection; without one, install from a wheelhouse: --offline FOLDER."))
    stamp(env_dir, extras).touch()
    return python


def lab_command(python, port, ip):
    """The JupyterLab command that serves the course folder and opens notebook 01."""
    command = [str(python), "-m", "jupyter", "lab", f"--ServerApp.port={port}", f"--ServerApp.ip={ip}",
               f"--ServerApp.root_dir={ROOT}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses root unless told (containers and CI machines often are)
    return command + [str(Path("notebooks") / "01_neuron.ipynb")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", default=str(ROOT / ".venv"), help="where the environment lives (default .venv)")
    parser.add_argument("--extras", default="course", help="pyproject.toml extras to install (default: course)")
    parser.add_argument("--install-only", action="store_true", help="set up the environment, do not open the lab")
    parser.add_argument("--offline", metavar="FOLDER", help="install from this folder of wheels (no internet needed)")
    args = parser.parse_args(argv)
    extras = [extra.strip() for extra in args.extras.split(",") if extra.strip()]
    offline = check_wheelhouse(args.offline) if args.offline else None
    python = ensure_environment(args.env, extras, offline)
    if args.install_only:
        return
    command = lab_command(python, os.environ.get("JUPYTER_PORT", "8888"), os.environ.get("JUPYTER_IP", "localhost"))
    try:
        subprocess.run(command, cwd=ROOT, check=False)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
