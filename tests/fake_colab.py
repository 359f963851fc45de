"""Colab, played here: a bare Python environment that sees the course's third-party packages (as Colab has them) but
not nnlib, and a stand-in `google.colab` module, which is how the setup cell knows it is on Colab."""

import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

COLAB_MARKER = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')\n"


def make_environment(folder):
    """A virtual environment in folder/venv without nnlib; returns its Python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / "venv")], check=True)
    python = folder / "venv" / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # Colab ships numpy, matplotlib, ipywidgets, scikit-learn, IPython and pip; lend ours. (A .pth path is not
    # itself scanned for .pth files, so our editable nnlib stays invisible.)
    Path(site, "colab_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def run(python, code, repo, course, timeout=300):
    """Run code as a script on the pretend Colab, the course fetched from repo into course."""
    env = {"NN_COURSE_REPO": str(repo), "NN_COURSE_DIR": str(course), "MPLBACKEND": "Agg",
           "PATH": "/usr/bin:/bin", "HOME": str(course.parent.parent)}
    course.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.run([python, "-c", COLAB_MARKER + code], capture_output=True, text=True, env=env,
                          cwd=course.parent.parent, timeout=timeout)


def run_cell(python, cell, repo, course, timeout=300):
    """Run a notebook cell as Colab's kernel does (IPython shows its errors); exit status 3 if the cell failed."""
    code = textwrap.dedent(f"""
        from IPython.core.interactiveshell import InteractiveShell
        result = InteractiveShell.instance().run_cell({cell!r})
        sys.exit(0 if result.success else 3)
    """)
    return run(python, code, repo, course, timeout)
