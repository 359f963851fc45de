"""The exercise checks of 05_layers and 06_forward_pass (the right answer gets ✅, the shipped stub never
does, and each typical mistake gets the hint that names it), and the two widgets of nnlib.widgets.forward."""

import warnings

import numpy as np
import pytest

import nnlib
from nnlib.checks import forward_pass
from nnlib.checks import layers
from nnlib.widgets.forward import InputScaleView, forward_pass_explorer, input_scale_explorer

from feedback import hints, passes


# ---- 05: normalise the pixels -------------------------------------------------------------------------------

def test_normalise_pixels(capsys):
    def stub(raw, max_ink):
        # your code here
        return None

    def in_place(raw, max_ink):
        raw /= max_ink
        return raw

    def in_place_float(raw, max_ink):
        raw = raw.astype(float)
        raw /= max_ink
        return raw

    assert passes(capsys, layers.normalise_pixels, lambda raw, max_ink: raw / max_ink)
    assert passes(capsys, layers.normalise_pixels, in_place_float)
    assert "returns nothing" in hints(capsys, layers.normalise_pixels, stub)
    assert "integer division" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw // max_ink)
    assert "divided by 255" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw / 255)
    assert "divided by 16" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw / 16)
    assert "darkest pixel in the batch" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw / raw.max())
    assert "darkest pixel in the batch" in hints(
        capsys, layers.normalise_pixels, lambda raw, max_ink: (raw - raw.min()) / (raw.max() - raw.min()))
    assert "in place" in hints(capsys, layers.normalise_pixels, in_place)
    assert "above 1" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw * 1.0)
    assert "layout" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: (raw / max_ink).ravel())
    assert "raised" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw / undefined_name)  # noqa: F821
    # a blank pixel divided into max_ink is infinity: one hint, and no RuntimeWarning printed beside it
    assert "other way round" in hints(capsys, layers.normalise_pixels, lambda raw, max_ink: max_ink / raw)
    assert "cure for table columns" in hints(capsys, layers.normalise_pixels,
                                             lambda raw, max_ink: (raw - raw.mean()) / raw.std())


def test_numpy_messages_are_told_in_plain_words():
    from nnlib.checks._feedback import crash_in_words

    for make_error in (lambda: np.ones((5, 64)) @ np.ones((5, 64)), lambda: np.ones((5, 10)) / np.ones(5),
                       lambda: bool(np.ones(3)), lambda: np.array([[1, 2], [3]])):
        try:
            make_error()
        except Exception as error:  # noqa: BLE001
            words = crash_in_words(error)
            assert "gufunc" not in words and "broadcast" not in words and "ambiguous" not in words, words
            assert "inhomogeneous" not in words and str(error) not in words, words
    assert "NameError: name 'relu'" in crash_in_words(NameError("name 'relu' is not defined"))


def test_a_crash_is_carried_by_the_hint_and_told_by_its_kind():
    from nnlib.checks import _feedback as feedback

    for make_error, kind in ((lambda: np.ones((5, 64)) @ np.ones((5, 64)), feedback.MATMUL),
                             (lambda: np.dot(np.ones(3), np.ones(5)), feedback.MATMUL),
                             (lambda: 2.0 @ np.ones(3), feedback.MATMUL_SCALAR),
                             (lambda: np.ones((5, 10)) / np.ones(5), feedback.BROADCAST),
                             (lambda: bool(np.ones(3)), feedback.AMBIGUOUS),
                             (lambda: np.array([[1, 2], [3]]), feedback.RAGGED),
                             (lambda: [1, 2] * [3, 4], feedback.LIST_ARITHMETIC),
                             (lambda: [1, 2] @ [3, 4], feedback.LIST_ARITHMETIC),
                             (lambda: np.max(0, np.ones(3)), feedback.NOT_AN_INDEX),
                             (lambda: np.ones(3).max(axis=1), feedback.AXIS),
                             (lambda: 1.0 + ..., feedback.ELLIPSIS),
                             (lambda: undefined_name, None)):  # noqa: F821
        with pytest.raises(feedback.Hint) as caught:
            feedback.call_learner(make_error)
        assert feedback.crash_kind(caught.value.error) == kind, (kind, caught.value.error)
        assert str(caught.value) == feedback.crash_in_words(caught.value.error)
    with pytest.raises(feedback.Hint) as caught:
        feedback.call_learner(lambda: 1 / 0, explain={feedback.AMBIGUOUS: "not this crash"})
    assert isinstance(caught.value.error, ZeroDivisionError) and "ZeroDivisionError" in str(caught.value)
    with pytest.raises(feedback.Hint) as caught:
        feedback.call_learner(lambda: bool(np.ones(3)), explain={feedback.AMBIGUOUS: "one question per number"})
    assert str(caught.value) == "one question per number"
    with pytest.raises(feedback.Hint) as caught:
        feedback.call_learner(lambda: None)
    assert caught.value.returned_nothing and caught.value.error is None


def test_a_stub_left_inside_or_lists_multiplied_get_the_courses_words(capsys):
    out = hints(capsys, layers.count_parameters, lambda s: s[0] * s[1] + ...)
    assert "still a `...`" in out and "ellipsis" not in out
    out = hints(capsys, layers.normalise_pixels, lambda raw, max_ink: raw.tolist() * [max_ink])
    assert "plain Python lists" in out and "sequence" not in out


# ---- 05: stack neurons into a layer -------------------------------------------------------------------------

def right_stack(neurons):
    W = np.column_stack([weights for weights, bias in neurons])
    b = np.array([bias for weights, bias in neurons])
    return W, b


