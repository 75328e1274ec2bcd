"""Datasette's own words on the site's pages, in Russian.

Datasette 0.65 has no translations: its templates say «Apply», «rows», «Sort by code». Rather than
copy and fork its templates (and lose them at every upgrade), the site's HTML passes through
:func:`russian`, which replaces, between tags only, the texts of this catalog — a gettext catalog
in all but name — and the column headers of tables by :data:`COLUMN_LABELS`. Data are never touched:
a text is replaced only when it is the whole text of an element (or a button's value) and only when
it is one of Datasette's; a cell that happens to read «Apply» is a cell of a Russian table, where
nothing reads so.

>>> russian(b'<p>95 rows sorted by activity_id</p><input type="submit" value="Apply">').decode()
'<p>95 строк, по порядку: activity_id</p><input type="submit" value="Применить">'
"""

from __future__ import annotations

import html
import re

from .labels import STATUS_LABELS, plural

#: whole texts of elements
TEXTS = {
    "home": "главная", "Menu": "Меню", "Log in": "Вход", "Log out": "Выйти", "Dashboards": "Картины",
    "dashboards": "картины", "Powered by": "Работает на", "Data license:": "Лицензия данных:",
    "· Data license:": "· Лицензия данных:", "json": "JSON", "xlsx": "Excel",
    "CSV": "CSV для программ", "· Data source:": "· Источник данных:", "Data source:": "Источник данных:",
    "This data as": "Выгрузить:", "View and edit SQL": "Показать и изменить SQL", "Edit SQL": "Изменить SQL",
    "Format SQL": "Оформить SQL", "Advanced export": "Расширенная выгрузка", "JSON shape:": "Вид JSON:",
    "CSV options:": "Параметры CSV:", "download file": "скачать файл", "expand labels": "раскрыть подписи",
    "stream all rows": "все строки потоком", "default": "по умолчанию", "array": "массив", "object": "объект",
    "newline-delimited": "построчно", "Tables": "Таблицы", "Queries": "Запросы", "Views": "Представления",
    "Hidden tables": "Скрытые таблицы", "Query parameters": "Параметры запроса", "Next page": "Следующая страница",
    "Links from other tables": "Ссылки из других таблиц", "Download SQLite DB:": "Скачать базу SQLite:",
    "Custom SQL query": "SQL-запрос", "Sort...": "Сортировать…", "descending": "по убыванию",
    "- column -": "- столбец -", "- remove filter -": "- убрать фильтр -", "Suggested facets:": "Можно разбить по:",
    "starts with": "начинается с", "ends with": "заканчивается на", "contains": "содержит",
    "does not contain": "не содержит", "array contains": "массив содержит",
    "array does not contain": "массив не содержит", "not like": "не like", "not in": "не в", "is null": "пусто (null)",
    "is not null": "не пусто (null)", "is blank": "пусто", "is not blank": "не пусто", "date": "дата",
    "Fullscreen": "Во весь экран", "Search": "Поиск",
    "This table has no rows": "В таблице нет строк", "0 results": "ничего не найдено", "advanced": "подробнее",
    "Show SQL query": "Показать SQL-запрос", "Hide SQL query": "Скрыть SQL-запрос", "Show SQL": "Показать SQL",
    "hide": "скрыть", "show": "показать",
}
#: Datasette's error messages, for the site's error page (``templates/error.html``)
ERRORS = {
    "You do not have permission to view this query": "Этот запрос открыт только вошедшим экспертам.",
    "You do not have permission to view this table": "Эта таблица закрыта.",
    "You do not have permission to view this database": "Эта база закрыта.",
    "Permission denied": "Нет прав.", "Invalid token": "Ссылка для входа неверна.",
    "Root token has already been used": "Ссылка для входа уже использована.",
    "Database is immutable": "Эта база только для чтения.", "Database download is forbidden": "Скачать базу нельзя.",
    "Database not found": "Нет такой базы.", "Table not found": "Нет такой таблицы или запроса.",
    "Record not found": "Нет такой строки.", "No data": "Нет данных.", "404": "Нет такой страницы.",
}
#: the titles of error pages by their HTTP status
ERROR_TITLES = {400: "Неверный запрос", 403: "Доступ закрыт", 404: "Не найдено", 405: "Так нельзя",
                500: "Ошибка на сервере"}


def error_title(status) -> str:
    """The title of an error page: ``error_title(403)`` → «Доступ закрыт»."""
    return ERROR_TITLES.get(status, f"Ошибка {status}")


def russian_error(message) -> str:
    """One of Datasette's error messages in Russian; any other message (our own are Russian) as it is.

    >>> russian_error("You do not have permission to view this query")
    'Этот запрос открыт только вошедшим экспертам.'
    >>> russian_error("Table not found: okved_x")
    'Нет такой таблицы или запроса: okved_x'
    """
    text = str(message or "")
    if text in ERRORS:
        return ERRORS[text]
    head, colon, rest = text.partition(": ")
    if colon and head in ERRORS:
        return ERRORS[head].rstrip(".") + ": " + rest
    return text


