"""The hinges widget: each hinge is slope * ReLU(x - position), the sum is their sum, and the error is measured
against the target on its region."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.experiments import N_POINTS, TARGETS, hinge_sum, largest_error, most_useful_position  # noqa: E402
from nnlib.state.hinges import Hinges  # noqa: E402
from nnlib.widgets.hinges import hinges  # noqa: E402

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


def _best_over_slopes(units, position, target):
    """The smallest largest error a hinge at this position can reach, trying slopes -3 to 3 by 0.01 (brute force)."""
    f, low, high, _ = TARGETS[target]
    x = np.linspace(low, high, N_POINTS)
    left = f(x) - sum(s * np.maximum(0, x - t) for t, s in units)
    slopes = np.linspace(-3, 3, 601)
    return np.min(np.max(np.abs(left[None] - slopes[:, None] * np.maximum(0, x - position)[None]), axis=1))


@pytest.mark.parametrize("target, units", [("bump", [(-2.0, 0.5)]), ("sine", [(0.0, 1.0)]), ("bump", FIVE[:4])])
def test_a_new_hinge_goes_where_a_slope_can_bend_the_curve_most(target, units):
    _, low, high, _ = TARGETS[target]
    position = most_useful_position(units, target)
    assert low <= position < high - 0.2      # not at the right end, where a hinge bends nothing
    assert _best_over_slopes(units, high, target) == pytest.approx(largest_error(units, target)[0])
    grid = low + 0.05 * np.arange(int(round((high - low) / 0.05)) + 1)
    best_anywhere = min(_best_over_slopes(units, t, target) for t in grid)
    assert _best_over_slopes(units, position, target) <= 1.1 * best_anywhere
    assert _best_over_slopes(units, position, target) < largest_error(units, target)[0] / 4
    if units == FIVE[:4]:
        assert position == pytest.approx(FIVE[4][0])  # where the published fifth hinge bends


def test_the_state_adds_sets_and_removes_hinges_without_widgets():
    curve = Hinges("bump")
    assert curve.units == [(-2.0, 0.5)]
    at_3 = 0.5 * (3 - -2) - np.exp(-9)  # the hinge has risen to 2.5 at x = 3, the bump is e^-9 there
    assert curve.largest_error == pytest.approx(at_3) and curve.worst_x == pytest.approx(3.0)
    curve.add()
    assert curve.units[1] == (pytest.approx(-0.25), 0.0) and curve.largest_error == pytest.approx(at_3)
    curve.set(FIVE)
    assert curve.largest_error < 0.05 and "within 0.05" in curve.headline() and "5 hinges" in curve.headline()
    curve.remove()
    assert curve.units == FIVE[:4]
    curve.set_target("sine")
    assert curve.units == [(0.0, 1.0)] and curve.region == (0.0, pytest.approx(2 * np.pi))
    small = Hinges("bump", units=[], max_units=1)
    small.add(0.0, 0.5)
    with pytest.raises(ValueError, match="All 1 hinges are in use"):
        small.add()


def test_widget_adds_moves_and_removes_hinges():
    h = hinges("bump")
    assert h.units == [(-2.0, 0.5)] and h.last_error is None
    before = h.image.value
    h.add()
    assert len(h.units) == 2 and h.units[1] == (pytest.approx(-0.25), 0.0) and h.boxes[1].layout.display is None
    assert h.controls["position 2"].value == pytest.approx(-0.25)
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


def test_adding_twice_never_stacks_two_hinges_at_one_place():
    # a new hinge comes with slope 0, so the error is unchanged: the second must go somewhere else
    curve = Hinges("bump")
    curve.add()
    curve.add()
    positions = [position for position, _ in curve.units]
    assert len(set(np.round(positions, 6))) == len(positions) == 3


def test_an_error_just_above_the_goal_never_reads_as_the_goal():
    from nnlib.experiments import GOAL, error_text

    assert error_text(0.0503) == "0.0503" and error_text(0.0512) == "0.051" and error_text(0.0497) == "0.050"
    curve = Hinges("bump")
    assert error_text(curve.largest_error) in curve.headline()
    assert GOAL == 0.05
