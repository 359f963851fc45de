"""The exercise checks of 09_backprop_graph (right answers pass, stubs never do, each usual mistake gets its own
hint, never a traceback) and the graph widget it adds (graph_explorer)."""

import linecache
import math
import textwrap

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import autograd, value_network, widgets  # noqa: E402
from nnlib.autograd import Value  # noqa: E402
from nnlib.checks import engine, graph  # noqa: E402

from feedback import hints, passes, stub_function  # noqa: E402


# ---- exercise 1: the backward of + and * ----------------------------------------------------------------------

def add_right(a, b, out):
    a.grad += out.grad
    b.grad += out.grad


def mul_right(a, b, out):
    a.grad += b.data * out.grad
    b.grad += a.data * out.grad


def add_assign(a, b, out):
    a.grad = out.grad
    b.grad = out.grad


def mul_assign(a, b, out):
    a.grad = b.data * out.grad
    b.grad = a.data * out.grad


def test_add_mul_backward(capsys):
    passes(capsys, graph.add_mul_backward, add_right, mul_right)
    passes(capsys, graph.add_mul_backward, add_assign, mul_assign)  # right for a node used once: section 4 is next
    hints(capsys, graph.add_mul_backward, stub_function, mul_right, containing="does nothing yet")
    hints(capsys, graph.add_mul_backward, add_right, stub_function, containing="does nothing yet")

    def add_no_chain(a, b, out):
        a.grad += 1.0
        b.grad += 1.0

    def mul_no_chain(a, b, out):
        a.grad += b.data
        b.grad += a.data

    def mul_swapped(a, b, out):
        a.grad += a.data * out.grad
        b.grad += b.data * out.grad

    def add_returns(a, b, out):
        return out.grad, out.grad

    def mul_returns(a, b, out):
        return b.data * out.grad, a.data * out.grad

    def add_data(a, b, out):
        a.grad += out.data
        b.grad += out.data

    def add_only_a(a, b, out):
        a.grad += out.grad

    def mul_like_add(a, b, out):
        a.grad += out.grad
        b.grad += out.grad

    def mul_data(a, b, out):
        a.grad += b.data * out.data
        b.grad += a.data * out.data

    def mul_only_a(a, b, out):
        a.grad += b.data * out.grad

    def add_times_input(a, b, out):
        a.grad += a.data * out.grad
        b.grad += b.data * out.grad

    def crashes(a, b, out):
        a.gard += out.grad[0]

    hints(capsys, graph.add_mul_backward, add_no_chain, mul_right, containing="multiply by the blame")
    hints(capsys, graph.add_mul_backward, add_right, mul_no_chain, containing="chain rule's other factor")
    hints(capsys, graph.add_mul_backward, add_right, mul_swapped, containing="swapped")
    hints(capsys, graph.add_mul_backward, add_returns, mul_right, containing="returned its answer")
    hints(capsys, graph.add_mul_backward, add_right, mul_returns, containing="returned its answer")
    hints(capsys, graph.add_mul_backward, add_data, mul_right, containing="out.data")
    hints(capsys, graph.add_mul_backward, add_only_a, mul_right, containing="not b")
    hints(capsys, graph.add_mul_backward, add_times_input, mul_right, containing="as for *")
    hints(capsys, graph.add_mul_backward, add_right, mul_like_add, containing="straight through")
    hints(capsys, graph.add_mul_backward, add_right, mul_data, containing="out.data")
    hints(capsys, graph.add_mul_backward, add_right, mul_only_a, containing="not b")
    hints(capsys, graph.add_mul_backward, crashes, mul_right, containing="AttributeError")

    def mul_unfinished(a, b, out):
        a.grad += ... * out.grad
        b.grad += a.data * out.grad

    hints(capsys, graph.add_mul_backward, add_right, mul_unfinished, containing="In mul_backward: There is still a `...`")
    hints(capsys, graph.add_mul_backward, "add_backward", mul_right, containing="expected add_backward to be a function")


def test_exercise_1s_hints_do_not_give_away_section_4s_plus_equals(capsys):
    """Exercise 1 comes before += is taught: a hint may show `=` (right for a node used once), never `+=`."""
    def add_prints(a, b, out):
        print(out.grad, out.grad)

    def add_no_chain(a, b, out):
        a.grad = 1.0
        b.grad = 1.0

    def mul_swapped(a, b, out):
        a.grad = a.data * out.grad
        b.grad = b.data * out.grad

    def mul_only_a(a, b, out):
        a.grad = b.data * out.grad

    def mul_like_add(a, b, out):
        a.grad = out.grad
        b.grad = out.grad

    def add_returns(a, b, out):
        return out.grad, out.grad

    for add, mul in ((stub_function, mul_right), (add_prints, mul_right), (add_no_chain, mul_right),
                     (add_right, mul_swapped), (add_right, mul_only_a), (add_right, mul_like_add),
                     (add_returns, mul_right)):
        out = hints(capsys, graph.add_mul_backward, add, mul, multiline=True)
        assert "+=" not in out, out


def test_the_exercise_2_story_is_true():
    """09's text: with = the engine says df/dx = 3 for f = x * y + x at x = 2, y = 3; the truth is y + 1 = 4."""
    for add, mul, expected in ((add_assign, mul_assign, 3.0), (add_right, mul_right, 4.0)):
        x, y = Value(2.0), Value(3.0)
        p = Value(x.data * y.data)
        f = Value(p.data + x.data)
        f.grad = 1.0
        add(p, x, f)
        mul(x, y, p)
        assert math.isclose(x.grad, expected)
    assert math.isclose(nnlib.numerical_gradient(lambda v: v[0] * 3.0 + v[0], np.array([2.0]))[0], 4.0)


# ---- exercise 2: your own Value -------------------------------------------------------------------------------
# The published solution, and versions of it with one mistake each. Each class is compiled from a source kept in
# linecache under a file name of its own, as IPython keeps a cell's, so that the check can read it.

VALUE = '''
import math


class Value:
    def __init__(self, data, inputs=()):
        self.data = float(data)
        self.grad = 0.0
        self.inputs = tuple(inputs)
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,))

        def _backward():
            self.grad += (1 - t ** 2) * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other
'''

