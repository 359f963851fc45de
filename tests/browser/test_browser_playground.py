"""The training playground, drawn in the browser (JupyterLab in headless Chromium): the kernel trains (a
PlaygroundRun) and sends each frame's numbers; the page draws the network with a map per neuron and a line per
weight, the large map with the points, and the loss curves. Step, Play, the settings and 'look at' reach the
kernel, and the page shows what comes back.
"""

import numpy as np
import pytest

from _page import (assert_drawn_with_kernel_picture_hidden, kernel, kernel_json, kernel_readout, screenshot,
                   setup_cell, wait_until)

NAME = "browser_playground.ipynb"

SETUP = setup_cell()

CELLS = {
    # 07's first playground
    "moons": "shown['moons'] = widgets.training_playground('moons', hidden=(8,), activation='relu', lr=0.1)\n"
             "shown['moons']",
    # two hidden layers, a squared feature, trained a little
    "circles": "shown['circles'] = widgets.training_playground('circles', hidden=(4, 4), features=('x1', 'x2', "
               "'x1^2'), lr=0.3)\nshown['circles'].step(20)\nshown['circles']",
    # several classes: the large map shows each point's predicted class
    "blobs": "shown['blobs'] = widgets.training_playground(X=np.r_[np.random.default_rng(0).normal(size=(30, 2)) + "
             "[[0, 3]], np.random.default_rng(1).normal(size=(30, 2)) - [[3, 0]], np.random.default_rng(2).normal("
             "size=(30, 2)) + [[3, 0]]], y=np.repeat([0, 1, 2], 30), hidden=(4,))\nshown['blobs'].step(10)\n"
             "shown['blobs']",
    # 05's feature factory: no training controls, a neuron picked in 'look at'
    "factory": "shown['factory'] = widgets.training_playground('circles', hidden=(4, 4), activation='tanh', lr=0.3, "
               "seed=4, train_controls=False)\nshown['factory'].step(300)\nshown['factory'].select(2, 1)\n"
               "shown['factory']",
    # a run whose loss blew up (a weight no longer a number): the maps are not numbers, the page must still draw
    "blown": "shown['blown'] = widgets.training_playground('xor', hidden=(4,))\n"
             "shown['blown'].model.weights[0][0, 0] = np.nan\nshown['blown'].step(1)\nshown['blown']",
}

# the canvas's numbers as plain arrays (the maps are Float64Arrays in the page; NaN as null)
CANVAS = """key => {
  const c = document.querySelector(`.nnlib-widget-${key} canvas`);
  if (!c || !c.nnlib) return null;
  const f = c.nnlib.frame;
  const plain = (a) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  return {drawn: c.nnlib.drawn, state: c.nnlib.state, label: c.getAttribute('aria-label'),
    headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent,
    frame: {epoch: f.epoch, layer_sizes: f.layer_sizes, features: f.features, weights: f.weights.map(plain),
            maps: f.maps.map((layer) => layer.map((m) => ({values: plain(m.values), limits: m.limits}))),
            large: {kind: f.large.kind, values: plain(f.large.values)}, loss: plain(f.loss),
            val_loss: plain(f.val_loss), train: f.train, test: f.test, playing: f.playing}};
}"""

# What the kernel's PlaygroundRun holds.
KERNEL_STATE = """import json, numpy as np
_w = shown[{key!r}]
_r = _w.state_model
_n = lambda a: [float(v) if np.isfinite(v) else None for v in np.ravel(a)]
_o = _r.maps()[-1]
print(json.dumps({{"epoch": _r.epoch, "layer_sizes": list(_r.model.layer_sizes), "features": list(_r.features),
  "maps": [[_n(m) for m in layer] for layer in _r.maps()], "weights": [_n(W) for W in _r.model.weights],
  "loss": _n(_r.history["loss"]), "val_loss": _n(_r.history["val_loss"]), "X_train": _n(_r.X_train),
  "y_train": [int(v) for v in _r.y_train], "noise": _r.noise, "playing": _w.playing,
  "classes": _n(_o.argmax(axis=0)) if len(_o) > 1 else None}}))"""


def canvas(page, key):
    return page.evaluate(CANVAS, key)


def kernel_state(page, key):
    return kernel_json(page, KERNEL_STATE.format(key=key))


