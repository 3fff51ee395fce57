"""Text for print: the model's one text layout, drawn run by run.

``app.model.text_layout.layout`` has already broken the lines and placed every character
with the font's own advance widths (the designer paints the same positions). Here each
:meth:`Line.runs` piece becomes one text-show operation at its x, on the line's baseline,
in its segment's embedded subset TrueType font (the chosen face, or the fallback face
for characters it lacks), so the PDF is searchable and its line breaks
are exactly the layout's. Overset lines (below the box) are not printed; preflight reports
them. Text sits in the exporter's y-down frame, so each run's text matrix flips y back.
Text in pure 100 % K is set to overprint (ExtGState ``op``/``OPM 1``), the usual prepress rule
for black type (research/print.md §1.4); coloured and white text always knocks out.
"""
from __future__ import annotations

from typing import Any

from app.export.colour import to_reportlab
from app.model.document import Document
from app.model.elements import TextBox


def font_library_for(doc: Document) -> Any:
    """The model's font library for ``doc`` (system fonts plus the project's added fonts)."""
    from app.model.fonts import library_for

    return library_for(doc)


def layout_of(box: TextBox, fonts: Any) -> Any:
    from app.model.text_layout import layout

    return layout(box, fonts)


def first_font_name(doc: Document, fonts: Any) -> str | None:
    """The reportlab name of the first font the card draws text with (for ``initialFontName``,
    so reportlab's page preamble references an embedded font and not Helvetica)."""
    for side in doc.sides:
        for el in side.elements:
            if isinstance(el, TextBox) and not el.hidden:
                lay = layout_of(el, fonts)
                for line in lay.lines:
                    if line.ink_text:
                        if el.paragraphs[line.paragraph].runs:   # the face its first piece uses
                            return line.pieces()[0][2].font_name
                        return line.font_name
    return None


def draw_text_box(el: TextBox, ctx: Any) -> None:
    """Draw ``el``'s laid-out lines (the canvas is already in the element's rotated frame).

    A line with runs is drawn as one text object per stretch of one colour, switching face and
    size where its pieces do; a line without runs is one text object as it always was."""
    lay = layout_of(el, ctx.fonts)
    c = ctx.canvas
    drawn: list[str] = []
    for line in lay.lines:
        if line.overset or not line.ink_text:
            continue
        rich = bool(el.paragraphs[line.paragraph].runs)
        groups: list[tuple[Any, list]] = []   # (colour, pieces) in drawing order
        for piece in line.pieces():
            if groups and groups[-1][0] == piece[2].color:
                groups[-1][1].append(piece)
            else:
                groups.append((piece[2].color, [piece]))
        y = el.y + line.baseline_y
        for colour, pieces in groups:
            text = c.beginText()
            text.setFillColor(to_reportlab(colour))
            # a line without runs starts in the paragraph's face (as it always did)
            current = (pieces[0][2].font_name, pieces[0][2].size) if rich else (line.font_name, line.size)
            text.setFont(*current)
            text.setCharSpace(line.style.letter_spacing)   # Tc persists across BT/ET: always set it
            for x, run, seg in pieces:
                if (seg.font_name, seg.size) != current:   # fallback or a run: the face changes
                    current = (seg.font_name, seg.size)
                    text.setFont(*current)
                text.setTextTransform(1, 0, 0, -1, el.x + x, y)
                text.textOut(run)
            if getattr(ctx, "overprint_black", True) and colour.is_pure_black:
                # 100 K text overprints: a slightly misregistered plate leaves no white halo
                c.saveState()
                c.setFillOverprint(True)
                c.setOverprintMask(True)
                c.drawText(text)
                c.restoreState()
            else:
                c.drawText(text)
        for x0, x1, uy, thick, colour in line.underlines():
            c.saveState()
            c.setFillColor(to_reportlab(colour))
            c.rect(el.x + x0, el.y + uy - thick / 2, x1 - x0, thick, stroke=0, fill=1)
            c.restoreState()
        drawn.append(line.ink_text)
    ctx.text_lines[el.id] = drawn
