"""Draw a digit, drawn in the browser (JupyterLab in headless Chromium): a mouse stroke on the pad becomes the 64
pixels the network reads, the forward pass runs in the page as the stroke goes, and the kernel keeps the pixels
(widget.pixels, the readout). The pad is drawn from the keyboard too, each cell saying its ink.

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

NAME = "browser_digits.ipynb"
SEED = 11

SETUP = f"""\
import numpy as np
import nnlib
from nnlib import widgets
widgets.drawing("browser")
rng = np.random.default_rng({SEED})
X_train, X_test, y_train, y_test = nnlib.digits_split()
shown = {{}}
"""

CELLS = {
    "pad": "shown['pad'] = widgets.draw_digit(start=None)\nshown['pad']",
    "real": "shown['real'] = widgets.draw_digit(start=3)\nshown['real']",
    # two hidden layers, tanh: the page's forward pass is held to nnlib's on random pictures
    "deep": ("deep = nnlib.MLP([64, 16, 12, 10], activation='tanh', seed=1)\n"
             "deep.fit(X_train, y_train, epochs=3, seed=0)\n"
             "shown['deep'] = widgets.draw_digit(deep, start=None)\nshown['deep']"),
    # weights a thousand times too large: sigmoids and softmax overflow, the picture must still be numbers
    "extreme": ("big = nnlib.MLP([64, 8, 10], activation='sigmoid', seed=2)\n"
                "big.weights = [W * 1e3 for W in big.weights]\n"
                "shown['extreme'] = widgets.draw_digit(big, start=np.ones((8, 8)))\nshown['extreme']"),
}

CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas[role=img]`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"


def ellipse(cx, cy, rx, ry, start=0.0, stop=2 * np.pi, n=24):
    t = np.linspace(start, stop, n)
    return list(zip(cx + rx * np.cos(t), cy + ry * np.sin(t)))


# Digits as a learner might draw them, filling the pad's height: strokes of points from (0, 0) top left to (1, 1).
STROKES = {
    0: [ellipse(0.5, 0.5, 0.25, 0.38)],
    1: [[(0.42, 0.2), (0.55, 0.1), (0.55, 0.9)]],
    2: [ellipse(0.5, 0.3, 0.25, 0.2, np.pi, 2.2 * np.pi) + [(0.25, 0.88), (0.8, 0.88)]],
    3: [ellipse(0.48, 0.3, 0.24, 0.19, -0.9 * np.pi, np.pi / 2)
        + ellipse(0.48, 0.69, 0.26, 0.2, -np.pi / 2, 0.9 * np.pi)],
    4: [[(0.6, 0.1), (0.2, 0.62), (0.82, 0.62)], [(0.62, 0.35), (0.62, 0.9)]],
    5: [[(0.78, 0.12), (0.3, 0.12), (0.27, 0.45)] + ellipse(0.5, 0.64, 0.26, 0.24, -0.75 * np.pi, 0.8 * np.pi)],
    6: [[(0.58, 0.08), (0.32, 0.5)] + ellipse(0.5, 0.68, 0.21, 0.21, np.pi, 3 * np.pi)],
    7: [[(0.2, 0.12), (0.8, 0.12), (0.42, 0.9)]],
    8: [ellipse(0.5, 0.3, 0.2, 0.19, np.pi / 2, 2.5 * np.pi), ellipse(0.5, 0.7, 0.24, 0.2, -np.pi / 2, 1.5 * np.pi)],
    9: [ellipse(0.5, 0.32, 0.22, 0.21) + [(0.72, 0.32), (0.6, 0.9)]],
}


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
    page.wait_for_function("n => document.querySelectorAll('.nnlib-browser canvas[role=img]').length >= n",
                           arg=len(CELLS), timeout=30_000)
    page.evaluate("""keys => {
      const views = [...document.querySelectorAll('.nnlib-browser')];
      views.forEach((view, i) => view.classList.add('nnlib-widget-' + keys[i]));
    }""", list(CELLS))
    page.wait_for_function("() => [...document.querySelectorAll('.nnlib-browser canvas[role=img]')]"
                           ".every(c => c.nnlib)")
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


def kernel_pixels(page, key):
    return np.array(json.loads(kernel(page, f"import json; print(json.dumps(shown[{key!r}].pixels.ravel().tolist()))")))


def kernel_readout(page, key):
    """The text of the kernel's own readout line for this widget, without its HTML."""
    out = kernel(page, f"import re, html; print(html.unescape(re.sub('<[^>]+>', '', "
                       f"shown[{key!r}]._readout(shown[{key!r}].refresh()))))")
    return " ".join(out.split())


