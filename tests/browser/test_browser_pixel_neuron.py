"""The pixel neuron explorer, drawn in the browser (JupyterLab in headless Chromium): the knobs, the digit and the
example move the four panels in the page (pixels, weights, products, each digit's average z with dashed outlines
where the knobs started), computed there as nnlib's state model computes them, and every change reaches the kernel.

The notebook is written by the test (one widget per cell, in browser drawing) and run once; every test reads the
page. What each canvas computed is exposed on it as `canvas.nnlib` ({state, frame, drawn}).
"""

import json
import time

import nbformat
import numpy as np
import pytest

from test_browser_drawn import KERNEL_RUN
from test_in_browser import NOTEBOOK_STATE, RUN_FINISHED, _menu, _open

NAME = "browser_pixel_neuron.ipynb"
SEED = 5

SETUP = f"""\
import numpy as np
import nnlib
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
digits = nnlib.load_digits()
top_row = np.zeros((8, 8)); top_row[0, 2:7] = 1
gap_below = np.zeros((8, 8)); gap_below[2, 3:6] = 1
shown = {{}}
"""

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

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"

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
    deadline = time.monotonic() + 20
    while not check(state := kernel_state(page, key)):
        shown = {name: value for name, value in canvas(page, key)["state"].items() if name != "weights"}
        assert time.monotonic() < deadline, (f"the kernel never got {what}: it has digit {state['digit']}, example "
                                             f"{state['example']}, knobs {state['values']}; the page: {shown}")
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
    for key in CELLS:
        drawn = canvas(page, key)
        assert drawn is not None and drawn["drawn"] >= 1, f"{key}: nothing drawn in the page"
        # hidden once the kernel hears that the page drew it: a round trip after the first drawing
        page.wait_for_function(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img')].every(el => el.offsetParent === null)", arg=key, timeout=20_000)
        visible = page.evaluate(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img')].filter(el => el.offsetParent !== null).length", key)
        assert visible == 0, f"{key}: the kernel's picture still shows beside the page's"


def test_the_images_travel_compactly(page):
    sent = json.loads(kernel(page, "import json; print(json.dumps({k: {n: v for n, v in w.browser.spec['images']"
                                   ".items() if n != 'values' and n != 'base64'} for k, w in shown.items()}))"))
    assert sent["knobs"]["scale"] == 16  # the digits' pixels are 16ths: a byte each
    assert "scale" not in sent["extreme"]  # any other numbers go as they are
    size = json.loads(kernel(page, "print(len(json.dumps(shown['knobs'].browser.spec['images'])))"))
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
    before = _press(page, key, "top row", ["ArrowLeft", "ArrowLeft"])
    after = canvas(page, key)
    assert after["state"]["knobs"]["top row"] == pytest.approx(before["state"]["knobs"]["top row"] - 0.1)
    assert after["frame"]["z"] != before["frame"]["z"] and after["label"] != before["label"]
    wait_for_kernel(page, key, lambda s: s["values"]["top row"] == pytest.approx(after["state"]["knobs"]["top row"],
                                                                                 abs=1e-12), "the new knob value")
    assert_page_is_the_kernels(page, key)


def test_a_new_digit_starts_at_its_first_example_in_the_page_and_the_kernel(page):
    key = "random"
    _press(page, key, "example", ["End"])  # the last example of the digit shown
    drawn = canvas(page, key)
    assert drawn["state"]["example"] == drawn["frame"]["count"] - 1
    wait_for_kernel(page, key, lambda s: s["example"] == drawn["state"]["example"], "the last example")
    page.locator(f".nnlib-widget-{key} select[name='digit']").select_option(label="4")
    page.wait_for_function(f"() => document.querySelector('.nnlib-widget-{key} canvas').nnlib.state.digit === 4")
    drawn = canvas(page, key)
    assert drawn["state"]["example"] == 0 and drawn["frame"]["label"] == 4
    example_max = page.locator(f".nnlib-widget-{key} input[name='example']").get_attribute("max")
    assert int(example_max) == drawn["frame"]["count"] - 1
    wait_for_kernel(page, key, lambda s: s["digit"] == 4 and s["example"] == 0, "the new digit")
    assert kernel_state(page, key)["example_max"] == int(example_max)
    _press(page, key, "example", ["ArrowRight", "ArrowRight", "ArrowRight"])
    wait_for_kernel(page, key, lambda s: s["example"] == 3, "the example")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "knobs"
    before = canvas(page, key)
    slider = page.locator(f".nnlib-widget-{key} input[name='gap below']")
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
    assert after["state"]["knobs"]["gap below"] > before["state"]["knobs"]["gap below"]
    wait_for_kernel(page, key, lambda s: s["values"]["gap below"] == pytest.approx(
        after["state"]["knobs"]["gap below"], abs=1e-12), "the dragged value")


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "fixed"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(3)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    before = _press(page, key, "example", ["ArrowRight"])
    assert page.evaluate("() => window.__sleeping") == "asleep", "the picture waited for the kernel"
    assert canvas(page, key)["frame"]["index"] != before["frame"]["index"]
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "knobs"
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    before = _press(page, key, "top row", ["PageUp"])
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
    _press(page, key, "all", ["End"])
    for key in ("extreme",):
        drawn, _ = assert_page_is_the_kernels(page, key)
        frame = drawn["frame"]
        assert all(np.isfinite(v) for v in frame["means"] + frame["products"] + [frame["z"], frame["limit"]])
        assert frame["limit"] >= abs(frame["z"])


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    key = "knobs"
    page.locator(f".nnlib-widget-{key} [name='top row']").focus()
    reached = []
    for _ in range(4):
        reached.append(page.evaluate("() => document.activeElement.name"))
        page.keyboard.press("Tab")
    assert reached == ["top row", "gap below", "digit", "example"], reached
