"""File handling from the window: save/open round trip, the unsaved-changes question, autosave
and crash recovery, recent files, the template gallery and the launcher's arguments."""
from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.io import project
from app.model import CardSpec, Color, Document, RectElement, TextBox, TextStyle
from app.model.templates import new_from_template
from app.model.units import mm
from app.ui.application import offer_recovery
from app.ui.commands import AddElements, SetProperty
from app.ui.files import pending_recoveries


def sample():
    doc = Document.new(CardSpec.from_preset("a6"))
    doc.add_element("front", TextBox.from_text("Thank you!", TextStyle(size_pt=14), x=mm(10), y=mm(10),
                                               w=mm(60), h=mm(15)))
    return doc


def test_save_then_open_round_trip(qtbot, designer, tmp_path, monkeypatch):
    """Save As writes a .cardwise that opens back into the same document, marked clean."""
    win = designer(sample())
    rect = RectElement(x=5, y=5, w=40, h=30, fill=Color.cmyk_percent(0, 60, 100, 0))
    win.undo_stack.push(AddElements(win.document, "front", [rect]))
    assert win.isWindowModified()
    target = tmp_path / "card"  # the extension is added
    monkeypatch.setattr(win.files, "ask_save_path", lambda: str(target))
    win.actions_by_id["cardwise:file:save-as"].trigger()
    saved = tmp_path / "card.cardwise"
    assert saved.exists() and win.current_path == saved
    assert not win.isWindowModified() and win.undo_stack.isClean()
    before = win.document.to_dict()
    win.undo_stack.push(SetProperty(win.document, {rect.id: 99.0}, "x"))
    assert win.files.open_path(saved, ask=False)
    assert win.document.to_dict() == before
    assert not win.isWindowModified()
    assert win.files.recent_files()[0] == saved.resolve()
    assert win.windowTitle().startswith("card.cardwise")


def test_save_without_path_asks_and_cancel_keeps_modified(qtbot, designer, monkeypatch):
    """Save on a new card asks for a path; cancelling leaves the card modified."""
    win = designer(sample())
    win.undo_stack.push(SetProperty(win.document, {win.document.front.elements[0].id: 20.0}, "x"))
    monkeypatch.setattr(win.files, "ask_save_path", lambda: "")
    assert win.files.save() is False
    assert win.files.is_modified()


def test_open_bad_file_reports_and_keeps_current_card(qtbot, designer, tmp_path, monkeypatch):
    """A corrupt file gives the loader's message and the current card stays."""
    bad = tmp_path / "bad.cardwise"
    bad.write_bytes(b"not a zip")
    win = designer(sample())
    shown = []
    monkeypatch.setattr(win.files, "show_error", lambda title, msg: shown.append(msg))
    doc = win.document
    assert win.files.open_path(bad, ask=False) is False
    assert shown and "bad.cardwise" in shown[0]
    assert win.document is doc


def test_closing_with_unsaved_changes_asks(qtbot, designer, monkeypatch):
    """Closing a modified card asks: Cancel keeps the window open, Discard closes it."""
    win = designer(sample())
    win.undo_stack.push(SetProperty(win.document, {win.document.front.elements[0].id: 20.0}, "x"))
    asked = []

    def cancel():
        asked.append(1)
        return QMessageBox.Cancel

    monkeypatch.setattr(win.files, "ask_unsaved", cancel)
    assert win.close() is False
    assert asked and win.isVisible()
    monkeypatch.setattr(win.files, "ask_unsaved", lambda: QMessageBox.Discard)
    assert win.close() is True


def test_closing_a_clean_card_does_not_ask(qtbot, designer, monkeypatch):
    """A saved (clean) card closes without a question."""
    win = designer(sample())
    monkeypatch.setattr(win.files, "ask_unsaved", lambda: pytest.fail("asked about a clean card"))
    assert win.close() is True


