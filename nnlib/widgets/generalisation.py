"""Does it generalise? Weight decay on a network that memorises, and the noise of mini-batches. Introduced in
11_generalisation.

weight_decay_explorer: a wide network (64-256-10) trained on only 100 digits, once for each weight decay of a
grid; a slider picks the weight decay and the training and validation curves of that run move into place. The
runs are computed once, when the widget is built, so a drag only redraws.

minibatch_explorer: 07's hike on the house-price loss landscape, twice from the same start with the same
learning rate: once with the slope of all 200 houses at every step (full-batch descent), once with the slope
of a small batch of houses (mini-batch descent). The mini-batch path wobbles around the full-batch one, and
the wobble shrinks with the learning rate.
"""

import functools

import ipywidgets as widgets
import numpy as np

from .._validate import check_positive_int, check_positive_number
from ..datasets import digits_split
from ..network import MLP
from ..plots.style import CLASS_COLORS, OKABE_ITO
from ._live import DESCRIPTION_WIDTH, LiveFigure, ToolkitWidget, set_tooltip
from .descent import DescentView, Landscape, house_price_landscape

# ---- a network that memorises 100 digits -------------------------------------------------------------------

WEIGHT_DECAYS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
# the recipe of every run: 256 hidden neurons, 100 digits, batches of 20, a large stride, long enough to memorise
RECIPE = {"layer_sizes": (64, 256, 10), "epochs": 100, "lr": 0.5, "batch_size": 20, "seed": 0}
N_FEW, N_VALIDATION = 100, 300


@functools.lru_cache(maxsize=1)
def few_digits():
    """100 training digits (10 of each) and 300 validation digits, both from digits_split's training part, and the
    test set left untouched: (X_few, y_few, X_val, y_val, X_test, y_test). Same call, same digits."""
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = digits_split()
    X_few, X_rest, y_few, y_rest = train_test_split(X_train, y_train, train_size=N_FEW, stratify=y_train,
                                                    random_state=0)
    _, X_val, _, y_val = train_test_split(X_rest, y_rest, test_size=N_VALIDATION, stratify=y_rest, random_state=0)
    return X_few, y_few, X_val, y_val, X_test, y_test


def train_few(weight_decay=0.0, epochs=None):
    """The network of RECIPE trained on few_digits() with this weight decay, validated on the 300 validation digits
    after every epoch. Returns the trained MLP; its .history holds loss, accuracy, val_loss and val_accuracy."""
    X_few, y_few, X_val, y_val, _, _ = few_digits()
    net = MLP(list(RECIPE["layer_sizes"]), seed=RECIPE["seed"])
    net.fit(X_few, y_few, epochs=RECIPE["epochs"] if epochs is None else epochs, lr=RECIPE["lr"],
            batch_size=RECIPE["batch_size"], validation_data=(X_val, y_val), weight_decay=weight_decay)
    return net


@functools.lru_cache(maxsize=None)
def _trained(weight_decay):
    return train_few(weight_decay)


def trained_few(weight_decay=0.0):
    """A copy of the network train_few(weight_decay) returns, trained once per kernel and then remembered."""
    return _trained(float(weight_decay)).copy()


@functools.lru_cache(maxsize=None)
def _run(weight_decay):
    net = _trained(weight_decay)
    squared = float(sum(np.sum(W * W) for W in net.weights))
    return {key: np.array(values) for key, values in net.history.items()} | {"sum_of_squares": squared}


def weight_decay_runs(weight_decays=WEIGHT_DECAYS):
    """{weight decay: that run's history as arrays, plus 'sum_of_squares', the sum of every weight squared at the
    end}. Each run is trained once per kernel and then remembered."""
    return {float(wd): _run(float(wd)) for wd in weight_decays}


