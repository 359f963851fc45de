"""Backprop on a graph, one node at a time, as the graph explorer holds it. Introduced in 09_backprop_graph.

    walk = GraphBackprop.named("neuron")   # 07's neuron: L = (sigmoid(w x + b) - y) ** 2
    walk.step()                            # the output's grad, 1
    walk.step(); walk.step()               # the next grads, from the output back
    walk.set(w=0.8)                        # another weight: every value and grad again, the steps stay taken
    walk.numbers["leaf_grads"], walk.headline()

The graph is the one nnlib.autograd builds; each node's local slopes are its own (Value.local_slopes). No
ipywidgets, no matplotlib: the widget in nnlib.widgets.graph draws this state and nothing else.
"""

import html
import inspect

from .._validate import check_choice
from ..autograd import Value, topological_order

OP_NAMES = {"+": "+", "-": "\u2212", "*": "\u00d7", "/": "/", "neg": "\u2212( )", "relu": "ReLU",
            "tanh": "tanh", "sigmoid": "\u03c3", "exp": "exp", "log": "log"}


def _expression(x, y):
    return x * y + x


def _neuron(x, w, b, y=1.0):
    return ((w * x + b).sigmoid() - y) ** 2


def _network(x1, x2, W1_11, W1_12, W1_21, W1_22, W2_1, W2_2, b1_1=0.0, b1_2=0.1, b2=0.2, y=1.0):
    h1 = (x1 * W1_11 + x2 * W1_21 + b1_1).relu()
    h2 = (x1 * W1_12 + x2 * W1_22 + b1_2).relu()
    return (h1 * W2_1 + h2 * W2_2 + b2 - y) ** 2


# name -> (function, starting values of its slider inputs, starting values of its fixed inputs, title)
GRAPHS = {
    "expression": (_expression, {"x": 2.0, "y": 3.0}, {}, "f = x * y + x"),
    "neuron": (_neuron, {"x": 2.0, "w": 0.5, "b": -0.5}, {"y": 1.0}, "07's neuron: L = (sigmoid(w x + b) - y) ** 2"),
    "network": (_network, {"x1": 1.0, "x2": 2.0, "W1_11": 0.5, "W1_12": -0.6, "W1_21": 0.2, "W1_22": 0.1,
                           "W2_1": 1.5, "W2_2": 0.8}, {"b1_1": 0.0, "b1_2": 0.1, "b2": 0.2, "y": 1.0},
                "07's 2-2-1 network: L = (y_hat - y) ** 2"),
}
_SUBSCRIPTS = str.maketrans("0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089")


def pretty(name):
    """'W1_21' -> 'W1₂₁': a parameter's name as the notebooks write it."""
    head, _, tail = name.partition("_")
    return head + tail.translate(_SUBSCRIPTS) if tail.isdigit() else name


def build(function, inputs):
    """Run function on Values named after inputs (name -> number). Returns (output, {name: leaf Value})."""
    leaves = {name: Value(v, label=pretty(name)) for name, v in inputs.items()}
    out = function(**leaves)
    if not isinstance(out, Value):
        raise TypeError(f"the function should return a Value (built from its inputs), but returned "
                        f"{type(out).__name__}.")
    out.backward()
    return out, leaves


def node_name(node):
    return node.label or OP_NAMES.get(node.op, node.op)


def local_slopes(node):
    """d node / d each of its inputs, as node's own backward step uses them ({id(input): slope}; an input used
    twice, as in a * a, gets the sum of both)."""
    slopes = {}
    for value, slope in zip(node.inputs, node.local_slopes):
        slopes[id(value)] = slopes.get(id(value), 0.0) + slope
    return slopes


