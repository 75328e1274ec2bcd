"""Stage 5, the hierarchy: codes among codes. After each entry is scored on its own, the classifier's
shape reorders them, in this order:

1. :func:`support` — a code whose class siblings name the query's other words is likelier its class
   («Шапки и воротники»: 14.20.1 «шапок меховых», helped by 14.20.2 «воротников»);
2. :func:`repair_of_made` — for a repair, the class that repairs what the best making code makes
   («Ремонт бытовых холодильников»: 27.51 makes them, so 95.22);
3. :func:`offer_classes` — a class is offered below its best subclass or type;
4. :func:`generalise` — codes tied on the same words give way to their common code («Производство
   автомобилей»: 29.10, not one of 29.10.2 «легковых», 29.10.4 «грузовых»);
5. :func:`prefer_class` — a class close behind its subclass goes first («Производство мужской верхней
   одежды» → 14.13);
6. :func:`up_to_named` — a first code whose name says more than the text gives way to the code above it
   whose name says just the text («Пошив одежды» → 14.1, not 14.11 «… из кожи»);
7. :func:`descend` — a group whose one class alone names what the group was found by gives way to it
   («Прокат автомобилей» → 77.11, not 77.1);
8. :func:`to_residual` — an item of a class's notes that no subclass names is of the class's rest
   («Брачное агентство» → 96.09.9);
9. :func:`over_the_rest` — a class that is its group's rest («прочих …») gives way to the group for a
   text as broad as the group («Автозапчасти» → 29.3, not 29.32);
10. :func:`prefer_higher_level`, :func:`diversify` and :func:`offer_narrower` — on the candidates shown:
   24.2 before 24.20, the first places to different classes, and for an activity the best code beneath
   the first second.

``scored`` maps an entry's index to its :class:`~.records.Scored`; ``score_of(i)`` scores an entry the
retrieval did not pick. The numbers come from the weight table.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..lemmas import stem
from ..notes import SOURCE_LABEL
from ..reference import Reference
from .decide import SHOWN_DECIMALS
from .evidence import MAKING
from .index import Index, says_rest
from .records import NAME, NAME_STEM, Candidate, Entry, Query, Scored
from .weights import WEIGHTS, Weights

ScoreOf = Callable[[int], Scored]
#: a step of a score as shown: a code this far below another is not taken for its equal
SHOWN_STEP = 10.0 ** -SHOWN_DECIMALS
#: a level's Russian name as «отвечаем …» takes it
_INSTRUMENTAL = {"раздел": "разделом", "класс": "классом", "подкласс": "подклассом", "группа": "группой",
                 "подгруппа": "подгруппой", "вид": "видом"}


def support(index: Index, scored: dict[int, Scored], query_weights: dict[str, float], total: float,
            terms: Sequence[str], weights: Weights = WEIGHTS) -> None:
    """A code whose class siblings (or ancestors in the class) name the query's other words is
    likelier the query's class: it gains up to ``class_support``. Its own children do not count —
    a class does not claim what only its subclass says."""
    if not scored:
        return
    entries, class_of, qualifiers = index.entries, index.classes, index.language.qualifiers
    # only codes that the support could bring near the top are worth the work, and only their classes
    reach = sorted([item.score for item in scored.values()], reverse=True)[:weights.supported][-1] \
        / (1 + weights.class_support)
    near = [(i, item) for i, item in scored.items() if item.score >= reach]
    classes = {class_of[i] for i, _ in near}
    # for each of those classes: each query word its scored codes name (in a name or an item), and by which
    naming: dict[str, dict[str, set[str]]] = {}
    count: dict[str, int] = {}
    for i, item in scored.items():
        if item.score > 0 and (cls := class_of[i]) in classes:
            code, words = entries[i].code.code, naming.setdefault(cls, {})
            for t in item.in_name:
                words.setdefault(t, set()).add(code)
            for t in item.in_notes:
                words.setdefault(t, set()).add(code)
            count[cls] = count.get(cls, 0) + 1
    named = {cls: words.keys() - qualifiers for cls, words in naming.items()}
    for i, item in near:
        cls = class_of[i]
        if count.get(cls, 0) < 2:
            continue
        # the words another code of the class names — not the code itself, nor a code beneath it — that
        # this entry lacks; «прочий» in a sibling's name says nothing of the class
        lacked = named[cls].difference(item.in_name, item.in_notes)
        if not lacked:  # most entries: the class names nothing they lack
            continue
        code = entries[i].code.code
        below, words = code + ".", naming[cls]
        extra = [t for t in lacked if any(c != code and not c.startswith(below) for c in words[t])]
        if extra:
            gain = math.fsum(query_weights[t] for t in extra) / total
            said = ", ".join(t for t in terms if t in extra)
            scored[i] = item._replace(score=item.score * (1 + weights.class_support * gain),
                                      note=f"другие коды {cls} называют: {said}", supported=True)


def repair_of_made(index: Index, scored: dict[int, Scored], score_of: ScoreOf, weights: Weights = WEIGHTS) -> None:
    """«Ремонт бытовых холодильников»: the making code that best names the thing (27.51 «…
    бытовых электрических приборов») says which class repairs it (95.22, ``reference/repair.txt``);
    that class and the codes beneath it gain ``repair_support``. Construction repairs what it builds
    (section F): «Ремонт кровли» is 43.91 «Производство кровельных работ», its name and its notes' items."""
    entries, generic = index.entries, index.language.generic
    # (score, code, words of the name found), best first
    making = sorted(((item.score, entries[i].code.code, item.in_name) for i, item in scored.items()
                     if entries[i].action in MAKING and item.in_name - generic), key=lambda m: m[:2], reverse=True)
    if not making:
        return
    built = entries[index.by_code[making[0][1]]].code.section == "F"
    if built:
        made, repairs = making[0][1], (making[0][1],)
    else:
        repairing = next(((code, r) for _, code, _ in making if (r := index.repairs_for(code))), None)
        if repairing is None:
            return
        made, repairs = repairing
    # the repair classes and what is beneath them: «техобслуживание легковых автомобилей» stays 45.20.1
    beneath = tuple(r + "." for r in repairs)
    if _named_elsewhere(index, scored, making[0][2] - index.language.actions.keys(), repairs, beneath):
        return
    found = [index.by_code[r] for r in repairs if r in index.by_code]
    found += [i for i in scored if entries[i].code.code.startswith(beneath) or (built and entries[i].code.code == made)]
    note = f"ремонт того, что {'строит' if built else 'производит'} {made}"
    for i in dict.fromkeys(found):
        own = scored.get(i) or score_of(i)
        scored[i] = own._replace(score=own.score * (1 + weights.repair_support), note=note)


