"""A hike down the house-price loss landscape, as the descent and mini-batch explorers hold it. Introduced in
07_backprop (full batch) and 11_generalisation (mini-batches).

    hike = Descent(lr=0.3, steps=20)
    hike.verdict                      # 'at the bottom'
    hike.set(lr=1.5, steps=60)        # too large: 'diverging', and it flies off the map
    hike.headline()                   # the line under the picture

No ipywidgets, no matplotlib: the widgets in nnlib.widgets.descent and nnlib.widgets.generalisation draw this
state and nothing else. The walking itself is nnlib.experiments.descend.
"""

import numpy as np

from .._validate import check_positive_int, check_positive_number
from ..experiments import descend, house_price_landscape, wobble

MAX_STEPS = 60
LR_RANGE = (0.001, 2.0)
BATCH_SIZES = (1, 5, 10, 20, 50, 200)
MINIBATCH_LR_RANGE = (0.01, 1.0)
MINIBATCH_MAX_STEPS = 100


def check_hike(lr, lr_range, steps, max_steps):
    """(lr, steps, max_steps) as numbers, or a clear error: lr inside lr_range, steps from 0 to max_steps."""
    lr = check_positive_number(lr, "lr (the learning rate)")
    if not lr_range[0] <= lr <= lr_range[1]:
        raise ValueError(f"lr should be between {lr_range[0]} and {lr_range[1]}, but got {lr}.")
    max_steps = check_positive_int(max_steps, "max_steps")
    steps = check_positive_int(steps, "steps", allow_zero=True)
    if steps > max_steps:
        raise ValueError(f"steps should be at most max_steps ({max_steps}), but got {steps}.")
    return lr, steps, max_steps


def _zig_zags(path):
    """True when most steps reverse the direction of the step before (the path crosses the valley and back)."""
    moves = np.diff(path, axis=0)
    reversals = np.sum(moves[1:] * moves[:-1], axis=1) < 0
    return bool(len(reversals)) and float(np.mean(reversals)) > 0.5


