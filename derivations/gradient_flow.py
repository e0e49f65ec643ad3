"""Gradient flow and its exponential convergence (004:1-25, the first half of the handwritten notes,
read through noisy OCR: the claims encode the mathematics the text clearly states and quote
fragments that are really in the file; the second half, lazy training, is derivations.lazy_training).

Five claims:

- ``gradient-descent-euler-step``: gradient descent theta_{t+1} = theta_t - gamma grad R(theta_t),
  rearranged, is the Euler step of gradient flow d theta/dt = -grad R(theta): one step agrees with the
  flow's map to O(gamma^2) (004:1), so over a fixed time the two differ by O(gamma).
- ``gronwall-exponential-bound``: if d Delta_t/dt <= -mu Delta_t then Delta_t <= e^{-mu t} Delta_0,
  through d/dt (e^{mu t} Delta_t) <= 0 and integration (004:1).
- ``pl-exponential-convergence``: under the PL inequality as 004:6 writes it,
  R(theta) - R* <= (1/mu) ||grad R(theta)||^2, Delta_t = R(theta_t) - R* obeys d Delta/dt <= -mu Delta
  (004:7-10), so gradient flow converges at rate mu. The notes' PL carries 1/mu where the common form
  1/2 ||grad R||^2 >= mu (R - R*) carries 1/(2 mu): with the notes' constant the rate is mu, not 2 mu.
- ``strong-convexity-distance-decay``: from <theta - theta*, grad R(theta)> >= (mu/2) ||theta - theta*||^2
  (004:17, a consequence of mu-strong convexity), Delta_t = 1/2 ||theta_t - theta*||^2 obeys
  d Delta/dt <= -mu Delta (004:19-22).
- ``strong-convexity-implies-pl``: mu-strong convexity gives R - R* <= ||grad R||^2 / (2 mu), so the PL
  inequality of 004:6 holds with the same mu (004:24, "SC => PL").

Inequalities that rest on a hypothesis (PL, strong convexity, d Delta/dt <= -mu Delta) are encoded
with that hypothesis's slack as a nonnegative symbol: PL is ||grad R||^2 = mu (Delta + p) with p >= 0,
and so on; SymPy then decides them from the symbols' signs. Where the notes differentiate along the
flow, the chain rule is checked on concrete functions of t.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from derivations._vectors import dot
from numerics.gradient_flow import (euler_global_order, gronwall_envelope, pl_exponential_rate, sc_exponential_rate,
                                    sc_pl_bound)

HANDWRITTEN = "004_eb6a47582e049a09.txt"
KARIMI = Reference("Karimi, Nutini, Schmidt 2016, Linear convergence of gradient and proximal-gradient methods "
                   "under the Polyak-Lojasiewicz condition", "section 2; the example x^2 + 3 sin^2 x",
                   "https://arxiv.org/abs/1608.04636")
BMR = Reference("Bartlett, Montanari, Rakhlin 2021, Deep learning: a statistical viewpoint", "section 5",
                "https://arxiv.org/abs/2103.09177")

# The notes' formulas as the OCR renders them (004:1, one long line; 004:3-25).
Q_GD = r"\iff \frac{\Theta_{t}}{\gamma} = \nabla R(\Theta_t)"
Q_GF = r"\frac{d\theta_{t}}{dt} = \dot{\theta}_{t} = -\nabla \mathcal{R}(\theta_{t})"
Q_EULER = r"GD is the Euler discretization of GF"
Q_HYP_C = r"\frac{d}{dt} \Delta_{t} \leq -\mu \Delta_{t}"
Q_BOUND = r"\Delta_{t} \leq e^{-\mu t} \Delta_{0}"
Q_PRODUCT = r"\frac{d}{dt}(e^{\mu t}\Delta_{t}) = \mu e^{\mu t}\Delta_{t} + e^{\mu t}\frac{d}{dt}\Delta_{t}"
Q_BY_C = r"\leq \mu e^{\mu t}\Delta_{t} - \mu e^{\mu t}\Delta_{t}"
Q_INTEGRATE = r"Integrating both sides yields the result."
Q_PL = r"R(\Theta) - R(\Theta_{k}) \leq \frac{1}{\mu} \|\nabla R(\Theta)\|^{2}"
Q_PL_DELTA = r"PL \Rightarrow C \quad f = C \quad \Delta_{L} = R(\Theta_{k}) - R(\Theta_{k})"
Q_PL_CHAIN = r"\frac{1}{dt} \left\{ R(\Theta_{k}) - R(\Theta_{k}) \right\} = \langle \nabla R(\Theta_{k}), -\nabla R(\Theta_{k}) \rangle"
Q_PL_NORM = r"= -\|\nabla R(\Theta_{k})\|^{2}"
Q_PL_STEP = r"\leq -\mu \left\{ R(\Theta_{k}) - R(\Theta_{k}) \right\}"
Q_PL_REPEAT = r"= -\mu \left\{ R(\Theta_{k}) - R(\Theta_{k}) \right\}"
Q_SC_DELTA = r"A = \frac{1}{2} \|\Theta_{L} - \Theta_{k}\|^{2}"
Q_SC = r"\langle \Theta - \Theta_{k} / \nabla R(\Theta) \rangle \geq \frac{\mu}{2} \|\Theta - \Theta_{k}\|^{2}"
Q_SC_AT_T = r"\langle \Theta - \Theta_{k} / \nabla R(\Theta) \rangle \geq \frac{\mu}{2} \|\Theta_{L} - \Theta_{k}\|^{2}"
Q_SC_C = r"SC \Rightarrow C \quad for \quad \Delta_{L} = \frac{1}{2} \|\Theta_{L} - \Theta_{k}\|^{2}"
Q_SC_CHAIN = r"= \left\langle \Theta_{L} - \Theta_{k}, -\nabla R(\Theta_{L}) \right\rangle"
Q_SC_STEP = r"\leq -\mu \cdot \frac{1}{2} \|\Theta_{L} - \Theta_{k}\|^{2}"
Q_SC_PL = r"SC \Rightarrow PL \quad so \quad it is a stronger condition"
Q_EXPONENTIAL = r"GF \quad converget \quad expressively"

OCR_NOTE = ("004 is OCR of handwriting: theta* is rendered Theta_{k}, theta_t Theta_{L} or Theta_{k}, (c) 'C', "
            "'by (c)' '( Ly (c))'; these are read for the mathematics, not as errata")

mu = sp.Symbol("mu", positive=True)
t = sp.Symbol("t", nonnegative=True)


# ---------------------------------------------------------------------------------------------
# Gradient descent as the Euler discretisation of gradient flow
# ---------------------------------------------------------------------------------------------
gamma = sp.Symbol("gamma", positive=True)
theta = sp.Symbol("theta", real=True)
# A concrete smooth risk in one coordinate (a polynomial keeps the series cheap; the tests repeat the
# identities in R^2, the experiment runs on a non-convex risk in R^3).
R_EULER = theta**2 / 2 + theta**4 / 4
GRAD = sp.diff(R_EULER, theta)
HESS = sp.diff(R_EULER, theta, 2)
GD_STEP = theta - gamma * GRAD                                  # theta_{t+1} of 004:1
# The flow's map over a time gamma to second order (its Taylor polynomial: theta' = -R'(theta),
# theta'' = -R'' theta' = R'' R'); a step below checks it solves the flow's ODE.
FLOW_MAP = theta - gamma * GRAD + gamma**2 / 2 * HESS * GRAD
ASCENT_MAP = theta + gamma * GRAD + gamma**2 / 2 * HESS * GRAD  # the same for d theta/dt = +R'(theta)


def _flow_map_solves_the_flow():
    """The residual d/dgamma FLOW_MAP + R'(FLOW_MAP), a polynomial in gamma, has no gamma^0 or gamma^1 term."""
    residual = sp.expand(sp.diff(FLOW_MAP, gamma) + GRAD.subs(theta, FLOW_MAP))
    low = [sp.simplify(residual.coeff(gamma, k)) for k in (0, 1)]
    return all(c == 0 for c in low), f"the coefficients of gamma^0 and gamma^1 are {low}"


