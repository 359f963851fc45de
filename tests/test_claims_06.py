"""What 06_forward_pass tells a learner about its own cells: §5's catch-up lines remake exactly the data of §1 and
the untrained network of §2 (so the room can skip those demo sections), and the cells that show an exercise's
answer are hidden in the student copy; §4's loud network is exactly 16 times louder because the biases are 0, and
§7's pure-noise numbers hold over a thousand pictures and other draws, not only the five printed."""

import ast
import contextlib
import io

import nbformat
import numpy as np

import nnlib

from feedback import ROOT

NOTEBOOK = ROOT / "notebooks" / "06_forward_pass.ipynb"


def cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def code_containing(text):
    (cell,) = [c for c in cells() if c.cell_type == "code" and text in c.source]
    return cell


def test_section_5_remakes_the_data_and_the_untrained_network_it_follows():
    namespace = {"np": np, "nnlib": nnlib}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code_containing('print("X_train:", X_train.shape').source.split("\n")[0], namespace)         # §1
        exec(code_containing("x = X_test[50:51]").source, namespace)                                         # §2
        exec(code_containing("untrained = nnlib.MLP([64, 32, 10])").source, namespace)
        section_2 = namespace["untrained"], namespace["x"]
        section_1 = [namespace[name] for name in ("X_train", "X_test", "y_train", "y_test")]
        first_lines = code_containing("# made in §1 too").source.split("\n\n")[0]                         # §5
        exec(first_lines, namespace)
    assert all(np.array_equal(a, namespace[name])
               for a, name in zip(section_1, ("X_train", "X_test", "y_train", "y_test")))
    untrained, x = section_2
    assert np.array_equal(x, namespace["x"])
    for W, W_again in zip(untrained.weights + untrained.biases,
                          namespace["untrained"].weights + namespace["untrained"].biases):
        assert np.array_equal(W, W_again)
    # "same seed, so it starts from exactly the untrained network's weights"
    model = nnlib.MLP([64, 32, 10])
    assert all(np.array_equal(W, W_again) for W, W_again in zip(model.weights, untrained.weights))


def test_the_cells_that_show_an_exercises_answer_are_hidden_in_the_student_copy():
    hidden = [c.source for c in cells() if "student-hide" in c.metadata.get("tags", [])]
    shown = [c.source for c in cells() if c.cell_type == "code" and "student-hide" not in c.metadata.get("tags", [])]
    # exercise 2's answer, applied to the whole test set
    assert any("np.argmin(P_test.max(axis=1))" in source for source in hidden)
    assert not any("argmin" in source for source in shown)
    # exercise 3's answer: the run that prints every shape of MNIST's forward pass
    assert any('for name, array in [("X", X)' in source for source in hidden)
    assert not any('("prediction", P.argmax(axis=1))' in source for source in shown)
    # what the text before exercise 2 promises is still shown: the count of sure answers
    assert any("top probability above 0.9" in source for source in shown)


def test_the_student_copy_runs_without_its_hidden_cells():
    """No cell a learner runs reads a name that only a student-hide cell makes."""
    made_visibly, made_hidden = set(), set()
    for cell in cells():
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        if "student-hide" in cell.metadata.get("tags", []):
            made_hidden |= stored - made_visibly
            continue
        read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        assert not (read & made_hidden) - made_visibly - stored, cell.source
        made_visibly |= stored


# ---- what §4 and §7 say about confidence ---------------------------------------------------------------------------

def test_four_times_the_weights_make_logits_exactly_sixteen_times_bigger_because_the_biases_are_zero():
    # "the logits grow 16-fold (each layer's product passes the factor on, ReLU keeps it, ... the biases, still 0"
    X_test = nnlib.digits_split()[1]
    untrained = nnlib.MLP([64, 32, 10])
    assert all(np.all(b == 0) for b in untrained.biases)
    loud = nnlib.MLP([64, 32, 10])
    loud.weights = [4 * W for W in untrained.weights]
    assert np.allclose(loud.logits(X_test), 16 * untrained.logits(X_test), rtol=1e-9, atol=1e-12)
    assert "## 4. An untrained network: arbitrary answers" in [c.source.split("\n")[0] for c in cells()]
    # its answers are not confident: the top probability stays small (the text: "about 0.2")
    assert np.median(untrained.predict_proba(X_test).max(axis=1)) < 0.25


def test_pure_noise_gets_more_than_90_percent_for_about_one_picture_in_ten_whatever_the_noise():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    model = nnlib.MLP([64, 32, 10])
    model.fit(X_train, y_train, epochs=30, lr=0.1, batch_size=32, seed=0)
    for seed in range(4):   # the notebook's draw is seed 0's (its first use of rng)
        top = model.predict_proba(np.random.default_rng(seed).random((1000, 64))).max(axis=1)
        assert 0.08 <= np.mean(top > 0.9) <= 0.15      # "one noise picture in ten gets more than 90%"
        assert 0.55 <= np.mean(top > 0.5) <= 0.8       # "often confident ones"
        assert np.median(top) < 0.9                    # "less sure than on real digits"
    sure_of_digits = np.mean(model.predict_proba(X_test).max(axis=1) > 0.9)
    assert round(100 * sure_of_digits) == 86
    text = " ".join(c.source.replace("\n", " ") for c in cells() if c.cell_type == "markdown")
    assert "above 0.9 for 86% of the test images" in text
    assert "one noise picture in ten gets more than 90%" in text
    assert "69% to 91%" not in text   # five draws are not the range: the takeaway says what 1,000 show
    assert "more than 90%   sure of one in ten" in text   # the takeaway (a bullet's second line)
