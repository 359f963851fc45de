"""Gradient descent on a loss landscape: hiking down a mountain in fog. Introduced in 07_backprop.

The landscape is a real one: the loss of the smallest network there is, one neuron with one input,
price = w * area + b, scored by mean squared error on the course's house prices. The area is measured in
hundreds of m2 above or below the average house, so b is the price of an average-sized house and w what
each extra 100 m2 adds (both in thousands). The hike starts at w = b = 0 (every house is free) and repeats
one step: (w, b) -= lr * gradient. Too small a learning rate crawls, a good one walks into the valley,
and one too large overshoots further at every step until it flies off the map.
"""

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .._validate import check_positive_int, check_positive_number
from ..datasets import load_house_prices
from ..plots.style import CLASS_COLORS, OKABE_ITO
from ._live import DESCRIPTION_WIDTH, LiveFigure, ToolkitWidget, set_tooltip

MAX_STEPS = 60
LR_RANGE = (0.001, 2.0)
_FLEW_OFF = 1e12  # a loss this big means the hike has left the landscape for good: stop computing




@dataclass(frozen=True)
class Landscape:
    """The loss of price = w * x + b over (w, b), with its gradient. x, y: (n,) inputs and targets."""

    x: np.ndarray
    y: np.ndarray
    w_range: tuple = (-100.0, 450.0)
    b_range: tuple = (-100.0, 600.0)
    start: tuple = (0.0, 0.0)

    def loss(self, w, b):
        """Mean squared error at (w, b); w and b may be arrays of the same shape (a grid)."""
        w, b = np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64)
        error = w[..., None] * self.x + b[..., None] - self.y
        return np.mean(error ** 2, axis=-1)

    def gradient(self, w, b):
        """(dL/dw, dL/db) at one point: 2 * mean(error * x), 2 * mean(error)."""
        error = w * self.x + b - self.y
        return 2.0 * float(np.mean(error * self.x)), 2.0 * float(np.mean(error))

    @property
    def minimum(self):
        """(w, b, loss) at the bottom of the valley (least squares: the best any hike can do)."""
        A = np.column_stack([self.x, np.ones_like(self.x)])
        (w, b), *_ = np.linalg.lstsq(A, self.y, rcond=None)
        return float(w), float(b), float(self.loss(w, b))


def house_price_landscape():
    """The house-price landscape: x = (area - average area) / 100 m2, y = price in thousands."""
    houses = load_house_prices()
    area = houses.X[:, 0]
    return Landscape(x=(area - area.mean()) / 100.0, y=houses.y.astype(np.float64))


def descend(landscape, lr, steps, start=None):
    """Walk downhill: `steps` updates (w, b) -= lr * gradient from `start` (default: the landscape's).

    Returns a dict: 'path' (k + 1, 2) of the points visited, 'losses' (k + 1,), and 'flew_off' (True when the
    loss passed 1e12 and the walk was stopped early, so k < steps).
    """
    lr = check_positive_number(lr, "lr (the learning rate)")
    steps = check_positive_int(steps, "steps", allow_zero=True)
    point = np.array(landscape.start if start is None else start, dtype=np.float64)
    path, losses = [point.copy()], [float(landscape.loss(*point))]
    flew_off = False
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            point = point - lr * np.array(landscape.gradient(*point))
            loss = float(landscape.loss(*point))
            path.append(point.copy())
            losses.append(loss)
            if not np.isfinite(loss) or loss > _FLEW_OFF:
                flew_off = True
                break
    return {"path": np.array(path), "losses": np.array(losses), "flew_off": flew_off}


def _zig_zags(path):
    """True when most steps reverse the direction of the step before (the path crosses the valley and back)."""
    moves = np.diff(path, axis=0)
    reversals = np.sum(moves[1:] * moves[:-1], axis=1) < 0
    return bool(len(reversals)) and float(np.mean(reversals)) > 0.5


