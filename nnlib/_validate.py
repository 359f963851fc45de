"""Checks at the public boundary, so a learner's mistake gets a sentence instead of a wrong number.

Every message says what was expected, what arrived, and what to try.
"""

import numbers

import numpy as np


class InputValueError(ValueError):
    """A ValueError nnlib raises for input it cannot use. `kind` names what was wrong ('ragged', 'shape',
    'not finite'), so code that reacts to it (the exercise checks) decides on the kind, never on the wording."""

    def __init__(self, message, kind):
        super().__init__(message)
        self.kind = kind


class InputTypeError(TypeError):
    """A TypeError nnlib raises for input of the wrong type; `kind` as in InputValueError ('text', 'not numbers',
    'complex')."""

    def __init__(self, message, kind):
        super().__init__(message)
        self.kind = kind


def as_array(x, name, ndim=None):
    """Return `x` as a finite float64 array, or raise a ValueError/TypeError that says why not.

    The input is never modified; when it already is a float64 array it is returned as is (read-only use).
    """
    if isinstance(x, (str, bytes)):
        raise InputTypeError(f"{name} should be numbers, but got the text {x!r}. Pass a number or a numpy array.",
                             "text")
    try:
        arr = np.asarray(x)
    except ValueError as error:  # ragged nested lists
        raise InputValueError(f"{name} could not be read as an array ({error}). "
                              "Check that every row has the same length.", "ragged") from None
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.number)):
        raise InputTypeError(f"{name} should hold numbers, but it holds {describe_dtype(arr)}. "
                             f"Convert it first, e.g. np.asarray({name}, dtype=float).", "not numbers")
    if np.iscomplexobj(arr):
        raise InputTypeError(f"{name} should hold real numbers, but it holds complex ones.", "complex")
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None and arr.ndim != ndim:
        raise InputValueError(f"{name} should be {_ndim_words(ndim)}, but it has shape {arr.shape}. "
                              + _ndim_hint(name, ndim, arr.ndim), "shape")
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = f" at index {tuple(int(i) for i in bad)}" if arr.ndim else ""
        raise InputValueError(f"{name} contains NaN or infinity{where}. "
                              "Every value must be a finite number: check the data for missing values.",
                              "not finite")
    return arr


def as_labels(y, name="y", n_classes=None):
    """Return integer class labels 0..n_classes-1 as an int64 1-D array, or raise a clear error."""
    if isinstance(y, (str, bytes)):
        raise TypeError(f"{name} should be integer class labels, but got the text {y!r}.")
    arr = np.asarray(y)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} should be integer class labels (0, 1, 2, ...), "
                        f"but it holds {describe_dtype(arr)}.")
    if arr.ndim != 1:
        raise ValueError(f"{name} should be a 1-D array of class labels, one per example, but it has shape "
                         f"{arr.shape}. If it is one-hot encoded, use {name}.argmax(axis=1).")
    if not np.issubdtype(arr.dtype, np.integer):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} contains NaN or infinity; labels must be whole numbers.")
        if np.any(arr != np.round(arr)):
            bad = arr[arr != np.round(arr)][0]
            raise ValueError(f"{name} should hold whole-number class labels, but it contains {bad}. "
                             "Labels name a class (0, 1, 2, ...); they are not probabilities.")
    labels = arr.astype(np.int64)
    if labels.size and labels.min() < 0:
        raise ValueError(f"{name} should hold labels 0 or above, but it contains {labels.min()}.")
    if n_classes is not None and labels.size and labels.max() >= n_classes:
        raise ValueError(f"{name} contains the label {labels.max()}, but there are only {n_classes} classes "
                         f"(labels 0 to {n_classes - 1}). Does the output layer have enough neurons?")
    return labels


def check_same_length(X, y, x_name="X", y_name="y", rows="examples (rows)"):
    """A ValueError unless X has one row (the `rows` it holds, as the message calls them) per label in y."""
    if len(X) != len(y):
        raise ValueError(f"{x_name} has {len(X)} {rows} but {y_name} has {len(y)} labels. "
                         "They must match one to one.")


