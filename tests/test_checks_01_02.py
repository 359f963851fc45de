"""The exercise checks of 01_neuron and 02_bias: right answers pass, stubs never do, each usual mistake
gets its own hint (and never a traceback)."""

import re
from types import SimpleNamespace

import numpy as np
import pytest

import nnlib
from nnlib.checks import _feedback, _source, bias, neuron

from feedback import hints, passes, said, stub_function


# ---- 01_neuron ------------------------------------------------------------------------------------------


def test_weighted_sum(capsys):
    def loop(x, w):
        total = 0.0
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
        return total

    passes(capsys, neuron.weighted_sum, loop)
    passes(capsys, neuron.weighted_sum, lambda x, w: np.dot(x, w))
    hints(capsys, neuron.weighted_sum, stub_function, containing="returns nothing")
    hints(capsys, neuron.weighted_sum, lambda x, w: [a * b for a, b in zip(x, w)], containing="add them up")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(x) * sum(w), containing="total of the weights")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(x) + sum(w), containing="added up inputs and weights")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(x), containing="never used the weights")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(a * b for a, b in zip(x[:-1], w[:-1])),
          containing="last product")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(a * b for a, b in zip(x[1:], w[1:])),
          containing="skips the first")
    hints(capsys, neuron.weighted_sum, lambda x, w: w[0] * x[0] + w[1] * x[1] + w[2] * x[2],
          containing="three terms")
    hints(capsys, neuron.weighted_sum, lambda x, w: x * w, containing="plain Python lists")
    hints(capsys, neuron.weighted_sum, lambda x, w: x @ w, containing="plain Python lists")

    def overwrites(x, w):
        for x_i, w_i in zip(x, w):
            total = w_i * x_i
        return total

    hints(capsys, neuron.weighted_sum, overwrites, containing="replaces the total")
    hints(capsys, neuron.weighted_sum, 1.4, containing="expected a function")


