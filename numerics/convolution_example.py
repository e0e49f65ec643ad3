"""The slides' worked convolution (002:1312-1333) with jax.lax.conv_general_dilated.

jax.lax.conv_general_dilated computes a cross-correlation (the kernel is not flipped), as every
deep-learning library does. A hypothesis names the kernel's orientation ('as-is', 'flipped' by
180 degrees, 'transposed'), the padding ('VALID' or 'SAME') and the value it predicts at the top
left of the slides' feature map.

Exactness: inputs are integers 0..9 and kernel entries integers of magnitude <= 8, so every
product and every partial sum is an integer far below 2^53 and float64 represents it exactly, in
any summation order. The pass rule is therefore exact equality, with no tolerance:

- the top-left entry of JAX's map of the slides' input equals the hypothesis' value;
- JAX's map equals an exact integer reference (NumPy int64, the defining sum) for the slides'
  input and for random integer images;
- with the edge kernel [[-1,-1,-1],[-1,8,-1],[-1,-1,-1]] (002:1327), correlation and convolution
  (the kernel rotated by 180 degrees) agree on every random image, and a constant image maps to 0.
"""
from __future__ import annotations

import functools

import jax
import numpy as np

from checks import Evidence

SLIDES_INPUT = np.array([[2, 4, 9, 1, 4], [2, 1, 4, 4, 6], [1, 1, 2, 9, 2], [7, 3, 5, 1, 3], [2, 3, 4, 8, 5]])
SLIDES_KERNEL = np.array([[1, 2, 3], [-4, 7, 4], [2, -5, 1]])
EDGE_KERNEL = np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
SIZES = {"small": (16, 24), "large": (256, 96)}     # random images, side length (the int64 reference runs in NumPy)
ORIENTATIONS = {"as-is": lambda k: k, "flipped": lambda k: k[::-1, ::-1], "transposed": lambda k: k.T}


@functools.partial(jax.jit, static_argnames="padding")
def feature_maps(images, kernels, padding: str):
    """Cross-correlation of each image (B, H, W) with each 3x3 kernel (O, 3, 3): (B, O, H', W')."""
    return jax.lax.conv_general_dilated(images[:, None], kernels[:, None], window_strides=(1, 1), padding=padding)


def reference(image: np.ndarray, kernel: np.ndarray, padding: str) -> np.ndarray:
    """The defining sum out[i, j] = sum_{a, b} X[i + a, j + b] K[a, b] in int64 (exact)."""
    x = np.pad(image, 1) if padding == "SAME" else image
    rows, cols = x.shape[0] - 2, x.shape[1] - 2
    return sum(x[a:a + rows, b:b + cols] * kernel[a, b] for a in range(3) for b in range(3))


@functools.lru_cache(maxsize=8)
def images(seed: int, scale: str) -> np.ndarray:
    """Random integer images 0..9; the first holds the slides' input in its top-left corner, the
    second is constant."""
    count, side = SIZES[scale]
    out = np.random.default_rng(seed).integers(0, 10, size=(count, side, side))
    out[0] = 0
    out[0, :5, :5] = SLIDES_INPUT
    out[1] = 7
    return out


def feature_map_experiment(seed: int, scale: str, orientation: str, padding: str, top_left: int) -> Evidence:
    """Pass: every comparison in the module docstring is exactly equal."""
    if orientation not in ORIENTATIONS:
        raise ValueError(f"got orientation={orientation!r}, but the only valid values are {', '.join(ORIENTATIONS)}")
    kernel = ORIENTATIONS[orientation](SLIDES_KERNEL)
    imgs = images(seed, scale)
    kernels = np.stack([kernel, EDGE_KERNEL, EDGE_KERNEL[::-1, ::-1]]).astype(float)
    maps = np.asarray(feature_maps(imgs.astype(float), kernels, padding))
    # the slides' input sits in the top-left corner of image 0 with zeros around it: the 5x5
    # valid map is the corner of the large one (its windows never reach past row/column 4)
    slides_map = maps[0, 0, :3, :3] if padding == "VALID" else maps[0, 0, :5, :5]
    slides_ref = reference(SLIDES_INPUT, kernel, padding)
    refs = np.stack([reference(img, kernel, padding) for img in imgs[1:]])
    corner_ok = float(slides_map[0, 0]) == float(top_left)
    slides_ok = np.array_equal(slides_map, slides_ref)
    random_ok = np.array_equal(maps[1:, 0], refs)
    symmetric_gap = float(np.abs(maps[:, 1] - maps[:, 2]).max())
    constant_max = float(np.abs(maps[1, 1]).max())
    passed = corner_ok and slides_ok and random_ok and symmetric_gap == 0.0 and constant_max == 0.0
    return Evidence(
        passed,
        {"top-left entry": float(slides_map[0, 0]), "slides' map": slides_map.astype(int).tolist(),
         "random images: max |JAX - exact|": float(np.abs(maps[1:, 0] - refs).max()),
         "edge kernel: max |correlation - convolution|": symmetric_gap, "edge kernel on a constant image: max |map|": constant_max},
        {"top-left entry": top_left, "slides' map": slides_ref.tolist(), "differences": 0.0},
        f"exact equality (integers < 2^53 in float64): {orientation} kernel, {padding} padding, the slides' input and "
        f"{len(imgs) - 1} random {imgs.shape[1]}x{imgs.shape[2]} integer images")
