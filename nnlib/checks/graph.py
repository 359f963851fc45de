"""Checks for the exercises of 09_backprop_graph: the backward of + and *, += where a node is used twice, the
topological order, and the XOR network's gradients built from Values (refereed by MLP.gradients).

    from nnlib.checks import graph as check
    check.add_mul_backward(add_backward, mul_backward)
"""

import contextlib
import io
import numbers

import numpy as np

from ..autograd import Value
from ..datasets import logic_gate
from ..gradients import relative_error
from ..network import MLP
from ._feedback import Hint, check, close, crash_in_words, crash_kind, is_stub, name_the_mistake, run_learner


def _run_backward(function, what, a, b, out):
    """Call the learner's backward step (it adds into .grad and returns nothing); a crash or a returned answer
    becomes a Hint."""
    if not callable(function):
        raise Hint(f"Expected {what} to be a function, but got {type(function).__name__}. Did you call it "
                   "(added brackets) instead of passing its name?")

    def explain(error):
        if isinstance(error, ZeroDivisionError):
            return (f"Your {what} divided by an input that is 0 here: in a * b the local slope for a is simply "
                    "b.data (and for b, a.data), with no division.")
        if crash_kind(error) is None:
            return f"Your {what} raised {type(error).__name__}: {error}"
        return f"In {what}: {crash_in_words(error)}"

    before, data = (a.grad, b.grad), (a.data, b.data)
    result, printed = run_learner(function, a, b, out, explain=explain)
    if (a.data, b.data) != data:
        raise Hint(f"Your {what} changed a.data or b.data, the inputs' values. Backprop leaves the values alone "
                   "and adds the blame into a.grad and b.grad.")
    for name, node in (("a", a), ("b", b)):
        if isinstance(node.grad, Value):
            raise Hint(f"Your {what} put a Value into {name}.grad, which should hold a plain number: use the "
                       "inputs' numbers, as in b.data * out.grad, not b * out.grad.")
        if not isinstance(node.grad, numbers.Real):
            raise Hint(f"Your {what} put a {type(node.grad).__name__} into {name}.grad, which should hold a plain "
                       "number, as in a.grad += 1.0 * out.grad.")
    if (a.grad, b.grad) == before:  # (nothing was computed here: unchanged means untouched)
        if printed:
            raise Hint(f"Your {what} printed the shares instead of adding them into the inputs: a.grad += ... "
                       "and b.grad += ... (nothing needs printing or returning).")
        if result is not None and not is_stub(result):
            raise Hint(f"Your {what} returned its answer, but backward steps do not return anything: they add "
                       "into the inputs' .grad, as in a.grad += ... and b.grad += ... (backward() ignores return "
                       "values).")
        if "grad" not in getattr(getattr(function, "__code__", None), "co_names", ("grad",)):
            raise Hint(f"Your {what} does nothing yet: a.grad and b.grad are unchanged. Give each input its "
                       "share: a.grad += (a's local slope) * out.grad.")
        raise Hint(f"Your {what} left a.grad and b.grad at 0. The inputs' grads start at 0, so build each share "
                   "from what is known: the local slope (from the inputs' .data) times out.grad.")


# ---- exercise 1: the backward of + and * ----------------------------------------------------------------------

def _one_step(function, what, a0, b0, g, kind):
    a, b = Value(a0), Value(b0)
    out = Value(a0 + b0 if kind == "+" else a0 * b0)
    out.grad = g
    _run_backward(function, what, a, b, out)
    return a, b, out


@check("Each input got out.grad times its local slope: 1 for +, the other input for *. That is one node's chain "
       "rule.")