class WeightDecayView:
    """Draws one run of the grid: loss (left) and accuracy (right) per epoch, training solid and validation dashed;
    the run without weight decay stays in grey behind for comparison. draw(weight_decay) returns its numbers."""

    WIDTH, HEIGHT = 700, 300

    def __init__(self, runs):
        if 0.0 not in runs:
            raise ValueError("The runs should include weight decay 0 (none), to compare with.")
        self.runs = runs
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        self.ax_loss = fig.add_axes([0.08, 0.15, 0.39, 0.72])
        self.ax_acc = fig.add_axes([0.59, 0.15, 0.39, 0.72])
        none = runs[0.0]
        epochs = np.arange(1, len(none["loss"]) + 1)
        self.lines = {}
        for ax, metric in ((self.ax_loss, "loss"), (self.ax_acc, "accuracy")):
            ax.plot(epochs, none[metric], "-", color="#BBBBBB", linewidth=1.2, label="training, no decay")
            ax.plot(epochs, none["val_" + metric], "--", color="#BBBBBB", linewidth=1.2, label="validation, no decay")
            self.lines[metric], = ax.plot([], [], "-", color=CLASS_COLORS[0], linewidth=2, label="training")
            self.lines["val_" + metric], = ax.plot([], [], "--", color=CLASS_COLORS[1], linewidth=2,
                                                   label="validation")
            ax.set_xlim(0, len(epochs))
            ax.set_xlabel("epoch")
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=8)
        self.ax_loss.set_yscale("log")  # the training loss heads for 0 while the validation loss turns
        self.ax_loss.set_ylim(1e-3, 3.0)
        self.ax_loss.set_ylabel("loss (cross-entropy, log scale)")
        self.ax_acc.set_ylim(0.5, 1.01)
        self.ax_acc.set_ylabel("accuracy")
        self.ax_acc.legend(loc="lower right", fontsize=7.5, frameon=False, ncol=2)
        self.title = fig.text(0.5, 0.95, "", ha="center", va="center", fontsize=10)
        self.live.dynamic(list(self.lines.values()), self.title)

    def draw(self, weight_decay):
        """Show the run trained with this weight decay (one of the grid). Returns the frame's numbers."""
        weight_decay = float(weight_decay)
        if weight_decay not in self.runs:
            raise ValueError(f"There is no run with weight decay {weight_decay:g}; the grid has "
                             f"{', '.join(f'{wd:g}' for wd in self.runs)}.")
        run = self.runs[weight_decay]
        epochs = np.arange(1, len(run["loss"]) + 1)
        for key, line in self.lines.items():
            line.set_data(epochs, run[key])
        self.title.set_text(f"weight decay {weight_decay:g}: 100 training digits, 300 validation digits")
        none = self.runs[0.0]
        return {"weight_decay": weight_decay, "epochs": len(epochs),
                "accuracy": float(run["accuracy"][-1]), "val_accuracy": float(run["val_accuracy"][-1]),
                "val_loss": float(run["val_loss"][-1]), "best_val_epoch": int(np.argmin(run["val_loss"])) + 1,
                "sum_of_squares": run["sum_of_squares"],
                "none_val_loss": float(none["val_loss"][-1]), "none_val_accuracy": float(none["val_accuracy"][-1]),
                "none_sum_of_squares": none["sum_of_squares"]}

    def render(self):
        return self.live.render()


def describe_weight_decay(frame):
    """One line for a frame: the end of that run beside the end of the run without weight decay."""
    verdict = ("" if frame["weight_decay"] == 0 else
               " <b>Lower validation loss than none.</b>" if frame["val_loss"] < frame["none_val_loss"] else
               " <b>Higher validation loss than none.</b>")
    return (f"weight decay {frame['weight_decay']:g}, after {frame['epochs']} epochs: training accuracy "
            f"{frame['accuracy']:.0%}, validation accuracy {frame['val_accuracy']:.1%} (none: "
            f"{frame['none_val_accuracy']:.1%}), validation loss {frame['val_loss']:.3f} (none: "
            f"{frame['none_val_loss']:.3f}), lowest at epoch {frame['best_val_epoch']}; sum of squared weights "
            f"{frame['sum_of_squares']:,.0f} (none: {frame['none_sum_of_squares']:,.0f}).{verdict}")


class WeightDecayExplorer(ToolkitWidget):
    """The widget weight_decay_explorer returns. controls: 'weight_decay' (a slider over the grid)."""

    def __init__(self, view, weight_decay):
        super().__init__()
        self.view, self.live = view, view.live
        control = widgets.SelectionSlider(options=[(f"{wd:g}", wd) for wd in view.runs], value=weight_decay,
                                          description="weight decay", continuous_update=True,
                                          style={"description_width": DESCRIPTION_WIDTH},
                                          layout=widgets.Layout(width="420px"))
        set_tooltip(control, "weight decay: how hard each step pulls every weight towards 0")
        self.controls = {"weight_decay": control}
        self._assemble()
        self.summary = "Weight decay explorer: 64-256-10 on 100 digits; training and validation curves"
        self.refresh()

    def state(self):
        return {"weight_decay": float(self.controls["weight_decay"].value)}

    def _redraw(self):
        frame = self.view.draw(**self.state())
        self.image.value = self.live.render()
        self.readout.value = describe_weight_decay(frame)
        return frame


def weight_decay_explorer(weight_decay=0.0, weight_decays=WEIGHT_DECAYS):
    """Training and validation curves of a 64-256-10 network trained on 100 digits, one run per weight decay.

    weight_decay: the run shown first; weight_decays: the grid (it must include 0). Builds every run once (about a
    second or two), then each slider move only redraws. Returns a WeightDecayExplorer (.controls, .view, .frame,
    .render()). Introduced in 11_generalisation.
    """
    grid = tuple(sorted({float(wd) for wd in weight_decays} | {0.0}))
    if float(weight_decay) not in grid:
        raise ValueError(f"weight_decay should be one of the grid {', '.join(f'{wd:g}' for wd in grid)}, "
                         f"but got {weight_decay!r}.")
    return WeightDecayExplorer(WeightDecayView(weight_decay_runs(grid)), float(weight_decay))


