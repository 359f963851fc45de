"""Checks for the exercises of 09_backprop_graph that work on a graph of nnlib's Values: the backward of + and *
(exercise 1), the topological order (3) and backward() (4). The learner's own classes, their Value (2) and a
Neuron, Layer and MLP on it (5), are checked in engine.py, which reads their backward steps with the helpers at the
top of this module. The referees are hand-worked numbers, nnlib.autograd and finite differences.

    from nnlib.checks import graph as check
    check.add_mul_backward(add_backward, mul_backward)
"""

import ast
import contextlib
import inspect
import io
import numbers
import textwrap

from .. import autograd
from ..autograd import Value, topological_order
from ._answers import close, name_the_kind, name_the_mistake
from ._feedback import (NUMBER_UNPACKED, PYTHON_MISTAKE, Hint, check, crash_in_words, is_stub, raised, require_function,
                        run_learner)
from ._source import function_node, name_the_slip

# ---- reading a learner's backward steps (exercises 1 to 5) ----------------------------------------------------

def same_pair(got, wrong):
    """got, a pair of grads, matches wrong, where a None in wrong matches anything."""
    return all(w is None or close(g, w) for g, w in zip(got, wrong))


def plain_number(value):
    """A number that can be a grad: an int or a float (numpy's too), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def source_tree(function):
    """The parsed source of a learner's function (a closure inside a method too), or None if it cannot be read."""
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None


def any_node(function, test):
    """True if some node of the learner's function's syntax tree passes test(node); False when it cannot be read."""
    tree = source_tree(function)
    return tree is not None and any(test(node) for node in ast.walk(tree))


def calls_function(node, name):
    """True if the syntax-tree node is a call of the function `name`: name(...)."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _calls_method(node, name):
    """True if the syntax-tree node is a call of a method `name`: something.name(...)."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name


def _is_grad(node):
    """True if the syntax-tree node is something.grad."""
    return isinstance(node, ast.Attribute) and node.attr == "grad"


def _over_inputs(node):
    """True if the syntax-tree node is a loop over something.inputs."""
    return isinstance(node, ast.For) and isinstance(node.iter, ast.Attribute) and node.iter.attr == "inputs"


def wrote_equals_plus(function):
    """True if the function assigns a grad from an expression that starts with a unary plus: `a.grad =+ x`, which
    Python reads as `a.grad = +x`."""
    return any_node(function, lambda node: isinstance(node, ast.Assign) and any(_is_grad(t) for t in node.targets)
                    and any(isinstance(inner, ast.UnaryOp) and isinstance(inner.op, ast.UAdd)
                            for inner in ast.walk(node.value)))


def grads_assigned(function):
    """The names whose .grad the learner's function assigns (a, b, self, other, out...), read from its source."""
    tree = source_tree(function)
    if tree is None:
        return set()
    targets = [t for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AugAssign))
               for t in (node.targets if isinstance(node, ast.Assign) else [node.target])]
    return {t.value.id for t in targets if _is_grad(t) and isinstance(t.value, ast.Name)}


def multiplies_grad_in_place(function):
    """True if the learner's function writes `something.grad *= ...`: it multiplies the 0 a grad starts at."""
    return any_node(function, lambda node: isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Mult)
                    and _is_grad(node.target))


def untouched_stub(function, *arguments):
    """True if calling the function on blank objects gives back None without touching them: what an exercise cell
    that was never filled in does (any real attempt reads its arguments, and a blank object has nothing to read)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return function(*arguments) is None
    except Exception:  # the learner's code may raise anything: then it is an attempt, told by the check itself
        return False


def blank_object():
    """An object with nothing to read: what untouched_stub calls a learner's function on."""
    return type("Blank", (), {})()


# The numbers (a, b, out.grad) the backward steps of + and * are tried on, in exercises 1 and 2. (2.5, not 2: a.grad =
# 2 * out.grad is another mistake; a = 0 catches a division by an input.)
STEP_CASES = {"+": ((2.5, -3.0, 0.7), (-1.5, 4.0, -2.0)),
              "*": ((2.0, -3.0, 0.7), (-1.5, 4.0, -2.0), (0.0, 2.5, 1.3))}


