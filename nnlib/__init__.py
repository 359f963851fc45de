"""nnlib: the small numpy library behind the course "Inside a neural network".

Everything a notebook teaches by writing it out lives here once, so the notebooks and the tests agree.
Shapes everywhere: rows are examples, X is (batch, features), W is (n_in, n_out), Z = X @ W + b.
"""

from .activations import (ACTIVATIONS, Activation, leaky_relu, leaky_relu_derivative, relu, relu_derivative, sigmoid,
                          sigmoid_derivative, softmax, tanh, tanh_derivative)
from .datasets import (TOY_DATASETS, digits_split, load_digits, load_house_prices, load_party, load_spam,
                       logic_gate, toy_2d)
from .gradients import numerical_gradient, relative_error
from .layers import dense_backward, dense_forward
from .losses import (binary_cross_entropy, binary_cross_entropy_gradient, cross_entropy, cross_entropy_gradient,
                     mse, mse_gradient, softmax_cross_entropy, softmax_cross_entropy_gradient)
from .mnist import load_mnist, read_idx
from .network import MLP
from .separability import separating_line
from .setup_check import check_setup

__version__ = "0.1.0"
