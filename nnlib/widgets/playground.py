"""The training playground: watch a network learn 2-D data and watch every hidden neuron build its feature.

Like TensorFlow Playground, every neuron is drawn as a thumbnail of what it outputs over the whole plane,
updated as it trains, with the connections between them drawn as lines (width |w|, blue positive, red
negative), so you can see the second layer combine the first layer's half-planes. On top of that: input
features (x1^2, x1*x2, sin x1, ...), weight decay (l2), label noise, the train/test split and the batch size,
your own data (several classes too), and .to_code(), which writes the trained network out as Python.
Pick any neuron in "look at" to see it large with the data. Introduced in 07_backprop; 05_layers uses it as
the feature factory.

The run itself (data, split, noise, model, steps, history) is a PlaygroundRun (nnlib.state.playground); the
picture is a PlaygroundView; this module holds the controls.
"""

import ipywidgets as widgets

from .._validate import check_choice, check_positive_int
from ..datasets import TOY_DATASETS
from ..features import FEATURES, check_features, feature_columns, network_code  # noqa: F401 (importable here)
from ..state.playground import (ACTIVATIONS, BATCH_CHOICES, GRID, HIDDEN_CHOICES, L2_CHOICES,  # noqa: F401
                                LEARNING_RATES, NOISE_CHOICES, TEST_CHOICES, PlaygroundRun, check_hidden)
from ._live import ToolkitWidget
from .controls import IPYWIDGETS_7, button, column, dropdown, row
from .browser import PageValue, colour_table, control_specs
from .playground_view import FEATURE_TEXT, WEIGHT_SCALE, PlaygroundView, frame_numbers

OWN_DATA = "your data"
_PLAYING = "_playing" if IPYWIDGETS_7 else "playing"  # the Play widget's running flag in 7.x and 8
RESTARTS = {"features", "hidden", "activation", "noise", "test_size"}  # settings that start the run again


def _label(hidden):
    return "none" if not hidden else ", ".join(str(n) for n in hidden)


def _selection_slider(description, options, value, fmt="{:g}"):
    options = sorted(set(options) | {value})
    return widgets.SelectionSlider(options=[(fmt.format(v), v) for v in options], value=value,
                                   description=description, continuous_update=False,
                                   style={"description_width": "120px"}, layout=widgets.Layout(width="330px"))


def _run_property(name, doc):
    return property(lambda self: getattr(self.state_model, name), doc=doc)


