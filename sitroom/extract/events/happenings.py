"""Which triggers of a sentence are one happening, which report a deed inside an accusation, and
which only name a time ("since the invasion", "the 2014 annexation").

"A missile struck a restaurant, killing four and injuring 42" is one happening: the killing and
the injuring are the strike's toll, not events of their own. "Gunmen killed three" is one
happening whose trigger is the killing itself. "Kyiv accused Moscow of blowing up the dam": the
accusation is Kyiv's, the destruction is Moscow's, as Kyiv alleges it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from sitroom.extract.events.lexicon import Trigger
from sitroom.extract.events.senses import cause_phrases
from sitroom.extract.figures import VIOLENT_TYPES
from sitroom.lexicons import load_grammar
from sitroom.model import Event

if TYPE_CHECKING:
    from spacy.tokens import Token

# Links from a trigger up to the clause it elaborates: "struck ..., killing four", "... and injuring 42".
# "..., resulting in the deaths of four": the death is the object of a preposition of that chain.
_CHAIN_UP = ("advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "pobj", "oprd", "acomp", "advmod")
# Links from a death or injury down to what caused it: "the blast killed", "killed in a drone strike".
_CAUSE_DOWN = ("nsubj", "nsubjpass", "agent", "prep", "pobj", "compound", "advcl")
# Accusations whose content is somebody else's deed: "accused Moscow of", "blamed Kyiv for".
ACCUSING = ("DISAPPROVE", "ACCUSE")
_CONTENT_UP = ("pcomp", "pobj", "prep", "ccomp", "xcomp", "conj")
# A trigger after one of these names a time, not a new event: "since the invasion", "before the war".
_TIME_PREPS = ("since", "before", "until", "till", "prior")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _violent_host(entry: Trigger) -> bool:
    return entry.type in VIOLENT_TYPES and entry.victim is None


def _violent_subject(verb: Token, triggers: dict[int, Trigger]) -> int | None:
    for child in verb.children:
        entry = triggers.get(child.i)
        if child.dep_ == "nsubj" and entry is not None and _violent_host(entry):
            return child.i
    return None


def host_of(token: Token, triggers: dict[int, Trigger], depth: int = 0) -> int | None:
    """The trigger of the happening whose toll a death or injury trigger gives, if any.

    Up its clause chain ("struck the town, killing four"; "killed three and injured 14" shares
    the host of "killed"), to a clause whose subject is a violent noun ("an air strike destroyed
    a school, killing seven"), down to its cause ("the blast killed two", "were killed in a drone
    strike", "were killed when a rocket struck"), or the subject of the verb it is the object of
    ("the shelling caused the deaths of three").
    """
    current = token
    for _ in range(5):
        if current.head.i == current.i or current.dep_ not in _CHAIN_UP:
            break
        current = current.head
        entry = triggers.get(current.i)
        if entry is not None and _violent_host(entry):
            return current.i
        if entry is not None and entry.victim is not None and depth < 3:
            return host_of(current, triggers, depth + 1)
        if current.pos_ in ("VERB", "AUX") and (subject := _violent_subject(current, triggers)) is not None:
            return subject
    queue = [c for c in token.children if c.dep_ in _CAUSE_DOWN]
    while queue:
        child = queue.pop(0)
        if child.dep_ == "prep" and child.lower_ not in load_grammar()["cause_preps"]:
            continue
        entry = triggers.get(child.i)
        if entry is not None and _violent_host(entry):
            return child.i
        queue.extend(c for c in child.children if c.dep_ in ("pobj", "compound"))
    if token.dep_ in ("dobj", "attr") and token.head.pos_ in ("VERB", "AUX"):
        return _violent_subject(token.head, triggers)
    return None


def chained_act(token: Token, triggers: dict[int, Trigger]) -> int | None:
    """The violent act whose clause a violent trigger elaborates: "Explosions rocked the port as
    missiles hit warehouses" (the hitting is the explosions' act), "shells struck the town when
    rockets hit the station". Up the adverbial clauses only: "Russia shelled Kherson and struck
    Odesa" (a conjunct) may be two acts."""
    current = token
    for _ in range(3):
        if current.head.i == current.i or current.dep_ != "advcl":
            return None
        current = current.head
        entry = triggers.get(current.i)
        if entry is not None and _violent_host(entry):
            return current.i
        if current.pos_ in ("VERB", "AUX") and (subject := _violent_subject(current, triggers)) is not None:
            return subject
    return None


def stated_cause(token: Token, triggers: dict[int, Trigger]) -> bool:
    """Whether a death or injury names a cause of its own that is no trigger: "died in floods",
    "were hurt in a car crash", "died of their wounds", "were killed when a bridge collapsed"."""
    if any(c.dep_ == "advcl" and not any(t.i in triggers for t in c.subtree) for c in token.children):
        return True
    objects = [g for phrase in cause_phrases(token) for g in phrase.children if g.dep_ == "pobj"]
    return any(o.pos_ == "NOUN" and o.i not in triggers for o in objects)


def same_act(token: Token, triggers: dict[int, Trigger]) -> int | None:
    """The violent verb a violent noun (or gerund) is the subject of, when both name one act of one
    kind: "A drone attack struck the depot" is one attack, and so is "shelling hit the market"."""
    entry = triggers.get(token.i)
    head = triggers.get(token.head.i)
    if (
        entry is not None
        and head is not None
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.pos_ in ("NOUN", "VERB")  # "Russian shelling hit the market": a gerund subject
        and _violent_host(entry)
        and _violent_host(head)
        and head.type == entry.type
    ):
        return token.head.i
    return None


def accusation_of(token: Token, triggers: dict[int, Trigger]) -> int | None:
    """The accusation whose content the trigger is: "accused Moscow of blowing up the dam"."""
    current = token
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in _CONTENT_UP:
            return None
        current = current.head
        entry = triggers.get(current.i)
        if entry is not None:
            return current.i if entry.type in ACCUSING else None
    return None


def time_reference(token: Token, published: datetime | None) -> bool:
    """Whether a noun trigger only names a time: "since the invasion", "before the war", or, in a
    report of a known date, "the 2014 annexation", "the invasion of 1941" - history, not a new event."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _TIME_PREPS:
        return True
    if published is None:
        return False  # a year is history only against the date of the report
    for child in token.children:
        words = [child] if child.dep_ in ("compound", "nummod", "amod") else []
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            words = [g for g in child.children if g.dep_ == "pobj"]
        for word in words:
            if _YEAR.match(word.text) and int(word.text) < published.year - 1:
                return True
    return False


def compatible(one: Event, other: Event) -> bool:
    """Whether two events of a sentence can be one happening: no two places, actors or targets."""
    pairs = ((one.location, other.location), (one.actor, other.actor), (one.target, other.target))
    return all(None in pair or pair[0] == pair[1] for pair in pairs)


# Crowd control: "dispersed the crowd", "used tear gas", "fired rubber bullets" (CAMEO 175).
_CROWD_CONTROL = "175"
INTERVENTION = ("Protests", "Protest with intervention")


def crowd_control(event: Event) -> bool:
    """Whether an event is crowd control: violent repression of the kind used on a gathering."""
    return event.type == "COERCE" and event.cameo == _CROWD_CONTROL


def aimed_at_protesters(token: Token) -> bool:
    """Whether what a crowd-control trigger acts on is a protest or its people: "dispersed the marchers",
    "fired tear gas at the crowd", "used water cannon to scatter demonstrators" (not a gathering named
    in a clause of its own: "fired rubber bullets, the crowd said")."""
    crowds = set(load_grammar()["protest_crowds"])
    queue = [c for c in token.children if c.dep_ not in ("nsubj", "relcl", "ccomp", "parataxis", "punct")]
    while queue:
        word = queue.pop()
        if word.lemma_.lower() in crowds and word.dep_ in ("dobj", "pobj", "nsubjpass", "conj"):
            return True
        queue.extend(c for c in word.children if c.dep_ not in ("relcl", "ccomp", "parataxis"))
    return False


def intervention(protest: Event, control: Event | None = None) -> Event:
    """A protest with the intervention of those who broke it up (ACLED "Protest with intervention"): the
    crowd control folded into the protest (its actor, when the protest names none, is the one who
    intervened); with no protest trigger, the protest that the crowd control tells of."""
    if control is None:
        control, protest = protest, replace(protest, type="PROTEST", mode="demo", cameo="141", merged=())
    return replace(
        combine(protest, control), acled_event_type=INTERVENTION[0], acled_sub_event_type=INTERVENTION[1]
    )


def _attacked(token: Token) -> list[Token]:
    """What an attack trigger acts on: its object, the object of "on/against", or, for an attack noun
    that is the subject of a verb ("drone attacks killed six commanders"), that verb's object."""
    heads = [token]
    if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN":
        heads.append(token.head)
    found = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "dobj":
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against"):
                found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def armed_target(token: Token, armed_names: set[int]) -> bool:
    """Whether an attack acts on an armed party: soldiers, fighters, a convoy or post of theirs, or an
    armed group or security force named as such (``armed_names``: token positions of their names)."""
    armed = set(load_grammar()["armed_nouns"])
    for noun in _attacked(token):
        words = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod", "poss"))]
        if any(w.lemma_.lower() in armed or w.i in armed_names for w in words):
            return True
    return False


def combat(event: Event) -> Event:
    """A generic attack ("attacks", "attacked") on an armed party is combat (PLOVER FIGHT, CAMEO 190):
    "drone attacks killed six Taliban commanders"; on others it stays an assault."""
    return replace(
        event, type="FIGHT", cameo="190", acled_event_type="Battles", acled_sub_event_type="Armed clash"
    )


def combine(primary: Event, other: Event) -> Event:
    """One event of a happening: ``primary`` with what ``other`` adds (its place, figures, actor)."""
    return replace(
        primary,
        actor=primary.actor or other.actor,
        target=primary.target or other.target,
        location=primary.location or other.location,
        lat=primary.lat if primary.location else other.lat,
        lon=primary.lon if primary.location else other.lon,
        date=primary.date or other.date,
        date_precision=primary.date_precision if primary.date else other.date_precision,
        killed=primary.killed or other.killed,
        injured=primary.injured or other.injured,
        cumulative_killed=primary.cumulative_killed or other.cumulative_killed,
        cumulative_injured=primary.cumulative_injured or other.cumulative_injured,
        merged=(*primary.merged, replace(other, merged=()), *other.merged),
    )


def alleged(deed: Event, accusation: Event) -> Event:
    """A deed as an accusation describes it: done by the accused, reported by the accuser."""
    actor = deed.actor
    if actor is None or actor == accusation.actor:
        actor = accusation.target
    target = deed.target if deed.target != actor else None
    return replace(
        deed,
        actor=actor,
        target=target,
        certainty="reported" if deed.certainty == "asserted" else deed.certainty,
        attributed_to=accusation.actor or deed.attributed_to,
    )
