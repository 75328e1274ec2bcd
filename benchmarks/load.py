"""A bounded load test of the published site on loopback: each page alone (median of 20), then N clients
at once for S seconds over a fixed list of pages.

    python benchmarks/load.py [--clients 20] [--seconds 30] [--db PATH] [--alone 20] [--cache both|on|off]

Without ``--db`` it builds the bundled document into a temporary folder. The server is
`okved-mapper serve` (one Datasette process, as users run it); the clients are threads of this
process, each with its own connection, requesting the pages in turn from a different starting point.
Prints per page its latency alone — the first request, which Datasette renders, and the median of the
next ones — and for the load: requests per second, p50/p95/p99 and errors, in all and per page. It
runs the server twice, with the page cache of the published database off (``OKVED_PAGE_CACHE=0``:
every request rendered) and on, as users get it. Targets (issue 20): every page < 50 ms alone; under
20 clients p95 < 1 s, 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

TABLES = ["activity_codes", "activities", "candidates", "sectors", "sector_codes", "registry_codes", "documents",
          "okved", "reference_edition"]
PAGES = ["/", "/okved"] + [f"/okved/{t}" for t in TABLES] + [
    "/okved/codes_by_sector?" + urllib.parse.urlencode({"sector": "МЕТАЛЛООБРАБОТКА"}),
    "/okved/needs_review", "/okved/suspicious", "/okved/registry_selection",
    "/okved/search_okved?" + urllib.parse.urlencode({"q": "ремонт тракторов"}),
    "/okved/suggest_code?" + urllib.parse.urlencode({"text": "Изготовление мебели для офисов"}),
    "/okved/okved?" + urllib.parse.urlencode({"_search": "металл"}),
    "/okved/okved/25~2E61", "/okved/activity_codes/1", "/okved/activities/1", "/okved/sectors/1",
    "/okved/activity_codes.json?_shape=array&_size=100",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: Path, port: int, folder: Path, cache: bool) -> subprocess.Popen:
    env = {**os.environ, "OKVED_PAGE_CACHE": "1" if cache else "0"}
    server = subprocess.Popen([sys.executable, "-m", "mapper.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            get(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "/-/versions.json")
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("datasette did not start in 90 s")


def get(conn: http.client.HTTPConnection, path: str) -> int:
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status


def alone(port: int, rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """Per page: the first request's time, and the median of the next ``rounds``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    first, out = {}, {}
    for page in PAGES:
        started = time.perf_counter()
        get(conn, page)
        first[page] = time.perf_counter() - started
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            status = get(conn, page)
            times.append(time.perf_counter() - started)
            if status != 200:
                raise SystemExit(f"{page}: HTTP {status}")
        out[page] = statistics.median(times)
    return first, out


def load(port: int, clients: int, seconds: float) -> tuple[list[tuple[str, float, bool]], float]:
    results: list[tuple[str, float, bool]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        i = n
        while time.monotonic() < stop_at:
            page = PAGES[i % len(PAGES)]
            i += 1
            started = time.perf_counter()
            try:
                ok = get(conn, page) == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((page, time.perf_counter() - started, ok))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def report(title: str, first: dict, single: dict, results: list, elapsed: float, clients: int) -> None:
    times = [t for _, t, _ in results]
    errors = sum(not ok for _, _, ok in results)
    print(f"\n{title}")
    print(f"{'page':<62} {'first ms':>9} {'alone ms':>9} {'load p50':>9} {'load p95':>9}")
    for page in PAGES:
        mine = [t for p, t, _ in results if p == page]
        print(f"{page[:62]:<62} {first[page] * 1000:>9.1f} {single[page] * 1000:>9.1f} "
              f"{percentile(mine, 0.5) * 1000:>9.0f} {percentile(mine, 0.95) * 1000:>9.0f}")
    slowest = max(single, key=single.get)
    print(f"alone: slowest {slowest} {single[slowest] * 1000:.1f} ms; pages over 50 ms: "
          f"{sum(v > 0.05 for v in single.values())} of {len(single)}; first requests over 50 ms: "
          f"{sum(v > 0.05 for v in first.values())}")
    print(f"load: {clients} clients, {elapsed:.0f} s: {len(results) / elapsed:.1f} req/s, "
          f"p50 {percentile(times, 0.5) * 1000:.0f} ms, p95 {percentile(times, 0.95) * 1000:.0f} ms, "
          f"p99 {percentile(times, 0.99) * 1000:.0f} ms, errors {errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--alone", type=int, default=20, help="requests per page for one user alone")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--cache", choices=["both", "on", "off"], default="both")
    args = parser.parse_args()
    modes = {"both": [False, True], "on": [True], "off": [False]}[args.cache]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db.resolve() if args.db else folder / "okved.db"
        if not args.db:
            subprocess.run([sys.executable, "-m", "mapper.cli", "build", "--db", str(db)], check=True,
                           capture_output=True, cwd=folder)
        for cache in modes:
            port = free_port()
            server = start(db, port, folder, cache)
            try:
                first, single = alone(port, args.alone)
                results, elapsed = load(port, args.clients, args.seconds)
            finally:
                server.terminate()
                server.wait(timeout=10)
            report("page cache on" if cache else "page cache off (every page rendered)", first, single, results,
                   elapsed, args.clients)


if __name__ == "__main__":
    main()
