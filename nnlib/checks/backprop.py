"""Checks for the exercises of 07_backprop: the cross-entropy loss, the chain rule on one neuron,
dense_backward (refereed by numerical gradients) and one training step by hand.

    from nnlib.checks import backprop as check
    check.cross_entropy(cross_entropy)
"""

import ast

import numpy as np

from ..activations import _sigmoid, _softmax
from ..gradients import numerical_gradient, relative_error
from ..network import MLP
from . import _source
from ._answers import as_numbers, close, name_the_case, name_the_mistake, one_number
from ._feedback import (AXIS, BROADCAST, LIST_ARITHMETIC, MATMUL, MATMUL_SCALAR, NUMPY, UNPACK, Hint, call_learner,
                        check, is_stub, run_learner)

# ---- the loss for classification: cross-entropy -------------------------------------------------------------

_RNG = np.random.default_rng(7)
_PROBS = _softmax(_RNG.normal(0, 1.5, (6, 4)))
_LABELS = np.array([0, 3, 1, 1, 2, 3])


# 07's words for the crashes of picking each row's probability the wrong way
_CROSS_ENTROPY_CRASHES = (
    (AXIS, "Your function asked for an axis the array does not have (axis=1 on the picked probabilities, say): once "
           "you have picked one probability per example, they are a plain row of numbers. Average them with "
           "np.mean(...), no axis needed."),  # (numpy's AxisError is an IndexError too: told first)
    (IndexError, "Your function crashed with an IndexError: it used the labels to pick along the wrong axis. Rows are "
                 "examples and columns are classes, so the labels pick the column: probs[np.arange(len(y)), y], row "
                 "i, column y[i]."),
    (BROADCAST, "Your function crashed: y holds one label per example, shape (6,), and probs one row of 4 "
                "probabilities per example, shape (6, 4), so they do not line up entry by entry. Use the labels to "
                "pick: probs[np.arange(len(y)), y] is each row's probability of its right class."),
)


