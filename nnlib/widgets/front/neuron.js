// The neuron playground, drawn in the browser (01_neuron, 02_bias, 03_linearity). The kernel sends the data
// and the controls once; every movement of a weight, the bias or an input is drawn here within the frame, and
// the values go back to the kernel, which keeps the state (widget.weights, readouts and checks see them).
//
// Two pictures, as the kernel draws them (nnlib/widgets/neuron.py): without data, a bar per input showing its
// share w_i * x_i of z, the bias and z, beside the activation curve with z marked; with 2-D points, the plane
// coloured by the neuron's output, the points and the decision line z = 0, beside every point's z on the curve.

function neuronState(spec, values) {
  const n = spec.names.length;
  const w = [];
  const x = [];
  for (let i = 1; i <= n; i++) {
    w.push(values[`w${i}`]);
    x.push(values[`x${i}`]);
  }
  const b = spec.show_bias ? values.b : spec.fixed_bias;
  const activation = values.activation ?? spec.activation;
  return { w, x, b, activation };
}

// z for one example, with |z| <= ON_THE_LINE counted as exactly 0, as nnlib.widgets.neuron.neuron_output does.
function neuronZ(spec, x, w, b) {
  const z = weightedSum(x, w, b);
  return Math.abs(z) <= spec.on_the_line ? 0 : z;
}

// What the frame shows, computed from the state alone (the browser test compares it with nnlib).
function neuronFrame(spec, state) {
  const f = ACTIVATIONS[state.activation].f;
  if (spec.mode === "inputs") {
    const z = neuronZ(spec, state.x, state.w, state.b);
    return { z, a: f(z), contributions: state.w.map((wi, i) => wi * state.x[i]) };
  }
  const z = spec.X.map((row) => neuronZ(spec, row, state.w, state.b));
  const a = z.map(f);
  const frame = { z, a };
  if (spec.y) {
    let correct = 0;
    let onLine = 0;
    spec.y.forEach((label, i) => {
      if (Math.abs(z[i]) <= spec.on_the_line) onLine += 1;
      else if ((label === 1) === (z[i] > 0)) correct += 1;
    });
    Object.assign(frame, { correct, on_line: onLine, n: spec.y.length });
  }
  return frame;
}

function scoreText(frame) {
  if (frame.correct === frame.n) return `all ${frame.n} points on their side`;
  if (frame.on_line) return `${frame.correct} of ${frame.n} on their side, ${frame.on_line} on the line`;
  return `${frame.correct} of ${frame.n} points on their side`;
}

// The activation curve over z from -z_range to z_range, on the lines through 0.
function drawCurve(ctx, spec, p, activation) {
  const f = ACTIVATIONS[activation].f;
  const zs = Array.from({ length: 401 }, (_, k) => -spec.z_range + (2 * spec.z_range * k) / 400);
  ctx.save();
  zeroLines(ctx, p);
  strokeLine(ctx, zs.map((z) => [p.x(z), p.y(f(z))]), { colour: spec.colours.curve, width: 2 });
  ctx.restore();
}

// The line w1*x1 + w2*x2 + b = 0 inside the extent, as two end points (or null when it misses the box).
function decisionLine(w, b, [x0, x1, y0, y1]) {
  const points = [];
  // where it crosses the box's sides: at x = x0 and x1 (solved for x2), then at y = y0 and y1 (solved for x1)
  for (const [i, j, sides, [low, high]] of [[0, 1, [x0, x1], [y0, y1]], [1, 0, [y0, y1], [x0, x1]]]) {
    if (Math.abs(w[j]) <= 1e-12) continue;
    for (const u of sides) {
      const v = -(w[i] * u + b) / w[j];
      if (v >= low - 1e-9 && v <= high + 1e-9) points.push(i === 0 ? [u, v] : [v, u]);
    }
  }
  if (points.length < 2) return null;
  points.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return [points[0], points[points.length - 1]];
}

function drawPlane(ui, spec, state, frame) {
  const { ctx } = ui;
  const [x0, x1, y0, y1] = spec.extent;
  const p = panel(77, 42, 224, 222, [x0, x1], [y0, y1]);
  // the output over a res x res grid (the bottom row first), painted small and scaled up (as the kernel's 60 x 60 map)
  const res = spec.resolution;
  const f = ACTIVATIONS[state.activation].f;
  const heat = paintImage(ui, "heat", res, res, (row, c) => {
    const [gx, gy] = [x0 + ((x1 - x0) * (c + 0.5)) / res, y0 + ((y1 - y0) * (res - 1 - row + 0.5)) / res];
    const a = f(neuronZ(spec, [gx, gy], state.w, state.b));
    return withWhite(mapColour(spec.lut, a, spec.colour_limits[state.activation]), spec.map_alpha);
  });
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(heat, p.left, p.top, p.width, p.height);
  const ends = decisionLine(state.w, state.b, spec.extent);
  clipToPanel(ctx, p);
  if (ends) strokeLine(ctx, ends.map(([a, b]) => [p.x(a), p.y(b)]), { colour: "#222222", width: 2.2 });
  const size = spec.X.length <= 20 ? 6 : 3.6;
  spec.X.forEach(([a, b], i) => {
    const label = spec.y ? spec.y[i] : 0;
    marker(ctx, spec.markers[label], p.x(a), p.y(b), size, spec.y ? spec.class_colours[label] : "#333333");
  });
  ctx.restore();
  axes(ctx, p, { xlabel: spec.axis_labels[0], ylabel: spec.axis_labels[1], title: spec.y ? scoreText(frame) : "" });
  // every point's z on the activation curve
  const q = panel(384, 42, 237, 222, [-spec.z_range, spec.z_range], spec.output_limits[state.activation]);
  drawCurve(ctx, spec, q, state.activation);
  frame.z.forEach((z, i) => {
    const shown = Math.max(-spec.z_range, Math.min(spec.z_range, z));
    const label = spec.y ? spec.y[i] : 0;
    marker(ctx, spec.markers[label], q.x(shown), q.y(f(shown)), 3.2, spec.y ? spec.class_colours[label] : "#333333");
  });
  axes(ctx, q, { xlabel: spec.z_label, ylabel: spec.formulas[state.activation], title: "each point's z and output" });
}