euler_step = Claim(
    id="gradient-descent-euler-step",
    title="Gradient descent is the Euler discretisation of gradient flow: one step matches the flow to O(gamma^2)",
    sources=(
        Source(HANDWRITTEN, 1, Q_GD),
        Source(HANDWRITTEN, 1, Q_GF),
        Source(HANDWRITTEN, 1, Q_EULER),
    ),
    assumptions=(
        "R twice continuously differentiable; gradient flow d theta/dt = -grad R(theta) (004:1, '(GF)'); gradient "
        "descent theta_{t+1} = theta_t - gamma grad R(theta_t) with step gamma > 0",
        "004:1 shows the rearranged step as '\\frac{\\Theta_{t}}{\\gamma} = \\nabla R(\\Theta_t)': the OCR lost the "
        "difference theta_{t+1} - theta_t and the minus sign; it is read as (theta_{t+1} - theta_t)/gamma = -grad R(theta_t), "
        "the form whose limit gamma -> 0 the same line writes as d theta/dt = -grad R",
        "symbolically in one coordinate with R = theta^2/2 + theta^4/4 (the tests repeat it in R^2); the experiment on "
        "the non-convex R = 1/2 theta^T H theta + 3 sum_i sin^2 theta_i in R^3 with coupling H",
        OCR_NOTE,
    ),
    statement=Equal(FLOW_MAP, GD_STEP, up_to=sp.O(gamma**2),
                    why="the flow's position after time gamma and one gradient-descent step agree to O(gamma^2)"),
    steps=(
        Computed("d/dgamma (theta - gamma R' + gamma^2/2 R'' R') = -R'(theta - gamma R' + gamma^2/2 R'' R') + O(gamma^2)",
                 _flow_map_solves_the_flow, source=Source(HANDWRITTEN, 1, Q_GF),
                 why="the map solves d theta/dt = -R'(theta) to this order: it is the flow's Taylor polynomial"),
        Equal(FLOW_MAP, theta - gamma * GRAD, up_to=sp.O(gamma**2),
              why="to first order the flow moves along its initial velocity -R'(theta)"),
        Equal(theta - gamma * GRAD, GD_STEP, source=Source(HANDWRITTEN, 1, Q_EULER),
              why="theta + gamma (velocity at theta) is Euler's step for the flow, and it is the gradient-descent step"),
        Holds(sp.Eq(FLOW_MAP - GD_STEP, gamma**2 / 2 * HESS * GRAD, evaluate=False),
              why="the one-step error is gamma^2/2 R'' R', not zero in general: T/gamma steps leave an O(gamma) "
                  "error at time T (first order, the experiment's slope)"),
    ),
    forms=(
        Equal((GD_STEP - theta) / gamma, -GRAD, source=Source(HANDWRITTEN, 1, Q_GD),
              why="the descent step rearranged: (theta_{t+1} - theta_t)/gamma = -grad R(theta_t), a difference quotient "
                  "whose limit is the flow's velocity"),
    ),
    numeric=Numeric(euler_global_order, {"order": 1, "flow_sign": -1},
                    "gradient descent against RK4's gradient flow at T = 1 on a coupled non-convex risk in R^3: the "
                    "log-log slope of the error against gamma in [1/4096, 1/256] is within 0.1 of the order 1"),
    mutants=(
        Mutant("second-order", Equal(FLOW_MAP, GD_STEP, up_to=sp.O(gamma**3)), {"order": 2, "flow_sign": -1},
               "GD matches the flow to O(gamma^3) per step, i.e. a second-order method"),
        Mutant("ascent-flow", Equal(ASCENT_MAP, GD_STEP, up_to=sp.O(gamma**2)), {"order": 1, "flow_sign": 1},
               "GD discretises d theta/dt = +grad R: the sign of the flow lost"),
    ),
    references=(BMR,),
)

