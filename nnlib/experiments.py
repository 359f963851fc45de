"""The small experiments the course's widgets run, as plain functions: no drawing, no widgets.

Gradient descent on a line (07, 11): one neuron with one input, price = w * area + b, scored by nnlib.mse on the
course's house prices. `descend` is the one descent loop: every step moves (w, b) against the slope of the mse,
on all the houses (full batch) or on the next batch_size of them (mini-batches, 11).

A network that memorises (11): RECIPE, a wide 64-256-10 network trained on only 100 digits; `train_few` trains it
with a weight decay, `weight_decay_runs` keeps one run per weight decay.

Hinges (05): slope * ReLU(x - position), summed, against a target curve on a bounded region; `largest_error` is
how far the sum strays, GOAL how close the exercise asks it to come.
"""

import functools
from dataclasses import dataclass

import numpy as np

from ._validate import as_array, check_choice, check_positive_int, check_positive_number
from .datasets import digits_split, load_house_prices
from .losses import _check_same_shape, _mse, _mse_gradient
from .network import MLP

# ---- gradient descent on a line (07, 11) ------------------------------------------------------------------------

FLEW_OFF = 1e12  # a loss this big means the hike has left the landscape for good: stop computing


@dataclass(frozen=True)
class Landscape:
    """The loss of price = w * x + b over (w, b): nnlib.mse of the predictions against y. x, y: (n,).

    x and y are checked once, here; the loss and its gradient then use nnlib.mse's and nnlib.mse_gradient's own
    formulas without checking them again at every step (a hike takes hundreds of steps per slider move)."""

    x: np.ndarray
    y: np.ndarray
    w_range: tuple = (-100.0, 450.0)
    b_range: tuple = (-100.0, 600.0)
    start: tuple = (0.0, 0.0)

    def __post_init__(self):
        x, y = as_array(self.x, "x", ndim=1), as_array(self.y, "y", ndim=1)
        _check_same_shape(x, y, "x", "y")
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)

    def loss(self, w, b):
        """mse(w * x + b, y) at one point (w, b)."""
        return _mse(w * self.x + b, self.y)

    @functools.cached_property
    def grid(self):
        """(W, B, L): a 121 x 121 grid over w_range and b_range and the loss at every point of it (what a map of
        the landscape shows). Computed once per landscape."""
        W, B = np.meshgrid(np.linspace(*self.w_range, 121), np.linspace(*self.b_range, 121))
        L = np.array([self.loss(w, b) for w, b in zip(W.ravel(), B.ravel())]).reshape(W.shape)
        return W, B, L

    def gradient(self, w, b, batch=None):
        """(dL/dw, dL/db) at (w, b), L the mse on the examples `batch` (indices; None: all of them). The chain
        rule through prediction = w * x + b: dL/dw = sum(dL/dprediction * x), dL/db = sum(dL/dprediction)."""
        x, y = (self.x, self.y) if batch is None else (self.x[batch], self.y[batch])
        slope = _mse_gradient(w * x + b, y)
        return float(np.sum(slope * x)), float(np.sum(slope))

    @property
    def minimum(self):
        """(w, b, loss) at the bottom of the valley (least squares: the best any hike can do)."""
        A = np.column_stack([self.x, np.ones_like(self.x)])
        (w, b), *_ = np.linalg.lstsq(A, self.y, rcond=None)
        return float(w), float(b), self.loss(float(w), float(b))


@functools.lru_cache(maxsize=1)
def house_price_landscape():
    """The house-price landscape: x = (area - average area) / 100 m2, y = price in thousands."""
    houses = load_house_prices()
    area = houses.X[:, 0]
    landscape = Landscape(x=(area - area.mean()) / 100.0, y=houses.y.astype(np.float64))
    landscape.x.flags.writeable = landscape.y.flags.writeable = False  # one landscape per kernel, shared
    return landscape


def _rates(lr, steps):
    """The learning rate of each step: one number for every step, or one per step (a learning rate that falls)."""
    if np.ndim(lr) == 0:
        return np.full(steps, check_positive_number(lr, "lr (the learning rate)"))
    rates = np.asarray(lr, dtype=np.float64)
    if rates.shape != (steps,) or not np.all(rates > 0):
        raise ValueError(f"lr should be a positive number or {steps} positive numbers, one per step, but got "
                         f"{rates.shape[0] if rates.ndim == 1 else rates.shape} of them.")
    return rates


