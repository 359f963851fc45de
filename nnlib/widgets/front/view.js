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

// A new element <tag> with the given properties (style: its CSS text), appended to parent when one is given.
function addElement(parent, tag, properties = {}) {
  const element = Object.assign(document.createElement(tag), properties);
  if (parent) parent.appendChild(element);
  return element;
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

// The usual drawing of a family, for mount(): the family's state(spec, values), the frame's numbers from the state
// alone, frame(spec, state), then the picture, paint(ui, spec, state, frame), and the words, headline(spec, state,
// frame) and description(spec, state, frame).
function drawing({ state: stateOf, frame: frameOf, paint, headline, description }) {
  return (ui, spec, values) => {
    const state = stateOf(spec, values);
    const frame = frameOf(spec, state);
    paint(ui, spec, state, frame);
    return { state, frame, headline: headline(spec, state, frame), description: description(spec, state, frame) };
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

// A probability as a bar label, as nnlib.plots.probabilities.percent: never 0% or 100% for what is neither.
function percent(p) {
  if (!Number.isFinite(p)) return "?";
  if (p > 0 && p < 0.005) return "<1%";
  if (p >= 0.995 && p < 1) return ">99%";
  return `${fixed(100 * p, 0)}%`;
}
