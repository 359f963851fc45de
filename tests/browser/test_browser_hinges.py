"""Hinges, drawn in the browser (JupyterLab in headless Chromium): every position and slope slider moves each hinge,
their sum and the error below, with the largest error as the headline, computed in the page as nnlib's Hinges
computes them; "Add a hinge" is the kernel's (it decides where the new hinge goes) and the page shows it; "Remove
the last" and a new target are shown at once; every change reaches the kernel.
"""

import numpy as np
import pytest

from _page import (assert_drawn_while_the_kernel_is_busy, assert_drawn_with_kernel_picture_hidden,
                   assert_every_control_labelled, canvas, drag_followed, kernel, kernel_json, kernel_readout,
                   polite_headline, press, screenshot, setup_cell, tab_through, wait_until)

NAME = "browser_hinges.ipynb"

SETUP = setup_cell(seed=13)

CELLS = {
    # 05's widget, as the notebook makes it
    "bump": "shown['bump'] = widgets.hinges('bump')\nshown['bump']",
    # random hinges on the sine
    "random": ("shown['random'] = widgets.hinges('sine', units=list(zip(rng.uniform(0, 6, 4), "
               "rng.uniform(-3, 3, 4))))\nshown['random']"),
    # a good fit: within the goal everywhere
    "close": ("shown['close'] = widgets.hinges('bump', max_units=12, units=[(-2.4, 0.04), (-2.0, 0.09), (-1.6, 0.26), "
              "(-1.2, 0.36), (-0.8, 0.12), (-0.4, -0.46), (0.0, -0.8), (0.4, -0.46), (0.8, 0.12), (1.2, 0.36), "
              "(1.6, 0.24), (2.0, 0.13)])\nshown['close']"),
    # every hinge at the steepest slope: the sum runs far off the axes, the picture must still be numbers
    "extreme": ("shown['extreme'] = widgets.hinges('bump', units=[(-3.0, 3.0)] * 8)\nshown['extreme']"),
}

# What the kernel's state model says: the target, the hinges, the sum and error, the largest error and where.
KERNEL_STATE = """import json
_w = shown[{key!r}]
_w.refresh()
_s = _w.state_model
print(json.dumps({{"target": _s.target, "units": [list(u) for u in _s.units], "sum": _s.numbers["sum"].tolist(),
  "error": _s.numbers["error"].tolist(), "largest_error": _s.largest_error, "worst_x": _s.worst_x}}))"""


def kernel_state(page, key):
    return kernel_json(page, KERNEL_STATE.format(key=key))


def assert_page_is_the_kernels(page, key):
    """The hinges, the sum, the error, the largest error and where, and the headline are the state model's."""
    drawn, expected = canvas(page, key), kernel_state(page, key)
    frame = drawn["frame"]
    assert drawn["state"]["target"] == expected["target"], key
    assert np.allclose(np.reshape(frame["units"], (-1, 2)), np.reshape(expected["units"], (-1, 2)), rtol=0,
                       atol=1e-12), key
    assert np.allclose(frame["sum"], expected["sum"], rtol=0, atol=1e-9), key
    assert np.allclose(frame["error"], expected["error"], rtol=0, atol=1e-9), key
    assert frame["largest_error"] == pytest.approx(expected["largest_error"], abs=1e-9), key
    assert frame["worst_x"] == pytest.approx(expected["worst_x"], abs=1e-9), key
    assert " ".join(drawn["headline"].split()) == kernel_readout(page, key), key
    return drawn, expected


def wait_for_kernel(page, key, check, what):
    wait_until(page, lambda: kernel_state(page, key), check, f"the kernel never got {what}")


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)
    for key in CELLS:  # to look at beside the kernel's PNG
        screenshot(page, key, f"hinges_{key}")


def test_the_page_computes_what_the_state_model_computes(page):
    for key in CELLS:
        assert_page_is_the_kernels(page, key)
    assert "within 0.05 everywhere" in canvas(page, "close")["headline"]


def test_only_the_sliders_of_the_hinges_in_use_show(page):
    for key, n in (("bump", 1), ("random", 4), ("extreme", 8)):
        shown = page.evaluate("key => [...document.querySelectorAll(`.nnlib-widget-${key} input`)]"
                              ".filter(i => i.offsetParent !== null).map(i => i.name)", key)
        # the positions in one column, the slopes in the next
        assert shown == [f"{name} {k}" for name in ("position", "slope") for k in range(1, n + 1)], (key, shown)


def test_random_states_set_in_the_kernel_are_drawn_as_nnlib_computes_them(page):
    key = "random"
    for trial in range(4):
        kernel(page, f"""_w = shown[{key!r}]
with _w.hold_redraw():
    for _k in range(1, len(_w.units) + 1):
        _w.controls[f'position {{_k}}'].value = round(float(rng.uniform(0, 6)), 2)
        _w.controls[f'slope {{_k}}'].value = round(float(rng.uniform(-3, 3)), 2)""")
        expected = kernel_state(page, key)
        page.wait_for_function("([key, units]) => JSON.stringify(document.querySelector(`.nnlib-widget-${key} "
                               "canvas`).nnlib.state.units) === JSON.stringify(units)", arg=[key, expected["units"]])
        assert_page_is_the_kernels(page, key)


def test_a_key_press_moves_the_picture_and_reaches_the_kernel(page):
    key = "bump"
    before = press(page, key, "slope 1", ["ArrowRight", "ArrowRight"])
    after = canvas(page, key)
    assert after["state"]["units"][0][1] == pytest.approx(before["state"]["units"][0][1] + 0.02)
    assert after["frame"]["largest_error"] != before["frame"]["largest_error"]
    wait_for_kernel(page, key, lambda s: s["units"][0][1] == pytest.approx(after["state"]["units"][0][1], abs=1e-12),
                    "the new slope")
    assert_page_is_the_kernels(page, key)


