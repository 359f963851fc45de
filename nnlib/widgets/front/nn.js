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

// A dense layer, as nnlib.layers.dense_forward: Z = X @ W + b for rows X (n x n_in, an array of arrays), W as
// n_in rows of n_out numbers, b n_out numbers. Returns Z (n x n_out).
function denseForward(X, W, b) {
  return X.map((x) => b.map((bias, j) => {
    let z = bias;
    for (let i = 0; i < x.length; i++) z += x[i] * W[i][j];
    return z;
  }));
}

// A whole network, as nnlib.MLP.layer_outputs: layers = [{W, b}, ...], hidden activation by name; the last layer
// is softmax over its outputs (several) or a sigmoid (one output). Returns every layer's outputs, the last the
// network's answer.
function mlpForward(layers, X, activation) {
  const f = ACTIVATIONS[activation].f;
  const outputs = [];
  let A = X;
  layers.forEach(({ W, b }, k) => {
    const Z = denseForward(A, W, b);
    if (k < layers.length - 1) A = Z.map((row) => row.map(f));
    else A = Z[0].length === 1 ? Z.map((row) => [sigmoid(row[0])]) : Z.map(softmax);
    outputs.push(A);
  });
  return outputs;
}
