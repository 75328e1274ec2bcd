"""The official OKVED 2 classifier: records, hierarchy, code normalisation, sources and updates.

>>> ref = load_reference()
>>> ref.resolve("2561").name
'Обработка металлов и нанесение покрытий на металлы'
>>> [c.code for c in ref.ancestors("25.61")]
['25.6', '25', 'C']

Two source shapes are read:

* CSV — Rosstat's open-data table (``Razdel;Code;Name``, cp1251, ``;``) and its UTF-8 variants
  (``group,code,name``), and the project's own ``code,name,level,parent,section,notes``;
* JSON — a list of records ``{"c": code, "n": name, "p": parent, "s": section, "d": notes}``.

The level of a code follows its digit count, never its number of dots.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import json
import os
import re
import secrets
import stat as stat_module
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .bundled import default_reference_path
from .errors import CodeError, ReferenceDataError

CLASSIFIER = "ОКВЭД 2 (ОК 029-2014)"
ENV_REFERENCE = "OKVED_REFERENCE"

#: level key by digit count (0 for a section letter)
LEVELS = {0: "section", 2: "division", 3: "group", 4: "class", 5: "subclass", 6: "type"}
#: the Russian names users know; NACE's English names are shifted by one from NN on
LEVEL_NAMES_RU = {
    "section": "раздел",
    "division": "класс",
    "group": "подкласс",
    "class": "группа",
    "subclass": "подгруппа",
    "type": "вид",
}
SECTIONS = "ABCDEFGHIJKLMNOPQRSTU"

_DOTTED = re.compile(r"^\d{2}(?:\.\d{1,2})?$|^\d{2}\.\d{2}\.\d{1,2}$", re.ASCII)
_DIGITS = re.compile(r"[0-9]{2,6}")
_SECTION_LOOKALIKES = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")
_CSV_COLUMNS = {
    "code": ("code", "kod", "код", "c"),
    "name": ("name", "naim", "наименование", "название", "n"),
    "section": ("razdel", "section", "group", "раздел", "s"),
    "parent": ("parent", "p", "родитель"),
    "notes": ("notes", "d", "пояснения", "comment"),
}
OUTPUT_COLUMNS = ("code", "name", "level", "parent", "section", "notes")


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Code:
    """One position of the classifier, e.g. ``Code("25.6", "Обработка металлов …", "group", "25", "C")``."""

    code: str
    name: str
    level: str
    parent: str | None
    section: str
    notes: str = ""

    @property
    def digits(self) -> int:
        """Digit count: 0 for a section, 2 for ``25``, 3 for ``25.6`` … 6 for ``25.61.11``."""
        return 0 if self.level == "section" else len(self.code.replace(".", ""))

    @property
    def level_ru(self) -> str:
        """The Russian level name: раздел, класс, подкласс, группа, подгруппа, вид."""
        return LEVEL_NAMES_RU[self.level]


@dataclass(frozen=True, slots=True)
class Edition:
    """Which release of the classifier a reference holds, and where it came from."""

    edition: str
    date: str | None = None
    source: str = ""
    source_url: str | None = None
    records: int = 0
    with_notes: int = 0
    sha256: str | None = None
    imported_at: str | None = None
    history: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        return {
            "classifier": CLASSIFIER,
            "edition": self.edition,
            "date": self.date,
            "source": self.source,
            "source_url": self.source_url,
            "records": self.records,
            "with_notes": self.with_notes,
            "sha256": self.sha256,
            "imported_at": self.imported_at,
            "history": list(self.history),
        }


@dataclass(frozen=True, slots=True)
class ReferenceDiff:
    """What changed between two editions: codes added, removed, and renamed (old, new name)."""

    added: tuple[Code, ...] = ()
    removed: tuple[Code, ...] = ()
    renamed: tuple[tuple[Code, Code], ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.renamed)

    def summary(self) -> str:
        return f"добавлено {len(self.added)}, исключено {len(self.removed)}, переименовано {len(self.renamed)}"


# ---------------------------------------------------------------- codes


def level_of(code: str) -> str:
    """Level key of a canonical code: ``level_of("25.6") == "group"`` (подкласс)."""
    if len(code) == 1 and code in SECTIONS:
        return "section"
    return LEVELS[len(code.replace(".", ""))]


def _from_digits(digits: str) -> str:
    if len(digits) <= 2:
        return digits
    if len(digits) <= 4:
        return f"{digits[:2]}.{digits[2:]}"
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:]}"


def utc_now() -> str:
    """The current UTC time to the second, ISO 8601: when an edition was imported or a build made."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def strip_zero_levels(code: str) -> str:
    """A code without trailing zero levels, which add nothing: ``strip_zero_levels("24.20")`` → ``"24.2"``,
    ``"12.00"`` → ``"12"``. Sections and two-digit divisions stay as they are."""
    digits = code.replace(".", "")
    if not digits.isdigit():
        return code
    while len(digits) > 2 and digits.endswith("0"):
        digits = digits[:-1]
    return _from_digits(digits)


