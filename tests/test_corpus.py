"""Every file of the bad-input corpus (tests/corpus/, made by make_corpus.py) through parse, build,
review import and export: a sensible result, or one error line — never a traceback — and after a
failure the previous database and reviews byte-identical."""

from __future__ import annotations

import re

import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from mapper.cli import cli
from mapper.database import build
from mapper.review import ReviewStore

CORPUS = sorted(p for p in (Path(__file__).parent / "corpus").iterdir() if p.suffix != ".py")


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A database and a reviews file as a team has them before someone hands in a bad file."""
    root = tmp_path_factory.mktemp("previous")
    db, reviews = root / "okved.db", root / "reviews.db"
    build(db_path=db, reviews=False)
    ReviewStore(reviews).record("Литье металлов", "МЕТАЛЛООБРАБОТКА", "24.53", action="set", note="до")
    return db, reviews


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"a traceback for {args}: {result.exception!r}"
    lines = [line for line in result.output.splitlines() if line.strip()]
    if result.exit_code != 0:
        assert result.exit_code == 1 and lines and lines[-1].startswith("Ошибка: "), result.output
        assert sum(line.startswith("Ошибка: ") for line in lines) == 1 and "Traceback" not in result.output
        said = lines[-1].removeprefix("Ошибка: ").replace(str(Path.cwd()), "")
        assert re.search(r"[а-яё]{3}.*[а-яё]{3}", said), f"not said in Russian: {said}"  # words, not a path
    return result


def test_the_corpus_has_what_the_issue_asks():
    assert len(CORPUS) >= 30
    assert {p.suffix for p in CORPUS} >= {".txt", ".csv", ".xlsx", ".docx"}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_parse(path):
    result = _run("parse", str(path))
    if result.exit_code == 0:
        assert "activities" in result.output


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_build_then_export_or_the_previous_database_stays(previous, tmp_path, path):
    db = tmp_path / "okved.db"
    shutil.copy(previous[0], db)
    before = db.read_bytes()
    result = _run("build", str(path), "--db", str(db), "--reviews", str(tmp_path / "none.db"))
    if result.exit_code != 0:
        assert db.read_bytes() == before
        return
    database = sqlite_utils.Database(db)
    assert database.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert database["activity_codes"].count > 0
    exported = tmp_path / "out.csv"
    _run("export", "--db", str(db), "-o", str(exported))
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's UTF-8


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_review_import_or_the_previous_reviews_stay(previous, tmp_path, path):
    reviews = tmp_path / "reviews.db"
    shutil.copy(previous[1], reviews)
    before = reviews.read_bytes()
    result = _run("review", "--db", str(previous[0]), "--reviews", str(reviews), "import", str(path))
    if result.exit_code != 0:
        assert reviews.read_bytes() == before
