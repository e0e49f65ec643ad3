"""The two-layer network's tangent kernel beyond the claim's fixed instance: other widths,
dimensions and activations, evaluated at random rational points."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.two_layer_kernel import (
    _kernel_for_every_size, column, kernel_closed_form, kernel_parts, make_network, net, parameters, tangent_kernel,
)

rationals = st.builds(sp.Rational, st.integers(-5, 5), st.integers(1, 4))


def sigmoid(u):
    return 1 / (1 + sp.exp(-u))


def _point(d, tag):
    return column(sp.symbols(f"{tag}_1:{d + 1}", real=True))


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_closed_form_matches_the_gradient_inner_product_for_concrete_activations(m, d, data):
    v, w = make_network(m, d, tag="h")
    p, q = _point(d, "p"), _point(d, "q")
    symbols = list(v) + list(w) + list(p) + list(q)
    at = dict(zip(symbols, data.draw(st.lists(rationals, min_size=len(symbols), max_size=len(symbols)))))
    for act in (sp.tanh, sigmoid):
        gap = (tangent_kernel(p, q, v, w, act) - kernel_closed_form(p, q, v, w, act)).subs(at).doit()
        assert abs(sp.N(gap, 30)) < 1e-25


def test_kernel_is_symmetric_in_its_two_inputs():
    v, w = make_network(2, 2, tag="s")
    p, q = _point(2, "p"), _point(2, "q")
    k_pq, k_qp = kernel_closed_form(p, q, v, w), kernel_closed_form(q, p, v, w)
    assert sp.expand(k_pq - k_qp) == 0


def test_input_weight_part_vanishes_with_the_output_weights_and_the_input():
    v, w = make_network(2, 3, tag="z")
    p, q = _point(3, "p"), _point(3, "q")
    out_part, in_part = kernel_parts(p, q, v, w)
    assert in_part.subs({vi: 0 for vi in v}) == 0                       # v = 0: only the v-block is left
    assert in_part.subs({pi: 0 for pi in p}) == 0                       # x = 0: d(w_i^T x)/d w_i = x = 0
    assert out_part != 0


def test_network_and_parameter_layout():
    v, w = make_network(2, 3, tag="l")
    assert w.shape == (2, 3)
    assert parameters(v, w)[:2] == list(v)
    x = _point(3, "x")
    f = net(x, v, w, act=lambda u: u)                                   # identity activation: f = v^T W x
    assert sp.expand(f - (sp.Matrix([v]) * w * x)[0]) == 0


def test_size_sweep_reports_success():
    ok, detail = _kernel_for_every_size(2, 2)
    assert ok and "m = 1..2" in detail
