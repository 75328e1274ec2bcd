"""A label typed with the keyboard in the Latin layout is read as the Russian layout would have typed it."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher
from mapper.evaluate import is_right
from mapper.lemmas import is_known
from mapper.matching.layout import _LATIN_KEYS, _RUSSIAN_KEYS, relaid


@pytest.mark.parametrize("typed, read", [
    ("ghjbpdjlcndj vt,tkb", "производство мебели"),  # the whole label
    ("Ghjlf;f ntgkbw", "Продажа теплиц"),  # capitals stay capitals; «;» is «ж»
    ("Ремонт xfcjd", "Ремонт часов"),  # one word of a Russian label
    ("ремонт b gjrhfcrf", "ремонт и покраска"),  # a short word beside a long one
    ("<fyr", "Банк"),  # four letters, but «<» types «Б»: no Latin word has it
    ("Yzyz", "Няня"),  # a label of Latin letters only, every run of which reads as Russian
    ("vt,tkb.", "мебели."),  # punctuation after the run stays punctuation
    ("Rent a car", "Rent a car"),  # «куте» and «ф» are words, «сфк» is none: English
    ("Hello world", "Hello world"),
    ("IT-аутсорсинг", "IT-аутсорсинг"),  # «ШЕ»: a short word, alone
    ("3D-печать", "3D-печать"),  # a run with digits is no word typed in the wrong layout
    ("Прoизвoдствo", "Прoизвoдствo"),  # Latin look-alikes inside a Cyrillic word are another fix
])
def test_a_label_typed_in_the_latin_layout_is_retyped(typed, read):
    assert relaid(typed, is_known)[0] == read


def test_a_run_kept_as_written_is_not_retyped():
    # an abbreviation of the language data is read as written, whatever it types in the other layout
    assert relaid("Ghjbpdjlcndj RFV", is_known, lambda text: [(13, 16)]) == \
        ("Производство RFV", ("раскладка: Ghjbpdjlcndj → Производство",))
    # … and a label with one is no label typed in the wrong layout: «Pet» is «Зуе», but «pet shop» is English
    assert relaid("Pet shop", is_known, lambda text: [(0, 8)]) == ("Pet shop", ())
    assert relaid("Pet RFV", is_known, lambda text: [(4, 7)]) == ("Pet RFV", ())


def test_the_layouts_type_each_letter_once():
    assert len(_LATIN_KEYS) == len(_RUSSIAN_KEYS) == len(set(_LATIN_KEYS)) == len(set(_RUSSIAN_KEYS))
    assert set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя") <= set(_RUSSIAN_KEYS)


@pytest.mark.parametrize("typed, acceptable", [
    ("Ghjbpdjlcndj vt,tkb", ["31"]),
    ("Ремонт xfcjd", ["95.25"]),
    ("Gjibd jlt;ls", ["14.1"]),
    ("Dsdjp N<J", ["38.11"]),  # «ТБО»: an abbreviation of the language data, typed in the other layout
    ("Ntgkbxyjt [jpzqcndj", ["01.13", "01.19"]),  # words of the names, not of the dictionary
])
def test_the_matcher_reads_a_label_typed_in_the_latin_layout(typed, acceptable):
    result = cached_matcher().match(typed)
    assert is_right(result.candidates[0].code, acceptable, "branch")
    assert "раскладка" in result.candidates[0].explanation


def test_an_english_label_stays_english():
    assert cached_matcher().match("Hello world").status == "none"
