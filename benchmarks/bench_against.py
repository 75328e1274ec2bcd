"""This checkout's matcher against another checkout's, in one run: before/after speed of a change.

    git worktree add /tmp/before <commit>
    python benchmarks/bench_against.py /tmp/before [GOLD.csv] [--queries 1500] [--rounds 12]

Each checkout's matcher lives in a worker process of its own (the two trees both call their package
``mapper``). Both build their matcher, match every query once to warm up, then take turns: one round
is every query once in each, timed in CPU seconds of the worker. A busy or throttled machine slows
both within a round, so the median of the rounds' ratios is the figure to read; the medians of each
side and the range of ratios are printed beside it. Outputs are compared too: the two must agree on
every query (``--top 5``, JSON), or the speed says nothing about the same work.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKER = r"""
import csv, hashlib, json, sys, time
sys.path.insert(0, sys.argv[1])
from mapper.matcher import Matcher
with open(sys.argv[2], encoding="utf-8-sig", newline="") as handle:
    texts = [row["text"] for row in csv.DictReader(handle)][:int(sys.argv[3])]
matcher = Matcher()
results = matcher.match_many(texts, k=5)
digest = hashlib.sha256("".join(json.dumps(r.to_json(), ensure_ascii=False) for r in results).encode()).hexdigest()
print(json.dumps({"digest": digest}), flush=True)
for _ in sys.stdin:
    start = time.process_time()
    matcher.match_many(texts, k=5)
    print(json.dumps({"ms": 1000 * (time.process_time() - start) / len(texts)}), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (e.g. a git worktree of an earlier commit)")
    parser.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "okpd2-products-dev.csv"))
    parser.add_argument("--queries", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()

    sides = {"other": args.other.resolve(), "this": ROOT}
    workers = {name: subprocess.Popen([sys.executable, "-c", WORKER, str(path), args.gold, str(args.queries)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for name, path in sides.items()}
    digests = {name: json.loads(w.stdout.readline())["digest"] for name, w in workers.items()}
    same = digests["other"] == digests["this"]
    print(f"{args.queries} queries of {args.gold}; outputs {'identical' if same else 'DIFFER'} (top 5, JSON)")
    times: dict[str, list[float]] = {name: [] for name in workers}
    ratios = []
    for _ in range(args.rounds):
        for name, worker in workers.items():
            worker.stdin.write("\n")
            worker.stdin.flush()
            times[name].append(json.loads(worker.stdout.readline())["ms"])
        ratios.append(times["this"][-1] / times["other"][-1])
    for worker in workers.values():
        worker.stdin.close()
        worker.wait()
    for name, path in sides.items():
        print(f"{name:>5} ({path}): median {statistics.median(times[name]):.3f} ms a query (CPU), "
              f"rounds {min(times[name]):.3f}–{max(times[name]):.3f}")
    print(f"this/other: median {statistics.median(ratios):.3f} of {len(ratios)} rounds "
          f"(range {min(ratios):.3f}–{max(ratios):.3f}); below 1 is faster")


if __name__ == "__main__":
    main()
