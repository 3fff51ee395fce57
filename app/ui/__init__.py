"""The Cardwise designer: the PySide6 window over the Qt-free core (the only package that imports Qt)."""
