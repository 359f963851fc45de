"""The pixel neuron explorer, drawn in the browser (JupyterLab in headless Chromium): the knobs, the digit and the
example move the four panels in the page (pixels, weights, products, each digit's average z with dashed outlines
where the knobs started), computed there as nnlib's state model computes them, and every change reaches the kernel.
"""

import numpy as np
import pytest

from _page import (assert_drawn_while_the_kernel_is_busy, assert_drawn_with_kernel_picture_hidden,
                   assert_every_control_labelled, canvas, drag_followed, kernel, kernel_json, kernel_readout,
                   polite_headline, press, setup_cell, tab_through, wait_until)

NAME = "browser_pixel_neuron.ipynb"

SETUP = setup_cell(seed=5, more="""\
digits = nnlib.load_digits()
top_row = np.zeros((8, 8)); top_row[0, 2:7] = 1
gap_below = np.zeros((8, 8)); gap_below[2, 3:6] = 1
""")

CELLS = {
    # 01's explorer, as the notebook makes it
    "knobs": ("shown['knobs'] = widgets.pixel_neuron_explorer(digits.images, digits.y, knobs={'top row': top_row, "
              "'gap below': gap_below}, values={'top row': 1.0, 'gap below': -1.0}, digit=5, example=1)\n"
              "shown['knobs']"),
    # 08's: fixed weights (a hidden neuron's), no knobs
    "fixed": ("shown['fixed'] = widgets.pixel_neuron_explorer(digits.images, digits.y, "
              "weights=rng.normal(0, 1, (8, 8)), digit=1)\nshown['fixed']"),
    # random knobs over random base weights
    "random": ("shown['random'] = widgets.pixel_neuron_explorer(digits.images, digits.y, weights=rng.normal(0, 0.5, "
               "(8, 8)), knobs={'a': rng.normal(0, 1, (8, 8)), 'b': (rng.uniform(size=(8, 8)) > 0.5) * 1.0}, "
               "values={'a': 0.35, 'b': -1.2}, digit=3, example=7)\nshown['random']"),
    # images that are not 16ths (sent as plain numbers), weights far out: the picture must still be numbers
    "extreme": ("shown['extreme'] = widgets.pixel_neuron_explorer(digits.images[:300] ** 1.5 * 3, digits.y[:300], "
                "weights=np.full((8, 8), 1e6), knobs={'all': np.ones((8, 8))}, values={'all': -2.0}, "
                "knob_range=(-2.0, 2.0), digit=9)\nshown['extreme']"),
}

# What the kernel's state model says for a widget: its weights, the image shown, and each class's average z.
KERNEL_STATE = """import json
_w = shown[{key!r}]
_s = _w.state_model
print(json.dumps({{"weights": _s.weights().ravel().tolist(), "index": _s.index(), "means": _s.class_means().tolist(),
  "reference": None if _w.start is None else _s.class_means(_w.start).tolist(), "digit": int(_s.digit),
  "example": int(_s.example), "example_max": _w.controls["example"].max,
  "values": {{name: float(v) for name, v in _s.values.items()}},
  "z": float((_w.view.images[_s.index()] * _s.weights()).sum()),
  "products": (_w.view.images[_s.index()] * _s.weights()).ravel().tolist(),
  "pixels": _w.view.images[_s.index()].ravel().tolist()}}))"""


def kernel_state(page, key):
    return kernel_json(page, KERNEL_STATE.format(key=key))


def assert_page_is_the_kernels(page, key):
    """The page's weights, image, products, z and averages are the state model's, and its headline the readout
    (once the kernel has the page's knobs, digit and example: they reach it a round trip after the page drew)."""
    drawn = canvas(page, key)
    shown = drawn["state"]
    wait_for_kernel(page, key, lambda s: s["digit"] == shown["digit"] and s["example"] == shown["example"] and all(
        s["values"][name] == pytest.approx(value, abs=1e-12) for name, value in shown["knobs"].items()),
        "the page's state")
    expected = kernel_state(page, key)
    frame = drawn["frame"]
    assert np.allclose(frame["weights"], expected["weights"], rtol=0, atol=1e-9), key
    assert frame["index"] == expected["index"] and drawn["state"]["example"] == expected["example"], key
    assert np.allclose(frame["pixels"], expected["pixels"], rtol=0, atol=0), key
    assert np.allclose(frame["products"], expected["products"], rtol=0, atol=1e-9), key
    assert frame["z"] == pytest.approx(expected["z"], rel=1e-12, abs=1e-9), key
    assert np.allclose(frame["means"], expected["means"], rtol=1e-12, atol=1e-9), key
    if expected["reference"] is None:
        assert frame["reference_means"] is None
    else:
        assert np.allclose(frame["reference_means"], expected["reference"], rtol=1e-12, atol=1e-9), key
        assert frame["moved"] == (not np.allclose(expected["reference"], expected["means"]))
    assert drawn["headline"] == kernel_readout(page, key), key
    return drawn, expected


def wait_for_kernel(page, key, check, what):
    def failure(state):
        shown = {name: value for name, value in canvas(page, key)["state"].items() if name != "weights"}
        return (f"the kernel never got {what}: it has digit {state['digit']}, example {state['example']}, knobs "
                f"{state['values']}; the page: {shown}")

    wait_until(page, lambda: kernel_state(page, key), check, failure, seconds=20)


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)


