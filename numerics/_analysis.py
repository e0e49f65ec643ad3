"""Numerical-analysis constants and rules shared by the experiments."""
import numpy as np

U = float(np.finfo(np.float64).eps) / 2  # unit round-off of float64, 2^-53


def gamma(k: int) -> float:
    """gamma_k = k u / (1 - k u): the relative error bound of a chain of k roundings (Higham,
    Accuracy and Stability of Numerical Algorithms, Lemma 3.1)."""
    return k * U / (1 - k * U)


def fitted_order(xs, ys) -> float:
    """Least-squares slope of log y against log x: the order p of y ~ C x^p. A y that is exactly
    zero is floored at the smallest positive float rather than sent to -inf."""
    return float(np.polyfit(np.log(xs), np.log(np.maximum(ys, np.finfo(np.float64).tiny)), 1)[0])
