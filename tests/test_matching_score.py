"""Stage 4, scoring: evidence × the weight table, and the trace that explains it."""

from __future__ import annotations

import math

import pytest

from mapper.matching.evidence import gather
from mapper.matching.query import analyse
from mapper.matching.records import Evidence, TermMatch
from mapper.matching.retrieve import retrieve
from mapper.matching.score import score
from mapper.matching.weights import WEIGHTS, Weights

STEEL = TermMatch("сталь", 2.0, 2.0, False, False, False, "name")
PIPE = TermMatch("труба", 1.0, 1.5, True, False, False, "name")  # the head: idf 1.0 × the table's 1.5
WHOLE = Evidence((STEEL, PIPE), frozenset({"сталь", "труба"}), frozenset(), 3.0, "", False, 1, 1, False, False, "same", "class",
                 False, False, False, False, False, frozenset())


@pytest.mark.parametrize("change, factor", [
    ({}, 1.0),
    ({"level": "subclass"}, 0.92),
    ({"level": "group"}, 0.8),
    ({"level": "division", "field": True}, 1.0),  # a field asks for a division
    ({"level": "subclass", "field": True}, 0.5),
    ({"action": "conflict"}, 0.4),
    ({"action": "product_handling"}, 0.4),
    ({"qualifier_missed": True}, 0.85),
    ({"qualifier_missed": True, "agent_missed": True}, 0.85 * 0.9),
    ({"excluded": frozenset({"литой"})}, 0.5),
    ({"material_clash": True}, 0.5),
    ({"way_clash": "вид транспорта"}, 0.5),
    ({"operator_clash": "аренда с оператором (крановщик), а не без него"}, 0.5),
    ({"broad_for_product": True}, 0.6),
    ({"item": True}, 0.8),
    ({"item": True, "listed": True}, 0.8 * 0.9),
    ({"item": True, "field": True, "level": "division"}, 0.8 * 0.5),  # a field is named by a name, not an item
    ({"pairs_shared": 0}, 0.8),
    ({"head_missed": True}, 0.85),
])
def test_each_factor_multiplies_the_score_by_its_row(change, factor):
    assert score(WHOLE._replace(**change)) == pytest.approx(score(WHOLE) * factor)


@pytest.mark.parametrize("found, coverage", [
    ("name", 1.0),
    ("name_stem", (2.0 + 0.7 * 1.5) / 3.5),  # the head (1.0 × 1.5) matched by its stem only
    ("notes", (2.0 + 0.6 * 1.5) / 3.5),
    ("notes_stem", (2.0 + 0.6 * 0.7 * 1.5) / 3.5),
    ("", 2.0 / 3.5),
])
def test_coverage_counts_how_the_head_was_found(found, coverage):
    trace: list = []
    score(WHOLE._replace(terms=(STEEL, PIPE._replace(found=found))), trace=trace)
    assert dict((label, value) for label, _, value in trace)["покрытие запроса"] == pytest.approx(coverage)


def test_an_action_word_found_as_its_action_counts_its_row():
    """«выплавка» of «Выплавка стали» in «Производство чугуна, стали …»: ``action_kind`` of its weight."""
    melting = STEEL._replace(term="выплавка", found="action_kind", kind_idf=0.5, kind=("производство",))
    trace: list = []
    score(WHOLE._replace(terms=(melting, PIPE)), trace=trace)
    said = dict((label, value) for label, _, value in trace)
    assert said["«выплавка»: в наименовании как вид действия «производство»"] == pytest.approx(0.3 * 2.0)
    assert said["покрытие запроса"] == pytest.approx((0.3 * 2.0 + 1.5) / 3.5)
    assert said["точность наименования"] == pytest.approx((0.3 * 0.5 + 1.0) / 3.0)


def test_a_word_in_another_role_counts_less():
    plain = score(WHOLE._replace(terms=(STEEL, PIPE._replace(found="", head=False, weight=1.0)), name_weight=2.0))
    other = score(WHOLE._replace(terms=(STEEL._replace(other_role=True), PIPE._replace(found="", head=False, weight=1.0)),
                                 name_weight=2.0))
    assert other == pytest.approx(plain * 0.7)


def test_the_table_is_what_scores():
    assert score(WHOLE._replace(level="subclass"), Weights(level_prior={**WEIGHTS.level_prior, "subclass": 0.5})) \
        == pytest.approx(0.5)


@pytest.mark.parametrize("text", ["Производство стальных труб", "Дизельное топливо", "Жилет из меха",
                                  "Оптовая торговля мебелью", "Услуги по ремонту мебели", "Домра",
                                  "Выплавка стали"])
def test_the_trace_multiplies_out_to_the_score(bundled_index, text):
    query = analyse(bundled_index, text)
    for found in gather(bundled_index, query, retrieve(bundled_index, query)):
        trace: list = []
        value = score(found, trace=trace)
        labels = [label for label, _, _ in trace]
        base = labels.index("покрытие × (порог + (1 − порог) × точность)")
        assert math.isclose(math.prod(v for _, _, v in trace[base:-1]), value, rel_tol=1e-12)
        assert trace[-1] == ("оценка", "", value)
        assert 0.0 <= value <= 1.0


def test_the_things_a_name_lists_beside_the_querys_one_count_less_in_precision():
    """«Строительство судов» and 30.11 «Строительство кораблей, судов и плавучих конструкций»: the name
    lists корабли and конструкции beside суда, and the query need not say them (``alternatives``)."""
    narrowed = WHOLE._replace(name_weight=5.0)  # 2.0 of the name's weight the query does not say
    listing = narrowed._replace(alternatives=2.0)
    trace: list = []
    score(listing, Weights(alternatives=1.0), trace=trace)
    said = {label: (row, value) for label, row, value in trace}
    assert said["точность наименования (перечисленное в наименовании рядом весит меньше)"] \
        == ("precision_floor, alternatives", pytest.approx(1.0))
    assert score(narrowed) == pytest.approx(0.6 + 0.4 * 3.0 / 5.0)
    assert score(listing, Weights(alternatives=1.0)) == pytest.approx(1.0)
    assert score(listing, Weights(alternatives=0.5)) == pytest.approx(0.6 + 0.4 * 3.0 / 4.0)


@pytest.mark.parametrize("text, code, listed", [
    ("Строительство судов", "30.11", True),  # «… кораблей, судов и плавучих конструкций»
    ("Строительство судов", "30.12", False),  # «… прогулочных и спортивных судов»: they narrow the суда
    ("Производство электрогенераторов", "27.11", True),  # «… электродвигателей, электрогенераторов и трансформаторов»
    ("Производство мебели", "31.01", False),  # «… мебели для офисов и предприятий торговли»: no list of nouns
    ("Продажа обуви", "46.42", True),  # «… одеждой и обувью»
    ("Производство грейдеров и скреперов", "28.92.22", False),  # «… грейдеров и планировщиков» has no скреперы
    ("Платформы железнодорожные", "28.22.5", False),  # «… автопогрузчиков и тягачей, используемых на … платформах»
])
def test_the_nouns_listed_beside_the_querys_one_are_evidence(bundled_index, text, code, listed):
    query = analyse(bundled_index, text)
    evidence = gather(bundled_index, query, [bundled_index.by_code[code]])[0]
    assert (evidence.alternatives > 0) is listed
