"""The controls a course widget is built from: labelled sliders, menus and buttons, and the boxes that lay them out.

Each control carries a tooltip (the hover text screen readers read) and keeps its label in a fixed width, so the
controls of one widget line up.
"""

import math

import ipywidgets as widgets

IPYWIDGETS_7 = int(widgets.__version__.split(".")[0]) < 8
DESCRIPTION_WIDTH = "120px"


def slider(description, value, low, high, step, *, readout_format=".2f", width="330px", tooltip=None,
           description_width=DESCRIPTION_WIDTH):
    """A labelled FloatSlider; the range widens to include `value` so a starting value is never clipped."""
    value = float(value)
    low, high = min(float(low), value), max(float(high), value)
    control = widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                                  continuous_update=True, readout_format=readout_format,
                                  style={"description_width": description_width},
                                  layout=widgets.Layout(width=width))
    set_tooltip(control, tooltip or description)
    return control


def _labelled(control, tooltip, width, description_width=DESCRIPTION_WIDTH):
    control.continuous_update = True
    control.style = {"description_width": description_width}
    control.layout = widgets.Layout(width=width)
    set_tooltip(control, tooltip)
    return control


def int_slider(description, value, low, high, tooltip, width="400px"):
    """A labelled IntSlider from low to high."""
    return _labelled(widgets.IntSlider(value=value, min=low, max=high, description=description), tooltip, width)


def log_slider(description, value, low, high, tooltip, width="400px", readout_format=".3f"):
    """A labelled slider from low to high on a log scale (steps of 0.01 in log10)."""
    return _labelled(widgets.FloatLogSlider(value=value, base=10, min=math.log10(low), max=math.log10(high),
                                            step=0.01, description=description, readout_format=readout_format),
                     tooltip, width)


def choice_slider(description, options, value, tooltip, width="400px"):
    """A labelled SelectionSlider over options (values, or (label, value) pairs)."""
    return _labelled(widgets.SelectionSlider(options=options, value=value, description=description), tooltip, width)


def label_width(labels, low=60, high=190):
    """A description width in pixels that shows the longest label whole (about 7 px a character)."""
    return f"{min(high, max(low, 7 * max(len(label) for label in labels) + 8))}px"


def dropdown(description, options, value, *, width="330px"):
    control = widgets.Dropdown(options=options, value=value, description=description,
                               style={"description_width": DESCRIPTION_WIDTH}, layout=widgets.Layout(width=width))
    set_tooltip(control, description)
    return control


def button(description, tooltip, icon="", width="auto"):
    return widgets.Button(description=description, tooltip=tooltip, icon=icon, layout=widgets.Layout(width=width))


def set_tooltip(control, text):
    # ipywidgets 8 calls it `tooltip`; 7.x `description_tooltip`. Both become the hover text screen readers read.
    name = "description_tooltip" if IPYWIDGETS_7 else "tooltip"
    if hasattr(control, name):
        setattr(control, name, text)


def column(*children, width=None):
    return widgets.VBox(list(children), layout=widgets.Layout(width=width) if width else widgets.Layout())


def row(*children, **layout):
    """Boxes side by side that wrap onto the next line on a narrow screen; layout: more Layout settings."""
    return widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", **layout))


def menu_choices(activation, activations, check):
    """The names a widget's activation menu offers: activations (or only the starting one), each passed to check
    (which raises a clear error for an unknown name), with the starting activation first if it was left out."""
    activations = tuple(activations or (activation,))
    for name in activations + (activation,):
        check(name)
    return activations if activation in activations else (activation,) + activations


def check_ranges(**ranges):
    """Raise a ValueError naming the first slider range that is not (low, high) with low < high."""
    for label, pair in ranges.items():
        if len(pair) != 2 or not pair[0] < pair[1]:
            raise ValueError(f"{label} should be (low, high) with low < high, but got {pair!r}.")
