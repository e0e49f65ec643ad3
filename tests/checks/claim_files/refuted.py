"""A claim whose own statement is false: it must be refuted with a counterexample."""
import sympy as sp

from checks import Claim, Equal, Mutant, Source

a = sp.Symbol("a", positive=True)

false_claim = Claim(
    id="false-square",
    title="(a + 1)^2 = a^2 + 1 (false)",
    sources=(Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}"),),
    statement=Equal((a + 1) ** 2, a**2 + 1, why="forgot the cross term"),
    no_numeric_reason="a pure algebraic identity",
    mutants=(Mutant("m1", Equal(a, a + 1), None), Mutant("m2", Equal(a, 2 * a), None)),
)