def nnlib_forward(page, key, pixels):
    """What nnlib's network makes of these pixels, computed in the kernel: every layer's outputs."""
    out = kernel(page, f"import json; print(json.dumps([a[0].tolist() for a in shown[{key!r}].model.layer_outputs("
                       f"np.array({list(map(float, pixels))}).reshape(1, 64))]))")
    return [np.array(layer) for layer in json.loads(out)]


def wait_for_kernel_pixels(page, key, expected):
    deadline = time.monotonic() + 10
    while not np.array_equal(kernel_pixels(page, key), expected):
        assert time.monotonic() < deadline, "the kernel never got the page's pixels"
        page.wait_for_timeout(100)


def wait_for_page_pixels(page, key, expected):
    page.wait_for_function("([key, expected]) => { const c = document.querySelector(`.nnlib-widget-${key} "
                           "canvas[role=img]`); return c.nnlib && c.nnlib.state.pixels.every((v, i) => "
                           "v === expected[i]); }", arg=[key, list(map(float, expected))], timeout=10_000)


def pad_box(page, key):
    pad = page.locator(f".nnlib-widget-{key} [role=grid]")
    pad.scroll_into_view_if_needed()
    return pad.bounding_box()


def draw(page, key, strokes):
    """Draw strokes with the mouse on the pad (points from 0 to 1 across it), a few pixels per mouse event."""
    box = pad_box(page, key)
    for stroke in strokes:
        points = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.mouse.down()
        for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
            page.mouse.move(x1, y1, steps=max(1, int(np.hypot(x1 - x0, y1 - y0) / 6)))
        page.mouse.up()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def clear(page, key):
    page.locator(f".nnlib-widget-{key} button[name='clear']").click()
    page.wait_for_function("key => document.querySelector(`.nnlib-widget-${key} canvas[role=img]`)"
                           ".nnlib.state.pixels.every(v => v === 0)", arg=key)


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    for key in CELLS:
        drawn = canvas(page, key)
        assert drawn is not None and drawn["drawn"] >= 1, f"{key}: nothing drawn in the page"
        # hidden once the kernel hears that the page drew it: a round trip after the first drawing
        page.wait_for_function(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img, .widget-button')].every(el => el.offsetParent === null)", arg=key, timeout=20_000)
        visible = page.evaluate(
            "key => [...document.querySelector(`.nnlib-widget-${key}`).closest('.jp-OutputArea-output')"
            ".querySelectorAll('img, .widget-button')].filter(el => el.offsetParent !== null).length", key)
        assert visible == 0, f"{key}: the kernel's picture or its 64 buttons still show beside the page's"


def test_the_page_starts_from_the_kernels_pixels_and_computes_what_nnlib_computes(page):
    for key in CELLS:
        drawn = canvas(page, key)
        pixels = kernel_pixels(page, key)
        assert np.array_equal(drawn["state"]["pixels"], pixels), key
        expected = nnlib_forward(page, key, pixels)
        for k, layer in enumerate(drawn["frame"]["hidden"]):
            assert np.allclose(layer, expected[k], rtol=0, atol=1e-9), (key, k)
        assert np.allclose(drawn["frame"]["probs"], expected[-1], rtol=0, atol=1e-9), key


def test_the_pages_argmax_is_numpys_nanargmax(page):
    cases = [[0.1, 0.7, 0.2], [0.5, 0.5, 0.0], [0.0, 0.3, 0.3], [float("nan"), 0.2, 0.9, 0.9], [-1.0, -3.0],
             [float("nan"), float("nan")], list(np.random.default_rng(0).uniform(size=10))]
    got = page.evaluate("""cases => { const math = document.querySelector('.nnlib-browser canvas').nnlibMath;
      return cases.map(c => math.argmax(c.map(v => v === null ? NaN : v))); }""",
                        [[None if np.isnan(v) else v for v in case] for case in cases])
    expected = [int(np.nanargmax(case)) if not np.isnan(case).all() else 0 for case in cases]
    assert got == expected


def test_random_pictures_from_the_kernel_are_read_as_nnlib_reads_them(page):
    """Pixels set in the kernel (as a cell or a check would) reach the page, which reads them as nnlib does."""
    for key in ("deep", "pad"):
        for trial in range(4):
            kernel(page, f"shown[{key!r}].set_pixels(np.round(rng.uniform(0, 1, (8, 8)) ** {1 + trial}, 3))")
            pixels = kernel_pixels(page, key)
            wait_for_page_pixels(page, key, pixels)
            drawn = canvas(page, key)
            expected = nnlib_forward(page, key, pixels)
            for k, layer in enumerate(drawn["frame"]["hidden"]):
                assert np.allclose(layer, expected[k], rtol=0, atol=1e-9), (key, trial, k)
            assert np.allclose(drawn["frame"]["probs"], expected[-1], rtol=0, atol=1e-9), (key, trial)
            assert drawn["frame"]["guess"] == int(np.argmax(expected[-1]))
            assert drawn["headline"] == kernel_readout(page, key), (key, trial)
    clear(page, "pad")


def test_drawn_digits_are_read_and_reach_the_kernel(page):
    key = "pad"
    guesses = {}
    for digit, strokes in STROKES.items():
        clear(page, key)
        draw(page, key, strokes)
        drawn = canvas(page, key)
        pixels = np.array(drawn["state"]["pixels"])
        assert 0.75 <= pixels.max() <= 1.0 and np.array_equal(np.round(pixels * 16), pixels * 16), "ink: 16ths, 0 to 1"
        wait_for_kernel_pixels(page, key, pixels)
        expected = nnlib_forward(page, key, pixels)[-1]
        assert np.allclose(drawn["frame"]["probs"], expected, rtol=0, atol=1e-9)
        assert drawn["headline"] == kernel_readout(page, key)
        guesses[digit] = (drawn["frame"]["guess"], float(max(drawn["frame"]["probs"])))
    print("\ndrawn digit -> the network's guess: " + ", ".join(
        f"{digit} -> {guess} ({p:.0%})" for digit, (guess, p) in guesses.items()))
    right = sum(guess == digit for digit, (guess, _) in guesses.items())
    assert right >= 8, f"only {right} of 10 drawn digits read right: {guesses}"
    clear(page, key)


def test_a_click_inks_one_square_with_the_brush(page):
    key = "pad"
    clear(page, key)
    box = pad_box(page, key)
    expected = np.zeros(64)
    clicks = [(2, 3, 0.5, 0.5), (5, 6, 0.1, 0.85), (2, 3, 0.7, 0.2)]  # row, column, where in the square
    for (r, c, dx, dy), brush in zip(clicks, ["ink", "half", "eraser"]):
        page.locator(f".nnlib-widget-{key} select[name='brush']").select_option(label=brush)
        page.mouse.click(box["x"] + (c + dx) * box["width"] / 8, box["y"] + (r + dy) * box["height"] / 8)
        expected[8 * r + c] = {"ink": 1.0, "half": 0.5, "eraser": 0.0}[brush]
        wait_for_page_pixels(page, key, expected)
        wait_for_kernel_pixels(page, key, expected)
    page.locator(f".nnlib-widget-{key} select[name='brush']").select_option(label="ink")
    clear(page, key)


def test_a_stroke_moves_the_picture_frame_after_frame(page):
    key = "pad"
    clear(page, key)
    before = canvas(page, key)
    box = pad_box(page, key)
    page.mouse.move(box["x"] + 0.5 * box["width"], box["y"] + 0.1 * box["height"])
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + 0.5 * box["width"], box["y"] + (0.1 + 0.04 * step) * box["height"])
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.mouse.up()
    page.wait_for_timeout(200)
    after = canvas(page, key)
    assert after["drawn"] >= before["drawn"] + 5, "the picture did not follow the stroke"
    column = np.array(after["state"]["pixels"]).reshape(8, 8)[:, 3:5]
    assert column[1:7].min() > 0, "a vertical stroke down the middle inks the middle columns"
    wait_for_kernel_pixels(page, key, np.array(after["state"]["pixels"]))
    clear(page, key)
    wait_for_kernel_pixels(page, key, np.zeros(64))


