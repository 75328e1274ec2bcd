"""Matching activity descriptions to OKVED 2 codes: index, retrieval, scoring, status, explanations.

>>> m = Matcher()
>>> result = m.match("Производство автомобилей")
>>> result.best.code, result.status
('29.1', 'auto')

How a score is made (all in [0, 1]):

* the query and every official name are reduced to canonical terms (:mod:`mapper.lemmas`);
  retrieval takes the codes that share a term's stem with the query;
* each term weighs its rarity among the codes (idf), the query's head noun ``HEAD_WEIGHT`` more, «услуги»
  or «деятельность» ``WEAK_ACTION_WEIGHT`` of it when another action follows («Услуги по ремонту …»); a
  term for what a thing is for («для …») against one for the thing itself, or back, and a term for
  what it is made of («из …») against the thing itself, ``ROLE_MISMATCH`` of that («Оборудование для
  переработки мяса» is not meat processing, «Носки из хлопчатобумажной пряжи» are not yarn);
* ``coverage`` — the weighted share of the query's terms the code's name has (a term found only in
  the explanatory notes counts ``NOTES_WEIGHT``, one matched only by its stem ``STEM_WEIGHT``);
* ``precision`` — the weighted share of the name's terms the query has: a qualifier the query lacks
  costs (``Производство автомобилей`` → 29.10, not 29.10.4 «… грузовых автомобилей»); a product
  that does not name the name's head noun, not even by its kind, has coverage ``NAME_HEAD_MISS`` of
  what it would («Вагоны-платформы» is not 28.22.5 «… автопогрузчиков … на железнодорожных платформах»);
* ``score = coverage × (PRECISION_FLOOR + (1 − PRECISION_FLOOR) × precision)``, then multiplied by
  the agreement of the action (1 when the query and the code do the same thing — производство,
  торговля, ремонт …; a product against a code that trades, rents, repairs or carries goods
  ``HANDLING_FOR_PRODUCT``, against other actions ``ACTION_OTHER_FOR_PRODUCT``), by how many of the query's neighbouring words are neighbours in the name
  (``PAIR_WEIGHT``), by ``MATERIAL_CLASH`` when the query's material is not the name's
  (``reference/materials.txt``: пластиковые окна against «металлических … окон», алюминиевые фитинги
  against «стальных»), by
  ``QUALIFIER_MISS`` when the name says «прочий» or «агент» and the query does
  not (for «агент» once more by ``AGENT_MISS``; «за вознаграждение или на договорной основе» says
  агент), by ``EXCLUDED_PENALTY`` when the query names what the name excludes («кроме …»), and by the
  ``LEVEL_PRIOR`` of the code's level (a class, 4 digits, is what an unqualified text usually means;
  for a product, a group or division of several classes also by ``BROAD_FOR_PRODUCT``: one class
  makes it);
* a query word no name has may match through what it is a kind of (тунец → рыба, from
  ``reference/hypernyms*.txt``), at ``BROADER_WEIGHT`` times the share of the kind's words the name has
  (``HEAD_BROADER_WEIGHT`` for the head noun: «Бензин автомобильный» is a нефтепродукт first; the
  head's kind, when one noun, must be a noun of the name for the thing, not its material: «Айва», a
  kind of дерево, is not «деревянной тары»);
* a product's head no name has counts ``GENERIC_HEAD_WEIGHT`` against a name that says only
  «изделий» of a material or field (``reference/any-product.txt``: «Куртки с верхом из меха» and
  14.20 «Производство меховых изделий»);
* a code whose siblings in its class match the query's other words gains up to ``CLASS_SUPPORT``
  («Шапки и воротники»: 14.20.1 «шапок меховых», helped by 14.20.2 «воротников»);
* for a repair, the making code that best names the thing says which class repairs it
  (``reference/repair.txt``), and that class gains ``REPAIR_SUPPORT`` («Ремонт бытовых холодильников»:
  27.51 makes them, so 95.22);
* a class scores at least ``CHILD_SHARE`` of its best subclass or type: the broader choice is
  offered, below the narrower one;
* a query whose lemmas are an official name is ``exact`` and scores 1.

The explanatory notes are the reference's own; a code without them is read with the notes
:mod:`mapper.notes` borrows from ОКЭД, Kazakhstan's NACE-based classifier (each candidate's explanation
says «пояснениях ОКЭД РК»). Their items stand as names of their class, or of the class's subclass whose
whole name an item has («добычу сырой нефти» of 06.10 is 06.10.1 «Добыча нефти»).

When several codes tie for first place on the same words, their nearest common ancestor of class
level or deeper goes first; a subclass or type in first place gives way to its class when the class
scores within ``CLASS_MARGIN`` of it («Пошив верхней одежды» → 14.13, not 14.13.2). The only child
of a code, named like it (24.20 of 24.2), is shown once, at the higher level, with the other listed
as equivalent. The first three places go to codes of different classes (for an activity, a broader
code of the same branch may stay). Status: ``exact``; ``auto`` when the best score and its margin
over the next candidate reach ``AUTO_SCORE`` and ``AUTO_MARGIN`` (measured on the dev sets, see
README); ``none`` below ``NONE_SCORE``; ``review`` otherwise.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import takewhile
from pathlib import Path
from typing import NamedTuple

from .lemmas import WEAK_ACTIONS, Analysis, Analyzer, load_language, normalized_key, stem
from .notes import SOURCE_LABEL, BorrowedNotes, load_borrowed_notes
from .reference import Code, Reference, load_reference

VERSION = "1"

NOTES_WEIGHT = 0.6
PRECISION_FLOOR = 0.6
EXCLUDED_PENALTY = 0.5
AUTO_SCORE = 0.72
AUTO_MARGIN = 0.1
NONE_SCORE = 0.2
MAX_SCORED = 60  # entries scored in full per query, after a cheap first pass
TIE_MARGIN = 0.12  # codes this close to the first, on the same query words, count as tied
BROADER_WEIGHT = 0.5  # a query word matched through what it is a kind of (домра → музыкальный инструмент), times
# the weighted share of the kind's words the name has
CLASS_MARGIN = 0.1  # how close behind its subclass or type a class may be and still go first
NOTE_ITEM_WEIGHT = 0.8  # an item of the notes matched as if it were the name
LISTED_WEIGHT = 0.9  # … and an element of an enumeration in an item, that much again
GENERALISE_MIN_DIGITS = 4  # lift ties to a class or deeper, not to a group or a division
QUALIFIER_MISS = 0.85  # the name has a word of reference/qualifiers.txt («прочий», «агент») the query lacks
AGENT_MISS = 0.9  # … and once more for «агент»: agents (46.1x) do not trade themselves
PAIR_WEIGHT = 0.2  # share of the query's neighbouring terms that are neighbours in the name
STEM_WEIGHT = 0.7  # a term matched only by its stem (сывороточный ~ сыворотка)
ACTION_WEAK = 0.6  # the code or the query only says «услуги», «деятельность»
ACTION_OTHER_FOR_PRODUCT = 0.6  # a product name against codes of processing, services …
HANDLING_FOR_PRODUCT = 0.4  # … and against codes that sell, rent, repair or carry the goods it names
HANDLING = frozenset({"торговля", "аренда", "ремонт", "перевозка"})  # what is done with goods others make
MAKING = frozenset({"производство", "строительство"})  # what makes the products a name without an action means
SERVICE_AGAINST_MAKING = 0.75  # a query that only says «услуги» against a making code
ACTION_CONFLICT = 0.4  # производство against торговля
HEAD_WEIGHT = 1.5
WEAK_ACTION_WEIGHT = 0.2  # «услуги» in «Услуги по ремонту …»: the other action says what is done
NAME_HEAD_MISS = 0.9  # a product against a name whose head noun it does not name, not even by its kind
GENERIC_HEAD_WEIGHT = 0.15  # a product's head against a name of «… изделий» of its material («меховых изделий»)
HEAD_BROADER_WEIGHT = 0.7  # the head noun matched through its kind: what the thing is (бензин → нефтепродукт)
ROLE_MISMATCH = 0.7  # a word for the thing itself against one for what a thing is for («для …») or is made of («из …»)
CHILD_SHARE = 0.3  # a class is offered at this share of its best subclass or type: the broader choice
MATERIAL_CLASH = 0.5  # the query's material is not the name's (пластиковые against металлических)
INHERIT_DEPTH = 2  # how many levels of names above a class (or group) it inherits, as notes
SUPPORTED = 20  # how many of the best codes the class support may reorder
REPAIR_SUPPORT = 0.5  # a repair class raised when the thing repaired is what its made classes make
CLASS_SUPPORT = 0.8  # raise a code by the share of query weight its class siblings match and it does not
DIVERSIFY_POOL = 3  # candidates gathered per place asked, so that other classes can come forward
DIVERSE_TOP = 3
LEVEL_PRIOR = {"section": 0.7, "division": 0.7, "group": 0.8, "class": 1.0, "subclass": 0.92, "type": 0.85}
BROAD_FOR_PRODUCT = 0.6  # … and a group or division of several classes, for a product: one class makes it

OFFICIAL_NAME = "официальное наименование"
_SEE = re.compile(r"\bсм\.?\s*((?:\d{2}(?:\.\d{1,2}){0,2}[\s,и]*)+)", re.IGNORECASE)
_CODE_IN_TEXT = re.compile(r"\d{2}(?:\.\d{1,2}){0,2}")
_LIST_START = re.compile(r"(?:таки[хе]\s+как|например|включая|:)\s*:?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",|\sи\s|[()]")
_NOT_AN_ELEMENT = re.compile(r"прочи|т\.\s*п|и\s*т\.|др\.", re.IGNORECASE)
_NOT_INCLUDED = re.compile(r"(Эта группировка|Эта группа|Этот класс|Данная группировка)?\s*не\s+включает", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A code proposed for a query: ``Candidate("24.2", "Производство стальных труб, …", "group", 0.82,
    "в наименовании: сталь, труба; то же, что 24.20")``."""

    code: str
    name: str
    level: str
    score: float
    explanation: str


