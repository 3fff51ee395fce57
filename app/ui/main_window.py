"""The designer's main window: menus, tool bars and docks built from the action table.

``MainWindow(document, undo_stack, qsettings=..., settings=..., data_dir=..., path=None)`` is built by the
composition root (``app.ui.application``) or by a test, each with fresh instances. It holds
no business logic: action handlers turn the selection into undo commands
(``app.ui.commands``), file commands live in ``FileController`` (``app.ui.files``), and the
canvas follows the model.

Interface for other designer modules (the live checker, export and settings dialogs, the
batch window attach through ``install(window)``):

* ``document``, ``undo_stack``, ``scene`` (CardScene), ``view`` (CanvasView),
  ``status_bar`` (QStatusBar), ``current_path`` (Path | None), ``settings`` (Settings),
  ``extensions`` (list of ``Extension``: each installed service appends itself and its
  ``shutdown()`` is called on close);
* ``add_dock(widget, area, title) -> QDockWidget`` and ``add_action(action, menu)``;
* ``select_element(element_id, side=None)`` switches side when needed and selects it;
* signals ``document_changed(object)`` (a different document was loaded, or the side was
  switched so the canvas items were rebuilt), ``text_edited(str)`` (element id),
  ``selection_changed()``;
* menus have object names ``menu-file``, ``menu-edit``, ``menu-insert``, ``menu-arrange``,
  ``menu-view``; actions have their ``CommandId`` value as object name.
"""
from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QMimeData, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStatusBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.errors import CardwiseError
from app.model import Document, Element
from app.model.elements import ImageElement, QrElement, TextBox, fresh_groups
from app.model.text_clip import MIME_TYPE as TEXT_CLIP_MIME
from app.model.units import format_length
from app.ui import resources
from app.ui.actions import ActionRegistry, CommandId, Enable, key_sequences
from app.ui.canvas.guides import qrect as guides_qrect
from app.ui.canvas.scene import CardScene
from app.ui.canvas.tools import IMAGE_SUFFIXES, InsertTool, SelectTool, place_image
from app.ui.canvas.view import CanvasView
from app.ui.commands import (
    AddElements,
    MoveElements,
    RemoveElements,
    Reorder,
    SetGuides,
    SetProperty,
    align_command,
    arrange_units,
    distribute_command,
    duplicate_command,
    elements_label,
    group_command,
    lock_command,
    new_token,
    ungroup_command,
    user_guides,
)
from app.ui.files import FileController
from app.ui.panels.layers import LayersPanel
from app.ui.panels.properties import PropertiesPanel, describe_spec
from app.ui.settings import Settings

if TYPE_CHECKING:
    from app.verdict import Judge

log = logging.getLogger(__name__)

CLIPBOARD_MIME = "application/x-cardwise-elements"
DEFAULT_SIZE = QSize(1400, 900)


def _plain_text(el: Element) -> str:
    """What a copied element leaves as plain text for other applications."""
    if isinstance(el, TextBox):
        return el.text
    if isinstance(el, QrElement):
        return el.payload
    return ""


def release_clipboard() -> None:
    """Hand the clipboard back to Qt before the application ends.

    Copied elements (and text copied with its look in the inline editor) sit on the
    clipboard in a QMimeData built here; if it is still there when the QApplication is
    destroyed, PySide tears it down twice (a crash at exit). Keeping only the plain-text form avoids that and leaves other applications something to paste.
    """
    clip = QGuiApplication.clipboard()
    mime = clip.mimeData()
    if mime is not None and (mime.hasFormat(CLIPBOARD_MIME) or mime.hasFormat(TEXT_CLIP_MIME)):
        text = mime.text()
        if text:
            clip.setText(text)
        else:
            clip.clear()


class Extension(Protocol):
    """A designer service installed on the window (``window.extensions``)."""

    def shutdown(self) -> None:
        """Stop timers and threads; called once when the window closes."""


