// Draw a digit (06_forward_pass, 08_training_digits), drawn in the browser: draw with a mouse, a finger or a pen
// on the pad, or from the keyboard a cell at a time, and the network reads the 8 x 8 picture as the stroke goes.
// The kernel sends the network's weights once; the stroke is turned into 64 pixels here and the forward pass runs
// here (nn.js's mlpForward, as nnlib's MLP.layer_outputs); the 64 ink values go to the kernel, which keeps them
// (widget.pixels, the readout and the checks see the drawing) and can send new ones (Load one, code in a cell).
//
// A stroke is painted on a fine 32 x 32 grid with a round brush, soft at its edge, and each of the 64 pixels is
// the ink of its 4 x 4 block to the nearest 1/16: how scikit-learn's digits were made (32 x 32 bitmaps of
// handwriting, the ink of each 4 x 4 block counted from 0 to 16). The picture: the pixels, each hidden layer (a
// square per neuron) and the ten probabilities, as nnlib/widgets/digits.py draws them.

const INK_STEPS = 16;  // a pixel's ink is a whole number of 16ths, as in the digits data
const CLICK = 1.5;  // a pointer that moves less than this (in fine pixels, 3/8 of a square) clicks, not draws

// ---- the pad: a fine grid of ink, the 64 pixels made from it ----------------------------------------------------

// Take the kernel's 64 pixels: each block of the fine grid holds its pixel's ink.
function loadPixels(ui, spec, pixels) {
  const { side, fine } = spec;
  const k = fine / side;
  ui.ink = Array.from(pixels, Number);
  ui.fine = new Float64Array(fine * fine);
  for (let y = 0; y < fine; y++)
    for (let x = 0; x < fine; x++) ui.fine[y * fine + x] = ui.ink[Math.floor(y / k) * side + Math.floor(x / k)];
  ui.applied = pixels;
}

// Paint the segment a -> b (points in fine pixels) with the brush: ink (1) or half ink (0.5) darkens up to that
// ink, the eraser (0) clears. Returns the pixels (r * side + c) whose block it touched.
function brushSegment(ui, spec, brush, a, b) {
  const { fine, side } = spec;
  const R = spec.brush_radius;
  const k = fine / side;
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - R - 1));
  const x1 = Math.min(fine - 1, Math.ceil(Math.max(a[0], b[0]) + R + 1));
  const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - R - 1));
  const y1 = Math.min(fine - 1, Math.ceil(Math.max(a[1], b[1]) + R + 1));
  const touched = new Set();
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [px, py] = [x + 0.5, y + 0.5];
      const t = length2 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / length2)) : 0;
      const d = Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
      const cover = Math.max(0, Math.min(1, R + 0.5 - d));  // 1 inside, 0 outside, a pixel of soft edge
      if (cover <= 0) continue;
      const i = y * fine + x;
      ui.fine[i] = brush > 0 ? Math.max(ui.fine[i], brush * cover) : Math.min(ui.fine[i], 1 - cover);
      touched.add(Math.floor(y / k) * side + Math.floor(x / k));
    }
  }
  for (const cell of touched) {  // only the pixels the brush touched change
    const [r, c] = [Math.floor(cell / side), cell % side];
    let total = 0;
    for (let y = r * k; y < (r + 1) * k; y++) for (let x = c * k; x < (c + 1) * k; x++) total += ui.fine[y * fine + x];
    ui.ink[cell] = Math.round((INK_STEPS * total) / (k * k)) / INK_STEPS;
  }
  return touched;
}

// One pixel set from the keyboard: its whole block takes the ink.
function setCell(ui, spec, cell, value) {
  const { fine, side } = spec;
  const k = fine / side;
  const [r, c] = [Math.floor(cell / side), cell % side];
  for (let y = r * k; y < (r + 1) * k; y++) for (let x = c * k; x < (c + 1) * k; x++) ui.fine[y * fine + x] = value;
  ui.ink[cell] = value;
}

