"""Accessible names for the controls of a kernel-drawn widget: what a screen reader says for each one.

ipywidgets draws a slider's handle and an icon-only button (Play's ▶ ■ ↻) without a name, so a screen reader
announces "slider, 0.5" with nothing to say which slider. A widget drawn in the kernel carries `control_names()`,
an invisible browser module (front/names.js) that names each handle after its slider's visible label and each
icon button after its icon, makes the readout line a polite live region, and gives the picture its text
alternative (`picture`, which the widget updates at every redraw). It draws nothing and changes no behaviour.
Browser-drawn widgets do not need it: their controls are labelled <input>s from the start.
"""

import functools
from pathlib import Path

FRONT = Path(__file__).with_name("front")


@functools.cache
def _control_names_class():
    import anywidget
    import traitlets

    class ControlNames(anywidget.AnyWidget):
        _esm = (FRONT / "names.js").read_text(encoding="utf-8")
        picture = traitlets.Unicode("").tag(sync=True)  # the text alternative of the widget's picture

    return ControlNames


def control_names():
    """The invisible module that names the widget's controls in the page (needs anywidget)."""
    import ipywidgets

    return _control_names_class()(layout=ipywidgets.Layout(width="0px", height="0px", margin="0px"))