def _step_mistakes(op, a, b, g):
    """The grads (of a, of b; None matches anything) a wrong backward step of a + b or a * b gives, with their hints,
    in the words each exercise fills in: {step} opens the sentence, {x} and {y} are the inputs' names in the
    learner's code and {sets} its assignment (see check_step)."""
    value = a + b if op == "+" else a * b
    data = "{step} used out.data (the value) where it needs out.grad (the blame arriving from the output)."
    if op == "+":
        times_input = ("{step} multiplied by an input's value, as for *. For a + b, nudging a by 1 moves the sum by 1: "
                       "each input simply gets out.grad.")
        return (
            ((1.0, 1.0), "{step} gives each input its local slope, 1, but not times the blame arriving from the "
                         "output. Multiply by the blame: {x}.grad {sets} 1 * out.grad (and the same for {y})."),
            ((value, None), data), ((None, value), data),
            ((g, 0.0), "{step} gave {x} its share but not {y}: both inputs of + get out.grad."),
            ((0.0, g), "{step} gave {y} its share but not {x}: both inputs of + get out.grad."),
            ((a * g, None), times_input), ((None, b * g), times_input),
        )
    return (
        ((a * g, b * g), "{step} swapped the slopes: nudging {x} moves the product by {y}.data times as much, so "
                         "{x}.grad {sets} {y}.data * out.grad (and {y} gets {x}.data)."),
        ((b, a), "{step} has the local slopes right ({y}.data for {x}, {x}.data for {y}) but forgot the chain rule's "
                 "other factor: multiply by out.grad, the blame arriving from the output."),
        ((b * value, None), data), ((None, a * value), data),
        ((g, g), "{step} passed out.grad straight through, as + does. For a * b each input's slope is the other "
                 "input: {x}.grad {sets} {y}.data * out.grad."),
        ((b * g, 0.0), "{step} gave {x} its share but not {y}: {y}.grad {sets} {x}.data * out.grad."),
        ((0.0, a * g), "{step} gave {y} its share but not {x}: {x}.grad {sets} {y}.data * out.grad."),
        ((value * g, value * g), "{step} used the product itself, out.data, as each input's slope. Nudge {x} and the "
                                 "product moves {y}.data times as much: {x}.grad {sets} {y}.data * out.grad."),
    )


def divided_by_zero(who, x, y, **_):
    """The hint for a backward step of a * b that divides by an input (out.data / a.data is b.data, but not at a = 0):
    who did it ("Your mul_backward"), and x and y, the inputs' names in the learner's code (a voice of check_step)."""
    return (f"{who} divided by an input that is 0 here: in a * b the local slope for {x} is simply {y}.data (and "
            f"for {y}, {x}.data), with no division.")


def check_grads_are_numbers(who, grads, voice):
    """A Hint if a backward step left something other than a plain number in a grad: who ran it ("Your mul_backward"),
    grads: (how the hint names the grad, its node) pairs, voice: the exercise's words (see check_step)."""
    for grad, node in grads:
        if isinstance(node.grad, (Value, type(node))):
            raise Hint(f"{who} put a Value into {grad}, which holds a plain number: use the inputs' numbers, as in "
                       f"{voice['y']}.data * out.grad, not {voice['y']} * out.grad.")
        if not plain_number(node.grad):
            raise Hint(f"{who} put a {type(node.grad).__name__} into {grad}, which holds a plain number, as in "
                       f"{voice['x']}.grad {voice['sets']} 1.0 * out.grad.")


def check_step(op, got, a, b, g, step, voice):
    """Return if got, the grads a backward step of a + b or a * b (op "+" or "*") left in its inputs a and b for
    out.grad = g, are right; else raise the Hint for the mistake, in the exercise's words: step opens a sentence
    about it ("mul_backward"), and the voice gives x and y (the inputs' names: "a" and "b", or "self" and "other"),
    sets (the assignment: "=" or "+="), yours (who gave the grads: "you") and both (how it says that both grads of +
    should be out.grad)."""
    right = (g, g) if op == "+" else (b * g, a * g)
    if same_pair(got, right):
        return
    name_the_mistake(got, [(wrong, text.format(step=step, **voice)) for wrong, text in _step_mistakes(op, a, b, g)],
                     same=same_pair)
    should = (f"out = a + b with out.grad = {g}, {voice['both']} {g}" if op == "+" else
              f"out = a * b with a = {a}, b = {b} and out.grad = {g}, a.grad should be {b * g:g} and b.grad {a * g:g}")
    raise Hint(f"{step}: for {should}, but {voice['yours']} gave {got[0]:g} and {got[1]:g}.")


