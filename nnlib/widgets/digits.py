"""Draw a digit: paint an 8x8 image, or start from a real handwritten one, and watch a trained network read it.

Each click feeds the picture through the network: the 64 pixels, each hidden layer's activations, and the
ten output probabilities update at once. Introduced in 06_forward_pass; used again in 08_training_digits.
"""

import functools

import ipywidgets as widgets
import matplotlib
import matplotlib.ticker
import numpy as np

from .._validate import as_array
from ..plots.probabilities import BAR_COLOURS, percent, plot_probabilities
from ..state.digits import SIDE, DigitState, default_digits_model, digits_test_split, real_digit  # noqa: F401
from ._live import LiveFigure, ToolkitWidget, View, error_html, image_widget, sizes_text
from .controls import button, row, set_tooltip
from .browser import PageValue, colour_table, control_specs

BRUSHES = (("ink", 1.0), ("half", 0.5), ("eraser", 0.0))
# Drawn in the page, a stroke is painted on a 32 x 32 grid with a round brush of this radius (in those fine pixels,
# soft at its edge), and each of the 64 pixels is the ink of its 4 x 4 block to the nearest 1/16: how scikit-learn's
# digits were made from 32 x 32 bitmaps. This width makes strokes about as dark as the real digits' (front/digits.js).
BRUSH_RADIUS = 2.5
_HIDDEN_CMAP = "viridis"  # perceptually even and colour-blind safe: dark = quiet, yellow = firing


def _grid_shape(n):
    columns = int(np.ceil(np.sqrt(2 * n)))
    return int(np.ceil(n / columns)), columns


_TILE = 6  # each neuron is a square of _TILE x _TILE image pixels, the last row and column left blank (a gap)


def _as_tiles(values, shape):
    """n neuron outputs laid out on a grid of `shape` squares, row by row, with blank (NaN) gaps between them."""
    rows, columns = shape
    grid = np.full(rows * columns, np.nan)
    grid[:len(values)] = values
    tiles = np.repeat(np.repeat(grid.reshape(shape), _TILE, axis=0), _TILE, axis=1)
    tiles[_TILE - 1::_TILE, :] = np.nan
    tiles[:, _TILE - 1::_TILE] = np.nan
    return tiles


def neuron_grid(fig, rect, n, low=0.0, top=1.0, title="", colorbar_label="output"):
    """One layer's n neuron outputs as a grid of squares, neuron 1 at the top left, rows read left to right, so
    that it reads as n separate numbers and not as a picture: white gaps between the squares, each row labelled
    with the neurons it holds, and a colour scale beside it. rect: (left, bottom, width, height) in figure
    fractions, the colour bar included. Returns (image, shape); image.set_data(_as_tiles(values, shape)) shows
    new values, image.set_clim(low, top) a new scale (the colour bar follows)."""
    left, bottom, width, height = rect
    ax = fig.add_axes([left, bottom, width * 0.84, height])
    cax = fig.add_axes([left + width * 0.89, bottom, width * 0.05, height])
    shape = _grid_shape(n)
    rows, columns = shape
    cmap = matplotlib.colormaps[_HIDDEN_CMAP].with_extremes(bad="white")
    image = ax.imshow(_as_tiles(np.zeros(n), shape), cmap=cmap, vmin=low, vmax=max(top, low + 1e-6),
                      interpolation="nearest", aspect="auto", extent=(-0.5, columns - 0.5, rows - 0.5, -0.5))
    ax.set_xticks([])
    ax.set_yticks(np.arange(rows) - 0.5 / _TILE,
                  [f"{r * columns + 1}-{min((r + 1) * columns, n)}" for r in range(rows)])
    ax.tick_params(axis="y", length=0, labelsize=6, pad=1)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=9)
    bar = fig.colorbar(image, cax=cax)
    bar.locator = matplotlib.ticker.MaxNLocator(3)
    bar.update_ticks()
    bar.ax.tick_params(labelsize=6, length=2, pad=1)
    if colorbar_label:
        bar.ax.set_title(colorbar_label, fontsize=6, pad=2)
    bar.outline.set_visible(False)
    return image, shape


