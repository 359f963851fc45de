"""Draw a digit, drawn in the browser (JupyterLab in headless Chromium): a mouse stroke on the pad becomes the 64
pixels the network reads, the forward pass runs in the page as the stroke goes, and the kernel keeps the pixels
(widget.pixels, the readout). The pad is drawn from the keyboard too, each cell saying its ink.
"""

import numpy as np

from _page import (TWO_FRAMES, assert_drawn_with_kernel_picture_hidden, assert_every_control_labelled, canvas, kernel,
                   kernel_asleep, kernel_json, kernel_readout, polite_headline, setup_cell, tab_through, wait_until)

NAME = "browser_digits.ipynb"

SETUP = setup_cell(seed=11, more="X_train, X_test, y_train, y_test = nnlib.digits_split()\n")

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


def kernel_pixels(page, key):
    return np.array(kernel_json(page, f"import json; print(json.dumps(shown[{key!r}].pixels.ravel().tolist()))"))


def nnlib_forward(page, key, pixels):
    """What nnlib's network makes of these pixels, computed in the kernel: every layer's outputs."""
    out = kernel_json(page, f"import json; print(json.dumps([a[0].tolist() for a in shown[{key!r}].model."
                            f"layer_outputs(np.array({list(map(float, pixels))}).reshape(1, 64))]))")
    return [np.array(layer) for layer in out]


def wait_for_kernel_pixels(page, key, expected):
    wait_until(page, lambda: kernel_pixels(page, key), lambda pixels: np.array_equal(pixels, expected),
               "the kernel never got the page's pixels")


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
    page.evaluate(TWO_FRAMES)


def clear(page, key):
    page.locator(f".nnlib-widget-{key} button[name='clear']").click()
    page.wait_for_function("key => document.querySelector(`.nnlib-widget-${key} canvas[role=img]`)"
                           ".nnlib.state.pixels.every(v => v === 0)", arg=key)


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    # the kernel's picture and its 64 buttons
    assert_drawn_with_kernel_picture_hidden(page, CELLS, kernel_parts="img, .widget-button")


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
        page.evaluate(TWO_FRAMES)
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
    with kernel_asleep(page, seconds=6) as asleep:
        before = canvas(page, key)
        draw(page, key, STROKES[7])
        after = canvas(page, key)
        # drawn and read while the kernel still sleeps (the stroke takes a second or two of scripted mouse moves)
        assert asleep(), "the stroke took longer than the kernel's sleep"
        assert after["drawn"] > before["drawn"] and after["frame"]["guess"] == 7
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
    first = kernel_json(page, "import json; from nnlib.widgets.digits import real_digit; "
                              "print(json.dumps(real_digit(7, 0).ravel().tolist()))")
    wait_for_page_pixels(page, key, first)
    assert np.array_equal(kernel_pixels(page, key), first)
    assert canvas(page, key)["frame"]["guess"] == 7
    page.locator(f".nnlib-widget-{key} button[name='load']").click()  # again: the next real 7
    second = kernel_json(page, "print(json.dumps(real_digit(7, 1).ravel().tolist()))")
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
    headline = polite_headline(page, key)
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
    assert_every_control_labelled(page)
    names = page.evaluate("key => [...document.querySelectorAll(`.nnlib-widget-${key} button`)]"
                          ".map(b => b.textContent)", key)
    assert names == ["Load one", "Clear"]
    cells = page.evaluate("key => [...document.querySelectorAll(`.nnlib-widget-${key} [role=gridcell]`)]"
                          ".map(c => c.getAttribute('aria-label'))", key)
    assert len(cells) == 64 and all(label and label.startswith("row ") for label in cells)
    reached = tab_through(page, f".nnlib-widget-{key} [role=gridcell][tabindex='0']", 6,
                          "() => { const el = document.activeElement; return el.getAttribute('role') || el.name "
                          "|| el.tagName; }")
    assert reached[:5] == ["gridcell", "brush", "digit", "load", "clear"], reached
