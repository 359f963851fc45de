"""Bending space, drawn in the browser (JupyterLab in headless Chromium): every weight, bias and activation moves
the graph paper pushed through the layer a = f(x @ W + b), each neuron's line z = 0 on the input plane, the count of
grid lines bent and whether one straight line now separates the classes, computed in the page as nnlib's
BendingState computes them; every change reaches the kernel.
"""

import numpy as np
import pytest

from _page import (assert_drawn_while_the_kernel_is_busy, assert_drawn_with_kernel_picture_hidden,
                   assert_every_control_labelled, canvas, drag_followed, kernel, kernel_json, kernel_readout,
                   polite_headline, press, screenshot, setup_cell, tab_through, wait_until)

NAME = "browser_bending.ipynb"
ACTIVATIONS = ["linear", "relu", "leaky_relu", "tanh", "sigmoid"]

SETUP = setup_cell(seed=3)

CELLS = {
    # 04's widget, as the notebook makes it
    "plain": "shown['plain'] = widgets.bending_space()\nshown['plain']",
    # random layers for every activation
    **{f"random_{name}": (f"shown['random_{name}'] = widgets.bending_space(W=rng.uniform(-2, 2, (2, 2)), "
                          f"b=rng.uniform(-2, 2, 2), activation={name!r})\nshown['random_{name}']")
       for name in ACTIVATIONS},
    # XOR unfolded: ReLU puts the classes on two sides of one line
    "unfolded": ("shown['unfolded'] = widgets.bending_space(W=[[1.0, -1.0], [-1.0, 1.0]], b=[0.0, 0.0])\n"
                 "shown['unfolded']"),
    # points without labels, and weights far out with a sigmoid: the picture must still be numbers
    "extreme": ("shown['extreme'] = widgets.bending_space(rng.normal(0, 1, (40, 2)) * 1e3, W=[[50.0, -50.0], "
                "[50.0, 50.0]], b=[50.0, -50.0], activation='sigmoid', weight_range=(-50, 50), "
                "bias_range=(-50, 50))\nshown['extreme']"),
}

# What the kernel's state model says: the bent lines and points, the counts, the verdicts, the limits.
KERNEL_STATE = """import json
from nnlib.plots.bending import square_limits
_s = shown[{key!r}].state_model
_r = _s.result()
print(json.dumps({{"lines": [line.tolist() for line in _r["lines"]], "points": _r["points"].tolist(),
  "n_bent": _r["n_bent"], "n_lines": _r["n_lines"], "separable": _r["separable"], "same_line": _r["same_line"],
  "limits": list(square_limits(*_r["lines"], _r["points"])), "W": _s.W.tolist(), "b": _s.b.tolist(),
  "activation": _s.activation}}))"""


def kernel_state(page, key):
    return kernel_json(page, KERNEL_STATE.format(key=key))


def assert_page_is_the_kernels(page, key):
    """The bent paper and points, the counts, the verdicts, the limits and the headline are the state model's."""
    drawn, expected = canvas(page, key), kernel_state(page, key)
    frame = drawn["frame"]
    assert drawn["state"]["W"] == expected["W"] and drawn["state"]["b"] == expected["b"], key
    assert drawn["state"]["activation"] == expected["activation"], key
    assert np.allclose(np.array(frame["lines"], dtype=float), expected["lines"], rtol=0, atol=1e-9), key
    assert np.allclose(np.array(frame["points"], dtype=float), expected["points"], rtol=0, atol=1e-9), key
    for field in ("n_bent", "n_lines", "separable", "same_line"):
        assert frame[field] == expected[field], (key, field)
    assert np.allclose(frame["limits"], expected["limits"], rtol=1e-12, atol=1e-12), key
    assert " ".join(drawn["headline"].split()) == kernel_readout(page, key), key
    return drawn, expected


def wait_for_kernel(page, key, check, what):
    wait_until(page, lambda: kernel_state(page, key), check, f"the kernel never got {what}")


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)
    for key in ("plain", "unfolded", "random_tanh", "extreme"):  # to look at beside the kernel's PNG
        screenshot(page, key, f"bending_{key}")


def test_the_page_computes_what_the_state_model_computes(page):
    for key in CELLS:
        assert_page_is_the_kernels(page, key)
    assert canvas(page, "unfolded")["frame"]["separable"] is True
    assert canvas(page, "plain")["frame"]["separable"] is False


