"""Fit rows of the weight table on the labelled development sets, with k-fold cross-validation.

    python benchmarks/fit.py [--eval-dir DIR] [--reference PATH] [--folds 3] [--okpd2 900] [--rows notes,tie_margin,…]
                             [--auto-margin 0.12]

What is fitted: the rows named by ``--rows`` (default: :data:`ROWS`), each over a grid of values around
its value in the table, by coordinate search (one row at a time, the best value kept, two passes). The
objective is the mean first-candidate accuracy (hit@1) over the sets, each set weighing the same, so
that 9,000 product names do not drown 96 labels. The OKPD 2 set is sampled (``--okpd2`` rows, a fixed
stride) to keep a run in minutes.

What is reported: for each fold, the rows fitted on the other folds and hit@1 on the held-out rows of
each set, for the table as it is and as fitted — the held-out figures are the ones to read, not the
fit's own. Then the fit on all rows, which is what the table should say; and the ``auto`` threshold:
the lowest score at which ``auto`` is right ≥ 97 % on the held-out rows of every set, with a reliability
table (first candidate's score band → how often it is right, held out).

One index serves every variant (only ``inherit_depth`` changes the index, so it is not fitted here).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.evaluate import is_right, read_gold  # noqa: E402
from mapper.matcher import Matcher  # noqa: E402
from mapper.matching import decide  # noqa: E402
from mapper.matching.weights import WEIGHTS, Weights  # noqa: E402

#: the rows fitted by default, and the factors of their current value tried (a row at 0 tries the absolute grid)
ROWS = ("notes", "stem", "action_kind", "head_miss", "part_word", "precision_floor", "alternatives", "pairs",
        "note_item", "tie_margin", "class_margin", "borrowed_item_margin", "item_full_margin", "class_support",
        "field_level_prior.group", "field_level_prior.class", "operator_clash", "action.place_making",
        "action.service_handling",
        "field_item")
FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5)
SETS = ("activities-dev", "colloquial-dev", "okpd2-products-dev")
AUTO_PRECISION = 0.97


def get(weights: Weights, row: str) -> float:
    name, _, key = row.partition(".")
    value = getattr(weights, name)
    return value[key] if key else value


def put(weights: Weights, row: str, value: float) -> Weights:
    name, _, key = row.partition(".")
    if key:
        return replace(weights, **{name: {**getattr(weights, name), key: value}})
    return replace(weights, **{name: type(getattr(weights, name))(value)})


def grid(weights: Weights, row: str) -> list[float]:
    value = get(weights, row)
    values = [round(value * f, 4) for f in FACTORS] if value else [0.0, 0.1, 0.2, 0.3, 0.5]
    if row.endswith("margin") or row.startswith(("field_level_prior", "level_prior")) or row in ("notes", "stem",
                                                                                                "note_item"):
        values = [v for v in values if v <= 1.0]
    return sorted(set(values))


def fold_of(text: str, folds: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16) % folds


class Runs:
    """Each variant of the table matched once over every row; hits and first scores kept per row."""

    def __init__(self, matcher: Matcher, rows: dict[str, list]):
        self.matcher, self.rows, self.done = matcher, rows, {}

    def __call__(self, weights: Weights) -> dict[str, list[tuple[bool, float, str]]]:
        key = repr(weights)
        if key not in self.done:
            matcher = self.matcher.reweighted(weights)
            out = {}
            for name, gold in self.rows.items():
                results = matcher.match_many([g.text for g in gold], k=3)
                out[name] = [(bool(r.candidates) and is_right(r.best.code, g.acceptable, g.scoring),
                              r.best.score if r.candidates else 0.0,
                              decide.rival(r.candidates) if r.candidates else 0.0, r.status)
                             for g, r in zip(gold, results)]
            self.done[key] = out
        return self.done[key]


def objective(hits: dict[str, list], keep: dict[str, set[int]]) -> float:
    return statistics.fmean(sum(hits[n][i][0] for i in keep[n]) / max(len(keep[n]), 1) for n in hits)


def search(runs: Runs, start: Weights, rows: tuple[str, ...], keep: dict[str, set[int]], passes: int = 2,
           min_gain: float = 0.0) -> Weights:
    """Coordinate search from ``start``: a value replaces a row's only when the objective on the rows
    ``keep`` gains more than ``min_gain`` (a few rows of a small set are noise, not evidence)."""
    best, best_value = start, objective(runs(start), keep)
    for _ in range(passes):
        changed = False
        for row in rows:
            for value in grid(best, row):
                candidate = put(best, row, value)
                got = objective(runs(candidate), keep)
                if got > best_value + min_gain + 1e-9:
                    best, best_value, changed = candidate, got, True
        if not changed:
            break
    return best


def is_auto(row: tuple, threshold: float, margin: float) -> bool:
    """``auto`` by the status rule (:func:`mapper.matching.decide.status`) at this threshold; exact stays exact."""
    _, first, second, status = row
    return status != "exact" and first >= threshold and first - second >= margin


def auto_threshold(hits: dict[str, list], keep: dict[str, set[int]], margin: float) -> float | None:
    """The lowest ``auto_score`` at which ``auto`` is right ≥ 97 % on every set."""
    for threshold in [x / 100 for x in range(40, 100)]:
        ok = True
        for n, rows in hits.items():
            chosen = [rows[i][0] for i in keep[n] if is_auto(rows[i], threshold, margin)]
            if chosen and sum(chosen) / len(chosen) < AUTO_PRECISION:
                ok = False
                break
        if ok:
            return threshold
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--reference", default=None)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--okpd2", type=int, default=900, help="OKPD 2 rows used (a fixed stride)")
    parser.add_argument("--rows", default=",".join(ROWS))
    parser.add_argument("--min-gain", type=float, default=0.005,
                        help="a change must raise the objective (mean hit@1 of the sets) by more than this")
    parser.add_argument("--auto-margin", type=float, default=None,
                        help="choose the auto threshold for this auto_margin (default: the table's)")
    parser.add_argument("--start", action="append", default=[], metavar="ROW=VALUE",
                        help="start from the table with this row changed (e.g. borrowed_item_margin=0)")
    args = parser.parse_args()
    rows = tuple(r for r in args.rows.split(",") if r)
    known = {f.name for f in fields(Weights)}
    for row in rows:
        if row.partition(".")[0] not in known:
            parser.error(f"no row «{row}» in the weight table")

    table = WEIGHTS
    for given in args.start:
        row, _, value = given.partition("=")
        if row.partition(".")[0] not in known:
            parser.error(f"no row «{row}» in the weight table")
        table = put(table, row, float(value))

    gold = {}
    for name in SETS:
        found = read_gold(args.eval_dir / f"{name}.csv")
        if name.startswith("okpd2"):
            found = found[::max(1, len(found) // args.okpd2)][:args.okpd2]
        gold[name] = found
    matcher = Matcher(args.reference)
    runs = Runs(matcher, gold)
    everything = {n: set(range(len(g))) for n, g in gold.items()}
    print(f"sets: {', '.join(f'{n} {len(g)}' for n, g in gold.items())}; rows fitted: {', '.join(rows)}")

    held_now: dict[str, list[float]] = {n: [] for n in SETS}
    held_fit: dict[str, list[float]] = {n: [] for n in SETS}
    for fold in range(args.folds):
        test = {n: {i for i, g in enumerate(gold[n]) if fold_of(g.text, args.folds) == fold} for n in SETS}
        train = {n: everything[n] - test[n] for n in SETS}
        fitted = search(runs, table, rows, train, min_gain=args.min_gain)
        now, fit = runs(table), runs(fitted)
        said = "; ".join(f"{r} {get(table, r)}→{get(fitted, r)}" for r in rows if get(fitted, r) != get(table, r))
        print(f"fold {fold + 1}/{args.folds}: fitted {said or 'nothing changed'}")
        for n in SETS:
            a, b = objective({n: now[n]}, {n: test[n]}), objective({n: fit[n]}, {n: test[n]})
            held_now[n].append(a)
            held_fit[n].append(b)
            print(f"    held out {n:20s} n={len(test[n]):4d}  hit@1 table {a:.3f}  fitted {b:.3f}")
    print("held-out hit@1, mean of folds (table → fitted):")
    for n in SETS:
        print(f"    {n:20s} {statistics.fmean(held_now[n]):.3f} → {statistics.fmean(held_fit[n]):.3f}")

    final = search(runs, table, rows, everything, min_gain=args.min_gain)
    print("fitted on all rows (what the table should say):")
    for r in rows:
        print(f"    {r} = {get(final, r)}" + ("" if get(final, r) == get(table, r) else f"   (table: {get(table, r)})"))

    # the auto threshold, chosen on some folds and checked on the others
    hits = runs(final)
    if args.auto_margin is not None:
        final = replace(final, auto_margin=args.auto_margin)
    print(f"auto_score (auto right ≥ {AUTO_PRECISION:.0%} on every set, auto_margin {final.auto_margin}; "
          f"table: {final.auto_score}), chosen on the other folds:")
    for fold in range(args.folds):
        test = {n: {i for i, g in enumerate(gold[n]) if fold_of(g.text, args.folds) == fold} for n in SETS}
        train = {n: everything[n] - test[n] for n in SETS}
        threshold = auto_threshold(hits, train, final.auto_margin)
        parts = []
        for n in SETS:
            chosen = [hits[n][i][0] for i in test[n]
                      if threshold is not None and is_auto(hits[n][i], threshold, final.auto_margin)]
            parts.append(f"{n} {sum(chosen)}/{len(chosen)}")
        print(f"    fold {fold + 1}: threshold {threshold}; right among those above it, held out: {', '.join(parts)}")
    print("reliability (all rows, fitted table): first candidate's score → share right")
    bands = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.72), (0.72, 0.85), (0.85, 1.01)]
    for low, high in bands:
        got = [h for n in SETS for h, s, _, _ in hits[n] if low <= s < high]
        print(f"    {low:.2f}–{min(high, 1):.2f}  n={len(got):5d}  right {sum(got) / len(got) if got else 0:.3f}")


if __name__ == "__main__":
    main()
