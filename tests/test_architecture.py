"""The dependency rule of DESIGN.md, checked on the source: contexts meet only through facade and contracts.

Each module under src/recirc/<context>/ is parsed (never imported) and every import of another context must
  1. target `recirc.<other>.facade` or `recirc.<other>.contracts`, and
  2. point down the dependency order of DESIGN.md: a context imports only contexts listed before it.
Exemptions: `recirc.core` and `recirc.config` are importable by all, but core imports no context; config is
wiring and imports anything; files under a context's `tests/` directory may also import other contexts'
models and test factories (fixture code); any context's `api.py` may import `recirc.accounts.auth` (the
API authentication wiring); migrations are generated and skipped. `demo` (the demo pilot city) and `portal`
(each role's home page) are not contexts of DESIGN.md but composition apps that own no domain data: they sit
above every context, so they may use any of them, still only through facade and contracts, and no context
may import them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

SOURCE_ROOT = Path(__file__).resolve().parent.parent / "src" / "recirc"

# DESIGN.md, "Bounded contexts" (policing before acquisitions: ADR 0008; valuation after catalog: ADR 0009):
# dependencies point down this list.
DEPENDENCY_ORDER: tuple[str, ...] = (
    "core", "privacy", "accounts", "operators", "catalog", "valuation", "items", "policing", "acquisitions",
    "inspection", "erasure", "repairs", "listings", "moderation", "trade", "auctions", "rentals", "consignment",
    "aftersales", "community", "supervision", "integrations",
)
KERNEL = frozenset({"core", "config"})
WIRING = frozenset({"config"})
ABOVE_ALL = frozenset({"demo", "portal"})
PUBLIC_MODULES = frozenset({"facade", "contracts"})
FIXTURE_MODULES = frozenset({"models", "tests"})
API_AUTH_MODULE = "recirc.accounts.auth"
COMMAND_LINE_MODULE = "recirc.cli"  # wiring above every context: tests may drive it, contexts may not import it
NOT_CONTEXTS = frozenset({"templates", "static", "locale", "__pycache__"})
EXISTING_CONTEXTS = frozenset({"core", "privacy", "accounts", "operators", "catalog", "items"})


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    target: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.target} ({self.rule})"


def module_name(relative: PurePosixPath) -> str:
    """src/recirc-relative path -> dotted module name ("items/tests/test_x.py" -> "recirc.items.tests.test_x")."""
    parts = ["recirc", *relative.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module an import statement names, relative imports resolved; `from a import b` yields a.b."""
    found: list[tuple[int, str]] = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.extend((node.lineno, f"{base}.{alias.name}" if alias.name != "*" else base) for alias in node.names)
    return found


def judge(context: str, relative: PurePosixPath, target: str) -> str | None:
    """Why importing `target` from the file breaks the rule, or None when it is allowed."""
    parts = target.split(".")
    if parts[0] != "recirc" or len(parts) < 2:
        return None
    other = parts[1]
    if other == context or context in WIRING:
        return None
    if other in KERNEL:
        return "the shared kernel imports no context" if context == "core" and other != "config" else None
    if context == "core":
        return "the shared kernel imports no context"
    if target.startswith(API_AUTH_MODULE) and relative.name == "api.py":
        return None
    in_tests = "tests" in relative.parts[1:-1]
    if target == COMMAND_LINE_MODULE or target.startswith(COMMAND_LINE_MODULE + "."):
        return None if in_tests else "only tests may drive the `recirc` command"
    allowed_modules = PUBLIC_MODULES | FIXTURE_MODULES if in_tests else PUBLIC_MODULES
    if len(parts) < 3 or parts[2] not in allowed_modules:
        return f"only {other}.facade and {other}.contracts may be imported" + (
            "; tests may also import models and test factories" if in_tests else "")
    if context in ABOVE_ALL and other in DEPENDENCY_ORDER:
        return None
    if other not in DEPENDENCY_ORDER or context not in DEPENDENCY_ORDER:
        return "context missing from DESIGN.md's dependency order"
    if DEPENDENCY_ORDER.index(other) > DEPENDENCY_ORDER.index(context):
        return f"{context} is listed before {other}: dependencies point down the list, never up"
    return None


def check_source(source: str, relative: str) -> list[Violation]:
    """The violations in one module, given its path relative to src/recirc (e.g. "items/services.py")."""
    path = PurePosixPath(relative)
    context = path.parts[0]
    tree = ast.parse(source, filename=relative)
    violations = []
    for line, target in imported_modules(tree, module_name(path), path.name == "__init__.py"):
        rule = judge(context, path, target)
        if rule is not None:
            violations.append(Violation(f"src/recirc/{relative}", line, target, rule))
    return violations


def context_directories() -> list[Path]:
    return sorted(path for path in SOURCE_ROOT.iterdir()
                  if path.is_dir() and path.name not in NOT_CONTEXTS and (path / "__init__.py").exists())


