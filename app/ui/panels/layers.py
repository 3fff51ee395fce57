"""The elements panel: the current side's elements, top of the stack first.

Rows show the kind's icon, the element's name (or the first words of a text, or the QR
payload) and a lock mark. Selecting rows selects the elements on the canvas and the other
way round; the check box locks or unlocks (an undoable ``SetProperty``). It follows the
document's change notifications and the scene's side, like every other view.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.ui import resources
from app.ui.commands import SetProperty

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
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list)
        self._unsub = None
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
        if ch.kind in ("element-added", "element-removed", "element-reordered", "spec-changed") or (
                ch.kind == "element-changed" and ch.prop in ("name", "paragraphs", "payload", "locked")) or (
                ch.kind == "document-changed" and ch.prop is None):
            self.rebuild()

    def rebuild(self) -> None:
        side = self.document.side(self.scene.side)
        with QSignalBlocker(self.list):
            self.list.clear()
            for el in reversed(side.elements):
                item = QListWidgetItem(resources.icon(KIND_ICONS.get(el.kind, "tool-rect")), element_label(el))
                item.setData(Qt.UserRole, el.id)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if el.locked else Qt.Unchecked)
                item.setToolTip(_tr("Tick to lock"))
                self.list.addItem(item)
        self._scene_selection()

    def ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]

    def _scene_selection(self) -> None:
        selected = set(self.scene.selected_ids())
        with QSignalBlocker(self.list):
            for i in range(self.list.count()):
                it = self.list.item(i)
                it.setSelected(it.data(Qt.UserRole) in selected)

    def _list_selection(self) -> None:
        ids = [it.data(Qt.UserRole) for it in self.list.selectedItems()]
        self.scene.select_ids(ids)

    def _item_changed(self, item: QListWidgetItem) -> None:
        el = self.document.get(item.data(Qt.UserRole))
        if el is None:
            return
        locked = item.checkState() == Qt.Checked
        if locked != el.locked:
            label = _tr("Lock %1" if locked else "Unlock %1").replace("%1", element_label(el))
            self.undo_stack.push(SetProperty(self.document, {el.id: locked}, "locked", text=label))
            self.scene.update()
