"""A claim missing its sources: loading must name the file, the claim and the field."""
import sympy as sp

from checks import Claim, Equal, Mutant

a = sp.Symbol("a")
no_source = Claim(id="no-source", title="missing source", sources=(), statement=Equal(a, a, why="x"),
                  no_numeric_reason="n/a", mutants=(Mutant("m1", Equal(a, 2 * a), None), Mutant("m2", Equal(a, 3 * a), None)))