def test_the_picture_moves_while_the_kernel_is_busy(page):
    key = "pad"
    page.evaluate("""() => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      window.__sleeping = 'sent';
      const future = kernel.requestExecute({code: 'import time; time.sleep(6)', store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
      future.done.then(() => { window.__sleeping = 'done'; });
    }""")
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    before = canvas(page, key)
    draw(page, key, STROKES[7])
    after = canvas(page, key)
    # drawn and read while the kernel still sleeps (the stroke takes a second or two of scripted mouse moves)
    assert page.evaluate("() => window.__sleeping") == "asleep", "the stroke took longer than the kernel's sleep"
    assert after["drawn"] > before["drawn"] and after["frame"]["guess"] == 7
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)
    wait_for_kernel_pixels(page, key, np.array(after["state"]["pixels"]))
    clear(page, key)


def test_the_pad_is_drawn_from_the_keyboard_and_says_each_cells_ink(page):
    key = "pad"
    clear(page, key)
    cell = page.locator(f".nnlib-widget-{key} [role=gridcell][tabindex='0']")
    cell.focus()
    start = int(cell.get_attribute("data-cell"))
    for k in ("Home", "ArrowRight", "ArrowRight", "ArrowDown", " "):
        page.keyboard.press(k)
    r, c = start // 8 + 1, 2
    target = page.locator(f".nnlib-widget-{key} [role=gridcell][data-cell='{r * 8 + c}']")
    assert page.evaluate("() => document.activeElement.dataset.cell") == str(r * 8 + c)
    page.wait_for_function("el => el.getAttribute('aria-label').endsWith('ink 100%')", arg=target.element_handle())
    assert target.get_attribute("aria-label") == f"row {r + 1}, column {c + 1}: ink 100%"
    expected = np.zeros(64)
    expected[r * 8 + c] = 1.0
    wait_for_kernel_pixels(page, key, expected)
    # the half brush, chosen from the keyboard, then Enter; Delete erases
    page.locator(f".nnlib-widget-{key} select[name='brush']").select_option(label="half")
    target.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expected[r * 8 + c + 1] = 0.5
    wait_for_kernel_pixels(page, key, expected)
    assert page.locator(f".nnlib-widget-{key} [data-cell='{r * 8 + c + 1}']").get_attribute("aria-label").endswith(
        "ink 50%")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Delete")
    expected[r * 8 + c] = 0.0
    wait_for_kernel_pixels(page, key, expected)
    assert target.get_attribute("aria-label").endswith("paper")
    assert kernel(page, f"print(shown[{key!r}].controls['brush'].value)").strip() == "0.5"
    page.locator(f".nnlib-widget-{key} select[name='brush']").select_option(label="ink")
    clear(page, key)


