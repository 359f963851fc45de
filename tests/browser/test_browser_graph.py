"""The graph explorer, drawn in the browser (JupyterLab in headless Chromium): the sliders and Step back / Reset /
All grads move the picture in the page, whose forward pass and grads are nnlib.autograd's (nn.js's Value
operations), and every change reaches the kernel's GraphBackprop.

The notebook is written by the test (one widget per cell, in browser drawing) and run once; every test reads the
page. What each canvas computed is exposed on it as `canvas.nnlib` ({state, frame, drawn}).
"""

import json
import math
import re
import time

import nbformat
import numpy as np
import pytest

from nnlib.autograd import Value
from nnlib.state.graph import GraphBackprop

from conftest import SCREENSHOTS
from test_browser_drawn import KERNEL_RUN
from test_in_browser import NOTEBOOK_STATE, RUN_FINISHED, _menu, _open

NAME = "browser_graph.ipynb"
SEED = 9

# Every operation Value has, in one function (the test builds the same graph to compare).
EVERY_OP = ("lambda a, b, c: ((a * b + a).tanh() - (b / (a * a + 1)).exp() + (c.sigmoid() * 2) ** 2 - b.relu() "
            "+ (-c) * (a * a + 1).log() + (b - 3) / 2) ** 3")
# Far ends: a sigmoid of 3000 and exp(690), next to the largest a float holds.
EXTREME = "lambda a, b: ((a * 1000).sigmoid() + (b * 230).exp()).log() * a"
FUNCTIONS = {"every_op": eval(EVERY_OP), "extreme": eval(EXTREME)}

SETUP = f"""\
import numpy as np
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
shown = {{}}
"""

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

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"


@pytest.fixture(scope="module")
def page(request):
    from conftest import skip_reason

    if skip_reason():
        pytest.skip(skip_reason())
    lab, browser = request.getfixturevalue("lab"), request.getfixturevalue("browser")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(SETUP)] + [nbformat.v4.new_code_cell(code) for code in CELLS.values()]
    nbformat.write(nb, lab.root / NAME)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _open(page, lab, NAME)
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(RUN_FINISHED, timeout=240_000, polling=100)
    state = page.evaluate(NOTEBOOK_STATE)
    failed = [error for cell in state["cells"] for error in cell.get("errors", [])]
    assert not failed, f"the test notebook failed: {failed}"
    page.wait_for_function(f"() => document.querySelectorAll('.nnlib-browser canvas').length >= {len(CELLS)}",
                           timeout=30_000)
    page.evaluate("""keys => {
      const views = [...document.querySelectorAll('.nnlib-browser')];
      views.forEach((view, i) => view.classList.add('nnlib-widget-' + keys[i]));
    }""", list(CELLS))
    page.wait_for_function("() => [...document.querySelectorAll('.nnlib-browser canvas')].every(c => c.nnlib)")
    yield page
    assert not errors, f"errors in the page: {errors}"
    context.close()
    lab.shut_down_kernels()


def kernel(page, code):
    out = page.evaluate(KERNEL_RUN, code)
    assert "ERROR" not in out, out
    return out


def canvas(page, key):
    return page.evaluate(CANVAS, key)


def kernel_state(page, key):
    """The kernel's GraphBackprop: its inputs and steps, and its readout as text."""
    out = kernel(page, f"import json, re, html; _w = shown[{key!r}]; _w.refresh(); _s = _w.state_model\n"
                       "print(json.dumps({'inputs': _s.inputs, 'steps': _s.steps, 'readout': "
                       "html.unescape(re.sub('<[^>]+>', '', _w.readout.value))}))")
    return json.loads(out)


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
    for key in CELLS:
        drawn = canvas(page, key)
        assert drawn is not None and drawn["drawn"] >= 1, f"{key}: nothing drawn in the page"
        # the kernel hides its picture once it hears the page has drawn (a round trip later)
        page.wait_for_function(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img')].every(img => img.offsetParent === null)", arg=key, timeout=20_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for key in ("network", "every_op"):  # to look at beside the kernel's PNG
        widget = page.locator(f".nnlib-widget-{key}")
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=str(SCREENSHOTS / f"graph_{key}.png"))
        kernel(page, f"open({str(SCREENSHOTS / f'graph_{key}_kernel.png')!r}, 'wb').write(shown[{key!r}].render())")


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


def _press(page, key, control, keys):
    before = canvas(page, key)
    handle = page.locator(f".nnlib-widget-{key} [name='{control}']")
    handle.focus()
    for k in keys:
        page.keyboard.press(k)
    page.wait_for_function(f"n => document.querySelector('.nnlib-widget-{key} canvas').nnlib.drawn > n",
                           arg=before["drawn"])
    # every press is drawn by a frame after the last one (the page redraws once per frame, with the latest
    # values): wait until no new picture comes for a few frames
    page.evaluate("""async key => {
      const canvas = document.querySelector(`.nnlib-widget-${key} canvas`);
      const frames = n => new Promise(r => { const step = k => k ? requestAnimationFrame(() => step(k - 1)) : r();
                                             step(n); });
      for (let seen = -1; seen !== canvas.nnlib.drawn;) { seen = canvas.nnlib.drawn; await frames(3); }
    }""", key)
    return before