@check("One number for how wrong the network is: the average surprise at the right answers.")
def cross_entropy(cross_entropy):
    """cross_entropy(probs, y) -> the mean of -ln(probs[i, y[i]]), a single number."""
    picked = _PROBS[np.arange(len(_LABELS)), _LABELS]
    expected = float(-np.mean(np.log(picked)))
    returned = call_learner(cross_entropy, _PROBS.copy(), _LABELS.copy(), explain=_CROSS_ENTROPY_CRASHES)
    got = as_numbers(returned, "what your function returned", kinds=(
        (str, "Your function returns the text {answer!r}. Return the number itself, computed from probs and y, not a "
              "string."),))
    if close(np.abs(got), np.abs(np.log(_PROBS[_LABELS]))):
        raise Hint("probs[y] picks whole ROWS (row y[i] for every i), a 6x4 table. Pick one entry per row, the "
                   "probability of that row's right class: probs[np.arange(len(y)), y].")
    if got.shape == (len(_LABELS),):
        if close(got, -np.log(picked)):
            raise Hint("You returned one loss per example. The loss is a single number: average them "
                       "with np.mean(...).")
        raise Hint(f"Return a single number (the average over the {len(_LABELS)} examples), not an array "
                   f"of shape {got.shape}.")
    if got.shape == (len(_LABELS), len(_LABELS)):
        raise Hint("You got a 6x6 table: probs[:, y] picks whole columns. Pick one entry per row, the "
                   "probability of that row's right class: probs[np.arange(len(y)), y].")
    got = one_number(got, "what your function returned", "Return a single number, but you returned an array of shape "
                                                        "{shape}.")
    if close(got, expected):
        try:
            uniform = call_learner(cross_entropy, np.full((3, 10), 0.1), np.array([2, 7, 9]))
        except Hint as h:
            if h.error is None:
                raise
            raise Hint("Right on the first batch (6 examples, 4 classes), but your function crashed on a batch of 3 "
                       "examples and 10 classes. Make sure nothing in it assumes 6 examples or 4 classes: "
                       "np.arange(len(y)), not np.arange(6).") from None
        if not close(float(as_numbers(uniform, "what your function returned").reshape(-1)[0]), np.log(10)):
            raise Hint("Right on the first batch but not on ten equal guesses, which should give "
                       "ln(10) = 2.303. Make sure nothing in your function assumes 4 classes or 6 examples.")
        return
    mistakes = (
        (-expected, "Your loss is negative: the log of a probability is at most 0, so put a minus sign "
                    "in front, -ln(p), to make a loss that is 0 when perfect and grows with every mistake."),
        (expected * len(_LABELS), "You added the losses up. Take the mean instead, so the loss does not "
                                  "grow just because the batch is bigger."),
        (expected / np.log(10), "You used log10. Cross-entropy uses the natural log, np.log (that is why "
                                "ten equal guesses give ln 10 = 2.30)."),
        (float(-np.mean(np.log(_PROBS))), "You averaged -ln(p) over every probability in the table. Only the "
                                          "right class counts: probs[np.arange(len(y)), y]."),
        (float(-np.mean(np.log(_PROBS[:, _LABELS]))), "probs[:, y] picks whole columns, a 6x6 table. Pick one "
                                                       "entry per row, the probability of that row's right "
                                                       "class: probs[np.arange(len(y)), y]."),
        (float(np.mean(1 - picked)), "That is 1 - p, not -ln(p). The log is what makes a confident wrong answer "
                                     "cost so much more than a timid one."),
        (float(-np.mean(np.log(_PROBS[:, 0]))), "You used the first column for every example. Each row has its "
                                                "own right class: probs[np.arange(len(y)), y]."),
        (float(-np.mean(np.log(_PROBS.max(axis=1)))), "You used each row's largest probability, the network's own "
                                                       "favourite. The loss needs the probability it gave to the "
                                                       "RIGHT class, y[i]: probs[np.arange(len(y)), y]."),
        (float(-np.log(np.mean(picked))), "You took the log of the average probability. Take -ln of each "
                                          "example's probability first, then average: -np.mean(np.log(right))."),
        (float(-np.mean(np.log(_softmax(_PROBS)[np.arange(len(_LABELS)), _LABELS]))),
         "You applied softmax to probs, but they are probabilities already (each row sums to 1). Pick each "
         "row's probability of its right class straight from probs: probs[np.arange(len(y)), y]."),
        (expected * len(_LABELS) / _PROBS.shape[1], "You divided the sum by the number of classes (4). Average "
                                                    "over the examples instead: one loss per example, then "
                                                    "np.mean."),
        (expected / _PROBS.shape[1], "You averaged over every cell of the table (examples times classes). Only "
                                     "one probability per example counts, so average over the examples: "
                                     "-np.mean(np.log(probs[np.arange(len(y)), y]))."),
        (float(-np.mean(np.log(_PROBS[_LABELS]))), "probs[y] picks whole ROWS (row y[i] for every i). Pick one "
                                                   "entry per row, the probability of that row's right class: "
                                                   "probs[np.arange(len(y)), y]."),
        (expected / len(_LABELS), "You divided by the number of examples twice: np.mean already divides the sum by "
                                  "it. Take -np.mean(...) of the picked log-probabilities, and nothing more."),
        (float(-np.mean(np.log(1 - picked))), "You took -ln(1 - p), the surprise if the right class had NOT come up. "
                                              "The loss is -ln(p), of the probability given to the right class."),
        (float(-np.mean(_LABELS * np.log(picked))), "You multiplied by the labels y. They are class numbers (0, 3, "
                                                    "1...), not weights: they only choose which probability counts. "
                                                    "Average -ln of the picked probabilities, without y in front."),
        (expected / np.log(2), "You used log2. Cross-entropy uses the natural log, np.log (that is why ten equal "
                               "guesses give ln 10 = 2.30)."),
        (float(np.mean((_PROBS - np.eye(_PROBS.shape[1])[_LABELS]) ** 2)),
         "That is the squared error against the one-hot answers. Cross-entropy scores only the probability given "
         "to the right class, by its surprise: -ln(p)."),
    )
    name_the_mistake(got, mistakes)
    if min(abs(got - np.log(10)), abs(got - 2.318)) < 5e-4:
        raise Hint(f"Your function gives {got:.3f}, one of the notebook's numbers (ln 10, or the untrained network's "
                   "loss), but this batch's loss is another. Compute it from the arguments probs and y, not from the "
                   "notebook's variables or numbers typed in.")
    if abs(got - expected) < 0.006:
        raise Hint(f"Close ({got:.4f}), but not exact: did you round? Keep every decimal; the check compares the "
                   "loss to within rounding.")
    raise Hint(f"For this batch the loss should be {expected:.4f}, but yours is {got:.4f}. For each example, "
               "take the probability of its right class, then average -ln of those.")