def _named_elsewhere(index: Index, scored: dict[int, Scored], thing: frozenset[str], repairs: Sequence[str],
                     beneath: tuple[str, ...]) -> bool:
    """Whether a repair code outside ``repairs`` is by its name the repair of just ``thing``, what the best
    making code found: «Ремонт бытовой техники» is 95.22.1's name, though 26.40's note item «электронной
    бытовой техники» names the thing best among makers and sends to 95.21."""
    entries = index.entries
    return any(entries[i].action == "ремонт" and entries[i].item is None and entries[i].terms - {"ремонт"} == thing
               and entries[i].code.code not in repairs and not entries[i].code.code.startswith(beneath)
               for i in scored)


def offer_classes(index: Index, scored: dict[int, Scored], score_of: ScoreOf, weights: Weights = WEIGHTS) -> None:
    """A class covers its subclasses and types: among the best codes, a subclass or type lends its
    class ``child_share`` of its score, so that the broader choice is offered below it."""
    for i, item in heapq.nlargest(weights.diverse_top * 2, scored.items(), key=lambda pair: pair[1].score):
        code = index.entries[i].code
        at = index.by_code.get(code.code[:5]) if code.digits > 4 else None
        if at is not None and weights.child_share * item.score > (scored[at].score if at in scored else 0.0):
            own = scored.get(at) or score_of(at)
            scored[at] = own._replace(score=weights.child_share * item.score, note=f"охватывает {code.code}",
                                      supported=False)


