"""Matching long lists: streamed in chunks, on several cores, answers in input order.

``match_stream(matcher, lines, jobs=2)`` yields a :class:`~mapper.matcher.Match` for each text as the
chunks come back, so memory stays flat in the length of the list. With ``jobs`` above one, worker
processes are forked *after* the matcher is loaded: they share its index with the parent (no
unpickling, no second build) and each matches whole chunks. Answers are the same as one process gives.

``read_texts(path, column)`` reads the texts of a plain text file (a text a line), a CSV or TSV
(the column named ``column``, else the first of ``text``, ``activity``, ``name``, ``наименование``,
``вид деятельности``, else the first column), a Parquet file (the same, with pyarrow) or JSON Lines (the key ``column``, else ``text``), one
at a time, a text for every line or row (an empty one too), so that answer N is for line N.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice, repeat
from pathlib import Path

from .errors import MapperError
from .reference import guess_delimiter

#: texts a worker matches at once: large enough to make the hand-over cheap, small enough to stream
CHUNK = 256
#: chunks handed out per worker before the first comes back
AHEAD = 4
#: the column names taken for the text when none is given, in this order (compared in lower case)
TEXT_COLUMNS = ("text", "activity", "name", "наименование", "вид деятельности", "вид_деятельности")

_MATCHER = None  # the parent's matcher, which forked workers inherit


def _match_chunk(job: tuple[list[tuple[str, str | None]], int]) -> list:
    pairs, k = job
    return _MATCHER.match_many([text for text, _ in pairs], k=k, sectors=[sector for _, sector in pairs])


def _worker_signals() -> None:
    """A worker leaves Ctrl-C to the parent, and ends at once when the pool ends it (the command line's
    own SIGTERM handler, which it inherits, would unwind it as if it were the command)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def match_stream(matcher, texts: Iterable[str], *, k: int = 5, sector: str | None = None,
                 sectors: Iterable[str | None] | None = None, jobs: int = 1, chunk: int = CHUNK) -> Iterator:
    """The matcher's answer for each text, in order, as it comes: ``match_stream(m, ["Литьё металлов"])``;
    each text under ``sector``, or under its own of ``sectors``."""
    global _MATCHER
    parts = _chunks(zip(texts, sectors if sectors is not None else repeat(sector)), chunk)
    first = next(parts, [])
    if max(1, jobs) == 1 or len(first) < chunk or "fork" not in multiprocessing.get_all_start_methods():
        for part in chain([first], parts):  # one process: a short list is not worth the workers
            yield from matcher.match_many([t for t, _ in part], k=k, sectors=[s for _, s in part])
        return
    _MATCHER = matcher
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals)
    try:
        pending: deque = deque()  # a few chunks a worker ahead, no more: the input is read as it is matched
        for part in chain([first], parts):
            pending.append(pool.apply_async(_match_chunk, ((part, k),)))
            if len(pending) >= AHEAD * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()  # all answered: the workers end on their own
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _MATCHER = None


def read_texts(path: str | Path, column: str | None = None) -> Iterator[str]:
    """The texts of a file, one at a time (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise MapperError(f"{path}: нет такого файла")
    if path.suffix.lower() == ".parquet":
        yield from _parquet_texts(path, column)
        return
    encoding = sniff_text_file(path)[1]
    suffix = path.suffix.lower()
    with path.open(encoding=encoding, newline="") as handle:
        if suffix in (".csv", ".tsv"):
            yield from _table_texts(handle, "\t" if suffix == ".tsv" else None, column, path)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _json_texts(handle, column or "text", path)
        else:
            if column:
                raise MapperError(f"{path}: --column — для CSV, TSV и JSONL; в текстовом файле вид деятельности — строка")
            for line in handle:  # every line, an empty one too: answer N is for line N
                yield line.rstrip("\r\n")


def sniff_text_file(path: Path) -> tuple[bytes, str]:
    """The first bytes of a text file and its encoding (:func:`file_encoding`); a binary file is refused."""
    with path.open("rb") as probe:
        head = probe.read(8192)
    if b"\x00" in head:
        raise MapperError(f"{path}: похоже на двоичный файл, а нужен текст — по виду деятельности в строке")
    return head, file_encoding(head)


def file_encoding(head: bytes) -> str:
    """The encoding of a file by its first bytes: UTF-8 (a BOM or none), else cp1251 from Excel. A
    character cut at the end of ``head`` is no reason to doubt UTF-8."""
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:
            return "cp1251"
    return "utf-8-sig"


def text_column(names: list[str], column: str | None, path: Path) -> int:
    """Which of a table's columns holds the texts: ``column`` (any case), else the first of
    :data:`TEXT_COLUMNS` there, else the first column; a ``column`` the table lacks is an error."""
    lowered = [str(n).strip().lower() for n in names]
    wanted = [column.strip().lower()] if column else list(TEXT_COLUMNS)
    at = next((lowered.index(name) for name in wanted if name in lowered), None)
    if at is None:
        if column:
            raise MapperError(f"{path}: нет столбца «{column}»; есть: {', '.join(str(n).strip() for n in names)}")
        at = 0
    return at


def _table_texts(handle: io.TextIOBase, delimiter: str | None, column: str | None, path: Path) -> Iterator[str]:
    first = handle.readline()
    delimiter = delimiter or guess_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter), [])
    at = text_column(header, column, path)
    for row in csv.reader(handle, delimiter=delimiter):  # a row, an answer: answer N is for row N
        yield row[at].strip() if at < len(row) else ""


def _parquet_texts(path: Path, column: str | None) -> Iterator[str]:
    """A Parquet file's text column, a batch of rows at a time (pyarrow, of the ``dask`` extra)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MapperError("для Parquet нужен pyarrow: pip install 'okved-mapper[dask]'") from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as e:  # pyarrow's own errors: not Parquet, damaged
        raise MapperError(f"{path}: не читается как Parquet ({e})") from None
    names = parquet.schema_arrow.names
    found = names[text_column(names, column, path)]
    for batch in parquet.iter_batches(columns=[found], batch_size=CHUNK * 8):
        for value in batch.column(0).to_pylist():
            yield "" if value is None else str(value).strip()


def _json_texts(handle: io.TextIOBase, key: str, path: Path) -> Iterator[str]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            raise MapperError(f"{path}: строка {number}: это не JSON") from None
        text = value.get(key) if isinstance(value, dict) else None
        yield text.strip() if isinstance(text, str) else ""
