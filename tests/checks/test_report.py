"""Reports: text that goes into LaTeX is escaped, so `explain --latex` output compiles."""
import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Source
from checks._claim import latex_text
from checks._report import explain_latex
from checks._runner import run_claim

a = sp.Symbol("a", positive=True)
SRC = Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}")


def test_latex_text_escapes_every_special_character():
    assert latex_text("softmax(z)_1 ^ 50% & #2 {x} ~ $") == (
        r"softmax(z)\_1 \textasciicircum{} 50\% \& \#2 \{x\} \textasciitilde{} \$")
    assert latex_text(r"a\b") == r"a\textbackslash{}b"


def test_explain_latex_escapes_justifications_file_names_and_computed_statements():
    claim = Claim(
        id="latex-escapes", title="t", sources=(SRC,), statement=Equal(2 * a, a + a, why="w"),
        steps=(Equal(2 * a, a + a, why="x_1 & 100%"),
               Computed("E[x_i^2] = 1 for n_1 = 2", lambda: True, why="by hand")),
        forms=(Equal(2 * a, a + a, why="as written", source=SRC),),
        no_numeric_reason="algebra",
        mutants=(Mutant("m1", Equal(2 * a, 3 * a), None), Mutant("m2", Equal(2 * a, a), None)),
    )
    text = explain_latex(run_claim(claim))
    assert r"x\_1 \& 100\%" in text
    assert r"\text{E[x\_i\textasciicircum{}2] = 1 for n\_1 = 2}" in text
    assert r"003\_102deae4affe1aa8.txt:641" in text