def test_stack_neurons(capsys):
    assert passes(capsys, layers.stack_neurons, right_stack)
    assert passes(capsys, layers.stack_neurons,
                  lambda neurons: (np.array([w for w, _ in neurons]).T, [b for _, b in neurons]))
    assert "returns nothing" in hints(capsys, layers.stack_neurons, lambda neurons: None)
    assert "COLUMN" in hints(capsys, layers.stack_neurons,
                            lambda neurons: (np.array([w for w, _ in neurons]), np.array([b for _, b in neurons])))
    assert "forgot" not in hints(capsys, layers.stack_neurons, lambda neurons: right_stack(neurons)[0])
    assert "left out the neurons' biases" in hints(
        capsys, layers.stack_neurons, lambda neurons: (right_stack(neurons)[0], np.zeros(len(neurons))))
    assert "1-D" in hints(capsys, layers.stack_neurons,
                         lambda neurons: (right_stack(neurons)[0], right_stack(neurons)[1][None, :]))
    assert "order" in hints(capsys, layers.stack_neurons,
                           lambda neurons: (right_stack(neurons)[0], right_stack(neurons)[1][::-1]))
    assert "(3, 4)" in hints(capsys, layers.stack_neurons, lambda neurons: (np.zeros((2, 2)), np.zeros(4)))
    assert "transposed" in hints(capsys, layers.stack_neurons,
                                lambda neurons: (np.vstack([w for w, _ in neurons]), np.array([b for _, b in neurons])))
    # stacking the (weights, bias) pairs themselves: numpy's "inhomogeneous shape" said in the course's words
    assert "Take the weights out first" in hints(capsys, layers.stack_neurons,
                                                 lambda neurons: (np.column_stack(neurons), None))
    assert "end to end" in hints(capsys, layers.stack_neurons,
                                lambda neurons: (np.hstack([w for w, _ in neurons]), right_stack(neurons)[1]))
    assert "biases first" in hints(capsys, layers.stack_neurons, lambda neurons: right_stack(neurons)[::-1])


# ---- 05: count the parameters -------------------------------------------------------------------------------

def right_count(layer_sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]))


def test_count_parameters(capsys):
    assert right_count([64, 32, 10]) == nnlib.MLP([64, 32, 10]).n_parameters == 2410
    assert right_count([784, 128, 10]) == nnlib.MLP([784, 128, 10]).n_parameters == 101_770
    assert passes(capsys, layers.count_parameters, right_count)
    assert passes(capsys, layers.count_parameters, lambda sizes: nnlib.MLP(sizes).n_parameters)
    assert "returns nothing" in hints(capsys, layers.count_parameters, lambda sizes: None)
    pairs = lambda sizes: list(zip(sizes[:-1], sizes[1:]))  # noqa: E731
    assert "forgot the biases" in hints(capsys, layers.count_parameters,
                                       lambda s: sum(a * b for a, b in pairs(s)))
    assert "input layer biases" in hints(capsys, layers.count_parameters,
                                        lambda s: sum(a * b for a, b in pairs(s)) + sum(s))
    assert "not one per layer" in hints(capsys, layers.count_parameters,
                                       lambda s: sum(a * b + 1 for a, b in pairs(s)))
    assert "counted the neurons" in hints(capsys, layers.count_parameters, lambda s: sum(s))
    assert "multiplied all" in hints(capsys, layers.count_parameters, lambda s: int(np.prod(s)))
    assert "one number" in hints(capsys, layers.count_parameters, lambda s: [a * b + b for a, b in pairs(s)])
    assert "should be 2,410" in hints(capsys, layers.count_parameters, lambda s: 7)

    def early_return(sizes):
        for n_in, n_out in pairs(sizes):
            return n_in * n_out + n_out

    assert "inside the loop" in hints(capsys, layers.count_parameters, early_return)
    assert "not n_in" in hints(capsys, layers.count_parameters, lambda s: sum(a * b + a for a, b in pairs(s)))
    assert "the text '2410'" in hints(capsys, layers.count_parameters, lambda s: str(right_count(s)))
    assert "one layer too far" in hints(
        capsys, layers.count_parameters, lambda s: sum(s[i] * s[i + 1] + s[i + 1] for i in range(len(s))))
    assert passes(capsys, layers.count_parameters, lambda s: float(right_count(s)) + 1e-12)


# ---- 05: XOR by hand ----------------------------------------------------------------------------------------

RELU_XOR = dict(W1=np.array([[1.0, 1.0], [1.0, 1.0]]), b1=np.array([0.0, -1.0]),
                W2=np.array([[10.0], [-20.0]]), b2=np.array([-5.0]))
SIGMOID_XOR = dict(W1=np.array([[20.0, 20.0], [20.0, 20.0]]), b1=np.array([-10.0, -30.0]),
                   W2=np.array([[20.0], [-20.0]]), b2=np.array([-10.0]))


