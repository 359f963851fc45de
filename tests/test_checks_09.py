"""The exercise checks of 09_backprop_graph (right answers pass, stubs never do, each usual mistake gets its own
hint, never a traceback) and the graph widget it adds (graph_explorer)."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import widgets  # noqa: E402
from nnlib.autograd import Value  # noqa: E402
from nnlib.checks import graph  # noqa: E402

from feedback import hints, passes, stub_function  # noqa: E402


# ---- exercise 1 and 2: the backward of + and *, and += ----------------------------------------------------------

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
    passes(capsys, graph.add_mul_backward, add_assign, mul_assign)  # right for a node used once: exercise 2 is next
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


def test_used_twice(capsys):
    passes(capsys, graph.used_twice, add_right, mul_right)
    hints(capsys, graph.used_twice, add_assign, mul_assign, containing="use a.grad += ...")  # as shipped
    hints(capsys, graph.used_twice, add_right, mul_assign, containing="overwrote the first")
    hints(capsys, graph.used_twice, stub_function, stub_function, containing="does nothing yet")

    def mul_half_fixed(a, b, out):  # += for a, = for b: right for a * a, but not where b already held blame
        a.grad += b.data * out.grad
        b.grad = a.data * out.grad

    def mul_other_first(a, b, out):  # = for a, += for b
        b.grad += a.data * out.grad
        a.grad = b.data * out.grad

    hints(capsys, graph.used_twice, add_right, mul_other_first, containing="overwrote")

    def mul_assigns_a_first(a, b, out):  # = for a, then += for b: right for a * a, not where a already held blame
        a.grad = b.data * out.grad
        b.grad += a.data * out.grad

    hints(capsys, graph.used_twice, add_right, mul_assigns_a_first, containing="replaced it by 3 instead of adding")
    out = hints(capsys, graph.used_twice, add_right, mul_half_fixed)
    assert "should" in out or "+=" in out


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


# ---- exercise 3: the topological order -------------------------------------------------------------------------

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
    passes(capsys, graph.topological_sort, nnlib.autograd.topological_order)
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


def test_a_preorder_that_is_not_simply_reversed_gets_its_own_hint(capsys):
    def inputs_after_but_root_early(root):
        order = topo_right(root)
        return [order[-1]] + order[:-1] if len(order) > 3 else order  # root first, the rest in a good order
    out = hints(capsys, graph.topological_sort, inputs_after_but_root_early)
    assert "before one of its own inputs" in out or "reversed" in out


# ---- exercise 4: the XOR network from Values ---------------------------------------------------------------------

def xor_right(W1, b1, W2, b2, X, y, hidden="tanh", mean=True, sign=1, bias1=True, bias2=True, transpose=False,
              loss="bce", cut=False):
    total = 0
    for x, label in zip(X, y):
        h = []
        for j in range(2):
            z = sum(x[i] * (W1[j][i] if transpose else W1[i][j]) for i in range(2)) + (b1[j] if bias1 else 0)
            h.append(z if hidden == "none" else getattr(z, hidden)())
        if cut:
            h = [Value(v.data) for v in h]
        z = h[0] * W2[0][0] + h[1] * W2[1][0] + (b2[0] if bias2 else 0)
        p = z.sigmoid()
        if loss == "mse":
            total = total + (p - label) ** 2
        elif loss == "only_positive":
            total = total - label * p.log()
        else:
            total = total - (label * p.log() + (1 - label) * (1 - p).log())
    return sign * (total / len(X) if mean else total)


def test_xor_gradients(capsys):
    passes(capsys, graph.xor_gradients, xor_right)
    hints(capsys, graph.xor_gradients, stub_function, containing="returns nothing")
    with_ = lambda **kw: (lambda *args: xor_right(*args, **kw))  # noqa: E731
    hints(capsys, graph.xor_gradients, with_(sign=-1), containing="negative")
    hints(capsys, graph.xor_gradients, with_(mean=False), containing="mean")
    hints(capsys, graph.xor_gradients, with_(transpose=True), containing="transposed")
    hints(capsys, graph.xor_gradients, with_(bias1=False), containing="hidden neurons have no bias")
    hints(capsys, graph.xor_gradients, with_(bias2=False), containing="output has no bias")
    hints(capsys, graph.xor_gradients, with_(hidden="relu"), containing="ReLU")
    hints(capsys, graph.xor_gradients, with_(hidden="sigmoid"), containing="sigmoid in the hidden layer")
    hints(capsys, graph.xor_gradients, with_(hidden="none"), containing="no activation")
    hints(capsys, graph.xor_gradients, with_(loss="mse"), containing="squared error")
    hints(capsys, graph.xor_gradients, with_(loss="only_positive"), containing="y = 0")
    hints(capsys, graph.xor_gradients, with_(cut=True), containing="cut")
    hints(capsys, graph.xor_gradients, lambda *args: xor_right(*args).data, containing="not its .data")
    hints(capsys, graph.xor_gradients, lambda *args: "loss", containing="as a Value")
    hints(capsys, graph.xor_gradients, lambda W1, b1, W2, b2, X, y: W1[2][0], containing="IndexError")
    hints(capsys, graph.xor_gradients, lambda *args: xor_right(*args) * 1.5, containing="should be")


def test_the_xor_check_agrees_with_finite_differences():
    """The check's referee, MLP.gradients, is itself right: centred differences of MLP.loss agree."""
    model = graph._model()
    X, y = nnlib.logic_gate("xor")
    dWs, dbs = model.gradients(X, y)

    def loss_with_W1(W):
        m = graph._model()
        m.weights = [W, graph._W2.copy()]
        return m.loss(X, y)
    assert nnlib.relative_error(dWs[0], nnlib.numerical_gradient(loss_with_W1, graph._W1.copy())) < 1e-7
    assert not np.allclose(dbs[0], 0)  # the biases matter here, so forgetting one is caught


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