def same(page_values, kernel_values, tolerance):
    """Equal within tolerance where the kernel's value is a number; not a number in both places otherwise."""
    a = np.array([np.nan if v is None else v for v in page_values], dtype=float)
    b = np.array([np.nan if v is None else v for v in kernel_values], dtype=float)
    assert a.shape == b.shape
    assert np.array_equal(np.isnan(a), np.isnan(b))
    finite = np.isfinite(b)
    return bool(np.all(np.abs(a[finite] - b[finite]) <= tolerance))


def assert_page_is_the_kernels(page, key):
    """Every map to half a step of its 255 colour steps, the weights to 1e-4, the losses to 1e-5 (what is sent),
    the points, the epoch and the headline are the run's."""
    drawn, expected = canvas(page, key), kernel_state(page, key)
    frame = drawn["frame"]
    assert frame["epoch"] == expected["epoch"], key
    assert frame["layer_sizes"] == expected["layer_sizes"] and frame["features"] == expected["features"], key
    for layer, (page_layer, kernel_layer) in enumerate(zip(frame["maps"], expected["maps"], strict=True)):
        for k, (m, values) in enumerate(zip(page_layer, kernel_layer, strict=True)):
            low, high = m["limits"]
            clipped = [None if v is None else min(max(v, low), high) for v in values]
            assert same(m["values"], clipped, (high - low) / 254 / 2 + 1e-9), (key, layer, k)
    if expected["classes"] is not None:
        assert same(frame["large"]["values"], expected["classes"], 1e-12), key
    for W, expected_W in zip(frame["weights"], expected["weights"], strict=True):
        assert same(W, expected_W, 0.5e-4 + 1e-12), key
    assert same(frame["loss"], expected["loss"], 0.5e-5 + 1e-12), key
    assert same(frame["val_loss"], expected["val_loss"], 0.5e-5 + 1e-12), key
    assert same(frame["train"]["X"], expected["X_train"], 0.5e-4 + 1e-12), key
    assert frame["train"]["y"] == expected["y_train"], key
    assert " ".join(drawn["headline"].split()) == kernel_readout(page, key, frame=f"shown[{key!r}].frame"), key
    return drawn, expected


def wait_for_page(page, key, check, what):
    wait_until(page, lambda: canvas(page, key), check, f"{key}: the page never showed {what}", seconds=20)


def test_every_widget_is_drawn_in_the_page_with_its_kernel_picture_hidden(page):
    assert_drawn_with_kernel_picture_hidden(page, CELLS, wait=False)
    for key in CELLS:  # to look at beside the kernel's PNG
        screenshot(page, key, f"playground_{key}")


def test_the_page_draws_the_runs_numbers(page):
    for key in CELLS:
        assert_page_is_the_kernels(page, key)
    assert canvas(page, "blown")["headline"].startswith("epoch") and "blew up" in canvas(page, "blown")["headline"]
    assert canvas(page, "factory")["headline"].startswith("The network classifies")


def test_step_from_the_keyboard_trains_in_the_kernel_and_changes_the_picture(page):
    key = "moons"
    before = canvas(page, key)
    button = page.locator(f".nnlib-widget-{key} button[name='step']")
    button.focus()
    page.keyboard.press("Enter")
    wait_for_page(page, key, lambda c: c["frame"]["epoch"] == before["frame"]["epoch"] + 5, "5 more epochs")
    after, expected = assert_page_is_the_kernels(page, key)
    assert expected["epoch"] == before["frame"]["epoch"] + 5
    assert after["frame"]["maps"][-1] != before["frame"]["maps"][-1]
    assert after["label"] != before["label"] and f"after {expected['epoch']} epochs" in after["label"]
    page.locator(f".nnlib-widget-{key} button[name='reset']").click()
    wait_for_page(page, key, lambda c: c["frame"]["epoch"] == 0, "the reset run")
    assert_page_is_the_kernels(page, key)


