"""Reviews: decisions that survive rebuilds, reorders and edits; CSV for git; writes over HTTP."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
import sqlite_utils
from click.testing import CliRunner

from mapper.bundled import default_document_path
from mapper.cli import cli
from mapper.database import build
from mapper.reference import strip_zero_levels
from mapper.review import NO_ACTIVITY, NO_CODE, NO_SECTOR, NOT_IN_DOCUMENT, ReviewStore
from mapper.reviewers import add_reviewer

from .test_datasette import start_server, stop


@pytest.fixture
def workspace(tmp_path):
    document = tmp_path / "cluster.txt"
    shutil.copy(default_document_path(), document)
    db = tmp_path / "okved.db"
    reviews = tmp_path / "reviews.db"
    build([document], db_path=db, reviews=False)
    return document, db, reviews


def review(db, reviews, *args, ok=True):
    run = CliRunner().invoke(cli, ["review", "--db", str(db), "--reviews", str(reviews), *args])
    if ok:
        assert run.exit_code == 0, run.output
    return run


def mapping(db, line=None, text=None) -> list[dict]:
    rows = sqlite_utils.Database(db).query("select * from activity_codes order by activity_id")
    return [r for r in rows if (line is None or r["line"] == line) and (text is None or r["activity"] == text)]


def rebuild(document, db, reviews):
    run = CliRunner().invoke(cli, ["build", str(document), "--db", str(db), "--reviews", str(reviews)])
    assert run.exit_code == 0, run.output
    return run


def test_a_review_survives_a_rebuild(workspace):
    document, db, reviews = workspace
    review(db, reviews, "set", "92", "06.10", "--note", "нефть и попутный газ")
    assert mapping(db, line=92)[0]["code"] == "06.10.1"  # nothing changes until the next build
    run = rebuild(document, db, reviews)
    assert "вручную 1" in run.output
    row = mapping(db, line=92)[0]
    assert (row["code"], row["status"], row["score"], row["review_note"]) == ("06.10", "manual", 1.0,
                                                                               "нефть и попутный газ")
    rebuild(document, db, reviews)
    assert mapping(db, line=92)[0]["code"] == "06.10"


def test_a_review_follows_its_activity_when_lines_are_reordered(workspace):
    document, db, reviews = workspace
    review(db, reviews, "set", "Литьё металлов", "24.51")
    lines = document.read_text(encoding="utf-8").splitlines()
    moved = lines[:4] + [lines[10]] + lines[4:10] + lines[11:]  # «Литье металлов» right under its heading
    document.write_text("\n".join(moved) + "\n", encoding="utf-8")
    rebuild(document, db, reviews)
    row = mapping(db, text="Литье металлов")[0]
    assert row["line"] == 5 and row["code"] == "24.51" and row["status"] == "manual"


def test_a_review_whose_activity_disappears_is_reported_and_kept(workspace):
    document, db, reviews = workspace
    review(db, reviews, "set", "Литье металлов", "24.51")
    lines = [line for line in document.read_text(encoding="utf-8").splitlines() if line.strip() != "Литье металлов"]
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = rebuild(document, db, reviews)
    assert "(они сохранены): 1, например «Литье металлов» (МЕТАЛЛООБРАБОТКА)" in run.output
    assert [r.text for r in ReviewStore(reviews).all()] == ["Литье металлов"]


def test_accept_confirms_the_proposed_code(workspace):
    document, db, reviews = workspace
    review(db, reviews, "accept", "Добыча сырой нефти")
    rebuild(document, db, reviews)
    row = mapping(db, line=92)[0]
    assert (row["code"], row["status"]) == ("06.10.1", "manual")
    listed = review(db, reviews, "list").output
    assert "06.10.1   accept «Добыча сырой нефти» (НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ)" in listed


def test_a_reviewed_phrase_is_known_in_other_documents(workspace, tmp_path):
    document, db, reviews = workspace
    review(db, reviews, "set", "Добыча сырой нефти", "06.10")
    other = tmp_path / "other.txt"
    other.write_text("ДОБЫЧА\nдобыча сырой нефти\nЛитье металлов\n", encoding="utf-8")
    rebuild(other, db, reviews)
    row = mapping(db, text="добыча сырой нефти")[0]
    assert (row["code"], row["status"]) == ("06.10", "manual")
    assert row["review_note"].startswith("решено ранее для «Добыча сырой нефти» в отрасли НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ, 20")
    assert "из базы решений" in row["flags"]


def test_a_review_can_be_withdrawn(workspace):
    document, db, reviews = workspace
    review(db, reviews, "set", "92", "06.10")
    rebuild(document, db, reviews)
    assert mapping(db, line=92)[0]["status"] == "manual"
    assert "решение для «Добыча сырой нефти» (НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ) снято" in review(db, reviews, "remove", "добыча сырой нефти").output
    rebuild(document, db, reviews)
    assert (mapping(db, line=92)[0]["code"], mapping(db, line=92)[0]["status"]) == ("06.10.1", "review")
    run = review(db, reviews, "remove", "Добыча сырой нефти", ok=False)
    assert run.exit_code == 1 and "нет решения для «Добыча сырой нефти»" in run.output


@pytest.mark.parametrize("args, message", [
    (["set", "92", "99.99.9"], "кода 99.99.9 нет в ОКВЭД 2"),
    (["set", "92", "abc"], "«abc» — не код ОКВЭД 2"),
    (["set", "Квантовая телепортация", "25.61"], "нет вида деятельности «Квантовая телепортация»"),
    (["set", "1000", "25.61"], "нет вида деятельности «1000»"),
    (["set", "Производство стальных труб, полых профилей и фитингов", "24.20"], "неоднозначно"),
    (["set", "39", "03"], "укажите текст целиком"),
])
def test_bad_review_input_changes_nothing(workspace, args, message):
    document, db, reviews = workspace
    review(db, reviews, "set", "Литье металлов", "24.51")
    before = reviews.read_bytes()
    run = review(db, reviews, *args, ok=False)
    assert run.exit_code == 1
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Ошибка: ") and message in lines[0]
    assert reviews.read_bytes() == before


def test_no_reviews_file_is_created_by_a_refused_review(workspace):
    document, db, reviews = workspace
    assert review(db, reviews, "set", "92", "99.99.9", ok=False).exit_code == 1
    assert not reviews.exists()


def test_reviews_round_trip_through_csv(workspace, tmp_path):
    document, db, reviews = workspace
    review(db, reviews, "set", "92", "0610", "--note", "с газом", "--reviewer", "Анна")
    review(db, reviews, "accept", "Литье металлов")
    out = tmp_path / "reviews.csv"
    review(db, reviews, "export", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "\ufefftext;sector;code;okved_name;action;note;reviewer;updated_at"  # as `export` writes
    assert "Добыча сырой нефти;НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ;06.10;Добыча нефти и нефтяного (попутного) газа;set;с газом;Анна;" in text
    fresh = tmp_path / "fresh.db"
    review(db, fresh, "import", str(out))
    assert ReviewStore(fresh).all() == ReviewStore(reviews).all()


@pytest.mark.parametrize("content, message", [
    ("text,code\nДобыча сырой нефти,06.10\nЛитье металлов,99.99.9\n", "строка 3: кода 99.99.9 нет в ОКВЭД 2"),
    ("a,b\n1,2\n", "нужны столбцы text и code"),
    ("text,code\n,25.61\n", "строка 2: пустой текст"),
    # every rejected row said, each with the line it ends on (a quoted note may span lines)
    ('text,code,note\nЛитье металлов,99.99.9,\n,25.61,\nДобыча сырой нефти,06.10,"две\nстроки"\nШиномонтаж,abc,\n',
     ("отклонено строк: 3 из 4, ничего не сохранено — строка 2: кода 99.99.9 нет в ОКВЭД 2",
      "; строка 3: пустой текст; строка 6: «abc» — не код ОКВЭД 2")),
])
def test_a_bad_reviews_csv_is_refused_whole(workspace, tmp_path, content, message):
    document, db, reviews = workspace
    review(db, reviews, "set", "Литье металлов", "24.51")
    before = reviews.read_bytes()
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    run = review(db, reviews, "import", str(source), ok=False)
    assert run.exit_code == 1 and len(run.output.strip().splitlines()) == 1
    assert all(part in run.output for part in ((message,) if isinstance(message, str) else message))
    assert reviews.read_bytes() == before


@pytest.mark.parametrize("data", [
    "\ufefftext;sector;code\nДобыча сырой нефти;НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ;06.10\n".encode("utf-8"),  # Excel, Russian
    "text,sector,code\nДобыча сырой нефти,НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ,06.10\n".encode("cp1251"),
    "text\tsector\tcode\r\nДобыча сырой нефти\tНЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ\t06.10\r\n".encode("utf-8"),
    " text ; sector ; code \nДобыча сырой нефти;НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ;06.10\n".encode("utf-8"),
    "text;sector;code\nДобыча сырой нефти;НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ;6,1\n".encode("cp1251"),  # Excel's number
], ids=["excel-semicolon-bom", "cp1251", "tab-crlf", "spaces-in-header", "code-read-as-a-number"])
def test_reviews_csv_as_excel_and_windows_save_it(workspace, tmp_path, data):
    document, db, reviews = workspace
    source = tmp_path / "reviews.csv"
    source.write_bytes(data)
    review(db, reviews, "import", str(source))
    # 06.1 and 06.10 are one grouping (a group with one class): Excel's 6,1 comes back as 06.1
    assert [(r.text, strip_zero_levels(r.code)) for r in ReviewStore(reviews).all()] == [("Добыча сырой нефти", "06.1")]


def test_importing_decisions_for_texts_the_database_lacks_says_so(workspace, tmp_path):
    document, db, reviews = workspace
    source = tmp_path / "reviews.csv"
    source.write_text("text,sector,code\nДобыча сырой нефти,НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ,06.10\n"
                      "Квантовая телепортация,,25.61\n", encoding="utf-8")
    run = review(db, reviews, "import", str(source))
    assert "1 из 2 решений не относятся ни к одному виду деятельности" in run.output
    assert "«Квантовая телепортация»" in run.output and len(ReviewStore(reviews).all()) == 2  # kept


def test_a_binary_file_is_refused_in_one_line(workspace, tmp_path):
    document, db, reviews = workspace
    source = tmp_path / "reviews.csv"
    source.write_bytes(bytes(range(256)) * 4)
    run = review(db, reviews, "import", str(source), ok=False)
    assert run.exit_code == 1 and len(run.output.strip().splitlines()) == 1 and "Traceback" not in run.output
    assert not reviews.exists()


# ---------------------------------------------------------------- writing through Datasette


def _opener(jar: CookieJar):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


REVIEWER, PASSWORD = "Иванова А. С.", "пароль эксперта"


def with_reviewer() -> None:
    """A reviewer in the reviewers file of the test ($OKVED_REVIEWERS), whom ``serve --review`` lets in."""
    add_reviewer(REVIEWER, PASSWORD)


def sign_in(base: str, name: str = REVIEWER, password: str = PASSWORD):
    """An opener signed in through the site's sign-in form (/-/login), as a reviewer would."""
    jar = CookieJar()
    opener = _opener(jar)
    page = opener.open(f"{base}/-/login", timeout=30).read().decode("utf-8")
    assert "Вход для экспертов" in page
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": name, "password": password, "csrftoken": token}).encode("utf-8")
    try:
        page = opener.open(urllib.request.Request(f"{base}/-/login", data=body), timeout=30).read().decode("utf-8")
    except urllib.error.HTTPError as e:
        assert e.code == 302  # sets the actor cookie and redirects
        page = ""
    assert any(c.name == "ds_actor" for c in jar) or "Неверное имя или пароль" in page
    return opener if any(c.name == "ds_actor" for c in jar) else None