EQUALS_PLUS = ("You wrote `=+`: Python reads `self.grad =+ out.grad` as `self.grad = +out.grad`, an assignment of "
               "+out.grad (a plus sign in front of a number changes nothing), so the old blame is replaced. To add, "
               "the plus goes first: `+=`.")


def backprop(root):
    """The check's own backward pass over any Values with .inputs and ._backward (the learner's too)."""
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        node._backward()


# ---- exercise 1: the backward of + and * ----------------------------------------------------------------------

# exercise 1's words for check_step: its inputs are a and b, set with =
_VOICE = dict(x="a", y="b", sets="=", yours="you", both="both a.grad and b.grad should be")


def _run_backward(function, what, a, b, out, untouched=False):
    """Call the learner's backward step (it puts the blame into .grad and returns nothing); a crash or a returned
    answer becomes a Hint."""
    require_function(function, what)

    explain = (
        (ZeroDivisionError, divided_by_zero(f"Your {what}", **_VOICE)),
        (NUMBER_UNPACKED, f"Your {what} split one number into two names, as in `a.grad, b.grad = out.grad`: out.grad "
                          "is a single number. Give each input its own line: a.grad = ... and b.grad = ..."),
        (PYTHON_MISTAKE, lambda error: raised(error, f"Your {what}")),
        (Exception, lambda error: f"In {what}: {crash_in_words(error)}"),
    )
    before, data, blame = (a.grad, b.grad), (a.data, b.data), out.grad
    result, printed = run_learner(function, a, b, out, explain=explain)
    if (a.data, b.data) != data:
        raise Hint(f"Your {what} changed a.data or b.data, the inputs' values. Backprop leaves the values alone "
                   "and puts the blame into a.grad and b.grad.")
    check_grads_are_numbers(f"Your {what}", (("a.grad", a), ("b.grad", b)), _VOICE)
    if (a.grad, b.grad) == before:  # (nothing was computed here: unchanged means untouched)
        if printed:
            raise Hint(f"Your {what} printed the shares instead of putting them into the inputs: a.grad = ... "
                       "and b.grad = ... (nothing needs printing or returning).")
        if result is not None and not is_stub(result):
            raise Hint(f"Your {what} returned its answer, but backward steps do not return anything: they put it "
                       "into the inputs' .grad, as in a.grad = ... and b.grad = ... (backward() ignores return "
                       "values).")
        if "grad" not in getattr(getattr(function, "__code__", None), "co_names", ("grad",)):
            raise Hint(f"Your {what} does nothing yet: a.grad and b.grad are unchanged. Give each input its "
                       "share: (its local slope) * out.grad.", returned_nothing=untouched)
        if not (plain_number(out.grad) and close(out.grad, blame)):
            raise Hint(f"Your {what} changed out.grad, the blame arriving from the output; it should set the inputs' "
                       "grads from it: a.grad = (local slope) * out.grad, and the same for b.")
        others = sorted(grads_assigned(function) - set(_parameters(function)))
        if others:
            raise Hint(f"Your {what} sets {others[0]}.grad, but inside the function its inputs are named a and b "
                       "(and the result out): a.grad = ... and b.grad = ...")
        raise Hint(f"Your {what} multiplied the grads already there (`a.grad *= ...`), and they start at 0, so they "
                   "stay 0. Set each share instead: a.grad = (local slope) * out.grad."
                   if multiplies_grad_in_place(function) else
                   f"Your {what} left a.grad and b.grad at 0. The inputs' grads start at 0, so build each share from "
                   "what is known: the local slope (from the inputs' .data) times out.grad.")


