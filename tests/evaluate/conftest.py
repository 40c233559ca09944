"""Fixtures of the evaluation tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the checkout (gold, seed report, data sets)."""
    return Path(__file__).parents[2] / ".." / "shared"
