"""What a new checker process reads instead of computing (checks.parsed_cache's derived entries:
the lemma table cut, a pack's words and compiled patterns, the tokenizer's regex programs)
changes how soon it is ready, never what it finds: a changed input is a new entry,
and a damaged entry or an unwritable folder means computing as before, with the same result."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from checks import engine, nlp, parsed_cache, regex_cache
from checks.rules import default_rules_dir, load_ruleset


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "parsed"


def _entries(cache, kind):
    return sorted(p.name for p in cache.glob(f"{kind}-*.marshal"))


def _fresh_table(lang, words):
    nlp._TABLES.pop((lang, frozenset(words)), None)   # as a new process: nothing in memory
    return nlp.lemma_table(lang, words)


WORDS = ("gift", "review", "leave", "free", "contact", "email")
PROBES = ("gifts", "gifted", "reviews", "left", "leaves", "freely", "contacted", "emails", "kettle", "boiled",
          "zzqx", "Gifts", "ran")


def _norms(table, lang="en"):
    norm = nlp.make_norm(table, lang)
    return [norm(w) for w in PROBES]


def test_the_lemma_cut_is_read_back_with_the_same_norms(cache, monkeypatch):
    first = _norms(_fresh_table("en", WORDS))
    assert len(_entries(cache, "lemmas")) == 1
    monkeypatch.setattr(nlp, "_cut", lambda *a: pytest.fail("the stored cut was not read"))
    again = _fresh_table("en", WORDS)
    assert _norms(again) == first
    assert first[0] == "gift" and first[3] == "leave" and first[10] == "zzqx"
    assert first[9] == nlp._OTHER + "boiled"     # in the table, with no pack word's lemma


def test_other_words_or_changed_lemma_data_are_new_entries(cache, tmp_path, monkeypatch):
    import spacy_lookups_data

    table = tmp_path / "en_lemma_lookup.json"
    table.write_text(json.dumps({"gifts": "gift", "presents": "present", "kettles": "kettle"}), encoding="utf-8")
    monkeypatch.setitem(spacy_lookups_data.en, "lemma_lookup", table)
    before = _norms(_fresh_table("en", WORDS))
    _fresh_table("en", WORDS + ("present",))
    assert len(_entries(cache, "lemmas")) == 2
    table.write_text(json.dumps({"gifts": "gift", "kettles": "gift"}), encoding="utf-8")   # edited data
    after = _norms(_fresh_table("en", WORDS))
    assert len(_entries(cache, "lemmas")) == 3
    assert before[PROBES.index("kettle")] == "kettle" and after[PROBES.index("kettle")] == "kettle"
    norm = nlp.make_norm(_fresh_table("en", WORDS), "en")
    assert norm("kettles") == "gift"             # the edited table, not the stored cut of the old one


def test_a_damaged_lemma_entry_or_an_unwritable_folder_gives_the_same_norms(cache, tmp_path, monkeypatch):
    first = _norms(_fresh_table("en", WORDS))
    for entry in cache.glob("lemmas-*.marshal"):
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF              # one flipped byte: the entry's digest disagrees
        entry.write_bytes(bytes(data))
    assert _norms(_fresh_table("en", WORDS)) == first
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(blocker))
    assert _norms(_fresh_table("en", WORDS)) == first


def _matcher_patterns(eng):
    return [(label, slots) for label, slots in eng.matcher._patterns]


def test_a_packs_patterns_are_read_back_as_the_same_matcher(cache, monkeypatch):
    rs = load_ruleset()
    first = engine._LangEngine(rs, "en")
    assert len(_entries(cache, "patterns")) == 1
    monkeypatch.setattr(engine, "compile_pattern", lambda *a: pytest.fail("a stored pattern was compiled again"))
    monkeypatch.setattr(engine, "_pack_words", lambda *a: pytest.fail("the stored words were not read"))
    second = engine._LangEngine(rs, "en")
    assert _matcher_patterns(second) == _matcher_patterns(first)
    assert second.clause_words == first.clause_words


def test_an_edited_pack_is_a_new_patterns_entry(cache, tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root)
    engine._LangEngine(load_ruleset(root), "en")
    concepts = root / "en" / "concepts.yaml"
    text = concepts.read_text(encoding="utf-8")
    concepts.write_text(text + "\n# an edit\n", encoding="utf-8")
    engine._LangEngine(load_ruleset(root), "en")    # a comment: the same inputs, the same entry
    assert len(_entries(cache, "patterns")) == 1
    line = "  review_noun: [review, "
    assert line in text
    concepts.write_text(text.replace(line, line + "zzqxword, ", 1), encoding="utf-8")
    eng = engine._LangEngine(load_ruleset(root), "en")
    assert len(_entries(cache, "patterns")) == 2
    assert any("zzqxword" in s.words for _label, slots in eng.matcher._patterns for s in slots)


def test_a_damaged_patterns_entry_builds_the_same_matcher(cache):
    rs = load_ruleset()
    first = engine._LangEngine(rs, "en")
    for entry in cache.glob("patterns-*.marshal"):
        entry.write_bytes(entry.read_bytes()[:100])
    assert _matcher_patterns(engine._LangEngine(rs, "en")) == _matcher_patterns(first)


SPECS = [(r"^[\(\[«]|^\d+(?:[.,]\d+)?(?=kg\b)", 0), (r"(?P<user>[\w.+-]+)@(?P<host>[\w-]+\.\w+)", re.I),
         (r"[\u0300-\u036f\u3040-\u30ff]+$", 0)]


def test_stored_regex_programs_are_the_programs_re_compiles(cache, monkeypatch):
    expected = [re.compile(p, f) for p, f in SPECS]
    assert regex_cache.compile_all("test", SPECS) == expected      # Pattern equality compares the program
    monkeypatch.setattr(regex_cache, "_program", lambda *a: pytest.fail("the stored program was not read"))
    again = regex_cache.compile_all("test", SPECS)
    assert again == expected and again[1].groupindex == expected[1].groupindex
    assert again[1].search("mail a.b@shop.com").group("host") == "shop.com"


def test_a_damaged_or_foreign_regex_entry_is_compiled_again(cache):
    expected = [re.compile(p, f) for p, f in SPECS]
    regex_cache.compile_all("test", SPECS)
    (entry,) = cache.glob("test-*.marshal")
    key = regex_cache._ENGINE + __import__("hashlib").sha256(__import__("marshal").dumps(
        [(p, int(f)) for p, f in SPECS])).digest()
    parsed_cache.put_derived("test", key, [(0, [1, 2, 3], 0, {}, ())] * len(SPECS))   # an invalid program
    assert regex_cache.compile_all("test", SPECS) == expected
    entry.write_bytes(b"\x00garbage")
    assert regex_cache.compile_all("test", SPECS) == expected
    with pytest.raises(re.error):
        regex_cache.compile_all("test", [("(unclosed", 0)])


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "it"])
def test_the_pipeline_is_spacy_blanks_own(lang):
    """The pipeline (the language class built without spaCy's config machinery, its
    tokenizer's affix expressions through checks.regex_cache) has spacy.blank's tokenizer
    rules and programs (with Cardwise's own special cases and extra suffixes added to both),
    and cuts text into the same tokens with the same lexical attributes."""
    spacy = nlp._spacy()
    ours = nlp.get_pipeline(lang).nlp
    theirs = spacy.blank(lang)
    for word in nlp._SPECIAL_CASES.get(lang, ()):
        theirs.tokenizer.add_special_case(word, [{"ORTH": word}])
    if nlp.EXTRA_SUFFIXES.get(lang):
        suffixes = list(theirs.Defaults.suffixes) + list(nlp.EXTRA_SUFFIXES[lang])
        theirs.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        mine, spacys = getattr(ours.tokenizer, attr), getattr(theirs.tokenizer, attr)
        assert (mine.__self__ == spacys.__self__) if spacys is not None else mine is None, attr
    assert ours.tokenizer.rules == theirs.tokenizer.rules
    text = ("Don't miss it: e-mail (5-star) reviews@shop.com, www.brand.co.uk/x?y=1 -- 3.5kg, 10% off $5! "
            "l'avis d'un client; ¿Qué tal? z.B. dell'articolo… «Geschenk» U.S.A. :) 2x1")
    assert type(ours) is type(theirs) and ours.pipe_names == theirs.pipe_names == []

    def tokens(nlp):
        return [(t.text, t.idx, t.whitespace_, t.norm_, t.lower_, t.is_punct, t.is_space, t.like_num,
                 t.is_currency, t.is_alpha, t.shape_) for t in nlp.make_doc(text)]

    assert len(tokens(ours)) > 30 and tokens(ours) == tokens(theirs)


def _module_with_a_big_regex(tmp_path, monkeypatch, name):
    """A module that, like spaCy's French tokenizer exceptions, compiles a large expression when
    it is imported."""
    words = "|".join(f"mot{i}-clé" for i in range(600))
    (tmp_path / f"{name}.py").write_text(
        "import re\n"
        f"TOKEN_MATCH = re.compile(r'(?i)^(?:{words})$').match\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_an_import_reads_its_big_expressions_back_instead_of_compiling(cache, tmp_path, monkeypatch):
    """The second process (here: a fresh import after re's cache is emptied) gets the same
    pattern from the stored program, and re never compiles it."""
    import sys

    name = "cw_big_regex_mod"
    _module_with_a_big_regex(tmp_path, monkeypatch, name)
    re.purge()                                   # as in a new process
    first = regex_cache.import_module(name)
    assert _entries(cache, "import-regexes")
    assert first.TOKEN_MATCH("MOT42-clé") and not first.TOKEN_MATCH("mot42")
    del sys.modules[name]
    re.purge()
    monkeypatch.setattr(re._compiler, "compile", lambda *a: pytest.fail("the expression was compiled again"))
    again = regex_cache.import_module(name)
    assert again.TOKEN_MATCH.__self__ == first.TOKEN_MATCH.__self__       # the same program
    assert again.TOKEN_MATCH("Mot599-CLÉ") and not again.TOKEN_MATCH("mot600-clé")


def test_a_damaged_import_entry_or_a_changed_module_compiles_as_before(cache, tmp_path, monkeypatch):
    import sys

    name = "cw_big_regex_mod2"
    _module_with_a_big_regex(tmp_path, monkeypatch, name)
    re.purge()                                   # as in a new process
    regex_cache.import_module(name)
    (entry,) = cache.glob("import-regexes-*.marshal")
    entry.write_bytes(b"\x00garbage")
    del sys.modules[name]
    re.purge()
    assert regex_cache.import_module(name).TOKEN_MATCH("mot7-clé")
    # the module now builds another expression: the stored one does not answer for it
    (tmp_path / f"{name}.py").write_text(
        "import re\n" + "TOKEN_MATCH = re.compile(r'(?i)^(?:" + "|".join(f"wort{i}-x" for i in range(600))
        + ")$').match\n", encoding="utf-8")
    del sys.modules[name]
    re.purge()
    module = regex_cache.import_module(name)
    assert module.TOKEN_MATCH("wort3-x") and not module.TOKEN_MATCH("mot7-clé")
    # ... and the new expression is what the next import reads back
    del sys.modules[name]
    re.purge()
    monkeypatch.setattr(re._compiler, "compile", lambda *a: pytest.fail("the new expression was compiled again"))
    assert regex_cache.import_module(name).TOKEN_MATCH("wort599-X")


class _ArchiveLoader:
    """A loader as a frozen bundle has one: bytecode from an archive, no source file beside it
    (importlib's InspectLoader.get_code, which PyInstaller's importer provides)."""

    def __init__(self, source):
        self.source = source

    def get_code(self, name):
        return None if self.source is None else compile(self.source, f"<archive>/{name}.pyc", "exec")


def _archived_module(tmp_path, source):
    import importlib.machinery
    import types

    mod = types.ModuleType("cw_archived")
    mod.__file__ = str(tmp_path / "gone" / "cw_archived.pyc")      # not on disk, as in the bundle
    mod.__spec__ = importlib.machinery.ModuleSpec("cw_archived", _ArchiveLoader(source))
    return mod


def test_modules_without_source_files_still_key_the_stored_entries(tmp_path):
    """In the frozen bundle the checker's modules have no .py files; the lemma cut and the
    compiled patterns are still stored (keyed on the code the bundle runs), so a French card
    is not rebuilt from scratch on every start, and a changed computation is a new key."""
    a = parsed_cache.source_digest(_archived_module(tmp_path, "def cut(words):\n    return sorted(words)\n"))
    same = parsed_cache.source_digest(_archived_module(tmp_path, "def cut(words):\n    return sorted(words)\n"))
    changed = parsed_cache.source_digest(_archived_module(tmp_path, "def cut(words):\n    return list(words)\n"))
    assert a is not None and a == same and changed != a
    assert parsed_cache.source_digest(_archived_module(tmp_path, None)) is None   # nothing to key on: compute

SEED_PATTERNS = [(r"(?:leave|write)\s+(?:us\s+)?a\s+(?:5[- ]star\s+)?review", re.IGNORECASE),
                 (r"\b(?:free|gratis)\s+gift(?:s)?\b", 0), (r"Bewertung(?:sgutschein)?", re.IGNORECASE)]
SEED_TEXTS = ("Please LEAVE US A 5-star REVIEW", "a free gifts box", "eine bewertungsgutschein", "nothing here")


def _start(monkeypatch):
    """What the checker process does at start: seed re's cache and the requirements memo, then
    compile and analyse the patterns; returns (matches, requirements) and stores the entry."""
    from checks import literals

    re.purge()                                   # as in a new process
    monkeypatch.setattr(literals, "MEMO", {})
    finish = regex_cache.seed("test-start", b"key", {"requirements": (literals.MEMO, literals.valid_requirements)})
    compiled = [re.compile(p, f) for p, f in SEED_PATTERNS]
    reqs = [literals.literal_requirements(rx) for rx in compiled]
    finish()
    return [[(m.start(), m.end()) for rx in compiled for m in rx.finditer(t)] for t in SEED_TEXTS], reqs


def test_a_checker_start_reads_its_expressions_and_requirements_back(cache, monkeypatch):
    """The second start makes each pattern from its stored program and takes each literal
    requirement from the stored memo: nothing is compiled or analysed again, and every regex
    matches and is prefiltered exactly as the first start's."""
    from checks import literals

    first = _start(monkeypatch)
    assert _entries(cache, "test-start")
    assert first[0][0] and first[1][0]          # the patterns match, and have requirements
    monkeypatch.setattr(re._compiler, "compile", lambda *a: pytest.fail("an expression was compiled again"))
    monkeypatch.setattr(literals, "_literal_requirements", lambda rx: pytest.fail("requirements computed again"))
    assert _start(monkeypatch) == first


def test_a_damaged_start_entry_or_other_requirements_code_compiles_as_before(cache, monkeypatch):
    first = _start(monkeypatch)
    (entry,) = cache.glob("test-start-*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert _start(monkeypatch) == first
    # an entry whose values are not requirements (another version of checks.literals wrote
    # it under this key) is not believed
    parsed_cache.put_derived("test-start", regex_cache._ENGINE + b"\0key",
                             ([], [("requirements", p, f | re.UNICODE, ("not", "tuples")) for p, f in SEED_PATTERNS]))
    assert _start(monkeypatch) == first
