"""A text that names a whole field of activity is answered at the level of divisions (reference/fields.txt)."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher
from mapper.matching.fields import load_fields, narrowed, read


@pytest.mark.parametrize("terms, head, field_terms", [
    (("стекло", "промышленность"), "промышленность", ("производство", "стекло")),  # a field noun's reading
    (("химический", "промышленность"), "промышленность", ("химический", "производство")),  # a field's name
    (("химический", "производство"), "производство", ("химический", "производство")),  # … with another noun
    (("пища", "промышленность"), "промышленность", ("пища", "производство")),
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


@pytest.mark.parametrize("terms, head, field_terms", [
    (("перевозка", "груз"), "груз", ("автомобильный", "грузовой", "транспорт")),  # all a field's name
    (("перевозка", "груз", "автомобильный"), "груз", None),  # more: one activity
    (("производство", "стекло", "промышленность"), "промышленность", None),  # no field noun's reading
])
def test_a_text_that_does_something_is_a_field_only_by_a_fields_name(terms, head, field_terms):
    found = read(terms, head, load_fields(), named_only=True)
    assert (found.terms if found else None) == field_terms


@pytest.mark.parametrize("terms, joined, divisions", [
    (("торговля", "топливо"), False, None),  # «Торговля топливом»: one trade, of a field's product
    (("торговля", "топливо"), True, 6),  # «Торговля и топливо»: two fields side by side, each with its divisions
    (("связь",), False, 1),  # one field needs no joining word
])
def test_two_fields_are_named_side_by_side_only_when_joined(terms, joined, divisions):
    found = read(terms, terms[0], load_fields(), named_only=True, joined=joined)
    assert (1 + len(found.others) if found else None) == divisions


@pytest.mark.parametrize("text, first", [
    ("Розничная торговля топливом", "47.3"),  # motor fuel sold: not 05 «Добыча угля» for a field «топливо»
    ("Оптовая торговля топливом", "46.71"),
])
def test_a_trade_in_a_fields_product_is_that_trade(text, first):
    result = cached_matcher().match(text)
    assert result.best.code == first and "отрасль" not in result.best.explanation


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
    ("Общественное питание", "56"),  # «продуктов питания» is пищевая продукция in the names
    ("Электроэнергетика", "35"),  # the field's word as written, before электро- is split off
    # what it does describes the field's noun: not 28.49.12 «Производство деревообрабатывающих станков»
    ("Деревообрабатывающая промышленность", "16"),
    ("Швейная промышленность", "14"),  # not 13.10.6 «… швейных ниток»
    ("Приборостроение", "26"),
    ("Спорт и отдых", "93"),
    ("Медицинские услуги", "86"),  # a field's services are the field: not 87.1 «… медицинскому уходу …»
    ("Услуги связи", "61"),
    ("Электротехническая промышленность", "27"),  # not 71.12.12's designs «относящихся к электротехнике»
    ("Топливная промышленность", "05"),  # coal, oil and gas, coke: not 35.2's gaseous fuel alone
    ("Оптовая торговля", "46"),  # not 46.34 «Торговля оптовая напитками», the shortest name with both words
    ("Химия", "20"),  # not 20.6 «Производство химических волокон»
    ("Электроника", "26"),  # not 26.4 «… бытовой электроники»
])
def test_a_field_is_answered_by_its_division(text, first):
    result = cached_matcher().match(text)
    assert result.best.code == first and result.best.level == "division"
    assert "запрос называет отрасль целиком" in result.best.explanation


@pytest.mark.parametrize("text, first", [
    ("Жилищное строительство", "41.2"),  # not 84.12 by ОКЭД's item of what the state regulates
    ("Складская логистика", "52.1"),  # the part of logistics that keeps goods
    ("Нефтехимия", "20.14"),  # organic chemicals, plastics, synthetic rubber: not 20.59 «прочих»
    ("Черная металлургия", "24.1"),  # iron, steel and ferroalloys: not 25.5's «порошковой металлургии»
    ("Жилищное хозяйство", "68.32.1"),  # the housing stock run: not 64.99.9's housing savings cooperatives
    ("Коммунальное хозяйство", "36"),  # water, heat, waste: not 42.22's building of the networks
    ("Пивоваренная промышленность", "11.05"),  # пиво-: not 28.93's machines «для пивоваренных заводов»
])
def test_a_narrower_field_is_answered_by_its_group_or_class(text, first):
    result = cached_matcher().match(text)
    assert result.best.code == first and "запрос называет отрасль целиком" in result.best.explanation


@pytest.mark.parametrize("text, code", [
    ("Водный транспорт", "50"),  # 50 «Деятельность водного транспорта»: «деятельность» adds nothing
    ("Издательская деятельность", "58"),  # 58 «Деятельность издательская»: the words in another order
    ("Туристические агентства", "79.11"),
])
def test_an_official_name_without_its_opening_activity_word_or_in_another_order_is_exact(text, code):
    result = cached_matcher().match(text)
    assert (result.status, result.best.code) == ("exact", code)


@pytest.mark.parametrize("text, said", [
    ("Стекольная промышленность", "промышленность → производство"),  # a field noun's reading
    ("Химическая промышленность", "химический промышленность → химический производство"),  # a field's name
])
def test_the_explanation_says_the_text_names_a_field(text, said):
    explanation = cached_matcher().match(text).best.explanation
    assert "запрос называет отрасль целиком" in explanation and said in explanation


@pytest.mark.parametrize("text, divisions", [
    ("Логистика", {"49", "52", "53"}),
    ("СМИ", {"58", "60", "63"}),
    ("Легкая промышленность", {"13", "14", "15"}),
    # an action, and a field's name: by road, rail, water and air — not first by space (51.22.2)
    ("Грузоперевозки", {"49", "50", "51"}),
    ("Пассажирские перевозки", {"49", "50", "51"}),
    # a section's word: its divisions, not 28.22 «… подъемно-транспортного оборудования», 35.14 «Торговля
    # электроэнергией», 41.1 «Разработка строительных проектов», 01.27 «… культур для производства напитков»
    ("Транспорт", {"49", "50", "51"}),
    ("Торговля", {"45", "46", "47"}),
    ("Оптовая и розничная торговля", {"46", "47"}),  # not 47.71 «Торговля розничная одеждой …»
    ("Бытовые услуги", {"96", "95"}),  # personal services and repairs: not 82.99's «вспомогательных услуг»
    ("Культура", {"90", "91"}),
    ("Агропромышленный комплекс", {"01", "10"}),  # agriculture and the food it makes, not 64.99 by a note
    ("АПК", {"01", "10"}),
    # two fields side by side: each one's divisions
    ("Транспорт и логистика", {"49", "52"}),
    ("Культура и спорт", {"90", "91", "93"}),
    ("Транспортно-логистический комплекс", {"49", "52"}),  # joined in one word: not 84.22's military logistics
    ("Горнодобывающая промышленность", {"05", "06", "07", "08"}),  # not 28.92 «… машин … для добычи …»
])
def test_a_field_of_several_divisions_shows_each_and_goes_to_review(text, divisions):
    result = cached_matcher().match(text, k=5)
    assert divisions <= {c.code[:2] for c in result.candidates} and result.status == "review"


@pytest.mark.parametrize("text, section, then", [
    ("Обрабатывающие производства", "C", set()),  # not 61.2 by an item of ОКЭД's notes
    ("Строительство", "F", {"41", "42", "43"}),  # the section, then each of its divisions
    ("Добыча полезных ископаемых", "B", {"08.9"}),  # before 08.9 «… прочих полезных ископаемых», the same lemmas
    ("Торговля оптовая и розничная; ремонт автотранспортных средств и мотоциклов", "G", set()),  # one activity
    ("Финансовая и страховая деятельность", "K", set()),  # its words in another order
])
def test_a_sections_name_is_answered_with_the_section(text, section, then):
    result = cached_matcher().match(text, k=5)
    assert (result.best.code, result.best.level, result.status) == (section, "section", "exact")
    assert then <= {c.code for c in result.candidates[1:]}, result.candidates


def test_a_section_of_one_division_is_answered_by_the_division():
    result = cached_matcher().match("Образование")  # P holds only 85 «Образование»: one grouping, as 12 is 12.00
    assert (result.best.code, result.status) == ("85", "exact")


def test_merged_puts_the_best_of_each_list_first():
    from mapper.matching.decide import merged
    from mapper.matching.records import Candidate

    def c(code, score):
        return Candidate(code, "", "class", score, "")

    out = merged([[c("52.1", 0.75), c("52.10", 0.7)], [c("49.2", 0.56), c("52.1", 0.5)], [c("53.2", 0.37)]])
    assert [x.code for x in out] == ["52.1", "49.2", "53.2", "52.10"]


@pytest.mark.parametrize("terms, head, read_as", [
    (("солнечный", "энергетика"), "энергетика", ("солнечный", "электрический", "энергия")),
    (("сельскохозяйственный", "машиностроение"), "машиностроение",
     ("сельскохозяйственный", "производство", "машина", "оборудование")),
    (("энергетика",), "энергетика", None),  # the field itself: its divisions (test_a_field_is_answered_by_its_division)
    (("море", "транспорт"), "транспорт", None),  # a field of several divisions
    (("мобильный", "связь"), "связь", None),  # the names call it by one other word: связь stays
    (("детский", "пища"), "пища", None),  # … or by its own word
])
def test_a_narrowed_field_is_read_in_the_words_of_its_names(terms, head, read_as):
    found = narrowed(terms, head, load_fields())
    assert (found[0] if found else None) == read_as


@pytest.mark.parametrize("text, first, said", [
    # solar power stations: not 27.90's solar panels, nor division 35
    ("Солнечная энергетика", "35.11", "энергетика → электрический энергия"),
    # not 71.12.12's designs of production processes
    ("Сельскохозяйственное машиностроение", "28.30", "машиностроение → производство машина оборудование"),
    # one word, split into its parts (prefixes.txt): the last is the field, the first narrows it
    ("Ветроэнергетика", "35.11", "энергетика → электрический энергия"),
])
def test_a_part_of_a_field_is_answered_by_its_codes(text, first, said):
    best = cached_matcher().match(text).best
    assert best.code.startswith(first) and said in best.explanation

