"""A document's sector heading as a prior: it breaks near-ties, never overrides a clear match."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher
from mapper.matching import hierarchy
from mapper.matching.records import Candidate


@pytest.mark.parametrize("heading, divisions", [
    ("ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ", {"20"}),
    ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", {"10"}),
    ("МЕТАЛЛООБРАБОТКА", {"25"}),
    ("ПРОЧЕЕ", set()),  # names no division
    ("ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", {str(d) for d in range(10, 34)}),  # section C's name: each of its divisions
    ("СТРОИТЕЛЬСТВО", {"41", "42", "43"}),
])
def test_the_divisions_a_heading_names(heading, divisions):
    assert cached_matcher().sector_divisions(heading) == divisions


@pytest.mark.parametrize("text, sector, alone, first", [
    ("Производство лент", "ТЕКСТИЛЬНАЯ ПРОМЫШЛЕННОСТЬ", "22.19.4", "13.96.3"),  # near-tie: the sector decides
    ("Производство добавок", "ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ", "10.89.8", "20.59"),
    ("Производство клея", "ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "20.52", "20.52"),  # a clear match stays
    ("Литье металлов", "ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ", "24.5", "24.5"),  # an official name stays
    ("Производство лент", "ПРОЧЕЕ", "22.19.4", "22.19.4"),
])
def test_the_sector_breaks_near_ties_only(text, sector, alone, first):
    matcher = cached_matcher()
    assert matcher.match(text).best.code == alone
    result = matcher.match(text, sector=sector)
    assert result.best.code == first
    assert ("решила отрасль" in result.best.explanation) is (first != alone)


@pytest.mark.parametrize("scores, divisions, order", [
    ((("22.19", 0.50), ("13.96", 0.48)), {"13"}, ["13.96", "22.19"]),
    ((("22.19", 0.50), ("13.96", 0.46)), {"13"}, ["22.19", "13.96"]),  # beyond sector_margin
    ((("13.96", 0.50), ("22.19", 0.49)), {"22"}, ["22.19", "13.96"]),
    ((("13.96", 0.50), ("22.19", 0.49)), set(), ["13.96", "22.19"]),
])
def test_prefer_sector(scores, divisions, order):
    candidates = [Candidate(code, "", "class", score, "") for code, score in scores]
    found = hierarchy.prefer_sector(candidates, frozenset(divisions), "ОТРАСЛЬ")
    assert [c.code for c in found] == order
    assert ("решила отрасль «ОТРАСЛЬ»" in found[0].explanation) is (order[0] != scores[0][0])
