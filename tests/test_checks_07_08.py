"""The exercise checks of 07_backprop and 08_training_digits (right answers pass, stubs never do, each usual
mistake gets its own hint, never a traceback), the published solutions, and the two widgets 07 adds:
gradient descent on a loss landscape (descent) and the blame game on the network diagram (blame)."""

from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib
from nnlib.checks import backprop, features, training

from feedback import harness, hints, passes, said, stub_function

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


# ---- 07_backprop: cross-entropy ----------------------------------------------------------------------------

def right_cross_entropy(probs, y):
    return -np.mean(np.log(probs[np.arange(len(y)), y]))


def test_cross_entropy(capsys):
    passes(capsys, backprop.cross_entropy, right_cross_entropy)
    passes(capsys, backprop.cross_entropy, lambda p, y: nnlib.cross_entropy(p, y))
    hints(capsys, backprop.cross_entropy, stub_function, containing="returns nothing")
    picked = lambda p, y: p[np.arange(len(y)), y]  # noqa: E731
    hints(capsys, backprop.cross_entropy, lambda p, y: np.mean(np.log(picked(p, y))), containing="minus sign")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.sum(np.log(picked(p, y))), containing="mean")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log10(picked(p, y))), containing="natural log")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.log(picked(p, y)), containing="one loss per example")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p[:, y])), containing="whole columns")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.log(p[:, y]), containing="whole columns")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p)), containing="only the right class")
    hints(capsys, backprop.cross_entropy, lambda p, y: np.mean(1 - picked(p, y)), containing="1 - p")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p[:, 0])), containing="first column")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p.max(axis=1))), containing="largest probability")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p[y])), containing="picks whole ROWS")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.log(p[y]), containing="picks whole ROWS")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.log(np.mean(picked(p, y))), containing="log of the average")
    out = hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(y * np.log(p)), containing="do not line up")
    assert "broadcast" not in out  # numpy's own words never reach the learner
    out = hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p[np.arange(6), y])),
                containing="np.arange(len(y)), not np.arange(6)")
    assert "shape mismatch" not in out
    hints(capsys, backprop.cross_entropy, lambda p, y: 1 / 0, containing="ZeroDivisionError")
    hints(capsys, backprop.cross_entropy, "cross_entropy", containing="expected a function")


# ---- 07_backprop: the chain rule on one neuron ---------------------------------------------------------------

def right_neuron_gradients(x, w, b, y):
    a = nnlib.sigmoid(w * x + b)
    dz = 2 * (a - y) * a * (1 - a)
    return dz * x, dz


def test_neuron_gradients_match_the_worked_example():
    dw, db = right_neuron_gradients(2.0, 0.5, -0.5, 1.0)
    assert round(float(dw), 4) == -0.3549 and round(float(db), 4) == -0.1774  # the numbers in 07's text


def test_neuron_gradients(capsys):
    passes(capsys, backprop.neuron_gradients, right_neuron_gradients)
    hints(capsys, backprop.neuron_gradients, stub_function, containing="returns nothing")

    def with_links(dL_da, da_dz, dz_dw, swap=False):
        def gradients(x, w, b, y):
            a = float(nnlib.sigmoid(w * x + b))
            first, second = dL_da(a, y) * da_dz(a, w * x + b) * dz_dw(x), dL_da(a, y) * da_dz(a, w * x + b)
            return (second, first) if swap else (first, second)
        return gradients

    slope = lambda a, z: a * (1 - a)  # noqa: E731
    hints(capsys, backprop.neuron_gradients, with_links(lambda a, y: 2 * (a - y), slope, lambda x: x, swap=True),
          containing="swapped")
    hints(capsys, backprop.neuron_gradients, with_links(lambda a, y: 2 * (y - a), slope, lambda x: x),
          containing="wrong way")
    hints(capsys, backprop.neuron_gradients, with_links(lambda a, y: 2 * (a - y), lambda a, z: 1.0, lambda x: x),
          containing="middle link")
    hints(capsys, backprop.neuron_gradients, with_links(lambda a, y: a - y, slope, lambda x: x),
          containing="factor of 2")
    at_a = lambda a, z: float(nnlib.sigmoid(a) * (1 - nnlib.sigmoid(a)))  # noqa: E731
    hints(capsys, backprop.neuron_gradients, with_links(lambda a, y: 2 * (a - y), at_a, lambda x: x),
          containing="at z")
    hints(capsys, backprop.neuron_gradients, with_links(lambda a, y: 2 * (a - y), slope, lambda x: 1.0),
          containing="dz/dw = x")
    def times_w(x, w, b, y):
        _, db = right_neuron_gradients(x, w, b, y)
        return db * w, db

    hints(capsys, backprop.neuron_gradients, times_w, containing="db times w")

    def forgot_the_bias(x, w, b, y):
        a = nnlib.sigmoid(w * x)
        dz = 2 * (a - y) * a * (1 - a)
        return dz * x, dz

    hints(capsys, backprop.neuron_gradients, forgot_the_bias, containing="left out the bias")
    passes(capsys, backprop.neuron_gradients, lambda x, w, b, y: np.array(right_neuron_gradients(x, w, b, y)))
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: 0.1, containing="two numbers")
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: (np.ones(2), 0.1), containing="single number")


# ---- 07_backprop: dense_backward, refereed by numerical gradients ---------------------------------------------

def right_dense_backward(dZ, cache):
    X, W = cache
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


def test_dense_backward(capsys):
    passes(capsys, backprop.dense_backward, right_dense_backward)
    passes(capsys, backprop.dense_backward, nnlib.dense_backward)
    hints(capsys, backprop.dense_backward, stub_function, containing="returns nothing")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1], c[0].T @ dZ, dZ.sum(axis=0)),
          containing="W.T")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, dZ.T @ c[0], dZ.sum(axis=0)),
          containing="transposed")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ, dZ),
          containing="forgot to sum")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ, dZ.mean(axis=0)),
          containing="average")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ, dZ.sum(axis=1)),
          containing="wrong axis")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (c[0].T @ dZ, dZ @ c[1].T, dZ.sum(axis=0)),
          containing="swapped")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ), containing="three gradients")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, 2 * c[0].T @ dZ, dZ.sum(axis=0)),
          containing="numerical gradient")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ, dZ.sum()),
          containing="summed over everything")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ, dZ.sum(axis=0, keepdims=True)),
          containing="keepdims")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ c[1].T, c[0].T @ dZ / len(dZ), dZ.sum(axis=0)),
          containing="divided by the batch size")
    hints(capsys, backprop.dense_backward, lambda dZ, c: (c[1] @ dZ.T, c[0].T @ dZ, dZ.sum(axis=0)),
          containing="dX has shape (3, 5): it is transposed")
    # a crash on the non-square layers becomes a hint about shapes, in the course's words, not numpy's
    for crashing in (lambda dZ, c: (c[1] @ dZ, c[0].T @ dZ, dZ.sum(axis=0)),
                     lambda dZ, c: (dZ @ c[1].T, c[0] @ dZ, dZ.sum(axis=0)),
                     lambda dZ, c: (dZ * c[1].T, c[0].T @ dZ, dZ.sum(axis=0))):
        out = hints(capsys, backprop.dense_backward, crashing, containing="check the shapes")
        assert "gufunc" not in out and "broadcast" not in out and "(5, 3)" in out
    # a crash that is not about shapes is told as what it is, not as a shape mismatch
    out = hints(capsys, backprop.dense_backward, lambda dZ, c: (dZ @ W.T, c[0].T @ dZ, dZ.sum(axis=0)),  # noqa: F821
                containing="NameError: name 'W' is not defined")
    assert "check the shapes" not in out.lower()

    def unpacks_a_bias(dZ, cache):
        X, W, b = cache
        return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)

    hints(capsys, backprop.dense_backward, unpacks_a_bias, containing="X, W = cache")