# ---------------------------------------------------------------------------------------------
# Gronwall: d Delta/dt <= -mu Delta  =>  Delta_t <= e^{-mu t} Delta_0
# ---------------------------------------------------------------------------------------------
u = sp.Symbol("u", nonnegative=True)
DELTA = sp.Function("Delta")
SLACK = sp.Function("s")                      # s(t) = -mu Delta_t - d Delta_t/dt >= 0: hypothesis (c)
delta_t = sp.Symbol("Delta_t", real=True)     # the value Delta_t at a fixed t
slack_t = sp.Symbol("s_t", nonnegative=True)  # the value s(t) >= 0
delta_0 = sp.Symbol("Delta_0", real=True)
accumulated = sp.Symbol("I_t", nonnegative=True)   # int_0^t e^{mu u} s(u) du >= 0, an integral of a nonnegative function
# Every differentiable Delta with slack s solves Delta' = -mu Delta - s, whose solution is
VOC = sp.exp(-mu * t) * (delta_0 - sp.Integral(sp.exp(mu * u) * SLACK(u), (u, 0, t)))
BOUND = sp.exp(-mu * t) * delta_0
SOLUTION = sp.exp(-mu * t) * (delta_0 - accumulated)     # VOC with the integral named I_t >= 0

gronwall = Claim(
    id="gronwall-exponential-bound",
    title="Gronwall: d Delta/dt <= -mu Delta implies Delta_t <= e^{-mu t} Delta_0",
    sources=(
        Source(HANDWRITTEN, 1, Q_HYP_C),
        Source(HANDWRITTEN, 1, Q_BOUND),
        Source(HANDWRITTEN, 1, Q_PRODUCT),
        Source(HANDWRITTEN, 1, Q_BY_C),
        Source(HANDWRITTEN, 1, Q_INTEGRATE),
    ),
    assumptions=(
        "Delta differentiable on [0, t], mu > 0, and (c): d Delta_s/ds <= -mu Delta_s for 0 <= s <= t; its slack "
        "s(u) = -mu Delta_u - d Delta_u/du >= 0",
        "Delta_0 of either sign (the notes' Delta are nonnegative: R - R* and 1/2 ||theta - theta*||^2)",
        "the step 'integrating both sides' is checked on the variation-of-constants form of Delta, which every "
        "differentiable Delta with slack s has; I_t = int_0^t e^{mu u} s(u) du >= 0 as an integral of a nonnegative function",
        OCR_NOTE,
    ),
    statement=Holds(sp.Le(SOLUTION, BOUND, evaluate=False), source=Source(HANDWRITTEN, 1, Q_BOUND),
                    why="Delta_t = e^{-mu t} (Delta_0 - I_t) with I_t >= 0 is at most e^{-mu t} Delta_0"),
    steps=(
        Equal(sp.diff(sp.exp(mu * t) * DELTA(t), t), mu * sp.exp(mu * t) * DELTA(t) + sp.exp(mu * t) * sp.diff(DELTA(t), t),
              source=Source(HANDWRITTEN, 1, Q_PRODUCT), why="the product rule"),
        Holds(sp.Le(mu * sp.exp(mu * t) * delta_t + sp.exp(mu * t) * (-mu * delta_t - slack_t),
                    sp.Add(mu * sp.exp(mu * t) * delta_t, -mu * sp.exp(mu * t) * delta_t, evaluate=False), evaluate=False),
              source=Source(HANDWRITTEN, 1, Q_BY_C),
              why="by (c), d Delta/dt = -mu Delta - s with s >= 0: the derivative of e^{mu t} Delta_t is -e^{mu t} s(t) <= 0"),
        Equal(sp.diff(VOC, t), -mu * VOC - SLACK(t),
              why="Delta_t = e^{-mu t} (Delta_0 - int_0^t e^{mu u} s(u) du) solves Delta' = -mu Delta - s with the same "
                  "Delta_0: by uniqueness it is Delta"),
        Equal(sp.exp(mu * t) * VOC - delta_0, -sp.Integral(sp.exp(mu * u) * SLACK(u), (u, 0, t)),
              source=Source(HANDWRITTEN, 1, Q_INTEGRATE),
              why="integrating d/du (e^{mu u} Delta_u) = -e^{mu u} s(u) over [0, t]: e^{mu t} Delta_t - Delta_0 = -I_t <= 0"),
    ),
    numeric=Numeric(gronwall_envelope, {"envelope": BOUND},
                    "Delta' = -mu Delta - s(t) by RK4 for random mu, Delta_0 and slacks s >= 0: Delta_t stays below the "
                    "envelope (1e-9 of the scale) on every trajectory, and meets it (1e-9) when s = 0"),
    mutants=(
        Mutant("rate-two-mu", Holds(sp.Le(SOLUTION, sp.exp(-2 * mu * t) * delta_0, evaluate=False)),
               {"envelope": sp.exp(-2 * mu * t) * delta_0}, "Delta_t <= e^{-2 mu t} Delta_0: twice the rate"),
        Mutant("rate-half-mu", Holds(sp.Le(SOLUTION, sp.exp(-mu * t / 2) * delta_0, evaluate=False)),
               {"envelope": sp.exp(-mu * t / 2) * delta_0},
               "Delta_t <= e^{-mu t/2} Delta_0: half the rate (false for Delta_0 < 0, and never attained when Delta_0 > 0)"),
    ),
)