def test_xor_network(capsys):
    assert passes(capsys, layers.xor_network, **RELU_XOR)
    assert passes(capsys, layers.xor_network, **SIGMOID_XOR, activation="sigmoid")
    zeros = dict(W1=np.zeros((2, 2)), b1=np.zeros(2), W2=np.zeros((2, 1)), b2=np.zeros(1))
    assert "still 0" in hints(capsys, layers.xor_network, multiline=True, **zeros)
    assert "still empty" in hints(capsys, layers.xor_network, multiline=True, **dict(RELU_XOR, W1=...))
    same = dict(RELU_XOR, b1=np.array([0.0, 0.0]))
    assert "same thing" in hints(capsys, layers.xor_network, multiline=True, **same)
    assert "leave b1 at 0" in hints(capsys, layers.xor_network, multiline=True, **same)
    flipped = dict(RELU_XOR, W2=-RELU_XOR["W2"], b2=np.array([5.0]))
    assert "not XOR" in hints(capsys, layers.xor_network, multiline=True, **flipped)
    recipe = dict(W1=np.array([[2.0, 4.0], [2.0, 4.0]]), b1=np.array([-1.0, -6.0]),
                  W2=np.array([[6.0], [-10.0]]), b2=np.array([-3.0]))
    assert passes(capsys, layers.xor_network, **recipe)
    # each hidden neuron's weights written as a row: the check says it is transposed
    assert "transposed" in hints(capsys, layers.xor_network, **dict(recipe, W1=recipe["W1"].T))
    assert "never lets anything through" in hints(capsys, layers.xor_network, **dict(recipe, b1=np.array([-1.0, -9.0])))
    # b2 = 0: the corner (0, 0) sits exactly on the line, also when rounding leaves 1e-15 there
    assert "negative bias" in hints(capsys, layers.xor_network, **dict(recipe, b2=np.array([0.0])))
    assert "negative bias" in hints(capsys, layers.xor_network, **dict(recipe, b2=np.array([1e-15])))
    assert "more negative weight" in hints(capsys, layers.xor_network, **dict(recipe, W2=np.array([[6.0], [10.0]])))
    # b2 = +1: only (0, 0) is wrong, and flipping b2's sign solves it: the hint names the sign
    assert "b2 has the wrong sign" in hints(capsys, layers.xor_network, **dict(recipe, b2=np.array([1.0])))
    text = hints(capsys, layers.xor_network, multiline=True, **dict(recipe, b2=np.array([7.0])))
    assert "2 of 4 corners right" in text and "(0, 0) should be 0" in text
    assert "one column" in hints(capsys, layers.xor_network, multiline=True, **dict(RELU_XOR, W2=np.array([10.0, -20.0])))
    assert "(2, 2)" in hints(capsys, layers.xor_network, multiline=True, **dict(RELU_XOR, W1=np.ones((2, 3))))



def test_printing_instead_of_returning_is_named(capsys):
    def printed(raw, max_ink):
        print(raw / max_ink)

    text = hints(capsys, layers.normalise_pixels, printed, multiline=True)
    assert "printed its answer" in text and "return" in text  # the learner's own print still shows above it
    assert "printed its answer" in hints(capsys, layers.count_parameters, lambda s: print(right_count(s)),
                                         multiline=True)
    assert "printed its answer" in hints(capsys, forward_pass.forward, lambda *args: print(right_forward(*args)),
                                         multiline=True)


def test_normalise_pixels_names_more_slips(capsys):
    check = layers.normalise_pixels
    assert "upside down" in hints(capsys, check, lambda raw, max_ink: 1 - raw / max_ink)
    assert "np.clip" in hints(capsys, check, lambda raw, max_ink: np.clip(raw, 0, 1))
    assert "did you round" in hints(capsys, check, lambda raw, max_ink: np.round(raw / max_ink, 1))
    assert "each pixel position" in hints(capsys, check, lambda raw, max_ink: raw / np.maximum(raw.max(axis=0), 1))
    # dividing each image by its own darkest pixel is a normalisation too (contrast stretching): the hint says so,
    # and names what it loses, rather than calling it wrong
    text = hints(capsys, check, lambda raw, max_ink: raw / np.maximum(raw.max(axis=1, keepdims=True), 1))
    assert "its own darkest pixel" in text and "normalisation people use too" in text
    assert passes(capsys, check, lambda raw, max_ink: (raw / max_ink).astype(np.float32))
    assert passes(capsys, check, lambda raw, max_ink: [[p / max_ink for p in row] for row in raw])


def test_stack_neurons_names_more_slips(capsys):
    check = layers.stack_neurons
    # the notebook's own friends instead of the argument
    alex_and_sam = (np.array([[-0.5, -0.1], [-0.4, -0.8], [0.6, 0.3]]), np.array([1.0, -0.5]))
    assert "the argument `neurons`" in hints(capsys, check, lambda neurons: alex_and_sam)
    assert "extra row" in hints(capsys, check, lambda neurons: (
        np.column_stack([list(w) + [b] for w, b in neurons]), right_stack(neurons)[1]))
    assert passes(capsys, check, lambda neurons: list(right_stack(neurons)))  # a list of two is two things too


def test_count_parameters_names_more_slips(capsys):
    check = layers.count_parameters
    assert "same count for different networks" in hints(capsys, check, lambda s: 2410)
    assert "exactly three layer sizes" in hints(capsys, check,
                                                lambda s: s[0] * s[1] + s[1] + s[1] * s[2] + s[2])

    def overwrites(sizes):
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            total = n_in * n_out + n_out
        return total

    assert "only the last pair" in hints(capsys, check, overwrites)
    assert "stop early" in hints(capsys, check, lambda s: sum(s[i] * s[i + 1] + s[i + 1] for i in range(len(s) - 2)))
    pairs = lambda s: zip(s[:-1], s[1:])  # noqa: E731
    assert "no + 1 on top" in hints(capsys, check, lambda s: sum(a * b + b + 1 for a, b in pairs(s)))
    assert "n_in + n_out biases" in hints(capsys, check, lambda s: sum(a * b + a + b for a, b in pairs(s)))
    assert "pairs every layer with itself" in hints(capsys, check, lambda s: sum(a * b + b for a, b in zip(s, s)))


