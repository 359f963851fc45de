"""How every exercise check speaks: a ✅ line when the answer is right, otherwise one specific hint.

A check never shows a traceback, never a raw numpy message, and never says ✅ for the stub a notebook ships
with. The learner's function is called through `call_learner`: numpy's warnings off, what it prints passed on,
and a crash carried by the Hint (`hint.error`), so a check decides on the exception itself, never on the
wording of a hint.
"""

import contextlib
import functools
import io
import re
import sys

import numpy as np

from .._validate import InputTypeError, InputValueError

# numpy 1.25 moved its exceptions into np.exceptions; 1.24 (the oldest the course supports) has them at the top
AxisError = getattr(np, "exceptions", np).AxisError

PASS = "✅"
NOT_YET = "💡"

RETURNS_NOTHING = "Your function returns nothing yet. Replace the `...` (or `return None`) with your answer."
PRINTED_NOT_RETURNED = ("Your function printed its answer but returned None: print only shows a value on the "
                        "screen, the check never sees it. Replace `print(...)` with `return ...`.")


def passed(message):
    """Print the success line (it starts with ✅, which the course's tests look for)."""
    print(f"{PASS} {message}")


def hint(message):
    """Print a hint for a likely mistake; never starts with ✅."""
    print(f"{NOT_YET} {message}")


class Hint(Exception):
    """Raised inside a check to stop it and show the learner a hint.

    error: the exception the learner's code raised, when the hint is about a crash (else None).
    returned_nothing: True when the answer is still what an untouched exercise cell leaves: None or `...` (a stub,
    or a function without its return). progress() counts the exercise as not tried.
    """

    def __init__(self, message="", error=None, returned_nothing=False):
        super().__init__(message)
        self.error = error
        self.returned_nothing = returned_nothing


def is_stub(answer):
    """True for what an untouched exercise cell leaves behind: None, ..., or a function returning them."""
    return answer is None or answer is Ellipsis


def require_function(function, name=None):
    """A Hint unless the learner passed a function (name: what the check calls it, such as "backward")."""
    if not callable(function):
        raise Hint(f"Expected {'a function here' if name is None else f'{name} to be a function'}, but got "
                   f"{type(function).__name__}. Did you call it (added brackets) instead of passing its name?")


def call(function, *args):
    """Call the learner's function; a crash becomes a Hint that names the error in one line (and carries it)."""
    require_function(function)
    try:
        result = function(*args)
    except Exception as error:  # the learner's code may raise anything; show it as a hint, not a traceback
        raise Hint(raised(error), error=error) from None
    if is_stub(result):
        raise Hint(RETURNS_NOTHING, returned_nothing=True)
    return result


def check(success_message, notebook=None, number=None):
    """Decorator for a check function: run it, print ✅ success_message if it returns, or the Hint it raised.

    The verdict is printed, never returned, so a notebook's check cell shows no stray True or False; progress()
    keeps it, under the exercise's notebook: the first one the module's docstring names, or `notebook` for an
    exercise a module checks for another notebook. Its number there is its place among the module's checks for that
    notebook, or `number` when the module defines it out of the notebook's order. A Hint for an untouched stub (one
    that knows it `returned_nothing`) is no verdict: the exercise stays "not tried".
    """
    def decorate(body):
        where = notebook or notebook_named_in(body.__globals__.get("__doc__"), body.__module__)
        _register(where, body.__name__, number)

        @functools.wraps(body)
        def run(*args, **kwargs):
            try:
                body(*args, **kwargs)
            except Hint as h:
                hint(str(h))
                if not h.returned_nothing:
                    _remember(where, body.__name__, NOT_YET)
            else:
                passed(success_message)
                _remember(where, body.__name__, PASS)
        return run
    return decorate


# Every check, by notebook, in the notebook's order, and the latest verdict of each check run in this kernel,
# by (notebook, check name): what progress() reports.
EXERCISES = {}
RESULTS = {}
_NUMBERS = {}  # notebook -> {check name: (its exercise number there, whether @check was given it)}


