"""Checks for the exercises of 08_training_digits: cutting an epoch into mini-batches, the confusion
matrix, the network's most confident mistakes, and a digit recogniser trained with a recipe of your own.

    from nnlib.checks import training as check
    check.minibatches(minibatches)
"""

import numpy as np

from ..datasets import digits_split
from ..network import MLP
from ._answers import as_numbers, close, name_the_kind, name_the_mistake, not_iterable, require_filled
from ._feedback import BROADCAST, Hint, call_learner, check

# ---- epochs and mini-batches -----------------------------------------------------------------------------------


def _numbered_examples(n):
    """X whose rows carry their own number (in both columns) and y equal to that number, so any batch can be
    traced back to the examples it holds and checked for rows that lost their labels."""
    ids = np.arange(n)
    return np.column_stack([ids, ids]).astype(np.float64), ids.copy()


def _batches_of(minibatches, n, batch_size, seed, rng=None):
    X, y = _numbered_examples(n)
    result = call_learner(minibatches, X, y, batch_size, np.random.default_rng(seed) if rng is None else rng)
    X_again, y_again = _numbered_examples(n)
    if not (close(X, X_again) and np.array_equal(y, y_again)):
        raise Hint("Your function changed the X and y it was given (rng.shuffle(X) shuffles in place). In the "
                   "notebook that would scramble X_train itself. Make new arrays instead: "
                   "order = rng.permutation(len(X)), then X[order] and y[order].")
    not_batches = "Return a list of (X_batch, y_batch) pairs, but you returned {type}."
    name_the_kind(result, (
        ((str, bytes, dict), not_batches),
        (lambda pair: isinstance(pair, tuple) and len(pair) == 2 and all(
            isinstance(part, np.ndarray) and len(part) == n for part in pair),
         "You returned X and y whole, all {examples} examples in one pair. Cut them into batches: a list of "
         "(X_batch, y_batch) pairs of batch_size examples each."),
        (not_iterable, not_batches),
    ), examples=n)
    batches = list(result)
    if (len(batches) == 2 and all(isinstance(part, (list, tuple)) for part in batches)
            and len(batches[0]) == len(batches[1]) != 2):
        raise Hint("You returned two lists, all the X batches and then all the y batches. Return one list of "
                   "pairs instead, [(X_batch, y_batch), ...]: list(zip(X_batches, y_batches)) makes it.")
    pairs = []
    for batch in batches:
        if not (isinstance(batch, (tuple, list)) and len(batch) == 2):
            raise Hint("Each item of the list should be a pair (X_batch, y_batch): the images of the batch and "
                       "their labels.")
        X_batch, y_batch = (as_numbers(part, name) for part, name in zip(batch, ("X_batch", "y_batch")))
        if X_batch.ndim == 1 and y_batch.ndim == 2 and y_batch.shape[1] == 2:
            raise Hint("Each pair comes out as (y_batch, X_batch): swapped. Put the images first, "
                       "(X[indices], y[indices]).")
        if X_batch.ndim == 2 and X_batch.shape[1] != 2:
            raise Hint(f"An X_batch has {X_batch.shape[1]} columns, but the X your function was given has 2: "
                       "the batches must come from the arguments X and y, not from the notebook's X_train and "
                       "y_train.")
        if X_batch.ndim != 2 or X_batch.shape[1] != 2:
            raise Hint(f"An X_batch has shape {X_batch.shape}, but it should keep every column of X: rows of X "
                       "picked by X[indices].")
        if y_batch.shape != (len(X_batch),):
            raise Hint(f"A batch has {len(X_batch)} rows of X but y_batch has shape {y_batch.shape}: each row "
                       "needs exactly its own label.")
        pairs.append((X_batch, y_batch))
    return pairs


