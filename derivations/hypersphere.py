"""The volume of the d-dimensional ball and where it lives: 003 chapter 2, Problems 3 and 4 (003:927-981).

Three claims:

- ``hypersphere-volume-formula`` (003:931): V_d(r) = r^d pi^(d/2) / Gamma(d/2 + 1), by slicing
  the ball into (d-2)-dimensional balls over a disc.
- ``hypersphere-volume-stirling`` (Problem 3, 003:937-953): log V_n(r) = (n/2) log(2 pi e r^2 / n)
  - (1/2) log(pi n) + O(1/n), so V_n(r) -> 0 for every fixed r; the notes apply Stirling's formula
  for n! where Gamma(n/2 + 1) = (n/2)! is needed.
- ``hypersphere-outer-shell`` (Problem 4, 003:959-981): the outer 1% shell holds 1 - 0.99^n of
  the volume, which tends to 1.

Asymptotic statements are encoded with eps = 2/n -> 0 (so m = n/2 = 1/eps is the argument of the
factorial) as equalities of logarithms up to O(eps): a log-ratio tending to 0 is Stirling's "~".
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.hypersphere import log_volume_asymptotics, shell_fraction_mc, volume_fraction_mc

NOTES = "003_102deae4affe1aa8.txt"
BLUM = Reference("Blum, Hopcroft, Kannan 2020, Foundations of Data Science", "chapter 2, the volume of the unit ball",
                 "https://www.cs.cornell.edu/jeh/book.pdf")
DLMF = Reference("NIST Digital Library of Mathematical Functions", "eq. 5.11.1 (Stirling's series for ln Gamma)",
                 "https://dlmf.nist.gov/5.11")
VOELKER = Reference("Voelker, Gosmann, Stewart 2017, Efficiently sampling vectors and coordinates from the n-sphere and n-ball",
                    "uniform points in the n-ball as the first n coordinates of a uniform point on the sphere in n + 2 dimensions")

r = sp.Symbol("r", positive=True)
d = sp.Symbol("d", positive=True, integer=True)
k = sp.Symbol("k", nonnegative=True, integer=True)
w = sp.Symbol("w", positive=True)


def volume(dim, radius):
    """V_d(r) = r^d pi^(d/2) / Gamma(d/2 + 1), 003:931."""
    return radius**dim * sp.pi ** (dim / sp.Integer(2)) / sp.gamma(dim / sp.Integer(2) + 1)


def volume_gamma_without_one(dim, radius):
    return radius**dim * sp.pi ** (dim / sp.Integer(2)) / sp.gamma(dim / sp.Integer(2))


def volume_diameter_as_radius(dim, radius):
    return (2 * radius) ** dim * sp.pi ** (dim / sp.Integer(2)) / sp.gamma(dim / sp.Integer(2) + 1)


def volume_stirling_n_factorial(dim, radius):
    """003:943 taken as the volume: Stirling's n! in place of Gamma(n/2 + 1)."""
    return radius**dim * sp.pi ** (dim / sp.Integer(2)) / (sp.sqrt(2 * sp.pi * dim) * (dim / sp.E) ** dim)


def _slicing(vol):
    """V_{k+2}(r) as the integral of V_k over a disc of radius r: with rho the radius in the disc and
    w = r^2 - rho^2, int_0^r 2 pi rho V_k(sqrt(r^2 - rho^2)) d rho = pi int_0^{r^2} V_k(sqrt w) dw."""
    return sp.Integral(sp.pi * vol(k, sp.sqrt(w)), (w, 0, r**2))


VOLUME_D = volume(d, r)
VOLUME_GAMMA = volume_gamma_without_one(d, r)
VOLUME_DIAMETER = volume_diameter_as_radius(d, r)
VOLUME_943 = volume_stirling_n_factorial(d, r)