def test_graph_explorer_fills_in_each_grad_only_after_every_node_it_feeds_and_marks_every_summing_edge():
    from nnlib.autograd import topological_order

    for name in ("expression", "neuron", "network"):
        w = widgets.graph_explorer(name)
        order, n = w.view.order, len(w.view.order)
        uses = {id(v): sum(i is v for u in order for i in u.inputs) for v in order}
        assert [id(v) for v in order] == [id(v) for v in topological_order(order[-1])]
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
            assert w.frame["summed"] == (uses[id(order[last])] >= 2)
            orange = {(tuple(map(tuple, s))) for s in w.view.highlight.get_segments()}
            expected = {tuple(map(tuple, w.view._segment(a, b))) for a, b in w.view.edges
                        if uses[id(order[a])] >= 2 and a in shown}
            assert orange == expected
    assert {v.label for v in w.view.order if uses[id(v)] >= 2} == {"x1", "x2"}  # the network: the inputs only


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
    hints(capsys, graph.used_twice, add_prints, mul_right, containing="printed", multiline=True)

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

    def xor(W1, b1, W2, b2, X, y, output=lambda z: z.sigmoid(), early=False, show=False):
        total = 0
        for x, label in zip(X, y):
            hidden = [(x[0] * W1[0][j] + x[1] * W1[1][j] + b1[j]).tanh() for j in range(2)]
            p = output(hidden[0] * W2[0][0] + hidden[1] * W2[1][0] + b2[0])
            total = total - (label * p.log() + (1 - label) * (1 - p).log())
            if early:
                return total
        if show:
            print(total / len(X))
            return None
        return total / len(X)

    hints(capsys, graph.xor_gradients, lambda *a: xor(*a, early=True), containing="inside the loop")
    hints(capsys, graph.xor_gradients, lambda *a: xor(*a, output=lambda z: z), containing="forget .sigmoid()")
    hints(capsys, graph.xor_gradients, lambda *a: xor(*a, show=True), containing="prints the loss", multiline=True)
    passes(capsys, graph.xor_gradients, xor)
