// The training playground (05_layers, 07_backprop), drawn in the browser. Training stays in the kernel (a
// PlaygroundRun): after every Step, Play tick or setting it sends the frame's numbers only ({frame: ...}, made by
// nnlib.widgets.playground_view.frame_numbers): every neuron's map over the plane (bytes over its colour scale),
// the weights, the points, the losses. The page draws them: the network with a thumbnail per neuron and a line per
// weight (width |w|, blue and solid positive, red and dashed negative), the large map (the output, or the neuron
// chosen in the kernel) with the training points (filled) and test points (outlined), and the loss curves.
// Settings (data set, features, learning rate, noise...) go to the kernel as values; the page shows what comes back.

// A map as frame_numbers sends it: bytes 0..254 over low..high, 255 where the value is not a number.
function unpackMap(sent, size) {
  const bytes = atob(sent.base64);
  const out = new Float64Array(size);
  const span = sent.high - sent.low;
  for (let i = 0; i < size; i++) {
    const b = bytes.charCodeAt(i);
    out[i] = b === 255 ? NaN : sent.low + (b / 254) * span;
  }
  return out;
}

// The frame's numbers as arrays: maps[layer][neuron] (GRID * GRID, row r column c is grid point r * GRID + c,
// from the bottom-left corner), each with its colour scale [low, high]; the large map and how it is coloured.
function playgroundFrame(sent) {
  const size = sent.grid * sent.grid;
  const maps = sent.maps.map((layer) => layer.map((m) => ({ values: unpackMap(m, size), limits: [m.low, m.high] })));
  let large;
  if (sent.large.kind === "classes") {
    large = { kind: "classes", values: unpackMap(sent.large.map, size), limits: [0, 254] };
  } else {
    const m = maps[sent.large.layer][sent.large.neuron];
    large = { kind: sent.large.kind, layer: sent.large.layer, neuron: sent.large.neuron, ...m };
  }
  const nan = (list) => list.map((v) => (v === null ? NaN : v));
  return { ...sent, maps, large, loss: nan(sent.loss), val_loss: nan(sent.val_loss),
    weights: sent.weights.map(nan) };
}

// An accuracy as the readout writes it: whole percents, "nan" when it is not a number.
function accuracyText(v) {
  return v === null || !Number.isFinite(v) ? "nan" : `${fixed(100 * v, 0)}%`;
}

// The readout, as TrainingPlayground._readout writes it (without its HTML).
function playgroundHeadline(spec, frame, playing) {
  const s = frame.scores;
  const num = (v) => (v === null ? "nan" : fixed(v, 3));
  if (frame.blew_up) {
    return `epoch ${frame.epoch}: the loss blew up (a learning rate of ${frame.lr} is too big here). ` +
      "Press Reset and pick a smaller one.";
  }
  if (!spec.train_controls) return `The network classifies ${frame.right[0]} of ${frame.right[1]} points correctly.`;
  const l2 = frame.l2 ? `, l2 ${frame.l2}` : "";
  let text = `epoch ${frame.epoch} (${playing ? "playing" : "paused"}, learning rate ${frame.lr}${l2})   ` +
    `training loss ${num(s.loss)} (accuracy ${accuracyText(s.accuracy)})   ` +
    `test loss ${num(s.val_loss)} (accuracy ${accuracyText(s.val_accuracy)})`;
  if (frame.epoch >= frame.max_epochs) text += `   stopped at ${frame.max_epochs} epochs`;
  return text;
}

function largeName(frame) {
  if (frame.large.kind === "neuron") return `layer ${frame.large.layer}, neuron ${frame.large.neuron + 1}`;
  return frame.large.kind === "probability" ? "the output: P(class 1)" : "the output: its predicted class";
}

