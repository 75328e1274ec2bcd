"""Build time and peak memory of `okved-mapper build` on large documents: the time per line must stay
flat from 10k to 500k lines (linear time), memory bounded.

    python benchmarks/bench_big.py [--sizes 10000 100000 500000] [--distinct 0.02]

Each document repeats the bundled document's sector headings and activities until it has the number
of lines asked for, like a register pasted together from many cluster documents; ``--distinct`` is the
share of activity lines made unique by a trailing qualifier («… (участок 17)»), so that matching has real
work too. Every size is one cold `build` process (imports, reference, matcher from its cache, parsing,
matching, writing, atomic replace); its peak RSS is read from the kernel. The smallest size is the
baseline of the run: the ratio column is time per line against it.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.bundled import default_document_path  # noqa: E402
from mapper.document import parse_document  # noqa: E402


def make_document(path: Path, lines: int, distinct: float) -> None:
    doc = parse_document(default_document_path())
    by_sector = doc.by_sector()
    block = []
    for sector in doc.sectors:
        block.append(sector.name)
        block += [a.text for a in by_sector.get(sector.name, ())]
    step = round(1 / distinct) if distinct else 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            line = block[n % len(block)]
            if step and n % step == 0 and not line.isupper():
                line = f"{line} (участок {n})"
            out.write(line + "\n")


def build(document: Path, db: Path) -> tuple[float, float]:
    """Seconds and the peak RSS in MB of one build process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "mapper.cli", "build", str(document), "--db", str(db)],
                         capture_output=True, text=True, cwd=db.parent)
    seconds = time.perf_counter() - start
    if run.returncode:
        raise SystemExit(run.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 500_000])
    parser.add_argument("--distinct", type=float, default=0.02)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(default_document_path(), tmp / "warm.db")  # the matcher's cache, once
        print(f"{'lines':>8} {'seconds':>8} {'µs/line':>8} {'ratio':>6} {'peak MB':>8}")
        baseline = None
        for size in sorted(args.sizes):
            document = tmp / f"doc-{size}.txt"
            make_document(document, size, args.distinct)
            seconds, peak = build(document, tmp / f"okved-{size}.db")
            per_line = seconds / size * 1e6
            baseline = baseline or per_line
            print(f"{size:>8} {seconds:>8.1f} {per_line:>8.1f} {per_line / baseline:>6.2f} {peak:>8.0f}", flush=True)
            document.unlink()


if __name__ == "__main__":
    main()
