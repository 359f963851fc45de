"""Where the first weights come from: the scale of the start, layer after layer. Introduced in 10_first_weights.

initialisation_explorer: a deep network (ten hidden layers of 32 neurons, by default) on a fixed batch of
digits, started one of six ways (zeros, a constant, a normal distribution with the slider's std, LeCun, He,
Xavier) with a chosen activation. It shows, for that start and before any training: every hidden layer's
activations as a histogram, their typical size (the root mean square) layer by layer, the mean |dL/dW| of
every layer, how many neurons are dead or saturated, and then the loss over 50 steps of gradient descent.
Too small a std and the signal and the gradients fade to nothing (vanishing); too big and they blow up
(exploding).

The numbers of a start are a nnlib.state.initialisation.FirstWeights; this module draws them.
"""

import numpy as np
from matplotlib.ticker import LogLocator, NullLocator

from .._validate import as_array, as_labels, check_choice, check_positive_int, check_positive_number, check_same_length
from ..activations import activation_named
from ..datasets import digits_split
from ..plots.style import NEGATIVE, OKABE_ITO, POSITIVE
from ..state.initialisation import (ACTIVATION_CHOICES, BINS, HISTOGRAM_RANGE, INITS, STDS, FirstWeights,  # noqa: F401
                                    histogram, start_report, starting_network)
from ..network import MLP, _starting_std
from ..state.initialisation import SATURATED
from ._live import LiveFigure, ToolkitWidget, View
from .controls import choice_slider, dropdown
from .browser import control_specs, packed

SIZE_LIMITS = (1e-10, 1e10)      # the axes' fixed ranges; a value beyond is drawn at the edge
GRADIENT_LIMITS = (1e-16, 1e8)
LOSS_TOP = 5.0


class InitialisationView(View):
    """Draws one start (a FirstWeights state): ten histograms, the activation sizes, the gradients and the loss
    curve. draw(start) returns its numbers. No widgets needed."""

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
        fig.text(0.01, 0.94, "each hidden layer's activations on the batch (bar heights relative to the tallest; "
                 "values past the axis in the end bar)", ha="left", va="top", fontsize=8)
        self.hist_title = fig.text(0.01, 0.985, "", ha="left", va="top", fontsize=8.5, fontweight="bold")

        self.ax_size, self.size_line = self._per_layer([0.075, 0.1, 0.25, 0.38], SIZE_LIMITS, n_hidden, None, "o-",
                                                       OKABE_ITO[0], "hidden layer",
                                                       "typical size of its activations\n(root mean square)")
        self.ax_size.axhline(input_rms, color="#777777", linestyle="--", linewidth=0.9)
        self.ax_size.text(n_hidden + 0.4, input_rms * 3, "the pixels", ha="right", va="bottom", fontsize=7,
                          color="#555555")
        self.ax_grad, self.grad_line = self._per_layer([0.415, 0.1, 0.25, 0.38], GRADIENT_LIMITS, n_weight_layers,
                                                       [str(k) for k in range(1, n_weight_layers)] + ["out"], "s-",
                                                       OKABE_ITO[5], "weight layer", "mean |dL/dW| at the start")

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
        self.activation = None
        self.live.dynamic(self.hists, self.counts, self.hist_title, self.size_line, self.grad_line, self.loss_line,
                          self.loss_note)

    def _per_layer(self, rect, limits, n, labels, style, colour, xlabel, title):
        """A chart of one number per layer (1 to n, or labels) on a log scale from limits[0] to limits[1]: its axes
        and its line (drawn at 1 until the first frame)."""
        ax = self.live.figure.add_axes(rect)
        ax.set_yscale("log")
        ax.set_ylim(*limits)
        ax.set_xlim(0.5, n + 0.5)
        ax.set_xticks(np.arange(1, n + 1), labels)
        ax.yaxis.set_major_locator(LogLocator(base=1e4, numticks=12))  # 20 decades: label every fourth
        ax.yaxis.set_minor_locator(NullLocator())
        line, = ax.plot(np.arange(1, n + 1), np.ones(n), style, color=colour, markersize=4)
        self._axes_style(ax, xlabel, title)
        return ax, line

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

    def draw(self, start):
        """Show one start: its histograms, sizes, gradients and loss curve. Returns start.numbers."""
        report, frame = start.report, start.numbers
        if start.activation != self.activation:
            self._set_activation(start.activation)
        low, high = HISTOGRAM_RANGE[start.activation]
        edges = np.linspace(low, high, BINS + 1)
        for patch, counts_text, heights, dead, sat in zip(self.hists, self.counts, report["histograms"],
                                                          report["dead"], report["saturated"]):
            patch.set_data(heights, edges)
            counts_text.set_text(f"{dead} dead" if dead else f"{sat} sat." if sat else "")
        self.hist_title.set_text(start.label)
        self.size_line.set_ydata(np.clip(np.nan_to_num(report["rms"], nan=SIZE_LIMITS[1]), *SIZE_LIMITS))
        self.grad_line.set_ydata(np.clip(np.nan_to_num(report["mean_abs_dW"], nan=GRADIENT_LIMITS[1]),
                                         *GRADIENT_LIMITS))
        losses, blew_up = frame["losses"], frame["blew_up_at"]
        shown = losses if blew_up is None else losses[:blew_up]
        self.loss_line.set_data(np.arange(len(shown)), np.minimum(shown, LOSS_TOP))
        self.loss_note.set_text(f"blew up: not a number\nafter {blew_up} steps" if blew_up is not None else
                                "off the chart: above 5" if np.any(shown > LOSS_TOP) else "")
        return frame


