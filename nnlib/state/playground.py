"""A training run on 2-D data, as the training playground holds it: the data and its split, the label noise, the
input features, the network, its steps of training and the loss history. Introduced in 07_backprop; 05_layers
uses the playground as the feature factory.

    run = PlaygroundRun.from_dataset("circles", hidden=(8, 8), features=("x1", "x2", "x1^2"))
    run.step(20)                      # 20 epochs of mini-batch descent
    run.history["val_loss"][-1]       # the test loss after them
    run.neuron_maps                   # what each hidden neuron outputs over the plane
    run.set(noise=0.1)                # flip 10% of the training labels: the run starts again

No ipywidgets, no matplotlib: the widget (nnlib.widgets.playground) draws this state and nothing else.
"""

import numpy as np

from .._validate import (as_points, check_choice, check_non_negative_number, check_positive_int,
                         check_positive_number)
from ..datasets import TOY_DATASETS, toy_2d
from ..features import FEATURES, check_features, feature_columns, network_code
from ..network import MLP
from .plane import plane_grid

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
L2_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
NOISE_CHOICES = (0.0, 0.05, 0.1, 0.2, 0.3)
TEST_CHOICES = (0.1, 0.2, 0.3, 0.4, 0.5)
BATCH_CHOICES = (1, 4, 8, 16, 32, 64)
HIDDEN_CHOICES = ((), (2,), (4,), (8,), (16,), (2, 2), (4, 4), (8, 8), (16, 16))
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
MAX_NEURONS, MAX_HIDDEN_LAYERS = 16, 3
MAX_CLASSES = 7   # the classes the picture can tell apart by colour and marker
GRID = 40  # the plane is sampled on GRID x GRID points: each neuron's map shows them all


def plane_extent(X):
    """The patch of the plane the playground shows around points X (n, 2): their range plus a margin."""
    low, high = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * (high - low) + 0.1
    return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])


def check_hidden(hidden):
    """The hidden layer sizes as a tuple ((4,) from 4), within what the playground draws, or a clear error."""
    if isinstance(hidden, (int, np.integer)):
        hidden = (hidden,)
    if not isinstance(hidden, (tuple, list)):
        raise TypeError(f"hidden should be the hidden layer sizes, e.g. (4,) or (8, 8), or () for none, but got "
                        f"{hidden!r}.")
    hidden = tuple(check_positive_int(n, "each hidden layer size") for n in hidden)
    if len(hidden) > MAX_HIDDEN_LAYERS or any(n > MAX_NEURONS for n in hidden):
        raise ValueError(f"The playground draws every neuron, so it keeps to {MAX_HIDDEN_LAYERS} hidden layers of "
                         f"up to {MAX_NEURONS} neurons, but got hidden={hidden}. Train bigger networks with "
                         "nnlib.MLP directly.")
    return hidden


def check_test_size(test_size):
    if not 0 < test_size < 1:
        raise ValueError(f"test_size should be a fraction between 0 and 1, such as 0.3, but got {test_size!r}.")
    return float(test_size)


def check_noise(noise):
    noise = check_non_negative_number(noise, "noise (the share of labels flipped)", example="0.1")
    if noise >= 1:
        raise ValueError(f"noise is the share of training labels flipped, below 1, such as 0.1, but got {noise}.")
    return noise


def own_data(X, y):
    """Learner-given points and labels, checked: X (n, 2), y (n,) whole numbers 0..k-1, every class present."""
    if X is None or y is None:
        raise TypeError("Give both X, the points (n, 2), and y, their labels (n,): training_playground(X=X, y=y).")
    X, y = as_points(X, y)
    if len(y) < 6:
        raise ValueError(f"X has only {len(y)} points: give at least 6, so some can be held back as test points.")
    classes = np.unique(y)
    if len(classes) < 2:
        raise ValueError(f"y has only one class (label {classes[0]}): there is nothing to tell apart. "
                         "Give points of at least two classes.")
    if not np.array_equal(classes, np.arange(len(classes))):
        raise ValueError(f"y uses the labels {classes.tolist()}; the playground needs the classes numbered 0, 1, "
                         f"2, ... with none missing. Renumber them, e.g. np.unique(y, return_inverse=True)[1].")
    if len(classes) > MAX_CLASSES:
        raise ValueError(f"y has {len(classes)} classes; the playground draws at most {MAX_CLASSES}.")
    counts = np.bincount(y)
    if counts.min() < 2:
        raise ValueError(f"class {int(counts.argmin())} has a single point: each class needs at least 2, one to "
                         "train on and one to test.")
    return X, y


