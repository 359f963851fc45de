"""Checks for the exercises of 05_layers: normalising pixels, stacking neurons into a layer, counting
parameters, and solving XOR by hand with a 2-2-1 network.

    from nnlib.checks import layers as check
    check.normalise_pixels(normalise_pixels)
"""

import numpy as np

from ..activations import _relu, _sigmoid
from ._answers import as_numbers, close, first_text, name_the_mistake, one_number, require_shape
from ._feedback import BROADCAST, CAST_IN_PLACE, RAGGED, SEQUENCE_AS_NUMBER, Hint, call_learner, check


# ---- the input layer: normalise the pixels ----------------------------------------------------------------

_INK = np.random.default_rng(5)
_RAW_DIGITS = _INK.integers(0, 17, size=(4, 64))  # 8x8 digits: ink levels 0..16
_RAW_DIGITS[0, 0], _RAW_DIGITS[1, 1] = 16, 0
_FAINT_DIGITS = _INK.integers(0, [[11], [8], [6]], size=(3, 64))  # a faint batch: darkest pixels 10, 7, 5 of 16
_RAW_MNIST = _INK.integers(0, 256, size=(2, 784)).astype(np.uint8)  # MNIST: 0..255 in one byte
_GREY_DIGITS = _INK.integers(2, 13, size=(3, 64))  # scanned on grey paper: no pixel blank (2..12 of 16)


def _call_normalise(normalise_pixels, raw, max_ink):
    """Call the learner's function on a copy, turning the classic in-place mistake into its own hint."""
    original = raw.copy()
    crashes = {CAST_IN_PLACE: "The raw pixels are whole numbers, so `raw /= max_ink` cannot store fractions in "
                              "place. Build a new array instead: return raw / max_ink.",
               BROADCAST: f"Your function combined the pixels, shape {raw.shape} (one row per image), with an array "
                          "whose shape does not line up with them (one number per image, say). Dividing by one "
                          "number for every pixel needs no other array: raw / max_ink."}
    result = call_learner(normalise_pixels, raw, max_ink, explain=crashes)
    if not np.array_equal(raw, original):
        raise Hint("Your function changed the raw pixels it was given. Leave the input alone and return a new "
                   "array (raw / max_ink makes one).")
    return as_numbers(result, "what your function returned")


@check("Every pixel is now between 0 and 1, whatever the scale it arrived in, and a faint digit stays faint.")
def normalise_pixels(normalise_pixels):
    """normalise_pixels(raw, max_ink) should return raw / max_ink as floats, same shape."""
    for raw, max_ink in ((_RAW_DIGITS, 16), (_RAW_MNIST, 255), (_FAINT_DIGITS, 16), (_GREY_DIGITS, 16)):
        got = _call_normalise(normalise_pixels, raw.copy(), max_ink)
        expected = raw / max_ink
        require_shape(got, raw.shape, hint="For raw pixels of shape {raw} you returned shape {shape}. Normalising "
                                           "changes the values, not the layout: one output pixel for every input "
                                           "pixel.", raw=raw.shape)
        if close(got, expected):
            continue
        name_the_mistake(got, _normalising_mistakes(raw, max_ink) + _divided_by_another_number(got, raw, max_ink))
        if np.abs(got - expected).max() <= 0.05 + 1e-9:
            raise Hint("Close, but not exact: did you round (or keep the pixels in a small type such as float16)? "
                       "Keep every decimal of raw / max_ink (the network can use the small differences between "
                       "shades).")
        if got.max() > 1:
            raise Hint(f"Some pixels are still above 1 (the largest is {got.max():.3g}). Divide every pixel by "
                       "max_ink.")
        raise Hint("Not quite: a blank pixel (0) should become 0.0 and the darkest possible pixel (max_ink) "
                   "should become 1.0, with everything in between scaled the same way: raw / max_ink.")


