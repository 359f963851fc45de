"""The graph explorer, drawn in the browser (JupyterLab in headless Chromium): the sliders and Step back / Reset /
All grads move the picture in the page, whose forward pass and grads are nnlib.autograd's (nn.js's Value
operations), and every change reaches the kernel's GraphBackprop.
"""

import math
import re

import numpy as np
import pytest

from nnlib.autograd import Value
from nnlib.state.graph import GraphBackprop

from _page import (assert_drawn_with_kernel_picture_hidden, assert_every_control_labelled, canvas, drag_followed,
                   kernel, kernel_asleep, kernel_json, polite_headline, press, screenshot, setup_cell, tab_through,
                   wait_until)

NAME = "browser_graph.ipynb"

# Every operation Value has, in one function (the test builds the same graph to compare).
EVERY_OP = ("lambda a, b, c: ((a * b + a).tanh() - (b / (a * a + 1)).exp() + (c.sigmoid() * 2) ** 2 - b.relu() "
            "+ (-c) * (a * a + 1).log() + (b - 3) / 2) ** 3")
# Far ends: a sigmoid of 3000 and exp(690), next to the largest a float holds.
EXTREME = "lambda a, b: ((a * 1000).sigmoid() + (b * 230).exp()).log() * a"
FUNCTIONS = {"every_op": eval(EVERY_OP), "extreme": eval(EXTREME)}

SETUP = setup_cell(seed=9)

CELLS = {
    "expression": "shown['expression'] = widgets.graph_explorer('expression')\nshown['expression']",
    "neuron": "shown['neuron'] = widgets.graph_explorer('neuron', steps=3)\nshown['neuron']",
    "network": ("inputs = {n: float(np.round(rng.uniform(-3, 3), 2)) for n in "
                "['x1', 'x2', 'W1_11', 'W1_12', 'W1_21', 'W1_22', 'W2_1', 'W2_2']}\n"
                "shown['network'] = widgets.graph_explorer('network', steps=int(rng.integers(0, 28)), **inputs)\n"
                "shown['network']"),
    "every_op": (f"shown['every_op'] = widgets.graph_explorer({EVERY_OP}, steps=int(rng.integers(1, 30)), "
                 "a=float(rng.uniform(-3, 3)), b=float(rng.uniform(-3, 3)), c=float(rng.uniform(-3, 3)))\n"
                 "shown['every_op']"),
    "extreme": f"shown['extreme'] = widgets.graph_explorer({EXTREME}, steps=99, a=3.0, b=3.0)\nshown['extreme']",
}
NAMED = ("expression", "neuron", "network")

def kernel_state(page, key):
    """The kernel's GraphBackprop: its inputs and steps, and its readout as text."""
    return kernel_json(page, f"import json, re, html; _w = shown[{key!r}]; _w.refresh(); _s = _w.state_model\n"
                             "print(json.dumps({'inputs': _s.inputs, 'steps': _s.steps, 'readout': "
                             "html.unescape(re.sub('<[^>]+>', '', _w.readout.value))}))")


def walk_for(key, state):
    """The GraphBackprop nnlib makes for the page's state."""
    if key in NAMED:
        return GraphBackprop.named(key, state["steps"], **state["inputs"])
    return GraphBackprop.of(FUNCTIONS[key], state["steps"], **state["inputs"])