# ---- the chain rule on one neuron ---------------------------------------------------------------------------

_NEURON_CASES = ((2.0, 0.5, -0.5, 1.0), (-1.0, 0.8, 0.3, 0.0), (0.5, -1.2, 0.4, 1.0), (3.0, 0.2, -1.0, 0.0))


def z_of(x, w, b):
    return w * x + b


def where_of(x, w, b, y):
    return f"For x={x}, w={w}, b={b}, y={y}"


def _neuron_parts(x, w, b, y):
    a = _sigmoid(w * x + b)
    return a, 2 * (a - y), a * (1 - a)


def _worked_example_arguments(x, w, b, y, dw, db):
    """(the slopes with one argument replaced by the worked example's, the hint): a global read, or a number typed in,
    instead of the argument."""
    given, worked = (x, w, b, y), _NEURON_CASES[0]
    mistakes = []
    for k, name in enumerate("xwby"):
        if given[k] == worked[k]:
            continue
        used = list(given)
        used[k] = worked[k]
        _, dL_da, da_dz = _neuron_parts(*used)
        blame = dL_da * da_dz
        mistakes.append(((blame * used[0], blame), f"Your function used {name} = {worked[k]}, the worked example's "
                                                   f"{name}, instead of its argument {name} (here {given[k]}): "
                                                   "compute from the arguments, not the notebook's variables or "
                                                   "numbers typed in."))
    return tuple(mistakes)