class InitialisationExplorer(ToolkitWidget):
    """The widget initialisation_explorer returns. controls: 'init', 'std' (the normal's std or the constant),
    'activation'; state_model: the FirstWeights (each start's numbers computed once and kept, so going back to a
    setting is instant)."""

    def __init__(self, start):
        super().__init__()
        self.state_model = start
        self.controls = {
            "init": dropdown("starting weights", list(INITS), start.init, width="400px"),
            "std": choice_slider("std", [(f"{s:g}", s) for s in STDS], start.std,
                                 "the normal distribution's std, or the constant every weight starts at"),
            "activation": dropdown("activation", [(activation_named(a).label, a) for a in ACTIVATION_CHOICES],
                                   start.activation, width="400px"),
        }
        sizes = start.layer_sizes
        self.view = InitialisationView(len(sizes) - 2, len(sizes) - 1, start.steps, start.input_rms)
        self.live = self.view.live
        self.controls["init"].observe(self._std_in_use, names="value")
        self._std_in_use()
        hidden = sizes[1:-1]
        self._assemble(summary=f"Initialisation explorer: {len(hidden)} hidden layers of {hidden[0]} neurons, "
                               f"{len(start.X)} digits; starting weights, std and activation; {start.steps}-step "
                               "loss curve")
        if self.browser is not None:  # the spec carries the first start's losses; the page hears of later ones
            self._sent_key = self._losses()["key"]
            self.browser.observe(self._send_losses, names="ready")

    browser_family = "initialisation"  # drawn in the page by front/initialisation.js (see widgets/browser.py)
    _sent_key = None

    def browser_spec(self):
        """The batch and the network's standard-normal starting draws once (a start is a draw times its std), the
        controls, the colours and the losses of the starts trained so far, for the page."""
        start = self.state_model
        sizes = start.layer_sizes
        shapes = list(zip(sizes[:-1], sizes[1:]))
        controls = control_specs(self.controls)
        for spec in controls:
            if spec["name"] == "std":  # a slider over STDS in the page too
                spec.update(kind="range", values=list(STDS), decimals=2)
        return {"family": "initialisation", "size": list(self.live.size), "pixels": packed(start.X),
                "y": [int(v) for v in start.y], "unit": [W.ravel().tolist() for W in MLP(sizes, init=1.0,
                                                                                        seed=start.seed).weights],
                "shapes": shapes, "scales": {init: [float(_starting_std(init, *shape)) for shape in shapes]
                                             for init in ("lecun", "he", "xavier")},
                "init_names": {value: text.split(":")[0] for text, value in INITS},
                "histogram_range": HISTOGRAM_RANGE, "bins": BINS, "saturated": SATURATED, "steps": start.steps,
                "input_rms": start.input_rms, "n_units": sum(sizes[1:-1]),
                "colours": {"positive": POSITIVE, "negative": NEGATIVE, "size": OKABE_ITO[0],
                            "gradient": OKABE_ITO[5], "loss": OKABE_ITO[2]},
                "losses": {"start": self._losses()}, "controls": controls}

    def _losses(self):
        """The current start's losses for the page (nan as None: JSON has no nan), keyed by its setting."""
        start = self.state_model
        key = f"{start.activation}|{start.init}|{'' if start.value is None else format(start.value, 'g')}"
        losses = [float(v) if np.isfinite(v) else None for v in start.numbers["losses"]]
        return {"key": key, "losses": losses, "blew_up_at": start.numbers["blew_up_at"]}

    def _draw(self, state):
        frame = super()._draw(state)
        if self.browser_drawn:  # the page draws everything but the loss curve, which needs training: sent
            self._send_losses()
        return frame

    def _send_losses(self, *_):
        """The current start's losses to the page, once per start. Only once a page has drawn the widget: before,
        a message could find no page to hear it (a start set in code in the cell that makes the widget, or by Run
        All), so the page's first drawing is answered with the losses of the start it shows."""
        sent = self._losses()
        if sent["key"] != self._sent_key:
            self._sent_key = sent["key"]
            self.browser.send({"losses": sent})

    def _std_in_use(self, *_):
        """The std slider counts only for the normal and the constant starts."""
        self.controls["std"].disabled = self.controls["init"].value not in ("constant", "normal")


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
    return InitialisationExplorer(FirstWeights(X, y, layer_sizes, init, std, activation, seed,
                                               check_positive_int(steps, "steps"), check_positive_number(lr, "lr")))