@check("Every example exactly once per epoch, in a fresh random order, each with its own label.")
def minibatches(minibatches):
    """minibatches(X, y, batch_size, rng) -> list of (X_batch, y_batch), a shuffled pass over the data."""
    for n, batch_size in ((10, 4), (12, 3), (7, 7), (5, 8), (9, 4)):
        pairs = _batches_of(minibatches, n, batch_size, seed=13)
        if not pairs:
            raise Hint("Your list of batches is empty.")
        for X_batch, y_batch in pairs:
            if not close(X_batch[:, 0], y_batch, rtol=0):
                raise Hint("Some images lost their labels: X and y were shuffled in different orders. Draw ONE "
                           "random order (rng.permutation(len(X))) and use it for both X and y.")
        sizes = [len(y_batch) for _, y_batch in pairs]
        seen = np.rint(np.concatenate([y_batch for _, y_batch in pairs])).astype(np.int64)
        full, rest = divmod(n, batch_size)
        expected_sizes = [batch_size] * full + ([rest] if rest else [])
        if len(np.unique(seen)) < len(seen):
            if len(pairs) == n and n > batch_size:
                raise Hint("You made one batch starting at every example, so the batches overlap: the range needs "
                           "its step, range(0, len(X), batch_size), to start the next batch where the last one "
                           "ended.")
            if len(seen) == n:
                raise Hint("Some examples appear twice and others not at all: the order was drawn with "
                           "replacement (rng.choice(n, n) does that unless replace=False; rng.integers too). "
                           "rng.permutation(len(X)) gives every index exactly once.")
            raise Hint("Some examples appear in more than one batch. Shuffle once per epoch, then cut the "
                       "shuffled order into consecutive slices: order[start:start + batch_size].")
        if len(pairs) == 1 and n > batch_size:
            raise Hint(f"With {n} examples and batches of {batch_size} there should be {len(expected_sizes)} "
                       "batches, covering every example, but you returned only the first. A `return` inside the "
                       "loop stops there: collect every batch in a list, and return the list after the loop.")
        if len(seen) < n and n % batch_size and len(seen) == n - rest:
            raise Hint(f"With {n} examples and batches of {batch_size}, the last batch holds only {rest}, and "
                       "you dropped it. Keep it: those examples deserve a step too.")
        if len(seen) < n:
            raise Hint(f"Your batches hold {len(seen)} examples, but there are {n}: an epoch is one pass over "
                       "every example. Check the slices: batch k is order[start:start + batch_size], with start "
                       "going 0, batch_size, 2 * batch_size, ...")
        if len(pairs) == batch_size != len(expected_sizes):
            raise Hint(f"You cut the {n} examples into {batch_size} batches, but batch_size is how many examples go "
                       f"into each batch (np.array_split(X, {batch_size}) makes {batch_size} pieces). Cut consecutive "
                       "slices of batch_size instead: order[start:start + batch_size] for start in "
                       "range(0, len(X), batch_size).")
        if sizes != expected_sizes:
            raise Hint(f"With {n} examples and batch_size {batch_size}, the batches should hold {expected_sizes} "
                       f"examples, but yours hold {sizes}.")
        if n > 6 and np.array_equal(seen, np.arange(n)):
            raise Hint("The batches come in the original order. Shuffle first (rng.permutation(len(X))), so "
                       "each epoch sees different batches and the steps do not repeat the same zig-zag.")
    def order(seed):
        return np.rint(np.concatenate([y for _, y in _batches_of(minibatches, 12, 3, seed=seed)])).astype(int)

    first, second, again = order(14), order(15), order(14)
    if not np.array_equal(first, again):
        raise Hint("Two generators with the same seed gave different orders, so your run cannot be repeated: "
                   "you drew the order from np.random (or another generator of your own). Use the rng you are "
                   "given, rng.permutation(len(X)): the same seed then gives the same batches, every time.")
    rng = np.random.default_rng(16)
    state = rng.bit_generator.state
    _batches_of(minibatches, 12, 3, seed=16, rng=rng)
    if np.array_equal(first, second) or rng.bit_generator.state == state:
        raise Hint("Your function never used the rng it was given, so every epoch gets the same order. "
                   "Use that rng, rng.permutation(len(X)), rather than a fixed order or a generator of your own.")


# ---- the confusion matrix -------------------------------------------------------------------------------------

_CM_TRUE = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 1, 0, 2])
_CM_PRED = np.array([0, 0, 1, 1, 1, 2, 0, 2, 2, 2, 0, 1])