def test_weighted_sum_early_return_is_named(capsys):
    """`return total` indented inside the loop: the learner did write total = total + w_i * x_i."""
    def early_return(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
            return total

    out = hints(capsys, neuron.weighted_sum, early_return, containing="inside the `for`")
    assert "total = total + w_i * x_i" not in out                    # never tells them to write what they wrote
    assert _source.returns_inside_loop(early_return) is True
    assert _source.returns_inside_loop(lambda x, w: sum(x)) is False


def test_weighted_sum_beginner_mistakes(capsys):
    def printed(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
        print(total)

    def no_return(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i

    def no_start(x, w):
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i  # noqa: F821 (the mistake under test)
        return total

    def values_as_positions(x, w):
        total = 0
        for i in x:
            total = total + w[i] * x[i]
        return total

    def no_zip(x, w):
        total = 0
        for x_i, w_i in x, w:
            total = total + w_i * x_i
        return total

    def multiplies(x, w):
        total = 1
        for x_i, w_i in zip(x, w):
            total = total * (w_i * x_i)
        return total

    def starts_at_one(x, w):
        total = 1
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
        return total

    def text(x, w):
        return f"{sum(a * b for a, b in zip(x, w)):.2f}"

    hints(capsys, neuron.weighted_sum, printed, containing="replace `print(...)` with `return")
    hints(capsys, neuron.weighted_sum, no_return, containing="no `return` after the loop")
    hints(capsys, neuron.weighted_sum, no_start, containing="`total = 0`")
    hints(capsys, neuron.weighted_sum, values_as_positions, containing="not the positions")
    hints(capsys, neuron.weighted_sum, no_zip, containing="zip(x, w)")
    hints(capsys, neuron.weighted_sum, multiplies, containing="multiplied the products together")
    hints(capsys, neuron.weighted_sum, starts_at_one, containing="starts at 1")
    hints(capsys, neuron.weighted_sum, text, containing="returns text")
    hints(capsys, neuron.weighted_sum, lambda x, w: 1.4, containing="whatever the inputs")
    hints(capsys, neuron.weighted_sum, lambda x, w: round(sum(a * b for a, b in zip(x, w))), containing="rounded")


def test_weighted_sum_that_reads_the_notebook_variables_is_told(capsys):
    notebook = {"x": [8, 10, 9], "w": [0.9, 0.05, -0.7]}
    reads_globals = eval("lambda a, b: sum(p * q for p, q in zip(x, w))", notebook)
    hints(capsys, neuron.weighted_sum, reads_globals, containing="reads `x`, `w` from the notebook")


def test_weighted_sum_more_beginner_mistakes(capsys):
    """Each wrong answer gets the hint for the mistake it makes, not a neighbour's."""
    def largest(x, w):
        return max(x_i * w_i for x_i, w_i in zip(x, w))

    def returns_the_product(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            product = x_i * w_i
            total = total + product
        return product

    def subtracts(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = total - w_i * x_i
        return total

    def average(x, w):
        return sum(x_i * w_i for x_i, w_i in zip(x, w)) / len(x)

    def rounds_to_two(x, w):
        return round(sum(x_i * w_i for x_i, w_i in zip(x, w)), 2)

    def unpacks_x_alone(x, w):
        total = 0
        for x_i, w_i in x:
            total = total + w_i * x_i
        return total

    out = hints(capsys, neuron.weighted_sum, largest, containing="largest product")
    assert "inside the `for`" not in out                           # no loop, no early return to blame
    hints(capsys, neuron.weighted_sum, returns_the_product, containing="returns `product`")
    hints(capsys, neuron.weighted_sum, subtracts, containing="wrong sign")
    hints(capsys, neuron.weighted_sum, average, containing="divided by the number of inputs")
    hints(capsys, neuron.weighted_sum, rounds_to_two, containing="rounded")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(x_i * x_i for x_i in x), containing="input by itself")
    hints(capsys, neuron.weighted_sum, lambda x, w: sum(w_i * w_i for w_i in w), containing="weight by itself")
    out = hints(capsys, neuron.weighted_sum, unpacks_x_alone, containing="zip(x, w)")
    assert "raised" not in out and "non-iterable" not in out       # Python's own wording is not the hint


def test_weighted_sums_more_beginner_mistakes(capsys):
    party = nnlib.load_party()
    notebook = {"party": party, "np": np}
    reads_the_diary = eval("lambda X, w: party.X @ w", notebook)   # the diary object, not an array

    def last_row_only(X, w):
        for row in X:
            scores = row @ w
        return scores

    hints(capsys, neuron.weighted_sums, reads_the_diary, containing="reads `party` from the notebook")
    hints(capsys, neuron.weighted_sums, last_row_only, containing="the last evening's")
    hints(capsys, neuron.weighted_sums, lambda X, w: X[:, 0] * w[0] + X[:, 1] * w[1] + X[:, 2] * w[2],
          containing="three columns by hand")
    hints(capsys, neuron.weighted_sums, lambda X, w: X.sum(axis=1), containing="never used the weights")
    hints(capsys, neuron.weighted_sums, lambda X, w: (X * w).mean(axis=1), containing="average")
    hints(capsys, neuron.weighted_sums, lambda X, w: -(X @ w), containing="wrong sign")
    out = hints(capsys, neuron.weighted_sums, lambda X, w: np.array([1.05, 5.5, 2.2, -1.65]),
                containing="second row")                            # the row that is wrong, not a right one
    assert "scores -2.58, but you returned 5.50" in out


def test_party_weights_more_beginner_mistakes(capsys):
    hints(capsys, neuron.party_weights, [-0.15, -0.8, -0.9], containing="friends knob is -0.9")
    hints(capsys, neuron.party_weights, [np.nan, -0.8, 0.9], containing="nan")


def test_one_detector_more_beginner_mistakes(capsys):
    out = hints(capsys, neuron.one_detector, -np.ones((8, 8)), containing="have the least")
    assert "the most" not in out
    flanks = np.zeros((8, 8))
    flanks[:, 1:3] = flanks[:, 5:7] = -1.0                          # no positive weight: 1s still win
    out = passes(capsys, neuron.one_detector, flanks)
    assert "likes ink in the middle" not in out                     # the success line is true of this answer too


def test_weighted_sums(capsys):
    passes(capsys, neuron.weighted_sums, lambda X, w: X @ w)
    passes(capsys, neuron.weighted_sums, lambda X, w: np.array([np.dot(row, w) for row in X]))
    hints(capsys, neuron.weighted_sums, stub_function, containing="returns nothing")
    hints(capsys, neuron.weighted_sums, lambda X, w: X * w, containing="table of products")
    hints(capsys, neuron.weighted_sums, lambda X, w: (X * w).sum(axis=0), containing="axis=1")
    hints(capsys, neuron.weighted_sums, lambda X, w: sum(X * w), containing="axis=1")
    hints(capsys, neuron.weighted_sums, lambda X, w: (X * w).sum(), containing="single number")
    hints(capsys, neuron.weighted_sums, lambda X, w: w @ X, containing="X @ w")
    hints(capsys, neuron.weighted_sums, lambda X, w: X.T @ w, containing="no transposing")
    hints(capsys, neuron.weighted_sums, lambda X, w: X @ w + 1, containing="scores 1.05")
    hints(capsys, neuron.weighted_sums, lambda X, w: X @ w > 0, containing="decisions")
    hints(capsys, neuron.weighted_sums, lambda X, w: (X @ w)[:, None], containing="shape (4,)")

    def early_return(X, w):
        for row in X:
            return row @ w

    hints(capsys, neuron.weighted_sums, early_return, containing="first evening")
    out = hints(capsys, neuron.weighted_sums, lambda X, w: w @ X, containing="X @ w")
    assert "gufunc" not in out and "mismatch" not in out                # never numpy's own words


def test_party_weights(capsys):
    party = nnlib.load_party()
    near, far = party.X[neuron.NEAR_EVENING], party.X[neuron.FAR_EVENING]
    # the two evenings the notebook describes: same tiredness and friends, only the distance differs
    assert near.tolist() == [2.0, 10.0, 10.0] and party.y[neuron.NEAR_EVENING] == 1
    assert far.tolist() == [16.6, 10.0, 10.0] and party.y[neuron.FAR_EVENING] == 0

    passes(capsys, neuron.party_weights, [-0.15, -0.8, 0.9])
    passes(capsys, neuron.party_weights, np.array([-1.0, -1.0, 1.5]))
    hints(capsys, neuron.party_weights, ..., containing="still empty")
    hints(capsys, neuron.party_weights, None, containing="still empty")
    hints(capsys, neuron.party_weights, [0.0, -0.8, 0.9], containing="distance knob is at zero")
    hints(capsys, neuron.party_weights, [0.15, -0.8, 0.9], containing="prefers the far party")
    hints(capsys, neuron.party_weights, [0.9, -0.8, -0.15], containing="the order is")
    hints(capsys, neuron.party_weights, [-0.15, -0.5, 0.9], containing="goes to both")
    hints(capsys, neuron.party_weights, [-0.15, -0.9, 0.8], containing="let friends pull harder")
    hints(capsys, neuron.party_weights, [-1.0, 0.0, 0.0], containing="friends knob is 0")
    hints(capsys, neuron.party_weights, [-1.0, -0.8, 0.9], containing="cost")
    hints(capsys, neuron.party_weights, [-0.1, 0.0, 0.02], containing="exactly 0")
    hints(capsys, neuron.party_weights, [-0.15, 0.9], containing="three numbers")
    hints(capsys, neuron.party_weights, "go", containing="quotes")
    hints(capsys, neuron.party_weights, ["-0.15", "-0.8", "0.9"], containing="quotes")


@pytest.mark.parametrize("nudge", [1e-15, -1e-15])
def test_party_weights_on_the_line_survives_rounding(capsys, monkeypatch, nudge):
    """z = 0 up to rounding: some CPUs' BLAS give -6.9e-18 for x @ w where others give 0. Same hint on all."""
    real = nnlib.load_party()
    monkeypatch.setattr(neuron, "load_party", lambda: SimpleNamespace(X=real.X + nudge, y=real.y))
    hints(capsys, neuron.party_weights, np.array([-0.1, 0.0, 0.02]) + nudge, containing="exactly 0")
    hints(capsys, neuron.party_weights, np.array([-0.1, 0.0, 0.02]) - nudge, containing="near party scores exactly 0")
    passes(capsys, neuron.party_weights, np.array([-0.15, -0.8, 0.9]) + nudge)


def test_one_detector(capsys):
    stroke = np.zeros((8, 8))
    stroke[:, 3:5] = 1.0
    stroke[:, 1:3] = stroke[:, 5:7] = -1.0
    passes(capsys, neuron.one_detector, stroke)
    passes(capsys, neuron.one_detector, stroke.ravel())
    passes(capsys, neuron.one_detector, stroke.tolist())
    hints(capsys, neuron.one_detector, ..., containing="still empty")
    hints(capsys, neuron.one_detector, np.zeros((8, 8)), containing="deaf")
    hints(capsys, neuron.one_detector, -stroke, containing="signs are reversed")
    left = np.zeros((8, 8))
    left[:, 2] = 1.0
    hints(capsys, neuron.one_detector, left, containing="favourite digit is 0")
    middle = np.zeros((8, 8))
    middle[:, 3:5] = 1.0
    middle[:, 2] = middle[:, 5] = -0.6
    hints(capsys, neuron.one_detector, middle * 0.1, containing="only just")
    row = np.zeros((8, 8))
    row[3, :] = 1.0
    hints(capsys, neuron.one_detector, row, containing="fills columns")
    hints(capsys, neuron.one_detector, np.ones((8, 8)), containing="all 64 weights are the same")
    hints(capsys, neuron.one_detector, np.ones((7, 7)), containing="8x8")


# ---- 02_bias --------------------------------------------------------------------------------------------

def shifted_blobs():
    X, y = nnlib.toy_2d("blobs", n_samples=80, noise=0.25, seed=0)
    return X + [1.6, 1.2], y


def test_neuron_z(capsys):
    passes(capsys, bias.neuron_z, lambda X, w, b: X @ w + b)
    passes(capsys, bias.neuron_z, lambda X, w, b: np.dot(X, w) + b)
    passes(capsys, bias.neuron_z, lambda X, w, b: b + w @ X.T)
    hints(capsys, bias.neuron_z, stub_function, containing="returns nothing")
    hints(capsys, bias.neuron_z, lambda X, w, b: X @ w, containing="forgot the bias")
    hints(capsys, bias.neuron_z, lambda X, w, b: (X * w + b).sum(axis=1), containing="once per input")
    hints(capsys, bias.neuron_z, lambda X, w, b: X @ w - b, containing="subtracted")
    hints(capsys, bias.neuron_z, lambda X, w, b: (X @ w) * b, containing="multiplied")
    hints(capsys, bias.neuron_z, lambda X, w, b: (X @ w + b)[:, None], containing="shape")
    out = hints(capsys, bias.neuron_z, lambda X, w, b: w @ X + b, containing="X @ w")
    assert "gufunc" not in out and "mismatch" not in out
    hints(capsys, bias.neuron_z, lambda X, w, b: X * w + b, containing="table")
    hints(capsys, bias.neuron_z, lambda X, w, b: X @ (w + b), containing="added b to every weight")
    hints(capsys, bias.neuron_z, lambda X, w, b: np.sum(X @ w) + b, containing="single number")
    hints(capsys, bias.neuron_z, lambda X, w, b: X @ w + b > 0, containing="decisions")
    hints(capsys, bias.neuron_z, lambda X, w, b: X[:, 0] * w[0] + X[:, 1] * w[1] + X[:, 2] * w[2] + b,
          containing="only 2 columns")
    notebook = {"w_party": np.array([-0.15, -0.8, 0.9])}
    reads_w_party = eval("lambda X, w, b: X @ w_party + b", notebook)
    hints(capsys, bias.neuron_z, reads_w_party, containing="reads `w_party` from the notebook")


def test_neuron_z_more_beginner_mistakes(capsys):
    def last_row_only(X, w, b):
        for row in X:
            z = row @ w + b
        return z

    def arguments_swapped(X, b, w):
        return X @ w + b

    hints(capsys, bias.neuron_z, lambda X, w, b: (X + b) @ w, containing="added b to every input")
    hints(capsys, bias.neuron_z, lambda X, w, b: X @ w + 1.0, containing="adds 1 whatever b")
    hints(capsys, bias.neuron_z, lambda X, w, b: np.where(X @ w + b > 0, 1, 0), containing="decisions")
    hints(capsys, bias.neuron_z, lambda X, w, b: np.sum(X @ w + b), containing="single number")
    hints(capsys, bias.neuron_z, last_row_only, containing="the last row's")
    out = hints(capsys, bias.neuron_z, lambda X, w, b: X @ w + b[0], containing="b, not b[0]")
    assert "subscriptable" not in out
    out = hints(capsys, bias.neuron_z, arguments_swapped, containing="order in your def line")
    assert "gufunc" not in out and "operand" not in out            # never numpy's own wording


def test_separating_bias(capsys):
    X, y = shifted_blobs()
    s = X @ bias.SEPARATING_W
    passes(capsys, bias.separating_bias, -3.0, X, y)
    passes(capsys, bias.separating_bias, np.float64(-2.5), X, y)
    passes(capsys, bias.separating_bias, -(s[y == 0].max() + s[y == 1].min()) / 2, X, y)  # the published answer
    hints(capsys, bias.separating_bias, ..., X, y, containing="still empty")
    hints(capsys, bias.separating_bias, 0.0, X, y, containing="below both groups")
    hints(capsys, bias.separating_bias, 3.0, X, y, containing="sign is flipped")
    hints(capsys, bias.separating_bias, 8.0, X, y, containing="a positive b only lifts z")
    hints(capsys, bias.separating_bias, -9.0, X, y, containing="never fires")
    hints(capsys, bias.separating_bias, -2.2, X, y, containing="a little more negative")
    hints(capsys, bias.separating_bias, -3.62, X, y, containing="a little less negative")
    out = hints(capsys, bias.separating_bias, -3.6, X, y, containing="a little less negative")
    assert "1 of the 40 points of group 1 scores z < 0: the one nearest" in out
    hints(capsys, bias.separating_bias, -3.8, X, y, containing="cuts off the edge of group 1")
    hints(capsys, bias.separating_bias, [-3.0, -3.0], X, y, containing="one number")
    hints(capsys, bias.separating_bias, "-3", X, y, containing="quotes")


def test_separating_bias_hint_scales_with_how_wrong_it_is(capsys):
    """b = -1 leaves 37 of the 40 points of group 0 on the wrong side: that is not "close"."""
    X, y = shifted_blobs()
    out = hints(capsys, bias.separating_bias, -1, X, y, containing="37 of the 40")
    assert "close" not in out.lower() and "nearly" not in out.lower() and "a little" not in out.lower()
    assert "runs right through group 0" in out and "clearly more negative" in out
    out = hints(capsys, bias.separating_bias, -4.5, X, y, containing="runs right through group 1")
    assert "nearly" not in out.lower()


@pytest.mark.parametrize("nudge", [0.0, 1e-15, -1e-15])
def test_separating_bias_on_the_outermost_point_survives_rounding(capsys, nudge):
    X, y = shifted_blobs()
    s = X @ bias.SEPARATING_W
    hints(capsys, bias.separating_bias, -s[y == 0].max() + nudge, X, y, containing="exactly through")
    hints(capsys, bias.separating_bias, -s[y == 1].min() + nudge, X, y, containing="exactly through")
    passes(capsys, bias.separating_bias, -3.0, X + nudge, y)


def test_best_accuracy_without_bias(capsys):
    X, y = shifted_blobs()

    def sweep(X, y, n_angles=360):
        best = 0.0
        for angle in np.linspace(0, 2 * np.pi, n_angles, endpoint=False):
            w = np.array([np.cos(angle), np.sin(angle)])
            best = max(best, np.mean((X @ w > 0) == y))
        return best

    def worst(X, y):
        return 1 - sweep(X, y)

    def percent(X, y):
        return 100 * sweep(X, y)

    def with_bias(X, y):
        return max(np.mean((X @ w + b > 0) == y) for w in ([1.0, 1.0], [-1.0, -1.0])
                   for b in np.linspace(-6, 6, 121))

    def all_of_them(X, y):
        return [np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y) for a in np.linspace(0, 6.28, 36)]

    def forgot_labels(X, y):
        return max(np.mean(X @ [np.cos(a), np.sin(a)] > 0) for a in np.linspace(0, 6.28, 360))

    out = passes(capsys, bias.best_accuracy_without_bias, sweep, X, y)
    assert 0.55 <= bias.best_accuracy_through_origin(X, y) <= 0.65  # the notebook says "about 61%"
    hints(capsys, bias.best_accuracy_without_bias, stub_function, X, y, containing="returns nothing")
    hints(capsys, bias.best_accuracy_without_bias, worst, X, y, containing="worst line")
    hints(capsys, bias.best_accuracy_without_bias, percent, X, y, containing="percentage")
    hints(capsys, bias.best_accuracy_without_bias, with_bias, X, y, containing="bias sneak in")
    hints(capsys, bias.best_accuracy_without_bias, all_of_them, X, y, containing="36 numbers")
    hints(capsys, bias.best_accuracy_without_bias, forgot_labels, X, y, containing="compare the guesses with y")

    def ellipsis_left(X, y):
        return max(0.0, ...)

    hints(capsys, bias.best_accuracy_without_bias, ellipsis_left, X, y, containing="`...`")


def test_best_accuracy_without_bias_beginner_mistakes(capsys):
    X, y = shifted_blobs()
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)

    def early_return(X, y):
        best = 0.0
        for a in angles:
            best = max(best, np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y))
            return best

    def overwrites(X, y):
        for a in angles:
            best = np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y)
        return best

    def forgot_mean(X, y):
        best = 0.0
        for a in angles:
            best = max(best, (X @ [np.cos(a), np.sin(a)] > 0) == y)
        return best

    def per_angle(X, y):
        best = 0.0
        for a in angles:
            best = max(best, np.sum((X @ [np.cos(a), np.sin(a)] > 0) == y) / 360)
        return best

    def first_quadrant(X, y):
        return max(np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y) for a in np.linspace(0, np.pi / 2, 90))

    hints(capsys, bias.best_accuracy_without_bias, early_return, X, y, containing="first pass through the loop")
    hints(capsys, bias.best_accuracy_without_bias, overwrites, X, y, containing="each pass replaces the result")
    out = hints(capsys, bias.best_accuracy_without_bias, forgot_mean, X, y, containing="np.mean(guesses == y)")
    assert "ambiguous" not in out
    hints(capsys, bias.best_accuracy_without_bias, per_angle, X, y, containing="by 360")
    hints(capsys, bias.best_accuracy_without_bias, first_quadrant, X, y, containing="once round, from 0 to 2π")

    def degrees(X, y):
        return max(np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y) for a in np.linspace(0, 360, 360))

    hints(capsys, bias.best_accuracy_without_bias, degrees, X, y, containing="read them as radians")
    hints(capsys, bias.best_accuracy_without_bias, lambda X, y: 0.61, X, y, containing="whatever the points")
    notebook = {"X": X, "y": y, "np": np}
    reads_globals = eval("lambda points, labels: max(np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y) "
                         "for a in np.linspace(0, 6.28, 360))", notebook)
    hints(capsys, bias.best_accuracy_without_bias, reads_globals, X, y, containing="from the notebook")


