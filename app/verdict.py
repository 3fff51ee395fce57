"""One verdict per card: the single place that decides what is wrong with a ``Document``.

The designer's live check, the export gate (``cardwise export`` and the export dialog) and
``cardwise check`` on a ``.cardwise`` project all call :func:`judge_card` (the designer calls
its two halves, :func:`judge_snapshot` on its worker thread and :func:`print_findings` on the
GUI thread, because typing must not wait for the print checks), so one card gets one verdict:

* **wording** — each side's boxes joined in :func:`reading_order` (top to bottom, left to
  right, by box geometry) into one :class:`CardText`, checked once with the card's main
  language as context; so "Please leave a review on Amazon." in the body and "Then claim
  your free gift!" in the footer are the consecutive sentences they are on the printed card.
  Each finding is mapped back to the box where it starts (offsets local to that box's text;
  a finding that runs on into later boxes is clipped, their ids in ``extra["elements"]``);
* **QR payloads** — ``Checker.check_qr``;
* **artwork** — the ``artwork`` rules (``Checker.check_artwork``: star graphics beside review
  wording), over a Qt-free description of each side (:class:`checks.artwork.ArtworkShape`);
* **print** — ``app.export.preflight.preflight_print`` (unless ``print_checks=False``);

then ONE filter: disabled rules (``checks.rules.matches_selector``; print ids and names too)
and the document's per-occurrence ignores (``Document.is_ignored``).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Protocol, Sequence

if TYPE_CHECKING:   # the checks package loads with the checker (the designer starts without it)
    # the card model is read where a Document is (the designer, the command line): the
    # checker process, which judges snapshots, does not import it (~0.02 s of its start)
    from app.model.document import Document, Ignore
    from app.model.elements import TextBox

    from checks import Checker
    from checks.artwork import ArtworkShape
    from checks.findings import Finding

    from app.export.preflight import PreflightOptions

#: what separates two boxes in a side's text: a paragraph break, as on the printed card
BOX_SEPARATOR = "\n\n"
#: Longest text handed to the checker in one call. Longer texts (a 1 MB paragraph) are checked
#: in pieces cut at a line end, else a sentence end, else a space: the language pipeline has a
#: hard length limit (spaCy's E088 at 1,000,000 characters) and its time grows with the piece.
CHUNK_CHARS = 100_000


def pieces(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering ``text`` in order, each at most ``limit`` characters, cut at
    the last line end, else sentence end, else space in the second half of the window."""
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = text.rfind("\n", lo, hi)            # cut just after the boundary found
        if cut < 0:
            dot, full_stop = text.rfind(". ", lo, hi - 1), text.rfind("。", lo, hi)
            cut = dot + 1 if dot > full_stop else full_stop
        if cut < 0:
            cut = text.rfind(" ", lo, hi)
        cut = hi if cut < 0 else cut + 1
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


@dataclass(frozen=True)
class Piece:
    """Where one box's text sits inside :attr:`CardText.text` (end exclusive)."""

    start: int
    end: int
    element_id: str


@dataclass(frozen=True)
class CardText:
    """The wording of one side in reading order: the boxes joined by :data:`BOX_SEPARATOR`."""

    side: str
    text: str
    pieces: tuple[Piece, ...]

    def piece_at(self, offset: int) -> Piece | None:
        """The box holding ``offset``; an offset in a separator belongs to the next box."""
        for p in self.pieces:
            if offset < p.end:
                return p
        return None


@dataclass(frozen=True)
class CardSnapshot:
    """What the compliance part of a verdict reads from a document, copied out of it (so a
    worker thread can judge while the user keeps editing): per side the reading-order text,
    the QR payloads and the artwork shapes; the document's ignores; the element order."""

    texts: tuple[CardText, ...]
    qr: tuple[tuple[str, str], ...]                   # (element id, payload)
    shapes: tuple[tuple[ArtworkShape, ...], ...]      # per side
    ignores: tuple[Ignore, ...] = ()
    order: tuple[str, ...] = ()                       # element ids, side by side, bottom → top

    @property
    def key(self) -> tuple:
        """Everything the wording/QR/artwork verdict depends on (a cache key)."""
        return (tuple((t.text, t.pieces) for t in self.texts), self.qr, self.shapes)