# ---- mini-batch noise on 07's landscape --------------------------------------------------------------------

BATCH_SIZES = (1, 5, 10, 20, 50, 200)
MINIBATCH_LR_RANGE = (0.01, 1.0)
MAX_STEPS = 100


def minibatch_descend(landscape, lr, steps, batch_size, seed=0, start=None):
    """Walk downhill on mini-batches: each step (w, b) -= lr * the gradient on the next batch_size examples only.

    The examples are shuffled (with this seed) and dealt out batch after batch; when they run out, a new shuffle
    starts (a new epoch). lr: one number, or one per step (a learning rate that falls). batch_size = all the
    examples gives full-batch descent. Returns a dict: 'path' (steps + 1, 2) and 'losses' (steps + 1,), the loss on
    ALL the examples at each point visited (what the landscape's contours show).
    """
    steps = check_positive_int(steps, "steps", allow_zero=True)
    batch_size = check_positive_int(batch_size, "batch_size")
    rates = np.broadcast_to(np.asarray(lr, dtype=np.float64), (steps,)) if np.ndim(lr) == 0 else np.asarray(
        lr, dtype=np.float64)
    if np.ndim(lr) == 0:
        check_positive_number(float(lr), "lr (the learning rate)")
    elif rates.shape != (steps,) or not np.all(rates > 0):
        raise ValueError(f"lr should be a positive number or {steps} positive numbers, one per step.")
    n = len(landscape.x)
    rng = np.random.default_rng(seed)
    point = np.array(landscape.start if start is None else start, dtype=np.float64)
    path, order = [point.copy()], np.array([], dtype=np.int64)
    for step in range(steps):
        if len(order) < min(batch_size, n):  # deal out what is left, then a fresh shuffle
            order = np.concatenate([order, rng.permutation(n)])
        batch, order = order[:min(batch_size, n)], order[min(batch_size, n):]
        batch_landscape = Landscape(landscape.x[batch], landscape.y[batch])
        point = point - rates[step] * np.array(batch_landscape.gradient(*point))
        path.append(point.copy())
    path = np.array(path)
    return {"path": path, "losses": landscape.loss(path[:, 0], path[:, 1])}


def wobble(path, reference):
    """How far a path strays from a reference path of the same length: the mean distance between the points of
    the same step, over the second half of the walk (when both should be near the valley floor)."""
    path, reference = np.asarray(path), np.asarray(reference)
    half = len(path) // 2
    return float(np.mean(np.hypot(*(path[half:] - reference[half:]).T)))


class MiniBatchView:
    """07's descent picture (DescentView: the landscape from above and the loss per step) with the full-batch hike
    as it draws it, and a second, mini-batch hike on top. draw(lr, batch_size, steps) returns the frame's numbers."""

    def __init__(self, landscape, max_steps=MAX_STEPS):
        self.base = DescentView(landscape, max_steps)
        self.landscape, self.live = landscape, self.base.live
        colour = OKABE_ITO[3]
        self.path_line, = self.base.ax_map.plot([], [], "-o", color=colour, markersize=2.5, linewidth=1.1,
                                                zorder=5.5)
        self.here, = self.base.ax_map.plot([], [], "o", color=colour, markersize=8, markeredgecolor="black",
                                           zorder=6.5)
        self.loss_line, = self.base.ax_loss.plot([], [], "-", color=colour, linewidth=1.3)
        self.base.loss_line.set_color(self.base.path_line.get_color())  # full batch: orange here too, as on the map
        self.base.ax_map.set_title("full batch (orange) and mini-batches (pink)", fontsize=10)
        self.base.ax_loss.set_title("loss on all 200 houses (log scale)", fontsize=10)
        self.base.ax_loss.legend([self.base.loss_line, self.loss_line], ["full batch", "mini-batches"],
                                 loc="upper right", fontsize=8, frameon=False)
        self.live.dynamic(self.path_line, self.here, self.loss_line)

    def draw(self, lr, batch_size, steps, seed=0):
        full = self.base.draw(lr, steps)
        n = len(self.landscape.x)
        mini = minibatch_descend(self.landscape, lr, len(full["losses"]) - 1, batch_size, seed=seed)
        shown = np.clip(mini["path"], -1e6, 1e6)
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        self.here.set_data(shown[-1:, 0], shown[-1:, 1])
        self.loss_line.set_data(np.arange(len(mini["losses"])), np.minimum(mini["losses"], 1e15))
        with np.errstate(invalid="ignore"):
            ups = int(np.sum(np.diff(mini["losses"]) > 0))
            full_ups = int(np.sum(np.diff(full["losses"]) > 0))
        return {"lr": float(lr), "batch_size": int(min(batch_size, n)), "steps": int(steps),
                "full_path": full["path"], "full_losses": full["losses"], "flew_off": full["flew_off"],
                "path": mini["path"], "losses": mini["losses"], "lowest": self.base.lowest,
                "ups": ups, "full_ups": full_ups, "wobble": wobble(mini["path"], full["path"]),
                "n_examples": n}

    def render(self):
        return self.live.render()


