"""File › Export…: same geometry as `cardwise export`, live preview, waiver for errors."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PySide6.QtWidgets import QApplication

from app import cli
from app.io import project
from app.model.color import Color
from app.model.document import Document
from app.model.elements import RectElement, TextBox, TextStyle
from app.model.geometry import CardSpec
from app.ui.export_dialog import ExportDialog


def boxes(path: Path) -> list[dict[str, list[float]]]:
    """Every page's MediaBox, TrimBox and BleedBox, rounded to 1/1000 pt."""
    with pikepdf.open(path) as pdf:
        return [{name: [round(float(v), 3) for v in page.obj[name]] for name in ("/MediaBox", "/TrimBox", "/BleedBox")}
                for page in pdf.pages]


@pytest.fixture
def clean_card(tmp_path):
    doc = Document.new(CardSpec.from_preset("4x6in"))
    doc.add_element("front", RectElement(x=-9, y=-9, w=doc.spec.width + 18, h=90, fill=Color(0.85, 0.35, 0, 0), stroke=None))
    doc.add_element("front", TextBox.from_text("Thank you for your order!\nWe hope it makes your day.",
                                               x=24, y=120, w=doc.spec.width - 48, h=120, style=TextStyle(size_pt=16)))
    path = project.save(doc, tmp_path / "card.cardwise")
    return project.load(path), path


def test_dialog_writes_the_same_geometry_as_the_cli(qtbot, clean_card, tmp_path):
    """Crop marks + 0.125 in bleed from the dialog give the page boxes `cardwise export` gives."""
    doc, card_path = clean_card
    dialog = ExportDialog(doc, None, tmp_path / "gui.pdf", findings=[])
    qtbot.addWidget(dialog)
    dialog.crop_marks.setChecked(True)
    dialog.bleed_box.setCurrentIndex(dialog.bleed_box.findText("0.125 in (⅛ in)"))
    assert dialog.do_export(), "the dialog refused a clean card"
    code = cli.main(["export", str(card_path), "-o", str(tmp_path / "cli.pdf"), "--crop-marks", "--bleed", "0.125in"])
    assert code == 0
    gui, ref = boxes(tmp_path / "gui.pdf"), boxes(tmp_path / "cli.pdf")
    assert gui == ref
    trim = gui[0]["/TrimBox"]
    assert round(trim[2] - trim[0], 3) == 288.0 and round(trim[3] - trim[1], 3) == 432.0
    assert gui[0]["/BleedBox"][0] == round(trim[0] - 9.0, 3)


def test_preview_follows_the_options(qtbot, clean_card, tmp_path):
    """Turning crop marks on re-renders the preview with the larger (slugged) page."""
    doc, _ = clean_card
    dialog = ExportDialog(doc, None, tmp_path / "p.pdf", findings=[])
    qtbot.addWidget(dialog)
    before = dialog.render_preview()
    assert before is not None and dialog.preview_error is None
    renders = dialog.preview_renders
    dialog.crop_marks.setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview_renders > renders)
    after = dialog.render_preview()
    assert after.width() > before.width() and after.height() > before.height()


def test_proof_and_nup_are_written_beside_the_pdf(qtbot, clean_card, tmp_path):
    """Ticking PNG proof and N-up sheet writes both next to the PDF."""
    doc, _ = clean_card
    dialog = ExportDialog(doc, None, tmp_path / "out" / "card.pdf", findings=[])
    qtbot.addWidget(dialog)
    (tmp_path / "out").mkdir()
    dialog.proof.setChecked(True)
    dialog.nup.setChecked(True)
    assert dialog.do_export()
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["card-nup-a4.pdf", "card.pdf", "card.png"]


def test_export_with_errors_needs_a_waiver_and_writes_the_signoff(qtbot, tmp_path):
    """Errors are listed, Export stays disabled until a reason is typed, and then the
    sign-off sheet is written beside the PDF with the reason in the PDF's metadata."""
    doc = Document.new(CardSpec.from_preset("4x6in"))
    doc.add_element("front", TextBox.from_text("Leave us a 5-star review and get a free gift card!",
                                               x=24, y=60, w=240, h=120, style=TextStyle(size_pt=14)))
    dialog = ExportDialog(doc, None, tmp_path / "card.pdf")
    qtbot.addWidget(dialog)
    assert dialog.errors, "the preflight found no error in a gift-for-review card"
    assert dialog.errors_list.count() == len(dialog.errors)
    assert not dialog.export_button.isEnabled()
    dialog.waiver.setText("Legal approved the wording for the retail (non-Amazon) channel")
    assert dialog.export_button.isEnabled()
    assert dialog.do_export()
    assert (tmp_path / "card.pdf").exists() and (tmp_path / "card-signoff.pdf").exists()
    with pikepdf.open(tmp_path / "card.pdf") as pdf:
        info = " ".join(str(v) for v in pdf.docinfo.values())
        xmp = str(pdf.open_metadata())
    assert "Legal approved the wording" in info + xmp