# ---------------------------------------------------------------------------------------------
# PL => (c) for Delta_t = R(theta_t) - R*
# ---------------------------------------------------------------------------------------------
TH = sp.symbols("theta_1 theta_2", real=True)
# A concrete non-convex risk on R^2 for the chain rule (the experiment's PL family, coupled)
R_CHAIN = TH[0] ** 2 + TH[1] ** 2 + TH[0] * TH[1] + 3 * sp.sin(TH[0]) ** 2 + 3 * sp.sin(TH[1]) ** 2
th_t = [sp.Function("theta_1")(t), sp.Function("theta_2")(t)]
R_AT_T = R_CHAIN.subs(dict(zip(TH, th_t)), simultaneous=True)
GRAD_AT_T = sp.Matrix([sp.diff(R_CHAIN, v) for v in TH]).subs(dict(zip(TH, th_t)), simultaneous=True)
FLOW_VELOCITY = {sp.Derivative(f, t): -g for f, g in zip(th_t, GRAD_AT_T)}        # gradient flow, 004:1
DR_DT = sp.diff(R_AT_T, t).subs(FLOW_VELOCITY)
gap = sp.Symbol("Delta", nonnegative=True)          # Delta_t = R(theta_t) - R* >= 0
pl_slack = sp.Symbol("p", nonnegative=True)         # PL (004:6): ||grad R||^2 = mu (Delta + p), p >= 0
GRAD_SQ_PL = mu * (gap + pl_slack)