function playgroundDescription(spec, frame) {
  const sizes = frame.layer_sizes;
  const hidden = sizes.slice(1, -1);
  const weights = frame.weights.flat().filter(Number.isFinite);
  const positive = weights.filter((w) => w >= 0).length;
  const largest = weights.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
  const last = (list) => (list.length ? list[list.length - 1] : NaN);
  return `Training playground after ${frame.epoch} epochs: a network from the inputs ${frame.features.join(", ")} ` +
    `through ${hidden.length ? `hidden layers of ${hidden.join(", ")} ${frame.activation} neurons`
      : "no hidden layer"}` +
    ` to ${sizes[sizes.length - 1]} output${sizes[sizes.length - 1] > 1 ? "s" : ""}, each neuron drawn as a map of ` +
    `its output over the plane; ${weights.length} weights as lines, ${positive} positive (blue, solid) and ` +
    `${weights.length - positive} negative (red, dashed), the largest |w| ${fixed(largest, 2)}. Large: ` +
    `${largeName(frame)}, with ${frame.train.y.length} training points (filled) and ${frame.test.y.length} test ` +
    `points (outlined). Loss curves: training ${fixed(frame.loss[0], 3)} at the start, ${fixed(last(frame.loss), 3)}` +
    ` now; test ${fixed(frame.val_loss[0], 3)} at the start, ${fixed(last(frame.val_loss), 3)} now.`;
}

function hexRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// Paint a map (grid x grid, row 0 at the bottom) on a scratch canvas, coloured, mixed with white by alpha.
function mapImage(ui, spec, grid, m, kind, alpha) {
  const classes = spec.colours.classes.map(hexRgb);
  return paintImage(ui, `map ${grid}`, grid, grid, (row, col) => {
    const v = m.values[(grid - 1 - row) * grid + col];
    const rgb = kind !== "classes" ? mapColour(spec.colours.map, v, m.limits)
      : Number.isFinite(v) ? classes[Math.round(v) % classes.length] : [221, 221, 221];
    return withWhite(rgb, alpha).map(Math.round);
  });
}

// Where each neuron's thumbnail sits on the network's half: {x, y, size} per layer and neuron.
function networkLayout(sizes, width, height) {
  const most = Math.max(...sizes);
  const size = Math.max(10, Math.min(44, (height - 56) / most - 4));  // below the columns' titles
  const left = 44;
  const gap = sizes.length > 1 ? (width - left - size - 10) / (sizes.length - 1) : 0;
  return sizes.map((n, layer) => {
    const x = left + layer * gap;
    const top = 26 + (height - 26 - n * (size + 4)) / 2;
    return Array.from({ length: n }, (_, k) => ({ x, y: top + k * (size + 4), size }));
  });
}

function drawNetwork(ui, spec, frame) {
  const { ctx } = ui;
  const layout = networkLayout(frame.layer_sizes, 406, ui.height);
  // the weights: width |w| (as weight_lines: 8% of the thickest at 0), colour and dash the sign
  frame.weights.forEach((W, layer) => {
    const nOut = frame.layer_sizes[layer + 1];
    W.forEach((w, index) => {
      const i = Math.floor(index / nOut);
      const j = index % nOut;
      const a = layout[layer][i];
      const b = layout[layer + 1][j];
      ctx.save();
      ctx.globalAlpha = 0.8;
      strokeLine(ctx, [[a.x + a.size, a.y + a.size / 2], [b.x, b.y + b.size / 2]], {
        colour: !Number.isFinite(w) ? "#999" : w >= 0 ? spec.colours.positive : spec.colours.negative,
        width: Number.isFinite(w) ? weightLineWidth(w, spec.weight_scale, 3.5) : 0.5,
        dash: w >= 0 ? [] : [4, 3],
      });
      ctx.restore();
    });
  });
  ctx.imageSmoothingEnabled = false;
  frame.maps.forEach((layer, column) => {
    layer.forEach((m, k) => {
      const at = layout[column][k];
      ctx.drawImage(mapImage(ui, spec, frame.grid, m, "map", 1), at.x, at.y, at.size, at.size);
      ctx.strokeStyle = "#888";
      ctx.lineWidth = 0.8;
      ctx.strokeRect(at.x, at.y, at.size, at.size);
    });
  });
  ctx.imageSmoothingEnabled = true;
  layout.forEach((column, k) => {  // the columns' titles, as the kernel's picture
    const name = k === 0 ? "inputs" : k === layout.length - 1 ? "output" : `layer ${k}`;
    drawText(ctx, name, column[0].x + column[0].size / 2, 16, { size: 13 });
  });
  frame.features.forEach((name, k) => {
    const at = layout[0][k];
    const label = spec.feature_labels[name] || name;
    drawText(ctx, label, at.x - 4, at.y + at.size / 2 + 4, { size: 11, align: "right" });
  });
  // the neuron shown large: a dark frame around it (around every output neuron for the output)
  const chosen = frame.large.kind === "neuron" ? [layout[frame.large.layer][frame.large.neuron]]
    : layout[layout.length - 1];
  ctx.strokeStyle = "#111";
  ctx.lineWidth = 2;
  for (const at of chosen) ctx.strokeRect(at.x - 2, at.y - 2, at.size + 4, at.size + 4);
  return layout;
}

