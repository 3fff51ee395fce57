"""Rules as data: the ``Rule`` type, the rule-pack loader and its validation.

Layout under ``resources/rules/`` (docs/rule-format.md is the full reference)::

    sources.yaml        policy sources by key (title + URL), cited by rules
    profiles.yaml       marketplace profiles: severity overrides, disabled rules
    languages.yaml      per-language detection data (script, stop words)
    retired.yaml        ids that were used once and must never be used again
    common/*.yaml       language-independent rules (detectors, QR payloads)
    frames/*.yaml       the policy's frames: rules over named concepts, shared by every
                        language whose pack defines those concepts (messages in English and
                        Chinese, the inline examples and suggestion in English)
    <lang>/concepts.yaml  lexicons and concepts (named token patterns) for that language
    <lang>/frames.yaml  that language's examples and rewrite for each frame rule
    <lang>/*.yaml       rules only that language has

Every error names the file and the rule id, so a typo in a pack is found at load time,
not on a buyer's card.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

from checks import parsed_cache
from checks.errors import RulePackError
from checks.findings import Category, Severity, Source
from checks.kinds import DETECTOR_CONCEPTS, KINDS, RuleKind, need as _need, str_list as _str_list

#: the concept whose hits come from the trained second stage (``model/<category>``)
MODEL_CONCEPT = "model"
STATUSES = ("stable", "preview", "deprecated", "removed")
_ID_RE = re.compile(r"^CW\d{3}$")
_NAME_RE = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")
_MARK_RE = re.compile(r"\[([^\[\]]+)\]")
#: a rule's title is a short name, as in a table column or a menu: no sentence
TITLE_MAX = 48

#: keys every rule may carry (each kind adds its own: ``checks.kinds``)
_COMMON_KEYS = {
    "id", "name", "title", "title_zh", "category", "severity", "status", "kind", "message", "message_zh",
    "description", "source", "suggestion", "examples", "profiles", "unless", "negatable",
}


def default_rules_dir() -> Path:
    """The bundled ``resources/rules`` (checkout, wheel or frozen bundle; ``CARDWISE_RESOURCES`` overrides)."""
    from checks.resources import resources_root

    return resources_root() / "rules"


@dataclass(frozen=True)
class Example:
    """An example text; ``spans`` are the ``[marked]`` parts (code-point offsets, marks removed)."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def parse(cls, raw: str) -> "Example":
        spans: list[tuple[int, int]] = []
        out: list[str] = []
        pos = 0
        for m in _MARK_RE.finditer(raw):
            out.append(raw[pos:m.start()])
            start = sum(len(p) for p in out)
            out.append(m.group(1))
            spans.append((start, start + len(m.group(1))))
            pos = m.end()
        out.append(raw[pos:])
        return cls("".join(out), tuple(spans))


@dataclass(frozen=True)
class Localized:
    """A frame rule in one card language: its rewrite, examples and lookalikes."""

    lang: str
    suggestion: str | None = None
    examples: tuple[Example, ...] = ()
    lookalikes: tuple[str, ...] = ()
    path: str = ""


@dataclass(frozen=True)
class Rule:
    """One rule of a pack. ``spec`` holds the kind-specific keys as loaded."""

    id: str
    name: str
    category: Category
    severity: Severity
    kind: str
    message: str
    message_zh: str
    lang: str  # "en", … or "*" for language-independent rules
    status: str = "stable"
    description: str = ""
    source: Source | None = None
    suggestion: str | None = None
    examples: tuple[Example, ...] = ()
    lookalikes: tuple[str, ...] = ()
    profiles: tuple[str, ...] | None = None
    unless: tuple[str, ...] = ()
    negatable: bool = False
    spec: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    path: str = ""
    #: frame rules: the languages whose packs define every concept the rule needs
    #: (None: not a frame rule — a pack rule runs in its ``lang``, a common rule everywhere)
    langs: frozenset[str] | None = None
    #: frame rules: examples and rewrite per card language other than English
    localized: dict[str, Localized] = field(default_factory=dict, compare=False, hash=False)
    frame: bool = False
    #: the rule's human name ("Reward for a review"), English and Chinese; shown where a rule
    #: is named (the batch window, the findings panel, ``cardwise rules``, docs/rules.md)
    title: str = ""
    title_zh: str = ""

    def title_for(self, chinese: bool) -> str:
        return self.title_zh if chinese and self.title_zh else self.title

    @property
    def active(self) -> bool:
        return self.status in ("stable", "preview", "deprecated")

    @property
    def impl(self) -> RuleKind:
        """The rule's kind: its loading, compiling and evaluation (``checks.kinds``)."""
        return KINDS[self.kind]

    @property
    def uses_model(self) -> bool:
        """The rule reads the trained second stage's ``model/<category>`` hits."""
        return any(c.split("/")[0] == MODEL_CONCEPT for alts in self.concept_refs() for c in alts)

    def suggestion_for(self, lang: str | None) -> str | None:
        """The rewrite in the card's language (a German card gets a German rewrite); the
        English one where the language has none."""
        loc = self.localized.get(lang or "")
        if loc is not None and loc.suggestion:
            return loc.suggestion
        return self.suggestion

    def concept_refs(self) -> list[list[str]]:
        """The concept slots the rule needs: each slot a list of alternatives (``a|b``),
        ``require``/``steps`` first, then each ``unless`` and ``unless_near`` entry."""
        slots = self.impl.slots(self.spec) + list(self.unless) + list(self.spec.get("unless_near", ()))
        return [alt.split("|") for alt in slots]


