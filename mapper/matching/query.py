"""Stage 1, query analysis: one text as the other stages need it.

>>> from mapper.matching.index import build_index
>>> from mapper.reference import load_reference
>>> query = analyse(build_index(load_reference()), "Услуги по ремонту мебели")
>>> query.terms, query.action, query.head, sorted(query.weak)
(('услуга', 'ремонт', 'мебель'), 'ремонт', 'мебель', ['услуга'])

The words come from :mod:`mapper.lemmas` (lemmas, synonyms, derivation, kinds); here they get their
weights: rarity among the codes (idf), the head noun raised by the weight table's ``head``, «услуги»
beside another action lowered by ``weak_action_word``, a word for a part of the head by ``part_word``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lemmas import WEAK_ACTIONS, Analysis, Language, fold, is_known, normalized_key, stem
from . import fields, layout, shortened, spelling
from .index import Index, exact_key, pairs, primary_action, ways_named
from .records import HIRE, Query
from .weights import WEIGHTS, Weights


def analyse(index: Index, text: str, weights: Weights = WEIGHTS) -> Query | None:
    """The :class:`Query` of a text; None for a text without a content word («и для на»)."""
    if not text.strip() or normalized_key(text) in index.language.placeholders:  # «Нет данных», «н/д»
        return None
    # typed in the Latin layout: «ghjbpdjlcndj vt,tkb» is «производство мебели»
    written, said = layout.relaid(text, lambda word: _reads(index, word), index.language.abbreviations_at)
    written, expanded = shortened.expand(written, index.shortened, index.together)  # «рознич. торговля»: розничная
    said += expanded
    written, fixed = spelling.respelled(written, index.spelling, index.analyzer)  # «рмонт часов»: ремонт часов
    said += fixed
    analysis = index.analyzer.analyze(written, whole=True)
    if said:
        analysis = replace(analysis, notes=said + analysis.notes)
    if not analysis.terms or set(analysis.terms) <= index.language.qualifiers:  # «Прочее» says nothing
        return None
    analysis = carried(index, analysis)
    # a text that does something is a field only when its words are all a field's name: «Грузоперевозки»
    # … unless what it does only describes a field's noun: «Деревообрабатывающая промышленность» (not «Услуги
    # … в сфере здравоохранения», which opens with its action)
    known = fields.load_fields()
    opens_with_action = bool(set(analysis.lemmas[:1]) & index.language.actions.keys())
    named_only = bool(analysis.actions) and not (analysis.head in known.heads and not opens_with_action)
    # a field's noun that names no thing is no head of a text: «Сфера образования» (область) heads a field all the same
    opening = analysis.terms[0]
    head = opening if opening in known.heads and opening in index.language.generic \
        and analysis.head not in known.heads else analysis.head
    field = fields.read(analysis.terms, head, known, named_only=named_only, joined=bool(_JOINED.search(written))) \
        or (fields.read(analysis.lemmas, None, known, named_only=True)  # the word as written, before a
            if len(analysis.lemmas) == 1 else None)  # compound is split: «Электроэнергетика»
    # one word split into parts is its last part, narrowed: «Ветроэнергетика» is энергетика, ветровая
    last = analysis.terms[-1] if len(analysis.lemmas) == 1 and len(analysis.terms) > 1 else analysis.head
    if field is None and not analysis.excluded and not analysis.actions \
            and (narrow := fields.narrowed(analysis.terms, last, known)):
        # «Солнечная энергетика»: a part of a field, said in the words of the field's names
        terms, said = narrow
        analysis = replace(analysis, terms=_canonical(index, terms), notes=analysis.notes + (said,))
    if field is None or analysis.excluded:  # «Розничная торговля вне магазинов» is a part of a field
        return from_analysis(index, text, analysis, weights)
    # «Химическая промышленность»: производство химический, a field; «Логистика»: several divisions' words
    first, *others = (from_analysis(index, text, replace(analysis, terms=_canonical(index, f.terms),
                                                         head=_canonical_head(index, f.head),
                                                         notes=analysis.notes + (f.note,)), weights, field=True)
                      for f in (field, *field.others))
    return replace(first, others=tuple(others)) if others else first


def _reads(index: Index, word: str) -> bool:
    """Whether the matcher reads a Russian word: the dictionary, the names or the rules have it, or it is an
    abbreviation of the language data («ТБО»)."""
    return bool(index.language.abbreviations_at(word)) or is_known(fold(word)) \
        or index.spelling is not None and spelling.read(index.analyzer, index.spelling, fold(word), stems=True)


#: words joined in a text: «Транспорт и логистика», «Культура, спорт», «ЖКХ/энергетика», «транспортно-логистический»
_JOINED = re.compile(r"[,/&+]|\s(?:и|или)\s|[а-яё][ое]-[а-яё]", re.IGNORECASE)

#: what the official names call what is carried: people, and anything else
PASSENGER, CARGO = "пассажир", "груз"
#: the way of carrying a text that names none means: by road, as most carriers do («Перевозка мебели»)
BY_ROAD = frozenset({"автомобильный"})


def carried(index: Index, analysis: Analysis) -> Analysis:
    """A text about carrying something, in the official names' words: people carried are passengers
    (``reference/passengers.txt``), anything else is a cargo. «Перевозка скота» is freight (49.41), not
    what breeds cattle (01.41); «Перевозка детей» carries passengers, not 85.41's «детей».

    >>> from mapper.matching.index import build_index
    >>> from mapper.reference import load_reference
    >>> index = build_index(load_reference())
    >>> carried(index, index.analyzer.analyze("Перевозка скота")).terms
    ('перевозка', 'скот', 'груз')
    """
    language = index.language
    if "перевозка" not in analysis.actions or {PASSENGER, CARGO} & set(analysis.terms):
        return analysis
    about = frozenset().union(*language.way_contexts.values())  # транспорт, перевозка, …
    things = sorted(t for t in analysis.things if t not in language.actions and t not in language.ways
                    and t not in about)
    if not things:
        return analysis
    word = PASSENGER if any(t in language.passengers or t in language.persons for t in things) else CARGO
    return replace(analysis, terms=analysis.terms + (word,), notes=analysis.notes + (f"{', '.join(things)} — {word}",))


def _canonical(index: Index, words: tuple[str, ...]) -> tuple[str, ...]:
    """A field's words as the index has them: «текстильный» is текстиль, as in «текстильных изделий»."""
    return tuple(dict.fromkeys(t for w in words for t in index.analyzer.term(w)[0]))


