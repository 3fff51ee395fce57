"""Card templates: thank-you card, warranty / after-sales card, manual contact section,
follow-up postcard.

Each template is designed here in code (so it is reviewable and regenerated, not hand-edited)
and written to ``resources/templates/<id>.json`` by :func:`write_all` (run
``python -m app.model.templates``). :func:`new_from_template` reads that file, so a
template is data at run time. Every template:

- keeps text inside the safe zone, runs backgrounds and colour bands into the bleed;
- uses only the default font family (ships with Cardwise, so it works on a fresh machine);
- sets small text in 100 % K and coloured or reversed text at 8 pt or more;
- is compliant: contact goes through "Amazon Buyer-Seller Messaging (Your Orders › Contact
  Seller)", QR codes open the buyer's Amazon order page (tests run the checker on them).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from app.errors import CardwiseError
from app.model.color import BLACK, WHITE, Color
from app.model.document import Document
from app.model.elements import (
    Align, LineElement, Paragraph, QrElement, RectElement, TextBox, TextStyle, VAlign,
)
from app.model.geometry import CardSpec
from app.model.units import mm
from app.paths import templates_dir

TEMPLATE_SCHEMA = 2
CONTACT = ("contact us through Amazon Buyer-Seller Messaging (Your Orders › Contact Seller)")
ORDERS_URL = "https://www.amazon.com/gp/css/order-history"


class TemplateError(CardwiseError):
    """A template that does not exist or cannot be read."""


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title: str
    title_zh: str
    size: str           # "4 × 6 in, 2 sides"
    description: str = ""

    def __iter__(self):  # behaves as (id, title, title_zh, size)
        return iter((self.id, self.title, self.title_zh, self.size))


# ------------------------------------------------------------------------------- palette
TEAL = Color(0.88, 0.38, 0.30, 0.12)        # deep teal-blue brand colour
TEAL_LIGHT = Color(0.12, 0.02, 0.04, 0.0)   # pale tint for panels
CORAL = Color(0.0, 0.62, 0.58, 0.0)         # warm accent
CREAM = Color(0.0, 0.02, 0.07, 0.0)         # paper-like background
INK = BLACK                                  # 100 K for all small text
GREY = Color(0, 0, 0, 0.55)


def _bullet(text: str, size: float, *, marker: str = "•", spacing: float = 1.3,
            after: float = 0.0) -> tuple[str, TextStyle]:
    """A list item whose wrapped lines hang under the text, not under the marker."""
    from app.model.fonts import default_library
    lead = f"{marker}  "
    hang = round(default_library().default_font().text_width(lead, size), 3)
    return (lead + text, _style(size, spacing=spacing, after=after).with_(
        left_indent=hang, first_indent=-hang))


def _style(size: float, *, bold: bool = False, italic: bool = False, color: Color = INK,
           align: str = "left", spacing: float = 1.25, after: float = 0.0,
           tracking: float = 0.0) -> TextStyle:
    return TextStyle(size_pt=size, bold=bold, italic=italic, color=color, align=Align(align),
                     line_spacing=spacing, space_after=after, letter_spacing=tracking)


class _Builder:
    """Adds elements with stable, readable ids (``<side>-<name>``)."""

    def __init__(self, spec: CardSpec, title: str) -> None:
        self.doc = Document.new(spec, title=title)
        self.spec = spec

    def text(self, side: str, name: str, x: float, y: float, w: float, h: float,
             paras: list[tuple[str, TextStyle]], valign: str = "top", padding: float = 0.0,
             fill: Color | None = None) -> TextBox:
        box = TextBox(id=f"{side}-{name}", name=name, x=x, y=y, w=w, h=h,
                      paragraphs=tuple(Paragraph(t, s) for t, s in paras),
                      valign=VAlign(valign), padding=padding, fill=fill)
        return self.doc.add_element(side, box)

    def rect(self, side: str, name: str, x: float, y: float, w: float, h: float, *,
             fill: Color | None = None, stroke: Color | None = None, stroke_width: float = 0.0,
             radius: float = 0.0) -> RectElement:
        return self.doc.add_element(side, RectElement(
            id=f"{side}-{name}", name=name, x=x, y=y, w=w, h=h, fill=fill, stroke=stroke,
            stroke_width=stroke_width if stroke else 0.0, corner_radius=radius))

    def line(self, side: str, name: str, x: float, y: float, w: float, h: float,
             color: Color = GREY, width: float = 0.5) -> LineElement:
        return self.doc.add_element(side, LineElement(id=f"{side}-{name}", name=name, x=x, y=y,
                                                      w=w, h=h, stroke=color, stroke_width=width))

    def qr(self, side: str, name: str, x: float, y: float, size: float,
           payload: str = ORDERS_URL) -> QrElement:
        return self.doc.add_element(side, QrElement(id=f"{side}-{name}", name=name, x=x, y=y,
                                                    w=size, h=size, payload=payload, error="M",
                                                    fg=INK, bg=WHITE, quiet_zone=4))

    def logo(self, side: str, cx: float, cy: float, d: float, color: Color, ring: Color) -> None:
        """A logo placeholder drawn with shapes: a ring, a monogram and a small mark."""
        self.rect(side, "logo-ring", cx - d / 2, cy - d / 2, d, d, stroke=ring, stroke_width=1.5,
                  radius=d / 2)
        self.rect(side, "logo-dot", cx - d * 0.32, cy - d * 0.32, d * 0.64, d * 0.64, fill=color,
                  radius=d * 0.32)
        self.text(side, "logo-mark", cx - d / 2, cy - d / 2, d, d,
                  [("LOGO", _style(max(8.0, d * 0.16), bold=True, color=WHITE if color != WHITE else TEAL,
                                   align="center", tracking=0.5))], valign="middle")

    def bleed_rect(self) -> tuple[float, float, float, float]:
        b = self.spec.bleed
        return (-b, -b, self.spec.width + 2 * b, self.spec.height + 2 * b)


# ------------------------------------------------------------------------------- designs
def _thank_you() -> Document:
    spec = CardSpec.from_preset("4x6in", "landscape")
    t = _Builder(spec, "Thank-you card")
    W, H, b = spec.width, spec.height, spec.bleed
    d = t.doc
    d.set_side_property("front", "background", CREAM)
    # front: colour band on the left with the logo
    band = 150.0
    t.rect("front", "band", -b, -b, band + b, H + 2 * b, fill=TEAL)
    t.rect("front", "band-edge", band, -b, 5, H + 2 * b, fill=CORAL)
    t.logo("front", band / 2, 92, 62, CORAL, WHITE)
    t.text("front", "brand", 14, 136, band - 28, 40,
           [("YOUR BRAND", _style(11, bold=True, color=WHITE, align="center", tracking=1.5)),
            ("Since 2026", _style(8, italic=True, color=WHITE, align="center"))])
    t.line("front", "band-rule", 45, 190, band - 90, 0, color=WHITE, width=0.75)
    t.text("front", "band-note", 14, 200, band - 28, 50,
           [("Made with care", _style(9, italic=True, color=WHITE, align="center"))])
    # front: message
    x0 = band + 30
    t.text("front", "kicker", x0, 40, W - x0 - 24, 14,
           [("WITH GRATITUDE", _style(8.5, bold=True, color=CORAL, tracking=2))])
    t.text("front", "headline", x0, 56, W - x0 - 20, 48,
           [("Thank you", _style(38, bold=True, color=TEAL, spacing=1.0))])
    t.text("front", "subhead", x0, 104, W - x0 - 20, 26,
           [("for choosing us.", _style(17, italic=True, color=INK))])
    t.line("front", "accent", x0, 140, 44, 0, color=CORAL, width=2.5)
    t.text("front", "body", x0, 156, W - x0 - 28, 84,
           [("We hope your new purchase brings you joy. Every order is checked by our small "
             "team before it leaves our workshop.", _style(10, spacing=1.4))])
    t.text("front", "footer", x0, H - 36, W - x0 - 28, 14,
           [("Questions? Turn this card over.", _style(8, italic=True))])
    # back: help and care
    d.set_side_property("back", "background", WHITE)
    t.rect("back", "band", -b, -b, W + 2 * b, 58 + b, fill=TEAL)
    t.text("back", "title", 24, 16, W - 48, 32,
           [("We're here to help", _style(18, bold=True, color=WHITE))], valign="middle")
    t.text("back", "contact", 24, 76, 250, 90,
           [("Something not quite right?", _style(11, bold=True, color=TEAL, after=4)),
            (f"Please {CONTACT}. We usually reply within 24 hours.", _style(9.5, spacing=1.4))])
    t.rect("back", "care-panel", 24, 176, 250, 88, fill=TEAL_LIGHT, radius=6)
    t.text("back", "care", 24, 176, 250, 88,
           [("Care tips", _style(10, bold=True, color=TEAL, after=3)),
            _bullet("Wipe clean with a soft, dry cloth.", 9),
            _bullet("Keep away from direct heat and sunlight.", 9),
            _bullet("Store in the box it came in when not in use.", 9)], padding=10)
    q = 84.0
    t.qr("back", "orders-qr", W - 24 - q, 84, q)
    t.text("back", "qr-label", W - 24 - q - 10, 84 + q + 6, q + 20, 30,
           [("Scan to open", _style(8, align="center")),
            ("Your Orders on Amazon", _style(8, bold=True, align="center"))])
    t.text("back", "signoff", W - 24 - 120, H - 30, 120, 14,
           [("— The team", _style(9, italic=True, align="right"))])
    return d


def _warranty() -> Document:
    spec = CardSpec.from_preset("a6", "portrait")
    t = _Builder(spec, "Warranty and after-sales card")
    W, H, b = spec.width, spec.height, spec.bleed
    d = t.doc
    d.set_side_property("front", "background", WHITE)
    t.rect("front", "header", -b, -b, W + 2 * b, 118 + b, fill=TEAL)
    t.logo("front", W - 52, 48, 46, CORAL, WHITE)
    t.text("front", "kicker", 22, 26, 180, 14,
           [("AFTER-SALES SERVICE", _style(8.5, bold=True, color=WHITE, tracking=1.8))])
    t.text("front", "title", 22, 42, 200, 64,
           [("Warranty", _style(26, bold=True, color=WHITE, spacing=1.05)),
            ("& support", _style(18, color=WHITE, spacing=1.1))])
    t.rect("front", "badge", 22, 132, W - 44, 44, fill=CORAL, radius=22)
    t.text("front", "badge-text", 22, 132, W - 44, 44,
           [("18-MONTH WARRANTY", _style(13, bold=True, color=WHITE, align="center", tracking=1.5))],
           valign="middle")
    t.text("front", "how", 22, 194, W - 44, 20,
           [("How to reach us", _style(13, bold=True, color=TEAL))])
    steps = ("Open Your Orders on Amazon and find this order.",
             "Choose Contact Seller.",
             "Tell us what happened. We reply within 24 hours.")
    y = 220.0
    for i, step in enumerate(steps, 1):
        t.rect("front", f"step{i}-dot", 22, y, 22, 22, fill=TEAL, radius=11)
        t.text("front", f"step{i}-num", 22, y, 22, 22,
               [(str(i), _style(11, bold=True, color=WHITE, align="center"))], valign="middle")
        t.text("front", f"step{i}", 54, y + 1, W - 76, 36, [(step, _style(10, spacing=1.3))])
        y += 41
    t.rect("front", "contact-panel", 22, H - 80, W - 44, 56, fill=TEAL_LIGHT, radius=6)
    t.text("front", "contact", 22, H - 80, W - 44, 56,
           [(f"Questions? Please {CONTACT}.", _style(9, spacing=1.35))], valign="middle", padding=10)
    # back: terms and troubleshooting
    d.set_side_property("back", "background", WHITE)
    t.rect("back", "top-rule", -b, -b, W + 2 * b, 12 + b, fill=CORAL)
    t.text("back", "terms-title", 22, 30, W - 44, 22,
           [("Warranty terms", _style(15, bold=True, color=TEAL))])
    t.text("back", "terms", 22, 56, W - 44, 126,
           [("This product has an 18-month warranty from the date of delivery. It covers "
             "defects in materials and workmanship under normal use.", _style(9, spacing=1.35, after=5)),
            ("It does not cover accidental damage, misuse or normal wear.", _style(9, spacing=1.35, after=5)),
            (f"For a repair, replacement or refund, {CONTACT}.", _style(9, spacing=1.35))])
    t.line("back", "divider", 22, 194, W - 44, 0, color=GREY, width=0.5)
    t.text("back", "tips", 22, 206, W - 44 - 90, 118,
           [("Before you contact us", _style(11, bold=True, color=TEAL, after=4)),
            _bullet("Make sure the device is fully charged.", 9, spacing=1.35, after=2),
            _bullet("Restart it: hold the power button for 10 seconds.", 9, spacing=1.35, after=2),
            _bullet("Read the quick-start guide in the box.", 9, spacing=1.35)])
    q = 76.0
    t.qr("back", "orders-qr", W - 22 - q, 214, q)
    t.text("back", "qr-label", W - 22 - q - 8, 214 + q + 4, q + 16, 26,
           [("Your Orders", _style(8, bold=True, align="center")),
            ("on Amazon", _style(8, align="center"))])
    t.rect("back", "footer", -b, H - 42, W + 2 * b, 42 + b, fill=TEAL)
    t.text("back", "footer-text", 22, H - 42, W - 44, 32,
           [("Thank you for choosing us.", _style(10, italic=True, color=WHITE, align="center"))],
           valign="middle")
    return d


def _manual_contact() -> Document:
    spec = CardSpec.from_preset("a7", "landscape", sides=1)
    t = _Builder(spec, "User manual — contact section")
    W, H, b = spec.width, spec.height, spec.bleed
    d = t.doc
    d.set_side_property("front", "background", WHITE)
    t.rect("front", "accent-bar", -b, -b, 14 + b, H + 2 * b, fill=CORAL)
    t.text("front", "kicker", 30, 18, 160, 12,
           [("CUSTOMER SUPPORT", _style(8, bold=True, color=CORAL, tracking=1.6))])
    t.text("front", "title", 30, 32, 170, 28,
           [("Contact us", _style(20, bold=True, color=TEAL))])
    t.line("front", "rule", 30, 64, 36, 0, color=TEAL, width=2)
    t.text("front", "body", 30, 74, 170, 90,
           [("Questions about setup, use or your order? Please " + CONTACT + ".",
             _style(8.5, spacing=1.35, after=4)),
            ("We reply within 24 hours, 7 days a week.", _style(8.5, bold=True, spacing=1.35))])
    q = 66.0
    t.qr("front", "orders-qr", W - 16 - q, 34, q)
    t.text("front", "qr-label", W - 16 - q - 6, 34 + q + 4, q + 12, 24,
           [("Scan for", _style(8, align="center")), ("Your Orders", _style(8, bold=True, align="center"))])
    t.line("front", "bottom-rule", 30, H - 26, W - 46, 0, color=GREY, width=0.5)
    t.text("front", "footer", 30, H - 22, W - 46, 12,
           [("Thank you for choosing us.", _style(8, italic=True))])
    return d


def _follow_up() -> Document:
    spec = CardSpec.from_preset("5x7in", "landscape")
    t = _Builder(spec, "Follow-up postcard")
    W, H, b = spec.width, spec.height, spec.bleed
    d = t.doc
    d.set_side_property("front", "background", TEAL)
    # front: bold shapes, big greeting
    t.rect("front", "circle-big", W - 230, -90, 320, 320, fill=Color(0.7, 0.25, 0.2, 0.05), radius=160)
    t.rect("front", "circle-coral", W - 150, H - 130, 190, 190, fill=CORAL, radius=95)
    t.rect("front", "circle-small", 40, H - 90, 46, 46, fill=CREAM, radius=23)
    t.text("front", "kicker", 40, 70, 300, 16,
           [("A NOTE FROM OUR TEAM", _style(9, bold=True, color=CREAM, tracking=2))])
    t.text("front", "headline", 40, 92, 330, 120,
           [("How's it", _style(46, bold=True, color=WHITE, spacing=1.0)),
            ("going?", _style(46, bold=True, color=WHITE, spacing=1.05))])
    t.text("front", "sub", 40, 214, 300, 40,
           [("A few tips to get the most from your purchase.", _style(13, italic=True, color=CREAM, spacing=1.3))])
    t.logo("front", W - 74, H - 60, 50, TEAL, WHITE)
    # back: message | tips + QR
    d.set_side_property("back", "background", CREAM)
    t.rect("back", "top-band", -b, -b, W + 2 * b, 10 + b, fill=CORAL)
    mid = W / 2
    t.text("back", "hello", 26, 30, mid - 46, 24,
           [("Hello again!", _style(17, bold=True, color=TEAL))])
    t.text("back", "message", 26, 60, mid - 46, 190,
           [("Your order arrived a few weeks ago, and we hope everything is working well.",
             _style(10, spacing=1.45, after=6)),
            ("If you have a moment, we would appreciate your honest review on Amazon.",
             _style(10, spacing=1.45, after=6)),
            (f"Need a hand? Please {CONTACT}.", _style(10, spacing=1.45))])
    t.text("back", "signoff", 26, H - 62, mid - 46, 30,
           [("Warm regards,", _style(10, italic=True)), ("The team", _style(10, bold=True))])
    t.line("back", "divider", mid, 34, 0, H - 68, color=GREY, width=0.5)
    t.text("back", "tips", mid + 20, 30, mid - 46, 170,
           [("Three tips", _style(13, bold=True, color=TEAL, after=6)),
            _bullet("Clean it gently with a soft cloth once a week.", 9.5, marker="1.", spacing=1.4, after=4),
            _bullet("Keep the quick-start guide: it lists every setting.", 9.5, marker="2.", spacing=1.4, after=4),
            _bullet("Store it dry and away from direct sunlight.", 9.5, marker="3.", spacing=1.4)])
    q = 78.0
    t.qr("back", "orders-qr", mid + 20, 214, q)
    t.text("back", "qr-label", mid + 20 + q + 12, 214 + 18, 130, 44,
           [("Scan to open", _style(8.5)), ("Your Orders on Amazon", _style(8.5, bold=True))])
    return d


def _thank_you_mini() -> Document:
    spec = CardSpec.from_preset("3.5x2in", "landscape")
    t = _Builder(spec, "Thank-you mini card")
    W, H, b = spec.width, spec.height, spec.bleed
    d = t.doc
    d.set_side_property("front", "background", TEAL)
    t.rect("front", "arc", W - 70, -60, 170, 170, fill=Color(0.7, 0.25, 0.2, 0.05), radius=85)
    t.logo("front", 50, H / 2, 54, CORAL, WHITE)
    t.text("front", "headline", 92, 40, W - 92 - 16, 34,
           [("Thank you!", _style(22, bold=True, color=WHITE, spacing=1.0))])
    t.text("front", "sub", 92, 76, W - 92 - 16, 32,
           [("We hope you love it.", _style(10, italic=True, color=CREAM))])
    d.set_side_property("back", "background", CREAM)
    t.rect("back", "edge", -b, H - 12, W + 2 * b, 12 + b, fill=CORAL)
    t.text("back", "title", 16, 16, 160, 16, [("Need a hand?", _style(11, bold=True, color=TEAL))])
    t.text("back", "contact", 16, 36, 160, 60,
           [(f"Please {CONTACT}. We reply within 24 hours.", _style(8, spacing=1.3))])
    q = 56.0
    t.qr("back", "orders-qr", W - 14 - q, 16, q)
    t.text("back", "qr-label", W - 14 - q - 4, 16 + q + 3, q + 8, 24,
           [("Your Orders", _style(8, bold=True, align="center"))])
    t.text("back", "signoff", 16, H - 34, 160, 14,
           [("Thank you for choosing us.", _style(8, italic=True))])
    return d


_TEMPLATES: dict[str, tuple[str, str, str, Callable[[], Document]]] = {
    "thank-you": ("Thank-you card", "感谢卡", "Warm thank-you with care tips and help on the back.", _thank_you),
    "thank-you-mini": ("Thank-you mini card (3.5 × 2 in)", "迷你感谢卡（3.5×2 英寸）", "Business-card size thank-you with help on the back.", _thank_you_mini),
    "warranty": ("Warranty / after-sales card", "保修 / 售后卡", "Warranty terms and the three steps to reach you on Amazon.", _warranty),
    "manual-contact": ("User manual: contact section", "说明书联系方式", "The 'contact us' panel for a manual, one side.", _manual_contact),
    "follow-up": ("Follow-up postcard", "回访明信片", "Tips after delivery with a neutral review request.", _follow_up),
}


# ------------------------------------------------------------------------------- files
def _size_label(spec: CardSpec) -> str:
    from app.model.geometry import SIZE_PRESETS
    p = SIZE_PRESETS.get(spec.preset_id)
    unit = "in" if p and p.id.endswith("in") else "mm"
    from app.model.units import from_pt
    w, h = (round(from_pt(v, unit), 2) for v in (spec.width, spec.height))
    fmt = lambda v: f"{v:g}"   # noqa: E731
    return f"{fmt(w)} × {fmt(h)} {unit}, {spec.sides} side{'s' if spec.sides == 2 else ''}"


def build(template_id: str) -> Document:
    """Build a template from code (used by write_all and the tests)."""
    if template_id not in _TEMPLATES:
        raise TemplateError(f"template {template_id!r} is unknown; choose one of {', '.join(_TEMPLATES)}")
    return _TEMPLATES[template_id][3]()


def template_json(template_id: str) -> str:
    title, title_zh, desc, _ = _TEMPLATES[template_id]
    doc = build(template_id)
    body = {"format": "cardwise-template", "schema_version": TEMPLATE_SCHEMA, "id": template_id,
            "title": title, "title_zh": title_zh, "description": desc,
            "size": _size_label(doc.spec), "document": doc.to_dict()}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def write_all(folder: Path | None = None) -> list[Path]:
    """Regenerate resources/templates/*.json (and the sample project)."""
    folder = folder or templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for tid in _TEMPLATES:
        p = folder / f"{tid}.json"
        p.write_text(template_json(tid), encoding="utf-8")
        out.append(p)
    return out


def _read(template_id: str) -> dict[str, Any]:
    path = templates_dir() / f"{template_id}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in templates_dir().glob("*.json")))
        raise TemplateError(f"template {template_id!r} is unknown; choose one of {known}")
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise TemplateError(f"template {template_id!r} cannot be read: {e}") from None
    if body.get("schema_version") != TEMPLATE_SCHEMA:   # the model never imports app.io (layers)
        raise TemplateError(f"template {template_id!r} is in schema {body.get('schema_version')!r}, not "
                            f"{TEMPLATE_SCHEMA}; regenerate the templates with python -m app.io.samples")
    return body


def list_templates() -> list[TemplateInfo]:
    """The templates shipped in resources/templates, in a fixed order."""
    order = {tid: i for i, tid in enumerate(_TEMPLATES)}
    infos = []
    for p in sorted(templates_dir().glob("*.json"), key=lambda p: (order.get(p.stem, 99), p.stem)):
        try:
            body = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        infos.append(TemplateInfo(body.get("id", p.stem), body.get("title", p.stem),
                                  body.get("title_zh", ""), body.get("size", ""),
                                  body.get("description", "")))
    return infos


def new_from_template(template_id: str) -> Document:
    """A new document from a shipped template (independent of the file it came from)."""
    body = _read(template_id)
    try:
        return Document.from_dict(body["document"])
    except (CardwiseError, KeyError, TypeError, ValueError) as e:
        raise TemplateError(f"template {template_id!r} is damaged: {e}") from None


if __name__ == "__main__":   # python -m app.model.templates (the sample card: python -m app.io.samples)
    for path in write_all():
        print(path)
