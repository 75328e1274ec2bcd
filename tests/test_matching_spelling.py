"""Misspelt words put right before a query is read: one edit from a form of the reference's words."""

from __future__ import annotations

import pytest

from mapper.evaluate import is_right
from mapper.matching.spelling import dictionary_edits, nearest, respelled, spelling_forms

FORMS = spelling_forms(["ремонт", "обувь", "мебель", "подсобный"], {"мебели": 5})


@pytest.mark.parametrize("word, found", [
    ("рмонт", "ремонт"),  # a letter left out
    ("ремонтт", "ремонт"),  # … added
    ("мебелли", "мебели"),  # the form it is nearest to, not the lemma
    ("одуви", "обуви"),  # a letter changed
    ("мбеели", "мебели"),  # two letters swapped: one edit
    ("мебельщик", None),  # three edits
    ("подсырный", None),  # two edits: a word of the trade, not a typo
    ("аебель", None),  # the first letter mistyped: too unsure
])
def test_a_misspelt_word_is_the_form_one_edit_from_it(word, found):
    assert nearest(word, FORMS) == found


def test_a_word_of_the_dictionary_one_edit_away_keeps_the_last_letter():
    # another last letter makes another form of another word, not a word put right: «коврк» is no «ковра»
    edits = [edit for edit, _ in dictionary_edits("коврк")]
    assert "коврик" in edits and "ковра" not in edits


def test_among_forms_as_near_the_one_the_names_use_most_wins():
    # «мебелш» is one edit from «мебель» and from «мебели», and from no form that ends as it does
    assert nearest("мебелш", spelling_forms(["мебель"], {"мебель": 9, "мебели": 1})) == "мебель"
    assert nearest("мебелш", spelling_forms(["мебель"])) == "мебели"  # no counts: the first in order


def test_among_forms_as_near_the_one_with_the_ending_typed_wins():
    # «столовя» is one edit from «столов» (стол), used more, and from «столовая»: the ending says which
    assert nearest("столовя", spelling_forms(["стол", "столовая"], {"столов": 9})) == "столовая"


