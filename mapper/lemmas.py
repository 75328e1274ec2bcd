"""Russian text to comparable terms: normalisation, lemmas, synonyms, derivation, stop words.

>>> Analyzer().analyze("Пр-во бетонных блоков").terms
('производство', 'бетонный', 'блок')
>>> Analyzer(vocabulary={"бетон": 5, "блок": 9}).analyze("Пр-во бетонных блоков").terms
('производство', 'бетон', 'блок')

Pipeline, the same for a query and for an official name:

1. normalise: Unicode NFC, Latin look-alikes inside Cyrillic words, abbreviations (``ПО``, ``пр-во``,
   ``с/х``, declined: ``БАДов``) from ``reference/abbreviations.txt``, lower case, ё → е, a compound's
   first part before a hyphen as such («электро-монтаж», «мини-гостиница»);
2. tokenise on letters and digits (hyphenated words become their parts);
3. lemmatise with pymorphy3, preferring the reading that fits an activity name: a noun or an
   adjective before a verb («стали» → сталь, «мыла» → мыло); the opening word of a text in the
   nominative, plural first («Суда …» → судно, not суд); a word that agrees with the noun before it
   as an adjective («Креветки мороженые» → мороженый, not мороженое);
4. set aside what follows «кроме», «без» to the end of its clause (what a name leaves out); mark
   what follows «для» there as what a thing is for («Оборудование для переработки мяса»), and what
   follows «из» as what it is made of («Мешки из бумаги»); drop
   stop words (``reference/stopwords.txt``, and prepositions, conjunctions, particles) — but for a
   place among them, an organisation of any trade («предприятие»), which names no term yet names the
   text's action (step 9);
5. replace synonyms (``reference/synonyms.txt``) with the wording official names use;
6. link an adjective to its noun by rule (стальной → сталь, молочный → молоко, оптический →
   оптика, игрушечный → игрушка; not the look-alikes of ``reference/underived.txt``: крупный ↛ крупа;
   a learned adjective no name has may reach a noun of the kinds: гинекологический → гинекология;
   a participle to its action when ``reference/actions.txt`` lists it: выделанный → выделка),
   split unknown compounds by ``reference/prefixes.txt`` (автозапчасть → автотранспортный + запчасть)
   or at a joining «о»/«е» between two known words (железорудный → железо + руда; a rest that names
   nothing, «-строение», left out: вагоностроение → вагон), add the
   noun of a combining form (``reference/combining.txt``: рыболовство → also рыба), and map a
   misspelt word to a known one (rapidfuzz);
7. note what a word is a kind of (``reference/hypernyms.txt``, ``reference/elements.txt``: иттрий →
   цветной металл; what a product's state implies, ``reference/states.txt``: мороженый → переработка,
   консервирование; and for words no official name has ``reference/hypernyms-wiktionary.txt``: тунец →
   рыба, and what their definition is about, ``reference/definitions-wiktionary.txt``: овчарня →
   овца; or, for an unknown compound, its last part when the reference has it and what comes before
   may open a compound, ``reference/compounds.txt``: полувагон → вагон, not комбинированный → ванный; or
   what chemical nomenclature says, ``reference/chemistry.txt``: бутанол → органическое вещество);
8. read a word in the sense its company gives it (``reference/senses.txt``: «Соли церия» →
   химическое соединение);
9. find the action a text names: its first words' (``reference/actions.txt``), a place's
   (``reference/places.txt``: «магазин» → торговля, «охранное предприятие» → услуги), a person's by
   trade (``reference/persons-wiktionary.txt``: «нотариус» → услуги; ``persons.txt``: «ветеринар»); none
   after what says where or with what («Кафе на заводе», «… с полным обслуживанием»). A query that opens
   with a verb does something, even when no list names its noun: «Проектируем мосты» → услуги, not a
   product to make; its verb is read as its action noun even when the notes use that verb as a verb
   («Страхуем автомобили» → страхование).

Nothing here scores candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping, Sequence, Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .bundled import bundled_path

COMPOUND_HEAD_MIN = 5
COMPOUND_REST_MIN = 2
OPENING_STEM_MIN = 3  # the known word before a joining vowel: сыр-о-копченый
CACHE_LIMIT = 100_000  # texts (and words) an Analyzer keeps analysed; past it, it starts afresh
SHORT_PREFIX = 3  # a first part this short (вет-, мед-, тур-, био-) is read only before a noun
COMPOUND_REST_KNOWN_MIN = 5  # letters after a prefix for a word the reference lacks («электро-мясорубка»)
JOINED_LEFT_MIN = 4  # letters before the joining vowel of a compound («желез-о-рудный»)
JOINED_RIGHT_MIN = 5  # letters of the lemma after it
CLIPPED_MIN = 3  # letters of a stem clipped before a works («сыр-завод»)
#: pymorphy3's odds of the noun reading of an adjective standing alone: столовых 0.4, закусочная 0.5, not
#: легкое 0.33 (a lung, or light), частное 0.29, первое 0.29
SUBSTANTIVE_ODDS = 0.35
#: pymorphy3's odds of the adjective reading of a word after an adjective for it to agree: мороженые 0.5;
#: парикмахерская 0.33, столовая 0.2, животные 0.06 stay nouns («Мужская парикмахерская»)
AGREEING_ODDS = 0.4
_JOINED_HARD = ("", "о", "а", "ый", "ой", "ий")  # what the first word of a compound may end with after its stem
_JOINED_SOFT = ("ь", "я", "е", "й")
CHEMICAL_MIN = 6  # letters a word needs before chemical nomenclature reads it
PREFERRED_POS = ("NOUN", "ADJF", "PRTF", "ADJS", "PRTS")
VERBAL_POS = {"VERB", "INFN", "GRND"}
WORKS = "работы"  # works are done, not made: «Производство штукатурных работ», «Работы по сохранению зданий»
WEAK_ACTIONS = {"услуги", WORKS}  # «услуги по …», «деятельность …»: the real action follows, if any
_QUALIFYING = ("ADJF", "ADJS", "PRTF", "PRTS", "CONJ")  # what may stand between an action and the noun it governs
EXCLUDING = frozenset({"кроме", "исключение", "без", "вне"})  # what follows, to the end of the clause, is left out
# «на продажу», «для продажи», «под реализацию»: what a thing is made or grown for, not trade
FOR_SALE = frozenset({"на", "для", "под"})
LOCATIVE = frozenset({"на", "в", "во", "при"})  # with the prepositional case: where a thing is done
LETTING = frozenset({"в", "на"})  # with a word for letting or selling, after the thing: «Краны в аренду»
DEALING = frozenset({"аренда", "торговля"})  # … the actions such a word names
ALONG = frozenset({"с", "со"})  # with the instrumental case: what goes with it («с полным обслуживанием»)
PURPOSE = frozenset({"для"})  # what follows, to the end of the clause, is what a thing is for
MATERIAL_OF = frozenset({"из"})  # … and what it is made of, unless a purpose came first
DROPPED_POS = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"}

_LATIN_TO_CYRILLIC = str.maketrans("aeopcxyKMHBTAEOPCXY", "аеорсхуКМНВТАЕОРСХУ")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_LATIN = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"[a-zа-я0-9]+")
_CLAUSE = re.compile(r"([,;:()\[\]]|\s-\s|\s–\s)")  # between clauses; split keeps it between them

# adjective suffixes, longest first, and what a noun may end with after the stem
_ADJ_SUFFIXES = ("ический", "ческий", "енный", "онный", "анный", "янный", "альный", "ивный", "етный", "ьный",
                 "овский", "евский", "овый", "евый", "овой", "евой", "яной", "аный", "яный", "иный", "ный", "ной",
                 "ский", "ской")
_NOUN_ENDINGS = ("", "ь", "о", "а", "я", "е", "ика", "ия", "ство", "й", "ы", "и")
_PLURAL_ENDINGS = ("ы", "и")  # a noun only in the plural, when no other fits: консервы, макароны (not часы for час)
_SKIPPED_AFTER = ("ADVB", "ADJS", "PRCL")  # between an adjective and the noun it qualifies: «обычно»
_SUBSTANTIVE_ENDINGS = ("ое", "ая", "ые", "ый", "ий", "ой")  # nouns made from adjectives: мороженое, пивная
_ESTABLISHMENT_ENDINGS = ("ная", "ская")  # … and one the dictionary does not know as a noun: пельменная
_PLACE_ENDINGS = ("ая", "ое")  # a noun that an adjective stands for, as a place or a thing: столовая, жаркое
#: the endings of an adjective's dictionary form
ADJECTIVE_ENDINGS = ("ый", "ий", "ой")
_VOWELS = "аеиоуыэюя"  # a noun stem does not end in one («специ-я» is no noun of «специальный»)
_ACTION_SUFFIX = "тельный"  # an adjective of an action: испыта-тельный
_LEARNED_SUFFIXES = ("ический", "ческий")  # оптический → оптика, химический → химия
_ALTERNATIONS = (("ч", "к"), ("ч", "ц"), ("ж", "г"), ("ж", "з"), ("ш", "х"), ("щ", "ст"), ("еч", "к"), ("оч", "к"))
# a vowel the noun has and «-ов-»/«-ев-» drop: белок → белковый, свинец → свинцовый; алюминий → алюминиевый
_FLEETING = (("к", "ок"), ("ц", "ец"))
_OVSK_SUFFIXES = ("овский", "евский")  # of a noun with no ending: банк → банковский, отец → отцовский
_OV_SUFFIXES = ("овый", "евый", "овой", "евой") + _OVSK_SUFFIXES
# a vowel «-онн-»/«-енн-» put between a stem's last consonant and its «н»: кухня → кухонный, башня → башенный
_FLEETING_N = (("", "н"),)
_N_SUFFIXES = ("онный", "енный")
# a vowel the noun's stem lacks before its last consonant: стекло → стекольный, игла → игольный, сукно → суконный
_FLEETING_VOWEL = (("ол", "л"), ("ел", "л"), ("он", "н"), ("ен", "н"))
_VOWEL_SUFFIXES = ("ьный", "ный")


def fix_lookalikes(text: str) -> tuple[str, bool]:
    """Latin letters that look Cyrillic, inside Cyrillic words, made Cyrillic:
    ``fix_lookalikes("Прoизвoдcтвo")`` → ``("Производство", True)``. Latin words stay Latin."""
    if not _LATIN.search(text):
        return text, False
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group(0)
        if re.search(r"[А-Яа-яЁё]", word) and re.search(r"[A-Za-z]", word):
            fixed = word.translate(_LATIN_TO_CYRILLIC)
            if not re.search(r"[A-Za-z]", fixed):
                changed = True
                return fixed
        return word

    return _WORD.sub(fix, text), changed


@lru_cache(maxsize=1 << 16)  # a register repeats its lines: each is read once
def normalized_key(text: str) -> str:
    """Key for comparing texts as people mean them: lower case, ё→е, punctuation and spacing ignored:
    ``normalized_key("Литьё  металлов.")`` → ``"литье металлов"``."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


# ---------------------------------------------------------------- language data


