// The network builder (05_layers), drawn in the browser: a network with one hidden layer whose every weight and
// bias is a slider. The kernel sends the points, the layout of the diagram and the colours once; every movement
// of a slider is drawn here: each neuron's output over the plane as a thumbnail (nn.js's mlpForward, as
// nnlib.MLP.layer_outputs), one line per weight (width |w|, blue and solid when positive, red and dashed when
// negative), and the network's output over the plane with the points and how many sit on their class's side.
// The values go back to the kernel, which keeps the state (BuilderState). As nnlib/widgets/network_builder.py.

// The network's weights and biases from the sliders' values (named like the arrays: 'W1[0,1]', 'b2[0]').
function builderState(spec, values) {
  const layers = spec.layer_sizes.slice(1).map((n_out, k) => {
    const n_in = spec.layer_sizes[k];
    const W = [];
    for (let i = 0; i < n_in; i++) {
      W.push([]);
      for (let j = 0; j < n_out; j++) W[i].push(Number(values[`W${k + 1}[${i},${j}]`]));
    }
    const b = [];
    for (let j = 0; j < n_out; j++) b.push(Number(values[`b${k + 1}[${j}]`]));
    return { W, b };
  });
  return { layers, activation: spec.activation };
}

// The grid of points the maps are computed at, as nnlib.state.plane.plane_grid: row by row from the bottom left.
function builderGrid(spec) {
  if (!spec.__grid) {
    const [x0, x1, y0, y1] = spec.extent;
    const n = spec.grid;
    const at = (low, high, k) => (k === n - 1 ? high : low + ((high - low) * k) / (n - 1));
    const grid = [];
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) grid.push([at(x0, x1, c), at(y0, y1, r)]);
    spec.__grid = grid;
  }
  return spec.__grid;
}

// What the frame shows, from the state alone: every neuron's map (layer by layer, inputs first), the output's
// P(class 1) at each point, and the score as BuilderState.score() gives it.
function builderFrame(spec, state) {
  const grid = builderGrid(spec);
  const n = spec.grid;
  const column = (A, j) => A.map((row) => row[j]);
  const maps = [[column(grid, 0), column(grid, 1)]];
  for (const A of mlpForward(state.layers, grid, state.activation)) maps.push(A[0].map((_, j) => column(A, j)));
  const outputs = mlpForward(state.layers, spec.X, state.activation);
  const probabilities = outputs[outputs.length - 1].map((row) => row[0]);
  let correct = 0;
  let own = 0;
  spec.y.forEach((label, i) => {
    const P = probabilities[i];
    if ((P > 0.5) === (label === 1)) correct += 1;
    own += label === 1 ? P : 1 - P;
  });
  const count = spec.y.length;
  return { maps, output: maps[maps.length - 1][0], probabilities, correct, n: count, all_correct: correct === count,
           true_class_probability: own / count, grid: n };
}

// A neuron's colour scale, as nnlib.plots.activation.colour_limits: its output range where bounded, else
// symmetric around 0 and just wide enough (at least 1) for its finite values.
function builderLimits(spec, values, layer) {
  if (layer === 0) return [Math.min(...values), Math.max(...values)];
  if (layer === spec.layer_sizes.length - 1) return [0, 1];
  const range = spec.output_range;
  if (range) return range;
  let reach = 1;
  for (const v of values) if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v));
  return [-reach, reach];
}

// One neuron's map painted small (grid x grid, its first row the bottom one) on a scratch canvas.
function paintMap(ui, spec, values, limits) {
  const n = spec.grid;
  return paintImage(ui, "scratch", n, n, (row, c) => mapColour(spec.lut, values[(n - 1 - row) * n + c], limits));
}

// A weight's line width in points (1/72 inch at 100 pixels an inch, as the kernel's figure).
function lineWidth(spec, w) {
  return (weightLineWidth(Number.isFinite(w) ? w : 0, spec.weight_scale, spec.thickest) * 100) / 72;
}