def test_play_trains_until_paused(page):
    key = "circles"
    start = canvas(page, key)["frame"]["epoch"]
    play = page.locator(f".nnlib-widget-{key} button[name='play']")
    assert play.text_content() == "Play" and play.get_attribute("aria-pressed") == "false"
    play.focus()
    page.keyboard.press("Enter")
    wait_for_page(page, key, lambda c: c["frame"]["epoch"] >= start + 10 and "playing" in c["headline"], "Play")
    assert play.text_content() == "Pause"
    play.click()
    wait_for_page(page, key, lambda c: "paused" in c["headline"], "the pause")
    page.wait_for_timeout(600)  # a tick on its way when paused is ignored
    assert kernel_state(page, key)["playing"] is False
    assert_page_is_the_kernels(page, key)


def test_a_setting_goes_to_the_kernel_which_restarts_the_run(page):
    key = "moons"
    slider = page.locator(f".nnlib-widget-{key} input[name='noise']")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator(f".nnlib-widget-{key} output").nth(3).text_content() in ("10%",)  # lr, l2, batch, noise
    wait_until(page, lambda: kernel_state(page, key)["noise"], lambda noise: noise == pytest.approx(0.1),
               "the kernel never got the label noise", seconds=20)
    wait_for_page(page, key, lambda c: c["frame"]["epoch"] == 0, "the restarted run")
    page.wait_for_timeout(300)
    assert_page_is_the_kernels(page, key)
    # a feature switched on: the network gets a third input
    box = page.locator(f".nnlib-widget-{key} input[name='feature x1^2']")
    box.focus()
    page.keyboard.press("Space")
    wait_for_page(page, key, lambda c: c["frame"]["features"] == ["x1", "x2", "x1^2"], "the new input")
    assert_page_is_the_kernels(page, key)
    # a bigger network from the menu
    page.locator(f".nnlib-widget-{key} select[name='hidden']").select_option(label="8, 8")
    wait_for_page(page, key, lambda c: c["frame"]["layer_sizes"] == [3, 8, 8, 1], "the new network")
    assert_page_is_the_kernels(page, key)


def test_look_at_shows_a_neuron_large(page):
    key = "factory"
    look = page.locator(f".nnlib-widget-{key} select[name='look at']")
    assert look.input_value() == "layer 2, neuron 1"
    look.select_option(label="layer 1, neuron 3")
    wait_for_page(page, key, lambda c: "layer 1, neuron 3" in c["label"], "the chosen neuron")
    drawn, expected = assert_page_is_the_kernels(page, key)
    assert same(drawn["frame"]["large"]["values"], drawn["frame"]["maps"][1][2]["values"], 0)
    assert kernel(page, "print(shown['factory'].controls['look'].value)").strip() == "(0, 2)"


def test_every_control_is_labelled_and_reachable_from_the_keyboard(page):
    for key in CELLS:
        unlabelled = page.evaluate("""key => [...document.querySelectorAll(`.nnlib-widget-${key} input,
            .nnlib-widget-${key} select, .nnlib-widget-${key} button`)].filter(el =>
            !(el.labels && el.labels.length && el.labels[0].textContent.trim()) && !el.textContent.trim())
            .map(el => el.name)""", key)
        assert not unlabelled, (key, unlabelled)
        unreachable = page.evaluate("""key => [...document.querySelectorAll(`.nnlib-widget-${key} input,
            .nnlib-widget-${key} select, .nnlib-widget-${key} button`)].filter(el => el.tabIndex < 0 || el.disabled)
            .map(el => el.name)""", key)
        assert not unreachable, (key, unreachable)
    names = page.evaluate("() => [...document.querySelectorAll('.nnlib-widget-moons [name]')].map(el => el.name)")
    for name in ("step", "reset", "play", "look at", "dataset", "hidden", "activation", "lr", "l2", "batch", "noise",
                 "test", "feature x1", "feature sin(x2)"):
        assert name in names, name
    assert page.evaluate("() => document.querySelectorAll('.nnlib-widget-factory [name]').length") == 1


def test_while_the_page_draws_it_a_step_costs_the_kernel_no_matplotlib(page):
    out = kernel(page, """_w = shown['moons']
_calls = []
_draw = _w.view.draw
_w.view.draw = lambda *a, **k: (_calls.append(1), _draw(*a, **k))[1]
_w.step()
print(_w.browser_drawn, len(_calls))
_png = _w.render()  # the kernel's picture is brought up to date only when asked for
print(len(_calls), _png[:4] == b'\\x89PNG')
del _w.view.draw""")
    assert out.split() == ["True", "0", "1", "True"], out