def same(a, b):
    """Numbers equal to 1e-9 (relative for the large ones); infinities and NaNs in the same places."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=1e-9, equal_nan=True)


def assert_page_is_nnlib(key, drawn):
    walk = walk_for(key, drawn["state"])
    frame, numbers = drawn["frame"], walk.numbers
    assert same(frame["data"], [v.data for v in walk.order]), key
    assert same(frame["all_grads"], [v.grad for v in walk.order]), key
    assert [g is None for g in frame["grads"]] == [g is None for g in numbers["grads"]], key
    assert same([g for g in frame["grads"] if g is not None], [g for g in numbers["grads"] if g is not None]), key
    assert frame["output"] == pytest.approx(numbers["output"], rel=1e-12, abs=1e-9), key
    assert frame["values"].keys() == numbers["values"].keys(), key
    for name in numbers["leaf_grads"]:
        assert same(frame["leaf_grads"][name], numbers["leaf_grads"][name]), (key, name)
        assert same(frame["values"][name], numbers["values"][name]), (key, name)
    assert (frame["steps"], frame["n_nodes"], frame["node"], frame["summed"]) == \
        (numbers["steps"], numbers["n_nodes"], numbers["node"], numbers["summed"]), key
    assert [tuple(e) for e in frame["summed_edges"]] == [tuple(e) for e in numbers["summed_edges"]], key
    if numbers["terms"] is None:
        assert frame["terms"] is None, key
    else:
        assert [t[0] for t in frame["terms"]] == [t[0] for t in numbers["terms"]], key
        assert same([t[1:] for t in frame["terms"]], [t[1:] for t in numbers["terms"]]), key
    return walk


def headline_of(walk):
    import html

    return " ".join(html.unescape(re.sub("<[^>]+>", "", walk.headline())).split())


def test_every_graph_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS)
    for key in ("network", "every_op"):  # to look at beside the kernel's PNG
        screenshot(page, key, f"graph_{key}", with_kernels=True)


def test_the_pages_forward_pass_and_grads_are_nnlibs(page):
    for key in CELLS:
        drawn = canvas(page, key)
        assert drawn["state"]["inputs"] == kernel_state(page, key)["inputs"], key
        walk = assert_page_is_nnlib(key, drawn)
        assert " ".join(drawn["headline"].split()) == headline_of(walk), key


def test_the_pages_value_operations_are_nnlib_autograds(page):
    numbers = [-3.0, -1.5, -0.2, 0.0, 1e-9, 0.4, 1.0, 2.5, 30.0]
    ops = ["+", "-", "*", "/", "**2", "**3", "**0.5", "**-1", "neg", "relu", "tanh", "sigmoid", "exp", "log"]
    pairs = [(a, b) for a in numbers for b in numbers]
    page_ops = page.evaluate("""([ops, pairs]) => {
      const math = document.querySelector('.nnlib-browser canvas').nnlibMath;
      const out = {};
      for (const op of ops) out[op] = pairs.map(([a, b]) => {
        try { return math.valueOp(op, [a, b]); } catch (error) { return String(error); }
      });
      return out;
    }""", [ops, pairs])
    checked = 0
    for op in ops:
        for (a, b), drawn in zip(pairs, page_ops[op]):
            x, y = Value(a), Value(b)
            try:
                if op.startswith("**"):
                    out = x ** float(op[2:])
                elif op in ("+", "-", "*", "/"):
                    out = {"+": x + y, "-": x - y, "*": x * y, "/": x / y if b != 0 else None}[op]
                else:
                    out = getattr(x, {"neg": "__neg__"}.get(op, op))()
            except (ValueError, ZeroDivisionError, OverflowError):
                continue  # nnlib refuses these (the page draws no number there: see the headline test)
            if out is None:
                continue
            assert drawn["data"] == pytest.approx(out.data, rel=1e-12, abs=1e-12), (op, a, b)
            assert same(drawn["slopes"], list(out.local_slopes)), (op, a, b, drawn["slopes"], out.local_slopes)
            checked += 1
    assert checked > 900


def _kernel_reaches(page, key, check):
    wait_until(page, lambda: kernel_state(page, key), check, f"{key}: the kernel never got the page's state")


def test_step_back_from_the_keyboard_fills_in_grads_in_the_page_and_the_kernel(page):
    key = "expression"
    assert canvas(page, key)["frame"]["steps"] == 0
    press(page, key, "step", ["Enter"])
    press(page, key, "step", [" "])
    after = canvas(page, key)
    assert after["frame"]["steps"] == 2 and after["frame"]["grads"][-1] == 1.0
    walk = assert_page_is_nnlib(key, after)
    _kernel_reaches(page, key, lambda s: s["steps"] == 2)
    assert " ".join(after["headline"].split()) == kernel_state(page, key)["readout"] == headline_of(walk)
    press(page, key, "all", ["Enter"])
    after = canvas(page, key)
    assert after["frame"]["steps"] == after["frame"]["n_nodes"] and "Every grad is in." in after["headline"]
    # x is used twice: both of its edges orange, its grad y + 1
    assert len(after["frame"]["summed_edges"]) == 2
    assert after["frame"]["leaf_grads"]["x"] == pytest.approx(after["state"]["inputs"]["y"] + 1)
    press(page, key, "reset", ["Enter"])
    assert canvas(page, key)["frame"]["steps"] == 0
    _kernel_reaches(page, key, lambda s: s["steps"] == 0)


def test_a_key_press_on_a_slider_moves_the_picture_and_reaches_the_kernel(page):
    key = "neuron"
    before = press(page, key, "w", ["ArrowRight", "ArrowRight"])
    page.wait_for_timeout(200)
    after = canvas(page, key)
    assert after["state"]["inputs"]["w"] == pytest.approx(before["state"]["inputs"]["w"] + 0.1)
    assert after["state"]["steps"] == before["state"]["steps"] == 3  # the steps taken stay taken
    assert after["frame"]["output"] != before["frame"]["output"] and after["label"] != before["label"]
    assert_page_is_nnlib(key, after)
    _kernel_reaches(page, key, lambda s: s["inputs"]["w"] == pytest.approx(after["state"]["inputs"]["w"], abs=1e-12))


def test_the_kernel_changes_reach_the_page(page):
    key = "network"
    kernel(page, f"shown[{key!r}].controls['all'].click(); shown[{key!r}].controls['x1'].value = -1.5")
    page.wait_for_function("key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`).nnlib; "
                           "return c.state.inputs.x1 === -1.5 && c.frame.steps === 28; }", arg=key, timeout=10_000)
    assert_page_is_nnlib(key, canvas(page, key))


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "network"
    before, after = drag_followed(page, key, "W2_1", [0.3 + 0.03 * step for step in range(21)])
    assert after["state"]["inputs"]["W2_1"] > before["state"]["inputs"]["W2_1"]
    assert_page_is_nnlib(key, after)
    _kernel_reaches(page, key, lambda s: s["inputs"]["W2_1"] == pytest.approx(after["state"]["inputs"]["W2_1"]))


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "every_op"
    with kernel_asleep(page) as asleep:
        before = press(page, key, "step", ["Enter"])
        press(page, key, "c", ["ArrowLeft"])
        assert asleep(), "the picture waited for the kernel"
        after = canvas(page, key)
        assert after["frame"]["steps"] == min(before["frame"]["steps"] + 1, after["frame"]["n_nodes"])
    assert_page_is_nnlib(key, after)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "expression"
    headline = polite_headline(page, key)
    before = press(page, key, "x", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    x = after["state"]["inputs"]["x"]
    assert f"x = {x:.4g}" in after["label"] and "output" in after["label"]
    assert f"the output is {after['frame']['output']:.4f}" in headline.text_content()
    press(page, key, "step", ["Enter"])
    drawn = canvas(page, key)
    assert f"1 of {drawn['frame']['n_nodes']} grads filled in" in drawn["label"] and "(+: 1)" in drawn["label"]


def test_an_extreme_graph_draws_numbers(page):
    drawn = canvas(page, "extreme")
    assert all(math.isfinite(v) for v in drawn["frame"]["data"] + drawn["frame"]["all_grads"])
    assert drawn["frame"]["steps"] == drawn["frame"]["n_nodes"]
    assert_page_is_nnlib("extreme", drawn)
    assert "nan" not in drawn["label"] and "inf" not in drawn["label"]


def test_every_control_is_labelled_and_reachable_from_the_keyboard(page):
    assert_every_control_labelled(page)
    nameless = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser button')]
      .filter(b => !b.textContent.trim()).length""")
    assert nameless == 0
    # Tab from the first control of the network's explorer reaches every one of its controls
    names = page.evaluate("""() => [...document.querySelectorAll('.nnlib-widget-network input, """
                          """.nnlib-widget-network button')].map(c => c.name)""")
    reached = set(tab_through(page, ".nnlib-widget-network button[name='step']", len(names)))
    assert reached == set(names), (names, reached)
