"""A registry-sized list on Dask against the same list through ``match --jobs``, in one run.

    python benchmarks/bench_dask.py [--lines 100000] [--workers 2] [--eval-dir DIR]

The list is synthetic: the OKPD 2 development set's product names with the variations registries have
(case, «ё», a qualifier such as «оптом» or «собственного производства», a trailing region), so that
lines rarely repeat and no answer comes from a repeated line. It goes through

1. ``okved-mapper match --file LIST --jobs N`` (forked workers on this machine), and
2. ``okved-mapper match --file LIST --dask ADDRESS`` against a ``dask.distributed.LocalCluster`` of
   ``--workers`` processes started here (one thread each; each loads the matcher once),

each timed wall-clock with its peak memory: of the command (``/usr/bin/time``) and, for Dask, of every
worker process (``ru_maxrss``, read in the workers after the run). The two outputs are compared line by
line, whole.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_jobs import run  # noqa: E402

QUALIFIERS = ["", "", "", " оптом", " собственного производства", " (на заказ)", ", в ассортименте",
              " и прочее", " для населения", ", розница"]
PLACES = ["", "", "", " в Казани", " (Пермский край)", ", г. Тула", " — Новосибирская обл."]


def synthetic(names: list[str], count: int, seed: int = 1) -> list[str]:
    """``count`` lines: each a name with a registry's variations."""
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        text = rng.choice(names) + rng.choice(QUALIFIERS) + rng.choice(PLACES)
        kind = rng.random()
        if kind < 0.15:
            text = text.upper()
        elif kind < 0.3:
            text = text.lower().replace("е", "ё", 1)
        lines.append(text)
    return lines


def timed(args: list[str], out: Path) -> tuple[float, int]:
    """Seconds and peak RSS in MB of an ``okved-mapper`` command (:func:`bench_jobs.run`)."""
    seconds, rss = run(args, out)
    return seconds, rss // 1024


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from dask.distributed import Client, LocalCluster

    with open(Path(args.eval_dir) / "okpd2-products-dev.csv", encoding="utf-8-sig", newline="") as handle:
        names = [row["text"] for row in csv.DictReader(handle)]
    with tempfile.TemporaryDirectory(prefix="okved-dask-") as scratch:
        scratch = Path(scratch)
        lines = synthetic(names, args.lines)
        source = scratch / "list.txt"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{args.lines:,} lines ({len(set(lines)):,} distinct), {os.cpu_count()} cores")
        timed(["match", "Литье металлов"], scratch / "warm.txt")  # the matcher on disk for everyone

        seconds, rss = timed(["match", "--file", str(source), "--top", "1", "--jobs", str(args.workers)],
                             scratch / "jobs.jsonl")
        print(f"  match --jobs {args.workers}: {seconds:7.1f} s  {args.lines / seconds:6.0f} lines/s  "
              f"peak RSS {rss} MB")

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.run(lambda: 0)  # the workers are up
            seconds, rss = timed(["match", "--file", str(source), "--top", "1", "--dask", cluster.scheduler_address],
                                 scratch / "dask.jsonl")
            workers = sorted(client.run(_peak_rss_mb).values())
            print(f"  match --dask (LocalCluster, {args.workers} workers): {seconds:7.1f} s  "
                  f"{args.lines / seconds:6.0f} lines/s  peak RSS: command {rss} MB, workers "
                  f"{', '.join(f'{w} MB' for w in workers)}")
        jobs = (scratch / "jobs.jsonl").read_text(encoding="utf-8").splitlines()
        dask = (scratch / "dask.jsonl").read_text(encoding="utf-8").splitlines()
        differ = sum(a != b for a, b in zip(jobs, dask)) + abs(len(jobs) - len(dask))
        print(f"  outputs: {len(jobs):,} and {len(dask):,} lines; "
              + ("identical" if not differ else f"{differ} lines DIFFER"))


if __name__ == "__main__":
    main()
