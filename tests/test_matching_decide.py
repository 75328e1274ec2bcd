"""Stage 6, the decision: status, the candidates shown, explanations; the weight table; ``explain``."""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import cli
from mapper.matcher import Matcher
from mapper.matching import decide, weights as weights_module
from mapper.matching.records import Candidate
from mapper.matching.weights import WEIGHTS, Weights

from .conftest import small_reference


def _candidates(*scores):
    return [Candidate(f"0{n}", "", "class", s, "") for n, s in enumerate(scores, start=1)]


@pytest.mark.parametrize("scores, exact, status", [
    ((), False, "none"),
    ((0.5,), True, "exact"),
    ((0.9,), False, "auto"),
    ((0.9, 0.85), False, "review"),  # no lead
    ((0.76, 0.64), False, "auto"),  # at the threshold
    ((0.75, 0.2), False, "review"),
    ((0.19,), False, "none"),
])
def test_status(scores, exact, status):
    assert decide.status(_candidates(*scores), exact) == status


def test_the_thresholds_are_rows_of_the_table():
    assert decide.status(_candidates(0.9), False, Weights(auto_score=0.95)) == "review"
    assert decide.status(_candidates(0.3), False, Weights(none_score=0.4)) == "none"


@pytest.mark.parametrize("in_name, in_notes, clash, text", [
    ({"сталь", "труба"}, set(), set(), "в наименовании: сталь, труба; не найдено: литой"),
    ({"труба"}, {"сталь"}, set(), "в наименовании: труба; в пояснениях: сталь; не найдено: литой"),
    ({"сталь", "труба"}, set(), {"литой"}, "в наименовании: сталь, труба; не найдено: литой; "
                                           "наименование исключает: литой"),
])
def test_words_say_where_each_query_word_was_found(in_name, in_notes, clash, text):
    assert decide.words(("сталь", "труба", "литой"), frozenset(in_name), frozenset(in_notes), frozenset(clash)) == text


def test_one_grouping_at_two_levels_is_shown_once_at_the_higher():
    matcher = Matcher(small_reference(["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,24,Производство металлургическое",
                                       "C,24.2,Производство стальных труб", "C,24.20,Производство стальных труб",
                                       "C,24.20.1,Производство бесшовных труб"]), borrow_notes=False)
    result = matcher.match("Изготовление стальных труб")
    assert result.best.code == "24.2" and "то же, что 24.20" in result.best.explanation
    assert "24.20" not in [c.code for c in result.candidates]


def test_every_weight_has_a_comment_and_the_table_round_trips():
    source = Path(weights_module.__file__).read_text(encoding="utf-8")
    for field in fields(Weights):
        assert re.search(rf"#:[^\n]*\n(?:\s+#:[^\n]*\n)*\s+{field.name}:", source), f"{field.name} has no comment"
    assert Weights(**WEIGHTS.as_dict()) == WEIGHTS
    assert pickle.loads(pickle.dumps(WEIGHTS)) == WEIGHTS
    with pytest.raises(TypeError):
        WEIGHTS.level_prior["class"] = 0.5


def test_explain_gives_the_evidence_and_a_trace_that_ends_in_the_score(bundled_index):
    matcher = Matcher.__new__(Matcher)  # the bundled index of the run, without building it again
    matcher.reference, matcher.use_notes, matcher.weights, matcher.index = \
        bundled_index.reference, True, WEIGHTS, bundled_index
    result, explained = matcher.explain("Производство стальных труб", ["56.10"], k=3)
    assert result == matcher.match("Производство стальных труб", k=3)
    shown = [c.code for c in result.candidates]
    assert [e.code for e in explained] == shown + ["56.10"]
    assert [e.place for e in explained] == [1, 2, 3, None]
    first = explained[0]
    assert first.evidence.action == "same" and first.trace[-1][2] == pytest.approx(first.score)
    assert any(label.startswith("«сталь»: в наименовании") for label, _, _ in first.trace)
    assert explained[-1].score < first.score


def test_match_explain_prints_evidence_and_contributions():
    result = CliRunner().invoke(cli, ["match", "Производство стальных труб", "--top", "2", "--why", "56.10"])
    assert result.exit_code == 0, result.output
    assert "56.10 Деятельность ресторанов" in result.output and "не среди кандидатов" in result.output
    assert "признаки: " in result.output and "action=same" in result.output
    assert re.search(r"«сталь»: в наименовании\s+\S*\s+\d+\.\d{4}", result.output)
    lines = CliRunner().invoke(cli, ["match", "Литье металлов", "--explain", "--format", "jsonl"]).output.splitlines()
    data = json.loads(lines[-1])
    assert data["status"] == "exact" and data["explain"][0]["trace"][-1][0] == "правило: официальное наименование"


@pytest.mark.parametrize("code, shown", [("5610", "56.10 Деятельность ресторанов"), ("ОКВЭД 56.10", "56.10 Деятельность")])
def test_why_takes_a_code_as_people_type_it(code, shown):
    result = CliRunner().invoke(cli, ["match", "Производство стальных труб", "--top", "1", "--why", code])
    assert result.exit_code == 0 and shown in result.output


@pytest.mark.parametrize("code", ["99.99", "абв"])
def test_why_with_no_such_code_is_a_one_line_error(code):
    result = CliRunner().invoke(cli, ["match", "Производство стальных труб", "--why", code])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("Ошибка: ")


def test_reweighted_shares_the_index_and_answers_with_its_table():
    from mapper.cache import cached_matcher

    matcher = cached_matcher()
    strict = matcher.reweighted(Weights(auto_score=0.99))
    assert strict.index is matcher.index and matcher.weights == WEIGHTS
    text = "аренда спецтехники"  # 77.32, about 0.92
    assert (matcher.match(text).status, strict.match(text).status) == ("auto", "review")


def test_the_reliability_table_counts_right_first_candidates_by_score_band():
    from mapper.evaluate import GoldRow, reliability
    from mapper.matching.records import Match

    def row(code):
        return GoldRow(text="x", acceptable=[code], scoring="exact", groups={})

    def got(code, score):
        return Match("x", "review", (Candidate(code, "", "class", score, ""),))

    table = reliability([row("01.11"), row("01.11"), row("02.10"), row("03.11")],
                        [got("01.11", 0.45), got("01.12", 0.55), got("02.10", 1.0), Match("x", "none", ())])
    assert {band: (t.n, t.hit1, round(mean, 2)) for band, (t, mean) in table.items()} == {
        "0.00–0.20": (1, 0, 0.0), "0.40–0.60": (2, 1, 0.5), "1.00": (1, 1, 1.0)}
