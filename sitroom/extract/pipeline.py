"""Run every extraction stage over documents: parse once, then one function per stage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from itertools import groupby, tee
from typing import TYPE_CHECKING, Protocol

from sitroom.config import MAX_SECTION_CHARS
from sitroom.extract.actors import ActorCoder as DictionaryCoder
from sitroom.extract.actors import Mention, find_mentions
from sitroom.extract.certainty import find_claims
from sitroom.extract.classify import classify_events
from sitroom.extract.events import find_events, with_actor_codes
from sitroom.extract.roles import find_roles
from sitroom.extract.sections import document_sections, merge_sections
from sitroom.extract.verbs import VerbDictionary
from sitroom.model import Analysis, Document, Event
from sitroom.nlp.coref import Resolver
from sitroom.nlp.entities import find_entities
from sitroom.nlp.load import load_pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "0.2.0"


class ActorCoder(Protocol):
    """Anything that codes an actor phrase to a CAMEO actor code ("ARNGOV"), or None."""

    def code(self, phrase: str) -> str | None: ...


def with_dictionary_codes(
    events: list[Event], doc: Doc, actors: ActorCoder | None, verbs: VerbDictionary | None
) -> list[Event]:
    """Code events from PETRARCH dictionaries: the trigger verb's CAMEO from ``verbs``, and
    source/target from the actor mentions before and after the trigger in its sentence."""
    coded = []
    for event in events:
        span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
        trigger = next((t for t in span if t.text == event.trigger), None) if span is not None else None
        if trigger is None:
            coded.append(event)
            continue
        sentence = trigger.sent
        changes: dict[str, str | None] = {}
        if verbs is not None:
            words = [t.text for t in sentence]
            cameo = verbs.code(words, trigger.i - sentence.start) or verbs.code(
                [t.lemma_ if t.i == trigger.i else t.text for t in sentence], trigger.i - sentence.start
            )
            if cameo:
                changes["cameo"] = cameo
        if isinstance(actors, DictionaryCoder):
            mentions = find_mentions(actors, sentence.text)
            at = trigger.idx - sentence.start_char
            before = [m for m in mentions if m.end <= at]
            after = [m for m in mentions if m.start > at]
            text = sentence.text
            if before and (not event.actor_code or _names(event.actor, text, before[-1])):
                changes["actor_code"] = before[-1].code
            if after and (not event.target_code or _names(event.target, text, after[0])):
                changes["target_code"] = after[0].code
        coded.append(replace(event, **changes) if changes else event)  # type: ignore[arg-type]
    return coded


def _names(phrase: str | None, text: str, mention: Mention) -> bool:
    """True when the dictionary mention holds the event's actor phrase ("Arnor" of "Arnor troops")."""
    return phrase is not None and phrase in text[mention.start : mention.end]


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
    if actor_coder is not None:
        code: Callable[[str], str | None] = actor_coder.code
        events = with_actor_codes(events, code)
    if actor_coder is not None or verbs is not None:
        events = with_dictionary_codes(events, doc, actor_coder, verbs)
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
) -> Analysis:
    """Return everything extracted from one report: entities, relations, events, claims.

    ``actor_coder`` (an ``ActorCoder`` from CAMEO dictionaries) adds actor and target codes.
    """
    document = Document.from_text(text, source=source, url=url, title=title, published=published)
    return next(analyze_documents([document], model=model, actor_coder=actor_coder))
