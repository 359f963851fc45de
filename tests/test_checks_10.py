"""The exercise checks of 10_first_weights: right answers pass, stubs never do, and each usual mistake gets its
own hint, never a traceback."""

import numpy as np

from nnlib.checks import initialisation as check

from feedback import hints, passes, stub_function


def pairs(sizes):
    return list(zip(sizes[:-1], sizes[1:]))


# ---- exercise 1: constant_weights ------------------------------------------------------------------------------

def test_symmetric_start(capsys):
    passes(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), v) for a, b in pairs(s)])
    passes(capsys, check.symmetric_start, lambda s, v: [[[v] * b for _ in range(a)] for a, b in pairs(s)])
    hints(capsys, check.symmetric_start, stub_function, containing="returns nothing yet")
    hints(capsys, check.symmetric_start, 0.1, containing="Expected a function")
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((b, a), v) for a, b in pairs(s)],
          containing="the transpose")
    rng = np.random.default_rng(0)
    hints(capsys, check.symmetric_start, lambda s, v: [rng.normal(0, 1, (a, b)) for a, b in pairs(s)],
          containing="look random")
    hints(capsys, check.symmetric_start,
          lambda s, v: [np.full((a, b), v) if k == 0 else rng.normal(0, 1, (a, b)) for k, (a, b) in enumerate(pairs(s))],
          containing="drift apart")
    hints(capsys, check.symmetric_start, lambda s, v: [np.ones((a, b)) for a, b in pairs(s)],
          containing="asked for value")
    hints(capsys, check.symmetric_start, lambda s, v: [np.zeros((a, b)) for a, b in pairs(s)],
          containing="asked for value")
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), v) for a, b in pairs(s)][:1],
          containing="layers of weights")
    hints(capsys, check.symmetric_start, lambda s, v: np.full((s[0], s[1]), v), containing="one array")
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((64, 16), v), np.full((16, 10), v)],
          containing="should have shape")  # sizes hard-coded for [64, 16, 10]

    def network(s, v):
        from nnlib import MLP
        return MLP(s)
    hints(capsys, check.symmetric_start, network, containing="whole network")
    hints(capsys, check.symmetric_start, lambda s, v: {"W": v}, containing="list of weight matrices")
    hints(capsys, check.symmetric_start, lambda s, v: 1 / 0, containing="ZeroDivisionError")


# ---- exercise 2: relu_std -------------------------------------------------------------------------------------------

def test_level_std(capsys):
    passes(capsys, check.level_std, 0.25)
    passes(capsys, check.level_std, np.sqrt(2 / 32))
    hints(capsys, check.level_std, ..., containing="still empty")
    hints(capsys, check.level_std, None, containing="still empty")
    hints(capsys, check.level_std, 0.2, containing="shrink")
    hints(capsys, check.level_std, 0.1, containing="shrink")
    hints(capsys, check.level_std, 0.3, containing="grow")
    hints(capsys, check.level_std, 1.0, containing="grow")
    hints(capsys, check.level_std, np.sqrt(2 / 64), containing="64 pixels")
    hints(capsys, check.level_std, 2 / 32, containing="variance")
    hints(capsys, check.level_std, -0.25, containing="positive")
    hints(capsys, check.level_std, [0.25, 0.25], containing="one number")
    hints(capsys, check.level_std, "0.25 maybe", containing="numbers")


# ---- exercise 3: he_std ---------------------------------------------------------------------------------------------

def test_he_std(capsys):
    passes(capsys, check.he_std, lambda n: np.sqrt(2 / n))
    passes(capsys, check.he_std, lambda n: (2 / n) ** 0.5)
    hints(capsys, check.he_std, stub_function, containing="returns nothing yet")
    hints(capsys, check.he_std, lambda n: 2 / n, containing="variance")
    hints(capsys, check.he_std, lambda n: np.sqrt(1 / n), containing="LeCun")
    hints(capsys, check.he_std, lambda n: 0.25, containing="whatever n_in is")
    hints(capsys, check.he_std, lambda n: 1 / n, containing="** before /")
    hints(capsys, check.he_std, lambda n: (2 / n) ** 1 / 2, containing="((2 / n_in) ** 1) / 2")
    hints(capsys, check.he_std, lambda n: 2 / n ** 0.5, containing="but not of the 2")
    hints(capsys, check.he_std, lambda n: np.sqrt(2) / n, containing="not of n_in")
    hints(capsys, check.he_std, lambda n: np.sqrt(n / 2), containing="upside down")
    hints(capsys, check.he_std, lambda n: 3 / n, containing="Solve")
    hints(capsys, check.he_std, lambda n: np.full(n, np.sqrt(2 / n)), containing="one number")
    hints(capsys, check.he_std, lambda n: np.random.normal(0, np.sqrt(2 / n), n), containing="one number")
    hints(capsys, check.he_std, lambda n: math_sqrt(-n), containing="ValueError")


