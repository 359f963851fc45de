"""The checks of 11_generalisation: each right answer passes, each usual mistake gets its own hint."""

import numpy as np

import nnlib
from nnlib.checks import generalisation as check

from feedback import hints, passes, stub_function


def split_right(X, y, n_val, rng):
    order = rng.permutation(len(X))
    val, fit = order[:n_val], order[n_val:]
    return X[fit], X[val], y[fit], y[val]


def test_split_passes_and_the_stub_does_not(capsys):
    passes(capsys, check.validation_split, split_right)
    hints(capsys, check.validation_split, stub_function, containing="returns nothing")


def test_split_with_test_digits_is_a_leak(capsys):
    _, X_test, _, y_test = nnlib.digits_split()

    def leak(X, y, n_val, rng):
        return X, X_test[:n_val], y, y_test[:n_val]
    hints(capsys, check.validation_split, leak, containing="test digits")


def test_split_that_keeps_validation_digits_in_training(capsys):
    def overlap(X, y, n_val, rng):
        order = rng.permutation(len(X))
        return X, X[order[:n_val]], y, y[order[:n_val]]
    hints(capsys, check.validation_split, overlap, containing="still in the training part")


def test_split_returned_swapped_and_wrong_size_and_wrong_shape(capsys):
    def swapped(X, y, n_val, rng):
        X_fit, X_val, y_fit, y_val = split_right(X, y, n_val, rng)
        return X_val, X_fit, y_val, y_fit
    hints(capsys, check.validation_split, swapped, containing="swapped")
    hints(capsys, check.validation_split, lambda X, y, n, rng: split_right(X, y, n + 1, rng), containing="asked for")
    hints(capsys, check.validation_split, lambda X, y, n, rng: split_right(X, y, n, rng)[:2], containing="four things")


def test_split_with_labels_shuffled_apart(capsys):
    def apart(X, y, n_val, rng):
        X_order, y_order = rng.permutation(len(X)), rng.permutation(len(X))
        return X[X_order[n_val:]], X[X_order[:n_val]], y[y_order[n_val:]], y[y_order[:n_val]]
    hints(capsys, check.validation_split, apart, containing="shuffled differently")


def test_split_with_np_random_or_no_randomness(capsys):
    def global_random(X, y, n_val, rng):
        return split_right(X, y, n_val, np.random.default_rng())
    hints(capsys, check.validation_split, global_random, containing="np.random")

    def last_ones(X, y, n_val, rng):
        return X[:-n_val], X[-n_val:], y[:-n_val], y[-n_val:]
    hints(capsys, check.validation_split, last_ones, containing="rng.permutation")


def test_split_that_drops_examples(capsys):
    def drops(X, y, n_val, rng):
        X_fit, X_val, y_fit, y_val = split_right(X, y, n_val, rng)
        return X_fit[:-5], X_val, y_fit[:-5], y_val
    hints(capsys, check.validation_split, drops, containing="should keep every digit")


def test_split_that_crashes(capsys):
    def crashes(X, y, n_val, rng):
        return X[n_val + "a"]
    hints(capsys, check.validation_split, crashes, containing="raised TypeError")


def stop_right(curves):
    return int(np.argmin(curves["validation"])) + 1


def test_stop_epoch_passes_and_each_mistake_has_its_hint(capsys):
    passes(capsys, check.stop_epoch, stop_right)
    passes(capsys, check.stop_epoch, lambda c: np.int64(np.argmin(c["validation"]) + 1))
    hints(capsys, check.stop_epoch, stub_function, containing="returns nothing")
    hints(capsys, check.stop_epoch, lambda c: int(np.argmin(c["test"])) + 1, containing="test loss")
    hints(capsys, check.stop_epoch, lambda c: int(np.argmin(c["training"])) + 1, containing="training loss")
    hints(capsys, check.stop_epoch, lambda c: int(np.argmin(c["validation"])), containing="off by one")
    hints(capsys, check.stop_epoch, lambda c: int(np.argmax(c["validation"])) + 1, containing="highest")
    hints(capsys, check.stop_epoch, lambda c: min(c["validation"]), containing="a loss")
    hints(capsys, check.stop_epoch, lambda c: [stop_right(c)], containing="one epoch number")


def test_weight_decay_passes_for_one_that_beats_none_on_validation(capsys):
    passes(capsys, check.weight_decay, 0.001)   # the published solution: 0.293 against none's 0.305


def test_weight_decay_mistakes(capsys):
    hints(capsys, check.weight_decay, ..., containing="still empty")
    hints(capsys, check.weight_decay, "0.001", containing="without the quotes")
    hints(capsys, check.weight_decay, [0.001], containing="one number")
    hints(capsys, check.weight_decay, 0, containing="no weight decay at all")
    hints(capsys, check.weight_decay, -0.001, containing="negative")
    hints(capsys, check.weight_decay, 0.1, containing="does not even learn")
    hints(capsys, check.weight_decay, 0.01, containing="not below")


def test_split_from_the_notebooks_globals_or_transposed(capsys):
    X_train, _, y_train, _ = nnlib.digits_split()

    def from_globals(X, y, n_val, rng):
        order = rng.permutation(len(X))
        return X_train[order[n_val:]], X_train[order[:n_val]], y_train[order[n_val:]], y_train[order[:n_val]]

    def transposed(X, y, n_val, rng):
        X_fit, X_val, y_fit, y_val = split_right(X, y, n_val, rng)
        return X_fit.T, X_val.T, y_fit, y_val

    hints(capsys, check.validation_split, from_globals, containing="not the notebook's X_train")
    hints(capsys, check.validation_split, transposed, containing="the transpose")


