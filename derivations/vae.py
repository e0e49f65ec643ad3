"""The VAE's reparameterisation trick (slides 002:2002-2011): the latent vector is written as a
function of the encoder's output, z = mu_x + sigma_x eps with eps ~ N(0, I), so that errors can be
propagated back through the sampling.

Two claims:

- ``vae-reparameterization``: z = mu + sigma eps with eps ~ N(0, 1) has the encoder's distribution
  N(mu, sigma^2) (its density, by the change of variables), and the slides' vector form has mean
  mu_x and covariance diag(sigma_x^2). The experiment draws z this way and tests its mean,
  variance and whole distribution against N(mu, sigma^2).
- ``vae-pathwise-gradient``: the gradient of E[f(z)] with respect to the encoder's outputs passes
  through the sample, d/d mu E[f(z)] = E[f'(z)] and d/d sigma E[f(z)] = E[eps f'(z)]: the pathwise
  estimators f'(z) and eps f'(z) are unbiased. Symbolic for a quartic f with symbolic coefficients
  (E[f(mu + sigma eps)] in closed form from the Gaussian moments); the experiment's Monte Carlo
  uses a non-polynomial f.

The slides write no KL term for the latent constraint (002:2002 says it in words only), so none is
checked here.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.vae import pathwise_gradient_estimates, reparameterized_samples

SLIDES = "002_89896ee51b349776.txt"
KINGMA = Reference("Kingma, Welling 2014, Auto-encoding variational Bayes", "section 2.4, the reparameterization trick",
                   "https://arxiv.org/abs/1312.6114")

mu = sp.Symbol("mu", real=True)
sigma = sp.Symbol("sigma", positive=True)
eps = sp.Symbol("epsilon", real=True)                       # eps ~ N(0, 1)
EPS_VEC = sp.symbols("epsilon_1:3", real=True)              # eps ~ N(0, I) in two dimensions
NOISES = (eps,) + EPS_VEC                                   # independent standard normals


def standard_normal_expectation(expr, noises=NOISES):
    """E over independent eps_i ~ N(0, 1) of a polynomial in them: by independence a monomial's
    expectation is the product of moments, E[eps^k] = 0 for odd k and (k - 1)!! for even k."""
    expr = sp.expand(expr)
    present = [e for e in noises if expr.has(e)]
    if not present:
        return expr
    total = sp.Integer(0)
    for powers, coeff in sp.Poly(expr, *present).terms():
        moment = sp.Integer(1)
        for k in powers:
            moment *= 0 if k % 2 else sp.factorial2(k - 1)
        total += coeff * moment
    return total


class E(sp.Function):
    """The expectation over the standard normal noise; ``doit`` evaluates it."""

    nargs = 1

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return standard_normal_expectation(arg)

    def _latex(self, printer, exp=None):
        body = r"\mathbb{E}\left[%s\right]" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


# ---------------------------------------------------------------------------------------------
# The distribution of the reparameterised sample
# ---------------------------------------------------------------------------------------------
z = sp.Symbol("z", real=True)


def std_normal_pdf(t):
    return sp.exp(-t**2 / 2) / sp.sqrt(2 * sp.pi)


def normal_pdf(t, mean, variance):
    return sp.exp(-(t - mean) ** 2 / (2 * variance)) / sp.sqrt(2 * sp.pi * variance)


def std_normal_cdf(t):
    """Phi(t) = P(eps <= t) = (1 + erf(t / sqrt 2)) / 2."""
    return (1 + sp.erf(t / sp.sqrt(2))) / 2


def density_of(scale):
    """d/dz P(mu + scale eps <= z) = d/dz Phi((z - mu)/scale) for scale > 0, unevaluated."""
    return sp.Derivative(std_normal_cdf((z - mu) / scale), z)


Z_DENSITY = density_of(sigma)
TARGET = normal_pdf(z, mu, sigma**2)                        # the encoder's N(mu, sigma^2)

MU_VEC = sp.Matrix(sp.symbols("mu_1:3", real=True))
SIGMA_VEC = sp.symbols("sigma_1:3", positive=True)
Z_VEC = MU_VEC + sp.diag(*SIGMA_VEC) * sp.Matrix(EPS_VEC)   # z = mu_x + sigma_x eps, sigma_x elementwise
CENTRED = Z_VEC - MU_VEC

AT_MODE = {z: [0], mu: [0], sigma: [2, sp.Rational(1, 2)]}   # compare densities at their mode, sigma != 1
mu_, sigma_, eps_ = sp.symbols("mu sigma epsilon")          # the experiment's symbols
REPARAM = {"z": mu_ + sigma_ * eps_}

vae_reparameterization = Claim(
    id="vae-reparameterization",
    title="z = mu + sigma eps with eps ~ N(0, 1) is distributed N(mu, sigma^2): the reparameterised sample has the encoder's law",
    sources=(
        Source(SLIDES, 2002, "the encoder of VAE outputs **parameters of a pre-defined distribution in the latent space for every input**"),
        Source(SLIDES, 2009, "The latent vector  $z$  is represented as a function of the encoder's output."),
        Source(SLIDES, 2011, r"z = \mu_x + \sigma_x \epsilon, \quad \epsilon \sim \mathcal{N}(\mathbf{0}, \mathbf{I})"),
    ),
    assumptions=(
        "the encoder outputs a mean mu and a standard deviation sigma > 0 per latent coordinate (sigma_x elementwise, "
        "a diagonal Gaussian)",
        "eps ~ N(0, 1), independent across coordinates (N(0, I)); the vector form is shown in two dimensions",
        "the experiment: 100,000 draws at each of (mu, sigma) = (0.3, 0.6), (-1, 1.5), (2, 0.25)",
    ),
    statement=Equal(Z_DENSITY, TARGET, why="the density of mu + sigma eps is the N(mu, sigma^2) density"),
    steps=(
        Equal(Z_DENSITY, std_normal_pdf((z - mu) / sigma) / sigma,
              why="P(z <= t) = P(eps <= (t - mu)/sigma) = Phi((t - mu)/sigma) as sigma > 0; differentiate: Phi' is the "
                  "standard normal density, times d/dz (z - mu)/sigma = 1/sigma"),
        Equal(std_normal_pdf((z - mu) / sigma) / sigma, TARGET,
              why="exp(-((z - mu)/sigma)^2 / 2) / (sigma sqrt(2 pi)) is the N(mu, sigma^2) density"),
    ),
    forms=(
        Equal(Z_VEC.applyfunc(E), MU_VEC,
              source=Source(SLIDES, 2011, r"z = \mu_x + \sigma_x \epsilon, \quad \epsilon \sim \mathcal{N}(\mathbf{0}, \mathbf{I})"),
              why="002:2011 as written, in two dimensions: E[z] = mu_x since E[eps] = 0"),
        Equal((CENTRED * CENTRED.T).applyfunc(E), sp.diag(*[s**2 for s in SIGMA_VEC]),
              source=Source(SLIDES, 2011, r"z = \mu_x + \sigma_x \epsilon, \quad \epsilon \sim \mathcal{N}(\mathbf{0}, \mathbf{I})"),
              why="002:2011: Cov z = diag(sigma_x) I diag(sigma_x) = diag(sigma_x^2), the encoder's diagonal Gaussian"),
    ),
    numeric=Numeric(reparameterized_samples, REPARAM,
                    "samples built by the hypothesis' z(mu, sigma, eps) from standard normal eps: mean and variance in their "
                    "99.9% confidence intervals and the Kolmogorov-Smirnov distance to N(mu, sigma^2) below its 99.9% "
                    "critical value (Bonferroni over 3 settings x 3 tests)"),
    mutants=(
        Mutant("sigma-squared", Equal(density_of(sigma**2), TARGET, sample=AT_MODE), {"z": mu_ + sigma_**2 * eps_},
               "z = mu + sigma^2 eps: the variance used as the scale"),
        Mutant("sigma-as-variance", Equal(density_of(sp.sqrt(sigma)), TARGET, sample=AT_MODE), {"z": mu_ + sp.sqrt(sigma_) * eps_},
               "z = mu + sqrt(sigma) eps: the encoder's sigma read as a variance"),
    ),
    references=(KINGMA,),
)

# ---------------------------------------------------------------------------------------------
# The pathwise gradient
# ---------------------------------------------------------------------------------------------
c = sp.symbols("c_0:5", real=True)


def f(t):
    """A quartic with symbolic coefficients: the decoder's loss as a function of the sample."""
    return sum(ck * t**k for k, ck in enumerate(c))


