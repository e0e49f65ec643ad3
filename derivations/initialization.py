"""Weight initialisation: He's variance 2/D for ReLU layers, forward (003 section 1.4.1, eqs.
1.13-1.18) and backward (003 section 1.4.2, eqs. 1.19-1.24), and the slides' Xavier variance
1/D_in for a linear layer (002, slide "Weights initialization").

The notes reason about one unit of one layer. Each claim encodes their steps on an explicit
layer of small unequal widths (D_{k-1} = 4, D_k = 3, D_{k+1} = 5, so that every fan is
distinguishable), with an expectation operator that computes every E[...] exactly:

- the weights Omega^k_ij are independent N(0, sigma_k^2), independent of the layer's input;
  the biases are initialised to 0 (a point mass);
- the input of the lower layer, h^{k-1}, and the upstream gradient delta^k are abstract random
  vectors known only through their moments (E[(h_m^{k-1})^2], E[(delta_j^k)^2] = v_delta^k);
- a ReLU or Heaviside of a pre-activation f = sum_m Omega_jm h_m is evaluated by conditioning on
  h: f is then exactly N(0, v) with v = sigma^2 sum_m h_m^2, so E[ReLU(f)^2 | h] = v E[ReLU(Z)^2]
  and E[Theta(f)^2 | h] = E[Theta(Z)] for a standard normal Z, the two integrals computed by
  SymPy (they are Problems 5 and 6 of the notes: both are 1/2).

A Computed step repeats each identity for other widths; the numeric experiments run deep
networks (``numerics/initialization.py``).
"""
from __future__ import annotations

import functools
import itertools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.initialization import linear_forward, relu_backward, relu_forward

NOTES, SLIDES = "003_102deae4affe1aa8.txt", "002_89896ee51b349776.txt"
HE = Reference("He, Zhang, Ren, Sun 2015, Delving deep into rectifiers", "section 2.2, eqs. (10) and (14)",
               "https://arxiv.org/abs/1502.01852")
GLOROT = Reference("Glorot, Bengio 2010, Understanding the difficulty of training deep feedforward neural networks",
                   "section 4.2, eqs. (10)-(12)", "https://proceedings.mlr.press/v9/glorot10a.html")
PRINCE = Reference("Prince 2023, Understanding Deep Learning", "section 7.5 (the notes' notation)",
                   "https://udlbook.github.io/udlbook/")


# ---------------------------------------------------------------------------------------------
# Random quantities and the expectation operator
# ---------------------------------------------------------------------------------------------
class ReLU(sp.Function):
    """ReLU(x) = max(x, 0) (003:595)."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return sp.Max(x, 0)

    def _latex(self, printer, exp=None):
        body = r"\mathrm{ReLU}\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class Theta(sp.Function):
    """The Heaviside step, Theta(x) = 1 for x > 0 and 0 otherwise (003:681)."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return sp.Integer(1) if x > 0 else sp.Integer(0)

    def _latex(self, printer, exp=None):
        body = r"\Theta\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class Moment(sp.Symbol):
    """A moment of an abstract random quantity, e.g. E[(h_1^(k-1))^2], kept as a symbol."""

    def _latex(self, printer):
        inner = sp.Symbol(self.name[2:-1].split("**")[0].strip("()"))
        power = self.name.split("**")[1].rstrip("]") if "**" in self.name else ""
        body = printer._print(inner)
        return r"\mathbb{E}\left[(%s)^{%s}\right]" % (body, power) if power else r"\mathbb{E}\left[%s\right]" % body


def moment_symbol(var: sp.Symbol, power: int) -> Moment:
    name = f"E[({var.name})**{power}]" if power != 1 else f"E[{var.name}]"
    return Moment(name, positive=power % 2 == 0 or None, real=True)


@functools.lru_cache(maxsize=None)
def standard_normal_integral(kind: str, power: int) -> sp.Expr:
    """E[ReLU(Z)^p] = int_0^oo t^p phi(t) dt and E[Theta(Z)^p] = int_0^oo phi(t) dt, Z ~ N(0, 1)."""
    t = sp.Symbol("t", real=True)
    phi = sp.exp(-t**2 / 2) / sp.sqrt(2 * sp.pi)
    integrand = t**power * phi if kind == "relu" else phi
    return sp.integrate(integrand, (t, 0, sp.oo))


