"""Documentation points at files that exist in the repository: every relative Markdown link
and every backticked repository path (``app/ui/hovercard.py``, ``docs/rules.md``) in
README.md, docs/, packaging/ and the tests' READMEs resolves to a file or folder in the
checkout. A path with a wildcard or a ``<placeholder>`` must match at least one file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Top-level entries a backticked path may start with (what the repository holds).
TOP = ("app", "checks", "docs", "tests", "resources", "packaging", "bench", ".github", ".ci")

FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
TICK = re.compile(r"`([^`\n]+)`")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
ABSOLUTE = re.compile(r"^/(?:work|home|tmp/cardwise|Users)/")


def markdown_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "packaging").rglob("*.md")),
             *sorted((ROOT / "tests").rglob("README.md"))]
    return [f for f in files if f.is_file()]


def _exists(base: Path, target: str) -> bool:
    """``target`` (relative to ``base``) names something inside the repository; a wildcard or
    ``<placeholder>`` must match at least one path."""
    pattern = re.sub(r"<[^>]+>", "*", target).rstrip("/")
    if any(c in pattern for c in "*?["):
        return any(p.resolve().is_relative_to(ROOT) for p in base.glob(pattern))
    path = (base / pattern).resolve()
    return path.is_relative_to(ROOT) and path.exists()


def _repo_path(token: str) -> str | None:
    """The repository path a backticked token names, or None when it is not one."""
    token = re.sub(r"(::[\w\[\]-]+|:\d+(-\d+)?)$", "", token.strip()).rstrip(".,;:)")
    if " " in token or "/" not in token or token.startswith(("-", "http")):
        return None
    if ABSOLUTE.match(token):
        return token          # a machine's own path: not in the repository
    if token.split("/")[0] in TOP or token.startswith("../"):
        return token
    return None


def broken_references(text: str, base: Path) -> list[str]:
    """Links (relative to ``base``, the Markdown file's folder) and backticked repository
    paths in ``text`` that name nothing in the repository; code blocks are skipped."""
    text = FENCE.sub("", text)
    bad = []
    for m in LINK.finditer(text):
        target = m.group(1)
        if SCHEME.match(target) or target.startswith("#"):
            continue
        target = target.split("#")[0]
        if target and not _exists(base, target):
            bad.append(f"link ({target})")
    for m in TICK.finditer(text):
        path = _repo_path(m.group(1))
        if path is None:
            continue
        where = base if path.startswith("../") else ROOT    # "../x": from the Markdown file's folder
        if ABSOLUTE.match(path) or not _exists(where, path):
            bad.append(f"`{path}`")
    return bad


@pytest.mark.parametrize("md", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_documentation_references_exist(md):
    bad = broken_references(md.read_text(encoding="utf-8"), md.parent)
    assert not bad, f"{md.relative_to(ROOT)} points at files that are not in the repository: {', '.join(bad)}"


def test_the_scanner_catches_broken_links_and_paths():
    """A link to a missing file, a backticked missing module and a machine's own path are
    caught; existing files, wildcards that match, URLs, anchors and code blocks are not."""
    text = ("See [rules](rules.md), [gone](gone.md), [web](https://example.com), [top](#top).\n"
            "Code in `app/ui/hovercard.py:12`, `app/ui/nowhere.py` and `/work/shared/TAXONOMY.md`;\n"
            "packs under `resources/rules/<lang>/`, notes in `tests/**/README.md`, `../README.md`;\n"
            "data in `../shared/corpus.jsonl`.\n"
            "```\ncat app/ui/missing_in_a_code_block.py `app/ui/also_missing.py`\n```\n")
    assert broken_references(text, ROOT / "docs") == [
        "link (gone.md)", "`app/ui/nowhere.py`", "`/work/shared/TAXONOMY.md`", "`../shared/corpus.jsonl`"]