def _true_confusion(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


@check("Rows are the true digits, columns the guesses: the diagonal is what the network gets right.")
def confusion_matrix(confusion_matrix):
    """confusion_matrix(y_true, y_pred, n_classes) -> (n_classes, n_classes) counts, rows = true labels."""
    for y_true, y_pred, n_classes in ((_CM_TRUE, _CM_PRED, 3), (_CM_TRUE, _CM_PRED, 5)):
        expected = _true_confusion(y_true, y_pred, n_classes)
        got = as_numbers(call_learner(confusion_matrix, y_true.copy(), y_pred.copy(), n_classes),
                         "what your function returned")
        if got.shape != expected.shape:
            if got.shape == (10, 10):
                raise Hint(f"Your matrix is 10x10, but this call's n_classes is {n_classes}: size it from the "
                           "argument, np.zeros((n_classes, n_classes)), not a typed-in 10.")
            if got.shape == (3, 3):
                raise Hint(f"With n_classes={n_classes} the matrix should be {n_classes}x{n_classes}, even when "
                           "some classes never appear: make it np.zeros((n_classes, n_classes)).")
            raise Hint(f"The matrix should have shape ({n_classes}, {n_classes}), one row and one column per "
                       f"class, but yours has shape {got.shape}.")
        if close(got, expected):
            continue
        diagonal = np.diag(np.diag(expected))
        name_the_mistake(got, [
            (expected.T, "Your matrix is transposed: rows should be the TRUE class and columns the PREDICTED one, "
                         "so cm[true, predicted] += 1."),
            (expected / np.maximum(expected.sum(axis=1, keepdims=True), 1),
             "Your rows add up to 1: you divided each row by its total. The exercise asks for the counts "
             "themselves (how many 3s were read as 8s), whole numbers."),
            ((expected > 0).astype(np.float64),
             f"Your counts add up to {got.sum():.0f}, but there are {len(y_true)} examples: each cell holds 1 "
             "however often its (true, predicted) pair appears. cm[t, p] = 1 sets the cell instead of adding to "
             "it, and with whole arrays cm[y_true, y_pred] += 1 also counts a repeated pair only once. Add 1 per "
             "pair in a loop, cm[t, p] += 1, or use np.add.at(cm, (y_true, y_pred), 1)."),
            (expected / np.maximum(expected.sum(axis=0, keepdims=True), 1),
             "Your columns add up to 1: you divided each column by its total. The exercise asks for the counts "
             "themselves (how many 3s were read as 8s), whole numbers."),
            (expected / len(y_true), f"You divided the counts by the number of examples ({len(y_true)}): those are "
                                     "shares of all the examples. The exercise asks for the counts themselves, "
                                     "whole numbers."),
            (100 * expected / len(y_true), "You turned the counts into percentages of all the examples. The exercise "
                                           "asks for the counts themselves, whole numbers."),
            (np.roll(expected, (-1, -1), axis=(0, 1)),
             "Every count sits one row and one column too early (class 0's count ended up in the last row and "
             "column): the labels already start at 0, so cm[t, p] += 1, with no - 1."),
            (_true_confusion(y_true[:n_classes], y_pred[:n_classes], n_classes),
             f"Your matrix counts only the first {n_classes} examples: the loop runs over range(n_classes). Loop "
             "over the examples instead: for t, p in zip(y_true, y_pred)."),
            (diagonal, "Your matrix holds only the right answers, the diagonal. Count the mistakes too: every "
                       "(true, predicted) pair adds 1 to its cell."),
            (expected - diagonal, "Your matrix holds only the mistakes. Count the right answers too: they are the "
                                  "diagonal, every (true, predicted) pair adds 1 to its cell."),
        ])
        if close(got.sum(), 1):
            raise Hint(f"Your matrix counts only 1 of the {len(y_true)} examples. Is the `return` inside the "
                       "loop? Count every pair first, then return the matrix after the loop.")
        if close(got.sum(), len(y_true) - 1):
            raise Hint(f"Your counts add up to {len(y_true) - 1}, one short of the {len(y_true)} examples: the "
                       "loop misses one. range(len(y_true)) (or zip(y_true, y_pred)) covers every example.")
        if got.sum() != len(y_true):
            raise Hint(f"Every example should add exactly 1 to one cell, so the counts should add up to "
                       f"{len(y_true)}, but yours add up to {got.sum():.0f}.")
        raise Hint("Not quite: cell [i, j] should count the examples whose true class is i and whose "
                   "predicted class is j.")


# ---- the most confident mistakes ------------------------------------------------------------------------------

_MISTAKES_RNG = np.random.default_rng(16)
_MISTAKES_PROBS = _MISTAKES_RNG.dirichlet(np.full(4, 0.6), size=12)
_MISTAKES_Y = _MISTAKES_RNG.integers(0, 4, size=12)


@check("The network's most confident mistakes, worst first: where it was sure and wrong.")
def confident_mistakes(confident_mistakes):
    """confident_mistakes(probs, y) -> indices of the misclassified examples, most confident first."""
    probs, y = _MISTAKES_PROBS, _MISTAKES_Y
    predicted = probs.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y)
    confidence = probs[wrong, predicted[wrong]]
    expected = wrong[np.argsort(-confidence)]
    axis_0 = {BROADCAST: ("Two arrays of different lengths met, one number per class and one per example: "
                          "probs.argmax(axis=0) gives one number per class (per column). Rows are examples: "
                          "probs.argmax(axis=1) is each example's predicted class.")}
    got = as_numbers(call_learner(confident_mistakes, probs.copy(), y.copy(), explain=axis_0),
                     "what your function returned")
    wanted = (f"The mistakes in this batch are the examples {', '.join(str(k) for k in np.sort(wrong))} (their "
              f"positions in probs); return those {len(wrong)} numbers, the most confident mistake first.")
    if got.ndim == 0:
        raise Hint(f"You returned a single number. Return every mistake's index, an array of {len(wrong)} "
                   f"numbers. {wanted}")
    if got.shape == (len(wrong), 2) and close(got[:, 0], expected):
        raise Hint("You returned (index, confidence) pairs. Return the indices alone, most confident mistake "
                   "first: wrong[np.argsort(-confidence)].")
    if got.ndim != 1:
        raise Hint(f"Return a 1-D array of example indices, but yours has shape {got.shape}.")
    if got.shape == (len(y),) and set(np.unique(got)) <= {0.0, 1.0} and len(wrong) != len(y):
        raise Hint("That looks like a True/False mask. Return the indices of the wrong examples "
                   "(np.flatnonzero(mask) turns a mask into indices), sorted most confident first.")
    if len(got) and np.all((got > 0) & (got < 1)):
        raise Hint("Those look like probabilities. Return the examples' indices (positions in probs), "
                   "sorted by confidence, not the confidences themselves.")
    if not close(got, np.rint(got), rtol=0):
        raise Hint(f"Return whole numbers, the indices of examples in probs. {wanted}")
    got = np.rint(got).astype(np.int64)
    if np.array_equal(got, expected):
        return
    positions = (f"Right order, but those are positions within your list of mistakes (0 to {len(wrong) - 1}), "
                 "not the examples' own indices. Use them to pick from that list: "
                 f"wrong[np.argsort(-confidence)]. {wanted}")
    labels = f"Those are class labels (what the network answered, or the true class), not example indices. {wanted}"
    name_the_mistake(got, [(np.argsort(-confidence), positions), (np.argsort(confidence)[::-1], positions),
                           (predicted[expected], labels), (y[expected], labels),
                           (predicted[wrong], labels), (y[wrong], labels),
                           (expected + 1, f"One too far: positions count from 0, so no + 1. {wanted}")],
                     same=np.array_equal)
    if np.array_equal(np.sort(got), np.sort(np.flatnonzero(predicted == y))):
        raise Hint("Those are the examples the network got RIGHT. Keep the ones where the prediction "
                   "(probs.argmax(axis=1)) differs from y.")
    if len(got) == len(y):
        raise Hint("You returned every example. Keep only the mistakes: where probs.argmax(axis=1) != y.")
    if np.array_equal(np.sort(got), wrong):
        true_class = probs[wrong, y[wrong]]
        by_truth = ("You sorted by the probability of the TRUE class. Sort by the network's confidence in the "
                    "answer it actually gave: probs[wrong, predicted[wrong]].")
        name_the_mistake(got, [
            (wrong, "Right examples, but in index order. Sort them by the probability the network gave to its "
                    "(wrong) answer, largest first."),
            (expected[::-1], "Right examples, but the least confident mistake comes first. Sort in decreasing "
                             "order: np.argsort(-confidence)."),
            (wrong[np.argsort(true_class)], by_truth), (wrong[np.argsort(-true_class)], by_truth),
        ], same=np.array_equal)
        raise Hint("Right examples, wrong order: sort by the probability the network gave its predicted "
                   "class, largest first.")
    if 0 < len(got) < len(wrong) and np.array_equal(got, expected[:len(got)]):
        those = ("That is the most confident mistake" if len(got) == 1
                 else f"Those are the {len(got)} most confident mistakes")
        raise Hint(f"{those}, but the exercise wants all {len(wrong)}, in order. {wanted}")
    if len(got) == len(wrong):
        raise Hint(f"Right number of indices, but not the right examples. A mistake is an example whose argmax "
                   f"is not its label. {wanted}")
    indices = "index" if len(got) == 1 else "indices"
    raise Hint(f"There are {len(wrong)} mistakes in this batch, but you returned {len(got)} {indices}. A mistake "
               f"is an example whose argmax is not its label. {wanted}")


