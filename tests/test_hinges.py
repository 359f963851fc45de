"""The hinges widget: each hinge is slope * ReLU(x - position), the sum is their sum, and the error is measured
against the target on its region."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.hinges import N_POINTS, hinge_sum, hinges, largest_error  # noqa: E402

FIVE = [(-2.0, 0.23), (-1.3, 0.5), (-0.2, -0.68), (0.2, -0.79), (1.4, 0.65)]


def test_a_hinge_is_flat_then_a_straight_line():
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    np.testing.assert_allclose(hinge_sum(x, [(0.5, 2.0)]), [0.0, 0.0, 0.0, 3.0])
    np.testing.assert_allclose(hinge_sum(x, [(0.0, 1.0), (0.5, -2.0)]), [0.0, 0.0, 0.5, -1.0])


def test_largest_error_is_measured_over_the_region_by_hand():
    x = np.linspace(-3, 3, N_POINTS)
    by_hand = np.abs(sum(s * np.maximum(0, x - t) for t, s in FIVE) - np.exp(-x ** 2))
    error, where = largest_error(FIVE, "bump")
    assert error == pytest.approx(by_hand.max()) and where == pytest.approx(x[by_hand.argmax()])
    assert error < 0.05
    assert largest_error([], "sine")[0] == pytest.approx(1.0, abs=1e-6)  # sin reaches 1 at pi / 2


def test_widget_adds_moves_and_removes_hinges():
    h = hinges("bump")
    assert h.units == [(-2.0, 0.5)] and h.last_error is None
    before = h.image.value
    h.add()
    assert len(h.units) == 2 and h.units[1][1] == 0.0 and h.boxes[1].layout.display is None
    h.controls["slope 2"].value = -0.5
    assert h.units[1] == (h.units[1][0], -0.5) and h.image.value != before
    assert h.frame["largest_error"] == pytest.approx(largest_error(h.units, "bump")[0])
    np.testing.assert_allclose(h.view.sum_line.get_ydata(), hinge_sum(h.view.sum_line.get_xdata(), h.units))
    h.remove()
    assert len(h.units) == 1 and h.boxes[1].layout.display == "none"


def test_five_hinges_reach_the_goal_and_the_readout_says_so():
    h = hinges("bump", units=FIVE)
    assert h.largest_error < 0.05 and "within 0.05" in h.readout.value


def test_a_new_target_starts_over_and_limits_follow_its_region():
    h = hinges("bump", units=FIVE)
    h.controls["target"].value = "sine"
    assert h.units == [(0.0, 1.0)] and h.controls["position 1"].max == pytest.approx(2 * np.pi)
    h.add()
    assert 0 <= h.units[1][0] <= 2 * np.pi


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="Choose one of"):
        hinges("square")
    with pytest.raises(TypeError, match="pairs"):
        hinges(units=[1, 2])
    with pytest.raises(ValueError, match="12 or fewer"):
        hinges(max_units=20)
