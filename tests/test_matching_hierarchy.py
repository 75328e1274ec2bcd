"""Stage 5, the hierarchy: class support, broader codes, ties, level, diversity — on small references."""

from __future__ import annotations

import pytest

from mapper.matching import hierarchy
from mapper.matching.index import build_index
from mapper.matching.query import analyse
from mapper.matching.records import Candidate, Scored
from mapper.matching.retrieve import retrieve
from mapper.matcher import Matcher

from .conftest import small_reference

CARS = ["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,29,Производство автотранспортных средств",
        "C,29.1,Производство автотранспортных средств", "C,29.10,Производство автотранспортных средств",
        "C,29.10.2,Производство легковых автомобилей", "C,29.10.4,Производство грузовых автомобилей"]
SAUSAGES = ["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,10,Производство пищевых продуктов",
            "C,10.1,Переработка и консервирование мяса", "C,10.13,Производство изделий из мяса",
            "C,10.13.1,Производство колбас вареных", "C,10.13.2,Производство колбас копченых"]
HATS = ["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,14,Производство одежды",
        "C,14.1,Производство одежды, кроме одежды из меха", "C,14.11,Производство одежды из кожи",
        "C,14.11.1,Производство шапок кожаных", "C,14.2,Производство меховых изделий",
        "C,14.20,Производство меховых изделий", "C,14.20.1,Производство шапок меховых",
        "C,14.20.2,Производство воротников и манжет"]


def _scored(rows, text):
    header = "section,code,name,notes" if rows[0].count(",") == 3 else "section,code,name"
    matcher = Matcher(small_reference(rows, header), borrow_notes=False)
    index, query = matcher.index, analyse(matcher.index, text)
    score_of = matcher._score_of(query)
    return index, query, score_of, {i: score_of(i) for i in retrieve(index, query)}


def _code(index, i):
    return index.entries[i].code.code


def test_siblings_that_name_the_other_words_support_a_code():
    index, query, _, scored = _scored(HATS, "Шапки и воротники")
    before = {_code(index, i): s.score for i, s in scored.items()}
    hierarchy.support(index, scored, query.weights, query.total, query.terms)
    after = {_code(index, i): s for i, s in scored.items()}
    assert after["14.20.1"].score > before["14.20.1"] and after["14.20.1"].supported
    assert after["14.20.1"].note == "другие коды 14.20 называют: воротник"
    assert after["14.11.1"].score == before["14.11.1"]  # its class names no collar


def test_a_class_is_offered_below_its_best_subclass():
    rows = ["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,26,Производство компьютеров, электронных и оптических изделий",
            "C,26.4,Производство бытовой электроники", "C,26.40,Производство бытовой электроники",
            "C,26.40.2,Производство телевизоров и видеомониторов"]
    index, query, score_of, scored = _scored(rows, "Производство видеомониторов")
    hierarchy.offer_classes(index, scored, score_of)
    by_code = {_code(index, i): s for i, s in scored.items()}
    assert by_code["26.40"].note == "охватывает 26.40.2"
    assert by_code["26.40"].score == pytest.approx(0.3 * by_code["26.40.2"].score)


def test_ties_on_the_same_words_give_way_to_their_common_code():
    index, query, score_of, scored = _scored(SAUSAGES, "Изготовление колбас")
    ranked = hierarchy.generalise(index, hierarchy.rank(index, scored), query.terms, score_of)
    first = ranked[0][1]
    assert _code(index, ranked[0][0]) == "10.13" and first.note.startswith("общий код для 10.13.1, 10.13.2")
    assert first.score > max(s.score for i, s in scored.items() if _code(index, i) != "10.13")


def test_a_first_code_without_a_qualifier_of_its_own_stays_first():
    index, query, score_of, scored = _scored(SAUSAGES, "Производство копченых колбас")
    ranked = hierarchy.generalise(index, hierarchy.rank(index, scored), query.terms, score_of)
    assert _code(index, ranked[0][0]) == "10.13.2"


