"""Why a code scored what it did: its evidence and the trace of its score, for ``match --explain``.

>>> from mapper.matcher import Matcher
>>> result, explained = Matcher().explain("Производство стальных труб", ["56.10"])
>>> explained[0].code, explained[-1].code, explained[-1].place
('24.2', '56.10', None)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .decide import Why
from .index import Index
from .records import Evidence, Match, Scored
from .score import score
from .weights import Weights


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


def explain(index: Index, weights: Weights, result: Match, why: dict[str, Why], score_of: Callable[[int], Scored],
            codes: Iterable[str] = ()) -> list[Explained]:
    """Each candidate of ``result``, then each of ``codes`` not among them, explained: for a code not shown,
    its best entry (its name or an item of its notes) scored for the same query by ``score_of``."""
    shown = [c.code for c in result.candidates]
    out = []
    for place, code in [(n, c) for n, c in enumerate(shown, start=1)] + [(None, c) for c in codes if c not in shown]:
        if code in why:
            item = why[code].scored
        else:
            found = [score_of(i) for i, e in enumerate(index.entries) if e.code.code == code]
            if not found:
                continue
            item = max(found, key=lambda s: s.score)
        trace: list[tuple[str, str, float]] = []
        if item.evidence is not None:
            score(item.evidence, weights, trace)
        if item.note and (item.evidence is None or item.score != item.base):
            trace.append((f"правило: {item.note}", "", item.score))
        record = index.reference.get(code)
        out.append(Explained(code, record.name if record else "", place, item.score, item.evidence, tuple(trace)))
    return out
