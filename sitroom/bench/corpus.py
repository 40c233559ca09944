"""Texts for the benchmarks: the sample corpus, varied to any number of distinct documents.

Variant ``k`` of a report swaps its place and person names for others of the same kind
(rotating through pools of names the sample uses), shifts its figures and moves its dates,
so every variant is a new document id with realistic text for the extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sitroom.ingest import read_inputs
from sitroom.model import Document, document_id

SAMPLE = Path(__file__).parents[1] / "sample"
# Names the sample corpus uses, rotated among themselves; each one appears in sitroom/sample/.
PLACES = (
    "Kramatorsk", "Kyiv", "Dnipro", "Moscow", "Rostov", "Minsk", "Paris", "Nanterre", "Voronezh",
    "Donetsk", "Zaporizhzhia", "Bern",
)  # fmt: skip
PEOPLE = ("Prigozhin", "Surovikin", "Lukashenko", "Putin", "Gerasimov", "Amelina", "Zelensky", "Macron")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_NAMES = re.compile(r"\b(" + "|".join(PLACES + PEOPLE) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
# Small counts ("killed 8 people", "at least 12 wounded"); not years, not long figures.
_FIGURE = re.compile(r"(?<![\d.,])([1-9]\d?)(?![\d.,]\d)")


def sample_documents(folder: Path = SAMPLE) -> list[Document]:
    """Return the Documents of the sample corpus, read by sitroom's own readers."""
    return [item for item in read_inputs([str(folder)]) if isinstance(item, Document)]


def _rotate(pool: tuple[str, ...], name: str, k: int) -> str:
    return pool[(pool.index(name) + k) % len(pool)]


def vary_text(text: str, k: int) -> str:
    """Return variant ``k`` of ``text`` (variant 0 is the text itself)."""
    if k == 0:
        return text

    def name(match: re.Match[str]) -> str:
        found = match.group(1)
        return _rotate(PLACES if found in PLACES else PEOPLE, found, k)

    text = _NAMES.sub(name, text)
    text = _MONTH.sub(lambda m: _rotate(MONTHS, m.group(1), k), text)
    text = _FIGURE.sub(lambda m: str(int(m.group(1)) + k % 17), text)
    # A last line naming the variant keeps ids distinct where no name or figure changed.
    return f"{text}\n\nDesk reference {k}."


def varied_documents(count: int, templates: list[Document] | None = None) -> Iterator[Document]:
    """Yield ``count`` distinct documents made from the sample corpus, lazily (for streaming runs)."""
    base = templates if templates is not None else sample_documents()
    for index in range(count):
        template = base[index % len(base)]
        k = index // len(base)
        text = vary_text(template.text, k)
        published = template.published + timedelta(days=k) if template.published and k else template.published
        yield replace(template, id=document_id(text), text=text, published=published)
