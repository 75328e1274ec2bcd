"""Throughput, peak memory and accuracy of the matcher against a naive baseline, in one run.

    python benchmarks/bench_matcher.py [GOLD.csv] [--reference PATH] [--baseline-sample N]

GOLD defaults to the OKPD 2 dev set in ``../shared/eval/`` beside the checkout. The baseline is what
one would write first: lemmatise every official name once, then for each query take rapidfuzz's
``process.extractOne`` over all of them — twice, with its default scorer ``WRatio`` and with the faster
``token_set_ratio``. Both pay for lemmatising their
queries from a cold cache. Each round runs the matcher on every query, then the baseline on its
sample, so that both meet the same load of a busy machine; figures are medians over the rounds, and
the ratio — the median of the rounds' ratios, with their range — is what to compare across machines.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.evaluate import is_right, read_gold  # noqa: E402
from mapper.lemmas import Analyzer, lemma  # noqa: E402
from mapper.matcher import Matcher  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_matcher(matcher: Matcher, texts: list[str]) -> tuple[float, list]:
    lemma.cache_clear()
    matcher.analyzer._term_cache.clear()
    start = time.perf_counter()
    results = matcher.match_many(texts, k=3)
    return time.perf_counter() - start, results


def run_baseline(names: list[str], codes: list[str], texts: list[str], scorer=None) -> tuple[float, list[str]]:
    from rapidfuzz import fuzz, process

    analyzer = Analyzer()
    lemma.cache_clear()
    start = time.perf_counter()
    out = []
    for text in texts:
        query = " ".join(w for w, *_ in analyzer.lemmas(text))
        found = process.extractOne(query, names, scorer=scorer or fuzz.WRatio)
        out.append(codes[found[2]] if found else "")
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "okpd2-products-dev.csv"))
    parser.add_argument("--reference", default=None)
    parser.add_argument("--baseline-sample", type=int, default=0,
                        help="run the (slow) baseline on every N-th query only; 0 = all")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both runs (medians are reported)")
    args = parser.parse_args()

    rows = read_gold(args.gold)
    texts = [r.text for r in rows]
    print(f"gold: {args.gold} ({len(rows)} queries)")
    rss0 = peak_rss_mb()

    start = time.perf_counter()
    matcher = Matcher(args.reference)
    build = time.perf_counter() - start
    print(f"reference: {matcher.reference.edition.edition} ({len(matcher.reference)} codes, "
          f"{matcher.reference.edition.with_notes} with notes, {len(matcher.borrowed_codes)} read with notes borrowed "
          f"from ОКЭД); matcher built in {build:.2f} s")

    base = [(c.code, " ".join(w for w, *_ in Analyzer().lemmas(c.name))) for c in matcher.reference
            if c.level != "section"]
    sample_rows = rows[::args.baseline_sample or 1]
    from rapidfuzz import fuzz

    scorers = {"WRatio": fuzz.WRatio, "token_set_ratio": fuzz.token_set_ratio}
    times: list[float] = []
    base_times: dict[str, list[float]] = {name: [] for name in scorers}
    ratios: dict[str, list[float]] = {name: [] for name in scorers}
    codes: dict[str, list[str]] = {}
    for _ in range(max(1, args.repeat)):
        gc.collect()
        elapsed, results = run_matcher(matcher, texts)
        times.append(elapsed)
        for name, scorer in scorers.items():
            base_elapsed, codes[name] = run_baseline([n for _, n in base], [c for c, _ in base],
                                                     [r.text for r in sample_rows], scorer)
            base_times[name].append(base_elapsed)
            ratios[name].append((len(texts) / elapsed) / (len(sample_rows) / base_elapsed))
    matcher_time = statistics.median(times)
    hit1 = sum(bool(m.candidates) and is_right(m.candidates[0].code, r.acceptable, r.scoring)
               for r, m in zip(rows, results)) / len(rows)
    hit3 = sum(any(is_right(c.code, r.acceptable, r.scoring) for c in m.candidates[:3])
               for r, m in zip(rows, results)) / len(rows)
    qps = len(texts) / matcher_time
    print(f"matcher:  {matcher_time:.2f} s for {len(texts)} queries (median of {len(times)}), {qps:,.0f} queries/s, "
          f"{1000 * matcher_time / len(texts):.2f} ms/query; hit@1 {hit1:.3f}, hit@3 {hit3:.3f}")
    print(f"peak memory of the run (matcher and baselines): {peak_rss_mb():.0f} MB (process start {rss0:.0f} MB)")
    for name in scorers:
        base_time = statistics.median(base_times[name])
        base_hit1 = sum(is_right(c, r.acceptable, r.scoring) for r, c in zip(sample_rows, codes[name])) / len(sample_rows)
        print(f"baseline extractOne+{name}: {base_time:.2f} s for {len(sample_rows)} queries (median of "
              f"{len(base_times[name])}), {len(sample_rows) / base_time:,.0f} queries/s, "
              f"{1000 * base_time / len(sample_rows):.2f} ms/query; hit@1 {base_hit1:.3f}")
        print(f"  throughput ratio matcher/baseline: {statistics.median(ratios[name]):.1f}x "
              f"(median of {len(ratios[name])} rounds; {min(ratios[name]):.1f}x–{max(ratios[name]):.1f}x)")


if __name__ == "__main__":
    main()
