"""A small, correct claim written only against the public API (used by the runner tests)."""
import functools

import numpy as np
import sympy as sp

from checks import Claim, Equal, Evidence, Mutant, Numeric, Source

a = sp.Symbol("a", positive=True)


@functools.lru_cache(maxsize=8)
def _uniform_mean(seed: int, n: int) -> tuple[float, float]:
    u = np.random.default_rng(seed).uniform(0.0, 1.0, n)
    return float(u.mean()), float(u.std(ddof=1) / np.sqrt(n))


def uniform_mean(seed, scale, mean):
    m, se = _uniform_mean(seed, 20_000 if scale == "small" else 2_000_000)
    z = 3.29  # two-sided 99.9% normal quantile
    sizes = [1_000, 4_000, 16_000]
    curve = [_uniform_mean(seed, k)[0] for k in sizes]
    figure = {"kind": "semilogx", "x": sizes, "series": {"sample mean": curve, "predicted": [float(mean)] * 3},
              "xlabel": "samples", "ylabel": "mean"}
    return Evidence(abs(m - float(mean)) <= z * se, m, float(mean), f"|mean - predicted| <= {z} SE", figure=figure)


uniform_mean_claim = Claim(
    id="uniform-mean",
    title="The mean of U(0, a) is a/2",
    sources=(Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}"),),
    statement=Equal(sp.integrate(sp.Symbol("x") / a, (sp.Symbol("x"), 0, a)), a / 2, why="integrate x/a over [0, a]"),
    numeric=Numeric(uniform_mean, {"mean": sp.Rational(1, 2)}, "99.9% confidence interval of the sample mean (a = 1)"),
    mutants=(
        Mutant("no-half", Equal(a, a / 2), {"mean": 1}),
        Mutant("third", Equal(a / 3, a / 2), {"mean": sp.Rational(1, 3)}),
    ),
)
