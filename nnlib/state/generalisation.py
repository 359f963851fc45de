"""Weight decay on a network that memorises, as the weight-decay explorer holds it. Introduced in
11_generalisation.

    runs = WeightDecayChoice(weight_decay_runs())   # one training run per weight decay of the grid
    runs.set(weight_decay=0.01)
    runs.numbers["val_loss"], runs.numbers["none_val_loss"]
    runs.headline()

The runs themselves are nnlib.experiments' RECIPE trained by train_few. No ipywidgets, no matplotlib: the widget
in nnlib.widgets.generalisation draws this state and nothing else. (11's mini-batch explorer holds a
nnlib.state.descent.MiniBatchDescent.)
"""

import numpy as np


class WeightDecayChoice:
    """One run picked from a grid of runs, one per weight decay, beside the run without weight decay.

    runs: {weight decay: history arrays + 'sum_of_squares'} (nnlib.experiments.weight_decay_runs), including 0.
    set(weight_decay) picks a run. numbers: 'weight_decay', 'epochs', the run's last 'accuracy', 'val_accuracy'
    and 'val_loss', 'best_val_epoch' (where its validation loss was lowest), 'sum_of_squares', and the same
    ('none_...') for the run without weight decay. run: the picked run's history. headline(): the readout.
    """

    def __init__(self, runs, weight_decay=0.0):
        if 0.0 not in runs:
            raise ValueError("The runs should include weight decay 0 (none), to compare with.")
        self.runs = runs
        self.set(weight_decay)

    def set(self, weight_decay):
        weight_decay = float(weight_decay)
        if weight_decay not in self.runs:
            raise ValueError(f"There is no run with weight decay {weight_decay:g}; the grid has "
                             f"{', '.join(f'{wd:g}' for wd in self.runs)}.")
        self.weight_decay, self.run = weight_decay, self.runs[weight_decay]
        run, none = self.run, self.runs[0.0]
        self.numbers = {"weight_decay": weight_decay, "epochs": len(run["loss"]),
                        "accuracy": float(run["accuracy"][-1]), "val_accuracy": float(run["val_accuracy"][-1]),
                        "val_loss": float(run["val_loss"][-1]), "best_val_epoch": int(np.argmin(run["val_loss"])) + 1,
                        "sum_of_squares": run["sum_of_squares"],
                        "none_val_loss": float(none["val_loss"][-1]),
                        "none_val_accuracy": float(none["val_accuracy"][-1]),
                        "none_sum_of_squares": none["sum_of_squares"]}
        return self.numbers

    def headline(self):
        """One line: the end of the picked run beside the end of the run without weight decay (HTML)."""
        frame = self.numbers
        verdict = ("" if frame["weight_decay"] == 0 else
                   " <b>Lower validation loss than none.</b>" if frame["val_loss"] < frame["none_val_loss"] else
                   " <b>Higher validation loss than none.</b>")
        return (f"weight decay {frame['weight_decay']:g}, after {frame['epochs']} epochs: training accuracy "
                f"{frame['accuracy']:.0%}, validation accuracy {frame['val_accuracy']:.1%} (none: "
                f"{frame['none_val_accuracy']:.1%}), validation loss {frame['val_loss']:.3f} (none: "
                f"{frame['none_val_loss']:.3f}), lowest at epoch {frame['best_val_epoch']}; sum of squared weights "
                f"{frame['sum_of_squares']:,.0f} (none: {frame['none_sum_of_squares']:,.0f}).{verdict}")
