"""A code typed as the query: «25.61», «2561», «ОКВЭД 47.11», «код 62.01 — разработка ПО».

A line that is a code, starts with one or ends with one («Производство мебели (31.01)»; a section by its
letter after «раздел»: «Раздел C. Обрабатывающие производства»), is answered with that code first. The rest
of the line, if it says anything, is matched as any text is and checked against the code: when its best
candidates lie in the code's branch (the code, a code above it or beneath it; for a section, in it), the
line agrees with itself and the status is ``exact``; when they do not, the code still comes first, the
mismatch is said in its explanation and the line goes to review. A line that is only a code the reference
lacks («25.99.9»: removed by an amendment, or mistyped) is not found; the deepest code above it that the
reference has is offered unscored, for a person to decide.

>>> from mapper.reference import load_reference
>>> code_in_text("ОКВЭД 47.11 — торговля продуктами", load_reference())
CodeInText(typed='47.11', code='47.11', rest='торговля продуктами')

Numbers that are not codes stay text: «2000 литров» is a quantity, not 20.00; a bare number is a code
only when it is the whole line («2561»), a code with dots may start a line («25.61 покрытие металлов»),
and after «ОКВЭД» or «код» any common typing of a code counts. A line that asks for a code — «Какой
ОКВЭД для продажи цветов?», «код оквэд грузоперевозки» — is answered by what it asks about.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple

from ..reference import CodeError, Reference, normalize_code
from .records import Candidate, Match

_PREFIX = r"(?:(?:код\s+)?(?:по\s+)?(?:оквэд|okved)(?:\s*-?\s*2(?![\d.,]))?|код)"
_DOTTED = r"\d{2}(?:\.\d{1,2}){1,3}"
_DOTTED_OR_COMMA = r"\d{2}(?:[.,]\d{1,2}){1,3}"  # after «ОКВЭД»: «25,61» too; a line's «10,5 тонн» is a number
_BARE = r"\d{2}(?:\d{1,4})?"
# a section by its letter after «раздел», Latin or a Cyrillic look-alike: «раздел C», «Раздел А. Сельское …»
_SECTION = rf"(?:{_PREFIX}\s*)?(?:раздел(?!\w)|разд\.)\s*[:№]?\s*(?P<section>[A-Za-zА-Яа-яЁё])(?!\w)"
_AFTER = r"(?![\d.,]?\d)"  # the code ends here: «25.61», not the «25.6» of «25.612»
_LINE_CODE = re.compile(
    rf"^\s*(?:{_PREFIX}\s*[:№.]?\s*(?P<after_prefix>{_DOTTED_OR_COMMA}|{_BARE}){_AFTER}"
    rf"|{_SECTION}"
    rf"|(?P<dotted>{_DOTTED}){_AFTER}"
    rf"|(?P<bare>{_BARE})\.?\s*$)"
    rf"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL)
# a line that asks for a code: «какой ОКВЭД для продажи цветов», «код оквэд грузоперевозки», «какой код выбрать
# для кофейни» — what it asks about is the rest
_ASKED = re.compile(
    r"^\s*(?:(?:(?:какой|какие|какую|какая)\s+)?(?:коды?\s+)?(?:по\s+)?(?:оквэд|okved)(?:\s*-?\s*2(?![\d.,]))?"
    r"(?:\s+коды?)?|(?:какой|какие|какую|какая)\s+коды?)"
    r"(?:\s+(?:выбрать|указать|нужен|нужны|подходит|подойдет|подойдёт|взять))?"
    r"(?:\s+(?:для|на|у|по))?\s+(?P<rest>\w.*)$",
    re.IGNORECASE | re.DOTALL)
# … or ends with one, dotted or after «ОКВЭД», «код»: «Производство мебели (31.01)», «Торговля (ОКВЭД 47.11)»
_TRAILING_CODE = re.compile(
    rf"^(?P<rest>.*?\S)[\s(\[]*(?:{_PREFIX}\s*[:№.]?\s*(?P<after_prefix>{_DOTTED_OR_COMMA}|{_BARE})"
    rf"|{_SECTION}"
    rf"|(?<![\d.,])(?P<dotted>{_DOTTED})){_AFTER}[\s)\].;]*$",
    re.IGNORECASE | re.DOTALL)
_SEPARATORS = re.compile(r"^[\s\-–—:;,.()\[\]«»\"']+|[\s\-–—:;,.()\[\]«»\"']+$")

#: what the explanation of a typed code says
TYPED = "код указан в запросе"
MISSING = "в запросе код {}, но в ОКВЭД 2 (редакция {}) такого кода нет"
ASKED = "вопрос о коде: подобран по словам «{}»"
ABOVE = "ближайший код выше: {}; оценки нет — какой код имелся в виду, решает человек"


class MissingCode(CodeError):
    """A line's code the reference lacks: the message says so in Russian; ``typed`` is the code as typed,
    ``bare`` whether it was a bare number, the whole line («2024»), which may be anything but a code."""

    def __init__(self, message: str, typed: str, bare: bool = False):
        super().__init__(message)
        self.typed = typed
        self.bare = bare


class CodeInText(NamedTuple):
    typed: str  # as the line writes it, normalised: «25.61»
    code: str  # the reference's code: «25.6» for a typed «25.60»
    rest: str  # the line's other words, or ""


def code_in_text(text: str, reference: Reference) -> CodeInText | None:
    """The code a line starts with, if the reference has it; None for a line that does not start with a
    code. A line that starts with a code the reference lacks raises :class:`~mapper.reference.CodeError`
    (the caller says so and matches the rest, :func:`rest_of`)."""
    found = _LINE_CODE.match(text)
    trailing = found is None
    found = found or _TRAILING_CODE.match(text)
    if found is None:
        return None
    typed = found["after_prefix"] or found["dotted"] or found.groupdict().get("bare") or found["section"]
    try:
        typed = normalize_code(typed)
        return CodeInText(typed, reference.resolve(typed).code, rest_of(text, found))
    except CodeError:
        if trailing:  # a number at the end that is no code is the text's: «Сталь марки 40.20»
            return None
        raise MissingCode(MISSING.format(typed, reference.edition.edition), typed,
                          bare=bool(found.groupdict().get("bare"))) from None


def in_branch(code: str, other: str) -> bool:
    """One code is the other, above it or beneath it: 25.61 and 25.6, 25.61 and 25.61.1; not 25.61 and 25.62."""
    a, b = sorted((code.replace(".", ""), other.replace(".", "")), key=len)
    return b.startswith(a)


def answer(text: str, typed: CodeInText, reference: Reference, rest: Match | None, k: int) -> Match:
    """The match of a line that starts with a code: the code first, then what the rest of the line
    matched (its own candidates, the code not repeated). Exact when the rest is empty or agrees."""
    record = reference[typed.code]
    said = TYPED + (f" как {typed.typed}" if typed.typed != typed.code else "")
    others = [c for c in rest.candidates if c.code != typed.code] if rest is not None else []
    agrees = rest is None or any(in_branch(typed.code, c.code) or reference[c.code].section == typed.code
                                 for c in rest.candidates[:3])  # a section's codes are in it
    if rest is not None and not rest.candidates:
        said += "; остальной текст не дал кандидатов"
    elif rest is not None and agrees:
        said += "; текст согласуется с кодом"
    elif rest is not None:
        best = rest.candidates[0]
        said += f"; но текст указывает на другой код: {best.code} «{best.name}» (оценка {best.score:.2f})"
    first = Candidate(record.code, record.name, record.level, 1.0, said)
    return Match(text, "exact" if agrees else "review", (first, *others[:k - 1]))


def rest_of(text: str, found: re.Match | None = None) -> str:
    """The words after the code a line starts with: «25.99 литье чугуна» → «литье чугуна» (``found``: the
    line's match of the code, when the caller has it)."""
    found = found or _LINE_CODE.match(text) or _TRAILING_CODE.match(text)
    return _SEPARATORS.sub("", found["rest"]) if found else text


def asked_about(text: str) -> str | None:
    """What a line asking for a code asks about, or None for a line that does not ask.

    >>> asked_about("Какой ОКВЭД для продажи цветов?"), asked_about("код оквэд грузоперевозки")
    ('продажи цветов', 'грузоперевозки')
    >>> asked_about("какой код выбрать для кофейни"), asked_about("Кодирование данных")
    ('кофейни', None)
    """
    found = _ASKED.match(text)
    return _SEPARATORS.sub("", found["rest"]).rstrip("?!").strip() or None if found else None


def missing_alone(text: str, error: MissingCode, reference: Reference) -> Match:
    """The match of a line that is only a code the reference lacks: not found, and the deepest code above it
    the reference has, if any, as the one candidate, scored 0 (nothing says it is meant), with why.

    >>> from mapper.reference import load_reference
    >>> result = missing_alone("25.99.9", MissingCode("в запросе код 25.99.9 … такого кода нет", "25.99.9"),
    ...                        load_reference())
    >>> result.status, result.best.code, result.best.score
    ('none', '25.99', 0.0)
    """
    # only a code typed as one has a code above it, not a bare number («2024», «2024.»)
    above = None if error.bare else reference.nearest_above(error.typed)
    if above is None:  # «раздел V», «2024», «04.11» of no division: nothing to offer
        return Match(text, "none", ())
    said = f"{error}; {ABOVE.format(above.code)}"
    return Match(text, "none", (Candidate(above.code, above.name, above.level, 0.0, said),))


def with_note(text: str, result: Match, note: str) -> Match:
    """``result`` for the whole line, each candidate's explanation prefixed by ``note``; never exact or auto
    (the line's code is wrong, so the line needs a look)."""
    candidates = tuple(Candidate(c.code, c.name, c.level, c.score, f"{note}; {c.explanation}")
                       for c in result.candidates)
    return Match(text, "review" if candidates else "none", candidates)


def read_line(text: str, reference: Reference, answer_rest: Callable[[str], tuple], k: int) -> tuple | None:
    """The matcher's answer — (match, query, why) — for a line that starts with a code, or None for any other
    line. ``answer_rest`` answers the rest of the line as text."""
    try:
        typed = code_in_text(text, reference)
    except MissingCode as error:  # «25.99.9 литье чугуна»: said, and the rest matched as text
        rest = rest_of(text)
        if not rest:  # «25.99.9» alone: not found, the code above it offered without a score
            return missing_alone(text, error, reference), None, {}
        result, query, why = answer_rest(rest)
        return with_note(text, result, str(error)), query, why
    if typed is None:
        asked = asked_about(text)
        if asked is None:
            return None
        result, query, why = answer_rest(asked)  # a question about a code is answered by what it asks about
        said = ASKED.format(asked)
        candidates = tuple(replace(c, explanation=f"{said}; {c.explanation}" if c.explanation else said)
                           for c in result.candidates)
        return replace(result, query=text, candidates=candidates), query, why
    rest_match: Any = answer_rest(typed.rest)[0] if typed.rest else None
    return answer(text, typed, reference, rest_match, k), None, {}
