"""Long texts in sections: the parser reads at most a section at once, facts keep whole-text offsets.

spaCy refuses texts over ``nlp.max_length`` (E088) and its memory grows with the text, so a
text longer than the section limit is cut at paragraph breaks (else line breaks, sentence
ends, spaces), each section is analysed alone, and the analyses are merged into one whose
evidence indexes the whole text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from sitroom.model import Analysis, Document, Entity, Evidence, Mention

# Where a section may end, best first: after a paragraph, a line, a sentence, a word.
_BREAKS = (("\n\n",), ("\n",), (". ", "! ", "? ", '." ', '!" ', '?" '), (" ",))
Fact = TypeVar("Fact")


@dataclass(frozen=True, slots=True)
class Section:
    """A slice of one document's text: ``document.text[start:start + len(text)] == text``.

    ``number`` counts the documents of a stream, so sections of one document stay together.
    """

    number: int
    document: Document
    start: int
    text: str

    def as_document(self) -> Document:
        """Return the document with this section as its whole text (for analysis only)."""
        return replace(self.document, text=self.text)


def split_sections(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Return ``(start, section)`` pairs that cover the text in order, each at most ``max_chars`` long.

    A section ends at the last paragraph break of its window (in the second half, so sections
    are not tiny), else the last line break, sentence end or space; else it is cut at ``max_chars``.
    """
    sections: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max_chars
        for breaks in _BREAKS:
            ends = [i + len(mark) for mark in breaks if (i := window.rfind(mark, max_chars // 2)) >= 0]
            if ends:
                cut = max(ends)
                break
        sections.append((start, text[start : start + cut]))
        start += cut
    sections.append((start, text[start:]))
    return sections


def document_sections(documents: Iterable[Document], max_chars: int) -> Iterator[Section]:
    """Yield the sections of each document in order: one for a text within ``max_chars``."""
    for number, document in enumerate(documents):
        for start, text in split_sections(document.text, max_chars):
            yield Section(number, document, start, text)


def _shifted(fact: Fact, offset: int) -> Fact:
    """Return a mention, role, relation, event or claim with its offsets moved by ``offset``."""
    if isinstance(fact, Mention):
        return replace(fact, start=fact.start + offset, end=fact.end + offset)  # type: ignore[return-value]
    changes = {
        field.name: Evidence(value.start + offset, value.end + offset, value.text)
        for field in fields(fact)  # type: ignore[arg-type]
        if isinstance(value := getattr(fact, field.name), Evidence)
    }
    return replace(fact, **changes)  # type: ignore[type-var]


def _merged_entity(first: Entity, other: Entity) -> Entity:
    aliases = tuple(dict.fromkeys((*first.aliases, *other.aliases)))
    roles = tuple(dict.fromkeys((*first.roles, *other.roles)))
    return replace(first, aliases=aliases, roles=roles)


def merge_sections(parts: list[tuple[Section, Analysis]]) -> Analysis:
    """Return one analysis of a document from the analyses of its sections, in order.

    Facts keep their order with offsets into the whole text; an entity named in several
    sections is one entity with the aliases and roles of all.
    """
    document = parts[0][0].document
    if len(parts) == 1:
        return replace(parts[0][1], document=document)
    entities: dict[str, Entity] = {}
    for _, part in parts:
        for entity in part.entities:
            known = entities.get(entity.name)
            entities[entity.name] = entity if known is None else _merged_entity(known, entity)
    return Analysis(
        document=document,
        mentions=tuple(_shifted(m, s.start) for s, part in parts for m in part.mentions),
        entities=tuple(entities.values()),
        roles=tuple(_shifted(r, s.start) for s, part in parts for r in part.roles),
        relations=tuple(_shifted(r, s.start) for s, part in parts for r in part.relations),
        events=tuple(_shifted(e, s.start) for s, part in parts for e in part.events),
        claims=tuple(_shifted(c, s.start) for s, part in parts for c in part.claims),
        extractor_version=parts[0][1].extractor_version,
    )