def add_mul_backward(add_backward, mul_backward):
    """add_backward(a, b, out) for out = a + b and mul_backward(a, b, out) for out = a * b, each node used once."""
    for a0, b0, g in ((2.5, -3.0, 0.7), (-1.5, 4.0, -2.0)):  # (2.5, not 2: a.grad = 2 * out.grad is another mistake)
        a, b, out = _one_step(add_backward, "add_backward", a0, b0, g, "+")
        if close(a.grad, g) and close(b.grad, g):
            continue
        if close(a.grad, 1.0) and close(b.grad, 1.0):
            raise Hint("add_backward: the slope of a + b is 1 for each input, but that is only the local slope. "
                       "Multiply by the blame arriving from above: a.grad += 1 * out.grad.")
        if close(a.grad, out.data) or close(b.grad, out.data):
            raise Hint("add_backward used out.data (the value) where it needs out.grad (the blame arriving from "
                       "the output).")
        if close(a.grad, g) and close(b.grad, 0):
            raise Hint("add_backward gave a its share but not b: both inputs of + get out.grad.")
        if close(a.grad, a0 * g) or close(b.grad, b0 * g):
            raise Hint("add_backward multiplied by an input's value, as for *. For a + b, nudging a by 1 moves "
                       "the sum by 1: each input simply gets out.grad.")
        raise Hint(f"add_backward: for out = a + b with out.grad = {g}, both a.grad and b.grad should be {g}, but "
                   f"you gave {a.grad:g} and {b.grad:g}.")
    for a0, b0, g in ((2.0, -3.0, 0.7), (-1.5, 4.0, -2.0), (0.0, 2.5, 1.3)):
        a, b, out = _one_step(mul_backward, "mul_backward", a0, b0, g, "*")
        if close(a.grad, b0 * g) and close(b.grad, a0 * g):
            continue
        if close(a.grad, a0 * g) and close(b.grad, b0 * g):
            raise Hint("mul_backward swapped the slopes. For out = a * b, nudging a moves out by b times as "
                       "much, so a.grad += b.data * out.grad (and b gets a.data).")
        if close(a.grad, b0) and close(b.grad, a0):
            raise Hint("mul_backward has the local slopes right (b for a, a for b) but forgot the chain rule's "
                       "other factor: multiply by out.grad, the blame arriving from the output.")
        if close(a.grad, g) and close(b.grad, g):
            raise Hint("mul_backward passed out.grad straight through, as + does. For a * b each input's slope "
                       "is the other input: a.grad += b.data * out.grad.")
        if close(a.grad, b0 * out.data) or close(b.grad, a0 * out.data):
            raise Hint("mul_backward used out.data (the value) where it needs out.grad (the blame arriving from "
                       "the output).")
        if close(a.grad, b0 * g) and close(b.grad, 0):
            raise Hint("mul_backward gave a its share but not b: b.grad += a.data * out.grad.")
        raise Hint(f"mul_backward: for out = a * b with a = {a0}, b = {b0} and out.grad = {g}, a.grad should be "
                   f"{b0 * g:g} and b.grad {a0 * g:g}, but you gave {a.grad:g} and {b.grad:g}.")


# ---- exercise 2: a node used twice ----------------------------------------------------------------------------

