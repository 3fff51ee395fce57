"""The font chooser of the properties panel: families, not font files.

A button shows the current family in its own face; clicking it opens a popup with a search
box, a script filter and the font list from :meth:`app.model.fonts.FontLibrary.catalogue`:

* families grouped — "Added to this card", "Bundled with Cardwise", "Installed" — and a last
  group "Cannot be embedded in print" for families reportlab cannot embed (OpenType/CFF
  outlines, or a licence that forbids embedding);
* each row previews the family in its own face (its name, or a word in its script when it
  has no Latin letters), lists its styles (Regular · Bold · Italic · Bold Italic) and shows a
  badge per script its cmap covers (Latin, Кир, Ελ, 日本語, 简体, 繁體, 한국어 …);
* a family that cannot be embedded is drawn greyed with a red "cannot embed" badge; clicking
  it does not choose it but says why in the popup's note line.

Search matches the family name, a style, or a script ("japanese", "日本語", "cyrillic").
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QPainter,
    QPen,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.fonts import SCRIPT_BY_KEY, SCRIPTS, FaceInfo, FontFamily

FAMILY_ROLE = Qt.UserRole + 1      # the FontFamily of a row (None on group headers)
HEADER_ROLE = Qt.UserRole + 2      # True on group headers
PREVIEW_PT = 13.0
_T = QT_TRANSLATE_NOOP
GROUPS = (("project", _T("FontPicker", "Added to this card")), ("bundled", _T("FontPicker", "Bundled with Cardwise")),
          ("installed", _T("FontPicker", "Installed")))
UNPRINTABLE_GROUP = _T("FontPicker", "Cannot be embedded in print")
#: script names as the interface shows them (app.model.fonts.SCRIPTS keys)
SCRIPT_LABELS = {
    "latin": _T("FontPicker", "Latin"), "greek": _T("FontPicker", "Greek"),
    "cyrillic": _T("FontPicker", "Cyrillic"), "ja": _T("FontPicker", "Japanese (kana and kanji)"),
    "zh-hans": _T("FontPicker", "Simplified Chinese"), "zh-hant": _T("FontPicker", "Traditional Chinese"),
    "ko": _T("FontPicker", "Korean"), "ar": _T("FontPicker", "Arabic"), "he": _T("FontPicker", "Hebrew"),
    "th": _T("FontPicker", "Thai"), "deva": _T("FontPicker", "Devanagari"),
}
#: which script badges stay when a row has room for only some (the rest become "+N")
BADGE_PRIORITY = ("latin", "ja", "zh-hans", "zh-hant", "ko", "ar", "he", "th", "deva", "cyrillic", "greek")

_QT_FAMILIES: dict[tuple[str, int], str | None] = {}


def _tr(text: str) -> str:
    return QCoreApplication.translate("FontPicker", text)


def qt_family(info: FaceInfo, fonts=None) -> str | None:  # noqa: ANN001 - FontLibrary
    """The Qt family name that draws ``info``'s face (registering the file with Qt when
    fontconfig does not know it: the bundled default, project fonts)."""
    key = (info.source, info.index)
    if key in _QT_FAMILIES:
        return _QT_FAMILIES[key]
    name: str | None = None
    if not info.source.startswith("project:") and info.family in QFontDatabase.families():
        name = info.family
    else:
        if info.source.startswith("project:"):
            if fonts is None:
                _QT_FAMILIES[key] = None
                return None
            fid = QFontDatabase.addApplicationFontFromData(QByteArray(fonts.load(info).data))
        else:
            fid = QFontDatabase.addApplicationFont(info.source)
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        name = info.family if info.family in families else (families[0] if families else None)
    _QT_FAMILIES[key] = name
    return name


def preview_font(family: FontFamily, fonts=None, size: float = PREVIEW_PT) -> QFont:  # noqa: ANN001
    face = family.preview_face()
    font = QFont()
    name = qt_family(face, fonts)
    if name:
        font.setFamilies([name])
    font.setPointSizeF(size)
    font.setBold(face.bold)
    font.setItalic(face.italic)
    return font


STYLE_LABELS = {"Regular": _T("FontPicker", "Regular"), "Bold": _T("FontPicker", "Bold"),
                "Italic": _T("FontPicker", "Italic"), "Bold Italic": _T("FontPicker", "Bold Italic")}


def styles_text(family: FontFamily) -> str:
    return " · ".join(_tr(STYLE_LABELS[s]) for s in family.styles)


def script_label(key: str) -> str:
    return _tr(SCRIPT_LABELS[key]) if key in SCRIPT_LABELS else SCRIPT_BY_KEY[key].label


def describe(family: FontFamily) -> str:
    """The tooltip: styles, scripts, and whether it prints."""
    scripts = ", ".join(script_label(k) for k in family.scripts) or _tr("no recognised script")
    lines = [family.name, _tr("Styles: %1").replace("%1", styles_text(family)),
             _tr("Scripts: %1").replace("%1", scripts)]
    if family.printable:
        lines.append(_tr("Embeds in the print PDF."))
    else:
        lines.append(_tr("Cannot be printed: %1").replace("%1", family.problem or ""))
    return "\n".join(lines)


class FontListModel(QStandardItemModel):
    """Group headers and family rows for the popup's list."""

    def set_families(self, families: list[FontFamily], fonts=None) -> None:  # noqa: ANN001
        self.clear()
        printable = [f for f in families if f.printable]
        groups = [(_tr(title), [f for f in printable if f.origin == origin]) for origin, title in GROUPS]
        groups.append((_tr(UNPRINTABLE_GROUP), [f for f in families if not f.printable]))
        for title, members in groups:
            if not members:
                continue
            header = QStandardItem(title)
            header.setData(True, HEADER_ROLE)
            header.setFlags(Qt.NoItemFlags)
            self.appendRow(header)
            for fam in members:
                item = QStandardItem(fam.name)
                item.setData(fam, FAMILY_ROLE)
                item.setData(False, HEADER_ROLE)
                item.setData(preview_font(fam, fonts), Qt.FontRole)
                item.setData(describe(fam), Qt.ToolTipRole)
                # an unprintable family stays clickable (to say why) but is not selectable
                item.setFlags(Qt.ItemIsEnabled | (Qt.ItemIsSelectable if fam.printable else Qt.NoItemFlags))
                self.appendRow(item)