ADD_STEP = "            self.grad += out.grad\n            other.grad += out.grad\n"
MUL_STEP = "            self.grad += other.data * out.grad\n            other.grad += self.data * out.grad\n"
TANH_STEP = "            self.grad += (1 - t ** 2) * out.grad\n"


def value_class(*replacements):
    """The solution's Value with each (old, new) replacement made, compiled as a notebook cell would be."""
    source = VALUE
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new, 1)
    name = f"<exercise 2 variant {len(linecache.cache)}-{abs(hash(source))}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    namespace = {}
    exec(compile(source, name, "exec"), namespace)
    return namespace["Value"]


MUL_METHOD = VALUE[VALUE.index("    def __mul__"):VALUE.index("    def tanh")]
TANH_METHOD = VALUE[VALUE.index("    def tanh"):VALUE.index("    def __neg__")]
SHIPPED = value_class(
    (ADD_STEP, "            ...  # your code: pass out.grad back to self and to other\n"),
    (MUL_METHOD, "    def __mul__(self, other):\n        other = other if isinstance(other, Value) else Value(other)\n"
                 "        ...  # your code\n\n"),
    (TANH_METHOD, "    def tanh(self):\n        t = math.tanh(self.data)\n        ...  # your code\n\n"))


def test_own_value_passes_the_solution_and_names_the_stub(capsys):
    passes(capsys, engine.own_value, value_class())
    hints(capsys, engine.own_value, SHIPPED, containing="Your Value does nothing yet")
    add_done = value_class((MUL_METHOD, MUL_METHOD.replace(
        "        out = Value(self.data * other.data, (self, other))\n", "        ...\n        return None\n#")))
    hints(capsys, engine.own_value, add_done, containing="__mul__ returns nothing yet")


@pytest.mark.parametrize("replacements, containing", [
    # += is the lesson: = overwrites where a node is used twice or already holds blame
    ([(ADD_STEP, ADD_STEP.replace("+=", "="))], "overwrote the first"),
    ([(MUL_STEP, MUL_STEP.replace("+=", "="))], "a * a at a = 3"),
    ([(MUL_STEP, MUL_STEP.replace("self.grad +=", "self.grad ="))], "replaced it by 3 instead of adding"),
    ([(MUL_STEP, MUL_STEP.replace("other.grad +=", "other.grad ="))], "overwrote the first"),
    ([(ADD_STEP, ADD_STEP.replace("other.grad +=", "other.grad ="))], "overwrote the first"),
    ([(ADD_STEP, ADD_STEP.replace("self.grad +=", "self.grad ="))], "replaced it by 0.5"),
    ([(TANH_STEP, TANH_STEP.replace("+=", "="))], "tanh step replaced it"),
    ([(ADD_STEP, ADD_STEP.replace("+=", "=+"))], "`=+`"),
    ([(MUL_STEP, MUL_STEP.replace("+=", "=+"))], "`=+`"),
    ([(TANH_STEP, TANH_STEP.replace("+=", "=+"))], "`=+`"),
    # the backward of +
    ([(ADD_STEP, "            self.grad += 1.0\n            other.grad += 1.0\n")], "not times the blame"),
    ([(ADD_STEP, "            self.grad += out.data\n            other.grad += out.data\n")], "out.data"),
    ([(ADD_STEP, "            self.grad += out.grad\n")], "but not other"),
    ([(ADD_STEP, "            other.grad += out.grad\n")], "but not self"),
    ([(ADD_STEP, "            self.grad += self.data * out.grad\n            other.grad += other.data * out.grad\n")],
     "as for *"),
    ([(ADD_STEP, "            a.grad += out.grad\n            b.grad += out.grad\n")], "self and other"),
    ([(ADD_STEP, "            out.grad += self.grad\n")], "changed out.grad"),
    ([(ADD_STEP, "            self.grad += out.grad * 2\n            other.grad += out.grad * 2\n")],
     "should both be 0.7"),
    # the backward of *
    ([(MUL_STEP, "            self.grad += self.data * out.grad\n            other.grad += other.data * out.grad\n")],
     "swapped"),
    ([(MUL_STEP, "            self.grad += other.data\n            other.grad += self.data\n")],
     "chain rule's other factor"),
    ([(MUL_STEP, "            self.grad += out.grad\n            other.grad += out.grad\n")], "straight through"),
    ([(MUL_STEP, MUL_STEP.replace("out.grad", "out.data"))], "out.data"),
    ([(MUL_STEP, "            self.grad += other.data * out.grad\n")], "but not other"),
    ([(MUL_STEP, MUL_STEP.replace(".data * out.grad", " * out.grad"))], "put a Value into .grad"),
    ([(MUL_STEP, "            self.grad += out.data / self.data * out.grad\n"
                 "            other.grad += out.data / other.data * out.grad\n")], "divided by an input that is 0"),
    ([("self.data * other.data, (self, other)", "self.data + other.data, (self, other)")], "should hold -6"),
    ([("        other = other if isinstance(other, Value) else Value(other)\n        out = Value(self.data * ",
       "        out = Value(self.data * ")], "keep the first line of __add__ and __mul__"),
    # tanh
    ([(TANH_STEP, "            self.grad += (1 - self.data ** 2) * out.grad\n")], "used the input"),
    ([(TANH_STEP, "            self.grad += (1 - t) * out.grad\n")], "not 1 - t"),
    ([(TANH_STEP, "            self.grad += 1 - t ** 2\n")], "forgot to multiply by out.grad"),
    ([(TANH_STEP, "            self.grad += t * out.grad\n")], "not its slope"),
    ([(TANH_STEP, "            self.grad += out.grad\n")], "straight through"),
    ([(TANH_STEP, "            self.grad += (1 + t ** 2) * out.grad\n")], "with a minus"),
    ([(TANH_STEP, "            self.grad += (1 - t ** 2) * out.data\n")], "out.data"),
    ([("        out = Value(t, (self,))\n", "        out = Value(t, (self,))\n        return t\n")], "not a Value"),
    ([("t = math.tanh(self.data)", "t = math.tanh(self)")], "TypeError"),
    # how the pieces fit
    ([("        out._backward = _backward\n        return out\n\n    def __mul__",
       "        return out\n\n    def __mul__")], "do-nothing step"),
    ([("        out._backward = _backward\n        return out\n\n    def __mul__",
       "        out.backward = _backward\n        return out\n\n    def __mul__")], "do-nothing step"),
    ([("        out._backward = _backward\n        return out\n\n    def __mul__",
       "        out._backward = _backward()\n        return out\n\n    def __mul__")], "without brackets"),
    ([("out = Value(self.data + other.data, (self, other))", "out = Value(self.data + other.data)")],
     "does not list its inputs"),
    ([("        def _backward():\n            self.grad += out.grad", "        def _backward(self):\n"
                                                                       "            self.grad += out.grad")],
     "takes self"),
    ([("        return self * -1", "        return self * 1")], "tanh(x * y - 2 * x + 1)"),
    ([("out = Value(t, (self,))", "out = Value(t, (self))")], "with the comma"),
    ([("out = Value(t, (self,))", "out = Value(t, self)")], "inputs must be a tuple"),
])
def test_own_value_names_each_mistake(capsys, replacements, containing):
    hints(capsys, engine.own_value, value_class(*replacements), containing=containing)


