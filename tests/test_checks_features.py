"""The feature exercises' checks (05 feature factory and hinges, 07 circles from squares): the published
answers pass, and each usual mistake gets its own hint."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from feedback import hints, passes  # noqa: E402

from nnlib.checks import features as check  # noqa: E402
from nnlib.widgets import playground  # noqa: E402

FIVE = [(-2.0, 0.23), (-1.3, 0.5), (-0.2, -0.68), (0.2, -0.79), (1.4, 0.65)]


@pytest.fixture(scope="module")
def factory():
    """05's feature factory: a (4, 4) tanh network trained 300 epochs on the circles."""
    p = playground.training_playground("circles", hidden=(4, 4), activation="tanh", lr=0.3, seed=4,
                                       train_controls=False)
    p.step(300)
    return p


def test_feature_factory_published_answer_passes(capsys, factory):
    passes(capsys, check.feature_factory, factory, 3, [2, 3])
    assert "overlap 91%" in check.describe_feature(factory, 3, [2, 3])


@pytest.mark.parametrize("neuron, first, words", [
    (None, None, "still empty"),
    (3, None, "still empty"),
    (2.0, [2, 3], "one whole number"),
    (0, [2, 3], "counted from 1"),
    (5, [2, 3], "neurons 1 to 4"),
    (3, 2, "single number"),
    (3, [2], "at least two"),
    (3, [2, 2], "twice"),
    (3, "2, 3", "list of numbers, in square brackets and without quotes"),
    (3, "[2, 3]", "without quotes"),
    ("3", [2, 3], "without quotes, such as 3"),
    ("three", [2, 3], "a number from 1 to 4, written without quotes, such as 1"),
    (3, [2.0, 3.0], "one whole number"),
    (2, [1, 2], "each one too small"),
    (2, [3, 4], "not close to any intersection"),
    (3, [1, 2], "both sides of first-layer neuron 1"),
    (3.0, [2, 3], "without a decimal point, such as 3"),
])
def test_feature_factory_hints(capsys, factory, neuron, first, words):
    hints(capsys, check.feature_factory, factory, neuron, first, containing=words)


def test_feature_factory_wants_the_playground(capsys):
    import nnlib

    hints(capsys, check.feature_factory, nnlib.MLP([2, 4, 1]), 1, [1, 2], containing="two hidden layers")
    # the factory's network instead of the factory (it has no plane to look at): a hint, never a traceback
    hints(capsys, check.feature_factory, nnlib.MLP([2, 4, 4, 1]), 3, [2, 3], containing="feature factory itself")


def test_hinges_published_answer_passes_and_six_are_fine(capsys):
    passes(capsys, check.hinges, FIVE)
    passes(capsys, check.hinges, [(-1.99, 0.24), (-1.29, 0.5), (-0.2, -0.74), (0.2, -0.74), (1.29, 0.5),
                                  (1.99, 0.24)])


@pytest.mark.parametrize("answer, words", [
    (None, "still empty"),
    ((-1.0, 0.5), "one pair"),
    ([-1.0, 0.5, 0.0, -1.0], "flat list"),
    ([], "empty list"),
    ([(-1.0, "steep")], "with text in it"),
    ([("-2", "0.5")], "without quotes"),
    ("[(-2, 0.5)]", "my_hinges is the text"),
    ([(-2.0, 0.23, 1.0)], "pair (position, slope) of numbers"),
    ([(s, t) for t, s in FIVE], "(slope, position)"),
    (FIVE[:4], "add up to about 0"),
    ([(-5.0, 0.0), (4.0, 0.0)], "outside the region"),
    ([(-1.5, 0.6), (0.0, -1.2), (1.5, 0.6)], "move a hinge"),
    ([(t + 1e-3 * k, s / 2) for k, (t, s) in enumerate(FIVE + FIVE)], "5 are enough"),
    ([(t, -s) for t, s in FIVE], "wrong sign"),
    (dict(FIVE), "is a dict"),
    ([[t for t, _ in FIVE], [s for _, s in FIVE]], "list(zip(positions, slopes))"),
])
def test_hinges_hints(capsys, answer, words):
    hints(capsys, check.hinges, answer, containing=words)


