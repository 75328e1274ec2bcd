"""Shared fixtures: paths to the shared data sets and small reference files the tests write."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The shared data folder (2026 release, eval sets) that lies beside the checkout, if present."""
    for candidate in (os.environ.get("OKVED_SHARED"), ROOT.parent / "shared"):
        if candidate and Path(candidate, "reference").is_dir():
            return Path(candidate)
    return None


SHARED = shared_dir()
REFERENCE_2026 = SHARED / "reference" / "okved2-rosstat-2026-10-01.json" if SHARED else None
needs_2026 = pytest.mark.skipif(REFERENCE_2026 is None or not REFERENCE_2026.exists(),
                                reason="the 2026 release is not beside the checkout")


@pytest.fixture(autouse=True)
def _no_reference_env(monkeypatch):
    monkeypatch.delenv("OKVED_REFERENCE", raising=False)


@pytest.fixture(autouse=True, scope="session")
def _matcher_cache_of_the_run(tmp_path_factory):
    """Saved matchers go to a folder of this run (servers started by tests inherit it), not the user's."""
    previous = os.environ.get("OKVED_MAPPER_CACHE")
    os.environ["OKVED_MAPPER_CACHE"] = str(tmp_path_factory.mktemp("matcher-cache"))
    yield
    if previous is None:
        os.environ.pop("OKVED_MAPPER_CACHE", None)
    else:
        os.environ["OKVED_MAPPER_CACHE"] = previous


@pytest.fixture
def http_root(tmp_path):
    """Serve ``tmp_path / "www"`` over loopback HTTP; yields (folder, base URL)."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield www, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def bundled_index(_matcher_cache_of_the_run):
    """The index of the bundled reference, built (or loaded) once for the run."""
    from mapper.cache import cached_matcher

    return cached_matcher().index


def small_reference(rows: list[str], header: str = "section,code,name"):
    """A reference of a few CSV rows: ``small_reference(["C,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА", "C,10,…"])``."""
    from mapper.reference import Edition, Reference, parse_reference

    return Reference(parse_reference((header + "\n" + "\n".join(rows)).encode()), Edition("test"))


@pytest.fixture(autouse=True)
def _no_reviews_env(monkeypatch, tmp_path):
    """No test reads the decisions or the reviewers of whoever runs it (db/reviews.db, db/reviewers.json of
    the checkout): files of its own."""
    monkeypatch.setenv("OKVED_REVIEWS", str(tmp_path / "no-reviews.db"))
    monkeypatch.setenv("OKVED_REVIEWERS", str(tmp_path / "reviewers.json"))
