"""Checks for the feature exercises of 05_layers (the feature factory, curves from hinges) and 07_backprop
(circles from squared features, with no hidden layer).

    from nnlib.checks import features as check_features
    check_features.feature_factory(factory, second_layer_neuron, first_layer_neurons)
    check_features.hinges(my_hinges)
    check_features.circles_from_features(circle_features, hidden_layers)
"""

import itertools
import numbers
import re

import numpy as np

from ..experiments import GOAL, TARGETS, error_text, largest_error
from ..features import FEATURES, feature_columns
from ..state.hinges import STARTS
from ._answers import name_the_case, name_the_kind, not_iterable, require_filled
from ._feedback import Hint, check

# ---- the feature factory (05) ------------------------------------------------------------------------------
OVERLAP = 0.8  # the share of the two regions in common (shared area / combined area) that counts as "is"
FEWEST_HINGES = 5  # the fewest hinges the course found within GOAL of the bump (5 hinges: 0.048)
ENOUGH_HINGES = FEWEST_HINGES + 1


def _neuron_number(value, what, n):
    require_filled(value, what)
    if isinstance(value, str):
        example = value.strip() if value.strip().isdigit() else "1"
        raise Hint(f"{what} is the text {value!r}; it should be a number from 1 to {n}, written without quotes, "
                   f"such as {example}.")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        example = (f"{int(value)}" if isinstance(value, numbers.Real) and not isinstance(value, bool)
                   and float(value).is_integer() else "2")
        raise Hint(f"{what} should be one whole number, a neuron's number as the widget shows it (1 to {n}), "
                   f"written without a decimal point, such as {example}; but it is {value!r}.")
    if not 1 <= value <= n:
        extra = " Neurons are counted from 1, as in the widget's 'look at' menu." if value == 0 else ""
        raise Hint(f"{what} is {value}, but that layer has neurons 1 to {n}.{extra}")
    return int(value)


def _regions(factory):
    """Where each first-layer neuron is high (z > 0: orange in its thumbnail) and where each second-layer neuron
    is, over the playground's plane: (H (P, n1) bool, R (P, n2) bool)."""
    model = getattr(factory, "model", factory)
    if not (hasattr(model, "pre_activations") and hasattr(factory, "inputs") and hasattr(factory, "grid")) or len(
            model.layer_sizes) < 4:
        raise Hint("Pass the feature factory itself (the playground with two hidden layers), as the check cell "
                   "does.")
    inputs = factory.inputs(factory.grid)
    with np.errstate(all="ignore"):
        first, second = model.pre_activations(inputs)[:2]
    return first > 1e-9, second > 1e-9


def _best_sides(H, region, chosen):
    """The high/low side of each chosen first-layer neuron whose intersection best matches region:
    (overlap, sides) with sides[k] True for the high (orange) side."""
    best = (-1.0, None)
    for sides in itertools.product((True, False), repeat=len(chosen)):
        inside = np.all([H[:, i] if high else ~H[:, i] for i, high in zip(chosen, sides)], axis=0)
        overlap = np.count_nonzero(inside & region) / max(np.count_nonzero(inside | region), 1)
        if overlap > best[0]:
            best = (overlap, sides)
    return best


def _best_overlap(H, region):
    """The best overlap with any intersection of two or more first-layer half-planes, and its neurons."""
    n = H.shape[1]
    choices = [c for k in range(2, n + 1) for c in itertools.combinations(range(n), k)]
    scored = [(_best_sides(H, region, list(c))[0], c) for c in choices]
    return max(scored)


@check("Right: that second-layer neuron builds its region from first-layer half-planes, a feature made of features.",
       number=6)
