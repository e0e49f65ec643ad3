"""Early stopping as L2 regularisation on a quadratic (000:328-390, slides 002:1028-1086; after
Goodfellow et al., Deep Learning, section 7.8).

Two claims:

- ``early-stopping-gd-iterate``: gradient descent from w^(0) = 0 on the quadratic model
  J^(w) = J(w*) + 1/2 (w - w*)^T H (w - w*), H = Q Lambda Q^T, reaches after tau steps
  Q^T w^(tau) = [I - (I - eps Lambda)^tau] Q^T w* (000:336-363, 002:1035-1056), by induction on tau.
- ``early-stopping-l2-equivalence``: the step count tau whose iterate matches the L2 solution
  Q^T w~ = [I - (Lambda + alpha I)^{-1} alpha] Q^T w*, i.e. the root of the matching condition
  (I - eps Lambda)^tau = (Lambda + alpha I)^{-1} alpha, is tau = 1/(eps alpha) + O(lambda) in each
  eigen-direction (000:365-384, 002:1058-1080), through the slides' logarithm steps.

Matrices are 2x2: symbolic eigenvalues and a fixed rational rotation Q (Q^T Q = I, Q^T != Q) for
the steps that involve H itself, diagonal Lambda where the notes are already in the eigenbasis.
The approximations are series in lambda at fixed eps and alpha: both eps lambda and lambda/alpha
are proportional to lambda, so lambda -> 0 is the notes' joint limit eps lambda << 1, lambda/alpha << 1.
The tests repeat the identities for 3x3 H and other rotations.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.early_stopping import early_stopping_vs_ridge, gd_iterate_closed_form

BLOG, SLIDES = "000_f4da46d2683a41e5.txt", "002_89896ee51b349776.txt"
GOODFELLOW = Reference("Goodfellow, Bengio, Courville 2016, Deep Learning", "section 7.8, eqs. 7.33-7.45",
                       "https://www.deeplearningbook.org/contents/regularization.html")

# ---------------------------------------------------------------------------------------------
# Gradient descent on the quadratic model, in the eigenbasis of H
# ---------------------------------------------------------------------------------------------
eps = sp.Symbol("epsilon", positive=True)
tau = sp.Symbol("tau", integer=True, nonnegative=True)
LAMS = sp.symbols("lambda_1 lambda_2", positive=True)
Q = sp.Matrix([[3, -4], [4, 3]]) / 5            # a rotation: Q^T Q = I, Q^T != Q
LAMBDA = sp.diag(*LAMS)
H = Q * LAMBDA * Q.T
I2 = sp.eye(2)
W = sp.Matrix(sp.symbols("w_1 w_2", real=True))             # the previous iterate w^(tau-1)
W_STAR = sp.Matrix(sp.symbols("w^*_1 w^*_2", real=True))
J_STAR = sp.Symbol("J^*", real=True)                          # J(w*)
J_HAT = J_STAR + ((W - W_STAR).T * H * (W - W_STAR))[0] / 2  # 000:338 ({ }_2^1 there is a broken \frac{1}{2}), 002:1035
GRAD_J_HAT = sp.Matrix([sp.diff(J_HAT, wi) for wi in W])
STEP = W - eps * GRAD_J_HAT                                   # w^(tau) from w^(tau-1)
Z_STAR = Q.T * W_STAR                                         # w* in the eigenbasis


def contraction(power, sign=-1):
    """(I + sign eps Lambda)^power, a diagonal matrix."""
    return sp.diag(*[(1 + sign * eps * li) ** power for li in LAMS])


def iterate_closed(t):
    """Q^T w^(t) as 000:363 writes it: [I - (I - eps Lambda)^t] Q^T w*."""
    return (I2 - contraction(t)) * Z_STAR


def descend(steps):
    """``steps`` gradient steps w <- w - eps H (w - w*) from w = 0, in the original basis."""
    w = sp.zeros(2, 1)
    for _ in range(steps):
        w = w - eps * H * (w - W_STAR)
    return w


def _eigen_step(z):
    """One gradient step in the eigenbasis: z <- (I - eps Lambda)(z - z*) + z* (000:357)."""
    return (I2 - eps * LAMBDA) * (z - Z_STAR) + Z_STAR


_AT = {eps: sp.Rational(1, 3), LAMS[0]: sp.Rational(1, 2), LAMS[1]: 2, tau: 2,
       W_STAR[0]: 1, W_STAR[1]: -2}   # where a failing induction is shown to fail


def _induction(closed):
    """Whether ``closed(t)`` is the eigen-coordinate iterate for every t >= 0: it is 0 at t = 0
    (w^(0) = 0) and one gradient step maps closed(t) to closed(t + 1); if not, the failing part at
    a sample point."""
    for part, diff in (("base case t = 0", closed(0)),
                       ("step t -> t + 1", _eigen_step(closed(tau)) - closed(tau + 1))):
        diff = diff.applyfunc(sp.expand)
        if not diff.is_zero_matrix:
            value = diff.subs(_AT).applyfunc(sp.nsimplify)
            return False, {"part": part, "at": str({str(k): str(v) for k, v in _AT.items()}),
                           "difference": sp.sstr(value.T)}
    return True, "0 at t = 0, and a gradient step maps the form at t to the form at t + 1"


def _closed_minus_one(t):
    return (I2 - contraction(t - 1)) * Z_STAR


def _closed_plus_sign(t):
    return (I2 - contraction(t, sign=+1)) * Z_STAR


def _closed_residual(t):
    return contraction(t) * Z_STAR


lam_f, eps_f, tau_f = sp.symbols("lambda epsilon tau")    # one eigen-direction, for the experiment

early_stopping_gd_iterate = Claim(
    id="early-stopping-gd-iterate",
    title="Gradient descent from 0 on a quadratic: Q^T w^(tau) = [I - (I - eps Lambda)^tau] Q^T w*",
    sources=(
        Source(BLOG, 343, r"\nabla_{\boldsymbol{w}} \hat{J}(\boldsymbol{w})=\boldsymbol{H}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)"),
        Source(BLOG, 350, r"\boldsymbol{w}^{(\tau)}-\boldsymbol{w}^* & =(\boldsymbol{I}-\epsilon \boldsymbol{H})\left(\boldsymbol{w}^{(\tau-1)}-\boldsymbol{w}^*\right) ."),
        Source(BLOG, 363, r"\boldsymbol{Q}^{\top} \boldsymbol{w}^{(\tau)}=\left[\boldsymbol{I}-(\boldsymbol{I}-\epsilon \boldsymbol{\Lambda})^\tau\right] \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
        Source(SLIDES, 1056, r"$$\mathbf{Q}^\top \mathbf{w}^{(\tau)} = [\mathbf{I} - (\mathbf{I} - \epsilon \boldsymbol{\Lambda})^\tau] \mathbf{Q}^\top \mathbf{w}^* \quad (1)$$"),
    ),
    assumptions=(
        "J replaced by its quadratic model J^(w) = J(w*) + 1/2 (w - w*)^T H (w - w*) around its minimum w* "
        "(000:338 writes the 1/2 as a broken '{ }_2^1'; the slides 002:1035 have \\frac{1}{2}); H symmetric, "
        "H = Q Lambda Q^T with Q orthogonal",
        "w^(0) = 0 (000:345, 002:1054); tau a nonnegative integer; 2x2 H with symbolic eigenvalues and a fixed "
        "rational rotation (the tests take 3x3)",
        "the formula needs no condition on eps; |1 - eps lambda_i| < 1 (000:361) makes it converge to w*, and the "
        "experiment stays there",
    ),
    statement=Computed(
        "for every integer tau >= 0, Q^T w^(tau) = [I - (I - eps Lambda)^tau] Q^T w*: it holds at tau = 0 "
        "(w^(0) = 0), and the gradient step in the eigenbasis maps the form at tau to the form at tau + 1",
        lambda: _induction(iterate_closed),
        why="induction on tau with the eigen-coordinate step of 000:357",
        latex_form=r"\forall \tau \ge 0:\ \mathbf{Q}^\top \mathbf{w}^{(\tau)} = [\mathbf{I} - (\mathbf{I} - \epsilon\boldsymbol{\Lambda})^\tau]\mathbf{Q}^\top \mathbf{w}^*"),
    steps=(
        Equal(GRAD_J_HAT, H * (W - W_STAR),
              source=Source(BLOG, 343, r"\nabla_{\boldsymbol{w}} \hat{J}(\boldsymbol{w})=\boldsymbol{H}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)"),
              why="the gradient of 1/2 (w - w*)^T H (w - w*) is H (w - w*) for symmetric H"),
        Equal(STEP, W - eps * H * (W - W_STAR),
              source=Source(BLOG, 349, r"& =\boldsymbol{w}^{(\tau-1)}-\epsilon \boldsymbol{H}\left(\boldsymbol{w}^{(\tau-1)}-\boldsymbol{w}^*\right) \\"),
              why="a gradient step w^(tau) = w^(tau-1) - eps grad J^(w^(tau-1)) with that gradient"),
        Equal(STEP - W_STAR, (I2 - eps * H) * (W - W_STAR),
              source=Source(BLOG, 350, r"\boldsymbol{w}^{(\tau)}-\boldsymbol{w}^* & =(\boldsymbol{I}-\epsilon \boldsymbol{H})\left(\boldsymbol{w}^{(\tau-1)}-\boldsymbol{w}^*\right) ."),
              why="subtract w* and collect the terms in w^(tau-1) - w*"),
        Equal(Q.T * (STEP - W_STAR), (I2 - eps * LAMBDA) * Q.T * (W - W_STAR),
              source=Source(BLOG, 357, r"\boldsymbol{Q}^{\top}\left(\boldsymbol{w}^{(\tau)}-\boldsymbol{w}^*\right) & =(\boldsymbol{I}-\epsilon \boldsymbol{\Lambda}) \boldsymbol{Q}^{\top}\left(\boldsymbol{w}^{(\tau-1)}-\boldsymbol{w}^*\right)"),
              why="H = Q Lambda Q^T and Q^T Q = I: in the eigenbasis each coordinate contracts by 1 - eps lambda_i"),
        Equal(iterate_closed(0), Q.T * sp.zeros(2, 1),
              source=Source(BLOG, 345, r"we set the initial parameter vector to the origin `$w_{0} = 0$`"),
              why="the base case: (I - eps Lambda)^0 = I, so the form gives Q^T w^(0) = 0"),
        Equal(_eigen_step(iterate_closed(tau)), iterate_closed(tau + 1),
              why="the induction step: (I - eps Lambda)([I - (I - eps Lambda)^tau] z* - z*) + z* = [I - (I - eps Lambda)^(tau+1)] z*, z* = Q^T w*"),
    ),
    forms=(
        Equal(GRAD_J_HAT, H * (W - W_STAR),
              source=Source(SLIDES, 1037, r"$$\nabla_{\mathbf{w}} \hat{J}(\mathbf{w}) = \mathbf{H}(\mathbf{w} - \mathbf{w}^*).$$"),
              why="the slides' gradient of the quadratic model"),
        Equal(STEP - W_STAR, (I2 - eps * H) * (W - W_STAR),
              source=Source(SLIDES, 1048, r"\mathbf{w}^{(\tau)} - \mathbf{w}^* &= (\mathbf{I} - \epsilon \mathbf{H})(\mathbf{w}^{(\tau-1)} - \mathbf{w}^*)"),
              why="the slides' gradient step around w*"),
        Equal(Q.T * (I2 - eps * Q * LAMBDA * Q.T) * (W - W_STAR), (I2 - eps * LAMBDA) * Q.T * (W - W_STAR),
              source=Source(SLIDES, 1052, r"\mathbf{Q}^\top(\mathbf{w}^{(\tau)} - \mathbf{w}^*) &= (\mathbf{I} - \epsilon \boldsymbol{\Lambda}) \mathbf{Q}^\top (\mathbf{w}^{(\tau-1)} - \mathbf{w}^*)"),
              why="the slides' step in the eigenbasis"),
        Equal(Q.T * descend(2), iterate_closed(2),
              source=Source(BLOG, 363, r"\boldsymbol{Q}^{\top} \boldsymbol{w}^{(\tau)}=\left[\boldsymbol{I}-(\boldsymbol{I}-\epsilon \boldsymbol{\Lambda})^\tau\right] \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
              why="two gradient steps from 0 on H = Q Lambda Q^T, in the original basis, against the form at tau = 2"),
        Equal(Q.T * descend(2), iterate_closed(2),
              source=Source(SLIDES, 1056, r"$$\mathbf{Q}^\top \mathbf{w}^{(\tau)} = [\mathbf{I} - (\mathbf{I} - \epsilon \boldsymbol{\Lambda})^\tau] \mathbf{Q}^\top \mathbf{w}^* \quad (1)$$"),
              why="the slides' eq. (1), against two gradient steps from 0"),
    ),
    numeric=Numeric(gd_iterate_closed_form, {"factor": 1 - (1 - eps_f * lam_f) ** tau_f},
                    "gradient descent from 0 on random quadratics, run in the original basis, matches the closed form in "
                    "every eigen-coordinate to a round-off bound 8 (d + 2)(tau + 1) u (1 + 2 eps ||H||) ||w*||"),
    mutants=(
        Mutant("exponent-tau-minus-one",
               Computed("Q^T w^(tau) = [I - (I - eps Lambda)^(tau-1)] Q^T w* for every tau >= 0", lambda: _induction(_closed_minus_one)),
               {"factor": 1 - (1 - eps_f * lam_f) ** (tau_f - 1)},
               "(I - eps Lambda)^(tau-1): the steps counted from 1"),
        Mutant("growing-factor",
               Computed("Q^T w^(tau) = [I - (I + eps Lambda)^tau] Q^T w* for every tau >= 0", lambda: _induction(_closed_plus_sign)),
               {"factor": 1 - (1 + eps_f * lam_f) ** tau_f},
               "(I + eps Lambda)^tau: the gradient's sign flipped in the step"),
        Mutant("distance-for-iterate",
               Computed("Q^T w^(tau) = (I - eps Lambda)^tau Q^T w* for every tau >= 0", lambda: _induction(_closed_residual)),
               {"factor": (1 - eps_f * lam_f) ** tau_f},
               "(I - eps Lambda)^tau Q^T w*: the remaining distance Q^T (w* - w^(tau)) taken for the iterate"),
    ),
    references=(GOODFELLOW,),
)

# ---------------------------------------------------------------------------------------------
# Matching the early-stopped iterate to the L2 solution: tau ~ 1/(eps alpha)
# ---------------------------------------------------------------------------------------------
lam, alpha = sp.symbols("lambda alpha", positive=True)   # one eigenvalue of H, the L2 constant
steps = sp.Symbol("tau", positive=True)                   # the step count as a real variable (alpha as a function of it)
x = sp.Symbol("x", positive=True)                         # the small argument of the log series
LOG1 = sp.log(1 - eps * lam)
# The matching condition (1 - eps lambda)^tau = alpha / (lambda + alpha) in one eigen-direction, solved
# for tau (0 < eps lambda < 1, where log(1 - eps lambda) < 0) ...
TAU_MATCH = sp.log(alpha / (lam + alpha)) / LOG1
# ... and for alpha at a given tau: alpha / (lambda + alpha) = c = (1 - eps lambda)^tau, so
# lambda / alpha = 1/c - 1.
ALPHA_MATCH = lam / ((1 - eps * lam) ** -steps - 1)
# The mutant conditions, solved the same way.
TAU_FLIPPED = sp.log((lam + alpha) / alpha) / LOG1         # (1 - eps lambda)^tau = (lambda + alpha) / alpha

# 2x2 instances: the L2 solution for H = Q Lambda Q^T (Cramer's rule keeps the inverse compact), and
# the notes' eigenbasis forms with diagonal Lambda.
LAM2 = sp.diag(*LAMS)
Z2 = sp.Matrix(sp.symbols("z^*_1 z^*_2", real=True))      # Q^T w*
W_TILDE_NUM = (H + alpha * I2).adjugate() * H * W_STAR      # w~ = (H + alpha I)^{-1} H w* = this / det(H + alpha I)
W_TILDE_DEN = sp.factor((H + alpha * I2).det())
RIDGE_KEPT = sp.diag(*[li / (li + alpha) for li in LAMS])           # (Lambda + alpha I)^{-1} Lambda
RIDGE_RESIDUAL = sp.diag(*[alpha / (li + alpha) for li in LAMS])    # (Lambda + alpha I)^{-1} alpha
GD_RESIDUAL = sp.diag(*[(1 - eps * li) ** tau for li in LAMS])      # (I - eps Lambda)^tau


def _next_order():
    """tau_match = 1/(eps alpha) [1 - (eps lambda + lambda/alpha)/2] + O(lambda^2)."""
    target = (1 - (eps * lam + lam / alpha) / 2) / (eps * alpha)
    low = sp.expand(sp.series(TAU_MATCH - target, lam, 0, 2).removeO())
    return low == 0, f"tau_match - target = {sp.sstr(low)} + O(lambda**2)"


e_, a_, l_ = sp.symbols("epsilon alpha lambda")   # for the experiment

early_stopping_l2_equivalence = Claim(
    id="early-stopping-l2-equivalence",
    title="Early stopping after tau steps acts like L2 with alpha: (I - eps Lambda)^tau = (Lambda + alpha I)^{-1} alpha gives tau ~ 1/(eps alpha)",
    sources=(
        Source(BLOG, 369, r"& \boldsymbol{Q}^{\top} \tilde{\boldsymbol{w}}=\left[\boldsymbol{I}-(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \alpha\right] \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
        Source(BLOG, 374, r"(\boldsymbol{I}-\epsilon \boldsymbol{\Lambda})^\tau=(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \alpha"),
        Source(BLOG, 379, r"& \tau \approx \frac{1}{\epsilon \alpha} \\"),
        Source(SLIDES, 1068, r"$$(\mathbf{I} - \epsilon \Lambda)^\tau = (\Lambda + \alpha \mathbf{I})^{-1} \alpha,$$"),
        Source(SLIDES, 1072, r"$$\begin{aligned} \tau &\approx \frac{1}{\epsilon \alpha}, \\ \alpha &\approx \frac{1}{\tau \epsilon}. \end{aligned}$$"),
        Source(SLIDES, 1074, r"$$\tau \log(I - \epsilon \Lambda) = \log(\alpha) - \log(\Lambda + \alpha I)$$"),
    ),
    assumptions=(
        "the quadratic model of J around w* with H = Q Lambda Q^T (claims early-stopping-gd-iterate and "
        "weight-decay-eigen-shrinkage): early stopping gives [I - (I - eps Lambda)^tau] Q^T w*, L2 with alpha gives "
        "[I - (Lambda + alpha I)^{-1} alpha] Q^T w*",
        "one eigen-direction at a time: eps, lambda, alpha > 0 and 0 < eps lambda < 1 where logarithms are taken; "
        "tau_match = log(alpha/(lambda + alpha)) / log(1 - eps lambda) is the (real) step count solving the matching "
        "condition in that direction",
        "'eps lambda << 1 and lambda/alpha << 1' (000:376, 002:1070) is the series in lambda at fixed eps and alpha: "
        "both are proportional to lambda; the approximation signs are read as equality up to the stated order",
    ),
    statement=Equal(TAU_MATCH, 1 / (eps * alpha), up_to=sp.O(lam),
                    source=Source(BLOG, 379, r"& \tau \approx \frac{1}{\epsilon \alpha} \\"),
                    why="the step count that matches L2 in every direction with small lambda is 1/(eps alpha)"),
    steps=(
        Equal(TAU_MATCH, (sp.log(alpha) - sp.log(lam + alpha)) / LOG1,
              source=Source(SLIDES, 1074, r"$$\tau \log(I - \epsilon \Lambda) = \log(\alpha) - \log(\Lambda + \alpha I)$$"),
              why="take the logarithm of both sides of the matching condition and divide by log(1 - eps lambda) != 0"),
        Equal((sp.log(alpha) - sp.log(lam + alpha)) / LOG1, (sp.log(alpha) - sp.log(alpha * (lam / alpha + 1))) / LOG1,
              source=Source(SLIDES, 1076, r"$$\tau \log(I - \epsilon \Lambda) = \log(\alpha) - \log(\alpha(\frac{\Lambda}{\alpha} + I))$$"),
              why="factor alpha out of lambda + alpha"),
        Equal((sp.log(alpha) - sp.log(alpha * (lam / alpha + 1))) / LOG1, -sp.log(lam / alpha + 1) / LOG1,
              source=Source(SLIDES, 1078, r"$$\tau \log(I - \epsilon \Lambda) = -\log(\frac{\Lambda}{\alpha} + I)$$"),
              why="log(alpha (lambda/alpha + 1)) = log(alpha) + log(lambda/alpha + 1)"),
        Equal(-sp.log(lam / alpha + 1) / LOG1, 1 / (eps * alpha), up_to=sp.O(lam),
              why="log(1 + lambda/alpha) = lambda/alpha + O(lambda^2) and log(1 - eps lambda) = -eps lambda + O(lambda^2): "
                  "the ratio is (lambda/alpha) / (eps lambda) = 1/(eps alpha) + O(lambda)"),
        Computed("tau_match = 1/(eps alpha) [1 - (eps lambda + lambda/alpha)/2] + O(lambda^2)", _next_order,
                 why="the next term of the same series: stopping at 1/(eps alpha) misses the L2 solution by a relative "
                     "(eps lambda + lambda/alpha)/2 along q_i, the gap the experiment measures"),
    ),
    forms=(
        Equal((Q.T * W_TILDE_NUM).applyfunc(sp.expand) / W_TILDE_DEN, RIDGE_KEPT * Q.T * W_STAR,
              source=Source(BLOG, 368, r"& \boldsymbol{Q}^{\top} \tilde{\boldsymbol{w}}=(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \boldsymbol{\Lambda} \boldsymbol{Q}^{\top} \boldsymbol{w}^* \\"),
              why="the L2 minimum w~ = (H + alpha I)^{-1} H w* (000:137) in the eigenbasis, for H = Q Lambda Q^T"),
        Equal(RIDGE_KEPT * Z2, (I2 - RIDGE_RESIDUAL) * Z2,
              source=Source(BLOG, 369, r"& \boldsymbol{Q}^{\top} \tilde{\boldsymbol{w}}=\left[\boldsymbol{I}-(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \alpha\right] \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
              why="(Lambda + alpha I)^{-1} Lambda = I - (Lambda + alpha I)^{-1} alpha, written like eq. (1)"),
        Equal(RIDGE_KEPT * Z2, (I2 - RIDGE_RESIDUAL) * Z2,
              source=Source(SLIDES, 1060, r"\mathbf{Q}^\top \tilde{\mathbf{w}} &= [\mathbf{I} - (\Lambda + \alpha \mathbf{I})^{-1} \alpha] \mathbf{Q}^\top \mathbf{w}^* \end{aligned} \quad (2)$$"),
              why="the slides' eq. (2): its two lines agree"),
        Equal(1 - alpha / (lam + alpha), lam / (lam + alpha),
              source=Source(SLIDES, 1062, r"$$1 - \frac{\alpha}{\Lambda + \alpha I} = \frac{\Lambda + \alpha I - \alpha I}{\Lambda + \alpha I} = \frac{\Lambda}{\Lambda + \alpha I}$$"),
              why="the two forms of eq. (2) agree, one eigenvalue at a time"),
        Equal(sp.log(1 - x), x, up_to=sp.O(x**2),
              source=Source(SLIDES, 1064, r"$$\log(1 - x) \approx x$$"),
              why="as written the sign is wrong; used literally in 002:1078 it would give tau ~ -1/(eps alpha)",
              correction=Equal(sp.log(1 - x), -x, up_to=sp.O(x**2), why="log(1 - x) = -x - x^2/2 - ...")),
        Equal(sp.log(1 + x), x, up_to=sp.O(x**2),
              source=Source(BLOG, 376, r"use the Taylor expansion of $log(1+x)$"),
              why="log(1 + x) = x + O(x^2): used with x = lambda/alpha (and x = -eps lambda, see 002:1064)"),
        Equal((I2 - GD_RESIDUAL) * Z2 - (I2 - RIDGE_RESIDUAL) * Z2, (RIDGE_RESIDUAL - GD_RESIDUAL) * Z2,
              source=Source(BLOG, 374, r"(\boldsymbol{I}-\epsilon \boldsymbol{\Lambda})^\tau=(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \alpha"),
              why="eq. (1) minus eq. (2): the early-stopped iterate equals the L2 solution for every w* exactly when "
                  "(I - eps Lambda)^tau = (Lambda + alpha I)^{-1} alpha"),
        Equal((I2 - GD_RESIDUAL) * Z2 - (I2 - RIDGE_RESIDUAL) * Z2, (RIDGE_RESIDUAL - GD_RESIDUAL) * Z2,
              source=Source(SLIDES, 1068, r"$$(\mathbf{I} - \epsilon \Lambda)^\tau = (\Lambda + \alpha \mathbf{I})^{-1} \alpha,$$"),
              why="the slides' matching condition, from comparing eqs. (1) and (2)"),
        Equal(TAU_MATCH, 1 / (eps * alpha), up_to=sp.O(lam),
              source=Source(SLIDES, 1072, r"\tau &\approx \frac{1}{\epsilon \alpha}, \\"),
              why="the slides' tau ~ 1/(eps alpha)"),
        Equal(ALPHA_MATCH, 1 / (steps * eps), up_to=sp.O(lam),
              source=Source(BLOG, 380, r"& \alpha \approx \begin{array}{c}"),
              why="the matching condition solved for alpha at a given tau: alpha = 1/(tau eps) + O(lambda) "
                  "(000:380-383 typesets the fraction as a two-row array)"),
        Equal(ALPHA_MATCH, 1 / (steps * eps), up_to=sp.O(lam),
              source=Source(SLIDES, 1072, r"\alpha &\approx \frac{1}{\tau \epsilon}."),
              why="the slides' alpha ~ 1/(tau eps)"),
        Equal(TAU_MATCH * eps * lam, lam / alpha, up_to=sp.O(lam**2),
              source=Source(SLIDES, 1080, r"$$\tau \epsilon \Lambda = \frac{\lambda}{\alpha}$$"),
              why="002:1078 with both logarithms to first order: tau eps lambda = lambda/alpha + O(lambda^2) "
                  "(an approximation written with '=')"),
    ),
    numeric=Numeric(early_stopping_vs_ridge, {"tau": 1 / (e_ * a_), "residual": a_ / (l_ + a_)},
                    "tau = 1/(eps alpha) gradient steps from 0 against the L2 solution with alpha on random quadratics: "
                    "the relative gap along q_i vanishes at first order in lambda_i/alpha (fitted slope 1 +- 0.05, level "
                    "(eps lambda + lambda/alpha)/2 within 1%) for lambda/alpha in [1e-3, 1e-1], and exceeds 0.1 for "
                    "lambda/alpha in [1, 4], where the conditions fail"),
    mutants=(
        Mutant("tau-one-over-eps", Equal(TAU_MATCH, 1 / eps, up_to=sp.O(lam)),
               {"tau": 1 / e_, "residual": a_ / (l_ + a_)},
               "tau ~ 1/eps: alpha dropped"),
        Mutant("tau-alpha-over-eps", Equal(TAU_MATCH, alpha / eps, up_to=sp.O(lam)),
               {"tau": a_ / e_, "residual": a_ / (l_ + a_)},
               "tau ~ alpha/eps: alpha on the wrong side of the fraction"),
        Mutant("matching-sign-flipped", Equal(TAU_FLIPPED, 1 / (eps * alpha), up_to=sp.O(lam)),
               {"tau": 1 / (e_ * a_), "residual": (l_ + a_) / a_},
               "(I - eps Lambda)^tau = (Lambda + alpha I) alpha^{-1}: the log of the L2 factor with its sign flipped; "
               "solved for tau it gives -1/(eps alpha)"),
    ),
    references=(GOODFELLOW,),
)
