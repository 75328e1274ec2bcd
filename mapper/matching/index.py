"""The index the stages match against, built once per reference: an :class:`Entry` for every official
name and for every item of the explanatory notes, postings by stem, rarity (idf) of every term.

>>> from mapper.reference import load_reference
>>> index = build_index(load_reference())
>>> entry = index.entries[index.by_code["24.20"]]
>>> entry.code.code, sorted(entry.terms)[:3], index.same_name_root["24.20"]
('24.20', ['полый', 'производство', 'профиль'], '24.2')

The explanatory notes are the reference's own; a code without them is read with the notes
:mod:`mapper.notes` borrows from ОКЭД, and a code with them has the borrowed notes' words and items beside
its own (the explanations tell the two apart). Each item of the notes («- производство питьевого молока»), and
each text another code's notes send here («не включает: - производство сырого молока, см. 01.41»),
also stands as a name of its code — or of the code's subclass whose whole name a borrowed item has
(«добычу сырой нефти» of 06.10 is 06.10.1 «Добыча нефти»).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import takewhile

import numpy as np

from ..lemmas import (WEAK_ACTIONS, Analysis, Analyzer, Language, coordinated_phrases, fold, lemma, listed_stems,
                      load_language, normalized_key, stem)
from ..notes import BorrowedNotes, load_borrowed_notes
from ..reference import Code, Reference
from . import items as notes_text
from .records import Entry
from .shortened import ShortenedWords, shortened_words
from .spelling import SpellingForms, spelling_forms
from .weights import WEIGHTS, Weights

#: the classifier's wording of a code for the rest of its class («… удобрений, не включенных в другие
#: группировки»): no specific answer
RESIDUAL = "не включенн"

_DENIED = re.compile(r"(?<!\w)не\s+(?!включенн)")  # a word denied: «не подчиняющимся», not the rest of a kind
_PARENTHESES = re.compile(r"\(([^)]*)\)")  # a name's parenthesised words: what is inside
_WORD = re.compile(r"[а-яё]+")


@dataclass(frozen=True, slots=True)
class Index:
    """What matching reads, and never changes: entries, postings, idf, the reference's shape."""

    reference: Reference
    use_notes: bool
    borrowed: frozenset[str]  # codes read with notes borrowed from ОКЭД: in place of their own, or beside them
    analyzer: Analyzer  # knows the reference's vocabulary: derivation, compounds, spelling
    language: Language
    weak_words: frozenset[str]  # generic words of a weak action («услуга», «деятельность»)
    entries: tuple[Entry, ...]
    by_code: dict[str, int]  # code → the entry of its official name
    postings: dict[str, np.ndarray]  # stem → the entries that have it, in their names or notes, in order
    exact: dict[tuple[str, ...], tuple[int, ...]]  # lemmas of an official name, in any order (exact_key) → its entries
    idf: dict[str, float]
    unknown_idf: float  # a term no code has
    name_terms: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # code → lemmas and terms of its name
    same_name_root: dict[str, str]  # 24.20 → 24.2: the only child of a code, named like it
    same_name_class: dict[str, str]  # 24.2 → 24.20
    depth: tuple[tuple[int, int], ...]  # of each entry's code: dots, then length — the higher level first among equals
    borrowed_items: frozenset[int]  # the entries that are items of notes borrowed from ОКЭД
    classes: tuple[str, ...]  # of each entry's code, the class it is in or above (its first five characters)
    kind_cores: dict[tuple[str, ...], tuple[tuple[tuple[str, float], ...], float, bool]] = field(default_factory=dict)
    shortened: ShortenedWords | None = None  # the names' and notes' word forms: «рознич.» is розничная
    spelling: SpellingForms | None = None  # the forms of their terms, and of the language data's: «рмонт» is ремонт
    # a section's name as written (normalized_key) → the section: «Обрабатывающие производства» is C; and its
    # lemmas (exact_key), where no other code's name has them: «Финансовая и страховая деятельность» is K
    section_names: dict[str, str] = field(default_factory=dict)
    section_lemmas: dict[tuple[str, ...], str] = field(default_factory=dict)
    # … and its terms (exact_key), which a text read as a field may have: «Обрабатывающая промышленность» is C
    section_terms: dict[tuple[str, ...], str] = field(default_factory=dict)
    # of each entry, its place among entries of equal first-pass sums (:mod:`~mapper.matching.retrieve`)
    tie_rank: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def together(self, word: str, other: str) -> int:
        """In how many entries two words (as written) are, by their terms' stems: «общественного» and
        «питание» in many, «общего» and «питание» in few (:mod:`~mapper.matching.shortened`)."""
        found = [self.postings.get(stem(self.analyzer.term(*lemma(w))[0][0])) for w in (word, other)]
        if found[0] is None or found[1] is None:
            return 0
        return len(np.intersect1d(found[0], found[1], assume_unique=True))

    def material_groups(self, terms: Iterable[str]) -> frozenset[str]:
        """The materials some terms name, by group: («сталь», «труба») → {черный металл}."""
        return material_groups(self.language, terms)

    def other_material(self, materials: frozenset[str], entry: Entry) -> bool:
        """The query names a material and the name only others («пластиковые» / «металлических»,
        «чугунные» / «стальных»); a material agrees with the wider group it is part of (чугун, металл)."""
        return disagree(materials, entry.materials, self.language.wider_materials)

    def other_way(self, ways: frozenset[str], entry: Entry) -> str:
        """What differs when the query does a thing one way and the name only others («речным» /
        «космическим»: «вид транспорта»), else ""; a way agrees with the wider one it is part of (автобус,
        сухопутный)."""
        if not (ways and entry.ways):
            return ""
        kind_of = self.language.way_kinds
        for kind in sorted({kind_of[w] for w in ways} & {kind_of[w] for w in entry.ways}):  # the same in any process
            if disagree(self.ways_of(kind, ways), self.ways_of(kind, entry.ways), self.language.wider_ways):
                return kind
        return ""

    def ways_of(self, kind: str, ways: Iterable[str]) -> frozenset[str]:
        """The ways of one kind among ``ways``: («морской», «магазин») of «вид транспорта» → {морской}."""
        return frozenset(w for w in ways if self.language.way_kinds[w] == kind)

    def kind_share(self, kind: tuple[str, ...], terms: frozenset[str]) -> float:
        """How much of a kind («музыкальный инструмент») a name has, by weight: 1 for «музыкальных
        инструментов», less for «инструментов» alone. A part of a thing is not the thing: the kind «часть
        автотранспортного средства» wants a name that says a part, in any word for one (``reference/parts.txt``:
        29.32 «… комплектующих и принадлежностей …»), and 29.1 «Производство автотранспортных средств» has less."""
        core = self.kind_cores.get(kind)
        if core is None:  # «молочный продукт»: молоко decides
            generic, parts = self.language.generic, self.language.parts
            words = tuple(w for w in kind if w not in generic or w in parts) or kind
            core = self.kind_cores[kind] = (tuple((w, self.weight(w)) for w in words),
                                            sum(self.weight(w) for w in words) or 1.0,
                                            not parts.isdisjoint(words))
        weights, whole, of_part = core
        if of_part and not self.language.parts.isdisjoint(terms):  # any word for a part says the kind's
            terms = terms | self.language.parts
        return sum(weight for w, weight in weights if w in terms) / whole

    def repairs_for(self, code: str) -> tuple[str, ...]:
        """The repair classes of what a code makes, by each listed code above it: 27.51 → 27.5 → 95.22;
        28.25.12 (air conditioners) → 95.22 (household) and, through 28, 33.12."""
        repairs, found = self.language.repairs, []
        while code:
            if code in repairs:
                found.append(repairs[code])
            code = code[:-1].rstrip(".")
        return tuple(found)