def test_best_accuracy_without_bias_mistakes_that_land_near_the_right_number(capsys):
    """Wrong ideas whose number comes out about right on the notebook's data are still named."""
    X, y = shifted_blobs()

    def whole_degrees(X, y):
        best = 0.0
        for a in range(360):
            w = np.array([np.cos(a), np.sin(a)])
            best = max(best, np.mean((X @ w > 0) == y))
        return best

    def half_circle(X, y):
        best = 0.0
        for a in np.linspace(0, np.pi, 360):
            w = np.array([np.cos(a), np.sin(a)])
            best = max(best, np.mean((X @ w > 0) == y))
        return best

    def error_rate(X, y):
        best = 0.0
        for a in np.linspace(0, 2 * np.pi, 360):
            w = np.array([np.cos(a), np.sin(a)])
            best = max(best, np.mean((X @ w > 0) != y))
        return best

    def z_against_labels(X, y):
        best = 0.0
        for a in np.linspace(0, 2 * np.pi, 360):
            w = np.array([np.cos(a), np.sin(a)])
            best = max(best, np.mean(X @ w == y))
        return best

    def from_degrees(X, y):
        best = 0.0
        for d in range(360):
            a = np.deg2rad(d)
            best = max(best, np.mean((X @ np.array([np.cos(a), np.sin(a)]) > 0) == y))
        return best

    hints(capsys, bias.best_accuracy_without_bias, whole_degrees, X, y, containing="read them as radians")
    hints(capsys, bias.best_accuracy_without_bias, half_circle, X, y, containing="once round, from 0 to 2π")
    hints(capsys, bias.best_accuracy_without_bias, error_rate, X, y, containing="wrong, not right")
    hints(capsys, bias.best_accuracy_without_bias, z_against_labels, X, y, containing="compare z itself with y")
    passes(capsys, bias.best_accuracy_without_bias, from_degrees, X, y)   # degrees converted: right