def names_before_items(index: Index, scored: dict[int, Scored], weights: Weights = WEIGHTS, *,
                       kinds: bool = True, asked: frozenset[str] = frozenset()) -> None:
    """An item of borrowed notes does not go before a name that has the same query words (weak ones such
    as «услуги» aside), found as they are (not by kind), unless it leads by ``borrowed_item_margin`` of
    its score or more: «ИТ-аутсорсинг» is 62.09 «… информационных технологий, прочая» by its name, not
    72.2 by an item of ОКЭД's notes («… разработки … в области информационных технологий»). Any item,
    of the reference's own notes too, that has every word of the query (``asked``) goes below a name that
    has every one too unless it leads by ``item_full_margin``, or a code with less of the query lies
    between them: «Выставка» is 82.30.3 «… выставочных/ярмарочных …» by its name, not 68.10 by an item
    «включая выставочные залы». The item keeps its place below that name;
    an item far ahead — one that says the product as it is, where the name has the same words about
    something else made of it — keeps its lead. ``kinds``: whether any query word may have been found by
    its kind (without, the words found as they are are all the words found in the name)."""
    if not (weights.borrowed_item_margin or weights.item_full_margin):
        return
    entries, keep, borrowed = index.entries, 1 - weights.borrowed_item_margin, index.borrowed_items
    full_keep = min(keep, 1 - weights.item_full_margin)
    asked = asked - index.weak_words
    items = [(i, item) for i, item in scored.items()
             if entries[i].item is not None and item.score > 0 and item.evidence is not None]
    if not items:
        return
    low = min(item.score for _, item in items) * full_keep  # a name below it holds no item back
    names = sorted([(item.score, i) for i, item in scored.items()
                    if item.score >= low and entries[i].item is None and item.evidence is not None], reverse=True)
    ascending = [score for score, _ in reversed(names)]
    literal: dict[int, frozenset[str]] = {}

    def said(n: int) -> frozenset[str]:  # the query words entry n has as they are (without kinds: in its name)
        if n not in literal:
            literal[n] = _literal(scored[n]) if kinds else scored[n].in_name
        return literal[n]

    for i, item in items:
        words = (_literal(item) if kinds else item.in_name) - index.weak_words
        # an item of the reference's own notes is held back only by a name with all the query's words
        near = keep if i in borrowed else 1.0
        if not words or (near == 1.0 and words != asked):
            continue
        # an item that has all the query's words is held back from further by a name that has them all too
        floor = item.score * (full_keep if words == asked else near)
        # no name between the item's score held back and its score: no name can hold it back
        if bisect.bisect_left(ascending, item.score) == bisect.bisect_left(ascending, floor):
            continue
        for score, n in names:
            if score < floor:  # this name and those after it are too far below to hold the item back
                break
            if score < item.score * near and not asked <= said(n):
                continue  # further than the margin: only a name with all the query's words holds it back
            if words <= said(n) and entries[n].code.code != entries[i].code.code:
                if score < item.score * near and any(score < other.score < item.score and other.evidence is not None
                                                     and not asked <= said(o) for o, other in scored.items()):
                    break  # far behind, and a code with less of the query between them: the item stays first
                if score < item.score:
                    code, whose = entries[n].code.code, " ОКЭД" if i in borrowed else ""
                    # a step of the score as shown below the name, so that no rule takes the two for
                    # equals (prefer_higher_level would put a class's item first again)
                    scored[i] = item._replace(score=_just_below(score), supported=False,
                                              note=f"пункт пояснений{whose} ниже наименования {code} с теми же словами")
                break


def _literal(item: Scored) -> frozenset[str]:
    """The query words an entry has as they are or by stem, not by kind."""
    return frozenset(m.term for m in item.evidence.terms if m.found in (NAME, NAME_STEM))


