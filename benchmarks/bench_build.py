"""Wall time of a cold `okved-mapper build` of the bundled document, and of the «Подобрать код» query
through a real Datasette server on loopback.

    python benchmarks/bench_build.py [--runs 5] [--requests 50]

A cold build is a new process each time (imports, reference, matcher index, parsing, matching,
writing, atomic replace). Query times are measured from the client, per request, after one warm-up.
Medians, with the minimum and maximum, since the machine is shared.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

QUERIES = ["Изготовление мебели для офисов", "Ремонт легковых автомобилей", "Выпечка хлеба", "Пошив верхней одежды",
           "Грузоперевозки автотранспортом", "Разработка сайтов", "Производство колбас", "Литьё металлов"]


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f}, n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=48)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "okved.db"
        builds = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mapper.cli", "build", "--db", str(db)], check=True,
                           capture_output=True, cwd=tmp)
            builds.append(time.perf_counter() - start)
        print(f"cold build of the bundled document: {summary(builds)}")

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "mapper.cli", "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
        base = f"http://127.0.0.1:{port}"
        try:
            started = time.perf_counter()
            while True:
                try:
                    urllib.request.urlopen(f"{base}/-/versions.json", timeout=1).read()
                    break
                except OSError:
                    if time.perf_counter() - started > 60:
                        raise SystemExit("datasette did not start")
                    time.sleep(0.2)
            print(f"server ready after {time.perf_counter() - started:.2f} s")
            timings = []
            for n in range(args.requests + 1):
                text = QUERIES[n % len(QUERIES)]
                url = f"{base}/okved/suggest_code.json?" + urllib.parse.urlencode({"text": text})
                start = time.perf_counter()
                urllib.request.urlopen(url, timeout=30).read()
                if n:  # the first request is the warm-up
                    timings.append(time.perf_counter() - start)
            print(f"«Подобрать код» through the server: {summary(timings)}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
