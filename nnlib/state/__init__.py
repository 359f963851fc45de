"""What each widget holds, as plain numbers: one state model per widget family, named as the course names it.

A state model imports neither ipywidgets nor matplotlib. It holds the numbers (weights, data, a training run),
applies a change (a weight moved, a step of training, a reset) and answers what the picture and the readout
need (outputs over a grid, a score, the loss history). The widgets in nnlib.widgets draw a state model; the
checks and the tests talk to it directly.

    nnlib.state.plane          plane_grid: the points a map of the plane is computed at
    nnlib.state.neuron         one neuron (01-03): NeuronState, neuron_output
    nnlib.state.pixel_neuron   one neuron over the pixels of a digit (01, 08)
    nnlib.state.activation     the activation curves and where their slope vanishes; softmax (04)
    nnlib.state.bending        a layer of two neurons bending the plane (04)
    nnlib.state.network_builder  a 2-input network whose every weight is a number you set (05)
    nnlib.state.forward        one image's forward pass and the input scale a layer can bear (05, 06)
    nnlib.state.digits         the 8x8 picture a trained network reads (06, 08)
    nnlib.state.playground     a training run on 2-D data (07; 05's feature factory)
    nnlib.state.hinges         a curve built from ReLU hinges (05): Hinges
    nnlib.state.descent        a hike down the house-price loss landscape, full batch and mini-batch (07, 11)
    nnlib.state.blame          one example's blame on every weight, the blame game (07): BlameGame
    nnlib.state.graph          backprop on a graph, one node at a time (09): GraphBackprop
    nnlib.state.initialisation a deep network's start, six ways (10): FirstWeights, start_report
    nnlib.state.generalisation one weight decay's run beside none (11): WeightDecayChoice

The experiments they run (the descent loop, the 100-digit recipe, the hinge maths) are nnlib.experiments.
"""