@check("Three links multiplied: how the loss feels a, how a feels z, how z feels w. That is the chain rule.")
def neuron_gradients(neuron_gradients):
    """neuron_gradients(x, w, b, y) -> (dw, db) for a = sigmoid(w x + b), L = (a - y)^2."""
    for x, w, b, y in _NEURON_CASES:
        result = call_learner(neuron_gradients, x, w, b, y)
        if isinstance(result, np.ndarray) and result.shape == (2,):
            result = tuple(result)  # an array of the two slopes is fine too
        if not (isinstance(result, (tuple, list)) and len(result) == 2):
            raise Hint("Return two numbers, the slope for the weight and the slope for the bias: "
                       "`return dw, db`.")
        if any(isinstance(v, str) for v in result):
            raise Hint(f"You returned text ({result[0]!r}, {result[1]!r}). Return the two numbers themselves, "
                       "computed from x, w, b and y, without quotes.")
        dw, db = (as_numbers(v, name) for v, name in zip(result, ("dw", "db")))
        if dw.size != 1 or db.size != 1:
            raise Hint("dw and db should each be a single number.")
        dw, db = float(dw.reshape(())), float(db.reshape(()))
        a, dL_da, da_dz = _neuron_parts(x, w, b, y)
        expected_db = dL_da * da_dz
        expected_dw = expected_db * x
        if close((dw, db), (expected_dw, expected_db)):
            continue
        first = _NEURON_CASES[0]
        worked_db = float(np.prod(_neuron_parts(*first)[1:]))
        if (x, w, b, y) != first and close((dw, db), (worked_db * first[0], worked_db)):
            raise Hint(f"{where_of(x, w, b, y)} your function still gives the worked example's answer "
                       "(-0.3549, -0.1774). It must use its own arguments x, w, b and y, not the notebook's "
                       "variables or numbers typed in.")
        if abs(dw - expected_dw) < 6e-5 and abs(db - expected_db) < 6e-5:
            raise Hint(f"{where_of(x, w, b, y)} your slopes agree to 4 decimals only: dw should be "
                       f"{expected_dw:.7f}, db {expected_db:.7f}. Compute them from x, w, b and y rather than "
                       "typing in the rounded numbers.")
        s = _sigmoid(a)
        a_no_bias = _sigmoid(w * x)
        no_bias = 2 * (a_no_bias - y) * a_no_bias * (1 - a_no_bias)   # the blame at z when b is forgotten
        where = where_of(x, w, b, y)
        mistakes = (
            ((expected_db, expected_dw), "You swapped them: return dw first, then db."),
            ((-expected_dw, -expected_db), "Your slopes point the wrong way. dL/da = 2 (a - y): prediction "
                                           "minus truth, not truth minus prediction."),
            ((dL_da * x, dL_da), "You left out the middle link, da/dz: how much the sigmoid's output moves "
                                 "when z moves. It is a (1 - a), the sigmoid's slope."),
            ((expected_dw / 2, expected_db / 2), "Off by a factor of 2: the derivative of (a - y)^2 is "
                                                 "2 (a - y)."),
            ((dL_da * s * (1 - s) * x, dL_da * s * (1 - s)), "You took the sigmoid's slope at a instead of at z. "
                                                             "Since a = sigmoid(z), that slope is simply "
                                                             "a (1 - a)."),
            ((expected_db, expected_db), "dw came out equal to db: you left out the last link, dz/dw = x "
                                         "(z = w x + b, so nudging w moves z by x times as much)."),
            ((expected_dw, expected_dw), "db came out equal to dw, but the bias is not multiplied by x: "
                                         "z = w x + b, so dz/db = 1 and db = dL/da * da/dz."),
            ((expected_db * w, expected_db), "dw is db times w, but it should be db times x: in z = w x + b, "
                                             "nudging w moves z by x times as much (dz/dw = x)."),
            ((no_bias * x, no_bias), "Your forward pass left out the bias: z = w * x + b, then a = sigmoid(z)."),
            ((dL_da * z_of(x, w, b) * (1 - z_of(x, w, b)) * x, dL_da * z_of(x, w, b) * (1 - z_of(x, w, b))),
             "You used z (1 - z) for the middle link. The sigmoid's slope is a (1 - a), with a = sigmoid(z), "
             "the neuron's output."),
            ((dL_da * (1 - a ** 2) * x, dL_da * (1 - a ** 2)), "1 - a² is the slope of tanh. The sigmoid's slope "
                                                               "is a (1 - a)."),
            (((a - y) * x, a - y), "That is the slope of the binary cross-entropy, where dL/dz = a - y. This "
                                   "exercise's loss is the squared error, L = (a - y)^2: dL/da = 2 (a - y), times "
                                   "the sigmoid's slope a (1 - a), then times x for dw."),
            ((x, 1.0), "Those are only the last links, dz/dw = x and dz/db = 1. Multiply each by the blame that "
                       "reaches z: 2 (a - y) times a (1 - a)."),
            (((a - y) ** 2 * da_dz * x, (a - y) ** 2 * da_dz), "You used the loss itself, (a - y)^2, where its slope "
                                                               "belongs: dL/da = 2 (a - y)."),
            ((2 * (z_of(x, w, b) - y) * x, 2 * (z_of(x, w, b) - y)), "Your neuron has no sigmoid: you used z where "
                                                                     "a = sigmoid(z) belongs, and left out its slope "
                                                                     "a (1 - a)."),
        ) + _worked_example_arguments(x, w, b, y, dw, db)
        name_the_mistake((dw, db), mistakes)
        if close((dw, db), (expected_dw, 1.0)):
            raise Hint("dw is right but db is not: db is 1 times the blame that reaches z, "
                       "2 (a - y) * a (1 - a), not 1 on its own.")
        if close(db, expected_db):
            raise Hint(f"db is right but dw is not. {where}, dw should be {expected_dw:.4f} (db times x), "
                       f"but yours is {dw:.4f}.")
        raise Hint(f"{where}: a = {a:.4f}, so dw should be {expected_dw:.4f} and db {expected_db:.4f}, "
                   f"but you returned {dw:.4f} and {db:.4f}. Multiply the links: 2 (a - y), then a (1 - a), "
                   "then x for dw (or 1 for db).")


