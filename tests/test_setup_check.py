"""nnlib.check_setup(): ✅ only when the kernel has what the course needs, each problem with its fix, and a dot that
moves only when widgets really work."""

import os
import re
import sys
import types

import numpy as np
import pytest

import nnlib
from nnlib import setup_check
from nnlib.widgets.setup import moving_dot

from test_setup import pyproject_project, requirement_map


def said(capsys):
    return capsys.readouterr().out


def test_the_floors_it_checks_are_the_ones_pyproject_declares():
    declared = requirement_map(pyproject_project()["dependencies"])
    for package, lowest in setup_check.PACKAGES.values():
        assert re.search(rf">={re.escape(lowest)}(,|$)", declared[package]), (package, declared[package])
    assert pyproject_project()["requires-python"] == ">=%d.%d" % setup_check.MINIMUM_PYTHON


def test_here_everything_is_in_place(capsys):
    assert nnlib.check_setup(widget=False) is None
    out = said(capsys)
    assert out.startswith("✅ Everything the course needs is here. You are running on ")
    assert f"numpy {np.__version__}" in out and "Your setup code for the chat: nn-ok-" in out


@pytest.mark.parametrize("variable, place", [("BINDER_LAUNCH_HOST", "Binder"), ("JUPYTERHUB_USER", "JupyterHub")])
def test_it_knows_binder_and_jupyterhub(monkeypatch, variable, place):
    for name in list(os.environ):
        if name.startswith(("BINDER_", "JUPYTERHUB_")):
            monkeypatch.delenv(name)
    assert setup_check.where() == "your computer"
    monkeypatch.setenv(variable, "x")
    assert setup_check.where() == place


def test_it_knows_colab(monkeypatch):
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    assert setup_check.where() == "Colab"


def test_a_missing_package_is_named_with_the_fix_for_this_place(monkeypatch, capsys):
    real_import = setup_check.importlib.import_module

    def without_scipy(name):
        if name == "scipy":
            raise ImportError("No module named 'scipy'")
        return real_import(name)

    monkeypatch.setattr(setup_check.importlib, "import_module", without_scipy)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    assert nnlib.check_setup() is None, "no widget when something is missing"
    out = said(capsys)
    assert "✅" not in out
    assert "❌ scipy is not installed. Fix: run the notebook's first cell (the setup cell) again" in out
    assert "nn-1problem-colab-" in out


def test_an_old_package_is_named_with_the_version_needed(monkeypatch, capsys):
    real_import = setup_check.importlib.import_module
    old_widgets = types.SimpleNamespace(__version__="7.6.5")
    monkeypatch.setattr(setup_check.importlib, "import_module",
                        lambda name: old_widgets if name == "ipywidgets" else real_import(name))
    nnlib.check_setup(widget=False)
    out = said(capsys)
    assert "❌ ipywidgets 7.6.5 is older than the course needs (7.7 or newer)." in out and "✅" not in out


def test_the_dot_moves_with_the_slider_and_a_saved_notebook_shows_no_picture():
    dot = moving_dot()
    before = dot.live.pixels()
    dot.controls["step"].value = 6
    assert dot.last_error is None and dot.frame["step"] == 6
    moved = np.any(before != dot.live.pixels(), axis=2)
    assert moved.sum() > 200, "the dot visibly moved"
    assert "Widgets are not working" in repr(dot) and len(repr(dot)) <= 100, "ipywidgets 8 cuts text/plain at 110"
    assert dot._snapshot_b64() is None, "a saved picture would look fine without a kernel"
    assert set(dot.controls) == {"step", "play"} and dot.controls["play"].max == dot.controls["step"].max


def test_notebook_01_runs_it_second_and_saves_none_of_its_verdict():
    """A saved ✅ or chat code would show without a kernel: the cell's outputs are never committed."""
    import nbformat

    from test_setup import ROOT

    cells = [c for c in nbformat.read(ROOT / "notebooks" / "01_neuron.ipynb", as_version=4).cells
             if c.cell_type == "code"]
    assert cells[1].source.strip() == "nnlib.check_setup()"
    assert {"live-only", "nbval-ignore-output"} <= set(cells[1].metadata["tags"]) and cells[1].outputs == []
