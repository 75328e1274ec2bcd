"""A real Datasette server on loopback: every table page and canned query, as HTML and JSON, and a
headless Chromium reading the pages a person reads."""

from __future__ import annotations

import json
import re
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
import urllib.error
import urllib.parse
import urllib.request

import pytest

from mapper.bundled import default_document_path
from mapper.cache import cached_matcher
from mapper.database import build
from mapper.reviewers import add_reviewer

# the bundled document, and a second one whose activities the matcher cannot settle (review, none)
UNSETTLED = "ПРОЧЕЕ\nУслуги населению\nЦифровизация\n"


def _division_of(text: str) -> str:
    """The division of the matcher's first candidate for a text: what a page shows for it."""
    return cached_matcher().match(text).best.code[:2]


TABLES = {"activity_codes": 97, "activities": 97, "sectors": 12, "okved": 2881, "documents": 2, "candidates": None,
          "sector_codes": None, "registry_codes": None, "reference_edition": 1, "mapping": 97, "borrowed_notes": 603}
QUERIES = [
    ("codes_by_sector", {"sector": "ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ"}, lambda rows: len(rows) == 14
     and "24.2" in {r["Код"] for r in rows}),
    ("codes_by_sector", {"sector": ""}, lambda rows: len(rows) == 93),  # 92 of the bundled document, 1 of unsettled.txt
    ("needs_review", {}, lambda rows: [(r["Вид деятельности"], r["Статус"]) for r in rows]
     == [("Добыча сырой нефти", "review"), ("Услуги населению", "review"), ("Цифровизация", "none")]
     and "79.11" in rows[1]["Кандидаты"]),
    ("suspicious", {}, lambda rows: any(r["Строка"] == 26 and "далеко от сектора" in r["Замечания"] for r in rows)),
    ("search_okved", {"q": "литьё металла"}, lambda rows: rows[0]["Код"] == "24.5"),
    ("search_okved", {"q": "2561"}, lambda rows: rows[0]["Код"] == "25.61"),  # a code, typed any way
    ("search_okved", {"q": "25.61"}, lambda rows: rows[0]["Код"] == "25.61"),
    ("search_okved", {"q": "ремонт тракторов"}, lambda rows: rows[0]["Код"] == "33.12"),  # found in its notes
    ("suggest_code", {"text": "Изготовление мебели для офисов"}, lambda rows: rows[0]["Код"] == "31.01"
     and 0 < rows[0]["Оценка"] <= 1),
    # «Услуги населению» says nothing certain: its division, whatever the matcher answers, is only in unsettled.txt
    ("compare_documents", {}, lambda rows: ("только в unsettled.txt", _division_of("Услуги населению"))
     in {(r["Где"], r["Код"]) for r in rows}
     and {r["Где"] for r in rows} == {"только в cluster-specialization.txt", "только в unsettled.txt"}
     and rows[0]["По документам"].startswith("cluster-specialization.txt: ")),  # the larger divisions first
    ("registry_selection", {}, lambda rows: {"25.61", "25.62"} <= {r["Код"] for r in rows}
     and all(r["LIKE"].endswith("%") for r in rows)),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def start_server(args: list[str], tmp_path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(tmp_path / f"serve-{port}.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "mapper.cli", "serve", "--port", str(port), *args],
                               stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((tmp_path / f"serve-{port}.log").read_text())
        try:
            if get(f"{base}/-/versions.json", timeout=2)[0] == 200:
                return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("datasette did not start in 60 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "okved.db"
    unsettled = tmp / "unsettled.txt"
    unsettled.write_text(UNSETTLED, encoding="utf-8")
    build([default_document_path(), unsettled], db_path=db, reviews=False)
    process, base = start_server(["--db", str(db)], tmp)
    yield base
    stop(process)


@pytest.mark.parametrize("table, count", TABLES.items())
def test_table_pages_html_and_json(server, table, count):
    status, html = get(f"{server}/okved/{table}")
    assert status == 200 and "<table" in html
    status, body = get(f"{server}/okved/{table}.json?_shape=objects&_size=5")
    data = json.loads(body)
    assert status == 200 and data["rows"]
    if count is not None:
        assert data["filtered_table_rows_count"] == count


@pytest.mark.parametrize("name, params, check", QUERIES, ids=[f"{q[0]}-{i}" for i, q in enumerate(QUERIES)])
def test_canned_queries_html_and_json(server, name, params, check):
    query = urllib.parse.urlencode(params)
    status, html = get(f"{server}/okved/{name}?{query}")
    assert status == 200 and "<table" in html
    status, body = get(f"{server}/okved/{name}.json?{query}&_shape=objects")
    data = json.loads(body)
    assert status == 200 and data["ok"], data
    assert check(data["rows"]), data["rows"][:3]


def test_metadata_is_russian_and_plugin_is_loaded(server):
    status, html = get(f"{server}/")
    assert "Специализация кластера по ОКВЭД 2" in html
    plugins = json.loads(get(f"{server}/-/plugins.json")[1])
    assert any(p["name"] == "okved-mapper" for p in plugins)
    status, html = get(f"{server}/okved/activity_codes")
    assert "Коды видов деятельности" in html and "Отрасль кластера" in html


def test_the_server_is_read_only(server):
    request = urllib.request.Request(f"{server}/okved/-/query", method="POST",
                                     data=b"sql=delete+from+activity_codes")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=10)
    status, body = get(f"{server}/okved/activity_codes.json?_shape=objects&_size=1")
    assert json.loads(body)["filtered_table_rows_count"] == TABLES["activity_codes"]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs the Debian package")
        pytest.skip("chromium is not installed here")
    return path


#: where the browser tests leave their screenshots (``$OKVED_TEST_ARTIFACTS``, else tests/artifacts/)
ARTIFACTS = Path(os.environ.get("OKVED_TEST_ARTIFACTS") or Path(__file__).parent / "artifacts")


def _chromium(tmp_path, *args: str, budget: int = 5000) -> str:
    return subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium'}", f"--virtual-time-budget={budget}", *args],
        capture_output=True, text=True, timeout=120).stdout


def rendered_dom(url: str, tmp_path, *, budget: int = 5000) -> str:
    """The page's DOM after Chromium ran its scripts."""
    return _chromium(tmp_path, "--dump-dom", url, budget=budget)


def screenshot(url: str, tmp_path, name: str, *, budget: int = 5000, size: str = "1400,2200") -> Path:
    """A PNG of the page as Chromium draws it, kept under :data:`ARTIFACTS`."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    out.unlink(missing_ok=True)
    _chromium(tmp_path, f"--window-size={size}", f"--screenshot={out}", url, budget=budget)
    return out


def text_of(dom: str) -> str:
    import html
    import re

    dom = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", dom)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


def visible_text(url: str, tmp_path) -> str:
    """The page as Chromium renders it, stripped to text."""
    return text_of(rendered_dom(url, tmp_path))


def test_a_person_sees_the_mapping_and_a_live_suggestion(server, tmp_path):
    page = visible_text(f"{server}/okved/activity_codes?_sort=line", tmp_path)
    assert "Коды видов деятельности" in page
    assert f"{TABLES['activity_codes']} строк" in page
    assert "Литье металлов" in page and "24.5" in page and "точно" in page and "Вид деятельности" in page
    query = urllib.parse.urlencode({"text": "Изготовление мебели для офисов"})
    page = visible_text(f"{server}/okved/suggest_code?{query}", tmp_path)
    assert "Подобрать код" in page
    assert "31.01" in page and "Производство мебели для офисов и предприятий торговли" in page


def cyrillic_share(text: str) -> float:
    cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    return cyrillic / max(cyrillic + latin, 1)


def test_the_home_page_says_what_this_is_and_what_to_do_next(server, tmp_path):
    dom = rendered_dom(f"{server}/", tmp_path)
    text = text_of(dom)
    assert cyrillic_share(text) >= 0.9, text
    assert "Специализация кластера по ОКВЭД 2" in text and "редакция" in text
    assert re.search(r"Проверить \d+ вида? деятельности", text), text
    assert re.search(r"точно\s*:\s*\d+", text) and re.search(r"на проверку\s*:\s*\d+", text), text
    for link in ("/okved/needs_review", "/-/dashboards/cluster", "/okved/mapping?%D0%A1%D1%82%D0%B0%D1%82%D1%83%D1%81=review",
                 "/okved/decisions", "/okved/search_okved", "/okved/compare_documents"):
        assert link in dom, link
    screenshot(f"{server}/", tmp_path, "home", size="1200,1000")
    # the search box takes a code or words
    for query, found in (("2561", "25.61"), ("ремонт тракторов", "33.12")):
        text = visible_text(f"{server}/okved/search_okved?" + urllib.parse.urlencode({"q": query}), tmp_path)
        assert found in text


@pytest.mark.parametrize("page, share", [
    ("/okved/activity_codes", 0.6), ("/okved/okved/25~2E61", 0.6), ("/okved/sector_codes", 0.6),
    ("/okved/needs_review", 0.6),
    ("/okved", 0.6),  # tables by their Russian titles (SQL names beside them), columns by their labels
])
def test_pages_speak_russian(server, tmp_path, page, share):
    text = visible_text(server + page, tmp_path)
    for english in ("Powered by", "This data as", "rows", "Apply", "Sort by", "Advanced export", "Menu",
                    "Sort ascending", "Hide this column"):
        assert english not in text, (english, text[:500])
    assert cyrillic_share(text) >= share, text[:500]


def test_the_mapping_is_twelve_columns_in_russian(server, tmp_path):
    status, body = get(f"{server}/okved/mapping.json?_shape=objects&_size=1")
    columns = list(json.loads(body)["rows"][0])
    assert status == 200 and len(columns) <= 12 and {"Вид деятельности", "Код", "Статус"} <= set(columns)
    text = visible_text(f"{server}/okved/mapping?" + urllib.parse.urlencode({"Статус": "review"}), tmp_path)
    assert "Сопоставление" in text and "(view)" not in text and "на проверку" in text and "Добыча сырой нефти" in text


def test_a_sector_is_chosen_from_a_list(server, tmp_path):
    dom = rendered_dom(f"{server}/okved/codes_by_sector", tmp_path)
    select = re.search(r'<select name="sector"[^>]*>(.*?)</select>', dom, re.S)
    assert select, dom[:3000]
    options = re.findall(r"<option[^>]*>([^<]+)</option>", select.group(1))
    assert options[0] == "— отрасль —" and "МЕТАЛЛООБРАБОТКА" in options and len(options) == len(set(options))
    chosen = rendered_dom(f"{server}/okved/codes_by_sector?" + urllib.parse.urlencode({"sector": "ПРОЧЕЕ"}), tmp_path)
    assert re.search(r'<option value="ПРОЧЕЕ" selected(="")?>ПРОЧЕЕ</option>', chosen), chosen[:3000]


def test_codes_link_to_their_pages_and_statuses_read_as_labels(server):
    status, page = get(f"{server}/okved/activity_codes?_size=200")
    assert status == 200
    assert re.search(r'<td class="col-status[^"]*"[^>]*>точно</td>', page)
    assert not re.search(r'<td class="col-status[^"]*"[^>]*>exact</td>', page)
    assert 'href="/okved/okved/24~2E5"' in page  # the dots tilde-encoded
    status, row = get(f"{server}/okved/okved/24~2E5")
    assert status == 200 and "Литье металлов" in row and 'href="/okved/okved/24"' in row
    status, page = get(f"{server}/okved/codes_by_sector?" + urllib.parse.urlencode({"sector": "МЕТАЛЛООБРАБОТКА"}))
    assert status == 200 and '<a href="/okved/okved/24~2E5">24.5</a>' in page  # canned queries' codes too
    status, data = get(f"{server}/okved/activity_codes.json?_shape=array&_size=1")
    assert json.loads(data)[0]["status"] in ("exact", "auto", "review", "none", "manual")  # the data keep the keys


@pytest.mark.parametrize("page, title, header, check", [
    ("/okved/mapping.xlsx", "Сопоставление", ["№", "Отрасль", "Строка", "Вид деятельности", "Код"],
     lambda rows: len(rows) == TABLES["mapping"] and "точно" in {r[8] for r in rows} and "exact" not in {r[8] for r in rows}),
    ("/okved/activity_codes.xlsx?_labels=on", "Коды видов деятельности", ["№", "Документ", "Отрасль №", "Отрасль"],
     lambda rows: len(rows) == TABLES["activity_codes"] and rows[0][6] == "25.6"),  # the code, not its label
    ("/okved/okved.xlsx", "ОКВЭД 2", ["Код", "Наименование"],
     lambda rows: len(rows) == 1002 and rows[-1][0].startswith("Показаны первые 1000 строк")),  # said where cut
    ("/okved/suggest_code.xlsx?text=%D0%BB%D0%B8%D1%82%D1%8C%D0%B5+%D1%81%D1%82%D0%B0%D0%BB%D0%B8", "Подобрать код",
     ["Код", "Наименование", "Оценка", "Статус"], lambda rows: rows[0][0] == "24.52"),
])
def test_pages_download_as_excel(server, page, title, header, check):
    """«Excel» beside «JSON» and «CSV для программ»: a workbook with Russian headers, all rows, labels."""
    import io

    import openpyxl

    with urllib.request.urlopen(server + page, timeout=60) as response:  # a page of 50 goes on to all rows
        body, kind = response.read(), response.headers["content-type"]
        disposition = urllib.parse.unquote(response.headers["content-disposition"])
    assert kind.startswith("application/vnd.openxmlformats") and disposition.endswith(f"{title}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert sheet.title == title and list(rows[0][:len(header)]) == header
    assert check(rows[1:]), rows[:3]
    status, html = get(server + page.replace(".xlsx", ""))  # the page itself offers the download
    assert status == 200 and re.search(r'<a href="[^"]+\.xlsx[^"]*">Excel</a>', html) and ">CSV для программ<" in html


@pytest.mark.parametrize("page, status, said", [
    ("/okved/no_such_table", 404, ["Не найдено", "Нет такой таблицы или запроса"]),
    ("/no_such_database", 404, ["Не найдено"]),
    ("/okved/okved/99~2E99", 404, ["Не найдено", "Нет такой строки"]),
])
def test_error_pages_speak_russian(server, page, status, said):
    code, html = get(server + page)
    text = " ".join(re.sub(r"(?s)<(script|style)\b.*?</\1>|<[^>]+>", " ", html).split())
    assert code == status and all(words in text for words in said), text[:400]
    assert not re.search(r"\b(Error|Forbidden|not found)\b", text), text[:400]


def test_the_cluster_picture_is_drawn(server, tmp_path):
    url = f"{server}/-/dashboards/cluster"
    dom = rendered_dom(url, tmp_path, budget=15000)
    text = text_of(dom)
    assert "Картина кластера" in text and "Отрасли × разделы ОКВЭД 2" in text and "Документы рядом" in text
    assert "Ждут проверки эксперта" in text and "Видов деятельности" in text
    # four vega-lite charts, each drawn (vega-embed renders them as SVG «marks»), and the sector dropdown
    assert dom.count('class="marks"') >= 4, dom[:2000]
    assert "МЕТАЛЛООБРАБОТКА" in dom and "<select" in dom
    picture = screenshot(url, tmp_path, "cluster-dashboard", budget=15000)
    assert picture.stat().st_size > 50_000  # a drawn page, not a blank one
    one = rendered_dom(f"{url}?sector=" + urllib.parse.quote("МЕТАЛЛООБРАБОТКА"), tmp_path, budget=15000)
    assert one.count('class="marks"') >= 4 and "МЕТАЛЛООБРАБОТКА" in text_of(one)


def _fetch(url: str, headers: dict | None = None) -> tuple[str, str]:
    """The body and the page-cache header of a GET."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.read().decode("utf-8"), response.headers.get("x-page-cache", "")


@pytest.mark.parametrize("page", ["/okved/activity_codes", "/", "/okved/okved/25~2E61",
                                  "/okved/search_okved?q=%D0%BB%D0%B8%D1%82%D1%8C%D0%B5"])
def test_pages_of_the_published_database_are_kept_and_follow_a_rebuild(tmp_path, page):
    db = tmp_path / "okved.db"
    build(db_path=db, reviews=False)
    process, base = start_server(["--db", str(db)], tmp_path)
    try:
        first, cached = _fetch(base + page)
        again, hit = _fetch(base + page)
        assert (cached, hit, again) == ("", "hit", first)
        assert _fetch(base + page, {"Cookie": "ds_actor=x"})[1] == ""  # a signed-in reader gets it afresh
        if page == "/okved/activity_codes":
            unsettled = tmp_path / "unsettled.txt"
            unsettled.write_text(UNSETTLED, encoding="utf-8")
            build([unsettled], db_path=db, reviews=False)  # replaces the file the server publishes
            assert _fetch(base + page)[1] == ""  # not kept across a rebuild (Datasette, for its part,
            # reads a replaced read-only file only after a restart of `serve`)
    finally:
        stop(process)


def test_pages_of_the_writable_reviews_database_are_never_kept(tmp_path):
    db = tmp_path / "okved.db"
    build(db_path=db, reviews=False)
    add_reviewer("Иванова", "пароль эксперта")
    process, base = start_server(["--db", str(db), "--review", "--reviews", str(tmp_path / "reviews.db")], tmp_path)
    try:
        for page in ("/reviews/reviews", "/"):
            _fetch(base + page)
            assert _fetch(base + page)[1] == ""
    finally:
        stop(process)
