"""Two views of data flowing forward through layers: the input scale a hidden layer can bear, and one image's
whole trip from pixels to prediction.

input_scale_explorer (05_layers): the same digit fed to the same sigmoid layer with its pixels on a 0..1,
0..16 or 0..255 scale. Each hidden neuron sits as a dot on the S-curve; unnormalised pixels push the dots onto
the flat ends, where the neuron is pinned at 0 or 1 and a change of input changes nothing.

forward_pass_explorer (06_forward_pass): pick a test image and a network (untrained or trained) and see every
array on the way, with its shape: the pixels, each hidden layer, the logits, the softmax probabilities and
the argmax.
"""

import numpy as np
import ipywidgets as widgets

from .._validate import as_array, as_labels, check_same_length
from ..network import MLP
from ..state.digits import digits_test_split
from ..state.forward import (PINNED, SCALES, SIGMOID, ForwardPassState, InputScaleState,  # noqa: F401
                             scaled_layer)
from ..plots.style import CURVE, OKABE_ITO, POSITIVE, nice_limit
from ..plots.probabilities import percent, plot_logits, plot_probabilities
from ._live import LiveFigure, ToolkitWidget, View, sizes_text
from .controls import dropdown
from .digits import _as_tiles, neuron_grid

Z_SHOWN = 12.0      # the S-curve is drawn for z in -12..12; neurons beyond sit at the edge, marked as off the chart


def _test_images():
    X_test, y_test = digits_test_split()
    return X_test, y_test


# ---- 05: how big may the inputs be? -------------------------------------------------------------------------

