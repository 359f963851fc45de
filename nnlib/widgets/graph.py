"""Backprop on a graph, one node at a time. Introduced in 09_backprop_graph.

The computation is drawn as the graph nnlib.autograd builds: one box per Value (its name or operation, its value
and, once backprop reaches it, its grad), an edge from each input to the result it feeds, laid out left to
right by depth. "Step back" fills in one grad at a time in reverse topological order, starting with the
output's grad of 1; an edge turns orange where a node feeds two or more results, because there the blame
arriving along each edge is added up (+=). The sliders change the inputs and weights: the forward pass and
every grad are recomputed at once; the steps already taken stay taken.

Three graphs come ready: 'expression' (f = x * y + x, where x is used twice), 'neuron' (07's sigmoid neuron,
L = (sigmoid(w x + b) - y) ** 2) and 'network' (07's 2-2-1 ReLU network with L = (y_hat - y) ** 2). Any small
function of Values works too: graph_explorer(lambda a, b: (a * b).tanh(), a=0.5, b=-1.0).
"""

import html
import inspect
import struct
import zlib

import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch
from matplotlib.path import Path
from matplotlib.textpath import TextPath

from .._validate import check_choice, check_positive_int
from ..autograd import Value, topological_order
from ..plots.style import NEGATIVE, OKABE_ITO, POSITIVE
from ._live import LiveFigure, ToolkitWidget, button, column, label_width, slider

import ipywidgets as widgets

SUMMED = OKABE_ITO[1]  # orange: edges whose blame is added up at their start
REVEALED = "#FFF4D6"  # the fill of a box whose grad is known
OP_NAMES = {"+": "+", "-": "\u2212", "*": "\u00d7", "/": "/", "neg": "\u2212( )", "relu": "ReLU",
            "tanh": "tanh", "sigmoid": "\u03c3", "exp": "exp", "log": "log"}
MAX_NODES = 40
NUMBER_PX = 10.5  # the numbers' size in pixels (7.5 points at 100 dpi)
_FONTS = {"normal": FontProperties(family="DejaVu Sans"), "bold": FontProperties(family="DejaVu Sans", weight="bold")}
_OUTLINES = {}  # (text, weight) -> its outline, centred on (0, 0): numbers repeat, and outlines are the slow part
_GLYPHS = {}  # (character, weight) -> (its outline's vertices and codes, its advance): numbers are built from these
NUMBER_CHARS = "0123456789.-+e"  # what number() writes (and TextPath lays out with no kerning between them)


def _glyph(char, weight):
    """One character's outline at the origin, and how far the next character starts to its right."""
    key = (char, weight)
    if key not in _GLYPHS:
        alone = TextPath((0, 0), char, size=NUMBER_PX, prop=_FONTS[weight])
        zero = TextPath((0, 0), "0", size=NUMBER_PX, prop=_FONTS[weight]).vertices
        after = TextPath((0, 0), char + "0", size=NUMBER_PX, prop=_FONTS[weight]).vertices[len(alone.vertices):]
        _GLYPHS[key] = (alone.vertices, alone.codes, float(np.mean(after[:, 0] - zero[:, 0])))
    return _GLYPHS[key]


def _outline(text, weight="normal"):
    """A string as a filled outline in pixels (y pointing down), centred on (0, 0). A number is put together from
    its digits' outlines, which draws exactly what TextPath draws (the digits have no kerning) in a fraction of
    the time: one TextPath per new number took a millisecond or two, and a drag on the 28-node graph shows
    dozens of new numbers."""
    key = (text, weight)
    if key not in _OUTLINES:
        if len(_OUTLINES) > 5000:
            _OUTLINES.clear()
        if text and set(text) <= set(NUMBER_CHARS):
            parts, codes, x = [], [], 0.0
            for char in text:
                vertices, glyph_codes, advance = _glyph(char, weight)
                parts.append(vertices + [x, 0.0])
                codes.append(glyph_codes)
                x += advance
            path = Path(np.concatenate(parts), np.concatenate(codes))
        else:
            path = TextPath((0, 0), text, size=NUMBER_PX, prop=_FONTS[weight])
        vertices = path.vertices * [1, -1]
        if len(vertices):
            (x0, y0), (x1, y1) = vertices.min(axis=0), vertices.max(axis=0)
            vertices = vertices - [(x0 + x1) / 2, -NUMBER_PX * 0.36]  # centred across; the digits' middle on y
        _OUTLINES[key] = Path(vertices, path.codes)
    return _OUTLINES[key]


