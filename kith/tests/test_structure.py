"""The shape of the code, as docs/conventions.md states it: imports follow the layers (no arrow
up, across a floor or round a circle), no module passes 400 lines, and every document or file
the code and the docs name exists in the repository."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KITH = ROOT / "kith"

# Floors from the ground up (docs/conventions.md, "Layers"). The longest prefix of a module's
# name decides its floor.
FLOORS = {
    "kith": 13,
    "kith.lib": 1,
    "kith.audit": 2,
    "kith.demo": 2,
    "kith.accounts": 3,
    "kith.drafts": 4,
    "kith.jobs": 4,
    "kith.people": 5,
    "kith.cases": 6,
    "kith.recording": 7,
    "kith.protection": 8,
    "kith.care": 9,
    "kith.permanence": 10,
    "kith.leaving_care": 10,
    "kith.timescales": 11,
    "kith.children": 12,
    "kith.returns": 12,
    "kith.web": 13,
    "kith.backups": 13,
    "kith.audit.views": 13,
    "kith.audit.admin": 13,
    "kith.audit.access": 13,
    "kith.audit.forms": 13,
    "kith.audit.urls": 13,
    "kith.demo.management": 13,
    "kith.urls": 13,
    "kith.settings": 13,
    "kith.test": 13,
    "kith.testenv": 13,
    "kith.wsgi": 13,
}
TOP = max(FLOORS.values())
LONGEST = 400


def _code() -> list[Path]:
    """Every module of Kith's own code: not its migrations or tests (kith/test.py, the tests'
    helpers, is code: it builds records as the apps do)."""
    return sorted(
        p for p in KITH.rglob("*.py") if "migrations" not in p.parts and "tests" not in p.parts
    )


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _imports(path: Path) -> list[str]:
    """Every kith module `path` imports, at the top or inside a function."""
    found = []
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.append(base)
            found += [f"{base}.{a.name}" for a in node.names]
    return [m for m in found if m.startswith("kith.")]


def _floor(module: str) -> tuple[str, int]:
    prefix = max((p for p in FLOORS if module == p or module.startswith(p + ".")), key=len)
    # A new app is given its floor here, not left to fall through to the project's.
    assert prefix != "kith" or module == "kith", f"{module}: give its app a floor in FLOORS"
    return prefix, FLOORS[prefix]


def _app(module: str) -> str:
    """The app a module belongs to, as the floors count it: the audit log and the audit pages
    are two, as are the demo builder and its command."""
    return _floor(module)[0]


def test_every_import_points_down_the_floors():
    modules = _modules()
    wrong = []
    for here, path in modules.items():
        _, floor = _floor(here)
        for there in filter(None, (_resolved(i, modules, faces=True) for i in _imports(path))):
            _, other = _floor(there)
            # Within an app anything goes; the top floor, which shows the whole, may use itself.
            if _app(there) != _app(here) and (other > floor or other == floor < TOP):
                wrong.append(f"{here} (floor {floor}) imports {there} (floor {other})")
    assert not wrong, "\n".join(sorted(set(wrong)))


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in _code()}


def test_no_modules_import_each_other_round_a_circle():
    modules = _modules()
    graph = {
        name: {
            m
            for m in (_resolved(i, modules, faces=True) for i in _imports(path))
            if m and m != name
        }
        for name, path in modules.items()
    }
    circles = []
    done: set[str] = set()
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join([*trail, start]))
                elif nxt not in trail and nxt not in done:
                    stack.append((nxt, [*trail, nxt]))
        done.add(start)
    assert not circles, "\n".join(circles)


def _resolved(imported: str, modules: dict[str, Path], faces: bool = False) -> str | None:
    """The module an import names (`kith.a.b.name` is module `kith.a.b` if there is one); a
    package's __init__ is left out unless `faces` is asked for."""
    while imported and imported not in modules:
        imported = imported.rpartition(".")[0]
    if imported and modules[imported].name == "__init__.py" and not faces:
        return None
    return imported or None


@pytest.mark.parametrize(
    "path",
    sorted(p for p in KITH.rglob("*.py") if "migrations" not in p.parts),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_module_passes_400_lines(path):
    lines = len(path.read_text().splitlines())
    assert lines <= LONGEST, f"{lines} lines: split it by concept"


# A path to a file, as docstrings, comments and documents name them: `kith/people/access.py`,
# `lib/timescales.py`, `docs/decisions/0008-access-by-relationship.md`, `reference/codes.md`.
NAMED = re.compile(
    r"(?<![\w/.:-])((?:\.\./|[\w.-]+/)+[\w-]+\.(?:py|md|html|js|scss|toml|txt|json))\b"
)


def _named_paths() -> list[tuple[str, str]]:
    files = [
        *_code(),
        *KITH.rglob("tests/*.py"),
        *(ROOT / "docs").rglob("*.md"),
        ROOT / "README.md",
    ]
    files += [
        *(ROOT / "bench").glob("*.py"),
        *(ROOT / "e2e").glob("*.py"),
        *(ROOT / "bin").glob("*"),
    ]
    named = []
    for path in files:
        if path.is_file():
            text = path.read_text()
            named += [
                (str(path.relative_to(ROOT)), m) for m in NAMED.findall(text) if "://" not in m
            ]
    return named


def _exists(where: str, named: str) -> bool:
    """Whether `named` is a file, from the root, kith/, docs/ or templates/, or from the naming
    file's own folder or app (a test of recording may name its views/writing module)."""
    here = (ROOT / where).parent
    app = ROOT.joinpath(*Path(where).parts[:2])
    return any(
        (base / named).exists()
        for base in (ROOT, KITH, ROOT / "docs", ROOT / "templates", here, app)
    )


def test_every_file_the_code_and_docs_name_exists():
    missing = sorted(
        {f"{where} names {named}" for where, named in _named_paths() if not _exists(where, named)}
    )
    assert not missing, "\n".join(missing)
