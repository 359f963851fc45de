"""How long a widget takes to show a new frame after a control moves, for every widget in nnlib.widgets.

Each factory is built once; then every control is moved through a series of values (sliders swept back and
forth, menus through their options, buttons clicked) and the time from setting the value to the new PNG being
in the Image widget is recorded: drawing, encoding and the widget update. For the neuron playground the same
frames are also drawn the conventional `interact` way (a new figure per move, saved as the inline backend does
with bbox_inches='tight'), so the speed-up shows as a ratio.

Goals: median under 40 ms per move, no control's median over 100 ms.
Run: make benchmarks (or .venv/bin/python benchmarks/widget_latency.py [--moves N]). Prints figures; asserts nothing.
Inside a notebook (`%run benchmarks/widget_latency.py`) the times also include handing each frame to the kernel's
connection to the browser.
"""

import argparse
import base64
import io
import sys
import time
from pathlib import Path

import matplotlib

if "ipykernel" not in sys.modules:  # in a notebook, keep its inline backend
    matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nnlib  # noqa: E402
from nnlib import plots, widgets  # noqa: E402
from nnlib.widgets.hinges import hinges  # noqa: E402
from nnlib.features import FEATURES  # noqa: E402
from nnlib.widgets.playground import training_playground as grown_playground  # noqa: E402
from nnlib.plots.activation import activation_curve  # noqa: E402


SLIDERS = (ipywidgets.FloatSlider, ipywidgets.FloatLogSlider, ipywidgets.IntSlider, ipywidgets.SelectionSlider)


