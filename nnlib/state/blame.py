"""Backprop as the blame game on one example, as the blame explorer holds it. Introduced in 07_backprop.

    game = BlameGame.train(nnlib.MLP([3, 4, 2]), X, y)   # copies trained 0, 1, 2, 5, ... epochs
    game.set(example=7, epochs=0)
    game.numbers["dWs"], game.numbers["strongest_name"]
    game.headline()

No ipywidgets, no matplotlib: the widget in nnlib.widgets.blame draws this state and nothing else.
"""

import numpy as np

EPOCH_CHOICES = (0, 1, 2, 5, 10, 20, 50)


def example_blame(model, x, label):
    """Backprop on one example: its loss, the network's probabilities, and the blame on every weight and neuron.

    x: (n_in,) one example; label: its class. Returns a dict with 'loss', 'probs' (n_classes,), 'dWs' (a list
    shaped like the weights: dL/dw for every connection) and 'dZs' (per layer (n_out,): dL/dz for every neuron,
    which for one example is exactly the bias gradient dL/db).
    """
    X, y = np.asarray(x, dtype=np.float64)[None, :], np.array([int(label)])
    dWs, dbs = model.gradients(X, y)
    probs = model.predict_proba(X)[0]
    return {"loss": model.loss(X, y), "probs": probs, "dWs": dWs, "dZs": dbs}


def strongest_blame(dWs, input_labels, output_labels):
    """(layer, i, j, value) of the connection with the largest |dL/dw|, and a readable name for it."""
    layer, (i, j) = max(((k, np.unravel_index(np.abs(dW).argmax(), dW.shape)) for k, dW in enumerate(dWs)),
                        key=lambda item: abs(dWs[item[0]][item[1]]))
    n_layers = len(dWs)
    source = input_labels[i] if layer == 0 else f"hidden {'' if n_layers == 2 else f'{layer}.'}{i + 1}"
    target = output_labels[j] if layer == n_layers - 1 else f"hidden {'' if n_layers == 2 else f'{layer + 1}.'}{j + 1}"
    return (layer, int(i), int(j), float(dWs[layer][i, j])), f"{source} \u2192 {target}"


def trained_models(model, X, y, epoch_choices, lr, batch_size, seed):
    """Copies of the model after each number of epochs in epoch_choices, trained from the same start (seeded);
    the model itself is not changed."""
    models, current, done = {}, model.copy(), 0
    for epochs in sorted(epoch_choices):
        if epochs > done:
            current.fit(X, y, epochs=epochs - done, lr=lr, batch_size=batch_size, seed=seed + done)
            done = epochs
        models[epochs] = current.copy()
    return models


class BlameGame:
    """One example's blame, traced back through a network trained for one of several numbers of epochs.

    models: {epochs: the MLP after that many epochs}; X (n, n_in), y (n,): the examples; input_labels,
    output_labels: names for the input and output neurons; describe_example(k): a short text about example k.
    set(example, epochs) picks the example and the network. model: the network picked. scale: one |dL/dw| for
    every frame, the median over the examples of the untrained network's largest. numbers: example_blame's
    dict plus 'strongest' ((layer, i, j, dL/dw) of the most blamed connection), 'strongest_name', 'example'
    and 'epochs'. headline(): the readout.
    """

    def __init__(self, models, X, y, input_labels, output_labels, example=0, epochs=0, describe_example=None):
        self.models, self.X, self.y = models, X, y
        self.input_labels, self.output_labels = list(input_labels), list(output_labels)
        self.describe_example = describe_example or (lambda k: f"Example {k}.")
        start = models[min(models)]
        biggest = [max(np.abs(dW).max() for dW in example_blame(start, X[k], y[k])["dWs"]) for k in range(len(X))]
        self.scale = max(float(np.median(biggest)), 1e-9)
        self.set(example, epochs)

    @classmethod
    def train(cls, model, X, y, input_labels=None, output_labels=None, example=0, epochs=0,
              epoch_choices=EPOCH_CHOICES, lr=0.2, batch_size=16, seed=0, describe_example=None):
        """The game on copies of model trained for each of epoch_choices (fit with lr, batch_size and seed)."""
        input_labels = [f"x{i + 1}" for i in range(X.shape[1])] if input_labels is None else input_labels
        output_labels = ([f"class {k}" for k in range(model.layer_sizes[-1])] if output_labels is None
                         else output_labels)
        models = trained_models(model, X, y, epoch_choices, lr, batch_size, seed)
        return cls(models, X, y, input_labels, output_labels, example, epochs, describe_example)

    @property
    def model(self):
        """The network picked (after the chosen number of training epochs)."""
        return self.models[self.epochs]

    def set(self, example, epochs):
        self.example, self.epochs = int(example), epochs
        k = self.example
        self.numbers = example_blame(self.model, self.X[k], self.y[k])
        self.numbers["strongest"], self.numbers["strongest_name"] = strongest_blame(
            self.numbers["dWs"], self.input_labels, self.output_labels)
        self.numbers.update(example=k, epochs=epochs)
        return self.numbers

    def headline(self):
        """What the network said, how wrong that was, and which connection gets the most blame (HTML)."""
        frame, label = self.numbers, int(self.y[self.example])
        value = frame["strongest"][3]
        way = "down" if value > 0 else "up"
        example_text = self.describe_example(self.example)
        lead = f"{example_text} " if example_text else ""
        return (f"{lead}Truth: <b>{self.output_labels[label]}</b>. The network gives it "
                f"{100 * frame['probs'][label]:.0f}%, so the loss is <b>{frame['loss']:.2f}</b>. Most blame: "
                f"<b>{frame['strongest_name']}</b> (\u2202L/\u2202w = {value:+.3f}; the next step turns that weight "
                f"{way}).")
