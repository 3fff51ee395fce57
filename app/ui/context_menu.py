"""Right-click menus on the canvas, built from the window's registry actions.

``build_context_menu(window, scene_pos)`` returns the menu for a right-click at
``scene_pos`` (the window shows it with ``exec``; tests read it without showing it):

* **in the text being edited** — the finding under the pointer, then Cut, Copy, Paste and
  Select All on the text;
* **on an element** — the element (with the rest of its group) is selected first, as in
  Canva or Affinity, then: the finding under the pointer when the live check flagged it
  (Explain, Apply suggestion, Ignore once — the live-check service's own methods), Cut,
  Copy, Paste, Duplicate, Delete, the z-order moves, Group / Ungroup, Lock, Hide and an
  Align submenu;
* **on the empty card or pasteboard** — Paste, Select All, and "add here" entries that
  place a text box, image, QR code, rectangle or line at the click point (the insert
  tools' own construction).

Every element and canvas entry except the "add here" ones is the registry's QAction itself,
so its shortcut, title (in the interface language) and enabled state are those of the
menu bar.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLineF, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from app.model.units import mm
from app.ui import resources
from app.ui.actions import CommandId
from app.ui.canvas.tools import InsertTool
from app.ui.panels.findings import localized_message

C = CommandId

ELEMENT_ENTRIES: tuple[CommandId | None, ...] = (
    C.CUT, C.COPY, C.PASTE, C.DUPLICATE, C.DELETE, None,
    C.BRING_FRONT, C.RAISE, C.LOWER, C.SEND_BACK, None,
    C.GROUP, C.UNGROUP, C.LOCK, C.HIDE,
)
ALIGN_ENTRIES: tuple[CommandId | None, ...] = (
    C.ALIGN_LEFT, C.ALIGN_HCENTER, C.ALIGN_RIGHT, None, C.ALIGN_TOP, C.ALIGN_VCENTER, C.ALIGN_BOTTOM, None,
    C.DISTRIBUTE_H, C.DISTRIBUTE_V,
)
CANVAS_ENTRIES: tuple[CommandId, ...] = (C.PASTE, C.SELECT_ALL)
#: "Add here" entries: (insert-tool kind, title, icon).
INSERT_ENTRIES = (
    ("text", QT_TRANSLATE_NOOP("ContextMenu", "Add Text Here"), "tool-text"),
    ("image", QT_TRANSLATE_NOOP("ContextMenu", "Add Image Here…"), "tool-image"),
    ("qr", QT_TRANSLATE_NOOP("ContextMenu", "Add QR Code Here…"), "tool-qr"),
    ("rect", QT_TRANSLATE_NOOP("ContextMenu", "Add Rectangle Here"), "tool-rect"),
    ("line", QT_TRANSLATE_NOOP("ContextMenu", "Add Line Here"), "tool-line"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContextMenu", text)


def _add(menu: QMenu, window, entries) -> None:
    for cid in entries:
        if cid is None:
            menu.addSeparator()
        else:
            menu.addAction(window.actions_by_id[cid])


def build_context_menu(window, scene_pos: QPointF) -> QMenu:
    """The right-click menu at ``scene_pos`` (see the module docstring). The caller owns
    the menu (parented to the window; ``deleteLater`` it after use)."""
    scene = window.scene
    if _outside_editor(scene, scene_pos):
        scene.end_text_edit()
    item = scene.element_at(scene_pos, window.view.transform())
    menu = QMenu(window)
    menu.setObjectName("context-menu")
    if item is None:
        _canvas_menu(menu, window, scene_pos)
        return menu
    editor = scene.editor
    if editor is not None and editor.item is item:   # in the text being edited: text commands
        if _finding_entries(menu, window, scene_pos):
            menu.addSeparator()
        _text_entries(menu, editor)
        return menu
    if item.element_id not in scene.selected_ids():
        scene.select_ids([item.element_id])      # the whole group, as a left click would
    if _finding_entries(menu, window, scene_pos):
        menu.addSeparator()
    _add(menu, window, ELEMENT_ENTRIES)
    menu.addSeparator()
    align = menu.addMenu(resources.icon("align-left"), _tr("Align"))
    align.setObjectName("context-menu-align")
    _add(align, window, ALIGN_ENTRIES)
    return menu


def _outside_editor(scene, scene_pos: QPointF) -> bool:
    """Whether a text box is being edited and the click is not in it (then editing ends,
    as with a left click elsewhere)."""
    ed = scene.editor
    return ed is not None and ed.item.offset_at(scene_pos) is None


def _finding_entries(menu: QMenu, window, scene_pos: QPointF) -> bool:
    """The flagged wording (or QR code) under the pointer: its entries from the live check."""
    service = window.live_presenter
    if service is None:
        return False
    hit = service.finding_at(scene_pos)
    if hit is None:
        return False
    item, finding = hit
    message = localized_message(finding)
    title = menu.addAction(_clip(f"“{_clip(finding.text, 32)}” — {message}", 72))
    title.setObjectName("context-finding-title")
    title.setToolTip(message)
    title.setEnabled(False)
    explain = menu.addAction(_tr("Explain…"))
    explain.setObjectName("context-finding-explain")
    explain.triggered.connect(lambda _c=False: service.show_card(finding, item))
    if finding.suggestion and service.can_apply(finding):
        apply = menu.addAction(_tr("Apply suggestion"))
        apply.setObjectName("context-finding-apply")
        apply.setToolTip(finding.suggestion)
        apply.triggered.connect(lambda _c=False: service.apply_suggestion(finding))
    if service.card is not None:
        ignore = menu.addAction(_tr("Ignore once…"))
        ignore.setObjectName("context-finding-ignore")

        def ask_and_ignore(_c=False) -> None:
            reason = service.card.ask_reason()
            if reason:
                service.ignore_once(finding, reason)
        ignore.triggered.connect(ask_and_ignore)
    return True


def _text_entries(menu: QMenu, editor) -> None:
    """Cut, Copy, Paste and Select All on the text being edited (the element commands of the
    same names act on whole elements and stand aside while text is edited)."""
    clipboard = QGuiApplication.clipboard()
    has_selection = bool(editor.selected_text())
    for name, title, key, slot, enabled in (   # the editor's own methods, as its keys use
            ("cut", "Cu&t", QKeySequence.Cut, editor.cut, has_selection),
            ("copy", "&Copy", QKeySequence.Copy, editor.copy, has_selection),
            ("paste", "&Paste", QKeySequence.Paste, editor.paste, bool(clipboard.text())),
            ("select-all", "Select &All", QKeySequence.SelectAll, editor.select_all, True)):
        act = menu.addAction(QCoreApplication.translate("Actions", title))
        act.setObjectName(f"context-text-{name}")
        act.setShortcut(QKeySequence(key))          # shown as a reminder; the editor handles the keys
        act.setShortcutContext(Qt.WidgetShortcut)
        act.setEnabled(enabled)
        act.triggered.connect(lambda _c=False, f=slot: f())


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _canvas_menu(menu: QMenu, window, scene_pos: QPointF) -> None:
    _add(menu, window, CANVAS_ENTRIES)
    menu.addSeparator()
    for kind, title, icon in INSERT_ENTRIES:
        act = menu.addAction(resources.icon(icon), _tr(title))
        act.setObjectName(f"context-add-{kind}")
        act.triggered.connect(lambda _c=False, k=kind: insert_at(window, k, scene_pos))


def insert_at(window, kind: str, scene_pos: QPointF) -> None:
    """Add a ``kind`` element with its default size at ``scene_pos`` (top-left; an image is
    centred there), exactly as a click with that insert tool would."""
    tool = InsertTool(window.scene, window, kind)
    if kind == "line":
        tool.create_line(QLineF(scene_pos, scene_pos + QPointF(mm(40), 0)))
    else:
        tool.create(scene_pos, None)
