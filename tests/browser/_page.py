"""What the tests of the widgets drawn in the browser share: a notebook of widgets, written by the test and run once in
JupyterLab (headless Chromium), and the ways a test reads the page, talks to the kernel, presses keys and drags.

A test module names its notebook (NAME), its first cell (SETUP, made by setup_cell) and one widget a cell (CELLS:
key -> code, which keeps the widget as shown[key]); its tests take the `page` fixture (conftest.py), which writes that
notebook, runs it once and serves every test of the module. Each widget's element then carries the class
nnlib-widget-<key>, and what its canvas computed is exposed on the canvas as `canvas.nnlib` ({state, frame, drawn}).
"""

import contextlib
import json
import time

import nbformat
import pytest

from conftest import SCREENSHOTS, skip_reason
from test_in_browser import NOTEBOOK_STATE, RUN_FINISHED, _menu, _open

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

# What a widget's canvas computed, its text alternative and its headline.
CANVAS = "key => { const c = document.querySelector(`.nnlib-widget-${key} canvas[role=img]`); return c && c.nnlib ? " \
         "{state: c.nnlib.state, frame: c.nnlib.frame, drawn: c.nnlib.drawn, label: c.getAttribute('aria-label'), " \
         "headline: document.querySelector(`.nnlib-widget-${key} .nnlib-headline`).textContent} : null; }"

# Every press is drawn by a frame after the last one (the page redraws once per frame, with the latest values):
# wait until no new picture comes for a few frames.
LAST_PICTURE = """async key => {
  const canvas = document.querySelector(`.nnlib-widget-${key} canvas[role=img]`);
  const frames = n => new Promise(r => { const step = k => k ? requestAnimationFrame(() => step(k - 1)) : r();
                                         step(n); });
  for (let seen = -1; seen !== canvas.nnlib.drawn;) { seen = canvas.nnlib.drawn; await frames(3); }
}"""

# The kernel runs time.sleep(seconds): window.__sleeping says 'asleep' while it does, then 'done'.
KERNEL_SLEEP = """seconds => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  window.__sleeping = 'sent';
  const future = kernel.requestExecute({code: `import time; time.sleep(${seconds})`, store_history: false});
  future.onIOPub = msg => { if (msg.header.msg_type === 'execute_input') window.__sleeping = 'asleep'; };
  future.done.then(() => { window.__sleeping = 'done'; });
}"""

TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

# The kernel's own picture (and whatever else it shows, e.g. its buttons) still on screen beside the page's.
KERNEL_PARTS_SHOWN = "([key, parts]) => [...document.querySelector(`.nnlib-widget-${key}`)" \
                     ".closest('.jp-OutputArea-output').querySelectorAll(parts)]" \
                     ".filter(el => el.offsetParent !== null).length"

UNLABELLED = """() => [...document.querySelectorAll('.nnlib-browser input, .nnlib-browser select')]
  .filter(input => !(input.labels && input.labels.length && input.labels[0].textContent.trim()))
  .map(input => input.name)"""


def setup_cell(seed=None, more=""):
    """The notebook's first cell: drawing in the browser, a generator `rng` seeded with seed (if one is given), the
    code `more`, and `shown`, where each widget's cell keeps its widget."""
    rng = "" if seed is None else f"rng = np.random.default_rng({seed})\n"
    return ('import numpy as np\nimport nnlib\nfrom nnlib import widgets\nwidgets.drawing("browser")\n'
            f"{rng}{more}shown = {{}}\n")


def widget_page(request, name, setup, cells):
    """The notebook [setup, *cells] written as `name`, opened and run in JupyterLab; yields the page once every widget
    is drawn, each widget's element named nnlib-widget-<key>. At the end: no error in the page, the kernel stopped."""
    if skip_reason():
        pytest.skip(skip_reason())
    lab, browser = request.getfixturevalue("lab"), request.getfixturevalue("browser")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(setup)] + [nbformat.v4.new_code_cell(code) for code in cells.values()]
    nbformat.write(nb, lab.root / name)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _open(page, lab, name)
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(RUN_FINISHED, timeout=240_000, polling=100)
    state = page.evaluate(NOTEBOOK_STATE)
    failed = [error for cell in state["cells"] for error in cell.get("errors", [])]
    assert not failed, f"the test notebook failed: {failed}"
    page.wait_for_function("n => document.querySelectorAll('.nnlib-browser canvas[role=img]').length >= n",
                           arg=len(cells), timeout=30_000)
    # name each widget's element after its cell, so a test can find it
    page.evaluate("""keys => {
      const views = [...document.querySelectorAll('.nnlib-browser')];
      views.forEach((view, i) => view.classList.add('nnlib-widget-' + keys[i]));
    }""", list(cells))
    page.wait_for_function("() => [...document.querySelectorAll('.nnlib-browser canvas[role=img]')]"
                           ".every(c => c.nnlib)")
    yield page
    assert not errors, f"errors in the page: {errors}"
    context.close()
    lab.shut_down_kernels()


def kernel(page, code):
    """Run code in the notebook's kernel; what it printed (a Python error fails the test)."""
    out = page.evaluate(KERNEL_RUN, code)
    assert "ERROR" not in out, out
    return out


def kernel_json(page, code):
    """What code printed in the kernel, read as JSON."""
    return json.loads(kernel(page, code))


def kernel_readout(page, key, frame=None):
    """The text of the kernel's own readout line for the widget shown[key], without its HTML and with its spaces
    made single; frame: the Python expression the readout is made of (the widget's refresh() unless given)."""
    frame = frame or f"shown[{key!r}].refresh()"
    out = kernel(page, f"import re, html; print(html.unescape(re.sub('<[^>]+>', '', "
                       f"shown[{key!r}]._readout({frame}))))")
    return " ".join(out.split())


