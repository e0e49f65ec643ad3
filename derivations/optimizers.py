"""Momentum, Nesterov and Adam in 003 chapter 1 (003:181-516): momentum as a weighted sum of
past gradients (Problem 2, eq. 1.4), the total weight of that sum (Problem 3, eq. 1.9), Adam's
bias correction (eqs. 1.6-1.12) and Nesterov's look-ahead (eq. 1.5), with the notes' code
listings re-run step by step against their own equations.

Notation. g_n is the minibatch gradient of step n, sum_{i in B_n} dL_i[theta_n]/dtheta. The notes
write the batch of every past step as B_t (003:201-213); where that label matters it is encoded
as written with G_{b,n} = sum_{i in B_b} dL_i[theta_n]/dtheta, so g_n = G_{n,n}.
The listings are run by the harnesses of ``numerics/optimizers.py`` on a one-feature regression
through the origin (per-point loss (y_i - x_i w)^2, a 1-D quadratic), two steps, one row per
batch unless the point needs more.
"""
from __future__ import annotations

import functools

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Reference, Source
from numerics.optimizers import (adam_against_optax, equation_adam, equation_momentum, listing_adam, listing_momentum,
                                 listing_nesterov, momentum_unrolled, nesterov_against_optax, total_weight)

NOTES = "003_102deae4affe1aa8.txt"
UDL = Reference("S. J. D. Prince, Understanding Deep Learning (2023)", "ch. 6: SGD, momentum, Nesterov, Adam",
                "https://udlbook.github.io/udlbook/")

beta = sp.Symbol("beta", positive=True)
gamma = sp.Symbol("gamma", positive=True)
alpha = sp.Symbol("alpha", positive=True)
BETAS = {beta: [sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(9, 10)]}  # counterexamples with 0 < beta < 1
RATES = {**BETAS, gamma: [sp.Rational(1, 2), sp.Rational(99, 100)]}



class Sum(sp.Sum):
    """sympy.Sum that evaluates each distinct sum once per process: the checks below evaluate the
    same geometric sums many times, and SymPy spends ~0.1 s on each evaluation."""

    def doit(self, **hints):
        return _evaluated_sum(self, tuple(sorted(hints.items())))


@functools.lru_cache(maxsize=256)
def _evaluated_sum(expr, hints):
    return sp.Sum(*expr.args).doit(**dict(hints))


# ---------------------------------------------------------------------------------------------
# Problem 2: momentum is a weighted sum of past gradients (1.4)
# ---------------------------------------------------------------------------------------------
T = 3  # the notes' t: the claim unrolls m_{t+1} = m_4; the tests repeat it for other t
G = {(b, k): sp.Symbol(f"G_{{{b},{k}}}", real=True) for b in range(T + 1) for k in range(T + 1)}
g = [G[k, k] for k in range(T + 1)]  # g_n: batch B_n at theta_n
m0 = sp.Symbol("m_0", real=True)


def unroll(m_start, grads):
    """m_1, m_2, ...: m_{k+1} = beta m_k + (1 - beta) g_k, the bracket of (1.3) (003:197)."""
    out, m = [], m_start
    for gk in grads:
        m = beta * m + (1 - beta) * gk
        out.append(m)
    return out


M = unroll(0, g)                      # M[k] = m_{k+1} from m_0 = 0
M_FROM_M0 = unroll(m0, g)


def weighted_sum(weight, grads, start=0):
    """sum_{n=start}^{T} weight(n) grads[n]."""
    return sum(weight(k) * grads[k] for k in range(start, T + 1))


def w_true(k):
    return beta ** (T - k) * (1 - beta)


def w_line_394(k):
    return beta ** (T - k) * beta


def w_swapped(k):
    return (1 - beta) ** (T - k) * beta


def w_shifted(k):
    return beta ** (T - k + 1) * (1 - beta)


t_, n_ = sp.Symbol("t", integer=True, nonnegative=True), sp.Symbol("n", integer=True)
WEIGHT = beta ** (t_ - n_) * (1 - beta)
COEFFS = sp.Matrix([sp.diff(M[T], gk) for gk in g])  # the weight each gradient gets in m_{t+1}

