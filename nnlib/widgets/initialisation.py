"""Where the first weights come from: the scale of the start, layer after layer. Introduced in 10_first_weights.

initialisation_explorer: a deep network (ten hidden layers of 32 neurons, by default) on a fixed batch of
digits, started one of six ways (zeros, a constant, a normal distribution with the slider's std, LeCun, He,
Xavier) with a chosen activation. It shows, for that start and before any training: every hidden layer's
activations as a histogram, their typical size (the root mean square) layer by layer, the mean |dL/dW| of
every layer, how many neurons are dead or saturated, and then the loss over 50 steps of gradient descent.
Too small a std and the signal and the gradients fade to nothing (vanishing); too big and they blow up
(exploding).

start_report(net, X, y) computes the numbers of one frame without drawing anything.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import LogLocator, NullLocator

from .._validate import as_array, as_labels, check_choice, check_positive_int, check_positive_number, check_same_length
from ..activations import activation_named
from ..datasets import digits_split
from ..network import MLP
from ..plots.style import NEGATIVE, OKABE_ITO, POSITIVE
from ._live import DESCRIPTION_WIDTH, LiveFigure, ToolkitWidget, dropdown, set_tooltip

INITS = (("zeros", "zeros"), ("a constant: the slider's value", "constant"),
         ("normal, std from the slider", "normal"), ("LeCun: std \u221a(1/n_in)", "lecun"),
         ("He: std \u221a(2/n_in)", "he"), ("Xavier: std \u221a(2/(n_in+n_out))", "xavier"))
ACTIVATION_CHOICES = ("relu", "leaky_relu", "tanh", "sigmoid")
STDS = (0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0)
SATURATED = 0.05     # a slope below 5% of the activation's steepest counts as saturated (as in 04's explorer)
BINS = 20
HISTOGRAM_RANGE = {"relu": (0.0, 2.0), "leaky_relu": (-0.5, 2.0), "tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
SIZE_LIMITS = (1e-10, 1e10)      # the axes' fixed ranges; a value beyond is drawn at the edge
GRADIENT_LIMITS = (1e-16, 1e8)
LOSS_TOP = 5.0


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
    with np.errstate(all="ignore"):  # an exploding start overflows; the report says so with inf and nan
        activations, A, dead, saturated_counts = [], X, [], []
        for W, b in zip(net.weights[:-1], net.biases[:-1]):
            Z = A @ W + b
            A = record.function(Z)
            activations.append(A)
            dead.append(int(np.count_nonzero((Z <= 0).all(axis=0))) if record.name in ("relu", "leaky_relu") else 0)
            flat = record.derivative(Z) < saturated * record.max_slope
            saturated_counts.append(0 if record.name in ("relu", "leaky_relu") else
                                    int(np.count_nonzero(flat.mean(axis=0) > 0.5)))
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


def _histogram(a, activation):
    low, high = HISTOGRAM_RANGE[activation]
    with np.errstate(invalid="ignore"):
        counts, _ = np.histogram(np.clip(np.nan_to_num(a, nan=0.0), low, high), bins=BINS, range=(low, high))
    top = counts.max()
    return counts / top if top else counts.astype(float)


class InitialisationView:
    """Draws one start: ten histograms, the activation sizes, the gradients and the loss curve.
    draw(report, losses, activation) returns the frame's numbers. No widgets needed."""

    WIDTH, HEIGHT = 720, 410

    def __init__(self, n_hidden, n_weight_layers, steps, input_rms):
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        self.n_hidden, self.steps = n_hidden, steps
        self.hist_axes, self.hists, self.counts = [], [], []
        width = 0.94 / n_hidden
        for k in range(n_hidden):
            ax = fig.add_axes([0.035 + k * width, 0.68, width * 0.76, 0.17])
            patch = ax.stairs(np.zeros(BINS), np.linspace(0, 1, BINS + 1), fill=True, color=POSITIVE)
            ax.set_ylim(0, 1.05)
            ax.set_yticks([])
            ax.tick_params(labelsize=7, pad=1, length=2)
            ax.spines[["top", "right", "left"]].set_visible(False)
            ax.set_title(f"layer {k + 1}", fontsize=8, pad=2)
            self.hist_axes.append(ax)
            self.hists.append(patch)
            self.counts.append(ax.text(0.5, -0.42, "", transform=ax.transAxes, ha="center", va="top", fontsize=7.5,
                                       color=NEGATIVE))
        fig.text(0.01, 0.94, "each hidden layer's activations on the batch (bar heights relative to the tallest; values "
                 "past the axis in the end bar)", ha="left", va="top", fontsize=8)
        self.hist_title = fig.text(0.01, 0.985, "", ha="left", va="top", fontsize=8.5, fontweight="bold")

        layers = np.arange(1, n_hidden + 1)
        self.ax_size = fig.add_axes([0.075, 0.1, 0.25, 0.38])
        self.ax_size.set_yscale("log")
        self.ax_size.set_ylim(*SIZE_LIMITS)
        self.ax_size.set_xlim(0.5, n_hidden + 0.5)
        self.ax_size.set_xticks(layers)
        self.ax_size.axhline(input_rms, color="#777777", linestyle="--", linewidth=0.9)
        self.ax_size.text(n_hidden + 0.4, input_rms * 3, "the pixels", ha="right", va="bottom", fontsize=7,
                          color="#555555")
        self.size_line, = self.ax_size.plot(layers, np.ones(n_hidden), "o-", color=OKABE_ITO[0], markersize=4)
        self._axes_style(self.ax_size, "hidden layer", "typical size of its activations\n(root mean square)")

        self.ax_grad = fig.add_axes([0.415, 0.1, 0.25, 0.38])
        self.ax_grad.set_yscale("log")
        self.ax_grad.set_ylim(*GRADIENT_LIMITS)
        self.ax_grad.set_xlim(0.5, n_weight_layers + 0.5)
        self.ax_grad.set_xticks(np.arange(1, n_weight_layers + 1),
                                [str(k) for k in range(1, n_weight_layers)] + ["out"])
        self.grad_line, = self.ax_grad.plot(np.arange(1, n_weight_layers + 1), np.ones(n_weight_layers), "s-",
                                            color=OKABE_ITO[5], markersize=4)
        self._axes_style(self.ax_grad, "weight layer", "mean |dL/dW| at the start")

        self.ax_loss = fig.add_axes([0.74, 0.1, 0.24, 0.38])
        self.ax_loss.set_xlim(0, steps)
        self.ax_loss.set_ylim(0, LOSS_TOP)
        self.ax_loss.axhline(np.log(10), color="#777777", linestyle="--", linewidth=0.9)
        self.ax_loss.text(steps, np.log(10) + 0.08, "guessing: ln 10", ha="right", va="bottom", fontsize=7,
                          color="#555555")
        self.loss_line, = self.ax_loss.plot([], [], color=OKABE_ITO[2], linewidth=1.6)
        self._axes_style(self.ax_loss, "step of gradient descent", f"loss over {steps} steps")
        self.loss_note = self.ax_loss.text(0.03, 0.04, "", transform=self.ax_loss.transAxes, ha="left", va="bottom",
                                           fontsize=8, color=NEGATIVE)
        for ax in (self.ax_size, self.ax_grad):
            ax.yaxis.set_major_locator(LogLocator(base=1e4, numticks=12))  # 20 decades: label every fourth
            ax.yaxis.set_minor_locator(NullLocator())
        self.activation = None
        self.live.dynamic(self.hists, self.counts, self.hist_title, self.size_line, self.grad_line, self.loss_line,
                          self.loss_note)

    @staticmethod
    def _axes_style(ax, xlabel, title):
        ax.tick_params(labelsize=7.5)
        ax.set_xlabel(xlabel, fontsize=8, labelpad=1)
        ax.set_title(title, fontsize=8.5)
        ax.spines[["top", "right"]].set_visible(False)

    def _set_activation(self, activation):
        """The histograms' x-axis follows the activation's range (a change of background: redraw it all)."""
        low, high = HISTOGRAM_RANGE[activation]
        edges = np.linspace(low, high, BINS + 1)
        for ax, patch in zip(self.hist_axes, self.hists):
            patch.set_data(np.zeros(BINS), edges)
            ax.set_xlim(low, high)
            ax.set_xticks([low, high], [f"{low:g}", f"{high:g}"])
        self.activation = activation
        self.live.invalidate()

    def draw(self, report, losses, activation, label):
        """Show one start. report: start_report's dict; losses: the loss before each of the steps (nan once it
        blew up); label: the start in words. Returns the frame's numbers."""
        if activation != self.activation:
            self._set_activation(activation)
        low, high = HISTOGRAM_RANGE[activation]
        edges = np.linspace(low, high, BINS + 1)
        histograms = report.get("histograms") or [_histogram(a, activation) for a in report["activations"]]
        for patch, counts_text, heights, dead, sat in zip(self.hists, self.counts, histograms, report["dead"],
                                                          report["saturated"]):
            patch.set_data(heights, edges)
            counts_text.set_text(f"{dead} dead" if dead else f"{sat} sat." if sat else "")
        self.hist_title.set_text(label)
        self.size_line.set_ydata(np.clip(np.nan_to_num(report["rms"], nan=SIZE_LIMITS[1]), *SIZE_LIMITS))
        self.grad_line.set_ydata(np.clip(np.nan_to_num(report["mean_abs_dW"], nan=GRADIENT_LIMITS[1]),
                                         *GRADIENT_LIMITS))
        losses = np.asarray(losses, dtype=float)
        finite = np.isfinite(losses)
        shown = losses[:np.argmin(finite)] if not finite.all() else losses
        self.loss_line.set_data(np.arange(len(shown)), np.minimum(shown, LOSS_TOP))
        blew_up = None if finite.all() else int(np.argmin(finite))
        self.loss_note.set_text(f"blew up: not a number\nafter {blew_up} steps" if blew_up is not None else
                                "off the chart: above 5" if np.any(shown > LOSS_TOP) else "")
        return {"rms": report["rms"], "mean_abs_dW": report["mean_abs_dW"], "dead": report["dead"],
                "saturated": report["saturated"], "losses": losses, "blew_up_at": blew_up}

    def render(self):
        return self.live.render()