def test_autosave_writes_recovery_and_startup_offers_it(qtbot, designer, tmp_path):
    """Autosave writes the unsaved card to the data folder; the next start offers it back."""
    win = designer(sample())
    text = win.document.front.elements[0]
    win.undo_stack.push(SetProperty(win.document, {text.id: 42.0}, "x"))
    path = win.files.autosave()
    assert path is not None and path.exists() and path.parent == tmp_path / "data" / "recovery"
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["pid"] == os.getpid()
    assert win.files.autosave() is None, "nothing new to save"
    # simulate a crash: the window never closes, the process that wrote it is gone
    meta["pid"] = 2**22 + 12345
    path.with_suffix(".json").write_text(json.dumps(meta))
    win.files.timer.stop()
    win.files.session = "other-session"  # this window must not delete the crashed file
    fresh = designer(sample())
    assert len(pending_recoveries(tmp_path / "data")) == 1
    offered = []
    assert offer_recovery(fresh, ask=lambda w, rec: offered.append(rec) or True)
    assert offered
    recovered = fresh.document.front.elements[0]
    assert recovered.x == 42.0
    assert fresh.files.is_modified(), "recovered work is unsaved until the user saves it"
    assert not path.exists()


def test_clean_close_leaves_no_recovery(qtbot, designer, tmp_path, monkeypatch):
    """Closing normally (even discarding changes) deletes the autosave: nothing is offered next time."""
    win = designer(sample())
    win.undo_stack.push(SetProperty(win.document, {win.document.front.elements[0].id: 42.0}, "x"))
    assert win.files.autosave().exists()
    monkeypatch.setattr(win.files, "ask_unsaved", lambda: QMessageBox.Discard)
    win.close()
    assert pending_recoveries(tmp_path / "data") == []


def test_declined_recovery_is_discarded(qtbot, designer, tmp_path):
    """Answering Discard deletes the autosave."""
    win = designer(sample())
    win.undo_stack.push(SetProperty(win.document, {win.document.front.elements[0].id: 42.0}, "x"))
    path = win.files.autosave()
    meta = json.loads(path.with_suffix(".json").read_text())
    meta["pid"] = 2**22 + 12346
    path.with_suffix(".json").write_text(json.dumps(meta))
    win.files.session = "gone"
    fresh = designer(sample())
    assert offer_recovery(fresh, ask=lambda w, rec: False) is False
    assert not path.exists()


def test_recent_files_menu(qtbot, designer, tmp_path):
    """Opened files appear in File › Open Recent, newest first."""
    a, b = tmp_path / "a.cardwise", tmp_path / "b.cardwise"
    project.save(sample(), a)
    project.save(sample(), b)
    win = designer(sample())
    win.files.open_path(a, ask=False)
    win.files.open_path(b, ask=False)
    titles = [act.text() for act in win.recent_menu.actions() if act.text()]
    assert titles[:2] == ["b.cardwise", "a.cardwise"]


def test_gallery_lists_templates_and_creates_one(qtbot):
    """The gallery shows every template with a thumbnail and creates the chosen one."""
    from app.model.templates import list_templates
    from app.ui.gallery import GalleryDialog

    dlg = GalleryDialog([])
    qtbot.addWidget(dlg)
    assert dlg.templates.count() == len(list_templates()) >= 4
    assert not dlg.templates.item(0).icon().isNull()
    dlg.templates.setCurrentRow(1)
    dlg._accept_template()
    assert dlg.choice.document is not None and dlg.choice.document.front.elements


def test_every_template_renders_in_the_window(qtbot, designer):
    """Each template opens in the window with one item per element of its front."""
    from app.model.templates import list_templates

    win = designer(sample())
    for info in list_templates():
        tid = info.id if hasattr(info, "id") else info[0]
        doc = new_from_template(tid)
        win.files.set_document(doc, None)
        assert set(win.scene.items_by_id) == {e.id for e in doc.front.elements}
        assert not win.grab().isNull()


