"""The implicit-bias helpers beyond the claims' fixed datasets: the exact SVM solver and the KKT test
on random separable data, the Fourier-l1 certificate, the DFT convention and the convolutional
network's Fourier form."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from derivations.implicit_bias import (BETA_CONV, BETA_F1, DUAL, F4, L1_SEPARATOR, SVM_CONV, TIME_L1, W_HAT, Z_CONV, Z_FC,
                                       _beats, _gram_via_cyclotomic, _notes_limit_is_unit, conv_network_output, dft_matrix,
                                       fourier_l1, fourier_l1_certificate, hard_margin_svm, kkt_certificate, u4, v4, x4)


@st.composite
def separable(draw):
    """Integer data in R^2 or R^3 labelled by an integer teacher through the origin (so separable)."""
    d = draw(st.sampled_from([2, 3]))
    teacher = draw(st.lists(st.integers(-3, 3), min_size=d, max_size=d).filter(any))
    rows = []
    for x in draw(st.lists(st.lists(st.integers(-3, 3), min_size=d, max_size=d), min_size=2, max_size=5)):
        m = sum(a * b for a, b in zip(x, teacher))
        if m != 0:
            rows.append([v if m > 0 else -v for v in x])
    return sp.Matrix(rows) if rows else None


@settings(max_examples=25, deadline=None)
@given(separable())
def test_solver_returns_a_kkt_point_that_a_numeric_qp_agrees_with(z):
    if z is None:
        return
    beta = hard_margin_svm(z)
    assert beta is not None
    ok, detail = kkt_certificate(z, beta)
    assert ok, detail
    zn = np.array(z.tolist(), dtype=float)
    res = minimize(lambda w: w @ w / 2, np.array(beta.T.tolist()[0], dtype=float) * 1.1, jac=lambda w: w,
                   constraints=[{"type": "ineq", "fun": lambda w: zn @ w - 1, "jac": lambda w: zn}], method="SLSQP",
                   options={"ftol": 1e-12})
    assert res.fun <= float((beta.T * beta)[0]) / 2 + 1e-7       # no feasible point is shorter


def test_the_claims_dataset_and_its_wrong_limits():
    assert kkt_certificate(Z_FC, W_HAT)[0]
    assert hard_margin_svm(Z_FC) == W_HAT
    assert not kkt_certificate(Z_FC, L1_SEPARATOR)[0]
    assert not kkt_certificate(Z_FC, 2 * W_HAT)[0]                # right direction, wrong margin
    ok, detail = _notes_limit_is_unit()
    assert ok is False and "sqrt(13)" in str(detail)


def test_fourier_l1_certificate_and_its_failures():
    assert fourier_l1_certificate(Z_CONV, BETA_F1, DUAL)[0]
    assert not fourier_l1_certificate(Z_CONV, SVM_CONV, DUAL)[0]       # feasible but not optimal
    assert not fourier_l1_certificate(Z_CONV, BETA_F1, [1, 1])[0]       # dual point infeasible
    assert not _beats(SVM_CONV)[0] and not _beats(TIME_L1)[0] and _beats(BETA_F1)[0]
    assert sp.nsimplify(fourier_l1(BETA_F1)) == sp.sqrt(2)


@settings(max_examples=8, deadline=None)
@given(st.integers(2, 9))
def test_dft_convention_is_unitary_and_the_plain_sum_is_not(d):
    assert _gram_via_cyclotomic(d) == sp.eye(d)
    assert _gram_via_cyclotomic(d, unitary=False) == d * sp.eye(d)
    f = np.array(dft_matrix(d).evalf().tolist(), dtype=complex)
    np.testing.assert_allclose(f, np.fft.fft(np.eye(d), norm="ortho"), atol=1e-12)


def test_parseval_and_the_convolutional_predictor_in_the_fourier_domain():
    b4 = sp.Matrix(sp.symbols("c0:4", real=True))
    assert sp.expand((x4.T * b4)[0] - ((F4 * x4).H * (F4 * b4))[0]) == 0
    prod = sp.Matrix([a * b for a, b in zip(F4 * u4, F4 * v4)])
    assert (F4 * BETA_CONV - prod).applyfunc(sp.expand) == sp.zeros(4, 1)
    # the output is <x, beta>: beta collects the coefficient of each input
    assert sp.expand(conv_network_output(u4, v4, x4) - (x4.T * BETA_CONV)[0]) == 0
