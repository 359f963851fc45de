"""Backprop on a graph: a number that remembers how it was made. Introduced in 09_backprop_graph.

    from nnlib.autograd import Value
    w, x, b = Value(0.5), Value(2.0), Value(-0.5)
    L = ((w * x + b).sigmoid() - 1) ** 2
    L.backward()                      # now w.grad is dL/dw = -0.3549, b.grad is dL/db = -0.1774

Each arithmetic step makes a new Value holding its result (.data), the Values it was computed from (.inputs),
its operation (.op) and a small function that passes blame back: each input's grad += its local slope times the
result's grad. backward() runs those functions from the output back to the inputs, in reverse topological
order, so every node has received all of its blame before it passes any on. Like PyTorch, grads add up:
call backward() once per freshly built graph. Scalars only (micrograd's design); 09 shows that 07's
dense_backward is the same computation done on whole matrices at once.
"""

import math
import numbers


class Value:
    """A scalar in a computation graph. data: its value; grad: d(output)/d(this), filled in by backward()."""

    def __init__(self, data, inputs=(), op="", label=""):
        if isinstance(data, Value) or not _is_number(data):
            raise TypeError(f"Value holds one plain number, but got {type(data).__name__}. "
                            "(To use a Value in a formula, write the formula: a + b, not Value(a + b).)")
        self.data, self.grad = float(data), 0.0
        self.inputs, self.op, self.label = tuple(inputs), op, label
        self._backward = lambda: None  # set by the operation that made this Value

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.4g}, grad={self.grad:.4g})"

    def _result(self, data, inputs, op, slopes):
        """A new Value made from `inputs`; slopes() gives d(result)/d(each input) when backward needs them."""
        out = Value(data, inputs, op)

        def backward():
            for node, slope in zip(inputs, slopes()):
                node.grad += slope * out.grad  # += : a node used twice collects blame from both paths
        out._backward = backward
        return out

    def __add__(self, other):
        other = _as_value(other, "+")
        return self._result(self.data + other.data, (self, other), "+", lambda: (1.0, 1.0))

    def __sub__(self, other):
        other = _as_value(other, "-")
        return self._result(self.data - other.data, (self, other), "-", lambda: (1.0, -1.0))

    def __mul__(self, other):
        other = _as_value(other, "*")
        return self._result(self.data * other.data, (self, other), "*", lambda: (other.data, self.data))

    def __truediv__(self, other):
        other = _as_value(other, "/")
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value that is 0 ({self.data:g} / 0 has no value).")
        return self._result(self.data / other.data, (self, other), "/",
                            lambda: (1 / other.data, -self.data / other.data ** 2))

    def __pow__(self, n):
        if isinstance(n, Value):
            raise TypeError("Value ** Value is not supported: the exponent must be a plain number, as in x ** 2. "
                            "For a learnable exponent write (n * x.log()).exp().")
        if not _is_number(n):
            raise TypeError(f"the exponent should be a plain number, as in x ** 2, but got {type(n).__name__}.")
        if self.data == 0 and n < 0:
            raise ZeroDivisionError(f"0 ** {n:g} divides by zero.")
        if self.data < 0 and not float(n).is_integer():
            raise ValueError(f"{self.data:g} ** {n:g} is not a real number: a negative base needs a whole "
                             "exponent.")
        def slope():  # at 0 the slope of x ** n is 0 for n = 0 and infinite for 0 < n < 1 (as in PyTorch)
            return (0.0 if n == 0 else math.inf if self.data == 0 and n < 1 else n * self.data ** (n - 1),)
        return self._result(self.data ** n, (self,), f"**{n:g}", slope)

    def __neg__(self):
        return self._result(-self.data, (self,), "neg", lambda: (-1.0,))

    def __radd__(self, other):
        return _as_value(other, "+") + self

    def __rsub__(self, other):
        return _as_value(other, "-") - self

    def __rmul__(self, other):
        return _as_value(other, "*") * self

    def __rtruediv__(self, other):
        return _as_value(other, "/") / self

    def relu(self):
        return self._result(max(self.data, 0.0), (self,), "relu", lambda: (1.0 if self.data > 0 else 0.0,))

    def tanh(self):
        t = math.tanh(self.data)
        return self._result(t, (self,), "tanh", lambda: (1 - t * t,))

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data)) if self.data >= 0 else math.exp(self.data) / (1 + math.exp(self.data))
        return self._result(s, (self,), "sigmoid", lambda: (s * (1 - s),))

    def exp(self):
        if self.data > 709.78:
            raise OverflowError(f"exp({self.data:g}) is too large for a float (the limit is about exp(709.78)).")
        e = math.exp(self.data)
        return self._result(e, (self,), "exp", lambda: (e,))

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log is defined only for positive numbers, but this Value is {self.data:g}. "
                             "(A probability of exactly 0 would give log 0 = minus infinity.)")
        return self._result(math.log(self.data), (self,), "log", lambda: (1 / self.data,))

    def backward(self):
        """Fill in every node's grad: d(this Value)/d(node). Sets this grad to 1, then passes blame back."""
        order = topological_order(self)
        self.grad = 1.0
        for node in reversed(order):  # the output first: a node passes blame on only after it has all of its own
            node._backward()


def topological_order(root):
    """Every Value that root was computed from, and root: each one listed after all of its inputs."""
    order, visited, stack = [], set(), [(root, False)]
    while stack:  # a depth-first search without recursion, so deep graphs do not hit Python's recursion limit
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif id(node) not in visited:
            visited.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.inputs) if id(child) not in visited)
    return order


def _is_number(x):
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _as_value(other, op):
    if isinstance(other, Value):
        return other
    if _is_number(other):
        return Value(other, label=f"{float(other):g}")
    raise TypeError(f"a Value can be combined with {op} only with another Value or a plain number, but got "
                    f"{type(other).__name__}. (For numpy arrays, loop over the entries.)")
