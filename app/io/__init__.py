"""Cardwise io."""
