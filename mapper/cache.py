"""The built matcher, kept on disk between runs.

Building a :class:`~mapper.matcher.Matcher` analyses every official name and note — with the notes
borrowed from ОКЭД about six seconds; loading the one built before takes about one. A saved matcher is
used only when everything it was built from is byte-identical: the reference file, the bundled
``reference/`` data (language files, borrowed notes), the code of ``mapper/`` and its packages, and
the versions of Python and pymorphy3 with its dictionary. The key is a SHA-256 over all of them:

>>> key = cache_key(None, use_notes=True, borrow_notes=True)
>>> len(key)
64

The cache lives in ``$OKVED_MAPPER_CACHE`` or else ``~/.cache/okved-mapper``; deleting it is always
safe. A cache that cannot be read or written is ignored: the matcher is then built as before.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .bundled import bundled_path
from .matcher import Matcher
from .reference import atomic_write, resolve_reference_path

ENV_CACHE = "OKVED_MAPPER_CACHE"
KEEP = 4  # saved matchers kept; older ones are removed


def cache_dir() -> Path:
    chosen = os.environ.get(ENV_CACHE)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "okved-mapper"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def cache_key(reference_path: str | Path | None, *, use_notes: bool, borrow_notes: bool) -> str:
    """What a saved matcher was built from, as one SHA-256 (see the module docstring)."""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parent
    reference = resolve_reference_path(reference_path).resolve()
    digest.update(str(reference).encode() + b"\0")  # the matcher keeps its reference's path
    files = [reference, *sorted(bundled_path("reference").iterdir()), *sorted(code.rglob("*.py"))]
    for path in files:
        digest.update(str(path.relative_to(code) if path.is_relative_to(code) else path.name).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for part in (sys.version, _version("pymorphy3"), _version("pymorphy3-dicts-ru"),
                 f"notes={use_notes}", f"borrow={borrow_notes}"):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _saved_path(reference_path: str | Path | None, use_notes: bool, borrow_notes: bool) -> Path:
    key = cache_key(reference_path, use_notes=use_notes, borrow_notes=borrow_notes)
    return cache_dir() / f"matcher-{key[:32]}.pickle"


def is_saved(reference_path: str | Path | None = None, *, use_notes: bool = True, borrow_notes: bool = True) -> bool:
    """Whether a matcher for these inputs was saved before (loading it is quick; building is not)."""
    try:
        return _saved_path(reference_path, use_notes, borrow_notes).is_file()
    except OSError:
        return False


def load_matcher(reference_path: str | Path | None = None, *, use_notes: bool = True,
                 borrow_notes: bool = True) -> Matcher:
    """The matcher for ``reference_path`` (default: the reference in use): loaded from the cache when
    one was saved from the same inputs, else built and saved there."""
    try:
        path = _saved_path(reference_path, use_notes, borrow_notes)
    except OSError:  # an unreadable reference: building says what is wrong with it
        return Matcher(reference_path, use_notes=use_notes, borrow_notes=borrow_notes)
    try:
        with open(path, "rb") as handle:
            saved = pickle.load(handle)
        if isinstance(saved, Matcher):
            return saved
    except Exception:  # noqa: BLE001 - absent, partial or from another build: build anew
        pass
    matcher = Matcher(reference_path, use_notes=use_notes, borrow_notes=borrow_notes)
    try:
        atomic_write(path, pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))
        for old in sorted(path.parent.glob("matcher-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return matcher


def will_build(reference_path: str | None = None, use_notes: bool = True, borrow_notes: bool = True) -> bool:
    """Whether :func:`cached_matcher` builds the matcher for these inputs, which takes seconds: this process
    has none yet and none was saved — not when an older one saved was removed since it was loaded."""
    return (reference_path, use_notes, borrow_notes) not in _held \
        and not is_saved(reference_path, use_notes=use_notes, borrow_notes=borrow_notes)


_held: set[tuple[str | None, bool, bool]] = set()  # the inputs of the matchers cached_matcher holds


@lru_cache(maxsize=4)
def cached_matcher(reference_path: str | None = None, use_notes: bool = True, borrow_notes: bool = True) -> Matcher:
    """One matcher per reference file per process (the Datasette plugin and the CLI share it), loaded
    from the on-disk cache when it was built before from the same inputs.

    It lives as long as the process, so the cyclic garbage collector is told to stop walking it
    (:func:`gc.freeze`): some 350,000 objects that every full collection would otherwise visit while
    queries are matched, and whose pages workers forked for ``--jobs`` then share with the parent
    instead of copying them."""
    matcher = load_matcher(reference_path, use_notes=use_notes, borrow_notes=borrow_notes)
    _held.add((reference_path, use_notes, borrow_notes))
    gc.collect()  # what is garbage now is not kept for good
    gc.freeze()
    return matcher
