"""Lexicons are data: YAML files beside this module, read once and checked on load."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from sitroom.errors import LexiconError


@cache
def load_lexicon(name: str) -> Any:
    """Return the parsed YAML lexicon ``name`` (e.g. "triggers.yaml"); raise LexiconError if bad."""
    resource = files(__package__).joinpath(name)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"lexicon {name}: no such file in sitroom/lexicons") from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise LexiconError(f"lexicon {name}, line {line}: {error.problem}") from None