def rank(index: Index, scored: dict[int, Scored]) -> list[tuple[int, Scored]]:
    """An official name the text is first, whatever a rule lent another code («Ремонт бытовой техники» is
    95.22.1, though 95.21 repairs what 26.40 «бытовой электроники» makes); then best first, among equals
    the higher level, then the shorter code."""
    depth = index.depth
    return sorted(scored.items(), key=lambda item: (item[1].evidence is not None, -item[1].score, depth[item[0]]))


def generalise(index: Index, ranked: list[tuple[int, Scored]], terms: Sequence[str], score_of: ScoreOf,
               weights: Weights = WEIGHTS) -> list[tuple[int, Scored]]:
    """When several codes tie for first place on the same query terms, each with a qualifier of its
    own (29.10.2 «легковых», 29.10.4 «грузовых»), their nearest common ancestor of class level or
    deeper (29.10) answers the query as asked, and goes first. A first code without a qualifier of
    its own is what was asked: «Добыча сырой нефти» → 06.10.1 «Добыча нефти», not 06.10 for the tie
    with 06.10.3 «… нефтяного (попутного) газа». A class tied by its own name with one branch beneath
    it that says no more than the query, where the class says more, gives way to that branch: «Добыча
    глины» → 08.12.2 «Добыча глины и каолина», not 08.12, which adds gravel and sand pits."""
    if len(ranked) < 2:
        return ranked
    entries = index.entries
    top_score, top_terms = ranked[0][1].score, ranked[0][1].in_name
    tied = [i for i, item in ranked[:12] if item.score >= top_score - weights.tie_margin and item.in_name == top_terms]
    # a code's name and an item of its notes are one code
    codes = list(dict.fromkeys(entries[i].code.code for i in tied))
    # a code tied with a code above it only by an item of the upper one's notes (64.92.6 by its name,
    # 64.92 by an item of its notes) is one branch, and the name says it; an upper code whose own name
    # ties (69.20.2 and 69.20, both naming бухгалтерский учет) covers the query as well, and stays
    by_name = {entries[i].code.code for i in tied if entries[i].item is None}
    codes = [c for c in codes if c in by_name
             or not any(o != c and o.replace(".", "").startswith(c.replace(".", "")) for o in codes)]
    if len(codes) < 2:
        return ranked
    # the first has no qualifier of its own, only the others do, and no sibling names the rest of
    # the query (as a sibling naming another of the products asked does)
    asked, top = set(terms), entries[ranked[0][0]]
    if top.terms <= asked and not ranked[0][1].supported \
            and all(entries[i].terms - asked for i in tied if entries[i].code.code != top.code.code):
        return ranked
    common = _common_code(index.reference, codes)
    if common is None or len(common.replace(".", "")) < weights.generalise_min_digits or common not in index.by_code:
        return ranked
    at = index.by_code[common]
    own = next((item for i, item in ranked if i == at), None)
    if own is not None and common in codes and _one_branch(index, tied, common, codes, terms):
        return ranked
    rest = [pair for pair in ranked if pair[0] != at]
    own = own or score_of(at)
    said = ", ".join(t for t in terms if t in top_terms)  # what the tied names have; the common code may not
    lifted = own._replace(score=top_score + 1e-6, supported=False,
                          note="общий код для " + ", ".join(c for c in codes if c != common)
                          + f" (в их наименованиях: {said})")
    return [(at, lifted)] + rest


def _one_branch(index: Index, tied: Sequence[int], common: str, codes: Sequence[str], terms: Sequence[str]) -> bool:
    """A class tied by its own name with a code of one branch beneath it that says nothing the query
    does not (beyond the class's own words), while the class says more: that branch was asked."""
    below = [c for c in codes if c != common]
    if _common_code(index.reference, below) == common:  # several branches tie: the class covers them
        return False
    entries, asked = index.entries, set(terms)
    cls = entries[index.by_code[common]].terms
    return any(entries[i].item is None and not entries[i].qualifiers and not says_rest(entries[i].code.name)
               and entries[i].terms - cls <= asked and cls - entries[i].terms - asked
               for i in tied if entries[i].code.code in below)


