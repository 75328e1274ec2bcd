"""How the database is published: the Datasette command line, metadata and environment for ``serve``.

The bundled ``metadata.yml`` describes a database named ``okved``; a database file of another name
gets the same description under its own name.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import yaml

from .bundled import bundled_path

#: pages of ours that replace a plugin's English ones (the sign-in form)
TEMPLATES = Path(__file__).resolve().parent / "templates"
from .database import open_database
from .errors import MapperError
from .reference import ENV_REFERENCE
from .review import ReviewStore, default_reviews_path
from .reviewers import default_reviewers_path, load_reviewers, plugin_config


def load_metadata(db_name: str = "okved") -> dict:
    """The metadata of ``metadata.yml``, with the main database under ``db_name``."""
    data = yaml.safe_load(bundled_path("metadata.yml").read_text(encoding="utf-8"))
    databases = data.get("databases", {})
    if db_name != "okved" and "okved" in databases:
        databases[db_name] = databases.pop("okved")
        data["description_html"] = data.get("description_html", "").replace("/okved/", f"/{db_name}/")
        for dashboard in data.get("plugins", {}).get("datasette-dashboards", {}).values():
            for part in (*dashboard.get("charts", {}).values(), *dashboard.get("filters", {}).values()):
                if part.get("db") == "okved":
                    part["db"] = db_name
    return data


def datasette_command(db_path: Path, *, host: str, port: int, review: bool, reviews_path: Path | None,
                      reference_path: Path | None, scratch: Path,
                      reviewers_path: Path | None = None) -> tuple[list[str], dict]:
    """The command and environment that serve ``db_path`` (immutable) and, with ``review``, the
    reviews database (writable through the «Исправить код» query, for a reviewer signed in with a
    password of :mod:`mapper.reviewers`)."""
    open_database(db_path).close()  # missing, damaged or not ours: one line, before Datasette starts
    metadata = load_metadata(db_path.stem)
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(db_path), "--host", host, "--port", str(port),
               "--setting", "sql_time_limit_ms", "5000", "--setting", "default_page_size", "50",
               "--setting", "suggest_facets", "off", "--template-dir", str(TEMPLATES)]
    env = dict(os.environ)
    if review:
        reviewers = load_reviewers(reviewers_path)
        if not reviewers:
            raise MapperError(f"нет ни одного эксперта в {reviewers_path or default_reviewers_path()}: добавьте — "
                              "okved-mapper reviewer add ИМЯ")
        config, secrets = plugin_config(reviewers)
        metadata.setdefault("plugins", {})["datasette-auth-passwords"] = config
        env.update(secrets)
        store = ReviewStore(reviews_path or default_reviews_path())
        store.save([])  # creates the file and its table when missing
        if store.path.stem == db_path.stem:
            raise MapperError(f"{store.path}: базе решений нужно другое имя, не {db_path.name}")
        metadata["databases"][store.path.stem] = metadata["databases"].pop("reviews", {})
        command += [str(store.path)]
    else:
        metadata["databases"].pop("reviews", None)
    metadata_file = scratch / "metadata.json"
    metadata_file.write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    command += ["--metadata", str(metadata_file)]
    if reference_path is not None:
        env[ENV_REFERENCE] = str(reference_path)
    return command, env
