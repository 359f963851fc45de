// The initialisation explorer, drawn in the browser (10_first_weights). The kernel sends the batch of digits and
// the network's starting draws once (every weight as a standard-normal draw: a start is that draw times its std);
// dragging the std, or another start or activation, recomputes in the page, with nn.js's dense layers, every
// hidden layer's histogram, the activations' typical size, the mean |dL/dW| of every layer and the dead and
// saturated neurons, as nnlib.state.initialisation.FirstWeights computes them. The loss curve needs 50 steps of
// training: the kernel trains, and sends the losses as numbers when they are ready (the headline says they are
// pending until then).

const INIT_LIMITS = { size: [1e-10, 1e10], gradient: [1e-16, 1e8], loss: 5 };  // the kernel's axes

// x as Python's f"{x:.{digits}g}" writes it (nan, inf; exponents of two digits at least).
function general(x, digits) {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const [mantissa, e] = x.toExponential(digits - 1).split("e");
  const power = Number(e);
  const strip = (t) => (t.includes(".") ? t.replace(/\.?0+$/, "") : t);
  if (power >= -4 && power < digits) return strip(x.toFixed(Math.max(0, digits - 1 - power)));
  return `${strip(mantissa)}e${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
}

function sizeText(v) {  // FirstWeights' _size
  if (!Number.isFinite(v)) return "overflow";
  if ((Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4) || v === 0) return general(v, 2);
  const [mantissa, e] = v.toExponential(1).split("e");
  return `${mantissa}e${e[0]}${e.slice(1).padStart(2, "0")}`;
}

function initState(spec, values) {
  const value = values.init === "constant" || values.init === "normal" ? values.std : null;
  return { init: values.init, std: values.std, activation: values.activation, value,
           key: `${values.activation}|${values.init}|${value === null ? "" : String(value)}` };
}

// Every layer's starting weights (rows of n_out), as nnlib.state.initialisation.starting_network makes them.
function startingWeights(spec, state) {
  return spec.unit.map((layer, l) => {
    const scale = state.init === "normal" ? state.value : spec.scales[state.init] ? spec.scales[state.init][l] : 0;
    const [nIn, nOut] = spec.shapes[l];
    const W = [];
    for (let i = 0; i < nIn; i++) {
      const row = new Array(nOut);
      for (let j = 0; j < nOut; j++) {
        row[j] = state.init === "constant" ? state.value : state.init === "zeros" ? 0 : scale * layer[i * nOut + j];
      }
      W.push(row);
    }
    return W;
  });
}

// np.histogram of the values clipped to [low, high] (nan as 0) in `bins` equal bins, heights relative to the
// tallest, with numpy's own rule for values on an edge.
function histogramHeights(values, [low, high], bins) {
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : i * ((high - low) / bins) + low));
  const norm = bins / (high - low);
  const counts = new Array(bins).fill(0);
  for (let v of values) {
    v = Math.min(Math.max(Number.isNaN(v) ? 0 : v, low), high);
    let k = Math.floor((v - low) * norm);
    if (k === bins) k -= 1;
    if (v < edges[k]) k -= 1;
    if (k !== bins - 1 && v >= edges[k + 1]) k += 1;
    counts[k] += 1;
  }
  const top = Math.max(...counts);
  return counts.map((c) => (top ? c / top : c));
}

// What start_report computes for one start: per hidden layer its histogram, rms, dead and saturated neurons;
// per weight layer the mean |dL/dW|; and the loss at the start.
function startReport(spec, state) {
  const record = ACTIVATIONS[state.activation];
  const reluLike = state.activation === "relu" || state.activation === "leaky_relu";
  const Ws = startingWeights(spec, state);
  const zeros = (n) => new Array(n).fill(0);
  const inputs = [spec.X];
  const Zs = [];
  let A = spec.X;
  for (let l = 0; l < Ws.length - 1; l++) {
    const Z = denseForward(A, Ws[l], zeros(Ws[l][0].length));
    A = Z.map((row) => row.map(record.f));
    Zs.push(Z);
    inputs.push(A);
  }
  const logits = denseForward(A, Ws[Ws.length - 1], zeros(Ws[Ws.length - 1][0].length));
  const rms = [];
  const dead = [];
  const saturated = [];
  const histograms = [];
  const n = spec.X.length;
  Zs.forEach((Z, l) => {
    const a = inputs[l + 1];
    let square = 0;
    for (const row of a) for (const v of row) square += v * v;
    rms.push(Math.sqrt(square / (n * a[0].length)));
    histograms.push(histogramHeights(a.flat(), spec.histogram_range[state.activation], spec.bins));
    let deadCount = 0;
    let satCount = 0;
    for (let j = 0; j < Z[0].length; j++) {
      if (reluLike) {
        if (Z.every((row) => row[j] <= 0)) deadCount += 1;
      } else {
        const flat = Z.filter((row) => record.df(row[j]) < spec.saturated * record.maxSlope).length;
        if (flat / n > 0.5) satCount += 1;
      }
    }
    dead.push(deadCount);
    saturated.push(satCount);
  });
  const meanAbsDW = new Array(Ws.length);
  let dZ = softmaxCrossEntropyGradient(logits, spec.y);
  for (let l = Ws.length - 1; l >= 0; l--) {
    const { dA, dW } = denseBackward(dZ, inputs[l], Ws[l]);
    let total = 0;
    for (const row of dW) for (const v of row) total += Math.abs(v);
    meanAbsDW[l] = total / (dW.length * dW[0].length);
    if (l > 0) dZ = dA.map((row, k) => row.map((v, j) => v * record.df(Zs[l - 1][k][j])));
  }
  return { rms, mean_abs_dW: meanAbsDW, dead, saturated, histograms, loss: softmaxCrossEntropy(logits, spec.y) };
}

function startLabel(spec, state) {
  if (state.init === "constant") return `every weight ${state.value}`;
  if (state.init === "normal") return `normal, std ${state.value}`;
  return spec.init_names[state.init];
}

function initHeadline(spec, state, frame) {
  const { rms, mean_abs_dW: grads } = frame;
  const dead = frame.dead.reduce((s, v) => s + v, 0);
  const sat = frame.saturated.reduce((s, v) => s + v, 0);
  const parts = [`${startLabel(spec, state)}: activations' typical size ${sizeText(rms[0])} in layer 1, ` +
    `${sizeText(rms[rms.length - 1])} in layer ${rms.length}; mean |dL/dW| ${sizeText(grads[0])} in layer 1, ` +
    `${sizeText(grads[grads.length - 1])} at the output`];
  if (dead || sat) parts.push(dead ? `${dead} of ${spec.n_units} neurons dead` : `${sat} of ${spec.n_units} neurons saturated`);
  if (!frame.losses) {
    parts.push(`loss ${general(frame.loss, 3)} at the start; the loss after ${spec.steps} steps is pending (the ` +
      "kernel is training this start)");
  } else if (frame.blew_up_at !== null) {
    parts.push(`training blew up: after ${frame.blew_up_at} steps the loss is no longer a number (the numbers ` +
      "overflowed)");
  } else {
    parts.push(`loss ${general(frame.losses[0], 3)} at the start, ${general(frame.losses[frame.losses.length - 1], 3)}` +
      ` after ${spec.steps} steps`);
  }
  return `${parts.join("; ")}.`;
}

