"""A multi-layer perceptron (MLP) built from dense layers. Introduced in 05_layers, trained in 07 and 08.

Hidden layers use one activation (ReLU by default). The output layer is a softmax over the classes; with a
single output neuron (yes/no questions such as XOR, sick or healthy) it is a sigmoid giving P(class 1).
Shapes: X is (batch, n_features), y is (batch,) integer labels, weights[i] is (n_in, n_out).
"""

import numpy as np

from ._validate import (as_array, as_labels, check_positive_int, check_positive_number,
                        check_same_length)
from .activations import _sigmoid, _softmax, get_activation

# He initialisation keeps ReLU signals from shrinking layer by layer; Glorot-style suits the S-curves.
_INIT_GAIN = {"relu": 2.0, "leaky_relu": 2.0, "sigmoid": 1.0, "tanh": 1.0, "linear": 1.0}


class MLP:
    """A fully connected network: MLP([64, 32, 10]) has 64 inputs, one hidden layer of 32, 10 outputs.

    layer_sizes: list of at least two positive integers; activation: 'relu', 'sigmoid', 'tanh',
    'leaky_relu' or 'linear' for the hidden layers; seed: the random starting weights (same seed, same net).
    """

    def __init__(self, layer_sizes, activation="relu", seed=0):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        self._activate, self._activate_derivative = get_activation(activation)
        self.activation = activation
        rng = np.random.default_rng(seed)
        self._weights = [rng.normal(0.0, np.sqrt(_INIT_GAIN[activation] / n_in), size=(n_in, n_out))
                         for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:])]
        self._biases = [np.zeros(n_out) for n_out in self.layer_sizes[1:]]

    def __repr__(self):
        return f"MLP({list(self.layer_sizes)}, activation={self.activation!r})"

    # ---- parameters -------------------------------------------------------------------------------------
    @property
    def weights(self):
        """List of weight matrices, weights[i] of shape (n_in, n_out). Assign a whole list or one entry."""
        return self._weights

    @weights.setter
    def weights(self, new):
        self._weights, old = list(new), self._weights
        self._restore_if_invalid("_weights", old)

    @property
    def biases(self):
        """List of bias vectors, biases[i] of shape (n_out,)."""
        return self._biases

    @biases.setter
    def biases(self, new):
        self._biases, old = list(new), self._biases
        self._restore_if_invalid("_biases", old)

    def _restore_if_invalid(self, attribute, old):
        try:
            self._checked_parameters()
        except (TypeError, ValueError):
            setattr(self, attribute, old)  # a refused assignment leaves the network as it was
            raise

    @property
    def n_parameters(self):
        """How many numbers training can change: every weight and every bias."""
        return sum(n_in * n_out + n_out for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]))

    def _checked_parameters(self):
        """Validate (and store as float64 copies) whatever was assigned to weights and biases."""
        n_layers = len(self.layer_sizes) - 1
        for label, params in (("weights", self._weights), ("biases", self._biases)):
            if len(params) != n_layers:
                raise ValueError(f"This network has {n_layers} layers, so it needs {n_layers} {label}, "
                                 f"but got {len(params)}.")
        for i, (n_in, n_out) in enumerate(zip(self.layer_sizes[:-1], self.layer_sizes[1:])):
            W, b = self._weights[i], self._biases[i]
            if not (isinstance(W, np.ndarray) and W.dtype == np.float64 and W.shape == (n_in, n_out)):
                W = self._weights[i] = as_array(W, f"weights[{i}]").copy()
                if W.shape != (n_in, n_out):
                    raise ValueError(f"weights[{i}] should have shape ({n_in}, {n_out}) (inputs, neurons), "
                                     f"but it has shape {W.shape}.")
            if not (isinstance(b, np.ndarray) and b.dtype == np.float64 and b.shape == (n_out,)):
                b = self._biases[i] = as_array(b, f"biases[{i}]").copy()
                if b.shape != (n_out,):
                    raise ValueError(f"biases[{i}] should have shape ({n_out},), one per neuron, "
                                     f"but it has shape {b.shape}.")
        return self._weights, self._biases

    # ---- the forward pass -------------------------------------------------------------------------------
    def _check_X(self, X):
        X = as_array(X, "X")
        n_in = self.layer_sizes[0]
        if X.ndim == 1 and X.shape[0] == n_in:
            raise ValueError(f"X should be 2-D (examples, {n_in} features) but got one example of shape "
                             f"{X.shape}. Use X.reshape(1, -1) to make it a batch of one.")
        if X.ndim == 3 and X.shape[1] * X.shape[2] == n_in:
            raise ValueError(f"X has shape {X.shape}: images, not rows of pixels. "
                             f"Flatten them first: X.reshape(len(X), -1) gives {n_in} features each.")
        if X.ndim != 2:
            raise ValueError(f"X should be 2-D (examples, {n_in} features) but it has shape {X.shape}.")
        if X.shape[1] != n_in:
            hint = " Did you flatten the 8x8 image?" if n_in == 64 else ""
            raise ValueError(f"X has {X.shape[1]} features but this network expects {n_in}.{hint}")
        return X

    def _check_Xy(self, X, y):
        X = self._check_X(X)
        y = as_labels(y, "y", n_classes=self.n_classes)
        check_same_length(X, y)
        return X, y

    def _forward(self, X):
        """Unchecked forward pass; returns the pre-activations Zs and activations As (As[0] is X)."""
        Zs, As = [], [X]
        last = len(self._weights) - 1
        for i, (W, b) in enumerate(zip(self._weights, self._biases)):
            Z = As[-1] @ W
            Z += b
            Zs.append(Z)
            As.append(self._output(Z) if i == last else self._activate(Z))
        return Zs, As

    def _output(self, Z):
        return _softmax(Z) if Z.shape[1] > 1 else _sigmoid(Z)

    @property
    def n_classes(self):
        """How many classes the labels can name: the number of outputs, or 2 for a single sigmoid output."""
        return max(self.layer_sizes[-1], 2)

    def layer_outputs(self, X):
        """Every layer's activations for X: a list [hidden_1, ..., hidden_k, probabilities].

        X: (batch, n_features) -> list of (batch, layer_size) arrays.
        """
        self._checked_parameters()
        return self._forward(self._check_X(X))[1][1:]

    def logits(self, X):
        """The output layer's raw scores before softmax. X: (batch, n_features) -> (batch, n_classes)."""
        self._checked_parameters()
        return self._forward(self._check_X(X))[0][-1]

    def predict_proba(self, X):
        """Softmax outputs. X: (batch, n_features) -> (batch, n_classes); each row sums to 1.

        With a single output neuron: (batch, 1), the sigmoid's probability of class 1.
        """
        return self.layer_outputs(X)[-1]

    def predict(self, X):
        """The class with the highest score. X: (batch, n_features) -> (batch,) integer labels."""
        return _predicted_class(self.predict_proba(X))

    def loss(self, X, y):
        """Mean cross-entropy on (X, y), computed from the logits so it is exact. Returns a float."""
        X, y = self._check_Xy(X, y)
        self._checked_parameters()
        return _loss_sum_and_correct(self._forward(X)[0][-1], self._targets(y))[0] / len(X)

    def accuracy(self, X, y):
        """The fraction of examples whose predicted class is the label. Returns a float in 0..1."""
        X, y = self._check_Xy(X, y)
        return float(np.mean(self.predict(X) == y))

    # ---- backprop and training --------------------------------------------------------------------------
    def _targets(self, y):
        """What the output layer should say: one-hot rows for softmax, a 0/1 column for a sigmoid output."""
        if self.layer_sizes[-1] == 1:
            return y.astype(np.float64)[:, None]
        return np.eye(self.layer_sizes[-1])[y]

    def _backprop(self, X, Y, scale=1.0):
        """Unchecked backprop on one batch with targets Y (see _targets).

        Returns the output logits and the gradients of the mean loss (times scale) for every weight and bias.
        """
        Zs, As = self._forward(X)
        # softmax + cross-entropy (and sigmoid + binary cross-entropy) give this simple blame: P - Y
        dZ = np.subtract(As[-1], Y, out=As[-1])
        dZ *= scale / len(X)
        dWs, dbs = [None] * len(Zs), [None] * len(Zs)
        for i in range(len(Zs) - 1, -1, -1):
            dWs[i] = As[i].T @ dZ
            dbs[i] = np.add.reduce(dZ, axis=0)  # dZ.sum(axis=0), minus a Python wrapper: this loop is hot
            if i > 0:
                dZ = dZ @ self._weights[i].T
                dZ *= self._activate_derivative(Zs[i - 1])
        return Zs[-1], dWs, dbs

    def gradients(self, X, y):
        """d loss / d every parameter, by backprop: (dWs, dbs), aligned with weights and biases."""
        self._checked_parameters()
        X, y = self._check_Xy(X, y)
        _, dWs, dbs = self._backprop(X, self._targets(y))
        return dWs, dbs

    def fit(self, X, y, epochs=10, lr=0.1, batch_size=32, seed=0, validation_data=None):
        """Mini-batch stochastic gradient descent. Returns the history of every epoch.

        X: (n, n_features), y: (n,) labels. Each epoch shuffles the examples (seeded: same seed, same run),
        then takes one step of size lr down the gradient for every batch of batch_size examples.
        Returns {'loss': [...], 'accuracy': [...]}, one entry per epoch: the mean loss and the accuracy over
        that epoch's batches, each measured just before its step. With validation_data=(X_val, y_val) it
        also records 'val_loss' and 'val_accuracy' on those examples at the end of each epoch.
        """
        X, y = self._check_Xy(X, y)
        epochs = check_positive_int(epochs, "epochs", allow_zero=True)
        lr = check_positive_number(lr, "lr (the learning rate)")
        batch_size = check_positive_int(batch_size, "batch_size")
        if validation_data is not None:
            X_val, y_val = self._check_Xy(*validation_data)
        # train on copies, so arrays a learner assigned to weights are never changed behind their back
        self._weights = [W.copy() for W in self._checked_parameters()[0]]
        self._biases = [b.copy() for b in self._biases]
        history = {"loss": [], "accuracy": []}
        if validation_data is not None:
            history.update(val_loss=[], val_accuracy=[])
        Y = self._targets(y)
        rng = np.random.default_rng(seed)
        for _ in range(epochs):
            order = rng.permutation(len(X))
            X_shuffled, Y_shuffled = X[order], Y[order]
            logits = []  # each batch's outputs before its step; scored together at the end of the epoch
            for start in range(0, len(X), batch_size):
                Z, dWs, dbs = self._backprop(X_shuffled[start:start + batch_size],
                                             Y_shuffled[start:start + batch_size], scale=lr)
                logits.append(Z)
                for W, b, dW, db in zip(self._weights, self._biases, dWs, dbs):
                    W -= dW
                    b -= db
            loss_sum, n_correct = _loss_sum_and_correct(np.concatenate(logits), Y_shuffled)
            history["loss"].append(loss_sum / len(X))
            history["accuracy"].append(n_correct / len(X))
            if validation_data is not None:
                val_loss, val_correct = _loss_sum_and_correct(self._forward(X_val)[0][-1], self._targets(y_val))
                history["val_loss"].append(val_loss / len(X_val))
                history["val_accuracy"].append(val_correct / len(X_val))
        return history


