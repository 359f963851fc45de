"""What 09_backprop_graph tells learners, checked against independent oracles (finite differences, nnlib.autograd,
a hand-worked count): the engine the learner writes in exercises 2-5 is nnlib's; the order matters where a node
with inputs feeds two results; training on the moons with and without clearing the grads does what the text says;
and no exercise starts from, or is followed by, another exercise's answer."""

import contextlib
import io
import math
import re
import types
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib
from nnlib import autograd, value_network

from feedback import harness

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "09_backprop_graph.ipynb"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def markdown(nb):
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def learners_engine(nb):
    """The published solutions of exercises 2 to 5 run in order, as a learner who solved them has them: their Value
    (with backward() attached, as the notebook does), topological_order, backward, Neuron, Layer and MLP."""
    namespace = {"np": np, "math": math, "nnlib": nnlib}
    for exercise in harness().exercises(nb):
        if "class Value" in exercise.solution or "def topological_order" in exercise.solution:
            exec(exercise.solution, namespace)
        elif "def backward" in exercise.solution:
            exec(exercise.solution, namespace)
            exec("Value.backward = backward", namespace)
        elif "class Neuron" in exercise.solution:
            exec(exercise.solution, namespace)
    for name in ("Value", "topological_order", "backward", "Neuron", "Layer", "MLP"):
        assert name in namespace, f"the solutions should define {name}"
    return types.SimpleNamespace(**{k: v for k, v in namespace.items() if not k.startswith("__")})


# ---- the learner's engine is nnlib's --------------------------------------------------------------------------

def random_formula(rng, n_leaves=3, n_steps=12):
    """A random formula of +, *, -, tanh and plain numbers, as steps that can run on any Value class or on floats
    (for finite differences). Operands are drawn from everything made so far, so nodes are often used twice."""
    steps = []
    for _ in range(n_steps):
        op = str(rng.choice(["+", "*", "-", "tanh", "number*", "+number"]))
        steps.append((op, int(rng.integers(0, n_leaves + len(steps))), int(rng.integers(0, n_leaves + len(steps))),
                      float(np.round(rng.uniform(-1.5, 1.5), 2))))
    return steps


def evaluate(steps, leaves, tanh):
    values = list(leaves)
    for op, i, j, c in steps:
        a, b = values[i], values[j]
        values.append({"+": lambda: a + b, "*": lambda: a * b, "-": lambda: a - b, "tanh": lambda: tanh(a),
                       "number*": lambda: c * a, "+number": lambda: a + c}[op]())
    out = values[-1]
    for v in values[-4:-1]:
        out = out + v
    return out


@pytest.mark.parametrize("seed", range(8))
def test_the_learners_value_and_backward_agree_with_nnlib_and_finite_differences(nb, seed):
    own = learners_engine(nb)
    rng = np.random.default_rng(seed)
    steps, start = random_formula(rng), rng.uniform(-1.2, 1.2, 3)
    theirs = [own.Value(v) for v in start]
    ours = [autograd.Value(v) for v in start]
    out_theirs = evaluate(steps, theirs, lambda v: v.tanh())
    out_ours = evaluate(steps, ours, lambda v: v.tanh())
    out_theirs.backward()
    out_ours.backward()
    assert math.isclose(out_theirs.data, out_ours.data, rel_tol=1e-12, abs_tol=1e-12)
    assert np.allclose([v.grad for v in theirs], [v.grad for v in ours], rtol=1e-10, atol=1e-12)
    numeric = nnlib.numerical_gradient(lambda x: evaluate(steps, list(x), math.tanh), start.copy())
    assert np.allclose([v.grad for v in theirs], numeric, rtol=1e-5, atol=1e-7)


def test_value_network_is_what_exercise_5_writes(nb):
    """§8's cells use value_network.MLP 'so that they run whether or not exercise 5 is done': same weights, same
    outputs, same grads as the published solution's classes on the learner's own Value."""
    own = learners_engine(nb)
    theirs, ours = own.MLP([2, 4, 4, 1], seed=3), value_network.MLP([2, 4, 4, 1], seed=3)
    assert np.allclose([p.data for p in theirs.parameters()], [p.data for p in ours.parameters()], rtol=0, atol=0)
    for x in ([0.3, -1.1], [1.4, 0.2]):
        a, b = theirs(x)[0], ours(x)[0]
        a.backward()
        b.backward()
        assert math.isclose(a.data, b.data, rel_tol=1e-12)
    assert np.allclose([p.grad for p in theirs.parameters()], [p.grad for p in ours.parameters()], rtol=1e-10)


