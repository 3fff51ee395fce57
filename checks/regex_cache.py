"""Compiled regular expressions kept between processes, for the ones a checker compiles at start.

``re.compile`` turns a pattern into a program for the regular-expression engine in two pure
steps (``re._parser.parse``, ``re._compiler._code``) and hands the program to
``_sre.compile``. For spaCy's tokenizer (prefix, suffix and infix expressions of several
thousand characters with large Unicode classes) and a pack's concept regexes those two
steps are about a tenth of a second of every new checker process. :func:`compile_all` stores
the program (a list of integers, with the flags and group names) in the derived-data cache
(:mod:`checks.parsed_cache`), named by the digest of the patterns, their flags and the
engine's version (Python version, ``_sre.MAGIC``, code size), and a later process gives the
stored program to ``_sre.compile`` directly: the same ``re.Pattern`` that ``re.compile``
would return (the engine validates a program before it accepts it). Anything unexpected —
no entry, a damaged one, a Python whose ``re`` internals differ — means ``re.compile``.
"""
from __future__ import annotations

import hashlib
import marshal
import re
import sys
from typing import Any, Callable, Sequence

from checks import parsed_cache

try:   # CPython's engine and the compiler's two steps (not part of the re module's API)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE = repr((sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)).encode()
except (ImportError, AttributeError):
    _ENGINE = None


def _program(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple]:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``pattern``."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[Any] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # (the opcodes are int subclasses, which marshal does not store: plain ints, same values)
    return int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, groupindex, tuple(indexgroup)


def _from_program(pattern: str, program: Any) -> re.Pattern[str] | None:
    try:
        final_flags, code, groups, groupindex, indexgroup = program
        rx = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
    except (TypeError, ValueError, RuntimeError, OverflowError):   # RuntimeError: an invalid program
        return None
    return rx if rx.pattern == pattern else None


def compile_all(kind: str, specs: Sequence[tuple[str, int]]) -> list[re.Pattern[str]]:
    """``[re.compile(pattern, flags) for pattern, flags in specs]``, the programs read from
    (or stored in) one cache entry of ``kind``. A pattern that does not compile raises
    ``re.error`` as ``re.compile`` does."""
    specs = [(str(p), int(f)) for p, f in specs]
    if _ENGINE is None or not specs:
        return [re.compile(p, f) for p, f in specs]
    key = _ENGINE + hashlib.sha256(marshal.dumps(specs)).digest()
    stored = parsed_cache.get_derived(kind, key)
    if isinstance(stored, list) and len(stored) == len(specs):
        out = [_from_program(p, prog) for (p, _f), prog in zip(specs, stored)]
        if all(rx is not None for rx in out):
            return out  # type: ignore[return-value]
    try:
        programs = [_program(p, f) for p, f in specs]
        out = [_sre.compile(p, *prog) for (p, _f), prog in zip(specs, programs)]
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - re's internals differ from what this module expects
        return [re.compile(p, f) for p, f in specs]
    parsed_cache.put_derived(kind, key, programs)
    return out


#: expressions shorter than this are cheap to compile; only the big ones are stored
_BIG = 2000


def import_module(name: str) -> Any:
    """``importlib.import_module(name)`` for a module that compiles large expressions when it
    is imported — spaCy's French tokenizer exceptions build one of tens of thousands of
    characters (the hyphenated words it keeps whole) and compile it at import: about 5 s of
    CPU before a French card can be checked. The programs of the large expressions the import
    compiled are stored (under the module's name and the engine's version), and a later
    process puts the patterns they give into ``re``'s own cache before importing, so the
    module's ``re.compile`` call returns the same pattern without compiling it. ``re`` uses a
    seeded entry only for the very pattern string and flags it was made from; anything
    unexpected means the import compiles as it always did."""
    import importlib

    if name in sys.modules:
        return sys.modules[name]
    cache = getattr(re, "_cache", None)
    if _ENGINE is None or not isinstance(cache, dict):
        return importlib.import_module(name)
    key = _ENGINE + name.encode()
    stored = parsed_cache.get_derived("import-regexes", key)
    before = set(cache)
    seeded = _seed_cache(cache, stored)
    module = importlib.import_module(name)
    used = [k for k in list(cache) if k not in before and k[0] is str and len(k[1]) >= _BIG]
    compiled = [k for k in used if k not in seeded]
    if not compiled:          # everything large came from the store (or there is nothing large)
        if stored is None and not used:
            parsed_cache.put_derived("import-regexes", key, [])
        return module
    entries = _entries(used, seeded)      # the module (a new version of it) compiled something new
    if entries is not None:
        parsed_cache.put_derived("import-regexes", key, entries)
    return module


