"""The initialisation explorer, drawn in the browser (JupyterLab in headless Chromium): dragging the std, or another
start or activation, redraws the histograms, the activations' sizes, the gradients and the dead and saturated
counts in the page, computed there as nnlib.state.initialisation.FirstWeights computes them; the loss curve needs
training, so the kernel sends its numbers when they are ready and the headline says they are pending until then.
"""

import re

import numpy as np
import pytest

from nnlib.datasets import digits_split
from nnlib.state.initialisation import FirstWeights

from _page import (assert_drawn_with_kernel_picture_hidden, assert_every_control_labelled, canvas, drag_followed,
                   kernel, kernel_asleep, kernel_readout, polite_headline, press, screenshot, setup_cell, tab_through,
                   wait_until)

NAME = "browser_initialisation.ipynb"

SETUP = setup_cell()

CELLS = {
    "relu": "shown['relu'] = widgets.initialisation_explorer()\nshown['relu']",
    "tanh": ("shown['tanh'] = widgets.initialisation_explorer(init='normal', std=0.5, activation='tanh', "
             "hidden=(16,) * 6)\nshown['tanh']"),
    # changed in code before the page has drawn it (as Run All reaches 10's cell that sets the std in a loop)
    "set_early": ("shown['set_early'] = widgets.initialisation_explorer(hidden=(16,) * 4)\n"
                  "shown['set_early'].controls['std'].value = 0.5\nshown['set_early']"),
}
HIDDEN = {"relu": (32,) * 10, "tanh": (16,) * 6, "set_early": (16,) * 4}


_BATCH = {}
_STARTS = {}


def start_for(key, state):
    """nnlib's FirstWeights for the page's state (the widget's default batch: the first 200 training digits)."""
    if "X" not in _BATCH:
        X_train, _, y_train, _ = digits_split()
        _BATCH.update(X=X_train[:200], y=y_train[:200])
    if key not in _STARTS:
        X, y = _BATCH["X"], _BATCH["y"]
        _STARTS[key] = FirstWeights(X, y, [X.shape[1], *HIDDEN[key], 10], state["init"], state["std"],
                                    state["activation"])
    start = _STARTS[key]
    start.set(state["init"], state["std"], state["activation"])
    return start


def close(a, b):
    """Equal to 1e-9, relative for the large numbers; overflows (inf, nan) in the same places."""
    a = np.array([np.nan if v is None else v for v in np.ravel(a)], dtype=float)
    b = np.asarray(b, dtype=float).ravel()
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True)


def assert_page_is_nnlib(key, drawn):
    start = start_for(key, drawn["state"])
    frame, report = drawn["frame"], start.report
    for name in ("rms", "mean_abs_dW"):
        assert close(frame[name], report[name]), (key, name, frame[name], report[name])
    assert frame["dead"] == report["dead"] and frame["saturated"] == report["saturated"], key
    assert close(frame["histograms"], report["histograms"]), key
    assert frame["loss"] == pytest.approx(start.numbers["losses"][0], rel=1e-9, abs=1e-9) or \
        not np.isfinite(start.numbers["losses"][0]), key
    if frame["losses"] is not None:
        assert close(frame["losses"], start.numbers["losses"]), key
        assert frame["blew_up_at"] == start.numbers["blew_up_at"], key
    return start


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]\d+)?")


def same_headline(page_text, kernel_text):
    """The same words and numbers, except rounding noise: a gradient that is 0 up to rounding (a constant start
    makes every neuron of a layer alike, and their blame cancels) prints as whatever numpy's or the page's order of
    summing leaves, e.g. 4.2e-26 or 1.7e-25."""
    page_text, kernel_text = " ".join(page_text.split()), " ".join(kernel_text.split())
    if NUMBER.split(page_text) != NUMBER.split(kernel_text):
        return False
    return all(a == b or abs(float(a)) < 1e-15 and abs(float(b)) < 1e-15
               for a, b in zip(NUMBER.findall(page_text), NUMBER.findall(kernel_text)))


def set_in_kernel(page, key, **values):
    code = "; ".join(f"shown[{key!r}].controls[{name!r}].value = {value!r}" for name, value in values.items())
    kernel(page, f"with shown[{key!r}].hold_redraw():\n    " + code.replace("; ", "\n    "))


def wait_for_losses(page, key):
    page.wait_for_function(f"() => document.querySelector('.nnlib-widget-{key} canvas').nnlib.frame.losses !== null",
                           timeout=20_000)
    return canvas(page, key)


def test_the_explorer_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)
    for key in CELLS:  # to look at beside the kernel's PNG
        screenshot(page, key, f"initialisation_{key}", with_kernels=True)


def test_a_start_set_in_code_before_the_page_drew_still_gets_its_loss_curve(page):
    key = "set_early"
    drawn = wait_for_losses(page, key)
    assert drawn["state"]["std"] == 0.5
    assert_page_is_nnlib(key, drawn)
    assert same_headline(drawn["headline"], kernel_readout(page, key))


