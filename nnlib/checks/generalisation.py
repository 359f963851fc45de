"""Checks for the exercises of 11_generalisation: splitting off a validation set without a leak, picking the epoch
to stop at from the validation curve, and a weight decay that beats none on validation.

    from nnlib.checks import generalisation as check
    check.validation_split(split_validation)
"""

import numbers

import numpy as np

from ..datasets import digits_split
from ._answers import as_numbers, close, name_the_mistake, require_filled, typed_number
from ._feedback import RANDOM_STATE, Hint, call_learner, check

# ---- a validation set, split off the training data ------------------------------------------------------------


def _numbered(X):
    """X with one more column holding each row's number, so that every returned row says where it came from."""
    return np.column_stack([X, np.arange(len(X))])


def _rows_of(part, name, X_test):
    """The row numbers inside a returned X part (65 columns), or a Hint naming what it holds instead."""
    part = as_numbers(part, name)
    if part.ndim != 2:
        raise Hint(f"{name} has shape {part.shape}, but it should be a table of rows like X: pick them with "
                   "X[indices].")
    if part.shape[1] == X_test.shape[1] and len(part) and any(
            np.any(np.all(np.abs(X_test - row) < 1e-12, axis=1)) for row in part[:20]):
        raise Hint(f"{name} holds test digits: the test set must stay unseen until the very end, or its score no "
                   "longer says how the network does on new digits. Split the X and y your function is given.")
    if part.shape[1] == X_test.shape[1]:
        raise Hint(f"The rows of {name} did not come from the X your function was given (the check hands it an X "
                   "of its own): use the arguments X and y, not the notebook's X_train and y_train.")
    if part.shape[0] == X_test.shape[1] + 1:
        raise Hint(f"{name} has shape {part.shape}: one row per pixel, the transpose. Keep one row per example, as "
                   "in X: X[indices], without .T.")
    if part.shape[1] != X_test.shape[1] + 1:
        raise Hint(f"{name} has {part.shape[1]} columns, but X has {X_test.shape[1] + 1}: keep every column, "
                   "X[indices] picks whole rows.")
    return np.rint(part[:, -1]).astype(np.int64)


_ORDER = ("X_fit", "X_val", "y_fit", "y_val")


def _part_name(part, n, n_val):
    """Which of the four parts `part` looks like by its shape (rows of X or labels; n - n_val or n_val of them),
    or None when it looks like none of them."""
    shape = np.shape(part) if isinstance(part, (np.ndarray, list, tuple)) else None
    if shape is None or len(shape) not in (1, 2) or shape[0] not in (n - n_val, n_val) or n_val == n - n_val:
        return None
    return ("X" if len(shape) == 2 else "y") + ("_fit" if shape[0] == n - n_val else "_val")


_SPLIT_CRASHES = {RANDOM_STATE: "train_test_split takes a whole number (or nothing) as random_state, not the rng your "
                                "function is given. Draw the split with the rng itself: order = "
                                "rng.permutation(len(X)), then cut it in two."}


SHUFFLED_IN_PLACE = ("Your function shuffled the X it was given where it stands (rng.shuffle(X) works in place and "
                     "returns None): the notebook's own X_train would be reordered, and y not with it. Leave X as it "
                     "is: order = rng.permutation(len(X)), then X[order[n_val:]], X[order[:n_val]]...")