def _seed_cache(cache: dict, entries: Any, limit: int | None = None) -> dict[tuple, tuple]:
    """Put the patterns of stored ``(pattern, flags, program)`` entries (at most ``limit``)
    into ``re``'s cache ``cache`` under the key ``re.compile`` looks up; a pattern already
    there, or an entry that does not read back, is left alone. Returns the seeded keys with
    their entries."""
    seeded: dict[tuple, tuple] = {}
    for entry in (entries[:limit] if limit is not None else entries) if isinstance(entries, list) else ():
        try:
            pattern, flags, program = entry
        except (TypeError, ValueError):
            continue
        if not isinstance(pattern, str) or not isinstance(flags, int) or (str, pattern, flags) in cache:
            continue
        rx = _from_program(pattern, program)
        if rx is not None:
            cache[(str, pattern, flags)] = rx
            seeded[(str, pattern, flags)] = (pattern, flags, program)
    return seeded


def _entries(used: Sequence[tuple], seeded: dict[tuple, tuple]) -> list[tuple] | None:
    """The stored form of ``re``'s cache keys ``used``: the seeded entry where there was one,
    else the program just compiled; None where ``re``'s internals differ from what this module
    expects (then nothing is stored)."""
    try:
        return [seeded[k] if k in seeded else (k[1], int(k[2]), _program(k[1], int(k[2]))) for k in used]
    except Exception:  # noqa: BLE001 - re's internals differ from what this module expects
        return None


#: at most this many stored patterns are put into ``re``'s cache by :func:`seed` (``re``
#: keeps 512 and drops the oldest first: seeds beyond that would push each other out)
SEED_MAX = 400


def seed(kind: str, key: bytes,
         derived: dict[str, tuple[dict, Callable[[Any], bool]]] | None = None) -> Callable[[], None]:
    """Put the patterns that the work after this call compiled in an earlier process into
    ``re``'s own cache, as :func:`import_module` does for one module's large ones; returns
    ``finish``, to call when the work is done, which stores what it compiled anew.

    For the checker process's start (``app.checkproc``): importing the checks package and
    spaCy and building a language's matchers compile about 230 expressions through
    ``re.compile`` (the detectors', the packs' concept and rule regexes, spaCy's own), about
    a tenth of a second of CPU. Here each is made from its stored program instead: the same
    ``re.Pattern`` ``re.compile`` returns (``re`` uses a seeded entry only for the very
    pattern string and flags it was made from; every other pattern compiles as always).

    ``derived``: name → (memo, validator): memos of plain data computed from patterns by
    code outside ``re``, keyed by ``(pattern, flags)`` (:data:`checks.literals.MEMO`, each
    regex's literal requirements; :data:`checks.engine.LINE_LOCAL`), seeded with the stored
    values the validator accepts and stored with the programs; ``key`` must then name that
    code (its source digest), so a change of it never reads an old value. Anything
    unexpected means no seeding and nothing stored."""
    derived = derived or {}
    cache = getattr(re, "_cache", None)
    if _ENGINE is None or not isinstance(cache, dict):
        return lambda: None
    key = _ENGINE + b"\0" + key
    stored = parsed_cache.get_derived(kind, key)
    programs, values = stored if isinstance(stored, tuple) and len(stored) == 2 else ((), ())
    before = set(cache)
    seeded = _seed_cache(cache, programs, SEED_MAX)
    known: set = set()
    for entry in values if isinstance(values, list) else ():
        try:
            name, pattern, flags, value = entry
            memo, valid = derived[name]
        except (TypeError, ValueError, KeyError):
            continue
        if isinstance(pattern, str) and isinstance(flags, int) and valid(value):
            memo.setdefault((pattern, flags), value)
            known.add((name, pattern, flags))

    def finish() -> None:
        used = [k for k in list(cache) if k not in before and k[0] is str and isinstance(k[2], int)]
        fresh = [(name, k) for name, (memo, _v) in derived.items() for k in list(memo) if (name, *k) not in known]
        if all(k in seeded for k in used) and not fresh:
            return           # everything came from the store
        entries = _entries(used, seeded)
        if entries is None:
            return
        entries = entries[-SEED_MAX:]
        memos = [(name, p, f, v) for name, (memo, valid) in derived.items() for (p, f), v in list(memo.items())
                 if isinstance(p, str) and isinstance(f, int) and valid(v)]
        parsed_cache.put_derived(kind, key, (entries, memos))

    return finish