def test_new_kinds_of_crash_are_read_once_and_told_in_words(capsys):
    from nnlib.checks import _feedback as feedback

    def unpacks_three(pair):
        a, b, c = pair
        return a

    for make_error, kind in ((lambda: unpacks_three((1, 2)), feedback.UNPACK),
                             (lambda: float([1.0, 2.0]), feedback.SEQUENCE_AS_NUMBER),
                             (lambda: np.subtract(np.ones(5), np.ones((4, 5)), out=np.ones(5)), feedback.BROADCAST)):
        with pytest.raises(feedback.Hint) as caught:
            feedback.call_learner(make_error)
        assert feedback.crash_kind(caught.value.error) == kind, (kind, caught.value.error)
        assert str(caught.value.error) not in str(caught.value)
    # in stack_neurons: float() of a (weights, bias) pair, and three names for a pair
    assert "Take the weights out first" in hints(capsys, layers.stack_neurons,
                                                 lambda neurons: (np.array([float(n) for n in neurons]), 0))
    assert "unpacked a different number of values" in hints(
        capsys, layers.stack_neurons, lambda neurons: [(w, b, c) for w, b, c in neurons])

def test_05_names_the_slips_a_second_look_found(capsys):
    normalise = layers.normalise_pixels
    whole = hints(capsys, normalise, lambda raw, max_ink: (raw / max_ink).astype(int))
    assert "int" in whole and "integer division" in whole  # dtype=int is named, not only //
    assert "rounded raw / max_ink" in hints(capsys, normalise, lambda raw, max_ink: np.round(raw / max_ink))
    assert "max_ink + 1" in hints(capsys, normalise, lambda raw, max_ink: raw / (max_ink + 1))
    assert "divided every pixel by 256" in hints(capsys, normalise, lambda raw, max_ink: raw / 256)
    assert "centred on 0" in hints(capsys, normalise, lambda raw, max_ink: raw / max_ink - 0.5)
    assert "centred on 0" in hints(capsys, normalise, lambda raw, max_ink: 2 * raw / max_ink - 1)
    # subtracting the batch's lightest pixel passed while every batch had a blank pixel; grey paper has none
    assert "lightest pixel" in hints(capsys, normalise, lambda raw, max_ink: (raw - raw.min()) / max_ink)
    assert "float16" in hints(capsys, normalise, lambda raw, max_ink: (raw / max_ink).astype(np.float16))
    out = hints(capsys, normalise, lambda raw, max_ink: raw / raw.max(axis=1))
    assert "one number per image" in out and "shapes did not fit" not in out

    stack = layers.stack_neurons
    assert "W holds whole numbers" in hints(capsys, stack, lambda neurons: (right_stack(neurons)[0].astype(int),
                                                                             right_stack(neurons)[1]))
    assert "b holds whole numbers" in hints(capsys, stack, lambda neurons: (right_stack(neurons)[0],
                                                                             right_stack(neurons)[1].astype(int)))
    assert "extra row" in hints(capsys, stack, lambda neurons: (
        np.column_stack([[b] + list(w) for w, b in neurons]), right_stack(neurons)[1]))
    assert "holds text" in hints(capsys, stack, lambda neurons: (right_stack(neurons)[0].astype(str),
                                                                 right_stack(neurons)[1]))

    count = layers.count_parameters
    pairs = lambda s: list(zip(s[:-1], s[1:]))  # noqa: E731
    assert "output layer's biases but not the hidden" in hints(
        capsys, count, lambda s: sum(a * b for a, b in pairs(s)) + s[-1])
    assert "(n_in + 1) * (n_out + 1)" in hints(capsys, count, lambda s: sum((a + 1) * (b + 1) for a, b in pairs(s)))

    recipe = dict(W1=np.array([[2.0, 4.0], [2.0, 4.0]]), b1=np.array([-1.0, -6.0]),
                  W2=np.array([[6.0], [-10.0]]), b2=np.array([-3.0]))
    xor = layers.xor_network
    # b1 = [1, 6] was told "your two hidden neurons tell the output the same thing ... different biases"
    out = hints(capsys, xor, **dict(recipe, b1=np.array([1.0, 6.0])))
    assert "b1 have the wrong sign" in out and "same thing" not in out
    assert "b2 has the wrong sign" in hints(capsys, xor, **dict(recipe, b2=np.array([3.0])))
    swapped = dict(recipe, W1=recipe["W1"][:, ::-1], b1=recipe["b1"][::-1])  # the hidden neurons in the other order
    assert "Swap W2's rows" in hints(capsys, xor, **swapped)
    assert "W2 is still all 0" in hints(capsys, xor, **dict(recipe, W2=np.zeros((2, 1))))
    assert "W1 is still all 0" in hints(capsys, xor, **dict(recipe, W1=np.zeros((2, 2))))
    assert "holds text" in hints(capsys, xor, **dict(recipe, b2=["-3"]))  # numpy would read '-3' as a number
    assert passes(capsys, xor, W1=[[2, 4], [2, 4]], b1=[-1, -6], W2=[[6], [-10]], b2=[-3])


# ---- 06: the forward pass -----------------------------------------------------------------------------------

def right_forward(X, W1, b1, W2, b2):
    A1 = nnlib.relu(X @ W1 + b1)
    return nnlib.softmax(A1 @ W2 + b2)


