"""Build any curve from hinges: add ReLU units one by one and bend a line into a sine or a bump.

Each unit is a hinge, slope * ReLU(x - position): flat until x = position, then a straight line. Their sum is a
network with one hidden layer of ReLU neurons and one plain output. The widget draws each hinge, their sum,
the target and the error, so the learner sees why enough hinges can follow any continuous curve on a bounded
region (the universal approximation theorem) and why the error grows outside it. Introduced in 05_layers.
"""

import numpy as np
import ipywidgets as widgets

from .._validate import check_choice, check_positive_int
from ..plots.style import CURVE, OKABE_ITO
from ._live import LiveFigure, ToolkitWidget, button, column, dropdown, slider

# name -> (function, low, high, label): the target on its region
TARGETS = {
    "bump": (lambda x: np.exp(-x ** 2), -3.0, 3.0, "$e^{-x^2}$"),
    "sine": (np.sin, 0.0, 2 * np.pi, "$\\sin x$"),
}
GOAL = 0.05  # the exercise's tolerance: the largest error allowed anywhere on the region
N_POINTS = 1201  # where the error is measured: evenly spaced over the region, both ends included
SLOPE_RANGE = (-3.0, 3.0)


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


class HingeView:
    """Draws the hinges, their sum, the target and the error with matplotlib alone. draw(units) returns numbers."""

    WIDTH, HEIGHT = 700, 330

    def __init__(self, target, max_units):
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        self.ax = fig.add_axes([0.08, 0.38, 0.9, 0.54])
        self.ax_error = fig.add_axes([0.08, 0.1, 0.9, 0.17], sharex=self.ax)
        colours = [OKABE_ITO[k % 7 + 1] for k in range(max_units)]
        self.target_line, = self.ax.plot([], [], color=CURVE, linewidth=3, label="target")
        self.sum_line, = self.ax.plot([], [], color=OKABE_ITO[0], linewidth=2.2, label="sum of the hinges")
        self.hinge_lines = [self.ax.plot([], [], "--", color=c, linewidth=1.1)[0] for c in colours]
        self.markers = [self.ax.plot([], [], "o", color=c, markersize=5)[0] for c in colours]
        self.ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.ax.axhline(0, color="#999999", linewidth=0.6)
        self.ax.tick_params(labelsize=8)
        self.error_line, = self.ax_error.plot([], [], color="#B2182B", linewidth=1.5)
        self.ax_error.axhline(GOAL, color="#555555", linewidth=0.8, linestyle=":")
        self.ax_error.text(0.005, GOAL, f"goal {GOAL}", transform=self.ax_error.get_yaxis_transform(), fontsize=7,
                           va="bottom", ha="left", color="#555555")
        self.worst, = self.ax_error.plot([], [], "v", color="#B2182B", markersize=6)
        self.ax_error.set_ylim(0, 0.5)
        self.ax_error.set_ylabel("error", fontsize=8)
        self.ax_error.set_xlabel("x", fontsize=8, labelpad=1)
        self.ax_error.tick_params(labelsize=7)
        self.title = self.ax.text(0.0, 1.03, "", transform=self.ax.transAxes, fontsize=10, ha="left", va="bottom")
        self.live.dynamic(self.sum_line, self.hinge_lines, self.markers, self.error_line, self.worst, self.title)
        self.set_target(target)

    def set_target(self, target):
        self.target = target
        f, low, high, label = TARGETS[target]
        self.x, self.y = region(target)  # where the error is measured
        self.x_drawn = np.linspace(low, high, 301)  # where the lines are drawn: straight pieces need few points
        self.target_line.set_data(self.x_drawn, f(self.x_drawn))
        self.target_line.set_label(f"target {label}")
        self.ax.set_xlim(low, high)
        self.ax.set_ylim(-1.6, 1.6) if target == "sine" else self.ax.set_ylim(-0.4, 1.4)
        self.ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.live.invalidate()

    def draw(self, units):
        total = hinge_sum(self.x, units)
        error = np.abs(total - self.y)
        x = self.x_drawn
        for k, (line, marker) in enumerate(zip(self.hinge_lines, self.markers)):
            if k < len(units):
                position, slope = units[k]
                line.set_data(x, slope * np.maximum(0.0, x - position))
                marker.set_data([position], [0.0])
            else:
                line.set_data([], [])
                marker.set_data([], [])
        self.sum_line.set_data(x, hinge_sum(x, units))
        self.error_line.set_data(x, np.minimum(np.interp(x, self.x, error), 0.5))
        worst = int(np.argmax(error))
        self.worst.set_data([self.x[worst]], [min(error[worst], 0.48)])
        n = len(units)
        self.title.set_text(f"{n} hinge{'s' * (n != 1)}: largest error {error[worst]:.3f} at x = {self.x[worst]:.2f}")
        return {"units": list(units), "largest_error": float(error[worst]), "worst_x": float(self.x[worst]),
                "sum": total, "target": self.y}

    def render(self):
        return self.live.render()


