"""Cardwise export."""
