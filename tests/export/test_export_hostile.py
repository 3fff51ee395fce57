"""``cardwise export`` under hostile conditions (issue 12): all outputs or none, the user's
normal file permissions, names that are not UTF-8 or near the name limit, clean messages."""
from __future__ import annotations

import io
import os
import stat
import warnings

import pytest
from PIL import Image

from app import cli
from app.errors import ExportError
from app.export.pdf import ExportOptions, export_pdf
from app.io.project import save
from app.model.document import Asset, AssetError

from export_fixtures import build_card


@pytest.fixture
def card_file(tmp_path):
    path = tmp_path / "card.cardwise"
    save(build_card(), path)
    return path


def _outputs(folder):
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".pdf", ".png", ".part"))


def test_proof_that_cannot_be_written_leaves_no_pdf(card_file, tmp_path, capsys):
    """The proof's folder is missing: the command fails and the PDF is not left behind."""
    out = tmp_path / "card.pdf"
    code = cli.main(["export", str(card_file), "-o", str(out), "--proof", str(tmp_path / "nope" / "p.png")])
    assert code == 2
    assert "nope" in capsys.readouterr().err
    assert _outputs(tmp_path) == []


def test_sheet_that_cannot_be_written_leaves_no_pdf_or_proof(card_file, tmp_path, capsys):
    """The N-up sheet's name is taken by a folder: neither the PDF nor the proof lands."""
    (tmp_path / "card-nup-a4.pdf").mkdir()
    out = tmp_path / "card.pdf"
    code = cli.main(["export", str(card_file), "-o", str(out), "--proof", str(tmp_path / "p.png"), "--nup", "A4"])
    assert code == 2
    assert "folder" in capsys.readouterr().err
    assert _outputs(tmp_path) == ["card-nup-a4.pdf"]   # the folder itself, nothing else
    assert (tmp_path / "card-nup-a4.pdf").is_dir()


def test_all_outputs_land_together_with_the_users_permissions(card_file, tmp_path, capsys):
    """PDF, proof and sheet are written, with 0666 minus the umask (PDFs were 0600 before)."""
    old = os.umask(0o022)
    try:
        out = tmp_path / "card.pdf"
        code = cli.main(["export", str(card_file), "-o", str(out), "--proof", str(tmp_path / "p.png"),
                         "--nup", "A4"])
    finally:
        os.umask(old)
    assert code == 0, capsys.readouterr().err
    assert _outputs(tmp_path) == ["card-nup-a4.pdf", "card.pdf", "p.png"]
    for name in _outputs(tmp_path):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name


def test_output_name_that_is_not_utf8(card_file, tmp_path, capsys):
    """`-o` with a byte that is not UTF-8 crashed in pikepdf; now the PDF is written."""
    name = os.fsdecode(b"card-\xff.pdf")
    code = cli.main(["export", str(card_file), "-o", str(tmp_path / name)])
    assert code == 0, capsys.readouterr().err
    assert os.fsencode(tmp_path / name) in [os.fsencode(p) for p in tmp_path.iterdir()]
    assert "card-\\xff.pdf" in capsys.readouterr().out


def test_output_name_near_the_name_limit(card_file, tmp_path, capsys):
    """A 250-byte output name failed because the temp name was 15 characters longer."""
    out = tmp_path / ("n" * 246 + ".pdf")
    code = cli.main(["export", str(card_file), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.exists() and _outputs(tmp_path) == [out.name]


def test_symlink_loop_is_named_as_such(card_file, tmp_path, capsys):
    """An output folder that is a symlink loop was reported as 'no such file or directory'."""
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    code = cli.main(["export", str(card_file), "-o", str(loop / "card.pdf")])
    assert code == 2
    err = capsys.readouterr().err
    assert "symbolic links" in err and "no such file" not in err.lower()


def test_unreadable_image_message_has_no_object_repr():
    """Pillow's 'cannot identify image file <_io.BytesIO object at 0x…>' is not shown."""
    with pytest.raises(AssetError) as err:
        Asset.from_bytes(b"\x89PNG not really", "logo.png")
    assert "BytesIO" not in str(err.value) and "0x" not in str(err.value)
    assert "logo.png" in str(err.value)


def test_large_image_does_not_print_pillows_bomb_warning(tmp_path):
    """A 100 MP image (under our 120 MP limit, over Pillow's warning level) adds silently."""
    buf = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buf, "PNG")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        asset = Asset.from_bytes(buf.getvalue(), "big.png")
    assert asset.width_px == 10_000


def test_failed_export_in_library_use_leaves_nothing(tmp_path):
    """Outside the command (the designer's export), a failure still leaves no temp file."""
    with pytest.raises(ExportError):
        export_pdf(build_card(), tmp_path / "missing" / "c.pdf", ExportOptions(preflight=False))
    assert list(tmp_path.iterdir()) == []


def test_export_preflight_checks_a_one_megabyte_paragraph_in_pieces():
    """The export's wording check met spaCy's length limit (E088) on a 1 MB text box; the
    card's verdict checks it in pieces and a finding near the end keeps its offset in the box's text."""
    from app.model import CardSpec, Document, TextBox
    from app.verdict import judge_card

    filler = "We hope you enjoy the lamp and the little note that came with it. " * 15_200
    text = filler + "Leave a review and get a FREE gift!"
    doc = Document.new(CardSpec.from_preset("a6"))
    box = doc.add_element("front", TextBox.from_text(text, w=200, h=100))
    found = judge_card(doc, print_checks=False).findings
    late = [f for f in found if f.start >= len(filler)]
    assert late and all(f.element_id == box.id for f in late)
    assert all(text[f.start:f.end] == f.text for f in late)


def test_next_export_removes_a_temp_file_left_by_a_killed_export(card_file, tmp_path, capsys):
    """An export killed before its rename leaves `.card.pdf.XXXXXXXX.part`; the next export of
    the same PDF removes it (another file's temp stays)."""
    stale = tmp_path / ".card.pdf.abcd1234.part"
    stale.write_bytes(b"%PDF half")
    other = tmp_path / ".other.pdf.abcd1234.part"
    other.write_bytes(b"%PDF half")
    assert cli.main(["export", str(card_file), "-o", str(tmp_path / "card.pdf")]) == 0
    assert not stale.exists() and other.exists()
