"""Small SymPy vector helpers shared by the kernel claims (column vectors as n x 1 matrices)."""
import sympy as sp


def column(exprs):
    return sp.Matrix(list(exprs))


def gradient(expr, variables):
    """The gradient as a column: d expr / d v for each v in ``variables``."""
    return column(sp.diff(expr, v) for v in variables)


def dot(u, v):
    return (u.T * v)[0]


def vec(mat):
    """A matrix's entries stacked row by row into one column."""
    return mat.reshape(mat.rows * mat.cols, 1)
