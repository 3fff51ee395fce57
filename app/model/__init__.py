"""Cardwise model."""
