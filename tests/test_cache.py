"""The built matcher saved on disk: used again only when nothing it was built from changed."""

from __future__ import annotations

import pytest

from mapper.cache import ENV_CACHE, cache_key, load_matcher
from mapper.matcher import Matcher

SMALL = ("section,code,name\nC,,ОБРАБАТЫВАЮЩИЕ ПРОИЗВОДСТВА\nC,14,Производство одежды\n"
         "C,14.1,\"Производство одежды, кроме одежды из меха\"\nC,14.11,Производство одежды из кожи\n"
         "C,14.2,Производство меховых изделий\nC,14.20,Производство меховых изделий\n")


@pytest.fixture
def small(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "cache"))
    path = tmp_path / "small.csv"
    path.write_text(SMALL, encoding="utf-8")
    return path


def _saved(small):
    return sorted((small.parent / "cache").glob("matcher-*.pickle"))


def test_a_matcher_is_saved_once_and_loaded_after(small):
    first = load_matcher(small)
    assert isinstance(first, Matcher) and len(_saved(small)) == 1
    saved = _saved(small)[0].stat().st_mtime_ns
    again = load_matcher(small)
    assert _saved(small)[0].stat().st_mtime_ns == saved  # read, not written again
    assert again.match("Шубы меховые").to_json() == first.match("Шубы меховые").to_json()


def test_a_changed_reference_is_built_anew(small):
    before = cache_key(small, use_notes=True, borrow_notes=True)
    load_matcher(small)
    small.write_text(SMALL + "C,14.19,Производство прочей одежды и аксессуаров одежды\n", encoding="utf-8")
    assert cache_key(small, use_notes=True, borrow_notes=True) != before
    assert load_matcher(small).reference.get("14.19") is not None
    assert len(_saved(small)) == 2
    assert cache_key(small, use_notes=True, borrow_notes=False) != cache_key(small, use_notes=True, borrow_notes=True)


def test_a_damaged_saved_matcher_is_rebuilt(small):
    load_matcher(small)
    _saved(small)[0].write_bytes(b"not a pickle")
    assert load_matcher(small).match("Шубы меховые").best.code == "14.2"


def test_an_unwritable_cache_only_costs_time(small, monkeypatch):
    blocker = small.parent / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(ENV_CACHE, str(blocker / "cache"))  # below a file: cannot be created
    assert load_matcher(small).match("Шубы меховые").best.code == "14.2"


def test_the_command_line_says_when_it_builds_the_index(small):
    from click.testing import CliRunner

    from mapper.cli import cli

    first = CliRunner().invoke(cli, ["--reference", str(small), "match", "Шубы меховые"])
    assert first.exit_code == 0 and "построение индекса сопоставителя" in first.output, first.output
    again = CliRunner().invoke(cli, ["--reference", str(small), "match", "Шубы меховые"])
    assert again.exit_code == 0 and "построение индекса сопоставителя" not in again.output
    assert "14.2" in again.output
    # … and not when the saved one was removed since (only four are kept) but this process holds it
    for saved in _saved(small):
        saved.unlink()
    held = CliRunner().invoke(cli, ["--reference", str(small), "match", "Шубы меховые"])
    assert held.exit_code == 0 and "построение индекса сопоставителя" not in held.output, held.output
