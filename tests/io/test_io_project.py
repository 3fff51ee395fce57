"""The .cardwise project file: round trip, atomic save, migration of older files."""
import io
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from app.errors import ProjectFileError
from app.io import project
from app.io.migrations import CURRENT_SCHEMA, migrate_1_to_2
from app.io.project import document_json, load, open_project, save
from app.model import CardSpec, Color, Document, ImageElement, QrElement, RectElement, TextBox, TextStyle
from app.model.document import Ignore
from app.model.fonts import reportlab_font_dir

FIXTURES = Path(__file__).parent / "fixtures"


def png(w=600, h=400) -> bytes:
    b = io.BytesIO()
    Image.new("RGB", (w, h), (10, 120, 200)).save(b, "PNG")
    return b.getvalue()


@pytest.fixture
def doc() -> Document:
    d = Document.new(CardSpec.from_preset("4x6in", "landscape"), title="Thanks — 谢谢")
    aid = d.add_asset(png(), "logo.png")
    d.add_element("front", RectElement(x=-9, y=-9, w=450, h=60, fill=Color(0.9, 0.4, 0, 0), stroke=None))
    d.add_element("front", TextBox.from_text("Thank you!\n感谢您的购买", TextStyle(size_pt=18), x=20, y=80, w=300, h=80))
    d.add_element("front", ImageElement(asset_id=aid, x=20, y=180, w=144, h=96))
    d.add_element("back", QrElement(payload="https://www.amazon.com/dp/B0TEST", x=300, y=150, w=72, h=72))
    d.add_font((reportlab_font_dir() / "VeraBd.ttf").read_bytes(), "Brand-Bold.ttf")
    d.add_ignore(Ignore("x.rule", "e", "t", 0, "ok", "2026-01-01"))
    return d


def test_save_open_save_is_identical(tmp_path, doc):
    """Saving, opening and saving again yields byte-identical document.json and file."""
    a, b = tmp_path / "a.cardwise", tmp_path / "b.cardwise"
    save(doc, a)
    again = load(a)
    save(again, b)
    assert document_json(again) == document_json(doc)
    assert a.read_bytes() == b.read_bytes()
    assert again.fonts == doc.fonts and set(again.assets) == set(doc.assets)
    assert again.front.elements[1].text == "Thank you!\n感谢您的购买"


def test_file_layout_is_a_plain_zip(tmp_path, doc):
    """The project is a zip with document.json, assets/ and fonts/ members."""
    p = save(doc, tmp_path / "card.cardwise")
    names = zipfile.ZipFile(p).namelist()
    assert names[0] == "document.json"
    assert any(n.startswith("assets/") for n in names) and "fonts/Brand-Bold.ttf" in names


def test_unused_assets_not_written(tmp_path, doc):
    """An image removed from the card is not carried in the saved file."""
    img = next(e for e in doc.front.elements if isinstance(e, ImageElement))
    doc.remove_element(img.id)
    p = save(doc, tmp_path / "c.cardwise")
    assert not any(n.startswith("assets/") for n in zipfile.ZipFile(p).namelist())
    assert load(p).assets == {}


