"""Stage 6, the decision: which codes are shown, with what explanation, and the status.

>>> status([Candidate("29.1", "Производство автотранспортных средств", "group", 0.9, "")], exact=False)
'auto'
>>> status([Candidate("29.1", "…", "group", 0.5, ""), Candidate("45.1", "…", "group", 0.45, "")], exact=False)
'review'
>>> status([Candidate("95.25.1", "Ремонт часов", "subclass", 1.0, ""), Candidate("95.25", "…", "class", 1.0, "")],
...        exact=False)
'auto'

Status: ``exact`` for an official name; ``auto`` when the best score and its lead over the next that is no
code above it (choosing 95.25.1 chooses 95.25 too) reach the weight table's ``auto_score`` and
``auto_margin``; ``none`` below ``none_score``; ``review`` otherwise. A code found by its name and by an
item of its notes is shown once; the only child of a code, named like it (24.20 of 24.2), is shown once,
at the higher level, with the other listed as equivalent («то же, что 24.20»).
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import NamedTuple

from ..lemmas import stem
from ..notes import SOURCE_LABEL
from ..reference import Code
from .index import Index
from .records import Candidate, Entry, Match, Query, Scored
from .weights import WEIGHTS, Weights

OFFICIAL_NAME = "официальное наименование"
#: the decimals of a score as shown
SHOWN_DECIMALS = 4


class Why(NamedTuple):
    """What explains one shown candidate: the scored entry's words, the rule that set its score, and
    the codes it stands for too."""

    note: str
    in_name: frozenset[str]  # for an item of the notes, empty: its words are the notes'
    in_notes: frozenset[str]
    entry: Entry | None  # the name's entry; None for an item of the notes
    notes_label: str  # «пояснениях», or «пояснениях ОКЭД РК» for borrowed notes
    same: list[str]  # codes of the same grouping at another level: «то же, что 24.20»
    scored: Scored


def shown(index: Index, ranked: list[tuple[int, Scored]], k: int, weights: Weights = WEIGHTS
          ) -> tuple[list[Candidate], dict[str, Why]]:
    """The candidates worth showing, best first, ``diversify_pool × k`` at most (explanations left
    empty), and what explains each, by code."""
    candidates: list[Candidate] = []
    why: dict[str, Why] = {}
    at: dict[str, int] = {}
    seen_codes: set[str] = set()
    pool = weights.diversify_pool * k
    entries, reference, roots = index.entries, index.reference, index.same_name_root
    for looked, (i, item) in enumerate(ranked):
        if len(candidates) >= pool and looked > 2 * pool + 5:  # far enough to see same-name codes
            break
        entry = entries[i]
        code = entry.code.code
        if code in seen_codes:  # its name and an item of its notes both matched
            continue
        seen_codes.add(code)
        in_name, in_notes, note = item.in_name, item.in_notes, item.note
        source = f" {SOURCE_LABEL}" if entry.borrowed else ""  # notes borrowed from ОКЭД
        if entry.item is not None:
            note = f"пункт пояснений{source} «{entry.item[:80]}»"
            in_notes, in_name = in_name, frozenset()
        key = roots.get(code, code)
        if key in at:  # one grouping at two levels (24.2 and 24.20): one candidate, the higher level
            previous = candidates[at[key]]
            same = why[previous.code].same
            if previous.code != code and code not in same:
                same.append(code)
            continue
        if len(candidates) >= pool:
            continue
        at[key] = len(candidates)
        shown_code = reference.get(key)
        why[shown_code.code] = Why(note, in_name, in_notes, None if entry.item else entry, f"пояснениях{source}",
                                   [code] if shown_code.code != code else [], item)
        candidates.append(Candidate(shown_code.code, shown_code.name, shown_code.level,
                                    round(min(item.score, 1.0), SHOWN_DECIMALS), ""))
    return candidates, why


def explanation(index: Index, query: Query, why: Why) -> str:
    """«в наименовании: производство, сталь, труба; то же, что 24.20», or the rule that decided."""
    note, entry = why.note, why.entry
    text = note if note == OFFICIAL_NAME else "; ".join(p for p in (note, words(
        query.terms, why.in_name, why.in_notes, why.scored.clash, entry, index.language.implied, why.notes_label,
        index.language.defined)) if p)
    if entry and note != OFFICIAL_NAME and index.other_material(query.materials, entry):
        text += f"; другой материал: {', '.join(sorted(entry.materials))}, а не {', '.join(sorted(query.materials))}"
    evidence = why.scored.evidence
    if evidence is not None and evidence.operator_clash:  # «аренда с оператором (крановщик), а не без него»
        text += f"; {evidence.operator_clash}"
    if entry and note != OFFICIAL_NAME and (kind := index.other_way(query.ways, entry)):
        text += (f"; другой {kind}: {', '.join(sorted(index.ways_of(kind, entry.ways)))}, а не "
                 f"{', '.join(sorted(index.ways_of(kind, query.ways)))}")
    return text + "".join(f"; то же, что {code}" for code in why.same)


def _among(found: frozenset[str], words: frozenset[str]) -> set[str]:
    """The words of ``found`` that are among ``words``, as they are or by stem."""
    stems = {stem(w) for w in words}
    return {t for t in found if t in words or stem(t) in stems}


def words(terms: Sequence[str], in_name: frozenset[str], in_notes: frozenset[str], clash: frozenset[str],
          entry: Entry | None = None, implied: frozenset[str] = frozenset(), notes_label: str = "пояснениях",
          defined: Container[str] = frozenset()) -> str:
    """Where the query's words were found: «в наименовании: сталь, труба; не найдено: литой»."""
    parts = []
    if in_name:
        # a word the name has only through its kind («сеялка» in «… сельскохозяйственного оборудования»)
        # or through what it implies («мороженая» рыба: «переработка и консервирование») or its definition
        # is about («овчарня»: «овец»)
        kind = {t for t in in_name if entry and t not in entry.terms and stem(t) not in entry.stems}
        parts.append("в наименовании: " + ", ".join(
            (f"{t} (по смыслу)" if t in implied or t in defined else f"{t} (по виду)") if t in kind else t
            for t in terms if t in in_name))
    # in the names above the code, and in notes borrowed beside the code's own
    above = _among(in_notes, entry.inherited) if entry else set()
    lent = _among(in_notes, entry.lent) if entry else set()
    below = _among(in_notes, entry.beneath) if entry else set()
    if own := in_notes - above - lent - below:
        parts.append(f"в {notes_label}: " + ", ".join(t for t in terms if t in own))
    if lent:
        parts.append(f"в пояснениях {SOURCE_LABEL}: " + ", ".join(t for t in terms if t in lent))
    if above:
        parts.append("в наименовании вышестоящего кода: " + ", ".join(t for t in terms if t in above))
    if below:
        parts.append("в наименованиях его видов: " + ", ".join(t for t in terms if t in below))
    missing = [t for t in terms if t not in in_name and t not in in_notes]
    if missing:
        parts.append("не найдено: " + ", ".join(missing))
    if clash:
        parts.append("наименование исключает: " + ", ".join(t for t in terms if t in clash))
    return "; ".join(parts)


