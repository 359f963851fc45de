"""Every notebook in a real browser, the way a learner meets it: JupyterLab in headless Chromium.

For each notebook of the course: open it, clear the saved outputs and Run All Cells from the menu, wait until
the kernel is idle and every cell has run, and fail on any traceback or error output, any widget that did not
display ("Error displaying widget", stuck on "Loading widget...") and any widget picture that did not load.
Then focus a slider that drives a picture, press arrow keys, and time each press from the key event to the
first frame painted with the new picture (measured inside the page: keydown timestamp -> <img> src change ->
decoded -> next animation frame -> after paint). A full-notebook screenshot goes to build/screenshots/.

    make test                                   # runs these last, when a Chromium is found
    .venv/bin/python -m pytest tests/browser -s   # just these, with a line per notebook and each press's time

Skipped, with the reason, when there is no Chromium (/usr/bin/chromium or `chromium` on PATH) or no playwright.
"""

import shutil
import statistics
import time
from pathlib import Path

import pytest

from nnlib.course import NOTEBOOKS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"

NAMES = [name for name, _, _ in NOTEBOOKS]
VIEWPORT = {"width": 1280, "height": 1000}
RUN_TIMEOUT = 240  # seconds for Run All Cells in one notebook
WIDGET_TIMEOUT = 30  # seconds for widgets to finish rendering once the kernel is idle
PROBE_TIMEOUT = 1500  # ms: a slider whose first press changes no picture within this is not one that drives it
PRESS_TIMEOUT = 5000  # ms for a timed key press to produce a new picture
PRESSES = 7  # timed presses per widget after the probe; odd, alternating keys: the slider ends where it started
SLIDERS_TRIED_PER_WIDGET = 3
MAX_SCREENSHOT_HEIGHT = 32000  # px; longer notebooks are cut at the bottom

# The notebook JupyterLab has in front, and what its cells hold (read through window.jupyterapp).
NOTEBOOK_STATE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const info = {index, type: model.type, source: model.sharedModel.getSource()};
    if (model.type !== 'code') return info;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    info.count = model.executionCount;
    info.pending = !!prompt && prompt.textContent.includes('*');
    info.errors = [];
    info.widgets = 0;
    for (let i = 0; i < model.outputs.length; i++) {
      const out = model.outputs.get(i).toJSON();
      if (out.output_type === 'error') info.errors.push(out.ename + ': ' + out.evalue);
      const view = out.data && out.data['application/vnd.jupyter.widget-view+json'];
      if (view && view.model_id) info.widgets += 1;
    }
    return info;
  });
  return {path: panel.context.path, status: kernel ? kernel.status : 'no kernel', cells};
}"""

KERNEL_READY = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const session = panel.sessionContext.session;
  return panel.sessionContext.isReady && !!session && !!session.kernel && session.kernel.status === 'idle';
}"""

OUTPUTS_CLEARED = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .every(cell => cell.model.type !== 'code' || (cell.model.executionCount === null && cell.model.outputs.length === 0))"""

RUN_FINISHED = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.sessionContext.session) return false;
  const kernel = panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const code = panel.content.widgets.filter(cell => cell.model.type === 'code');
  if (code.some(cell => (cell.node.querySelector('.jp-InputPrompt') || {}).textContent.includes('*'))) return false;
  const ran = cell => cell.model.executionCount !== null || !cell.model.sharedModel.getSource().trim();
  const failed = cell => { for (let i = 0; i < cell.model.outputs.length; i++)
                             if (cell.model.outputs.get(i).type === 'error') return true; return false; };
  return code.every(ran) || code.some(failed);  // Run All stops at the first error
}"""

