"""Where an event happened: place names among its arguments, in its clause, or of its sentence.

A place is a GPE, LOC or FAC entity that is not a demonym ("a Russian strike" names who acted),
not an acting subject ("Moscow said") and not the topic of a statement.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitroom.extract.certainty import clause_head
from sitroom.extract.events.lexicon import load_triggers
from sitroom.extract.figures import VIOLENT_TYPES
from sitroom.lexicons import load_grammar
from sitroom.model import Event
from sitroom.nlp.coref import PLACE_TYPES, Resolver
from sitroom.nlp.docents import DocEntities
from sitroom.nlp.gazetteer import lookup_country, resolve_place

if TYPE_CHECKING:
    from spacy.tokens import Token


def _town(token: Token) -> bool:
    """Whether a token is part of a gazetteer place with coordinates (a town or city, not a country)."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") and resolve_place(token.text, set()) is not None


def town_name(token: Token, resolver: Resolver) -> bool:
    """Whether a token names a place that is not a country: "Kramatorsk" in "the Kramatorsk strike" says
    where it happened, while a country ("a US strike") or a demonym ("a Russian strike") says who did it."""
    if _town(token):
        return True
    entity = resolver.ents.at_token(token.i)
    return (
        entity is not None
        and entity.type in PLACE_TYPES
        and not demonym(token)
        and lookup_country(entity.name) is None
    )


def place_of(token: Token, resolver: Resolver) -> str | None:
    """The place a noun phrase names: its head, a compound or apposition ("a Kramatorsk restaurant"), or an
    "of"/"in"/"on" phrase ("the eastern Ukrainian city of Kramatorsk"); never a possessor ("Russia's
    strike") or a demonym ("a Russian missile"), which name who acted, not where."""
    queue = [token]
    while queue:
        current = queue.pop(0)
        entity = resolver.ents.at_token(current.i)
        if entity is not None and entity.type in PLACE_TYPES and not demonym(current):
            return entity.name
        for child in current.children:
            if child.dep_ in ("compound", "appos", "flat", "nmod", "conj") or (
                child.dep_ == "poss" and current.lemma_.lower() not in load_triggers()
            ):
                queue.append(child)  # "Kramatorsk's commercial district", but not "Russia's strike"
            elif child.dep_ == "prep" and child.lower_ in load_grammar()["place_of_preps"]:
                queue.extend(g for g in child.children if g.dep_ == "pobj")
    return None


def names_place(candidate: Token, name: str, resolver: Resolver) -> bool:
    """Whether ``name`` is a place mentioned in the candidate's own words (not a demonym's country)."""
    return any(
        (entity := resolver.ents.at_token(t.i)) is not None and entity.name == name for t in candidate.subtree
    )


def demonym(token: Token) -> bool:
    """Whether a token is a demonym ("Russian", "Ukrainian"): it names a side, not a place."""
    return token.ent_type_ == "NORP" or token.pos_ == "ADJ" or token.dep_ == "amod"


def acting(token: Token) -> bool:
    """Whether a place name is the subject or possessor of a clause that acts: "Moscow did not comment",
    "Ukraine's police said"; a place there stands for its government, not for where things happened.
    The subject of "to be" is not acting: "Kramatorsk has been a frequent target of strikes"."""
    current = token
    while current.dep_ in ("compound", "flat") and current.head.pos_ == "PROPN":
        current = current.head
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head  # "Poland and Lithuania warn NATO": both act
    if current.dep_ == "poss":
        if current.head.lemma_.lower() in load_triggers():
            return True  # "Russia's strike"
        current = current.head  # "Ukraine's police said" acts; "Kramatorsk's commercial district" does not
    return current.dep_ in ("nsubj", "agent") and current.head.lemma_ != "be"


def clause_place(
    trigger: Token, resolver: Resolver, exclude: tuple[str | None, ...]
) -> tuple[str | None, Token | None]:
    """The first place named in the trigger's clause that is not a demonym, an actor or a speaker.

    A clause reported inside it is another statement, not where the event happened: in "Zelensky
    condemned the attack and said Russia would pay", Russia is not the place of the condemnation; nor
    is the topic of a statement: "Poland warned NATO over the troop build-up in Belarus".
    """
    clause = clause_head(trigger)
    topics = load_grammar()["topic_preps"]
    reported = {
        t.i
        for c in clause.subtree
        if (c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "prep" and c.lower_ in topics))
        and not (c.left_edge.i <= trigger.i <= c.right_edge.i)
        for t in c.subtree
    }
    for t in clause.subtree:
        entity = resolver.ents.at_token(t.i)
        if (
            t.i in reported
            or entity is None
            or entity.type not in PLACE_TYPES
            or entity.name in exclude
            or acting(t)
            or demonym(t)
        ):
            continue
        return entity.name, t
    return None, None


def shared_places(events: list[Event], sentence_of: list[int], ents: DocEntities) -> list[Event]:
    """Give a violent event without a place the one place of the other violent events of its sentence:
    "A missile struck the centre of Kramatorsk, killing at least two people" - the killing is there too."""
    places: dict[int, set[str]] = {}
    for event, index in zip(events, sentence_of, strict=True):
        if event.type in VIOLENT_TYPES and event.location is not None:
            places.setdefault(index, set()).add(event.location)
    updated = []
    for event, index in zip(events, sentence_of, strict=True):
        named = places.get(index, set())
        if event.type in VIOLENT_TYPES and event.location is None and len(named) == 1:
            place = ents.entities.get(next(iter(named)))
            event = replace(event, location=next(iter(named)), lat=place.lat if place else None,
                            lon=place.lon if place else None)  # fmt: skip
        updated.append(event)
    return updated
