"""What 05_layers tells learners, checked: the claims its text makes, and that its student copy hides the cells
that show an exercise's answer."""

import ast
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "05_layers.ipynb"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def tagged(cell, tag):
    return tag in cell.metadata.get("tags", [])


def test_dividing_each_image_by_its_darkest_pixel_makes_a_faint_digit_as_dark_as_a_bold_one():
    # cell 19: a normalisation some systems use, which loses how dark the ink was; the scale's maximum keeps it
    bold = np.round(nnlib.load_digits().images[0] * 16)
    faint = bold / 2  # the same digit, with half the ink
    per_image = [image / image.max() for image in (bold, faint)]
    by_the_scale = [image / 16 for image in (bold, faint)]
    assert np.allclose(per_image[0], per_image[1]), "per image: the faint digit comes out exactly as dark"
    assert np.allclose(by_the_scale[1], by_the_scale[0] / 2), "by the scale's maximum: it stays half as dark"


def test_the_darkest_pixel_is_not_called_wrong_and_the_decision_boundary_is_named(nb):
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert "ink that is not there" not in text and "is a normalisation too" in text
    assert "**decision boundary**" in text


def answer_cells(nb, pattern):
    return [cell for cell in nb.cells if cell.cell_type == "code" and re.search(pattern, cell.source)]


@pytest.mark.parametrize("pattern", [
    r"\(-2\.0, 0\.23\), \(-1\.3, 0\.5\)",   # exercise 5's published hinges
    r"factory, 3, \[2, 3\]",                # exercise 6's published answer
])
def test_a_cell_that_shows_an_exercises_answer_is_hidden_from_the_student_copy(nb, pattern):
    cells = answer_cells(nb, pattern)
    assert cells, "the pattern should find the cell it guards"
    assert all(tagged(cell, "student-hide") for cell in cells)


def names(source, kind):
    """The names a cell's code stores (assignments, def, import, for) or loads."""
    tree = ast.parse(source)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, kind):
            found.add(node.id)
        elif kind is ast.Store and isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif kind is ast.Store and isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return found


def hidden_names_needed_later(nb):
    """Names made only in student-hide cells that a later cell reads: a student copy without them would crash."""
    made_visibly, made_hidden, needed = set(), set(), []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        if tagged(cell, "student-hide"):
            made_hidden |= names(source, ast.Store) - made_visibly
            continue
        needed += sorted((names(source, ast.Load) & made_hidden) - made_visibly - names(source, ast.Store))
        made_visibly |= names(source, ast.Store)
    return needed


def test_the_hidden_cells_make_nothing_a_later_cell_needs(nb):
    assert hidden_names_needed_later(nb) == []


# ---- how close a few hinges can come (cell 60) -------------------------------------------------------------------

def best_error(positions, n_points=1201):
    """The smallest largest error |sum - bump| on -3..3 for hinges at these positions: the slopes chosen by a
    linear program (minimise t with |A s - y| <= t), an oracle independent of the check and the widget."""
    from scipy.optimize import linprog

    x = np.linspace(-3, 3, n_points)
    y = np.exp(-x ** 2)
    A = np.maximum(0, x[:, None] - np.asarray(positions)[None, :])
    n = A.shape[1]
    column = -np.ones((len(x), 1))
    found = linprog(np.r_[np.zeros(n), 1.0], A_ub=np.block([[A, column], [-A, column]]), b_ub=np.r_[y, -y],
                    bounds=[(None, None)] * n + [(0, None)], method="highs")
    return found.fun


def test_five_hinges_can_come_within_003_and_six_within_002_of_the_bump():
    # positions a search (Nelder-Mead over the positions, from many starts) found; the slopes are the best for them
    assert best_error([-2.028, -1.323, -0.197, 0.206, 1.43]) < 0.033
    assert best_error([-1.97, -1.27, -0.19, 0.2, 1.1, 1.57]) < 0.023


def test_four_hinges_stay_above_the_goal_near_the_best_placement_the_search_found():
    best = np.array([-3.167, -1.602, 0.0, 1.62])
    assert 0.053 < best_error(best, 301) < 0.055
    nudges = np.array(np.meshgrid(*[[-0.1, 0.0, 0.1]] * 4)).reshape(4, -1).T
    assert min(best_error(best + nudge, 301) for nudge in nudges) > 0.053


def test_the_text_says_what_the_search_found_and_what_the_colours_mean(nb):
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert "Getting closer than 0.05 takes" not in text  # five hinges can get to 0.03
    assert "within about 0.03" in text and "about 0.054" in text and "six: about 0.02" in text
    # 05's builder: a ReLU neuron's map is white where it is off (a scale centred on 0), the sigmoid output's where
    # it says 0.5 (its range, 0 to 1): the text no longer says every map is white at 0 and blue below it
    from nnlib.state.activation import colour_limits

    assert colour_limits("sigmoid") == (0.0, 1.0)
    low, high = colour_limits("relu", np.array([0.0, 2.5]))
    assert low == -high
    assert "blue where it is negative" not in text and "white where it says 0.5" in text
