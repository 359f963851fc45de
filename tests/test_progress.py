"""nnlib.checks.progress(): a helper walking the room sees which exercises a learner has done."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def in_a_fresh_kernel(code):
    """What `code` prints in a new Python process (a kernel has its own progress; so does this)."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                            env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}, check=True)
    return result.stdout


def test_before_any_check_runs_every_exercise_of_the_notebook_is_not_tried():
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        nnlib.checks.progress()
    """)
    lines = out.splitlines()
    assert lines[0] == "02_bias: 0 of 3 exercises done"
    assert [line.split()[0] for line in lines[1:]] == ["·", "·", "·"] and "neuron_z: not tried yet" in out


def test_progress_shows_done_tried_and_not_tried_from_the_latest_verdicts():
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import neuron as check
        check.weighted_sum(lambda x, w: sum(a * b for a, b in zip(x, w)))   # right
        check.weighted_sums(lambda X, w: None)                              # the stub
        check.party_weights([1, 1, 1])                                       # wrong...
        check.party_weights(None)                                            # ...and still not right
        print("---")
        nnlib.checks.progress()
    """)
    report = out.split("---\n")[1]
    assert report.splitlines()[0] == "01_neuron: 1 of 4 exercises done"
    assert "✅ weighted_sum: done" in report
    assert "💡 weighted_sums: tried, not right yet" in report and "💡 party_weights: tried, not right yet" in report
    assert "· one_detector: not tried yet" in report


def test_a_wrong_answer_after_a_right_one_shows_the_latest_verdict():
    out = in_a_fresh_kernel("""
        import nnlib.checks
        from nnlib.checks import bias as check
        import numpy as np
        check.neuron_z(lambda X, w, b: X @ w + b)
        check.neuron_z(lambda X, w, b: X @ w)
        print("---")
        nnlib.checks.progress()
    """)
    assert "💡 neuron_z: tried, not right yet" in out.split("---\n")[1]


def test_without_any_checks_imported_it_says_what_to_run():
    out = in_a_fresh_kernel("import nnlib.checks; nnlib.checks.progress()")
    assert "No exercise checks in this kernel yet" in out
