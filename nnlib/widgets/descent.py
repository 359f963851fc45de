"""Gradient descent on a loss landscape: hiking down a mountain in fog. Introduced in 07_backprop.

The landscape is a real one: the loss of the smallest network there is, one neuron with one input,
price = w * area + b, scored by mean squared error on the course's house prices. The area is measured in
hundreds of m2 above or below the average house, so b is the price of an average-sized house and w what
each extra 100 m2 adds (both in thousands). The hike starts at w = b = 0 (every house is free) and repeats
one step: (w, b) -= lr * gradient. Too small a learning rate crawls, a good one walks into the valley,
and one too large overshoots further at every step until it flies off the map.
"""

import numpy as np

from ..experiments import Landscape, descend, house_price_landscape  # noqa: F401 (07 and 11 import them from here)
from ..plots.style import CLASS_COLORS, OKABE_ITO
from ..state.descent import LR_RANGE, MAX_STEPS, Descent, check_hike, verdict  # noqa: F401
from ._live import LiveFigure, ToolkitWidget, View
from .controls import int_slider, log_slider


class DescentView(View):
    """Draws a hike (a Descent state): the landscape from above (contours) with the path, and the loss after each
    step. No widgets needed: draw(hike) updates the artists and returns the hike's numbers."""

    def __init__(self, landscape, max_steps=MAX_STEPS):
        self.landscape = landscape
        self.lowest_w, self.lowest_b, self.lowest = landscape.minimum
        self.live = LiveFigure(780, 330)
        self.ax_map, self.ax_loss = self.live.add_axes([0.12, 0.15, 0.36, 0.74], [0.60, 0.15, 0.38, 0.74])
        W, B, L = landscape.grid
        levels = np.geomspace(self.lowest * 1.05, L.max(), 12)
        self.ax_map.contourf(W, B, np.log10(L), levels=24, cmap="Greys", alpha=0.35)
        self.ax_map.contour(W, B, L, levels=levels, colors="#666666", linewidths=0.6)
        self.ax_map.plot(self.lowest_w, self.lowest_b, marker="*", markersize=14, color=OKABE_ITO[2],
                         markeredgecolor="white", zorder=4)
        self.ax_map.plot(*landscape.start, marker="o", markersize=7, color="#222222", zorder=4)
        self.ax_map.set_xlim(*landscape.w_range)
        self.ax_map.set_ylim(*landscape.b_range)
        self.ax_map.set_xlabel("w: thousands per extra 100 m\u00b2")
        self.ax_map.set_ylabel("b: average-house price")
        self.ax_map.set_title("the loss landscape from above", fontsize=10)
        self.path_line, = self.ax_map.plot([], [], "-o", color=CLASS_COLORS[1], markersize=3.5, linewidth=1.6,
                                           markeredgecolor="#7a4f00", markeredgewidth=0.5, zorder=5)
        self.here, = self.ax_map.plot([], [], "o", color=CLASS_COLORS[1], markersize=9, markeredgecolor="black",
                                      zorder=6)
        start_loss = landscape.loss(*landscape.start)
        self.ax_loss.axhline(self.lowest, color=OKABE_ITO[2], linestyle="--", linewidth=1.2)
        self.ax_loss.text(max_steps, self.lowest * 1.12, f"valley floor {self.lowest:,.0f}", ha="right",
                          va="bottom", fontsize=8, color="#0b5e46")
        self.ax_loss.axhline(start_loss, color="#999999", linestyle=":", linewidth=1.0)
        self.ax_loss.text(max_steps, start_loss * 1.12, "where the hike started", ha="right", va="bottom",
                          fontsize=8, color="#666666")
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_ylim(self.lowest / 1.6, start_loss * 40)
        self.ax_loss.set_xlim(-0.5, max_steps + 0.5)
        self.ax_loss.set_xlabel("step")
        self.ax_loss.set_ylabel("loss (mean squared error)")
        self.ax_loss.set_title("loss after each step (log scale)", fontsize=10)
        for ax in (self.ax_map, self.ax_loss):
            ax.spines[["top", "right"]].set_visible(False)
        self.loss_line, = self.ax_loss.plot([], [], "-o", color=CLASS_COLORS[0], markersize=3, linewidth=1.6)
        self.live.dynamic(self.path_line, self.here, self.loss_line)

    def draw(self, hike):
        """Draw a hike's path and losses. Returns its numbers (Descent.numbers)."""
        path, losses = hike.numbers["path"], hike.numbers["losses"]
        shown = np.clip(path, -1e6, 1e6)  # far-away points still draw as a line leaving the map
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        self.here.set_data(shown[-1:, 0], shown[-1:, 1])
        self.loss_line.set_data(np.arange(len(losses)), np.minimum(losses, 1e15))
        return hike.numbers


def hike_sliders(lr, lr_range, steps, max_steps):
    """The controls of a hike: 'lr' (a log slider over lr_range) and 'steps' (0 to max_steps)."""
    return {"lr": log_slider("lr (step size)", lr, *lr_range, "learning rate: how far each step goes, times the slope"),
            "steps": int_slider("steps", steps, 0, max_steps, "how many steps downhill")}


class DescentExplorer(ToolkitWidget):
    """The widget descent_explorer returns. controls: 'lr' (a log slider) and 'steps'; state_model: the Descent."""

    def __init__(self, view, hike, max_steps):
        super().__init__()
        self.view, self.live, self.state_model = view, view.live, hike
        self.controls = hike_sliders(hike.lr, LR_RANGE, hike.steps, max_steps)
        self._assemble(summary="Gradient descent explorer: house-price loss landscape; learning-rate and steps sliders")


def descent_explorer(lr=0.01, steps=20, *, landscape=None, max_steps=MAX_STEPS):
    """Gradient descent on the house-price loss landscape, with a learning-rate slider (log scale) and steps.

    lr: the starting learning rate (between 0.001 and 2); steps: how many steps to take (0 to max_steps).
    landscape: a Landscape (default: house_price_landscape()). The readout names what the path did (see
    verdict): crawling (too small), on its way down, at the bottom, zig-zagging in, bouncing without settling,
    or diverging (too large).
    Returns a DescentExplorer widget (.controls, .view, .frame, .render()). Introduced in 07_backprop.
    """
    lr, steps, max_steps = check_hike(lr, LR_RANGE, steps, max_steps)
    hike = Descent(landscape, lr, steps)
    return DescentExplorer(DescentView(hike.landscape, max_steps), hike, max_steps)
