"""Run every extraction stage over documents: parse once, then one function per stage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import partial
from itertools import groupby, tee
from typing import TYPE_CHECKING, Protocol

from sitroom.config import MAX_SECTION_CHARS
from sitroom.extract.actors import ActorCoder as DictionaryCoder
from sitroom.extract.certainty import find_claims
from sitroom.extract.classify import classify_events
from sitroom.extract.events import find_events, with_actor_codes
from sitroom.extract.petrarch import code_events
from sitroom.extract.roles import find_roles
from sitroom.extract.sections import document_sections, merge_sections
from sitroom.extract.verbs import VerbDictionary
from sitroom.model import Analysis, Document
from sitroom.nlp.coref import Resolver
from sitroom.nlp.entities import find_entities
from sitroom.nlp.load import load_pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "0.3.0"  # 0.3.0: war counts to date stored apart (migration 0005)


class ActorCoder(Protocol):
    """Anything that codes an actor phrase to a CAMEO actor code ("ARNGOV"), or None."""

    def code(self, phrase: str) -> str | None: ...


def analyze_parsed(
    document: Document,
    doc: Doc,
    *,
    actor_coder: ActorCoder | None = None,
    verbs: VerbDictionary | None = None,
) -> Analysis:
    """Return the analysis of ``document`` from its spaCy parse ``doc``.

    Stages: entities, roles and relations, events (with figures, dates and stance), claims;
    ``actor_coder`` adds CAMEO actor codes to the events' actors and targets.
    """
    ents = find_entities(doc, document.published)
    roles, relations = find_roles(doc, ents)
    events = find_events(doc, ents, document.published)
    events = classify_events(doc, ents, events, document.published)
    claims = find_claims(doc, events, Resolver(doc, ents))
    day = document.published.date() if document.published else None
    dictionary = actor_coder if isinstance(actor_coder, DictionaryCoder) else None
    if actor_coder is not None:
        code: Callable[[str], str | None] = (
            partial(dictionary.code, on=day) if dictionary is not None else actor_coder.code
        )
        events = with_actor_codes(events, code)
    if dictionary is not None or verbs is not None:
        events = code_events(events, doc, dictionary, verbs, day)
    return Analysis(
        document=document,
        mentions=tuple(ents.contract_mentions()),
        entities=tuple(ents.entities.values()),
        roles=tuple(roles),
        relations=tuple(relations),
        events=tuple(events),
        claims=tuple(claims),
        extractor_version=EXTRACTOR_VERSION,
    )


def analyze_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    batch_size: int = 16,
    actor_coder: ActorCoder | None = None,
    max_section_chars: int = MAX_SECTION_CHARS,
    verbs: VerbDictionary | None = None,
) -> Iterator[Analysis]:
    """Yield the analysis of each document, in order, parsing them in batches.

    A text longer than ``max_section_chars`` is parsed in sections and merged into one
    analysis with offsets into the whole text (see ``sitroom.extract.sections``).
    """
    nlp = load_pipeline(model)
    for_text, for_meta = tee(document_sections(documents, max_section_chars))
    parses = zip(for_meta, nlp.pipe((s.text for s in for_text), batch_size=batch_size), strict=True)
    for _, group in groupby(parses, key=lambda parsed: parsed[0].number):
        yield merge_sections(
            [
                (s, analyze_parsed(s.as_document(), doc, actor_coder=actor_coder, verbs=verbs))
                for s, doc in group
            ]
        )


def analyze(
    text: str,
    published: datetime | None = None,
    source: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    model: str | None = None,
    actor_coder: ActorCoder | None = None,
    verbs: VerbDictionary | None = None,
) -> Analysis:
    """Return everything extracted from one report: entities, relations, events, claims.

    ``actor_coder`` (an ``ActorCoder`` from CAMEO dictionaries) adds actor and target codes;
    ``verbs`` (a ``VerbDictionary``) codes events PETRARCH's way (``sitroom.extract.petrarch``).
    """
    document = Document.from_text(text, source=source, url=url, title=title, published=published)
    return next(analyze_documents([document], model=model, actor_coder=actor_coder, verbs=verbs))
