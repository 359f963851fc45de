"""Checks for the exercises of 09_backprop_graph where learners write classes: their own Value (+, *, tanh, with
blame that adds up; exercise 2), then a Neuron, Layer and MLP built on it (5). The exercises on a graph of nnlib's
Values (1, 3 and 4) are checked in graph.py. The referees are hand-worked numbers, nnlib.autograd, numpy and finite
differences.

    from nnlib.checks import engine as check_engine
    check_engine.own_value(Value)
"""

import ast
import contextlib
import inspect
import io
import math

import numpy as np

from .. import autograd
from ..autograd import Value
from ._answers import close, name_the_kind, name_the_mistake
from ._feedback import ELLIPSIS, LIST_ARITHMETIC, Hint, check, is_stub, raised, run_learner
from .graph import (EQUALS_PLUS, STEP_CASES, any_node, backprop, blank_object, calls_function,
                    check_grads_are_numbers, check_step, divided_by_zero, grads_assigned, plain_number,
                    returns_inside_a_loop, untouched_stub, wrote_equals_plus)


# ---- exercise 2: your own Value -------------------------------------------------------------------------------

_METHOD = {"+": "__add__", "*": "__mul__", "tanh": "tanh"}

# exercise 2's words for graph.check_step: its inputs are self and other, added into with +=
_VOICE = dict(x="self", y="other", sets="+=", yours="it", both="a.grad and b.grad should both be")


def _left_a_stub(what):
    """The row of a crash table for a `...` still in the learner's code; what: what was running (`a * b`)."""
    return ELLIPSIS, f"{what} met a `...` that is still in your code: replace it with your code."


def _explain_crash(what):
    """How a crash in the learner's Value is told (a table for call_learner); what: what was running (`a * b`)."""
    return (
        (ZeroDivisionError, divided_by_zero(what, **_VOICE)),
        _left_a_stub(what),
        (NameError, lambda error: getattr(error, "name", None) in ("a", "b") and (
            f"{what} raised NameError: there is no {error.name} inside the class. A method's two Values are self and "
            "other (for tanh, only self), as in self.grad += ...")),
        (AttributeError, lambda error: getattr(error, "name", None) == "data" and plain_number(
            getattr(error, "obj", None)) and (
            f"In {what}, a plain number has no .data: keep the first line of __add__ and __mul__, other = other if "
            "isinstance(other, Value) else Value(other), so that x * 2 works too.")),
        (Exception, lambda error: raised(error, what)),
    )


def _learner_class(Value, what):
    if not isinstance(Value, type):
        got = "None" if Value is None else f"a {type(Value).__name__} object (made with brackets)"
        raise Hint(f"Pass your class itself, {what}, without brackets: it should be a class, but got {got}.")


def _make(Value, number):
    made, _ = run_learner(Value, number, explain=_explain_crash(f"Value({number})"))
    for name in ("data", "grad", "inputs", "_backward"):
        if not hasattr(made, name):
            raise Hint(f"Your Value has no .{name}: keep __init__ as it was given (data, grad, inputs, _backward).")
    if not (plain_number(made.data) and close(made.data, number) and plain_number(made.grad)
            and close(made.grad, 0.0)):
        raise Hint(f"Value({number}) should hold data {number} and grad 0: keep __init__ as it was given.")
    return made


def _inputs_not_in_a_tuple(method):
    """True if the learner's method makes a Value with a bare Value as its inputs: Value(t, self), or Value(t, (self))
    where the comma of a one-item tuple is missing."""
    return any_node(method, lambda node: calls_function(node, "Value") and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Name))


def _calls_value(method, at_least=1):
    """True if the learner's method (or function) makes a Value with at least `at_least` arguments."""
    return any_node(method, lambda node: calls_function(node, "Value") and len(node.args) >= at_least)


def _wraps_other_always(method):
    """True if the learner's method writes `other = Value(other)`, without the given line's isinstance test."""
    return any_node(method, lambda node: isinstance(node, ast.Assign) and calls_function(node.value, "Value")
                    and any(isinstance(a, ast.Name) and a.id == "other" for a in node.value.args))


