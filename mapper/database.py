"""The SQLite database that Datasette publishes: schema, checks, and one atomic, idempotent build.

``build(["cluster.txt"], db_path="db/okved.db")`` parses every document, matches every activity,
applies the reviewers' decisions and writes a new database next to the old one; only when all of
that succeeded does the new file replace the old. Tables:

* ``okved`` — the reference, with ``lemmas`` (lemmatised, ё-folded) and full-text search over it;
  ``borrowed_notes`` — the notes borrowed from ОКЭД that the matcher reads: for codes without their own, and
  beside a code's own;
* ``reference_edition`` — which edition that is;
* ``documents``, ``sectors``, ``activities``, ``candidates`` — what was read and proposed;
* ``activity_codes`` — one row per activity: the mapping, with check flags; ``mapping`` — a view of
  the twelve columns people read first, with Russian names;
* ``decisions`` — the reviewers' decisions (the knowledge base) as this build read them;
* ``sector_codes`` — each sector's distinct codes; ``registry_codes`` — the cluster's codes expanded
  to codes of four and more digits with a ``LIKE`` prefix, for selecting companies from registries.

Nothing here decides a code: that is :mod:`mapper.matcher` and the knowledge base (:mod:`mapper.knowledge`).
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .batch import match_stream
from .cache import cache_dir, cached_matcher, will_build
from .document import Activity, Document, parse_document
from .errors import MapperError
from .knowledge import KnowledgeBase, Verdict
from .lemmas import Analyzer, normalized_key
from .matcher import Match, Matcher
from .matching.codes import in_branch
from .notes import BorrowedNotes, load_borrowed_notes
from .reference import Reference, atomic_path, load_reference, strip_zero_levels, utc_now
from .review import ReviewStore, default_reviews_path, sector_key

DEFAULT_DB = Path("db") / "okved.db"

#: check flags on activity_codes, as a careful analyst would name them
FLAG_REPEAT = "повтор"
FLAG_SPLIT = "склеенная строка"
FLAG_DECLARED = "код автора не совпадает"
FLAG_OUTLIER = "далеко от сектора"
FLAG_UNMATCHED = "нет кода"


@dataclass(frozen=True, slots=True)
class BuildResult:
    path: Path
    documents: tuple[str, ...]
    sectors: int
    activities: int
    by_status: dict[str, int]
    seconds: float
    orphan_reviews: tuple[str, ...] = field(default=())
    #: activities the knowledge base answered, by kind (:data:`mapper.knowledge.KIND_LABELS`: own, known, …)
    from_knowledge: dict[str, int] = field(default_factory=dict)
    decisions: int = 0  # how many decisions the knowledge base holds


def search_lemmas(text: str) -> str:
    """Lemmas of a text as a full-text query (every lemma must occur): «литьё металла» → ``"литье" "металл"``."""
    words = [w for w, *_ in Analyzer().lemmas(text)]
    return " ".join(f'"{w}"' for w in dict.fromkeys(words))


def _index_text(matcher: Matcher, code: str, notes: str, *, borrowed: bool = False) -> str:
    """Lemmas and canonical terms of a name (as the matcher indexed it) and of its notes; for notes borrowed
    from ОКЭД, in place of the code's own or beside them, the terms the matcher read in them (no second
    reading): search finds a code by its notes («ремонт тракторов» → 33.12)."""
    words = list(matcher.index_words(code))
    if notes:
        analysis = matcher.analyzer.analyze(notes)
        words.extend(analysis.lemmas + analysis.terms)
    entry = matcher.index.by_code.get(code) if borrowed else None
    if entry is not None:
        read = matcher.index.entries[entry]
        words.extend(sorted(read.lent if notes else read.notes))
    return " ".join(dict.fromkeys(words))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _group(code: str) -> str:
    return code[:4]  # «24.2» of 24.20.1; a division stays itself


def _far_from_sector(rows: list[tuple], heading_terms: dict[object, set[str]],
                     name_terms: dict[str, set[str]]) -> dict[int, str]:
    """Activities that sit apart from their sector and at home in another: no other activity of the
    sector shares their division, another sector has their group (or a code above or below it), and
    the sector's heading says nothing of what the code does. Steel pipes (24.2) under «ХИМИЧЕСКАЯ
    ПРОМЫШЛЕННОСТЬ» while «МЕТАЛЛООБРАБОТКА» has them too. ``rows``: (activity id, sector id, sector,
    code, text key) of the activities with a code and a sector. Returns activity id → the sector it fits.

    Linear in the rows (a register-sized document has thousands of sectors): which texts each sector
    has in each division, and which sectors, in order, have each group."""
    order: dict[object, int] = {}
    name_of: dict[object, str] = {}
    texts: dict[object, set[str]] = {}
    texts_in_division: dict[tuple[object, str], set[str]] = {}
    sectors_of_group: dict[str, list[object]] = {}
    groups_of_division: dict[str, set[str]] = {}
    for _, sector, name, code, key in rows:
        order.setdefault(sector, len(order))
        name_of.setdefault(sector, name)
        texts.setdefault(sector, set()).add(key)
        texts_in_division.setdefault((sector, code[:2]), set()).add(key)
        group = _group(code)
        holders = sectors_of_group.setdefault(group, [])
        if sector not in holders:  # the two first sectors are enough: one of them is not the asking one
            holders.append(sector)
            holders.sort(key=order.__getitem__)
            del holders[2:]
        groups_of_division.setdefault(group[:2], set()).add(group)
    far = {}
    for activity_id, sector, _, code, _ in rows:
        if len(texts[sector]) < 2 or len(texts_in_division[(sector, code[:2])]) > 1:
            continue  # alone in its sector, or another activity of the sector shares its division
        if heading_terms.get(sector, set()) & name_terms.get(code, set()):
            continue
        group = _group(code)
        related = [g for g in groups_of_division[group[:2]] if g.startswith(group) or group.startswith(g)]
        homes = [s for g in related for s in sectors_of_group[g] if s != sector]
        if homes:
            far[activity_id] = name_of[min(homes, key=order.__getitem__)]
    return far


def _table(db: sqlite_utils.Database, name: str, rows: list[dict], *, pk, foreign_keys, columns: dict) -> None:
    """A table of ``rows``, created from ``columns`` first: with no rows (no activity got a code) it is
    there all the same, empty, for the indexes and the pages that read it."""
    db[name].create(columns, pk=pk, foreign_keys=foreign_keys)
    _append(db, name, rows)


def _append(db: sqlite_utils.Database, name: str, rows: list[dict] | list[tuple]) -> None:
    """Rows into an existing table in one ``executemany``: for a register-sized document, several times
    faster than ``insert_all``, which looks at every value of every row."""
    if not rows:
        return
    columns = list(db[name].columns_dict)
    sql = f"insert into [{name}] ({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' * len(columns))})"
    if isinstance(rows[0], tuple):  # values in the table's order already
        db.conn.executemany(sql, rows)
        return
    if set(rows[0]) != set(columns):
        raise MapperError(f"внутренняя ошибка: столбцы {sorted(rows[0])} не те, что в таблице {name}")
    db.conn.executemany(sql, map(operator.itemgetter(*columns), rows))


def _declared_disagrees(declared: str | None, code: str | None) -> bool:
    if not declared or not code:
        return False
    return not in_branch(strip_zero_levels(declared), strip_zero_levels(code))


def registry_rows(codes: Sequence[str], reference: Reference) -> list[dict]:
    """Each code as codes of four and more digits, with a LIKE prefix: a group or division stands for
    its classes (25.6 → 25.61, 25.62), a class or deeper for itself."""
    rows = []
    seen = set()
    for source in codes:
        record = reference.get(source)
        if record is None:
            continue
        if record.digits >= 4:
            targets = [record]
        else:
            targets = [c for c in reference.descendants(source) if c.digits == 4]
        for target in targets:
            if (source, target.code) in seen:
                continue
            seen.add((source, target.code))
            rows.append({"cluster_code": source, "code": target.code, "name": target.name, "level": target.level,
                         "level_ru": target.level_ru, "like_pattern": f"{target.code}%"})
    return rows


def _default_reviews() -> ReviewStore | None:
    path = default_reviews_path()
    return ReviewStore(path) if path.exists() else None


def build(documents: Sequence[str | Path] | None = None, *, db_path: str | Path = DEFAULT_DB,
          reference: Reference | None = None, matcher: Matcher | None = None, reviews=None,
          progress: Callable[[str], None] | None = None,
          steps: Callable[[str, int, int], None] | None = None, jobs: int = 1) -> BuildResult:
    """Parse, match, apply reviews and write the database atomically; see the module docstring.

    ``documents`` defaults to the bundled document; ``reviews`` is a :class:`mapper.review.ReviewStore`
    (default: ``db/reviews.db`` when it exists; ``False`` for none). Raises :class:`MapperError` before anything is written
    when a document is bad; the previous database is left byte-identical whatever fails. ``progress``
    hears what is being done («сопоставление 277 разных видов деятельности»), ``steps(stage, done, total)``
    how far the long stages are (``"сопоставление"``, ``"запись"``), for a progress bar. ``jobs``: processes
    that match (:func:`mapper.batch.match_stream`).
    """
    started = time.perf_counter()
    say = progress or (lambda message: None)
    step = steps or (lambda stage, done, total: None)
    reference = reference or load_reference()
    paths = [Path(p) for p in documents] if documents else [None]
    parsed: list[Document] = []
    for path in paths:
        say(f"чтение {path or 'встроенного документа'}")
        parsed.append(parse_document(path, reference=reference))
    if matcher is None and reference.path is None:  # a reference made in memory: no file to key a saved one by
        matcher = Matcher(reference)
    elif matcher is None:
        reference_path = str(reference.path)
        if will_build(reference_path):
            say(f"построение индекса сопоставителя (около 6 с, один раз; сохраняется в {cache_dir()})")
        matcher = cached_matcher(reference_path)
    if reviews is None:
        reviews = _default_reviews()
    elif reviews is False:  # explicitly none
        reviews = None

    # each activity under its sector: the heading breaks near-ties («ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ» → 20)
    pairs = list(dict.fromkeys((a.sector, a.text) for doc in parsed for a in doc.activities))
    say(f"сопоставление {len(pairs)} разных видов деятельности")
    matches: dict[tuple[str | None, str], Match] = {}
    for pair, match in zip(pairs, match_stream(matcher, [text for _, text in pairs], k=5,
                                               sectors=[sector for sector, _ in pairs], jobs=jobs)):
        matches[pair] = match
        step("сопоставление", len(matches), len(pairs))
    # the knowledge base first: a decided code replaces or tops the matcher's answer
    knowledge = KnowledgeBase(reviews.all(), matcher.analyzer, reference) if reviews is not None else None
    verdicts: dict[tuple[str | None, str], Verdict] = {}
    if knowledge is not None and len(knowledge):
        say(f"сверка с базой решений (решений: {len(knowledge)})")
        for pair, match in matches.items():
            matches[pair], verdict = knowledge.consult(match, pair[0])
            if verdict is not None:
                verdicts[pair] = verdict

    db_path = Path(db_path)
    before = _identities(db_path) if reviews is not None else set()
    with atomic_path(db_path) as tmp:
        say("запись базы")
        total = sum(len(doc.activities) for doc in parsed)
        result = _write(tmp, parsed, matches, verdicts, reference, matcher, knowledge,
                        lambda done: step("запись", done, total))
    orphans = reviews.orphans([a for doc in parsed for a in doc.activities], before) \
        if reviews is not None else []
    return BuildResult(db_path, tuple(d.path for d in parsed), result["sectors"], result["activities"],
                       result["by_status"], time.perf_counter() - started, tuple(orphans), result["knowledge"],
                       len(knowledge or ()))


#: the columns of the tables written row by row, as sqlite-utils would pick them from the rows
ACTIVITY_COLUMNS = {"id": int, "document_id": int, "sector_id": int, "line": int, "position": int, "text": str,
                    "raw": str, "key": str, "duplicate_of": int, "declared_code": str, "flags": str}
#: activity_codes is the page people open first: the checks are words in ``flags`` (no 0/1 column for
#: each), which keeps the page to 19 columns (it rendered 24, the slowest page of the site)
CODE_COLUMNS = {"activity_id": int, "document_id": int, "sector_id": int, "sector": str, "line": int,
                "activity": str, "code": str, "okved_name": str, "level": str, "level_ru": str, "score": float,
                "status": str, "alternatives": str, "declared_code": str, "repeat_of_line": int, "fits_sector": str,
                "flags": str, "review_note": str, "section": str}
#: what a person reads of activity_codes: twelve columns with Russian names (the table keeps the rest)
MAPPING_VIEW = """select activity_id as "№", sector as "Отрасль", line as "Строка", activity as "Вид деятельности",
       code as "Код", okved_name as "Наименование по ОКВЭД 2", level_ru as "Уровень", score as "Оценка",
       status as "Статус", alternatives as "Другие кандидаты", flags as "Замечания", review_note as "Примечание"