def descend(landscape, lr, steps, batch_size=None, seed=0, start=None):
    """Walk downhill: `steps` times (w, b) -= lr * the gradient of the mse, from `start` (default: the landscape's).

    batch_size: None (or every example) takes the slope on all the examples at every step (full batch). A smaller
    batch_size takes it on the next batch_size examples only (mini-batches): the examples are shuffled (with this
    seed) and dealt out batch after batch; when they run out, a new shuffle starts (a new epoch).
    lr: one number, or one per step. The walk stops early when the loss passes 1e12 (it flew off the map).
    Returns a dict: 'path' (k + 1, 2) of the points visited, 'losses' (k + 1,), the loss on ALL the examples at
    each point (what the landscape's contours show), and 'flew_off' (True when it stopped early, so k < steps).
    """
    steps = check_positive_int(steps, "steps", allow_zero=True)
    rates = _rates(lr, steps)
    n = len(landscape.x)
    size = n if batch_size is None else min(check_positive_int(batch_size, "batch_size"), n)
    rng = np.random.default_rng(seed)
    point = np.array(landscape.start if start is None else start, dtype=np.float64)
    path, losses, order, flew_off = [point.copy()], [landscape.loss(*point)], np.array([], dtype=np.int64), False
    for rate in rates:
        batch = None
        if size < n:
            if len(order) < size:  # deal out what is left, then a fresh shuffle
                order = np.concatenate([order, rng.permutation(n)])
            batch, order = order[:size], order[size:]
        point = point - rate * np.array(landscape.gradient(*point, batch))
        path.append(point.copy())
        losses.append(landscape.loss(*point))
        if losses[-1] > FLEW_OFF:
            flew_off = True
            break
    return {"path": np.array(path), "losses": np.array(losses), "flew_off": flew_off}


def minibatch_descend(landscape, lr, steps, batch_size, seed=0, start=None):
    """descend on mini-batches of batch_size examples (11's name for it): the same walk, the same dict."""
    return descend(landscape, lr, steps, batch_size=batch_size, seed=seed, start=start)


def wobble(path, reference):
    """How far a path strays from a reference path: the mean distance between the points of the same step, over
    the second half of the walk (when both should be near the valley floor). Only the steps both took count."""
    n = min(len(path), len(reference))
    path, reference = np.asarray(path)[:n], np.asarray(reference)[:n]
    half = n // 2
    return float(np.mean(np.hypot(*(path[half:] - reference[half:]).T)))


# ---- a network that memorises 100 digits (11) -------------------------------------------------------------------

WEIGHT_DECAYS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
# the recipe of every run: 256 hidden neurons, 100 digits, batches of 20, a large stride, long enough to memorise
RECIPE = {"layer_sizes": (64, 256, 10), "epochs": 100, "lr": 0.5, "batch_size": 20, "seed": 0}
N_FEW, N_VALIDATION = 100, 300


@functools.lru_cache(maxsize=1)
def few_digits():
    """100 training digits (10 of each) and 300 validation digits, both from digits_split's training part, and the
    test set left untouched: (X_few, y_few, X_val, y_val, X_test, y_test). Same call, same digits."""
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = digits_split()
    X_few, X_rest, y_few, y_rest = train_test_split(X_train, y_train, train_size=N_FEW, stratify=y_train,
                                                    random_state=0)
    _, X_val, _, y_val = train_test_split(X_rest, y_rest, test_size=N_VALIDATION, stratify=y_rest, random_state=0)
    return X_few, y_few, X_val, y_val, X_test, y_test


def train_few(weight_decay=0.0, epochs=None):
    """The network of RECIPE trained on few_digits() with this weight decay, validated on the 300 validation digits
    after every epoch. Returns the trained MLP; its .history holds loss, accuracy, val_loss and val_accuracy."""
    X_few, y_few, X_val, y_val, _, _ = few_digits()
    net = MLP(list(RECIPE["layer_sizes"]), seed=RECIPE["seed"])
    net.fit(X_few, y_few, epochs=RECIPE["epochs"] if epochs is None else epochs, lr=RECIPE["lr"],
            batch_size=RECIPE["batch_size"], validation_data=(X_val, y_val), weight_decay=weight_decay)
    return net


