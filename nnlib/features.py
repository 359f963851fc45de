"""The training playground's input features, and the network written out as Python. Introduced in 07_backprop;
05_layers uses the playground as the feature factory.

A network given only x1 and x2 has to bend its lines itself; given x1^2 and x2^2 as well, a single neuron's
boundary w1 x1^2 + w2 x2^2 + b = 0 is already a circle. FEATURES names each input the playground offers as the
numpy expression of a point's coordinates (x1, x2); `feature_columns` computes them for many points at once and
`network_code` writes a trained network, with those features, out as Python source.
"""

import numpy as np

from ._validate import check_choice

# The input features a network can be given, as the numpy expression of the point's coordinates x1, x2.
FEATURES = {"x1": "x1", "x2": "x2", "x1^2": "x1 ** 2", "x2^2": "x2 ** 2", "x1*x2": "x1 * x2",
            "sin(x1)": "np.sin(x1)", "sin(x2)": "np.sin(x2)"}
_COMPUTE = {name: eval(f"lambda x1, x2: {expression}", {"np": np}) for name, expression in FEATURES.items()}


def check_features(features):
    """The features as a tuple in FEATURES' order, or a clear error (a string alone, an unknown name, none)."""
    if isinstance(features, str):
        raise TypeError(f"features should be a tuple of feature names, such as ('x1', 'x2'), but got the single "
                        f"string {features!r}. Write ({features!r},) for one feature.")
    try:
        chosen = list(features)
    except TypeError:
        raise TypeError(f"features should be a tuple of feature names, such as ('x1', 'x2'), but got "
                        f"{features!r}.") from None
    for name in chosen:
        check_choice(name, "feature", tuple(FEATURES))
    if not chosen:
        raise ValueError("features is empty: the network needs at least one input, such as ('x1', 'x2').")
    return tuple(name for name in FEATURES if name in chosen)


def feature_columns(points, features):
    """The network's inputs for plane points: points (n, 2) -> (n, len(features)), one column per feature."""
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([_COMPUTE[name](x1, x2) for name in features])


def network_code(model, features=("x1", "x2")):
    """Python source that rebuilds `model` (an MLP on plane points given as `features`) with its current weights.

    Run in a fresh namespace, it defines `net` (an nnlib.MLP with exactly these weights: each float is written
    with repr, which round-trips), `features(points)` ((n, 2) plane points -> the network's inputs) and
    `predict(points)` (net.predict_proba of those inputs: (n, 1) P(class 1) for one sigmoid output, else
    (n, n_classes)). Shared by the training playground and the network builder.
    """
    features = check_features(features)
    lines = ["import numpy as np", "import nnlib", "",
             f"net = nnlib.MLP({list(model.layer_sizes)}, activation={model.activation!r})"]
    for label, params in (("weights", model.weights), ("biases", model.biases)):
        lines.append(f"net.{label} = [")
        for array in params:
            rows = array.tolist()
            if array.ndim == 1:
                lines.append(f"    np.array({rows!r}),")
            else:
                lines.append("    np.array([")
                lines.extend(f"        {row!r}," for row in rows)
                lines.append("    ]),")
        lines.append("]")
    columns = ", ".join(FEATURES[name] for name in features)
    lines += ["", "",
              "def features(points):",
              f'    """Plane points (n, 2) -> the network\'s inputs (n, {len(features)}): {", ".join(features)}."""',
              "    points = np.asarray(points, dtype=float)",
              "    x1, x2 = points[:, 0], points[:, 1]",
              f"    return np.column_stack([{columns}])",
              "", "",
              "def predict(points):",
              '    """Class probabilities for plane points (n, 2): (n, 1) P(class 1) with one sigmoid output, else',
              '    (n, n_classes), each row summing to 1."""',
              "    return net.predict_proba(features(points))", ""]
    return "\n".join(lines)


__all__ = ["FEATURES", "check_features", "feature_columns", "network_code"]
