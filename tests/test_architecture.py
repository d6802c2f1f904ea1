"""The package's import graph, read from the source (ast): no cycles, layers import in one direction.

Every ``import`` and ``from ... import`` counts, module level or inside a function: a deferred
import is still a dependency; so does ``importlib.import_module`` with a name written in the code
(an f-string counts as the package its fixed part names). The layers and their rule are drawn in
docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newstrace"

# Lower layers never import higher ones (docs/architecture.md). A module's layer is that of the
# longest prefix listed here.
LAYERS: dict[str, int] = {
    "newstrace.errors": 0,
    "newstrace.settings": 0,
    "newstrace.record": 0,
    "newstrace.resources": 0,
    "newstrace.schema": 0,
    "newstrace.progress": 0,
    "newstrace.limits": 0,
    "newstrace.formats": 1,
    "newstrace.models": 1,
    "newstrace.stage": 2,
    "newstrace.stages": 2,
    "newstrace.pipeline": 2,
    "newstrace.sources": 3,
    "newstrace.validate": 3,
    "newstrace.run": 4,
    "newstrace.store": 5,
    "newstrace.corpus": 5,
    "newstrace.ingest": 5,
    "newstrace.commands": 6,
    "newstrace.integrations": 6,
    "newstrace.cli": 6,
    "newstrace.web": 6,
    "newstrace": 6,  # the package itself: the public API
    "newstrace.eval": 7,
    "newstrace.training": 7,
}
TOP = ("newstrace.eval", "newstrace.training")
# The one door from an interface into the top layer: the `newstrace eval` sub-command runs the evaluations.
ALLOWED_INTO_TOP = {"newstrace.commands.evaluate"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The newstrace modules ``name`` imports (anywhere in the file)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            # 'from . import stages': the names may be submodules themselves.
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            found.update(_dynamic(node, package))
    return {m for m in found if m in modules and m != name}


def _dynamic(call: ast.Call, package: str) -> set[str]:
    """What ``importlib.import_module(...)`` loads, as far as the code spells it out."""
    if not call.args:
        return set()
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        written = first.value
    elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
        written = str(first.values[0].value).rsplit(".", 1)[0]  # f"newstrace.eval.{name}" -> newstrace.eval
    else:
        return set()  # a name from data (the stage registry): not a dependency of the code
    if written.startswith("."):
        dots = len(written) - len(written.lstrip("."))
        base = package.split(".")
        written = ".".join([*base[: len(base) - dots + 1], written.lstrip(".")])
    return {written}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(module: str) -> int:
    prefix = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[prefix]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "newstrace.stages._lib.rules" in graph["newstrace.stages.attribution"]  # a relative import
    assert "newstrace.run" in graph["newstrace.eval.polnear"]  # a deferred import inside a function
    assert "newstrace.eval" in graph["newstrace.commands.evaluate"]  # importlib with an f-string
    assert "newstrace.commands" in graph["newstrace.cli"]
    assert len(graph) > 60


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_runtime_never_imports_evaluation_or_training() -> None:
    leaks = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if not module.startswith(TOP) and module not in ALLOWED_INTO_TOP
        for target in targets
        if target.startswith(TOP)
    ]
    assert leaks == []


def test_layers_import_downward_only() -> None:
    upward = [
        f"{module} (layer {_layer(module)}) -> {target} (layer {_layer(target)})"
        for module, targets in _graph().items()
        if module not in ALLOWED_INTO_TOP
        for target in targets
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_the_checks_can_fail() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _layer("newstrace.stages._lib.rules") == 2 and _layer("newstrace.training.onnx_export") == 7
