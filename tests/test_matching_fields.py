"""A text that names a whole field of activity is answered at the level of divisions (reference/fields.txt)."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher
from mapper.matching.fields import load_fields, read


@pytest.mark.parametrize("terms, head, field_terms", [
    (("химический", "промышленность"), "промышленность", ("производство", "химический")),
    (("пища", "промышленность"), "промышленность", ("производство", "пища")),
    (("лес", "хозяйство"), "хозяйство", ("лес",)),
    (("связь",), "связь", ("телекоммуникация",)),
    (("сельский", "хозяйство"), "хозяйство", ("растениеводство", "животноводство")),
    (("производство", "мебель"), "мебель", None),  # an activity
    (("промышленность",), "промышленность", None),  # the noun alone says no field
    (("средство", "связь"), "связь", None),  # «средства связи» are things, not the field
])
def test_read(terms, head, field_terms):
    found = read(terms, head, load_fields())
    assert (found.terms if found else None) == field_terms


@pytest.mark.parametrize("text, first", [
    ("Химическая промышленность", "20"),
    ("Пищевая промышленность", "10"),
    ("Рыбное хозяйство", "03"),
    ("Медицина", "86"),
    ("Металлургия", "24"),
    ("Энергетика", "35"),
    ("Издательское дело", "58"),
    ("Информационные технологии", "63"),
    ("Недвижимость", "68"),
])
def test_a_field_is_answered_by_its_division(text, first):
    result = cached_matcher().match(text)
    assert result.best.code == first and result.best.level == "division"
    assert "запрос называет отрасль целиком" in result.best.explanation


def test_the_explanation_says_the_text_names_a_field():
    assert "промышленность → производство" in cached_matcher().match("Химическая промышленность").best.explanation