def _parameters(function):
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _one_step(function, what, a0, b0, g, kind, untouched):
    a, b = Value(a0), Value(b0)
    out = Value(a0 + b0 if kind == "+" else a0 * b0)
    out.grad = g
    _run_backward(function, what, a, b, out, untouched)
    return a.grad, b.grad


@check("Each input got out.grad times its local slope: 1 for +, the other input for *. That is one node's chain "
       "rule.", number=1)
def add_mul_backward(add_backward, mul_backward):
    """add_backward(a, b, out) for out = a + b and mul_backward(a, b, out) for out = a * b, each node used once."""
    untouched = all(callable(f) and untouched_stub(f, blank_object(), blank_object(), blank_object())
                    for f in (add_backward, mul_backward))
    for op, function, name in (("+", add_backward, "add_backward"), ("*", mul_backward, "mul_backward")):
        for a0, b0, g in STEP_CASES[op]:
            got = _one_step(function, name, a0, b0, g, op, untouched)
            check_step(op, got, a0, b0, g, name, _VOICE)
    typed = next((name for name, f in (("add_backward", add_backward), ("mul_backward", mul_backward))
                  if wrote_equals_plus(f)), None)
    if typed:  # right numbers, but not what was meant; (+= is section 4's lesson, so this hint does not show it)
        raise Hint(f"Right numbers, but {typed} has `=+`: Python reads `a.grad =+ out.grad` as `a.grad = +out.grad`, "
                   "a plain assignment (a plus sign in front of a number changes nothing). Write `a.grad = ...`; if "
                   "you meant to add to what a.grad holds, section 4 comes back to that.")


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


def _ladder(levels=12):
    """v1 = v0 + v0, v2 = v1 + v1, ...: levels + 1 nodes, each used twice by the next, so 2 ** levels paths lead from
    the top down to v0. Returns the top and a function that counts how often the nodes' .inputs have been read (a
    search with a visited set reads each node's once; one without reads them once per path)."""
    reads = [0]

    class Counted(Value):
        @property
        def inputs(self):
            reads[0] += 1
            return self._inputs

        @inputs.setter
        def inputs(self, value):
            self._inputs = value

    node = Counted(1.0, label="v0")
    for k in range(levels):
        node = Counted(2 * node.data, (node, node), "+", label=f"v{k + 1}")
    return node, lambda: reads[0]


def returns_inside_a_loop(function):
    """True if a `return` sits inside a for loop of the learner's function or of a function inside it."""
    return any_node(function, lambda loop: isinstance(loop, ast.For)
                    and any(isinstance(inner, ast.Return) for inner in ast.walk(loop)))


def _loops_over_root_inputs_inside_visit(function):
    """True if a function inside the learner's loops over the outer argument's inputs (`for child in root.inputs`
    inside visit(node)), so that every node visited gets root's inputs."""
    outer = function_node(function)
    if outer is None or not outer.args.args:
        return False
    root = outer.args.args[0].arg
    return any(_over_inputs(loop) and isinstance(loop.iter.value, ast.Name) and loop.iter.value.id == root
               for inner in ast.walk(outer) if isinstance(inner, ast.FunctionDef) and inner is not outer
               for loop in ast.walk(inner))


def _appends_the_inputs(function):
    """True if the learner appends the loop's input (`for child in node.inputs: ... order.append(child)`) rather than
    the node being visited."""
    return any_node(function, lambda loop: _over_inputs(loop) and isinstance(loop.target, ast.Name) and any(
        _calls_method(call, "append") and any(isinstance(a, ast.Name) and a.id == loop.target.id for a in call.args)
        for call in ast.walk(loop)))


def _calls_reverse(function):
    return any_node(function, lambda call: _calls_method(call, "reverse"))


