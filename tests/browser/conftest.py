"""Fixtures for the real-browser tests: one JupyterLab server on a copy of the course, one headless Chromium.

The browser is the system's Chromium (Debian's `chromium` package); nothing downloads a browser. Without a
Chromium, or without the `playwright` package (`pip install -e ".[browser-tests]"`), every browser test is
skipped and the end of the test run says so.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",  # Chromium refuses to start as root without it (CI runs as root)
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    # without these, Chromium calls Google's servers at start-up, and offline machines refuse the connections
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 90  # seconds

# Filled by the tests, printed at the end of the run (and written next to the screenshots).
LATENCY_ROWS = []


def find_chromium():
    """The system's Chromium: /usr/bin/chromium, else `chromium` on PATH, else None."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def skip_reason():
    """Why the browser tests cannot run here, or None when they can."""
    if find_chromium() is None:
        return ("no Chromium found (/usr/bin/chromium or `chromium` on PATH); "
                "install one with `apt-get install chromium` (.ci/run does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("the `playwright` package is not installed; "
                "install it with `pip install -e \".[browser-tests]\"` (make test does)")
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab server: its base URL, token and the folder it serves."""

    def __init__(self, url, token, root, log_path):
        self.url, self.token, self.root, self.log_path = url, token, root, log_path

    def api(self, method, path):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self):
        """Stop every kernel (and its session) so the next notebook has the CPU to itself."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def log_tail(self, lines=40):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on a copy of notebooks/ (the committed files never change), isolated from the user's settings."""
    base = tmp_path_factory.mktemp("browser")
    notebooks = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    # Fresh Jupyter config, settings, workspaces and runtime: no first-run or news prompts, no restored tabs.
    settings = base / "lab-settings"
    for plugin, values in {
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               PYTHONUNBUFFERED="1")
    env.pop("JUPYTER_TOKEN", None)
    port, token = _free_port(), secrets.token_hex(16)
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter), "lab"] if jupyter.exists() else [sys.executable, "-m", "jupyterlab"]
    command += [
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=None",  # no news feed
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups from the extension manager
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: the tests read cell models through it
        "--NotebookNotary.db_file=:memory:",  # every notebook opens untrusted, as from a fresh clone
    ]
    log_path = base / "jupyterlab.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=notebooks, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, notebooks, log_path)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {process.returncode}:\n{server.log_tail()}")
            try:
                server.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
                time.sleep(0.25)
        yield server
    finally:
        try:
            server.shut_down_kernels()
        except Exception:  # the server may already be gone; stopping it below is what matters
            pass
        _stop(process)


def _stop(process):
    """Stop the server (which stops its kernels), then anything left in its process group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=15)


@pytest.fixture
def browser_available():
    """Skip the test, saying why, when there is no Chromium or no playwright."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def page(request):
    """The test module's notebook of widgets (its NAME, SETUP and CELLS) run once in JupyterLab: the page, shared by
    the module's tests (see _page.py)."""
    from _page import widget_page

    module = request.module
    yield from widget_page(request, module.NAME, module.SETUP, module.CELLS)


@pytest.fixture(scope="session")
def latency_rows():
    """The per-notebook timings; printed at the end of the run."""
    return LATENCY_ROWS


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every notebook."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last: the quick unit tests report first, and these are the slowest."""
    here = Path(__file__).parent
    items.sort(key=lambda item: Path(str(item.path)).is_relative_to(here))


def latency_table(rows):
    """Key press -> new pixels per notebook (all its timed presses), and under it per widget."""
    lines = ["key press -> new pixels on screen, ms: median and worst of the timed presses; 'arrives': median time",
             "until the new picture reached the page (the rest is decoding and painting it)",
             f"{'notebook / slider timed':<44} {'presses':>7} {'median':>7} {'worst':>7} {'arrives':>7}"]
    for row in rows:
        lines.append(f"{row['notebook']:<44} {len(row['times']):>7} {row['median']:>7.1f} {row['worst']:>7.1f} "
                     f"{row['arrival_median']:>7.1f}")
        for widget in row["widgets_timed"]:
            lines.append(f"  {widget['slider'][:42]:<42} {len(widget['times']):>7} {widget['median']:>7.1f} "
                         f"{widget['worst']:>7.1f} {statistics.median(widget['arrivals']):>7.1f}")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter):
    reason = skip_reason()
    ran_browser_tests = any(report.nodeid.startswith("tests/browser/")
                            for reports in terminalreporter.stats.values() for report in reports
                            if hasattr(report, "nodeid"))
    if not ran_browser_tests:
        return
    terminalreporter.section("browser tests")
    if reason:
        terminalreporter.write_line(f"SKIPPED the browser tests: {reason}", yellow=True, bold=True)
        return
    if LATENCY_ROWS:
        rows = sorted(LATENCY_ROWS, key=lambda row: row["notebook"])
        table = latency_table(rows)
        terminalreporter.write_line(table)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "latency.txt").write_text(table + "\n")
    terminalreporter.write_line(f"screenshots: {SCREENSHOTS.relative_to(ROOT)}/")
