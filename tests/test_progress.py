"""nnlib.checks.progress(): a helper walking the room sees which exercises a learner has done; the record survives a
kernel restart, and a short code carries it to the chat."""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from nnlib.checks import _feedback
from nnlib.course import NOTEBOOKS

from feedback import harness, stub_function

ROOT = Path(__file__).resolve().parent.parent


def in_a_fresh_kernel(code, folder):
    """What `code` prints in a new Python process working in `folder` (a kernel has its own progress; so does this
    test process)."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=folder, capture_output=True,
                            text=True, env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
                            check=True)
    return result.stdout


def report(out):
    return out.split("---\n")[-1]


def test_before_any_check_runs_every_exercise_of_the_notebook_is_not_tried(tmp_path):
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        nnlib.checks.progress()
    """, tmp_path)
    lines = out.splitlines()
    assert lines[0] == "02_bias: 0 of 3 exercises done"
    assert [line.split()[0] for line in lines[1:4]] == ["·", "·", "·"] and "1. neuron_z: not tried yet" in out
    assert lines[4] == "For the chat: nn-02 ···"


def test_progress_shows_done_tried_and_not_tried_from_the_latest_verdicts(tmp_path):
    out = in_a_fresh_kernel("""
        import numpy as np
        import nnlib.checks
        from nnlib.checks import neuron as check
        def weighted_sums(X, w):
            return None                                                      # the stub, as shipped
        check.weighted_sum(lambda x, w: sum(a * b for a, b in zip(x, w)))   # right
        check.weighted_sums(weighted_sums)
        check.party_weights([1, 1, 1])                                       # wrong...
        check.party_weights(...)                                             # ...then the stub again
        check.one_detector(np.zeros((8, 8)))                                 # the stub, as shipped
        print("---")
        nnlib.checks.progress()
    """, tmp_path)
    lines = report(out).splitlines()
    assert lines == ["01_neuron: 1 of 4 exercises done",
                     "  ✅ 1. weighted_sum: done",
                     "  · 2. weighted_sums: not tried yet",
                     "  💡 3. party_weights: tried, not right yet",
                     "  · 4. one_detector: not tried yet",
                     "For the chat: nn-01 ✅·💡·"]


def test_a_wrong_answer_after_a_right_one_shows_the_latest_verdict(tmp_path):
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        check.neuron_z(lambda X, w, b: X @ w + b)
        check.neuron_z(lambda X, w, b: X @ w)
        print("---")
        nnlib.checks.progress()
    """, tmp_path)
    assert "💡 1. neuron_z: tried, not right yet" in report(out)


def test_without_any_checks_imported_it_says_what_to_run(tmp_path):
    out = in_a_fresh_kernel("import nnlib.checks; nnlib.checks.progress()", tmp_path)
    assert "No exercise checks in this kernel yet" in out


def test_the_record_survives_a_kernel_restart(tmp_path):
    in_a_fresh_kernel("""
        from nnlib.checks import bias as check
        check.neuron_z(lambda X, w, b: X @ w + b)
        check.separating_bias(5.0, *__import__("nnlib").toy_2d("blobs", n_samples=80, noise=0.25, seed=0))
    """, tmp_path)
    assert json.loads((tmp_path / ".progress.json").read_text())["02_bias"] == {
        "neuron_z": "done", "separating_bias": "tried"}
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        nnlib.checks.progress()
    """, tmp_path)
    assert out.splitlines()[-1] == "For the chat: nn-02 ✅·💡", "exercise 3 is separating_bias"
    # this kernel's own verdict comes first, and is kept in its turn; an untouched stub changes nothing
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        check.neuron_z(lambda X, w, b: X @ w)
        check.separating_bias(..., None, None)
        print("---")
        nnlib.checks.progress()
    """, tmp_path)
    assert report(out).splitlines()[-1] == "For the chat: nn-02 💡·💡"
    assert json.loads((tmp_path / ".progress.json").read_text())["02_bias"]["neuron_z"] == "tried"


def test_each_notebook_keeps_its_own_record_in_the_shared_file(tmp_path):
    in_a_fresh_kernel("from nnlib.checks import bias as check; check.neuron_z(lambda X, w, b: X @ w + b)", tmp_path)
    in_a_fresh_kernel("from nnlib.checks import neuron as check; check.party_weights([1, 1, 1])", tmp_path)
    assert json.loads((tmp_path / ".progress.json").read_text()) == {
        "01_neuron": {"party_weights": "tried"}, "02_bias": {"neuron_z": "done"}}
    assert [p.name for p in tmp_path.iterdir()] == [".progress.json"], "no temporary file left behind"


def test_a_folder_where_the_record_cannot_be_written_breaks_no_check(tmp_path):
    (tmp_path / ".progress.json").mkdir()  # as good as a read-only folder, even for root
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        check.neuron_z(lambda X, w, b: X @ w + b)
        print("---")
        nnlib.checks.progress()
    """, tmp_path)
    assert out.startswith("✅") and "Traceback" not in out
    lines = report(out).splitlines()
    assert lines[-2] == "For the chat: nn-02 ✅··", "this kernel still knows"
    assert lines[-1].startswith("(Not kept for after a restart:") and str(tmp_path) in lines[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".progress.json"], "no temporary file left behind"


