"""``cardwise export``: the print PDF of a card (plus proof PNG and N-up sheet).

    cardwise export CARD.cardwise -o card.pdf [--crop-marks] [--bleed 3mm] [--proof card.png]
                    [--nup A4|Letter] [--pdfx x1a|x4] [--icc FILE] [--outline-text]
                    [--allow-violations "reason"] [--profile P]

The export gate is the card's verdict (``app.verdict.judge_card``: the same findings the
designer and ``cardwise check`` give). Error findings refuse the export
(exit 1, findings printed) unless ``--allow-violations "reason"`` is given: then the reason
goes into the PDF's metadata and a bilingual sign-off sheet (``<pdf>-signoff.pdf``) is
written beside it. The outputs (PDF, sign-off, proof, N-up sheet) are written all or none:
each waits in a temp file beside its target until every one has been written, so a failure
(an unwritable proof folder, say) leaves no new file. Outputs get 0666 minus the umask.

Exit codes: 0 written; 1 refused because of error findings; 2 bad arguments or input.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from app.errors import CardwiseError
from app.exitcodes import ExitCode

EPILOG = """\
examples:
  cardwise export card.cardwise -o card.pdf
  cardwise export card.cardwise -o card.pdf --crop-marks --bleed 0.125in --proof card.png
  cardwise export card.cardwise -o card.pdf --nup A4           (also writes card-nup-a4.pdf)
  cardwise export card.cardwise -o card.pdf --preset us        (0.125 in bleed, GRACoL intent)
  cardwise export card.cardwise -o card.pdf --pdfx x4 --icc PSOcoated_v3.icc
  cardwise export card.cardwise -o card.pdf --allow-violations "approved by legal, ticket 42"