pl_convergence = Claim(
    id="pl-exponential-convergence",
    title="Under PL, R(theta) - R* <= (1/mu) ||grad R||^2, gradient flow gives d/dt (R - R*) <= -mu (R - R*)",
    sources=(
        Source(HANDWRITTEN, 4, r"\mu > 0"),
        Source(HANDWRITTEN, 6, Q_PL),
        Source(HANDWRITTEN, 7, Q_PL_DELTA),
        Source(HANDWRITTEN, 8, Q_PL_CHAIN),
        Source(HANDWRITTEN, 9, Q_PL_NORM),
        Source(HANDWRITTEN, 10, Q_PL_STEP),
        Source(HANDWRITTEN, 11, Q_PL_NORM),
        Source(HANDWRITTEN, 12, Q_PL_STEP),
        Source(HANDWRITTEN, 13, Q_PL_NORM),
        Source(HANDWRITTEN, 15, Q_PL_REPEAT),
        Source(HANDWRITTEN, 25, Q_EXPONENTIAL),
    ),
    assumptions=(
        "R differentiable with minimum value R* = R(theta*); theta_t follows gradient flow (004:1); the PL inequality as "
        "004:6 writes it: for mu > 0 and all theta, R(theta) - R* <= (1/mu) ||grad R(theta)||^2, i.e. "
        "||grad R||^2 = mu (Delta + p) with a slack p >= 0",
        "the notes' constant: the common form 1/2 ||grad R||^2 >= mu (R - R*) (Karimi et al. 2016) is the notes' PL with "
        "2 mu; with the notes' mu the guaranteed rate is mu",
        "the chain rule along the flow is checked on R^2 with R = theta_1^2 + theta_2^2 + theta_1 theta_2 + 3 sin^2 theta_1 "
        "+ 3 sin^2 theta_2",
        "004:11-15 repeat 004:9-10 (OCR of the same lines), 004:15 with '=' for '<='; exponential convergence "
        "Delta_t <= e^{-mu t} Delta_0 (004:25) then follows by claim gronwall-exponential-bound",
        OCR_NOTE,
    ),
    statement=Holds(sp.Le(-GRAD_SQ_PL, -mu * gap, evaluate=False),
                    why="(c): d Delta/dt = -||grad R||^2 <= -mu Delta along the flow"),
    steps=(
        Equal(DR_DT, dot(GRAD_AT_T, -GRAD_AT_T), source=Source(HANDWRITTEN, 8, Q_PL_CHAIN),
              why="chain rule: d/dt R(theta_t) = <grad R(theta_t), d theta_t/dt> with d theta_t/dt = -grad R(theta_t)"),
        Equal(dot(GRAD_AT_T, -GRAD_AT_T), -sum(g**2 for g in GRAD_AT_T), source=Source(HANDWRITTEN, 9, Q_PL_NORM),
              why="<g, -g> = -||g||^2"),
        Holds(sp.Le(-GRAD_SQ_PL, -mu * gap, evaluate=False), source=Source(HANDWRITTEN, 10, Q_PL_STEP),
              why="PL: ||grad R||^2 >= mu (R - R*), so -||grad R||^2 <= -mu (R - R*)"),
        Holds(sp.Le(SOLUTION, BOUND, evaluate=False), source=Source(HANDWRITTEN, 25, Q_EXPONENTIAL),
              why="Gronwall (claim gronwall-exponential-bound): R(theta_t) - R* <= e^{-mu t} (R(theta_0) - R*)"),
    ),
    numeric=Numeric(pl_exponential_rate, {"rate": mu},
                    "gradient flow (RK4) on x^2 + 3 sin^2 x summed over coordinates (not convex, sharp PL constant of "
                    "004:6 computed numerically), on strongly convex quadratics (2 lambda_min) and on logcosh risks: "
                    "R - R* <= e^{-rate t} (R_0 - R*) everywhere (1e-6), and the least decay rate equals the rate "
                    "(1e-6 relative) on the flows where the PL constant is attained"),
    mutants=(
        Mutant("rate-two-mu", Holds(sp.Le(-GRAD_SQ_PL, -2 * mu * gap, evaluate=False)), {"rate": 2 * mu},
               "d Delta/dt <= -2 mu Delta: the rate of the 1/(2 mu) form applied to the notes' 1/mu constant"),
        Mutant("ascent-sign", Holds(sp.Le(GRAD_SQ_PL, -mu * gap, evaluate=False)), {"rate": -mu},
               "d Delta/dt = +||grad R||^2: the flow's sign lost, R - R* grows like e^{mu t}"),
    ),
    references=(KARIMI, BMR),
)

