"""Shared fixtures for the nlp tests: the spaCy pipeline, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.nlp.docents import DocEntities


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from sitroom.nlp.load import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def entities_of(nlp) -> Callable[[str], DocEntities]:  # type: ignore[no-untyped-def]
    from sitroom.nlp.entities import find_entities

    return lambda text: find_entities(nlp(text))


@pytest.fixture(scope="session")
def shared() -> Path:
    return Path(__file__).parents[2] / ".." / "shared"
