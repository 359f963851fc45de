// The canvas drawing every browser-drawn family shares, in the terms of the kernel's matplotlib pictures: panels
// that map values onto pixels, their axes, lines and legends, class markers, colours from lookup tables, small
// images painted pixel by pixel and scaled up, and words. (Joined in front of each widget's module.)

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

// The panel's frame, its ticks and labels, and its title, as matplotlib draws a plot's axes.
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
  } else if (shape === "v") {
    ctx.moveTo(x, y + r * 1.2);
    ctx.lineTo(x + r * 1.1, y - r * 0.8);
    ctx.lineTo(x - r * 1.1, y - r * 0.8);
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

// A bar of height v at k on the panel's x axis, width wide (in the axis' units), from 0 up or down, filled in the
// context's fill colour, or outlined (outline: true) in its stroke style, as matplotlib's bar.
function bar(ctx, p, k, v, width, { outline = false } = {}) {
  const box = [p.x(k - width / 2), Math.min(p.y(0), p.y(v)), p.x(k + width / 2) - p.x(k - width / 2),
    Math.abs(p.y(v) - p.y(0))];
  if (outline) ctx.strokeRect(...box);
  else ctx.fillRect(...box);
}

// A value's colour over limits [low, high], as nnlib.plots.thumbnails.colour: the table's middle when the limits are
// equal, grey where the value is not a number.
function mapColour(table, v, [low, high]) {
  return lookup(table, high > low ? (v - low) / (high - low) : 0.5);
}

// A colour [r, g, b] mixed with white: alpha of the colour, the rest white (a map under points, as the kernel's).
function withWhite(rgb, alpha) {
  return rgb.map((c) => alpha * c + (1 - alpha) * 255);
}

// A small picture, columns x rows pixels, painted on the scratch canvas ui[name] (made once), to be drawn scaled up
// as the Playground draws its maps: colourAt(row, column) gives each pixel's [r, g, b], row 0 at the top.
function paintImage(ui, name, columns, rows, colourAt) {
  if (!ui[name]) ui[name] = Object.assign(document.createElement("canvas"), { width: columns, height: rows });
  const scratch = ui[name].getContext("2d");
  const image = scratch.createImageData(columns, rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) image.data.set([...colourAt(r, c), 255], 4 * (r * columns + c));
  }
  scratch.putImageData(image, 0, 0);
  return ui[name];
}

// The smallest of 1, 2, 5, 10, 20, 50, ... at least value, as nnlib.plots.style.nice_limit: limits that do not jitter.
function niceLimit(value) {
  value = Math.max(value, 1e-9);
  const exponent = Math.floor(Math.log10(value));
  for (const base of [1, 10])
    for (const step of [1, 2, 5]) {
      const limit = step * base * 10 ** exponent;
      if (limit >= value * (1 - 1e-9)) return limit;
    }
  return 10 ** (exponent + 1);
}

// Save the context and clip what follows to the panel p, as matplotlib clips to its axes (ctx.restore() ends it).
function clipToPanel(ctx, p) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(p.left, p.top, p.width, p.height);
  ctx.clip();
}

// A line through points [x, y] (pixels), stroked once in the style given (colour, width, dash; what is not given
// stays as it was). A point that is null or not a number lifts the pen: a gap, or the start of another line.
function strokeLine(ctx, points, { colour, width, dash } = {}) {
  if (colour !== undefined) ctx.strokeStyle = colour;
  if (width !== undefined) ctx.lineWidth = width;
  if (dash !== undefined) ctx.setLineDash(dash);
  ctx.beginPath();
  let open = false;
  for (const point of points) {
    if (!point || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      open = false;
      continue;
    }
    if (open) ctx.lineTo(point[0], point[1]);
    else ctx.moveTo(point[0], point[1]);
    open = true;
  }
  ctx.stroke();
}

// A line across the panel at the pixel height y, as matplotlib's axhline.
function axhline(ctx, p, y, style) {
  strokeLine(ctx, [[p.left, y], [p.left + p.width, y]], style);
}

// The lines x = 0 and y = 0 across the panel, light grey, under a curve.
function zeroLines(ctx, p) {
  strokeLine(ctx, [[p.x(0), p.top], [p.x(0), p.top + p.height], null, [p.left, p.y(0)], [p.left + p.width, p.y(0)]],
    { colour: "#BBBBBB" });
}

// The course's plain axes, as nnlib.plots.style.open_frame: the panel's left and bottom lines only.
function openFrame(ctx, p, colour = "#222") {
  strokeLine(ctx, [[p.left, p.top], [p.left, p.top + p.height], [p.left + p.width, p.top + p.height]],
    { colour, width: 1 });
}

// Words in the course's sans-serif, size px: several lines (a list, or "\n" in the text) stack upwards, the last
// on the baseline y. The context is left as it was. Returns the last line's width.
function drawText(ctx, words, x, y, { size = 12, colour = "#222", align = "center", bold = false, baseline } = {}) {
  const lines = Array.isArray(words) ? words : String(words).split("\n");
  ctx.save();
  ctx.font = `${bold ? "bold " : ""}${size}px sans-serif`;
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  if (baseline) ctx.textBaseline = baseline;
  lines.forEach((line, k) => ctx.fillText(line, x, y - (lines.length - 1 - k) * (size + 2)));
  const width = ctx.measureText(lines[lines.length - 1]).width;
  ctx.restore();
  return width;
}

// One entry of a legend: a short line in a curve's style, then its words, from x along the height y. Returns where
// the words end, for the next entry.
function legendEntry(ctx, x, y, words, { colour, width, dash = [], length = 24, gap = 6, size = 11 }) {
  strokeLine(ctx, [[x, y], [x + length, y]], { colour, width, dash });
  ctx.setLineDash([]);
  return x + length + gap + drawText(ctx, words, x + length + gap, y + 4, { size, align: "left" });
}

// The width of a weight's line, as nnlib.plots.network.weight_lines: from 8% of the thickest at w = 0 to the
// thickest at |w| >= scale.
function weightLineWidth(w, scale, thickest) {
  return thickest * (0.08 + 0.92 * Math.min(Math.abs(w) / scale, 1));
}