# What a learner would see in the outputs: tracebacks, widget failures, pictures that did not load.
SCREEN_PROBLEMS = """() => {
  const problems = [];
  const outputs = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')];
  const cellOf = el => {  // as the learner sees it: In [n], or the cell's position when it has no number
    const cell = el.closest('.jp-Cell');
    const prompt = cell.querySelector('.jp-InputPrompt');
    const number = prompt ? prompt.textContent.replace(/[^0-9]/g, '') : '';
    const cells = [...cell.parentElement.children].filter(c => c.classList.contains('jp-Cell'));
    return number ? 'In [' + number + ']' : 'cell ' + (cells.indexOf(cell) + 1) + ' of ' + cells.length;
  };
  let rendered = 0;
  for (const out of outputs) {
    const text = out.innerText || '';
    const where = cellOf(out) + ': ';
    if (text.includes('Traceback (most recent call last)')) problems.push(where + 'traceback on screen: ' + text.slice(0, 300));
    if (text.includes('Error displaying widget')) problems.push(where + text.trim().slice(0, 200));
    if (text.includes('Loading widget...')) problems.push(where + 'widget still "Loading widget..."');
    const warning = text.match(/\\u26a0 \\w*(Error|Exception)\\b[^\\n]*/);
    if (warning) problems.push(where + 'a widget reports an error: ' + warning[0]);
    const views = out.querySelectorAll('.lm-Widget.jupyter-widgets');
    if (views.length) rendered += 1;
    for (const img of out.querySelectorAll('img')) {
      if (img.offsetParent === null) continue;  // hidden on purpose (display: none): not on screen
      const kind = img.closest('.jupyter-widgets') ? 'a widget picture' : 'a picture';
      const box = img.getBoundingClientRect();
      if (!img.complete || img.naturalWidth === 0) problems.push(where + kind + ' did not load');
      else if (box.width < 2 || box.height < 2) problems.push(where + kind + ' has no size on screen');
    }
  }
  const stderr = outputs.filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr')
                        .map(o => cellOf(o) + ': ' + (o.innerText || '').trim().slice(0, 300));
  const dialogs = [...document.querySelectorAll('.jp-Dialog')].map(d => (d.innerText || '').trim().slice(0, 300));
  return {problems, rendered, stderr, dialogs};
}"""

# Arm a one-shot timer on the output holding `handle`: from the next keydown to the first frame painted after
# one of the output's <img> gets a new src and that picture is decoded. The result lands in window.__keyToPixels.
ARM_TIMER = """(handle, timeoutMs) => {
  const scope = handle.closest('.jp-OutputArea-output');
  window.__keyToPixelsScope = scope;
  window.__keyToPixels = new Promise(resolve => {
    let t0 = null, done = false, observer = null, timer = null;
    const onKey = event => { if (t0 === null) t0 = event.timeStamp; };
    const finish = value => {
      if (done) return;
      done = true;
      if (observer) observer.disconnect();
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey, true);
      resolve(value);
    };
    observer = new MutationObserver(mutations => {
      if (t0 === null || !mutations.some(m => m.target.tagName === 'IMG')) return;
      const img = mutations.find(m => m.target.tagName === 'IMG').target;
      observer.disconnect();
      const srcAt = performance.now() - t0;
      img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
        // rAF runs just before the frame is painted; a message posted from it is handled just after
        const channel = new MessageChannel();
        channel.port1.onmessage = () => finish({ms: performance.now() - t0, srcMs: srcAt});
        channel.port2.postMessage(null);
      }));
    });
    observer.observe(scope, {subtree: true, attributes: true, attributeFilter: ['src']});
    document.addEventListener('keydown', onKey, true);
    timer = setTimeout(() => finish(null), timeoutMs);
  });
}"""

# The same for a widget drawn in the page: from the next keydown to the frame painted after its canvas redrew
# (front/view.js counts the canvas's drawings in canvas.nnlib.drawn). The picture never waits for the kernel here.
ARM_CANVAS_TIMER = """(handle, timeoutMs) => {
  const scope = handle.closest('.jp-OutputArea-output');
  const canvas = handle.closest('.nnlib-browser').querySelector('canvas');
  window.__keyToPixelsScope = scope;
  window.__keyToPixels = new Promise(resolve => {
    const before = canvas.nnlib ? canvas.nnlib.drawn : 0;
    let t0 = null;
    const onKey = event => { if (t0 === null) t0 = event.timeStamp; };
    document.addEventListener('keydown', onKey, true);
    const started = performance.now();
    const poll = () => {
      if (t0 !== null && canvas.nnlib && canvas.nnlib.drawn > before) {
        document.removeEventListener('keydown', onKey, true);
        const drawnAt = performance.now() - t0;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ms: performance.now() - t0, srcMs: drawnAt});
          channel.port2.postMessage(null);
        });
      } else if (performance.now() - started > timeoutMs) {
        document.removeEventListener('keydown', onKey, true);
        resolve(null);
      } else {
        setTimeout(poll, 1);
      }
    };
    poll();
  });
}"""