@dataclass(frozen=True)
class Verdict:
    """A card's findings (errors first, then by element order) and their counts."""

    findings: tuple[Finding, ...]
    errors: int = 0
    warnings: int = 0
    #: judged with ``deep=False`` while the sentence encoder (``checks.encoder_stage``) had
    #: not yet read every sentence: the rules and the bag-of-words stage are in, the encoder's
    #: findings for the new sentences may follow. Never stored, never an export verdict.
    provisional: bool = False

    @classmethod
    def of(cls, findings: Iterable[Finding], order: Sequence[str] = (), *, provisional: bool = False) -> "Verdict":
        pos = {eid: i for i, eid in enumerate(order)}
        fs = sorted(findings, key=lambda f: (-f.severity.rank, pos.get(f.element_id or "", -1), f.rule, f.start))
        return cls(tuple(fs), sum(str(f.severity) == "error" for f in fs),
                   sum(str(f.severity) == "warning" for f in fs), provisional)

    def blocks_export(self) -> bool:
        """Error findings refuse the export (unless the user signs a waiver)."""
        return self.errors > 0

    @property
    def error_findings(self) -> list[Finding]:
        return [f for f in self.findings if str(f.severity) == "error"]

    def merged(self, other: "Verdict", order: Sequence[str] = ()) -> "Verdict":
        return Verdict.of(self.findings + other.findings, order, provisional=self.provisional or other.provisional)


# ------------------------------------------------------------------------------ reading order
def _split(boxes: list[TextBox], axis: int) -> list[list[TextBox]]:
    """Groups of boxes separated by a clear gap along ``axis`` (0: x, 1: y), in order."""
    def span(e: TextBox) -> tuple[float, float]:
        b = e.bounds
        return (b.x, b.x + b.w) if axis == 0 else (b.y, b.y + b.h)

    groups: list[list[TextBox]] = []
    end = float("-inf")
    for e in sorted(boxes, key=lambda e: span(e)[0]):
        a, b = span(e)
        if groups and a < end:
            groups[-1].append(e)
        else:
            groups.append([e])
        end = max(end, b) if len(groups[-1]) > 1 else b
    return groups


def _xy_cut(boxes: list[TextBox]) -> list[TextBox]:
    """Recursive XY-cut: cut into bands at horizontal gaps (top to bottom), a band into
    columns at vertical gaps (left to right), and so on; boxes that overlap both ways read
    by their top-left corner."""
    if len(boxes) <= 1:
        return boxes
    for axis in (1, 0):
        groups = _split(boxes, axis)
        if len(groups) > 1:
            return [e for g in groups for e in _xy_cut(g)]
    return sorted(boxes, key=lambda e: (e.bounds.y, e.bounds.x))


def reading_order(doc: Document) -> list[CardText]:
    """Each side's text boxes in reading order — top to bottom and left to right by box
    geometry (:func:`_xy_cut`: bands at horizontal gaps, columns at vertical gaps) — joined
    into one text per side. Empty and hidden boxes are left out."""
    from app.model.elements import TextBox

    out = []
    for side in doc.sides:
        # a hidden element does not print, so there is nothing on the card to object to
        boxes = [e for e in side.elements if isinstance(e, TextBox) and e.text.strip() and not e.hidden]
        parts: list[str] = []
        pieces: list[Piece] = []
        pos = 0
        for el in _xy_cut(boxes):
            if parts:
                parts.append(BOX_SEPARATOR)
                pos += len(BOX_SEPARATOR)
            text = el.text
            parts.append(text)
            pieces.append(Piece(pos, pos + len(text), el.id))
            pos += len(text)
        out.append(CardText(side.name, "".join(parts), tuple(pieces)))
    return out


