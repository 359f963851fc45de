// The pixel neuron explorer (01_neuron, 08_training_digits), drawn in the browser: one neuron over the 64 pixels
// of a handwritten digit. The kernel sends the images (compactly), the labels and the knobs' patterns once; every
// movement of a knob, the digit or the example is drawn here: the weights the knobs make, the pixels times the
// weights, z (their sum), and every digit's average z, with dashed outlines where the knobs started. The values go
// back to the kernel, which keeps the state. As nnlib/widgets/pixel_neuron.py draws it.

// The data, unpacked once per widget: the images as one flat array, and which images show each digit.
function pixelData(spec) {
  if (!spec.__data) {
    const size = spec.shape[0] * spec.shape[1];
    const images = unpack(spec.images);
    const byClass = {};
    spec.classes.forEach((c) => { byClass[c] = []; });
    spec.labels.forEach((label, i) => byClass[label].push(i));
    const views = spec.labels.map((label, i) => images.subarray(i * size, (i + 1) * size));
    const image = (i) => views[i];
    spec.__data = { size, images, image, byClass };
    spec.__data.referenceMeans = spec.start ? classMeans(spec, spec.start) : null;  // they never move
  }
  return spec.__data;
}

// The weight picture the knobs make, as nnlib's pixel_neuron_weights: base + sum of value * pattern, in order.
function knobWeights(spec, values) {
  const { size } = pixelData(spec);
  let W = spec.base ? Float64Array.from(spec.base) : new Float64Array(size);
  for (const [name, pattern] of spec.knobs) {
    const v = Number(values[name]);
    W = W.map((w, i) => w + v * pattern[i]);
  }
  return W;
}

// The average z = sum of pixel x weight over the images of each digit, in the order of spec.classes (as nnlib's
// class_means: each image's weighted sum, then their mean).
function classMeans(spec, W) {
  const { image, byClass } = pixelData(spec);
  return spec.classes.map((c) => byClass[c].reduce((total, i) => total + weightedSum(image(i), W, 0), 0) /
                                  byClass[c].length);
}

// as numpy's allclose (rtol 1e-5, atol 1e-8): "the knobs have not moved the averages"
function allClose(a, b) {
  return a.every((v, i) => Math.abs(v - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]));
}

// The ticks matplotlib puts on the kernel's chart (its MaxNLocator on an axis this tall: at most 5 steps of 1, 2,
// 2.5 or 5 times a power of ten), so both pictures number their axis alike.
function axisTicks(low, high, bins = 5) {
  const raw = (high - low) / bins;
  const base = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * base).find((v) => v >= raw * (1 - 1e-9));
  const out = [];
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + 1e-9 * step; k++) out.push(k * step);
  return out;
}

// What the frame shows, from the state alone (the browser test holds it to nnlib's).
function pixelFrame(spec, values) {
  const { image, byClass } = pixelData(spec);
  const weights = knobWeights(spec, values);
  const digit = values.digit;
  const count = byClass[digit].length;
  const example = Math.max(0, Math.min(count - 1, Math.round(values.example)));
  const index = byClass[digit][example];
  const pixels = image(index);
  const products = Array.from(pixels, (p, i) => p * weights[i]);
  const z = weightedSum(pixels, weights, 0);  // the neuron's weighted sum: the products added up
  const means = classMeans(spec, weights);
  const referenceMeans = pixelData(spec).referenceMeans;
  const moved = referenceMeans !== null && !allClose(referenceMeans, means);
  const reach = Math.max(Math.max(...weights.map(Math.abs)), 1e-9);
  const reachBars = Math.max(...means.map(Math.abs), ...(referenceMeans || []).map(Math.abs));
  const limit = niceLimit(1.15 * Math.max(1, reachBars, Math.abs(z)));
  // the ranking the readout gives: highest average first, ties to the smaller digit
  const order = means.map((m, k) => k).sort((i, j) => (means[j] > means[i] ? 1 : means[j] < means[i] ? -1 : i - j));
  return { weights: Array.from(weights), index, label: spec.labels[index], example, count, pixels: Array.from(pixels),
           products, z, means, reference_means: referenceMeans, moved, reach, limit, order,
           favourite: spec.classes[order[0]] };
}

