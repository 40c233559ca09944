"""Events from the dependency parse: one event for each happening a document reports.

A trigger is a verb or noun of the trigger lexicon (``lexicon``); its entry gives the PLOVER
type, mode, context, CAMEO code and ACLED types. Actor, target and place come from the
trigger's arguments (``arguments``, ``places``), resolved to canonical entities; casualty
figures and dates come from ``sitroom.extract.figures`` and ``sitroom.extract.time``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sitroom.extract.certainty import clause_head, negated, sentence_cues, stance
from sitroom.extract.events.arguments import arguments, definite, evidence_of, implicit_actor
from sitroom.extract.events.happenings import (
    accusation_of,
    aimed_at_protesters,
    alleged,
    armed_target,
    chained_act,
    combat,
    combine,
    compatible,
    crowd_control,
    host_of,
    intervention,
    same_act,
    stated_cause,
    time_reference,
)
from sitroom.extract.events.lexicon import Trigger, load_triggers, rule_name, victims_by_rule
from sitroom.extract.events.matching import absorbed, hypothetical, match_trigger, unrealised
from sitroom.extract.events.places import shared_places
from sitroom.extract.events.pointers import in_spans, pointer_spans
from sitroom.extract.events.senses import natural_death
from sitroom.extract.figures import (
    VIOLENT_TYPES,
    cumulative,
    cumulative_casualties,
    follow_up_figures,
    money_amounts,
    sentence_figures,
)
from sitroom.extract.time import dated_from_published, event_date, historical
from sitroom.lexicons import load_grammar
from sitroom.model import Event
from sitroom.nlp.coref import Resolver
from sitroom.nlp.docents import DocEntities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Trigger", "find_events", "load_triggers", "rule_name", "with_actor_codes"]

ARMED_SUBTYPES = ("armed_group", "security_force")
MONEY_TYPES = ("AID", "SANCTION", "AGREE", "COOPERATE", "RETREAT")


def find_events(doc: Doc, ents: DocEntities, published: datetime | None = None) -> list[Event]:
    """Return the events of a parsed document in text order, with figures, dates and stance."""
    resolver = Resolver(doc, ents)
    events: list[Event] = []
    sentence_of: list[int] = []
    currency: str | None = None
    previous_subjects: list[str | None] = []
    sentences = list(doc.sents)
    figures = sentence_figures(doc, sentences)
    pointers = pointer_spans(doc.text)  # "==See also==": titles of other articles, no happenings
    for index, sent in enumerate(sentences):
        triggers = {
            t.i: entry
            for t in sent
            if not in_spans(t.idx, pointers) and (entry := match_trigger(t, ents)) is not None
        }
        cues = sentence_cues(sent)
        violent_host = any(e.type in VIOLENT_TYPES and e.victim is None for e in triggers.values())
        killed, injured = figures[index]
        running_killed, running_injured = cumulative_casualties(sent.text)
        amounts = money_amounts(sent.text, currency)
        if amounts:
            currency = amounts[-1].money.currency
        made: dict[int, Event] = {}
        back: dict[int, Reference] = {}  # triggers that point back to a happening told before
        for i, entry in triggers.items():
            token = doc[i]
            if (
                (absorbed(token, triggers) and entry.victim is None)
                or hypothetical(token)
                or unrealised(token, entry)
                or (entry.victim is not None and not violent_host and natural_death(token))
            ):
                continue  # "threatened to ban", "fears of an offensive", "died of cholera": no event
            found = arguments(token, entry, resolver)
            told = reference(doc, token, entry, events, published, found.actor)
            if told is TIME_ONLY or historical(token, sent, published):
                continue  # "since the invasion", "the 2014 annexation", "occupied in 1941": no new event
            if told is not None:
                back[i] = told
            if found.actor is None and entry.victim is None:
                found.actor = implicit_actor(token, entry, [*events, *made.values()], previous_subjects)
            mode, cameo, acled = found.mode, found.cameo, (entry.acled_event_type, entry.acled_sub_event_type)
            if entry.generic and found.type == entry.type:
                earlier = next((e for e in reversed(events) if e.type == entry.type and e.mode), None)
                if earlier is not None and definite(token):
                    mode, cameo, acled = (
                        earlier.mode,
                        earlier.cameo or cameo,
                        (earlier.acled_event_type, earlier.acled_sub_event_type),
                    )
            view = stance(clause_head(token), sent, cues, resolver, own=token)
            money = None
            if found.type in MONEY_TYPES and amounts:
                money = min(amounts, key=lambda m: abs(m.start + sent.start_char - token.idx)).money
            if found.type == "AID" and mode is None:
                mode = _aid_mode(sent)
            place = ents.entities.get(found.location) if found.location else None
            # "at least 500 children have been killed since the invasion": a running total, not a toll
            running = entry.victim is not None and cumulative(
                sent.text, token.idx - sent.start_char, token.idx + len(token) - sent.start_char
            )
            when = None if running else event_date(token, sent, published)
            made[i] = Event(
                type=found.type,
                evidence=evidence_of(doc, found),
                mode=mode,
                context=entry.context,
                cameo=cameo,
                acled_event_type=acled[0] if found.type in VIOLENT_TYPES or acled[0] else None,
                acled_sub_event_type=acled[1],
                actor=found.actor,
                target=found.target,
                location=found.location,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                date=when.value if when else None,
                date_precision=when.precision if when else None,
                killed=killed if found.type in VIOLENT_TYPES and not running else None,
                injured=injured if found.type in VIOLENT_TYPES and not running else None,
                money=money,
                certainty=view.certainty,
                attributed_to=view.attributed_to,
                trigger=token.text,
                rule=rule_name(entry, token),
                negated=negated(token),
                cumulative_killed=running_killed if found.type in VIOLENT_TYPES else None,
                cumulative_injured=running_injured if found.type in VIOLENT_TYPES else None,
            )
        own = dict(made)  # each trigger's event with its own arguments, before accusations frame it
        made = one_per_happening(doc, triggers, made)
        armed = _armed_names(sent, ents)
        for i, event in made.items():
            if triggers[i].generic and event.type == "ASSAULT" and armed_target(doc[i], armed):
                made[i] = combat(event)
        merge_back(doc, events, made, own, back)
        events.extend(made.values())
        sentence_of.extend(index for _ in made)
        previous_subjects.append(resolver.sentence_subject(sent))
    events = shared_places(events, sentence_of, ents)
    events = follow_up_figures(doc, sentences, events, sentence_of, figures)
    return dated_from_published(doc, events, published)


@dataclass(frozen=True, slots=True)
class Reference:
    """What a trigger may point back to: earlier events, latest first, and whether it names one of them
    again by its own word or with "these" ("the mutiny", "these strikes"), so that a place its sentence
    mentions is no reason to tell it apart."""

    candidates: tuple[int, ...]
    named_again: bool


TIME_ONLY = Reference((), False)  # "since the invasion" with no such happening told before


def reference(
    doc: Doc, token: Token, entry: Trigger, events: list[Event], published: datetime | None, actor: str | None
) -> Reference | None:
    """The happening told before that a trigger points back to, TIME_ONLY for a bare time, or None;
    a death or injury with no doer (``actor``) points back to the violence told before it."""
    told = earlier_happening(doc, token, entry, events)
    if time_reference(token, published):
        return Reference((told,), False) if told is not None else TIME_ONLY
    if told is not None and _definite_violent_noun(token, entry):
        return Reference((told,), _demonstrative(token))
    again = earlier_mentions(token, entry, events)
    if again:
        return Reference(tuple(again), True)
    if entry.victim is not None and actor is None:  # "Six soldiers were killed." after a bombing
        earlier = earlier_violence(doc, token, events)
        return Reference((earlier,), False) if earlier is not None else None
    return None


def merge_back(
    doc: Doc, events: list[Event], made: dict[int, Event], own: dict[int, Event], back: dict[int, Reference]
) -> None:
    """Fold the events of a sentence that point back into the events told before (in place): into the
    latest candidate with no other actor or target, when the places agree or the mention names none."""
    for i, ref in sorted(back.items()):
        told = next((n for n in ref.candidates if _same_parties(own[i], events[n])), None)
        if i not in made or told is None:
            continue
        same_place = made[i].location in (None, events[told].location)
        if same_place or (ref.named_again and not own_place(doc[i])):
            events[told] = combine(events[told], made.pop(i))


def _definite_violent_noun(token: Token, entry: Trigger) -> bool:
    """Whether a trigger is a definite violent noun ("the attack", "this blast"), not a death or injury,
    nor a new one ("the latest shelling")."""
    return (
        token.pos_ == "NOUN"
        and definite(token)
        and entry.type in VIOLENT_TYPES
        and entry.victim is None
        and not _new_mention(token)
    )


def _new_mention(noun: Token) -> bool:
    """Whether a noun is said to be another happening: "the latest attack", "new clashes"."""
    return any(c.lower_ in load_grammar()["new_mention_words"] for c in noun.children)


def earlier_happening(doc: Doc, token: Token, entry: Trigger, events: list[Event]) -> int | None:
    """The index of the happening a definite violent noun points back to: the last violent event of
    the same type in the same paragraph ("A missile struck Odesa. The attack killed two")."""
    for n in range(len(events) - 1, -1, -1):
        event = events[n]
        if "\n\n" in doc.text[event.evidence.end : token.idx]:
            return None
        if event.type == entry.type and event.evidence.end <= token.idx:
            return n
    return None


def earlier_violence(doc: Doc, token: Token, events: list[Event]) -> int | None:
    """The index of the last violent happening told before in the same paragraph: a death or an
    injury with no doer of its own ("two guards died", "were killed") is that happening's toll."""
    for n in range(len(events) - 1, -1, -1):
        event = events[n]
        if "\n\n" in doc.text[event.evidence.end : token.idx]:
            return None
        if event.type in VIOLENT_TYPES and victims_by_rule().get(event.rule or "") is None:
            return n
    return None


