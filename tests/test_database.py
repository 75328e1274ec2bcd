"""The built database: schema, foreign keys, checks, full-text search, atomic builds."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner

from mapper.cli import cli
from mapper.database import build, registry_rows, search_lemmas
from mapper.errors import DocumentError
from mapper.reference import load_reference


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "okved.db"
    result = build(db_path=path, reviews=False)
    return path, result


def test_bundled_document_builds_into_sectors_and_activities(built):
    path, result = built
    db = sqlite_utils.Database(path)
    assert result.sectors == 11 and result.activities == 95
    assert db["sectors"].count == 11 and db["activities"].count == 95 and db["activity_codes"].count == 95
    assert db["okved"].count == 2881 and db["documents"].count == 1
    assert result.by_status == {"exact": 94, "review": 1}  # «Добыча сырой нефти»: right, 0.74, below `auto`
    document = next(db["documents"].rows)
    assert document["title"] == "СПЕЦИАЛИЗАЦИЯ МЕЖРЕГИОНАЛЬНОГО КЛАСТЕРА" and len(document["sha256"]) == 64
    assert document["reference_edition"] == load_reference().edition.edition


@pytest.mark.parametrize("table, columns", [
    ("activities", {"document_id": "documents", "sector_id": "sectors", "duplicate_of": "activities"}),
    ("candidates", {"activity_id": "activities", "code": "okved"}),
    ("activity_codes", {"activity_id": "activities", "code": "okved", "sector_id": "sectors"}),
    ("sector_codes", {"sector_id": "sectors", "code": "okved"}),
    ("sectors", {"document_id": "documents"}),
    ("okved", {"parent": "okved"}),
    ("registry_codes", {"code": "okved", "cluster_code": "okved"}),
])
def test_foreign_keys_are_declared_and_hold(built, table, columns):
    db = sqlite_utils.Database(built[0])
    declared = {fk.column: fk.other_table for fk in db[table].foreign_keys}
    assert columns.items() <= declared.items()
    assert list(db.conn.execute("PRAGMA foreign_key_check")) == []


def test_indexes_exist(built):
    db = sqlite_utils.Database(built[0])
    assert {("sector",), ("status",), ("code",)} <= {tuple(i.columns) for i in db["activity_codes"].indexes}
    assert ("code",) in {tuple(i.columns) for i in db["candidates"].indexes}


def test_the_okved_table_shows_the_notes_borrowed_from_oked_apart(built):
    db = sqlite_utils.Database(built[0])
    assert "notes_oked_kz" not in db["okved"].columns_dict  # not a column on every row
    assert db["okved"].get("14.11")["notes"] is None
    assert "кожаные фартуки для сварщиков" in db["borrowed_notes"].get("14.11")["notes"]
    assert db.execute("select count(*) from borrowed_notes where code = '14.11.1'").fetchone()[0] == 0  # ОКЭД has none
    assert db["borrowed_notes"].count == 603


def test_activity_codes_is_the_mapping(built):
    db = sqlite_utils.Database(built[0])
    rows = {(r["line"], r["activity"]): r for r in db["activity_codes"].rows}
    oil = rows[(92, "Добыча сырой нефти")]
    assert oil["code"] == "06.10.1" and oil["status"] == "review" and oil["level_ru"] == "подгруппа"
    pipes = rows[(6, "Производство стальных труб, полых профилей и фитингов")]
    assert pipes["code"] == "24.2" and pipes["status"] == "exact" and pipes["score"] == 1.0
    assert pipes["okved_name"] == "Производство стальных труб, полых профилей и фитингов"
    assert rows[(39, "Рыболовство и рыбоводство")]["code"] == "03"
    assert rows[(39, "Переработка и консервирование мяса и мясной пищевой продукции")]["code"] == "10.1"


def test_checks_a_careful_analyst_would_make(built):
    db = sqlite_utils.Database(built[0])
    flagged = {r["line"]: r for r in db.query("select * from activity_codes where flags != ''")}
    assert {14, 26, 48, 68, 87} <= set(flagged)  # repeats
    assert flagged[14]["repeat_of_line"] == 13 and flagged[26]["repeat_of_line"] == 6
    assert "склеенная строка" in flagged[39]["flags"]
    pipes = flagged[26]
    assert "далеко от сектора" in pipes["flags"] and pipes["fits_sector"] == "МЕТАЛЛООБРАБОТКА"
    # the core of a sector is not flagged as far from it
    assert not db.execute("select count(*) from activity_codes where flags like '%далеко от сектора%' and code in "
                          "('24.4', '19.2', '62', '02')").fetchone()[0]


@pytest.mark.parametrize("declared, code, disagrees", [
    ("24.5", "24.51", False), ("25.10", "25.1", False), ("25", "25.61", False),
    ("25.11", "24.5", True), ("20", "21.20", True), (None, "24.5", False),
])
def test_a_declared_code_disagrees_only_outside_its_branch(declared, code, disagrees):
    from mapper.database import _declared_disagrees

    assert _declared_disagrees(declared, code) is disagrees


def test_sector_codes_and_registry_codes(built):
    db = sqlite_utils.Database(built[0])
    chemistry = {r["code"] for r in db["sector_codes"].rows_where("sector = ?", ["ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ"])}
    assert "24.2" in chemistry and len(chemistry) == 14
    registry = {(r["cluster_code"], r["code"]): r for r in db["registry_codes"].rows}
    assert registry[("25.6", "25.61")]["like_pattern"] == "25.61%"
    assert ("25.6", "25.62") in registry and ("25.6", "25.6") not in registry
    assert all(len(code.replace(".", "")) >= 4 for _, code in registry)
    assert "МЕТАЛЛООБРАБОТКА" in registry[("25.6", "25.61")]["sectors"]


@pytest.mark.parametrize("code, expanded", [("25.6", ["25.61", "25.62"]), ("25.61", ["25.61"]),
                                            ("10.13.2", ["10.13.2"]), ("12", ["12.00"]),
                                            ("F", ["41.10", "41.20", "42.11", "42.12", "42.13", "42.21", "42.22",
                                                   "42.91", "42.99", "43.11", "43.12", "43.13", "43.21", "43.22",
                                                   "43.29", "43.31", "43.32", "43.33", "43.34", "43.39", "43.91",
                                                   "43.99"])])
def test_registry_expansion(code, expanded):
    assert [r["code"] for r in registry_rows([code], load_reference())] == expanded


@pytest.mark.parametrize("query, code", [
    ("литьё металла", "24.5"),
    ("ЛИТЬЯ МЕТАЛЛОВ", "24.5"),
    ("стальные трубы", "24.2"),
    ("производству мебели", "31"),
    ("сталь", "24.1"),  # «стали» in the name is found as steel
])
def test_full_text_search_on_lemmas_finds_inflected_forms_and_yo(built, query, code):
    conn = sqlite3.connect(built[0])
    found = [r[0] for r in conn.execute(
        "select o.code from okved_fts join okved o on o.rowid = okved_fts.rowid where okved_fts match ? "
        "order by rank limit 10", [search_lemmas(query)])]
    assert code in found


def test_a_failed_build_leaves_the_previous_database_byte_identical(built, tmp_path):
    target = tmp_path / "okved.db"
    target.write_bytes(built[0].read_bytes())
    before = target.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("МЕТАЛЛООБРАБОТКА\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="видов деятельности не найдено"):
        build([bad], db_path=target, reviews=False)
    run = CliRunner().invoke(cli, ["build", str(tmp_path / "missing.txt"), "--db", str(target)])
    assert run.exit_code == 1 and "нет такого файла" in run.output.splitlines()[-1]
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "okved.db"]


def test_build_is_idempotent_and_takes_several_documents(tmp_path):
    second = tmp_path / "second.csv"
    second.write_text("Отрасль;Вид деятельности\nМЕБЕЛЬ;Изготовление мебели (31.01)\nМЕБЕЛЬ;Литьё металлов (25.11)\n",
                      encoding="utf-8")
    path = tmp_path / "okved.db"
    first = build([_bundled(), second], db_path=path, reviews=False)
    assert len(first.documents) == 2 and first.activities == 97 and first.sectors == 12
    db = sqlite_utils.Database(path)
    rows = list(db.query("select activity, code, flags, declared_code from activity_codes where document_id = 2"))
    assert rows[1]["declared_code"] == "25.11" and "код автора не совпадает" in rows[1]["flags"]
    assert "код автора" not in rows[0]["flags"]
    snapshot = list(db.query("select * from activity_codes"))
    build([_bundled(), second], db_path=path, reviews=False)
    assert list(sqlite_utils.Database(path).query("select * from activity_codes")) == snapshot


def _bundled():
    from mapper.bundled import default_document_path

    return default_document_path()


def test_build_command_prints_a_summary(tmp_path):
    run = CliRunner().invoke(cli, ["build", "--db", str(tmp_path / "x" / "okved.db")])
    assert run.exit_code == 0, run.output
    assert "видов деятельности: 95, отраслей: 11, документов: 1; точно 94, на проверку 1" in run.output
    assert f"записано {tmp_path / 'x' / 'okved.db'}" in run.output


@pytest.mark.parametrize("name, content", [
    ("plain.txt", "Производство мебели\nПошив одежды\n"),  # no sector headings at all
    ("one-column.csv", "activity\nПроизводство мебели\nПошив одежды\n"),
])
def test_a_document_without_sector_headings_builds(tmp_path, name, content):
    document = tmp_path / name
    document.write_text(content, encoding="utf-8")
    run = CliRunner().invoke(cli, ["build", str(document), "--db", str(tmp_path / "okved.db")])
    assert run.exit_code == 0, run.output
    db = sqlite_utils.Database(tmp_path / "okved.db")
    assert db["sectors"].count == 0 and db["activities"].count == 2
    rows = list(db["activity_codes"].rows)
    assert [r["activity"] for r in rows] == ["Производство мебели", "Пошив одежды"] and rows[0]["code"] == "31"
    assert db.execute("pragma foreign_key_check").fetchall() == []


@pytest.mark.parametrize("damage", ["random", "truncated"])
@pytest.mark.parametrize("command", [["export", "-o", "out.csv"], ["serve", "--port", "0"], ["review", "set", "1", "25.61"]])
def test_a_damaged_database_is_refused_in_one_line(built, tmp_path, monkeypatch, damage, command):
    import os

    target = tmp_path / "okved.db"
    if damage == "random":
        target.write_bytes(os.urandom(8192))
    else:
        target.write_bytes(built[0].read_bytes()[:40960])
    monkeypatch.chdir(tmp_path)
    args = [command[0], "--db", str(target), *command[1:]] if command[0] != "review" else \
        ["review", "--db", str(target), *command[1:]]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 1 and "Traceback" not in run.output, run.output
    assert "файл повреждён или это не база SQLite" in run.output and len(run.output.strip().splitlines()) == 1


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_a_killed_build_leaves_the_old_database_and_its_temporary_goes(built, tmp_path, sig):
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "okved.db"
    target.write_bytes(built[0].read_bytes())
    before = target.read_bytes()
    document = tmp_path / "long.txt"
    lines = [f"Производство изделий из металла, партия {n}" for n in range(400)]
    document.write_text("МЕТАЛЛООБРАБОТКА\n" + "\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "mapper.cli", "build", str(document), "--db", str(target)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".okved.db.*.tmp")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(tmp_path.glob(".okved.db.*.tmp")), "the build never wrote its temporary file"
    process.send_signal(getattr(signal, sig))
    process.wait(timeout=60)
    assert target.read_bytes() == before
    assert sqlite_utils.Database(target).execute("pragma integrity_check").fetchone()[0] == "ok"
    # SIGTERM unwinds and removes the temporary at once; SIGKILL cannot, so it stays until the next write
    assert bool(list(tmp_path.glob(".okved.db.*.tmp"))) is (sig == "SIGKILL")
    small = tmp_path / "small.txt"
    small.write_text("МЕТАЛЛООБРАБОТКА\nЛитье металлов\n", encoding="utf-8")
    build([small], db_path=target, reviews=False)  # the next write sweeps what a killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.txt", "okved.db", "small.txt"]


def test_only_temporaries_of_dead_processes_or_old_versions_are_swept(tmp_path):
    import os
    import subprocess
    import sys

    from mapper.reference import remove_stale_temporaries

    target = tmp_path / "okved.db"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    files = {name: tmp_path / name for name in (
        f".okved.db.{dead.stdout.strip()}.ab12.tmp",  # its process has ended
        f".okved.db.{os.getpid()}.cd34.tmp",  # a write in progress (this process)
        ".okved.db.x9y8z7.tmp",  # an older version's, fresh: maybe still writing
        ".okved.db.q1w2e3.tmp",  # an older version's, two hours old
        ".other.db.1.zz.tmp")}  # another file's
    for path in files.values():
        path.write_bytes(b"")
    old = files[".okved.db.q1w2e3.tmp"]
    os.utime(old, (old.stat().st_atime - 7200, old.stat().st_mtime - 7200))
    removed = remove_stale_temporaries(target)
    assert sorted(p.name for p in removed) == sorted([f".okved.db.{dead.stdout.strip()}.ab12.tmp", ".okved.db.q1w2e3.tmp"])