def test_the_teaching_cell_of_07_is_nnlibs_dense_backward():
    # the published solution of exercise 3 is the teaching version: no later cell writes the function out again
    nb = nbformat.read(NOTEBOOKS / "07_backprop.ipynb", as_version=4)
    cells = [cell for cell in nb.cells if "teaches" in cell.metadata.get("tags", [])]
    assert len(cells) == 1 and "solution" in cells[0].metadata["tags"]
    namespace = {"np": np}
    exec(harness().solution_source(cells[0].source), namespace)
    rng = np.random.default_rng(3)
    for batch, n_in, n_out in ((1, 2, 3), (5, 4, 4), (8, 64, 10)):
        X, W, dZ = rng.normal(size=(batch, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=(batch, n_out))
        for ours, theirs in zip(namespace["dense_backward"](dZ, (X, W)), nnlib.dense_backward(dZ, (X, W))):
            assert ours.shape == theirs.shape and np.allclose(ours, theirs)


# ---- 07_backprop: one training step ----------------------------------------------------------------------------

def right_train_step(net, X, y, lr):
    dWs, dbs = net.gradients(X, y)
    for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
        W -= lr * dW
        b -= lr * db


def test_the_step_in_the_check_lowers_the_loss():
    net, X, y = backprop._step_case()
    before = net.loss(X, y)
    right_train_step(net, X, y, 0.5)
    assert net.loss(X, y) < before


def test_train_step(capsys):
    passes(capsys, backprop.train_step, right_train_step)

    def replaces_the_lists(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        net.weights = [W - lr * dW for W, dW in zip(net.weights, dWs)]
        net.biases = [b - lr * db for b, db in zip(net.biases, dbs)]

    passes(capsys, backprop.train_step, replaces_the_lists)

    def stub(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)

    def rebinds(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
            W = W - lr * dW  # noqa: F841  (the classic slip: a new array, the network's is untouched)
            b = b - lr * db  # noqa: F841

    def stepper(sign, scale, biases=True, layers=None, regradient=False):
        def step(net, X, y, lr):
            dWs, dbs = net.gradients(X, y)
            for i in (range(len(net.weights)) if layers is None else layers):
                if regradient:
                    dWs, dbs = net.gradients(X, y)
                net.weights[i] -= sign * (lr if scale else 1.0) * dWs[i]
                if biases:
                    net.biases[i] -= sign * (lr if scale else 1.0) * dbs[i]
        return step

    def crashes(net, X, y, lr):
        raise KeyError("oops")

    hints(capsys, backprop.train_step, stub, containing="nothing changed")
    hints(capsys, backprop.train_step, rebinds, containing="makes a new array")
    hints(capsys, backprop.train_step, stepper(-1, True), containing="uphill")
    hints(capsys, backprop.train_step, stepper(1, False), containing="learning rate")
    hints(capsys, backprop.train_step, stepper(1, True, biases=False), containing="biases did not move")
    hints(capsys, backprop.train_step, stepper(1, True, layers=[1]), containing="only some layers")
    hints(capsys, backprop.train_step, stepper(1, True, regradient=True), containing="once, at the start")
    hints(capsys, backprop.train_step, crashes, containing="KeyError")

    def whole_lists(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        net.weights -= lr * dWs

    def zip_out_of_order(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        for W, dW, b, db in zip(net.weights, net.biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db

    def returns_new_weights(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        return [W - lr * dW for W, dW in zip(net.weights, dWs)]

    def steps_twice(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
            W -= lr * dW
            W -= lr * dW
            b -= lr * db

    hints(capsys, backprop.train_step, whole_lists, containing="dWs and dbs are lists")
    hints(capsys, backprop.train_step, zip_out_of_order, containing="changed the gradients instead of the weights")
    hints(capsys, backprop.train_step, returns_new_weights, containing="returns new weights")
    hints(capsys, backprop.train_step, steps_twice, containing="exactly once per layer")
    hints(capsys, backprop.train_step, 42, containing="expected a function")

    def subtracts_the_lists(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        net.weights -= dWs

    hints(capsys, backprop.train_step, subtracts_the_lists, containing="dWs and dbs are lists")

    def steps_by_the_biases(net, X, y, lr):  # zip's names out of order: each W is stepped by its layer's bias
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, dWs, net.biases, dbs):
            W -= lr * dW

    def gradients_swapped(net, X, y, lr):  # each bias stepped by a weight matrix: numpy cannot fit them
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, dbs, dWs):
            W -= lr * dW
            b -= lr * db

    def notebooks_lr(net, X, y, lr):  # the notebook's lr = 1.0 instead of the argument
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
            W -= 1.0 * dW
            b -= 1.0 * db

    hints(capsys, backprop.train_step, steps_by_the_biases, containing="not by -lr * their own gradient")
    out = hints(capsys, backprop.train_step, gradients_swapped, containing="gradient of something else")
    assert "non-broadcastable" not in out
    hints(capsys, backprop.train_step, notebooks_lr, containing="learning rate the function is given")

    def prints_and_steps(net, X, y, lr):
        print("stepping")
        right_train_step(net, X, y, lr)

    right = backprop.train_step(prints_and_steps)
    out = said(capsys)
    assert right is None and out.startswith("stepping\n✅"), out  # what the learner prints is shown, above the verdict


# ---- 08_training_digits: mini-batches ---------------------------------------------------------------------------

def right_minibatches(X, y, batch_size, rng):
    order = rng.permutation(len(X))
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(X), batch_size)]


def test_minibatches(capsys):
    passes(capsys, training.minibatches, right_minibatches)
    passes(capsys, training.minibatches, lambda *args: iter(right_minibatches(*args)))  # a generator is fine too
    hints(capsys, training.minibatches, stub_function, containing="returns nothing")

    def separate_shuffles(X, y, batch_size, rng):
        Xs, ys = X[rng.permutation(len(X))], y[rng.permutation(len(y))]
        return [(Xs[i:i + batch_size], ys[i:i + batch_size]) for i in range(0, len(X), batch_size)]

    def unshuffled(X, y, batch_size, rng):
        return [(X[i:i + batch_size], y[i:i + batch_size]) for i in range(0, len(X), batch_size)]

    def drops_the_last(X, y, batch_size, rng):
        order = rng.permutation(len(X))
        return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]])
                for i in range(0, len(X) - batch_size + 1, batch_size)]

    def with_replacement(X, y, batch_size, rng):
        picks = [rng.integers(0, len(X), batch_size) for _ in range(-(-len(X) // batch_size))]
        return [(X[p], y[p]) for p in picks]

    def own_generator(X, y, batch_size, rng):
        return right_minibatches(X, y, batch_size, np.random.default_rng(0))

    def too_few(X, y, batch_size, rng):
        return right_minibatches(X, y, batch_size, rng)[:1]

    def labels_only(X, y, batch_size, rng):
        return [y[i:i + batch_size] for i in range(0, len(X), batch_size)]

    hints(capsys, training.minibatches, separate_shuffles, containing="lost their labels")
    hints(capsys, training.minibatches, unshuffled, containing="original order")
    hints(capsys, training.minibatches, drops_the_last, containing="dropped it")
    hints(capsys, training.minibatches, with_replacement, containing="more than one batch")
    hints(capsys, training.minibatches, own_generator, containing="never used the rng it was given")

    def global_random(X, y, batch_size, rng):  # the classic slip: numpy's global generator, not the rng argument
        order = np.random.permutation(len(X))
        return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(X), batch_size)]

    def fresh_generator(X, y, batch_size, rng):
        return right_minibatches(X, y, batch_size, np.random.default_rng())

    def shuffles_in_place(X, y, batch_size, rng):
        order = rng.permutation(len(X))
        X[:], y[:] = X[order], y[order]
        return [(X[i:i + batch_size], y[i:i + batch_size]) for i in range(0, len(X), batch_size)]

    def two_lists(X, y, batch_size, rng):
        batches = right_minibatches(X, y, batch_size, rng)
        return [X_batch for X_batch, _ in batches], [y_batch for _, y_batch in batches]

    def slice_to_batch_size(X, y, batch_size, rng):
        order = rng.permutation(len(X))
        return [(X[order[i:batch_size]], y[order[i:batch_size]]) for i in range(0, len(X), batch_size)]

    hints(capsys, training.minibatches, two_lists, containing="list(zip(X_batches, y_batches))")
    hints(capsys, training.minibatches, slice_to_batch_size, containing="order[start:start + batch_size]")
    hints(capsys, training.minibatches, global_random, containing="cannot be repeated")
    hints(capsys, training.minibatches, fresh_generator, containing="np.random (or another generator")
    hints(capsys, training.minibatches, shuffles_in_place, containing="changed the X and y it was given")
    hints(capsys, training.minibatches, too_few, containing="every example")
    hints(capsys, training.minibatches, labels_only, containing="pair")
    hints(capsys, training.minibatches, lambda *args: 3, containing="list of (X_batch, y_batch) pairs")


# ---- 08_training_digits: the confusion matrix --------------------------------------------------------------------

def right_confusion_matrix(y_true, y_pred, n_classes=10):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def test_confusion_matrix(capsys):
    from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix

    passes(capsys, training.confusion_matrix, right_confusion_matrix)
    passes(capsys, training.confusion_matrix,
           lambda t, p, n=10: sklearn_confusion_matrix(t, p, labels=np.arange(n)))
    hints(capsys, training.confusion_matrix, stub_function, containing="returns nothing")
    hints(capsys, training.confusion_matrix, lambda t, p, n=10: right_confusion_matrix(p, t, n),
          containing="transposed")

    def fancy_indexing(y_true, y_pred, n_classes=10):
        cm = np.zeros((n_classes, n_classes), dtype=int)
        cm[y_true, y_pred] += 1
        return cm

    hints(capsys, training.confusion_matrix, fancy_indexing, containing="np.add.at")

    def sets_the_cell(y_true, y_pred, n_classes=10):
        cm = np.zeros((n_classes, n_classes), dtype=int)
        for t, p in zip(y_true, y_pred):
            cm[t, p] = 1
        return cm

    hints(capsys, training.confusion_matrix, sets_the_cell, containing="cm[t, p] = 1 sets the cell")

    def normalised(y_true, y_pred, n_classes=10):
        cm = right_confusion_matrix(y_true, y_pred, n_classes).astype(float)
        return cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)

    hints(capsys, training.confusion_matrix, normalised, containing="rows add up to 1")
    passes(capsys, training.confusion_matrix, lambda t, p, n=10: right_confusion_matrix(t, p, n).astype(float))
    hints(capsys, training.confusion_matrix,
          lambda t, p, n=10: right_confusion_matrix(t, p, int(max(t.max(), p.max())) + 1), containing="even when")
    hints(capsys, training.confusion_matrix, lambda t, p, n=10: right_confusion_matrix(t, p, n) * 2,
          containing="add up to")
    hints(capsys, training.confusion_matrix, lambda t, p, n=10: np.eye(n), containing="add up to")


# ---- 08_training_digits: the most confident mistakes -------------------------------------------------------------

def right_confident_mistakes(probs, y):
    predicted = probs.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y)
    return wrong[np.argsort(-probs[wrong, predicted[wrong]])]


