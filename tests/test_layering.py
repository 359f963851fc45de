"""The checks and the state models stand on their own: each imports neither ipywidgets nor matplotlib.

Each module is imported in a fresh interpreter (all of them at once, one process each), which then lists what
sys.modules holds: a check that loaded a widget, or a state model that loaded a plotting library, fails here by
name."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("ipywidgets", "matplotlib")
# the state models, what they are made of, and the checks
STANDALONE = (["nnlib.experiments", "nnlib.features"]
              + [f"nnlib.state.{p.stem}" for p in sorted((ROOT / "nnlib" / "state").glob("*.py"))]
              + [f"nnlib.checks.{p.stem}" for p in sorted((ROOT / "nnlib" / "checks").glob("*.py"))])
STANDALONE = [name.removesuffix(".__init__") for name in STANDALONE]

PROBE = ("import importlib, json, sys; importlib.import_module(sys.argv[1]); "
         "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")


@pytest.fixture(scope="module")
def loaded():
    """module name -> the top-level packages a fresh interpreter holds after importing it (or the error text)."""
    processes = {name: subprocess.Popen([sys.executable, "-c", PROBE, name], cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                 for name in STANDALONE}
    results = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=120)
        results[name] = json.loads(out) if process.returncode == 0 else err
    return results


def test_there_are_checks_and_state_models_to_look_at():
    assert sum(name.startswith("nnlib.checks.") for name in STANDALONE) >= 12
    assert sum(name.startswith("nnlib.state.") for name in STANDALONE) >= 10


@pytest.mark.parametrize("name", STANDALONE)
def test_imports_neither_ipywidgets_nor_matplotlib(loaded, name):
    packages = loaded[name]
    assert isinstance(packages, list), f"importing {name} failed:\n{packages}"
    assert "nnlib" in packages and "numpy" in packages  # the probe looked at the right interpreter
    assert not set(FORBIDDEN) & set(packages), f"{name} loads {sorted(set(FORBIDDEN) & set(packages))}"