@dataclass
class Profile:
    name: str
    title: str
    marketplace: str
    description: str = ""
    severity: dict[str, Severity] = field(default_factory=dict)  # category id or rule id → severity
    disable: tuple[str, ...] = ()


@dataclass
class LanguagePack:
    """The data for one language: lexicons, concepts (named patterns) and its rules."""

    lang: str
    spacy_lang: str
    lexicons: dict[str, list[str]] = field(default_factory=dict)
    concepts: dict[str, list[Any]] = field(default_factory=dict)  # name → pattern strings / {regex: …}
    path: str = ""


@dataclass
class RuleSet:
    """Everything loaded from one rules directory."""

    root: Path
    rules: list[Rule]
    profiles: dict[str, Profile]
    packs: dict[str, LanguagePack]
    languages: dict[str, dict[str, Any]]
    sources: dict[str, Source]
    retired: dict[str, str]

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


#: libyaml's parser (PyYAML's wheels include it) reads the packs about 12x faster than the
#: pure-Python one (0.05 s instead of 0.6 s for every pack: a third of a one-text check); both
#: build the same Python objects (tests/checks/test_rules_yaml_loader.py)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulePackError(path, f"cannot be read: {exc.strerror or exc}") from None
    cached = parsed_cache.get(raw)
    if cached is not parsed_cache.MISS:
        return cached
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except UnicodeDecodeError as exc:
        raise RulePackError(path, f"not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        raise RulePackError(path, f"not valid YAML: {exc}") from None
    parsed_cache.put(raw, data)
    return data


def _title(d: dict, key: str, path: Path, rid: str | None) -> str:
    """A required title: short (``TITLE_MAX`` characters), one line, no trailing full stop."""
    title = _need(d, key, str, path, rid).strip()
    if not title:
        raise RulePackError(path, f"'{key}' is empty", rid)
    if len(title) > TITLE_MAX or "\n" in title:
        raise RulePackError(path, f"'{key}' is {len(title)} characters; a title is one line of at most "
                                  f"{TITLE_MAX} (the description says the rest)", rid)
    if title[-1] in ".。":
        raise RulePackError(path, f"'{key}' ends with a full stop; a title is a name, not a sentence", rid)
    return title


def _load_sources(root: Path) -> dict[str, Source]:
    path = root / "sources.yaml"
    data = _read_yaml(path) or {}
    out: dict[str, Source] = {}
    for key, val in (data.get("sources") or {}).items():
        if not isinstance(val, dict) or not val.get("title") or not val.get("url"):
            raise RulePackError(path, f"source '{key}' needs a title and a url")
        out[key] = Source(title=str(val["title"]), url=str(val["url"]))
    return out


def _load_profiles(root: Path) -> dict[str, Profile]:
    path = root / "profiles.yaml"
    data = _read_yaml(path) or {}
    out: dict[str, Profile] = {}
    for name, val in (data.get("profiles") or {}).items():
        if not isinstance(val, dict):
            raise RulePackError(path, f"profile '{name}' must be a mapping")
        sev: dict[str, Severity] = {}
        for k, v in (val.get("severity") or {}).items():
            try:
                sev[str(k)] = Severity(v)
            except ValueError:
                raise RulePackError(path, f"profile '{name}': severity for '{k}' must be error, warning or info, not {v!r}") from None
        out[name] = Profile(
            name=name,
            title=str(val.get("title", name)),
            marketplace=str(val.get("marketplace", name.title())),
            description=str(val.get("description", "")),
            severity=sev,
            disable=tuple(val.get("disable") or ()),
        )
    if "amazon" not in out:
        raise RulePackError(path, "the default profile 'amazon' is missing")
    return out


def _read_concepts(cpath: Path, data: dict) -> dict[str, list]:
    """The ``concepts`` mapping of a concepts file, validated."""
    out: dict[str, list] = {}
    for name, pats in (data.get("concepts") or {}).items():
        if isinstance(pats, (str, dict)):
            pats = [pats]
        if not isinstance(pats, list) or not pats:
            raise RulePackError(cpath, f"concept '{name}' must list patterns")
        for p in pats:
            if not (isinstance(p, str) or (isinstance(p, dict) and set(p) <= {"regex", "ignorecase"} and "regex" in p)):
                raise RulePackError(cpath, f"concept '{name}': {p!r} is neither a pattern string nor {{regex: …}}")
        if name in DETECTOR_CONCEPTS:
            raise RulePackError(cpath, f"concept name '{name}' is reserved for detector hits")
        out[name] = pats
    return out


def _load_shared_concepts(root: Path) -> dict[str, list]:
    """``concepts.yaml`` beside the packs: concepts that read the same in every card language
    (the marketplace's own marks, legal registrations, follow calls at a social address …),
    given to each pack that does not define them itself."""
    cpath = root / "concepts.yaml"
    if not cpath.exists():
        return {}
    data = _read_yaml(cpath) or {}
    if not isinstance(data, dict) or set(data) - {"concepts"}:
        raise RulePackError(cpath, "the shared concepts file holds only a 'concepts' mapping")
    out = _read_concepts(cpath, data)
    for name, pats in out.items():
        if any(not isinstance(p, dict) for p in pats):
            raise RulePackError(cpath, f"shared concept '{name}': regexes only (token patterns depend on a language)")
    return out


def _load_pack(lang_dir: Path, languages: dict[str, dict], shared: dict[str, list] | None = None) -> LanguagePack:
    lang = lang_dir.name
    meta = languages.get(lang) or {}
    pack = LanguagePack(lang=lang, spacy_lang=str(meta.get("spacy", lang)), path=str(lang_dir))
    pack.concepts.update(shared or {})
    cpath = lang_dir / "concepts.yaml"
    if cpath.exists():
        data = _read_yaml(cpath) or {}
        for name, words in (data.get("lexicons") or {}).items():
            if not isinstance(words, list) or not all(isinstance(w, (str, int)) for w in words):
                raise RulePackError(cpath, f"lexicon '{name}' must be a list of words")
            pack.lexicons[name] = [str(w) for w in words]
        pack.concepts.update(_read_concepts(cpath, data))
    return pack


def _parse_rule(raw: Any, path: Path, lang: str, sources: dict[str, Source], defaults: dict) -> Rule:
    if not isinstance(raw, dict):
        raise RulePackError(path, f"each rule must be a mapping, got {type(raw).__name__}")
    d = {**defaults, **raw}
    rid = d.get("id")
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        raise RulePackError(path, f"rule id {rid!r} must look like CW123", rid if isinstance(rid, str) else None)
    kind = _need(d, "kind", str, path, rid)
    if kind not in KINDS:
        raise RulePackError(path, f"unknown kind '{kind}' (known: {', '.join(KINDS)})", rid)
    unknown = set(d) - _COMMON_KEYS - KINDS[kind].keys
    if unknown:
        raise RulePackError(path, f"unknown field(s) {', '.join(sorted(unknown))} for kind '{kind}'", rid)
    name = _need(d, "name", str, path, rid)
    if not _NAME_RE.match(name):
        raise RulePackError(path, f"name '{name}' must look like 'category/short-name'", rid)
    try:
        category = Category(_need(d, "category", str, path, rid))
    except ValueError:
        raise RulePackError(path, f"category '{d['category']}' is not one of the TAXONOMY ids", rid) from None
    if not name.startswith(category.value + "/"):
        raise RulePackError(path, f"name '{name}' must start with its category '{category.value}/'", rid)
    try:
        severity = Severity(_need(d, "severity", str, path, rid))
    except ValueError:
        raise RulePackError(path, f"severity '{d['severity']}' must be error, warning or info", rid) from None
    status = d.get("status", "stable")
    if status not in STATUSES:
        raise RulePackError(path, f"status '{status}' must be one of {', '.join(STATUSES)}", rid)
    title = _title(d, "title", path, rid)
    title_zh = _title(d, "title_zh", path, rid)
    message = _need(d, "message", str, path, rid).strip()
    message_zh = _need(d, "message_zh", str, path, rid).strip()
    src = d.get("source")
    source: Source | None = None
    if isinstance(src, str):
        if src not in sources:
            raise RulePackError(path, f"source '{src}' is not defined in sources.yaml", rid)
        source = sources[src]
    elif isinstance(src, dict) and src.get("title"):
        source = Source(str(src["title"]), str(src.get("url", "")))
    elif src is not None:
        raise RulePackError(path, "source must be a key of sources.yaml or {title, url}", rid)
    examples, oks = _parse_examples(d.get("examples") or {}, path, rid)
    spec = KINDS[kind].load(d, path, rid)
    profiles = d.get("profiles")
    return Rule(
        id=rid, name=name, title=title, title_zh=title_zh, category=category, severity=severity, kind=kind,
        message=message, message_zh=message_zh, lang=lang, status=status,
        description=str(d.get("description", "")).strip(), source=source,
        suggestion=(str(d["suggestion"]).strip() if d.get("suggestion") else None),
        examples=examples, lookalikes=oks,
        profiles=tuple(profiles) if profiles else None,
        unless=tuple(_str_list(d, "unless", path, rid)),
        negatable=bool(d.get("negatable", False)),
        spec=spec, path=str(path),
    )


#: files of a language folder that are not rule files
_PACK_DATA_FILES = ("concepts.yaml", "frames.yaml")


def _parse_examples(ex: Any, path: Path, rid: str | None) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    if not isinstance(ex, dict):
        raise RulePackError(path, "examples must be a mapping with 'match' and 'ok' lists", rid)
    matches = _str_list(ex, "match", path, rid)
    oks = _str_list(ex, "ok", path, rid)
    examples = tuple(Example.parse(m) for m in matches)
    for e, m in zip(examples, matches):
        if len(e.spans) != 1:
            raise RulePackError(path, f"example {m!r} must mark exactly one [span]", rid)
    return examples, tuple(oks)


def _load_localized(lang_dir: Path) -> dict[str, Localized]:
    """``<lang>/frames.yaml``: ``rules: {CW101: {suggestion: …, examples: {match, ok}}}``."""
    path = lang_dir / "frames.yaml"
    if not path.exists():
        return {}
    data = _read_yaml(path) or {}
    if not isinstance(data, dict) or not isinstance(data.get("rules") or {}, dict):
        raise RulePackError(path, "frames.yaml holds a mapping with a 'rules' mapping (rule id → examples)")
    out: dict[str, Localized] = {}
    for rid, val in (data.get("rules") or {}).items():
        rid = str(rid)
        if not isinstance(val, dict):
            raise RulePackError(path, "each entry needs 'suggestion' and/or 'examples'", rid)
        unknown = set(val) - {"suggestion", "examples"}
        if unknown:
            raise RulePackError(path, f"unknown field(s) {', '.join(sorted(unknown))}", rid)
        examples, oks = _parse_examples(val.get("examples") or {}, path, rid)
        sug = val.get("suggestion")
        if sug is not None and not (isinstance(sug, str) and sug.strip()):
            raise RulePackError(path, "suggestion must be a non-empty string", rid)
        out[rid] = Localized(lang_dir.name, sug.strip() if sug else None, examples, oks, str(path))
    return out


def _load_rule_files(folder: Path, lang: str, sources: dict[str, Source]) -> list[Rule]:
    out: list[Rule] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name in _PACK_DATA_FILES:
            continue
        data = _read_yaml(path) or {}
        if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
            raise RulePackError(path, "a rule file holds a mapping with a 'rules' list")
        defaults = data.get("defaults") or {}
        for raw in data.get("rules") or []:
            out.append(_parse_rule(raw, path, lang, sources, defaults))
    return out


def load_ruleset(root: Path | str | None = None) -> RuleSet:
    """Load and validate every pack under ``root`` (default: the bundled ``resources/rules``)."""
    root = Path(root) if root else default_rules_dir()
    if not root.is_dir():
        raise RulePackError(root, "rules directory not found")
    sources = _load_sources(root)
    profiles = _load_profiles(root)
    langs_data = _read_yaml(root / "languages.yaml") or {}
    languages = langs_data.get("languages") or {}
    retired_data = _read_yaml(root / "retired.yaml") or {}
    retired = {str(k): str(v) for k, v in (retired_data.get("retired") or {}).items()}
    rules: list[Rule] = []
    packs: dict[str, LanguagePack] = {}
    localized: dict[str, dict[str, Localized]] = {}
    common = root / "common"
    if common.is_dir():
        rules += _load_rule_files(common, "*", sources)
    frames = root / "frames"
    if frames.is_dir():
        rules += [replace(r, frame=True) for r in _load_rule_files(frames, "*", sources)]
    shared = _load_shared_concepts(root)
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in ("common", "frames")):
        packs[sub.name] = _load_pack(sub, languages, shared)
        localized[sub.name] = _load_localized(sub)
        rules += _load_rule_files(sub, sub.name, sources)
    _validate_set(root, rules, profiles, packs, retired)
    rules = _bind_frames(rules, packs, localized)
    rules.sort(key=lambda r: r.id)
    return RuleSet(root, rules, profiles, packs, languages, sources, retired)


