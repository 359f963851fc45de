"""What 01_neuron says about the perceptron's history and the line its playground draws: the text says what is
true (the perceptron was first described in a report of January 1957, with a threshold and a learning rule), and
the line where z = 0 is named the decision boundary where the learner first sees it."""

from pathlib import Path

import nbformat

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01_neuron.ipynb"


def markdown():
    return [cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.cell_type == "markdown"]


def test_the_perceptron_is_dated_by_its_first_report_and_has_a_threshold_and_a_learning_rule():
    [history] = [text for text in markdown() if "Mark I" in text]
    flat = " ".join(history.split())
    assert "January 1957" in flat and "1958" not in flat           # the report came first; 1958 was the paper
    assert "threshold" in flat and "learning rule" in flat
    assert "Mark I Perceptron" in flat and "400 light sensors" in flat


def test_the_playgrounds_line_is_named_the_decision_boundary_where_the_map_is_described():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    [map_cell] = [i for i, cell in enumerate(nb.cells)
                  if cell.cell_type == "code" and "neuron_playground(party.X[:, 1:]" in cell.source]
    text = " ".join(nb.cells[map_cell - 1].source.split())
    assert "**decision boundary**" in text and "$z = 0$" in text


def first_markdown_with(word):
    """The first markdown cell after the introduction (which promises to introduce what it uses) whose text uses
    `word` (a whole word, any case)."""
    import re

    pattern = re.compile(rf"\b{word}", re.IGNORECASE)
    return next(" ".join(text.split()) for text in markdown()[1:] if pattern.search(text))  # after the introduction


def test_numpy_arrays_and_layers_are_said_what_they_are_where_the_learner_first_reads_them():
    numpy = first_markdown_with("NumPy")
    assert "**NumPy**" in numpy and "*arrays*" in numpy and "np.array" in numpy
    assert "**layers**" in first_markdown_with("layer")


def test_exercise_4_says_the_lead_the_check_asks_for():
    """The exercise asks for a lead of at least 0.5 over the runner-up: a neuron a little under it gets a hint, a
    little over it passes (the single middle column, scaled)."""
    import io
    from contextlib import redirect_stdout

    import numpy as np

    import nnlib
    from nnlib.checks import neuron

    [exercise] = [text for text in markdown() if text.startswith("### Exercise 4")]
    assert "at least 0.5" in exercise and "a:b" in exercise
    digits = nnlib.load_digits()
    column = np.zeros((8, 8))
    column[:, 4] = 1.0
    means = np.array([(digits.X @ column.ravel())[digits.y == k].mean() for k in range(10)])
    lead = means[1] - np.delete(means, 1).max()
    for scale, verdict in ((0.45 / lead, "💡"), (0.55 / lead, "✅")):
        said = io.StringIO()
        with redirect_stdout(said):
            neuron.one_detector(column * scale)
        assert said.getvalue().startswith(verdict), said.getvalue()


def test_exercise_1_warns_of_the_rounding_error_a_learner_will_see():
    """A correct loop gives 1.4000000000000004 for the notebook's example, not 1.4: the exercise says so, and the
    check passes it."""
    import io
    from contextlib import redirect_stdout

    from nnlib.checks import neuron

    def weighted_sum(x, w):
        total = 0.0
        for x_i, w_i in zip(x, w):
            total = total + w_i * x_i
        return total

    assert weighted_sum([8, 10, 9], [0.9, 0.05, -0.7]) != 1.4                # what the learner sees is not 1.4...
    assert abs(weighted_sum([8, 10, 9], [0.9, 0.05, -0.7]) - 1.4) < 1e-12   # ...but 1.4 up to rounding
    [exercise] = [" ".join(text.split()) for text in markdown() if text.startswith("### Exercise 1")]
    assert "1.4000000000000004" in exercise
    said = io.StringIO()
    with redirect_stdout(said):
        neuron.weighted_sum(weighted_sum)
    assert said.getvalue().startswith("✅")
