"""The optional MNIST loader, on small IDX files written here (no network needed)."""

import gzip
import hashlib

import numpy as np
import pytest

import nnlib
from nnlib import mnist


def idx_bytes(array):
    """Encode an unsigned-byte array in the IDX format: 0, 0, type 0x08, ndim, big-endian sizes, data."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    return header + array.astype(np.uint8).tobytes()


@pytest.fixture
def small_mnist(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, size=(6, 28, 28)),
        "train-labels-idx1-ubyte.gz": np.array([5, 0, 4, 1, 9, 2]),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, size=(3, 28, 28)),
        "t10k-labels-idx1-ubyte.gz": np.array([7, 2, 1]),
    }
    checksums = {}
    for name, array in arrays.items():
        data = gzip.compress(idx_bytes(array))
        (tmp_path / name).write_bytes(data)
        checksums[name] = hashlib.sha256(data).hexdigest()
    return tmp_path, checksums, arrays


def test_loads_and_scales(small_mnist):
    folder, checksums, arrays = small_mnist
    data = nnlib.load_mnist(folder, download=False, checksums=checksums)
    assert data.X_train.shape == (6, 784) and data.X_test.shape == (3, 784)
    assert data.y_train.tolist() == [5, 0, 4, 1, 9, 2]
    assert np.allclose(data.X_train[0], arrays["train-images-idx3-ubyte.gz"][0].ravel() / 255)
    assert 0 <= data.X_train.min() and data.X_train.max() <= 1


def test_read_idx_uncompressed(tmp_path):
    path = tmp_path / "labels-idx1-ubyte"
    path.write_bytes(idx_bytes(np.array([3, 1, 4])))
    assert nnlib.read_idx(path).tolist() == [3, 1, 4]


def test_a_corrupted_file_is_refused_with_a_fix(small_mnist):
    folder, checksums, _ = small_mnist
    path = folder / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-3] + b"xyz")
    with pytest.raises(ValueError, match="t10k-labels-idx1-ubyte.gz has SHA-256 .* damaged .* Delete"):
        nnlib.load_mnist(folder, download=False, checksums=checksums)


def test_a_truncated_idx_file_is_refused(tmp_path):
    path = tmp_path / "images-idx3-ubyte"
    path.write_bytes(idx_bytes(np.zeros((2, 28, 28)))[:-10])
    with pytest.raises(ValueError, match="truncated"):
        nnlib.read_idx(path)


def test_not_an_idx_file(tmp_path):
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(b"hello world"))
    with pytest.raises(ValueError, match="not an IDX file"):
        nnlib.read_idx(path)


def test_missing_files_without_download(tmp_path):
    with pytest.raises(FileNotFoundError, match="download=True"):
        nnlib.load_mnist(tmp_path, download=False)


def test_unreachable_mirrors_say_mnist_is_optional(tmp_path):
    with pytest.raises(ConnectionError, match="optional"):
        nnlib.load_mnist(tmp_path, mirrors=("http://127.0.0.1:9/",))


def test_the_fingerprints_are_the_published_ones():
    """The SHA-256 sums published for the four files (the same in other MNIST loaders' checksum lists)."""
    published = {
        "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    }
    assert mnist.SHA256 == published
