"""Text alternatives: plots.show puts the picture in the notebook with alt text, and the plots' describe() says
what the picture shows with the numbers it shows (compared here with numbers computed another way)."""

import base64
import html
import re

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import nnlib  # noqa: E402
from nnlib import datasets, plots  # noqa: E402


@pytest.fixture
def shown(monkeypatch):
    """What plots.show displayed: a list of (bundle, raw) pairs."""
    calls = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda data, raw=False: calls.append((data, raw)))
    return calls


def test_show_displays_the_picture_with_its_alt_text_and_closes_the_figure(shown):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [0, 1])
    plots.show(fig, alt='A rising line from (0, 0) to (1, 1), "y = x" & <nothing else>.')
    (bundle, raw), = shown
    assert raw
    assert bundle["text/plain"] == 'A rising line from (0, 0) to (1, 1), "y = x" & <nothing else>.'
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    tag = bundle["text/html"]
    alt = re.search(r'alt="([^"]*)"', tag).group(1)
    assert html.unescape(alt) == bundle["text/plain"]  # quotes and brackets escaped, nothing lost
    assert f'src="data:image/png;base64,{bundle["image/png"]}"' in tag
    assert not plt.fignum_exists(fig.number)  # closed: the inline backend will not show it a second time


@pytest.mark.parametrize("alt, error", [(None, TypeError), (3, TypeError), ("", ValueError), ("   ", ValueError)])
def test_show_wants_a_sentence(alt, error, shown):
    fig = plt.figure()
    with pytest.raises(error, match="alt"):
        plots.show(fig, alt=alt)
    assert not shown
    plt.close(fig)


def test_show_says_what_it_wants_instead_of_something_that_is_not_a_figure(shown):
    with pytest.raises(TypeError, match="matplotlib Figure"):
        plots.show([1, 2], alt="a list")


def test_decision_boundary_text_counts_the_points_on_their_own_side():
    X, y = datasets.toy_2d("moons", seed=0)
    model = nnlib.MLP([2, 8, 1], seed=0)
    model.fit(X, y, epochs=30, lr=0.5)
    right = int((model.predict(X) == y).sum())
    fig, ax = plt.subplots()
    text = plots.plot_decision_boundary(model, X, y, ax=ax, title="moons:").describe()
    assert text.startswith("moons. The plane is coloured by P(class 1)")
    assert f"{right} of 200 are on their own class's side" in text
    assert f"{int((y == 0).sum())} of class 0 (circles), {int((y == 1).sum())} of class 1 (triangles)" in text
    assert "A black line marks the decision boundary: one curved line." in text
    plt.close(fig)


def test_decision_boundary_text_says_the_shape_of_the_line():
    X, y = datasets.toy_2d("circles", seed=0)
    neuron = plots.plot_decision_boundary(lambda P: P @ np.array([1.0, -2.0]) + 0.3, X, y)
    assert "the decision boundary: one straight line" in neuron.describe()
    ring = plots.plot_decision_boundary(lambda P: (P ** 2).sum(axis=1) - 0.5, X, y)
    assert "the decision boundary: a closed curve" in ring.describe()
    unsure = nnlib.MLP([2, 1], seed=0)
    unsure.weights = [unsure.weights[0] * 0.01]
    assert "(pale everywhere: the model is unsure)" in plots.plot_decision_boundary(unsure, X, y).describe()
    plt.close("all")


def test_decision_boundary_text_follows_update():
    X, y = datasets.toy_2d("xor", seed=0)
    picture = plots.plot_decision_boundary(lambda P: np.zeros(len(P)) - 1.0, X, y)
    assert "No boundary crosses this part of the plane: it is blue everywhere." in picture.describe()
    assert f"{int((y == 0).sum())} of 200 are on their own class's side" in picture.describe()
    model = nnlib.MLP([2, 4, 1], seed=1)
    picture.update(model)
    assert f"{int((model.predict(X) == y).sum())} of 200" in picture.describe()
    plt.close("all")


def test_weight_map_marks_every_negative_weight_and_says_its_extremes():
    w = np.linspace(-1, 2, 64)[np.random.default_rng(3).permutation(64)]
    drawn = plots.plot_neuron_weights(w)
    marked = drawn.marks.get_offsets()
    rows, columns = np.nonzero(w.reshape(8, 8) < 0)
    assert sorted(map(tuple, np.asarray(marked, dtype=int))) == sorted(zip(columns, rows))
    text = drawn.describe()
    top, bottom = int(np.argmax(w)), int(np.argmin(w))
    assert f"{int((w > 0).sum())} positive, {int((w < 0).sum())} negative" in text
    assert f"+2, at row {top // 8 + 1}, column {top % 8 + 1}" in text
    assert f"-1, at row {bottom // 8 + 1}, column {bottom % 8 + 1}" in text
    assert "dot" in drawn.colorbar.ax.get_ylabel()
    change = plots.plot_neuron_weights(w, label="change in weight").describe()
    assert change.startswith("The neuron's 64 changes in weight as a picture 8 by 8")
    plt.close("all")