def _canonical_head(index: Index, head: str | None) -> str | None:
    """A field's head as its terms have it: «Ветеринария» is headed by ветеринарный, which the index
    reads as ветеринар — the head must be one of the terms to be raised by the weight table's ``head``."""
    if head is None:
        return None
    canonical = _canonical(index, (head,))
    return canonical[0] if canonical else head


def from_analysis(index: Index, text: str, analysis: Analysis, weights: Weights = WEIGHTS, *,
                  field: bool = False) -> Query:
    # «Услуги по ремонту …» are about the repair: a weak action's word counts little beside another action
    strong = any(a not in WEAK_ACTIONS for a in analysis.actions)
    idf = {t: index.weight(t) for t in analysis.terms}
    weak = frozenset(t for t in analysis.terms if strong and t != analysis.head and t in index.weak_words)
    # the words for a part said before the head are of it: «Запасные части к насосам», not «Подбор … запчастей»
    before = analysis.terms[:analysis.terms.index(analysis.head)] if analysis.head in analysis.terms else ()
    parts = index.language.parts.intersection(before)
    term_weights = {t: idf[t] * (weights.head if t == analysis.head else weights.weak_action_word if t in weak
                                 else weights.part_word if t in parts else 1.0)
                    for t in analysis.terms}
    stems = {t: stem(t) for t in analysis.terms}
    broader = dict(analysis.broader)
    # a word's own material, else its kinds' (латунь → сплав меди): алюминий stays цветной металл
    materials = index.material_groups(analysis.terms) | index.material_groups(
        w for t, kinds in broader.items() if t not in index.language.materials for kind in kinds for w in kind)
    # the records of how each term may be found are made when first met, once a query: scoring some sixty
    # entries reuses them
    variants = tuple((t, stems[t], (t, idf[t], term_weights[t], t == analysis.head, t in weak), ({}, {}))
                     for t in analysis.terms)
    ways = ways_named(index.language, analysis.terms, (w for kinds in broader.values() for kind in kinds for w in kind))
    if not ways and not field and "перевозка" in analysis.actions and {PASSENGER, CARGO} & set(analysis.terms):
        ways = BY_ROAD  # «Перевозка мебели»: by road, not 51.22's space transport (a field's division says its own)
    return Query(text, analysis, idf, term_weights, weak, variants, stems, frozenset(stems.values()),
                 pairs([stems[t] for t in analysis.terms]), sum(term_weights.values()), primary_action(analysis),
                 broader, materials, analysis.purpose, analysis.material, analysis.things, analysis.head, field,
                 ways=ways, operator=hire_operator(index.language, analysis),
                 key=exact_key(analysis.lemmas, text, analysis.excluded))


def hire_operator(language: Language, analysis: Analysis) -> str:
    """Whether a hire is said with the people who run what is hired (``reference/operators.txt``): «+крановщик»
    for «Аренда автокрана с крановщиком»; «-водитель» for «Аренда грузовика без водителя»; «-» for a hire
    that names no such person, which is a hire without one, as division 77's («Прокат лодок» is 77.21, not
    50.30.2 «… с экипажем»); "" for a text that hires nothing."""
    if HIRE not in analysis.actions:
        return ""
    said = next((w for w in analysis.lemmas if w in language.operators), None)
    if said is None:
        return "-"
    return ("-" if said in analysis.excluded else "+") + said