def test_separating_bias_that_is_not_a_number(capsys):
    X, y = shifted_blobs()
    hints(capsys, bias.separating_bias, np.nan, X, y, containing="nan")   # nan > 0 and nan < 0 are both False


def test_no_line_through_the_origin_splits_the_notebook_data_but_a_bias_does():
    X, y = shifted_blobs()
    z = X @ bias.SEPARATING_W
    assert z[y == 0].max() + 0.8 < z[y == 1].min()  # a gap wide enough to find with a slider
    assert np.all((z - 3.0 > 0) == (y == 1))


@pytest.mark.parametrize("check, answer", [
    (neuron.weighted_sum, None), (neuron.weighted_sums, None), (neuron.party_weights, ...),
    (neuron.one_detector, ...), (bias.neuron_z, None),
])
def test_stubs_never_pass(capsys, check, answer):
    if answer is None:
        answer = stub_function
    check(answer)
    out = said(capsys)
    assert out and "✅" not in out


# ---- the pixel neuron explorer (01_neuron) ----------------------------------------------------------------

def top_stroke_knobs():
    top = np.zeros((8, 8))
    top[0, 2:7] = 1
    gap = np.zeros((8, 8))
    gap[2, 3:6] = 1
    return {"top row": top, "gap below": gap}


def test_pixel_neuron_view_draws_the_weighted_sum():
    from nnlib.widgets.pixel_neuron import PixelNeuronView

    digits = nnlib.load_digits()
    view = PixelNeuronView(digits.images, digits.y)
    W = pixel_neuron_weights_for_test()
    frame = view.draw(W, 15)
    assert np.isclose(frame["z"], digits.X[15] @ W.ravel())          # z is the pixels dotted with the weights
    assert np.allclose(frame["products"].sum(), frame["z"])
    assert frame["label"] == 5 and frame["favourite"] == 5            # the top-stroke neuron prefers 5s
    scores = digits.X @ W.ravel()
    assert np.allclose(frame["means"], [scores[digits.y == k].mean() for k in range(10)])
    first = view.live.pixels()
    view.draw(-W, 1)
    assert not np.array_equal(first, view.live.pixels())
    assert view.render()[:8] == b"\x89PNG\r\n\x1a\n"


