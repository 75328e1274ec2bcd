"""The reviewers' decisions as the team's knowledge base, which matching consults first.

Every decision (:class:`mapper.review.Review`) is read by the lemmas of its text, in any order: the
*lemma key* (``lemma_key(analyzer, "Литьё металлов")`` → ``"литье металл"``, the same for «металлов
литьё» and «литья металлов»). For an activity the base answers with a :class:`Verdict`:

* ``own`` — a reviewer decided this very activity (its text and sector): that code, ``manual``;
* ``known`` — the same lemma key was decided elsewhere (another sector or document): that code, ``manual``;
* ``conflict`` — the same lemma key was decided with different codes: all of them offered, ``review``;
  never resolved silently;
* ``near`` — a lemma key close to a decided one (a typo, one qualifier more or less), by
  :data:`NEAR_SCORER` at :data:`NEAR_THRESHOLD` or above: the decided code raised to the top with
  the earlier text, who and when («решено ранее для „Литье металлов“, Иванова, 2026-11-20»), ``review``,
  never ``auto``.

A decision whose code the reference in use no longer has, or names differently than when it was made,
is *stale*: it is shown for review, not applied (:func:`staleness`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from .lemmas import normalized_key
from .matching.records import Candidate, Match
from .reference import Reference
from .review import Review, sector_key

#: two lemmas are the same word mistyped at this ``fuzz.ratio`` or above («металов» ~ «металл» 77)
WORD_SIMILAR = 75.0
#: how much each word more or less takes off (two paired exactly and one more score 90)
QUALIFIER_FACTOR = 0.9


def aligned_ratio(a: str, b: str, **_) -> float:
    """How close two keys (lemmas, or words as typed) are, 0–100, as words retyped: each word of the
    shorter key paired with its own word of the longer at ``fuzz.ratio`` ≥ :data:`WORD_SIMILAR` (the
    mean of the pairs), and one word left over for every two paired at most, each costing
    :data:`QUALIFIER_FACTOR`. Anything else is 0: «литье сталь» is not «литье металл», «ремонт» is not
    «ремонт обувь».

    >>> round(aligned_ratio("литье металов", "литье металл")), aligned_ratio("давление литье металл", "литье металл")
    (88, 90.0)
    """
    short, long = sorted((a.split(), b.split()), key=len)
    if not short or len(long) - len(short) > len(short) // 2:
        return 0.0
    free, total = list(long), 0.0
    for word in short:
        similarity, best = max((fuzz.ratio(word, other), other) for other in free)
        if similarity < WORD_SIMILAR:
            return 0.0
        total += similarity
        free.remove(best)
    return total / len(short) * QUALIFIER_FACTOR ** len(free)


#: how close two keys must be for an earlier decision to be offered: :func:`aligned_ratio` at this or
#: above, on the lemma keys or on the words as typed. Chosen with ``benchmarks/replay.py --sweep`` on
#: the development sets (5 seeds; hit@1 of rows retyped from decided ones, and of unrelated rows): of
#: ``token_sort_ratio``, ``token_set_ratio``, ``WRatio`` and ``aligned_ratio`` at 75–95, the one that
#: lifts the retyped rows (labels: typos 0.444 → 0.993, one word less 0.382 → 1.000, one more 0.524 →
#: 0.825) and leaves the unrelated ones as they were (labels 0.602 → 0.602, OKPD 2 0.630 → 0.639);
#: ``token_sort_ratio`` ≥ 80 took unrelated labels to 0.552 and ``token_set_ratio`` ≥ 80 to 0.409
#: («ремонт» is a subset of «ремонт часов»). 75 and 80 measure the same; 80 is the safer.
NEAR_SCORER = aligned_ratio
NEAR_THRESHOLD = 80.0
#: the keys that :func:`aligned_ratio` scores when many share a query's blocks (:class:`Keys`): those
#: ``fuzz.token_set_ratio`` puts at or above ``PREFILTER`` (every pair it accepts does), the ``POOL`` best
PREFILTER, POOL = 50.0, 25
#: a block shared by more keys than this (or this share of them) finds nothing in particular
COMMON_BLOCK, COMMON_SHARE = 50, 0.02
#: decisions offered for one activity at most (the nearest first)
NEAR_LIMIT = 3

#: how an activity decided from the base is marked in ``activity_codes.flags`` and counted by ``build``
KIND_LABELS = {
    "own": "решение эксперта",
    "known": "из базы решений",
    "near": "близкое решение",
    "conflict": "конфликт решений",
    "stale": "решение устарело",
}


def lemma_key(analyzer, text: str) -> str:
    """The lemmas of a text, sorted and each once: ``lemma_key(a, "Литьё металлов под давлением")`` →
    ``"давление литье металл"`` (stop words and prepositions left out, abbreviations read out)."""
    return " ".join(sorted(set(analyzer.analyze(text).lemmas)))


def words_key(text: str) -> str:
    """The words of a text as typed, sorted: ``words_key("Литьё металлов")`` → ``"литье металлов"``."""
    return " ".join(sorted(normalized_key(text).split()))


def staleness(review: Review, reference: Reference) -> str:
    """Why the decided code is no longer what the reviewer chose, or ``""``: the reference in use has
    no such code, or names it otherwise than when the decision was made."""
    record = reference.get(review.code)
    if record is None:
        return f"кода {review.code} нет в редакции {reference.edition.edition}"
    if review.okved_name and normalized_key(review.okved_name) != normalized_key(record.name):
        return f"наименование {review.code} изменилось: было «{review.okved_name}», стало «{record.name}»"
    return ""


def after_update(reviews: Iterable[Review], previous: Reference | None, new: Reference
                 ) -> tuple[list[tuple[Review, str]], list[Review]]:
    """What a reference update does to the decisions: those it makes stale, with why, and the decisions
    that did not record their code's name, given the name it had before the update (to be saved, so
    that builds notice the rename too). ``previous``: the reference that was in use."""
    stale, named = [], []
    for review in reviews:
        before = previous.get(review.code) if previous is not None else None
        if not review.okved_name and before is not None:
            review = replace(review, okved_name=before.name)
            named.append(review)
        reason = staleness(review, new)
        if reason:
            stale.append((review, reason))
    return stale, named


def who_and_when(review: Review) -> str:
    """``"Иванова, 2026-11-20"``; either may be missing."""
    return ", ".join(part for part in (review.reviewer, review.updated_at[:10]) if part)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the base says of one activity: ``Verdict("near", (review,), 92.3)``. ``stale``: why the
    decided code cannot be applied as it stands (:func:`staleness`)."""

    kind: str  # own | known | conflict | near
    precedents: tuple[Review, ...]
    similarity: float = 100.0
    stale: str = ""

    @property
    def label(self) -> str:
        return KIND_LABELS["stale" if self.stale else self.kind]

    @property
    def applied(self) -> bool:
        """Whether the decided code is the activity's code (``manual``) rather than offered for review."""
        return self.kind in ("own", "known") and not self.stale

    def note(self) -> str:
        """The explanation a reader sees: «решено ранее для „Литье металлов“, Иванова, 2026-11-20»."""
        first = self.precedents[0]
        if self.kind == "own":
            text = first.note
        elif self.kind == "conflict":
            text = "решения расходятся: " + "; ".join(
                f"{r.code} для «{r.text}»" + (f" ({r.sector})" if r.sector else "")
                + (f", {who_and_when(r)}" if who_and_when(r) else "") for r in self.precedents)
        elif self.kind == "near" and len(self.precedents) > 1:
            text = f"близкие решения (сходство до {self.similarity:.0f} %): " + "; ".join(
                f"{r.code} для «{r.text}»" + (f", {who_and_when(r)}" if who_and_when(r) else "")
                for r in self.precedents)
        else:
            said = who_and_when(first)
            where = f" в отрасли {first.sector}" if self.kind == "known" and first.sector else ""
            close = f", сходство {self.similarity:.0f} %" if self.kind == "near" else ""
            text = (f"решено ранее для «{first.text}»{where}" + (f", {said}" if said else "") + close
                    + (f": {first.note}" if first.note else ""))
        if self.stale:
            text = f"решение устарело ({self.stale}); " + text if text else f"решение устарело ({self.stale})"
        return text