def texts_at(collection, texts, positions, colors, weights=None):
    """Show each text centred at its (x, y) pixel position. One collection of outlines, drawn in one go, is
    several times faster than one matplotlib Text per number, which keeps a drag smooth on a 28-node graph."""
    weights = weights or ["normal"] * len(texts)
    outlines = [_outline(t, w) for t, w in zip(texts, weights)]
    collection.set_paths([Path(o.vertices + xy, o.codes) for o, xy in zip(outlines, positions)])
    collection.set_facecolors(colors)


def number(v):
    """Four significant digits, as the notebooks print them: 0.6225, -0.3549, 1.65, 0."""
    if v == 0:
        return "0"
    return f"{v:.1e}" if abs(v) < 1e-3 or abs(v) >= 1e5 else f"{v:.4g}"


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
    saved = [(v, v.grad) for v in node.inputs] + [(node, node.grad)]
    for v in node.inputs:
        v.grad = 0.0
    node.grad = 1.0
    node._backward()
    slopes = {id(v): v.grad for v in node.inputs}
    for v, g in saved:
        v.grad = g
    return slopes


def layout(order):
    """Column and row of every node (by position in order): op nodes by depth, leaves just left of their first
    use, rows placed near the nodes they feed. Returns (columns, rows, n_columns, n_rows)."""
    index = {id(v): k for k, v in enumerate(order)}
    depth = [0] * len(order)
    for k, v in enumerate(order):
        if v.inputs:
            depth[k] = 1 + max(depth[index[id(i)]] for i in v.inputs)
    consumers = [[] for _ in order]
    for k, v in enumerate(order):
        for i in dict.fromkeys(id(i) for i in v.inputs):
            consumers[index[i]].append(k)
    for k, v in enumerate(order):
        if not v.inputs and consumers[k]:
            depth[k] = min(depth[c] for c in consumers[k]) - 1
    low = min(depth)
    columns = [d - low for d in depth]
    n_columns = max(columns) + 1
    n_rows = max(columns.count(c) for c in range(n_columns))
    rows = [0.0] * len(order)
    for c in reversed(range(n_columns)):
        members = [k for k in range(len(order)) if columns[k] == c]
        wanted = {k: np.mean([rows[j] for j in consumers[k]]) if consumers[k] else (n_rows - 1) / 2 for k in members}
        members.sort(key=lambda k: (wanted[k], k))
        centre = float(np.clip(np.mean(list(wanted.values())), (len(members) - 1) / 2,
                               n_rows - 1 - (len(members) - 1) / 2))
        for slot, k in enumerate(members):
            rows[k] = centre - (len(members) - 1) / 2 + slot
    return columns, rows, n_columns, n_rows


class _GraphFigure(LiveFigure):
    """A LiveFigure whose PNG is encoded without PNG's row filters: Pillow tries five filters on every row,
    which is most of a frame's time here, while this picture is mostly flat colour and packs as small without
    them. Same pixels, about twice as fast to encode."""

    def render(self):
        self.draw()
        width, height = self.size
        rows = np.asarray(self.canvas.buffer_rgba())[:, :, :3].reshape(height, 3 * width)
        raw = np.hstack([np.zeros((height, 1), np.uint8), rows]).tobytes()  # each row: filter 0, then RGB

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlacing
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1))
                + chunk(b"IEND", b""))


