"""Notes borrowed from ОКЭД (Kazakhstan's NACE-based classifier) for the classes the reference leaves
without notes: the conversion, the bundled file, the command, and how the matcher reads them."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
import sqlite_utils
from click.testing import CliRunner

from mapper import Matcher
from mapper.bundled import bundled_path
from mapper.cli import cli
from mapper.database import build
from mapper.matching.decide import words
from mapper.notes import NOTES_FILE, _rosstat_wording, borrow_notes, load_borrowed_notes, oked_class_notes
from mapper.reference import Edition, Reference, parse_reference

RECORDS = [
    {"code": "C", "name": "ОБРАБАТЫВАЮЩАЯ ПРОМЫШЛЕННОСТЬ", "description": "Данная секция включает …"},
    {"code": "14", "name": "Производство одежды", "description": "Данный раздел включает пошив одежды"},
    {"code": "1411", "name": "Производство одежды из кожи", "description": ""},
    {"code": "14110", "name": "Производство одежды из кожи",
     "description": "Этот подкласс включает:\n- производство одежды из кожи натуральной или композиционной, "
                    "включая спецодежду из кожи, например, кожаные фартуки для сварщиков\nЭтот подкласс исключает:\n"
                    "- производство меховой одежды, (см. 14.20.0)"},
    {"code": "8541", "name": "Послесреднее образование", "description": "Данный класс включает колледжи"},
    {"code": "8510", "name": "Дошкольное образование", "description": "Данный класс включает детские сады"},
]


@pytest.mark.parametrize("oked, rosstat", [
    ("Этот подкласс исключает:\n- производство меховой одежды, (см. 14.20.0)",
     "Эта группировка не включает: - производство меховой одежды, см. 14.20"),
    ("Данный класс также включает:\n- ремонт обуви", "Эта группировка также включает: - ремонт обуви"),
    ("- производство древесного угля традиционным методом\nПродукция, получаемая в результате этой деятельности",
     "- производство древесного угля традиционным методом; Продукция, получаемая в результате этой деятельности"),
    ("02.20.0Лесозаготовки\nЭтот подкласс включает:", "Лесозаготовки; Эта группировка включает:"),
])
def test_oked_wording_becomes_the_wording_the_matcher_reads(oked, rosstat):
    assert _rosstat_wording(oked) == rosstat


def test_a_class_gathers_its_own_and_its_subclasses_notes_and_names():
    notes = oked_class_notes(RECORDS, ["14.11", "85.41", "14.20"], differs=["85.41"])
    assert notes == {"14.11": "Эта группировка включает: - производство одежды из кожи натуральной или "
                              "композиционной, включая спецодежду из кожи, например, кожаные фартуки для сварщиков; "
                              "- Производство одежды из кожи Эта группировка не включает: - производство меховой "
                              "одежды, см. 14.20"}
    # 85.41 names different activities in the two classifiers; 85.10 is not an OKVED 2 class; divisions
    # and sections describe more than a class


def _wheel(path, records) -> None:
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("metrix_oked/data/oked_full.json", json.dumps(records, ensure_ascii=False))
        wheel.writestr("metrix_oked/__init__.py", "")


def test_borrow_notes_reads_the_wheel_and_records_its_source(tmp_path):
    wheel = tmp_path / "metrix_oked_sdk-0.2.0-py3-none-any.whl"
    _wheel(wheel, RECORDS)
    out = tmp_path / "notes.csv"
    run = CliRunner().invoke(cli, ["reference", "borrow-notes", "--source", str(wheel), "--output", str(out)])
    assert run.exit_code == 0, run.output
    assert f"записано {out}: пояснения для 1 кодов из 6 записей ОКЭД" in run.output
    assert load_borrowed_notes(out).get("14.11").startswith("Эта группировка включает: - производство одежды из кожи")
    meta = json.loads(out.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert meta["source"] == wheel.name and meta["classes"] == 1
    assert meta["source_sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert meta["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


@pytest.mark.parametrize("content, message", [
    (b"code,name\n14.11,x\n", "это не JSON ОКЭД"),
    (b'{"code": "1411"}', "нужен список записей с code, name и description"),
    (b"PK\x03\x04 broken", "zip-архив не читается"),
    (json.dumps([{"code": "9999", "name": "x", "description": "y"}]).encode(), "ни один класс ОКЭД не дал пояснений"),
])
def test_a_bad_source_is_one_line_and_leaves_the_notes_as_they_were(tmp_path, content, message):
    source = tmp_path / "source.json"
    source.write_bytes(content)
    out = tmp_path / "notes.csv"
    out.write_text("code,notes\n14.11,прежние пояснения\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["reference", "borrow-notes", "--source", str(source), "--output", str(out)])
    assert run.exit_code == 1 and message in run.output and run.output.count("\n") == 1, run.output
    assert out.read_text(encoding="utf-8") == "code,notes\n14.11,прежние пояснения\n"
    assert not out.with_suffix(".meta.json").exists()


def test_a_missing_source_is_one_line(tmp_path):
    run = CliRunner().invoke(cli, ["reference", "borrow-notes", "--source", str(tmp_path / "absent.whl"),
                                   "--output", str(tmp_path / "notes.csv")])
    assert run.exit_code == 1 and "absent.whl: нет такого файла" in run.output and run.output.count("\n") == 1
    assert not (tmp_path / "notes.csv").exists()


def test_the_bundled_notes_match_their_metadata():
    path = bundled_path(NOTES_FILE)
    meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    notes = load_borrowed_notes()
    assert len(notes) == meta["classes"] > 500
    assert "фартуки для сварщиков" in notes.get("14.11")
    assert notes.get("85.41") == ""  # listed in oked-kz-differs.txt


@pytest.fixture(scope="module")
def matcher():
    return Matcher()


@pytest.mark.parametrize("query, code, explanation", [
    ("Кожаные фартуки для сварщиков", "14.11", "пункт пояснений ОКЭД РК «кожаные фартуки для сварщиков»"),
    # ОКЭД's class 06.10 lists «добычу сырой нефти»; OKVED 2 divides the class, and 06.10.1 «Добыча нефти»
    # names all the item's words but one: the item is the subclass's
    ("Добыча сырой нефти", "06.10.1", "пункт пояснений ОКЭД РК «добычу сырой нефти»"),
])
def test_the_matcher_reads_borrowed_notes_and_says_whose_they_are(matcher, query, code, explanation):
    best = matcher.match(query).best
    assert best.code == code and best.explanation.startswith(explanation), best


@pytest.mark.parametrize("item, code", [
    # names the whole names of 10.20.1 «… рыбы» and 10.20.2 «… ракообразных и моллюсков»: the class's
    ("переработку и консервирование рыбы, ракообразных и моллюсков", "10.20"),
    ("производство сплавов хрома, марганца, никеля", "24.45"),  # of 24.45.7, 24.45.8 and 24.45.1
    ("добычу сырой нефти", "06.10.1"),  # of 06.10.1 «Добыча нефти» alone
])
def test_a_borrowed_item_naming_several_subclasses_stays_with_the_class(matcher, item, code):
    (entry,) = [e for e in matcher.index.entries if e.borrowed and (e.item or "").startswith(item)]
    assert entry.code.code == code


@pytest.mark.parametrize("query, first, held_back", [
    # 68.10's item «включая выставочные залы» has the query's one word, as 82.30.3's name does: the name first
    ("Выставка", "82.3", "68.1"),
    # 45.2's item «чистку и мойку автомобилей» has all the query's words, as 45.20.3's name does, but 29.10
    # «Производство автотранспортных средств», with less of the query, lies between them: the item stays
    ("Автомойка", "45.2", None),
])
def test_a_borrowed_item_with_all_the_query_goes_below_a_name_with_all_of_it(matcher, query, first, held_back):
    candidates = matcher.match(query).candidates
    assert candidates[0].code.startswith(first), candidates
    if held_back:
        assert all(c.score < candidates[0].score for c in candidates if c.code.startswith(held_back))


TRANSLATION = ("section,code,name,notes\nJ,,ИНФОРМАЦИЯ И СВЯЗЬ,\nJ,58,Деятельность издательская,\n"
               "J,58.2,Издание программного обеспечения,\nJ,58.29,Издание прочих программных продуктов,"
               "\"Эта группировка включает: - перевод и адаптация программных продуктов общего пользования для "
               "конкретного рынка\"\nM,,ДЕЯТЕЛЬНОСТЬ ПРОФЕССИОНАЛЬНАЯ,\n"
               "M,74,Деятельность профессиональная научная и техническая прочая,\n"
               "M,74.3,Деятельность по письменному переводу,\nM,74.30,Деятельность по письменному переводу,\n")


@pytest.mark.parametrize("query, held_back", [
    ("Перевод", True),
    ("Письменные переводы", False),  # the item lacks «письменный»: behind the name by its own score
])
def test_an_item_of_the_references_own_notes_goes_below_a_name_with_all_the_query(query, held_back):
    # 58.29's own item has «перевод» among many words; 74.3's name has it too: the name first
    matcher = Matcher(Reference(parse_reference(TRANSLATION.encode()), Edition("test")))
    first, second = matcher.match(query).candidates[:2]
    assert (first.code, second.code) == ("74.3", "58.29") and first.score > second.score
    # the reference's own item, not ОКЭД's: the rule says so without naming ОКЭД
    (item,) = matcher.explain(query, ["58.29"])[1][1:]
    rule = ("правило: пункт пояснений ниже наименования 74.30 с теми же словами", "", item.score)
    assert (rule in item.trace) == held_back


def test_borrowed_notes_can_be_left_out(matcher):
    plain = Matcher(borrow_notes=False)
    assert "ОКЭД" not in " ".join(c.explanation for c in plain.match("Кожаные фартуки для сварщиков").candidates)
    assert matcher.version.endswith("+notes+oked-kz") and not plain.version.endswith("+oked-kz")


OWN_NOTES = ("section,code,name,notes\nC,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА,\nC,14,Производство одежды,\n"
             "C,14.1,\"Производство одежды, кроме одежды из меха\",\n"
             "C,14.11,Производство одежды из кожи,\"Эта группировка включает: - производство курток из кожи\"\n"
             "C,14.19,Производство прочей одежды и аксессуаров одежды,\n")


def test_a_reference_with_notes_of_its_own_reads_the_borrowed_beside_them():
    matcher = Matcher(Reference(parse_reference(OWN_NOTES.encode()), Edition("test")))
    # its own item, said without ОКЭД
    assert matcher.match("Куртки из кожи").best.explanation.startswith("пункт пояснений «производство курток из кожи»")
    # ОКЭД's item of 14.11, beside the own one, said with ОКЭД
    best = matcher.match("Кожаные фартуки для сварщиков").best
    assert best.code == "14.11"
    assert best.explanation.startswith("пункт пояснений ОКЭД РК «кожаные фартуки для сварщиков»")
    # ОКЭД's words count as the code's notes', said to be ОКЭД's; Rosstat's stay Rosstat's
    entry = matcher.index.entries[matcher.index.by_code["14.11"]]
    assert "фартук" in entry.lent and "куртка" in entry.notes - entry.lent
    said = words(("куртка", "фартук"), frozenset(), frozenset({"куртка", "фартук"}), frozenset(), entry)
    assert said == "в пояснениях: куртка; в пояснениях ОКЭД РК: фартук"
    assert matcher.borrowed_codes >= {"14.11", "14.19"} and "+oked-kz" in matcher.version
    assert not Matcher(matcher.reference, borrow_notes=False).borrowed_codes


def test_reference_show_and_info_say_which_notes_are_borrowed(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(OWN_NOTES, encoding="utf-8")
    shown = CliRunner().invoke(cli, ["--reference", str(path), "reference", "show", "14.11"]).output
    own, borrowed = shown.index("пояснения:"), shown.index("пояснения ОКЭД РК (заимствованы, читаются рядом со своими")
    assert own < shown.index("производство курток из кожи") < borrowed < shown.index("кожаные фартуки для сварщиков")
    info = CliRunner().invoke(cli, ["--reference", str(path), "reference", "info"]).output
    assert "заимствовано: у 1 кодов рядом со своими пояснениями читаются пояснения ОКЭД РК" in info


def test_reference_show_and_info_say_the_notes_are_borrowed():
    shown = CliRunner().invoke(cli, ["reference", "show", "14.11"]).output
    assert "пояснения ОКЭД РК (заимствованы" in shown and "кожаные фартуки для сварщиков" in shown
    info = CliRunner().invoke(cli, ["reference", "info"]).output
    assert "заимствовано: 603 кодов без пояснений читаются с пояснениями ОКЭД РК" in info


def test_the_database_keeps_the_notes_borrowed_beside_a_codes_own(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text("ЛЁГКАЯ ПРОМЫШЛЕННОСТЬ\nКожаные куртки\n", encoding="utf-8")
    reference = Reference(parse_reference(OWN_NOTES.encode()), Edition("test"))
    build([document], db_path=tmp_path / "okved.db", reference=reference, reviews=False)
    db = sqlite_utils.Database(tmp_path / "okved.db")
    assert db["okved"].get("14.11")["notes"].endswith("производство курток из кожи")
    assert "кожаные фартуки для сварщиков" in db["borrowed_notes"].get("14.11")["notes"]
    # full-text search finds 14.11 by a word of the borrowed notes beside its own
    found = db.execute("select code from okved where rowid in "
                       "(select rowid from okved_fts where okved_fts match 'фартук')").fetchall()
    assert ("14.11",) in found
