"""The reviewers who may sign in to the site and decide codes: names and password hashes in a file.

``okved-mapper reviewer add Иванова`` asks for a password and stores its hash (PBKDF2-SHA256, as the
``datasette-auth-passwords`` plugin checks it) in ``db/reviewers.json`` (``$OKVED_REVIEWERS``), a file
only its owner reads. ``serve --review`` gives the plugin these accounts; a signed-in reviewer's name is
stored with each decision of the «Исправить код» form, and the knowledge base names it
(«решено ранее для „Литье металлов“, Иванова, 2026-11-20»). Nobody else writes: there is no root link.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from datasette_auth_passwords.utils import hash_password

from .errors import MapperError
from .reference import atomic_write

ENV_REVIEWERS = "OKVED_REVIEWERS"
#: a name as people sign: letters of any alphabet, digits, spaces, dots and hyphens («Иванова А. С.»)
NAME = re.compile(r"[^\W_][\w .\-]{0,63}")
MIN_PASSWORD = 8


def default_reviewers_path() -> Path:
    return Path(os.environ.get(ENV_REVIEWERS) or Path("db") / "reviewers.json")


def load_reviewers(path: str | Path | None = None) -> dict[str, str]:
    """Name → password hash; ``{}`` when there is no file yet."""
    path = Path(path) if path else default_reviewers_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {item["name"]: item["password_hash"] for item in data["reviewers"]}
    except (ValueError, KeyError, TypeError) as e:
        raise MapperError(f"{path}: файл экспертов повреждён ({e}); добавьте их заново: okved-mapper reviewer add "
                          "ИМЯ") from None


def _save(path: Path, reviewers: dict[str, str]) -> None:
    data = {"reviewers": [{"name": name, "password_hash": hashed} for name, hashed in sorted(reviewers.items())]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)  # password hashes, for the owner's eyes only: the new file keeps this mode
    path.chmod(0o600)
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")


def add_reviewer(name: str, password: str, path: str | Path | None = None) -> bool:
    """Add a reviewer, or give one a new password: ``add_reviewer("Иванова", "…")``. True when new."""
    path = Path(path) if path else default_reviewers_path()
    name = " ".join(name.split())
    if not NAME.fullmatch(name) or name.endswith("_password_hash"):
        raise MapperError(f"«{name}» не подходит как имя эксперта: буквы, цифры, пробелы, точки и дефисы, до 64 знаков")
    if len(password) < MIN_PASSWORD:
        raise MapperError(f"пароль короче {MIN_PASSWORD} знаков")
    reviewers = load_reviewers(path)
    new = name not in reviewers
    reviewers[name] = hash_password(password)
    _save(path, reviewers)
    return new


def remove_reviewer(name: str, path: str | Path | None = None) -> None:
    path = Path(path) if path else default_reviewers_path()
    reviewers = load_reviewers(path)
    if name not in reviewers:
        raise MapperError(f"в {path} нет эксперта «{name}»")
    del reviewers[name]
    _save(path, reviewers)


def plugin_config(reviewers: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """The ``datasette-auth-passwords`` configuration for these reviewers, and the environment that
    carries their hashes (the configuration names variables, so no hash is written anywhere else)."""
    config, env = {}, {}
    for number, (name, hashed) in enumerate(sorted(reviewers.items())):
        variable = f"OKVED_REVIEWER_HASH_{number}"
        config[f"{name}_password_hash"] = {"$env": variable}
        env[variable] = hashed
    config["actors"] = {name: {"id": name, "name": name} for name in reviewers}
    return config, env