from activity_codes order by activity_id"""
#: activities written at once: memory stays flat in the length of the document
CHUNK = 5000


def _write(path: Path, parsed: list[Document], matches: dict[tuple[str | None, str], Match],
           verdicts: dict[tuple[str | None, str], Verdict], reference: Reference, matcher: Matcher,
           knowledge: KnowledgeBase | None, written: Callable[[int], None] = lambda done: None) -> dict:
    # ``path`` is the empty temporary atomic_path made: SQLite writes a new database into an empty file. It
    # is not removed first — a kill in the moment before SQLite made it again would leave no file to
    # show that a build was cut short (the killed-build test, under load, saw that)
    db = sqlite_utils.Database(path)
    # foreign keys are checked once, at the end (PRAGMA foreign_key_check), not row by row: three index
    # lookups for each of millions of rows in a register-sized build.
    # A temporary file that replaces the database only when whole (and synced, below): no journal and no
    # sync per chunk of rows, which made a registry-sized build wait on the disk thousands of times
    db.conn.execute("PRAGMA journal_mode = OFF")
    db.conn.execute("PRAGMA synchronous = OFF")
    _write_reference(db, reference, matcher)
    built_at = utc_now()
    edition = reference.edition

    sector_rows: list[dict] = []
    document_rows = []
    sector_ids: list[dict[str | None, int | None]] = []
    for doc_id, doc in enumerate(parsed, start=1):
        source = Path(doc.path)
        document_rows.append({"id": doc_id, "path": str(source.resolve()), "name": source.name, "title": doc.title,
                              "sha256": _sha256(source), "format": doc.format, "encoding": doc.encoding,
                              "built_at": built_at, "reference_edition": edition.edition,
                              "matcher_version": matcher.version, "sectors": len(doc.sectors),
                              "activities": len(doc.activities)})
        ids: dict[str | None, int | None] = {None: None}
        counts = Counter(a.sector for a in doc.activities)
        for sector in doc.sectors:
            ids[sector.name] = len(sector_rows) + 1
            sector_rows.append({"id": len(sector_rows) + 1, "document_id": doc_id, "name": sector.name,
                                "line": sector.line, "position": sector.position,
                                "activities": counts.get(sector.name, 0)})
        sector_ids.append(ids)
    db["documents"].insert_all(document_rows, pk="id")
    # created before the rows, so that a document without sector headings still gets the table
    _table(db, "sectors", sector_rows, pk="id", foreign_keys=[("document_id", "documents", "id")],
           columns={"id": int, "document_id": int, "name": str, "line": int, "position": int, "activities": int})
    db["activities"].create(ACTIVITY_COLUMNS, pk="id", foreign_keys=[
        ("document_id", "documents", "id"), ("sector_id", "sectors", "id"), ("duplicate_of", "activities", "id")])
    _table(db, "candidates", [], pk=("activity_id", "rank"),  # also when no activity has one
           foreign_keys=[("activity_id", "activities", "id"), ("code", "okved", "code")],
           columns={"activity_id": int, "rank": int, "code": str, "score": float, "explanation": str})
    db["activity_codes"].create(CODE_COLUMNS, pk="activity_id", foreign_keys=[
        ("activity_id", "activities", "id"), ("sector_id", "sectors", "id"),
        ("code", "okved", "code")])

    by_status: Counter = Counter()
    by_kind: Counter = Counter()  # activities answered by the knowledge base, by kind
    used: Counter = Counter()  # (key, sector key) of a decision → the activities it answered
    slim: list[tuple] = []  # (activity_id, sector_id, sector, code, text key) of coded activities, for the outliers
    sector_code_rows: dict[tuple, dict] = {}
    sectors_of: dict[str, set] = {}
    candidate_values: dict[int, tuple] = {}
    activity_id = 0
    for doc_id, doc in enumerate(parsed, start=1):
        ids = sector_ids[doc_id - 1]
        first_ids: dict[int, int] = {}
        lines = {a.position: a.line for a in doc.activities}
        for begin in range(0, len(doc.activities), CHUNK):
            activity_rows, candidate_rows, code_rows = [], [], []
            for activity in doc.activities[begin:begin + CHUNK]:
                activity_id += 1
                first_ids[activity.position] = activity_id
                match = matches[(activity.sector, activity.text)]
                verdict = verdicts.get((activity.sector, activity.text))
                row = _activity_code_row(activity_id, doc_id, activity, ids[activity.sector], match,
                                         verdict, reference, lines.get(activity.duplicate_of))
                by_status[row["status"]] += 1
                if verdict is not None:
                    by_kind["stale" if verdict.stale else verdict.kind] += 1
                    used.update((r.key, r.sector_key) for r in verdict.precedents)
                key = row.pop("text_key")
                code_rows.append(row)
                activity_rows.append({
                    "id": activity_id, "document_id": doc_id, "sector_id": ids[activity.sector],
                    "line": activity.line, "position": activity.position, "text": activity.text, "raw": activity.raw,
                    "key": key, "duplicate_of": first_ids.get(activity.duplicate_of) if activity.duplicate_of else None,
                    "declared_code": activity.declared_code, "flags": ", ".join(activity.flags) or None,
                })
                values = candidate_values.get(id(match))  # the same for every repeat of a line
                if values is None:
                    values = candidate_values[id(match)] = _candidate_values(match)
                candidate_rows += [(activity_id, *c) for c in values]
                if row["code"]:
                    if row["sector_id"] is not None:
                        slim.append((activity_id, row["sector_id"], row["sector"], row["code"], key))
                    _tally_sector_code(sector_code_rows, row)
                    sectors_of.setdefault(row["code"], set()).add(row["sector"] or "")
            _append(db, "activities", activity_rows)
            _append(db, "candidates", candidate_rows)
            _append(db, "activity_codes", code_rows)
            written(activity_id)

    analyzer = matcher.analyzer
    headings = {row["id"]: set(analyzer.analyze(row["name"]).terms) for row in sector_rows}
    names = {code: set(analyzer.analyze(reference[code].name).terms) for code in sectors_of}
    far = _far_from_sector(slim, headings, names)
    db.conn.executemany(
        "update activity_codes set fits_sector = ?, "
        "flags = case when flags = '' then ? else flags || ', ' || ? end where activity_id = ?",
        [(home, FLAG_OUTLIER, FLAG_OUTLIER, activity) for activity, home in far.items()])

    _table(db, "sector_codes", [{**r, "lines": ", ".join(r["lines"])} for r in sector_code_rows.values()],
        pk=("document_id", "sector_id", "code"),
        foreign_keys=[("sector_id", "sectors", "id"), ("document_id", "documents", "id"), ("code", "okved", "code")],
        columns={"sector_id": int, "document_id": int, "sector": str, "code": str, "okved_name": str, "level": str,
                 "level_ru": str, "activities": int, "lines": str})
    registry = registry_rows(sorted(sectors_of), reference)
    for row in registry:
        row["sectors"] = "; ".join(sorted(sectors_of.get(row["cluster_code"], ())))
    _table(db, "registry_codes", list(registry), pk=("cluster_code", "code"),
        foreign_keys=[("cluster_code", "okved", "code"), ("code", "okved", "code")],
        columns={"cluster_code": str, "code": str, "name": str, "level": str, "level_ru": str, "like_pattern": str,
                 "sectors": str})

    _write_decisions(db, knowledge, used)
    db.create_view("mapping", MAPPING_VIEW)

    for table, columns in (("activities", ["document_id"]), ("activities", ["sector_id"]),
                           ("activities", ["key"]), ("candidates", ["code"]), ("activity_codes", ["sector"]),
                           ("activity_codes", ["status"]), ("activity_codes", ["code"]),
                           ("activity_codes", ["document_id"]), ("sector_codes", ["sector"]),
                           ("sector_codes", ["code"]), ("registry_codes", ["code"]), ("sectors", ["document_id"])):
        db[table].create_index(columns, if_not_exists=True)
    problems = list(db.conn.execute("PRAGMA foreign_key_check"))
    if problems:
        raise MapperError(f"внутренняя ошибка: нарушены внешние ключи: {problems[:3]}")
    db.conn.commit()
    db.close()
    with open(path, "rb+") as handle:  # on disk before it takes the database's place
        os.fsync(handle.fileno())
    return {"sectors": len(sector_rows), "activities": activity_id, "by_status": dict(by_status),
            "knowledge": dict(by_kind)}


def _write_decisions(db: sqlite_utils.Database, knowledge: KnowledgeBase | None, used: Counter) -> None:
    """The ``decisions`` table: the knowledge base as this build read it, searchable by words and lemmas,
    with how each decision stands and how many activities here it answered."""
    rows = [{"id": number, "text": r.text, "sector": r.sector or None, "code": r.code,
             "okved_name": r.okved_name or None, "state": knowledge.state(r), "action": r.action,
             "note": r.note or None, "reviewer": r.reviewer or None, "decided_at": r.updated_at[:10] or None,
             "activities": used.get((r.key, r.sector_key), 0), "lemmas": knowledge.lemmas[r]}
            for number, r in enumerate(knowledge.reviews if knowledge is not None else (), start=1)]
    _table(db, "decisions", rows, pk="id", foreign_keys=[], columns={
        "id": int, "text": str, "sector": str, "code": str, "okved_name": str, "state": str, "action": str,
        "note": str, "reviewer": str, "decided_at": str, "activities": int, "lemmas": str})
    db["decisions"].enable_fts(["text", "lemmas", "sector", "note", "reviewer"], tokenize="unicode61 remove_diacritics 2")


def _identities(db_path: Path) -> set[tuple[str, str]]:
    """(text key, sector key) of the activities of the database this build replaces: a decision on one of
    them whose activity the new build lacks was made for this document, and its activity is gone."""
    if not db_path.is_file():
        return set()
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
            rows = conn.execute("select a.key, s.name from activities a left join sectors s on s.id = a.sector_id")
            return {(key, sector_key(sector)) for key, sector in rows}
    except sqlite3.DatabaseError:  # not a database of ours (the build replaces it all the same)
        return set()


def _candidate_values(match: Match) -> tuple[tuple, ...]:
    """(rank, code, score, explanation) of a match's candidates."""
    return tuple((rank, c.code, c.score, c.explanation) for rank, c in enumerate(match.candidates, start=1))


