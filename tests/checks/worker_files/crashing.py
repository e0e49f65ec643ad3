"""A claim whose experiment kills the process running it (as a crash in native code would)."""
import os

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Source

a = sp.Symbol("a", positive=True)


def die(seed, scale, **hypothesis):
    os._exit(3)


crashing_claim = Claim(
    id="crashing-claim",
    title="A claim whose experiment takes its process down",
    sources=(Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}"),),
    statement=Equal(2 * a, a + a, why="a + a = 2a"),
    numeric=Numeric(die, {}, "never returns"),
    mutants=(Mutant("m1", Equal(2 * a, 3 * a), {}), Mutant("m2", Equal(2 * a, a), {})),
)
