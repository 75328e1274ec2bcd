"""The reviewers' decisions as a knowledge base: the same words, near words, conflicts, stale decisions,
what a build says and writes, and what a reference update lists."""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.parse

import pytest
import sqlite_utils
from click.testing import CliRunner

from mapper.bundled import default_document_path
from mapper.cache import cached_matcher
from mapper.cli import cli
from mapper.knowledge import KnowledgeBase, aligned_ratio, lemma_key
from mapper.lemmas import normalized_key
from mapper.reference import default_reference_path
from mapper.review import Review, ReviewStore, sector_key

from .test_datasette import get, start_server, stop


def decision(text: str, code: str, sector: str = "МЕТАЛЛООБРАБОТКА", reviewer: str = "Иванова",
             when: str = "2026-11-20T10:00:00+00:00", okved_name: str | None = None) -> Review:
    name = cached_matcher().reference[code].name if okved_name is None else okved_name
    return Review(normalized_key(text), sector_key(sector), text, sector, code, "set", "", reviewer, when, name)


@pytest.fixture(scope="module")
def matcher():
    return cached_matcher()


def base(matcher, *reviews: Review) -> KnowledgeBase:
    return KnowledgeBase(reviews, matcher.analyzer, matcher.reference)


# ---------------------------------------------------------------- keys and nearness


@pytest.mark.parametrize("a, b, same", [
    ("Литьё металлов", "металлов литья", True),        # order and inflection
    ("Литьё металлов", "ЛИТЬЕ  МЕТАЛЛОВ.", True),      # case, ё, punctuation
    ("ИТ-аутсорсинг", "аутсорсинг информационных технологий", True),  # an abbreviation read out
    ("Литьё металлов", "Литьё металлов под давлением", False),
])
def test_lemma_key(matcher, a, b, same):
    assert (lemma_key(matcher.analyzer, a) == lemma_key(matcher.analyzer, b)) is same


@pytest.mark.parametrize("a, b, low, high", [
    ("литье металов", "литье металл", 85, 90),            # a typo in one word
    ("давление литье металл", "литье металл", 90, 90),    # one qualifier more: 0.9 of a full match
    ("литье сталь", "литье металл", 0, 0),                # another material is another activity
    ("ремонт", "обувь ремонт", 0, 0),                     # one broad word is not a decided phrase
    ("литье металл прокат сталь", "литье металл", 0, 0),  # two words more
    ("обувь ремонт", "одежда ремонт", 0, 0),
])
def test_aligned_ratio(a, b, low, high):
    assert low <= aligned_ratio(a, b) <= high
    assert aligned_ratio(a, b) == aligned_ratio(b, a)


# ---------------------------------------------------------------- verdicts and answers


def test_a_typo_gets_the_decided_code_first_for_review(matcher):
    kb = base(matcher, decision("Литье металлов", "24.53"))
    match, verdict = kb.consult(matcher.match("Литьё металов"))
    assert verdict.kind == "near" and match.best.code == "24.53"
    assert match.status == "review"  # never auto on a near decision
    assert match.best.explanation.startswith("решено ранее для «Литье металлов», Иванова, 2026-11-20, сходство ")
    assert [c.code for c in match.candidates].count("24.53") == 1


def test_one_qualifier_more_is_offered_with_the_earlier_text(matcher):
    kb = base(matcher, decision("Литье металлов", "24.53", reviewer="Петров"))
    match, verdict = kb.consult(matcher.match("Литьё металлов под давлением"))
    assert verdict.kind == "near" and match.status == "review"
    assert match.best.code == "24.53" and "«Литье металлов», Петров" in match.best.explanation


@pytest.mark.parametrize("query", ["Литьё стали", "Ремонт", "Сварочные работы"])
def test_unrelated_texts_are_left_to_the_matcher(matcher, query):
    kb = base(matcher, decision("Литье металлов", "24.53"), decision("Ремонт часов", "95.25"))
    plain = matcher.match(query)
    assert kb.consult(plain) == (plain, None)


def test_the_same_words_elsewhere_take_the_decided_code(matcher):
    kb = base(matcher, decision("Литье металлов", "24.53"))
    match, verdict = kb.consult(matcher.match("металлов литьё"), sector="ДРУГАЯ ОТРАСЛЬ")
    assert (verdict.kind, match.status, match.best.code, match.best.score) == ("known", "manual", "24.53", 1.0)
    assert "в отрасли МЕТАЛЛООБРАБОТКА" in match.best.explanation