def _operate(Value, kind, a, b=None):
    """a + b, a * b or a.tanh() with the learner's class: the new Value, checked for its number and its inputs."""
    what = {"+": "a + b", "*": "a * b", "tanh": "a.tanh()"}[kind]
    do = {"+": lambda: a + b, "*": lambda: a * b, "tanh": lambda: a.tanh()}[kind]
    method = _METHOD[kind]
    learners = getattr(Value, method, None)
    explain = (
        (RecursionError, f"Your {method} calls itself, again and again: inside it, `self {kind} other` runs {method} "
                         f"once more. Compute the new number from the plain numbers: self.data {kind} other.data."
         if kind != "tanh" else "Your tanh calls itself, again and again: compute t from the plain number, t = "
                                "math.tanh(self.data)."),
        (TypeError, lambda _: _inputs_not_in_a_tuple(learners) and (
            f"In {method}, the new Value's inputs must be a tuple: Value(t, (self,)), with the comma that makes "
            "(self,) a tuple of one (without it, (self) is just self).")),
        (TypeError, lambda _: _wraps_other_always(learners) and (
            f"Your {method} wraps other in Value(...) even when it already is a Value, and Value(...) takes one plain "
            "number. Keep the given first line, other = other if isinstance(other, Value) else Value(other): it "
            "wraps plain numbers only.")),
        (TypeError, lambda _: _calls_value(learners, at_least=3) and (
            f"Your {method} makes the new Value with three things, but this Value takes two: the number and the "
            "tuple of its inputs, as in Value(self.data + other.data, (self, other)).")),
    ) + _explain_crash(what)
    out, _ = run_learner(do, explain=explain)
    name_the_kind(out, (
        (is_stub, "{what} gave None: your {method} returns nothing yet. Make the new Value, give it its backward step, "
                  "and `return out`."),
        (lambda made: not isinstance(made, Value), "{what} gave a {type}, not a Value: {method} should return out, "
                                                   "the new Value (its number is out.data), so that it can join a "
                                                   "graph."),
        (lambda made: made is a or made is b, "{what} gave back one of its inputs ({method} returned self or other), "
                                              "not the new Value: `return out`."),
    ), what=what, method=method)
    b_data = b.data if isinstance(b, Value) else b
    expected = {"+": lambda: a.data + b_data, "*": lambda: a.data * b_data, "tanh": lambda: math.tanh(a.data)}[kind]()
    if not (plain_number(out.data) and close(out.data, expected)):
        raise Hint(f"{what} should hold {expected:.4g} (at a = {a.data:g}"
                   f"{'' if b is None else f', b = {b_data:g}'}), but yours holds {out.data!r}.")
    inputs = getattr(out, "inputs", ())
    needed = (a,) if b is None else (a, b) if isinstance(b, Value) else (a,)
    if not all(any(i is v for i in inputs) for v in needed):
        raise Hint(f"The Value that {what} makes does not list its inputs: make it with Value(..., (self, other)) "
                   "(for tanh, Value(t, (self,))), or backward() can never reach them.")
    return out


