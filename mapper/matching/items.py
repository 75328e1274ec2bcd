"""Explanatory notes as text the index reads: what a code includes, item by item, and what its notes
send elsewhere.

>>> note_items("Эта группировка включает: - производство питьевого молока; - производство сливок")
['производство питьевого молока', 'производство сливок']
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
    ["производство X", "Y"]. An item that opens with «для» goes on with the thing of the item before:
    «производство машин для производства продуктов питания: для X; для пивоваренных заводов» → …,
    "производство машин для пивоваренных заводов".

    >>> note_items("включает: - производство машин для пищевой промышленности: для X; для пивоваренных заводов")[-1]
    'производство машин для пивоваренных заводов'
    """
    items = [i.strip(" .,:-") for i in re.split(r";|\s-\s|:\s*-\s*", included_notes(notes))]
    out: list[str] = []
    for item in items:
        if not item or re.search(r"включает\s*$", item):
            continue
        if out and item.startswith("для "):  # «… оборудования для производства …: для X; для пивоваренных заводов»
            item = f"{out[-1].split(' для ', 1)[0]} {item}"
        out.append(item)
    return out


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


def with_shared_nouns(elements: list[str], is_noun: Callable[[str], bool]) -> list[str]:
    """Elements of an enumeration with the noun they share: in «нефтеперерабатывающих, химических заводов»
    the first element is an adjective of «заводов», so it is «нефтеперерабатывающих заводов». An element
    with no noun takes the last word of the next element that ends in one; ``is_noun`` tells a noun.

    >>> with_shared_nouns(["нефтеперерабатывающих", "химических заводов"], lambda w: w == "заводов")
    ['нефтеперерабатывающих заводов', 'химических заводов']
    """
    words = [element.split() for element in elements]
    out = []
    for i, element in enumerate(words):
        noun = None if any(is_noun(w.lower()) for w in element) else \
            next((later[-1] for later in words[i + 1:] if later and is_noun(later[-1].lower())), None)
        out.append(" ".join(element + [noun]) if noun else elements[i])
    return out


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
