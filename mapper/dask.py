"""Registry-sized lists on a Dask cluster: ``match_dataframe(ddf, "вид деятельности")``.

Each partition is matched where it lies, by a matcher built once per worker process (loaded from the
on-disk cache, :func:`mapper.cache.cached_matcher`, and kept for every later partition); the answers
are the ones one process gives, in the rows' order. Needs the optional extra:
``pip install 'okved-mapper[dask]'``.

>>> import dask.dataframe as dd, pandas as pd                                   # doctest: +SKIP
>>> ddf = dd.from_pandas(pd.DataFrame({"text": ["Литьё металлов"]}), npartitions=1)   # doctest: +SKIP
>>> match_dataframe(ddf, "text").compute()["okved_code"].tolist()               # doctest: +SKIP
['24.5']
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

from .batch import sniff_text_file, text_column
from .cache import cached_matcher
from .errors import MapperError
from .labels import status_label
from .matching.records import Candidate, Match
from .reference import guess_delimiter

#: bytes of a file a partition reads: about 15,000 lines of a registry, some 15–30 s of one worker — many
#: partitions a worker, so that every worker stays busy to the end and a partition's answers are small
BLOCKSIZE = "1MB"

#: the columns :func:`match_dataframe` adds
COLUMNS = ("okved_code", "okved_name", "okved_level", "okved_score", "okved_status", "okved_status_ru",
           "okved_candidates")


def match_dataframe(ddf, column: str, *, k: int = 5, sector: str | None = None, reference: str | None = None):
    """``ddf`` (a ``dask.dataframe.DataFrame``) with the matcher's answer for its ``column`` in the
    columns of :data:`COLUMNS` (``okved_candidates``: the candidates as JSON); lazy, as Dask is."""
    import pandas as pd

    if column not in ddf.columns:
        raise KeyError(f"нет столбца «{column}»; есть: {', '.join(map(str, ddf.columns))}")
    meta = ddf._meta.assign(**{name: pd.Series(dtype="float64" if name == "okved_score" else "object")
                               for name in COLUMNS})
    return ddf.map_partitions(_match_partition, column, k, sector, reference, meta=meta)


def _match_partition(frame, column: str, k: int, sector: str | None, reference: str | None):
    matcher = cached_matcher(reference)  # once per worker process
    texts = ["" if value is None or value != value else str(value) for value in frame[column].tolist()]
    answers = matcher.match_many(texts, k=k, sectors=[sector] * len(texts))
    import pandas as pd

    best = [a.best for a in answers]

    def text(values):  # object columns: None stays None (pandas would read a string column's None as NaN)
        return pd.Series(values, index=frame.index, dtype="object")

    return frame.assign(
        okved_code=text([b.code if b else None for b in best]),
        okved_name=text([b.name if b else None for b in best]),
        okved_level=text([b.level if b else None for b in best]),
        okved_score=pd.Series([b.score if b else float("nan") for b in best], index=frame.index, dtype="float64"),
        okved_status=text([a.status for a in answers]),
        okved_status_ru=text([status_label(a.status) for a in answers]),
        okved_candidates=text([json.dumps(a.to_json()["candidates"], ensure_ascii=False) for a in answers]),
    )


def read_frame(path, column: str | None = None):
    """A file of texts as a ``dask.dataframe`` and the name of its text column: CSV or TSV (Excel's «;»
    and cp1251 too), Parquet, JSON Lines, or a text file (a text a line, in the column ``text``)."""
    import dask.dataframe as dd

    path = Path(path)
    if not path.is_file():
        raise MapperError(f"{path}: нет такого файла")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        ddf = dd.read_parquet(str(path))
    else:
        head, encoding = sniff_text_file(path)
        if suffix in (".jsonl", ".ndjson"):
            ddf = dd.read_json(str(path), lines=True, encoding=encoding, blocksize=BLOCKSIZE)
        elif suffix in (".csv", ".tsv"):
            first = head.decode(encoding, errors="replace").splitlines()[0] if head else ""
            sep = "\t" if suffix == ".tsv" else guess_delimiter(first)
            ddf = dd.read_csv(str(path), sep=sep, dtype=str, encoding=encoding, keep_default_na=False,
                              blocksize=BLOCKSIZE)
        else:  # a text a line: a separator that no line has
            ddf = dd.read_csv(str(path), sep="\x1f", header=None, names=["text"], dtype=str, encoding=encoding,
                              keep_default_na=False, skip_blank_lines=False, quoting=3, blocksize=BLOCKSIZE)
    return ddf, ddf.columns[text_column(list(ddf.columns), column, path)]


def match_file(address: str, path, column: str | None = None, *, k: int = 5, sector: str | None = None,
               reference: str | None = None, ahead: int = 4):
    """The answers for a file's texts, matched on the Dask cluster at ``address``, as :class:`Match`
    records in the file's order; a few partitions a worker are computed ahead, no more."""
    from distributed import Client

    ddf, found = read_frame(path, column)
    with Client(address) as client:
        parts = match_dataframe(ddf, found, k=k, sector=sector, reference=reference).to_delayed()
        window = max(1, ahead * len(client.scheduler_info().get("workers", {})) or ahead)
        pending: deque = deque()
        for part in parts:
            pending.append(client.compute(part))
            if len(pending) >= window:
                yield from _records(pending.popleft().result(), found)
        while pending:
            yield from _records(pending.popleft().result(), found)


def _records(frame, column: str):
    """The rows of a matched partition as the :class:`Match` records they were made from."""
    for text, status, candidates in zip(frame[column].tolist(), frame["okved_status"].tolist(),
                                        frame["okved_candidates"].tolist()):
        text = "" if text is None or text != text else str(text)
        yield Match(text, status, tuple(Candidate(**c) for c in json.loads(candidates)))
