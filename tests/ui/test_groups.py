"""Grouping in the designer: undo commands (no window), then the canvas, the menus and the
right-click menus of a real window (offscreen)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QUndoStack

from app.model import CardSpec, Document, RectElement, TextBox
from app.ui.commands import (
    RemoveElements,
    align_command,
    distribute_command,
    duplicate_command,
    group_command,
    ungroup_command,
)


@pytest.fixture
def doc():
    return Document.new(CardSpec.from_preset("a6"))


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def boxes(doc, n):
    return [doc.add_element("front", RectElement(x=10 + 50 * i, y=10 + 30 * i, w=20, h=20)) for i in range(n)]


def groups(doc):
    return [e.group for e in doc.front.elements]


def test_group_and_ungroup_are_single_undo_steps(doc, stack):
    a, b, c = boxes(doc, 3)
    stack.push(group_command(doc, [a.id, b.id]))
    assert stack.count() == 1 and stack.undoText() == "Group 2 Elements"
    g = a.group
    assert g and b.group == g and c.group == ""
    stack.undo()
    assert groups(doc) == ["", "", ""]
    stack.redo()
    assert groups(doc) == [g, g, ""]
    stack.push(ungroup_command(doc, [b.id]))      # one member stands for its whole group
    assert groups(doc) == ["", "", ""] and stack.undoText() == "Ungroup 2 Elements"
    stack.undo()
    assert groups(doc) == [g, g, ""]


def test_group_applies_only_where_it_changes_something(doc):
    a, b, c = boxes(doc, 3)
    assert group_command(doc, [a.id]) is None
    assert ungroup_command(doc, [a.id, b.id]) is None
    doc.set_group([a.id, b.id], "g")
    assert group_command(doc, [a.id]) is None      # already exactly one group
    assert group_command(doc, [a.id, c.id]) is not None


def test_grouping_groups_flattens_into_one(doc, stack):
    a, b, c, d = boxes(doc, 4)
    doc.set_group([a.id, b.id], "g1")
    doc.set_group([c.id, d.id], "g2")
    stack.push(group_command(doc, [a.id, c.id]))
    assert len(set(groups(doc))) == 1 and a.group not in ("", "g1", "g2")
    stack.undo()
    assert groups(doc) == ["g1", "g1", "g2", "g2"]


def test_deleting_all_but_one_member_dissolves_the_group(doc, stack):
    a, b, c = boxes(doc, 3)
    doc.set_group([a.id, b.id, c.id], "g")
    stack.push(RemoveElements(doc, [b.id]))
    assert groups(doc) == ["g", "g"]               # two members left: still a group
    stack.push(RemoveElements(doc, [c.id]))
    assert groups(doc) == [""]                     # one left: no group any more
    stack.undo()
    stack.undo()
    assert groups(doc) == ["g", "g", "g"] and [e.id for e in doc.front.elements] == [a.id, b.id, c.id]


def test_aligning_two_groups_aligns_their_bounding_boxes(doc, stack):
    a, b, c, d = boxes(doc, 4)     # a (10..30), b (60..80) | c (110..130), d (160..180) in x
    doc.set_group([a.id, b.id], "g1")
    doc.set_group([c.id, d.id], "g2")
    stack.push(align_command(doc, [a.id, b.id, c.id, d.id], "right"))
    # each group moves as one: right edges of the two groups' boxes meet at 180
    assert (a.x, b.x) == (110, 160) and (c.x, d.x) == (110, 160)
    assert (a.y, b.y, c.y, d.y) == (10, 40, 70, 100)   # vertical untouched
    stack.undo()
    stack.push(align_command(doc, [a.id, b.id], "left", doc.spec.trim_rect))
    # one group alone aligns to the card, keeping its inner layout
    assert (a.x, b.x) == (0, 50)


def test_distribute_counts_a_group_as_one(doc):
    a, b, c, d = boxes(doc, 4)
    doc.set_group([a.id, b.id], "g")
    assert distribute_command(doc, [a.id, b.id, c.id], "h") is None   # two units only
    assert distribute_command(doc, [a.id, b.id, c.id, d.id], "h") is not None


def test_duplicate_of_a_group_is_a_new_group(doc, stack):
    a, b, c = boxes(doc, 3)
    doc.set_group([a.id, b.id], "g")
    cmd = duplicate_command(doc, [a.id, b.id])
    stack.push(cmd)
    copies = [doc.get(i) for i in cmd.ids]
    assert copies[0].group == copies[1].group and copies[0].group not in ("", "g")
    assert len(doc.group_members("g")) == 2