def test_stop_epoch_at_the_first_rise_of_a_noisy_curve(capsys):
    def first_rise(curves):
        v = curves["validation"]
        return next(i for i in range(1, len(v)) if v[i] > v[i - 1])

    hints(capsys, check.stop_epoch, first_rise, containing="dips lower later")


def test_weight_decay_as_a_0d_array_passes(capsys):
    passes(capsys, check.weight_decay, np.array(0.001))


# ---- the order of the four parts, a fixed seed, and train_test_split given the rng --------------------------------

def test_split_returned_in_another_order_is_told_the_order(capsys):
    def x_then_y(X, y, n_val, rng):                       # X_fit, y_fit, X_val, y_val: the order many people expect
        X_fit, X_val, y_fit, y_val = split_right(X, y, n_val, rng)
        return X_fit, y_fit, X_val, y_val

    def val_first(X, y, n_val, rng):
        X_fit, X_val, y_fit, y_val = split_right(X, y, n_val, rng)
        return X_val, y_val, X_fit, y_fit

    def labels_swapped(X, y, n_val, rng):
        X_fit, X_val, y_fit, y_val = split_right(X, y, n_val, rng)
        return X_fit, X_val, y_val, y_fit

    for wrong, order in ((x_then_y, "X_fit, y_fit, X_val, y_val"), (val_first, "X_val, y_val, X_fit, y_fit"),
                         (labels_swapped, "X_fit, X_val, y_val, y_fit")):
        out = hints(capsys, check.validation_split, wrong, containing="another order")
        assert order in out and "X_fit, X_val, y_fit, y_val" in out and "shape" not in out, out


def test_split_with_a_fixed_seed_or_the_rng_given_to_train_test_split(capsys):
    from sklearn.model_selection import train_test_split

    def fixed_seed(X, y, n_val, rng):
        return train_test_split(X, y, test_size=n_val, random_state=0)

    def own_generator(X, y, n_val, rng):
        return split_right(X, y, n_val, np.random.default_rng(0))

    def generator_to_sklearn(X, y, n_val, rng):
        return train_test_split(X, y, test_size=n_val, random_state=rng)

    for wrong in (fixed_seed, own_generator):
        out = hints(capsys, check.validation_split, wrong, containing="always the same one")
        assert "first or the last" not in out, out
    out = hints(capsys, check.validation_split, generator_to_sklearn, containing="not the rng your function is given")
    assert "InvalidParameterError" not in out and "4294967295" not in out, out
    passes(capsys, check.validation_split,
           lambda X, y, n_val, rng: train_test_split(X, y, test_size=n_val, random_state=int(rng.integers(10**6))))


def test_stop_epoch_names_the_last_epoch_and_an_epoch_the_curves_do_not_have(capsys):
    out = hints(capsys, check.stop_epoch, lambda c: len(c["validation"]), containing="the last one")
    assert "training loss is lowest" in out
    out = hints(capsys, check.stop_epoch, lambda c: 25, containing="only 8 epochs")   # the notebook's 25, written in
    assert "its argument `curves`" in out
    hints(capsys, check.stop_epoch, lambda c: int(np.argmax(c["validation"])), containing="highest")
    hints(capsys, check.stop_epoch, lambda c: str(stop_right(c)), containing="one epoch number")
    passes(capsys, check.stop_epoch, lambda c: float(stop_right(c)))


def test_weight_decay_that_does_not_beat_none_points_at_the_zoom(capsys):
    out = hints(capsys, check.weight_decay, 0.01, containing="not below none's")
    assert "zoom" in out, out
    for wrong in (True, (0.001,), np.array([0.001]), {"weight decay": 0.001}):
        hints(capsys, check.weight_decay, wrong, containing="one number")
    hints(capsys, check.weight_decay, float("nan"), containing="ordinary number")


def test_split_that_shuffles_X_in_place_is_told_so(capsys):
    def shuffled_in_place(X, y, n_val, rng):
        rng.shuffle(X)                                    # shuffles the caller's X, returns None

    def shuffled_then_split(X, y, n_val, rng):
        rng.shuffle(X)
        return X[n_val:], X[:n_val], y[n_val:], y[:n_val]

    for wrong in (shuffled_in_place, shuffled_then_split):
        out = hints(capsys, check.validation_split, wrong, containing="works in place")
        assert "returns nothing yet" not in out, out


def test_split_one_shared_digit_is_singular(capsys):
    def overlap(X, y, n_val, rng):
        order = rng.permutation(len(X))
        return X[order[n_val - 1:]], X[order[:n_val]], y[order[n_val - 1:]], y[order[:n_val]]
    hints(capsys, check.validation_split, overlap, containing="1 of your validation digits is still")


def test_stop_epoch_names_keys_a_dot_an_array_and_one_epoch_too_late(capsys):
    def stop_right(c):
        return int(np.argmin(c["validation"])) + 1
    hints(capsys, check.stop_epoch, lambda c: int(np.argmin(c["val"])) + 1, containing="curves['validation']")
    hints(capsys, check.stop_epoch, lambda c: int(np.argmin(c.validation)) + 1, containing="not with a dot")
    hints(capsys, check.stop_epoch, lambda c: np.array([stop_right(c)]), containing="array holding one number")
    hints(capsys, check.stop_epoch, lambda c: np.flatnonzero(np.array(c["validation"]) == min(c["validation"])) + 1,
          containing="array holding one number")
    hints(capsys, check.stop_epoch, lambda c: stop_right(c) + 1, containing="one after the lowest")


def test_weight_decay_as_text_is_told_to_drop_the_quotes(capsys):
    hints(capsys, check.weight_decay, "0.001", containing="my_weight_decay = 0.001")
    hints(capsys, check.weight_decay, "a little", containing="reads a number")
    out = hints(capsys, check.weight_decay, 0.01)
    assert "zoom above the exercise" in out, out