def blocks(key: str) -> set[str]:
    """What finds a key whose words a slip changed: each word's first three letters and its last three
    (one slip in a word of five letters or more leaves one of them): ``blocks("литье металл")`` →
    ``{"лит", "тье", "мет", "алл"}``."""
    return {part for word in key.split() if len(word) >= 3 for part in (word[:3], word[-3:])}


class Keys:
    """Keys of one kind (lemma keys, or words as typed) → their decisions, the latest first; and
    :meth:`worth_scoring`, the few keys near enough to score for a query."""

    def __init__(self, pairs: Iterable[tuple[str, Review]]):
        self.reviews: dict[str, list[Review]] = {}
        for key, review in pairs:
            if key:
                self.reviews.setdefault(key, []).append(review)
        self.keys = list(self.reviews)
        found: dict[str, list[str]] = {}
        for key in self.keys:
            for block in blocks(key):
                found.setdefault(block, []).append(key)
        # a block that many keys share («про», «ние») finds nothing in particular: left out
        common = max(COMMON_BLOCK, len(self.keys) * COMMON_SHARE)
        self.blocks = {block: keys for block, keys in found.items() if len(keys) <= common}
        self.common = set(found) - set(self.blocks)

    def worth_scoring(self, query: str) -> list[str]:
        """The keys that share a block with ``query``; when its every block is common, the best
        :data:`POOL` of all keys by ``fuzz.token_set_ratio`` (in C)."""
        mine = blocks(query)
        telling = mine - self.common
        if telling or not mine:
            candidates = list(dict.fromkeys(k for block in telling for k in self.blocks.get(block, ())))
            if len(candidates) <= 4 * POOL:
                return candidates
        else:
            candidates = self.keys
        return [found for found, _, _ in process.extract(query, candidates, scorer=fuzz.token_set_ratio,
                                                         score_cutoff=PREFILTER, limit=POOL)]