BOATS = ["N,,ДЕЯТЕЛЬНОСТЬ АДМИНИСТРАТИВНАЯ,", "N,77,Аренда и лизинг,",
         "N,77.2,Прокат и аренда предметов личного пользования,",
         "N,77.21,Прокат и аренда товаров для отдыха и спортивных товаров,"
         "\"Эта группировка включает: - прокат яхт; - прокат велосипедов\"",
         "N,77.21.1,Прокат яхт,", "N,77.21.2,Прокат велосипедов,"]


@pytest.mark.parametrize("text, first", [
    ("прокат яхт", "77.21.1"),  # 77.21 ties only by an item of its notes: the subclass's name says it
    ("прокат и аренда товаров для отдыха", "77.21"),
])
def test_a_code_tied_with_an_item_of_its_parents_notes_stays_first(text, first):
    index, query, score_of, scored = _scored(BOATS, text)
    ranked = hierarchy.generalise(index, hierarchy.rank(index, scored), query.terms, score_of)
    assert _code(index, ranked[0][0]) == first


SADDLERY = ["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,15,Производство кожи и изделий из кожи",
            "C,15.1,Дубление и отделка кожи",
            "C,15.12,\"Производство чемоданов, сумок, шорно-седельных изделий\"",
            "C,15.12.1,\"Производство чемоданов, сумок\"", "C,15.12.2,Производство шорно-седельных изделий",
            "C,15.12.9,\"Производство сумок, не включенных в другие группировки\""]


@pytest.mark.parametrize("text, first", [
    ("Производство шорно-седельных изделий", "15.12.2"),  # the class adds suitcases and bags: one branch asked
    ("Производство чемоданов", "15.12.1"),
    ("Производство чемоданов и шорно-седельных изделий", "15.12"),  # both branches: the class covers them
])
def test_a_class_tied_by_its_name_with_one_branch_gives_way_to_it(text, first):
    index, query, score_of, scored = _scored(SADDLERY, text)
    ranked = hierarchy.generalise(index, hierarchy.rank(index, scored), query.terms, score_of)
    assert _code(index, ranked[0][0]) == first


@pytest.mark.parametrize("codes, common", [
    (["29.10.2", "29.10.4"], "29.10"),
    (["29.10.2", "29.10"], "29.10"),
    (["29.10.2", "14.20.1"], None),
])
def test_the_common_code(codes, common):
    reference = small_reference(CARS + HATS[1:])
    assert hierarchy._common_code(reference, codes) == common


def _candidates(*pairs):
    return [Candidate(code, "", "", score, "") for code, score in pairs]


@pytest.mark.parametrize("given, order", [
    ([("24.20", 0.8), ("24.2", 0.8)], ["24.2", "24.20"]),  # the higher level among equals
    ([("24.20", 0.8), ("24.2", 0.7)], ["24.20", "24.2"]),  # … not above a better score
    ([("24.20", 0.8), ("25.11", 0.8)], ["24.20", "25.11"]),  # not its ancestor
    ([("24.20", 1.0, 1.3), ("24.2", 1.0, 1.1)], ["24.20", "24.2"]),  # equal as shown, not before the cut to 1.0
    ([("24.20", 1.0, 1.2), ("24.2", 1.0, 1.2)], ["24.2", "24.20"]),
])
def test_a_higher_level_goes_first_among_equals(given, order):
    reference = small_reference(["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,24,Металлургия", "C,24.2,Трубы",
                                 "C,24.20,Трубы", "C,25,Изделия", "C,25.1,Конструкции", "C,25.11,Конструкции"])
    scores = {code: raw[0] for code, _, *raw in given if raw} or None
    candidates = _candidates(*((code, score) for code, score, *_ in given))
    assert [c.code for c in hierarchy.prefer_higher_level(candidates, reference, scores)] == order


@pytest.mark.parametrize("codes, product, order", [
    (["26.40.2", "26.40.21", "77.29.1", "26.40.22"], False, ["26.40.2", "77.29.1", "26.40.21", "26.40.22"]),
    (["27.11.13", "27.11", "28.11"], False, ["27.11.13", "27.11", "28.11"]),  # an activity: the broader may stay
    (["10.12.2", "10.12", "10.13"], True, ["10.12.2", "10.13", "10.12"]),  # a product: its class is named already
])
def test_the_first_places_go_to_different_classes(codes, product, order):
    found = hierarchy.diversify(_candidates(*[(c, 0.5) for c in codes]), {}, product=product)
    assert [c.code for c in found] == order