@pytest.mark.parametrize("replacements, containing", [
    ([(ADD_STEP, "            ...\n")], "The backward step of a + b does nothing yet"),  # * and tanh done, + not
    ([(ADD_STEP, "            self.grad += ... * out.grad\n            other.grad += out.grad\n")],
     "`...` that is still in your code"),
    ([(MUL_STEP, "            self.grad += 2 * other.data * out.grad\n            other.grad += self.data * out.grad\n")],
     "a.grad should be -2.1 and b.grad 1.4"),
    ([(TANH_STEP, "            self.grad += 2 * (1 - t ** 2) * out.grad\n")], "(1 - t ** 2) * out.grad = 0.3913"),
    ([(ADD_STEP, "            self.grad = self.grad * 2 + out.grad\n            other.grad = other.grad * 2 + out.grad\n")],
     "the input's grad should end at 2"),
    ([("        return self * -1", "        return Value(-self.data)")], "disagree with finite differences"),
    ([("        self.grad = 0.0\n", "")], "has no .grad"),
    ([("        self.data = float(data)\n", "        self.data = float(data) + 1\n")], "keep __init__ as it was given"),
])
def test_own_value_names_more_mistakes(capsys, replacements, containing):
    hints(capsys, engine.own_value, value_class(*replacements), containing=containing)


def test_own_value_names_a_step_that_prints_instead_of_adding(capsys):
    printing = value_class((ADD_STEP, "            print(out.grad, out.grad)\n"))
    hints(capsys, engine.own_value, printing, containing="printed the blame", multiline=True)


def test_own_value_wants_the_learners_class(capsys):
    hints(capsys, engine.own_value, autograd.Value, containing="nnlib's own Value")
    hints(capsys, engine.own_value, value_class()(1.0), containing="a Value object (made with brackets)")
    hints(capsys, engine.own_value, None, containing="should be a class")


# ---- exercise 3: the topological order ------------------------------------------------------------------------

def topo_right(root):
    order, visited = [], set()

    def visit(node):
        if node not in visited:
            visited.add(node)
            for child in node.inputs:
                visit(child)
            order.append(node)
    visit(root)
    return order


def test_topological_sort(capsys):
    passes(capsys, graph.topological_sort, topo_right)
    passes(capsys, graph.topological_sort, autograd.topological_order)
    hints(capsys, graph.topological_sort, stub_function, containing="returns nothing")
    hints(capsys, graph.topological_sort, lambda root: list(reversed(topo_right(root))), containing="reversed")

    def no_visited(root):
        order = []

        def visit(node):
            for child in node.inputs:
                visit(child)
            order.append(node)
        visit(root)
        return order

    def preorder(root):
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                order.append(node)
                for child in node.inputs:
                    visit(child)
        visit(root)
        return order

    def only_direct(root):
        return list(dict.fromkeys(root.inputs)) + [root]

    def forever(root):
        def visit(node):
            visit(node)
        visit(root)

    def values_not_nodes(root):
        return [v.data for v in topo_right(root)]

    hints(capsys, graph.topological_sort, no_visited, containing="appears twice")
    hints(capsys, graph.topological_sort, preorder, containing="reversed")
    hints(capsys, graph.topological_sort, only_direct, containing="direct inputs")
    hints(capsys, graph.topological_sort, forever, containing="recurses forever")
    hints(capsys, graph.topological_sort, values_not_nodes, containing="Values themselves")
    hints(capsys, graph.topological_sort, lambda root: root.parents, containing="AttributeError")
    hints(capsys, graph.topological_sort, lambda root: root, containing="a single Value")
    hints(capsys, graph.topological_sort, lambda root: topo_right(root)[1:] + [topo_right(root)[0]],
          containing="before one of its own inputs")


def test_the_root_left_out_is_named_as_such(capsys):
    def without_root(root):  # the search started at each input instead of at the root
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                for child in node.inputs:
                    visit(child)
                order.append(node)
        for child in root.inputs:
            visit(child)
        return order

    out = hints(capsys, graph.topological_sort, without_root, containing="leaves out the output itself")
    assert "inputs' inputs" not in out
    hints(capsys, graph.topological_sort, lambda root: topo_right(root)[:-1], containing="leaves out the output")
    hints(capsys, graph.topological_sort, lambda root: [v for v in topo_right(root) if v.inputs],
          containing="some were left out")


def test_a_preorder_that_is_not_simply_reversed_gets_its_own_hint(capsys):
    def inputs_after_but_root_early(root):
        order = topo_right(root)
        return [order[-1]] + order[:-1] if len(order) > 3 else order  # root first, the rest in a good order
    out = hints(capsys, graph.topological_sort, inputs_after_but_root_early)
    assert "before one of its own inputs" in out or "reversed" in out


# ---- exercise 4: backward() -----------------------------------------------------------------------------------

def backward_right(root):
    root.grad = 1.0
    for node in reversed(autograd.topological_order(root)):
        node._backward()


