// Bending space (04_activations), drawn in the browser: graph paper pushed through one layer of two neurons,
// a = f(x @ W + b). The kernel sends the graph paper, the points and the colours once; every movement of a weight,
// a bias or the activation is drawn here: the input plane with each neuron's line z = 0 (left), and the paper and
// points after the layer (right), with a dashed straight line when one now separates the two classes. The values
// go back to the kernel, which keeps the state (BendingState). As nnlib/widgets/bending.py draws it.

function bendingState(spec, values) {
  const W = [[values["W[0,0]"], values["W[0,1]"]], [values["W[1,0]"], values["W[1,1]"]]].map((row) => row.map(Number));
  const b = [Number(values["b[0]"]), Number(values["b[1]"])];
  return { W, b, activation: values.activation ?? spec.activation };
}

// a = f(points @ W + b), as nnlib.state.bending.bend for one layer (nn.js's dense layer and activation)
function bendPoints(points, state) {
  const f = ACTIVATIONS[state.activation].f;
  return denseForward(points, state.W, state.b).map((row) => row.map(f));
}

// as nnlib.state.bending.stays_straight: an evenly marked polyline that is still straight and evenly marked
function staysStraight(line, tol = 1e-6) {
  const steps = [];
  for (let k = 1; k < line.length; k++) steps.push([line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]]);
  let scale = 0;
  for (const [dx, dy] of steps) scale = Math.max(scale, Math.abs(dx), Math.abs(dy));
  scale = Math.max(scale, 1e-12);
  let worst = 0;
  for (let k = 1; k < steps.length; k++) {
    worst = Math.max(worst, Math.abs(steps[k][0] - steps[k - 1][0]), Math.abs(steps[k][1] - steps[k - 1][1]));
  }
  return worst <= tol * scale;  // NaN (a line that overflowed) is not straight, as in numpy
}

// as nnlib.state.bending.same_line: do the two neurons (w1, w2, b) share their line z = 0, and on which sides?
function sameLine(first, second) {
  const norm = (v) => Math.hypot(...v);
  if (norm(first.slice(0, 2)) === 0 || norm(second.slice(0, 2)) === 0) return null;
  const cross = [first[1] * second[2] - first[2] * second[1], first[2] * second[0] - first[0] * second[2],
    first[0] * second[1] - first[1] * second[0]];
  if (norm(cross) > 1e-9 * norm(first) * norm(second)) return null;
  return first[0] * second[0] + first[1] * second[1] + first[2] * second[2] > 0 ? "same" : "opposite";
}

// Does one straight line put every class-1 point on one side and every class-0 point strictly on the other?
// The question nnlib.separating_line answers with a linear program; in the plane the answer is the same as:
// every difference b - a (b of class 1, a of class 0) points into one open half-plane, i.e. the directions of
// those differences leave a gap wider than half a turn. Returns {w, c} of a line w . x + c = 0 (class 1 on its
// positive side, drawn halfway between the classes), or null.
function separatingLine(points, y) {
  const zeros = [];
  const ones = [];
  points.forEach((p, i) => (y[i] === 1 ? ones : zeros).push(p));
  if (!zeros.length || !ones.length) return null;
  const angles = [];
  for (const [bx, by] of ones) {
    for (const [ax, ay] of zeros) {
      const dx = bx - ax;
      const dy = by - ay;
      if (!(Number.isFinite(dx) && Number.isFinite(dy))) return null;
      if (dx === 0 && dy === 0) return null;  // a point of each class in the same place
      angles.push(Math.atan2(dy, dx));
    }
  }
  angles.sort((p, q) => p - q);
  let gap = angles[0] + 2 * Math.PI - angles[angles.length - 1];
  let end = angles[0];  // the occupied arc runs from `end` (after the widest gap) round to the gap's start
  for (let k = 1; k < angles.length; k++) {
    if (angles[k] - angles[k - 1] > gap) {
      gap = angles[k] - angles[k - 1];
      end = angles[k];
    }
  }
  if (gap <= Math.PI + 1e-9) return null;
  const middle = end + (2 * Math.PI - gap) / 2;
  const w = [Math.cos(middle), Math.sin(middle)];
  const lowest = Math.min(...ones.map(([p, q]) => w[0] * p + w[1] * q));
  const highest = Math.max(...zeros.map(([p, q]) => w[0] * p + w[1] * q));
  return { w, c: -(lowest + highest) / 2 };
}