function pixelHeadline(spec, frame) {
  const ranking = frame.order.slice(0, 3).map((k) => `${spec.classes[k]} (${fixed(frame.means[k], 2)})`).join(", ");
  return `z = sum of the ${frame.products.length} products = ${fixed(frame.z, 2)} for this ${frame.label}. ` +
    `Highest averages: ${ranking}.`;
}

function pixelDescription(spec, frame) {
  const count = (test) => frame.weights.filter(test).length;
  return `The pixels of a ${frame.label} (example ${frame.example + 1} of ${frame.count}) times the weights ` +
    `(${count((w) => w > 0)} positive, drawn blue and marked +; ${count((w) => w < 0)} negative, red and marked −; ` +
    `${count((w) => w === 0)} zero, white) give the products, which add up to z = ${fixed(frame.z, 2)}. ` +
    `Average z for each digit: ${frame.means.map((m, k) => `${spec.classes[k]}: ${fixed(m, 2)}`).join(", ")}` +
    (frame.moved ? "; dashed outlines show the averages where the knobs started." : ".");
}

// One 8 x 8 panel: the values painted small and scaled up, a sign on every weight that is not near 0.
function imagePanel(ui, spec, p, values, colour, signs) {
  const [h, w] = spec.shape;
  const small = paintImage(ui, "small", w, h, (r, c) => colour(values[r * w + c]));
  const { ctx } = ui;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, p.left, p.top, p.width, p.height);
  if (signs) {
    values.forEach((v, i) => {
      if (Math.abs(v) < 0.15 * signs.reach) return;  // too faint to matter
      const [R, G, B] = colour(v);
      const ink = 0.299 * R + 0.587 * G + 0.114 * B < 140 ? "white" : "#333333";  // readable on its square
      drawText(ctx, v > 0 ? "+" : "−", p.left + ((i % w) + 0.5) * (p.width / w),
               p.top + (Math.floor(i / w) + 0.5) * (p.height / h), { bold: true, baseline: "middle", colour: ink });
    });
  }
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 1;
  ctx.strokeRect(p.left, p.top, p.width, p.height);
}

// The panels' words: 13.9 px, as the kernel's 10-point text in its figure.
function text(ctx, words, x, y, options = {}) {
  drawText(ctx, words, x, y, { size: 13.9, ...options });
}

function drawPanels(ui, spec, frame) {
  const { ctx } = ui;
  const side = 0.19 * ui.width;
  const top = ui.height * (1 - 0.16 - 0.6) + (0.6 * ui.height - side) / 2;
  const boxes = [0, 1, 2].map((i) => ({ left: (0.012 + 0.215 * i) * ui.width, top, width: side, height: side }));
  const grey = (v) => { const level = Math.round(255 * (1 - v / spec.pixel_top)); return [level, level, level]; };
  const signed = (v) => lookup(spec.weight_lut, (v + frame.reach) / (2 * frame.reach));
  imagePanel(ui, spec, boxes[0], frame.pixels, grey, null);
  imagePanel(ui, spec, boxes[1], frame.weights, signed, { reach: frame.reach });
  imagePanel(ui, spec, boxes[2], frame.products, signed, { reach: frame.reach });
  text(ctx, `pixels of a ${frame.label}`, boxes[0].left + side / 2, top - 7);
  text(ctx, "weights", boxes[1].left + side / 2, top - 7);
  text(ctx, "pixel × weight", boxes[2].left + side / 2, top - 7);
  text(ctx, "×", boxes[1].left - 0.065 * side, top + side / 2 + 7, { size: 20.8 });
  text(ctx, "=", boxes[2].left - 0.065 * side, top + side / 2 + 7, { size: 20.8 });
  text(ctx, "blue +, red −, white 0", boxes[1].left + side / 2, top + side + 18, { size: 12.5, colour: "#444444" });
  text(ctx, `add them up: z = ${fixed(frame.z, 2)}`, boxes[2].left + side / 2, top + side + 19, { bold: true });
}