def test_backward_pass(capsys):
    passes(capsys, graph.backward_pass, backward_right)
    hints(capsys, graph.backward_pass, stub_function, containing="does nothing yet")

    def no_start(root):
        for node in reversed(autograd.topological_order(root)):
            node._backward()

    def inputs_first(root):
        root.grad = 1.0
        for node in autograd.topological_order(root):
            node._backward()

    def no_brackets(root):
        root.grad = 1.0
        for node in reversed(autograd.topological_order(root)):
            node._backward  # noqa: B018

    def start_after(root):
        for node in reversed(autograd.topological_order(root)):
            node._backward()
        root.grad = 1.0

    def nested(root):
        root.grad = 1.0
        for node in reversed(autograd.topological_order(root)):
            node.backward()

    def itself(root):
        root.grad = 1.0
        for node in reversed(autograd.topological_order(root)):
            itself(node)

    def reverse_in_place(root):
        root.grad = 1.0
        order = autograd.topological_order(root)
        for node in order.reverse():
            node._backward()

    def starts_at_two(root):
        root.grad = 2.0
        for node in reversed(autograd.topological_order(root)):
            node._backward()

    def zeroes_each(root):
        root.grad = 1.0
        for node in reversed(autograd.topological_order(root)):
            if node is not root:
                node.grad = 0.0
            node._backward()

    def one_level(root):
        root.grad = 1.0
        root._backward()

    hints(capsys, graph.backward_pass, no_start, containing="root.grad = 1.0")
    hints(capsys, graph.backward_pass, inputs_first, containing="inputs first")
    hints(capsys, graph.backward_pass, no_brackets, containing="without brackets")
    hints(capsys, graph.backward_pass, start_after, containing="after the loop")
    hints(capsys, graph.backward_pass, nested, containing="node._backward()")
    hints(capsys, graph.backward_pass, itself, containing="calls itself")
    hints(capsys, graph.backward_pass, reverse_in_place, containing="reversed(order)")
    hints(capsys, graph.backward_pass, starts_at_two, containing="should be 1")
    hints(capsys, graph.backward_pass, zeroes_each, containing="wiping out the blame")
    hints(capsys, graph.backward_pass, one_level, containing="has no loop")

    def ones_each(root):
        for node in reversed(autograd.topological_order(root)):
            node.grad = 1.0
            node._backward()

    hints(capsys, graph.backward_pass, ones_each, containing="sets every node's grad to 1")
    hints(capsys, graph.backward_pass, "backward", containing="to be a function")
    assert autograd.Value.backward is not None and Value(1.0).backward() is None  # nnlib's method is back


def test_backward_pass_compares_every_grad_with_nnlibs(capsys):
    def twice(root):
        root.grad = 1.0
        for node in reversed(autograd.topological_order(root)):
            node._backward()
            node._backward()

    hints(capsys, graph.backward_pass, twice, containing="runs each node's step twice")

    def skips_a_node(root):  # no named slip: the hint names the first node whose grad differs from nnlib's
        root.grad = 1.0
        for node in reversed(autograd.topological_order(root)):
            if node.op != "sigmoid":
                node._backward()

    hints(capsys, graph.backward_pass, skips_a_node, containing="a node (w * x + b) should end with grad -0.1774, as nnlib's")


def test_backward_pass_names_a_missing_or_unfinished_topological_order(capsys):
    source = textwrap.dedent("""
        def backward(root):
            root.grad = 1.0
            for node in reversed(topological_order(root)):
                node._backward()
    """)
    missing, unfinished, theirs = {}, {"topological_order": stub_function}, {"topological_order": topo_right}
    for namespace in (missing, unfinished, theirs):
        exec(source, namespace)
    hints(capsys, graph.backward_pass, missing["backward"], containing="run exercise 3's cell first")
    hints(capsys, graph.backward_pass, unfinished["backward"], containing="exercise 3 does not work yet")
    passes(capsys, graph.backward_pass, theirs["backward"])


# ---- exercise 5: Neuron, Layer, MLP ---------------------------------------------------------------------------

def test_neuron_layer_mlp_passes_the_solution_on_either_engine(capsys):
    passes(capsys, engine.neuron_layer_mlp, value_network.Neuron, value_network.Layer, value_network.MLP)
    classes = network_classes(value_class())
    passes(capsys, engine.neuron_layer_mlp, *classes)


def network_classes(engine, neuron_call=None, layer_call=None, mlp_call=None):
    """The solution's Neuron, Layer and MLP on `engine`, with any __call__ replaced."""
    class Neuron:
        def __init__(self, n_in, rng):
            self.w = [engine(w) for w in rng.uniform(-1, 1, n_in)]
            self.b = engine(0.0)

        def __call__(self, x):
            if neuron_call:
                return neuron_call(self, x)
            z = self.b
            for w_i, x_i in zip(self.w, x):
                z = z + w_i * x_i
            return z.tanh()

    class Layer:
        def __init__(self, n_in, n_out, rng):
            self.neurons = [Neuron(n_in, rng) for _ in range(n_out)]

        def __call__(self, x):
            return layer_call(self, x) if layer_call else [neuron(x) for neuron in self.neurons]

    class MLP:
        def __init__(self, layer_sizes, seed=0):
            rng = np.random.default_rng(seed)
            self.layers = [Layer(n_in, n_out, rng) for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]

        def __call__(self, x):
            if mlp_call:
                return mlp_call(self, x)
            for layer in self.layers:
                x = layer(x)
            return x

    return Neuron, Layer, MLP


def weighted_sum(neuron, x):
    z = 0
    for w_i, x_i in zip(neuron.w, x):
        z = z + w_i * x_i
    return z


def return_in_loop(neuron, x):
    for w_i, x_i in zip(neuron.w, x):
        return (neuron.b + w_i * x_i).tanh()


def last_layer_in_loop(mlp, x):
    for layer in mlp.layers:
        return layer(x)


def same_x_for_every_layer(mlp, x):
    for layer in mlp.layers:
        out = layer(x)
    return out


def cut_between_layers(mlp, x):
    for layer in mlp.layers:
        x = [Value(v.data) for v in layer(x)]
    return x