def material_groups(language: Language, terms: Iterable[str]) -> frozenset[str]:
    """The materials some terms name, by group (``reference/materials.txt``)."""
    return frozenset(language.materials[t] for t in terms if t in language.materials)


def ways_named(language: Language, terms: Iterable[str], kinds: Iterable[str] = ()) -> frozenset[str]:
    """The ways a text names of doing what it is about, its words' kinds too (``reference/ways.txt``):
    («перевозка», «пассажир», «вертолет») → {воздушный}; a text that carries nothing names no way of carrying
    («воздух» of «Производство оборудования для кондиционирования воздуха»); of a way and a narrower one,
    the narrower."""
    terms = frozenset(terms)
    about = {kind for kind, context in language.way_contexts.items() if terms & context}
    if not about:
        return frozenset()
    ways, kind_of = language.ways, language.way_kinds
    return narrowest({ways[t] for t in (*terms, *kinds) if t in ways and kind_of[ways[t]] in about}, language)


def narrowest(ways: Iterable[str], language: Language) -> frozenset[str]:
    """Of ways and wider ones, the narrower: «розничная … в магазинах» sells in shops, in no other retail way."""
    ways = frozenset(ways)
    return ways - {language.wider_ways.get(way) for way in ways}


def disagree(mine: frozenset[str], theirs: frozenset[str], wider: dict[str, str]) -> bool:
    """Whether two texts name kinds of one sort (materials, ways of carrying) and none of the one agrees
    with one of the other: the same, or one the wider kind of the other."""
    if not (mine and theirs) or mine & theirs:
        return False
    return not any(wider.get(a) == b or a == wider.get(b) for a in mine for b in theirs)


