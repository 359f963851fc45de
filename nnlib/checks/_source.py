"""Reading the learner's function: its source text and syntax tree, the names its code reads, and where it stopped.

The checks decide on what a function returns; these helpers tell them *how* it was written when the number alone
cannot (a `return` inside the loop, the running total left unreturned, the notebook's own `w_party` read instead of
the argument `w`). A function whose source cannot be read (typed at a bare Python prompt, say) gets None or an empty
answer, never an error.
"""

import ast
import inspect
import textwrap

import numpy as np

from ._feedback import Hint

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.While)


def source(function):
    """The text of the learner's function, or None when it cannot be read."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


def function_node(function):
    """The ast node of the learner's def (or lambda), or None when its source is not available."""
    text = source(function)
    if text is None:
        return None
    try:
        tree = ast.parse(textwrap.dedent(text))
    except (SyntaxError, IndentationError):  # a lambda in the middle of a longer line, say
        return None
    return next((node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.Lambda))), None)


def walk_own(node):
    """Every node inside `node`, not descending into functions or classes defined inside it."""
    for child in ast.iter_child_nodes(node):
        yield child
        if not isinstance(child, _NESTED):
            yield from walk_own(child)


def _loops(function):
    """The for and while loops of the learner's function (not of functions defined in it), or None when its source
    cannot be read."""
    node = function_node(function)
    return None if node is None else [inner for inner in walk_own(node) if isinstance(inner, _LOOPS)]


def has_loop(function):
    """True if the learner's function has a for or while loop of its own, False if not, None if unreadable."""
    loops = _loops(function)
    return None if loops is None else bool(loops)


def returns_inside_loop(function):
    """True if a `return` sits inside a for or while loop of the learner's function (it stops at the first
    pass), False if not, None if its source cannot be read."""
    loops = _loops(function)
    return None if loops is None else any(isinstance(inner, ast.Return) for loop in loops for inner in walk_own(loop))


def _last_returned_name(function):
    """The ast.Name the learner's function gives back, when its last statement is `return name`; else None."""
    node = function_node(function)
    if node is None or isinstance(node, ast.Lambda) or not node.body or not isinstance(node.body[-1], ast.Return):
        return None
    returned = node.body[-1].value
    return returned if isinstance(returned, ast.Name) else None


def returned_instead_of_total(function):
    """If the function's last return gives back a name the loop overwrites (say `product`) while another name
    is the running total (`total = total + ...` or `total += ...`), return (returned, total); else None."""
    returned = _last_returned_name(function)
    if returned is None:
        return None
    overwritten, totals = set(), []
    for loop in _loops(function):
        for inner in walk_own(loop):
            if isinstance(inner, ast.AugAssign) and isinstance(inner.target, ast.Name):
                totals.append(inner.target.id)
            elif isinstance(inner, ast.Assign):
                for target in inner.targets:
                    if isinstance(target, ast.Name):
                        reads_itself = any(isinstance(n, ast.Name) and n.id == target.id
                                           for n in ast.walk(inner.value))
                        (totals.append if reads_itself else overwritten.add)(target.id)
    totals = [t for t in totals if t != returned.id]
    if returned.id in overwritten and totals:
        return returned.id, totals[0]
    return None


def kept_but_not_returned(function):
    """If the function's last return gives back a name set inside its loop (say `accuracy`) while the loop copies
    that name into another one it keeps (`best = accuracy` under an `if`, or `best = max(best, accuracy)`), return
    (returned, kept); else None."""
    returned = _last_returned_name(function)
    if returned is None:
        return None
    assigned = [inner for inner in _loop_statements(function) if isinstance(inner, ast.Assign)]
    if not any(isinstance(t, ast.Name) and t.id == returned.id for inner in assigned for t in inner.targets):
        return None
    for inner in assigned:
        reads = {n.id for n in ast.walk(inner.value) if isinstance(n, ast.Name)}
        for target in inner.targets:
            if isinstance(target, ast.Name) and target.id != returned.id and returned.id in reads:
                return returned.id, target.id
    return None


def calls(function, name):
    """True if the learner's function calls `name` (round(...), np.round(...) or x.round(...) for "round"), False if
    not or if its source cannot be read. Comments and strings do not count."""
    node = function_node(function)
    if node is None:
        return False
    return any(isinstance(inner, ast.Call) and (
        (isinstance(inner.func, ast.Name) and inner.func.id == name)
        or (isinstance(inner.func, ast.Attribute) and inner.func.attr == name)) for inner in ast.walk(node))