class InputScaleView(View):
    """Draws one image entering a sigmoid layer: the pixels, each neuron as a dot (z, sigmoid(z)) on the S-curve,
    and each neuron's output as a bar. draw(pixels, scale) returns the frame's numbers. No widgets needed."""

    def __init__(self, W, b, side):
        self.W, self.b, self.side = W, b, side
        n = W.shape[1]
        self.live = LiveFigure(720, 270)
        fig = self.live.figure
        ax_in = fig.add_axes([0.01, 0.12, 0.19, 0.62])
        self.pixels = ax_in.imshow(np.zeros((side, side)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
        ax_in.set_xticks([])
        ax_in.set_yticks([])
        self.in_title = ax_in.text(0.5, 1.03, "", transform=ax_in.transAxes, ha="center", va="bottom", fontsize=9)

        self.ax_curve = fig.add_axes([0.285, 0.16, 0.33, 0.58])
        z = np.linspace(-Z_SHOWN, Z_SHOWN, 300)
        self.ax_curve.plot(z, SIGMOID.function(z), color=CURVE, linewidth=1.5, zorder=1)
        flat = np.log((1 - PINNED) / PINNED)  # |z| beyond which the output is within PINNED of 0 or 1
        reach = Z_SHOWN * 1.12
        for low, high in ((-reach, -flat), (flat, reach)):
            self.ax_curve.axvspan(low, high, color="#DDDDDD", alpha=0.6, zorder=0)
        self.ax_curve.set_xlim(-reach, reach)
        self.ax_curve.set_ylim(-0.08, 1.08)
        self.ax_curve.set_xlabel("z = x \u00b7 w + b", labelpad=1, fontsize=9)
        self.ax_curve.set_ylabel("sigmoid(z)", fontsize=9)
        self.ax_curve.tick_params(labelsize=8)
        self.ax_curve.spines[["top", "right"]].set_visible(False)
        self.ax_curve.set_title(f"{n} hidden neurons on the S-curve\n(grey: the flat ends; orange: pinned)", fontsize=9)
        self.dots = self.ax_curve.scatter(np.zeros(n), np.zeros(n), s=28, zorder=3, edgecolors="white",
                                          linewidths=0.6)
        # neurons beyond the drawn range pile up at its edges; these say how many and how far
        self.beyond = [self.ax_curve.text(-Z_SHOWN, 0.1, "", ha="left", va="bottom", fontsize=8, color=OKABE_ITO[5]),
                       self.ax_curve.text(Z_SHOWN, 0.9, "", ha="right", va="top", fontsize=8, color=OKABE_ITO[5])]

        self.ax_bars = fig.add_axes([0.69, 0.16, 0.29, 0.58])
        self.bars = list(self.ax_bars.bar(np.arange(n), np.zeros(n), width=0.8, color=POSITIVE))
        self.tops = self.ax_bars.scatter(np.arange(n), np.zeros(n), s=9, zorder=3, clip_on=False)
        self.ax_bars.set_ylim(0, 1.05)
        self.ax_bars.set_xlim(-0.8, n - 0.2)
        self.ax_bars.set_xticks([0, n - 1], ["1", str(n)])
        self.ax_bars.set_xlabel("hidden neuron", labelpad=1, fontsize=9)
        self.ax_bars.tick_params(labelsize=8)
        self.ax_bars.spines[["top", "right"]].set_visible(False)
        self.bar_title = self.ax_bars.text(0.5, 1.04, "", transform=self.ax_bars.transAxes, ha="center",
                                           va="bottom", fontsize=9)
        self.live.dynamic(self.pixels, self.in_title, self.dots, self.beyond, self.bars, self.tops, self.bar_title)

    def draw(self, pixels, scale):
        """Feed pixels (ink 0..1, side*side values) multiplied by scale through the layer. Returns 'z', 'a',
        'pinned' (a True/False per neuron) and 'n_pinned'."""
        frame = scaled_layer(self.W, self.b, pixels, scale)
        z, a, pinned = frame["z"], frame["a"], frame["pinned"]
        x = np.asarray(pixels, dtype=np.float64)
        self.pixels.set_data(x.reshape(self.side, self.side))
        self.in_title.set_text(f"pixels up to {scale:g}\n(largest here: {x.max() * scale:.3g})")
        shown = np.clip(z, -Z_SHOWN, Z_SHOWN)
        self.dots.set_offsets(np.column_stack([shown, SIGMOID.function(shown)]))
        colors = [OKABE_ITO[5] if p else POSITIVE for p in pinned]
        self.dots.set_facecolors(colors)
        below, above = z[z < -Z_SHOWN], z[z > Z_SHOWN]
        self.beyond[0].set_text(f"{len(below)} off the chart\n(down to {below.min():.0f})" if len(below) else "")
        self.beyond[1].set_text(f"{len(above)} off the chart\n(up to {above.max():.0f})" if len(above) else "")
        for bar, value, color in zip(self.bars, a, colors):
            bar.set_height(value)
            bar.set_facecolor(color)
        self.tops.set_offsets(np.column_stack([np.arange(len(a)), a]))
        self.tops.set_facecolors(colors)
        self.bar_title.set_text(f"their outputs: {frame['n_pinned']} of {len(a)} pinned")
        return frame


class InputScaleExplorer(ToolkitWidget):
    """The widget input_scale_explorer returns. controls: 'scale' (the pixels' largest value), 'digit'."""

    def __init__(self, view, images, labels, scale):
        super().__init__()
        self.view, self.live, self.images, self.labels = view, view.live, images, labels
        first = {int(d): int(np.flatnonzero(labels == d)[0]) for d in np.unique(labels)}
        self.state_model = InputScaleState(view.W, view.b, images, next(iter(first.values())), scale)
        self.controls = {
            "scale": widgets.SelectionSlider(options=list(SCALES), value=scale, description="pixels up to",
                                             continuous_update=True, style={"description_width": "120px"},
                                             layout=widgets.Layout(width="420px")),
            "digit": dropdown("digit", [(f"a {d}", i) for d, i in first.items()], next(iter(first.values()))),
        }
        self._assemble(summary=f"Input scale explorer: one digit into {view.W.shape[1]} sigmoid neurons, "
                               "pixels up to 1..255")

    def _draw(self, state):
        return self.view.draw(state.images[state.index], state.scale)

    def _readout(self, frame):
        scale, z, n = frame["scale"], frame["z"], len(frame["z"])
        story = (" Most neurons sit on the steep middle of the curve, where a small change of a pixel moves "
                 "their output: the layer can tell digits apart." if frame["n_pinned"] <= n // 4 else
                 " The pinned neurons answer 0 or 1 whatever the details of the digit, and nudging a pixel "
                 "moves nothing: the layer has gone deaf.")
        return (f"Pixels from 0 to {scale}: z runs from {z.min():.1f} to {z.max():.1f}; "
                f"<b>{frame['n_pinned']} of {n}</b> neurons are pinned (output below {PINNED} or "
                f"above {1 - PINNED}).{story}")


def input_scale_explorer(model=None, images=None, labels=None, *, scale=1):
    """Feed one digit to a sigmoid hidden layer with its pixels scaled up to 1, 16 or 255, and watch the neurons
    slide along the S-curve onto its flat ends (pinned: the garbage-in problem of unnormalised inputs).

    model: an MLP whose first layer is used (default: a fresh MLP([64, 32, 10], activation='sigmoid'), seed 0).
    images, labels: normalised images (n, 64) with ink 0..1 and their labels (default: the test digits).
    scale: the starting largest pixel value, one of 1, 2, 4, ..., 128, 255.
    Returns an InputScaleExplorer widget (.controls, .view, .frame, .render()). Introduced in 05_layers.
    """
    model = MLP([64, 32, 10], activation="sigmoid", seed=0) if model is None else model
    if not hasattr(model, "weights"):
        raise TypeError(f"model should be an MLP, but got {type(model).__name__}.")
    if images is None:
        images, labels = _test_images()
    images = as_array(images, "images")
    images = images.reshape(len(images), -1)
    labels = as_labels(labels, "labels")
    check_same_length(images, labels, "images", "labels")
    side = int(round(np.sqrt(images.shape[1])))
    if side * side != images.shape[1] or images.shape[1] != model.layer_sizes[0]:
        raise ValueError(f"images have {images.shape[1]} pixels each but the network expects "
                         f"{model.layer_sizes[0]} (and square images).")
    if images.min() < 0 or images.max() > 1:
        raise ValueError("images should be normalised to 0..1 (the widget does the scaling up); "
                         f"these run from {images.min():g} to {images.max():g}.")
    if scale not in SCALES:
        raise ValueError(f"scale should be one of {SCALES}, but got {scale!r}.")
    view = InputScaleView(model.weights[0], model.biases[0], side)
    return InputScaleExplorer(view, images, labels, scale)


# ---- 06: one image's trip through the network ---------------------------------------------------------------

class ForwardPassView(View):
    """Draws one image's forward pass: the pixels, each hidden layer (a square per neuron), the logits and the
    softmax probabilities, each titled with its shape. draw(model, x, label) returns the frame's numbers."""

    def __init__(self, hidden_sizes, side, n_classes, activation="relu"):
        self.side, self.n_classes = side, n_classes
        self.live = LiveFigure(720, 260)
        fig = self.live.figure
        n_hidden = len(hidden_sizes)
        ax_in = fig.add_axes([0.005, 0.12, 0.15, 0.6])
        self.pixels = ax_in.imshow(np.zeros((side, side)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
        ax_in.set_title(f"x: pixels\n(1, {side * side})", fontsize=9)
        self.panels = [ax_in]
        width = 0.25 / max(n_hidden, 1)
        self.hidden, self.shapes = [], []
        for k, n in enumerate(hidden_sizes):
            name = f"A{k + 1}: {n} hidden neurons" if n_hidden == 1 else f"A{k + 1}: {n} neurons"
            image, shape = neuron_grid(fig, (0.195 + k * width, 0.12, width * 0.92, 0.6), n,
                                       title=f"{name}\n({activation}, shape (1, {n}))")
            self.hidden.append(image)
            self.shapes.append(shape)
        for ax in self.panels:
            ax.set_xticks([])
            ax.set_yticks([])
        self.ax_logits = fig.add_axes([0.52, 0.15, 0.18, 0.57])
        self.logits = plot_logits(np.zeros(n_classes), self.ax_logits, numbers=False)
        self.ax_logits.tick_params(labelsize=8)
        self.ax_logits.set_title(f"Z: logits\n(1, {n_classes})", fontsize=9)
        self.ax_probs = fig.add_axes([0.815, 0.15, 0.18, 0.57])
        self.probs = plot_probabilities(np.full(n_classes, 1.0 / n_classes), self.ax_probs)
        self.ax_probs.set_ylabel("")
        self.ax_probs.tick_params(labelsize=8)
        self.verdict = self.ax_probs.text(0.4, 1.04, "", transform=self.ax_probs.transAxes, ha="center",
                                          va="bottom", fontsize=9)
        for at, word in ((0.165, "\u2192"), (0.47, "\u2192"), (0.745, "softmax\n\u2192")):
            fig.text(at, 0.43, word, ha="center", va="center", fontsize=8, color="#333333")
        for text in self.probs.texts:
            text.set_fontsize(7)
        fig.text(0.995, 0.005, "orange outline: the true label", ha="right", va="bottom", fontsize=7,
                 color="#333333")
        self.live.dynamic(self.pixels, self.hidden, self.logits.bars, list(self.probs.bars), self.probs.texts,
                          self.verdict)

    def set_scales(self, hidden_tops, logit_limit):
        """Fix the colour scale of each hidden layer and the logits' axis (they change only with the network)."""
        for image, top in zip(self.hidden, hidden_tops):
            image.set_clim(0, max(top, 1e-6))
        self.ax_logits.set_ylim(-logit_limit, logit_limit)
        self.live.invalidate()

    def draw(self, frame):
        """Draw one image's forward pass, ForwardPassState.forward(): its pixels come from x (side*side,), then
        'hidden' (list), 'logits', 'probs', 'guess' and 'label' (or None). Returns the frame."""
        self.pixels.set_data(np.asarray(frame["x"], dtype=np.float64).reshape(self.side, self.side))
        for image, shape, acts in zip(self.hidden, self.shapes, frame["hidden"]):
            image.set_data(_as_tiles(acts, shape))
        self.logits.update(frame["logits"])
        label, guess = frame["label"], frame["guess"]
        self.probs.true_label = label
        for k, bar in enumerate(self.probs.bars):
            bar.set_edgecolor(OKABE_ITO[1] if k == label else "none")
        self.probs.update(frame["probs"])
        for k, text in enumerate(self.probs.texts):
            if k not in (guess, label):  # ten labels do not fit in this narrow panel: keep the two that matter
                text.set_text("")
        mark = "" if label is None else (" \u2714" if guess == label else " \u2718")
        self.verdict.set_text(f"P: probabilities\n(1, {self.n_classes}), argmax \u2192 {guess}{mark}")
        return frame


class ForwardPassExplorer(ToolkitWidget):
    """The widget forward_pass_explorer returns. controls: 'network' (a name), 'index' (which image)."""

    def __init__(self, view, networks, X, y, index):
        super().__init__()
        self.view, self.live, self.networks, self.X, self.y = view, view.live, networks, X, y
        self.state_model = ForwardPassState(networks, X, y, index)
        names = list(networks)
        self.controls = {
            "network": widgets.ToggleButtons(options=names, value=names[0], description="network",
                                             style={"description_width": "60px"}),
            "index": widgets.IntSlider(value=index, min=0, max=len(X) - 1, description="image",
                                       continuous_update=True, style={"description_width": "60px"},
                                       layout=widgets.Layout(width="420px")),
        }
        self._network = None
        self._assemble(summary=f"Forward pass explorer: {len(X)} images, {sizes_text(networks[names[0]])} networks: "
                               f"{', '.join(names)}")

    def _draw(self, state):
        if state.network != self._network:
            tops, logits = state.scales()
            self.view.set_scales(tops, nice_limit(1.1 * logits))
            self._network = state.network
        return self.view.draw({**state.forward(), "x": state.X[state.index]})

    def _readout(self, frame):
        guess, probs, label = frame["guess"], frame["probs"], frame["label"]
        verdict = "right" if guess == label else "wrong"
        return (f"Image {frame['index']}, a <b>{label}</b>. The {frame['network']} network's largest logit is "
                f"{frame['logits'][guess]:.2f}, so it answers <b>{guess}</b> ({percent(probs[guess])}): {verdict}.")


def forward_pass_explorer(networks, X=None, y=None, *, index=0):
    """Pick an image and a network and see every array of its forward pass with its shape: the pixels, each
    hidden layer, the logits, the softmax probabilities and the argmax.

    networks: an MLP, or a dict name -> MLP (e.g. {'untrained': ..., 'trained': ...}) with the same layer sizes.
    X, y: images (n, side*side), ink 0..1, and their labels (default: the test digits). index: the first image.
    Returns a ForwardPassExplorer widget (.controls, .view, .frame, .render()). Introduced in 06_forward_pass.
    """
    if not isinstance(networks, dict):
        networks = {"network": networks}
    if not networks or not all(hasattr(m, "layer_outputs") for m in networks.values()):
        raise TypeError("networks should be an MLP or a dict of MLPs, e.g. {'untrained': u, 'trained': t}.")
    sizes = {tuple(m.layer_sizes) for m in networks.values()}
    if len(sizes) != 1:
        raise ValueError(f"The networks should have the same layer sizes, but they have {sorted(sizes)}.")
    sizes = sizes.pop()
    if X is None:
        X, y = _test_images()
    X = as_array(X, "X", ndim=2)
    y = as_labels(y, "y")
    check_same_length(X, y)
    side = int(round(np.sqrt(X.shape[1])))
    if side * side != X.shape[1] or X.shape[1] != sizes[0]:
        raise ValueError(f"X has {X.shape[1]} pixels per image but the networks expect {sizes[0]} "
                         "(and square images).")
    if not 0 <= index < len(X):
        raise ValueError(f"index should be from 0 to {len(X) - 1}, but got {index}.")
    view = ForwardPassView(sizes[1:-1], side, sizes[-1], next(iter(networks.values())).activation)
    return ForwardPassExplorer(view, {str(k): m for k, m in networks.items()}, X, y, int(index))


__all__ = ["input_scale_explorer", "forward_pass_explorer", "InputScaleView", "ForwardPassView"]