class MainWindow(QMainWindow):
    document_changed = Signal(object)
    text_edited = Signal(str)
    selection_changed = Signal()
    live_check = None   # the LiveCheckService once app.ui.live_check.install(window) ran
    live_presenter = None   # its LivePresenter (underlines, panel, light, hover card)
    panels_menu: QMenu | None = None   # View › Panels, once the menus are built
    zoom_label: QLabel | None = None   # the tool bar's zoom figure, once it is built

    def __init__(self, document: Document, undo_stack, *, qsettings, settings: Settings | None = None,
                 data_dir: Path | None = None, path: Path | None = None, fonts=None,
                 unit: str = "mm", judge_factory: Callable[[str], Judge] | None = None) -> None:
        super().__init__()
        #: ``profile → app.verdict.Judge`` for the live check and the export gate (the designer
        #: passes its checker process's; None: a checker in this process)
        self.judge_factory = judge_factory
        self.document = document
        self.undo_stack = undo_stack
        self.qsettings = qsettings
        # the user's typed preferences over the same store (one per window)
        self.settings: Settings = settings if settings is not None else Settings(qsettings)
        self.settings.setParent(self)
        self.extensions: list[Extension] = []
        self._shut_down = False
        self.unit = unit
        self.setObjectName("cardwise-main-window")
        self.setWindowIcon(resources.app_icon())
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks)
        self.resize(DEFAULT_SIZE)

        self.scene = CardScene(document, undo_stack, fonts=fonts, parent=self)
        self.view = CanvasView(self.scene, unit=unit)
        self.setCentralWidget(self.view)
        self.files = FileController(self, qsettings, data_dir)
        self.files.path = Path(path) if path else None

        self.properties = PropertiesPanel(undo_stack, unit=unit, fonts=fonts)
        self.properties.set_document(document)
        self.properties.set_canvas(self.scene)   # formatting applies to selected characters
        self.properties.message.connect(lambda m: self.status_bar.showMessage(m, 8000))
        self.properties_dock = self.add_dock(self.properties, Qt.RightDockWidgetArea, self.tr("Properties"))
        self.resizeDocks([self.properties_dock], [350], Qt.Horizontal)

        self.layers = LayersPanel(self.scene, undo_stack)
        self.layers_dock = self.add_dock(self.layers, Qt.RightDockWidgetArea, self.tr("Elements"))
        self.resizeDocks([self.properties_dock, self.layers_dock], [560, 220], Qt.Vertical)

        self.registry = ActionRegistry()
        self.actions_by_id = self.registry.build(self, self._action_handlers())
        self._build_undo_actions()
        self._build_menus()
        self._build_toolbars()
        self._build_status_bar()

        self.select_tool = SelectTool(self.scene, self)
        self.scene.set_tool(self.select_tool)
        self._nudge_token: int | None = None
        self.scene.key_handler = self._scene_key

        self.scene.selection_ids_changed.connect(self._on_selection)
        self.scene.message.connect(lambda m: self.status_bar.showMessage(m, 8000))
        self.scene.text_edited.connect(self.text_edited)
        self.scene.side_changed.connect(self._on_side_changed)
        self.view.zoom_changed.connect(self._on_zoom)
        self.view.cursor_moved.connect(self._on_cursor)
        self.view.files_dropped.connect(self._on_files_dropped)
        self.view.guide_dropped.connect(self.add_guide)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.show_context_menu)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._on_index_changed)
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard_changed)
        self.files.path_changed.connect(lambda _p: self._update_title())
        self.files.recent_changed.connect(self._fill_recent_menu)
        self._doc_unsub = document.subscribe(self._on_doc_change)
        self._update_title()
        self._on_selection()
        self._fitted = False
        self._restore_layout()

    # --- construction ---------------------------------------------------------------------
    def _build_undo_actions(self) -> None:
        # built here rather than with QUndoStack.createUndoAction, whose "Undo"/"Redo" prefix is
        # fixed at creation: these follow a live language switch (retranslate)
        stack = self.undo_stack
        self.undo_action = QAction(resources.icon("undo"), "", self)
        self.undo_action.setShortcuts(key_sequences(CommandId.UNDO))
        self.undo_action.setObjectName(CommandId.UNDO.value)
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action = QAction(resources.icon("redo"), "", self)
        self.redo_action.setShortcuts(key_sequences(CommandId.REDO))
        self.redo_action.setObjectName(CommandId.REDO.value)
        self.redo_action.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self._update_undo_actions)
        stack.canRedoChanged.connect(self._update_undo_actions)
        stack.undoTextChanged.connect(self._update_undo_actions)
        stack.redoTextChanged.connect(self._update_undo_actions)
        self._undo_state: tuple | None = None   # what Undo/Redo were last set from
        self._update_undo_actions()

    def _update_undo_actions(self, *_args) -> None:
        """Edit › Undo/Redo name the step they take ("Undo Duplicate"), in the current language."""
        stack = self.undo_stack
        state = (stack.canUndo(), stack.undoText(), stack.canRedo(), stack.redoText())
        if state == self._undo_state:
            return   # a typed key merges into the same step and fires this four times
        self._undo_state = state
        for action, can, step, plain, named in (
                (self.undo_action, stack.canUndo(), stack.undoText(), self.tr("Undo"), self.tr("Undo %1")),
                (self.redo_action, stack.canRedo(), stack.redoText(), self.tr("Redo"), self.tr("Redo %1"))):
            text = named.replace("%1", step) if can and step else plain
            tip = f"{text}  ({action.shortcut().toString(QKeySequence.NativeText)})"
            if (action.isEnabled(), action.text(), action.toolTip()) == (can, text, tip):
                continue   # typing fires this four times a key; re-setting relays out menu and toolbar
            action.setEnabled(can)
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(text)

    def _action_handlers(self) -> dict[CommandId, Callable[..., object]]:
        """The bound method each ``ACTIONS`` entry runs."""
        C = CommandId
        return {
            C.NEW: self.files.new_from_gallery, C.OPEN: self.files.open_dialog, C.SAVE: self.files.save,
            C.SAVE_AS: self.files.save_as, C.QUIT: self.close, C.CUT: self.cut_selection,
            C.COPY: self.copy_selection, C.PASTE: self.paste, C.DUPLICATE: self.duplicate_selection,
            C.DELETE: self.delete_selection, C.SELECT_ALL: self.select_all, C.LOCK: self.toggle_lock,
            C.HIDE: self.layers.toggle_hidden, C.UNLOCK_ALL: self.unlock_all,
            C.TOOL_SELECT: self.set_tool_select, C.TOOL_TEXT: self.set_tool_text,
            C.TOOL_IMAGE: self.set_tool_image, C.TOOL_QR: self.set_tool_qr, C.TOOL_RECT: self.set_tool_rect,
            C.TOOL_LINE: self.set_tool_line, C.ALIGN_LEFT: self.align_left,
            C.ALIGN_HCENTER: self.align_hcenter, C.ALIGN_RIGHT: self.align_right, C.ALIGN_TOP: self.align_top,
            C.ALIGN_VCENTER: self.align_vcenter, C.ALIGN_BOTTOM: self.align_bottom,
            C.DISTRIBUTE_H: self.distribute_h, C.DISTRIBUTE_V: self.distribute_v,
            C.BRING_FRONT: self.bring_front, C.RAISE: self.raise_selection, C.LOWER: self.lower_selection,
            C.SEND_BACK: self.send_back, C.GROUP: self.group_selection, C.UNGROUP: self.ungroup_selection,
            C.ZOOM_IN: self.view.zoom_in, C.ZOOM_OUT: self.view.zoom_out, C.ZOOM_FIT: self.zoom_fit,
            C.ZOOM_ACTUAL: self.view.zoom_actual, C.SIDE_FRONT: self.show_front, C.SIDE_BACK: self.show_back,
            C.SHOW_GUIDES: self.set_show_guides, C.SNAP: self.set_snapping,
        }

    def retranslate(self) -> None:
        """After a live language switch: the texts this window composes itself (action tips with
        their shortcut, Undo/Redo with the step they take)."""
        self.registry.retranslate()
        self._undo_state = None
        self._update_undo_actions()
        # lay the window out for the new texts now: Chinese menu titles are a pixel taller, and
        # until the posted relayout runs the menu bar is too short for them and hides them all
        # (a grab or screenshot taken right after the switch showed an empty menu bar)
        self.layout().activate()

    def _menu(self, title: str, name: str) -> QMenu:
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(name)
        return menu

    def _build_menus(self) -> None:
        a = self.actions_by_id
        C = CommandId
        file_menu = self._menu(self.tr("&File"), "menu-file")
        for cid in (C.NEW, C.OPEN):
            file_menu.addAction(a[cid])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("menu-recent")
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addAction(a[C.SAVE])
        file_menu.addAction(a[C.SAVE_AS])
        file_menu.addSeparator()
        a[C.QUIT].setMenuRole(QAction.QuitRole)
        a[C.QUIT].setObjectName("action-quit")
        file_menu.addAction(a[C.QUIT])

        edit = self._menu(self.tr("&Edit"), "menu-edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        for cid in (C.CUT, C.COPY, C.PASTE, C.DUPLICATE, C.DELETE):
            edit.addAction(a[cid])
        edit.addSeparator()
        edit.addAction(a[C.SELECT_ALL])
        edit.addAction(a[C.LOCK])
        edit.addAction(a[C.HIDE])
        edit.addAction(a[C.UNLOCK_ALL])

        insert = self._menu(self.tr("&Insert"), "menu-insert")
        for cid in (C.TOOL_SELECT, C.TOOL_TEXT, C.TOOL_IMAGE, C.TOOL_QR, C.TOOL_RECT, C.TOOL_LINE):
            insert.addAction(a[cid])

        arrange = self._menu(self.tr("&Arrange"), "menu-arrange")
        align = arrange.addMenu(self.tr("&Align"))
        align.setObjectName("menu-align")
        for cid in (C.ALIGN_LEFT, C.ALIGN_HCENTER, C.ALIGN_RIGHT):
            align.addAction(a[cid])
        align.addSeparator()
        for cid in (C.ALIGN_TOP, C.ALIGN_VCENTER, C.ALIGN_BOTTOM):
            align.addAction(a[cid])
        arrange.addAction(a[C.DISTRIBUTE_H])
        arrange.addAction(a[C.DISTRIBUTE_V])
        arrange.addSeparator()
        arrange.addAction(a[C.GROUP])
        arrange.addAction(a[C.UNGROUP])
        arrange.addSeparator()
        for cid in (C.BRING_FRONT, C.RAISE, C.LOWER, C.SEND_BACK):
            arrange.addAction(a[cid])

        view = self._menu(self.tr("&View"), "menu-view")
        for cid in (C.ZOOM_IN, C.ZOOM_OUT, C.ZOOM_FIT, C.ZOOM_ACTUAL):
            view.addAction(a[cid])
        view.addSeparator()
        view.addAction(a[C.SIDE_FRONT])
        view.addAction(a[C.SIDE_BACK])
        view.addSeparator()
        view.addAction(a[C.SHOW_GUIDES])
        view.addAction(a[C.SNAP])
        clear = view.addAction(self.tr("Clear Ruler Guides"))
        clear.setObjectName("cardwise:view:clear-guides")
        clear.triggered.connect(self.clear_guides)
        units = view.addMenu(self.tr("&Units"))
        units.setObjectName("menu-units")
        self.unit_group = QActionGroup(self)
        self.unit_actions: dict[str, QAction] = {}
        for u, label in (("mm", self.tr("Millimetres")), ("in", self.tr("Inches")), ("pt", self.tr("Points"))):
            act = units.addAction(label)
            act.setObjectName(f"cardwise:view:unit-{u}")
            act.setCheckable(True)
            act.setChecked(u == self.unit)
            act.triggered.connect(lambda _c=False, unit=u: self.set_unit(unit))
            self.unit_group.addAction(act)
            self.unit_actions[u] = act
        view.addSeparator()
        self.panels_menu = view.addMenu(self.tr("&Panels"))
        self.panels_menu.setObjectName("menu-panels")
        self.panels_menu.addAction(self.properties_dock.toggleViewAction())
        self.panels_menu.addAction(self.layers_dock.toggleViewAction())

    def _build_toolbars(self) -> None:
        a = self.actions_by_id
        C = CommandId
        main = QToolBar(self.tr("Main"))
        main.setObjectName("toolbar-main")
        main.setIconSize(QSize(22, 22))
        main.setMovable(False)
        for cid in (C.NEW, C.OPEN, C.SAVE):
            main.addAction(a[cid])
        main.addSeparator()
        main.addAction(self.undo_action)
        main.addAction(self.redo_action)
        main.addSeparator()
        for cid in (C.ALIGN_LEFT, C.ALIGN_HCENTER, C.ALIGN_RIGHT, C.ALIGN_TOP, C.ALIGN_VCENTER, C.ALIGN_BOTTOM,
                    C.DISTRIBUTE_H, C.DISTRIBUTE_V):
            main.addAction(a[cid])
        main.addSeparator()
        for cid in (C.BRING_FRONT, C.SEND_BACK, C.DUPLICATE, C.LOCK, C.DELETE):
            main.addAction(a[cid])
        main.addSeparator()
        for cid in (C.ZOOM_OUT, C.ZOOM_IN, C.ZOOM_FIT, C.ZOOM_ACTUAL):
            main.addAction(a[cid])
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(52)
        self.zoom_label.setAlignment(Qt.AlignCenter)
        main.addWidget(self.zoom_label)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy())
        main.addWidget(spacer)
        for cid in (C.SIDE_FRONT, C.SIDE_BACK):
            main.addAction(a[cid])
            btn = main.widgetForAction(a[cid])
            if isinstance(btn, QToolButton):
                btn.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.TopToolBarArea, main)
        self.main_toolbar = main

        tools = QToolBar(self.tr("Tools"))
        tools.setObjectName("tools")
        tools.setIconSize(QSize(24, 24))
        tools.setMovable(False)
        for cid in (C.TOOL_SELECT, C.TOOL_TEXT, C.TOOL_IMAGE, C.TOOL_QR, C.TOOL_RECT, C.TOOL_LINE):
            tools.addAction(a[cid])
        self.addToolBar(Qt.LeftToolBarArea, tools)
        self.tools_toolbar = tools

    def _build_status_bar(self) -> None:
        bar = QStatusBar()
        self.setStatusBar(bar)
        self.pos_label = QLabel()
        self.pos_label.setMinimumWidth(170)
        self.side_label = QLabel()
        self.spec_label = QLabel()
        for w in (self.spec_label, self.side_label, self.pos_label):
            w.setStyleSheet("color: #495057; padding: 0 6px;")
            bar.addPermanentWidget(w)
        self._update_status()

    # --- public interface -------------------------------------------------------------------
    @property
    def status_bar(self) -> QStatusBar:
        return self.statusBar()

    @property
    def current_path(self) -> Path | None:
        return self.files.path

    def add_dock(self, widget: QWidget, area=Qt.RightDockWidgetArea, title: str = "") -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{(widget.objectName() or title or 'panel').lower().replace(' ', '-')}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        if self.panels_menu is not None:   # docks added while building come before the menu
            self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def add_action(self, action: QAction, menu: str = "menu-file") -> None:
        """Add an extension's action to one of the window's menus (by object name)."""
        for m in self.menuBar().findChildren(QMenu):
            if m.objectName() == menu:
                m.addAction(action)
                return
        self.menuBar().addAction(action)

    def select_element(self, element_id: str, side: str | None = None) -> bool:
        """Select an element, switching to its side first when needed."""
        try:
            found_side, _ = self.document.find(element_id)
        except KeyError:
            return False
        target = side or found_side.name
        if target != self.scene.side:
            self.set_side(target)
        self.scene.select_ids([element_id])
        item = self.scene.item_for(element_id)
        if item is not None:
            self.view.ensureVisible(item.scene_box(), 40, 40)
        return True

    def set_document(self, document: Document) -> None:
        """Show another document (New, Open, recovery)."""
        self.scene.end_text_edit()
        if self._doc_unsub is not None:
            self._doc_unsub()
        self.document = document
        self.scene.set_document(document, "front")
        self.properties.set_document(document)
        self.layers.attach(document)
        self._doc_unsub = document.subscribe(self._on_doc_change)
        self.actions_by_id[CommandId.SIDE_FRONT].setChecked(True)
        self.zoom_fit()
        self._on_selection()
        self._update_status()
        self.document_changed.emit(document)

    def refresh_composed_texts(self) -> None:
        """After a live language switch: rebuild the texts the window composes itself (the
        selection's title in the properties panel, the card size in the status bar)."""
        self.scene.selection_ids_changed.emit()
        self._update_status()

    def commit_pending_edits(self) -> None:
        """Finish an inline text edit before saving (its typing is already in the model)."""
        self.scene.end_text_edit()

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        self.view.set_unit(unit)
        self.properties.set_unit(unit)
        if unit in self.unit_actions:
            self.unit_actions[unit].setChecked(True)
        self._update_status()
        if self.settings.unit != unit:
            self.settings.unit = unit

    # --- host interface for the canvas tools --------------------------------------------
    def ask_qr_payload(self, initial: str = "") -> str:
        """The QR payload: typed, or pasted (a link on the clipboard is offered)."""
        if not initial:
            clip = QGuiApplication.clipboard().text().strip()
            if clip and "\n" not in clip and len(clip) < 600:
                initial = clip
        text, ok = QInputDialog.getText(self, self.tr("QR Code"),
                                        self.tr("Link or text to encode (type or paste):"), text=initial)
        return text.strip() if ok else ""

    def ask_image_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Place Image"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.gif *.bmp *.webp)"))
        return path

    def tool_finished(self) -> None:
        self.actions_by_id[CommandId.TOOL_SELECT].setChecked(True)
        self.set_tool_select()

    def edit_element(self, element_id: str) -> None:
        """Double-click on a non-text element: QR asks for a new payload; others show the panel."""
        el = self.document.get(element_id)
        if el is None or el.locked:
            return
        if el.kind == "qr":
            payload = self.ask_qr_payload(el.payload)
            if payload and payload != el.payload:
                self._push(SetProperty(self.document, {el.id: payload}, "payload"))
            return
        self.properties_dock.show()
        self.properties_dock.raise_()

    # --- action handlers: tools --------------------------------------------------------------
    def _set_tool(self, tool) -> None:
        self.scene.end_text_edit()
        self.scene.set_tool(tool)
        self.view.setDragMode(CanvasView.RubberBandDrag if isinstance(tool, SelectTool) else CanvasView.NoDrag)

    def set_tool_select(self) -> None:
        self._set_tool(self.select_tool)

    def set_tool_text(self) -> None:
        self._set_tool(InsertTool(self.scene, self, "text"))

    def set_tool_image(self) -> None:
        """Place Image…: choose a file, then it lands in the middle of the card at 300 dpi."""
        self._set_tool(self.select_tool)
        path = self.ask_image_file()
        if path:
            centre = guides_qrect(self.document.spec.trim_rect).center()
            try:
                place_image(self.scene, Path(path), centre)
            except (CardwiseError, OSError) as exc:
                self.files.show_error(self.tr("Cannot Place Image"), str(exc))
        self.tool_finished()

    def set_tool_qr(self) -> None:
        self._set_tool(InsertTool(self.scene, self, "qr"))

    def set_tool_rect(self) -> None:
        self._set_tool(InsertTool(self.scene, self, "rect"))

    def set_tool_line(self) -> None:
        self._set_tool(InsertTool(self.scene, self, "line"))

    # --- action handlers: edit ---------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return self.scene.selected_ids()

    def _push(self, cmd) -> bool:
        if cmd is None:
            return False
        try:
            self.undo_stack.push(cmd)
        except CardwiseError as exc:
            self.status_bar.showMessage(str(exc), 8000)
            return False
        return True

    def _editing(self) -> bool:
        return self.scene.editor is not None

    def delete_selection(self) -> None:
        if self._editing():
            return
        ids = [i for i in self.selected_ids() if not self.document.get(i).locked]
        if ids:
            self._push(RemoveElements(self.document, ids))

    def duplicate_selection(self) -> None:
        cmd = duplicate_command(self.document, self.selected_ids())
        if self._push(cmd):
            self.scene.select_ids(cmd.ids)

    def select_all(self) -> None:
        if self._editing():
            self.scene.editor.select_all()
            return
        self.scene.select_ids(list(self.scene.items_by_id))

    def toggle_lock(self) -> None:
        self._push(lock_command(self.document, self.selected_ids()))
        self.scene.update()

    def unlock_all(self) -> None:
        ids = [e.id for e in self.document.side(self.scene.side).elements if e.locked]
        if ids:
            self._push(SetProperty(self.document, {i: False for i in ids}, "locked", text=self.tr("Unlock All")))
            self.scene.update()

    def copy_selection(self) -> None:
        if self._editing():
            return
        els = [self.document.get(i) for i in self.selected_ids()]
        if not els:
            return
        assets = {}
        for el in els:
            aid = el.asset_id if isinstance(el, ImageElement) else ""
            if aid and aid in self.document.assets:
                a = self.document.assets[aid]
                assets[aid] = {"name": a.name, "data": base64.b64encode(a.data).decode("ascii")}
        payload = json.dumps({"elements": [e.to_dict() for e in els], "assets": assets})
        mime = QMimeData()
        mime.setData(CLIPBOARD_MIME, QByteArray(payload.encode("utf-8")))
        mime.setText("\n".join(_plain_text(e) for e in els).strip())
        QGuiApplication.clipboard().setMimeData(mime)
        self._update_enablement()

    def cut_selection(self) -> None:
        """Copy, then delete what may be deleted (one undo step named Cut)."""
        if self._editing():
            return
        self.copy_selection()
        ids = [i for i in self.selected_ids() if not self.document.get(i).locked]
        if ids:
            self._push(RemoveElements(self.document, ids, text=self.tr("Cut %1").replace(
                "%1", elements_label(self.document, ids))))

    def show_context_menu(self, viewport_pos) -> None:
        """Right-click on the canvas: the element's or the empty canvas's menu (app.ui.context_menu)."""
        from app.ui.context_menu import build_context_menu

        menu = build_context_menu(self, self.view.mapToScene(viewport_pos))
        menu.exec(self.view.viewport().mapToGlobal(viewport_pos))
        menu.deleteLater()

    def paste(self) -> None:
        if self._editing():
            return
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and not mime.hasFormat(CLIPBOARD_MIME) and mime.hasText() and mime.text().strip():
            self._paste_text(mime.text())
            return
        if mime is None or not mime.hasFormat(CLIPBOARD_MIME):
            return
        try:
            data = json.loads(bytes(mime.data(CLIPBOARD_MIME)).decode("utf-8"))
            for aid, a in data.get("assets", {}).items():
                if aid not in self.document.assets:
                    self.document.add_asset(base64.b64decode(a["data"]), a.get("name", "image"))
            els = []
            for d in data.get("elements", []):
                el = Element.from_dict(d).copy()
                el.x += 8
                el.y += 8
                els.append(el)
            fresh_groups(els)   # a pasted group is a new group
        except (ValueError, KeyError, CardwiseError) as exc:
            self.status_bar.showMessage(self.tr("Cannot paste: %1").replace("%1", str(exc)), 8000)
            return
        if els:
            cmd = AddElements(self.document, self.scene.side, els, text=self.tr("Paste"))
            if self._push(cmd):
                self.scene.select_ids(cmd.ids)

    def _paste_text(self, text: str) -> None:
        """Text copied from elsewhere becomes a new text box in the middle of the card."""
        from app.model import TextBox
        from app.model.units import mm
        from app.ui.canvas.tools import default_text_style

        spec = self.document.spec
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        w = spec.width - 2 * spec.safe
        h = min(spec.height - 2 * spec.safe, mm(8) * max(1, text.count("\n") + 1) + mm(4))
        box = TextBox.from_text(text, default_text_style(self.document), x=spec.safe,
                                y=(spec.height - h) / 2, w=w, h=h)
        cmd = AddElements(self.document, self.scene.side, [box], text=self.tr("Paste"))
        if self._push(cmd):
            self.scene.select_ids([box.id])

    # --- action handlers: arrange ---------------------------------------------------------
    def _align(self, how: str) -> None:
        self._push(align_command(self.document, self.selected_ids(), how, self.document.spec.trim_rect))

    def align_left(self) -> None:
        self._align("left")

    def align_hcenter(self) -> None:
        self._align("hcenter")

    def align_right(self) -> None:
        self._align("right")

    def align_top(self) -> None:
        self._align("top")

    def align_vcenter(self) -> None:
        self._align("vcenter")

    def align_bottom(self) -> None:
        self._align("bottom")

    def distribute_h(self) -> None:
        self._push(distribute_command(self.document, self.selected_ids(), "h"))

    def distribute_v(self) -> None:
        self._push(distribute_command(self.document, self.selected_ids(), "v"))

    def _reorder(self, where: str) -> None:
        ids = self.selected_ids()
        if ids:
            self._push(Reorder(self.document, ids, where))

    def bring_front(self) -> None:
        self._reorder("front")

    def send_back(self) -> None:
        self._reorder("back")

    def raise_selection(self) -> None:
        self._reorder("raise")

    def lower_selection(self) -> None:
        self._reorder("lower")

    def group_selection(self) -> None:
        self._push(group_command(self.document, self.selected_ids()))
        self.scene.update()

    def ungroup_selection(self) -> None:
        self._push(ungroup_command(self.document, self.selected_ids()))
        self.scene.update()

    def nudge(self, dx: float, dy: float, token: int | None = None) -> None:
        ids = [i for i in self.selected_ids() if not self.document.get(i).locked]
        if ids:
            pos = {i: (self.document.get(i).x + dx, self.document.get(i).y + dy) for i in ids}
            self._push(MoveElements(self.document, pos, drag=token))

    # --- action handlers: view --------------------------------------------------------------
    def zoom_fit(self) -> None:
        self.view.zoom_fit()

    def show_front(self) -> None:
        self.set_side("front")

    def show_back(self) -> None:
        self.set_side("back")

    def set_side(self, side: str) -> None:
        self.scene.set_side(side)
        self.actions_by_id[CommandId.SIDE_FRONT if self.scene.side == "front" else CommandId.SIDE_BACK].setChecked(True)

    def add_guide(self, axis: str, value: float) -> None:
        """A ruler guide at ``value`` points: axis "x" = vertical line, "y" = horizontal."""
        xs, ys = user_guides(self.document)
        (xs if axis == "x" else ys).append(float(value))
        self._push(SetGuides(self.document, xs, ys, self.tr("Add Guide")))

    def clear_guides(self) -> None:
        xs, ys = user_guides(self.document)
        if xs or ys:
            self._push(SetGuides(self.document, [], [], self.tr("Clear Guides")))

    def set_show_guides(self, on: bool) -> None:
        self.scene.show_safe = bool(on)
        self.scene.update()

    def set_snapping(self, on: bool) -> None:
        self.scene.snapping = bool(on)

    # --- reactions ------------------------------------------------------------------------
    def _on_doc_change(self, ch) -> None:
        if ch.kind == "spec-changed":
            self._update_status()
            self._update_enablement()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _on_index_changed(self, _index: int) -> None:
        editor = self.scene.editor
        if editor is not None and editor.typing:
            return   # a keystroke changes no selection, lock, group or clipboard state
        self._update_enablement()

    def _on_clipboard_changed(self) -> None:
        self._update_enablement()

    def _on_selection(self) -> None:
        ids = self.scene.selected_ids()
        self.properties.set_selection(ids, self.scene.side)
        self._update_enablement()
        self.selection_changed.emit()

    def _on_side_changed(self, side: str) -> None:
        self.properties.set_selection([], side)
        self._update_status()
        self.document_changed.emit(self.document)

    def _update_enablement(self) -> None:
        ids = self.scene.selected_ids()
        els = [self.document.get(i) for i in ids]
        unlocked = [e for e in els if e is not None and not e.locked]
        mime = QGuiApplication.clipboard().mimeData()
        state = {
            Enable.SELECTION: bool(els),
            Enable.UNLOCKED: bool(unlocked),
            Enable.TWO: len(unlocked) >= 2,
            Enable.THREE: len(arrange_units(self.document, ids)) >= 3,
            Enable.GROUPABLE: group_command(self.document, ids) is not None,
            Enable.GROUPED: any(e is not None and e.group for e in els),
            Enable.PICKED: bool(els) or bool(self.layers.picked_elements()),
            Enable.TWO_SIDED: self.document.spec.sides == 2,
            Enable.CLIPBOARD: bool(mime is not None and (mime.hasFormat(CLIPBOARD_MIME) or mime.hasText())),
        }
        self.registry.update(state)

    def _on_zoom(self, zoom: float) -> None:
        if self.zoom_label is not None:   # zoom signals may arrive before the tool bar exists
            self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _on_cursor(self, pos: QPointF) -> None:
        self.pos_label.setText(f"X {format_length(pos.x(), self.unit)}   Y {format_length(pos.y(), self.unit)}")

    def _on_files_dropped(self, files: list, pos: QPointF) -> None:
        for f in files:
            p = Path(f)
            if p.suffix.lower() == ".cardwise":
                self.files.open_path(p)
                return
            if p.suffix.lower() in IMAGE_SUFFIXES:
                try:
                    place_image(self.scene, p, pos)
                except (CardwiseError, OSError) as exc:
                    self.files.show_error(self.tr("Cannot Place Image"), str(exc))
                pos = pos + QPointF(12, 12)

    def _update_status(self) -> None:
        spec = self.document.spec
        self.spec_label.setText(describe_spec(spec, self.unit))
        self.side_label.setText(self.tr("Front") if self.scene.side == "front" else self.tr("Back"))

    def _update_title(self) -> None:
        name = self.files.display_name()
        self.setWindowTitle(f"{name}[*] — Cardwise")
        self.setWindowModified(self.files.is_modified())

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.files.recent_files()
        for p in recent:
            act = menu.addAction(p.name)
            act.setToolTip(str(p))
            act.setStatusTip(str(p))
            act.triggered.connect(lambda _c=False, path=p: self.files.open_path(path))
        if recent:
            menu.addSeparator()
            menu.addAction(self.tr("Clear Menu"), self.files.clear_recent)
        menu.setEnabled(bool(recent))

    # --- Qt events ------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self.zoom_fit)

    def _restore_layout(self) -> None:
        """Window size and dock layout as the user left them (QSettings)."""
        geometry = self.qsettings.value("window/geometry")
        state = self.qsettings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def _save_layout(self) -> None:
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.setValue("window/state", self.saveState())

    def _scene_key(self, event) -> bool:
        """Keys on the canvas outside text editing: arrows nudge (Shift: 10 pt), Esc deselects."""
        key = event.key()
        if key in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down) and self.selected_ids():
            step = 10.0 if event.modifiers() & Qt.ShiftModifier else 1.0
            dx = {Qt.Key_Left: -step, Qt.Key_Right: step}.get(key, 0.0)
            dy = {Qt.Key_Up: -step, Qt.Key_Down: step}.get(key, 0.0)
            if not event.isAutoRepeat() or self._nudge_token is None:
                self._nudge_token = new_token()  # holding an arrow key is one undo step
            self.nudge(dx, dy, self._nudge_token)
            return True
        if key == Qt.Key_Escape:
            if not isinstance(self.scene.tool, SelectTool):
                self.tool_finished()
            else:
                self.scene.select_ids([])
            return True
        return False

    def closeEvent(self, event) -> None:  # noqa: N802
        self.scene.end_text_edit()
        if not self.files.maybe_save():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop timers and services and detach from the document (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._save_layout()
        self.files.shutdown()
        for ext in list(self.extensions):
            try:
                ext.shutdown()
            except Exception:  # one extension failing must not keep the window open
                log.exception("designer extension %r failed to shut down", ext)
        self.extensions.clear()
        if self._doc_unsub is not None:
            self._doc_unsub()
            self._doc_unsub = None
        self.properties.close_document()
        self.layers.detach()
        self.scene.close()
        # the stack may outlive the window (it is the caller's; at exit the collector frees it
        # later) and clears itself as it is destroyed: no signal of it may reach this window
        stack = self.undo_stack
        for signal, slot in ((stack.cleanChanged, self._on_clean_changed),
                             (stack.indexChanged, self._on_index_changed),
                             (stack.canUndoChanged, self._update_undo_actions),
                             (stack.canRedoChanged, self._update_undo_actions),
                             (stack.undoTextChanged, self._update_undo_actions),
                             (stack.redoTextChanged, self._update_undo_actions),
                             (QGuiApplication.clipboard().dataChanged, self._on_clipboard_changed)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