def _settling(losses, lowest):
    """How the height above the valley floor changed over the last stretch of the hike: its value at the end
    divided by its value an even number of steps earlier (a bounce lands on the same side every 2 steps).
    Below 1 the hike is getting down, about 1 it lands as high every time, above 1 it climbs."""
    excess = np.maximum(np.asarray(losses, dtype=np.float64) - lowest, 1e-12)
    n = len(excess) - 1
    span = min(2 * max(1, n // 4), n - n % 2)
    return float(excess[-1] / excess[-1 - span]) if span else float(excess[-1] / excess[0])


# the height above the floor may change by this much over the last stretch and still count as "not settling"
_BOUNCE_TOLERANCE = 0.05


def verdict(path, losses, lowest):
    """Name what the hike did, from the path itself.

    'standing still' (no steps), 'one step' (too early to say), 'diverging' (it ends higher than it started,
    or each bounce lands higher than the one before), 'bouncing' (it jumps across the valley and lands as high every time: it never
    settles), 'at the bottom' (it reached the floor, zig-zagging or not), 'zig-zagging in' (it crosses the
    valley at each step, a little lower each time), 'crawling' (under half way down) or 'on its way down'.
    path: (k + 1, 2) points, losses: (k + 1,), lowest: the valley floor's loss.
    """
    start, end = losses[0], losses[-1]
    if not np.isfinite(end) or end > start:
        return "diverging"
    if len(losses) < 2:
        return "standing still"
    if len(losses) == 2:
        return "one step"
    zig_zags = _zig_zags(path)
    settling = _settling(losses, lowest)
    if zig_zags and settling > 1 + _BOUNCE_TOLERANCE:
        return "diverging"
    progress = (start - end) / max(start - lowest, 1e-12)
    if progress >= 0.999:
        return "at the bottom"
    if zig_zags and settling >= 1 - _BOUNCE_TOLERANCE:
        return "bouncing"
    if zig_zags:
        return "zig-zagging in"
    if progress < 0.5:
        return "crawling"
    return "on its way down"


_STORY = {
    "diverging": "each step overshoots the valley and lands higher up the other side than the step before; "
                 "the learning rate is too large",
    "bouncing": "it jumps across the valley and back, landing as high up every time, so it never settles: "
                "this learning rate sits right at the edge, and a slightly smaller one would zig-zag in",
    "at the bottom": "it found the valley floor, so this learning rate works",
    "zig-zagging in": "it jumps from one side of the valley to the other, a little lower each time: it is "
                      "getting down, but slowly; a smaller learning rate would be smoother",
    "crawling": "tiny careful steps, and most of the hill is still ahead; the learning rate is too small",
    "on its way down": "it is heading for the valley floor; give it more steps",
    "standing still": "no steps yet",
    "one step": "one step is too few to tell how this stride behaves; add more steps",
}


class DescentView:
    """Draws the hike: the landscape from above (contours) with the path, and the loss after each step.

    No widgets needed: draw(lr, steps) updates the artists and returns the frame's numbers.
    """

    def __init__(self, landscape, max_steps=MAX_STEPS):
        self.landscape = landscape
        self.lowest_w, self.lowest_b, self.lowest = landscape.minimum
        self.live = LiveFigure(780, 330)
        fig = self.live.figure
        self.ax_map = fig.add_axes([0.12, 0.15, 0.36, 0.74])
        self.ax_loss = fig.add_axes([0.60, 0.15, 0.38, 0.74])
        w = np.linspace(*landscape.w_range, 121)
        b = np.linspace(*landscape.b_range, 121)
        W, B = np.meshgrid(w, b)
        L = landscape.loss(W, B)
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
        start_loss = float(landscape.loss(*landscape.start))
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

    def draw(self, lr, steps):
        """Walk `steps` steps of size lr and draw them. Returns the frame's numbers: 'path', 'losses',
        'flew_off', 'lr', 'steps', 'lowest' and 'verdict'."""
        frame = descend(self.landscape, lr, steps)
        path, losses = frame["path"], frame["losses"]
        shown = np.clip(path, -1e6, 1e6)  # far-away points still draw as a line leaving the map
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        self.here.set_data(shown[-1:, 0], shown[-1:, 1])
        self.loss_line.set_data(np.arange(len(losses)), np.minimum(losses, 1e15))
        frame.update(lr=float(lr), steps=int(steps), lowest=self.lowest,
                     verdict=verdict(path, losses, self.lowest), zig_zags=_zig_zags(path))
        return frame

    def render(self):
        return self.live.render()


def describe(frame):
    """One line for a frame: the learning rate, the loss before and after, and what the hike did."""
    losses = frame["losses"]
    end = "off the map" if frame["flew_off"] else f"{losses[-1]:,.0f}"
    taken = len(losses) - 1
    steps = f"{taken} steps" if taken == frame["steps"] else f"{taken} of {frame['steps']} steps"
    story = _STORY[frame["verdict"]]
    if frame["verdict"] == "at the bottom" and frame.get("zig_zags"):
        story = "it zig-zagged across the valley, a little lower each time, and reached the floor"
    return (f"lr = {frame['lr']:.3f}, {steps}: loss {losses[0]:,.0f} \u2192 {end} "
            f"(valley floor {frame['lowest']:,.0f}). <b>{frame['verdict'].capitalize()}</b>: {story}.")


class DescentExplorer(ToolkitWidget):
    """The widget descent_explorer returns. controls: 'lr' (a log slider) and 'steps'."""

    def __init__(self, view, lr, steps, max_steps):
        super().__init__()
        self.view, self.live = view, view.live
        lr_control = widgets.FloatLogSlider(value=lr, base=10, min=np.log10(LR_RANGE[0]), max=np.log10(LR_RANGE[1]),
                                            step=0.01, description="lr (step size)", readout_format=".3f",
                                            continuous_update=True, style={"description_width": DESCRIPTION_WIDTH},
                                            layout=widgets.Layout(width="400px"))
        set_tooltip(lr_control, "learning rate: how far each step goes, times the slope")
        steps_control = widgets.IntSlider(value=steps, min=0, max=max_steps, description="steps",
                                          continuous_update=True, style={"description_width": DESCRIPTION_WIDTH},
                                          layout=widgets.Layout(width="400px"))
        set_tooltip(steps_control, "how many steps downhill")
        self.controls = {"lr": lr_control, "steps": steps_control}
        self._assemble()
        self.summary = "Gradient descent explorer: house-price loss landscape; learning-rate and steps sliders"
        self.refresh()

    def state(self):
        return {"lr": float(self.controls["lr"].value), "steps": int(self.controls["steps"].value)}

    def _redraw(self):
        frame = self.view.draw(**self.state())
        self.image.value = self.live.render()
        self.readout.value = describe(frame)
        return frame


def descent_explorer(lr=0.01, steps=20, *, landscape=None, max_steps=MAX_STEPS):
    """Gradient descent on the house-price loss landscape, with a learning-rate slider (log scale) and steps.

    lr: the starting learning rate (between 0.001 and 2); steps: how many steps to take (0 to max_steps).
    landscape: a Landscape (default: house_price_landscape()). The readout names what the path did (see
    verdict): crawling (too small), on its way down, at the bottom, zig-zagging in, bouncing without settling,
    or diverging (too large).
    Returns a DescentExplorer widget (.controls, .view, .frame, .render()). Introduced in 07_backprop.
    """
    lr = check_positive_number(lr, "lr (the learning rate)")
    if not LR_RANGE[0] <= lr <= LR_RANGE[1]:
        raise ValueError(f"lr should be between {LR_RANGE[0]} and {LR_RANGE[1]}, but got {lr}.")
    max_steps = check_positive_int(max_steps, "max_steps")
    steps = check_positive_int(steps, "steps", allow_zero=True)
    if steps > max_steps:
        raise ValueError(f"steps should be at most max_steps ({max_steps}), but got {steps}.")
    view = DescentView(landscape or house_price_landscape(), max_steps)
    return DescentExplorer(view, lr, steps, max_steps)
