"""The training playground: watch gradient descent fit a network to 2-D data, epoch by epoch.

Pick a dataset, the hidden layer sizes, the activation and the learning rate; Play, Pause, Step and Reset.
The decision boundary and the training and test loss curves move as it learns. The same seed gives the same
run, and Reset returns to exactly the same starting weights. Introduced in 07_backprop.
"""

import numpy as np
import ipywidgets as widgets
from sklearn.model_selection import train_test_split

from .._validate import check_choice, check_positive_int, check_positive_number
from ..datasets import TOY_DATASETS, toy_2d
from ..network import MLP
from ..plots._style import scatter_classes
from ..plots.boundary import plane_grid, plot_decision_boundary
from ..plots.history import plot_history
from ._live import IPYWIDGETS_7, LiveFigure, ToolkitWidget, button, column, dropdown

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
HIDDEN_CHOICES = ((2,), (4,), (8,), (16,), (4, 4), (8, 8), (16, 16))
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
_PLAYING = "_playing" if IPYWIDGETS_7 else "playing"  # the Play widget's running flag in 7.x and 8


def _hidden_label(hidden):
    return ", ".join(str(n) for n in hidden)


class TrainingView:
    """Draws the playground's picture with matplotlib alone: the decision boundary with training points
    (filled) and test points (outlined), and the loss curves. draw(model, history) returns its numbers."""

    WIDTH, HEIGHT = 680, 300

    def __init__(self, model, X_train, y_train, X_test, y_test, history):
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        X_all = np.vstack([X_train, X_test])
        ax = fig.add_axes([0.07, 0.13, 0.36, 0.77])
        self.boundary = plot_decision_boundary(model, X_train, y_train, ax, resolution=50, boundary=False,
                                               extent=None if len(X_all) == 0 else _extent(X_all), point_size=22)
        self.boundary.image.set_interpolation("bilinear")
        self.test_points = scatter_classes(ax, X_test, y_test, size=24, hollow=True)
        if len(self.boundary.points) != 2 or len(self.test_points) != 2:
            raise ValueError("The training playground needs both classes (0 and 1) in the training and test points.")
        ax.tick_params(labelsize=8)
        ax.set_xlabel("$x_1$", labelpad=0)
        ax.set_ylabel("$x_2$", labelpad=0)
        self.title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=10)
        ax_loss = fig.add_axes([0.56, 0.15, 0.41, 0.75])
        self.curves = plot_history(history, ax_loss, metric="loss", first_epoch=0)
        ax_loss.tick_params(labelsize=8)
        ax_loss.set_title("loss (binary cross-entropy)", fontsize=10)  # one sigmoid output: P(class 1)
        self.live.dynamic(self.boundary.image, self.boundary.points, self.test_points, self.title,
                          list(self.curves.lines.values()))

    def restart(self, history, data=None):
        """Start the picture over for a new run (history at epoch 0) and, if given, new data
        (X_train, y_train, X_test, y_test): the figure itself is kept, which is much faster than a new one."""
        if data is not None:
            X_train, y_train, X_test, y_test = data
            extent = _extent(np.vstack([X_train, X_test]))
            self.boundary.grid = plane_grid(extent=extent, resolution=self.boundary.shape[0])[0]
            self.boundary.image.set_extent(extent)
            self.boundary.ax.set_xlim(extent[:2])
            self.boundary.ax.set_ylim(extent[2:])
            for collections, X, y in ((self.boundary.points, X_train, y_train), (self.test_points, X_test, y_test)):
                for label, dots in enumerate(collections):
                    dots.set_offsets(X[y == label])
        ax_loss = self.curves.ax
        ax_loss.set_xlim(0, 10)
        ax_loss.set_ylim(0, 1.15 * max(history["loss"][0], history["val_loss"][0], 1e-3))
        self.live.invalidate()

    def draw(self, model, history, epoch):
        """Show the model after `epoch` epochs and the history so far (lists 'loss', 'val_loss', ...)."""
        self.boundary.update(model)
        if self.curves.update(history):
            self.live.invalidate()
        self.title.set_text(f"epoch {epoch}")
        return {"epoch": epoch, "loss": history["loss"][-1], "val_loss": history["val_loss"][-1],
                "accuracy": history["accuracy"][-1], "val_accuracy": history["val_accuracy"][-1]}

    def render(self):
        return self.live.render()


def _extent(X):
    low, high = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * (high - low) + 0.1
    return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])


