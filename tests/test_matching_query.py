"""Stage 1, query analysis: terms, head, action, weights, roles, materials of one text."""

from __future__ import annotations

import pytest

from mapper.matching.query import analyse
from mapper.matching.weights import WEIGHTS, Weights


@pytest.mark.parametrize("text, terms, action, head, product", [
    ("Производство стальных труб", ("производство", "сталь", "труба"), "производство", "труба", False),
    ("Услуги по ремонту мебели", ("услуга", "ремонт", "мебель"), "ремонт", "мебель", False),
    # diesel fuel is a нефтепродукт (senses.txt), whose combining form says нефть
    ("Дизельное топливо", ("дизельный", "нефтепродукт", "нефть", "топливо"), None, "топливо", True),
    ("Оптовая торговля зерном", ("оптовый", "торговля", "зерно"), "торговля", "зерно", False),
])
def test_terms_action_and_head(bundled_index, text, terms, action, head, product):
    query = analyse(bundled_index, text)
    assert (query.terms, query.action, query.head, query.product) == (terms, action, head, product)


@pytest.mark.parametrize("text", ["", "   ", "и для на"])
def test_a_text_without_content_words_is_no_query(bundled_index, text):
    assert analyse(bundled_index, text) is None


def test_the_head_weighs_more_and_services_beside_another_action_less(bundled_index):
    query = analyse(bundled_index, "Услуги по ремонту мебели")
    assert query.weak == {"услуга"}
    assert query.weights["мебель"] == pytest.approx(1.5 * query.idf["мебель"])
    assert query.weights["услуга"] == pytest.approx(0.2 * query.idf["услуга"])
    assert query.weights["ремонт"] == query.idf["ремонт"]
    assert query.total == pytest.approx(sum(query.weights.values()))
    # «услуги» alone is what is asked: it keeps its weight
    alone = analyse(bundled_index, "Услуги парикмахерские")
    assert alone.weak == frozenset() and alone.weights["услуга"] == alone.idf["услуга"]


def test_the_weight_table_sets_the_query_weights(bundled_index):
    query = analyse(bundled_index, "Услуги по ремонту мебели", Weights(head=2.0, weak_action_word=0.5))
    assert query.weights["мебель"] == pytest.approx(2.0 * query.idf["мебель"])
    assert query.weights["услуга"] == pytest.approx(0.5 * query.idf["услуга"])


@pytest.mark.parametrize("text, parts", [
    ("Запасные части к сепараторам", {"запасный", "часть"}),  # parts of the head, сепаратор
    ("Комплектующие экскаваторов", {"деталь"}),  # «комплектующие» as the names say it
    ("Запасные части", set()),  # no head beside them: they are what is asked
])
def test_a_word_for_a_part_of_the_head_weighs_less(bundled_index, text, parts):
    query = analyse(bundled_index, text)
    lowered = {t for t, w in query.weights.items() if w == pytest.approx(WEIGHTS.part_word * query.idf[t])}
    assert lowered == parts and WEIGHTS.part_word < 1


@pytest.mark.parametrize("text, purpose, material, materials", [
    ("Оборудование для переработки мяса", {"переработка", "мясо"}, set(), set()),
    ("Мешки из бумаги", set(), {"бумага"}, {"бумага"}),
    ("Трубы стальные", set(), set(), {"черный металл"}),
    ("Фитинги латунные", set(), set(), {"цветной металл"}),  # латунь: its kind's material
])
def test_roles_and_materials(bundled_index, text, purpose, material, materials):
    query = analyse(bundled_index, text)
    assert (set(query.purpose), set(query.material), set(query.materials)) == (purpose, material, materials)


@pytest.mark.parametrize("text, ways", [
    ("Перевозка грузов речным транспортом", {"внутренний водный"}),
    ("Автобусные перевозки по расписанию", {"автомобильный"}),
    ("Перевозка пассажиров на вертолетах", {"воздушный"}),  # through its kind, «летательный аппарат»
    ("Перевозка мебели при переезде", {"автомобильный"}),  # no way said: a cargo goes by road
    ("Ремонт мебели", set()),  # carries nothing
    ("Перевозка грузов по городу", {"сухопутный"}),  # within a town: by land
    ("Оборудование для кондиционирования воздуха", set()),  # carries nothing: «воздух» is no way here
    ("Продажа одежды через интернет", {"интернет"}),  # ways of selling
    ("Магазин обуви", {"магазин"}),
    ("Оптовая торговля обувью", {"оптовый"}),
    ("Торговля розничная смазочными материалами", {"розничный"}),  # retail, no more said
    ("Торговля розничная обувью в специализированных магазинах", {"магазин"}),  # the narrower of two
    ("Провайдер интернета", set()),  # sells nothing
])
def test_the_ways_of_doing_a_thing_a_text_names(bundled_index, text, ways):
    assert set(analyse(bundled_index, text).ways) == ways


def test_a_field_of_carrying_carries_each_way_in_the_words_of_each_division(bundled_index):
    query = analyse(bundled_index, "Пассажирские перевозки")  # road, rail, water and air (fields.txt)
    assert [set(q.ways) for q in (query, *query.others)] == [{"сухопутный"}, {"железнодорожный"}, set(), {"воздушный"}]


@pytest.mark.parametrize("text, head", [
    ("Ветеринария", "ветеринар"),  # the field's head «ветеринарный», as the index reads it
    ("Химическая промышленность", "химический"),
    ("Текстильная промышленность", "текстиль"),
    ("Лесное хозяйство", "лес"),
])
def test_a_fields_head_is_one_of_its_terms_and_weighs_as_a_head(bundled_index, text, head):
    query = analyse(bundled_index, text)
    assert query.field and query.head == head and head in query.terms
    assert query.weights[head] == pytest.approx(Weights().head * query.idf[head])