# The momentum listing (003:225-294) against (1.3) with m_0 = 0: two one-row batches.
w0 = sp.Symbol("w_0", real=True)
ROWS = (((1, 2),), ((2, -1),))
MOM_LISTING = listing_momentum(w0, ROWS, alpha, beta)[0][-1]
MOM_LISTING_ZERO = listing_momentum(w0, ROWS, alpha, beta, m=0)[0][-1]
MOM_EQUATION = equation_momentum(w0, ROWS, alpha, beta, m=0)[0][-1]

momentum_weighted_sum = Claim(
    id="momentum-weighted-sum",
    title="Momentum from m_0 = 0 is the weighted sum m_{t+1} = sum_n beta^(t-n) (1-beta) g_n of past gradients",
    sources=(
        Source(NOTES, 185, r"\theta_{t+1} = \theta_t - \alpha \left(\beta \mathbf{m}_t + (1 - \beta) \sum_{i \in \mathcal{B}_t} \frac{\partial L_i[\theta_t]}{\partial \theta} \right) \quad (1.3)"),
        Source(NOTES, 213, r"\mathbf{m}_{t+1} = \sum_{n=0}^t \beta^{t-n} (1 - \beta) \sum_{i \in \mathcal{B}_t} \frac{\partial L_i[\theta_n]}{\partial \theta} \quad (1.4)"),
    ),
    assumptions=(
        "m_0 = 0 (003:211); t = 3, i.e. m_4, with gradients g_0..g_3 as free symbols",
        "g_n = G_{n,n}: the gradient of the batch drawn at step n, at theta_n",
    ),
    statement=Equal(M[T], weighted_sum(w_true, g), why="unroll the recursion (1.3) t+1 times"),
    steps=(
        Equal(M[T], beta * M[T - 1] + (1 - beta) * g[T],
              source=Source(NOTES, 197, r"\mathbf{m}_{t+1} = \beta \mathbf{m}_t + (1 - \beta) \sum_{i \in \mathcal{B}_t} \frac{\partial L_i[\theta_t]}{\partial \theta}"),
              why="the bracket of (1.3) is m_{t+1}"),
        Equal(beta * M[T - 1] + (1 - beta) * g[T], beta * (beta * M[T - 2] + (1 - beta) * g[T - 1]) + (1 - beta) * g[T],
              source=Source(NOTES, 205, r"\mathbf{m}_{t+1} = \beta \left(\beta \mathbf{m}_{t-1} + (1 - \beta) \sum_{i \in \mathcal{B}_t} \frac{\partial L_i[\theta_{t-1}]}{\partial \theta} \right)"),
              why="substitute m_t from the same recursion one step earlier (its gradient is that of step t-1)"),
        Equal(beta * (beta * M[T - 2] + (1 - beta) * g[T - 1]) + (1 - beta) * g[T],
              sum(w_true(k) * G[T, k] for k in range(T + 1)), sample=BETAS,
              source=Source(NOTES, 213, r"\mathbf{m}_{t+1} = \sum_{n=0}^t \beta^{t-n} (1 - \beta) \sum_{i \in \mathcal{B}_t} \frac{\partial L_i[\theta_n]}{\partial \theta} \quad (1.4)"),
              why="(1.4) as written: every past iterate theta_n evaluated on the current batch B_t",
              correction=Equal(beta * (beta * M[T - 2] + (1 - beta) * g[T - 1]) + (1 - beta) * g[T], weighted_sum(w_true, g),
                               why="the recursion adds the gradient of step n on its own batch: B_n, not B_t (so also in 003:201-209)")),
    ),
    forms=(
        Equal(M_FROM_M0[T], beta**T * m0 + weighted_sum(w_true, g), sample=BETAS,
              source=Source(NOTES, 209, r"\mathbf{m}_{t+1} = \beta^t \mathbf{m}_0 + \sum_{n=0}^t \beta^{t-n} (1 - \beta)"),
              why="the unrolled recursion from any m_0, as written (t = 3; batches read per step, see step 3)",
              correction=Equal(M_FROM_M0[T], beta ** (T + 1) * m0 + weighted_sum(w_true, g),
                               why="m_{t+1} is t+1 updates away from m_0, so m_0 carries beta^(t+1)")),
        Equal(COEFFS, sp.Matrix([w_true(k) for k in range(T + 1)]),
              source=Source(NOTES, 215, r"with the weight being $\beta^{t-n}(1 - \beta)$"),
              why="the coefficient of g_n in m_{t+1}"),
        Equal(COEFFS, sp.Matrix([w_line_394(k) for k in range(T + 1)]), sample=BETAS,
              source=Source(NOTES, 394, r"with the weight being $\beta^{t-n}\beta$"),
              why="Problem 2 as 003:394 recalls it",
              correction=Equal(COEFFS, sp.Matrix([w_true(k) for k in range(T + 1)]), why="Problem 2 derived beta^(t-n) (1 - beta)")),
        Equal(MOM_LISTING, MOM_EQUATION, sample=BETAS, source=Source(NOTES, 236, "m = np.ones(len(w)).reshape(-1, 1)"),
              why="two steps of the momentum listing (m = beta*m + (1-beta)*grad; w += -alpha*m, 003:279-280) "
                  "against (1.3) from m_0 = 0, the start Problem 2 assumes",
              correction=Equal(MOM_LISTING_ZERO, MOM_EQUATION,
                               why="with m = np.zeros(...) the listing is (1.3); started at ones, its m keeps an extra "
                                   "beta^(t+1) and is not the weighted sum (1.4)")),
    ),
    numeric=Numeric(momentum_unrolled, {"weight": WEIGHT},
                    "m_{t+1} of (1.3) on minibatch linear regression equals sum_n weight(t, n) g_n for every t, to a round-off bound"),
    mutants=(
        Mutant("weight-beta-beta", Equal(M[T], weighted_sum(w_line_394, g)), {"weight": beta ** (t_ - n_) * beta},
               "weights beta^(t-n) beta, as 003:394 recalls Problem 2"),
        Mutant("beta-swapped", Equal(M[T], weighted_sum(w_swapped, g)), {"weight": (1 - beta) ** (t_ - n_) * beta},
               "beta and 1 - beta exchanged"),
        Mutant("exponent-off-by-one", Equal(M[T], weighted_sum(w_shifted, g)), {"weight": beta ** (t_ - n_ + 1) * (1 - beta)},
               "beta^(t-n+1) (1 - beta): one decay too many"),
    ),
    references=(UDL,),
)

