"""What every widget is built on: a figure drawn once and re-rendered as a small PNG at each change.

The conventional `interact` pattern builds a new figure for every slider move. Here each widget builds its
figure once on matplotlib's Agg canvas (no pyplot, no ipympl), remembers the still parts (axes, ticks,
labels) as a background, and per frame redraws only the artists that move before encoding a PNG for an
`ipywidgets.Image`. That is what keeps a drag under the time of one screen refresh or two.
"""

import base64
import collections
import contextlib
import html
import io
import re
import struct
import time
import zlib

import ipywidgets as widgets
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from PIL import Image as PILImage

from .controls import IPYWIDGETS_7, column

DPI = 100


class LiveFigure:
    """A matplotlib Figure of width x height pixels that renders fast, frame after frame.

    Register the artists that change with dynamic(); render() then redraws just those over a cached
    background and returns PNG bytes. Call invalidate() after changing something in the background
    (axis limits, tick labels, titles drawn once), and the next render() redraws everything.
    """

    def __init__(self, width, height, dpi=DPI, flat=False):
        self.flat = flat  # mostly flat colour (boxes and text): PNG rows packed without filters, see render()
        self.figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        self._dynamic = []
        self._background = None

    @property
    def size(self):
        """(width, height) in pixels."""
        return self.canvas.get_width_height()

    def add_axes(self, *rects):
        """One axes per rect (left, bottom, width, height, as fractions of the figure), in that order."""
        return [self.figure.add_axes(rect) for rect in rects]

    def dynamic(self, *artists):
        """Mark artists (or lists of them) as the ones that change between frames. Returns the first."""
        for artist in artists:
            for a in (artist if isinstance(artist, (list, tuple)) else [artist]):
                if a is not None and a not in self._dynamic:
                    a.set_animated(True)
                    self._dynamic.append(a)
                    if isinstance(a, AxesImage) and a.axes is not None and a.axes.axison:
                        # an image fills its axes and would hide half of each frame line: redraw those too
                        self.dynamic(*(s for s in a.axes.spines.values() if s.get_visible()))
        return artists[0] if artists else None

    def invalidate(self):
        """The background changed: redraw everything on the next render()."""
        self._background = None

    def set_limits(self, ax, x=None, y=None):
        """Set ax's x and/or y limits, each (low, high); the background is redrawn only if they changed."""
        for limits, now, set_limits in ((x, ax.get_xlim(), ax.set_xlim), (y, ax.get_ylim(), ax.set_ylim)):
            if limits is not None and tuple(limits) != tuple(now):
                set_limits(limits)
                self.invalidate()

    def draw(self):
        """Bring the canvas up to date (background from cache, then every dynamic artist in z order)."""
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in sorted(self._dynamic, key=lambda a: a.get_zorder()):
            if artist.get_visible():
                artist.draw(renderer)

    def render(self):
        """The current frame as PNG bytes."""
        self.draw()
        width, height = self.size
        if self.flat:
            return _png_without_filters(self.canvas.buffer_rgba(), width, height)
        image = PILImage.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="png", compress_level=1)  # level 1: 3x faster, ~5% bigger
        return out.getvalue()

    def pixels(self):
        """The current frame as an (height, width, 3) uint8 array (for tests that check which pixels moved)."""
        import numpy as np

        self.draw()
        return np.asarray(self.canvas.buffer_rgba())[:, :, :3].copy()


def _png_without_filters(rgba, width, height):
    """RGBA pixels as a PNG whose rows carry no filter. Pillow tries five filters on every row, most of a frame's
    time for a picture of flat colour, which packs as small without them: same pixels, about twice as fast."""
    import numpy as np

    rows = np.asarray(rgba)[:, :, :3].reshape(height, 3 * width)
    raw = np.hstack([np.zeros((height, 1), np.uint8), rows]).tobytes()  # each row: filter 0, then RGB

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlacing
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")


def image_widget(live):
    """An ipywidgets.Image shown at the figure's own size (never stretched), shrinking on narrow screens."""
    width, height = live.size
    return widgets.Image(format="png", width=str(width), layout=widgets.Layout(max_width="100%", height="auto"))