def test_confident_mistakes(capsys):
    probs, y = training._MISTAKES_PROBS, training._MISTAKES_Y
    predicted = probs.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y)
    confidence = probs[wrong, predicted[wrong]]
    assert len(wrong) >= 4 and len(np.unique(confidence)) == len(wrong)  # enough mistakes, no ties
    by_truth = wrong[np.argsort(probs[wrong, y[wrong]])]
    assert not np.array_equal(by_truth, right_confident_mistakes(probs, y))

    passes(capsys, training.confident_mistakes, right_confident_mistakes)
    hints(capsys, training.confident_mistakes, stub_function, containing="returns nothing")
    hints(capsys, training.confident_mistakes, lambda p, y: np.flatnonzero(p.argmax(1) != y), containing="index order")
    hints(capsys, training.confident_mistakes, lambda p, y: right_confident_mistakes(p, y)[::-1],
          containing="least confident")
    hints(capsys, training.confident_mistakes, lambda p, y: p.argmax(1) != y, containing="mask")
    hints(capsys, training.confident_mistakes, lambda p, y: np.flatnonzero(p.argmax(1) == y), containing="right")
    hints(capsys, training.confident_mistakes,
          lambda p, y: np.flatnonzero(p.argmax(1) != y)[np.argsort(p[p.argmax(1) != y, y[p.argmax(1) != y]])],
          containing="true class")
    hints(capsys, training.confident_mistakes, lambda p, y: np.sort(p.max(1)[p.argmax(1) != y])[::-1],
          containing="probabilities")
    hints(capsys, training.confident_mistakes, lambda p, y: np.argsort(-p.max(1)), containing="every example")
    hints(capsys, training.confident_mistakes, lambda p, y: right_confident_mistakes(p, y)[:2],
          containing="mistakes in this batch")

    def positions_within_the_mistakes(probs, y):  # argsort of the confidences alone: 0..7, not example indices
        predicted = probs.argmax(axis=1)
        wrong = np.flatnonzero(predicted != y)
        return np.argsort(-probs[wrong, predicted[wrong]])

    out = hints(capsys, training.confident_mistakes, positions_within_the_mistakes,
                containing="positions within your list of mistakes")
    assert "the examples " + ", ".join(str(k) for k in wrong) in out  # it says which indices are wanted
    hints(capsys, training.confident_mistakes, lambda p, y: p.argmax(1)[right_confident_mistakes(p, y)],
          containing="class labels")
    hints(capsys, training.confident_mistakes, lambda p, y: right_confident_mistakes(p, y) + 0.5,
          containing="whole numbers")
    hints(capsys, training.confident_mistakes, lambda p, y: (right_confident_mistakes(p, y) + 1) % len(y),
          containing="right number of indices, but not the right examples")
    passes(capsys, training.confident_mistakes, lambda p, y: list(right_confident_mistakes(p, y)))


