"""Character runs: normalisation, and runs following text edits (property-style, seeded)."""
from __future__ import annotations

import random

import pytest

from app.model.color import Color
from app.model.document import Document
from app.model.elements import (RUN_FIELDS, ElementError, Paragraph, Run, TextBox, TextStyle,
                                normalize_runs)

RED = Color.from_hex("#d9480f")
BLUE = Color.from_hex("#1c7ed6")
BODY = TextStyle(size_pt=10)
TITLE = TextStyle(size_pt=18, bold=True, color=BLUE)


def look(style: TextStyle, underline: bool) -> tuple:
    return (style.font_family, style.size_pt, style.bold, style.italic, style.color, underline)


def char_looks(box: TextBox) -> list:
    """The absolute look of every character of box.text (None for the paragraph breaks)."""
    out: list = []
    for i, p in enumerate(box.paragraphs):
        if i:
            out.append(None)
        for s, e, st, ul in p.spans():
            out.extend([look(st, ul)] * (e - s))
    return out


def assert_normalised(p: Paragraph) -> None:
    prev_end = 0
    prev = None
    for r in p.runs:
        assert 0 <= prev_end <= r.start < r.end <= len(p.text), p.runs
        ov = r.overrides()
        assert ov, "a run overrides something"
        for name, value in ov.items():
            base = False if name == "underline" else getattr(p.style, name)
            assert value != base, f"{name} repeats the paragraph style"
        if prev is not None and prev.end == r.start:
            assert prev.overrides() != ov, "equal neighbours are merged"
        prev, prev_end = r, r.end


def test_normalisation_sorts_merges_and_drops():
    """Overlapping, unsorted, empty and redundant runs become one canonical, equal-looking list."""
    runs = (Run(8, 12, bold=True), Run(0, 4, italic=True), Run(3, 3, bold=True),
            Run(4, 8, italic=True), Run(10, 20, bold=False, color=RED), Run(2, 5, size_pt=10.0))
    out = normalize_runs(runs, 14, BODY)
    assert out == (Run(0, 8, italic=True), Run(8, 10, bold=True), Run(10, 14, color=RED))
    assert Paragraph("x" * 14, BODY, runs).runs == out
    assert Paragraph("abc", BODY, (Run(0, 3, bold=False),)).runs == ()   # same as the paragraph


def test_run_values_are_checked():
    """A run with a bad offset or value is refused with a message naming it."""
    with pytest.raises(ElementError, match="ends"):
        Run(5, 2, bold=True)
    with pytest.raises(ElementError, match="font size"):
        Run(0, 2, size_pt=0)
    with pytest.raises(ElementError, match="bold"):
        Run(0, 2, bold="yes")
    with pytest.raises(ElementError, match="runs"):
        Paragraph.from_dict({"text": "ab", "runs": {"start": 0}})


def test_paragraph_round_trips_with_runs():
    """A paragraph's runs survive to_dict/from_dict; a paragraph without runs writes no key."""
    p = Paragraph("Thank you so much", BODY, (Run(6, 9, bold=True, color=RED, size_pt=12, underline=True),))
    assert Paragraph.from_dict(p.to_dict()) == p
    assert "runs" not in Paragraph("plain", BODY).to_dict()


def test_restyling_the_paragraph_clears_that_field_in_runs():
    """Making the whole paragraph bold makes every word bold, keeping the runs' other fields."""
    p = Paragraph("one two three", BODY, (Run(0, 3, bold=False, color=RED), Run(4, 7, bold=True)))
    q = p.restyled("bold", True)
    assert q.style.bold and all(st.bold for _s, _e, st, _u in q.spans())
    assert q.runs == (Run(0, 3, color=RED),)


def _random_box(rng: random.Random) -> TextBox:
    paras = []
    for _ in range(rng.randint(1, 3)):
        text = "".join(rng.choice("ab cd\u3042") for _ in range(rng.randint(0, 12)))
        paras.append(Paragraph(text, rng.choice((BODY, TITLE))))
    return TextBox(paragraphs=tuple(paras), w=200, h=100)


def _random_format(rng: random.Random) -> dict:
    name = rng.choice(RUN_FIELDS)
    value = {"font_family": rng.choice(("Bitstream Vera Sans", "DejaVu Serif")),
             "size_pt": rng.choice((8.0, 10.0, 14.0)), "bold": rng.random() < 0.5,
             "italic": rng.random() < 0.5, "color": rng.choice((RED, BLUE, Color.from_hex("#000000"))),
             "underline": rng.random() < 0.5}[name]
    return {name: value}