// as nnlib.plots.bending.square_limits: square limits that hold every point and 0, snapped to round numbers
function squareLimits(arrays) {
  let low = 0;
  let high = 0;
  for (const rows of arrays) for (const row of rows) for (const v of row) {
    if (Number.isFinite(v)) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  const pad = 0.06 * Math.max(high - low, 1);
  const step = niceLimit((high - low + 2 * pad) / 10);
  return [Math.floor((low - pad) / step) * step, Math.ceil((high + pad) / step) * step];
}

// as nnlib.plots.boundary.decision_line: the ends of w1*x1 + w2*x2 + b = 0 across the extent, or null
function lineEnds(w, b, [x0, x1, y0, y1]) {
  if (Math.abs(w[1]) >= Math.abs(w[0]) && Math.abs(w[1]) > 1e-9) {
    return [[x0, -(w[0] * x0 + b) / w[1]], [x1, -(w[0] * x1 + b) / w[1]]];
  }
  if (Math.abs(w[0]) > 1e-9) return [[-(w[1] * y0 + b) / w[0], y0], [-(w[1] * y1 + b) / w[0], y1]];
  return null;
}

// What the frame shows, from the state alone: nnlib.state.bending.bent()'s numbers.
function bendingFrame(spec, state) {
  const lines = spec.grid.map((line) => bendPoints(line, state));
  const points = bendPoints(spec.X, state);
  const twoClasses = spec.y && new Set(spec.y).size === 2;
  const separator = twoClasses ? separatingLine(points, spec.y) : null;
  const { W, b } = state;
  return {
    lines, points, separator, separable: twoClasses ? separator !== null : null,
    n_bent: lines.filter((line) => !staysStraight(line)).length, n_lines: lines.length,
    same_line: sameLine([W[0][0], W[1][0], b[0]], [W[0][1], W[1][1], b[1]]),
    limits: squareLimits([...lines, points]),
  };
}

// A line of points [a, b] on the panel, broken where a point is not a number (a layer that overflowed).
function strokeOnPanel(ctx, p, line, style) {
  strokeLine(ctx, line.map(([a, b]) => (Number.isFinite(a) && Number.isFinite(b) ? [p.x(a), p.y(b)] : null)), style);
}

// the graph paper as plot_bending draws it: vertical lines blue, horizontal pink, the axes thicker
function drawPaper(ctx, spec, p, lines) {
  const n = spec.n_lines;
  lines.forEach((line, k) => {
    const middle = k % n === Math.floor(n / 2) && n % 2 === 1;
    strokeOnPanel(ctx, p, line, { colour: k < n ? spec.colours.vertical : spec.colours.horizontal,
                                  width: ((middle ? spec.axis_width : spec.line_width) * 100) / 72 });
  });
}

// The graph paper and the points on the panel, clipped to it (ctx.restore() ends the clip).
function drawPlane(ctx, spec, p, lines, points) {
  clipToPanel(ctx, p);
  drawPaper(ctx, spec, p, lines);
  drawPoints(ctx, spec, p, points);
}

function drawPoints(ctx, spec, p, points) {
  points.forEach(([a, b], i) => {
    if (!(Number.isFinite(a) && Number.isFinite(b))) return;
    const label = spec.y ? spec.y[i] : 0;
    marker(ctx, spec.y ? spec.markers[label] : "o", p.x(a), p.y(b), 3, spec.y ? spec.class_colours[label] : "#333333",
      "white");
  });
}

function paintBending(ui, spec, state, frame) {
  const { ctx } = ui;
  const pt = 100 / 72;
  // before: the input plane, its points and each neuron's line z = 0 (interleaved dashes, so a shared line
  // shows both colours)
  const p = panel(...spec.boxes[0], spec.input_limits, spec.input_limits);
  drawPlane(ctx, spec, p, spec.grid, spec.X);
  spec.neuron_colours.forEach((colour, j) => {
    const ends = lineEnds([state.W[0][j], state.W[1][j]], state.b[j], spec.extent);
    if (!ends) return;
    ctx.lineDashOffset = -5 * j * pt;
    strokeOnPanel(ctx, p, ends, { colour, width: 2 * pt, dash: [5 * pt, 5 * pt] });
  });
  ctx.restore();
  axes(ctx, p, { xlabel: "x1", ylabel: "x2", title: "before: the input plane" });
  // the legend under the input plane
  ctx.save();
  spec.neuron_colours.forEach((colour, j) => {
    legendEntry(ctx, p.left + 20 + j * (p.width / 2), p.top + p.height + 48, `neuron ${j + 1}: z = 0`,
                { colour, width: 2 * pt, dash: [5 * pt, 3 * pt] });
  });
  ctx.restore();
  // after: the paper and the points pushed through the layer
  const q = panel(...spec.boxes[1], frame.limits, frame.limits);
  drawPlane(ctx, spec, q, frame.lines, frame.points);
  if (frame.separator) {
    const ends = lineEnds(frame.separator.w, frame.separator.c, [...frame.limits, ...frame.limits]);
    if (ends) strokeOnPanel(ctx, q, ends, { colour: spec.colours.separator, width: 1.6 * pt, dash: [6, 4] });
  }
  ctx.restore();
  axes(ctx, q, { xlabel: "a1 (neuron 1)", ylabel: "a2 (neuron 2)", title: `after: ${spec.formulas[state.activation]}` });
}

// The readout under the picture, as nnlib.widgets.bending.describe writes it (without its HTML).
function bendingHeadline(spec, state, frame) {
  const { W, b } = state;
  let text = `${spec.formulas[state.activation]}, W = [[${fixed(W[0][0], 2)}, ${fixed(W[0][1], 2)}], ` +
    `[${fixed(W[1][0], 2)}, ${fixed(W[1][1], 2)}]], b = [${fixed(b[0], 2)}, ${fixed(b[1], 2)}]. `;
  if (frame.n_bent === 0) {
    text += `All ${frame.n_lines} grid lines are still straight and evenly spaced: space was only ` +
      "stretched, squashed, turned or shifted.";
  } else {
    text += `${frame.n_bent} of ${frame.n_lines} grid lines are bent, folded or squeezed.`;
  }
  if (frame.same_line) {
    const sides = frame.same_line === "opposite" ? "each fires on its own side of it" : "and both fire on the same side";
    text += ` Both neurons share one line z = 0 (its dashes alternate colours): ${sides}.`;
  }
  if (frame.separable === true) text += " A straight line (dashed) now separates the two classes ✅";
  else if (frame.separable === false) text += " No straight line separates the two classes yet.";
  return text;
}

function bendingDescription(spec, state, frame) {
  const bent = frame.n_bent === 0 ? `all ${frame.n_lines} grid lines still straight`
    : `${frame.n_bent} of ${frame.n_lines} grid lines bent`;
  const split = frame.separable === true ? "; a dashed straight line now separates the two classes"
    : frame.separable === false ? "; no straight line separates the two classes" : "";
  return `Graph paper and ${spec.X.length} points before and after the layer ${spec.formulas[state.activation]}` +
    ` with W = [[${fixed(state.W[0][0], 2)}, ${fixed(state.W[0][1], 2)}], [${fixed(state.W[1][0], 2)}, ` +
    `${fixed(state.W[1][1], 2)}]], b = [${fixed(state.b[0], 2)}, ${fixed(state.b[1], 2)}]. Left, the input plane ` +
    `with each neuron's line z = 0 (dashed); right, the plane after the layer: ${bent}${split}.`;
}

export default {
  render: (view) => mount(view, drawing({ state: bendingState, frame: bendingFrame, paint: paintBending,
                                          headline: bendingHeadline, description: bendingDescription })),
};