def test_launcher_rejects_bad_arguments(capsys):
    """`cardwise a b` and `cardwise --bogus` exit 2 with a one-line usage message."""
    from app.ui.launch import main

    assert main(["a.cardwise", "b.cardwise"]) == 2
    assert main(["--bogus"]) == 2
    assert main(["missing.cardwise"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "usage: cardwise" in err


@pytest.fixture
def launched(monkeypatch, tmp_path):
    """Run app.ui.launch.main without an event loop; returns the window it would show."""
    from PySide6.QtCore import QSettings

    from app.ui import application, launch

    shown = []
    monkeypatch.setattr(application, "run", lambda win: shown.append(win) or 0)
    qs = QSettings(str(tmp_path / "launch.ini"), QSettings.IniFormat)

    def go(argv):
        # no services: the live checker would load spaCy on a worker thread during other tests
        assert launch.main(argv, qsettings=qs, data_dir=tmp_path / "data", extensions=(),
                           checker_process=False) == 0
        return shown[-1]

    yield go
    for win in shown:
        win.undo_stack.setClean()
        win.shutdown()
        win.close()
        win.deleteLater()


def test_launch_sample_opens_the_bundled_card(launched):
    """`cardwise --sample` opens resources/samples/thank-you.cardwise."""
    from app.paths import sample_card

    win = launched(["--sample"])
    assert win.current_path == sample_card()
    assert win.document.front.elements


def test_launch_file_then_no_args_reopens_last_file(launched, tmp_path):
    """`cardwise CARD` opens it; a later plain `cardwise` reopens that last file."""
    path = tmp_path / "mine.cardwise"
    project.save(sample(), path)
    assert launched([str(path)]).current_path == path
    assert launched([]).current_path == path


def test_launch_without_recent_files_shows_the_gallery(launched, monkeypatch):
    """With no recent file, a plain `cardwise` starts from the template gallery."""
    from app.ui import gallery

    monkeypatch.setattr(gallery, "choose_start",
                        lambda parent, recent: gallery.StartChoice(document=new_from_template("warranty")))
    win = launched([])
    assert win.current_path is None
    assert any("Warranty" in getattr(e, "text", "") for e in win.document.front.elements)


def test_window_layout_is_remembered(qtbot, designer):
    """A hidden panel stays hidden in the next window (window state kept in the settings)."""
    win = designer(sample())
    win.layers_dock.hide()
    win.close()
    again = designer(sample())
    assert not again.layers_dock.isVisible()
    assert again.properties_dock.isVisible()


def test_gallery_names_sizes_as_the_size_box_does(qtbot):
    """A landscape postcard template reads "Postcard 4 × 6 in" and "Landscape" in the gallery,
    the very words of the blank-card size and orientation boxes (not "6 × 4 in")."""
    from app.model.templates import list_templates
    from app.ui.gallery import GalleryDialog, template_document

    dlg = GalleryDialog([])
    qtbot.addWidget(dlg)
    sizes = {dlg.size_combo.itemData(i): dlg.size_combo.itemText(i) for i in range(dlg.size_combo.count())}
    orientations = {dlg.orient_combo.itemData(i): dlg.orient_combo.itemText(i) for i in range(dlg.orient_combo.count())}
    seen = set()
    for row, info in enumerate(list_templates()):
        spec = template_document(info.id).spec
        lines = dlg.templates.item(row).text().split("\n")
        assert lines[1] == sizes[spec.preset_id], lines
        assert lines[2].startswith(orientations[spec.orientation] + ","), lines
        seen.add((spec.preset_id, spec.orientation))
    assert ("4x6in", "landscape") in seen
    thank_you = next(dlg.templates.item(r).text() for r in range(dlg.templates.count())
                     if dlg.templates.item(r).data(Qt.UserRole) == "thank-you")
    assert "Postcard 4 × 6 in" in thank_you and "6 × 4" not in thank_you
