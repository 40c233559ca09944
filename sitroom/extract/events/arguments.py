"""The arguments of a trigger: actor, target and place from the parse, and an actor left implicit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.extract.certainty import clause_head
from sitroom.extract.events.lexicon import Trigger, load_triggers
from sitroom.extract.events.matching import FRAME_TYPES, intent, match_trigger, preparation
from sitroom.extract.events.places import clause_place, names_place, place_of, town_name
from sitroom.extract.figures import VIOLENT_TYPES
from sitroom.lexicons import load_grammar
from sitroom.model import Event, Evidence
from sitroom.nlp.coref import Resolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def dependent(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def pobjs(token: Token, preps: tuple[str, ...]) -> list[tuple[str, Token]]:
    found: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            found.extend((child.lower_, g) for g in child.children if g.dep_ == "pobj")
    return found


def verbal_actor(verb: Token) -> Token | None:
    """The doer of a verb: its subject, the "by" agent of a passive, or the subject it shares; for
    the verb of a statement ("issued a statement condemning the raid"), who issued it."""
    current = verb
    for _ in range(4):
        agent = dependent(current, "agent")
        if agent is not None:
            return dependent(agent, "pobj")
        subject = dependent(current, "nsubj")
        if subject is not None:
            return subject
        if dependent(current, "nsubjpass") is not None or dependent(current, "auxpass") is not None:
            return None  # a passive's subject, its own or shared ("... and was arrested"), is no doer
        if _statement_content(current):
            current = current.head.head
            continue
        if current.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep") or current.head.i == current.i:
            return None
        current = current.head if current.head.pos_ in ("VERB", "AUX") else clause_head(current.head)
    return None


def _statement_content(verb: Token) -> bool:
    """Whether ``verb`` says what a statement that is the object of a verb says: "issued a statement
    condemning", "sent a letter urging" (``statement_nouns``; not "hit a convoy carrying aid")."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and noun.dep_ == "dobj"
        and noun.lemma_.lower() in load_grammar()["statement_nouns"]
        and noun.head.pos_ in ("VERB", "AUX")
    )


def _lends_subject(verb: Token, noun: Token, resolver: Resolver) -> bool:
    """Whether the subject of ``verb`` did what its object or prepositional noun ``noun`` names.

    "The US carried out a strike", "announced a new aid package": yes. Not when the verb is an
    event of another kind about it ("Zelensky condemned the attack": Zelensky did not attack) nor when
    its subject is a victim ("She died in the strike").
    """
    verb_entry = match_trigger(verb, resolver.ents)
    if verb_entry is None:
        return True
    noun_entry = match_trigger(noun, resolver.ents)
    return not verb_entry.undergoer and (noun_entry is None or noun_entry.type == verb_entry.type)


def _nominal_actor(noun: Token, resolver: Resolver) -> Token | None:
    """The doer of a nominal trigger: "by" phrase, possessor, demonym or proper-noun modifier, or
    the subject of the verb it is the object of ("the US announced a new aid package")."""
    agents = pobjs(noun, ("by",))
    if agents:
        return agents[0][1]
    following = noun.right_edge.i + 1
    if following < len(noun.doc) and noun.doc[following].lower_ == "by":
        pobj = dependent(noun.doc[following], "pobj")
        if pobj is not None:
            return pobj
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            if child.dep_ == "compound" and town_name(child, resolver):
                continue  # "the Kramatorsk strike" happened there; "a US strike" was done by the US
            return child
    if (
        noun.dep_ in ("dobj", "attr")
        and noun.head.pos_ == "VERB"
        and _lends_subject(noun.head, noun, resolver)
    ):
        return verbal_actor(noun.head)
    verb = noun.head.head
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "of")
        and verb.pos_ == "VERB"
        and _lends_subject(verb, noun, resolver)
    ):
        return verbal_actor(verb)  # "wounded two soldiers in a bomb attack"
    return None


@dataclass(slots=True)
class Found:
    token: Token
    entry: Trigger
    type: str
    cameo: str
    mode: str | None
    actor: str | None
    actor_token: Token | None
    target: str | None
    target_token: Token | None
    location: str | None
    location_token: Token | None