def describe_minibatch(frame):
    """One line for a frame: how often each hike's loss went up, and how far the mini-batch hike strayed."""
    if frame["flew_off"]:
        return (f"lr = {frame['lr']:.3f}: full-batch descent already overshoots further at every step and flies off "
                "the map; mini-batches cannot help. Take a smaller learning rate.")
    taken = len(frame["losses"]) - 1
    same = frame["batch_size"] >= frame["n_examples"]
    mini = ("the same houses every step, so the two hikes are one and the same" if same else
            f"batches of {frame['batch_size']} houses: the loss went up in {frame['ups']} of {taken} steps; in the "
            f"second half the pink hike strayed on average {frame['wobble']:.1f} from the orange one")
    return (f"lr = {frame['lr']:.3f}, {taken} steps. Full batch (all {frame['n_examples']} houses every step): the "
            f"loss went up in {frame['full_ups']} of {taken} steps. Mini-batches, {mini}.")


class MiniBatchExplorer(ToolkitWidget):
    """The widget minibatch_explorer returns. controls: 'lr' (a log slider), 'batch_size' and 'steps'."""

    def __init__(self, view, lr, batch_size, steps, max_steps):
        super().__init__()
        self.view, self.live = view, view.live
        style, layout = {"description_width": DESCRIPTION_WIDTH}, widgets.Layout(width="400px")
        lr_control = widgets.FloatLogSlider(value=lr, base=10, min=np.log10(MINIBATCH_LR_RANGE[0]),
                                            max=np.log10(MINIBATCH_LR_RANGE[1]), step=0.01,
                                            description="lr (step size)", readout_format=".3f",
                                            continuous_update=True, style=style, layout=layout)
        set_tooltip(lr_control, "learning rate: how far each step goes, times the slope")
        batch_control = widgets.SelectionSlider(options=list(BATCH_SIZES), value=batch_size,
                                                description="batch size", continuous_update=True, style=style,
                                                layout=layout)
        set_tooltip(batch_control, "how many houses each mini-batch step feels the slope on (200: all of them)")
        steps_control = widgets.IntSlider(value=steps, min=0, max=max_steps, description="steps",
                                          continuous_update=True, style=style, layout=layout)
        set_tooltip(steps_control, "how many steps downhill")
        self.controls = {"lr": lr_control, "batch_size": batch_control, "steps": steps_control}
        self._assemble()
        self.summary = "Mini-batch explorer: house-price loss landscape; full-batch and mini-batch descent"
        self.refresh()

    def state(self):
        return {"lr": float(self.controls["lr"].value), "batch_size": int(self.controls["batch_size"].value),
                "steps": int(self.controls["steps"].value)}

    def _redraw(self):
        frame = self.view.draw(**self.state())
        self.image.value = self.live.render()
        self.readout.value = describe_minibatch(frame)
        return frame


def minibatch_explorer(lr=0.3, batch_size=10, steps=60, *, landscape=None, max_steps=MAX_STEPS):
    """Full-batch and mini-batch descent side by side on 07's house-price loss landscape.

    lr: the learning rate of both hikes (0.01 to 1); batch_size: one of BATCH_SIZES (200: every house, full
    batch); steps: 0 to max_steps. Returns a MiniBatchExplorer (.controls, .view, .frame, .render()).
    Introduced in 11_generalisation.
    """
    lr = check_positive_number(lr, "lr (the learning rate)")
    if not MINIBATCH_LR_RANGE[0] <= lr <= MINIBATCH_LR_RANGE[1]:
        raise ValueError(f"lr should be between {MINIBATCH_LR_RANGE[0]} and {MINIBATCH_LR_RANGE[1]}, but got {lr}.")
    if batch_size not in BATCH_SIZES:
        raise ValueError(f"batch_size should be one of {BATCH_SIZES}, but got {batch_size!r}.")
    max_steps = check_positive_int(max_steps, "max_steps")
    steps = check_positive_int(steps, "steps", allow_zero=True)
    if steps > max_steps:
        raise ValueError(f"steps should be at most max_steps ({max_steps}), but got {steps}.")
    return MiniBatchExplorer(MiniBatchView(landscape or house_price_landscape(), max_steps), lr, batch_size, steps,
                             max_steps)