function inkWords(v) {
  return v === 0 ? "paper" : `ink ${fixed(100 * v, 0)}%`;
}

// The pad: a grid (role grid) of 64 cells, each painted with its pixel's ink, that takes the pointer and the keys,
// and over it the stroke being drawn (a thin line).
function makePad(ui, spec, values, changed) {
  const { side } = spec;
  const size = spec.pad;
  const cellSize = size / side;
  const wrap = document.createElement("div");
  wrap.className = "nnlib-pad";
  wrap.style.cssText = `position: relative; width: ${size}px; height: ${size}px; margin: 4px 0 8px 0;`;
  const grid = wrap.appendChild(document.createElement("div"));
  grid.setAttribute("role", "grid");
  grid.setAttribute("aria-label", `drawing pad, ${side} by ${side} pixels: draw with the mouse, a finger or a pen; ` +
    "from the keyboard, the arrow keys move, Space or Enter inks with the brush, Delete erases");
  grid.style.cssText = "position: absolute; inset: 0; touch-action: none; cursor: crosshair; user-select: none;" +
    "border-right: 1px solid #cccccc; border-bottom: 1px solid #cccccc;";
  const cells = [];
  for (let r = 0; r < side; r++) {
    const row = grid.appendChild(document.createElement("div"));
    row.setAttribute("role", "row");
    row.style.cssText = `position: absolute; left: 0; top: ${r * cellSize}px; width: ${size}px; height: ${cellSize}px;`;
    for (let c = 0; c < side; c++) {
      const cell = row.appendChild(document.createElement("div"));
      cell.setAttribute("role", "gridcell");
      cell.tabIndex = r === 0 && c === 0 ? 0 : -1;
      cell.dataset.cell = String(r * side + c);
      cell.style.cssText = `position: absolute; left: ${c * cellSize}px; top: 0; width: ${cellSize}px; ` +
        `height: ${cellSize}px; box-sizing: border-box; border-left: 1px solid #cccccc; border-top: 1px solid #cccccc;`;
      cells.push(cell);
    }
  }
  const svg = wrap.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "svg"));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("viewBox", `0 0 ${spec.fine} ${spec.fine}`);
  svg.style.cssText = "position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none;";
  const line = svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "polyline"));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "rgba(230, 159, 0, 0.9)");
  line.setAttribute("stroke-width", String((2 * spec.fine) / size));  // 2 px
  line.setAttribute("stroke-linecap", "round");
  line.setAttribute("stroke-linejoin", "round");
  const pad = { wrap, grid, cells, line, cursor: 0, stroke: null, labels: [], colours: [] };

  // the pixels the ink makes are the values the kernel keeps (and the page's own, not new ones from the kernel)
  const keepInk = () => {
    values.pixels = ui.ink.slice();
    ui.applied = values.pixels;
  };
  const changedInk = () => {
    keepInk();
    changed();
  };
  const moveTo = (cell) => {
    cells[pad.cursor].tabIndex = -1;
    pad.cursor = cell;
    cells[cell].tabIndex = 0;
    cells[cell].focus();
  };
  const ink = (value) => {
    setCell(ui, spec, pad.cursor, value);
    changedInk();
  };
  grid.addEventListener("keydown", (event) => {
    event.stopPropagation();  // the pad's keys, not JupyterLab's (arrows would move between cells)
    const [r, c] = [Math.floor(pad.cursor / side), pad.cursor % side];
    const moves = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
                    Home: [r, 0], End: [r, side - 1] };
    if (event.key in moves) {
      const [r2, c2] = moves[event.key];
      if (r2 >= 0 && r2 < side && c2 >= 0 && c2 < side) moveTo(r2 * side + c2);
    } else if (event.key === " " || event.key === "Enter") {
      ink(values.brush);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      ink(0);
    } else {
      return;
    }
    event.preventDefault();
  });
  grid.addEventListener("focusin", (event) => {  // a click or Tab onto the pad: the focused cell is the cursor
    const cell = event.target.dataset && event.target.dataset.cell;
    if (cell !== undefined && Number(cell) !== pad.cursor) moveTo(Number(cell));
  });

  // the pointer: a mouse, a finger or a pen, one stroke from down to up
  const at = (event) => {
    const box = grid.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * spec.fine, ((event.clientY - box.top) / box.height) * spec.fine];
  };
  const paint = (points) => {
    for (const point of points) {
      const last = pad.stroke.length ? pad.stroke[pad.stroke.length - 1] : point;
      brushSegment(ui, spec, values.brush, last, point);
      pad.stroke.push(point);
      const [x0, y0] = pad.stroke[0];
      if (Math.hypot(point[0] - x0, point[1] - y0) > CLICK) pad.moved = true;
    }
    changedInk();
  };
  grid.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    pad.stroke = [];
    pad.moved = false;
    pad.before = { fine: ui.fine.slice(), ink: ui.ink.slice() };  // a click puts the brush dot back, see end()
    try {
      grid.setPointerCapture(event.pointerId);  // the stroke goes on if the pointer leaves the pad
    } catch (error) {
      // a pointer the browser does not track (a scripted one): the stroke still works inside the pad
    }
    paint([at(event)]);
  });
  grid.addEventListener("pointermove", (event) => {
    if (!pad.stroke) return;
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    paint((events.length ? events : [event]).map(at));
  });
  // A click (no movement) paints its square with the brush, exactly, as a square of the kernel's grid does: the
  // dot the brush left is replaced by the whole square.
  const end = (event) => {
    if (!pad.stroke) return;
    if (event.type === "pointerup" && !pad.moved) {
      const [x, y] = pad.stroke[0].map((v) => Math.max(0, Math.min(side - 1, Math.floor((v * side) / spec.fine))));
      ui.fine.set(pad.before.fine);
      ui.ink = pad.before.ink;
      setCell(ui, spec, y * side + x, values.brush);
      keepInk();
    }
    pad.stroke = null;
    changed();
  };
  grid.addEventListener("pointerup", end);
  grid.addEventListener("pointercancel", end);
  grid.addEventListener("lostpointercapture", end);
  return pad;
}

