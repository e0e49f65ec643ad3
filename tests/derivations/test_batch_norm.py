"""The batch-norm phenomenon: what it predicts and what its mutants predict are disjoint."""
import math

from derivations.batch_norm import batch_norm_gradient_explosion as claim


def test_the_prediction_is_growth_and_every_mutant_excludes_it():
    low, high = claim.numeric.hypothesis["growth"]
    assert low == 1.0 and math.isinf(high)
    for mutant in claim.mutants:
        m_low, m_high = mutant.hypothesis["growth"]
        assert m_low < m_high <= 1.05   # no growth beyond 5% per layer: each mutant denies the explosion


def test_it_quotes_the_notes_remark():
    (source,) = claim.sources
    assert source.line == 49 and "gradient explosion" in source.quote
