"""The worked convolution example of the slides (002:1312-1333, "Convolution operation").

The slides (002:1314) slide a 3x3 kernel over a 5x5 input and write the first entry of the
output, 51, leaving the other cells of the 3x3 output blank; the label under it is w * x
(002:1316). The value is that of the kernel slid without flipping (cross-correlation, what
deep-learning libraries call convolution, and what the notes' own definition
(x * w)_i = <g_i w, x> (002:1355, 001:191) computes); the flipped-kernel convolution gives 6.

The slide then shows an edge-detection kernel [[-1,-1,-1],[-1,8,-1],[-1,-1,-1]] (002:1327)
between an input image and a feature map that are pictures, not text: nothing of them can be
compared. What the text does fix is the kernel: it equals its 180-degree rotation, so
cross-correlation and convolution with it agree on every input, and its entries sum to 0, so it
maps constant regions to 0.

Indices: out[i, j] = sum_{a, b} X[i + a, j + b] K[a, b] for the valid cross-correlation (0-based).
"""
from __future__ import annotations

import functools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from numerics.convolution_example import feature_map_experiment

N002 = "002_89896ee51b349776.txt"

INPUT = sp.ImmutableMatrix([[2, 4, 9, 1, 4], [2, 1, 4, 4, 6], [1, 1, 2, 9, 2], [7, 3, 5, 1, 3], [2, 3, 4, 8, 5]])
KERNEL = sp.ImmutableMatrix([[1, 2, 3], [-4, 7, 4], [2, -5, 1]])
EDGE_KERNEL = sp.ImmutableMatrix([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
WRITTEN_ENTRY = 51          # the only output entry the slides write (002:1314)
WRITTEN_OUTPUT_SHAPE = (3, 3)  # the output grid the slides draw (3 rows of 3 cells)


def rotate180(k: sp.Matrix) -> sp.Matrix:
    """K flipped in both axes: correlating with it is convolving with K."""
    return sp.Matrix(k.rows, k.cols, lambda a, b: k[k.rows - 1 - a, k.cols - 1 - b])


def zero_pad(x: sp.Matrix, p: int) -> sp.Matrix:
    return sp.Matrix(x.rows + 2 * p, x.cols + 2 * p,
                     lambda i, j: x[i - p, j - p] if p <= i < x.rows + p and p <= j < x.cols + p else 0)


def correlate(x: sp.Matrix, k: sp.Matrix, padding: str = "valid") -> sp.Matrix:
    """out[i, j] = sum_{a, b} X[i + a, j + b] K[a, b]; 'same' pads X with zeros first."""
    if padding == "same":
        x = zero_pad(x, k.rows // 2)
    elif padding != "valid":
        raise ValueError(f"got padding={padding!r}, but the only valid values are 'valid' and 'same'")
    rows, cols = x.rows - k.rows + 1, x.cols - k.cols + 1
    return sp.Matrix(rows, cols, lambda i, j: sum(x[i + a, j + b] * k[a, b] for a in range(k.rows) for b in range(k.cols)))


def convolve(x: sp.Matrix, k: sp.Matrix, padding: str = "valid") -> sp.Matrix:
    """The flipped-kernel (textbook) convolution: out[i, j] = sum X[i + a, j + b] K[2 - a, 2 - b]."""
    return correlate(x, rotate180(k), padding)


def window_products(x: sp.Matrix, k: sp.Matrix) -> list[list[sp.Expr]]:
    """The nine products X[a, b] K[a, b] of the top-left window, unevaluated, row by row."""
    return [[sp.Mul(x[a, b], k[a, b], evaluate=False) for b in range(k.cols)] for a in range(k.rows)]


def unevaluated_sum(terms) -> sp.Expr:
    return sp.Add(*terms, evaluate=False)


PRODUCTS = window_products(INPUT, KERNEL)
ALL_PRODUCTS = unevaluated_sum([p for row in PRODUCTS for p in row])
ROW_SUMS = unevaluated_sum([sum(int(p.doit()) for p in row) for row in PRODUCTS])


def output_shape_matches():
    """The valid output of a 3x3 kernel on a 5x5 input is (5 - 3 + 1) x (5 - 3 + 1), the grid drawn."""
    shape = correlate(INPUT, KERNEL).shape
    return shape == WRITTEN_OUTPUT_SHAPE, {"valid output shape": shape, "drawn grid": WRITTEN_OUTPUT_SHAPE}


@functools.lru_cache(maxsize=None)
def full_feature_map() -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(correlate(INPUT, KERNEL))


def the_other_entries():
    """The whole valid feature map (the slides write only its first entry)."""
    fmap = full_feature_map()
    return fmap[0, 0] == WRITTEN_ENTRY, {"feature map": sp.sstr(fmap.tolist())}


def written_entry_is_the_notes_star():
    """The written 51 is the kernel slid without flipping, <g_i w, x> (the notes' * at 002:1355);
    the flipped-kernel convolution would give another value."""
    corr, conv = correlate(INPUT, KERNEL)[0, 0], convolve(INPUT, KERNEL)[0, 0]
    return corr == WRITTEN_ENTRY and conv != WRITTEN_ENTRY, {"cross-correlation": corr, "flipped-kernel convolution": conv}


def edge_kernel_properties():
    """The edge kernel equals its 180-degree rotation, so correlation and convolution with it agree
    on a symbolic 5x5 image; its entries sum to 0, so a constant image gives a zero feature map."""
    x = sp.Matrix(5, 5, lambda i, j: sp.Symbol(f"x_{i}{j}", real=True))
    if rotate180(EDGE_KERNEL) != EDGE_KERNEL or sp.expand(correlate(x, EDGE_KERNEL) - convolve(x, EDGE_KERNEL)) != sp.zeros(3, 3):
        return False, {"problem": "correlation and convolution with the edge kernel differ"}
    c = sp.Symbol("c", real=True)
    flat = correlate(sp.Matrix(5, 5, lambda i, j: c), EDGE_KERNEL)
    if sp.expand(flat) != sp.zeros(3, 3):
        return False, {"constant image c gives": sp.sstr(flat.tolist())}
    # and it does respond to an edge: a step from 0 to 1 between columns 2 and 3
    step = correlate(sp.Matrix(5, 5, lambda i, j: 1 if j >= 3 else 0), EDGE_KERNEL)
    return True, {"sum of entries": sum(EDGE_KERNEL), "feature map of a vertical step": sp.sstr(step.tolist())}


convolution_worked_example = Claim(
    id="convolution-worked-example",
    title="The slides' worked convolution: the first entry of the feature map is 51",
    sources=(
        Source(N002, 1314, r"\times \begin{array}{|c|c|c|} \hline 1 & 2 & 3 \\ \hline -4 & 7 & 4 \\ \hline 2 & -5 & 1 \\ \hline \end{array}"),
        Source(N002, 1316, r"$w * x$"),
        Source(N002, 1327, r"\begin{bmatrix} -1 & -1 & -1 \\ -1 & 8 & -1 \\ -1 & -1 & -1 \end{bmatrix}"),
    ),
    assumptions=(
        "the input and kernel as the slides write them (002:1314)",
        "the kernel slid over the input without flipping and without padding (valid cross-correlation), as "
        "deep-learning libraries compute 'convolution' and as the notes define (x * w)_i = <g_i w, x> (002:1355)",
        "exact integer arithmetic",
    ),
    statement=Equal(ALL_PRODUCTS, WRITTEN_ENTRY, why="the top-left window of the input times the kernel, entry by entry, summed"),
    steps=(
        Equal(ALL_PRODUCTS, ROW_SUMS, why="each row of the window: 2 + 8 + 27 = 37, -8 + 7 + 16 = 15, 2 - 5 + 2 = -1"),
        Equal(ROW_SUMS, WRITTEN_ENTRY, why="37 + 15 - 1 = 51",
              source=Source(N002, 1314, r"= \begin{array}{|c|c|c|} \hline 51 &")),
        Computed("a 3x3 kernel on a 5x5 input has a (5 - 3 + 1) x (5 - 3 + 1) = 3x3 valid output, the grid the slides draw",
                 output_shape_matches, why="one output per position of the kernel inside the input",
                 source=Source(N002, 1314, r"= \begin{array}{|c|c|c|} \hline 51 & & \\ \hline & & \\ \hline & & \\ \hline \end{array}")),
        Computed("the whole valid feature map, whose first entry is the written one", the_other_entries,
                 why="the same sum at each of the nine positions"),
    ),
    forms=(
        Computed("the label w * x: 51 is the notes' * (kernel not flipped); the flipped-kernel convolution gives 6",
                 written_entry_is_the_notes_star, why="(x * w)_i = <g_i w, x> slides w without flipping it",
                 source=Source(N002, 1316, r"$w * x$")),
        Computed("the edge kernel is symmetric under a 180-degree rotation (correlation = convolution for every input) "
                 "and its entries sum to 0 (constant regions map to 0)", edge_kernel_properties,
                 why="flipping the kernel changes nothing; a flat image has no edges",
                 source=Source(N002, 1327, r"\begin{bmatrix} -1 & -1 & -1 \\ -1 & 8 & -1 \\ -1 & -1 & -1 \end{bmatrix}")),
    ),
    numeric=Numeric(
        feature_map_experiment, {"orientation": "as-is", "padding": "VALID", "top_left": WRITTEN_ENTRY},
        "jax.lax.conv_general_dilated in float64 (exact on these small integers): the top-left entry equals the written "
        "51 and every entry equals the exact integer map; on random integer images the edge kernel gives equal "
        "correlation and convolution and maps a constant image to 0, exactly"),
    mutants=(
        Mutant("flipped-kernel", Equal(unevaluated_sum([p for row in window_products(INPUT, rotate180(KERNEL)) for p in row]), WRITTEN_ENTRY),
               {"orientation": "flipped", "padding": "VALID", "top_left": WRITTEN_ENTRY},
               "the textbook convolution (kernel rotated by 180 degrees) claimed to give 51"),
        Mutant("transposed-kernel", Equal(unevaluated_sum([p for row in window_products(INPUT, KERNEL.T) for p in row]), WRITTEN_ENTRY),
               {"orientation": "transposed", "padding": "VALID", "top_left": WRITTEN_ENTRY},
               "the kernel read column by column"),
        Mutant("same-padding", Equal(correlate(INPUT, KERNEL, "same")[0, 0], WRITTEN_ENTRY),
               {"orientation": "as-is", "padding": "SAME", "top_left": WRITTEN_ENTRY},
               "zero padding of one pixel ('same' output): the first entry then sees the padding"),
    ),
)