# ---- your own digit recogniser --------------------------------------------------------------------------------

VALIDATION_SIZE = 300  # digits cut from the training digits to compare recipes on (the notebook's split)
_SPLITS = None


def validation_split():
    """The notebook's split: X_fit, X_val, y_fit, y_val, the training digits of digits_split with 300 of them
    set aside for validation (the same share of each digit), and the untouched test set X_test, y_test."""
    global _SPLITS
    if _SPLITS is None:
        from sklearn.model_selection import train_test_split

        X_train, X_test, y_train, y_test = digits_split()
        X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=VALIDATION_SIZE,
                                                      stratify=y_train, random_state=0)
        _SPLITS = X_fit, X_val, y_fit, y_val, X_test, y_test
    return _SPLITS


_NOT_A_NETWORK = (
    (lambda net: net is MLP, "my_net is the MLP class itself, not a network. Build one with its layer sizes, my_net = "
                             "nnlib.MLP([64, 128, 10]), then train it with my_net.fit(X_fit, y_fit, ...)."),
    (lambda net: type(net).__name__ == "MLPClassifier", "my_net is scikit-learn's MLPClassifier. This exercise wants a "
                                                        "network of your own: my_net = nnlib.MLP([64, ..., 10]), "
                                                        "trained with my_net.fit(X_fit, y_fit, ...)."),
    (lambda net: not isinstance(net, MLP), "my_net should be an nnlib.MLP, but it is {type}. (fit returns the history, "
                                           "not the network: build the network first, then call my_net.fit(...) on "
                                           "its own line.)"),
)


