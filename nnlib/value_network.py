"""A network made of Values, one number at a time: Neuron, Layer and MLP, as micrograd writes them. Introduced in
09_backprop_graph, where learners write the same three classes on their own Value and train them on the moons.

    from nnlib import value_network
    model = value_network.MLP([2, 4, 4, 1], seed=0)
    out = model([0.5, -1.0])[0]        # a Value: tanh of the last neuron's sum
    out.backward()                     # every weight's grad, through the graph

Every neuron is tanh(w1 x1 + ... + wn xn + b); its weights start uniform in -1..1, its bias at 0 (as in
micrograd). A Layer and an MLP always return a list of Values, one per neuron of the last layer, so model(x)[0] is
the output of a one-output network. Slow by design: every multiplication is a node of the graph. nnlib.MLP does
the same sums on whole matrices (the bridge at the end of 09).
"""

import numbers

import numpy as np

from ._validate import check_layer_sizes, check_positive_int, check_seed
from .autograd import Value


class Neuron:
    """One tanh neuron: n_in weights (self.w, a list of Values) and a bias (self.b, a Value).

    rng: a numpy Generator (np.random.default_rng(seed)) that draws the starting weights, uniform in -1..1."""

    def __init__(self, n_in, rng):
        n_in = check_positive_int(n_in, "n_in")
        self.w = [Value(w) for w in rng.uniform(-1, 1, n_in)]
        self.b = Value(0.0)

    def __repr__(self):
        return f"Neuron({len(self.w)} inputs)"

    def __call__(self, x):
        """x: n_in numbers (or Values). Returns a Value: tanh(w . x + b)."""
        x = _inputs(x, len(self.w))
        z = self.b
        for w_i, x_i in zip(self.w, x):
            z = z + w_i * x_i
        return z.tanh()

    def parameters(self):
        """Every Value training may change: the weights, then the bias."""
        return self.w + [self.b]


class Layer:
    """n_out neurons that each see the same n_in inputs."""

    def __init__(self, n_in, n_out, rng):
        n_out = check_positive_int(n_out, "n_out")
        self.neurons = [Neuron(n_in, rng) for _ in range(n_out)]

    def __repr__(self):
        return f"Layer({len(self.neurons[0].w)} inputs, {len(self.neurons)} neurons)"

    def __call__(self, x):
        """x: n_in numbers (or Values). Returns a list of n_out Values, one per neuron."""
        return [neuron(x) for neuron in self.neurons]

    def parameters(self):
        return [p for neuron in self.neurons for p in neuron.parameters()]


class MLP:
    """Layers in a row: MLP([2, 4, 4, 1]) has 2 inputs, two hidden layers of 4 tanh neurons and one tanh output.

    seed: the starting weights (same seed, same network)."""

    def __init__(self, layer_sizes, seed=0):
        self.layer_sizes = check_layer_sizes(layer_sizes)
        rng = np.random.default_rng(check_seed(seed))
        self.layers = [Layer(n_in, n_out, rng) for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:])]

    def __repr__(self):
        return f"value_network.MLP({list(self.layer_sizes)})"

    def __call__(self, x):
        """x: one example, layer_sizes[0] numbers. Returns the last layer's list of Values."""
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        """Every weight and bias of every layer, as Values (what a training step nudges)."""
        return [p for layer in self.layers for p in layer.parameters()]


def _inputs(x, n_in):
    """x as a list of n_in numbers or Values, or a ValueError/TypeError in the learner's words."""
    if isinstance(x, (Value, numbers.Real)):
        raise TypeError(f"A neuron takes one example: a list of {n_in} numbers, not a single "
                        f"{type(x).__name__}. (For one input, write [x].)")
    try:
        x = list(np.ravel(x)) if isinstance(x, np.ndarray) else list(x)
    except TypeError:
        raise TypeError(f"A neuron takes one example: a list of {n_in} numbers, but got "
                        f"{type(x).__name__}.") from None
    if len(x) != n_in:
        raise ValueError(f"This neuron has {n_in} weights, so it needs {n_in} inputs, but got {len(x)}. "
                         "(Did you pass the whole data set instead of one row, or the wrong layer size?)")
    return x
