"""The plain records the matcher's stages pass to each other.

Public: :class:`Candidate` and :class:`Match`, what :meth:`mapper.matcher.Matcher.match` returns.
Inside: an :class:`Entry` of the index (an official name, or an item of the notes read as a name), the
:class:`Query` (one analysed text), the :class:`Evidence` of one entry for one query (named features,
no weights), and :class:`Scored` (an entry's score with what explains it).

The records made for every scored entry (:class:`TermMatch`, :class:`Evidence`, :class:`Scored`) are
named tuples: immutable like the frozen dataclasses, and several times cheaper to make, which a query
does some sixty times.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..lemmas import Analysis
from ..reference import Code


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
class Entry:
    """A name the index answers to: a code's official name, or an item of its notes
    (``item="производство питьевого молока"``) read as a name of its own."""

    code: Code
    terms: frozenset[str]
    notes: frozenset[str]
    excluded: frozenset[str]
    action: str | None
    weight: float  # Σ idf of the name's terms, but those aside (``aside``) or of the usual way (``usual``)
    stems: frozenset[str]
    note_stems: frozenset[str]
    pairs: frozenset[frozenset[str]]  # neighbouring terms of the name («стальных труб»)
    qualifiers: frozenset[str]  # «прочий», «агент»: they narrow the name to something the query may not mean
    item: str | None = None  # for an item of the notes read as a name of its own: its text
    inherited: frozenset[str] = frozenset()  # words of a class's group and division names, counted as notes
    beneath: frozenset[str] = frozenset()  # words of the names of a subclass's types, counted as notes
    materials: frozenset[str] = frozenset()  # material groups its name names (металл, пластмасса, …)
    ways: frozenset[str] = frozenset()  # ways of doing what it is about its name names (воздушный, интернет, …)
    purpose: frozenset[str] = frozenset()  # terms of the name only after «для»: what the thing is for
    material: frozenset[str] = frozenset()  # … only after «из»: what it is made of
    things: frozenset[str] = frozenset()  # its other nouns
    listed: bool = False  # an element of an enumeration in an item of the notes
    head: str | None = None  # its first noun that is not an action or generic: what it makes, sells, …
    #: the stems of its head and of the nouns beside it («кораблей, судов и … конструкций»): any of them is
    #: what it makes
    head_stems: frozenset[str] = frozenset()
    #: the things it lists, head first, each by its noun's stem and its words' stems: «обувью», «изделиями из кожи»
    alternatives: tuple[tuple[str, frozenset[str]], ...] = ()
    borrowed: bool = False  # its notes (or, for an item, the notes it is an item of) are borrowed from ОКЭД
    lent: frozenset[str] = frozenset()  # words of its notes only in notes borrowed beside its own
    aside: frozenset[str] = frozenset()  # terms of its name only in parentheses: «(мясосодержащих)», «(лигнита)»
    #: terms of the usual way of its action, which a query doing that action need not say (usual.txt): «розничная
    #: … в специализированных магазинах» for a sale
    usual: frozenset[str] = frozenset()
    #: words its notes have only after «из», never as what it makes or does: what it makes things from (24.44's
    #: «… из отходов и лома меди»)
    note_material: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Query:
    """One text as the stages need it, computed once: «Услуги по ремонту мебели» has the terms
    (услуги, ремонт, мебель), the action «ремонт», the head «мебель»; «услуги» weighs little."""

    text: str
    analysis: Analysis
    idf: dict[str, float]  # term → its rarity among the codes
    weights: dict[str, float]  # term → idf, the head's raised by the weight table's ``head``, a weak word's lowered
    weak: frozenset[str]  # terms weighed by ``weak_action_word``: «услуги» beside another action
    # (term, stem, what a TermMatch of it starts with, how found → its TermMatch once made, for a word in its
    # own role and in another)
    variants: tuple[tuple[str, str, tuple[str, float, float, bool, bool],
                          tuple[dict[str, TermMatch], dict[str, TermMatch]]], ...]
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
    field: bool = False  # the text names a whole field: «Химическая промышленность» (:mod:`.fields`)
    others: tuple[Query, ...] = ()  # … of several divisions: the query in the words of each other one
    ways: frozenset[str] = frozenset()  # ways of doing what it is about it names (автомобильный, магазин, …)
    #: a hire and the people who run what is hired (``reference/operators.txt``): «+крановщик» said with them
    #: («с крановщиком»), «-водитель» without them («без водителя»), «-» for a hire that names none (a hire
    #: without them); "" for a text that hires nothing
    operator: str = ""
    #: its key among the official names (:func:`~mapper.matching.index.exact_key`): the name it is, if any
    key: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return self.analysis.terms

    @property
    def product(self) -> bool:
        """A text that names no action names a product: «Дизельное топливо», «Мебель»."""
        return self.action is None


#: the action of a hire, which may be said with the people who run what is hired (``reference/operators.txt``)
HIRE = "аренда"
#: how a query word was found in an entry, best first
NAME, NAME_STEM, NOTES, NOTES_STEM, KIND, MISSING = "name", "name_stem", "notes", "notes_stem", "kind", ""
#: … and an action word found as the action it is a kind of: «выплавка» in «Производство чугуна, стали …»
ACTION_KIND = "action_kind"


class TermMatch(NamedTuple):
    """How one query word was found in one entry: ``TermMatch("сталь", 2.9, 2.9, False, False, False, "name")``."""

    term: str
    idf: float  # its rarity among the codes: what precision counts
    weight: float  # its weight in the query: idf × the table's ``head`` or ``weak_action_word`` (query stage)
    head: bool  # the query's head noun
    weak: bool  # «услуги» beside another action
    other_role: bool  # for what a thing is for, or made of, on one side only
    found: str  # NAME, NAME_STEM, NOTES, NOTES_STEM, KIND, ACTION_KIND or MISSING
    share: float = 0.0  # KIND: the share of the kind's words the name has, by weight
    kind_idf: float = 0.0  # KIND, ACTION_KIND: Σ idf of the kind's words the name has
    kind: tuple[str, ...] = ()  # KIND, ACTION_KIND: the kind matched (for ACTION_KIND, the action's word)


class Evidence(NamedTuple):
    """What one entry has of one query — named features, no weights (see :mod:`.evidence`)."""

    terms: tuple[TermMatch, ...]  # one per query term, in the query's order
    in_name: frozenset[str]  # the query terms found in the name (also by stem or kind)
    in_notes: frozenset[str]  # … in the notes, or in the names above a class
    name_weight: float  # Σ idf of its own terms as evidence._said counts them: what precision is a share of
    generic_head: str  # a product's head stands as this word of the name («изделие» of «меховых изделий»)
    name_head_missed: bool  # a product that names neither the name's head noun (nor by its kind) nor one beside it
    pairs_shared: int  # the query's neighbouring terms that are neighbours in the name …
    pairs_total: int  # … of so many
    qualifier_missed: bool  # the name says «прочий», «агент» or «оптовый», the query does not
    agent_missed: bool  # … «агент»
    action: str  # how what the query does agrees with what the code does: a key of ``Weights.action``
    level: str  # the code's level
    field: bool  # the query names a whole field, so a division or a group is what it asks
    broad_for_product: bool  # a product against a group or division of several classes
    item: bool  # an item of the notes, not the name
    listed: bool  # … an element of an enumeration in an item
    material_clash: bool  # the query's material is not the name's
    excluded: frozenset[str]  # query terms the name leaves out («кроме …»)
    head_missed: bool = False  # a product, named first, that the entry has nowhere: not even by kind or in its notes
    alternatives: float = 0.0  # Σ idf of the words of the things the name lists beside the one the query names
    way_clash: str = ""  # what differs when the query's way of doing it is not the name's («вид транспорта»)
    operator_clash: str = ""  # a hire with its operator against a name that hires without one, or the reverse


class Scored(NamedTuple):
    """How an entry answers a query: its score, the query's terms found in its name and in its notes, those
    its name excludes, and what explains a score set by a rule rather than by the words."""

    score: float
    in_name: frozenset[str]
    in_notes: frozenset[str]
    clash: frozenset[str]
    note: str = ""
    supported: bool = False  # raised because class siblings name the query's other words
    evidence: Evidence | None = None  # None for an official name matched exactly
    base: float = 0.0  # the score of the evidence alone, before the hierarchy's rules
