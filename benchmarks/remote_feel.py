"""How a drag feels on a slow link: key press -> new pixels, and pictures per second while dragging.

    .venv/bin/python benchmarks/remote_feel.py            # every browser-drawn widget, direct and through the link
    .venv/bin/python benchmarks/remote_feel.py --delay 50 # one-way delay in ms (50: a 100 ms round trip)

JupyterLab runs in headless Chromium (the system's), once directly and once behind a local TCP proxy that holds
every chunk of data for `delay` ms in each direction, in order: what a learner on Binder, Colab or a university hub
often has. Each widget is shown twice, drawn in the browser and drawn in the kernel (the fallback), and measured:

- press: key press -> the new picture painted (median of 5 presses, each after the last settled);
- drag: a 2-second drag driven from the page, one move per animation frame (a scripted mouse moves too slowly to
  show more than about 30 values a second), counting the new pictures painted per second.

Figures, not tests: the numbers depend on the machine and what else it runs.
"""

import argparse
import asyncio
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402
from test_in_browser import ARM_CANVAS_TIMER, ARM_TIMER, RUN_FINISHED  # noqa: E402

# (name, the call that makes it, the control to move): every widget drawn in the browser
WIDGETS = [
    ("neuron playground, party (01)", "widgets.neuron_playground()", "w3"),
    ("neuron playground, plane (03)", "widgets.neuron_playground(X, y, weights=[1.0, 1.0], bias=-1.5)", "w1"),
    ("pixel neuron explorer (01)", "widgets.pixel_neuron_explorer(digits.images, digits.y, knobs={'top row': "
     "top_row}, digit=5)", "top row"),
    ("draw a digit (06)", "widgets.draw_digit(start=None)", "pad"),  # "pad": see measure() and DRAG
    ("graph explorer, network (09)", "widgets.graph_explorer('network')", "x1"),
    ("initialisation explorer, std (10)", "widgets.initialisation_explorer()", "std"),
    # "name|label": the page's control name, then the start of the kernel slider's label when they differ
    ("network builder (05)", "widgets.network_builder('xor', activation='relu')", "W1[0,0]|x1 \u2192 h1"),
    ("bending space (04)", "widgets.bending_space()", "W[0,0]"),
    ("hinges (05)", "widgets.hinges('bump')", "slope 1|slope"),
]
SETUP = """\
import numpy as np
from nnlib import widgets
rng = np.random.default_rng(0)
X = rng.normal(0.0, 1.0, size=(200, 2))
y = (X[:, 0] + X[:, 1] > 0).astype(int)
import nnlib
digits = nnlib.load_digits()
top_row = np.zeros((8, 8)); top_row[0, 2:7] = 1
"""
PRESSES = 5
DRAG_SECONDS = 2.0

