"""A deep network's start, as the initialisation explorer holds it. Introduced in 10_first_weights.

    start = FirstWeights(X, y, [64] + [32] * 10 + [10])
    start.set(init="normal", std=0.5, activation="relu")
    start.numbers["rms"], start.numbers["blew_up_at"]
    start.headline()

start_report(net, X, y) gives the numbers of one start without drawing anything: every hidden layer's
activations and their typical size, the mean |dL/dW| of every layer, the dead and the saturated neurons.
No ipywidgets, no matplotlib: the widget in nnlib.widgets.initialisation draws this state and nothing else.
"""

import numpy as np

from .._validate import as_array, as_labels
from ..activations import activation_named
from ..network import MLP

INITS = (("zeros", "zeros"), ("a constant: the slider's value", "constant"),
         ("normal, std from the slider", "normal"), ("LeCun: std \u221a(1/n_in)", "lecun"),
         ("He: std \u221a(2/n_in)", "he"), ("Xavier: std \u221a(2/(n_in+n_out))", "xavier"))
ACTIVATION_CHOICES = ("relu", "leaky_relu", "tanh", "sigmoid")
STDS = (0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0)
SATURATED = 0.05     # a slope below 5% of the activation's steepest counts as saturated (as in 04's explorer)
BINS = 20
HISTOGRAM_RANGE = {"relu": (0.0, 2.0), "leaky_relu": (-0.5, 2.0), "tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


def start_report(net, X, y, saturated=SATURATED):
    """What a network's start looks like on a batch (X, y), before any training. No drawing.

    Returns a dict: 'activations' (list, one (batch, n) array per hidden layer), 'rms' (per hidden layer, the
    root mean square of its activations: their typical size), 'input_rms', 'mean_abs_dW' (per weight layer,
    hidden and output, the mean |dL/dW| on the batch), 'dead' (per hidden layer, how many neurons have z <= 0
    on every example: ReLU passes them no signal and no blame) and 'saturated' (per hidden layer, how many have a
    slope below `saturated` times the activation's steepest on more than half of the examples: an S-curve stuck
    on a flat end for most inputs). Dead and saturated are counted for the ReLUs and the S-curves respectively.
    """
    X, y = as_array(X, "X"), as_labels(y, "y")
    record = activation_named(net.activation)
    relu_like = record.name in ("relu", "leaky_relu")
    with np.errstate(all="ignore"):  # an exploding start overflows; the report says so with inf and nan
        Zs, activations = net.pre_activations(X)[:-1], net.layer_outputs(X)[:-1]
        dead = [int(np.count_nonzero((Z <= 0).all(axis=0))) if relu_like else 0 for Z in Zs]
        saturated_counts = [0 if relu_like else
                            int(np.count_nonzero((record.derivative(Z) < saturated * record.max_slope).mean(axis=0)
                                                 > 0.5)) for Z in Zs]
        dWs, _ = net.gradients(X, y)
        return {"activations": activations, "rms": [float(np.sqrt(np.mean(a * a))) for a in activations],
                "input_rms": float(np.sqrt(np.mean(X * X))),
                "mean_abs_dW": [float(np.mean(np.abs(dW))) for dW in dWs], "dead": dead,
                "saturated": saturated_counts}


def starting_network(layer_sizes, activation, init, value, seed):
    """The MLP the explorer shows: init 'zeros', 'constant' (every weight = value), 'normal' (std value),
    'lecun', 'he' or 'xavier'. Biases start at 0."""
    if init == "constant":
        net = MLP(layer_sizes, activation=activation, seed=seed, init="zeros")
        net.weights = [np.full(W.shape, float(value)) for W in net.weights]
        return net
    return MLP(layer_sizes, activation=activation, seed=seed, init=float(value) if init == "normal" else init)


def histogram(a, activation):
    """Bar heights of a layer's activations over HISTOGRAM_RANGE[activation] in BINS bins, relative to the
    tallest (values past the range counted in the end bars; nan as 0)."""
    low, high = HISTOGRAM_RANGE[activation]
    with np.errstate(invalid="ignore"):
        counts, _ = np.histogram(np.clip(np.nan_to_num(a, nan=0.0), low, high), bins=BINS, range=(low, high))
    top = counts.max()
    return counts / top if top else counts.astype(float)


def _size(value):
    if not np.isfinite(value):
        return "overflow"
    return f"{value:.2g}" if 1e-3 <= abs(value) < 1e4 or value == 0 else f"{value:.1e}"


class FirstWeights:
    """One start of a deep network on a fixed batch: set(init, std, activation) picks it; each start's numbers are
    computed once and kept, so going back to a setting is instant.

    numbers: 'rms', 'mean_abs_dW', 'dead', 'saturated' (start_report's), 'losses' (before each of `steps` steps
    of full-batch gradient descent with rate lr, and after the last; nan once it blew up), 'blew_up_at' (the step
    or None), 'init', 'value' (the std or the constant, None for the named starts) and 'activation'.
    report: start_report's dict with each layer's 'histograms' instead of its activations. label: the start in
    words. headline(): the readout.
    """

    def __init__(self, X, y, layer_sizes, init="normal", std=0.1, activation="relu", seed=0, steps=50, lr=0.05):
        self.X, self.y, self.layer_sizes, self.seed, self.steps, self.lr = X, y, layer_sizes, seed, steps, lr
        self.input_rms = float(np.sqrt(np.mean(X * X)))
        self._cache = {}
        self.set(init, std, activation)

    def set(self, init, std, activation):
        self.init, self.std, self.activation = init, std, activation
        self.value = std if init in ("constant", "normal") else None
        key = (activation, init, self.value)
        if key not in self._cache:
            net = starting_network(self.layer_sizes, activation, init, self.value, self.seed)
            report = start_report(net, self.X, self.y)
            with np.errstate(all="ignore"):  # an exploding start: the loss becomes inf or nan, shown as "blew up"
                history = net.fit(self.X, self.y, epochs=self.steps, lr=self.lr, batch_size=len(self.X), seed=0)
                losses = history["loss"] + [net.loss(self.X, self.y)]  # before each step, and after the last
            activations = report.pop("activations")  # keep only their histograms: a setting costs a few kB
            report["histograms"] = [histogram(a, activation) for a in activations]
            self._cache[key] = (report, np.array(losses))
        self.report, losses = self._cache[key]
        finite = np.isfinite(losses)
        self.numbers = {"rms": self.report["rms"], "mean_abs_dW": self.report["mean_abs_dW"],
                        "dead": self.report["dead"], "saturated": self.report["saturated"], "losses": losses,
                        "blew_up_at": None if finite.all() else int(np.argmin(finite)),
                        "init": init, "value": self.value, "activation": activation}
        return self.numbers

    @property
    def label(self):
        """The start in words: 'every weight 0.3', 'normal, std 0.1', 'He', ..."""
        if self.init == "constant":
            return f"every weight {self.value:g}"
        if self.init == "normal":
            return f"normal, std {self.value:g}"
        return dict((v, k) for k, v in INITS)[self.init].split(":")[0]

    def headline(self):
        """One line: the activations' size and the gradients at both ends, dead or saturated neurons, and the
        loss after training, or when it blew up (HTML)."""
        frame = self.numbers
        rms, grads = frame["rms"], frame["mean_abs_dW"]
        dead, sat = sum(frame["dead"]), sum(frame["saturated"])
        n_units = sum(self.layer_sizes[1:-1])
        parts = [f"<b>{self.label}</b>: activations' typical size {_size(rms[0])} in layer 1, {_size(rms[-1])} in "
                 f"layer {len(rms)}; mean |dL/dW| {_size(grads[0])} in layer 1, {_size(grads[-1])} at the output"]
        if dead or sat:
            parts.append(f"{dead} of {n_units} neurons dead" if dead else f"{sat} of {n_units} neurons saturated")
        losses = frame["losses"]
        if frame["blew_up_at"] is not None:
            parts.append(f"training blew up: after {frame['blew_up_at']} steps the loss is no longer a number "
                         "(the numbers overflowed)")
        else:
            parts.append(f"loss {losses[0]:.3g} at the start, {losses[-1]:.3g} after {self.steps} steps")
        return "; ".join(parts) + "."
