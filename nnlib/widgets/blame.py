"""Backprop as the blame game, drawn on the network diagram. Introduced in 07_backprop.

Pick one example and see how the blame for its loss spreads backwards: each connection is drawn as thick
as its gradient dL/dw, and each neuron is filled by its share of the blame, dL/dz. A second slider trains
the network for a few epochs first: once it answers well, hardly anybody gets blamed.

Colours: a line is blue where dL/dw > 0 (gradient descent will turn that weight down) and red where
dL/dw < 0 (it will turn it up). Line widths share one scale across examples and epochs, so thin lines
mean little blame, not just less than elsewhere.
"""

import numpy as np

from .._validate import as_array, as_labels, check_positive_int, check_positive_number, check_same_length
from ..network import MLP
from ..plots.network import plot_network
from ..plots.style import NEGATIVE, POSITIVE
from ..state.blame import EPOCH_CHOICES, BlameGame, example_blame, strongest_blame  # noqa: F401
from ._live import LiveFigure, ToolkitWidget, View, sizes_text
from .controls import choice_slider, int_slider

NO_BLAME = "#BBBBBB"  # a connection whose gradient is (nearly) zero


class BlameView(View):
    """Draws a BlameGame: the network with blame on it, line width |dL/dw|, neuron fill dL/dz. No widgets needed."""

    def __init__(self, model, input_labels, output_labels, blame_scale):
        self.live = LiveFigure(640, 350)
        ax = self.live.figure.add_axes([0.10, 0.11, 0.78, 0.88])
        self.input_labels, self.output_labels = list(input_labels), list(output_labels)
        # bare weight matrices (no biases): the picture is about blame, so no bias labels
        self.diagram = plot_network([np.array(W) for W in model.weights], ax, show_numbers=False,
                                    input_labels=self.input_labels, output_labels=self.output_labels,
                                    weight_scale=blame_scale, neuron_size=800,
                                    values=[np.zeros(n) for n in model.layer_sizes])
        self.scale = blame_scale
        self.live.figure.text(0.5, 0.012, "lines: the blame on each weight, width |\u2202L/\u2202w| (blue: positive, "
                              "red: negative, grey: none)\ncircles: the example's inputs, then each neuron's "
                              "blame \u2202L/\u2202z", ha="center", va="bottom", fontsize=8, color="#444444",
                              linespacing=1.4)
        self.live.dynamic(self.diagram.neurons, self.diagram.connections,
                          [t for texts in self.diagram.value_texts for t in texts])

    def draw(self, game):
        """Draw the blame of the game's example on its network. Returns game.numbers."""
        frame = game.numbers
        values = [np.asarray(game.X[game.example], dtype=np.float64)] + list(frame["dZs"])
        self.diagram.update(weights=frame["dWs"], values=values)
        for lines, dW, rows, cols in zip(self.diagram.connections, frame["dWs"], self.diagram.shown[:-1],
                                         self.diagram.shown[1:]):
            g = np.asarray(dW)[np.ix_(rows, cols)].ravel()
            lines.set_colors([NO_BLAME if abs(v) < 0.01 * self.scale else (POSITIVE if v > 0 else NEGATIVE)
                              for v in g])
        return frame


class BlameExplorer(ToolkitWidget):
    """The widget blame_explorer returns. controls: 'example' and 'epochs'; models: the trained copies; model: the
    one shown; state_model: the BlameGame."""

    def __init__(self, view, game):
        super().__init__()
        self.view, self.live, self.state_model = view, view.live, game
        example_control = int_slider("example", game.example, 0, len(game.X) - 1,
                                     "which example's mistake to trace back")
        epochs_control = choice_slider("trained epochs", list(game.models), game.epochs,
                                       "train the network this many epochs before tracing the blame")
        self.controls = {"example": example_control, "epochs": epochs_control}
        self._assemble(summary=f"Blame explorer: {sizes_text(game.model)} network, {len(game.X)} examples; "
                               "example and trained-epochs sliders")

    @property
    def models(self):
        return self.state_model.models

    @property
    def model(self):
        """The network currently shown (after the chosen number of training epochs)."""
        return self.state_model.models[self.controls["epochs"].value]


def blame_explorer(model, X, y, *, input_labels=None, output_labels=None, example=0, epochs=0,
                   epoch_choices=EPOCH_CHOICES, lr=0.2, batch_size=16, seed=0, describe_example=None):
    """Trace one example's loss back through a small network: the blame on every connection and neuron.

    model: a small MLP (its starting weights; the widget trains its own copies, the model is not changed).
    X: (n, n_in) examples, y: (n,) labels. input_labels, output_labels: names for the input and output neurons.
    example: the starting example; epochs: how long the shown network trained first, one of epoch_choices
    (trained with fit(lr, batch_size, seed) from the model's start). describe_example(k): optional function
    giving a short text about example k for the readout.
    Lines: width |dL/dw| on one shared scale, blue where dL/dw > 0, red where < 0. Neurons: the input values,
    then each neuron's dL/dz (its share of the blame) on a red-blue scale per layer.
    Returns a BlameExplorer widget (.controls, .models, .model, .view, .frame, .render()). Introduced in 07_backprop.
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model should be an nnlib.MLP, but got {type(model).__name__}.")
    X = as_array(X, "X", ndim=2)
    y = as_labels(y, "y", n_classes=model.n_classes)
    check_same_length(X, y)
    if X.shape[1] != model.layer_sizes[0]:
        raise ValueError(f"X has {X.shape[1]} features but the network expects {model.layer_sizes[0]}.")
    if max(model.layer_sizes) > 8:
        raise ValueError(f"blame_explorer draws every connection, so it keeps to layers of at most 8 neurons, "
                         f"but this network has {list(model.layer_sizes)}.")
    n_classes = model.layer_sizes[-1]
    if n_classes < 2:
        raise ValueError("blame_explorer needs a softmax output layer (2 or more output neurons), but this network "
                         "has a single output. Use e.g. MLP([3, 4, 2]) for a yes/no question.")
    example = check_positive_int(example, "example", allow_zero=True)
    if example >= len(X):
        raise ValueError(f"example should be below {len(X)} (the number of examples), but got {example}.")
    epoch_choices = tuple(sorted({check_positive_int(e, "epoch_choices", allow_zero=True) for e in epoch_choices}))
    if epochs not in epoch_choices:
        raise ValueError(f"epochs should be one of {epoch_choices}, but got {epochs!r}.")
    game = BlameGame.train(model, X, y, input_labels, output_labels, example, epochs, epoch_choices,
                           check_positive_number(lr, "lr (the learning rate)"),
                           check_positive_int(batch_size, "batch_size"), seed, describe_example)
    view = BlameView(game.models[epoch_choices[0]], game.input_labels, game.output_labels, game.scale)
    return BlameExplorer(view, game)
