"""thinc for Cardwise: its submodules and data without the test suite (replaces the
contributed hook, which also collects thinc.tests and its test-only imports)."""
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("thinc", filter=lambda name: ".tests" not in name)
datas = [(src, dest) for src, dest in collect_data_files("thinc") if "tests" not in dest.replace("\\", "/").split("/")]