def earlier_mentions(token: Token, entry: Trigger, events: list[Event]) -> list[int]:
    """The indices, latest first, of the events told before that a definite or possessed noun names
    again by its word, anywhere in the document: "a mutiny ... the mutiny", "Wagner's mutiny",
    "missile strikes ... these strikes", "... ongoing missile strikes"; none for "the latest attack",
    "a second round of talks" (``new_mention_words``)."""
    if token.pos_ not in ("NOUN", "PROPN") or entry.victim is not None:
        return []
    going_on = any(c.lower_ in load_grammar()["continuing_words"] for c in token.children)
    if not (definite(token) or going_on or any(c.dep_ == "poss" for c in token.children)):
        return []
    if _new_mention(token):
        return []
    return [
        n
        for n in range(len(events) - 1, -1, -1)
        if events[n].type == entry.type
        and events[n].evidence.end <= token.idx
        and entry.lemma in {_lemma_of(part.rule) for part in (events[n], *events[n].merged)}
    ]


def _same_parties(mention: Event, told: Event) -> bool:
    """Whether a mention can be the happening told before: no other actor, no other target
    ("supporting Ukraine" ... "their support for Russia" are two)."""
    pairs = ((mention.actor, told.actor), (mention.target, told.target))
    return all(None in pair or pair[0] == pair[1] for pair in pairs)