def test_circles_published_answer_passes(capsys):
    out = passes(capsys, check.circles_from_features, ("x1^2", "x2^2"), ())
    assert "ellipse" in out and "circle (an ellipse)" not in out  # not every w1, w2, b make a closed curve
    passes(capsys, check.circles_from_features, ["x2^2", "x1^2"], [])


# twelve hinges just outside the goal: the largest error is 0.05026, which 3 decimals would print as the goal itself
TWELVE = [(t + 1e-3 * k, s / 2) for k, (t, s) in enumerate(FIVE + FIVE)] + [(2.5, 0.0), (2.6, 0.0)]
TWELVE[1] = (TWELVE[1][0], TWELVE[1][1] + 0.00775)


def test_too_many_hinges_outside_the_goal_are_told_too_many_and_never_shown_as_the_goal(capsys):
    out = hints(capsys, check.hinges, TWELVE, containing="12 hinges is too many")
    assert "0.0503" in out and "0.050 " not in out and "add a hinge" not in out
    # six hinges (as many as the check accepts) that miss: move or change, but never "add a hinge"
    six = [(-1.99, 0.24), (-1.29, 0.5), (-0.2, -0.74), (0.2, -0.74), (1.29, 0.5), (1.99, 0.3)]
    out = hints(capsys, check.hinges, six, containing="as many as the check accepts")
    assert "add a hinge" not in out
    # fewer hinges may still be told to add one
    hints(capsys, check.hinges, [(-1.5, 0.6), (0.0, -1.2), (1.5, 0.6)], containing="or add a hinge")


def test_the_largest_error_is_printed_apart_from_the_goal():
    from nnlib.experiments import error_text

    assert error_text(0.0503) == "0.0503"
    assert error_text(0.05000004) == "0.05000004"
    assert error_text(2.5) == "2.500"
    assert error_text(0.048) == "0.048"


@pytest.mark.parametrize("features, hidden, words", [
    (None, (), "still empty"),
    ("x1^2", (), "single string"),
    (("x1", "x2"), (), "straight"),
    (("x1^2",), (), "both squares"),
    (("x1^2", "x2"), (), "cannot close around the centre"),
    (("x1^2", "x2^2"), 0, "empty tuple ()"),
    (("x1^2", "x2^2"), "none", "empty tuple ()"),
    (("x1^2", "x2^2"), (0,), "empty tuple ()"),
    (("x1^2", "x2^2"), (4,), "no hidden layer"),
    (("x1^2", "x2^2"), 4, "no hidden layer"),
    (("x1^2", "x2^2"), None, "hidden_layers is None"),
    (("x1^2", "x2^2"), None, "empty tuple ()"),
    (("x1^2", "x2^2"), ..., "hidden_layers is still empty"),
    (("x1^2", "x2^2"), "()", "written without quotes"),
    (("x1^2", "x2^2"), 0.0, "tuple of layer sizes"),
    (("x1^2", "x2^2"), {}, "tuple of layer sizes"),
    (["x1^2", "x2^2"], [8], "no hidden layer"),
    (("x^2", "y^2"), (), "not one of"),
    ((), (), "empty"),
    ("x1^2, x2^2", (), "each feature name as a string of its own, in a tuple: ('x1^2', 'x2^2')"),
    ("x1^2 x2^2", (), "('x1^2', 'x2^2')"),
    ("x^2", (), "the playground's feature names"),
])
def test_circles_hints(capsys, features, hidden, words):
    hints(capsys, check.circles_from_features, features, hidden, containing=words)


def test_the_untouched_hinges_cell_is_not_tried(capsys):
    """The exercise cell as shipped gets its hint, and progress() counts it as not tried (an untouched stub)."""
    from nnlib.checks import _feedback

    untouched = [(-2.0, 0.5)]
    out = hints(capsys, check.hinges, untouched, containing="add up to about 0")
    _feedback.RESULTS.pop(("05_layers", "hinges"), None)
    check.hinges(untouched)
    assert ("05_layers", "hinges") not in _feedback.RESULTS, out
    check.hinges([(-2.0, 0.6)])  # a changed one is tried
    assert _feedback.RESULTS[("05_layers", "hinges")] == _feedback.NOT_YET
