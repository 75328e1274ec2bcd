"""Reading documents: the bundled one exactly, each quirk alone, each format, each error."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from mapper.cli import cli
from mapper.document import clean_text, parse_document
from mapper.errors import DocumentError

from .conftest import ROOT

BUNDLED = ROOT / "input" / "cluster-specialization.txt"

SECTORS = [
    ("МЕТАЛЛООБРАБОТКА", 4, list(range(5, 22))),
    ("ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ", 22, list(range(23, 37))),
    ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", 37, [38, 39, 39] + list(range(40, 50))),
    ("ГОРНОДОБЫВАЮЩЕЕ ПРОИЗВОДСТВО", 50, list(range(51, 55))),
    ("ЛЕСНАЯ ПРОМЫШЛЕННОСТЬ, ДЕРЕВООБРАБОТКА, ЦЕЛЛЮЛОЗНО-БУМАЖНАЯ ОБРАБОТКА", 55, list(range(56, 65)) + [66]),
    ("ОБРАБОТКА ЦВЕТНЫХ И ДРАГОЦЕННЫХ МЕТАЛЛОВ", 67, list(range(68, 73))),
    ("СТРОИТЕЛЬНЫЕ МАТЕРИАЛЫ", 73, list(range(74, 81))),
    ("ЛЕГКАЯ ПРОМЫШЛЕННОСТЬ", 81, list(range(82, 89))),
    ("НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ", 89, list(range(90, 97))),
    ("УГОЛЬНАЯ ПРОМЫШЛЕННОСТЬ", 97, [98, 99]),
    ("ВЫСОКОТЕХНОЛОГИЧЕСКОЕ ОБОРУДОВАНИЕ И ИТ", 100, list(range(101, 110))),
]

# (line of the repeat, line of the first occurrence, same sector?)
REPEATS = [(14, 13, True), (26, 6, False), (48, 41, True), (68, 9, False), (87, 86, True)]


@pytest.fixture(scope="module")
def bundled():
    return parse_document(BUNDLED)


def test_bundled_document_sectors_and_activity_lines(bundled):
    assert [(s.name, s.line) for s in bundled.sectors] == [(name, line) for name, line, _ in SECTORS]
    for name, _, lines in SECTORS:
        assert [a.line for a in bundled.in_sector(name)] == lines, name
    assert len(bundled.activities) == 95
    assert len({a.line for a in bundled.activities}) == 94
    assert [a.position for a in bundled.activities] == list(range(1, 96))


def test_bundled_document_title_and_column_header_are_not_sectors(bundled):
    assert bundled.title == "СПЕЦИАЛИЗАЦИЯ МЕЖРЕГИОНАЛЬНОГО КЛАСТЕРА"
    assert [line for line, _ in bundled.ignored] == [2, 3]
    assert not bundled.in_sector(None)


def test_bundled_document_texts_are_the_cleaned_lines(bundled):
    lines = BUNDLED.read_text(encoding="utf-8").splitlines()
    for a in bundled.activities:
        if "split" not in a.flags:
            assert a.text == " ".join(lines[a.line - 1].split())
            assert a.raw == lines[a.line - 1]


def test_bundled_document_glued_line_is_split(bundled):
    parts = [a for a in bundled.activities if a.line == 39]
    assert [a.text for a in parts] == ["Переработка и консервирование мяса и мясной пищевой продукции",
                                       "Рыболовство и рыбоводство"]
    assert all("split" in a.flags for a in parts)
    assert sum("split" in a.flags for a in bundled.activities) == 2


def test_bundled_document_repeats_are_flagged(bundled):
    by_position = {a.position: a for a in bundled.activities}
    found = []
    for a in bundled.activities:
        if a.duplicate_of is not None:
            first = by_position[a.duplicate_of]
            assert a.text == first.text and first.duplicate_of is None
            found.append((a.line, first.line, "duplicate_in_sector" in a.flags))
            assert "duplicate" in a.flags
    assert found == REPEATS


def test_bundled_document_is_the_default(bundled):
    assert parse_document().activities == bundled.activities


# ---------------------------------------------------------------- quirks, one at a time


def one(tmp_path, text: str, name="doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path)


@pytest.mark.parametrize("line, text", [
    ("Литье   металлов", "Литье металлов"),
    ("\tЛитье металлов  ", "Литье металлов"),
    ("Литье\u00a0металлов", "Литье металлов"),
    ("Литье\u200b металлов\ufeff", "Литье металлов"),
    ("Литье ме\u00adталлов", "Литье металлов"),
    ("Литье\u202fметаллов", "Литье металлов"),
])
def test_spaces_and_invisible_characters_are_cleaned(tmp_path, line, text):
    doc = one(tmp_path, f"СЕКТОР\n{line}\n")
    assert [a.text for a in doc.activities] == [text]


@pytest.mark.parametrize("line, text", [
    ("Прoизвoдcтвo мебели", "Производство мебели"),  # Latin o and c
    ("Пpoизвoдствo мeбeли", "Производство мебели"),  # Latin p, o, e
    ("Производство ПO", "Производство ПО"),  # Latin O in a Cyrillic abbreviation
])
def test_latin_lookalikes_inside_cyrillic_words(tmp_path, line, text):
    doc = one(tmp_path, f"СЕКТОР\n{line}\n")
    assert doc.activities[0].text == text
    assert "lookalikes" in doc.activities[0].flags


def test_latin_words_stay_latin(tmp_path):
    doc = one(tmp_path, "СЕКТОР\nРазработка ПО для IT-компаний\n")
    assert doc.activities[0].text == "Разработка ПО для IT-компаний"
    assert "lookalikes" not in doc.activities[0].flags


@pytest.mark.parametrize("line", ["1. Литье металлов", "12) Литье металлов", "- Литье металлов",
                                  "• Литье металлов", "— Литье металлов", "а) Литье металлов"])
def test_list_markers_are_removed(tmp_path, line):
    assert one(tmp_path, f"СЕКТОР\n{line}\n").activities[0].text == "Литье металлов"


@pytest.mark.parametrize("line, text, code", [
    ("25.11 Производство строительных металлических конструкций", "Производство строительных металлических конструкций", "25.11"),
    ("Литье металлов (24.5)", "Литье металлов", "24.5"),
    ("Литье металлов (ОКВЭД 24.5)", "Литье металлов", "24.5"),
    ("Литье металлов – 24.5", "Литье металлов", "24.5"),
    ("1. 24.51 Литье чугуна", "Литье чугуна", "24.51"),
    ("Литье металлов", "Литье металлов", None),
    ("Производство 3D-принтеров", "Производство 3D-принтеров", None),
])
def test_inline_codes_become_declared_codes(tmp_path, line, text, code):
    a = one(tmp_path, f"СЕКТОР\n{line}\n").activities[0]
    assert (a.text, a.declared_code) == (text, code)
    assert ("declared_code" in a.flags) == (code is not None)


@pytest.mark.parametrize("line, parts", [
    ("Переработка и консервирование мяса и мясной пищевой продукции  Рыболовство и рыбоводство",
     ["Переработка и консервирование мяса и мясной пищевой продукции", "Рыболовство и рыбоводство"]),
    ("Производство мебели   Производство напитков", ["Производство мебели", "Производство напитков"]),
    ("Производство мебелиПроизводство напитков", ["Производство мебели", "Производство напитков"]),
    # ordinary long names are never cut
    ("Производство машин и оборудования  для обработки металлов", None),
    ("Производство прочих готовых металлических изделий  Не включенных в другие группировки", None),
    ("Обработка металлов и нанесение покрытий на металлы; механическая обработка металлов", None),
])
def test_glued_lines_split_only_when_parts_resemble_official_names(tmp_path, line, parts):
    doc = one(tmp_path, f"СЕКТОР\n{line}\n")
    texts = [a.text for a in doc.activities]
    assert texts == (parts or [" ".join(line.split())])
    assert all(a.line == 2 for a in doc.activities)


def test_activities_before_any_heading_have_no_sector(tmp_path):
    doc = one(tmp_path, "Литье металлов\nПроизводство мебели\nПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ\nПроизводство напитков\n")
    assert [(a.sector, a.text) for a in doc.activities] == [
        (None, "Литье металлов"), (None, "Производство мебели"), ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "Производство напитков")]
    assert doc.title is None


def test_heading_with_a_colon(tmp_path):
    doc = one(tmp_path, "Металлообработка:\nЛитье металлов\nПищевая промышленность:\nПроизводство напитков\n")
    assert [s.name for s in doc.sectors] == ["Металлообработка", "Пищевая промышленность"]


def test_duplicates_ignore_case_yo_and_spacing(tmp_path):
    doc = one(tmp_path, "А СЕКТОР\nЛитьё металлов\nлитье  металлов.\nБ СЕКТОР\nЛитье металлов\n")
    flags = [(a.duplicate_of, a.flags) for a in doc.activities]
    assert flags == [(None, ()), (1, ("duplicate", "duplicate_in_sector")),
                     (1, ("duplicate", "duplicate_across_sectors"))]


# ---------------------------------------------------------------- formats

LINES = ["ПЕРЕЧЕНЬ", "МЕТАЛЛООБРАБОТКА", "Литье металлов", "Производство инструмента",
         "ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "Производство напитков"]
EXPECTED = [("МЕТАЛЛООБРАБОТКА", "Литье металлов"), ("МЕТАЛЛООБРАБОТКА", "Производство инструмента"),
            ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "Производство напитков")]


def pairs(doc):
    return [(a.sector, a.text) for a in doc.activities]


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1251", b""),
                                              ("utf-16", b"")])
def test_text_encodings_are_detected(tmp_path, encoding, prefix):
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + "\r\n".join(LINES).encode(encoding))
    doc = parse_document(path)
    assert pairs(doc) == EXPECTED
    assert doc.title == "ПЕРЕЧЕНЬ"


def test_csv_with_sector_and_activity_columns(tmp_path):
    path = tmp_path / "doc.csv"
    path.write_text("Сектор;Вид деятельности;Код ОКВЭД\nМЕТАЛЛООБРАБОТКА;Литье металлов;24.5\n"
                    ";Производство инструмента;\nПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ;Производство напитков;11\n", encoding="cp1251")
    doc = parse_document(path)
    assert pairs(doc) == EXPECTED
    assert [a.declared_code for a in doc.activities] == ["24.5", None, "11"]
    assert [a.line for a in doc.activities] == [2, 3, 4]
    assert [s.name for s in doc.sectors] == ["МЕТАЛЛООБРАБОТКА", "ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ"]


def test_csv_with_two_bare_columns(tmp_path):
    path = tmp_path / "doc.csv"
    path.write_text("МЕТАЛЛООБРАБОТКА,Литье металлов\nМЕТАЛЛООБРАБОТКА,Производство инструмента\n"
                    "ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ,Производство напитков\n", encoding="utf-8")
    assert pairs(parse_document(path)) == EXPECTED


def test_csv_with_one_column_reads_like_text(tmp_path):
    path = tmp_path / "doc.csv"
    path.write_text("\n".join(f'"{line}"' for line in LINES), encoding="utf-8")
    assert pairs(parse_document(path)) == EXPECTED


def test_xlsx_first_sheet_and_named_sheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Обложка"
    book.active.append(["Сектор", "Вид деятельности"])
    book.active.append(["МЕТАЛЛООБРАБОТКА", "Литье металлов"])
    sheet = book.create_sheet("Перечень")
    for line in LINES:
        sheet.append([line])
    path = tmp_path / "doc.xlsx"
    book.save(path)
    assert pairs(parse_document(path)) == [("МЕТАЛЛООБРАБОТКА", "Литье металлов")]
    assert pairs(parse_document(path, sheet="Перечень")) == EXPECTED
    with pytest.raises(DocumentError, match="нет листа «Нет» \\(листы: Обложка, Перечень\\)"):
        parse_document(path, sheet="Нет")


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Перечень видов деятельности кластера")  # plain title, not capitalised
    document.add_heading("Металлообработка", level=1)
    document.add_paragraph("Литье металлов")
    document.add_paragraph("Производство инструмента")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Сектор", "Вид деятельности"
    table.cell(1, 0).text, table.cell(1, 1).text = "ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "Производство напитков"
    path = tmp_path / "doc.docx"
    document.save(path)
    doc = parse_document(path)
    assert pairs(doc) == [(None, "Перечень видов деятельности кластера"),
                          ("Металлообработка", "Литье металлов"), ("Металлообработка", "Производство инструмента"),
                          ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "Производство напитков")]
    assert [(s.name, s.line) for s in doc.sectors] == [("Металлообработка", 2), ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", 6)]


# ---------------------------------------------------------------- errors


BAD_DOCUMENTS = [  # file name, its bytes (None: no file at all), the message
    ("absent.txt", None, "absent.txt: нет такого файла"),
    ("empty.txt", b"", "empty.txt: файл пуст"),
    ("blank.txt", "  \n\t\n".encode(), "blank.txt: файл пуст"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt: похоже на двоичный файл, а не на текст"),
    ("doc.pdf", b"%PDF-1.4\n", "doc.pdf: формат «.pdf» не поддерживается (подходят .txt, .csv, .xlsx, .docx)"),
    ("headings.txt", "МЕТАЛЛООБРАБОТКА\nПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ\n".encode(), "headings.txt: видов деятельности не найдено"),
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "broken.xlsx: книга .xlsx не читается"),
    ("broken.docx", "Литье металлов".encode(), "broken.docx: документ .docx не читается"),
]


@pytest.mark.parametrize("name, content, message", BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS])
def test_bad_documents_give_one_line_and_write_nothing(tmp_path, name, content, message, monkeypatch):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DocumentError, match=re.escape(message)):
        parse_document(path)
    run = CliRunner().invoke(cli, ["parse", str(path)])
    assert run.exit_code == 1
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Ошибка: ") and message in lines[0] and str(path) in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# ---------------------------------------------------------------- the command


def test_parse_command_prints_sectors_lines_and_flags():
    run = CliRunner().invoke(cli, ["parse"])
    assert run.exit_code == 0
    assert "отраслей: 11, видов деятельности: 95 (повторов 5, из склеенных строк 2)" in run.output
    assert "    14   10. Производство металлических цистерн, резервуаров и прочих емкостей  [повтор №9 (в том же секторе)]" \
        in run.output
    assert "    39   34. Рыболовство и рыбоводство  [разделена]" in run.output


def test_parse_command_jsonl_for_programs():
    import json

    run = CliRunner().invoke(cli, ["parse", "--format", "jsonl"])
    records = [json.loads(line) for line in run.output.splitlines()]
    assert len(records) == 95
    assert set(records[0]) == {"line", "text", "raw", "sector", "position", "flags", "declared_code", "duplicate_of"}
    assert records[20]["duplicate_of"] == 2 and records[20]["sector"] == "ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ"


def test_clean_text_example():
    assert clean_text("Литье\u00a0металлов\u200b ") == "Литье металлов"


def test_parse_prints_a_repeated_heading_once_with_its_lines(tmp_path):
    from click.testing import CliRunner

    from mapper.cli import cli

    document = tmp_path / "repeats.txt"
    document.write_text("МЕТАЛЛООБРАБОТКА\nЛитье металлов\nХИМИЯ\nПроизводство красок\nМЕТАЛЛООБРАБОТКА\nКовка\n",
                        encoding="utf-8")
    run = CliRunner().invoke(cli, ["parse", str(document)])
    assert run.exit_code == 0, run.output
    assert run.output.count("МЕТАЛЛООБРАБОТКА") == 1 and "МЕТАЛЛООБРАБОТКА  — строки 1, 5, 2 activities" in run.output
    assert run.output.count("Литье металлов") == 1 and run.output.count("Ковка") == 1


def test_an_xlsx_whose_first_sheet_is_empty_is_read_from_the_next():
    from pathlib import Path

    from mapper.document import parse_document

    doc = parse_document(Path(__file__).parent / "corpus" / "xlsx-several-sheets.xlsx")
    assert [a.text for a in doc.activities] == ["Литье металлов", "Ковка", "Выпечка хлеба"]