def test_crash_during_save_keeps_previous_file(tmp_path, doc, monkeypatch):
    """If the final rename fails (crash, full disk) the old file is intact and no temp file remains."""
    p = tmp_path / "card.cardwise"
    save(doc, p)
    before = p.read_bytes()
    doc.set_metadata("title", "changed")

    def boom(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(project.os, "replace", boom)
    with pytest.raises(ProjectFileError, match="disk is full.*unchanged"):
        save(doc, p)
    assert p.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["card.cardwise"]


def test_write_failure_midway_leaves_target_untouched(tmp_path, doc, monkeypatch):
    """A failure while writing the temporary file does not touch the existing project."""
    p = tmp_path / "card.cardwise"
    save(doc, p)
    before = p.read_bytes()
    monkeypatch.setattr(project.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(ProjectFileError, match="I/O error"):
        save(doc, p)
    assert p.read_bytes() == before and os.listdir(tmp_path) == ["card.cardwise"]


def test_save_into_missing_folder_is_clear(tmp_path, doc):
    """Saving into a folder that does not exist names the folder."""
    with pytest.raises(ProjectFileError, match="does not exist"):
        save(doc, tmp_path / "nope" / "card.cardwise")


def test_v1_project_opens_and_upgrades():
    """A project written by schema 1 (RGB hex colours, one text string) opens as schema 2."""
    res = open_project(FIXTURES / "v1-thank-you.cardwise")
    d = res.document
    assert res.schema_read == 1 and res.migrated and res.warnings
    assert d.spec.width == 288 and d.spec.sides == 2 and d.metadata["title"] == "Old thank-you card"
    title = d.get("title")
    assert [p.text for p in title.paragraphs] == ["Thank you!", "We hope you love it."]
    assert title.paragraphs[0].style.color.hex == "#1e5aa0" and title.paragraphs[0].style.bold
    assert d.front.background.hex == "#f4efe6"
    rule = d.get("rule")
    assert (rule.x2, rule.y2) == (248, 220)
    assert d.get("qr").payload.startswith("https://www.amazon.com/")
    img = d.get("logo")
    assert img.asset_id in d.assets and img.effective_dpi(d.assets[img.asset_id])[0] == pytest.approx(360)


def test_v1_upgrade_then_save_writes_current_schema(tmp_path):
    """Saving an upgraded v1 project writes the current schema and opens without migration."""
    d = load(FIXTURES / "v1-thank-you.cardwise")
    p = save(d, tmp_path / "up.cardwise")
    res = open_project(p)
    assert res.schema_read == CURRENT_SCHEMA and not res.migrated
    assert document_json(res.document) == document_json(d)


def test_migration_is_pure():
    """The v1→v2 migration does not modify its input."""
    v1 = {"schema_version": 1, "card": {"width": 200, "height": 300}, "front": {"elements": []}}
    snapshot = repr(v1)
    out = migrate_1_to_2(v1)
    assert repr(v1) == snapshot and out["schema_version"] == 2
    assert out["document"]["spec"]["sides"] == 1


def test_every_older_schema_has_a_migration_step():
    """Each schema before the current one has exactly one migration to the next."""
    from app.io.migrations import MIGRATIONS
    assert sorted(MIGRATIONS) == list(range(1, CURRENT_SCHEMA))


def test_save_through_a_symlink_keeps_the_link(tmp_path, doc):
    """Saving to a symlinked project updates the real file and leaves the link in place."""
    real = save(doc, tmp_path / "real.cardwise")
    link = tmp_path / "link.cardwise"
    link.symlink_to(real)
    doc.set_metadata("title", "via link")
    assert save(doc, link) == link
    assert link.is_symlink() and load(real).metadata["title"] == "via link"


# ---- issue 12: temp files of an interrupted save ----------------------------------------------
def _stale(folder, name: str) -> Path:
    p = Path(folder) / f".{name}.abcd1234.tmp"
    p.write_bytes(b"PK half a card")
    return p


def test_next_save_removes_temp_files_left_by_a_killed_save(tmp_path, doc):
    """A save killed before its rename left `.card.cardwise.XXXXXXXX.tmp`; the next save removes
    it, and leaves other people's files (another card's temp, a look-alike name) alone."""
    target = tmp_path / "card.cardwise"
    stale = _stale(tmp_path, "card.cardwise")
    other = _stale(tmp_path, "other.cardwise")
    lookalike = tmp_path / ".card.cardwise.notmine.tmp"
    lookalike.write_bytes(b"x")
    save(doc, target)
    assert not stale.exists()
    assert other.exists() and lookalike.exists()


def test_open_removes_stale_temp_files_but_not_one_being_written(tmp_path, doc):
    """Opening a card clears its stale temp files; a temp file another process holds (its
    lock is taken) is left alone."""
    import fcntl
    target = tmp_path / "card.cardwise"
    save(doc, target)
    stale = _stale(tmp_path, "card.cardwise")
    busy = tmp_path / ".card.cardwise.busy0000.tmp"
    busy.write_bytes(b"being written")
    fd = os.open(busy, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        load(target)
        assert not stale.exists()
        assert busy.exists()
    finally:
        os.close(fd)


def test_temp_name_stays_within_the_name_limit(tmp_path, doc):
    """A card name of 250 bytes failed to save: the temp name was 15 characters longer."""
    target = tmp_path / ("c" * 241 + ".cardwise")
    assert len(target.name) == 250
    save(doc, target)
    assert document_json(load(target)) == document_json(doc)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_new_project_file_gets_the_users_umask(tmp_path, doc):
    """A new card gets 0666 minus the umask, like any file the user creates."""
    import stat
    old = os.umask(0o027)
    try:
        save(doc, tmp_path / "u.cardwise")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "u.cardwise").stat().st_mode) == 0o640


def test_temp_name_of_a_long_chinese_name_is_cut_on_a_character(tmp_path, doc):
    """A 249-byte name in Chinese saves: the temp name is cut to the limit between characters."""
    target = tmp_path / ("感谢" * 40 + ".cardwise")
    assert len(os.fsencode(target.name)) == 249
    save(doc, target)
    assert document_json(load(target)) == document_json(doc)
    assert os.listdir(tmp_path) == [target.name]


def test_hidden_flag_round_trips_and_is_absent_when_shown(tmp_path):
    """A hidden element reopens hidden; a shown one writes no "hidden" key (files of cards
    without hidden elements stay as they were); a non-boolean value is refused by name."""
    doc = Document.new(CardSpec.from_preset("a6"))
    shown = doc.add_element("front", RectElement(x=10, y=10, w=50, h=50, name="band"))
    hidden = doc.add_element("front", TextBox.from_text("Draft note", x=20, y=80, w=150, h=30))
    doc.set_property(hidden.id, "hidden", True)
    back = load(save(doc, tmp_path / "h.cardwise"))
    assert back.get(hidden.id).hidden is True and back.get(shown.id).hidden is False
    assert "hidden" not in shown.to_dict() and hidden.to_dict()["hidden"] is True
    bad = hidden.to_dict() | {"hidden": "yes"}
    from app.model.elements import Element

    with pytest.raises(Exception, match="hidden must be true or false"):
        Element.from_dict(bad).validate()