@dataclass(frozen=True, slots=True)
class Match:
    """The answer for one query: its status and ranked candidates."""

    query: str
    status: str
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "status": self.status,
            "candidates": [
                {"code": c.code, "name": c.name, "level": c.level, "score": c.score, "explanation": c.explanation}
                for c in self.candidates
            ],
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    code: Code
    terms: frozenset[str]
    notes: frozenset[str]
    excluded: frozenset[str]
    action: str | None
    weight: float  # Σ idf of the name's terms
    stems: frozenset[str]
    note_stems: frozenset[str]
    pairs: frozenset[frozenset[str]]  # neighbouring terms of the name («стальных труб»)
    qualifiers: frozenset[str]  # «прочий», «агент»: they narrow the name to something the query may not mean
    item: str | None = None  # for an item of the notes read as a name of its own: its text
    inherited: frozenset[str] = frozenset()  # words of a class's group and division names, counted as notes
    materials: frozenset[str] = frozenset()  # material groups its name names (металл, пластмасса, …)
    purpose: frozenset[str] = frozenset()  # terms of the name only after «для»: what the thing is for
    material: frozenset[str] = frozenset()  # … only after «из»: what it is made of
    things: frozenset[str] = frozenset()  # its other nouns
    listed: bool = False  # an element of an enumeration in an item of the notes
    head: str | None = None  # its first noun that is not an action or generic: what it makes, sells, …
    head_stem: str | None = None
    borrowed: bool = False  # its notes (or, for an item, the notes it is an item of) are borrowed from ОКЭД


class _Scored(NamedTuple):
    """How an entry answers a query: its score, the query's terms found in its name and in its notes, those
    its name excludes, and what explains a score set by a rule rather than by the words."""
    score: float
    in_name: frozenset[str]
    in_notes: frozenset[str]
    clash: frozenset[str]
    note: str = ""
    supported: bool = False  # raised because class siblings name the query's other words