def _split(split_validation, X, y, n_val, seed, X_test):
    given = _numbered(X)
    try:
        result = call_learner(split_validation, given, y.copy(), n_val, np.random.default_rng(seed),
                              explain=_SPLIT_CRASHES)
    except Hint as h:
        if h.returned_nothing and not np.array_equal(given[:, -1], np.arange(len(X))):
            raise Hint(SHUFFLED_IN_PLACE) from None
        raise
    if not np.array_equal(given[:, -1], np.arange(len(X))):
        raise Hint(SHUFFLED_IN_PLACE)
    if not isinstance(result, (tuple, list)) or len(result) != 4:
        what = f"{len(result)} things" if isinstance(result, (tuple, list)) else type(result).__name__
        raise Hint(f"Return four things, in train_test_split's order: X_fit, X_val, y_fit, y_val (you returned "
                   f"{what}).")
    names = tuple(_part_name(part, len(X), n_val) for part in result)
    if sorted(filter(None, names)) == sorted(_ORDER) and names not in (_ORDER, ("X_val", "X_fit", "y_val", "y_fit")):
        raise Hint(f"The four parts came back in another order: yours reads {', '.join(names)}. Return them in "
                   "train_test_split's order: X_fit, X_val, y_fit, y_val.")
    X_fit, X_val, y_fit, y_val = result
    fit_rows, val_rows = _rows_of(X_fit, "X_fit", X_test), _rows_of(X_val, "X_val", X_test)
    labels = []
    for rows, labels_part, name in ((fit_rows, y_fit, "y_fit"), (val_rows, y_val, "y_val")):
        labels_part = as_numbers(labels_part, name)
        if labels_part.shape != (len(rows),):
            raise Hint(f"{name} has shape {labels_part.shape}, but its X part has {len(rows)} rows: one label "
                       "per row.")
        labels.append(labels_part)
    return fit_rows, val_rows, labels[0], labels[1]


@check("A validation set drawn at random from the training data, every digit in exactly one part, the test set "
       "untouched.")
def validation_split(split_validation):
    """split_validation(X, y, n_val, rng) -> (X_fit, X_val, y_fit, y_val): n_val random examples of X set aside."""
    X_train, X_test, y_train, y_test = digits_split()
    n, n_val = len(X_train), 300
    fit_rows, val_rows, y_fit, y_val = _split(split_validation, X_train, y_train, n_val, 0, X_test)
    if len(val_rows) == n - n_val and len(fit_rows) == n_val:
        raise Hint(f"Your X_val holds {n - n_val} digits and X_fit {n_val}: the two came back swapped. Return "
                   "X_fit, X_val, y_fit, y_val, in that order.")
    if len(val_rows) != n_val:
        raise Hint(f"Asked for {n_val} validation digits, your X_val holds {len(val_rows)}.")
    shared = np.intersect1d(fit_rows, val_rows)
    if len(shared):
        raise Hint(f"{len(shared)} of your validation digits {'is' if len(shared) == 1 else 'are'} still in the "
                   "training part too: the network "
                   "would be tested on digits it trained on. Every example goes to exactly one of the two.")
    if len(np.unique(val_rows)) < len(val_rows) or len(np.unique(fit_rows)) < len(fit_rows):
        raise Hint("Some digits appear twice in the same part: draw one random order with rng.permutation(len(X)) "
                   "and cut it in two.")
    if len(fit_rows) + len(val_rows) != n:
        raise Hint(f"The two parts hold {len(fit_rows) + len(val_rows)} digits, but X has {n}: the training part "
                   "should keep every digit that is not set aside for validation.")
    for rows, labels, name in ((fit_rows, y_fit, "y_fit"), (val_rows, y_val, "y_val")):
        if not close(labels, y_train[rows]):
            raise Hint(f"The labels in {name} do not belong to the rows next to them: X and y were shuffled "
                       "differently. Use one order (rng.permutation(len(X))) to pick both.")
    again = _split(split_validation, X_train, y_train, n_val, 0, X_test)[1]
    other = _split(split_validation, X_train, y_train, n_val, 1, X_test)[1]
    if not np.array_equal(np.sort(again), np.sort(val_rows)):
        raise Hint("The same rng seed gave a different split: your function draws its own random numbers "
                   "(np.random...). Use the rng it is given, so the split can be repeated.")
    if np.array_equal(np.sort(other), np.sort(val_rows)):
        ends = (np.arange(n_val), np.arange(n - n_val, n))
        if any(np.array_equal(np.sort(val_rows), end) for end in ends):
            raise Hint("Your split ignores the random order: it takes the first or the last digits whatever rng "
                       "says. If X were sorted by digit they would all be 9s. Use rng.permutation(len(X)).")
        raise Hint("Your split is random but always the same one, whatever rng says: a seed of your own "
                   "(random_state=0, default_rng(0)...) instead of the rng your function is given. Draw it with "
                   "that rng: rng.permutation(len(X)).")


