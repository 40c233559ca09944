"""Which lexicon entry a token triggers, and how triggers frame one another.

``match_trigger`` tries a token's entries in lexicon order (conditions: ``with``/``not_with``
words near it, the preposition it is the object of, negation, an amount of money as subject, a
complement's auxiliary, and for violent entries the violent sense of the word, see ``senses``);
``intent`` reads a stated intention as AGREE or THREATEN; ``absorbed`` tells a trigger that is
only the content of a framing one ("threatened to ban") from an event of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from sitroom.extract.certainty import negated
from sitroom.extract.events.lexicon import Trigger, load_triggers
from sitroom.extract.events.senses import Sense, sense
from sitroom.extract.figures import VIOLENT_TYPES, money_amounts
from sitroom.lexicons import load_grammar
from sitroom.nlp.docents import DocEntities

if TYPE_CHECKING:
    from spacy.tokens import Token

# Triggers whose complement clause is their content, not a second event: "agreed to share".
FRAME_TYPES = ("AGREE", "THREATEN", "DEMAND", "REQUEST", "REJECT")
# An intent to do something cooperative is AGREE, to do something hostile THREATEN (PLOVER).
COOPERATIVE = ("AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT", "SUPPORT", "INVESTIGATE")
HOSTILE = ("ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE")
# Prepositions from a framing noun to its content: "an offer of amnesty", "a call for talks".
_CONTENT_PREPS = ("of", "for")
# Prepositions from a noun of possibility to what may happen: "the possibility of talks".
_TOPIC_PREPS = ("of", "about")


def _lemmas(token: Token) -> tuple[str, ...]:
    """A token's lemma; a capitalised plural that the tagger read as a name ("Rockets slammed into")
    also gives its singular."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and token.is_sent_start and lemma.endswith("s") and len(lemma) > 3:
        return lemma, lemma[:-1]
    return (lemma,)


def _near_lemmas(token: Token) -> set[str]:
    """Lemmas of the children and grandchildren of a trigger ("march on", "declared a state of siege")."""
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in ("relcl", "advcl", "ccomp", "conj", "punct") or _dates(child):
            continue
        lemmas.update(_lemmas(child))
        for grandchild in child.children:
            lemmas.add(grandchild.lemma_.lower())
            lemmas.update(g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj")
    if token.i > 0 and token.nbor(-1).dep_ == "compound":
        lemmas.add(token.nbor(-1).lemma_.lower())
    if token.i + 1 < len(token.doc) and token.nbor().pos_ in ("ADP", "PART"):
        lemmas.add(token.nbor().lemma_.lower())  # "a march on Moscow" parsed with "on" on the verb
    return lemmas


def _is_date_word(token: Token) -> bool:
    """A month name used as a date: "talks resume in March", "on 3 May" (not "a march on the capital")."""
    if token.lower_ not in load_grammar()["months"] or not token.text[:1].isupper():
        return False
    if token.ent_type_ in ("DATE", "TIME") or not token.is_sent_start:
        return True
    return token.i + 1 < len(token.doc) and token.nbor().like_num


def _object_of(token: Token, preps: tuple[str, ...]) -> bool:
    """Whether a noun is the object of one of ``preps``: "went on strike"."""
    return token.dep_ == "pobj" and token.head.lower_ in preps


def _fires(entry: Trigger, token: Token, near: Callable[[], set[str]], meaning: Callable[[], Sense]) -> bool:
    """Whether one lexicon entry's conditions hold for a token (its part of speech already checked)."""
    if entry.with_ and not near().intersection(entry.with_):
        return False
    if entry.not_with and near().intersection(entry.not_with):
        return False
    if entry.after_prep and not _object_of(token, entry.after_prep):
        return False
    if entry.weapon_subject and not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in load_grammar()["weapon_nouns"]
        for c in token.children
    ):
        return False
    if entry.modifiers and not any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in entry.modifiers for c in token.children
    ):
        return False
    if entry.negated_only and not negated(token):
        return False
    if entry.money_subject and not _money_subject(token):
        return False
    if entry.complement_aux and not any(
        c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in entry.complement_aux for a in c.children)
        for c in token.children
    ):
        return False
    if entry.figurative:
        return meaning() == "figurative"
    return entry.type not in VIOLENT_TYPES or meaning() == "violent"


def _describes_kind(token: Token) -> bool:
    """A trigger noun that only says what kind of thing the noun after it is: "riot police",
    "attack helicopters", "a bomb shelter" (not "a missile strike": there the trigger is the head;
    nor "an aid package", whose head is a trigger word itself; nor "the death toll", whose head
    still speaks of the happening: ``happening_heads``)."""
    head = token.head
    return (
        token.dep_ == "compound"
        and token.pos_ in ("NOUN", "PROPN")
        and head.i > token.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.lemma_.lower() not in load_triggers()
        and head.lemma_.lower() not in load_grammar()["happening_heads"]
    )


