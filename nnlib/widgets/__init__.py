"""The course's interactive widgets: each is one call that returns a ready widget.

    from nnlib import widgets
    widgets.neuron_playground()                         # 01_neuron (the party), 02_bias, 03_linearity (XOR)
    widgets.activation_explorer("sigmoid")              # 04_activations
    widgets.softmax_explorer([2.0, 1.0, 0.1])           # 04_activations
    widgets.network_builder("xor")                      # 05_layers
    widgets.draw_digit()                                # 06_forward_pass, 08_training_digits
    widgets.training_playground("moons", hidden=(8,))   # 07_backprop

Every widget draws its figure once and then redraws only what moves, as a small PNG, so dragging a slider
updates within a few milliseconds in the kernel. It needs nothing beyond ipywidgets (7.7 or 8): it works in
JupyterLab, Binder, Colab and VS Code. Each returned widget exposes .controls (name -> control), .view (the
frame-drawing half, usable without a browser), .frame (the numbers last drawn) and .render() (PNG bytes).
"""

from .activations import activation_explorer, softmax_explorer
from .digits import draw_digit
from .network_builder import XOR_SOLUTION, network_builder
from .neuron import neuron_playground
from .training import training_playground

__all__ = ["neuron_playground", "activation_explorer", "softmax_explorer", "network_builder",
           "training_playground", "draw_digit", "XOR_SOLUTION"]