class TrainingPlayground(ToolkitWidget):
    """The widget training_playground returns.

    step() trains epochs_per_step epochs and redraws (what the Step button does); play() / pause() start and
    stop the Play timer (its ticks come from the browser, so nothing runs where no browser is attached);
    reset() restores the seeded starting weights. state_model is the PlaygroundRun; model, epoch, history,
    initial_weights show it; grid (P, 2), inputs(points) and neuron_maps show what is drawn; to_code() writes
    the network as Python. controls: 'dataset', 'hidden', 'activation', 'lr', 'l2', 'batch', 'noise', 'test',
    'look', one toggle per feature ('feature x1', 'feature x1^2', ...), 'play', 'step', 'reset'.
    """

    def __init__(self, run, dataset, n_samples, interval, train_controls=True):
        super().__init__()
        self.state_model, self.dataset, self.n_samples = run, dataset, n_samples
        self.train_controls = train_controls
        self.playing = False
        own = dataset == OWN_DATA
        self._own = (run.X_all, run.y_all) if own else None
        hidden = run.hidden
        hidden_options = list(HIDDEN_CHOICES) if hidden in HIDDEN_CHOICES else [hidden] + list(HIDDEN_CHOICES)
        self.controls = {
            "dataset": dropdown("dataset", ([OWN_DATA] if own else []) + list(TOY_DATASETS), dataset,
                                width="250px"),
            "hidden": dropdown("hidden layers", [(_label(h), h) for h in hidden_options], hidden, width="250px"),
            "activation": dropdown("activation", list(ACTIVATIONS), run.activation, width="250px"),
            "look": dropdown("look at", [("output", None)], None, width="250px"),
            "lr": _selection_slider("learning rate", LEARNING_RATES, run.lr),
            "l2": _selection_slider("l2 (weight decay)", L2_CHOICES, run.l2),
            "batch": _selection_slider("batch size", BATCH_CHOICES, run.batch_size, fmt="{:d}"),
            "noise": _selection_slider("label noise", NOISE_CHOICES, run.noise, fmt="{:.0%}"),
            "test": _selection_slider("test share", TEST_CHOICES, run.test_size, fmt="{:.0%}"),
        }
        for name in FEATURES:
            self.controls[f"feature {name}"] = widgets.ToggleButton(
                value=name in run.features, description=name, tooltip=f"give the network the input {name}",
                layout=widgets.Layout(width="80px" if name.startswith("sin") else "64px"))
        self.controls.update({
            "play": widgets.Play(value=0, min=0, max=10 ** 9, step=1, interval=interval, show_repeat=False,
                                 description="Play"),
            "step": button("Step", f"train {run.epochs_per_step} more epochs", icon="step-forward"),
            "reset": button("Reset", "back to the starting weights, epoch 0", icon="undo"),
        })
        c = self.controls
        for name, control in c.items():
            if name in ("lr", "l2", "batch"):  # used from the next step on: the picture stays, the readout says
                control.observe(self._setting, names="value")
            elif name not in ("play", "step", "reset"):
                control.observe(self.refresh, names="value")
        c["play"].observe(self._tick, names="value")
        c["play"].observe(self._play_changed, names=_PLAYING)
        c["step"].on_click(lambda _: self._act(self._train))
        c["reset"].on_click(lambda _: self._act(self._reset_run))
        self.image = widgets.Image(format="png", width=str(PlaygroundView.WIDTH),
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.readout = widgets.HTML()
        toggles = row(widgets.HTML("<span style='padding-right:6px'>inputs</span>"),
                      *(c[f"feature {f}"] for f in FEATURES))
        buttons = widgets.HBox([c["play"], c["step"], c["reset"]])
        controls = row(column(c["dataset"], c["hidden"], c["activation"], c["look"]),
                       column(c["lr"], c["l2"], c["batch"], c["noise"], c["test"]))
        if train_controls:
            self._setup([self.image, self.readout, buttons, toggles, controls])
        else:  # only 'look at': the network as it is (05, before training is taught); the rest is not shown
            self._setup([self.image, self.readout, c["look"]])
        self._new_view()
        where = f"{OWN_DATA} ({len(run.y_all)} points)" if own else dataset
        layers = f"hidden {list(hidden)}, {run.activation}" if hidden else "no hidden layer"  # no layer to activate
        self.summary = f"Training playground: {where}, {layers}, lr {run.lr:g}, seed {run.seed}"
        self.refresh()
        # Play / Pause in the page: a press (the kernel's Play then ticks; each frame says whether it plays)
        self.controls["play or pause"] = button("Play", "train until paused")
        self.controls["play or pause"].on_click(lambda _: self.pause() if self.playing else self.play())
        # 'look at' in the page: the option's text (the menu's values, None or (layer, neuron), are not JSON)
        self.controls["look text"] = PageValue(self._look_text(), "look at")
        self.controls["look text"].observe(self._look_text_set, names="value")
        self.controls["look"].observe(lambda _: setattr(self.controls["look text"], "value", self._look_text()),
                                      names="value")
        self._offer_browser_view()

    # ---- drawn in the browser (front/playground.js): the kernel trains and sends numbers only ----------
    browser_family = "playground"  # drawn in the page by front/playground.js (see widgets/browser.py)
    _sent = None

    def browser_spec(self):
        """The colours, the controls and the current frame's numbers (frame_numbers) for the page; each later
        frame is sent as a message {frame: ...} when its numbers change."""
        from ..plots.boundary import MAP_ALPHA
        from ..plots.style import CLASS_CMAP, CLASS_COLORS, CLASS_MARKERS, NEGATIVE, POSITIVE

        c = self.controls
        shown = ["dataset", "hidden", "activation", "lr", "l2", "batch", "noise", "test"] if self.train_controls else []
        controls = control_specs({name: c[name] for name in shown}, columns={
            name: 0 if name in ("dataset", "hidden", "activation") else 1 for name in shown})
        for spec in controls:
            if spec["name"] in ("lr", "l2", "batch", "noise", "test"):  # a slider over its list of values
                options = c[spec["name"]].options
                spec.update(kind="range", values=[v for _, v in options], texts=[t for t, _ in options])
        if self.train_controls:
            controls = [{"name": n, "label": c[n].description, "kind": "button", "tooltip": c[n].tooltip,
                         "column": 2} for n in ("step", "reset")] + controls
        frame = self._frame_message()
        self._sent = frame
        return {"family": "playground", "size": [PlaygroundView.WIDTH, PlaygroundView.HEIGHT],
                "train_controls": self.train_controls, "features": list(FEATURES),
                "feature_labels": FEATURE_TEXT,
                "epochs_per_step": self.state_model.epochs_per_step, "weight_scale": WEIGHT_SCALE,
                "colours": {"map": colour_table(CLASS_CMAP), "classes": list(CLASS_COLORS),
                            "markers": list(CLASS_MARKERS), "positive": POSITIVE, "negative": NEGATIVE,
                            "map_alpha": MAP_ALPHA, "region_alpha": 0.35},
                "controls": controls, "frame": frame}

    def _frame_message(self):
        run = self.state_model
        return {**frame_numbers(run, self.controls["look"].value), "playing": bool(self.playing),
                "lr": run.lr, "l2": run.l2}

    def _look_text(self):
        look = self.controls["look"]
        return next(text for text, value in look.options if value == look.value)

    def _look_text_set(self, change):
        look = self.controls["look"]
        chosen = [value for text, value in look.options if text == change["new"]]
        if chosen and chosen[0] != look.value:
            look.value = chosen[0]

    def _send_frame(self):
        if self.browser is None:
            return
        frame = self._frame_message()
        if frame != self._sent:  # only new numbers (the page's own values coming back change nothing)
            self._sent = frame
            if self.browser_drawn:
                self.browser.send({"frame": frame})
            else:  # no page has drawn it yet (a message now would be lost): the page starts from this frame
                self.browser.spec = {**self.browser.spec, "frame": frame}

    def _catch_up(self):
        """While the page draws the widget the kernel's picture is not drawn: render() draws it first."""
        if self.browser_drawn:
            self.view.draw(self.state_model, self.controls["look"].value)

    # ---- the run as the controls set it ---------------------------------------------------------------
    def state(self):
        """Hand the controls' values to the run (a changed dataset starts a new one) and return it."""
        c = self.controls
        features = tuple(name for name in FEATURES if c[f"feature {name}"].value)
        if not features:
            raise ValueError("Every input feature is switched off: switch at least one on (x1 and x2, say).")
        settings = dict(lr=c["lr"].value, l2=c["l2"].value, batch_size=c["batch"].value, noise=c["noise"].value,
                        test_size=c["test"].value, features=features, hidden=c["hidden"].value,
                        activation=c["activation"].value)
        dataset = c["dataset"].value
        if dataset != self.dataset:
            run = self.state_model
            data = (dict(X=self._own[0], y=self._own[1]) if dataset == OWN_DATA else
                    dict(dataset=dataset, n_samples=self.n_samples))
            make = PlaygroundRun if dataset == OWN_DATA else PlaygroundRun.from_dataset
            self.state_model = make(**data, seed=run.seed, epochs_per_step=run.epochs_per_step,
                                    max_epochs=run.max_epochs, **settings)
            self.dataset = dataset
            self.pause()
            self._new_view()
        elif self.state_model.set(**settings) & RESTARTS:
            self._restarted()
        return self.state_model

    def _setting(self, change):
        """The learning rate, l2 or batch size moved: the run uses it from the next step; the readout says so."""
        try:
            c = self.controls
            self.state_model.set(lr=c["lr"].value, l2=c["l2"].value, batch_size=c["batch"].value)
            self.readout.value = self._readout(self.frame)
        except Exception:  # the redraw says what went wrong
            self.refresh()

    def _new_view(self):
        self.view = PlaygroundView(self.state_model, show_loss=self.train_controls)
        self.live = self.view.live
        self._update_look_options()

    def _restarted(self):
        """The run started again: stop Play; the same picture if the network's shape is the same."""
        self.pause()
        run = self.state_model
        if self.view.structure != (run.model.layer_sizes, run.features, id(run.X_all)):
            self._new_view()
        else:
            self.view.restart(run)

    def _update_look_options(self):
        look = self.controls["look"]
        options = [("output", None)] + [(f"layer {layer + 1}, neuron {k + 1}", (layer, k))
                                        for layer, n in enumerate(self.state_model.hidden) for k in range(n)]
        keep = look.value if look.value in [v for _, v in options] else None
        with look.hold_trait_notifications():
            look.unobserve(self.refresh, names="value")
            look.options = options
            look.value = keep
        look.observe(self.refresh, names="value")

    def _draw(self, run):
        if self.browser_drawn:  # the page draws it: the kernel sends the numbers and spends nothing on matplotlib
            self._send_frame()
            return {**run.scores(), "neuron_maps": run.neuron_maps}
        frame = self.view.draw(run, self.controls["look"].value)
        self._send_frame()
        return frame

    def _readout(self, frame):
        run = self.state_model
        if run.blew_up:
            return (f"epoch {frame['epoch']}: <b>the loss blew up</b> (a learning rate of {run.lr:g} is too big "
                    "here). Press Reset and pick a smaller one.")
        if not self.train_controls:
            right, n = run.right_count()
            return f"The network classifies <b>{right} of {n}</b> points correctly."
        state = "playing" if self.playing else "paused"
        l2 = f", l2 {run.l2:g}" if run.l2 else ""
        text = (f"<b>epoch {frame['epoch']}</b> ({state}, learning rate {run.lr:g}{l2}) &nbsp; "
                f"training loss <b>{frame['loss']:.3f}</b> (accuracy {100 * frame['accuracy']:.0f}%) &nbsp; "
                f"test loss <b>{frame['val_loss']:.3f}</b> (accuracy {100 * frame['val_accuracy']:.0f}%)")
        if run.epoch >= run.max_epochs:
            text += f" &nbsp; stopped at {run.max_epochs} epochs"
        return text

    # ---- actions ---------------------------------------------------------------------------------------
    def _train(self, epochs=None):
        self.state_model.step(epochs)
        if self.state_model.finished:
            self.pause()

    def step(self, epochs=None):
        """Train `epochs` more epochs (default epochs_per_step) with the current learning rate, l2 and batch size,
        one recorded point per epoch, then redraw. Same as pressing Step."""
        self._train(epochs)
        return self.refresh()

    def _reset_run(self):
        self.pause()
        self.state_model.reset()
        self.view.restart(self.state_model)

    def reset(self):
        """Back to epoch 0 with the seeded starting weights (the same every time). Stops Play."""
        self._reset_run()
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

    def select(self, layer=None, neuron=None):
        """Show hidden neuron `neuron` of hidden layer `layer` large (both counted from 1), or the output (None)."""
        self.controls["look"].value = None if layer is None else (layer - 1, neuron - 1)
        return self.frame

    def _play_changed(self, change):
        self.playing = bool(change["new"])
        self._send_frame()
        if self.frame:
            self.readout.value = self._readout(self.frame)

    def _tick(self, change):
        if self.playing and change["new"] > change["old"]:
            self._act(self._train)
            if self.last_error is not None:  # keep the playground alive: the readout says what went wrong
                self.pause()

    # ---- the run, read through the widget -----------------------------------------------------------------
    model = _run_property("model", "The MLP being trained.")
    epoch = _run_property("epoch", "Epochs trained since the last restart.")
    history = _run_property("history", "loss, accuracy, val_loss, val_accuracy after every epoch from epoch 0.")
    initial_weights = _run_property("initial_weights", "The seeded starting weights.")
    initial_biases = _run_property("initial_biases", "The seeded starting biases.")
    X_train = _run_property("X_train", "The training points (n, 2).")
    X_test = _run_property("X_test", "The test points (n, 2).")
    y_train = _run_property("y_train", "The training labels the network sees (label noise included).")
    y_test = _run_property("y_test", "The test labels (always the true ones).")
    X_all = _run_property("X_all", "Every point, before the split.")
    y_all = _run_property("y_all", "Every label, before the split and the noise.")
    n_classes = _run_property("n_classes", "The number of classes.")
    grid = _run_property("grid", "The plane's points (P, 2) every thumbnail is drawn from, row by row from the "
                                 "bottom-left corner.")
    neuron_maps = _run_property("neuron_maps", "What the thumbnails show: one (n_neurons, H, W) array per hidden "
                                               "layer, H * W = len(grid) (row r, column c is grid point r * W + c).")
    lr = _run_property("lr", "The learning rate used from the next step on.")
    l2 = _run_property("l2", "The weight decay used from the next step on (0 = off).")
    noise = _run_property("noise", "The share of training points whose label is flipped (test points keep theirs).")
    test_size = _run_property("test_size", "The share of the points held back as test points.")
    features = _run_property("features", "The input features switched on, in FEATURES' order.")
    hidden = _run_property("hidden", "The hidden layer sizes.")
    seed = _run_property("seed", "The seed of the data, the split, the starting weights and every shuffle.")
    epochs_per_step = _run_property("epochs_per_step", "Epochs per Step press or Play tick.")
    max_epochs = _run_property("max_epochs", "The run stops here.")

    @property
    def batch_size(self):
        return self.state_model.batch_size

    @batch_size.setter
    def batch_size(self, value):  # the old playground's attribute: setting it moves the slider
        control = self.controls["batch"]
        value = check_positive_int(value, "batch_size")
        if value not in [v for _, v in control.options]:
            control.options = [(f"{v:d}", v) for v in sorted({v for _, v in control.options} | {value})]
        control.value = value

    def inputs(self, points):
        """The rows the network sees for plane points: (n, 2) -> (n, len(features))."""
        return self.state_model.inputs(points)

    def to_code(self):
        """Python source that defines `net` (an nnlib.MLP with the trained weights), `features(points)` and
        `predict(points)` (class probabilities for (n, 2) plane points). Run it after `import nnlib`."""
        return self.state_model.to_code()


def training_playground(dataset="xor", *, hidden=(4,), activation="tanh", lr=0.1, seed=0, epochs_per_step=5,
                        batch_size=16, test_size=0.3, n_samples=200, interval=150, max_epochs=5000,
                        features=("x1", "x2"), l2=0.0, noise=0.0, X=None, y=None, train_controls=True):
    """Train a small network on 2-D data and watch every neuron learn, with Play / Pause / Step / Reset.

    dataset: one of 'and', 'or', 'xor', 'blobs', 'moons', 'circles', 'spirals' (toy_2d, n_samples points).
    X, y: your own data instead, X (n, 2) points and y (n,) labels 0, 1 (or 0, 1, 2, ... for several classes).
    test_size: the share held out as test points (drawn outlined). hidden: the hidden layer sizes, e.g. (4,)
    or (8, 8), () for none; every neuron is drawn, so up to 3 layers of up to 16. activation: 'relu', 'tanh',
    'sigmoid' or 'leaky_relu'. features: the network's inputs, any of 'x1', 'x2', 'x1^2', 'x2^2', 'x1*x2',
    'sin(x1)', 'sin(x2)'. lr: the learning rate; l2: the weight decay (0 = off); batch_size: examples per step;
    noise: the share of training labels flipped. seed: the data, the split, the starting weights and every
    shuffle; the same seed gives the same run. epochs_per_step: epochs per Step press or Play tick; interval:
    milliseconds between Play ticks. train_controls=False shows only the 'look at' menu, the network as it is
    (train it first with .step(epochs)), for a notebook that has not taught training yet. Returns a
    TrainingPlayground widget (.step(), .play(), .pause(), .reset(), .model, .epoch, .history, .grid,
    .inputs(points), .neuron_maps, .to_code(), .controls, .render()). Introduced in 07_backprop.
    """
    settings = dict(hidden=check_hidden(hidden), activation=activation, lr=lr, l2=l2, batch_size=batch_size,
                    test_size=test_size, noise=noise, seed=seed, epochs_per_step=epochs_per_step,
                    max_epochs=max_epochs, features=check_features(features))
    if X is not None or y is not None:
        run, dataset = PlaygroundRun(X, y, **settings), OWN_DATA
    else:
        check_choice(dataset, "dataset", TOY_DATASETS)
        run = PlaygroundRun.from_dataset(dataset, n_samples=check_positive_int(n_samples, "n_samples"),
                                         **settings)
    return TrainingPlayground(run, dataset, n_samples, check_positive_int(interval, "interval"),
                              bool(train_controls))