def notebook_named_in(doc, module_name="the module"):
    """'01_neuron' from a check module's docstring (the first notebook it names)."""
    match = re.search(r"\b(\d\d_[a-z_]+[a-z])\b", doc or "")
    if not match:
        raise ValueError(f"{module_name}'s docstring names no notebook (such as 01_neuron): name the notebook its "
                         "exercises are in, or give @check(..., notebook='01_neuron').")
    return match.group(1)


def _register(notebook, name, number):
    numbers = _NUMBERS.setdefault(notebook, {})
    if name not in numbers:  # (a module imported twice registers nothing new)
        in_order = sum(1 for _, given in numbers.values() if not given)
        numbers[name] = (number, True) if number is not None else (in_order + 1, False)
    EXERCISES[notebook] = sorted(numbers, key=numbers.get)


def _remember(notebook, name, verdict):
    RESULTS[notebook, name] = verdict
    from ._progress import keep  # imported here: _progress reads this module's tables

    keep(notebook, name, verdict)


# ---- what went wrong in the learner's code ------------------------------------------------------------------
# The kinds of crash the course's exercises produce. numpy raises ValueError or TypeError for most of them, so its
# message is read here, once, and every check decides on the kind.

MATMUL = "matmul"                    # @ or np.dot on shapes whose inner sizes differ
MATMUL_SCALAR = "matmul scalar"      # @ with a single number on one side
BROADCAST = "broadcast"              # an elementwise operation on shapes that do not line up
AMBIGUOUS = "ambiguous"              # an `if`, `and` or Python's max/min asked of a whole array
LIST_ARITHMETIC = "list arithmetic"  # * or @ between plain Python lists
RAGGED = "ragged"                    # np.array of rows of different lengths
PYTHON_SCALAR = "python scalar"      # math.exp and friends given an array
NOT_AN_INDEX = "not an index"        # an array where numpy expects one whole number (np.max(0, z) reads z as axis)
AXIS = "axis"                        # an axis the array does not have
ELLIPSIS = "ellipsis"                # the stub's `...` used as a number
CAST_IN_PLACE = "cast in place"      # `a /= n` on an array of whole numbers
UNPACK = "unpack"                    # `a, b, c = pair`: more (or fewer) names than the values given
SEQUENCE_AS_NUMBER = "sequence as number"  # float(...) of a list or a tuple: one number was expected
NUMBER_UNPACKED = "number unpacked"  # `for a, b in x:` when each item of x is a single number
NUMBER_INDEXED = "number indexed"    # b[0] or x_i[0]: an item asked of a single number
NUMBER_ITERATED = "number iterated"  # sum(...) or a `for` given a single number
SOFTMAX_KEYWORD = "softmax keyword"  # nnlib.softmax given an argument it does not take (axis=1)
RANDOM_STATE = "random state"        # scikit-learn given a numpy Generator where it takes a seed
NOT_CALLABLE = "not callable"       # s(1 - s): brackets right after a number or an array, read as a call
FUNCTION_AS_NUMBER = "function as number"  # s = sigmoid (no brackets), then 1 - s: arithmetic on a function
LIST_PLUS_NUMBER = "list plus number"  # total = [] ... total + 7.2: a list where a number was meant
NUMPY = "numpy"                      # another of numpy's shape or type complaints
PYTHON_MISTAKE = None                # none of these: an ordinary Python mistake (a misspelt name...)


_NUMBER_TYPES = ("float", "int", "numpy.float64", "numpy.int64")  # how Python's messages name a single number's type


def _of_numbers(message, *types):
    """message ("'{}' object is not iterable") as Python words it for each of these types."""
    return tuple(message.format(name) for name in types)