function initDescription(spec, state, frame) {
  const list = (values, text) => values.map(text).join(", ");
  return `Starting weights ${startLabel(spec, state)}, ${ACTIVATIONS[state.activation].label}: histograms of ` +
    `each of the ${frame.rms.length} hidden layers' activations (dead or saturated neurons per layer: ` +
    `${list(frame.dead.map((d, l) => d || frame.saturated[l]), String)}); their typical size layer by layer ` +
    `(${list(frame.rms, sizeText)}); the mean |dL/dW| of every weight layer (${list(frame.mean_abs_dW, sizeText)}); ` +
    (frame.losses ? (frame.blew_up_at !== null ? `the loss curve, which blows up after ${frame.blew_up_at} steps.`
      : `the loss over ${spec.steps} steps, from ${general(frame.losses[0], 3)} to ` +
        `${general(frame.losses[frame.losses.length - 1], 3)}.`)
      : `the loss curve, pending (the kernel is training ${spec.steps} steps).`);
}

function logPanel(ctx, p, values, limits, shape, colour, xticks, xlabel, title) {
  const [low, high] = limits.map(Math.log10);
  const y = (v) => {
    const clipped = Math.min(Math.max(Number.isNaN(v) ? limits[1] : v, limits[0]), limits[1]);
    return p.top + p.height - ((Math.log10(clipped) - low) / (high - low)) * p.height;
  };
  ctx.save();
  openFrame(ctx, p, "#555");
  for (let e = Math.ceil(low / 4) * 4; e <= high; e += 4) {
    drawText(ctx, `1e${e}`, p.left - 3, y(10 ** e) + 3, { size: 10, align: "right" });
  }
  xticks.forEach((words, k) => drawText(ctx, words, p.x(k + 1), p.top + p.height + 12, { size: 10 }));
  drawText(ctx, xlabel, p.left + p.width / 2, p.top + p.height + 26, { size: 11 });
  drawText(ctx, title, p.left + p.width / 2, p.top - 6, { size: 11 });
  strokeLine(ctx, values.map((v, k) => [p.x(k + 1), y(v)]), { colour, width: 1.5 });
  values.forEach((v, k) => marker(ctx, shape, p.x(k + 1), y(v), 3, colour, colour));
  ctx.restore();
  return y;
}

