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
