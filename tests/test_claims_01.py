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