def math_sqrt(x):
    import math
    return math.sqrt(x)


# ---- exercise 4: dead_from_the_start ----------------------------------------------------------------------------------

def Z_of(net, X):
    return X @ net.weights[0] + net.biases[0]


def test_dead_from_the_start(capsys):
    passes(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) <= 0).all(axis=0)))
    passes(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero(np.maximum(Z_of(net, X), 0).max(axis=0) == 0))
    passes(capsys, check.dead_from_the_start, lambda net, X: list(np.flatnonzero((Z_of(net, X) <= 0).all(axis=0))))
    hints(capsys, check.dead_from_the_start, stub_function, containing="returns nothing yet")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((X @ net.weights[0] <= 0).all(axis=0)),
          containing="left out the bias")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) <= 0).any(axis=0)),
          containing=".any")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) <= 0).all(axis=1)),
          containing="over the examples")
    hints(capsys, check.dead_from_the_start, lambda net, X: int((Z_of(net, X) <= 0).all(axis=0).sum()),
          containing="the number 5")
    hints(capsys, check.dead_from_the_start, lambda net, X: (Z_of(net, X) <= 0).all(axis=0),
          containing="True/False per neuron")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) > 0).all(axis=0)),
          containing="the opposite")
    hints(capsys, check.dead_from_the_start, lambda net, X: net.weights[0] @ X, containing="Z = X @ net.weights[0]")
    hints(capsys, check.dead_from_the_start, lambda net, X: X @ net.weights[0] + net.biases,
          containing="net.biases[0]")
    hints(capsys, check.dead_from_the_start, lambda net, X: X @ net.weights + net.biases[0],
          containing="net.weights[0]")
    hints(capsys, check.dead_from_the_start,
          lambda net, X: np.flatnonzero((net.layer_outputs(X)[0] <= 0.5).all(axis=0)), containing="Compute")


def test_dead_from_the_start_more_mistakes(capsys):
    hints(capsys, check.dead_from_the_start, lambda net, X: np.where((Z_of(net, X) <= 0).all(axis=0)),
          containing="np.where gives one array per axis")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.array([26, 41, 78, 102, 127]),
          containing="not from numbers written in")
    hints(capsys, check.dead_from_the_start,
          lambda net, X: [j for j in range(128) if (Z_of(net, X)[:, j] <= 0).all()], containing="write 128")
    X_train = check.digits_split()[0]
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X_train) <= 0).all(axis=0)),
          containing="not the notebook's X_train")


def test_symmetric_start_with_whole_numbers(capsys):
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), v, dtype=int) for a, b in pairs(s)],
          containing="dtype=int")


# ---- more beginners' mistakes: each named for what it is ---------------------------------------------------------

def test_level_std_text_and_controls(capsys):
    hints(capsys, check.level_std, "0.25", containing="text '0.25' (in quotes), not a number")
    hints(capsys, check.level_std, " 0.25", containing="relu_std = 0.25")
    hints(capsys, check.level_std, "he", containing="numbers, not text")
    hints(capsys, check.level_std, True, containing="yes/no")
    hints(capsys, check.level_std, 0.18, containing="sqrt(2 / 64)")   # 0.177 rounded up
    hints(capsys, check.level_std, np.sqrt(1 / 32), containing="64 pixels")   # the same number as sqrt(2 / 64)
    hints(capsys, check.level_std, {"std": 0.25}, containing="dict")

    class Slider:  # what explorer.controls["std"] is: a control with a .value
        value = 0.25
    hints(capsys, check.level_std, Slider(), containing="a control, not the number it shows")


def test_he_std_more_mistakes(capsys):
    hints(capsys, check.he_std, lambda n: f"{np.sqrt(2 / n):.3f}", containing="returns the text")
    hints(capsys, check.he_std, lambda n: round(float(np.sqrt(2 / n)), 2), containing="rounded")
    hints(capsys, check.he_std, lambda n: round(float(np.sqrt(2 / n)), 3), containing="rounded")
    rng = np.random.default_rng(0)
    hints(capsys, check.he_std, lambda n: rng.normal(0, np.sqrt(2 / n)), containing="draws a random weight")
    hints(capsys, check.he_std, lambda n: 2 * np.sqrt(1 / n), containing="doubles the variance, not the std")
    hints(capsys, check.he_std, lambda n: np.sqrt(2 * n), containing="divide")
    hints(capsys, check.he_std, lambda n: print(np.sqrt(2 / n)), containing="printed")