def _settling(losses, lowest):
    """How the height above the valley floor changed over the last stretch of the hike: its value at the end
    divided by its value an even number of steps earlier (a bounce lands on the same side every 2 steps).
    Below 1 the hike is getting down, about 1 it lands as high every time, above 1 it climbs."""
    excess = np.maximum(np.asarray(losses, dtype=np.float64) - lowest, 1e-12)
    n = len(excess) - 1
    span = min(2 * max(1, n // 4), n - n % 2)
    return float(excess[-1] / excess[-1 - span]) if span else float(excess[-1] / excess[0])


# the height above the floor may change by this much over the last stretch and still count as "not settling"
_BOUNCE_TOLERANCE = 0.05


def verdict(path, losses, lowest):
    """Name what the hike did, from the path itself.

    'standing still' (no steps), 'one step' (too early to say), 'diverging' (it ends higher than it started,
    or each bounce lands higher than the one before), 'bouncing' (it jumps across the valley and lands as high
    every time: it never settles), 'at the bottom' (it reached the floor, zig-zagging or not), 'zig-zagging in'
    (it crosses the valley at each step, a little lower each time), 'crawling' (under half way down) or
    'on its way down'. path: (k + 1, 2) points, losses: (k + 1,), lowest: the valley floor's loss.
    """
    start, end = losses[0], losses[-1]
    if not np.isfinite(end) or end > start:
        return "diverging"
    if len(losses) < 2:
        return "standing still"
    if len(losses) == 2:
        return "one step"
    zig_zags = _zig_zags(path)
    settling = _settling(losses, lowest)
    if zig_zags and settling > 1 + _BOUNCE_TOLERANCE:
        return "diverging"
    progress = (start - end) / max(start - lowest, 1e-12)
    if progress >= 0.999:
        return "at the bottom"
    if zig_zags and settling >= 1 - _BOUNCE_TOLERANCE:
        return "bouncing"
    if zig_zags:
        return "zig-zagging in"
    if progress < 0.5:
        return "crawling"
    return "on its way down"


_STORY = {
    "diverging": "each step overshoots the valley and lands higher up the other side than the step before; "
                 "the learning rate is too large",
    "bouncing": "it jumps across the valley and back, landing as high up every time, so it never settles: "
                "this learning rate sits right at the edge, and a slightly smaller one would zig-zag in",
    "at the bottom": "it found the valley floor, so this learning rate works",
    "zig-zagging in": "it jumps from one side of the valley to the other, a little lower each time: it is "
                      "getting down, but slowly; a smaller learning rate would be smoother",
    "crawling": "tiny careful steps, and most of the hill is still ahead; the learning rate is too small",
    "on its way down": "it is heading for the valley floor; give it more steps",
    "standing still": "no steps yet",
    "one step": "one step is too few to tell how this stride behaves; add more steps",
}


def _rises(losses):
    """How many steps raised the loss: by more than rounding (a billionth of it), which at the valley floor goes
    up and down in the last digits without the hike moving."""
    losses = np.asarray(losses)
    return int(np.sum(np.diff(losses) > 1e-9 * losses[:-1]))


class Descent:
    """Full-batch gradient descent on a landscape with one learning rate and a number of steps (07).

    set(lr, steps) walks again. numbers: 'path' (k + 1, 2), 'losses' (k + 1,), 'flew_off', 'lr', 'steps',
    'lowest' (the valley floor's loss), 'verdict' and 'zig_zags'. headline(): the readout.
    """

    def __init__(self, landscape=None, lr=0.01, steps=20):
        self.landscape = landscape or house_price_landscape()
        self.lowest_w, self.lowest_b, self.lowest = self.landscape.minimum
        self.set(lr, steps)

    def set(self, lr, steps):
        self.lr, self.steps = float(lr), int(steps)
        hike = descend(self.landscape, self.lr, self.steps)
        self.numbers = hike | {"lr": self.lr, "steps": self.steps, "lowest": self.lowest,
                               "verdict": verdict(hike["path"], hike["losses"], self.lowest),
                               "zig_zags": _zig_zags(hike["path"])}
        return self.numbers

    @property
    def verdict(self):
        return self.numbers["verdict"]

    def headline(self):
        """One line: the learning rate, the loss before and after, and what the hike did (HTML)."""
        frame = self.numbers
        losses = frame["losses"]
        end = "off the map" if frame["flew_off"] else f"{losses[-1]:,.0f}"
        taken = len(losses) - 1
        steps = f"{taken} steps" if taken == frame["steps"] else f"{taken} of {frame['steps']} steps"
        story = _STORY[frame["verdict"]]
        if frame["verdict"] == "at the bottom" and frame["zig_zags"]:
            story = "it zig-zagged across the valley, a little lower each time, and reached the floor"
        return (f"lr = {frame['lr']:.3f}, {steps}: loss {losses[0]:,.0f} \u2192 {end} "
                f"(valley floor {frame['lowest']:,.0f}). <b>{frame['verdict'].capitalize()}</b>: {story}.")


class MiniBatchDescent:
    """Two hikes from the same start with the same learning rate (11): full batch (the slope of every example at
    each step, the Descent of 07) and mini-batches of batch_size examples.

    set(lr, batch_size, steps) walks both again. numbers: 'lr', 'batch_size', 'steps', 'full_path',
    'full_losses', 'flew_off' (the full-batch hike), 'path' and 'losses' (the mini-batch hike, losses on every
    example), 'lowest', 'ups' and 'full_ups' (steps where each hike's loss went up), 'wobble' (how far the
    mini-batch hike strayed from the full-batch one in the second half) and 'n_examples'. headline(): the readout.
    """

    def __init__(self, landscape=None, lr=0.3, batch_size=10, steps=60, seed=0):
        self.full = Descent(landscape, lr, steps)
        self.landscape, self.seed = self.full.landscape, seed
        self.set(lr, batch_size, steps)

    def set(self, lr, batch_size, steps):
        full = self.full.set(lr, steps)
        n = len(self.landscape.x)
        self.lr, self.batch_size, self.steps = full["lr"], int(min(batch_size, n)), full["steps"]
        mini = descend(self.landscape, self.lr, len(full["losses"]) - 1, batch_size=self.batch_size, seed=self.seed)
        self.numbers = {"lr": self.lr, "batch_size": self.batch_size, "steps": self.steps,
                        "full_path": full["path"], "full_losses": full["losses"], "flew_off": full["flew_off"],
                        "path": mini["path"], "losses": mini["losses"], "lowest": self.full.lowest,
                        "ups": _rises(mini["losses"]), "full_ups": _rises(full["losses"]),
                        "wobble": wobble(mini["path"], full["path"]), "n_examples": n}
        return self.numbers

    def headline(self):
        """One line: how often each hike's loss went up, and how far the mini-batch hike strayed (HTML)."""
        frame = self.numbers
        if frame["flew_off"]:
            return (f"lr = {frame['lr']:.3f}: full-batch descent already overshoots further at every step and "
                    "flies off the map; mini-batches cannot help. Take a smaller learning rate.")
        taken = len(frame["full_losses"]) - 1
        if frame["batch_size"] >= frame["n_examples"]:
            mini = "the same houses every step, so the two hikes are one and the same"
        else:
            went_off = len(frame["losses"]) - 1 < taken
            mini = (f"batches of {frame['batch_size']} houses: " + (
                f"the loss flew off the map after {len(frame['losses']) - 1} steps" if went_off else
                f"the loss went up in {frame['ups']} of {taken} steps; in the second half the pink hike strayed on "
                f"average {frame['wobble']:.1f} from the orange one"))
        return (f"lr = {frame['lr']:.3f}, {taken} steps. Full batch (all {frame['n_examples']} houses every step): "
                f"the loss went up in {frame['full_ups']} of {taken} steps. Mini-batches, {mini}.")