def _demonstrative(noun: Token) -> bool:
    """Whether a noun points back with "this", "these", "that" or "those"."""
    return any(c.lower_ in load_grammar()["demonstratives"] for c in noun.children)


def own_place(noun: Token) -> bool:
    """Whether a noun names a place of its own ("the attack on Kharkiv", "the Odesa strike"); a noun
    that names none ("these strikes", "Wagner's mutiny") keeps the place of what it points back to,
    whatever place its sentence mentions."""
    for child in noun.children:
        places = [child] if child.dep_ == "compound" else []
        if child.dep_ == "prep" and child.lower_ in load_grammar()["place_preps"]:
            places = [g for g in child.children if g.dep_ == "pobj"]
        if any(p.ent_type_ in ("GPE", "LOC", "FAC") for p in places):
            return True
    return False


def _lemma_of(rule: str | None) -> str:
    """The lemma of a rule name: "strike+missile:noun" -> "strike"."""
    return (rule or "").split(":")[0].split("+")[0]


def one_per_happening(doc: Doc, triggers: dict[int, Trigger], made: dict[int, Event]) -> dict[int, Event]:
    """The events of one sentence, one per happening (see ``happenings``), by trigger position.

    A violent noun and the violent verb it is the subject of are one act, and so is a violent act
    in the adverbial clause of another ("explosions rocked the port as missiles hit it"); a death or
    an injury in the clause chain of a violent trigger is that happening's toll, and one the syntax
    ties to nothing, with no cause of its own, is the toll of the nearest violent act of the
    sentence that names no other place or party; a deed inside an accusation is the accused's, as
    the accuser alleges it; crowd control of a protest is that protest's intervention; a violent
    event a named party tells of is reported.
    """
    merged = dict(made)
    owner: dict[int, int] = {i: i for i in made}
    for i in sorted(made):
        verb = same_act(doc[i], triggers)
        if verb is not None and verb in merged and i in merged:
            merged[i] = combine(merged[i], merged.pop(verb))
            owner[verb] = i
    _join_chained_acts(doc, triggers, merged, owner)
    for i in sorted(made):
        if triggers[i].victim is None or i not in merged:
            continue
        host = host_of(doc[i], triggers)
        host = owner.get(host) if host is not None else None
        if host is None and not stated_cause(doc[i], triggers):
            host = _nearest_act(i, merged, triggers)
        if host is not None and host in merged and host != i:
            merged[host] = combine(merged[host], merged.pop(i))
            owner[i] = host
    for i in list(merged):
        accusation = accusation_of(doc[i], triggers)
        if accusation is None or owner.get(accusation) in (None, i):
            continue
        accuser = merged.get(owner[accusation])
        if accuser is not None:
            merged[i] = alleged(merged[i], accuser)
    _crowd_control_into_protests(doc, merged)
    for i, event in merged.items():
        if event.type in VIOLENT_TYPES and event.attributed_to and event.certainty == "asserted":
            merged[i] = replace(event, certainty="reported")  # "Russia said it killed 250 soldiers"
    return dict(sorted(merged.items()))