# ---------------------------------------------------------------------------------------------
# Strong convexity => (c) for Delta_t = 1/2 ||theta_t - theta*||^2
# ---------------------------------------------------------------------------------------------
E = sp.Matrix(sp.symbols("e_1 e_2", real=True))                      # theta_t - theta*
sq = dot(E, E)
sc_slack = sp.Symbol("q", nonnegative=True)                          # 004:17: <e, grad R> = (mu/2) |e|^2 + q
INNER = mu / 2 * sq + sc_slack
risk_gap = sp.Symbol("delta_R", nonnegative=True)                    # R(theta) - R* >= 0
sc_extra = sp.Symbol("r", nonnegative=True)                          # the slack of strong convexity at (theta, theta*)
STAR = sp.Matrix(sp.symbols("theta^*_1 theta^*_2", real=True))
G_T = sp.Matrix([sp.Function("g_1")(t), sp.Function("g_2")(t)])    # grad R(theta_t), any functions of t
OFFSET_T = sp.Matrix([f - s for f, s in zip(th_t, STAR)])            # theta_t - theta*
DIST_DT = sp.diff(dot(OFFSET_T, OFFSET_T) / 2, t).subs(
    {sp.Derivative(f, t): -g for f, g in zip(th_t, G_T)})

sc_decay = Claim(
    id="strong-convexity-distance-decay",
    title="If <theta - theta*, grad R> >= (mu/2) ||theta - theta*||^2, gradient flow gives d/dt 1/2 ||theta_t - theta*||^2 <= -mu 1/2 ||theta_t - theta*||^2",
    sources=(
        Source(HANDWRITTEN, 16, Q_SC_DELTA),
        Source(HANDWRITTEN, 17, Q_SC),
        Source(HANDWRITTEN, 18, Q_SC_AT_T),
        Source(HANDWRITTEN, 19, Q_SC_C),
        Source(HANDWRITTEN, 20, Q_SC_C),
        Source(HANDWRITTEN, 21, Q_SC_CHAIN),
        Source(HANDWRITTEN, 22, Q_SC_STEP),
        Source(HANDWRITTEN, 25, Q_EXPONENTIAL),
    ),
    assumptions=(
        "R differentiable, minimised at theta*; theta_t follows gradient flow; 004:17: for all theta, "
        "<theta - theta*, grad R(theta)> >= (mu/2) ||theta - theta*||^2, i.e. = (mu/2) ||e||^2 + q with q >= 0, e = theta - theta*",
        "004:17 follows from mu-strong convexity R(y) >= R(x) + <grad R(x), y - x> + (mu/2) ||y - x||^2 at x = theta, "
        "y = theta* (a step below); shown in R^2",
        "exponential convergence 1/2 ||theta_t - theta*||^2 <= e^{-mu t} 1/2 ||theta_0 - theta*||^2 (004:25) then follows "
        "by claim gronwall-exponential-bound",
        OCR_NOTE,
    ),
    statement=Holds(sp.Le(-INNER, -mu * sq / 2, evaluate=False),
                    why="(c): d Delta/dt = -<theta_t - theta*, grad R(theta_t)> <= -mu Delta with Delta = 1/2 ||theta_t - theta*||^2"),
    steps=(
        Holds(sp.Ge(risk_gap + mu / 2 * sq + sc_extra, mu / 2 * sq, evaluate=False), source=Source(HANDWRITTEN, 17, Q_SC),
              why="strong convexity at (theta, theta*): <theta - theta*, grad R(theta)> = R(theta) - R* + (mu/2) ||e||^2 + r "
                  "with r >= 0, and R(theta) - R* >= 0"),
        Equal(DIST_DT, dot(OFFSET_T, -G_T),
              source=Source(HANDWRITTEN, 21, Q_SC_CHAIN),
              why="chain rule: d/dt 1/2 ||theta_t - theta*||^2 = <theta_t - theta*, d theta_t/dt> = <theta_t - theta*, -grad R(theta_t)>"),
        Holds(sp.Le(-INNER, -mu * sq / 2, evaluate=False), source=Source(HANDWRITTEN, 22, Q_SC_STEP),
              why="by 004:17: -<theta_t - theta*, grad R(theta_t)> <= -(mu/2) ||theta_t - theta*||^2 = -mu Delta_t"),
        Holds(sp.Le(SOLUTION, BOUND, evaluate=False), source=Source(HANDWRITTEN, 25, Q_EXPONENTIAL),
              why="Gronwall (claim gronwall-exponential-bound): Delta_t <= e^{-mu t} Delta_0"),
    ),
    numeric=Numeric(sc_exponential_rate, {"rate": mu},
                    "gradient flow (RK4) on strongly convex quadratics (sharp constant of 004:17: 2 lambda_min) and "
                    "logcosh risks: 1/2 ||theta_t - theta*||^2 <= e^{-rate t} 1/2 ||theta_0 - theta*||^2 everywhere "
                    "(1e-6), and its least decay rate equals the rate (1e-6 relative) on the quadratics"),
    mutants=(
        Mutant("rate-two-mu", Holds(sp.Le(-INNER, -2 * mu * sq / 2, evaluate=False)), {"rate": 2 * mu},
               "d Delta/dt <= -2 mu Delta: the 1/2 of Delta and the mu/2 of 004:17 not cancelled"),
        Mutant("ascent-sign", Holds(sp.Le(INNER, -mu * sq / 2, evaluate=False)), {"rate": -mu},
               "d Delta/dt = +<theta - theta*, grad R>: the flow's sign lost"),
    ),
    references=(BMR,),
)