def pixel_neuron_weights_for_test():
    from nnlib.widgets.pixel_neuron import pixel_neuron_weights

    W = pixel_neuron_weights(top_stroke_knobs(), {"top row": 1.0, "gap below": -1.0})
    assert W[0, 2:7].tolist() == [1.0] * 5 and W[2, 3:6].tolist() == [-1.0] * 3 and np.abs(W).sum() == 8
    return W


def test_pixel_neuron_explorer_follows_its_controls():
    from nnlib.widgets.pixel_neuron import pixel_neuron_explorer

    digits = nnlib.load_digits()
    explorer = pixel_neuron_explorer(digits.images, digits.y, knobs=top_stroke_knobs(),
                                     values={"gap below": -1.0}, digit=5, example=1)
    assert repr(explorer) == ("Pixel neuron explorer: 8x8 = 64 weights, 2 knobs (top row, gap below), "
                              "1797 images")
    assert explorer.last_error is None and explorer.frame["label"] == 5
    assert np.isclose(explorer.frame["z"], 2.9375)                    # image 15, the notebook's first 5
    assert "2.94" in explorer.readout.value

    before = explorer.image.value
    explorer.controls["gap below"].value = 0.0                         # the 1s' upright stroke stops costing
    assert explorer.image.value != before and explorer.last_error is None
    means_without_gap = explorer.frame["means"]

    explorer.controls["digit"].value = 1                               # a new digit starts at its first example
    assert explorer.controls["example"].value == 0
    assert explorer.controls["example"].max == np.sum(digits.y == 1) - 1
    assert explorer.frame["label"] == 1
    explorer.controls["example"].value = 3
    index = np.flatnonzero(digits.y == 1)[3]
    assert np.isclose(explorer.frame["z"], digits.images[index][0, 2:7].sum())
    explorer.controls["gap below"].value = -1.0
    assert explorer.frame["means"][1] < means_without_gap[1] - 2       # the gap knob hits 1s hardest


def test_pixel_neuron_explorer_with_fixed_weights_and_clear_errors():
    from nnlib.widgets.pixel_neuron import pixel_neuron_explorer

    digits = nnlib.load_digits()
    one = np.zeros((8, 8))
    one[:, 3:5] = 1.0
    explorer = pixel_neuron_explorer(digits.images, digits.y, weights=one, digit=1)
    assert set(explorer.controls) == {"digit", "example"} and explorer.frame["favourite"] == 1
    assert repr(explorer).startswith("Pixel neuron explorer: 8x8 = 64 weights, 0 knobs")
    with pytest.raises(ValueError, match="one weight per pixel"):
        pixel_neuron_explorer(digits.images, digits.y, weights=np.ones(63))
    with pytest.raises(ValueError, match="same shape"):
        pixel_neuron_explorer(digits.images, digits.y, knobs={"top": np.ones((7, 7))})
    with pytest.raises(ValueError, match="Give the neuron some weights"):
        pixel_neuron_explorer(digits.images, digits.y)
    with pytest.raises(ValueError, match="not knobs"):
        pixel_neuron_explorer(digits.images, digits.y, knobs=top_stroke_knobs(), values={"bottom": 1.0})
    with pytest.raises(ValueError, match="example should be"):
        pixel_neuron_explorer(digits.images, digits.y, weights=one, digit=5, example=182)
    with pytest.raises(ValueError, match="not among the labels"):
        pixel_neuron_explorer(digits.images, digits.y, weights=one, digit=12)