def _actor_token(token: Token, verbal: bool, resolver: Resolver) -> Token | None:
    """The doer: the verb's subject or agent, the noun's possessor or lending subject."""
    actor_token = verbal_actor(token) if verbal else _nominal_actor(token, resolver)
    if (
        actor_token is not None
        and actor_token.pos_ == "NOUN"
        and actor_token.lemma_.lower() in load_triggers()
        and match_trigger(actor_token, resolver.ents) is not None  # not "rebels": "rebel" is a verb trigger
    ):
        actor_token = _nominal_actor(actor_token, resolver)  # "Russia's attack on Kyiv killed four": Russia
    return actor_token


def _target_candidates(token: Token, verbal: bool) -> list[Token]:
    """Tokens that may name the target or place: objects and the trigger's prepositional objects."""
    preps = load_grammar()["target_preps"]
    candidates: list[Token] = []
    if verbal:
        passive_subject = dependent(token, "nsubjpass") or _shared_passive_subject(token)
        if passive_subject is not None:
            candidates.append(passive_subject)
        candidates += [
            c for c in token.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")
        ]
        candidates += [c for c in token.children if c.dep_ == "dobj"]
        candidates += [p for _, p in pobjs(token, preps)]
        return candidates
    candidates += [p for _, p in pobjs(token, preps)]
    if token.dep_ == "nsubj" and token.head.pos_ == "VERB":
        candidates += [c for c in token.head.children if c.dep_ == "dobj"]
        candidates += [p for _, p in pobjs(token.head, preps)]
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        candidates += [p for _, p in pobjs(token.head, preps)]
    return candidates


def _shared_passive_subject(verb: Token) -> Token | None:
    """The subject a passive conjunct shares with the verb before it: "The general has not been seen
    since and was reportedly detained" (the general was detained)."""
    if verb.dep_ != "conj" or dependent(verb, "auxpass") is None or dependent(verb, "nsubj") is not None:
        return None
    return dependent(verb.head, "nsubjpass") or dependent(verb.head, "nsubj")


def _content_target(verb: Token, resolver: Resolver, actor: str | None) -> tuple[str | None, Token | None]:
    """The target of an offer, a promise or an agreement, named inside what is offered: "offered to
    hand over two suspects to Britain", "promised to continue aid to Mozambique", "is willing to
    withdraw its troops from Lebanon"."""
    preps = (*load_grammar()["target_preps"], "from")
    content = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if not content:  # "willing to withdraw", "will send": the verb is itself what is promised
        content.append(verb)
    for clause in content:
        found = [p for _, p in pobjs(clause, preps)]
        for obj in (c for c in clause.children if c.dep_ in ("dobj", "prt")):
            found += [p for _, p in pobjs(obj, preps)]
        for candidate in found:
            name = resolver.entity_of(candidate)
            if name is not None and name != actor:
                return name, candidate
    return None, None


def _proper_target(candidates: list[Token]) -> tuple[str | None, Token | None]:
    """A verbal act's target named by a proper noun no entity was found for."""
    for candidate in candidates:
        if candidate.pos_ == "PROPN" and candidate.dep_ in ("dobj", "pobj"):
            words = [t for t in candidate.subtree if not t.is_punct and t.dep_ not in ("relcl", "acl")]
            if words:
                return candidate.doc[words[0].i : words[-1].i + 1].text, candidate
            break
    return None, None


def _clause_location(
    token: Token, placing: bool, resolver: Resolver, taken: tuple[str | None, str | None]
) -> tuple[str | None, Token | None]:
    """A place named by a prepositional phrase of the trigger or its clause, else by the clause."""
    clause = clause_head(token)
    # "fighting over the town" is there; "warned NATO over the build-up in Moldova" is about it
    grammar = load_grammar()
    preps = grammar["place_preps"]
    preps = preps if placing else tuple(p for p in preps if p not in grammar["topic_preps"])
    for _, pobj in pobjs(token, preps) + pobjs(clause, preps):
        name = place_of(pobj, resolver)
        if name is not None and name not in taken:
            return name, pobj
    return clause_place(token, resolver, taken)