# ---------------------------------------------------------------------------------------------
# Strong convexity implies PL
# ---------------------------------------------------------------------------------------------
X = sp.Matrix(sp.symbols("x_1 x_2", real=True))
Y = sp.Matrix(sp.symbols("y_1 y_2", real=True))
G = sp.Matrix(sp.symbols("g_1 g_2", real=True))          # grad R(x)
r_x = sp.Symbol("R_x", real=True)                          # R(x)
grad_sq = dot(G, G)
LOWER = r_x + dot(G, Y - X) + mu / 2 * dot(Y - X, Y - X)   # strong convexity: R(y) >= LOWER(y) for all y
Y_MIN = X - G / mu
LOWER_MIN = LOWER.subs(dict(zip(Y, Y_MIN)), simultaneous=True)
min_slack = sp.Symbol("s", nonnegative=True)               # R* = min R >= min LOWER: R* = LOWER(y_min) + s
R_STAR = r_x - grad_sq / (2 * mu) + min_slack
G_SYM = sp.Symbol("G", nonnegative=True)                   # ||grad R||^2, for the experiment


def _lower_bound_is_minimal():
    """LOWER(y) - LOWER(y_min) = (mu/2) ||y - y_min||^2 >= 0 for every y: y_min minimises the lower bound."""
    diff = sp.expand(LOWER - LOWER_MIN - mu / 2 * dot(Y - Y_MIN, Y - Y_MIN))
    return diff == 0, "LOWER(y) - LOWER(y_min) - (mu/2) ||y - y_min||^2 expands to 0"


