"""The activation, softmax, cross-entropy and GAN experiments: their JAX building blocks against
NumPy/SciPy references, the correct hypothesis passing, a wrong one failing, and repeatability."""
import jax.numpy as jnp
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from numerics.activations import (
    DATA_MEAN,
    DATA_SD,
    D_SHIFT,
    D_SLOPE,
    ELU_ALPHA,
    G_SCALE,
    G_SHIFT,
    LEAK,
    SLIDE_LOGITS,
    activation_table,
    bce_terms,
    cross_entropy_gradient_gap,
    cross_entropy_logit_gradient,
    elu_derivative_gap,
    gan_value_as_cross_entropy,
    grid,
    leaky_relu_gap,
    scaled_gap,
    sigmoid_derivative_gap,
    slide_softmax,
    softmax_definition_gap,
    softmax_example_gap,
    softmax_rows,
    tanh_form_gap,
    value_by_quadrature,
)

x, alpha = sp.Symbol("x", real=True), sp.Symbol("alpha", positive=True)
s, y, n = sp.symbols("s y n")
SIG = 1 / (1 + sp.exp(-x))
seeds = st.integers(0, 2**31 - 1)


@settings(max_examples=10, deadline=None)
@given(seeds)
def test_the_grid_avoids_the_kink_at_zero(seed):
    g = grid(seed, "small")
    assert len(g) % 2 == 0 and np.min(np.abs(g)) > 0
    assert g.min() >= -30.01 and g.max() <= 30.01


def test_activation_table_matches_numpy():
    t = np.array([-2.0, -0.5, 0.25, 3.0])
    out = {k: (np.asarray(v), np.asarray(d)) for k, (v, d) in activation_table(jnp.asarray(t)).items()}
    sig = 1 / (1 + np.exp(-t))
    np.testing.assert_allclose(out["sigmoid"][0], sig, rtol=1e-15)
    np.testing.assert_allclose(out["tanh"][1], 1 - np.tanh(t) ** 2, rtol=1e-14)
    np.testing.assert_array_equal(out["relu"][1], (t > 0).astype(float))
    np.testing.assert_allclose(out["leaky_relu"][0], np.where(t > 0, t, LEAK * t), rtol=1e-15)
    np.testing.assert_allclose(out["elu"][1], np.where(t > 0, 1.0, ELU_ALPHA * np.exp(t)), rtol=1e-14)


def test_scaled_gap_is_absolute_near_zero_and_relative_far_out():
    assert scaled_gap(np.array([1e-20]), np.array([0.0])) == 1e-20
    assert abs(scaled_gap(np.array([1001.0]), np.array([1000.0])) - 1 / 1001) < 1e-15
    assert scaled_gap(np.array([2.0, 2.0]), 2.0) == 0.0


def test_activation_experiments_accept_the_formulas_and_reject_wrong_ones():
    assert sigmoid_derivative_gap(1, "small", SIG * (1 - SIG)).passed
    assert not sigmoid_derivative_gap(1, "small", SIG**2).passed
    tanh_form = 2 / (1 + sp.exp(-2 * x)) - 1
    assert tanh_form_gap(1, "small", tanh_form).passed
    assert not tanh_form_gap(1, "small", 2 / (1 + sp.exp(-x)) - 1).passed
    assert leaky_relu_gap(1, "small", x / 10 + sp.Rational(9, 10) * sp.Max(0, x)).passed
    assert not leaky_relu_gap(1, "small", sp.Max(0, x)).passed
    assert elu_derivative_gap(1, "small", alpha * sp.exp(x)).passed
    assert not elu_derivative_gap(1, "small", sp.exp(x)).passed


def test_activation_evidence_is_repeatable():
    a = sigmoid_derivative_gap(7, "small", SIG * (1 - SIG))
    b = sigmoid_derivative_gap(7, "small", SIG * (1 - SIG))
    assert a.measured == b.measured and a.figure == b.figure


def test_softmax_rows_and_the_slides_example_match_numpy():
    z = np.array(SLIDE_LOGITS)
    want = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(slide_softmax("small"), want, rtol=1e-15)
    rows = np.random.default_rng(0).normal(0, 8, (512, 4))
    np.testing.assert_allclose(np.asarray(softmax_rows(jnp.asarray(rows))).sum(axis=1), 1.0, rtol=1e-14)


def test_softmax_example_accepts_correct_rounding_only():
    assert softmax_example_gap(0, "small", (0.224, 0.672, 0.091, 0.014)).passed
    assert not softmax_example_gap(0, "small", (0.224, 0.672, 0.091, 0.013)).passed   # as the slides write it


def test_softmax_definition_experiment():
    zs = sp.symbols("z1:5", real=True)
    total = sum(sp.exp(z) for z in zs)
    assert softmax_definition_gap(3, "small", [sp.exp(z) / total for z in zs]).passed
    assert not softmax_definition_gap(3, "small", [sp.exp(-z) / sum(sp.exp(-w) for w in zs) for z in zs]).passed
    assert not softmax_definition_gap(3, "small", [sp.exp(z) for z in zs]).passed


def test_cross_entropy_gradient_matches_the_closed_form_and_the_experiment_discriminates():
    rng = np.random.default_rng(5)
    logits, labels = rng.normal(size=(3, 6)), rng.uniform(size=(3, 6))
    got = np.asarray(cross_entropy_logit_gradient(jnp.asarray(logits), jnp.asarray(labels)))
    np.testing.assert_allclose(got, (1 / (1 + np.exp(-logits)) - labels) / 6, atol=1e-16)
    sig = 1 / (1 + sp.exp(-s))
    assert cross_entropy_gradient_gap(2, "small", (sig - y) / n).passed
    assert not cross_entropy_gradient_gap(2, "small", (sig - y) / (n * sp.log(2))).passed
    assert cross_entropy_gradient_gap(2, "small", (sig - y) / n).measured == cross_entropy_gradient_gap(2, "small", (sig - y) / n).measured


def test_bce_terms_are_the_textbook_formula():
    logits = np.array([-1.5, 0.2, 3.0])
    real, fake = bce_terms(jnp.asarray(logits), jnp.asarray(logits), 1.0, 0.0)
    p = 1 / (1 + np.exp(-logits))
    np.testing.assert_allclose(np.asarray(real), -np.log(p), rtol=1e-14)
    np.testing.assert_allclose(np.asarray(fake), -np.log(1 - p), rtol=1e-14)


def test_value_by_quadrature_matches_scipy():
    def real(t):
        return stats.norm.pdf(t, DATA_MEAN, DATA_SD) * -np.logaddexp(0, -(D_SLOPE * t + D_SHIFT))

    def fake(t):
        return stats.norm.pdf(t) * -np.logaddexp(0, D_SLOPE * (G_SCALE * t + G_SHIFT) + D_SHIFT)

    want = integrate.quad(real, -40, 40, limit=200)[0] + integrate.quad(fake, -40, 40, limit=200)[0]
    assert abs(value_by_quadrature() - want) < 1e-9


def test_gan_experiment_accepts_minus_bce_and_rejects_the_mutants():
    assert gan_value_as_cross_entropy(4, "small", 1, 0, -1).passed
    assert not gan_value_as_cross_entropy(4, "small", 0, 1, -1).passed
    assert not gan_value_as_cross_entropy(4, "small", 1, 0, 1).passed
    assert gan_value_as_cross_entropy(4, "small", 1, 0, -1).measured == gan_value_as_cross_entropy(4, "small", 1, 0, -1).measured
