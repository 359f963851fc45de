"""The state models of the descent, mini-batch, weight-decay and blame widgets, without any widget: hand-worked
numbers on landscapes and networks small enough to follow on paper."""

import numpy as np
import pytest

import nnlib
from nnlib.experiments import Landscape, descend, wobble
from nnlib.state.blame import BlameGame
from nnlib.state.descent import Descent, MiniBatchDescent
from nnlib.state.generalisation import WeightDecayChoice

# two houses: x = 1 costs 1, x = -1 costs 3. The line w = -1, b = 2 fits both, so the valley floor is 0.
# L(w, b) = ((w + b - 1)^2 + (-w + b - 3)^2) / 2; at (0, 0): L = (1 + 9) / 2 = 5, dL/dw = -1 + 3 = 2,
# dL/db = -1 - 3 = -4. Its curvature is 2 in every direction, so a step of 0.5 lands on the floor at once.
TWO = Landscape(x=np.array([1.0, -1.0]), y=np.array([1.0, 3.0]))


def test_one_step_of_descent_by_hand():
    assert TWO.loss(0.0, 0.0) == pytest.approx(5.0)
    assert TWO.gradient(0.0, 0.0) == (pytest.approx(2.0), pytest.approx(-4.0))
    hike = descend(TWO, 0.25, 1)
    np.testing.assert_allclose(hike["path"], [[0.0, 0.0], [-0.5, 1.0]])
    # at (-0.5, 1): errors -0.5 and -1.5, so L = (0.25 + 2.25) / 2 = 1.25
    np.testing.assert_allclose(hike["losses"], [5.0, 1.25])
    assert not hike["flew_off"]
    assert TWO.minimum == (pytest.approx(-1.0), pytest.approx(2.0), pytest.approx(0.0, abs=1e-20))


def test_a_landscape_checks_its_data_once():
    with pytest.raises(ValueError, match="shape"):
        Landscape(x=np.array([1.0, 2.0]), y=np.array([1.0]))
    with pytest.raises(ValueError, match="NaN"):
        Landscape(x=np.array([1.0, np.nan]), y=np.array([1.0, 2.0]))
    assert Landscape(x=[1, -1], y=[1, 3]).loss(0, 0) == pytest.approx(5.0)  # lists and integers become floats


def test_a_mini_batch_of_one_follows_one_house_at_a_time():
    # house 1 alone: error -1, dL/dprediction = -2, so the step of 0.25 goes to (0.5, 0.5); house 2 alone: error -3,
    # dL/dprediction = -6, dL/dw = 6, to (-1.5, 1.5). Their average is the full-batch step, (-0.5, 1).
    one = descend(TWO, 0.25, 1, batch_size=1, seed=3)
    assert any(np.allclose(one["path"][1], p) for p in ([0.5, 0.5], [-1.5, 1.5]))
    # the second step takes the other house: from (0.5, 0.5) house 2 has error -3 and moves by (-1.5, +1.5); from
    # (-1.5, 1.5) house 1 has error -1 and moves by (+0.5, +0.5). Either way one epoch ends on the floor, (-1, 2).
    for seed in range(4):
        np.testing.assert_allclose(descend(TWO, 0.25, 2, batch_size=1, seed=seed)["path"][2], [-1.0, 2.0])
    every = descend(TWO, 0.25, 5, batch_size=2)
    np.testing.assert_allclose(every["path"], descend(TWO, 0.25, 5)["path"], rtol=0, atol=1e-12)
    assert wobble(every["path"], descend(TWO, 0.25, 5)["path"]) == pytest.approx(0.0, abs=1e-12)


def test_a_learning_rate_past_the_curvature_flies_off_and_stops():
    hike = descend(TWO, 5.0, 60)  # each step multiplies the distance to the floor by |1 - 5 * 2| = 9
    assert hike["flew_off"] and len(hike["losses"]) < 61 and hike["losses"][-1] > 1e12
    assert np.all(np.isfinite(hike["losses"])) and np.all(np.isfinite(hike["path"]))


