"""Can one straight line separate two classes? The question behind 03_linearity and the bending in 04.
"""

import numpy as np

from ._validate import as_array, as_labels, check_same_length


def separating_line(X, y):
    """A line w · x + b = 0 with every class-1 point on its positive side and every class-0 point on the other.

    X: (n, 2) points; y: (n,) labels 0/1. Returns (w, b) with w of shape (2,), or None when no straight line
    separates the classes (XOR, circles). Exact: it solves a small linear program rather than searching.
    """
    from scipy.optimize import linprog  # imported here, so `import nnlib` stays quick

    X = as_array(X, "X", ndim=2)
    y = as_labels(y, "y", n_classes=2)
    check_same_length(X, y)
    signs = np.where(y == 1, 1.0, -1.0)
    # find w and b with sign_i * (w · x_i + b) >= 1 for every point: feasible exactly when a line separates them
    A = -signs[:, None] * np.column_stack([X, np.ones(len(X))])
    result = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(X)),
                     bounds=[(None, None)] * (X.shape[1] + 1), method="highs")
    return (result.x[:-1], result.x[-1]) if result.status == 0 else None