def _data_lines(path: Path) -> Iterable[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def fold(text: str) -> str:
    """Lower case, ё as е, as every word is compared: «Ёмкости» → «емкости»."""
    return text.lower().replace("ё", "е")


def _words(path: Path, *, optional: bool = False) -> frozenset[str]:
    """The lemmas of a file of one word a line (stopwords.txt, generic.txt, …), ё as е; none for an
    ``optional`` file that is not there."""
    return frozenset() if optional and not path.exists() else frozenset(fold(w) for w in _data_lines(path))


#: the context of a line of senses.txt that is the word said with no other, the only thing named, a person named
ALONE, ONLY, PERSON = "-", "*", "@"
#: one line of senses.txt: (context words, the sense, the sense otherwise)
Sense = tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Language:
    """The language data of ``reference/``: stop words, synonyms, abbreviations, prefixes, actions."""

    stopwords: frozenset[str]
    synonyms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (variant lemmas, canonical lemmas)
    abbreviations: tuple[tuple[re.Pattern, dict[str, str]], ...]  # pattern, matched text → expansion
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    actions: dict[str, str]  # lemma → action group
    generic: frozenset[str]  # nouns that do not say what a thing is («изделие», «часть»)
    qualifiers: frozenset[str]  # words that change what a name means («прочий», «агент»)
    hypernyms: dict[str, tuple[tuple[str, ...], ...]]  # narrower lemma → its kinds (домра → (музыкальный, инструмент))
    combining: tuple[tuple[str, str], ...] = ()  # combining form → its noun (рыбо → рыба)
    curated_hypernyms: frozenset[str] = frozenset()  # narrower words of hypernyms.txt: nouns derivation may reach
    underived: frozenset[str] = frozenset()  # adjectives not linked to a look-alike noun (крупный ≠ крупа)
    materials: dict[str, str] = field(default_factory=dict)  # term → its material group (сталь → черный металл)
    wider_materials: dict[str, str] = field(default_factory=dict)  # group → the group it is part of (→ металл)
    chemistry: tuple[tuple[str, bool, tuple[str, ...]], ...] = ()  # (part, anywhere?, kind) of chemistry.txt
    implied: frozenset[str] = frozenset()  # words of states.txt: their «kind» is what was done to the product
    senses: dict[str, tuple[Sense, ...]] = field(default_factory=dict)  # word → its senses, read in order
    openings: frozenset[str] = frozenset()  # parts that open a compound (полу-, микро-): compounds.txt
    suffixes: frozenset[str] = frozenset()  # last parts that are only endings (-ованный: «ванный»)
    any_product: frozenset[str] = frozenset()  # nouns for any product («изделие»): any-product.txt
    repairs: dict[str, str] = field(default_factory=dict)  # code of what is made → its repair class: repair.txt
    agents: tuple[tuple[str, tuple[str, ...]], ...] = ()  # agent suffix → endings of its noun: agents.txt
    defined: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # definitions-wiktionary.txt:
    # a word → what its definition is about, read as its kinds too (овчарня → овца)
    # a compound's first part before a hyphen and how it reads (prefixes.txt; compounds.txt «degree»: a
    # part that says size only reads as nothing): «электро-» → «электрический », «мини-» → «»
    hyphenated: tuple[re.Pattern, dict[str, str]] | None = None
    manner: frozenset[str] = frozenset()  # words of how or for whom, not what: manner.txt («заказ»)
    places: frozenset[str] = frozenset()  # places and institutions, which name their action: places.txt
    mute_rests: frozenset[str] = frozenset()  # a compound's rests that name no action: combining.txt («-строительный»)
    persons: frozenset[str] = frozenset()  # nouns for a person by what one does: persons*.txt («нотариус»)
    # places that are stop words: an organisation of any trade names its action and no term («предприятие»)
    organisations: frozenset[str] = frozenset()
    # ways of doing a thing (ways.txt): term → its way (автобус → автомобильный), way → the wider way, way →
    # what differs («вид транспорта»), and what differs → the words that make a text one about it
    ways: dict[str, str] = field(default_factory=dict)
    wider_ways: dict[str, str] = field(default_factory=dict)
    way_kinds: dict[str, str] = field(default_factory=dict)
    way_contexts: dict[str, frozenset[str]] = field(default_factory=dict)
    # words for what a project does to an enterprise, and words for an enterprise: projects.txt
    projects: frozenset[str] = frozenset()
    enterprises: frozenset[str] = frozenset()
    quantities: dict[str, str] = field(default_factory=dict)  # word → multiplier, unit, time, measure: quantities.txt
    headings: frozenset[str] = frozenset()  # words of a label before what a company does: headings.txt
    passengers: frozenset[str] = frozenset()  # people who are carried: passengers.txt («ребенок», «турист»)
    rest_actions: dict[str, str] = field(default_factory=dict)  # a compound's rest → its action: combining.txt
    built: frozenset[str] = frozenset()  # building, a project's only before one enterprise described: projects.txt
    orders: frozenset[str] = frozenset()  # words for ordering what the text is about: projects.txt («заказ такси»)
    parts: frozenset[str] = frozenset()  # words for a part of a thing: parts.txt («часть», «комплектующие»)
    works: frozenset[str] = frozenset()  # a works or premises: works.txt («прядильная фабрика» прядет)
    usual: tuple[frozenset[str], ...] = ()  # the usual way of an activity, said by names only: usual.txt
    operators: frozenset[str] = frozenset()  # people who run what is hired: operators.txt («крановщик»)
    # texts that stand for no value, as registers fill an empty field: placeholders.txt («нет данных», «н/д»)
    placeholders: frozenset[str] = frozenset()

    def is_headword(self, word: str) -> bool:
        """Whether the language data has a word as written, as a person (persons*.txt) or with a kind
        (hypernyms*.txt, definitions-wiktionary.txt), though pymorphy3 may not know it: «бариста»."""
        return word in self.persons or word in self.hypernyms

    def abbreviations_at(self, text: str) -> list[tuple[int, int]]:
        """Where a text has abbreviations of abbreviations.txt (start, end): «Услуги СТО» → [(7, 10)]."""
        return [m.span() for pattern, _ in self.abbreviations for m in pattern.finditer(text)]

    @property
    def doings(self) -> tuple[Container[str], Container[str]]:
        """The words for what is done with a thing and which way (actions.txt, ways.txt): «торговля», «оптовый»."""
        return self.actions, self.ways

    @property
    def compound_parts(self) -> frozenset[str]:
        """The first parts of compounds that prefixes.txt and combining.txt read: «электро», «рыбо»."""
        return frozenset(form for form, _ in (*self.prefixes, *self.combining))


#: the case endings Russian adds to an upper-case abbreviation («БАДы», «БАДов», «ЧОПом»)
_ENDINGS = "ами|ам|ах|ов|ом|а|у|е|ы"


@lru_cache(maxsize=4)
def load_language(directory: str | None = None) -> Language:
    """Read the language data files from ``directory`` (default: the bundled ``reference/``)."""
    root = Path(directory) if directory else bundled_path("reference")
    stopwords = _words(root / "stopwords.txt")

    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for line in _data_lines(root / "abbreviations.txt"):
        if " = " in line:
            short, full = (p.strip() for p in line.split(" = ", 1))
            exact[short] = full
        elif "~" in line:
            short, full = (p.strip() for p in line.split("~", 1))
            folded[short.lower()] = full
    # written in lower case, as people type: «азс», «ит-компания», «вывоз тбо», «продажа бадов» — in no form
    # that is a word too («по», «сто», «то»: a preposition, a number, a particle) — and in lower case only: the
    # «шарниры Гука» of a name are no ГУК
    lowered = {short.lower() + ending: full for short, full in exact.items() if short.lower() not in folded
               for ending in ("", *(_ENDINGS.split("|") if short.isalpha() else ()))
               if not _common_word(short.lower() + ending)}
    abbreviations = []
    if exact:
        alternatives = "|".join(re.escape(k) for k in sorted(exact, key=len, reverse=True))
        # a whole word, or the first part of a hyphenated one: «ИТ-аутсорсинг», «IT-компания», declined
        # by a lower-case ending as people write them: «продажа БАДов», «охрана ЧОПом»
        abbreviations.append((re.compile(rf"(?<![\w-])(?P<short>{alternatives})(?:{_ENDINGS})?(?=-\w|(?![\w-]))"),
                              exact))
    if lowered:
        alternatives = "|".join(re.escape(k) for k in sorted(lowered, key=len, reverse=True))
        abbreviations.append((re.compile(rf"(?<![\w-])(?P<short>{alternatives})(?=-\w|(?![\w-]))"), lowered))
    if folded:
        alternatives = "|".join(re.escape(k) for k in sorted(folded, key=len, reverse=True))
        # declined as a word is: «в вузе», «вузов»
        abbreviations.append((re.compile(rf"(?<!\w)(?P<short>{alternatives})(?:{_ENDINGS})?(?!\w)", re.IGNORECASE),
                              folded))

    raw_synonyms: list[tuple[str, str]] = []
    for line in _data_lines(root / "synonyms.txt"):
        canonical, variants = line.split(":", 1)
        raw_synonyms.extend((variant, canonical) for variant in variants.split(","))
    pairs = [(tuple(fold(v).split()), tuple(fold(canonical).split())) for v, canonical in raw_synonyms if v.strip()]
    single = {v[0]: c for v, c in pairs if len(v) == 1}
    # canonical wording is final: «грузовик → грузовой автомобиль» and «автомобиль → автотранспортный
    # средство» make «грузовик → грузовой автотранспортный средство»
    pairs = [(v, tuple(w for word in c for w in (single.get(word, (word,)) if single.get(word) != v else (word,))))
             for v, c in pairs]
    synonyms = tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    prefixes = _forms(root / "prefixes.txt")
    places = _groups(root / "places.txt") if (root / "places.txt").exists() else {}
    actions = {**_groups(root / "actions.txt"), **places}
    generic = _words(root / "generic.txt")
    qualifiers = _words(root / "qualifiers.txt")
    hypernyms: dict[str, tuple[tuple[str, ...], ...]] = {}
    _add_kinds(root / "hypernyms.txt", hypernyms)
    _add_kinds(root / "elements.txt", hypernyms)
    implied = _add_kinds(root / "states.txt", hypernyms)
    curated = frozenset(hypernyms)  # a word the curated files name takes no kind from Wiktionary
    _add_kinds(root / "hypernyms-wiktionary.txt", hypernyms, skip=curated)
    defined: dict[str, tuple[tuple[str, ...], ...]] = {}
    _add_kinds(root / "definitions-wiktionary.txt", defined, skip=curated)
    vague = _words(root / "vague.txt", optional=True)
    for word, kinds in defined.items():  # «овчарня»: a «помещение» for овца — the definition says which
        # … and a definition made only of vague words says nothing: «спил», the «значение» of a verb
        told = hypernyms.get(word, ()) + kinds
        hypernyms[word] = tuple(dict.fromkeys(kind for kind in told if not set(kind) <= vague))
    forms = _forms(root / "combining.txt")
    combining = tuple((form, noun[0]) for form, noun in forms if not form.startswith("-"))
    compounds = _groups(root / "compounds.txt") if (root / "compounds.txt").exists() else {}
    projects = _groups(root / "projects.txt") if (root / "projects.txt").exists() else {}
    return Language(stopwords, synonyms, tuple(abbreviations), prefixes, actions, generic, qualifiers,
                    hypernyms, combining, curated,
                    _words(root / "underived.txt"),
                    *_materials(root / "materials.txt"), _chemistry(root / "chemistry.txt"), implied,
                    _senses(root / "senses.txt"),
                    frozenset(p for p, group in compounds.items() if group in ("opening", "degree")),
                    frozenset(p for p, group in compounds.items() if group == "suffix"),
                    _words(root / "any-product.txt"),
                    _groups(root / "repair.txt"),
                    _agent_rules(root / "agents.txt"), defined,
                    _hyphenated(prefixes, frozenset(p for p, group in compounds.items() if group == "degree")),
                    _words(root / "manner.txt", optional=True), frozenset(places),
                    frozenset(form[1:] for form, said in forms if form.startswith("-") and said == ("-",)),
                    _words(root / "persons-wiktionary.txt", optional=True)
                    | _words(root / "persons.txt", optional=True),  # … and those Wiktionary's thesaurus lacks
                    stopwords & frozenset(places),
                    *_ways(root / "ways.txt"),
                    frozenset(w for w, group in projects.items() if group == "project"),
                    frozenset(w for w, group in projects.items() if group == "enterprise"),
                    _groups(root / "quantities.txt") if (root / "quantities.txt").exists() else {},
                    _words(root / "headings.txt", optional=True), _words(root / "passengers.txt", optional=True),
                    {form[1:]: said[0] for form, said in forms if form.startswith("-") and said != ("-",)},
                    frozenset(w for w, group in projects.items() if group == "built"),
                    frozenset(w for w, group in projects.items() if group == "order"),
                    _words(root / "parts.txt", optional=True), _words(root / "works.txt", optional=True),
                    tuple(frozenset(fold(line).split()) for line in _data_lines(root / "usual.txt"))
                    if (root / "usual.txt").exists() else (),
                    _words(root / "operators.txt", optional=True),
                    frozenset(normalized_key(line) for line in _data_lines(root / "placeholders.txt"))
                    if (root / "placeholders.txt").exists() else frozenset())


def _hyphenated(prefixes: tuple[tuple[str, tuple[str, ...]], ...], degree: frozenset[str]
                ) -> tuple[re.Pattern, dict[str, str]]:
    """«электро-», «мини-» before a hyphen and a letter, as a whole word, and how each reads."""
    read = {form: " ".join(expansion) + " " for form, expansion in prefixes}
    read.update(dict.fromkeys(degree, ""))
    parts = "|".join(map(re.escape, sorted(read, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])({parts})-(?=[а-я])"), read


def _wording_head(wording: tuple[str, ...], generic: frozenset[str]) -> int:
    """Which word of a synonym's wording is its head: its first noun that says what the thing is, not an
    adjective before it («лесхоз» → лесной *хозяйство*); with none such, its first word («автомобиль» →
    *автотранспортный* средство: «средство» says nothing); none (-1) for a wording of adjectives only, which
    names no thing («кожевенный» → кожаный).

    >>> _wording_head(("лесной", "хозяйство"), frozenset()), _wording_head(("автотранспортный", "средство"), frozenset({"средство"}))
    (1, 0)
    >>> _wording_head(("кожаный",), frozenset())
    -1
    """
    if all(_modifier(word) for word in wording):
        return -1
    return next((at for at, word in enumerate(wording) if not _modifier(word) and word not in generic), 0)


def _synonyms_replaced(words: list[str], by_first: Mapping[str, list[tuple[tuple[str, ...], tuple[str, ...], int]]]
                       ) -> tuple[list[tuple[str, int, bool, bool]], list[str]]:
    """Synonym phrases replaced, longest first (``by_first``: a variant's first word → its variants, each with
    its canonical wording and which word of it is the head): (word, index of its source word, replaced?, the
    head of its synonym's wording?) and notes.

    >>> _synonyms_replaced(["ремонт", "авто"], {"авто": [(("авто",), ("автомобиль",), 0)]})
    ([('ремонт', 0, False, False), ('автомобиль', 1, True, True)], ['авто → автомобиль'])
    """
    out, notes = [], []
    i = 0
    while i < len(words):
        for variant, canonical, lead in by_first.get(words[i], ()):
            n = len(variant)
            if tuple(words[i:i + n]) == variant:
                out.extend((c, i, True, at == lead) for at, c in enumerate(canonical))
                notes.append(f"{' '.join(variant)} → {' '.join(canonical)}")
                i += n
                break
        else:
            out.append((words[i], i, False, False))
            i += 1
    return out, notes


def _verb_as_action(items: Sequence[tuple], nouns: Mapping[str, int],
                    by_first: Mapping[str, list]) -> tuple[list[str], list[str]]:
    """The lemmas of a query, the verb it opens with as its action's noun where a synonym phrase opens with that
    noun, so that the phrase is read as it is after the noun: «Ремонтируем квартиры» as «ремонт квартир»; and
    notes. Not a verb further on, nor in notes: «может быть реализована» sells nothing.

    >>> _verb_as_action([("ремонтировать", "VERB"), ("квартира", "NOUN")], {"ремонт": 9},
    ...                 {"ремонт": [(("ремонт", "квартира"), ("отделка",), 0)]})
    (['ремонт', 'квартира'], ['ремонтировать → ремонт'])
    """
    words = [word for word, *_ in items]
    noun = derive_action(words[0], nouns) if items and items[0][1] in VERB_READINGS else None
    if noun not in by_first:
        return words, []
    return [noun] + words[1:], [f"{words[0]} → {noun}"]


def _thing_named(items: Sequence[tuple[str, str | None, bool, str, bool]], language: Language) -> bool:
    """A text that opens with an organisation's word (places.txt and stopwords.txt: «станция», «центр») and
    no other noun after it names that thing, in a product name's order: «Станции компрессорные» are made
    (28.13), while a «Ветеринарная станция» or a «Станция скорой помощи» is where a service is done.

    >>> _thing_named(content_lemmas("Станции компрессорные", load_language()), load_language())
    True
    >>> _thing_named(content_lemmas("Станция скорой помощи", load_language()), load_language())
    False
    """
    return bool(items) and items[0][0] in language.organisations and all(pos != "NOUN" for _, pos, *_ in items[1:])


def _named_with(named: list[str], here: list[str], found: Sequence[str], pos: str | None, first_pos: str | None,
                language: Language) -> list[str]:
    """The actions named so far and ``here``, those of the word just read (``found``, of part of speech ``pos``); a
    place that follows an opening adjective names the text's action first: a «строительный магазин» sells
    (торговля) building goods, it does not build."""
    if pos == "NOUN" and first_pos == "ADJF" and language.places & set(found):
        return here + [action for action in named if action not in here]
    return named + here


def _sensed(terms: list[str], named: list[str], became: Mapping[str, tuple[str, ...]],
            language: Language, first: str | None = None) -> tuple[list[str], list[str]]:
    """A text's terms and the actions it names, each word read in another sense (``reference/senses.txt``) as
    that sense, which names its own action: a «мебельный салон» is a shop (торговля), not a beauty salon's
    services; a first word that named none names its sense's: «Тонировка автомобилей» is полирование."""
    for word, sense in became.items():
        was, now = language.actions.get(word), next((language.actions[t] for t in sense if t in language.actions), None)
        if was in named and now is not None:
            named = [now if action == was else action for action in named]
        elif was is None and not named and now is not None and word == first:
            named = [now]
    return [t for term in terms for t in became.get(term, (term,))], named


def _senses_read(terms: list[str], broader: list, notes: list[str], senses: Mapping[str, tuple[Sense, ...]],
                 term: Callable[[str], tuple[tuple[str, ...], str | None]], whole: bool = False,
                 aside: Sequence[Container[str]] = (), persons: Callable[[], Container[str]] = frozenset
                 ) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Words read in the sense their company gives them (``reference/senses.txt``), each with the terms it
    becomes (by ``term``), and the notes: «Соли церия» → {соль: (химический, соединение)}. A sense whose
    context is «-» is the word said alone in a ``whole`` text (a query, not an item of a list); «*», the
    only thing a ``whole`` text names, its other words in ``aside`` (what is done, where, which way):
    «Торговля продуктами», «Магазин продуктов»; «@», one of a ``whole`` text's ``persons()``, named by what one
    does: «Подготовка сварщиков»."""
    if not senses or not senses.keys() & set(terms):
        return {}, notes
    became: dict[str, tuple[str, ...]] = {}
    for word in terms:
        if word not in senses:
            continue
        # the other words, and what they are kinds of (not what the word itself is)
        around = {t for t in terms if t != word} | {w for other, kinds in broader if other != word
                                                    for kind in kinds for w in kind}
        # a «Магазин» of no goods named sells all kinds; a note's «магазинов» is a building of a list
        only = whole and all(any(t in words for words in aside) for t in terms if t != word)
        read = next((sense for context, sense, _ in senses[word] if context & around
                     or whole and ALONE in context and not around or ONLY in context and only
                     or whole and PERSON in context and any(p != word for p in persons())), None)
        found = read is not None
        read = read if found else next((otherwise for *_, otherwise in senses[word] if otherwise), ())
        if read and read != (word,):  # a word read as itself is no change
            became[word] = tuple(t for w in read for t in term(w)[0])
            said = ("сказано одно" if not around else "по контексту") if found else "без иного контекста"
            notes = notes + [f"{word} → {' '.join(read)} ({said})"]
    return became, notes


def _persons(items: Iterable[tuple], language: Language) -> frozenset[str]:
    """The words of a text, as written, that name someone by what one does: «сварщик», «бармен» (persons*.txt,
    or a noun pymorphy3 reads as animate only: :func:`is_person`), before a synonym reads them as the work."""
    return frozenset(word for word, pos, *_ in items if pos == "NOUN" and (word in language.persons or is_person(word)))


def _performed(items: Sequence[tuple], named: list[str], language: Language) -> list[str]:
    """The actions a text names, less the making that only performs works: «Производство штукатурных
    работ» does «работы» (``reference/actions.txt``), it makes nothing, as «Производство штукатурки» does.

    >>> _performed(content_lemmas("Производство кровельных работ", load_language()), ["производство", "работы"],
    ...            load_language())
    ['работы']
    """
    if items and language.actions.get(items[0][0]) == "производство":
        after = next((word for word, pos, *_ in items[1:] if pos not in _QUALIFYING), None)
        if after is not None and language.actions.get(after) == WORKS:
            return [action for action in named if action != "производство"] or named
    return named


def _split_as_listed(word: str, parts: tuple[str, ...], language: Language) -> bool:
    """Whether a compound's split agrees with the kind ``reference/hypernyms.txt`` lists it under, if any: its
    last part ends a word of the kind («нефтепровод» → нефть + провод, a трубопровод), or no kind is listed.
    «теплоход», a судно, is no тепло + ход.

    >>> _split_as_listed("теплоход", ("тепло", "ход"), load_language())
    False
    >>> _split_as_listed("нефтепровод", ("нефть", "провод"), load_language())
    True
    """
    kinds = language.hypernyms.get(word, ()) if word in language.curated_hypernyms else None
    return kinds is None or any(w.endswith(parts[-1]) for kind in kinds for w in kind)


def _kinds_word(word: str, found: Sequence[str], language: Language) -> str:
    """The word whose kinds a text's word is read by: the word itself when listed by hand, not what it was
    derived to («рюмочная», a kind of ресторан, not «рюмка»); else the term it became, if that has kinds."""
    if word in language.curated_hypernyms:
        return word
    return found[-1] if found[-1] in language.hypernyms else word


#: how :func:`_with_combining` notes each part a combining form adds, and how :func:`_parts_kind` finds them
_PART_NOTE = "{} ⊃ {}"


def _split_note(word: str, parts: Sequence[str]) -> str:
    """How a compound split into its parts is noted (:meth:`Analyzer._compound`, :meth:`Analyzer._joined`), and
    how :func:`_owner` knows one: «автозапчасть → автотранспортный + деталь»."""
    return f"{word} → {' + '.join(parts)}"


def clipped_works(word: str, vocabulary: Container[str], works: Iterable[str]) -> tuple[str, str] | None:
    """A works named by a word's stem clipped before it, no joining vowel: «спиртзавод» → (спирт, завод),
    «хлебзавод» → (хлеб, завод); None for another word.

    >>> clipped_works("спиртзавод", {"спирт", "завод"}, ["завод"])
    ('спирт', 'завод')
    """
    for place in works:
        stem_ = word[:-len(place)]
        if word.endswith(place) and len(stem_) >= CLIPPED_MIN and stem_[-1] not in "ое":
            left = next((stem_ + e for e in _JOINED_HARD + _JOINED_SOFT if stem_ + e in vocabulary), None)
            if left is not None:
                return left, place
    return None


def _parts_kind(found: Sequence[str], note: str | None) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    """A word a combining form splits into a noun and an action (:func:`_with_combining`) as a kind of the
    two: a name that has both says it in its own words — «нефтеперерабатывающий» завод is also 19.20
    «Производство нефтепродуктов», whose notes say «нефтепереработки», not only a name with the word
    itself. None for a word split into fewer parts: «рыболовство» is more than рыба."""
    parts = tuple(t for t in found[1:] if _PART_NOTE.format(found[0], t) in (note or ""))
    return (found[0], (parts,)) if len(parts) >= 2 else None


def _owner(word: str, found: Sequence[str], note: str | None, language: Language) -> tuple[str, ...]:
    """What a compound's parts are parts of: «автозапчасти» (автотранспортный + деталь) are parts for motor
    vehicles, as the names say «комплектующих … для автотранспортных средств», not motor vehicles.

    >>> _owner("автозапчасть", ("автотранспортный", "деталь"), "автозапчасть → автотранспортный + деталь",
    ...        load_language())
    ('автотранспортный',)
    """
    compound = len(found) > 1 and note == _split_note(word, found)
    return tuple(found[:-1]) if compound and found[-1] in language.generic else ()


def _with_roles(roles: dict[str, set[str]], role: str, found: Sequence[str], owner: Sequence[str]) -> list[str]:
    """Record a word's terms under its role, those of what it is a part of (``owner``, :func:`_owner`) under
    «для»; its own terms: «автозапчасти» are деталь, for автотранспортный.

    >>> roles = {"": set(), "для": set(), "из": set()}
    >>> _with_roles(roles, "", ("автотранспортный", "деталь"), ("автотранспортный",)), roles["для"]
    (['деталь'], {'автотранспортный'})
    """
    own = [t for t in found if t not in owner]
    roles[role].update(own)
    roles["для"].update(owner)
    return own


def _actions_of(word: str, found: Sequence[str], broader: list, language: Language) -> list[str]:
    """The actions a text's word names: its terms' (``reference/actions.txt``), the place it is (a
    «бильярдная», read as бильярдный), or the place it is a kind of (:func:`_place_action`)."""
    kinds = broader[-1][1] if found and broader and broader[-1][0] == found[-1] else ()  # what the word is a kind of
    return [language.actions[t] for t in found if t in language.actions] \
        or ([language.actions[word]] if word in language.places else []) \
        or _place_action(kinds, language) \
        or (["услуги"] if word in language.persons or _a_science(kinds) else [])


def _a_science(kinds: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a word of these kinds is a science, which one practises for others, not a product to make:
    «геофизика» (a «комплексный наука» in the thesaurus) is 71.12's surveying, not 26.51.1's «… геофизических …
    приборов». A word of the official names is read as itself and has no kinds here («геодезия»).

    >>> _a_science((("комплексный", "наука"),)), _a_science((("прибор",),))
    (True, False)
    """
    return any("наука" in kind for kind in kinds)


_TWO_FIRST = re.compile(r"^\W*(\w+)\s+и\s+(\w+)")


def _action_next(text: str, items: Sequence[tuple], language: Language) -> bool:
    """Whether a text begins with a word that is no action and, after «и», one that is: in
    «Сборка и ремонт компьютеров», «Покупка и продажа земли» the second still says what is done."""
    pair = _TWO_FIRST.match(fold(text))
    return pair is not None and len(items) > 1 and items[1][0] in language.actions and not items[1][2] \
        and (lemma(pair.group(1))[0], lemma(pair.group(2))[0]) == (items[0][0], items[1][0])


def _place_action(kinds: tuple[tuple[str, ...], ...], language: Language) -> list[str]:
    """The action done at the place a word is a kind of (``reference/places.txt``): «чебуречная», a kind of
    ресторан, is a service, not a product to make; a kind of several words (a definition) is no place.

    >>> _place_action((("ресторан",), ("небольшой", "ресторан", "закусочная")), load_language())
    ['услуги']
    >>> _place_action((("посуда",),), load_language())
    []
    """
    return [language.actions[kind[0]] for kind in kinds if len(kind) == 1 and kind[0] in language.places][:1]


def _kinds_said(word: str, kinds: Sequence[tuple[str, ...]], language: Language) -> str:
    """What a word is, as an explanation says it: «вид: лампа / мебель, по словарю: напольный светильник
    высокий подставка» (торшер)."""
    defined = language.defined.get(word, ())
    said = "значит" if word in language.implied else "вид"
    parts = [(said, [k for k in kinds if k not in defined]), ("по словарю", [k for k in kinds if k in defined])]
    return ", ".join(f"{name}: {' / '.join(' '.join(k) for k in found)}" for name, found in parts if found)


def _add_kinds(path: Path, kinds: dict[str, tuple[tuple[str, ...], ...]],
               skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """Add the lines «broader lemma(s): narrower, narrower, …» of a kinds file (hypernyms.txt and its
    kin) to ``kinds``, except for the words of ``skip``; return the narrower words read."""
    read = set()
    for line in _data_lines(path) if path.exists() else ():
        broader, narrower = line.rsplit(":", 1)
        for word in (fold(w.strip()) for w in narrower.split(",")):
            if word and word not in skip:
                kinds[word] = tuple(dict.fromkeys(kinds.get(word, ()) + (tuple(fold(broader).split()),)))
                read.add(word)
    return frozenset(read)


def _senses(path: Path) -> dict[str, tuple[Sense, ...]]:
    """Lines «word | context, context | sense [| sense otherwise]» of senses.txt; a word may have several,
    read in order."""
    senses: dict[str, tuple[Sense, ...]] = {}
    for line in _data_lines(path) if path.exists() else ():
        word, context, sense, *otherwise = (fold(part.strip()) for part in line.split("|"))
        senses[word] = senses.get(word, ()) + ((frozenset(w.strip() for w in context.split(",")), tuple(sense.split()),
                                                tuple(otherwise[0].split()) if otherwise else ()),)
    return senses


def _chemistry(path: Path) -> tuple[tuple[str, bool, tuple[str, ...]], ...]:
    """Lines «-part- = kind» (anywhere) and «-ending = kind» of chemistry.txt, in order."""
    rules = []
    for line in _data_lines(path) if path.exists() else ():
        part, kind = (side.strip() for side in line.split("=", 1))
        rules.append((fold(part.strip("-")), part.endswith("-"), tuple(fold(kind).split())))  # empty: not one
    return tuple(rules)


def _agent_rules(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Lines «suffix = endings» of agents.txt, longest suffix first; «-» is none (the whole word, no ending)."""
    def none(part: str) -> str:
        return "" if part == "-" else part

    return tuple((none(suffix), tuple(map(none, endings))) for suffix, endings in _forms(path)) if path.exists() else ()


def _forms(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Lines «form = lemma lemma» (prefixes.txt, combining.txt), longest form first."""
    pairs = []
    for line in _data_lines(path):
        form, expansion = (p.strip() for p in line.split("=", 1))
        pairs.append((fold(form), tuple(fold(expansion).split())))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _materials(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """materials.txt: term → its group, and group → the wider group it is part of («черный металл <
    металл: сталь, …»)."""
    return _narrower(_groups(path))


def _narrower(groups: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Lemma → «group < wider group» (materials.txt, ways.txt) as lemma → group, and group → wider group."""
    narrow_of, wider = {}, {}
    for term, group in groups.items():
        narrow, _, broad = (part.strip() for part in group.partition("<"))
        narrow_of[term] = narrow
        if broad:
            wider[narrow] = broad
    return narrow_of, wider


def _ways(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    """ways.txt: term → its way, way → the wider way (as materials.txt), way → what differs, and what
    differs → its context words («[вид транспорта] = транспорт, перевозка, …»)."""
    contexts: dict[str, frozenset[str]] = {}
    sections: dict[str, list[str]] = {}  # what differs → its lines of ways
    kind = ""
    for line in _data_lines(path) if path.exists() else ():
        if line.startswith("["):
            kind, words = (part.strip() for part in line[1:].split("]", 1))
            contexts[kind] = frozenset(fold(w.strip()) for w in words.lstrip("=").split(",") if w.strip())
        else:
            sections.setdefault(kind, []).append(line)
    ways: dict[str, str] = {}
    wider: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for kind, lines in sections.items():
        way_of, wider_of = _narrower(_group_lines(lines))
        ways.update(way_of)
        wider.update(wider_of)
        kinds.update(dict.fromkeys(way_of.values(), kind))
    return ways, wider, kinds, contexts


def _groups(path: Path) -> dict[str, str]:
    """Lines «group: lemma, lemma, …» (actions.txt, materials.txt; repair.txt with codes) as lemma → group."""
    return _group_lines(_data_lines(path))


def _group_lines(lines: Iterable[str]) -> dict[str, str]:
    """:func:`_groups` of lines already read: a section of ways.txt."""
    out = {}
    for line in lines:
        group, lemmas = line.split(":", 1)
        for lemma in lemmas.split(","):
            if lemma.strip():
                out[fold(lemma.strip())] = fold(group.strip())
    return out


# ---------------------------------------------------------------- morphology


@lru_cache(maxsize=1)
def morph():
    """The one MorphAnalyzer of the process (loading it takes a fraction of a second)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=300_000)
def lemma(word: str, first: bool = False) -> tuple[str, str | None]:
    """Lemma and part of speech of a lower-case word, ё folded: ``lemma("стали")`` → ``("сталь", "NOUN")``.

    ``first``: the word opens a name, which is in the nominative: «Суда рыболовного флота» are
    ships (судно), not «суд» in the genitive; «Стали легированные» are steels."""
    if not re.search("[а-я]", word):
        return word, "LATN" if re.search("[a-z]", word) else "NUMB"
    best = _reading(word, first)
    pos = best.tag.POS
    return best.normal_form.replace("ё", "е"), str(pos) if pos else None


@lru_cache(maxsize=300_000)
def _parses(word: str) -> tuple:
    """The dictionary's readings of a word, most likely first: one pymorphy3 call per word, for every
    question asked of it below."""
    return tuple(morph().parse(word))


def _derivation_nouns(language: Language, counts: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """The words derivation may reach, counted: the vocabulary's, and those a synonym turns into the
    reference's wording; and of them, those an adjective may be made from — not a verb (the notes say
    «может быть»: «бытовой» is not «быть»), nor the first part of a compound no dictionary has, written apart
    in «металло- и деревообрабатывающих»: «металлический» is of металл, not «металло», nor a person no
    name has: «офтальмологический» is of the field, not of the офтальмолог."""
    nouns = {**{v[0]: 1 for v, _ in language.synonyms if len(v) == 1},
             **dict.fromkeys(language.curated_hypernyms, 1), **counts}
    parts = language.compound_parts
    return nouns, {w: n for w, n in nouns.items() if not _only_verb(w) and not (w in parts and not is_known(w))
                   and not (w in language.persons and w not in counts)}


def _only_verb(word: str) -> bool:
    """A word the dictionary knows as an infinitive and never as a noun: ``_only_verb("быть")`` is True,
    ``_only_verb("печь")`` False (a stove too)."""
    parses = _parses(word) if word.endswith(("ть", "ти", "чь")) else ()
    return any(p.tag.POS == "INFN" and p.is_known for p in parses) and not any(p.tag.POS == "NOUN" for p in parses)


@lru_cache(maxsize=300_000)
def _reading(word: str, first: bool = False):
    """The pymorphy3 parse :func:`lemma` stands for."""
    parses = _parses(word)
    best = parses[0]
    # a word that is, as written, an indeclinable noun as likely as any other reading is that noun: «суши»,
    # not суша nor сушить
    best = next((p for p in parses if "Fixd" in p.tag.grammemes and p.tag.POS == "NOUN" and p.score >= best.score
                 and p.normal_form == word and p.is_known and not _NAMED & p.tag.grammemes), best)
    if best.tag.POS == "NOUN" and len(best.methods_stack) > 1 and not _keeps_stem(word, best.normal_form):
        # a guess for a noun the dictionary lacks, by a known word at its end, that changes the stem:
        # «пеллет» is no «пелгод» (лет → год)
        itself = word.replace("ё", "е")
        best = next((p for p in parses if p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") == itself), best)
    if first and best.tag.case != "nomn":  # product names are mostly plural: «Вина», «Пилы», «Корма»
        nominative = [p for p in parses if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF")
                      and not _NAMED & p.tag.grammemes]
        best = next((p for p in nominative if p.tag.number == "plur"), nominative[0] if nominative else best)
    if first and "Apro" in best.tag.grammemes:  # «Моем окна» opens with мыть, not with the pronoun «мой»
        verb = next((p for p in parses if p.tag.POS == "VERB" and "indc" in p.tag.grammemes), None)
        if verb is not None:
            return verb
    # «Управляем домами», «Роем котлованы», «Косим траву» open with what we do, not with «управляемый», a swarm
    # in the instrumental or a man's name; «Крашу автомобили», «Кладу плитку», what I do (the self-employed write
    # so), not a crush in the dative nor a treasure
    if first and best.tag.POS == "VERB" and {"1per", "indc"} <= best.tag.grammemes:
        return best
    if first and (best.tag.POS == "ADJS" or _NAMED & best.tag.grammemes
                  or best.tag.POS == "NOUN" and best.tag.case != "nomn"):
        verb = next((p for p in parses if p.tag.POS == "VERB" and {"1per", "indc"} <= p.tag.grammemes), None)
        if verb is not None:
            return verb
    if best.tag.POS in VERBAL_POS:  # «стали» in «производство стали» is steel, not «стать»
        best = next((p for p in parses if p.tag.POS in PREFERRED_POS), best)
    elif best.tag.POS == "ADJS":  # «выпечка тортов» is of торт, not of a short «тортовый», when as likely
        best = next((p for p in parses if p.tag.POS == "NOUN" and p.score >= best.score
                     and not _NAMED & p.tag.grammemes), best)  # «ковров» are of ковер, not the town Ковров
    elif best.tag.POS == "NPRO":  # «прочего оборудования»: the adjective «прочий», not a pronoun
        best = next((p for p in parses if p.tag.POS == "ADJF"), best)
    elif _NAMED & best.tag.grammemes:  # «сплавы галлия» are of галлий, not of a woman called Галлия;
        # «полов» of пол, the floor, not of полова; «предиктивной» is an adjective; «газы» of газ, not Газа
        common = [p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF") and not _NAMED_OR_WHOSE & p.tag.grammemes]
        best = next((p for p in common if p.normal_form == best.normal_form), common[0] if common else best)
    return best


def _keeps_stem(word: str, lemma: str) -> bool:
    """Whether a lemma keeps a word's beginning, all of it but the last two letters: «пеллет» → «пеллёт»."""
    return lemma.replace("ё", "е").startswith(word[:max(len(word) - 2, 1)].replace("ё", "е"))


_PERSONAL = frozenset({"Name", "Surn", "Patr"})  # a person's name: no activity is named after one
_WHOSE = _PERSONAL | {"Poss"}  # nor after a person's («токсикоманов» is not Токсикоманов's)
_NAMED = _PERSONAL | {"Geox", "Orgn"}  # … nor a place's or an organisation's name («ковров» is no town Ковров)
_NAMED_OR_WHOSE = _NAMED | _WHOSE


@lru_cache(maxsize=100_000)
def _only_dative(word: str) -> bool:
    """Whether a word can be dative and cannot be genitive: «инвалидам», not «услуг» or «стали»."""
    cases = {p.tag.case for p in _parses(word) if p.tag.POS in PREFERRED_POS}
    return "datv" in cases and "gent" not in cases


@lru_cache(maxsize=100_000)
def _may_be_adjective(word: str) -> bool:
    """Whether the dictionary has an adjective reading of a word: «домашние», «ракообразные»; not «жиры»."""
    return any(p.tag.POS == "ADJF" for p in _parses(word))


@lru_cache(maxsize=10_000)
def _modifier(word: str) -> bool:
    """Whether a word of a synonym's wording qualifies the noun after it: an adjective («оздоровительный»)
    or the short form that opens a compound adjective («физкультурно» of «физкультурно-оздоровительная
    деятельность»), so that the action the wording names after it is still named first."""
    return word.endswith(ADJECTIVE_ENDINGS) or _parses(word)[0].tag.POS in ("ADJS", "ADVB")


@lru_cache(maxsize=100_000)
def _agreeing(word: str, number: str | None, case: str | None, gender: str | None,
              after_adjective: bool = False) -> tuple[str, str] | None:
    """The adjective a word is when it agrees with the noun before it and the dictionary would read
    a noun made from an adjective: «Креветки мороженые» are frozen, not ice creams (мороженое).
    After a word that may be an adjective standing for a noun, only if the dictionary finds the
    adjective likely enough (``AGREEING_ODDS``): «Морские животные» are animals, «животный» is rare."""
    best = _reading(word)
    if best.tag.POS != "NOUN" or not best.normal_form.endswith(_SUBSTANTIVE_ENDINGS):
        return None
    parses = _parses(word)
    if after_adjective and sum(p.score for p in parses if p.tag.POS == "ADJF") < AGREEING_ODDS:
        return None
    for parse in parses:
        tag = parse.tag
        if tag.POS == "ADJF" and tag.number == number and tag.case == case \
                and (number == "plur" or tag.gender == gender):
            return parse.normal_form.replace("ё", "е"), "ADJF"
    return None


def _qualifies(after: Sequence[str]) -> bool:
    """Whether an adjective has a noun or an adjective after it to qualify (past an adverb), or, past «и»,
    «или», adjectives and then a noun: «столовых и кухонных принадлежностей», not «Пельменная и закусочная».

    >>> _qualifies(["и", "кухонных", "принадлежностей"]), _qualifies(["и", "закусочная"])
    (True, False)
    """
    poses = (p for p in (lemma(w)[1] for w in after) if p not in _SKIPPED_AFTER)
    first = next(poses, None)
    if first == "CONJ" and after[0] in ("и", "или"):
        return next(poses, None) == "ADJF" and next((p for p in poses if p != "ADJF"), None) == "NOUN"
    return first in ("NOUN", "ADJF")


def _adjective_before(word: str, after: Sequence[str]) -> tuple[str, str] | None:
    """The adjective a word the dictionary reads as a noun made from one is, when what follows shows it
    qualifies: a noun it agrees with, or «и», an adjective it agrees with and a word that one may qualify.

    >>> _adjective_before("животного", ["жира"]), _adjective_before("столовой", ["и", "кухонной", "посуды"])
    (('животный', 'ADJF'), ('столовый', 'ADJF'))
    >>> _adjective_before("столовая", ["на", "вокзале"]), _adjective_before("пельменная", ["и", "закусочная"])
    (None, None)
    """
    if len(after) >= 3 and after[0] in ("и", "или"):
        other = _reading(after[1])
        if other.tag.POS != "ADJF" or _reading(after[2]).tag.POS not in ("NOUN", "ADJF"):
            return None
    elif after:
        other = _reading(after[0])
        if other.tag.POS != "NOUN":
            return None
    else:
        return None
    return _agreeing(word, other.tag.number, other.tag.case, other.tag.gender)


@lru_cache(maxsize=100_000)
def _substantive(word: str, number: str | None, case: str | None, gender: str | None) -> str | None:
    """The noun an adjective stands for when it stands alone — no noun before it (``number``, ``case``,
    ``gender``: that noun's, or None) that it agrees with: «Деятельность столовых» are canteens
    (столовая), as the query «столовая» is; «закусочная» is a snack bar. None for a word the dictionary
    reads as no such adjective, or one that agrees with the noun before it («Изделия булочные»)."""
    parses = _parses(word)
    best = _reading(word)
    if best.tag.POS != "ADJF":
        return None
    if any(p.tag.POS == "ADJF" and p.tag.number == number and p.tag.case == case
           and (number == "plur" or p.tag.gender == gender) for p in parses):
        return None
    if sum(p.score for p in parses if p.tag.POS == "NOUN") < SUBSTANTIVE_ODDS:
        return None
    return _twin(parses, "NOUN", best.normal_form)


def _establishment(word: str) -> str | None:
    """A text that opens with a feminine «-ная» alone names a place after its dish or game, though the
    dictionary hardly knows the noun: «пельменная», «бургерная»."""
    best = _reading(word)
    if best.tag.POS == "ADJF" and word.endswith(_ESTABLISHMENT_ENDINGS) \
            and {"femn", "sing", "nomn"} <= best.tag.grammemes:
        return word.replace("ё", "е")
    return None


@lru_cache(maxsize=100_000)
def _adjective_twin(noun: str) -> str | None:
    """The adjective a noun made from an adjective is: «булочная» → булочный (then булка)."""
    return _twin(_parses(noun), "ADJF", noun) if noun.endswith(_PLACE_ENDINGS) else None


def _twin(parses, pos: str, form: str) -> str | None:
    """Among a word's ``parses``, the dictionary form in ``pos`` of the other part of speech of ``form``
    (same stem, another two-letter ending), the noun one of :data:`_PLACE_ENDINGS`: столовый → столовая."""
    return next((p.normal_form.replace("ё", "е") for p in parses if p.tag.POS == pos
                 and p.normal_form[:-2] == form[:-2]
                 and (pos != "NOUN" or p.normal_form.endswith(_PLACE_ENDINGS))), None)


def normalize(text: str, language: Language | None = None) -> str:
    """Text ready for tokens: «Пр-во ПО для ЭВМ» → «производство программное обеспечение для
    вычислительные машины» (abbreviations expanded, lower case, ё → е); a first part before a hyphen
    that makes compounds is read as such: «электро-монтаж» → «электрический монтаж», «мини-гостиница» →
    «гостиница» (``reference/prefixes.txt``, ``reference/compounds.txt``)."""
    language = language or load_language()
    text = fold(_expand(text, language)[0])
    if "-" not in text or language.hyphenated is None:
        return text
    pattern, read = language.hyphenated
    return _MODIFIER_FIRST.sub(lambda m: _head_first(m, language), pattern.sub(lambda m: read[m.group(1)], text))


#: two nouns joined by a hyphen, letters only: «сэндвич-панелей»
_MODIFIER_FIRST = re.compile(r"(?<![\w-])([а-я]{3,})-([а-я]{3,})(?![\w-])")
#: an abbreviation in capitals joined by a hyphen to a word it qualifies: «ПВХ-профиля», «LED-ламп»
_ABBREVIATION_FIRST = re.compile(r"(?<![\w-])([A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,5})-([а-яё]{3,})(?![\w-])")


#: an abbreviation in capitals before a word in lower case: «ПВХ окон»
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w-])([A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,5}) ([а-яё]{3,})(?![\w-])")


def _made_of(match: re.Match, language: Language) -> str:
    """An abbreviation of one material (``reference/abbreviations.txt``; ``reference/materials.txt``, or a kind of
    one) before a noun says what the noun is made of: «Изготовление ПВХ окон» are windows of PVC, as «окон из
    ПВХ» says — not PVC made (20.16). Any other abbreviation stays where it is: «ТО лифтов» is servicing lifts."""
    short, word = match.groups()
    full = next((expansions[short] for _, expansions in language.abbreviations if short in expansions), "")
    material = lemma(full.lower())[0] if len(full.split()) == 1 else ""
    if not (material in language.materials or any(kind[-1] in language.materials
                                                   for kind in language.hypernyms.get(material, ()))) \
            or _reading(word).tag.POS != "NOUN":
        return match.group(0)
    return f"{word} из {short}"


def _head_first(match: re.Match, language: Language) -> str:
    """A first part that stays as it is while the second is declined says what the second is: «сэндвич-панелей»
    are панели, «пресс-форм» формы; the head goes first, as a noun before the one it governs
    («панелей сэндвич»). Two declined parts stay («вагонах-цистернах»), and so does a synonym's wording
    («колл-центра»). A place second is the head as it is too: a «гольф-клуб» is a клуб, a «кафе-бар» a бар
    (``reference/places.txt``)."""
    first, second = match.group(1), match.group(2)
    one, other = _reading(first), _reading(second)
    if one.tag.POS != "NOUN" or other.tag.POS != "NOUN" or one.normal_form != first \
            or other.normal_form == second and fold(second) not in language.places:
        return match.group(0)
    pair = (first, fold(other.normal_form))
    if any(variant[:2] == pair for variant, _ in language.synonyms):
        return match.group(0)
    return f"{second} {first}"


def abbreviations_in(text: str, language: Language | None = None) -> list[str]:
    """The abbreviations of ``reference/abbreviations.txt`` a text has, as its explanation says them:
    ``abbreviations_in("Услуги СТО")`` → ``["СТО = станции технического обслуживания автотранспортных средств"]``."""
    return _expand(text, language or load_language())[1]


def _expand(text: str, language: Language) -> tuple[str, list[str]]:
    """The text in NFC with Latin look-alikes fixed and abbreviations expanded, and each expansion as
    «СТО = станции …» (for :func:`normalize` and :func:`abbreviations_in`: one reading for both)."""
    text, _ = fix_lookalikes(unicodedata.normalize("NFC", text))
    # what the abbreviation qualifies is the head, as a noun before the one it governs: «профиля ПВХ»
    text = _ABBREVIATION_FIRST.sub(r"\2 \1", text)
    text = _ABBREVIATION_BEFORE.sub(lambda m: _made_of(m, language), text)
    said: list[str] = []
    capitals = in_capitals(text)
    for pattern, expansions in language.abbreviations:
        def expand(m: re.Match, expansions: dict[str, str] = expansions) -> str:
            short = m.groupdict().get("short") or m.group(0)
            if capitals and _preposition_before_word(short, m.string[m.end():]):
                return m.group(0)  # a preposition, in capitals as all the line: «ПО» before a word is «по»
            full = expansions.get(short) or expansions.get(short.lower(), "")
            if full:
                said.append(f"{m.group(0)} = {full}")
            return f" {full} "

        text = pattern.sub(expand, text)
    return text, said


def in_capitals(text: str) -> bool:
    """Whether a line has no lower-case letter, as registers keep them: «УСЛУГИ ПО УБОРКЕ», «РОЗН. ТОРГ.
    ЛЕКАРСТВАМИ»."""
    return not any(c.islower() for c in text)


def _common_word(word: str) -> bool:
    """Whether the dictionary knows a word as a common one, not only as an abbreviation or a name: «сто»,
    «по»; not «азс», «чоп» (a town's name)."""
    return any(p.is_known and not NOT_COMMON & p.tag.grammemes for p in _parses(word))


#: what the dictionary says of a word that is no common one: an abbreviation, a name, not Russian
NOT_COMMON = _NAMED | {"Abbr", "LATN", "UNKN"}
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _preposition_before_word(short: str, rest: str) -> bool:
    """Whether an abbreviation is also a preposition and the word after it one it may govern (no preposition,
    conjunction or particle): «ПО УБОРКЕ», not «ПО ДЛЯ БАНКОВ», «ПО И ОБОРУДОВАНИЕ» nor «РАЗРАБОТКА ПО»."""
    after = _NEXT_WORD.match(rest)
    return after is not None and _only_function_word(short.lower(), "PREP") \
        and not _only_function_word(after.group(1).lower(), "PREP", "CONJ", "PRCL")


@lru_cache(maxsize=1_000)
def _only_function_word(word: str, *pos: str) -> bool:
    """Whether the dictionary reads a word first as one of the parts of speech ``pos``: «по» a preposition."""
    parses = _parses(word)
    return bool(parses) and parses[0].tag.POS in pos and parses[0].is_known


def tokens(text: str) -> list[str]:
    """Words and numbers of normalised text; hyphenated words become their parts."""
    return _TOKEN.findall(text)


_COORDINATING = frozenset({",", "и", "или"})


def coordinated_phrases(text: str, head: str | None) -> tuple[tuple[str, frozenset[str]], ...]:
    """The things a text lists, head first, each as its noun's stem and the stems of its words — the head
    noun; for the others the adjectives before the noun, the noun, and for the last the words after the
    list — when it lists more than one (see :func:`coordinated_stems`):

    >>> [(noun, sorted(words)) for noun, words in coordinated_phrases("Торговля обувью и изделиями из кожи", "обувь")]
    [('обув', ['обув']), ('издел', ['из', 'издел', 'кожа'])]
    """
    if not head:
        return ()
    head_stem = stem(head)
    words = re.findall(r"[а-яё]+|,", fold(text))
    at = next((i for i, w in enumerate(words) if w != "," and stem(lemma(w)[0]) == head_stem), None)
    if at is None:
        return ()
    reading = _reading(words[at])
    case = None if "Fixd" in reading.tag.grammemes else reading.tag.case  # «какао» has every case
    phrases, current, joined, end = [(head_stem, [head_stem])], [], False, len(words)
    for n, word in enumerate(words[at + 1:], start=at + 1):
        if word in _COORDINATING:
            joined = True
            continue
        pos = lemma(word)[1]
        if pos in ("ADJF", "PRTF") and joined:
            current.append(stem(lemma(word)[0]))
            continue
        if pos == "NOUN" and joined \
                and any(case in (None, p.tag.case) for p in _parses(word) if p.tag.POS == "NOUN"):
            noun = stem(lemma(word)[0])
            phrases.append((noun, current + [noun]))
            current, joined = [], False
            continue
        end = n
        break
    if len(phrases) < 2:
        return ()
    phrases[-1][1].extend(stem(lemma(w)[0]) for w in words[end:] if w not in _COORDINATING)
    return tuple((noun, frozenset(said)) for noun, said in phrases)


def coordinated_stems(text: str, head: str | None) -> frozenset[str]:
    """The stems of the head noun of a text and of the nouns joined to it by a comma, «и» or «или» in its
    case, adjectives between:

    >>> sorted(coordinated_stems("Строительство кораблей, судов и плавучих конструкций", "корабль"))
    ['конструкц', 'корабл', 'судн']

    A noun that follows without a joining word («частей машин») is of the head, not beside it; a
    preposition ends the list."""
    return listed_stems(head, coordinated_phrases(text, head))


def listed_stems(head: str | None, phrases: Sequence[tuple[str, frozenset[str]]]) -> frozenset[str]:
    """The stems of a head and of the nouns of the things listed beside it (:func:`coordinated_phrases`)."""
    return frozenset({stem(head), *(noun for noun, _ in phrases)}) if head else frozenset()


def derive_noun(adjective: str, nouns: Mapping[str, int] | Iterable[str] = ()) -> str | None:
    """The noun of ``nouns`` (the reference's own words; a mapping gives their frequency) that an
    adjective is made from, by rule: strip an adjective suffix, undo a consonant alternation or a fleeting
    vowel, add a noun ending; the longest stem wins, then a noun that is not only plural, then the longer
    noun, then the more frequent one. стальной → сталь, мясной → мясо, бумажный → бумага, оптический →
    оптика, бетонный → бетон (not «бета»), молочный → молоко, гостиничный → гостиница, строительный →
    строительство, алюминиевый → алюминий, свинцовый → свинец, пчелиный → пчела, кухонный → кухня,
    стекольный → стекло, консервный → консервы, ножевой → нож (not нога); of an action: испытательный →
    испытание, измерительный → измерение. Words the reference does not use are left to stems
    (:func:`stem`): the dictionary proposes too many strays (мобильный ↛ «мобила»)."""
    counts = nouns if isinstance(nouns, Mapping) else None  # a set is searched as it is, not copied per call
    known = nouns if counts is not None or isinstance(nouns, AbstractSet) else frozenset(nouns)
    found: list[tuple[int, bool, int, int, int, str]] = []
    if adjective.endswith(_ACTION_SUFFIX):  # of an action: испыта-тельный → испыта-ние, измери-тельный → измере-ние
        base = adjective[: -len(_ACTION_SUFFIX)]
        for noun in (base + "ние", base[:-1] + "ение"):
            if noun in known:
                found.append((len(base), True, len(noun), counts[noun] if counts is not None else 1, 0, noun))
    for suffix in _ADJ_SUFFIXES:
        if not adjective.endswith(suffix):
            continue
        stem_ = adjective[: -len(suffix)]
        # «-ов-» follows the stem as it is: ножевой is of нож, not нога (ключевой, грушевый)
        alternations = _FLEETING if suffix in _OV_SUFFIXES else \
            _ALTERNATIONS + _FLEETING_N if suffix in _N_SUFFIXES else \
            _ALTERNATIONS + _FLEETING_VOWEL if suffix in _VOWEL_SUFFIXES else _ALTERNATIONS
        for base in _alternated(stem_, alternations):
            ov_i = suffix in _OV_SUFFIXES and base.endswith("и")  # алюмини-евый: the noun is алюминий
            if len(base) < 3 or (base[-1] in _VOWELS and not ov_i):
                continue
            for order, ending in enumerate(_NOUN_ENDINGS):
                if ov_i != (ending == "й"):
                    continue
                if ending in ("ика", "ия") and suffix not in _LEARNED_SUFFIXES:
                    continue
                if ending and suffix in _OVSK_SUFFIXES:
                    continue  # банковский → банк, not «банка»
                if suffix in _LEARNED_SUFFIXES and not ending and len(base) < 5:
                    continue  # металлический → металл, but оптический ↛ опт
                noun = base + ending
                if noun != adjective and noun in known:
                    found.append((len(base), ending not in _PLURAL_ENDINGS, len(noun),
                                  counts[noun] if counts is not None else 1, -order, noun))
    return max(found)[-1] if found else None


def verb_of(adjective: str) -> str | None:
    """The infinitive an adjective of an action is made from, or None:

    >>> verb_of("обогатительный"), verb_of("прядильный"), verb_of("печальный"), verb_of("кирпичный")
    ('обогатить', 'прядить', None, None)
    """
    verb = adjective[: -len(_ACTION_SUFFIX)] + "ть" if adjective.endswith(_ACTION_SUFFIX) \
        else adjective[:-5] + "ть" if adjective.endswith("льный") and adjective[-6:-5] in _VOWELS else None
    return verb if verb and lemma(verb) == (verb, "INFN") else None  # «печать» is a noun


def adjective_action(adjective: str, nouns: Mapping[str, int] | Iterable[str]) -> str | None:
    """The action noun of ``nouns`` of the verb an adjective is made from (:func:`verb_of`), or None: what a
    works named by it does (``reference/works.txt``: «прядильная фабрика» → прядение) and what a compound's
    rest names («кормозаготовительный» ⊃ заготовка).

    >>> adjective_action("прядильный", {"прядение"}), adjective_action("кирпичный", {"кирпич"})
    ('прядение', None)
    """
    verb = verb_of(adjective)
    return derive_action(verb, nouns) if verb else None


def _alternated(stem_: str, alternations: Sequence[tuple[str, str]]) -> list[str]:
    """A stem as it is, then with each alternation (what it ends with → what the other word has) undone:
    «плиточ» with («оч», «к») → [плиточ, плитк]."""
    return [stem_] + [stem_[: len(stem_) - len(a)] + b for a, b in alternations if stem_.endswith(a)]


# what an agent noun's stem may end with before the suffix, and what its noun's stem ends with instead:
# плиточ-ник → плитк-а, кровель-щик → кровл-я
_AGENT_ALTERNATIONS = (("оч", "к"), ("еч", "к"), ("ч", "к"), ("ель", "л"))


def derive_activity(agent: str, nouns: Mapping[str, int] | Iterable[str],
                    rules: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The word of ``nouns`` (the reference's own) that an agent noun is named after, by the rules of
    ``reference/agents.txt`` (suffix → endings): сварщик → сварка, охранник → охрана,
    плиточник → плитка, организатор → организация, аудитор → аудит; None when none is found.
    The longest suffix first; within it the stem as it is before an alternation, then the endings in
    their order."""
    for suffix, endings in rules:
        if not agent.endswith(suffix) or len(agent) - len(suffix) < 3:
            continue
        for base in _alternated(agent[: len(agent) - len(suffix)], _AGENT_ALTERNATIONS):
            for ending in endings:
                noun = base + ending
                if noun != agent and noun in nouns:
                    return noun
    return None


# the action noun of a verb, by its infinitive's ending: the noun endings to try, in order
_VERB_NOUNS = (("ифицировать", ("ифицирование", "ификация")), ("изировать", ("изирование", "изация")),
               ("ировать", ("ирование", "", "ация", "яция", "аж", "ировка", "а")),
               ("овать", ("ование", "овка", "а", "ация")), ("ывать", ("ывание", "ывка")),
               ("ивать", ("ивание", "ивка")), ("авать", ("ание", "авание")),
               ("ать", ("ание", "ка", "ение")), ("ять", ("яние", "ка", "ение")),
               ("ить", ("ение", "ка", "я")), ("еть", ("ение",)))
# the consonant a verb stem ends with before «-ение», «-я»: коптить → копчение, ловить → ловля, обогатить →
# обогащение, охладить → охлаждение
_VERB_ALTERNATIONS = (("т", "ч"), ("т", "щ"), ("д", "ж"), ("д", "жд"), ("з", "ж"), ("с", "ш"), ("ст", "щ"), ("б", "бл"),
                      ("п", "пл"), ("в", "вл"), ("м", "мл"), ("ф", "фл"))
#: the parts of speech a verb is read in: «коптим» is also a short participle to pymorphy3
VERB_READINGS = ("VERB", "INFN", "PRTS")


def derive_action(verb: str, nouns: Mapping[str, int] | Iterable[str]) -> str | None:
    """The action noun of ``nouns`` (the reference's own words) that a verb's infinitive names, by rule:
    коптить → копчение, выращивать → выращивание, сушить → сушка, ловить → ловля, ремонтировать →
    ремонт, утилизировать → утилизация, демонтировать → демонтаж; None when none is found («печь» →
    выпечка is no rule)."""
    for ending, noun_endings in _VERB_NOUNS:
        if not verb.endswith(ending) or len(verb) - len(ending) < 2:
            continue
        stems = _alternated(verb[: len(verb) - len(ending)], _VERB_ALTERNATIONS if ending in ("ить", "еть") else ())
        for noun_ending in noun_endings:
            for base in stems:
                noun = base + noun_ending
                if noun != verb and noun in nouns:
                    return noun
        if ending in ("ывать", "ивать"):  # the noun of the perfective: обрабатывать → обработка
            return _perfective_action(verb[: len(verb) - len(ending)], nouns)
        return None  # the longest ending decides: «-ировать» is not tried as «-ать»
    return None


def _perfective_action(base: str, nouns: Mapping[str, int] | Iterable[str]) -> str | None:
    """The action noun of an imperfective in «-ывать», «-ивать» that is made from its perfective: the root's
    «а» is «о» there (перерабат-ывать → переработ-ка, изготавл-ивать → изготовл-ение), an «л» after «в» is
    the imperfective's (заготавл-ивать → заготов-ка), «ш» is «с» (окраш-ивать → окрас-ка), «ж» is «д»
    (налаж-ивать → налад-ка)."""
    vowel = base.rfind("а")
    perfective = base[:vowel] + "о" + base[vowel + 1:] if vowel > 0 else base
    stems = dict.fromkeys(a for b in (base, perfective) for a in _alternated(b, (("вл", "в"), ("ш", "с"), ("ж", "д"))))
    for noun in (b + ending for b in stems for ending in ("ка", "ение")):
        if noun in nouns:
            return noun
    return None


_STEM_ADJECTIVE = ("ический", "ческий", "очный", "ечный", "ичный", "ионный", "йный", "ский", "ской", "ный", "ной",
                   "овый", "евый", "овой", "евой", "ий", "ый", "ой")
_STEM_NOUN = ("ирование", "ование", "ость", "ение", "ание", "ство", "ика", "ия", "ие", "ка", "ок", "ец", "а", "я", "о", "е", "ь", "й", "ы", "и")
MIN_STEM = 4


def participle_action(verb: str, nouns: Mapping[str, int] | Iterable[str], actions: Mapping[str, str]) -> str | None:
    """The action a participle's verb names, when ``reference/actions.txt`` lists its noun as one kind of
    an action: «выделанные», «дубленые» шкурки are what выделка, дубление make; not the group's own
    word («обработанные»: processed somehow; «произведенные»).

    >>> participle_action("выделать", {"выделка": 3}, {"выделка": "производство"})
    'выделка'
    >>> participle_action("обработать", {"обработка": 9}, {"обработка": "обработка"}) is None
    True
    """
    done = derive_action(verb, nouns)
    return done if done in actions and actions[done] != done else None


@lru_cache(maxsize=200_000)
def stem(term: str) -> str:
    """A crude stem of a lemma for partial matching: one adjective or noun suffix off, never shorter
    than four letters. сывороточный and сыворотка → сыворот; стеновой and стена → стен;
    складирование and склад → склад."""
    for suffixes in (_STEM_ADJECTIVE, _STEM_NOUN):
        for suffix in suffixes:
            if term.endswith(suffix) and len(term) - len(suffix) >= MIN_STEM:
                return term[: -len(suffix)]
    return term


def is_known(word: str) -> bool:
    return morph().word_is_known(word)


def is_person(noun: str) -> bool:
    """Whether a noun in its dictionary form names someone, not something: «сварщик», «охранник» do;
    «нейтрализатор», «воротник» do not, nor «разгрузчик», a worker or a machine."""
    readings = [p for p in _parses(noun) if p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") == noun]
    return bool(readings) and all("anim" in p.tag for p in readings)


def person_terms(word: str, pos: str | None, vocabulary: Iterable[str], rules: Sequence[tuple[str, Sequence[str]]],
                 synonyms: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, ...], str] | None:
    """Who does an activity, read as that activity, a service (``reference/agents.txt``): «охранник» →
    (услуга, охрана) and how it was read; None for a word that names no person or no activity known."""
    if pos not in ("NOUN", None) or not is_person(word):
        return None
    return _read_as(word, derive_activity(word, vocabulary, rules), synonyms, ("услуга",))


def _read_as(word: str, found: str | None, synonyms: Mapping[str, tuple[str, ...]], before: tuple[str, ...] = ()
             ) -> tuple[tuple[str, ...], str] | None:
    """``word`` read as ``found`` in the words of the names (its synonym), with a note: «коптить → копчение»."""
    if not found:
        return None
    terms = before + synonyms.get(found, (found,))
    return terms, f"{word} → {' '.join(terms)}"


def _with_combining(word: str, result: tuple[tuple[str, ...], str | None], language: Language,
                    nouns: Mapping[str, int], synonyms: Mapping[str, tuple[str, ...]],
                    vocabulary: Container[str] = ()) -> tuple[tuple[str, ...], str | None]:
    """``result`` with the noun of the combining form ``word`` opens (``reference/combining.txt``), and the
    action its rest names, if ``reference/actions.txt`` lists it: «рыбоперерабатывающий» ⊃ рыба,
    переработка; «нефтепереработка» ⊃ нефть, переработка; «судоремонтный» ⊃ судно, ремонт; «рыболовство» ⊃
    рыба; a rest made from a verb by its verb's action, «кормозаготовительный» ⊃ корм, заготовка."""
    for form, noun in language.combining:
        if not word.startswith(form):
            continue
        if len(word) - len(form) < 4:  # the longest form only: «виноградный» is of виноград, not of вино
            break
        rest, pos = lemma(word[len(form):])
        # an adjective of a participle's form is read by its verb: «перерабатывающий» → перерабатывать
        verb = rest if pos in ("PRTF", "VERB", "INFN") else next(
            (p.normal_form for p in _parses(word[len(form):]) if p.tag.POS == "PRTF"), None)
        done = (language.rest_actions[rest],) if rest in language.rest_actions \
            else synonyms.get(rest, (rest,)) if rest in synonyms or pos == "NOUN" \
            else synonyms.get(verb) or (derive_action(verb, nouns),) if verb \
            else (derive_noun(rest, nouns) or adjective_action(rest, nouns),) \
            if pos == "ADJF" and rest not in language.mute_rests else ()
        if rest in language.mute_rests and result[0] == (word,) and vocabulary and word not in vocabulary:
            # a compound no name has whose rest says nothing: «станкостроение» is of станок, as «вагоностроение» is
            return (noun,), f"{word} → {noun}"
        # «судоремонтный» ⊃ ремонт; «станкостроительный» makes machine tools, it does not build
        for part in (noun, *(d for d in done if d in language.actions and len(done) == 1)):
            if part not in result[0]:
                result = (result[0] + (part,), "; ".join(filter(None, (result[1], _PART_NOTE.format(word, part)))))
        break
    return result


# ---------------------------------------------------------------- analysis


def content_lemmas(text: str, language: Language) -> list[tuple[str, str | None, bool, str, bool]]:
    """(lemma, part of speech, excluded?, role, located?) for each content word of a text, stop words
    dropped; the role is "для" after «для» and for a participle of what the thing after it does («Чистящие
    средства», what a thing is for), "из" after «из» (what it is made of), else
    ""; located: the word says where («на заводе», «при школе»). A word for trade after «на», «для», «под»
    says what the thing is made for, not that it is sold, and goes:

    >>> content_lemmas("Мешки из бумаги", load_language())
    [('мешок', 'NOUN', False, '', False), ('бумага', 'NOUN', False, 'из', False)]
    >>> content_lemmas("Кафе на заводе", load_language())[-1]
    ('завод', 'NOUN', False, '', True)
    >>> [word for word, *_ in content_lemmas("Разведение кроликов на продажу", load_language())]
    ['разведение', 'кролик']

    Near what it is («у трассы», «у моря») says nothing of what is done:

    >>> [word for word, *_ in content_lemmas("Кемпинг у самого моря", load_language())]
    ['кемпинг']
    """
    out = []
    opening = True
    purpose_open = False  # the clause before ended with «для» and one word: «… для обработки»
    left_cases: frozenset[str] = frozenset()  # the cases of the noun an exclusion ended a clause with
    pieces = _CLAUSE.split(_without_label(normalize(text, language), language))
    for clause, separator in zip(pieces[::2], ["", *pieces[1::2]]):
        words = tokens(clause)
        # «вне магазинов, палаток, рынков»: a clause that goes on listing in that case is left out too
        excluded = bool(left_cases) and _listed_on(words, left_cases)
        left_cases = frozenset()
        # … and one that goes on listing, after a comma, what a thing is for, is that too: «для обработки,
        # утилизации и обезвреживания отходов»; not «для коррекции зрения, солнцезащитных очков»
        role = "для" if purpose_open and separator == "," and _listed_on(words, GENITIVE) else ""
        noun = None  # the reading of the noun just before, for an adjective after it to agree with
        governed = False  # a preposition came after «без», «кроме»: «кроме услуг по страхованию»
        sized = _quantities(words, language)
        before = None  # the word before, as read
        after_action = False  # the word before is a noun for an action («услуги», «ремонт»)
        place = False  # within «на», «в», «при» and the noun after it
        along = False  # … within «с» and the noun after it
        near = False  # within «у» after a place and the noun after it: «Закусочная у трассы» says where it is
        for at, token in enumerate(words):
            if at in sized:
                continue
            word, pos = lemma(token, opening)
            if word != token and language.is_headword(token) and not is_known(token):
                word, pos = token, "NOUN"  # pymorphy3 guesses «барист» for a word the thesaurus has: «бариста»
            if near:  # past the adjectives, to the noun
                near = pos not in ("NOUN", "NPRO")
                continue
            # … after a place, an enterprise or an adjective naming one («закусочный»): «скупка у граждан» keeps them
            if word == "у" and pos == "PREP" and before is not None \
                    and (_is_establishment(before, language) or _is_establishment(_place_name(before), language)):
                near = True
                continue
            if not out and (word in language.projects and _enterprise_next(words[at + 1:], language)
                            or word in language.built and _project_built(words[at + 1:], language)
                            or word in language.orders and at + 1 < len(words)):
                after_action = True  # what follows is governed by it: «Вызов электрика» is of an электрик
                continue  # «Открытие кофейни»: the text is about the кофейня, as if it opened with it
            if word in language.enterprises and _action_after(words[at + 1:], language):
                continue  # «Завод по переработке мусора»: the action says what the enterprise does
            located = place and _may_be_in(token, LOCATIVE_CASES) or along and _may_be_in(token, INSTRUMENTAL_CASES)
            # an adjective before its noun is one, whatever the dictionary prefers: «столовой и кухонной
            # посуды» is tableware, not a canteen; «животного жира» is of animals
            if pos == "NOUN" and (found := _adjective_before(token, words[at + 1:at + 4])):
                word, pos = found
            elif pos == "NOUN" and after_action and (governed_noun := _genitive(token)):
                word = governed_noun  # a noun right after an action is governed by it: «услуги механика»
            place = word in LOCATIVE and pos == "PREP" or place and pos not in ("NOUN", "PREP")
            # «связанная с перевозками» is about them
            along = word in ALONG and pos == "PREP" and before != "связать" or along and pos not in ("NOUN", "PREP")
            # a word for trade, not a place of it: «Стеллажи для магазинов» keeps its shops
            for_sale = before in FOR_SALE and language.actions.get(word) == "торговля" and word not in language.places
            # a preposition and its noun that say nothing of the activity (stopwords.txt): «под ключ», «на дому»
            idiom = pos == "NOUN" and f"{before} {word}" in language.stopwords
            # «Краны в аренду», «Выпечка в розницу»: letting or selling after the thing says how it is dealt in, as
            # «внаём», «оптом» do
            if pos == "NOUN" and out and before in LETTING and language.actions.get(word) in DEALING:
                pos = "ADVB"
            # «Ламинат укладка», «Холодильники ремонт»: an action said last, as its dictionary form,
            # after the thing it is done to (an advertisement's title) is the text's action, as «в аренду» is
            elif at == len(words) - 1 and said_action(token, word, pos, language) \
                    and any(p == "NOUN" for _, p, *_ in out):
                pos = "ADVB"
            before, after_action = word, pos == "NOUN" and word in language.actions
            if for_sale or idiom:
                continue
            # an adjective with no noun after it to qualify (past an adverb: «легкое, обычно непромокаемое
            # пальто»), nor one before it that it agrees with, may stand for a noun: «столовых», «закусочная»
            # … and one hypernyms.txt lists as a noun is that noun, whatever its ending («пирожковая»), the
            # dictionary's reading («кальянная» as a participle) or its case («пельменной»)
            listed = next((n for n in (token, _place_name(word), _place_name(_as_adjective(token)))
                           if n in language.curated_hypernyms), None) if pos in ("ADJF", "PRTF") else None
            if (pos == "ADJF" or listed) and not _qualifies(words[at + 1:]):
                # … after an adjective that is only one, it is the noun that adjective qualifies: «Мужские
                # парикмахерские», «Ювелирные мастерские» (the plural forms of both readings agree)
                tag = noun.tag if noun is not None and not opening and not _only_qualifier(noun) else None
                found = listed or _substantive(token, tag and tag.number, tag and tag.case, tag and tag.gender) \
                    or (_establishment(token) if opening else None)
                if found:
                    word, pos = found, "NOUN"
            # «без» and «кроме» govern the genitive: a dative no preposition governs is the
            # recipient of the text's action, not left out («услуг без обеспечения проживания инвалидам»)
            if excluded and not governed and pos in PREFERRED_POS and _only_dative(token):
                excluded = False
            governed = excluded and (governed or pos == "PREP")
            # … and so is a place's name, feminine, that the dictionary reads as a noun: «Ювелирные мастерские»; a
            # thing's stays an adjective that agrees, «Головоногие мороженые» being frozen, not ice creams
            qualified_place = word.endswith("ая") and noun is not None and _only_qualifier(noun)
            if noun is not None and not opening and pos == "NOUN" and not qualified_place:
                word, pos = _agreeing(token, noun.tag.number, noun.tag.case, noun.tag.gender,
                                      _may_be_adjective(noun.word)) or (word, pos)
            # an opening adjective stands for a noun: «Головоногие мороженые»
            noun = _reading(token, opening) if pos == "NOUN" or opening and pos == "ADJF" else \
                (noun if pos == "ADJF" else None)
            opening = False
            if word in EXCLUDING:
                excluded = True
                continue
            if excluded and pos == "NOUN":
                left_cases = _likeliest_cases(token)
            if word in PURPOSE or word in MATERIAL_OF and role != "для":
                role = word
                continue
            if pos in DROPPED_POS or word in language.stopwords and word not in language.organisations \
                    or (len(word) == 1 and pos != "NUMB") \
                    or pos == "NOUN" and _is_place_name(token):  # «Грузоперевозки по России»: where, not what
                continue
            # what the thing named first is for: «Чистящие средства» are for cleaning
            doing = pos == "PRTF" and not out and not role and _does_for_thing(token, words[at + 1:], language)
            out.append((word, pos, excluded, "для" if doing else role, located))
        purpose_open = len(words) > 1 and words[-2] == "для"
    return out


_LABELLED = re.compile(r"^(?P<label>[^:—–]+?)\s*(?::|\s[—–-]\s)\s*(?P<rest>\w.*)$", re.DOTALL)


def _without_label(text: str, language: Language) -> str:
    """A text without the label it opens with (headings.txt): «основной вид деятельности: производство мебели»
    → «производство мебели»; a text whose part before the colon says more stays whole.

    >>> _without_label("сфера деятельности — ремонт автомобилей", load_language())
    'ремонт автомобилей'
    >>> _without_label("профиль: оптовая торговля лесом", load_language())
    'оптовая торговля лесом'
    >>> _without_label("ремонт часов: замена батареек", load_language())
    'ремонт часов: замена батареек'
    """
    found = _LABELLED.match(text)
    if found is None or not language.headings:
        return text
    for token in tokens(found["label"]):
        word, pos = lemma(token)
        if word not in language.headings and word not in language.stopwords and pos not in DROPPED_POS:
            return text
    return found["rest"]


def _quantities(words: Sequence[str], language: Language) -> set[int]:
    """The positions of ``words`` that say how much or how big (quantities.txt): a number, its multiplier,
    units and the time it is counted in, a noun counted straight after it, the measure's word before it.

    >>> words = tokens("пекарня 2 т продукции в сутки")
    >>> [words[at] for at in sorted(_quantities(words, load_language()))]
    ['2', 'т', 'в', 'сутки']
    >>> words = tokens("швейный цех на 40 машин")
    >>> [words[at] for at in sorted(_quantities(words, load_language()))]
    ['40', 'машин']
    """
    groups = language.quantities
    if not groups:
        return set()

    def group(token: str) -> str | None:
        return groups.get(token) or groups.get(lemma(token)[0])

    out: set[int] = set()
    at, n = 0, len(words)
    while at < n:
        if not words[at].isdigit():
            at += 1
            continue
        start = at
        while at < n and words[at].isdigit():  # «1,5»
            at += 1
        digits = at
        while at < n and group(words[at]) == "multiplier":  # «тыс.»
            at += 1
        units = at
        while at < n and group(words[at]) == "unit":
            at += 1
        counted = at < n and lemma(words[at])[1] == "NOUN" and group(words[at]) is None
        if counted and at == units:
            at += 1  # a noun counted: «на 40 машин»
        after = at + 1 if counted and at > units else at  # what a unit measures stays: «2 т продукции в сутки»
        if after < n and group(words[after]) == "time":  # «т/год»
            timed = [after]
        elif after + 1 < n and words[after] in ("в", "за") and group(words[after + 1]) == "time":
            timed = [after, after + 1]
        else:
            timed = []
        if at > digits or timed:  # a number alone is left as it is: «с октановым числом не менее 80»
            out.update(range(start, at), timed)
            before = start - 1 if start and lemma(words[start - 1])[1] != "PREP" else start - 2
            if before >= 0 and group(words[before]) == "measure":  # «мощность 50 т», «на площади 300 га»
                out.add(before)
    return out


def _enterprise_next(words: Sequence[str], language: Language) -> bool:
    """Whether the first noun of ``words`` (past its adjectives) names an enterprise (projects.txt), a
    place (places.txt, or what hypernyms.txt makes one: a «шашлычная» is a ресторан), making
    (actions.txt) or a person who works: «тепличного хозяйства», «кофейни», «производства пеллет»,
    «электрика»; not «сайтов»."""
    for at, token in enumerate(words[:4]):
        word, pos = lemma(token)
        if pos in ("ADJF", "PRTF"):
            if _qualifies(words[at + 1:]):
                continue
            word = _place_name(word)  # one standing alone is a place's name: «шашлычной» → шашлычная
        elif pos != "NOUN":
            return False
        return _is_establishment(word, language) or language.actions.get(word) == "производство" \
            or any(p.tag.POS == "NOUN" and is_person(p.normal_form.replace("ё", "е")) for p in _parses(token))
    return False


def _does_for_thing(token: str, after: Sequence[str], language: Language) -> bool:
    """Whether a participle is what the thing after it does, not what the text does: one in the present and
    active («чистящих») before a noun (past adjectives and «и») that is no word for an organisation
    (stopwords.txt: «компания»), place or person:
    «Чистящие средства» are means for cleaning, made (20.41), not a cleaning service; «Добывающая компания» mines.

    >>> language = load_language()
    >>> _does_for_thing("чистящие", ["средства"], language), _does_for_thing("добывающая", ["компания"], language)
    (True, False)
    """
    if not {"actv", "pres"} <= _reading(token).tag.grammemes:
        return False
    for word in after[:4]:
        lemma_, pos = lemma(word)
        if pos in ("ADJF", "PRTF") or word in ("и", "или"):
            continue
        return pos == "NOUN" and lemma_ not in language.stopwords and not _is_establishment(lemma_, language) \
            and not is_person(lemma_)
    return False


def _past_adjectives(words: Sequence[str], limit: int = 4) -> tuple[int, str, str, str | None] | None:
    """The first of the first ``limit`` words that is no adjective or participle: where it is, the word, its
    lemma and part of speech; «комбикормового завода» → (1, "завода", "завод", "NOUN").

    >>> _past_adjectives(["комбикормового", "завода"])
    (1, 'завода', 'завод', 'NOUN')
    """
    for at, token in enumerate(words[:limit]):
        word, pos = lemma(token)
        if pos not in ("ADJF", "PRTF"):
            return at, token, word, pos
    return None


def said_action(token: str, word: str, pos: str | None, language: Language) -> str | None:
    """The action a noun names when it is said in its dictionary form (``token``, normalised, is its lemma
    ``word``): «ремонт», «укладка» → ремонт, строительство; None for another form («ремонта»), a place
    («кафе») or a generic word («деятельность»), which say no action of their own.

    >>> language = load_language()
    >>> said_action("ремонт", "ремонт", "NOUN", language), said_action("ремонта", "ремонт", "NOUN", language)
    ('ремонт', None)
    """
    if pos != "NOUN" or token != word or word in language.places or word in language.generic:
        return None
    return language.actions.get(word)


def _likeliest_cases(token: str) -> frozenset[str]:
    """The case of a noun's likeliest reading as a noun, as the dictionary reads it first; of an adjective that
    stands for a noun («пельменной», read only as an adjective), its first reading's.

    >>> sorted(_likeliest_cases("палаток")), sorted(_likeliest_cases("пельменной"))
    (['gent'], ['gent'])
    """
    readings = _parses(token)
    case = next((p.tag.case for p in readings if p.tag.POS == "NOUN"), readings[0].tag.case if readings else None)
    return frozenset({case}) if case else frozenset()


def _listed_on(words: Sequence[str], cases: frozenset[str]) -> bool:
    """Whether a clause is one more item of a list in one of ``cases``: a noun (past its adjectives) that may be
    in one, and little else: «палаток» after «вне магазинов»; not «стальные» after «кроме литых».

    >>> _listed_on(["палаток"], frozenset({"gent"})), _listed_on(["стальные"], frozenset({"gent"}))
    (True, False)
    """
    found = _past_adjectives(words) if words else None
    if found is None or found[3] != "NOUN" or not _may_be_in(found[1], cases):
        return False
    # … or a noun in the case joined to more by «и», «или»: «… систем водоснабжения, отопления и кондиционирования»
    return len(words) <= 3 or found[0] + 1 < len(words) and words[found[0] + 1] in ("и", "или")


def _action_after(words: Sequence[str], language: Language) -> bool:
    """Whether ``words`` open with «по» and a noun for an action (actions.txt), past its adjectives: «завод по
    переработке мусора», «цех по ремонту двигателей».

    >>> language = load_language()
    >>> _action_after(["по", "переработке", "мусора"], language), _action_after(["по", "области"], language)
    (True, False)
    """
    found = _past_adjectives(words[1:], 3) if words and words[0] == "по" else None
    return found is not None and found[3] == "NOUN" and found[2] in language.actions


def _project_built(words: Sequence[str], language: Language) -> bool:
    """Whether ``words``, after a word of building (projects.txt «built»), name one enterprise and what it does,
    as an investment project does: «комбикормового завода», «цеха по переработке рыбы»; not enterprises in
    general, which builders build: «заводов», «электростанций».

    >>> _project_built(["комбикормового", "завода"], load_language()), _project_built(["заводов"], load_language())
    (True, False)
    """
    found = _past_adjectives(words)
    if found is None:
        return False
    at, token, word, pos = found  # described by an adjective before it (at > 0) or by words after it
    return pos == "NOUN" and _is_establishment(word, language) and _parses(token)[0].tag.number == "sing" \
        and (at > 0 or len(words) > at + 1)


def _is_establishment(word: str, language: Language) -> bool:
    """Whether a lemma names a place (:func:`_is_place`) or an enterprise (projects.txt: «молокозавод»)."""
    return _is_place(word, language) or any(word.endswith(e) for e in language.enterprises)


def _is_place(word: str, language: Language) -> bool:
    """Whether a lemma names a place (places.txt), or a kind of one (hypernyms.txt: a «шашлычная» is a ресторан)."""
    return word in language.places or word in language.curated_hypernyms \
        and any(kind[-1] in language.places for kind in language.hypernyms.get(word, ()))


@lru_cache(maxsize=100_000)
def _as_adjective(token: str) -> str:
    """A word's reading as an adjective, whatever reading the dictionary prefers: «кальянные» → кальянный
    (not the participle of «кальять»); the word itself when it is none."""
    return next((p.normal_form.replace("ё", "е") for p in _parses(token) if p.tag.POS == "ADJF"), token)


def _only_qualifier(reading) -> bool:
    """Whether a word read as an adjective cannot stand for a noun itself (the dictionary knows no noun
    of that form): «мужские», «ювелирные» only qualify; «столярные» may be workshops (столярная)."""
    return reading.tag.POS == "ADJF" and not any(p.tag.POS == "NOUN" for p in _parses(reading.word))


def _place_name(adjective: str) -> str:
    """The place an adjective's lemma names as a noun, feminine as such names are: «шашлычный» → шашлычная."""
    return adjective[:-2] + "ая"


def opens_compound(part: str, openings: Container[str]) -> bool:
    """Whether a compound may start with ``part``: one of ``openings`` (``reference/compounds.txt``: «пневмо»),
    or a known word and the joining о or е («сыро»); «комбиниро» (комбинированный) and «произ» (производитель)
    do not."""
    if part in openings:
        return True
    stem = part[:-1]
    return part[-1] in "ое" and len(stem) >= OPENING_STEM_MIN \
        and any(morph().word_is_known(w) for w in (part, stem, stem + "ый", stem + "ой", stem + "ий",
                                                    stem + "а", stem + "ь"))


#: the prepositional case («на заводе», not «на продажу») and the instrumental («с обслуживанием», not «с 2020 года»)
LOCATIVE_CASES, INSTRUMENTAL_CASES = frozenset({"loct", "loc2"}), frozenset({"ablt"})
GENITIVE = frozenset({"gent", "gen2"})  # what «для» governs


def _may_be_in(word: str, cases: frozenset[str]) -> bool:
    """Whether a word may be in one of ``cases``: ``_may_be_in("заводе", LOCATIVE_CASES)`` is True."""
    return any(p.tag.case in cases for p in _parses(word))


@lru_cache(maxsize=100_000)
def _genitive(word: str) -> str | None:
    """The lemma of someone's genitive reading when the dictionary reads a noun as a thing in the nominative
    first: after an action it is governed, so «услуги механика» are a mechanic's, not «механика» (mechanics);
    ``_genitive("электрика")`` → «электрик»."""
    best = _reading(word)
    if best.tag.POS != "NOUN" or best.tag.case != "nomn" or best.tag.animacy != "inan":
        return None
    other = next((p for p in _parses(word) if p.tag.POS == "NOUN" and p.tag.case == "gent"
                  and p.tag.animacy == "anim" and not _WHOSE & p.tag.grammemes
                  and p.normal_form != best.normal_form), None)
    return other.normal_form.replace("ё", "е") if other is not None else None


def is_personal_name(word: str) -> bool:
    """Whether the dictionary reads a lower-case word as a surname, a first name or a patronymic
    (иванов, анна, сергеевич; not ремонт)."""
    return any({"Surn", "Name", "Patr"} & p.tag.grammemes for p in _parses(word))


@lru_cache(maxsize=100_000)
def _is_place_name(word: str) -> bool:
    """Whether the dictionary reads a word only as a place name (Россия, Москва, Сибирь), not «куры»,
    which may be the river Кура."""
    grammemes = _reading(word).tag.grammemes  # a place has one number: Россия, Альпы (not «колл» of колл-центр)
    return "Geox" in grammemes and bool({"Sgtm", "Pltm"} & grammemes) \
        and all("Geox" in p.tag.grammemes for p in _parses(word) if p.tag.POS == "NOUN")


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a text means for matching.

    ``lemmas``: content lemmas in order (the key of an exact name); ``terms``: canonical terms after
    synonyms, derivation and compounds; ``excluded``: terms after «кроме», «без» (what a
    name leaves out); ``purpose``: terms only after «для» (what a thing is for: «мясо» in «Оборудование
    для переработки мяса»); ``material``: terms only after «из» (what it is made of: «бумага» in «Мешки
    из бумаги»); ``things``: the nouns outside both, what the text is about (мешок, оборудование);
    ``actions``: the action groups the text names before its first other noun («Мебель для предприятий
    торговли» names none: it is a product), strong before weak; ``notes``: how terms were obtained
    (``"изготовление → производство"``) for explanations.
    """

    lemmas: tuple[str, ...]
    terms: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    head: str | None = None
    broader: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()  # (term, the kinds it is, as terms)
    purpose: frozenset[str] = frozenset()  # terms only after «для»
    material: frozenset[str] = frozenset()  # terms only after «из»
    things: frozenset[str] = frozenset()  # nouns outside those: what the text is about


class Analyzer:
    """Turns texts into :class:`Analysis`; build one per reference vocabulary and reuse it.

    ``vocabulary`` — the terms of the index — lets derivation and compound splitting map a query's
    words onto words the reference uses (misspelt words are put right before: :mod:`mapper.matching.spelling`).
    """

    def __init__(self, language: Language | None = None, vocabulary: Mapping[str, int] | Iterable[str] = (),
                 *, share_lemmas_with: Analyzer | None = None):
        self.language = language or load_language()
        # lemmas do not depend on the vocabulary: an analyzer built from another reuses its cache
        self._lemma_cache: dict[str, list] = share_lemmas_with._lemma_cache if share_lemmas_with else {}
        counts = dict(vocabulary) if isinstance(vocabulary, Mapping) else dict.fromkeys(vocabulary, 1)
        self.vocabulary = frozenset(counts)
        self._nouns, self._adjective_nouns = _derivation_nouns(self.language, counts)
        self._kind_nouns = frozenset(self.language.hypernyms) - self.vocabulary  # what learned adjectives may reach
        self._term_cache: dict[str, tuple[tuple[str, ...], str | None]] = {}
        self._openings = self.language.openings | self.language.compound_parts
        self._expansions = frozenset(w for _, expansion in self.language.prefixes for w in expansion)
        self._single_synonyms = {v[0]: c for v, c in self.language.synonyms if len(v) == 1}
        # variant → its canonical wording and which word of it is the head, by the variant's first word
        self._synonyms_by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], int]]] = {}
        for variant, canonical in self.language.synonyms:  # already longest first
            self._synonyms_by_first.setdefault(variant[0], []).append(
                (variant, canonical, _wording_head(canonical, self.language.generic)))

    def lemmas(self, text: str) -> list[tuple[str, str | None, bool, str, bool]]:
        """:func:`content_lemmas` of a text, cached."""
        cached = self._lemma_cache.get(text)
        if cached is None:
            if len(self._lemma_cache) >= CACHE_LIMIT:  # a register of a million distinct lines: memory stays flat
                self._lemma_cache.clear()
            cached = self._lemma_cache[text] = content_lemmas(text, self.language)
        return cached

    def term(self, word: str, pos: str | None = None) -> tuple[tuple[str, ...], str | None]:
        """Canonical terms for one lemma, and a note on how they were found (or None)."""
        key = f"{word}|{pos}"
        cached = self._term_cache.get(key)
        if cached is not None:
            return cached
        if pos == "NOUN" and self.vocabulary and word not in self.vocabulary \
                and word not in self.language.curated_hypernyms and (twin := _adjective_twin(word)):
            word, pos = twin, "ADJF"  # a «булочная» the names do not have is read by what it is named after
        result: tuple[tuple[str, ...], str | None] = ((word,), None)
        if pos in VERB_READINGS and self.vocabulary and word not in self._nouns:  # «коптим скумбрию»: копчение
            result = self.verb_action(word) or result
        elif pos == "PRTF" and self.vocabulary \
                and (done := participle_action(word, self._nouns, self.language.actions)):
            result = _read_as(word, done, self._single_synonyms) or result  # «выделанные шкурки»: выделка
        elif (pos in ("ADJF", "PRTF", "ADJS") or (pos is None and word.endswith(ADJECTIVE_ENDINGS))) \
                and word not in self.language.underived:
            noun = derive_noun(word, self._adjective_nouns) or self._learned_noun(word)
            if noun and (canonical := self._single_synonyms.get(noun, (noun,))) != (word,):
                result = (canonical, f"{word} → {' '.join(canonical)}")
        vocabulary = self.vocabulary
        if vocabulary and result[0][0] not in vocabulary and len(word) >= 5 and not word.isdigit():  # «12345»: no typo
            split = self._compound(word) or self._joined(word)
            if split and not _split_as_listed(word, split[0], self.language):  # «теплоход» is a судно, not тепло + ход
                split = None
            result = split or person_terms(word, pos, self.vocabulary, self.language.agents, self._single_synonyms) \
                or result
        result = _with_combining(word, result, self.language, self._nouns, self._single_synonyms, self.vocabulary)
        if len(self._term_cache) >= CACHE_LIMIT:
            self._term_cache.clear()
        self._term_cache[key] = result
        return result

    def is_phrase_opening(self, word: str) -> bool:
        """Whether a wording of ``reference/synonyms.txt`` opens with the lemma: «стричь собак», «ставить окна»."""
        return word in self._synonyms_by_first

    def verb_action(self, verb: str) -> tuple[tuple[str, ...], str] | None:
        """The action noun of a verb, in the names' words, with a note: «коптить → копчение»."""
        return _read_as(verb, derive_action(verb, self._nouns), self._single_synonyms)

    def _as_named(self, word: str, pos: str | None = None) -> tuple[str, ...]:
        """A word as the names say it: a word with a synonym of one word in its canonical wording («бар» is
        «подача напиток», as 56.10.3's «… ресторанов и баров …» reads), another its terms."""
        return self._single_synonyms.get(word) or self.term(word, pos)[0]

    def _learned_noun(self, word: str) -> str | None:
        """For a learned adjective no official name has, the noun in «-ия»/«-ика» whose kind is known
        (``reference/hypernyms*.txt``): «гинекологический» → гинекология, a kind of медицина. Only for a
        matcher's analyzer: the names' own words decide first."""
        if not self.vocabulary or word in self.vocabulary or not word.endswith(_LEARNED_SUFFIXES):
            return None
        noun = derive_noun(word, self._kind_nouns)
        return noun if noun and noun.endswith(("ия", "ика")) else None

    def _compound(self, word: str) -> tuple[tuple[str, ...], str] | None:
        """A compound with a productive first part (``reference/prefixes.txt``): «автозапчасти» →
        автотранспортный + запчасть. The rest stays itself when the reference does not have it but the
        dictionary does: «электромясорубка» → электрический + мясорубка still says electrical."""
        for prefix, expansion in self.language.prefixes:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 3:
                rest_lemma, rest_pos = lemma(rest)
                if len(prefix) <= SHORT_PREFIX and rest_pos != "NOUN":
                    continue  # вет-, мед-, тур- make nouns (ветврач, медпункт); «ветчинный» is no вет- + чинный
                # the rest a word of the names, or a synonym of one: «газосбыт» → газ + торговля
                found = next((c for c in (rest_lemma, derive_noun(rest_lemma, self.vocabulary))
                              if c and (c in self.vocabulary or c in self._single_synonyms)), None)
                if found is None and len(rest) >= COMPOUND_REST_KNOWN_MIN and rest_pos not in VERBAL_POS \
                        and is_known(rest) and word not in self._expansions:  # «тепловой» is not split again
                    found = rest_lemma
                if found:  # the rest in the wording of names: «автозапчасти» → автотранспортный + деталь
                    terms = tuple(self.term(e)[0][0] for e in expansion) \
                        + (("услуга",) if found in self.language.organisations  # «фотостудия» serves
                           else () if found in self.language.mute_rests or found in self.language.stopwords
                           else self._single_synonyms.get(found, (found,)))
                    return terms, _split_note(word, terms)
        return None

    def _joined(self, word: str) -> tuple[tuple[str, ...], str] | None:
        """Two stems joined by «о» or «е», both words of the reference: «железорудный» → железо + руда,
        «молокосодержащий» → молоко + содержать, «асфальтобетон» → асфальт + бетон, «чистошерстяной» →
        чистый + шерсть; a word's stem clipped before a works: «хлебзавод» → хлеб + производство."""
        if clipped := clipped_works(word, self.vocabulary, self.language.works):
            terms = self._single_synonyms.get(clipped[0], (clipped[0],)) + self._as_named(clipped[1])
            return terms, _split_note(word, terms)
        for i in range(JOINED_LEFT_MIN, len(word) - JOINED_RIGHT_MIN):
            if word[i] not in "ое":
                continue
            # «о» joins a hard stem (желез-о-, асфальт-о-), «е» a soft one or a hissing (нефт-е-, овощ-е-)
            endings = _JOINED_HARD if word[i] == "о" or word[i - 1] in "жшчщц" else _JOINED_SOFT
            # a word of the names or one a synonym puts in their words: «автомобиле-» → автотранспортный средство
            left = next((word[:i] + e for e in endings if word[:i] + e in self.vocabulary
                         or word[:i] + e in self._single_synonyms), None)
            if left is None:
                continue
            rest, pos = lemma(word[i + 1:])
            if pos in VERBAL_POS or len(rest) < JOINED_RIGHT_MIN or not is_known(rest):
                continue
            # «-добывающий»: добыча; «вагоностроение» is вагон, and no «строение» (combining.txt)
            found = () if rest in self.language.mute_rests else self._as_named(rest, pos)
            if all(t in self.vocabulary for t in found):
                terms = self._single_synonyms.get(left, (left,)) + found
                return terms, _split_note(word, terms)
        return None

    def compound_head(self, word: str) -> str | None:
        """The last part of a compound is what it is: «сополимер» is a полимер, «электрокалькулятор» a
        калькулятор — the longest word of the reference (``COMPOUND_HEAD_MIN`` letters or more) that ends it
        after a part that opens compounds (:func:`opens_compound`)."""
        for start in range(COMPOUND_REST_MIN, len(word) - COMPOUND_HEAD_MIN + 1):
            head = word[start:]
            if head in self.vocabulary and head not in self.language.suffixes and head not in self.language.mute_rests \
                    and opens_compound(word[:start], self._openings):
                return head
        return None

    def chemical_kind(self, word: str) -> tuple[str, ...] | None:
        """What chemical nomenclature says a word is (``reference/chemistry.txt``): «бутанол» →
        (органический, химический, вещество); None for a word it says nothing of."""
        if len(word) < CHEMICAL_MIN:
            return None
        for part, anywhere, kind in self.language.chemistry:
            if (part in word and word != part) if anywhere else word.endswith(part):
                return tuple(t for w in kind for t in self.term(w)[0]) or None
        return None

    def analyze(self, text: str, *, whole: bool = False) -> Analysis:
        """Terms of a text; see the module docstring for the steps. ``whole``: the text is all a line says
        (a query), not an item of a longer one (a note's «магазинов» is a building of a list)."""
        items = self.lemmas(text)
        words = [w for w, *_ in items]
        roles: dict[str, set[str]] = {"": set(), "для": set(), "из": set()}
        things: set[str] = set()
        read, verbs = _verb_as_action(items, self._nouns, self._synonyms_by_first) if whole else (words, [])
        replaced, notes = _synonyms_replaced(read, self._synonyms_by_first)
        notes = abbreviations_in(text, self.language) + verbs + notes  # «СТО = станции технического обслуживания …»
        terms: list[str] = []
        excluded: list[str] = []
        head = None
        broader = []
        named: list[str] = []
        leading, thing = True, _thing_named(items, self.language)
        for word, source, synonym, lead in replaced:
            pos = items[source][1]
            if word in self.language.organisations and not (thing and source == 0):  # «Охранное предприятие»
                named = _named_with(named, [self.language.actions[word]] if leading and not items[source][2]
                                    else [], (word,), pos, items[0][1], self.language)
                continue
            found, note = self.term(word, None if synonym else pos)
            if whole and source == 0 and pos in VERB_READINGS and not synonym and found == (word,) \
                    and (read := self.verb_action(word)):  # «Страхуем автомобили» does what the notes' verb says
                found, note = read
            # «прядильная фабрика» прядет; «строительное производство» строит already: not its verb's «строение»
            if pos in ("ADJF", "PRTF") and not synonym and items[source + 1:source + 2] \
                    and items[source + 1][0] in self.language.works and found[0] not in self.language.actions \
                    and (done := adjective_action(word, self._nouns)):
                found, note = (done,), f"{word} {items[source + 1][0]} → {done}"
            if note:
                notes.append(note)
            (excluded if items[source][2] else terms).extend(found)
            if not items[source][2]:
                own = _with_roles(roles, items[source][3], found, _owner(word, found, note, self.language))
                if not items[source][3] and pos == "NOUN":
                    things.update(own)
            narrower = _kinds_word(word, found, self.language)
            kinds = self.language.hypernyms.get(narrower)
            unknown = bool(self.vocabulary) and not items[source][2] and found[-1] not in self.vocabulary
            # what a compound's last part (полувагон → вагон) or chemical nomenclature (бутанол → органическое
            # вещество) says goes before a dictionary's definition
            ruled = ((c,) if (c := self.compound_head(found[-1])) else self.chemical_kind(found[-1])) \
                if unknown and (not kinds or kinds == self.language.defined.get(narrower)) else None
            # a curated kind always counts; one from Wiktionary only for a word no official name has
            if kinds and not ruled and not items[source][2] and found[-1] not in self.language.generic \
                    and (narrower in self.language.curated_hypernyms or found[-1] not in self.vocabulary):
                broader.append((found[-1], tuple(tuple(t for w in kind for t in self._as_named(w)) for kind in kinds)))
                notes.append(f"{found[-1]} — {_kinds_said(narrower, kinds, self.language)}")
            elif ruled:
                broader.append((found[-1], (ruled,)))
                notes.append(f"{found[-1]} — вид: {' '.join(ruled)}")
            if not items[source][2] and (split := _parts_kind(found, note)):
                broader.append(split)
            # the head is what the text names, not where or with what («… с начинкой», «Кафе на вокзале»); a
            # place heads a name or a note, which lists places («деятельность турецких бань, саун, соляриев»),
            # not a query, where it names its action: «Салон свадебных платьев» is about the платья; what a thing is
            # for is not what it is: «Продажа запчастей для грузовиков» sells parts (45.32), not lorries (45.11)
            if head is None and (lead if synonym else pos == "NOUN") and not items[source][2] and not items[source][4] \
                    and items[source][3] != "для":
                head = next((t for t in found if t not in self.language.generic and t not in self.language.manner
                             and (t not in self.language.actions or not whole and t in self.language.places)), None)
            if leading and not items[source][2]:  # the action is named first: «Производство мебели для торговли»
                # where it is done names none after it: «Кафе на заводе» serves food; nor what a thing is for
                here = [] if items[source][4] and named or thing and source == 0 or items[source][3] == "для" \
                    else _actions_of(word, found, broader, self.language)
                named = _named_with(named, here, found, pos, items[0][1], self.language)
                if not here and (not _modifier(word) if synonym else pos == "NOUN") \
                        and not (source == 0 and _action_next(text, items, self.language)):
                    leading = False
            elif not named and pos == "ADVB" and not items[source][2]:  # «Кирпич оптом»: how the thing is dealt in
                named = _actions_of(word, found, broader, self.language)
        if whole and not named and items and items[0][1] in VERB_READINGS:  # «Проектируем мосты» does something
            named = ["услуги"]
        became, notes = _senses_read(terms, broader, notes, self.language.senses, self.term, whole,
                                     self.language.doings, lambda: _persons(items, self.language))
        terms, named = _sensed(terms, _performed(items, named, self.language), became, self.language,
                               items[0][0] if items else None)
        for group in (*roles.values(), things):  # a word read in another sense keeps its role: «Присадки для масел»
            for word in group & became.keys():
                group.discard(word)
                group.update(became[word])
        strong = [a for a in named if a not in WEAK_ACTIONS]
        actions = tuple(dict.fromkeys(strong + [a for a in named if a in WEAK_ACTIONS]))
        return Analysis(tuple(words), tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(excluded)), actions,
                        tuple(dict.fromkeys(notes)), head, tuple(broader), frozenset(roles["для"] - roles[""]),
                        frozenset(roles["из"] - roles[""] - roles["для"]), frozenset(things))
