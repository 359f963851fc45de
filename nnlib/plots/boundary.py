"""A model's decision boundary: the plane coloured by its output, with the data points on top.

Introduced in 03_linearity (one straight line cannot split XOR); used again in 05_layers and 07_backprop. The
same maps (and `scatter_on_map`) draw the party evenings of 01_neuron and 02_bias.
"""

from dataclasses import dataclass

import numpy as np

from .._validate import as_points, check_positive_int
from ..state.plane import plane_grid
from .style import CLASS_CMAP, CLASS_COLORS, CLASS_MARKERS, MARKER_NAMES, REGION_CMAP, axes_or_new

# The plane is shown lighter than the points, and every point has a dark edge: an orange triangle stays an
# orange triangle on the orange side of the line (colour and shape both tell the classes apart).
MAP_ALPHA = 0.55
POINT_EDGE = "#1A1A1A"


@dataclass(repr=False)
class DecisionBoundaryPlot:
    """What plot_decision_boundary drew. Call update(model) to recolour the plane for new weights."""

    ax: object
    image: object        # the AxesImage of the model's output over the plane
    points: list         # one PathCollection per class (empty without data)
    boundary: object     # the ContourSet of the threshold line, or None
    grid: np.ndarray     # (resolution**2, 2): the points of the plane the model is evaluated at
    shape: tuple         # (rows, columns) of the image
    threshold: float     # the output value the boundary line is drawn at
    kind: str            # 'probability', 'classes' or 'score'
    show_boundary: bool = True
    X: np.ndarray = None             # (n, 2) the points, when drawn with labels
    y: np.ndarray = None             # (n,) their labels
    point_values: np.ndarray = None  # (n,) the model's output at each point (same kind as the plane)

    def describe(self):
        """A text alternative: what the picture shows, with its numbers (for plots.show(fig, alt=...))."""
        values = np.ma.filled(np.ma.asarray(self.image.get_array(), dtype=np.float64), np.nan)
        title = self.ax.get_title().strip().rstrip(".:")
        text = f"{title}. " if title else ""
        if self.kind == "classes":
            shares = [f"class {int(c)} {np.mean(values == c):.0%}" for c in np.unique(values[np.isfinite(values)])]
            text += f"Each part of the plane is coloured by the class the model picks there: {', '.join(shares)}."
            right = None if self.y is None else self.point_values == self.y
        else:
            text += self._describe_map(values)
            right = None if self.y is None else (self.point_values > self.threshold) == (self.y == 1)
        if right is not None:
            marker = lambda c: MARKER_NAMES[CLASS_MARKERS[int(c) % len(CLASS_MARKERS)]]  # noqa: E731
            counts = ", ".join(f"{int(np.sum(self.y == c))} of class {int(c)} ({marker(c)})" for c in np.unique(self.y))
            text += f" The points: {counts}; {int(right.sum())} of {len(right)} are on their own class's side."
        return " ".join(text.split())

    def _describe_map(self, values):
        """The coloured plane and its boundary, in words, for a probability or a score."""
        if not np.isfinite(values).all():
            return "The model's output is not a number here (it diverged): the plane is grey."
        above = values > self.threshold
        low, high = values.min(), values.max()
        if self.kind == "probability":
            pale = " (pale everywhere: the model is unsure)" if max(high - 0.5, 0.5 - low) < 0.1 else ""
            text = (f"The plane is coloured by P(class 1), from {low:.2f} to {high:.2f}{pale}: orange where it is "
                    f"above 0.5 (the model says class 1, {above.mean():.0%} of the plane), blue below (class 0).")
        else:
            text = (f"The plane is coloured by the output, from {low:.3g} to {high:.3g}: orange where it is above "
                    f"{self.threshold:g} ({above.mean():.0%} of the plane), blue below.")
        if above.all() or not above.any():
            return text + f" No boundary crosses this part of the plane: it is {'orange' if above.all() else 'blue'} " \
                          "everywhere."
        if self.boundary is not None:
            text += f" A black line marks the decision boundary: {boundary_shape(self.boundary, self.image)}."
        return text

    def __repr__(self):
        rows, columns = self.shape
        return f"<DecisionBoundaryPlot: {self.kind}, {rows}x{columns} grid, {len(self.points)} point sets>"

    def update(self, model):
        """Evaluate model on the stored grid and show the result; returns the (rows, columns) values."""
        values = model_output(model, self.grid)[0].reshape(self.shape)
        self.image.set_data(values)
        if self.point_values is not None:
            self.point_values = model_output(model, self.X)[0]
        if self.boundary is not None:
            self.boundary.remove()
            self.boundary = None
        if self.show_boundary and self.threshold is not None:
            self.boundary = _draw_boundary(self.ax, self.image, values, self.threshold)
        return values