def frame_enabled(rule: Rule, pack: LanguagePack) -> bool:
    """A frame rule runs in a language when, for each of its concept slots (``require``,
    ``steps`` and every ``unless`` entry), the pack defines at least one alternative (a
    detector counts as defined everywhere). A pack that lacks a guard concept therefore
    does not get the rule half-armed. The second stage's ``model/<category>`` counts as defined:
    whether a language has a model is the engine's business (no model, no hits)."""
    defined = set(pack.concepts) | set(DETECTOR_CONCEPTS) | {MODEL_CONCEPT}
    return all(any(c.split("/")[0] in defined for c in alts) for alts in rule.concept_refs())


def _bind_frames(rules: list[Rule], packs: dict[str, LanguagePack],
                 localized: dict[str, dict[str, Localized]]) -> list[Rule]:
    frames = {r.id: r for r in rules if r.frame}
    for lang, entries in localized.items():
        for rid, loc in entries.items():
            if rid not in frames:
                raise RulePackError(loc.path, f"{rid} is not a frame rule (frames/*.yaml)", rid)
    out: list[Rule] = []
    for r in rules:
        if r.frame:
            langs = frozenset(lg for lg, pack in packs.items() if frame_enabled(r, pack))
            locs = {lg: entries[r.id] for lg, entries in localized.items() if r.id in entries}
            r = replace(r, langs=langs, localized=locs)
        out.append(r)
    return out