function drawLarge(ui, spec, frame) {
  const { ctx } = ui;
  const [x0, x1, y0, y1] = frame.extent;
  const p = panel(448, 30, 238, 222, [x0, x1], [y0, y1]);
  const alpha = frame.large.kind === "classes" ? spec.colours.region_alpha : spec.colours.map_alpha;
  ctx.imageSmoothingEnabled = frame.large.kind !== "classes";
  ctx.drawImage(mapImage(ui, spec, frame.grid, frame.large, frame.large.kind, alpha), p.left, p.top, p.width,
    p.height);
  ctx.imageSmoothingEnabled = true;
  const markers = spec.colours.markers;
  const colours = spec.colours.classes;
  clipToPanel(ctx, p);
  for (const [points, hollow] of [[frame.train, false], [frame.test, true]]) {
    points.y.forEach((label, i) => {
      const x = p.x(points.X[2 * i]);
      const y = p.y(points.X[2 * i + 1]);
      const colour = colours[label % colours.length];
      if (hollow) {
        marker(ctx, markers[label % markers.length], x, y, 3.2, "rgba(255,255,255,0)", colour);
      } else {
        marker(ctx, markers[label % markers.length], x, y, 2.8, colour, "#222");
      }
    });
  }
  ctx.restore();
  axes(ctx, p, { title: largeName(frame) });
  return p;
}

function drawLosses(ui, spec, frame) {
  const { ctx } = ui;
  const n = Math.max(frame.loss.length, 10);
  const finite = [frame.loss[0], frame.val_loss[0]].filter(Number.isFinite);
  const seen = [...frame.loss, ...frame.val_loss].filter(Number.isFinite);
  const top = Math.max(1.15 * Math.max(...finite, 1e-3), seen.length ? Math.min(Math.max(...seen), 10) : 0);
  const q = panel(448, 292, 238, 84, [0, n], [0, top]);
  const curves = [["training", frame.loss, spec.colours.classes[0], []],
    ["test", frame.val_loss, spec.colours.classes[1], [6, 4]]];
  clipToPanel(ctx, q);
  for (const [, values, colour, dash] of curves) {
    const points = values.map((v, i) => (Number.isFinite(v) ? [q.x(i), Math.max(q.top - 10, q.y(v))] : null));
    strokeLine(ctx, points, { colour, width: 2, dash });
  }
  ctx.restore();
  axes(ctx, q, { xlabel: "epoch", ylabel: "loss" });
  curves.forEach(([name, , colour, dash], k) => {
    legendEntry(ctx, q.left + q.width - 78, q.top + 8 + 13 * k, name, { colour, width: 2, dash, length: 22, gap: 4 });
  });
  return q;
}

// The 'look at' menu's texts, as TrainingPlayground._update_look_options writes them.
function lookOptions(sizes) {
  const options = ["output"];
  sizes.slice(1, -1).forEach((n, layer) => {
    for (let k = 0; k < n; k++) options.push(`layer ${layer + 1}, neuron ${k + 1}`);
  });
  return options;
}

