"""File formats for what the database holds: the mapping per activity, and code lists for registries.

Everything is read from the built database (``db/okved.db``); nothing here runs the matcher.

* CSV — UTF-8 with a BOM and ``;`` by default, which Russian Excel opens as columns;
* XLSX — a summary sheet, a sheet per sector and a codes sheet, with a frozen header and readable widths;
* JSON — for programs.

``okved-mapper export --codes`` gives the cluster's distinct codes, each group or division expanded to
its codes of four and more digits with a SQL ``LIKE`` prefix (25.6 → 25.61 ``25.61%``, 25.62 ``25.62%``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import sqlite_utils

from .database import open_database
from .errors import MapperError
from .labels import STATUS_LABELS, status_label

MAPPING_COLUMNS = [
    ("sector", "Отрасль"), ("line", "Строка"), ("activity", "Вид деятельности"), ("code", "Код ОКВЭД 2"),
    ("okved_name", "Наименование"), ("level_ru", "Уровень"), ("score", "Оценка"), ("status_ru", "Статус"),
    ("alternatives", "Альтернативы"), ("flags", "Замечания"), ("review_note", "Примечание эксперта"),
]
CODES_COLUMNS = [
    ("cluster_code", "Код кластера"), ("cluster_name", "Наименование"), ("cluster_level", "Уровень"),
    ("code", "Код для реестра"), ("name", "Наименование кода для реестра"), ("level", "Уровень кода для реестра"),
    ("like_pattern", "LIKE"), ("sectors", "Отрасли"),
]
FORMATS = ("csv", "xlsx", "json")


def mapping_rows(db: sqlite_utils.Database) -> list[dict]:
    """One row per activity, in document order, with its alternatives as a list."""
    alternatives: dict[int, list[dict]] = {}
    for row in db.query("select activity_id, rank, code, score from candidates order by activity_id, rank"):
        alternatives.setdefault(row["activity_id"], []).append({"code": row["code"], "score": row["score"]})
    rows = []
    for row in db.query("select a.*, d.name as document from activity_codes a join documents d on d.id = a.document_id "
                        "order by a.activity_id"):
        others = [c for c in alternatives.get(row["activity_id"], []) if c["code"] != row["code"]]
        rows.append({**row, "alternatives_list": others, "status_ru": status_label(row["status"]),
                     "alternatives": "; ".join(f"{c['code']} ({c['score']:.2f})" for c in others)})
    return rows


def codes_rows(db: sqlite_utils.Database) -> list[dict]:
    """The cluster's codes expanded for registries (see the module docstring), each registry code once:
    25.61 reached from the cluster's 25.6 and from its own 25.61 is one row, «25.6; 25.61»."""
    merged: dict[str, dict] = {}
    for row in db.query(
            "select r.cluster_code, o.name as cluster_name, o.level_ru as cluster_level, r.code, r.name, "
            "r.level_ru as level, r.like_pattern, r.sectors from registry_codes r "
            "join okved o on o.code = r.cluster_code order by r.code, r.cluster_code"):
        kept = merged.setdefault(row["code"], {**row, "cluster_code": [], "cluster_name": [], "cluster_level": [],
                                               "sectors": []})
        for key in ("cluster_code", "cluster_name", "cluster_level"):
            if row[key] not in kept[key]:
                kept[key].append(row[key])
        kept["sectors"] += [s for s in (row["sectors"] or "").split("; ") if s and s not in kept["sectors"]]
    return [{**row, **{key: "; ".join(row[key]) for key in ("cluster_code", "cluster_name", "cluster_level")},
             "sectors": "; ".join(sorted(row["sectors"]))} for row in merged.values()]