# ---- 08_training_digits: a recipe of your own ----------------------------------------------------------------------

def _trained(layer_sizes, X, y, rates, activation="relu", **fit):
    """A network trained one epoch per learning rate, each epoch shuffled with its own seed (08's loop)."""
    net = nnlib.MLP(layer_sizes, activation=activation, seed=0)
    for epoch, lr in enumerate(rates, start=1):
        net.fit(X, y, epochs=1, lr=lr, batch_size=16, seed=epoch, **fit)
    return net


SECTION_3 = [0.2] * 20 + [0.02] * 10   # 08's recipe: lr 0.2 for 20 epochs, then 0.02 for 10


def test_my_network(capsys):
    X_fit, X_val, y_fit, y_val, X_test, y_test = training.validation_split()
    X_train, y_train = np.vstack([X_fit, X_val]), np.concatenate([y_fit, y_val])
    hints(capsys, training.my_network, ..., containing="still empty")
    hints(capsys, training.my_network, {"loss": []}, containing="fit returns the history")
    hints(capsys, training.my_network, nnlib.MLP([32, 10]), containing="64 pixels")
    hints(capsys, training.my_network, nnlib.MLP([64, 9]), containing="it needs 10")
    hints(capsys, training.my_network, nnlib.MLP([64, 16, 10]), containing="did you call my_net.fit(X_fit")
    hints(capsys, training.my_network, nnlib.MLP, containing="the MLP class itself")
    blown = nnlib.MLP([64, 16, 10], seed=0)
    with np.errstate(all="ignore"):
        blown.fit(X_fit, y_fit, epochs=2, lr=1e6, batch_size=16, seed=0)
    hints(capsys, training.my_network, blown, containing="too large")
    crawled = nnlib.MLP([64, 16, 10], seed=0)
    crawled.fit(X_fit, y_fit, epochs=1, lr=1e-4, batch_size=16, seed=0)
    assert crawled.accuracy(X_val, y_val) < 0.2
    hints(capsys, training.my_network, crawled, containing="far too slowly")
    nan_net = nnlib.MLP([64, 16, 10], seed=0)
    nan_net._weights[0][0, 0] = np.inf   # what an overflowing run leaves behind (assigning it is refused)
    hints(capsys, training.my_network, nan_net, containing="blew up")
    # recipes are chosen on the validation digits, so a network that trained on them gets a hint, however well it
    # scores: the whole of X_train (which holds them: the likeliest slip), X_val alone, or X_fit then X_val
    for leaked in (_trained([64, 128, 10], X_train, y_train, SECTION_3),
                   _trained([64, 10], X_train, y_train, np.linspace(0.2, 0.01, 100)),
                   _trained([64, 128, 10], X_val, y_val, SECTION_3)):
        hints(capsys, training.my_network, leaked, containing="Did fit get X_train?")
    polished = _trained([64, 128, 10], X_fit, y_fit, [0.1] * 30)
    polished.fit(X_val, y_val, epochs=5, lr=0.05, batch_size=16, seed=1)
    hints(capsys, training.my_network, polished, containing="trained on the validation digits")
    # the test set is the exam: a network trained on it gets a hint too
    studied_the_exam = _trained([64, 128, 10], X_test, y_test, np.linspace(0.2, 0.01, 30))
    hints(capsys, training.my_network, studied_the_exam, containing="trained on the test digits")
    briefly = nnlib.MLP([64, 128, 10], seed=0)
    briefly.fit(X_test, y_test, epochs=10, lr=0.1, batch_size=16, seed=0)
    hints(capsys, training.my_network, briefly, containing="trained on the test digits")
    fit_and_test = _trained([64, 128, 10], np.vstack([X_fit, X_test]), np.concatenate([y_fit, y_test]),
                            np.linspace(0.2, 0.01, 30))
    hints(capsys, training.my_network, fit_and_test, containing="trained on the test digits")
    weak = nnlib.MLP([64, 16, 10], seed=0)
    weak.fit(X_fit, y_fit, epochs=2, lr=0.1, batch_size=32, seed=0)
    hints(capsys, training.my_network, weak, containing="below the 96% goal")
    passes(capsys, training.my_network, _trained([64, 128, 10], X_fit, y_fit, SECTION_3))
    passes(capsys, training.my_network, _trained([64, 128, 64, 10], X_fit, y_fit, np.linspace(0.2, 0.01, 30)))


# ---- the hints a beginner's further wrong answers get (each names the mistake actually made) -----------------------

def test_cross_entropy_further_mistakes(capsys):
    picked = lambda p, y: p[np.arange(len(y)), y]  # noqa: E731
    hints(capsys, backprop.cross_entropy, lambda p, y: print(-np.mean(np.log(picked(p, y)))),
          containing="printed its answer but returned None")
    hints(capsys, backprop.cross_entropy, lambda p, y: "2.3", containing="returns the text")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(p[y, np.arange(len(y))])),
          containing="wrong axis")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.log(nnlib.softmax(p)[np.arange(len(y)), y])),
          containing="probabilities already")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.sum(np.log(picked(p, y))) / p.shape[1],
          containing="number of classes")
    hints(capsys, backprop.cross_entropy, lambda p, y: -np.mean(np.eye(p.shape[1])[y] * np.log(p)),
          containing="every cell of the table")
    passes(capsys, backprop.cross_entropy, lambda p, y: -np.mean([np.log(row[c]) for row, c in zip(p, y)]))
    passes(capsys, backprop.cross_entropy, lambda p, y: -np.sum(np.eye(p.shape[1])[y] * np.log(p)) / len(y))


