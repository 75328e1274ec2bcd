"""Measuring accuracy on labelled query sets (``text``, ``acceptable_codes``, optional ``scoring``).

A candidate is right when it is one of the acceptable codes (``exact`` scoring) or equals or lies
beneath one (``branch``); a code that differs from an acceptable one only by trailing zero levels is
the same grouping (24.2 for 24.20, 12 for 12.00).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MapperError
from .matcher import Match, Matcher
from .reference import strip_zero_levels

GROUPING_EXCLUDED = {"text", "acceptable_codes", "scoring", "okpd2_code"}


def is_right(candidate: str, acceptable: list[str], scoring: str = "exact") -> bool:
    """``is_right("24.2", ["24.20"])`` is True; ``is_right("22.29.1", ["22.2"], "branch")`` is True."""
    got = strip_zero_levels(candidate)
    for code in acceptable:
        if got == strip_zero_levels(code):
            return True
        if scoring == "branch" and candidate.replace(".", "").startswith(code.replace(".", "")):
            return True
    return False


def first_is_right(row: GoldRow, match: Match) -> bool:
    """Whether the first candidate is one of the row's acceptable codes (hit@1)."""
    return bool(match.candidates) and is_right(match.candidates[0].code, row.acceptable, row.scoring)


@dataclass(frozen=True, slots=True)
class GoldRow:
    text: str
    acceptable: list[str]
    scoring: str
    groups: dict[str, str] = field(default_factory=dict)


def read_gold(path: str | Path) -> list[GoldRow]:
    path = Path(path)
    if not path.is_file():
        raise MapperError(f"{path}: нет такого файла")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"text", "acceptable_codes"} <= set(reader.fieldnames):
            raise MapperError(f"{path}: нужны столбцы text и acceptable_codes")
        rows = []
        for row in reader:
            rows.append(GoldRow(row["text"], row["acceptable_codes"].split(), (row.get("scoring") or "exact").strip(),
                                {k: v for k, v in row.items() if k not in GROUPING_EXCLUDED and v is not None}))
    if not rows:
        raise MapperError(f"{path}: нет строк")
    return rows


@dataclass
class Tally:
    n: int = 0
    hit1: int = 0
    hit3: int = 0

    def add(self, h1: bool, h3: bool) -> None:
        self.n += 1
        self.hit1 += h1
        self.hit3 += h3

    def as_dict(self) -> dict:
        return {"n": self.n, "hit@1": round(self.hit1 / self.n, 4) if self.n else None,
                "hit@3": round(self.hit3 / self.n, 4) if self.n else None}


@dataclass
class Report:
    overall: Tally
    groups: dict[str, dict[str, Tally]]
    by_level: dict[str, Tally]
    by_status: dict[str, Tally]
    misses: list[tuple[GoldRow, Match]]
    by_score: dict[str, tuple[Tally, float]] = field(default_factory=dict)  # score band → tally, mean score

    def as_dict(self) -> dict:
        auto = self.by_status.get("auto", Tally())
        exact = self.by_status.get("exact", Tally())
        confident = Tally(auto.n + exact.n, auto.hit1 + exact.hit1, auto.hit3 + exact.hit3)
        return {
            "overall": self.overall.as_dict(),
            "groups": {g: {k: t.as_dict() for k, t in v.items()} for g, v in self.groups.items()},
            "by_level_of_first_candidate": {k: v.as_dict() for k, v in self.by_level.items()},
            "by_status": {k: v.as_dict() for k, v in self.by_status.items()},
            "auto_share": round(auto.n / self.overall.n, 4) if self.overall.n else None,
            "auto_accuracy": round(auto.hit1 / auto.n, 4) if auto.n else None,
            "exact_or_auto_share": round(confident.n / self.overall.n, 4) if self.overall.n else None,
            "exact_or_auto_accuracy": round(confident.hit1 / confident.n, 4) if confident.n else None,
            "misses": len(self.misses),
            "reliability": {band: {**tally.as_dict(), "mean_score": round(mean, 4)}
                            for band, (tally, mean) in self.by_score.items()},
        }


def evaluate(rows: list[GoldRow], matcher: Matcher, *, progress: Callable[[int], None] | None = None) -> Report:
    overall = Tally()
    groups: dict[str, dict[str, Tally]] = {}
    by_level: dict[str, Tally] = {}
    by_status: dict[str, Tally] = {}
    misses = []
    matches = matcher.match_many([r.text for r in rows], k=3, progress=progress)
    for row, match in zip(rows, matches):
        h1 = first_is_right(row, match)
        h3 = any(is_right(c.code, row.acceptable, row.scoring) for c in match.candidates[:3])
        overall.add(h1, h3)
        for key, value in row.groups.items():
            groups.setdefault(key, {}).setdefault(value, Tally()).add(h1, h3)
        level = match.candidates[0].level if match.candidates else "—"
        by_level.setdefault(level, Tally()).add(h1, h3)
        by_status.setdefault(match.status, Tally()).add(h1, h3)
        if not h1:
            misses.append((row, match))
    return Report(overall, groups, by_level, by_status, misses, reliability(rows, matches))


#: score bands of the reliability table: the first candidate's score, lower bound included
BANDS = (0.0, 0.2, 0.4, 0.6, 0.76, 0.9, 1.0)


def reliability(rows: list[GoldRow], matches: list[Match]) -> dict[str, tuple[Tally, float]]:
    """How often the first candidate is right, by the band of its score: «0.76–0.90»: (tally, mean score).
    A calibrated score reads as the share right; exact names (score 1) have a band of their own."""
    out: dict[str, tuple[Tally, list[float]]] = {}
    for row, match in zip(rows, matches):
        score = match.best.score if match.best else 0.0
        low = max(b for b in BANDS if b <= score)
        band = "1.00" if low == 1.0 else f"{low:.2f}–{BANDS[BANDS.index(low) + 1]:.2f}"
        tally, scores = out.setdefault(band, (Tally(), []))
        right = first_is_right(row, match)
        tally.add(right, right)
        scores.append(score)
    return {band: (tally, sum(scores) / len(scores)) for band, (tally, scores) in sorted(out.items())}
