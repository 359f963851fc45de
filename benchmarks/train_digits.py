"""How fast nnlib trains: MLP([64, 64, 10]).fit on the 8x8 digits, against a bare numpy loop doing the
same arithmetic and against scikit-learn's MLPClassifier with the same SGD settings.

Goals: test accuracy >= 97%, at most 1.2x the bare loop's time, at least 3x faster than scikit-learn.
Run: make benchmarks (or .venv/bin/python benchmarks/train_digits.py). Prints figures; asserts nothing.
"""

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import nnlib

EPOCHS, LR, BATCH, SEED, REPEATS = 30, 0.1, 32, 0, 7


def bare_numpy(X, y, Xt, yt):
    """The same network, initialisation, shuffling, updates and per-epoch evaluation, written inline.

    Like nnlib it computes the true gradients (dW, db of the mean loss) and then steps W -= lr * dW.
    """
    rng = np.random.default_rng(SEED)
    W1 = rng.normal(0.0, np.sqrt(2.0 / 64), (64, 64))
    W2 = rng.normal(0.0, np.sqrt(2.0 / 64), (64, 10))
    b1, b2 = np.zeros(64), np.zeros(10)
    shuffle = np.random.default_rng(SEED)
    one_hot = np.eye(10)[y]
    history = {"loss": [], "accuracy": []}
    for _ in range(EPOCHS):
        order = shuffle.permutation(len(X))
        Xs, Ys = X[order], one_hot[order]
        logits = []
        for start in range(0, len(X), BATCH):
            xb, yb = Xs[start:start + BATCH], Ys[start:start + BATCH]
            z1 = xb @ W1 + b1
            a1 = np.maximum(z1, 0.0)
            z2 = a1 @ W2 + b2
            logits.append(z2)
            e = np.exp(z2 - z2.max(axis=1, keepdims=True))
            dz2 = (e / e.sum(axis=1, keepdims=True) - yb) / len(xb)
            dW2, db2 = a1.T @ dz2, dz2.sum(axis=0)
            dz1 = (dz2 @ W2.T) * (z1 > 0)
            dW1, db1 = xb.T @ dz1, dz1.sum(axis=0)
            W1 -= LR * dW1
            b1 -= LR * db1
            W2 -= LR * dW2
            b2 -= LR * db2
        # the epoch's loss and accuracy over its batches, as nnlib records them
        z2 = np.concatenate(logits)
        top = z2.max(axis=1)
        z_right = (z2 * Ys).sum(axis=1)
        history["loss"].append(np.mean(np.log(np.exp(z2 - top[:, None]).sum(axis=1)) + top - z_right))
        history["accuracy"].append(np.mean(z2.argmax(axis=1) == y[order]))
    return np.mean((np.maximum(Xt @ W1 + b1, 0.0) @ W2 + b2).argmax(axis=1) == yt)


def with_nnlib(X, y, Xt, yt):
    net = nnlib.MLP([64, 64, 10], activation="relu", seed=SEED)
    net.fit(X, y, epochs=EPOCHS, lr=LR, batch_size=BATCH, seed=SEED)
    return net.accuracy(Xt, yt)


def with_sklearn(X, y, Xt, yt):
    clf = MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="sgd", learning_rate_init=LR,
                        batch_size=BATCH, max_iter=EPOCHS, momentum=0.0, nesterovs_momentum=False, alpha=0.0,
                        learning_rate="constant", shuffle=True, tol=0.0, n_iter_no_change=EPOCHS + 1,
                        random_state=SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return clf.score(Xt, yt)


def best_times(trainers, data):
    """Accuracy and the fastest of REPEATS runs of each trainer. The runs take turns, so a busy moment on the
    machine slows all three alike, and the minimum is the run least disturbed."""
    accuracy, times = {}, {name: [] for name in trainers}
    for _ in range(REPEATS):
        for name, train in trainers.items():
            start = time.perf_counter()
            accuracy[name] = train(*data)
            times[name].append(time.perf_counter() - start)
    return {name: (accuracy[name], min(times[name])) for name in trainers}


def main():
    X_train, X_test, y_train, y_test = nnlib.digits_split(test_size=0.25, seed=0)
    data = (X_train, y_train, X_test, y_test)
    print(f"MLP([64, 64, 10]) on the 8x8 digits: {len(X_train)} train / {len(X_test)} test, "
          f"{EPOCHS} epochs, lr {LR}, batch {BATCH}; best of {REPEATS} runs")
    results = best_times({"nnlib": with_nnlib, "bare numpy": bare_numpy, "scikit-learn": with_sklearn}, data)
    for name, (accuracy, seconds) in results.items():
        print(f"  {name:<13} test accuracy {accuracy:6.2%}   time {seconds * 1000:7.1f} ms")
    ours, bare, sk = (results[k][1] for k in ("nnlib", "bare numpy", "scikit-learn"))
    accuracy = results["nnlib"][0]
    print(f"nnlib accuracy       {accuracy:.2%}  (goal >= 97%)   {'OK' if accuracy >= 0.97 else 'MISSED'}")
    print(f"nnlib / bare numpy   {ours / bare:.2f}x  (goal <= 1.2x)  {'OK' if ours / bare <= 1.2 else 'MISSED'}")
    print(f"scikit-learn / nnlib {sk / ours:.2f}x  (goal >= 3x)    {'OK' if sk / ours >= 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