hypersphere_volume_formula = Claim(
    id="hypersphere-volume-formula",
    title="The d-ball of radius r has volume r^d pi^(d/2) / Gamma(d/2 + 1)",
    sources=(Source(NOTES, 931, r"V(r) = \frac{r^d \pi^{d/2}}{\Gamma(d/2 + 1)}"),),
    assumptions=(
        "Cavalieri: the (k+2)-ball of radius r is the union over the points of a disc of radius r (two "
        "coordinates) of k-balls of radius sqrt(r^2 - rho^2), rho the distance in the disc",
        "with V_0 = 1 and V_1(r) = 2r the recursion in k gives every dimension by induction",
    ),
    statement=Equal(_slicing(volume), volume(k + 2, r),
                    why="polar coordinates in the disc, w = r^2 - rho^2: pi int_0^{r^2} w^{k/2} dw V_k(1) = "
                        "2 pi r^{k+2} / (k + 2) V_k(1), and Gamma(k/2 + 2) = (k/2 + 1) Gamma(k/2 + 1)"),
    steps=(
        Equal(sp.Matrix([volume(0, r), volume(1, r)]), sp.Matrix([1, 2 * r]),
              why="the base cases: a point has volume 1 and a segment [-r, r] length 2r"),
    ),
    forms=(
        Equal(sp.Matrix([volume(2, r), volume(3, r)]), sp.Matrix([sp.pi * r**2, sp.Rational(4, 3) * sp.pi * r**3]),
              source=Source(NOTES, 931, r"V(r) = \frac{r^d \pi^{d/2}}{\Gamma(d/2 + 1)}"),
              why="the disc and the ordinary ball"),
    ),
    numeric=Numeric(volume_fraction_mc, {"volume": VOLUME_D},
                    "Monte Carlo in the cube [-1/2, 1/2]^d, d = 2..8: every 99.9% simultaneous confidence interval "
                    "of the fraction of points in the ball of radius 1/2 contains V_d(1/2) / 1"),
    mutants=(
        Mutant("gamma-without-plus-one", Equal(_slicing(volume_gamma_without_one), volume_gamma_without_one(k + 2, r)),
               {"volume": VOLUME_GAMMA}, "r^d pi^(d/2) / Gamma(d/2)"),
        Mutant("diameter-as-radius", Equal(sp.Integral(sp.pi * volume_diameter_as_radius(1, sp.sqrt(w)), (w, 0, r**2)),
                                           volume_diameter_as_radius(3, r)),
               {"volume": VOLUME_DIAMETER}, "(2r)^d pi^(d/2) / Gamma(d/2 + 1): the diameter put for the radius (checked at k = 1)"),
        Mutant("stirling-n-factorial", Equal(sp.Integral(sp.pi * volume_stirling_n_factorial(1, sp.sqrt(w)), (w, 0, r**2)),
                                             volume_stirling_n_factorial(3, r)),
               {"volume": VOLUME_943}, "the approximation of 003:943 taken as the volume (checked at k = 1)"),
    ),
    references=(BLUM,),
)

# ---------------------------------------------------------------------------------------------
# Problem 3: Stirling's approximation and the vanishing volume
# ---------------------------------------------------------------------------------------------
eps = sp.Symbol("epsilon", positive=True)
n = sp.Symbol("n", positive=True)
N_OF_EPS = {n: 2 / eps}                           # eps = 2/n: m = n/2 = 1/eps


def _log(expr):
    return sp.expand_log(sp.log(expr), force=True)


LOG_V = (n * sp.log(r) + n / 2 * sp.log(sp.pi) - sp.loggamma(n / 2 + 1))
APPROX_943 = r**n * sp.pi ** (n / 2) / (sp.sqrt(2 * sp.pi * n) * (n / sp.E) ** n)
APPROX_947 = 1 / sp.sqrt(2 * sp.pi * n) * (sp.E * sp.sqrt(sp.pi) / n * r) ** n
APPROX_TRUE = r**n * sp.pi ** (n / 2) / (sp.sqrt(sp.pi * n) * (n / (2 * sp.E)) ** (n / 2))
APPROX_SQRT_2PI_N = r**n * sp.pi ** (n / 2) / (sp.sqrt(2 * sp.pi * n) * (n / (2 * sp.E)) ** (n / 2))
ASYMPTOTIC = n / 2 * sp.log(2 * sp.pi * sp.E * r**2 / n) - sp.log(sp.pi * n) / 2     # log V_n(r) + O(1/n)


def _in_eps(expr):
    return sp.expand_log(sp.sympify(expr).xreplace(N_OF_EPS), force=True)


