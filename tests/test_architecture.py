"""The shape of the code: one direction, cli -> pipeline -> guide | deck -> view -> input, and no cycles.

Every import counts, at the top of a module or inside a function (a deferred import is still a
dependency), and so do imports made only for type checking.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "guidegen"

# Lower layers never import higher ones. Foundation modules (errors, resources, bounded) serve all.
LAYERS = {
    "guidegen.cli": 5, "guidegen.__main__": 6, "guidegen": 6,
    "guidegen.pipeline": 4, "guidegen.batch": 4, "guidegen.parallel": 4, "guidegen.formats": 4,
    "guidegen.frameworks": 4, "guidegen.config": 4, "guidegen.scaffold": 4, "guidegen.preview": 4,
    "guidegen.people": 4, "guidegen.run": 4,
    "guidegen.guide": 3, "guidegen.deck": 3,
    "guidegen.view": 2,
    "guidegen.input": 1,
    "guidegen.errors": 0, "guidegen.resources": 0, "guidegen.choices": 0, "guidegen.files": 0, "guidegen.bounded": 0, "guidegen._version": 0,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("guidegen"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("guidegen"):
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # "from guidegen.x import y" names module guidegen.x.y when that is a module, else guidegen.x
        graph[name] = {target for target in _imports(path) if target in modules and target != name}
    return graph


def _layer(module: str) -> int:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYERS[prefix]
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def test_there_is_no_import_cycle():
    graph = _graph()
    cycles = []

    def visit(module: str, path: list[str], on_path: set[str], done: set[str]) -> None:
        for target in sorted(graph[module]):
            if target in on_path:
                cycles.append(path[path.index(target):] + [target])
            elif target not in done:
                visit(target, [*path, target], on_path | {target}, done)
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module], {module}, done)
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles[:10])


def test_imports_point_one_way():
    wrong = [f"{module} -> {target}" for module, targets in sorted(_graph().items()) for target in sorted(targets)
             if _layer(target) > _layer(module)]
    assert not wrong, "\n".join(wrong)


def test_the_public_api_builds_and_reports_bad_input(tmp_path):
    import guidegen
    from guidegen.resources import default_ladder_path

    ladder = guidegen.load_ladder(default_ladder_path())
    assert [rung.id for rung in ladder.rungs][:2] == ["apm", "pm"]
    (deck,) = guidegen.build(out_dir=tmp_path, formats=["pptx"], rung_ids=["pm"])
    assert deck.name == "training-deck-pm.pptx" and deck.exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n")
    try:
        guidegen.load_ladder(bad)
    except guidegen.InputError as error:
        assert str(bad) in error.format_message()
    else:
        raise AssertionError("a broken ladder loaded")


def test_the_command_line_starts_without_the_pipeline():
    import subprocess
    import sys

    code = "import sys, guidegen.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in ('guidegen', 'pydantic')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "guidegen.cli" in loaded
    assert "guidegen.pipeline" not in loaded and "'pydantic'" not in loaded, loaded


def test_validate_imports_no_renderer_and_no_typesetting():
    """`guidegen validate` checks and writes nothing: WeasyPrint, python-pptx and docutils (quotes) stay out."""
    import subprocess
    import sys

    code = ("import sys; from guidegen.cli import main\n"
            "try:\n    main(['validate', 'data/ladder.yaml'])\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'pptx', 'docutils', 'watchfiles'}))")
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
