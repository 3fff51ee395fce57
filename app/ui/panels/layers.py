"""The elements panel: the current side's elements, top of the stack first.

Rows show the kind's icon, the element's name (or the first words of a text, or the QR
payload) and a lock mark. Selecting rows selects the elements on the canvas and the other
way round; the check box locks or unlocks (an undoable ``SetProperty``). The eye button
under the list hides or shows the selected elements (one undoable ``SetProperty``);
hidden rows are greyed and marked "hidden": not drawn on the canvas, not printed. The
members of a group are indented under a "Group n" row, which selects the whole group. It
follows the document's change notifications and the scene's side, like every other view.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import resources
from app.ui.commands import SetProperty

GROUP_ROLE = Qt.UserRole + 1   # a group row's group id (its element id role holds None)
INDENT = "    "
KIND_ICONS = {"text": "tool-text", "image": "tool-image", "qr": "tool-qr", "rect": "tool-rect", "line": "tool-line"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LayersPanel", text)


def element_label(el) -> str:
    if el.name:
        return el.name
    if el.kind == "text":
        words = " ".join(el.text.split())
        return (words[:28] + "…") if len(words) > 28 else (words or _tr("(empty text)"))
    if el.kind == "qr":
        return el.payload[:28] + ("…" if len(el.payload) > 28 else "")
    names = {"image": _tr("Image"), "rect": _tr("Rectangle"), "line": _tr("Line")}
    return names.get(el.kind, el.kind)


class LayersPanel(QWidget):
    """Elements of one side, top first; selection and locks in both directions."""

    def __init__(self, scene, undo_stack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("elements")
        self.scene = scene
        self.undo_stack = undo_stack
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.list.itemSelectionChanged.connect(self._list_selection)
        self.list.itemChanged.connect(self._item_changed)
        self.eye = QToolButton()
        self.eye.setObjectName("elements-eye")
        self.eye.setCheckable(True)
        self.eye.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.eye.clicked.connect(self.toggle_hidden)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.eye)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list)
        lay.addLayout(buttons)
        self._unsub = None
        # hidden elements cannot be selected on the canvas: rows of hidden elements the user
        # picked in the list stay selected (so they can be shown again) until the canvas
        # selection changes on its own
        self._hidden_picked: set[str] = set()
        self._rows: list[tuple[str, ...]] = []   # per list row: the element ids it stands for
        self._selecting = False
        scene.selection_ids_changed.connect(self._scene_selection)
        scene.side_changed.connect(lambda _s: self.rebuild())
        self.attach(scene.document)

    def attach(self, document) -> None:
        if self._unsub is not None:
            self._unsub()
        self.document = document
        self._unsub = document.subscribe(self._on_change)
        self.rebuild()

    def detach(self) -> None:
        if self._unsub is not None:
            self._unsub()
            self._unsub = None

    def _on_change(self, ch) -> None:
        if ch.kind == "element-changed" and ch.prop == "paragraphs":
            self._relabel(ch.element_id)   # typing: only the row's name follows the text
            return
        if ch.kind in ("element-added", "element-removed", "element-reordered", "spec-changed") or (
                ch.kind == "element-changed" and ch.prop in ("name", "paragraphs", "payload", "locked", "hidden", "group")) or (
                ch.kind == "document-changed" and ch.prop is None):
            self.rebuild()

    def rebuild(self) -> None:
        side = self.document.side(self.scene.side)
        with QSignalBlocker(self.list):
            self.list.clear()
            self._rows = []
            numbers: dict[str, int] = {}
            previous = ""
            for el in reversed(side.elements):
                if el.group and el.group != previous:   # a run of members: a group row above it
                    n = numbers.setdefault(el.group, len(numbers) + 1)
                    head = QListWidgetItem(_tr("Group %1").replace("%1", str(n)))
                    head.setData(Qt.UserRole, None)
                    head.setData(GROUP_ROLE, el.group)
                    head.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                    font = QFont(head.font())
                    font.setBold(True)
                    head.setFont(font)
                    head.setToolTip(_tr("Click to select the whole group"))
                    self.list.addItem(head)
                    self._rows.append(tuple(e.id for e in self.document.group_members(el.group)))
                previous = el.group
                item = QListWidgetItem(resources.icon(KIND_ICONS.get(el.kind, "tool-rect")), self._row_label(el))
                item.setData(Qt.UserRole, el.id)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if el.locked else Qt.Unchecked)
                if el.hidden:
                    font = QFont(item.font())
                    font.setItalic(True)
                    item.setFont(font)
                    item.setForeground(QColor("#98a2b3"))
                    item.setToolTip(_tr("Hidden: not shown on the canvas and not printed. Tick to lock"))
                else:
                    item.setToolTip(_tr("Tick to lock"))
                self.list.addItem(item)
                self._rows.append((el.id,))
        self._scene_selection()
        self._update_eye()

    @staticmethod
    def _row_label(el) -> str:
        label = element_label(el)
        if el.group:
            label = INDENT + label
        if el.hidden:
            label = _tr("%1 (hidden)").replace("%1", label)
        return label

    def _relabel(self, element_id: str) -> None:
        """Set the row text of ``element_id`` again (its text changed; nothing else did)."""
        key = (element_id,)
        for i, ids in enumerate(self._rows):
            if ids == key:
                item = self.list.item(i)
                el = self.document.get(element_id)
                if item is not None and el is not None and item.data(Qt.UserRole) == element_id:
                    label = self._row_label(el)
                    if item.text() != label:
                        with QSignalBlocker(self.list):
                            item.setText(label)
                return

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange and self._unsub is not None:
            self.rebuild()      # row labels ("Group 1", "Rectangle") in the new language

    def ids(self) -> list[str]:
        """Element ids of the rows, top first (group rows left out)."""
        rows = (self.list.item(i).data(Qt.UserRole) for i in range(self.list.count()))
        return [i for i in rows if i]

    def _row_ids(self, item: QListWidgetItem) -> tuple[str, ...]:
        """The elements a row stands for: its element, or a group row's members."""
        return self._rows[self.list.row(item)]

    def _scene_selection(self) -> None:
        if not self._selecting:
            self._hidden_picked = set()
        selected = set(self.scene.selected_ids()) | self._hidden_picked
        self._select_rows([i for i, ids in enumerate(self._rows) if all(r in selected for r in ids)])

        self._update_eye()

    def _select_rows(self, rows: list[int]) -> None:
        """Select exactly ``rows`` in one selection-model call (quiet: no list signals), so a
        long list is not re-marked one row at a time."""
        model = self.list.model()
        selection = QItemSelection()
        for r in rows:
            index = model.index(r, 0)
            selection.select(index, index)
        with QSignalBlocker(self.list), QSignalBlocker(self.list.selectionModel()):
            self.list.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
        self.list.viewport().update()

    def picked_elements(self) -> list:
        """The elements whose rows are selected: the canvas selection, plus hidden elements
        picked in the list (the canvas cannot select those), which Hide / Show acts on."""
        return self._selected_elements()

    def _selected_elements(self) -> list:
        ids = dict.fromkeys(i for it in self.list.selectedItems() for i in self._row_ids(it))
        by_id = {e.id: e for e in self.document.side(self.scene.side).elements}
        return [by_id[i] for i in ids if i in by_id]

    def _update_eye(self) -> None:
        els = self._selected_elements()
        hidden = bool(els) and all(e.hidden for e in els)
        self.eye.setEnabled(bool(els))
        self.eye.setChecked(hidden)
        self.eye.setText(_tr("Show") if hidden else _tr("Hide"))
        self.eye.setToolTip(_tr("Show the selected elements again") if hidden else
                            _tr("Hide the selected elements: kept in the card, not shown, not printed"))

    def toggle_hidden(self) -> None:
        """Hide the selected elements, or show them when all are hidden (one undo step)."""
        els = self._selected_elements()
        if not els:
            return
        hide = not all(e.hidden for e in els)
        names = element_label(els[0]) if len(els) == 1 else _tr("%1 elements").replace("%1", str(len(els)))
        label = (_tr("Hide %1") if hide else _tr("Show %1")).replace("%1", names)
        ids = [e.id for e in els]
        self.undo_stack.push(SetProperty(self.document, {i: hide for i in ids}, "hidden", text=label))
        self._hidden_picked = set(ids) if hide else set()
        # keep the rows selected, so Show undoes Hide in place
        self._select_rows([i for i, row in enumerate(self._rows) if all(r in ids for r in row)])
        if not hide:
            self._list_selection()      # shown again: select them on the canvas too
        self._update_eye()
        self.scene.update()

    def _list_selection(self) -> None:
        ids = list(dict.fromkeys(i for it in self.list.selectedItems() for i in self._row_ids(it)))
        self._hidden_picked = {i for i in ids if (e := self.document.get(i)) is not None and e.hidden}
        self._selecting = True
        try:
            self.scene.select_ids(ids)
            self._scene_selection()
        finally:
            self._selecting = False
        self._update_eye()

    def _item_changed(self, item: QListWidgetItem) -> None:
        eid = item.data(Qt.UserRole)
        el = self.document.get(eid) if eid else None
        if el is None:
            return
        locked = item.checkState() == Qt.Checked
        if locked != el.locked:
            label = _tr("Lock %1" if locked else "Unlock %1").replace("%1", element_label(el))
            self.undo_stack.push(SetProperty(self.document, {el.id: locked}, "locked", text=label))
            self.scene.update()
