"""The eigenbasis identities behind the spectral-bias claims, for other sizes and rotations than
the claims' fixed 2x2 instance."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.spectral_bias import exp_diag, is_orthogonal, solves_exponential_ode, t


def rational_rotation(entries, n):
    """Cayley transform (I - S)(I + S)^{-1} of the skew matrix with these upper entries: an exactly
    rational orthogonal matrix."""
    s = sp.zeros(n, n)
    it = iter(entries)
    for i in range(n):
        for j in range(i + 1, n):
            s[i, j] = next(it)
            s[j, i] = -s[i, j]
    return (sp.eye(n) - s) * (sp.eye(n) + s).inv()


def skew_entries(n):
    return st.lists(st.integers(-3, 3), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2)


@settings(max_examples=4, deadline=None)
@given(skew_entries(3), st.lists(st.integers(0, 4), min_size=3, max_size=3))
def test_sympy_matrix_exponential_is_the_eigenbasis_formula(entries, eigenvalues):
    q = rational_rotation(entries, 3)
    assert is_orthogonal(q)
    k = q * sp.diag(*eigenvalues) * q.T
    exact = (-k * t).exp()
    assert (exact - q * exp_diag(eigenvalues) * q.T).applyfunc(sp.simplify).is_zero_matrix


@settings(max_examples=4, deadline=None)
@given(skew_entries(3))
def test_the_ode_characterisation_accepts_q_e_q_transpose_and_rejects_the_transpose(entries):
    q = rational_rotation(entries, 3)
    lams = sp.symbols("l1:4")
    k = q * sp.diag(*lams) * q.T
    ok, _ = solves_exponential_ode(q * exp_diag(lams) * q.T, k)()
    assert ok
    if q != q.T:   # 001:119's Q^T e^{-Lambda t} Q is e^{-Kt} only when Q is symmetric
        wrong, _ = solves_exponential_ode(q.T * exp_diag(lams) * q, k)()
        assert not wrong


@settings(max_examples=4, deadline=None)
@given(skew_entries(4), st.integers(3, 4))
def test_residual_decomposition_for_larger_kernels(entries, n):
    q = rational_rotation(entries[: n * (n - 1) // 2], n)
    lams = sp.symbols(f"l1:{n + 1}")
    y = sp.Matrix(sp.symbols(f"y1:{n + 1}"))
    residual = (sp.eye(n) - q * exp_diag(lams) * q.T) * y - y
    total = sum((-sp.exp(-lams[i] * t) * (q[:, i].T * y)[0] * q[:, i] for i in range(n)), sp.zeros(n, 1))
    assert (residual - total).applyfunc(sp.expand).is_zero_matrix
    # each coordinate obeys its own ODE: d/dt q_i^T r = -lambda_i q_i^T r
    coords = q.T * residual
    assert (sp.diff(coords, t) + sp.diag(*lams) * coords).applyfunc(sp.expand).is_zero_matrix