@pytest.mark.parametrize("neuron_call, layer_call, mlp_call, containing", [
    (lambda n, x: None, None, None, "Neuron.__call__ returns nothing yet"),
    (lambda n, x: weighted_sum(n, x) + n.b, None, None, "without the tanh"),
    (lambda n, x: weighted_sum(n, x).tanh(), None, None, "forgot its bias"),
    (lambda n, x: weighted_sum(n, x).tanh() + n.b, None, None, "inside the tanh"),
    (return_in_loop, None, None, "inside the loop"),
    (lambda n, x: math.tanh((weighted_sum(n, x) + n.b).data), None, None, "plain number"),
    (lambda n, x: [(weighted_sum(n, x) + n.b).tanh()], None, None, "not a list"),
    (lambda n, x: (sum(n.w, n.b)).tanh(), None, None, "without multiplying each by its input"),
    (lambda n, x: sum((w * xi).tanh() for w, xi in zip(n.w, x)) + n.b, None, None, "tanh of each product"),
    (lambda n, x: Value((weighted_sum(n, x) + n.b).data).tanh(), None, None, "graph is cut"),
    (lambda n, x: (weighted_sum(n, x) + n.b).sigmoid(), None, None, "should give tanh(w . x + b)"),
    (None, lambda l, x: None, None, "Layer.__call__ returns nothing yet"),
    (None, lambda l, x: l.neurons[0](x), None, "gives back one Value"),
    (None, lambda l, x: (neuron(x) for neuron in l.neurons), None, "square brackets"),
    (None, lambda l, x: list(l.neurons), None, "the neurons themselves"),
    (None, lambda l, x: [l.neurons[0](x)], None, "a list of 2 Values"),
    (None, lambda l, x: [neuron(x[:1]) for neuron in l.neurons], None, "each neuron's output"),
    (None, None, lambda m, x: None, "MLP.__call__ returns nothing yet"),
    (None, None, lambda m, x: m.layers[1](m.layers[0](x))[0], "gives back one Value"),
    (None, None, last_layer_in_loop, "first layer's outputs"),
    (None, None, same_x_for_every_layer, "x = layer(x)"),
    (None, None, cut_between_layers, "graph is cut"),
    (None, None, lambda m, x: m.layers[1](m.layers[0](x[::-1])), "should give"),
    (None, None, lambda m, x: [layer(x) for layer in m.layers], "list of lists"),
])
def test_neuron_layer_mlp_names_each_mistake(capsys, neuron_call, layer_call, mlp_call, containing):
    classes = network_classes(autograd.Value, neuron_call, layer_call, mlp_call)
    hints(capsys, engine.neuron_layer_mlp, *classes, containing=containing)


def test_neuron_layer_mlp_names_an_untouched_exercise_and_other_shapes_of_answer(capsys):
    stubs = textwrap.dedent("""
        class Neuron:
            def __init__(self, n_in, rng):
                self.w = [Value(w) for w in rng.uniform(-1, 1, n_in)]
                self.b = Value(0.0)

            def __call__(self, x):
                ...


        class Layer:
            def __init__(self, n_in, n_out, rng):
                self.neurons = [Neuron(n_in, rng) for _ in range(n_out)]

            def __call__(self, x):
                ...


        class MLP:
            def __init__(self, layer_sizes, seed=0):
                rng = np.random.default_rng(seed)
                self.layers = [Layer(a, b, rng) for a, b in zip(layer_sizes[:-1], layer_sizes[1:])]

            def __call__(self, x):
                ...
    """)
    shipped = {"np": np, "Value": autograd.Value}
    exec(stubs, shipped)
    hints(capsys, engine.neuron_layer_mlp, shipped["Neuron"], shipped["Layer"], shipped["MLP"],
          containing="give back nothing yet")
    without_value = {"np": np}
    assert stubs.count("        ...\n") == 3
    exec(stubs.replace("        ...\n", "        return [0.0]\n"), without_value)
    hints(capsys, engine.neuron_layer_mlp, without_value["Neuron"], without_value["Layer"], without_value["MLP"],
          containing="needs Value, which is not defined yet")
    classes = network_classes(autograd.Value, neuron_call=lambda n, x: "tanh(w . x + b)")
    hints(capsys, engine.neuron_layer_mlp, *classes, containing="should return a Value")
    classes = network_classes(autograd.Value, mlp_call=lambda m, x: {"output": m.layers[1](m.layers[0](x))})
    hints(capsys, engine.neuron_layer_mlp, *classes, containing="last layer's list of Values")
    classes = network_classes(autograd.Value, mlp_call=lambda m, x: m.layers[1](m.layers[0](x)) * 2)
    hints(capsys, engine.neuron_layer_mlp, *classes, containing="a list of 1 Value")


def test_neuron_layer_mlp_says_when_the_learners_value_is_not_right_yet(capsys):
    broken = value_class((MUL_STEP, MUL_STEP.replace("+=", "=")))
    out = hints(capsys, engine.neuron_layer_mlp, *network_classes(broken), containing="your Value from exercise 2")
    assert "from nnlib.autograd import Value" in out
    hints(capsys, engine.neuron_layer_mlp, *network_classes(SHIPPED), containing="your Value from exercise 2")
    hints(capsys, engine.neuron_layer_mlp, value_network.Neuron, value_network.Layer, None,
          containing="should be a class")


# ---- the graph widget ---------------------------------------------------------------------------------------------

def test_graph_explorer_steps_back_in_reverse_topological_order_and_sums_where_paths_meet():
    w = widgets.graph_explorer("expression")
    assert w.frame["steps"] == 0 and all(g is None for g in w.frame["grads"])
    before = w.image.value
    w.controls["step"].click()
    assert w.image.value != before and w.frame["grads"][-1] == 1.0  # the output first
    for _ in range(3):
        w.controls["step"].click()
    assert w.frame["node"] == "x" and w.frame["summed"] and "two paths meet" in w.readout.value
    assert math.isclose(w.frame["leaf_grads"]["x"], 4.0) and "4.0000" in w.readout.value
    w.controls["step"].click()  # past the last node: nothing breaks
    assert w.frame["steps"] == 4 and w.last_error is None
    w.controls["reset"].click()
    assert w.frame["steps"] == 0


def test_graph_explorer_network_is_07s_hand_worked_example_and_sliders_recompute():
    w = widgets.graph_explorer("network")
    w.controls["all"].click()
    g = w.frame["leaf_grads"]
    assert math.isclose(w.frame["output"], 0.3025)
    assert np.allclose([g["W1₁₁"], g["W1₂₁"], g["W1₁₂"], g["W1₂₂"], g["W2₁"], g["W2₂"], g["b2"]],
                       [1.65, 3.3, 0, 0, 0.99, 0, 1.1])
    before = w.image.value
    w.controls["x1"].value = 0.5
    assert w.last_error is None and w.image.value != before and w.frame["steps"] == w.frame["n_nodes"]
    assert not math.isclose(w.frame["output"], 0.3025)