# ---- the epoch to stop at ----------------------------------------------------------------------------------------

# loss curves whose lowest points are at different epochs: training 8 (the last), validation 4, test 6
_CURVES = {"training": [1.20, 0.70, 0.45, 0.30, 0.21, 0.15, 0.11, 0.08],
           "validation": [1.25, 0.80, 0.62, 0.58, 0.60, 0.64, 0.69, 0.75],
           "test": [1.22, 0.78, 0.63, 0.61, 0.60, 0.59, 0.62, 0.66]}


# a noisy validation curve: it turns up after epoch 3, then falls to its lowest point at epoch 6 (test: 7)
_BUMPY = {"training": [1.10, 0.60, 0.40, 0.30, 0.22, 0.16, 0.12, 0.09],
          "validation": [1.15, 0.70, 0.55, 0.57, 0.52, 0.50, 0.54, 0.60],
          "test": [1.12, 0.72, 0.56, 0.58, 0.53, 0.52, 0.49, 0.61]}


_CURVES_CRASHES = (
    (KeyError, lambda error: (f"Your function asked curves for {error}, but its keys are 'training', 'validation' and "
                              "'test': the validation curve is curves['validation'].")),
    (AttributeError, lambda error: isinstance(getattr(error, "obj", None), dict) and (  # .obj: Python 3.10+
        "curves is a dict: read a curve with square brackets and quotes, curves['validation'], not with a dot.")),
)


@check("The epoch with the lowest validation loss: chosen without a glance at the test set.")
def stop_epoch(stop_epoch):
    """stop_epoch(curves) -> the epoch (1 = after the first) at which curves['validation'] is lowest."""
    for shift, table in ((0, _CURVES), (2, _CURVES), (0, _BUMPY)):
        curves = {key: list(values[shift:]) for key, values in table.items()}
        answer = call_learner(stop_epoch, {key: list(values) for key, values in curves.items()},
                              explain=_CURVES_CRASHES)
        if isinstance(answer, np.ndarray) and answer.size == 1:
            raise Hint(f"You returned an array holding one number, {answer.tolist()}: return the number itself "
                       "(int(...) around it, or its [0]).")
        if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (numbers.Integral, numbers.Real)):
            raise Hint(f"Return one epoch number, such as 3, but you returned {type(answer).__name__}.")
        if not float(answer).is_integer():
            values = [v for curve in curves.values() for v in curve]
            if any(abs(answer - v) < 1e-9 for v in values):
                raise Hint(f"You returned {answer}, a loss: return the epoch at which it happens (its position in "
                           "the list, counting from 1).")
            raise Hint(f"An epoch is a whole number, but you returned {answer}.")
        epoch = int(answer)
        validation = curves["validation"]
        lowest = {key: int(np.argmin(values)) + 1 for key, values in curves.items()}
        if epoch == lowest["validation"]:
            continue
        highest = int(np.argmax(validation))
        mistakes = [
            (lowest["test"], "That is where the test loss is lowest. Choosing with the test set makes it part of "
                             "training: its score would flatter the network. Use curves['validation']."),
            (lowest["training"], f"That is where the training loss is lowest (epoch {lowest['training']}, the last "
                                 "one): it keeps falling while the network memorises. Stop where the validation "
                                 "loss is lowest."),
            (lowest["validation"] - 1, f"Off by one: you returned {epoch}, the position in the list counting from 0 "
                                       "(np.argmin). Epochs count from 1: add 1."),
            (lowest["validation"] + 1, f"You returned epoch {epoch}, one after the lowest (epoch "
                                       f"{lowest['validation']}): by then the validation loss has gone up again. "
                                       "Return the epoch of the lowest point itself (np.argmin counts from 0: add 1, "
                                       "not 2)."),
        ]
        if table is _BUMPY:
            mistakes += [(first, f"You returned epoch {epoch}, just before the validation loss first turns up. "
                                 "But a validation curve is noisy: on this one it dips lower later, at epoch 6. Take "
                                 "the lowest point of the whole curve.") for first in (3, 4)]
        mistakes += [(wrong, "That is where the validation loss is highest: use np.argmin, the lowest point.")
                     for wrong in (highest + 1, highest)]
        name_the_mistake(epoch, mistakes)
        if not 1 <= epoch <= len(validation):
            raise Hint(f"You returned epoch {epoch}, but the curves your function was given have only "
                       f"{len(validation)} epochs (1 to {len(validation)}). Does it read its argument `curves`, "
                       "not the notebook's own curves, or a number written in?")
        raise Hint(f"You returned epoch {epoch}, but the validation loss is lowest at epoch {lowest['validation']} "
                   f"of {len(validation)}.")


