"""Where the files that ship with okved-mapper live.

In a source checkout (and an editable install) they are the top-level ``reference/``, ``input/`` and
``metadata.yml``; a built wheel carries copies of them under ``mapper/_bundled/``. The top-level files
are the source of truth: the wheel build copies them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_path(relative: str) -> Path:
    """Path of a bundled file, e.g. ``bundled_path("reference/okved2.csv")``."""
    for root in (_PACKAGE / "_bundled", _PACKAGE.parent):
        candidate = root / relative
        if candidate.exists():
            return candidate
    return _PACKAGE.parent / relative


def default_reference_path() -> Path:
    return bundled_path("reference/okved2.csv")


def default_document_path() -> Path:
    return bundled_path("input/cluster-specialization.txt")