@functools.lru_cache(maxsize=None)
def _trained(weight_decay):
    return train_few(weight_decay)


def trained_few(weight_decay=0.0):
    """A copy of the network train_few(weight_decay) returns, trained once per kernel and then remembered."""
    return _trained(float(weight_decay)).copy()


@functools.lru_cache(maxsize=None)
def _run(weight_decay):
    net = _trained(weight_decay)
    squared = float(sum(np.sum(W * W) for W in net.weights))
    return {key: np.array(values) for key, values in net.history.items()} | {"sum_of_squares": squared}


def weight_decay_runs(weight_decays=WEIGHT_DECAYS):
    """{weight decay: that run's history as arrays, plus 'sum_of_squares', the sum of every weight squared at the
    end}. Each run is trained once per kernel and then remembered."""
    return {float(wd): _run(float(wd)) for wd in weight_decays}


# ---- hinges (05) ----------------------------------------------------------------------------------------------

# name -> (function, low, high, label): the target on its region
TARGETS = {
    "bump": (lambda x: np.exp(-x ** 2), -3.0, 3.0, "$e^{-x^2}$"),
    "sine": (np.sin, 0.0, 2 * np.pi, "$\\sin x$"),
}
GOAL = 0.05  # the exercise's tolerance: the largest error allowed anywhere on the region
N_POINTS = 1201  # where the error is measured: evenly spaced over the region, both ends included


def hinge_sum(x, units):
    """The sum of the hinges at x: sum over (position, slope) of slope * ReLU(x - position). x: (n,) -> (n,)."""
    x = np.asarray(x, dtype=np.float64)
    total = np.zeros_like(x)
    for position, slope in units:
        total += slope * np.maximum(0.0, x - position)
    return total


def region(target):
    """The points (N_POINTS,) where a target is measured, and the target's values there."""
    f, low, high, _ = TARGETS[check_choice(target, "target", tuple(TARGETS))]
    x = np.linspace(low, high, N_POINTS)
    return x, f(x)


def largest_error(units, target):
    """(largest |sum - target| over the target's region, the x where it is largest)."""
    x, y = region(target)
    error = np.abs(hinge_sum(x, units) - y)
    worst = int(np.argmax(error))
    return float(error[worst]), float(x[worst])


def error_text(error):
    """A largest error in as few decimals as tell it apart from the goal: 0.0503 never prints as 0.050."""
    decimals = 3
    while error > GOAL and round(error, decimals) <= GOAL and decimals < 9:
        decimals += 1
    return f"{error:.{decimals}f}"


def most_useful_position(units, target, step=0.05):
    """Where a new hinge can help most: of the positions on the region (every `step`, the right end left out, where
    a hinge would bend nothing), the one whose hinge, at its best slope (least squares), leaves the smallest
    largest error. A hinge changes the sum only to the right of its position, so the place where the error is
    largest is often not the place to bend. Positions where a hinge already is are left out."""
    x, y = region(target)
    low, high = x[0], x[-1]
    positions = low + step * np.arange(int(np.floor((high - low) / step - 1e-9)) + 1)
    positions = positions[positions < high - 1e-9]
    # a second hinge where one already is bends nothing new (two hinges at one place are one hinge): skip those
    taken = np.array([position for position, _ in units], dtype=np.float64)
    if taken.size:
        positions = positions[np.min(np.abs(positions[:, None] - taken[None, :]), axis=1) > step / 2]
    residual = y - hinge_sum(x, units)
    H = np.maximum(0.0, x[None, :] - positions[:, None])  # each candidate hinge with slope 1, over the region
    slopes = (H @ residual) / np.maximum(np.sum(H * H, axis=1), 1e-300)
    worst = np.max(np.abs(residual[None, :] - slopes[:, None] * H), axis=1)
    return float(np.round(positions[int(np.argmin(worst))], 10))