def _normalising_mistakes(raw, max_ink):
    """(what the learner returned, the hint) for the usual ways of scaling pixels that are not raw / max_ink."""
    other_scale = 16 if max_ink == 255 else 255
    darkest_per_image = raw.max(axis=1, keepdims=True)
    darkest_per_pixel = raw.max(axis=0)
    spread = raw.std(axis=0)
    with np.errstate(all="ignore"):
        upside_down_division = max_ink / raw
    return [
        (raw // max_ink, "Every pixel came out as exactly 0 or 1: the fractions were thrown away, by integer "
                         "division (//) or by turning the result into whole numbers (int, dtype=int, "
                         ".astype(int)). Use / and keep the result as it comes, in decimals."),
        (np.round(raw / max_ink), "Every pixel came out as exactly 0 or 1: you rounded raw / max_ink to whole "
                                  "numbers, which turns every shade of grey into blank or black. Keep the decimals."),
        (raw / other_scale, f"These pixels run from 0 to {max_ink}, but you divided by {other_scale}. Use max_ink, "
                            "so the darkest possible pixel becomes exactly 1 whatever scale the images arrived in."),
        (raw / (max_ink + 1), f"You divided by max_ink + 1 ({max_ink + 1}): the darkest possible pixel, {max_ink}, "
                              "then comes out a little below 1. There are max_ink + 1 ink levels (0 included), but "
                              "the largest is max_ink: divide by max_ink itself."),
        (raw / max_ink - 0.5, _CENTRED),
        (2 * raw / max_ink - 1, _CENTRED),
        ((raw - raw.min()) / max_ink, "You subtracted the batch's lightest pixel first: on grey paper, where no "
                                      "pixel is blank, the whole batch comes out lighter than the scanner measured "
                                      "it, and how much depends on the other images. Just divide: raw / max_ink."),
        (upside_down_division, "You divided max_ink by the pixels; it is the other way round: raw / max_ink (a "
                               "blank pixel, 0, must become 0, not infinity)."),
        ((raw - raw.mean()) / raw.std(), _STANDARDISED),
        ((raw - raw.mean(axis=0)) / np.where(spread > 0, spread, 1), _STANDARDISED),
        (raw / raw.max(), _by_the_batch(raw, max_ink)),
        ((raw - raw.min()) / (raw.max() - raw.min()), _by_the_batch(raw, max_ink)),
        (raw / np.where(darkest_per_image > 0, darkest_per_image, 1),
         "You divided each image by its own darkest pixel. That is a normalisation people use too (it stretches "
         "every image to full contrast), but not this one: it makes a faintly written digit as dark as a boldly "
         "written one. Divide by max_ink, which keeps the ink as the scanner measured it."),
        (raw / np.where(darkest_per_pixel > 0, darkest_per_pixel, 1),
         "You divided each pixel position by its darkest value in this batch, so a pixel's new value depends on "
         "which other images came with it (and a pale grey that is the darkest at its position becomes full "
         f"black). Divide by the scale's maximum, max_ink ({max_ink}), the same for every image."),
        (1 - raw / max_ink, "You turned the scale upside down: blank pixels became 1 and full ink 0. Keep its "
                            "direction: raw / max_ink, so that 0 stays 0 (blank) and max_ink becomes 1 (full black)."),
        (np.clip(raw, 0, 1), "np.clip cuts every pixel above 1 down to 1, so a pale pixel and a black one both "
                             "become 1. Scale them instead: raw / max_ink keeps every shade of grey."),
    ]


def _divided_by_another_number(got, raw, max_ink):
    """(raw / d, the hint) for the one number d the learner's answer divides every pixel by, if it is one."""
    with np.errstate(all="ignore"):
        divisor = float(np.sum(raw * raw) / np.sum(raw * got))
    if not np.isfinite(divisor) or divisor <= 1 or close(divisor, max_ink) or np.max(got) > 1:
        return []  # (a scale that leaves pixels above 1 gets the hint that says so)
    return [(raw / divisor, f"You divided every pixel by {divisor:.4g}. These pixels run from 0 to {max_ink}: divide "
                            "by max_ink, so that the darkest possible pixel becomes exactly 1.")]


_CENTRED = ("You shifted the scale so that it is centred on 0 (blank pixels became negative). Some networks use "
            "pixels that way, but this exercise asks for 0..1: blank 0.0, full black 1.0, that is raw / max_ink.")
_STANDARDISED = ("You subtracted the mean and divided by the spread: that is the cure for table columns. For pixels, "
                 "divide by the largest possible ink value, so blank stays 0 and full black becomes 1: "
                 "raw / max_ink.")


def _by_the_batch(raw, max_ink):
    return (f"You divided by the darkest pixel in the batch ({raw.max()}), not by the scale's maximum ({max_ink}): "
            "an image would then come out differently depending on which other images arrived with it, and in "
            "this faint batch pale grey becomes full black. Divide by max_ink, the same for every image.")