def arguments(token: Token, entry: Trigger, resolver: Resolver) -> Found:
    """The actor, target and place of the event ``entry`` triggers at ``token``."""
    verbal = token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux")
    actor_token = _actor_token(token, verbal, resolver)
    victim_token = None
    if entry.undergoer:  # "The mayor died of his injuries": the mayor is the victim, never the attacker
        victim_token, actor_token = actor_token, None
    actor = resolver.entity_of(actor_token) if actor_token is not None else None
    candidates = _target_candidates(token, verbal)
    target = target_token = location = location_token = None
    victim = resolver.entity_of(victim_token) if victim_token is not None else None
    if victim is not None and not resolver.is_place(victim):
        target, target_token = victim, victim_token
    placing = entry.type in (*VIOLENT_TYPES, "MOBILIZE", "RETREAT", "PROTEST", "COERCE")
    for candidate in candidates:
        name = resolver.entity_of(candidate)
        place = place_of(candidate, resolver)
        if place is not None and place != actor and location is None and (placing or target is not None):
            location, location_token = place, candidate
            # "struck Ukrainian positions near Bakhmut": the demonym's country is still the target
            if name is None or name == place or names_place(candidate, name, resolver):
                continue
        if name is None or name in (actor, location):
            continue
        if target is None:
            target, target_token = name, candidate
    stated = (intent(token, entry) if verbal else None) or preparation(token, entry)
    if target is None and verbal and (entry.type in FRAME_TYPES or (stated and stated[0] == "AGREE")):
        target, target_token = _content_target(token, resolver, actor)
    if target is None and entry.type in ("DISAPPROVE", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"):
        target, target_token = _proper_target(candidates)
    if location is None:
        location, location_token = _clause_location(token, placing, resolver, (actor, target))
    kind, cameo = stated if stated else (entry.type, entry.cameo)
    return Found(token, entry, kind, cameo, entry.mode, actor, actor_token, target, target_token, location,
                  location_token)  # fmt: skip


def _agentless_passive(verb: Token) -> bool:
    return dependent(verb, "nsubjpass") is not None and dependent(verb, "agent") is None


def definite(noun: Token) -> bool:
    return any(c.lower_ in load_grammar()["definite"] for c in noun.children)


def implicit_actor(
    token: Token, entry: Trigger, events: list[Event], previous_subjects: list[str | None]
) -> str | None:
    """The actor a text leaves implicit.

    "these strikes" is done by whoever did the strikes before; an agentless passive ("New
    sanctions have been imposed"), an event noun as subject ("The recent attack targeted")
    or an amount of money as subject ("An additional billion went to") is done by the
    subject of the sentence before.
    """
    if token.pos_ == "NOUN" and not any(c.lower_ in ("a", "an") for c in token.children):
        for event in reversed(events):
            if event.actor and event.rule and event.rule.split(":")[0].split("+")[0] == token.lemma_.lower():
                return event.actor
    passive = token.pos_ == "VERB" and _agentless_passive(token)
    # An event noun points back when it is the subject of an agentless passive ("New sanctions
    # have been imposed") or the definite subject of the main clause ("The attack targeted"); a
    # generic one in a subordinate clause does not ("... as expulsions of officers weaken ...").
    subject_noun = token.pos_ == "NOUN" and (
        (token.dep_ == "nsubjpass" and _agentless_passive(token.head))
        or (token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and definite(token))
    )
    if passive or subject_noun or entry.money_subject:
        return next((s for s in reversed(previous_subjects[-2:]) if s is not None), None)
    return None


def evidence_of(doc: Doc, found: Found) -> Evidence:
    """The smallest span holding the trigger and the noun phrases of its arguments."""
    token = found.token
    start = token.left_edge.i if token.pos_ in ("NOUN", "PROPN") else token.i
    end = token.i
    for arg in (found.actor_token, found.target_token, found.location_token):
        if arg is None or arg.sent.start != token.sent.start:
            continue
        start = min(start, arg.left_edge.i if arg.i >= token.i or arg.dep_ != "pobj" else arg.i, arg.i)
        end = max(end, arg.i)
    if token.pos_ == "NOUN":
        end = max(end, max((c.i for c in token.children if c.dep_ == "compound"), default=end))
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    span = doc[start : end + 1]
    return Evidence(span.start_char, span.end_char, span.text)