def test_random_states_set_in_the_kernel_are_drawn_as_nnlib_computes_them(page):
    # random layers, half of them with a weight or bias at 0 (ReLU then folds whole classes onto an axis)
    separable = set()
    for name in ("relu", "linear", "sigmoid"):
        key = f"random_{name}"
        for trial in range(6):
            kernel(page, f"""_w = shown[{key!r}]
with _w.hold_redraw():
    for _name in ('W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]', 'b[0]', 'b[1]'):
        _w.controls[_name].value = 0.0 if {trial} % 2 and rng.uniform() < 0.3 else round(float(rng.uniform(-2, 2)) / 0.05) * 0.05
    _w.controls['activation'].value = rng.choice(['relu', 'leaky_relu', 'linear', 'tanh', 'sigmoid'])""")
            expected = kernel_state(page, key)
            page.wait_for_function("([key, W, b, f]) => { const s = document.querySelector(`.nnlib-widget-${key} "
                                   "canvas`).nnlib.state; return s.activation === f && JSON.stringify(s.W) === "
                                   "JSON.stringify(W) && JSON.stringify(s.b) === JSON.stringify(b); }",
                                   arg=[key, expected["W"], expected["b"], expected["activation"]])
            drawn, _ = assert_page_is_the_kernels(page, key)
            separable.add(drawn["frame"]["separable"])
    assert separable == {True, False}, "the random states should include separable and inseparable ones"


def test_a_key_press_moves_the_picture_and_reaches_the_kernel(page):
    key = "plain"
    before = press(page, key, "W[1,0]", ["ArrowLeft", "ArrowLeft"])
    after = canvas(page, key)
    assert after["state"]["W"][1][0] == pytest.approx(before["state"]["W"][1][0] - 0.1)
    assert after["frame"]["points"] != before["frame"]["points"]
    wait_for_kernel(page, key, lambda s: s["W"][1][0] == pytest.approx(after["state"]["W"][1][0], abs=1e-12),
                    "the new weight")
    assert_page_is_the_kernels(page, key)


def test_the_activation_menu_moves_the_picture(page):
    key = "plain"
    before = canvas(page, key)
    page.locator(f".nnlib-widget-{key} select[name='activation']").select_option(label="linear")
    page.wait_for_function(f"() => document.querySelector('.nnlib-widget-{key} canvas').nnlib.state.activation "
                           "=== 'linear'")
    after = canvas(page, key)
    assert after["frame"]["n_bent"] == 0 and before["frame"]["n_bent"] > 0
    assert "All 18 grid lines are still straight" in after["headline"]
    wait_for_kernel(page, key, lambda s: s["activation"] == "linear", "the new activation")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "random_tanh"
    before, after = drag_followed(page, key, "b[1]", [0.5 - 0.02 * step for step in range(21)])
    assert after["state"]["b"][1] < before["state"]["b"][1]
    wait_for_kernel(page, key, lambda s: s["b"][1] == pytest.approx(after["state"]["b"][1], abs=1e-12),
                    "the dragged bias")
    assert_page_is_the_kernels(page, key)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    assert_drawn_while_the_kernel_is_busy(page, "random_leaky_relu", "W[0,1]", ["ArrowRight"], moved="points")


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "unfolded"
    polite_headline(page, key)
    first = canvas(page, key)
    assert "now separates the two classes" in first["label"] and "✅" in first["headline"]
    assert "Both neurons share one line z = 0" in first["headline"]
    before = press(page, key, "b[0]", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    expected = kernel_state(page, key)
    b = after["state"]["b"]
    assert f"b = [{b[0]:.2f}, {b[1]:.2f}]" in after["label"] and f"b = [{b[0]:.2f}, {b[1]:.2f}]" in after["headline"]
    bent = f"{expected['n_bent']} of {expected['n_lines']} grid lines" if expected["n_bent"] else "all 18 grid lines"
    assert bent in after["label"]
    verdict = "now separates" if expected["separable"] else "no straight line separates"
    assert verdict in after["label"]


def test_an_extreme_state_draws_numbers(page):
    key = "extreme"
    press(page, key, "W[0,0]", ["Home"])
    drawn, _ = assert_page_is_the_kernels(page, key)
    frame = drawn["frame"]
    assert all(v is not None and np.isfinite(v) for line in frame["lines"] for point in line for v in point)
    assert all(np.isfinite(v) for v in frame["limits"]) and frame["separable"] is None
    assert drawn["state"]["W"][0][0] == -50.0


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    assert_every_control_labelled(page)
    reached = tab_through(page, ".nnlib-widget-plain [name='W[0,0]']", 7)
    assert reached == ["W[0,0]", "W[1,0]", "b[0]", "W[0,1]", "W[1,1]", "b[1]", "activation"]