def _common_code(reference: Reference, codes: Sequence[str]) -> str | None:
    """The nearest code above (or among) all of ``codes``: 29.10 for 29.10.2 and 29.10.4."""
    common: str | None = codes[0]
    for code in codes[1:]:
        while common is not None and not code.replace(".", "").startswith(common.replace(".", "")):
            record = reference.get(common)
            common = record.parent if record else None
    return common


def prefer_class(index: Index, ranked: list[tuple[int, Scored]], weights: Weights = WEIGHTS
                 ) -> list[tuple[int, Scored]]:
    """A subclass or type first, with its class close behind and adding no more words the query
    lacks: the class goes first. An unqualified text means the class (four digits), the level
    registries and statistics use."""
    if not ranked:
        return ranked
    entries = index.entries
    top_index, top = ranked[0]
    code = entries[top_index].code.code
    if len(code.replace(".", "")) <= 4:
        return ranked
    class_code = code[:5]

    def extra(i: int, item: Scored) -> float:  # weight of the name's words the query lacks
        return entries[i].weight - math.fsum(index.weight(t) for t in item.in_name)

    for position, (i, item) in enumerate(ranked[1:12], start=1):
        if entries[i].code.code == class_code and entries[i].item is None:
            # «Добыча сырой нефти»: 06.10.1 «Добыча нефти» says just that, 06.10 adds «газа» — no lift;
            # nor when the class has only in its notes what the first has in its name, and nothing more of
            # the query: «золото» of 07.29.41 «Добыча руд и песков драгоценных металлов (золота, …)», not of
            # 07.29 «… прочих цветных …». A class whose name or notes have a query word the first lacks goes first
            if item.score >= top.score - weights.class_margin and extra(i, item) <= extra(top_index, top) \
                    and (top.in_name <= item.in_name or item.in_name | item.in_notes > top.in_name | top.in_notes):
                lifted = item._replace(score=top.score, note=f"охватывает {code}", supported=False)
                return [(i, lifted)] + ranked[:position] + ranked[position + 1:]
            break
    return ranked


def over_the_rest(index: Index, ranked: list[tuple[int, Scored]], query: Query, score_of: ScoreOf
                  ) -> list[tuple[int, Scored]]:
    """A class that is the rest of its group («прочих …»), first for a text that does not say so, gives way
    to the group when the group's name has every word of the text: the text is as broad as the group.
    «Автозапчасти» → 29.3 «Производство комплектующих и принадлежностей для автотранспортных средств», not
    29.32 «… прочих комплектующих …»; a product the group's name does not name stays with the class that
    makes it («Сиденья для автомобилей» → 29.32)."""
    if not ranked or says_rest(query.text):  # «… не включенные в другие группировки» asks for the rest
        return ranked
    top_index, top = ranked[0]
    entry = index.entries[top_index]
    if entry.item is not None or entry.code.level != "class" or top.evidence is None \
            or not top.evidence.qualifier_missed:
        return ranked
    at = index.by_code.get(entry.code.parent or "")
    if at is None or index.entries[at].qualifiers or not set(query.terms) <= index.entries[at].terms:
        return ranked
    return _broader_first(index, ranked, at, score_of, f"запрос шире «прочих» {entry.code.code}")


def _broader_first(index: Index, ranked: list[tuple[int, Scored]], at: int, score_of: ScoreOf, why: str
                   ) -> list[tuple[int, Scored]]:
    """The broader entry ``at`` first, at the first's score, and the explanation says why and with what:
    «запрос шире 14.11: отвечаем подклассом 14.1»."""
    code = index.entries[at].code
    note = f"{why}: отвечаем {_INSTRUMENTAL[code.level_ru]} {code.code}"
    lifted = score_of(at)._replace(score=ranked[0][1].score, note=note, supported=False)
    return [(at, lifted)] + [pair for pair in ranked if pair[0] != at]