function drawPad(ui, spec) {
  const { pad } = ui;
  const { side } = spec;
  for (let i = 0; i < side * side; i++) {
    const level = Math.round(255 * (1 - ui.ink[i]));  // as the kernel's buttons: 0 white, 1 black
    const colour = `rgb(${level}, ${level}, ${level})`;
    if (pad.colours[i] !== colour) {
      pad.cells[i].style.background = colour;
      pad.colours[i] = colour;
    }
    const label = `row ${Math.floor(i / side) + 1}, column ${(i % side) + 1}: ${inkWords(ui.ink[i])}`;
    if (pad.labels[i] !== label) {
      pad.cells[i].setAttribute("aria-label", label);
      pad.labels[i] = label;
    }
  }
  // the stroke being drawn, thin, over the pixels it makes
  pad.line.setAttribute("points", pad.stroke ? pad.stroke.map(([x, y]) => `${x},${y}`).join(" ") : "");
}

// ---- what the network makes of it ------------------------------------------------------------------------------

// As nnlib's DigitState.forward: the pixels through the network, each hidden layer's outputs, the probabilities,
// the guess (the first largest) and the runner-up (the next, ties to the smaller digit).
function digitsFrame(spec, pixels) {
  const outputs = mlpForward(spec.layers, [pixels], spec.activation).map((layer) => layer[0]);
  const probs = outputs[outputs.length - 1];
  const order = probs.map((p, k) => k).sort((i, j) => (probs[j] > probs[i] ? 1 : probs[j] < probs[i] ? -1 : i - j));
  return { pixels: Array.from(pixels), hidden: outputs.slice(0, -1), probs, guess: argmax(probs),
           runner_up: order[1], empty: pixels.every((v) => v === 0) };
}

