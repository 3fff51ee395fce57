"""CMYK colour picking: a swatch button and a dialog with C/M/Y/K sliders, an RGB preview,
the hex of that preview, and the project's brand palette.

The model's colours are CMYK first (``app.model.Color``); the RGB preview is the model's
own un-managed formula, shown only on screen. The brand palette is the document's
``brand_colors`` (saved in the project); adding to it is an undoable command pushed by the
owner of the dialog (the properties panel), which passes a callback.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import Color
from app.model.screen_colour import screen_rgb


def swatch_icon(color: Color | None, size: int = 16) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QColor("#8a94a3"))
    if color is None:
        p.setBrush(QColor("white"))
        p.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 3, 3)
        p.setPen(QColor("#e03131"))
        p.drawLine(2, size - 2, size - 2, 2)
    else:
        p.setBrush(QColor(*screen_rgb(color)))
        p.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 3, 3)
    p.end()
    return QIcon(pm)


class CmykDialog(QDialog):
    """Pick a CMYK colour (0–100 % each) with an RGB preview and the brand palette."""

    def __init__(self, color: Color | None, palette: list[tuple[str, Color]] | None = None,
                 add_to_palette: Callable[[str, Color], None] | None = None, allow_none: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CMYK Colour"))
        self._add_to_palette = add_to_palette
        self.palette = list(palette or [])
        start = color or Color(0, 0, 0, 1)
        self.spot = start.spot
        self.tint = start.tint
        self.sliders: dict[str, QSlider] = {}
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        for row, (ch, label, colour) in enumerate((("c", self.tr("Cyan"), "#00a3e0"), ("m", self.tr("Magenta"), "#d6006e"),
                                                    ("y", self.tr("Yellow"), "#f2c500"), ("k", self.tr("Black"), "#222222"))):
            name = QLabel(label)
            slider = QSlider(Qt.Horizontal)
            slider.setRange(0, 100)
            slider.setStyleSheet(f"QSlider::handle:horizontal {{ background: {colour}; border-radius: 6px; width: 12px; margin: -4px 0; }}"
                                 f"QSlider::groove:horizontal {{ height: 4px; background: qlineargradient(x1:0,y1:0,x2:1,y2:0, stop:0 #ffffff, stop:1 {colour}); }}")
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            slider.valueChanged.connect(spin.setValue)
            spin.valueChanged.connect(slider.setValue)
            spin.valueChanged.connect(self._update_preview)
            grid.addWidget(name, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(spin, row, 2)
            self.sliders[ch], self.spins[ch] = slider, spin
        self.none_box = QCheckBox(self.tr("No colour (transparent)"))
        self.none_box.setVisible(allow_none)
        self.none_box.setChecked(allow_none and color is None)
        self.none_box.toggled.connect(self._update_preview)
        self.preview = QLabel()
        self.preview.setFixedSize(96, 64)
        self.preview.setFrameShape(QFrame.StyledPanel)
        self.info = QLabel()
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.ink = QLabel()
        self.hex_edit = QLineEdit()
        self.hex_edit.setPlaceholderText("#RRGGBB")
        self.hex_edit.setToolTip(self.tr("Type an RGB hex colour to convert it to CMYK (plain conversion)"))
        self.hex_edit.editingFinished.connect(self._from_hex)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.info)
        side.addWidget(self.ink)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(grid, 1)
        top.addLayout(side)
        form = QFormLayout()
        form.addRow(self.tr("From RGB hex:"), self.hex_edit)

        self.palette_row = QHBoxLayout()
        self.palette_row.setSpacing(4)
        self._fill_palette()
        add = QPushButton(self.tr("Add to Brand Palette…"))
        add.setEnabled(add_to_palette is not None)
        add.clicked.connect(self._add_current)
        pal_box = QVBoxLayout()
        pal_label = QLabel(self.tr("Brand palette (saved in the project):"))
        pal_box.addWidget(pal_label)
        pal_box.addLayout(self.palette_row)
        pal_box.addWidget(add, 0, Qt.AlignLeft)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.none_box)
        lay.addLayout(form)
        lay.addLayout(pal_box)
        lay.addWidget(buttons)
        self.set_color(start)

    def _fill_palette(self) -> None:
        while self.palette_row.count():
            w = self.palette_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for name, col in self.palette:
            b = QToolButton()
            b.setIcon(swatch_icon(col, 22))
            b.setIconSize(QSize(22, 22))
            b.setToolTip(f"{name} — {col.label()}")
            b.setAutoRaise(True)
            b.clicked.connect(lambda _=False, c=col: self.set_color(c))
            self.palette_row.addWidget(b)
        if not self.palette:
            hint = QLabel(self.tr("No brand colours yet."))
            hint.setStyleSheet("color: #868e96")
            self.palette_row.addWidget(hint)
        self.palette_row.addStretch(1)

    def _add_current(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Brand Colour"), self.tr("Name of this colour:"))
        if ok and name.strip() and self._add_to_palette is not None:
            col = self.color() or Color(0, 0, 0, 1)
            self._add_to_palette(name.strip(), col)
            self.palette.append((name.strip(), col))
            self._fill_palette()

    def _from_hex(self) -> None:
        text = self.hex_edit.text().strip()
        if not text:
            return
        try:
            self.spot = None
            self.set_color(Color.from_hex(text))
        except Exception:
            self.hex_edit.setStyleSheet("color: #e03131")
            return
        self.hex_edit.setStyleSheet("")

    def set_color(self, color: Color) -> None:
        self.spot, self.tint = color.spot, color.tint
        for ch in "cmyk":
            self.spins[ch].blockSignals(True)
            self.sliders[ch].blockSignals(True)
            v = round(getattr(color, ch) * 100)
            self.spins[ch].setValue(v)
            self.sliders[ch].setValue(v)
            self.spins[ch].blockSignals(False)
            self.sliders[ch].blockSignals(False)
        self.none_box.setChecked(False)
        self._update_preview()

    def color(self) -> Color | None:
        if self.none_box.isVisible() and self.none_box.isChecked():
            return None
        vals = [self.spins[ch].value() for ch in "cmyk"]
        return Color.cmyk_percent(*vals, spot=self.spot, tint=self.tint)

    def _update_preview(self, *_a) -> None:
        col = self.color()
        if col is None:
            self.preview.setStyleSheet("background: white; border: 1px dashed #adb5bd;")
            self.info.setText(self.tr("No colour"))
            self.ink.setText("")
            return
        shown = "#%02x%02x%02x" % screen_rgb(col)
        self.preview.setStyleSheet(f"background: {shown}; border: 1px solid #adb5bd; border-radius: 4px;")
        self.info.setText(f"{col.label()}\nRGB {col.hex}")
        ink = col.total_ink
        warn = ink > 300
        self.ink.setText(self.tr("Total ink %1 %").replace("%1", f"{ink:.0f}"))
        self.ink.setStyleSheet("color: #e03131; font-weight: 600" if warn else "color: #495057")
        self.ink.setToolTip(self.tr("Most printers ask for at most 300 % total ink") if warn else "")


class ColorButton(QPushButton):
    """A swatch button showing a model colour; clicking opens the CMYK dialog."""

    color_changed = Signal(object)  # Color | None

    def __init__(self, allow_none: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.allow_none = allow_none
        self._color: Color | None = None
        self.palette_source: Callable[[], list[tuple[str, Color]]] = lambda: []
        self.add_to_palette: Callable[[str, Color], None] | None = None
        self.setIconSize(QSize(18, 18))
        self.setStyleSheet("text-align: left; padding: 3px 8px;")
        self.clicked.connect(self.pick)
        self.set_color(None)

    def color(self) -> Color | None:
        return self._color

    def set_color(self, color: Color | None) -> None:
        self._color = color
        self.setIcon(swatch_icon(color, 18))
        self.setText(color.label() if color is not None else self.tr("None"))

    def pick(self) -> None:
        dlg = CmykDialog(self._color, self.palette_source(), self.add_to_palette, self.allow_none, self)
        if dlg.exec() == QDialog.Accepted:
            col = dlg.color()
            if col != self._color:
                self.set_color(col)
                self.color_changed.emit(col)
