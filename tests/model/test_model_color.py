"""CMYK colours, spot colours and the RGB preview."""
import pytest

from app.model.color import BLACK, REGISTRATION, RICH_BLACK, WHITE, Color, ColorError


def test_preview_of_process_colours():
    """100 K previews as black, no ink as white, 100 C as cyan-ish."""
    assert BLACK.rgb == (0, 0, 0) and BLACK.hex == "#000000"
    assert WHITE.rgb == (255, 255, 255)
    assert Color(1, 0, 0, 0).rgb == (0, 255, 255)
    assert Color(0, 0, 0, 0.5).rgb == (128, 128, 128)


def test_values_outside_0_1_rejected_with_name():
    """An ink value above 100 % is refused and the channel is named."""
    with pytest.raises(ColorError, match="colour m"):
        Color(0, 1.5, 0, 0)
    with pytest.raises(ColorError, match="hex"):
        Color.from_hex("#12")


def test_hex_and_rgb_conversion_round_trip():
    """A hex colour converted to CMYK previews as the same hex."""
    for h in ("#ff0000", "#1e5aa0", "#808080", "#000000", "#ffffff"):
        assert Color.from_hex(h).hex == h
    assert Color.from_hex("#000").is_pure_black


def test_spot_tint_and_total_ink():
    """A spot colour at 50 % tint halves its process equivalent; TAC is in percent."""
    spot = Color(0, 0.9, 0.7, 0.1, spot="PANTONE 186 C", tint=0.5)
    assert spot.cmyk == pytest.approx((0, 0.45, 0.35, 0.05))
    assert spot.label() == "PANTONE 186 C 50 %"
    assert RICH_BLACK.total_ink == pytest.approx(240)
    assert REGISTRATION.is_registration and not BLACK.is_registration
    assert BLACK.is_pure_black and not RICH_BLACK.is_pure_black


def test_contrast_ratio():
    """Black on white has maximal contrast; a colour against itself has none."""
    assert BLACK.contrast_ratio(WHITE) == pytest.approx(21, abs=0.01)
    assert Color(0.2, 0.2, 0.2, 0.2).contrast_ratio(Color(0.2, 0.2, 0.2, 0.2)) == 1


def test_dict_round_trip():
    """Colours survive serialisation, including spot and tint."""
    for c in (BLACK, Color(0.1, 0.2, 0.3, 0.4), Color(0, 1, 0, 0, spot="Brand Red", tint=0.3)):
        assert Color.from_dict(c.to_dict()) == c
    with pytest.raises(ColorError):
        Color.from_dict({"rgb": [1, 2, 3]})