// A dashed line across the panel at the pixel height y, named at its right end: what a curve is measured against.
function referenceLine(ctx, p, y, words) {
  ctx.save();
  axhline(ctx, p, y, { colour: "#777", dash: [4, 3] });
  drawText(ctx, words, p.left + p.width - 2, y - 4, { size: 9.5, colour: "#555", align: "right" });
  ctx.restore();
}

function drawInit(ui, spec, values) {
  const { ctx } = ui;
  const state = initState(spec, values);
  if (!ui.reports[state.key]) ui.reports[state.key] = startReport(spec, state);
  const sent = ui.losses[state.key];
  const frame = { ...ui.reports[state.key], losses: sent ? sent.losses : null,
                  blew_up_at: sent ? sent.blew_up_at : null, key: state.key };
  const stdInput = ui.controls.querySelector("input[name='std']");
  if (stdInput) stdInput.disabled = state.value === null;  // the std counts for the normal and constant starts
  const W = ui.width;
  const H = ui.height;
  const nHidden = frame.rms.length;
  const [low, high] = spec.histogram_range[state.activation];
  drawText(ctx, startLabel(spec, state), 7, 14, { bold: true, align: "left" });
  drawText(ctx, "each hidden layer's activations on the batch (bar heights relative to the tallest; values past the " +
    "axis in the end bar)", 7, 33, { size: 11, align: "left" });
  const width = 0.94 / nHidden;
  ctx.save();
  frame.histograms.forEach((heights, k) => {
    const p = panel(W * (0.035 + k * width), H * 0.15, W * width * 0.76, H * 0.17, [low, high], [0, 1.05]);
    ctx.fillStyle = spec.colours.positive;
    heights.forEach((h, b) => {
      const x0 = p.x(low + ((high - low) * b) / spec.bins);
      const x1 = p.x(low + ((high - low) * (b + 1)) / spec.bins);
      ctx.fillRect(x0, p.y(h), x1 - x0, p.y(0) - p.y(h));
    });
    axhline(ctx, p, p.top + p.height, { colour: "#555" });
    drawText(ctx, `layer ${k + 1}`, p.left + p.width / 2, p.top - 4, { size: 10.5 });
    drawText(ctx, tickText(low), p.left, p.top + p.height + 11, { size: 9.5 });
    drawText(ctx, tickText(high), p.left + p.width, p.top + p.height + 11, { size: 9.5 });
    const count = frame.dead[k] ? `${frame.dead[k]} dead` : frame.saturated[k] ? `${frame.saturated[k]} sat.` : "";
    drawText(ctx, count, p.left + p.width / 2, p.top + p.height + 24, { size: 10, colour: spec.colours.negative });
  });
  ctx.restore();
  const top = H * (1 - 0.48);
  const size = panel(W * 0.075, top, W * 0.25, H * 0.38, [0.5, nHidden + 0.5], [0, 1]);
  const y = logPanel(ctx, size, frame.rms, INIT_LIMITS.size, "o", spec.colours.size,
                     frame.rms.map((_, k) => String(k + 1)), "hidden layer",
                     "typical size of its activations\n(root mean square)");
  referenceLine(ctx, size, y(spec.input_rms), "the pixels");
  const nLayers = frame.mean_abs_dW.length;
  const grad = panel(W * 0.415, top, W * 0.25, H * 0.38, [0.5, nLayers + 0.5], [0, 1]);
  logPanel(ctx, grad, frame.mean_abs_dW, INIT_LIMITS.gradient, "s", spec.colours.gradient,
           frame.mean_abs_dW.map((_, k) => (k === nLayers - 1 ? "out" : String(k + 1))), "weight layer",
           "mean |dL/dW| at the start");
  const loss = panel(W * 0.74, top, W * 0.24, H * 0.38, [0, spec.steps], [0, INIT_LIMITS.loss]);
  axes(ctx, loss, { xlabel: "step of gradient descent", title: `loss over ${spec.steps} steps` });
  referenceLine(ctx, loss, loss.y(Math.log(10)), "guessing: ln 10");
  // a note in the loss panel's bottom left corner, its lines 14 px apart
  const note = (lines, colour) => lines.forEach((words, k) => drawText(ctx, words, loss.left + 6,
    loss.top + loss.height - (8 + 14 * (lines.length - 1 - k)), { size: 10.5, colour, align: "left" }));
  if (!frame.losses) {
    note(["pending: the kernel is", `training ${spec.steps} steps`], "#555");
  } else {
    const shown = frame.blew_up_at === null ? frame.losses : frame.losses.slice(0, frame.blew_up_at);
    ctx.save();
    strokeLine(ctx, shown.map((v, k) => [loss.x(k), loss.y(Math.min(v, INIT_LIMITS.loss))]),
      { colour: spec.colours.loss, width: 1.6 });
    ctx.restore();
    if (frame.blew_up_at !== null) {
      note(["blew up: not a number", `after ${frame.blew_up_at} steps`], spec.colours.negative);
    } else if (shown.some((v) => v > INIT_LIMITS.loss)) {
      note(["off the chart: above 5"], spec.colours.negative);
    }
  }
  return { state, frame, headline: initHeadline(spec, state, frame), description: initDescription(spec, state, frame) };
}

// The kernel sends each start's losses once it has trained it: {losses: {key, losses, blew_up_at}}.
function renderInit(view) {
  const spec = view.model.get("spec");
  spec.X = (() => {
    const flat = unpack(spec.pixels);
    const [n, d] = spec.pixels.shape;
    return Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * d, (i + 1) * d)));
  })();
  const setup = (ui, _spec, _values, changed) => {
    ui.reports = {};
    const keep = (sent) => {  // JSON has no nan: a loss that is no longer a number comes as null
      ui.losses[sent.key] = { ...sent, losses: sent.losses.map((v) => (v === null ? NaN : v)) };
    };
    ui.losses = {};
    Object.values(spec.losses).forEach(keep);
    view.model.on("msg:custom", (message) => {
      if (!message || !message.losses) return;
      keep(message.losses);
      changed();
    });
  };
  mount(view, (ui, _spec, values) => drawInit(ui, spec, values), setup);
}

export default { render: renderInit };
