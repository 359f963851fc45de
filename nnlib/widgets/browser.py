"""Drawing in the browser: the picture follows the hand on any link.

A kernel-drawn widget (matplotlib -> PNG -> ipywidgets.Image) needs a round trip to the kernel for every
movement: on Binder, Colab or a hub that is 100 ms or more per frame. A browser-drawn widget sends the data once;
each movement is computed and drawn in the page within the same animation frame, and the values go back to the
kernel, which keeps the state (so `widget.weights`, the readouts, `to_code()` and the exercise checks see what the
learner sees).

    from nnlib import widgets
    widgets.drawing()            # which one is in use: 'browser' or 'kernel'
    widgets.drawing("kernel")    # draw in the kernel from now on (e.g. a front end that cannot load the module)

The default is 'browser' where the course is tested in a real browser (JupyterLab, Notebook), and 'kernel' in
Colab and VS Code, which load widget code their own way. A browser-drawn widget keeps its kernel-drawn picture
too: it is what GitHub and nbviewer show, and it stays on screen, working, if the browser view never loads.

The front ends are small ES modules in nnlib/widgets/front/ (no build step, nothing downloaded): nn.js (what a
neuron computes, the same formulas as nnlib), view.js (labelled controls, the canvas and its text alternative),
draw.js (the drawing the families share: panels, axes, lines, legends, colours, painted images, words), then one
module per widget family.
"""

import os
import sys
from pathlib import Path

import traitlets

FRONT = Path(__file__).with_name("front")
SHARED = ("nn.js", "view.js", "draw.js")
MODES = ("browser", "kernel")
_chosen = {"mode": None}


def _default_mode():
    if "google.colab" in sys.modules:
        return "kernel", "Colab loads widget code through its own manager"
    if any(name in os.environ for name in ("VSCODE_PID", "VSCODE_CWD", "VSCODE_IPC_HOOK_CLI")):
        return "kernel", "VS Code's notebooks are not yet tested with browser-drawn widgets"
    try:
        import anywidget  # noqa: F401
    except ImportError:
        return "kernel", "the anywidget package is not installed"
    return "browser", "JupyterLab and Notebook draw the widgets in the page"


def drawing(mode=None):
    """Where widgets draw their pictures: 'browser' (in the page, instant on any link) or 'kernel' (matplotlib
    PNGs, the fallback). With a mode, choose it for the widgets made from now on; returns the mode in use."""
    if mode is not None:
        if mode not in MODES:
            raise ValueError(f"drawing() takes 'browser' or 'kernel', but got {mode!r}.")
        if mode == "browser" and _default_mode()[1] == "the anywidget package is not installed":
            raise ValueError("Browser drawing needs the anywidget package, which is not installed here. "
                             "Install it (pip install anywidget) or keep drawing('kernel').")
        _chosen["mode"] = mode
    return _chosen["mode"] or _default_mode()[0]


def drawing_reason():
    """One line saying which drawing is in use and why (check_setup() prints it)."""
    if _chosen["mode"]:
        return f"{_chosen['mode']} (chosen with nnlib.widgets.drawing)"
    mode, why = _default_mode()
    return f"{mode} ({why})"


def front_end(family):
    """The ES module of a widget family: the shared files, then the family's own module (which exports render)."""
    return "\n".join((FRONT / name).read_text(encoding="utf-8") for name in (*SHARED, f"{family}.js"))


def browser_view(family, spec, values):
    """A widget drawn in the browser by front/<family>.js: `spec` (JSON: the data, the controls, the colours) is
    sent once; `values` (name -> value) goes both ways. Its `ready` turns True once the page has drawn it."""
    import anywidget
    import traitlets

    class BrowserView(anywidget.AnyWidget):
        _esm = front_end(family)
        spec = traitlets.Dict().tag(sync=True)
        values = traitlets.Dict().tag(sync=True)
        ready = traitlets.Bool(False).tag(sync=True)

    return BrowserView(spec=spec, values=dict(values))