#: values of buttons and fields
VALUES = {"Apply": "Применить", "Run SQL": "Выполнить SQL", "Export CSV": "Выгрузить CSV", "Search": "Найти",
          "Log in": "Войти", "Save": "Сохранить", "Apply changes": "Применить"}
#: texts made of words and numbers: a pattern and how it reads in Russian
PATTERNS = [
    (re.compile(r"^(.*?)([\d,]+) rows? where (.+)$"), lambda m: f"{m.group(1)}{_rows(m.group(2))}, где {m.group(3)}"),
    (re.compile(r"^(.*?)([\d,]+) rows? sorted by (.+) descending$"),
     lambda m: f"{m.group(1)}{_rows(m.group(2))}, по убыванию: {m.group(3)}"),
    (re.compile(r"^(.*?)([\d,]+) rows? sorted by (.+)$"),
     lambda m: f"{m.group(1)}{_rows(m.group(2))}, по порядку: {m.group(3)}"),
    (re.compile(r"^([\d,]+) rows?$"), lambda m: _rows(m.group(1))),
    (re.compile(r"^Custom SQL query returning ([\d,]+) rows?$"), lambda m: f"SQL-запрос: {_rows(m.group(1))}"),
    (re.compile(r"^Custom SQL query returning more than ([\d,]+) rows$"),
     lambda m: f"SQL-запрос: больше {_rows(m.group(1))}"),
    (re.compile(r"^· Queries took ([\d.]+)ms( · Data license:)?$"),
     lambda m: f"· запросы заняли {m.group(1)} мс" + (" · Лицензия данных:" if m.group(2) else "")),
    (re.compile(r"^Sort by (.+)$"), lambda m: f"Сортировать по {m.group(1)}"),
    (re.compile(r"^(.+) \(view\)$"), lambda m: m.group(1)),
    (re.compile(r"^from (\S+) in (\S+)$"), lambda m: f"по {m.group(1)} в {m.group(2)}"),
]
#: short Russian headers of the columns of the published tables (their descriptions are in metadata.yml)
COLUMN_LABELS = {
    "activity_id": "№", "document_id": "Документ", "sector_id": "Отрасль №", "sector": "Отрасль", "line": "Строка",
    "activity": "Вид деятельности", "code": "Код", "okved_name": "Наименование по ОКВЭД 2", "level": "Уровень (ключ)",
    "level_ru": "Уровень", "score": "Оценка", "status": "Статус", "alternatives": "Другие кандидаты",
    "declared_code": "Код автора", "repeat_of_line": "Повтор строки", "fits_sector": "Ближе к отрасли",
    "flags": "Замечания", "review_note": "Примечание", "section": "Раздел", "name": "Наименование",
    "parent": "Выше", "notes": "Пояснения", "notes_oked_kz": "Пояснения ОКЭД", "lemmas": "Леммы",
    "text": "Текст", "raw": "Строка документа", "key": "Ключ", "duplicate_of": "Повтор №", "position": "№ по порядку",
    "rank": "Место", "explanation": "Почему", "activities": "Видов деятельности", "lines": "Строки",
    "cluster_code": "Код кластера", "like_pattern": "LIKE", "sectors": "Отрасли", "title": "Заголовок",
    "path": "Путь", "built_at": "Собрано", "reviewer": "Кто решил", "decided_at": "Когда", "state": "Состояние",
    "action": "Действие", "note": "Примечание", "updated_at": "Когда", "sector_key": "Ключ отрасли",
}

#: the words Datasette's table script (``/-/static/table.js``) puts into its column menu
SCRIPT_TEXTS = {
    ">Sort ascending<": ">По возрастанию<", ">Sort descending<": ">По убыванию<",
    ">Hide this column<": ">Скрыть столбец<", ">Show all columns<": ">Показать все столбцы<",
    ">Show not-blank rows<": ">Только непустые строки<", '"Facet by this"': '"Разбить по этому столбцу"',
    '"Remove this filter"': '"Убрать фильтр"', "`Type: ${": "`Тип: ${",
}
SCRIPTS = ("/-/static/table.js",)

#: the parameters of the canned queries, as their forms label them
PARAM_LABELS = {"q": "Слова или код", "sector": "Отрасль (заголовок из документа)",
                "text": "Вид деятельности своими словами", "activity": "Вид деятельности (как в документе)",
                "code": "Код ОКВЭД 2", "note": "Примечание"}