def test_options_of_the_last_export_come_back(qtbot, clean_card, tmp_path):
    """Crop marks, bleed preset and N-up chosen once are preselected next time."""
    from PySide6.QtCore import QSettings

    doc, _ = clean_card
    store = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    first = ExportDialog(doc, None, tmp_path / "a.pdf", findings=[], store=store)
    qtbot.addWidget(first)
    first.crop_marks.setChecked(True)
    first.bleed_box.setCurrentIndex(first.bleed_box.findText("2 mm"))
    first.nup.setChecked(True)
    first.nup_sheet.setCurrentIndex(first.nup_sheet.findData("letter"))
    assert first.do_export()
    again = ExportDialog(doc, None, tmp_path / "b.pdf", findings=[], store=store)
    qtbot.addWidget(again)
    c = again.choices()
    assert (c.crop_marks, c.nup, again.bleed_box.currentText()) == (True, "letter", "2 mm")


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_preview_shows_the_whole_card_on_open_and_on_resize(qtbot, tmp_path, orientation):
    """The page in the preview fits its frame as soon as the dialog opens (not only after an
    option is toggled), keeps the card's proportions, and fits again after the user resizes."""
    doc = Document.new(CardSpec.from_preset("4x6in", orientation))
    doc.add_element("front", RectElement(x=-20, y=-20, w=doc.spec.width + 40, h=doc.spec.height + 40,
                                         fill=Color(0, 0.6, 0.9, 0), stroke=None))   # to the bleed
    dialog = ExportDialog(doc, None, tmp_path / "p.pdf", findings=[])
    dialog.crop_marks.setChecked(False)
    qtbot.addWidget(dialog)
    renders = dialog.preview_renders
    dialog.show()
    qtbot.waitExposed(dialog)

    def assert_fits() -> None:
        pix = dialog.preview.pixmap()
        room = dialog.preview.contentsRect().size()
        assert not pix.isNull()
        assert pix.width() <= room.width() and pix.height() <= room.height(), (pix.size(), room)
        # the whole page is there: the picture has the card's proportions, and fills one side
        assert abs(pix.width() / pix.height() - doc.spec.width / doc.spec.height) < 0.03
        assert max(pix.width() / room.width(), pix.height() / room.height()) > 0.85
        # and the page is seen whole on screen: the card's colour reaches all four edges
        img = dialog.preview.grab().toImage()
        x0 = (room.width() - pix.width()) // 2 + dialog.preview.contentsRect().x()
        y0 = (room.height() - pix.height()) // 2 + dialog.preview.contentsRect().y()
        for x, y in ((x0 + 3, y0 + 3), (x0 + pix.width() - 4, y0 + pix.height() - 4)):
            c = img.pixelColor(x, y)
            assert c.red() > 200 and c.blue() < 120, (x, y, c.name())   # the orange card, not grey

    assert_fits()
    assert dialog.preview_renders == renders, "fitting must not re-render the PDF"
    dialog.resize(dialog.width() + 300, dialog.height() + 200)
    QApplication.processEvents()
    assert_fits()


def test_the_export_gate_judges_deep(qtbot, clean_card, tmp_path):
    """The dialog's gate judges the card deep through the designer's judge: a finding only the
    sentence encoder makes (a deep read) is listed and refuses the export without a waiver,
    though the designer's last keystroke verdict may not have had it yet."""
    from tests.ui.test_live_check_service import HONEST, EncoderJudge

    doc, _ = clean_card
    doc.add_element("front", TextBox.from_text(HONEST, x=24, y=260, w=240, h=60))
    judge = EncoderJudge()
    dialog = ExportDialog(doc, None, tmp_path / "card.pdf", judge_factory=lambda profile: judge)
    qtbot.addWidget(dialog)
    assert [f.rule for f in dialog.errors] == ["CW150"]
    assert judge.calls and all(deep for deep, _text in judge.calls)
    assert not dialog.export_button.isEnabled() and not dialog.do_export()
    assert not (tmp_path / "card.pdf").exists()