class GraphView:
    """Draws one graph's boxes and edges once; draw() fills in the values, the grads revealed so far and the
    orange edges. Each box: the node's name or operation, its value, and (once revealed) its grad, in blue when
    positive and red when negative. No widgets needed."""

    BOX_H, PITCH, WIDTH = 46, 54, 720  # pixels

    def __init__(self, function, inputs, title=""):
        self.function = function
        out, _ = build(function, inputs)
        self.order = topological_order(out)
        if len(self.order) > MAX_NODES:
            raise ValueError(f"graph_explorer draws every node, so it keeps to graphs of at most {MAX_NODES} "
                             f"nodes, but this one has {len(self.order)}.")
        self.columns, self.rows, n_columns, n_rows = layout(self.order)
        width, height = self.WIDTH, max(170, n_rows * self.PITCH + 62)
        self.box_w = float(np.clip((width - 12) / n_columns - 16, 54, 78))
        self.live = _GraphFigure(width, height)
        ax = self.live.figure.add_axes([0, 0, 1, 1])
        ax.set(xlim=(0, width), ylim=(height, 0))
        ax.axis("off")
        pitch_x = (width - 12 - self.box_w) / max(n_columns - 1, 1)
        self.xy = [(6 + self.box_w / 2 + c * pitch_x, 30 + self.BOX_H / 2 + r * self.PITCH)
                   for c, r in zip(self.columns, self.rows)]
        index = {id(v): k for k, v in enumerate(self.order)}
        self.edges = sorted({(index[id(i)], k) for k, v in enumerate(self.order) for i in v.inputs})
        uses = [sum(1 for v in self.order for i in v.inputs if i is node) for node in self.order]
        self.summed = [k for k, n in enumerate(uses) if n >= 2]
        segments = [self._segment(a, b) for a, b in self.edges]
        ax.add_collection(LineCollection(segments, colors="#9A9A9A", linewidths=1.0, zorder=1))
        ax.scatter([s[1][0] for s in segments], [s[1][1] for s in segments], marker=">", s=16, color="#9A9A9A",
                   zorder=2)  # arrowheads: the forward pass runs from left to right
        self.highlight = LineCollection([], colors=SUMMED, linewidths=3.0, zorder=1.5)
        ax.add_collection(self.highlight)
        # every box in one collection: drawn in one go, its fill showing which grads are known
        self.boxes = PathCollection([FancyBboxPatch((x - self.box_w / 2, y - self.BOX_H / 2), self.box_w, self.BOX_H,
                                                    boxstyle="round,pad=0,rounding_size=6").get_path()
                                     for x, y in self.xy], facecolors="white", edgecolors="#555555", linewidths=1.0,
                                    zorder=3)
        ax.add_collection(self.boxes)
        self.current = FancyBboxPatch((0, 0), self.box_w + 6, self.BOX_H + 6, boxstyle="round,pad=0,rounding_size=8",
                                      facecolor="none", edgecolor="#222222", linewidth=2.2, zorder=5, visible=False)
        ax.add_patch(self.current)
        # snap=False: snapping to whole pixels can squash the thin stroke of a "+" into a "-"
        self.names, self.values, self.grads = (PathCollection([], linewidths=0, zorder=4, snap=False)
                                               for _ in range(3))
        for collection in (self.names, self.values, self.grads):
            ax.add_collection(collection)
        texts_at(self.names, [node_name(v) for v in self.order], [(x, y - 13) for x, y in self.xy],
                 ["#222222" if not v.inputs else "#666666" for v in self.order],
                 ["bold" if not v.inputs else "normal" for v in self.order])  # the names never change
        ax.text(8, 14, title, fontsize=9.5, va="center", color="#222222")
        ax.text(width / 2, height - 11, "each box: name, value, grad (blue +, red \u2212)  \u00b7  Step back: grads "
                "fill in from the output  \u00b7  orange: blame from two paths adds up",
                ha="center", va="center", fontsize=7.5, color="#444444")
        self.live.dynamic(self.highlight, self.current, self.boxes, self.names, self.values, self.grads)

    def _segment(self, a, b):
        (xa, ya), (xb, yb) = self.xy[a], self.xy[b]
        return [(xa + self.box_w / 2, ya), (xb - self.box_w / 2 - 3, yb)]

    def backward_order(self):
        """Node positions in the order Step back reveals them: reverse topological order, the output first."""
        return list(reversed(range(len(self.order))))

    def draw(self, inputs, steps):
        """Rebuild the graph from inputs (name -> number), show every value and the first `steps` grads of the
        backward order. Returns the frame's numbers: 'output', 'values' and 'leaf_grads' (by input name),
        'grads' (per node, None where not yet revealed), 'steps', 'n_nodes', 'node' (the node revealed last, or
        None), 'terms' ((node it feeds, local slope, that node's grad) for each use) and 'summed'."""
        out, leaves = build(self.function, inputs)
        nodes = topological_order(out)
        steps = int(np.clip(steps, 0, len(nodes)))
        shown = set(self.backward_order()[:steps])
        texts_at(self.values, [number(v.data) for v in nodes], [(x, y + 1) for x, y in self.xy],
                 ["#222222"] * len(nodes))
        revealed = sorted(shown)
        texts_at(self.grads, [number(nodes[k].grad) for k in revealed],
                 [(self.xy[k][0], self.xy[k][1] + 15) for k in revealed],
                 [NEGATIVE if nodes[k].grad < -1e-12 else POSITIVE if nodes[k].grad > 1e-12 else "#222222"
                  for k in revealed])
        self.boxes.set_facecolors([REVEALED if k in shown else "white" for k in range(len(nodes))])
        self.highlight.set_segments([self._segment(a, b) for a, b in self.edges if a in self.summed and a in shown])
        last = self.backward_order()[steps - 1] if steps else None
        self.current.set_visible(last is not None)
        terms = None
        if last is not None:
            x, y = self.xy[last]
            self.current.set_bounds(x - self.box_w / 2 - 3, y - self.BOX_H / 2 - 3, self.box_w + 6, self.BOX_H + 6)
            node = nodes[last]
            users = [v for v in nodes if any(i is node for i in v.inputs)]
            terms = [(node_name(u), local_slopes(u)[id(node)], u.grad) for u in users]
        return {"output": out.data, "values": {node_name(v): v.data for v in leaves.values()},
                "leaf_grads": {node_name(v): v.grad for v in leaves.values()},
                "grads": [v.grad if k in shown else None for k, v in enumerate(nodes)],
                "steps": steps, "n_nodes": len(nodes), "node": None if last is None else node_name(nodes[last]),
                "terms": terms, "summed": last in self.summed}

    def render(self):
        return self.live.render()


