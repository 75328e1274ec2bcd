"""Replay: does the knowledge base of reviewers' decisions help, and does it hurt anything?

    python benchmarks/replay.py [--eval-dir DIR] [--reference PATH] [--seeds 5] [--okpd2 2000] [--sweep]

For each development set and each seed: the rows are shuffled and split in halves. The first half's
right codes are recorded as decisions (as reviewers would have made them); then the second half is
matched — the *unrelated* rows — together with copies of first-half rows as people retype them:

* ``typo`` — one slip in a word of five letters or more (a letter dropped, doubled, swapped with the
  next, or a vowel confused: е/и, а/о);
* ``reordered`` — the words in another order (the same lemmas: the base knows it exactly);
* ``qualifier+`` — a qualifier added («на заказ», «под ключ», «в регионе», «собственного производства»);
* ``qualifier-`` — one word of four letters or more dropped (of three words or more).

Each query is matched once; then answered without the base and with it (:mod:`mapper.knowledge`).
Reported per kind of row, summed over the seeds: hit@1 without → with, and the rows answered without
a reviewer (``exact``, ``auto``, and ``manual`` from the same words decided before): their share and
precision, without → with. Near decisions must lift the copies; the unrelated rows must not drop.

``--sweep`` also tries other scorers and thresholds for a near decision (hit@1 of each kind of row), the
table that chose :data:`mapper.knowledge.NEAR_SCORER` and :data:`~mapper.knowledge.NEAR_THRESHOLD`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from mapper.cache import cached_matcher  # noqa: E402
from mapper.evaluate import GoldRow, is_right, read_gold  # noqa: E402
from mapper.knowledge import NEAR_SCORER, NEAR_THRESHOLD, KnowledgeBase, aligned_ratio  # noqa: E402
from mapper.lemmas import normalized_key  # noqa: E402
from mapper.review import Review, sector_key  # noqa: E402

KINDS = ("unrelated", "typo", "reordered", "qualifier+", "qualifier-")
QUALIFIERS = ("на заказ", "под ключ", "в регионе", "собственного производства")
VOWELS = {"е": "и", "и": "е", "а": "о", "о": "а"}
UNATTENDED = ("exact", "auto", "manual")
SCORERS = {"token_sort_ratio": fuzz.token_sort_ratio, "token_set_ratio": fuzz.token_set_ratio,
           "WRatio": fuzz.WRatio, "aligned_ratio": aligned_ratio}
THRESHOLDS = (75, 80, 85, 90, 95)


def typo(text: str, rng: random.Random) -> str | None:
    words = text.split()
    long = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 5]
    if not long:
        return None
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    slips = [word[:at] + word[at + 1:], word[:at] + word[at] + word[at:], word[:at] + word[at + 1] + word[at] + word[at + 2:]]
    vowels = [j for j, ch in enumerate(word) if ch.lower() in VOWELS and j > 0]
    if vowels:
        j = rng.choice(vowels)
        slips.append(word[:j] + VOWELS[word[j].lower()] + word[j + 1:])
    words[i] = rng.choice([s for s in slips if s != word] or [word[:at] + word[at + 1:]])
    return " ".join(words)


def copies(text: str, rng: random.Random) -> dict[str, str]:
    """The retyped copies of a decided row, by kind."""
    words = text.split()
    out = {"typo": typo(text, rng), "qualifier+": f"{text} {rng.choice(QUALIFIERS)}"}
    if len(words) >= 2:
        out["reordered"] = " ".join(reversed(words))
    droppable = [i for i, w in enumerate(words) if i > 0 and len(w) >= 4]
    if len(words) >= 3 and droppable:
        drop = rng.choice(droppable)
        out["qualifier-"] = " ".join(w for i, w in enumerate(words) if i != drop)
    return {kind: copy for kind, copy in out.items() if copy and normalized_key(copy) != normalized_key(text)}


def decided(rows: list[GoldRow], reference) -> list[Review]:
    """The first half's right codes as decisions (the first acceptable code the reference has)."""
    out = []
    for row in rows:
        code = next((reference.resolve(c).code for c in row.acceptable if _known(reference, c)), None)
        if code:
            out.append(Review(normalized_key(row.text), sector_key(None), row.text, "", code, "set", "", "replay",
                              "2026-11-20T00:00:00+00:00", reference[code].name))
    return out


def _known(reference, code: str) -> bool:
    try:
        reference.resolve(code)
        return True
    except Exception:
        return False