def test_graph_explorer_neuron_matches_07_and_every_control_is_labelled():
    w = widgets.graph_explorer("neuron", steps=9)
    assert round(w.frame["leaf_grads"]["w"], 4) == -0.3549 and round(w.frame["leaf_grads"]["b"], 4) == -0.1774
    for name, control in w.controls.items():
        assert control.description or control.tooltip, name
    width, height = w.live.size
    assert width <= 720 and height <= 400 and w.image.width == str(width)
    assert repr(w).startswith("Graph explorer: 07's neuron") and len(repr(w)) < 110


def test_graph_explorer_takes_a_function_and_explains_bad_arguments():
    w = widgets.graph_explorer(lambda a, b: (a * b).tanh() + a, a=0.5, b=-1.0, steps=5)
    assert w.frame["steps"] == 5 and math.isclose(w.frame["leaf_grads"]["a"], -(1 - math.tanh(-0.5) ** 2) + 1)
    with pytest.raises(ValueError, match="missing"):
        widgets.graph_explorer(lambda a, b: a * b, a=1.0)
    with pytest.raises(ValueError, match="Unknown graph"):
        widgets.graph_explorer("tree")
    with pytest.raises(ValueError, match="has no input"):
        widgets.graph_explorer("neuron", q=1.0)
    with pytest.raises(TypeError, match="should return a Value"):
        widgets.graph_explorer(lambda a: 3.0, a=1.0)


def orange_edges(w):
    """The orange edges drawn now, as (name of the box a segment starts in, name of the box it ends at), read
    from the picture: the box whose rectangle holds each end of the segment."""
    names = [v.label or {"*": "×", "+": "+"}.get(v.op, v.op) for v in w.view.order]

    def box_at(point):
        x, y = point
        inside = [k for k, (cx, cy) in enumerate(w.view.xy)
                  if abs(x - cx) <= w.view.box_w / 2 + 8 and abs(y - cy) <= w.view.BOX_H / 2]
        assert len(inside) == 1, (point, inside)
        return names[inside[0]]
    return sorted((box_at(segment[0]), box_at(segment[-1])) for segment in w.view.highlight.get_segments())


def test_graph_explorer_turns_orange_exactly_the_edges_leaving_a_node_used_twice_once_its_grad_is_known():
    # Worked out by hand. f = x * y + x: x feeds the product and the sum; its grad is filled in last (step 4).
    w = widgets.graph_explorer("expression")
    for step in range(1, 4):
        w.controls["step"].click()
        assert orange_edges(w) == [], step
    w.controls["step"].click()
    assert orange_edges(w) == [("x", "+"), ("x", "×")]
    # 07's neuron: no node is used twice, so nothing turns orange.
    w = widgets.graph_explorer("neuron")
    w.controls["all"].click()
    assert orange_edges(w) == []
    # 07's network: each input feeds both hidden neurons' products; nothing else is used twice.
    w = widgets.graph_explorer("network")
    assert orange_edges(w) == []
    w.controls["all"].click()
    assert orange_edges(w) == [("x1", "×"), ("x1", "×"), ("x2", "×"), ("x2", "×")]


def test_graph_explorer_fills_in_each_grad_only_after_every_node_it_feeds():
    for name in ("expression", "neuron", "network"):
        w = widgets.graph_explorer(name)
        order, n = w.view.order, len(w.view.order)
        assert [id(v) for v in order] == [id(v) for v in autograd.topological_order(order[-1])]
        for step in range(1, n + 1):
            w.controls["step"].click()
            shown = {k for k, g in enumerate(w.frame["grads"]) if g is not None}
            assert shown == set(range(n - step, n))  # reverse topological order: the output first
            last = n - step
            feeds = [k for k, u in enumerate(order) if any(i is order[last] for i in u.inputs)]
            assert all(k in shown for k in feeds)  # every node it feeds already has its whole grad
            if w.frame["terms"]:  # the readout's sum is the node's grad
                total = sum(slope * grad for _, slope, grad in w.frame["terms"])
                assert math.isclose(total, w.frame["grads"][last], rel_tol=1e-9, abs_tol=1e-12)


def test_each_new_beginner_mistake_gets_its_own_hint(capsys):
    def add_prints(a, b, out):
        print(out.grad, out.grad)

    def add_sets_data(a, b, out):
        a.data, b.data = out.grad, out.grad

    def mul_stores_a_value(a, b, out):
        a.grad += b * out.grad
        b.grad += a * out.grad

    def mul_from_grads(a, b, out):  # the inputs' grads are 0: the shares stay 0
        a.grad += b.grad * out.grad
        b.grad += a.grad * out.grad

    def mul_divides(a, b, out):  # out / a is b, except where a is 0
        a.grad += out.data / a.data * out.grad
        b.grad += out.data / b.data * out.grad

    def add_doubles(a, b, out):
        a.grad += 2 * out.grad
        b.grad += 2 * out.grad

    hints(capsys, graph.add_mul_backward, add_prints, mul_right, containing="printed", multiline=True)
    hints(capsys, graph.add_mul_backward, add_sets_data, mul_right, containing="changed a.data")
    hints(capsys, graph.add_mul_backward, add_right, mul_stores_a_value, containing="not b * out.grad")
    hints(capsys, graph.add_mul_backward, add_right, mul_from_grads, containing="left a.grad and b.grad at 0")
    hints(capsys, graph.add_mul_backward, add_right, mul_divides, containing="divided by an input that is 0")
    hints(capsys, graph.add_mul_backward, add_doubles, mul_right, containing="should be 0.7, but you gave 1.4")

    def topo_prints(root):
        print(topo_right(root))

    def topo_breadth_first_reversed(root):  # right on many graphs, wrong where a node feeds from near and far
        order, k = [root], 0
        while k < len(order):
            order += [child for child in order[k].inputs if all(child is not v for v in order)]
            k += 1
        return order[::-1]

    remembered = set()

    def topo_remembers(root):
        order = []

        def visit(node):
            if node not in remembered:
                remembered.add(node)
                for child in node.inputs:
                    visit(child)
                order.append(node)
        visit(root)
        return order

    hints(capsys, graph.topological_sort, topo_prints, containing="prints the order", multiline=True)
    hints(capsys, graph.topological_sort, topo_breadth_first_reversed, containing="comes before one of its own inputs")
    hints(capsys, graph.topological_sort, topo_remembers, containing="remembers the nodes of an earlier call")
    passes(capsys, graph.topological_sort, lambda root: tuple(topo_right(root)))