@pytest.mark.parametrize("text, written, said", [
    ("рмонт часов", "ремонт часов", ("рмонт ≈ ремонт",)),
    ("Произвотство мебели", "производство мебели", ("Произвотство ≈ производство",)),
    ("химчиска", "химчистка", ("химчиска ≈ химчистка",)),  # a word of synonyms.txt
    ("ремонт часов", "ремонт часов", ()),  # nothing to fix
    ("укладка паркета", "укладка паркета", ()),  # a word the dictionary knows stays
    ("продажа автозапчастей", "продажа автозапчастей", ()),  # a compound the rules read
    ("глэмпинг", "глэмпинг", ()),  # a word of the language data
    ("ремонт часов Сапожкова", "ремонт часов Сапожкова", ()),  # a capitalised word after the first: a name
    ("клуч", "клуч", ()),  # too short to tell
    ("продажа бадов", "продажа бадов", ()),  # an abbreviation typed in lower case (abbreviations.txt): no «баров»
    # no form of the names near: the one word of the dictionary one edit away that the rules read
    ("фотогаф", "фотограф", ("фотогаф ≈ фотограф",)),  # a person named after the work (agents.txt)
    ("готиничный комплекс", "гостиничный комплекс", ("готиничный ≈ гостиничный",)),  # of «гостиница»
    ("ломтевые", "ломтевые", ()),  # «локтевые» is a word, but nothing reads it
    # … read by a stem of the names and notes long enough to say the word: «полиграфия» by «полиграфической»
    ("Полирафия", "полиграфия", ("Полирафия ≈ полиграфия",)),
    ("Тоопграфия", "топография", ("Тоопграфия ≈ топография",)),  # two letters swapped
    ("Кадатср", "кадастр", ("Кадатср ≈ кадастр",)),
    ("цесарят", "цесарят", ()),  # «цесаря» is of «цесарь», whose stem «цесар» only «цесарка» shares
    ("Геофизиа", "геофизика", ("Геофизиа ≈ геофизика",)),  # one word, though two lemmas read it
    ("Оказане услуг", "оказание услуг", ("Оказане ≈ оказание",)),  # two spellings of one lemma
    ("Охраннки", "охранник", ("Охраннки ≈ охранник",)),  # «охранки» is a word, but of no stem long enough
    # a compound of which a rule reads only the opening («водо-»), one edit from a word of the names, is it …
    ("Водоснабеение", "водоснабжение", ("Водоснабеение ≈ водоснабжение",)),
    ("Нефтебнза", "нефтебаза", ("Нефтебнза ≈ нефтебаза",)),
    # … or, with none near, the opening and its rest put right
    ("Рыбоперерабока", "рыбопереработка", ("Рыбоперерабока ≈ рыбопереработка",)),
    # … the rest's first letter too, which is no word's first: left out, added, changed or swapped
    ("Рыбоарзведение", "рыборазведение", ("Рыбоарзведение ≈ рыборазведение",)),
    ("Лесоиление", "лесопиление", ("Лесоиление ≈ лесопиление",)),
    ("Рыбопереработка", "Рыбопереработка", ()),  # the dictionary's word stays
    # a first part before a hyphen that nothing reads is a form of the names one edit away …
    ("Интенет-магазин", "интернет-магазин", ("Интенет ≈ интернет",)),
    ("Веб-дизан", "Веб-дизайн", ("дизан ≈ дизайн",)),  # (the last part as any word)
    # … unless it ends in a compound's linking vowel, no word of its own («сельско-»); the last part is put right
    ("сельско-хазяйственная техника", "сельско-хозяйственная техника", ("хазяйственная ≈ хозяйственная",)),
    # a label's first word with no noun near may be a verb of «мы …» labels the rules read, one edit away …
    ("стевим заборы", "ставим заборы", ("стевим ≈ ставим",)),
    ("выращвиаем клубнику", "выращиваем клубнику", ("выращвиаем ≈ выращиваем",)),  # two letters swapped
    # … one the language data names before one an action is derived from: not «прядаем» (прядение)
    ("прадаём цветы", "продаем цветы", ("прадаём ≈ продаем",)),
    ("заборы стевим", "заборы стевим", ()),  # not a first word
])
def test_a_query_is_respelled_before_it_is_read(bundled_index, text, written, said):
    assert respelled(text, bundled_index.spelling, bundled_index.analyzer) == (written, said)


@pytest.mark.parametrize("text, codes", [
    ("рмонт часов", ["95.25"]),
    ("стоматологя", ["86.23"]),
    ("ремонт кампьютеров", ["95.11"]),
    ("вывоз мусара", ["38.1"]),
    ("строительсво домов", ["41.2"]),
    ("продажа автомобилй", ["45.1"]),
    ("пошив одеджы", ["14.1"]),
    ("Бугхалтер", ["69.20"]),  # a word of the dictionary no name has, one edit away
    ("Перевдческое бюро", ["74.30"]),
    ("Полирафия", ["18"]),
    ("Водоснабеение", ["36"]),
    ("Рыбоперерабока", ["10.20"]),
    ("прадаём цветы", ["47.76"]),
    ("выращвиаем клубнику", ["01.25"]),
])
def test_a_misspelt_label_is_matched_as_written_right(matcher, text, codes):
    result = matcher.match(text, k=3)
    assert is_right(result.best.code, codes, "branch")
    assert "≈" in result.best.explanation


@pytest.mark.parametrize("text", ["Бариста", "Услуги бариста", "Грумер"])
def test_a_headword_of_the_thesaurus_is_no_misspelling(matcher, text):
    # pymorphy3 does not know them (persons-wiktionary.txt does): no «барита» of the notes' baryte
    assert not any("≈" in c.explanation for c in matcher.match(text, k=5).candidates)


@pytest.fixture(scope="module")
def matcher(_matcher_cache_of_the_run):
    from mapper.cache import cached_matcher

    return cached_matcher()
