"""Every notebook follows the course's anatomy and is committed the way learners and GitHub should see it.

(nbval, run by `make test` on notebooks/, separately checks that each notebook's saved outputs match a fresh run.)
"""

import html
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib
from nnlib import autograd
from nnlib.autograd import Value
from nnlib.course import NOTEBOOKS, SETUP_CELL

from feedback import harness

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = [NOTEBOOK_DIR / name for name, _, _ in NOTEBOOKS]


def read(path):
    return nbformat.read(path, as_version=4)


def tagged(nb, tag):
    return [cell for cell in nb.cells if tag in cell.metadata.get("tags", [])]


def test_every_notebook_of_the_course_is_there():
    missing = [path.name for path in PATHS if not path.exists()]
    assert not missing, f"missing notebooks: {missing}"
    assert sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb")) == [p.name for p in PATHS]


@pytest.fixture(params=PATHS, ids=lambda p: p.stem)
def notebook(request):
    if not request.param.exists():
        pytest.fail(f"{request.param.name} is missing")
    return request.param, read(request.param)


def test_valid_executed_and_without_widget_state(notebook):
    path, nb = notebook
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata, "saved widget state: run `make clean-notebooks`"
    counts = [cell.execution_count for cell in nb.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "not executed top to bottom in a fresh kernel"
    errors = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert not errors


def test_opens_with_title_and_setup(notebook):
    path, nb = notebook
    title = dict((name, title) for name, title, _ in NOTEBOOKS)[path.name]
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {title}")
    assert re.search(r"minutes", first.source), "estimated time"
    setup = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert setup.source == SETUP_CELL


def test_exercises_come_as_exercise_solution_check(notebook):
    path, nb = notebook
    kinds = [next((t for t in ("exercise", "solution", "check") if t in c.metadata.get("tags", [])), None)
             for c in nb.cells]
    starts = [i for i, kind in enumerate(kinds) if kind == "exercise"]
    assert len(starts) >= 3, "at least three exercises"
    for i in starts:
        assert kinds[i:i + 3] == ["exercise", "solution", "check"], f"cell {i}: exercise, solution, check in a row"
        assert nb.cells[i].cell_type == "code" and nb.cells[i + 2].cell_type == "code"
        solution = nb.cells[i + 1].source
        assert "<details><summary>Show solution</summary>" in solution and "```python" in solution
    assert len(harness().exercises(nb)) == len(starts), "the harness finds every exercise's stub, solution and check"


def test_as_shipped_no_check_claims_success(notebook):
    path, nb = notebook
    for cell in tagged(nb, "check"):
        text = "".join(out.get("text", "") for out in cell.outputs)
        assert text.strip(), f"check cell {cell.source!r} printed nothing"
        assert "✅" not in text, f"the stub passes {cell.source!r}"


def test_ends_with_takeaways_and_a_link_onwards(notebook):
    path, nb = notebook
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.search(r"(?i)key takeaways", markdown)
    index = [p.name for p in PATHS].index(path.name)
    if index + 1 < len(PATHS):
        assert f"({PATHS[index + 1].name})" in markdown, "link to the next notebook"


def teaching_cells():
    """Every cell tagged `teaches`: a code cell's source, or the ```python blocks of a markdown cell (a published
    solution that rewrites nnlib's code, or a snippet in the text)."""
    for path in PATHS:
        if path.exists():
            for i, cell in enumerate(tagged(read(path), "teaches")):
                source = cell.source if cell.cell_type == "code" else "\n".join(harness().code_blocks(cell.source))
                yield pytest.param(source, id=f"{path.stem}-{i}")


# What 09 teaches by writing it out, and what nnlib.autograd ships in its place: the backward steps of + and *
# (inside Value.__add__ and Value.__mul__), topological_order, and Value.backward.
AUTOGRAD_TAUGHT = ("add_backward", "mul_backward", "topological_order", "backward")


def random_graph(seed):
    """A small random graph of Values, nodes often used twice. Returns (leaves, output); same seed, same graph."""
    rng = np.random.default_rng(seed)
    nodes = [Value(v) for v in rng.uniform(-1.5, 1.5, 3)]
    leaves = list(nodes)
    for _ in range(10):
        a, b = (nodes[int(k)] for k in rng.integers(0, len(nodes), 2))
        op = rng.choice(["+", "*", "-", "tanh", "sigmoid"])
        nodes.append(a + b if op == "+" else a * b if op == "*" else a - b if op == "-" else getattr(a, op)())
    out = nodes[-1]
    for v in nodes[-4:-1]:
        out = out + v
    return leaves, out


def agrees_with_autograd(name, function, rng):
    if name in ("add_backward", "mul_backward"):
        for same in (False, True):  # a node used twice, as in a + a, and inputs already holding blame
            a0, b0, g, held_a, held_b = rng.normal(size=5)
            grads = []
            for backward_step in (None, function):
                a = Value(a0)
                b = a if same else Value(b0)
                a.grad, b.grad = held_a, (held_a if same else held_b)
                if backward_step is None:  # nnlib's own backward step, inside the Value the operation made
                    out = a + b if name == "add_backward" else a * b
                    out.grad = g
                    out._backward()
                else:
                    out = Value(a.data + b.data if name == "add_backward" else a.data * b.data)
                    out.grad = g
                    backward_step(a, b, out)
                grads.append((a.grad, b.grad))
            assert np.allclose(grads[0], grads[1], rtol=1e-12, atol=1e-12), (name, same, grads)
    elif name == "topological_order":
        for seed in range(5):
            _, out = random_graph(seed)
            ours, theirs = function(out), autograd.topological_order(out)
            assert sorted(map(id, ours)) == sorted(map(id, theirs)) and len(ours) == len(theirs)
            position = {id(v): k for k, v in enumerate(ours)}
            assert ours[-1] is out and all(position[id(i)] < position[id(v)] for v in ours for i in v.inputs)
    elif name == "backward":
        for seed in range(5):
            (ours, out), (theirs, reference) = random_graph(seed), random_graph(seed)
            function(out)
            reference.backward()
            assert np.allclose([v.grad for v in ours], [v.grad for v in theirs], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("source", list(teaching_cells()))
def test_what_a_notebook_writes_out_agrees_with_nnlib(source):
    given = {"np": np, "Value": Value, "topological_order": autograd.topological_order}
    namespace = dict(given)
    exec(source, namespace)
    taught = {name: f for name, f in namespace.items() if callable(f) and f is not given.get(name)
              and (hasattr(nnlib, name) or name in AUTOGRAD_TAUGHT)}
    assert taught, "a `teaches` cell should define a function that nnlib ships under the same name"
    rng = np.random.default_rng(0)
    for name, function in taught.items():
        if name in AUTOGRAD_TAUGHT:
            agrees_with_autograd(name, function, rng)
        elif name == "dense_forward":
            X, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
            ours, theirs = function(X, W, b), nnlib.dense_forward(X, W, b)
            assert np.allclose(ours[0], theirs[0])
        elif name == "dense_backward":
            X, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
            dZ = rng.normal(size=(5, 3))
            for ours, theirs in zip(function(dZ, (X, W)), nnlib.dense_backward(dZ, (X, W))):
                assert np.allclose(ours, theirs)
        else:
            z = rng.normal(0, 3, size=(6, 5))
            assert np.allclose(function(z), getattr(nnlib, name)(z)), name
            if name == "softmax":
                assert np.allclose(function(np.array([[1000.0, 0.0, -1000.0]])), [[1, 0, 0]])


def test_every_markdown_image_has_alt_text(notebook):
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for alt in re.findall(r"!\[([^\]]*)\]\(", cell.source):
                assert alt.strip(), f"an image without alt text in {path.name}"
            for tag in re.findall(r"<img\b[^>]*>", cell.source):
                assert re.search(r'alt="[^"]+"', tag), f"an <img> without alt text in {path.name}"


def _is_widget(output):
    return "application/vnd.jupyter.widget-view+json" in output.get("data", {})


def test_every_figure_has_a_text_alternative(notebook):
    """A static figure is shown with plots.show(fig, alt=...): an <img> whose alt text says what it shows, with
    numbers, and the same text as the output's plain text (what nbval compares on every run)."""
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            data = output.get("data", {})
            if "image/png" not in data or _is_widget(output):
                continue
            where = f"{path.name}, cell {cell.source.splitlines()[0][:60] if cell.source else ''!r}"
            assert "text/html" in data, f"a figure without a text alternative in {where}: show it with plots.show"
            alt = re.search(r'<img\b[^>]*\balt="([^"]*)"', data["text/html"])
            assert alt and len(alt.group(1).split()) >= 8, f"alt text too short to say what the figure shows: {where}"
            assert re.search(r"\d", alt.group(1)), f"alt text without the figure's numbers: {where}"
            assert html.unescape(alt.group(1)) == data["text/plain"].strip(), where


def _markdown_tables(source):
    """Each markdown table's header row, as a list of its cells."""
    lines = source.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.strip().startswith("|") and re.fullmatch(r"\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*", lines[i + 1]):
            yield [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_markdown_a_screen_reader_can_follow(notebook):
    """Every table header has text; headings go down one level at a time; links say where they go."""
    path, nb = notebook
    level = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for header in _markdown_tables(cell.source):
            assert all(header), f"{path.name}: a table with an empty header cell: {header}"
            # a header of math alone ($z$) is drawn by MathJax with no text a screen reader can read
            math_only = [text for text in header if re.fullmatch(r"\$[^$]*\$", text)]
            assert not math_only, f"{path.name}: table headers of math alone (write them as text): {math_only}"
        for hashes in re.findall(r"^(#{1,6}) ", cell.source, flags=re.MULTILINE):
            assert len(hashes) <= level + 1, f"{path.name}: a heading skips from level {level} to {len(hashes)}"
            level = len(hashes)
        for text in re.findall(r"(?<!!)\[([^\]]+)\]\([^)]+\)", cell.source):
            assert text.strip().lower() not in {"here", "this", "link", "this link", "click here"}, \
                f"{path.name}: a link whose text does not say where it goes: [{text}]"
            assert not re.fullmatch(r"https?://\S+", text.strip()), f"{path.name}: a bare address as link text"