def up_to_named(index: Index, ranked: list[tuple[int, Scored]], query: Query, score_of: ScoreOf
                ) -> list[tuple[int, Scored]]:
    """A first code whose name says more than the text, beneath a code whose name says the text's words and
    no other, gives way to that code: the text is as broad as it. «Пошив одежды» → 14.1 «Производство
    одежды, кроме одежды из меха», not 14.11 «… одежды из кожи», which outscored it by its level. Not for a
    field, which :func:`descend` leaves broad anyway, nor for an item of notes, which says more of itself, nor
    when what the first says more lists things beside the one asked: «Добыча каменного угля» stays 05.10.1
    «Добыча угля и антрацита», not 05 «Добыча угля», which adds brown coal. A word said alone is read as
    its synonyms or kinds say it, not as broad as their words: «Лицей» (общее образование) stays 85.13; unless
    what the first says more is a material: «Швея» (производство одежды) → 14.1, not 14.11 «… одежды из кожи»."""
    if not ranked or query.field or ranked[0][1].evidence is None:
        return ranked
    top_index, top = ranked[0]
    entry, asked = index.entries[top_index], frozenset(query.terms)
    if entry.item is not None or entry.terms <= asked or top.evidence.alternatives \
            or len(query.analysis.lemmas) < 2 and entry.material <= asked:
        return ranked
    for upper in index.reference.ancestors(entry.code.code):
        at = index.by_code.get(upper.code)
        if upper.level == "section" or at is None:
            break
        if index.entries[at].terms == asked and not index.entries[at].qualifiers:
            return _broader_first(index, ranked, at, score_of, f"запрос шире {entry.code.code}")
    return ranked


def descend(index: Index, ranked: list[tuple[int, Scored]], score_of: ScoreOf, query: Query
            ) -> list[tuple[int, Scored]]:
    """A first code above subclass level whose children split it, where exactly one child has all the query
    words the code has in its name (as they are or by stem), goes down to that child, as far as the
    subclass: «Прокат автомобилей» → 77.11 «Аренда и лизинг легковых автомобилей …» (77.12 is of lorries,
    «транспортных средств», not «автотранспортных»), not 77.1 «… автотранспортных средств»; «Производство
    канатов» → 13.94.1 «Производство шпагата, канатов, веревок …», not 13.94, which makes nets too.
    The broader code follows it. When several children have those words, the broader code covers the query
    and stays; so does a field («Связь» → 61), which asks for the broad code. A class stays, too, when it or
    its one child is a rest («… прочие», «… не включенные в другие группировки») or the child repeats its
    whole name (01.46.1 «Выращивание и разведение свиней» of 01.46): the query names nothing that sets the
    child apart from its siblings. A child with the query's head in another role is of something else
    (24.20.3 «… стальных фитингов для труб» is no answer to steel pipes), and one the query does not qualify
    so is none to choose from (38.12 «Сбор опасных отходов»: waste said no more of is not hazardous)."""
    if not ranked or ranked[0][1].evidence is None:
        return ranked
    entries, reference = index.entries, index.reference
    head, words = query.head, query.weights.keys()
    top_index, top = ranked[0]
    at, item = top_index, top
    while entries[at].code.digits < 5:
        children = [index.by_code[c.code] for c in reference.children(entries[at].code.code) if c.code in index.by_code]
        if len(children) == 1:  # 24.2 and its only class 24.20: one grouping
            at = children[0]
            continue
        asked = _literal(item)
        having = [(i, own) for i in children if (own := score_of(i)).evidence is not None and asked <= _literal(own)
                  and not any(m.term == head and m.other_role for m in own.evidence.terms)
                  and _qualified(entries[i]) <= words]
        if len(having) != 1 or entries[at].code.digits == 4 and _no_narrower(entries[at], entries[having[0][0]]):
            break
        at, item = having[0]
    code = entries[top_index].code.code
    if item is top or index.same_name_root.get(entries[at].code.code) == code:
        return ranked
    said = ", ".join(sorted(_literal(top)))
    # the child at the broader code's score, the broader code a step below as shown, so that
    # prefer_higher_level does not take the two for equals
    # and what a rule said of the child itself: «ремонт того, что производит 27.51.2»
    ruled = next((own.note for i, own in ranked if i == at), "")
    down = item._replace(score=top.score, supported=False,
                         note=f"точнее {code}: из его кодов только этот называет {said}" + (ruled and f"; {ruled}"))
    return [(at, down), (top_index, top._replace(score=_just_below(top.score)))] + \
        [pair for pair in ranked[1:] if pair[0] != at]


