"""Write the bad-input corpus beside this file: documents as careless and hostile users hand them in.

    python tests/corpus/make_corpus.py

The files are committed; this script says how each was made, so that one can be remade or added.
Each is read by tests/test_corpus.py through parse, build, review import and export.
"""

from __future__ import annotations

import random
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent
GOOD = "МЕТАЛЛООБРАБОТКА\nЛитье металлов\nКовка, прессование и штамповка\nПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ\nВыпечка хлеба\n"


def text_files() -> dict[str, bytes]:
    rng = random.Random(20261202)
    return {
        "empty.txt": b"",
        "whitespace.txt": b"   \n\t\n \xc2\xa0 \n",
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "nul-inside.txt": GOOD.encode("utf-8")[:30] + b"\x00\x00" + GOOD.encode("utf-8")[30:],
        "cp1251.txt": GOOD.encode("cp1251"),
        "utf16-bom.txt": GOOD.encode("utf-16"),
        "utf8-bom.txt": b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
        "crlf.txt": GOOD.replace("\n", "\r\n").encode("utf-8"),
        "cr-only.txt": GOOD.replace("\n", "\r").encode("utf-8"),
        "no-headings.txt": "Производство мебели\nПошив одежды\nРемонт обуви\n".encode("utf-8"),
        "only-headings.txt": "МЕТАЛЛООБРАБОТКА\nПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ\n".encode("utf-8"),
        "repeated-headings.txt": (GOOD + "МЕТАЛЛООБРАБОТКА\nСварочные работы\n").encode("utf-8"),
        "duplicates.txt": ("МЕТАЛЛООБРАБОТКА\n" + "Литье металлов\n" * 50).encode("utf-8"),
        "huge-line.txt": ("МЕТАЛЛООБРАБОТКА\n" + "Литье металлов и " * 20000 + "\n").encode("utf-8"),
        "long-heading.txt": ("ОБРАБОТКА " * 60 + "\nЛитье металлов\n").encode("utf-8"),
        "html.txt": "МЕТАЛЛООБРАБОТКА\n<script>alert('x')</script>\n<b>Литье</b> металлов\n".encode("utf-8"),
        "sql.txt": "МЕТАЛЛООБРАБОТКА\n'; drop table activities; --\nЛитье металлов\" or 1=1\n".encode("utf-8"),
        "zero-width.txt": "МЕТАЛЛО\u200bОБРАБОТКА\nЛи\u200dтье мет\u200cаллов\n\ufeffКовка\n".encode("utf-8"),
        "homoglyphs.txt": "METAЛЛOOБPAБOTKA\nЛитьe мeтaллoв\nKовка\n".encode("utf-8"),  # Latin look-alikes
        "codes.txt": ("МЕТАЛЛООБРАБОТКА\nЛитье металлов (24.5)\n24.53 Литье легких металлов\nОКВЭД 25.61 покрытия\n"
                      "2561\n25.99.9 нет такого кода\nкод 25,50\n").encode("utf-8"),
        "numbers-only.txt": "МЕТАЛЛООБРАБОТКА\n1.\n2)\n- \n•\n".encode("utf-8"),
        "bullets.txt": "МЕТАЛЛООБРАБОТКА\n• Литье металлов\n— Ковка\n1) Сварка\n2. Резка металла;\n".encode("utf-8"),
        "emoji.txt": "МЕТАЛЛООБРАБОТКА 🔩\nЛитье металлов 🔥\n🍞\n".encode("utf-8"),
        "one-column.csv": "activity\nПроизводство мебели\nПошив одежды\n".encode("utf-8"),
        "semicolon-bom.csv": b"\xef\xbb\xbf" + "Отрасль;Вид деятельности\nМЕТАЛЛООБРАБОТКА;Литье металлов\n"
                                                "МЕТАЛЛООБРАБОТКА;Ковка\n".encode("utf-8"),
        "comma.csv": "sector,activity\nМЕТАЛЛООБРАБОТКА,Литье металлов\nМЕТАЛЛООБРАБОТКА,\"Ковка, штамповка\"\n"
                     .encode("utf-8"),
        "tab.csv": "sector\tactivity\nМЕТАЛЛООБРАБОТКА\tЛитье металлов\n".encode("utf-8"),
        "csv-empty-cells.csv": "sector,activity\n,\nМЕТАЛЛООБРАБОТКА,\n,Литье металлов\n,,\n".encode("utf-8"),
        "csv-cp1251.csv": "Отрасль;Вид деятельности\nМЕТАЛЛООБРАБОТКА;Литье металлов\n".encode("cp1251"),
        "csv-ragged.csv": "a,b,c\n1\n2,3,4,5,6\n\"unclosed\n".encode("utf-8"),
        "fake.docx": GOOD.encode("utf-8"),
        "fake.xlsx": bytes(rng.randrange(256) for _ in range(2048)),
        "unsupported.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    }


def xlsx_several_sheets(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Пусто"
    data = book.create_sheet("Кластер")
    for row in (("Отрасль", "Вид деятельности"), ("МЕТАЛЛООБРАБОТКА", "Литье металлов"), (None, None),
                ("МЕТАЛЛООБРАБОТКА", "Ковка"), (None, "Выпечка хлеба")):
        data.append(row)
    book.save(path)


def xlsx_merged(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(("МЕТАЛЛООБРАБОТКА", None))
    sheet.merge_cells("A1:B1")
    for row in ((None, "Литье металлов"), (None, None), (12345, "Ковка"), ("=1+1", "Выпечка хлеба")):
        sheet.append(row)
    book.save(path)


def docx_with_table(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("СПЕЦИАЛИЗАЦИЯ КЛАСТЕРА")
    table = document.add_table(rows=3, cols=2)
    for row, (sector, activity) in zip(table.rows, (("Отрасль", "Вид деятельности"),
                                                    ("МЕТАЛЛООБРАБОТКА", "Литье металлов"),
                                                    ("ПИЩЕВАЯ ПРОМЫШЛЕННОСТЬ", "Выпечка хлеба"))):
        row.cells[0].text, row.cells[1].text = sector, activity
    document.add_paragraph("Ковка")
    document.save(path)


def main() -> None:
    for name, data in text_files().items():
        (HERE / name).write_bytes(data)
    xlsx_several_sheets(HERE / "xlsx-several-sheets.xlsx")
    xlsx_merged(HERE / "xlsx-merged-empty.xlsx")
    docx_with_table(HERE / "docx-table.docx")
    print(f"{len(list(HERE.glob('*'))) - 1} files in {HERE}")


if __name__ == "__main__":
    main()
