"""Shared fixtures for the exporter tests (builders live in export_fixtures.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.model.document import Document
from export_fixtures import build_card


@pytest.fixture
def card() -> Document:
    return build_card()


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> tuple[Document, Path]:
    """The test card exported once without preflight (PDF shared by read-only tests)."""
    from app.export.pdf import ExportOptions, export_pdf

    doc = build_card()
    path = tmp_path_factory.mktemp("export") / "card.pdf"
    export_pdf(doc, path, ExportOptions(preflight=False))
    return doc, path


@pytest.fixture(scope="session")
def exported_marks(tmp_path_factory) -> tuple[Document, Path]:
    from app.export.pdf import ExportOptions, export_pdf

    doc = build_card()
    path = tmp_path_factory.mktemp("export") / "card-marks.pdf"
    export_pdf(doc, path, ExportOptions(preflight=False, crop_marks=True))
    return doc, path