def test_neuron_gradients_further_mistakes(capsys):
    def chain(slope=lambda a, z: a * (1 - a), use_b=True):
        def gradients(x, w, b, y):
            z = w * x + (b if use_b else 0)
            a = nnlib.sigmoid(z)
            blame = 2 * (a - y) * slope(a, z)
            return blame * x, blame
        return gradients
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: (-0.3549, -0.1774), containing="4 decimals only")
    worked = chain()(2.0, 0.5, -0.5, 1.0)
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: worked, containing="worked example's answer")
    hints(capsys, backprop.neuron_gradients, chain(lambda a, z: z * (1 - z)), containing="z (1 - z)")
    hints(capsys, backprop.neuron_gradients, chain(lambda a, z: 1 - a ** 2), containing="slope of tanh")
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: (x, 1), containing="only the last links")

    def binary_cross_entropys(x, w, b, y):  # the slope 07 shows next, for the other loss: dL/dz = a - y
        a = nnlib.sigmoid(w * x + b)
        return (a - y) * x, a - y

    hints(capsys, backprop.neuron_gradients, binary_cross_entropys, containing="slope of the binary cross-entropy")
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: ("-0.3549", "-0.1774"), containing="returned text")
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: (chain()(x, w, b, y)[0], 1),
          containing="db is 1 times the blame")
    hints(capsys, backprop.neuron_gradients, lambda x, w, b, y: print(*chain()(x, w, b, y)),
          containing="printed its answer")
    passes(capsys, backprop.neuron_gradients, lambda x, w, b, y: list(chain()(x, w, b, y)))


def test_dense_backward_further_mistakes(capsys):
    def backward(make):
        return lambda dZ, cache: make(dZ, *cache)
    hints(capsys, backprop.dense_backward, backward(lambda dZ, X, W: (dZ.sum(axis=0), X.T @ dZ, dZ @ W.T)),
          containing="wrong order")
    hints(capsys, backprop.dense_backward, backward(lambda dZ, X, W: (-dZ @ W.T, -X.T @ dZ, -dZ.sum(axis=0))),
          containing="wrong sign")
    hints(capsys, backprop.dense_backward, backward(lambda dZ, X, W: (None, X.T @ dZ, dZ.sum(axis=0))),
          containing="nothing for dX")
    hints(capsys, backprop.dense_backward, backward(lambda dZ, X, W: print(dZ @ W.T, X.T @ dZ, dZ.sum(axis=0))),
          containing="printed its answer")
    passes(capsys, backprop.dense_backward, backward(lambda dZ, X, W: [np.dot(dZ, W.T), np.dot(X.T, dZ),
                                                                        np.sum(dZ, 0).astype(np.float32)]))


def test_train_step_early_return(capsys):
    def early(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db
            return
    hints(capsys, backprop.train_step, early, containing="return` inside the loop")

    def by_index(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        for i in range(len(dWs)):
            net.weights[i] = net.weights[i] - lr * dWs[i]
            net.biases[i] = net.biases[i] - lr * dbs[i]
    passes(capsys, backprop.train_step, by_index)


def _cut(X, y, batch_size, order, stop=None):
    stop = len(X) if stop is None else stop
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]]) for s in range(0, stop, batch_size)]


