// 04_activations' two explorers, drawn in the browser. The activation explorer: a = f(w*x + b) and its slope over
// x, shaded where the slope is exactly 0 (dead) or below 5% of its peak (flat: the vanishing gradient). The softmax
// explorer: a bar per logit and the probabilities softmax makes of them. As nnlib/widgets/activations.py draws them.

function activationCurve(spec, values) {
  const record = ACTIVATIONS[values.activation];
  const [low, high] = spec.x_range;
  const x = [], z = [], a = [], slope = [], zones = [];
  let dead = 0, flat = 0;
  for (let k = 0; k < spec.points; k++) {
    x.push(low + ((high - low) * k) / (spec.points - 1));
    z.push(values.w * x[k] + values.b);
    a.push(record.f(z[k]));
    slope.push(record.df(z[k]));
    // as nnlib.state.activation.gradient_zones: exactly 0 is dead, below 5% of the steepest slope is flat
    const zone = slope[k] === 0 ? "dead" : Math.abs(slope[k]) < spec.flat * record.maxSlope ? "flat" : "live";
    zones.push(zone);
    if (zone === "dead") dead += 1;
    if (zone === "flat") flat += 1;
  }
  return { x, z, a, slope, zones, dead: dead / spec.points, flat: flat / spec.points,
           all_dead: dead === spec.points, activation: values.activation, w: values.w, b: values.b };
}

function plusTerm(v) {
  return v < 0 ? `- ${Math.abs(v).toFixed(2)}` : `+ ${v.toFixed(2)}`;
}

function percentOf(share) {
  return `${Math.round(100 * share)}%`;
}

// The readout, in the kernel's words (nnlib/widgets/activations.py).
function activationStory(spec, state, frame) {
  const x = frame.x;
  const span = `x from ${tickText(x[0])} to ${tickText(x[x.length - 1])}`;
  const text = `z = ${frame.w.toFixed(2)}·x ${plusTerm(frame.b)}. `;
  if (frame.all_dead)
    return text + `Dead for ${span}: the slope is 0 everywhere, so no gradient reaches this neuron's w and b, ` +
      "and it cannot learn its way back on its own.";
  if (frame.activation === "leaky_relu" && frame.flat > 0)
    return text + `A trickle for ${percentOf(frame.flat)} of ${span}: the slope there is only 0.01, small but ` +
      "never 0, so the neuron can still learn its way back.";
  if (frame.activation === "relu" && frame.dead >= 0.75)  // a ReLU does not saturate: it switches off
    return text + `Mostly dead: for ${percentOf(frame.dead)} of ${span} the slope is exactly 0, so those inputs ` +
      "pass no gradient back: only the rest can move w and b.";
  if (frame.dead + frame.flat >= 0.75)
    return text + `Saturated: for ${percentOf(frame.dead + frame.flat)} of ${span} the slope is (nearly) 0: the ` +
      "vanishing gradient.";
  const parts = [];
  if (frame.dead > 0) parts.push(`slope exactly 0 (learns nothing) for ${percentOf(frame.dead)} of x`);
  if (frame.flat > 0) parts.push(`slope below 5% of its peak for ${percentOf(frame.flat)} of x`);
  return text + (parts.length ? `${parts.join("; ")} (${span}).` : `The slope is healthy for ${span}.`);
}

function drawActivation(ui, spec, state, frame) {
  const { ctx } = ui;
  const p = panel(62, 52, ui.width - 80, ui.height - 96, spec.x_range, spec.output_limits[frame.activation]);
  // the shading: one column per x, red where dead, grey where flat
  const columnWidth = p.width / frame.x.length;
  for (let start = 0, k = 1; k <= frame.zones.length; k++) {
    if (k < frame.zones.length && frame.zones[k] === frame.zones[start]) continue;
    if (frame.zones[start] !== "live") {  // one rectangle per run, so the tint has no seams
      ctx.fillStyle = spec.shade[frame.zones[start]];
      ctx.fillRect(p.left + start * columnWidth, p.top, (k - start) * columnWidth, p.height);
    }
    start = k;
  }
  clipToPanel(ctx, p);
  zeroLines(ctx, p);
  const curve = (values) => values.map((v, k) => [p.x(frame.x[k]), p.y(v)]);
  strokeLine(ctx, curve(frame.a), { colour: spec.colours.curve, width: 2.2, dash: [] });
  strokeLine(ctx, curve(frame.slope), { colour: spec.colours.derivative, width: 1.8, dash: [6, 4] });
  ctx.restore();
  axes(ctx, p, { xlabel: "x      (z = w·x + b)" });
  // the legend, above the plot, where no curve can hide it; each line also differs by its dash, not only colour
  const legend = [[spec.formulas[frame.activation], spec.colours.curve, []],
    ["its slope da/dz", spec.colours.derivative, [6, 4]]];
  let left = p.left;
  for (const [words, colour, dash] of legend) {
    left = legendEntry(ctx, left, p.top - 30, words, { colour, width: 2, dash }) + 10;
  }
  left = p.left;
  for (const [zone, words] of [["dead", "slope 0: learns nothing"], ["flat", "slope < 5% of peak"]]) {
    ctx.fillStyle = spec.shade[zone];
    ctx.fillRect(left, p.top - 18, 24, 10);
    left += 40 + drawText(ctx, words, left + 30, p.top - 9, { size: 11, align: "left" });
  }
}