class DigitView(View):
    """Draws what the network sees and does with an 8x8 image: the pixels, each hidden layer's activations (one
    square per neuron) and the ten probabilities. No widgets needed; draw(pixels) returns the numbers."""

    def __init__(self, model):
        self.model = model
        hidden_sizes = model.layer_sizes[1:-1]
        self.live = LiveFigure(620, 270)
        fig = self.live.figure
        ax_in = fig.add_axes([0.01, 0.12, 0.18, 0.7])
        self.input_image = ax_in.imshow(np.zeros((SIDE, SIDE)), cmap="gray_r", vmin=0, vmax=1,
                                        interpolation="nearest")
        ax_in.set_title("what it sees\n(64 pixels)", fontsize=9)
        ax_in.set_xticks([])
        ax_in.set_yticks([])
        # each hidden layer's colour scale is fixed from real digits, so a weak answer looks weak
        X_test, _ = digits_test_split()
        with np.errstate(all="ignore"):
            typical = model.layer_outputs(X_test)[:-1]
        width = 0.28 / max(len(hidden_sizes), 1)
        self.hidden_images, self.shapes = [], []
        for k, (n, acts) in enumerate(zip(hidden_sizes, typical)):
            top = float(np.percentile(acts, 99)) if np.isfinite(acts).all() else 1.0
            low = min(0.0, float(np.percentile(acts, 1))) if np.isfinite(acts).all() else 0.0
            name = "hidden layer" if len(hidden_sizes) == 1 else f"hidden {k + 1}"
            image, shape = neuron_grid(fig, (0.255 + k * width, 0.12, width * 0.95, 0.7), n, low, top,
                                       title=f"{name}: {n} neurons\n(0 = silent)")
            self.hidden_images.append(image)
            self.shapes.append(shape)
        ax_out = fig.add_axes([0.62, 0.14, 0.36, 0.64])
        self.bars = plot_probabilities(np.full(10, 0.1), ax_out, labels=[str(d) for d in range(10)])
        ax_out.set_ylabel("")
        ax_out.tick_params(labelsize=9)
        ax_out.set_title("its answer: 10 probabilities", fontsize=9)
        self.live.dynamic(self.input_image, self.hidden_images, list(self.bars.bars), self.bars.texts)

    def draw(self, state):
        """Feed a DigitState's pixels through its network. Returns its forward(): the pixels, each hidden layer's
        activations, the probabilities (10,) and the top guess."""
        frame = state.forward()
        self.input_image.set_data(frame["pixels"])
        for image, shape, acts in zip(self.hidden_images, self.shapes, frame["hidden"]):
            image.set_data(_as_tiles(acts, shape))
        self.bars.update(frame["probs"])
        return frame


def _ink_color(value):
    level = int(round(255 * (1.0 - float(value))))
    return f"#{level:02x}{level:02x}{level:02x}"