def feature_factory(factory, second_layer_neuron, first_layer_neurons):
    H, R = _regions(factory)
    n1, n2 = H.shape[1], R.shape[1]
    j = _neuron_number(second_layer_neuron, "second_layer_neuron", n2) - 1
    require_filled(first_layer_neurons, "first_layer_neurons", "list the first-layer neurons, e.g. [1, 3]")
    name_the_kind(first_layer_neurons, (
        (str, "first_layer_neurons is the text {answer!r}; it should be a list of numbers, in square brackets and "
              "without quotes, such as [1, 3]."),
        (numbers.Integral, "first_layer_neurons is the single number {answer}, but an intersection needs at least two "
                           "half-planes: give a list such as [1, 3]."),
    ))
    try:
        chosen = [_neuron_number(i, "each of first_layer_neurons", n1) for i in first_layer_neurons]
    except TypeError:
        raise Hint("first_layer_neurons should be a list of neuron numbers, such as [1, 3].") from None
    if len(set(chosen)) != len(chosen):
        raise Hint(f"first_layer_neurons names a neuron twice ({chosen}): list each one once.")
    if len(chosen) < 2:
        raise Hint("An intersection needs at least two half-planes: name two or more first-layer neurons.")
    region = R[:, j]
    share = region.mean()
    name_the_case((
        (share < 0.02, f"Neuron {j + 1} of layer 2 is orange almost nowhere on the plane, so it has no region to "
                       "explain. Pick another second-layer neuron."),
        (share > 0.98, f"Neuron {j + 1} of layer 2 is orange almost everywhere, so its region is the whole plane, not "
                       "an intersection. Pick another second-layer neuron."),
    ))
    chosen0 = [i - 1 for i in chosen]
    overlap, sides = _best_sides(H, region, chosen0)
    if overlap >= OVERLAP:
        return
    shifted = [i for i in chosen0 if i + 1 < n1]
    if j + 1 < n2 and len(shifted) == len(chosen0):  # the same answer counted from 0?
        if _best_sides(H, R[:, j + 1], [i + 1 for i in chosen0])[0] >= OVERLAP:
            raise Hint("Count the neurons from 1, as the widget's 'look at' menu does: your numbers are each one "
                       "too small.")
    best, best_choice = _best_overlap(H, region)
    if best < OVERLAP:
        raise Hint(f"Neuron {j + 1} of layer 2 is not close to any intersection of first-layer half-planes (the "
                   f"best overlap is {best:.0%}). Its region bends in its own way: pick another second-layer neuron.")
    for i in chosen0:
        inside_high = np.count_nonzero(region & H[:, i]) / np.count_nonzero(region)
        if 0.15 < inside_high < 0.85:
            raise Hint(f"Neuron {j + 1} of layer 2 is orange on both sides of first-layer neuron {i + 1}'s line "
                       f"({inside_high:.0%} of its region on the orange side), so that line does not bound it.")
    raise Hint(f"The intersection of those half-planes overlaps neuron {j + 1}'s region only {overlap:.0%}: one "
               "half-plane that cuts it is missing. Which other first-layer line runs along its edge?")


def describe_feature(factory, second_layer_neuron, first_layer_neurons):
    """In words, how the named first-layer half-planes make the second-layer neuron's region (for the notebook)."""
    H, R = _regions(factory)
    chosen0 = [i - 1 for i in first_layer_neurons]
    overlap, sides = _best_sides(H, R[:, second_layer_neuron - 1], chosen0)
    parts = [f"neuron {i + 1} is {'orange' if high else 'blue'}" for i, high in zip(chosen0, sides)]
    return (f"layer 2, neuron {second_layer_neuron} is orange where in layer 1 {' and '.join(parts)}: "
            f"the two regions overlap {overlap:.0%}")


# ---- curves from hinges (05) ------------------------------------------------------------------------------
_NOT_HINGES = (
    (lambda units: isinstance(units, tuple) and len(units) == 2 and all(isinstance(v, numbers.Real) for v in units),
     "my_hinges is one pair (position, slope); it should be a list of pairs, one per hinge: {pairs}."),
    (str, "my_hinges is the text {answer!r}; write it without quotes, as a list of (position, slope) pairs: {pairs}."),
    (dict, "my_hinges is a dict; write it as a list of (position, slope) pairs: {pairs}."),
    (not_iterable, "my_hinges should be a list of (position, slope) pairs, but it is {type}."),
)