# ---- dense_backward, refereed by numerical gradients --------------------------------------------------------

def _dense_case(batch, n_in, n_out, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(batch, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=n_out), \
        rng.normal(size=(batch, n_out))


def _numerical_dense(X, W, b, dZ):
    """The referee: gradients of L = sum(Z * dZ) by centred differences (so dL/dZ is exactly dZ)."""
    def loss(X_, W_, b_):
        return float(np.sum((X_ @ W_ + b_) * dZ))
    return (numerical_gradient(lambda X_: loss(X_, W, b), X), numerical_gradient(lambda W_: loss(X, W_, b), W),
            numerical_gradient(lambda b_: loss(X, W, b_), b))




def _call_backward(dense_backward, X, W, dZ):
    """Call the learner's dense_backward; a crash on shapes is told with this layer's shapes."""
    batch, n_in, n_out = len(X), W.shape[0], W.shape[1]

    shapes = (f"on a batch of {batch} examples with {n_in} inputs and {n_out} outputs. Check the shapes: dZ is "
              f"({batch}, {n_out}), X is ({batch}, {n_in}), W is ({n_in}, {n_out}); dX = dZ @ W.T must come out "
              f"({batch}, {n_in}), dW = X.T @ dZ ({n_in}, {n_out}), db = dZ.sum(axis=0) ({n_out},).")
    explain = (
        (UNPACK, "Your function unpacked the wrong number of things. cache is the pair dense_forward kept, (X, W): "
                 "write X, W = cache (the bias is not needed to pass the blame back)."),
        (AXIS, f"Your function crashed (an axis the array does not have) {shapes}"),
        ((MATMUL, MATMUL_SCALAR, BROADCAST, NUMPY), f"Your function crashed (a shape mismatch) {shapes}"),
    )

    result = call_learner(dense_backward, dZ.copy(), (X.copy(), W.copy()), explain=explain)
    if not (isinstance(result, (tuple, list)) and len(result) == 3):
        raise Hint("Return three gradients, in this order: `return dX, dW, db`.")
    for g, name in zip(result, ("dX", "dW", "db")):
        if is_stub(g):
            raise Hint(f"Your function returns nothing for {name} yet: compute it and return all three, "
                       "dX, dW, db.")
    return tuple(as_numbers(g, name) for g, name in zip(result, ("dX", "dW", "db")))


@check("dX, dW and db all agree with the numerical gradients (relative error below 1e-7): "
       "your backward pass is right.")
def dense_backward(dense_backward):
    """dense_backward(dZ, cache) with cache = (X, W) -> (dX, dW, db), refereed by numerical gradients."""
    # a square layer first: there dZ @ W has the right shape, so only the values can give the slip away
    X, W, b, dZ = _dense_case(5, 3, 3, seed=8)
    try:
        dX, dW, db = _call_backward(dense_backward, X, W, dZ)
    except Hint:
        dX = None
    if dX is not None and close(dX, dZ @ W) and not close(dX, dZ @ W.T):
        raise Hint("dX uses W where it needs W.T. The blame flows backwards along the same connections, "
                   "so dX = dZ @ W.T: shape (batch, n_out) @ (n_out, n_in) = (batch, n_in).")
    for batch, n_in, n_out, seed in ((5, 3, 4, 9), (1, 2, 3, 10), (7, 5, 2, 11), (5, 3, 3, 8)):
        X, W, b, dZ = _dense_case(batch, n_in, n_out, seed)
        dX, dW, db = _call_backward(dense_backward, X, W, dZ)
        shapes = {"dX": dX.shape, "dW": dW.shape, "db": db.shape}
        wanted = {"dX": X.shape, "dW": W.shape, "db": b.shape}
        name_the_case((
            (shapes["dX"] == W.shape and shapes["dW"] == X.shape,
             "dX and dW are swapped: return them in the order dX, dW, db."),
            (sorted(shapes.values()) == sorted(wanted.values()) and shapes != wanted,
             "Your three gradients come back in the wrong order. Return them as dX, dW, db: the blame for the inputs, "
             "then for the weights, then for the biases."),
            (shapes["dW"] == (n_out, n_in) and n_in != n_out,
             f"dW has shape {dW.shape}: it is transposed. W is (n_in, n_out), so its gradient must be too: dW = X.T @ "
             "dZ, shape (n_in, batch) @ (batch, n_out)."),
            (shapes["db"] == dZ.shape,
             f"db has shape {db.shape}, one row per example: you forgot to sum it over the batch. Each bias gets the "
             "blame of every example: db = dZ.sum(axis=0)."),
            (shapes["db"] == (batch,) and batch != n_out,
             "db has one entry per example: you summed the wrong axis. Sum over the examples (axis=0) to get one "
             "gradient per neuron."),
            (shapes["dX"] == (n_in, batch) and batch != n_in,
             f"dX has shape {dX.shape}: it is transposed. Each example gets its own row of blame, dX = dZ @ W.T, shape "
             "(batch, n_out) @ (n_out, n_in) = (batch, n_in)."),
            (shapes["db"] == () or (shapes["db"] == (1,) and n_out != 1),
             "db is a single number: you summed over everything. Each neuron has its own bias, so sum over the "
             "examples only: db = dZ.sum(axis=0)."),
            (shapes["db"] == (1, n_out),
             "db has shape (1, n_out): keepdims=True kept an extra axis. b has shape (n_out,), so use db = "
             "dZ.sum(axis=0)."),
            (batch > 1 and shapes["dW"] == (batch * n_in, batch * n_out),
             f"dW has shape {dW.shape}: np.outer flattens a batch into two long vectors. np.outer(x, dz) is one "
             "example's dW; for a batch, dW = X.T @ dZ does every example's outer product and adds them up."),
            (batch > 1 and close(dW, X.T @ dZ / batch),
             "dW is divided by the batch size. dZ already carries the 1/N of the mean loss, so dW = X.T @ dZ, with no "
             "extra division."),
        ))
        for name in ("dX", "dW", "db"):
            if shapes[name] != wanted[name]:
                raise Hint(f"{name} should have the shape of {name[1:]}, {wanted[name]}, but yours has shape "
                           f"{shapes[name]}.")
        if batch > 1 and close(db, dZ.mean(axis=0)):
            raise Hint("db is the average of dZ over the batch, but it should be the sum: dZ already carries "
                       "the 1/N from the mean loss. Use dZ.sum(axis=0).")
        if batch > 1 and close(dX, dZ @ W.T / batch):
            raise Hint("dX is divided by the batch size. dZ already carries the 1/N of the mean loss, so "
                       "dX = dZ @ W.T, with no extra division.")
        gate = X @ W > 0  # a ReLU's gate, which belongs to the activation, not to the layer
        gated = dZ * gate
        if not gate.all() and (close(dW, X.T @ gated) or close(dX, gated @ W.T)):
            raise Hint("Your function passed the blame through a ReLU's gate (dZ times (X @ W > 0)). dense_backward "
                       "is the layer alone: dZ is already the blame at Z, and the activation's slope is applied "
                       "outside it, before the call (as step 4 of section 4 does).")
        num_dX, num_dW, num_db = _numerical_dense(X, W, b, dZ)
        if all(relative_error(-mine, referee) < 1e-7 for mine, referee in ((dX, num_dX), (dW, num_dW), (db, num_db))):
            raise Hint("All three gradients have the wrong sign. They are the blame itself, with no minus: "
                       "dX = dZ @ W.T, dW = X.T @ dZ, db = dZ.sum(axis=0). (The minus belongs to the step, "
                       "W -= lr * dW, later.)")
        for name, mine, referee in (("dX", dX, num_dX), ("dW", dW, num_dW), ("db", db, num_db)):
            error = relative_error(mine, referee)
            if error > 1e-7:
                formula = {"dX": "dZ @ W.T", "dW": "X.T @ dZ", "db": "dZ.sum(axis=0)"}[name]
                raise Hint(f"{name} disagrees with the numerical gradient (relative error {error:.1e}, it should "
                           f"be below 1e-7). Recall {name} = {formula}.")


# ---- one training step by hand --------------------------------------------------------------------------------

def _step_case():
    rng = np.random.default_rng(12)
    net = MLP([4, 5, 3], seed=3)
    X = rng.normal(size=(8, 4))
    y = rng.integers(0, 3, size=8)
    net.biases = [rng.normal(0, 0.1, size=b.shape) for b in net.biases]  # not 0, so a step by a bias shows
    return net, X, y


def _moved(before, after):
    return [not close(p, q, rtol=0, atol=1e-12) for p, q in zip(before, after)]


def _untouched_train_step(function):
    """True when the learner's train_step is still the exercise cell as shipped: nothing but the given line
    `dWs, dbs = net.gradients(X, y)` (and docstrings, comments, pass, ...), or a source that cannot be read."""
    node = _source.function_node(function)
    if node is None or _source.is_shipped_stub(function):
        return True
    for statement in node.body:
        if isinstance(statement, ast.Pass) or (isinstance(statement, ast.Expr)
                                               and isinstance(statement.value, ast.Constant)):
            continue
        given = (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)
                 and isinstance(statement.value.func, ast.Attribute) and statement.value.func.attr == "gradients")
        if not given:
            return False
    return True