def split(X, y, test_size, seed):
    """The playground's train/test split: stratified (every class in both parts), the same for the same seed.
    Returns X_train, X_test, y_train, y_test."""
    from sklearn.model_selection import train_test_split

    try:
        return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
    except ValueError:
        raise ValueError(f"{len(y)} points are too few to hold back a test share of {test_size:.0%} with "
                         f"every class in both parts. Give more points or a bigger test share.") from None


def flip_labels(y, noise, n_classes, seed):
    """Label noise: a copy of y with round(noise * len(y)) labels, chosen by seed, changed to another class."""
    y = np.array(y, copy=True)
    if noise > 0:
        rng = np.random.default_rng(seed)
        flip = rng.choice(len(y), int(round(noise * len(y))), replace=False)
        shift = rng.integers(1, n_classes, size=len(flip))
        y[flip] = (y[flip] + shift) % n_classes
    return y


class PlaygroundRun:
    """One training run of the playground: the data (X_all, y_all) split into training and test points, label
    noise on the training labels, the input features, a freshly seeded MLP, and what training made of it.

    Settings that take effect at the next step: lr, l2 (weight decay), batch_size. Settings that start the run
    again (epoch 0, the seeded starting weights): features, hidden, activation, noise, test_size. set(**changes)
    applies any of them; step(epochs) trains; reset() starts again. model, epoch, history (loss, accuracy,
    val_loss, val_accuracy from epoch 0), initial_weights/initial_biases show the run; grid (GRID*GRID, 2),
    inputs(points), maps() and neuron_maps what it computes over the plane; to_code() the network as Python.
    """

    def __init__(self, X, y, *, hidden=(4,), activation="tanh", features=("x1", "x2"), lr=0.1, l2=0.0,
                 batch_size=16, test_size=0.3, noise=0.0, seed=0, epochs_per_step=5, max_epochs=5000):
        self.X_all, self.y_all = own_data(X, y)
        self.n_classes = int(self.y_all.max()) + 1
        self.seed = check_positive_int(seed, "seed", allow_zero=True)
        self.hidden = check_hidden(hidden)
        self.activation = check_choice(activation, "activation", ACTIVATIONS)
        self.features = check_features(features)
        self.lr = check_positive_number(lr, "lr (the learning rate)")
        self.l2 = check_non_negative_number(l2, "l2 (the weight decay)", example="0.001")
        self.batch_size = check_positive_int(batch_size, "batch_size")
        self.test_size = check_test_size(test_size)
        self.noise = check_noise(noise)
        self.epochs_per_step = check_positive_int(epochs_per_step, "epochs_per_step")
        self.max_epochs = check_positive_int(max_epochs, "max_epochs")
        self.extent = plane_extent(self.X_all)
        self.grid = plane_grid(extent=self.extent, resolution=GRID)[0]
        self._split()
        self.reset()

    @classmethod
    def from_dataset(cls, dataset="xor", n_samples=200, seed=0, **settings):
        """A run on one of nnlib's toy datasets ('and', 'or', 'xor', 'blobs', 'moons', 'circles', 'spirals')."""
        check_choice(dataset, "dataset", TOY_DATASETS)
        X, y = toy_2d(dataset, n_samples=check_positive_int(n_samples, "n_samples"), seed=seed)
        return cls(X, y, seed=seed, **settings)

    # ---- the data ------------------------------------------------------------------------------------
    def _split(self):
        self.X_train, self.X_test, self.y_train_true, self.y_test = split(self.X_all, self.y_all, self.test_size,
                                                                          self.seed)
        self._flip()

    def _flip(self):
        """The training labels the network sees: the true ones with the noise share flipped (test points keep the
        truth)."""
        self.y_train = flip_labels(self.y_train_true, self.noise, self.n_classes, self.seed + 1)

    # ---- changes -------------------------------------------------------------------------------------
    def set(self, **changes):
        """Apply settings by name: lr, l2, batch_size (from the next step on); noise, test_size, features, hidden,
        activation (each starts the run again, only when it really changed). Returns the names that changed."""
        changed = set()
        for name, value in changes.items():
            if name not in _CHECKS:
                raise ValueError(f"Unknown setting {name!r}. Choose from: {', '.join(_CHECKS)}.")
            value = _CHECKS[name](value)
            if value != getattr(self, name):
                setattr(self, name, value)
                changed.add(name)
        if "test_size" in changed:
            self._split()
        elif "noise" in changed:
            self._flip()
        if changed & {"test_size", "noise", "features", "hidden", "activation"}:
            self.reset()
        return changed

    def reset(self):
        """Back to epoch 0 with the seeded starting weights (the same every time)."""
        n_out = 1 if self.n_classes == 2 else self.n_classes
        self.model = MLP([len(self.features), *self.hidden, n_out], activation=self.activation, seed=self.seed)
        self.initial_weights = [W.copy() for W in self.model.weights]
        self.initial_biases = [b.copy() for b in self.model.biases]
        self.inputs_train = feature_columns(self.X_train, self.features)
        self.inputs_test = feature_columns(self.X_test, self.features)
        self.grid_inputs = feature_columns(self.grid, self.features)
        self.epoch = 0
        self.history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
        self._record()

    def _record(self):
        with np.errstate(all="ignore"):
            for key, X, y in (("", self.inputs_train, self.y_train), ("val_", self.inputs_test, self.y_test)):
                self.history[key + "loss"].append(self.model.loss(X, y))
                self.history[key + "accuracy"].append(self.model.accuracy(X, y))

    @property
    def blew_up(self):
        """True when the training loss is no longer a number (the learning rate was too big)."""
        return not np.isfinite(self.history["loss"][-1])

    @property
    def finished(self):
        """True when the run can train no further: max_epochs reached, or the loss blew up."""
        return self.epoch >= self.max_epochs or self.blew_up

    def step(self, epochs=None):
        """Train `epochs` more epochs (default epochs_per_step) with the current lr, l2 and batch size, recording
        the losses and accuracies after each. Stops at max_epochs or when the loss blows up. Returns the epochs
        trained."""
        epochs = self.epochs_per_step if epochs is None else check_positive_int(epochs, "epochs")
        epochs = min(epochs, self.max_epochs - self.epoch)
        start = self.epoch

        def after_epoch(net, total, history):
            self.epoch += 1
            self._record()
            return not self.blew_up

        if epochs > 0 and not self.blew_up:
            with np.errstate(all="ignore"):  # a learning rate that is too big shows as a message, not warnings
                self.model.fit(self.inputs_train, self.y_train, epochs=epochs, lr=self.lr,
                               batch_size=self.batch_size, weight_decay=self.l2, callback=after_epoch)
        return self.epoch - start

    # ---- what the picture and the readout need -------------------------------------------------------
    def inputs(self, points):
        """The rows the network sees for plane points: (n, 2) -> (n, len(features))."""
        points, _ = as_points(points)
        return feature_columns(points, self.features)

    def maps(self):
        """Every neuron's output over the grid, one (n_neurons, GRID, GRID) array per layer, the inputs first and
        the output last (its P(class 1), or P(class k) for several classes). Row r, column c is grid point
        r * GRID + c."""
        with np.errstate(all="ignore"):
            outputs = self.model.layer_outputs(self.grid_inputs)
        return [A.T.reshape(-1, GRID, GRID) for A in [self.grid_inputs, *outputs]]

    @property
    def neuron_maps(self):
        """What the hidden neurons' thumbnails show: one (n_neurons, GRID, GRID) array per hidden layer."""
        return self.maps()[1:-1]

    def right_count(self):
        """(points the network classifies right, all points), training and test points together."""
        X = np.vstack([self.inputs_train, self.inputs_test])
        y = np.concatenate([self.y_train, self.y_test])
        with np.errstate(all="ignore"):
            return int(np.count_nonzero(self.model.predict(X) == y)), len(y)

    def scores(self):
        """The latest recorded numbers: epoch, loss, accuracy, val_loss, val_accuracy."""
        return {"epoch": self.epoch, **{key: values[-1] for key, values in self.history.items()}}

    def to_code(self):
        """Python source that defines `net` (an nnlib.MLP with the trained weights), `features(points)` and
        `predict(points)` (class probabilities for (n, 2) plane points). Run it after `import nnlib`."""
        return network_code(self.model, self.features)


_CHECKS = {
    "lr": lambda v: check_positive_number(v, "lr (the learning rate)"),
    "l2": lambda v: check_non_negative_number(v, "l2 (the weight decay)", example="0.001"),
    "batch_size": lambda v: check_positive_int(v, "batch_size"),
    "noise": check_noise,
    "test_size": check_test_size,
    "features": check_features,
    "hidden": check_hidden,
    "activation": lambda v: check_choice(v, "activation", ACTIVATIONS),
}

__all__ = ["PlaygroundRun", "own_data", "check_hidden", "split", "flip_labels", "plane_extent", "FEATURES", "GRID"]