def _validate_set(root: Path, rules: list[Rule], profiles: dict[str, Profile],
                  packs: dict[str, LanguagePack], retired: dict[str, str]) -> None:
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise RulePackError(r.path, f"id {r.id} is already used in {seen[r.id].path}", r.id)
        seen[r.id] = r
        if r.id in retired and r.status != "removed":
            raise RulePackError(r.path, f"id {r.id} is retired ({retired[r.id]}) and may not be reused", r.id)
        for p in r.profiles or ():
            if p not in profiles:
                raise RulePackError(r.path, f"profile '{p}' is not defined in profiles.yaml", r.id)
        known = set(DETECTOR_CONCEPTS) | {MODEL_CONCEPT}
        if r.lang != "*":
            known |= set(packs[r.lang].concepts)
        elif r.frame:  # a frame concept must exist in at least one language
            known |= {c for p in packs.values() for c in p.concepts}
        refs = [c for alts in r.concept_refs() for c in alts]
        for c in refs:
            base = c.split("/")[0]
            if base not in known:
                raise RulePackError(r.path, f"unknown concept '{c}'", r.id)
    names = {r.name for r in rules}
    for prof in profiles.values():
        for key in list(prof.severity) + list(prof.disable):
            if key not in seen and key not in {c.value for c in Category} and key not in names:
                raise RulePackError(root / "profiles.yaml", f"profile '{prof.name}' refers to unknown rule or category '{key}'")