def training_cells(nb):
    cells = [cell for cell in nb.cells if cell.cell_type == "code" and "mean_squared_error" in cell.source]
    assert len(cells) == 2 and "p.grad = 0.0" in cells[1].source and "p.grad = 0.0" not in cells[0].source
    return cells


def run_cells(cells, namespace, steps=None):
    """What the cells print; steps: run that many steps instead of the notebook's 60."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for cell in cells:
            assert "range(60)" in cell.source
            exec(cell.source if steps is None else cell.source.replace("range(60)", f"range({steps})"), namespace)
    return printed.getvalue()


def test_the_training_cells_print_the_same_numbers_with_the_learners_own_classes(nb):
    """(10 steps: the learner's Value, whose steps are closures that refer back to their node, is freed only by
    Python's cycle collector and runs about ten times slower than nnlib's.)"""
    own = learners_engine(nb)
    with_nnlib = run_cells(training_cells(nb), {"nnlib": nnlib, "value_network": value_network}, steps=10)
    with_own = run_cells(training_cells(nb), {"nnlib": nnlib, "value_network": types.SimpleNamespace(MLP=own.MLP)},
                         steps=10)
    assert with_own == with_nnlib and "the loss every 10 steps" in with_own


def test_the_training_cells_print_what_the_text_says(nb):
    printed = run_cells(training_cells(nb), {"nnlib": nnlib, "value_network": value_network})
    assert "every output at -1 or +1: True" in printed and " at the end: 1.0\n" in printed
    assert "16 of 16" in printed and "fell at every step: True" in printed


# ---- the order: a node with inputs that feeds two results --------------------------------------------------------

def test_a_node_with_inputs_that_passes_its_blame_on_too_early_loses_a_share():
    """§5: f = p * y + p with p = x * y. If p's step runs after the sum's but before the product's, x and y miss the
    product's share; in a topological order walked backwards they get it (finite differences agree)."""
    def build():
        x, y = autograd.Value(2.0), autograd.Value(3.0)
        p = x * y
        q = p * y
        f = q + p
        return x, y, p, q, f

    x, y, p, q, f = build()
    assert p.inputs, "the node of the example is computed, not a leaf: its blame has somewhere to go"
    f.grad = 1.0
    for node in (f, p, q):  # p too early
        node._backward()
    early = x.grad

    x, y, p, q, f = build()
    f.backward()
    numeric = nnlib.numerical_gradient(lambda v: (v[0] * v[1]) * v[1] + v[0] * v[1], np.array([2.0, 3.0]))
    assert np.allclose([x.grad, y.grad], numeric)
    assert not math.isclose(early, x.grad) and math.isclose(early, 3.0)  # only the sum's share reached x


def test_the_order_text_names_a_node_with_inputs_not_a_leaf(nb):
    text = markdown(nb)
    assert "if `x` passed blame on to *its* inputs" not in text  # x is a leaf: it has none
    assert r"$f = p \cdot y + p$ with $p = x \cdot y$" in text


def test_nnlibs_backward_twice_adds_up_on_the_leaves_only():
    """§5's last paragraph and §10: a second backward() on one graph gives the computed nodes this pass's blame and
    adds on the leaves."""
    x = autograd.Value(2.0)
    u = x * x
    f = u.tanh()
    f.backward()
    once_x, once_u = x.grad, u.grad
    f.backward()
    assert math.isclose(x.grad, 2 * once_x) and math.isclose(u.grad, once_u)


def test_pytorchs_second_backward_is_told_as_it_is(nb):
    text = markdown(nb)
    assert "just as PyTorch does" not in text
    assert "retain_graph=True" in text and "optimizer.zero_grad()" in text


# ---- training on the moons ------------------------------------------------------------------------------------

def train(seed, clear, steps=60, lr=0.3):
    X, y = nnlib.toy_2d("moons", n_samples=16, seed=0)
    points, targets = X.tolist(), (2.0 * y - 1).tolist()
    model = value_network.MLP([2, 4, 4, 1], seed=seed)
    losses = []
    for _ in range(steps):
        total = 0
        for x, target in zip(points, targets):
            error = model(x)[0] - target
            total = total + error * error
        loss = total * (1 / len(points))
        if clear:
            for p in model.parameters():
                p.grad = 0.0
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        losses.append(loss.data)
    outputs = [model(x)[0].data for x in points]
    wrong = sum((o > 0) != (t > 0) for o, t in zip(outputs, targets))
    return losses, outputs, wrong, max(abs(p.data) for p in model.parameters())