hypersphere_volume_stirling = Claim(
    id="hypersphere-volume-stirling",
    title="log V_n(r) = (n/2) log(2 pi e r^2 / n) - (1/2) log(pi n) + O(1/n): the ball's volume tends to 0",
    sources=(
        Source(NOTES, 939, r"n! \approx \sqrt{2\pi n} \left(\frac{n}{e}\right)^n"),
        Source(NOTES, 943, r"V_n(r) \approx \frac{r^n \pi^{n/2}}{\sqrt{2\pi n} \left(\frac{n}{e}\right)^n}"),
        Source(NOTES, 947, r"V_n(r) = \frac{1}{\sqrt{2\pi n}} \left(\frac{e\sqrt{\pi}}{n} r\right)^n"),
        Source(NOTES, 951, r"\lim_{n \rightarrow \infty} \frac{1}{\sqrt{2\pi n}} \left(\frac{e\sqrt{\pi}}{n} r\right)^n = 0"),
    ),
    assumptions=(
        "r > 0 fixed, n -> infinity through any values (Gamma interpolates the factorial); eps = 2/n",
        "'a ~ b' is read as log a - log b -> 0, checked as log a = log b + O(eps)",
    ),
    statement=Equal(_in_eps(LOG_V), _in_eps(ASYMPTOTIC), up_to=sp.O(eps),
                    why="Stirling's formula for Gamma(n/2 + 1) = (n/2)!"),
    steps=(
        Equal(_in_eps(LOG_V), _in_eps(_log(APPROX_943)), up_to=sp.O(eps),
              source=Source(NOTES, 943, r"V_n(r) \approx \frac{r^n \pi^{n/2}}{\sqrt{2\pi n} \left(\frac{n}{e}\right)^n}"),
              why="as written: Stirling's approximation of n! put for Gamma(n/2 + 1)",
              correction=Equal(_in_eps(LOG_V), _in_eps(_log(APPROX_TRUE)), up_to=sp.O(eps),
                               why="Gamma(n/2 + 1) = (n/2)! ~ sqrt(2 pi n/2) (n/(2e))^(n/2) = sqrt(pi n) (n/(2e))^(n/2)")),
        Equal(_in_eps(_log(APPROX_TRUE)), _in_eps(ASYMPTOTIC),
              why="collect: r^n pi^(n/2) (2e/n)^(n/2) = (2 pi e r^2 / n)^(n/2)"),
        Holds(sp.Eq(sp.Limit(sp.exp(ASYMPTOTIC), n, sp.oo), 0, evaluate=False),
              why="(2 pi e r^2 / n)^(n/2) / sqrt(pi n) -> 0: the bracket is below 1 once n > 2 pi e r^2 (n >= 5 for r = 1/2)"),
    ),
    forms=(
        Equal(_in_eps(sp.loggamma(n / 2 + 1)), _in_eps((n / 2) * sp.log(n / 2) - n / 2 + sp.log(sp.pi * n) / 2),
              up_to=sp.O(eps), source=Source(NOTES, 939, r"n! \approx \sqrt{2\pi n} \left(\frac{n}{e}\right)^n"),
              why="Stirling's formula, at m = n/2 = 1/eps: log m! = m log m - m + (1/2) log(2 pi m) + O(1/m)"),
        Equal(APPROX_943, APPROX_947, source=Source(NOTES, 947, r"V_n(r) = \frac{1}{\sqrt{2\pi n}} \left(\frac{e\sqrt{\pi}}{n} r\right)^n"),
              why="the notes' simplification of their 003:943, exact"),
        Equal(sp.Limit(APPROX_947, n, sp.oo), 0,
              source=Source(NOTES, 951, r"\lim_{n \rightarrow \infty} \frac{1}{\sqrt{2\pi n}} \left(\frac{e\sqrt{\pi}}{n} r\right)^n = 0"),
              why="the bracket e sqrt(pi) r / n falls below 1 (n >= 3 for r = 1/2); the conclusion survives the "
                  "wrong approximation, whose bracket decays faster than the true (2 pi e r^2 / n)^(1/2)"),
    ),
    numeric=Numeric(log_volume_asymptotics, {"log_volume": ASYMPTOTIC},
                    "exact log V_n(1/2) from jax.scipy.special.gammaln at n = 10..10^5: the error of the "
                    "prediction decays with a fitted log-log slope in [-1.05, -0.95] (Stirling's next term "
                    "1/(12 m) = 1/(6n)) and is below 1e-4 at n = 10^5"),
    mutants=(
        Mutant("stirling-of-n-factorial", Equal(_in_eps(ASYMPTOTIC), _in_eps(_log(APPROX_943)), up_to=sp.O(eps)),
               {"log_volume": _log(APPROX_943)}, "log of 003:943: Stirling's n! for Gamma(n/2 + 1)"),
        Mutant("prefactor-sqrt-2-pi-n", Equal(_in_eps(LOG_V), _in_eps(_log(APPROX_SQRT_2PI_N)), up_to=sp.O(eps)),
               {"log_volume": _log(APPROX_SQRT_2PI_N)}, "sqrt(2 pi n) (n/(2e))^(n/2): Stirling's prefactor of n! kept with (n/2)!"),
    ),
    references=(DLMF, BLUM),
)

