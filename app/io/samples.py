"""Regenerate the shipped templates and the sample card: ``python -m app.io.samples``.

The templates are designed in code (``app.model.templates``) and written as JSON under
resources/templates; the sample card is the thank-you template saved as a ``.cardwise``
project (the model layer cannot save projects: ``app.io`` sits above it).
"""
from __future__ import annotations

from pathlib import Path

from app.io.project import save
from app.model.templates import new_from_template, write_all
from app.paths import sample_card


def write_samples() -> list[Path]:
    """Write every template and the sample card; returns the paths written."""
    written = list(write_all())
    card = sample_card()
    card.parent.mkdir(parents=True, exist_ok=True)
    written.append(Path(save(new_from_template("thank-you"), card)))
    return written


if __name__ == "__main__":
    for path in write_samples():
        print(path)
