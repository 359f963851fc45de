"""Training curves: the loss (or accuracy) after every epoch, on the training and the test data.

Introduced in 07_backprop; the capstone 08_training_digits reads overfitting off the gap between the two.
"""

from dataclasses import dataclass

import numpy as np

from .style import CLASS_COLORS, axes_or_new, open_frame

_NAMES = {"loss": ("loss", "val_loss"), "accuracy": ("accuracy", "val_accuracy")}


@dataclass(repr=False)
class HistoryPlot:
    """What plot_history drew: one Line2D per curve, keyed 'loss', 'val_loss', ...; update(history) in place."""

    ax: object
    lines: dict
    metric: str
    first_epoch: int = 1  # MLP.fit's history starts after epoch 1; a history that starts untrained uses 0

    def __repr__(self):
        return f"<HistoryPlot: {self.metric}, curves {', '.join(self.lines)}>"

    def update(self, history):
        """Redraw from a (longer) history; widens the x axis when needed. Returns True if the axis changed."""
        n = 0
        for key, line in self.lines.items():
            values = np.asarray(history.get(key, []), dtype=np.float64)
            line.set_data(np.arange(len(values)) + self.first_epoch, values)
            line.set_marker("o" if len(values) == 1 else "")  # a single epoch is a dot, not an invisible line
            n = max(n, len(values))
        changed = False
        last = n - 1 + self.first_epoch
        if last > self.ax.get_xlim()[1]:
            self.ax.set_xlim(0, _nice_epochs(last))
            changed = True
        if self.metric == "loss":
            finite = [v for key in self.lines for v in history.get(key, []) if np.isfinite(v)]
            if finite and max(finite) > self.ax.get_ylim()[1]:
                self.ax.set_ylim(0, 1.15 * max(finite))
                changed = True
        return changed


def _nice_epochs(n):
    for limit in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if n <= limit:
            return limit
    return n


def plot_history(history, ax=None, *, metric="loss", title=None, first_epoch=1):
    """Plot training curves from MLP.fit's history: training (solid) and, if present, test/validation (dashed).

    history: a dict such as {'loss': [...], 'accuracy': [...], 'val_loss': [...], 'val_accuracy': [...]}.
    metric: 'loss', 'accuracy', or 'both' (two panels side by side: then ax is None or a pair of axes).
    first_epoch: the epoch of the first entry (1 for MLP.fit's history; 0 if it starts with the untrained loss).
    Returns a HistoryPlot (ax, lines, metric), or a list of two for 'both'. Introduced in 07_backprop.
    """
    if not isinstance(history, dict):
        raise TypeError(f"history should be the dict that MLP.fit returns, but got {type(history).__name__}.")
    if metric == "both":
        if ax is None:
            import matplotlib.pyplot as plt

            ax = plt.subplots(1, 2, figsize=(8.4, 3.0), layout="constrained")[1]
        if len(ax) != 2:
            raise ValueError("metric='both' draws two panels, so ax should be a pair of axes (or None).")
        return [plot_history(history, a, metric=m, title=title, first_epoch=first_epoch)
                for a, m in zip(ax, ("loss", "accuracy"))]
    if metric not in _NAMES:
        raise ValueError(f"Unknown metric {metric!r}. Choose 'loss', 'accuracy' or 'both'.")
    train_key, test_key = _NAMES[metric]
    if train_key not in history and test_key not in history:
        raise ValueError(f"history has no {train_key!r} entry; it has {sorted(history)}.")
    ax = axes_or_new(ax, (4.4, 3.0))
    lines = {}
    for key, style, label in ((train_key, "-", "training"), (test_key, "--", "test")):
        if key in history:
            values = np.asarray(history[key], dtype=np.float64)
            lines[key], = ax.plot(np.arange(len(values)) + first_epoch, values, style, linewidth=2, markersize=4,
                                  color=CLASS_COLORS[0] if style == "-" else CLASS_COLORS[1], label=label)
    n = max(len(history[k]) for k in lines)
    ax.set_xlim(0, max(n, 10))
    if metric == "accuracy":
        ax.set_ylim(0, 1.02)
    else:
        finite = [v for k in lines for v in history[k] if np.isfinite(v)]
        ax.set_ylim(0, 1.15 * max(finite) if finite and max(finite) > 0 else 1.0)
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.legend(loc="upper right" if metric == "loss" else "lower right", frameon=False, fontsize=9)
    for line in lines.values():  # after the legend, so its samples stay plain lines
        line.set_marker("o" if len(line.get_xdata()) == 1 else "")
    open_frame(ax, title)
    return HistoryPlot(ax, lines, metric, first_epoch)
