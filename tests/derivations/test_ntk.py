"""The NTK identities for other sizes and losses than the claims' fixed instances: the output
dynamics for more units, more training points and other per-sample losses; the closed-form
solution for a 3 x 3 kernel with a random rational rotation; the notes' second form of 000:84
fails exactly when eta != 1."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.ntk import dot, gradient, net, ntk_closed_form

LOSSES = {
    "squared": lambda f, y: (f - y) ** 2 / 2,
    "exponential": lambda f, y: sp.exp(-y * f),
    "logistic": lambda f, y: sp.log(1 + sp.exp(-y * f)),
}


def _output_dynamics_gap(units, points, loss):
    """d f(x)/dt under gradient flow minus -(1/N) sum_i K(x, x_i) dl/df_i, as a SymPy expression."""
    ws, as_ = sp.symbols(f"w_1:{units + 1}"), sp.symbols(f"a_1:{units + 1}")
    theta = ws + as_
    x, xs, ys = sp.Symbol("x"), sp.symbols(f"x_1:{points + 1}"), sp.symbols(f"y_1:{points + 1}")
    f_, y_ = sp.symbols("f y")
    ell = LOSSES[loss]
    loss_value = sum(ell(net(xi, ws, as_), yi) for xi, yi in zip(xs, ys)) / points
    velocity = dot(gradient(net(x, ws, as_), theta), -gradient(loss_value, theta))
    dl = [sp.diff(ell(f_, y_), f_).subs({f_: net(xi, ws, as_), y_: yi}) for xi, yi in zip(xs, ys)]
    return velocity + sum(ntk_closed_form(x, xi, ws, as_) * d for xi, d in zip(xs, dl)) / points, theta + (x,) + xs + ys


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 2), st.integers(1, 3), st.sampled_from(sorted(LOSSES)))
def test_output_dynamics_holds_for_other_networks_and_losses(units, points, loss):
    gap, _ = _output_dynamics_gap(units, points, loss)
    assert sp.expand(gap) == 0


def _cayley(entries):
    s = sp.Matrix([[0, entries[0], entries[1]], [-entries[0], 0, entries[2]], [-entries[1], -entries[2], 0]])
    return (sp.eye(3) - s) * (sp.eye(3) + s).inv()


@settings(max_examples=4, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_squared_loss_solution_for_a_three_by_three_kernel(entries):
    q = _cayley(entries)
    assert q.T * q == sp.eye(3)
    eta, t = sp.symbols("eta t")
    lams = sp.symbols("lambda_1:4")
    f0, y = sp.Matrix(sp.symbols("f0_1:4")), sp.Matrix(sp.symbols("Y_1:4"))
    k = q * sp.diag(*lams) * q.T
    expk = lambda rate: q * sp.diag(*[sp.exp(-rate * lam * t) for lam in lams]) * q.T  # noqa: E731
    f_t = expk(eta) * (f0 - y) + y
    assert (f_t.diff(t) + eta * k * (f_t - y)).applyfunc(sp.expand).is_zero_matrix
    assert (f_t.subs(t, 0) - f0).applyfunc(sp.expand).is_zero_matrix
    # 000:84's second form, e^{-K t} f(0) + (I - e^{-eta K t}) Y: equal at eta = 1 only
    second = expk(1) * f0 + (sp.eye(3) - expk(eta)) * y
    assert (second - f_t).subs(eta, 1).applyfunc(sp.expand).is_zero_matrix
    sample = {eta: 2, t: 1, **{lam: i + 1 for i, lam in enumerate(lams)}, **{s: 1 for s in f0}, **{s: 0 for s in y}}
    assert any(abs(sp.N(v)) > 1e-6 for v in (second - f_t).subs(sample))
