"""A multi-layer perceptron (MLP): dense layers and activations, stacked. Introduced in 05_layers, trained in 07, 08.

The forward pass is notebook 06's recipe, layer after layer: Z = dense_forward(A, W, b), then the activation.
The backward pass is notebook 07's: the loss's gradient at the output, then dense_backward layer after layer
in reverse, multiplying by the activation's slope on the way. fit repeats forward, backward and a step (08).

Hidden layers use one activation (ReLU by default). The output layer is a softmax over the classes, scored
with softmax cross-entropy; with a single output neuron (yes/no questions such as XOR, sick or healthy) it is a
sigmoid giving P(class 1), scored with binary cross-entropy.
Shapes: X is (batch, n_features), y is (batch,) integer labels, weights[i] is (n_in, n_out).
"""

from copy import deepcopy

import numpy as np

from ._validate import (as_array, as_labels, check_init, check_layer_sizes, check_positive_int, check_positive_number,
                        check_same_length, check_seed, check_validation_data, check_weight_decay)
from .activations import _sigmoid, _softmax, activation_named
from .layers import _dense_backward, _dense_forward
from .losses import (_binary_cross_entropy, _binary_cross_entropy_gradient, _softmax_cross_entropy,
                     _softmax_cross_entropy_gradient)


def _parameter_list(attribute, doc):
    """An MLP's weights or biases (a list of arrays kept in `attribute`), checked whenever a whole list is assigned:
    an assignment the network refuses (a wrong shape, a NaN) raises and leaves the network as it was."""
    def get(net):
        return getattr(net, attribute)

    def assign(net, new):
        old = getattr(net, attribute)
        setattr(net, attribute, list(new))
        try:
            net._checked_parameters()
        except (TypeError, ValueError):
            setattr(net, attribute, old)
            raise

    return property(get, assign, doc=doc)