def test_the_descent_state_names_what_the_hike_did():
    hike = Descent(TWO, lr=0.5, steps=3)  # the curvature is 2, so 0.5 lands on the floor in one step
    assert hike.verdict == "at the bottom" and hike.numbers["losses"][-1] == pytest.approx(0.0, abs=1e-20)
    assert hike.headline().startswith("lr = 0.500, 3 steps: loss 5 \u2192 0 (valley floor 0). <b>At the bottom</b>")
    hike.set(lr=1.0, steps=20)  # 1 - 1.0 * 2 = -1: it lands on the other side as high as it left, for ever
    assert hike.verdict == "bouncing" and "never settles" in hike.headline()
    hike.set(lr=5.0, steps=60)
    assert hike.verdict == "diverging" and "off the map" in hike.headline()
    hike.set(lr=0.01, steps=0)
    assert hike.verdict == "standing still"


def test_the_minibatch_state_compares_two_hikes():
    hikes = MiniBatchDescent(TWO, lr=0.25, batch_size=2, steps=10)
    assert hikes.numbers["wobble"] == pytest.approx(0.0, abs=1e-12) and "one and the same" in hikes.headline()
    hikes.set(lr=0.25, batch_size=1, steps=10)
    assert hikes.numbers["wobble"] > 0.01 and "batches of 1 houses" in hikes.headline()
    assert hikes.numbers["full_ups"] == 0  # full batch with a step below the curvature never goes up
    hikes.set(lr=5.0, batch_size=1, steps=10)
    assert hikes.numbers["flew_off"] and "mini-batches cannot help" in hikes.headline()


def test_the_weight_decay_state_picks_a_run_and_compares_it_with_none():
    def run(val_losses, sum_of_squares):
        n = len(val_losses)
        return {"loss": np.full(n, 0.1), "accuracy": np.ones(n), "val_loss": np.array(val_losses),
                "val_accuracy": np.full(n, 0.9), "sum_of_squares": sum_of_squares}

    choice = WeightDecayChoice({0.0: run([0.9, 0.5, 0.7], 80.0), 0.01: run([0.8, 0.6, 0.55], 12.0)}, 0.01)
    assert choice.numbers["best_val_epoch"] == 3 and choice.numbers["val_loss"] == 0.55
    assert "Lower validation loss than none" in choice.headline() and "(none: 80)" in choice.headline()
    choice.set(0.0)
    assert choice.numbers["best_val_epoch"] == 2 and "than none" not in choice.headline()
    with pytest.raises(ValueError, match="the grid has 0, 0.01"):
        choice.set(0.3)
    with pytest.raises(ValueError, match="weight decay 0"):
        WeightDecayChoice({0.01: run([0.5], 1.0)})


def test_the_blame_state_picks_an_example_and_a_trained_copy():
    net = nnlib.MLP([2, 2, 2], seed=0)
    X, y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([0, 1, 1])
    game = BlameGame.train(net, X, y, output_labels=["no", "yes"], epoch_choices=(0, 3), example=1)
    assert set(game.models) == {0, 3} and game.model is game.models[0]
    np.testing.assert_allclose(game.models[0].weights[0], net.weights[0])  # epoch 0: the start, a copy
    assert not np.allclose(game.models[3].weights[0], net.weights[0]) and np.allclose(net.weights[0],
                                                                                     nnlib.MLP([2, 2, 2]).weights[0])
    # one example's blame is the gradient of that example's loss
    dWs, _ = game.model.gradients(X[1:2], y[1:2])
    for got, expected in zip(game.numbers["dWs"], dWs):
        np.testing.assert_allclose(got, expected)
    p = game.model.predict_proba(X[1:2])[0, 1]
    assert game.numbers["loss"] == pytest.approx(-np.log(p))
    assert f"Truth: <b>yes</b>. The network gives it {100 * p:.0f}%" in game.headline()
    game.set(example=2, epochs=3)
    assert game.model is game.models[3] and game.numbers["example"] == 2 and game.numbers["epochs"] == 3
