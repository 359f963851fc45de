"""Reading a learner's answer as numbers (nnlib/checks/_answers.py): numbers in quotes are named, never read."""

import numpy as np
import pytest

from nnlib.checks._answers import as_numbers
from nnlib.checks._feedback import Hint


@pytest.mark.parametrize("answer, shown", [("0.5", "'0.5'"), ([1.0, "0.5"], "'0.5'"), (np.array(["1", "2"]), "'1'"),
                                           ((0.1, [0.2, "-3"]), "'-3'"), (np.array([1, "x"], dtype=object), "'x'")])
def test_text_that_numpy_would_read_as_numbers_gets_a_hint(answer, shown):
    with pytest.raises(Hint, match=rf"Your answer holds text \(such as {shown}\), not numbers: write the numbers "
                                   "without quotes"):
        as_numbers(answer)


@pytest.mark.parametrize("answer", [0.5, [0.5, 1], np.arange(3), (1, 2.5)])
def test_numbers_are_read(answer):
    np.testing.assert_allclose(as_numbers(answer), np.asarray(answer, dtype=float))
