"""Property-based tests (hypothesis) of the document reader and of code normalisation: whatever text
comes in, the reader gives a well-formed document or one DocumentError, and a code typed in any of the
ways people type it resolves to the reference's code."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mapper.document import parse_document
from mapper.errors import MapperError
from mapper.lemmas import normalized_key
from mapper.matching.codes import code_in_text
from mapper.matching.spelling import EDITS, nearest, spelling_forms
from mapper.reference import CodeError, load_reference, normalize_code, strip_zero_levels

REFERENCE = load_reference()
CODES = [c.code for c in REFERENCE]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOTTED = re.compile(r"^[A-U]$|^\d{2}(?:\.\d{1,2})?$|^\d{2}\.\d{2}\.\d{1,2}$")

lower = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", min_size=3, max_size=10)
upper = lower.map(str.upper)
activity = st.lists(lower, min_size=1, max_size=5).map(lambda words: " ".join(words).capitalize())
heading = st.lists(upper, min_size=1, max_size=4).map(" ".join)
sector = st.tuples(heading, st.lists(activity, min_size=1, max_size=6))
padding = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u200b"])


def parse_text(text: str, *, newline: str = "\n"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.txt"
        path.write_bytes(text.replace("\n", newline).encode("utf-8"))
        return parse_document(path, reference=REFERENCE, split=False)


def result_or_one_line_error(read, error=MapperError):
    """What ``read()`` returns, or None when it raised ``error`` — whose message must be one line."""
    try:
        return read()
    except error as e:
        assert "\n" not in str(e)
        return None


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_gives_a_well_formed_document_or_one_error(text):
    doc = result_or_one_line_error(lambda: parse_text(text))
    if doc is None:
        return
    lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert [a.position for a in doc.activities] == list(range(1, len(doc.activities) + 1))
    assert all(1 <= a.line <= lines for a in doc.activities)
    assert [a.line for a in doc.activities] == sorted(a.line for a in doc.activities)
    names = {s.name for s in doc.sectors}
    for a in doc.activities:
        assert a.text and a.text == a.text.strip() and "\n" not in a.text and "\r" not in a.text
        assert any(c.isalpha() for c in a.text) or normalize_code(a.text)
        assert a.sector is None or a.sector in names
        if a.duplicate_of is not None:
            first = doc.activities[a.duplicate_of - 1]
            assert first.position < a.position and normalized_key(first.text) == normalized_key(a.text)


@SETTINGS
@given(st.lists(sector, min_size=1, max_size=5), padding, st.sampled_from(["\n", "\r\n", "\r"]))
def test_headings_and_activities_come_back_as_written(sectors, pad, newline):
    lines = []
    for name, items in sectors:
        lines.append(pad + name + pad)
        lines += [pad + item + pad for item in items]
    doc = parse_text("\n".join(lines) + "\n", newline=newline)
    assert [(a.sector, a.text) for a in doc.activities] == [
        (name, item) for name, items in sectors for item in items]
    assert {s.name for s in doc.sectors} == {name for name, _ in sectors}


@SETTINGS
@given(st.lists(activity, min_size=1, max_size=8))
def test_line_endings_do_not_change_the_document(items):
    text = "ОТРАСЛЬ\n" + "\n".join(items)
    seen = [[(a.line, a.sector, a.text) for a in parse_text(text, newline=nl).activities]
            for nl in ("\n", "\r\n", "\r")]
    assert seen[0] == seen[1] == seen[2]


@st.composite
def typed_code(draw):
    """A code of the reference and one way a person types it."""
    code = draw(st.sampled_from(CODES))
    digits = code.replace(".", "")
    ways = [code, f" {code} ", code.replace(".", ","), f"ОКВЭД {code}", f"ОКВЭД 2: {code}", f"{code}."]
    if digits.isdigit():
        ways.append(digits)
    else:
        ways += [code.lower(), code.translate(str.maketrans("ABCEHKMOPTX", "АВСЕНКМОРТХ"))]
    return code, draw(st.sampled_from(ways))


@SETTINGS
@given(typed_code())
def test_a_code_typed_any_usual_way_resolves_to_itself(case):
    code, typed = case
    assert REFERENCE.resolve(typed).code == code


@SETTINGS
@given(st.sampled_from([c for c in CODES if c[0].isdigit() and len(c.replace(".", "")) < 6]))
def test_a_trailing_zero_level_adds_nothing(code):
    padded = normalize_code(code.replace(".", "") + "0")
    assert strip_zero_levels(REFERENCE.resolve(padded).code) == strip_zero_levels(code)


@SETTINGS
@given(st.text(max_size=40))
def test_normalisation_gives_a_code_shape_or_one_code_error(text):
    code = result_or_one_line_error(lambda: normalize_code(text), CodeError)
    if code is None:
        return
    assert DOTTED.match(code)
    assert normalize_code(code) == code  # idempotent
    assert strip_zero_levels(strip_zero_levels(code)) == strip_zero_levels(code)


code_like = st.from_regex(r"[0-9]{1,7}(\.[0-9]{0,3}){0,3}", fullmatch=True)


@SETTINGS
@given(st.sampled_from(["", "ОКВЭД ", "код ", "ОКВЭД 2 "]), code_like, st.text(max_size=30))
def test_a_line_that_starts_with_a_code_gives_a_reference_code_or_says_it_lacks_it(prefix, code, rest):
    found = result_or_one_line_error(lambda: code_in_text(prefix + code + rest, REFERENCE), CodeError)
    if found is not None:
        assert REFERENCE.resolve(found.code).code == found.code
        assert found.rest == found.rest.strip()


@SETTINGS
@given(st.sampled_from([c for c in CODES if c[0].isdigit()]), st.sampled_from(["", "Литье металлов", "прочее"]))
def test_a_reference_code_at_the_start_of_a_line_is_read_with_the_rest(code, rest):
    assume("." in code or not rest)  # a bare number before words is text: «2000 литров»
    found = code_in_text(f"{code} {rest}", REFERENCE)
    assert (found.code, found.rest) == (code, rest)


def far_by_definition(rows, heading_terms, name_terms):
    """The outliers rule read literally (quadratic): the specification of database._far_from_sector."""
    from mapper.database import _group

    by_sector: dict = {}
    for row in rows:
        by_sector.setdefault(row[1], []).append(row)
    far = {}
    for sector, members in by_sector.items():
        for activity_id, _, _, code, key in members:
            others = [m for m in members if m[4] != key]
            if not others or any(m[3][:2] == code[:2] for m in others):
                continue
            if heading_terms.get(sector, set()) & name_terms.get(code, set()):
                continue
            group = _group(code)
            home = next((m[2] for s, ms in by_sector.items() if s != sector for m in ms
                         if _group(m[3]).startswith(group) or group.startswith(_group(m[3]))), None)
            if home is not None:
                far[activity_id] = home
    return far


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 6), st.sampled_from(["24", "24.2", "24.20", "24.52", "25.61", "20.1", "C",
                                                               "10.13", "10.1", "01.11"]),
                          st.sampled_from(["а", "б", "в", "г"])), max_size=40),
       st.sets(st.integers(1, 6)))
def test_outliers_found_in_linear_time_are_those_of_the_definition(picked, quiet):
    from mapper.database import _far_from_sector

    rows = [(n, sector, f"ОТРАСЛЬ {sector}", code, key) for n, (sector, code, key) in enumerate(picked, start=1)]
    headings = {sector: {"металл"} for sector in quiet}
    names = {"24.2": {"металл"}, "24.20": {"металл"}}
    assert _far_from_sector(rows, headings, names) == far_by_definition(rows, headings, names)


WORDS = sorted({w for c in REFERENCE for w in re.findall("[а-я]+", c.name.lower().replace("ё", "е"))})
FORMS = spelling_forms(WORDS, {w: n for n, w in enumerate(WORDS[::7])})  # some forms used more than others


def nearest_by_definition(word: str, forms: list[str]) -> str | None:
    """Of all the forms that begin with the word's letter, the nearest one edit or none from it that ends
    as the word does, then that the names use most, then the first."""
    from rapidfuzz.distance import OSA

    near = [(OSA.distance(word, form), form) for form in forms if form[0] == word[0]]
    near = [(d, form) for d, form in near if d <= EDITS]
    if not near:
        return None
    best = min(d for d, _ in near)
    return min((form for d, form in near if d == best),
               key=lambda form: (form[-1] != word[-1], -FORMS.counts.get(form, 0), form))


ALL_FORMS = sorted(form for found in FORMS.by_opening.values() for form in found)

letters = st.sampled_from("абвгдежзийклмнопрстуфхцчшщыьэюя")
# edits near the start most often: a word that no longer begins as its own word, near one that does
edit = st.tuples(st.sampled_from(["replace", "insert", "delete"]), st.integers(0, 2) | st.integers(0, 30), letters)


def edited(word: str, edits: list[tuple[str, int, str]]) -> str:
    for kind, at, letter in edits:
        at %= len(word) + 1
        word = {"replace": word[:at] + letter + word[at + 1:], "insert": word[:at] + letter + word[at:],
                "delete": word[:at] + word[at + 1:]}[kind]
    return word


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ALL_FORMS), st.lists(edit, max_size=2))
def test_spelling_over_forms_of_near_length_is_that_over_all_forms(word, edits):
    typed = edited(word, edits)
    assume(typed)
    assert nearest(typed, FORMS) == nearest_by_definition(typed, ALL_FORMS)
