"""Every template (and a Japanese card) exports to the reference in tests/export/golden/:
same boxes, fonts and colour spaces, same text blocks within 1 pt. Regenerate after an
intended change with ``python tests/export/golden_pdf.py --write`` and review the diff."""
from __future__ import annotations

import json

import pytest

from golden_pdf import GOLDEN_DIR, cases, compare, export_template, fingerprint


@pytest.mark.parametrize("case", cases())
def test_export_matches_its_golden_reference(case, tmp_path):
    ref = GOLDEN_DIR / f"{case}.json"
    assert ref.is_file(), f"no reference for {case}: run python tests/export/golden_pdf.py --write"
    golden = json.loads(ref.read_text(encoding="utf-8"))
    assert compare(fingerprint(export_template(case, tmp_path)), golden) == []


def test_a_moved_text_block_is_a_visible_diff(tmp_path):
    """The comparison is not blind: a headline nudged by 2 pt is reported by name."""
    from app.export.pdf import ExportOptions, export_pdf
    from app.model.templates import new_from_template

    doc = new_from_template("thank-you")
    el = doc.get("front-headline")
    doc.move_element(el.id, el.x + 2, el.y)
    out = tmp_path / "moved.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False, crop_marks=True))
    golden = json.loads((GOLDEN_DIR / "thank-you.json").read_text(encoding="utf-8"))
    diffs = compare(fingerprint(out), golden)
    assert len(diffs) == 1 and "'Thank you'" in diffs[0] and "page 1" in diffs[0]