def naive_softmax_forward(X, W1, b1, W2, b2):
    Z2 = np.maximum(X @ W1 + b1, 0) @ W2 + b2
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(Z2)
        return e / e.sum(axis=1, keepdims=True)


def test_forward(capsys):
    assert passes(capsys, forward_pass.forward, right_forward)

    def by_hand(X, W1, b1, W2, b2):
        Z2 = np.maximum(X @ W1 + b1, 0) @ W2 + b2
        e = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    assert passes(capsys, forward_pass.forward, by_hand)
    # the model agrees with the recipe the check asks for
    model = nnlib.MLP([64, 32, 10], seed=3)
    X = np.random.default_rng(0).random((4, 64))
    assert np.allclose(right_forward(X, model.weights[0], model.biases[0], model.weights[1], model.biases[1]),
                       model.predict_proba(X))

    def stub(X, W1, b1, W2, b2):
        # your code here
        return None

    assert "returns nothing" in hints(capsys, forward_pass.forward, stub)
    assert "logits" in hints(capsys, forward_pass.forward,
                            lambda X, W1, b1, W2, b2: nnlib.relu(X @ W1 + b1) @ W2 + b2)
    assert "skipped the ReLU" in hints(capsys, forward_pass.forward,
                                      lambda X, W1, b1, W2, b2: nnlib.softmax((X @ W1 + b1) @ W2 + b2))
    assert "forgot b1" in hints(capsys, forward_pass.forward,
                               lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1) @ W2 + b2))
    assert "forgot b2" in hints(capsys, forward_pass.forward,
                               lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1 + b1) @ W2))
    assert "both biases" in hints(capsys, forward_pass.forward,
                                 lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1) @ W2))
    assert "predicted digits" in hints(capsys, forward_pass.forward,
                                      lambda *args: right_forward(*args).argmax(axis=1))
    assert "(10, 5)" in hints(capsys, forward_pass.forward, lambda *args: right_forward(*args).T)
    assert "COLUMN" in hints(capsys, forward_pass.forward,
                            lambda X, W1, b1, W2, b2: nnlib.softmax((nnlib.relu(X @ W1 + b1) @ W2 + b2).T).T)
    assert "sigmoid" in hints(capsys, forward_pass.forward,
                             lambda X, W1, b1, W2, b2: nnlib.sigmoid(nnlib.relu(X @ W1 + b1) @ W2 + b2))
    assert "NaN or infinity" in hints(capsys, forward_pass.forward, naive_softmax_forward)


FORWARD_SLIPS = [  # a beginner's forward pass, and the words its hint must contain (never numpy's own message)
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(W1 @ X + b1) @ W2 + b2), "You wrote W1 @ X"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(np.dot(W1, X) + b1) @ W2 + b2), "You wrote W1 @ X"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(W2 @ nnlib.relu(X @ W1 + b1) + b2), "You wrote W2 @ A1"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1.T + b1) @ W2 + b2), "No transposing needed"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1 + b1) + X @ W2 + b2), "reads the hidden layer"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1 + b2) @ W2 + b1), "You added b2 to the hidden"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(W1.T @ X.T + b1) @ W2 + b2), "one column per image"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(np.max(0, X @ W1 + b1) @ W2 + b2), "np.maximum"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(max(0, X @ W1 + b1) @ W2 + b2), "np.maximum"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(nnlib.dense_forward(X, W1, b1)) @ W2 + b2), "Z1, _ ="),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1 + b1) @ W2 + b2, axis=1), "takes no axis"),
    (lambda X, W1, b1, W2, b2: np.exp(nnlib.relu(X @ W1 + b1) @ W2 + b2)
     / np.exp(nnlib.relu(X @ W1 + b1) @ W2 + b2).sum(axis=1), "keepdims=True"),
    (lambda X, W1, b1, W2, b2: np.exp(nnlib.relu(X @ W1 + b1) @ W2 + b2)
     / np.exp(nnlib.relu(X @ W1 + b1) @ W2 + b2).sum(), "over the whole batch"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(nnlib.relu(X @ W1 + b1) @ W2 + b2)), "ReLU to the logits"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.sigmoid(X @ W1 + b1) @ W2 + b2), "hidden layer is ReLU"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax((nnlib.relu(X @ W1) + b1) @ W2 + b2), "after the ReLU"),
    (lambda X, W1, b1, W2, b2: nnlib.relu(X @ W1 + b1), "that is the hidden layer"),
    (lambda X, W1, b1, W2, b2: (right_forward(X, W1, b1, W2, b2), X @ W1), "returned 2 things"),
    (lambda X, W1, b1, W2, b2: np.eye(10)[right_forward(X, W1, b1, W2, b2).argmax(axis=1)], "one-hot row"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1 - b1) @ W2 + b2), "You subtracted b1"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X @ W1 + b1) @ W2 - b2), "You subtracted b2"),
    (lambda X, W1, b1, W2, b2: right_forward(X, W1, b1, W2, b2).round(), "rounding the probabilities"),
    (lambda X, W1, b1, W2, b2: right_forward(X, W1, b1, W2, b2).astype(int), "only whole numbers"),
    (lambda X, W1, b1, W2, b2: nnlib.softmax(np.array([X @ W1, b1]) @ W2), "handed on a pair"),
]


@pytest.mark.parametrize("slip, words", FORWARD_SLIPS)
def test_forward_names_the_slip(capsys, slip, words):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the check prints one hint, never a RuntimeWarning beside it
        text = hints(capsys, forward_pass.forward, slip)
    assert words in text
    assert "gufunc" not in text and "broadcast" not in text and "ambiguous" not in text


