"""`nnlib.check_setup()`: the second cell of notebook 01. In five minutes an instructor knows every learner is ready.

It prints ✅ when everything the course needs is there (or each problem with its fix), where the notebook runs
(Binder, Colab, a JupyterHub, or your own machine), the package versions, and a short code to paste into the
workshop chat. Then it shows a small live widget: a dot that moves on its own and follows a slider. A saved
picture cannot move, so a moving dot proves the widgets, and the kernel behind them, really work.
"""

import importlib
import os
import platform
import re
import sys
from pathlib import Path

# What the course needs at least; pyproject.toml holds the same floors (tests/test_setup_check.py checks they agree).
MINIMUM_PYTHON = (3, 10)
PACKAGES = {  # import name -> (package name, lowest version)
    "numpy": ("numpy", "1.24"),
    "matplotlib": ("matplotlib", "3.7"),
    "ipywidgets": ("ipywidgets", "7.7"),
    "sklearn": ("scikit-learn", "1.3"),
    "scipy": ("scipy", "1.10"),
    "PIL": ("pillow", "9"),
    "IPython": ("ipython", "7.34"),
    "anywidget": ("anywidget", "0.9"),
}
FIXES = {
    "Colab": "run the notebook's first cell (the setup cell) again, or Runtime > Restart session, then run it.",
    "Binder": "relaunch the Binder link: the environment is built from the course's own files.",
    "JupyterHub": "ask your instructor: the hub's environment needs the packages in environment.yml.",
    "your computer": "run `make lab` in the course folder (it installs everything into .venv), "
                     "or `pip install -e .` there.",
}


def where():
    """Where this kernel runs: 'Colab', 'Binder', 'JupyterHub' or 'your computer'."""
    if "google.colab" in sys.modules:
        return "Colab"
    if any(name.startswith("BINDER_") for name in os.environ):
        return "Binder"
    if "JUPYTERHUB_USER" in os.environ or "JUPYTERHUB_API_URL" in os.environ:
        return "JupyterHub"
    return "your computer"


def _version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def problems_and_versions():
    """([(problem, fix), ...], {package: version}) for this kernel."""
    place = where()
    problems, versions = [], {"python": platform.python_version()}
    if sys.version_info[:2] < MINIMUM_PYTHON:
        problems.append((f"Python {platform.python_version()} is too old: the course needs 3.10 or newer.",
                         FIXES[place]))
    for module, (package, lowest) in PACKAGES.items():
        try:
            found = importlib.import_module(module)
        except ImportError:
            problems.append((f"{package} is not installed.", FIXES[place]))
            continue
        version = getattr(found, "__version__", None) or _distribution_version(package)
        versions[package] = version
        if _version_tuple(version) < _version_tuple(lowest):
            problems.append((f"{package} {version} is older than the course needs ({lowest} or newer).",
                             FIXES[place]))
    data = Path(__file__).resolve().parent.parent / "data" / "party.csv"
    if not data.exists():
        problems.append(("The course's data folder is missing beside nnlib.", "open the notebooks from the course "
                         "folder itself (course/notebooks), so nnlib and data/ sit beside them."))
    return problems, versions


def _distribution_version(package):
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def chat_code(place, problems, versions):
    """A one-line summary a learner pastes into the chat: the verdict, the place and the versions that matter."""
    short = {"Colab": "colab", "Binder": "binder", "JupyterHub": "hub", "your computer": "local"}[place]
    verdict = "ok" if not problems else f"{len(problems)}problem{'s' * (len(problems) > 1)}"
    python = ".".join(versions["python"].split(".")[:2])
    return (f"nn-{verdict}-{short}-py{python}-np{versions.get('numpy', '?')}"
            f"-w{versions.get('ipywidgets', '?')}")


def check_setup(widget=True):
    """Print whether this kernel has what the course needs, then show the moving-dot widget (widget=False: skip it)."""
    place = where()
    problems, versions = problems_and_versions()
    if problems:
        for problem, fix in problems:
            print(f"❌ {problem} Fix: {fix}")
    else:
        print(f"✅ Everything the course needs is here. You are running on {place}.")
    print("   " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    print(f"   Your setup code for the chat: {chat_code(place, problems, versions)}")
    from .widgets.browser import drawing_reason

    print(f"   Widget drawing: {drawing_reason()}. Switch with nnlib.widgets.drawing('kernel') or "
          "drawing('browser').")
    if widget and not problems:
        from .widgets.setup import moving_dot

        return moving_dot()
    return None