def as_points(X, y=None):
    """Points on a plane (X of shape (n, 2)) and, if given, their labels (y of shape (n,)), checked."""
    X = as_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X should have 2 columns (x1, x2: points on a plane), but it has {X.shape[1]}.")
    if y is not None:
        y = as_labels(y, "y")
        check_same_length(X, y)
    return X, y


def check_positive_int(value, name, allow_zero=False):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} should be a whole number, but got {value!r} ({type(value).__name__}).")
    lowest = 0 if allow_zero else 1
    if value < lowest:
        word = "0 or more" if allow_zero else "a positive whole number"
        raise ValueError(f"{name} should be {word}, but got {value}.")
    return int(value)


def check_positive_number(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} should be a number, but got {value!r} ({type(value).__name__}).")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} should be a positive number, but got {value}. Try something like 0.1.")
    return float(value)


def check_non_negative_number(value, name, example="0.01"):
    """0 or a positive finite number (such as a weight decay), as a float; else a TypeError/ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} should be a number, but got {value!r} ({type(value).__name__}).")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} should be 0 (off) or a positive number, but got {value}. "
                         f"Try something like {example}.")
    return float(value)


def check_seed(seed, name="seed"):
    """None or a whole number 0 or above, the seeds np.random.default_rng takes; else a clear error."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} should be a whole number such as 0 (or None), but got {seed!r} "
                        f"({type(seed).__name__}).")
    if seed < 0:
        raise ValueError(f"{name} should be 0 or above, but got {seed}.")
    return int(seed)


def check_choice(value, name, choices):
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"Unknown {name} {value!r}. Choose one of: {listed}.")
    return value


def check_init(init):
    """An MLP's init: 'he', 'lecun', 'xavier', 'zeros' or a positive standard deviation (as a float)."""
    choices = "'he', 'lecun', 'xavier', 'zeros', or a positive number (the weights' standard deviation)"
    if isinstance(init, str):
        if init not in ("he", "lecun", "xavier", "zeros"):
            raise ValueError(f"Unknown init {init!r}. Choose one of: {choices}.")
        return init
    if isinstance(init, bool) or not isinstance(init, numbers.Real):
        raise TypeError(f"init should be {choices}, but got {init!r} ({type(init).__name__}).")
    return check_positive_number(init, "init (the starting weights' standard deviation)")


def check_weight_decay(weight_decay):
    """0 (no decay) or a positive number, as a float."""
    return check_non_negative_number(weight_decay, "weight_decay", example="1e-4")


def check_validation_data(validation_data):
    """validation_data as the pair (X_val, y_val) it must be."""
    if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
        raise TypeError("validation_data should be a pair (X_val, y_val), such as (X_test, y_test), but got "
                        f"{type(validation_data).__name__}.")
    return validation_data


def check_layer_sizes(layer_sizes):
    """An MLP's layer sizes, at least two positive whole numbers, as a tuple of ints."""
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


def describe_dtype(arr):
    if arr.dtype == bool:
        return "True/False values"
    if arr.dtype.kind in "US":
        return "text"
    if arr.dtype == object:
        return "Python objects (is there a None or a string in it?)"
    return f"values of type {arr.dtype}"


def _ndim_words(ndim):
    return {0: "a single number", 1: "a 1-D array (a vector)", 2: "a 2-D array (rows are examples)"}.get(
        ndim, f"a {ndim}-D array")


def _ndim_hint(name, wanted, got):
    if wanted == 2 and got == 1:
        return f"For a single example use {name}.reshape(1, -1); for one feature use {name}.reshape(-1, 1)."
    if wanted == 2 and got == 3:
        return f"Images must be flattened first: {name}.reshape(len({name}), -1)."
    if wanted == 1 and got == 2:
        return f"If it is a single row or column, use {name}.ravel()."
    return ""
