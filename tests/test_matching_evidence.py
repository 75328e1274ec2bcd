"""Stage 3, evidence: the named features of one entry for one query, and the units that find them."""

from __future__ import annotations

import pytest

from mapper.matching import evidence
from mapper.matching.evidence import UNITS, action_agreement, gather
from mapper.matching.query import analyse
from mapper.matching.records import Evidence


def _features(index, text, code):
    """The entry's evidence, and its features that are set (``alternatives``: whether the name lists things
    beside the query's one)."""
    (found,) = gather(index, analyse(index, text), [index.by_code[code]])
    return found, {k: (v > 0 if k == "alternatives" else v) for k, v in found._asdict().items()
                   if k not in ("terms", "in_name", "in_notes", "name_weight") and v not in (False, "", frozenset(), 0)}


@pytest.mark.parametrize("text, code, found, features", [
    ("Производство стальных труб", "24.20", {"производство": "name", "сталь": "name", "труба": "name"},
     {"pairs_shared": 2, "pairs_total": 2, "action": "same", "level": "class", "alternatives": True}),  # фитинги
    # agents (46.15.1 «… мебелью … агентами») for a query that names none
    ("Оптовая торговля мебелью", "46.15.1", {"оптовый": "name", "торговля": "name", "мебель": "name"},
     {"pairs_shared": 2, "pairs_total": 2, "qualifier_missed": True, "agent_missed": True, "action": "same",
      "level": "subclass"}),
    # «изделия» of fur stand for a fur waistcoat, a little: so the waistcoat is not missed
    ("Жилет из меха", "14.20", {"жилет": "", "мех": "name"},
     {"generic_head": "изделие", "pairs_total": 1, "action": "same", "level": "class"}),
    # a product named first that the code has nowhere: the code matched only a word about it
    ("Бензин для исследовательских стендов", "72.19", {"бензин": "", "исследовательский": "notes", "стенд": ""},
     {"name_head_missed": True, "pairs_total": 2, "action": "same", "level": "class", "head_missed": True}),
    # … not when the text names an action after the thing: an activity, not a product («в аренду» is the text's
    # action, as «Аренда кранов» says it)
    ("Краны в аренду", "77.11", {"кран": "", "аренда": "name"}, {"pairs_total": 1, "action": "same", "level": "class"}),
    # … nor when the text opens with another word: «топливо», the head, is not named first
    # (diesel fuel is a нефтепродукт, as senses.txt reads «топливо» beside «дизельный»)
    ("Дизельное топливо", "72.19", {"дизельный": "", "нефтепродукт": "", "нефть": "", "топливо": ""},
     {"name_head_missed": True, "pairs_total": 3, "action": "same", "level": "class"}),
    # a product sold; the name's head is «бензин», and «топливо» is named beside it: the product is one of them
    ("Дизельное топливо", "47.30.11", {"дизельный": "name", "нефтепродукт": "name", "нефть": "name", "топливо": "name"},
     {"pairs_shared": 3, "pairs_total": 3, "action": "product_handling", "level": "type", "alternatives": True}),
    # a product that is not what the name makes: «Производство автопогрузчиков и тягачей, используемых на
    # железнодорожных платформах» makes loaders and tractors; the platforms are where they are used
    ("Платформы железнодорожные", "28.22.5", {"платформа": "name", "железнодорожный": "name"},
     {"name_head_missed": True, "pairs_shared": 1, "pairs_total": 1, "action": "same", "level": "subclass"}),
    # an activity with the whole thing a name is about the parts of: «… автомобильными деталями, узлами …»
    ("Оптовая торговля автомобилями", "45.31",
     {"оптовый": "name", "торговля": "name", "автотранспортный": "name", "средство": "name"},
     {"name_head_missed": True, "pairs_shared": 2, "pairs_total": 3, "action": "same", "level": "class"}),
    # … not when it names a part («запчасти»), nor another thing the parts' code may sell (шины, sold as a car's
    # «принадлежность»: senses.txt)
    ("Торговля запчастями для автомобилей", "45.32",
     {"торговля": "name", "деталь": "name", "автотранспортный": "name", "средство": "name"},
     {"pairs_shared": 1, "pairs_total": 3, "action": "same", "level": "class"}),
    ("Торговля автомобильными шинами", "45.32",
     {"торговля": "name", "автотранспортный": "name", "средство": "name", "принадлежность": "name", "шина": ""},
     {"pairs_shared": 1, "pairs_total": 4, "action": "same", "level": "class"}),
    # … nor a name whose head says who serves: «Деятельность агентств по подбору персонала» is about the rest
    ("Подбор персонала", "78.10", {"подбор": "name", "персонал": "name"},
     {"pairs_shared": 1, "pairs_total": 1, "action": "weak", "level": "class"}),
    # a place that serves against a code that makes what it is named after, or builds it
    ("Каток", "28.92.24", {"каток": "name"}, {"action": "place_making", "level": "type", "alternatives": True}),
    # what manufacturing calls a «деятельность» makes what a text says it makes; not what it publishes
    ("Изготовление полиграфической продукции", "18.12",
     {"производство": "notes", "полиграфический": "name", "продукция": "notes"},
     {"pairs_total": 2, "qualifier_missed": True, "action": "same", "level": "class"}),
    ("Издание книг", "18.12", {"издание": "notes", "книга": "notes"},
     {"pairs_total": 1, "qualifier_missed": True, "action": "weak", "level": "class"}),
    ("Фитинги литые", "24.20.3", {"фитинг": "name", "литой": ""},
     {"pairs_total": 1, "action": "same", "level": "subclass", "excluded": frozenset({"литой"})}),
    ("Программное обеспечение", "58.2", {"программа": "name", "обеспечение": "name"},
     {"pairs_shared": 1, "pairs_total": 1, "action": "same", "level": "group", "broad_for_product": True}),
    ("Производство сливочного белка", "10.51", {"производство": "name", "сливка": "notes", "белок": ""},
     {"pairs_total": 2, "action": "same", "level": "class"}),
    # a word the notes have that the name names by its kind: the name says it («сыворотка», a молочный продукт)
    ("Производство сывороточного белка", "10.51", {"производство": "name", "сыворотка": "kind", "белок": ""},
     {"pairs_total": 2, "action": "same", "level": "class"}),
    # the query's thing one of the things a name lists: the others need not be said, whatever the text says of
    # it that no name has («кораблей, судов и плавучих конструкций»; «озерные»)
    ("Суда озерные", "30.11", {"судно": "name", "озеро": ""},
     {"pairs_total": 1, "action": "same", "level": "class", "alternatives": True}),
    ("Домра", "32.20", {"домра": "kind"}, {"action": "same", "level": "class"}),
    # a noun whose stem is a noun of the name on its own is another word: сборка (assembly) is no сбор (collection)
    ("Сборка мебели", "38.11", {"сборка": "", "мебель": ""},
     {"pairs_total": 1, "action": "same", "level": "class", "head_missed": True}),
    # the query's word for its action, a kind of the action the name says with its group's own word
    ("Выплавка стали", "24.10", {"выплавка": "action_kind", "сталь": "name"},
     {"pairs_total": 1, "action": "same", "level": "class", "alternatives": True}),  # «чугуна, стали и ферросплавов»
    ("Выпечка тортов", "10.71", {"выпечка": "action_kind", "торт": "name"},
     {"pairs_total": 1, "action": "same", "level": "class", "alternatives": True}),  # «хлеба …, тортов и пирожных»
    # … not a kind of another word of its group («Отделка тканей»: окраска is обработка, but no отделка),
    # nor a place where the action is done: a shop is no kind of торговля
    # (its notes' «окрашивание» is окраска: synonyms.txt)
    ("Окраска тканей", "13.30", {"окраска": "notes", "ткань": "name"},
     {"pairs_total": 1, "action": "same", "level": "class"}),
    # (and 46.47 trades wholesale, which the query does not say: qualifiers.txt; a shop is another way of
    # selling: ways.txt)
    ("Магазин мебели", "46.47", {"магазин": "", "мебель": "name"},
     {"pairs_total": 1, "action": "same", "level": "class", "qualifier_missed": True, "way_clash": "способ торговли"}),
])
def test_features_of_an_entry_for_a_query(bundled_index, text, code, found, features):
    record, named = _features(bundled_index, text, code)
    assert {m.term: m.found for m in record.terms} == found
    assert named == features


