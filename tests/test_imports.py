"""The modules of mapper/ import each other without circles, and no class grows past 250 lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mapper"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of the package that ``path`` imports, at its top or inside a function."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
            for alias in node.names:  # «from . import decide» imports a module; «from .index import Index» a name
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as the path that closes it: [a, b, a]."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


@pytest.mark.parametrize("graph, cycles", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c", "a"]]),
])
def test_the_cycle_finder_finds_circles(graph, cycles):
    assert _cycles(graph) == cycles


def test_the_import_graph_is_read():
    graph = _graph()
    assert "mapper.matching.index" in graph["mapper.matching.query"]
    assert {"mapper.matching.decide", "mapper.matching.hierarchy"} <= graph["mapper.matcher"]  # «from .matching import …»
    assert "mapper.matcher" in graph["mapper.cache"]


def test_no_import_circles_among_the_modules_of_mapper():
    assert _cycles(_graph()) == []


def test_no_class_is_longer_than_250_lines():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 250:
                long.append(f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []


def _command_paths(group=None, path=()):
    from mapper.cli import cli

    group = group or cli
    yield path
    for name, command in getattr(group, "commands", {}).items():
        yield from _command_paths(command, (*path, name)) if hasattr(command, "commands") else [(*path, name)]


@pytest.mark.parametrize("path", list(_command_paths()), ids=lambda p: " ".join(p) or "okved-mapper")
def test_help_is_russian(path):
    from click.testing import CliRunner

    from mapper.cli import cli

    run = CliRunner().invoke(cli, [*path, "--help"])
    assert run.exit_code == 0
    assert run.output.startswith("Использование: ") and "Параметры:" in run.output
    assert "Show this message" not in run.output and "[default:" not in run.output
    usage, *rest = run.output.splitlines()
    assert not re.search(r"[A-Z]{3,}", usage), usage  # «[ПАРАМЕТРЫ] ВИД КОД», not «[OPTIONS] ACTIVITY CODE»
    for line in rest:  # values named in Russian beside the options: «--top ЧИСЛО», not «--top INTEGER»
        assert not re.match(r"\s*(-\w, )?--[\w-]+ [A-Z]{3,}", line), line
    text = " ".join(rest)
    cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я")
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    assert cyrillic / (cyrillic + latin) >= 0.55, run.output  # option names stay Latin
