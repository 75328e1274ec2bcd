"""Snapshot the matcher's outputs, and compare two snapshots byte for byte.

    python benchmarks/compare_outputs.py snapshot DIR [--eval DIR] [--reference PATH ...]
    python benchmarks/compare_outputs.py diff BEFORE AFTER

``snapshot`` runs what a user runs, through the command line: ``okved-mapper match --file … --format
jsonl --top 5`` on the text column of every labelled set in ``../shared/eval/`` beside the checkout,
and ``okved-mapper build`` of the bundled document, whose ``activity_codes`` table it dumps as JSON
lines (without ``built_at``, the one column that changes from run to run). It does so with the
bundled reference and with every ``--reference`` given (default: the Rosstat releases in
``../shared/reference/``, if present). ``diff`` compares two snapshot folders file by file and prints
the first differing lines; it exits 1 when anything differs.

A refactoring of the matcher that should change no result: snapshot before, snapshot after, diff.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VOLATILE = {"built_at"}


def _cli(*args: str, env: dict[str, str]) -> str:
    command = [sys.executable, "-c", "from mapper.cli import cli; cli()", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:3])}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [" ".join(row["text"].split()) for row in csv.DictReader(handle)]


def _dump_activity_codes(db_path: Path) -> str:
    connection = sqlite3.connect(db_path)
    try:
        cursor = connection.execute("select * from activity_codes order by rowid")
        columns = [d[0] for d in cursor.description]
        return "".join(json.dumps({c: v for c, v in zip(columns, row) if c not in VOLATILE}, ensure_ascii=False)
                       + "\n" for row in cursor)
    finally:
        connection.close()


def snapshot(out: Path, eval_dir: Path, references: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sets = sorted(eval_dir.glob("*.csv"))
    with tempfile.TemporaryDirectory(prefix="okved-compare-") as scratch:
        env = {**os.environ, "OKVED_REVIEWS": str(Path(scratch) / "no-reviews.db")}
        for label, reference in [("bundled", None), *((Path(r).stem, r) for r in references)]:
            options = ["--reference", reference] if reference else []
            for gold in sets:
                queries = Path(scratch) / f"{gold.stem}.txt"
                queries.write_text("\n".join(_texts(gold)) + "\n", encoding="utf-8")
                text = _cli(*options, "match", "--file", str(queries), "--format", "jsonl", "--top", "5", env=env)
                (out / f"{label}--{gold.stem}.jsonl").write_text(text, encoding="utf-8")
                print(f"{label}: {gold.stem}: {text.count(chr(10))} lines")
            db = Path(scratch) / f"{label}.db"
            _cli(*options, "build", "--db", str(db), env=env)
            (out / f"{label}--activity_codes.jsonl").write_text(_dump_activity_codes(db), encoding="utf-8")
            print(f"{label}: activity_codes written")


def diff(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.jsonl")} | {p.name for p in after.glob("*.jsonl")})
    differing = 0
    for name in names:
        a, b = before / name, after / name
        if not (a.exists() and b.exists()):
            print(f"{name}: only in {'before' if a.exists() else 'after'}")
            differing += 1
            continue
        left, right = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
        changed = [i for i, (x, y) in enumerate(zip(left, right)) if x != y]
        if len(left) != len(right) or changed:
            differing += 1
            print(f"{name}: {len(changed)} of {len(left)} lines differ ({len(right)} after)")
            for i in changed[:3]:
                print(f"  line {i + 1}\n  - {left[i][:400]}\n  + {right[i][:400]}")
        else:
            print(f"{name}: identical ({len(left)} lines)")
    print("identical" if not differing else f"{differing} file(s) differ")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot")
    take.add_argument("out", type=Path)
    take.add_argument("--eval", type=Path, default=SHARED / "eval")
    take.add_argument("--reference", action="append", default=None)
    compare = commands.add_parser("diff")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "diff":
        raise SystemExit(diff(args.before, args.after))
    references = args.reference if args.reference is not None else \
        [str(p) for p in sorted((SHARED / "reference").glob("okved2-*.json")) if not p.name.endswith(".meta.json")]
    snapshot(args.out, args.eval, references)


if __name__ == "__main__":
    main()
