"""Click's own usage errors in Russian: click (8.x) words them in English and ships no translation.

``russian(NoSuchOption("--tpo", possibilities=["--top"]))`` → ``"нет такого параметра: --tpo (может
быть: --top)"``. A message this module does not know passes as it is, on one line.
"""

from __future__ import annotations

import re

import click

_MESSAGES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p, re.S), ru) for p, ru in (
    (r"^Missing command\.$", "не указана команда"),
    (r"^Option '(?P<v>[^']*)' requires an argument\.$", "параметру \\g<v> нужно значение"),
    (r"^Option '(?P<v>[^']*)' requires (?P<c>\d+) arguments\.$", "параметру \\g<v> нужно значений: \\g<c>"),
    (r"^Option '(?P<v>[^']*)' does not take a value\.$", "параметр \\g<v> не принимает значения"),
    (r"^Argument '(?P<v>[^']*)' takes (?P<c>\d+) values\.$", "аргументу \\g<v> нужно значений: \\g<c>"),
    (r"^Got unexpected extra arguments? \((?P<v>.*)\)$", "лишние аргументы: \\g<v>"),
    # what a parameter type says of a bad value
    (r"^'?(?P<v>.*?)'? is not a valid integer( range)?\.$", "«\\g<v>» — не целое число"),
    (r"^'?(?P<v>.*?)'? is not a valid float( range)?\.$", "«\\g<v>» — не число"),
    (r"^'?(?P<v>.*?)'? is not a valid boolean\.$", "«\\g<v>» — не да/нет"),
    (r"^'?(?P<v>.*?)'? is not one of (?P<c>.*)\.$", "«\\g<v>» — не одно из: \\g<c>"),
    (r"^'?(?P<v>.*?)'? is not (?P<c>'[^']*')\.$", "«\\g<v>» — не \\g<c>"),
    (r"^'?(?P<v>.*?)'? is not in the range (?P<c>.*)\.$", "«\\g<v>» вне диапазона \\g<c>"),
    (r"^(?:File|Path|Directory) '(?P<v>.*)' does not exist\.$", "«\\g<v>» не существует"),
    (r"^(?:File|Path) '(?P<v>.*)' is a directory\.$", "«\\g<v>» — папка, а нужен файл"),
    (r"^(?:Directory|Path) '(?P<v>.*)' is a file\.$", "«\\g<v>» — файл, а нужна папка"),
    (r"^(?:File|Path|Directory) '(?P<v>.*)' is not (?:readable|writable)\.$", "«\\g<v>»: нет доступа"),
))


def _message(text: str) -> str:
    text = " ".join(str(text).split())
    for pattern, ru in _MESSAGES:
        found = pattern.match(text)
        if found:
            return found.expand(ru)
    return text


def _maybe(possibilities) -> str:
    return f" (может быть: {', '.join(possibilities)})" if possibilities else ""


def _hint(error: click.BadParameter) -> str:
    if error.param_hint is not None:
        hint = error.param_hint if isinstance(error.param_hint, str) else " / ".join(error.param_hint)
    elif error.param is not None:
        hint = error.param.get_error_hint(error.ctx) if error.ctx is not None else error.param.name
    else:
        hint = ""
    return hint.replace("'", "")


def russian(error: click.UsageError) -> str:
    """The usage error in Russian, on one line."""
    if isinstance(error, click.NoSuchOption):
        return f"нет такого параметра: {error.option_name}{_maybe(error.possibilities)}"
    if type(error).__name__ == "NoSuchCommand":  # click 8.4 and newer
        return f"нет такой команды: {error.command_name}{_maybe(error.possibilities)}"
    if isinstance(error, click.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "")
        what = {"argument": "аргумент", "option": "параметр"}.get(kind, "параметр")
        return f"не указан {what} {_hint(error)}".rstrip()
    if isinstance(error, click.BadParameter):
        hint = _hint(error)
        return f"неверное значение {hint}: {_message(error.message)}" if hint else \
            f"неверное значение: {_message(error.message)}"
    return _message(error.format_message())


# ---------------------------------------------------------------- --help


#: click's headings and its own options' help, as the help pages say them in Russian
HELP_WORDS = {"Options": "Параметры", "Commands": "Команды", "Arguments": "Аргументы",
              "Show this message and exit.": "Показать эту справку и выйти.",
              "Show the version and exit.": "Показать версию и выйти."}


#: click's names of values (metavars) in the usage line and beside the options
METAVARS = {"[OPTIONS]": "[ПАРАМЕТРЫ]", "COMMAND [ARGS]...": "КОМАНДА [АРГУМЕНТЫ]...", "INTEGER RANGE": "ЧИСЛО",
            "INTEGER": "ЧИСЛО", "FLOAT RANGE": "ЧИСЛО", "FLOAT": "ЧИСЛО", "TEXT": "ТЕКСТ", "FILE": "ФАЙЛ",
            "FILENAME": "ФАЙЛ", "PATH": "ПУТЬ", "DIRECTORY": "ПАПКА", "BOOLEAN": "ДА|НЕТ"}
_METAVAR = re.compile("|".join(re.escape(m) for m in sorted(METAVARS, key=len, reverse=True)))


def russian_metavars(text: str) -> str:
    """``russian_metavars("--top INTEGER RANGE")`` → ``"--top ЧИСЛО"``; options' names stay as they are."""
    return _METAVAR.sub(lambda m: METAVARS[m.group(0)], text)


class RussianHelpFormatter(click.HelpFormatter):
    """``--help`` pages with click's own words in Russian: «Использование:», «Параметры», «Команды»,
    «[по умолчанию: db/okved.db]», «--top ЧИСЛО»; the commands' and options' texts are ours, in Russian
    already."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, russian_metavars(args), "Использование: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HELP_WORDS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        said = [(russian_metavars(term), HELP_WORDS.get(text, text).replace("[default: ", "[по умолчанию: ")
                 .replace("default: ", "по умолчанию: ").replace("[required]", "[обязательно]")) for term, text in rows]
        super().write_dl(said, col_max, col_spacing)


class RussianContext(click.Context):
    formatter_class = RussianHelpFormatter


class RussianCommand(click.Command):
    context_class = RussianContext