def test_a_working_folder_that_is_gone_breaks_no_check(tmp_path):
    (tmp_path / "gone").mkdir()
    out = in_a_fresh_kernel(f"""
        import os
        import nnlib.checks
        from nnlib.checks import bias as check
        os.chdir("gone")
        os.rmdir(os.getcwd())
        check.neuron_z(lambda X, w, b: X @ w + b)
        print("---")
        nnlib.checks.progress()
    """, tmp_path)
    assert out.startswith("✅")
    assert "For the chat: nn-02 ✅··" in report(out) and "(Not kept for after a restart" in report(out)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"02_bias": {"neuron_z": "perfect"}, "x": 3}', ""])
def test_a_file_that_is_not_a_record_is_read_as_none_and_replaced(tmp_path, content):
    (tmp_path / ".progress.json").write_text(content)
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        nnlib.checks.progress()
        check.neuron_z(lambda X, w, b: X @ w + b)
    """, tmp_path)
    assert "For the chat: nn-02 ···" in out and "✅" in out.splitlines()[-1]
    assert json.loads((tmp_path / ".progress.json").read_text())["02_bias"] == {"neuron_z": "done"}


def test_05_and_07_each_show_one_block_with_their_own_exercises(tmp_path):
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import layers as check
        from nnlib.checks import features as check_features
        check_features.hinges([(-1.0, 1.0)])
        nnlib.checks.progress()
    """, tmp_path)
    blocks = [line for line in out.splitlines() if line.startswith("0")]
    assert blocks == ["05_layers: 0 of 6 exercises done"], out
    assert "💡 5. hinges" in out and "· 6. feature_factory" in out and "circles" not in out
    assert out.splitlines()[-1] == "For the chat: nn-05 ····💡·"
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import backprop as check
        from nnlib.checks import features as check_features
        check_features.circles_from_features(("x1", "x2"), ())
        nnlib.checks.progress()
    """, tmp_path)
    blocks = [line for line in out.splitlines() if line.startswith("0")]
    assert blocks == ["07_backprop: 0 of 5 exercises done"], out
    assert "💡 5. circles_from_features" in out and "hinges" not in out


CHECK_CALL = re.compile(r"\bcheck\w*\.(\w+)\(")


def check_calls(path):
    """The exercise checks a notebook's check cells call, in order: `check.relu(relu)` -> 'relu'."""
    nb = nbformat.read(path, as_version=4)
    return [name for cell in nb.cells if "check" in cell.metadata.get("tags", [])
            for name in CHECK_CALL.findall(cell.source)]


def all_exercises():
    import importlib
    import pkgutil

    import nnlib.checks

    for module in pkgutil.iter_modules(nnlib.checks.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"nnlib.checks.{module.name}")
    return _feedback.EXERCISES


@pytest.mark.parametrize("name", [name for name, _, _ in NOTEBOOKS])
def test_each_notebook_lists_its_exercises_in_its_own_order(name):
    """The chat code has one mark per exercise, so the n-th mark must be the notebook's Exercise n."""
    assert all_exercises()[name[:-6]] == check_calls(ROOT / "notebooks" / name)


def test_every_check_belongs_to_a_notebook_of_the_course():
    assert set(all_exercises()) == {name[:-6] for name, _, _ in NOTEBOOKS}


def test_a_check_module_that_names_no_notebook_is_told_how_to_fix_it():
    with pytest.raises(ValueError, match="names no notebook"):
        _feedback.notebook_named_in("Checks for some exercises.", "nnlib.checks.new")


def test_a_check_may_be_numbered_and_placed_in_another_notebook():
    @_feedback.check("fine", notebook="98_test", number=2)
    def second():
        pass

    @_feedback.check("fine", notebook="98_test")
    def first():
        pass

    try:
        assert _feedback.EXERCISES["98_test"] == ["first", "second"]
    finally:
        del _feedback.EXERCISES["98_test"], _feedback._NUMBERS["98_test"]


def notebook_stubs():
    """(the notebook's imports of its checks, stub, check cell) of every exercise."""
    for name, _, _ in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        imports = "\n".join(line for cell in nb.cells if cell.cell_type == "code"
                            for line in cell.source.splitlines() if line.startswith("from nnlib.checks import"))
        for exercise in harness().exercises(nb):
            called = "-".join(re.findall(CHECK_CALL, exercise.check))
            yield pytest.param(imports, exercise.stub, exercise.check, id=f"{name[:2]}-{called}")


@pytest.mark.parametrize("imports, stub, check_cell", list(notebook_stubs()))
def test_running_an_untouched_stub_through_its_check_is_not_trying(imports, stub, check_cell, monkeypatch, tmp_path,
                                                                    capsys):
    """Run All on a fresh notebook runs every check on its stub: that leaves each exercise "not tried". (Checks that
    need the notebook's own data are run on their stubs in context by tests/test_core_sections.py.)"""
    monkeypatch.chdir(tmp_path)
    import numpy as np

    import nnlib

    namespace = {"np": np, "nnlib": nnlib, "rng": np.random.default_rng(0)}
    exec(imports, namespace)
    exec(stub, namespace)
    before = dict(_feedback.RESULTS)
    try:
        exec(check_cell, namespace)
    except NameError as missing:
        pytest.skip(f"the check needs the notebook's data ({missing})")
    assert "✅" not in capsys.readouterr().out
    assert _feedback.RESULTS == before, "the untouched stub was counted as tried: raise its hint with " \
                                        "returned_nothing=True"


def test_the_stub_function_of_the_tests_is_not_tried(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    from nnlib.checks import activations

    before = dict(_feedback.RESULTS)
    activations.relu(stub_function)
    assert "returns nothing yet" in capsys.readouterr().out and _feedback.RESULTS == before
