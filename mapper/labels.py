"""The words users read for the keys the code stores: ``STATUS_LABELS["review"]`` → ``"на проверку"``."""

from __future__ import annotations

#: a mapping's status: stored as the key, shown as the label
STATUS_LABELS = {"exact": "точно", "auto": "уверенно", "review": "на проверку", "none": "не найдено",
                 "manual": "вручную"}


def status_label(status: str) -> str:
    """``status_label("auto")`` → ``"уверенно"``; an unknown key is shown as it is."""
    return STATUS_LABELS.get(status, status)


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for a count: ``plural(3, "вид", "вида", "видов")`` → ``"вида"``."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
