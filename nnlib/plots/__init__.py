"""The course's plots. Each takes ax=None (a new figure when left out), returns what it drew, and changes no
global matplotlib setting: call `use_course_style()` on purpose if you want the course's look everywhere.

    from nnlib import plots
    plots.plot_decision_boundary(model, X, y)          # 03_linearity
    plots.plot_activation("sigmoid")                   # 04_activations
    plots.plot_bending((W, b, "relu"), X, y)           # 03_linearity, 04_activations
    plots.plot_network(model, x=X[0])                  # 05_layers, 06_forward_pass
    plots.plot_neuron_weights(model, neuron=3)         # 01_neuron, 08_training_digits
    plots.plot_logits(model.logits(X[:1])[0])          # 04_activations, 06_forward_pass
    plots.plot_probabilities(model.predict_proba(X[:1]))   # 04_activations, 06_forward_pass
    plots.plot_history(history, metric="both")         # 07_backprop, 08_training_digits
    plots.show(fig, alt="what the figure shows")       # every notebook: a figure with a text alternative

Colours are colour-blind safe: classes in blue (circles) and orange (triangles); signed weights red-blue,
with a dot on every negative weight.
"""

from .style import (CLASS_CMAP, CLASS_COLORS, CLASS_MARKERS, NEGATIVE, OKABE_ITO, POSITIVE, WEIGHT_CMAP,
                     use_course_style)
from .activation import ActivationPlot, activation_curve, plot_activation
from .bending import BendingPlot, plot_bending
from .boundary import DecisionBoundaryPlot, model_output, plane_grid, plot_decision_boundary
from .history import HistoryPlot, plot_history
from .network import NetworkDiagram, plot_network
from .probabilities import LogitBars, ProbabilityBars, plot_logits, plot_probabilities
from .weights import WeightImage, plot_neuron_weights
from .show import show

__all__ = ["show", "plot_decision_boundary", "plot_activation", "plot_bending", "plot_network",
           "plot_neuron_weights", "plot_logits", "plot_probabilities", "plot_history", "use_course_style",
           "DecisionBoundaryPlot",
           "ActivationPlot", "BendingPlot", "NetworkDiagram", "WeightImage", "LogitBars", "ProbabilityBars",
           "HistoryPlot", "activation_curve", "model_output", "plane_grid", "CLASS_COLORS", "CLASS_MARKERS",
           "CLASS_CMAP", "WEIGHT_CMAP", "OKABE_ITO", "POSITIVE", "NEGATIVE"]
