"""A claim that never finishes: the per-claim time limit must stop it."""
import time

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Source

a = sp.Symbol("a", positive=True)


def forever(seed, scale, value):
    while True:
        time.sleep(0.01)


hanging_claim = Claim(
    id="hanging-claim",
    title="A claim that hangs",
    sources=(Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}"),),
    statement=Equal(a * 1, a, why="identity"),
    numeric=Numeric(forever, {"value": 1}, "never reached"),
    mutants=(Mutant("double", Equal(a, 2 * a), {"value": 2}), Mutant("zero", Equal(a, 0 * a), {"value": 0})),
    timeout=1.0,
)