def derived_parent(code: str) -> str | None:
    """Parent by the code's own digits; ``None`` for a section and for a division (its parent is a
    section letter, which the digits do not tell): ``derived_parent("25.61.1") == "25.61"``."""
    digits = code.replace(".", "")
    if len(code) == 1 or len(digits) <= 2:
        return None
    return _from_digits(digits[:-1])


def normalize_code(text: str) -> str:
    """Canonical form of a code as people type it.

    ``"25.61.1 "`` → ``"25.61.1"``, ``"2561"`` → ``"25.61"``, ``"25,6"`` → ``"25.6"``,
    ``"ОКВЭД 25.6"`` → ``"25.6"``, ``"c"`` or a Cyrillic ``"С"`` → ``"C"``. Raises :class:`CodeError`
    for anything that is not a code. Whether the code exists is :meth:`Reference.resolve`'s job.
    """
    raw = text if isinstance(text, str) else str(text)
    value = re.sub(r"^\s*(?:оквэд|okved)(?:\s*2(?![\d.,]))?[\s:]*", "", raw.strip(), flags=re.IGNORECASE)
    value = value.strip().rstrip(".").replace(",", ".").replace(" ", "")
    # digits of another script («２５.６１») read as ours; a superscript «²» is no digit of a code
    value = "".join(str(int(c)) if c.isdecimal() else c for c in value)
    if len(value) == 1 and value.isalpha():
        letter = value.upper().translate(_SECTION_LOOKALIKES)
        if letter in SECTIONS:
            return letter
    elif _DIGITS.fullmatch(value):
        return _from_digits(value)
    elif _DOTTED.match(value):
        return value
    shown = " ".join(raw.split())  # one line, whatever was typed
    raise CodeError(
        f"«{shown[:60]}{'…' if len(shown) > 60 else ''}» — не код ОКВЭД 2: нужна буква раздела A–U "
        "или код вида 25, 25.6, 25.61, 25.61.1, 25.61.11"
    )


# ---------------------------------------------------------------- the reference


class Reference:
    """An edition of OKVED 2 with its hierarchy. Built once, read many times; never mutated."""

    def __init__(self, codes: Iterable[Code], edition: Edition, path: Path | None = None):
        self._codes: dict[str, Code] = {c.code: c for c in codes}
        self.edition = edition
        self.path = path
        children: dict[str | None, list[str]] = {}
        for c in self._codes.values():
            children.setdefault(c.parent, []).append(c.code)
        self._children = {k: tuple(v) for k, v in children.items()}

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __getitem__(self, code: str) -> Code:
        try:
            return self._codes[code]
        except KeyError:
            raise CodeError(f"кода {code} нет в ОКВЭД 2 (редакция {self.edition.edition})") from None

    def get(self, code: str) -> Code | None:
        return self._codes.get(code)

    def resolve(self, text: str) -> Code:
        """The record for a code as typed: ``resolve(" 25.60")`` is 25.6 (a trailing zero level adds
        nothing), ``resolve("2561")`` is 25.61. Raises :class:`CodeError` when there is no such code."""
        code = normalize_code(text)
        probe = code
        while probe not in self._codes and probe.endswith("0") and len(probe.replace(".", "")) > 2:
            probe = _from_digits(probe.replace(".", "")[:-1])
        if probe in self._codes:
            return self._codes[probe]
        raise CodeError(f"кода {code} нет в ОКВЭД 2 (редакция {self.edition.edition})")

    def nearest_above(self, code: str) -> Code | None:
        """The deepest code the reference has above a code it lacks: ``nearest_above("25.99.9")`` is 25.99 (a
        subclass an amendment removed, or a mistyped one); None when not even its division is there."""
        digits = code.replace(".", "")
        if not digits.isdigit():  # a section's letter has nothing above it
            return None
        for size in range(len(digits) - 1, 1, -1):
            probe = _from_digits(digits[:size])
            if probe in self._codes:
                return self._codes[probe]
        return None

    def parent(self, code: str) -> Code | None:
        parent = self[code].parent
        return self._codes[parent] if parent else None

    def children(self, code: str | None) -> list[Code]:
        """Direct children in classifier order; ``children(None)`` lists the sections."""
        if code is not None:
            self[code]
        return [self._codes[c] for c in self._children.get(code, ())]

    def ancestors(self, code: str) -> list[Code]:
        """From the parent up to the section: ``ancestors("25.61")`` → 25.6, 25, C."""
        out = []
        current = self.parent(code)
        while current is not None:
            out.append(current)
            current = self.parent(current.code)
        return out

    def descendants(self, code: str) -> list[Code]:
        """Every code beneath ``code``, depth first in classifier order."""
        out: list[Code] = []
        stack = list(reversed(self.children(code)))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children(current.code)))
        return out

    def sections(self) -> list[Code]:
        return self.children(None)