class DrawDigit(ToolkitWidget):
    """The widget draw_digit returns.

    pixel_buttons[r][c] paints row r, column c with the brush; paint(r, c) does the same from code;
    set_pixels(image) shows any (8, 8) image. controls: 'brush', 'clear', 'digit', 'load', and 'pixels' (the 64
    ink values, which the page draws when the widget is drawn in the browser). pixels: the (8, 8) image the
    network reads.
    """

    browser_family = "digits"  # drawn in the page by front/digits.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/digits.js needs once: the network's weights (the page runs the forward pass as the stroke
        goes), each hidden layer's colour scale, and the colours of the kernel's picture, so both pictures agree."""
        view, model = self.view, self.model
        hidden = []
        for image, (rows, columns), n in zip(view.hidden_images, view.shapes, model.layer_sizes[1:-1]):
            low, top = float(image.norm.vmin), float(image.norm.vmax)
            ticks = [float(t) for t in image.colorbar.get_ticks() if low - 1e-9 <= t <= top + 1e-9]
            hidden.append({"n": int(n), "rows": rows, "columns": columns, "low": low, "top": top, "ticks": ticks,
                           "title": image.axes.get_title()})
        shown = {name: self.controls[name] for name in ("brush", "digit", "load", "clear")}
        controls = control_specs(shown, columns={"load": 1, "clear": 1}, buttons=True)
        for control in controls:
            control["labelWidth"] = 70
        return {"family": "digits", "size": list(view.live.size), "side": SIDE, "fine": 4 * SIDE, "pad": 240,
                "brush_radius": BRUSH_RADIUS, "activation": model.activation,
                "layers": [{"W": W.tolist(), "b": b.tolist()} for W, b in zip(model.weights, model.biases)],
                "hidden": hidden, "hidden_lut": colour_table(matplotlib.colormaps[_HIDDEN_CMAP]),
                "bar_colours": dict(BAR_COLOURS), "controls": controls}

    def __init__(self, view, start):
        super().__init__()
        self.view, self.live, self.model = view, view.live, view.model
        self.state_model = DigitState(self.model)
        self.pixel_buttons = []
        for r in range(SIDE):
            cells = []
            for c in range(SIDE):
                cell = widgets.Button(description="", tooltip=f"pixel row {r + 1}, column {c + 1}",
                                      layout=widgets.Layout(width="30px", height="30px", padding="0px",
                                                            margin="0px", border="1px solid #cccccc"))
                cell.on_click(functools.partial(self._clicked, r, c))
                cells.append(cell)
            self.pixel_buttons.append(cells)
        grid = widgets.GridBox([cell for cells in self.pixel_buttons for cell in cells],
                               layout=widgets.Layout(grid_template_columns=f"repeat({SIDE}, 30px)",
                                                     grid_gap="0px", width="242px"))
        self.controls = {
            "brush": widgets.ToggleButtons(options=list(BRUSHES), value=1.0, style={"button_width": "72px"},
                                           tooltips=["brush: full ink", "brush: half ink", "brush: erase"]),
            "clear": button("Clear", "erase every pixel", width="62px"),
            "digit": widgets.Dropdown(options=list(range(10)), value=5 if start is None or not isinstance(
                start, (int, np.integer)) else int(start), description="real digit",
                style={"description_width": "64px"}, layout=widgets.Layout(width="125px")),
            "load": button("Load one", "show a real handwritten example of this digit (again for another)"),
        }
        # the 64 ink values, as the page draws them (browser drawing) and as the kernel paints them
        self.controls["pixels"] = PageValue([0.0] * (SIDE * SIDE), "the 64 pixels, ink from 0 to 1")
        self.controls["pixels"].observe(self._pixels_from_page, names="value")
        set_tooltip(self.controls["brush"], "brush for painting pixels")
        self.controls["clear"].on_click(lambda _: self.set_pixels(np.zeros((SIDE, SIDE))))
        self.controls["load"].on_click(lambda _: self.load_real(self.controls["digit"].value))
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        side = widgets.VBox([grid, self.controls["brush"],
                             widgets.HBox([self.controls["digit"], self.controls["load"], self.controls["clear"]])],
                            layout=widgets.Layout(margin="0px 12px 0px 0px", width="290px"))
        body = row(side, widgets.VBox([self.image, self.readout]), align_items="flex-start")
        self._setup([body])
        self.summary = f"Draw a digit: 8x8 grid, {sizes_text(self.model)} network"
        if isinstance(start, (int, np.integer)):
            self.load_real(int(start))
        else:
            self.set_pixels(np.zeros((SIDE, SIDE)) if start is None else start)
        self._offer_browser_view()

    # ---- painting -----------------------------------------------------------------------------------------
    def _clicked(self, r, c, _button):
        self.paint(r, c)

    @property
    def pixels(self):
        """The (8, 8) image the network reads."""
        return self.state_model.pixels

    def paint(self, r, c, value=None):
        """Set pixel (r, c) to the brush's ink (or to value, 0..1) and redraw."""
        self.state_model.paint(r, c, self.controls["brush"].value if value is None else value)
        return self._show_pixels()

    def _show_pixels(self):
        for r in range(SIDE):
            for c in range(SIDE):
                color = _ink_color(self.pixels[r, c])
                if self.pixel_buttons[r][c].style.button_color != color:
                    self.pixel_buttons[r][c].style.button_color = color
        ink = self.pixels.ravel().tolist()
        if self.controls["pixels"].value != ink:
            self.controls["pixels"].value = ink  # to the page, when drawn there
        return self.refresh()

    def _pixels_from_page(self, change):
        """The page drew: its 64 ink values become the picture (unless they are the ones already shown)."""
        if change["new"] != self.pixels.ravel().tolist():
            try:
                self.set_pixels(change["new"])
            except (TypeError, ValueError) as error:  # the widget stays usable and says what arrived
                self.last_error = error
                self.readout.value = error_html(error)

    def set_pixels(self, image):
        """Show any image: (8, 8) or (64,) values from 0 (paper) to 1 (ink). Returns the frame."""
        self.state_model.set_pixels(image)
        return self._show_pixels()

    def load_real(self, digit):
        """Show a real handwritten test example of digit (0-9); each call for the same digit shows the next one."""
        self.state_model.load_real(digit)
        if self.controls["digit"].value != digit:
            self.controls["digit"].value = digit
        return self._show_pixels()

    def state(self):
        return self.state_model

    def _readout(self, frame):
        guess, probs = frame["guess"], frame["probs"]
        if not frame["pixels"].any():
            return (f"The grid is empty, yet the network still answers <b>{guess}</b> "
                    f"({percent(probs[guess])}): it always picks one of its ten digits.")
        runner_up = int(np.argsort(-probs, kind="stable")[1])  # ties: the smaller digit first, on every CPU
        return (f"The network says <b>{guess}</b> ({percent(probs[guess])}); next best "
                f"{runner_up} ({percent(probs[runner_up])}).")


