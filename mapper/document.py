"""Reading cluster documents: sectors, activities, and the damage that pasting does to them.

A document is a list of lines (or table rows, or paragraphs). Capitalised lines are sector headings;
the lines under them are activities::

    МЕТАЛЛООБРАБОТКА
    Литье металлов (24.5)
     Переработка и консервирование мяса и мясной пищевой продукции  Рыболовство и рыбоводство

gives the sector «МЕТАЛЛООБРАБОТКА» with the activity «Литье металлов» (declared code 24.5), and
two activities from the glued line, both pointing to its line number. Nothing here matches codes
or writes files.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .bundled import default_document_path
from .errors import CodeError, DocumentError
from .lemmas import fix_lookalikes, normalized_key
from .reference import Reference, guess_delimiter, load_reference, normalize_code

FORMATS = (".txt", ".csv", ".xlsx", ".docx")

#: flags an activity may carry
DUPLICATE = "duplicate"  # the same activity appeared earlier (see duplicate_of)
DUPLICATE_IN_SECTOR = "duplicate_in_sector"  # … earlier in the same sector
DUPLICATE_ACROSS_SECTORS = "duplicate_across_sectors"  # … earlier, in another sector
SPLIT = "split"  # one of several activities glued on one source line
DECLARED_CODE = "declared_code"  # the author wrote a code beside the activity
LOOKALIKES = "lookalikes"  # Latin letters inside Cyrillic words were replaced

# how much better the parts of a glued line must resemble official names than the whole line
SPLIT_MIN_PART_SUPPORT = 85.0
SPLIT_MIN_GAIN = 5.0


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity: ``Activity(line=11, text="Литье металлов", raw="Литье металлов (24.5)",
    sector="МЕТАЛЛООБРАБОТКА", position=7, flags=("declared_code",), declared_code="24.5")``."""

    line: int
    text: str
    raw: str
    sector: str | None
    position: int
    flags: tuple[str, ...] = ()
    declared_code: str | None = None
    duplicate_of: int | None = None  # position of the first occurrence


@dataclass(frozen=True, slots=True)
class Sector:
    name: str
    line: int
    position: int


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    title: str | None
    sectors: tuple[Sector, ...]
    activities: tuple[Activity, ...]
    format: str
    encoding: str | None = None
    ignored: tuple[tuple[int, str], ...] = field(default=())  # (line, text) of titles and column headers

    def in_sector(self, sector: str | None) -> list[Activity]:
        return [a for a in self.activities if a.sector == sector]

    def by_sector(self) -> dict[str | None, list[Activity]]:
        """The activities of every sector at once, in order (a heading that repeats is one sector): for
        large documents, where :meth:`in_sector` once per sector would read them all again each time."""
        out: dict[str | None, list[Activity]] = {}
        for activity in self.activities:
            out.setdefault(activity.sector, []).append(activity)
        return out


@dataclass(frozen=True, slots=True)
class _Item:
    """A raw line of any format: its number, text, and what a table said explicitly."""

    line: int
    text: str
    sector: str | None = None
    code: str | None = None
    heading: bool = False


# ---------------------------------------------------------------- cleaning

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u2002\u2003\u2004\u2005\u2006\u2008\u200a\t\r\f\v"), " ")
_ODD = re.compile("[" + re.escape("".join(map(chr, [*_INVISIBLE, *_SPACES]))) + "]")
_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[a-zа-я]\)|[-–—•·*▪●○■□►✓]+)\s+", re.IGNORECASE)
_CODE = r"\d{2}(?:\.\d{1,2}){0,2}"
_CODE_PREFIX = re.compile(rf"^(?:ОКВЭД\s*2?\s*:?\s*)?({_CODE})(?=\s)[\s:–—-]*", re.IGNORECASE)
_CODE_SUFFIX = re.compile(rf"\s*(?:\(\s*(?:ОКВЭД\s*2?\s*:?\s*)?({_CODE})\s*\)|[–—-]\s*(?:ОКВЭД\s*2?\s*:?\s*)?({_CODE}))\s*$",
                          re.IGNORECASE)
