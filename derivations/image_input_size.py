"""The size of a fully connected layer on raw images (003 chapter 3, line 1134).

The notes motivate convolutions by counting: a 224 x 224 colour image is "a 2 dimensional grid of
224 possible RGB values", so "the input dimension alone is 224^2 = 150,528", and one fully
connected layer (as many outputs as inputs) has 150,528^2 weights. The count of inputs is right,
the arithmetic written for it is not: 224^2 = 50,176, and 150,528 = 224^2 x 3, one number per
colour channel of each pixel. The weight count 150,528^2 = 22,658,678,784 is right.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Source
from numerics.image_input_size import layer_sizes

NOTES = "003_102deae4affe1aa8.txt"

height, width, channels = sp.symbols("H W C", integer=True, positive=True)
IMAGE = {height: 224, width: 224, channels: 3}          # the notes' RGB image

INPUTS = height * width * channels                       # a flattened H x W x C image
DENSE_WEIGHTS = INPUTS**2                                 # a dense layer with as many outputs as inputs
SIZES = sp.Matrix([INPUTS, DENSE_WEIGHTS])
SIZES_AT_IMAGE = SIZES.subs(IMAGE)

# 224^2 and 224^2 x 3 kept unevaluated, so that the report shows the arithmetic being checked.
PIXELS_WRITTEN = sp.Pow(224, 2, evaluate=False)
INPUTS_WRITTEN = sp.Mul(PIXELS_WRITTEN, 3, evaluate=False)

# Wrong counts a reader could arrive at.
GREY_SIZES = sp.Matrix([height * width, (height * width) ** 2])                    # the channels forgotten
PER_CHANNEL_SIZES = sp.Matrix([INPUTS, channels * (height * width) ** 2])           # one dense layer per channel

image_input_dimension = Claim(
    id="image-input-dimension",
    title="A 224 x 224 RGB image has 224^2 x 3 = 150,528 inputs (not 224^2), and a dense layer on it 150,528^2 weights",
    sources=(Source(NOTES, 1134, r"This means that the input dimension alone is $224^2 = 150,528$"),),
    assumptions=(
        "an image is an H x W grid of pixels with C numbers per pixel (C = 3 for RGB), flattened into one input vector",
        "the 'single layer' is fully connected with as many outputs as inputs (biases not counted), as the notes' "
        "150,528^2 implies",
    ),
    statement=Equal(SIZES_AT_IMAGE, sp.Matrix([150528, 22658678784]),
                    why="the inputs and the dense weights of the notes' 224 x 224 RGB image"),
    steps=(
        Equal(SIZES_AT_IMAGE, sp.Matrix([sp.Integer(224) ** 2 * 3, (sp.Integer(224) ** 2 * 3) ** 2]),
              why="one input per pixel and colour channel: H W C with H = W = 224, C = 3; a dense layer with D "
                  "inputs and D outputs has D x D weights"),
        Equal(sp.Matrix([sp.Integer(224) ** 2 * 3, (sp.Integer(224) ** 2 * 3) ** 2]), sp.Matrix([150528, 22658678784]),
              why="224^2 = 50,176 pixels, times 3 channels is 150,528; its square is 22,658,678,784"),
    ),
    forms=(
        Equal(PIXELS_WRITTEN, 150528, why="the notes' input dimension, as written: 224^2",
              source=Source(NOTES, 1134, r"$224^2 = 150,528$"),
              correction=Equal(INPUTS_WRITTEN, 150528,
                               why="224^2 = 50,176 counts pixels; the three colour channels make 150,528 inputs")),
        Equal(DENSE_WEIGHTS.subs(IMAGE), sp.Integer(150528) ** 2,
              why="the notes' weight count for one dense layer on the flattened image",
              source=Source(NOTES, 1134, r"the number of weights becomes $150,528^2$")),
    ),
    numeric=Numeric(
        layer_sizes,
        {"sizes": sp.lambdify((height, width, channels), SIZES, "numpy")},
        "the flattened size of a 224 x 224 x 3 array and the parameter count of a dense 150,528 -> 150,528 "
        "layer, both from JAX shapes, equal the predicted integers exactly",
    ),
    mutants=(
        Mutant("channels-forgotten", Equal(GREY_SIZES.subs(IMAGE), sp.Matrix([150528, 22658678784])),
               {"sizes": sp.lambdify((height, width, channels), GREY_SIZES, "numpy")},
               "one input per pixel: 224^2 = 50,176 inputs, the notes' written exponent taken at face value"),
        Mutant("one-layer-per-channel", Equal(PER_CHANNEL_SIZES.subs(IMAGE), sp.Matrix([150528, 22658678784])),
               {"sizes": sp.lambdify((height, width, channels), PER_CHANNEL_SIZES, "numpy")},
               "a separate dense layer per colour channel: 3 x 50,176^2 weights instead of 150,528^2"),
    ),
)