FISH = ["A,,СЕЛЬСКОЕ ХОЗЯЙСТВО", "A,03,Рыболовство и рыбоводство", "A,03.1,Рыболовство", "A,03.11,Рыболовство морское",
        "A,03.12,Рыболовство пресноводное", "C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,10,Производство пищевых продуктов",
        "C,10.2,Переработка и консервирование рыбы, ракообразных и моллюсков",
        "C,10.20,Переработка и консервирование рыбы, ракообразных и моллюсков",
        "C,10.20.1,Переработка и консервирование рыбы", "C,10.20.2,Переработка и консервирование ракообразных",
        "C,10.20.3,Производство муки рыбной", "C,10.21,Переработка морских водорослей"]


@pytest.mark.parametrize("codes, order", [
    (["10.20", "03.11", "03.12", "10.20.1"], ["10.20", "10.20.1", "03.11", "03.12"]),  # the best beneath, second
    (["10.2", "03.11", "03.12", "10.20.1"], ["10.2", "10.20.1", "03.11", "03.12"]),  # 10.2 is 10.20
    (["10.20.1", "03.11", "10.20", "10.2"], ["10.20.1", "03.11", "10.20", "10.2"]),  # none beneath: as they were
    (["10.20", "10.20.1", "03.11"], ["10.20", "10.20.1", "03.11"]),  # second already
    (["10.20", "03.11", "03.12", "10.21"], ["10.20", "03.11", "03.12", "10.21"]),  # 10.21 is not beneath 10.20
    (["10.20", "03.11", "03.12", "10.20.1", "10.20.2"], ["10.20", "10.20.1", "03.11", "03.12", "10.20.2"]),
    (["10.20", "03.11", "03.12", "10.20.1", "10.20.3"], ["10.20", "10.20.1", "03.11", "03.12", "10.20.3"]),
])
def test_the_best_code_beneath_the_first_goes_second(codes, order):
    index = build_index(small_reference(FISH), use_notes=False)
    found = hierarchy.offer_narrower(index, _candidates(*[(c, 0.5) for c in codes]), ("переработка", "рыба"))
    assert [c.code for c in found] == order


@pytest.mark.parametrize("terms, order", [
    # a longer text: both say «рыба», neither is what is meant, and the other classes keep their places
    (("свежий", "рыба", "местный", "улов"), ["10.20", "03.11", "03.12", "10.20.1", "10.20.3"]),
    # a short label: the narrower code still has a place, the third, after the next reading
    (("рыба",), ["10.20", "03.11", "10.20.1", "03.12", "10.20.3"]),
])
def test_a_code_beneath_with_a_sibling_saying_as_much_goes_third_for_a_short_text(terms, order):
    index = build_index(small_reference(FISH), use_notes=False)
    codes = ["10.20", "03.11", "03.12", "10.20.1", "10.20.3"]
    assert [c.code for c in hierarchy.offer_narrower(index, _candidates(*[(c, 0.5) for c in codes]), terms)] \
        == order


@pytest.mark.parametrize("class_score, class_words, first", [
    # «шапка» by its kind (a меховое изделие)
    (0.75, {"производство", "мех", "шапка", "изделие"}, "14.20"),  # close behind, no word the query lacks: the class
    (0.65, {"производство", "мех", "шапка", "изделие"}, "14.20.1"),  # too far behind
    (0.75, {"производство", "мех"}, "14.20.1"),  # «изделий» is a word the query lacks
    # the class has in its name less of the query than the subclass (in its notes, say): the subclass's name
    (0.75, {"производство", "мех", "изделие"}, "14.20.1"),
])
def test_a_class_close_behind_its_subclass_goes_first(class_score, class_words, first):
    index = build_index(small_reference(HATS), use_notes=False)
    sub, cls = index.by_code["14.20.1"], index.by_code["14.20"]
    ranked = [(sub, Scored(0.8, frozenset({"производство", "шапка", "мех"}), frozenset(), frozenset())),
              (cls, Scored(class_score, frozenset(class_words), frozenset(), frozenset()))]
    lifted = hierarchy.prefer_class(index, ranked)
    assert _code(index, lifted[0][0]) == first
    if first == "14.20":
        assert lifted[0][1].score == 0.8 and lifted[0][1].note == "охватывает 14.20.1"


