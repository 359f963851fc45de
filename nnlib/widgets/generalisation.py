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

import numpy as np

from ..experiments import (RECIPE, WEIGHT_DECAYS, few_digits, minibatch_descend, train_few,  # noqa: F401
                           trained_few, weight_decay_runs, wobble)
from ..plots.style import CLASS_COLORS, OKABE_ITO
from ..state.descent import BATCH_SIZES, MINIBATCH_LR_RANGE, MINIBATCH_MAX_STEPS, MiniBatchDescent, check_hike
from ..state.generalisation import WeightDecayChoice
from ._live import LiveFigure, ToolkitWidget, View
from .controls import choice_slider
from .descent import DescentView, hike_sliders

MAX_STEPS = MINIBATCH_MAX_STEPS

# ---- a network that memorises 100 digits -------------------------------------------------------------------


class WeightDecayView(View):
    """Draws one run of the grid: loss (left) and accuracy (right) per epoch, training solid and validation dashed;
    the run without weight decay stays in grey behind for comparison. draw(choice) draws a WeightDecayChoice's run
    and returns its numbers."""

    WIDTH, HEIGHT = 700, 300

    def __init__(self, runs):
        self.runs = runs
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        self.ax_loss, self.ax_acc = self.live.add_axes([0.08, 0.15, 0.39, 0.72], [0.59, 0.15, 0.39, 0.72])
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

    def draw(self, choice):
        """Show the run the choice picked. Returns its numbers."""
        epochs = np.arange(1, len(choice.run["loss"]) + 1)
        for key, line in self.lines.items():
            line.set_data(epochs, choice.run[key])
        self.title.set_text(f"weight decay {choice.weight_decay:g}: 100 training digits, 300 validation digits")
        return choice.numbers


class WeightDecayExplorer(ToolkitWidget):
    """The widget weight_decay_explorer returns. controls: 'weight_decay' (a slider over the grid); state_model:
    the WeightDecayChoice."""

    def __init__(self, view, choice):
        super().__init__()
        self.view, self.live, self.state_model = view, view.live, choice
        control = choice_slider("weight decay", [(f"{wd:g}", wd) for wd in choice.runs], choice.weight_decay,
                                "weight decay: how hard each step pulls every weight towards 0", width="420px")
        self.controls = {"weight_decay": control}
        self._assemble(summary="Weight decay explorer: 64-256-10 on 100 digits; training and validation curves")


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
    choice = WeightDecayChoice(weight_decay_runs(grid), float(weight_decay))
    return WeightDecayExplorer(WeightDecayView(choice.runs), choice)


# ---- mini-batch noise on 07's landscape --------------------------------------------------------------------

class MiniBatchView(View):
    """07's descent picture (DescentView: the landscape from above and the loss per step) with the full-batch hike
    as it draws it, and a second, mini-batch hike on top. draw(hikes) draws a MiniBatchDescent and returns its
    numbers."""

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

    def draw(self, hikes):
        self.base.draw(hikes.full)
        mini = hikes.numbers
        shown = np.clip(mini["path"], -1e6, 1e6)
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        self.here.set_data(shown[-1:, 0], shown[-1:, 1])
        self.loss_line.set_data(np.arange(len(mini["losses"])), np.minimum(mini["losses"], 1e15))
        return hikes.numbers


class MiniBatchExplorer(ToolkitWidget):
    """The widget minibatch_explorer returns. controls: 'lr' (a log slider), 'batch_size' and 'steps'; state_model:
    the MiniBatchDescent."""

    def __init__(self, view, hikes, max_steps):
        super().__init__()
        self.view, self.live, self.state_model = view, view.live, hikes
        hike = hike_sliders(hikes.lr, MINIBATCH_LR_RANGE, hikes.steps, max_steps)
        batch_control = choice_slider("batch size", list(BATCH_SIZES), hikes.batch_size,
                                      "how many houses each mini-batch step feels the slope on (200: all of them)")
        self.controls = {"lr": hike["lr"], "batch_size": batch_control, "steps": hike["steps"]}
        self._assemble(summary="Mini-batch explorer: house-price loss landscape; full-batch and mini-batch descent")


def minibatch_explorer(lr=0.3, batch_size=10, steps=60, *, landscape=None, max_steps=MAX_STEPS):
    """Full-batch and mini-batch descent side by side on 07's house-price loss landscape.

    lr: the learning rate of both hikes (0.01 to 1); batch_size: one of BATCH_SIZES (200: every house, full
    batch); steps: 0 to max_steps. Returns a MiniBatchExplorer (.controls, .view, .frame, .render()).
    Introduced in 11_generalisation.
    """
    lr, steps, max_steps = check_hike(lr, MINIBATCH_LR_RANGE, steps, max_steps)
    if batch_size not in BATCH_SIZES:
        raise ValueError(f"batch_size should be one of {BATCH_SIZES}, but got {batch_size!r}.")
    hikes = MiniBatchDescent(landscape, lr, batch_size, steps)
    return MiniBatchExplorer(MiniBatchView(hikes.landscape, max_steps), hikes, max_steps)
