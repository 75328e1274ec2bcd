"""Misspelt words of a query, put right before it is read: «рмонт часов» → «ремонт часов».

A word is put right when nothing reads it — the dictionary does not know it, and it is no word of the
names and notes nor of the language data, nor one a rule reads (a compound, a derived word, a chemical
name) — and a word form of the reference is one edit from it: a letter left out, added or changed, or
two swapped («одеджы» ≈ «одежды»). People mistype one letter; two edits from a word of the reference,
an unknown word is mostly a rare one of the trade («подсырная» is no «подсобная»). The forms are the
forms of nouns, adjectives and participles of the names' and notes' terms and of the words of
``reference/synonyms.txt``, places and actions («химчиска» ≈ «химчистка»), so the fix keeps the case and
number the text wrote, and the dictionary reads it as it would have:

>>> forms = spelling_forms(["ремонт", "обувь", "мебель"])
>>> nearest("рмонт", forms), nearest("мебелли", forms), nearest("мебельщик", forms)
('ремонт', 'мебели', None)

The nearest form must begin with the word's letter (people seldom mistype the first); among equally
near ones the form that ends as the word does wins («столовя» ≈ «столовая», not «столов»), then the form
the names and notes use most, then the first in order. When no form of the reference is that near, a word
of the dictionary one edit from it is taken if it is the only one that the reference or the language data
reads (:func:`nearest_read`), or whose stem long enough the names and notes are found by: «фотогаф» ≈
«фотограф», whom the rules read as a photographer's service, though no name says «фотограф»; «Полирафия» ≈
«полиграфия», as «полиграфической» has it. For the first word of a label, next, a verb one edit away whose
action the rules read (:func:`nearest_verb`): «стевим окна» ≈ «ставим». A compound of which a rule reads only
the opening («водоснабеение» ⊃ вода) is put right too, to a form of the names one edit away, or with its rest
put right: «рыбоперерабока» ≈ «рыбопереработка».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..lemmas import NOT_COMMON, Analyzer, Language, abbreviations_in, fold, is_known, lemma, morph, stem

SHORTEST = 5  # letters: a shorter word is left as it is («клуч» may be anything)

# a word of Cyrillic letters, not part of one with digits or Latin letters; of a hyphenated word, the
# last part: a first part is often no word of its own («сельско-хозяйственный», «сэндвич-панель»)
_WORD = re.compile(r"(?<!\w)[а-яёА-ЯЁ]+(?![\w-])")
# … and a first part before a hyphen, when it is a word of the names mistyped: «интенет-магазин»
_FIRST_PART = re.compile(r"(?<![\w-])[а-яёА-ЯЁ]+(?=-[а-яёА-ЯЁ])")
_LETTER = re.compile(r"[^\W\d_]")
EDITS = 1  # a misspelt word is this many edits from the form it means
STEM_READ = 6  # letters: a shorter stem is shared by unrelated words («цесар» of цесарь and цесарка)
_PART = "⊃"  # how the note of a compound's reading says a part: «рыбопереработка ⊃ рыба»
_NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})  # forms a query's misspelt word is taken for: no «серей», «улучшили»


@dataclass(frozen=True, eq=False)
class SpellingForms:
    """Word forms by their first letter and length, each sorted, and how often the names and notes use
    each form."""

    by_opening: dict[tuple[str, int], tuple[str, ...]]
    counts: Mapping[str, int] = field(default_factory=dict)
    read: frozenset[str] = frozenset()  # lemmas the language data reads: no misspellings
    stems: frozenset[str] = frozenset()  # the stems the names and notes are found by: «озеленение» of «озеленения»


def spelling_forms(words: Iterable[str], counts: Mapping[str, int] | None = None,
                   language: Language | None = None, stems: Iterable[str] = ()) -> SpellingForms:
    """Every dictionary form of each of ``words`` (lemmas; a word the dictionary does not have as a lemma
    stands for itself) and of the words of ``language``'s synonyms, places and actions, ё as е; ``counts``:
    how often the names and notes use a form; ``stems``: the stems they are found by."""
    analyzer = morph()
    # the words of synonyms, places and actions: «химчиска» is a химчистка
    said = frozenset(w for variant, canonical in language.synonyms for w in variant + canonical) \
        | language.places | language.actions.keys() if language else frozenset()
    # … and what else the language data reads is no misspelling: parts of compounds (гидро-), stop words
    read = said | language.compound_parts | language.openings | language.stopwords if language else frozenset()
    forms: set[str] = set()
    for word in {*words, *said} - {w for w in said if " " in w}:  # words, not «техническое обслуживание»
        forms.add(word)
        for parse in analyzer.parse(word):
            if fold(parse.normal_form) == word:
                forms.update(fold(f.word) for f in parse.lexeme if f.tag.POS in _NOMINAL)
    by_opening: dict[tuple[str, int], list[str]] = {}
    for form in sorted(forms):
        by_opening.setdefault((form[0], len(form)), []).append(form)
    return SpellingForms({key: tuple(found) for key, found in by_opening.items()}, dict(counts or {}), read,
                         frozenset(stems))


@lru_cache(maxsize=20_000)
def nearest(word: str, forms: SpellingForms) -> str | None:
    """The form ``word`` (lower case, ё as е) is a misspelling of, or None (see the module docstring)."""
    n, by_opening = len(word), forms.by_opening
    near = [form for length in range(n - EDITS, n + EDITS + 1) for form in by_opening.get((word[:1], length), ())]
    found = process.extract(word, near, scorer=OSA.distance, processor=None, score_cutoff=EDITS, limit=None)
    if not found:
        return None
    best = min(distance for _, distance, _ in found)
    # the ending as typed says the form: «столовя» is «столовая», not «столов»
    return min((form for form, distance, _ in found if distance == best),
               key=lambda form: (form[-1] != word[-1], -forms.counts.get(form, 0), form))


_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


@lru_cache(maxsize=20_000)
def dictionary_edits(word: str) -> tuple[tuple[str, str], ...]:
    """The words of the dictionary — nouns, adjectives, participles, no names — one edit from ``word`` (its first
    letter kept, and its last unless one is added or left out: another last letter makes another form, not
    a word put right), each with its lemma: («фотограф», «фотограф») for «фотогаф»."""
    analyzer = morph()
    return tuple(sorted({(edit, fold(p.normal_form)) for edit in _edits(word) if analyzer.word_is_known(edit)
                         for p in analyzer.parse(edit) if p.is_known and p.tag.POS in _NOMINAL
                         and not NOT_COMMON & p.tag.grammemes and fold(p.word) == edit}))


@lru_cache(maxsize=5_000)
def verb_edits(word: str) -> tuple[tuple[str, str], ...]:
    """The verbs of the dictionary in the first person of the present or future, as a label opens with them
    («ставим окна», «шью шторы»), one edit from ``word`` as :func:`dictionary_edits` counts one, each with its
    infinitive: («ставим», «ставить») for «стевим»."""
    analyzer = morph()
    return tuple(sorted({(edit, fold(p.normal_form)) for edit in _edits(word) if analyzer.word_is_known(edit)
                         for p in analyzer.parse(edit) if p.is_known and {"VERB", "1per", "indc"} <= p.tag.grammemes
                         and fold(p.word) == edit}))


def _edits(word: str) -> set[str]:
    """The spellings one edit from ``word``: its first letter kept, and its last unless one is added or left out."""
    n = len(word)
    return ({word[:i] + word[i + 1:] for i in range(1, n)}
            | {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, n - 1)}
            | {word[:i] + c + word[i + 1:] for i in range(1, n - 1) for c in _LETTERS}
            | {word[:i] + c + word[i:] for i in range(1, n + 1) for c in _LETTERS}) - {word}


def nearest_read(analyzer: Analyzer, forms: SpellingForms, word: str) -> str | None:
    """For a word no form of the reference is near, the one word of the dictionary one edit from it that the
    reference or the language data reads: «фотогаф» ≈ «фотограф» (a person named after the work), «готиничный»
    ≈ «гостиничный»; None when none or several are: «ломтевые» stay, though «локтевые» is a word."""
    found = [(edit, lemma_) for edit, lemma_ in dictionary_edits(word) if read(analyzer, forms, edit, stems=True)]
    # one word however many lemmas the dictionary reads it as («геофизика»), or one lemma («оказание», «оказанье»)
    return found[0][0] if len({e for e, _ in found}) == 1 or len({lemma_ for _, lemma_ in found}) == 1 else None


def nearest_verb(analyzer: Analyzer, word: str) -> str | None:
    """For the first word of a label that nothing reads, the one verb of :func:`verb_edits` whose action the
    rules read: «стевим окна» ≈ «ставим»; None when none or several are («чстим» may be «чистим» or «чтим»). A
    verb the language data names goes before one an action noun is derived from: «прадаем» ≈ «продаем»
    (synonyms.txt), not «прядаем» (прядение)."""
    edits = verb_edits(word)
    language = analyzer.language
    for reads in (lambda verb: verb in language.actions or analyzer.is_phrase_opening(verb), analyzer.verb_action):
        found = {edit for edit, verb in edits if reads(verb)}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def unread(analyzer: Analyzer, forms: SpellingForms, word: str) -> bool:
    """Whether nothing reads ``word`` (lower case, ё as е): the dictionary does not know it, and neither
    it nor what a rule makes of it is a word of the reference or of the language data. «глэмпинг» is read
    (synonyms.txt), «автозапчасти» too (a compound), «рмонт» is not."""
    return len(word) >= SHORTEST and not is_known(word) and not abbreviations_in(word, analyzer.language) \
        and not read(analyzer, forms, word)  # «бадов»: an abbreviation, no «баров»


def nearest_rest(analyzer: Analyzer, forms: SpellingForms, word: str) -> str | None:
    """A compound with its rest put right, the longest opening first: «рыбоперерабока» → «рыбопереработка»; the
    rest's first letter is no word's first, and may be the one mistyped: «рыбоарзведение» → «рыборазведение»."""
    for opening in sorted(analyzer.language.compound_parts, key=len, reverse=True):
        rest = word[len(opening):]
        if word.startswith(opening) and len(rest) >= SHORTEST \
                and (fixed := nearest(rest, forms) or _first_letter_fixed(rest, forms)) is not None:
            return opening + fixed
    return None


def _first_letter_fixed(word: str, forms: SpellingForms) -> str | None:
    """The one form of ``forms`` that ``word`` is with its first letter left out, added, changed or swapped with
    the second: «арзведение» → «разведение», «иление» → «пиление»."""
    found = {edit for edit in {word[1:], word[1] + word[0] + word[2:]}
             | {c + word[i:] for c in _LETTERS for i in (0, 1)} - {word}
             if edit in forms.by_opening.get((edit[0], len(edit)), ())}
    return found.pop() if len(found) == 1 else None


def half_read(analyzer: Analyzer, word: str) -> bool:
    """Whether the dictionary does not know ``word`` and a rule reads only its first part, a compound's
    opening: «водоснабеение» ⊃ вода, and «снабеение» is nothing."""
    return len(word) >= SHORTEST and not is_known(word) and _parts_read(analyzer, word) == 1


def _parts_read(analyzer: Analyzer, word: str) -> int:
    """How many parts of a compound the rules read: «рыбопереработка» ⊃ рыба; ⊃ переработка — 2."""
    note = analyzer.term(*lemma(word))[1]
    return note.count(_PART) if note else 0


def read(analyzer: Analyzer, forms: SpellingForms, word: str, stems: bool = False) -> bool:
    """Whether the reference or the language data reads a word: it or its lemma is a word of them, or a rule
    makes of it what they have; with ``stems``, or the names and notes have its stem (:func:`_stem_read`)."""
    word_lemma, pos = lemma(word)
    language = analyzer.language
    # a headword of the dictionary's thesaurus is no misspelling, though pymorphy3 guesses its lemma: «бариста»
    if word_lemma in analyzer.vocabulary or word_lemma in forms.read \
            or language.is_headword(word_lemma) or language.is_headword(word) \
            or analyzer.compound_head(word_lemma) or analyzer.chemical_kind(word_lemma):
        return True
    terms, note = analyzer.term(word_lemma, pos)
    return note is not None or all(t in analyzer.vocabulary or stems and _stem_read(t, forms) for t in terms)


def _stem_read(term: str, forms: SpellingForms) -> bool:
    """Whether the names and notes are found by a term's stem, one long enough to say the word: «озеленение»
    by «озеленения», not «цесарь» by «цесарка»."""
    found = stem(term)
    return len(found) >= STEM_READ and found in forms.stems


def respelled(text: str, forms: SpellingForms | None, analyzer: Analyzer) -> tuple[str, tuple[str, ...]]:
    """``text`` with each word that nothing reads (:func:`unread`) written as the form it is nearest to,
    and what each was read as («рмонт ≈ ремонт»). A capitalised word after the first is left as it is: it
    may be a name («ремонт часов Сапожкова»)."""
    if forms is None:
        return text, ()
    said: list[str] = []

    def respell(pattern: re.Pattern, source: str, find: Callable[[str, bool], str | None]) -> str:
        def fixed(m: re.Match) -> str:
            typed = m.group(0)
            first = _LETTER.search(source, 0, m.start()) is None
            if not (typed.islower() or first) or (found := find(fold(typed), first)) is None:
                return typed
            said.append(f"{typed} ≈ {found}")
            return found

        return pattern.sub(fixed, source)

    out = respell(_WORD, text, lambda word, first: _word_fixed(analyzer, forms, word, first))
    return respell(_FIRST_PART, out, lambda word, _: _part_fixed(analyzer, forms, word)), tuple(said)


def _word_fixed(analyzer: Analyzer, forms: SpellingForms, word: str, first: bool) -> str | None:
    """What a word (lower case, ё as е) is a misspelling of, or None: see the module docstring."""
    if unread(analyzer, forms, word):  # a verb only as a label's first word, what we do: «стевим окна»
        return nearest(word, forms) or nearest_read(analyzer, forms, word) \
            or (nearest_verb(analyzer, word) if first else None)
    if not half_read(analyzer, word):
        return None
    # a compound whose rest nothing reads, one edit from a word of the names, that the dictionary has or whose
    # parts the rules read: two words no dictionary has, read in half or split anyhow, may both be the trade's
    found = nearest(word, forms) or nearest_rest(analyzer, forms, word)
    return found if found and (is_known(found) or _parts_read(analyzer, found) > 1) else None


def _part_fixed(analyzer: Analyzer, forms: SpellingForms, word: str) -> str | None:
    """A first part before a hyphen that nothing reads as a form of the names; but a part with a compound's
    linking vowel is no word of its own: «сельско-», «научно-»."""
    if word.endswith(("о", "е")) or not unread(analyzer, forms, word):
        return None
    return nearest(word, forms)
