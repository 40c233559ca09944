"""Fixtures: a fresh SQLite store per test and a ``save`` that writes hand-made reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from builders import report

from sitroom.model import Analysis, Document
from sitroom.store.db import Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store.open(str(tmp_path / "corpus.db"))


@pytest.fixture()
def save(store: Store) -> Callable[..., tuple[Document, Analysis]]:
    def _save(text: str, **kwargs: Any) -> tuple[Document, Analysis]:
        document, analysis = report(text, **kwargs)
        store.save(document, analysis)
        return document, analysis

    return _save