def test_conflicting_decisions_are_shown_not_resolved(matcher):
    kb = base(matcher, decision("Литье металлов", "24.53", sector="МЕТАЛЛООБРАБОТКА", reviewer="Иванова"),
              decision("литьё металлов", "24.54", sector="МАШИНОСТРОЕНИЕ", reviewer="Петров",
                       when="2026-11-25T10:00:00+00:00"))
    match, verdict = kb.consult(matcher.match("Литье металлов"), sector="ТРЕТЬЯ ОТРАСЛЬ")
    assert verdict.kind == "conflict" and match.status == "review"
    assert [c.code for c in match.candidates[:2]] == ["24.54", "24.53"]  # the latest first
    assert match.best.explanation.startswith("решения расходятся: 24.54 для «литьё металлов» (МАШИНОСТРОЕНИЕ), "
                                             "Петров, 2026-11-25; 24.53 для «Литье металлов»")
    assert kb.state(kb.reviews[0]) == "конфликт: решено и как 24.54"
    # a reviewer's own decision on the activity is not a conflict
    own, verdict = kb.consult(matcher.match("Литье металлов"), sector="МЕТАЛЛООБРАБОТКА")
    assert (verdict.kind, own.status, own.best.code) == ("own", "manual", "24.53")


def test_a_decision_on_a_renamed_code_is_shown_for_review(matcher):
    kb = base(matcher, decision("Литье металлов", "24.53", okved_name="Литье лёгких металлов (старое)"))
    match, verdict = kb.consult(matcher.match("Литье металлов"), sector="МЕТАЛЛООБРАБОТКА")
    assert verdict.stale and match.status == "review" and match.best.code == "24.53"
    assert "наименование 24.53 изменилось: было «Литье лёгких металлов (старое)»" in match.best.explanation


def test_a_decision_on_a_removed_code_is_not_applied(matcher):
    gone = decision("Литье металлов", "24.53")
    gone = Review(gone.key, gone.sector_key, gone.text, gone.sector, "24.59", "set", "", "Иванова", gone.updated_at,
                  "Литье прочих металлов")
    kb = base(matcher, gone)
    plain = matcher.match("Литье металлов")
    match, verdict = kb.consult(plain, sector="МЕТАЛЛООБРАБОТКА")
    assert verdict.stale.startswith("кода 24.59 нет в редакции") and match.status == "review"
    assert [c.code for c in match.candidates] == [c.code for c in plain.candidates]
    assert match.best.explanation.startswith("решение устарело (кода 24.59 нет в редакции")


# ---------------------------------------------------------------- build, site, reference update


@pytest.fixture
def team(tmp_path):
    """A database of the bundled document, and a reviews file with one decision on it."""
    document = tmp_path / "cluster.txt"
    shutil.copy(default_document_path(), document)
    db, reviews = tmp_path / "okved.db", tmp_path / "reviews.db"
    assert CliRunner().invoke(cli, ["build", str(document), "--db", str(db), "--reviews", str(reviews)]).exit_code == 0
    run = CliRunner().invoke(cli, ["review", "--db", str(db), "--reviews", str(reviews), "set", "Литье металлов",
                                   "24.53", "--reviewer", "Иванова"])
    assert run.exit_code == 0, run.output
    return tmp_path, db, reviews


OTHER_DOCUMENT = "МЕТАЛЛУРГИЯ\nЛитьё металов\nЛитьё металлов под давлением\nметаллов литьё\nЛитье стали\n"


def test_a_second_document_is_answered_from_the_knowledge_base(team):
    tmp_path, db, reviews = team
    other = tmp_path / "other.txt"
    other.write_text(OTHER_DOCUMENT, encoding="utf-8")
    second = tmp_path / "other.db"
    run = CliRunner().invoke(cli, ["build", str(other), "--db", str(second), "--reviews", str(reviews)])
    assert run.exit_code == 0, run.output
    assert ("база решений (1): применено своих 0, тех же слов из других отраслей и документов 1; "
            "на проверку: близких 2, конфликтов 0, устаревших 0") in run.output
    assert "исчез" not in run.output  # a decision of another document is not an orphan here
    rows = {r["activity"]: r for r in sqlite_utils.Database(second).query("select * from activity_codes")}
    assert (rows["Литьё металов"]["code"], rows["Литьё металов"]["status"], rows["Литьё металов"]["flags"]) == \
        ("24.53", "review", "близкое решение")
    assert (rows["металлов литьё"]["code"], rows["металлов литьё"]["status"]) == ("24.53", "manual")
    assert "из базы решений" in rows["металлов литьё"]["flags"]
    assert rows["Литье стали"]["flags"] == ""
    first = sqlite_utils.Database(second).execute(
        "select code from candidates where activity_id = ? and rank = 1", [rows["Литьё металов"]["activity_id"]])
    assert first.fetchone()[0] == "24.53"  # the candidates say what the row says
    decided = list(sqlite_utils.Database(second).query("select * from decisions"))
    assert [(d["text"], d["code"], d["state"], d["reviewer"], d["activities"]) for d in decided] == \
        [("Литье металлов", "24.53", "действует", "Иванова", 3)]