class GraphBackprop:
    """A function of Values, its graph, and how many of its grads backprop has filled in so far.

    function: a function of named Values; inputs: the slider inputs (name -> number); fixed: the other inputs.
    set(**inputs) recomputes the forward pass and every grad (the steps stay taken); step(), reset() and
    reveal_all() fill in one more grad, none, or all. order: the nodes, each after its inputs (the output last);
    edges: (input position, result position) pairs; summed: the positions of nodes that feed two or more results.
    numbers: 'output', 'values' and 'leaf_grads' (by input name), 'grads' (per node, None where not yet
    filled in), 'steps', 'n_nodes', 'node' (the node filled in last, or None), 'terms' ((node it feeds, local
    slope, that node's grad) for each use), 'summed' (whether that node's blame came along two or more paths) and
    'summed_edges' (the edges, as positions, along which blame adds up at a node filled in). headline(): the
    readout.
    """

    def __init__(self, function, inputs, fixed=None, steps=0):
        self.function, self.inputs, self.fixed = function, dict(inputs), dict(fixed or {})
        self._forward()
        index = {id(v): k for k, v in enumerate(self.order)}
        self.edges = sorted({(index[id(i)], k) for k, v in enumerate(self.order) for i in v.inputs})
        uses = [sum(1 for v in self.order for i in v.inputs if i is node) for node in self.order]
        self.summed = [k for k, n in enumerate(uses) if n >= 2]
        self.go(steps)

    @classmethod
    def named(cls, graph, steps=0, **inputs):
        """One of GRAPHS ('expression', 'neuron', 'network'), its starting values changed by keywords."""
        check_choice(graph, "graph", tuple(GRAPHS))
        function, sliders, fixed, _ = GRAPHS[graph]
        unknown = [n for n in inputs if n not in sliders and n not in fixed]
        if unknown:
            raise ValueError(f"the {graph} graph has no input {unknown[0]!r}; its inputs are "
                             f"{list(sliders) + list(fixed)}.")
        return cls(function, {n: float(inputs.get(n, v)) for n, v in sliders.items()},
                   {n: float(inputs.get(n, v)) for n, v in fixed.items()}, steps)

    @classmethod
    def of(cls, function, steps=0, **inputs):
        """Any function of Values: each argument an input, its starting value given as a keyword."""
        names = list(inspect.signature(function).parameters)
        missing = [n for n in names if n not in inputs]
        if missing:
            raise ValueError(f"give a starting value for every argument of the function: missing {missing}, "
                             f"e.g. graph_explorer(f, {missing[0]}=1.0).")
        return cls(function, {n: float(inputs[n]) for n in names}, {}, steps)

    def _forward(self):
        self.out, self.leaves = build(self.function, {**self.inputs, **self.fixed})
        self.order = topological_order(self.out)

    def backward_order(self):
        """Node positions in the order Step back fills them in: reverse topological order, the output first."""
        return list(reversed(range(len(self.order))))

    def set(self, **inputs):
        """New values for some inputs: the forward pass and every grad again; the steps taken stay taken."""
        self.inputs.update({name: float(value) for name, value in inputs.items()})
        self._forward()
        return self.go(self.steps)

    def go(self, steps):
        """Fill in the first `steps` grads of the backward order (0 to every node)."""
        nodes = self.order
        self.steps = min(max(int(steps), 0), len(nodes))
        self.shown = set(self.backward_order()[:self.steps])
        last = self.backward_order()[self.steps - 1] if self.steps else None
        terms = None
        if last is not None:
            node = nodes[last]
            users = [v for v in nodes if any(i is node for i in v.inputs)]
            terms = [(node_name(u), local_slopes(u)[id(node)], u.grad) for u in users]
        self.numbers = {"output": self.out.data, "values": {node_name(v): v.data for v in self.leaves.values()},
                        "leaf_grads": {node_name(v): v.grad for v in self.leaves.values()},
                        "grads": [v.grad if k in self.shown else None for k, v in enumerate(nodes)],
                        "steps": self.steps, "n_nodes": len(nodes),
                        "node": None if last is None else node_name(nodes[last]), "terms": terms,
                        "summed": last in self.summed,
                        "summed_edges": [(a, b) for a, b in self.edges if a in self.summed and a in self.shown]}
        return self.numbers

    def step(self):
        return self.go(self.steps + 1)

    def reset(self):
        return self.go(0)

    def reveal_all(self):
        return self.go(len(self.order))

    def headline(self):
        """What the last step did, in numbers (HTML)."""
        frame = self.numbers
        if frame["steps"] == 0:
            return (f"Forward pass done: the output is <b>{frame['output']:.4f}</b>. Press <b>Step back</b> to "
                    f"start backprop ({frame['n_nodes']} nodes).")
        name = html.escape(frame["node"])
        if not frame["terms"]:
            text = (f"Step 1 of {frame['n_nodes']}: the output <b>{name}</b> gets grad = 1 (it moves one for one "
                    "with itself).")
        else:
            parts = " + ".join(f"{slope:.4f} \u00d7 {grad:.4f} (from {html.escape(user)})"
                               for user, slope, grad in frame["terms"])
            total = sum(slope * grad for _, slope, grad in frame["terms"])
            text = (f"Step {frame['steps']} of {frame['n_nodes']}: <b>{name}</b> gets grad = {parts} = "
                    f"<b>{total:.4f}</b>")
            text += (": two paths meet here, so their blame is added." if frame["summed"] else
                     " (its local slope times the grad of the node it feeds).")
        if frame["steps"] == frame["n_nodes"]:
            text += " Every grad is in."
        return text
