"""Fuzz the project-file loader with seeded mutations of real .cardwise files.

    .venv/bin/python bench/fuzz_project.py [-n 10000] [--seed 0] [--show 5]

Each case is one mutation of a sample project (byte flips, truncation, zip header edits —
compression method, version needed, flags — and document.json edits: huge, tiny, infinite
and over-long numbers, lone surrogates, member-path font names, wrong types). Every case
must end in exactly one of:

* ``refused``: :class:`app.errors.ProjectFileError` with a one-line message ≤ 200 chars;
* ``round-trip``: loaded, saved, and the saved file reopens to the same document.json.

Anything else (another exception, a message too long, a save or reopen failure, the input
changed, a case over 10 s) is counted as a failure and shown. Baseline before the hardening
(issue 12, the reporter's harness): 600 crashes of 11 kinds in 10,000 cases, 41 messages over
1,000 characters. This harness on the code before issue 12 (commit f28129a), seeds 0..9999:
3,454 failures — 1,849 crashes (zlib.error 1,329, LZMAError 232, ValueError 163,
NotImplementedError 78, OverflowError 47), 785 files that opened but did not reopen, 4 that
opened but did not save, 116 messages over 200 characters, 699 messages not naming the file.
Target: 0 failures. The suite runs 300 of the same cases (tests/io/test_io_fuzz.py).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import struct
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_MESSAGE = 200

# values planted into document.json by the JSON mutators
_HOSTILE_NUMBERS = ["1e308", "-1e308", "1e999", "-1e999", "1e-320", "5e-324", "-0.0", "NaN",
                    "Infinity", "-Infinity", "9" * 5000, "9" * 400, "-" + "9" * 30, "0", "1e-5",
                    "123456789012345678901234567890", "2e9", "1e20"]
_HOSTILE_STRINGS = ["\\ud800", "a\\udfffb", "\\u0000", "", " ", "../x", "/etc/passwd",
                    "assets/x.png", "fonts/a.ttf", "a/b.ttf", "document.json", "x" * 3000,
                    "\\n", "CON", "é" * 10]


def samples() -> list[bytes]:
    """The sample projects the mutations start from (a real v2 file and a real v1 file)."""
    from app.io.project import to_bytes
    from app.model.templates import new_from_template

    out = [(ROOT / "resources" / "samples" / "thank-you.cardwise").read_bytes(),
           (ROOT / "tests" / "io" / "fixtures" / "v1-thank-you.cardwise").read_bytes()]
    out.append(to_bytes(new_from_template("warranty")))
    return out


# ------------------------------------------------------------------------------- mutators
def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info, body in members:
            zf.writestr(info, body)
    return buf.getvalue()


def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def _splice(rng: random.Random, data: bytes) -> bytes:
    i, j = sorted(rng.randrange(len(data)) for _ in range(2))
    k = rng.randrange(len(data))
    return data[:k] + data[i:j] + data[k:]


def _header_field(rng: random.Random, data: bytes) -> bytes:
    """Rewrite a field of a local or central header: method, version, flags, sizes."""
    b = bytearray(data)
    sigs = [(b"PK\x03\x04", {"ver": 4, "flags": 6, "method": 8, "csize": 18, "usize": 22}),
            (b"PK\x01\x02", {"ver": 6, "flags": 8, "method": 10, "csize": 20, "usize": 24})]
    sig, fields = rng.choice(sigs)
    spots = [i for i in range(len(b)) if b.startswith(sig, i)]
    if not spots:
        return _flip(rng, data)
    at = rng.choice(spots)
    name = rng.choice(list(fields))
    off = at + fields[name]
    if name == "method":
        struct.pack_into("<H", b, off, rng.choice([0, 1, 6, 9, 12, 14, 19, 93, 95, 98, 99, 0xFFFF]))
    elif name == "ver":
        struct.pack_into("<H", b, off, rng.choice([10, 20, 45, 63, 64, 100, 0xFFFF]))
    elif name == "flags":
        struct.pack_into("<H", b, off, rng.choice([1, 8, 0x40, 0x800, 0x2000, 0xFFFF]))
    else:
        struct.pack_into("<I", b, off, rng.choice([0, 1, 0xFFFFFFFF, rng.randrange(1 << 32)]))
    return bytes(b)


def _recompress(rng: random.Random, data: bytes) -> bytes:
    """Corrupt the compressed bytes of one member (deflate, bzip2 or lzma)."""
    members = _members(data)
    i = rng.randrange(len(members))
    info, body = members[i]
    info.compress_type = rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
    raw = _rezip([(info, body)] if len(members) == 1 else members)
    # damage the bytes just after that member's local header
    loc = [k for k in range(len(raw)) if raw.startswith(b"PK\x03\x04", k)]
    if not loc:
        return raw
    start = rng.choice(loc) + 30 + len(info.filename.encode()) + rng.randrange(4, 40)
    b = bytearray(raw)
    for k in range(start, min(start + rng.randint(1, 6), len(b))):
        b[k] = rng.randrange(256)
    return bytes(b)


def _json_edit(rng: random.Random, data: bytes) -> bytes:
    """Replace one scalar of document.json by a hostile value (as JSON source text)."""
    members = _members(data)
    for k, (info, body) in enumerate(members):
        if info.filename == "document.json":
            break
    else:
        return _flip(rng, data)
    doc = json.loads(body)
    paths: list[tuple] = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, v in node.items():
                walk(v, path + (key,))
        elif isinstance(node, list):
            for j, v in enumerate(node):
                walk(v, path + (j,))
        paths.append(path)

    walk(doc, ())
    planted: list[str] = []
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(paths)
        if not path:
            continue
        node = doc
        try:
            for p in path[:-1]:
                node = node[p]
            choice = rng.random()
            if choice < 0.5:
                src = rng.choice(_HOSTILE_NUMBERS)
            elif choice < 0.85:
                src = '"' + rng.choice(_HOSTILE_STRINGS) + '"'
            else:
                src = rng.choice(["null", "true", "[]", "{}", "[1,2,3,4]", '{"cmyk": 1}'])
            node[path[-1]] = f"@@PLANT{len(planted)}@@"
            planted.append(src)
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(doc, ensure_ascii=False)
    for n, src in enumerate(planted):
        text = text.replace(f'"@@PLANT{n}@@"', src)
    info.compress_type = zipfile.ZIP_DEFLATED
    members[k] = (info, text.encode("utf-8", "surrogatepass"))
    return _rezip(members)


def _font_member(rng: random.Random, data: bytes) -> bytes:
    """A font whose name looks like a member path (``a/x.ttf``) or collides with another."""
    members = _members(data)
    for k, (info, body) in enumerate(members):
        if info.filename == "document.json":
            break
    else:
        return data
    doc = json.loads(body)
    inner = doc.get("document", doc)
    font = (ROOT / "tests" / "io" / "fixtures").glob("*.ttf")
    font_bytes = next(iter(font), None)
    fb = font_bytes.read_bytes() if font_bytes else b"\x00\x01\x00\x00" + b"\x00" * 60
    name = rng.choice(["a/x.ttf", "b/x.ttf", "x.ttf", "..\\x.ttf", "fonts/x.ttf"])
    fonts = inner.setdefault("fonts", [])
    if isinstance(fonts, list):
        fonts.extend([name, rng.choice(["x.ttf", "c/x.ttf"])])
    members[k] = (info, json.dumps(doc).encode())
    members.append((zipfile.ZipInfo("fonts/x.ttf"), fb))
    return _rezip(members)


MUTATORS = [_flip, _flip, _truncate, _splice, _header_field, _header_field, _recompress,
            _json_edit, _json_edit, _json_edit, _json_edit, _font_member]


def mutate(seed: int, bases: list[bytes]) -> tuple[str, bytes]:
    rng = random.Random(seed)
    base = bases[rng.randrange(len(bases))]
    fn = rng.choice(MUTATORS)
    try:
        return fn.__name__.strip("_"), fn(rng, base)
    except Exception:   # a mutator that could not apply itself: plain byte flips instead
        return "flip", _flip(rng, base)


# ------------------------------------------------------------------------------- one case
def check_one(data: bytes, folder: Path) -> tuple[str, str]:
    """Run one mutated file through open → save → reopen. Returns (outcome, detail) with
    outcome ``refused``, ``round-trip`` or ``FAIL:<kind>``."""
    from app.errors import ProjectFileError
    from app.io.project import document_json, load, save

    src = folder / "case.cardwise"
    src.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    try:
        try:
            doc = load(src)
        except ProjectFileError as e:
            msg = str(e)
            if "\n" in msg or len(msg) > MAX_MESSAGE:
                return "FAIL:long-message", f"{len(msg)} chars: {msg[:160]!r}"
            if src.name not in msg and "case" not in msg:
                return "FAIL:message-without-file", msg[:160]
            return "refused", msg
        except Exception as e:  # noqa: BLE001 - the point of the fuzzer
            return f"FAIL:load:{type(e).__name__}", str(e)[:160]
        out = folder / "saved.cardwise"
        try:
            save(doc, out)
        except Exception as e:  # noqa: BLE001
            return f"FAIL:save:{type(e).__name__}", str(e)[:160]
        try:
            again = load(out)
        except Exception as e:  # noqa: BLE001
            return f"FAIL:reopen:{type(e).__name__}", str(e)[:160]
        if document_json(again) != document_json(doc):
            return "FAIL:reopen-differs", ""
        return "round-trip", ""
    finally:
        if hashlib.sha256(src.read_bytes()).hexdigest() != digest:
            return "FAIL:input-changed", ""  # noqa: B012
        leftovers = sorted(p.name for p in folder.iterdir()
                           if p.name not in ("case.cardwise", "saved.cardwise"))
        for p in folder.iterdir():
            p.unlink()
        if leftovers:
            return "FAIL:leftover-files", ", ".join(leftovers)  # noqa: B012


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10000, help="number of mutated files (default 10000)")
    ap.add_argument("--seed", type=int, default=0, help="first seed (cases use seed … seed+n-1)")
    ap.add_argument("--show", type=int, default=5, help="failures shown per kind")
    args = ap.parse_args(argv)
    import warnings
    warnings.simplefilter("ignore")
    bases = samples()
    outcomes: Counter[str] = Counter()
    by_mutator: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    slowest = (0.0, -1)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for seed in range(args.seed, args.seed + args.n):
            name, data = mutate(seed, bases)
            by_mutator[name] += 1
            t = time.perf_counter()
            outcome, detail = check_one(data, folder)
            dt = time.perf_counter() - t
            if dt > 10:
                outcome = "FAIL:slow"
                detail = f"{dt:.1f} s"
            slowest = max(slowest, (dt, seed))
            outcomes[outcome] += 1
            if outcome.startswith("FAIL"):
                shown.setdefault(outcome, [])
                if len(shown[outcome]) < args.show:
                    shown[outcome].append(f"seed {seed} ({name}): {detail}")
    total = time.perf_counter() - t0
    fails = sum(v for k, v in outcomes.items() if k.startswith("FAIL"))
    print(f"{args.n} mutated project files (seeds {args.seed}..{args.seed + args.n - 1}) "
          f"in {total:.1f} s; slowest case {slowest[0] * 1000:.0f} ms (seed {slowest[1]})")
    print("mutators: " + ", ".join(f"{k} {v}" for k, v in sorted(by_mutator.items())))
    for k, v in sorted(outcomes.items()):
        print(f"  {k:40s} {v:6d}")
    for k, lines in sorted(shown.items()):
        print(k)
        for line in lines:
            print("    " + line)
    print(f"failures: {fails} (target 0; before issue 12 this harness found 3,454 in seeds 0..9999)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