def test_pixel_neuron_explorer_keeps_the_starting_averages_as_a_ghost():
    """01's prompt: set 'gap below' to 0 and see which digit climbs most. The old bars stay as dashed outlines."""
    from nnlib.widgets.pixel_neuron import pixel_neuron_explorer

    digits = nnlib.load_digits()
    explorer = pixel_neuron_explorer(digits.images, digits.y, knobs=top_stroke_knobs(),
                                     values={"top row": 1.0, "gap below": -1.0}, digit=5, example=1)
    start = explorer.frame["reference_means"]
    np.testing.assert_allclose(start, explorer.frame["means"])
    assert not any(g.get_visible() for g in explorer.view.ghosts)        # nothing moved yet: no outlines
    explorer.controls["gap below"].value = 0.0
    climb = explorer.frame["means"] - start
    assert int(np.argmax(climb)) == 1 and climb[1] > np.delete(climb, 1).max() + 0.5  # the 1 climbs most
    assert all(g.get_visible() for g in explorer.view.ghosts)
    np.testing.assert_allclose([g.get_height() for g in explorer.view.ghosts], start)
    assert "dashed" in explorer.view.ghost_note.get_text()
    fixed = pixel_neuron_explorer(digits.images, digits.y, weights=top_stroke_knobs()["top row"], digit=5)
    assert fixed.frame["reference_means"] is None                      # fixed weights (08): nothing to compare


def test_what_01_says_about_the_top_stroke_neuron():
    """01 §4: the 1 climbs most when the gap knob goes to 0 (from -0.45 to 1.82, the 9s next); a 4 leaves the
    top row the emptiest; a 1 puts the most ink in the gap; only 2 of the 182 fives score below 0."""
    digits = nnlib.load_digits()
    knobs = top_stroke_knobs()
    ink = {name: np.array([(digits.images[digits.y == k] * pattern).sum(axis=(1, 2)).mean() for k in range(10)])
           for name, pattern in knobs.items()}
    start = ink["top row"] - ink["gap below"]
    assert round(start[1], 2) == -0.45 and round(ink["top row"][1], 2) == 1.82
    assert int(np.argmax(ink["gap below"])) == 1 and int(np.argsort(ink["gap below"])[-2]) == 9
    assert int(np.argmin(ink["top row"])) == 4
    z = digits.X @ (knobs["top row"] - knobs["gap below"]).ravel()
    assert np.sum(digits.y == 5) == 182 and np.sum(z[digits.y == 5] < 0) == 2


def test_what_01_says_about_the_party_map():
    """01 §3: starts at 138 of 200 with 7 on the line; the common-sense knobs reach 180 (3 on the line); no line
    through (0, 0) gets more than 181. Points with |z| < 1e-9 sit on the line and count for neither side."""
    party = nnlib.load_party()
    X, y = party.X[:, 1:], party.y

    def count(w):
        z = X @ np.asarray(w, dtype=float)
        return int(np.sum(np.where(y == 1, z > 1e-9, z < -1e-9))), int(np.sum(np.abs(z) <= 1e-9))

    assert count([-0.3, 0.9]) == (138, 7) and count([-0.8, 0.9]) == (180, 3)
    angles = np.linspace(0, 2 * np.pi, 20000, endpoint=False)
    Z = X @ np.stack([np.cos(angles), np.sin(angles)])
    assert np.where(y[:, None] == 1, Z > 1e-9, Z < -1e-9).sum(axis=0).max() == 181


def test_what_02_says_about_starting_biases():
    """02 §4: at b = 0, 1 of the 16 neurons never fires (pixels are >= 0, not centred); centred, none."""
    digits = nnlib.load_digits()
    W = np.random.default_rng(0).normal(0, 0.1, size=(64, 16))  # the notebook's first draw from its rng
    fires = digits.X @ W > 0
    assert digits.X.min() == 0 and np.sum(~fires.any(axis=0)) == 1 and np.sum(fires.all(axis=0)) == 0
    centred = (digits.X - digits.X.mean(axis=0)) @ W > 0
    assert not (~centred.any(axis=0)).any() and 0.4 < centred.mean(axis=0).min() < centred.mean(axis=0).max() < 0.6


# ---- more beginners' answers, and how the checks of 01 and 02 are written ------------------------------------------


