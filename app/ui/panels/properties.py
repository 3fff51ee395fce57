"""The properties panel: edit the selection through undo commands.

Built by constructor injection: ``PropertiesPanel(undo_stack, unit="mm", fonts=None)``, then
``set_document(doc)`` and ``set_selection(ids, side)``. It reads the model and pushes
commands (``SetGeometry``, ``SetProperty``, ``SetStyle``, ``SetSideProperty``,
``SetBrandColors``); it never changes the model directly, and it refreshes from the
document's change notifications, so undo/redo, the canvas and the panel always agree.
Notifications only mark the panel stale: it re-reads the model once when the undo step (or
macro) is done (``indexChanged``), or at the next event-loop turn for a change made outside
the undo stack, so aligning 200 elements refreshes it once, not 200 times. Keys typed into
the canvas's text box (``TextEditor.typing``) change nothing the panel shows but, at times, the
look before the caret or the overset note: the panel re-reads once the typing pauses
(``TYPING_PAUSE_MS``), not on every key.

Sections shown for the selection:

* **Position & size** in the chosen unit (mm / in / pt), rotation, lock, name;
* **Text**: font, size, bold, italic, underline, alignment, line spacing, vertical alignment,
  colour; while characters are selected in the canvas's inline editor (``set_canvas(scene)``),
  font, size, bold, italic, underline and colour show and change the selection only (character runs);
* **Shape / line**: fill, stroke, stroke width, corner radius;
* **QR code**: payload (typed or pasted), error correction, colour, printed size;
* **Image**: fit, pixel size and the effective resolution at the placed size (red below
  150 ppi, amber below 300 ppi, as preflight judges it);
* with nothing selected, **Card**: size, the side's background colour and the brand palette.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import CardwiseError
from app.model import (
    BLEED_PRESETS,
    SIZE_PRESETS,
    CardSpec,
    Color,
    Document,
    ImageElement,
    LineElement,
    QrElement,
    RectElement,
    TextBox,
)
from app.model.elements import RUN_FIELDS
from app.model.group_resize import dragged_box
from app.model.units import Unit, format_length, from_pt, to_pt
from app.ui.commands import (
    MoveElements,
    ResizeGroup,
    SetBrandColors,
    SetGeometry,
    SetProperty,
    SetSideProperty,
    SetSpec,
    SetStyle,
)
from app.ui.panels.color import ColorButton, swatch_icon
from app.ui.panels.font_picker import FontPicker

UNIT_DECIMALS = {"mm": 2, "in": 3, "pt": 1}
TYPING_PAUSE_MS = 300   # the panel follows typing in a text box once the keys pause this long


def _tr(text: str) -> str:
    return QCoreApplication.translate("PropertiesPanel", text)


def describe_spec(spec, unit: str) -> str:
    """"105 × 148 mm, bleed 3 mm, safe 3 mm, 2 sides" in the interface language."""
    w = format_length(spec.width, unit).rsplit(" ", 1)[0]
    sides = (QCoreApplication.translate("PropertiesPanel", "front and back") if spec.sides == 2
             else QCoreApplication.translate("PropertiesPanel", "front only"))
    return (QCoreApplication.translate("PropertiesPanel", "%1 × %2, bleed %3, safe %4, %5")
            .replace("%1", w).replace("%2", format_length(spec.height, unit))
            .replace("%3", format_length(spec.bleed, unit)).replace("%4", format_length(spec.safe, unit))
            .replace("%5", sides))


class LengthSpin(QDoubleSpinBox):
    """A length in the chosen unit; ``points()``/``set_points()`` talk to the model in points."""

    def __init__(self, unit: str = "mm", minimum_pt: float = -2000.0, maximum_pt: float = 2000.0) -> None:
        super().__init__()
        self._min_pt, self._max_pt = minimum_pt, maximum_pt
        self._unit: str | None = None   # set by set_unit below; None = no value to convert yet
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)  # may shrink below its hint
        self.set_unit(unit)

    def set_unit(self, unit: str) -> None:
        pts = self.points() if self._unit is not None else None
        self._unit = unit
        self.setDecimals(UNIT_DECIMALS.get(unit, 2))
        self.setSuffix(f" {unit}")
        self.setSingleStep({"mm": 0.5, "in": 0.0625, "pt": 1.0}[unit])
        self.blockSignals(True)
        self.setRange(from_pt(self._min_pt, unit), from_pt(self._max_pt, unit))
        if pts is not None:
            self.setValue(from_pt(pts, unit))
        self.blockSignals(False)

    def minimumSizeHint(self):  # noqa: N802 - two spin boxes share a row in a narrow panel
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), 72))
        return hint

    def points(self) -> float:
        return to_pt(self.value(), self._unit)

    def set_points(self, pt: float) -> None:
        self.blockSignals(True)
        self.setValue(from_pt(pt, self._unit))
        self.blockSignals(False)


class PropertiesPanel(QScrollArea):
    """Property editor for the selection (see the module docstring)."""

    message = Signal(str)  # an edit the model refused (shown in the status bar)

    def __init__(self, undo_stack, unit: str = "mm", fonts=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.unit = unit
        self.fonts = fonts
        self.doc: Document | None = None
        self.side = "front"
        self.ids: list[str] = []
        self.canvas = None   # the CardScene whose inline text editor a selection comes from
        self._unsubscribe = None
        self._loading = False
        # model changes mark the panel stale; it re-reads once per undo step (or macro), or at
        # the next event-loop turn for changes made outside the undo stack
        self._stale = False
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.setInterval(0)
        self._stale_timer.timeout.connect(self.refresh_if_stale)
        undo_stack.indexChanged.connect(self.refresh_if_stale)
        self._follows_stack = True
        # typing in the canvas's text box changes nothing the panel shows but, at times, the
        # look before the caret or the overset note: it re-reads once the typing pauses
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_PAUSE_MS)
        self._typing_timer.timeout.connect(self.refresh)
        self.setWidgetResizable(True)
        self.setMinimumWidth(330)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.layout_.setSpacing(8)
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.15)
        f.setBold(True)
        self.title.setFont(f)
        self.layout_.addWidget(self.title)
        self._build_geometry()
        self._build_text()
        self._build_shape()
        self._build_qr()
        self._build_image()
        self._build_card()
        self.layout_.addStretch(1)
        self.refresh()

    # --- construction ------------------------------------------------------------------
    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.layout_.addWidget(box)
        return box, form

    def _build_geometry(self) -> None:
        self.geo_box, form = self._group(self.tr("Position and Size"))
        self.x_spin, self.y_spin = LengthSpin(self.unit), LengthSpin(self.unit)
        self.w_spin, self.h_spin = LengthSpin(self.unit, -2000), LengthSpin(self.unit, -2000)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for row, a, b, la, lb in ((row1, self.x_spin, self.y_spin, "X", "Y"), (row2, self.w_spin, self.h_spin, "W", "H")):
            for lab, spin in ((la, a), (lb, b)):
                l = QLabel(lab)
                l.setStyleSheet("color: #6c757d")
                row.addWidget(l)
                row.addWidget(spin, 1)
        form.addRow(self.tr("Position:"), row1)
        form.addRow(self.tr("Size:"), row2)
        for spin in (self.x_spin, self.y_spin, self.w_spin, self.h_spin):
            spin.valueChanged.connect(self._geometry_edited)
        self.rot_spin = QDoubleSpinBox()
        self.rot_spin.setRange(-360, 360)
        self.rot_spin.setSuffix(" °")
        self.rot_spin.setKeyboardTracking(False)
        self.rot_spin.valueChanged.connect(lambda v: self._set_prop("rotation", float(v)))
        form.addRow(self.tr("Rotation:"), self.rot_spin)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Optional label"))
        self.name_edit.editingFinished.connect(lambda: self._set_prop("name", self.name_edit.text().strip()))
        form.addRow(self.tr("Name:"), self.name_edit)
        self.lock_box = QCheckBox(self.tr("Locked"))
        self.lock_box.setToolTip(self.tr("A locked element cannot be moved, resized, edited or deleted"))
        self.lock_box.toggled.connect(lambda v: self._set_prop("locked", bool(v)))
        form.addRow("", self.lock_box)

    def _build_text(self) -> None:
        self.text_box, form = self._group(self.tr("Text"))
        self.font_combo = FontPicker()
        self.font_combo.familyChosen.connect(lambda v: v and self._set_style("font_family", v))
        form.addRow(self.tr("Font:"), self.font_combo)
        self.size_spin = QDoubleSpinBox()
        self.size_spin.setRange(0.5, 400)
        self.size_spin.setDecimals(1)
        self.size_spin.setSuffix(" pt")
        self.size_spin.setKeyboardTracking(False)
        self.size_spin.valueChanged.connect(lambda v: self._set_style("size_pt", float(v)))
        style_row = QHBoxLayout()
        style_row.addWidget(self.size_spin, 1)
        self.bold_btn = self._toggle("B", self.tr("Bold"), bold=True)
        self.italic_btn = self._toggle("I", self.tr("Italic"), italic=True)
        self.underline_btn = self._toggle("U", self.tr("Underline"), underline=True)
        self.bold_btn.toggled.connect(lambda v: self._set_style("bold", bool(v)))
        self.italic_btn.toggled.connect(lambda v: self._set_style("italic", bool(v)))
        self.underline_btn.toggled.connect(lambda v: self._set_style("underline", bool(v)))
        style_row.addWidget(self.bold_btn)
        style_row.addWidget(self.italic_btn)
        style_row.addWidget(self.underline_btn)
        form.addRow(self.tr("Size:"), style_row)
        self.align_group = QButtonGroup(self)
        self.align_group.setExclusive(True)
        align_row = QHBoxLayout()
        from app.ui import resources

        for value, icon, tip in (("left", "text-left", self.tr("Align left")), ("center", "text-center", self.tr("Centre")),
                                 ("right", "text-right", self.tr("Align right")), ("justify", "text-justify", self.tr("Justify"))):
            b = QToolButton()
            b.setCheckable(True)
            b.setIcon(resources.icon(icon))
            b.setToolTip(tip)
            b.setProperty("align", value)
            self.align_group.addButton(b)
            align_row.addWidget(b)
        align_row.addStretch(1)
        self.align_group.buttonClicked.connect(lambda b: self._set_style("align", b.property("align")))
        form.addRow(self.tr("Alignment:"), align_row)
        self.spacing_spin = QDoubleSpinBox()
        self.spacing_spin.setRange(0.5, 5.0)
        self.spacing_spin.setSingleStep(0.05)
        self.spacing_spin.setDecimals(2)
        self.spacing_spin.setSuffix(" ×")
        self.spacing_spin.setKeyboardTracking(False)
        self.spacing_spin.valueChanged.connect(lambda v: self._set_style("line_spacing", float(v)))
        form.addRow(self.tr("Line spacing:"), self.spacing_spin)
        self.valign_combo = QComboBox()
        for v, label in (("top", self.tr("Top")), ("middle", self.tr("Middle")), ("bottom", self.tr("Bottom"))):
            self.valign_combo.addItem(label, v)
        self.valign_combo.currentIndexChanged.connect(
            lambda _i: self._set_prop("valign", self.valign_combo.currentData()))
        form.addRow(self.tr("Vertical:"), self.valign_combo)
        self.text_color = ColorButton()
        self.text_color.color_changed.connect(lambda c: c is not None and self._set_style("color", c))
        form.addRow(self.tr("Colour:"), self.text_color)
        self.text_fill = ColorButton(allow_none=True)
        self.text_fill.color_changed.connect(lambda c: self._set_prop("fill", c, kinds=(TextBox,)))
        form.addRow(self.tr("Box fill:"), self.text_fill)
        self.overset_label = QLabel()
        self.overset_label.setStyleSheet("color: #e03131")
        self.overset_label.setWordWrap(True)
        form.addRow("", self.overset_label)

    def _toggle(self, text: str, tip: str, bold: bool = False, italic: bool = False,
                underline: bool = False) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setCheckable(True)
        b.setToolTip(tip)
        f = QFont(b.font())
        f.setBold(bold)
        f.setItalic(italic)
        f.setUnderline(underline)
        b.setFont(f)
        b.setFixedWidth(28)
        return b

    def _build_shape(self) -> None:
        self.shape_box, form = self._group(self.tr("Shape"))
        self.fill_btn = ColorButton(allow_none=True)
        self.fill_btn.color_changed.connect(lambda c: self._set_prop("fill", c, kinds=(RectElement,)))
        self.fill_row_label = QLabel(self.tr("Fill:"))
        form.addRow(self.fill_row_label, self.fill_btn)
        self.stroke_btn = ColorButton(allow_none=True)
        self.stroke_btn.color_changed.connect(self._stroke_edited)
        form.addRow(self.tr("Stroke:"), self.stroke_btn)
        self.stroke_spin = QDoubleSpinBox()
        self.stroke_spin.setRange(0, 100)
        self.stroke_spin.setDecimals(2)
        self.stroke_spin.setSingleStep(0.25)
        self.stroke_spin.setSuffix(" pt")
        self.stroke_spin.setKeyboardTracking(False)
        self.stroke_spin.valueChanged.connect(lambda v: self._set_prop("stroke_width", float(v),
                                                                         kinds=(RectElement, LineElement)))
        form.addRow(self.tr("Stroke width:"), self.stroke_spin)
        self.radius_spin = LengthSpin(self.unit, 0, 2000)
        self.radius_spin.valueChanged.connect(lambda _v: self._set_prop("corner_radius", self.radius_spin.points(),
                                                                          kinds=(RectElement,)))
        self.radius_label = QLabel(self.tr("Corner radius:"))
        form.addRow(self.radius_label, self.radius_spin)

    def _build_qr(self) -> None:
        self.qr_box, form = self._group(self.tr("QR Code"))
        self.payload_edit = QLineEdit()
        self.payload_edit.setPlaceholderText(self.tr("Type or paste a link or text"))
        self.payload_edit.editingFinished.connect(self._payload_edited)
        form.addRow(self.tr("Payload:"), self.payload_edit)
        self.ec_combo = QComboBox()
        for lvl, label in (("L", self.tr("L — 7 %")), ("M", self.tr("M — 15 %")), ("Q", self.tr("Q — 25 %")),
                           ("H", self.tr("H — 30 %"))):
            self.ec_combo.addItem(label, lvl)
        self.ec_combo.currentIndexChanged.connect(lambda _i: self._set_prop("error", self.ec_combo.currentData(),
                                                                              kinds=(QrElement,)))
        form.addRow(self.tr("Error correction:"), self.ec_combo)
        self.qr_fg = ColorButton()
        self.qr_fg.color_changed.connect(lambda c: c is not None and self._set_prop("fg", c, kinds=(QrElement,)))
        form.addRow(self.tr("Colour:"), self.qr_fg)
        self.qr_info = QLabel()
        self.qr_info.setWordWrap(True)
        form.addRow("", self.qr_info)

    def _build_image(self) -> None:
        self.image_box, form = self._group(self.tr("Image"))
        self.fit_combo = QComboBox()
        for v, label in (("fill", self.tr("Fill the box (crop)")), ("fit", self.tr("Fit inside the box")),
                         ("stretch", self.tr("Stretch to the box"))):
            self.fit_combo.addItem(label, v)
        self.fit_combo.currentIndexChanged.connect(lambda _i: self._set_prop("fit", self.fit_combo.currentData(),
                                                                               kinds=(ImageElement,)))
        form.addRow(self.tr("Fit:"), self.fit_combo)
        self.image_info = QLabel()
        self.image_info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow(self.tr("Pixels:"), self.image_info)
        self.dpi_label = QLabel()
        self.dpi_label.setWordWrap(True)
        form.addRow(self.tr("Resolution:"), self.dpi_label)

    def _build_card(self) -> None:
        self.card_box, form = self._group(self.tr("Card"))
        self.size_combo = QComboBox()
        from app.ui.gallery import _chinese_ui

        zh = _chinese_ui()
        for pid, preset in SIZE_PRESETS.items():
            self.size_combo.addItem(preset.title_zh if zh else preset.title, pid)
        self.size_combo.addItem(self.tr("Custom size"), "custom")
        self.size_combo.currentIndexChanged.connect(self._spec_edited)
        form.addRow(self.tr("Size:"), self.size_combo)
        custom = QHBoxLayout()
        self.card_w, self.card_h = LengthSpin(self.unit, 0, 2000), LengthSpin(self.unit, 0, 2000)
        for lab, spin in (("W", self.card_w), ("H", self.card_h)):
            l = QLabel(lab)
            l.setStyleSheet("color: #6c757d")
            custom.addWidget(l)
            custom.addWidget(spin, 1)
            spin.valueChanged.connect(self._spec_edited)
        self.custom_row = QWidget()
        self.custom_row.setLayout(custom)
        custom.setContentsMargins(0, 0, 0, 0)
        form.addRow("", self.custom_row)
        self.orient_combo = QComboBox()
        self.orient_combo.addItem(self.tr("Portrait"), "portrait")
        self.orient_combo.addItem(self.tr("Landscape"), "landscape")
        self.orient_combo.currentIndexChanged.connect(self._spec_edited)
        form.addRow(self.tr("Orientation:"), self.orient_combo)
        self.bleed_combo = QComboBox()
        for bid in BLEED_PRESETS:
            self.bleed_combo.addItem(bid.replace("mm", " mm").replace("in", " in"), bid)
        self.bleed_combo.currentIndexChanged.connect(self._spec_edited)
        form.addRow(self.tr("Bleed:"), self.bleed_combo)
        self.sides_combo = QComboBox()
        self.sides_combo.addItem(self.tr("Front and back"), 2)
        self.sides_combo.addItem(self.tr("Front only"), 1)
        self.sides_combo.currentIndexChanged.connect(self._spec_edited)
        form.addRow(self.tr("Sides:"), self.sides_combo)
        self.card_info = QLabel()
        self.card_info.setWordWrap(True)
        self.card_info.setStyleSheet("color: #495057")
        form.addRow("", self.card_info)
        self.bg_btn = ColorButton(allow_none=True)
        self.bg_btn.color_changed.connect(self._background_edited)
        form.addRow(self.tr("Background:"), self.bg_btn)
        self.palette_row = QHBoxLayout()
        self.palette_row.setSpacing(3)
        holder = QWidget()
        holder.setLayout(self.palette_row)
        form.addRow(self.tr("Brand colours:"), holder)
        buttons = QHBoxLayout()
        self.add_brand = QPushButton(self.tr("Add…"))
        self.add_brand.clicked.connect(self._add_brand_dialog)
        self.remove_brand = QPushButton(self.tr("Remove Last"))
        self.remove_brand.clicked.connect(self._remove_brand)
        buttons.addWidget(self.add_brand)
        buttons.addWidget(self.remove_brand)
        buttons.addStretch(1)
        form.addRow("", buttons)
        for btn in (self.text_color, self.text_fill, self.fill_btn, self.stroke_btn, self.qr_fg, self.bg_btn):
            btn.palette_source = lambda: list(self.doc.brand_colors) if self.doc else []
            btn.add_to_palette = self.add_brand_color

    # --- binding -----------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.doc = doc
        self.ids = []
        self._unsubscribe = doc.subscribe(self._on_change)
        self._fill_fonts()
        self.refresh()

    def set_canvas(self, scene) -> None:
        """Follow ``scene``'s inline text editor: with characters selected, the text
        formatting controls show and set the selection's look."""
        self.canvas = scene
        scene.text_selection_changed.connect(self._text_selection_moved)

    def _editor(self):
        """The inline editor of the one selected text box, or None."""
        ed = self.canvas.editor if self.canvas is not None else None
        if ed is None or self.ids != [ed.item.element_id]:
            return None
        return ed

    def _typing(self) -> bool:
        """The inline editor of the selected box is putting a keystroke into the text."""
        ed = self._editor()
        return ed is not None and ed.typing

    def _text_selection_moved(self) -> None:
        if self._typing():
            self._typing_timer.start()
        elif self.ids:
            self.refresh()

    def close_document(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stale = False
        self._stale_timer.stop()
        self._typing_timer.stop()
        if self._follows_stack:   # the stack may outlive the panel (see MainWindow.shutdown)
            self._follows_stack = False
            self.undo_stack.indexChanged.disconnect(self.refresh_if_stale)

    def set_selection(self, ids: list[str], side: str | None = None) -> None:
        self.ids = list(ids)
        if side:
            self.side = side
        self.refresh()

    def set_unit(self, unit: str) -> None:
        self.unit = str(Unit(unit).value)
        for spin in (self.x_spin, self.y_spin, self.w_spin, self.h_spin, self.radius_spin, self.card_w, self.card_h):
            spin.set_unit(self.unit)
        self.refresh()

    def _fill_fonts(self) -> None:
        fonts = self.fonts
        if fonts is None and self.doc is not None:
            from app.model.fonts import library_for

            fonts = library_for(self.doc)
        self._loading = True
        self.font_combo.set_library(fonts)
        self._loading = False

    def _on_change(self, ch) -> None:
        if ch.kind == "fonts-changed":
            self._fill_fonts()
        if ch.kind == "element-changed" and ch.prop == "paragraphs" and self._typing():
            self._typing_timer.start()
            return
        if (ch.element_id in self.ids or ch.kind in ("side-changed", "spec-changed", "document-changed", "assets-changed")
                or (ch.kind == "element-removed")):
            if ch.kind == "element-removed" and ch.element_id in self.ids:
                self.ids = [i for i in self.ids if i != ch.element_id]
            self._stale = True
            self._stale_timer.start()

    def refresh_if_stale(self, *_args) -> None:
        """Re-read the model if it changed since the last refresh (once per undo step)."""
        if self._stale:
            self.refresh()

    def elements(self):
        if self.doc is None:
            return []
        return [e for e in (self.doc.get(i) for i in self.ids) if e is not None]

    # --- model → widgets -----------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        self._stale_timer.stop()
        self._typing_timer.stop()
        self._loading = True
        try:
            self._refresh()
        finally:
            self._loading = False

    def _refresh(self) -> None:
        els = self.elements()
        kinds = {e.kind for e in els}
        self.geo_box.setVisible(bool(els))
        self.text_box.setVisible(bool(els) and kinds == {"text"})
        self.shape_box.setVisible(bool(els) and kinds <= {"rect", "line"} and bool(kinds))
        self.qr_box.setVisible(len(els) == 1 and kinds == {"qr"})
        self.image_box.setVisible(len(els) == 1 and kinds == {"image"})
        self.card_box.setVisible(not els and self.doc is not None)
        if not els:
            self.title.setText(self.tr("Card — %1").replace("%1", self.tr("Front") if self.side == "front" else self.tr("Back")))
            self._refresh_card()
            return
        names = {"text": self.tr("Text"), "image": self.tr("Image"), "qr": self.tr("QR Code"),
                 "rect": self.tr("Rectangle"), "line": self.tr("Line")}
        groups = {e.group for e in els}
        one_group = len(els) > 1 and len(groups) == 1 and "" not in groups
        if len(els) == 1:
            self.title.setText(names.get(els[0].kind, els[0].kind) + (f" — {els[0].name}" if els[0].name else ""))
        elif one_group:
            self.title.setText(self.tr("Group of %1 elements").replace("%1", str(len(els))))
        else:
            self.title.setText(self.tr("%1 elements").replace("%1", str(len(els))))
        first = els[0]
        single = len(els) == 1
        for spin in (self.w_spin, self.h_spin, self.rot_spin, self.name_edit):
            spin.setEnabled(single)
        # several elements (a group): X and Y are the selection's bounding box and move it as one
        movable = single or not any(e.locked for e in els)
        self.x_spin.setEnabled(movable)
        self.y_spin.setEnabled(movable)
        if one_group and movable:   # a group's W or H stretches it, as its edge handles do
            self.w_spin.setEnabled(True)
            self.h_spin.setEnabled(True)
        box = first.rect if single else self._selection_bounds(els)
        self.x_spin.set_points(box.x)
        self.y_spin.set_points(box.y)
        self.w_spin.set_points(box.w)
        self.h_spin.set_points(box.h)
        self.rot_spin.setValue(first.rotation if single else 0)
        self.name_edit.setText(first.name if single else "")
        self.lock_box.setChecked(all(e.locked for e in els))
        if kinds == {"text"}:
            self._refresh_text(first)
        if kinds and kinds <= {"rect", "line"}:
            self._refresh_shape(first, kinds)
        if single and first.kind == "qr":
            self._refresh_qr(first)
        if single and first.kind == "image":
            self._refresh_image(first)

    def _refresh_text(self, el: TextBox) -> None:
        st = el.paragraphs[0].style
        ed = self._editor()
        every = {"bold": st.bold, "italic": st.italic,
                 "underline": el.style_of_range(0, len(el.text))[2]["underline"]}
        if ed is not None:   # editing: the look of the selected characters (or before the caret)
            st, _ul, every = ed.selection_state()
        self.font_combo.set_current(st.font_family)
        self.size_spin.setValue(st.size_pt)
        self.bold_btn.setChecked(every["bold"])
        self.italic_btn.setChecked(every["italic"])
        self.underline_btn.setChecked(every["underline"])
        for b in self.align_group.buttons():
            b.setChecked(b.property("align") == st.align.value)
        self.spacing_spin.setValue(st.line_spacing)
        self.valign_combo.setCurrentIndex(max(0, self.valign_combo.findData(el.valign.value)))
        self.text_color.set_color(st.color)
        self.text_fill.set_color(el.fill)
        try:
            from app.model.text_layout import layout

            # the card's own library (system and added fonts), as the canvas lays it out: the
            # same cached layout, and the same overset verdict with a font added to the card
            fonts = self.fonts
            if fonts is None and self.doc is not None:
                from app.model.fonts import library_for

                fonts = library_for(self.doc)
            lay = layout(el, fonts)
            problems = []
            if lay.overset:
                problems.append(self.tr("Text does not fit the box (overset)."))
            if lay.missing_chars:
                problems.append(self.tr("The font has no glyph for: %1").replace("%1", " ".join(lay.missing_chars[:12])))
            self.overset_label.setText("\n".join(problems))
        except Exception:
            self.overset_label.setText("")

    def _refresh_shape(self, el, kinds) -> None:
        is_rect = kinds == {"rect"}
        self.fill_btn.setVisible(is_rect)
        self.fill_row_label.setVisible(is_rect)
        self.radius_spin.setVisible(is_rect)
        self.radius_label.setVisible(is_rect)
        self.shape_box.setTitle(self.tr("Shape") if is_rect else self.tr("Line") if kinds == {"line"} else self.tr("Shapes"))
        if is_rect:
            self.fill_btn.set_color(el.fill)
            self.radius_spin.set_points(el.corner_radius)
        self.stroke_btn.allow_none = el.kind == "rect"
        self.stroke_btn.set_color(el.stroke)
        self.stroke_spin.setValue(el.stroke_width)

    def _refresh_qr(self, el: QrElement) -> None:
        self.payload_edit.setText(el.payload)
        self.ec_combo.setCurrentIndex(max(0, self.ec_combo.findData(el.error)))
        self.qr_fg.set_color(el.fg)
        try:
            modules = el.modules
            size_mm = from_pt(min(el.w, el.h), "mm")
            self.qr_info.setText(self.tr("%1 × %1 modules, printed %2 mm wide").replace("%1", str(modules))
                                 .replace("%2", f"{size_mm:.1f}"))
            self.qr_info.setStyleSheet("color: #e03131" if size_mm < 15 else "color: #495057")
            if size_mm < 15:
                self.qr_info.setText(self.qr_info.text() + "\n" + self.tr("Below 15 mm phones may not scan it."))
        except Exception as exc:
            self.qr_info.setText(str(exc))
            self.qr_info.setStyleSheet("color: #e03131")

    def _refresh_image(self, el: ImageElement) -> None:
        self.fit_combo.setCurrentIndex(max(0, self.fit_combo.findData(el.fit.value)))
        asset = self.doc.assets.get(el.asset_id) if self.doc else None
        if asset is None:
            self.image_info.setText(self.tr("missing image"))
            self.dpi_label.setText("")
            return
        self.image_info.setText(f"{asset.width_px} × {asset.height_px} px · {asset.name}")
        dx, dy = el.effective_dpi(asset)
        worst = min(dx, dy)
        text = self.tr("%1 ppi effective at this size").replace("%1", f"{dx:.0f} × {dy:.0f}" if abs(dx - dy) > 1 else f"{worst:.0f}")
        if worst < 150:
            colour, note = "#e03131", self.tr("too low for print (needs 300)")
        elif worst < 300:
            colour, note = "#f08c00", self.tr("below the 300 ppi printers ask for")
        else:
            colour, note = "#2b8a3e", self.tr("good for print")
        self.dpi_label.setText(f"{text}\n{note}")
        self.dpi_label.setStyleSheet(f"color: {colour}; font-weight: 600")

    def _refresh_card(self) -> None:
        if self.doc is None:
            return
        spec = self.doc.spec
        self.card_info.setText(describe_spec(spec, self.unit))
        pid = spec.preset_id
        self.size_combo.setCurrentIndex(max(0, self.size_combo.findData(pid)))
        self.custom_row.setVisible(pid == "custom")
        self.card_w.set_points(spec.width)
        self.card_h.set_points(spec.height)
        self.orient_combo.setCurrentIndex(max(0, self.orient_combo.findData(spec.orientation)))
        bid = spec.bleed_preset_id
        if self.bleed_combo.findData(bid) < 0:
            self.bleed_combo.addItem(format_length(spec.bleed, self.unit), bid)
        self.bleed_combo.setCurrentIndex(max(0, self.bleed_combo.findData(bid)))
        self.sides_combo.setCurrentIndex(max(0, self.sides_combo.findData(spec.sides)))
        side = self.doc.side(self.side)
        self.bg_btn.set_color(side.background)
        while self.palette_row.count():
            w = self.palette_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for name, col in self.doc.brand_colors:
            b = QToolButton()
            b.setIcon(swatch_icon(col, 20))
            b.setIconSize(QSize(20, 20))
            b.setAutoRaise(True)
            b.setToolTip(self.tr("%1 — %2 (click: use as background)").replace("%1", name).replace("%2", col.label()))
            b.clicked.connect(lambda _=False, c=col: self._background_edited(c))
            self.palette_row.addWidget(b)
        if not self.doc.brand_colors:
            hint = QLabel(self.tr("none yet"))
            hint.setStyleSheet("color: #868e96")
            self.palette_row.addWidget(hint)
        self.palette_row.addStretch(1)
        self.remove_brand.setEnabled(bool(self.doc.brand_colors))

    # --- widgets → commands ---------------------------------------------------------------
    def _push(self, cmd) -> None:
        try:
            self.undo_stack.push(cmd)
        except Exception as exc:  # the model names the problem (e.g. a QR payload too long)
            self.message.emit(str(exc))
            self.refresh()

    def _set_prop(self, prop: str, value, kinds: tuple = ()) -> None:
        if self._loading or self.doc is None:
            return
        els = [e for e in self.elements() if not kinds or isinstance(e, kinds)]
        values = {e.id: value for e in els if getattr(e, prop) != value}
        if values:
            self._push(SetProperty(self.doc, values, prop))

    def _set_style(self, field: str, value) -> None:
        if self._loading or self.doc is None:
            return
        ed = self._editor()
        if ed is not None and field in RUN_FIELDS and ed.selected_range()[0] != ed.selected_range()[1]:
            try:   # characters are selected: they change, as one undo step
                ed.format_selection(field, value)
            except CardwiseError as exc:
                self.message.emit(str(exc))
            self.refresh()
            return
        if field == "underline":   # no paragraph-level underline: a run over each whole paragraph
            values = {e.id: new for e in self.elements() if isinstance(e, TextBox)
                      and (new := tuple(p.with_overrides(0, len(p.text), underline=value)
                                        for p in e.paragraphs)) != e.paragraphs}
            if values:
                self._push(SetProperty(self.doc, values, "paragraphs", text=self.tr("Underline")))
            return
        ids = [e.id for e in self.elements() if isinstance(e, TextBox)
               and any(getattr(p.style, field) != value for p in e.paragraphs)]
        if ids:
            self._push(SetStyle(self.doc, ids, field, value))

    def _stroke_edited(self, color) -> None:
        for kinds in ((RectElement,), (LineElement,)):
            if kinds == (LineElement,) and color is None:
                continue
            self._set_prop("stroke", color, kinds=kinds)

    @staticmethod
    def _selection_bounds(els):
        box = els[0].bounds
        for e in els[1:]:
            box = box.union(e.bounds)
        return box

    def _geometry_edited(self, *_a) -> None:
        if self._loading or self.doc is None or not self.ids:
            return
        if len(self.ids) > 1:   # a group or several elements: X/Y move the bounding box
            els = [e for e in (self.doc.get(i) for i in self.ids) if e is not None]
            if not els:
                return
            box = self._selection_bounds(els)
            dx, dy = self.x_spin.points() - box.x, self.y_spin.points() - box.y
            if abs(dx) > 1e-6 or abs(dy) > 1e-6:
                self._push(MoveElements(self.doc, {e.id: (e.x + dx, e.y + dy) for e in els}))
                return
            dw, dh = self.w_spin.points() - box.w, self.h_spin.points() - box.h
            if self.w_spin.isEnabled() and (abs(dw) > 1e-6 or abs(dh) > 1e-6):
                new = dragged_box(box, "r" if abs(dw) > 1e-6 else "b", dw, dh, els)
                if new != box:
                    self._push(ResizeGroup(self.doc, [e.id for e in els], box, new, uniform=False))
                self.refresh()   # shows the size the group got (kept above its minimum)
            return
        el = self.doc.get(self.ids[0])
        if el is None:
            return
        w, h = self.w_spin.points(), self.h_spin.points()
        if el.kind != "line" and (w <= 0 or h <= 0):
            self.refresh()
            return
        geom = (self.x_spin.points(), self.y_spin.points(), w, h)
        if any(abs(a - b) > 1e-6 for a, b in zip(geom, (el.x, el.y, el.w, el.h))):
            self._push(SetGeometry(self.doc, {el.id: geom}))

    def _payload_edited(self) -> None:
        text = self.payload_edit.text().strip()
        if not text:
            self.refresh()
            return
        self._set_prop("payload", text, kinds=(QrElement,))

    def _background_edited(self, color) -> None:
        if self._loading or self.doc is None:
            return
        if self.doc.side(self.side).background != color:
            self._push(SetSideProperty(self.doc, self.side, "background", color))

    def _spec_edited(self, *_a) -> None:
        if self._loading or self.doc is None:
            return
        old = self.doc.spec
        pid = self.size_combo.currentData()
        orientation = self.orient_combo.currentData()
        bleed = BLEED_PRESETS.get(self.bleed_combo.currentData(), old.bleed)
        sides = int(self.sides_combo.currentData())
        try:
            if pid == "custom":
                w, h = self.card_w.points(), self.card_h.points()
                if (w <= h) != (orientation == "portrait") and pid == old.preset_id:
                    w, h = h, w
                spec = CardSpec(w, h, bleed=bleed, safe=old.safe, sides=sides)
            else:
                spec = CardSpec.from_preset(pid, orientation, bleed=bleed, safe=old.safe, sides=sides)
        except CardwiseError as exc:
            self.message.emit(str(exc))
            self.refresh()
            return
        if spec != old:
            self._push(SetSpec(self.doc, spec))

    def add_brand_color(self, name: str, color: Color) -> None:
        if self.doc is None:
            return
        self._push(SetBrandColors(self.doc, list(self.doc.brand_colors) + [(name, color)]))

    def _add_brand_dialog(self) -> None:
        from app.ui.panels.color import CmykDialog
        from PySide6.QtWidgets import QDialog, QInputDialog

        dlg = CmykDialog(None, list(self.doc.brand_colors) if self.doc else [], None, False, self)
        if dlg.exec() != QDialog.Accepted:
            return
        name, ok = QInputDialog.getText(self, self.tr("Brand Colour"), self.tr("Name of this colour:"))
        if ok and name.strip():
            self.add_brand_color(name.strip(), dlg.color())

    def _remove_brand(self) -> None:
        if self.doc is not None and self.doc.brand_colors:
            self._push(SetBrandColors(self.doc, list(self.doc.brand_colors)[:-1]))