def _run_step(Value, out, what, grad):
    """Set out.grad and run out's backward step (the learner's closure)."""
    step = getattr(out, "_backward", None)
    if not callable(step):
        raise Hint(f"The Value that {what} makes has no backward step to run (its _backward is {step!r}): attach "
                   "the function itself, out._backward = _backward, without brackets, before `return out`.")
    try:
        required = [p.name for p in inspect.signature(step).parameters.values()
                    if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        required = []
    if required:
        raise Hint(f"The backward step of {what} takes {', '.join(required)}, but backward() calls it with nothing: "
                   "write def _backward(): and use self, other and out, which it remembers from around it.")
    out.grad = grad
    _, printed = run_learner(step, explain=_explain_crash(f"The backward step of {what}"))
    return step, printed


def _grads(what, stepped, out, grad, *nodes):
    """The grads the step left in nodes, or a Hint if they are not numbers or if the step did nothing. stepped: the
    step and whether it printed, as _run_step gives them."""
    step, printed = stepped
    check_grads_are_numbers(f"The backward step of {what}", [(".grad", node) for node in nodes], _VOICE)
    got = tuple(node.grad for node in nodes)
    if all(g == 0 for g in got):
        code = getattr(step, "__code__", None)
        leafs = getattr(getattr(type(out)(0.0), "_backward", None), "__code__", None)
        if code is not None and code is leafs:
            if any(getattr(getattr(node, "_backward", None), "__code__", leafs) is not leafs for node in nodes):
                raise Hint(f"The Value that {what} makes still has a leaf's do-nothing step: you attached the step "
                           "to an input (self._backward = _backward). It belongs to the new node: "
                           "out._backward = _backward, before `return out`.")
            raise Hint(f"The Value that {what} makes still has a leaf's do-nothing step: after defining _backward, "
                       "attach it, out._backward = _backward, before `return out`.")
        if printed:
            raise Hint(f"The backward step of {what} printed the blame instead of adding it into the inputs' grads: "
                       "self.grad += (local slope) * out.grad (nothing needs printing).")
        if not plain_number(out.grad) or not close(out.grad, grad) or grads_assigned(step) == {"out"}:
            raise Hint(f"The backward step of {what} changed out.grad; it should change the inputs' grads: "
                       "self.grad (and other.grad) += (local slope) * out.grad.")
        if code is not None and "grad" not in code.co_names:
            raise Hint(f"The backward step of {what} does nothing yet: replace its `...` with "
                       "self.grad += (local slope) * out.grad (and the same for other).")
        raise Hint(f"The backward step of {what} left the inputs' grads at 0: each gets its local slope, made from "
                   "the numbers (.data, or t for tanh; the grads start at 0), times out.grad, the blame arriving "
                   "from the output.")
    return got


def _value_untouched(Value):
    """True for the class as the exercise cell ships it: + makes a Value whose step does nothing, * and tanh give
    back None."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            a, b = Value(2.0), Value(3.0)
            out = a + b
            out.grad = 1.0
            out._backward()
            return (a.grad, b.grad) == (0.0, 0.0) and a * b is None and a.tanh() is None
    except Exception:  # an attempt that crashes: the check names it
        return False


def _check_add_mul(Value):
    """+ and * of the learner's Value: each new Value's number and its backward step, on exercise 1's numbers, then
    a * 2 (a plain number on the right)."""
    for op in ("+", "*"):
        what = f"a {op} b"
        for a0, b0, g in STEP_CASES[op]:
            a, b = _make(Value, a0), _make(Value, b0)
            out = _operate(Value, op, a, b)
            got = _grads(what, _run_step(Value, out, what, g), out, g, a, b)
            check_step(op, got, a0, b0, g, f"The backward step of {op}", _VOICE)
    a = _make(Value, 1.5)
    out = _operate(Value, "*", a, 2.0)  # a plain number on the right, as in x * 2
    _grads("a * 2", _run_step(Value, out, "a * 2", 1.0), out, 1.0, a)
    if not close(a.grad, 2.0):
        raise Hint(f"For out = a * 2 (with out.grad = 1), a.grad should be 2, but your backward step gave {a.grad:g}.")


def _check_tanh(Value):
    for a0, g in ((0.8, 0.7), (-1.3, -0.4)):
        a = _make(Value, a0)
        out = _operate(Value, "tanh", a)
        step = _run_step(Value, out, "a.tanh()", g)
        (got,) = _grads("a.tanh()", step, out, g, a)
        t = math.tanh(a0)
        if close(got, (1 - t ** 2) * g):
            continue
        name_the_mistake(got, (
            ((1 - t ** 2), "tanh's backward step gives the local slope 1 - t ** 2 but forgot to multiply by "
                           "out.grad, the blame arriving from the output."),
            ((1 - a0 ** 2) * g, "tanh's backward step used the input (self.data) where the slope needs the output t "
                                "= tanh(self.data): 1 - t ** 2."),
            ((1 - t) * g, "tanh's slope is 1 - t ** 2, with t squared, not 1 - t."),
            ((1 + t ** 2) * g, "tanh's slope is 1 - t ** 2, with a minus: the curve flattens as t nears 1 or -1."),
            (t * g, "t is tanh's value, not its slope: the slope is 1 - t ** 2."),
            (g, "tanh's backward step passes out.grad straight through: multiply it by the local slope, 1 - t ** 2."),
            ((1 - t ** 2) * t, "tanh's backward step used out.data (the value) where it needs out.grad (the blame "
                               "arriving)."),
            (1 - t ** 2 * g, "tanh's backward step needs brackets: (1 - t ** 2) * out.grad. Without them Python "
                             "multiplies t ** 2 by out.grad first, then takes that from 1."),
            ((1 - t) ** 2 * g, "tanh's slope is 1 - t ** 2, t squared then taken from 1, not (1 - t) ** 2."),
            ((1 - math.tanh(t) ** 2) * g, "t already is tanh(self.data): the slope is 1 - t ** 2, with no second "
                                          "tanh (or cosh) applied to t."),
        ))
        raise Hint(f"For out = tanh(a) at a = {a0} (out.grad = {g}), a.grad should be (1 - t ** 2) * out.grad = "
                   f"{(1 - t ** 2) * g:.4g}, but your backward step gave {got:.4g}.")


def _check_adds_up(Value):
    """The += of section 4: a node used twice, and a node that already holds blame from another path."""
    t = math.tanh(0.8)
    # (what, build -> (out, the node to read), out.grad, the node's blame before, what `=` would leave there and its
    # hint, the right grad)
    cases = (
        ("a + a", lambda a, b: (a + a, a), 1.0, 0.0, 1.0,
         "For b = a + a your + step gives a.grad = 1, but b moves 2 for each 1 that a moves: self and other are "
         "the same node here, and the second line overwrote the first. Use +=: self.grad += ..., other.grad += ...",
         2.0),
        ("a * a", lambda a, b: (a * a, a), 0.5, 0.0, 1.5,
         "For b = a * a at a = 3 your * step gives a.grad = 1.5, half of 2a times b.grad (3): the second line "
         "overwrote the first. Use += in both lines.", 3.0),
        ("x * y", lambda a, b: (a * b, a), 1.0, 1.0, 3.0,
         "x already held blame 1 from another path, and your * step replaced it by 3 instead of adding: use +=, "
         "so f = x * y + x gets df/dx = 3 + 1 = 4.", 4.0),
        ("y * x", lambda a, b: (b * a, a), 1.0, 1.0, 3.0,
         "x already held blame 1 from another path, and your * step replaced other's grad by 3 instead of adding: "
         "use other.grad += ... too.", 4.0),
        ("x + y", lambda a, b: (a + b, a), 0.5, 1.0, 0.5,
         "x already held blame 1 from another path, and your + step replaced it by 0.5 instead of adding: use "
         "self.grad += out.grad.", 1.5),
        ("y + x", lambda a, b: (b + a, a), 0.5, 1.0, 0.5,
         "x already held blame 1 from another path, and your + step replaced other's grad instead of adding: use "
         "other.grad += out.grad too.", 1.5),
        ("a.tanh()", lambda a, b: (a.tanh(), a), 1.0, 1.0, 1 - t ** 2,
         "a already held blame 1 from another path, and your tanh step replaced it instead of adding: use "
         "self.grad += (1 - t ** 2) * out.grad.", 1.0 + (1 - t ** 2)),
    )
    for what, build, grad, held, overwritten, overwrote, right in cases:
        first = _make(Value, 3.0 if what in ("a + a", "a * a") else 0.8 if what == "a.tanh()" else 2.0)
        second = _make(Value, 3.0)
        out, node = run_learner(lambda: build(first, second), explain=_explain_crash(what))[0]
        node.grad = held
        step = _run_step(Value, out, what, grad)
        (got,) = _grads(what, step, out, grad, node)
        if close(got, right):
            continue
        if close(got, overwritten):
            raise Hint(EQUALS_PLUS if wrote_equals_plus(step[0]) else overwrote)
        raise Hint(f"For {what} (out.grad = {grad}{f', the input holding blame {held:g} already' if held else ''}), "
                   f"the input's grad should end at {right:.4g}, but yours is {got:.4g}.")


def _check_a_whole_formula(Value):
    """f = tanh(x * y - 2 * x + 1): every operation, the given -, 2 * x and + 1 included, against finite
    differences."""
    def f(x, y):
        return (x * y - 2 * x + 1).tanh() if isinstance(x, Value) else math.tanh(x * y - 2 * x + 1)

    x0, y0, h = 0.6, -0.4, 1e-6
    x, y = _make(Value, x0), _make(Value, y0)
    out, _ = run_learner(lambda: f(x, y), explain=_explain_crash("tanh(x * y - 2 * x + 1)"))
    if not isinstance(out, Value) or not close(out.data, f(x0, y0)):
        raise Hint("Each operation passes alone, but tanh(x * y - 2 * x + 1) does not give the right number: did "
                   "you change the methods given below tanh (-, 2 * x, 2 + x)?")
    run_learner(backprop, out, explain=_explain_crash("Backprop through tanh(x * y - 2 * x + 1)"))
    want = ((f(x0 + h, y0) - f(x0 - h, y0)) / (2 * h), (f(x0, y0 + h) - f(x0, y0 - h)) / (2 * h))
    if not (plain_number(x.grad) and plain_number(y.grad) and close((x.grad, y.grad), want, rtol=1e-5)):
        raise Hint(f"Each operation passes alone, but through f = tanh(x * y - 2 * x + 1) the grads disagree with "
                   f"finite differences: df/dx should be {want[0]:.4f} and df/dy {want[1]:.4f}, but yours are "
                   f"{x.grad!r} and {y.grad!r}. Did you change the methods given below tanh?")


@check("Your Value adds, multiplies and takes tanh, and every backward step adds its share into .grad: a node used "
       "twice, or fed by two paths, gets the sum. It agrees with finite differences.", number=2)
def own_value(Value):
    """Value: the learner's class, with __add__, __mul__ and tanh, each giving the new Value its _backward step."""
    _learner_class(Value, "Value")
    if Value is autograd.Value:
        raise Hint("This is nnlib's own Value (imported from nnlib.autograd), not yours: run the cell with your "
                   "class Value again, then this check.")
    if _value_untouched(Value):
        raise Hint("Your Value does nothing yet: the backward step of + is still `...`, and __mul__ and tanh give "
                   "back None. Start with +: self.grad += (local slope) * out.grad, and the same for other.",
                   returned_nothing=True)
    _check_add_mul(Value)
    _check_tanh(Value)
    _check_adds_up(Value)
    _check_a_whole_formula(Value)


# ---- exercise 5: Neuron, Layer, MLP ---------------------------------------------------------------------------

_X = [1.5, 0.4, -0.7]
_W = [[0.5, -1.2, 0.8], [-0.3, 0.9, 0.6]]  # one row per neuron
_B = [0.3, -0.2]


def _construct(what, build):
    made, _ = run_learner(build, explain=_explain_network(what))
    return made


def _uses_math_on_a_value(method):
    """True if the learner's method calls math.tanh, math.exp... (which take plain numbers only)."""
    return any_node(method, lambda node: isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "math")


def _explain_network(what, *methods):
    """How a crash in the learner's Neuron, Layer or MLP is told; methods: their __call__s, read for the cause."""
    return (
        (NameError, lambda error: getattr(error, "name", None) in ("Value", "Neuron", "Layer") and (
            f"{what} needs {error.name}, which is not defined yet: run the cells of exercise 2 "
            f"{'and 5 ' if error.name != 'Value' else ''}first (or, for Value, run `from nnlib.autograd import "
            "Value`).")),
        _left_a_stub(what),
        (LIST_ARITHMETIC, f"{what} multiplied two lists (self.w * x, say), which Python cannot do number by number: "
                          "multiply one pair at a time, w_i * x_i, in a loop over zip(self.w, x)."),
        (TypeError, lambda _: any(_uses_math_on_a_value(m) for m in methods) and (
            f"In {what}, your code gives a Value to Python's math module (math.tanh), which takes plain numbers "
            "only. Use the Value's own method, z.tanh(), so that the graph goes on through it.")),
        (TypeError, lambda _: any(_calls_value(m) for m in methods) and (
            f"In {what}, your code wraps the inputs in Value(...), but after the first layer they already are "
            "Values, and Value(...) takes one plain number. Use the inputs as they are: a Value times a plain "
            "number works too.")),
        (Exception, lambda error: raised(error, what)),
    )


def _engine_of(neuron):
    """The Value class the learner's Neuron is made of; a Hint if it is theirs and not right yet."""
    for name in ("w", "b"):
        if not hasattr(neuron, name):
            raise Hint(f"Your Neuron has no .{name}: keep its __init__ as it was given.")
    engine = type(neuron.b)
    if engine is not autograd.Value:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                own_value.__wrapped__(engine)
        except Hint as h:
            raise Hint("Your Neuron is made of your Value from exercise 2, which does not pass its check yet; to go "
                       "on without it, run `from nnlib.autograd import Value`, then the cell above again. Exercise "
                       f"2's check says: {h}") from None
    return engine


def _output(name, model, what, methods, todo, kinds):
    """The learner's Neuron, Layer or MLP (name) called on _X, or a Hint: for a crash (what: the call, as in
    "layer(x)"; methods: the learner's __call__s, read for its cause), for nothing given back (todo: what to return)
    or for an answer of one of kinds (see name_the_kind)."""
    out, printed = run_learner(model, list(_X), explain=_explain_network(what, *methods))
    if is_stub(out):
        raise Hint(f"{name}.__call__ " + ("prints instead of returning: " if printed else "returns nothing yet: ")
                   + todo)
    name_the_kind(out, kinds)
    return out


def _set_neuron(neuron, w, b):
    for value, number in zip(neuron.w, w):
        value.data, value.grad = number, 0.0
    neuron.b.data, neuron.b.grad = b, 0.0


def _check_neuron(Neuron):
    neuron = _construct("Neuron(3, rng)", lambda: Neuron(3, np.random.default_rng(0)))
    engine = _engine_of(neuron)
    if len(getattr(neuron, "w", ())) != 3:
        raise Hint("Neuron(3, rng) should have 3 weights in self.w: keep its __init__ as it was given.")
    w, b = _W[0], _B[0]
    _set_neuron(neuron, w, b)
    not_a_value = (
        ((list, tuple), "A neuron gives back one Value, not a list (the Layer makes the list of its neurons' "
                        "outputs)."),
        (plain_number, "Neuron.__call__ returned a plain number, so the graph stops there: keep everything a Value and "
                       "finish with the Value's own .tanh(), not math.tanh(z.data)."),
        (lambda out: callable(out) and not isinstance(out, engine), "Neuron.__call__ returned a method itself, not its "
                                                                    "result: z.tanh without brackets names the method, "
                                                                    "z.tanh() calls it."),
        (lambda out: not isinstance(out, engine), "Neuron.__call__ should return a Value, but it returned a {type}."),
    )
    out = _output("Neuron", neuron, "neuron(x)", [Neuron.__call__], "return tanh(w1 x1 + ... + wn xn + b), a Value.",
                  not_a_value)
    z = sum(wi * xi for wi, xi in zip(w, _X))
    expected = math.tanh(z + b)
    if not close(out.data, expected):
        name_the_mistake(out.data, (
            (z + b, "Your neuron gives the sum w . x + b without the tanh: finish with .tanh()."),
            (math.tanh(z), "Your neuron forgot its bias: tanh(w1 x1 + ... + wn xn + b), with self.b."),
            (math.tanh(z) + b, "The bias goes inside the tanh: tanh(w . x + b), not tanh(w . x) + b."),
            (math.tanh(w[0] * _X[0] + b), "Your neuron used only the first weight: the `return` is inside the loop. "
                                          "Add up every w_i * x_i first, then return."),
            (math.tanh(w[0] * _X[0]), "Your neuron used only the first weight (the `return` is inside the loop) and "
                                      "no bias. Add up every w_i * x_i and b, then return the tanh."),
            (math.tanh(sum(w) + b), "Your neuron added the weights without multiplying each by its input: "
                                    "w_i * x_i."),
            (sum(math.tanh(wi * xi) for wi, xi in zip(w, _X)) + b, "Your neuron took the tanh of each product: add "
                                                                   "them all (and b) first, then one tanh."),
            (math.tanh(w[-1] * _X[-1]), "Your neuron kept only the last product: `z = w_i * x_i` in the loop "
                                        "replaces z each time round. Add to it, z = z + w_i * x_i, starting from "
                                        "z = self.b."),
            (math.tanh(w[-1] * _X[-1] + b), "Your neuron kept only the last product: `z = self.b + w_i * x_i` in the "
                                            "loop starts again from b each time round. Add to the running total, "
                                            "z = z + w_i * x_i, starting from z = self.b."),
            (math.tanh(z + len(w) * b), "Your neuron added the bias once per input, inside the loop: add it once, "
                                        "by starting from z = self.b (or adding it after the loop)."),
        ))
        raise Hint(f"For w = {w}, b = {b} and x = {_X}, the neuron should give tanh(w . x + b) = {expected:.4f}, but "
                   f"yours gives {out.data:.4f}.")
    run_learner(backprop, out, explain=_explain_network("Backprop through your neuron"))
    slope = 1 - expected ** 2
    got = [v.grad for v in neuron.w] + [neuron.b.grad]
    if not all(plain_number(g) for g in got) or not close(got, [slope * xi for xi in _X] + [slope]):
        raise Hint("The neuron's number is right, but its weights get the wrong grads: somewhere the graph is cut "
                   "(a new Value made from .data, or math on .data). Keep every step Value arithmetic.")
    return engine


def _check_layer(Layer, engine):
    layer = _construct("Layer(3, 2, rng)", lambda: Layer(3, 2, np.random.default_rng(0)))
    neurons = getattr(layer, "neurons", None)
    if not isinstance(neurons, list) or len(neurons) != 2:
        raise Hint("Layer(3, 2, rng) should hold its 2 neurons in self.neurons: keep its __init__ as it was given.")
    for neuron, w, b in zip(neurons, _W, _B):
        _set_neuron(neuron, w, b)
    every_output = "[neuron(x) for neuron in self.neurons]"
    not_a_list = (
        (engine, f"Your layer gives back one Value: a layer gives the list of every neuron's output, {every_output}."),
        (lambda outs: not isinstance(outs, (list, tuple)), f"Your layer gives back a {{type}}: make it a list, "
                                                           f"{every_output} (square brackets)."),
        (lambda outs: len(outs) and all(isinstance(o, type(neurons[0])) for o in outs),
         "Your layer gives back the neurons themselves: call each one on the inputs, neuron(x)."),
    )
    outs = _output("Layer", layer, "layer(x)", [type(layer).__call__, type(neurons[0]).__call__],
                   f"return the list of every neuron's output, {every_output}.", not_a_list)
    if len(outs) != 2 or not all(isinstance(o, engine) for o in outs):
        raise Hint(f"A layer of 2 neurons should give back a list of 2 Values, but yours gave {len(outs)} items "
                   f"({', '.join(sorted({type(o).__name__ for o in outs}))}).")
    expected = [math.tanh(sum(wi * xi for wi, xi in zip(w, _X)) + b) for w, b in zip(_W, _B)]
    if not close([o.data for o in outs], expected):
        raise Hint(f"The layer should give each neuron's output for the same x, {[round(e, 4) for e in expected]}, "
                   f"but yours gave {[round(o.data, 4) for o in outs]}.")


def _numpy_forward(layers, x, every_layer_sees_x=False):
    """The outputs of the learner's layers for x, computed from their weights with numpy: the referee. With
    every_layer_sees_x, what a loop that forgets x = layer(x) gives (zip stops at the shorter list)."""
    a = np.array(x, dtype=float)
    for layer in layers:
        seen = np.array(x, dtype=float) if every_layer_sees_x else a
        a = np.array([math.tanh(sum(w.data * s for w, s in zip(neuron.w, seen)) + neuron.b.data)
                      for neuron in layer.neurons])
    return a


def _check_mlp(MLP, engine):
    model = _construct("MLP([3, 2, 1])", lambda: MLP([3, 2, 1], seed=0))
    layers = getattr(model, "layers", None)
    if not isinstance(layers, list) or len(layers) != 2:
        raise Hint("MLP([3, 2, 1]) should hold its 2 layers in self.layers: keep its __init__ as it was given.")
    for neuron, h in zip(layers[0].neurons, (0.2, -0.1)):
        neuron.b.data = h  # non-zero biases, so that forgetting one shows
    layers[1].neurons[0].b.data = 0.15
    calls = [type(model).__call__] + [type(o).__call__ for o in (layers[0], layers[0].neurons[0])]
    not_the_last_list = (
        (engine, "Your MLP gives back one Value: give back the last layer's list, as a Layer does (model(x)[0] then "
                 "picks its one Value)."),
        (lambda outs: isinstance(outs, (list, tuple)) and any(isinstance(o, (list, tuple)) for o in outs),
         "Your MLP gives back a list of lists, one per layer: run the layers one after the other, x = layer(x), and "
         "give back only the last layer's list."),
        (lambda outs: not (isinstance(outs, (list, tuple)) and all(isinstance(o, engine) for o in outs)),
         "Your MLP should give back the last layer's list of Values, but it gave a {type}."),
    )
    outs = _output("MLP", model, "model(x)", calls, "run the layers in turn, x = layer(x), and return the last layer's "
                                                    "list.", not_the_last_list)
    first = _numpy_forward(layers[:1], _X)
    if len(outs) == 2 and close([o.data for o in outs], first):
        if returns_inside_a_loop(type(model).__call__):
            raise Hint("Your MLP gives back the first layer's outputs: the `return` is inside the loop. Return after "
                       "it, once every layer has run.")
        raise Hint("Your MLP gives back the first layer's outputs: run every layer, one after the other (x = "
                   "layer(x) in a loop over self.layers), and return the last one's list after the loop.")
    if len(outs) != 1:
        raise Hint(f"MLP([3, 2, 1]) ends with one neuron, so it should give back a list of 1 Value, but yours gave "
                   f"{len(outs)}.")
    expected = _numpy_forward(layers, _X)[0]
    if not close(outs[0].data, expected):
        name_the_mistake(outs[0].data, (
            (_numpy_forward(layers, _X, every_layer_sees_x=True)[0],
             "Every layer was given the same x: each layer takes the previous layer's outputs, so write "
             "x = layer(x) inside the loop."),
        ))
        raise Hint(f"For these weights the MLP should give {expected:.4f}, but yours gives {outs[0].data:.4f}. Run "
                   "the layers in turn: x = layer(x).")
    run_learner(backprop, outs[0], explain=_explain_network("Backprop through your MLP"))
    parameters = [w for layer in layers for neuron in layer.neurons for w in neuron.w + [neuron.b]]
    analytic, numeric = [p.grad for p in parameters], []
    for p in parameters:
        kept, h = p.data, 1e-6
        p.data = kept + h
        up = _numpy_forward(layers, _X)[0]
        p.data = kept - h
        down = _numpy_forward(layers, _X)[0]
        p.data = kept
        numeric.append((up - down) / (2 * h))
    if not all(plain_number(g) for g in analytic) or not close(analytic, numeric, rtol=1e-5, atol=1e-8):
        raise Hint("Your MLP's output is right, but the grads of its weights disagree with finite differences: "
                   "somewhere the graph is cut (a new Value made from .data, or math on .data).")


@check("Your Neuron, Layer and MLP give tanh(w . x + b) neuron by neuron, layer after layer, and backprop through "
       "them agrees with finite differences.", number=5)
def neuron_layer_mlp(Neuron, Layer, MLP):
    """The learner's three classes, made of their own Value (or nnlib's)."""
    for cls, name in ((Neuron, "Neuron"), (Layer, "Layer"), (MLP, "MLP")):
        _learner_class(cls, name)
    if all(untouched_stub(getattr(cls, "__call__", None), blank_object(), [0.5, -1.0])
           for cls in (Neuron, Layer, MLP)):
        raise Hint("Neuron, Layer and MLP give back nothing yet: start with Neuron.__call__, "
                   "tanh(w1 x1 + ... + wn xn + b).", returned_nothing=True)
    engine = _check_neuron(Neuron)
    _check_layer(Layer, engine)
    _check_mlp(MLP, engine)
