"""Where a learner is: ✅, 💡 or not tried, for every exercise of the notebook open in this kernel.

A helper walking the room runs `nnlib.checks.progress()` in a learner's notebook and sees at a glance which
exercises are done. It reports only what the checks saw in this kernel: after a restart, everything is "not tried".
"""

import re
import sys
from types import ModuleType

from ._feedback import EXERCISES, NOT_YET, PASS, RESULTS


def _notebook_of(module_name):
    """'nnlib.checks.neuron' -> '01_neuron', read from the first line of the module's docstring."""
    doc = sys.modules[module_name].__doc__ or ""
    match = re.search(r"\b(\d\d_[a-z_]+[a-z])\b", doc)
    return match.group(1) if match else module_name.rsplit(".", 1)[-1]


def progress():
    """Print, per exercise of this kernel's notebook(s), ✅ (done), 💡 (tried, not right yet) or · (not tried)."""
    # The notebook open here is the one whose checks it imported (`from nnlib.checks import bias as check` puts
    # that module in the notebook's namespace) or ran.
    namespace = vars(sys.modules["__main__"]).values()
    imported = {value.__name__ for value in namespace if isinstance(value, ModuleType) and value.__name__ in EXERCISES}
    modules = sorted(imported | {module for module, _ in RESULTS}, key=_notebook_of)
    if not modules:
        print("No exercise checks in this kernel yet: run the notebook's first cells (the setup and imports).")
        return
    for module in modules:
        names = EXERCISES[module]
        verdicts = [RESULTS.get((module, name)) for name in names]
        print(f"{_notebook_of(module)}: {verdicts.count(PASS)} of {len(names)} exercises done")
        for name, verdict in zip(names, verdicts):
            label = {PASS: "done", NOT_YET: "tried, not right yet"}.get(verdict, "not tried yet")
            print(f"  {verdict or '·'} {name}: {label}")