# ---- more beginners' slips, each named as made --------------------------------------------------------------------

def learners(source, **names):
    """What a learner's cell defines, compiled from source kept in linecache (as IPython keeps a cell's), so that the
    checks can read how it was written. names: what the notebook has defined by then."""
    source = textwrap.dedent(source)
    name = f"<a learner's cell {len(linecache.cache)}-{abs(hash(source))}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    namespace = {"np": np, "math": math, "Value": autograd.Value, **names}
    exec(compile(source, name, "exec"), namespace)
    return namespace


@pytest.mark.parametrize("add, mul, containing", [
    # `=+` gives the right numbers in exercise 1 (each input used once), but it is a slip, named without `+=`
    ("a.grad =+ out.grad\n    b.grad =+ out.grad", "a.grad = b.data * out.grad\n    b.grad = a.data * out.grad",
     "add_backward has `=+`"),
    ("a.grad = out.grad\n    b.grad = out.grad", "a.grad =+ b.data * out.grad\n    b.grad = a.data * out.grad",
     "mul_backward has `=+`"),
    ("a.grad, b.grad = out.grad", "a.grad = b.data * out.grad\n    b.grad = a.data * out.grad",
     "out.grad is a single number"),
    ("a.grad *= out.grad\n    b.grad *= out.grad", "a.grad = b.data * out.grad\n    b.grad = a.data * out.grad",
     "multiplied the grads already there"),
    ("x.grad = out.grad\n    y.grad = out.grad", "a.grad = b.data * out.grad\n    b.grad = a.data * out.grad",
     "sets x.grad, but inside the function its inputs are named a and b"),
    ("out.grad = a.grad + b.grad", "a.grad = b.data * out.grad\n    b.grad = a.data * out.grad", "changed out.grad"),
    ("a.grad = out.grad\n    b.grad = out.grad", "a.grad = out.data * out.grad\n    b.grad = out.data * out.grad",
     "used the product itself"),
    ("a.grad = out.grad\n    b.grad = out.grad",
     "a.grad = a.data * b.data * out.grad\n    b.grad = a.data * b.data * out.grad",
     "used the product itself"),
])
def test_exercise_1_names_more_slips(capsys, add, mul, containing):
    cell = learners(f"def add_backward(a, b, out):\n    {add}\n\n\ndef mul_backward(a, b, out):\n    {mul}\n",
                    x=Value(2.0), y=Value(3.0))
    out = hints(capsys, graph.add_mul_backward, cell["add_backward"], cell["mul_backward"], containing=containing)
    assert "+=" not in out  # exercise 1 comes before section 4's +=


@pytest.mark.parametrize("replacements, containing", [
    ([("        other = other if isinstance(other, Value) else Value(other)\n        out = Value(self.data * ",
       "        other = Value(other)\n        out = Value(self.data * ")], "__mul__ wraps other in Value(...)"),
    ([("        other = other if isinstance(other, Value) else Value(other)\n        out = Value(self.data + ",
       "        other = Value(other)\n        out = Value(self.data + ")], "__add__ wraps other in Value(...)"),
    ([("out = Value(self.data + other.data, (self, other))",
       "out = Value(self.data + other.data, (self, other), '+')")],
     "takes two: the number and the tuple of its inputs"),
    ([("out = Value(self.data * other.data, (self, other))", "out = Value(self * other, (self, other))")],
     "`self * other` runs __mul__ once more"),
    ([("        out._backward = _backward\n        return out\n\n    def __mul__",
       "        self._backward = _backward\n        return out\n\n    def __mul__")], "attached the step to an input"),
    ([("        out._backward = _backward\n        return out\n\n    def __mul__",
       "        out._backward = _backward\n        return self\n\n    def __mul__")], "returned self or other"),
    ([(TANH_STEP, "            self.grad += 1 - t ** 2 * out.grad\n")], "needs brackets"),
    ([(TANH_STEP, "            self.grad += (1 - t) ** 2 * out.grad\n")], "not (1 - t) ** 2"),
    ([(TANH_STEP, "            self.grad += (1 - math.tanh(t) ** 2) * out.grad\n")], "t already is tanh(self.data)"),
    ([(TANH_STEP, "            self.grad += 1 / math.cosh(t) ** 2 * out.grad\n")], "t already is tanh(self.data)"),
    ([(MUL_STEP, "            self.grad += out.data * out.grad\n            other.grad += out.data * out.grad\n")],
     "used the product itself"),
    ([(MUL_STEP, "            self.grad += other.grad * out.grad\n            other.grad += self.grad * out.grad\n")],
     "made from the numbers (.data"),
])
def test_exercise_2_names_more_slips(capsys, replacements, containing):
    hints(capsys, engine.own_value, value_class(*replacements), containing=containing)


TOPO_VISIT = """
def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node not in visited:
            visited.add(node)
            for child in node.inputs:
                visit(child)
            order.append(node)
    visit(root)
    return order
"""


@pytest.mark.parametrize("replacements, containing", [
    ([("    visit(root)\n", "")], "your list is empty"),
    ([("    return order\n", "    return visited\n")], "You returned a set"),
    ([("    return order\n", "    return order.reverse()\n")], "order.reverse() turns the list around in place"),
    ([("if node not in visited", "if node.data not in visited"), ("visited.add(node)", "visited.add(node.data)")],
     "w * x and the number 1 both hold 1"),
    ([("            visited.add(node)\n", "")], "visited.add(node)"),
    ([("                visit(child)\n", "                visit(child)\n                order.append(child)\n"),
      ("            order.append(node)\n    visit(root)", "    visit(root)\n    order.append(root)")],
     "you append each input"),
    ([("for child in node.inputs", "for child in root.inputs")], "over root.inputs for every node"),
    ([("            for child in node.inputs:\n                visit(child)\n",
       "            if node.inputs:\n                visit(node.inputs[0])\n")], "only one input of each node"),
    ([("                visit(child)\n", "                return visit(child)\n")], "a `return` inside the loop"),
    ([("            order.append(node)\n", "            if not node.inputs:\n                order.append(node)\n"),
      ("    return order\n", "    return order + [root]\n")], "only the leaves"),
])
def test_exercise_3_names_more_slips(capsys, replacements, containing):
    source = TOPO_VISIT
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    hints(capsys, graph.topological_sort, learners(source)["topological_order"], containing=containing)


