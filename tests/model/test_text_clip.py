"""Formatted text on the clipboard (app.model.text_clip): what the inline editor copies and
pastes between boxes."""
from __future__ import annotations

import pytest

from app.model import TextBox, TextStyle
from app.model.text_clip import clip_from_json, clip_to_json, copy_range, paste_paragraphs


def test_copied_runs_survive_the_round_trip_and_land_in_a_box_of_another_style():
    src = TextBox.from_text("Leave honest\nfeedback", TextStyle(size_pt=14))
    src.paragraphs = src.paragraphs_with(6, 12, bold=True)
    clip = clip_from_json(clip_to_json(copy_range(src, 6, 15)), "honest\nfe")
    assert clip is not None and clip["text"] == "honest\nfe"
    dst = TextBox.from_text("Thanks a lot", TextStyle(size_pt=10, italic=True))
    dst.paragraphs = paste_paragraphs(dst, 7, 7, clip)
    assert dst.text == "Thanks honest\nfea lot"
    st, _ul, every = dst.style_of_range(7, 13)
    assert every["bold"] and not st.italic and st.size_pt == 14
    assert dst.style_of_range(0, 7)[2]["italic"] and dst.style_of_range(16, 21)[2]["italic"]
    assert dst.style_of_range(14, 16)[0].size_pt == 14 and not dst.style_of_range(14, 16)[2]["bold"]


@pytest.mark.parametrize("data", [
    b"", b"not json", b"\xff\xfe", b"[1, 2]", b'{"format": "other", "text": "ab", "spans": []}',
    b'{"format": "cardwise-runs", "text": "ab", "spans": [{"start": 0, "end": 9, "bold": true}]}',
    b'{"format": "cardwise-runs", "text": "ab", "spans": [{"start": 0, "end": 1, "bold": "yes"}]}',
    b'{"format": "cardwise-runs", "text": "ab", "spans": [{"start": 0, "end": 1, "color": 5}]}',
    b'{"format": "cardwise-runs", "text": "ab", "spans": {}}',
    b"[" * 100000,
])
def test_malformed_clips_are_refused_so_the_plain_text_pastes(data):
    assert clip_from_json(data) is None


def test_a_clip_whose_text_was_replaced_is_not_used():
    box = TextBox.from_text("Leave honest", TextStyle())
    assert clip_from_json(clip_to_json(copy_range(box, 0, 5)), "other text") is None
