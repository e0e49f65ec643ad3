"""The symbolic engine proves, refutes with a concrete counterexample, or says it cannot decide."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import Computed, Equal, Holds, Verdict, check_relation

x = sp.Symbol("x", real=True)
a, b = sp.symbols("a b", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
f = sp.Function("f")


def test_exact_identity_holds():
    assert check_relation(Equal((a + b) ** 2, a**2 + 2 * a * b + b**2)).verdict is Verdict.HOLDS


def test_false_identity_gives_an_exact_counterexample_with_both_sides():
    r = check_relation(Equal((a + b) ** 2, a**2 + b**2))
    assert r.verdict is Verdict.FAILS
    point = {sp.Symbol(k, positive=True): sp.Rational(v) for k, v in r.counterexample.items() if k in ("a", "b")}
    assert ((a + b) ** 2 - a**2 - b**2).subs(point) != 0
    assert r.counterexample["lhs"] != r.counterexample["rhs"]


def test_series_equality_up_to_order():
    assert check_relation(Equal(sp.log(1 - eps), -eps, up_to=sp.O(eps**2))).verdict is Verdict.HOLDS
    wrong = check_relation(Equal(sp.log(1 - eps), eps, up_to=sp.O(eps**2)))
    assert wrong.verdict is Verdict.FAILS and "epsilon" in wrong.detail
    # exact equality is stricter than equality to first order
    assert check_relation(Equal(sp.log(1 - eps), -eps)).verdict is Verdict.FAILS


def test_counterexamples_respect_the_sample_restriction():
    # 1/(1 - a) = 1 + a + a^2/(1 - a) is exact; sampling avoids the pole at a = 1 when told to
    r = check_relation(Equal(1 / (1 - a), 1 + a, sample={a: [sp.Rational(1, 10)]}))
    assert r.verdict is Verdict.FAILS and r.counterexample["a"] == "1/10"


def test_abstract_functions_are_undecided_not_passed():
    r = check_relation(Equal(sp.Integral(f(x), (x, -1, 1)), 2 * sp.Integral(f(x), (x, 0, 1))))
    assert r.verdict is Verdict.UNDECIDED


def test_matrices_are_compared_entrywise_and_shapes_must_match():
    M = sp.Matrix([[a, 0], [0, b]])
    assert check_relation(Equal(M * M.inv(), sp.eye(2))).verdict is Verdict.HOLDS
    r = check_relation(Equal(M, sp.Matrix([[a, 0], [0, a]])))
    assert r.verdict is Verdict.FAILS and r.counterexample["entry"] == "(1, 1)"
    assert check_relation(Equal(M, sp.eye(3))).verdict is Verdict.FAILS


def test_inequalities():
    assert check_relation(Holds(sp.Ge(a**2 + b**2, 2 * a * b - (a - b) ** 2))).verdict is Verdict.HOLDS
    r = check_relation(Holds(sp.Le(a, 1)))
    assert r.verdict is Verdict.FAILS and sp.Rational(r.counterexample["a"]) > 1


def test_integer_symbols_get_integer_counterexamples():
    r = check_relation(Equal(sp.summation(sp.Symbol("k"), (sp.Symbol("k"), 1, n)), n**2 / 2))
    assert r.verdict is Verdict.FAILS
    assert sp.Rational(r.counterexample["n"]).is_integer


def test_computed_facts_and_their_detail():
    assert check_relation(Computed("2 is prime", check=lambda: sp.isprime(2))).verdict is Verdict.HOLDS
    r = check_relation(Computed("4 is prime", check=lambda: (sp.isprime(4), {"n": 4, "factor": 2})))
    assert r.verdict is Verdict.FAILS and r.counterexample == {"n": "4", "factor": "2"}  # counterexamples are text, as everywhere
    assert check_relation(Computed("unknown", check=lambda: None)).verdict is Verdict.UNDECIDED


def test_a_raising_check_is_an_error_not_a_crash():
    def boom():
        raise ZeroDivisionError("x")
    assert check_relation(Computed("boom", check=boom)).verdict is Verdict.ERROR


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=4), st.integers(-3, 3).filter(lambda k: k != 0))
def test_perturbing_a_true_polynomial_identity_is_always_caught(coeffs, delta):
    p = sum(c * a**i for i, c in enumerate(coeffs))
    assert check_relation(Equal(sp.expand(p * (a + 1)), p * (a + 1))).verdict is Verdict.HOLDS
    r = check_relation(Equal(sp.expand(p * (a + 1)) + delta * a, p * (a + 1)))
    assert r.verdict is Verdict.FAILS


def test_a_false_numeric_inequality_shows_both_sides():
    import sympy as sp

    from checks import Holds
    from checks._symbolic import check_relation

    r = check_relation(Holds(sp.Le(sp.exp(1), sp.Rational(27, 10), evaluate=False)))
    assert r.verdict.name == "FAILS"
    assert r.counterexample["lhs"].startswith("2.718") and r.counterexample["rhs"] == "2.700000000"


def test_a_series_keeps_the_absolute_value_of_a_constant():
    import sympy as sp

    from checks import Equal
    from checks._symbolic import check_relation

    g = sp.Symbol("g", real=True)
    eps = sp.Symbol("epsilon", positive=True)
    assert check_relation(Equal(g / (sp.sqrt(g**2) + eps), g / sp.Abs(g), up_to=sp.O(eps))).verdict.name == "HOLDS"
    wrong = check_relation(Equal(g / (sp.sqrt(g**2) + eps), sp.Integer(1), up_to=sp.O(eps)))
    assert wrong.verdict.name == "FAILS"