class MLP:
    """A fully connected network: MLP([64, 32, 10]) has 64 inputs, one hidden layer of 32, 10 outputs.

    layer_sizes: list of at least two positive integers; activation: 'relu', 'sigmoid', 'tanh',
    'leaky_relu' or 'linear' for the hidden layers; seed: the random starting weights and fit's shuffles
    (same seed, same net). init: the starting weights, drawn from a normal distribution around 0 with
    'he': std sqrt(2 / n_in); 'lecun': std sqrt(1 / n_in); 'xavier' (Glorot's): std sqrt(2 / (n_in + n_out));
    a positive number: that std; or 'zeros'. None (the default) picks the activation's own: He for 'relu'
    and 'leaky_relu', LeCun for 'sigmoid', 'tanh' and 'linear'. Biases start at 0.
    """

    def __init__(self, layer_sizes, activation="relu", seed=0, init=None):
        self.layer_sizes = check_layer_sizes(layer_sizes)
        self._hidden = activation_named(activation)
        self.activation = activation
        self.init = self._hidden.init if init is None else check_init(init)
        rng = np.random.default_rng(check_seed(seed))
        self._weights = [_starting_weights(rng, self.init, n_in, n_out)
                         for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:])]
        self._biases = [np.zeros(n_out) for n_out in self.layer_sizes[1:]]
        self._output, self._output_loss, self._output_gradient, self._predicted_class = _output_layer(
            self.layer_sizes[-1])
        self._shuffle = np.random.default_rng(seed)  # fit's shuffles, continued from one call to the next
        self.history = {"loss": [], "accuracy": []}  # every epoch fit has run, across calls (see fit)

    def __repr__(self):
        return f"MLP({list(self.layer_sizes)}, activation={self.activation!r})"

    def copy(self):
        """An independent copy: its own weights, biases, history and shuffles. Training one leaves the other alone."""
        return deepcopy(self)

    # ---- parameters -------------------------------------------------------------------------------------
    weights = _parameter_list("_weights", "List of weight matrices, weights[i] of shape (n_in, n_out). "
                                          "Assign a whole list or one entry.")
    biases = _parameter_list("_biases", "List of bias vectors, biases[i] of shape (n_out,).")

    @property
    def n_parameters(self):
        """How many numbers training can change: every weight and every bias."""
        return sum(n_in * n_out + n_out for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]))

    @property
    def n_classes(self):
        """How many classes the labels can name: the number of outputs, or 2 for a single sigmoid output."""
        return max(self.layer_sizes[-1], 2)

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

    def _check_X(self, X):
        """X as a float array of shape (batch, n_inputs), and the parameters checked, or a clear error."""
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
        self._checked_parameters()
        return X

    def _check_Xy(self, X, y):
        X = self._check_X(X)
        y = as_labels(y, "y", n_classes=self.n_classes)
        check_same_length(X, y)
        return X, y

    # ---- the forward pass (06) --------------------------------------------------------------------------
    def _forward(self, X):
        """Unchecked forward pass. Returns the output logits and, for backprop, every layer's cache (its input A
        and its W, from dense_forward) and every hidden layer's Z."""
        A, caches, Zs = X, [], []
        for W, b in zip(self._weights[:-1], self._biases[:-1]):  # the hidden layers
            Z, cache = _dense_forward(A, W, b)
            A = self._hidden.function(Z)
            caches.append(cache)
            Zs.append(Z)
        logits, cache = _dense_forward(A, self._weights[-1], self._biases[-1])  # the output layer
        caches.append(cache)
        return logits, caches, Zs

    def logits(self, X):
        """The output layer's raw scores Z, before softmax (or sigmoid). X: (batch, n_features) ->
        (batch, n_outputs)."""
        return self._forward(self._check_X(X))[0]

    def layer_outputs(self, X):
        """Every layer's activations for X: a list [hidden_1, ..., hidden_k, probabilities].

        X: (batch, n_features) -> list of (batch, layer_size) arrays.
        """
        logits, caches, _ = self._forward(self._check_X(X))
        return [A for A, _ in caches[1:]] + [self._output(logits)]

    def pre_activations(self, X):
        """Every layer's weighted sums Z = A @ W + b, before its activation: a list [Z_1, ..., Z_k, logits], where
        layer_outputs gives the activations. X: (batch, n_features) -> list of (batch, layer_size) arrays."""
        logits, _, Zs = self._forward(self._check_X(X))
        return Zs + [logits]

    def predict_proba(self, X):
        """Softmax outputs. X: (batch, n_features) -> (batch, n_classes); each row sums to 1.

        With a single output neuron: (batch, 1), the sigmoid's probability of class 1.
        """
        return self._output(self.logits(X))

    def predict(self, X):
        """The class with the highest score (and so the highest probability). X: (batch, n_features) ->
        (batch,) integer labels. With a single output neuron: 1 where P(class 1) > 0.5, i.e. where z > 0."""
        return self._predicted_class(self.logits(X))

    def accuracy(self, X, y):
        """The fraction of examples whose predicted class is the label. Returns a float in 0..1."""
        X, y = self._check_Xy(X, y)
        return float(np.mean(self._predicted_class(self._forward(X)[0]) == y))

    # ---- the loss, backprop and training (07, 08) -------------------------------------------------------
    def loss(self, X, y, weight_decay=0.0):
        """Mean cross-entropy on (X, y), computed from the logits so it is exact, plus the weight-decay penalty
        (weight_decay / 2) * (the sum of every weight squared; biases are not penalised). Returns a float."""
        X, y = self._check_Xy(X, y)
        weight_decay = check_weight_decay(weight_decay)
        return self._output_loss(self._forward(X)[0], y) + self._weight_penalty(weight_decay)

    def _weight_penalty(self, weight_decay):
        if weight_decay == 0:
            return 0.0
        return weight_decay / 2 * sum(float(np.sum(W * W)) for W in self._weights)

    def _backprop(self, X, y, weight_decay=0.0):
        """Unchecked backprop on one batch. Returns the logits and the gradients (dWs, dbs) of the mean loss plus
        the weight-decay penalty, aligned with weights and biases."""
        logits, caches, Zs = self._forward(X)
        dZ = self._output_gradient(logits, y)  # the output neurons' blame: (P - Y) / N
        dWs, dbs = [None] * len(caches), [None] * len(caches)
        for i in reversed(range(len(caches))):
            dA, dWs[i], dbs[i] = _dense_backward(dZ, caches[i], need_dX=i > 0)
            if i > 0:
                dZ = dA * self._hidden.derivative(Zs[i - 1])  # back through the activation: the chain rule
        if weight_decay:
            dWs = [dW + weight_decay * W for dW, W in zip(dWs, self._weights)]  # d/dW of (wd / 2) * W ** 2
        return logits, dWs, dbs

    def gradients(self, X, y, weight_decay=0.0):
        """d loss(X, y, weight_decay) / d every parameter, by backprop: (dWs, dbs), aligned with weights and
        biases. The weight decay adds weight_decay * W to each dW and nothing to the biases."""
        X, y = self._check_Xy(X, y)
        _, dWs, dbs = self._backprop(X, y, check_weight_decay(weight_decay))
        return dWs, dbs

    def fit(self, X, y, epochs=10, lr=0.1, batch_size=32, seed=None, validation_data=None, weight_decay=0.0,
            callback=None):
        """Mini-batch stochastic gradient descent, from wherever the network is now. Returns this call's history.

        X: (n, n_features), y: (n,) labels. Each epoch shuffles the examples, then for every batch of batch_size
        examples takes one step down the gradient of loss(batch, weight_decay): W -= lr * dW, b -= lr * db.
        seed: None (the default) continues the network's own shuffles, which began at the constructor's seed,
        so thirty calls of fit(epochs=1) train exactly like one fit(epochs=30). A number restarts the shuffles
        from that seed (same seed, same shuffles); later calls without a seed carry on from there.
        validation_data=(X_val, y_val): also record 'val_loss' and 'val_accuracy' at the end of each epoch.
        callback: called as callback(net, epoch, history) after each epoch, with the network, the number of
        epochs it has trained in all (1, 2, ...) and net.history; if it returns False, training stops there.

        Returns {'loss': [...], 'accuracy': [...]} (and the 'val_' pair) for the epochs this call ran: the mean
        cross-entropy (without the weight-decay penalty, so runs with different weight_decay compare fairly)
        and the accuracy over that epoch's batches, each measured just before its step. net.history keeps the
        same lists for every epoch of every call; a 'val_' entry is nan for an epoch run without validation_data.
        """
        X, y = self._check_Xy(X, y)
        if len(X) == 0:
            raise ValueError("X has no examples: there is nothing to train on.")
        epochs = check_positive_int(epochs, "epochs", allow_zero=True)
        lr = check_positive_number(lr, "lr (the learning rate)")
        batch_size = check_positive_int(batch_size, "batch_size")
        weight_decay = check_weight_decay(weight_decay)
        seed = check_seed(seed)
        if validation_data is not None:
            X_val, y_val = self._check_Xy(*check_validation_data(validation_data))
        if callback is not None and not callable(callback):
            raise TypeError("callback should be a function, called as callback(net, epoch, history) after each "
                            f"epoch, but got {callback!r} ({type(callback).__name__}).")
        if seed is not None:
            self._shuffle = np.random.default_rng(seed)
        # train on copies, so arrays a learner assigned to weights are never changed behind their back
        self._weights = [W.copy() for W in self._weights]
        self._biases = [b.copy() for b in self._biases]
        ran = {"loss": [], "accuracy": []}
        if validation_data is not None:
            ran.update(val_loss=[], val_accuracy=[])
        for _ in range(epochs):
            order = self._shuffle.permutation(len(X))
            X_shuffled, y_shuffled = X[order], y[order]
            batch_logits = []  # each batch's outputs before its step, scored together at the end of the epoch
            for start in range(0, len(X), batch_size):
                Z, dWs, dbs = self._backprop(X_shuffled[start:start + batch_size],
                                             y_shuffled[start:start + batch_size], weight_decay)
                batch_logits.append(Z)
                for W, b, dW, db in zip(self._weights, self._biases, dWs, dbs):
                    W -= lr * dW
                    b -= lr * db
            scores = self._scores(np.concatenate(batch_logits), y_shuffled)
            if validation_data is not None:
                val_scores = self._scores(self._forward(X_val)[0], y_val)
                scores.update(val_loss=val_scores["loss"], val_accuracy=val_scores["accuracy"])
            for key, value in scores.items():
                ran[key].append(value)
            self._remember(scores)
            if callback is not None and callback(self, len(self.history["loss"]), self.history) is False:
                break
        return ran

    def _scores(self, logits, y):
        """The mean loss and the accuracy of the logits Z (batch, n_outputs) for the labels y."""
        return {"loss": self._output_loss(logits, y),
                "accuracy": float(np.mean(self._predicted_class(logits) == y))}

    def _remember(self, scores):
        """Add one epoch's scores to net.history, keeping every list one entry per epoch trained."""
        for key in scores:
            if key not in self.history:  # the first epoch with validation data: nan for the ones before
                self.history[key] = [np.nan] * len(self.history["loss"])
        for key, values in self.history.items():
            values.append(scores.get(key, np.nan))