def primary_action(analysis: Analysis) -> str | None:
    return analysis.actions[0] if analysis.actions else None


def _aside(name: str) -> frozenset[str]:
    """The lemmas a name says only in parentheses, which restate or detail what it says outside them and which
    a query need not say: that of «мясосодержащих» in 10.13.3 «Производство мясных (мясосодержащих)
    консервов», «лигнит» of «… бурого угля (лигнита)». They are matched, but the name's weight, of which precision is a
    share, counts them only when the query says them (:func:`.evidence._said`)."""
    outside = {lemma(w)[0] for w in _WORD.findall(_PARENTHESES.sub(" ", name.lower()))}
    inside = " ".join(_PARENTHESES.findall(name.lower()))
    return frozenset(lemma(w)[0] for w in _WORD.findall(inside)) - outside


def _listing(text: str, head: str | None) -> dict[str, object]:
    """An entry's ``head_stems`` and ``alternatives``, from one reading of the things its text lists."""
    phrases = coordinated_phrases(text, head)
    return {"head_stems": listed_stems(head, phrases), "alternatives": phrases}


def pairs(terms: Sequence[str]) -> frozenset[frozenset[str]]:
    """Neighbouring terms: («сталь», «труба») → {{сталь, труба}}."""
    return frozenset(frozenset(pair) for pair in zip(terms, terms[1:]) if pair[0] != pair[1])


