"""The full MNIST digits (28x28 = 784 pixels), for learners with a network connection. Optional.

No notebook needs this: the course runs on scikit-learn's bundled 8x8 digits. When a network is there,
load_mnist downloads the four official IDX files once, checks each file's SHA-256 fingerprint, and keeps
them under data/mnist/. IDX is a tiny binary format (a header, then raw bytes); no pickle is involved.
"""

import gzip
import hashlib
import urllib.request
from pathlib import Path

import numpy as np

from .datasets import DATA_DIR

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

# IDX type codes (the third byte of the header) -> numpy dtype, big-endian as the format prescribes
_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path):
    """Read an IDX file (optionally gzipped) into a numpy array, checking its header against its size."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as error:
        raise ValueError(f"{path.name} could not be read ({error}): the file is damaged. "
                         "Delete it and load again to download a fresh copy.") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise ValueError(f"{path.name} is not an IDX file: its first bytes should be 00 00 <type> <ndim>.")
    dtype, ndim = np.dtype(_IDX_TYPES[raw[2]]), raw[3]
    header_end = 4 + 4 * ndim
    if len(raw) < header_end:
        raise ValueError(f"{path.name} ends inside its header: the file is truncated.")
    shape = tuple(int(n) for n in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header_end != expected:
        raise ValueError(f"{path.name} says it holds shape {shape} ({expected} bytes of data) but has "
                         f"{len(raw) - header_end} bytes: the file is truncated or damaged.")
    return np.frombuffer(raw, dtype, offset=header_end).reshape(shape).astype(dtype.newbyteorder("="))


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _download(filename, target, mirrors):
    errors = []
    for mirror in mirrors:
        try:
            with urllib.request.urlopen(mirror + filename, timeout=30) as response:
                target.write_bytes(response.read())
            return
        except OSError as error:
            errors.append(f"{mirror}: {error}")
    raise ConnectionError(f"Could not download {filename} from any mirror:\n  " + "\n  ".join(errors)
                          + "\nMNIST is optional: the course's notebooks use the bundled 8x8 digits.")


def load_mnist(data_dir=None, download=True, checksums=None, mirrors=MIRRORS):
    """The 70,000 MNIST digits: Bunch(X_train (60000, 784), y_train, X_test (10000, 784), y_test).

    Pixels are scaled to 0..1, labels are 0-9. Files are looked for in data_dir (default data/mnist/);
    missing ones are downloaded when download=True. Every file must match its SHA-256 in checksums
    (default: the official files' fingerprints), so a damaged or tampered file is refused, not used.
    """
    data_dir = Path(DATA_DIR / "mnist" if data_dir is None else data_dir)
    checksums = SHA256 if checksums is None else checksums
    arrays = {}
    for filename, expected in checksums.items():
        path = data_dir / filename
        if not path.exists():
            if not download:
                raise FileNotFoundError(f"{path} is missing. Call load_mnist(download=True) with a network "
                                        "connection, or copy the official IDX files there.")
            data_dir.mkdir(parents=True, exist_ok=True)
            _download(filename, path, mirrors)
        actual = _sha256(path)
        if actual != expected:
            raise ValueError(f"{path.name} has SHA-256 {actual[:16]}... but the official file has "
                             f"{expected[:16]}...: it is damaged or not the real file. Delete {path} "
                             "and load again to download a fresh copy.")
        arrays[filename.split("-")[0] + "_" + filename.split("-")[1]] = read_idx(path)
    images = {split: arrays[f"{split}_images"] for split in ("train", "t10k")}
    labels = {split: arrays[f"{split}_labels"] for split in ("train", "t10k")}
    for split in images:
        if len(images[split]) != len(labels[split]):
            raise ValueError(f"The {split} files disagree: {len(images[split])} images but "
                             f"{len(labels[split])} labels.")
    from .datasets import Bunch

    flat = {split: images[split].reshape(len(images[split]), -1) / 255.0 for split in images}
    return Bunch(X_train=flat["train"], y_train=labels["train"].astype(np.int64),
                 X_test=flat["t10k"], y_test=labels["t10k"].astype(np.int64))
