"""Code events the way PETRARCH does, from actor, agent and verb dictionaries.

Each verb of a sentence that the verb dictionary knows gets the code of its longest matching
pattern. Its source is the dictionary actor of its subject (the "by" phrase of a passive, the
subject of the verb it is joined to or the noun a relative clause describes); its target is the
actor of its object, indirect object or a prepositional phrase of the verb. "Gondor and Rohan"
are two sources, so two events. A paired code ``[031:032]`` also codes the reverse event
(target to source, the second code). An event sitroom's own lexicon found on that verb, or on
its object noun ("launched an offensive"), takes the dictionary's code; a verb sitroom missed
becomes a new event when both its source and target are dictionary actors.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sitroom.extract.actors import ActorCoder, Mention, find_mentions
from sitroom.model import Event, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitroom.extract.verbs import Match, VerbDictionary

# The PLOVER type of a new event, by the root of its code: CAMEO's roots, and for 21 and 22 the
# WEIS roots (seize, force) that older dictionaries such as the PETRARCH sample still use.
ROOT_TYPES = {
    "01": "CONCEDE", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
    "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "INVESTIGATE", "10": "DEMAND",
    "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "ASSAULT",
    "21": "COERCE", "22": "ASSAULT",
}  # fmt: skip
SUBJECTS = ("nsubj", "csubj")
GRAMMATICAL = (*SUBJECTS, "nsubjpass")
OBJECTS = ("dative", "dobj", "attr", "oprd")
# Children that start a clause of their own: their actors are not this verb's.
CLAUSES = ("conj", "cc", "relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "punct")
RELATIVE = ("who", "which", "that", "whom")
JOINED = ("conj", "xcomp")  # a verb with no subject of its own takes its head's
ARGUMENTS = (*SUBJECTS, "nsubjpass", "agent", "prep", "prt", *OBJECTS)


def _mentions(doc: Doc, sent: Span, coder: ActorCoder, day: date | None) -> dict[int, Mention]:
    """Map each token of the sentence inside a dictionary mention to that mention."""
    at: dict[int, Mention] = {}
    for found in find_mentions(coder, sent.text, on=day):
        mention = Mention(found.start + sent.start_char, found.end + sent.start_char, found.code)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for token in span if span is not None else ():
            at[token.i] = mention
    return at


def _own(token: Token) -> list[Token]:
    """The token and its dependents, not entering conjuncts and clauses of their own."""
    tokens = [token]
    for child in token.children:
        if child.dep_ not in CLAUSES:
            tokens.extend(_own(child))
    return tokens


def _actors(token: Token, at: dict[int, Mention]) -> list[Mention]:
    """The dictionary actors a phrase names: its head's mention, else the first one in it; and so for
    each conjunct ("Gondor and Rohan")."""
    found: list[Mention] = []
    for head in (token, *token.conjuncts):
        mention = at.get(head.i) or next(
            (at[t.i] for t in sorted(_own(head), key=lambda t: t.i) if t.i in at), None
        )
        if mention is not None and mention not in found:
            found.append(mention)
    return found


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The token of the verb's doer and whether it is a passive's "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None), True
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None and verb.dep_ == "acl":  # "soldiers attacking the town": the noun is the doer
        return (None, True) if verb.tag_ == "VBN" else (verb.head, False)
    if subject is not None and subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head, False
    if subject is None and _joined(verb) and verb.head.pos_ in ("VERB", "AUX"):
        # "urged Mordor to withdraw": the object of the verb it completes does it
        done_by = (
            [c for c in verb.head.children if c.dep_ in ("dobj", "dative")] if verb.dep_ == "xcomp" else []
        )
        # else the grammatical subject of the verb it is joined to, passive or not
        grammatical = next((c for c in verb.head.children if c.dep_ in GRAMMATICAL), None)
        if done_by:
            return done_by[0], False
        return (grammatical, False) if grammatical is not None else _subject(verb.head)
    if subject is None and verb.dep_ == "relcl":
        return verb.head, False
    return subject, False


def _joined(verb: Token) -> bool:
    """True for a verb joined to another ("and captured") or completing it ("to attack"), and
    for an infinitive of purpose ("travelled to Rohan to meet ...")."""
    purpose = (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )
    return verb.dep_ in JOINED or purpose


def _objects(verb: Token, passive: bool) -> list[Token]:
    """The tokens that may name the target, in order of preference."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the town, captured by ...": the noun suffered it
        return [verb.head]
    if passive or any(c.dep_ == "nsubjpass" for c in verb.children):
        passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not passive_subject and verb.dep_ in JOINED:
            passive_subject = [c for c in verb.head.children if c.dep_ in GRAMMATICAL]
        return passive_subject
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    if not objects:  # "attacked and captured the town": the object of the verb joined to it
        joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        objects = [o for c in joined for o in c.children if o.dep_ in OBJECTS]
    objects.sort(key=lambda c: OBJECTS.index(c.dep_))
    for child in verb.children:
        if child.dep_ == "prep":
            objects += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "prt":
            objects += [c for p in child.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pobj"]
    return objects


def _neighbours(verb: Token, at: dict[int, Mention]) -> tuple[list[Mention], list[Mention]]:
    """The nearest actors before and after a verb the parse gave no arguments ("Ostravia snubbed
    Kessin" read as an adjective of "Kessin")."""
    before = [i for i in at if i < verb.i]
    after = [i for i in at if i > verb.i and at[i] != (at[max(before)] if before else None)]
    return ([at[max(before)]] if before else []), ([at[min(after)]] if after else [])


def roles(verb: Token, at: dict[int, Mention]) -> tuple[list[Mention], list[Mention]]:
    """The dictionary actors that are the verb's sources and targets."""
    if not (_joined(verb) or verb.dep_ in ("relcl", "acl")) and not any(
        c.dep_ in ARGUMENTS for c in verb.children
    ):
        return _neighbours(verb, at)
    subject, by_phrase = _subject(verb)
    sources = _actors(subject, at) if subject is not None else []
    targets: list[Mention] = []
    for token in _objects(verb, by_phrase):
        targets = [m for m in _actors(token, at) if m not in sources]
        if targets:
            break
    return sources, targets


def _match(verbs: VerbDictionary, verb: Token, compound: bool) -> Match | None:
    words = [t.text for t in verb.sent]
    position = verb.i - verb.sent.start
    lemmas = [t.lemma_ if t.i == verb.i else t.text for t in verb.sent]
    return verbs.match(words, position, compound) or verbs.match(lemmas, position, compound)


def _placed(sent: Span, window: tuple[int, int, bool] | None, at: dict[int, Mention]) -> list[Mention]:
    """The actor a pattern's mark points at: the mention nearest the verb side of its window."""
    if window is None:
        return []
    start, end, nearest_end = window
    tokens = (
        range(sent.start + end - 1, sent.start + start - 1, -1)
        if nearest_end
        else range(sent.start + start, sent.start + end)
    )
    return next(([at[i]] for i in tokens if i in at), [])


def _dictionary_roles(
    verb: Token, verbs: VerbDictionary, at: dict[int, Mention]
) -> tuple[Match, list[tuple[Mention | None, Mention | None]]] | None:
    """The verb's code and its (source, target) pairs: from the syntax, unless the pattern places
    them; the members of a compound act on each other when the pattern asks for one ("%")."""
    sources, targets = roles(verb, at)
    found = _match(verbs, verb, compound=len(sources) > 1 or len(targets) > 1)
    if found is None:
        return None
    sources = _placed(verb.sent, found.source, at) or sources
    targets = [m for m in _placed(verb.sent, found.target, at) or targets if m not in sources]
    if found.compound and len(sources) > 1 and not targets:
        return found, [(s, t) for s in sources for t in sources if s != t]
    some_sources: list[Mention | None] = [*sources] or [None]
    some_targets: list[Mention | None] = [*targets] or [None]
    return found, [(s, t) for s in some_sources for t in some_targets]


def _trigger(event: Event, doc: Doc) -> Token | None:
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return next((t for t in span if t.text == event.trigger), None) if span is not None else None


def _coded(event: Event, code: str, pairs: list[tuple[Mention | None, Mention | None]]) -> list[Event]:
    """The event coded for each source and target pair, and the reverse of a paired code."""
    forward, _, backward = code.partition(":")
    coded: list[Event] = []
    for source, target in pairs:
        actor_code = source.code if source else event.actor_code
        target_code = target.code if target else event.target_code
        if any((e.actor_code, e.target_code) == (actor_code, target_code) for e in coded):
            continue
        coded.append(replace(event, cameo=forward, actor_code=actor_code, target_code=target_code))
        if backward and source and target and (target, source) not in pairs:
            coded.append(replace(event, cameo=backward, actor_code=target.code, target_code=source.code))
    return coded


def _new_event(verb: Token, code: str) -> Event:
    sent = verb.sent
    return Event(
        type=ROOT_TYPES.get(code[:2], "CONSULT"),
        evidence=Evidence(sent.start_char, sent.end_char, sent.text),
        cameo=code,
        trigger=verb.text,
        rule=f"verbs:{verb.lemma_}",
    )


def _phrase(doc: Doc, mention: Mention) -> str:
    return doc.text[mention.start : mention.end]


def code_events(
    events: list[Event], doc: Doc, coder: ActorCoder | None, verbs: VerbDictionary | None, day: date | None
) -> list[Event]:
    """Return ``events`` coded from the dictionaries, with the events of dictionary verbs sitroom
    missed (see the module docstring)."""
    by_token: dict[int, list[Event]] = {}
    rest: list[Event] = []
    for event in events:
        token = _trigger(event, doc)
        if token is None:
            rest.append(event)
        else:
            by_token.setdefault(token.i, []).append(event)
    coded: list[Event] = []
    for sent in doc.sents:
        at = _mentions(doc, sent, coder, day) if coder is not None else {}
        for verb in sent:
            is_verb = verb.pos_ in ("VERB", "AUX")
            coding = _dictionary_roles(verb, verbs, at) if verbs and is_verb else None
            found = by_token.pop(verb.i, [])
            if coding is None and verbs and is_verb and (verbs.knows(verb.text) or verbs.knows(verb.lemma_)):
                coded += [replace(e, actor_code=None, target_code=None) for e in found]  # coded "---"
                continue
            if coding is None:
                coded += [_with_roles(e, verb, at) for e in found] if verb.pos_ == "VERB" else found
                continue
            match, pairs = coding
            nouns = [c for c in verb.children if c.dep_ == "dobj" and c.i - sent.start in match.words]
            found += [
                replace(e, actor_code=None, target_code=None) for c in nouns for e in by_token.pop(c.i, [])
            ]
            source, target = pairs[0]
            if not found and source and target:
                new = _new_event(verb, match.code)
                found = [replace(new, actor=_phrase(doc, source), target=_phrase(doc, target))]
            for event in found:
                coded += _coded(event, match.code, pairs)
    coded += [e for group in by_token.values() for e in group] + rest
    return sorted(coded, key=lambda e: e.evidence.start)


def _with_roles(event: Event, verb: Token, at: dict[int, Mention]) -> Event:
    """A sitroom event on a verb the dictionary lacks: codes of its subject's and object's actors."""
    sources, targets = roles(verb, at)
    if not (sources or targets):
        return event
    return replace(
        event,
        actor_code=sources[0].code if sources else event.actor_code,
        target_code=targets[0].code if targets else event.target_code,
    )