class KnowledgeBase:
    """The decisions, read once: ``KnowledgeBase(store.all(), matcher.analyzer, reference)``; then
    :meth:`verdict` for each activity and :meth:`consult` to turn a match into what a reader sees."""

    def __init__(self, reviews: Iterable[Review], analyzer, reference: Reference, *,
                 threshold: float = NEAR_THRESHOLD, scorer=NEAR_SCORER):
        self.reviews = tuple(reviews)
        self.analyzer, self.reference = analyzer, reference
        self.threshold, self.scorer = threshold, scorer
        self._own = {(r.key, r.sector_key): r for r in self.reviews}
        self.lemmas: dict[Review, str] = {r: lemma_key(analyzer, r.text) for r in self.reviews}
        latest_first = sorted(self.reviews, key=lambda r: r.updated_at, reverse=True)
        self._lemma_keys = Keys((self.lemmas[r], r) for r in latest_first)
        # the words as typed, sorted: a slip that makes the lemmatiser guess another lemma («волонвые»)
        self._word_keys = Keys((words_key(r.text), r) for r in latest_first)

    def __len__(self) -> int:
        return len(self.reviews)

    def verdict(self, text: str, sector: str | None = None) -> Verdict | None:
        """What the base says of ``text`` under ``sector``; None when it knows nothing near it."""
        own = self._own.get((normalized_key(text), sector_key(sector)))
        if own is not None:
            return self._checked(Verdict("own", (own,)))
        key = lemma_key(self.analyzer, text)
        if not key:
            return None
        same = self._lemma_keys.reviews.get(key)
        if same:
            return self._checked(self._one_code(same, "known", 100.0))
        scores: dict[Review, float] = {}
        for query, keys in ((key, self._lemma_keys), (words_key(text), self._word_keys)):
            for found in keys.worth_scoring(query):
                score = self.scorer(query, found)
                if score >= self.threshold:
                    review = keys.reviews[found][0]
                    scores[review] = max(score, scores.get(review, 0.0))
        if not scores:
            return None
        near = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0].text))[:NEAR_LIMIT]
        precedents = [review for review, _ in near]
        distinct = {r.code: r for r in reversed(precedents)}  # the nearest decision of each code
        return Verdict("near", tuple(r for r in precedents if distinct[r.code] is r), near[0][1])

    def state(self, review: Review) -> str:
        """How a decision stands in the base: «действует», «конфликт: …» when the same words were decided
        otherwise, or «устарело: …» (:func:`staleness`)."""
        stale = staleness(review, self.reference)
        if stale:
            return f"устарело: {stale}"
        others = sorted({r.code for r in self._lemma_keys.reviews.get(self.lemmas[review], ())} - {review.code})
        return f"конфликт: решено и как {', '.join(others)}" if others else "действует"

    def _one_code(self, reviews: list[Review], kind: str, similarity: float) -> Verdict:
        codes = {r.code: r for r in reversed(reviews)}  # the latest decision of each code
        if len(codes) > 1:
            return Verdict("conflict", tuple(r for r in reviews if codes[r.code] is r), similarity)
        return Verdict(kind, (reviews[0],), similarity)

    def _checked(self, verdict: Verdict) -> Verdict:
        if verdict.kind in ("own", "known"):
            return replace(verdict, stale=staleness(verdict.precedents[0], self.reference))
        return verdict

    def consult(self, match: Match, sector: str | None = None, k: int = 5) -> tuple[Match, Verdict | None]:
        """``match`` as the base answers it: a decided code first (``manual`` when applied, else
        ``review``), the matcher's other candidates after it; unchanged when the base knows nothing."""
        verdict = self.verdict(match.query, sector)
        if verdict is None:
            return match, None
        return raised(match, verdict, self.reference, k), verdict


def raised(match: Match, verdict: Verdict, reference: Reference, k: int = 5) -> Match:
    """The match with the verdict's codes on top. An applied decision scores 1.0 and is ``manual``; an
    offered one takes the best score the match has and leaves the status ``review`` (never ``auto``)."""
    note = verdict.note()
    top = max((c.score for c in match.candidates), default=0.0)
    own_score = {c.code: c.score for c in match.candidates}
    first = []
    for review in verdict.precedents:
        record = reference.get(review.code)
        if record is None or review.code in {c.code for c in first}:
            continue  # a code the reference lost is said in the note, not proposed
        score = 1.0 if verdict.applied else max(top, own_score.get(review.code, 0.0))
        first.append(Candidate(record.code, record.name, record.level, score, note))
    if not first:  # only stale decisions of removed codes: the matcher's answer, to review, with the note
        return Match(match.query, "review", tuple(
            replace(c, explanation=f"{note}; {c.explanation}" if c.explanation else note) if i == 0 else c
            for i, c in enumerate(match.candidates)))
    taken = {c.code for c in first}
    rest = [c for c in match.candidates if c.code not in taken]
    return Match(match.query, "manual" if verdict.applied else "review", tuple(first + rest)[:max(k, len(first))])
