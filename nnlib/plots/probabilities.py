"""Logit and probability bars: the scores a network's last layer gives each class, and what softmax makes of
them. Introduced in 04_activations.

The bars always add up to 1, which makes them look like calibrated probabilities; they are relative
confidences (an untrained network can be very sure it sees a toaster).
"""

from dataclasses import dataclass

import numpy as np

from .._validate import as_array
from .style import CLASS_COLORS, NEGATIVE, POSITIVE, axes_or_new, nice_limit, open_frame

_BAR, _TOP, _TRUE = "#9DB7D5", CLASS_COLORS[0], CLASS_COLORS[1]
BAR_COLOURS = {"bar": _BAR, "top": _TOP, "true": _TRUE}  # (the browser-drawn bars use the same)


@dataclass(repr=False)
class _ClassBars:
    """What plot_probabilities and plot_logits have in common: one bar per class, with a number written at each."""

    ax: object
    bars: object         # one Rectangle per class
    texts: list          # the number at each bar ([] when not shown)

    def __repr__(self):
        return f"<{type(self).__name__}: {len(self.bars)} classes>"


def _class_axes(ax, n, labels, counted):
    """The class names (default 0, 1, 2, ...), checked to be one for each of the n `counted` ('logits'), and the
    axes for n bars: ax, or a new figure sized to n."""
    labels = [str(k) for k in range(n)] if labels is None else [str(v) for v in labels]
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} names but there are {n} {counted}.")
    return axes_or_new(ax, (max(3.0, 0.45 * n + 1.2), 2.6)), labels


@dataclass(repr=False)
class ProbabilityBars(_ClassBars):
    """What plot_probabilities drew (ax, bars: the BarContainer, texts: the percentage above each bar);
    update(probs) redraws the bars and their labels in place."""

    true_label: object = None

    def update(self, probs):
        """Show new probabilities, shape (n_classes,). Returns the index of the tallest bar."""
        probs = np.asarray(probs, dtype=np.float64).reshape(-1)
        top = int(np.nanargmax(probs)) if np.isfinite(probs).any() else 0
        for k, (bar, text, p) in enumerate(zip(self.bars, self.texts, probs)):
            bar.set_height(p)
            bar.set_facecolor(_TOP if k == top else _BAR)
            if k == self.true_label:
                bar.set_edgecolor(_TRUE)
            text.set_y(p + 0.02)
            text.set_text(percent(p))
        return top


def percent(p):
    """A probability as a bar label: whole percents, but never 0% or 100% for what is neither (softmax is never
    exactly 0 or 1 unless the numbers underflow): '<1%' and '>99%' instead."""
    if not np.isfinite(p):
        return "?"
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 <= p < 1:
        return ">99%"
    return f"{100 * p:.0f}%"


def plot_probabilities(probs, ax=None, *, labels=None, true_label=None, title=None):
    """Bars of a softmax output: one per class, the most likely one highlighted, each labelled in percent.

    probs: (n_classes,) numbers from 0 to 1 (one example; a (1, n_classes) row works too). labels: the class
    names (default 0, 1, 2, ...). true_label: the index of the right answer, outlined in orange.
    Returns a ProbabilityBars (ax, bars, texts); update(probs) redraws in place. Introduced in 04_activations.
    """
    probs = as_array(probs, "probs")
    if probs.ndim == 2 and probs.shape[0] == 1:
        probs = probs[0]
    if probs.ndim != 1:
        raise ValueError(f"probs should be one example's probabilities, shape (n_classes,), but it has shape "
                         f"{probs.shape}. For a batch, pick one row: probs[0].")
    if probs.min() < 0 or probs.max() > 1 + 1e-9:
        raise ValueError(f"probs should lie between 0 and 1, but they run from {probs.min():.3g} to "
                         f"{probs.max():.3g}. Are these logits? Pass them through softmax first.")
    n = len(probs)
    if true_label is not None and not (isinstance(true_label, (int, np.integer)) and 0 <= true_label < n):
        raise ValueError(f"true_label should be a class index from 0 to {n - 1}, but got {true_label!r}.")
    ax, labels = _class_axes(ax, n, labels, "probabilities")
    bars = ax.bar(np.arange(n), probs, color=_BAR, edgecolor="none", linewidth=2.2, width=0.75)
    if true_label is not None:
        bars[true_label].set_edgecolor(_TRUE)
    texts = [ax.text(k, 0, "", ha="center", va="bottom", fontsize=8 if n > 6 else 9) for k in range(n)]
    ax.set_xticks(np.arange(n), labels)
    ax.set_ylim(0, 1.12)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylabel("probability")
    open_frame(ax, title)
    drawn = ProbabilityBars(ax, bars, texts, None if true_label is None else int(true_label))
    drawn.update(probs)
    return drawn


@dataclass(repr=False)
class LogitBars(_ClassBars):
    """What plot_logits drew (ax, bars, texts: the value above or below each bar, or [] when not shown);
    update(logits) redraws the bars (and their numbers) in place."""

    limit: float         # the axis reaches from -limit to limit (times 1.15 with numbers)

    def update(self, logits):
        """Show new logits (n_classes,): each bar's height, blue when positive and red when negative."""
        logits = np.asarray(logits, dtype=np.float64).reshape(-1)
        for bar, v in zip(self.bars, logits):
            bar.set_height(v)
            bar.set_facecolor(POSITIVE if v >= 0 else NEGATIVE)
        for text, v in zip(self.texts, logits):
            text.set_y(v + (0.04 if v >= 0 else -0.04) * self.limit)
            text.set_va("bottom" if v >= 0 else "top")
            text.set_text(f"{v:.1f}")


def plot_logits(logits, ax=None, *, labels=None, limit=None, numbers=True, title=None):
    """Bars of a network's logits (its raw scores, any number): one per class, blue above 0, red below.

    logits: (n_classes,) numbers. labels: the class names (default 0, 1, 2, ...). limit: the axis reaches from
    -limit to limit (default: the largest |logit|, rounded up). numbers: write each value on its bar.
    Returns a LogitBars (ax, bars, texts); update(logits) redraws in place. Introduced in 04_activations.
    """
    logits = as_array(logits, "logits", ndim=1)
    n = len(logits)
    ax, labels = _class_axes(ax, n, labels, "logits")
    limit = nice_limit(max(np.abs(logits).max(), 1.0)) if limit is None else float(limit)
    bars = list(ax.bar(np.arange(n), np.zeros(n), width=0.7, color=POSITIVE))
    texts = [ax.text(k, 0, "", ha="center", fontsize=8 if n > 6 else 9) for k in range(n)] if numbers else []
    ax.set_ylim(-1.15 * limit, 1.15 * limit) if numbers else ax.set_ylim(-limit, limit)
    ax.set_xticks(np.arange(n), labels)
    ax.axhline(0, color="#555555", linewidth=0.8)
    open_frame(ax, title)
    drawn = LogitBars(ax, bars, texts, limit)
    drawn.update(logits)
    return drawn