RENTAL = ["N,,ДЕЯТЕЛЬНОСТЬ АДМИНИСТРАТИВНАЯ И СОПУТСТВУЮЩИЕ ДОПОЛНИТЕЛЬНЫЕ УСЛУГИ", "N,77,Аренда и лизинг",
          "N,77.1,Аренда и лизинг автотранспортных средств",
          "N,77.11,Аренда и лизинг легковых автомобилей и легких автотранспортных средств"]


@pytest.mark.parametrize("lorries, text, first", [
    # only 77.11 has «автотранспортных» of the group's name: the group goes down to it
    ("N,77.12,Аренда и лизинг грузовых транспортных средств", "Аренда автотранспортных средств", "77.11"),
    # both classes have it: the group covers the query
    ("N,77.12,Аренда и лизинг грузовых автотранспортных средств", "Аренда автотранспортных средств", "77.1"),
    # the division's own name: an official name is answered as it is, not below it
    ("N,77.12,Аренда и лизинг грузовых транспортных средств", "Аренда и лизинг", "77"),
])
def test_a_group_goes_down_to_the_one_class_that_names_what_it_was_found_by(lorries, text, first):
    result = Matcher(small_reference(RENTAL + [lorries]), borrow_notes=False).match(text)
    assert result.best.code == first
    if first == "77.11":
        assert "точнее 77.1: из его кодов только этот называет" in result.best.explanation
        assert result.candidates[1].code == "77.1"  # the broader code follows


def test_build_index_is_what_the_matcher_uses():
    reference = small_reference(CARS)
    index = build_index(reference, use_notes=False)
    assert [e.code.code for e in index.entries] == ["29", "29.1", "29.10", "29.10.2", "29.10.4"]
    assert index.same_name_root == {"29.1": "29", "29.10": "29"}


PERSONAL = ["S,,ПРЕДОСТАВЛЕНИЕ ПРОЧИХ ВИДОВ УСЛУГ,",
            "S,96,Деятельность по предоставлению прочих персональных услуг,",
            "S,96.0,Деятельность по предоставлению прочих персональных услуг,",
            "S,96.02,Предоставление услуг парикмахерскими и салонами красоты,"
            "\"Эта группировка включает: - маникюр и педикюр\"",
            "S,96.02.1,Предоставление парикмахерских услуг,", "S,96.02.2,Предоставление косметических услуг,",
            "S,96.09,\"Предоставление прочих персональных услуг, не включенных в другие группировки\","
            "\"Эта группировка включает: - деятельность брачных агентств; - деятельность ломбардов по скупке\"",
            "S,96.09.1,Деятельность по скупке у граждан ювелирных изделий,",
            "S,96.09.9,\"Предоставление прочих персональных услуг, не включенных в другие группировки\","]


@pytest.mark.parametrize("text, first", [
    ("брачное агентство", "96.09.9"),  # no subclass names it: it is of the class's rest
    ("скупка у ломбардов", "96.09"),  # the item's word of 96.09.1 («скупка»): not the rest's
    ("педикюр", "96.02"),  # a class with no rest of its own keeps the item
    ("скупка ювелирных изделий", "96.09.1"),  # the subclass's own name
])
def test_an_item_no_subclass_names_is_of_the_class_rest(text, first):
    result = Matcher(small_reference(PERSONAL, "section,code,name,notes"), borrow_notes=False).match(text)
    assert result.best.code == first
    said = "пункт пояснений к 96.09 «деятельность брачных агентств» — из 96.09.9: другие подгруппы его не называют"
    assert (said in result.best.explanation) == (first == "96.09.9")
