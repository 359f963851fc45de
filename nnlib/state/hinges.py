"""A curve built from hinges, as the hinges widget holds it. Introduced in 05_layers.

    curve = Hinges("bump")            # one hinge to begin with: [(-2.0, 0.5)]
    curve.add()                       # a new hinge (slope 0) where one can help most
    curve.set([(-2.0, 0.5), (-0.2, -0.5)])  # every hinge's (position, slope) at once
    curve.largest_error, curve.worst_x
    curve.headline()

Each hinge is slope * ReLU(x - position), and the curve is their sum: a network with one hidden layer of ReLU
neurons and one plain output. No ipywidgets, no matplotlib: the widget in nnlib.widgets.hinges draws this state.
The maths (hinge_sum, largest_error, TARGETS, GOAL) is nnlib.experiments'.
"""

import numpy as np

from .._validate import check_choice
from ..experiments import GOAL, TARGETS, error_text, hinge_sum, most_useful_position, region

SLOPE_RANGE = (-3.0, 3.0)
STARTS = {"bump": [(-2.0, 0.5)], "sine": [(0.0, 1.0)]}  # one hinge to begin with: a first straight piece


class Hinges:
    """The hinges added so far on a target, at most max_units of them.

    units: [(position, slope), ...] in the order added. add(position=None, slope=0.0), remove(), set(units) (every
    hinge at once), set_target(target) (which starts over from STARTS). numbers: 'units',
    'largest_error', 'worst_x', 'sum' and 'target' (over the region's points), 'error' (|sum - target| there).
    """

    def __init__(self, target="bump", units=None, max_units=8):
        self.max_units = max_units
        self.target = check_choice(target, "target", tuple(TARGETS))
        self.units = [tuple(map(float, unit)) for unit in (STARTS[target] if units is None else units)]
        self._measure()

    @property
    def region(self):
        """(low, high): where the target is measured."""
        return TARGETS[self.target][1:3]

    def _measure(self):
        x, y = region(self.target)
        total = hinge_sum(x, self.units)
        error = np.abs(total - y)
        worst = int(np.argmax(error))
        self.largest_error, self.worst_x = float(error[worst]), float(x[worst])
        self.numbers = {"units": list(self.units), "largest_error": self.largest_error, "worst_x": self.worst_x,
                        "sum": total, "target": y, "error": error}
        return self.numbers

    def add(self, position=None, slope=0.0):
        """Add a hinge: at `position` (default: where a hinge can help most, most_useful_position) with `slope`
        (default 0, so it changes nothing until its slope is moved). Refused (ValueError) when all max_units
        are in use."""
        if len(self.units) >= self.max_units:
            raise ValueError(f"All {self.max_units} hinges are in use: move one, or remove the last.")
        if position is None:
            position = most_useful_position(self.units, self.target)
        low, high = self.region
        self.units.append((float(np.clip(position, low, high)), float(np.clip(slope, *SLOPE_RANGE))))
        return self._measure()

    def remove(self):
        """Remove the last hinge added (nothing happens when there is none)."""
        if self.units:
            self.units.pop()
        return self._measure()

    def set(self, units):
        """Every hinge's (position, slope) at once (as many as there are, or fewer or more, up to max_units)."""
        units = [(float(position), float(slope)) for position, slope in units]
        if len(units) > self.max_units:
            raise ValueError(f"{len(units)} hinges, but at most {self.max_units} can be added.")
        self.units = units
        return self._measure()

    def set_target(self, target):
        """A new target starts over from its first hinge (STARTS)."""
        self.target = check_choice(target, "target", tuple(TARGETS))
        self.units = [tuple(map(float, unit)) for unit in STARTS[target]]
        return self._measure()

    def headline(self):
        """One line: how many hinges and the largest error, against the goal (HTML)."""
        n, error = len(self.units), self.largest_error
        verdict = (f"within {GOAL} everywhere on the region" if error <= GOAL
                   else f"the goal is {GOAL} or less everywhere on the region")
        return (f"<b>{n} hinge{'s' * (n != 1)}</b>: largest error <b>{error_text(error)}</b> at x = {self.worst_x:.2f} "
                f"({verdict})")
