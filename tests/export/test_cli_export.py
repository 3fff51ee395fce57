"""``cardwise export`` and ``cardwise new`` from the command line."""
from __future__ import annotations

import importlib.util

import pikepdf
import pytest

from app import cli
from app.batch.titles import rule_title
from app.io.project import save
from app.model.elements import Paragraph, TextBox, TextStyle
from app.model.units import mm

from export_fixtures import build_card


def _checker_works() -> bool:
    try:
        from checks import Checker

        Checker("amazon").check("Thank you")
        return True
    except Exception:  # noqa: BLE001 - the engine is developed alongside
        return False


@pytest.fixture
def overset_card(tmp_path):
    """A card with an error finding that needs no wording check: text that does not fit its box."""
    doc = build_card()
    doc.add_element("front", TextBox(id="long", x=mm(10), y=mm(120), w=mm(40), h=mm(6),
                                     paragraphs=(Paragraph("far too much text " * 10, TextStyle(size_pt=9)),)))
    path = tmp_path / "card.cardwise"
    save(doc, path)
    return path


def test_export_refuses_on_errors_and_writes_nothing(overset_card, tmp_path, capsys):
    """Error findings: exit 1, the finding is printed in English and Chinese, and no PDF appears."""
    out = tmp_path / "card.pdf"
    code = cli.main(["export", str(overset_card), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "refused" in err and "PF012" in err and "文字超出文本框" in err
    assert f"PF012  {rule_title('PF012')}" in err       # named as the designer and cardwise check name it
    assert not out.exists()


def test_waiver_exports_records_reason_and_writes_signoff(overset_card, tmp_path, capsys):
    """--allow-violations writes the PDF with the reason in its metadata and a sign-off sheet beside it."""
    out = tmp_path / "card.pdf"
    code = cli.main(["export", str(overset_card), "-o", str(out), "--allow-violations", "printer deadline, ok by Bo",
                     "--signed-by", "Bo"])
    stdout = capsys.readouterr().out
    assert code == 0, stdout
    signoff = tmp_path / "card-signoff.pdf"
    assert out.exists() and signoff.exists()
    assert str(signoff) in stdout
    with pikepdf.open(out) as pdf:
        waiver = str(pdf.docinfo["/CardwiseWaiver"])
    assert "printer deadline, ok by Bo" in waiver and "Bo" in waiver


def test_empty_waiver_reason_is_a_usage_error(overset_card, tmp_path, capsys):
    """A blank reason is not a waiver."""
    code = cli.main(["export", str(overset_card), "-o", str(tmp_path / "c.pdf"), "--allow-violations", "  "])
    assert code == 2
    assert "needs a reason" in capsys.readouterr().err


def test_export_with_proof_nup_and_marks(overset_card, tmp_path, capsys):
    """One command writes the PDF with marks, the PNG proof and the N-up sheet, and says where."""
    out = tmp_path / "card.pdf"
    code = cli.main(["export", str(overset_card), "-o", str(out), "--crop-marks", "--bleed", "0.125in",
                     "--proof", str(tmp_path / "proof.png"), "--nup", "Letter", "--allow-violations", "test run"])
    stdout = capsys.readouterr().out
    assert code == 0
    for name in ("card.pdf", "proof.png", "card-nup-letter.pdf"):
        assert (tmp_path / name).exists(), name
        assert name in stdout
    with pikepdf.open(out) as pdf:
        t = [float(v) for v in pdf.pages[0].obj.TrimBox]
        b = [float(v) for v in pdf.pages[0].obj.BleedBox]
    assert t[0] - b[0] == pytest.approx(9.0, abs=0.002)


def test_unreadable_card_is_a_clear_usage_error(tmp_path, capsys):
    """A missing or corrupt project exits 2 with one readable line, no traceback."""
    bad = tmp_path / "bad.cardwise"
    bad.write_bytes(b"not a zip")
    code = cli.main(["export", str(bad), "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("cardwise export:") and "Traceback" not in err


@pytest.mark.skipif(not _checker_works(), reason="the compliance engine is not usable in this tree yet")
def test_clean_card_exports_with_exit_0(tmp_path, capsys):
    """A compliant card exports without a waiver and no sign-off sheet is written."""
    path = tmp_path / "ok.cardwise"
    save(build_card(), path)
    code = cli.main(["export", str(path), "-o", str(tmp_path / "ok.pdf")])
    assert code == 0, capsys.readouterr()
    assert not (tmp_path / "ok-signoff.pdf").exists()


HAS_TEMPLATES = importlib.util.find_spec("app.model.templates") is not None


@pytest.mark.skipif(not HAS_TEMPLATES, reason="templates not built yet")
def test_new_lists_and_creates_from_a_template(tmp_path, capsys):
    """`cardwise new --list` names the templates; `--template thank-you` writes a card that loads."""
    from app.io.project import load

    assert cli.main(["new", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "thank-you" in listing
    target = tmp_path / "card.cardwise"
    assert cli.main(["new", "--template", "thank-you", "-o", str(target)]) == 0
    assert load(target).front.elements
    assert cli.main(["new", "--template", "thank-you", "-o", str(target)]) == 2   # no silent overwrite
    assert "already exists" in capsys.readouterr().err


def test_new_rejects_unknown_template(tmp_path, capsys):
    """An unknown template name lists the real ones (or says templates are missing)."""
    code = cli.main(["new", "--template", "nope", "-o", str(tmp_path / "c.cardwise")])
    assert code == 2
    assert not (tmp_path / "c.cardwise").exists()


def test_bad_bleed_and_unknown_profile_are_usage_errors(overset_card, tmp_path, capsys):
    """A negative bleed and an unknown marketplace profile are named, exit 2, nothing written."""
    assert cli.main(["export", str(overset_card), "-o", str(tmp_path / "a.pdf"), "--bleed=-3mm"]) == 2
    assert "bleed" in capsys.readouterr().err
    assert cli.main(["export", str(overset_card), "-o", str(tmp_path / "a.pdf"), "--profile", "ebay-mars"]) == 2
    assert "unknown profile" in capsys.readouterr().err
    assert list(tmp_path.glob("*.pdf")) == []


def test_printer_preset_sets_bleed_marks_and_condition(overset_card, tmp_path, capsys):
    """--preset us writes a 0.125 in bleed and the GRACoL intent; --preset china adds crop marks."""
    out = tmp_path / "us.pdf"
    assert cli.main(["export", str(overset_card), "-o", str(out), "--preset", "us", "--allow-violations", "t"]) == 0
    with pikepdf.open(out) as pdf:
        t = [float(v) for v in pdf.pages[0].obj.TrimBox]
        b = [float(v) for v in pdf.pages[0].obj.BleedBox]
        m = [float(v) for v in pdf.pages[0].obj.MediaBox]
        assert t[0] - b[0] == pytest.approx(9.0, abs=0.002)
        assert m == pytest.approx(b, abs=0.002)                          # no marks, no slug
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "CGATS TR 006"
    out2 = tmp_path / "cn.pdf"
    assert cli.main(["export", str(overset_card), "-o", str(out2), "--preset", "china", "--allow-violations", "t"]) == 0
    assert "outline" in capsys.readouterr().out
    with pikepdf.open(out2) as pdf:
        assert float(pdf.pages[0].obj.MediaBox[2]) > float(pdf.pages[0].obj.BleedBox[2]) + 10   # slug for marks
    assert cli.main(["export", str(overset_card), "-o", str(out2), "--preset", "mars"]) == 2


def test_json_format_reports_refusal_and_success(overset_card, tmp_path, capsys):
    """--format json prints one object: refused with findings, or written with boxes, files and waived rules."""
    import json

    code = cli.main(["export", str(overset_card), "-o", str(tmp_path / "c.pdf"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["status"] == "refused"
    assert any(f["rule"] == "PF012" and f["element_id"] == "long" for f in data["findings"])
    assert all(f["title"] == rule_title(f["rule"]) and f["title"] != f["rule"] and f["title_zh"]
               for f in data["findings"])
    code = cli.main(["export", str(overset_card), "-o", str(tmp_path / "c.pdf"), "--format", "json",
                     "--allow-violations", "ok", "--nup", "a4"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["status"] == "written"
    assert "PF012" in data["waived"] and data["signoff"].endswith("c-signoff.pdf")
    assert data["pdfx"] == "PDF/X-1a:2003" and len(data["trim_box"]) == 4
    assert data["nup"]["cards_per_sheet"] >= 1
    code = cli.main(["export", str(tmp_path / "missing.cardwise"), "-o", str(tmp_path / "x.pdf"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2 and data["status"] == "error" and data["message"]