def _name(node):
    """A node as a learner reads it: its label, the number it holds, or the formula that made it ("w * x")."""
    if not node.inputs:
        try:
            return f"the number {float(node.label or node.data):g}"  # (a number in a formula is labelled itself)
        except ValueError:
            return node.label
    return node.label or _formula(node)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def _formula(node, parent=None, right=False):
    """The formula of a computed node, with the brackets its parent's operation needs (nnlib's op names)."""
    if node.label or not node.inputs:
        return node.label or f"{node.data:g}"
    if node.op in _PRECEDENCE and len(node.inputs) == 2:
        text = f"{_formula(node.inputs[0], node.op)} {node.op} {_formula(node.inputs[1], node.op, right=True)}"
        mine, theirs = _PRECEDENCE[node.op], _PRECEDENCE.get(parent, 0) if parent != "**" else 3
        return f"({text})" if mine < theirs or (right and mine == theirs and parent in ("-", "/")) else text
    if node.op.startswith("**"):
        return f"{_formula(node.inputs[0], '**')} ** {node.op[2:]}"
    return f"{node.op}({_formula(node.inputs[0])})"


def _first_input_only(function):
    """True if the learner's search reads node.inputs[0] (or [1]...), one input, not all of them."""
    return any_node(function, lambda node: isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "inputs")


def _before_inputs(order):
    """The first node in order that comes before one of its inputs, or None."""
    position = {id(v): k for k, v in enumerate(order)}
    for k, v in enumerate(order):
        if any(position.get(id(i), -1) > k for i in v.inputs):
            return v
    return None


_NOT_A_LIST_OF_VALUES = (
    (Value, "You returned a single Value. Return a list of every node: `order = []`, append each node to it, then "
            "`return order`."),
    ((set, frozenset), "You returned a set, and a set keeps no order: return the list you built, `return order` (the "
                       "set, visited, is only there to skip nodes already written down)."),
    (lambda order: not isinstance(order, (list, tuple)), "Return a list of the Values themselves, but you returned "
                                                         "{type}."),
    (lambda order: not all(isinstance(v, Value) for v in order), "Return a list of the Values themselves, but you "
                                                                 "returned {type} holding other things."),
)


@check("Every node comes after all of its inputs, and the output comes last: walked backwards, each node has all "
       "of its blame before it passes any on.", number=3)