def connect(widget, view, hide):
    """Keep `widget.controls` and the browser `view` in step, both ways, and hide the kernel's picture and controls
    (`hide`: the ipywidgets to hide) once the page has drawn the view. Until then the kernel-drawn widget works
    as before, so a front end that cannot load the module still gets a working widget."""
    names = [name for name in view.values]
    applying = {"from_browser": False, "from_kernel": False}

    def from_browser(change):
        if applying["from_kernel"]:  # the kernel's own values coming back: already drawn
            return
        applying["from_browser"] = True
        try:
            with widget.hold_redraw():
                for name in names:
                    value = change["new"].get(name)
                    if isinstance(value, list) and hasattr(widget.controls[name], "options"):
                        value = tuple(value)  # a menu of tuples (e.g. hidden layer sizes): JSON made them lists
                    if value is not None and widget.controls[name].value != value:
                        widget.controls[name].value = value
        finally:
            applying["from_browser"] = False

    def from_kernel(change):
        if not applying["from_browser"]:
            applying["from_kernel"] = True
            try:
                view.values = {name: widget.controls[name].value for name in names}
            finally:
                applying["from_kernel"] = False

    def drawn(change):
        if change["new"]:
            widget.browser_drawn = True
            for part in hide:
                part.layout.display = "none"

    def pressed(_view, content, _buffers):
        # a button pressed in the page (front/view.js sends {press: name}): the kernel's own button is clicked,
        # so its on_click handlers run as if the learner had clicked it there
        control = widget.controls.get(content.get("press")) if isinstance(content, dict) else None
        if control is not None and hasattr(control, "click"):
            control.click()

    view.on_msg(pressed)
    view.observe(from_browser, names="values")
    view.observe(drawn, names="ready")
    for name in names:
        widget.controls[name].observe(from_kernel, names="value")


def control_specs(controls, columns=None, decimals=None, buttons=False):
    """The browser's controls for ipywidgets controls (name -> slider or dropdown), with the same labels, ranges and
    steps: a list of {name, label, kind, ...}. columns / decimals: name -> column number / digits shown.
    buttons=True: the buttons too ({kind: "button"}); pressing one in the page clicks the kernel's (see connect)."""
    specs = []
    for name, control in controls.items():
        if buttons and not hasattr(control, "value") and hasattr(control, "click"):
            tooltip = getattr(control, "tooltip", None) or getattr(control, "description_tooltip", None) or ""
            specs.append({"name": name, "label": control.description or name, "kind": "button",
                          "tooltip": tooltip, "column": (columns or {}).get(name, 0)})
            continue
        if not hasattr(control, "value"):
            continue
        label = getattr(control, "description", "") or name
        spec = {"name": name, "label": label, "column": (columns or {}).get(name, 0)}
        if hasattr(control, "min") and hasattr(control, "step"):
            spec.update(kind="range", min=control.min, max=control.max, step=control.step,
                        decimals=(decimals or {}).get(name, 2))
        elif hasattr(control, "options"):
            options = control.options
            pairs = [list(o) if isinstance(o, (tuple, list)) else [str(o), o] for o in options]
            spec.update(kind="select", options=[[str(text), value] for text, value in pairs])
        else:
            continue
        specs.append(spec)
    return specs


class PageValue(traitlets.HasTraits):
    """A value the page sets and the kernel keeps that no slider or menu shows (e.g. the 64 pixels of a drawing):
    put one in a widget's controls and connect() syncs its `value` both ways like any control's."""

    value = traitlets.Any()

    def __init__(self, value, description):
        super().__init__(value=value)
        self.description = description


def packed(array):
    """A numeric array as compact JSON for the page, read back exactly by front/view.js's unpack(): values that are
    whole numbers 0..255 once multiplied by a scale (1, 10, 16, 100 or 255: pixels such as the digits' k/16) go as
    base64 bytes (one byte a value instead of about five characters); anything else as a plain list."""
    import base64

    import numpy as np

    values = np.asarray(array, dtype=np.float64)
    for scale in (1, 16, 10, 100, 255):
        whole = np.round(values * scale)
        if values.size and whole.min() >= 0 and whole.max() <= 255 and np.array_equal(whole / scale, values):
            return {"shape": list(values.shape), "scale": scale,
                    "base64": base64.b64encode(whole.astype(np.uint8).tobytes()).decode("ascii")}
    return {"shape": list(values.shape), "values": values.ravel().tolist()}


def colour_table(cmap, n=256):
    """A matplotlib colour map as n rows of [r, g, b] (0-255), for the browser's pictures."""
    return [[int(round(255 * c)) for c in cmap(i / (n - 1))[:3]] for i in range(n)]
