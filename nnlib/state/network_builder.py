"""The network builder's state: a 2-input network with one hidden layer and one sigmoid output, whose every weight
and bias is a number the learner sets, and the points it should classify. Introduced in 05_layers (XOR with a
2-2-1 network).

    state = BuilderState(MLP([2, 2, 1], activation="sigmoid"), *load_points("xor"))
    state.set(**{"W1[0,1]": 3.0, "b2[0]": -1.0})   # named like the arrays they set
    state.score()["correct"]                        # points on their class's side
"""

import numpy as np

from .._validate import as_points, check_choice
from ..datasets import TOY_DATASETS, logic_gate, toy_2d
from ..features import network_code
from .plane import plane_grid

GRID = 50


def load_points(data, n_samples=200, seed=0):
    """The builder's data: 'xor', 'and', 'or' give the four corners of the logic gate (0/1 inputs); the other
    toy names ('blobs', 'moons', 'circles', 'spirals') give toy_2d clouds; (X, y) is used as given."""
    if isinstance(data, str):
        check_choice(data, "data", TOY_DATASETS)
        return logic_gate(data) if data in ("xor", "and", "or") else toy_2d(data, n_samples=n_samples, seed=seed)
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"data should be a dataset name such as 'xor' or a pair (X, y), but got "
                        f"{type(data).__name__}.")
    X, y = as_points(*data)
    if y.max() > 1:
        raise ValueError(f"The network has one sigmoid output (two classes), but y contains {y.max()}. "
                         "Use labels 0 and 1.")
    return X, y


def parameters(model):
    """Every weight and bias of a one-hidden-layer MLP as (name, layer, source, target), named like the arrays
    they sit in: 'W1[0,1]' is model.weights[0][0, 1] (from input x1 to hidden neuron h2: layer 1, source 0,
    target 1), 'b1[1]' is model.biases[0][1] (source None), 'W2[1,0]' from h2 to the output, 'b2[0]' the output's
    bias. Grouped by the neuron they feed: its weights, then its bias."""
    found = []
    for layer, W in enumerate(model.weights, start=1):
        for j in range(W.shape[1]):
            found += [(f"W{layer}[{i},{j}]", layer, i, j) for i in range(W.shape[0])] + [(f"b{layer}[{j}]", layer,
                                                                                           None, j)]
    return found


class BuilderState:
    """A network whose weights the learner sets by hand, and the points X (n, 2), y (n,) 0/1 it should classify.

    set(**values) writes parameters by name (see parameters); score() says how many points sit on their
    class's side; maps() gives every neuron's output over the plane; to_code() writes the network as Python.
    The model (an nnlib.MLP) is edited in place.
    """

    def __init__(self, model, X, y):
        self.model, self.X, self.y = model, X, y
        self.grid, self.extent = plane_grid(X, resolution=GRID)
        self.parameters = parameters(model)
        self._where = {name: (layer, source, target) for name, layer, source, target in self.parameters}

    def _array(self, name):
        if name not in self._where:
            raise ValueError(f"Unknown parameter {name!r}. The network's parameters are "
                             f"{', '.join(self._where)}.")
        layer, source, target = self._where[name]
        if source is None:
            return self.model.biases[layer - 1], (target,)
        return self.model.weights[layer - 1], (source, target)

    def set(self, **values):
        """Set parameters by name, e.g. set(**{'W1[0,1]': 2.5, 'b2[0]': -1.0})."""
        for name, value in values.items():
            array, index = self._array(name)
            array[index] = float(value)

    def get(self, name):
        array, index = self._array(name)
        return float(array[index])

    def maps(self):
        """Every neuron's output over the grid: one (n_neurons, GRID, GRID) array per layer, inputs first."""
        with np.errstate(all="ignore"):
            outputs = self.model.layer_outputs(self.grid)
        return [A.T.reshape(-1, GRID, GRID) for A in [self.grid, *outputs]]

    def score(self):
        """How the network does on the points: 'probabilities' (n,) P(class 1), 'correct' (points on their class's
        side: P > 0.5 for class 1, else class 0), 'n', 'all_correct', 'true_class_probability' (the probability it
        gives each point's own class, on average: 1.00 is sure and right) and 'loss'."""
        with np.errstate(all="ignore"):
            P = self.model.predict_proba(self.X)[:, 0]
            loss = float(self.model.loss(self.X, self.y))
        correct = int(np.count_nonzero((P > 0.5) == (self.y == 1)))
        own = np.where(self.y == 1, P, 1 - P)
        return {"probabilities": P, "correct": correct, "n": len(self.y), "all_correct": correct == len(self.y),
                "true_class_probability": float(np.mean(own)), "loss": loss}

    def to_code(self):
        """Python source that, run after `import nnlib`, defines `net` (an nnlib.MLP with these weights) and
        `predict(points)` (its probabilities for (n, 2) points)."""
        return network_code(self.model)