sc_implies_pl = Claim(
    id="strong-convexity-implies-pl",
    title="Strong convexity implies PL: R - R* <= ||grad R||^2 / (2 mu) <= (1/mu) ||grad R||^2",
    sources=(
        Source(HANDWRITTEN, 24, Q_SC_PL),
        Source(HANDWRITTEN, 6, Q_PL),
    ),
    assumptions=(
        "R mu-strongly convex: R(y) >= R(x) + <grad R(x), y - x> + (mu/2) ||y - x||^2 for all x, y, mu > 0; "
        "R* = min R; shown in R^2 with symbolic x, y, grad R(x), R(x)",
        "R* >= min_y of the lower bound, written R* = (that minimum) + s with s >= 0",
        "004:24 states the implication without a constant: strong convexity with mu gives the PL inequality of 004:6 "
        "with 2 mu, hence with mu",
        OCR_NOTE,
    ),
    statement=Holds(sp.Le(r_x - R_STAR, grad_sq / (2 * mu), evaluate=False),
                    why="R(x) - R* <= ||grad R(x)||^2 / (2 mu) for every x"),
    steps=(
        Equal(sp.Matrix([sp.diff(LOWER, v) for v in Y]).subs(dict(zip(Y, Y_MIN)), simultaneous=True), sp.zeros(2, 1),
              why="the lower bound is a quadratic in y whose gradient vanishes at y_min = x - grad R(x)/mu"),
        Computed("LOWER(y) - LOWER(y_min) = (mu/2) ||y - y_min||^2 >= 0 for all y", _lower_bound_is_minimal,
                 why="so y_min is its minimiser"),
        Equal(LOWER_MIN, r_x - grad_sq / (2 * mu), why="the minimum value: R(x) - ||grad R(x)||^2 / (2 mu)"),
        Holds(sp.Le(r_x - R_STAR, grad_sq / (2 * mu), evaluate=False),
              why="R* = min R >= min of the lower bound = R(x) - ||grad R(x)||^2 / (2 mu)"),
        Holds(sp.Le(grad_sq / (2 * mu), grad_sq / mu, evaluate=False), source=Source(HANDWRITTEN, 24, Q_SC_PL),
              why="so R - R* <= (1/mu) ||grad R||^2: the PL inequality of 004:6 with the same mu (with a factor 2 to spare)"),
    ),
    numeric=Numeric(sc_pl_bound, {"bound": G_SYM / (2 * mu)},
                    "random lambda_min-strongly convex risks (quadratics, and quadratics plus log cosh) at random points: "
                    "R - R* <= bound everywhere (1e-10), with equality (1e-10) along the quadratics' slowest eigenvector"),
    mutants=(
        Mutant("constant-four-mu", Holds(sp.Le(r_x - R_STAR, grad_sq / (4 * mu), evaluate=False)),
               {"bound": G_SYM / (4 * mu)}, "R - R* <= ||grad R||^2 / (4 mu): the constant too optimistic by 2"),
        Mutant("norm-not-squared", Holds(sp.Le(r_x - R_STAR, sp.sqrt(grad_sq) / (2 * mu), evaluate=False)),
               {"bound": sp.sqrt(G_SYM) / (2 * mu)}, "R - R* <= ||grad R|| / (2 mu): the gradient's norm not squared"),
    ),
    references=(KARIMI,),
)