def _write_reference(db: sqlite_utils.Database, reference: Reference, matcher: Matcher) -> None:
    """The ``okved`` table with its full-text index, and ``reference_edition``."""
    borrowed = load_borrowed_notes() if matcher.borrowed_codes else BorrowedNotes()
    lent = {c.code: borrowed.get(c.code) for c in reference if c.code in matcher.borrowed_codes}
    db["okved"].insert_all(
        ({"code": c.code, "name": c.name, "level": c.level, "level_ru": c.level_ru, "parent": c.parent,
          "section": c.section, "notes": c.notes or None,
          "lemmas": _index_text(matcher, c.code, c.notes, borrowed=c.code in lent)}
         for c in reference),
        pk="code", foreign_keys=[("parent", "okved", "code")],
        column_order=["code", "name", "level", "level_ru", "parent", "section", "notes", "lemmas"],
        not_null=["name", "level"],
    )
    # the notes borrowed from ОКЭД apart, one row a code that has them: a code's page links to them
    _table(db, "borrowed_notes", [{"code": code, "notes": notes, "source": borrowed.source}
                                  for code, notes in lent.items() if notes],
           pk="code", foreign_keys=[("code", "okved", "code")], columns={"code": str, "notes": str, "source": str})
    db["okved"].enable_fts(["name", "lemmas"], tokenize="unicode61 remove_diacritics 2")
    db["okved"].create_index(["parent"])
    db["okved"].create_index(["section"])
    edition = reference.edition
    db["reference_edition"].insert({**edition.to_json(), "history": json.dumps(list(edition.history), ensure_ascii=False),
                                    "path": str(reference.path) if reference.path else None}, pk="edition")