def explained(index: Index, query: Query, candidates: Sequence[Candidate], why: dict[str, Why]) -> list[Candidate]:
    """The candidates with their explanations: the words found and missed, then how the text was read."""
    via = f"; разбор: {', '.join(query.analysis.notes)}" if query.analysis.notes else ""
    # made anew, not dataclasses.replace: several times cheaper, for every candidate shown
    return [Candidate(c.code, c.name, c.level, c.score,
                      explanation(index, query, why[c.code]) + via) for c in candidates]


def section_first(section: Code, text: str, candidates: Sequence[Candidate], k: int) -> Match:
    """A text that is a section's name answers with the section, exact, then with what it reads as otherwise:
    «Обрабатывающие производства» is C, not 61.2 by an item of notes (the registry export stands C for every
    class of 10–33); «Строительство» is F, then 41, 42, 43."""
    first = Candidate(section.code, section.name, section.level, 1.0, f"{OFFICIAL_NAME} раздела")
    return Match(text, "exact", (first, *[c for c in candidates if c.code != section.code][:k - 1]))


def merged(lists: Sequence[Sequence[Candidate]]) -> list[Candidate]:
    """Lists of candidates as one, for a field of several divisions: the best of each list first, in the
    order ``reference/fields.txt`` gives the field's parts (its main part first: «пассажирские перевозки»
    are by land before by air; each list's scores are for its own words, not comparable), then the rest
    by score; each code once."""
    out: dict[str, Candidate] = {}
    heads = [found[0] for found in lists if found]
    for c in heads + sorted((c for found in lists for c in found[1:]), key=lambda c: -c.score):
        out.setdefault(c.code, c)
    return list(out.values())


def rival(candidates: Sequence[Candidate]) -> float:
    """The score of the next candidate that is no code above the first (0 if none): 95.25 «Ремонт часов и
    ювелирных изделий» is no rival of 95.25.1 «Ремонт часов», choosing which chooses it too."""
    first = candidates[0].code.replace(".", "")
    return next((c.score for c in candidates[1:] if not first.startswith(c.code.replace(".", ""))), 0.0)


def status(candidates: Sequence[Candidate], exact: bool, weights: Weights = WEIGHTS, *, open_ended: bool = False
           ) -> str:
    """exact, auto, review or none; ``open_ended``: the text names a field of several divisions, or only an
    action («Ремонт»: of what?), which no one code answers, so it is at most review."""
    if not candidates:
        return "none"
    if exact:
        return "exact"
    best, second = candidates[0].score, rival(candidates)
    if best >= weights.auto_score and best - second >= weights.auto_margin and not open_ended:
        return "auto"
    if best < weights.none_score:
        return "none"
    return "review"