def sweep_values(control, moves):
    """The values a learner would drag a control through: a sweep across most of the range and back."""
    if hasattr(control, "options") and control.options and not hasattr(control, "min"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if hasattr(control, "index"):  # SelectionSlider, Dropdown, ToggleButtons: step through every option
            ordered = [v for v in values if v != control.value] + [control.value]
            return (ordered * (moves // len(ordered) + 1))[:max(moves // 2, len(ordered))]
    if isinstance(control, ipywidgets.FloatLogSlider):  # min and max are exponents of the base
        half = control.base ** np.linspace(control.min + 0.2, control.max - 0.2, moves // 2)
        return [float(v) for v in np.r_[half, half[::-1]]]
    if hasattr(control, "min"):
        low = control.min + 0.2 * (control.max - control.min)
        high = control.max - 0.2 * (control.max - control.min)
        half = np.linspace(low, high, moves // 2)
        step = getattr(control, "step", None) or 0.01
        return [float(np.round(v / step) * step) for v in np.r_[half, half[::-1]]]
    return None


def time_moves(widget, name, control, moves):
    """Seconds per move for one control."""
    times = []
    if isinstance(control, ipywidgets.ToggleButton):  # a toggle (the playground's input features): off, then on
        for _ in range(max(moves // 4, 3)):
            for _ in range(2):
                start = time.perf_counter()
                control.value = not control.value
                times.append(time.perf_counter() - start)
        return times
    values = sweep_values(control, moves)
    if values is None:  # a button
        for _ in range(max(moves // 4, 3)):
            start = time.perf_counter()
            control.click()
            times.append(time.perf_counter() - start)
        return times
    for value in values:
        if value == control.value:
            continue
        start = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - start)
        if widget.last_error is not None:
            raise RuntimeError(f"{name} -> {value!r} failed: {widget.last_error}")
    return times


def interact_style_neuron(weights, bias, inputs, activation):
    """The conventional way: a brand-new figure per move, rendered as the inline backend renders it."""
    curve = activation_curve(activation)
    label, f = curve.label, curve.function
    contributions = np.asarray(weights) * np.asarray(inputs)
    z = contributions.sum() + bias
    fig, (ax_bars, ax_curve) = plt.subplots(1, 2, figsize=(6.4, 2.7))
    values = list(contributions) + [bias, z]
    ax_bars.barh(range(len(values))[::-1], values, color=["#2166AC" if v >= 0 else "#B2182B" for v in values])
    ax_bars.set_yticks(range(len(values))[::-1], list(widgets.neuron.PARTY_INPUTS) + ["bias b", "z"])
    for row, v in zip(range(len(values))[::-1], values):
        ax_bars.text(v, row, f"{v:.2f}")
    ax_bars.axvline(0, color="#555555")
    zs = np.linspace(-10, 10, 401)
    ax_curve.plot(zs, f(zs))
    ax_curve.plot([z], [f(np.array([z]))[0]], "o")
    ax_curve.set_title(f"a = {label}(z) = {f(np.array([z]))[0]:.2f}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue())


def interact_style_plane(X, y, weights, bias, activation):
    """The conventional way for the 2-D neuron: new figure, decision boundary, curve, tight PNG."""
    f = activation_curve(activation).function
    fig, (ax_plane, ax_curve) = plt.subplots(1, 2, figsize=(6.4, 3.0))
    plots.plot_decision_boundary(lambda P: f(P @ np.asarray(weights) + bias), X, y, ax=ax_plane, resolution=60)
    z = X @ np.asarray(weights) + bias
    zs = np.linspace(-10, 10, 401)
    ax_curve.plot(zs, f(zs))
    ax_curve.scatter(np.clip(z, -10, 10), f(np.clip(z, -10, 10)), c=y)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue())


def compare_with_interact(moves, X=None, y=None):
    """Per move, one toolkit update and one interact-style redraw of the same state, taken in turn so that
    both meet the same machine load. Returns (toolkit seconds, interact seconds)."""
    widget = widgets.neuron_playground() if X is None else widgets.neuron_playground(X, y)
    ours, theirs = [], []
    for value in sweep_values(widget.controls["w1"], moves):
        start = time.perf_counter()
        widget.controls["w1"].value = value
        ours.append(time.perf_counter() - start)
        state = widget.state()
        start = time.perf_counter()
        if X is None:
            interact_style_neuron(state["weights"], state["bias"], state["inputs"], state["activation"])
        else:
            interact_style_plane(X, y, state["weights"], state["bias"], state["activation"])
        theirs.append(time.perf_counter() - start)
    return ours, theirs


def build_all():
    X2, y2 = nnlib.toy_2d("blobs")
    digits = nnlib.load_digits()
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    untrained, trained = nnlib.MLP([64, 32, 10]), nnlib.MLP([64, 32, 10])
    trained.fit(X_train, y_train, epochs=20, lr=0.1)
    X_moons, y_moons = nnlib.toy_2d("moons", n_samples=100)
    top_row, gap_below = np.zeros((8, 8)), np.zeros((8, 8))
    top_row[0, 2:7], gap_below[2, 3:6] = 1, 1  # 01_neuron's two knobs
    return [
        ("neuron_playground (party)", widgets.neuron_playground),
        ("neuron_playground (2-D data)", lambda: widgets.neuron_playground(X2, y2)),
        ("activation_explorer", widgets.activation_explorer),
        ("softmax_explorer", lambda: widgets.softmax_explorer(temperature=1.0)),
        ("network_builder (XOR 2-2-1)", widgets.network_builder),
        ("network_builder (moons 2-6-1)", lambda: widgets.network_builder("moons", hidden=6, activation="tanh")),
        ("training_playground", widgets.training_playground),
        ("training_playground (8, 8), 7 inputs", lambda: grown_playground(
            "circles", hidden=(8, 8), activation="relu", features=tuple(FEATURES))),
        ("hinges (05)", lambda: hinges("bump", units=[(-2.0, 0.23), (-1.3, 0.5), (-0.2, -0.68)])),
        ("draw_digit", widgets.draw_digit),
        ("pixel_neuron_explorer (01)", lambda: widgets.pixel_neuron_explorer(
            digits.images, digits.y, knobs={"top row": top_row, "gap below": gap_below})),
        ("bending_space (04)", widgets.bending_space),
        ("input_scale_explorer (05)", widgets.input_scale_explorer),
        ("forward_pass_explorer (06)", lambda: widgets.forward_pass_explorer(
            {"untrained": untrained, "trained": trained}, X_test, y_test)),
        ("descent_explorer (07)", widgets.descent_explorer),
        ("blame_explorer (07)", lambda: widgets.blame_explorer(nnlib.MLP([2, 4, 2]), X_moons, y_moons)),
        ("graph_explorer (09, 2-2-1)", lambda: widgets.graph_explorer("network")),
        ("initialisation_explorer (10)", widgets.initialisation_explorer),
        ("weight_decay_explorer (11)", lambda: widgets.weight_decay_explorer(0.001)),
        ("minibatch_explorer (11)", widgets.minibatch_explorer),
    ], (X2, y2)


def ms(values):
    return 1000 * np.median(values), 1000 * np.max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--moves", type=int, default=30, help="moves per slider (default 30)")
    parser.add_argument("--controls", action="store_true", help="also print every control's own figures")
    args = parser.parse_args([] if "ipykernel" in sys.modules else None)

    factories, (X2, y2) = build_all()
    print(f"Time from moving a control to the new frame being in the widget (ms); ipywidgets "
          f"{widgets._live.widgets.__version__}, matplotlib {matplotlib.__version__}, {args.moves} moves per slider.")
    print("Drags: slider moves, Play ticks and Step presses, painting pixels (what repeats many times a second).")
    print("Switches: menus, toggles and one-off buttons (Reset, Clear, Load; the learning rate setting).\n")
    print(f"{'widget':30s} {'build':>6s} | {'drags: median':>13s} {'worst':>6s} | {'switches: median':>16s} "
          f"{'worst':>6s} | slowest drag control (median)")
    for name, make in factories:
        start = time.perf_counter()
        widget = make()
        build = time.perf_counter() - start
        per_control, drags = {}, set()
        for key, control in widget.controls.items():
            if not isinstance(control, ipywidgets.Widget):  # a value only the browser's page sets (PageValue)
                continue
            # (the training playground's learning rate, l2, batch size, label noise and test share take effect at
            # the next step or restart the run: settings, not drags)
            if isinstance(control, SLIDERS) and not (name.startswith("training_playground")
                                                     and key in ("lr", "l2", "batch", "noise", "test")) \
                    or key in ("play", "step"):
                drags.add(key)
            if key == "play":
                widget.play()
                per_control[key] = time_moves(widget, key, control, args.moves)  # each tick trains and redraws
                widget.pause()
            else:
                per_control[key] = time_moves(widget, key, control, args.moves)
        if name == "draw_digit":  # painting: clicking pixels
            per_control["pixel"] = []
            for k in range(args.moves):
                start = time.perf_counter()
                widget.pixel_buttons[k % 8][(3 * k) % 8].click()
                per_control["pixel"].append(time.perf_counter() - start)
            drags.add("pixel")
        drag_times = [t for k in drags for t in per_control[k]]
        switch_times = [t for k in per_control if k not in drags for t in per_control[k]]
        slowest = max(drags, key=lambda k: np.median(per_control[k]))
        switch = "{:16.1f} {:6.1f}".format(*ms(switch_times)) if switch_times else f"{'-':>16s} {'-':>6s}"
        print(f"{name:30s} {1000 * build:6.0f} | {ms(drag_times)[0]:13.1f} {ms(drag_times)[1]:6.1f} | {switch} | "
              f"{slowest} ({ms(per_control[slowest])[0]:.1f})")
        if args.controls:
            for key, values in per_control.items():
                print(f"    {key:26s} {'':6s}   {ms(values)[0]:13.1f} {ms(values)[1]:6.1f}")

    print("\nAgainst the conventional interact pattern (a new figure per move, saved as a tight PNG as the inline "
          "backend does),\nthe same states drawn both ways, taken in turn:")
    for label, data in (("neuron_playground (party)", (None, None)), ("neuron_playground (2-D data)", (X2, y2))):
        ours, theirs = compare_with_interact(args.moves, *data)
        ratio = np.median(theirs) / np.median(ours)
        print(f"{label:32s} toolkit median {ms(ours)[0]:5.1f} ms (worst {ms(ours)[1]:5.1f}); interact-style median "
              f"{ms(theirs)[0]:6.1f} ms (worst {ms(theirs)[1]:6.1f}): {ratio:.1f}x faster")


if __name__ == "__main__":
    main()
