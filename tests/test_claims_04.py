"""What 04_activations says about the learning signal through ten layers, measured the notebook's way: the spreads
it names are LeCun's for sigmoid and He's for ReLU, the ones nnlib starts with; the notebook's own draw gives the
numbers it prints; LeCun's spread shrinks the signal through ten sigmoid layers to about a millionth for every
random start, while bigger starting weights keep far more of it (notebook 10's point); and the cell that counts
dead neurons the way Exercise 2 does is hidden in the learners' copy."""

from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "04_activations.ipynb"
CURVES = {"sigmoid": (nnlib.sigmoid, nnlib.sigmoid_derivative), "relu": (nnlib.relu, nnlib.relu_derivative)}


def signal_on_the_way_back(rng, X, activation, spread, n_layers=10, width=32):
    """The notebook's measurement, written out again: the typical size of a signal of 1 sent back from the top,
    at each layer's neurons, top layer first."""
    f, slope = CURVES[activation]
    A, layers = X, []
    for _ in range(n_layers):
        W = rng.normal(0, spread / np.sqrt(A.shape[1]), size=(A.shape[1], width))
        layers.append((W, A @ W))
        A = f(A @ W)
    signal, sizes = np.ones_like(A), []
    for W, z in reversed(layers):
        signal = signal * slope(z)
        sizes.append(np.sqrt(np.mean(signal ** 2)))
        signal = signal @ W.T
    return sizes


@pytest.fixture(scope="module")
def hundred_digits():
    return nnlib.load_digits().X[:100]


def test_the_named_spreads_are_the_ones_nnlib_starts_with():
    for activation, std in (("sigmoid", np.sqrt(1 / 64)), ("relu", np.sqrt(2 / 64))):
        first = nnlib.MLP([64, 500, 10], activation=activation, seed=0).weights[0]
        assert abs(first.std() / std - 1) < 0.02


def test_the_notebooks_own_draw_gives_the_numbers_it_prints(hundred_digits):
    rng = np.random.default_rng(0)
    rng.normal(0, np.sqrt(2 / 64), size=(64, 32))                    # the sparsity layer drawn before it
    printed = []
    for activation, spread in (("sigmoid", 1.0), ("relu", np.sqrt(2)), ("relu", np.sqrt(2) / 2),
                               ("relu", 2 * np.sqrt(2))):
        printed.append(float(f"{signal_on_the_way_back(rng, hundred_digits, activation, spread)[-1]:.2g}"))
    assert printed == [5.2e-07, 1.2, 0.0026, 590.0]


def test_lecuns_spread_starves_ten_sigmoid_layers_and_bigger_weights_help(hundred_digits):
    lecun, bigger = [], []
    for seed in range(10):
        lecun.append(signal_on_the_way_back(np.random.default_rng(seed), hundred_digits, "sigmoid", 1.0)[-1])
        bigger.append(signal_on_the_way_back(np.random.default_rng(seed), hundred_digits, "sigmoid", 8.0)[-1])
    assert max(lecun) < 2e-6 and np.median(lecun) < 1e-6
    assert min(bigger) > 1e-3 and min(b / l for b, l in zip(bigger, lecun)) > 1000


def test_the_cell_that_counts_dead_neurons_like_exercise_2_is_hidden_from_learners():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    check = next(i for i, cell in enumerate(nb.cells) if "check.count_dead_neurons" in cell.source)
    for cell in nb.cells[check + 1:]:
        if cell.cell_type == "code" and ".all(axis=0).sum()" in cell.source.replace(" ", ""):
            assert "student-hide" in cell.metadata.get("tags", []), cell.source
