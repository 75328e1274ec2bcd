"""Matching activity descriptions to OKVED 2 codes: the façade over the stages of :mod:`mapper.matching`.

>>> m = Matcher()
>>> result = m.match("Производство автомобилей")
>>> result.best.code, result.status
('29.1', 'auto')

:meth:`Matcher.match` runs the stages top to bottom:

1. :mod:`~mapper.matching.query` — the text's terms, head noun, action, materials, roles, weights;
2. :mod:`~mapper.matching.retrieve` — the entries worth scoring (names and items of notes);
3. :mod:`~mapper.matching.evidence` — for each, what it has of the query, as named features;
4. :mod:`~mapper.matching.score` — evidence × the weight table (:mod:`~mapper.matching.weights`);
5. :mod:`~mapper.matching.hierarchy` — class support, repairs, broader codes, ties, level;
6. :mod:`~mapper.matching.decide` — the candidates shown, their explanations and the status.

The index they read is built once per reference (:mod:`~mapper.matching.index`); :mod:`mapper.cache`
keeps it on disk between runs.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from .matching import codes, decide, hierarchy
from .matching.evidence import gather
from .matching.index import build_index
from .matching.query import analyse
from .matching.records import Candidate, Evidence, Match, Query, Scored
from .matching.retrieve import retrieve
from .matching.score import score
from .matching.weights import WEIGHTS, Weights
from .reference import Reference, load_reference

__all__ = ["Candidate", "Explained", "Match", "Matcher", "VERSION"]

VERSION = "1"


@dataclass(frozen=True, slots=True)
class Explained:
    """Why a code scored what it did for a query: its evidence, and the trace of :func:`score` — (what,
    row of the weight table, value) — ending with a rule of the hierarchy when one set the final score."""

    code: str
    name: str
    place: int | None  # 1-based place among the candidates shown; None for a code not shown
    score: float
    evidence: Evidence | None  # None for an official name matched exactly
    trace: tuple[tuple[str, str, float], ...]


class Matcher:
    """Maps texts to OKVED 2 codes. Build once (a few seconds), then call :meth:`match` freely.

    ``reference``: a :class:`Reference`, a path, or None for the reference in use;
    ``use_notes``: index the explanatory notes too: the reference's own, and for the codes that have
    none the notes borrowed from ОКЭД (see :mod:`mapper.notes`) unless ``borrow_notes`` is false;
    ``weights``: the weight table (:class:`~mapper.matching.weights.Weights`).
    """

    def __init__(self, reference: Reference | str | Path | None = None, *, use_notes: bool = True,
                 borrow_notes: bool = True, weights: Weights = WEIGHTS):
        self.reference = reference if isinstance(reference, Reference) else load_reference(reference)
        self.use_notes, self.borrow_notes = use_notes, borrow_notes
        self.weights = weights
        self.index = build_index(self.reference, use_notes=use_notes, borrow_notes=borrow_notes, weights=weights)
        self._sectors: dict[str, frozenset[str]] = {}  # a sector heading → the divisions it names

    def reweighted(self, weights: Weights) -> Matcher:
        """This matcher with another weight table, sharing the index (which only ``inherit_depth`` shapes):
        for fitting the table (``benchmarks/fit.py``)."""
        other = copy.copy(self) if weights.inherit_depth == self.weights.inherit_depth else \
            Matcher(self.reference, use_notes=self.use_notes, borrow_notes=self.borrow_notes, weights=weights)
        other.weights, other._sectors = weights, {}
        return other

    @property
    def analyzer(self):
        return self.index.analyzer

    def match(self, text: str, *, k: int = 5, sector: str | None = None) -> Match:
        """Candidates and status for one text: ``match("Литьё металлов").best.code == "24.5"``. ``sector``:
        the heading the text stands under in a document («ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ»), which breaks
        near-ties (:func:`~mapper.matching.hierarchy.prefer_sector`)."""
        return self._answer(text, k, sector)[0]

    def _answer(self, text: str, k: int, sector: str | None = None
                ) -> tuple[Match, Query | None, dict[str, decide.Why]]:
        """The match, with the query and what explains each candidate shown (for :meth:`explain`)."""
        text = text if isinstance(text, str) else str(text)
        typed = codes.read_line(text, self.reference, lambda rest: self._answer(rest, k, sector), k)
        if typed is not None:  # a code typed as the query
            return typed
        query = analyse(self.index, text, self.weights)
        if query is None:
            return Match(text, "none", ()), None, {}
        found, why, exact = self._shown(query, k)
        lists = [decide.explained(self.index, query, found, why)]
        for other in query.others:  # a field of several divisions («Логистика»): each one's best
            more, more_why = self._shown(other, k)[:2]
            lists.append(decide.explained(self.index, other, more, more_why))
            why = {**more_why, **why}
        candidates = decide.merged(lists) if query.others else lists[0]
        if sector and not exact:
            candidates = hierarchy.prefer_sector(candidates, self.sector_divisions(sector), sector, self.weights)
        candidates = tuple(candidates[:k])
        status = decide.status(candidates, bool(exact), self.weights, several=bool(query.others))
        return Match(text, status, candidates), query, why

    def _shown(self, query: Query, k: int) -> tuple[list[Candidate], dict[str, decide.Why], Sequence[int]]:
        ranked, exact = self._ranked(query)
        found, why = decide.shown(self.index, ranked, k, self.weights)
        found = hierarchy.prefer_higher_level(found, self.reference)
        found = hierarchy.diversify(found, self.index.same_name_class, product=query.product, weights=self.weights)
        return found[:max(k, self.weights.diverse_top)], why, exact  # the sector may choose among the first three

    def sector_divisions(self, sector: str) -> frozenset[str]:
        """The divisions a document's sector heading names, read as a field: «ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ» →
        {"20"}; none for a heading that names nothing clearly («ПРОЧЕЕ»)."""
        if sector not in self._sectors:
            self._sectors[sector] = hierarchy.divisions_named(self._answer(sector, 5)[0].candidates, self.weights)
        return self._sectors[sector]

    def _score_of(self, query: Query) -> Callable[[int], Scored]:
        def score_of(i: int) -> Scored:
            return self._scored(query, [i])[i]

        return score_of

    def _scored(self, query: Query, at: Sequence[int]) -> dict[int, Scored]:
        """Stages 3 and 4 for the entries ``at``: evidence, then its score."""
        out = {}
        for i, evidence in zip(at, gather(self.index, query, at)):
            value = score(evidence, self.weights)
            note = f"{query.head} — как {evidence.generic_head}" if evidence.generic_head else ""
            out[i] = Scored(value, evidence.in_name, evidence.in_notes, evidence.excluded, note, False, evidence, value)
        return out

    def _ranked(self, query: Query) -> tuple[list[tuple[int, Scored]], Sequence[int]]:
        """Stages 2 to 5: the scored entries, best first, and the entries whose name the text is."""
        index, weights = self.index, self.weights
        score_of = self._score_of(query)
        scored = self._scored(query, retrieve(index, query, weights))
        if weights.class_support:
            hierarchy.support(index, scored, query.weights, query.total, query.terms, weights)
        if weights.repair_support and query.action == "ремонт":
            hierarchy.repair_of_made(index, scored, score_of, weights)
        if weights.child_share:
            hierarchy.offer_classes(index, scored, score_of, weights)
        hierarchy.names_before_items(index, scored, weights, kinds=bool(query.broader))
        exact = index.exact.get(query.analysis.lemmas, ())
        for i in exact:
            scored[i] = Scored(1.0, frozenset(query.terms), frozenset(), frozenset(), decide.OFFICIAL_NAME)
        ranked = hierarchy.rank(index, scored)
        if not exact:
            ranked = hierarchy.prefer_class(index, hierarchy.generalise(index, ranked, query.terms, score_of, weights),
                                            weights)
        return ranked, exact

    def explain(self, text: str, codes: Iterable[str] = (), *, k: int = 5, sector: str | None = None
                ) -> tuple[Match, list[Explained]]:
        """The match for ``text``, and the evidence and weighted contributions of each candidate shown and of
        each of ``codes`` («почему 41.2, а не 56.10»): the best entry of the code (its name or an item of
        its notes)."""
        result, query, why = self._answer(text, k, sector)
        if query is None:
            return result, []
        shown = [c.code for c in result.candidates]
        score_of, out = self._score_of(query), []
        for place, code in [(n, c) for n, c in enumerate(shown, start=1)] + [(None, c) for c in codes if c not in shown]:
            if code in why:
                item = why[code].scored
            else:
                found = [score_of(i) for i, e in enumerate(self.index.entries) if e.code.code == code]
                if not found:
                    continue
                item = max(found, key=lambda s: s.score)
            trace: list[tuple[str, str, float]] = []
            if item.evidence is not None:
                score(item.evidence, self.weights, trace)
            if item.note and (item.evidence is None or item.score != item.base):
                trace.append((f"правило: {item.note}", "", item.score))
            record = self.reference.get(code)
            out.append(Explained(code, record.name if record else "", place, item.score, item.evidence, tuple(trace)))
        return result, out

    def match_many(self, texts: Iterable[str], *, k: int = 5, progress: Callable[[int], None] | None = None,
                   sectors: Iterable[str | None] | None = None) -> list[Match]:
        """:meth:`match` for each text, in order, each under its sector of ``sectors`` if given; ``progress(n)``
        is called after each."""
        out = []
        for n, (text, sector) in enumerate(zip(texts, sectors if sectors is not None else repeat(None)), start=1):
            out.append(self.match(text, k=k, sector=sector))
            if progress:
                progress(n)
        return out

    def index_words(self, code: str) -> tuple[str, ...]:
        """Lemmas and terms of a code's name, as indexed: for full-text search of the reference."""
        lemmas, terms = self.index.name_terms.get(code, ((), ()))
        return tuple(dict.fromkeys(lemmas + terms))

    @property
    def borrowed_codes(self) -> frozenset[str]:
        """The codes read with notes borrowed from ОКЭД: those the reference leaves without notes."""
        return self.index.borrowed

    @property
    def version(self) -> str:
        borrowed = "+oked-kz" if self.index.borrowed else ""
        return f"{VERSION}+{self.reference.edition.edition}" + ("+notes" if self.use_notes else "") + borrowed