# ---------------------------------------------------------------------------------------------
# Problem 3: the total weight of (1.4)
# ---------------------------------------------------------------------------------------------
TOTAL = Sum(WEIGHT, (n_, 0, t_))                              # 003:408
REINDEXED_AS_WRITTEN = (1 - beta) * Sum(beta**n_, (n_, 0, t_ - 1))  # 003:412
REINDEXED = (1 - beta) * Sum(beta**n_, (n_, 0, t_))
PARTIAL_SUM = (1 - beta ** (t_ + 1)) / (1 - beta)                 # S_{t+1} of 003:416
TIMES_PARTIAL = sp.Mul(1 - beta, PARTIAL_SUM, evaluate=False)
LINE_420_LHS = 1 - beta * ((1 - beta**t_) / (1 - beta))
# The mutants are refuted against the sum as SymPy evaluates it (1 - beta beta^t); simplifying the
# unevaluated Sum inside each failing check would cost most of the claim's time budget.
TOTAL_EVALUATED = TOTAL.doit()

total_weight_claim = Claim(
    id="momentum-total-weight",
    title="The weights of m_{t+1} in (1.4) add up to 1 - beta^(t+1): small at early times",
    sources=(
        Source(NOTES, 402, r"Show that at early times, the **total weight** of the gradients is $1 - \beta^t$"),
        Source(NOTES, 408, r"\sum_{n=0}^t \beta^{t-n}(1-\beta)"),
        Source(NOTES, 420, r"1 - \beta \left(\frac{1 - \beta^t}{1 - \beta} \right) = 1 - \beta^t \quad (1.9)"),
    ),
    assumptions=("0 < beta < 1", "t >= 0: m_{t+1} holds the gradients g_0..g_t (1.4)"),
    statement=Equal(TOTAL, 1 - beta ** (t_ + 1), why="a geometric sum of t+1 terms"),
    steps=(
        Equal(TOTAL, REINDEXED_AS_WRITTEN, sample=BETAS, source=Source(NOTES, 412, r"(1-\beta) \sum_{n=0}^{t-1} \beta^n"),
              why="factor out 1 - beta and run the powers upwards, as written",
              correction=Equal(TOTAL, REINDEXED, why="n = 0..t gives t+1 powers beta^0..beta^t: the upper limit stays t")),
        Equal(REINDEXED, TIMES_PARTIAL, source=Source(NOTES, 416, r"S_n = \frac{1 - \beta^n}{1 - \beta}"),
              why="the partial geometric sum S_n of n terms, here n = t + 1"),
        Equal(LINE_420_LHS, 1 - beta**t_, sample=BETAS, source=Source(NOTES, 420, r"1 - \beta \left(\frac{1 - \beta^t}{1 - \beta} \right) = 1 - \beta^t \quad (1.9)"),
              why="(1.9) as written: 1 minus beta times S_t",
              correction=Equal(TIMES_PARTIAL, 1 - beta ** (t_ + 1),
                               why="the factor is (1 - beta), a product, and the sum has t+1 terms: 1 - beta^(t+1)")),
    ),
    forms=(
        Equal(Sum(WEIGHT, (n_, 1, t_)), 1 - beta**t_,
              source=Source(NOTES, 400, r"\mathbf{m}_{t+1} = \sum_{n=1}^t \beta^{t-n}(1-\beta)"),
              why="the problem's own sum, from n = 1, has total weight 1 - beta^t (003:402)"),
        Equal(M[T], weighted_sum(w_true, g, start=1), sample=BETAS,
              source=Source(NOTES, 400, r"\mathbf{m}_{t+1} = \sum_{n=1}^t \beta^{t-n}(1-\beta)"),
              why="003:400 restates (1.4) with the sum from n = 1 (t = 3)",
              correction=Equal(M[T], weighted_sum(w_true, g),
                               why="(1.4) sums from n = 0: dropping g_0 is what turns 1 - beta^(t+1) into 1 - beta^t")),
    ),
    numeric=Numeric(total_weight, {"weight": 1 - beta ** (t_ + 1)},
                    "optax.ema (= 1.6) fed the gradient 1 holds the total weight; it equals the formula for every t and beta"),
    mutants=(
        Mutant("total-1-minus-beta-t", Equal(TOTAL_EVALUATED, 1 - beta**t_), {"weight": 1 - beta**t_},
               "1 - beta^t, (1.9) applied to the sum (1.4) of t+1 gradients"),
        Mutant("missing-factor-1-minus-beta", Equal(TOTAL_EVALUATED, PARTIAL_SUM), {"weight": PARTIAL_SUM},
               "(1 - beta^(t+1)) / (1 - beta): the geometric sum without the factor 1 - beta"),
        Mutant("one-over-beta", Equal(TOTAL_EVALUATED, (1 - beta) * (1 - beta ** (t_ + 1)) / beta),
               {"weight": (1 - beta) * (1 - beta ** (t_ + 1)) / beta}, "geometric sum with 1/beta in place of 1/(1 - beta)"),
    ),
    references=(UDL,),
)

