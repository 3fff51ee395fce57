"""One card, one verdict (issue 10): the designer, the export gate and ``cardwise check`` on the
card, its exported PDF and its proof PNG agree.

Each fixture — every shipped template and three violating cards from the issue — is
* opened in the designer (the real window, offscreen) and judged by its live check;
* exported with ``cardwise export`` (refused exactly when it has errors; then exported with a
  waiver so its PDF and proof exist);
* checked with ``cardwise check`` as the ``.cardwise`` project, the PDF and the proof PNG (OCR).
The error findings (category + rule id) must be the same everywhere, and on the same elements
in the designer and the project check. One honest exception, pinned here so it cannot grow:
a finding on a *picture without words* (the star rectangle, CW206) cannot be read back from a
PDF's text layer or a proof's pixels, so the PDF and the proof are compared without it.
"""
from __future__ import annotations

import contextlib
import io
import json

import pytest
from PySide6.QtCore import QSettings

from app import cli
from app.io.project import save
from app.model.elements import RectElement, TextBox
from app.model.templates import list_templates, new_from_template

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TEMPLATES = [t.id for t in list_templates()]


def _set(doc, name: str, text: str):
    (el,) = [e for _s, e in doc.elements() if e.name == name and isinstance(e, TextBox)]
    doc.set_text(el.id, text)
    return doc


def gift_in_the_footer():
    """The issue's first card: the request in the body, the reward in the footer."""
    doc = _set(new_from_template("thank-you"), "body", "Please leave a review on Amazon.")
    return _set(doc, "footer", "Then claim your free gift!")


def star_rectangle():
    """A rectangle drawn as five-star artwork next to a (polite) review request."""
    doc = _set(new_from_template("thank-you"), "body",
               "If you have a moment, we would appreciate your honest review on Amazon.")
    doc.add_element("front", RectElement(name="five stars", x=180, y=200, w=80, h=16))
    return doc


def five_star_request():
    """A five-star review asked of happy buyers only."""
    return _set(new_from_template("thank-you"), "body", "Love your new lamp? Please leave us a 5-star review on Amazon!")


FIXTURES = {**{t: (lambda t=t: new_from_template(t)) for t in TEMPLATES},
            "gift-in-the-footer": gift_in_the_footer, "star-rectangle": star_rectangle,
            "five-star-request": five_star_request}
#: the error categories each violating card must have (so the test cannot pass on silence)
EXPECTED = {"gift-in-the-footer": {"review-incentive"}, "star-rectangle": {"review-positive"},
            "five-star-request": {"review-positive"}}


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "verdict-cache"))


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def checked_errors(path) -> list[dict]:
    code, out, err = run_cli("check", "--format", "json", str(path))
    assert code in (0, 1), err
    (result,) = json.loads(out)["files"]
    assert not result.get("error"), result["error"]
    return [f for f in result["findings"] if f["severity"] == "error"]


def designer_errors(qtbot, doc, tmp_path) -> list:
    from app.ui.application import build_window

    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = build_window(doc, qsettings=qs, data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    service = win.live_check
    service.start_checker()
    qtbot.waitUntil(lambda: service.checker is not None and service.applied_generation > 0, timeout=60000)
    qtbot.waitUntil(lambda: service.applied_generation == service.generation and not service._in_flight,
                    timeout=60000)
    service.run_preflight()
    errors = [f for f in service.findings() if str(f.severity) == "error"]
    service.shutdown()
    return errors


def _key(f) -> tuple[str, str]:
    return (str(f["category"]), f["rule"]) if isinstance(f, dict) else (str(f.category), f.rule)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_card_pdf_and_proof_get_one_verdict(name, qtbot, tmp_path):
    doc = FIXTURES[name]()
    card = tmp_path / f"{name}.cardwise"
    save(doc, card)
    pdf, png = tmp_path / f"{name}.pdf", tmp_path / f"{name}.png"

    in_designer = designer_errors(qtbot, doc, tmp_path)
    on_card = checked_errors(card)
    categories = {c for c, _r in map(_key, on_card)}
    assert categories == EXPECTED.get(name, set()), f"{name}: the card's errors are {sorted(map(_key, on_card))}"

    # the designer and `cardwise check` on the project: same rules on the same elements
    assert sorted((*_key(f), f.element_id) for f in in_designer) == \
        sorted((*_key(f), f["element_id"]) for f in on_card)

    # the export gate refuses exactly the cards with errors, and writes nothing then
    code, _out, err = run_cli("export", str(card), "-o", str(pdf))
    assert code == (1 if on_card else 0), err
    assert pdf.exists() == (not on_card)
    if on_card:
        assert "refused" in err and all(f["rule"] in err for f in on_card)
        code, _out, err = run_cli("export", str(card), "-o", str(pdf), "--allow-violations", "golden test",
                                  "--proof", str(png))
    else:
        code, _out, err = run_cli("export", str(card), "-o", str(pdf), "--proof", str(png))
    assert code == 0, err

    # the PDF and the proof read back give the same error categories and rules, except a
    # finding on a picture without words (see the module docstring)
    pictures = {e.id for _s, e in doc.elements() if not isinstance(e, TextBox)}
    readable = {_key(f) for f in on_card if f["element_id"] not in pictures}
    assert {_key(f) for f in checked_errors(pdf)} == readable, f"{name}: PDF"
    assert {_key(f) for f in checked_errors(png)} == readable, f"{name}: proof PNG"
