"""What came back from the learner, read as every check reads it: is it still the stub, is it the kind of answer
asked for (numbers, one number, an array of some shape), and which likely mistake is it?

Each question is asked of a table in the exercise's own words, and the first row that fits raises its Hint:
name_the_kind (text, a yes/no, a tuple... instead of the answer), name_the_shape (the shape a slip gives),
name_the_mistake (the number a slip gives, compared with `close`) and name_the_case (a condition worked out
beforehand, for slips no single number stands for).
"""

import numpy as np

from ._feedback import Hint, is_stub


def sentence_start(what):
    """`what` to open a sentence: a word gets its capital ('the W you returned' -> 'The W you returned'), a name
    from the code stays as it is written ('dW', 'y_val', 'he_std(64)'); str.capitalize would give 'The w', 'Dw'."""
    first = what.split(" ")[0]
    return what[:1].upper() + what[1:] if " " in what and first.isalpha() and first.islower() else what


# ---- what kind of answer came back ----------------------------------------------------------------------------
YES_NO = (bool, np.bool_)  # True or False, Python's or numpy's: a kind of answer for name_the_kind


def not_iterable(answer):
    """True if the answer cannot be gone through item by item (a number, a function...): a kind for name_the_kind."""
    try:
        iter(answer)
    except TypeError:
        return True
    return False


def not_numbers(answer):
    """True if numpy cannot read the answer as numbers: a kind of answer for name_the_kind."""
    try:
        np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return True
    return False


def first_text(answer):
    """The first piece of text in the answer ('0.5' in [1, '0.5'], or the answer itself if it is text), else None."""
    if isinstance(answer, (str, bytes)):  # numpy's strings too: they are str and bytes
        return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)
    if isinstance(answer, np.ndarray) and answer.dtype.kind in "SUO":
        answer = answer.ravel().tolist()
    if isinstance(answer, (list, tuple)):
        for item in answer:
            text = first_text(item)
            if text is not None:
                return text
    return None


def quoted_number(answer):
    """True for a number written in quotes, such as '0.25': a kind of answer for name_the_kind."""
    return isinstance(answer, str) and not not_numbers(answer)


def name_the_kind(answer, kinds, **fields):
    """Raise the Hint of the first (kind, message) pair that the learner's answer is; return if it is none of them.

    The one way a check names an answer of the wrong kind (text, a yes/no, a tuple...) in its exercise's words, as
    name_the_mistake names a wrong number: kind is a type or a tuple of types (str, YES_NO, tuple), or a test
    answer -> bool (not_numbers, quoted_number); message is formatted with answer ({answer!r} shows it in quotes),
    type (its type's name), n (its length, if it has one) and fields."""
    for kind, message in kinds:
        if isinstance(answer, kind) if isinstance(kind, (type, tuple)) else kind(answer):
            try:
                n = len(answer)
            except TypeError:  # a number, or a numpy array of no dimension
                n = None
            raise Hint(message.format(**{"answer": answer, "type": type(answer).__name__, "n": n, **fields}))


def typed_number(answer, name, example):
    """A Hint if the number a learner typed into an exercise cell (relu_std = ...) is text or a yes/no: name is the
    variable, example what to write instead ("the std you read on the slider, such as relu_std = 0.1")."""
    name_the_kind(answer, (
        (quoted_number, "{name} is the text {answer!r} (in quotes), not a number: write it without the quotes, "
                        "{name} = {bare}."),
        (str, "{name} is the text {answer!r}: the check reads a number. Write numbers, not text: {example}."),
        (YES_NO, "{name} is {answer}, a yes/no, but the check needs one number: {example}."),
    ), name=name, example=example, bare=str(answer).strip())


def require_filled(answer, name, todo="fill in the exercise cell above and run it"):
    """A Hint (and the exercise still not tried) if the answer is what its exercise cell ships with, None or `...`:
    name is still empty, todo is what to do."""
    if is_stub(answer):
        raise Hint(f"{name} is still empty: {todo}.", returned_nothing=True)