def test_runs_follow_hundreds_of_random_edits():
    """Seeded random typing, deleting, pasting (with line breaks) and formatting: every
    character outside an edit keeps its look, inserted characters look like their neighbour,
    formatting changes exactly the chosen range, and runs stay normalised."""
    rng = random.Random(1107)
    edits = 0
    for _case in range(12):
        box = _random_box(rng)
        for _step in range(40):
            text = box.text
            n = len(text)
            a = rng.randint(0, n)
            b = rng.randint(a, min(n, a + rng.choice((0, 1, 3, 8))))
            before = char_looks(box)
            if rng.random() < 0.3 and a < b:
                fmt = _random_format(rng)
                box.paragraphs = box.paragraphs_with(a, b, **fmt)
                after = char_looks(box)
                name, value = next(iter(fmt.items()))
                k = RUN_FIELDS.index(name)
                for i, (old, new) in enumerate(zip(before, after)):
                    if old is None:
                        assert new is None
                    elif a <= i < b:
                        assert new[k] == value and new[:k] + new[k + 1:] == old[:k] + old[k + 1:]
                    else:
                        assert new == old
            else:
                new = "".join(rng.choice("xy \n") for _ in range(rng.choice((0, 1, 1, 2, 5))))
                old_paras = box.paragraphs
                src = None
                if a > 0 and text[a - 1] != "\n":
                    src = (before[a - 1], old_paras[text.count("\n", 0, a)].style)
                elif b < n and text[b] != "\n":
                    src = (before[b], old_paras[text.count("\n", 0, b)].style)
                box.paragraphs = box.edited(a, b, new)
                assert box.text == text[:a] + new + text[b:]
                after = char_looks(box)
                assert after[:a] == before[:a]
                assert after[a + len(new):] == before[b:]
                for i in range(a, a + len(new)):
                    if new[i - a] == "\n":
                        continue
                    para = box.paragraphs[box.text.count("\n", 0, i)]
                    if src is not None and para.style == src[1]:
                        assert after[i] == src[0], "typed text looks like its neighbour"
                    else:
                        assert after[i] == look(para.style, False)
                edits += 1
            for p in box.paragraphs:
                assert_normalised(p)
    assert edits > 300


def test_insert_inside_a_run_extends_it_and_delete_shrinks_it():
    """Typing in the middle of a bold word widens the run; deleting part of it narrows it."""
    box = TextBox(paragraphs=(Paragraph("make it bold now", BODY, (Run(8, 12, bold=True),)),), w=200, h=50)
    box.paragraphs = box.edited(10, 10, "XYZ")
    assert box.paragraphs[0].runs == (Run(8, 15, bold=True),)
    box.paragraphs = box.edited(7, 10, "")
    assert box.text == "make itXYZld now" and box.paragraphs[0].runs == (Run(7, 12, bold=True),)
    box.paragraphs = box.edited(7, 12, "")
    assert box.paragraphs[0].runs == ()


def test_enter_and_join_keep_the_look():
    """Splitting a paragraph inside a run keeps both halves bold; joining a small paragraph
    onto a big one keeps the small text small (as a run)."""
    box = TextBox(paragraphs=(Paragraph("Big title", TITLE), Paragraph("small body", BODY)), w=200, h=80)
    box.paragraphs = box.edited(3, 3, "\n")
    assert [p.text for p in box.paragraphs] == ["Big", " title", "small body"]
    assert box.paragraphs[1].style == TITLE
    box.paragraphs = box.edited(len("Big\n title"), len("Big\n title") + 1, "")
    joined = box.paragraphs[1]
    assert joined.text == " titlesmall body" and joined.style == TITLE
    assert box.style_of_range(len("Big\n title"), len(box.text))[0].size_pt == 10
    small = [st for s, e, st, _u in joined.spans() if s >= 6]
    assert small and all(st.size_pt == 10 and not st.bold and st.color == BODY.color for st in small)


def test_document_edit_is_undoable_through_set_property():
    """Formatting through Document.set_property returns the old paragraphs (what undo needs)."""
    doc = Document.new()
    box = doc.add_element("front", TextBox.from_text("one two", BODY, w=100, h=40))
    old = doc.set_property(box.id, "paragraphs", box.paragraphs_with(4, 7, bold=True))
    assert box.paragraphs[0].runs == (Run(4, 7, bold=True),)
    doc.set_property(box.id, "paragraphs", old)
    assert box.paragraphs[0].runs == ()
    doc.set_text(box.id, "one two!")
    assert box.paragraphs[0].runs == ()