# Drive a control from the page, one move per animation frame, for `seconds`; count the new pictures painted.
DRAG = """async ([scopeSelector, control, seconds]) => {
  const scope = document.querySelector(scopeSelector);
  const canvas = scope.querySelector('.nnlib-browser canvas');
  let pictures = 0, moves = 0;
  let move;
  if (control === 'pad' && canvas) {
    // draw a digit in the page: one stroke going round the pad, a pointer move per frame
    const grid = scope.querySelector('.nnlib-browser [role=grid]');
    const box = grid.getBoundingClientRect();
    let angle = 0;
    const at = a => ({clientX: box.left + box.width * (0.5 + 0.3 * Math.cos(a)), pointerId: 1, bubbles: true,
                      clientY: box.top + box.height * (0.5 + 0.35 * Math.sin(a)), pointerType: 'mouse', button: 0});
    grid.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    move = () => { angle += 0.1; grid.dispatchEvent(new PointerEvent('pointermove', at(angle))); };
    const before = canvas.nnlib.drawn;
    var count = () => canvas.nnlib.drawn - before;
  } else if (control === 'pad') {
    // draw a digit in the kernel: its 64 pixel buttons clicked one after another, one a frame
    const buttons = [...scope.querySelectorAll('.widget-gridbox .widget-button')];
    let k = 0;
    move = () => { if (k < buttons.length) buttons[k++].click(); };
    let seen = 0;
    const observer = new MutationObserver(ms => { seen += ms.filter(m => m.target.tagName === 'IMG').length; });
    observer.observe(scope, {subtree: true, attributes: true, attributeFilter: ['src']});
    var count = () => seen;
  } else if (canvas) {
    const input = scope.querySelector(`.nnlib-browser input[name='${control}']`);
    let direction = 1;
    move = () => {
      const step = parseFloat(input.step), value = parseFloat(input.value);
      if (value + direction * step > parseFloat(input.max) || value + direction * step < parseFloat(input.min))
        direction = -direction;
      input.value = value + direction * step;
      input.dispatchEvent(new Event('input', {bubbles: true}));
    };
    const before = canvas.nnlib.drawn;
    var count = () => canvas.nnlib.drawn - before;
  } else {
    const handles = [...scope.querySelectorAll('.noUi-handle')];
    const handle = handles.find(h => (h.closest('.widget-slider').querySelector('.widget-label') || {}).textContent
                                     .trim().startsWith(control)) || handles[0];
    // noUiSlider (ipywidgets 8) moves a handle on its arrow keys, as when a learner holds one down
    let direction = 1;
    move = () => {
      const now = parseFloat(handle.getAttribute('aria-valuenow'));
      if (now >= parseFloat(handle.getAttribute('aria-valuemax'))) direction = -1;
      if (now <= parseFloat(handle.getAttribute('aria-valuemin'))) direction = 1;
      handle.dispatchEvent(new KeyboardEvent('keydown', {key: direction > 0 ? 'ArrowRight' : 'ArrowLeft',
                                                         bubbles: true}));
    };
    let seen = 0;
    const observer = new MutationObserver(ms => { seen += ms.filter(m => m.target.tagName === 'IMG').length; });
    observer.observe(scope, {subtree: true, attributes: true, attributeFilter: ['src']});
    var count = () => seen;
  }
  const t0 = performance.now();
  await new Promise(resolve => {
    const frame = () => {
      if (performance.now() - t0 >= seconds * 1000) return resolve();
      move();
      moves += 1;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await new Promise(resolve => setTimeout(resolve, 300));
  pictures = count();
  return {moves, pictures, seconds: (performance.now() - t0) / 1000};
}"""


class DelayLink:
    """A TCP proxy on 127.0.0.1 that delivers every chunk `delay` seconds late, each direction, in order."""

    def __init__(self, target_port, delay):
        self.target_port, self.delay = target_port, delay
        self.loop = asyncio.new_event_loop()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", self.port))
        ready.set()
        self.loop.run_forever()

    async def _client(self, reader, writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader, writer):
        queue = asyncio.Queue()

        async def deliver():
            while True:
                due, data = await queue.get()
                await asyncio.sleep(max(0.0, due - self.loop.time()))
                if data is None:
                    break
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(deliver())
        try:
            while data := await reader.read(65536):
                queue.put_nowait((self.loop.time() + self.delay, data))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait((self.loop.time() + self.delay, None))
        try:
            await sender
        except (ConnectionError, OSError):
            pass