def build_index(reference: Reference, *, use_notes: bool = True, borrow_notes: bool = True,
                weights: Weights = WEIGHTS) -> Index:
    """Analyse every name and note of ``reference`` once (a few seconds with the borrowed notes)."""
    language = load_language()
    codes = [c for c in reference if c.level != "section"]
    borrowed_notes = load_borrowed_notes() if use_notes and borrow_notes else BorrowedNotes()
    # the notes each code is read with: its own, else borrowed ones
    notes_of = {c.code: c.notes or borrowed_notes.get(c.code) for c in codes} if use_notes else {}
    borrowed = frozenset(c.code for c in codes if not c.notes and borrowed_notes.get(c.code))
    # … and beside a code's own notes the borrowed ones, whose words are its notes' too and whose items stand
    # as its names: Rosstat's 52.29 has no «экспедирование», ОКЭД's has
    also = {c.code: text for c in codes if c.notes and (text := borrowed_notes.get(c.code))} if use_notes else {}

    texts = [c.name for c in codes] + [notes_text.included_notes(notes_of[c.code]) for c in codes
                                       if notes_of.get(c.code)]
    analyzer = _analyzer(language, texts)
    names = [analyzer.analyze(c.name) for c in codes]
    name_terms = {c.code: (a.lemmas, a.terms) for c, a in zip(codes, names)}
    notes = [analyzer.analyze(notes_text.included_notes(notes_of[c.code])) if notes_of.get(c.code) else None
             for c in codes]
    # the words of the notes borrowed beside a code's own: its notes' words too, said to be ОКЭД's
    lent = {code: frozenset(analyzer.analyze(notes_text.included_notes(text)).terms) for code, text in also.items()}
    referred, referral_texts = _referrals(analyzer, codes, notes_of) if use_notes else ({}, {})
    idf = _idf(names, [set(n.terms if n else ()) | lent.get(c.code, set()) for c, n in zip(codes, notes)], len(codes))
    unknown_idf = math.log(1 + len(codes))

    def weight(term: str) -> float:  # Index.weight, before there is an index
        return idf.get(term, unknown_idf)

    entries = _name_entries(reference, codes, names, notes, referred, name_terms, borrowed, weight, language, weights,
                            lent)
    by_code = {e.code.code: i for i, e in enumerate(entries)}
    entries += _item_entries(reference, codes, entries, by_code, notes_of, referral_texts, analyzer, weight, language,
                             also)
    _note_materials(entries, by_code)
    _same_products(reference, entries, by_code, language)
    _types_beneath(reference, entries, by_code)
    postings: dict[str, list[int]] = {}  # by stem: a stem finds every term that has it
    for i, entry in enumerate(entries):
        for key in entry.stems | entry.note_stems:
            postings.setdefault(key, []).append(i)
    exact: dict[tuple[str, ...], list[int]] = {}
    for i, name in enumerate(names):
        exact.setdefault(exact_key(name.lemmas, codes[i].name, name.excluded), []).append(i)
    for i, name in enumerate(names):
        if (key := _without_activity(name, codes[i].name)) is not None and key not in exact:
            exact.setdefault(key, []).append(i)
    # a section of one division is that division's grouping, answered by it: «Образование» is 85 (as 12 is 12.00)
    sections = [c for c in reference if c.level == "section" and len(reference.children(c.code)) > 1]
    section_lemmas: dict[tuple[str, ...], str] = {}
    section_terms: dict[tuple[str, ...], str] = {}
    for section in sections:
        read = analyzer.analyze(section.name)
        lemmas = read.lemmas
        section_terms.setdefault(exact_key(read.terms), section.code)
        for key in (exact_key(lemmas), _without_activity(read, "")):
            if key and key not in exact:
                section_lemmas.setdefault(key, section.code)
    same_name_root = _same_name_roots(reference, codes)
    shortened = shortened_words(texts, language)
    return Index(reference, use_notes, borrowed | frozenset(also), analyzer, language,
                 frozenset(t for t in language.generic if language.actions.get(t) in WEAK_ACTIONS),
                 tuple(entries), by_code, {k: np.array(v, dtype=np.int32) for k, v in postings.items()},
                 {k: tuple(v) for k, v in exact.items()}, idf, unknown_idf, name_terms, same_name_root,
                 {root: code for code, root in same_name_root.items() if len(code) == 5},
                 tuple((e.code.code.count("."), len(e.code.code)) for e in entries),
                 frozenset(i for i, e in enumerate(entries) if e.borrowed and e.item is not None),
                 tuple(e.code.code[:5] for e in entries), shortened=shortened,
                 spelling=spelling_forms(analyzer.vocabulary, shortened.counts, language, postings),
                 section_names={normalized_key(c.name): c.code for c in sections}, section_lemmas=section_lemmas,
                 section_terms=section_terms, tie_rank=_tie_rank(entries))


def _tie_rank(entries: Sequence[Entry]) -> np.ndarray:
    """Each entry's place among entries that the first pass finds as good: an official name before an item of
    notes, then the fewer its terms, then the order of the reference. One frequent word («торговый» in
    hundreds of names and notes) otherwise keeps for scoring the entries of the first codes of the
    classifier only, whatever the codes after them say."""
    order = sorted(range(len(entries)), key=lambda i: (entries[i].item is not None, len(entries[i].terms), i))
    rank = np.empty(len(entries), dtype=np.int32)
    rank[order] = np.arange(len(entries), dtype=np.int32)
    return rank


def _analyzer(language: Language, texts: Sequence[str]) -> Analyzer:
    """An analyzer that knows the words of every name and note, counted."""
    plain = Analyzer(language)
    vocabulary: dict[str, int] = {}
    for text in texts:
        for term in plain.analyze(text).terms:
            vocabulary[term] = vocabulary.get(term, 0) + 1
    return Analyzer(language, vocabulary, share_lemmas_with=plain)