def _pairs(units):
    require_filled(units, "my_hinges")
    name_the_kind(units, _NOT_HINGES, pairs="[(position, slope), (position, slope), ...]")
    items = list(units)
    if not items:
        raise Hint("my_hinges is an empty list: with no hinge the sum is 0 everywhere. Add (position, slope) pairs.")
    if all(isinstance(v, numbers.Real) for v in items):
        raise Hint("my_hinges is a flat list of numbers; write each hinge as a pair: [(position, slope), ...].")
    if len(items) == 2 and all(isinstance(v, (list, tuple, np.ndarray)) and len(v) > 2
                               and all(isinstance(x, numbers.Real) for x in v) for v in items):
        raise Hint("my_hinges holds two lists, the positions and then the slopes, but each hinge should be one "
                   "(position, slope) pair: pair them up with list(zip(positions, slopes)).")
    pairs = []
    for item in items:
        if isinstance(item, str) or (isinstance(item, (tuple, list)) and any(isinstance(v, str) for v in item)):
            raise Hint(f"One hinge is {item!r}, with text in it: write the position and slope as numbers, "
                       "without quotes, such as (-2.0, 0.5).")
        try:
            position, slope = item
            pairs.append((float(position), float(slope)))
        except (TypeError, ValueError):
            raise Hint(f"Each hinge should be a pair (position, slope) of numbers, but one is {item!r}.") from None
    if not np.all(np.isfinite(pairs)):
        raise Hint("A position or slope is NaN or infinite: use ordinary numbers.")
    return pairs


@check(f"Within {GOAL} of the bump everywhere on its region: a one-hidden-layer ReLU network, built by hand.",
       number=5)
def hinges(my_hinges, target="bump"):
    pairs = _pairs(my_hinges)
    untouched = pairs == [tuple(map(float, unit)) for unit in STARTS.get(target, [])]  # the exercise cell as shipped
    error, where = largest_error(pairs, target)
    _, low, high, _ = TARGETS[target]
    n = len(pairs)
    if error <= GOAL:
        if n > ENOUGH_HINGES:
            raise Hint(f"Within {GOAL} (largest error {error_text(error)}), but with {n} hinges; {FEWEST_HINGES} "
                       "are enough. Which ones could go if you moved the others?")
        return
    swapped = [(slope, position) for position, slope in pairs]
    if largest_error(swapped, target)[0] <= GOAL:
        raise Hint("Your pairs read as (slope, position): each hinge should be written (position, slope).")
    flipped = [(position, -slope) for position, slope in pairs]
    if largest_error(flipped, target)[0] <= GOAL:
        raise Hint("Every slope has the wrong sign: your sum is the bump upside down. A positive slope makes a "
                   "hinge rise after its bend, a negative one makes it fall.")
    if abs(sum(slope for _, slope in pairs)) > 0.3 and where > high - 0.5:
        raise Hint(f"The largest error, {error_text(error)}, is at the right end (x = {where:.2f}): after the last "
                   "hinge the sum carries on in a straight line whose slope is all the slopes added up "
                   f"({sum(s for _, s in pairs):.2f}). For the bump to end flat, they must add up to about 0.",
                   returned_nothing=untouched)
    if all(not low <= position <= high for position, _ in pairs):
        raise Hint(f"Every hinge bends outside the region ({low:g} to {high:g}), so inside it the sum is one "
                   "straight line. Put the positions where the curve bends.")
    if n > ENOUGH_HINGES:
        raise Hint(f"{n} hinges is too many: the check accepts at most {ENOUGH_HINGES} (the fewest we found is "
                   f"{FEWEST_HINGES}), and yours are still {error_text(error)} away from the bump at x = "
                   f"{where:.2f}, above the goal of {GOAL}. Start again from fewer, one where the curve starts to "
                   "rise, one where it stops, one where it turns down...")
    more = ", or add a hinge" if n < ENOUGH_HINGES else f" (you have {n} hinges, as many as the check accepts)"
    raise Hint(f"Largest error {error_text(error)} at x = {where:.2f}, above the goal of {GOAL} or less "
               f"everywhere: move a hinge near there, or change a slope{more}.")


