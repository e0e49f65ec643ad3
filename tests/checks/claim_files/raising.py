"""A claim whose experiment raises: it must be reported as an error while others still run."""
import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Source

a = sp.Symbol("a", positive=True)


def broken(seed, scale, value):
    raise RuntimeError("the experiment blew up")


raising_claim = Claim(
    id="raising-claim",
    title="A claim whose experiment raises",
    sources=(Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}"),),
    statement=Equal(a + a, 2 * a, why="collect terms"),
    numeric=Numeric(broken, {"value": 1}, "never reached"),
    mutants=(Mutant("three", Equal(a + a, 3 * a), {"value": 3}), Mutant("one", Equal(a + a, a), {"value": 0})),
)
