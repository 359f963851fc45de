"""Two explorers for 04_activations: one activation function under w and b, and softmax over a few logits.

activation_explorer shows where a neuron stops learning: a ReLU whose z is always negative is dead (slope 0),
a sigmoid pushed far from 0 saturates (slope nearly 0: the vanishing gradient). softmax_explorer shows that
the probabilities always add up to 1 and that only the differences between logits matter.
"""

import numpy as np

from .._validate import as_array, check_positive_number
from ..activations import softmax
from matplotlib.colors import to_hex

from ..state.activation import CURVES, FLAT, ActivationState, SoftmaxState, formula, output_limits
from ..plots.style import CURVE, DERIVATIVE, NEGATIVE, POSITIVE, nice_limit
from ..plots.activation import SHADE, activation_curve, plot_activation
from ..plots.probabilities import BAR_COLOURS, plot_logits, plot_probabilities
from .browser import control_specs
from ._live import LiveFigure, ToolkitWidget, View
from .controls import check_ranges, column, dropdown, menu_choices, row, slider

EXPLORER_CHOICES = ("relu", "sigmoid", "tanh", "leaky_relu")  # the menu; any name in plots.activation.CURVES works


class ActivationView(View):
    """Draws a(w*x + b) and its slope over x, shading where the slope is 0 or nearly 0. No widgets needed."""

    def __init__(self, activation, x_range):
        self.live = LiveFigure(600, 300)
        ax = self.live.figure.add_axes([0.09, 0.14, 0.88, 0.68])
        self.plot = plot_activation(activation, ax, x_range=x_range)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlabel("x      (z = w\u00b7x + b)", labelpad=1)
        self.activation = activation
        self.live.dynamic(self.plot.curve, self.plot.derivative, self.plot.shading)

    def draw(self, state):
        """Draw an ActivationState: f(w*x + b) and f'(w*x + b). Returns its curve(): x, z, a, slope, zones, and
        the fractions of x where the slope is exactly 0 ('dead') or below 5% of its peak ('flat')."""
        changed = state.activation != self.activation
        self.plot.update(w=state.w, b=state.b, activation=state.activation if changed else None)
        if changed:
            self.activation = state.activation
            self.live.invalidate()
        return state.curve()