# ---- circles from features, no hidden layer (07) ----------------------------------------------------------
def _trained_on_circles(features, hidden):
    """A network with these features and hidden layers trained on the playground's circles as the widget trains
    it (seed 0, 30% held out, learning rate 0.3, batch 16, 200 epochs). Returns (network, test accuracy)."""
    from sklearn.model_selection import train_test_split

    from ..datasets import toy_2d
    from ..network import MLP

    X, y = toy_2d("circles", n_samples=200, seed=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    net = MLP([len(features), *hidden, 1], activation="tanh", seed=0)
    with np.errstate(all="ignore"):
        net.fit(feature_columns(X_train, features), y_train, epochs=200, lr=0.3, batch_size=16)
        return net, net.accuracy(feature_columns(X_test, features), y_test)


@check("Circles with no hidden layer: with w1 and w2 of one sign and b of the other, w1 x1^2 + w2 x2^2 + b = 0 is an "
       "ellipse around the centre, so one neuron can draw it.", notebook="07_backprop", number=5)
def circles_from_features(circle_features, hidden_layers):
    require_filled(circle_features, "circle_features")
    if isinstance(circle_features, str):
        text = circle_features.strip()
        if text[:1] in ("(", "[") and text[-1:] in (")", "]"):  # the whole tuple written inside quotes
            text = text[1:-1]
        names = tuple(name.strip("'\"") for name in re.split(r"[\s,]+", text) if name.strip("'\""))
        if len(names) > 1:
            raise Hint(f"circle_features is one string, {circle_features!r}; write each feature name as a string of "
                       f"its own, in a tuple: {names!r}.")
        if circle_features in FEATURES:
            raise Hint(f"circle_features is the single string {circle_features!r}; it should be a tuple of feature "
                       f"names, such as ({circle_features!r}, 'x2'). A one-feature tuple needs a comma: "
                       f"({circle_features!r},).")
        raise Hint(f"circle_features is the text {circle_features!r}; it should be a tuple of the playground's "
                   f"feature names ({', '.join(FEATURES)}), such as ('x1', 'x2').")
    if not_iterable(circle_features):
        raise Hint(f"circle_features should be a tuple of feature names, but it is {circle_features!r}.")
    chosen = list(circle_features)
    unknown = [name for name in chosen if name not in FEATURES]
    if unknown:
        raise Hint(f"{unknown[0]!r} is not one of the playground's features: {', '.join(FEATURES)}.")
    if not chosen:
        raise Hint("circle_features is empty: the network needs at least one input.")
    if hidden_layers is None:
        raise Hint("hidden_layers is None, which here means not filled in yet. It holds the sizes of the hidden "
                   "layers, one number per layer, so no hidden layer at all is the empty tuple ().",
                   returned_nothing=True)
    require_filled(hidden_layers, "hidden_layers", "set it to the hidden layer sizes (the exercise wants none)")
    if isinstance(hidden_layers, str):
        raise Hint(f"hidden_layers is the text {hidden_layers!r}, but it holds the sizes of the hidden layers, one "
                   "number per layer, so no hidden layer at all is the empty tuple (), written without quotes.")
    if (isinstance(hidden_layers, numbers.Integral) and hidden_layers == 0) or (
            isinstance(hidden_layers, (tuple, list)) and len(hidden_layers) > 0
            and all(isinstance(n, numbers.Integral) and n == 0 for n in hidden_layers)):
        raise Hint(f"hidden_layers is {hidden_layers!r}, but it holds the sizes of the hidden layers, one number "
                   "per layer, so no hidden layer at all is the empty tuple ().")
    if isinstance(hidden_layers, numbers.Integral) or (
            hasattr(hidden_layers, "__len__") and len(hidden_layers) > 0):
        raise Hint(f"hidden_layers should be (), no hidden layer at all, but it is {hidden_layers!r}. With hidden "
                   "layers the network could bend lines itself; the exercise is to let the features do it.")
    if not isinstance(hidden_layers, (tuple, list)):
        raise Hint(f"hidden_layers should be a tuple of layer sizes, one number per hidden layer, but it is "
                   f"{hidden_layers!r} ({type(hidden_layers).__name__}). No hidden layer at all is the empty tuple ().")
    features = tuple(name for name in FEATURES if name in chosen)
    squares = {"x1^2", "x2^2"} & set(features)
    if not squares and not {"x1*x2", "sin(x1)", "sin(x2)"} & set(features):
        raise Hint("With only x1 and x2 and no hidden layer, the boundary w1 x1 + w2 x2 + b = 0 is one straight "
                   "line, and no straight line puts a ring around the inner circle.")
    if len(squares) == 1:
        other = ({"x1^2", "x2^2"} - squares).pop()
        raise Hint(f"With {squares.pop()} but not {other}, the boundary cannot close around the centre: nothing "
                   f"in it grows like {other}, so it stays open (with {'x1^2'} alone, two parallel lines). A circle "
                   f"needs both squares, {'x1^2'} and {'x2^2'}.")
    net, accuracy = _trained_on_circles(features, ())
    if accuracy < 0.95:
        raise Hint(f"Trained on these features the network gets {accuracy:.0%} of the test points right. Which "
                   "two features make w1 f1 + w2 f2 + b = 0 a circle around the origin?")