def draw_digit(model=None, *, start=5):
    """Paint an 8x8 digit (click pixels; ink, half or eraser brush; Clear) or load real handwritten ones, and
    watch a digits network read it: its hidden activations and its ten probabilities update with every click.
    Drawn in the browser (widgets.drawing()), the grid is also drawn on with the mouse, a finger or a pen, the
    network reading the stroke as it goes, and from the keyboard (arrow keys, Space or Enter, Delete).

    model: a trained MLP with 64 inputs and 10 outputs; None trains MLP([64, 32, 10]) on the digits first
    (under a second, about 97% right on the test digits). start: a digit 0-9 to begin from a real example,
    an (8, 8) image of ink values 0..1, or None for an empty grid.
    Returns a DrawDigit widget (.pixel_buttons, .paint(r, c), .set_pixels(img), .load_real(d), .controls,
    .view, .frame, .render()). Introduced in 06_forward_pass.
    """
    if model is None:
        model = default_digits_model()
    sizes = getattr(model, "layer_sizes", None)
    if sizes is None or not hasattr(model, "layer_outputs"):
        raise TypeError(f"model should be an MLP such as MLP([64, 32, 10]) trained on the digits, but got "
                        f"{type(model).__name__}.")
    if sizes[0] != SIDE * SIDE or sizes[-1] != 10:
        raise ValueError(f"draw_digit needs a network with 64 inputs (8x8 pixels) and 10 outputs (digits 0-9), "
                         f"but this one is MLP({list(sizes)}).")
    if start is not None and not isinstance(start, (int, np.integer)):
        start = as_array(start, "start")
    elif isinstance(start, (int, np.integer)) and not 0 <= start <= 9:
        raise ValueError(f"start should be a digit from 0 to 9, an 8x8 image, or None, but got {start!r}.")
    return DrawDigit(DigitView(model), start)


__all__ = ["draw_digit", "DrawDigit", "DigitView", "default_digits_model", "real_digit", "neuron_grid"]