def exact_key(lemmas: Sequence[str], text: str = "", excluded: Sequence[str] = ()) -> tuple[str, ...]:
    """What an official name and a text that is it share, in whatever order the words come: «Издательская
    деятельность» is 58 «Деятельность издательская». What a ``text`` leaves out («кроме пива»: ``excluded``)
    or denies («не подчиняющимся расписанию») is part of it: 47.25.11 «… алкогольными напитками, кроме пива …»
    is not 47.25.1 «… включая пиво …». A name of the rest of its kind («… удобрений, не включенных в другие
    группировки», whose words are stop words) is that only for a text that says so too: «Производство
    удобрений» is not 20.15.7.

    >>> exact_key(["удобрение", "производство"], "Производство удобрений, не включённых в другие группировки")
    ('производство', 'удобрение', 'не включенн')
    >>> exact_key(["торговля", "напиток", "пиво"], "Торговля напитками, кроме пива", ["пиво"])
    ('напиток', 'пиво', 'торговля', 'кроме пиво')
    """
    key = tuple(sorted(lemmas)) + tuple(sorted(f"кроме {word}" for word in excluded))
    key += ("не",) * len(_DENIED.findall(fold(text)))
    return key + (RESIDUAL,) if says_rest(text) else key


@lru_cache(maxsize=16_384)  # the names of the codes are asked of for every query
def says_rest(text: str) -> bool:
    """Whether a text says «не включенные в другие группировки»: asks for the rest of a kind."""
    return RESIDUAL in fold(text)


def _without_activity(name: Analysis, text: str) -> tuple[str, ...] | None:
    """The key (:func:`exact_key`) of an official name without its opening «деятельность», which people leave
    out: «Водный транспорт» is 50 «Деятельность водного транспорта»; None for a name that does not open so."""
    lemmas = name.lemmas
    return exact_key(lemmas[1:], text, name.excluded) if len(lemmas) > 1 and lemmas[0] == "деятельность" else None


def _referrals(analyzer: Analyzer, codes: Sequence[Code], notes_of: dict[str, str | None]
               ) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """«не включает: …, см. 01.62» describes 01.62: its terms count as 01.62's notes, and its text stands
    as an item of 01.62's notes."""
    referred: dict[str, set[str]] = {}
    referral_texts: dict[str, list[str]] = {}
    for code in codes:
        for text, targets in notes_text.referrals(notes_of[code.code]) if notes_of.get(code.code) else ():
            terms = analyzer.analyze(text).terms
            for target in targets:
                referred.setdefault(target, set()).update(terms)
                referral_texts.setdefault(target, []).append(text)
    return referred, referral_texts


def _idf(names: Sequence[Analysis], notes: Sequence[set[str]], total: int) -> dict[str, float]:
    df: dict[str, int] = {}
    for name, note in zip(names, notes):
        for term in set(name.terms) | note:
            df[term] = df.get(term, 0) + 1
    return {t: math.log(1 + total / n) for t, n in df.items()}


def _name_entries(reference, codes, names, notes, referred, name_terms, borrowed, weight, language, weights,
                  lent: dict[str, frozenset[str]]) -> list[Entry]:
    """An entry for each official name; a code that says no action of its own does what its parent does
    («Выращивание пшеницы» → its children grow too)."""
    actions: dict[str, str | None] = {}
    ways: dict[str, frozenset[str]] = {}  # a code's ways, its parent's when its name names none
    entries = []
    for code, name, note in zip(codes, names, notes):
        own, parent = primary_action(name), actions.get(code.parent or "")
        if own is not None and own not in WEAK_ACTIONS:
            action = own
        elif parent is not None and parent not in WEAK_ACTIONS:
            action = parent
        else:
            action = own or parent
        actions[code.code] = action
        terms = frozenset(name.terms)
        # 49.20.9 «Перевозка прочих грузов» carries by rail, as 49.20 «… железнодорожного транспорта» says
        ways[code.code] = ways_named(language, terms) or ways.get(code.parent or "", frozenset())
        # a class (or group) also answers to its group's and division's names
        above = reference.ancestors(code.code)[:weights.inherit_depth] if code.digits <= 4 else []
        inherited = frozenset(t for a in above if a.code in name_terms for t in name_terms[a.code][1])
        own_notes = frozenset(note.terms if note else ()) | referred.get(code.code, frozenset())
        others = lent.get(code.code, frozenset()) - own_notes  # borrowed beside the code's own
        own_notes |= others
        note_terms = (own_notes | inherited) - terms
        aside = _aside(code.name) & terms
        usual = frozenset(w for way in language.usual if way <= terms for w in way) - aside
        entries.append(Entry(code, terms, note_terms, frozenset(name.excluded) - terms, action,
                             math.fsum(weight(t) for t in terms - aside - usual) or 1.0,
                             frozenset(stem(t) for t in terms), frozenset(stem(t) for t in note_terms),
                             pairs([stem(t) for t in name.terms]), terms & language.qualifiers,
                             inherited=inherited - terms - own_notes, materials=material_groups(language, terms),
                             ways=ways[code.code],
                             purpose=name.purpose, material=name.material, things=name.things,
                             head=name.head, **_listing(code.name, name.head),
                             borrowed=code.code in borrowed, lent=others - terms, aside=aside, usual=usual))
    return entries