# (the exception's type, what its message says, the kind): the one place that reads numpy's and Python's wording
_SIGNS = (
    (TypeError, ("ellipsis",), ELLIPSIS),
    (TypeError, ("can't multiply sequence", "for @: 'list'", "for *: 'list'", "and 'list'"), LIST_ARITHMETIC),
    (TypeError, ("converted to Python scalars",), PYTHON_SCALAR),
    (TypeError, ("softmax() got an unexpected keyword",), SOFTMAX_KEYWORD),
    (TypeError, ("Cannot cast ufunc",), CAST_IN_PLACE),
    (TypeError, ("float() argument",), SEQUENCE_AS_NUMBER),
    (TypeError, _of_numbers("cannot unpack non-iterable {}", "float", "int", "numpy.float", "numpy.int"),
     NUMBER_UNPACKED),
    (TypeError, _of_numbers("'{}' object is not subscriptable", "float", "int"), NUMBER_INDEXED),
    (IndexError, ("invalid index to scalar variable",), NUMBER_INDEXED),
    (TypeError, _of_numbers("'{}' object is not iterable", *_NUMBER_TYPES), NUMBER_ITERATED),
    (TypeError, ("scalar index", "interpreted as an integer"), NOT_AN_INDEX),
    (ValueError, ("truth value of an array",), AMBIGUOUS),
    (ValueError, ("values to unpack",), UNPACK),
    (ValueError, ("'random_state' parameter",), RANDOM_STATE),
    (ValueError, ("mismatch in its core dimension", "not aligned"), MATMUL),
    (ValueError, ("does not have enough dimensions",), MATMUL_SCALAR),
    (ValueError, ("could not be broadcast", "non-broadcastable"), BROADCAST),
    (ValueError, ("inhomogeneous", "with a sequence"), RAGGED),
    (TypeError, _of_numbers("'{}' object is not callable", "numpy.ndarray", *_NUMBER_TYPES[:3]), NOT_CALLABLE),
    (TypeError, ("and 'function'", "'function' and"), FUNCTION_AS_NUMBER),
    (TypeError, ("can only concatenate list",), LIST_PLUS_NUMBER),
    (Exception, ("gufunc", "ufunc", "dimension"), NUMPY),
)


def crash_kind(error):
    """Which of the kinds above `error` is; PYTHON_MISTAKE (None) for an ordinary Python mistake."""
    if isinstance(error, AxisError):
        return AXIS
    if isinstance(error, (InputValueError, InputTypeError)):  # nnlib's own errors say what was wrong
        return RAGGED if error.kind == "ragged" else None  # else its own message, which names the fix
    text = str(error)
    for kind_of_error, words, kind in _SIGNS:
        if isinstance(error, kind_of_error) and any(word in text for word in words):
            return kind
    return None


_IN_WORDS = {
    ELLIPSIS: "There is still a `...` inside your function: replace it with your code.",
    AMBIGUOUS: ("Your function asked one yes/no question of a whole array (Python's max(0, z), or an `if` on an "
                "array). Use numpy's number-by-number versions instead: np.maximum(0, z), np.where(...)."),
    RAGGED: ("Your function tried to turn rows of different lengths into one array. Check what each item of the "
             "list holds before stacking it."),
    LIST_ARITHMETIC: ("Your function multiplied plain Python lists: `*` and `@` work number by number only on "
                      "NumPy arrays. Turn them into arrays with np.array(...), or multiply one pair at a time."),
    MATMUL_SCALAR: "One side of your `@` is a single number, but @ needs an array on each side.",
    PYTHON_SCALAR: ("Python's math module (math.exp, math.tanh...) works on one number at a time. On a numpy "
                    "array use numpy's versions: np.exp(z), np.tanh(z)."),
    NOT_AN_INDEX: ("An array was used where numpy expects one whole number (an axis or an index). np.max(0, z) "
                   "reads z as the axis: the number-by-number maximum is np.maximum(0, z)."),
    CAST_IN_PLACE: ("The array holds whole numbers, so `a /= n` cannot store fractions in place. Build a new "
                    "array instead: a / n."),
    UNPACK: ("Your function unpacked a different number of values than it was given: `a, b, c = pair` needs "
             "exactly three. Print what you unpack, or its len(...), to see what it holds."),
    SEQUENCE_AS_NUMBER: ("Your function turned a list or a pair into one number (float(...)), but one number was "
                         "expected there. Print what you convert to see what it holds."),
    NUMBER_UNPACKED: ("Your function split a single number into two names: `for a, b in x:` takes one item of x at "
                      "a time, and here each item is one number. To walk through two lists side by side, pair them "
                      "first: `for a, b in zip(x, w):`."),
    NUMBER_INDEXED: ("Your function asked for an item of a single number (something like b[0] or x_i[0]), but a "
                     "single number has no items: use the number itself."),
    NOT_CALLABLE: ("Your function put brackets right after a number or an array, as in s(1 - s): Python reads that as "
                   "calling it like a function. To multiply, write the * that maths leaves out: s * (1 - s)."),
    FUNCTION_AS_NUMBER: ("Your function did arithmetic with a function itself, not with its result: a name like "
                         "sigmoid without brackets. Call it on your numbers first, s = sigmoid(z), then compute with "
                         "s."),
    LIST_PLUS_NUMBER: ("Your function added a number to a list: something started as a list ([]) where a number was "
                       "meant. Start a running total at the number 0, `total = 0`."),
    NUMBER_ITERATED: ("Your function looped over a single number (sum(...) or a `for` given one number), but only a "
                      "list or an array can be looped over. Print what you loop over to see what it holds."),
}