def topological_sort(topological_order):
    """topological_order(root) -> a list of every Value root depends on, and root, each after its inputs."""
    explain = ((RecursionError, "Your function never stops: it recurses forever. Mark each node as visited before "
                                "you visit its inputs, and skip nodes already visited."),)
    for name, root in _graphs():
        order, printed = run_learner(topological_order, root, explain=explain)
        with contextlib.redirect_stdout(io.StringIO()):  # (its prints were shown once already)
            again, _ = run_learner(topological_order, root, explain=explain)
        if is_stub(order):
            if printed:
                raise Hint("Your function prints the order instead of returning it: end with `return order`.")
            if _calls_reverse(topological_order):
                raise Hint("order.reverse() turns the list around in place and gives back None, so your function "
                           "returns None. The list needs no turning: with each node appended after its inputs, the "
                           "output is already last. End with `return order`.")
            raise Hint("Your function returns nothing yet. Build the list and `return order`.",
                       returned_nothing=True)
        if isinstance(again, (list, tuple)) and len(again) != len(order):
            raise Hint(f"For {name}, a second call gave {len(again)} nodes instead of {len(order)}: your function "
                       "remembers the nodes of an earlier call. Make `order` and `visited` fresh inside it.")
        name_the_kind(order, _NOT_A_LIST_OF_VALUES)
        everything = _all_nodes(root)
        in_graph = {id(v) for v in everything}
        if any(id(v) not in in_graph for v in order):
            raise Hint(f"For {name}, your list holds nodes that are not part of this graph: they are left over from "
                       "an earlier call. A list or set made outside the function, or as a default argument "
                       "(order=[] in the def line), is made once and shared by every call: make `order` and "
                       "`visited` fresh inside the function.")
        ids = [id(v) for v in order]
        if len(ids) != len(set(ids)):
            if _appends_the_inputs(topological_order):
                raise Hint(f"For {name}, some node appears twice in your list: you append each input "
                           "(order.append(child)), so a node used twice is appended twice. Append the node being "
                           "visited instead, once, after the loop over its inputs.")
            raise Hint(f"For {name}, some node appears twice in your list: a node used twice is reached twice. Keep a "
                       "set of the nodes already visited, add each node to it when you first reach it "
                       "(visited.add(node)), and skip the nodes already in it.")
        if not order:
            raise Hint(f"For {name}, your list is empty: nothing was appended. Start the search from the output, "
                       "visit(root), before `return order`.")
        missing = [v for v in everything if id(v) not in set(ids)]
        if missing and returns_inside_a_loop(topological_order):
            raise Hint(f"For {name}, your list leaves out some nodes: a `return` inside the loop over node.inputs "
                       "stops at the first input. Let the loop visit every input, then append the node.")
        if all(v is not root for v in order):
            raise Hint(f"For {name}, your list leaves out the output itself (root). It belongs in the list too, "
                       "last: visit(root) appends it once all of its inputs are in.")
        if missing:
            twins = [v for v in missing if any(u.data == v.data for u in order)]
            if twins:
                twin = next(u for u in order if u.data == twins[0].data)
                raise Hint(f"For {name}, your list leaves out a node that holds the same number as another "
                           f"({_name(twin)} and {_name(twins[0])} both hold {twin.data:g}): two different nodes "
                           "can hold the same number. Keep the nodes themselves in visited, visited.add(node), not "
                           "their .data.")
            name_the_slip(topological_order, (
                (_first_input_only, f"For {name}, your list leaves out some nodes: your search follows only one "
                                    "input of each node (node.inputs[0]). Loop over all of them: for child in "
                                    "node.inputs."),
                (_loops_over_root_inputs_inside_visit, f"For {name}, your list leaves out the inputs' inputs: inside "
                                                       "your search, the loop goes over root.inputs for every node. "
                                                       "Loop over the inputs of the node being visited, node.inputs."),
            ))
            if {id(v) for v in order} == {id(root)} | {id(v) for v in root.inputs}:
                raise Hint(f"For {name}, your list holds only the output and its direct inputs. Visit the inputs' "
                           "inputs too, all the way down: call your function's search on each input (recursion).")
            if all(v.inputs for v in missing) and all(not v.inputs for v in order if v is not root):
                raise Hint(f"For {name}, your list holds only the leaves (and the output): append every node you "
                           "visit, the computed ones too, each after its inputs.")
            raise Hint(f"For {name}, the graph has {len(everything)} nodes but your list has {len(order)}: "
                       "some were left out. Visit every input of every node.")
        if order[-1] is not root and order[0] is root and _before_inputs(list(reversed(order))) is None:
            raise Hint("Your list is reversed: the output comes first. Put each node after its inputs (append it "
                       "once all of its inputs are in), so the output ends up last; backward() walks it reversed.")
        wrong = _before_inputs(order)
        if wrong is not None:
            raise Hint(f"For {name}, a node ({_name(wrong)}) comes before one of its own inputs. Append a node only "
                       "after visiting all of its inputs (after the loop over node.inputs).")
        if order[-1] is not root:
            raise Hint("The output should come last in the list.")
    top, reads = _ladder()
    with contextlib.redirect_stdout(io.StringIO()):
        run_learner(topological_order, top, explain=explain)
    walked, n_nodes = reads(), len(_all_nodes(top))
    if walked > 10 * n_nodes:
        raise Hint(f"Your lists are right, but your search walks a node again every time it is reached, once per path: "
                   f"on a graph of {n_nodes} nodes, each used twice by the next, it read node.inputs {walked:,} "
                   f"times. Paths double at every level, so a network's graph would take forever. Keep a set of the "
                   "nodes already visited, and skip them.")


# ---- exercise 4: backward() -----------------------------------------------------------------------------------

_NNLIB_BACKWARD = autograd.Value.backward  # the referee, kept even if a notebook cell gives Value a backward of its own


class _NestedBackward(Exception):
    """Raised when the learner's backward() calls a node's own backward() inside its loop."""


@contextlib.contextmanager
def _no_nested_backward():
    """While the learner's backward() runs on nnlib's Values, node.backward() raises _NestedBackward."""
    original = autograd.Value.backward

    def nested(self):
        raise _NestedBackward()
    autograd.Value.backward = nested
    try:
        yield
    finally:
        autograd.Value.backward = original