def test_forward_passes_other_right_answers(capsys):
    def by_dot(X, W1, b1, W2, b2):
        return nnlib.softmax(np.maximum(0, X.dot(W1) + b1).dot(W2) + b2)

    def global_max_softmax(X, W1, b1, W2, b2):  # right on small logits; NaN rows once the logits are in hundreds
        Z = np.maximum(0, X @ W1 + b1) @ W2 + b2
        e = np.exp(Z - Z.max())
        return e / e.sum(axis=1, keepdims=True)

    assert passes(capsys, forward_pass.forward, by_dot)
    assert passes(capsys, forward_pass.forward, lambda *args: right_forward(*args).tolist())
    assert "each row's own largest logit" in hints(capsys, forward_pass.forward, global_max_softmax)



def test_forward_names_more_slips(capsys):
    check = forward_pass.forward

    def first_image_only(X, W1, b1, W2, b2):
        for x in X:
            return nnlib.softmax(nnlib.relu(x[None] @ W1 + b1) @ W2 + b2)

    assert "first image only" in hints(capsys, check, first_image_only)
    assert "softmax in the hidden layer" in hints(
        capsys, check, lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.softmax(X @ W1 + b1) @ W2 + b2))
    assert "tanh" in hints(capsys, check, lambda X, W1, b1, W2, b2: nnlib.softmax(np.tanh(X @ W1 + b1) @ W2 + b2))
    assert "negative" in hints(capsys, check, lambda *args: np.log(right_forward(*args)))
    assert "do not add up to 1" in hints(capsys, check, lambda X, *rest: np.random.default_rng(0).random((len(X), 10)))
    assert "does not depend on X" in hints(capsys, check, lambda X, *rest: np.full((len(X), 10), 0.1))
    text = hints(capsys, check, lambda X, W1, b1, W2, b2: nnlib.softmax(nnlib.relu(X * W1 + b1) @ W2 + b2))
    assert "matrix product" in text and "broadcast" not in text

# ---- 06: predict the shapes ---------------------------------------------------------------------------------

RIGHT_SHAPES = {"X": (32, 784), "W1": (784, 128), "b1": (128,), "Z1": (32, 128), "A1": (32, 128),
                "W2": (128, 10), "b2": (10,), "Z2": (32, 10), "P": (32, 10), "prediction": (32,)}


def test_shapes_are_the_ones_numpy_computes():
    model = nnlib.MLP([784, 128, 10])
    X = np.random.default_rng(0).random((32, 784))
    Z1, _ = nnlib.dense_forward(X, model.weights[0], model.biases[0])
    A1 = nnlib.relu(Z1)
    Z2, _ = nnlib.dense_forward(A1, model.weights[1], model.biases[1])
    P = nnlib.softmax(Z2)
    actual = {"X": X, "W1": model.weights[0], "b1": model.biases[0], "Z1": Z1, "A1": A1,
              "W2": model.weights[1], "b2": model.biases[1], "Z2": Z2, "P": P, "prediction": P.argmax(axis=1)}
    assert {key: value.shape for key, value in actual.items()} == RIGHT_SHAPES


def test_shapes(capsys):
    assert passes(capsys, forward_pass.shapes, RIGHT_SHAPES)
    # (128) is just the number 128, and [32] is a list: neither is a shape
    assert "(128) is just 128" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, b1=(128)))
    assert "(128,)" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, b1=(128)))
    assert "(32) is just 32" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, prediction=(32)))
    assert "write (32,)" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, prediction=[32]))
    assert "whole numbers" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, X=(32.0, 784.0)))
    assert "before flattening" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, X=(32, 28, 28)))
    assert "shared by every image" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, b1=(32, 128)))
    assert passes(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, b1=(np.int64(128),)))
    stub = {key: ... for key in RIGHT_SHAPES}
    assert "still `...`" in hints(capsys, forward_pass.shapes, stub)
    assert "still empty" in hints(capsys, forward_pass.shapes, ...)
    assert "missing 'P'" in hints(capsys, forward_pass.shapes, {k: v for k, v in RIGHT_SHAPES.items() if k != "P"})
    assert "one column per neuron" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, W1=(128, 784)))
    assert "batch size comes first" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, Z1=(128, 32)))
    assert "flat list" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, b2=(1, 10)))
    assert "second axis disappears" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, prediction=(32, 1)))
    assert "ReLU keeps the shape" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, A1=(32, 64)))
    assert "tuple" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, X="32 by 784"))
    assert "dictionary" in hints(capsys, forward_pass.shapes, [(32, 784)])
    # 06's 8x8 network instead of MNIST's, and a batch of one
    assert "784 pixels" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, X=(32, 64)))
    assert "128 hidden neurons" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, W1=(784, 32)))
    assert "one row per image" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, Z1=(1, 128)))
    assert "MLP([784, 128, 10])" in hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, Z2=(32, 128)))


# ---- 06: the least sure example -----------------------------------------------------------------------------

