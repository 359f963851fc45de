"""nnlib.autograd.Value: values and gradients on random graphs against centred finite differences, the numbers
09_backprop_graph quotes, and a clear error for everything it does not support."""

import math

import numpy as np
import pytest

import nnlib
from nnlib.autograd import LogOfNonPositive, Value, topological_order

UNARY = ("relu", "tanh", "sigmoid", "exp", "log", "neg", "pow")
BINARY = ("+", "-", "*", "/", "r+", "r-", "r*", "r/")


def random_program(rng, n_leaves, n_steps):
    """A random graph as a list of steps, so it can be rebuilt from any leaf values (for finite differences).

    Operands are drawn from everything made so far, so nodes are often used twice or more. Each step keeps to
    where its operation is smooth at the starting point (log of positive numbers, no division near 0, relu
    away from its kink), so a centred difference is a fair referee."""
    leaves = rng.uniform(-1.5, 1.5, n_leaves)
    values, program = list(leaves), []
    while len(program) < n_steps:
        kind = rng.choice(["unary", "binary"])
        i, j = (int(k) for k in rng.integers(0, len(values), 2))
        a, b, c = values[i], values[j], float(np.round(rng.uniform(-2, 2), 2))
        if kind == "unary":
            op = str(rng.choice(UNARY))
            if op == "log" and a < 0.2 or op == "relu" and abs(a) < 0.05 or op == "exp" and a > 5:
                continue
            n = float(rng.choice([2, 3, -1, 0.5])) if op == "pow" else None
            if op == "pow" and (n < 0 and abs(a) < 0.3 or n == 0.5 and a < 0.2):
                continue
            program.append((op, i, n))
            values.append(unary(op, a, n))
        else:
            op = str(rng.choice(BINARY))
            if op == "/" and abs(b) < 0.3 or op == "r/" and abs(a) < 0.3:
                continue
            program.append((op, i, j if not op.startswith("r") else c))
            values.append(binary(op, a, b if not op.startswith("r") else c))
        if abs(values[-1]) > 50:  # keep numbers moderate, so finite differences stay accurate
            program.pop(), values.pop()
    return leaves, program


def unary(op, a, n):
    if op == "neg":
        return -a
    if op == "pow":
        return a ** n
    if isinstance(a, Value):
        return getattr(a, op)()
    return {"relu": lambda: max(a, 0.0), "tanh": lambda: math.tanh(a), "sigmoid": lambda: 1 / (1 + math.exp(-a)),
            "exp": lambda: math.exp(a), "log": lambda: math.log(a)}[op]()


def binary(op, a, b):
    # "r+" etc.: a plain number on the left, as in 2 * x
    return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
            "r+": lambda: b + a, "r-": lambda: b - a, "r*": lambda: b * a, "r/": lambda: b / a}[op]()


def run(program, leaves, tail=4):
    """Rebuild the graph from leaves (Values or floats); the output is the sum of the last few nodes."""
    values = list(leaves)
    for op, i, arg in program:
        if op in UNARY:
            values.append(unary(op, values[i], arg))
        else:
            values.append(binary(op, values[i], values[arg] if isinstance(arg, int) else arg))
    out = values[-1]
    for v in values[-tail:-1]:
        out = out + v
    return out


@pytest.mark.parametrize("seed", range(12))
def test_values_and_gradients_match_finite_differences_on_random_graphs(seed):
    rng = np.random.default_rng(seed)
    leaves, program = random_program(rng, n_leaves=int(rng.integers(2, 5)), n_steps=int(rng.integers(6, 16)))
    nodes = [Value(v) for v in leaves]
    out = run(program, nodes)
    assert math.isclose(out.data, run(program, leaves), rel_tol=1e-12, abs_tol=1e-12)
    out.backward()
    grads = np.array([v.grad for v in nodes])
    numeric = nnlib.numerical_gradient(lambda x: run(program, list(x)), leaves, h=1e-6)
    assert np.allclose(grads, numeric, rtol=1e-5, atol=1e-6), (grads, numeric)


def test_07s_neuron_and_a_node_used_twice():
    w, x, b = Value(0.5), Value(2.0), Value(-0.5)
    L = ((w * x + b).sigmoid() - 1.0) ** 2
    L.backward()
    assert round(L.data, 4) == 0.1425 and round(w.grad, 4) == -0.3549 and round(b.grad, 4) == -0.1774
    assert L.grad == 1.0
    x, y = Value(2.0), Value(3.0)
    f = x * y + x  # x reaches f along two paths: df/dx = y + 1
    f.backward()
    assert math.isclose(x.grad, 4.0) and math.isclose(y.grad, 2.0)
    a = Value(3.0)
    (a * a).backward()
    assert math.isclose(a.grad, 6.0)