@pytest.mark.parametrize("text, code, clash", [
    # a hire with its operator is the work done (reference/operators.txt): 77.32 hires without one
    ("Аренда экскаватора с оператором", "77.32", "аренда с оператором (оператор), а не без него"),
    ("Аренда экскаватора с оператором", "43.99", ""),  # no hire in its name: the work done
    ("Аренда экскаватора", "77.32", ""),  # a hire that names no operator is 77's
    # a hire without one, said or not, against a name that hires with one
    ("Аренда грузовика без водителя", "49.41.3", "аренда без оператора (водитель), а не с ним"),
    ("Прокат лодок", "50.30.2", "аренда без оператора, а не с ним"),
    ("Перевозка грузов", "49.41.3", ""),  # no hire asked
])
def test_a_hire_with_its_operator_clashes_with_a_hire_without(bundled_index, text, code, clash):
    record, _ = _features(bundled_index, text, code)
    assert record.operator_clash == clash


def test_a_word_in_another_role_is_marked(bundled_index):
    record, _ = _features(bundled_index, "Оборудование для переработки мяса", "10.11")
    assert {m.term: m.other_role for m in record.terms} == {"оборудование": False, "переработка": True, "мясо": True}


@pytest.mark.parametrize("text, code, roles", [
    # 24.44 makes copper «из руды», «из отходов и лома меди»: ore and scrap are what it makes copper from
    ("Руда медная", "24.44", {"руда": True, "медь": False}),
    ("Лом меди", "24.44", {"лом": True, "медь": False}),
    ("Руда медная", "07.29.1", {"руда": False, "медь": False}),  # its name mines the ore
])
def test_a_word_the_notes_have_only_as_a_material_is_in_another_role(bundled_index, text, code, roles):
    record, _ = _features(bundled_index, text, code)
    assert {m.term: m.other_role for m in record.terms} == roles