def test_symmetric_start_more_mistakes(capsys):
    def filled(s, v):
        return [np.zeros((a, b)).fill(v) for a, b in pairs(s)]  # fill works in place and returns None
    hints(capsys, check.symmetric_start, filled, containing="fill works in place")
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), str(v)) for a, b in pairs(s)],
          containing="holds text")
    hints(capsys, check.symmetric_start, lambda s, v: [(np.full((a, b), v), np.zeros(b)) for a, b in pairs(s)],
          containing="biases are not part")
    hints(capsys, check.symmetric_start, lambda s, v: (np.full((a, b), v) for a, b in pairs(s)),
          containing="generator")
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), v) for a in s[:-1] for b in s[1:]],
          containing="4 matrices")
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), 0.1) for a, b in pairs(s)],
          containing="asked for value")


def test_dead_from_the_start_z_exactly_zero_is_dead(capsys):
    """Z < 0 agrees with Z <= 0 wherever z is never exactly 0; the check's network whose neurons have every weight 0
    (z = 0 for every digit, as in the zeros start) tells them apart."""
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) < 0).all(axis=0)),
          containing="Use z <= 0, not z < 0")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero(Z_of(net, X).max(axis=0) < 0),
          containing="Use z <= 0, not z < 0")


def test_dead_from_the_start_the_output_layer_is_named(capsys):
    from nnlib import relu
    for answer in (lambda net, X: np.flatnonzero((X @ net.weights[-1] + net.biases[-1] <= 0).all(axis=0)),  # crashes
                   lambda net, X: np.flatnonzero((X @ net.weights[1] + net.biases[1] <= 0).all(axis=0)),
                   lambda net, X: np.flatnonzero((net.logits(X) <= 0).all(axis=0)),
                   lambda net, X: np.flatnonzero((relu(Z_of(net, X)) @ net.weights[-1] + net.biases[-1] <= 0).all(axis=0))):
        out = hints(capsys, check.dead_from_the_start, answer, containing="looks at the output layer")
        assert "axis" not in out


def test_dead_from_the_start_each_slip_named(capsys):
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((X @ net.weights[0] - net.biases[0] <= 0).all(axis=0)),
          containing="subtracted the bias")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) <= 0).all(axis=0)) + 1,
          containing="Off by one")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero(Z_of(net, X).sum(axis=0) <= 0),
          containing="total (or average)")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero(Z_of(net, X).mean(axis=0) <= 0),
          containing="total (or average)")
    hints(capsys, check.dead_from_the_start, lambda net, X: str(np.flatnonzero((Z_of(net, X) <= 0).all(axis=0))),
          containing="text")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((net.weights[0].T @ X.T <= 0).all(axis=1)),
          containing="left out the bias")
    hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((net.layer_outputs(X)[-1] <= 0).all(axis=0)),
          containing="found none")
    hints(capsys, check.dead_from_the_start, lambda net, X: print(np.flatnonzero((Z_of(net, X) <= 0).all(axis=0))),
          containing="printed")
    out = hints(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((Z_of(net, X) <= 0).all(axis=1)),
                containing="over the examples")
    assert "output layer" not in out


def test_dead_from_the_start_accepts_every_right_form(capsys):
    from nnlib import relu
    passes(capsys, check.dead_from_the_start, lambda net, X: set(np.flatnonzero((Z_of(net, X) <= 0).all(axis=0)).tolist()))
    passes(capsys, check.dead_from_the_start, lambda net, X: np.where((Z_of(net, X) <= 0).all(axis=0))[0])
    passes(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((relu(Z_of(net, X)) == 0).all(axis=0)))
    passes(capsys, check.dead_from_the_start, lambda net, X: np.flatnonzero((net.layer_outputs(X)[0] <= 0).all(axis=0)))


def test_symmetric_start_names_a_number_written_in_a_generator_and_the_biases_too(capsys):
    # np.full(shape, 0): a 0 written in, not dtype=int (which the check tells apart by asking for value 2.5)
    out = hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), 0) for a, b in pairs(s)],
                containing="asked for value = 0.7")
    assert "dtype=int" not in out, out
    hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), v, dtype=int) for a, b in pairs(s)],
          containing="cut down to 0")
    hints(capsys, check.symmetric_start, lambda s, v: (np.full((a, b), v) for a, b in pairs(s)),
          containing="square brackets")
    hints(capsys, check.symmetric_start,
          lambda s, v: ([np.full((a, b), v) for a, b in pairs(s)], [np.zeros(b) for b in s[1:]]),
          containing="only the list of weight matrices")
    out = hints(capsys, check.symmetric_start, lambda s, v: [np.full((a, b), v) for a, b in pairs(s)][:1])
    assert "has 1 matrix." in out, out


def test_he_std_returning_something_that_is_not_a_number_keeps_its_name(capsys):
    hints(capsys, check.he_std, lambda n: {"std": np.sqrt(2 / n)}, containing="he_std(16) should be a number")


def test_level_std_given_a_function_asks_for_the_number(capsys):
    def he_std(n_in):
        return np.sqrt(2 / n_in)
    hints(capsys, check.level_std, he_std, containing="relu_std is a function (he_std)")
