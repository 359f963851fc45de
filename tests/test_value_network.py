"""nnlib.value_network: Neuron, Layer and MLP made of Values give the tanh network's numbers (numpy is the referee),
their grads agree with centred finite differences, and a wrong input gets a sentence."""

import numpy as np
import pytest

import nnlib
from nnlib import value_network


def numpy_forward(model, x):
    a = np.asarray(x, dtype=float)
    for layer in model.layers:
        W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons])  # (n_out, n_in)
        b = np.array([neuron.b.data for neuron in layer.neurons])
        a = np.tanh(W @ a + b)
    return a


@pytest.mark.parametrize("sizes, seed", [([2, 4, 4, 1], 0), ([3, 5, 2], 1), ([1, 1], 2)])
def test_outputs_match_numpy_and_grads_match_finite_differences(sizes, seed):
    model = value_network.MLP(sizes, seed=seed)
    for neuron in (n for layer in model.layers for n in layer.neurons):
        neuron.b.data = 0.1 * len(neuron.w)  # non-zero biases, so that they are tested too
    x = list(np.random.default_rng(seed).uniform(-1.5, 1.5, sizes[0]))
    out = model(x)
    assert isinstance(out, list) and len(out) == sizes[-1]
    assert np.allclose([o.data for o in out], numpy_forward(model, x), rtol=1e-12, atol=1e-12)
    total = out[0]
    for o in out[1:]:
        total = total + o * o
    total.backward()
    parameters = model.parameters()
    assert len(parameters) == sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))

    def f(values):
        for p, v in zip(parameters, values):
            p.data = v
        a = numpy_forward(model, x)
        return a[0] + np.sum(a[1:] ** 2)

    start = np.array([p.data for p in parameters])
    numeric = nnlib.numerical_gradient(f, start.copy())
    f(start)
    assert nnlib.relative_error(np.array([p.grad for p in parameters]), numeric) < 1e-7


def test_same_seed_same_network_and_weights_start_uniform_in_minus_one_to_one():
    a, b = value_network.MLP([2, 8, 1], seed=5), value_network.MLP([2, 8, 1], seed=5)
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    weights = [w.data for layer in a.layers for n in layer.neurons for w in n.w]
    assert all(-1 <= w <= 1 for w in weights) and all(n.b.data == 0 for layer in a.layers for n in layer.neurons)


def test_a_wrong_input_is_told_in_words():
    model = value_network.MLP([2, 3, 1])
    with pytest.raises(ValueError, match="needs 2 inputs, but got 3"):
        model([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="one example: a list of 2 numbers"):
        model(1.0)
    with pytest.raises(ValueError):
        value_network.MLP([2])
    assert len(model(np.array([0.5, -0.5]))) == 1  # one row of a numpy array works too
