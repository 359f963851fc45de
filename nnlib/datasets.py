"""The course's data: toy 2-D sets for decision boundaries, the everyday tables, and handwritten digits.

Everything is made on this machine or ships with the course (data/) or with scikit-learn: nothing downloads.
Rows are examples: X is (n_samples, n_features), y is (n_samples,).
"""

import gzip
import importlib.util
from pathlib import Path

import numpy as np

from ._validate import check_choice, check_positive_int, check_positive_number

# scikit-learn is imported inside the functions that use it, so `import nnlib` stays quick.

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

TOY_DATASETS = ("and", "or", "xor", "blobs", "moons", "circles", "spirals")

_GATES = {"and": np.logical_and, "or": np.logical_or, "xor": np.logical_xor}


def logic_gate(name):
    """The four corners of the unit square labelled by a logic gate: 'and', 'or' or 'xor'.

    Returns X (4, 2) with inputs 0/1 and y (4,) with the gate's output 0/1. Introduced in 03_linearity.
    """
    check_choice(name, "gate", tuple(_GATES))
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, _GATES[name](X[:, 0], X[:, 1]).astype(np.int64)


def toy_2d(name="xor", n_samples=200, noise=None, seed=0):
    """A 2-D, two-class dataset for drawing decision boundaries.

    name: one of TOY_DATASETS. 'and', 'or', 'xor': clouds around the four corners (-1 or 1 on each axis)
    labelled by the gate; 'blobs': two clouds; 'moons', 'circles': scikit-learn's generators; 'spirals':
    two interleaved arms. noise: the spread (each set has a sensible default). Same seed, same points.
    Returns X (n_samples, 2), roughly within -1.5..1.5, and y (n_samples,) with labels 0/1.
    """
    import sklearn.datasets

    check_choice(name, "dataset", TOY_DATASETS)
    n_samples = check_positive_int(n_samples, "n_samples")
    if n_samples < 4:
        raise ValueError(f"n_samples should be at least 4 (a point for each class), but got {n_samples}.")
    if noise is not None and noise != 0:
        noise = check_positive_number(noise, "noise")
    rng = np.random.default_rng(seed)
    if name in _GATES:
        corners = rng.integers(0, 2, size=(n_samples, 2))
        X = 2.0 * corners - 1 + rng.normal(0, 0.25 if noise is None else noise, size=(n_samples, 2))
        y = _GATES[name](corners[:, 0], corners[:, 1]).astype(np.int64)
    elif name == "blobs":
        X, y = sklearn.datasets.make_blobs(n_samples, centers=[(-0.7, -0.5), (0.7, 0.5)],
                                           cluster_std=0.35 if noise is None else noise, random_state=seed)
    elif name == "moons":
        X, y = sklearn.datasets.make_moons(n_samples, noise=0.1 if noise is None else noise, random_state=seed)
        X = (X - [0.5, 0.25]) * [1.0, 1.5]
    elif name == "circles":
        X, y = sklearn.datasets.make_circles(n_samples, noise=0.08 if noise is None else noise, factor=0.45,
                                             random_state=seed)
        X = X * 1.3
    else:
        X, y = _spirals(n_samples, 0.08 if noise is None else noise, rng)
    return X.astype(np.float64), y.astype(np.int64)


def _spirals(n_samples, noise, rng):
    y = np.arange(n_samples) % 2
    t = rng.uniform(0.25, 1.0, n_samples) * 3 * np.pi
    radius = t / (3 * np.pi) * 1.3
    angle = t + np.pi * y
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X + rng.normal(0, noise, X.shape), y


def load_digits():
    """scikit-learn's 1,797 handwritten digits, 8x8 pixels each, with pixel values scaled to 0..1.

    Returns a Bunch with X (1797, 64), the flattened images; images (1797, 8, 8); y (1797,) labels 0-9.
    (The famous MNIST digits are 28x28 = 784 pixels; the same code handles them: see nnlib.load_mnist.)
    """
    # Read scikit-learn's own file straight from its package folder: importing scikit-learn takes over a second,
    # which every notebook would pay just to read a 1,797-row table.
    with gzip.open(_scikit_learn_data("digits.csv.gz"), "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    images = table[:, :-1].reshape(-1, 8, 8) / 16.0  # the raw pixels are 0..16 ink levels
    return Bunch(X=images.reshape(len(images), -1), images=images, y=table[:, -1].astype(np.int64))


def _scikit_learn_data(filename):
    """The path of a data file that ships inside scikit-learn (found without importing scikit-learn)."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None:
        raise ModuleNotFoundError("The digits ship with scikit-learn, which is not installed: "
                                  "pip install scikit-learn (make lab and the setup cell install it).")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "data" / filename


class Bunch(dict):
    """A dict whose keys are also attributes (digits.X is digits["X"]), like scikit-learn's Bunch."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no field {name!r}; the fields are {', '.join(self)}") from None

    def __setattr__(self, name, value):
        self[name] = value

    def __dir__(self):
        return list(self)


def digits_split(test_size=0.25, seed=0):
    """The digits split into a training and a test set, the same proportion of each digit in both.

    Returns X_train, X_test, y_train, y_test (X with 64 pixel columns scaled to 0..1).
    """
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    return train_test_split(digits.X, digits.y, test_size=test_size, stratify=digits.y, random_state=seed)


def _load_table(filename, description):
    path = DATA_DIR / filename
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing. The tables ship in the course's data/ folder: run the "
                                "notebooks from a copy of the course repository (the Colab setup cell makes one).")
    with open(path) as f:
        header = f.readline().strip().split(",")
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return Bunch(X=table[:, :-1], y=table[:, -1], feature_names=header[:-1], target_name=header[-1],
                 description=description)


def load_party():
    """Evenings out: distance (km), tiredness (0-10), friends going (0-10) -> went (1) or stayed home (0).

    Returns a Bunch with X (200, 3), y (200,) labels 0/1, feature_names, target_name. See data/README.md.
    """
    table = _load_table("party.csv", "Should I go to the party?")
    table.y = table.y.astype(np.int64)
    return table


def load_house_prices():
    """Houses: floor area (m2), bedrooms, age (years), distance to centre (km) -> price (thousands).

    Returns a Bunch with X (200, 4), y (200,) prices, feature_names, target_name. A regression table.
    """
    return _load_table("house_prices.csv", "What is this house worth?")


def load_spam():
    """Emails: counts of 'free', 'win', 'money', 'meeting', 'report' and exclamation marks -> spam (1) or not (0).

    Returns a Bunch with X (300, 6), y (300,) labels, feature_names, target_name.
    """
    table = _load_table("spam.csv", "Is this email spam?")
    table.y = table.y.astype(np.int64)
    return table
