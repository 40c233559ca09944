"""Fixtures of the brief tests: the hand-made corpus of ``brief_corpus`` in fresh SQLite files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from brief_corpus import kramatorsk_reports, money_report, people_report, save_corpus
from sqlalchemy import Engine

from sitroom.model import Analysis
from sitroom.store.db import Store


@pytest.fixture()
def corpus_path(tmp_path: Path) -> Path:
    """Path of a SQLite database holding the whole hand-made corpus."""
    path = tmp_path / "corpus.db"
    save_corpus(Store.open(str(path)), [*kramatorsk_reports(), money_report(), people_report()])
    return path


@pytest.fixture()
def corpus(corpus_path: Path) -> Engine:
    """Engine of the hand-made corpus."""
    return Store.open(str(corpus_path)).engine


@pytest.fixture()
def make_store(tmp_path: Path) -> Callable[[list[Analysis]], Engine]:
    """Return a function that stores the given analyses in a fresh database and returns its engine."""

    def make(analyses: list[Analysis]) -> Engine:
        store = Store.open(str(tmp_path / f"store{len(list(tmp_path.iterdir()))}.db"))
        save_corpus(store, analyses)
        return store.engine

    return make