def artwork_shapes(doc: Document) -> list[tuple[ArtworkShape, ...]]:
    """Each side described for the ``artwork`` rules: text boxes, images (labelled by element
    and file name) and drawn shapes (labelled by name), with their boxes in points."""
    from checks.artwork import ArtworkShape

    from app.model.elements import ImageElement, LineElement, RectElement, TextBox

    sides = []
    for side in doc.sides:
        shapes = []
        for el in side.elements:
            if el.hidden:
                continue
            b = el.bounds
            box = (b.x, b.y, b.x + b.w, b.y + b.h)
            if isinstance(el, TextBox):
                shapes.append(ArtworkShape(el.id, "text", el.name, box, el.text))
            elif isinstance(el, ImageElement):
                asset = doc.assets.get(el.asset_id)
                label = " ".join(s for s in (el.name, asset.name if asset else "") if s)
                shapes.append(ArtworkShape(el.id, "image", label, box))
            elif isinstance(el, (RectElement, LineElement)):
                shapes.append(ArtworkShape(el.id, "shape", el.name, box))
        sides.append(tuple(shapes))
    return sides


def snapshot(doc: Document) -> CardSnapshot:
    """Copy what :func:`judge_snapshot` needs out of ``doc`` (cheap: no checking)."""
    from app.model.elements import QrElement

    qr = tuple((el.id, el.payload) for _s, el in doc.elements()
               if isinstance(el, QrElement) and el.payload and not el.hidden)
    return CardSnapshot(tuple(reading_order(doc)), qr, tuple(artwork_shapes(doc)), tuple(doc.ignores),
                        tuple(el.id for _s, el in doc.elements()))


# ------------------------------------------------------------------------------ judging
def _wording(checker: "Checker", card: CardText, context_lang: str | None, disabled: frozenset[str],
             deep: bool = True, pending: list[bool] | None = None) -> list[Finding]:
    if not card.text.strip():
        return []
    found = []
    for offset, chunk in pieces(card.text):   # bounded pieces: a 1 MB box would hit spaCy's E088
        if chunk.strip():
            found += [f.with_(start=f.start + offset, end=f.end + offset) if offset else f
                      for f in checker.check(chunk, ignore=disabled, context_lang=context_lang, deep=deep)]
            if not deep and pending is not None and not pending[0]:
                pending[0] = checker.deep_pending(chunk, context_lang=context_lang)
    out = []
    for f in found:
        piece = card.piece_at(f.start)
        if piece is None:
            continue
        start = max(f.start, piece.start)
        end = min(f.end, piece.end)
        extra = dict(f.extra)
        others = [p for p in card.pieces if p is not piece and p.start < f.end and f.start < p.end]
        if others:   # the boxes the finding runs on into, and its span in each (local offsets)
            extra["elements"] = [p.element_id for p in others]
            extra["spans"] = {p.element_id: (max(f.start, p.start) - p.start, min(f.end, p.end) - p.start)
                              for p in others}
        out.append(f.with_(start=start - piece.start, end=max(end, start) - piece.start,
                           text=card.text[start:max(end, start)], element_id=piece.element_id, extra=extra))
    return out


def keep(findings: Iterable[Finding], ignores: Sequence[Ignore], disabled: Sequence[str] = ()) -> list[Finding]:
    """THE filter: drop disabled rules (``checks.rules.selects``: ids, id prefixes, names,
    categories) and the findings the document ignores there (rule + element + matched text)."""
    findings = list(findings)
    if not findings:
        return []   # (the designer filters before the checker has loaded: import nothing)
    from checks.rules import selects

    out = []
    for f in findings:
        if disabled and selects(f.rule, f.name, str(f.category), disabled):
            continue
        if f.element_id and any(i.matches(f.rule, f.element_id, f.text) for i in ignores):
            continue
        out.append(f)
    return out


def judge_snapshot(snap: CardSnapshot, checker: "Checker", *, disabled: Iterable[str] = (),
                   deep: bool = True) -> Verdict:
    """The wording, QR and artwork part of the verdict (safe on a worker thread).

    ``deep=False`` (the designer, while the user types): the sentence encoder reads only
    sentences it has read before, so a keystroke never waits for it; the verdict is then
    ``provisional`` when some sentence is still unread, and the caller asks again with
    ``deep=True`` once typing pauses. Everything that decides (the export gate, ``cardwise
    check``, the batch checker, a stored verdict) judges with ``deep=True``."""
    dis = frozenset(d for d in disabled if d)
    found: list[Finding] = []
    pending = [False]
    context = checker.main_language(p for t in snap.texts for p in _box_texts(t))
    for card in snap.texts:
        found += _wording(checker, card, context, dis, deep, pending)
    for eid, payload in snap.qr:
        found += [f.with_(element_id=eid) for f in checker.check_qr(payload)]
    for shapes in snap.shapes:
        found += checker.check_artwork(shapes)
    return Verdict.of(keep(found, snap.ignores, tuple(dis)), snap.order, provisional=pending[0])


