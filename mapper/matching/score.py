"""Stage 4, scoring: evidence × the weight table → a score in [0, 1].

``score = coverage × (floor + (1 − floor) × precision) × the factors``:

* ``coverage`` — the weighted share of the query's terms the entry has: a term of the name counts
  whole, one matched by its stem ``stem``, one of the notes ``notes``, one matched through its kind
  ``broader`` (``head_broader`` for the head) times the share of the kind the name has, a word for the
  query's action found as the action's own word of the name (выплавка / производство) ``action_kind``; a word in
  another role (``для …``, ``из …``) ``role_mismatch`` of that;
* ``precision`` — the weighted share of the name's terms the query has, the things a name lists beside
  the query's one weighing ``alternatives`` of their weight («кораблей, судов и плавучих конструкций»
  for «Строительство судов»);
* the factors, each from a row of :class:`~.weights.Weights`: neighbouring words (``pairs``), a
  qualifier or agent the query lacks, the agreement of the action, the level of the code, a broad code
  for a product, an item of the notes, another material, a word the name excludes, a product the entry
  has nowhere.

>>> from mapper.matching.records import Evidence, TermMatch
>>> steel = TermMatch("сталь", 2.0, 3.0, True, False, False, "name")  # the head: 2.0 × the table's 1.5
>>> pipe = TermMatch("труба", 1.0, 1.0, False, False, False, "name")
>>> evidence = Evidence((steel, pipe), frozenset({"сталь", "труба"}), frozenset(), 3.0, "", False, 1, 1, False, False, "same", "class", False,
...                     False, False, False, False, frozenset())
>>> score(evidence)
1.0
>>> score(evidence._replace(level="subclass"))
0.92

The same function writes the trace that ``okved-mapper match --explain`` prints, so an explanation can
never disagree with the score.
"""

from __future__ import annotations

from ..reference import LEVEL_NAMES_RU
from .records import ACTION_KIND, KIND, NAME, NAME_STEM, NOTES, NOTES_STEM, Evidence
from .weights import WEIGHTS, Weights

#: labels of the trace, in Russian: what a reviewer reads
COVERAGE, PRECISION, SCORE = "покрытие запроса", "точность наименования", "оценка"


