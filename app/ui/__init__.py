"""Cardwise ui."""