def _common_step(new, old, grads):
    """The one number c with new = old - c * grad for every array, if there is one (else None)."""
    moved = np.concatenate([(q - p).ravel() for p, q in zip(new, old)])
    slope = np.concatenate([g.ravel() for g in grads])
    if not np.any(slope):
        return None
    factor = float(moved @ slope / (slope @ slope))
    return factor if all(close(p, q - factor * g) for p, q, g in zip(new, old, grads)) else None


def _regradient_step(lr):
    """What a step gives when the gradients are recomputed inside the loop, after some layers already moved."""
    net, X, y = _step_case()
    for i in range(len(net.weights)):
        dWs, dbs = net.gradients(X, y)
        net.weights[i] -= lr * dWs[i]
        net.biases[i] -= lr * dbs[i]
    return net.weights, net.biases


@check("Every weight and every bias took one small step downhill, and the loss went down.")
def train_step(train_step, lr=0.3):
    """train_step(net, X, y, lr) must update net.weights and net.biases in place by -lr * gradient."""
    net, X, y = _step_case()
    Ws, bs = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    dWs, dbs = net.gradients(X, y)
    handed_out = []  # the gradient arrays the learner's code receives, to see whether it changed them
    gradients = net.gradients

    def watched_gradients(*args, **kwargs):
        result = gradients(*args, **kwargs)
        handed_out.append(([dW.copy() for dW in result[0]] + [db.copy() for db in result[1]],
                           list(result[0]) + list(result[1])))
        return result

    net.gradients = watched_gradients
    returned, _ = run_learner(train_step, net, X, y, lr, explain={
        LIST_ARITHMETIC: "dWs and dbs are lists, one array per layer, so lr * dWs cannot work. Loop over the "
                         "layers and step each array: for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs).",
        BROADCAST: "A weight was stepped with the gradient of something else (the shapes do not match). Pair each "
                   "array with its own gradient, in this order: zip(net.weights, net.biases, dWs, dbs) gives W, b, "
                   "dW, db."})
    try:
        new_Ws, new_bs = [as_numbers(W, "a weight matrix") for W in net.weights], \
            [as_numbers(b, "a bias vector") for b in net.biases]
    except Hint:
        raise Hint("The network's weights or biases are no longer arrays of numbers. Update them with "
                   "W -= lr * dW (and b -= lr * db).") from None
    if [W.shape for W in new_Ws] != [W.shape for W in Ws] or [b.shape for b in new_bs] != [b.shape for b in bs]:
        raise Hint("The weights or biases changed shape. Each step nudges every number; the shapes stay as "
                   "they were.")
    weights_moved, biases_moved = _moved(Ws, new_Ws), _moved(bs, new_bs)

    def stepped(new, old, grads, step):
        return all(close(p, q - step * g) for p, q, g in zip(new, old, grads))

    changed_gradients = any(_moved(before, after) != [False] * len(before) for before, after in handed_out)
    if changed_gradients and not (stepped(new_Ws, Ws, dWs, lr) and stepped(new_bs, bs, dbs, lr)):
        raise Hint("Your function changed the gradients instead of the weights. Check the order in the loop: "
                   "zip(net.weights, net.biases, dWs, dbs) gives W, b, dW, db, in that order.")
    if not any(weights_moved) and not any(biases_moved) and not is_stub(returned) and returned is not net:
        raise Hint("Your function returns new weights, but the network keeps its own arrays and never sees "
                   "them. Change the network's arrays in place, W -= lr * dW and b -= lr * db; nothing needs "
                   "returning.")
    if not any(weights_moved) and not any(biases_moved):
        raise Hint("Nothing changed yet: the network's weights are what they were. Loop over the layers and "
                   "write W -= lr * dW and b -= lr * db. (W = W - lr * dW makes a new array and leaves the "
                   "network's own one untouched.)", returned_nothing=_untouched_train_step(train_step))

    if stepped(new_Ws, Ws, dWs, -lr) and stepped(new_bs, bs, dbs, -lr):
        raise Hint("You stepped uphill, so the loss goes up. The gradient points uphill; step the other way: "
                   "W -= lr * dW.")
    if stepped(new_Ws, Ws, dWs, 1.0):
        raise Hint("You subtracted the whole gradient, a step of 1: use the learning rate the function is given, "
                   "W -= lr * dW.")
    if stepped(new_Ws, Ws, dWs, lr) and not any(biases_moved):
        raise Hint("The weights stepped downhill but the biases did not move. Give each b its step too: "
                   "b -= lr * db.")
    if weights_moved[0] and not any(weights_moved[1:]) and biases_moved[0] and not any(biases_moved[1:]):
        raise Hint("Only the first layer moved: weights[1] and biases[1] are unchanged. A `return` inside the "
                   "loop ends the function after the first layer (and a step written for weights[0] alone stops "
                   "there too). Step every layer, in a loop over zip(net.weights, net.biases, dWs, dbs); the "
                   "function needs no return at all.")
    if not all(weights_moved):
        still = [i for i, moved in enumerate(weights_moved) if not moved]
        raise Hint(f"Only some layers moved: weights[{still[0]}] is unchanged. Every layer gets its own step: "
                   "loop over all of them with zip(net.weights, net.biases, dWs, dbs).")
    if stepped(new_Ws, Ws, dWs, lr) and not stepped(new_bs, bs, dbs, lr):
        raise Hint("The weights are right, but the biases did not move by -lr * db. Step each bias with its "
                   "own gradient: b -= lr * db.")
    if not (stepped(new_Ws, Ws, dWs, lr) and stepped(new_bs, bs, dbs, lr)):
        again_Ws, again_bs = _regradient_step(lr)
        if all(close(p, q) for p, q in zip(new_Ws + new_bs, list(again_Ws) + list(again_bs))):
            raise Hint("You recomputed the gradients inside the loop, after the first layers had already "
                       "moved. Compute them once, at the start (dWs, dbs = net.gradients(X, y)), then step "
                       "every W and b.")
        if stepped(new_Ws, Ws, dWs, 2 * lr) or stepped(new_Ws, Ws, dWs, lr / 2):
            raise Hint("The weights moved in the right direction, but not by lr * dW: W -= lr * dW, exactly "
                       "once per layer.")
        factor = _common_step(new_Ws, Ws, dWs)
        if factor is not None and close(factor, lr / len(X)):
            raise Hint(f"The weights moved by lr / {len(X)} times their gradient: you divided by the batch size. "
                       "The gradients already carry the 1/N of the mean loss: W -= lr * dW.")
        if factor is not None and factor > 0 and not close(factor, lr):
            raise Hint(f"Every weight moved by {factor:.4g} times its gradient, but the learning rate given to your "
                       f"function is lr = {lr}: use the argument lr (W -= lr * dW), not a number typed in.")
        raise Hint("The weights moved, but not by -lr * their own gradient. Pair each W with its own dW and "
                   "each b with its own db (zip(net.weights, net.biases, dWs, dbs) gives W, b, dW, db), and "
                   "step each once: W -= lr * dW, b -= lr * db.")
