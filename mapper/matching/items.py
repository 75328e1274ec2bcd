"""Explanatory notes as text the index reads: what a code includes, item by item, and what its notes
send elsewhere.

>>> note_items("Эта группировка включает: - производство питьевого молока; - производство сливок")
['производство питьевого молока', 'производство сливок']
"""

from __future__ import annotations

import re

_SEE = re.compile(r"\bсм\.?\s*((?:\d{2}(?:\.\d{1,2}){0,2}[\s,и]*)+)", re.IGNORECASE)
_CODE_IN_TEXT = re.compile(r"\d{2}(?:\.\d{1,2}){0,2}")
_LIST_START = re.compile(r"(?:таки[хе]\s+как|например|включая|:)\s*:?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",|\sи\s|[()]")
_NOT_AN_ELEMENT = re.compile(r"прочи|т\.\s*п|и\s*т\.|др\.", re.IGNORECASE)
_NOT_INCLUDED = re.compile(r"(Эта группировка|Эта группа|Этот класс|Данная группировка)?\s*не\s+включает", re.IGNORECASE)


def included_notes(notes: str) -> str:
    """The part of explanatory notes that says what a code includes."""
    match = _NOT_INCLUDED.search(notes)
    return notes[: match.start()] if match else notes


def note_items(notes: str) -> list[str]:
    """The items of what a code's notes include: «Эта группировка включает: - производство X; - Y» →
    ["производство X", "Y"]."""
    items = re.split(r";|\s-\s|:\s*-\s*", included_notes(notes))
    return [i.strip(" .,:-") for i in items if i.strip(" .,:-") and not re.search(r"включает\s*$", i.strip(" .,:-"))]


def listed(item: str) -> tuple[str, list[str]]:
    """An item's lead and the elements it enumerates after «как», «например», «включая» or a colon:
    «производство машин для молочной промышленности: сепараторов для сливок, машин для обработки
    молока» → ("производство машин для молочной промышленности", ["сепараторов для сливок", "машин для
    обработки молока"]); ("…", []) for an item that enumerates nothing. «прочие …», «т. п.» are no
    elements."""
    found = _LIST_START.search(item)
    if not found:
        return item, []
    pieces = (p.strip(" .;:") for p in _LIST_SPLIT.split(item[found.end():]))
    return item[:found.start()], [p for p in pieces if p and not _NOT_AN_ELEMENT.match(p)]


def referrals(notes: str) -> list[tuple[str, list[str]]]:
    """What a code's notes send elsewhere: («производство кузнечной обработки», ["01.62"]) for each item of
    «не включает: - …, см. 01.62»; the texts describe the codes they point to."""
    match = _NOT_INCLUDED.search(notes)
    if not match:
        return []
    out = []
    for item in re.split(r";|\s-\s", notes[match.end():]):
        found = _SEE.search(item)
        if found:
            codes = _CODE_IN_TEXT.findall(found.group(1))
            text = item[: found.start()].strip(" ,.:")
            if codes and text:
                out.append((text, codes))
    return out