def test_the_notebooks_two_runs_do_what_the_text_says():
    cleared, _, wrong, _ = train(0, clear=True)
    forgot, outputs, forgot_wrong, largest = train(0, clear=False)
    assert all(b < a for a, b in zip(cleared, cleared[1:])) and wrong == 0
    assert cleared[:2] == forgot[:2] and cleared[2] != forgot[2]  # the first step is the same in both runs
    assert min(forgot[:30]) < min(cleared[:30])  # "for a while it even falls faster than it should"
    assert min(forgot) < 0.07 < min(cleared) and int(np.argmin(forgot)) == 26  # the instructors' page: 0.06 at 26
    assert forgot[2] < cleared[2] and forgot[3] > cleared[3]  # momentum: faster at first, then it overshoots
    assert sum(b > a for a, b in zip(forgot, forgot[1:])) >= 20  # it jumps up and down
    assert largest > 60 and train(0, clear=True)[3] < 2.5  # "the largest past 60, against about 2"
    assert min(abs(p) for p in outputs) > 0.99
    assert math.isclose(forgot[-1], 1.0, abs_tol=1e-3) and forgot_wrong == 4  # "4 of the 16 points wrong"
    assert max(forgot[-9:]) - min(forgot[-9:]) < 1e-3  # "ends stuck on a flat stretch"


@pytest.mark.parametrize("seed", range(1, 7))
def test_without_clearing_the_loss_jumps_and_the_outputs_saturate_whatever_the_starting_weights(seed):
    """Not only the notebook's seed: without zero_grad the loss rises at many steps and the weights grow until the
    tanh outputs sit near -1 or +1. (Where it ends is luck: for seed 1 it ends lower than the cleared run, so the
    text does not claim it always ends worse.)"""
    cleared, _, _, small = train(seed, clear=True)
    forgot, outputs, _, largest = train(seed, clear=False)
    assert sum(b > a for a, b in zip(forgot, forgot[1:])) >= 20
    assert largest > 3 * small and min(abs(o) for o in outputs) > 0.95


# ---- no answer given away ---------------------------------------------------------------------------------------

def solution_lines(solution):
    """The lines of a published solution that carry its answer (not the given scaffolding)."""
    stripped = [line.split("#")[0].strip() for line in solution.splitlines()]
    return {line for line in stripped if re.search(r"\.grad \+= |\.grad = .*out\.grad|root\.grad = 1|order\.append|"
                                                   r"z = z \+|x = layer\(x\)|neuron\(x\) for|node\._backward\(\)|"
                                                   r"visit\(child\)", line)}


def test_no_exercise_starts_from_another_exercises_solution_and_no_later_cell_shows_one(nb):
    exercises = harness().exercises(nb)
    answers = {i: solution_lines(e.solution) for i, e in enumerate(exercises)}
    assert all(answers.values()), answers
    for i, exercise in enumerate(exercises):
        for j, lines in answers.items():
            shown = [line for line in lines if line in exercise.stub]
            assert not shown, f"exercise {i + 1} starts from exercise {j + 1}'s answer: {shown}"
    solutions = {e.solution.strip() for e in exercises}
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "solution" in tags or "exercise" in tags or "student-hide" in tags:
            continue
        sources = [cell.source] if cell.cell_type == "code" else harness().code_blocks(cell.source)
        for source in sources:
            assert source.strip() not in solutions
            shown = [line for lines in answers.values() for line in lines if line in source]
            assert not shown, f"a cell shows an exercise's answer: {shown}"


def test_exercise_2s_backward_comes_after_the_loop_is_taught_not_before(nb):
    """Exercise 4 asks for backward(): no markdown before it prints the loop."""
    cells = nb.cells
    exercise_4 = next(i for i, c in enumerate(cells) if "exercise" in c.metadata.get("tags", [])
                      and "def backward" in c.source)
    for cell in cells[:exercise_4]:
        if cell.cell_type == "markdown":
            assert "node._backward()" not in "".join(harness().code_blocks(cell.source))


# ---- what the re-read added ------------------------------------------------------------------------------------

def test_no_straight_line_separates_the_16_moons():
    """§8: '16 points on two interleaved arcs, which no straight line separates' (and §8's 'no straight line could
    split them'): an exact linear program, on the notebook's own points."""
    from nnlib.separability import separating_line

    X, y = nnlib.toy_2d("moons", n_samples=16, seed=0)
    assert separating_line(X, y) is None


