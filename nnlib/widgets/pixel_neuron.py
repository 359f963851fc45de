"""The pixel neuron explorer: one neuron looking at a handwritten digit, its weights painted as a picture.

Introduced in 01_neuron: a neuron over the 64 pixels of an 8x8 digit multiplies each pixel by its weight and
adds the 64 products. Here you turn a few knobs that set whole groups of weights at once (the top row where a
5's bar sits, the gap below it), pick a digit, and see the pixels, the weights, their products and the sum z,
and which digits score high on average. Dashed outlines keep the averages the knobs started with, so a change
shows as the gap between a bar and its outline.
"""

import matplotlib
import numpy as np
import ipywidgets as widgets

from .._validate import as_array, as_labels, check_same_length
from ..state.pixel_neuron import PixelNeuronState, class_means, pixel_neuron_weights  # noqa: F401
from ..plots.style import CURVE, NEGATIVE, POSITIVE, WEIGHT_CMAP, nice_limit
from ._live import DrawsNumbers, LiveFigure, ToolkitWidget, View, image_widget
from .controls import check_ranges, column, dropdown, row, slider
from .browser import colour_table, control_specs, packed


class PixelNeuronView(View):
    """Draws the explorer's picture with matplotlib alone, so it can be tested without widgets.

    Four panels: the input image (ink from white to black), the weights (blue positive, red negative), the
    products pixel x weight (same colours; they add up to z), and the average z for each digit class with
    the current image's z marked, and, given reference weights, each class's average under those weights as a
    dashed outline (a ghost of where the bars were). draw(weights, index, reference=None) returns the numbers.
    """

    def __init__(self, images, labels):
        self.images, self.labels = images, labels
        self.classes = np.unique(labels)
        h, w = images.shape[1:]
        self.live = LiveFigure(800, 270)
        fig = self.live.figure
        panels = [fig.add_axes([0.012 + 0.215 * i, 0.16, 0.19, 0.6]) for i in range(3)]
        self.ax_bars = fig.add_axes([0.72, 0.2, 0.27, 0.56])
        blank = np.zeros((h, w))
        self.pixels = panels[0].imshow(blank, cmap="gray_r", vmin=0, vmax=max(1.0, float(images.max())),
                                       interpolation="nearest")
        self.weights = panels[1].imshow(blank, cmap=WEIGHT_CMAP, vmin=-1, vmax=1, interpolation="nearest")
        self.products = panels[2].imshow(blank, cmap=WEIGHT_CMAP, vmin=-1, vmax=1, interpolation="nearest")
        self.titles = []
        for ax, sign in zip(panels, ("", "\u00d7", "=")):
            ax.set_xticks([])
            ax.set_yticks([])
            self.titles.append(ax.text(0.5, 1.03, "", transform=ax.transAxes, ha="center", va="bottom",
                                       fontsize=10))
            if sign:
                ax.text(-0.065, 0.5, sign, transform=ax.transAxes, ha="center", va="center", fontsize=15)
        self.titles[1].set_text("weights")
        panels[1].text(0.5, -0.04, "blue +, red \u2212, white 0", transform=panels[1].transAxes, ha="center",
                       va="top", fontsize=9, color="#444444")
        self.titles[2].set_text("pixel \u00d7 weight")
        self.z_text = panels[2].text(0.5, -0.04, "", transform=panels[2].transAxes, ha="center", va="top",
                                     fontsize=10, fontweight="bold")
        self.ax_bars.axhline(0, color="#555555", linewidth=0.8)
        positions = np.arange(len(self.classes))
        self.bars = list(self.ax_bars.bar(positions, np.zeros(len(positions)), width=0.7, color=POSITIVE))
        self.ghosts = list(self.ax_bars.bar(positions, np.zeros(len(positions)), width=0.7, facecolor="none",
                                            edgecolor="#333333", linestyle="--", linewidth=1.1, zorder=3))
        self.ghost_note = self.ax_bars.text(0.99, 0.99, "", transform=self.ax_bars.transAxes, ha="right",
                                            va="top", fontsize=8, color="#333333")
        self.marker, = self.ax_bars.plot([0], [0], marker="_", color=CURVE, markersize=16, markeredgewidth=3,
                                         zorder=4, linestyle="none")
        self.ax_bars.set_xticks(positions, [str(int(c)) for c in self.classes])
        self.ax_bars.set_xlabel("digit", labelpad=1)
        self.ax_bars.spines[["top", "right"]].set_visible(False)
        self.ax_bars.set_title("average z for each digit\n(\u2014 marks this image's z)", fontsize=10)
        self.live.dynamic(self.pixels, self.weights, self.products, self.titles[0], self.z_text, self.bars,
                          self.ghosts, self.ghost_note, self.marker)

    def draw(self, weights, index, reference=None):
        """Draw the neuron with these (h, w) weights looking at image number `index`.

        reference: (h, w) weights whose class averages are drawn as dashed outlines (None: no outlines).
        Returns the frame's numbers: z (this image's weighted sum), products (h, w), means (one average z per
        class, in the order of `classes`), reference_means (or None), classes, label, and favourite (the class
        with the highest average).
        """
        W = np.asarray(weights, dtype=np.float64)
        image = self.images[index]
        label = self.labels[index]
        products = image * W
        z = float(products.sum())
        means = class_means(self.images, self.labels, W)[1]
        reference_means = None if reference is None else class_means(self.images, self.labels, reference)[1]
        reach = max(float(np.abs(W).max()), 1e-9)
        self.pixels.set_data(image)
        self.weights.set_data(W)
        self.weights.set_clim(-reach, reach)
        self.products.set_data(products)
        self.products.set_clim(-reach, reach)
        self.titles[0].set_text(f"pixels of a {int(label)}")
        self.z_text.set_text(f"add them up: z = {z:.2f}")
        reach_bars = float(np.abs(means).max()) if reference_means is None else float(
            max(np.abs(means).max(), np.abs(reference_means).max()))
        limit = nice_limit(1.15 * max(1.0, reach_bars, abs(z)))
        self.live.set_limits(self.ax_bars, y=(-limit, limit))
        position = int(np.flatnonzero(self.classes == label)[0])
        for i, (bar, mean) in enumerate(zip(self.bars, means)):
            bar.set_height(mean)
            bar.set_facecolor(POSITIVE if mean >= 0 else NEGATIVE)
            bar.set_alpha(1.0 if i == position else 0.45)
        moved = reference_means is not None and not np.allclose(reference_means, means)
        for ghost, start in zip(self.ghosts, means if reference_means is None else reference_means):
            ghost.set_height(start)
            ghost.set_visible(moved)
        self.ghost_note.set_text("dashed: where the knobs started" if moved else "")
        self.marker.set_data([position], [z])
        favourite = self.classes[int(np.argmax(means))]
        return {"z": z, "products": products, "means": means, "reference_means": reference_means,
                "classes": self.classes, "label": label, "favourite": favourite}