@dataclass(frozen=True, slots=True)
class _Query:
    """What scoring needs of a query, computed once per query."""
    weights: dict[str, float]  # term → idf, the head's raised by HEAD_WEIGHT
    stems: dict[str, str]
    stem_set: frozenset[str]
    pairs: frozenset[frozenset[str]]
    total: float
    action: str | None
    broader: dict[str, tuple[tuple[str, ...], ...]]
    materials: frozenset[str]
    purpose: frozenset[str]  # terms only after «для»
    material: frozenset[str]  # terms only after «из»
    things: frozenset[str]  # the other nouns
    head: str | None


def _included_notes(notes: str) -> str:
    """The part of explanatory notes that says what a code includes."""
    match = _NOT_INCLUDED.search(notes)
    return notes[: match.start()] if match else notes


def _note_items(notes: str) -> list[str]:
    """The items of what a code's notes include: «Эта группировка включает: - производство X; - Y» →
    ["производство X", "Y"]."""
    items = re.split(r";|\s-\s|:\s*-\s*", _included_notes(notes))
    return [i.strip(" .,:-") for i in items if i.strip(" .,:-") and not re.search(r"включает\s*$", i.strip(" .,:-"))]


def _listed(item: str) -> tuple[str, list[str]]:
    """An item's lead and the elements it enumerates after «как», «например», «включая» or a colon:
    «производство машин для молочной промышленности: сепараторов для сливок, машин для обработки
    молока» → ("производство машин для молочной промышленности", ["сепараторов для сливок", "машин для
    обработки молока"]); ("…", []) for an item that enumerates nothing. «прочие …», «т. п.» are no
    elements."""
    found = _LIST_START.search(item)
    if not found:
        return item, []
    pieces = (p.strip(" .;:") for p in _LIST_SPLIT.split(item[found.end():]))
    return item[:found.start()], [p for p in pieces if p and not _NOT_AN_ELEMENT.match(p)]


def _referrals(notes: str) -> list[tuple[str, list[str]]]:
    """What a code's notes send elsewhere: («производство кузнечной обработки», ["01.62"]) for each item of
    «не включает: - …, см. 01.62»; the texts describe the codes they point to."""
    match = _NOT_INCLUDED.search(notes)
    if not match:
        return []
    out = []
    for item in re.split(r";|\s-\s", notes[match.end():]):
        found = _SEE.search(item)
        if found:
            codes = _CODE_IN_TEXT.findall(found.group(1))
            text = item[: found.start()].strip(" ,.:")
            if codes and text:
                out.append((text, codes))
    return out


def _pairs(terms: Sequence[str]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(pair) for pair in zip(terms, terms[1:]) if pair[0] != pair[1])


def _primary_action(analysis: Analysis) -> str | None:
    return analysis.actions[0] if analysis.actions else None


