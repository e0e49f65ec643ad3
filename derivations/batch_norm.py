"""Batch normalisation (001:11-49). The notes describe batch norm in words only: its reported
advantages, and the smoothing argument of Santurkar et al. (2018), with no formula for the
transform or for the bounds. The one statement a reader can check without supplying formulas the
notes do not give is the closing remark (001:49): stacking batch norms makes the gradients explode
at initialisation. It is an empirical claim (proved in a mean-field limit by Yang et al. 2019),
encoded as a phenomenon with numeric evidence only.
"""
from __future__ import annotations

from checks import Claim, Kind, Mutant, Numeric, Reference, Source
from numerics.batch_norm import gradient_growth

BLOG = "001_50e63b01264c0263.txt"

batch_norm_gradient_explosion = Claim(
    id="batch-norm-gradient-explosion",
    title="Stacked batch norms make the gradients explode at initialisation: ||dLoss/dW_l|| grows geometrically "
          "towards the input",
    kind=Kind.PHENOMENON,
    sources=(
        Source(BLOG, 49, "Stacking batchnorms results in gradient explosion at initialization time."),
    ),
    assumptions=(
        "a deep fully connected ReLU network, batch norm after every linear layer (batch statistics, eps = 1e-5, "
        "no affine part at initialisation), weights N(0, 2/n), Gaussian inputs, a random linear read-out",
        "'explosion' read as geometric growth of the weight-gradient norm with the distance from the output: a "
        "per-layer growth factor above 1",
    ),
    statement=None,
    numeric=Numeric(gradient_growth, {"growth": (1.0, float("inf"))},
                    "8 networks of depth 24 and width 48 (batch 24): the 99% t-interval of the per-layer growth factor of "
                    "||dLoss/dW_l|| towards the input lies above 1"),
    mutants=(
        Mutant("level-gradients", None, {"growth": (0.95, 1.05)},
               "the gradient norm stays level across layers, as it does without batch norm under He initialisation"),
        Mutant("vanishing-gradients", None, {"growth": (0.0, 1.0)},
               "the gradients shrink towards the input"),
    ),
    references=(
        Reference("Yang, Pennington, Rao, Sohl-Dickstein, Schoenholz 2019, A mean field theory of batch normalization",
                  "ICLR 2019; gradient explosion rate for ReLU", "https://arxiv.org/abs/1902.08129"),
        Reference("Santurkar, Tsipras, Ilyas, Madry 2018, How does batch normalization help optimization?",
                  "NeurIPS 2018 (cited at 001:29)", "https://arxiv.org/abs/1805.11604"),
    ),
)