function drawDiagram(ui, spec, state, frame) {
  const { ctx } = ui;
  const size = spec.thumbnail;
  const half = size / 2;
  ctx.save();
  // the weights first, under the thumbnails: by target, then source
  state.layers.forEach(({ W }, k) => {
    const from = spec.positions[k];
    const to = spec.positions[k + 1];
    to.forEach(([x1, y1], j) => from.forEach(([x0, y0], i) => {
      const w = W[i][j];
      strokeLine(ctx, [[x0 + half + 1, y0], [x1 - half - 1, y1]], {
        colour: w >= 0 ? spec.colours.positive : spec.colours.negative, width: lineWidth(spec, w),
        dash: w >= 0 ? [] : [6, 3],  // the sign by a dash as well as by colour
      });
    }));
  });
  ctx.setLineDash([]);
  const columns = spec.layer_sizes.length;
  spec.positions.forEach((centres, layer) => {
    drawText(ctx, spec.titles[layer], centres[0][0], 16, { colour: "#333333" });
    centres.forEach(([cx, cy], k) => {
      const left = Math.round(cx) - Math.floor(size / 2);
      const top = Math.round(cy) - Math.floor(size / 2);
      const values = frame.maps[layer][k];
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(paintMap(ui, spec, values, builderLimits(spec, values, layer)), left, top, size, size);
      ctx.strokeStyle = "#555555";
      ctx.lineWidth = 1;
      ctx.strokeRect(left - 1, top - 1, size + 2, size + 2);
      if (layer === 0) drawText(ctx, `x${k + 1}`, left - 5, cy + 4, { align: "right" });
      else if (layer < columns - 1) drawText(ctx, `h${k + 1}`, cx, top + size + 11, { size: 10, colour: "#555555" });
    });
  });
  ctx.restore();
}

function drawOutput(ui, spec, frame) {
  const { ctx } = ui;
  const [x0, x1, y0, y1] = spec.extent;
  const p = panel(...spec.output_box, [x0, x1], [y0, y1]);
  clipToPanel(ctx, p);
  ctx.imageSmoothingEnabled = true;  // the kernel's map is interpolated (bilinear) too
  // the map's samples sit on the grid points, at the edges of the box: stretch them from the first to the last
  const n = spec.grid;
  const image = paintMap(ui, spec, frame.output, [0, 1]);
  const dx = p.width / (n - 1);
  const dy = p.height / (n - 1);
  ctx.drawImage(image, p.left - dx / 2, p.top - dy / 2, p.width + dx, p.height + dy);
  const r = spec.X.length <= 20 ? 6 : 3.6;
  spec.X.forEach(([a, b], i) => {
    const label = spec.y[i];
    marker(ctx, spec.markers[label], p.x(a), p.y(b), r, spec.class_colours[label], "white");
  });
  ctx.restore();
  axes(ctx, p, { title: builderScore(frame) });
}

function builderScore(frame) {
  return frame.correct === frame.n ? `all ${frame.n} points correct` : `${frame.correct} of ${frame.n} points correct`;
}

// The readout under the picture, as the kernel's NetworkBuilder._readout writes it (without its HTML).
function builderHeadline(spec, state, frame) {
  const sure = "on average it gives each point's true class a probability of " +
    `${fixed(frame.true_class_probability, 2)} (1.00 = sure and right)`;
  if (spec.check && frame.all_correct) {
    return `✅ All ${frame.n} points classified correctly! ${sure[0].toUpperCase()}${sure.slice(1)}.`;
  }
  return `${frame.correct} of ${frame.n} points classified correctly; ${sure}.`;
}

function builderDescription(spec, state, frame) {
  const names = spec.neuron_names;
  let strongest = null;
  state.layers.forEach(({ W }, k) => W.forEach((row, i) => row.forEach((w, j) => {
    if (!strongest || Math.abs(w) > Math.abs(strongest.w)) strongest = { w, from: names[k][i], to: names[k + 1][j] };
  })));
  const hidden = spec.layer_sizes[1];
  return `The network: inputs x1 and x2, ${hidden} hidden neuron${hidden > 1 ? "s" : ""} ` +
    `(${ACTIVATIONS[state.activation].label}) and a sigmoid output, each drawn as its output over the plane; ` +
    "one line per weight, as wide as the weight, blue and solid when positive, red and dashed when negative " +
    `(the strongest: ${strongest.from} → ${strongest.to}, ${fixed(strongest.w, 1)}). ` +
    `Beside it the network's output over the plane with the ${frame.n} points: ${builderScore(frame)}; ` +
    `the true class gets a probability of ${fixed(frame.true_class_probability, 2)} on average.`;
}

function paintBuilder(ui, spec, state, frame) {
  drawDiagram(ui, spec, state, frame);
  drawOutput(ui, spec, frame);
}

export default {
  render: (view) => mount(view, drawing({ state: builderState, frame: builderFrame, paint: paintBuilder,
                                          headline: builderHeadline, description: builderDescription })),
};
