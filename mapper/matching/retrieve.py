"""Stage 2, retrieval: the cheap first pass that picks the entries worth scoring.

Each query term adds its weight to every entry whose name or notes have its stem; a term known by its
kind («домра» → «музыкальный инструмент») adds ``broader`` of it through the kind's words. The entries
with the most weight — a cheap upper bound of coverage — are scored in full, at most ``max_scored``,
best first (ties by :attr:`~mapper.matching.index.Index.tie_rank`: an official name before an item of notes, the
shorter first); all of them, in the order found, when there are no more.
A rare term's few entries are scored whatever their sum (``rare_postings``): in «кадастровые работы инженера» the
one code that says «кадастровая» would otherwise lose its place to the many that say «инженерных».

>>> from mapper.matching.index import build_index
>>> from mapper.matching.query import analyse
>>> from mapper.reference import load_reference
>>> index = build_index(load_reference())
>>> found = retrieve(index, analyse(index, "Производство стальных труб"))
>>> index.by_code["24.20"] in found, len(found)
(True, 60)

A common stem («производство») has thousands of postings. So the sums are taken with numpy: the
postings of every *source* (a term, or a word of a term's kind) one after the other, each with the
weight its entries gain; ``np.bincount`` adds them entry by entry in that order, as a loop over the
postings would add them (:func:`retrieve_by_loop`, the definition, which the tests hold it to), and
each entry's first place in that row is the order a dict would keep.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

import numpy as np

from ..lemmas import stem
from .index import Index
from .records import Query
from .weights import WEIGHTS, Weights

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
    if not sources:
        return []
    found = np.concatenate([at for at, _ in sources])
    _, first = np.unique(found, return_index=True)
    order = found[np.sort(first)]  # each entry where it is first found: the order a dict would keep
    if len(order) <= weights.max_scored:
        return order.tolist()
    gained = np.concatenate([np.full(len(at), weight) for at, weight in sources])
    sums = np.bincount(found, weights=gained, minlength=len(index.entries))[order]  # 0.0 + each, in turn
    best = np.lexsort((index.tie_rank[order], -sums))[:weights.max_scored]
    return _with_rare(index, query, order[best].tolist(), weights)


def _with_rare(index: Index, query: Query, best: list[int], weights: Weights) -> list[int]:
    """``best``, then the entries of each rare query term that it lacks, in the order of the postings."""
    have = set(best)
    for term in query.weights:
        found = index.postings.get(query.stems[term], _NONE)
        if len(found) <= weights.rare_postings:
            for i in found.tolist():
                if i not in have:
                    have.add(i)
                    best.append(i)
    return best


def retrieve_by_loop(index: Index, query: Query, weights: Weights = WEIGHTS) -> list[int]:
    """What :func:`retrieve` returns, by a plain loop over every posting."""
    found: defaultdict[int, float] = defaultdict(float)  # 0.0 + the first weight: the same sums as a plain dict
    for postings, weight in _sources(index, query, weights):
        for i in postings.tolist():
            found[i] += weight
    if len(found) <= weights.max_scored:
        return list(found)
    rank = index.tie_rank
    best = heapq.nsmallest(weights.max_scored, found, key=lambda i: (-found[i], rank[i]))
    return _with_rare(index, query, best, weights)
