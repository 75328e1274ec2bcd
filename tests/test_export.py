"""Exports read back with the libraries a user would use, and checked against the database."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import openpyxl
import pytest
import sqlite_utils
from click.testing import CliRunner

from mapper.cli import cli
from mapper.export import sheet_xlsx
from mapper.labels import status_label
from mapper.database import build


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "okved.db"
    build(db_path=path, reviews=False)
    return path


def invoke(*args):
    run = CliRunner().invoke(cli, list(args))
    assert run.exit_code == 0, run.output
    return run


def test_csv_has_bom_semicolons_and_every_activity(db_path, tmp_path):
    out = tmp_path / "mapping.csv"
    invoke("export", "--db", str(db_path), "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    db = sqlite_utils.Database(db_path)
    expected = list(db.query("select sector, line, activity, code, status from activity_codes order by activity_id"))
    assert [(r["Отрасль"], int(r["Строка"]), r["Вид деятельности"], r["Код ОКВЭД 2"], r["Статус"]) for r in rows] == \
        [(e["sector"], e["line"], e["activity"], e["code"], status_label(e["status"])) for e in expected]
    oil = next(r for r in rows if r["Вид деятельности"] == "Добыча сырой нефти")
    assert oil["Код ОКВЭД 2"] == "06.10.1" and "06.10" in oil["Альтернативы"]
    assert "далеко от сектора" in next(r for r in rows if r["Строка"] == "26")["Замечания"]


def test_csv_delimiter_option(db_path):
    run = invoke("export", "--db", str(db_path), "--delimiter", ",")
    header = run.stdout_bytes.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Отрасль,Строка,Вид деятельности,Код ОКВЭД 2")


def test_xlsx_summary_sectors_and_codes(db_path, tmp_path):
    out = tmp_path / "mapping.xlsx"
    invoke("export", "--db", str(db_path), "--format", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    db = sqlite_utils.Database(db_path)
    sectors = [r["name"] for r in db["sectors"].rows_where(order_by="id")]
    assert book.sheetnames[0] == "Сводка" and book.sheetnames[-1] == "Коды"
    assert len(book.sheetnames) == 2 + len(sectors)
    assert all(len(name) <= 31 for name in book.sheetnames)
    metal = book["МЕТАЛЛООБРАБОТКА"]
    assert metal.freeze_panes == "A2"
    header = [c.value for c in metal[1]]
    assert header[:4] == ["Строка", "Вид деятельности", "Код ОКВЭД 2", "Наименование"]
    body = [row for row in metal.iter_rows(min_row=2, values_only=True)]
    assert len(body) == 17 and body[0][:3] == (5, "Обработка металлов и нанесение покрытий на металлы; механическая "
                                                  "обработка металлов", "25.6")
    assert metal.column_dimensions["B"].width >= 40
    total = sum(book[name].max_row - 1 for name in book.sheetnames[1:-1])
    assert total == 95
    codes = book["Коды"]
    assert codes.max_row - 1 == distinct_registry_codes(db)
    summary = [row for row in book["Сводка"].iter_rows(values_only=True)]
    assert ("точно", 94) in [r[:2] for r in summary] and ("на проверку", 1) in [r[:2] for r in summary]


def test_json_for_programs(db_path):
    data = json.loads(invoke("export", "--db", str(db_path), "--format", "json").stdout_bytes)
    assert len(data["activities"]) == 95 and data["reference_edition"]
    first = data["activities"][0]
    assert set(first) >= {"sector", "line", "activity", "code", "name", "level", "score", "status", "alternatives",
                          "flags"}
    assert all(set(a) == {"code", "score"} for a in first["alternatives"])


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_code_lists_for_registries(db_path, fmt):
    run = invoke("export", "--db", str(db_path), "--codes", "--format", fmt)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(run.stdout_bytes.decode("utf-8-sig")), delimiter=";"))
        pairs = {(c, r["Код для реестра"]): r for r in rows for c in r["Код кластера"].split("; ")}
        like = pairs[("25.6", "25.61")]["LIKE"]
        codes = [r["Код для реестра"] for r in rows]
    else:
        rows = json.loads(run.stdout_bytes)["codes"]
        pairs = {(c, r["code"]): r for r in rows for c in r["cluster_code"].split("; ")}
        like = pairs[("25.6", "25.61")]["like_pattern"]
        codes = [r["code"] for r in rows]
    assert like == "25.61%" and ("25.6", "25.62") in pairs
    assert all(len(code.replace(".", "")) >= 4 for _, code in pairs)
    db = sqlite_utils.Database(db_path)
    assert len(codes) == len(set(codes)) == distinct_registry_codes(db)  # each code once, for a registry query
    assert set(pairs) == {(r["cluster_code"], r["code"]) for r in db["registry_codes"].rows}


def distinct_registry_codes(db) -> int:
    return db.execute("select count(distinct code) from registry_codes").fetchone()[0]


def test_code_list_as_a_workbook_has_the_codes_alone(db_path, tmp_path):
    out = tmp_path / "codes.xlsx"
    invoke("export", "--db", str(db_path), "--codes", "--format", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Коды"]
    assert book["Коды"].max_row - 1 == distinct_registry_codes(sqlite_utils.Database(db_path))


@pytest.mark.parametrize("text", ["=1+1", '=HYPERLINK("http://example.com";"ссылка")', "-производство", "Литье"])
def test_a_text_is_never_a_formula_in_a_workbook(text):
    book = openpyxl.load_workbook(io.BytesIO(sheet_xlsx("Лист", [("activity", "Вид деятельности")],
                                                        [{"activity": text}])))
    cell = book.active["A2"]
    assert (cell.value, cell.data_type) == (text, "s")


@pytest.mark.parametrize("args, message", [
    (["--format", "xlsx"], "XLSX — двоичный файл"),
    (["--delimiter", ";;"], "разделитель — один символ"),
])
def test_bad_export_options(db_path, args, message):
    run = CliRunner().invoke(cli, ["export", "--db", str(db_path), *args])
    assert run.exit_code != 0 and message in run.output


def test_export_without_a_database(tmp_path):
    run = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.csv")])
    assert run.exit_code == 1 and "такой базы нет" in run.output
    assert not (tmp_path / "x.csv").exists()


def test_an_exported_file_gets_the_mode_of_a_new_file(db_path, tmp_path):
    out = tmp_path / "mapping.csv"
    invoke("export", "--db", str(db_path), "-o", str(out))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600: others may read it
    out.chmod(0o640)
    invoke("export", "--db", str(db_path), "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # a file replaced keeps its mode
