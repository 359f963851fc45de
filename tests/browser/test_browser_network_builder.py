"""The network builder, drawn in the browser (JupyterLab in headless Chromium): every weight and bias slider moves
the diagram (each neuron's output over the plane, one line per weight, dashed when negative) and the network's
output over the plane with its count of points on their class's side, computed in the page as nnlib's MLP and
BuilderState compute them; every change reaches the kernel.
"""

import numpy as np
import pytest

from _page import (assert_drawn_while_the_kernel_is_busy, assert_drawn_with_kernel_picture_hidden,
                   assert_every_control_labelled, canvas, drag_followed, kernel, kernel_json, kernel_readout,
                   polite_headline, press, screenshot, setup_cell, tab_through, wait_until)

NAME = "browser_network_builder.ipynb"
ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]

SETUP = setup_cell(seed=11)

CELLS = {
    # 05's builder, as the notebook makes it
    "xor": "shown['xor'] = widgets.network_builder('xor', activation='relu')\nshown['xor']",
    # random weights for every hidden activation, on a cloud of points
    **{f"random_{name}": (f"shown['random_{name}'] = widgets.network_builder('moons', hidden=3, activation={name!r}, "
                          "n_samples=60, weights=[rng.uniform(-4, 4, (2, 3)), rng.uniform(-4, 4, (3, 1))], "
                          f"biases=[rng.uniform(-4, 4, 3), rng.uniform(-4, 4, 1)])\nshown['random_{name}']")
       for name in ACTIVATIONS},
    # XOR solved: the headline says so
    "solved": ("shown['solved'] = widgets.network_builder('xor', weights=[[[6.0, -6.0], [6.0, -6.0]], [[8.0], [8.0]]], "
               "biases=[[-3.0, 9.0], [-12.0]])\nshown['solved']"),
    # every weight at an end of its range, six neurons that saturate: the picture must still be numbers
    "extreme": ("shown['extreme'] = widgets.network_builder('spirals', hidden=6, activation='linear', n_samples=80, "
                "weights=[np.full((2, 6), 10.0), np.full((6, 1), -10.0)], biases=[np.full(6, 10.0), [10.0]])\n"
                "shown['extreme']"),
}

# What the kernel's state model says: every neuron's map, the score, the weights and biases.
KERNEL_STATE = """import json
_s = shown[{key!r}].state_model
_score = _s.score()
print(json.dumps({{"maps": [m.reshape(len(m), -1).tolist() for m in _s.maps()],
  "probabilities": _score["probabilities"].tolist(), "correct": _score["correct"], "n": _score["n"],
  "true_class_probability": _score["true_class_probability"],
  "values": {{name: _s.get(name) for name, *_ in _s.parameters}}}}))"""


def kernel_state(page, key):
    return kernel_json(page, KERNEL_STATE.format(key=key))


def assert_page_is_the_kernels(page, key):
    """Every neuron's map, the probabilities, the count and the headline in the page are the state model's."""
    drawn, expected = canvas(page, key), kernel_state(page, key)
    frame = drawn["frame"]
    for layer, (page_maps, kernel_maps) in enumerate(zip(frame["maps"], expected["maps"], strict=True)):
        assert np.allclose(page_maps, kernel_maps, rtol=0, atol=1e-9), (key, layer)
    assert np.allclose(frame["probabilities"], expected["probabilities"], rtol=0, atol=1e-9), key
    assert frame["correct"] == expected["correct"] and frame["n"] == expected["n"], key
    assert frame["true_class_probability"] == pytest.approx(expected["true_class_probability"], abs=1e-9), key
    assert " ".join(drawn["headline"].split()) == kernel_readout(page, key), key
    return drawn, expected


def wait_for_kernel(page, key, name, value, what):
    wait_until(page, lambda: kernel_state(page, key)["values"][name], lambda v: v == pytest.approx(value, abs=1e-12),
               f"the kernel never got {what}")


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)
    for key in ("xor", "random_tanh", "extreme"):  # to look at beside the kernel's PNG
        screenshot(page, key, f"network_builder_{key}")


def test_the_page_computes_what_the_state_model_computes(page):
    for key in CELLS:
        assert_page_is_the_kernels(page, key)


