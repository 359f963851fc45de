"""The initialisation explorer drawn in the browser, its kernel side (no browser needed): the loss curve of every
start reaches the page, even a start set in code before any page had drawn the widget (a message sent then finds
no page to hear it). tests/browser/test_browser_initialisation.py checks the page side."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import widgets  # noqa: E402


@pytest.fixture
def explorer():
    pytest.importorskip("anywidget")
    before = widgets.drawing()
    widgets.drawing("browser")
    try:
        X_train, _, y_train, _ = nnlib.digits_split()
        made = widgets.initialisation_explorer(X_train[:60], y_train[:60], std=0.1, hidden=(8, 8), steps=5)
    finally:
        widgets.drawing(before)
    made.messages = []
    made.browser.send = lambda content, buffers=None: made.messages.append(content)
    return made


def sent_keys(explorer):
    return [message["losses"]["key"] for message in explorer.messages]


def test_a_start_set_before_the_page_drew_is_sent_once_the_page_has_drawn(explorer):
    explorer.controls["std"].value = 0.5  # in code, in the cell that made it: no page yet
    explorer.controls["activation"].value = "tanh"
    assert explorer.messages == []  # nothing sent into the void
    explorer.browser.ready = True  # what the page says once it has drawn
    assert sent_keys(explorer) == ["tanh|normal|0.5"]
    losses = explorer.messages[0]["losses"]
    assert len(losses["losses"]) == 6 and losses["losses"] == pytest.approx(explorer.frame["losses"], nan_ok=True)
    assert list(explorer.browser.spec["losses"]) == ["start"]  # the big spec is not sent again


def test_the_start_the_page_began_with_is_not_sent_again(explorer):
    explorer.browser.ready = True
    assert explorer.messages == []  # the spec carried its losses
    explorer.controls["std"].value = 0.2
    explorer.controls["std"].value = 0.2
    explorer.controls["init"].value = "he"
    assert sent_keys(explorer) == ["relu|normal|0.2", "relu|he|"]