class PixelNeuronExplorer(DrawsNumbers, ToolkitWidget):
    """The widget pixel_neuron_explorer returns. controls: one slider per knob, 'digit' and 'example'."""

    browser_family = "pixel_neuron"  # drawn in the page by front/pixel_neuron.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/pixel_neuron.js needs once: the images (compactly: the digits' pixels are 16ths) and labels,
        the knobs' patterns and the base weights (the page makes the weights from the knobs, then the products, z
        and every digit's average z), the starting weights (the dashed outlines) and the kernel picture's colours."""
        view = self.view
        h, w = view.images.shape[1:]
        return {"family": "pixel_neuron", "size": list(view.live.size), "shape": [int(h), int(w)],
                "images": packed(view.images), "labels": view.labels.tolist(), "classes": view.classes.tolist(),
                "knobs": [[name, pattern.ravel().tolist()] for name, pattern in self.knobs.items()],
                "base": None if self.base is None else self.base.ravel().tolist(),
                "start": None if self.start is None else self.start.ravel().tolist(),
                "pixel_top": max(1.0, float(view.images.max())),
                "weight_lut": colour_table(matplotlib.colormaps[WEIGHT_CMAP]),
                "colours": {"positive": POSITIVE, "negative": NEGATIVE, "curve": CURVE},
                "controls": control_specs(self.controls, columns={"digit": 1, "example": 1},
                                          decimals={"example": 0})}

    def __init__(self, view, knobs, values, base, knob_range, digit, example):
        super().__init__()
        self.view, self.live, self.knobs, self.base = view, view.live, knobs, base
        self.state_model = PixelNeuronState(view.images, view.labels, knobs, values, base, digit, example)
        # the weights the knobs start at: their averages stay on the chart as dashed outlines
        self.start = self.state_model.start
        self.controls = {name: slider(name, values[name], *knob_range, 0.05,
                                      tooltip=f"the weight of every pixel in '{name}'") for name in knobs}
        classes = [int(c) for c in view.classes]
        self.controls["digit"] = dropdown("digit", classes, int(digit))
        self.controls["example"] = widgets.IntSlider(value=example, min=0, max=self.state_model.count() - 1,
                                                     description="example", continuous_update=True,
                                                     style={"description_width": "120px"},
                                                     layout=widgets.Layout(width="330px"))
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        knob_controls = [self.controls[name] for name in knobs]
        self._setup([self.image, self.readout,
                     row(column(*knob_controls), column(self.controls["digit"], self.controls["example"]))])
        self.controls["digit"].observe(self._digit_changed, names="value")
        for name, control in self.controls.items():
            if name != "digit":
                control.observe(self.refresh, names="value")
        h, w = view.images.shape[1:]
        self.summary = (f"Pixel neuron explorer: {h}x{w} = {h * w} weights, "
                        f"{len(knobs)} knob{'s' if len(knobs) != 1 else ''}"
                        + (f" ({', '.join(knobs)})" if knobs else "") + f", {len(view.images)} images")
        self.refresh()
        self._offer_browser_view()

    def _digit_changed(self, change):
        example = self.controls["example"]
        with self.hold_trait_notifications():
            example.value = 0
            example.max = self.state_model.count(change["new"]) - 1
        self.refresh()

    def _readout(self, frame):
        order = np.argsort(-frame["means"], kind="stable")  # ties: the smaller digit first, on every CPU
        ranking = ", ".join(f"{int(frame['classes'][i])} ({frame['means'][i]:.2f})" for i in order[:3])
        return (f"<code>z = sum of the {frame['products'].size} products = <b>{frame['z']:.2f}</b>"
                f"</code> for this {int(frame['label'])}. Highest averages: {ranking}.")


def pixel_neuron_explorer(images, labels, *, weights=None, knobs=None, values=None, digit=5, example=0,
                          knob_range=(-2.0, 2.0)):
    """One neuron over the pixels of an image: turn knobs that set groups of weights, pick a digit, watch z.

    images: (n, h, w) pixel values (e.g. nnlib.load_digits().images); labels: (n,) their digits.
    weights: fixed (h, w) weights to start from (default zeros); knobs: dict name -> (h, w) pattern, each with
    a slider whose value multiplies its pattern (weights = weights + sum of value * pattern); values: dict
    name -> starting value (default 1.0). digit, example: the image shown first (example k is the k-th image of
    that digit, counting from 0). knob_range: (low, high) of the sliders.
    With no knobs it shows the fixed weights; only the digit and example change.
    Returns a PixelNeuronExplorer widget (.controls, .view, .frame, .render()). Introduced in 01_neuron.
    """
    images = as_array(images, "images", ndim=3)
    labels = as_labels(labels, "labels")
    check_same_length(images, labels)
    shape = images.shape[1:]
    knobs = {} if knobs is None else dict(knobs)
    if weights is None and not knobs:
        raise ValueError("Give the neuron some weights: weights=(h, w) array, or knobs={'name': pattern}.")
    base = None if weights is None else as_array(weights, "weights")
    if base is not None:
        if base.size != shape[0] * shape[1]:
            raise ValueError(f"weights has {base.size} values but each image has {shape[0]}x{shape[1]} = "
                             f"{shape[0] * shape[1]} pixels: one weight per pixel.")
        base = base.reshape(shape)
    for name in list(knobs):
        pattern = as_array(knobs[name], f"knobs[{name!r}]")
        if pattern.shape != shape:
            raise ValueError(f"knobs[{name!r}] has shape {pattern.shape}, but the images are {shape}: "
                             "a pattern marks pixels of the image, so it needs the same shape.")
        knobs[name] = pattern
    values = {name: 1.0 for name in knobs} | dict(values or {})
    unknown = set(values) - set(knobs)
    if unknown:
        raise ValueError(f"values names {sorted(unknown)}, which are not knobs ({sorted(knobs)}).")
    check_ranges(knob_range=knob_range)
    if not np.any(labels == digit):
        raise ValueError(f"digit {digit!r} is not among the labels ({sorted(set(labels.tolist()))}).")
    count = int(np.count_nonzero(labels == digit))
    if isinstance(example, bool) or not isinstance(example, (int, np.integer)) or not 0 <= example < count:
        raise ValueError(f"example should be a whole number from 0 to {count - 1} (there are {count} images of "
                         f"digit {digit}), but got {example!r}.")
    view = PixelNeuronView(images, labels)
    return PixelNeuronExplorer(view, knobs, values, base, knob_range, digit, int(example))