def _csv(rows: list[dict], columns: list[tuple[str, str]], delimiter: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row[key] for key, _ in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name or "Без отрасли").strip()[:31] or "Лист"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _write_sheet(sheet, rows: list[dict], columns: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([title for _, title in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([row.get(key) for key, _ in columns])
        for cell in sheet[sheet.max_row]:  # a text that begins with «=» is text, not a formula Excel would run
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for index, (key, title) in enumerate(columns, start=1):
        longest = max([len(str(title))] + [len(str(r.get(key) or "")) for r in rows])
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(8, min(60, longest + 2))
        if longest > 60:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _xlsx(db: sqlite_utils.Database, rows: list[dict], codes: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Сводка"
    edition = next(db["reference_edition"].rows, {})
    summary.append(["Сопоставление видов деятельности с ОКВЭД 2"])
    summary["A1"].font = Font(bold=True, size=13)
    for document in db["documents"].rows:
        summary.append(["Документ", document["name"], document["title"] or ""])
        summary.append(["Собрано", document["built_at"]])
    summary.append(["Редакция ОКВЭД 2", edition.get("edition", "")])
    summary.append([])
    summary.append(["Статус", "Видов деятельности"])
    counts = _count(rows, "status")
    for status in sorted(counts, key=lambda s: list(STATUS_LABELS).index(s) if s in STATUS_LABELS else 9):
        summary.append([status_label(status), counts[status]])
    summary.append([])
    summary.append(["Отрасль", "Видов деятельности", "Различных кодов"])
    by_sector: dict[str, list[dict]] = {}
    for row in rows:
        by_sector.setdefault(row["sector"] or "Без отрасли", []).append(row)
    for sector, members in by_sector.items():
        summary.append([sector, len(members), len({m["code"] for m in members if m["code"]})])
    summary.column_dimensions["A"].width = 60
    summary.column_dimensions["B"].width = 22
    summary.column_dimensions["C"].width = 18

    taken = {"сводка", "коды"}
    for sector, members in by_sector.items():
        _write_sheet(book.create_sheet(_sheet_title(sector, taken)), members, MAPPING_COLUMNS[1:])
    _write_sheet(book.create_sheet("Коды"), codes, CODES_COLUMNS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_xlsx(title: str, columns: list[tuple[str, str]], rows: list[dict], *, footnote: str = "") -> bytes:
    """One sheet of ``rows`` under Russian headers (``columns``: key, header), for a page of the site
    that a user downloads for Excel («Коды видов деятельности» → «Коды видов деятельности.xlsx»);
    ``footnote``: a last line under the rows (that the download was cut, say)."""
    from openpyxl import Workbook

    book = Workbook()
    _write_sheet(book.active, rows, columns)
    book.active.title = _sheet_title(title or "Лист", set())
    if footnote:
        book.active.append([])
        book.active.append([footnote])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _count(rows: list[dict], key: str) -> dict:
    out: dict = {}
    for row in rows:
        out[row[key]] = out.get(row[key], 0) + 1
    return out


def export(db_path: str | Path, *, fmt: str = "csv", codes: bool = False, delimiter: str = ";") -> bytes:
    """The bytes of an export; see the module docstring."""
    if fmt not in FORMATS:
        raise MapperError(f"неизвестный формат «{fmt}»: подходят {', '.join(FORMATS)}")
    if len(delimiter) != 1:
        raise MapperError(f"разделитель — один символ, а не «{delimiter}»")
    db = open_database(db_path)
    code_list = codes_rows(db)
    if codes:
        if fmt == "csv":
            return _csv(code_list, CODES_COLUMNS, delimiter)
        if fmt == "json":
            return json.dumps({"codes": code_list}, ensure_ascii=False, indent=2).encode("utf-8")
        return sheet_xlsx("Коды", CODES_COLUMNS, code_list)  # the code list alone, for a registry query
    rows = mapping_rows(db)
    if fmt == "csv":
        return _csv(rows, MAPPING_COLUMNS, delimiter)
    if fmt == "xlsx":
        return _xlsx(db, rows, code_list)
    edition = next(db["reference_edition"].rows, {})
    payload = {
        "reference_edition": edition.get("edition"),
        "documents": [{k: d[k] for k in ("name", "title", "sha256", "built_at", "matcher_version")}
                      for d in db["documents"].rows],
        "activities": [{
            "document": r["document"], "sector": r["sector"], "line": r["line"], "activity": r["activity"],
            "code": r["code"], "name": r["okved_name"], "level": r["level"], "level_ru": r["level_ru"],
            "score": r["score"], "status": r["status"], "status_ru": r["status_ru"],
            "alternatives": r["alternatives_list"],
            "flags": [f for f in (r["flags"] or "").split(", ") if f], "review_note": r["review_note"],
        } for r in rows],
        "codes": code_list,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