# Wait for the armed timer's result, then for the kernel to be idle (each press is timed on its own, not queued
# behind the work of the one before) and for the output's pictures to stay unchanged for `quietMs` (a late frame
# must not be counted for the next key).
RESULT_THEN_SETTLE = """async quietMs => {
  const result = await window.__keyToPixels;
  const session = window.jupyterapp.shell.currentWidget.sessionContext.session;
  for (let waited = 0; session && session.kernel && session.kernel.status !== 'idle' && waited < 10000; waited += 10)
    await new Promise(resolve => setTimeout(resolve, 10));
  const scope = window.__keyToPixelsScope;
  await new Promise(resolve => {
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
    observer.observe(scope, {subtree: true, attributes: true, attributeFilter: ['src']});
    const cap = setTimeout(done, 20 * quietMs);
    function done() { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(); }
  });
  return result;
}"""

SLIDER_INFO = """handle => {
  if (handle.matches('input[type=range]')) {
    const prompt = handle.closest('.jp-Cell').querySelector('.jp-InputPrompt');
    const number = prompt ? prompt.textContent.replace(/[^0-9]/g, '') : '';
    return {disabled: handle.disabled, value: parseFloat(handle.value), max: parseFloat(handle.max),
            label: handle.labels && handle.labels.length ? handle.labels[0].textContent.trim() : handle.name,
            cell: 'In [' + (number || '?') + ']'};
  }
  const slider = handle.closest('.widget-slider');
  const label = slider && slider.querySelector('.widget-label');
  const prompt = handle.closest('.jp-Cell').querySelector('.jp-InputPrompt');
  const number = prompt ? prompt.textContent.replace(/[^0-9]/g, '') : '';
  const number_of = name => handle.hasAttribute(name) ? parseFloat(handle.getAttribute(name)) : null;
  return {disabled: !!handle.closest('[disabled]'),
          value: number_of('aria-valuenow'), max: number_of('aria-valuemax'),
          label: label ? label.textContent.trim() : '', cell: 'In [' + (number || '?') + ']'};
}"""

# Bring the widget's picture to the middle of the screen, then make sure the slider handle is visible too.
SHOW_WIDGET = """handle => {
  const out = handle.closest('.jp-OutputArea-output');
  const img = out.querySelector('.nnlib-browser canvas') || out.querySelector('img');
  (img || out).scrollIntoView({block: 'center'});
  const box = handle.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) handle.scrollIntoView({block: 'nearest'});
  handle.focus({preventScroll: true});
  const r = (img || out).getBoundingClientRect();
  return document.activeElement === handle && r.bottom > 0 && r.top < window.innerHeight;
}"""