def test_match_consults_the_knowledge_base(team):
    tmp_path, db, reviews = team
    run = CliRunner().invoke(cli, ["match", "Литьё металов", "--reviews", str(reviews), "--format", "jsonl"])
    assert run.exit_code == 0 and '"status": "review"' in run.output and '"code": "24.53"' in run.output.split("}")[0]
    plain = CliRunner().invoke(cli, ["match", "Литьё металов", "--reviews", str(reviews), "--no-reviews"])
    assert "решено ранее" not in plain.output
    missing = CliRunner().invoke(cli, ["match", "Литьё", "--reviews", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "нет такого файла решений" in missing.output


def test_the_site_shows_the_knowledge_base_searchable(team):
    tmp_path, db, reviews = team
    other = tmp_path / "other.txt"
    other.write_text(OTHER_DOCUMENT, encoding="utf-8")
    assert CliRunner().invoke(cli, ["build", str(other), "--db", str(db), "--reviews", str(reviews)]).exit_code == 0
    process, base_url = start_server(["--db", str(db)], tmp_path)
    try:
        # the table's search box finds words as written or as lemmas; the canned query, any form
        status, body = get(f"{base_url}/okved/decisions.json?_shape=array&_search=" + urllib.parse.quote("металл"))
        assert status == 200 and '"24.53"' in body
        status, body = get(f"{base_url}/okved/search_decisions.json?_shape=array&q="
                           + urllib.parse.quote("литья металла"))
        assert status == 200 and [(r["Код"], r["Кто решил"]) for r in json.loads(body)] == [("24.53", "Иванова")]
        status, body = get(f"{base_url}/okved/search_decisions.json?_shape=array&q=2453")
        assert status == 200 and [r["Код"] for r in json.loads(body)] == ["24.53"]
        status, page = get(f"{base_url}/okved/decisions")
        assert status == 200 and "База решений" in page and 'name="_search"' in page
        status, flagged = get(f"{base_url}/okved/activity_codes.json?_shape=array&flags__contains="
                              + urllib.parse.quote("близкое решение"))
        assert status == 200 and [r["activity"] for r in json.loads(flagged)] == ["Литьё металов", "Литьё металлов под давлением"]
    finally:
        stop(process)


def test_a_reference_update_lists_the_decisions_it_makes_stale(team):
    tmp_path, db, reviews = team
    CliRunner().invoke(cli, ["review", "--db", str(db), "--reviews", str(reviews), "set", "Добыча сырой нефти",
                             "06.10.1"])
    rows = list(csv.reader(io.StringIO(default_reference_path().read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    code, name = header.index("code"), header.index("name")
    for row in body:
        if row[code] == "24.53":
            row[name] = "Литье легких и сверхлегких металлов"
    body = [row for row in body if row[code] != "06.10.1"]
    source = tmp_path / "next.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    new = tmp_path / "new.csv"
    run = CliRunner().invoke(cli, ["reference", "update", "--source", str(source), "--output", str(new),
                                   "--edition", "2027-01-01", "--reviews", str(reviews)])
    assert run.exit_code == 0, run.output
    assert "решения экспертов, которые нужно пересмотреть (сборка покажет их на проверку, не применит) (2):" in run.output
    assert "24.53     «Литье металлов» (МЕТАЛЛООБРАБОТКА) — наименование 24.53 изменилось" in run.output
    assert "06.10.1   «Добыча сырой нефти» (НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ) — кода 06.10.1 нет в редакции 2027-01-01" \
        in run.output
    assert len(ReviewStore(reviews).all()) == 2  # kept
    build = CliRunner().invoke(cli, ["--reference", str(new), "build", str(tmp_path / "cluster.txt"), "--db", str(db),
                                     "--reviews", str(reviews)])
    assert build.exit_code == 0, build.output
    assert "устаревших 2" in build.output
    rows = {r["activity"]: r for r in sqlite_utils.Database(db).query("select * from activity_codes")}
    assert (rows["Литье металлов"]["code"], rows["Литье металлов"]["status"]) == ("24.53", "review")
    assert rows["Добыча сырой нефти"]["status"] == "review" and rows["Добыча сырой нефти"]["code"] != "06.10.1"
    assert "решение устарело" in rows["Добыча сырой нефти"]["flags"]


def test_review_list_says_how_each_decision_stands(team):
    tmp_path, db, reviews = team
    ReviewStore(reviews).save([decision("литьё металлов", "24.54", sector="МАШИНОСТРОЕНИЕ", reviewer="Петров")])
    listed = CliRunner().invoke(cli, ["review", "--db", str(db), "--reviews", str(reviews), "list"]).output
    assert "24.54     set    «литьё металлов» (МАШИНОСТРОЕНИЕ) [Петров, 2026-11-20] (конфликт: решено и как 24.53)" \
        in listed
    assert "«Литье металлов» (МЕТАЛЛООБРАБОТКА) [Иванова, 20" in listed and "(конфликт: решено и как 24.54)" in listed
    build = CliRunner().invoke(cli, ["build", str(tmp_path / "cluster.txt"), "--db", str(db), "--reviews", str(reviews)])
    assert "применено своих 1" in build.output and "конфликтов 0" in build.output  # its own decision is no conflict
