"""Bad input gets a clear ValueError/TypeError that names what was expected and what arrived; inputs are never
modified in place; nothing silently broadcasts."""

import numpy as np
import pytest

import nnlib


@pytest.fixture
def digits_net():
    return nnlib.MLP([64, 16, 10])


def test_wrong_feature_count_names_both_counts(digits_net):
    with pytest.raises(ValueError, match="X has 63 features but this network expects 64.*flatten"):
        digits_net.predict(np.zeros((5, 63)))


def test_images_not_flattened_get_the_fix(digits_net):
    with pytest.raises(ValueError, match=r"reshape\(len\(X\), -1\)"):
        digits_net.predict(np.zeros((5, 8, 8)))


def test_a_single_example_gets_the_reshape_hint(digits_net):
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        digits_net.predict(np.zeros(64))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_are_refused(digits_net, bad):
    X = np.zeros((3, 64))
    X[1, 5] = bad
    with pytest.raises(ValueError, match=r"NaN or infinity at index \(1, 5\)"):
        digits_net.predict(X)


@pytest.mark.parametrize("bad", [[["a"] * 64], [[None] * 64], np.zeros((2, 64), dtype=bool), "pixels"])
def test_non_numeric_input_is_a_type_error(digits_net, bad):
    with pytest.raises(TypeError, match="X should"):
        digits_net.predict(bad)


@pytest.mark.parametrize("y, message", [
    ([0, 1, 10], "contains the label 10, but there are only 10 classes"),
    ([0, -1, 2], "labels 0 or above, but it contains -1"),
    ([0, 1.5, 2], "whole-number class labels, but it contains 1.5"),
    ([[0], [1], [2]], "1-D array of class labels"),
])
def test_bad_labels(digits_net, y, message):
    with pytest.raises(ValueError, match=message):
        digits_net.fit(np.zeros((3, 64)), y, epochs=1)


def test_string_labels_are_a_type_error(digits_net):
    with pytest.raises(TypeError, match="integer class labels"):
        digits_net.fit(np.zeros((2, 64)), np.array(["cat", "dog"]), epochs=1)


def test_X_and_y_lengths_must_match(digits_net):
    with pytest.raises(ValueError, match="X has 5 examples .* but y has 4 labels"):
        digits_net.fit(np.zeros((5, 64)), [0, 1, 2, 3], epochs=1)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(lr=0), ValueError, "lr .* positive number, but got 0"),
    (dict(lr=-0.1), ValueError, "positive number, but got -0.1"),
    (dict(lr="fast"), TypeError, "should be a number"),
    (dict(batch_size=0), ValueError, "batch_size should be a positive whole number, but got 0"),
    (dict(batch_size=2.5), TypeError, "batch_size should be a whole number"),
    (dict(epochs=-1), ValueError, "epochs should be 0 or more, but got -1"),
])
def test_bad_training_settings(digits_net, kwargs, error, message):
    with pytest.raises(error, match=message):
        digits_net.fit(np.zeros((4, 64)), [0, 1, 2, 3], **kwargs)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(weight_decay=-0.1), ValueError, "weight_decay should be 0 .off. or a positive number, but got -0.1"),
    (dict(weight_decay=np.nan), ValueError, "weight_decay should be 0 .off. or a positive number"),
    (dict(weight_decay="a lot"), TypeError, "weight_decay should be a number"),
    (dict(weight_decay=True), TypeError, "weight_decay should be a number"),
    (dict(seed=-1), ValueError, "seed should be 0 or above, but got -1"),
    (dict(seed=1.5), TypeError, "seed should be a whole number such as 0"),
    (dict(seed="0"), TypeError, "seed should be a whole number"),
    (dict(callback=42), TypeError, r"callback should be a function, called as callback\(net, epoch, history\)"),
    (dict(callback="plot"), TypeError, "callback should be a function"),
    (dict(validation_data=np.zeros((4, 64))), TypeError, r"validation_data should be a pair \(X_val, y_val\)"),
    (dict(validation_data=(np.zeros((4, 63)), [0, 1, 2, 3])), ValueError, "X has 63 features"),
])
def test_bad_new_training_settings(digits_net, kwargs, error, message):
    before = [W.copy() for W in digits_net.weights]
    with pytest.raises(error, match=message):
        digits_net.fit(np.zeros((4, 64)), [0, 1, 2, 3], **kwargs)
    assert all(np.array_equal(a, b) for a, b in zip(before, digits_net.weights))
    assert digits_net.history == {"loss": [], "accuracy": []}


@pytest.mark.parametrize("method", ["loss", "gradients"])
@pytest.mark.parametrize("weight_decay, error", [(-1, ValueError), (np.inf, ValueError), ("0.1", TypeError),
                                                 ([0.1], TypeError)])