def test_clear_and_load_one_work_from_the_page(page):
    key = "real"
    page.locator(f".nnlib-widget-{key} select[name='digit']").select_option(label="7")
    page.locator(f".nnlib-widget-{key} button[name='load']").click()
    first = json.loads(kernel(page, "import json; from nnlib.widgets.digits import real_digit; "
                                    "print(json.dumps(real_digit(7, 0).ravel().tolist()))"))
    wait_for_page_pixels(page, key, first)
    assert np.array_equal(kernel_pixels(page, key), first)
    assert canvas(page, key)["frame"]["guess"] == 7
    page.locator(f".nnlib-widget-{key} button[name='load']").click()  # again: the next real 7
    second = json.loads(kernel(page, "print(json.dumps(real_digit(7, 1).ravel().tolist()))"))
    wait_for_page_pixels(page, key, second)
    clear(page, key)
    wait_for_kernel_pixels(page, key, np.zeros(64))
    drawn = canvas(page, key)
    assert drawn["headline"].startswith("The grid is empty, yet the network still answers")
    assert drawn["headline"] == kernel_readout(page, key)


def test_an_extreme_network_draws_numbers(page):
    drawn = canvas(page, "extreme")
    assert all(np.isfinite(v) for v in drawn["frame"]["probs"]), "NaN in the probabilities"
    assert all(np.isfinite(v) for layer in drawn["frame"]["hidden"] for v in layer)
    assert drawn["headline"] == kernel_readout(page, "extreme")


def test_a_text_alternative_and_a_polite_headline_follow_the_drawing(page):
    key = "pad"
    clear(page, key)
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    before = canvas(page, key)
    assert "0 with ink" in before["label"]
    draw(page, key, STROKES[1])
    after = canvas(page, key)
    inked = sum(v > 0 for v in after["state"]["pixels"])
    assert f"{inked} with ink" in after["label"]
    guess = after["frame"]["guess"]
    assert headline.text_content().startswith(f"The network says {guess} (")
    assert f"its answer: {guess} at" in after["label"]
    for k, p in enumerate(after["frame"]["probs"]):
        assert f"{k}: " in after["label"]
    clear(page, key)


def test_every_control_is_labelled_and_reached_with_the_tab_key(page):
    key = "pad"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
      .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
      .map(input => input.name)""")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    names = page.evaluate("key => [...document.querySelectorAll(`.nnlib-widget-${key} button`)]"
                          ".map(b => b.textContent)", key)
    assert names == ["Load one", "Clear"]
    cells = page.evaluate("key => [...document.querySelectorAll(`.nnlib-widget-${key} [role=gridcell]`)]"
                          ".map(c => c.getAttribute('aria-label'))", key)
    assert len(cells) == 64 and all(label and label.startswith("row ") for label in cells)
    page.locator(f".nnlib-widget-{key} [role=gridcell][tabindex='0']").focus()
    reached = []
    for _ in range(6):
        reached.append(page.evaluate("() => { const el = document.activeElement; "
                                     "return el.getAttribute('role') || el.name || el.tagName; }"))
        page.keyboard.press("Tab")
    assert reached[:5] == ["gridcell", "brush", "digit", "load", "clear"], reached
