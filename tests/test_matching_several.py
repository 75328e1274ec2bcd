"""Several activities in one line (mapper/matching/several.py): the first is the main one, the others follow."""

import pytest

from mapper.evaluate import is_right
from mapper.matching import several
from mapper.matching.several import MAIN


@pytest.fixture(scope="module")
def matcher(_matcher_cache_of_the_run):
    from mapper.cache import cached_matcher

    return cached_matcher()


@pytest.mark.parametrize("line, main, other", [
    ("Производство кирпича, торговля стройматериалами", "23.32", "47.52"),  # not 46.73's wholesale of bricks
    ("Выращивание картофеля, продажа овощей", "01.13", "47.21"),
    ("Ремонт часов, изготовление ключей", "95.25", "95.29"),
    ("Изготовление окон ПВХ; монтаж окон", "22.23", "43.32"),  # a semicolon parts them too
])
def test_a_line_of_several_activities_is_answered_by_its_first(matcher, line, main, other):
    result = matcher.match(line, k=3)
    first, *rest = result.candidates
    assert is_right(first.code, [main], "branch"), result
    assert first.explanation.startswith(MAIN.format(line.split(",")[0].split(";")[0]))
    assert any(is_right(c.code, [other], "branch") for c in rest), result


@pytest.mark.parametrize("line", [
    "Производство столов, стульев, шкафов",  # things after one action
    "Машины для мойки, сушки овощей",  # a product: no part opens with an action in its dictionary form
    "Ремонт, покраска",  # the first names no thing it is done to
    "Кафе, доставка еды",  # … nor an action of its own, a place's service only
    "Ремонт автомобилей, включая кузовной ремонт, продажа запчастей",  # said in detail: one activity
    "Производство мебели (столы, стулья, шкафы)",  # a list in brackets is no part
    "Производство окон; изготовление дверей",  # one action for both: a class may make them all
    # an official name that lists
    "Производство основных драгоценных металлов и прочих цветных металлов, производство ядерного топлива",
])
def test_one_activity_said_in_parts_is_one(matcher, line):
    assert several.activities(line, matcher.index) is None


def test_each_candidate_is_explained_by_its_own_part(matcher):
    result, explained = matcher.explain("Производство кирпича, торговля стройматериалами", k=3)
    assert [round(e.score, 4) for e in explained] == [c.score for c in result.candidates]  # scores are rounded