class Matcher:
    """Maps texts to OKVED 2 codes. Build once (about a second), then call :meth:`match` freely.

    ``reference``: a :class:`Reference`, a path, or None for the reference in use;
    ``use_notes``: index the explanatory notes too: the reference's own, and for the codes that have
    none the notes borrowed from ОКЭД (see :mod:`mapper.notes`) unless ``borrow_notes`` is false.
    """

    def __init__(self, reference: Reference | str | Path | None = None, *, use_notes: bool = True,
                 borrow_notes: bool = True):
        self.reference = reference if isinstance(reference, Reference) else load_reference(reference)
        self.use_notes = use_notes
        language = load_language()
        codes = [c for c in self.reference if c.level != "section"]
        borrowed = load_borrowed_notes() if use_notes and borrow_notes else BorrowedNotes()
        # the notes each code is read with: its own, else borrowed ones
        notes_of = {c.code: c.notes or borrowed.get(c.code) for c in codes} if use_notes else {}
        self._borrowed = frozenset(c.code for c in codes if not c.notes and borrowed.get(c.code))

        plain = Analyzer(language)
        names = [plain.analyze(c.name) for c in codes]
        notes = [plain.analyze(_included_notes(notes_of[c.code])) if notes_of.get(c.code) else None for c in codes]
        vocabulary: dict[str, int] = {}
        for analysis in [*names, *(n for n in notes if n)]:
            for term in analysis.terms:
                vocabulary[term] = vocabulary.get(term, 0) + 1
        self.analyzer = Analyzer(language, vocabulary, share_lemmas_with=plain)
        self._generic = language.generic
        # generic words of a weak action («услуга», «деятельность»): WEAK_ACTION_WEIGHT beside another action
        self._weak_words = frozenset(t for t in language.generic if language.actions.get(t) in WEAK_ACTIONS)
        self._qualifiers = language.qualifiers
        self._any_product = language.any_product
        self._repairs = language.repairs
        self._materials = language.materials
        self._wider_materials = language.wider_materials

        names = [self.analyzer.analyze(c.name) for c in codes]
        self._name_terms = {c.code: (a.lemmas, a.terms) for c, a in zip(codes, names)}
        notes = [self.analyzer.analyze(_included_notes(notes_of[c.code])) if notes_of.get(c.code) else None
                 for c in codes]
        referred: dict[str, set[str]] = {}  # «не включает: …, см. 01.62» describes 01.62
        referral_texts: dict[str, list[str]] = {}  # … and stands as an item of 01.62's notes
        if use_notes:
            for code in codes:
                for text, targets in _referrals(notes_of[code.code]) if notes_of.get(code.code) else ():
                    terms = self.analyzer.analyze(text).terms
                    for target in targets:
                        referred.setdefault(target, set()).update(terms)
                        referral_texts.setdefault(target, []).append(text)
        df: dict[str, int] = {}
        for name, note in zip(names, notes):
            for term in set(name.terms) | set(note.terms if note else ()):
                df[term] = df.get(term, 0) + 1
        total = len(codes)
        self._idf = {t: math.log(1 + total / n) for t, n in df.items()}
        self._unknown_idf = math.log(1 + total)

        actions: dict[str, str | None] = {}
        entries = []
        for code, name, note in zip(codes, names, notes):
            own, parent = _primary_action(name), actions.get(code.parent or "")
            if own is not None and own not in WEAK_ACTIONS:
                action = own
            elif parent is not None and parent not in WEAK_ACTIONS:
                action = parent  # «Выращивание пшеницы» → its children do what it does
            else:
                action = own or parent
            actions[code.code] = action
            terms = frozenset(name.terms)
            # a class (or group) also answers to its group's and division's names
            above = self.reference.ancestors(code.code)[:INHERIT_DEPTH] if code.digits <= 4 else []
            inherited = frozenset(t for a in above if a.code in self._name_terms for t in self._name_terms[a.code][1])
            own_notes = frozenset(note.terms if note else ()) | referred.get(code.code, frozenset())
            note_terms = (own_notes | inherited) - terms
            entries.append(_Entry(code, terms, note_terms, frozenset(name.excluded) - terms, action,
                                  math.fsum(self._idf[t] for t in terms) or 1.0,
                                  frozenset(stem(t) for t in terms), frozenset(stem(t) for t in note_terms),
                                  _pairs([stem(t) for t in name.terms]), terms & language.qualifiers,
                                  inherited=inherited - terms - own_notes, materials=self._material_groups(terms),
                                  purpose=name.purpose, material=name.material, things=name.things,
                                  head=name.head, head_stem=stem(name.head) if name.head else None,
                                  borrowed=code.code in self._borrowed))
        self._by_code = {e.code.code: i for i, e in enumerate(entries)}
        name_keys = {c.code: normalized_key(c.name) for c in codes}
        # 24.20 is the only class of its group 24.2 and has its name: one grouping, shown as 24.2, the
        # higher level. 59.11 has the name of 59.1 too, but 59.1 also holds 59.12–59.14: not the same
        self._same_name_root: dict[str, str] = {}
        for c in codes:
            same = list(takewhile(lambda a: name_keys.get(a.code) == name_keys[c.code]
                                  and len(self.reference.children(a.code)) == 1,
                                  self.reference.ancestors(c.code)))
            if same:
                self._same_name_root[c.code] = same[-1].code
        self._same_name_class = {root: code for code, root in self._same_name_root.items() if len(code) == 5}
        # each item of the notes («- производство питьевого молока»), and each text another code's notes send
        # here («не включает: - производство сырого молока, см. 01.41»), also stands as a name of its code
        for entry, note_source in zip(list(entries), codes):
            own_text = notes_of.get(note_source.code, "")
            if not (use_notes and (own_text or note_source.code in referral_texts)):
                continue
            # (text, the action of the item it is listed in, listed?)
            items: list[tuple[str, str | None, bool]] = [(t, None, False) for t in _note_items(own_text)]
            items += [(t, None, False) for t in referral_texts.get(note_source.code, ())]
            for text, _, _ in list(items):  # «… для молочной промышленности: сепараторов для сливок, …»
                lead, listed = _listed(text)
                lead_action = _primary_action(self.analyzer.analyze(lead)) if listed else None
                items.extend((piece, lead_action, True) for piece in listed)
            # ОКЭД's notes describe the NACE class, which OKVED 2 may divide: an item that names all the
            # words of one of the class's own subclasses («добычу сырой нефти»: 06.10.1 «Добыча нефти») is that
            # subclass's
            below = [entries[self._by_code[c.code]] for c in self.reference.descendants(note_source.code)
                     if c.code in self._by_code] if entry.borrowed else []
            for text, lead_action, listed in items:
                item = self.analyzer.analyze(text)
                item_terms = frozenset(item.terms)
                if len(item_terms) < 2:
                    continue
                owner = max((e for e in below if e.terms <= item_terms), key=lambda e: len(e.terms), default=entry)
                entries.append(_Entry(owner.code, item_terms, frozenset(), frozenset(item.excluded) - item_terms,
                                      _primary_action(item) or lead_action or owner.action,
                                      math.fsum(self._weight(t) for t in item_terms),
                                      frozenset(stem(t) for t in item_terms), frozenset(),
                                      _pairs([stem(t) for t in item.terms]), item_terms & language.qualifiers, text,
                                      purpose=item.purpose, material=item.material, things=item.things,
                                      listed=listed, head=item.head,
                                      head_stem=stem(item.head) if item.head else None, borrowed=entry.borrowed))
        self._entries = entries
        self._postings: dict[str, list[int]] = {}  # by stem: a stem finds every term that has it
        for i, entry in enumerate(entries):
            for key in entry.stems | entry.note_stems:
                self._postings.setdefault(key, []).append(i)
        self._exact: dict[tuple[str, ...], list[int]] = {}
        for i, name in enumerate(names):
            self._exact.setdefault(name.lemmas, []).append(i)

    # ---------------------------------------------------------------- scoring

    def _weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def _material_groups(self, terms: Iterable[str]) -> frozenset[str]:
        """The materials some terms name, by group: («стальной», «труба») → {черный металл}."""
        return frozenset(self._materials[t] for t in terms if t in self._materials)

    def _other_material(self, materials: frozenset[str], entry: _Entry) -> bool:
        """The query names a material and the name only others («пластиковые» / «металлических»,
        «чугунные» / «стальных»); a material agrees with the wider group it is part of (чугун, металл)."""
        if not (materials and entry.materials) or materials & entry.materials:
            return False
        wider = self._wider_materials
        return not any(wider.get(a) == b or a == wider.get(b) for a in materials for b in entry.materials)

    def _kind_share(self, kind: tuple[str, ...], terms: frozenset[str]) -> float:
        """How much of a kind («музыкальный инструмент») a name has, by weight: 1 for «музыкальных
        инструментов», less for «инструментов» alone."""
        core = [w for w in kind if w not in self._generic] or kind  # «молочный продукт»: молоко decides
        return sum(self._weight(w) for w in core if w in terms) / (sum(self._weight(w) for w in core) or 1.0)

    @staticmethod
    def _action_factor(query: str | None, code: str | None) -> float:
        """How well what the query does agrees with what the code does; a query that names no action
        (a product) is taken to mean making it."""
        if query is None or query in WEAK_ACTIONS:
            if code is None or (query and code in WEAK_ACTIONS) or (query is None and code in MAKING):
                return 1.0  # a product is made, a building or a road is built
            if query and code in MAKING:  # «Услуги парикмахерские»: a service, not making things
                return SERVICE_AGAINST_MAKING
            if code in WEAK_ACTIONS:
                return ACTION_WEAK
            # «Дизельное топливо»: made (19.20.1), not sold (47.30.11 «… дизельным топливом»); «Магазин
            # одежды» names a service, and that may be trade
            return HANDLING_FOR_PRODUCT if query is None and code in HANDLING else ACTION_OTHER_FOR_PRODUCT
        if code == query:
            return 1.0
        return ACTION_WEAK if code is None or code in WEAK_ACTIONS else ACTION_CONFLICT

    def _retrieve(self, weights: dict[str, float], stems: dict[str, str],
                  broader: dict[str, tuple[tuple[str, ...], ...]]) -> list[int]:
        """The entries worth scoring: those sharing the most query weight through the stems' postings
        (a cheap upper bound of coverage), at most ``MAX_SCORED`` of them."""
        found: dict[int, float] = {}
        for term, weight in weights.items():
            for i in self._postings.get(stems[term], ()):
                found[i] = found.get(i, 0.0) + weight
            for kind in broader.get(term, ()):
                for word in kind:
                    for i in self._postings.get(stem(word), ()):
                        found[i] = found.get(i, 0.0) + BROADER_WEIGHT * weight / len(kind) / len(broader[term])
        if len(found) <= MAX_SCORED:
            return list(found)
        return heapq.nlargest(MAX_SCORED, found, key=found.__getitem__)

    def _score(self, query: _Query, entry: _Entry) -> _Scored:
        in_name, in_notes = [], []
        kinds_found: set[str] = set()  # the name's words that query words matched as their kinds
        matched = noted = own = 0.0
        weights, stems, broader = query.weights, query.stems, query.broader
        # words in other roles: «Оборудование для переработки мяса» / «Переработка мяса»; «Носки из
        # пряжи» / «Производство пряжи»
        other_role = (query.purpose ^ entry.purpose) | (query.material & entry.things) \
            | (query.things & entry.material) if query.purpose or query.material or entry.purpose or entry.material \
            else frozenset()
        for t, w in weights.items():
            if t in other_role:
                w *= ROLE_MISMATCH
            if t in entry.terms:
                in_name.append(t)
                matched += w
                own += self._weight(t)
            elif stems[t] in entry.stems:
                in_name.append(t)
                matched += STEM_WEIGHT * w
                own += STEM_WEIGHT * self._weight(t)
            elif t in entry.notes:
                in_notes.append(t)
                noted += w
            elif stems[t] in entry.note_stems:
                in_notes.append(t)
                noted += STEM_WEIGHT * w
            elif t in broader:  # through the kind of thing it is: the share of the kind's words the name has
                # the head's kind, one noun, is a thing the name names, not a material nor an adjective's
                # noun: «Айва», a kind of дерево, is not 16.24 «деревянной тары»
                share, kind = max((self._kind_share(kind, entry.terms - set(kind) if t == query.head and len(kind) == 1
                                                    and kind[0] not in entry.things else entry.terms), kind)
                                  for kind in broader[t])
                if share:
                    in_name.append(t)
                    matched += (HEAD_BROADER_WEIGHT if t == query.head else BROADER_WEIGHT) * share * w
                    kinds_found.update(kind)
                    own += BROADER_WEIGHT * sum(self._weight(b) for b in kind if b in entry.terms)
        generic = ""
        if query.action is None and query.head in weights and entry.head is None and in_name \
                and query.head not in in_name and query.head not in in_notes:
            # «Куртки с верхом из натурального меха» / 14.20 «Производство меховых изделий»: the name
            # stands for any product of its material or field, a little
            generic = min(entry.things & self._any_product, default="")
            if generic:
                matched += GENERIC_HEAD_WEIGHT * weights[query.head]
        coverage = (matched + NOTES_WEIGHT * noted) / query.total
        if query.action is None and entry.head and entry.head_stem not in query.stem_set \
                and entry.head not in kinds_found:
            # a product matched on a name's other words: «Вагоны-платформы» / 28.22.5 «… автопогрузчиков и
            # тягачей, используемых на железнодорожных платформах»
            coverage *= NAME_HEAD_MISS
        precision = min(own / entry.weight, 1.0)
        score = coverage * (PRECISION_FLOOR + (1 - PRECISION_FLOOR) * precision)
        if query.pairs:
            score *= 1 - PAIR_WEIGHT + PAIR_WEIGHT * len(query.pairs & entry.pairs) / len(query.pairs)
        if entry.qualifiers and not entry.qualifiers <= weights.keys() \
                and (query.action is not None or len(in_name) + len(in_notes) == len(weights)):
            # a product name («Насосы поршневые») that a name does not wholly cover belongs in the
            # catch-all «прочих насосов»; an activity («Ремонт промышленного оборудования») or a
            # product every word of which a name has («Мебель» / «… прочей мебели») does not
            score *= QUALIFIER_MISS
        if "агент" in entry.qualifiers and "агент" not in weights:  # «Оптовая торговля стройматериалами»: 46.73
            score *= AGENT_MISS
        score *= self._action_factor(query.action, entry.action) * LEVEL_PRIOR[entry.code.level]
        if query.action is None and entry.code.level in ("group", "division") \
                and entry.code.code not in self._same_name_class:
            score *= BROAD_FOR_PRODUCT  # a product is made by one class: 58.29 for software, not 58.2
        if entry.item is not None:
            score *= NOTE_ITEM_WEIGHT * (LISTED_WEIGHT if entry.listed else 1.0)
        if self._other_material(query.materials, entry):
            score *= MATERIAL_CLASH  # «пластиковые окна» against «металлических … окон»
        clash = frozenset(t for t in weights if t in entry.excluded)
        if clash:
            score *= EXCLUDED_PENALTY
        return _Scored(score, frozenset(in_name), frozenset(in_notes), clash,
                       f"{query.head} — как {generic}" if generic else "")

    def _explanation(self, terms: Sequence[str], materials: frozenset[str], note: str, in_name: frozenset[str],
                     in_notes: frozenset[str], clash: frozenset[str], entry: _Entry | None, notes_label: str,
                     same: list[str]) -> str:
        text = note if note == OFFICIAL_NAME else \
            "; ".join(p for p in (note, self._explain(terms, in_name, in_notes, clash, entry,
                                                      self.analyzer.language.implied, notes_label)) if p)
        if entry and note != OFFICIAL_NAME and self._other_material(materials, entry):
            text += f"; другой материал: {', '.join(sorted(entry.materials))}, а не {', '.join(sorted(materials))}"
        return text + "".join(f"; то же, что {code}" for code in same)

    @staticmethod
    def _explain(terms: Sequence[str], in_name: frozenset[str], in_notes: frozenset[str], clash: frozenset[str],
                 entry: _Entry | None = None, implied: frozenset[str] = frozenset(),
                 notes_label: str = "пояснениях") -> str:
        parts = []
        if in_name:
            # a word the name has only through its kind («сеялка» in «… сельскохозяйственного оборудования»)
            # or through what it implies («мороженая» рыба: «переработка и консервирование»)
            kind = {t for t in in_name if entry and t not in entry.terms and stem(t) not in entry.stems}
            parts.append("в наименовании: " + ", ".join(
                (f"{t} (по смыслу)" if t in implied else f"{t} (по виду)") if t in kind else t
                for t in terms if t in in_name))
        above = {t for t in in_notes if entry and (t in entry.inherited or stem(t) in map(stem, entry.inherited))}
        if in_notes - above:
            parts.append(f"в {notes_label}: " + ", ".join(t for t in terms if t in in_notes and t not in above))
        if above:
            parts.append("в наименовании вышестоящего кода: " + ", ".join(t for t in terms if t in above))
        missing = [t for t in terms if t not in in_name and t not in in_notes]
        if missing:
            parts.append("не найдено: " + ", ".join(missing))
        if clash:
            parts.append("наименование исключает: " + ", ".join(t for t in terms if t in clash))
        return "; ".join(parts)

    def _support(self, scored: dict[int, _Scored], weights: dict[str, float], total: float,
                 terms: Sequence[str]) -> None:
        """A code whose class siblings (or ancestors in the class) name the query's other words is
        likelier the query's class: it gains up to ``CLASS_SUPPORT``. Its own children do not count —
        a class does not claim what only its subclass says."""
        members: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for i, item in scored.items():
            if item.score > 0:
                members.setdefault(self._entries[i].code.code[:5], []).append(
                    (self._entries[i].code.code, item.in_name | item.in_notes))
        # only codes that the support could bring near the top are worth the work
        reach = heapq.nlargest(SUPPORTED, (item.score for item in scored.values()))[-1] / (1 + CLASS_SUPPORT) \
            if scored else 0.0
        for i, item in list(scored.items()):
            code = self._entries[i].code.code
            if item.score < reach or len(members.get(code[:5], ())) < 2:
                continue
            extra = set().union(*(found for other, found in members[code[:5]]
                                  if not other.startswith(code + ".") and other != code)) - item.in_name - item.in_notes \
                - self._qualifiers  # «прочий» in a sibling's name says nothing of the class
            if extra:
                gain = math.fsum(weights[t] for t in extra) / total
                said = ", ".join(t for t in terms if t in extra)
                scored[i] = item._replace(score=item.score * (1 + CLASS_SUPPORT * gain),
                                          note=f"другие коды {code[:5]} называют: {said}", supported=True)

    def _repair_of_made(self, scored: dict[int, _Scored], score_of: Callable[[int], _Scored]) -> None:
        """«Ремонт бытовых холодильников»: the making code that best names the thing (27.51 «…
        бытовых электрических приборов») says which class repairs it (95.22, ``reference/repair.txt``);
        that class and the codes beneath it gain ``REPAIR_SUPPORT``."""
        making = [(item.score, self._entries[i].code.code, repairs) for i, item in scored.items()
                  if self._entries[i].action in MAKING and item.in_name - self._generic
                  and (repairs := self._repairs_for(self._entries[i].code.code))]
        if not making:
            return
        _, made, repairs = max(making)
        # the repair classes and what is beneath them: «ремонт легковых автомобилей» stays 45.20.1
        beneath = tuple(r + "." for r in repairs)
        found = [self._by_code[r] for r in repairs if r in self._by_code]
        found += [i for i in scored if self._entries[i].code.code.startswith(beneath)]
        for index in dict.fromkeys(found):
            own = scored.get(index) or score_of(index)
            scored[index] = own._replace(score=own.score * (1 + REPAIR_SUPPORT),
                                         note=f"ремонт того, что производит {made}")

    def _repairs_for(self, code: str) -> tuple[str, ...]:
        """The repair classes of what a code makes, by each listed code above it: 27.51 → 27.5 → 95.22;
        28.25.12 (air conditioners) → 95.22 (household) and, through 28, 33.12."""
        found: list[str] = []
        while code:
            if code in self._repairs:
                found.append(self._repairs[code])
            code = code[:-1].rstrip(".")
        return tuple(found)

    def _offer_classes(self, scored: dict[int, _Scored], score_of: Callable[[int], _Scored]) -> None:
        """A class covers its subclasses and types: among the best codes, a subclass or type lends its
        class ``CHILD_SHARE`` of its score, so that the broader choice is offered below it."""
        for i, item in heapq.nlargest(DIVERSE_TOP * 2, scored.items(), key=lambda pair: pair[1].score):
            code = self._entries[i].code
            index = self._by_code.get(code.code[:5]) if code.digits > 4 else None
            if index is not None and CHILD_SHARE * item.score > (scored[index].score if index in scored else 0.0):
                own = scored.get(index) or score_of(index)
                scored[index] = own._replace(score=CHILD_SHARE * item.score, note=f"охватывает {code.code}",
                                             supported=False)

    def _generalise(self, ranked: list[tuple[int, _Scored]], terms: Sequence[str],
                    score_of: Callable[[int], _Scored]) -> list[tuple[int, _Scored]]:
        """When several codes tie for first place on the same query terms, each with a qualifier of its
        own (29.10.2 «легковых», 29.10.4 «грузовых»), their nearest common ancestor of class level or
        deeper (29.10) answers the query as asked, and goes first. A first code without a qualifier of
        its own is what was asked: «Добыча сырой нефти» → 06.10.1 «Добыча нефти», not 06.10 for the tie
        with 06.10.3 «… нефтяного (попутного) газа»."""
        if len(ranked) < 2:
            return ranked
        top_score, top_terms = ranked[0][1].score, ranked[0][1].in_name
        tied = [i for i, item in ranked[:12] if item.score >= top_score - TIE_MARGIN and item.in_name == top_terms]
        # a code's name and an item of its notes are one code
        codes = list(dict.fromkeys(self._entries[i].code.code for i in tied))
        if len(codes) < 2:
            return ranked
        # the first has no qualifier of its own, only the others do, and no sibling names the rest of
        # the query (as 28.92.26 «экскаваторов» does for «Производство экскаваторов и бульдозеров»)
        asked, top = set(terms), self._entries[ranked[0][0]]
        if top.terms <= asked and not ranked[0][1].supported \
                and all(self._entries[i].terms - asked for i in tied if self._entries[i].code.code != top.code.code):
            return ranked
        common: str | None = codes[0]
        for code in codes[1:]:
            while common is not None and not code.replace(".", "").startswith(common.replace(".", "")):
                record = self.reference.get(common)
                common = record.parent if record else None
        if common is None or len(common.replace(".", "")) < GENERALISE_MIN_DIGITS or common not in self._by_code:
            return ranked
        index = self._by_code[common]
        rest = [pair for pair in ranked if pair[0] != index]
        own = next((item for i, item in ranked if i == index), None) or score_of(index)
        said = ", ".join(t for t in terms if t in top_terms)  # what the tied names have; the common code may not
        lifted = own._replace(score=top_score + 1e-6, supported=False,
                              note="общий код для " + ", ".join(c for c in codes if c != common)
                              + f" (в их наименованиях: {said})")
        return [(index, lifted)] + rest

    def _prefer_class(self, ranked: list[tuple[int, _Scored]]) -> list[tuple[int, _Scored]]:
        """A subclass or type first, with its class close behind and adding no more words the query
        lacks: the class goes first. An unqualified text means the class (four digits), the level
        registries and statistics use."""
        if not ranked:
            return ranked
        top_index, top = ranked[0]
        code = self._entries[top_index].code.code
        if len(code.replace(".", "")) <= 4:
            return ranked
        class_code = code[:5]
        def extra(index: int, item: _Scored) -> float:  # weight of the name's words the query lacks
            return self._entries[index].weight - math.fsum(self._weight(t) for t in item.in_name)

        for position, (i, item) in enumerate(ranked[1:12], start=1):
            if self._entries[i].code.code == class_code and self._entries[i].item is None:
                # «Добыча сырой нефти»: 06.10.1 «Добыча нефти» says just that, 06.10 adds «газа» — no lift
                if item.score >= top.score - CLASS_MARGIN and extra(i, item) <= extra(top_index, top):
                    lifted = item._replace(score=top.score, note=f"охватывает {code}", supported=False)
                    return [(i, lifted)] + ranked[:position] + ranked[position + 1:]
                break
        return ranked

    def match(self, text: str, *, k: int = 5) -> Match:
        """Candidates and status for one text: ``match("Литьё металлов").best.code == "24.5"``."""
        query = text if isinstance(text, str) else str(text)
        if not query.strip():
            return Match(query, "none", ())
        analysis = self.analyzer.analyze(query)
        if not analysis.terms:
            return Match(query, "none", ())
        via = f"; разбор: {', '.join(analysis.notes)}" if analysis.notes else ""

        exact = self._exact.get(analysis.lemmas, [])
        # «Услуги по ремонту …» are about the repair: a weak action's word counts little beside another action
        weak = WEAK_ACTION_WEIGHT if any(a not in WEAK_ACTIONS for a in analysis.actions) else 1.0
        weights = {t: self._weight(t) * (HEAD_WEIGHT if t == analysis.head else weak if t in self._weak_words else 1.0)
                   for t in analysis.terms}
        stems = {t: stem(t) for t in analysis.terms}
        broader = dict(analysis.broader)
        # a word's own material, else its kinds' (латунь → сплав меди): алюминий stays цветной металл
        materials = self._material_groups(analysis.terms) | self._material_groups(
            w for t, kinds in broader.items() if t not in self._materials for kind in kinds for w in kind)
        asked = _Query(weights, stems, frozenset(stems.values()), _pairs([stems[t] for t in analysis.terms]),
                       sum(weights.values()), _primary_action(analysis), broader, materials, analysis.purpose,
                       analysis.material, analysis.things, analysis.head)
        scored: dict[int, _Scored] = {}

        def score_of(i: int) -> _Scored:
            return self._score(asked, self._entries[i])

        for i in self._retrieve(weights, stems, broader):
            scored[i] = score_of(i)
        if CLASS_SUPPORT:
            self._support(scored, weights, asked.total, analysis.terms)
        if REPAIR_SUPPORT and asked.action == "ремонт":
            self._repair_of_made(scored, score_of)
        if CHILD_SHARE:
            self._offer_classes(scored, score_of)
        for i in exact:
            scored[i] = _Scored(1.0, frozenset(analysis.terms), frozenset(), frozenset(), OFFICIAL_NAME)
        ranked = sorted(scored.items(), key=lambda item: (-item[1].score, self._entries[item[0]].code.code.count("."),
                                                            len(self._entries[item[0]].code.code)))
        if not exact:
            ranked = self._prefer_class(self._generalise(ranked, analysis.terms, score_of))
        candidates: list[Candidate] = []
        why: dict[str, tuple] = {}  # what explains each candidate; written out for the ones shown only
        shown: dict[str, int] = {}
        seen_codes: set[str] = set()
        pool = DIVERSIFY_POOL * k
        for looked, (i, item) in enumerate(ranked):
            score, in_name, in_notes, clash, note = item.score, item.in_name, item.in_notes, item.clash, item.note
            if len(candidates) >= pool and looked > 2 * pool + 5:  # far enough to see same-name codes
                break
            entry = self._entries[i]
            if entry.code.code in seen_codes:  # its name and an item of its notes both matched
                continue
            seen_codes.add(entry.code.code)
            source = f" {SOURCE_LABEL}" if entry.borrowed else ""  # notes borrowed from ОКЭД
            notes_label = f"пояснениях{source}"
            if entry.item is not None:
                note = f"пункт пояснений{source} «{entry.item[:80]}»"
                in_notes, in_name = in_name, frozenset()
            key = self._same_name_root.get(entry.code.code, entry.code.code)
            if key in shown:  # one grouping at two levels (24.2 and 24.20): one candidate, the higher level
                previous = candidates[shown[key]]
                same = why[previous.code][-1]
                if previous.code != entry.code.code and entry.code.code not in same:
                    same.append(entry.code.code)
                continue
            if len(candidates) >= pool:
                continue
            shown[key] = len(candidates)
            shown_code = self.reference.get(self._same_name_root.get(entry.code.code, entry.code.code))
            why[shown_code.code] = (note, in_name, in_notes, clash, None if entry.item else entry, notes_label,
                                    [entry.code.code] if shown_code.code != entry.code.code else [])
            candidates.append(Candidate(shown_code.code, shown_code.name, shown_code.level,
                                        round(min(score, 1.0), 4), ""))
        # a higher level first among equals: 24.2 before 24.20
        candidates = _prefer_higher_level(candidates, self.reference)
        candidates = [replace(c, explanation=self._explanation(analysis.terms, materials, *why[c.code]) + via)
                      for c in _diversify(candidates, self._same_name_class, product=asked.action is None)[:k]]
        return Match(query, _status(candidates, bool(exact)), tuple(candidates))

    def match_many(self, texts: Iterable[str], *, k: int = 5,
                   progress: Callable[[int], None] | None = None) -> list[Match]:
        """:meth:`match` for each text, in order; ``progress(n)`` is called after each."""
        out = []
        for n, text in enumerate(texts, start=1):
            out.append(self.match(text, k=k))
            if progress:
                progress(n)
        return out

    def index_words(self, code: str) -> tuple[str, ...]:
        """Lemmas and terms of a code's name, as indexed: for full-text search of the reference."""
        lemmas, terms = self._name_terms.get(code, ((), ()))
        return tuple(dict.fromkeys(lemmas + terms))

    @property
    def borrowed_codes(self) -> frozenset[str]:
        """The codes read with notes borrowed from ОКЭД: those the reference leaves without notes."""
        return self._borrowed

    @property
    def version(self) -> str:
        borrowed = "+oked-kz" if self._borrowed else ""
        return f"{VERSION}+{self.reference.edition.edition}" + ("+notes" if self.use_notes else "") + borrowed