# ---------------------------------------------------------------------------------------------
# Adam: bias correction (1.6)-(1.12)
# ---------------------------------------------------------------------------------------------
gc = sp.Symbol("g", real=True)                         # a constant gradient
m_s, v_s = sp.symbols("m v", real=True)
M_CONST = Sum(beta ** (t_ - n_) * (1 - beta) * gc, (n_, 0, t_))            # (1.4) with g_n = g
V_CONST = Sum(gamma ** (t_ - n_) * (1 - gamma) * gc**2, (n_, 0, t_))       # the same for (1.7)
M_CONST_SWAPPED = Sum((1 - beta) ** (t_ - n_) * beta * gc, (n_, 0, t_))
# Problem 3 evaluates these sums; the forms and mutants use the evaluated moments (cheap to refute).
M_CLOSED, V_CLOSED, M_SWAPPED_CLOSED = M_CONST.doit(), V_CONST.doit(), M_CONST_SWAPPED.doit()


def _corrected(m_expr, v_expr, shift):
    return sp.Matrix([m_expr / (1 - beta ** (t_ + shift)), v_expr / (1 - gamma ** (t_ + shift))])


ADAM_HYP = {"m_next": beta * m_s + (1 - beta) * gc, "v_next": gamma * v_s + (1 - gamma) * gc**2,
            "m_tilde": m_s / (1 - beta ** (t_ + 1)), "v_tilde": v_s / (1 - gamma ** (t_ + 1))}