class InitialisationExplorer(ToolkitWidget):
    """The widget initialisation_explorer returns. controls: 'init', 'std' (the normal's std or the constant),
    'activation'. Each start's numbers are computed once and kept, so going back to a setting is instant."""

    def __init__(self, X, y, layer_sizes, init, std, activation, seed, steps, lr):
        super().__init__()
        self.X, self.y, self.layer_sizes, self.seed, self.steps, self.lr = X, y, layer_sizes, seed, steps, lr
        self._cache = {}
        self.controls = {
            "init": dropdown("starting weights", list(INITS), init, width="400px"),
            "std": widgets.SelectionSlider(options=[(f"{s:g}", s) for s in STDS], value=std, description="std",
                                           continuous_update=True, style={"description_width": DESCRIPTION_WIDTH},
                                           layout=widgets.Layout(width="400px")),
            "activation": dropdown("activation", [(activation_named(a).label, a) for a in ACTIVATION_CHOICES],
                                   activation, width="400px"),
        }
        set_tooltip(self.controls["std"], "the normal distribution's std, or the constant every weight starts at")
        self.view = InitialisationView(len(layer_sizes) - 2, len(layer_sizes) - 1, steps, float(np.sqrt(np.mean(X * X))))
        self.live = self.view.live
        self._assemble()
        hidden = layer_sizes[1:-1]
        self.summary = (f"Initialisation explorer: {len(hidden)} hidden layers of {hidden[0]} neurons, {len(X)} "
                        f"digits; starting weights, std and activation; {steps}-step loss curve")
        self.refresh()

    def _key(self):
        c = self.controls
        init = c["init"].value
        return c["activation"].value, init, c["std"].value if init in ("constant", "normal") else None

    def start(self):
        """The numbers for the controls' current setting: (report, losses), computed once per setting."""
        key = self._key()
        if key not in self._cache:
            activation, init, value = key
            net = starting_network(self.layer_sizes, activation, init, value, self.seed)
            report = start_report(net, self.X, self.y)
            with np.errstate(all="ignore"):  # an exploding start: the loss becomes inf or nan, shown as "blew up"
                history = net.fit(self.X, self.y, epochs=self.steps, lr=self.lr, batch_size=len(self.X), seed=0)
                losses = history["loss"] + [net.loss(self.X, self.y)]  # before each step, and after the last
            activations = report.pop("activations")  # keep only their histograms: a setting costs a few kB
            report["histograms"] = [_histogram(a, activation) for a in activations]
            self._cache[key] = (report, np.array(losses))
        return self._cache[key]

    def _redraw(self):
        activation, init, value = self._key()
        self.controls["std"].disabled = init not in ("constant", "normal")
        if init == "constant":
            label = f"every weight {value:g}"
        elif init == "normal":
            label = f"normal, std {value:g}"
        else:
            label = dict((v, k) for k, v in INITS)[init].split(":")[0]
        report, losses = self.start()
        frame = self.view.draw(report, losses, activation, label)
        self.image.value = self.live.render()
        self.readout.value = self._story(frame, label)
        frame.update(init=init, value=value, activation=activation)
        return frame

    def _story(self, frame, label):
        rms, grads = frame["rms"], frame["mean_abs_dW"]
        dead, sat = sum(frame["dead"]), sum(frame["saturated"])
        n_units = sum(self.layer_sizes[1:-1])
        parts = [f"<b>{label}</b>: activations' typical size {_num(rms[0])} in layer 1, {_num(rms[-1])} in layer "
                 f"{len(rms)}; mean |dL/dW| {_num(grads[0])} in layer 1, {_num(grads[-1])} at the output"]
        if dead or sat:
            parts.append(f"{dead} of {n_units} neurons dead" if dead else f"{sat} of {n_units} neurons saturated")
        losses = frame["losses"]
        if frame["blew_up_at"] is not None:
            parts.append(f"training blew up: after {frame['blew_up_at']} steps the loss is no longer a number "
                         "(the numbers overflowed)")
        else:
            parts.append(f"loss {losses[0]:.3g} at the start, {losses[-1]:.3g} after {self.steps} steps")
        return "; ".join(parts) + "."


