// Hinges (05_layers), drawn in the browser: a target curve matched by a sum of hinges, slope * ReLU(x - position).
// The kernel sends each target's values on its region once; every movement of a position or a slope is drawn
// here: each hinge (dashed, a dot at its bend), their sum, the target, and below the error |sum - target| with the
// goal line, the largest error as the headline. "Add a hinge" is the kernel's: it decides where the new hinge helps
// most and sends it back ("hinges", the number in use, comes with it); "Remove the last" and a new target (which
// starts over from the target's first hinge) are shown at once and done in the kernel too, which keeps the state
// (nnlib.state.hinges.Hinges). As nnlib/widgets/hinges.py draws it.

function hingeState(spec, values) {
  const count = Math.max(0, Math.min(spec.max_units, Math.round(Number(values.hinges))));
  const units = [];
  for (let k = 1; k <= count; k++) units.push([Number(values[`position ${k}`]), Number(values[`slope ${k}`])]);
  return { target: values.target, units };
}

// as nnlib.experiments.hinge_sum: the sum over the units of slope * ReLU(x - position) (nn.js's ReLU)
function hingeSum(x, units) {
  const relu = ACTIVATIONS.relu.f;
  return x.map((v) => {
    let total = 0;
    for (const [position, slope] of units) total += slope * relu(v - position);
    return total;
  });
}

// What the frame shows, as Hinges._measure: the sum and the error on the region's points, the largest and where.
function hingeFrame(spec, state) {
  const { x, y } = spec.targets[state.target];
  const total = hingeSum(x, state.units);
  const error = total.map((v, i) => Math.abs(v - y[i]));
  let worst = 0;
  for (let i = 1; i < error.length; i++) if (error[i] > error[worst] || Number.isNaN(error[i])) worst = i;
  return { units: state.units, sum: total, error, largest_error: error[worst], worst_x: x[worst] };
}

// A largest error in as few decimals as tell it apart from the goal, as nnlib.experiments.error_text: 0.0503
// never reads as 0.050.
function errorText(error, goal) {
  let decimals = 3;
  while (error > goal && Number(error.toFixed(decimals)) <= goal && decimals < 9) decimals += 1;
  return error.toFixed(decimals);
}

// How many hinges and their largest error: the picture's title, and the readout's start.
function hingeScore(spec, frame) {
  const n = frame.units.length;
  return `${n} hinge${n !== 1 ? "s" : ""}: largest error ${errorText(frame.largest_error, spec.goal)} at x = ` +
    `${fixed(frame.worst_x, 2)}`;
}

// The readout under the picture, as Hinges.headline() writes it (without its HTML).
function hingeHeadline(spec, state, frame) {
  const verdict = frame.largest_error <= spec.goal ? `within ${spec.goal} everywhere on the region`
    : `the goal is ${spec.goal} or less everywhere on the region`;
  return `${hingeScore(spec, frame)} (${verdict})`;
}

function hingeDescription(spec, state, frame) {
  const target = spec.targets[state.target];
  const units = frame.units.map(([p, s], k) => `hinge ${k + 1} bends at x = ${fixed(p, 2)} with slope ${fixed(s, 2)}`);
  return `The target ${target.name} from ${fixed(target.low, 2)} to ${fixed(target.high, 2)} and the sum of ` +
    `${frame.units.length} hinge${frame.units.length !== 1 ? "s" : ""}` +
    `${units.length ? ` (${units.join("; ")})` : ""}; below, the error: largest ${errorText(frame.largest_error, spec.goal)} ` +
    `at x = ${fixed(frame.worst_x, 2)}, the goal ${spec.goal} or less.`;
}

// The curve of ys over xs on the panel, broken where y is not a number; far outside the axes a canvas line can
// vanish, so it is kept a little beyond the edge.
function strokeCurve(ctx, p, xs, ys, style) {
  const py = (y) => Math.max(p.top - 1000, Math.min(p.top + p.height + 1000, p.y(y)));
  strokeLine(ctx, xs.map((x, i) => (Number.isFinite(ys[i]) ? [p.x(x), py(ys[i])] : null)), style);
}