function digitsHeadline(frame) {
  const { guess, runner_up: next, probs } = frame;
  if (frame.empty)
    return `The grid is empty, yet the network still answers ${guess} (${percent(probs[guess])}): it always picks ` +
      "one of its ten digits.";
  return `The network says ${guess} (${percent(probs[guess])}); next best ${next} (${percent(probs[next])}).`;
}

function digitsDescription(spec, frame) {
  const inked = frame.pixels.filter((v) => v > 0).length;
  const layers = frame.hidden.map((acts, k) => {
    const on = acts.filter((a) => a > 0).length;
    return `${spec.hidden[k].title.split("\n")[0]}, ${on} of them above 0`;
  });
  return `What the network sees: the 64 pixels, ${inked} with ink; ${layers.join("; ")}; its answer: ` +
    `${frame.guess} at ${percent(frame.probs[frame.guess])}. The ten probabilities: ` +
    frame.probs.map((p, k) => `${k}: ${percent(p)}`).join(", ") + ".";
}

// The figure as the kernel lays it out (fractions of its width and height, from the bottom, as matplotlib's).
function box(ui, left, bottom, width, height) {
  return { left: left * ui.width, top: ui.height * (1 - bottom - height), width: width * ui.width,
           height: height * ui.height };
}

// A panel's title, lines stacked upwards to y: 12.5 px, as the kernel's 9-point titles in its figure.
function title(ctx, lines, x, y, size = 12.5) {
  drawText(ctx, lines, x, y, { size });
}

function drawSeen(ui, spec, frame) {
  const { ctx } = ui;
  const b = box(ui, 0.01, 0.12, 0.18, 0.7);
  const side = Math.min(b.width, b.height);
  const [left, top] = [b.left + (b.width - side) / 2, b.top + (b.height - side) / 2];
  const cell = side / spec.side;
  frame.pixels.forEach((v, i) => {
    const level = Math.round(255 * (1 - v));
    ctx.fillStyle = `rgb(${level},${level},${level})`;
    ctx.fillRect(left + (i % spec.side) * cell, top + Math.floor(i / spec.side) * cell, cell + 0.5, cell + 0.5);
  });
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, side, side);
  title(ctx, ["what it sees", "(64 pixels)"], left + side / 2, top - 7);
}

function drawHidden(ui, spec, frame) {
  const { ctx } = ui;
  const width = 0.28 / Math.max(spec.hidden.length, 1);
  spec.hidden.forEach((layer, k) => {
    const left = 0.255 + k * width;
    const w = width * 0.95;
    const b = box(ui, left, 0.12, w * 0.84, 0.7);
    const bar = box(ui, left + w * 0.89, 0.12, w * 0.05, 0.7);
    const [cw, ch] = [b.width / layer.columns, b.height / layer.rows];
    const shown = (a) => (a - layer.low) / (layer.top - layer.low);
    frame.hidden[k].forEach((a, n) => {
      const [r, c] = [Math.floor(n / layer.columns), n % layer.columns];
      const [R, G, B] = lookup(spec.hidden_lut, Math.max(0, Math.min(1, shown(a))));
      ctx.fillStyle = `rgb(${R},${G},${B})`;
      ctx.fillRect(b.left + c * cw, b.top + r * ch, (cw * 5) / 6, (ch * 5) / 6);  // a gap after each square
    });
    ctx.save();
    for (let r = 0; r < layer.rows; r++) {
      const first = r * layer.columns + 1;
      const last = Math.min(first + layer.columns - 1, layer.n);
      drawText(ctx, `${first}-${last}`, b.left - 2, b.top + (r + 5 / 12) * ch + 3, { size: 8.3, align: "right" });
    }
    // the colour scale beside it
    const steps = 64;
    for (let s = 0; s < steps; s++) {
      const [R, G, B] = lookup(spec.hidden_lut, (s + 0.5) / steps);
      ctx.fillStyle = `rgb(${R},${G},${B})`;
      ctx.fillRect(bar.left, bar.top + bar.height * (1 - (s + 1) / steps), bar.width, bar.height / steps + 0.5);
    }
    ctx.fillStyle = "#222";
    for (const t of layer.ticks) {
      const y = bar.top + bar.height * (1 - shown(t));
      ctx.fillRect(bar.left + bar.width, y - 0.5, 2, 1);
      const words = fixed(t, 1).replace(/^-0\.0$/, "0.0");
      drawText(ctx, words, bar.left + bar.width + 3, y + 3, { size: 8.3, align: "left" });
    }
    drawText(ctx, "output", bar.left + bar.width / 2, bar.top - 3, { size: 8.3 });
    ctx.restore();
    title(ctx, layer.title.split("\n"), b.left + b.width / 2, b.top - 7);
  });
}