def _prefer_higher_level(candidates: list[Candidate], reference: Reference) -> list[Candidate]:
    if len(candidates) < 2:
        return candidates
    out = list(candidates)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.score == b.score and b.code in {x.code for x in reference.ancestors(a.code)}:
            out[i], out[i + 1] = b, a
    return out


def _diversify(candidates: list[Candidate], same_name_class: dict[str, str], *, product: bool = False
               ) -> list[Candidate]:
    """The first ``DIVERSE_TOP`` places go to codes of different classes: a sibling or child of a code
    already shown waits («Производство телевизоров»: 26.40.2, then 77.29.1, not 26.40.21 and 26.40.22);
    for an activity a broader code of the same branch does not wait (27.11.13, then 27.11), for a
    ``product`` (a text that names no action) it waits too: the class of a product is what is asked,
    and 10.12.2 already names 10.12. The rest keep their order."""
    def full(code: str) -> str:  # 26.4 is 26.40: the class of the same name
        return same_name_class.get(code, code)

    first: list[Candidate] = []
    for c in candidates:
        if len(first) == DIVERSE_TOP:
            break
        own = full(c.code)
        if not any(full(e.code)[:5] == own[:5] and (product or not full(e.code).startswith(own)) for e in first):
            first.append(c)
    return first + [c for c in candidates if c not in first]


def _status(candidates: Sequence[Candidate], exact: bool) -> str:
    if not candidates:
        return "none"
    if exact:
        return "exact"
    best = candidates[0].score
    second = candidates[1].score if len(candidates) > 1 else 0.0
    if best >= AUTO_SCORE and best - second >= AUTO_MARGIN:
        return "auto"
    if best < NONE_SCORE:
        return "none"
    return "review"


@lru_cache(maxsize=4)
def cached_matcher(reference_path: str | None = None, use_notes: bool = True, borrow_notes: bool = True) -> Matcher:
    """One matcher per reference file per process (the Datasette plugin and the CLI share it), loaded
    from the on-disk cache of :mod:`mapper.cache` when it was built before from the same inputs."""
    from .cache import load_matcher  # the cache module builds on this one

    return load_matcher(reference_path, use_notes=use_notes, borrow_notes=borrow_notes)
