"""A kernel-drawn widget names its picture and controls for a screen reader (widgets/names.py, front/names.js):
its picture's text alternative follows the state at every redraw. (tests/browser checks the page side.)"""

import re

import pytest

from nnlib import widgets
from nnlib.widgets import setup


@pytest.fixture
def browser_drawing():
    pytest.importorskip("anywidget")
    before = widgets.drawing()
    widgets.drawing("browser")
    yield
    widgets.drawing(before)


def test_the_picture_text_says_the_numbers_the_readout_shows_and_follows_a_change(browser_drawing):
    explorer = widgets.descent_explorer(lr=0.01, steps=20)
    assert explorer.screen_reader is not None and explorer.screen_reader in explorer.children
    first = explorer.screen_reader.picture
    assert first.startswith("Picture: Gradient descent explorer")
    assert "lr = 0.010, 20 steps" in first
    explorer.controls["steps"].value = 30
    assert "30 steps" in explorer.screen_reader.picture and "20 steps" not in explorer.screen_reader.picture
    assert not re.search(r"<[^>]+>", explorer.screen_reader.picture)  # plain text: no HTML tags read aloud


def test_the_setup_dot_says_where_it_is(browser_drawing):
    dot = setup.moving_dot()
    dot.controls["step"].value = 5
    assert dot.screen_reader.picture == "A blue dot on a grey circle, at step 5 of 24 of its way round."


def test_a_browser_drawn_widget_needs_no_names_module(browser_drawing):
    playground = widgets.neuron_playground()
    assert playground.browser is not None and playground.screen_reader is None


def test_kernel_drawing_adds_nothing_to_the_page():
    before = widgets.drawing()
    widgets.drawing("kernel")
    try:
        assert widgets.descent_explorer().screen_reader is None
    finally:
        widgets.drawing(before)