class ActivationExplorer(ToolkitWidget):
    """The widget activation_explorer returns. controls: 'activation', 'w', 'b'."""

    browser_family = "activation"  # drawn in the page by front/activation.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/activation.js needs once: the x range, the controls, the limits and colours of the kernel's
        picture."""
        x = self.state_model.x
        return {"family": "activation", "kind": "activation", "size": list(self.live.size),
                "controls": control_specs(self.controls), "x_range": [float(x[0]), float(x[-1])],
                "points": len(x), "flat": FLAT, "formulas": {a: formula(a) for a in CURVES},
                "output_limits": {a: list(output_limits(a, x[0], x[-1])) for a in CURVES},
                "shade": {zone: to_hex(colour, keep_alpha=True) for zone, colour in SHADE.items()},
                "colours": {"curve": CURVE, "derivative": DERIVATIVE}}

    def __init__(self, view, activation, activations, w, b, w_range, b_range):
        super().__init__()
        self.view, self.live = view, view.live
        self.state_model = ActivationState(activation, w, b, x_range=(view.plot.x[0], view.plot.x[-1]))
        self.controls = {
            "activation": dropdown("activation", [(activation_curve(a).label, a) for a in activations],
                                   activation),
            "w": slider("w (weight)", w, *w_range, 0.05, tooltip="weight w: stretches the curve along x"),
            "b": slider("b (bias)", b, *b_range, 0.05, tooltip="bias b: slides the curve left or right"),
        }
        self._assemble(summary=f"Activation explorer: {', '.join(activations)}; w and b sliders")

    def _readout(self, frame):
        return _activation_story(frame)


def _plus(v):
    """'+ 0.30' or '- 8.00': a term added to a formula, with its sign."""
    return f"- {abs(v):.2f}" if v < 0 else f"+ {v:.2f}"


def _activation_story(frame):
    x = frame["x"]
    span = f"x from {x[0]:g} to {x[-1]:g}"
    text = f"<code>z = {frame['w']:.2f}\u00b7x {_plus(frame['b'])}</code>. "
    if frame["all_dead"]:
        return text + (f"<b>Dead</b> for {span}: the slope is 0 everywhere, so no gradient reaches this neuron's "
                       "w and b, and it cannot learn its way back on its own.")
    if frame["activation"] == "leaky_relu" and frame["flat"] > 0:
        return text + (f"A <b>trickle</b> for {100 * frame['flat']:.0f}% of {span}: the slope there is only 0.01, "
                       "small but never 0, so the neuron can still learn its way back.")
    if frame["activation"] == "relu" and frame["dead"] >= 0.75:  # a ReLU does not saturate: it switches off
        return text + (f"<b>Mostly dead</b>: for {100 * frame['dead']:.0f}% of {span} the slope is exactly 0, so "
                       "those inputs pass no gradient back: only the rest can move w and b.")
    if frame["dead"] + frame["flat"] >= 0.75:
        return text + (f"<b>Saturated</b>: for {100 * (frame['dead'] + frame['flat']):.0f}% of {span} the slope "
                       "is (nearly) 0: the vanishing gradient.")
    parts = []
    if frame["dead"] > 0:
        parts.append(f"slope exactly 0 (learns nothing) for {100 * frame['dead']:.0f}% of x")
    if frame["flat"] > 0:
        parts.append(f"slope below 5% of its peak for {100 * frame['flat']:.0f}% of x")
    return text + ("; ".join(parts) + f" ({span})." if parts else f"The slope is healthy for {span}.")


def activation_explorer(activation="relu", *, w=1.0, b=0.0, activations=EXPLORER_CHOICES, x_range=(-5.0, 5.0),
                        w_range=(-5.0, 5.0), b_range=(-10.0, 10.0)):
    """Choose ReLU, sigmoid, tanh or leaky ReLU; drag w and b; see a = f(w*x + b), its slope, and where it dies.

    The plot shades where the slope f'(z) is exactly 0 (red: a dead ReLU) or below 5% of its peak (grey: a
    saturated S-curve, the vanishing gradient); the readout says how much of the x range that is.
    activation: the starting choice; activations: the menu ('relu', 'sigmoid', 'tanh', 'leaky_relu', 'linear',
    'step'). w, b: starting weight and bias. x_range, w_range, b_range: (low, high) of the axis and sliders.
    Returns an ActivationExplorer widget (.controls, .view, .frame, .render()). Introduced in 04_activations.
    """
    activations = menu_choices(activation, activations, activation_curve)
    check_ranges(x_range=x_range, w_range=w_range, b_range=b_range)
    view = ActivationView(activation, x_range)
    return ActivationExplorer(view, activation, activations, float(w), float(b), w_range, b_range)


# ---- softmax ------------------------------------------------------------------------------------------------

class SoftmaxView(View):
    """Draws logits (left) and their softmax probabilities (right) as bars. No widgets needed."""

    def __init__(self, labels, logit_range, show_temperature=False):
        n = len(labels)
        self.live = LiveFigure(max(560, 60 * n + 200) if n > 6 else 600, 270)
        fig = self.live.figure
        self.ax_logits, self.ax_probs = self.live.add_axes([0.07, 0.17, 0.35, 0.66], [0.6, 0.17, 0.38, 0.66])
        self.logits = plot_logits(np.zeros(n), self.ax_logits, labels=labels,
                                  limit=nice_limit(max(abs(logit_range[0]), abs(logit_range[1]))))
        self.ax_logits.set_title("logits z (any number)", fontsize=10)
        self.probs = plot_probabilities(np.full(n, 1.0 / n), self.ax_probs, labels=labels)
        self.ax_probs.set_title("softmax(z / T): probabilities" if show_temperature
                                else "softmax(z): probabilities", fontsize=10)
        self.ax_probs.set_ylabel("")
        self.ax_probs.tick_params(left=False, labelleft=False)  # each bar carries its percentage
        # with a temperature slider the picture says which T it shows: at a tie (or when one logit dominates)
        # the bars barely move with T, and the learner should still see that T changed
        self.middle = fig.text(0.5, 0.5, "softmax\n\u2192", ha="center", va="center", fontsize=10,
                               color="#333333")
        self.show_temperature = show_temperature
        self.live.dynamic(self.logits.bars, self.logits.texts, list(self.probs.bars), self.probs.texts,
                          self.middle if show_temperature else None)

    def draw(self, logits, temperature=1.0):
        """Draw the logits (n,) and softmax(logits / temperature). Returns {'logits', 'probs', 'top'}."""
        z = np.asarray(logits, dtype=np.float64)
        probs = softmax(z / temperature)
        self.logits.update(z)
        top = self.probs.update(probs)
        if self.show_temperature:
            self.middle.set_text(f"divide by\nT = {temperature:.2f},\nthen softmax\n\u2192")
        return {"logits": z, "probs": probs, "top": top, "temperature": temperature}


class SoftmaxExplorer(ToolkitWidget):
    """The widget softmax_explorer returns. controls: 'z1', 'z2', ... (and 'T' with a temperature)."""

    browser_family = "activation"  # drawn in the page by front/activation.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/activation.js needs once: the labels, the controls and the kernel picture's colours."""
        return {"family": "activation", "kind": "softmax", "size": list(self.live.size),
                "controls": control_specs(self.controls, columns={name: 1 for name in self.controls
                                                                  if name == "T"},
                                          decimals={name: 1 for name in self.controls if name != "T"}),
                "labels": list(self.labels), "show_temperature": "T" in self.controls,
                "logit_limit": float(self.view.logits.ax.get_ylim()[1]),
                "colours": {"positive": POSITIVE, "negative": NEGATIVE, "top": BAR_COLOURS["top"],
                            "bar": BAR_COLOURS["bar"]}}

    def __init__(self, view, logits, labels, logit_range, temperature):
        super().__init__()
        self.view, self.live, self.labels = view, view.live, labels
        self.state_model = SoftmaxState(logits, labels, 1.0 if temperature is None else temperature)
        self.controls = {f"z{k}": slider(f"z{k} ({label})", v, *logit_range, 0.05, readout_format=".1f",
                                         tooltip=f"logit for {label}")
                         for k, (label, v) in enumerate(zip(labels, logits), start=1)}
        if temperature is not None:
            self.controls["T"] = slider("T (temperature)", temperature, 0.1, 5.0, 0.05,
                                        tooltip="temperature: softmax(z / T); small T sharpens, large T flattens")
        sliders = list(self.controls.values())
        half = (len(sliders) + 1) // 2 if len(sliders) > 5 else len(sliders)
        self._assemble(row(column(*sliders[:half]), column(*sliders[half:])),
                       summary=f"Softmax explorer: {len(labels)} logits"
                               + (", temperature" if temperature is not None else ""))

    def _draw(self, state):
        return self.view.draw(state.logits, state.temperature)

    def _readout(self, frame):
        probs = frame["probs"]
        shown = " + ".join(f"{p:.2f}" for p in probs)
        power = "z/T" if "T" in self.controls else "z"
        return (f"<code>p = e<sup>{power}</sup> / \u03a3 e<sup>{power}</sup>: {shown} = <b>{probs.sum():.2f}</b>"
                f"</code> &nbsp; {_verdict(probs, *self.state_model.verdict())}")