_PARAM = re.compile(r'(<label for="qp\d+">)(\w+)(</label>)')
_TEXT = re.compile(r">([^<>]+)<")
_VALUE = re.compile(r'(<input\b[^>]*\bvalue=")([^"]+)(")')
_HEADER = re.compile(r'(<th\b[^>]*\bdata-column="([^"]+)"[^>]*>)(.*?)(</th>)', re.S)
#: a column's name where Datasette names it: its description (``<dt>code</dt>``) and its facet's title
_NAMED = re.compile(r'(<dt>|<p class="facet-info-name">\s*<strong>)(\w+)(?=</dt>|\s*<span)')
#: a status in a facet («exact 94»): the label instead of the key
_STATUS_FACET = re.compile(r'(<a href="[^"]*[?;](?:status|%D0%A1%D1%82%D0%B0%D1%82%D1%83%D1%81)=(\w+)[^"]*"[^>]*>)\2(</a>)')


def _rows(number: str) -> str:
    return f"{number.replace(',', ' ')} {plural(int(number.replace(',', '')), 'строка', 'строки', 'строк')}"


def _text(match: re.Match) -> str:
    raw = match.group(1)
    words = " ".join(html.unescape(raw).split())
    if not words or not any("a" <= ch.lower() <= "z" for ch in words):
        return match.group(0)
    said = TEXTS.get(words)
    if said is None:
        for pattern, reads in PATTERNS:
            found = pattern.match(words)
            if found:
                said = reads(found)
                break
    if said is None:
        return match.group(0)
    lead = raw[:len(raw) - len(raw.lstrip())]
    tail = raw[len(raw.rstrip()):]
    return f">{lead}{html.escape(said, quote=False)}{tail}<"


def _header(match: re.Match) -> str:
    label = COLUMN_LABELS.get(html.unescape(match.group(2)))
    inner = match.group(3)
    if label is not None:  # the column's name as the header's text (inside its sort link, if any)
        inner = re.sub(rf">\s*{re.escape(match.group(2))}(\s*[▼▲]?)\s*<", lambda m: f">{label}{m.group(1)}<",
                       f">{inner}<", count=1)[1:-1]
    return match.group(1) + inner + match.group(4)


def russian_script(script: bytes) -> bytes:
    """Datasette's table script with its menu in Russian (:data:`SCRIPT_TEXTS`)."""
    text = script.decode("utf-8")
    for english, said in SCRIPT_TEXTS.items():
        text = text.replace(english, said)
    return text.encode("utf-8")


#: a table on a database page: its link, and the list of its columns under it
_TABLE_LINK = re.compile(r'(<h3><a href="/[^"/]+/([^"/?]+)">)([^<]+)(</a>)')
_COLUMN_LIST = re.compile(r"(<p><em>)([\w, ]+)(</em></p>)")


def _table_link(match: re.Match, titles: dict[str, str]) -> str:
    name = html.unescape(match.group(3))
    title = titles.get(name)
    return match.group(1) + (f"{html.escape(title)} ({match.group(3)})" if title else match.group(3)) + match.group(4)


def _column_list(match: re.Match) -> str:
    names = [n.strip() for n in match.group(2).split(",")]
    return match.group(1) + ", ".join(COLUMN_LABELS.get(n, n) for n in names) + match.group(3)


#: what is never read as words: scripts, styles, SQL in its box, preformatted text
_KEPT = re.compile(r"(<(script|style|textarea|pre)\b.*?</\2>)", re.S | re.I)


def russian(page: bytes, titles: dict[str, str] | None = None) -> bytes:
    """The page with Datasette's words in Russian (see the module docstring); ``titles``: the tables'
    Russian titles (metadata.yml), shown before their SQL names where a database page lists them."""
    parts = _KEPT.split(page.decode("utf-8"))
    out = []
    for number, part in enumerate(parts):
        kind = number % 3  # re.split with two groups: text, the kept block, its tag name
        if kind == 0:
            part = _HEADER.sub(_header, part)
            if titles:
                part = _TABLE_LINK.sub(lambda m: _table_link(m, titles), part)
                part = _COLUMN_LIST.sub(_column_list, part)
            part = _PARAM.sub(lambda m: m.group(1) + PARAM_LABELS.get(m.group(2), m.group(2)) + m.group(3), part)
            part = _NAMED.sub(lambda m: m.group(1) + (f"{COLUMN_LABELS[m.group(2)]} ({m.group(2)})"
                                                      if m.group(2) in COLUMN_LABELS else m.group(2)), part)
            part = _STATUS_FACET.sub(lambda m: m.group(1) + STATUS_LABELS.get(m.group(2), m.group(2)) + m.group(3), part)
            part = _TEXT.sub(_text, part)
            part = _VALUE.sub(lambda m: m.group(1) + VALUES.get(m.group(2), m.group(2)) + m.group(3), part)
            out.append(part)
        elif kind == 1:
            out.append(part)
    return "".join(out).encode("utf-8")
