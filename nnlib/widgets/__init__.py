"""The course's interactive widgets: each is one call that returns a ready widget.

    from nnlib import widgets
    widgets.neuron_playground()                         # 01_neuron (the party), 02_bias, 03_linearity (XOR)
    widgets.pixel_neuron_explorer(images, labels)       # 01_neuron, 08_training_digits
    widgets.activation_explorer("sigmoid")              # 04_activations
    widgets.softmax_explorer([2.0, 1.0, 0.1])           # 04_activations
    widgets.bending_space()                             # 04_activations
    widgets.network_builder("xor")                      # 05_layers
    widgets.input_scale_explorer()                      # 05_layers
    widgets.hinges("bump")                              # 05_layers (a curve from ReLU hinges)
    widgets.forward_pass_explorer(models, X, y)         # 06_forward_pass
    widgets.draw_digit()                                # 06_forward_pass, 08_training_digits
    widgets.descent_explorer()                          # 07_backprop
    widgets.blame_explorer(model, X, y)                 # 07_backprop
    widgets.training_playground("moons", hidden=(8,))   # 07_backprop; 05_layers (the feature factory)

Every widget draws its figure once and then redraws only what moves, as a small PNG, so dragging a slider
updates within a few milliseconds in the kernel. It needs nothing beyond ipywidgets (7.7 or 8): it works in
JupyterLab, Binder, Colab and VS Code. Each returned widget exposes .controls (name -> control), .state_model
(the numbers it shows, a plain class from nnlib.state that checks and tests use without widgets), .view (the
frame-drawing half, usable without a browser), .frame (the numbers last drawn) and .render() (PNG bytes).
"""

from .activations import activation_explorer, softmax_explorer
from .browser import drawing
from .bending import bending_space
from .blame import blame_explorer
from .descent import descent_explorer
from .digits import draw_digit
from .forward import forward_pass_explorer, input_scale_explorer
from .network_builder import network_builder
from .neuron import neuron_playground
from .pixel_neuron import pixel_neuron_explorer
from .hinges import hinges
from .playground import training_playground

__all__ = ["drawing", "neuron_playground", "pixel_neuron_explorer", "activation_explorer", "softmax_explorer",
           "bending_space", "network_builder", "input_scale_explorer", "forward_pass_explorer",
           "draw_digit", "descent_explorer", "blame_explorer", "training_playground", "hinges"]
from .graph import graph_explorer
from .initialisation import initialisation_explorer
from .generalisation import minibatch_explorer, weight_decay_explorer