def test_least_sure(capsys):
    assert passes(capsys, forward_pass.least_sure, lambda P: np.argmin(P.max(axis=1)))
    assert passes(capsys, forward_pass.least_sure, lambda P: int(np.argsort(P.max(axis=1))[0]))
    assert "returns nothing" in hints(capsys, forward_pass.least_sure, lambda P: None)
    assert "MOST sure" in hints(capsys, forward_pass.least_sure, lambda P: np.argmax(P.max(axis=1)))
    assert "flattened" in hints(capsys, forward_pass.least_sure, lambda P: np.argmin(P))
    assert "TOP" in hints(capsys, forward_pass.least_sure, lambda P: np.argmin(P.min(axis=1)))
    assert "a probability" in hints(capsys, forward_pass.least_sure, lambda P: P.max(axis=1).min())
    assert "single index" in hints(capsys, forward_pass.least_sure, lambda P: P.max(axis=1))
    assert "predicted class" in hints(capsys, forward_pass.least_sure, lambda P: np.argmin(P.argmax(axis=1)))
    assert "Not that one" in hints(capsys, forward_pass.least_sure, lambda P: int(np.argmax(P[:, 3])))
    # the same index whatever P holds: typed in, or a return inside the loop
    assert "does not follow P" in hints(capsys, forward_pass.least_sure, lambda P: 3)

    def early_return(P):
        least = 0
        for i in range(len(P)):
            if P[i].max() < P[least].max():
                least = i
            return least

    assert "inside the loop" in hints(capsys, forward_pass.least_sure, early_return)
    assert "ranking" in hints(capsys, forward_pass.least_sure, lambda P: np.argsort(P.max(axis=1)))
    assert "two things" in hints(capsys, forward_pass.least_sure,
                                 lambda P: (int(np.argmin(P.max(axis=1))), P.max(axis=1).min()))
    assert "the text '1'" in hints(capsys, forward_pass.least_sure, lambda P: str(np.argmin(P.max(axis=1))))
    assert "whole number" in hints(capsys, forward_pass.least_sure, lambda P: float(np.argmin(P.max(axis=1))))
    # Python's max on a table of rows: numpy's "truth value ... ambiguous" told in the course's words
    text = hints(capsys, forward_pass.least_sure, lambda P: P.tolist().index(min(P, key=max)))
    assert "P.max(axis=1)" in text and "ambiguous" not in text
    text = hints(capsys, forward_pass.least_sure, lambda P: max(P))
    assert "compared whole rows" in text and "ambiguous" not in text
    assert passes(capsys, forward_pass.least_sure, lambda P: min(range(len(P)), key=lambda i: max(P[i])))
    assert "each COLUMN's" in hints(capsys, forward_pass.least_sure, lambda P: np.argmin(P.max(axis=0)))
    assert "top two" in hints(capsys, forward_pass.least_sure,
                              lambda P: np.argmin(np.diff(np.sort(P, axis=1)[:, -2:], axis=1)[:, 0]))
    assert "entropy" in hints(capsys, forward_pass.least_sure, lambda P: np.argmax(-(P * np.log(P)).sum(axis=1)))
    assert "without + 1" in hints(capsys, forward_pass.least_sure, lambda P: np.argmin(P.max(axis=1)) + 1)
    assert "whole row" in hints(capsys, forward_pass.least_sure, lambda P: P[np.argmin(P.max(axis=1))])
    assert "holding one index" in hints(capsys, forward_pass.least_sure, lambda P: np.argsort(P.max(axis=1))[:1])


def test_06_names_the_slips_a_second_look_found(capsys):
    """A beginner's further wrong answers to 06's exercises, each told by its own mistake."""
    X_test = nnlib.digits_split()[1]
    model = nnlib.MLP([64, 32, 10])
    check = forward_pass.forward
    # the notebook's globals instead of the arguments
    assert "does not read its argument X" in hints(
        capsys, check, lambda X, W1, b1, W2, b2: right_forward(X_test[:len(X)], W1, b1, W2, b2))
    assert "does not read its arguments W1 and W2" in hints(
        capsys, check, lambda X, W1, b1, W2, b2: right_forward(X, *model.weights[:1], *model.biases[:1],
                                                               *model.weights[1:], *model.biases[1:]))
    assert "softmax twice" in hints(capsys, check, lambda *args: nnlib.softmax(right_forward(*args)))
    assert "np.max(Z1, 0) is not ReLU" in hints(
        capsys, check, lambda X, W1, b1, W2, b2: nnlib.softmax(np.max(X @ W1 + b1, 0) @ W2 + b2))
    assert "leaky ReLU" in hints(capsys, check, lambda X, W1, b1, W2, b2: nnlib.softmax(
        np.where(X @ W1 + b1 > 0, X @ W1 + b1, 0.01 * (X @ W1 + b1)) @ W2 + b2))
    assert "astype(int)" in hints(capsys, check, lambda X, *rest: right_forward(X.astype(int), *rest))
    assert "returned 2 things" in hints(capsys, check, lambda X, W1, b1, W2, b2: [
        nnlib.relu(X @ W1 + b1) @ W2 + b2, right_forward(X, W1, b1, W2, b2)])
    assert passes(capsys, check, lambda X, W1, b1, W2, b2: [nnlib.softmax(z) for z in nnlib.relu(X @ W1 + b1) @ W2 + b2])

    least_sure = forward_pass.least_sure
    P_test = model.predict_proba(X_test)
    out = hints(capsys, least_sure, lambda P: int(np.argmin(P_test.max(axis=1))))
    assert "P_test" in out and "only 7 rows" in out
    assert "typed in from the notebook" in hints(capsys, least_sure, lambda P: 448)
    assert "np.max(P) without an axis" in hints(capsys, least_sure, lambda P: np.argmin(np.max(P)))
    assert "without - 1" in hints(capsys, least_sure, lambda P: np.argmin(P.max(axis=1)) - 1)
    assert "True/False mask" in hints(capsys, least_sure, lambda P: P.max(axis=1) == P.max(axis=1).min())
    assert "a list or an array holding one index" in hints(capsys, least_sure, lambda P: [np.argmin(P.max(axis=1))])

    # 64 images in the batch is a wrong batch size, not the 8x8 digits' 64 pixels
    out = hints(capsys, forward_pass.shapes, dict(RIGHT_SHAPES, X=(64, 784)))
    assert "the batch holds 32 images" in out and "8x8" not in out


