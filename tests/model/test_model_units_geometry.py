"""Units, card geometry presets and validation messages."""
import pytest

from app.errors import InvalidDimension
from app.model.geometry import BLEED_PRESETS, SIZE_PRESETS, CardSpec, Rect
from app.model.units import Unit, format_length, from_pt, inch, mm, parse_length, to_pt


@pytest.mark.parametrize("text,expected", [
    ("3mm", 8.50394), ("0.125in", 9.0), ("9pt", 9.0), ("3 mm", 8.50394), ("1cm", 28.34646),
    ("2,5mm", 7.08661), ('0.5"', 36.0), (".5in", 36.0),
])
def test_parse_length_accepts_common_spellings(text, expected):
    """Typing 3mm, 0.125in, 9pt (or a decimal comma) gives the right length in points."""
    assert parse_length(text) == pytest.approx(expected, abs=1e-4)


def test_parse_length_bare_number_needs_unit():
    """A bare number is only accepted with a default unit; otherwise the message asks for one."""
    assert parse_length("10", Unit.MM) == pytest.approx(mm(10))
    with pytest.raises(InvalidDimension, match="bleed.*no unit"):
        parse_length("10", None, "bleed")


@pytest.mark.parametrize("bad", ["abc", "3furlongs", "", "mm", "1e999mm"])
def test_parse_length_rejects_garbage_naming_it(bad):
    """Unreadable lengths raise an error that quotes the input."""
    with pytest.raises(InvalidDimension):
        parse_length(bad, what="trim width")


def test_unit_round_trip_and_format():
    """Converting to points and back is lossless and displays tidily."""
    for u in Unit:
        assert from_pt(to_pt(12.5, u), u) == pytest.approx(12.5)
    assert format_length(mm(3), "mm") == "3 mm"
    assert format_length(inch(0.125), "in") == "0.125 in"
    assert format_length(9, Unit.PT) == "9 pt"


def test_presets_have_the_ordered_sizes():
    """Each preset is exactly the size sellers order (4x6 in = 288x432 pt, A6 = 105x148 mm)."""
    assert (SIZE_PRESETS["4x6in"].width, SIZE_PRESETS["4x6in"].height) == (288, 432)
    assert SIZE_PRESETS["a6"].width == pytest.approx(mm(105))
    assert SIZE_PRESETS["a7"].height == pytest.approx(mm(105))
    assert SIZE_PRESETS["85x55mm"].width == pytest.approx(mm(85))
    assert SIZE_PRESETS["3.5x2in"].width == 252 and SIZE_PRESETS["5x7in"].height == 504
    assert BLEED_PRESETS["0.125in"] == 9 and BLEED_PRESETS["3mm"] == pytest.approx(mm(3))


def test_orientation_swaps_dimensions():
    """Choosing landscape on a portrait preset swaps width and height, and the preset is still recognised."""
    p = CardSpec.from_preset("4x6in", "portrait")
    l = CardSpec.from_preset("4x6in", "landscape")
    assert (p.width, p.height) == (288, 432) and (l.width, l.height) == (432, 288)
    assert p.orientation == "portrait" and l.orientation == "landscape"
    assert l.preset_id == "4x6in" and p.rotated() == l
    assert CardSpec.from_preset("85x55mm", "portrait").width == pytest.approx(mm(55))


def test_default_bleed_and_safe_are_3mm():
    """A new card has 3 mm bleed and 3 mm safe margin."""
    s = CardSpec.from_preset("a6")
    assert s.bleed == pytest.approx(mm(3)) and s.safe == pytest.approx(mm(3))
    assert s.bleed_preset_id == "3mm"


def test_rects_follow_the_coordinate_convention():
    """Trim starts at the origin, bleed is negative, safe is inset by the margin."""
    s = CardSpec(288, 432, bleed=9, safe=9)
    assert s.trim_rect == Rect(0, 0, 288, 432)
    assert s.bleed_rect == Rect(-9, -9, 306, 450)
    assert s.safe_rect == Rect(9, 9, 270, 414)
    assert s.bleed_rect.contains_rect(s.trim_rect) and s.trim_rect.contains_rect(s.safe_rect)


@pytest.mark.parametrize("kwargs,needle", [
    (dict(width=0, height=400), "trim width"),
    (dict(width=400, height=-5), "trim height"),
    (dict(width=400, height=10000), "trim height"),
    (dict(width=300, height=400, bleed=-1), "bleed"),
    (dict(width=300, height=400, bleed=100), "bleed"),
    (dict(width=300, height=400, safe=200), "safe margin"),
    (dict(width=300, height=400, sides=3), "sides"),
    (dict(width=float("nan"), height=400), "trim width"),
    (dict(width="wide", height=400), "trim width"),
])
def test_invalid_geometry_names_the_dimension(kwargs, needle):
    """Each impossible value raises InvalidDimension whose message names the bad dimension."""
    with pytest.raises(InvalidDimension, match=needle):
        CardSpec(**kwargs)


def test_custom_and_with_parse_strings():
    """Custom sizes and bleed presets can be given as text."""
    s = CardSpec.custom("100mm", "150mm", bleed="0.125in")
    assert s.width == pytest.approx(mm(100)) and s.bleed == 9 and s.preset_id == "custom"
    assert s.with_(bleed="2mm").bleed == pytest.approx(mm(2))
    with pytest.raises(InvalidDimension, match="size preset"):
        CardSpec.from_preset("a0")


def test_spec_dict_round_trip():
    """The spec survives to_dict/from_dict unchanged."""
    s = CardSpec.from_preset("5x7in", "landscape", bleed="1.5mm", sides=1)
    assert CardSpec.from_dict(s.to_dict()).to_dict() == s.to_dict()
    assert "2 sides" in CardSpec.from_preset("a6").describe()


def test_size_title_is_the_same_in_either_orientation():
    """A preset is named by its title whichever way the card is turned; a custom size by its
    dimensions in mm."""
    assert CardSpec.from_preset("4x6in", "landscape").size_title() == "Postcard 4 × 6 in"
    assert CardSpec.from_preset("4x6in", "portrait").size_title() == "Postcard 4 × 6 in"
    assert CardSpec.from_preset("a6", "landscape").size_title(zh=True) == "A6（105×148 毫米）"
    assert CardSpec.custom("100mm", "150mm").size_title() == "Custom 100 × 150 mm"
