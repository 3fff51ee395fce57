"""spaCy for Cardwise: only the languages that have a rule pack, no test suite.

Replaces the contributed hook, which collects every submodule of spaCy (about 70 languages
and the tests). The languages come from resources/rules (bundle_data.spacy_languages), so a
new pack folder is bundled without editing this file.
"""
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

import bundle_data

_LANGS = set(bundle_data.spacy_languages())
#: every language package of spaCy (spacy/lang/<code>/); the other spacy.lang modules
#: (lex_attrs, punctuation, char_classes ...) are shared by all languages and always kept
_ALL_LANGS = {p.name for p in bundle_data._package_dir("spacy").joinpath("lang").iterdir()
              if p.is_dir() and (p / "__init__.py").is_file()}


def _wanted(name: str) -> bool:
    """Not the tests, and not the language packages no rule pack needs. (spaCy's own
    registrations import a few languages, e.g. ja, zh; the import scan still finds those.)"""
    parts = name.split(".")
    if len(parts) > 1 and parts[1] == "tests":
        return False
    if len(parts) > 2 and parts[1] == "lang" and parts[2] in _ALL_LANGS and parts[2] not in _LANGS:
        return False
    return True


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = [(src, dest) for src, dest in collect_data_files("spacy")
         if "/tests" not in dest.replace("\\", "/")
         and not (dest.replace("\\", "/").startswith("spacy/lang/")
                  and dest.replace("\\", "/").split("/")[2] not in _LANGS)]
