"""The Dask path: a LocalCluster of two worker processes matches a few thousand lines as one process does."""

from __future__ import annotations

import csv
import json

import pytest

from mapper.cache import cached_matcher

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")

from mapper.dask import match_dataframe  # noqa: E402

from .conftest import SHARED  # noqa: E402


def _lines() -> list[str]:
    source = SHARED / "eval" / "okpd2-products-dev.csv" if SHARED else None
    if source is not None and source.exists():
        with source.open(encoding="utf-8-sig", newline="") as handle:
            return [row["text"] for row in csv.DictReader(handle)][:2000]
    return ["Литьё металлов", "Производство автомобилей", "шиномонтаж", "Ремонт обуви", ""] * 400


def test_two_dask_workers_answer_as_one_process():
    lines = _lines()
    frame = pd.DataFrame({"id": range(len(lines)), "вид деятельности": lines})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        result = match_dataframe(dd.from_pandas(frame, npartitions=8), "вид деятельности").compute()
    one = cached_matcher().match_many(lines, k=5)
    assert result["id"].tolist() == list(range(len(lines)))  # the rows in their order
    assert result["okved_status"].tolist() == [m.status for m in one]
    assert result["okved_code"].tolist() == [m.best.code if m.best else None for m in one]
    assert [json.loads(c) for c in result["okved_candidates"]] == [m.to_json()["candidates"] for m in one]


def test_a_missing_column_is_said():
    ddf = dd.from_pandas(pd.DataFrame({"text": ["Литьё металлов"]}), npartitions=1)
    with pytest.raises(KeyError, match="нет столбца «вид деятельности»; есть: text"):
        match_dataframe(ddf, "вид деятельности")


def test_a_binary_file_is_refused_before_dask_reads_it(tmp_path):
    from mapper.dask import read_frame
    from mapper.errors import MapperError

    path = tmp_path / "register.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(MapperError, match="похоже на двоичный файл"):
        read_frame(path)


@pytest.mark.parametrize("name, content, column", [
    ("register.csv", "инн;вид деятельности\n" + "\n".join(f"{n};{t}" for n, t in enumerate(
        ["Литьё металлов", "", "Производство автомобилей", "шиномонтаж", "Ремонт обуви"] * 60)) + "\n", "вид деятельности"),
    ("list.txt", "\n".join(["Литьё металлов", "", "шиномонтаж", "Ремонт обуви"] * 50) + "\n", None),
])
def test_match_dask_writes_what_match_writes(tmp_path, monkeypatch, name, content, column):
    from click.testing import CliRunner

    from mapper import dask as on_dask
    from mapper.cli import cli

    monkeypatch.setattr(on_dask, "BLOCKSIZE", "1kB")  # several partitions, in the file's order

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    options = ["match", "--file", str(path), "--top", "3", "--format", "jsonl"] + (["--column", column] if column else [])
    local = CliRunner().invoke(cli, [*options, "--jobs", "1"])
    assert local.exit_code == 0, local.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = CliRunner().invoke(cli, [*options, "--dask", cluster.scheduler_address])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout and remote.stdout.count("\n") == content.count("\n") - (1 if column else 0)
