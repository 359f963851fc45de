"""Can one straight line (in more dimensions, one flat sheet) separate two classes? The question behind
03_linearity, the bending in 04 and 11's pairs of digits.
"""

import numpy as np

from ._validate import as_array, as_labels, check_same_length


def separating_line(X, y):
    """A line w · x + b = 0 with every class-1 point on its positive side and every class-0 point on the other.

    X: (n, d) points (d = 2 for a line in the plane, 64 for a flat sheet among the 8x8 digits); y: (n,) labels 0/1.
    Returns (w, b) with w of shape (d,), or None when no straight line separates the classes (XOR, circles).
    Exact: it solves a small linear program rather than searching. When many lines separate the classes, it
    returns whichever the solver reaches first, not the best placed one: every point scores at least 1 on its
    side, but the line may pass close to some of them (11 compares it with the widest-margin line).
    """
    from scipy.optimize import linprog  # imported here, so `import nnlib` stays quick

    X = as_array(X, "X", ndim=2)
    if np.asarray(y).dtype == bool:  # a mask such as (digits.y == 5) says which points are class 1
        y = np.asarray(y).astype(np.int64)
    y = as_labels(y, "y")
    if np.any(y > 1):
        raise ValueError(f"separating_line separates two classes, so y should hold only 0 and 1, but it holds "
                         f"{sorted(set(y.tolist()))}. Say which points are class 1, e.g. (y == 5).astype(int).")
    check_same_length(X, y)
    signs = np.where(y == 1, 1.0, -1.0)
    # find w and b with sign_i * (w · x_i + b) >= 1 for every point: feasible exactly when a line separates them
    A = -signs[:, None] * np.column_stack([X, np.ones(len(X))])
    result = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(X)),
                     bounds=[(None, None)] * (X.shape[1] + 1), method="highs")
    return (result.x[:-1], result.x[-1]) if result.status == 0 else None