# The Adam listing (003:436-509) against (1.6)-(1.12) with the correction that holds: alpha free,
# the usual beta = 9/10 and gamma = 99/100, epsilon = 0 (the listing's e = 10e-20 is below
# round-off here; nested radicals in four free symbols would take seconds to simplify).
ADAM_ROWS = (((1, 2),), ((2, 1),))
ADAM_ARGS = (sp.Integer(0), ADAM_ROWS, alpha, sp.Rational(9, 10), sp.Rational(99, 100), 0, sp.sqrt)
ADAM_LISTING = listing_adam(*ADAM_ARGS)[-1]
ADAM_LISTING_FIXED = listing_adam(*ADAM_ARGS, use_corrected=True)[-1]
ADAM_EQUATION = equation_adam(*ADAM_ARGS, shift=1)[-1]

adam_bias_correction = Claim(
    id="adam-bias-correction",
    title="Adam's bias correction divides m_{t+1} by 1 - beta^(t+1) (and v_{t+1} by 1 - gamma^(t+1))",
    sources=(
        Source(NOTES, 386, r"\mathbf{m}_{t+1} = \beta \mathbf{m}_t + (1 - \beta) \nabla_t(\theta) \tag{1.6}"),
        Source(NOTES, 388, r"\mathbf{v}_{t+1} = \gamma \mathbf{v}_t + (1 - \gamma) (\nabla_t(\theta))^2 \tag{1.7}"),
        Source(NOTES, 424, "We can normalize the total size of the weights to unity by dividing equations (1.6) and (1.7) by (1.9)"),
        Source(NOTES, 432, r"\theta_{t+1} = \theta_t - \alpha \frac{\tilde{\mathbf{m}}_{t+1}}{\sqrt{\tilde{\mathbf{v}}_{t+1}} + \epsilon} \quad (1.12)"),
    ),
    assumptions=(
        "m_0 = v_0 = 0; t = 0 at the first update, so m_{t+1} holds g_0..g_t",
        "the statement takes a constant gradient g: the corrected moments must then be exactly g and g^2",
        "optax mapping: beta -> b1, gamma -> b2, epsilon -> eps (outside the root in both), eps_root = 0, "
        "alpha -> learning_rate; optax's count after this update is t + 1",
    ),
    statement=Equal(_corrected(M_CONST, V_CONST, 1), sp.Matrix([gc, gc**2]),
                    why="(1.4) with a constant gradient has total weight 1 - beta^(t+1) (Problem 3), which the division removes"),
    forms=(
        Equal(M_CLOSED / (1 - beta**t_), gc, sample=BETAS,
              source=Source(NOTES, 426, r"\tilde{\mathbf{m}}_{t+1} = \frac{\mathbf{m}_{t+1}}{1 - \beta^t} \quad (1.10)"),
              why="(1.10) as written, for a constant gradient (at t = 0 it divides by 0)",
              correction=Equal(M_CLOSED / (1 - beta ** (t_ + 1)), gc, why="m_{t+1} has total weight 1 - beta^(t+1)")),
        Equal(V_CLOSED / (1 - gamma**t_), gc**2, sample=RATES,
              source=Source(NOTES, 428, r"\tilde{\mathbf{v}}_{t+1} = \frac{\mathbf{v}_{t+1}}{1 - \gamma^t} \quad (1.11)"),
              why="(1.11) as written, for a constant gradient",
              correction=Equal(V_CLOSED / (1 - gamma ** (t_ + 1)), gc**2, why="v_{t+1} has total weight 1 - gamma^(t+1)")),
        Equal(ADAM_LISTING, ADAM_EQUATION,
              source=Source(NOTES, 490, "w += -alpha * m/(np.sqrt(v)+e)"),
              why="two steps of the Adam listing against (1.6)-(1.12) (w_0 = 0, rows (1, 2) then (2, 1), beta = 0.9, "
                  "gamma = 0.99, e = 0): the "
                  "listing computes mhat and vhat (003:487-488, correctly: its t starts at 1) and steps with m and v",
              correction=Equal(ADAM_LISTING_FIXED, ADAM_EQUATION,
                               why="w += -alpha * mhat/(np.sqrt(vhat)+e) is (1.12) with the correction 1 - beta^(t+1)")),
    ),
    numeric=Numeric(adam_against_optax, ADAM_HYP,
                    "(1.6)-(1.12) in JAX follow optax.adam's trajectory on minibatch linear regression to a round-off bound"),
    mutants=(
        Mutant("no-bias-correction", Equal(sp.Matrix([M_CLOSED, V_CLOSED]), sp.Matrix([gc, gc**2])),
               {**ADAM_HYP, "m_tilde": m_s, "v_tilde": v_s}, "(1.8): the raw moments"),
        Mutant("beta-swapped", Equal(_corrected(M_SWAPPED_CLOSED, V_CLOSED, 1), sp.Matrix([gc, gc**2])),
               {**ADAM_HYP, "m_next": (1 - beta) * m_s + beta * gc}, "m_{t+1} = (1 - beta) m_t + beta g"),
        Mutant("exponent-t", Equal(_corrected(M_CLOSED, V_CLOSED, 0), sp.Matrix([gc, gc**2])),
               {**ADAM_HYP, "m_tilde": m_s / (1 - beta**t_), "v_tilde": v_s / (1 - gamma**t_)},
               "divide by 1 - beta^t and 1 - gamma^t, as (1.10)-(1.11) write it"),
    ),
    references=(Reference("D. P. Kingma, J. Ba, Adam: A Method for Stochastic Optimization (ICLR 2015)", "Algorithm 1, section 3",
                          "https://arxiv.org/abs/1412.6980"), UDL),
)