def _dates(child: Token) -> bool:
    """A preposition that only gives a time: "fired his minister on Monday" fires on nothing."""
    objects = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def match_trigger(token: Token, ents: DocEntities) -> Trigger | None:
    """The first lexicon entry of a token's lemma whose conditions hold, or None.

    A violent entry fires only in the violent sense of its word (``senses``): not "struck a deal",
    "a storm struck", "a heart attack"; a month name used as a date is no trigger ("in March").
    """
    entries = load_triggers().get(token.lemma_.lower())
    if not entries or _is_date_word(token):
        return None
    # "long-threatened invasion", "Israeli-occupied West Bank": a participle modifier is no event;
    # nor is a word inside a name ("Ceasefire Violations Committee").
    if token.dep_ == "amod" or (token.pos_ == "PROPN" and ents.at_token(token.i) is not None):
        return None
    if _describes_kind(token):
        return None
    near = cache(lambda: _near_lemmas(token))
    meaning = cache(lambda: sense(token))
    for entry in entries:
        if token.pos_ not in entry.pos and not (token.pos_ == "PROPN" and "NOUN" in entry.pos):
            continue
        if entry.instrument and not _tells_the_act(token, ents):
            continue
        if _fires(entry, token, near, meaning):
            return entry
    return None


def _tells_the_act(token: Token, ents: DocEntities) -> bool:
    """Whether a weapon or attacker noun is itself the mention of an attack: the subject of a verb
    that is no trigger ("a car bomb went off", "a suicide bomber approached the gate") or a headline
    without a verb. Not when a verb trigger tells the act ("a bomb exploded", "a bomber killed 12"),
    nor as an object or cause ("police defused a bomb", "killed by a roadside bomb"), nor before a
    verb that goes on to a verb trigger ("the shells began to explode")."""
    if token.dep_ == "ROOT":
        return True
    if token.dep_ != "nsubj" or token.head.pos_ not in ("VERB", "AUX"):
        return False
    # "the bombs began to explode": the act is told by the verb the subject's verb goes on to
    verbs = [token.head, *(c for c in token.head.children if c.dep_ == "xcomp")]
    told = [match_trigger(verb, ents) for verb in verbs]
    # "a car bomb went off": a verb that is an attack only with a weapon as subject is one act with it
    return all(entry is None or entry.weapon_subject for entry in told)


def _money_subject(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "nsubj":
            words = " ".join(t.text for t in child.subtree)
            return bool(money_amounts(words, "USD"))
    return False


def intent(token: Token, entry: Trigger) -> tuple[str, str] | None:
    """PLOVER reads a stated intention as AGREE (cooperative) or THREATEN (hostile)."""
    if entry.type == "AGREE" and negated(token):
        return "REJECT", "12"  # "Jordan says it will not accept new arrivals from the camps."
    # "will strike", and through the verb it completes: "would not hesitate to use nuclear weapons"
    verbs = [token, token.head] if token.dep_ == "xcomp" and token.head.pos_ == "VERB" else [token]
    modals = set(load_grammar()["modals"])
    modal = any(c.dep_ == "aux" and c.lower_ in modals for v in verbs for c in v.children)
    # "he is prepared to end the embargo", "Armenia is willing to pull back its troops"
    willing = token.dep_ == "xcomp" and token.head.lemma_ in load_grammar()["willing"]
    willing = willing and token.head.pos_ == "ADJ"
    if not (modal or willing) or entry.victim is not None or negated(token):
        return None
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in token.children
    )
    if entry.type in HOSTILE or (conditional and entry.type in COOPERATIVE):
        return "THREATEN", "13"
    if entry.type in COOPERATIVE:
        return "AGREE", "03"
    return None


def preparation(token: Token, entry: Trigger) -> tuple[str, str] | None:
    """An attack that a force is getting ready for is a mobilisation (PLOVER MOBILIZE, CAMEO 15):
    "the army prepared to resume shelling", "troops were gearing up for an assault on the port".
    (A stated readiness, "is prepared to strike", is a threat: see ``intent``.)"""
    if entry.type not in VIOLENT_TYPES or entry.victim is not None or negated(token):
        return None
    current = token
    for _ in range(4):
        if current.dep_ not in ("xcomp", "dobj", "pcomp", "pobj", "prep") or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "VERB" and current.lemma_.lower() in load_grammar()["preparing"]:
            return None if negated(current) else ("MOBILIZE", "15")
    return None


