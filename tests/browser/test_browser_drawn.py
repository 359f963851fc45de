"""The widgets drawn in the browser, in JupyterLab in headless Chromium: each renders, follows a key press and a drag
without waiting for the kernel (even a busy one), computes what nnlib computes, tells its picture in words, and
hands every change to the kernel, which keeps the state.
"""

import re

import numpy as np
import pytest

from nnlib import softmax
from nnlib.plots.activation import CURVES
from nnlib.widgets.neuron import neuron_output

from _page import (assert_drawn_while_the_kernel_is_busy, assert_drawn_with_kernel_picture_hidden,
                   assert_every_control_labelled, canvas, drag_followed, kernel_json, kernel_readout, polite_headline,
                   press, setup_cell, wait_until)

NAME = "browser_drawn.ipynb"
ACTIVATION_NAMES = list(CURVES)  # nnlib.ACTIVATIONS and 01's step

SETUP = setup_cell(seed=7, more="""\
X = rng.normal(0.0, 2.0, size=(120, 2))
y = (X[:, 0] - 0.5 * X[:, 1] > 0.3).astype(int)
""")

# One widget per cell. The random states are drawn in the kernel and printed, so the test knows them too.
CELLS = {
    "party": "shown['party'] = widgets.neuron_playground()\nshown['party']",
    **{f"plane_{name}": (f"w = rng.uniform(-3, 3, size=2); b = float(rng.uniform(-3, 3))\n"
                         f"shown['plane_{name}'] = widgets.neuron_playground(X, y, weights=w, bias=b, "
                         f"activation={name!r}, activations=[{name!r}])\nshown['plane_{name}']")
       for name in ACTIVATION_NAMES},
    # the ends of every range, and inputs that overflow a sigmoid: the picture must still be numbers
    "extreme": ("shown['extreme'] = widgets.neuron_playground(X * 1e3, y, weights=[5.0, -5.0], bias=10.0, "
                "activation='sigmoid', weight_range=(-5.0, 5.0), bias_range=(-10.0, 10.0))\nshown['extreme']"),
    **{f"curve_{name}": (f"w, b = rng.uniform(-3, 3), float(rng.uniform(-5, 5))\n"
                         f"shown['curve_{name}'] = widgets.activation_explorer({name!r}, w=w, b=b, "
                         f"activations=[{name!r}, 'relu'])\nshown['curve_{name}']")
       for name in ACTIVATION_NAMES},
    "softmax": ("shown['softmax'] = widgets.softmax_explorer([2.0, 1.0, 0.1], labels=['3', '5', '8'], "
                "temperature=1.0)\nshown['softmax']"),
    "softmax_tie": "shown['softmax_tie'] = widgets.softmax_explorer([5.0, 5.0, -5.0, 5.0])\nshown['softmax_tie']",
}
NEURONS = [key for key in CELLS if key.startswith(("party", "plane", "extreme"))]

def kernel_weights(page, key):
    return kernel_json(page, f"import json; c = shown[{key!r}].controls; "
                             "print(json.dumps([float(c[name].value) for name in ('w1', 'w2', 'b')]))")


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)


def test_the_page_computes_what_nnlib_computes(page):
    data = kernel_json(page, "import json; print(json.dumps({'X': X.tolist(), 'y': y.tolist()}))")
    X, y = np.array(data["X"]), np.array(data["y"])
    for name in ACTIVATION_NAMES:
        drawn = canvas(page, f"plane_{name}")
        w, b = np.array(drawn["state"]["w"]), drawn["state"]["b"]
        assert drawn["state"]["activation"] == name
        z, a = neuron_output(X, w, b, name)
        assert np.allclose(drawn["frame"]["z"], z, rtol=0, atol=1e-9), name
        assert np.allclose(drawn["frame"]["a"], a, rtol=0, atol=1e-9), name
        right = int(np.count_nonzero(np.where(y == 1, z > 1e-9, z < -1e-9)))
        assert drawn["frame"]["correct"] == right, name
        assert f"{right} of {len(y)}" in drawn["label"] or (right == len(y) and f"all {len(y)}" in drawn["label"])


def test_the_pages_activations_and_softmax_are_nnlibs(page):
    z = [-1000.0, -30.0, -5.0, -1.0, -1e-12, 0.0, 1e-12, 0.3, 1.0, 5.0, 30.0, 1000.0]
    logits = [[2.0, 1.0, 0.1], [1000.0, 0.0, -1000.0], [-3.0, -3.0, -3.0]]
    page_math = page.evaluate("""([z, logits]) => {
      const math = document.querySelector('.nnlib-browser canvas').nnlibMath;
      const out = {};
      for (const [name, record] of Object.entries(math.ACTIVATIONS))
        out[name] = {f: z.map(record.f), df: z.map(record.df), label: record.label, maxSlope: record.maxSlope};
      return {activations: out, softmax: logits.map(math.softmax)};
    }""", [z, logits])
    assert set(page_math["activations"]) == set(CURVES)
    for name, record in CURVES.items():
        drawn = page_math["activations"][name]
        assert np.allclose(drawn["f"], record.function(np.array(z)), rtol=1e-12, atol=1e-12), name
        assert np.allclose(drawn["df"], record.derivative(np.array(z)), rtol=1e-12, atol=1e-12), name
        assert drawn["label"] == record.label and drawn["maxSlope"] == record.max_slope, name
    assert np.allclose(page_math["softmax"], softmax(np.array(logits)), rtol=1e-12, atol=1e-15)


