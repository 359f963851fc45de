"""Build any curve from hinges: add ReLU units one by one and bend a line into a sine or a bump.

Each unit is a hinge, slope * ReLU(x - position): flat until x = position, then a straight line. Their sum is a
network with one hidden layer of ReLU neurons and one plain output. The widget draws each hinge, their sum,
the target and the error, so the learner sees why enough hinges can follow any continuous curve on a bounded
region (the universal approximation theorem) and why the error grows outside it. Introduced in 05_layers.
"""

import ipywidgets as widgets
import numpy as np

from .._validate import check_choice, check_positive_int
from ..experiments import GOAL, N_POINTS, TARGETS, hinge_sum, largest_error, region  # noqa: F401
from ..plots.style import CURVE, OKABE_ITO
from ..state.hinges import SLOPE_RANGE, STARTS, Hinges
from ._live import LiveFigure, ToolkitWidget, View, image_widget
from .controls import button, column, dropdown, slider
from .browser import PageValue, control_specs


class HingeView(View):
    """Draws a Hinges state: each hinge, their sum, the target and the error, with matplotlib alone. draw(curve)
    returns its numbers."""

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
        self.x = region(target)[0]  # where the error is measured
        self.x_drawn = np.linspace(low, high, 301)  # where the lines are drawn: straight pieces need few points
        self.target_line.set_data(self.x_drawn, f(self.x_drawn))
        self.target_line.set_label(f"target {label}")
        self.ax.set_xlim(low, high)
        self.ax.set_ylim(-1.6, 1.6) if target == "sine" else self.ax.set_ylim(-0.4, 1.4)
        self.ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.live.invalidate()

    def draw(self, curve):
        if curve.target != self.target:
            self.set_target(curve.target)
        units, frame = curve.units, curve.numbers
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
        self.error_line.set_data(x, np.minimum(np.interp(x, self.x, frame["error"]), 0.5))
        self.worst.set_data([curve.worst_x], [min(curve.largest_error, 0.48)])
        n = len(units)
        self.title.set_text(f"{n} hinge{'s' * (n != 1)}: largest error {curve.largest_error:.3f} at x = "
                            f"{curve.worst_x:.2f}")
        return frame


