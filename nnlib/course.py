"""Facts about the course itself: where it lives, its notebooks in order, and the setup cell they open with.

The repository address is written here and nowhere else; tools/run_notebooks.py copies SETUP_CELL into the
first code cell of every notebook, and tests/test_notebooks.py checks that they agree.
"""

REPOSITORY = "https://github.com/inside-neural-networks/course"
BRANCH = "main"

NOTEBOOKS = (
    ("01_neuron.ipynb", "The neuron: weights as volume knobs", 75),
    ("02_bias.ipynb", "Bias: the neuron's baseline tendency", 55),
    ("03_linearity.ipynb", "Linearity, and why it is not enough", 75),
    ("04_activations.ipynb", "Activations: the gatekeepers that bend space", 75),
    ("05_layers.ipynb", "Layers: from senses to verdict", 95),
    ("06_forward_pass.ipynb", "The forward pass: from pixels to prediction", 55),
    ("07_backprop.ipynb", "Backprop: the loss, the blame game and gradient descent", 115),
    ("08_training_digits.ipynb", "Capstone: training a digit recogniser", 70),
    ("09_backprop_graph.ipynb", "Backprop on a graph: how PyTorch does it", 75),
    ("10_first_weights.ipynb", "Where the first weights come from", 55),
    ("11_generalisation.ipynb", "Does it generalise? Overfitting, validation and weight decay", 60),
)


def _slug(repository):
    """'https://github.com/owner/name' -> 'owner/name'."""
    prefix = "https://github.com/"
    if not repository.startswith(prefix) or repository.rstrip("/").count("/") != 4:
        raise ValueError(f"The course repository should look like https://github.com/owner/name, "
                         f"but got {repository!r}.")
    return repository[len(prefix):].rstrip("/")


def binder_link(notebook, repository=REPOSITORY, ref=BRANCH):
    """The Binder address that opens `notebook` (a file name such as '01_neuron.ipynb') in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{_slug(repository)}/{ref}?labpath=notebooks%2F{notebook}"


def colab_link(notebook, repository=REPOSITORY, ref=BRANCH):
    """The Colab address that opens `notebook` straight from the repository."""
    return f"https://colab.research.google.com/github/{_slug(repository)}/blob/{ref}/notebooks/{notebook}"


def nbgitpuller_link(notebook, repository=REPOSITORY, ref=BRANCH, hub="<your-hub>"):
    """The JupyterHub address that pulls the course into a learner's home folder and opens `notebook`.

    nbgitpuller clones into a folder named after the repository, hence that name in urlpath.
    """
    from urllib.parse import quote

    folder = _slug(repository).split("/")[1]
    return (f"https://{hub}/hub/user-redirect/git-pull?repo={quote(repository, safe='')}"
            f"&urlpath={quote(f'lab/tree/{folder}/notebooks/{notebook}', safe='')}&branch={ref}")


_SETUP_TEMPLATE = """\
# Setup. On Colab this fetches the course and its helper library, nnlib; elsewhere it does nothing visible.
import os, sys
if "google.colab" in sys.modules:
    course = os.environ.get("NN_COURSE_DIR", "/content/course")
    if not os.path.isdir(course):
        import shutil, subprocess
        repo, ref = os.environ.get("NN_COURSE_REPO", "<REPOSITORY>"), "<REF>"
        steps = [(f"fetch the course ({ref} of {repo})",
                  ["git", "clone", "--quiet", "--depth", "1", "--branch", ref, repo, course],
                  f"run this cell again. Same message? Show it to your instructor: {ref} is not published there "
                  f"(they run: git push origin {ref})."),
                 ("install nnlib", [sys.executable, "-m", "pip", "install", "--quiet", "-e", course],
                  "Runtime > Disconnect and delete runtime, then run this cell again.")]
        for what, command, fix in steps:
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                shutil.rmtree(course, ignore_errors=True)  # so that running this cell again starts afresh
                said = (done.stderr.strip().splitlines() or ["no message"])[-1]
                class SetupFailed(Exception):
                    _render_traceback_ = lambda self: [str(self)]  # Colab shows the message, not a traceback
                raise SetupFailed(f"❌ Could not {what}: {said}\\nFix: {fix}")
    sys.path.insert(0, course)
elif os.path.isdir("../nnlib"):  # a copy of the course (say, pulled onto a JupyterHub): use the nnlib beside it
    sys.path.insert(0, os.path.abspath(".."))

import numpy as np
import nnlib

rng = np.random.default_rng(0)  # every random number in this notebook comes from here: same run, same numbers"""


def setup_cell(repository=REPOSITORY, ref=BRANCH):
    """The first code cell of every notebook, fetching the course from `repository` at `ref` when on Colab."""
    _slug(repository)  # a clear error for an address that is not a GitHub repository
    return _SETUP_TEMPLATE.replace("<REPOSITORY>", repository).replace("<REF>", ref)


SETUP_CELL = setup_cell()