def test_the_words_a_code_makes_things_from_are_those_of_its_notes_only(bundled_index):
    entry = bundled_index.entries[bundled_index.by_code["24.44"]]
    assert {"руда", "лом"} <= entry.note_material and "медь" not in entry.note_material


@pytest.mark.parametrize("code, other", [("32.20", False), ("28.49.3", True)])
def test_a_kind_the_name_has_only_for_what_its_thing_is_for_is_in_another_role(bundled_index, code, other):
    # «Домра», a музыкальный инструмент: 28.49.3 makes «оправок для крепления инструмента», holders for tools
    record, _ = _features(bundled_index, "Домра", code)
    assert [(m.found, m.other_role) for m in record.terms] == [("kind", other)]


def test_a_kind_records_its_share_and_words(bundled_index):
    record, _ = _features(bundled_index, "Домра", "32.20")
    (domra,) = record.terms
    assert domra.kind == ("музыка", "инструмент") and 0 < domra.share <= 1 and domra.kind_idf > 0


@pytest.mark.parametrize("query, code, agreement", [
    (None, "производство", "same"),  # a product is made
    (None, "строительство", "same"),  # … a bridge is built
    (None, "торговля", "product_handling"),  # … not sold, rented, repaired or carried
    (None, "аренда", "product_handling"),
    (None, "ремонт", "product_handling"),
    (None, "перевозка", "product_handling"),
    (None, "обработка", "other"),  # processing is nearer making
    (None, None, "same"),
    (None, "услуги", "weak"),
    ("услуги", "торговля", "other"),  # «Меховое ателье»: a service, not trade
    ("услуги", "ремонт", "service_handling"),  # «Шинный центр»: a service, maybe repair
    ("услуги", "производство", "service_making"),  # «Услуги парикмахерские» are no making
    ("услуги", "услуги", "same"),
    ("торговля", "торговля", "same"),
    ("торговля", None, "weak"),
    ("торговля", "производство", "conflict"),
    ("работы", "строительство", "same"),  # works are what builders do
    ("строительство", "работы", "same"),
    ("работы", "производство", "service_making"),  # «штукатурные работы» are no making of штукатурка
    (None, "работы", "weak"),  # a ship is built (30.11), no diver's works are done to it (52.22.17)
])
def test_how_what_a_code_does_agrees_with_what_the_query_means(query, code, agreement):
    assert action_agreement(query, code) == agreement