def _sets_each_grad_in_loop(function, number):
    """True if the learner's loop over the nodes sets the grad of the node it visits to `number` (0 or 1)."""
    return any_node(function, lambda loop: isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and any(
        isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value == number
        and any(_is_grad(t) and isinstance(t.value, ast.Name) and t.value.id == loop.target.id for t in node.targets)
        for node in ast.walk(loop)))


def _order_without_root(function):
    """True if the learner walks the function topological_order itself, not the list it gives: reversed(
    topological_order) or `for node in topological_order:`."""
    def is_it(node):
        return isinstance(node, ast.Name) and node.id == "topological_order"
    return any_node(function, lambda node: (isinstance(node, ast.For) and is_it(node.iter))
                    or (calls_function(node, "reversed") and any(is_it(a) for a in node.args)))


def _loop_steps_another_node(function):
    """The name whose step the learner's loop runs when it is not the loop's node (`for node in ...: root._backward()`
    gives 'root'), or None."""
    tree = source_tree(function)
    for loop in (n for n in ast.walk(tree or ast.Module(body=[], type_ignores=[])) if isinstance(n, ast.For)):
        for call in ast.walk(loop):
            if (_calls_method(call, "_backward") and isinstance(call.func.value, ast.Name)
                    and isinstance(loop.target, ast.Name)
                    and call.func.value.id != loop.target.id):
                return call.func.value.id
    return None


def _loops_over_inputs(function):
    """True if the learner's backward() loops over something.inputs (one node's inputs, not every node)."""
    return any_node(function, _over_inputs)


def _calls_itself(function):
    """True if the learner's function calls itself by name (a backward() that recurses from node to inputs)."""
    name = getattr(function, "__name__", None)
    return any_node(function, lambda call: calls_function(call, name))


def _reverses_in_place(function):
    """True if the learner loops over `something.reverse()` (which reverses in place and gives back None)."""
    return any_node(function, lambda node: isinstance(node, ast.For) and _calls_method(node.iter, "reverse"))


@check("Your backward() gives every node the grad nnlib's Value.backward() gives: the output's grad is 1, then each "
       "node's step runs, the output first.", number=4)
