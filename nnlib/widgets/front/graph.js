// The graph explorer, drawn in the browser (09_backprop_graph). The kernel sends the graph once (each node's
// operation and inputs, where its box goes); the sliders and Step back / Reset / All grads are answered here: the
// forward pass and every grad are recomputed in the page with nn.js's Value operations (valueGraph), as
// nnlib.autograd computes them, and the inputs and the number of grads filled in go back to the kernel, which
// keeps the state (nnlib.state.graph.GraphBackprop).
//
// The picture, as the kernel draws it (nnlib/widgets/graph.py): one box per Value (its name or operation, its
// value and, once backprop reaches it, its grad in blue when positive and red when negative), an edge from each
// input to the result it feeds, orange where blame from two paths adds up, the box filled in last outlined.

// Four significant digits, as graph.number() writes them: 0.6225, -0.3549, 1.65, 0, 1.2e-05.
function graphNumber(v) {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  const exponent = (text) => text.replace(/e([+-])(\d)$/, "e$10$2");
  if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) return exponent(v.toExponential(1));
  const text = v.toPrecision(4);
  if (text.includes("e")) {
    const [mantissa, power] = text.split("e");
    return exponent(`${mantissa.replace(/\.?0+$/, "")}e${power}`);
  }
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function graphState(spec, values) {
  const inputs = {};
  for (const name of spec.inputs) inputs[name] = values[name];
  return { inputs, steps: Math.min(Math.max(Math.round(values.steps), 0), spec.nodes.length) };
}

// What the frame shows, computed from the state alone, with the names GraphBackprop.numbers uses.
function graphFrame(spec, state) {
  const nodes = spec.nodes;
  const n = nodes.length;
  const { data, grads, slopes } = valueGraph(nodes, (k) => (nodes[k].input ? state.inputs[nodes[k].input]
                                                                             : nodes[k].value));
  const shown = [];
  for (let s = 0; s < state.steps; s++) shown.push(n - 1 - s);  // the backward order: the output first
  const last = state.steps ? n - state.steps : null;
  let terms = null;
  if (last !== null) {
    terms = [];
    nodes.forEach((node, u) => {
      if (!node.inputs.includes(last)) return;
      let slope = 0;
      node.inputs.forEach((i, j) => { if (i === last) slope += slopes[u][j]; });
      terms.push([node.name, slope, grads[u]]);
    });
  }
  const values = {};
  const leafGrads = {};
  nodes.forEach((node, k) => {  // the function's named inputs: the sliders' and the fixed ones (y)
    if (node.leaf) {
      values[node.name] = data[k];
      leafGrads[node.name] = grads[k];
    }
  });
  const failed = data.findIndex((v) => !Number.isFinite(v));
  return {
    output: data[n - 1], data, all_grads: grads, values, leaf_grads: leafGrads,
    grads: grads.map((g, k) => (shown.includes(k) ? g : null)), steps: state.steps, n_nodes: n,
    node: last === null ? null : nodes[last].name, terms, summed: spec.summed.includes(last),
    summed_edges: spec.edges.filter(([a]) => spec.summed.includes(a) && shown.includes(a)),
    failed: failed < 0 ? null : nodes[failed].name, shown,
  };
}

// GraphBackprop.headline(), as text.
function graphHeadline(spec, state, frame) {
  if (frame.failed !== null) {
    return `The forward pass has no number at ${frame.failed} for these inputs (a division by 0, the log or ` +
      "a power of a number outside its domain, or an overflow): move a slider back.";
  }
  if (frame.steps === 0) {
    return `Forward pass done: the output is ${fixed(frame.output, 4)}. Press Step back to start backprop ` +
      `(${frame.n_nodes} nodes).`;
  }
  let text;
  if (!frame.terms.length) {
    text = `Step 1 of ${frame.n_nodes}: the output ${frame.node} gets grad = 1 (it moves one for one with itself).`;
  } else {
    const parts = frame.terms.map(([user, slope, grad]) => `${fixed(slope, 4)} × ${fixed(grad, 4)} (from ${user})`)
      .join(" + ");
    const total = frame.terms.reduce((sum, [, slope, grad]) => sum + slope * grad, 0);
    text = `Step ${frame.steps} of ${frame.n_nodes}: ${frame.node} gets grad = ${parts} = ${fixed(total, 4)}`;
    text += frame.summed ? ": two paths meet here, so their blame is added."
      : " (its local slope times the grad of the node it feeds).";
  }
  if (frame.steps === frame.n_nodes) text += " Every grad is in.";
  return text;
}