The PDF is PDF/X-1a-style by default (CMYK/spot only, fonts embedded, no transparency,
TrimBox/BleedBox, GTS_PDFX output intent); no validator here certifies PDF/X conformance.
exit codes: 0 written, 1 refused (error findings), 2 usage or unreadable input.
"""


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="write the print-ready PDF of a card (proof PNG and N-up sheet optional)",
                       description="Write the print-ready PDF of a .cardwise card: trim + bleed, TrimBox/BleedBox, "
                                   "CMYK, embedded fonts, PDF/X-1a-style markers.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("card", metavar="CARD.cardwise", help="the card to export")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--preset", metavar="NAME",
                   help="printer preset setting bleed, crop marks and printing condition: generic, us, china, eu, "
                        "moo, vistaprint (explicit options win)")
    p.add_argument("--crop-marks", action="store_true", default=None,
                   help="draw crop marks outside the bleed (off by default: many online printers reject them)")
    p.add_argument("--bleed", metavar="LENGTH", help="bleed per side, e.g. 3mm, 0.125in, 2mm (default: the card's)")
    p.add_argument("--proof", metavar="FILE.png", help="also write a PNG proof of the exported PDF")
    p.add_argument("--proof-dpi", type=float, default=150.0, metavar="DPI", help="proof resolution (default 150)")
    p.add_argument("--proof-view", choices=("trim", "bleed"), default="trim",
                   help="proof shows the trimmed card or the whole bleed (default: trim)")
    p.add_argument("--guides", action="store_true", help="draw trim and safe-zone guides on the proof")
    p.add_argument("--nup", metavar="SHEET", type=str.lower, choices=("a4", "letter"),
                   help="also write an N-up sheet (A4 or Letter) with crop marks: <output>-nup-<sheet>.pdf")
    p.add_argument("--pdfx", choices=("x1a", "x4"), default="x1a", help="PDF/X flavour of the markers (default x1a; "
                                                                         "x4 needs --icc)")
    p.add_argument("--icc", metavar="FILE.icc", help="the printer's CMYK ICC profile: used to convert RGB images "
                                                     "and embedded as the output intent")
    p.add_argument("--condition", default=None,
                   help="registered printing condition for the output intent without --icc "
                        "(fogra39, fogra51, gracol, swop, japan-color; default fogra39)")
    p.add_argument("--outline-text", action="store_true", help="convert text to outlines (needs Ghostscript)")
    p.add_argument("--allow-violations", metavar="REASON",
                   help="export despite error findings; the reason is recorded in the PDF and on a sign-off sheet")
    p.add_argument("--signed-by", metavar="NAME", help="who signs off a waiver (default: your login name)")
    p.add_argument("--profile", help="marketplace profile for the wording check (default: the card's, else amazon)")
    p.add_argument("--lang", choices=("en", "zh", "both"), default="both", help="language of printed findings")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or one JSON object on stdout: status, files written, page boxes, findings")
    p.set_defaults(func=run)


def _where(doc: Any, element_id: str | None) -> str:
    if not element_id:
        return "card"
    try:
        side, el = doc.find(element_id)
    except KeyError:
        return element_id
    from app.model.elements import TextBox

    label = el.name or (el.text.split("\n", 1)[0][:24] if isinstance(el, TextBox) else el.id[:6])
    return f"{side.name} {el.kind} \"{label}\""


def print_findings(findings: list[Any], doc: Any, out: TextIO, lang: str = "both") -> None:
    """One block per finding: severity, rule id and title, where, the matched text, the message
    (en and/or zh; the Chinese title too when Chinese is asked for)."""
    from app.batch.titles import rule_title

    for f in findings:
        snippet = f" «{f.text[:50]}»" if f.text and str(f.category) != "print" else ""
        title = rule_title(f.rule, chinese=lang == "zh")
        print(f"  {str(f.severity):7} {f.rule:6} {title}  [{_where(doc, f.element_id)}]{snippet}", file=out)
        if lang in ("en", "both"):
            print(f"          {f.message}", file=out)
        if lang in ("zh", "both") and f.message_zh:
            print(f"          {f.message_zh}", file=out)
        if f.suggestion:
            print(f"          → {f.suggestion}", file=out)


def _finding_json(f: Any, doc: Any) -> dict[str, Any]:
    from app.batch.titles import rule_title

    d = f.to_dict()
    d["title"] = rule_title(f.rule)             # as in cardwise check --format json
    d["title_zh"] = rule_title(f.rule, chinese=True)
    d["element_id"] = f.element_id
    d["where"] = _where(doc, f.element_id)
    return d


def run(args: argparse.Namespace) -> int:
    outcome = export_card(args)
    if args.format == "json":
        return _report_json(outcome)
    return _report_text(args, outcome)


@dataclass
class Outcome:
    """What one ``cardwise export`` did, as data: the text and the JSON reports are both
    built from it (nothing is printed while exporting)."""

    code: int
    doc: Any = None
    result: Any = None                  #: the ExportResult (written)
    refused: list[Any] | None = None    #: the error findings that refused the export
    message: str = ""                   #: the one-line reason of a usage or input error
    notes: list[str] = field(default_factory=list)     #: said before the export (a preset's note)
    written: list[str] = field(default_factory=list)   #: one line per file written
    proof: str | None = None
    nup: dict[str, Any] | None = None


def _report_text(args: argparse.Namespace, outcome: Outcome) -> int:
    out, err = sys.stdout, sys.stderr
    for note in outcome.notes:
        print(note, file=out)
    if outcome.message:
        print(outcome.message, file=err)
    if outcome.refused is not None:
        n = len(outcome.refused)
        print(f"cardwise export: refused: {n} error finding{'s' if n != 1 else ''} in {args.card}; "
              "nothing was written.", file=err)
        print_findings(outcome.refused, outcome.doc, err, args.lang)
        print("Fix them, or export anyway with --allow-violations \"reason\" (recorded in the PDF and on a "
              "sign-off sheet).", file=err)
    result = outcome.result
    if result is not None:
        for line in outcome.written:
            print(line, file=out)
        others = [f for f in result.findings if f not in result.waived]
        if others:
            print(f"{len(others)} other finding(s) (not blocking):", file=out)
            print_findings(others, outcome.doc, out, args.lang)
    return outcome.code


def _report_json(outcome: Outcome) -> int:
    """The same export, reported as one JSON object on stdout (for scripts and CI), built
    from the outcome."""
    import json

    from app.export.atomic import shown

    code, doc = outcome.code, outcome.doc
    payload: dict[str, Any] = {"status": {0: "written", 1: "refused"}.get(code, "error"), "exit_code": code}
    if code == int(ExitCode.USAGE):
        payload["message"] = outcome.message
    if outcome.refused is not None:
        payload["findings"] = [_finding_json(f, doc) for f in outcome.refused]
    result = outcome.result
    if result is not None:
        b = result.boxes
        payload.update({
            "pdf": shown(result.path), "pages": result.pages,
            "media_box": list(b.media_box), "bleed_box": list(b.bleed_box), "trim_box": list(b.trim_box),
            "crop_marks": b.crop_marks, "text_outlined": result.outlined,
            "pdfx": result.report.pdfx_version if result.report else None,
            "output_intent": result.report.output_intent if result.report else None,
            "signoff": shown(result.signoff_path) if result.signoff_path else None,
            "waived": [f.rule for f in result.waived],
            "image_conversion": sorted(result.image_methods),
            "findings": [_finding_json(f, doc) for f in result.findings],
            "seconds": round(result.seconds, 3),
        })
    if outcome.proof is not None:
        payload["proof"] = outcome.proof
    if outcome.nup is not None:
        payload["nup"] = outcome.nup
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return code


def export_card(args: argparse.Namespace) -> Outcome:
    """Judge the card (``app.verdict.judge_card``), then write what ``args`` asks for, all or
    nothing; never prints."""
    from app.export.atomic import all_or_nothing
    from app.export.pdf import ExportOptions, ExportRefused
    from app.export.preflight import PreflightOptions
    from app.io.project import load
    from app.model.units import parse_length
    from app.verdict import judge_card

    outcome = Outcome(int(ExitCode.OK))
    try:
        if args.profile:
            from checks import available_profiles

            profiles = available_profiles()
            if args.profile not in profiles:
                return _usage(outcome, f"unknown profile {args.profile!r} (available: {', '.join(profiles)})")
        doc = outcome.doc = load(args.card)
        bleed = parse_length(args.bleed, None, "bleed") if args.bleed else None
        crop_marks, condition = bool(args.crop_marks), args.condition or "fogra39"
        if args.preset:
            from app.export.presets import get_preset

            preset = get_preset(args.preset)
            bleed = preset.bleed if bleed is None else bleed
            crop_marks = preset.crop_marks if args.crop_marks is None else crop_marks
            condition = args.condition or preset.condition
            if preset.note and not args.outline_text:
                outcome.notes.append(f"preset {preset.id}: {preset.note}")
        options = ExportOptions(crop_marks=crop_marks, bleed=bleed, pdfx=args.pdfx, condition=condition,
                                icc_path=args.icc, outline_text=args.outline_text,
                                allow_violations=args.allow_violations, signed_by=args.signed_by,
                                profile=args.profile)
        if args.allow_violations is not None and not args.allow_violations.strip():
            return _usage(outcome, "--allow-violations needs a reason, e.g. --allow-violations \"approved by legal\"")
        verdict = judge_card(doc, profile=args.profile, options=PreflightOptions.from_export(options))
        try:
            with all_or_nothing() as outputs:   # PDF, sign-off, proof and sheet: all or none
                _write_outputs(args, doc, options, outcome, outputs, verdict)
        except ExportRefused as refused:
            outcome.refused = list(refused.findings)
            outcome.result = None
            outcome.code = int(ExitCode.FINDINGS)
        return outcome
    except CardwiseError as exc:
        return _usage(outcome, str(exc))
    except OSError as exc:
        return _usage(outcome, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))


def _usage(outcome: Outcome, message: str) -> Outcome:
    outcome.code, outcome.message = int(ExitCode.USAGE), f"cardwise export: {message}"
    outcome.result, outcome.written, outcome.proof, outcome.nup = None, [], None, None
    return outcome


def _write_outputs(args: argparse.Namespace, doc: Any, options: Any, outcome: Outcome, outputs: Any,
                   verdict: Any) -> None:
    """Write the PDF and whatever else was asked for, inside one all-or-nothing block: the
    proof is rendered from the staged PDF, and nothing lands unless every file could be written."""
    from app.export.atomic import shown
    from app.export.pdf import export_pdf

    result = outcome.result = export_pdf(doc, args.output, options, verdict=verdict)
    written = outcome.written
    written.append(f"print PDF     {result.summary()}")
    if result.waived:
        written.append(f"sign-off      {shown(result.signoff_path)} ({len(result.waived)} error finding(s) waived: "
                       f"\"{args.allow_violations.strip()}\")")
    elif args.allow_violations:
        written.append("waiver        not needed: no error findings, so no sign-off sheet was written")
    if result.image_methods - {"gray", "cmyk-source"}:
        methods = ", ".join(sorted(result.image_methods - {"gray", "cmyk-source"}))
        written.append(f"images        converted to CMYK ({methods})")
    if args.proof:
        from app.export.proof import ProofOptions, render_proof

        png = render_proof(outputs.current(result.path), args.proof, ProofOptions(
            dpi=args.proof_dpi, view=args.proof_view, guides=args.guides,
            safe=doc.spec.safe if args.guides else None))
        written.append(f"proof PNG     {shown(png)} ({args.proof_dpi:g} dpi, {args.proof_view} view)")
        outcome.proof = shown(png)
    if args.nup:
        from app.export.nup import export_nup

        nup_path = Path(args.output).with_name(f"{Path(args.output).stem}-nup-{args.nup}.pdf")
        options.preflight = False   # the print PDF above has just passed (or waived) the same gate
        layout = export_nup(doc, nup_path, sheet=args.nup, options=options, verdict=verdict)
        turn = ("flip on short edge" if layout.landscape else "flip on long edge") if len(doc.sides) == 2 else ""
        outcome.nup = {"path": shown(nup_path), "cards_per_sheet": layout.count, "cols": layout.cols,
                       "rows": layout.rows, "rotated": layout.rotated, "duplex": turn or None}
        written.append(f"N-up sheet    {shown(nup_path)} ({layout.count} per {args.nup.upper()} sheet, "
                       f"{layout.cols}×{layout.rows}{', cards turned 90°' if layout.rotated else ''}"
                       f"{', duplex: ' + turn if turn else ''})")