def start_lab(folder):
    port, token = free_port(), secrets.token_hex(16)
    base = Path(folder)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"), JUPYTERLAB_SETTINGS_DIR=str(base / "settings"))
    settings = base / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"fetchNews": "false", "checkForUpdates": false}')
    jupyter = Path(sys.executable).with_name("jupyter")
    process = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={base / 'notebooks'}",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True"],
        cwd=base, env=env, stdout=open(base / "lab.log", "w"), stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return process, port, token
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise SystemExit("JupyterLab did not start; see " + str(base / "lab.log"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path):
    cells = [nbformat.v4.new_code_cell(SETUP)]
    for drawing in ("browser", "kernel"):
        cells.append(nbformat.v4.new_code_cell(f"widgets.drawing({drawing!r})"))
        cells += [nbformat.v4.new_code_cell(call) for _, call, _ in WIDGETS]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def measure(page, cell_index, control, drawn_in_page):
    """Press -> pixels (median of PRESSES) and drag pictures per second for the widget in code cell cell_index."""
    scope = f".jp-Notebook .jp-Cell:nth-child({cell_index + 1}) .jp-OutputArea-output"
    output = page.locator(scope).first
    output.scroll_into_view_if_needed()
    control, _, label = control.partition("|")
    label = label or control
    keys = ["ArrowRight", "ArrowLeft"]
    if control == "pad":  # draw a digit: a cell of the page's pad inked and erased, or the kernel's pixels clicked
        keys = [" ", "Delete"] if drawn_in_page else ["Enter"]
        handles = ([output.locator(".nnlib-browser [role=gridcell][tabindex='0']")] if drawn_in_page else
                   [output.locator(".widget-gridbox .widget-button").nth(9 * k) for k in range(PRESSES + 1)])
    elif drawn_in_page:
        handles = [output.locator(f".nnlib-browser input[name='{control}']")]
    else:
        handles = [output.locator(".widget-slider", has_text=label).locator(".noUi-handle").first]
    times = []
    for press in range(PRESSES + 1):
        handle = handles[press % len(handles)]
        handle.focus()
        handle.evaluate(ARM_CANVAS_TIMER if drawn_in_page else ARM_TIMER, 5000)
        page.keyboard.press(keys[press % len(keys)])
        result = page.evaluate("() => window.__keyToPixels")
        page.wait_for_timeout(400)
        if result and press:  # the first press warms the path up
            times.append(result["ms"])
    drag = page.evaluate(DRAG, [scope, control if drawn_in_page else label, DRAG_SECONDS])
    page.wait_for_timeout(1500)
    return (statistics.median(times) if times else float("nan")), drag["pictures"] / drag["seconds"]


def run(link_delay):
    from playwright.sync_api import sync_playwright

    folder = tempfile.mkdtemp(prefix="remote-feel-")
    (Path(folder) / "notebooks").mkdir()
    write_notebook(Path(folder) / "notebooks" / "feel.ipynb")
    process, port, token = start_lab(folder)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
            for link, delay in (("direct", 0.0), (f"{2 * link_delay:.0f} ms link", link_delay / 1000)):
                proxy = DelayLink(port, delay) if delay else None
                url = f"http://127.0.0.1:{proxy.port if proxy else port}/lab/tree/feel.ipynb?reset&token={token}"
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.set_default_timeout(120_000)
                page.goto(url)
                page.wait_for_selector(".jp-Notebook .jp-Cell")
                page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                                       ".status === 'idle'")
                page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
                page.wait_for_function(RUN_FINISHED, polling=200)
                page.wait_for_function(f"() => document.querySelectorAll('.nnlib-browser canvas').length "
                                       f">= {len(WIDGETS)}")
                page.wait_for_timeout(2000)
                for k, (name, _, control) in enumerate(WIDGETS):
                    for drawing, cell in (("browser", 2 + k), ("kernel", 3 + len(WIDGETS) + k)):
                        press, fps = measure(page, cell, control, drawing == "browser")
                        rows.append((name, drawing, link, press, fps))
                        print(f"{name:<34} {drawing:<8} {link:<12} press {press:6.1f} ms   drag {fps:5.1f} fps",
                              flush=True)
                page.close()
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delay", type=float, default=50.0, help="one-way delay of the slow link, in ms")
    parser.add_argument("--only", nargs="+", metavar="TEXT", help="only the widgets whose name contains TEXT")
    args = parser.parse_args()
    if args.only:
        WIDGETS[:] = [widget for widget in WIDGETS if any(text in widget[0] for text in args.only)]
    if find_chromium() is None:
        raise SystemExit("No Chromium found (/usr/bin/chromium or chromium on PATH): apt-get install chromium")
    rows = run(args.delay)
    print()
    print(f"{'widget':<34} {'drawn in':<8} {'link':<12} {'press -> pixels':>16} {'drag':>10}")
    for name, drawing, link, press, fps in rows:
        print(f"{name:<34} {drawing:<8} {link:<12} {press:13.1f} ms {fps:6.1f} fps")


if __name__ == "__main__":
    main()