function drawPlayground(ui, spec, values) {
  const frame = ui.frame;
  const playing = Boolean(frame.playing);
  if (ui.play) {
    ui.play.textContent = playing ? "Pause" : "Play";
    ui.play.setAttribute("aria-pressed", String(playing));
  }
  for (const [name, box] of Object.entries(ui.features || {})) box.checked = Boolean(values[`feature ${name}`]);
  const options = lookOptions(frame.layer_sizes);
  if (ui.look.dataset.options !== options.join("|")) {
    ui.look.replaceChildren(...options.map((text) => Object.assign(document.createElement("option"),
      { value: text, textContent: text })));
    ui.look.dataset.options = options.join("|");
  }
  const looked = values["look text"];
  if (ui.look.value !== looked && options.includes(looked)) ui.look.value = looked;
  drawNetwork(ui, spec, frame);
  drawLarge(ui, spec, frame);
  if (spec.train_controls) drawLosses(ui, spec, frame);
  return { state: { values: { ...values }, epoch: frame.epoch }, frame,
    headline: playgroundHeadline(spec, frame, playing), description: playgroundDescription(spec, frame) };
}

// Play (a toggle: the kernel trains a step at each tick of its Play timer) and one checkbox per input feature, in
// the page's controls; each frame the kernel sends replaces the picture.
function renderPlayground(view) {
  const spec = view.model.get("spec");
  const setup = (ui, _spec, values, changed) => {
    ui.frame = playgroundFrame(spec.frame);
    // the kernel's Play counter is the kernel's: the page neither keeps nor sends it back (a stale count would
    // reach the kernel while it plays)
    delete values.play;
    Object.defineProperty(values, "play", { get: () => undefined, set: () => {}, enumerable: false });
    view.model.on("change:spec", () => {  // a frame made before the page had drawn the widget
      ui.frame = playgroundFrame(view.model.get("spec").frame);
      changed();
    });
    view.model.on("msg:custom", (message) => {
      if (!message || !message.frame) return;
      ui.frame = playgroundFrame(message.frame);
      changed();
    });
    // 'look at': the output or any hidden neuron shown large (its options follow the network's shape)
    const lookRow = addElement(null, "div", { style: "display: flex; align-items: center; gap: 8px; margin: 2px 0;" });
    const lookLabel = addElement(lookRow, "label", { textContent: "look at", style: "width: 150px; font-size: 13px;" });
    const look = addElement(lookRow, "select", { name: "look at", id: `nnlib-${Math.random().toString(36).slice(2)}` });
    lookLabel.htmlFor = look.id;
    look.addEventListener("change", () => {
      values["look text"] = look.value;
      changed();
    });
    ui.look = look;
    ui.controls.prepend(lookRow);
    if (!spec.train_controls) return;
    const row = addElement(null, "div",
      { style: "display: flex; flex-flow: row wrap; align-items: center; gap: 4px 10px; width: 100%;" });
    const play = addElement(row, "button", { type: "button", name: "play", style: "font-size: 13px; padding: 2px 10px;",
                                             title: `train ${spec.epochs_per_step} epochs at each tick until paused` });
    play.addEventListener("click", () => view.model.send({ press: "play or pause" }));
    ui.play = play;
    const group = addElement(row, "fieldset",
      { style: "border: none; margin: 0; padding: 0; display: flex; gap: 8px; font-size: 13px;" });
    addElement(group, "legend", { textContent: "inputs", style: "float: left; padding-right: 6px;" });
    ui.features = {};
    for (const name of spec.features) {
      const label = addElement(group, "label");
      const box = addElement(label, "input",
        { type: "checkbox", name: `feature ${name}`, checked: Boolean(values[`feature ${name}`]) });
      label.append(` ${name}`);
      box.addEventListener("change", () => {
        values[`feature ${name}`] = box.checked;
        changed();
      });
      ui.features[name] = box;
    }
    ui.controls.prepend(row);
  };
  mount(view, (ui, _spec, values) => drawPlayground(ui, spec, values), setup);
}

export default { render: renderPlayground };