def test_the_page_computes_what_first_weights_computes_on_random_starts(page):
    rng = np.random.default_rng(3)
    from nnlib.state.initialisation import ACTIVATION_CHOICES, INITS, STDS

    for key in CELLS:
        drawn = wait_for_losses(page, key)
        assert_page_is_nnlib(key, drawn)
        for _ in range(4):
            values = {"init": str(rng.choice([v for _, v in INITS])), "std": float(rng.choice(STDS)),
                      "activation": str(rng.choice(ACTIVATION_CHOICES))}
            set_in_kernel(page, key, **values)
            page.wait_for_function("([key, v]) => { const s = document.querySelector(`.nnlib-widget-${key} canvas`)"
                                   ".nnlib.state; return s.init === v.init && s.std === v.std && "
                                   "s.activation === v.activation; }", arg=[key, values], timeout=10_000)
            drawn = wait_for_losses(page, key)
            assert_page_is_nnlib(key, drawn)
            assert same_headline(drawn["headline"], kernel_readout(page, key)), values


def test_dragging_the_std_redraws_at_once_and_the_loss_follows_from_the_kernel(page):
    key = "relu"
    set_in_kernel(page, key, init="normal", std=0.1, activation="relu")
    page.wait_for_function("key => document.querySelector(`.nnlib-widget-${key} canvas`).nnlib.state.std === 0.1 "
                           "&& document.querySelector(`.nnlib-widget-${key} canvas`).nnlib.state.init === 'normal'",
                           arg=key)
    before, after = drag_followed(page, key, "std", [0.3 + 0.05 * step for step in range(11)], pictures=3)
    assert after["state"]["std"] > before["state"]["std"]
    assert after["frame"]["rms"][-1] > before["frame"]["rms"][-1]  # a bigger std: bigger activations
    assert_page_is_nnlib(key, after)
    after = wait_for_losses(page, key)
    assert_page_is_nnlib(key, after)
    wait_until(page, lambda: kernel(page, f"print(shown[{key!r}].controls['std'].value)").strip(),
               lambda std: std == str(after["state"]["std"]), "the kernel never got the std")


def test_the_picture_moves_while_the_kernel_is_busy_and_says_the_loss_is_pending(page):
    key = "tanh"
    set_in_kernel(page, key, init="normal", std=0.01, activation="sigmoid")
    wait_for_losses(page, key)
    with kernel_asleep(page) as asleep:
        press(page, key, "std", ["ArrowRight"])
        assert asleep(), "the picture waited for the kernel"
        drawn = canvas(page, key)
        assert drawn["state"]["std"] == 0.02 and drawn["frame"]["losses"] is None
        assert "the loss after 50 steps is pending" in drawn["headline"] and "pending" in drawn["label"]
        assert_page_is_nnlib(key, drawn)
    drawn = wait_for_losses(page, key)
    assert "pending" not in drawn["headline"] and "after 50 steps" in drawn["headline"]
    assert same_headline(drawn["headline"], kernel_readout(page, key))


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "relu"
    headline = polite_headline(page, key)
    set_in_kernel(page, key, init="normal", std=0.5, activation="relu")
    before = wait_for_losses(page, key)
    page.locator(f".nnlib-widget-{key} select[name='activation']").select_option("sigmoid")
    page.wait_for_function("key => document.querySelector(`.nnlib-widget-${key} canvas`).nnlib.state.activation "
                           "=== 'sigmoid'", arg=key)
    after = wait_for_losses(page, key)
    assert after["label"] != before["label"] and "sigmoid" in after["label"]
    for v in after["frame"]["rms"][:2]:
        assert (f"{v:.2g}" if 1e-3 <= abs(v) < 1e4 else f"{v:.1e}") in after["label"]
    assert same_headline(headline.text_content(), kernel_readout(page, key))


def test_extreme_starts_draw_numbers(page):
    key = "relu"
    for values in ({"init": "constant", "std": 2.0, "activation": "relu"},
                   {"init": "normal", "std": 2.0, "activation": "leaky_relu"},
                   {"init": "zeros", "std": 2.0, "activation": "sigmoid"}):
        set_in_kernel(page, key, **values)
        page.wait_for_function("([key, v]) => { const s = document.querySelector(`.nnlib-widget-${key} canvas`)"
                               ".nnlib.state; return s.init === v.init && s.activation === v.activation; }",
                               arg=[key, values])
        drawn = wait_for_losses(page, key)
        assert_page_is_nnlib(key, drawn)
        assert "NaN" not in drawn["headline"] and "undefined" not in drawn["label"]
        assert same_headline(drawn["headline"], kernel_readout(page, key)), values
    assert page.locator(f".nnlib-widget-{key} input[name='std']").is_disabled()  # zeros: no std


def test_every_control_is_labelled_and_reachable_from_the_keyboard(page):
    assert_every_control_labelled(page)
    key = "tanh"
    reached = tab_through(page, f".nnlib-widget-{key} select[name='init']", 3)
    assert reached == ["init", "std", "activation"]
    text = page.locator(f".nnlib-widget-{key} input[name='std']").get_attribute("aria-valuetext")
    assert text == f"{canvas(page, key)['state']['std']:.2f}"
