// What a neuron computes, in the browser: the same formulas as nnlib (activations.py, layers.py), so the
// picture drawn here is the picture nnlib would draw. The browser tests hold these to nnlib's numbers.
// (This file is joined in front of each widget's own module; it defines names, it exports nothing.)

const LEAKY_SLOPE = 0.01;  // nnlib.activations.LEAKY_SLOPE

// One record per activation, as nnlib.ACTIVATIONS (plus 01's step, a curve to look at): the function f, its slope
// df (what backprop multiplies by), the steepest slope it reaches, and its name as the notebooks write it.
const sigmoid = (z) => 0.5 * (1 + Math.tanh(0.5 * z));  // never overflows, as in nnlib
const ACTIVATIONS = {
  relu: { f: (z) => Math.max(z, 0), df: (z) => (z > 0 ? 1 : 0), maxSlope: 1, label: "ReLU" },
  sigmoid: { f: sigmoid, df: (z) => sigmoid(z) * (1 - sigmoid(z)), maxSlope: 0.25, label: "sigmoid" },
  tanh: { f: (z) => Math.tanh(z), df: (z) => 1 - Math.tanh(z) ** 2, maxSlope: 1, label: "tanh" },
  leaky_relu: { f: (z) => (z > 0 ? z : LEAKY_SLOPE * z), df: (z) => (z > 0 ? 1 : LEAKY_SLOPE), maxSlope: 1,
                label: "leaky ReLU" },
  linear: { f: (z) => z, df: () => 1, maxSlope: 1, label: "linear" },
  step: { f: (z) => (z > 0 ? 1 : 0), df: () => 0, maxSlope: 0, label: "step" },
};

// z = w.x + b for one example x (an array of numbers).
function weightedSum(x, w, b) {
  let z = b;
  for (let i = 0; i < w.length; i++) z += w[i] * x[i];
  return z;
}

// Softmax of a list of logits: subtract the largest first, so exp never overflows (as nnlib's softmax).
function softmax(logits) {
  const top = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - top));
  const total = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / total);
}
