"""Stage 2, retrieval: the cheap first pass finds the entries that share the query's stems or kinds."""

from __future__ import annotations

import pytest

from mapper.matching.query import analyse
from mapper.matching.retrieve import retrieve, retrieve_by_loop
from mapper.matching.weights import Weights


@pytest.mark.parametrize("text, code", [
    ("Производство стальных труб", "24.20"),  # by the words of the name
    ("Домра", "32.20"),  # by what it is a kind of: a музыкальный инструмент
    ("Бензин неэтилированный", "19.20"),  # … a нефтепродукт
    ("Производство сывороточного белка", "10.51"),  # by stem: сывороточный ~ сыворотка
    ("кадастровые работы инженера", "71.12.7"),  # a rare word's one code, below 60 sums of «инженерных»
    # one frequent word: of its hundreds of entries, as good at first, the names and the shorter ones are scored,
    # not the first codes of the classifier
    ("свадебный салон", "47.71"),  # a shop of clothes, not the first codes that say «свадебный»
    ("Мультимодальные перевозки", "52.29"),
    ("Устройство покрытий зданий и сооружений", "43.91"),
    ("управляющая компания", "68.32"),
])
def test_the_right_code_is_among_the_retrieved(bundled_index, text, code):
    found = retrieve(bundled_index, analyse(bundled_index, text))
    assert code in {bundled_index.entries[i].code.code for i in found}


@pytest.mark.parametrize("limit", [5, 60])
def test_at_most_max_scored_entries_are_retrieved(bundled_index, limit):
    found = retrieve(bundled_index, analyse(bundled_index, "Производство стальных труб"), Weights(max_scored=limit))
    assert len(found) == limit and len(set(found)) == limit


@pytest.mark.parametrize("rare, found", [(0, False), (25, True)])
def test_a_rare_term_s_entries_are_retrieved_whatever_their_sum(bundled_index, rare, found):
    query = analyse(bundled_index, "кадастровые работы инженера")  # «кадастровый»: one code
    got = retrieve(bundled_index, query, Weights(rare_postings=rare))
    assert (bundled_index.by_code["71.12.7"] in got) is found and len(got) == 60 + found


def test_a_word_no_code_has_retrieves_nothing(bundled_index):
    assert retrieve(bundled_index, analyse(bundled_index, "Квазиплюмбус")) == []


@pytest.mark.parametrize("text", [
    "Производство стальных труб",  # thousands of postings for «производство»: the best 60
    "Домра",  # through its kind
    "Бензин неэтилированный",
    "Услуги по ремонту мебели",
    "Тулий",  # a few entries: all of them, in the order found
    "кадастровые работы инженера",  # the best 60, then the rare word's entry
    "Квазиплюмбус",
])
def test_the_sums_by_bincount_are_the_sums_of_the_loop(bundled_index, text):
    query = analyse(bundled_index, text)
    assert retrieve(bundled_index, query) == retrieve_by_loop(bundled_index, query)


def test_of_entries_as_good_at_first_official_names_and_shorter_ones_go_first(bundled_index):
    entries, rank = bundled_index.entries, bundled_index.tie_rank
    names = [i for i, e in enumerate(entries) if e.item is None]
    items = [i for i, e in enumerate(entries) if e.item is not None]
    assert max(rank[i] for i in names) < min(rank[i] for i in items)
    by_rank = sorted(names, key=lambda i: rank[i])
    assert [len(entries[i].terms) for i in by_rank] == sorted(len(entries[i].terms) for i in names)