@check("Blame from every path adds up: with +=, a node used twice (or fed by two results) gets the sum.")
def used_twice(add_backward, mul_backward):
    """The same two functions, now where an input is used twice or already holds blame from another path."""
    add_mul_backward.__wrapped__(add_backward, mul_backward)  # first, each must still be right for a node used once
    a, a_again, x = Value(3.0), Value(3.0), Value(2.0)
    x.grad = 1.0  # blame x already received from another path (as in f = x * y + x)
    # (function, its name, its two inputs, out's value and grad, what `=` instead of `+=` leaves in the first input
    # and the hint for it, the right grad and the hint for any other)
    cases = (
        (add_backward, "add_backward", (a, a), 6.0, 1.0,
         1.0, "For b = a + a your add_backward gives a.grad = 1, but b moves 2 for each 1 that a moves. The second "
              "line overwrote the first: use a.grad += ..., not a.grad = ...",
         2.0, "For b = a + a (with b.grad = 1), a.grad should be 2, but your add_backward gave {:g}."),
        (mul_backward, "mul_backward", (a_again, a_again), 9.0, 0.5,
         1.5, "For b = a * a your mul_backward gives a.grad = a * b.grad, half the slope 2a: the second line "
              "overwrote the first. Use += in both lines.",
         3.0, "For b = a * a at a = 3 (with b.grad = 0.5), a.grad should be 2 * 3 * 0.5 = 3, but your mul_backward "
              "gave {:g}."),
        (mul_backward, "mul_backward", (x, Value(3.0)), 6.0, 1.0,
         3.0, "x already held blame 1 from another path, and your mul_backward replaced it by 3 instead of adding: "
              "use x.grad += ..., so f = x * y + x gets df/dx = 3 + 1 = 4.",
         4.0, "x held blame 1 from another path and gets 3 more from x * y, so x.grad should end at 4, but your "
              "mul_backward left {:g}."),
    )
    for function, what, (first, second), value, grad, overwritten, overwrote, right, otherwise in cases:
        out = Value(value)
        out.grad = grad
        _run_backward(function, what, first, second, out)
        if close(first.grad, overwritten):
            raise Hint(overwrote)
        if not close(first.grad, right):
            raise Hint(otherwise.format(first.grad))


# ---- exercise 3: the topological order ------------------------------------------------------------------------

def _graphs():
    x, y = Value(2.0, label="x"), Value(3.0, label="y")
    yield "f = x * y + x", x * y + x
    w, x, b = Value(0.5, label="w"), Value(2.0, label="x"), Value(-0.5, label="b")
    yield "07's neuron", ((w * x + b).sigmoid() - 1.0) ** 2
    a = Value(1.5, label="a")
    u = a.tanh()
    v = u * a
    yield "a diamond, (tanh(a) * a) + tanh(a) ** 2", v + u ** 2
    x, y = Value(0.5, label="x"), Value(-1.0, label="y")
    yield "x + tanh(x * y)", x + (x * y).tanh()  # x feeds the output directly and from deep down


def _all_nodes(root):
    seen, stack, nodes = set(), [root], []
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            nodes.append(node)
            stack.extend(node.inputs)
    return nodes


def _before_inputs(order):
    """The first node in order that comes before one of its inputs, or None."""
    position = {id(v): k for k, v in enumerate(order)}
    for k, v in enumerate(order):
        if any(position.get(id(i), -1) > k for i in v.inputs):
            return v
    return None


@check("Every node comes after all of its inputs, and the output comes last: walked backwards, each node has all "
       "of its blame before it passes any on.")
