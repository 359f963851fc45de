"""Exercise checks, one module per notebook: `from nnlib.checks import neuron as check`, then
`check.weighted_sum(weighted_sum)`. Each check prints a ✅ line when the answer is right and a specific
hint otherwise; it never shows a traceback. `nnlib.checks.progress()` lists which exercises are done.
"""

from ._progress import progress  # noqa: F401