def _post_fix(opener, base: str, fields: dict) -> int:
    page = opener.open(f"{base}/reviews/fix_code", timeout=30).read().decode("utf-8")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({**fields, "csrftoken": token}).encode("utf-8")
    try:
        return opener.open(urllib.request.Request(f"{base}/reviews/fix_code", data=body), timeout=30).status
    except urllib.error.HTTPError as e:
        return e.code


def test_only_a_signed_in_user_writes_reviews_over_http(workspace, tmp_path):
    document, db, reviews = workspace
    with_reviewer()
    process, base = start_server(["--db", str(db), "--review", "--reviews", str(reviews)], tmp_path)
    try:
        fields = {"activity": "Добыча сырой нефти", "sector": "НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ", "code": "06.10",
                  "note": "через Datasette"}
        anonymous = _opener(CookieJar())
        with pytest.raises(urllib.error.HTTPError) as refused:
            anonymous.open(urllib.request.Request(f"{base}/reviews/fix_code",
                                                  data=urllib.parse.urlencode(fields).encode()), timeout=30)
        assert refused.value.code == 403
        for table in ("okved/activity_codes", "reviews/reviews", "okved/okved.json"):  # not a canned query
            with pytest.raises(urllib.error.HTTPError) as refused:
                anonymous.open(urllib.request.Request(f"{base}/{table}", data=b"code=25.61"), timeout=30)
            assert refused.value.code == 405 and "только смотреть" in refused.value.read().decode("utf-8")
        assert ReviewStore(reviews).all() == []
        status = json.loads(anonymous.open(f"{base}/reviews/reviews.json?_shape=objects", timeout=30).read())
        assert status["rows"] == []  # anonymous visitors can read

        assert sign_in(base, REVIEWER, "не тот пароль") is None  # said in Russian, no cookie
        assert sign_in(base, "Петров", PASSWORD) is None
        signed_in = sign_in(base)
        assert _post_fix(signed_in, base, fields) in (200, 302)
        stored = ReviewStore(reviews).all()
        assert [(r.text, r.sector, r.code, r.note, r.reviewer, r.okved_name) for r in stored] == [
            ("Добыча сырой нефти", "НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ", "06.10", "через Datasette", REVIEWER,
             "Добыча нефти и нефтяного (попутного) газа")]
        for wrong, said in (({"code": "99.99.9"}, NO_CODE), ({"code": "abc"}, NO_CODE),
                            ({"activity": "  "}, NO_ACTIVITY), ({"sector": ""}, NO_SECTOR),
                            ({"sector": "НЕФТЕГАЗОВАЯ ПРОМЫШЛЕНОСТЬ"}, NO_SECTOR),
                            ({"activity": "Добыча сырой нефти и газа"}, NOT_IN_DOCUMENT),
                            ({"sector": "ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ"}, NOT_IN_DOCUMENT)):
            assert _post_fix(signed_in, base, {**fields, **wrong}) in (200, 302, 400)
            page = signed_in.open(f"{base}/reviews/fix_code", timeout=30).read().decode("utf-8")
            assert said in page and "user-defined function" not in page  # said to the reviewer, in Russian
        assert [r.code for r in ReviewStore(reviews).all()] == ["06.10"]  # nothing wrong is stored
    finally:
        stop(process)
    rebuild(document, db, reviews)
    row = mapping(db, line=92)[0]
    assert (row["code"], row["status"]) == ("06.10", "manual")


