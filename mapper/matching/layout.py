"""A label typed with the keyboard in the Latin layout, read as the Russian layout would have typed it.

>>> from mapper.lemmas import is_known
>>> relaid("Ghjbpdjlcndj vt,tkb", is_known)
('Производство мебели', ('раскладка: Ghjbpdjlcndj vt,tkb → Производство мебели',))
>>> relaid("ремонт xfcjd", is_known)
('ремонт часов', ('раскладка: xfcjd → часов',))
>>> relaid("IT-аутсорсинг", is_known)
('IT-аутсорсинг', ())

A run of the keys' characters is retyped when each word it makes is one the matcher reads and one has five
letters or more or a letter typed on a punctuation key («<fyr» → «Банк»); a shorter one («b» → «и», «gj» →
«по») only beside such a run or when every run of a label without Cyrillic letters reads. Latin abbreviations of
the language data stay as written («SMM», «LED»), and so does anything that makes no Russian word: «IT», «web».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence


#: the keys of the ЙЦУКЕН layout, as the Latin layout types them (lower and upper case) and as the Russian one does
_LATIN_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?"
_RUSSIAN_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбю.ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"
_TO_RUSSIAN = str.maketrans(_LATIN_KEYS, _RUSSIAN_KEYS)
_KEY = r"[A-Za-z`\[\];',./~{}:\"<>?]"
#: a run of those keys with a Latin letter, not inside a Cyrillic word (a look-alike: «Прoизвoдствo»)
_RUN = re.compile(rf"(?<!\w){_KEY}*[A-Za-z]{_KEY}*(?!\w)")
_WORD = re.compile(r"[А-Яа-яЁё]+")
_PUNCTUATION_KEY = re.compile(r"[`\[\];',.~{}:\"<>]")  # keys of Russian letters that type punctuation in Latin
_EDGE = ".,;:?!\"'"  # punctuation typed around a run, which the Russian layout would have typed as letters
LONG = 5  # letters of a retyped word that say it was typed in the wrong layout


def relaid(text: str, reads: Callable[[str], bool], kept: Callable[[str], Sequence[tuple[int, int]]] = lambda text: ()
           ) -> tuple[str, tuple[str, ...]]:
    """``text`` with each run typed in the Latin layout retyped in the Russian one, and what was retyped
    («раскладка: xfcjd → часов»); nothing for a text without one. ``reads(word)`` says a Russian word is one
    the matcher reads; ``kept(text)`` the spans of the text to keep as written: abbreviations and English words of
    the language data («SMM», «pet shop»)."""
    typed = list(_RUN.finditer(text))
    if not typed:  # most texts: no Latin letter
        return text, ()
    spans = kept(text)
    runs = [m for m in typed if not any(start < m.end() and m.start() < end for start, end in spans)]
    retyped = [(m, found) for m in runs if (found := _retyped(m.group(0), reads)) is not None]
    whole = bool(retyped) and len(retyped) == len(typed) and not _WORD.search(text)  # every run of a Latin label
    # a run that can only be Russian, or a label all of whose runs read as Russian words: «Yzyz» is «Няня»
    if not whole and not any(sure for _, (_, sure) in retyped):
        return text, ()
    out, said, at = [], [], 0
    for m, (found, _) in retyped:
        out.append(text[at:m.start()] + found)
        said.append(f"{m.group(0)} → {found}")
        at = m.end()
    out.append(text[at:])
    if whole:  # the whole label: one note for it
        return "".join(out), (f"раскладка: {text.strip()} → {''.join(out).strip()}",)
    return "".join(out), tuple(f"раскладка: {s}" for s in said)


def _retyped(run: str, reads: Callable[[str], bool]) -> tuple[str, bool] | None:
    """A run retyped, and whether it can only be Russian: a word of five letters or more, or one with a letter
    of a key that types punctuation in the Latin layout («<fyr» is «Банк»). None when a word is not read.
    Punctuation at the run's ends may be punctuation: «vt,tkb.» is «мебели.»."""
    for typed in (run, run.strip(_EDGE)):
        if not typed:
            break
        russian = typed.translate(_TO_RUSSIAN)
        words = _WORD.findall(russian)
        if words and all(map(reads, words)):
            start = run.index(typed)
            sure = max(map(len, words)) >= LONG or _PUNCTUATION_KEY.search(typed.strip(_EDGE)) is not None
            return run[:start] + russian + run[start + len(typed):], sure
    return None
