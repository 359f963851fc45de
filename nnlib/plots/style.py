"""The course's colours and the small helpers every plot shares.

Colours are colour-blind safe: the two classes are Okabe-Ito blue and orange and also differ by marker;
signed numbers (weights, gradients, contributions) use ColorBrewer's red-blue, negative red, positive blue.
Nothing here touches matplotlib's global settings unless `use_course_style()` is called.
"""

import numpy as np
from matplotlib import cycler
from matplotlib.colors import LinearSegmentedColormap, ListedColormap

# Okabe & Ito's palette, readable with every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
CLASS_COLORS = OKABE_ITO[:2] + OKABE_ITO[2:7]
CLASS_MARKERS = ("o", "^", "s", "D", "v", "P", "X")
MARKER_NAMES = {"o": "circles", "^": "triangles", "s": "squares", "D": "diamonds", "v": "upside-down triangles",
                "P": "plus signs", "X": "crosses"}  # what a text alternative calls each class's points
POSITIVE, NEGATIVE = "#2166AC", "#B2182B"  # the ends of ColorBrewer's RdBu
CURVE, DERIVATIVE = "#222222", OKABE_ITO[5]

# P(class 1) from 0 (blue, class 0) through white (undecided) to 1 (orange, class 1)
CLASS_CMAP = LinearSegmentedColormap.from_list("course_classes", ["#3A86C8", "#FFFFFF", "#F0A830"]).with_extremes(
    bad="#DDDDDD")  # grey where the output is not a number (training blew up)
# several classes: each region in its class colour, lightened so the points stay visible
REGION_CMAP = ListedColormap(list(CLASS_COLORS))
WEIGHT_CMAP = "RdBu"  # signed weights: negative red, positive blue, zero white

COURSE_STYLE = {
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "image.cmap": "viridis",
    "legend.frameon": False,
}


def use_course_style():
    """Apply the course's matplotlib look (larger fonts, no top/right frame, Okabe-Ito colours).

    Changes matplotlib's global rcParams, so only call it on purpose (a notebook's setup may).
    Returns the previous values of the settings it changed, so `plt.rcParams.update(old)` undoes it.
    """
    import matplotlib as mpl

    old = {key: mpl.rcParams[key] for key in COURSE_STYLE}
    mpl.rcParams.update(COURSE_STYLE)
    return old


def axes_or_new(ax, figsize):
    """Return ax, or a fresh pyplot axes (so the figure shows inline in a notebook) when ax is None."""
    if ax is not None:
        if not hasattr(ax, "imshow"):
            raise TypeError(f"ax should be a matplotlib Axes (e.g. from plt.subplots()), but got "
                            f"{type(ax).__name__}. Leave it out to get a new figure.")
        return ax
    import matplotlib.pyplot as plt  # only here: importing the plots never picks a backend

    return plt.subplots(figsize=figsize, layout="constrained")[1]


def open_frame(ax, title=None):
    """The course's plain axes: no top or right frame line, and the title if one is given."""
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)


def nice_limit(value, steps=(1, 2, 5)):
    """The smallest of 1, 2, 5, 10, 20, 50, ... at least `value`: axis limits that do not jitter."""
    value = max(float(value), 1e-9)
    exponent = int(np.floor(np.log10(value)))
    for base in (1, 10):
        for step in steps:
            limit = step * base * 10.0 ** exponent
            if limit >= value * (1 - 1e-9):
                return limit
    return 10.0 ** (exponent + 1)


def scatter_classes(ax, X, y, size=26, hollow=False, zorder=3, **kwargs):
    """Draw 2-D points, one colour and marker per class. Returns the list of PathCollections, one per class.

    X: (n, 2), y: (n,) labels 0, 1, ... hollow=True draws outlines only (used for test points).
    """
    points = []
    for label in np.unique(y):
        label = int(label)
        color = CLASS_COLORS[label % len(CLASS_COLORS)]
        rows = y == label
        style = dict(facecolors="none", edgecolors=color, linewidths=1.4) if hollow else dict(
            color=color, edgecolors="white", linewidths=0.6)
        points.append(ax.scatter(X[rows, 0], X[rows, 1], s=size, marker=CLASS_MARKERS[label % len(CLASS_MARKERS)],
                                 zorder=zorder, label=f"class {label}", **style, **kwargs))
    return points
