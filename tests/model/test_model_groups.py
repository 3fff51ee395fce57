"""Groups in the model: the ``group`` field, its file form, and the document's group methods."""
import pytest

from app.io import project
from app.model import Document, RectElement, TextBox
from app.model.elements import Element, ElementError, fresh_groups


def _doc():
    doc = Document.new()
    a = doc.add_element("front", RectElement(x=10, y=10, w=20, h=20))
    b = doc.add_element("front", TextBox.from_text("Thanks", x=40, y=10, w=60, h=20))
    c = doc.add_element("front", RectElement(x=10, y=60, w=20, h=20))
    return doc, a, b, c


def test_ungrouped_element_file_form_is_unchanged():
    """A card without groups writes no "group" key, so older files read and write the same."""
    el = RectElement(x=1, y=2, w=3, h=4)
    assert "group" not in el.to_dict()
    assert Element.from_dict(el.to_dict()).group == ""


def test_groups_survive_save_and_reopen(tmp_path):
    doc, a, b, c = _doc()
    doc.set_group([a.id, b.id], "g1")
    path = project.save(doc, tmp_path / "card.cardwise")
    back = project.load(path)
    assert [e.id for e in back.group_members("g1")] == [a.id, b.id]
    assert back.get(c.id).group == ""
    assert back.get(a.id).to_dict()["group"] == "g1"


def test_bad_group_value_is_named():
    d = RectElement(x=1, y=2, w=3, h=4).to_dict()
    d["group"] = 7
    with pytest.raises(ElementError, match="group"):
        Element.from_dict(d)


def test_set_group_notifies_and_returns_old_values():
    doc, a, b, c = _doc()
    seen = []
    doc.subscribe(lambda ch: seen.append((ch.kind, ch.element_id, ch.prop)))
    old = doc.set_group([a.id, b.id], "g1")
    assert old == {a.id: "", b.id: ""}
    assert seen == [("element-changed", a.id, "group"), ("element-changed", b.id, "group")]
    assert doc.with_groups([b.id]) == [b.id, a.id]
    assert doc.with_groups([c.id]) == [c.id]


def test_lone_member_is_reported_after_the_others_go():
    doc, a, b, c = _doc()
    doc.set_group([a.id, b.id], "g1")
    assert doc.lone_group_members() == []
    doc.remove_element(b.id)
    assert doc.lone_group_members() == [a.id]


def test_copies_form_their_own_group():
    """Copies of a whole group are a new group; a lone copied member is not grouped."""
    doc, a, b, c = _doc()
    doc.set_group([a.id, b.id], "g1")
    copies = [a.copy(), b.copy()]
    fresh_groups(copies)
    assert copies[0].group == copies[1].group and copies[0].group not in ("", "g1")
    one = [a.copy()]
    fresh_groups(one)
    assert one[0].group == ""