_CACHE: dict[Path, RuleSet] = {}
_LOCK = threading.Lock()


def load_rules(root: Path | str | None = None, *, reload: bool = False) -> RuleSet:
    """The rule set of ``root``, loaded once per process (``reload=True`` reads it again)."""
    key = Path(root).resolve() if root else default_rules_dir().resolve()
    with _LOCK:
        if reload or key not in _CACHE:
            _CACHE[key] = load_ruleset(key)
        return _CACHE[key]


def matches_selector(rule: Rule, selectors: Iterable[str]) -> bool:
    """True when any selector names ``rule``: an id prefix (``CW1`` → CW1xx, like ruff),
    a full name, a name prefix ending at ``/``, or a category id."""
    return selects(rule.id, rule.name, rule.category.value, selectors)


#: id prefixes a selector may use: rule packs (CW), print preflight (PF), artwork reading (AW)
ID_PREFIXES = ("CW", "PF", "AW")


def selects(rule_id: str, name: str, category: str, selectors: Iterable[str]) -> bool:
    """:func:`matches_selector` for a finding (its rule id, name and category), so print and
    artwork findings are switched off by the same selectors as rule-pack findings."""
    for s in selectors:
        s = s.strip()
        if not s:
            continue
        if s.upper()[:2] in ID_PREFIXES and rule_id.startswith(s.upper()):
            return True
        if s == name or s == category or name.startswith(s.rstrip("/") + "/"):
            return True
    return False