def test_loss_and_gradients_refuse_a_bad_weight_decay(digits_net, method, weight_decay, error):
    with pytest.raises(error, match="weight_decay should be"):
        getattr(digits_net, method)(np.zeros((2, 64)), [0, 1], weight_decay=weight_decay)


def test_fit_needs_at_least_one_example(digits_net):
    with pytest.raises(ValueError, match="X has no examples"):
        digits_net.fit(np.zeros((0, 64)), np.zeros(0, dtype=int))


@pytest.mark.parametrize("init, error, message", [
    ("glorot", ValueError, "Unknown init 'glorot'. Choose one of: 'he', 'lecun', 'xavier', 'zeros', or a positive"),
    ("He", ValueError, "Unknown init 'He'"),
    (0, ValueError, r"init \(the starting weights' standard deviation\) should be a positive number, but got 0"),
    (-0.1, ValueError, "should be a positive number, but got -0.1"),
    (np.nan, ValueError, "should be a positive number"),
    (True, TypeError, "init should be 'he', 'lecun', 'xavier', 'zeros', or a positive number"),
    ([0.1], TypeError, r"init should be .* but got \[0.1\] \(list\)"),
])
def test_bad_init_is_explained(init, error, message):
    with pytest.raises(error, match=message):
        nnlib.MLP([4, 3, 2], init=init)


@pytest.mark.parametrize("seed, error", [(-3, ValueError), (2.0, TypeError), ("seed", TypeError)])
def test_bad_network_seed_is_explained(seed, error):
    with pytest.raises(error, match="seed should be"):
        nnlib.MLP([4, 3, 2], seed=seed)


def test_binary_cross_entropy_mismatches():
    with pytest.raises(ValueError, match=r"one score per example, shape \(batch,\) or \(batch, 1\).*softmax_cross"):
        nnlib.binary_cross_entropy(np.zeros((3, 2)), [0, 1, 0])
    with pytest.raises(ValueError, match="only 2 classes"):
        nnlib.binary_cross_entropy(np.zeros(3), [0, 1, 2])
    with pytest.raises(ValueError, match="logits has 3 scores .* but y has 2 labels"):
        nnlib.binary_cross_entropy_gradient(np.zeros((3, 1)), [0, 1])
    with pytest.raises(ValueError, match="NaN or infinity"):
        nnlib.binary_cross_entropy([0.0, np.nan], [0, 1])


@pytest.mark.parametrize("sizes, error", [
    ([64], ValueError), ([64, 0, 10], ValueError), ([64, -3, 10], ValueError), ([64, 2.5, 10], ValueError),
    ([64, True, 10], ValueError), (64, TypeError), ("64,10", ValueError),
])
def test_layer_sizes_must_be_positive_integers(sizes, error):
    with pytest.raises(error, match="layer_sizes"):
        nnlib.MLP(sizes)


def test_unknown_activation_lists_the_valid_ones():
    with pytest.raises(ValueError, match="Unknown activation 'relu6'.*'relu', 'sigmoid', 'tanh', 'leaky_relu'"):
        nnlib.MLP([2, 3, 2], activation="relu6")


def test_assigned_weights_of_the_wrong_shape_are_refused(digits_net):
    digits_net.weights[0] = np.zeros((16, 64))
    with pytest.raises(ValueError, match=r"weights\[0\] should have shape \(64, 16\).*\(16, 64\)"):
        digits_net.predict(np.zeros((1, 64)))


def test_dense_forward_shape_mismatches():
    with pytest.raises(ValueError, match="X has 3 features but W expects 4"):
        nnlib.dense_forward(np.zeros((2, 3)), np.zeros((4, 5)), np.zeros(5))
    with pytest.raises(ValueError, match="b has 4 entries but W has 5 neurons"):
        nnlib.dense_forward(np.zeros((2, 4)), np.zeros((4, 5)), np.zeros(4))
    with pytest.raises(ValueError, match="b should be a 1-D array"):
        nnlib.dense_forward(np.zeros((2, 4)), np.zeros((4, 5)), np.zeros((1, 5)))
    with pytest.raises(ValueError, match=r"X should be a 2-D array .* X.reshape\(1, -1\)"):
        nnlib.dense_forward(np.zeros(4), np.zeros((4, 5)), np.zeros(5))


def test_dense_backward_wants_dZ_shaped_like_Z():
    _, cache = nnlib.dense_forward(np.zeros((2, 4)), np.zeros((4, 5)), np.zeros(5))
    with pytest.raises(ValueError, match=r"dZ should have the shape of Z, \(2, 5\)"):
        nnlib.dense_backward(np.zeros((5, 2)), cache)
    with pytest.raises(TypeError, match="cache should be the"):
        nnlib.dense_backward(np.zeros((2, 5)), "cache")