def test_random_states_set_in_the_kernel_are_drawn_as_nnlib_computes_them(page):
    for name in ("relu", "sigmoid"):
        key = f"random_{name}"
        for trial in range(3):
            kernel(page, f"""_w = shown[{key!r}]
with _w.hold_redraw():
    for _name, _control in _w.controls.items():
        _control.value = round(float(rng.uniform(-10, 10)), 1)""")
            expected = kernel_state(page, key)["values"]
            page.wait_for_function("([key, values]) => { const c = document.querySelector(`.nnlib-widget-${key} "
                                   "canvas`); const v = c.nnlib.state.layers; return Math.abs(v[0].W[0][0] - "
                                   "values['W1[0,0]']) < 1e-12 && Math.abs(v[1].b[0] - values['b2[0]']) < 1e-12; }",
                                   arg=[key, expected])
            assert_page_is_the_kernels(page, key)


def test_the_solved_network_says_so(page):
    drawn, _ = assert_page_is_the_kernels(page, "solved")
    assert drawn["frame"]["all_correct"]
    assert drawn["headline"].startswith("✅ All 4 points classified correctly!")
    assert "all 4 points correct" in drawn["label"]


def test_a_key_press_moves_the_picture_and_reaches_the_kernel(page):
    key = "xor"
    before = press(page, key, "W1[0,0]", ["ArrowRight", "ArrowRight"])
    after = canvas(page, key)
    # the slider's steps are tenths: the page's slider starts at the starting weight rounded to one
    assert after["state"]["layers"][0]["W"][0][0] == pytest.approx(round(before["state"]["layers"][0]["W"][0][0], 1)
                                                                   + 0.2)
    assert after["frame"]["maps"][1] != before["frame"]["maps"][1]
    wait_for_kernel(page, key, "W1[0,0]", after["state"]["layers"][0]["W"][0][0], "the new weight")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "xor"
    before, after = drag_followed(page, key, "b2[0]", [0.5 + 0.02 * step for step in range(21)])
    assert after["state"]["layers"][1]["b"][0] > before["state"]["layers"][1]["b"][0]
    wait_for_kernel(page, key, "b2[0]", after["state"]["layers"][1]["b"][0], "the dragged bias")
    assert_page_is_the_kernels(page, key)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    assert_drawn_while_the_kernel_is_busy(page, "random_tanh", "W2[1,0]", ["ArrowLeft"], moved="probabilities")


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "random_leaky_relu"
    headline = polite_headline(page, key)
    before = press(page, key, "b2[0]", ["PageUp", "PageUp", "PageUp"])
    after = canvas(page, key)
    frame = after["frame"]
    assert after["label"] != before["label"] or after["headline"] != before["headline"]
    expected = kernel_state(page, key)
    count = f"{expected['correct']} of {expected['n']}"
    assert f"{count} points classified correctly" in headline.text_content()
    assert f"{count} points correct" in after["label"] or f"all {expected['n']}" in after["label"]
    assert f"probability of {expected['true_class_probability']:.2f}" in headline.text_content()
    assert f"probability of {frame['true_class_probability']:.2f}" in after["label"]
    assert "leaky ReLU" in after["label"] and "dashed when negative" in after["label"]
    weights = [(abs(w), w) for layer in after["state"]["layers"] for row in layer["W"] for w in row]
    assert f"{max(weights)[1]:.1f})" in after["label"]  # the strongest weight


def test_an_extreme_state_draws_numbers(page):
    key = "extreme"
    press(page, key, "W1[1,5]", ["Home"])
    drawn, _ = assert_page_is_the_kernels(page, key)
    frame = drawn["frame"]
    for layer in frame["maps"]:
        assert all(v is not None and np.isfinite(v) for neuron in layer for v in neuron)
    assert all(v is not None and np.isfinite(v) for v in frame["probabilities"])
    assert drawn["state"]["layers"][0]["W"][1][5] == -10.0


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    assert_every_control_labelled(page)
    labels = page.evaluate("() => [...document.querySelectorAll('.nnlib-widget-xor input')].map(i => i.labels[0]"
                           ".textContent)")
    assert labels == ["x1 → h1", "x2 → h1", "bias h1", "x1 → h2", "x2 → h2", "bias h2", "h1 → out", "h2 → out",
                      "bias out"]
    reached = tab_through(page, ".nnlib-widget-xor [name='W1[0,0]']", 9)
    assert reached == ["W1[0,0]", "W1[1,0]", "b1[0]", "W1[0,1]", "W1[1,1]", "b1[1]", "W2[0,0]", "W2[1,0]", "b2[0]"]