def replay(rows: list[GoldRow], matcher, seed: int, scorers: dict | None = None) -> list[tuple[str, str, GoldRow, dict]]:
    """(set kind, query, gold row, variant → match) for one seed."""
    rng = random.Random(seed)
    shuffled = rows[:]
    rng.shuffle(shuffled)
    half = len(shuffled) // 2
    first, second = shuffled[:half], shuffled[half:]
    reviews = decided(first, matcher.reference)
    queries = [("unrelated", row.text, row) for row in second]
    for row in first:
        queries += [(kind, copy, row) for kind, copy in copies(row.text, rng).items()]
    results = matcher.match_many([q for _, q, _ in queries], k=5)
    bases = {"without": None, "with": KnowledgeBase(reviews, matcher.analyzer, matcher.reference)}
    for name, (scorer, threshold) in (scorers or {}).items():
        bases[name] = KnowledgeBase(reviews, matcher.analyzer, matcher.reference, scorer=scorer, threshold=threshold)
    out = []
    for (kind, query, row), match in zip(queries, results):
        answers = {name: (base.consult(match)[0] if base is not None else match) for name, base in bases.items()}
        out.append((kind, query, row, answers))
    return out


def right(row: GoldRow, match) -> bool:
    return bool(match.candidates) and is_right(match.candidates[0].code, row.acceptable, row.scoring)


def report(label: str, outcomes: list[tuple[str, str, GoldRow, dict]]) -> None:
    print(f"\n{label}: hit@1 without → with the knowledge base; unattended (exact, auto, manual): share and "
          "precision, without → with")
    print(f"  {'rows':<12} {'n':>6}  {'hit@1':>15}  {'unattended share':>18}  {'unattended precision':>22}")
    for kind in KINDS:
        chosen = [o for o in outcomes if o[0] == kind]
        if not chosen:
            continue
        hit = {v: sum(right(row, a[v]) for _, _, row, a in chosen) / len(chosen) for v in ("without", "with")}
        share, precision = {}, {}
        for v in ("without", "with"):
            alone = [(row, a[v]) for _, _, row, a in chosen if a[v].status in UNATTENDED]
            share[v] = len(alone) / len(chosen)
            precision[v] = sum(right(row, m) for row, m in alone) / len(alone) if alone else float("nan")
        print(f"  {kind:<12} {len(chosen):>6}  {hit['without']:.3f} → {hit['with']:.3f}  "
              f"{share['without']:>7.3f} → {share['with']:.3f}  {precision['without']:>10.3f} → {precision['with']:.3f}")


def sweep_report(label: str, outcomes: list[tuple[str, str, GoldRow, dict]], names: list[str]) -> None:
    print(f"\n{label}: hit@1 by scorer and threshold of a near decision (the base's same words always apply)")
    kinds = [k for k in KINDS if any(o[0] == k for o in outcomes)]
    print(f"  {'variant':<24} " + " ".join(f"{k:>11}" for k in kinds))
    for name in ["without", *names]:
        cells = []
        for kind in kinds:
            chosen = [o for o in outcomes if o[0] == kind]
            cells.append(f"{sum(right(row, a[name]) for _, _, row, a in chosen) / len(chosen):>11.3f}")
        print(f"  {name:<24} " + " ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--reference", default=None)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--okpd2", type=int, default=2000, help="OKPD 2 rows sampled per seed (0: none)")
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    matcher = cached_matcher(args.reference)
    eval_dir = Path(args.eval_dir)
    labels = read_gold(eval_dir / "activities-dev.csv") + read_gold(eval_dir / "colloquial-dev.csv")
    sets = {"labels (activities-dev + colloquial-dev)": labels}
    if args.okpd2:
        sets["okpd2-products-dev"] = read_gold(eval_dir / "okpd2-products-dev.csv")
    scorers = {}
    if args.sweep:
        scorers = {f"{name} ≥ {t}": (scorer, t) for name, scorer in SCORERS.items() for t in THRESHOLDS}
    print(f"near decision: {NEAR_SCORER.__name__} ≥ {NEAR_THRESHOLD:g}; seeds {args.seeds}; reference "
          f"{matcher.reference.edition.edition}")
    for label, rows in sets.items():
        outcomes = []
        for seed in range(1, args.seeds + 1):
            chosen = rows
            if len(rows) > args.okpd2 > 0:
                chosen = random.Random(1000 + seed).sample(rows, args.okpd2)
            outcomes += replay(chosen, matcher, seed, scorers=scorers)
        report(label, outcomes)
        if args.sweep:
            sweep_report(label, outcomes, list(scorers))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