class HingeBuilder(ToolkitWidget):
    """The widget hinges() returns.

    controls: 'target', 'add', 'remove', and for unit k = 1..max_units 'position k' and 'slope k' (the sliders of
    units not yet added are hidden). units: the (position, slope) of every unit added. add(), remove(),
    largest_error.
    """

    def __init__(self, target, units, max_units):
        super().__init__()
        self.max_units = max_units
        self.view = HingeView(target, max_units)
        self.live = self.view.live
        self.n_units = len(units)
        _, low, high, _ = TARGETS[target]
        self.controls = {"target": dropdown("target", list(TARGETS), target, width="250px"),
                         "add": button("Add a hinge", "add a ReLU unit where the error is largest", icon="plus"),
                         "remove": button("Remove the last", "remove the last unit added", icon="minus")}
        self.boxes = []
        for k in range(max_units):
            position, slope = units[k] if k < len(units) else (low, 0.0)
            self.controls[f"position {k + 1}"] = slider(f"{k + 1}: position", position, low, high, 0.05,
                                                        width="300px", description_width="80px",
                                                        tooltip=f"where hinge {k + 1} bends")
            self.controls[f"slope {k + 1}"] = slider("slope", slope, *SLOPE_RANGE, 0.01, width="250px",
                                                     description_width="40px",
                                                     tooltip=f"how steeply hinge {k + 1} rises after its bend")
            box = widgets.HBox([self.controls[f"position {k + 1}"], self.controls[f"slope {k + 1}"]])
            box.layout.display = None if k < len(units) else "none"
            self.boxes.append(box)
        self.controls["target"].observe(self._new_target, names="value")
        self.controls["add"].on_click(lambda _: self.add())
        self.controls["remove"].on_click(lambda _: self.remove())
        from ._live import image_widget

        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        top = widgets.HBox([self.controls["target"], self.controls["add"], self.controls["remove"]])
        self._setup([self.image, self.readout, top, column(*self.boxes)])
        for k in range(max_units):
            for name in (f"position {k + 1}", f"slope {k + 1}"):
                self.controls[name].observe(self.refresh, names="value")
        self.summary = f"Hinges: build {target} from ReLU units, {len(units)} to start"
        self.refresh()

    @property
    def target(self):
        return self.controls["target"].value

    @property
    def units(self):
        """[(position, slope), ...] of the units added, in order."""
        return [(self.controls[f"position {k + 1}"].value, self.controls[f"slope {k + 1}"].value)
                for k in range(self.n_units)]

    @property
    def largest_error(self):
        return self.frame.get("largest_error")

    def add(self, position=None, slope=0.0):
        """Add a unit (at the x of the largest error, with slope 0, unless given). Returns the frame."""
        if self.n_units >= self.max_units:
            self.readout.value = f"All {self.max_units} hinges are in use: move one, or remove the last."
            return self.frame
        k = self.n_units
        if position is None:
            position = round(largest_error(self.units, self.target)[1], 2)
        self.n_units += 1
        self.boxes[k].layout.display = None
        control, slope_control = self.controls[f"position {k + 1}"], self.controls[f"slope {k + 1}"]
        for control, value in ((control, position), (slope_control, slope)):
            control.unobserve(self.refresh, names="value")  # one redraw for the new unit, not two
            control.value = float(np.clip(value, control.min, control.max))
            control.observe(self.refresh, names="value")
        return self.refresh()

    def remove(self):
        """Remove the last unit added. Returns the frame."""
        if self.n_units:
            self.n_units -= 1
            self.boxes[self.n_units].layout.display = "none"
        return self.refresh()

    def _new_target(self, change):
        _, low, high, _ = TARGETS[change["new"]]
        for k in range(self.max_units):
            control = self.controls[f"position {k + 1}"]
            control.unobserve(self.refresh, names="value")
            control.min, control.max = -1e9, 1e9  # widen first, so that setting either bound is always allowed
            control.min, control.max = low, high
            control.observe(self.refresh, names="value")
        self.view.set_target(change["new"])
        start = STARTS[change["new"]]  # a new target starts over from its first hinge
        self.n_units = 0
        for box in self.boxes:
            box.layout.display = "none"
        for position, slope in start:
            self.add(position, slope)

    def _redraw(self):
        frame = self.view.draw(self.units)
        self.image.value = self.live.render()
        n, error = len(frame["units"]), frame["largest_error"]
        verdict = (f"within {GOAL} everywhere on the region" if error <= GOAL
                   else f"the goal is {GOAL} or less everywhere on the region")
        self.readout.value = (f"<b>{n} hinge{'s' * (n != 1)}</b>: largest error <b>{error:.3f}</b> at x = "
                              f"{frame['worst_x']:.2f} ({verdict})")
        return frame


STARTS = {"bump": [(-2.0, 0.5)], "sine": [(0.0, 1.0)]}  # one hinge to begin with: a first straight piece


def hinges(target="bump", *, units=None, max_units=8):
    """Match a 1-D target on a bounded region with a sum of hinges, slope * ReLU(x - position), one per unit.

    target: 'bump' (e^(-x^2) for x from -3 to 3) or 'sine' (sin x for x from 0 to 2 pi). units: the starting
    (position, slope) pairs (default: one hinge, STARTS[target]). max_units: how many the Add button can add (1 to 12). The picture: each hinge
    (dashed, a dot at its bend), their sum, the target, and below the error |sum - target| with the 0.05 line.
    Returns a HingeBuilder widget (.units, .add(), .remove(), .largest_error, .controls, .render()).
    Introduced in 05_layers.
    """
    check_choice(target, "target", tuple(TARGETS))
    units = STARTS[target] if units is None else units
    max_units = check_positive_int(max_units, "max_units")
    if max_units > 12:
        raise ValueError(f"max_units should be 12 or fewer (one pair of sliders each), but got {max_units}.")
    try:
        units = [(float(position), float(slope)) for position, slope in units]
    except (TypeError, ValueError):
        raise TypeError("units should be a list of (position, slope) pairs, such as [(-1.0, 0.5), (0.0, -1.0)], "
                        f"but got {units!r}.") from None
    if len(units) > max_units:
        raise ValueError(f"{len(units)} starting units but max_units is {max_units}.")
    return HingeBuilder(target, units, max_units)