def _predicted_class(probs):
    return probs.argmax(axis=1) if probs.shape[1] > 1 else (probs[:, 0] > 0.5).astype(np.int64)


def _loss_sum_and_correct(Z, Y):
    """Summed cross-entropy (exact, from the logits Z) and the count of right answers, for targets Y."""
    if Z.shape[1] > 1:
        top = Z.max(axis=1)
        z_right = np.einsum("ij,ij->i", Z, Y)
        log_sum = np.log(np.exp(Z - top[:, None]).sum(axis=1)) + top
        return float(np.sum(log_sum - z_right)), int(np.count_nonzero(z_right == top))
    z, target = Z[:, 0], Y[:, 0]
    # binary cross-entropy from the logit: log(1 + e^z) - y z, exact for any z thanks to logaddexp
    loss = float(np.sum(np.logaddexp(0.0, z) - target * z))
    return loss, int(np.count_nonzero((z > 0) == (target > 0.5)))


def _check_layer_sizes(layer_sizes):
    if isinstance(layer_sizes, (int, np.integer)) or not hasattr(layer_sizes, "__len__"):
        raise TypeError(f"layer_sizes should be a list such as [64, 32, 10], but got {layer_sizes!r}.")
    if len(layer_sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output size, e.g. [2, 1], "
                         f"but got {list(layer_sizes)}.")
    for i, size in enumerate(layer_sizes):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"layer_sizes should be positive whole numbers, but entry {i} is {size!r} "
                             f"in {list(layer_sizes)}.")
    return tuple(int(size) for size in layer_sizes)
