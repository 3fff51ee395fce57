"""Schema 3: paragraph runs in the project file, and the 2 -> 3 migration."""
from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest

from app.errors import ProjectFileError
from app.io.migrations import CURRENT_SCHEMA, migrate_2_to_3, upgrade
from app.io.project import document_json, from_bytes, to_bytes
from app.model import CardSpec, Color, Document, TextBox, TextStyle
from app.model.text_layout import layout


def _doc() -> Document:
    d = Document.new(CardSpec.from_preset("a6"))
    box = d.add_element("front", TextBox.from_text("Thank you so much\nSee you", TextStyle(size_pt=12), w=200, h=80))
    d.set_property(box.id, "paragraphs", box.paragraphs_with(6, 9, bold=True, color=Color.from_hex("#e8590c")))
    return d


def _as_schema_2(data: bytes, stray_runs: bool) -> bytes:
    """The same project as a schema-2 file (optionally with a ``runs`` key v2 never read)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "document.json":
                wrapper = json.loads(body)
                wrapper["schema_version"] = 2
                for side in wrapper["document"]["sides"]:
                    for el in side["elements"]:
                        for p in el.get("paragraphs", []):
                            p.pop("runs", None)
                            if stray_runs:
                                p["runs"] = [{"start": 0, "end": 3, "bold": True}]
                body = json.dumps(wrapper).encode()
            dst.writestr(info, body)
    return out.getvalue()


def test_runs_round_trip_through_the_project_file():
    """A bold, coloured word is saved as a run and reopens identical, in schema 3."""
    d = _doc()
    body = json.loads(document_json(d))
    assert body["schema_version"] == CURRENT_SCHEMA == 3
    para = body["document"]["sides"][0]["elements"][0]["paragraphs"][0]
    assert para["runs"] == [{"start": 6, "end": 9, "bold": True, "color": Color.from_hex("#e8590c").to_dict()}]
    assert "runs" not in body["document"]["sides"][0]["elements"][0]["paragraphs"][1]
    res = from_bytes(to_bytes(d))
    assert not res.migrated and document_json(res.document) == document_json(d)


def test_schema_2_file_opens_unchanged_in_appearance():
    """A schema-2 card opens (migrated) with the same text, styles and layout; a ``runs`` key
    schema 2 ignored stays ignored, so nothing turns bold on upgrade."""
    plain = Document.new(CardSpec.from_preset("a6"))
    plain.add_element("front", TextBox.from_text("Thank you so much", TextStyle(size_pt=12), w=200, h=80))
    for stray in (False, True):
        res = from_bytes(_as_schema_2(to_bytes(plain), stray))
        assert res.schema_read == 2 and res.migrated
        (box,) = res.document.front.elements
        (orig,) = plain.front.elements
        assert box.paragraphs == orig.paragraphs and box.paragraphs[0].runs == ()
        assert [ln.glyph_x for ln in layout(box).lines] == [ln.glyph_x for ln in layout(orig).lines]


def test_migration_2_to_3_is_pure():
    """The 2 -> 3 step does not modify its input, bumps the version and keeps every other key."""
    v2 = {"schema_version": 2, "format": "cardwise", "document": {
        "spec": {"width": 100}, "metadata": {"title": "x"},
        "sides": [{"name": "front", "elements": [
            {"kind": "text", "id": "t", "paragraphs": [{"text": "ab", "style": {}, "runs": [{"start": 0}]}]},
            {"kind": "rect", "id": "r", "fill": None}]}]}}
    snapshot = copy.deepcopy(v2)
    out = migrate_2_to_3(v2)
    assert v2 == snapshot
    assert out["schema_version"] == 3 and out["format"] == "cardwise"
    assert out["document"]["spec"] == {"width": 100} and out["document"]["metadata"] == {"title": "x"}
    els = out["document"]["sides"][0]["elements"]
    assert els[0]["paragraphs"] == [{"text": "ab", "style": {}}] and els[1] == v2["document"]["sides"][0]["elements"][1]
    assert upgrade(copy.deepcopy(v2))[0] == out


def test_broken_runs_are_refused_with_a_clear_error():
    """A run with offsets that are not numbers is a one-line error naming the problem."""
    d = _doc()
    data = to_bytes(d)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "document.json":
                body = body.replace(b'"start": 6', b'"start": "six"')
            dst.writestr(info, body)
    with pytest.raises(ProjectFileError, match="run start"):
        from_bytes(out.getvalue())


def _with_runs(runs: list, text: str) -> bytes:
    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text(text, TextStyle(size_pt=6), w=400, h=400))
    src = zipfile.ZipFile(io.BytesIO(to_bytes(d)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "document.json":
                wrapper = json.loads(body)
                wrapper["document"]["sides"][0]["elements"][0]["paragraphs"][0]["runs"] = runs
                body = json.dumps(wrapper).encode()
            dst.writestr(info, body)
    return out.getvalue()


def test_many_runs_open_lay_out_and_edit():
    """A hostile file with 10 000 one-letter runs plus 1 000 nested overlapping ones opens,
    lays out and takes an edit (normalisation and layout do not go quadratic)."""
    text = "ab " * 6_667
    runs = [{"start": i, "end": i + 1, "bold": True} for i in range(0, 20_000, 2)]
    runs += [{"start": i, "end": 20_000 - i, "italic": i % 2 == 0} for i in range(1_000)]
    res = from_bytes(_with_runs(runs, text))
    (box,) = res.document.front.elements
    p = box.paragraphs[0]
    assert len(p.text) == 20_001 and len(p.runs) > 10_000
    assert p.style_at(0)[0].bold and p.style_at(0)[0].italic and not p.style_at(1)[0].bold
    # the later of two overlapping runs wins: [1, 19999) says not italic, [0, 20000) says italic
    assert not p.style_at(1)[0].italic and p.style_at(19_999)[0].italic
    lay = layout(box)
    assert lay.lines and lay.overset
    box.paragraphs = box.edited(10, 10, "zz")
    assert box.paragraphs[0].text.startswith(text[:10] + "zz")


@pytest.mark.parametrize("run, message", [
    ({"start": -1, "end": 2, "bold": True}, "run start"),
    ({"start": 0, "end": 2, "size_pt": 5000}, "font size"),
    ({"start": 0, "end": 2, "color": "red"}, "colour|color"),
    ({"start": 3, "end": 1, "bold": True}, "ends"),
    ({"start": 0, "end": 2, "italic": 1}, "italic"),
])
def test_bad_runs_are_refused_by_name(run, message):
    """Each bad run value is refused with a one-line error; nothing is half-loaded."""
    with pytest.raises(ProjectFileError, match=message):
        from_bytes(_with_runs([run], "Thank you"))


def test_runs_past_the_text_are_clipped_and_unknown_fields_ignored():
    """A run reaching past its paragraph is cut at the end; a field Cardwise does not know is
    ignored (as unknown style keys are)."""
    res = from_bytes(_with_runs([{"start": 6, "end": 99, "bold": True, "glow": 3}], "Thank you"))
    (box,) = res.document.front.elements
    assert [(r.start, r.end, r.bold) for r in box.paragraphs[0].runs] == [(6, 9, True)]