class Expectation(sp.Function):
    """E[...] over a Model's random quantities; ``doit`` computes it (what it cannot compute it
    leaves as an unevaluated E[...])."""

    nargs = 1
    model: "Model" = None

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return self.model.expect(arg)

    @property
    def free_symbols(self):
        # the random quantities are bound by the expectation, as an integral binds its variable
        return self.args[0].free_symbols - self.model.random_symbols

    def _sympystr(self, printer):
        return f"E[{printer._print(self.args[0])}]"

    def _latex(self, printer, exp=None):
        body = r"\mathbb{E}\left[%s\right]" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class Variance(sp.Function):
    """Var[X] = E[X^2] - E[X]^2 (003:579)."""

    nargs = 1
    model: "Model" = None

    def doit(self, **hints):
        x = self.args[0]
        return sp.expand(self.model.E(x**2).doit(**hints) - self.model.E(x).doit(**hints) ** 2)

    @property
    def free_symbols(self):
        return self.args[0].free_symbols - self.model.random_symbols

    def _sympystr(self, printer):
        return f"Var[{printer._print(self.args[0])}]"

    def _latex(self, printer, exp=None):
        body = r"\mathrm{Var}\left[%s\right]" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class Model:
    """The random quantities of one layer model: Gaussian weights, zero biases, independent groups
    of abstract random symbols (with their known moments), and defined symbols (f = b + Omega h,
    h = ReLU(f), ...). ``E`` and ``Var`` are operators bound to it."""

    def __init__(self, name: str):
        self.weights: dict[sp.Symbol, sp.Expr] = {}
        self.zeros: set[sp.Symbol] = set()
        self.groups: list[tuple[frozenset, dict]] = []
        self.definitions: dict[sp.Symbol, sp.Expr] = {}
        self.E = type("E", (Expectation,), {"model": self})
        self.Var = type("Var", (Variance,), {"model": self})
        self.name = name

    # declarations
    def weight(self, name: str, variance: sp.Expr) -> sp.Symbol:
        w = sp.Symbol(name, real=True)
        self.weights[w] = variance
        return w

    def zero(self, name: str) -> sp.Symbol:
        b = sp.Symbol(name, real=True)
        self.zeros.add(b)
        return b

    def group(self, symbols, moments: dict) -> None:
        """Abstract random symbols, jointly distributed, independent of everything else; only
        the listed moments are known (``moments``: monomial -> value)."""
        self.groups.append((frozenset(symbols), dict(moments)))

    def define(self, name: str, expr: sp.Expr) -> sp.Symbol:
        s = sp.Symbol(name, real=True)
        self.definitions[s] = expr
        return s

    @property
    def random_symbols(self) -> set:
        return set(self.weights) | self.zeros | set(self.definitions) | set().union(*(g for g, _ in self.groups))

    # evaluation
    def unfold(self, expr):
        for _ in range(10):
            new = expr.xreplace(self.definitions)
            if new == expr:
                return expr
            expr = new
        raise RecursionError("definitions do not terminate")

    def expect(self, expr):
        expr = sp.expand(self.unfold(sp.sympify(expr)))
        known, unknown = sp.Integer(0), []
        for term in sp.Add.make_args(expr):
            value = self._monomial(term)
            if value is None:
                unknown.append(term)
            else:
                known += value
        return sp.expand(known) + (self.E(sp.Add(*unknown)) if unknown else 0)

    def _group_of(self, sym):
        for i, (syms, _) in enumerate(self.groups):
            if sym in syms:
                return i
        return None

    def _abstract_moment(self, expr):
        """E[poly in abstract symbols]: independent groups factorise; unknown moments -> None."""
        total = sp.Integer(0)
        for term in sp.Add.make_args(sp.expand(expr)):
            coeff, value = sp.Integer(1), sp.Integer(1)
            parts: dict[int, sp.Expr] = {}
            for f in sp.Mul.make_args(term):
                base, _ = f.as_base_exp()
                gi = self._group_of(base)
                if gi is None:
                    coeff *= f
                else:
                    parts[gi] = parts.get(gi, sp.Integer(1)) * f
            for gi, mono in parts.items():
                table = self.groups[gi][1]
                if mono not in table:
                    return None
                value *= table[mono]
            total += coeff * value
        return total

    def _monomial(self, term):
        """E[term] for one product of powers, or None where the rules below do not apply."""
        coeff = sp.Integer(1)
        weight_powers: dict[sp.Symbol, int] = {}
        atoms, abstract = [], sp.Integer(1)
        random_syms = self.random_symbols
        for f in sp.Mul.make_args(term):
            base, exp = f.as_base_exp()
            is_random = bool(f.free_symbols & random_syms)
            if is_random and not (exp.is_Integer and exp > 0):
                return None
            if base in self.zeros:
                return sp.Integer(0)  # biases are initialised to 0
            if base in self.weights:
                weight_powers[base] = weight_powers.get(base, 0) + int(exp)
            elif isinstance(base, (ReLU, Theta)):
                atoms.append((base, int(exp)))
            elif self._group_of(base) is not None:
                abstract *= f
            elif is_random:
                return None
            else:
                coeff *= f
        # weights outside the nonlinearities: independent centred Gaussians (if found nowhere else)
        inside = set().union(*(a.args[0].free_symbols for a, _ in atoms)) if atoms else set()
        if inside & set(weight_powers):
            return None
        for w, q in weight_powers.items():
            if q % 2:
                return sp.Integer(0)
            coeff *= self.weights[w] ** (q // 2) * sp.factorial2(q - 1)
        if len(atoms) > 1:
            return None  # two units of one layer are not independent
        atom = None
        if atoms:
            atom, p = atoms[0]
            x = atom.args[0].xreplace({z: 0 for z in self.zeros})
            inner = [w for w in x.free_symbols if w in self.weights]
            coeffs = {w: x.coeff(w) for w in inner}
            group_syms = set().union(*(g for g, _ in self.groups))
            if (not inner or sp.expand(x - sum(c * w for w, c in coeffs.items())) != 0
                    or any((c.free_symbols & random_syms) - group_syms for c in coeffs.values())):
                return None  # not a centred linear form in the weights with abstract coefficients
        if atom is None:
            m = self._abstract_moment(abstract)
            return None if m is None else coeff * m
        conditioning = {self._group_of(s) for c in coeffs.values() for s in c.free_symbols} - {None}
        # abstract factors independent of the nonlinearity's argument factorise out first
        free, tied = sp.Integer(1), sp.Integer(1)
        for f in sp.Mul.make_args(abstract):
            if self._group_of(f.as_base_exp()[0]) in conditioning:
                tied *= f
            else:
                free *= f
        m_free = self._abstract_moment(free)
        if m_free is None:
            return None
        if m_free == 0:
            return sp.Integer(0)
        v = sum(self.weights[w] * c**2 for w, c in coeffs.items())  # Var[f | h]
        if isinstance(atom, ReLU):
            if p % 2:
                return None  # sqrt(v) is not a polynomial in the abstract moments
            given = v ** (p // 2) * standard_normal_integral("relu", p)
        else:
            given = standard_normal_integral("theta", p)
        m_tied = self._abstract_moment(sp.expand(given * tied))
        return None if m_tied is None else coeff * m_free * m_tied


def _sum(terms):
    return sp.Add(*terms)


# ---------------------------------------------------------------------------------------------
# The widths and the per-layer factor laws
# ---------------------------------------------------------------------------------------------
WIDTHS = (4, 3, 5)  # D_{k-1}, D_k, D_{k+1}
Dk, Dk1 = sp.symbols("D_k D_k+1", positive=True, integer=True)  # fan-in and fan-out of Omega^k
s_k = sp.Symbol("sigma_k^2", positive=True)
s_km1 = sp.Symbol("sigma_(k-1)^2", positive=True)
AT_WIDTHS = {Dk: WIDTHS[1], Dk1: WIDTHS[2]}


def preserving_variance(factor):
    """The sigma_k^2 that makes the per-layer factor 1 (setting the ratio to 1, 003:637)."""
    (root,) = sp.solve(sp.Eq(factor, 1), s_k)
    return root


def numeric_factor(factor):
    return sp.lambdify((s_k, Dk, Dk1), factor, "numpy")


def numeric_variance(factor):
    return sp.lambdify((Dk, Dk1), preserving_variance(factor), "numpy")


# ---------------------------------------------------------------------------------------------
# Forward pass (003:569-643)
# ---------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def forward_model(d_prev: int, d_k: int):
    """Layer k-1 (input h^{k-1} of width d_prev, d_k rows) feeding row 1 of layer k."""
    m = Model(f"forward {d_prev}-{d_k}")
    h_prev = [sp.Symbol(f"h_{j}^(k-1)", real=True) for j in range(1, d_prev + 1)]
    M = [moment_symbol(h, 2) for h in h_prev]
    m.group(h_prev, {h**2: q for h, q in zip(h_prev, M)})
    om_prev = [[m.weight(f"Omega^(k-1)_{j}{l}", s_km1) for l in range(1, d_prev + 1)] for j in range(1, d_k + 1)]
    b_prev = [m.zero(f"b_{j}^(k-1)") for j in range(1, d_k + 1)]
    f_prev = [m.define(f"f_{j + 1}^(k-1)", b_prev[j] + _sum(om_prev[j][l] * h_prev[l] for l in range(d_prev)))
              for j in range(d_k)]                                                            # (1.14) at k-1
    h = [m.define(f"h_{j + 1}^k", ReLU(f_prev[j])) for j in range(d_k)]                   # (1.13)
    om = [m.weight(f"Omega^k_1{j}", s_k) for j in range(1, d_k + 1)]
    b = m.zero("b_1^k")
    f = m.define("f_1^k", b + _sum(om[j] * h[j] for j in range(d_k)))                     # (1.14)
    return {"model": m, "h_prev": h_prev, "M": M, "om_prev": om_prev, "b_prev": b_prev, "f_prev": f_prev,
            "h": h, "om": om, "b": b, "f": f}


FORWARD_FACTOR = Dk * s_k / 2  # Var[f^k] = (1/2) D_k sigma_k^2 Var[f^{k-1}]


@functools.lru_cache(maxsize=None)
def forward_ratio(d_prev: int, d_k: int) -> sp.Expr:
    """Var[f_1^k] / Var[f_1^{k-1}], computed in the model."""
    fm = forward_model(d_prev, d_k)
    V = fm["model"].Var
    return sp.factor(V(fm["f"]).doit() / V(fm["f_prev"][0]).doit())


OTHER_WIDTHS = ((1, 2), (2, 1), (3, 2), (2, 4), (5, 3))


def _forward_recursion_for_other_widths():
    for d_prev, d_k in OTHER_WIDTHS:
        got = forward_ratio(d_prev, d_k)
        if sp.simplify(got - FORWARD_FACTOR.subs(Dk, d_k)) != 0:
            return False, {"D_(k-1)": d_prev, "D_k": d_k, "Var[f^k]/Var[f^(k-1)]": str(got)}
    return True, f"Var[f^k] / Var[f^(k-1)] = D_k sigma_k^2 / 2 for (D_(k-1), D_k) in {OTHER_WIDTHS}"


def _he_forward_for_other_widths():
    for d_prev, d_k in OTHER_WIDTHS + (WIDTHS[:2],):
        got = forward_ratio(d_prev, d_k).subs(s_k, sp.Rational(2, d_k))
        if sp.simplify(got - 1) != 0:
            return False, {"D_(k-1)": d_prev, "D_k": d_k, "ratio at sigma_k^2 = 2/D_k": str(got)}
    return True, "sigma_k^2 = 2/D_k gives Var[f^k] = Var[f^(k-1)] for every width pair tried"


_F = forward_model(*WIDTHS[:2])
_fm, _E, _V = _F["model"], _F["model"].E, _F["model"].Var
_n = WIDTHS[1]
_i = 0  # the notes' row index i (row 1)
_om, _h, _b = _F["om"], _F["h"], _F["b"]
_pairs = list(itertools.product(range(_n), repeat=2))
_relu_as_written = [ReLU(_F["b_prev"][_i] + _F["om_prev"][_i][j] * _F["h_prev"][j]) for j in range(_n)]
_relu_rows = [ReLU(_F["b_prev"][j] + _sum(_F["om_prev"][j][m] * _F["h_prev"][m] for m in range(WIDTHS[0])))
              for j in range(_n)]
_jj = sp.Symbol("j", integer=True, positive=True)

_var_fk, _var_fprev = _V(_F["f"]), _V(_F["f_prev"][0])
FORWARD_STATEMENT_RHS = FORWARD_FACTOR.subs(AT_WIDTHS) * _var_fprev


def _forward_mutant(factor):
    return Equal(_var_fk, factor.subs(AT_WIDTHS) * _var_fprev)


FWD_XAVIER = Dk * s_k          # the linear layer's factor: ReLU's halving forgotten
FWD_FAN_OUT = Dk1 * s_k / 2    # fan-out in place of fan-in
FWD_UNIT = s_k                 # "regular-sized" unit variance keeps the scale

he_forward_variance = Claim(
    id="he-forward-variance",
    title="Forward pass: Var[f^k] = (1/2) D_k sigma_k^2 Var[f^(k-1)], so sigma_k^2 = 2/D_k (fan-in) keeps it",
    sources=(
        Source(NOTES, 607, r"\text{Var} [f_i^k] = \mathbb{E} [(f_i^k)^2] = \mathbb{E} \left[\left(b_i^k + \sum_{j=1}^n \Omega_{ij}^k h_j^k \right)^2 \right]"),
        Source(NOTES, 622, r"&= (\sigma^2)^k \sum_{j=1}^n \mathbb{E} [(h_j^2)^k]"),
        Source(NOTES, 632, r"&= \boxed{\frac{1}{2} n (\sigma^2)^k (\sigma^2)^{k-1}} \tag{1.16}"),
        Source(NOTES, 641, r"(\sigma^2)^k = \frac{2}{D_k} \tag{1.18}"),
    ),
    assumptions=(
        "f^k = b^k + Omega^k h^k, h^k = ReLU(f^(k-1)) (1.13-1.14); biases initialised to 0",
        "Omega^k_ij independent N(0, sigma_k^2), independent of the layer's input h^k; Omega^(k-1) likewise with sigma_(k-1)^2",
        "h^(k-1) arbitrary (known through E[(h_m^(k-1))^2]); then f^(k-1) is symmetric given h^(k-1), as Problem 5 needs",
        f"shown with D_(k-1) = {WIDTHS[0]}, D_k = n = {WIDTHS[1]} (the fan-in of Omega^k), D_(k+1) = {WIDTHS[2]}; "
        "other widths by a computation",
    ),
    statement=Equal(_var_fk, FORWARD_STATEMENT_RHS,
                    why="the second-moment recursion of the pre-activations; D_k is the fan-in of Omega^k"),
    steps=(
        Equal(_var_fk, _E((_b + _sum(_om[j] * _h[j] for j in range(_n))) ** 2),
              why="E[f_i^k] = 0 (centred weights), so Var = E[f^2]; substitute (1.14)",
              source=Source(NOTES, 607, r"\text{Var} [f_i^k] = \mathbb{E} [(f_i^k)^2] = \mathbb{E} \left[\left(b_i^k + \sum_{j=1}^n \Omega_{ij}^k h_j^k \right)^2 \right]")),
        Equal(_E((_b + _sum(_om[j] * _h[j] for j in range(_n))) ** 2),
              _E(_b**2) + _sum(2 * _E(_b * _om[j] * _h[j]) for j in range(_n)) + _sum(_E(_om[l] * _om[j] * _h[l] * _h[j]) for l, j in _pairs),
              why="expand the square; expectation is linear",
              source=Source(NOTES, 611, r"\text{Var} [f_i^k] = \mathbb{E} [(b_i^k)^2] + \sum_{\mu=1}^n 2 \mathbb{E} [b_i^k \Omega_{i\mu}^k h_\mu^k] + \sum_{l=1}^n \sum_{j=1}^n \mathbb{E} [\Omega_{il}^k \Omega_{ij}^k h_l^k h_j^k]")),
        Equal(_E(_b**2) + _sum(2 * _E(_b * _om[j] * _h[j]) for j in range(_n)) + _sum(_E(_om[l] * _om[j] * _h[l] * _h[j]) for l, j in _pairs),
              _sum(_E(_om[l] * _om[j] * _h[l] * _h[j]) for l, j in _pairs),
              why="the biases are 0 at initialisation, so the first two sums vanish",
              source=Source(NOTES, 615, r"\text{Var} [f_i^k] = \sum_{l=1}^n \sum_{j=1}^n \mathbb{E} [\Omega_{il}^k \Omega_{ij}^k h_l^k h_j^k]")),
        Equal(_sum(_E(_om[l] * _om[j] * _h[l] * _h[j]) for l, j in _pairs),
              _sum(_E(_om[j] ** 2 * _h[j] ** 2) for j in range(_n)) + _sum(_E(_om[l] * _om[j] * _h[l] * _h[j]) for l, j in _pairs if l != j),
              why="split the double sum into j = l and j != l",
              source=Source(NOTES, 620, r"\text{Var} [f_i^k] &= \sum_{j=l}^n \mathbb{E} [(\Omega_{ij}^2)^k (h_j^2)^k] + \sum_{j \neq l}^{n(n-1)} \mathbb{E} [\Omega_{il}^k \Omega_{ij}^k h_l^k h_j^k]")),
        Equal(_sum(_E(_om[j] ** 2 * _h[j] ** 2) for j in range(_n)) + _sum(_E(_om[l] * _om[j] * _h[l] * _h[j]) for l, j in _pairs if l != j),
              _sum(_E(_om[j] ** 2) * _E(_h[j] ** 2) for j in range(_n)) + _sum(_E(_om[l]) * _E(_om[j]) * _E(_h[l]) * _E(_h[j]) for l, j in _pairs if l != j),
              why="Omega^k is independent of h^k; E[Omega] = 0 kills every j != l term (the notes also split "
                  "E[h_l h_j] = E[h_l] E[h_j], unjustified but multiplied by 0)",
              source=Source(NOTES, 621, r"&= \sum_{j=l}^n \underbrace{\mathbb{E} [(\Omega_{ij}^2)^k]}_{=\sigma^2} \mathbb{E} [(h_j^2)^k] + \sum_{j \neq l}^{n(n-1)} \mathbb{E} [\Omega_{il}^k] \mathbb{E} [\Omega_{ij}^k] \mathbb{E} [h_l^k] \mathbb{E} [h_j^k]")),
        Equal(_sum(_E(_om[j] ** 2) * _E(_h[j] ** 2) for j in range(_n)) + _sum(_E(_om[l]) * _E(_om[j]) * _E(_h[l]) * _E(_h[j]) for l, j in _pairs if l != j),
              s_k * _sum(_E(_h[j] ** 2) for j in range(_n)),
              why="E[Omega_ij^2] = sigma_k^2: the second-moment recursion E[(f_i^k)^2] = sigma_k^2 sum_j E[(h_j^k)^2]",
              source=Source(NOTES, 622, r"&= (\sigma^2)^k \sum_{j=1}^n \mathbb{E} [(h_j^2)^k]")),
        Equal(s_k * _sum(_E(_h[j] ** 2) for j in range(_n)), s_k * _sum(_E(r**2) for r in _relu_as_written),
              why="h_j^k = ReLU(f_j^(k-1)) (1.13), as written: one term b_i^(k-1) + Omega_ij^(k-1) h_j^(k-1) with the "
                  "row index i of layer k, where f_j^(k-1) is row j summed over the D_(k-1) inputs",
              source=Source(NOTES, 630, r"(\sigma^2)^k \sum_{j=1}^n \mathbb{E} \left[(h_j^2)^k \right] &= (\sigma^2)^k \sum_{j=1}^n \mathbb{E} \left[\text{ReLU} \left(\cancel{b_i^{k-1}} + \overset{0}{\Omega_{ij}^{k-1} h_j^{k-1}} \right)^2 \right]"),
              correction=Equal(s_k * _sum(_E(_h[j] ** 2) for j in range(_n)), s_k * _sum(_E(r**2) for r in _relu_rows),
                               why="h_j^k = ReLU(b_j^(k-1) + sum_m Omega_jm^(k-1) h_m^(k-1))")),
        Equal(s_k * _sum(_E(r**2) for r in _relu_rows), s_k * sp.Sum(s_km1 / 2, (_jj, 1, _n)),
              why="Problem 5 halves the second moment of the symmetric f_j^(k-1), leaving (1/2) E[(f_j^(k-1))^2] = "
                  "(1/2) sigma_(k-1)^2 sum_m E[(h_m^(k-1))^2]; as written (left side: the previous line corrected) the "
                  "factor sum_m E[(h_m^(k-1))^2] is lost: (sigma^2)^(k-1), the weight variance at 621, stands for Var[f^(k-1)]",
              source=Source(NOTES, 631, r"&= (\sigma^2)^k \sum_{j=1}^n \frac{1}{2} (\sigma^2)^{k-1} \quad (\text{result of problem 5 and } \mathbb{E}[\Omega] = 0)"),
              correction=Equal(s_k * _sum(_E(r**2) for r in _relu_rows),
                               s_k * _sum(sp.Rational(1, 2) * _V(fp) for fp in _F["f_prev"]))),
        Equal(s_k * _sum(sp.Rational(1, 2) * _V(fp) for fp in _F["f_prev"]), FORWARD_STATEMENT_RHS,
              why="the D_k rows of Omega^(k-1) are identically distributed, so every f_j^(k-1) has the same variance"),
        Computed("Var[f^k] = (1/2) D_k sigma_k^2 Var[f^(k-1)] for other widths (D_(k-1), D_k)",
                 _forward_recursion_for_other_widths,
                 why="the argument never used the widths: redo it in models of other sizes"),
    ),
    forms=(
        Equal(_E(_F["f"]), 0, why="the mean of a pre-activation is 0 (centred weights, zero biases)",
              source=Source(NOTES, 583, r"&= 0 \quad (\text{initialization is a centered normal random variable})")),
        Equal(_var_fk, sp.Rational(1, 2) * _n * s_k * s_km1,
              why="(1.16) with (sigma^2)^(k-1) the weight variance of layer k-1, as the notes define sigma^2 at 621",
              source=Source(NOTES, 632, r"&= \boxed{\frac{1}{2} n (\sigma^2)^k (\sigma^2)^{k-1}} \tag{1.16}"),
              correction=Equal(_var_fk, sp.Rational(1, 2) * _n * s_k * _var_fprev)),
        Equal(sp.Subs(_var_fk, s_k, sp.Rational(2, _n)), _var_fprev,
              why="(1.17): with sigma_k^2 = 2/n the recursion's factor is 1",
              source=Source(NOTES, 637, r"(\sigma^2)^k = \frac{2}{n} \tag{1.17}")),
        Computed("(1.18): sigma_k^2 = 2/D_k (D_k the fan-in of Omega^k) gives Var[f^k] = Var[f^(k-1)] for unequal widths",
                 _he_forward_for_other_widths, why="the recursion's factor (1/2) D_k sigma_k^2 is 1 at sigma_k^2 = 2/D_k",
                 source=Source(NOTES, 641, r"(\sigma^2)^k = \frac{2}{D_k} \tag{1.18}")),
    ),
    numeric=Numeric(
        relu_forward,
        {"factor": numeric_factor(FORWARD_FACTOR), "variance": numeric_variance(FORWARD_FACTOR)},
        "deep bias-free ReLU MLP of alternating widths: for every layer, E[(f^k)^2] / E[(f^(k-1))^2] over many networks "
        "equals (1/2) D_k sigma_k^2, i.e. 1 under sigma_k^2 = 2/D_k, 1/2 under 1/D_k, D_k/2 under 1 "
        "(ratio of means per layer; per width class the mean log gap, jackknife z within the Bonferroni 99.9% bound)",
    ),
    mutants=(
        Mutant("xavier-for-relu", _forward_mutant(FWD_XAVIER),
               {"factor": numeric_factor(FWD_XAVIER), "variance": numeric_variance(FWD_XAVIER)},
               "the linear layer's factor D_k sigma^2 (no ReLU halving), so Var = 1/D_k would preserve"),
        Mutant("fan-out", _forward_mutant(FWD_FAN_OUT),
               {"factor": numeric_factor(FWD_FAN_OUT), "variance": numeric_variance(FWD_FAN_OUT)},
               "the fan-out D_(k+1) in place of the fan-in, so 2/fan_out would preserve the forward pass"),
        Mutant("unit-variance", _forward_mutant(FWD_UNIT),
               {"factor": numeric_factor(FWD_UNIT), "variance": numeric_variance(FWD_UNIT)},
               "no width factor: 'regular-sized' sigma^2 = 1 keeps the scale (the notes' figure 1.6 shows it explodes)"),
    ),
    references=(HE, PRINCE),
)


# ---------------------------------------------------------------------------------------------
# Backward pass (003:645-699)
# ---------------------------------------------------------------------------------------------
v_delta = Moment("E[(delta_j^k)**2]", positive=True)


@functools.lru_cache(maxsize=None)
def backward_model(d_prev: int, d_next: int):
    """delta_1^(k-1) = Theta(f_1^(k-1)) sum_j Omega^k_j1 delta_j^k (1.21) and the gradient of
    Omega^(k-1)_11 = delta_1^(k-1) h_1^(k-1) (1.20 at k-1, 003:665); delta^k has d_next entries."""
    m = Model(f"backward {d_prev}-{d_next}")
    h_prev = [sp.Symbol(f"h_{j}^(k-1)", real=True) for j in range(1, d_prev + 1)]
    M = [moment_symbol(h, 2) for h in h_prev]
    m.group(h_prev, {h**2: q for h, q in zip(h_prev, M)})
    delta = [sp.Symbol(f"delta_{j}^k", real=True) for j in range(1, d_next + 1)]
    # the upstream gradient: identically distributed entries of variance v_delta^k (003:693), mean 0,
    # independent of Omega^k and of layer k-1 (the notes' and He et al.'s assumption)
    m.group(delta, {d**2: v_delta for d in delta} | {d: 0 for d in delta})
    om_prev = [m.weight(f"Omega^(k-1)_1{l}", s_km1) for l in range(1, d_prev + 1)]
    b_prev = m.zero("b_1^(k-1)")
    f_prev = m.define("f_1^(k-1)", b_prev + _sum(om_prev[l] * h_prev[l] for l in range(d_prev)))
    om = [m.weight(f"Omega^k_{j}1", s_k) for j in range(1, d_next + 1)]
    back = _sum(om[j] * delta[j] for j in range(d_next))                                   # ((Omega^k)^T delta^k)_1
    delta_prev = m.define("delta_1^(k-1)", Theta(f_prev) * back)                           # (1.21)
    grad_prev = m.define("dl/dOmega^(k-1)_11", delta_prev * h_prev[0])                     # 003:665
    h_k = m.define("h_1^k", ReLU(f_prev))
    grad_k = m.define("dl/dOmega^k_11", delta[0] * h_k)                                    # (1.20)
    return {"model": m, "h_prev": h_prev, "M": M, "delta": delta, "om": om, "f_prev": f_prev, "back": back,
            "delta_prev": delta_prev, "grad_prev": grad_prev, "grad_k": grad_k}


BACKWARD_FACTOR = Dk1 * s_k / 2  # Var[delta^(k-1)] = (1/2) D_(k+1) sigma_k^2 Var[delta^k]
m_h = sp.Symbol("E[(h_l^(k-1))**2]", positive=True)  # the input moment, for the numeric formula


def _backward_ratio(d_prev, d_next, sigma2=None):
    bm = backward_model(d_prev, d_next)
    V = bm["model"].Var
    ratio = sp.factor(V(bm["delta_prev"]).doit() / V(bm["delta"][0]).doit())
    return ratio if sigma2 is None else ratio.subs(s_k, sigma2)


def _backward_recursion_for_other_widths():
    for d_prev, d_next in ((1, 2), (2, 1), (3, 4), WIDTHS[::2]):
        got = _backward_ratio(d_prev, d_next)
        if sp.simplify(got - BACKWARD_FACTOR.subs(Dk1, d_next)) != 0:
            return False, {"D_(k-1)": d_prev, "D_(k+1)": d_next, "Var[delta^(k-1)]/Var[delta^k]": str(got)}
    return True, "Var[delta^(k-1)] / Var[delta^k] = D_(k+1) sigma_k^2 / 2 for every width pair tried"


_B = backward_model(WIDTHS[0], WIDTHS[2])
_bE, _bV = _B["model"].E, _B["model"].Var
_nb = WIDTHS[2]  # the notes' n in (1.22)-(1.23): the sum over j runs over the rows of Omega^k
_theta = Theta(_B["f_prev"])
_inside = _sum(_B["om"][j] * _B["delta"][j] * _B["h_prev"][0] for j in range(_nb))
_grad_sum = _sum(_theta * _B["om"][j] * _B["delta"][j] * _B["h_prev"][0] for j in range(_nb))
BACKWARD_STATEMENT_RHS = BACKWARD_FACTOR.subs(AT_WIDTHS) * v_delta * _B["M"][0]
GRADIENT_LAW = BACKWARD_FACTOR * v_delta * m_h


def numeric_gradient(law):
    return sp.lambdify((s_k, Dk, Dk1, v_delta, m_h, s_km1), law, "numpy")


def _backward_mutant(factor, input_moment=None):
    moment = _B["M"][0] if input_moment is None else input_moment
    return Equal(_bV(_B["grad_prev"]), factor.subs(AT_WIDTHS) * v_delta * moment)


BWD_FAN_IN = Dk * s_k / 2       # (1.24) as written: the forward pass's fan-in
BWD_NO_HALF = Dk1 * s_k         # Theta^2 = 1 forgotten: 1/fan_out would preserve

_dVar = _bV(_B["delta_prev"])
_dVar_up = _bV(_B["delta"][0])

he_backward_variance = Claim(
    id="he-backward-variance",
    title="Backward pass: Var[dl/dOmega^(k-1)] = (1/2) D_(k+1) sigma_k^2 v_delta^k E[(h^(k-1))^2]; sigma_k^2 = 2/D_(k+1) (fan-out)",
    sources=(
        Source(NOTES, 653, r"\frac{\partial \ell}{\partial \mathbf{f}^{k-1}} = \frac{\partial \ell}{\partial a} \odot \left((\Omega^T)^k \frac{\partial \ell}{\partial \mathbf{f}^k} \right) \quad (1.21)"),
        Source(NOTES, 691, r"= \frac{1}{2} \mathbb{E} \left[\left(\sum_{j=1}^n \Omega_{ji}^k \delta_j^k h_l^{k-1} \right)^2 \right] \quad (\text{Result from problem 6})"),
        Source(NOTES, 695, r"\text{Var} \left[\frac{\partial \ell}{\partial \Omega_{il}^k} \right] = \frac{1}{2} n (\sigma^2)^k v_\sigma^k (\sigma^2)^{k-1} \tag{1.23}"),
        Source(NOTES, 699, r"(\sigma^2)^k = \frac{2}{D_k} \tag{1.24}"),
    ),
    assumptions=(
        "delta^(k-1) = Theta(f^(k-1)) * (Omega^k)^T delta^k (1.21 with ReLU, 003:661); dl/dOmega^(k-1)_il = delta_i^(k-1) h_l^(k-1) (003:665)",
        "Omega^k_ji independent N(0, sigma_k^2); f^(k-1) = Omega^(k-1) h^(k-1) with zero bias, so Theta(f^(k-1)) is a fair coin given h^(k-1)",
        "delta^k has mean 0 and variance v_delta^k per entry and is independent of Omega^k and of layer k-1 "
        "(the notes' and He et al.'s assumption; the numeric experiment shows the expectations hold exactly in real networks)",
        f"D_k = {WIDTHS[1]} is the fan-in of Omega^k, D_(k+1) = n = {WIDTHS[2]} its fan-out (the sum over j); D_(k-1) = {WIDTHS[0]}",
    ),
    statement=Equal(_bV(_B["grad_prev"]), BACKWARD_STATEMENT_RHS,
                    why="the weight-gradient variance of layer k-1; D_(k+1) is the fan-out of Omega^k"),
    steps=(
        Equal(_bV(_B["grad_k"]), _bE(_grad_sum**2),
              why="(1.22) as written: the left side is labelled Omega^k, but the sum on the right (003:665) is the gradient "
                  "of Omega^(k-1); the two variances differ",
              source=Source(NOTES, 691, r"\text{Var} \left[\frac{\partial \ell}{\partial \Omega_{il}^k} \right] &= \mathbb{E} \left[\frac{\partial \ell}{\partial \Omega_{il}^k} \right]^2 = \mathbb{E} \left[\left(\sum_{j=1}^n \Theta(f_i^{k-1}) \Omega_{ji}^k \delta_j^k h_l^{k-1} \right)^2 \right]"),
              correction=Equal(_bV(_B["grad_prev"]), _bE(_grad_sum**2),
                               why="its mean is 0, so Var = E[(dl/dOmega^(k-1)_il)^2]")),
        Equal(_bE(_grad_sum**2), _bE(_theta**2) * _bE(_inside**2),
              why="expand and use independence: given h^(k-1), Theta(f_i^(k-1)) is a fair coin independent of Omega^k and delta^k",
              source=Source(NOTES, 691, r"&= \mathbb{E} \left[\Theta(f_i^{k-1})^2 \right] \mathbb{E} \left[\left(\sum_{j=1}^n \Omega_{ji}^k \delta_j^k h_l^{k-1} \right)^2 \right] \quad (\text{expand and use independence})")),
        Equal(_bE(_theta**2) * _bE(_inside**2), sp.Rational(1, 2) * _bE(_inside**2),
              why="Problem 6: E[Theta(X)^2] = E[Theta(X)] = 1/2 for a centred symmetric X",
              source=Source(NOTES, 691, r"&= \frac{1}{2} \mathbb{E} \left[\left(\sum_{j=1}^n \Omega_{ji}^k \delta_j^k h_l^{k-1} \right)^2 \right] \quad (\text{Result from problem 6})")),
        Equal(sp.Rational(1, 2) * _bE(_inside**2), sp.Rational(1, 2) * _nb * s_k * v_delta * s_km1,
              why="(1.23) with v_sigma read as v_delta (003:693) and (sigma^2)^(k-1) the weight variance of layer k-1: "
                  "E[(h_l^(k-1))^2] is the input's second moment, not sigma_(k-1)^2",
              source=Source(NOTES, 695, r"\text{Var} \left[\frac{\partial \ell}{\partial \Omega_{il}^k} \right] = \frac{1}{2} n (\sigma^2)^k v_\sigma^k (\sigma^2)^{k-1} \tag{1.23}"),
              correction=Equal(sp.Rational(1, 2) * _bE(_inside**2), BACKWARD_STATEMENT_RHS)),
        Computed("Var[delta^(k-1)] = (1/2) D_(k+1) sigma_k^2 Var[delta^k] (the gradient's recursion) for several widths",
                 _backward_recursion_for_other_widths,
                 why="the same computation without h_l^(k-1): what a layer does to the gradient's variance"),
    ),
    forms=(
        Equal(_bV(_B["grad_prev"]), _bE(_B["grad_prev"]) ** 2,
              why="(1.22) writes the variance as the square of the mean, E[.]^2, which is 0",
              source=Source(NOTES, 691, r"\text{Var} \left[\frac{\partial \ell}{\partial \Omega_{il}^k} \right] &= \mathbb{E} \left[\frac{\partial \ell}{\partial \Omega_{il}^k} \right]^2"),
              correction=Equal(_bV(_B["grad_prev"]), _bE(_B["grad_prev"] ** 2))),
        Equal(sp.Subs(_dVar, s_k, 2 / Dk).subs(AT_WIDTHS), _dVar_up,
              why="(1.24) with D_k as defined at (1.18), the width of h^k, i.e. the fan-in of Omega^k; the backward "
                  "recursion's sum runs over the D_(k+1) rows of Omega^k, so only its fan-out makes the factor 1",
              source=Source(NOTES, 699, r"(\sigma^2)^k = \frac{2}{D_k} \tag{1.24}"),
              correction=Equal(sp.Subs(_dVar, s_k, 2 / Dk1).subs(AT_WIDTHS), _dVar_up)),
    ),
    numeric=Numeric(
        relu_backward,
        {"factor": numeric_factor(BACKWARD_FACTOR), "variance": numeric_variance(BACKWARD_FACTOR),
         "gradient": numeric_gradient(GRADIENT_LAW)},
        "deep bias-free ReLU MLP of alternating widths, loss g . f^L: for every layer, E[(delta^(k-1))^2] / E[(delta^k)^2] "
        "over many networks equals (1/2) D_(k+1) sigma_k^2 (1 under 2/D_(k+1)), and E[(dl/dOmega^(k-1))^2] equals "
        "(1/2) D_(k+1) sigma_k^2 E[(delta^k)^2] E[(h^(k-1))^2] (ratio of means per layer; per width class the mean log gap, jackknife z within the Bonferroni 99.9% bound)",
    ),
    mutants=(
        Mutant("fan-in", _backward_mutant(BWD_FAN_IN),
               {"factor": numeric_factor(BWD_FAN_IN), "variance": numeric_variance(BWD_FAN_IN),
                "gradient": numeric_gradient(BWD_FAN_IN * v_delta * m_h)},
               "(1.24) as written: the fan-in D_k, so 2/fan_in would keep the gradients"),
        Mutant("no-heaviside-halving", _backward_mutant(BWD_NO_HALF),
               {"factor": numeric_factor(BWD_NO_HALF), "variance": numeric_variance(BWD_NO_HALF),
                "gradient": numeric_gradient(BWD_NO_HALF * v_delta * m_h)},
               "E[Theta^2] taken as 1: factor D_(k+1) sigma^2, so 1/fan_out would keep the gradients"),
        Mutant("weight-variance-for-input-moment", _backward_mutant(BACKWARD_FACTOR, s_km1),
               {"factor": numeric_factor(BACKWARD_FACTOR), "variance": numeric_variance(BACKWARD_FACTOR),
                "gradient": numeric_gradient(BACKWARD_FACTOR * v_delta * s_km1)},
               "(1.23) as written: sigma_(k-1)^2 where E[(h_l^(k-1))^2] belongs"),
    ),
    references=(HE, PRINCE),
)


# ---------------------------------------------------------------------------------------------
# Xavier initialisation of a linear layer (002:1104-1120)
# ---------------------------------------------------------------------------------------------
D_IN, D_OUT = 3, 2
v_x, v_w = sp.symbols("Var(x) Var(w)", positive=True)
Din, Dout = Dk, Dk1  # the slide's names for the fans of the layer


@functools.lru_cache(maxsize=None)
def linear_model(d_in: int):
    """y_1 = sum_j x_j w_1j with x_j i.i.d. (mean 0, variance Var(x)) and w_1j ~ N(0, Var(w))."""
    m = Model(f"linear {d_in}")
    x = [sp.Symbol(f"x_{j}", real=True) for j in range(1, d_in + 1)]
    for xj in x:  # i.i.d.: each input its own independent group
        m.group([xj], {xj: 0, xj**2: v_x})
    w = [m.weight(f"w_1{j}", v_w) for j in range(1, d_in + 1)]
    y = m.define("y_1", _sum(xj * wj for xj, wj in zip(x, w)))
    return {"model": m, "x": x, "w": w, "y": y}


XAVIER_FACTOR = Din * s_k  # Var(y) = D_in Var(w) Var(x), with Var(w) = sigma_k^2 in the deep network


def _xavier_for_other_widths():
    for d in range(1, 7):
        lm = linear_model(d)
        V = lm["model"].Var
        got = V(lm["y"]).doit()
        if sp.expand(got - d * v_x * v_w) != 0:
            return False, {"D_in": d, "Var(y)": str(got)}
    return True, "Var(y_i) = D_in Var(x) Var(w) for D_in = 1..6"


_L = linear_model(D_IN)
_lE, _lV = _L["model"].E, _L["model"].Var
_x1, _w1 = _L["x"][0], _L["w"][0]
_var_y = _lV(_L["y"])
XAVIER_STATEMENT_RHS = D_IN * _lV(_x1) * _lV(_w1)


def _xavier_mutant(factor):
    return Equal(_var_y, factor.subs({Din: D_IN, Dout: D_OUT, s_k: 1}) * _lV(_x1) * _lV(_w1))


LIN_HALF = Din * s_k / 2            # He's ReLU halving applied to a linear layer: 2/D_in
LIN_FAN_OUT = Dout * s_k            # the fan-out: 1/D_out
LIN_GLOROT = (Din + Dout) * s_k / 2  # Glorot's compromise 2/(D_in + D_out) taken to preserve the forward pass

xavier_linear_variance = Claim(
    id="xavier-linear-variance",
    title="Xavier: a linear layer has Var(y_i) = D_in Var(x) Var(w), so Var(w) = 1/D_in (std 1/sqrt(D_in)) keeps Var(x)",
    sources=(
        Source(SLIDES, 1109, "std = 1/sqrt(Din)"),
        Source(SLIDES, 1118, r"\text{Var}(y_i) &= \text{Din} * \text{Var}(x_i w_i)"),
        Source(SLIDES, 1120, r"If  $\text{Var}(w_i) = 1/\text{Din}$  then  $\text{Var}(y_i) = \text{Var}(x_i)$"),
    ),
    assumptions=(
        "y = W x with no activation; x_j i.i.d. with mean 0, w_ij i.i.d. with mean 0, x independent of w",
        f"shown with D_in = {D_IN} inputs (D_out = {D_OUT} for the fan-out mutant), and for D_in = 1..6 by a computation",
    ),
    statement=Equal(_var_y, XAVIER_STATEMENT_RHS, why="the variance of one output of a linear layer"),
    steps=(
        Equal(_var_y, D_IN * _lV(_x1 * _w1), why="the D_in terms x_j w_j are i.i.d.: variances of independent terms add",
              source=Source(SLIDES, 1118, r"\text{Var}(y_i) &= \text{Din} * \text{Var}(x_i w_i) && [\text{Assume } x, w \text{ are iid}]")),
        Equal(D_IN * _lV(_x1 * _w1), D_IN * (_lE(_x1**2) * _lE(_w1**2) - _lE(_x1) ** 2 * _lE(_w1) ** 2),
              why="x and w independent: E[x^2 w^2] = E[x^2] E[w^2] and E[x w] = E[x] E[w]",
              source=Source(SLIDES, 1118, r"&= \text{Din} * (\text{E}[x_i^2] \text{E}[w_i^2] - \text{E}[x_i]^2 \text{E}[w_i]^2) && [\text{Assume } x, w \text{ independent}]")),
        Equal(D_IN * (_lE(_x1**2) * _lE(_w1**2) - _lE(_x1) ** 2 * _lE(_w1) ** 2), XAVIER_STATEMENT_RHS,
              why="zero means: E[x^2] = Var(x), E[w^2] = Var(w), and the last term vanishes",
              source=Source(SLIDES, 1118, r"&= \text{Din} * \text{Var}(x_i) * \text{Var}(w_i) && [\text{Assume } x, w \text{ are zero-mean}]")),
        Computed("Var(y_i) = D_in Var(x) Var(w) for D_in = 1..6", _xavier_for_other_widths,
                 why="the argument never used D_in = 3"),
    ),
    forms=(
        Equal(sp.Subs(_var_y, v_w, sp.Rational(1, D_IN)), _lV(_x1),
              why="with Var(w) = 1/D_in the output keeps the input's variance",
              source=Source(SLIDES, 1120, r"If  $\text{Var}(w_i) = 1/\text{Din}$  then  $\text{Var}(y_i) = \text{Var}(x_i)$")),
        Equal(sp.sqrt(preserving_variance(XAVIER_FACTOR)), 1 / sp.sqrt(Din),
              why="the standard deviation of the preserving law", source=Source(SLIDES, 1109, "std = 1/sqrt(Din)")),
    ),
    numeric=Numeric(
        linear_forward,
        {"factor": numeric_factor(XAVIER_FACTOR), "variance": numeric_variance(XAVIER_FACTOR)},
        "deep linear MLP (no activation) of alternating widths: for every layer, E[(f^k)^2] / E[(f^(k-1))^2] over many "
        "networks equals D_in Var(w), i.e. 1 under Var(w) = 1/D_in, 2 under 2/D_in, D_in under 1 "
        "(ratio of means per layer; per width class the mean log gap, jackknife z within the Bonferroni 99.9% bound)",
    ),
    mutants=(
        Mutant("relu-halving", _xavier_mutant(LIN_HALF),
               {"factor": numeric_factor(LIN_HALF), "variance": numeric_variance(LIN_HALF)},
               "He's ReLU factor 1/2 in a linear layer, so 2/D_in would preserve"),
        Mutant("fan-out", _xavier_mutant(LIN_FAN_OUT),
               {"factor": numeric_factor(LIN_FAN_OUT), "variance": numeric_variance(LIN_FAN_OUT)},
               "the fan-out D_out in place of D_in"),
        Mutant("glorot-average", _xavier_mutant(LIN_GLOROT),
               {"factor": numeric_factor(LIN_GLOROT), "variance": numeric_variance(LIN_GLOROT)},
               "Glorot and Bengio's 2/(D_in + D_out) (a compromise between the passes) taken to preserve the forward pass"),
    ),
    references=(GLOROT, HE),
)