# axe-core (the accessibility engine of most audits) over the course's own content: rendered markdown and every
# output, widgets included. JupyterLab's own interface is not the course's to fix.
COURSE_CONTENT = {"include": [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput",
                              ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"]}
RENDERED_MARKDOWN = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = [...panel.querySelectorAll('.jp-MarkdownCell')];
  return {cells: cells.length, rendered: cells.filter(c => c.querySelector('.jp-MarkdownOutput')).length};
}"""

# Every widget, from the keyboard alone: starting at its first control, Tab must visit every control a learner
# can reach (visible, enabled, in the tab order), each with a name a screen reader says.
TAB_STOPS = """out => {
  for (const el of document.querySelectorAll('[data-tab-stop]')) delete el.dataset.tabStop;
  const visible = el => el.offsetParent !== null && el.getClientRects().length > 0;
  const controls = [...out.querySelectorAll('input, select, button, textarea, [role=slider], [tabindex], '
                                            + '[contenteditable=true]')]
    .filter(el => visible(el) && !el.disabled && (el.tabIndex >= 0 || el.isContentEditable) && !el.closest('[inert]'));
  const nameOf = el => (el.getAttribute('aria-label') || (el.labels && el.labels.length && el.labels[0].textContent)
    || (el.getAttribute('aria-labelledby') || '').split(' ').map(id => (document.getElementById(id) || {}).textContent
    || '').join(' ') || el.title || (el.tagName === 'BUTTON' ? el.textContent : '') || '').trim();
  return controls.map((el, index) => { el.dataset.tabStop = index; return {index, tag: el.tagName.toLowerCase(),
    name: nameOf(el)}; });
}"""


def _accessibility_violations(page):
    """What axe-core finds in the course's content of the notebook in front: one line per element."""
    import axe_playwright_python

    page.evaluate((Path(axe_playwright_python.__file__).with_name("axe.min.js")).read_text(encoding="utf-8"))
    result = page.evaluate("([context, options]) => axe.run(context, options)",
                           [COURSE_CONTENT, {"resultTypes": ["violations"]}])
    return [f"{rule['id']} ({rule['impact']}): {rule['help']}: {node['html'][:200]}"
            for rule in result["violations"] for node in rule["nodes"]]


def _keyboard_path(page, name):
    """Tab through every widget: from its first control, each Tab press lands on the next one, and each is named.
    Returns the number of widgets and controls visited."""
    outputs = page.locator(".jp-Notebook .jp-OutputArea-output:has(.jupyter-widgets)")
    problems, visited = [], 0
    for i in range(outputs.count()):
        output = outputs.nth(i)
        stops = output.evaluate(TAB_STOPS)
        if not stops:
            continue
        cell = output.evaluate("out => { const p = out.closest('.jp-Cell').querySelector('.jp-InputPrompt');"
                               " return 'In [' + (p ? p.textContent.replace(/[^0-9]/g, '') : '?') + ']'; }")
        problems += [f"{cell}: a {stop['tag']} without a name" for stop in stops if not stop["name"]]
        output.locator(f"[data-tab-stop='{stops[0]['index']}']").focus()
        for stop in stops[1:]:
            page.keyboard.press("Tab")
            reached = page.evaluate("() => { const el = document.activeElement; return el ? [el.dataset.tabStop || '',"
                                    " el.outerHTML.slice(0, 120)] : ['', 'nothing']; }")
            if reached[0] != str(stop["index"]):
                problems.append(f"{cell}: Tab from control {int(stop['index']) - 1} did not reach the next one "
                                f"({stop['tag']} {stop['name']!r}); focus went to {reached[1]}")
                break
        visited += len(stops)
    assert not problems, f"{name}: the keyboard path through the widgets:\n  " + "\n  ".join(problems)
    return outputs.count(), visited


def _fail_on_screen_problems(page, name, when):
    found = page.evaluate(SCREEN_PROBLEMS)
    problems = found["problems"] + [f"dialog open: {text}" for text in found["dialogs"]]
    assert not problems, f"{name} {when}:\n  " + "\n  ".join(problems)
    return found


def _wait_for_widgets(page, name):
    """Widgets render after their cell finished; give them time, then check none failed."""
    deadline = time.monotonic() + WIDGET_TIMEOUT
    while True:
        found = page.evaluate(SCREEN_PROBLEMS)
        loading = [p for p in found["problems"] if "Loading widget" in p or "did not load" in p]
        if not loading or time.monotonic() > deadline:
            break
        page.wait_for_timeout(250)
    return _fail_on_screen_problems(page, name, "after Run All Cells")


def _menu(page, menu, item):
    page.click(f".lm-MenuBar-itemLabel:text-is('{menu}')")
    page.click(f".lm-Menu-itemLabel:text-is('{item}')")


def _press_and_time(page, handle, key, timeout_ms):
    drawn_in_page = handle.evaluate("h => h.matches('.nnlib-browser input[type=range]')")
    handle.evaluate(ARM_CANVAS_TIMER if drawn_in_page else ARM_TIMER, timeout_ms)
    page.keyboard.press(key)
    return page.evaluate(RESULT_THEN_SETTLE, 60)


def _probe(page, handle, info):
    """One untimed press (it also warms up the path); returns the key that moved the picture, or None."""
    at_max = info["value"] is not None and info["max"] is not None and info["value"] >= info["max"]
    key = "ArrowLeft" if at_max else "ArrowRight"
    return key if _press_and_time(page, handle, key, PROBE_TIMEOUT) is not None else None


def _measure_widgets(page, name):
    """For every widget output with a slider and a picture: find a slider whose arrow keys change the picture and
    time PRESSES presses of it. Returns the notebook's result row; fails if no slider changes a picture."""
    outputs = page.locator(".jp-Notebook .jp-OutputArea-output:has(.noUi-handle):has(img), "
                           ".jp-Notebook .jp-OutputArea-output:has(.nnlib-browser input[type=range])")
    timed, untimed = [], []
    for i in range(outputs.count()):
        # a widget drawn in the page is moved by its own sliders (the kernel's are hidden once the page drew it)
        in_page = outputs.nth(i).locator(".nnlib-browser input[type=range]")
        handles = in_page if in_page.count() else outputs.nth(i).locator(".noUi-handle")
        for j in range(min(handles.count(), SLIDERS_TRIED_PER_WIDGET)):
            handle = handles.nth(j)
            info = handle.evaluate(SLIDER_INFO)
            if info["disabled"]:
                continue
            assert handle.evaluate(SHOW_WIDGET), f"{name}: could not focus slider {info['label']!r} of {info['cell']}"
            key = _probe(page, handle, info)
            if key is None:
                continue
            back = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
            times, arrivals = [], []
            for press, k in enumerate([back, key] * (PRESSES // 2) + [back]):  # ends where it started
                result = _press_and_time(page, handle, k, PRESS_TIMEOUT)
                assert result is not None, (f"{name}: slider {info['label']!r} of {info['cell']}, press {press + 1} "
                                            f"({k}): no new picture on screen within {PRESS_TIMEOUT} ms")
                times.append(result["ms"])
                arrivals.append(result["srcMs"])
            timed.append({"slider": f"{info['label']} {info['cell']}", "times": times, "arrivals": arrivals,
                          "median": statistics.median(times), "worst": max(times)})
            break
        else:
            untimed.append(outputs.nth(i).evaluate(
                "out => { const p = out.closest('.jp-Cell').querySelector('.jp-InputPrompt');"
                " return 'In [' + (p ? p.textContent.replace(/[^0-9]/g, '') : '?') + ']'; }"))
    if not timed:
        pytest.fail(f"{name}: no slider changes a picture when moved with the arrow keys "
                    f"(widgets with a slider and a picture: {', '.join(untimed) or 'none'})")
    times = [t for widget in timed for t in widget["times"]]
    arrivals = [t for widget in timed for t in widget["arrivals"]]
    return {"notebook": name, "widgets_timed": timed, "untimed": untimed, "times": times,
            "median": statistics.median(times), "worst": max(times), "arrival_median": statistics.median(arrivals)}


def _screenshot(page, path):
    """The whole notebook in one picture: make the window as tall as the notebook, then shoot."""
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    page.evaluate("() => { const o = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
                  ".jp-WindowedPanel-outer'); if (o) o.scrollTop = 0; }")
    extra = page.evaluate("""() => {
      const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
      const inner = outer && outer.querySelector('.jp-WindowedPanel-inner');
      return outer && inner ? inner.scrollHeight - outer.clientHeight + 20 : 0;
    }""")
    height = min(MAX_SCREENSHOT_HEIGHT, VIEWPORT["height"] + max(0, extra))
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    try:
        page.wait_for_timeout(250)  # relayout and paint the cells now in view
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(VIEWPORT)


def _open(page, lab, name):
    """Open the notebook in a fresh workspace and wait for its kernel; fail on anything broken as it opens."""
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")  # ?reset: only this notebook is open
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                           "&& window.jupyterapp.shell.currentWidget.context "
                           f"&& window.jupyterapp.shell.currentWidget.context.path === {name!r}")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    page.wait_for_function(KERNEL_READY, timeout=RUN_TIMEOUT * 1000, polling=100)
    # As from a fresh clone: the saved outputs show (widgets as their saved picture) and nothing is broken.
    _fail_on_screen_problems(page, name, "as opened")


def _run_all(page, name):
    """Clear the saved outputs, Run All Cells from the menu, wait for the end; fail on errors or broken widgets.
    Returns (number of widget outputs, what the screen check found)."""
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(OUTPUTS_CLEARED, polling=100)
    _menu(page, "Run", "Run All Cells")
    try:
        page.wait_for_function(RUN_FINISHED, timeout=RUN_TIMEOUT * 1000, polling=100)
    except Exception:
        state = page.evaluate(NOTEBOOK_STATE)
        pending = [c["index"] + 1 for c in state["cells"] if c.get("pending")] if state else "?"
        pytest.fail(f"{name}: Run All Cells did not finish within {RUN_TIMEOUT} s "
                    f"(kernel {state and state['status']}; cells still running or queued, by position: {pending})")
    state = page.evaluate(NOTEBOOK_STATE)
    code = [c for c in state["cells"] if c["type"] == "code"]
    errors = [f"In [{c['count']}] (cell {c['index'] + 1}): {e}" for c in code for e in c["errors"]]
    assert not errors, f"{name}: error output after Run All Cells:\n  " + "\n  ".join(errors)
    not_run = [c["index"] + 1 for c in code if c["count"] is None and c["source"].strip()]
    assert not not_run, f"{name}: code cells that did not run (position in the notebook): {not_run}"
    found = _wait_for_widgets(page, name)
    expected = sum(c["widgets"] for c in code)
    assert expected > 0, f"{name}: no widget at all after Run All Cells"
    assert found["rendered"] >= expected, (f"{name}: {expected} widget outputs, but only {found['rendered']} "
                                           "show a live widget")
    return expected, found


def _report(row):
    """A line per notebook and per timed widget (shown with pytest -s), and what a learner should not see."""
    print(f"\n{row['notebook']}: {row['widgets']} widgets; key press -> new pixels: median {row['median']:.1f} ms, "
          f"worst {row['worst']:.1f} ms over {len(row['times'])} presses (the new picture reached the page after "
          f"{row['arrival_median']:.1f} ms, median); " + ", ".join(f"{k} {v:.1f} s" for k, v in row["phases"].items()))
    print(f"  axe-core: no violation in the content; Tab visits all {row['keyboard'][1]} controls of "
          f"{row['keyboard'][0]} widgets, each named")
    for widget in row["widgets_timed"]:
        print(f"  {widget['slider']}: {', '.join(f'{t:.0f}' for t in widget['times'])} ms")
    for cell in row["untimed"]:
        print(f"  the widget of {cell}: no slider changes its picture (not timed)")
    for text in row["stderr"]:
        print(f"  stderr shown to the learner: {text}")


@pytest.mark.parametrize("name", NAMES, ids=[name.removesuffix(".ipynb") for name in NAMES])
def test_notebook_in_browser(name, browser_available, latency_rows, request):
    source = ROOT / "notebooks" / name
    if not source.exists():
        pytest.fail(f"notebooks/{name} is missing (listed in nnlib.course.NOTEBOOKS)")
    lab = request.getfixturevalue("lab")
    browser = request.getfixturevalue("browser")
    shutil.copy2(source, lab.root / name)  # the notebook as it is now, into the server's copy of the course

    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    browser_errors = []
    page.on("pageerror", lambda error: browser_errors.append(f"page error: {error}"))
    page.on("console", lambda message: browser_errors.append(f"console error: {message.text}")
            if message.type == "error" else None)
    failed_shot = SCREENSHOTS / name.replace(".ipynb", "-failed.png")
    failed_shot.unlink(missing_ok=True)
    phases, started = {}, time.monotonic()

    def phase(label):
        phases[label] = time.monotonic() - started - sum(phases.values())

    try:
        _open(page, lab, name)
        phase("open")
        widgets, found = _run_all(page, name)
        phase("run")
        markdown = page.evaluate(RENDERED_MARKDOWN)
        assert markdown["rendered"] == markdown["cells"], f"{name}: not every markdown cell rendered: {markdown}"
        violations = _accessibility_violations(page)
        assert not violations, (f"{name}: axe-core finds {len(violations)} accessibility violations in the course's "
                                "content after Run All:\n  " + "\n  ".join(violations))
        keyboard = _keyboard_path(page, name)
        phase("access")
        row = _measure_widgets(page, name)
        _fail_on_screen_problems(page, name, "after moving the sliders")
        phase("keys")
        _screenshot(page, SCREENSHOTS / name.replace(".ipynb", ".png"))
        phase("shot")
        row.update(widgets=widgets, phases=phases, stderr=found["stderr"], keyboard=keyboard)
        latency_rows.append(row)
        _report(row)
    except (Exception, pytest.fail.Exception):
        try:  # what the page showed when the test failed, for whoever reads the CI log
            _screenshot(page, failed_shot)
            print(f"\n{name}: screenshot of the failure: {failed_shot.relative_to(ROOT)}")
        except Exception:
            pass
        raise
    finally:
        for text in browser_errors:
            print(f"  browser {text[:300]}")
        context.close()
        lab.shut_down_kernels()