@check("Your recipe reads at least 96% of the validation digits, which it never trained on. Now, and only once, "
       "open the exam: my_net.accuracy(X_test, y_test).")
def my_network(my_net, target=0.96):
    """my_net: an nnlib MLP trained on X_fit, y_fit; it must score >= target on the validation digits X_val."""
    require_filled(my_net, "my_net", "build an nnlib.MLP, train it with fit, and run the cell")
    name_the_kind(my_net, _NOT_A_NETWORK)
    if my_net.layer_sizes[0] != 64:
        raise Hint(f"Your network has {my_net.layer_sizes[0]} inputs, but every digit has 64 pixels: the first "
                   "layer size must be 64.")
    if my_net.layer_sizes[-1] != 10:
        raise Hint(f"Your network has {my_net.layer_sizes[-1]} outputs; it needs 10, one per digit.")
    if not all(np.all(np.isfinite(W)) for W in list(my_net.weights) + list(my_net.biases)):
        raise Hint("Some of your network's weights are no longer numbers (inf or nan): the training blew up. "
                   "The learning rate was too large; build a fresh network and train it with a smaller one "
                   "(0.1-0.2 works here).")
    X_fit, X_val, y_fit, y_val, X_test, y_test = validation_split()
    accuracy = my_net.accuracy(X_val, y_val)
    losses = [float(v) for v in getattr(my_net, "history", {}).get("loss", [])]
    if accuracy < 0.2 and not losses:
        raise Hint(f"Validation accuracy {accuracy:.1%}: about what guessing gives. Did you call "
                   "my_net.fit(X_fit, y_fit, ...) before checking?")
    epochs = f"{len(losses)} epoch{'' if len(losses) == 1 else 's'}"
    if accuracy < target:
        # A learning rate far too large throws the weights off: the loss climbs above an untrained network's (about
        # 2.3-2.5 here), or, in a ReLU network, the first steps push most hidden neurons to where they never fire
        # again (the loss then stalls near ln 10 = 2.30). Too small a rate leaves them alive and the loss falling.
        with np.errstate(all="ignore"):
            now = my_net.loss(X_fit, y_fit)
            silent = (np.mean((my_net.layer_outputs(X_fit)[0] <= 0).all(axis=0))
                      if len(my_net.layer_sizes) > 2 and my_net.activation == "relu" else 0.0)
        if not np.isfinite(now) or (accuracy < 0.2 and now > 3) or silent > 0.5:
            dead = (f", and {silent:.0%} of its first hidden layer's neurons never fire for any training digit"
                    if silent > 0.5 else "")
            raise Hint(f"Validation accuracy {accuracy:.1%} after {epochs} of training, with a training loss of "
                       f"{now:,.2f}{dead}. The learning rate is too large: its first steps threw the weights far "
                       "off. Build a fresh network and use 0.1-0.2.")
        if accuracy < 0.2:
            raise Hint(f"Validation accuracy {accuracy:.1%} after {epochs} of training: about what guessing gives. "
                       "The loss is falling, but far too slowly: use more epochs or a larger learning rate (0.1-0.2 "
                       "works here).")
    fit_accuracy, fit_loss = my_net.accuracy(X_fit, y_fit), my_net.loss(X_fit, y_fit)
    val_loss = my_net.loss(X_val, y_val)
    test_accuracy, test_loss = my_net.accuracy(X_test, y_test), my_net.loss(X_test, y_test)
    # The validation and the test digits are both new to a network trained on X_fit alone. Of 90 networks trained
    # that way (18 recipes: widths 16-512, one to three hidden layers, relu, tanh and sigmoid, weight decay, 1 to 100
    # epochs; 5 seeds each), the 85 that reached 90% on the validation digits had a validation loss at least 1.00
    # times their test loss (these 300 digits are a little harder) and 1.18 times their training loss, and a
    # validation accuracy at most 0.6 points above the test accuracy and at least 1.8 points below the training
    # accuracy (2.3 points, and a loss 1.78 times the training loss, for the 42 that reached the goal). A network
    # that also trained on the validation digits (X_train holds them; X_val; a few epochs on them at the end) knows
    # them better than the test digits, and about as well as its training digits. The same comparison the other way
    # round shows a network that trained on the test digits. One that has hardly learned (below 90%) scores about
    # the same everywhere, so it is not suspected.
    studied_val = accuracy >= 0.9 and (val_loss < 0.85 * test_loss or accuracy > test_accuracy + 0.02
                                       or val_loss < 0.9 * fit_loss or accuracy > fit_accuracy + 0.01)
    as_good = accuracy >= target and (val_loss < 1.1 * fit_loss or accuracy > fit_accuracy - 0.006)
    if studied_val or as_good:
        raise Hint(f"Your network knows the validation digits ({accuracy:.1%} right, loss {val_loss:.3f}) about "
                   f"as well as the digits it trained on ({fit_accuracy:.1%}, loss {fit_loss:.3f}), or better "
                   "than digits it has never seen: it has trained on the validation digits. Did fit get X_train? "
                   f"It still holds the {len(y_val)} validation digits (or did it get X_val, or a split of your "
                   "own?). A validation score only means something for digits the network never trained on: build "
                   "a fresh network and train it on X_fit, y_fit only (validation_data=(X_val, y_val) is fine: it "
                   "only measures).")
    if test_accuracy >= 0.9 and (test_loss < 0.9 * fit_loss or test_accuracy > fit_accuracy + 0.01):
        raise Hint(f"Your network does as well on the test digits ({test_accuracy:.1%} right, loss {test_loss:.3f}) "
                   f"as on the digits it trained on ({fit_accuracy:.1%}, loss {fit_loss:.3f}), or better: that "
                   "happens when it has trained on the test digits too (did fit get X_test?). The test set is the "
                   "exam, opened once at the very end; a network that studied it says nothing about handwriting "
                   "it never saw. Build a fresh network and train it on X_fit, y_fit only.")
    if accuracy < target:
        raise Hint(f"Validation accuracy {accuracy:.1%}, below the {target:.0%} goal. Try more epochs, a wider "
                   "hidden layer, a learning rate around 0.1-0.2, or a few final epochs with a smaller one.")
