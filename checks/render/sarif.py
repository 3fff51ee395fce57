"""SARIF 2.1.0 output (for code-scanning dashboards and editors).

One run; ``tool.driver.rules`` lists every rule that produced a finding, with its help text
(message, suggestion, policy source) and ``helpUri`` (the policy page). Columns count code
points (``columnKind: unicodeCodePoints``), 1-based, ``endColumn`` exclusive, as the
specification says; ``charOffset``/``charLength`` are the finding's code-point offsets.
Artwork findings carry their page and bounding box in ``properties``. Inputs that could not
be read appear as error notifications of the invocation, not as results.
"""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from checks.findings import FileResult, Finding
from checks.render._common import LineIndex, sorted_findings, tool_version

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://cardwise.example/docs/rules"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative or file URI for ``path`` (spaces and non-ASCII percent-encoded)."""
    if path == "-":
        return "stdin"
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix())
    return quote(p.as_posix())


def _rule_descriptions() -> dict[str, Any]:
    """Rule metadata from the bundled packs, when they load; the renderer works without."""
    try:
        from checks.rules import load_rules

        return {r.id: r for r in load_rules().rules}
    except Exception:  # a broken or missing pack must not stop the report
        return {}


def _rule_entry(f: Finding, rule: Any | None) -> dict[str, Any]:
    help_lines = [f.message]
    if f.suggestion:
        help_lines.append(f"Use instead: {f.suggestion}")
    if f.source:
        help_lines.append(f"Source: {f.source.title}" + (f" ({f.source.url})" if f.source.url else ""))
    md = [f"**{f.message}**"]
    if f.suggestion:
        md.append(f"Use instead: *{f.suggestion}*")
    if f.source:
        md.append(f"Source: [{f.source.title}]({f.source.url})" if f.source.url else f"Source: {f.source.title}")
    description = (getattr(rule, "description", "") or f.message) if rule is not None else f.message
    entry: dict[str, Any] = {
        "id": f.rule,
        "name": f.name,
        "shortDescription": {"text": f.message},
        "fullDescription": {"text": description},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(md)},
        "defaultConfiguration": {"level": _LEVEL[str(getattr(rule, "severity", f.severity))]},
        "properties": {"category": str(f.category), "message_zh": f.message_zh,
                       "tags": [str(f.category)]},
    }
    if f.source and f.source.url:
        entry["helpUri"] = f.source.url
    return entry


def document(results: list[FileResult]) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    described: dict[str, Any] | None = None
    artifacts: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for file_no, r in enumerate(results):
        uri = artifact_uri(r.path)
        artifacts.append({"location": {"uri": uri}})
        location = {"uri": uri, "index": file_no}
        if r.error:
            notifications.append({
                "level": "error",
                "message": {"text": f"{r.path}: {r.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": location}}],
            })
            continue
        index = LineIndex(r.text) if r.text is not None else None
        for f in sorted_findings(r.findings):
            if f.rule not in rule_index:
                if described is None:
                    described = _rule_descriptions()
                rule_index[f.rule] = len(rules)
                rules.append(_rule_entry(f, described.get(f.rule)))
            phys: dict[str, Any] = {"artifactLocation": location}
            if index is not None and 0 <= f.start <= f.end <= len(index.text):
                sl, sc = index.line_col(f.start)
                el, ec = index.line_col(f.end)
                phys["region"] = {
                    "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                    "charOffset": f.start, "charLength": f.end - f.start,
                    "snippet": {"text": index.text[f.start:f.end]},
                }
            props: dict[str, Any] = {"category": str(f.category), "name": f.name, "message_zh": f.message_zh,
                                     "rules": list(f.extra.get("rules") or [f.rule])}
            if f.extra.get("verdict"):
                props["link"] = {"kind": f.extra["verdict"], "reason": f.extra.get("reason", "")}
            if f.suggestion:
                props["suggestion"] = f.suggestion
            if f.page is not None:
                props["page"] = f.page
            if f.bbox is not None:
                props["bbox"] = [round(v, 2) for v in f.bbox]
            sarif_results.append({
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": _LEVEL[str(f.severity)],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": phys}],
                "properties": props,
            })
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "Cardwise", "version": tool_version(), "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "invocations": [{
                "executionSuccessful": True,
                "toolExecutionNotifications": notifications,
            }],
            "results": sarif_results,
        }],
    }


def render(results: list[FileResult], out: TextIO, *, color: bool = False, lang: str = "en") -> None:
    json.dump(document(results), out, ensure_ascii=False, indent=2)
    out.write("\n")
