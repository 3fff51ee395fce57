"""The designer's actions as data: one ``CommandId`` per user command, one ``ActionSpec`` each.

``ACTIONS`` is read once, when ``ActionRegistry.build(target)`` creates the QActions for a
window: changing the tuple at runtime has no effect on windows already built. The window
passes its handlers as bound methods (``{CommandId.SAVE: window.files.save, ...}``), one for
every spec; a spec without one is an error when the window is built. Titles are marked with ``QT_TRANSLATE_NOOP("Actions", ...)`` and
translated when the QAction is built; shortcuts are a separate table (``SHORTCUTS``).

Enablement is a named condition (``Enable``) evaluated by ``ActionRegistry.update(state)``
with a dict of booleans the window computes after each selection or document change.

Other modules add actions through ``MainWindow.add_action(...)`` (the export and settings
dialogs and the batch window do so from their ``install(window)``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from app.ui import resources


class CommandId(str, Enum):
    # file
    NEW = "cardwise:file:new"
    OPEN = "cardwise:file:open"
    SAVE = "cardwise:file:save"
    SAVE_AS = "cardwise:file:save-as"
    EXPORT = "cardwise:file:export"
    BATCH = "cardwise:file:batch-check"
    QUIT = "cardwise:file:quit"
    # edit
    UNDO = "cardwise:edit:undo"
    REDO = "cardwise:edit:redo"
    DUPLICATE = "cardwise:edit:duplicate"
    DELETE = "cardwise:edit:delete"
    SELECT_ALL = "cardwise:edit:select-all"
    CUT = "cardwise:edit:cut"
    COPY = "cardwise:edit:copy"
    PASTE = "cardwise:edit:paste"
    LOCK = "cardwise:edit:lock"
    HIDE = "cardwise:edit:hide"
    UNLOCK_ALL = "cardwise:edit:unlock-all"
    SETTINGS = "cardwise:edit:settings"
    EXPLAIN = "cardwise:edit:explain-finding"
    # tools
    TOOL_SELECT = "cardwise:tool:select"
    TOOL_TEXT = "cardwise:tool:text"
    TOOL_IMAGE = "cardwise:tool:image"
    TOOL_QR = "cardwise:tool:qr"
    TOOL_RECT = "cardwise:tool:rect"
    TOOL_LINE = "cardwise:tool:line"
    # arrange
    ALIGN_LEFT = "cardwise:arrange:align-left"
    ALIGN_HCENTER = "cardwise:arrange:align-hcenter"
    ALIGN_RIGHT = "cardwise:arrange:align-right"
    ALIGN_TOP = "cardwise:arrange:align-top"
    ALIGN_VCENTER = "cardwise:arrange:align-vcenter"
    ALIGN_BOTTOM = "cardwise:arrange:align-bottom"
    DISTRIBUTE_H = "cardwise:arrange:distribute-h"
    DISTRIBUTE_V = "cardwise:arrange:distribute-v"
    BRING_FRONT = "cardwise:arrange:bring-front"
    RAISE = "cardwise:arrange:raise"
    LOWER = "cardwise:arrange:lower"
    SEND_BACK = "cardwise:arrange:send-back"
    GROUP = "cardwise:arrange:group"
    UNGROUP = "cardwise:arrange:ungroup"
    # view
    ZOOM_IN = "cardwise:view:zoom-in"
    ZOOM_OUT = "cardwise:view:zoom-out"
    ZOOM_FIT = "cardwise:view:zoom-fit"
    ZOOM_ACTUAL = "cardwise:view:zoom-actual"
    SIDE_FRONT = "cardwise:view:side-front"
    SIDE_BACK = "cardwise:view:side-back"
    SHOW_GUIDES = "cardwise:view:show-guides"
    SNAP = "cardwise:view:snap"


class Enable(str, Enum):
    ALWAYS = "always"
    SELECTION = "selection"            # at least one element selected
    UNLOCKED = "unlocked"              # at least one selected element is not locked
    TWO = "two"                        # two or more unlocked elements selected
    THREE = "three"                    # three or more unlocked elements selected
    TWO_SIDED = "two_sided"            # the card has a back side
    CLIPBOARD = "clipboard"            # the clipboard holds Cardwise elements
    GROUPABLE = "groupable"            # two or more elements selected, not already one group
    GROUPED = "grouped"                # the selection holds a group
    PICKED = "picked"                  # elements selected on the canvas or in the Elements panel


@dataclass(frozen=True)
class ActionSpec:
    id: CommandId
    title: str
    icon: str | None = None          # a resources.icon name
    menu: str = ""                   # "file", "edit", "insert", "arrange", "view"
    group: str = ""                  # checkable actions with the same group are exclusive
    checkable: bool = False
    checked: bool = False
    enable: Enable = Enable.ALWAYS
    tip: str = ""


_T = QT_TRANSLATE_NOOP
C = CommandId

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(C.NEW, _T("Actions", "&New from Template…"), "file-new", "file"),
    ActionSpec(C.OPEN, _T("Actions", "&Open…"), "file-open", "file"),
    ActionSpec(C.SAVE, _T("Actions", "&Save"), "file-save", "file"),
    ActionSpec(C.SAVE_AS, _T("Actions", "Save &As…"), None, "file"),
    ActionSpec(C.QUIT, _T("Actions", "&Quit"), None, "file"),
    ActionSpec(C.CUT, _T("Actions", "Cu&t"), None, "edit", enable=Enable.UNLOCKED),
    ActionSpec(C.COPY, _T("Actions", "&Copy"), None, "edit", enable=Enable.SELECTION),
    ActionSpec(C.PASTE, _T("Actions", "&Paste"), None, "edit", enable=Enable.CLIPBOARD),
    ActionSpec(C.DUPLICATE, _T("Actions", "D&uplicate"), "duplicate", "edit",
               enable=Enable.SELECTION),
    ActionSpec(C.DELETE, _T("Actions", "&Delete"), "delete", "edit", enable=Enable.UNLOCKED),
    ActionSpec(C.SELECT_ALL, _T("Actions", "Select &All"), None, "edit"),
    ActionSpec(C.LOCK, _T("Actions", "&Lock / Unlock"), "lock", "edit", enable=Enable.SELECTION),
    ActionSpec(C.HIDE, _T("Actions", "&Hide / Show"), None, "edit", enable=Enable.PICKED),
    ActionSpec(C.UNLOCK_ALL, _T("Actions", "Unlock All on This Side"), None, "edit"),
    ActionSpec(C.TOOL_SELECT, _T("Actions", "Select"), "tool-select", "insert",
               group="tool", checkable=True, checked=True, tip=_T("Actions", "Select, move and resize (V)")),
    ActionSpec(C.TOOL_TEXT, _T("Actions", "Text"), "tool-text", "insert", group="tool",
               checkable=True, tip=_T("Actions", "Draw a text box (T)")),
    ActionSpec(C.TOOL_IMAGE, _T("Actions", "Image…"), "tool-image", "insert", group="tool",
               checkable=True, tip=_T("Actions", "Place an image; you can also drop an image file on the card (I)")),
    ActionSpec(C.TOOL_QR, _T("Actions", "QR Code"), "tool-qr", "insert", group="tool",
               checkable=True, tip=_T("Actions", "Draw a QR code (Q)")),
    ActionSpec(C.TOOL_RECT, _T("Actions", "Rectangle"), "tool-rect", "insert", group="tool",
               checkable=True, tip=_T("Actions", "Draw a rectangle (R)")),
    ActionSpec(C.TOOL_LINE, _T("Actions", "Line"), "tool-line", "insert", group="tool",
               checkable=True, tip=_T("Actions", "Draw a line (L)")),
    ActionSpec(C.ALIGN_LEFT, _T("Actions", "Align Left"), "align-left", "arrange",
               enable=Enable.UNLOCKED),
    ActionSpec(C.ALIGN_HCENTER, _T("Actions", "Align Centres Horizontally"), "align-hcenter",
               "arrange", enable=Enable.UNLOCKED),
    ActionSpec(C.ALIGN_RIGHT, _T("Actions", "Align Right"), "align-right", "arrange",
               enable=Enable.UNLOCKED),
    ActionSpec(C.ALIGN_TOP, _T("Actions", "Align Top"), "align-top", "arrange", enable=Enable.UNLOCKED),
    ActionSpec(C.ALIGN_VCENTER, _T("Actions", "Align Centres Vertically"), "align-vcenter",
               "arrange", enable=Enable.UNLOCKED),
    ActionSpec(C.ALIGN_BOTTOM, _T("Actions", "Align Bottom"), "align-bottom", "arrange",
               enable=Enable.UNLOCKED),
    ActionSpec(C.DISTRIBUTE_H, _T("Actions", "Distribute Horizontally"), "distribute-h",
               "arrange", enable=Enable.THREE),
    ActionSpec(C.DISTRIBUTE_V, _T("Actions", "Distribute Vertically"), "distribute-v",
               "arrange", enable=Enable.THREE),
    ActionSpec(C.BRING_FRONT, _T("Actions", "Bring to Front"), "bring-front", "arrange",
               enable=Enable.SELECTION),
    ActionSpec(C.RAISE, _T("Actions", "Bring Forward"), None, "arrange", enable=Enable.SELECTION),
    ActionSpec(C.LOWER, _T("Actions", "Send Backward"), None, "arrange", enable=Enable.SELECTION),
    ActionSpec(C.SEND_BACK, _T("Actions", "Send to Back"), "send-back", "arrange",
               enable=Enable.SELECTION),
    ActionSpec(C.GROUP, _T("Actions", "&Group"), None, "arrange", enable=Enable.GROUPABLE),
    ActionSpec(C.UNGROUP, _T("Actions", "&Ungroup"), None, "arrange", enable=Enable.GROUPED),
    ActionSpec(C.ZOOM_IN, _T("Actions", "Zoom &In"), "zoom-in", "view"),
    ActionSpec(C.ZOOM_OUT, _T("Actions", "Zoom &Out"), "zoom-out", "view"),
    ActionSpec(C.ZOOM_FIT, _T("Actions", "&Fit Card in Window"), "zoom-fit", "view"),
    ActionSpec(C.ZOOM_ACTUAL, _T("Actions", "&Actual Size (100 %)"), "zoom-actual", "view"),
    ActionSpec(C.SIDE_FRONT, _T("Actions", "Front Side"), "side-front", "view", group="side",
               checkable=True, checked=True),
    ActionSpec(C.SIDE_BACK, _T("Actions", "Back Side"), "side-back", "view", group="side",
               checkable=True, enable=Enable.TWO_SIDED),
    ActionSpec(C.SHOW_GUIDES, _T("Actions", "Show Safe-Zone Guides"), None, "view",
               checkable=True, checked=True),
    ActionSpec(C.SNAP, _T("Actions", "Snap to Guides and Elements"), None, "view",
               checkable=True, checked=True),
)

_S = QKeySequence.StandardKey
SHORTCUTS: dict[CommandId, object] = {
    C.NEW: _S.New, C.OPEN: _S.Open, C.SAVE: _S.Save, C.SAVE_AS: _S.SaveAs, C.QUIT: _S.Quit,
    C.UNDO: _S.Undo, C.REDO: _S.Redo, C.CUT: _S.Cut, C.COPY: _S.Copy, C.PASTE: _S.Paste,
    C.DUPLICATE: "Ctrl+D", C.DELETE: _S.Delete, C.SELECT_ALL: _S.SelectAll, C.LOCK: "Ctrl+L",
    C.TOOL_SELECT: "V", C.TOOL_TEXT: "T", C.TOOL_IMAGE: "I", C.TOOL_QR: "Q", C.TOOL_RECT: "R", C.TOOL_LINE: "L",
    C.HIDE: "Ctrl+Shift+H", C.GROUP: "Ctrl+G", C.UNGROUP: "Ctrl+Shift+G",
    C.BRING_FRONT: "Ctrl+Shift+]", C.RAISE: "Ctrl+]", C.LOWER: "Ctrl+[", C.SEND_BACK: "Ctrl+Shift+[",
    C.ZOOM_IN: _S.ZoomIn, C.ZOOM_OUT: _S.ZoomOut, C.ZOOM_FIT: "Ctrl+0", C.ZOOM_ACTUAL: "Ctrl+1",
    C.SIDE_FRONT: "Ctrl+Shift+1", C.SIDE_BACK: "Ctrl+Shift+2",
    C.EXPORT: "Ctrl+E", C.BATCH: "Ctrl+Shift+B", C.SETTINGS: "Ctrl+,", C.EXPLAIN: "Ctrl+.",
}

# Keys a command answers to besides its SHORTCUTS entry, whatever the platform's standard
# bindings hold: redo is Ctrl+Shift+Z in Canva, Affinity and macOS apps and Ctrl+Y in Windows
# apps, and sellers come from both.
EXTRA_SHORTCUTS: dict[CommandId, tuple[str, ...]] = {
    C.REDO: ("Ctrl+Shift+Z", "Ctrl+Y"),
}


def key_sequences(command: CommandId) -> list[QKeySequence]:
    """Every key sequence ``command`` answers to: its SHORTCUTS entry (all of the platform's
    bindings for a standard key, the first one shown in menus), then ``EXTRA_SHORTCUTS``."""
    shortcut = SHORTCUTS.get(command)
    if shortcut is None:
        keys: list[QKeySequence] = []
    elif isinstance(shortcut, QKeySequence.StandardKey):
        keys = list(QKeySequence.keyBindings(shortcut))
    else:
        keys = [QKeySequence(shortcut)]
    for extra in EXTRA_SHORTCUTS.get(command, ()):
        seq = QKeySequence(extra)
        if seq not in keys:
            keys.append(seq)
    return keys


@dataclass(frozen=True)
class ServiceActionSpec:
    """A menu action whose handler belongs to a designer service (export dialog, settings,
    batch window, live check), declared here with its shortcut like every other action; the
    service builds it with :func:`service_action` in its ``install(window)`` and connects it."""

    id: CommandId
    context: str          # translation context of the title (the service's own)
    title: str
    menu: str             # object name of the menu it goes in
    role: QAction.MenuRole = QAction.MenuRole.NoRole


SERVICE_ACTIONS: dict[CommandId, ServiceActionSpec] = {
    C.EXPORT: ServiceActionSpec(C.EXPORT, "ExportDialog", _T("ExportDialog", "Export…"), "menu-file"),
    C.BATCH: ServiceActionSpec(C.BATCH, "BatchWindow", _T("BatchWindow", "Batch check…"), "menu-file"),
    C.SETTINGS: ServiceActionSpec(C.SETTINGS, "Settings", _T("Settings", "Settings…"), "menu-edit",
                                  QAction.MenuRole.PreferencesRole),
    C.EXPLAIN: ServiceActionSpec(C.EXPLAIN, "LiveCheck", _T("LiveCheck", "Explain Finding at Cursor"), "menu-edit"),
}


def service_action(command: CommandId, parent) -> QAction:
    """The QAction of a service's command (``SERVICE_ACTIONS``): translated title, object name
    (the command id), shortcut (``SHORTCUTS``) and menu role; the caller connects and places it."""
    from app.ui.i18n import translate

    spec = SERVICE_ACTIONS[command]
    act = QAction(translate(spec.context, spec.title), parent)
    act.setObjectName(spec.id.value)
    act.setShortcut(QKeySequence(SHORTCUTS[command]))
    act.setMenuRole(spec.role)
    return act


class ActionRegistry:
    """Builds QActions from ``ACTIONS`` for one window and keeps their enablement current."""

    def __init__(self) -> None:
        self.actions: dict[CommandId, QAction] = {}
        self.specs: dict[CommandId, ActionSpec] = {}
        self.groups: dict[str, QActionGroup] = {}

    def build(self, parent: QObject, handlers: Mapping[CommandId, Callable[..., object]],
              specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[CommandId, QAction]:
        """QActions owned by ``parent``, each triggering (or, checkable outside a group,
        toggling) its handler from ``handlers``."""
        missing = [spec.id.value for spec in specs if spec.id not in handlers]
        if missing:
            raise ValueError(f"no handler for the action(s) {', '.join(missing)}")
        for spec in specs:
            act = QAction(QCoreApplication.translate("Actions", spec.title), parent)
            act.setObjectName(spec.id.value)
            if spec.icon:
                act.setIcon(resources.icon(spec.icon))
            shortcut = SHORTCUTS.get(spec.id)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            self._set_texts(spec, act)
            if spec.checkable:
                act.setCheckable(True)
                act.setChecked(spec.checked)
            if spec.group:
                group = self.groups.get(spec.group)
                if group is None:
                    group = self.groups[spec.group] = QActionGroup(parent)
                    group.setExclusive(True)
                group.addAction(act)
            handler = handlers[spec.id]
            if spec.checkable and not spec.group:
                act.toggled.connect(handler)
            else:
                act.triggered.connect(lambda _checked=False, h=handler: h())
            self.actions[spec.id] = act
            self.specs[spec.id] = spec
        return self.actions

    @staticmethod
    def _set_texts(spec: ActionSpec, act: QAction) -> None:
        """Title, tool tip and status tip in the current language (the tip of an action without
        one of its own is its title with the shortcut: "Save  (Ctrl+S)")."""
        act.setText(QCoreApplication.translate("Actions", spec.title))
        tip = QCoreApplication.translate("Actions", spec.tip) if spec.tip else act.text().replace("&", "")
        if not spec.tip and act.shortcut().toString():
            tip = f"{tip}  ({act.shortcut().toString(QKeySequence.NativeText)})"
        act.setToolTip(tip)
        act.setStatusTip(tip)

    def retranslate(self) -> None:
        """Re-read every action's title and tips in the current language (a live switch)."""
        for cid, spec in self.specs.items():
            self._set_texts(spec, self.actions[cid])

    def __getitem__(self, cid: CommandId) -> QAction:
        return self.actions[cid]

    def in_menu(self, menu: str) -> list[QAction]:
        return [self.actions[s.id] for s in self.specs.values() if s.menu == menu]

    def update(self, state: dict[Enable, bool]) -> None:
        """Enable each action whose condition holds in ``state`` (ALWAYS is always true)."""
        for cid, spec in self.specs.items():
            ok = True if spec.enable is Enable.ALWAYS else bool(state.get(spec.enable, False))
            self.actions[cid].setEnabled(ok)