def _qualified(entry: Entry) -> frozenset[str]:
    """What a name says of its activity that a query must say too (``reference/qualifiers.txt``), as the name
    writes it: «оптовая», «агентов», «опасных» — not «прочие», which makes a rest (:func:`_no_narrower`), nor a
    qualifier read into another word (56.29.1 «… поставляющих готовую пищу»)."""
    name = entry.code.name.lower()
    return frozenset(q for q in entry.qualifiers if q != "прочий" and stem(q) in name)


def _no_narrower(parent: Entry, child: Entry) -> bool:
    """Whether a class or its subclass is a rest, or the subclass repeats the class's whole name: no narrower
    answer. 47.19 «Торговля розничная прочая в неспециализированных магазинах» has the words of its group, not
    its own."""
    return any(says_rest(e.code.name) or "прочий" in e.terms for e in (parent, child)) or parent.terms <= child.terms


def to_residual(index: Index, ranked: list[tuple[int, Scored]]) -> list[tuple[int, Scored]]:
    """A first code found by an item of a class's notes, where the class's subclasses split it, the item says
    what the class's name does not, no subclass's name has those words, and one subclass is the class's rest
    («… не включенные в другие группировки»): the item is of that rest, and it answers. «Брачное агентство» →
    96.09.9, not 96.09: the item «деятельность брачных агентств» is not 96.09.1, the buying of jewellery."""
    if not ranked or ranked[0][1].evidence is None:
        return ranked
    entries, reference = index.entries, index.reference
    top_index, top = ranked[0]
    item = entries[top_index]
    if item.item is None:
        return ranked
    above, kids = item.code, reference.children(item.code.code)
    while len(kids) == 1:  # 86.9 and its only class 86.90: one grouping
        above, kids = kids[0], reference.children(kids[0].code)
    code = above.code
    if above.digits != 4 or code not in index.by_code:
        return ranked
    said = _literal(top) - entries[index.by_code[code]].terms  # what the item says and the class's name does not
    kids = [k for k in kids if k.code in index.by_code]
    rest = [k for k in kids if says_rest(k.name)]
    if not said or len(rest) != 1 or any(said & entries[index.by_code[k.code]].terms for k in kids):
        return ranked
    at, source = index.by_code[rest[0].code], f" {SOURCE_LABEL}" if item.borrowed else ""
    down = top._replace(in_name=frozenset(), in_notes=top.in_name | top.in_notes, supported=False,
                        note=f"пункт пояснений{source} к {code} «{item.item[:80]}» — из {rest[0].code}: "
                             "другие подгруппы его не называют")
    return [(at, down)] + [pair for pair in ranked[1:] if pair[0] != at]


def _just_below(score: float) -> float:
    """A score a step below ``score`` as shown (:data:`SHOWN_STEP`), not below zero."""
    return max(score - SHOWN_STEP, 0.0)


def prefer_higher_level(candidates: list[Candidate], reference: Reference,
                        scores: Mapping[str, float] | None = None) -> list[Candidate]:
    """A higher level first among equals: 24.2 before 24.20. Equal by ``scores`` (code → the score before
    it was cut to 1.0 for showing) when given: 95.25.2 «Ремонт ювелирных изделий» stays above 95.25 when a
    rule lifted both past 1.0, as it scored more."""
    if len(candidates) < 2:
        return candidates
    out = list(candidates)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        equal = scores[a.code] == scores[b.code] if scores and a.code in scores and b.code in scores \
            else a.score == b.score
        if equal and b.code in {x.code for x in reference.ancestors(a.code)}:
            out[i], out[i + 1] = b, a
    return out