_GLUE = re.compile(r"(?<=\S) {2,}(?=[A-ZА-ЯЁ])|(?<=[а-яё])(?=[А-ЯЁ][а-яё])")


def clean_text(text: str) -> str:
    """Visible text of a pasted line: invisible characters dropped, odd spaces made plain, runs of
    spaces collapsed, ends stripped. ``clean_text("Литье\\u00a0металлов\\u200b ")`` → ``"Литье металлов"``."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(_plain(text).split())


def _plain(text: str) -> str:
    """Invisible characters dropped and odd spaces made plain; most lines have none (``translate`` with
    a table costs microseconds a line, a search for them a fraction of that)."""
    return text.translate(_INVISIBLE).translate(_SPACES) if _ODD.search(text) else text


def _is_heading(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    if letters < 2:
        return False
    upper = sum(map(str.isupper, filter(str.isalpha, text)))
    return upper / letters >= 0.8 or (text.endswith(":") and len(text) < 120)


# ---------------------------------------------------------------- glued lines


@lru_cache(maxsize=4)
def _name_index(reference: Reference) -> tuple[str, ...]:
    return tuple(normalized_key(c.name) for c in reference if c.level != "section")


def reference_support(reference: Reference) -> Callable[[str], float]:
    """How closely a text resembles some official name, 0–100 (rapidfuzz ``token_sort_ratio`` on
    lower-cased, ё-folded text): «Рыболовство и рыбоводство» → 100."""
    from rapidfuzz import fuzz, process

    names = _name_index(reference)

    def support(text: str) -> float:
        found = process.extractOne(normalized_key(text), names, scorer=fuzz.token_sort_ratio, processor=None)
        return float(found[1]) if found else 0.0

    return support


def split_glued(text: str, support: Callable[[str], float] | None) -> list[str]:
    """Parts of a line that glues activities together — at a run of spaces (or a missing one) before
    a capital letter — when every part resembles an official name better than the whole does."""
    if support is None:
        return [text]
    cuts = [m.start() for m in _GLUE.finditer(text)]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    parts = [clean_text(text[a:b]) for a, b in zip(bounds, bounds[1:])]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return [text]
    scores = [support(p) for p in parts]
    whole = support(clean_text(text))
    if min(scores) >= SPLIT_MIN_PART_SUPPORT and min(scores) >= whole + SPLIT_MIN_GAIN:
        return parts
    return [text]


# ---------------------------------------------------------------- reading formats


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Text of a file's bytes, and its encoding: UTF-8 (with or without BOM), UTF-16 with BOM, or cp1251
    (what Excel and older Windows tools write); a binary file raises :class:`DocumentError`."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{path}: похоже на двоичный файл, а не на текст")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = data.decode("cp1251", errors="replace")
        return text, "cp1251"


def split_lines(text: str) -> list[str]:
    r"""Lines as an editor numbers them: broken at ``\n``, ``\r\n`` or an old Mac's ``\r`` only. A form feed
    or a Unicode line separator pasted from Word stays inside its line as a space would
    (``str.splitlines`` breaks there too, and the line numbers people see would drift)."""
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _read_lines(text: str) -> list[_Item]:
    return [_Item(number, line) for number, line in enumerate(split_lines(text), start=1)]


_SECTOR_COLUMNS = ("сектор", "отрасль", "направление", "раздел", "sector", "industry", "кластер")
_ACTIVITY_COLUMNS = ("вид деятельности", "виды деятельности", "деятельность", "activity", "activities",
                     "наименование", "название", "text", "текст")
_CODE_COLUMNS = ("код", "код оквэд", "оквэд", "оквэд 2", "оквэд2", "code", "okved")


def _column(header: list[str], names: Iterable[str]) -> int | None:
    lowered = [clean_text(h).lower().rstrip(":") for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _table_items(rows: list[tuple[int, list[str]]]) -> list[_Item]:
    """Rows of a table: a sector and an activity column (a header names them, or two bare columns),
    optionally a code column; or one column read as lines."""
    rows = [(n, [clean_text(str(c)) if c is not None else "" for c in cells]) for n, cells in rows]
    rows = [(n, cells) for n, cells in rows if any(cells)]
    if not rows:
        return []
    width = max(len(cells) for _, cells in rows)
    header = rows[0][1]
    sector_col = _column(header, _SECTOR_COLUMNS)
    activity_col = _column(header, _ACTIVITY_COLUMNS)
    code_col = _column(header, _CODE_COLUMNS)
    has_header = activity_col is not None
    body = rows[1:] if has_header else rows
    if not has_header:
        filled = [sum(1 for _, cells in rows if len(cells) > i and cells[i]) for i in range(width)]
        used = [i for i, count in enumerate(filled) if count]
        if len(used) == 1:
            activity_col = used[0]
        elif len(used) >= 2:
            sector_col, activity_col = used[0], used[1]
    if activity_col is None:
        return []

    def cell(cells: list[str], i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    items, current = [], None
    for n, cells in body:
        if sector_col is not None:  # merged cells: a sector is written once per group
            current = cell(cells, sector_col) or current
        if cell(cells, activity_col):
            items.append(_Item(n, cell(cells, activity_col), sector=current, code=cell(cells, code_col) or None))
    return items


def _read_csv(text: str) -> list[_Item]:
    delimiter = guess_delimiter(text[:4096])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _table_items([(reader.line_num, row) for row in reader])


def _read_xlsx(path: Path, sheet: str | None) -> list[_Item]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise DocumentError(f"{path}: книга .xlsx не читается ({e.__class__.__name__})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DocumentError(f"{path}: нет листа «{sheet}» (листы: {', '.join(book.sheetnames)})")
        rows: list = []
        # without --sheet, the first sheet that has any text: an empty cover sheet is passed over
        for ws in [book[sheet]] if sheet else book.worksheets:
            rows = [(i, ["" if v is None else str(v) for v in row])
                    for i, row in enumerate(ws.iter_rows(values_only=True), start=1)]
            if any(cell.strip() for _, cells in rows for cell in cells):
                break
    finally:
        book.close()
    return _table_items(rows)


def _read_docx(path: Path) -> list[_Item]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises several unrelated types for a broken package
        raise DocumentError(f"{path}: документ .docx не читается ({e.__class__.__name__})") from None
    items: list[_Item] = []
    number = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            number += 1
            paragraph = Paragraph(block, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            items.append(_Item(number, paragraph.text, heading=style.lower().startswith(("heading", "заголовок"))))
        elif tag == "tbl":
            table = Table(block, document)
            rows = []
            for row in table.rows:
                number += 1
                cells = []
                for cell in row.cells:  # a merged cell repeats; keep it once per row
                    if not cells or cell.text != cells[-1]:
                        cells.append(cell.text)
                rows.append((number, cells))
            items.extend(_table_items(rows))
    return items


def _load_items(path: Path, sheet: str | None) -> tuple[list[_Item], str, str | None]:
    if not path.exists():
        raise DocumentError(f"{path}: нет такого файла")
    if path.is_dir():
        raise DocumentError(f"{path}: это папка, а не документ")
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DocumentError(f"{path}: формат «{suffix or 'без расширения'}» не поддерживается "
                            f"(подходят {', '.join(FORMATS)})")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(f"{path}: файл пуст")
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet), "xlsx", None
    if suffix == ".docx":
        return _read_docx(path), "docx", None
    text, encoding = decode_text(data, path)
    if suffix == ".csv":
        return _read_csv(text), "csv", encoding
    return _read_lines(text), "txt", encoding


# ---------------------------------------------------------------- the pipeline


def _strip_markers(text: str) -> tuple[str, str | None]:
    """List markers off, and a code the author wrote inline taken out:
    «25.11 Производство …», «Литье металлов (24.5)», «1) Литье металлов – 24.5»."""
    text = _LIST_MARKER.sub("", text, count=1)
    code = None
    match = _CODE_PREFIX.match(text)
    if match:
        code, text = match.group(1), text[match.end():]
    match = _CODE_SUFFIX.search(text)
    if match and match.start() > 0:
        code, text = code or match.group(1) or match.group(2), text[:match.start()]
    return text.strip(" ;,.").strip(), code


def _valid_code(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return normalize_code(text)
    except CodeError:
        return None


def parse_document(path: str | Path | None = None, *, reference: Reference | None = None,
                   sheet: str | None = None, split: bool = True) -> Document:
    """Read a document into sectors and activities.

    ``path`` defaults to the bundled document; ``reference`` (default: the reference in use) is
    consulted only to decide whether a line glues two activities together; ``sheet`` picks an xlsx
    sheet by name. Raises :class:`DocumentError` with a one-line message for a missing, empty,
    binary or unsupported file, and for a document without activities.
    """
    path = Path(path) if path is not None else default_document_path()
    items, fmt, encoding = _load_items(path, sheet)
    support = reference_support(reference or load_reference()) if split else None

    cleaned = []
    for item in items:
        text = clean_text(item.text)
        if text:
            cleaned.append((item, text))

    # A heading starts a sector only when activities follow it; a run of headings before the
    # first activities is the title and column headers.
    heading = [item.sector is None and (item.heading or _is_heading(text)) for item, text in cleaned]
    title, ignored = None, []
    sectors: list[Sector] = []
    named: set[str] = set()  # sector names met so far: a table's sector column adds each once
    strings: dict[str, str] = {}
    activities: list[Activity] = []
    seen: dict[str, Activity] = {}
    current: str | None = None
    for i, (item, text) in enumerate(cleaned):
        if heading[i]:
            followed = i + 1 < len(cleaned) and not heading[i + 1]
            if followed:
                current = text.rstrip(":").strip()
                sectors.append(Sector(current, item.line, len(sectors) + 1))
                named.add(current)
            else:
                if title is None and not sectors and not activities:
                    title = text
                ignored.append((item.line, text))
            continue
        sector = item.sector or current  # a table's sector column wins over headings
        if item.sector and sector not in named:
            named.add(sector)
            sectors.append(Sector(sector, item.line, len(sectors) + 1))
        raw = item.text.rstrip("\r\n")
        # Latin look-alikes first, so that the parts are compared as Russian; glued lines are cut
        # on the raw spacing, before runs of spaces are collapsed
        fixed_line, changed = fix_lookalikes(_plain(raw).strip())
        parts = split_glued(fixed_line, support)
        for part in parts:
            fixed = clean_text(part)
            text_only, inline = _strip_markers(fixed)
            if not any(c.isalpha() for c in text_only) and not _valid_code(text_only):
                continue  # a stray bullet, number or emoji is no activity; a code alone («2561») is
            declared = _valid_code(item.code) or _valid_code(inline)
            flags = []
            if len(parts) > 1:
                flags.append(SPLIT)
            if declared:
                flags.append(DECLARED_CODE)
            if changed:
                flags.append(LOOKALIKES)
            key = normalized_key(text_only)
            first = seen.get(key)
            if first is not None:
                flags += [DUPLICATE, DUPLICATE_IN_SECTOR if first.sector == sector else DUPLICATE_ACROSS_SECTORS]
            written = raw if len(parts) == 1 else part.strip()
            # a register repeats its lines: one string for each distinct text, however many times it stands
            text_only = strings.setdefault(text_only, text_only)
            written = text_only if written == text_only else strings.setdefault(written, written)
            activity = Activity(item.line, text_only, written, sector,
                                len(activities) + 1, tuple(flags), declared, first.position if first else None)
            if first is None:
                seen[key] = activity
            activities.append(activity)
    if not activities:
        raise DocumentError(f"{path}: видов деятельности не найдено — только заголовки или пустые строки")
    return Document(str(path), title, tuple(sectors), tuple(activities), fmt, encoding, tuple(ignored))