def f_prime(t):
    return sum(k * ck * t ** (k - 1) for k, ck in enumerate(c) if k)


def f_second(t):
    return sum(k * (k - 1) * ck * t ** (k - 2) for k, ck in enumerate(c) if k > 1)


Z = mu + sigma * eps
OBJECTIVE = E(f(Z))                                          # E[f(mu + sigma eps)]
CLOSED = standard_normal_expectation(f(Z))                   # the same from the Gaussian moments
GRADIENT = sp.Matrix([sp.Derivative(OBJECTIVE, mu), sp.Derivative(OBJECTIVE, sigma)])
CLOSED_GRADIENT = sp.Matrix([sp.diff(CLOSED, mu), sp.diff(CLOSED, sigma)])
INSIDE = sp.Matrix([E(sp.diff(f(Z), mu)), E(sp.diff(f(Z), sigma))])
PATHWISE = sp.Matrix([E(f_prime(Z)), E(eps * f_prime(Z))])
Z_SQ = mu + sigma**2 * eps                                   # the mutant's sample

fp_ = sp.Symbol("fp")                                        # f'(z) at the hypothesis' sample
ESTIMATOR = {"z": mu_ + sigma_ * eps_, "d_mu": fp_, "d_sigma": eps_ * fp_}

vae_pathwise_gradient = Claim(
    id="vae-pathwise-gradient",
    title="Through z = mu + sigma eps, d/dmu E[f(z)] = E[f'(z)] and d/dsigma E[f(z)] = E[eps f'(z)]: the pathwise estimator is unbiased",
    sources=(
        Source(SLIDES, 2009, "Hence we use a **reparameterization trick** to model the sampling process which makes it possible for the errors to propagate through the network."),
        Source(SLIDES, 2011, r"z = \mu_x + \sigma_x \epsilon, \quad \epsilon \sim \mathcal{N}(\mathbf{0}, \mathbf{I})"),
    ),
    assumptions=(
        "one latent coordinate (the vector case is coordinate by coordinate): z = mu + sigma eps, eps ~ N(0, 1), sigma > 0",
        "f a quartic polynomial with symbolic coefficients (moments of every order exist, so differentiating under "
        "E is allowed); the experiment: f(z) = sin(2z) + z^3/3 - z^2",
        "the experiment: 200,000 draws of eps at each of (mu, sigma) = (0.3, 0.6), (-1, 1.5), (0.8, 0.9)",
    ),
    statement=Equal(GRADIENT, PATHWISE,
                    why="the gradient of the expected loss in the encoder's outputs is the expectation of the pathwise estimators"),
    steps=(
        Equal(GRADIENT, CLOSED_GRADIENT,
              why="E[f(mu + sigma eps)] in closed form (E[eps^k] = 0 for odd k, (k - 1)!! for even k), then differentiated"),
        Equal(CLOSED_GRADIENT, INSIDE,
              why="differentiate under the expectation: E is linear and eps's law does not depend on (mu, sigma)"),
        Equal(INSIDE, PATHWISE,
              why="chain rule through the sample: dz/dmu = 1 and dz/dsigma = eps"),
        Holds(sp.Eq(E(eps * f_prime(Z)), sigma * E(f_second(Z)), evaluate=False),
              why="Stein's lemma E[eps g(eps)] = E[g'(eps)]: the sigma-gradient is also sigma E[f''(z)]"),
    ),
    numeric=Numeric(pathwise_gradient_estimates, ESTIMATOR,
                    "the Monte Carlo means of the hypothesis' estimators lie within 3.76 standard errors of the exact "
                    "gradient of E[f(z)], z ~ N(mu, sigma^2) (99.9% intervals, Bonferroni over 3 settings x 2 components)"),
    mutants=(
        Mutant("no-epsilon", Equal(GRADIENT, sp.Matrix([E(f_prime(Z)), E(f_prime(Z))])),
               {**ESTIMATOR, "d_sigma": fp_},
               "d/dsigma estimated by f'(z), without the factor dz/dsigma = eps"),
        Mutant("sigma-squared", Equal(GRADIENT, sp.Matrix([E(f_prime(Z_SQ)), E(2 * sigma * eps * f_prime(Z_SQ))])),
               {"z": mu_ + sigma_**2 * eps_, "d_mu": fp_, "d_sigma": 2 * sigma_ * eps_ * fp_},
               "z = mu + sigma^2 eps (sigma^2 in place of sigma) and its own pathwise gradient 2 sigma eps f'(z)"),
    ),
    references=(KINGMA,),
)
