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

// The index of the largest number, the first if several tie, NaN skipped (numpy's nanargmax; 0 if all are NaN):
// the class a network picks from its probabilities.
function argmax(values) {
  let best = -1;
  values.forEach((v, k) => { if (!Number.isNaN(v) && (best < 0 || v > values[best])) best = k; });
  return Math.max(best, 0);
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

// The operations of nnlib.autograd.Value: each op's result and its local slopes (d result / d each input), as
// Value computes them; the activations take their formulas from ACTIVATIONS above. op as Value.op names it
// ("+", "*", "**2", "relu"...).
function valueOp(op, inputs) {
  const [a, b] = inputs;
  if (op.startsWith("**")) {
    const n = Number(op.slice(2));
    const slope = n === 0 ? 0 : a === 0 && n < 1 ? Infinity : n * a ** (n - 1);
    return { data: a ** n, slopes: [slope] };
  }
  switch (op) {
    case "+": return { data: a + b, slopes: [1, 1] };
    case "-": return { data: a - b, slopes: [1, -1] };
    case "*": return { data: a * b, slopes: [b, a] };
    case "/": return { data: a / b, slopes: [1 / b, -a / b ** 2] };
    case "neg": return { data: -a, slopes: [-1] };
    case "exp": { const e = Math.exp(a); return { data: e, slopes: [e] }; }
    case "log": return { data: Math.log(a), slopes: [1 / a] };
    case "relu": return { data: ACTIVATIONS.relu.f(a), slopes: [ACTIVATIONS.relu.df(a)] };
    case "tanh": { const t = ACTIVATIONS.tanh.f(a); return { data: t, slopes: [1 - t * t] }; }
    case "sigmoid": { const s = ACTIVATIONS.sigmoid.f(a); return { data: s, slopes: [s * (1 - s)] }; }
    default: throw new Error(`unknown operation ${op}`);
  }
}

// A graph's forward pass and Value.backward() from its output (the last node): nodes in topological order, each
// {op, inputs: [positions]} or a leaf (no inputs) whose number is leaf(k). Returns {data, grads, slopes}, one
// entry per node, computed in the order nnlib.autograd computes them.
function valueGraph(nodes, leaf) {
  const data = [];
  const slopes = [];
  nodes.forEach((node, k) => {
    if (!node.inputs.length) {
      data.push(leaf(k));
      slopes.push([]);
    } else {
      const out = valueOp(node.op, node.inputs.map((i) => data[i]));
      data.push(out.data);
      slopes.push(out.slopes);
    }
  });
  const grads = nodes.map(() => 0);
  grads[nodes.length - 1] += 1;
  for (let k = nodes.length - 1; k >= 0; k--) {
    nodes[k].inputs.forEach((i, j) => { grads[i] += slopes[k][j] * grads[k]; });
  }
  return { data, grads, slopes };
}

// Back through a dense layer, as nnlib.layers.dense_backward: dZ (n x n_out), the layer's input A (n x n_in) and
// W (n_in rows of n_out). Returns dA = dZ @ W.T (n x n_in) and dW = A.T @ dZ (n_in x n_out).
function denseBackward(dZ, A, W) {
  const dA = dZ.map((row) => W.map((w) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j] * w[j];
    return s;
  }));
  const dW = W.map((w) => w.map(() => 0));
  A.forEach((a, n) => {
    const row = dZ[n];
    for (let i = 0; i < a.length; i++) {
      const ai = a[i];
      const out = dW[i];
      for (let j = 0; j < row.length; j++) out[j] += ai * row[j];
    }
  });
  return { dA, dW };
}

// The mean cross-entropy of softmax(Z) for labels y, from the logits (as nnlib.losses.softmax_cross_entropy:
// log-sum-exp minus the right class's logit, the row's largest subtracted first), and its gradient
// dZ = (softmax(Z) - one_hot(y)) / N.
function softmaxCrossEntropy(Z, y) {
  let total = 0;
  Z.forEach((row, n) => {
    const top = Math.max(...row);
    total += Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0)) - (row[y[n]] - top);
  });
  return total / Z.length;
}

function softmaxCrossEntropyGradient(Z, y) {
  return Z.map((row, n) => softmax(row).map((p, j) => (p - (j === y[n] ? 1 : 0)) / Z.length));
}
