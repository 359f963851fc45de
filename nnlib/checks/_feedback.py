"""How every exercise check speaks: a ✅ line when the answer is right, otherwise one specific hint.

A check never shows a traceback and never says ✅ for the stub a notebook ships with.
"""

import functools

import numpy as np

PASS = "✅"
NOT_YET = "💡"


def passed(message):
    """Print the success line (it starts with ✅, which the course's tests look for)."""
    print(f"{PASS} {message}")


def hint(message):
    """Print a hint for a likely mistake; never starts with ✅."""
    print(f"{NOT_YET} {message}")


class Hint(Exception):
    """Raised inside a check to stop it and show the learner a hint."""


def is_stub(answer):
    """True for what an untouched exercise cell leaves behind: None, ..., or a function returning them."""
    return answer is None or answer is Ellipsis


def call(function, *args):
    """Call the learner's function; a crash becomes a Hint that names the error in one line."""
    if not callable(function):
        raise Hint(f"Expected a function here, but got {type(function).__name__}. "
                   "Did you call it (added brackets) instead of passing its name?")
    try:
        result = function(*args)
    except Exception as error:  # the learner's code may raise anything; show it as a hint, not a traceback
        raise Hint(f"Your function raised {type(error).__name__}: {error}") from None
    if is_stub(result):
        raise Hint("Your function returns nothing yet. Replace the `...` (or `return None`) with your answer.")
    return result


def as_numbers(answer, what="your answer"):
    """The learner's answer as a float array, or a Hint saying it is not numbers."""
    if is_stub(answer):
        raise Hint(f"{what.capitalize()} is still empty: fill in the exercise cell above and run it.")
    try:
        return np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        raise Hint(f"{what.capitalize()} should be a number or an array of numbers, "
                   f"but it is {type(answer).__name__}.") from None


def check(success_message):
    """Decorator for a check function: run it, print ✅ success_message if it returns, or the Hint it raised.

    The verdict is printed, never returned, so a notebook's check cell shows no stray True or False.
    """
    def decorate(body):
        exercises = EXERCISES.setdefault(body.__module__, [])
        exercises.append(body.__name__)

        @functools.wraps(body)
        def run(*args, **kwargs):
            try:
                body(*args, **kwargs)
            except Hint as h:
                hint(str(h))
                RESULTS[body.__module__, body.__name__] = NOT_YET
            else:
                passed(success_message)
                RESULTS[body.__module__, body.__name__] = PASS
        return run
    return decorate


# Every check, by module (one module per notebook), in the order the module defines them, and the latest verdict
# of each check run in this kernel: what progress() reports.
EXERCISES = {}
RESULTS = {}


def call_noticing_print(function, *args):
    """Like call(), but a function that printed its answer and returned nothing gets a hint about print vs return.

    Whatever the function prints is passed on unchanged, except in that case (the hint says what happened)."""
    import contextlib
    import io
    import sys

    heard = io.StringIO()
    try:
        with contextlib.redirect_stdout(heard):
            result = call(function, *args)
    except Hint as h:
        if "returns nothing yet" in str(h) and heard.getvalue().strip():
            raise Hint("Your function printed its answer but returned nothing (None): print only shows a value on "
                       "the screen, the check never sees it. Replace print(...) with return ...") from None
        sys.stdout.write(heard.getvalue())
        raise
    sys.stdout.write(heard.getvalue())
    return result
