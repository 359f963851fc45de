"""What 03_linearity says about flat sheets on the digits, the circles and its linearity test, measured on the
same data: coin-toss labels on the same 539 images, the two linear-versus-hidden networks trained longer, the
cut-out speaker away from the check's inputs."""

import numpy as np
import pytest

import nnlib
from nnlib.checks import linearity


@pytest.fixture(scope="module")
def threes_fives_eights():
    digits = nnlib.load_digits()
    is_358 = np.isin(digits.y, [3, 5, 8])
    return digits.X[is_358], (digits.y[is_358] == 5).astype(int)


def test_a_flat_sheet_separates_the_5s_from_the_3s_and_8s(threes_fives_eights):
    X, is_5 = threes_fives_eights
    assert len(X) == 539
    w, b = nnlib.separating_line(X, is_5)
    assert np.all((X @ w + b > 0) == (is_5 == 1))                                   # checked point by point


def test_coin_toss_labels_on_the_same_539_images_do_not_separate(threes_fives_eights):
    X, _ = threes_fives_eights
    rng = np.random.default_rng(3)
    assert not any(nnlib.separating_line(X, rng.integers(0, 2, size=len(X))) is not None for _ in range(10))
    # ...while on 80 of them almost any labelling does: it is the size, not the pixels, that rules coin tosses out
    some = X[rng.choice(len(X), 80, replace=False)]
    assert sum(nnlib.separating_line(some, rng.integers(0, 2, size=80)) is not None for _ in range(10)) >= 9


def test_the_hidden_layer_is_a_point_ahead_after_20_epochs_and_the_linear_model_catches_up():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    scores = {}
    for sizes in ([64, 10], [64, 32, 10]):
        for epochs in (20, 100):
            net = nnlib.MLP(sizes)
            net.fit(X_train, y_train, epochs=epochs, lr=0.3)
            scores[len(sizes), epochs] = net.accuracy(X_test, y_test)
    assert scores[2, 20] == pytest.approx(0.958, abs=0.001) and scores[3, 20] == pytest.approx(0.967, abs=0.001)
    assert scores[2, 100] >= scores[3, 100] - 0.01                                   # "catches up"
    assert scores[2, 100] > scores[2, 20] + 0.01


def test_the_cut_out_speaker_adds_up_only_at_the_inputs_the_check_tries():
    limiter = linearity._IS_LINEAR_CASES["limiter"][0]
    x1, x2 = linearity._X1, linearity._X2
    assert np.allclose(limiter(x1 + x2), limiter(x1) + limiter(x2))               # at the check's inputs: adds up
    loud = np.array([2.0, 2.0, 2.0])
    assert not np.allclose(limiter(loud + loud), limiter(loud) + limiter(loud))    # elsewhere it does not
    assert not np.allclose(limiter(2 * x1), 2 * limiter(x1))                        # and doubling fails


def test_the_circles_are_two_rings():
    X, y = nnlib.toy_2d("circles")
    radius = np.hypot(*X.T)
    inner, outer = radius[y == 1], radius[y == 0]
    # the inner class leaves a hole in the middle (a disc would fill it): a ring around radius 0.58
    assert inner.min() > 0.2 and np.mean(inner < 0.35) < 0.05, "a ring, not a disc"
    assert inner.max() < outer.min() + 0.3 and np.median(outer) > 2 * np.median(inner)


def test_separating_line_takes_a_mask_and_names_labels_other_than_0_and_1():
    X, y = nnlib.toy_2d("blobs")
    w, b = nnlib.separating_line(X, y == 1)                        # a True/False mask says which points are class 1
    assert np.all((X @ w + b > 0) == (y == 1))
    with pytest.raises(ValueError, match=r"only 0 and 1, but it holds \[0, 2\].*\(y == 5\)\.astype\(int\)"):
        nnlib.separating_line([[0.0, 0.0], [1.0, 1.0]], [0, 2])


def test_the_linearity_check_tries_ten_functions(capsys):
    """Exercise 1 says the check tries the detector on ten functions."""
    seen = []

    def detector(f, x1, x2):
        if f not in seen:
            seen.append(f)
        return np.allclose(f(2 * x1), 2 * f(x1)) and np.allclose(f(x1 + x2), f(x1) + f(x2))

    linearity.is_linear(detector)
    assert capsys.readouterr().out.startswith("✅") and len(seen) == 10
