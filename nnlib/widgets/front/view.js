// What every browser-drawn widget shares: labelled controls, a canvas with a text alternative, a polite live
// region for the headline, and one redraw per animation frame. (Joined in front of each widget's module.)

// The widget's frame: a canvas (role img, its label follows the state), a headline read out politely, controls.
function makeFrame(el, spec) {
  el.classList.add("nnlib-browser", `nnlib-${spec.family}`);
  const root = document.createElement("div");
  root.className = "nnlib-frame";
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  const [width, height] = spec.size;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.maxWidth = "100%";
  // nn.js's formulas, for the browser tests
  canvas.nnlibMath = { ACTIVATIONS, weightedSum, softmax, valueOp, valueGraph, argmax };
  const ctx = canvas.getContext("2d");
  ctx.scale(ratio, ratio);
  const headline = document.createElement("div");
  headline.className = "nnlib-headline";
  headline.setAttribute("aria-live", "polite");
  headline.style.cssText = "font-family: monospace; font-size: 13px; margin: 4px 0 6px 0;";
  const controls = document.createElement("div");
  controls.className = "nnlib-controls";
  controls.style.cssText = "display: flex; flex-flow: row wrap; gap: 2px 24px;";
  // keys pressed on a control are the control's: not JupyterLab's shortcuts (arrows would move between cells)
  controls.addEventListener("keydown", (event) => event.stopPropagation());
  root.append(canvas, headline, controls);
  el.appendChild(root);
  return { root, canvas, ctx, headline, controls, width, height };
}

// The life of every browser-drawn widget: build its frame and controls, draw it, then redraw at each movement (at
// most once per animation frame), send the values to the kernel, and follow what the kernel changes.
// draw(ui, spec, values) paints the canvas and returns {state, frame, headline, description}: the headline goes
// to the polite live region, the description is the canvas's text alternative, state and frame are exposed on
// the canvas (canvas.nnlib) for the browser tests.
// setup(ui, spec, values, changed), optional, runs once before the first drawing: a family that changes `values`
// itself (a drawing pad) calls changed() to redraw and tell the kernel. A button sends {press: name} to the kernel
// (which clicks its own button), unless the family's ui.press(name) handles it in the page and returns true.
function mount({ model, el }, draw, setup) {
  const spec = model.get("spec");
  const ui = makeFrame(el, spec);
  const values = { ...model.get("values") };
  const sendToKernel = kernelSync(model, values);
  const redraw = () => {
    ui.ctx.fillStyle = "white";
    ui.ctx.fillRect(0, 0, ui.width, ui.height);
    const { state, frame, headline, description } = draw(ui, spec, values);
    if (ui.headline.textContent !== headline) ui.headline.textContent = headline;
    ui.canvas.setAttribute("aria-label", description);
    ui.canvas.nnlib = { state, frame, drawn: (ui.canvas.nnlib?.drawn || 0) + 1 };
  };
  const schedule = frameScheduler(redraw);
  const changed = () => {
    schedule();
    sendToKernel();
  };
  const press = (name) => (ui.press && ui.press(name)) || model.send({ press: name });
  const update = makeControls(ui.controls, spec.controls, values, changed, press);
  if (setup) setup(ui, spec, values, changed);
  model.on("change:values", () => {
    const sent = model.get("values");
    if (Object.keys(sent).every((name) => sent[name] === values[name])) return;  // our own values, echoed
    Object.assign(values, sent);
    update(values);
    schedule();
  });
  redraw();
  model.set("ready", true);
  model.save_changes();
}

// Controls from the spec: {name, label, kind: "range" | "select" | "button", min, max, step, options}. Each is a
// real labelled <input>/<select>/<button>, so the keyboard and screen readers work as they do on any page.
// onInput(name, value) runs on every movement; onPress(name) when a button is pressed.
function makeControls(box, specs, values, onInput, onPress) {
  const columns = {};
  const inputs = {};
  const shown = {};
  const positions = {};
  for (const s of specs) {
    const column = columns[s.column || 0] || (columns[s.column || 0] = box.appendChild(document.createElement("div")));
    const row = column.appendChild(document.createElement("div"));
    row.style.cssText = "display: flex; align-items: center; gap: 8px; margin: 2px 0;";
    if (s.kind === "button") {  // its text is its name; it carries no value
      const button = row.appendChild(document.createElement("button"));
      button.type = "button";
      button.name = s.name;
      button.textContent = s.label;
      if (s.tooltip) button.title = s.tooltip;
      button.style.cssText = "font-size: 13px; padding: 2px 10px;";
      button.addEventListener("click", () => onPress && onPress(s.name));
      continue;
    }
    const id = `nnlib-${Math.random().toString(36).slice(2)}`;
    const label = row.appendChild(document.createElement("label"));
    label.htmlFor = id;
    label.textContent = s.label;
    label.style.cssText = `width: ${s.labelWidth || 150}px; font-size: 13px;`;
    let input;
    if (s.kind === "select") {
      input = document.createElement("select");
      for (const [text, value] of s.options) {
        const option = input.appendChild(document.createElement("option"));
        option.value = value;
        option.textContent = text;
      }
      input.value = values[s.name];
    } else if (s.values) {  // a slider over a list of values (a SelectionSlider): the input holds the position
      input = document.createElement("input");
      input.type = "range";
      input.min = 0;
      input.max = s.values.length - 1;
      input.step = 1;
      input.value = s.values.indexOf(values[s.name]);
      input.style.width = "190px";
      positions[s.name] = (value) => s.values.indexOf(value);
    } else {
      input = document.createElement("input");
      input.type = "range";
      input.min = s.min;
      input.max = s.max;
      input.step = s.step;
      input.value = values[s.name];
      input.style.width = "190px";
    }
    input.id = id;
    input.name = s.name;
    row.appendChild(input);
    if (s.kind !== "select") {
      const out = row.appendChild(document.createElement("output"));
      out.htmlFor = id;
      out.style.cssText = "font-family: monospace; font-size: 13px; min-width: 3.5em;";
      shown[s.name] = () => {
        out.textContent = s.texts ? s.texts[s.values.indexOf(values[s.name])]  // the kernel's own text (10%)
          : Number(values[s.name]).toFixed(s.decimals ?? 2);
        if (s.values) input.setAttribute("aria-valuetext", out.textContent);  // the value, not its position
      };
      shown[s.name]();
    }
    // a menu's value as the kernel gave it (a number stays a number), a slider's as a number
    const read = () => (s.kind === "select" ? s.options[input.selectedIndex][1]
      : s.values ? s.values[Number(input.value)] : Number(input.value));
    input.addEventListener("input", () => {
      values[s.name] = read();
      if (shown[s.name]) shown[s.name]();
      onInput(s.name, values[s.name]);
    });
    inputs[s.name] = input;
  }
  // The kernel changed a value (code in a cell, a check): show it without firing onInput.
  return function update(newValues) {
    for (const [name, input] of Object.entries(inputs)) {
      const value = positions[name] ? positions[name](newValues[name]) : newValues[name];
      if (name in newValues && String(input.value) !== String(value)) input.value = value;
      if (shown[name]) shown[name]();
    }
  };
}