def topological_sort(topological_order):
    """topological_order(root) -> a list of every Value root depends on, and root, each after its inputs."""
    def explain(error):
        if isinstance(error, RecursionError):
            return ("Your function never stops: it recurses forever. Mark each node as visited before you visit "
                    "its inputs, and skip nodes already visited.")
        return None

    for name, root in _graphs():
        order, printed = run_learner(topological_order, root, explain=explain)
        with contextlib.redirect_stdout(io.StringIO()):  # (its prints were shown once already)
            again, _ = run_learner(topological_order, root, explain=explain)
        if is_stub(order):
            if printed:
                raise Hint("Your function prints the order instead of returning it: end with `return order`.")
            raise Hint("Your function returns nothing yet. Build the list and `return order`.")
        if isinstance(again, (list, tuple)) and len(again) != len(order):
            raise Hint(f"For {name}, a second call gave {len(again)} nodes instead of {len(order)}: your function "
                       "remembers the nodes of an earlier call. Make `order` and `visited` fresh inside it.")
        if isinstance(order, Value):
            raise Hint("You returned a single Value. Return a list of every node: `order = []`, append each "
                       "node to it, then `return order`.")
        if not isinstance(order, (list, tuple)) or not all(isinstance(v, Value) for v in order):
            raise Hint(f"Return a list of the Values themselves, but you returned {type(order).__name__}"
                       f"{'' if not isinstance(order, (list, tuple)) else ' holding other things'}.")
        everything = _all_nodes(root)
        ids = [id(v) for v in order]
        if len(ids) != len(set(ids)):
            raise Hint(f"For {name}, some node appears twice in your list: a node used twice is reached twice. Keep a "
                       "set of the nodes already visited and skip them the second time.")
        if len(order) < len(everything):
            if len(order) == 1 + len(root.inputs):
                raise Hint(f"For {name}, your list holds only the output and its direct inputs. Visit the inputs' "
                           "inputs too, all the way down: call your function's search on each input (recursion).")
            raise Hint(f"For {name}, the graph has {len(everything)} nodes but your list has {len(order)}: "
                       "some were left out. Visit every input of every node.")
        if order[-1] is not root and order[0] is root and _before_inputs(list(reversed(order))) is None:
            raise Hint("Your list is reversed: the output comes first. Put each node after its inputs (append it "
                       "once all of its inputs are in), so the output ends up last; backward() walks it reversed.")
        wrong = _before_inputs(order)
        if wrong is not None:
            raise Hint(f"For {name}, a node ({wrong.label or wrong.op}) comes before one of its own inputs. Append "
                       "a node only after visiting all of its inputs (after the loop over node.inputs).")
        if order[-1] is not root:
            raise Hint("The output should come last in the list.")


# ---- exercise 4: the XOR network, from Values -----------------------------------------------------------------

_W1 = np.array([[1.2, -0.7], [0.9, 1.1]])
_B1 = np.array([-0.4, 0.3])
_W2 = np.array([[1.5], [-1.3]])
_B2 = np.array([0.2])


def _model():
    model = MLP([2, 2, 1], activation="tanh")
    model.weights = [_W1.copy(), _W2.copy()]
    model.biases = [_B1.copy(), _B2.copy()]
    return model