def _loop_statements(function):
    """Every node inside the learner's loops (not inside functions defined in them); empty when unreadable."""
    return [inner for loop in _loops(function) or [] for inner in walk_own(loop)]


def discarded_sum(function):
    """The text of a sum computed on a line of its own inside a loop and never kept (`total + w_i * x_i`, with no
    `total =` in front), or None."""
    for inner in _loop_statements(function):
        if isinstance(inner, ast.Expr) and isinstance(inner.value, ast.BinOp):
            return ast.unparse(inner.value)
    return None


def plus_sign_assigned(function):
    """The name in a `total =+ ...` inside a loop (Python reads it as `total = +...`: = and a plus sign), or None."""
    for inner in _loop_statements(function):
        if isinstance(inner, ast.Assign) and isinstance(inner.targets[0], ast.Name):
            first = inner.value
            while isinstance(first, ast.BinOp):  # `+w_i * x_i` is (+w_i) * x_i: the plus sign sits leftmost
                first = first.left
            if isinstance(first, ast.UnaryOp) and isinstance(first.op, ast.UAdd):
                return inner.targets[0].id
    return None


def restarted_inside_loop(function):
    """The name of a running total set to a plain number inside the loop that adds to it (`total = 0` indented
    under `for`), or None."""
    statements = _loop_statements(function)
    restarted = {target.id for inner in statements if isinstance(inner, ast.Assign)
                 and isinstance(inner.value, ast.Constant) for target in inner.targets if isinstance(target, ast.Name)}
    for inner in statements:
        if isinstance(inner, ast.AugAssign) and isinstance(inner.target, ast.Name) and inner.target.id in restarted:
            return inner.target.id
        if isinstance(inner, ast.Assign):
            for target in inner.targets:
                if isinstance(target, ast.Name) and target.id in restarted and any(
                        isinstance(n, ast.Name) and n.id == target.id for n in ast.walk(inner.value)):
                    return target.id
    return None


def is_shipped_stub(function):
    """True if the function body is still only `return None`, `...` or `pass` (comments do not count), or its
    source cannot be read."""
    node = function_node(function)
    if node is None or isinstance(node, ast.Lambda):
        return True
    for statement in node.body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # a docstring or a bare ...
        if isinstance(statement, ast.Return) and (statement.value is None or (
                isinstance(statement.value, ast.Constant) and statement.value.value in (None, Ellipsis))):
            continue
        return False
    return True


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if inspect.iscode(const):
            yield from _code_objects(const)


def notebook_data_used(function):
    """Names of the notebook's data (numbers, lists, arrays) that the function reads instead of its arguments."""
    code, scope = getattr(function, "__code__", None), getattr(function, "__globals__", {})
    if code is None:
        return []
    names = []
    for inner in _code_objects(code):
        for name in inner.co_names:
            value = scope.get(name)
            is_data = isinstance(value, (np.ndarray, list, tuple, int, float)) and not isinstance(value, bool)
            is_dataset = isinstance(getattr(value, "X", None), np.ndarray)  # party, digits: .X is their table
            if name not in names and (is_data or is_dataset):
                names.append(name)
    return names


def name_the_slip(function, slips):
    """Raise the Hint of the first (test, message) pair whose test(function) finds something: how the learner's
    function is written, when its answer alone cannot tell the mistake (name_the_mistake tells it from the answer).
    message is the hint, or a function of what the test found (a name, say) that gives it."""
    for test, message in slips:
        found = test(function)
        if found:
            raise Hint(message(found) if callable(message) else message)


def blame_notebook_data(function, arguments):
    """Raise a Hint if the function reads the notebook's own variables (say `w_party`) instead of its arguments."""
    used = notebook_data_used(function)
    if used:
        names = ", ".join(f"`{n}`" for n in used)
        raise Hint(f"Your function reads {names} from the notebook instead of its own arguments ({arguments}). "
                   "The check calls it with other data: use the names in the `def` line.")


def name_used_before_set(error):
    """The name a NameError (an UnboundLocalError too) is about, or None when it cannot be told.

    Python gives it as error.name for a name it cannot find anywhere; for a local variable read before its first
    assignment (`total = total + ...` with no `total = 0` before the loop) it is the one local of the learner's
    frame that never got a value."""
    if getattr(error, "name", None):
        return error.name
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None:
        return None
    code, values = frame.tb_frame.f_code, frame.tb_frame.f_locals
    unset = [name for name in code.co_varnames[:code.co_nlocals] if name not in values]
    return unset[0] if len(unset) == 1 else None
