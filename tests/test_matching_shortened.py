"""Lines as registers write them: shortened words written out by the names' words, company names set aside."""

from __future__ import annotations

import pytest

from mapper.matching.shortened import expand, shortened_words, without_company_name


@pytest.mark.parametrize("text, written", [
    ("рознич. торговля одеждой", "розничная торговля одеждой"),
    ("деят. в обл. права", "деятельность в области права"),
    ("стр-во мостов", "строительство мостов"),
    ("выращ. овощей", "выращивание овощей"),
    ("общ. питание", "общественных питание"),  # the names say «общественного питания», not «общего»
    ("мед. услуги", "медицинских услуги"),  # not «мед», honey: «медицинских услуг» is what the names say
    ("транспортно-экспедиц. услуги", "транспортно-экспедиционные услуги"),  # the second part of a compound
    ("Ремонт обуви. Пошив одежды", "Ремонт обуви. Пошив одежды"),  # whole words before a capital
    # a line all in capitals shortens before a capital too, but a whole word of the names stays
    ("РОЗН. ТОРГ. ЛЕКАРСТВАМИ", "розничная торговля ЛЕКАРСТВАМИ"),
    ("ОКАЗАНИЕ БУХ. УСЛУГ", "ОКАЗАНИЕ бухгалтерского УСЛУГ"),
    ("РЕМОНТ ЧАСОВ. ПОШИВ ШТОР", "РЕМОНТ ЧАСОВ. ПОШИВ ШТОР"),
    ("тех. обслуживание", "тех. обслуживание"),  # reference/abbreviations.txt spells it out
    ("пр-во мебели", "пр-во мебели"),  # … and this
    ("мини-АТС", "мини-АТС"),  # no word begins and ends so
    ("кое-что", "кое-что"),  # a word of the dictionary
    ("Произв.мебели", "производство мебели"),  # no space after the dot
    ("2.3. Производство мебели", "Производство мебели"),  # a list's marker says nothing
    ("• пошив штор", "пошив штор"),
])
def test_a_shortened_word_is_the_names_word_that_begins_so(bundled_index, text, written):
    assert expand(text, bundled_index.shortened, bundled_index.together)[0] == written


@pytest.mark.parametrize("text, rest", [
    ("Драматический театр имени А.С. Пушкина", "Драматический театр "),
    ("Гимназия им.Пушкина, обучение", "Гимназия , обучение"),
    ("Школа № 12 им. Героя Советского Союза И.И. Иванова", "Школа  "),
    ("Лицей №5-а", "Лицей "),
    ("агенты, действующие от имени физических лиц", "агенты, действующие от имени физических лиц"),  # on behalf
])
def test_whom_an_institution_is_named_after_and_its_number_are_set_aside(text, rest):
    assert expand(text, None)[0] == rest


def test_what_a_shortening_was_read_as_is_said():
    words = shortened_words(["Торговля розничная в неспециализированных магазинах", "Производство мебели"])
    assert expand("рознич. торговля", words) == ("розничная торговля", ("рознич. = розничная",))
    assert expand("рознич. торговля", None) == ("рознич. торговля", ())


@pytest.mark.parametrize("text, rest", [
    ('ООО "Ромашка", торговля цветами', "ООО , торговля цветами"),
    ("АО «Северный завод» — ремонт судов", "АО  — ремонт судов"),
    ('ООО "Хлебозавод"', 'ООО "Хлебозавод"'),  # nothing else to match: the name is all there is
    ("Пошив штор «под заказ»", "Пошив штор «под заказ»"),  # in lower case: a way, no name
    # a name in quotes opens with a capital, whatever it follows: «кафе «Встреча»» serves food
    ("кафе «Встреча»", "кафе "),
    ('Гостиница "Заря"', "Гостиница "),
    ("«Ромашка», пошив штор", " , пошив штор"),
    ('Яблоки сорта "антоновка"', 'Яблоки сорта "антоновка"'),  # a kind, in lower case
    ("Магазин “Продукты”", "Магазин "),
    ("ИП Иванов И.И. - ремонт обуви", "ИП - ремонт обуви"),
    ("ИП Петрова Анна Сергеевна, кафе", "ИП, кафе"),
    ("ИП Грузоперевозки", "ИП Грузоперевозки"),  # no name: the dictionary reads no surname there
    ("ИП Иванов", "ИП Иванов"),  # nothing else to match
])
def test_a_company_or_entrepreneur_name_is_set_aside(text, rest):
    assert without_company_name(text) == rest
