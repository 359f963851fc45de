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

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch
from matplotlib.path import Path
from matplotlib.textpath import TextPath

from .._validate import check_positive_int
from ..plots.style import NEGATIVE, OKABE_ITO, POSITIVE
from ..state.graph import GRAPHS, GraphBackprop, build, local_slopes, node_name, pretty  # noqa: F401
from ._live import LiveFigure, ToolkitWidget, View, image_widget
from .controls import button, column, label_width, slider
from .browser import PageValue, control_specs

SUMMED = OKABE_ITO[1]  # orange: edges whose blame is added up at their start
REVEALED = "#FFF4D6"  # the fill of a box whose grad is known
MAX_NODES = 40
NUMBER_PX = 10.5  # the numbers' size in pixels (7.5 points at 100 dpi)
_FONTS = {"normal": FontProperties(family="DejaVu Sans"), "bold": FontProperties(family="DejaVu Sans", weight="bold")}
_OUTLINES = {}  # (text, weight) -> its outline, centred on (0, 0): numbers repeat, and outlines are the slow part
_GLYPHS = {}  # (character, weight) -> (its outline's vertices and codes, its advance): numbers are built from these
NUMBER_CHARS = "0123456789.-+e"  # what number() writes (and TextPath lays out with no kerning between them)
FOOTER = ("each box: name, value, grad (blue +, red \u2212)  \u00b7  Step back: grads fill in from the output  "
          "\u00b7  orange: blame from two paths adds up")


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


class GraphView(View):
    """Draws one graph's boxes and edges once; draw() fills in the values, the grads revealed so far and the
    orange edges of a GraphBackprop state. Each box: the node's name or operation, its value, and (once revealed)
    its grad, in blue when positive and red when negative. No widgets needed."""

    BOX_H, PITCH, WIDTH = 46, 54, 720  # pixels

    def __init__(self, walk, title=""):
        self.order, self.edges, self.summed = walk.order, walk.edges, walk.summed
        if len(self.order) > MAX_NODES:
            raise ValueError(f"graph_explorer draws every node, so it keeps to graphs of at most {MAX_NODES} "
                             f"nodes, but this one has {len(self.order)}.")
        self.columns, self.rows, n_columns, n_rows = layout(self.order)
        width, height = self.WIDTH, max(170, n_rows * self.PITCH + 62)
        self.box_w = float(np.clip((width - 12) / n_columns - 16, 54, 78))
        self.live = LiveFigure(width, height, flat=True)  # boxes and text: a PNG without row filters
        ax = self.live.figure.add_axes([0, 0, 1, 1])
        ax.set(xlim=(0, width), ylim=(height, 0))
        ax.axis("off")
        pitch_x = (width - 12 - self.box_w) / max(n_columns - 1, 1)
        self.xy = [(6 + self.box_w / 2 + c * pitch_x, 30 + self.BOX_H / 2 + r * self.PITCH)
                   for c, r in zip(self.columns, self.rows)]
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
        self.title = title
        ax.text(8, 14, title, fontsize=9.5, va="center", color="#222222")
        ax.text(width / 2, height - 11, FOOTER, ha="center", va="center", fontsize=7.5, color="#444444")
        self.live.dynamic(self.highlight, self.current, self.boxes, self.names, self.values, self.grads)

    def _segment(self, a, b):
        (xa, ya), (xb, yb) = self.xy[a], self.xy[b]
        return [(xa + self.box_w / 2, ya), (xb - self.box_w / 2 - 3, yb)]

    def draw(self, walk):
        """Show every value of the walk's graph and the grads filled in so far. Returns walk.numbers."""
        nodes, shown, steps = walk.order, walk.shown, walk.steps
        texts_at(self.values, [number(v.data) for v in nodes], [(x, y + 1) for x, y in self.xy],
                 ["#222222"] * len(nodes))
        revealed = sorted(shown)
        texts_at(self.grads, [number(nodes[k].grad) for k in revealed],
                 [(self.xy[k][0], self.xy[k][1] + 15) for k in revealed],
                 [NEGATIVE if nodes[k].grad < -1e-12 else POSITIVE if nodes[k].grad > 1e-12 else "#222222"
                  for k in revealed])
        self.boxes.set_facecolors([REVEALED if k in shown else "white" for k in range(len(nodes))])
        self.highlight.set_segments([self._segment(a, b) for a, b in walk.numbers["summed_edges"]])
        last = walk.backward_order()[steps - 1] if steps else None
        self.current.set_visible(last is not None)
        if last is not None:
            x, y = self.xy[last]
            self.current.set_bounds(x - self.box_w / 2 - 3, y - self.BOX_H / 2 - 3, self.box_w + 6, self.BOX_H + 6)
        return walk.numbers