def backward_pass(backward):
    """backward(root): root.grad = 1, then node._backward() for every node in reversed topological order."""
    require_function(backward, "backward")
    if untouched_stub(backward, blank_object()):
        raise Hint("Your backward() does nothing yet: every grad is still 0. Start with the output's own grad, "
                   "root.grad = 1.0, then run every node's step, the output first.", returned_nothing=True)
    theirs = getattr(backward, "__globals__", {}).get("topological_order")
    order_missing = order_repeats = False
    if callable(theirs) and theirs is not topological_order:
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                listed = theirs(next(_graphs())[1])
                order_missing = is_stub(listed)
                order_repeats = isinstance(listed, (list, tuple)) and len({id(v) for v in listed}) < len(listed)
            except Exception:  # the learner's function may raise anything; exercise 3's check names it
                order_missing = True

    explain = (
        (_NestedBackward, "Inside the loop, run each node's own step, node._backward(). node.backward() would start a "
                          "whole new backward pass from that node."),
        (RecursionError, "Your backward() calls itself over and over. Inside the loop, run each node's own step, "
                         "node._backward(), not backward(node)."),
        (NameError, lambda error: getattr(error, "name", None) == "topological_order" and (
            "backward() uses topological_order, which is not defined yet: run exercise 3's cell first (or put "
            "`from nnlib.autograd import topological_order` at the top of this cell).")),
        (TypeError, lambda _: order_missing and (
            "Your topological_order from exercise 3 does not work yet, so there is no order to walk: finish it, or "
            "put `from nnlib.autograd import topological_order` at the top of this cell.")),
        (TypeError, lambda _: _order_without_root(backward) and (
            "topological_order without (root) is the function itself, not a list of nodes: call it, for node in "
            "reversed(topological_order(root)).")),
        (TypeError, lambda _: _reverses_in_place(backward) and (
            "order.reverse() turns the list around in place and gives back None, so there is nothing to loop over: "
            "write `for node in reversed(order):` (or order[::-1]).")),
    )

    for (name, root), (_, reference), (_, forwards), (_, doubled) in zip(_graphs(), _graphs(), _graphs(), _graphs()):
        with _no_nested_backward():
            run_learner(backward, root, explain=explain)
        _NNLIB_BACKWARD(reference)
        forwards.grad = 1.0  # what walking the order inputs first gives
        for node in topological_order(forwards):
            node._backward()
        doubled.grad = 1.0  # what running each step twice gives
        for node in reversed(topological_order(doubled)):
            node._backward()
            node._backward()
        nodes = topological_order(root)
        got = [node.grad for node in nodes]
        if not all(plain_number(g) for g in got):
            raise Hint(f"After your backward(), some grad is not a plain number: {got!r}.")
        want = [node.grad for node in topological_order(reference)]
        if close(got, want):
            continue
        if all(g == 0 for g in got):
            raise Hint("Every grad is still 0, the output's too: backward() starts by giving the output its own "
                       "grad, root.grad = 1.0 (the output moves one for one with itself), then runs every step.")
        if order_repeats and "topological_order" in getattr(backward, "__code__", compile("", "", "exec")).co_names:
            raise Hint("Your topological_order from exercise 3 lists some node twice, so its step runs twice and "
                       "passes its blame on twice. Finish exercise 3 (its check says what to change), or put "
                       "`from nnlib.autograd import topological_order` at the top of this cell.")
        recursive = _calls_itself(backward)
        name_the_slip(backward, (
            (lambda f: _sets_each_grad_in_loop(f, 0), "Your loop sets each node's grad to 0 just before its step, "
                                                      "wiping out the blame it has collected. Only the output's grad "
                                                      "is set (to 1), once, before the loop."),
            (lambda f: _sets_each_grad_in_loop(f, 1), "Your loop sets every node's grad to 1, which only the output's "
                                                      "is (it moves one for one with itself): set root.grad = 1.0 "
                                                      "once, before the loop, and let the steps fill in the rest."),
            (lambda f: source_tree(f) is not None and not recursive and not any_node(
                f, lambda node: isinstance(node, (ast.For, ast.While))),
             "Your backward() has no loop, so only some nodes get their blame: run every node's step, for node in "
             "reversed(topological_order(root)): node._backward()."),
        ))
        if close(root.grad, 1.0) and all(node.grad == 0 for node in nodes if node is not root):
            raise Hint("Only the output has its grad: the steps never passed it on. node._backward without brackets "
                       "only names the step, node._backward() runs it. (Or root.grad was set to 1 after the loop, "
                       "when every step had passed on 0.)")
        name_the_slip(backward, (
            (_loop_steps_another_node, lambda other: (
                f"Inside your loop, {other}._backward() runs the same node's step every time round. Run the step of "
                "the node the loop is at: for node in reversed(topological_order(root)): node._backward().")),
            (lambda f: _loops_over_inputs(f) and not recursive, "Your loop runs the steps of one node's inputs only, "
                                                                "so the blame stops one level down. Loop over every "
                                                                "node, the output first: for node in "
                                                                "reversed(topological_order(root))."),
            (lambda f: recursive, "Your backward() follows the graph by calling itself on each input, so a node used "
                                  "twice runs its step more than once, sometimes before all of its blame has arrived. "
                                  "Walk the topological order instead: for node in reversed(topological_order(root)): "
                                  "node._backward()."),
        ))
        if close(got, [node.grad for node in topological_order(forwards)]):
            raise Hint("Your loop walks the nodes inputs first, so each step runs before its node has any blame to "
                       "pass on. Walk the order backwards, the output first: for node in reversed(order).")
        if close(got, [node.grad for node in topological_order(doubled)]):
            raise Hint("Your loop runs each node's step twice, so each node passes its blame on twice: call "
                       "node._backward() once per node.")
        if not close(root.grad, 1.0):
            raise Hint(f"The output's grad should be 1 (it moves one for one with itself), but yours is "
                       f"{root.grad:g}.")
        k = max(k for k, (g, w) in enumerate(zip(got, want)) if not close(g, w))  # the one nearest the output
        raise Hint(f"For {name}, a node ({_name(nodes[k])}) should end with grad {want[k]:.4g}, as nnlib's "
                   f"Value.backward() gives, but yours has {got[k]:.4g}.")


