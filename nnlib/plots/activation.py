"""An activation function with its derivative, and where its gradient vanishes. Introduced in 04_activations.

The derivative matters because backprop multiplies by it: where it is 0 (a dead ReLU) or nearly 0 (a
saturated sigmoid, "the S-curve that goes into a coma") the neuron stops learning. Those stretches are shaded.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Patch

from ..state.activation import (ACTIVATION_NAMES, CURVES, FLAT, STEP, activation_curve,  # noqa: F401
                                activation_values, colour_limits, formula, gradient_zones, output_limits)
from .style import CURVE, DERIVATIVE, axes_or_new

SHADE = {"dead": (0.70, 0.09, 0.17, 0.16), "flat": (0.45, 0.45, 0.45, 0.16), "live": (0.0, 0.0, 0.0, 0.0)}


@dataclass(repr=False)
class ActivationPlot:
    """What plot_activation drew. update(w=, b=) redraws a(w*x + b) for new w and b."""

    ax: object
    curve: object        # Line2D of a = f(w*x + b)
    derivative: object   # Line2D of f'(w*x + b), or None
    shading: object      # AxesImage marking dead (red) and flat (grey) stretches, or None
    marker: object       # Line2D of marked points, or None
    x: np.ndarray
    activation: str
    w: float = 1.0
    b: float = 0.0

    def __repr__(self):
        return f"<ActivationPlot: {self.activation}, w={self.w:g}, b={self.b:g}>"

    def update(self, w=None, b=None, activation=None):
        """Redraw for new w, b and/or activation. Returns (a, slope, zones) over x, each (n,)."""
        if w is not None:
            self.w = float(w)
        if b is not None:
            self.b = float(b)
        if activation is not None:
            self.activation = activation
        a, slope, zones = activation_values(self.activation, self.w * self.x + self.b)
        self.curve.set_ydata(a)
        if self.derivative is not None:
            self.derivative.set_ydata(slope)
        if self.shading is not None:
            self.shading.set_data(np.array([SHADE[zone] for zone in zones])[None, :, :])
        if activation is not None:
            ylim = output_limits(self.activation, self.x[0], self.x[-1])
            self.ax.set_ylim(ylim)
            if self.shading is not None:  # the tint fills the new height too
                self.shading.set_extent((self.x[0], self.x[-1], *ylim))
            legend = self.ax.get_legend()
            if legend is not None:
                legend.get_texts()[0].set_text(formula(self.activation))
        return a, slope, zones


def plot_activation(activation="relu", ax=None, *, x_range=(-5.0, 5.0), w=1.0, b=0.0, derivative=True,
                    shade=True, mark=None, title=True, legend=True):
    """Draw an activation function a = f(z) and its slope f'(z), with z = w*x + b (w=1, b=0: just f(x)).

    activation: 'relu', 'sigmoid', 'tanh', 'leaky_relu', 'linear' or 'step'. x_range: the inputs shown.
    derivative: also draw f' (dashed), the factor backprop multiplies by. shade: tint where the slope is exactly
    0 (red: a dead ReLU learns nothing there) or below 5% of its peak (grey: saturated, vanishing gradient).
    mark: a z value or a list of them to mark on the curve. title: used when legend=False (the legend names the
    function otherwise).
    Returns an ActivationPlot (ax, curve, derivative, shading, marker); update(w=, b=) redraws in place.
    Introduced in 04_activations.
    """
    record = activation_curve(activation)
    f, df = record.function, record.derivative
    x_low, x_high = (float(v) for v in x_range)
    if not x_low < x_high:
        raise ValueError(f"x_range should be (low, high) with low < high, but got {x_range}.")
    ylim = output_limits(activation, x_low, x_high)
    ax = axes_or_new(ax, (4.8, 3.2))
    x = np.linspace(x_low, x_high, 401)
    ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
    ax.axvline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
    curve, = ax.plot(x, f(w * x + b), color=CURVE, linewidth=2.2, label=formula(activation))
    slope_line = None
    if derivative:
        slope_line, = ax.plot(x, df(w * x + b), color=DERIVATIVE, linewidth=1.8, linestyle="--",
                              label="its slope da/dz")
    shading = None
    if shade:
        shading = ax.imshow(np.zeros((1, len(x), 4)), extent=(x_low, x_high, ylim[0], ylim[1]), aspect="auto",
                            origin="lower", interpolation="nearest", zorder=0.5)
    marker = None
    if mark is not None:
        z_marks = np.atleast_1d(np.asarray(mark, dtype=np.float64))
        marker, = ax.plot(z_marks, f(z_marks), "o", color=CURVE, markersize=7, zorder=4)
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(ylim)
    ax.set_xlabel("z" if (w, b) == (1.0, 0.0) else "x   (z = w\u00b7x + b)")
    if legend:  # above the plot, where no curve can hide it
        handles = [curve] + ([slope_line] if slope_line is not None else [])
        if shade:
            handles += [Patch(color=SHADE["dead"], label="slope 0: learns nothing"),
                        Patch(color=SHADE["flat"], label="slope < 5% of peak")]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=8,
                  frameon=False, borderaxespad=0.2, handlelength=1.6)
    elif title:
        ax.set_title(record.label if title is True else title)
    drawn = ActivationPlot(ax, curve, slope_line, shading, marker, x, activation, float(w), float(b))
    if shade:
        drawn.update()
    return drawn


__all__ = ["plot_activation", "ActivationPlot", "activation_curve", "formula", "output_limits", "colour_limits",
           "gradient_zones",
           "ACTIVATION_NAMES", "CURVES", "STEP"]