def describe(frame):
    """The readout: what the last step did, in numbers (HTML)."""
    if frame["steps"] == 0:
        return (f"Forward pass done: the output is <b>{frame['output']:.4f}</b>. Press <b>Step back</b> to start "
                f"backprop ({frame['n_nodes']} nodes).")
    name = html.escape(frame["node"])
    if not frame["terms"]:
        text = f"Step 1 of {frame['n_nodes']}: the output <b>{name}</b> gets grad = 1 (it moves one for one with itself)."
    else:
        parts = " + ".join(f"{slope:.4f} \u00d7 {grad:.4f} (from {html.escape(user)})"
                           for user, slope, grad in frame["terms"])
        total = sum(slope * grad for _, slope, grad in frame["terms"])
        text = f"Step {frame['steps']} of {frame['n_nodes']}: <b>{name}</b> gets grad = {parts} = <b>{total:.4f}</b>"
        text += (": two paths meet here, so their blame is added." if frame["summed"] else
                 " (its local slope times the grad of the node it feeds).")
    if frame["steps"] == frame["n_nodes"]:
        text += " Every grad is in."
    return text


class GraphExplorer(ToolkitWidget):
    """The widget graph_explorer returns. controls: 'step', 'reset', 'all' (buttons) and one slider per input."""

    def __init__(self, view, inputs, fixed, steps, summary):
        super().__init__()
        self.view, self.live, self.fixed, self.steps = view, view.live, dict(fixed), steps
        names = [pretty(n) for n in inputs]
        width = label_width(names, low=40)
        sliders = {name: slider(pretty(name), value, -3, 3, 0.05, width="235px", description_width=width,
                                tooltip=f"the input {pretty(name)}: the forward pass and every grad follow")
                   for name, value in inputs.items()}
        self.controls = {"step": button("Step back", "fill in the next grad, from the output backwards",
                                        icon="step-backward"),
                         "reset": button("Reset", "hide every grad again (the values stay)", icon="undo"),
                         "all": button("All grads", "fill in every grad at once", icon="fast-backward"),
                         **sliders}
        buttons = widgets.HBox([self.controls[k] for k in ("step", "reset", "all")])
        per_row = 3
        rows = [widgets.HBox(list(sliders.values())[i:i + per_row]) for i in range(0, len(sliders), per_row)]
        self.image = widgets.Image(format="png", width=str(self.live.size[0]),
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.readout = widgets.HTML()
        self._setup([self.image, self.readout, buttons, column(*rows)])
        for name in sliders:
            sliders[name].observe(self.refresh, names="value")
        self.controls["step"].on_click(lambda _: self._go(self.steps + 1))
        self.controls["reset"].on_click(lambda _: self._go(0))
        self.controls["all"].on_click(lambda _: self._go(len(self.view.order)))
        self.summary = summary
        self.refresh()

    def _go(self, steps):
        self.steps = int(np.clip(steps, 0, len(self.view.order)))
        self.refresh()

    def state(self):
        values = {name: float(c.value) for name, c in self.controls.items() if name not in ("step", "reset", "all")}
        return {**values, **self.fixed}

    def _redraw(self):
        frame = self.view.draw(self.state(), self.steps)
        self.image.value = self.live.render()
        self.readout.value = describe(frame)
        return frame


def graph_explorer(graph="neuron", steps=0, **inputs):
    """Backprop on a graph, one node at a time: Step back fills in the grads, the sliders move the inputs.

    graph: 'expression' (f = x * y + x), 'neuron' (07's sigmoid neuron) or 'network' (07's 2-2-1 ReLU network),
    or a function of Values (each argument becomes a slider; give the starting values as keywords, e.g.
    graph_explorer(lambda a, b: a * b + a, a=2.0, b=3.0)). For the named graphs, keywords change the starting
    values. steps: how many grads are filled in to begin with.
    Returns a GraphExplorer widget (.controls, .view, .frame, .render()). Introduced in 09_backprop_graph.
    """
    if callable(graph):
        names = list(inspect.signature(graph).parameters)
        missing = [n for n in names if n not in inputs]
        if missing:
            raise ValueError(f"give a starting value for every argument of the function: missing {missing}, "
                             f"e.g. graph_explorer(f, {missing[0]}=1.0).")
        function, sliders, fixed, title = graph, {n: float(inputs[n]) for n in names}, {}, "your graph"
        label = "your function"
    else:
        check_choice(graph, "graph", tuple(GRAPHS))
        function, sliders, fixed, title = GRAPHS[graph]
        unknown = [n for n in inputs if n not in sliders and n not in fixed]
        if unknown:
            raise ValueError(f"the {graph} graph has no input {unknown[0]!r}; its inputs are "
                             f"{list(sliders) + list(fixed)}.")
        sliders = {n: float(inputs.get(n, v)) for n, v in sliders.items()}
        fixed = {n: float(inputs.get(n, v)) for n, v in fixed.items()}
        label = title.split(":")[0]
    view = GraphView(function, {**sliders, **fixed}, title)
    steps = check_positive_int(steps, "steps", allow_zero=True)
    summary = (f"Graph explorer: {label}, {len(view.order)} nodes; Step back, Reset, All grads; "
               f"{len(sliders)} sliders")
    return GraphExplorer(view, sliders, fixed, steps, summary)