class Judge(Protocol):
    """What judges a :class:`CardSnapshot` for one marketplace profile: :class:`LocalJudge`
    (a ``checks.Checker`` in this process) or ``app.checkproc.ProcessJudge`` (the same
    function in the designer's checker process)."""

    profile_name: str

    def warm(self) -> None:
        """Get ready to judge (build pipelines); may take a second; safe on a worker thread."""

    def judge(self, snap: CardSnapshot, disabled: Iterable[str] = (), deep: bool = True) -> Verdict:
        """The wording, QR and artwork part of the verdict (:func:`judge_snapshot`; ``deep``
        as there)."""


class LocalJudge:
    """A :class:`Judge` over a checker in this process (the command line, tests)."""

    def __init__(self, checker: "Checker") -> None:
        self.checker = checker
        self.profile_name = checker.profile.name

    def warm(self) -> None:
        self.checker.warm()

    def judge(self, snap: CardSnapshot, disabled: Iterable[str] = (), deep: bool = True) -> Verdict:
        return judge_snapshot(snap, self.checker, disabled=disabled, deep=deep)


def _box_texts(card: CardText) -> list[str]:
    return [card.text[p.start:p.end] for p in card.pieces]


def print_findings(doc: Document, options: "PreflightOptions | None" = None,
                   disabled: Iterable[str] = ()) -> Verdict:
    """The print part of the verdict (``app.export.preflight``), through the same filter."""
    from app.export.preflight import preflight_print

    found = preflight_print(doc, options)
    return Verdict.of(keep(found, tuple(doc.ignores), tuple(disabled)), [el.id for _s, el in doc.elements()])


_CHECKERS: dict[str, "Checker"] = {}
_CHECKERS_LOCK = threading.Lock()


def checker_for(profile: str) -> "Checker":
    """A shared ``checks.Checker`` per profile (built on first use)."""
    from checks import Checker

    with _CHECKERS_LOCK:
        c = _CHECKERS.get(profile)
        if c is None:
            c = _CHECKERS[profile] = Checker(profile)
        return c


def profile_of(doc: Document, profile: str | None = None) -> str:
    return profile or str(doc.settings.get("profile") or "amazon")


def judge_card(doc: Document, *, profile: str | None = None, disabled: Iterable[str] = (),
               checker: "Checker | None" = None, print_checks: bool = True,
               options: "PreflightOptions | None" = None, judge: Judge | None = None) -> Verdict:
    """The card's verdict (see the module docstring). ``profile``: the marketplace profile
    (default: the card's own, else amazon); ``disabled``: rule ids, id prefixes, names or
    categories switched off; ``options``: print preflight options (bleed, ICC name);
    ``judge``: who judges the wording (the designer passes its checker process's judge for the
    card's profile; default: a ``checks.Checker`` for the profile in this process)."""
    disabled = tuple(disabled) + tuple(options.disabled_rules if options is not None else ())
    try:
        if judge is None:
            checker = checker or checker_for(profile_of(doc, profile or (options.profile if options else None)))
            judge = LocalJudge(checker)
        verdict = judge.judge(snapshot(doc), disabled, deep=True)   # it decides: never provisional
    except Exception as exc:  # noqa: BLE001 - an unknown state must block, not pass silently
        from app.export.preflight import compliance_unavailable

        verdict = Verdict.of([compliance_unavailable(exc)])
    if print_checks:
        verdict = verdict.merged(print_findings(doc, options, disabled), [el.id for _s, el in doc.elements()])
    return verdict


__all__ = ["BOX_SEPARATOR", "CardSnapshot", "CardText", "Piece", "Verdict", "artwork_shapes", "judge_card",
           "judge_snapshot", "keep", "print_findings", "reading_order", "snapshot"]