function paintHinges(ui, spec, state, frame) {
  const { ctx } = ui;
  const target = spec.targets[state.target];
  showUnits(ui, spec, state);
  const pt = 100 / 72;
  const p = panel(...spec.boxes[0], [target.low, target.high], target.ylim);
  const q = panel(...spec.boxes[1], [target.low, target.high], [0, 0.5]);
  const xs = target.x_drawn;
  const region = [target.low, target.high];
  clipToPanel(ctx, p);
  strokeCurve(ctx, p, region, [0, 0], { colour: "#999999", width: 0.6 * pt });
  strokeCurve(ctx, p, xs, target.y_drawn, { colour: spec.colours.target, width: 3 * pt });
  strokeCurve(ctx, p, xs, hingeSum(xs, state.units), { colour: spec.colours.sum, width: 2.2 * pt });
  state.units.forEach(([position, slope], k) => {
    const colour = spec.unit_colours[k];
    strokeCurve(ctx, p, xs, hingeSum(xs, [[position, slope]]), { colour, width: 1.1 * pt, dash: [3.7 * pt, 1.6 * pt] });
    ctx.setLineDash([]);
    marker(ctx, "o", p.x(position), p.y(0), 3.5, colour, colour);
  });
  ctx.restore();
  axes(ctx, p, {});
  // the legend, top right, and the title, top left
  ctx.save();
  [[spec.colours.target, 3, `target ${target.name}`], [spec.colours.sum, 2.2, "sum of the hinges"]].forEach(
    ([colour, width, words], k) => legendEntry(ctx, p.left + p.width - 170, p.top + 16 + 18 * k, words,
                                               { colour, width: width * pt, length: 30, gap: 8, size: 12 }));
  ctx.restore();
  drawText(ctx, hingeScore(spec, frame), p.left, p.top - 8, { size: 13, align: "left" });
  // the error below, cut at 0.5, the goal dotted, the largest error marked
  clipToPanel(ctx, q);
  strokeCurve(ctx, q, region, [spec.goal, spec.goal], { colour: "#555555", width: 0.8 * pt, dash: [1, 2] });
  const shown = hingeSum(xs, state.units).map((v, i) => Math.min(Math.abs(v - target.y_drawn[i]), 0.5));
  strokeCurve(ctx, q, xs, shown, { colour: spec.colours.error, width: 1.5 * pt, dash: [] });
  ctx.restore();
  const worst = Math.min(frame.largest_error, 0.48);
  marker(ctx, "v", q.x(frame.worst_x), q.y(Number.isFinite(worst) ? worst : 0.48), 4.5, spec.colours.error,
    spec.colours.error);
  axes(ctx, q, { xlabel: "x", ylabel: "error" });
  drawText(ctx, `goal ${spec.goal}`, q.left + 3, q.y(spec.goal) - 2, { size: 10, colour: "#555555", align: "left" });
}

// Show the sliders of the hinges in use only, with the target's region as the positions' range.
function showUnits(ui, spec, state) {
  const [low, high] = [spec.targets[state.target].low, spec.targets[state.target].high];
  for (let k = 1; k <= spec.max_units; k++) {
    const position = ui.controls.querySelector(`input[name='position ${k}']`);
    const slope = ui.controls.querySelector(`input[name='slope ${k}']`);
    for (const input of [position, slope]) input.parentElement.style.display = k <= state.units.length ? "flex" : "none";
    if (Number(position.min) !== low || Number(position.max) !== high) {
      position.min = low;
      position.max = high;
      if (k <= state.units.length) position.value = state.units[k - 1][0];
    }
  }
}

// A new target starts over from its first hinge (as Hinges.set_target), shown at once; "Remove the last" too.
// Both also reach the kernel (the values, and the button pressed), which does the same to its state.
function setupHinges(ui, spec, values, changed) {
  const select = ui.controls.querySelector("select[name='target']");
  const startOver = () => {
    const starts = spec.starts[values.target];
    values.hinges = starts.length;
    starts.forEach(([position, slope], k) => {
      values[`position ${k + 1}`] = position;
      values[`slope ${k + 1}`] = slope;
    });
    const { low } = spec.targets[values.target];
    for (let k = starts.length + 1; k <= spec.max_units; k++) {
      values[`position ${k}`] = low;
      values[`slope ${k}`] = 0;
    }
    for (let k = 1; k <= spec.max_units; k++) {
      const position = ui.controls.querySelector(`input[name='position ${k}']`);
      position.min = spec.targets[values.target].low;
      position.max = spec.targets[values.target].high;
      position.value = values[`position ${k}`];
      ui.controls.querySelector(`input[name='slope ${k}']`).value = values[`slope ${k}`];
      for (const name of [`position ${k}`, `slope ${k}`]) {
        const out = ui.controls.querySelector(`input[name='${name}'] + output`);
        if (out) out.textContent = Number(values[name]).toFixed(2);
      }
    }
    changed();
  };
  select.addEventListener("input", startOver);
  ui.press = (name) => {
    if (name === "remove" && values.hinges > 0) {
      values.hinges -= 1;
      changed();
    }
    return false;  // the kernel's button is pressed as well
  };
}

export default {
  render: (view) => mount(view, drawing({ state: hingeState, frame: hingeFrame, paint: paintHinges,
                                          headline: hingeHeadline, description: hingeDescription }), setupHinges),
};
