"""Run every extraction stage over documents: parse once, then one function per stage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import tee
from typing import TYPE_CHECKING, Protocol

from sitroom.model import Analysis, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "0.2.0"


class ActorCoder(Protocol):
    """Anything that codes an actor phrase to a CAMEO actor code ("ARNGOV"), or None."""

    def code(self, phrase: str) -> str | None: ...


def analyze_parsed(document: Document, doc: Doc, *, actor_coder: ActorCoder | None = None) -> Analysis:
    """Return the analysis of ``document`` from its spaCy parse ``doc``.

    Stages: entities, roles and relations, events (with figures, dates and stance), claims;
    ``actor_coder`` adds CAMEO actor codes to the events' actors and targets.
    """
    from sitroom.extract.certainty import find_claims
    from sitroom.extract.classify import classify_events
    from sitroom.extract.events import Resolver, find_events, with_actor_codes
    from sitroom.extract.roles import find_roles
    from sitroom.nlp.entities import find_entities

    ents = find_entities(doc, document.published)
    roles, relations = find_roles(doc, ents)
    events = find_events(doc, ents, document.published)
    events = classify_events(doc, ents, events, document.published)
    claims = find_claims(doc, events, Resolver(doc, ents))
    if actor_coder is not None:
        code: Callable[[str], str | None] = actor_coder.code
        events = with_actor_codes(events, code)
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
) -> Iterator[Analysis]:
    """Yield the analysis of each document, in order, parsing them in batches."""
    from sitroom.nlp.load import load_pipeline

    nlp = load_pipeline(model)
    for_text, for_meta = tee(documents)
    texts = (d.text for d in for_text)
    for document, doc in zip(for_meta, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield analyze_parsed(document, doc, actor_coder=actor_coder)
