"""SudachiPy (spaCy's Japanese tokenizer) and its dictionary, only when a Japanese rule pack
exists (resources/rules/ja/concepts.yaml). Replaces the contributed hook, which collects the
dictionary whenever sudachipy is importable; spaCy's registry module imports spacy.lang.ja,
which names sudachipy, in every build. Without a Japanese pack bundle_data.excludes() keeps
sudachipy out altogether. The dictionary collected is the edition the checker opens
(checks.nlp.SUDACHI_DICT, via bundle_data.sudachi_dictionaries); the spec then replaces its
system.dic with a gzip copy (bundle_data.pack_sudachi_dictionary).
"""
from PyInstaller.utils.hooks import collect_data_files

import bundle_data

hiddenimports = ["sudachipy.config", "sudachipy.errors"]
datas = collect_data_files("sudachipy")
for _dict in bundle_data.sudachi_dictionaries():
    datas += collect_data_files(_dict)
    hiddenimports.append(_dict)