class HingeBuilder(ToolkitWidget):
    """The widget hinges() returns; state_model: the Hinges.

    controls: 'target', 'add', 'remove', and for unit k = 1..max_units 'position k' and 'slope k' (the sliders of
    units not yet added are hidden). units: the (position, slope) of every unit added. add(), remove(),
    largest_error.
    """

    browser_family = "hinges"  # drawn in the page by front/hinges.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/hinges.js needs once: each target's values on its region (where the error is measured) and
        where the lines are drawn, its first hinges, the panels' places and the kernel picture's colours."""
        view, (width, height) = self.view, self.live.size
        boxes = [[float(v) for v in (b.x0 * width, (1 - b.y1) * height, b.width * width, b.height * height)]
                 for b in (view.ax.get_position(), view.ax_error.get_position())]
        targets = {}
        for name, (f, low, high, label) in TARGETS.items():
            x, y = region(name)
            drawn = np.linspace(low, high, 301)
            targets[name] = {"x": x.tolist(), "y": y.tolist(), "x_drawn": drawn.tolist(), "y_drawn": f(drawn).tolist(),
                             "low": low, "high": high, "ylim": [-1.6, 1.6] if name == "sine" else [-0.4, 1.4],
                             "name": {"bump": "e^(-x²)", "sine": "sin x"}.get(name, label)}
        return {"family": "hinges", "size": [width, height], "targets": targets, "goal": GOAL,
                "max_units": self.max_units, "starts": STARTS, "boxes": boxes,
                "unit_colours": [OKABE_ITO[k % 7 + 1] for k in range(self.max_units)],
                "colours": {"target": CURVE, "sum": OKABE_ITO[0], "error": "#B2182B"},
                "controls": [{**spec, "label": f"{spec['name'].split()[1]}: slope"} if spec["name"].startswith("slope")
                             else spec for spec in control_specs(self.controls, buttons=True, columns={
                                 name: 1 + name.startswith("slope") for name in self.controls
                                 if name.startswith(("position", "slope"))})]}

    def __init__(self, curve):
        super().__init__()
        self.state_model, self.max_units = curve, curve.max_units
        self.view = HingeView(curve.target, curve.max_units)
        self.live = self.view.live
        low, high = curve.region
        self.controls = {"target": dropdown("target", list(TARGETS), curve.target, width="250px"),
                         "add": button("Add a hinge", "add a hinge (slope 0) where one can help most", icon="plus"),
                         "remove": button("Remove the last", "remove the last unit added", icon="minus")}
        self.boxes = []
        for k in range(1, self.max_units + 1):
            position, slope = curve.units[k - 1] if k <= len(curve.units) else (low, 0.0)
            self.controls[f"position {k}"] = slider(f"{k}: position", position, low, high, 0.05, width="300px",
                                                    description_width="80px", tooltip=f"where hinge {k} bends")
            self.controls[f"slope {k}"] = slider("slope", slope, *SLOPE_RANGE, 0.01, width="250px",
                                                 description_width="40px",
                                                 tooltip=f"how steeply hinge {k} rises after its bend")
            self.boxes.append(widgets.HBox([self.controls[f"position {k}"], self.controls[f"slope {k}"]]))
        self.controls["hinges"] = PageValue(len(curve.units), "hinges in use")  # for the page: which rows to show
        self._show_units()
        self.controls["target"].observe(self._new_target, names="value")
        self.controls["add"].on_click(lambda _: self.add())
        self.controls["remove"].on_click(lambda _: self.remove())
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        top = widgets.HBox([self.controls["target"], self.controls["add"], self.controls["remove"]])
        self._setup([self.image, self.readout, top, column(*self.boxes)])
        self._offer_browser_view()
        for k in range(1, self.max_units + 1):
            for name in (f"position {k}", f"slope {k}"):
                self.controls[name].observe(self.refresh, names="value")
        self.summary = f"Hinges: build {curve.target} from ReLU units, {len(curve.units)} to start"
        self.refresh()

    @property
    def target(self):
        return self.state_model.target

    @property
    def units(self):
        """[(position, slope), ...] of the units added, in order."""
        return list(self.state_model.units)

    @property
    def largest_error(self):
        return self.frame.get("largest_error")

    def state(self):
        """The sliders of the hinges added, handed to the state."""
        self.state_model.set([(self.controls[f"position {k}"].value, self.controls[f"slope {k}"].value)
                              for k in range(1, len(self.state_model.units) + 1)])
        return self.state_model

    def _show_units(self):
        """Put the state's hinges on the sliders (without a redraw per slider) and show only theirs."""
        units = self.state_model.units
        for k, box in enumerate(self.boxes, start=1):
            box.layout.display = None if k <= len(units) else "none"
            if k <= len(units):
                for name, value in zip((f"position {k}", f"slope {k}"), units[k - 1]):
                    control = self.controls[name]
                    control.unobserve(self.refresh, names="value")
                    control.value = float(np.clip(value, control.min, control.max))
                    control.observe(self.refresh, names="value")
        self.controls["hinges"].value = len(units)  # last: the page shows the new hinge with its values

    def add(self, position=None, slope=0.0):
        """Add a unit (where a hinge can help most, with slope 0, unless given). Returns the frame."""
        if len(self.state_model.units) >= self.max_units:
            self.readout.value = f"All {self.max_units} hinges are in use: move one, or remove the last."
            return self.frame
        self.state_model.add(position, slope)
        self._show_units()
        return self.refresh()

    def remove(self):
        """Remove the last unit added. Returns the frame."""
        self.state_model.remove()
        self._show_units()
        return self.refresh()

    def _new_target(self, change):
        curve = self.state_model
        curve.set_target(change["new"])  # a new target starts over from its first hinge
        low, high = curve.region
        for k in range(1, self.max_units + 1):
            control = self.controls[f"position {k}"]
            control.unobserve(self.refresh, names="value")
            control.min, control.max = -1e9, 1e9  # widen first, so that setting either bound is always allowed
            control.min, control.max = low, high
            control.observe(self.refresh, names="value")
        self._show_units()
        self.refresh()


def hinges(target="bump", *, units=None, max_units=8):
    """Match a 1-D target on a bounded region with a sum of hinges, slope * ReLU(x - position), one per unit.

    target: 'bump' (e^(-x^2) for x from -3 to 3) or 'sine' (sin x for x from 0 to 2 pi). units: the starting
    (position, slope) pairs (default: one hinge, STARTS[target]). max_units: how many the Add button can add (1 to
    12). The picture: each hinge (dashed, a dot at its bend), their sum, the target, and below the error
    |sum - target| with the 0.05 line. Add a hinge puts a new one, slope 0, where a hinge can help most (see
    nnlib.experiments.most_useful_position).
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
    return HingeBuilder(Hinges(target, units, max_units))
