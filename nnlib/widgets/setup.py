"""The moving dot that `nnlib.check_setup()` shows: proof that widgets and the kernel behind them work.

A Play control moves a slider on its own; the kernel redraws the picture at each step. If the dot moves, the
browser shows widgets and talks to the kernel. A saved notebook shows only the line of text below, never a
picture, so nothing can look fine when it is not.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Circle

from ._live import LiveFigure, ToolkitWidget, image_widget
from .controls import set_tooltip

STEPS = 24
NOT_LIVE = "No moving dot above this line? Widgets are not working: restart the kernel and run all cells."


class MovingDot(ToolkitWidget):
    """A dot going round a circle, one step per tick of a Play control (or per drag of its slider)."""

    summary = NOT_LIVE

    def __init__(self):
        super().__init__()
        self.live = LiveFigure(160, 160)
        ax = self.live.figure.add_axes([0, 0, 1, 1])
        ax.set(xlim=(-1.3, 1.3), ylim=(-1.3, 1.3), aspect="equal")
        ax.axis("off")
        ax.add_patch(Circle((0, 0), 1.0, fill=False, color="#BBBBBB", lw=2))
        (self._dot,) = ax.plot([1.0], [0.0], "o", ms=18, color="#0072B2")
        self.live.dynamic(self._dot)
        step = widgets.IntSlider(value=0, min=0, max=STEPS - 1, description="step", continuous_update=True)
        play = widgets.Play(value=0, min=0, max=STEPS - 1, interval=150, description="play")
        set_tooltip(play, "Moves the dot on its own")
        widgets.jslink((play, "value"), (step, "value"))
        self.controls = {"step": step, "play": play}
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        self._setup([self.image, self.readout, widgets.HBox([play, step])])
        step.observe(self.refresh, names="value")
        self.refresh()

    def state(self):
        return {"step": self.controls["step"].value}

    def _draw(self, state):
        angle = 2 * np.pi * state["step"] / STEPS
        self._dot.set_data([np.cos(angle)], [np.sin(angle)])
        return {"step": state["step"], "angle": angle}

    def _readout(self, frame):
        return (f"Press ▶ (or drag the slider): the dot should go round. Step {frame['step']} of {STEPS}: "
                "if it moves, your widgets work.")

    def _picture_text(self, frame, readout):
        return f"A blue dot on a grey circle, at step {frame['step']} of {STEPS} of its way round."

    def _snapshot_b64(self):
        return None  # never a saved picture: only a live widget may show a dot


def moving_dot():
    """The setup check's widget: a dot that a Play control moves round a circle."""
    return MovingDot()