# ---------------------------------------------------------------- reviewers


def reviewer_cli(*args, input=None):
    return CliRunner().invoke(cli, ["reviewer", *args], input=input)


def test_reviewers_are_added_listed_and_removed(tmp_path, monkeypatch):
    path = tmp_path / "reviewers.json"  # $OKVED_REVIEWERS of the test
    run = reviewer_cli("add", "Иванова  А. С.", input="пароль эксперта\nпароль эксперта\n")
    assert run.exit_code == 0 and "эксперт «Иванова А. С.» добавлен" in run.output
    assert "пароль эксперта" not in path.read_text(encoding="utf-8")  # a hash only
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert reviewer_cli("add", "Петров", "--password", "другой пароль").exit_code == 0
    assert "получил новый пароль" in reviewer_cli("add", "Петров", "--password", "третий пароль").output
    assert reviewer_cli("list").output.splitlines() == ["Иванова А. С.", "Петров"]
    assert "удалён" in reviewer_cli("remove", "Петров").output
    assert reviewer_cli("list").output.splitlines() == ["Иванова А. С."]


@pytest.mark.parametrize("args, message", [
    (["add", "<script>", "--password", "пароль эксперта"], "не подходит как имя эксперта"),
    (["add", "x_password_hash", "--password", "пароль эксперта"], "не подходит как имя эксперта"),
    (["add", "Сидоров", "--password", "коротко"], "пароль короче 8 знаков"),
    (["remove", "Никто"], "нет эксперта «Никто»"),
])
def test_bad_reviewer_input_is_one_russian_line(args, message):
    run = reviewer_cli(*args)
    lines = run.output.strip().splitlines()
    assert run.exit_code != 0 and len(lines) == 1 and lines[0].startswith("Ошибка: ") and message in lines[0]


