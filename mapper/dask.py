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

from .cache import cached_matcher
from .labels import status_label

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