def sizes_text(model):
    """An MLP's layer sizes as a widget's summary writes them: '64-32-10'."""
    return "-".join(str(n) for n in model.layer_sizes)


def error_html(error):
    """A readable line for an error inside a widget callback: the widget keeps working and says what happened."""
    return (f"<span style='color:#B2182B'>\u26a0 {html.escape(type(error).__name__)}: "
            f"{html.escape(str(error))}</span>")


class View:
    """The drawing half of a widget: `self.live` (its LiveFigure) and `draw(...)`, which updates the artists and
    returns the frame's numbers as a dict. No controls: a view can draw a state without a browser."""

    live = None

    def render(self):
        """The current frame as PNG bytes."""
        return self.live.render()

    def pixels(self):
        """The current frame as an (height, width, 3) uint8 array."""
        return self.live.pixels()


class ToolkitWidget(widgets.VBox):
    """Base of every course widget: a VBox with a one-line text form and a picture for static viewers.

    Subclasses set `self.view` (a View: draws frames, no widgets needed), `self.live` (its LiveFigure),
    `self.controls` (name -> control) and, when the numbers live in a state model, `self.state_model`; then call
    `_assemble(summary=...)` to build `self.image` (the ipywidgets.Image), `self.readout` (an HTML line of numbers)
    and the layout, and draw the first frame (or set those themselves and call `_setup()` for an unusual layout).
    Every redraw runs the same steps:

        state = self.state()          # the controls' values, or the state model they were handed to
        frame = self._draw(state)     # the view draws it and returns the frame's numbers (default: view.draw)
        self.image.value = self.live.render()
        self.readout.value = self._readout(frame)

    A subclass writes only the hooks that differ (state, _draw, _readout); it never replaces the redraw itself.
    A button changes the model and redraws through `_act(change)`.
    """

    summary = "Course widget"
    state_model = None  # (not `model`: several widgets show their MLP as .model)
    # A widget drawn in the browser names its front end (nnlib/widgets/front/<family>.js) and defines
    # browser_spec(): what the page needs once (data, controls, colours), as JSON. See widgets/browser.py.
    browser_family = None
    browser = None  # the browser view (an anywidget), when the widget is drawn in the browser
    browser_drawn = False  # True once the page has drawn it: the kernel then renders no more PNGs
    screen_reader = None  # a kernel-drawn widget's names for its controls and picture (widgets/names.py)
    _held = False

    def _assemble(self, controls_box=None, *, summary):
        """The usual widget, with its first frame drawn: its picture, a readout line, then the controls (one column
        unless a box is given); every control in self.controls that has a value redraws the picture when it moves.
        summary: the widget's one-line text form."""
        self.summary = summary
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        self._setup([self.image, self.readout, controls_box or column(*self.controls.values())])
        for control in self.controls.values():
            if hasattr(control, "value"):
                control.observe(self.refresh, names="value")
        self._offer_browser_view()
        self.refresh()

    def _offer_browser_view(self):
        """With browser drawing on (widgets.drawing()), put the browser view in front of the kernel-drawn widget;
        the kernel's picture and controls are hidden only once the page has drawn the view."""
        from .browser import browser_view, connect, drawing

        if self.browser_family is None or drawing() != "browser":
            return
        values = {name: control.value for name, control in self.controls.items() if hasattr(control, "value")}
        kernel_parts = list(self.children)
        self.browser = browser_view(self.browser_family, self.browser_spec(), values)
        self.children = (self.browser, *kernel_parts)
        connect(self, self.browser, hide=kernel_parts)

    def browser_spec(self):
        """What the browser view needs once, as JSON (widgets drawn in the browser define it)."""
        raise NotImplementedError(f"{type(self).__name__} is not drawn in the browser")

    @contextlib.contextmanager
    def hold_redraw(self):
        """Change several controls at once and redraw once, at the end."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
            self.refresh()

    def _setup(self, children):
        from .browser import drawing

        if getattr(self, "readout", None) is not None:
            self.readout.add_class("nnlib-readout")  # read out after a change (front/names.js)
        if self.browser_family is None and drawing() == "browser":
            from .names import control_names  # the page names the sliders and icon buttons ipywidgets leaves unnamed

            self.screen_reader = control_names()
            children = [*children, self.screen_reader]
        self.children = tuple(children)
        self.last_error = None
        self.frame = {}
        self.frame_times = collections.deque(maxlen=500)  # seconds per redraw, for checking the speed

    def __repr__(self):
        return self.summary

    def state(self):
        """What to draw: the controls' values (name -> value), or, with a state model, the model after
        `model.set(**values)`. Widgets whose controls do not map one to one onto the state override this."""
        values = {name: control.value for name, control in self.controls.items() if hasattr(control, "value")}
        if self.state_model is None:
            return values
        self.state_model.set(**values)
        return self.state_model

    def _draw(self, state):
        """Draw the state and return the frame's numbers as a dict."""
        return self.view.draw(**state) if isinstance(state, dict) else self.view.draw(state)

    def _readout(self, frame):
        """The HTML line under the picture for this frame: the state model's headline(), if it has one."""
        headline = getattr(self.state_model, "headline", None)
        return headline() if headline else ""

    def _redraw(self):
        frame = self._draw(self.state())
        readout = self._readout(frame)
        if not self.browser_drawn:  # drawn in the page: the kernel keeps the numbers and spends nothing on pixels
            self.image.value = self.live.render()
            if self.screen_reader is not None:
                self.screen_reader.picture = self._picture_text(frame, readout)  # follows the picture
        self.readout.value = readout
        return frame

    def _picture_text(self, frame, readout):
        """What the kernel-drawn picture shows, for a screen reader: the widget's summary and the readout's numbers
        (as plain text). A widget whose readout does not say what the picture shows writes its own."""
        plain = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", readout)).split())
        return re.sub(r" ([.,;:])", r"\1", f"Picture: {self.summary}. {plain}")

    def refresh(self, *_):
        """Redraw from the current state. Errors are shown in the readout, never as a traceback."""
        if self._held:
            return self.frame
        start = time.perf_counter()
        try:
            self.frame = self._redraw()
            self.last_error = None
            self.frame_times.append(time.perf_counter() - start)
        except Exception as error:  # a widget must stay usable whatever a control was set to
            self.last_error = error
            self.readout.value = error_html(error)
        return self.frame

    def _act(self, change, *args):
        """A button's action: apply `change(*args)` to the state (errors shown in the readout), then redraw.
        Returns the frame."""
        try:
            change(*args)
        except Exception as error:  # a widget must stay usable whatever a button did
            self.last_error = error
            self.readout.value = error_html(error)
            return self.frame
        return self.refresh()

    def render(self):
        """The current frame as PNG bytes (what the image shows)."""
        self._catch_up()
        return self.live.render()

    def _catch_up(self):
        """Bring the kernel's picture up to date before it is rendered (a widget whose page draws it may leave the
        kernel's matplotlib view behind: see the training playground)."""

    def _snapshot_b64(self):
        value = getattr(self, "image", None) is not None and self.image.value
        return base64.b64encode(value).decode("ascii") if value else None

    # The display bundle carries a PNG of the current frame as well as the live widget: JupyterLab, Colab
    # and VS Code show the widget; GitHub and nbviewer, which cannot run widgets, show the picture.
    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if data is not None:
            data["text/plain"] = repr(self)  # whole, as ipywidgets 7 shows it (8 cuts it at 110 characters)
            png = self._snapshot_b64()
            if png:
                data["image/png"] = png
        return data

    if IPYWIDGETS_7:
        def _ipython_display_(self, **kwargs):
            data = {"text/plain": repr(self),
                    "application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0,
                                                                 "model_id": self._model_id}}
            png = self._snapshot_b64()
            if png:
                data["image/png"] = png
            display(data, raw=True)
            self._handle_displayed(**kwargs)


class DrawsNumbers:
    """Mixin for a ToolkitWidget whose view draws the state model's numbers() (name -> value), not the model."""

    def state(self):
        """The state model after the controls' values, as its numbers() (which say the shapes)."""
        return super().state().numbers()
