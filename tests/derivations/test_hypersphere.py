"""The ball-volume formula and the shell fraction beyond the claims' instances: the slicing
recursion dimension by dimension, the known low-dimensional volumes, Stirling's form against
log Gamma at large n, and the shell identity for several n."""
import math

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.hypersphere import ASYMPTOTIC, FRACTION, SHELL, n, nn, r, volume, volume_stirling_n_factorial

t = sp.Symbol("t", real=True)


@settings(max_examples=4, deadline=None)
@given(st.integers(1, 4))
def test_volume_is_the_integral_of_slices(dim):
    # V_d(r) = int_{-r}^{r} V_{d-1}(sqrt(r^2 - t^2)) dt: one coordinate at a time
    sliced = sp.integrate(volume(dim - 1, sp.sqrt(r**2 - t**2)), (t, -r, r))
    assert sp.simplify(sliced - volume(dim, r)) == 0


def test_two_step_recursion_for_many_dimensions():
    for dim in range(2, 30):
        assert sp.simplify(volume(dim, r) / volume(dim - 2, r) - 2 * sp.pi * r**2 / dim) == 0


@settings(max_examples=20, deadline=None)
@given(st.floats(50, 1e6))
def test_asymptotic_log_volume_matches_log_gamma(dim):
    exact = dim * math.log(0.5) + dim / 2 * math.log(math.pi) - math.lgamma(dim / 2 + 1)
    approx = float(ASYMPTOTIC.subs({n: dim, r: sp.Rational(1, 2)}))
    # the next term of Stirling's series is 1/(12 m) with m = d/2
    assert abs(exact - approx) <= 1.01 / (6 * dim) + 1e-9 * abs(exact)


def test_notes_approximation_is_not_asymptotic_to_the_volume():
    # the ratio of 003:943 to the volume goes to 0 (it behaves like n^(-n/2) up to exponentials)
    ratios = [float(volume_stirling_n_factorial(k, sp.Rational(1, 2)) / volume(k, sp.Rational(1, 2))) for k in (10, 20, 40)]
    assert ratios[0] > ratios[1] > ratios[2] and ratios[2] < 1e-12


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 400))
def test_shell_fraction_for_each_dimension(dim):
    assert sp.simplify(SHELL.subs(nn, dim) - FRACTION.subs(nn, dim)) == 0
