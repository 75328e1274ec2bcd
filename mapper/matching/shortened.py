"""Lines as registers write them: words shortened — «рознич. торговля», «деят-ть», «произв-во» — read as
the word of the official names and notes that begins (and ends) so; a company's name in quotes after
its legal form («ООО "Ромашка", торговля цветами») or after its kind («кафе «Встреча»») and an
entrepreneur's name («ИП Иванов И.И.») set aside when the line says more.

>>> words = shortened_words(["Торговля розничная в неспециализированных магазинах", "Деятельность такси"])
>>> expand("рознич. торговля", words)
('розничная торговля', ('рознич. = розничная',))
>>> expand("деят-ть такси", words)
('деятельность такси', ('деят-ть = деятельность',))

A word the abbreviation list (``reference/abbreviations.txt``) spells out is left to it («тех.», «пр-во»);
a whole word is no shortening: «Ремонт обуви. Пошив одежды» keeps «обуви».

>>> without_company_name('ООО "Ромашка", торговля цветами')
'ООО , торговля цветами'
>>> without_company_name("ИП Иванов И.И. - ремонт обуви")
'ИП - ремонт обуви'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..lemmas import (Language, fold, in_capitals, is_known, is_personal_name, lemma, load_language, normalize,
                      tokens)

# «рознич.» before a word (after a space or not) or at the end; not a part of «т.ч.», «с.-х.» (the
# abbreviation list has those)
_DOTTED = re.compile(r"(?<![\w.])([а-яёА-ЯЁ]{3,})\.(?![\d.-])(\s*)(?=(\w)?)")
# «деят-ть», «стр-во»: the opening and the last letters of one word
_HYPHENED = re.compile(r"(?<![\w.-])([а-яёА-ЯЁ]{2,})-([а-яёА-ЯЁ]{1,3})(?![\w-])")
# «1)», «2.3.», «•» opening a line of a list: no words of the activity
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zа-я]\)|[-–—•·*▪●○■□►✓]+)\s+", re.IGNORECASE)
# «ООО "Ромашка"», «АО «Северсталь»»: an upper-case legal form and the name in quotes
_COMPANY = re.compile(r"(?<!\w)([А-ЯЁ]{2,5})\s*(?:«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”])")
# «кафе «Встреча»», «Гостиница "Заря"»: a name in quotes that opens with a capital, after any word or none
# (a kind in quotes is written in lower case: «яблоки сорта "антоновка"», «бетон марки "тяжелый"»)
_QUOTED_NAME = re.compile(r"\s*(?:«[A-ZА-ЯЁ][^«»]*»|\"[A-ZА-ЯЁ][^\"]*\"|“[A-ZА-ЯЁ][^“”]*”|„[A-ZА-ЯЁ][^„“”]*[“”])")
# «ИП Иванов И.И.», «ИП Петрова Анна Сергеевна»: the capitalised words after it, and initials
_ENTREPRENEUR = re.compile(r"(?<!\w)ИП((?:\s+[А-ЯЁ][а-яё]+){1,3})((?:\s*[А-ЯЁ]\.){0,2})")
# «театр имени Пушкина», «им. М. В. Ломоносова»: whom an institution is named after, initials and
# capitalised words; «от имени физических лиц» (on behalf of) has none
_HONOREE = re.compile(r"(?<!\w)(?:имени|им\.)(?:\s*(?:[А-ЯЁ]\.|[А-ЯЁ][а-яё-]+)){1,6}")
# «Лицей № 5», «Школа №12»: which of its kind, not what it does
_NUMBERED = re.compile(r"№\s*\d+(?:[-/]?[а-яА-ЯЁё\d])*")


@dataclass(frozen=True, slots=True)
class ShortenedWords:
    """The word forms of the names and notes, counted, and the short forms the abbreviation list has."""

    forms: tuple[str, ...]  # sorted
    counts: dict[str, int]
    listed: frozenset[str]  # «тех.», «пр-во»: spelled out by reference/abbreviations.txt


def shortened_words(texts: Iterable[str], language: Language | None = None) -> ShortenedWords:
    """Count the word forms of ``texts`` (the official names and notes) to read shortened words by."""
    language = language or load_language()
    counts: dict[str, int] = {}
    for text in texts:
        for word in tokens(normalize(text, language)):
            if not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    listed = frozenset(short.lower() for _, expansions in language.abbreviations for short in expansions)
    return ShortenedWords(tuple(sorted(counts)), counts, listed)


def completion(opening: str, ending: str, words: ShortenedWords, beside: Iterable[str] = (),
               together: Callable[[str, str], int] | None = None) -> str | None:
    """The word form a shortening stands for: of the words the names have that begin with ``opening``
    (and end with ``ending``), the one whose lemma the names use most with the words ``beside`` it
    (``together``: in how many names two words are), else most of all, in its form they use most:
    «рознич» → «розничная»; «общ» beside «питание» → «общественного», not «общего»; None when no word fits."""
    start = bisect.bisect_left(words.forms, opening)
    end = bisect.bisect_left(words.forms, opening + "\uffff")
    by_lemma: dict[str, list[tuple[int, str]]] = {}
    for form in words.forms[start:end]:
        if len(form) <= len(opening) + len(ending):
            continue
        lemma_ = lemma(form)[0]
        if form.endswith(ending):
            by_lemma.setdefault(lemma_, []).append((words.counts[form], form))
        elif lemma_.endswith(ending):  # «лесозаг-ка»: the names say «лесозаготовки»
            by_lemma.setdefault(lemma_, []).append((words.counts[form], lemma_))
    if not by_lemma:
        return None
    beside = tuple(beside) if together else ()

    def rank(forms: list[tuple[int, str]]) -> tuple:
        return (sum(together(max(forms)[1], other) for other in beside) if together else 0,
                sum(n for n, _ in forms), max(forms))

    return max(max(by_lemma.values(), key=rank))[1]


def without_company_name(text: str) -> str:
    """``text`` without a company's name in quotes after its legal form or any other name in quotes that
    opens with a capital («Магазин «Ромашка»» sells, whatever a ромашка is), or an entrepreneur's name after
    «ИП» (words the dictionary reads as names, and initials), when the rest has words to match (the legal
    form itself is a stop word); a line that is only a name keeps it: «ООО "Хлебозавод"»."""
    quoted = any(q in text for q in "\"«“„")
    rest = _QUOTED_NAME.sub(" ", _COMPANY.sub(lambda m: m.group(1) + " ", text)) if quoted else text
    if "ИП" in rest:
        rest = _ENTREPRENEUR.sub(_without_person, rest)
    return rest if rest != text and re.search(r"[а-яёa-z]{3,}", _COMPANY.sub(" ", rest)) else text


def _without_person(m: re.Match) -> str:
    """«ИП» alone for «ИП Иванов И.И.»; the match as it is when a capitalised word is no name."""
    names = m.group(1).split()
    if not all(is_personal_name(w.lower()) for w in names):  # «ИП Грузоперевозки»: no name
        return m.group(0)
    return "ИП"


def expand(text: str, words: ShortenedWords | None, together: Callable[[str, str], int] | None = None
           ) -> tuple[str, tuple[str, ...]]:
    """``text`` with its shortened words written out, and what each was read as («рознич. = розничная»);
    ``together`` (see :func:`completion`) chooses by the words beside. A list's marker opening the line
    («1)», «2.3.», «•») and a company's or an entrepreneur's name are set aside first
    (:func:`without_company_name`), whom an institution is named after («имени Пушкина») and its number
    («№ 5»).

    >>> expand("Драматический театр имени А.С. Пушкина", None)
    ('Драматический театр ', ())
    """
    text = without_company_name(_LIST_MARKER.sub("", text, count=1))
    text = _HONOREE.sub("", text) if "им" in text else text
    text = _NUMBERED.sub("", text) if "№" in text else text
    if words is None or ("." not in text and "-" not in text):
        return text, ()
    said: list[str] = []
    capitals = in_capitals(text)

    def dotted(m: re.Match) -> str:
        opening = fold(m.group(1))
        # before a word in lower case a dot shortens (in a line all in capitals, before any word, a word no name
        # has: «ТОРГ.», not «ОБУВИ.»); before a capital or at the end, only a word no dictionary has: «Ремонт
        # обуви. Пошив одежды»
        continued = m.group(3) is not None and (m.group(3).islower() or capitals and m.group(3).isalpha()
                                                 and opening not in words.counts)
        if f"{opening}." in words.listed or (not continued and (opening in words.counts or is_known(opening))):
            return m.group(0)
        full = completion(opening, "", words, _beside(m), together)
        if full is None:
            return m.group(0)
        said.append(f"{m.group(1)}. = {full}")
        return full + (m.group(2) or " ")

    def hyphened(m: re.Match) -> str:
        whole = fold(m.group(0))
        if whole in words.listed or is_known(whole):
            return m.group(0)
        full = completion(fold(m.group(1)), fold(m.group(2)), words, _beside(m), together)
        if full is None:
            return m.group(0)
        said.append(f"{m.group(0)} = {full}")
        return full

    text = _DOTTED.sub(dotted, text) if "." in text else text
    text = _HYPHENED.sub(hyphened, text) if "-" in text else text
    return text, tuple(said)


_WORD_BEFORE = re.compile(r"([а-я]{3,})[^\w.]*$")
_WORD_AFTER = re.compile(r"[^\w]*([а-я]{3,})")


def _beside(m: re.Match) -> tuple[str, ...]:
    """The words just before and after a shortening, lower case: what its word is chosen by."""
    before = _WORD_BEFORE.search(fold(m.string[:m.start()]))
    after = _WORD_AFTER.match(fold(m.string[m.end():]))
    return tuple(w.group(1) for w in (before, after) if w)