def _variant_loss(X, y, hidden=np.tanh, W1=_W1, b1=_B1, b2=_B2, reduce=np.mean, kind="bce"):
    p = 1 / (1 + np.exp(-(hidden(X @ W1 + b1) @ _W2 + b2)[:, 0]))
    if kind == "mse":
        return float(reduce((p - y) ** 2))
    if kind == "only_positive":
        return float(reduce(-y * np.log(p)))
    return float(reduce(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


@check("Your graph of Values gives the network's loss, and backward() gives every gradient MLP.gradients gives "
       "(relative error below 1e-7).")
def xor_gradients(xor_loss):
    """xor_loss(W1, b1, W2, b2, X, y) -> a Value: the mean binary cross-entropy of a 2-2-1 tanh network."""
    X, y = logic_gate("xor")
    W1 = [[Value(w) for w in row] for row in _W1]
    b1 = [Value(b) for b in _B1]
    W2 = [[Value(w) for w in row] for row in _W2]
    b2 = [Value(b) for b in _B2]

    def explain(error):
        if isinstance(error, ValueError) and "log is defined only for positive numbers" in str(error):  # (Value.log)
            return ("Your loss took the log of a number that is not positive: p must be a probability, the sigmoid "
                    "of the output's sum (between 0 and 1). Did you forget .sigmoid()?")
        return None

    loss, printed = run_learner(xor_loss, W1, b1, W2, b2, X.copy(), y.copy(), explain=explain)
    if is_stub(loss):
        if printed:
            raise Hint("Your function prints the loss instead of returning it: end with `return` and the Value.")
        raise Hint("Your function returns nothing yet. Build the loss from the Values and `return loss`.")
    model = _model()
    expected = model.loss(X, y)
    if not isinstance(loss, Value):
        try:
            number = float(loss)
        except (TypeError, ValueError):
            raise Hint(f"Return the loss as a Value, but you returned {type(loss).__name__}.") from None
        if close(number, expected, rtol=1e-7):
            raise Hint("Right number, but a plain float has no graph behind it: return the Value itself, not "
                       "its .data, so that loss.backward() can reach every weight.")
        raise Hint(f"Return the loss as a Value (built from W1, b1, W2, b2), but you returned {type(loss).__name__}.")
    got = loss.data
    if not close(got, expected, rtol=1e-7):
        mistakes = (
            (_variant_loss(X[:1], y[:1]), "That is the first example's loss only: the `return` is inside the loop. "
                                          "Return after the loop, once all four examples are added up."),
            (_variant_loss(X[:1], y[:1]) / len(X), "Only the first example was added: the `return` is inside the "
                                                   "loop. Return after the loop, once all four are in."),
            (-expected, "Your loss is negative: put a minus sign in front, -(y log p + (1 - y) log(1 - p))."),
            (expected * len(X), "You added the four examples' losses. The network's loss is their mean: divide "
                                "by len(X)."),
            (_variant_loss(X, y, W1=_W1.T), "W1 is transposed: W1[i][j] is the weight from input i to hidden "
                                            "neuron j, so hidden j sums x[i] * W1[i][j] over i."),
            (_variant_loss(X, y, b1=np.zeros(2)), "The hidden neurons have no bias: add b1[j] to each weighted sum."),
            (_variant_loss(X, y, b2=np.zeros(1)), "The output has no bias: add b2[0] before the sigmoid."),
            (_variant_loss(X, y, hidden=lambda z: np.maximum(z, 0)), "You used ReLU in the hidden layer; this network "
                                                                     "uses tanh: .tanh()."),
            (_variant_loss(X, y, hidden=lambda z: 1 / (1 + np.exp(-z))), "You used the sigmoid in the hidden layer; "
                                                                         "this network uses tanh there (the sigmoid "
                                                                         "is for the output)."),
            (_variant_loss(X, y, hidden=lambda z: z), "The hidden layer has no activation: apply .tanh() to each "
                                                      "hidden neuron's sum."),
            (_variant_loss(X, y, kind="mse"), "That is the squared error (p - y) ** 2. This network is scored with "
                                              "binary cross-entropy: -(y log p + (1 - y) log(1 - p))."),
            (_variant_loss(X, y, kind="only_positive"), "You kept only the y log p part. The examples with y = 0 "
                                                        "count too: -(y log p + (1 - y) log(1 - p))."),
        )
        name_the_mistake(got, mistakes, same=lambda a, b: close(a, b, rtol=1e-7))
        raise Hint(f"The loss should be {expected:.4f} (what MLP.loss gives for these weights), but yours is "
                   f"{got:.4f}. For each example: hidden j = tanh(sum of x[i] * W1[i][j] + b1[j]), then "
                   "p = sigmoid(sum of hidden j * W2[j][0] + b2[0]), then the mean of -(y log p + (1 - y) log(1 - p)).")
    run_learner(loss.backward, explain=lambda error: f"loss.backward() raised {type(error).__name__}: {error}")
    dWs, dbs = model.gradients(X, y)
    ours = [np.array([[v.grad for v in row] for row in W1]), np.array([v.grad for v in b1]),
            np.array([[v.grad for v in row] for row in W2]), np.array([v.grad for v in b2])]
    for name, mine, reference in zip(("W1", "b1", "W2", "b2"), ours, (dWs[0], dbs[0], dWs[1], dbs[1])):
        if np.allclose(mine, 0) and not np.allclose(reference, 0):
            raise Hint(f"Every gradient of {name} is 0: the graph was cut on the way. Did you make a new Value "
                       "from some .data, or use math or numpy on .data? Use the Value methods (.tanh(), "
                       ".sigmoid(), .log()) so backward() can get through.")
        if relative_error(mine, reference) > 1e-7:
            raise Hint(f"The loss is right but the gradients of {name} disagree with MLP.gradients: part of the graph "
                       "was cut (a new Value made from .data, or math on .data). Keep everything as Value arithmetic.")