# ---- a layer is its neurons side by side ------------------------------------------------------------------

_FRIENDS = [  # (weights for distance, tiredness, friends going; bias): four people deciding about the party
    ([-0.2, -0.5, 0.8], 1.0),
    ([-0.6, -0.1, 0.3], 0.5),
    ([0.0, -0.9, 0.4], -1.5),
    ([-0.3, -0.3, 1.2], 2.0),
]
_NOTEBOOK_FRIENDS_W = np.array([[-0.5, -0.1], [-0.4, -0.8], [0.6, 0.3]])  # Alex and Sam, the cell's example
_PIXEL_NEURONS = [(list(np.linspace(-1.0, 1.0, 5) * k), float(k)) for k in (1, -2)]  # 5 inputs, 2 neurons


# the (weights, bias) pairs stacked as they are: numpy cannot make one array of a list and a number
_STACKED_PAIRS = (((RAGGED, SEQUENCE_AS_NUMBER), "Each neuron is a pair (weights, bias), so the list cannot be stacked "
                                                 "as it is. Take the weights out first: np.column_stack([weights for "
                                                 "weights, bias in neurons]), and the biases likewise."),)


@check("W has one column per neuron and b one bias per neuron: the whole layer in two arrays.")
def stack_neurons(stack_neurons):
    """stack_neurons(neurons) should return (W, b): W (n_in, n_neurons) with each neuron's weights as a column."""
    for neurons in (_FRIENDS, _PIXEL_NEURONS):
        expected_W = np.column_stack([w for w, _ in neurons])
        expected_b = np.array([b for _, b in neurons])
        n_in, n_out = expected_W.shape
        result = call_learner(stack_neurons, [(list(w), b) for w, b in neurons], explain=_STACKED_PAIRS)
        if not (isinstance(result, (tuple, list)) and len(result) == 2):
            raise Hint("Return two things, the weights and the biases: `return W, b`.")
        W = as_numbers(result[0], "W")
        b = as_numbers(result[1], "b")
        if W.shape == (n_out,) and b.shape == (n_in, n_out):
            raise Hint("You returned the biases first. Return the weights first, then the biases: `return W, b`.")
        _no_text(result[0], "W")
        _no_text(result[1], "b")
        name_the_mistake(W, [
            (_NOTEBOOK_FRIENDS_W, "That is Alex and Sam, the notebook's `friends`. The check calls your function "
                                  "with other neurons: build W and b from the argument `neurons`, not from the list "
                                  "in the cell."),
            (expected_W.T, f"Your W is transposed: shape {(n_out, n_in)}, one ROW per neuron. In the course every "
                           f"neuron is a COLUMN of W, shape (inputs, neurons) = ({n_in}, {n_out}), so that X @ W "
                           "works. Use np.column_stack(...), or transpose with .T."),
        ])
        if not close(W, expected_W):
            name_the_mistake(W, [(np.trunc(expected_W), _WHOLE_NUMBERS.format(name="W", what="weights"))])
        if W.shape == (n_in + 1, n_out) and (close(W[:n_in], expected_W) or close(W[1:], expected_W)):
            raise Hint(f"Your W has {n_in + 1} rows: the biases came along as an extra row. W holds only the "
                       f"weights, one row per input ({n_in}); the biases go into b.")
        if W.ndim == 1 and W.size == n_in * n_out:
            raise Hint(f"W came out as one long row of {W.size} numbers: np.hstack (or concatenate) puts the "
                       "weight lists end to end. np.column_stack sets them side by side, one column per neuron.")
        if W.shape != (n_in, n_out):
            raise Hint(f"For {n_out} neurons with {n_in} inputs each, W should have shape ({n_in}, {n_out}) "
                       f"(one column per neuron), but yours has shape {W.shape}.")
        if not close(W, expected_W):
            raise Hint("W has the right shape but not the right numbers: column j should hold neuron j's "
                       "weights, in the order they were given.")
        if b.shape in ((1, n_out), (n_out, 1)):
            raise Hint(f"b has shape {b.shape}; make it a plain 1-D array of shape ({n_out},), one bias per "
                       "neuron, so that X @ W + b adds neuron j's bias to column j.")
        if b.shape != (n_out,):
            raise Hint(f"b should hold one bias per neuron, shape ({n_out},), but it has shape {b.shape}.")
        if close(b, np.zeros(n_out)):
            raise Hint("Every bias is 0: you left out the neurons' biases (each neuron's baseline tendency, "
                       "from 02). Collect them into b.")
        if not close(b, expected_b):
            name_the_mistake(b, [(np.trunc(expected_b), _WHOLE_NUMBERS.format(name="b", what="biases"))])
        if not close(b, expected_b):
            raise Hint("W is right, but b is not: entry j should be neuron j's bias, in the order given.")


