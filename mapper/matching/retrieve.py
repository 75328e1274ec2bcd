"""Stage 2, retrieval: the cheap first pass that picks the entries worth scoring.

Each query term adds its weight to every entry whose name or notes have its stem; a term known by its
kind («домра» → «музыкальный инструмент») adds ``broader`` of it through the kind's words. The entries
with the most weight — a cheap upper bound of coverage — are scored in full, at most ``max_scored``.

>>> from mapper.matching.index import build_index
>>> from mapper.matching.query import analyse
>>> from mapper.reference import load_reference
>>> index = build_index(load_reference())
>>> found = retrieve(index, analyse(index, "Производство стальных труб"))
>>> index.by_code["24.20"] in found, len(found)
(True, 60)
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from ..lemmas import stem
from .index import Index
from .records import Query
from .weights import WEIGHTS, Weights


def retrieve(index: Index, query: Query, weights: Weights = WEIGHTS) -> list[int]:
    """Indices of the entries to score, in the order they were found."""
    found: defaultdict[int, float] = defaultdict(float)  # 0.0 + the first weight: the same sums as a plain dict
    postings, broader, none = index.postings, query.broader, ()
    for term, weight in query.weights.items():
        for i in postings.get(query.stems[term], none):
            found[i] += weight
        for kind in broader.get(term, none):
            for word in kind:
                for i in postings.get(stem(word), none):
                    found[i] += weights.broader * weight / len(kind) / len(broader[term])
    if len(found) <= weights.max_scored:
        return list(found)
    return heapq.nlargest(weights.max_scored, found, key=found.__getitem__)