def _join_chained_acts(
    doc: Doc, triggers: dict[int, Trigger], merged: dict[int, Event], owner: dict[int, int]
) -> None:
    """Fold each violent act into the act whose adverbial clause it is in (``chained_act``), in place."""
    for i in sorted(merged):
        act = chained_act(doc[i], triggers) if triggers[i].victim is None else None
        act = owner.get(act, -1) if act is not None else -1
        if act in merged and i in merged and act != i and compatible(merged[act], merged[i]):
            merged[act] = combine(merged[act], merged.pop(i))
            owner[i] = act


def _crowd_control_into_protests(doc: Doc, merged: dict[int, Event]) -> None:
    """Fold crowd control into the sentence's protest, or make it a protest of its own, in place."""
    protest = next((i for i, e in merged.items() if e.type == "PROTEST"), None)
    for i in [i for i, e in merged.items() if crowd_control(e)]:
        if protest is not None:  # "officers fired tear gas to scatter marchers who were protesting"
            merged[protest] = intervention(merged[protest], merged.pop(i))
        elif aimed_at_protesters(doc[i]):  # "officers fired rubber bullets at the marchers"
            merged[i] = intervention(merged[i])


def _nearest_act(i: int, events: dict[int, Event], triggers: dict[int, Trigger]) -> int | None:
    """The violent act of the sentence nearest to the death or injury at ``i`` that can be its
    happening (``compatible``): "Shelling of a hospital left four patients injured"."""
    acts = [
        n
        for n, event in events.items()
        if n != i and triggers[n].victim is None and event.type in VIOLENT_TYPES
        if compatible(event, events[i])
    ]
    return min(acts, key=lambda n: (abs(n - i), n)) if acts else None


def _armed_names(sent: Span, ents: DocEntities) -> set[int]:
    """Token positions of the sentence's names of armed groups and security forces ("Taliban")."""
    return {
        token.i
        for token in sent
        if (entity := ents.at_token(token.i)) is not None and entity.subtype in ARMED_SUBTYPES
    }


def _aid_mode(sent: Span) -> str | None:
    """The kind of aid a sentence speaks of: "an aid package ... including various munitions" is military."""
    lemmas = {t.lemma_.lower() for t in sent}
    for mode, words in load_grammar().maps["aid_words"].items():
        if lemmas.intersection(words):
            return mode
    return None


def with_actor_codes(events: list[Event], code: Callable[[str], str | None]) -> list[Event]:
    """Return the events with CAMEO actor codes from ``code(phrase)`` for their actor and target."""
    return [
        replace(event, actor_code=code(event.actor) if event.actor else None,
                target_code=code(event.target) if event.target else None)
        for event in events
    ]  # fmt: skip
