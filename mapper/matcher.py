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
from dataclasses import replace
from itertools import repeat
from pathlib import Path

from .lemmas import normalized_key
from .matching import codes, decide, hierarchy, several
from .matching.evidence import gather
from .matching.explain import Explained, explain
from .matching.index import build_index, exact_key
from .matching.query import analyse
from .matching.records import Candidate, Match, Query, Scored
from .matching.retrieve import retrieve
from .matching.score import score
from .matching.weights import WEIGHTS, Weights
from .reference import Reference, load_reference

__all__ = ["Candidate", "Explained", "Match", "Matcher", "VERSION"]

VERSION = "1"


class Matcher:
    """Maps texts to OKVED 2 codes. Build once (a few seconds), then call :meth:`match` freely.

    ``reference``: a :class:`Reference`, a path, or None for the reference in use;
    ``use_notes``: index the explanatory notes too: the reference's own, and the notes borrowed from ОКЭД
    (see :mod:`mapper.notes`) unless ``borrow_notes`` is false — for a code without notes in their place,
    for a code with notes beside its own;
    ``weights``: the weight table (:class:`~mapper.matching.weights.Weights`).
    """

    def __init__(self, reference: Reference | str | Path | None = None, *, use_notes: bool = True,
                 borrow_notes: bool = True, weights: Weights = WEIGHTS):
        self.reference = reference if isinstance(reference, Reference) else load_reference(reference)
        self.use_notes, self.borrow_notes, self.weights = use_notes, borrow_notes, weights
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
        near-ties (:meth:`under_sector`)."""
        return self.under_sector(self._answer(text, k)[0], sector)

    def under_sector(self, result: Match, sector: str | None) -> Match:
        """``result`` as it reads under a sector heading: a candidate of the heading's divisions close behind
        the first goes first (:func:`~mapper.matching.hierarchy.prefer_sector`), and then it is no clear
        first: review. An exact answer stays."""
        if not sector or result.status == "exact" or len(result.candidates) < 2:
            return result
        moved = hierarchy.prefer_sector(list(result.candidates), self.sector_divisions(sector), sector, self.weights)
        return result if moved[0] is result.candidates[0] else Match(
            result.query, "none" if result.status == "none" else "review", tuple(moved))

    def _answer(self, text: str, k: int) -> tuple[Match, Query | None, dict[str, decide.Why]]:
        """The match, with the query and what explains each candidate shown (for :meth:`explain`)."""
        text = text if isinstance(text, str) else str(text)
        typed = codes.read_line(text, self.reference, lambda rest: self._answer(rest, k), k)
        if typed is not None:  # a code typed as the query
            return typed
        section = self.index.section_names.get(normalized_key(text))  # a section's name: one activity, «;» or not
        parts = several.activities(text, self.index) if section is None else None
        if parts:  # several activities in one line: the first is the main one
            return several.answer(text, parts, [self._answer(part, k) for part in parts], k)
        query = analyse(self.index, text, self.weights)
        if query is None:
            return Match(text, "none", ()), None, {}
        found, why, exact = self._shown(query, k)
        lists = [decide.explained(self.index, query, found[:k], why)]
        for other in query.others:  # a field of several divisions («Логистика»): each one's best
            more, more_why = self._shown(other, k)[:2]
            lists.append(decide.explained(self.index, other, more[:k], more_why))
            why = {**more_why, **why}
        candidates = tuple((decide.merged(lists) if query.others else lists[0])[:k])
        section = section or self.index.section_lemmas.get(query.key) \
            or (self.index.section_terms.get(exact_key(query.terms)) if query.field else None)
        if section is not None:  # the section first, exact; then what the text reads as
            return decide.section_first(self.reference[section], text, candidates, k), query, why
        actions, places = self.index.language.actions, self.index.language.places
        only_action = all(t in actions and t not in places for t in query.terms)  # «Ремонт», «Услуги»
        status = decide.status(candidates, bool(exact), self.weights, open_ended=bool(query.others) or only_action)
        if not (query.product or query.others or exact):  # after the status: the same answer, narrowed
            offered = hierarchy.offer_narrower(self.index, found, query.terms, self.weights)[:k]
            if offered != found[:k]:  # the narrower code is where the two lists first differ
                at = next(i for i, (a, b) in enumerate(zip(offered, found)) if a is not b)
                shown = decide.explained(self.index, query, offered, why)
                shown[at] = replace(shown[at], explanation=f"уже, чем {shown[0].code}; {shown[at].explanation}")
                candidates = tuple(shown)
        return Match(text, status, candidates), query, why

    def _shown(self, query: Query, k: int) -> tuple[list[Candidate], dict[str, decide.Why], Sequence[int]]:
        """The candidates worth showing for ``k`` (more than ``k``), in order, what explains each, and the
        entries whose name the text is."""
        ranked, exact = self._ranked(query)
        found, why = decide.shown(self.index, ranked, k, self.weights)
        if not exact:  # an official name the text is goes first, before a broader code that scores as much
            found = hierarchy.prefer_higher_level(found, self.reference, {c: w.scored.score for c, w in why.items()})
        return hierarchy.diversify(found, self.index.same_name_class, product=query.product, weights=self.weights), \
            why, exact

    def sector_divisions(self, sector: str) -> frozenset[str]:
        """The divisions a document's sector heading names, read as a field: «ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ» →
        {"20"}; a section's name, each of its divisions («ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА» → 10 … 33); none for a
        heading that names nothing clearly («ПРОЧЕЕ»)."""
        if sector not in self._sectors:
            found = self._answer(sector, 5)[0].candidates
            if found and found[0].level == "section":  # «ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА»: every division of C
                self._sectors[sector] = frozenset(c.code for c in self.reference.children(found[0].code))
            else:
                self._sectors[sector] = hierarchy.divisions_named(found, self.weights)
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
        # items held back below a name with the same words first, then what repair says of them: «Ремонт дорог»
        # is ОКЭД's item of 42.11, which builds roads, though 45.20.4's name says «дорогах» and «ремонта»
        hierarchy.names_before_items(index, scored, weights, kinds=bool(query.broader), asked=frozenset(query.terms))
        if weights.repair_support and query.action == "ремонт":
            hierarchy.repair_of_made(index, scored, score_of, weights)
        if weights.child_share:
            hierarchy.offer_classes(index, scored, score_of, weights)
        exact = index.exact.get(query.key, ())
        for i in exact:
            scored[i] = Scored(1.0, frozenset(query.terms), frozenset(), frozenset(), decide.OFFICIAL_NAME)
        ranked = hierarchy.rank(index, scored)
        if not exact:
            ranked = hierarchy.prefer_class(index, hierarchy.generalise(index, ranked, query.terms, score_of, weights),
                                            weights)
            if not query.field:
                ranked = hierarchy.up_to_named(index, ranked, query, score_of)
                ranked = hierarchy.descend(index, ranked, score_of, query)
                ranked = hierarchy.to_residual(index, ranked)
            ranked = hierarchy.over_the_rest(index, ranked, query, score_of)
        return ranked, exact

    def explain(self, text: str, codes: Iterable[str] = (), *, k: int = 5, sector: str | None = None
                ) -> tuple[Match, list[Explained]]:
        """The match for ``text``, and the evidence and weighted contributions of each candidate shown and of
        each of ``codes`` («почему 41.2, а не 56.10»): see :func:`mapper.matching.explain.explain`."""
        result, query, why = self._answer(text, k)
        result = self.under_sector(result, sector)
        if query is None:
            return result, []
        return result, explain(self.index, self.weights, result, why, self._score_of(query), codes)

    def match_many(self, texts: Iterable[str], *, k: int = 5, progress: Callable[[int], None] | None = None,
                   sectors: Iterable[str | None] | None = None) -> list[Match]:
        """:meth:`match` for each text, in order, each under its sector of ``sectors`` if given; ``progress(n)``
        is called after each."""
        out, seen = [], {}  # each text matched once, however many sectors it stands under
        for n, (text, sector) in enumerate(zip(texts, sectors if sectors is not None else repeat(None)), start=1):
            if text not in seen:
                seen[text] = self._answer(text, k)[0]
            out.append(self.under_sector(seen[text], sector))
            if progress:
                progress(n)
        return out

    def index_words(self, code: str) -> tuple[str, ...]:
        """Lemmas and terms of a code's name, as indexed: for full-text search of the reference."""
        lemmas, terms = self.index.name_terms.get(code, ((), ()))
        return tuple(dict.fromkeys(lemmas + terms))

    @property
    def borrowed_codes(self) -> frozenset[str]:
        """The codes read with notes borrowed from ОКЭД: in place of notes the reference does not have, or
        beside its own."""
        return self.index.borrowed

    @property
    def version(self) -> str:
        borrowed = "+oked-kz" if self.index.borrowed else ""
        return f"{VERSION}+{self.reference.edition.edition}" + ("+notes" if self.use_notes else "") + borrowed
