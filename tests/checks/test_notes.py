"""Locating quoted formulas in the notes (text matching only)."""
from checks import Source
from checks._notes import locate

FILE = "003_102deae4affe1aa8.txt"


def test_a_quote_at_its_line_is_in_place():
    loc = locate(Source(FILE, 641, r"(\sigma^2)^k = \frac{2}{D_k}"))
    assert (loc.status, loc.line) == ("in place", 641)


def test_a_quote_near_its_line_is_in_place_and_whitespace_is_normalised():
    loc = locate(Source(FILE, 643, r"(\sigma^2)^k   =  \frac{2}{D_k}"))
    assert (loc.status, loc.line) == ("in place", 641)


def test_a_quote_far_from_its_line_has_moved():
    loc = locate(Source(FILE, 100, r"(\sigma^2)^k = \frac{2}{D_k}"))
    assert (loc.status, loc.line) == ("moved", 641)


def test_a_quote_that_is_nowhere_is_gone():
    assert locate(Source(FILE, 641, "a formula the notes never wrote")).status == "gone"
    assert locate(Source("missing.txt", 1, "x")).status == "gone"


def test_copies_of_the_notes_can_be_checked(tmp_path):
    (tmp_path / FILE).write_text("line one\n$$ x = 1 $$\n")
    loc = locate(Source(FILE, 2, "x = 1"), directory=tmp_path)
    assert (loc.status, loc.line) == ("in place", 2)