def _note_materials(entries: list[Entry], by_code: dict[str, int]) -> None:
    """The words a code's notes have only as what it makes things from: 24.44 «Производство меди» makes copper
    «из отходов и лома меди», it does not make «лом». ``entries``: names, then items of notes."""
    material: dict[str, set[str]] = {}
    other: dict[str, set[str]] = {}
    for e in entries:
        if e.item is not None:
            material.setdefault(e.code.code, set()).update(e.material)
            other.setdefault(e.code.code, set()).update(e.terms - e.material)
    for code, words in material.items():
        entry = entries[by_code[code]]
        only = frozenset(words - other[code]) & entry.notes
        if only:
            entries[by_code[code]] = replace(entry, note_material=only)


def _same_products(reference: Reference, entries: list[Entry], by_code: dict[str, int], language: Language) -> None:
    """A subclass or type whose name adds to a sibling's only words of how or for whom it does it
    (``reference/manner.txt``) does it to the same things: the words of the sibling's notes and of their
    items are its notes too. 13.92.2 «Пошив готовых текстильных изделий по индивидуальному заказу
    населения, кроме одежды» sews the шторы that only an item of 13.92.1 «Производство готовых текстильных
    изделий, кроме одежды» names. ``entries``: names, then items of notes."""
    actions, manner = language.actions, language.manner
    noted: dict[str, frozenset[str]] = {}  # code → the words of its notes' items
    for e in entries:
        if e.item is not None:
            noted[e.code.code] = noted.get(e.code.code, frozenset()) | e.terms
    for parent in sorted({e.code.parent for e in entries if e.code.digits > 4 and e.item is None}):
        kids = [by_code[c.code] for c in reference.children(parent) if c.code in by_code]
        # what each makes, sells, …: its name without the words of its own action («пошив» is производство)
        things = {i: frozenset(t for t in entries[i].terms if actions.get(t, "") != entries[i].action) for i in kids}
        for b in kids:
            notes = [entries[a].notes | noted.get(entries[a].code.code, frozenset()) for a in kids
                     if things[a] and things[a] < things[b] and things[b] - things[a] <= manner]
            more = frozenset().union(*notes) - entries[b].terms - entries[b].notes
            if more:
                entries[b] = _with_notes(entries[b], more)


def _types_beneath(reference: Reference, entries: list[Entry], by_code: dict[str, int]) -> None:
    """A subclass is its types: the words of their names are its notes too. 02.30.1 «Сбор и заготовка
    пищевых лесных ресурсов» answers «Заготовка грибов и орехов», which its types 02.30.11 «… грибов» and
    02.30.13 «… орехов» name one each. Only a subclass: a class's subclasses split what it does, and a
    class answering for each of them would hide the one asked."""
    for i, entry in enumerate(entries):
        if entry.item is not None or entry.code.digits != 5:
            continue
        words = frozenset(t for c in reference.descendants(entry.code.code) if c.code in by_code
                          for t in entries[by_code[c.code]].terms)
        more = words - entry.terms - entry.notes
        if more:
            entries[i] = _with_notes(entry, more, beneath=more)


def _with_notes(entry: Entry, more: frozenset[str], **fields: frozenset[str]) -> Entry:
    """``entry`` with the words ``more`` among its notes (and their stems), and any other ``fields`` set."""
    return replace(entry, notes=entry.notes | more, note_stems=entry.note_stems | frozenset(stem(t) for t in more),
                   **fields)