class GraphExplorer(ToolkitWidget):
    """The widget graph_explorer returns. controls: 'step', 'reset', 'all' (buttons), one slider per input and
    'steps' (how many grads are filled in, a value the page sets too);
    state_model: the GraphBackprop."""

    def __init__(self, view, walk, summary):
        super().__init__()
        self.view, self.live, self.state_model = view, view.live, walk
        names = [pretty(n) for n in walk.inputs]
        width = label_width(names, low=40)
        sliders = {name: slider(pretty(name), value, -3, 3, 0.05, width="235px", description_width=width,
                                tooltip=f"the input {pretty(name)}: the forward pass and every grad follow")
                   for name, value in walk.inputs.items()}
        self.controls = {"step": button("Step back", "fill in the next grad, from the output backwards",
                                        icon="step-backward"),
                         "reset": button("Reset", "hide every grad again (the values stay)", icon="undo"),
                         "all": button("All grads", "fill in every grad at once", icon="fast-backward"),
                         **sliders}
        buttons = widgets.HBox([self.controls[k] for k in ("step", "reset", "all")])
        per_row = 3
        rows = [widgets.HBox(list(sliders.values())[i:i + per_row]) for i in range(0, len(sliders), per_row)]
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        self._setup([self.image, self.readout, buttons, column(*rows)])
        for name in sliders:
            sliders[name].observe(self.refresh, names="value")
        self.controls["step"].on_click(lambda _: self._act(walk.step))
        self.controls["reset"].on_click(lambda _: self._act(walk.reset))
        self.controls["all"].on_click(lambda _: self._act(walk.reveal_all))
        # how many grads are filled in, as a value the page can set (Step back is answered in the page)
        self.controls["steps"] = PageValue(walk.steps, "grads filled in")
        self.controls["steps"].observe(self._steps_set, names="value")
        self.summary = summary
        self.refresh()
        self._offer_browser_view()

    browser_family = "graph"  # drawn in the page by front/graph.js (see widgets/browser.py)

    def browser_spec(self):
        """The graph once (each node's operation, inputs and box), the controls and the colours, for the page."""
        view, walk = self.view, self.state_model
        sliders = {id(walk.leaves[name]): name for name in walk.inputs}
        leaves = {id(v) for v in walk.leaves.values()}
        index = {id(v): k for k, v in enumerate(walk.order)}
        nodes = [{"name": node_name(v), "op": v.op, "inputs": [index[id(i)] for i in v.inputs],
                  "input": sliders.get(id(v)), "leaf": id(v) in leaves, "value": v.data} for v in walk.order]
        width, height = view.live.size
        return {"family": "graph", "size": [width, height], "title": view.title, "footer": FOOTER,
                "nodes": nodes, "inputs": list(walk.inputs), "edges": [list(e) for e in walk.edges],
                "summed": list(walk.summed), "xy": [list(map(float, xy)) for xy in view.xy],
                "box_w": view.box_w, "box_h": view.BOX_H,
                "colours": {"summed": SUMMED, "revealed": REVEALED, "positive": POSITIVE, "negative": NEGATIVE},
                "controls": control_specs(self.controls, buttons=True)}

    def _steps_set(self, change):
        if change["new"] != self.state_model.steps:
            self._act(self.state_model.go, change["new"])

    def state(self):
        """The GraphBackprop with the sliders' values (the steps taken stay taken)."""
        walk = self.state_model
        walk.set(**{name: self.controls[name].value for name in walk.inputs})
        if "steps" in self.controls:
            self.controls["steps"].value = walk.steps  # the page fills in as many grads as the kernel
        return walk

    @property
    def steps(self):
        """How many grads are filled in."""
        return self.state_model.steps


def graph_explorer(graph="neuron", steps=0, **inputs):
    """Backprop on a graph, one node at a time: Step back fills in the grads, the sliders move the inputs.

    graph: 'expression' (f = x * y + x), 'neuron' (07's sigmoid neuron) or 'network' (07's 2-2-1 ReLU network),
    or a function of Values (each argument becomes a slider; give the starting values as keywords, e.g.
    graph_explorer(lambda a, b: a * b + a, a=2.0, b=3.0)). For the named graphs, keywords change the starting
    values. steps: how many grads are filled in to begin with.
    Returns a GraphExplorer widget (.controls, .view, .frame, .render()). Introduced in 09_backprop_graph.
    """
    steps = check_positive_int(steps, "steps", allow_zero=True)
    if callable(graph):
        walk, title, label = GraphBackprop.of(graph, steps, **inputs), "your graph", "your function"
    else:
        walk = GraphBackprop.named(graph, steps, **inputs)
        title = GRAPHS[graph][3]
        label = title.split(":")[0]
    view = GraphView(walk, title)
    summary = (f"Graph explorer: {label}, {len(view.order)} nodes; Step back, Reset, All grads; "
               f"{len(walk.inputs)} sliders")
    return GraphExplorer(view, walk, summary)
