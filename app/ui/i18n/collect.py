"""Find every translatable string in the designer's source (no Qt needed).

Translatable means the first string literal passed to ``tr(...)`` / ``self.tr(...)``,
``translate(context, ...)`` / ``QCoreApplication.translate(context, ...)``,
``QT_TR_NOOP(...)`` / ``QT_TRANSLATE_NOOP(context, ...)``, or to a module-level helper named
``_tr``. Used by the test that no string lacks a Chinese translation and by
``python -m app.ui.i18n.collect`` which prints the missing ones as JSON ready to fill in.
"""
from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path

UI_DIR = Path(__file__).resolve().parent.parent

_ONE_ARG = {"tr", "_tr", "QT_TR_NOOP"}
_TWO_ARGS = {"translate", "QT_TRANSLATE_NOOP"}


@dataclass(frozen=True)
class SourceString:
    context: str
    text: str
    path: str
    line: int


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def strings_in_file(path: Path) -> list[SourceString]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[SourceString] = []
    one_arg, two_args = set(_ONE_ARG), set(_TWO_ARGS)
    for node in ast.walk(tree):  # aliases such as ``_T = QT_TRANSLATE_NOOP``
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Name, ast.Attribute)):
            target = _name(node.value)
            for t in node.targets:
                if isinstance(t, ast.Name):
                    if target in _TWO_ARGS:
                        two_args.add(t.id)
                    elif target in _ONE_ARG:
                        one_arg.add(t.id)
    class_stack: list[str] = []

    class Visitor(ast.NodeVisitor):
        def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802
            class_stack.append(node.name)
            self.generic_visit(node)
            class_stack.pop()

        def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
            name = _name(node.func)
            text = ctx = None
            if name in one_arg and node.args:
                text = _literal(node.args[0])
                ctx = class_stack[-1] if class_stack else ""
            elif name in two_args and len(node.args) >= 2:
                text = _literal(node.args[1])
                ctx = _literal(node.args[0]) or ""
            if text:
                out.append(SourceString(ctx or "", text, str(path), node.lineno))
            self.generic_visit(node)

    Visitor().visit(tree)
    return out


def collect(root: Path = UI_DIR) -> list[SourceString]:
    """Every translatable string under ``root`` (default: app/ui), in file order."""
    found: list[SourceString] = []
    for path in sorted(root.rglob("*.py")):
        found.extend(strings_in_file(path))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the strings that have no translation in the zh_CN catalogue."""
    from app.ui.i18n import CatalogueTranslator  # imports Qt; only the CLI path needs it

    tr = CatalogueTranslator("zh_CN")
    missing = sorted({s.text for s in collect() if tr.lookup(s.context, s.text) is None})
    json.dump({m: "" for m in missing}, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