def test_weighted_sum_names_a_decision_a_wrapped_number_enumerate_and_crashes(capsys):
    def enumerated(x, w):
        total = 0
        for x_i, w_i in enumerate(x):
            total = total + x_i * w_i
        return total

    def misspelt(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = total + w_i * X_i  # noqa: F821 (the mistake under test)
        return total

    def unset_and_copied(x, w):
        for x_i, w_i in zip(x, w):
            total += w_i * x_i  # noqa: F821 (the mistake under test)
        result = total
        return result

    def item_of_a_number(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = total + x_i[0] * w_i
        return total

    def sum_of_a_number(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total = sum(w_i * x_i)
        return total

    def one_past_the_end(x, w):
        total = 0
        for i in range(len(x) + 1):
            total = total + x[i] * w[i]
        return total

    check = neuron.weighted_sum
    assert "a decision" in hints(capsys, check, lambda x, w: np.dot(x, w) > 0)
    assert "wrapped in a list" in hints(capsys, check, lambda x, w: [sum(a * b for a, b in zip(x, w))])
    assert "each input by its position" in hints(capsys, check, enumerated)
    assert "each weight by its position" in hints(capsys, check, lambda x, w: sum(i * w_i for i, w_i in enumerate(w)))
    out = hints(capsys, check, misspelt, containing="does not know the name `X_i`")
    assert "X_i = 0" not in out                                      # a misspelling is not a total to start
    hints(capsys, check, unset_and_copied, containing="uses a name before giving it a value")
    hints(capsys, check, item_of_a_number, containing="a single number has no items")
    hints(capsys, check, sum_of_a_number, containing="loop over a single number")
    hints(capsys, check, one_past_the_end, containing="past the end of the list")


def test_weighted_sums_names_rounding_whole_numbers_max_and_sizes_by_hand(capsys):
    def four_columns(X, w):
        return X[:, 0] * w[0] + X[:, 1] * w[1] + X[:, 2] * w[2] + X[:, 3] * w[3]

    def four_rows(X, w):
        scores = np.zeros(4)
        for i in range(len(X)):
            scores[i] = X[i] @ w
        return scores

    check = neuron.weighted_sums
    out = hints(capsys, check, lambda X, w: np.round(X @ w, 2), containing="rounded")
    assert "scores -2.58, but you returned -2.58" not in out
    hints(capsys, check, lambda X, w: (X @ w).astype(int), containing="lost their decimals")
    hints(capsys, check, lambda X, w: (X * w).max(axis=1), containing="largest product of each row")
    hints(capsys, check, four_columns, containing="only 3 columns")
    hints(capsys, check, four_rows, containing="or a size, out by hand")


def test_neuron_z_names_columns_averages_activations_and_rounding(capsys):
    check = bias.neuron_z
    hints(capsys, check, lambda X, w, b: (X * w).sum(axis=0) + b, containing="added down the columns")
    hints(capsys, check, lambda X, w, b: (X * w).mean(axis=1) + b, containing="average product")
    hints(capsys, check, lambda X, w, b: np.maximum(0, X @ w + b), containing="only the positive")
    hints(capsys, check, lambda X, w, b: 1 / (1 + np.exp(-(X @ w + b))), containing="with a sigmoid")
    hints(capsys, check, lambda X, w, b: np.tanh(X @ w + b), containing="with tanh")
    hints(capsys, check, lambda X, w, b: (X @ w + b).astype(int), containing="lost their decimals")
    hints(capsys, check, lambda X, w, b: np.round(X @ w + b, 1), containing="rounded")
    # wrong only on the row of zeros: the hint shows that row, not the first one (which is right)
    out = hints(capsys, check, lambda X, w, b: X @ w + b * (np.abs(X).sum(axis=1) > 0), containing="[0, 0, 0]")
    assert "should be 1.5, but you returned 0" in out


def test_best_accuracy_without_bias_names_an_average_and_whole_number_division(capsys):
    X, y = shifted_blobs()
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)

    def averaged(X, y):
        return np.mean([np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y) for a in angles])

    def whole_division(X, y):
        return max(np.sum((X @ [np.cos(a), np.sin(a)] > 0) == y) // len(y) for a in angles)

    hints(capsys, bias.best_accuracy_without_bias, averaged, X, y, containing="average accuracy of all your lines")
    unreadable = eval("lambda X, y: np.mean([np.mean((X @ [np.cos(a), np.sin(a)] > 0) == y) "
                      "for a in np.linspace(0, 2 * np.pi, 360)])", {"np": np})  # no source: the last hint names it
    hints(capsys, bias.best_accuracy_without_bias, unreadable, X, y, containing="averaging every line's accuracy")
    hints(capsys, bias.best_accuracy_without_bias, whole_division, X, y, containing="divide with //")


def test_the_crash_kinds_01_and_02_read():
    """The words of Python's and numpy's exceptions are read in _feedback's table alone; a NoneType is not a number."""
    def raised(code):
        try:
            exec(code, {"np": np})
        except Exception as error:  # noqa: BLE001 (any crash is what is under test)
            return _feedback.crash_kind(error)
        raise AssertionError(f"{code} did not raise")

    assert raised("for a, b in [1.0, 2.0]: pass") == _feedback.NUMBER_UNPACKED
    assert raised("for a, b in np.array([1.0, 2.0]): pass") == _feedback.NUMBER_UNPACKED
    assert raised("a, b = None") is None
    assert raised("x = 1.5; x[0]") == _feedback.NUMBER_INDEXED
    assert raised("np.float64(1.5)[0]") == _feedback.NUMBER_INDEXED
    assert raised("x = None; x[0]") is None
    assert raised("sum(1.5)") == raised("sum(np.float64(1.5))") == raised("sum(3)") == _feedback.NUMBER_ITERATED
    assert raised("for a, b in [(1, 2, 3)]: pass") == _feedback.UNPACK
    for kind in (_feedback.NUMBER_UNPACKED, _feedback.NUMBER_INDEXED, _feedback.NUMBER_ITERATED):
        assert kind in _feedback._IN_WORDS                             # every other check gets words, not numpy's


def test_the_name_a_name_error_is_about():
    def unset(x):
        for x_i in x:
            total = total + x_i  # noqa: F821 (the mistake under test)
        return total

    for function, name in ((unset, "total"), (lambda x: undefined_name, "undefined_name")):  # noqa: F821
        with pytest.raises(NameError) as caught:
            function([1, 2])
        assert _source.name_used_before_set(caught.value) == name


def test_the_source_reading_helpers_answer_for_functions_without_source():
    made = eval("lambda x, w: sum(x)")                       # no file behind it: inspect cannot read it
    assert _source.source(made) is None and _source.function_node(made) is None
    assert _source.returns_inside_loop(made) is None and _source.has_loop(made) is None
    assert _source.is_shipped_stub(made) and _source.returned_instead_of_total(made) is None


def test_the_checks_of_01_02_and_04_are_written_one_way():
    """No numpy closeness that broadcasts, no exception wording, no source reading of their own, and 02 takes
    nothing private from 01."""
    from pathlib import Path

    root = Path(neuron.__file__).parent
    for name in ("neuron.py", "bias.py", "activations.py"):
        text = (root / name).read_text(encoding="utf-8")
        for banned in ("np.allclose", "np.isclose", "str(error)", "import inspect", "import ast", "import re\n"):
            assert banned not in text, f"{name} has {banned.strip()}"
    imported = re.search(r"^from \.neuron import (.*)$", (root / "bias.py").read_text(encoding="utf-8"), re.M)
    assert not any(name.strip().startswith("_") for name in imported.group(1).split(","))


# ---- a beginner's wrong answers, round two: each gets the hint for the mistake made ------------------------------

def test_weighted_sum_names_a_sum_never_kept_a_plus_sign_and_a_total_restarted_in_the_loop(capsys):
    def never_kept(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total + w_i * x_i
        return total

    def plus_sign(x, w):
        total = 0
        for x_i, w_i in zip(x, w):
            total =+ w_i * x_i  # noqa: E225 (the mistake under test)
        return total

    def restarted(x, w):
        for x_i, w_i in zip(x, w):
            total = 0
            total = total + w_i * x_i
        return total

    def list_total(x, w):
        total = []
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
        return total

    def nested(x, w):
        total = 0
        for x_i in x:
            for w_i in w:
                total = total + x_i * w_i
        return total

    def three_passes(x, w):
        total = 0
        for i in range(3):
            total = total + x[i] * w[i]
        return total

    check = neuron.weighted_sum
    out = hints(capsys, check, never_kept, containing="`total + w_i * x_i` computes a number but keeps it nowhere")
    assert "total *=" not in out
    out = hints(capsys, check, plus_sign, containing="`total =+ ...` is read by Python as `total = +...`")
    assert "not `total = w_i * x_i`" not in out
    hints(capsys, check, restarted, containing="`total = 0` sits inside the loop")
    hints(capsys, check, list_total, containing="started as a list ([])")
    hints(capsys, check, nested, containing="every input by every weight (a loop inside a loop")
    out = hints(capsys, check, three_passes, containing="range(3)")
    hints(capsys, check, lambda x, w: int(sum(a * b for a, b in zip(x, w))), containing="rounded to a whole number")


def test_weighted_sums_names_exercise_1_on_the_table_and_a_total_carried_across_rows(capsys):
    def exercise_1(x, w):
        total = 0.0
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
        return total

    def carried(X, w):
        scores, total = [], 0
        for row in X:
            total = total + row @ w
            scores.append(total)
        return scores

    hints(capsys, neuron.weighted_sums, exercise_1, containing="pairs the rows of X with the weights")
    hints(capsys, neuron.weighted_sums, carried, containing="includes the ones before it")


def test_typed_numbers_and_returns_name_empty_places_and_a_tuple(capsys):
    hints(capsys, neuron.party_weights, [None, None, None], containing="still holds an empty place")
    out = hints(capsys, bias.neuron_z, lambda X, w, b: (X @ w, b), containing="separated by a comma (a tuple)")
    assert "it is tuple" not in out


def test_neuron_z_names_a_sum_of_the_bias_a_sign_and_a_function_from_notebook_01(capsys):
    out = hints(capsys, bias.neuron_z, lambda X, w, b: X @ w + sum(b), containing="b is a single number")
    assert "w_i * x_i" not in out                                    # 01's words are not 02's
    hints(capsys, bias.neuron_z, lambda X, w, b: np.sign(X @ w + b), containing="only the sign of each z")
    hints(capsys, bias.neuron_z, lambda X, w, b: weighted_sums(X, w) + b,  # noqa: F821 (the mistake under test)
          containing="written in another notebook")


def test_best_accuracy_without_bias_names_the_best_kept_but_not_returned_rounding_and_max_of_one(capsys):
    X, y = shifted_blobs()
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)

    def returns_the_last(X, y):
        best = 0
        for a in angles:
            accuracy = np.mean((X @ np.array([np.cos(a), np.sin(a)]) > 0) == y)
            best = max(best, accuracy)
        return accuracy

    def keeps_with_if(X, y):
        best = 0
        for a in angles:
            accuracy = np.mean((X @ np.array([np.cos(a), np.sin(a)]) > 0) == y)
            if accuracy > best:
                best = accuracy
        return accuracy

    def rounded(X, y):
        best = 0
        for a in angles:
            best = max(best, np.mean((X @ np.array([np.cos(a), np.sin(a)]) > 0) == y))
        return round(best, 1)

    def max_of_one(X, y):
        best = 0
        for a in angles:
            accuracy = np.mean((X @ np.array([np.cos(a), np.sin(a)]) > 0) == y)
            best = max(accuracy)
        return best

    def half_turn(X, y):   # exactly 0.6 on the turned groups: not rounded, and told so
        best = 0
        for a in np.linspace(0, np.pi, 360):
            best = max(best, np.mean((X @ np.array([np.cos(a), np.sin(a)]) > 0) == y))
        return best

    check = bias.best_accuracy_without_bias
    for returns_accuracy in (returns_the_last, keeps_with_if):
        out = hints(capsys, check, returns_accuracy, X, y,
                    containing="keeps the best in `best`, but returns `accuracy`")
        assert "average" not in out
    hints(capsys, check, rounded, X, y, containing="looks rounded (0.6)")
    out = hints(capsys, check, max_of_one, X, y, containing="best = max(best, accuracy)")
    assert "w_i * x_i" not in out
    out = hints(capsys, check, half_turn, X, y, containing="once round")
    assert "rounded" not in out


def test_the_crash_kinds_added_for_beginners_slips():
    def raised(code):
        try:
            exec(code, {"np": np, "f": lambda z: z})
        except Exception as error:  # noqa: BLE001 (any crash is what is under test)
            return _feedback.crash_kind(error)
        raise AssertionError(f"{code} did not raise")

    assert raised("s = np.ones(3); s(1 - s)") == raised("s = 0.5; s(1 - s)") == _feedback.NOT_CALLABLE
    assert raised("1 - f") == raised("f * 2") == _feedback.FUNCTION_AS_NUMBER
    assert raised("[] + 7.2") == _feedback.LIST_PLUS_NUMBER
    for kind in (_feedback.NOT_CALLABLE, _feedback.FUNCTION_AS_NUMBER, _feedback.LIST_PLUS_NUMBER):
        assert kind in _feedback._IN_WORDS


def test_only_a_number_or_an_array_called_like_a_function_is_read_as_maths_brackets():
    def raised(code):
        try:
            exec(code, {})
        except TypeError as error:
            return _feedback.crash_kind(error)

    assert raised("f = None; f()") is None and raised("f = 'text'; f()") is None    # not the s(1 - s) slip
