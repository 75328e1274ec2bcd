"""Several activities in one line: «Строительство домов, ремонт квартир, отделочные работы».

A company's card or a register's extract lists what a company does in one line, the main activity first.
Matched as one text, the words of all of them pull the answer towards a code that has some of each
(43.3's finishing works); each is an activity of its own, and the first is the one the line is about. So a
line whose first part names an action and a thing it is done to, and one of whose later parts opens with
another action in its dictionary form («ремонт», «продажа», «монтаж»), is answered with the first part's
best candidate, then the best of each other part, then the first part's others; the status is the first
part's.

>>> from mapper.matching.index import build_index
>>> from mapper.reference import load_reference
>>> index = build_index(load_reference())
>>> activities("Производство мебели, торговля мебелью, ремонт мебели", index)
['Производство мебели', 'торговля мебелью', 'ремонт мебели']

A list of things after one action is one activity («Производство столов, стульев»), and so is a product
name whose parts qualify it («Машины для мойки, сушки овощей»: no part opens with an action in its
dictionary form), a line whose parts share their action («Производство мебели; производство дверей») and
an official name that lists («… цветных металлов, производство ядерного топлива»):

>>> activities("Производство столов, стульев, шкафов", index) is None
True
>>> activities("Машины для мойки, сушки овощей", index) is None
True
>>> activities("Дубление и отделка кожи, производство чемоданов, сумок, шорно-седельных изделий из кожи; "
...            "выделка и крашение меха", index) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lemmas import WEAK_ACTIONS, Analyzer, lemma, normalize, said_action, tokens
from .index import Index, exact_key
from .records import Candidate, Match

#: what the explanation of the first candidate says
MAIN = "в строке несколько видов деятельности, основной — первый: «{}»"

_PARTS = re.compile(r"[,;](?![^()]*\))")  # commas and semicolons outside brackets
# a part that says what the one before includes or leaves out: the line is one activity, said in detail
_DETAIL = re.compile(r"^(?:включая|в\s+том\s+числе|в\s+т\.\s*ч|кроме|за\s+исключением|то\s+есть|т\.\s*е)\b",
                     re.IGNORECASE)


def activities(text: str, index: Index) -> list[str] | None:
    """The parts of a line that lists several activities, the main one first; None for any other line."""
    parts = [p.strip() for p in _PARTS.split(text)]
    if len(parts) < 2 or not all(parts) or any(_DETAIL.match(p) for p in parts[1:]):
        return None
    analyzer = index.analyzer
    opening = {_opens_with_action(p, analyzer) for p in parts[1:]} - {None}  # cheap: most lines end here
    if not opening:
        return None
    first = analyzer.analyze(parts[0])
    strong = [a for a in first.actions if a not in WEAK_ACTIONS]
    if not strong or not opening - {strong[0]} or all(t in analyzer.language.actions for t in first.terms):
        return None  # «Ремонт, …»: of what? «Производство окон; изготовление дверей»: one action
    # an official name that lists: its lemmas, as the matcher keys official names (no analysis needed)
    return None if exact_key([w for w, *_ in analyzer.lemmas(text)], text) in index.exact else parts


def _opens_with_action(part: str, analyzer: Analyzer) -> str | None:
    """The action a part opens with, said in its dictionary form: «ремонт квартир», «продажа запчастей»
    (торговля); None for «сушки овощей», governed by what came before, or a place («кафе»)."""
    words = tokens(normalize(part, analyzer.language))
    if not words:
        return None
    action = said_action(words[0], *lemma(words[0], True), analyzer.language)
    return None if action in WEAK_ACTIONS else action


def answer(text: str, parts: Sequence[str], answers: Sequence[tuple], k: int) -> tuple:
    """The answer — (match, query, why) — for a line of several activities, from the answer to each part:
    the first part's best, said to be the main activity, then the best of each other part, then the first
    part's others; each explained by the evidence of its own part."""
    (main, query, why), *others = answers
    for _, _, more in others:  # what explains another part's candidate is its own part's evidence
        why = {**more, **why}
    if not main.candidates:
        return Match(text, "none", ()), query, why
    best, *rest = main.candidates
    said = MAIN.format(parts[0])
    shown: dict[str, Candidate] = {best.code: Candidate(best.code, best.name, best.level, best.score,
                                                        f"{said}; {best.explanation}" if best.explanation else said)}
    for c in [*(o.candidates[0] for o, _, _ in others if o.candidates), *rest]:
        shown.setdefault(c.code, c)
    return Match(text, main.status, tuple(list(shown.values())[:k])), query, why
