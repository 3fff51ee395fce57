"""The Properties panel follows the card once per edit, not once per element: aligning a big
selection updates the panel in one go (bench/align.py has the timings), and what it shows is
right after every undo step and after changes made outside the undo stack."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.model import CardSpec, Document, RectElement


def _scattered(n: int) -> Document:
    doc = Document.new(CardSpec.from_preset("a6"))
    for i in range(n):
        doc.add_element("front", RectElement(x=30 + (i % 10) * 14 + i % 3, y=30 + (i // 10) * 14, w=10, h=10))
    return doc


def _count_refreshes(panel, monkeypatch) -> list[int]:
    calls = [0]
    original = panel._refresh

    def counted():
        calls[0] += 1
        original()
    monkeypatch.setattr(panel, "_refresh", counted)
    return calls


def test_aligning_many_elements_refreshes_the_panel_once(designer, monkeypatch):
    doc = _scattered(120)
    win = designer(doc)
    first = doc.side("front").elements[0]
    top = min(e.y for e in doc.side("front").elements[1:]) - 12   # another element is the top one
    doc.side("front").elements[1].y = top
    win.scene.select_ids([e.id for e in doc.side("front").elements])
    QApplication.processEvents()
    panel = win.properties
    calls = _count_refreshes(panel, monkeypatch)
    win.align_top()                                      # one undo step moving 120 elements
    assert calls[0] == 1
    assert doc.get(first.id).y == top and abs(panel.y_spin.points() - top) < 0.05   # shows it at once
    assert panel.title.text() == "120 elements"
    calls[0] = 0
    win.undo_stack.undo()
    shown_top = min(e.bounds.y for e in doc.side("front").elements)   # the selection's box
    assert calls[0] == 1 and doc.get(first.id).y == 30 and abs(panel.y_spin.points() - shown_top) < 0.05
    QApplication.processEvents()
    assert calls[0] == 1                                 # nothing left over for the next turn


def test_a_change_outside_the_undo_stack_shows_at_the_next_turn(designer):
    doc = _scattered(3)
    win = designer(doc)
    el = doc.side("front").elements[0]
    win.scene.select_ids([el.id])
    QApplication.processEvents()
    doc.move_element(el.id, 55.0, 66.0)                  # e.g. a service adjusting the card
    QApplication.processEvents()
    assert abs(win.properties.x_spin.points() - 55.0) < 0.05
    assert abs(win.properties.y_spin.points() - 66.0) < 0.05