# ---------------------------------------------------------------------------------------------
# Nesterov (1.5)
# ---------------------------------------------------------------------------------------------
theta, m_t = sp.Symbol("theta", real=True), sp.Symbol("m", real=True)
grad_f = sp.Function("g")            # any gradient
h = sp.Symbol("h", positive=True)    # curvature of a 1-D quadratic h x^2 / 2


def quadratic(x):
    return h * x


def scheme_step(c, grad):
    """One step of (1.3) with the gradient at theta_t + c alpha m_t, in the look-ahead variables
    phi = theta - alpha beta m and tau = m / (1 - beta)."""
    m_next = beta * m_t + (1 - beta) * grad(theta + c * alpha * m_t)
    theta_next = theta - alpha * m_next
    return sp.Matrix([theta_next - alpha * beta * m_next, m_next / (1 - beta)])


def sutskever_step(grad):
    """optax.sgd(learning_rate = alpha (1 - beta), momentum = beta, nesterov = True) from
    phi = theta - alpha beta m, tau = m / (1 - beta): tau' = g(phi) + beta tau,
    phi' = phi - lr (g(phi) + beta tau'), the Nesterov step of Sutskever et al. (2013)."""
    phi, tau = theta - alpha * beta * m_t, m_t / (1 - beta)
    tau_next = grad(phi) + beta * tau
    return sp.Matrix([phi - alpha * (1 - beta) * (grad(phi) + beta * tau_next), tau_next])


