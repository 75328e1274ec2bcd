"""`match --file --jobs N`: how it scales with workers, and that memory stays flat in the list's length.

    python benchmarks/bench_jobs.py [--eval-dir DIR] [--jobs 1,2,4] [--repeat 3] [--lines 10000,100000]

Part 1: the OKPD 2 development set's 8,872 product names through the command line with 1, 2 and 4
workers, median of ``--repeat`` runs each, taking turns; seconds, queries a second, the speed-up over one
worker, and whether the output is byte-identical to one worker's.
Part 2: lists of ``--lines`` lines (the set's names over and over) with the default workers: seconds and
the peak memory of the largest process — flat when answers are written as they come.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], out: Path) -> tuple[float, int]:
    """Seconds and peak RSS (kB, of the largest process: /usr/bin/time's «Maximum resident set size»)."""
    env = {**os.environ, "OKVED_REVIEWS": str(out.parent / "no-reviews.db")}
    started = time.perf_counter()
    with out.open("wb") as handle:
        done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "mapper.cli", *args], stdout=handle,
                              stderr=subprocess.PIPE, env=env, cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    rss = next((int(line.split(":")[1]) for line in done.stderr.decode().splitlines()
                if "Maximum resident set size" in line), 0)
    return seconds, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--jobs", default="1,2,4")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lines", default="10000,100000")
    args = parser.parse_args()
    with open(Path(args.eval_dir) / "okpd2-products-dev.csv", encoding="utf-8-sig", newline="") as handle:
        names = [row["text"] for row in csv.DictReader(handle)]
    with tempfile.TemporaryDirectory(prefix="okved-jobs-") as scratch:
        scratch = Path(scratch)
        queries = scratch / "okpd2.txt"
        queries.write_text("\n".join(names) + "\n", encoding="utf-8")
        run(["match", "--file", str(queries), "--jobs", "1"], scratch / "warm.jsonl")  # the index on disk
        jobs = [int(j) for j in args.jobs.split(",")]
        times: dict[int, list[float]] = {j: [] for j in jobs}
        for _ in range(args.repeat):
            for j in jobs:  # taking turns: a noisy moment falls on every variant alike
                times[j].append(run(["match", "--file", str(queries), "--jobs", str(j)], scratch / f"out-{j}.jsonl")[0])
        reference = (scratch / f"out-{jobs[0]}.jsonl").read_bytes()
        base = statistics.median(times[jobs[0]])
        print(f"{len(names)} OKPD 2 names, {os.cpu_count()} cores, median of {args.repeat} (start-up included)")
        for j in jobs:
            median = statistics.median(times[j])
            same = (scratch / f"out-{j}.jsonl").read_bytes() == reference
            print(f"  --jobs {j}: {median:6.2f} s  {len(names) / median:7.0f} q/s  ×{base / median:.2f}  "
                  f"{'identical' if same else 'DIFFERENT'} output")
        print("long lists (the names over and over), default workers:")
        for count in (int(n) for n in args.lines.split(",")):
            big = scratch / f"list-{count}.txt"
            with big.open("w", encoding="utf-8") as handle:
                for n in range(count):
                    handle.write(names[n % len(names)] + "\n")
            seconds, rss = run(["match", "--file", str(big), "--top", "1"], scratch / "big.jsonl")
            print(f"  {count:>8} lines: {seconds:7.1f} s  peak RSS {rss / 1024:6.0f} MB")


if __name__ == "__main__":
    main()