def _tally_sector_code(rows: dict[tuple, dict], row: dict) -> None:
    """Each sector's distinct codes, with how many activities and which lines."""
    entry = rows.setdefault((row["sector_id"], row["code"]), {
        "sector_id": row["sector_id"], "document_id": row["document_id"], "sector": row["sector"],
        "code": row["code"], "okved_name": row["okved_name"], "level": row["level"],
        "level_ru": row["level_ru"], "activities": 0, "lines": []})
    entry["activities"] += 1
    entry["lines"].append(str(row["line"]))


def _activity_code_row(activity_id: int, doc_id: int, activity: Activity, sector_id: int | None, match: Match,
                       verdict: Verdict | None, reference: Reference, repeat_of_line: int | None) -> dict:
    """The activity_codes row of an activity: ``match`` as the knowledge base left it (its ``verdict``)."""
    best = match.best
    status = match.status
    code = best.code if best else None
    score = best.score if best else None
    note = (verdict.note() or None) if verdict is not None else None
    record = reference.get(code) if code else None
    flags = []
    if verdict is not None and (verdict.kind != "own" or verdict.stale):  # a reviewer's own decision is «вручную»
        flags.append(verdict.label)
    if activity.duplicate_of is not None:
        flags.append(FLAG_REPEAT)
    if "split" in activity.flags:
        flags.append(FLAG_SPLIT)
    mismatch = _declared_disagrees(activity.declared_code, code)
    if mismatch:
        flags.append(FLAG_DECLARED)
    if code is None:
        flags.append(FLAG_UNMATCHED)
    return {
        "activity_id": activity_id, "document_id": doc_id, "sector_id": sector_id, "sector": activity.sector,
        "line": activity.line, "activity": activity.text,
        "code": code, "okved_name": record.name if record else None, "level": record.level if record else None,
        "level_ru": record.level_ru if record else None, "score": score, "status": status,
        "alternatives": "; ".join(f"{c.code} ({c.score:.2f})" for c in match.candidates if c.code != code) or None,
        "declared_code": activity.declared_code,
        "repeat_of_line": repeat_of_line,
        "fits_sector": None, "flags": ", ".join(flags), "review_note": note,
        "text_key": normalized_key(activity.text), "section": record.section if record else None,
    }