def canvas(page, key):
    """What the widget's canvas computed ({state, frame, drawn}), its text alternative (label) and its headline."""
    return page.evaluate(CANVAS, key)


def press(page, key, control, keys):
    """Press keys on a control of the widget and wait for the page's last picture; returns the canvas before."""
    before = canvas(page, key)
    page.locator(f".nnlib-widget-{key} [name='{control}']").focus()
    for k in keys:
        page.keyboard.press(k)
    page.wait_for_function(f"n => document.querySelector('.nnlib-widget-{key} canvas[role=img]').nnlib.drawn > n",
                           arg=before["drawn"])
    page.evaluate(LAST_PICTURE, key)
    return before


def drag(page, key, control, along):
    """Drag a slider of the widget with the mouse: down at the first of `along` (fractions of the slider's width),
    then through the others, a frame or two apart, and up."""
    slider = page.locator(f".nnlib-widget-{key} input[name='{control}']")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y_mid = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * along[0], y_mid)
    page.mouse.down()
    for fraction in along[1:]:
        page.mouse.move(box["x"] + box["width"] * fraction, y_mid)
        page.evaluate(TWO_FRAMES)
    page.mouse.up()
    page.wait_for_timeout(200)


def drag_followed(page, key, control, along, pictures=5):
    """Drag a slider of the widget (see drag) and check the picture followed it frame after frame, with `pictures`
    new ones at least; returns the canvas before and after."""
    before = canvas(page, key)
    drag(page, key, control, along)
    after = canvas(page, key)
    assert after["drawn"] >= before["drawn"] + pictures, "the picture did not follow the drag"
    return before, after


def wait_until(page, read, check, failure, seconds=10):
    """read() every 0.1 s until check(what it read) holds, for `seconds` at most: what the page does reaches the
    kernel a round trip later, and the kernel's changes the page. failure: the message, or a function of the last
    reading that makes it. Returns the last reading."""
    deadline = time.monotonic() + seconds
    while not check(value := read()):
        assert time.monotonic() < deadline, failure(value) if callable(failure) else failure
        page.wait_for_timeout(100)
    return value


@contextlib.contextmanager
def kernel_asleep(page, seconds=3):
    """The kernel busy for `seconds` (it runs time.sleep): what is done inside must not wait for it. Yields a function
    that says whether the kernel still sleeps; at the end, waits for it to wake."""
    page.evaluate(KERNEL_SLEEP, seconds)
    page.wait_for_function("() => window.__sleeping === 'asleep'", timeout=5000)
    yield lambda: page.evaluate("() => window.__sleeping") == "asleep"
    page.wait_for_function("() => window.__sleeping === 'done'", timeout=10_000)


def assert_drawn_while_the_kernel_is_busy(page, key, control, keys, moved=None):
    """Keys pressed on a control are drawn while the kernel sleeps: the picture does not wait for it; and the frame's
    number `moved` (a field of canvas.nnlib.frame) changed."""
    with kernel_asleep(page) as asleep:
        before = press(page, key, control, keys)
        assert asleep(), "the picture waited for the kernel"
        if moved:
            assert canvas(page, key)["frame"][moved] != before["frame"][moved]


def assert_drawn_with_kernel_picture_hidden(page, keys, kernel_parts="img", wait=True):
    """Every widget is drawn in the page, and the kernel's own picture (kernel_parts: a CSS selector) no longer shows:
    the kernel hides it once it hears that the page drew (a round trip later: wait=True waits for it)."""
    for key in keys:
        drawn = canvas(page, key)
        assert drawn is not None and drawn["drawn"] >= 1, f"{key}: nothing drawn in the page"
        if wait:
            page.wait_for_function(f"([key, parts]) => !({KERNEL_PARTS_SHOWN})([key, parts])", arg=[key, kernel_parts],
                                   timeout=20_000)
        assert page.evaluate(KERNEL_PARTS_SHOWN, [key, kernel_parts]) == 0, \
            f"{key}: the kernel's picture ({kernel_parts}) still shows beside the page's"


def screenshot(page, key, name, with_kernels=False):
    """The widget as the page draws it, to look at beside the kernel's PNG: build/screenshots/<name>.png, and with
    with_kernels the kernel's own picture, <name>_kernel.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget = page.locator(f".nnlib-widget-{key}")
    widget.scroll_into_view_if_needed()
    widget.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    if with_kernels:
        kernel(page, f"open({str(SCREENSHOTS / f'{name}_kernel.png')!r}, 'wb').write(shown[{key!r}].render())")


def polite_headline(page, key):
    """The widget's headline, once it is checked to be a polite live region beside a canvas that is an image."""
    headline = page.locator(f".nnlib-widget-{key} .nnlib-headline")
    assert headline.get_attribute("aria-live") == "polite"
    assert page.locator(f".nnlib-widget-{key} canvas").get_attribute("role") == "img"
    return headline


def assert_every_control_labelled(page):
    """Every slider and menu of every widget drawn in the page has a visible label."""
    unlabelled = page.evaluate(UNLABELLED)
    assert not unlabelled, f"controls without a label: {unlabelled}"


def tab_through(page, first, presses, name="() => document.activeElement.name"):
    """Focus the element `first` (a selector), then press Tab `presses` times: what each focused element was called
    (name: how to say it, in JavaScript), in order."""
    page.locator(first).focus()
    reached = []
    for _ in range(presses):
        reached.append(page.evaluate(name))
        page.keyboard.press("Tab")
    return reached