function activationDescription(spec, state, frame) {
  return `The curve a = ${ACTIVATIONS[frame.activation].label}(w·x + b) and its slope (dashed) for x from ` +
    `${tickText(spec.x_range[0])} to ${tickText(spec.x_range[1])}, w = ${frame.w.toFixed(2)}, ` +
    `b = ${frame.b.toFixed(2)}; the slope is exactly 0 on ${percentOf(frame.dead)} of x and below 5% of its peak ` +
    `on ${percentOf(frame.flat)}.`;
}

// ---- softmax ------------------------------------------------------------------------------------------------

function softmaxFrame(spec, values) {
  const logits = spec.labels.map((_, k) => values[`z${k + 1}`]);
  const temperature = values.T ?? 1;
  const probs = softmax(logits.map((v) => v / temperature));
  let top = 0;
  probs.forEach((p, k) => { if (p > probs[top]) top = k; });
  const tied = spec.labels.filter((_, k) => probs[k] >= probs[top] - 1e-9);
  return { logits, probs, top, tied, temperature };
}

function verdict(frame) {
  const share = Math.round(100 * frame.probs[frame.top]);
  if (frame.tied.length > 1)
    return `a tie: ${frame.tied.slice(0, -1).join(", ")} and ${frame.tied[frame.tied.length - 1]} (${share}% each)`;
  return `most likely: ${frame.tied[0]} (${share}%)`;
}

function drawSoftmax(ui, spec, state, frame) {
  const { ctx } = ui;
  const n = spec.labels.length;
  const limit = spec.logit_limit;
  const left = panel(0.07 * ui.width, 46, 0.35 * ui.width, ui.height - 92, [-0.6, n - 0.4], [-limit, limit]);
  const right = panel(0.6 * ui.width, 46, 0.38 * ui.width, ui.height - 92, [-0.6, n - 0.4], [0, 1.12]);
  const size = n > 6 ? 10 : 12;
  ctx.save();
  frame.logits.forEach((v, k) => {
    ctx.fillStyle = v >= 0 ? spec.colours.positive : spec.colours.negative;
    bar(ctx, left, k, v, 0.75);
    drawText(ctx, v.toFixed(1), left.x(k), v >= 0 ? left.y(v) - 4 : left.y(v) + 12, { size });
    drawText(ctx, spec.labels[k], left.x(k), left.top + left.height + 14, { size });
  });
  axhline(ctx, left, left.y(0), { colour: "#555" });
  drawText(ctx, "logits z (any number)", left.left + left.width / 2, left.top - 10, { size });
  frame.probs.forEach((p, k) => {
    ctx.fillStyle = k === frame.top ? spec.colours.top : spec.colours.bar;
    bar(ctx, right, k, p, 0.75);
    drawText(ctx, percent(p), right.x(k), right.y(p) - 4, { size });
    drawText(ctx, spec.labels[k], right.x(k), right.top + right.height + 14, { size });
  });
  axhline(ctx, right, right.y(0));
  drawText(ctx, spec.show_temperature ? "softmax(z / T): probabilities" : "softmax(z): probabilities",
    right.left + right.width / 2, right.top - 10, { size });
  const middle = spec.show_temperature ? ["divide by", `T = ${frame.temperature.toFixed(2)},`, "then softmax", "→"]
    : ["softmax", "→"];
  const top = ui.height / 2 - 8 * middle.length + 8;
  middle.forEach((line, k) => drawText(ctx, line, ui.width / 2, top + 16 * k, { size }));
  ctx.restore();
}

function softmaxHeadline(spec, state, frame) {
  const power = spec.show_temperature ? "z/T" : "z";
  const total = frame.probs.reduce((s, p) => s + p, 0);
  return `p = e^${power} / Σ e^${power}: ${frame.probs.map((p) => p.toFixed(2)).join(" + ")} = ` +
    `${total.toFixed(2)}   ${verdict(frame)}`;
}

function softmaxDescription(spec, state, frame) {
  return `Logits ${frame.logits.map((v, k) => `${spec.labels[k]} ${v.toFixed(1)}`).join(", ")}` +
    (spec.show_temperature ? `, divided by T = ${frame.temperature.toFixed(2)}` : "") +
    `; softmax gives ${frame.probs.map((p, k) => `${spec.labels[k]} ${percent(p)}`).join(", ")}: ${verdict(frame)}.`;
}

// Both explorers' state is their controls' values; the spec's kind says which one this is.
const explorers = {
  activation: drawing({ state: (spec, values) => ({ ...values }), frame: activationCurve, paint: drawActivation,
                        headline: activationStory, description: activationDescription }),
  softmax: drawing({ state: (spec, values) => ({ ...values }), frame: softmaxFrame, paint: drawSoftmax,
                     headline: softmaxHeadline, description: softmaxDescription }),
};

export default { render: (view) => mount(view, explorers[view.model.get("spec").kind]) };