def test_the_images_travel_compactly(page):
    sent = kernel_json(page, "import json; print(json.dumps({k: {n: v for n, v in w.browser.spec['images']"
                             ".items() if n != 'values' and n != 'base64'} for k, w in shown.items()}))")
    assert sent["knobs"]["scale"] == 16  # the digits' pixels are 16ths: a byte each
    assert "scale" not in sent["extreme"]  # any other numbers go as they are
    size = kernel_json(page, "print(len(json.dumps(shown['knobs'].browser.spec['images'])))")
    assert size < 1.4 * 1797 * 64  # base64: 4 characters for 3 pixels


def test_the_page_computes_what_the_state_model_computes(page):
    for key in CELLS:
        assert_page_is_the_kernels(page, key)


def test_random_states_set_in_the_kernel_are_drawn_as_nnlib_computes_them(page):
    for key in ("random", "knobs"):
        for trial in range(4):
            kernel(page, f"""_w = shown[{key!r}]
_w.controls['digit'].value = int(rng.integers(0, 10))
_w.controls['example'].value = int(rng.integers(0, _w.controls['example'].max + 1))
for _name in _w.knobs:
    _w.controls[_name].value = round(float(rng.uniform(-2, 2)) / 0.05) * 0.05""")
            expected = kernel_state(page, key)
            page.wait_for_function("([key, index, values]) => { const c = document.querySelector("
                                   "`.nnlib-widget-${key} canvas`); return c.nnlib.frame.index === index && "
                                   "Object.entries(values).every(([n, v]) => Math.abs(c.nnlib.state.knobs[n] - v) "
                                   "< 1e-12); }", arg=[key, expected["index"], expected["values"]])
            assert_page_is_the_kernels(page, key)


def test_a_key_press_moves_the_picture_and_reaches_the_kernel(page):
    key = "knobs"
    before = press(page, key, "top row", ["ArrowLeft", "ArrowLeft"])
    after = canvas(page, key)
    assert after["state"]["knobs"]["top row"] == pytest.approx(before["state"]["knobs"]["top row"] - 0.1)
    assert after["frame"]["z"] != before["frame"]["z"] and after["label"] != before["label"]
    wait_for_kernel(page, key, lambda s: s["values"]["top row"] == pytest.approx(after["state"]["knobs"]["top row"],
                                                                                 abs=1e-12), "the new knob value")
    assert_page_is_the_kernels(page, key)


def test_a_new_digit_starts_at_its_first_example_in_the_page_and_the_kernel(page):
    key = "random"
    press(page, key, "example", ["End"])  # the last example of the digit shown
    drawn = canvas(page, key)
    assert drawn["state"]["example"] == drawn["frame"]["count"] - 1
    wait_for_kernel(page, key, lambda s: s["example"] == drawn["state"]["example"], "the last example")
    # another digit than the one shown (earlier tests may leave a 4): until the page draws the choice, its last
    # picture is of the digit before, so waiting for the new digit waits for the drawing of the choice
    digit = 4 if drawn["state"]["digit"] != 4 else 3
    page.locator(f".nnlib-widget-{key} select[name='digit']").select_option(label=str(digit))
    page.wait_for_function(f"() => document.querySelector('.nnlib-widget-{key} canvas').nnlib.state.digit === {digit}")
    drawn = canvas(page, key)
    assert drawn["state"]["example"] == 0 and drawn["frame"]["label"] == digit
    example_max = page.locator(f".nnlib-widget-{key} input[name='example']").get_attribute("max")
    assert int(example_max) == drawn["frame"]["count"] - 1
    wait_for_kernel(page, key, lambda s: s["digit"] == digit and s["example"] == 0, "the new digit")
    assert kernel_state(page, key)["example_max"] == int(example_max)
    press(page, key, "example", ["ArrowRight", "ArrowRight", "ArrowRight"])
    wait_for_kernel(page, key, lambda s: s["example"] == 3, "the example")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "knobs"
    before, after = drag_followed(page, key, "gap below", [0.3 + 0.03 * step for step in range(21)])
    assert after["state"]["knobs"]["gap below"] > before["state"]["knobs"]["gap below"]
    wait_for_kernel(page, key, lambda s: s["values"]["gap below"] == pytest.approx(
        after["state"]["knobs"]["gap below"], abs=1e-12), "the dragged value")


def test_the_picture_moves_while_the_kernel_is_busy(page):
    assert_drawn_while_the_kernel_is_busy(page, "fixed", "example", ["ArrowRight"], moved="index")


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "knobs"
    headline = polite_headline(page, key)
    before = press(page, key, "top row", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    frame = after["frame"]
    z = kernel_state(page, key)["z"]
    assert f"z = {z:.2f}" in after["label"] and f"products = {z:.2f} for this" in headline.text_content()
    for digit, mean in zip(range(10), frame["means"]):
        assert f"{digit}: {mean:.2f}" in after["label"]
    assert f"pixels of a {frame['label']}" in after["label"].lower()
    assert ("dashed outlines" in after["label"]) == frame["moved"]
    assert f"{sum(w > 0 for w in frame['weights'])} positive" in after["label"]


def test_an_extreme_state_draws_numbers(page):
    key = "extreme"
    press(page, key, "all", ["End"])
    for key in ("extreme",):
        drawn, _ = assert_page_is_the_kernels(page, key)
        frame = drawn["frame"]
        assert all(np.isfinite(v) for v in frame["means"] + frame["products"] + [frame["z"], frame["limit"]])
        assert frame["limit"] >= abs(frame["z"])


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    assert_every_control_labelled(page)
    reached = tab_through(page, ".nnlib-widget-knobs [name='top row']", 4)
    assert reached == ["top row", "gap below", "digit", "example"], reached
