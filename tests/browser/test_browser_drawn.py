"""The widgets drawn in the browser, in JupyterLab in headless Chromium: each renders, follows a key press and a drag
without waiting for the kernel (even a busy one), computes what nnlib computes, tells its picture in words, and
hands every change to the kernel, which keeps the state.

The notebook is written by the test (one widget per cell, in browser drawing), run once, and then every test reads
the page. What each canvas computed is exposed on it as `canvas.nnlib` ({state, frame, drawn}).
"""

import json
import re
import time

import nbformat
import numpy as np
import pytest

from nnlib import softmax
from nnlib.plots.activation import CURVES
from nnlib.widgets.neuron import neuron_output

from test_in_browser import NOTEBOOK_STATE, RUN_FINISHED, _menu, _open

NAME = "browser_drawn.ipynb"
SEED = 7
ACTIVATION_NAMES = list(CURVES)  # nnlib.ACTIVATIONS and 01's step

SETUP = f"""\
import numpy as np
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
X = rng.normal(0.0, 2.0, size=(120, 2))
y = (X[:, 0] - 0.5 * X[:, 1] > 0.3).astype(int)
shown = {{}}
"""

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

# Run code in the notebook's kernel from the page and return what it printed (the kernel keeps the state).
KERNEL_RUN = """async code => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, store_history: false});
  let out = '';
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return out;
}"""

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label')} " \
         ": null; }"


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
    # name each widget's element after its cell, so a test can find it
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


def kernel_readout(page, key):
    """The text of the kernel's own readout line for this widget, without its HTML."""
    out = kernel(page, f"import re, html; print(html.unescape(re.sub('<[^>]+>', '', "
                       f"shown[{key!r}]._readout(shown[{key!r}].refresh()))))")
    return " ".join(out.split())


def kernel_weights(page, key):
    out = kernel(page, f"import json; c = shown[{key!r}].controls; "
                       "print(json.dumps([float(c[name].value) for name in ('w1', 'w2', 'b')]))")
    return json.loads(out)


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    for key in CELLS:
        drawn = canvas(page, key)
        assert drawn is not None and drawn["drawn"] >= 1, f"{key}: nothing drawn in the page"
        # the kernel hides its picture once it hears the page has drawn (a round trip later)
        page.wait_for_function(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img')].every(img => img.offsetParent === null)", arg=key, timeout=20_000)


def test_the_page_computes_what_nnlib_computes(page):
    rng_check = kernel(page, "import json; print(json.dumps({'X': X.tolist(), 'y': y.tolist()}))")
    data = json.loads(rng_check)
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
    before = _press(page, "softmax", "T", ["ArrowLeft"] * 4)
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


def _press(page, key, control, keys):
    before = canvas(page, key)
    handle = page.locator(f".nnlib-widget-{key} input[name='{control}']")
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


def test_a_key_press_moves_the_picture_and_reaches_the_kernel(page):
    before = _press(page, "plane_sigmoid", "w1", ["ArrowRight", "ArrowRight"])
    page.wait_for_timeout(300)
    after = canvas(page, "plane_sigmoid")
    assert after["state"]["w"][0] != before["state"]["w"][0]
    assert after["label"] != before["label"] or after["frame"]["z"] != before["frame"]["z"]
    deadline = time.monotonic() + 10
    while kernel_weights(page, "plane_sigmoid")[0] != pytest.approx(after["state"]["w"][0], abs=1e-12):
        assert time.monotonic() < deadline, "the kernel never got the new weight"
        page.wait_for_timeout(100)


def test_the_party_bars_follow_an_input(page):
    before = _press(page, "party", "x1", ["ArrowLeft"])
    after = canvas(page, "party")
    assert after["state"]["x"][0] == pytest.approx(before["state"]["x"][0] - 0.1)
    z, a = neuron_output(np.array(after["state"]["x"]), np.array(after["state"]["w"]), after["state"]["b"],
                         after["state"]["activation"])
    assert after["frame"]["z"] == pytest.approx(z, abs=1e-9) and after["frame"]["a"] == pytest.approx(a, abs=1e-9)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "plane_tanh"
    before = canvas(page, key)
    slider = page.locator(f".nnlib-widget-{key} input[name='b']")
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
    assert after["state"]["b"] > before["state"]["b"]
    page.wait_for_timeout(500)
    assert kernel_weights(page, key)[2] == pytest.approx(after["state"]["b"], abs=1e-12)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "plane_relu"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(3)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    _press(page, key, "w2", ["ArrowLeft"])
    assert page.evaluate("() => window.__sleeping") == "asleep", "the picture waited for the kernel"
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "plane_linear"
    before = canvas(page, key)
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    _press(page, key, "b", ["PageUp"])
    after = canvas(page, key)
    assert after["label"] != before["label"]
    assert f"b = {after['state']['b']:.2f}" in after["label"]
    text = headline.text_content()
    assert "decision line" in text and f"{after['frame']['correct']} of" in text or "all 120" in text


def test_every_control_has_a_visible_label(page):
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
