"""The deep-network simulation of the initialisation experiments against a NumPy re-implementation
on the same weights and against JAX autodiff, and the statistics' invariances."""
import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import numerics.initialization as ni
from numerics.initialization import _fixed_vectors, _simulate, critical_z, fans, pooled_z, ratio_gaps, widths

A, B, LAYERS, NETS, INPUTS = 3, 5, 4, 2, 3
SD = np.array([[0.7, 0.4, 1.1, 0.5], [1.0, 1.0, 1.0, 1.0]])  # two laws (P = 2), one sd per layer


def _weights(key):
    """The weights _simulate draws: per pair of layers one normal draw of shape (N, 2, a b)."""
    out = []
    for k in jax.random.split(key, LAYERS // 2):
        z = np.asarray(jax.random.normal(k, (NETS, 2, A * B)))
        out += [z[:, 0].reshape(NETS, B, A), z[:, 1].reshape(NETS, A, B)]
    return out  # Omega^1 .. Omega^L, unit variance


def _numpy_reference(key, relu):
    zs = _weights(key)
    x = np.asarray(_fixed_vectors(A, INPUTS))
    g = x[:, ::-1]
    act = (lambda f: np.maximum(f, 0)) if relu else (lambda f: f)
    slope = (lambda f: (f > 0).astype(float)) if relu else (lambda f: np.ones_like(f))
    res = {k: np.zeros((NETS, SD.shape[0], LAYERS)) for k in "SAMG"}
    for n in range(NETS):
        for p in range(SD.shape[0]):
            ws = [SD[p, k] * zs[k][n] for k in range(LAYERS)]
            hs, fs, h = [], [], x
            for w in ws:
                hs.append(h)
                fs.append(w @ h)
                h = act(fs[-1])
            deltas = [None] * LAYERS
            deltas[-1] = g
            for k in range(LAYERS - 1, 0, -1):
                deltas[k - 1] = slope(fs[k - 1]) * (ws[k].T @ deltas[k])
            for k in range(LAYERS):
                a_in, m_in = np.mean(deltas[k] ** 2, 0), np.mean(hs[k] ** 2, 0)
                res["S"][n, p, k] = np.mean(fs[k] ** 2)
                res["A"][n, p, k], res["M"][n, p, k] = a_in.mean(), m_in.mean()
                res["G"][n, p, k] = np.mean(a_in * m_in)
    return res


def test_simulation_matches_numpy_on_the_same_weights():
    key = jax.random.PRNGKey(7)
    for relu in (True, False):
        got = _simulate(key, jnp.asarray(SD), relu, a=A, b=B, inputs=INPUTS, networks=NETS)
        want = _numpy_reference(key, relu)
        for name in "SAMG":
            np.testing.assert_allclose(np.asarray(got[name]), want[name], rtol=1e-12, err_msg=name)


def test_weight_gradient_moment_matches_autodiff():
    """G_k = mean over inputs of mean_{i,l} (dl/dOmega^k_il)^2, dl/dOmega from jax.grad of l = g . f^L."""
    key = jax.random.PRNGKey(3)
    zs = _weights(key)
    x, g = _fixed_vectors(A, INPUTS), _fixed_vectors(A, INPUTS)[:, ::-1]
    got = np.asarray(_simulate(key, jnp.asarray(SD), True, a=A, b=B, inputs=INPUTS, networks=NETS)["G"])

    def loss(ws, xb, gb):
        h = xb
        for k, w in enumerate(ws):
            f = w @ h
            h = jnp.maximum(f, 0) if k < len(ws) - 1 else f
        return gb @ f

    for n in range(NETS):
        ws = [SD[0, k] * jnp.asarray(zs[k][n]) for k in range(LAYERS)]
        per_input = [jax.grad(loss)(ws, x[:, b], g[:, b]) for b in range(INPUTS)]
        want = [np.mean([np.mean(np.asarray(gr[k]) ** 2) for gr in per_input]) for k in range(LAYERS)]
        np.testing.assert_allclose(got[n, 0], want, rtol=1e-12)


def test_networks_are_drawn_in_independent_chunks(monkeypatch):
    """The large scale draws its networks in chunks: every chunk gets its own weights."""
    monkeypatch.setitem(ni.SIZES, "tiny", {"layers": LAYERS, "widths": (A, B), "networks": 4, "inputs": INPUTS, "chunk": 2})
    out = ni._run(5, "tiny", "relu", SD)
    assert out["S"].shape == (4, SD.shape[0], LAYERS)
    assert not np.allclose(out["S"][:2], out["S"][2:])


def test_widths_alternate_so_fan_in_never_equals_fan_out():
    fan_in, fan_out = fans("small")
    assert len(widths("small")) == len(fan_in) + 1
    assert np.all(fan_in != fan_out)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**31 - 1), st.floats(1e-3, 1e3), st.floats(1e-3, 1e3))
def test_pooled_z_is_scale_invariant(seed, c_num, c_den):
    """Rescaling num and den by constants moves every log ratio by log(c_num / c_den) and leaves the
    jackknife SE: the z against the rescaled prediction is unchanged."""
    rng = np.random.default_rng(seed)
    num, den = rng.lognormal(0, 1, (40, 4)), rng.lognormal(0, 1, (40, 4))
    pred = np.array([0.5, 1.0, 2.0, 1.5])
    classes = {"even": np.array([True, False, True, False]), "odd": np.array([False, True, False, True])}
    z = pooled_z(*ratio_gaps(num, den, pred), classes)
    z2 = pooled_z(*ratio_gaps(c_num * num, c_den * den, pred * c_num / c_den), classes)
    for name in classes:
        np.testing.assert_allclose(z[name], z2[name], rtol=1e-7, atol=1e-9)


def test_jackknife_se_of_a_plain_mean_is_the_textbook_se():
    """With den = 1 and one layer, the jackknife SE of log(mean) is sd / (sqrt(n) mean) to first order."""
    rng = np.random.default_rng(0)
    num = rng.normal(10.0, 1.0, (400, 1))
    est, z = pooled_z(*ratio_gaps(num, np.ones_like(num), np.array([1.0])), {"all": np.array([True])})["all"]
    se = est / z
    np.testing.assert_allclose(se, num.std(ddof=1) / np.sqrt(400) / num.mean(), rtol=0.02)


def test_critical_z_is_the_bonferroni_t_quantile():
    assert abs(critical_z(1, 10**7) - 3.2905) < 1e-3      # two-sided 99.9%, normal limit
    assert critical_z(1, 64) > critical_z(1, 10**7)      # heavier tails with few networks
    assert critical_z(100, 64) > critical_z(10, 64) > critical_z(1, 64)
