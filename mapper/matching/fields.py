"""A text that names a whole field of activity: «Химическая промышленность», «Лесное хозяйство», «Связь».

Such a text asks for the field, so the answer is a division (or a group) whose name says it, not one
deep subclass that shares a word with it: «Химическая промышленность» is 20 «Производство химических
веществ и химических продуктов», not 28.29 «… оборудования … для химической промышленности». The
words come from ``reference/fields.txt``:

>>> fields = load_fields()
>>> field = read(("химический", "промышленность"), "промышленность", fields)
>>> field.terms, field.head
(('химический', 'производство'), 'химический')
>>> [f.terms for f in read(("логистика",), "логистика", fields).others]
[('складирование', 'хранение'), ('курьерский', 'доставка')]
>>> read(("производство", "мебель"), "мебель", fields) is None
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..bundled import bundled_path


#: what the explanation says of a field
FIELD = "запрос называет отрасль целиком, ответ — класс ОКВЭД"


class Fields(NamedTuple):
    heads: dict[str, tuple[str, ...]]  # a noun heading a field's name → what it means
    # a field's words → what the division names call it, one or more ways (a field of several divisions)
    names: dict[frozenset[str], tuple[tuple[str, ...], ...]]
    words: frozenset[str]  # every word of the names: a text with another word names no two fields


class Field(NamedTuple):
    terms: tuple[str, ...]  # the text's terms, the field's words replaced by their meaning
    head: str | None
    note: str  # for the explanation: «промышленность → производство»
    others: tuple[Field, ...] = ()  # the field's other divisions: «логистика» is перевозка, складирование …


@lru_cache(maxsize=4)
def load_fields(path: str | None = None) -> Fields:
    """The field words of ``reference/fields.txt`` (or of ``path``)."""
    source = Path(path) if path else bundled_path("reference/fields.txt")
    heads: dict[str, tuple[str, ...]] = {}
    names: dict[frozenset[str], tuple[tuple[str, ...], ...]] = {}
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip().replace("ё", "е")
        if not line:
            continue
        kind, rest = line.split(None, 1)
        words, meaning = rest.split(":", 1)
        if kind == "head":
            heads[words.strip()] = tuple(meaning.split())
        elif kind == "field":  # «перевозка | складирование»: a field of several divisions
            names[frozenset(words.split())] = tuple(tuple(way.split()) for way in meaning.split("|"))
        else:
            raise ValueError(f"{source}: «{raw}»: a line starts with «head» or «field»")
    return Fields(heads, names, frozenset().union(*names))


def read(terms: tuple[str, ...], head: str | None, fields: Fields, *, named_only: bool = False,
         joined: bool = True) -> Field | None:
    """The field a text's ``terms`` name, or None when they name an activity or a product. A text is a
    field when its head noun heads fields (the others describe it: «стекольный»; a compound may add a
    second field noun: «пивоваренная» is производство) and nothing else is done in it, or when its words,
    but for one or two such nouns, are a field's name («Связь», «Сельское хозяйство», «Химический завод»,
    «Деятельность в сфере туризма»);
    ``named_only``: only the latter («Перевозка грузов» names an action, and a field);
    ``joined``: whether the text joins words by «и», a comma, a slash or a compound of two adjectives
    («транспортно-логистический») — two fields are named side by side only so: «Торговля топливом» is one
    trade, not «торговля» and «топливо»."""
    rest = tuple(t for t in terms if t not in fields.heads)
    said = tuple(m for t in terms if t in fields.heads for m in fields.heads[t])  # what the field nouns mean
    ways = fields.names.get(frozenset(rest)) or (_two_fields(frozenset(rest), fields) if joined else None)
    few = len(terms) - len(rest) <= 2  # one or two field nouns: «Пивоваренная промышленность» is производство too
    if ways is not None and few:
        found = [Field(out, meaning[0] if meaning else None, f"{FIELD}: {' '.join(terms)} → {' '.join(out)}")
                 for meaning in ways for out in [tuple(dict.fromkeys(meaning + said))]]
        return found[0]._replace(others=tuple(found[1:]))
    if not named_only and head in fields.heads and rest and few:
        return Field(tuple(dict.fromkeys(said + rest)), rest[-1],
                     f"{FIELD}: {head} → {' '.join(said)}" if said else FIELD)
    return None


def narrowed(terms: tuple[str, ...], head: str | None, fields: Fields) -> tuple[tuple[str, ...], str] | None:
    """A text headed by a field's one-word name with words that narrow it, read as the field's names say it,
    and the note for the explanation: «Солнечная энергетика» is солнечный электрический энергия (35.11's
    solar power stations), «Сельскохозяйственное машиностроение» makes machines for agriculture (28.30) — a
    part of a field, not a field answered at the level of divisions. None when the head is no such word, names
    a field of several divisions («Морской транспорт» is none of 49's pipelines), or a field the names call by
    its own word or by one other («Мобильная связь» stays связь).

    >>> narrowed(("солнечный", "энергетика"), "энергетика", load_fields())[0]
    ('солнечный', 'электрический', 'энергия')
    """
    ways = fields.names.get(frozenset((head,)), ())
    # a field the names call by its own word («пища») or by one other («связь»: телекоммуникация) keeps it
    if len(ways) != 1 or len(ways[0]) < 2 or head in ways[0] or len(terms) < 2 or head not in terms \
            or any(t in fields.heads for t in terms):
        return None
    out = tuple(dict.fromkeys(m for t in terms for m in (ways[0] if t == head else (t,))))
    return out, f"{head} → {' '.join(ways[0])}"


def _two_fields(words: frozenset[str], fields: Fields) -> tuple[tuple[str, ...], ...] | None:
    """Two fields named side by side, each one's divisions: «Транспорт и логистика», «Культура и спорт»."""
    if len(words) < 2 or not words <= fields.words:  # most texts: a word of no field's name
        return None
    for key, ways in fields.names.items():
        if key < words and (other := fields.names.get(words - key)):
            return tuple(dict.fromkeys(ways + other))
    return None
