"""Backprop on a graph: a number that remembers how it was made. Introduced in 09_backprop_graph.

    from nnlib.autograd import Value
    w, x, b = Value(0.5), Value(2.0), Value(-0.5)
    L = ((w * x + b).sigmoid() - 1) ** 2
    L.backward()                      # now w.grad is dL/dw = -0.3549, b.grad is dL/db = -0.1774

Each operation makes a new Value: its result (.data), the Values it came from (.inputs), its operation (.op),
its local slopes (.local_slopes: d result / d each input, taken when it was made) and its backward step (each
input's grad += local slope * the result's grad). backward() runs those steps in
reverse topological order. As in PyTorch, the grads of the Values you made yourself (the leaves) add up over
backward() calls: set them to 0 before the next one. Scalars only, like micrograd.
"""

import math
import numbers


class LogOfNonPositive(ValueError):
    """Value.log of a number <= 0: the log is defined only for positive numbers."""


class Value:
    """A scalar in a computation graph. data: its value; grad: d(output)/d(this), filled in by backward()."""

    def __init__(self, data, inputs=(), op="", label=""):
        if not _is_number(data):
            raise TypeError(f"Value holds one plain number, but got {type(data).__name__}. "
                            "(To use a Value in a formula, write the formula: a + b, not Value(a + b).)")
        self.data, self.grad = float(data), 0.0
        self.inputs, self.op, self.label = tuple(inputs), op, label
        self.local_slopes = ()  # d(this) / d(each input), aligned with inputs: set by the operation that made it

    def __repr__(self):
        return f"Value({self.label + ': ' if self.label else ''}data={self.data:.4g}, grad={self.grad:.4g})"

    def _result(self, data, inputs, op, slopes):
        """A new Value made from inputs; slopes: d(result)/d(each input), taken now, as PyTorch saves them."""
        out = Value(data, inputs, op)
        out.local_slopes = tuple(slopes)
        return out

    def _backward(self):
        """This node's backward step: each input's grad += its local slope * this node's grad (a leaf has none).
        A method, not a function stored on the node: a node that refers to itself is freed only by Python's slow
        cycle collector, which made training a small network here five times slower."""
        for node, slope in zip(self.inputs, self.local_slopes):
            node.grad += slope * self.grad  # += : a node used twice collects blame from both paths

    def __add__(self, other):
        other = _as_value(other, "+")
        return self._result(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __sub__(self, other):
        other = _as_value(other, "-")
        return self._result(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __mul__(self, other):
        other = _as_value(other, "*")
        return self._result(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __truediv__(self, other):
        other = _as_value(other, "/")  # dividing by 0 raises Python's ZeroDivisionError
        return self._result(self.data / other.data, (self, other), "/",
                            (1 / other.data, -self.data / other.data ** 2))

    def __pow__(self, n):
        if isinstance(n, Value) or not _is_number(n):
            raise TypeError(f"the exponent must be a plain number, as in x ** 2, but got {type(n).__name__}. "
                            "(For a Value exponent, write (n * x.log()).exp().)")
        if self.data < 0 and not float(n).is_integer():
            raise ValueError(f"{self.data:g} ** {n:g} is not a real number: a negative base needs a whole exponent.")
        # the slope n x^(n-1); at x = 0 it is 0 for n = 0 and infinite for 0 < n < 1, as in PyTorch
        slope = 0.0 if n == 0 else math.inf if self.data == 0 and n < 1 else n * self.data ** (n - 1)
        return self._result(self.data ** n, (self,), f"**{n:g}", (slope,))  # 0 ** -1 raises ZeroDivisionError

    def __rpow__(self, base):
        raise TypeError("a Value exponent, as in 2 ** x, is not supported: the exponent must be a plain number. "
                        "(Write (x * math.log(2)).exp() instead.)")

    def __neg__(self):
        return self._result(-self.data, (self,), "neg", (-1.0,))

    def __rsub__(self, other):  # 2 - x
        return _as_value(other, "-") - self

    def __rtruediv__(self, other):  # 2 / x
        return _as_value(other, "/") / self

    __radd__, __rmul__ = __add__, __mul__  # 2 + x is x + 2, 2 * x is x * 2

    def relu(self):  # the slope at exactly 0 is taken as 0, as in PyTorch
        return self._result(max(self.data, 0.0), (self,), "relu", (1.0 if self.data > 0 else 0.0,))

    def tanh(self):
        t = math.tanh(self.data)
        return self._result(t, (self,), "tanh", (1 - t * t,))

    def sigmoid(self):  # written two ways so that exp never overflows
        e = math.exp(-abs(self.data))
        s = 1 / (1 + e) if self.data >= 0 else e / (1 + e)
        return self._result(s, (self,), "sigmoid", (s * (1 - s),))

    def exp(self):
        e = math.exp(self.data)  # above about 709.78 math raises OverflowError: the result is too large for a float
        return self._result(e, (self,), "exp", (e,))

    def log(self):
        if self.data <= 0:
            raise LogOfNonPositive(f"log is defined only for positive numbers, but this Value is {self.data:g}. "
                             "(A probability of exactly 0 would give log 0 = minus infinity.)")
        return self._result(math.log(self.data), (self,), "log", (1 / self.data,))

    def backward(self):
        """Fill in every node's grad, d(this Value)/d(node): this grad is 1, the rest from the output back."""
        order = topological_order(self)
        for node in order:
            if node.inputs:
                node.grad = 0.0  # a computed node collects this backward's blame only (leaves keep adding up)
        self.grad += 1.0
        for node in reversed(order):  # the output first: a node passes blame on only once it has all of its own
            node._backward()


def topological_order(root):
    """Every Value root was computed from, and root: each listed after all of its inputs (root last)."""
    order, visited, stack = [], set(), [(root, False)]
    while stack:  # a depth-first search kept in a list, not recursion, so a graph thousands deep works too
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.inputs))
    return order


def _is_number(x):  # True and False are numbers to Python, but a Value of True is a mistake
    return type(x) in (float, int) or isinstance(x, numbers.Real) and not isinstance(x, bool)


def _as_value(other, op):
    if isinstance(other, Value):
        return other
    if _is_number(other):
        return Value(other, label=f"{float(other):g}")
    raise TypeError(f"a Value can be combined with {op} only with another Value or a plain number, but got "
                    f"{type(other).__name__}. (For numpy arrays, loop over the entries.)")
