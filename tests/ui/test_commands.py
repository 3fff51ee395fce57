"""Undo commands over the model, without any window: each edit undoes, redoes, merges where it
should, and reads well in the Edit menu."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from app.model import CardSpec, Color, Document, LineElement, QrElement, RectElement, TextBox, TextStyle
from app.ui.commands import (
    AddElements,
    EditText,
    MoveElements,
    RemoveElements,
    Reorder,
    SetGeometry,
    SetProperty,
    SetStyle,
    align_command,
    distribute_command,
    duplicate_command,
    lock_command,
    new_token,
)


@pytest.fixture
def doc():
    d = Document.new(CardSpec.from_preset("a6"))
    return d


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def rects(doc, n, side="front"):
    out = []
    for i in range(n):
        r = RectElement(x=10 + 40 * i, y=10 + 5 * i, w=20 + 5 * i, h=20)
        doc.add_element(side, r)
        out.append(r)
    return out


def test_add_and_delete_undo_restore_z_order(doc, stack):
    """Deleting the middle element and undoing puts it back at its old z-index."""
    a, b, c = rects(doc, 3)
    stack.push(RemoveElements(doc, [b.id]))
    assert [e.id for e in doc.front.elements] == [a.id, c.id]
    assert stack.undoText() == "Delete Rectangle"
    stack.undo()
    assert [e.id for e in doc.front.elements] == [a.id, b.id, c.id]
    stack.push(AddElements(doc, "front", [TextBox.from_text("Hi", w=50, h=20)]))
    assert stack.undoText() == "Add Text"
    stack.undo()
    assert len(doc.front.elements) == 3


def test_drag_moves_merge_into_one_step(doc, stack):
    """Many move commands with one drag token are one undo step back to the start."""
    (r,) = rects(doc, 1)
    token = new_token()
    for i in range(1, 20):
        stack.push(MoveElements(doc, {r.id: (10 + i, 10 + 2 * i)}, drag=token))
    assert stack.count() == 1
    assert (r.x, r.y) == (29, 48)
    assert stack.undoText() == "Move Rectangle"
    stack.undo()
    assert (r.x, r.y) == (10, 10)
    stack.push(MoveElements(doc, {r.id: (50, 50)}, drag=new_token()))
    assert stack.count() == 1  # the undone drag was replaced by the new one


def test_separate_drags_are_separate_steps(doc, stack):
    """Two drags (two tokens) are two undo steps."""
    (r,) = rects(doc, 1)
    stack.push(MoveElements(doc, {r.id: (20, 20)}, drag=new_token()))
    stack.push(MoveElements(doc, {r.id: (30, 30)}, drag=new_token()))
    assert stack.count() == 2
    stack.undo()
    assert (r.x, r.y) == (20, 20)


def test_resize_merges_and_undoes(doc, stack):
    """A resize drag is one step; undo restores the old box."""
    (r,) = rects(doc, 1)
    token = new_token()
    for w in (25, 30, 40):
        stack.push(SetGeometry(doc, {r.id: (10, 10, w, 30)}, drag=token))
    assert stack.count() == 1 and (r.w, r.h) == (40, 30)
    assert stack.undoText() == "Resize Rectangle"
    stack.undo()
    assert (r.w, r.h) == (20, 20)


def test_property_edit_undo_redo(doc, stack):
    """A property edit undoes and redoes, named after the property."""
    (r,) = rects(doc, 1)
    red = Color.cmyk_percent(0, 100, 100, 0)
    stack.push(SetProperty(doc, {r.id: red}, "fill"))
    assert r.fill == red and stack.undoText() == "Change Fill Colour"
    stack.undo()
    assert r.fill is None
    stack.redo()
    assert r.fill == red


def test_refused_edit_never_reaches_the_stack(doc, stack):
    """An invalid value raises the model's error and leaves no undo step behind."""
    (r,) = rects(doc, 1)
    with pytest.raises(Exception):
        stack.push(SetProperty(doc, {r.id: -5.0}, "stroke_width"))
    assert stack.count() == 0
    assert r.stroke_width == 1.0


