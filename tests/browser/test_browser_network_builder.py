"""The network builder, drawn in the browser (JupyterLab in headless Chromium): every weight and bias slider moves
the diagram (each neuron's output over the plane, one line per weight, dashed when negative) and the network's
output over the plane with its count of points on their class's side, computed in the page as nnlib's MLP and
BuilderState compute them; every change reaches the kernel.

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

NAME = "browser_network_builder.ipynb"
SEED = 11
ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]

SETUP = f"""\
import numpy as np
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
shown = {{}}
"""

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

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"

# What the kernel's state model says: every neuron's map, the score, the weights and biases.
KERNEL_STATE = """import json
_s = shown[{key!r}].state_model
_score = _s.score()
print(json.dumps({{"maps": [m.reshape(len(m), -1).tolist() for m in _s.maps()],
  "probabilities": _score["probabilities"].tolist(), "correct": _score["correct"], "n": _score["n"],
  "true_class_probability": _score["true_class_probability"],
  "values": {{name: _s.get(name) for name, *_ in _s.parameters}}}}))"""


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
    deadline = time.monotonic() + 10
    while kernel_state(page, key)["values"][name] != pytest.approx(value, abs=1e-12):
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
    for key in ("xor", "random_tanh", "extreme"):  # to look at beside the kernel's PNG
        widget = page.locator(f".nnlib-widget-{key}")
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=str(SCREENSHOTS / f"network_builder_{key}.png"))


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
    before = _press(page, key, "W1[0,0]", ["ArrowRight", "ArrowRight"])
    after = canvas(page, key)
    # the slider's steps are tenths: the page's slider starts at the starting weight rounded to one
    assert after["state"]["layers"][0]["W"][0][0] == pytest.approx(round(before["state"]["layers"][0]["W"][0][0], 1)
                                                                   + 0.2)
    assert after["frame"]["maps"][1] != before["frame"]["maps"][1]
    wait_for_kernel(page, key, "W1[0,0]", after["state"]["layers"][0]["W"][0][0], "the new weight")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "xor"
    before = canvas(page, key)
    slider = page.locator(f".nnlib-widget-{key} input[name='b2[0]']")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y_mid = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y_mid)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + box["width"] * (0.5 + 0.02 * step), y_mid)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.mouse.up()
    page.wait_for_timeout(200)
    after = canvas(page, key)
    assert after["drawn"] >= before["drawn"] + 5, "the picture did not follow the drag"
    assert after["state"]["layers"][1]["b"][0] > before["state"]["layers"][1]["b"][0]
    wait_for_kernel(page, key, "b2[0]", after["state"]["layers"][1]["b"][0], "the dragged bias")
    assert_page_is_the_kernels(page, key)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "random_tanh"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(3)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    before = _press(page, key, "W2[1,0]", ["ArrowLeft"])
    assert page.evaluate("() => window.__sleeping") == "asleep", "the picture waited for the kernel"
    assert canvas(page, key)["frame"]["probabilities"] != before["frame"]["probabilities"]
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "random_leaky_relu"
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    before = _press(page, key, "b2[0]", ["PageUp", "PageUp", "PageUp"])
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
    _press(page, key, "W1[1,5]", ["Home"])
    drawn, _ = assert_page_is_the_kernels(page, key)
    frame = drawn["frame"]
    for layer in frame["maps"]:
        assert all(v is not None and np.isfinite(v) for neuron in layer for v in neuron)
    assert all(v is not None and np.isfinite(v) for v in frame["probabilities"])
    assert drawn["state"]["layers"][0]["W"][1][5] == -10.0


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    labels = page.evaluate("() => [...document.querySelectorAll('.nnlib-widget-xor input')].map(i => i.labels[0]"
                           ".textContent)")
    assert labels == ["x1 → h1", "x2 → h1", "bias h1", "x1 → h2", "x2 → h2", "bias h2", "h1 → out", "h2 → out",
                      "bias out"]
    page.locator(".nnlib-widget-xor [name='W1[0,0]']").focus()
    reached = []
    for _ in range(9):
        reached.append(page.evaluate("() => document.activeElement.name"))
        page.keyboard.press("Tab")
    assert reached == ["W1[0,0]", "W1[1,0]", "b1[0]", "W1[0,1]", "W1[1,1]", "b1[1]", "W2[0,0]", "W2[1,0]", "b2[0]"]
