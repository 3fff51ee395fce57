"""The designer's collaborators are typed, not probed: no ``getattr``/``hasattr`` on the
project's own objects in ``app/ui`` (beyond a short allow-list of dataclass fields chosen
by a property name), no ``except ImportError`` around its modules, no ``find_spec``."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "app" / "ui"

#: (file, object, name) of the getattr/hasattr calls that may stay, each with its reason.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("app/ui/commands.py", "el", "prop"):
        "SetProperty remembers the old value of the dataclass field it sets",
    ("app/ui/commands.py", "doc.side(side)", "prop"):
        "SetSideProperty remembers the old value of the side's dataclass field",
    ("app/ui/panels/properties.py", "e", "prop"):
        "the panel skips elements whose edited dataclass field already holds the value",
    ("app/ui/panels/properties.py", "p.style", "field"):
        "the panel compares the TextStyle field being edited",
    ("app/ui/panels/color.py", "color", "ch"):
        "the c/m/y/k fields of a Color dataclass, one spin box each",
    ("app/ui/canvas/text_edit.py", "p.style", "field"):
        "the text editor compares the TextStyle field being toggled",
    ("app/ui/canvas/text_edit.py", "r", "field"):
        "the same field on each Run's style overrides",
}


def probes(source: str, filename: str = "<src>") -> list[tuple[int, str, str, str]]:
    """(line, function, object, name) of each getattr/hasattr call in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr") and len(node.args) >= 2):
            found.append((node.lineno, node.func.id, ast.unparse(node.args[0]), ast.unparse(node.args[1])))
    return found


def ui_sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def test_the_scanner_sees_a_probe_of_a_window_method():
    """The check below can fail: a probe for a window's method is found, with its line."""
    src = "def f(window):\n    x = 1\n    if hasattr(window, 'set_unit'):\n        getattr(window, 'set_unit')('mm')\n"
    assert probes(src) == [(3, "hasattr", "window", "'set_unit'"), (4, "getattr", "window", "'set_unit'")]


def test_the_designer_does_not_probe_its_own_objects():
    """A new getattr/hasattr in app/ui fails here: give the collaborator a typed attribute,
    a Protocol or an isinstance check instead (or add it to ALLOWED with the reason)."""
    bad = []
    seen = set()
    for path in ui_sources():
        rel = path.relative_to(ROOT).as_posix()
        for line, fn, obj, name in probes(path.read_text(encoding="utf-8"), rel):
            key = (rel, obj, name)
            if key in ALLOWED:
                seen.add(key)
            else:
                bad.append(f"{rel}:{line}: {fn}({obj}, {name})")
    assert not bad, "probing in the designer:\n" + "\n".join(bad)
    stale = sorted(set(ALLOWED) - seen)
    assert not stale, f"allow-list entries that match nothing any more (remove them): {stale}"


def test_no_import_guards_or_find_spec_around_the_projects_modules():
    """`except ImportError` may only guard a standard-library or third-party import, and
    nothing in app/ looks modules up with find_spec."""
    bad = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "find_spec":
                bad.append(f"{rel}:{node.lineno}: find_spec")
            if isinstance(node, ast.Try) and any(
                    h.type is not None and "ImportError" in ast.unparse(h.type) for h in node.handlers):
                for stmt in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                    names = ([a.name for a in stmt.names] if isinstance(stmt, ast.Import) else
                             [stmt.module or ""] if isinstance(stmt, ast.ImportFrom) else [])
                    if any(n.split(".")[0] in ("app", "checks") or (
                            isinstance(stmt, ast.ImportFrom) and stmt.level) for n in names):
                        bad.append(f"{rel}:{stmt.lineno}: import of the project's own module under ImportError")
    assert not bad, "\n".join(bad)


def test_an_action_without_a_handler_stops_the_window_build(qapp):
    """Every menu action gets a bound method from the window; a missing one is named at once."""
    from PySide6.QtCore import QObject

    from app.ui.actions import ACTIONS, ActionRegistry, CommandId

    owner = QObject()
    handlers = {spec.id: (lambda: None) for spec in ACTIONS if spec.id != CommandId.SAVE}
    with pytest.raises(ValueError, match="cardwise:file:save"):
        ActionRegistry().build(owner, handlers)
    calls = []
    handlers[CommandId.SAVE] = lambda: calls.append("save")
    actions = ActionRegistry().build(owner, handlers)
    actions[CommandId.SAVE].trigger()
    assert calls == ["save"]


def test_the_window_uses_the_settings_it_was_given(designer):
    """One typed Settings per window: the composition root's object, read by the services."""
    from app.ui.settings import settings_for

    win = designer(show=False)
    assert settings_for(win) is win.settings
    win.settings.unit = "in"   # the preference drives the window...
    assert win.unit == "in"
    win.set_unit("pt")         # ...and the View menu's choice is stored
    assert win.settings.unit == "pt"