def _verdict(probs, top, tied):
    """'most likely: 3 (66%)', or 'a tie: 5 and 8 (50% each)' when several classes share the top."""
    if len(tied) > 1:
        names = ", ".join(tied[:-1]) + " and " + tied[-1]
        return f"a tie: <b>{names}</b> ({100 * probs[top]:.0f}% each)"
    return f"most likely: <b>{tied[0]}</b> ({100 * probs[top]:.0f}%)"


def softmax_explorer(logits=(2.0, 1.0, 0.1), *, labels=None, logit_range=(-5.0, 5.0), temperature=None):
    """A slider per logit; the softmax probabilities update live and always add up to 1.

    logits: the starting scores (n,), 2 to 10 of them; labels: the class names (default 'class 1', ...).
    logit_range: (low, high) of each slider. temperature: a number adds a slider for T in softmax(z / T)
    (the calibration caveat: the same ranking, more or less confident).
    Returns a SoftmaxExplorer widget (.controls, .view, .frame, .render()). Introduced in 04_activations.
    """
    logits = as_array(logits, "logits", ndim=1)
    if not 2 <= len(logits) <= 10:
        raise ValueError(f"softmax_explorer shows 2 to 10 logits, but got {len(logits)}.")
    labels = [f"class {k}" for k in range(1, len(logits) + 1)] if labels is None else [str(v) for v in labels]
    if len(labels) != len(logits):
        raise ValueError(f"labels has {len(labels)} names but there are {len(logits)} logits.")
    check_ranges(logit_range=logit_range)
    if temperature is not None:
        temperature = check_positive_number(temperature, "temperature")
    view = SoftmaxView(labels, logit_range, show_temperature=temperature is not None)
    return SoftmaxExplorer(view, logits, labels, logit_range, temperature)