function drawProbabilities(ui, spec, frame) {
  const { ctx } = ui;
  const b = box(ui, 0.62, 0.14, 0.36, 0.64);
  const n = frame.probs.length;
  const p = panel(b.left, b.top, b.width, b.height, [-0.6, n - 0.4], [0, 1.12]);
  ctx.save();
  frame.probs.forEach((prob, k) => {
    const height = Number.isFinite(prob) ? prob : 0;
    ctx.fillStyle = k === frame.guess ? spec.bar_colours.top : spec.bar_colours.bar;
    bar(ctx, p, k, height, 0.75);
    drawText(ctx, percent(prob), p.x(k), p.y(height + 0.02) - 2, { size: 11.1 });
  });
  openFrame(ctx, p);  // the left and bottom frame lines only, as the kernel's open frame
  for (let k = 0; k < n; k++) drawText(ctx, String(k), p.x(k), b.top + b.height + 15, { size: 12.5 });
  for (let k = 0; k <= 5; k++) {
    drawText(ctx, (k / 5).toFixed(1), b.left - 5, p.y(k / 5) + 4, { size: 12.5, align: "right" });
  }
  ctx.restore();
  title(ctx, [`its answer: ${n} probabilities`], b.left + b.width / 2, b.top - 8);
}

function drawDigits(ui, spec, values) {
  if (values.pixels !== ui.applied) loadPixels(ui, spec, values.pixels);  // new pixels from the kernel
  const frame = digitsFrame(spec, ui.ink);
  drawPad(ui, spec);
  drawSeen(ui, spec, frame);
  drawHidden(ui, spec, frame);
  drawProbabilities(ui, spec, frame);
  return { state: { pixels: ui.ink.slice(), brush: values.brush }, frame, headline: digitsHeadline(frame),
           description: digitsDescription(spec, frame) };
}

// The pad and its controls on the left, the network's picture and the headline on the right.
function setupDigits(ui, spec, values, changed) {
  loadPixels(ui, spec, values.pixels);
  ui.pad = makePad(ui, spec, values, changed);
  const style = ui.root.appendChild(document.createElement("style"));
  style.textContent = ".nnlib-pad [role=gridcell]:focus { outline: 3px solid #E69F00; outline-offset: -3px; }";
  const left = document.createElement("div");
  left.style.cssText = "display: flex; flex-direction: column; margin-right: 16px;";
  const right = document.createElement("div");
  right.style.cssText = "flex: 1 1 420px; min-width: 0;";  // on a narrow screen the picture shrinks, then wraps
  left.append(ui.pad.wrap, ui.controls);
  ui.controls.style.gap = "2px 16px";
  right.append(ui.canvas, ui.headline);
  ui.root.style.cssText = "display: flex; flex-flow: row wrap; align-items: flex-start;";
  ui.root.prepend(left, right);
  ui.press = (name) => {
    if (name !== "clear") return false;  // Load one: the kernel picks the next real digit and sends its pixels
    values.pixels = new Array(spec.side * spec.side).fill(0);
    loadPixels(ui, spec, values.pixels);
    changed();
    return true;
  };
}

export default { render: (view) => mount(view, drawDigits, setupDigits) };