def score(evidence: Evidence, weights: Weights = WEIGHTS, trace: list[tuple[str, str, float]] | None = None
          ) -> float:
    """The score of ``evidence``; with ``trace``, also appends (what, weight-table row, value) for each part:
    the contribution of each query term, coverage, precision, then each factor that applies."""
    w = weights
    matched = noted = own = total = 0.0
    head_weight = 0.0
    for m in evidence.terms:
        term, idf, q, head, _, other_role, found, share, kind_idf, _ = m
        total += q
        if head:
            head_weight = q
        if other_role:
            q *= w.role_mismatch
        if found == NAME:
            part = q
            matched += part
            own += idf
        elif found == NAME_STEM:
            part = w.stem * q
            matched += part
            own += w.stem * idf
        elif found == NOTES:
            part = q
            noted += part
        elif found == NOTES_STEM:
            part = w.stem * q
            noted += part
        elif found == KIND:
            part = (w.head_broader if head else w.broader) * share * q
            matched += part
            own += w.broader * kind_idf
        elif found == ACTION_KIND:
            part = w.action_kind * q
            matched += part
            own += w.action_kind * kind_idf
        else:
            part = 0.0
        if trace is not None:
            said = f"в наименовании как вид действия «{m.kind[0]}»" if found == ACTION_KIND else _FOUND_RU[found]
            trace.append((f"«{term}»: {said}" + (", в другой роли" if other_role else ""),
                          _term_rows(m), w.notes * part if found in (NOTES, NOTES_STEM) else part))
    if evidence.generic_head:
        matched += w.generic_head * head_weight
        if trace is not None:
            trace.append((f"главное слово как «{evidence.generic_head}»", "generic_head", w.generic_head * head_weight))
    coverage = (matched + w.notes * noted) / total
    if evidence.name_head_missed:
        coverage *= w.name_head_miss
    said = evidence.name_weight - w.alternatives * evidence.alternatives  # what the name asks to be said
    precision = min(own / said, 1.0) if said > 0 else 1.0
    result = coverage * (w.precision_floor + (1 - w.precision_floor) * precision)
    if trace is not None:
        trace.append((COVERAGE + (" (главное слово наименования не названо)" if evidence.name_head_missed else ""),
                      ", ".join(r for r, on in (("notes", noted), ("name_head_miss", evidence.name_head_missed)) if on),
                      coverage))
        listed = evidence.alternatives
        trace.append((PRECISION + (" (перечисленное в наименовании рядом весит меньше)" if listed else ""),
                      "precision_floor" + (", alternatives" if listed else ""), precision))
        trace.append(("покрытие × (порог + (1 − порог) × точность)", "precision_floor", result))
    e = evidence
    # the two factors nearly every entry has, inline; the others, rare, through _factor
    if e.pairs_total:
        factor = 1 - w.pairs + w.pairs * e.pairs_shared / e.pairs_total
        result *= factor
        if trace is not None:
            _trace(trace, factor, "pairs", "соседних пар слов запроса в наименовании: {} из {}", e.pairs_shared,
                   e.pairs_total)
    if e.qualifier_missed:
        result *= _factor(trace, w.qualifier_miss, "qualifier_miss",
                          "в наименовании «прочий», «агент» или «оптовый», в запросе нет")
    if e.agent_missed:
        result *= _factor(trace, w.agent_miss, "agent_miss", "код агентов, в запросе агента нет")
    factor = w.action[e.action] * (w.field_level_prior if e.field else w.level_prior)[e.level]
    result *= factor
    if trace is not None:
        _trace(trace, factor, "action, " + ("field_level_prior" if e.field else "level_prior"),
               "действие: {}; уровень: {}" + (" (запрос называет отрасль)" if e.field else ""), e.action, e.level)
    if e.broad_for_product:
        result *= _factor(trace, w.broad_for_product, "broad_for_product", "продукт, а код шире одного класса")
    if e.item:
        result *= _factor(trace, w.note_item * (w.listed if e.listed else 1.0) * (w.field_item if e.field else 1.0),
                          "note_item, listed" + (", field_item" if e.field else ""),
                          "пункт пояснений" + (", элемент перечня" if e.listed else "")
                          + (", а запрос называет отрасль" if e.field else ""))
    if e.material_clash:
        result *= _factor(trace, w.material_clash, "material_clash", "другой материал")
    if e.way_clash:
        result *= _factor(trace, w.way_clash, "way_clash", f"другой {e.way_clash}")
    if e.operator_clash:
        result *= _factor(trace, w.operator_clash, "operator_clash", e.operator_clash)
    if e.excluded:
        result *= _factor(trace, w.excluded, "excluded", "наименование исключает слово запроса")
    if e.head_missed:
        result *= _factor(trace, w.head_miss, "head_miss", "продукт, названный в запросе первым, не найден")
    if trace is not None:
        trace.append((SCORE, "", result))
    return result


def _factor(trace: list | None, value: float, row: str, label: str) -> float:
    """A factor of the score, written to the trace when there is one."""
    if trace is not None:
        _trace(trace, value, row, label)
    return value


def _trace(trace: list, value: float, row: str, label: str, *details: object) -> None:
    """A factor of the score, as a line of the trace."""
    said = {"same": "совпадает", "weak": "общее («услуги»)", "service_making": "услуга против производства",
            "place_making": "место услуг против производства или строительства",
            "service_handling": "услуга против ремонта, обработки, перевозки …",
            "other": "другое", "product_handling": "продукт против торговли, аренды, ремонта, перевозки",
            "conflict": "другое действие", **LEVEL_NAMES_RU}
    trace.append((label.format(*(said.get(str(d), str(d)) for d in details)), row, value))


_FOUND_RU = {NAME: "в наименовании", NAME_STEM: "в наименовании по основе", NOTES: "в пояснениях",
             NOTES_STEM: "в пояснениях по основе", KIND: "в наименовании по виду", "": "не найдено"}


def _term_rows(m) -> str:
    rows = ["head" if m.head else "weak_action_word" if m.weak else ""]
    rows.append({NAME_STEM: "stem", NOTES: "notes", NOTES_STEM: "stem, notes",
                 KIND: "head_broader" if m.head else "broader", ACTION_KIND: "action_kind"}.get(m.found, ""))
    if m.other_role:
        rows.append("role_mismatch")
    return ", ".join(r for r in rows if r)
