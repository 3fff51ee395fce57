"""The start / template gallery: new card from a template or a blank size, or a recent file.

``choose_start(parent, recent)`` runs the dialog and returns a ``StartChoice`` (a new
``Document`` or a path to open) or None. Templates come from ``app.model.templates``
(``list_templates()`` and ``new_from_template(id)``); each tile shows a thumbnail of the
template's front side drawn by the same canvas code the designer uses (``render_side``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model import SIZE_PRESETS, CardSpec, Document, templates
from app.ui.i18n import current_language


@dataclass
class StartChoice:
    document: Document | None = None
    path: Path | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("Gallery", text)


def _chinese_ui() -> bool:
    return str(current_language()).startswith("zh")


def _size_text(spec) -> str:
    """"Postcard 4 × 6 in · Landscape, front and back": the size named as the size box names
    it (the preset's title, the same in either orientation) and the orientation as the
    orientation box names it, so the gallery and the blank-card form agree."""
    orientation = _tr("Landscape") if spec.orientation == "landscape" else _tr("Portrait")
    sides = _tr("front and back") if spec.sides == 2 else _tr("front only")
    return f"{spec.size_title(_chinese_ui())}\n{orientation}, {sides}"


def render_side(doc: Document, side: str = "front", width_px: int = 220, guides: bool = False) -> QImage:
    """The side as the designer draws it (trim area, no selection), ``width_px`` wide."""
    from PySide6.QtGui import QUndoStack

    from app.ui.canvas.scene import CardScene

    stack = QUndoStack()
    scene = CardScene(doc, stack, side=side)
    scene.show_guides = guides
    try:
        trim = QRectF(0, 0, doc.spec.width, doc.spec.height)
        h = max(1, round(width_px * trim.height() / trim.width()))
        img = QImage(width_px, h, QImage.Format_ARGB32_Premultiplied)
        img.fill(QColor("white"))
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        scene.render(p, QRectF(0, 0, width_px, h), trim)
        p.end()
    finally:
        scene.close()
        scene.deleteLater()
    return img


def _thumb_icon(img: QImage, box: int = 170) -> QIcon:
    pm = QPixmap(box, box)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    scaled = img.scaled(box - 12, box - 12, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    x, y = (box - scaled.width()) // 2, (box - scaled.height()) // 2
    p.fillRect(x + 2, y + 3, scaled.width(), scaled.height(), QColor(0, 0, 0, 40))
    p.drawImage(x, y, scaled)
    p.setPen(QColor("#c4cad3"))
    p.drawRect(x, y, scaled.width() - 1, scaled.height() - 1)
    p.end()
    return QIcon(pm)


def list_templates() -> list[tuple[str, str, str, str]]:
    """(id, title, title_zh, size) of the bundled templates."""
    return [(t.id, t.title, t.title_zh, t.size) for t in templates.list_templates()]


def template_document(template_id: str) -> Document:
    from app.model import templates

    return templates.new_from_template(template_id)


class GalleryDialog(QDialog):
    """Pick a template, a blank card size, or a recent file."""

    def __init__(self, recent: list[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Card"))
        self.resize(980, 620)
        self.choice: StartChoice | None = None

        self.templates = QListWidget()
        self.templates.setViewMode(QListView.IconMode)
        self.templates.setIconSize(QSize(170, 170))
        self.templates.setGridSize(QSize(210, 250))
        self.templates.setResizeMode(QListView.Adjust)
        self.templates.setMovement(QListView.Static)
        self.templates.setWordWrap(True)
        self.templates.setSpacing(6)
        self.templates.itemDoubleClicked.connect(lambda _i: self._accept_template())
        zh = _chinese_ui()
        for tid, title, title_zh, size in list_templates():
            try:
                doc = template_document(tid)
                icon = _thumb_icon(render_side(doc, "front", 240))
                size = _size_text(doc.spec)
            except Exception:
                icon = QIcon()
            label = (title_zh or title) if zh else title
            item = QListWidgetItem(icon, f"{label}\n{size}" if size else label)
            item.setData(Qt.UserRole, tid)
            item.setToolTip(f"{title}\n{title_zh}" if title_zh else title)
            self.templates.addItem(item)
        if self.templates.count():
            self.templates.setCurrentRow(0)

        tmpl_box = QGroupBox(self.tr("Templates"))
        tl = QVBoxLayout(tmpl_box)
        if not self.templates.count():
            tl.addWidget(QLabel(self.tr("No templates are installed; start from a blank card.")))
        tl.addWidget(self.templates)

        blank_box = QGroupBox(self.tr("Blank Card"))
        form = QFormLayout(blank_box)
        self.size_combo = QComboBox()
        for pid, preset in SIZE_PRESETS.items():
            self.size_combo.addItem(preset.title_zh if zh else preset.title, pid)
        self.size_combo.setCurrentIndex(max(0, self.size_combo.findData("4x6in")))
        self.orient_combo = QComboBox()
        self.orient_combo.addItem(self.tr("Portrait"), "portrait")
        self.orient_combo.addItem(self.tr("Landscape"), "landscape")
        self.sides_combo = QComboBox()
        self.sides_combo.addItem(self.tr("Front and back"), 2)
        self.sides_combo.addItem(self.tr("Front only"), 1)
        form.addRow(self.tr("Size:"), self.size_combo)
        form.addRow(self.tr("Orientation:"), self.orient_combo)
        form.addRow(self.tr("Sides:"), self.sides_combo)
        blank_btn = QPushButton(self.tr("Create Blank Card"))
        blank_btn.clicked.connect(self._accept_blank)
        form.addRow("", blank_btn)

        recent_box = QGroupBox(self.tr("Recent Files"))
        rl = QVBoxLayout(recent_box)
        self.recent = QListWidget()
        for p in recent or []:
            it = QListWidgetItem(p.name)
            it.setToolTip(str(p))
            it.setData(Qt.UserRole, str(p))
            self.recent.addItem(it)
        self.recent.itemDoubleClicked.connect(self._accept_recent)
        rl.addWidget(self.recent)
        open_btn = QPushButton(self.tr("Open Selected"))
        open_btn.clicked.connect(lambda: self.recent.currentItem() and self._accept_recent(self.recent.currentItem()))
        open_btn.setEnabled(bool(recent))
        rl.addWidget(open_btn)

        right = QVBoxLayout()
        right.addWidget(blank_box)
        right.addWidget(recent_box, 1)
        body = QHBoxLayout()
        body.addWidget(tmpl_box, 3)
        body.addLayout(right, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.create_btn = buttons.addButton(self.tr("Create from Template"), QDialogButtonBox.AcceptRole)
        self.create_btn.setEnabled(self.templates.count() > 0)
        self.create_btn.setDefault(True)
        buttons.accepted.connect(self._accept_template)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(body, 1)
        lay.addWidget(buttons)

    def _accept_template(self) -> None:
        item = self.templates.currentItem()
        if item is None:
            return
        self.choice = StartChoice(document=template_document(item.data(Qt.UserRole)))
        self.accept()

    def _accept_blank(self) -> None:
        spec = CardSpec.from_preset(self.size_combo.currentData(), self.orient_combo.currentData(),
                                    sides=int(self.sides_combo.currentData()))
        self.choice = StartChoice(document=Document.new(spec))
        self.accept()

    def _accept_recent(self, item: QListWidgetItem) -> None:
        self.choice = StartChoice(path=Path(item.data(Qt.UserRole)))
        self.accept()


def choose_start(parent: QWidget | None, recent: list[Path] | None = None) -> StartChoice | None:
    dlg = GalleryDialog(recent, parent)
    return dlg.choice if dlg.exec() == QDialog.Accepted else None
