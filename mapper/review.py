"""Reviewers' decisions: stored apart from the built database, applied by every build, never lost.

A review is tied to what an activity says, not to where it stands: the normalised text
(``normalized_key("Литьё металлов")`` → ``"литье металлов"``) and the normalised sector. It survives
reordering and editing of the document; when its activity disappears the build reports it and the
review stays. All the decisions together are the team's knowledge base (:mod:`mapper.knowledge`): the
same words in another sector or document take the decided code, near ones are offered it.

The store is a small SQLite file (default ``db/reviews.db``) with one table, ``reviews``; it can be
exported to CSV and imported back, so that decisions can be kept in git. Several writers at once (the
command line and the web form of ``serve --review``) lose nothing: the file is in WAL mode, a write
takes the write lock when it begins (``begin immediate``) and waits up to ``BUSY_TIMEOUT_MS`` for it.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from .document import Activity
from .lemmas import normalized_key
from .errors import MapperError
from .reference import Reference, guess_delimiter, utc_now

REVIEW_COLUMNS = ("key", "sector_key", "text", "sector", "code", "action", "note", "reviewer", "updated_at",
                  "okved_name")
ENV_REVIEWS = "OKVED_REVIEWS"
#: the columns of ``review export``, in this order: what a decision says, then who and when
CSV_COLUMNS = ("text", "sector", "code", "okved_name", "action", "note", "reviewer", "updated_at")
#: how long a write waits for another writer (the web form, a second reviewer's import) to finish
BUSY_TIMEOUT_MS = 30_000


def default_reviews_path() -> Path:
    return Path(os.environ.get(ENV_REVIEWS) or Path("db") / "reviews.db")


def sector_key(sector: str | None) -> str:
    return normalized_key(sector or "")


@dataclass(frozen=True, slots=True)
class Review:
    """``Review(key="литье металлов", sector_key="металлообработка", text="Литье металлов",
    sector="МЕТАЛЛООБРАБОТКА", code="24.5", action="set", note="", reviewer="", updated_at="…")``."""

    key: str
    sector_key: str
    text: str
    sector: str
    code: str
    action: str  # "set": another code; "accept": the proposed code confirmed
    note: str = ""
    reviewer: str = ""
    updated_at: str = ""
    okved_name: str = ""  # the code's name when it was decided: a reference update that renames it is noticed

    def label(self) -> str:
        return f"«{self.text}»" + (f" ({self.sector})" if self.sector else "")


#: what a write with no activity or no valid code is told, in whatever tool it comes from (the web form's
#: «Исправить код» among them): the database refuses it with these words
NO_ACTIVITY = "Не указан вид деятельности: впишите его текст, как в документе"
NO_CODE = "Нет такого кода ОКВЭД 2: впишите код как 25.61, 25.6 или 2561"
#: what the web form is told when its sector or activity is not in the published document (the form
#: writes NULL keys for them; the command line writes decisions for any document and never does)
NO_SECTOR = "Такой отрасли нет в документе: впишите её заголовок, как в таблице sectors"
NOT_IN_DOCUMENT = "Такого вида деятельности нет в этой отрасли документа: впишите текст, как в таблице activity_codes"


def _trigger(when: str) -> str:
    return (f"CREATE TRIGGER reviews_checked_{when} before {when} on reviews begin\n"
            f"    select raise(abort, '{NO_ACTIVITY}') where trim(coalesce(new.text, '')) = '';\n"
            f"    select raise(abort, '{NO_CODE}') where trim(coalesce(new.code, '')) = '';\n"
            f"    select raise(abort, '{NO_SECTOR}') where new.sector_key is null;\n"
            f"    select raise(abort, '{NOT_IN_DOCUMENT}') where new.key is null;\n"
            "end")


def ensure_schema(db: sqlite_utils.Database) -> None:
    """The reviews table and today's checks on it (a file of an older version gets them). Several
    processes may open a new file at once: the schema is written under the write lock, checked again."""
    def current() -> bool:
        triggers = dict(db.execute("select name, sql from sqlite_master where type = 'trigger'").fetchall())
        return "reviews" in db.table_names() and "okved_name" in db["reviews"].columns_dict and all(
            triggers.get(f"reviews_checked_{when}") == _trigger(when) for when in ("insert", "update"))

    if current():
        return
    db.execute("begin immediate")
    try:
        if not current():
            db["reviews"].create({c: str for c in REVIEW_COLUMNS}, pk=("key", "sector_key"),
                                 not_null={"key", "sector_key", "text", "code", "action"}, if_not_exists=True)
            if "okved_name" not in db["reviews"].columns_dict:  # a file of a version before the knowledge base
                db.execute("alter table reviews add column okved_name text")
            for when in ("insert", "update"):
                db.execute(f"drop trigger if exists reviews_checked_{when}")
                db.execute(_trigger(when))
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


class ReviewStore:
    """The reviews file. Every write is one transaction; nothing else writes to it."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_reviews_path()

    def _db(self, *, create: bool) -> sqlite_utils.Database:
        if not create and not self.path.exists():
            return sqlite_utils.Database(memory=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(self.path)
        db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        ensure_schema(db)
        return db

    @contextmanager
    def _writing(self):
        """One write transaction that holds the write lock from its start: two writers wait in turn
        instead of one failing with «database is locked» when both read first and then write."""
        db = self._db(create=True)
        db.execute("begin immediate")
        try:
            yield db
        except BaseException:
            db.conn.rollback()
            raise
        else:
            db.conn.commit()
        finally:
            db.close()

    def all(self) -> list[Review]:
        db = self._db(create=False)
        try:
            if "reviews" not in db.table_names():
                return []
            return [Review(**{c: row.get(c) or "" for c in REVIEW_COLUMNS})
                    for row in db["reviews"].rows_where(order_by="sector_key, key")]
        finally:
            db.close()

    def save(self, reviews: Iterable[Review]) -> int:
        items = list(reviews)
        with self._writing() as db:
            db["reviews"].upsert_all([_row(r) for r in items], pk=("key", "sector_key"))
        return len(items)

    def record(self, activity_text: str, sector: str | None, code: str, *, action: str, note: str = "",
               reviewer: str = "", okved_name: str = "") -> Review:
        now = utc_now()
        review = Review(normalized_key(activity_text), sector_key(sector), activity_text, sector or "", code,
                        action, note, reviewer, now, okved_name)
        self.save([review])
        return review

    def remove(self, activity_text: str, sector: str | None) -> bool:
        if not self.path.exists():
            return False
        with self._writing() as db:
            cursor = db.conn.execute("delete from reviews where key = ? and sector_key = ?",
                                     [normalized_key(activity_text), sector_key(sector)])
        return cursor.rowcount > 0

    # ---------------------------------------------------------------- applying

    def orphans(self, activities: Sequence[Activity], before: set[tuple[str, str]]) -> list[str]:
        """Decisions on activities that the database had ``before`` (text key, sector key) and these
        documents no longer have: an activity edited or deleted (the decisions are kept). Decisions made
        for other documents are the knowledge base, not orphans."""
        present = {(normalized_key(a.text), sector_key(a.sector)) for a in activities}
        return [r.label() for r in self.all() if (r.key, r.sector_key) in before - present]

    # ---------------------------------------------------------------- CSV

    def export_csv(self) -> str:
        """The decisions as CSV, as every export of the tool is written: a BOM and «;», which Russian Excel
        opens as columns (and :meth:`import_csv` reads back, as it reads «,» and tabs), one line a decision
        in a stable order, for a diff in git."""
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\n")
        writer.writeheader()
        for r in self.all():
            writer.writerow({c: getattr(r, c) for c in CSV_COLUMNS})
        return buffer.getvalue()

    def import_csv(self, text: str, reference: Reference) -> list[Review]:
        """Read reviews from CSV (``text, sector, code`` and optional ``action, note, reviewer,
        updated_at``); every row is checked before any is stored. Returns what was stored."""
        text = text.lstrip("\ufeff")
        header = text.splitlines()[0] if text.strip() else ""
        # Excel in a Russian locale saves with «;» (and a BOM): our own export after a round trip
        delimiter = guess_delimiter(header) if header else ","
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)  # \n, \r\n or an old Mac's \r
        if not reader.fieldnames or not {"text", "code"} <= {f.strip() for f in reader.fieldnames}:
            raise MapperError("в CSV решений нужны столбцы text и code (обычно и sector); "
                              f"в первой строке: {header[:80]!r}")
        reader.fieldnames = [f.strip() for f in reader.fieldnames]
        try:
            rows = [(reader.line_num, row) for row in reader]  # the line where each record ends
        except csv.Error as e:  # a quote never closed, a NUL …
            raise MapperError(f"CSV решений не читается: строка {reader.line_num}: {e}") from None
        reviews, rejected = [], []
        for number, row in rows:
            text_value = (row.get("text") or "").strip()
            if not text_value:
                rejected.append(f"строка {number}: пустой текст")
                continue
            typed = (row.get("code") or "").strip()
            if re.fullmatch(r"\d[.,]\d{1,2}", typed):  # Excel read «06.10» as the number 6,1: the leading zero back
                typed = "0" + typed
            try:
                code = reference.resolve(typed).code
            except MapperError as e:
                rejected.append(f"строка {number}: {e}")
                continue
            sector = (row.get("sector") or "").strip()
            # the name the code had when it was decided (a file from before a reference update says it)
            named = (row.get("okved_name") or "").strip() or reference[code].name
            reviews.append(Review(normalized_key(text_value), sector_key(sector), text_value, sector, code,
                                  (row.get("action") or "set").strip() or "set", row.get("note") or "",
                                  row.get("reviewer") or "", row.get("updated_at") or utc_now(), named))
        if rejected:  # every bad row said, none stored: the file is fixed and imported again whole
            shown = "; ".join(rejected[:20]) + (f"; … и ещё {len(rejected) - 20}" if len(rejected) > 20 else "")
            raise MapperError(f"CSV решений: отклонено строк: {len(rejected)} из {len(rows)}, ничего не сохранено — "
                              f"{shown}")
        self.save(reviews)
        return reviews


def _row(review: Review) -> dict:
    return {c: getattr(review, c) for c in REVIEW_COLUMNS}