function drawInputs(ui, spec, state, frame) {
  const { ctx } = ui;
  const labels = [...spec.names, ...(spec.show_bias ? ["bias b"] : []), "z (the sum)"];
  const values = [...frame.contributions, ...(spec.show_bias ? [state.b] : []), frame.z];
  const limit = niceLimit(Math.max(1, 1.2 * Math.max(...values.map(Math.abs))));
  const p = panel(150, 42, 190, 189, [-limit, limit], [0, labels.length]);
  ctx.save();
  labels.forEach((label, k) => {
    const v = values[k];
    const top = p.top + (k + 0.19) * (p.height / labels.length);
    const h = 0.62 * (p.height / labels.length);
    ctx.fillStyle = v >= 0 ? spec.colours.positive : spec.colours.negative;
    ctx.fillRect(Math.min(p.x(0), p.x(v)), top, Math.abs(p.x(v) - p.x(0)), h);
    if (k === labels.length - 1) {
      ctx.strokeStyle = "#222222";
      ctx.lineWidth = 1.5;
      ctx.strokeRect(Math.min(p.x(0), p.x(v)), top, Math.abs(p.x(v) - p.x(0)), h);
    }
    drawText(ctx, v.toFixed(2), p.x(v) + (v >= 0 ? 4 : -4), top + h / 2 + 4, { align: v >= 0 ? "left" : "right" });
    drawText(ctx, label, p.left - 6, top + h / 2 + 4, { align: "right" });
  });
  strokeLine(ctx, [[p.x(0), p.top], [p.x(0), p.top + p.height]], { colour: "#555555" });
  drawText(ctx, "what each input adds to z", p.left + p.width / 2, p.top - 8);
  for (const v of ticks([-limit, limit])) drawText(ctx, tickText(v), p.x(v), p.top + p.height + 14);
  ctx.restore();
  const f = ACTIVATIONS[state.activation].f;
  const q = panel(430, 42, 190, 189, [-spec.z_range, spec.z_range], spec.output_limits[state.activation]);
  drawCurve(ctx, spec, q, state.activation);
  const shown = Math.max(-spec.z_range, Math.min(spec.z_range, frame.z));
  ctx.save();
  strokeLine(ctx, [[q.x(shown), q.top], [q.x(shown), q.top + q.height]], { colour: spec.colours.curve, dash: [2, 3] });
  ctx.restore();
  marker(ctx, "o", q.x(shown), q.y(f(shown)), 5, spec.colours.curve, spec.colours.curve);
  axes(ctx, q, { xlabel: spec.z_label, ylabel: spec.formulas[state.activation],
    title: `output: ${spec.formulas[state.activation]} = ${frame.a.toFixed(2)}` });
}

// The headline under the picture, read out by screen readers when it changes.
function neuronHeadline(spec, state, frame) {
  const formula = spec.formulas[state.activation];
  if (spec.mode === "inputs") {
    const terms = state.w.map((w, i) => `${signed(w)}×${state.x[i].toFixed(1)}`).join(" + ");
    const bias = spec.show_bias || state.b !== 0 ? ` + ${signed(state.b)}` : "";
    return `z = ${terms}${bias} = ${frame.z.toFixed(2)} → ${formula} = ${frame.a.toFixed(2)}`;
  }
  const terms = state.w.map((w, i) => `${signed(w)}·x${i + 1}`).join(" + ");
  const bias = spec.show_bias || state.b !== 0 ? ` + ${signed(state.b)}` : "";
  return `z = ${terms}${bias}` + (spec.y ? ` → decision line: ${scoreText(frame)}` : "");
}

function neuronDescription(spec, state, frame) {
  if (spec.mode === "inputs") {
    return `Bars: what each input adds to z (${frame.contributions.map((v) => v.toFixed(2)).join(", ")}` +
      `${spec.show_bias ? `, bias ${state.b.toFixed(2)}` : ""}), z = ${frame.z.toFixed(2)}; ` +
      `the ${ACTIVATIONS[state.activation].label} curve marks the output ${frame.a.toFixed(2)}.`;
  }
  return `The plane coloured by the neuron's output (${ACTIVATIONS[state.activation].label}), ${spec.X.length} ` +
    `points (two classes, drawn as circles and triangles) and the decision line z = 0 for w = ` +
    `(${state.w.map((v) => v.toFixed(2)).join(", ")}), b = ${state.b.toFixed(2)}` +
    (spec.y ? `: ${scoreText(frame)}.` : ".");
}

function paintNeuron(ui, spec, state, frame) {
  if (spec.mode === "inputs") drawInputs(ui, spec, state, frame);
  else drawPlane(ui, spec, state, frame);
}

export default {
  render: (view) => mount(view, drawing({ state: neuronState, frame: neuronFrame, paint: paintNeuron,
                                          headline: neuronHeadline, description: neuronDescription })),
};
