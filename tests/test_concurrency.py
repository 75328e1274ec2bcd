"""Concurrent reviewers lose nothing: real processes write decisions into one reviews file at once —
two command-line writers, and a command-line writer beside the web form of ``serve --review``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import sqlite_utils

from mapper.review import ReviewStore

from .test_datasette import start_server, stop
from .test_review import _post_fix, sign_in, with_reviewer, workspace  # noqa: F401  (a fixture)

WRITER = textwrap.dedent("""
    import sys
    from mapper.review import ReviewStore
    store, name, count = ReviewStore(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(count):
        store.record(f"Вид деятельности {name} номер {i}", "ОТРАСЛЬ " + name, "25.61", action="set", reviewer=name)
""")


def writer(reviews, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(reviews), name, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finished(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output


def test_three_command_line_writers_at_once_lose_nothing(tmp_path):
    reviews = tmp_path / "reviews.db"
    processes = [writer(reviews, name, 80) for name in ("иванова", "петров", "сидоров")]
    for process in processes:
        finished(process)
    stored = ReviewStore(reviews).all()
    assert len(stored) == 240
    assert {r.reviewer for r in stored} == {"иванова", "петров", "сидоров"}
    assert sqlite_utils.Database(reviews).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_the_web_form_and_the_command_line_write_at_once(workspace, tmp_path):  # noqa: F811
    document, db, reviews = workspace
    activities = sorted({(r["activity"], r["sector"]) for r in sqlite_utils.Database(db).query(
        "select activity, sector from activity_codes")})[:25]
    with_reviewer()
    process, base = start_server(["--db", str(db), "--review", "--reviews", str(reviews)], tmp_path)
    try:
        opener = sign_in(base)
        statuses = []

        def web():
            for activity, sector in activities:
                statuses.append(_post_fix(opener, base, {"activity": activity, "sector": sector, "code": "62.01",
                                                         "note": "через сайт"}))

        command_line = writer(reviews, "командная строка", 150)
        thread = threading.Thread(target=web)
        thread.start()
        thread.join(timeout=300)
        finished(command_line)
    finally:
        stop(process)
    assert set(statuses) <= {200, 302}
    stored = ReviewStore(reviews).all()
    by_web = [r for r in stored if r.note == "через сайт"]
    assert {(r.text, r.sector) for r in by_web} == set(activities)
    assert len(stored) - len(by_web) == 150


READER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("begin")
    conn.execute("select count(*) from reviews").fetchone()
    print("reading", flush=True)
    time.sleep(float(sys.argv[2]))  # a slow page or export that holds its read open
    conn.execute("commit")
""")


def test_a_slow_reader_does_not_make_a_writer_fail(tmp_path):
    reviews = tmp_path / "reviews.db"
    ReviewStore(reviews).save([])
    reader = subprocess.Popen([sys.executable, "-c", READER, str(reviews), "8"], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "reading"
    process = writer(reviews, "иванова", 20)
    finished(process)
    assert reader.poll() is None  # the writer did not wait for the reader
    reader.wait(timeout=30)
    assert len(ReviewStore(reviews).all()) == 20