def _kernel_reaches(page, key, check):
    deadline = time.monotonic() + 10
    while not check(kernel_state(page, key)):
        assert time.monotonic() < deadline, f"{key}: the kernel never got the page's state"
        page.wait_for_timeout(100)


def test_step_back_from_the_keyboard_fills_in_grads_in_the_page_and_the_kernel(page):
    key = "expression"
    assert canvas(page, key)["frame"]["steps"] == 0
    _press(page, key, "step", ["Enter"])
    _press(page, key, "step", [" "])
    after = canvas(page, key)
    assert after["frame"]["steps"] == 2 and after["frame"]["grads"][-1] == 1.0
    walk = assert_page_is_nnlib(key, after)
    _kernel_reaches(page, key, lambda s: s["steps"] == 2)
    assert " ".join(after["headline"].split()) == kernel_state(page, key)["readout"] == headline_of(walk)
    _press(page, key, "all", ["Enter"])
    after = canvas(page, key)
    assert after["frame"]["steps"] == after["frame"]["n_nodes"] and "Every grad is in." in after["headline"]
    # x is used twice: both of its edges orange, its grad y + 1
    assert len(after["frame"]["summed_edges"]) == 2
    assert after["frame"]["leaf_grads"]["x"] == pytest.approx(after["state"]["inputs"]["y"] + 1)
    _press(page, key, "reset", ["Enter"])
    assert canvas(page, key)["frame"]["steps"] == 0
    _kernel_reaches(page, key, lambda s: s["steps"] == 0)


def test_a_key_press_on_a_slider_moves_the_picture_and_reaches_the_kernel(page):
    key = "neuron"
    before = _press(page, key, "w", ["ArrowRight", "ArrowRight"])
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
    before = canvas(page, key)
    slider = page.locator(f".nnlib-widget-{key} input[name='W2_1']")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y_mid = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y_mid)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + box["width"] * (0.3 + 0.03 * step), y_mid)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.mouse.up()
    page.wait_for_timeout(200)
    after = canvas(page, key)
    assert after["drawn"] >= before["drawn"] + 5, "the picture did not follow the drag"
    assert after["state"]["inputs"]["W2_1"] > before["state"]["inputs"]["W2_1"]
    assert_page_is_nnlib(key, after)
    _kernel_reaches(page, key, lambda s: s["inputs"]["W2_1"] == pytest.approx(after["state"]["inputs"]["W2_1"]))


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "every_op"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(3)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    before = _press(page, key, "step", ["Enter"])
    _press(page, key, "c", ["ArrowLeft"])
    assert page.evaluate("() => window.__sleeping") == "asleep", "the picture waited for the kernel"
    after = canvas(page, key)
    assert after["frame"]["steps"] == min(before["frame"]["steps"] + 1, after["frame"]["n_nodes"])
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)
    assert_page_is_nnlib(key, after)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "expression"
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    before = _press(page, key, "x", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    x = after["state"]["inputs"]["x"]
    assert f"x = {x:.4g}" in after["label"] and "output" in after["label"]
    assert f"the output is {after['frame']['output']:.4f}" in headline.text_content()
    _press(page, key, "step", ["Enter"])
    drawn = canvas(page, key)
    assert f"1 of {drawn['frame']['n_nodes']} grads filled in" in drawn["label"] and "(+: 1)" in drawn["label"]


def test_an_extreme_graph_draws_numbers(page):
    drawn = canvas(page, "extreme")
    assert all(math.isfinite(v) for v in drawn["frame"]["data"] + drawn["frame"]["all_grads"])
    assert drawn["frame"]["steps"] == drawn["frame"]["n_nodes"]
    assert_page_is_nnlib("extreme", drawn)
    assert "nan" not in drawn["label"] and "inf" not in drawn["label"]


def test_every_control_is_labelled_and_reachable_from_the_keyboard(page):
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    nameless = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser button')]
      .filter(b => !b.textContent.trim()).length""")
    assert nameless == 0
    # Tab from the first control of the network's explorer reaches every one of its controls
    names = page.evaluate("""() => [...document.querySelectorAll('.nnlib-widget-network input, """
                          """.nnlib-widget-network button')].map(c => c.name)""")
    page.locator(".nnlib-widget-network button[name='step']").focus()
    reached = set()
    for _ in range(len(names)):
        reached.add(page.evaluate("() => document.activeElement.name"))
        page.keyboard.press("Tab")
    assert reached == set(names), (names, reached)
