"""The course's data: right shapes, the same every time, and the shipped tables are what their script makes."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

import nnlib

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", nnlib.TOY_DATASETS)
def test_toy_sets_have_two_classes_and_are_deterministic(name):
    X, y = nnlib.toy_2d(name, n_samples=120, seed=5)
    assert X.shape == (120, 2) and y.shape == (120,)
    assert set(np.unique(y)) == {0, 1}
    assert np.abs(X).max() < 3
    X2, y2 = nnlib.toy_2d(name, n_samples=120, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, nnlib.toy_2d(name, n_samples=120, seed=6)[0])


@pytest.mark.parametrize("gate, expected", [("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("xor", [0, 1, 1, 0])])
def test_logic_gates(gate, expected):
    X, y = nnlib.logic_gate(gate)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == expected


def test_digits_are_scaled_and_split_stratified():
    digits = nnlib.load_digits()
    assert digits.X.shape == (1797, 64) and digits.images.shape == (1797, 8, 8)
    assert digits.X.min() == 0.0 and digits.X.max() == 1.0
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    assert len(X_train) == 1347 and len(X_test) == 450
    assert np.allclose(np.bincount(y_test) / len(y_test), np.bincount(digits.y) / len(digits.y), atol=0.01)


def test_digits_are_scikit_learns_read_without_importing_it():
    import subprocess
    import sys

    from sklearn.datasets import load_digits

    theirs, ours = load_digits(), nnlib.load_digits()
    np.testing.assert_array_equal(ours.images * 16, theirs.images)
    np.testing.assert_array_equal(ours.y, theirs.target)
    assert ours.X is not None and ours["y"] is ours.y and set(ours) == {"X", "images", "y"}
    code = "import sys, nnlib; nnlib.load_digits(); nnlib.load_party(); print('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_tables_load_with_their_names():
    party = nnlib.load_party()
    assert party.X.shape == (200, 3) and party.feature_names == ["distance_km", "tiredness", "friends"]
    assert set(np.unique(party.y)) == {0, 1}
    houses = nnlib.load_house_prices()
    assert houses.X.shape == (200, 4) and houses.target_name == "price_thousands"
    assert np.corrcoef(houses.X[:, 0], houses.y)[0, 1] > 0.8  # bigger houses cost more
    spam = nnlib.load_spam()
    assert spam.X.shape == (300, 6) and spam.feature_names[0] == "free"


def test_shipped_tables_are_exactly_what_the_script_writes():
    spec = importlib.util.spec_from_file_location("make_tables", ROOT / "data" / "make_tables.py")
    make_tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_tables)
    for filename, make in make_tables.TABLES.items():
        assert (ROOT / "data" / filename).read_text() == make_tables.table_text(make), filename