MOMENTUM_ONLY = theta - alpha * (beta * m_t + (1 - beta) * 0)   # (1.3) with the gradient term removed
NEST_LISTING = listing_nesterov(w0, ROWS, alpha, beta)[-1]
NEST_LISTING_FIXED = listing_nesterov(w0, ROWS, alpha, beta, look_ahead=-beta)[-1]
NEST_EQUATION = equation_momentum(w0, ROWS, alpha, beta, m=1, look_ahead=-beta)[0][-1]

nesterov_look_ahead = Claim(
    id="nesterov-look-ahead",
    title="Nesterov momentum takes the gradient at theta_t - alpha beta m_t, where momentum alone leads",
    sources=(
        Source(NOTES, 300, "his algorithm calculates the gradient AHEAD of the path"),
        Source(NOTES, 302, r"\frac{\partial L_i[\theta_t + \alpha \cdot \mathbf{m}_t]}{\partial \theta}"),
        Source(NOTES, 338, "truncatedX@(w+alpha*m)"),
    ),
    assumptions=(
        "(1.3): theta_{t+1} = theta_t - alpha m_{t+1}, m_{t+1} = beta m_t + (1 - beta) g; any gradient function g",
        "optax mapping: learning_rate = alpha (1 - beta), momentum = beta, nesterov = True, whose parameters are "
        "phi_t = theta_t - alpha beta m_t and trace tau_t = m_t / (1 - beta) (both start at 0 with m_0 = 0)",
    ),
    statement=Equal(scheme_step(-beta, grad_f), sutskever_step(grad_f),
                    why="with the gradient at theta - alpha beta m, one step of (1.3) is the Nesterov step in phi = theta - alpha beta m"),
    forms=(
        Equal(theta + alpha * m_t, MOMENTUM_ONLY, sample=BETAS,
              source=Source(NOTES, 302, r"\frac{\partial L_i[\theta_t + \alpha \cdot \mathbf{m}_t]}{\partial \theta}"),
              why="the point of (1.5), as written, is the point ahead on the path: where (1.3) moves theta_t without a new gradient",
              correction=Equal(theta - alpha * beta * m_t, MOMENTUM_ONLY,
                               why="(1.3) steps by -alpha m, so the point ahead is theta_t - alpha beta m_t; theta_t + alpha m_t lies behind")),
        Equal(NEST_LISTING, NEST_EQUATION, sample=BETAS, source=Source(NOTES, 338, "truncatedX@(w+alpha*m)"),
              why="two steps of the Nesterov listing (m starts at ones, 003:318) against the look-ahead scheme "
                  "from the same m_0 = 1: the listing follows (1.5) as written",
              correction=Equal(NEST_LISTING_FIXED, NEST_EQUATION, why="with truncatedX@(w-alpha*beta*m) the two agree")),
    ),
    numeric=Numeric(nesterov_against_optax, {"look_ahead": theta - alpha * beta * m_t},
                    "the scheme's gradient points equal optax's Nesterov SGD iterates on minibatch linear regression"),
    mutants=(
        Mutant("as-written-plus-alpha-m", Equal(scheme_step(1, quadratic), sutskever_step(quadratic)),
               {"look_ahead": theta + alpha * m_t}, "the gradient at theta_t + alpha m_t, as (1.5) and the listing write it"),
        Mutant("look-ahead-without-beta", Equal(scheme_step(-1, quadratic), sutskever_step(quadratic)),
               {"look_ahead": theta - alpha * m_t}, "the gradient at theta_t - alpha m_t"),
        Mutant("no-look-ahead", Equal(scheme_step(0, quadratic), sutskever_step(quadratic)),
               {"look_ahead": theta + 0 * m_t}, "the gradient at theta_t: plain momentum (1.3)"),
    ),
    references=(Reference("I. Sutskever, J. Martens, G. Dahl, G. Hinton, On the importance of initialization and momentum "
                          "in deep learning (ICML 2013)", "eqs. 3-4", "https://proceedings.mlr.press/v28/sutskever13.html"), UDL),
)