def boundary_shape(contour, image):
    """The decision boundary's shape in words ('one straight line', 'one curved line', 'a closed curve', ...),
    from the contour's pieces: a piece is closed when its ends meet, straight when no point strays from the line
    through it by more than 2% of its length. Pieces shorter than 5% of the plane's diagonal are counted apart."""
    x_min, x_max, y_min, y_max = image.get_extent()
    diagonal = np.hypot(x_max - x_min, y_max - y_min)
    words, small = [], 0
    for piece in contour.allsegs[0]:
        piece = np.asarray(piece, dtype=np.float64)
        length = np.sum(np.hypot(*np.diff(piece, axis=0).T)) if len(piece) > 1 else 0.0
        if length < 0.05 * diagonal:
            small += 1
            continue
        if np.hypot(*(piece[0] - piece[-1])) < 1e-6 * diagonal:
            words.append("a closed curve")
            continue
        centred = piece - piece.mean(axis=0)
        direction = np.linalg.svd(centred, full_matrices=False)[2][0]
        stray = np.abs(centred @ np.array([-direction[1], direction[0]])).max()
        words.append("a straight line" if stray < 0.02 * length else "a curved line")
    if not words:
        return f"{small} small piece{'s' if small != 1 else ''}"
    if len(words) == 1:
        shape = words[0].replace("a straight", "one straight").replace("a curved", "one curved")
    else:
        shape = f"{len(words)} pieces: " + ", ".join(words)
    return shape + (f", and {small} small piece{'s' if small != 1 else ''}" if small else "")


def decision_line(w, b, extent):
    """The two ends of the line w1*x1 + w2*x2 + b = 0 across the extent, or None if w is (almost) zero."""
    (w1, w2), (x_min, x_max, y_min, y_max) = w, extent
    if abs(w2) >= abs(w1) and abs(w2) > 1e-9:
        xs = np.array([x_min, x_max])
        return xs, -(w1 * xs + b) / w2
    if abs(w1) > 1e-9:
        ys = np.array([y_min, y_max])
        return -(w2 * ys + b) / w1, ys
    return None


def model_output(model, points):
    """What a model says at each point: (values (n,), kind).

    kind is 'probability' for a two-class MLP (P(class 1)), 'classes' for an MLP with 3+ outputs (the predicted
    class), and 'score' for a plain function f(points) -> (n,) numbers.
    """
    with np.errstate(all="ignore"):  # a diverged model yields NaN, shown grey rather than as a warning
        if hasattr(model, "predict_proba"):
            sizes = getattr(model, "layer_sizes", None)
            if sizes is not None and sizes[0] != points.shape[1]:
                raise ValueError(f"The plane has {points.shape[1]} coordinates per point but this network expects "
                                 f"{sizes[0]} inputs. Decision boundaries need a network with 2 inputs.")
            P = model.predict_proba(points)
            if P.shape[1] == 1:
                return P[:, 0], "probability"
            if P.shape[1] == 2:
                return P[:, 1], "probability"
            return P.argmax(axis=1).astype(np.float64), "classes"
        if callable(model):
            values = np.asarray(model(points), dtype=np.float64).reshape(-1)
            if values.shape[0] != len(points):
                raise ValueError(f"The model function returned {values.shape[0]} values for {len(points)} points. "
                                 "It should return one number per row of its input.")
            return values, "score"
    raise TypeError(f"model should be an MLP or a function of X (n, 2), but got {type(model).__name__}.")


def spread_duplicates(X, fraction=0.28):
    """Where to draw (n, 2) points so that points with the same coordinates do not hide one another.

    Points that share a spot (say, two evenings both at tiredness 4 and 6 friends) are fanned out on a small
    circle around it, of radius `fraction` of the smallest gap between distinct values on each axis; a point
    alone at its spot stays exactly where it is. Deterministic. Returns an (n, 2) array of drawing positions.
    """
    X = np.asarray(X, dtype=np.float64)
    if len(X) < 2:
        return X.copy()
    keys = np.round(X, 9)  # values equal to 9 decimals share a spot
    _, spot, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    spot = spot.reshape(-1)
    radius = np.ones(2)
    for axis in range(2):
        gaps = np.diff(np.unique(keys[:, axis]))
        radius[axis] = fraction * (gaps.min() if len(gaps) else 1.0)
    shown = X.copy()
    for s in np.flatnonzero(counts > 1):
        rows = np.flatnonzero(spot == s)
        angles = np.pi / 4 + 2 * np.pi * np.arange(len(rows)) / len(rows)
        shown[rows] += np.column_stack([np.cos(angles), np.sin(angles)]) * radius
    return shown