def test_serve_review_needs_a_reviewer(workspace):
    document, db, reviews = workspace
    run = CliRunner().invoke(cli, ["serve", "--db", str(db), "--review", "--reviews", str(reviews)])
    assert run.exit_code == 1 and "нет ни одного эксперта" in run.output and "reviewer add" in run.output


def test_a_reviews_file_of_an_older_version_is_read_and_written(tmp_path):
    import sqlite3

    path = tmp_path / "old-reviews.db"
    with sqlite3.connect(path) as conn:  # the table as versions before the knowledge base made it
        conn.execute("create table reviews (key text not null, sector_key text not null, text text not null, "
                     "sector text, code text not null, action text not null, note text, reviewer text, "
                     "updated_at text, primary key (key, sector_key))")
        conn.execute("insert into reviews values ('литье металлов', 'металлообработка', 'Литье металлов', "
                     "'МЕТАЛЛООБРАБОТКА', '24.53', 'set', '', 'Иванова', '2026-11-20T10:00:00+00:00')")
    conn.close()
    store = ReviewStore(path)
    assert [(r.code, r.okved_name) for r in store.all()] == [("24.53", "")]
    store.record("Ремонт часов", "УСЛУГИ", "95.25", action="set", okved_name="Ремонт часов и ювелирных изделий")
    assert {r.code: r.okved_name for r in store.all()} == {"24.53": "", "95.25": "Ремонт часов и ювелирных изделий"}
