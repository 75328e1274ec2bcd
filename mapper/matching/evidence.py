"""Stage 3, evidence: what one entry of the index has of one query, as named features — no weights.

>>> from mapper.matching.index import build_index
>>> from mapper.matching.query import analyse
>>> from mapper.reference import load_reference
>>> index = build_index(load_reference())
>>> query = analyse(index, "Производство стальных труб")
>>> (found,) = gather(index, query, [index.by_code["24.20"]])
>>> [(m.term, m.found) for m in found.terms], found.action, found.level
([('производство', 'name'), ('сталь', 'name'), ('труба', 'name')], 'same', 'class')

Like pymorphy3's analyzer units, each kind of evidence is one small function with one signature,
``unit(index, query, entries, found) -> [value for each entry]``, where ``found`` is what
:func:`term_matches` found in each; :data:`UNITS` lists them in the order of :class:`~.records.Evidence`'s
fields. A unit works on all the entries a query retrieved at once: some sixty calls of one small
function a query cost more than the features themselves. A new kind of evidence is a new unit,
a field of the record and a row of the weight table (:mod:`.weights`), read by :func:`.score.score`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..lemmas import ADJECTIVE_ENDINGS, WEAK_ACTIONS, WORKS, stem
from .index import Index, says_rest
from .records import (ACTION_KIND, HIRE, KIND, MISSING, NAME, NAME_STEM, NOTES, NOTES_STEM, Entry, Evidence, Query,
                      TermMatch)

Entries = Sequence[Entry]

#: what :func:`term_matches` finds: how each query term was found, and the terms found in the name and in the notes
Found = tuple[tuple[TermMatch, ...], frozenset[str], frozenset[str]]

HANDLING = frozenset({"торговля", "аренда", "ремонт", "перевозка"})  # what is done with goods others make
MAKING = frozenset({"производство", "строительство"})  # what makes the products a name without an action means
_WORKS_BUILD = frozenset({WORKS, "строительство"})  # works are what builders do
_NO_ROLE: frozenset[str] = frozenset()  # no word of the query in another role than the entry's
_NO_KINDS = frozenset({*WEAK_ACTIONS, "торговля"})  # action groups whose other words are no kinds of them
_SERVICE = frozenset({"деятельность", "услуга"})  # words of a name that serves, whatever its action


def term_matches(index: Index, query: Query, entries: Entries) -> list[Found]:
    """How each query word is found in each entry — in its name, by stem, in its notes, through what it
    is a kind of (the share of the kind's words the name has), or not at all — and the words found in
    the name and in the notes."""
    purpose, material, things = query.purpose, query.material, query.things
    roles = bool(purpose or material)
    # a name with none of the words of a term's kinds has no share of any of them
    kind_words = {t: frozenset(w for kind in kinds for w in kind) for t, kinds in query.broader.items()}
    action_words = _action_words(index, query)
    out = []
    for entry in entries:
        # words in other roles: «Оборудование для переработки мяса» / «Переработка мяса»; «Носки из
        # пряжи» / «Производство пряжи»
        if roles or entry.purpose or entry.material or entry.note_material:
            other_role = (purpose ^ entry.purpose) | (material & entry.things) | (things & (entry.material
                                                                                       | entry.note_material))
        else:
            other_role = _NO_ROLE
        out.append(_term_matches(index, query, entry, other_role, kind_words, action_words))
    return out


def _term_matches(index: Index, query: Query, entry: Entry, other_role: frozenset[str],
                  kind_words: dict[str, frozenset[str]], action_words: frozenset[str]) -> Found:
    """:func:`term_matches` for one entry."""
    names, name_stems, notes, note_stems = entry.terms, entry.stems, entry.notes, entry.note_stems
    terms, in_name, in_notes = [], [], []
    for t, stem_, known, made in query.variants:
        role = t in other_role
        if t in names:
            found, into = NAME, in_name
        elif stem_ in name_stems and (stem_ == t or stem_ not in names or t.endswith(ADJECTIVE_ENDINGS)):
            # a noun whose stem is a noun of the name on its own is not that noun: «уборка» is no «убор»;
            # an adjective meets its noun: «цветочный» is of «цветок», whose lemma may be «цвет»
            found, into = NAME_STEM, in_name
        elif t in kind_words and not names.isdisjoint(kind_words[t]) \
                and (kind_match := _by_kind(index, query, entry, t, known, role)) is not None:
            # the name says what the word is («Бревна …» / 02.20 «Лесозаготовки»): more than a word of the notes
            terms.append(kind_match)
            in_name.append(t)
            continue
        elif t in notes:
            found, into = NOTES, in_notes
        elif stem_ in note_stems:
            found, into = NOTES_STEM, in_notes
        elif t in action_words and entry.action == query.action and query.action in names:
            # the name says the action with its group's own word: «выплавка» стали is 24.10 «Производство
            # чугуна, стали …»; «Отделка тканей» is no «чистка», though both are обработка
            terms.append(TermMatch(*known, role, ACTION_KIND, 1.0, index.weight(query.action), (query.action,)))
            in_name.append(t)
            continue
        else:
            found, into = MISSING, None
        match = made[role].get(found)
        if match is None:
            match = made[role][found] = TermMatch(*known, role, found)
        terms.append(match)
        if into is not None:
            into.append(t)
    return tuple(terms), frozenset(in_name), frozenset(in_notes)


def _by_kind(index: Index, query: Query, entry: Entry, t: str, known: tuple, role: bool) -> TermMatch | None:
    """``t`` found through what it is a kind of, or None. The head's kind, one noun, is a thing the name
    names, not a material nor an adjective's noun: «Кешью», a kind of дерево, is not 16.24 «деревянной
    тары» (a share of nothing). A kind the name has only after «для» is in another role: «Зефир», a
    кондитерское изделие, is not made by 28.93's machines «для … кондитерских изделий»."""
    kinds, is_head = query.broader[t], t == query.head
    if len(kinds) == 1:  # most words have one kind: no max() to build
        kind = kinds[0]
        share = _kind_share(index, entry, kind, is_head)
    else:
        share, kind = max((_kind_share(index, entry, kind, is_head), kind) for kind in kinds)
    # a kind made of the query's own words («нефтеперерабатывающий»: нефть, переработка) counts only whole:
    # each of its words counts on its own already
    if not share or share < 1 and all(b in query.weights for b in kind):
        return None
    said = [b for b in kind if b in entry.terms]  # the kind's words the name has
    if not role and entry.purpose and t not in query.purpose:  # the kind only in what the entry's thing is for
        role = entry.purpose.issuperset(said)
    return TermMatch(*known, role, KIND, share, sum(index.weight(b) for b in said), kind)


def _action_words(index: Index, query: Query) -> frozenset[str]:
    """The query's words for its action that are kinds of it (``reference/actions.txt``: «выплавка», «пошив»
    are производство), to be found as the action in a name that says it with the group's own word. Not
    when the query says that word itself; not for «услуги», «деятельность», which say no action, nor for
    торговля, whose other words are places (a «магазин» is where it is done, not a kind of it) or its
    synonyms."""
    action = query.action
    if action is None or action in _NO_KINDS or action in query.weights:
        return frozenset()
    actions = index.language.actions
    return frozenset(t for t in query.weights if actions.get(t) == action)  # the group's word itself returned above


def generic_head(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[str]:
    """«Куртки с верхом из натурального меха» / 14.20 «Производство меховых изделий»: a name of any
    product of a material or field (``reference/any-product.txt``) stands for a product whose head it
    lacks — the word it says it with, or ""."""
    head, any_product = query.head, index.language.any_product
    if query.action is not None or head not in query.weights:
        return [""] * len(entries)
    # a noun of the query the name has is no material of the head: «Саженцы деревьев» are not «деревянных изделий»
    nouns = query.things - index.language.generic
    return [min(e.things & any_product, default="") if e.head is None and in_name and head not in in_name
            and head not in in_notes and nouns.isdisjoint(in_name) else ""
            for e, (_, in_name, in_notes) in zip(entries, found)]


def name_head_missed(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """A product matched on a name's other words: «Вагоны-платформы» / 28.22.5 «… автопогрузчиков и
    тягачей, используемых на железнодорожных платформах» — the name's head is not named, not even by kind,
    nor a noun beside it: «Дизельное топливо» names what 47.30.11 «… бензином и дизельным топливом …» sells.
    A head that says who serves (a place of ``reference/places.txt`` that serves) is no product: «Подбор
    персонала» says all that 78.10 «Деятельность агентств по подбору персонала» does.
    For an activity, only a name about the parts (``reference/parts.txt``) of what the query names: «Оптовая
    торговля автомобилями» / 45.31 «Торговля оптовая автомобильными деталями, узлами и принадлежностями»."""
    if query.action is not None:
        parts, head = index.language.parts, query.head
        if not parts.isdisjoint(query.weights):
            return [False] * len(entries)
        # … of the thing the query names («… автомобильными шинами» names another, which it may sell too)
        return [e.head in parts and (head is None or head in e.terms) and e.head != head for e in entries]
    stems, actions = query.stem_set, index.language.actions
    if not query.broader:  # no word was found by its kind
        return [bool(e.head) and stems.isdisjoint(e.head_stems) and actions.get(e.head) != "услуги"
                for e in entries]
    return [bool(e.head and stems.isdisjoint(e.head_stems) and not any(e.head in m.kind for m in terms))
            and actions.get(e.head) != "услуги" for e, (terms, _, _) in zip(entries, found)]


def head_missed(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """A product named first («Бензин для исследовательских стендов») that an entry has nowhere — not in its
    name, by stem or kind, nor in its notes, nor as its name's word for any product of a material («меховых
    изделий» for a жилет, :func:`generic_head`): the entry matched only the words about it, and is of
    something else (72.19 «Научные исследования …»). Not when the text opens with another word («Мясные
    продукты с добавлением крахмала»): which of its nouns it is about is less sure; nor when it names an
    action after the thing («Краны в аренду»): an activity, not a product."""
    head, actions = query.head, index.language.actions
    if query.action is not None or head is None or query.terms[0] != head \
            or any(t in actions for t in query.terms if t not in query.purpose):
        return [False] * len(entries)
    standing = generic_head(index, query, entries, found)
    return [head not in in_name and head not in in_notes and not stands
            for (_, in_name, in_notes), stands in zip(found, standing)]


def pairs_shared(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[int]:
    """The query's neighbouring terms that are neighbours in the name too («стальных труб»)."""
    pairs = query.pairs
    return [len(pairs & e.pairs) for e in entries]


def pairs_total(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[int]:
    return [len(query.pairs)] * len(entries)


def qualifier_missed(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """The name says «прочий», «агент» or «оптовый» (``reference/qualifiers.txt``) and the query does not:
    «Продажа мебели», said no more of, is retail, not 46.47 «Торговля оптовая бытовой мебелью …». A product name
    («Насосы плунжерные») that a name does not wholly cover belongs in the catch-all «прочих насосов»; an
    activity («Ремонт торгового оборудования») or a product every word of which a name has («Мебель» /
    «… прочей мебели») does not. A name of the rest of its kind (not an item of its notes) is qualified so too:
    «Производство удобрений» is not 20.15.7 «… удобрений, не включенных в другие группировки» unless the
    query says so."""
    asked, n, rest = query.weights.keys(), len(query.weights), says_rest(query.text)
    return [(query.action is not None or len(in_name) + len(in_notes) == n)
            and (bool(e.qualifiers) and not e.qualifiers <= asked
                 or not rest and e.item is None and says_rest(e.code.name))
            for e, (_, in_name, in_notes) in zip(entries, found)]


def agent_missed(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """«Оптовая торговля лесоматериалами» is 46.73, not an agent's 46.13: agents do not trade themselves."""
    if "агент" in query.weights:
        return [False] * len(entries)
    return ["агент" in e.qualifiers for e in entries]


def _kind_share(index: Index, entry: Entry, kind: tuple[str, ...], is_head: bool) -> float:
    """How much of ``kind`` the entry's name has; nothing when the kind is the head's one noun and the name
    does not name it as a thing (a material or an adjective's noun)."""
    if is_head and len(kind) == 1 and kind[0] not in entry.things:
        return 0.0
    return index.kind_share(kind, entry.terms)


def action_agreement(query: str | None, code: str | None) -> str:
    """How what the query does agrees with what the code does, as a key of the weight table's ``action``;
    a query that names no action (a product) is taken to mean making it."""
    if {query, code} == _WORKS_BUILD:  # «Работы по сохранению … зданий» / 41.20 «Строительство … зданий»
        return "same"
    if query is None or query in WEAK_ACTIONS:
        if code is None or (query and code in WEAK_ACTIONS) or (query is None and code in MAKING):
            return "same"  # a product is made, a building or a road is built
        if query and code in MAKING:  # «Услуги парикмахерские»: a service, not making things
            return "service_making"
        if code in WEAK_ACTIONS:
            return "weak"
        # «Шинный центр» names a service, and that may be repair; it sells no more than «Меховое ателье» does
        if query and code != "торговля":  # (47.71.3 «… изделиями из меха»): trade is «other»
            return "service_handling"
        # «Дизельное топливо»: made (19.20.1), not sold (47.30.11 «… дизельным топливом»)
        return "product_handling" if query is None and code in HANDLING else "other"
    if code == query:
        return "same"
    return "weak" if code is None or code in WEAK_ACTIONS else "conflict"


def _serving_places(index: Index, query: Query) -> frozenset[str]:
    """The places that serve a query said with no thing as its head («Каток», «Солярий», «Спортзал»: no rink
    roller, sunbed or building made or built; «суда-толкачи» are no court) — not a place whose kind or
    definition makes («ателье»: «… производство одежды»)."""
    if query.action != "услуги" or query.head is not None:
        return frozenset()
    actions, kinds = index.language.actions, dict(query.broader)
    return frozenset(t for t in query.terms if t in index.language.places and actions.get(t) == "услуги"
                     and not any(MAKING.intersection(kind) for kind in kinds.get(t, ())))


def action(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[str]:
    # a field («Общепит») is all its codes do: «деятельность» and «услуги» say nothing against it
    agreement = {a: "same" if query.field and (a is None or a in WEAK_ACTIONS) else action_agreement(query.action, a)
                 for a in {e.action for e in entries}}
    # a place that serves is no thing made or built; a name that says it serves is no making code («Коллекторское
    # агентство» is 82.91 «Деятельность агентств по сбору платежей …»)
    actions, serving = index.language.actions, _serving_places(index, query)
    # manufacturing that says it builds makes: «Производство яхт» is 30.12 «Строительство … судов» (not 33.20's
    # «монтаж», which is building by its action's group only)
    made = query.action == "производство"
    # … and a manufacturing code's «деятельность» makes what the query says it makes: «Изготовление
    # полиграфической продукции» is 18.1 «Деятельность полиграфическая …»; only a query that says «производство»
    # (or a synonym of it), not another word of the group: an «издание» is published (58), not printed
    says_making = made and "производство" in query.weights
    # the query's own action word, which a name that says its own action has only as what its product is for,
    # is not what the code does: «Переработка пластмасс» is no 28.96 «Производство машин … для переработки
    # пластмасс …» (an item of notes that says no action of its own is of its code's: «добавок для производства …»)
    done = frozenset(t for t in query.terms if actions.get(t) == query.action) if query.action else ()
    return ["conflict" if done and done <= e.purpose and not done & e.things
            and any(t in actions for t in e.terms - e.purpose)
            else "same" if made and e.action == "строительство" and e.code.section == "C" and "строительство" in e.terms
            else "same" if says_making and e.action in WEAK_ACTIONS and e.code.section == "C"
            else "place_making" if serving and agreement[e.action] == "service_making" and _SERVICE.isdisjoint(e.terms)
            else agreement[e.action] for e in entries]


def level(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[str]:
    return [e.code.level for e in entries]


def field(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """The query names a whole field («Связь», «Химическая промышленность»): the score's level prior is
    the weight table's ``field_level_prior``."""
    return [query.field] * len(entries)


def broad_for_product(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """A product against a group or division of several classes: one class makes it (58.29 for
    software, not 58.2); 24.2, the same grouping as its only class 24.20, is not broad. A field is broad."""
    if query.action is not None or query.field:
        return [False] * len(entries)
    return [e.code.level in ("group", "division") and e.code.code not in index.same_name_class for e in entries]


def item(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """An item of the notes («- производство питьевого молока»), not the official name."""
    return [e.item is not None for e in entries]


def listed(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """… an element of an enumeration in an item («сепараторов для сливок» of «машин: …»)."""
    return [e.listed for e in entries]


def material_clash(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[bool]:
    """«пластиковые окна» against 25.12 «металлических дверей и окон» (``reference/materials.txt``)."""
    if not query.materials:
        return [False] * len(entries)
    return [index.other_material(query.materials, e) for e in entries]


def way_clash(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[str]:
    """«Перевозка грузов речным транспортом» against 51.22 «… космического транспорта» (``reference/ways.txt``)."""
    if not query.ways:
        return [""] * len(entries)
    return [index.other_way(query.ways, e) for e in entries]


def operator_clash(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[str]:
    """A hire with its operator («Аренда экскаватора с оператором») against a name or item that hires and
    names no operator (77.32 «Аренда и лизинг строительных машин и оборудования», which hires without one):
    the work done with the machine is what is asked (43.99's item «… с оператором»). A hire without one
    («Аренда грузовика без водителя», or «Прокат лодок», which names none) against a name that names one,
    hiring or carrying with it (49.41.3 «… с водителем», 50.30.2 «… с экипажем», 49.32's «… с водителем»)."""
    if not query.operator:
        return [""] * len(entries)
    operators, word = index.language.operators, query.operator[1:]
    if query.operator[0] == "+":
        return [f"аренда с оператором ({word}), а не без него" if e.action == HIRE and operators.isdisjoint(e.terms)
                else "" for e in entries]
    without = f"аренда без оператора ({word}), а не с ним" if word else "аренда без оператора, а не с ним"
    return ["" if operators.isdisjoint(e.terms) else without for e in entries]


def excluded(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[frozenset[str]]:
    """The query's terms the name leaves out: «Фитинги литые» against «… фитингов, кроме литых»."""
    none, asked = frozenset(), query.weights
    return [frozenset(t for t in asked if t in e.excluded) if e.excluded else none for e in entries]


def alternatives(index: Index, query: Query, entries: Entries, found: list[Found]) -> list[float]:
    """The weight of the things a name lists beside the one the query names, which it need not say:
    «Строительство судов» is 30.11 «Строительство кораблей, судов и плавучих конструкций» though it says
    no «корабли» nor «плавучие конструкции» — each is one of the things the code makes. Σ idf of their
    words; nothing when the name lacks a thing the query names (its list is then not the query's choice: «…
    грейдеров и скреперов»), whatever it lacks of what the query says of it: «Суда озерные» are one of 30.11's
    things though no name says «озерные»."""
    asked, weight, weak, things = frozenset(query.stems.values()), index.weight, index.weak_words, query.things
    out = []
    for e, (_, in_name, _) in zip(entries, found):
        listed = e.alternatives
        others = frozenset().union(*(said for noun, said in listed if noun not in asked)) - asked \
            if listed and any(noun in asked for noun, _ in listed) \
            and all(t in in_name or t in weak or t not in things for t in query.weights) else None
        out.append(sum(weight(t) for t in e.terms if t not in query.weights and stem(t) in others) if others else 0.0)
    return out


Unit = Callable[[Index, Query, Entries, list[Found]], list]

#: the units after :func:`term_matches`, in the order of the fields of :class:`~.records.Evidence`
UNITS: tuple[Unit, ...] = (generic_head, name_head_missed, pairs_shared, pairs_total, qualifier_missed, agent_missed,
                           action, level, field, broad_for_product, item, listed, material_clash, excluded,
                           head_missed, alternatives, way_clash, operator_clash)


def _said(index: Index, query: Query, entry: Entry, in_name: frozenset[str]) -> float:
    """The weight of what an entry's name asks a query to say, of which precision is a share: what it says in
    parentheses only when the query says it too, and so the words of the usual way of its action when the query
    does that action and does not leave them out: «Продажа ковров» need not say «розничная … в специализированных
    магазинах», «Ковры» must, and «… торговля вне магазинов» has the shop against it."""
    usual = entry.usual if query.action != entry.action \
        else {t for t in entry.usual if t in in_name or t in query.analysis.excluded}
    return entry.weight + sum(index.weight(t) for t in (in_name & entry.aside) | usual)


def gather(index: Index, query: Query, at: Sequence[int]) -> list[Evidence]:
    """The :class:`~.records.Evidence` of each entry ``at`` (indices into the index) for one query."""
    entries = [index.entries[i] for i in at]
    found = term_matches(index, query, entries)
    columns = [unit(index, query, entries, found) for unit in UNITS]
    said = [_said(index, query, e, in_name) if e.aside or e.usual else e.weight
            for e, (_, in_name, _) in zip(entries, found)]
    return list(map(Evidence._make, zip(*zip(*found), said, *columns))) if entries else []