def crash_in_words(error):
    """A one-line hint for a crash: Python's own message for Python mistakes (a misspelt name...), but the course's
    words instead of numpy's internal ones (gufunc signatures, broadcasting)."""
    kind = crash_kind(error)
    if kind is None:
        return raised(error)
    if kind in _IN_WORDS:
        return _IN_WORDS[kind]
    return (f"Your function stopped with a {type(error).__name__}: two arrays' shapes did not fit together. Print "
            "the shape of each array on the way (array.shape) and compare it with the text above.")


def raised(error, who="Your function"):
    """'Your function raised KeyError: 'validation'': a crash in Python's own words, for the mistakes it names well."""
    return f"{who} raised {type(error).__name__}: {error}"


def _is_kind(error, kind):
    if isinstance(kind, tuple):
        return any(_is_kind(error, one) for one in kind)
    return isinstance(error, kind) if isinstance(kind, type) else crash_kind(error) == kind


def explained(error, explain):
    """The words `explain` has for the learner's crash, or None.

    explain is a table of (kind, words) pairs, read from the top: kind is an exception class (KeyError), one of the
    crash kinds above (AMBIGUOUS, or PYTHON_MISTAKE for none of them) or a tuple of them; words is the text, or a
    function error -> text, or None or False to read on. A dict {crash kind: words} is such a table too. A function
    error -> words (or None) may stand instead, for crashes whose words need more than their kind."""
    if callable(explain):
        return explain(error)
    for kind, words in (explain.items() if isinstance(explain, dict) else explain or ()):
        if _is_kind(error, kind):
            said = words(error) if callable(words) else words
            if said:
                return said
    return None


def call_learner(function, *args, explain=None):
    """Call the learner's function as every check does: numpy's warnings off (a check prints one hint, never a
    RuntimeWarning), what it prints passed on above the verdict, printing instead of returning named, and a crash
    told in words: explain may give the words for the crashes this exercise expects (see explained); otherwise
    crash_in_words. The Hint carries the learner's exception as hint.error."""
    heard = io.StringIO()
    try:
        with np.errstate(all="ignore"), contextlib.redirect_stdout(heard):
            result = call(function, *args)
    except Hint as h:
        if h.returned_nothing and heard.getvalue().strip():
            raise Hint(PRINTED_NOT_RETURNED) from None
        sys.stdout.write(heard.getvalue())
        if h.error is None:
            raise
        raise Hint(explained(h.error, explain) or crash_in_words(h.error), error=h.error) from None
    sys.stdout.write(heard.getvalue())
    return result


def run_learner(function, *args, explain=None):
    """Call a learner's function whose work is done in place (a backward step adding into .grad, a training step
    nudging the weights), so that returning None is no mistake: as call_learner (numpy's warnings off, a crash told
    in words and carried as hint.error, what it prints passed on), but it gives back (result, printed) as they are,
    result None included, so that the check can tell a missing or printed answer in its exercise's words."""
    require_function(function)
    heard = io.StringIO()
    try:
        with contextlib.redirect_stdout(heard):
            (result,) = call_learner(lambda *given: (function(*given),), *args, explain=explain)
    finally:
        sys.stdout.write(heard.getvalue())
    return result, bool(heard.getvalue().strip())