def _item_entries(reference, codes, entries, by_code, notes_of, referral_texts, analyzer, weight, language,
                  also: dict[str, str]) -> list[Entry]:
    """An entry for each item of a code's notes, each element an item enumerates, and each text other
    codes' notes send to it; ``also``: notes borrowed for a code that has its own, whose items are borrowed."""
    out = []
    for entry, source in zip(list(entries), codes):
        own_text = notes_of.get(source.code, "")
        if not (own_text or source.code in referral_texts):
            continue
        # (text, the action of the item it is listed in, listed?, borrowed?)
        found: list[tuple[str, str | None, bool, bool]] = [
            (t, None, False, entry.borrowed) for t in notes_text.note_items(own_text)]
        found += [(t, None, False, True) for t in notes_text.note_items(also.get(source.code, ""))]
        found += [(t, None, False, entry.borrowed) for t in referral_texts.get(source.code, ())]
        for text, _, _, borrowed in list(found):  # «… для молочной промышленности: сепараторов для сливок, …»
            lead, elements = notes_text.listed(text)
            elements = notes_text.with_shared_nouns(elements, lambda word: lemma(word)[1] == "NOUN")
            lead_action = primary_action(analyzer.analyze(lead)) if elements else None
            found.extend((piece, lead_action, True, borrowed) for piece in elements)
        # ОКЭД's notes describe the NACE class, which OKVED 2 may divide: an item that names all the
        # words of one of the class's own subclasses is that subclass's
        below = [entries[by_code[c.code]] for c in reference.descendants(source.code)
                 if c.code in by_code] if entry.borrowed or source.code in also else []
        for text, lead_action, listed, borrowed in found:
            item = analyzer.analyze(text)
            item_terms = frozenset(item.terms)
            if len(item_terms) < 2:
                continue
            owner = _owner(reference, entry, [e for e in below if e.terms <= item_terms]) if borrowed else entry
            out.append(Entry(owner.code, item_terms, frozenset(), frozenset(item.excluded) - item_terms,
                             _item_action(item, lead_action or owner.action, language),
                             math.fsum(weight(t) for t in item_terms),
                             frozenset(stem(t) for t in item_terms), frozenset(),
                             pairs([stem(t) for t in item.terms]), item_terms & language.qualifiers, text,
                             materials=material_groups(language, item_terms),
                             # an item is done as its code's name says: 47.71's items sell «в … магазинах»
                             ways=narrowest(ways_named(language, item_terms) | owner.ways, language),
                             purpose=item.purpose, material=item.material, things=item.things,
                             listed=listed, head=item.head, **_listing(text, item.head),
                             borrowed=borrowed))
    return out


def _item_action(item: Analysis, around: str | None, language: Language) -> str | None:
    """What an item of notes does: its own action word's, else what it is listed under or its code does. A
    place the item names is a thing there, when the code makes or builds: «детские бассейны» in 32.40's
    notes are toys made, not the services of a pool."""
    own = primary_action(item)
    if own is not None and around is not None and around not in WEAK_ACTIONS \
            and all(t in language.places for t in item.terms if t in language.actions):
        return around
    return own or around


def _owner(reference: Reference, entry: Entry, named: Sequence[Entry]) -> Entry:
    """The code a borrowed item of ``entry``'s notes is of: the deepest of the subclasses whose whole name
    it has, if they lie on one branch; the class itself when it names subclasses side by side —
    «переработку и консервирование рыбы, ракообразных и моллюсков» is all of 10.20, not 10.20.2
    «… ракообразных и моллюсков» nor 10.20.1 «… рыбы»."""
    if not named:
        return entry
    deepest = max(named, key=lambda e: (e.code.digits, len(e.terms)))
    above = {a.code for a in reference.ancestors(deepest.code.code)}
    return deepest if all(e is deepest or e.code.code in above for e in named) else entry


def _same_name_roots(reference: Reference, codes: Sequence[Code]) -> dict[str, str]:
    """24.20 is the only class of its group 24.2 and has its name: one grouping, shown as 24.2, the
    higher level. 59.11 has the name of 59.1 too, but 59.1 also holds 59.12–59.14: not the same."""
    name_keys = {c.code: normalized_key(c.name) for c in codes}
    roots: dict[str, str] = {}
    for c in codes:
        same = list(takewhile(lambda a: name_keys.get(a.code) == name_keys[c.code]
                              and len(reference.children(a.code)) == 1, reference.ancestors(c.code)))
        if same:
            roots[c.code] = same[-1].code
    return roots