def test_the_uncleared_loop_is_momentum_with_no_friction():
    """§8: 'Adding up every old slope is momentum with no friction': the uncleared run's weights are, step for step,
    those of heavy-ball momentum v <- 1 * v + grad, p <- p - lr * v, run with grads cleared before each backward()."""
    X, y = nnlib.toy_2d("moons", n_samples=16, seed=0)
    points, targets = X.tolist(), (2.0 * y - 1).tolist()

    def loss_of(model):
        total = 0
        for x, target in zip(points, targets):
            error = model(x)[0] - target
            total = total + error * error
        return total * (1 / len(points))

    forgot, heavy_ball = value_network.MLP([2, 4, 4, 1], seed=0), value_network.MLP([2, 4, 4, 1], seed=0)
    velocity = [0.0] * len(heavy_ball.parameters())
    for _ in range(15):
        loss_of(forgot).backward()
        for p in forgot.parameters():
            p.data -= 0.3 * p.grad
        loss = loss_of(heavy_ball)
        for p in heavy_ball.parameters():
            p.grad = 0.0
        loss.backward()
        for k, p in enumerate(heavy_ball.parameters()):
            velocity[k] = 1.0 * velocity[k] + p.grad
            p.data -= 0.3 * velocity[k]
    assert np.allclose([p.data for p in forgot.parameters()], [p.data for p in heavy_ball.parameters()],
                       rtol=1e-9, atol=1e-12)


def test_seed_1_jumps_too_but_ends_lower_by_luck(nb):
    """§8's 'What to notice': with seed=1 in both cells the uncleared loss rises at 29 of 59 steps and ends lower
    than the cleared run."""
    text = markdown(nb)
    assert "put `seed=1` in both cells" in text and "rises at 29 of its 59 steps" in text
    cleared = train(1, clear=True)[0]
    forgot = train(1, clear=False)[0]
    assert sum(b > a for a, b in zip(forgot, forgot[1:])) == 29 and forgot[-1] < cleared[-1]
    cells = training_cells(nb)
    assert all(cell.source.count("value_network.MLP([2, 4, 4, 1], seed=0)") == 1 for cell in cells)


def test_the_learners_backward_run_twice_counts_the_computed_nodes_blame_again(nb):
    """§5: 'run it twice on one graph and ... the leaf x of tanh(x * x) ends with 3 times one pass's grad, not 2',
    while nnlib's, which clears the computed nodes first, gives 2."""
    own = learners_engine(nb)
    for engine, times in ((own.Value, 3.0), (autograd.Value, 2.0)):
        x = engine(0.7)
        f = (x * x).tanh()
        f.backward()
        once = x.grad
        f.backward()
        assert math.isclose(x.grad, times * once)
    assert "ends with 3 times one pass's grad, not 2" in markdown(nb)


def test_pytorch_is_described_as_current_pytorch_does_it(nb):
    """§8 and §10: optimizer.zero_grad() sets the grads to None by default (PyTorch 2.0 on); a second backward() on
    a graph whose ops saved tensors raises unless retain_graph=True (one of additions only saves nothing, so 'this
    graph', not every graph)."""
    text = markdown(nb)
    assert "sets it to `None` by default" in text and "set every parameter's grad to 0" not in text
    assert "a second time on this graph raises an error" in text and "on the same graph raises" not in text


def test_the_cross_entropy_section_09_points_to_is_in_07():
    nb07 = nbformat.read(NOTEBOOK.parent / "07_backprop.ipynb", as_version=4)
    headings = [line for cell in nb07.cells if cell.cell_type == "markdown" for line in cell.source.splitlines()
                if line.startswith("#")]
    section = next(k for k, h in enumerate(headings) if h.startswith("## 3."))
    cross_entropy = next(k for k, h in enumerate(headings) if "Why yes-or-no networks use cross-entropy" in h)
    assert section < cross_entropy < next(k for k, h in enumerate(headings) if h.startswith("## 4."))


def test_without_a_visited_set_the_search_is_walked_once_per_path(nb):
    """§5: 'without the set, a graph in which each node is used twice is searched once per path, and the number of
    paths doubles at every level': v1 = v0 + v0, v2 = v1 + v1, ... counted with a search that keeps no set."""
    assert "searched once per path" in markdown(nb)

    def visits_without_a_set(node):
        return 1 + sum(visits_without_a_set(child) for child in node.inputs)

    counts = []
    for levels in range(1, 9):
        node = autograd.Value(1.0)
        for _ in range(levels):
            node = node + node
        counts.append(visits_without_a_set(node))
        assert len(autograd.topological_order(node)) == levels + 1  # with a set: each node once
    assert counts == [2 ** (levels + 1) - 1 for levels in range(1, 9)]  # 1 + 2 + 4 + ...: doubling per level
