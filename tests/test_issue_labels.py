"""Labels as cluster managers and officials write them, and what a careful expert answers (the table of the
matcher-accuracy issue). Rows the matcher does not answer yet are marked xfail with the reason."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher
from mapper.matching.codes import in_branch
from mapper.reference import strip_zero_levels


def _gap(reason: str):
    return {"marks": pytest.mark.xfail(reason=reason, strict=True)}


@pytest.mark.parametrize("label, right", [
    ("Связь", ["61"]),
    ("Лесное хозяйство", ["02"]),
    ("Химическая промышленность", ["20"]),
    ("Сельское хозяйство", ["01", "A"]),
    pytest.param("Производство мясных продуктов", ["10.1"], **_gap("a label as broad as a group: its class 10.13 "
                                                                  "«… продукции из мяса …» is answered")),
    ("пассажирские перевозки", ["49.3", "49.1", "50", "51"]),  # a field of four divisions, its main part first
    ("пассажироперевозки", ["49.3", "49.1", "50", "51"]),
    ("ветеринария", ["75"]),
    ("аренда спецтехники", ["77.32", "77.39"]),
    ("автозапчасти", ["29.3", "45.3"]),  # the group the label is as broad as, not 29.32 «… прочих комплектующих …»
    ("ЖКХ", ["68.32*", "35.30*", "36*", "37*", "38*"]),  # a field of several divisions: any of them
    ("СМИ", ["58", "59", "60", "63.91"]),
    ("ИТ-аутсорсинг", ["62", "62.02", "62.03", "62.09"]),
    ("25.61", ["25.61"]),
    ("2561", ["25.61"]),
    ("ОКВЭД 47.11", ["47.11"]),
])
def test_the_first_candidate(label, right):
    best = cached_matcher().match(label).best  # the code itself, at the level the label justifies («38*»: or beneath)
    assert best is not None and any(strip_zero_levels(best.code) == r or r.endswith("*") and in_branch(r[:-1], best.code)
                                    for r in right), best


@pytest.mark.parametrize("label, code", [("25.61", "25.61"), ("2561", "25.61"), ("ОКВЭД 47.11", "47.11")])
def test_a_code_is_exact(label, code):
    result = cached_matcher().match(label)
    assert (result.status, result.best.code) == ("exact", code)