def absorbed(token: Token, triggers: dict[int, Trigger]) -> bool:
    """Whether a trigger is the content of a framing one ("threatened to ban", "demanded that X cancel",
    "rejected an offer to host talks", "refused an offer of amnesty")."""
    head, dep = token.head, token.dep_
    head_entry = triggers.get(head.i)
    if (
        token.pos_ == "NOUN"
        and head_entry is not None
        and head.i != token.i
        and _object_content(dep, triggers[token.i], head_entry)
    ):
        return True
    current = token
    while current.head.i != current.i:
        dep, head = current.dep_, current.head
        if dep == "pobj" and head.lower_ in _CONTENT_PREPS and head.head.pos_ == "NOUN":
            # "an offer of amnesty", "a demand for talks"; not "claimed responsibility for the bombings"
            entry = triggers.get(head.head.i)
            return entry is not None and entry.type in FRAME_TYPES
        framed = dep in ("xcomp", "ccomp", "conj") or (dep == "acl" and head.pos_ == "NOUN")
        # "turned down a proposal to hold talks": what is framed, reached through "hold" and "proposal"
        both_triggers = current.i in triggers and head.i in triggers
        framed = framed or (dep in ("dobj", "nsubjpass") and not both_triggers)
        if not framed:
            return False
        entry = triggers.get(head.i)
        if entry is not None and entry.type in FRAME_TYPES:
            return not denied_deed(token, head, triggers[token.i])
        current = head
    return False


def denied_deed(token: Token, frame: Token, content: Trigger) -> bool:
    """Whether a framed trigger is a violent deed its frame denies, told as a verb ("Moscow denied
    striking the mall", "denied that its troops had shelled"): the deed stays an event, told as
    denied. A noun stays the frame's content: "denied any role in the blast" denies the role."""
    return (
        token.pos_ == "VERB"
        and content.type in VIOLENT_TYPES
        and frame.lemma_.lower() in load_grammar()["denial_verbs"]
    )


def _object_content(dep: str, entry: Trigger, head_entry: Trigger) -> bool:
    """Whether a noun trigger in relation ``dep`` to its head trigger is only what the head is about:
    "a ceasefire agreement", "accepted the deal" (one type), "rejected the offer" (what is rejected),
    "turned down the demand"."""
    if dep == "compound":
        return True
    if dep not in ("dobj", "nsubjpass"):
        return False
    if head_entry.type == entry.type:
        return True  # "accepted the deal", "new sanctions were imposed"
    return head_entry.type == "REJECT" or (head_entry.type in FRAME_TYPES and entry.type in FRAME_TYPES)


def hypothetical(token: Token) -> bool:
    """Whether a trigger only names what may happen: "the possibility of killing him", "speculation
    about the involvement and support of officers", "fears of a new offensive" (``hypothetical_nouns``),
    "rebels could attack the capital", "drones might be used", "might hold talks"
    (``possibility_modals``; not "may have hit": that is a happening told with doubt)."""
    verb = token.head if token.dep_ == "dobj" else token  # "might hold talks": the light verb's modal
    for _ in range(3):  # "might be planning to shell the airport": the modal of the verb it completes
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & set(load_grammar()["possibility_modals"]) and not auxiliaries & {"have", "'ve"}:
            return True
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
    current = token
    for _ in range(4):
        if current.dep_ == "conj" and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ not in ("pobj", "pcomp") or current.head.lower_ not in _TOPIC_PREPS:
            return False
        noun = current.head.head
        return noun.pos_ == "NOUN" and noun.lemma_.lower() in load_grammar()["hypothetical_nouns"]
    return False


def unrealised(token: Token, entry: Trigger) -> bool:
    """Whether a violent noun names no attack that happened: one prevented, feared or expected
    ("to prevent an attack", "foiled a bombing", "officials fear strikes", "warned of attacks") or
    attacks in general ("attacks like this", "any attack on a member", "such strikes")
    (``unrealised_verbs``, ``generic_determiners``)."""
    if entry.type not in VIOLENT_TYPES or entry.victim is not None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    grammar = load_grammar()
    if any(
        c.lower_ in grammar["generic_determiners"] and c.dep_ in ("det", "amod", "predet")
        for c in token.children
    ):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "like" for c in token.children):
        return True
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head  # "to deter raids and attacks"
    head = current.head
    if current.dep_ == "pobj" and head.lower_ in ("of", "about", "against") and head.head.i != head.i:
        head = head.head  # "warned of attacks", "guard against attacks"
    elif current.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.pos_ in ("VERB", "AUX", "ADJ") and head.lemma_.lower() in grammar["unrealised_verbs"]