def scan() -> tuple[set[str], list[Violation]]:
    contexts, violations = set(), []
    for directory in context_directories():
        contexts.add(directory.name)
        for file in sorted(directory.rglob("*.py")):
            relative = file.relative_to(SOURCE_ROOT).as_posix()
            if "/migrations/" not in relative:
                violations.extend(check_source(file.read_text(encoding="utf-8"), relative))
    return contexts, violations


def test_contexts_import_each_other_only_through_facades_down_the_dependency_order() -> None:
    contexts, violations = scan()

    assert contexts >= EXISTING_CONTEXTS, f"found only {sorted(contexts)}"
    assert not violations, "architecture violations:\n" + "\n".join(str(v) for v in violations)


def test_every_context_is_named_in_the_dependency_order() -> None:
    contexts, _ = scan()

    unknown = sorted(contexts - set(DEPENDENCY_ORDER) - WIRING - ABOVE_ALL)
    assert not unknown, f"add {unknown} to DESIGN.md's dependency order (and this test) or make them wiring"


def test_every_context_with_models_has_an_app_config_and_migrations() -> None:
    incomplete = [
        directory.name for directory in context_directories()
        if (directory / "models.py").exists()
        and not ((directory / "apps.py").exists() and (directory / "migrations" / "__init__.py").exists())
    ]

    assert incomplete == []


@pytest.mark.parametrize(
    ("relative", "source", "expected"),
    [
        ("operators/services.py", "from recirc.items.models import Item\n",
         ["src/recirc/operators/services.py:1 imports recirc.items.models.Item"]),
        ("items/services.py", "import os\nfrom recirc.operators.models import Outlet\n",
         ["src/recirc/items/services.py:2 imports recirc.operators.models.Outlet"]),
        ("items/views.py", "from recirc.operators import models\n",
         ["src/recirc/items/views.py:1 imports recirc.operators.models"]),
        ("items/views.py", "import recirc.operators\n", ["src/recirc/items/views.py:1 imports recirc.operators"]),
        ("items/selectors.py", "from ..operators.selectors import outlet_list\n",
         ["src/recirc/items/selectors.py:1 imports recirc.operators.selectors.outlet_list"]),
        ("operators/facade.py", "from recirc.items.facade import item_get\n",
         ["src/recirc/operators/facade.py:1 imports recirc.items.facade.item_get"]),
        ("core/audit.py", "def f():\n    from recirc.privacy.facade import mask_phone\n",
         ["src/recirc/core/audit.py:2 imports recirc.privacy.facade.mask_phone"]),
        ("privacy/services.py", "from recirc.accounts.auth import api_auth\n",
         ["src/recirc/privacy/services.py:1 imports recirc.accounts.auth.api_auth"]),
        ("operators/tests/test_x.py", "from recirc.items.tests.factories import ItemFactory\n",
         ["src/recirc/operators/tests/test_x.py:1 imports recirc.items.tests.factories.ItemFactory"]),
        ("items/tests/test_x.py", "from recirc.operators.services import operator_create\n",
         ["src/recirc/items/tests/test_x.py:1 imports recirc.operators.services.operator_create"]),
        ("demo/synthetic.py", "from recirc.items.models import Item\n",
         ["src/recirc/demo/synthetic.py:1 imports recirc.items.models.Item"]),
        ("items/services.py", "from recirc.demo.facade import seed\n",
         ["src/recirc/items/services.py:1 imports recirc.demo.facade.seed"]),
    ],
    ids=["models-up", "models-down", "module-by-name", "bare-package", "relative", "facade-up", "core-imports-context",
         "auth-outside-api", "tests-up", "tests-import-services", "demo-models", "context-imports-demo"],
)
def test_the_checker_catches_a_synthetic_violation(relative: str, source: str, expected: list[str]) -> None:
    found = [f"{v.path}:{v.line} imports {v.target}" for v in check_source(source, relative)]

    assert found == expected


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("items/services.py", "from recirc.operators.facade import operator_scope\n"),
        ("items/services.py", "from recirc.operators import contracts, facade\n"),
        ("items/services.py", "from recirc.core.errors import NotFound\nfrom recirc.config.env import env_int\n"),
        ("items/views.py", "from . import selectors\nfrom .models import Item\nimport recirc.items.models\n"),
        ("items/tests/factories.py", "from recirc.operators.models import Outlet\n"),
        ("items/tests/test_x.py", "from recirc.operators.tests.factories import OutletFactory\n"),
        ("privacy/api.py", "from recirc.accounts.auth import api_auth\n"),
        ("config/api.py", "from recirc.items.api import router\nfrom recirc.accounts.models import User\n"),
        ("core/models.py", "from recirc.core.hashchain import ChainHead\n"),
        ("items/services.py", "from django.db import transaction\nimport recirc\n"),
        ("demo/synthetic.py", "from recirc.integrations.facade import export\nfrom recirc.items import facade\n"),
    ],
    ids=["facade-down", "facade-by-name", "kernel", "own-context", "factory-models", "factory-down", "api-auth",
         "config-wiring", "core-itself", "third-party", "demo-uses-facades"],
)
def test_the_checker_allows_what_the_rule_allows(relative: str, source: str) -> None:
    assert check_source(source, relative) == []