def test_exercise_3_names_lists_that_outlive_a_call_and_a_search_without_a_visited_set(capsys):
    shared_default = learners("""
        def topological_order(root, order=[], visited=set()):
            if root not in visited:
                visited.add(root)
                for child in root.inputs:
                    topological_order(child, order, visited)
                order.append(root)
            return order
    """)
    hints(capsys, graph.topological_sort, shared_default["topological_order"], containing="default argument")
    every_path = learners("""
        def topological_order(root):
            order = []
            for child in root.inputs:
                order += topological_order(child)
            order.append(root)
            return list(dict.fromkeys(order))  # right, but it walks every path: 2 ** 12 of them in the ladder
    """)
    out = hints(capsys, graph.topological_sort, every_path["topological_order"], containing="once per path")
    assert "13 nodes" in out
    passes(capsys, graph.topological_sort, learners(TOPO_VISIT)["topological_order"])


BACKWARD = """
def backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        node._backward()
"""


@pytest.mark.parametrize("replacements, names, containing", [
    ([("topological_order(root))", "topological_order)")], {}, "call it"),
    ([("    for node in reversed(topological_order(root)):\n        node._backward()\n",
       "    return list(reversed(topological_order(root)))\n")], {}, "has no loop"),
    ([("    for node in reversed(topological_order(root)):\n        node._backward()\n",
       "    root._backward()\n    for node in root.inputs:\n        node._backward()\n")], {},
     "one node's inputs only"),
    ([("        node._backward()", "        root._backward()")], {}, "root._backward() runs the same node's step"),
    ([("    root.grad = 1.0\n    for node in reversed(topological_order(root)):\n        node._backward()\n",
       "    if first:\n        root.grad = 1.0\n    root._backward()\n    for child in root.inputs:\n"
       "        backward(child, False)\n"), ("def backward(root):", "def backward(root, first=True):")], {},
     "calling itself on each input"),
])
def test_exercise_4_names_more_slips(capsys, replacements, names, containing):
    source = BACKWARD
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    cell = learners(source, topological_order=autograd.topological_order, **names)
    hints(capsys, graph.backward_pass, cell["backward"], containing=containing)


def test_exercise_4_blames_exercise_3_when_its_order_repeats_a_node(capsys):
    no_visited = TOPO_VISIT.replace("        if node not in visited:\n            visited.add(node)\n",
                                    "        if True:\n")
    cell = learners(no_visited + BACKWARD)
    out = hints(capsys, graph.backward_pass, cell["backward"], containing="lists some node twice")
    assert "from nnlib.autograd import topological_order" in out


def test_exercise_4s_referee_is_nnlibs_backward_even_if_a_cell_replaced_it(capsys):
    """09's cell `Value.backward = backward` gives a learner's function to nnlib's Value if Value is nnlib's; the
    check keeps comparing with nnlib's own backward()."""
    wrong = learners(BACKWARD.replace("root.grad = 1.0", "root.grad = 2.0"),
                     topological_order=autograd.topological_order)["backward"]
    original = autograd.Value.backward
    autograd.Value.backward = wrong
    try:
        hints(capsys, graph.backward_pass, wrong, containing="should be 1")
    finally:
        autograd.Value.backward = original


SOLUTION_5 = """
class Neuron:
    def __init__(self, n_in, rng):
        self.w = [Value(w) for w in rng.uniform(-1, 1, n_in)]
        self.b = Value(0.0)

    def __call__(self, x):
        z = self.b
        for w_i, x_i in zip(self.w, x):
            z = z + w_i * x_i
        return z.tanh()


class Layer:
    def __init__(self, n_in, n_out, rng):
        self.neurons = [Neuron(n_in, rng) for _ in range(n_out)]

    def __call__(self, x):
        return [neuron(x) for neuron in self.neurons]


class MLP:
    def __init__(self, layer_sizes, seed=0):
        rng = np.random.default_rng(seed)
        self.layers = [Layer(n_in, n_out, rng) for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
"""
NEURON_LOOP = ("        z = self.b\n        for w_i, x_i in zip(self.w, x):\n            z = z + w_i * x_i\n"
               "        return z.tanh()\n")


@pytest.mark.parametrize("replacements, containing", [
    ([(NEURON_LOOP, "        x = [Value(x_i) for x_i in x]\n" + NEURON_LOOP)], "your code wraps the inputs in Value"),
    ([("return z.tanh()", "return math.tanh(z)")], "Python's math module"),
    ([("return z.tanh()", "return z.tanh")], "z.tanh without brackets"),
    ([("z = z + w_i * x_i", "z = w_i * x_i")], "kept only the last product: `z = w_i * x_i`"),
    ([("            z = z + w_i * x_i", "            z = self.b + w_i * x_i")], "starts again from b"),
    ([("        z = self.b\n", "        z = 0\n"), ("z = z + w_i * x_i", "z = z + w_i * x_i + self.b")],
     "once per input"),
    ([(NEURON_LOOP, "        return (sum(self.w * x) + self.b).tanh()\n")], "multiplied two lists"),
    ([("        for layer in self.layers:\n            x = layer(x)\n        return x\n",
       "        return self.layers[0](x)\n")], "run every layer, one after the other"),
])
@pytest.mark.parametrize("own_engine", [False, True])
def test_exercise_5_names_more_slips(capsys, replacements, containing, own_engine):
    source = SOLUTION_5
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    cell = learners(source, Value=value_class() if own_engine else autograd.Value)
    hints(capsys, engine.neuron_layer_mlp, cell["Neuron"], cell["Layer"], cell["MLP"], containing=containing)
    right = learners(SOLUTION_5, Value=value_class() if own_engine else autograd.Value)
    passes(capsys, engine.neuron_layer_mlp, right["Neuron"], right["Layer"], right["MLP"])