_WHOLE_NUMBERS = ("Your {name} holds whole numbers: the {what}' decimals were cut off (dtype=int, .astype(int) or "
                  "int(...) do that). Leave the type out, so the {what} keep their decimals.")


def _no_text(value, name):
    """A Hint when the learner's array holds text ('0.5' rather than 0.5): numpy would read it as numbers."""
    if first_text(value) is not None:
        raise Hint(f"{name} holds text (numbers in quotes, such as '0.5'). Write the numbers themselves, "
                   "without quotes.")


# ---- counting parameters ------------------------------------------------------------------------------------

_SIZES = ([64, 32, 10], [784, 128, 10], [2, 2, 1], [3, 4], [64, 32, 16, 10])


def _true_count(sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


@check("Right: every connection has a weight, every neuron after the input layer has a bias.")
def count_parameters(count_parameters):
    """count_parameters(layer_sizes) should return the number of weights plus biases of a fully connected network."""
    answers = []
    for sizes in _SIZES:
        too_far = ("Your loop went one layer too far (IndexError): a network with n layers has n - 1 pairs of "
                   "neighbouring layers. zip(layer_sizes[:-1], layer_sizes[1:]) walks through exactly those pairs.")
        if answers and len(sizes) < 3:
            too_far = (f"Your function worked for three layers but crashed for {sizes} (IndexError): it seems to "
                       "expect exactly three layer sizes. Make it work for any number of layers: loop over the pairs, "
                       "zip(layer_sizes[:-1], layer_sizes[1:]).")
        got = one_number(call_learner(count_parameters, list(sizes), explain={IndexError: too_far}), "your count",
                         "Return one number (the total), but for {sizes} you returned an array of shape {shape}. Add "
                         "the layers' counts up with sum(...).", scalar=True, sizes=sizes, kinds=(
                             (str, "You returned the text {answer!r}. Return the number itself (no quotes, no "
                                   "str(...))."),))
        expected = _true_count(sizes)
        answers.append(got)
        if close(got, expected):
            continue
        if len(answers) > 1 and close(got, answers[0]):
            raise Hint(f"You returned {got:,.0f} for {list(_SIZES[0])} and again for {sizes}: the same count for "
                       "different networks. Is the number typed in? Compute it from layer_sizes, so that it "
                       "works for any network.")
        if len(sizes) > 3 and close(got, _true_count(sizes[:3])):
            raise Hint(f"For {sizes} you counted only the first three layers ({got:,.0f}). Make it work for any "
                       "number of layers: loop over every pair, zip(layer_sizes[:-1], layer_sizes[1:]).")
        weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
        first, last = (sizes[0] * sizes[1] + sizes[1]), (sizes[-2] * sizes[-1] + sizes[-1])
        if len(sizes) > 2:
            name_the_mistake(got, [
                (first, f"For {sizes} you returned {first:,}: only the first pair of layers. Does your loop stop "
                        "early, or is your `return` inside the loop? Add up every pair's count first, and return "
                        "after the loop."),
                (last, f"For {sizes} you returned {last:,}: only the last pair of layers. Did `total = ...` replace "
                       "the count on every turn of the loop? Add to it instead: total = total + ... (or total += "
                       "...)."),
            ])
        both_ends = sum(n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        name_the_mistake(got, [
            (weights + sum(sizes[:-1]), "The biases belong to the neurons that receive the signal: n_out biases "
                                        "per pair of layers, not n_in."),
            (weights, "You counted the weights but forgot the biases: every neuron in a hidden or output layer "
                      "has one bias too."),
            (weights + sum(sizes), "You gave the input layer biases as well. Input neurons just hold the data; "
                                   "only hidden and output neurons have a bias."),
            (weights + len(sizes) - 1, "One bias per neuron, not one per layer: a layer of 32 neurons has 32 "
                                       "biases."),
            (expected + len(sizes) - 1, f"One too many for every pair of layers: {got - expected:,.0f} extra in "
                                        "all. n_out already counts every bias of the receiving layer; there is no "
                                        "+ 1 on top of it."),
            (weights + both_ends, "You gave every pair of layers n_in + n_out biases. Only the neurons that "
                                  "receive the signal have one: n_out biases per pair."),
            (sum(a * a + a for a in sizes), "zip(layer_sizes, layer_sizes) pairs every layer with itself. Pair each "
                                            "layer with the next one: zip(layer_sizes[:-1], layer_sizes[1:])."),
            (sum(sizes), "You counted the neurons (the circles). The parameters live on the connections (the "
                         "lines): n_in * n_out weights between two layers, plus the biases."),
            (weights + sizes[-1], "You counted the output layer's biases but not the hidden layers': every neuron "
                                  "after the input layer has one, so add n_out for every pair of layers."),
            (sum((a + 1) * (b + 1) for a, b in zip(sizes[:-1], sizes[1:])),
             "(n_in + 1) * (n_out + 1) gives the receiving layer an extra neuron too. Each of its n_out neurons has "
             "n_in weights and one bias: (n_in + 1) * n_out, that is n_in * n_out + n_out."),
            (np.prod(sizes), "You multiplied all the sizes together. Each layer only connects to the next one: add "
                             "up n_in * n_out + n_out for each pair of neighbouring layers."),
        ])
        raise Hint(f"For layer sizes {sizes} the count should be {expected:,}, but yours is {got:,.0f}. Between "
                   "each pair of neighbouring layers: n_in * n_out weights plus n_out biases.")


# ---- XOR by hand --------------------------------------------------------------------------------------------

_XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
_XOR_Y = np.array([0, 1, 1, 0])
_HIDDEN = {"relu": _relu, "sigmoid": _sigmoid}


def _xor_parameters(W1, b1, W2, b2):
    arrays = []
    for name, value, shape in (("W1", W1, (2, 2)), ("b1", b1, (2,)), ("W2", W2, (2, 1)), ("b2", b2, (1,))):
        given = value
        value = as_numbers(value, name)
        _no_text(given, name)
        if value.size == np.prod(shape) and value.shape != shape and name in ("W2", "b2"):
            hint = (" The single output neuron is one column: W2 = np.array([[w_or], [w_and]])." if name == "W2"
                    else " One bias for the one output neuron, in an array: b2 = np.array([-3.0]).")
            raise Hint(f"{name} should have shape {shape} but has shape {value.shape}.{hint}")
        if value.shape != shape:
            raise Hint(f"{name} should have shape {shape} but has shape {value.shape}. Keep the shapes of the "
                       "cell: W1 is (2 inputs, 2 hidden neurons), b1 has 2 biases, W2 is (2 hidden, 1 output).")
        if not np.all(np.isfinite(value)):
            raise Hint(f"{name} contains NaN or infinity; use ordinary numbers.")
        arrays.append(value)
    return arrays


@check("All four corners right: two hidden neurons drew two lines, and the output neuron combined them.")
def xor_network(W1, b1, W2, b2, activation="relu"):
    """The 2-2-1 network (hidden `activation`, sigmoid output) must put every XOR corner on the right side."""
    W1, b1, W2, b2 = _xor_parameters(W1, b1, W2, b2)
    if not np.any(W1) and not np.any(W2):
        raise Hint("Every weight is still 0, so the network says 0.50 for every corner: it cannot make up "
                   "its mind. Fill in the weights (the text above has one recipe).", returned_nothing=True)
    wrong, p, H = _xor_wrong(W1, b1, W2, b2, activation)
    if not wrong:
        return
    if len(wrong) == 4:
        raise Hint("0 of 4 corners right: every answer is the opposite of XOR, so your network computes \"not "
                   "XOR\". Flip the signs of the output neuron's weights and bias (W2 and b2).")
    if not np.any(W1):
        raise Hint("W1 is still all 0, so the hidden neurons never look at the inputs: they say the same at every "
                   "corner. Give each hidden neuron its weights for x1 and x2 (column 1 of W1: h1's, column 2: h2's).")
    if not np.any(W2):
        raise Hint("W2 is still all 0, so the output neuron ignores the hidden neurons and says the same at every "
                   "corner. Give it a weight for h1 and one for h2 (the recipe: 6 and -10).")
    one_slip = (  # (the network with one slip undone, what the slip was): the first that solves XOR names it
        ((W1.T, b1, W2, b2), "Your W1 is transposed: you wrote each hidden neuron's weights as a ROW. In the course "
                             "every neuron is a COLUMN of W1 (rows are the inputs x1, x2), so that X @ W1 works. Swap "
                             "rows and columns (W1.T), and the network solves XOR."),
        ((W1, -b1, W2, b2), "The hidden biases b1 have the wrong sign. A hidden neuron should stay off until enough "
                            "inputs are on, so its bias is negative (the recipe's -1 and -6): flip the signs in b1, "
                            "and the network solves XOR."),
        ((W1, b1, W2, -b2), "The output's bias b2 has the wrong sign: at (0, 0), where only the biases speak, the "
                            "network should say no, so b2 is negative (the recipe's -3). Flip its sign, and the "
                            "network solves XOR."),
        ((W1, b1, W2[::-1], b2), "W2's two weights are in the other order than your hidden neurons: row k of W2 is "
                                 "the weight from hidden neuron k (column k of W1, entry k of b1). Swap W2's rows, "
                                 "and the network solves XOR."),
    )
    for undone, slip in one_slip:
        if not _xor_wrong(*undone, activation)[0]:
            raise Hint(slip)
    silent = [k for k in range(2) if np.all(np.abs(H[:, k]) < 1e-9)]
    if silent and activation == "relu":
        k = silent[0]
        raise Hint(f"Hidden neuron {k + 1} outputs 0 at all four corners: its z is never positive, so its ReLU "
                   f"never lets anything through. Give it weights or a bias that make z positive on the corners "
                   f"it should detect (column {k + 1} of W1, entry {k + 1} of b1).")
    if np.linalg.matrix_rank(np.column_stack([H, np.ones(4)]), tol=1e-9) <= 2:
        bias_words = " Did you leave b1 at 0?" if not np.any(b1) else ""
        raise Hint("Your two hidden neurons tell the output neuron the same thing (their outputs rise and fall "
                   "together at every corner), so it has only one line to work with, and one line cannot "
                   f"separate XOR (03).{bias_words} Make them different: one neuron for OR, one for AND, with "
                   "different biases.")
    z_origin = float((_HIDDEN[activation](b1) @ W2 + b2)[0])
    if 0 in wrong and abs(z_origin) < 1e-9:
        raise Hint("At the corner (0, 0) the network says exactly 0.50: with both inputs 0 only the biases speak, "
                   "and they add up to 0 there. Give the output neuron a negative bias (the recipe's "
                   "pessimistic -3).")
    if wrong == [3]:
        z = float((H[3] @ W2 + b2)[0])
        raise Hint(f"3 of 4 corners right, but at (1, 1) the network says {p[3]:.2f} instead of 0: there the "
                   f"hidden neurons say h1 = {H[3, 0]:.2f}, h2 = {H[3, 1]:.2f}, and the output's z is {z:.2f}, above "
                   "0. The neuron that fires only when both inputs are on (AND) must pull the output down harder than "
                   "the other pushes it up: give it a more negative weight in W2 (the recipe uses 6 and -10).")
    corners = "; ".join(f"({_XOR_X[i, 0]:.0f}, {_XOR_X[i, 1]:.0f}) should be {_XOR_Y[i]} but the network "
                        f"says {p[i]:.2f}" for i in wrong)
    raise Hint(f"{4 - len(wrong)} of 4 corners right. {corners}. Look at the hidden outputs for those corners "
               f"(rows: corners, columns: neurons):\n{np.array2string(H, precision=2, suppress_small=True)}")


def _xor_wrong(W1, b1, W2, b2, activation):
    """The corners the network gets wrong (a corner with |z| < 1e-9 sits on the line: wrong), p and H."""
    with np.errstate(all="ignore"):
        H = _HIDDEN[activation](_XOR_X @ W1 + b1)
        z = (H @ W2 + b2)[:, 0]
    wrong = [i for i in range(4) if abs(z[i]) < 1e-9 or (z[i] > 0) != bool(_XOR_Y[i])]
    return wrong, _sigmoid(z), H