def test_07_names_the_slips_a_second_look_found(capsys):
    picked = lambda p, y: p[np.arange(len(y)), y]  # noqa: E731
    ce = backprop.cross_entropy
    # np.mean(..., axis=1) raises numpy's AxisError, an IndexError too: it was told as picking along the wrong axis
    out = hints(capsys, ce, lambda p, y: -np.mean(np.log(picked(p, y)), axis=1), containing="no axis needed")
    assert "wrong axis" not in out
    hints(capsys, ce, lambda p, y: -np.mean(np.log(picked(p, y))) / len(y), containing="twice")
    hints(capsys, ce, lambda p, y: -np.mean(np.log(1 - picked(p, y))), containing="-ln(1 - p)")
    hints(capsys, ce, lambda p, y: -np.mean(y * np.log(picked(p, y))), containing="multiplied by the labels")
    hints(capsys, ce, lambda p, y: -np.mean(np.log2(picked(p, y))), containing="log2")
    hints(capsys, ce, lambda p, y: np.mean((p - np.eye(p.shape[1])[y]) ** 2), containing="squared error")
    hints(capsys, ce, lambda p, y: 2.318, containing="notebook's numbers")
    hints(capsys, ce, lambda p, y: np.log(10), containing="notebook's numbers")
    hints(capsys, ce, lambda p, y: round(float(-np.mean(np.log(picked(p, y)))), 2), containing="did you round")

    def chain(forward=lambda x, w, b: nnlib.sigmoid(w * x + b), link=lambda a, y: 2 * (a - y),
              slope=lambda a: a * (1 - a)):
        def gradients(x, w, b, y):
            a = forward(x, w, b)
            blame = link(a, y) * slope(a)
            return blame * x, blame
        return gradients

    ng = backprop.neuron_gradients
    hints(capsys, ng, chain(link=lambda a, y: (a - y) ** 2), containing="the loss itself")
    hints(capsys, ng, chain(forward=lambda x, w, b: w * x + b, slope=lambda a: 1.0), containing="no sigmoid")
    hints(capsys, ng, lambda x, w, b, y: chain()(2.0, w, b, y), containing="used x = 2.0")
    hints(capsys, ng, lambda x, w, b, y: chain()(x, w, b, 1.0), containing="used y = 1.0")
    hints(capsys, ng, lambda x, w, b, y: chain()(x, 0.5, b, y), containing="used w = 0.5")

    def backward(make):
        return lambda dZ, cache: make(dZ, *cache)
    db = backprop.dense_backward
    hints(capsys, db, backward(lambda dZ, X, W: (dZ @ W.T, np.outer(X, dZ), dZ.sum(axis=0))), containing="np.outer")

    def gated(dZ, X, W):  # the ReLU's slope taken inside the layer
        dZ = dZ * (X @ W > 0)
        return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)
    hints(capsys, db, backward(gated), containing="the layer alone")
    hints(capsys, db, backward(lambda dZ, X, W: (dZ @ W.T / len(X), X.T @ dZ, dZ.sum(axis=0))),
          containing="dX is divided by the batch size")

    def step_by(factor, divide=False):
        def train_step(net, X, y, lr):
            dWs, dbs = net.gradients(X, y)
            for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
                W -= (lr / len(X) if divide else factor) * dW
                b -= (lr / len(X) if divide else factor) * db
        return train_step
    out = hints(capsys, backprop.train_step, step_by(0.1), containing="use the argument lr")
    assert "0.1 times its gradient" in out and "Pair each W" not in out
    hints(capsys, backprop.train_step, step_by(0.5), containing="use the argument lr")
    hints(capsys, backprop.train_step, step_by(None, divide=True), containing="divided by the batch size")

    def rebinds_and_returns_net(net, X, y, lr):
        dWs, dbs = net.gradients(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
            W = W - lr * dW
            b = b - lr * db
        return net
    out = hints(capsys, backprop.train_step, rebinds_and_returns_net, containing="W = W - lr * dW makes a new array")
    assert "returns new weights" not in out


def test_the_untouched_train_step_stub_is_not_tried_but_a_changed_one_is(capsys, tmp_path, monkeypatch):
    """The exercise cell as shipped keeps its given line, dWs, dbs = net.gradients(X, y): still not tried. (Defined
    in a file, so that its source can be read, as in a notebook's kernel.)"""
    import importlib.util

    from nnlib.checks import _feedback

    cell = next(cell.source for cell in nbformat.read(NOTEBOOKS / "07_backprop.ipynb", as_version=4).cells
                if "exercise" in cell.metadata.get("tags", []) and "def train_step" in cell.source)
    changed = cell.replace("    # your code here", "    for W, dW in zip(net.weights, dWs):\n        W = W - lr * dW\n    #")
    (tmp_path / "shipped.py").write_text(cell)
    (tmp_path / "changed.py").write_text(changed)
    monkeypatch.chdir(tmp_path)  # progress() keeps its record here
    for name, tried in (("shipped", False), ("changed", True)):
        spec = importlib.util.spec_from_file_location(name, tmp_path / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _feedback.RESULTS.pop(("07_backprop", "train_step"), None)
        hints(capsys, backprop.train_step, module.train_step, containing="Nothing changed yet")
        assert (("07_backprop", "train_step") in _feedback.RESULTS) is tried, name


def test_minibatches_further_mistakes(capsys):
    def early(X, y, batch_size, rng):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            return [(X[order[start:start + batch_size]], y[order[start:start + batch_size]])]
    hints(capsys, training.minibatches, early, containing="return` inside the loop")
    # range(0, len(X) - 1, batch_size) only shows when the last batch holds a single example
    hints(capsys, training.minibatches,
          lambda X, y, b, rng: _cut(X, y, b, rng.permutation(len(X)), stop=len(X) - 1), containing="dropped it")
    X_train, y_train = np.zeros((20, 64)), np.zeros(20, dtype=int)
    hints(capsys, training.minibatches,
          lambda X, y, b, rng: _cut(X_train, y_train, b, rng.permutation(len(X_train))),
          containing="not from the notebook's X_train")
    hints(capsys, training.minibatches,
          lambda X, y, b, rng: [(yb, Xb) for Xb, yb in _cut(X, y, b, rng.permutation(len(X)))],
          containing="swapped")
    hints(capsys, training.minibatches, lambda X, y, b, rng: print(_cut(X, y, b, rng.permutation(len(X)))),
          containing="printed its answer")
    order_of = lambda X, rng: rng.permutation(len(X))  # noqa: E731
    hints(capsys, training.minibatches, lambda X, y, b, rng: (X[order_of(X, rng)], y[order_of(X, rng)]),
          containing="You returned X and y whole")
    hints(capsys, training.minibatches, lambda X, y, b, rng: {"X": X, "y": y}, containing="but you returned dict")
    hints(capsys, training.minibatches, lambda X, y, b, rng: "batches", containing="but you returned str")
    passes(capsys, training.minibatches, lambda X, y, b, rng: (pair for pair in _cut(X, y, b, rng.permutation(len(X)))))


def test_confusion_matrix_further_mistakes(capsys):
    def counted(pairs):
        def confusion(y_true, y_pred, n_classes=10):
            cm = np.zeros((n_classes, n_classes), dtype=int)
            for t, p in pairs(y_true, y_pred):
                cm[t, p] += 1
                if pairs is early:
                    return cm
            return cm
        return confusion
    early = lambda t, p: zip(t, p)  # noqa: E731
    hints(capsys, training.confusion_matrix, counted(early), containing="return` inside the")
    hints(capsys, training.confusion_matrix, counted(lambda t, p: zip(t[:-1], p[:-1])), containing="one short")
    hints(capsys, training.confusion_matrix, lambda t, p, n=10: print(np.zeros((n, n))), containing="printed its answer")
    passes(capsys, training.confusion_matrix,
           lambda t, p, n=10: np.bincount(np.asarray(t) * n + p, minlength=n * n).reshape(n, n).tolist())


def test_confident_mistakes_further_mistakes(capsys):
    def sorted_by(key, take=None):
        def mistakes(probs, y):
            predicted = probs.argmax(axis=1)
            wrong = np.flatnonzero(predicted != y)
            ordered = wrong[np.argsort(-key(probs, y, predicted, wrong))]
            return ordered if take is None else take(ordered)
        return mistakes
    confidence = lambda p, y, pr, w: p[w, pr[w]]  # noqa: E731
    hints(capsys, training.confident_mistakes, sorted_by(lambda p, y, pr, w: p[w, y[w]]),
          containing="probability of the TRUE class")
    hints(capsys, training.confident_mistakes, sorted_by(confidence, take=lambda o: o[:1]),
          containing="That is the most confident mistake, but the exercise wants all")
    hints(capsys, training.confident_mistakes, sorted_by(confidence, take=lambda o: int(o[0])),
          containing="a single number")
    hints(capsys, training.confident_mistakes, lambda p, y: print(sorted_by(confidence)(p, y)), containing="printed its answer")
    passes(capsys, training.confident_mistakes, sorted_by(confidence, take=tuple))


def test_my_network_further_mistakes(capsys):
    from sklearn.neural_network import MLPClassifier
    X_fit, X_val, y_fit, y_val, X_test, y_test = training.validation_split()
    hints(capsys, training.my_network, MLPClassifier(), containing="scikit-learn's MLPClassifier")
    hints(capsys, training.my_network, nnlib.MLP([64, 16, 10]).fit(X_fit, y_fit, epochs=1),
          containing="fit returns the history")
    # a split of one's own, instead of the notebook's: some of its training digits are validation digits
    from sklearn.model_selection import train_test_split
    X_a, _, y_a, _ = train_test_split(np.vstack([X_fit, X_val]), np.concatenate([y_fit, y_val]), test_size=300,
                                      random_state=1)
    hints(capsys, training.my_network, _trained([64, 128, 10], X_a, y_a, SECTION_3), containing="a split of your own")
    # honest recipes are never suspected, whether they reach the goal or not: weight decay, a narrow tanh layer,
    # a linear model, a network stopped after a few epochs (it scores about the same everywhere)
    honest = [nnlib.MLP([64, 128, 10], seed=0), nnlib.MLP([64, 32, 10], activation="tanh", seed=0),
              nnlib.MLP([64, 128, 10], seed=1), nnlib.MLP([64, 10], seed=1)]
    honest[0].fit(X_fit, y_fit, epochs=40, lr=0.1, batch_size=16, weight_decay=3e-3, seed=0)
    honest[1].fit(X_fit, y_fit, epochs=15, lr=0.2, batch_size=16, weight_decay=2e-3, seed=0)
    honest[2].fit(X_fit, y_fit, epochs=10, lr=0.1, batch_size=32, seed=1)
    honest[3].fit(X_fit, y_fit, epochs=100, lr=0.1, batch_size=16, seed=1)
    for net in honest:
        training.my_network(net)
        out = said(capsys)
        assert out.startswith("✅") or "below the 96% goal" in out, out
    measured = nnlib.MLP([64, 128, 10], seed=0)   # validation_data only measures: no suspicion
    measured.fit(X_fit, y_fit, epochs=30, lr=0.1, batch_size=16, seed=0, validation_data=(X_val, y_val))
    passes(capsys, training.my_network, measured)


def test_08_names_the_slips_a_second_look_found(capsys):
    """A beginner's further wrong answers to 08's exercises, each told by its own mistake."""
    shuffled = lambda X, rng: rng.permutation(len(X))  # noqa: E731
    hints(capsys, training.minibatches, lambda X, y, b, rng: list(zip(np.array_split(X[o := shuffled(X, rng)], b),
                                                                      np.array_split(y[o], b))),
          containing="batch_size is how many examples go into each batch")
    hints(capsys, training.minibatches, lambda X, y, b, rng: _cut(X, y, b, rng.choice(len(X), len(X))),
          containing="drawn with replacement")
    hints(capsys, training.minibatches,
          lambda X, y, b, rng: [(X[o[s:s + b]], y[o[s:s + b]]) for o in [shuffled(X, rng)] for s in range(len(X))],
          containing="the range needs its step")

    def counted(cell, classes=None):
        def confusion(y_true, y_pred, n_classes=10):
            n = n_classes if classes is None else classes
            cm = np.zeros((n, n), dtype=int)
            for t, p in zip(y_true, y_pred):
                cell(cm, t, p)
            return cm
        return confusion

    def add(cm, t, p):
        cm[t, p] += 1

    confusion = training.confusion_matrix
    hints(capsys, confusion, counted(lambda cm, t, p: add(cm, t - 1, p - 1)), containing="one row and one column too early")
    hints(capsys, confusion, counted(add, classes=10), containing="not a typed-in 10")
    hints(capsys, confusion, lambda t, p, n=10: right_confusion_matrix(t, p, n) / len(t),
          containing="divided the counts by the number of examples")
    hints(capsys, confusion, lambda t, p, n=10: 100 * right_confusion_matrix(t, p, n) / len(t), containing="percentages")
    hints(capsys, confusion, lambda t, p, n=10: right_confusion_matrix(t, p, n) /
          np.maximum(right_confusion_matrix(t, p, n).sum(axis=0), 1), containing="columns add up to 1")
    hints(capsys, confusion, counted(lambda cm, t, p: add(cm, t, p) if t == p else None), containing="only the right answers")
    hints(capsys, confusion, counted(lambda cm, t, p: add(cm, t, p) if t != p else None), containing="only the mistakes")

    def loops_over_the_classes(y_true, y_pred, n_classes=10):
        cm = np.zeros((n_classes, n_classes), dtype=int)
        for i in range(n_classes):
            cm[y_true[i], y_pred[i]] += 1
        return cm

    hints(capsys, confusion, loops_over_the_classes, containing="runs over range(n_classes)")

    mistakes = training.confident_mistakes
    hints(capsys, mistakes, lambda p, y: np.flatnonzero(p.argmax(axis=0) != y), containing="probs.argmax(axis=0)")
    hints(capsys, mistakes, lambda p, y: right_confident_mistakes(p, y) + 1, containing="no + 1")
    hints(capsys, mistakes, lambda p, y: [(k, p[k].max()) for k in right_confident_mistakes(p, y)],
          containing="(index, confidence) pairs")
    hints(capsys, mistakes, lambda p, y: p.argmax(axis=1)[p.argmax(axis=1) != y], containing="class labels")


def test_my_network_tells_a_learning_rate_too_large_from_one_too_small(capsys):
    # lr 1.5 leaves the loss near ln 10 (2.19) with most ReLUs dead: the hint said "falling too slowly, use a larger
    # learning rate"; and a crawl whose loss sat just above 2.5 was told its rate was too large
    X_fit, X_val, y_fit, y_val = training.validation_split()[:4]
    for seed in (0, 1):
        too_large = nnlib.MLP([64, 128, 10], seed=seed)
        too_large.fit(X_fit, y_fit, epochs=3, lr=1.5, batch_size=16, seed=0)
        assert too_large.accuracy(X_val, y_val) < 0.3
        hints(capsys, training.my_network, too_large, containing="never fire for any training digit")
        too_small = nnlib.MLP([64, 128, 10], seed=seed)
        too_small.fit(X_fit, y_fit, epochs=1, lr=1e-4, batch_size=16, seed=0)
        hints(capsys, training.my_network, too_small, containing="far too slowly")
    assert "after 1 epoch of training" in hints(capsys, training.my_network, too_small)


# ---- the published solutions pass their checks (a quick version of tests/test_exercises.py) -------------------------

@pytest.mark.parametrize("name", ["07_backprop.ipynb", "08_training_digits.ipynb"])
def test_each_stub_runs_and_each_solution_passes(capsys, name):
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    found = harness().exercises(nbformat.read(NOTEBOOKS / name, as_version=4))
    assert len(found) >= 3
    for stub, solution, check_source in found:
        for code, should_pass in ((stub, False), (solution, True)):
            namespace = {"np": np, "nnlib": nnlib, "check": backprop if name.startswith("07") else training,
                         "check_features": features, "X_train": X_train, "y_train": y_train}
            if name.startswith("08"):   # exercise 4 trains on the notebook's split of X_train
                X_fit, X_val, y_fit, y_val = training.validation_split()[:4]
                namespace.update(X_fit=X_fit, X_val=X_val, y_fit=y_fit, y_val=y_val)
            exec(code, namespace)
            exec(check_source, namespace)
            out = said(capsys)
            assert out.startswith("✅") == should_pass, (check_source, should_pass, out)


# ---- the widgets of 07: gradient descent on a landscape -------------------------------------------------------------

def test_descent_from_too_small_to_too_large():
    from nnlib.widgets.descent import descend, house_price_landscape, verdict

    land = house_price_landscape()
    w_best, b_best, lowest = land.minimum
    assert lowest < land.loss(*land.start)
    assert np.allclose(land.gradient(w_best, b_best), 0, atol=1e-6)  # the bottom is flat
    numeric = nnlib.numerical_gradient(lambda p: land.loss(*p), np.array([10.0, 20.0]), h=1e-3)
    assert np.allclose(land.gradient(10.0, 20.0), numeric, rtol=1e-6)

    def story(lr, steps=20):
        hike = descend(land, lr, steps)
        return verdict(hike["path"], hike["losses"], lowest), hike

    assert story(0.01)[0] == "crawling"
    assert story(0.01, steps=60)[0] == "on its way down"
    assert story(0.3)[0] == "at the bottom"
    assert story(0.9)[0] == "at the bottom"          # it zig-zags, but reaches the floor within 20 steps
    assert story(0.5, steps=5)[0] == "on its way down"
    assert story(0.1, steps=5)[0] == "on its way down"
    for lr in (0.95, 0.99):                           # across the valley at every step, a little lower each time
        what, hike = story(lr)
        assert what == "zig-zagging in" and hike["losses"][-1] < hike["losses"][-3]
    # lr = 1.0: b jumps between 0 and twice the average price forever; the readout must not say "getting down"
    what, hike = story(1.0, steps=60)
    b = hike["path"][:, 1]
    assert what == "bouncing" and np.allclose(b[-2:], b[-4:-2], rtol=1e-6) and b[-1] != pytest.approx(b[-2])
    assert story(1.0)[0] == "bouncing"
    assert story(1.001)[0] == "bouncing"              # 20 steps: it climbs by too little to see
    assert story(1.001, steps=60)[0] == "diverging"
    what, hike = story(1.1)
    assert what == "diverging" and hike["losses"][-1] > hike["losses"][0]
    what, hike = story(2.0, steps=60)  # flies off: stopped early, no overflow warnings (they are errors here)
    assert what == "diverging" and hike["flew_off"] and len(hike["losses"]) < 61
    assert story(0.1, steps=0)[0] == "standing still"
    assert story(1.0, steps=1)[0] == "one step"


def test_descent_explorer_widget():
    from nnlib.widgets.descent import descent_explorer

    widget = descent_explorer(lr=0.01, steps=20)
    assert repr(widget) == ("Gradient descent explorer: house-price loss landscape; learning-rate and steps "
                            "sliders")
    assert widget.frame["verdict"] == "crawling" and "Crawling" in widget.readout.value
    assert widget.render()[:8] == b"\x89PNG\r\n\x1a\n"
    widget.controls["lr"].value = 1.5
    widget.controls["steps"].value = 60
    assert widget.last_error is None and widget.frame["verdict"] == "diverging"
    assert "off the map" in widget.readout.value
    widget.controls["lr"].value = 0.3
    assert widget.frame["verdict"] == "at the bottom"
    assert widget.frame["path"].shape == (61, 2)
    widget.controls["lr"].value = 1.0          # the readout says what the picture shows: b bouncing for ever
    assert widget.frame["verdict"] == "bouncing" and "never settles" in widget.readout.value
    assert "slowly" not in widget.readout.value
    widget.controls["lr"].value = 0.99
    assert widget.frame["verdict"] == "zig-zagging in" and "a little lower each time" in widget.readout.value
    widget.controls["steps"].value = 20
    widget.controls["lr"].value = 0.9
    assert widget.frame["verdict"] == "at the bottom" and "zig-zagged" in widget.readout.value
    with pytest.raises(ValueError, match="between"):
        descent_explorer(lr=5.0)
    with pytest.raises(ValueError, match="at most"):
        descent_explorer(steps=100)


# ---- the widgets of 07: the blame game ---------------------------------------------------------------

def party_data():
    party = nnlib.load_party()
    return party.X / [20, 10, 10], party.y


def test_example_blame_is_backprop_on_one_example():
    from nnlib.widgets.blame import example_blame, strongest_blame

    X, y = party_data()
    net = nnlib.MLP([3, 4, 2], seed=0)
    frame = example_blame(net, X[7], y[7])
    # the blame on the first layer's weights agrees with the referee
    numeric = nnlib.numerical_gradient(
        lambda W: nnlib.softmax_cross_entropy(nnlib.relu(X[7:8] @ W + net.biases[0]) @ net.weights[1]
                                              + net.biases[1], y[7:8]), net.weights[0])
    assert nnlib.relative_error(frame["dWs"][0], numeric) < 1e-7
    # the output neurons' blame is P - Y: opposite numbers for two classes
    assert np.allclose(frame["dZs"][-1], frame["probs"] - np.eye(2)[y[7]])
    # a hidden neuron that is off gets no blame, and neither do the weights into it
    off = nnlib.relu(X[7] @ net.weights[0] + net.biases[0]) == 0
    assert off.any() and np.all(frame["dZs"][0][off] == 0) and np.all(frame["dWs"][0][:, off] == 0)
    (layer, i, j, value), name = strongest_blame(frame["dWs"], ["d", "t", "f"], ["home", "goes"])
    assert abs(value) == max(np.abs(dW).max() for dW in frame["dWs"]) and "\u2192" in name


def test_blame_explorer_widget():
    from nnlib.widgets.blame import blame_explorer

    X, y = party_data()
    net = nnlib.MLP([3, 4, 2], seed=0)
    start = [W.copy() for W in net.weights]
    widget = blame_explorer(net, X, y, input_labels=["distance", "tiredness", "friends"],
                            output_labels=["stays home", "goes"])
    assert repr(widget) == ("Blame explorer: 3-4-2 network, 200 examples; example and trained-epochs sliders")
    assert all(np.array_equal(W, W0) for W, W0 in zip(net.weights, start))  # the learner's network is untouched
    assert "Most blame" in widget.readout.value and widget.render()[:4] == b"\x89PNG"
    # training shrinks the blame: the average loss falls as the epochs slider moves right
    losses = []
    for epochs in (0, 5, 50):
        widget.controls["epochs"].value = epochs
        losses.append(widget.model.loss(X, y))
    assert losses[0] > losses[1] > losses[2]
    widget.controls["example"].value = 6
    assert widget.last_error is None and widget.frame["example"] == 6
    with pytest.raises(ValueError, match="softmax output"):
        blame_explorer(nnlib.MLP([3, 4, 1]), X, y)
    with pytest.raises(ValueError, match="at most 8"):
        blame_explorer(nnlib.MLP([3, 16, 2]), X, y)
    with pytest.raises(ValueError, match="features"):
        blame_explorer(nnlib.MLP([2, 4, 2]), X, y)