# ---- the output layer: the only place a single output neuron differs --------------------------------------
def _output_layer(n_outputs):
    """(probabilities, loss, its gradient dZ, predicted class), each computed from the logits Z (batch, n_outputs)
    and, for the loss and dZ, the labels y.

    Several outputs: softmax, softmax cross-entropy, the largest logit. One output (a yes/no question): the
    sigmoid's P(class 1), binary cross-entropy, and class 1 where z > 0 (where P(class 1) > 0.5).
    """
    if n_outputs == 1:
        return _sigmoid, _binary_cross_entropy, _binary_cross_entropy_gradient, _positive_logit
    return _softmax, _softmax_cross_entropy, _softmax_cross_entropy_gradient, _largest_logit


def _largest_logit(Z):
    return Z.argmax(axis=1)  # ties go to the first class, as in np.argmax


def _positive_logit(Z):
    return (Z[:, 0] > 0).astype(np.int64)


# ---- starting weights ------------------------------------------------------------------------------------
def _starting_weights(rng, init, n_in, n_out):
    """A (n_in, n_out) matrix of starting weights for init 'he', 'lecun', 'xavier', 'zeros' or a std."""
    if init == "zeros":
        return np.zeros((n_in, n_out))
    return rng.normal(0.0, _starting_std(init, n_in, n_out), size=(n_in, n_out))


def _starting_std(init, n_in, n_out):
    if init == "he":  # He et al. 2015: ReLU zeroes about half of the z's; the factor 2 makes up for it
        return np.sqrt(2.0 / n_in)
    if init == "lecun":  # LeCun et al. 1998: z = x @ W gets the variance of the inputs (centred on 0)
        return np.sqrt(1.0 / n_in)
    if init == "xavier":  # Glorot and Bengio 2010: a compromise between the forward and the backward pass
        return np.sqrt(2.0 / (n_in + n_out))
    return init