class FontRowDelegate(QStyledItemDelegate):
    """Paints a family row: preview in its own face, styles, script badges, embed mark."""

    @staticmethod
    def _chip(painter: QPainter, box: QRect, text: str, bg: QColor, fg: QColor) -> None:
        painter.setPen(Qt.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QPen(fg))
        painter.drawText(box, Qt.AlignCenter, text)

    ROW_H = 46
    HEADER_H = 24

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(320, self.HEADER_H if index.data(HEADER_ROLE) else self.ROW_H)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        r = option.rect
        if index.data(HEADER_ROLE):
            f = QFont(option.font)
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 0.9)
            painter.setFont(f)
            painter.fillRect(r, QColor("#eef1f4"))
            painter.setPen(QColor("#495057"))
            painter.drawText(r.adjusted(8, 0, -8, 0), Qt.AlignVCenter | Qt.AlignLeft, index.data(Qt.DisplayRole))
            painter.restore()
            return
        fam: FontFamily = index.data(FAMILY_ROLE)
        if option.state & QStyle.State_Selected:
            painter.fillRect(r, option.palette.highlight().color().lighter(170))
        elif option.state & QStyle.State_MouseOver:
            painter.fillRect(r, QColor("#f3f6f9"))
        ink = QColor("#212529") if fam.printable else QColor("#a0a6ad")
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.82))
        fm = QFontMetrics(small)
        left = r.left() + 10
        # script badges at the right of line 1, at most 45 % of the row ("+N" for the rest)
        budget = int(r.width() * 0.45)
        keys = list(fam.scripts)
        plus = fm.horizontalAdvance(f"+{len(keys)}") + 14

        def width(ks: list[str]) -> int:
            return sum(fm.horizontalAdvance(SCRIPT_BY_KEY[k].badge) + 14 for k in ks) + (plus if len(ks) < len(keys) else 0)

        # too many for the row: drop the least telling first (Greek, Cyrillic before CJK)
        kept = sorted(keys, key=BADGE_PRIORITY.index)
        while kept and width(kept) > budget:
            kept.pop()
        chips = [(SCRIPT_BY_KEY[k].badge, QColor("#e7f1ff"), QColor("#0b5394")) for k in keys if k in kept]
        if len(kept) < len(keys):
            chips.append((f"+{len(keys) - len(kept)}", QColor("#e7f1ff"), QColor("#0b5394")))
        painter.setFont(small)
        x = r.right() - 6
        for text, bg, fg in reversed(chips):
            x -= fm.horizontalAdvance(text) + 10
            self._chip(painter, QRect(x, r.top() + 7, fm.horizontalAdvance(text) + 10, fm.height() + 2), text, bg, fg)
            x -= 4
        # line 1: the preview in the family's own face
        preview: QFont = index.data(Qt.FontRole) or option.font
        text_w = x - left - 4
        painter.setPen(ink)
        if fam.sample == fam.name:
            painter.setFont(preview)
            pm = QFontMetrics(preview)
            painter.drawText(QRect(left, r.top() + 2, text_w, pm.height() + 4), Qt.AlignLeft | Qt.AlignVCenter,
                             pm.elidedText(fam.name, Qt.ElideRight, text_w))
        else:   # no Latin letters: the name in the interface font, a word in its script in its face
            name_font = QFont(option.font)
            painter.setFont(name_font)
            nm = QFontMetrics(name_font)
            name_w = min(nm.horizontalAdvance(fam.name + "  "), text_w // 2)
            painter.drawText(QRect(left, r.top() + 2, name_w, 24), Qt.AlignLeft | Qt.AlignVCenter,
                             nm.elidedText(fam.name, Qt.ElideRight, name_w))
            painter.setFont(preview)
            pm = QFontMetrics(preview)
            painter.drawText(QRect(left + name_w, r.top() + 2, text_w - name_w, 24), Qt.AlignLeft | Qt.AlignVCenter,
                             pm.elidedText(fam.sample, Qt.ElideRight, text_w - name_w))
        # line 2: styles, or a "cannot embed" mark and why
        painter.setFont(small)
        line_rect = QRect(left, r.bottom() - fm.height() - 4, r.width() - 20, fm.height() + 2)
        if fam.printable:
            painter.setPen(QColor("#6c757d"))
            painter.drawText(line_rect, Qt.AlignLeft | Qt.AlignVCenter,
                             fm.elidedText(styles_text(fam), Qt.ElideRight, line_rect.width()))
        else:
            mark = _tr("cannot embed")
            mw = fm.horizontalAdvance(mark) + 10
            self._chip(painter, QRect(left, line_rect.top() - 1, mw, fm.height() + 2), mark,
                       QColor("#fde2e1"), QColor("#b42318"))
            painter.setPen(QColor("#b42318"))
            rest = line_rect.adjusted(mw + 6, 0, 0, 0)
            painter.drawText(rest, Qt.AlignLeft | Qt.AlignVCenter,
                             fm.elidedText(_short_problem(fam), Qt.ElideRight, rest.width()))
        painter.restore()


def _short_problem(fam: FontFamily) -> str:
    faces = fam.faces
    if all(f.outlines != "truetype" for f in faces):
        return _tr("OpenType/CFF outlines; a TrueType (.ttf) build prints")
    return _tr("its licence forbids embedding")


class FontPopup(QFrame):
    """The dropdown: search box, script filter, the grouped list and a note line."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Popup)
        self.setObjectName("font-popup")
        self.setFrameShape(QFrame.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_tr("Search: name, style or script (日本語, Cyrillic…)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.script = QComboBox()
        self.script.addItem(_tr("All scripts"), "")
        for sc in SCRIPTS:
            self.script.addItem(script_label(sc.key), sc.key)
        self.script.currentIndexChanged.connect(self.apply_filter)
        row.addWidget(self.search, 1)
        row.addWidget(self.script)
        lay.addLayout(row)
        self.model = FontListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(FontRowDelegate(self.view))
        self.view.setMouseTracking(True)
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QListView.ScrollPerPixel)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        lay.addWidget(self.view, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b42318")
        self.note.hide()
        lay.addWidget(self.note)
        self.search.installEventFilter(self)
        self.resize(440, 460)

    def set_families(self, families: list[FontFamily], fonts=None) -> None:  # noqa: ANN001
        self.model.set_families(families, fonts)
        self.apply_filter()

    def rows(self) -> list[tuple[str, FontFamily | None, bool]]:
        """(text, family or None for a header, visible) of every row (for tests)."""
        return [(self.model.item(i).text(), self.model.item(i).data(FAMILY_ROLE), not self.view.isRowHidden(i))
                for i in range(self.model.rowCount())]

    def apply_filter(self, *_args) -> None:  # noqa: ANN002 - Qt signal arguments
        query = self.search.text()
        script = self.script.currentData() or ""
        header_row = None
        header_has = False
        for i in range(self.model.rowCount()):
            item = self.model.item(i)
            if item.data(HEADER_ROLE):
                if header_row is not None:
                    self.view.setRowHidden(header_row, not header_has)
                header_row, header_has = i, False
                continue
            fam: FontFamily = item.data(FAMILY_ROLE)
            show = fam.matches(query) and (not script or script in fam.scripts)
            self.view.setRowHidden(i, not show)
            header_has = header_has or show
        if header_row is not None:
            self.view.setRowHidden(header_row, not header_has)
        self.note.hide()

    def select_family(self, name: str) -> None:
        for i in range(self.model.rowCount()):
            fam = self.model.item(i).data(FAMILY_ROLE)
            if fam is not None and fam.name.casefold() == name.casefold():
                self.view.setCurrentIndex(self.model.index(i, 0))
                self.view.scrollTo(self.model.index(i, 0), QListView.PositionAtCenter)
                return

    def _clicked(self, index: QModelIndex) -> None:
        fam: FontFamily | None = index.data(FAMILY_ROLE)
        if fam is None:
            return
        if not fam.printable:
            self.note.setText(_tr("%1 cannot be used for print: %2").replace("%1", fam.name)
                              .replace("%2", fam.problem or ""))
            self.note.show()
            return
        self.chosen.emit(fam.name)
        self.hide()

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        if obj is self.search and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Down, Qt.Key_Return, Qt.Key_Enter):
            visible = [i for i in range(self.model.rowCount())
                       if not self.view.isRowHidden(i) and self.model.item(i).isSelectable()]
            if visible and event.key() == Qt.Key_Down:
                self.view.setFocus()
                self.view.setCurrentIndex(self.model.index(visible[0], 0))
                return True
            if visible and event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self._clicked(self.model.index(visible[0], 0))
                return True
        return super().eventFilter(obj, event)


class FontPicker(QPushButton):
    """The properties panel's font field: shows the current family in its face, opens
    :class:`FontPopup`; ``familyChosen`` fires only for a printable family the user picked."""

    familyChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("font-picker")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setStyleSheet("QPushButton#font-picker { text-align: left; padding: 3px 22px 3px 8px; }")
        self.popup = FontPopup(self)
        self.popup.chosen.connect(self._chosen)
        self.clicked.connect(self.open_popup)
        self._families: list[FontFamily] = []
        self._fonts = None
        self._current = ""

    def set_library(self, fonts) -> None:  # noqa: ANN001 - app.model.fonts.FontLibrary
        self._fonts = fonts
        self._families = fonts.catalogue() if fonts is not None else []
        self.popup.set_families(self._families, fonts)
        self.set_current(self._current)

    def families(self) -> list[FontFamily]:
        return list(self._families)

    def current(self) -> str:
        return self._current

    def set_current(self, name: str) -> None:
        """Show ``name`` (no signal); an unknown or unprintable family is shown with a warning."""
        self._current = name
        fam = next((f for f in self._families if f.name.casefold() == name.casefold()), None)
        if fam is None:
            self.setFont(QFont())
            self.setText(f"⚠ {name}" if name else "")
            self.setToolTip(_tr("%1 is not installed and not added to this card").replace("%1", name) if name else "")
            return
        self.setFont(preview_font(fam, self._fonts, size=QFont().pointSizeF() or 10.0))
        self.setText(fam.name if fam.printable else f"⚠ {fam.name}")
        self.setToolTip(describe(fam))

    def open_popup(self) -> None:
        self.popup.search.clear()
        self.popup.select_family(self._current)
        width = max(self.width(), 440)
        self.popup.resize(width, self.popup.height())
        self.popup.move(self._popup_position(width, self.popup.height()))
        self.popup.show()
        self.popup.search.setFocus()

    def _popup_position(self, width: int, height: int) -> QPoint:
        """Below the button, left-aligned; right-aligned with it where that would run off the
        screen (the properties panel sits at the right edge of a maximised window), and above
        it where there is no room below."""
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen()
        bounds = self.window().frameGeometry()
        if screen is not None:
            bounds = bounds.united(screen.availableGeometry())
        x, y = below.x(), below.y()
        if x + width > bounds.right() + 1:
            x = max(bounds.left(), self.mapToGlobal(self.rect().bottomRight()).x() + 1 - width)
        if y + height > bounds.bottom() + 1:
            y = max(bounds.top(), self.mapToGlobal(self.rect().topLeft()).y() - height)
        return QPoint(x, y)

    def paintEvent(self, event) -> None:  # noqa: ANN001 - a down arrow at the right, like a combo box
        super().paintEvent(event)
        p = QPainter(self)
        p.setPen(QColor("#6c757d"))
        p.drawText(self.rect().adjusted(0, 0, -8, 0), Qt.AlignRight | Qt.AlignVCenter, "▾")
        p.end()

    def _chosen(self, name: str) -> None:
        self.set_current(name)
        self.familyChosen.emit(name)