@pytest.mark.parametrize("checker, stub", [
    (layers.normalise_pixels, lambda raw, max_ink: None),
    (layers.stack_neurons, lambda neurons: None),
    (layers.count_parameters, lambda layer_sizes: None),
    (forward_pass.forward, lambda X, W1, b1, W2, b2: None),
    (forward_pass.least_sure, lambda P: None),
    (forward_pass.shapes, None),
    (layers.count_parameters, ...),
])
def test_no_stub_ever_passes(capsys, checker, stub):
    hints(capsys, checker, stub, multiline=True)


# ---- the widgets of nnlib.widgets.forward (05 and 06) ---------------------------------------------------------

PNG = b"\x89PNG"


def test_input_scale_explorer_pins_the_neurons_of_unnormalised_pixels():
    explorer = input_scale_explorer()
    assert repr(explorer) == "Input scale explorer: one digit into 32 sigmoid neurons, pixels up to 1..255"
    assert explorer.render().startswith(PNG)
    pinned = {}
    for scale in (1, 16, 255):
        explorer.controls["scale"].value = scale
        pinned[scale] = explorer.frame["n_pinned"]
        assert f"<b>{pinned[scale]} of 32</b>" in explorer.readout.value
    assert pinned[1] <= 2 < pinned[16] < pinned[255] and pinned[255] >= 24
    before = explorer.frame["a"].copy()
    explorer.controls["digit"].value = explorer.controls["digit"].options[3][1]
    assert not np.allclose(explorer.frame["a"], before)
    assert explorer.last_error is None


def test_input_scale_view_is_the_layer_it_shows():
    model = nnlib.MLP([64, 32, 10], activation="sigmoid", seed=2)
    view = InputScaleView(model.weights[0], model.biases[0], 8)
    x = nnlib.load_digits().X[7]
    frame = view.draw(x, 16)
    assert np.allclose(frame["z"], (16 * x) @ model.weights[0] + model.biases[0])
    assert np.array_equal(frame["pinned"], (frame["a"] < 0.01) | (frame["a"] > 0.99))
    assert view.render().startswith(PNG)


def test_input_scale_explorer_explains_bad_inputs():
    digits = nnlib.load_digits()
    with pytest.raises(ValueError, match="normalised to 0..1"):
        input_scale_explorer(images=digits.X[:10] * 16, labels=digits.y[:10])
    with pytest.raises(ValueError, match="scale should be one of"):
        input_scale_explorer(scale=100)
    with pytest.raises(ValueError, match="network expects 16"):
        input_scale_explorer(nnlib.MLP([16, 4, 2]), digits.X[:10], digits.y[:10])


def test_forward_pass_explorer_shows_the_networks_own_numbers():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    untrained = nnlib.MLP([64, 32, 10])
    trained = nnlib.MLP([64, 32, 10])
    trained.fit(X_train, y_train, epochs=5, lr=0.1, seed=0)
    explorer = forward_pass_explorer({"untrained": untrained, "trained": trained}, X_test, y_test, index=50)
    assert repr(explorer) == "Forward pass explorer: 450 images, 64-32-10 networks: untrained, trained"
    for name, model in (("untrained", untrained), ("trained", trained)):
        explorer.controls["network"].value = name
        for i in (0, 50, 449):
            explorer.controls["index"].value = i
            frame = explorer.frame
            x = X_test[i:i + 1]
            assert np.allclose(frame["probs"], model.predict_proba(x)[0])
            assert np.allclose(frame["logits"], model.logits(x)[0])
            assert np.allclose(frame["hidden"][0], model.layer_outputs(x)[0][0])
            assert frame["guess"] == model.predict(x)[0]
            verdict = "right" if frame["guess"] == y_test[i] else "wrong"
            assert f"The {name} network" in explorer.readout.value and verdict in explorer.readout.value
    assert explorer.render().startswith(PNG)
    assert explorer.last_error is None


def test_forward_pass_explorer_takes_one_network_and_explains_mismatches():
    explorer = forward_pass_explorer(nnlib.MLP([64, 16, 8, 10]))   # two hidden layers, the test digits
    assert len(explorer.frame["hidden"]) == 2
    with pytest.raises(ValueError, match="same layer sizes"):
        forward_pass_explorer({"a": nnlib.MLP([64, 32, 10]), "b": nnlib.MLP([64, 16, 10])})
    with pytest.raises(ValueError, match="expect 64"):
        forward_pass_explorer(nnlib.MLP([64, 32, 10]), np.zeros((3, 49)), [0, 1, 2])
    with pytest.raises(TypeError, match="dict of MLPs"):
        forward_pass_explorer("trained")


@pytest.mark.parametrize("make", [input_scale_explorer, lambda: forward_pass_explorer(nnlib.MLP([64, 32, 10]))])
def test_forward_widgets_are_labelled_and_fit_a_laptop(make):
    import io

    from PIL import Image

    explorer = make()
    for name, control in explorer.controls.items():
        assert control.description, f"control {name} has no label"
    width, height = Image.open(io.BytesIO(explorer.render())).size
    assert 500 <= width <= 720 and height <= 340
    assert explorer.image.width == str(width)
    assert len(repr(explorer)) < 110
