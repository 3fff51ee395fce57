"""Cardwise: design package-insert cards that stay inside marketplace rules."""
__version__ = "0.1.0"
