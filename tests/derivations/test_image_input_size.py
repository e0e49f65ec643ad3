"""The counts behind the image-input claim, for other image shapes."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.image_input_size import (DENSE_WEIGHTS, GREY_SIZES, IMAGE, INPUTS, INPUTS_WRITTEN, PIXELS_WRITTEN,
                                          channels, height, width)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 512), st.integers(1, 512), st.integers(1, 4))
def test_inputs_are_pixels_times_channels_and_the_dense_layer_their_square(h, w, c):
    at = {height: h, width: w, channels: c}
    assert INPUTS.subs(at) == h * w * c
    assert DENSE_WEIGHTS.subs(at) == (h * w * c) ** 2


def test_the_unevaluated_arithmetic_evaluates_to_the_counts():
    assert PIXELS_WRITTEN.doit() == 50176
    assert INPUTS_WRITTEN.doit() == 150528 == INPUTS.subs(IMAGE)


def test_forgetting_the_channels_only_agrees_for_grey_images():
    grey = {height: 224, width: 224, channels: 1}
    assert GREY_SIZES[0].subs(grey) == INPUTS.subs(grey)
    assert GREY_SIZES[0].subs(IMAGE) * 3 == INPUTS.subs(IMAGE)
    assert sp.Integer(150528) ** 2 == 22658678784