def _num(value):
    if not np.isfinite(value):
        return "overflow"
    return f"{value:.2g}" if 1e-3 <= abs(value) < 1e4 or value == 0 else f"{value:.1e}"


def initialisation_explorer(X=None, y=None, *, init="normal", std=0.1, activation="relu", hidden=(32,) * 10,
                            seed=0, steps=50, lr=0.05):
    """A deep network's start, six ways: watch the signal and the gradients vanish or explode as the std moves.

    X, y: a fixed batch (default: the first 200 training digits of digits_split()). init: 'zeros', 'constant'
    (every weight = std), 'normal' (std from the slider), 'lecun', 'he' or 'xavier'. std: one of STDS.
    activation: 'relu', 'leaky_relu', 'tanh' or 'sigmoid'. hidden: the hidden layer sizes (ten of 32).
    seed: the starting weights. steps, lr: the loss curve is `steps` steps of gradient descent on the whole
    batch with learning rate lr. Returns an InitialisationExplorer (.controls, .view, .frame, .render()).
    Introduced in 10_first_weights.
    """
    if X is None:
        X_train, _, y_train, _ = digits_split()
        X, y = X_train[:200], y_train[:200]
    X, y = as_array(X, "X"), as_labels(y, "y")
    check_same_length(X, y)
    if X.ndim != 2:
        raise ValueError(f"X should be a batch of flattened images, shape (n, n_pixels), but has shape {X.shape}.")
    hidden = tuple(check_positive_int(n, "each hidden layer size") for n in hidden)
    if len(hidden) < 1:
        raise ValueError("hidden should list at least one hidden layer size.")
    check_choice(init, "init", tuple(v for _, v in INITS))
    check_choice(activation, "activation", ACTIVATION_CHOICES)
    if std not in STDS:
        raise ValueError(f"std should be one of the slider's values {STDS}, but got {std!r}.")
    layer_sizes = [X.shape[1], *hidden, int(y.max()) + 1]
    return InitialisationExplorer(X, y, layer_sizes, init, std, activation, seed,
                                  check_positive_int(steps, "steps"), check_positive_number(lr, "lr"))
