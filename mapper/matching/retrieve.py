"""Stage 2, retrieval: the cheap first pass that picks the entries worth scoring.

Each query term adds its weight to every entry whose name or notes have its stem; a term known by its
kind («домра» → «музыкальный инструмент») adds ``broader`` of it through the kind's words. The entries
with the most weight — a cheap upper bound of coverage — are scored in full, at most ``max_scored``,
best first (ties in the order they were found); all of them, in the order found, when there are no more.

>>> from mapper.matching.index import build_index
>>> from mapper.matching.query import analyse
>>> from mapper.reference import load_reference
>>> index = build_index(load_reference())
>>> found = retrieve(index, analyse(index, "Производство стальных труб"))
>>> index.by_code["24.20"] in found, len(found)
(True, 60)

A common stem («производство») has thousands of postings. So the sums are taken with numpy: each
*source* (a term, or a word of a term's kind) marks its postings with a bit; the entries with the same
bits have the same weight, added source by source in the query's order, as a loop over the postings
would add it (:func:`retrieve_by_loop`, the definition, which the tests hold it to).
"""

from __future__ import annotations

import heapq
from collections import defaultdict

import numpy as np

from ..lemmas import stem
from .index import Index
from .records import Query
from .weights import WEIGHTS, Weights

_MAX_SOURCES = 64  # bits of the widest mask; a query with more sources is summed by the loop
_NONE = np.zeros(0, dtype=np.int32)


def _sources(index: Index, query: Query, weights: Weights) -> list[tuple[np.ndarray, float]]:
    """(postings, the weight each of its entries gains), in the order the weights are added."""
    postings, broader, none = index.postings, query.broader, _NONE
    out = []
    for term, weight in query.weights.items():
        out.append((postings.get(query.stems[term], none), weight))
        for kind in broader.get(term, ()):
            for word in kind:
                out.append((postings.get(stem(word), none), weights.broader * weight / len(kind) / len(broader[term])))
    return [(found, weight) for found, weight in out if len(found)]


def retrieve(index: Index, query: Query, weights: Weights = WEIGHTS) -> list[int]:
    """Indices of the entries to score."""
    sources = _sources(index, query, weights)
    if len(sources) > _MAX_SOURCES:
        return retrieve_by_loop(index, query, weights)
    # the narrowest integer that holds a bit per source: less memory to clear and to touch
    kind = np.uint8 if len(sources) <= 8 else np.uint16 if len(sources) <= 16 else np.uint32 \
        if len(sources) <= 32 else np.uint64
    masks = np.zeros(len(index.entries), dtype=kind)
    order = []
    for bit, (at, _) in enumerate(sources):
        order.append(at[masks[at] == 0])  # first found here: the order a dict would keep
        masks[at] |= kind(1 << bit)
    if not order:
        return []
    order = np.concatenate(order)
    if len(order) <= weights.max_scored:
        return order.tolist()
    found = masks[order]
    # with eight sources or fewer, the sum of each of the 256 masks, then each entry's: fewer sums than entries
    summed = np.arange(256, dtype=kind) if kind is np.uint8 else found
    sums = np.zeros(len(summed))
    for bit, (_, weight) in enumerate(sources):  # source by source, as the loop adds them (+ 0.0 changes nothing)
        sums += np.where(summed & kind(1 << bit), weight, 0.0)
    if kind is np.uint8:
        sums = sums[found]
    best = np.argsort(-sums, kind="stable")[:weights.max_scored]
    return order[best].tolist()


def retrieve_by_loop(index: Index, query: Query, weights: Weights = WEIGHTS) -> list[int]:
    """What :func:`retrieve` returns, by a plain loop over every posting."""
    found: defaultdict[int, float] = defaultdict(float)  # 0.0 + the first weight: the same sums as a plain dict
    for postings, weight in _sources(index, query, weights):
        for i in postings.tolist():
            found[i] += weight
    if len(found) <= weights.max_scored:
        return list(found)
    return heapq.nlargest(weights.max_scored, found, key=found.__getitem__)