def test_style_change_applies_to_every_paragraph(doc, stack):
    """Font size from the panel changes every paragraph of the box; undo restores each."""
    t = TextBox.from_text("one\ntwo", TextStyle(size_pt=9), w=100, h=50)
    doc.add_element("front", t)
    stack.push(SetStyle(doc, [t.id], "size_pt", 14.0))
    assert [p.style.size_pt for p in t.paragraphs] == [14.0, 14.0]
    assert stack.undoText() == "Change Font Size"
    stack.undo()
    assert [p.style.size_pt for p in t.paragraphs] == [9.0, 9.0]


def test_typing_merges_by_burst(doc, stack):
    """Edits with one merge key are one step; a new key starts another."""
    t = TextBox.from_text("", w=100, h=50)
    doc.add_element("front", t)
    key = new_token()
    for s in ("H", "He", "Hel", "Hell", "Hello"):
        stack.push(EditText(doc, t.id, s, merge_key=key))
    stack.push(EditText(doc, t.id, "Hello!", merge_key=new_token()))
    assert stack.count() == 2
    stack.undo()
    assert t.text == "Hello"
    stack.undo()
    assert t.text == ""


def test_align_left_and_distribute(doc, stack):
    """Align left lines up left edges; distribute makes equal gaps; each is one named step."""
    a, b, c = rects(doc, 3)
    stack.push(align_command(doc, [a.id, b.id, c.id], "left"))
    assert {e.x for e in (a, b, c)} == {10}
    assert stack.undoText() == "Align Left"
    stack.undo()
    b.x = 30  # uneven gaps (set directly: test set-up only)
    stack.push(distribute_command(doc, [a.id, b.id, c.id], "h"))
    gap1 = b.x - (a.x + a.w)
    gap2 = c.x - (b.x + b.w)
    assert gap1 == pytest.approx(gap2)
    assert stack.undoText() == "Distribute Horizontally"


def test_single_element_aligns_to_the_card(doc, stack):
    """With one element selected, align centre centres it on the trim."""
    (r,) = rects(doc, 1)
    stack.push(align_command(doc, [r.id], "hcenter", doc.spec.trim_rect))
    assert r.x + r.w / 2 == pytest.approx(doc.spec.width / 2)


def test_reorder_front_back(doc, stack):
    """Bring to front / send to back change the z-order and undo restores it."""
    a, b, c = rects(doc, 3)
    stack.push(Reorder(doc, [a.id], "front"))
    assert [e.id for e in doc.front.elements] == [b.id, c.id, a.id]
    stack.push(Reorder(doc, [c.id], "back"))
    assert [e.id for e in doc.front.elements] == [c.id, b.id, a.id]
    stack.undo()
    stack.undo()
    assert [e.id for e in doc.front.elements] == [a.id, b.id, c.id]


def test_duplicate_and_lock(doc, stack):
    """Duplicate adds offset copies with new ids; lock toggles and undoes."""
    line = LineElement(x=10, y=10, w=50, h=0)
    qr = QrElement(x=20, y=40, w=60, h=60, payload="https://www.amazon.com/")
    doc.add_element("front", line)
    doc.add_element("front", qr)
    cmd = duplicate_command(doc, [line.id, qr.id])
    stack.push(cmd)
    assert len(doc.front.elements) == 4
    copies = doc.front.elements[2:]
    assert {c.id for c in copies}.isdisjoint({line.id, qr.id})
    assert copies[1].payload == qr.payload and copies[1].x == qr.x + 8
    assert stack.undoText() == "Duplicate 2 Elements"
    stack.push(lock_command(doc, [line.id]))
    assert line.locked and stack.undoText() == "Lock Line"
    stack.undo()
    assert not line.locked
