"""What the site's home page says: the document, the edition of OKVED 2, the counts by status, and the
next thing to do («Проверить 3 вида деятельности»). Read from the published database by
:func:`home_vars`, shown by ``templates/index.html``."""

from __future__ import annotations

from .labels import STATUS_LABELS, plural


async def home_vars(datasette) -> dict:
    """``{"home": {...}}`` for the home page, or ``{}`` when no published database was built by okved-mapper."""
    for database in datasette.databases.values():
        if not database.path:
            continue
        tables = await database.table_names()
        if "activity_codes" not in tables:
            continue
        counts = dict((await database.execute(
            "select status, count(*) from activity_codes group by status")).rows)
        documents = [dict(r) for r in (await database.execute(
            "select name, title, activities, sectors, built_at from documents order by id")).rows]
        edition = dict((await database.execute("select * from reference_edition")).first() or {})
        decisions = (await database.execute("select count(*) from decisions")).first()[0] \
            if "decisions" in tables else 0
        to_review = counts.get("review", 0) + counts.get("none", 0)
        return {"home": {
            "db": database.name,
            "documents": documents,
            "edition": edition.get("edition"), "edition_date": edition.get("date"),
            "built_at": (documents[0]["built_at"] or "")[:10] if documents else "",
            "total": sum(counts.values()),
            "statuses": [(key, label, counts.get(key, 0)) for key, label in STATUS_LABELS.items()],
            "to_review": to_review,
            "to_review_words": f"{to_review} {plural(to_review, 'вид', 'вида', 'видов')} деятельности",
            "decisions": decisions,
            "reviews_db": next((d.name for d in datasette.databases.values()
                                if d.is_mutable and d.path and d.name != database.name), None),
        }}
    return {}