function drawAverages(ui, spec, frame) {
  const { ctx } = ui;
  const n = spec.classes.length;
  const margin = 0.05 * (n - 1 + 0.7);  // matplotlib's 5% beside the outer bars
  const p = panel(0.72 * ui.width, ui.height * (1 - 0.2 - 0.56), 0.27 * ui.width, 0.56 * ui.height,
                  [-0.35 - margin, n - 1 + 0.35 + margin], [-frame.limit, frame.limit]);
  const position = spec.classes.indexOf(frame.label);
  ctx.save();
  frame.means.forEach((mean, k) => {
    ctx.globalAlpha = k === position ? 1 : 0.45;
    ctx.fillStyle = mean >= 0 ? spec.colours.positive : spec.colours.negative;
    bar(ctx, p, k, mean, 0.7);
  });
  ctx.globalAlpha = 1;
  if (frame.moved) {  // where the knobs started: dashed outlines
    ctx.setLineDash([4, 2]);
    ctx.strokeStyle = "#333333";
    ctx.lineWidth = 1.5;
    frame.reference_means.forEach((mean, k) => bar(ctx, p, k, mean, 0.7, { outline: true }));
    ctx.setLineDash([]);
    text(ctx, "dashed: where the knobs started", p.left + p.width - 2, p.top + 11, { size: 11.1, align: "right",
                                                                                    colour: "#333333" });
  }
  axhline(ctx, p, p.y(0), { colour: "#555555", width: 1 });
  // this image's z, a thick dash on its digit's bar
  strokeLine(ctx, [[p.x(position) - 11, p.y(frame.z)], [p.x(position) + 11, p.y(frame.z)]],
    { colour: spec.colours.curve, width: 4 });
  // the frame: left and bottom lines, ticks, labels
  openFrame(ctx, p);
  ctx.restore();
  // large numbers as 5e7 (matplotlib writes "1e8" over the axis instead), so they fit beside it
  const tickLabel = (v) => (frame.limit >= 1e4 && v !== 0 ? v.toExponential().replace("e+", "e") : tickText(v));
  for (const v of axisTicks(-frame.limit, frame.limit)) {
    text(ctx, tickLabel(v), p.left - 5, p.y(v) + 5, { align: "right" });
  }
  spec.classes.forEach((c, k) => text(ctx, String(c), p.x(k), p.top + p.height + 16));
  text(ctx, "digit", p.left + p.width / 2, p.top + p.height + 32);
  text(ctx, "average z for each digit", p.left + p.width / 2, p.top - 24);
  text(ctx, "(— marks this image's z)", p.left + p.width / 2, p.top - 7);
}

function drawPixelNeuron(ui, spec, values) {
  const frame = pixelFrame(spec, values);
  if (values.example !== frame.example) values.example = frame.example;
  if (ui.example && Number(ui.example.max) !== frame.count - 1) {  // a new digit from the kernel: its own range
    ui.example.max = frame.count - 1;
    ui.example.value = frame.example;  // (set before the range was widened, the browser had cut it short)
  }
  drawPanels(ui, spec, frame);
  drawAverages(ui, spec, frame);
  const knobs = Object.fromEntries(spec.knobs.map(([name]) => [name, values[name]]));
  return { state: { knobs, digit: values.digit, example: frame.example, weights: frame.weights, index: frame.index },
           frame, headline: pixelHeadline(spec, frame), description: pixelDescription(spec, frame) };
}

// A new digit starts at its first example (as the kernel does), with the example slider's end at its last.
function setupPixelNeuron(ui, spec, values) {
  const digit = ui.controls.querySelector("select[name='digit']");
  ui.example = ui.controls.querySelector("input[name='example']");
  if (!digit || !ui.example) return;
  digit.addEventListener("input", () => {
    values.example = 0;
    ui.example.max = pixelData(spec).byClass[values.digit].length - 1;
    ui.example.value = 0;
    const shown = ui.example.parentElement.querySelector("output");
    if (shown) shown.textContent = "0";
  });
}

export default { render: (view) => mount(view, drawPixelNeuron, setupPixelNeuron) };