# ---------------------------------------------------------------- reading sources


@dataclass(frozen=True, slots=True)
class _Row:
    position: int
    code: str
    name: str
    section: str | None
    parent: str | None
    notes: str


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def guess_delimiter(sample: str) -> str:
    """The delimiter a CSV's first line (or first lines) uses: «;» from Russian Excel, «,» from everything
    else, or a tab: ``guess_delimiter("код;наименование")`` → ``";"``."""
    return max((";", ",", "\t"), key=sample.count)


def _csv_rows(text: str) -> list[_Row]:
    delimiter = guess_delimiter(text.split("\n", 1)[0])
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    index = {
        key: next((header.index(a) for a in aliases if a in header), None)
        for key, aliases in _CSV_COLUMNS.items()
    }
    if index["code"] is None or index["name"] is None:
        if len(rows[0]) == 3 and rows[0][0].strip() in SECTIONS:  # headerless Razdel;Code;Name
            index, body, start = {"section": 0, "code": 1, "name": 2, "parent": None, "notes": None}, rows, 1
        else:
            raise ReferenceDataError(
                f"в заголовке CSV нет столбцов кода и наименования ({', '.join(rows[0][:6])}); "
                "нужны Razdel;Code;Name или code,name,…"
            )
    else:
        body, start = rows[1:], 2

    def cell(row: list[str], key: str) -> str | None:
        i = index[key]
        return row[i].strip() if i is not None and i < len(row) else None

    out = []
    for number, row in enumerate(body, start=start):
        if not any(c.strip() for c in row):
            continue
        code = cell(row, "code") or ""
        section = cell(row, "section") or None
        if not code and section and len(section) == 1:
            code = section  # Rosstat's table gives a section as a row with an empty code
        out.append(_Row(number, code, cell(row, "name") or "", section, cell(row, "parent") or None,
                        cell(row, "notes") or ""))
    return out


def _json_rows(text: str) -> list[_Row]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReferenceDataError(f"это не JSON: {e.msg}, строка {e.lineno}, столбец {e.colno}") from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ReferenceDataError("JSON должен быть списком записей с ключами c, n, p, s (и, по желанию, d)")
    out = []
    for number, r in enumerate(records, start=1):
        out.append(_Row(number, str(r.get("c") or "").strip(), str(r.get("n") or "").strip(),
                        (str(r["s"]).strip() or None) if r.get("s") else None,
                        (str(r["p"]).strip() or None) if r.get("p") else None,
                        str(r.get("d") or "").strip()))
    return out


def _validate(rows: list[_Row]) -> list[Code]:
    problems: list[str] = []
    seen: dict[str, int] = {}
    pending: list[_Row] = []
    for row in rows:
        where = f"запись {row.position}"
        code = row.code
        is_section = len(code) == 1 and code in SECTIONS
        if not (is_section or _DOTTED.match(code)):
            problems.append(f"{where}: «{code}» — не код ОКВЭД 2")
            continue
        if code in seen:
            problems.append(f"{where}: код {code} повторяется (впервые в записи {seen[code]})")
            continue
        seen[code] = row.position
        if not row.name:
            problems.append(f"{where}: у кода {code} пустое наименование")
        expected = None if is_section else derived_parent(code) or row.parent or row.section
        if is_section and row.parent:
            problems.append(f"{where}: у раздела {code} не может быть родителя {row.parent}")
        elif expected is None and not is_section:
            problems.append(f"{where}: у класса {code} нет раздела")
        elif row.parent and row.parent != expected:
            problems.append(f"{where}: у кода {code} родитель {row.parent}, а по цифрам — {expected}")
        pending.append(row)

    parents: dict[str, str | None] = {}
    for row in pending:
        parent = None if level_of(row.code) == "section" else derived_parent(row.code) or row.parent or row.section
        if parent is not None and parent not in seen:
            problems.append(f"запись {row.position}: нет родителя {parent} кода {row.code}")
        parents[row.code] = parent

    def section_of(code: str) -> str:
        steps = 0
        while parents.get(code) and steps < 8:
            code, steps = parents[code], steps + 1
        return code

    codes: dict[str, Code] = {}
    for row in pending:
        section = section_of(row.code)
        if row.section and row.section != section and not problems:
            problems.append(f"запись {row.position}: код {row.code} в разделе {row.section}, "
                            f"а его родитель {parents[row.code]} — в разделе {section}")
        codes[row.code] = Code(row.code, row.name, level_of(row.code), parents[row.code], section, row.notes)
    if problems:
        more = f" (и ещё ошибок: {len(problems) - 1})" if len(problems) > 1 else ""
        raise ReferenceDataError(problems[0] + more)
    if not codes:
        raise ReferenceDataError("в источнике нет кодов")
    return list(codes.values())


