"""Cardwise batch."""