# ---- a weight decay that beats none --------------------------------------------------------------------------------


@check("Lower validation loss than without weight decay: the network memorises a little less.")
def weight_decay(my_weight_decay):
    """my_weight_decay: a number; the 100-digit network trained with it must end with a lower validation loss
    than the same network trained without weight decay."""
    from ..experiments import WEIGHT_DECAYS, train_few, weight_decay_runs

    require_filled(my_weight_decay, "my_weight_decay", "set it to a number, such as one from the widget's slider")
    typed_number(my_weight_decay, "my_weight_decay", "a weight decay, such as my_weight_decay = 0.001")
    if isinstance(my_weight_decay, np.ndarray) and my_weight_decay.ndim == 0:
        my_weight_decay = my_weight_decay.item()
    if isinstance(my_weight_decay, (bool, np.bool_)) or not isinstance(my_weight_decay, numbers.Real):
        raise Hint(f"my_weight_decay should be one number, such as 0.001, but it is "
                   f"{type(my_weight_decay).__name__}.")
    wd = float(my_weight_decay)
    if not np.isfinite(wd):
        raise Hint(f"my_weight_decay is {wd}: a weight decay is an ordinary number, such as 0.001.")
    if wd < 0:
        raise Hint("A negative weight decay pushes the weights away from 0, making them grow: the opposite of "
                   "what we want. Take a positive number.")
    if wd == 0:
        raise Hint("0 is no weight decay at all: the same as none, so it cannot beat it. Try a small positive number.")
    none = weight_decay_runs((0.0,))[0.0]
    if wd in WEIGHT_DECAYS:
        run = weight_decay_runs((wd,))[wd]
        val_loss, accuracy = float(run["val_loss"][-1]), float(run["accuracy"][-1])
    else:
        with np.errstate(all="ignore"):
            net = train_few(wd)
        val_loss, accuracy = net.history["val_loss"][-1], net.history["accuracy"][-1]
    none_loss = float(none["val_loss"][-1])
    if not np.isfinite(val_loss) or accuracy < 0.99:
        raise Hint(f"With weight decay {wd:g} the network does not even learn its 100 training digits (training "
                   f"accuracy {accuracy:.0%}): the pull towards 0 wins over the data. Try a smaller one.")
    if val_loss >= none_loss - 1e-4:
        raise Hint(f"With weight decay {wd:g} the validation loss ends at {val_loss:.3f}, not below none's "
                   f"{none_loss:.3f}. Look at the validation curves (the widget's, or the zoom above the exercise) "
                   "and try another value.")