def test_every_operation_has_its_own_node_and_the_order_puts_inputs_first():
    x, y = Value(1.5, label="x"), Value(-2.0, label="y")
    f = ((x - y) / (x * 2) + (-x) ** 2).tanh()
    order = topological_order(f)
    assert order[-1] is f and len({id(v) for v in order}) == len(order)
    position = {id(v): k for k, v in enumerate(order)}
    assert all(position[id(i)] < position[id(v)] for v in order for i in v.inputs)
    assert {v.op for v in order} >= {"-", "/", "*", "+", "neg", "**2", "tanh"}


def test_a_deep_chain_does_not_hit_the_recursion_limit():
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y * 1.0
    y.backward()
    assert math.isclose(x.grad, 1.0)


def test_edges_of_the_domain():
    for x0, expected in ((0.0, 0.0), (-1.0, 0.0), (2.0, 1.0)):
        x = Value(x0)
        x.relu().backward()
        assert x.grad == expected  # the slope of ReLU at 0 is taken as 0, as PyTorch does
    x = Value(-800.0)
    s = x.sigmoid()
    s.backward()
    assert s.data == 0.0 and x.grad == 0.0  # no overflow warning or error far out on the flat tail
    assert math.isclose(Value(800.0).sigmoid().data, 1.0)
    x = Value(0.0)
    (x ** 0.5).backward()
    assert x.grad == math.inf


def test_clear_errors_for_what_it_does_not_support():
    x = Value(2.0)
    with pytest.raises(TypeError, match="exponent must be a plain number"):
        x ** Value(2.0)
    with pytest.raises(TypeError, match="plain number"):
        x ** "2"
    for bad in (0.0, -1.0):
        with pytest.raises(LogOfNonPositive, match="positive numbers") as raised:
            Value(bad).log()
        assert isinstance(raised.value, ValueError)  # a ValueError, as a bad input to log is
    with pytest.raises(ValueError, match="whole"):
        Value(-2.0) ** 0.5
    with pytest.raises(ZeroDivisionError):
        x / 0
    with pytest.raises(ZeroDivisionError):
        1 / Value(0.0)
    with pytest.raises(ZeroDivisionError):
        Value(0.0) ** -1
    with pytest.raises(TypeError, match="exponent must be a plain number"):
        2 ** x
    with pytest.raises(OverflowError):
        Value(1000.0).exp()
    for bad in ("3", [1.0], None, True):
        with pytest.raises(TypeError, match="plain number"):
            x + bad
        with pytest.raises(TypeError, match="plain number"):
            bad * x
    with pytest.raises(TypeError, match="one plain number"):
        Value(Value(1.0))
    with pytest.raises(TypeError, match="one plain number"):
        Value("1.0")


def test_numpy_numbers_mix_in_and_repr_is_short():
    x = Value(2.0, label="x")
    y = np.float64(3.0) * x + np.int64(1)
    assert isinstance(y, Value) and y.data == 7.0
    assert repr(x) == "Value(x: data=2, grad=0)"


def test_grads_add_up_over_backward_calls_as_in_pytorch():
    # PyTorch: the leaves' .grad accumulate over backward() calls (hence optimizer.zero_grad()), while the blame
    # flowing through the graph is fresh each time. Twice through w -> m = w * x -> L = m * c gives w 2xc, not 3xc.
    w, x, c = Value(0.5), Value(2.0), Value(3.0)
    m = w * x
    L = m * c
    L.backward()
    L.backward()
    assert math.isclose(w.grad, 2 * 2.0 * 3.0) and math.isclose(x.grad, 2 * 0.5 * 3.0)
    assert math.isclose(m.grad, 3.0) and L.grad == 1.0  # a computed node shows the latest backward() only
    # two losses sharing a computed node h: the leaf gets the sum of both losses' blame
    w, x = Value(0.5), Value(2.0)
    h = w * x
    (h * 2.0).backward()
    (h * 3.0).backward()
    assert math.isclose(w.grad, (2.0 + 3.0) * 2.0)
    w.grad = 0.0  # zero_grad, by hand
    (h * 3.0).backward()
    assert math.isclose(w.grad, 3.0 * 2.0)