def test_add_a_hinge_is_placed_by_the_kernel_and_drawn_in_the_page(page):
    key = "bump"
    expected_position = float(kernel(page, "from nnlib.experiments import most_useful_position\n"
                                           "print(most_useful_position(shown['bump'].units, 'bump'))"))
    page.locator(f".nnlib-widget-{key} button", has_text="Add a hinge").click()
    page.wait_for_function(f"() => document.querySelector('.nnlib-widget-{key} canvas').nnlib.state.units.length "
                           "=== 2")
    drawn, expected = assert_page_is_the_kernels(page, key)
    assert drawn["state"]["units"][1] == [pytest.approx(expected_position), 0.0]
    assert drawn["headline"].startswith("2 hinges: largest error")
    assert page.locator(f".nnlib-widget-{key} input[name='slope 2']").is_visible()
    press(page, key, "slope 2", ["ArrowLeft"] * 5)
    wait_for_kernel(page, key, lambda s: s["units"][1][1] == pytest.approx(-0.05, abs=1e-12), "the new hinge's slope")
    assert_page_is_the_kernels(page, key)


def test_remove_the_last_is_shown_at_once_and_done_in_the_kernel(page):
    key = "random"
    before = canvas(page, key)
    n = len(before["state"]["units"])
    page.locator(f".nnlib-widget-{key} button", has_text="Remove the last").click()
    page.wait_for_function(f"n => document.querySelector('.nnlib-widget-{key} canvas').nnlib.state.units.length "
                           "=== n", arg=n - 1)
    wait_for_kernel(page, key, lambda s: len(s["units"]) == n - 1, "the removal")
    page.wait_for_timeout(300)
    assert len(canvas(page, key)["state"]["units"]) == n - 1
    assert_page_is_the_kernels(page, key)
    assert not page.locator(f".nnlib-widget-{key} input[name='slope {n}']").is_visible()


def test_a_new_target_starts_over_in_the_page_and_the_kernel(page):
    key = "close"
    page.locator(f".nnlib-widget-{key} select[name='target']").select_option(label="sine")
    page.wait_for_function(f"() => document.querySelector('.nnlib-widget-{key} canvas').nnlib.state.target "
                           "=== 'sine'")
    drawn = canvas(page, key)
    assert drawn["state"]["units"] == [[0.0, 1.0]]  # the sine's first hinge
    position = page.locator(f".nnlib-widget-{key} input[name='position 1']")
    assert float(position.get_attribute("max")) == pytest.approx(2 * np.pi)
    # (the kernel's own hidden slider may hand back 1.0 as -3 + 400 steps of 0.01: 0.9999999999999996)
    wait_for_kernel(page, key, lambda s: s["target"] == "sine" and np.allclose(s["units"], [[0.0, 1.0]], atol=1e-12),
                    "the new target")
    assert_page_is_the_kernels(page, key)
    press(page, key, "position 1", ["End"])
    wait_for_kernel(page, key, lambda s: s["units"][0][0] == pytest.approx(2 * np.pi, abs=0.05), "the position")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "extreme"
    # down 2 px into the slider (190 px wide), at its start, then rightwards
    before, after = drag_followed(page, key, "position 3", [2 / 190] + [0.03 * step for step in range(1, 21)])
    assert after["state"]["units"][2][0] > before["state"]["units"][2][0]
    wait_for_kernel(page, key, lambda s: s["units"][2][0] == pytest.approx(after["state"]["units"][2][0], abs=1e-12),
                    "the dragged position")
    assert_page_is_the_kernels(page, key)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    assert_drawn_while_the_kernel_is_busy(page, "random", "slope 1", ["ArrowLeft"], moved="sum")


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "random"
    headline = polite_headline(page, key)
    before = press(page, key, "position 1", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    expected = kernel_state(page, key)
    numbers = f"largest error {expected['largest_error']:.3f} at x = {expected['worst_x']:.2f}"
    assert numbers in headline.text_content() and numbers.replace("error", "") not in after["label"]
    assert f"largest {expected['largest_error']:.3f} at x = {expected['worst_x']:.2f}" in after["label"]
    for k, (position, slope) in enumerate(expected["units"], start=1):
        assert f"hinge {k} bends at x = {position:.2f} with slope {slope:.2f}" in after["label"]


def test_an_extreme_state_draws_numbers(page):
    key = "extreme"
    press(page, key, "slope 8", ["Home"])
    drawn, _ = assert_page_is_the_kernels(page, key)
    frame = drawn["frame"]
    assert all(v is not None and np.isfinite(v) for v in frame["sum"] + frame["error"])
    assert frame["largest_error"] > 50 and "the goal is 0.05 or less" in drawn["headline"]


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    assert_every_control_labelled(page)
    labels = page.evaluate("() => [...document.querySelectorAll('.nnlib-widget-random input')].slice(0, 4)"
                           ".map(i => i.labels[0].textContent)")
    assert labels == ["1: position", "2: position", "3: position", "4: position"] or \
        labels == ["1: position", "1: slope", "2: position", "2: slope"], labels
    reached = tab_through(page, ".nnlib-widget-extreme [name='target']", 5,
                          "() => document.activeElement.name || document.activeElement.textContent")
    assert reached == ["target", "add", "remove", "position 1", "position 2"], reached
