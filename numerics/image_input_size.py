"""Counting the inputs of a flattened RGB image and the weights of a dense layer on it, from JAX
shapes alone (``jax.eval_shape``: no 180 GB weight matrix is ever allocated)."""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence

IMAGE_SHAPE = (224, 224, 3)   # the notes' image: 224 x 224 pixels, RGB


def measured_sizes(image_shape: tuple[int, int, int] = IMAGE_SHAPE) -> tuple[int, int]:
    """(inputs, dense weights): the length of the flattened image, and the number of entries of
    the weight matrix of a dense layer mapping it to a vector of the same length."""
    flat = jax.eval_shape(lambda: jnp.zeros(image_shape, jnp.float32).reshape(-1))
    d = flat.shape[0]
    kernel = jax.eval_shape(lambda: jnp.zeros((d, d), jnp.float32))
    return d, math.prod(kernel.shape)


def layer_sizes(seed: int, scale: str, sizes) -> Evidence:
    """``sizes(H, W, C)`` -> (inputs, dense weights). Deterministic: seed and scale play no part.
    Pass rule: exact integer equality of both counts (a count has no round-off)."""
    del seed, scale
    measured = measured_sizes()
    predicted = tuple(int(round(float(v))) for v in np.asarray(sizes(*IMAGE_SHAPE), dtype=float).ravel())
    return Evidence(tuple(measured) == predicted,
                    {"inputs": measured[0], "dense weights": measured[1]},
                    {"inputs": predicted[0], "dense weights": predicted[1]},
                    "exact equality of both counts (integers, no tolerance)",
                    detail=f"image shape {IMAGE_SHAPE}")