def as_numbers(answer, what="your answer", kinds=(), **fields):
    """The learner's answer as a float array, or a Hint saying it is not numbers: the first of kinds that it is (see
    name_the_kind, formatted with what and fields as well), else the course's words."""
    name_the_kind(answer, kinds, what=what, **fields)
    require_filled(answer, sentence_start(what))
    text = first_text(answer)
    if text is not None:  # numpy would read '0.5' as 0.5: a number in quotes is still a mistake to name
        shown = repr(str(text)) if len(str(text)) <= 40 else repr(str(text)[:37] + "...")
        raise Hint(f"{sentence_start(what)} holds text (such as {shown}), not numbers: write the numbers without "
                   "quotes (0.5, not '0.5'), and no str() or f-string around them.")
    try:
        return np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        raise Hint(f"{sentence_start(what)} should be a number or an array of numbers, "
                   f"but it is {type(answer).__name__}.") from None


def one_number(answer, what, several, kinds=(), scalar=False, **fields):
    """The learner's answer as one float: as_numbers (with kinds), then the Hint `several` (formatted with what,
    size, shape and fields) when it holds more than one number; with scalar, also when it is an array of one."""
    values = as_numbers(answer, what, kinds, **fields)
    if values.ndim != 0 if scalar else values.size != 1:
        raise Hint(several.format(what=what, size=values.size, shape=values.shape, **fields))
    return float(values.reshape(()))


def require_shape(answer, *shapes, hint, **fields):
    """A Hint, formatted with shape (the answer's) and fields, unless the answer has one of the shapes asked for."""
    if np.shape(answer) not in shapes:
        raise Hint(hint.format(shape=np.shape(answer), **fields))


def name_the_shape(answer, hints):
    """Raise the hint that the table {shape: hint} holds for the answer's shape, if it holds one: the shapes a
    likely mistake gives (a transposed output, a hidden layer returned for the output...)."""
    if np.shape(answer) in hints:
        raise Hint(hints[np.shape(answer)])


def close(a, b, rtol=1e-6, atol=1e-9):
    """Same shape and the same numbers up to rounding (never exact float equality: BLAS kernels differ).

    The shapes are compared first and nothing broadcasts: a (3,) answer is never "close" to a (1, 3) or a (3, 3)
    one, and a single number is close only to a single number. Answers that are not numbers are never close."""
    if np.shape(a) != np.shape(b):
        return False
    try:
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    with np.errstate(invalid="ignore"):
        return bool(np.all((a == b) | (np.abs(a - b) <= atol + rtol * np.abs(b))))


def close_each(a, b, rtol=1e-6, atol=1e-9):
    """Number by number, which entries of a match b's up to rounding: a boolean array of their (common) shape.

    The shapes must already be equal (check them first, with a hint of their own): nothing broadcasts."""
    if np.shape(a) != np.shape(b):
        raise ValueError(f"close_each compares arrays of one shape, got {np.shape(a)} and {np.shape(b)}")
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return (a == b) | (np.abs(a - b) <= atol + rtol * np.abs(b))


def name_the_case(cases):
    """Raise the Hint of the first (holds, message) pair that holds: a table of conditions worked out beforehand, for
    mistakes that no single wrong answer stands for (a percentage, a count, a transposed shape...)."""
    for holds, message in cases:
        if holds:
            raise Hint(message)


def name_the_mistake(answer, mistakes, same=close):
    """Raise the Hint of the first (wrong answer, message) pair that `answer` matches; return if none does.

    The one way a check names a wrong answer: a table of the likely mistakes, each computed the way the learner
    would have got it, compared with `same` (by default `close`: same shape, same numbers, nothing broadcasts)."""
    for wrong, message in mistakes:
        if same(answer, wrong):
            raise Hint(message)


def rounded(right, answers, recipe, cut=False):
    """Rows for name_the_mistake's table: the right answer rounded to 0 to 3 decimals, told in one hint (answers: what
    the learner returned, "Your scores"; recipe: what to return instead, "X @ w"); with cut, first the right answer
    with its decimals cut off."""
    cut_off = (np.trunc(right), f"{answers} lost their decimals: whole numbers (int(...) or .astype(int)) cut them "
                                f"off. Return {recipe} as it is.")
    return ([cut_off] if cut else []) + [(np.round(right, digits), f"{answers} are rounded. Return {recipe} as it is; "
                                                                   "round only when you print.") for digits in range(4)]
