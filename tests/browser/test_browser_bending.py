"""Bending space, drawn in the browser (JupyterLab in headless Chromium): every weight, bias and activation moves
the graph paper pushed through the layer a = f(x @ W + b), each neuron's line z = 0 on the input plane, the count of
grid lines bent and whether one straight line now separates the classes, computed in the page as nnlib's
BendingState computes them; every change reaches the kernel.

The notebook is written by the test (one widget per cell, in browser drawing) and run once; every test reads the
page. What each canvas computed is exposed on it as `canvas.nnlib` ({state, frame, drawn}).
"""

import json
import time

import nbformat
import numpy as np
import pytest

from conftest import SCREENSHOTS
from test_browser_drawn import KERNEL_RUN
from test_in_browser import NOTEBOOK_STATE, RUN_FINISHED, _menu, _open

NAME = "browser_bending.ipynb"
SEED = 3
ACTIVATIONS = ["linear", "relu", "leaky_relu", "tanh", "sigmoid"]

SETUP = f"""\
import numpy as np
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
shown = {{}}
"""

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

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"

# What the kernel's state model says: the bent lines and points, the counts, the verdicts, the limits.
KERNEL_STATE = """import json
from nnlib.plots.bending import square_limits
_s = shown[{key!r}].state_model
_r = _s.result()
print(json.dumps({{"lines": [line.tolist() for line in _r["lines"]], "points": _r["points"].tolist(),
  "n_bent": _r["n_bent"], "n_lines": _r["n_lines"], "separable": _r["separable"], "same_line": _r["same_line"],
  "limits": list(square_limits(*_r["lines"], _r["points"])), "W": _s.W.tolist(), "b": _s.b.tolist(),
  "activation": _s.activation}}))"""


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
    page.wait_for_function("n => document.querySelectorAll('.nnlib-browser canvas').length >= n", arg=len(CELLS),
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
    return json.loads(kernel(page, KERNEL_STATE.format(key=key)))


def kernel_readout(page, key):
    """The text of the kernel's own readout line for this widget, without its HTML."""
    out = kernel(page, f"import re, html; print(html.unescape(re.sub('<[^>]+>', '', "
                       f"shown[{key!r}]._readout(shown[{key!r}].refresh()))))")
    return " ".join(out.split())


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
    deadline = time.monotonic() + 10
    while not check(kernel_state(page, key)):
        assert time.monotonic() < deadline, f"the kernel never got {what}"
        page.wait_for_timeout(100)


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


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for key in CELLS:
        drawn = canvas(page, key)
        assert drawn is not None and drawn["drawn"] >= 1, f"{key}: nothing drawn in the page"
        # the kernel hides its picture once it hears the page has drawn (a round trip later)
        page.wait_for_function(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img')].every(img => img.offsetParent === null)", arg=key, timeout=20_000)
    for key in ("plain", "unfolded", "random_tanh", "extreme"):  # to look at beside the kernel's PNG
        widget = page.locator(f".nnlib-widget-{key}")
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=str(SCREENSHOTS / f"bending_{key}.png"))


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
    before = _press(page, key, "W[1,0]", ["ArrowLeft", "ArrowLeft"])
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
    before = canvas(page, key)
    slider = page.locator(f".nnlib-widget-{key} input[name='b[1]']")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y_mid = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y_mid)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + box["width"] * (0.5 - 0.02 * step), y_mid)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.mouse.up()
    page.wait_for_timeout(200)
    after = canvas(page, key)
    assert after["drawn"] >= before["drawn"] + 5, "the picture did not follow the drag"
    assert after["state"]["b"][1] < before["state"]["b"][1]
    wait_for_kernel(page, key, lambda s: s["b"][1] == pytest.approx(after["state"]["b"][1], abs=1e-12),
                    "the dragged bias")
    assert_page_is_the_kernels(page, key)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "random_leaky_relu"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(3)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    before = _press(page, key, "W[0,1]", ["ArrowRight"])
    assert page.evaluate("() => window.__sleeping") == "asleep", "the picture waited for the kernel"
    assert canvas(page, key)["frame"]["points"] != before["frame"]["points"]
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "unfolded"
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    first = canvas(page, key)
    assert "now separates the two classes" in first["label"] and "✅" in first["headline"]
    assert "Both neurons share one line z = 0" in first["headline"]
    before = _press(page, key, "b[0]", ["PageUp"])
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
    _press(page, key, "W[0,0]", ["Home"])
    drawn, _ = assert_page_is_the_kernels(page, key)
    frame = drawn["frame"]
    assert all(v is not None and np.isfinite(v) for line in frame["lines"] for point in line for v in point)
    assert all(np.isfinite(v) for v in frame["limits"]) and frame["separable"] is None
    assert drawn["state"]["W"][0][0] == -50.0


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    page.locator(".nnlib-widget-plain [name='W[0,0]']").focus()
    reached = []
    for _ in range(7):
        reached.append(page.evaluate("() => document.activeElement.name"))
        page.keyboard.press("Tab")
    assert reached == ["W[0,0]", "W[1,0]", "b[0]", "W[0,1]", "W[1,1]", "b[1]", "activation"]