def test_units_are_listed_in_the_order_of_the_record():
    names = [unit.__name__ for unit in UNITS]
    assert names == [f for f in Evidence._fields if f not in ("terms", "in_name", "in_notes", "name_weight")]
    assert all(getattr(evidence, name) is unit for name, unit in zip(names, UNITS))


def test_the_words_found_in_the_name_and_in_the_notes(bundled_index):
    record, _ = _features(bundled_index, "Производство сливочного белка", "10.51")
    assert (record.in_name, record.in_notes) == ({"производство"}, {"сливка"})
    record, _ = _features(bundled_index, "Домра", "32.20")
    assert (record.in_name, record.in_notes) == ({"домра"}, frozenset())  # through its kind


def test_gather_keeps_the_order_it_is_given(bundled_index):
    query = analyse(bundled_index, "Производство стальных труб")
    at = [bundled_index.by_code[c] for c in ("24.20", "10.51", "24.2")]
    assert [e.level for e in gather(bundled_index, query, at)] == ["class", "class", "group"]
    assert gather(bundled_index, query, []) == []


@pytest.mark.parametrize("text, code, clash", [
    ("Баранина замороженная", "10.12.2", True),  # «… мяса птицы»: meat of another animal
    ("Баранина замороженная", "10.11.3", False),  # «Производство мяса …»: of any
    ("Утятина копченая", "10.12", False),
])
def test_meat_of_one_animal_clashes_with_a_name_of_another(bundled_index, text, code, clash):
    record, _ = _features(bundled_index, text, code)
    assert record.material_clash == clash


def test_an_item_of_the_notes_names_its_material_too(bundled_index):
    # ОКЭД's item «пластмассовых плит» of 22.21 is plastic, not the aluminium of the query
    query = analyse(bundled_index, "Плиты алюминиевые")
    items = [i for i, e in enumerate(bundled_index.entries)
             if e.code.code == "22.21" and e.item is not None and {"плита", "пластмасса"} <= e.terms]
    assert items and all(found.material_clash for found in gather(bundled_index, query, items))


@pytest.mark.parametrize("text, usual_counted", [
    ("Продажа ковров", set()),  # a sale: the usual way need not be said
    ("Розничная торговля коврами в магазинах", set()),  # said: counted as found
    ("Ковры", {"розничный", "специализированный", "магазин"}),  # a product: the shop must be said
    ("Продажа ковров вне магазинов", {"магазин"}),  # left out: the shop counts against it
])
def test_the_usual_way_weighs_in_precision_only_when_needed(bundled_index, text, usual_counted):
    # 47.53 «Торговля розничная коврами … в специализированных магазинах»: precision is a share of name_weight
    at = bundled_index.by_code["47.53"]
    entry, (found,) = bundled_index.entries[at], gather(bundled_index, analyse(bundled_index, text), [at])
    said = {t for t in entry.usual if t in found.in_name} | usual_counted
    assert found.name_weight == pytest.approx(entry.weight + sum(bundled_index.weight(t) for t in said))