def parse_reference(data: bytes, *, name: str = "source") -> list[Code]:
    """Validated records from the bytes of a source in either shape (JSON or CSV, detected)."""
    try:
        text = _decode(data)
        rows = _json_rows(text) if text.lstrip().startswith(("[", "{")) else _csv_rows(text)
        return _validate(rows)
    except ReferenceDataError as e:
        raise ReferenceDataError(f"{name}: {e}") from None


def meta_path(path: Path) -> Path:
    """``okved2.csv`` → ``okved2.meta.json``."""
    return path.with_suffix(".meta.json")


def _is_url(source: str) -> bool:
    return urllib.parse.urlsplit(str(source)).scheme in ("http", "https")


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise ReferenceDataError(f"не удалось загрузить {url}: {reason}") from None


def read_source(source: str | Path) -> tuple[bytes, dict | None]:
    """The bytes of a source (a path or an http(s) URL) and its metadata file beside it, if any
    (``okved2-rosstat-2026-10-01.json`` has ``okved2-rosstat-2026-10-01.meta.json``)."""
    if _is_url(str(source)):
        data = _fetch(str(source))
        parts = urllib.parse.urlsplit(str(source))
        meta_url = parts._replace(path=str(meta_path(Path(parts.path)))).geturl()
        try:
            meta = json.loads(_fetch(meta_url))
        except (ReferenceDataError, ValueError):
            meta = None
        return data, meta if isinstance(meta, dict) else None
    path = Path(source)
    if not path.is_file():
        raise ReferenceDataError(f"{path}: нет такого файла")
    data = path.read_bytes()
    side = meta_path(path)
    meta = None
    if side.is_file() and side != path:
        try:
            meta = json.loads(side.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ReferenceDataError(f"{side}: метаданные не читаются: {e}") from None
    return data, meta if isinstance(meta, dict) else None


def _edition_from_meta(meta: dict | None, data: bytes, codes: list[Code], *, source: str) -> Edition:
    meta = meta or {}
    edition = meta.get("edition") or meta.get("version") or meta.get("source_date")
    date = meta.get("date") or meta.get("source_date")
    return Edition(
        edition=str(edition) if edition else f"unknown ({Path(source).name})",
        date=str(date) if date else None,
        source=str(meta.get("source") or source),
        source_url=meta.get("source_url"),
        records=len(codes),
        with_notes=sum(1 for c in codes if c.notes),
        sha256=hashlib.sha256(data).hexdigest(),
        imported_at=meta.get("imported_at") or meta.get("generated_at"),
        history=tuple(meta.get("history") or ()),
    )


def _check_meta(meta: dict | None, data: bytes, codes: list[Code], *, name: str) -> None:
    """A source's own metadata must agree with its data: hash and record count."""
    if not meta:
        return
    digest = meta.get("data_hash")  # the mirror's: first hex digits of the MD5 of the data
    if digest and not hashlib.md5(data).hexdigest().startswith(str(digest).lower()):
        raise ReferenceDataError(f"{name}: данные не совпадают с data_hash {digest} из файла метаданных")
    sha = meta.get("sha256")
    if sha and hashlib.sha256(data).hexdigest() != sha:
        raise ReferenceDataError(f"{name}: данные не совпадают с sha256 из файла метаданных")
    count = meta.get("records_count")
    if count is not None and int(count) != len(codes):
        raise ReferenceDataError(f"{name}: записей {len(codes)}, а в файле метаданных — {count}")


def resolve_reference_path(path: str | Path | None = None) -> Path:
    """The reference to use: ``path``, else ``$OKVED_REFERENCE``, else the bundled ``reference/okved2.csv``."""
    chosen = path or os.environ.get(ENV_REFERENCE) or default_reference_path()
    return Path(chosen).expanduser()


def load_reference(path: str | Path | None = None) -> Reference:
    """Load (once per file version) a reference in either shape; see :func:`resolve_reference_path`."""
    resolved = resolve_reference_path(path).resolve()
    if not resolved.is_file():
        raise ReferenceDataError(f"{resolved}: нет такого файла справочника")
    stat = resolved.stat()
    return _load_cached(str(resolved), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_cached(path: str, _mtime: int, _size: int) -> Reference:
    data, meta = read_source(path)
    codes = parse_reference(data, name=path)
    return Reference(codes, _edition_from_meta(meta, data, codes, source=path), Path(path))


# ---------------------------------------------------------------- writing and updating


def diff_references(old: Reference, new: Reference) -> ReferenceDiff:
    """Codes added, removed and renamed from ``old`` to ``new``, in classifier order."""
    return ReferenceDiff(
        added=tuple(c for c in new if c.code not in old),
        removed=tuple(c for c in old if c.code not in new),
        renamed=tuple((old[c.code], c) for c in new if c.code in old and " ".join(old[c.code].name.split())
                      != " ".join(c.name.split())),
    )


def reference_csv(codes: Iterable[Code]) -> bytes:
    """The project's CSV shape (UTF-8, comma separated, a header row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for c in codes:
        writer.writerow([c.code, c.name, c.level, c.parent or "", c.section, c.notes])
    return buffer.getvalue().encode("utf-8")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; on success it replaces ``path`` in one step, on any
    failure it is removed and ``path`` stays as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    # named before it is made, and made inside the «try»: a «kill» the moment the file appeared (between
    # tempfile.mkstemp making it and a «try» after it) left it behind. The name has this process's number
    # and 32 random bits: no one else's file has it
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        yield tmp
        os.chmod(tmp, _mode_for(path))  # made 0600 while written; done, the mode any new file gets
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file (0644 with 022)."""
    try:
        return stat_module.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def remove_stale_temporaries(path: Path, *, legacy_age: float = 3600.0) -> list[Path]:
    """Remove the temporaries of writes to ``path`` that a killed process left (``.okved.db.4242.x1y2.tmp``
    whose process 4242 is gone; one without a process number, from an older version, after an hour).
    Returns what was removed."""
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        owner = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if owner.isdigit():
            if _alive(int(owner)):
                continue
        elif time.time() - tmp.stat().st_mtime < legacy_age:
            continue
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so that readers see either the old or the new bytes, never a half."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@dataclass(frozen=True, slots=True)
class UpdateResult:
    output: Path
    reference: Reference
    previous: Reference | None
    diff: ReferenceDiff = field(default_factory=ReferenceDiff)


def update_reference(source: str | Path, *, output: str | Path | None = None,
                     edition: str | None = None, current: str | Path | None = None) -> UpdateResult:
    """Ingest a newer official release and write it, with its metadata, to ``output``.

    ``source`` is a path or URL in either shape. The source is validated before anything is written;
    the data and its ``.meta.json`` are each replaced atomically. ``current`` (default: the reference
    in use, see :func:`resolve_reference_path`) is what the difference is computed against and what
    the new edition's history records as replaced; ``output`` defaults to it.
    """
    previous_path = resolve_reference_path(current)
    out = Path(output) if output else previous_path
    data, meta = read_source(source)
    name = str(source)
    codes = parse_reference(data, name=name)
    _check_meta(meta, data, codes, name=name)
    previous = load_reference(previous_path) if previous_path.is_file() else None

    payload = reference_csv(codes)
    found = _edition_from_meta(meta, data, codes, source=name)
    history = list(previous.edition.history) if previous else []
    if previous:
        e = previous.edition
        history.append({"edition": e.edition, "date": e.date, "source": e.source,
                        "records": e.records, "sha256": e.sha256, "imported_at": e.imported_at})
    new_edition = Edition(
        edition=edition or found.edition,
        date=found.date,
        source=found.source,
        source_url=found.source_url or (name if _is_url(name) else None),
        records=len(codes),
        with_notes=found.with_notes,
        sha256=hashlib.sha256(payload).hexdigest(),
        imported_at=utc_now(),
        history=tuple(history),
    )
    meta_bytes = (json.dumps(new_edition.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    atomic_write(out, payload)
    atomic_write(meta_path(out), meta_bytes)
    new = Reference(codes, new_edition, out)
    return UpdateResult(out, new, previous, diff_references(previous, new) if previous else ReferenceDiff(
        added=tuple(codes)))
