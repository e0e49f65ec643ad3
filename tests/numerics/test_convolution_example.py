"""jax.lax.conv_general_dilated against the exact integer reference, and the pass rule."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.convolution_example import (EDGE_KERNEL, SLIDES_INPUT, SLIDES_KERNEL, feature_map_experiment,
                                          feature_maps, images, reference)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_jax_cross_correlation_equals_the_defining_sum_exactly(seed):
    rng = np.random.default_rng(seed)
    imgs = rng.integers(-9, 10, size=(2, 7, 7))
    k = rng.integers(-9, 10, size=(3, 3))
    for padding in ("VALID", "SAME"):
        got = np.asarray(feature_maps(imgs.astype(float), k[None].astype(float), padding))[:, 0]
        want = np.stack([reference(img, k, padding) for img in imgs])
        assert np.array_equal(got, want)


def test_reference_on_the_slides_input():
    assert reference(SLIDES_INPUT, SLIDES_KERNEL, "VALID")[0, 0] == 51
    assert reference(SLIDES_INPUT, SLIDES_KERNEL[::-1, ::-1], "VALID")[0, 0] == 6
    assert reference(SLIDES_INPUT, SLIDES_KERNEL, "SAME").shape == (5, 5)
    assert np.all(reference(np.full((5, 5), 3), EDGE_KERNEL, "VALID") == 0)


def test_rule_accepts_the_slides_convention_only():
    assert feature_map_experiment(0, "small", "as-is", "VALID", 51).passed
    assert not feature_map_experiment(0, "small", "as-is", "VALID", 52).passed
    for orientation, padding in (("flipped", "VALID"), ("transposed", "VALID"), ("as-is", "SAME")):
        assert not feature_map_experiment(0, "small", orientation, padding, 51).passed


def test_images_embed_the_slides_input_and_are_repeatable():
    a = images(3, "small")
    assert np.array_equal(a[0, :5, :5], SLIDES_INPUT) and np.all(a[1] == 7)
    images.cache_clear()
    assert np.array_equal(images(3, "small"), a)
    assert feature_map_experiment(3, "small", "as-is", "VALID", 51).measured == feature_map_experiment(3, "small", "as-is", "VALID", 51).measured
