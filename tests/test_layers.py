"""The apps form layers and import only downward: edge < accounts < fantasy < insights.

Reads every module's imports with `ast` (nothing is imported, so a cycle cannot hide a
violation): an app may import its own modules and those of the apps below it, never one above;
a project import inside a function (the usual way to dodge a cycle) is refused too, except in an
`AppConfig.ready()`, where Django wants registrations to happen.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("edge", "accounts", "fantasy", "insights")
# fantasy reaches accounts only through its public reads and writes, the errors they raise, and
# its models (for types and foreign keys).
ACCOUNTS_SURFACE = (
    "accounts.services",
    "accounts.selectors",
    "accounts.yahoo_errors",
    "accounts.yahoo_tokens",
    "accounts.models",
    # the API kit accounts offers: session-only permission, the link rows' serializer (the
    # Sleeper link view in fantasy answers with it)
    "accounts.permissions",
    "accounts.api.serializers",
)


def _imported_modules(node: ast.AST, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = module.split(".")[: -node.level] if node.level else []  # relative: resolve it
        package = ".".join([*base, node.module] if node.module else base)
        if "." in package:
            return [package]
        return [f"{package}.{alias.name}" for alias in node.names]  # `from app import module`
    return []


def _function_scoped(tree: ast.AST) -> set[ast.AST]:
    """Import nodes inside a function body (but not an AppConfig.ready)."""
    scoped = set()
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) and func.name != "ready":
            scoped.update(
                node for node in ast.walk(func) if isinstance(node, ast.Import | ast.ImportFrom)
            )
    return scoped


def layer_violations(root: Path = ROOT) -> set[str]:
    found = set()
    for app in LAYERS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            module = ".".join(relative.with_suffix("").parts)
            tree = ast.parse(path.read_text(), filename=str(relative))
            scoped = _function_scoped(tree)
            for node in ast.walk(tree):
                for imported in _imported_modules(node, module):
                    target = imported.split(".")[0]
                    if target not in LAYERS:
                        continue
                    where = f"{relative}:{node.lineno} imports {imported}"
                    if LAYERS.index(target) > LAYERS.index(app):
                        found.add(f"{where} (upward)")
                    elif node in scoped:
                        found.add(f"{where} (inside a function)")
                    if (
                        app == "fantasy"
                        and target == "accounts"
                        and not imported.startswith(ACCOUNTS_SURFACE)
                    ):
                        found.add(f"{where} (accounts internals)")
    return found


def test_apps_import_only_downward():
    found = sorted(layer_violations())
    assert not found, "imports against the layers (edge < accounts < fantasy < insights):\n" + (
        "\n".join(found)
    )


# Everything outside tests/ that may never import it: the apps, and the benchmarks (they measure
# project code, so what they need lives there).
NEVER_IMPORT_TESTS = (*LAYERS, "benchmarks")


def importers_of_tests(root: Path = ROOT) -> list[str]:
    importers = []
    for folder in NEVER_IMPORT_TESTS:
        for path in sorted((root / folder).rglob("*.py")):
            module = ".".join(path.relative_to(root).with_suffix("").parts)
            for node in ast.walk(ast.parse(path.read_text())):
                if any(m.split(".")[0] == "tests" for m in _imported_modules(node, module)):
                    importers.append(f"{path.relative_to(root)}:{node.lineno}")
    return importers


def test_project_code_and_benchmarks_never_import_tests():
    importers = importers_of_tests()
    assert not importers, "imports of tests/ outside tests: " + ", ".join(importers)


@pytest.mark.parametrize("folder", ["insights", "benchmarks"])
def test_the_tests_import_check_catches(tmp_path, folder):
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "bench.py").write_text(
        "def seed():\n    from tests.factories import LeagueFactory\n"
    )
    assert importers_of_tests(tmp_path) == [f"{folder}/bench.py:2"]


@pytest.mark.parametrize(
    ("app", "source", "why"),
    [
        ("edge", "from insights.models import Job\n", "upward"),
        ("accounts", "import fantasy.selectors\n", "upward"),
        ("fantasy", "def f():\n    from accounts.services import x\n", "inside a function"),
        ("fantasy", "from accounts.crypto import token_cipher\n", "accounts internals"),
    ],
)
def test_the_layer_check_catches(tmp_path, app, source, why):
    for name in LAYERS:
        (tmp_path / name).mkdir()
    (tmp_path / app / "module.py").write_text(source)
    assert [why in v for v in layer_violations(tmp_path)] == [True]


def test_the_layer_check_allows_downward_and_ready(tmp_path):
    for name in LAYERS:
        (tmp_path / name).mkdir()
    (tmp_path / "insights" / "a.py").write_text("from fantasy.models import League\n")
    (tmp_path / "accounts" / "apps.py").write_text(
        "class C:\n    def ready(self):\n        from accounts import schema\n"
    )
    assert layer_violations(tmp_path) == set()