def test_cross_entropy_mismatches():
    probs = nnlib.softmax(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="probs has 3 rows .* but y has 2 labels"):
        nnlib.cross_entropy(probs, [0, 1])
    with pytest.raises(ValueError, match="only 4 classes"):
        nnlib.cross_entropy(probs, [0, 1, 4])
    with pytest.raises(ValueError, match="Did you pass logits"):
        nnlib.cross_entropy(np.array([[2.0, -1.0]]), [0])
    with pytest.raises(ValueError, match=r"probs should be a 2-D array"):
        nnlib.cross_entropy(np.array([0.5, 0.5]), [0])


def test_mse_refuses_to_broadcast():
    with pytest.raises(ValueError, match=r"y_pred has shape \(4, 1\) but y_true has shape \(4,\).*nothing is broadcast"):
        nnlib.mse(np.zeros((4, 1)), np.zeros(4))


def test_activation_input_errors():
    with pytest.raises(TypeError, match="z should hold numbers"):
        nnlib.relu(["a", "b"])
    with pytest.raises(ValueError, match="NaN or infinity"):
        nnlib.sigmoid([0.0, np.nan])
    with pytest.raises(ValueError, match="softmax needs at least one logit"):
        nnlib.softmax(3.0)
    with pytest.raises(ValueError, match="slope should be a positive number"):
        nnlib.leaky_relu([1.0], slope=-1)


def test_dataset_arguments():
    with pytest.raises(ValueError, match="Unknown dataset 'swirl'. Choose one of: 'and', 'or', 'xor'"):
        nnlib.toy_2d("swirl")
    with pytest.raises(ValueError, match="n_samples should be a positive whole number"):
        nnlib.toy_2d("moons", n_samples=0)
    with pytest.raises(ValueError, match="Unknown gate"):
        nnlib.logic_gate("nand")


def test_nothing_is_modified_in_place():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1])
    W, b = rng.normal(size=(3, 3)), rng.normal(size=3)
    originals = [a.copy() for a in (X, y, W, b)]
    net = nnlib.MLP([3, 3])
    net.weights, net.biases = [W], [b]
    net.fit(X, y, epochs=3, lr=0.5, batch_size=4, weight_decay=0.1, validation_data=(X, y))
    net.gradients(X, y, weight_decay=0.1)
    net.loss(X, y, weight_decay=0.1)
    for fn in (nnlib.relu, nnlib.sigmoid, nnlib.tanh, nnlib.leaky_relu, nnlib.softmax, nnlib.relu_derivative):
        fn(X)
    Z, cache = nnlib.dense_forward(X, W, b)
    nnlib.dense_backward(Z, cache)
    nnlib.cross_entropy(nnlib.softmax(X), y)
    nnlib.cross_entropy_gradient(nnlib.softmax(X), y)
    nnlib.softmax_cross_entropy(X, y)
    nnlib.softmax_cross_entropy_gradient(X, y)
    nnlib.binary_cross_entropy(X[:, 0], y % 2)
    nnlib.binary_cross_entropy_gradient(X[:, :1], y % 2)
    for before, after in zip(originals, (X, y, W, b)):
        assert np.array_equal(before, after)
    assert not np.array_equal(net.weights[0], W), "training should have moved the network's own copy"


def test_a_refused_assignment_leaves_the_network_as_it_was():
    net = nnlib.MLP([2, 3, 1])
    before = [W.copy() for W in net.weights]
    with pytest.raises(ValueError, match="needs 2 weights, but got 1"):
        net.weights = [np.zeros((2, 3))]
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_nnlibs_input_errors_say_what_was_wrong_by_kind_and_the_checks_read_the_kind():
    from nnlib._validate import InputTypeError, InputValueError, as_array
    from nnlib.checks._feedback import RAGGED, crash_kind

    cases = [([[1, 2], [3]], InputValueError, "ragged"), ("abc", InputTypeError, "text"),
             (np.array(["a"]), InputTypeError, "not numbers"), (np.array([1j]), InputTypeError, "complex"),
             ([np.nan], InputValueError, "not finite")]
    for value, error_type, kind in cases:
        with pytest.raises(error_type) as caught:
            as_array(value, "X")
        assert caught.value.kind == kind
        assert isinstance(caught.value, ValueError if error_type is InputValueError else TypeError)
    with pytest.raises(InputValueError) as caught:
        as_array([1.0, 2.0], "X", ndim=2)
    assert caught.value.kind == "shape"
    # the checks decide on the kind: other words, same verdict
    assert crash_kind(InputValueError("rows of different lengths", "ragged")) == RAGGED
    assert crash_kind(InputValueError("X could not be read as an array (inhomogeneous)", "shape")) is None
