"""The properties panel's font chooser: families grouped, previewed in their own face, with
script badges and a search box; a family that cannot be embedded is not chosen for print."""
from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QUndoStack

from app.model import CardSpec, Document, TextBox, TextStyle
from app.model.fonts import FontLibrary, reportlab_font_dir
from app.model.units import mm
from app.ui.panels.font_picker import FAMILY_ROLE, HEADER_ROLE
from app.ui.panels.properties import PropertiesPanel

VERA_FILES = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")


def _renamed(data: bytes, new: str) -> bytes:
    old = "Bitstream Vera Sans"
    return (data.replace(old.encode("utf-16-be"), new.encode("utf-16-be"))
            .replace(old.encode("ascii"), new.encode("ascii")))


def _as_cff(data: bytes) -> bytes:
    b = bytearray(data)
    for i in range(struct.unpack_from(">H", b, 4)[0]):
        if bytes(b[12 + 16 * i:16 + 16 * i]) == b"glyf":
            b[12 + 16 * i:16 + 16 * i] = b"CFF "
    return bytes(b)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> FontLibrary:
    d = tmp_path_factory.mktemp("fonts")
    for name in VERA_FILES:
        data = (reportlab_font_dir() / name).read_bytes()
        (d / f"cff-{name}").write_bytes(_as_cff(_renamed(data, "Cardwise Test CFF S")))
    return FontLibrary(system=False, extra_dirs=[d])


@pytest.fixture
def panel(qtbot, library):
    doc = Document.new(CardSpec.from_preset("a6"))
    box = TextBox.from_text("Hello", TextStyle(size_pt=12), x=mm(10), y=mm(10), w=mm(60), h=mm(20))
    doc.add_element("front", box)
    stack = QUndoStack()
    p = PropertiesPanel(stack, fonts=library)
    qtbot.addWidget(p)
    p.set_document(doc)
    p.set_selection([box.id], "front")
    p.show()
    qtbot.waitExposed(p)
    yield p, doc, box, stack
    p.font_combo.popup.hide()


def _rows(picker):
    return picker.popup.rows()


def test_families_are_grouped_once_each_with_an_embed_group(panel):
    p, _doc, _box, _stack = panel
    picker = p.font_combo
    assert picker.current() == "Bitstream Vera Sans"
    rows = _rows(picker)
    headers = [t for t, fam, _v in rows if fam is None]
    assert headers[0] == "Bundled with Cardwise" and headers[-1] == "Cannot be embedded in print"
    names = [t for t, fam, _v in rows if fam is not None]
    assert names.count("Bitstream Vera Sans") == 1, "four style files, one row"
    assert names.count("Cardwise Test CFF S") == 1
    # the unprintable family sits under the last header, after every printable one
    assert names.index("Cardwise Test CFF S") > names.index("Bitstream Vera Sans")


def test_rows_preview_in_their_own_face_and_carry_scripts(panel):
    p, *_ = panel
    model = p.font_combo.popup.model
    for i in range(model.rowCount()):
        item = model.item(i)
        if item.data(HEADER_ROLE):
            continue
        fam = item.data(FAMILY_ROLE)
        if fam.name == "Bitstream Vera Sans":
            font = item.data(Qt.FontRole)
            assert QFontInfo(font).family() == "Bitstream Vera Sans"   # the bundled file, registered with Qt
            assert "Latin" in item.data(Qt.ToolTipRole)
            assert "Regular · Bold · Italic · Bold Italic" in item.data(Qt.ToolTipRole)
            return
    pytest.fail("Vera row not found")


def test_search_and_script_filter_hide_rows_and_empty_groups(panel):
    p, *_ = panel
    popup = p.font_combo.popup
    popup.search.setText("cff")
    visible = [t for t, _f, v in popup.rows() if v]
    assert visible == ["Cannot be embedded in print", "Cardwise Test CFF S"]
    popup.search.setText("")
    popup.script.setCurrentIndex(popup.script.findData("cyrillic"))
    shown = [t for t, f, v in popup.rows() if v and f is not None]
    assert "Bitstream Vera Sans" not in shown, "Vera has no Cyrillic"
    assert all("cyrillic" in f.scripts for _t, f, v in popup.rows() if v and f is not None)
    popup.script.setCurrentIndex(popup.script.findData("latin"))
    assert "Bitstream Vera Sans" in [t for t, f, v in popup.rows() if v and f is not None]


def test_unprintable_family_explains_and_is_not_chosen(panel, qtbot):
    p, _doc, box, stack = panel
    picker = p.font_combo
    picker.open_popup()
    popup = picker.popup
    row = next(i for i, (t, _f, _v) in enumerate(popup.rows()) if t == "Cardwise Test CFF S")
    index = popup.model.index(row, 0)
    assert not popup.model.item(row).isSelectable()
    popup._clicked(index)
    assert box.paragraphs[0].style.font_family == "Bitstream Vera Sans"
    assert stack.count() == 0
    assert popup.note.isVisibleTo(popup) and "CFF" in popup.note.text() and "TrueType" in popup.note.text()


def test_choosing_a_family_is_one_undoable_step(panel, library, tmp_path):
    p, doc, box, stack = panel
    lib = FontLibrary(system=False)
    data = _renamed((reportlab_font_dir() / "Vera.ttf").read_bytes(), "Cardwise Plain Sans")
    doc.add_font(data, "plain.ttf")
    lib.add_project_font("plain.ttf", data)
    p.fonts = lib
    p._fill_fonts()
    picker = p.font_combo
    rows = _rows(picker)
    assert rows[0][0] == "Added to this card" and rows[1][0] == "Cardwise Plain Sans"
    picker.popup._clicked(picker.popup.model.index(1, 0))
    assert box.paragraphs[0].style.font_family == "Cardwise Plain Sans"
    assert picker.current() == "Cardwise Plain Sans"
    assert stack.count() == 1
    stack.undo()
    assert box.paragraphs[0].style.font_family == "Bitstream Vera Sans"
    assert picker.current() == "Bitstream Vera Sans", "the picker follows undo"


def test_unknown_family_in_a_card_is_shown_with_a_warning(panel):
    p, doc, box, _stack = panel
    p.font_combo.set_current("Gone Sans")
    assert p.font_combo.text().startswith("⚠") and "not installed" in p.font_combo.toolTip()


def test_font_picker_renders(panel, tmp_path):
    """Rendered offscreen: the popup shows rows with a preview face and badges (non-blank)."""
    p, *_ = panel
    picker = p.font_combo
    picker.open_popup()
    img = picker.popup.grab().toImage()
    assert img.width() >= 400 and img.height() >= 300
    colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert "#e7f1ff" in colours and "#fde2e1" in colours   # a script badge and a "cannot embed" mark
    out = Path(tmp_path) / "picker.png"
    assert img.save(str(out))


def test_the_popup_stays_on_screen_beside_the_right_edge(panel):
    """The properties panel sits at the right edge of a maximised window: the dropdown is
    right-aligned with the button instead of running off the screen (or the window)."""
    p, *_ = panel
    picker = p.font_combo
    window = picker.window()
    right = max(window.frameGeometry().right(), picker.screen().availableGeometry().right())
    window.move(right - window.frameGeometry().width() + 1, window.y())   # flush with the right edge
    button = picker.mapToGlobal(picker.rect().bottomRight())
    picker.open_popup()
    popup = picker.popup.geometry()
    assert popup.width() > picker.width()             # wider than the button: it had to move
    assert popup.right() <= right
    assert abs(popup.right() - button.x()) <= 3 and abs(popup.top() - button.y()) <= 3   # (window frame)