# ---------------------------------------------------------------------------------------------
# Problem 4: the outer shell
# ---------------------------------------------------------------------------------------------
nn = sp.Symbol("n", positive=True, integer=True)
s = sp.Symbol("s", positive=True)
INNER = sp.Rational(99, 100)
SHELL = (volume(nn, r) - volume(nn, INNER * r)) / volume(nn, r)
RATIO_975 = (r**nn - (INNER * r) ** nn) / r**nn
FRACTION = 1 - INNER**nn
STIRLING_971 = APPROX_947.xreplace({n: nn})

hypersphere_outer_shell = Claim(
    id="hypersphere-outer-shell",
    title="The outer shell of thickness 0.01 r holds the fraction 1 - 0.99^n of the n-ball's volume, which tends to 1",
    sources=(
        Source(NOTES, 975, r"\frac{V_{.01,n}}{V_{1,n}} = \frac{r^n - (.99r)^n}{r^n}"),
        Source(NOTES, 977, "if you're not convinced, you can just integrate a uniform density with respect to r from $.99r$ to r"),
        Source(NOTES, 979, r"\lim_{n \rightarrow \infty} \frac{V_{.01,n}}{V_{1,n}} = \lim_{n \rightarrow \infty} 1 - \left(\frac{.99}{1} \right)^n = 1"),
    ),
    assumptions=("V_n(r) = r^n pi^(n/2) / Gamma(n/2 + 1) (hypersphere-volume-formula); any r > 0 (the notes take r = 1)",),
    statement=Equal(SHELL, FRACTION, why="the shell is the ball of radius r minus the ball of radius 0.99 r"),
    steps=(
        Equal(SHELL, RATIO_975, source=Source(NOTES, 975, r"\frac{V_{.01,n}}{V_{1,n}} = \frac{r^n - (.99r)^n}{r^n}"),
              why="pi^(n/2) / Gamma(n/2 + 1) is common to both volumes and cancels"),
        Equal(RATIO_975, FRACTION, why="divide by r^n"),
    ),
    forms=(
        Equal((STIRLING_971 - STIRLING_971.xreplace({r: INNER * r})) / STIRLING_971, FRACTION,
              source=Source(NOTES, 971, r"V_n(r) = \frac{1}{\sqrt{2\pi n}} \left(\frac{e\sqrt{\pi}}{n} r \right)^n"),
              why="with the notes' approximate volume the constants cancel as well: only r^n matters"),
        Equal(sp.Integral(1 / r, (s, INNER * r, r)), RATIO_975,
              source=Source(NOTES, 977, "if you're not convinced, you can just integrate a uniform density with respect to r from $.99r$ to r"),
              why="as written: the uniform density 1/r on [0, r] integrated over the shell",
              correction=Equal(sp.Integral(nn * s ** (nn - 1) / r**nn, (s, INNER * r, r)), RATIO_975,
                               why="the distance from the centre of a uniform point in the n-ball has density "
                                   "n s^(n-1) / r^n, not 1/r: the uniform density gives 0.01 for every n")),
        Equal(sp.Limit(FRACTION, nn, sp.oo), 1,
              source=Source(NOTES, 979, r"\lim_{n \rightarrow \infty} \frac{V_{.01,n}}{V_{1,n}} = \lim_{n \rightarrow \infty} 1 - \left(\frac{.99}{1} \right)^n = 1"),
              why="0.99^n -> 0"),
    ),
    numeric=Numeric(shell_fraction_mc, {"fraction": FRACTION},
                    "uniform points in the n-ball (n = 3, 30, 200) from Gaussian vectors two dimensions up: every "
                    "99.9% simultaneous confidence interval of the fraction beyond radius 0.99 contains 1 - 0.99^n"),
    mutants=(
        Mutant("uniform-radius", Equal(sp.Integral(nn * s ** (nn - 1) / r**nn, (s, INNER * r, r)), sp.Rational(1, 100)),
               {"fraction": sp.Rational(1, 100) + 0 * nn}, "0.01 for every n: the radius taken as uniform (003:977)"),
        Mutant("inner-ball", Equal(SHELL, INNER**nn), {"fraction": INNER**nn}, "0.99^n: the inner ball's share, not the shell's"),
    ),
    references=(BLUM, VOELKER),
)