function graphDescription(spec, state, frame) {
  const leaves = Object.entries(frame.values).map(([name, v]) => `${name} = ${graphNumber(v)}`).join(", ");
  const grads = frame.shown.map((k) => `${spec.nodes[k].name}: ${graphNumber(frame.all_grads[k])}`).join("; ");
  return `Computation graph of ${spec.title}, ${frame.n_nodes} nodes from the inputs on the left to the output ` +
    `on the right: ${leaves}; output ${graphNumber(frame.output)}. ` +
    (frame.steps ? `${frame.steps} of ${frame.n_nodes} grads filled in, from the output back (${grads}).`
      : "No grad filled in yet.") +
    (frame.summed_edges.length ? ` ${frame.summed_edges.length} edges orange: blame from two paths adds up.` : "");
}

function roundedBox(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

function paintGraph(ui, spec, state, frame) {
  const { ctx } = ui;
  const { xy, box_w: bw, box_h: bh, colours } = spec;
  const segment = ([a, b]) => [[xy[a][0] + bw / 2, xy[a][1]], [xy[b][0] - bw / 2 - 3, xy[b][1]], null];
  ctx.save();
  ctx.lineCap = "butt";
  for (const [colour, width, edges] of [[colours.summed, 3, frame.summed_edges], ["#9A9A9A", 1, spec.edges]]) {
    strokeLine(ctx, edges.flatMap(segment), { colour, width });
  }
  ctx.fillStyle = "#9A9A9A";  // arrowheads: the forward pass runs from left to right
  for (const [, [x1, y1]] of spec.edges.map(segment)) {
    ctx.beginPath();
    ctx.moveTo(x1 + 3, y1);
    ctx.lineTo(x1 - 3, y1 - 3.5);
    ctx.lineTo(x1 - 3, y1 + 3.5);
    ctx.closePath();
    ctx.fill();
  }
  spec.nodes.forEach((node, k) => {
    const [x, y] = xy[k];
    roundedBox(ctx, x - bw / 2, y - bh / 2, bw, bh, 6);
    ctx.fillStyle = frame.shown.includes(k) ? colours.revealed : "white";
    ctx.fill();
    ctx.strokeStyle = "#555555";
    ctx.lineWidth = 1;
    ctx.stroke();
    const inBox = { size: 11.5, baseline: "middle" };
    drawText(ctx, node.name, x, y - 13, { ...inBox, bold: !node.inputs.length,
                                          colour: node.inputs.length ? "#666666" : "#222222" });
    drawText(ctx, graphNumber(frame.data[k]), x, y + 1, inBox);
    if (frame.shown.includes(k)) {
      const g = frame.all_grads[k];
      drawText(ctx, graphNumber(g), x, y + 15,
               { ...inBox, colour: g < -1e-12 ? colours.negative : g > 1e-12 ? colours.positive : "#222222" });
    }
  });
  if (frame.steps) {
    const [x, y] = xy[spec.nodes.length - frame.steps];
    roundedBox(ctx, x - bw / 2 - 3, y - bh / 2 - 3, bw + 6, bh + 6, 8);
    ctx.strokeStyle = "#222222";
    ctx.lineWidth = 2.2;
    ctx.stroke();
  }
  drawText(ctx, spec.title, 8, 14, { size: 13, align: "left", baseline: "middle" });
  drawText(ctx, spec.footer, ui.width / 2, ui.height - 11, { size: 10.5, colour: "#444444", baseline: "middle" });
  ctx.restore();
}

// Step back, Reset and All grads are answered in the page: they change how many grads are filled in (values.steps,
// which the kernel keeps too), without waiting for the kernel.
function setupGraph(ui, spec, values, changed) {
  const n = spec.nodes.length;
  const target = { step: () => values.steps + 1, reset: () => 0, all: () => n };
  ui.press = (name) => {
    if (!(name in target)) return false;
    const steps = Math.min(Math.max(target[name](), 0), n);
    if (steps !== values.steps) {
      values.steps = steps;
      changed();
    }
    return true;
  };
}

export default {
  render: (view) => mount(view, drawing({ state: graphState, frame: graphFrame, paint: paintGraph,
                                          headline: graphHeadline, description: graphDescription }), setupGraph),
};
