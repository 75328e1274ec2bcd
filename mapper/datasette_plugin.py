"""Datasette plugin: SQL functions backed by the real matcher, registered on every connection.

* ``okved_match(text [, k])`` — the matcher's candidates as a JSON array
  (``[{"code", "name", "level", "score", "explanation", "status"}]``), for ``json_each``::

      select json_extract(value, '$.code') from json_each(okved_match('Литьё металлов'))

* ``okved_lemmas(text)`` — a full-text query of the lemmas: ``okved_lemmas('литьё металла')`` →
  ``"литье" "металл"``, for ``okved_fts match okved_lemmas(:q)``;
* ``okved_key(text)`` — the normalised text that ties a review to an activity;
* ``okved_code(text)`` — a code as typed, checked against the reference (25.60 → 25.6); NULL for
  anything else, which the reviews table refuses with a message in Russian; ``okved_code_name(text)``
  — that code's name, which a decision keeps;
* ``okved_sector_key(sector)`` and ``okved_activity_key(activity, sector)`` — the keys of a sector and of
  an activity of the published document(s) (``okved_sector_key('Нефтегазовая промышленность ')`` →
  ``"нефтегазовая промышленность"``); NULL when the document has no such sector or no such activity in
  it, which the reviews table refuses (review.NO_SECTOR, review.NOT_IN_DOCUMENT).

The matcher is built once per process, on first use, for the reference in use (``$OKVED_REFERENCE``
or the bundled one). No matching logic lives here.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import urllib.parse
from collections import OrderedDict
from contextlib import closing
from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .database import search_lemmas
from .errors import MapperError
from .export import sheet_xlsx
from .home import home_vars
from .labels import STATUS_LABELS
from .site_ru import COLUMN_LABELS, SCRIPTS, error_title, russian, russian_error, russian_script
from .lemmas import normalized_key
from .cache import cached_matcher
from .reference import load_reference
from .review import sector_key


def okved_match(text, k=5):
    if text is None:
        return "[]"
    result = cached_matcher().match(str(text), k=max(1, min(int(k), 50)))
    return json.dumps([{**c, "status": result.status} for c in result.to_json()["candidates"]], ensure_ascii=False)


def okved_lemmas(text):
    return search_lemmas(str(text or "")) or '""'


def okved_key(text):
    return normalized_key(str(text or ""))


def okved_code(text):
    """The code as the reference has it, or NULL for anything else: the reviews table then refuses the
    write with a message a reviewer reads (review.NO_CODE), not «user-defined function raised exception»."""
    try:
        return load_reference().resolve(str(text or "")).code
    except MapperError:
        return None


def okved_code_name(text):
    """The name of a code as typed (``okved_code_name('2561')`` → «Обработка металлов и нанесение покрытий на
    металлы»), NULL for anything else: stored with a decision, so that a later rename is noticed."""
    try:
        return load_reference().resolve(str(text or "")).name
    except MapperError:
        return None


def _documents(datasette) -> list[Path]:
    """The published databases built by okved-mapper (those with an ``activities`` table)."""
    found = []
    for database in datasette.databases.values():
        if database.path:
            with closing(sqlite3.connect(f"file:{database.path}?mode=ro", uri=True)) as conn:
                if conn.execute("select 1 from sqlite_master where name = 'activities'").fetchone():
                    found.append(Path(database.path))
    return found


def _sector_names(datasette, activity: str | None = None) -> set[str]:
    """The keys of the documents' sectors ('' for activities under no heading), of all of them or of
    those where ``activity`` stands."""
    keys = set()
    for path in _documents(datasette):
        with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as conn:
            if activity is None:
                rows = conn.execute("select name from sectors union all select null "
                                    "where exists (select 1 from activities where sector_id is null)")
            else:
                rows = conn.execute("select s.name from activities a left join sectors s on s.id = a.sector_id "
                                    "where a.key = ?", [normalized_key(activity)])
            keys.update(sector_key(name) for (name,) in rows)
    return keys


def checked_keys(datasette):
    """The two checks of the «Исправить код» form, bound to the databases this Datasette publishes."""
    def okved_sector_key(sector):
        key = sector_key(str(sector or ""))
        return key if key in _sector_names(datasette) else None

    def okved_activity_key(activity, sector):
        key = sector_key(str(sector or ""))
        return normalized_key(str(activity or "")) if key in _sector_names(datasette, str(activity or "")) else None

    return okved_sector_key, okved_activity_key


@hookimpl
def prepare_connection(conn, datasette):
    okved_sector_key, okved_activity_key = checked_keys(datasette)
    conn.create_function("okved_sector_key", 1, okved_sector_key)
    conn.create_function("okved_activity_key", 2, okved_activity_key)
    conn.create_function("okved_match", 1, okved_match)
    conn.create_function("okved_match", 2, okved_match)
    conn.create_function("okved_lemmas", 1, okved_lemmas)
    conn.create_function("okved_key", 1, okved_key)
    conn.create_function("okved_code", 1, okved_code)
    conn.create_function("okved_code_name", 1, okved_code_name)


REFUSED = "Эту страницу можно только смотреть; исправить код — через запрос «Исправить код»".encode("utf-8")
#: ``OKVED_PAGE_CACHE=0`` serves every page afresh (for measuring what the cache saves)
ENV_PAGE_CACHE = "OKVED_PAGE_CACHE"


class PageCache:
    """Pages of the published (immutable) database, kept as sent: a table page costs Datasette tens of
    milliseconds of rendering, and under twenty readers at once that is what makes them wait. Only
    anonymous GETs (no cookie, no authorization) of a read-only database's pages are kept, only whole
    200 answers that set no cookie, keyed by the path, the query and the database file's size and
    modification time — a rebuild that replaces the file is seen at once. Least recently used pages go
    first beyond ``entries``."""

    def __init__(self, entries: int = 512, largest: int = 2_000_000):
        self.entries, self.largest = entries, largest
        self.pages: OrderedDict[tuple, list[dict]] = OrderedDict()

    def key(self, scope, datasette) -> tuple | None:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            return None
        if any(name in (b"cookie", b"authorization") for name, _ in scope.get("headers", ())):
            return None
        name = scope.get("path", "").strip("/").split("/", 1)[0].split(".", 1)[0]
        if name == "":  # the home page shows every database: kept when all are read-only
            databases = [d for d in datasette.databases.values() if d.path]
            if not databases or any(d.is_mutable for d in databases):
                return None
        else:
            database = datasette.databases.get(name)
            if database is None or database.is_mutable or not database.path:
                return None
            databases = [database]
        try:
            stats = tuple((s.st_size, s.st_mtime_ns) for s in (os.stat(d.path) for d in databases))
        except OSError:
            return None
        return scope.get("path"), scope.get("query_string", b""), stats

    def get(self, key: tuple) -> list[dict] | None:
        messages = self.pages.get(key)
        if messages is not None:
            self.pages.move_to_end(key)
        return messages

    def put(self, key: tuple, messages: list[dict]) -> None:
        start = messages[0]
        if start.get("status") != 200 or any(name == b"set-cookie" for name, _ in start.get("headers", ())):
            return
        if sum(len(m.get("body", b"")) for m in messages[1:]) > self.largest:
            return
        self.pages[key] = messages
        while len(self.pages) > self.entries:
            self.pages.popitem(last=False)


def in_russian(send, path: str = "", titles: dict[str, str] | None = None):
    """``send`` for an answer whose HTML pages are put in Russian (:func:`mapper.site_ru.russian`), and
    Datasette's table script too (:func:`~mapper.site_ru.russian_script`): such an answer is held until
    whole, then sent once with its new length; anything else passes."""
    translate = russian_script if path in SCRIPTS else (lambda page: russian(page, titles))
    held: dict = {}
    body: list[bytes] = []

    async def sending(message):
        if message["type"] == "http.response.start":
            content_type = dict(message.get("headers", ())).get(b"content-type", b"")
            if content_type.startswith(b"text/html") or path in SCRIPTS:
                held["start"] = message
                return
        elif message["type"] == "http.response.body" and "start" in held:
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = translate(b"".join(body))
            start = held.pop("start")
            headers = [(k, v) for k, v in start.get("headers", ()) if k != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})
            return
        await send(message)

    return sending


def _titles(datasette) -> dict[str, str]:
    """Table name → its Russian title in the metadata, of every published database."""
    titles = {}
    for database in datasette.databases:
        for table, meta in ((datasette.metadata(database=database) or {}).get("tables") or {}).items():
            if meta.get("title"):
                titles[table] = meta["title"]
    return titles


def _refused_post(scope, datasette) -> bool:
    """A POST to a table page (not to a canned query)."""
    if scope.get("type") != "http" or scope.get("method") != "POST":
        return False
    parts = [p for p in scope.get("path", "").split("/") if p]
    if len(parts) != 2 or parts[1].startswith("-") or parts[0] not in datasette.databases:
        return False
    name = parts[1].rsplit(".", 1)[0] if parts[1].endswith((".json", ".csv")) else parts[1]
    return name not in (datasette.metadata("queries", database=parts[0]) or {})


@hookimpl
def asgi_wrapper(datasette):
    """A POST to a table page is refused with 405 and a line in Russian (Datasette 0.65 answers it with
    an assertion, HTTP 500); pages are put in Russian (:func:`in_russian`); pages of the published
    database come from :class:`PageCache`, kept in Russian."""
    cache = PageCache() if os.environ.get(ENV_PAGE_CACHE, "1") != "0" else None
    titles: dict[str, str] = {}  # the tables' titles: the metadata is read once, at the first page

    def russian_send(send, scope):
        if not titles:
            titles.update(_titles(datasette))
        return in_russian(send, scope.get("path", ""), titles)

    def wrap(app):
        async def guarded(scope, receive, send):
            if _refused_post(scope, datasette):
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET")]})
                await send({"type": "http.response.body", "body": REFUSED})
                return
            key = cache.key(scope, datasette) if cache is not None else None
            if key is None:
                await app(scope, receive, russian_send(send, scope))
                return
            kept = cache.get(key)
            if kept is not None:
                start = {**kept[0], "headers": [*kept[0]["headers"], (b"x-page-cache", b"hit")]}
                for message in [start, *kept[1:]]:
                    await send(message)
                return
            sent: list[dict] = []

            async def keeping(message):
                sent.append(message)
                await send(message)

            await app(scope, receive, russian_send(keeping, scope))
            if sent and sent[-1].get("type") == "http.response.body" and not sent[-1].get("more_body"):
                cache.put(key, sent)

        return guarded

    return wrap


#: columns whose values are OKVED 2 codes, in the tables and in the canned queries
CODE_COLUMNS = {"code", "cluster_code", "parent", "section", "declared_code", "Код", "Выше"}
_CODE = re.compile(r"[A-U]|\d{2}(?:\.\d{1,2}){0,3}")
_CODES_IN_TEXT = re.compile(r"\b\d{2}(?:\.\d{1,2}){0,3}\b")


def _published(datasette) -> str | None:
    """The name of the published (read-only) database, not the writable reviews database beside it."""
    return next((name for name, d in datasette.databases.items() if d.path and not d.is_mutable), None)


def _code_link(datasette, database: str, code: str) -> str:
    """A link to a code's row page: dots tilde-encoded (``/okved/okved/25~2E61``), or Datasette reads 25."""
    if datasette.databases[database].is_mutable:  # the reviews database: its codes live in the published one
        database = _published(datasette) or database
    href = datasette.urls.table(database, "okved") + "/" + tilde_encode(code)
    return f'<a href="{escape(href)}">{escape(code)}</a>'


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Statuses as their Russian labels (the key stays in the data); every code a link to its page."""
    if not isinstance(value, str) or database not in datasette.databases or database.startswith("_"):
        return None
    if column in ("status", "Статус") and value in STATUS_LABELS:
        return STATUS_LABELS[value]
    if table == "okved" and column == "code":
        return None  # the row's own key: Datasette links it
    if column in CODE_COLUMNS and _CODE.fullmatch(value):
        return Markup(_code_link(datasette, database, value))
    if column in ("alternatives", "Альтернативы", "Другие кандидаты"):
        return Markup(_CODES_IN_TEXT.sub(lambda m: _code_link(datasette, database, m.group(0)), str(escape(value))))
    return None


#: turns a form's «sector» field into a list of the documents' sectors (the names from ``sectors``)
SECTOR_LIST = """
(function () {
  var save = document.querySelector('form.sql[method="post"] input[type="submit"]');
  var kept = "okved-form:" + location.pathname;
  if (save) {  // a refused decision comes back with the fields as they were typed, not emptied
    save.value = "Сохранить решение";
    var typed = JSON.parse(sessionStorage.getItem(kept) || "{}");
    sessionStorage.removeItem(kept);
    if (document.querySelector(".message-error")) {
      Object.keys(typed).forEach(function (name) {
        var field = save.form.elements[name];
        if (field && field.type !== "hidden" && !field.value) { field.value = typed[name]; }
      });
    }
    save.form.addEventListener("submit", function () {
      var values = {};
      Array.from(save.form.elements).forEach(function (f) { if (f.name && f.type !== "hidden") { values[f.name] = f.value; } });
      sessionStorage.setItem(kept, JSON.stringify(values));
    });
  }
  var input = document.querySelector('form input[name="sector"]');
  if (!input || !window.fetch) { return; }
  fetch(%s).then(function (r) { return r.json(); }).then(function (rows) {
    var select = document.createElement("select");
    select.name = input.name; select.id = input.id;
    select.add(new Option("— отрасль —", ""));
    Array.from(new Set(rows.map(function (r) { return r.name; }))).forEach(function (name) {
      select.add(new Option(name, name, name === input.value, name === input.value));
    });
    input.replaceWith(select);
  });
})();
"""


@hookimpl
def extra_body_script(datasette):
    """A dropdown of sectors instead of a text field wherever a form asks for one («Коды по отраслям
    кластера», «Исправить код»): the sectors of the published database; «Сохранить решение» on the
    button of a form that writes."""
    published = _published(datasette)
    if published is None:
        return ""
    return SECTOR_LIST % json.dumps(datasette.urls.table(published, "sectors") + ".json?_shape=array&_col=name&_size=max")


@hookimpl
def extra_template_vars(view_name, datasette, request, database):
    """The home page's facts (:func:`mapper.home.home_vars`); on the page of a canned query that writes
    («Исправить код»), its title, description and hidden SQL, which Datasette 0.65 gives only to the
    queries that read."""
    if view_name == "index":
        async def facts():
            return await home_vars(datasette)
        return facts
    if request is not None and database and request.method == "GET" and request.url_vars.get("table"):
        async def written():
            query = await datasette.get_canned_query(database, request.url_vars["table"], request.actor)
            return _write_query_vars(query, request) if query and query.get("write") else {}
        return written
    return None


def _write_query_vars(query: dict, request) -> dict:
    """The template's variables of a canned write query's page: its metadata and, with ``hide_sql``, the
    SQL hidden unless asked for with ``?_show_sql=1`` (as Datasette does for the queries that read)."""
    if not query.get("hide_sql"):
        return {"metadata": query}
    shown = bool(request.args.get("_show_sql"))
    return {"metadata": query, "hide_sql": not shown,
            "show_hide_link": request.path if shown else request.path + "?_show_sql=1",
            "show_hide_text": "скрыть" if shown else "показать"}


@hookimpl
def register_output_renderer(datasette):
    """«Excel» beside «json» and «CSV» on every table and query page: the rows as a workbook, with the
    columns' Russian headers and the statuses' labels (Datasette's CSV stays as it is, for programs)."""
    return {"extension": "xlsx", "render": render_xlsx}


async def render_xlsx(datasette, request, database, table, query_name, columns, rows, data):
    """The page's rows as an Excel workbook; a page of a longer table is first sent to ``_size=max``
    (all rows up to Datasette's ``max_returned_rows``), and a cut is said under the rows."""
    if data.get("next") and "_size" not in request.args:
        return Response.redirect(f"{request.path}?{request.query_string}&_size=max".replace("?&", "?"))
    name = table or query_name or database
    if query_name:
        title = ((datasette.metadata("queries", database=database) or {}).get(query_name) or {}).get("title")
    else:
        title = datasette.metadata("title", database=database, table=table, fallback=False) if table else None
    title = title or name
    cut = (f"Показаны первые {len(rows)} строк; все — в выгрузке CSV с флажком «все строки потоком»"
           if data.get("next") else "")
    body = sheet_xlsx(title, [(c, COLUMN_LABELS.get(c, c)) for c in columns], [_cells(row, columns) for row in rows],
                      footnote=cut)
    filename = urllib.parse.quote(f"{title}.xlsx")
    return Response(body, content_type=XLSX, headers={"content-disposition": f"attachment; filename*=UTF-8''{filename}"})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(row, columns) -> dict:
    """A row's values as a person reads them: a status by its label; a foreign key by its value (its
    label, with ``?_labels=on``, repeats a column beside it: the code's name, the sector's)."""
    cells = {}
    for column, value in zip(columns, row):
        if isinstance(value, dict):  # {"value": "25.6", "label": "Обработка металлов …"}
            value = value.get("value")
        if column in ("status", "Статус") and value in STATUS_LABELS:
            value = STATUS_LABELS[value]
        cells[column] = value
    return cells


@hookimpl
def forbidden(datasette, request, message):
    """The page of a refusal (HTTP 403) in Russian, with the way in for a reviewer who has not signed in."""
    async def page():
        html = await datasette.render_template("error.html", {"status": 403, "error": message}, request=request)
        return Response.html(html, status=403)
    return page


@hookimpl
def prepare_jinja2_environment(env):
    """For the site's error page: ``russian_error``, Datasette's error messages (403, 404) in Russian, and
    ``error_title``, the page's title by its status."""
    env.filters["russian_error"] = russian_error
    env.filters["error_title"] = error_title


@hookimpl
def startup(datasette):
    cached_matcher()  # build the index before the first request, not during it
