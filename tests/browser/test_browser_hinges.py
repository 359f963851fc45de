"""Hinges, drawn in the browser (JupyterLab in headless Chromium): every position and slope slider moves each hinge,
their sum and the error below, with the largest error as the headline, computed in the page as nnlib's Hinges
computes them; "Add a hinge" is the kernel's (it decides where the new hinge goes) and the page shows it; "Remove
the last" and a new target are shown at once; every change reaches the kernel.

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

NAME = "browser_hinges.ipynb"
SEED = 13

SETUP = f"""\
import numpy as np
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
shown = {{}}
"""

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

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"

# What the kernel's state model says: the target, the hinges, the sum and error, the largest error and where.
KERNEL_STATE = """import json
_w = shown[{key!r}]
_w.refresh()
_s = _w.state_model
print(json.dumps({{"target": _s.target, "units": [list(u) for u in _s.units], "sum": _s.numbers["sum"].tolist(),
  "error": _s.numbers["error"].tolist(), "largest_error": _s.largest_error, "worst_x": _s.worst_x}}))"""


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
    for key in CELLS:  # to look at beside the kernel's PNG
        widget = page.locator(f".nnlib-widget-{key}")
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=str(SCREENSHOTS / f"hinges_{key}.png"))


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
    before = _press(page, key, "slope 1", ["ArrowRight", "ArrowRight"])
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
    _press(page, key, "slope 2", ["ArrowLeft"] * 5)
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
    _press(page, key, "position 1", ["End"])
    wait_for_kernel(page, key, lambda s: s["units"][0][0] == pytest.approx(2 * np.pi, abs=0.05), "the position")
    assert_page_is_the_kernels(page, key)


def test_a_drag_moves_the_picture_frame_after_frame(page):
    key = "extreme"
    before = canvas(page, key)
    slider = page.locator(f".nnlib-widget-{key} input[name='position 3']")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y_mid = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y_mid)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + box["width"] * 0.03 * step, y_mid)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.mouse.up()
    page.wait_for_timeout(200)
    after = canvas(page, key)
    assert after["drawn"] >= before["drawn"] + 5, "the picture did not follow the drag"
    assert after["state"]["units"][2][0] > before["state"]["units"][2][0]
    wait_for_kernel(page, key, lambda s: s["units"][2][0] == pytest.approx(after["state"]["units"][2][0], abs=1e-12),
                    "the dragged position")
    assert_page_is_the_kernels(page, key)


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "random"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(3)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    before = _press(page, key, "slope 1", ["ArrowLeft"])
    assert page.evaluate("() => window.__sleeping") == "asleep", "the picture waited for the kernel"
    assert canvas(page, key)["frame"]["sum"] != before["frame"]["sum"]
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)


def test_a_text_alternative_and_a_polite_headline_follow_the_state(page):
    key = "random"
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    before = _press(page, key, "position 1", ["PageUp"])
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
    _press(page, key, "slope 8", ["Home"])
    drawn, _ = assert_page_is_the_kernels(page, key)
    frame = drawn["frame"]
    assert all(v is not None and np.isfinite(v) for v in frame["sum"] + frame["error"])
    assert frame["largest_error"] > 50 and "the goal is 0.05 or less" in drawn["headline"]


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    labels = page.evaluate("() => [...document.querySelectorAll('.nnlib-widget-random input')].slice(0, 4)"
                           ".map(i => i.labels[0].textContent)")
    assert labels == ["1: position", "2: position", "3: position", "4: position"] or \
        labels == ["1: position", "1: slope", "2: position", "2: slope"], labels
    key = "extreme"
    page.locator(f".nnlib-widget-{key} [name='target']").focus()
    reached = []
    for _ in range(5):
        reached.append(page.evaluate("() => document.activeElement.name || document.activeElement.textContent"))
        page.keyboard.press("Tab")
    assert reached == ["target", "add", "remove", "position 1", "position 2"], reached