def open_database(path: str | Path) -> sqlite_utils.Database:
    """A database that ``build`` wrote, or a one-line error that says how to make one."""
    path = Path(path)
    if not path.is_file():
        raise MapperError(f"{path}: такой базы нет; сначала соберите её: okved-mapper build --db {path}")
    db = sqlite_utils.Database(path)
    try:
        tables = db.table_names()
        check = db.execute("pragma quick_check").fetchone()[0]
    except sqlite3.DatabaseError as e:  # random bytes, a truncated file
        tables, check = [], str(e)
    if check != "ok":
        db.close()
        raise MapperError(f"{path}: файл повреждён или это не база SQLite ({check}); "
                          f"соберите её заново: okved-mapper build --db {path}")
    if "activity_codes" not in tables:
        raise MapperError(f"{path}: эту базу собрал не okved-mapper (нет таблицы activity_codes)")
    return db


def find_activities(db_path: str | Path, selector: str) -> list[dict]:
    """Rows of ``activity_codes`` an ACTIVITY argument names: a line number, or the activity's text
    (compared normalised: «литьё  металлов» finds «Литье металлов»). Reads the database only."""
    db = open_database(db_path)
    selector = selector.strip()
    if selector.isdigit():
        return list(db.query("select * from activity_codes where line = ? order by activity_id", [int(selector)]))
    key = normalized_key(selector)
    return [row for row in db.query("select * from activity_codes order by activity_id")
            if normalized_key(row["activity"]) == key]
