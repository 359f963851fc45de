"""What the exercise-check tests share: reading what a check printed, and judging it as a learner would; and the
one harness that pastes a notebook's solutions and stubs (tools/run_notebooks.py)."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def said(capsys):
    return capsys.readouterr().out.strip()


def passes(capsys, checker, *args, **kwargs):
    """Run a check that should pass: one line starting with ✅, and no stray return value. Returns the line."""
    assert checker(*args, **kwargs) is None, "a check returns nothing, so the check cell shows no stray True/False"
    out = said(capsys)
    assert out.startswith("✅") and "\n" not in out, out
    return out


def hints(capsys, checker, *args, containing="", multiline=False, **kwargs):
    """Run a check that should not pass: a hint (one line unless multiline), never ✅, never a traceback."""
    checker(*args, **kwargs)
    out = said(capsys)
    assert "✅" not in out and "Traceback" not in out, out
    assert multiline or "\n" not in out, f"one line of feedback, got: {out}"
    assert containing.lower() in out.lower(), out
    return out


def stub_function(*args):
    """What an untouched exercise cell defines: a function that returns None."""
    return None


def harness():
    """tools/run_notebooks.py as a module: solution_source, code_blocks, exercises, fill_solutions, execute."""
    if "run_notebooks" not in sys.modules:
        spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "tools" / "run_notebooks.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["run_notebooks"] = module
    return sys.modules["run_notebooks"]