def test_the_activation_explorer_computes_and_tells_what_the_kernel_does(page):
    from nnlib.state.activation import ActivationState

    for name in ACTIVATION_NAMES:
        key = f"curve_{name}"
        drawn = canvas(page, key)
        state = drawn["state"]
        expected = ActivationState(state["activation"], state["w"], state["b"]).curve()
        for field in ("z", "a", "slope"):
            assert np.allclose(drawn["frame"][field], expected[field], rtol=0, atol=1e-9), (name, field)
        assert drawn["frame"]["zones"] == list(expected["zones"]), name
        assert drawn["frame"]["dead"] == pytest.approx(expected["dead"]), name
        headline = page.locator(f".nnlib-widget-{key} .nnlib-headline").text_content()
        assert " ".join(headline.split()) == kernel_readout(page, key), name


def test_softmax_in_the_page_is_nnlibs_and_names_a_tie(page):
    for key in ("softmax", "softmax_tie"):
        drawn = canvas(page, key)
        logits = np.array(drawn["frame"]["logits"]) / drawn["frame"]["temperature"]
        assert np.allclose(drawn["frame"]["probs"], softmax(logits), rtol=0, atol=1e-12)
        verdict = re.search(r"(most likely|a tie): .*$", kernel_readout(page, key)).group(0)
        assert verdict in drawn["label"], (verdict, drawn["label"])
    assert "a tie: class 1, class 2 and class 4 (33% each)" in canvas(page, "softmax_tie")["label"]
    before = press(page, "softmax", "T", ["ArrowLeft"] * 4)
    # four presses may take more than one frame to arrive: wait for the last one's picture
    page.wait_for_function("t => Math.abs(document.querySelector('.nnlib-widget-softmax canvas').nnlib.frame"
                           ".temperature - t) < 1e-9", arg=before["frame"]["temperature"] - 0.2)
    after = canvas(page, "softmax")
    assert after["frame"]["temperature"] == pytest.approx(before["frame"]["temperature"] - 0.2)
    assert max(after["frame"]["probs"]) > max(before["frame"]["probs"])  # a lower temperature sharpens


def test_an_extreme_state_draws_numbers(page):
    drawn = canvas(page, "extreme")
    assert all(v is not None and np.isfinite(v) for v in drawn["frame"]["a"]), "NaN in the picture's outputs"
    assert drawn["frame"]["n"] == 120


def test_a_key_press_moves_the_picture_and_reaches_the_kernel(page):
    before = press(page, "plane_sigmoid", "w1", ["ArrowRight", "ArrowRight"])
    page.wait_for_timeout(300)
    after = canvas(page, "plane_sigmoid")
    assert after["state"]["w"][0] != before["state"]["w"][0]
    assert after["label"] != before["label"] or after["frame"]["z"] != before["frame"]["z"]
    wait_until(page, lambda: kernel_weights(page, "plane_sigmoid")[0],
               lambda w1: w1 == pytest.approx(after["state"]["w"][0], abs=1e-12), "the kernel never got the new weight")


def test_the_party_bars_follow_an_input(page):
    before = press(page, "party", "x1", ["ArrowLeft"])
    after = canvas(page, "party")
    assert after["state"]["x"][0] == pytest.approx(before["state"]["x"][0] - 0.1)
    z, a = neuron_output(np.array(after["state"]["x"]), np.array(after["state"]["w"]), after["state"]["b"],
                         after["state"]["activation"])
    assert after["frame"]["z"] == pytest.approx(z, abs=1e-9) and after["frame"]["a"] == pytest.approx(a, abs=1e-9)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "plane_tanh"
    before, after = drag_followed(page, key, "b", [0.5 + 0.02 * step for step in range(21)])
    assert after["state"]["b"] > before["state"]["b"]
    page.wait_for_timeout(500)
    assert kernel_weights(page, key)[2] == pytest.approx(after["state"]["b"], abs=1e-12)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    assert_drawn_while_the_kernel_is_busy(page, "plane_relu", "w2", ["ArrowLeft"])


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "plane_linear"
    before = canvas(page, key)
    headline = polite_headline(page, key)
    press(page, key, "b", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    assert f"b = {after['state']['b']:.2f}" in after["label"]
    text = headline.text_content()
    assert "decision line" in text and f"{after['frame']['correct']} of" in text or "all 120" in text


def test_every_control_has_a_visible_label(page):
    assert_every_control_labelled(page)