// Redraw at most once per animation frame, however many inputs arrive in between.
function frameScheduler(draw) {
  let pending = false;
  return function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  };
}

// Send the values to the kernel at most once per animation frame (the kernel keeps the state: widget.weights,
// the checks and to_code() see what the learner sees); the picture never waits for it.
function kernelSync(model, values) {
  return frameScheduler(() => {
    model.set("values", { ...values });
    model.save_changes();
  });
}

// An array sent by nnlib.widgets.browser.packed(): base64 bytes divided by their scale, or a plain list. Returns
// the values, flat (a Float64Array), exactly as the kernel has them.
function unpack(sent) {
  if (sent.values) return Float64Array.from(sent.values);
  const bytes = atob(sent.base64);
  const out = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i) / sent.scale;
  return out;
}

// A colour from a lookup table of [r, g, b] rows for t in [0, 1] (NaN: grey, as the kernel's pictures).
function lookup(table, t) {
  if (!Number.isFinite(t)) return [221, 221, 221];
  const i = Math.max(0, Math.min(table.length - 1, Math.round(t * (table.length - 1))));
  return table[i];
}

// Map a value range onto pixels: {x(v), y(v)} for a panel at (left, top, width, height).
function panel(left, top, width, height, xlim, ylim) {
  return {
    left, top, width, height, xlim, ylim,
    x: (v) => left + ((v - xlim[0]) / (xlim[1] - xlim[0])) * width,
    y: (v) => top + height - ((v - ylim[0]) / (ylim[1] - ylim[0])) * height,
  };
}

function axes(ctx, p, { xlabel = "", ylabel = "", title = "" } = {}) {
  ctx.save();
  ctx.strokeStyle = "#555";
  ctx.lineWidth = 1;
  ctx.strokeRect(p.left, p.top, p.width, p.height);
  ctx.fillStyle = "#222";
  ctx.font = "12px sans-serif";
  ctx.textAlign = "center";
  if (xlabel) ctx.fillText(xlabel, p.left + p.width / 2, p.top + p.height + 28);
  if (title) ctx.fillText(title, p.left + p.width / 2, p.top - 8);
  for (const v of ticks(p.xlim)) {
    ctx.fillText(tickText(v), p.x(v), p.top + p.height + 14);
  }
  ctx.textAlign = "right";
  for (const v of ticks(p.ylim)) {
    ctx.fillText(tickText(v), p.left - 4, p.y(v) + 4);
  }
  if (ylabel) {
    ctx.translate(p.left - 34, p.top + p.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(ylabel, 0, 0);
  }
  ctx.restore();
}

function ticks([low, high]) {
  const span = high - low;
  const raw = span / 4;
  const base = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * base).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) out.push(Math.abs(v) < 1e-12 ? 0 : v);
  return out;
}

function tickText(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1).replace(/0+$/, "");
}

// A class's marker (the kernel's pictures use the same shapes: o, ^, s, D...), so classes differ without colour.
function marker(ctx, shape, x, y, r, fill, edge = "#222") {
  ctx.beginPath();
  if (shape === "^") {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r * 1.1, y + r * 0.8);
    ctx.lineTo(x - r * 1.1, y + r * 0.8);
    ctx.closePath();
  } else if (shape === "s") {
    ctx.rect(x - r, y - r, 2 * r, 2 * r);
  } else if (shape === "D") {
    ctx.moveTo(x, y - r * 1.3);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r * 1.3);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else {
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = edge;
  ctx.stroke();
}

// x with `digits` decimals as Python's f"{x:.{digits}f}" writes it: toFixed rounds an exact tie (0.125 to two
// decimals) away from zero, Python to the even digit ("0.12"); both round everything else to the nearest.
function fixed(x, digits) {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  let text = Math.abs(x).toFixed(digits);
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const rest = exact.slice(exact.length - 60);
  if (/^50*$/.test(rest)) {  // an exact tie: toFixed went up; go down instead when that digit is odd
    const down = exact.slice(0, exact.length - 60).replace(/\.$/, "");
    if (Number(down[down.length - 1]) % 2 === 0) text = down;
  }
  return (x < 0 || Object.is(x, -0) ? "-" : "") + text;
}

function signed(v) {
  return v < 0 ? `(${v.toFixed(2)})` : v.toFixed(2);
}