def diversify(candidates: list[Candidate], same_name_class: dict[str, str], *, product: bool = False,
              weights: Weights = WEIGHTS) -> list[Candidate]:
    """The first ``diverse_top`` places go to codes of different classes: a sibling or child of a code
    already shown waits («Производство ЖК-телевизоров»: 26.4, then 31.09, not 26.40.21 and 26.40.22);
    for an activity a broader code of the same branch does not wait (27.11.13, then 27.11), for a
    ``product`` (a text that names no action) it waits too: the class of a product is what is asked,
    and 10.12.2 already names 10.12. The rest keep their order."""
    def full(code: str) -> str:  # 26.4 is 26.40: the class of the same name
        return same_name_class.get(code, code)

    first: list[Candidate] = []
    for c in candidates:
        if len(first) == weights.diverse_top:
            break
        own = full(c.code)
        if not any(full(e.code)[:5] == own[:5] and (product or not full(e.code).startswith(own)) for e in first):
            first.append(c)
    return first + [c for c in candidates if c not in first]


def offer_narrower(index: Index, candidates: list[Candidate], terms: Sequence[str], weights: Weights = WEIGHTS
                   ) -> list[Candidate]:
    """The best code beneath the first goes second, when no code beside it among the candidates says as
    much of the text: an activity answered broadly offers next what it means narrowly, not only other
    classes. «Салон красоты» → 96.02, then 96.02.2 «… косметических услуг … салонами красоты» (96.02.1
    «… парикмахерских услуг» says nothing of it); «Кафе» → 56.1, and not 56.10.3 «… в вагонах-ресторанах»
    next, as 56.10.1 says as much. When a code beside it does say as much, a short text
    (``narrower_third_terms`` terms or fewer) still gets it third: «Производство деревянных окон» → 16.23,
    16.24, then 16.23.1. A product's class is what is asked (:func:`diversify`): the caller does not offer
    for one."""
    top = index.same_name_class.get(candidates[0].code, candidates[0].code).replace(".", "") if candidates else ""
    if len(candidates) < 3 or len(top) > 4:  # a subclass first is narrow already: its class is offered after it
        return candidates
    below = next((c for c in candidates[1:] if c.code.replace(".", "").startswith(top)
                  and len(c.code.replace(".", "")) > len(top)), None)
    if below is None or below is candidates[1]:
        return candidates
    asked, by_code, entries = frozenset(terms), index.by_code, index.entries
    said = entries[by_code[below.code]].terms & asked
    parent = index.reference.get(below.code).parent
    if any(entries[by_code[c.code]].terms & asked >= said for c in candidates
           if c is not below and index.reference.get(c.code).parent == parent):
        if len(asked) > weights.narrower_third_terms or below is candidates[2]:
            return candidates
        return candidates[:2] + [below] + [c for c in candidates[2:] if c is not below]
    return [candidates[0], below] + [c for c in candidates[1:] if c is not below]


def divisions_named(candidates: Sequence[Candidate], weights: Weights = WEIGHTS) -> frozenset[str]:
    """The divisions a sector heading names, by its own candidates: those within ``sector_share`` of the
    best, when the best reaches ``sector_min`` («ПРОЧЕЕ» names none)."""
    best = candidates[0].score if candidates else 0.0
    if best < weights.sector_min:
        return frozenset()
    return frozenset(c.code[:2] for c in candidates if c.score >= best * weights.sector_share and c.code[:2].isdigit())


def prefer_sector(candidates: list[Candidate], divisions: frozenset[str], sector: str, weights: Weights = WEIGHTS
                  ) -> list[Candidate]:
    """Under a sector heading, a candidate of the sector's divisions goes first when it is within
    ``sector_margin`` of the first and among the first ``diverse_top``, and says so; a clear match stays
    first."""
    if not candidates or not divisions or candidates[0].code[:2] in divisions:
        return candidates
    first = candidates[0]
    for position, c in enumerate(candidates[1:weights.diverse_top], start=1):
        if c.code[:2] in divisions and c.score >= first.score - weights.sector_margin:
            c = replace(c, explanation=f"{c.explanation}; при почти равных оценках решила отрасль «{sector}»")
            return [c] + candidates[:position] + candidates[position + 1:]
    return candidates
