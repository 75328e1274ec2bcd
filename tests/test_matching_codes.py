"""A code typed as the query: the code first, exact when the rest of the line agrees (issue: codes as queries)."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher
from mapper.evaluate import is_right
from mapper.matching.codes import asked_about, code_in_text, in_branch
from mapper.reference import CodeError, load_reference


@pytest.mark.parametrize("text, code, rest", [
    ("25.61", "25.61", ""),
    ("2561", "25.61", ""),
    ("25610", "25.61", ""),  # a trailing zero level adds nothing
    ("56", "56", ""),
    ("ОКВЭД 47.11", "47.11", ""),
    ("оквэд2: 47.11", "47.11", ""),
    ("ОКВЭД-2 01.11", "01.11", ""),
    ("код 62.01", "62.01", ""),
    ("код по ОКВЭД 2 62.01 разработка программ", "62.01", "разработка программ"),
    ("ОКВЭД 25,61", "25.61", ""),
    ("25.61 — нанесение покрытий", "25.61", "нанесение покрытий"),
    ("  25.61.  ", "25.61", ""),
    ("Производство мебели (31.01)", "31.01", "Производство мебели"),  # … or ends with one
    ("Торговля продуктами (ОКВЭД 47.11)", "47.11", "Торговля продуктами"),
    ("Выращивание овощей — 01.13", "01.13", "Выращивание овощей"),
    ("Ремонт часов, код 9525", "95.25", "Ремонт часов"),
    ("раздел C", "C", ""),  # a section by its letter after «раздел»
    ("ОКВЭД 2 раздел С", "C", ""),  # … a Cyrillic look-alike too
    ("Раздел А. Сельское хозяйство", "A", "Сельское хозяйство"),
    ("Обрабатывающие производства (раздел C)", "C", "Обрабатывающие производства"),
])
def test_a_line_that_is_or_starts_with_a_code(text, code, rest):
    found = code_in_text(text, load_reference())
    assert (found.code, found.rest) == (code, rest)


@pytest.mark.parametrize("text", [
    "2000 литров молока в сутки",  # a quantity
    "10,5 тонн",  # a decimal number without «ОКВЭД»
    "Сталь марки 40.20",  # dotted at the end, but no code of the reference
    "Бензин АИ-92",
    "Молоко 3.2",
    "3D-печать",
    "2011 год",
    "Литье металлов",
    "Раздел имущества",  # «раздел» before a word, not a letter
    "Разделы отходов",  # … nor a word that begins so
])
def test_numbers_that_are_not_codes_stay_text(text):
    assert code_in_text(text, load_reference()) is None


@pytest.mark.parametrize("text", ["25.99.9", "ОКВЭД 99.99", "2024"])
def test_a_code_the_reference_lacks_is_said_in_russian(text):
    with pytest.raises(CodeError, match="такого кода нет"):
        code_in_text(text, load_reference())


@pytest.mark.parametrize("a, b, same", [
    ("25.61", "25.6", True), ("25.61", "25.61.1", True), ("25", "25.61", True), ("25.61", "25.61", True),
    ("25.61", "25.62", False), ("25.6", "25.62", True), ("25.6", "25.7", False), ("01.1", "01.11.2", True),
    ("01.1", "01.21", False),
])
def test_in_branch(a, b, same):
    assert in_branch(a, b) is same


@pytest.mark.parametrize("text, status, first, said", [
    ("25.61", "exact", "25.61", "код указан в запросе"),
    ("2561", "exact", "25.61", "код указан в запросе"),
    ("ОКВЭД 47.11", "exact", "47.11", "код указан в запросе"),
    ("код 24.51 литье чугуна", "exact", "24.51", "текст согласуется с кодом"),
    ("код 62.01 — выращивание зерна", "review", "62.01", "текст указывает на другой код: 01.11"),
    ("25.99.9 литье чугуна", "review", "24.51", "такого кода нет"),
    ("25.99.9", "none", "25.99", "ближайший код выше: 25.99"),  # the code alone: the one above, unscored
    ("ОКВЭД 12.34", "none", "12", "такого кода нет; ближайший код выше: 12"),
    ("раздел F прокладка трубопроводов", "exact", "F", "текст согласуется с кодом"),  # 42.21 is in section F
    ("раздел F выращивание зерна", "review", "F", "текст указывает на другой код: 01.11"),
])
def test_the_match_of_a_typed_code(text, status, first, said):
    result = cached_matcher().match(text)
    assert (result.status, result.best.code) == (status, first)
    assert said in result.best.explanation


@pytest.mark.parametrize("text", ["2024", "2024.", "раздел V", "04.11"])  # a bare number, no such section, no class 04
def test_a_missing_code_alone_with_nothing_to_offer_is_not_found(text):
    assert cached_matcher().match(text).candidates == ()


def test_the_code_offered_above_a_missing_one_has_no_score():
    assert cached_matcher().match("25.99.9").best.score == 0.0


def test_the_other_candidates_come_from_the_rest_and_do_not_repeat_the_code():
    result = cached_matcher().match("код 62.01 — выращивание зерна", k=3)
    codes = [c.code for c in result.candidates]
    assert codes[0] == "62.01" and len(codes) == len(set(codes)) <= 3 and "01.11" in codes


@pytest.mark.parametrize("text, about", [
    ("Какой ОКВЭД для продажи цветов?", "продажи цветов"),
    ("код оквэд грузоперевозки", "грузоперевозки"),
    ("ОКВЭД 2 на пассажирские перевозки автобусом", "пассажирские перевозки автобусом"),
    ("какой код выбрать для интернет-магазина обуви", "интернет-магазина обуви"),
    ("Какие коды ОКВЭД у фотографа", "фотографа"),
    ("Кодовые замки", None),  # not a question
    ("Код ОКВЭД", None),  # asks about nothing
])
def test_what_a_question_for_a_code_asks_about(text, about):
    assert asked_about(text) == about


@pytest.mark.parametrize("text, code", [
    ("оквэд для автомойки", "45.20.3"),
    ("оквэд для ип парикмахер", "96.02"),  # a legal form says nothing (stopwords.txt)
    ("оквэд для самозанятого фотографа", "74.20"),  # nor a tax status
    ("какой код выбрать для интернет-магазина обуви", "47.91"),
])
def test_a_question_for_a_code_is_answered_by_what_it_asks_about(text, code):
    result = cached_matcher().match(text, k=3)
    assert result.query == text and is_right(result.best.code, [code], "branch"), result
    assert result.best.explanation.startswith("вопрос о коде: подобран по словам «")
