"""The words users read for the keys the code stores: ``STATUS_LABELS["review"]`` → ``"на проверку"``."""

from __future__ import annotations

#: a mapping's status: stored as the key, shown as the label
STATUS_LABELS = {"exact": "точно", "auto": "уверенно", "review": "на проверку", "none": "не найдено",
                 "manual": "вручную"}


def status_label(status: str) -> str:
    """``status_label("auto")`` → ``"уверенно"``; an unknown key is shown as it is."""
    return STATUS_LABELS.get(status, status)