def scatter_on_map(ax, X, y, size=26, spread=True, zorder=3):
    """Draw labelled 2-D points over a coloured map: filled, one Okabe-Ito colour and marker per class, with a
    dark edge so they stay readable on either side of the line; points at the same spot are fanned out
    (spread_duplicates). Returns one PathCollection per class, like scatter_classes.
    """
    shown = spread_duplicates(X) if spread else np.asarray(X, dtype=np.float64)
    points = []
    for label in np.unique(y):
        label = int(label)
        rows = y == label
        points.append(ax.scatter(shown[rows, 0], shown[rows, 1], s=size,
                                 marker=CLASS_MARKERS[label % len(CLASS_MARKERS)],
                                 color=CLASS_COLORS[label % len(CLASS_COLORS)], edgecolors=POINT_EDGE,
                                 linewidths=0.8, zorder=zorder, label=f"class {label}"))
    return points


def plot_decision_boundary(model, X=None, y=None, ax=None, *, resolution=80, extent=None, boundary=True,
                           threshold=None, title=None, point_size=26):
    """Colour the plane by a model's output and draw the data points on top.

    model: an MLP with 2 inputs (the colour is P(class 1), blue for 0 through white to orange for 1; with 3+
    outputs each region takes its predicted class's colour), or any function f(points) -> (n,) numbers such as
    a single neuron `lambda P: sigmoid(P @ w + b)`. X: (n, 2) points and y: (n,) labels 0/1 (optional).
    boundary: draw the line where the output crosses `threshold` (0.5 for probabilities; 0 for raw scores that
    go below 0). extent: (x_min, x_max, y_min, y_max), by default the data's range plus a margin.
    Returns a DecisionBoundaryPlot (ax, image, points, boundary, ...); its update(model) redraws for new weights.
    Introduced in 03_linearity.
    """
    resolution = check_positive_int(resolution, "resolution")
    if X is not None:
        X, y = as_points(X, y)
    grid, extent = plane_grid(X, resolution, extent)
    values, kind = model_output(model, grid)
    values = values.reshape(resolution, resolution)
    ax = axes_or_new(ax, (4.2, 4.0))
    if kind == "classes":
        image = ax.imshow(values, origin="lower", extent=extent, cmap=REGION_CMAP, vmin=0,
                          vmax=REGION_CMAP.N - 1, alpha=0.35, aspect="auto", interpolation="nearest")
        threshold = None
    else:
        finite = values[np.isfinite(values)] if np.isfinite(values).any() else np.zeros(1)
        unit_range = kind == "probability" or (finite.min() >= 0 and finite.max() <= 1)
        if threshold is None:
            threshold = 0.5 if unit_range else 0.0
        if unit_range:
            vmin, vmax = 0.0, 1.0
        else:
            span = max(np.abs(finite - threshold).max(), 1e-9)
            vmin, vmax = threshold - span, threshold + span
        image = ax.imshow(values, origin="lower", extent=extent, cmap=CLASS_CMAP, vmin=vmin, vmax=vmax,
                          alpha=MAP_ALPHA, aspect="auto", interpolation="bilinear")
    contour = _draw_boundary(ax, image, values, threshold) if boundary and threshold is not None else None
    points = [] if X is None or y is None else scatter_on_map(ax, X, y, size=point_size)
    if X is not None and y is None:
        points = [ax.scatter(*spread_duplicates(X).T, s=point_size, color="#333333", zorder=3)]
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    drawn = DecisionBoundaryPlot(ax, image, points, contour, grid, (resolution, resolution), threshold, kind,
                                 bool(boundary))
    if X is not None and y is not None:
        drawn.X, drawn.y, drawn.point_values = X, y, model_output(model, X)[0]
    return drawn


def _draw_boundary(ax, image, values, threshold):
    if not np.isfinite(values).all() or values.min() >= threshold or values.max() <= threshold:
        return None  # no crossing anywhere in view: nothing to draw
    x_min, x_max, y_min, y_max = image.get_extent()
    rows, cols = values.shape
    return ax.contour(np.linspace(x_min, x_max, cols), np.linspace(y_min, y_max, rows), values,
                      levels=[threshold], colors="#222222", linewidths=1.5)
