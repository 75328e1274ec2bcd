"""Long lists: texts read from text, CSV, TSV and JSONL files one at a time, matched on several cores
with the answers in input order and the same as one process gives."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from mapper.batch import match_stream, read_texts
from mapper.cache import cached_matcher
from mapper.cli import cli
from mapper.errors import MapperError

TEXTS = ["Литьё металлов", "", "Производство автомобилей", "шиномонтаж", "Ремонт обуви"]


@pytest.mark.parametrize("name, content, column, expected", [
    ("list.txt", "Литьё металлов\n\nшиномонтаж\r\nРемонт обуви", None, ["Литьё металлов", "", "шиномонтаж", "Ремонт обуви"]),
    ("list.csv", "id;Наименование;код\n1;Литьё металлов;24.5\n2;;\n3;шиномонтаж;\n", None, ["Литьё металлов", "", "шиномонтаж"]),
    ("list.csv", "id,comment,what\n1,x,Литьё металлов\n", "what", ["Литьё металлов"]),
    ("list.tsv", "text\tcode\nЛитьё металлов\t24.5\n", None, ["Литьё металлов"]),
    ("list.csv", "a,b\nЛитьё металлов,x\n", None, ["Литьё металлов"]),  # no known column: the first
    ("list.jsonl", '{"text": "Литьё металлов"}\n\n{"other": 1}\n', None, ["Литьё металлов", ""]),
    ("list.jsonl", '{"activity": "шиномонтаж"}\n', "activity", ["шиномонтаж"]),
])
def test_texts_are_read_one_for_each_line_or_row(tmp_path, name, content, column, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert list(read_texts(path, column)) == expected


def test_a_cp1251_list_is_read(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("Наименование;код\nЛитьё металлов;24.5\n".encode("cp1251"))
    assert list(read_texts(path)) == ["Литьё металлов"]


@pytest.mark.parametrize("name, content, column, message", [
    ("list.csv", "a;b\n1;2\n", "текст", "нет столбца «текст»; есть: a, b"),
    ("list.jsonl", "{не json}\n", None, "строка 1: это не JSON"),
    ("list.txt", "Литьё металлов\n", "text", "--column — для CSV, TSV и JSONL"),
    ("list.bin", "\x00\x01\x02", None, "похоже на двоичный файл"),
])
def test_bad_lists_are_refused_in_russian(tmp_path, name, content, column, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapperError, match=message):
        list(read_texts(path, column))


def test_several_workers_answer_in_order_as_one_does():
    matcher = cached_matcher()
    texts = (TEXTS * 130)[:600]  # more than two chunks of 256: the workers are used
    one = [m.to_json() for m in match_stream(matcher, texts, jobs=1)]
    two = [m.to_json() for m in match_stream(matcher, iter(texts), jobs=2, chunk=64)]
    assert two == one and [m["query"] for m in two] == texts


def test_match_a_csv_column_on_two_cores(tmp_path):
    path = tmp_path / "register.csv"
    rows = [f"{n};ООО «Ромашка {n}»;{text}" for n, text in enumerate((TEXTS * 120)[:550])]
    path.write_text("инн;название;вид деятельности\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["match", "--file", str(path), "--jobs", "2", "--top", "1"])
    assert run.exit_code == 0, run.output
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    assert [a["query"] for a in answers] == (TEXTS * 120)[:550]
    assert answers[0]["candidates"][0]["code"] == "24.5" and answers[1]["status"] == "none"


def test_a_parquet_column_is_read_in_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "register.parquet"
    pq.write_table(pa.table({"inn": ["1", "2", "3"], "Вид деятельности": ["Литьё металлов", None, "шиномонтаж"]}), path)
    assert list(read_texts(path)) == ["Литьё металлов", "", "шиномонтаж"]
    with pytest.raises(MapperError, match="нет столбца «text»"):
        list(read_texts(path, "text"))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    with pytest.raises(MapperError, match="не читается как Parquet"):
        list(read_texts(broken))