class TrainingPlayground(ToolkitWidget):
    """The widget training_playground returns.

    step() trains epochs_per_step epochs and redraws; play() / pause() start and stop the Play timer (its ticks
    come from the browser, so nothing runs, and nothing can hang, where no browser is attached); reset()
    restores the seeded starting weights. model, epoch, history and initial_weights show the state.
    controls: 'dataset', 'hidden', 'activation', 'lr', 'play', 'step', 'reset'.
    """

    def __init__(self, dataset, hidden, activation, lr, seed, epochs_per_step, batch_size, test_size, n_samples,
                 interval, max_epochs):
        super().__init__()
        self.seed, self.epochs_per_step, self.batch_size = seed, epochs_per_step, batch_size
        self.test_size, self.n_samples, self.max_epochs = test_size, n_samples, max_epochs
        self.playing = False
        hidden_options = list(HIDDEN_CHOICES) if hidden in HIDDEN_CHOICES else [hidden] + list(HIDDEN_CHOICES)
        rates = sorted(set(LEARNING_RATES) | {lr})
        self.controls = {
            "dataset": dropdown("dataset", list(TOY_DATASETS), dataset, width="260px"),
            "hidden": dropdown("hidden layers", [(_hidden_label(h), h) for h in hidden_options], hidden,
                               width="260px"),
            "activation": dropdown("activation", list(ACTIVATIONS), activation, width="260px"),
            "lr": widgets.SelectionSlider(options=[(f"{r:g}", r) for r in rates], value=lr,
                                          description="learning rate", continuous_update=False,
                                          style={"description_width": "120px"},
                                          layout=widgets.Layout(width="330px")),
            "play": widgets.Play(value=0, min=0, max=10 ** 9, step=1, interval=interval, show_repeat=False,
                                 description="Play"),
            "step": button("Step", f"train {epochs_per_step} more epochs", icon="step-forward"),
            "reset": button("Reset", "back to the starting weights, epoch 0", icon="undo"),
        }
        c = self.controls
        for name in ("dataset", "hidden", "activation"):
            c[name].observe(self._rebuild, names="value")
        c["lr"].observe(self._show_status, names="value")
        c["play"].observe(self._tick, names="value")
        c["play"].observe(self._play_changed, names=_PLAYING)
        c["step"].on_click(lambda _: self._guarded(self.step))
        c["reset"].on_click(lambda _: self._guarded(self.reset))
        self.view = None
        self.image = widgets.Image(format="png", width=str(TrainingView.WIDTH),
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.readout = widgets.HTML()
        buttons = widgets.HBox([c["play"], c["step"], c["reset"]])
        controls = widgets.HBox([column(c["dataset"], c["hidden"], c["activation"]), column(c["lr"], buttons)],
                                layout=widgets.Layout(flex_flow="row wrap"))
        self._setup([self.image, self.readout, controls])
        self._load_data()
        self.reset()
        self.summary = (f"Training playground: {dataset}, hidden {list(hidden)}, {activation}, lr {lr:g}, "
                        f"seed {seed}")

    # ---- the run --------------------------------------------------------------------------------------
    @property
    def lr(self):
        return self.controls["lr"].value

    def _load_data(self):
        X, y = toy_2d(self.controls["dataset"].value, n_samples=self.n_samples, seed=self.seed)
        self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(
            X, y, test_size=self.test_size, stratify=y, random_state=self.seed)
        self._new_data = True

    def _fresh_model(self):
        return MLP([2, *self.controls["hidden"].value, 1], activation=self.controls["activation"].value,
                   seed=self.seed)

    def _record(self):
        with np.errstate(all="ignore"):
            for key, X, y in (("", self.X_train, self.y_train), ("val_", self.X_test, self.y_test)):
                self.history[key + "loss"].append(self.model.loss(X, y))
                self.history[key + "accuracy"].append(self.model.accuracy(X, y))

    def reset(self):
        """Back to epoch 0 with the seeded starting weights (the same every time). Stops Play."""
        self.pause()
        self.model = self._fresh_model()
        self.initial_weights = [W.copy() for W in self.model.weights]
        self.initial_biases = [b.copy() for b in self.model.biases]
        self.epoch = 0
        self.history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
        self._record()
        data = (self.X_train, self.y_train, self.X_test, self.y_test)
        if self.view is None:
            self.view = TrainingView(self.model, *data, self.history)
            self.live = self.view.live
        else:
            self.view.restart(self.history, data if self._new_data else None)
        self._new_data = False
        return self.refresh()

    def step(self, epochs=None):
        """Train `epochs` more epochs (default epochs_per_step), one recorded point per epoch, then redraw."""
        epochs = self.epochs_per_step if epochs is None else check_positive_int(epochs, "epochs")
        with np.errstate(all="ignore"):  # a learning rate that is too big shows as a message, not warnings
            for _ in range(epochs):
                if self.epoch >= self.max_epochs:
                    break
                # one seeded shuffle per epoch: the same seed replays the same run
                self.model.fit(self.X_train, self.y_train, epochs=1, lr=self.lr, batch_size=self.batch_size,
                               seed=self.seed * 100_003 + self.epoch)
                self.epoch += 1
                self._record()
                if not np.isfinite(self.history["loss"][-1]):
                    break
        if self.epoch >= self.max_epochs or not np.isfinite(self.history["loss"][-1]):
            self.pause()
        return self.refresh()

    def play(self):
        """Start the Play timer (in a browser it steps every `interval` ms until pause())."""
        self.playing = True
        setattr(self.controls["play"], _PLAYING, True)

    def pause(self):
        """Stop the Play timer; a tick that was already on its way is ignored."""
        self.playing = False
        if getattr(self.controls["play"], _PLAYING):
            setattr(self.controls["play"], _PLAYING, False)

    # ---- widget events --------------------------------------------------------------------------------
    def _play_changed(self, change):
        self.playing = bool(change["new"])
        self._show_status()

    def _tick(self, change):
        if self.playing and change["new"] > change["old"]:
            self._guarded(self.step)

    def _rebuild(self, change):
        if change["owner"] is self.controls["dataset"]:
            self._load_data()
        self._guarded(self.reset)

    def _guarded(self, action):
        try:
            action()
        except Exception as error:  # keep the playground alive and say what went wrong
            from ._live import error_html

            self.pause()
            self.last_error = error
            self.readout.value = error_html(error)

    def _redraw(self):
        frame = self.view.draw(self.model, self.history, self.epoch)
        self.image.value = self.live.render()
        self._show_status(frame=frame)
        return frame

    def _show_status(self, change=None, frame=None):
        frame = frame or self.frame
        if not frame:
            return
        if not np.isfinite(frame["loss"]):
            self.readout.value = (f"epoch {frame['epoch']}: <b>the loss blew up</b> (a learning rate of "
                                  f"{self.lr:g} is too big here). Press Reset and pick a smaller one.")
            return
        state = "playing" if self.playing else "paused"
        text = (f"<b>epoch {frame['epoch']}</b> ({state}, learning rate {self.lr:g}) &nbsp; "
                f"training loss <b>{frame['loss']:.3f}</b> (accuracy {100 * frame['accuracy']:.0f}%) &nbsp; "
                f"test loss <b>{frame['val_loss']:.3f}</b> (accuracy {100 * frame['val_accuracy']:.0f}%)")
        if self.epoch >= self.max_epochs:
            text += f" &nbsp; stopped at {self.max_epochs} epochs"
        self.readout.value = text


def training_playground(dataset="xor", *, hidden=(4,), activation="tanh", lr=0.1, seed=0, epochs_per_step=5,
                        batch_size=16, test_size=0.3, n_samples=200, interval=150, max_epochs=5000):
    """Train a small network on a toy 2-D dataset and watch it learn, with Play / Pause / Step / Reset.

    dataset: one of 'and', 'or', 'xor', 'blobs', 'moons', 'circles', 'spirals' (toy_2d, n_samples points, 30%
    held out as test points, drawn outlined). hidden: the hidden layer sizes, e.g. (4,) or (8, 8).
    activation: 'relu', 'tanh', 'sigmoid' or 'leaky_relu'. lr: the learning rate (the slider offers 0.001 to 3).
    seed: the data, the split, the starting weights and every shuffle; the same seed gives the same run.
    epochs_per_step: epochs per Step press or Play tick; interval: milliseconds between Play ticks.
    Returns a TrainingPlayground widget (.step(), .play(), .pause(), .reset(), .model, .epoch, .history,
    .controls, .render()). Introduced in 07_backprop.
    """
    check_choice(dataset, "dataset", TOY_DATASETS)
    if isinstance(hidden, (int, np.integer)):
        hidden = (hidden,)
    if not isinstance(hidden, (tuple, list)) or not hidden:
        raise TypeError(f"hidden should be the hidden layer sizes, e.g. (4,) or (8, 8), but got {hidden!r}.")
    hidden = tuple(check_positive_int(n, "each hidden layer size") for n in hidden)
    check_choice(activation, "activation", ACTIVATIONS)
    lr = check_positive_number(lr, "lr (the learning rate)")
    seed = check_positive_int(seed, "seed", allow_zero=True)
    if not 0 < test_size < 1:
        raise ValueError(f"test_size should be a fraction between 0 and 1, such as 0.3, but got {test_size!r}.")
    return TrainingPlayground(dataset, hidden, activation, lr, seed,
                              check_positive_int(epochs_per_step, "epochs_per_step"),
                              check_positive_int(batch_size, "batch_size"), test_size,
                              check_positive_int(n_samples, "n_samples"), check_positive_int(interval, "interval"),
                              check_positive_int(max_epochs, "max_epochs"))
