"""Fixtures for export tests: a small resolved store (see export_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_corpus import build_store

from sitroom.store.db import Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return build_store(tmp_path / "export.db")
