"""The ``okved-mapper`` command: a thin click layer over the library modules.

Every command works with no arguments on the bundled document and reference; domain errors become a
one-line ``Error: …`` and exit status 1.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from . import __version__
from .errors import MapperError
from .reference import ENV_REFERENCE, load_reference, update_reference


class _Group(click.Group):
    """A group that turns domain errors into one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MapperError as e:
            raise click.ClickException(str(e)) from None
        except BrokenPipeError:  # the reader went away (``okved-mapper parse | head``)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except OSError as e:
            raise click.ClickException(f"{e.filename or ''}: {e.strerror or e}".lstrip(": ")) from None


def _reference(ctx: click.Context):
    return load_reference(ctx.obj["reference"])


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="okved-mapper")
@click.option("--reference", "reference", envvar=ENV_REFERENCE, type=click.Path(dir_okay=False),
              help="OKVED 2 reference to use instead of the bundled one (CSV or JSON; "
                   f"also ${ENV_REFERENCE}).")
@click.pass_context
def cli(ctx: click.Context, reference: str | None) -> None:
    """Map activity descriptions to OKVED 2 codes (ОКВЭД 2, ОК 029-2014)."""
    ctx.ensure_object(dict)
    ctx.obj["reference"] = reference


# ---------------------------------------------------------------- reference


@cli.group(cls=_Group)
def reference() -> None:
    """Look codes up in the OKVED 2 reference, and update it."""


@reference.command("show")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def reference_show(ctx: click.Context, code: str, fmt: str) -> None:
    """Show a code: name, level, parent, children and notes. CODE as typed: 25.6, 2561, C."""
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
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{record.code}  {record.name}")
    click.echo(f"уровень: {record.level_ru} ({record.level})")
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
    if record.notes:
        click.echo("пояснения:")
        notes = re.sub(r"\s+(Эта группировка|Эта группа|Этот класс)", r"\n\1", record.notes)
        for part in re.sub(r"\s+-\s+", "\n- ", notes).splitlines():
            click.echo(f"  {part.strip()}")
    click.echo(f"редакция: {ref.edition.edition}")


@reference.command("info")
@click.pass_context
def reference_info(ctx: click.Context) -> None:
    """Which edition the reference is, how many codes it has, and whether its data is intact."""
    ref = _reference(ctx)
    e = ref.edition
    levels: dict[str, int] = {}
    for c in ref:
        levels[c.level_ru] = levels.get(c.level_ru, 0) + 1
    click.echo(f"file:      {ref.path}")
    click.echo(f"edition:   {e.edition}" + (f" (date {e.date})" if e.date else ""))
    click.echo(f"source:    {e.source}")
    if e.source_url:
        click.echo(f"url:       {e.source_url}")
    click.echo(f"records:   {len(ref)} ({', '.join(f'{k} {v}' for k, v in levels.items())})")
    click.echo(f"notes:     {sum(1 for c in ref if c.notes)} codes with explanatory notes")
    if e.imported_at:
        click.echo(f"imported:  {e.imported_at}")
    for old in e.history:
        click.echo(f"replaced:  {old.get('edition')} ({old.get('records')} records)")


@reference.command("update")
@click.option("--source", required=True, help="Path or http(s) URL of the new release (CSV or JSON).")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Where to write it (default: the reference in use).")
@click.option("--edition", help="Edition label, when the source has no metadata file saying it.")
@click.option("--full", is_flag=True, help="List every changed code, not just the first ones.")
@click.pass_context
def reference_update(ctx: click.Context, source: str, output: str | None, edition: str | None,
                     full: bool) -> None:
    """Validate a new official release, write it atomically and print what changed."""
    result = update_reference(source, output=output, edition=edition, current=ctx.obj["reference"])
    new = result.reference
    click.echo(f"wrote {result.output}: {len(new)} codes, {new.edition.with_notes} with notes, "
               f"edition {new.edition.edition}")
    if result.previous is None:
        return
    diff = result.diff
    click.echo(f"against edition {result.previous.edition.edition} ({len(result.previous)} codes): "
               f"{diff.summary()}")
    limit = None if full else 10
    for title, items in (("added", [f"{c.code:<9} {c.name}" for c in diff.added]),
                         ("removed", [f"{c.code:<9} {c.name}" for c in diff.removed]),
                         ("renamed", [f"{o.code:<9} {o.name} → {n.name}" for o, n in diff.renamed])):
        if not items:
            continue
        click.echo(f"{title} ({len(items)}):")
        for line in items[:limit]:
            click.echo(f"  {line}")
        if limit is not None and len(items) > limit:
            click.echo(f"  … and {len(items) - limit} more (--full lists them all)")


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
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--sheet", help="Sheet of an .xlsx workbook (default: the first).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.pass_context
def parse(ctx: click.Context, path: str | None, sheet: str | None, fmt: str) -> None:
    """Read a document (.txt, .csv, .xlsx, .docx; default: the bundled one) into sectors and
    activities, with line numbers and flags: repeats, split lines, declared codes."""
    from dataclasses import asdict

    from .document import parse_document

    doc = parse_document(path, reference=_reference(ctx), sheet=sheet)
    if fmt == "jsonl":
        for activity in doc.activities:
            click.echo(json.dumps(asdict(activity), ensure_ascii=False))
        return
    repeats = sum(1 for a in doc.activities if a.duplicate_of is not None)
    splits = sum(1 for a in doc.activities if "split" in a.flags)
    click.echo(f"{doc.path}" + (f" — «{doc.title}»" if doc.title else ""))
    click.echo(f"{len(doc.sectors)} sectors, {len(doc.activities)} activities "
               f"({repeats} repeats, {splits} from split lines)")
    groups = [(None, None)] + [(s.name, s) for s in doc.sectors]
    for name, sector in groups:
        members = doc.in_sector(name)
        if not members:
            continue
        click.echo("")
        click.echo(f"{name or '(без сектора)'}" + (f"  — строка {sector.line}" if sector else "")
                   + f", {len(members)} activities")
        for a in members:
            click.echo(f"  {a.line:>4}  {a.position:>3}. {a.text}{_activity_flags(a)}")


def main() -> None:  # pragma: no cover - console entry point
    cli(obj={}, prog_name="okved-mapper")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