def test_slopes_are_taken_at_the_forward_pass():
    # changing .data after the forward pass (a gradient-descent step) does not change the graph's slopes
    a, b = Value(2.0), Value(3.0)
    out = a * b
    a.data = 100.0
    out.backward()
    assert b.grad == 2.0 and a.grad == 3.0


def test_each_value_keeps_its_local_slopes_by_hand():
    a, b = Value(2.0), Value(-3.0)
    cases = [(a + b, (1.0, 1.0)), (a - b, (1.0, -1.0)), (a * b, (-3.0, 2.0)), (a / b, (1 / -3.0, -2.0 / 9.0)),
             (a ** 3, (12.0,)), (-a, (-1.0,)), (b.relu(), (0.0,)), (a.relu(), (1.0,)),
             (a.log(), (0.5,)), (a.exp(), (math.exp(2.0),)), (a.tanh(), (1 - math.tanh(2.0) ** 2,)),
             (a.sigmoid(), (math.exp(-2.0) / (1 + math.exp(-2.0)) ** 2,))]
    for out, slopes in cases:
        assert len(out.local_slopes) == len(out.inputs) and np.allclose(out.local_slopes, slopes, rtol=1e-12), out.op
    assert a.local_slopes == () and a.inputs == ()
    square = a * a  # one input used twice: a slope for each use, 2 + 2 in all
    assert square.local_slopes == (2.0, 2.0)


def test_local_slopes_agree_with_finite_differences():
    h = 1e-6
    for op in ("+", "-", "*", "/"):
        x, y = Value(1.3), Value(-0.7)
        out = {"+": x + y, "-": x - y, "*": x * y, "/": x / y}[op]
        f = {"+": lambda p, q: p + q, "-": lambda p, q: p - q, "*": lambda p, q: p * q, "/": lambda p, q: p / q}[op]
        numeric = ((f(1.3 + h, -0.7) - f(1.3 - h, -0.7)) / (2 * h), (f(1.3, -0.7 + h) - f(1.3, -0.7 - h)) / (2 * h))
        assert np.allclose(out.local_slopes, numeric, rtol=1e-6), op


def test_the_graph_explorers_state_steps_back_by_hand():
    from nnlib.state.graph import GraphBackprop

    walk = GraphBackprop.named("expression")  # f = x * y + x at x = 2, y = 3: f = 8, df/dx = y + 1 = 4, df/dy = 2
    assert walk.numbers["output"] == 8.0 and walk.steps == 0 and "the output is <b>8.0000</b>" in walk.headline()
    first = walk.step()
    assert first["node"] == "+" and not first["terms"] and first["grads"][-1] == 1.0  # the output feeds nothing
    assert sum(g is not None for g in first["grads"]) == 1
    while walk.numbers["node"] != "x":
        walk.step()
    # x feeds the product (local slope y = 3) and the sum (local slope 1): two paths, 3 * 1 + 1 * 1 = 4
    assert sorted((user, slope, grad) for user, slope, grad in walk.numbers["terms"]) == [("+", 1.0, 1.0),
                                                                                       ("\u00d7", 3.0, 1.0)]
    assert walk.numbers["summed"] and "two paths meet here" in walk.headline() and "<b>4.0000</b>" in walk.headline()
    x_at = [node.label for node in walk.order].index("x")
    feeds = [b for b in range(len(walk.order)) if any(i is walk.order[x_at] for i in walk.order[b].inputs)]
    assert sorted(walk.numbers["summed_edges"]) == [(x_at, b) for b in sorted(feeds)] and len(feeds) == 2
    every = walk.reveal_all()
    assert every["leaf_grads"] == {"x": 4.0, "y": 2.0} and "Every grad is in" in walk.headline()
    moved = walk.set(x=1.0)  # f = 1 * 3 + 1 = 4; the grads filled in stay filled in
    assert moved["output"] == 4.0 and moved["steps"] == moved["n_nodes"] and moved["leaf_grads"]["y"] == 1.0
    reset = walk.reset()
    assert reset["grads"] == [None] * moved["n_nodes"] and reset["summed_edges"] == []
    with pytest.raises(ValueError, match="has no input"):
        GraphBackprop.named("neuron", q=1.0)
    with pytest.raises(ValueError, match="missing"):
        GraphBackprop.of(lambda a, b: a * b, a=1.0)
