"""Events from the dependency parse: trigger lexicon, arguments, figures, dates and stance.

A trigger is a verb or noun whose lemma is in ``lexicons/triggers.yaml``; the entry gives
the PLOVER type, mode, context, CAMEO code and ACLED types. Actor, target and location come
from the trigger's arguments (subject, passive agent, objects, prepositions, possessors and
demonyms), resolved to canonical entities; an event without a stated actor takes the
subject of the sentence before (the "implicit agent" of "New sanctions have been imposed").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.errors import LexiconError
from sitroom.extract.certainty import clause_head, negated, sentence_cues, stance
from sitroom.extract.figures import casualties, money_amounts
from sitroom.extract.time import DateValue, find_date, resolve_date
from sitroom.lexicons import load_lexicon
from sitroom.model import PLOVER_TYPES, Bounds, Event, Evidence
from sitroom.nlp.docents import DocEntities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_TYPES = ("GPE", "LOC", "FAC")
VIOLENT_TYPES = ("ASSAULT", "FIGHT")
MONEY_TYPES = ("AID", "SANCTION", "AGREE", "COOPERATE", "RETREAT")
# An intent to do something cooperative is AGREE, to do something hostile THREATEN (PLOVER).
COOPERATIVE = ("AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT", "SUPPORT", "INVESTIGATE")
HOSTILE = ("ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE")
# Triggers whose complement clause is their content, not a second event: "agreed to share".
FRAME_TYPES = ("AGREE", "THREATEN", "DEMAND", "REQUEST", "REJECT")
MODALS = ("will", "would", "shall", "'ll")
PERSON_PRONOUNS = ("he", "him", "his", "she", "her", "hers")
THING_PRONOUNS = ("it", "its")
GROUP_PRONOUNS = ("they", "them", "their", "theirs")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
# Determiners that point back to something already mentioned ("the attack", "these strikes").
DEFINITE = ("the", "this", "these", "that")
GROUP_NOUNS = ("group", "organisation", "organization", "movement", "company", "militia", "network")
TARGET_PREPS = ("against", "on", "at", "to", "for", "with", "of", "into", "upon")
PLACE_PREPS = ("in", "at", "near", "on", "to", "into", "from", "outside", "inside", "across", "around",
               "toward",
               "towards", "over", "through")  # fmt: skip
VICTIM_RULES = ("kill", "injure")
# Prepositions that give what a statement is about: "warned NATO over the build-up in Belarus".
TOPIC_PREPS = ("over", "about", "regarding", "concerning")
# Trigger lexicons in the order they are tried: the hand-tuned one, then the codebook-wide one.
TRIGGER_LEXICONS = ("triggers.yaml", "codebook.yaml")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma and what an event it triggers is."""

    lemma: str
    pos: tuple[str, ...]
    type: str
    mode: str | None
    context: str | None
    cameo: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    with_: tuple[str, ...]
    not_with: tuple[str, ...]
    rule: str | None  # set for kill/injure entries; others are named by lemma and part of speech
    negated_only: bool
    money_subject: bool
    complement_aux: tuple[str, ...]
    generic: bool
    undergoer: bool  # its subject or possessor is the victim: "Amelina died", "her injuries"


def _entry(raw: dict[str, Any], index: int, lexicon: str = "triggers.yaml") -> Trigger:
    where = f"lexicon {lexicon}, entry {index + 1} ({raw.get('lemma', '?')})"
    if raw.get("type") not in PLOVER_TYPES:
        raise LexiconError(f"{where}: unknown PLOVER type {raw.get('type')!r}")
    if not raw.get("lemma") or not raw.get("pos") or not raw.get("cameo"):
        raise LexiconError(f"{where}: lemma, pos and cameo are required")
    acled = raw.get("acled") or [None, None]
    with_ = tuple(raw.get("with", ()))
    if not all(isinstance(word, str) for word in with_):
        raise LexiconError(f"{where}: every `with` word must be a string (quote on/off/yes/no)")
    pos = tuple(raw["pos"])
    return Trigger(
        lemma=raw["lemma"], pos=pos, type=raw["type"], mode=raw.get("mode"), context=raw.get("context"),
        cameo=str(raw["cameo"]), acled_event_type=acled[0], acled_sub_event_type=acled[1], with_=with_,
        not_with=tuple(raw.get("not_with", ())),
        rule=raw.get("rule"), negated_only=bool(raw.get("negated_only")),
        money_subject=bool(raw.get("money_subject")), complement_aux=tuple(raw.get("complement_aux", ())),
        generic=bool(raw.get("generic")), undergoer=bool(raw.get("undergoer")),
    )  # fmt: skip


def rule_name(entry: Trigger, token: Token) -> str:
    """The name of the rule that fired: "kill:verb", "strike+missile:noun", "offer:verb"."""
    if entry.rule:
        return entry.rule
    part = "verb" if token.pos_ in ("VERB", "AUX") else token.pos_.lower() if token.pos_ == "ADJ" else "noun"
    return f"{entry.lemma}{'+' + entry.with_[0] if entry.with_ else ''}:{part}"


def _victim(entry: Trigger) -> bool:
    """Whether the entry names a death or an injury (its event's subject is the victim, not an actor)."""
    return entry.rule is not None and entry.rule.startswith(VICTIM_RULES)


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, tuple[Trigger, ...]]:
    """Return the trigger lexicon by lemma, entries with ``with`` first; raise LexiconError if bad.

    The entries of triggers.yaml come before those of codebook.yaml for the same lemma.
    """
    by_lemma: dict[str, list[Trigger]] = {}
    for lexicon in TRIGGER_LEXICONS:
        of_lexicon: dict[str, list[Trigger]] = {}
        for index, raw in enumerate(load_lexicon(lexicon)["triggers"]):
            entry = _entry(raw, index, lexicon)
            of_lexicon.setdefault(entry.lemma, []).append(entry)
        for lemma, entries in of_lexicon.items():
            conditional_first = sorted(entries, key=lambda e: not (e.with_ or e.complement_aux))
            by_lemma.setdefault(lemma, []).extend(conditional_first)
    return {lemma: tuple(entries) for lemma, entries in by_lemma.items()}


def _near_lemmas(token: Token) -> set[str]:
    """Lemmas of the children and grandchildren of a trigger ("march on", "declared a state of siege")."""
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in ("relcl", "advcl", "ccomp", "conj", "punct"):
            continue
        lemmas.add(child.lemma_.lower())
        for grandchild in child.children:
            lemmas.add(grandchild.lemma_.lower())
            lemmas.update(g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj")
    if token.i > 0 and token.nbor(-1).dep_ == "compound":
        lemmas.add(token.nbor(-1).lemma_.lower())
    if token.i + 1 < len(token.doc) and token.nbor().pos_ in ("ADP", "PART"):
        lemmas.add(token.nbor().lemma_.lower())  # "a march on Moscow" parsed with "on" on the verb
    return lemmas


class Resolver:
    """Finds the canonical entity a token stands for, following demonyms, relative pronouns,
    personal pronouns and "the group" back through the document."""

    def __init__(self, doc: Doc, ents: DocEntities) -> None:
        self.doc = doc
        self.ents = ents
        self._latest_first = sorted(ents.mentions, key=lambda m: m.token_start, reverse=True)
        self._subjects: list[tuple[int, str]] = []  # (token index, entity) of clause subjects, in order
        for token in doc:
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in (
                *RELATIVE_PRONOUNS,
                *PERSON_PRONOUNS,
                *THING_PRONOUNS,
                *GROUP_PRONOUNS,
            ):
                name = self._named(token)
                if name is not None:
                    self._subjects.append((token.i, name))

    def _country_entity(self, name: str) -> str:
        """Map a demonym entity ("Russian") to the country entity of the document ("Russia")."""
        norp = self.ents.entities[name]
        for entity in self.ents.entities.values():
            if entity.type == "GPE" and norp.country and entity.country == norp.country:
                return entity.name
        stem = name.lower()[:5]
        for entity in self.ents.entities.values():
            if (
                entity.type == "GPE"
                and len(stem) >= 4
                and entity.name.lower().startswith(stem[: max(4, len(stem) - 1)])
            ):
                return entity.name
        return name

    def name_at(self, i: int) -> str | None:
        entity = self.ents.at_token(i)
        if entity is None:
            return None
        return self._country_entity(entity.name) if entity.type == "NORP" else entity.name

    def _named(self, token: Token) -> str | None:
        """The entity of a noun phrase: its head, compounds and modifiers, the rest, possessors last."""
        name = self.name_at(token.i)
        if name is not None:
            return name
        near = [c for c in token.children if c.dep_ in ("compound", "amod", "flat", "nmod", "appos")]
        for child in near:
            for t in child.subtree:
                name = self.name_at(t.i)
                if name is not None:
                    return name
        possessors = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
        clauses = {t.i for c in token.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        rest = [t for t in token.subtree if t.i not in possessors and t.i not in clauses]
        for t in rest:
            name = self.name_at(t.i)
            if name is not None:
                return name
        for i in sorted(possessors):
            name = self.name_at(i)
            if name is not None:
                return name
        return None

    def _last(self, before: int, types: tuple[str, ...], subjects_first: bool) -> str | None:
        if subjects_first:
            for i, name in reversed(self._subjects):
                if i < before and self.ents.entities.get(name) and self.ents.entities[name].type in types:
                    return name
        for mention in self._latest_first:
            if mention.token_start < before and self.ents.entities[mention.entity].type in types:
                return mention.entity
        return None

    def entity_of(self, token: Token) -> str | None:
        """Return the canonical entity ``token`` (the head of a noun phrase or a pronoun) refers to."""
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.entity_of(token.head.head)
        if lower in PERSON_PRONOUNS:
            return self._last(token.i, ("PERSON",), subjects_first=True)
        if lower in THING_PRONOUNS:
            return self._last(token.i, ("ORG", "GPE"), subjects_first=True)
        if lower in GROUP_PRONOUNS:
            return self._last(token.i, ("ORG", "GPE", "NORP"), subjects_first=True)
        name = self._named(token)
        if (
            name is None
            and token.lemma_.lower() in GROUP_NOUNS
            and any(c.lower_ in ("the", "this") for c in token.children)
        ):
            return self._last(token.i, ("ORG",), subjects_first=False)
        return name

    def first_entity(self, tokens: list[Token]) -> str | None:
        """Return the first entity named or referred to (pronouns, "the group") among ``tokens``."""
        for token in tokens:
            name = self.name_at(token.i)
            if name is None and (
                token.lower_ in (*PERSON_PRONOUNS, *THING_PRONOUNS)
                or (token.lemma_.lower() in GROUP_NOUNS and token.pos_ == "NOUN")
            ):
                name = self.entity_of(token)
            if name is not None:
                return name
        return None

    def last_entity_before(self, i: int, exclude: set[str]) -> str | None:
        """Return the last entity mentioned before token ``i`` that is not in ``exclude``."""
        for mention in self._latest_first:
            if mention.token_end <= i and mention.entity not in exclude:
                return mention.entity
        return None

    def is_place(self, name: str | None) -> bool:
        """Whether ``name`` is a place entity (GPE, LOC or FAC) of the document."""
        entity = self.ents.entities.get(name) if name else None
        return entity is not None and entity.type in PLACE_TYPES

    def sentence_subject(self, sent: Span) -> str | None:
        """Return the entity that is the subject of a sentence's main clause, if any; the subject of
        "to be" does nothing ("Kramatorsk has been a frequent target of strikes"), so it is none."""
        if sent.root.lemma_ == "be":
            return None
        for child in sent.root.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return self.entity_of(child)
        return None


def _match(token: Token, ents: DocEntities) -> Trigger | None:
    entries = load_triggers().get(token.lemma_.lower())
    if not entries:
        return None
    # "long-threatened invasion", "Israeli-occupied West Bank": a participle modifier is no event;
    # nor is a word inside a name ("Ceasefire Violations Committee").
    if token.dep_ == "amod" or (token.pos_ == "PROPN" and ents.at_token(token.i) is not None):
        return None
    near = None
    for entry in entries:
        if token.pos_ not in entry.pos and not (token.pos_ == "PROPN" and "NOUN" in entry.pos):
            continue
        if entry.with_:
            near = near if near is not None else _near_lemmas(token)
            if not near.intersection(entry.with_):
                continue
        if entry.not_with:
            near = near if near is not None else _near_lemmas(token)
            if near.intersection(entry.not_with):
                continue
        if entry.negated_only and not negated(token):
            continue
        if entry.money_subject and not _money_subject(token):
            continue
        if entry.complement_aux and not any(
            c.dep_ == "ccomp"
            and any(a.dep_ == "aux" and a.lower_ in entry.complement_aux for a in c.children)
            for c in token.children
        ):
            continue
        return entry
    return None


def _money_subject(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "nsubj":
            words = " ".join(t.text for t in child.subtree)
            return bool(money_amounts(words, "USD"))
    return False


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobjs(token: Token, preps: tuple[str, ...]) -> list[tuple[str, Token]]:
    found: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            found.extend((child.lower_, g) for g in child.children if g.dep_ == "pobj")
    return found


def _town(token: Token) -> bool:
    """Whether a token is part of a gazetteer place with coordinates (a town or city, not a country)."""
    from sitroom.nlp.gazetteer import resolve_place

    return token.ent_type_ in ("GPE", "LOC", "FAC") and resolve_place(token.text, set()) is not None


def _verbal_actor(verb: Token) -> Token | None:
    """The doer of a verb: its subject, the "by" agent of a passive, or the subject it shares."""
    current = verb
    for _ in range(4):
        agent = _child(current, "agent")
        if agent is not None:
            return _child(agent, "pobj")
        subject = _child(current, "nsubj")
        if subject is not None:
            return subject
        if _child(current, "nsubjpass") is not None:
            return None
        if current.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep") or current.head.i == current.i:
            return None
        current = current.head if current.head.pos_ in ("VERB", "AUX") else clause_head(current.head)
    return None


def _town_name(token: Token, resolver: Resolver) -> bool:
    """Whether a token names a place that is not a country: "Kramatorsk" in "the Kramatorsk strike" says
    where it happened, while a country ("a US strike") or a demonym ("a Russian strike") says who did it."""
    from sitroom.nlp.gazetteer import lookup_country

    if _town(token):
        return True
    entity = resolver.ents.at_token(token.i)
    return (
        entity is not None
        and entity.type in PLACE_TYPES
        and not _demonym(token)
        and lookup_country(entity.name) is None
    )


def _lends_subject(verb: Token, noun: Token, resolver: Resolver) -> bool:
    """Whether the subject of ``verb`` did what its object or prepositional noun ``noun`` names.

    "The US carried out a strike", "announced a new aid package": yes. Not when the verb is an
    event of another kind about it ("Zelensky condemned the attack": Zelensky did not attack) nor when
    its subject is a victim ("She died in the strike").
    """
    verb_entry = _match(verb, resolver.ents)
    if verb_entry is None:
        return True
    noun_entry = _match(noun, resolver.ents)
    return not verb_entry.undergoer and (noun_entry is None or noun_entry.type == verb_entry.type)


def _nominal_actor(noun: Token, resolver: Resolver) -> Token | None:
    """The doer of a nominal trigger: "by" phrase, possessor, demonym or proper-noun modifier, or
    the subject of the verb it is the object of ("the US announced a new aid package")."""
    agents = _pobjs(noun, ("by",))
    if agents:
        return agents[0][1]
    following = noun.right_edge.i + 1
    if following < len(noun.doc) and noun.doc[following].lower_ == "by":
        pobj = _child(noun.doc[following], "pobj")
        if pobj is not None:
            return pobj
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            if child.dep_ == "compound" and _town_name(child, resolver):
                continue  # "the Kramatorsk strike" happened there; "a US strike" was done by the US
            return child
    if (
        noun.dep_ in ("dobj", "attr")
        and noun.head.pos_ == "VERB"
        and _lends_subject(noun.head, noun, resolver)
    ):
        return _verbal_actor(noun.head)
    verb = noun.head.head
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "of")
        and verb.pos_ == "VERB"
        and _lends_subject(verb, noun, resolver)
    ):
        return _verbal_actor(verb)  # "wounded two soldiers in a bomb attack"
    return None


@dataclass(slots=True)
class _Found:
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


def _intent(token: Token, entry: Trigger) -> tuple[str, str] | None:
    """PLOVER reads a stated intention as AGREE (cooperative) or THREATEN (hostile)."""
    if entry.type == "AGREE" and negated(token):
        return "REJECT", "12"  # "Jordan says it will not accept new arrivals from the camps."
    modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children)
    # "he is prepared to end the embargo", "Armenia is willing to pull back its troops"
    willing = token.dep_ == "xcomp" and token.head.lemma_ in ("willing", "ready", "prepared", "prepare")
    willing = willing and token.head.pos_ == "ADJ"
    if not (modal or willing) or _victim(entry) or negated(token):
        return None
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in token.children
    )
    if entry.type in HOSTILE or (conditional and entry.type in COOPERATIVE):
        return "THREATEN", "13"
    if entry.type in COOPERATIVE:
        return "AGREE", "03"
    return None


def _absorbed(token: Token, triggers: dict[int, Trigger]) -> bool:
    """Whether a trigger is the content of a framing one ("threatened to ban", "demanded that X cancel")."""
    head_entry = triggers.get(token.head.i)
    if (
        token.pos_ == "NOUN"
        and head_entry is not None
        and token.head.i != token.i
        and (token.dep_ == "compound" or (token.dep_ == "dobj" and head_entry.type == triggers[token.i].type))
    ):
        return True
    current = token
    while current.dep_ in ("xcomp", "ccomp", "conj") and current.head.i != current.i:
        head = current.head
        entry = triggers.get(head.i)
        if entry is not None and entry.type in FRAME_TYPES:
            return True
        current = head
    return False


def _arguments(token: Token, entry: Trigger, resolver: Resolver) -> _Found:
    verbal = token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux")
    actor_token = _verbal_actor(token) if verbal else _nominal_actor(token, resolver)
    if (
        actor_token is not None
        and actor_token.pos_ == "NOUN"
        and actor_token.lemma_.lower() in load_triggers()
    ):
        actor_token = _nominal_actor(actor_token, resolver)  # "Russia's attack on Kyiv killed four": Russia
    victim_token = None
    if entry.undergoer:  # "The mayor died of his injuries": the mayor is the victim, never the attacker
        victim_token, actor_token = actor_token, None
    actor = resolver.entity_of(actor_token) if actor_token is not None else None
    candidates: list[Token] = []
    if verbal:
        passive_subject = _child(token, "nsubjpass")
        if passive_subject is not None:
            candidates.append(passive_subject)
        candidates += [
            c for c in token.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")
        ]
        candidates += [c for c in token.children if c.dep_ == "dobj"]
        candidates += [p for _, p in _pobjs(token, TARGET_PREPS)]
    else:
        candidates += [p for _, p in _pobjs(token, TARGET_PREPS)]
        if token.dep_ == "nsubj" and token.head.pos_ == "VERB":
            candidates += [c for c in token.head.children if c.dep_ == "dobj"]
            candidates += [p for _, p in _pobjs(token.head, TARGET_PREPS)]
        if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
            candidates += [p for _, p in _pobjs(token.head, TARGET_PREPS)]
    target = target_token = location = location_token = None
    victim = resolver.entity_of(victim_token) if victim_token is not None else None
    if victim is not None and not resolver.is_place(victim):
        target, target_token = victim, victim_token
    placing = entry.type in (*VIOLENT_TYPES, "MOBILIZE", "RETREAT", "PROTEST", "COERCE")
    for candidate in candidates:
        name = resolver.entity_of(candidate)
        place = _place_of(candidate, resolver)
        if place is not None and place != actor and location is None and (placing or target is not None):
            location, location_token = place, candidate
            # "struck Ukrainian positions near Bakhmut": the demonym's country is still the target
            if name is None or name == place or _names_place(candidate, name, resolver):
                continue
        if name is None or name in (actor, location):
            continue
        if target is None:
            target, target_token = name, candidate
    if target is None and entry.type in ("DISAPPROVE", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"):
        for candidate in candidates:
            if candidate.pos_ == "PROPN" and candidate.dep_ in ("dobj", "pobj"):
                words = [t for t in candidate.subtree if not t.is_punct and t.dep_ not in ("relcl", "acl")]
                if words:
                    target = candidate.doc[words[0].i : words[-1].i + 1].text
                    target_token = candidate
                break
    if location is None:
        clause = clause_head(token)
        # "fighting over the town" is there; "warned NATO over the build-up in Moldova" is about it
        preps = PLACE_PREPS if placing else tuple(p for p in PLACE_PREPS if p not in TOPIC_PREPS)
        for _, pobj in _pobjs(token, preps) + _pobjs(clause, preps):
            name = _place_of(pobj, resolver)
            if name is not None and name not in (actor, target):
                location, location_token = name, pobj
                break
    if location is None:
        location, location_token = _clause_place(token, resolver, (actor, target))
    intent = _intent(token, entry) if verbal else None
    kind, cameo = intent if intent else (entry.type, entry.cameo)
    return _Found(token, entry, kind, cameo, entry.mode, actor, actor_token, target, target_token, location,
                  location_token)  # fmt: skip


# Prepositions that lead from a noun to the place it is at: "the centre of Kramatorsk", "a restaurant
# in Kramatorsk", "a strike on Kramatorsk".
_PLACE_OF_PREPS = ("of", "in", "near", "at", "outside", "on", "against")


def _place_of(token: Token, resolver: Resolver) -> str | None:
    """The place a noun phrase names: its head, a compound or apposition ("a Kramatorsk restaurant"), or an
    "of"/"in"/"on" phrase ("the eastern Ukrainian city of Kramatorsk"); never a possessor ("Russia's
    strike") or a demonym ("a Russian missile"), which name who acted, not where."""
    queue = [token]
    while queue:
        current = queue.pop(0)
        entity = resolver.ents.at_token(current.i)
        if entity is not None and entity.type in PLACE_TYPES and not _demonym(current):
            return entity.name
        for child in current.children:
            if child.dep_ in ("compound", "appos", "flat", "nmod", "conj") or (
                child.dep_ == "poss" and current.lemma_.lower() not in load_triggers()
            ):
                queue.append(child)  # "Kramatorsk's commercial district", but not "Russia's strike"
            elif child.dep_ == "prep" and child.lower_ in _PLACE_OF_PREPS:
                queue.extend(g for g in child.children if g.dep_ == "pobj")
    return None


def _names_place(candidate: Token, name: str, resolver: Resolver) -> bool:
    """Whether ``name`` is a place mentioned in the candidate's own words (not a demonym's country)."""
    return any(
        (entity := resolver.ents.at_token(t.i)) is not None and entity.name == name for t in candidate.subtree
    )


def _demonym(token: Token) -> bool:
    """Whether a token is a demonym ("Russian", "Ukrainian"): it names a side, not a place."""
    return token.ent_type_ == "NORP" or token.pos_ == "ADJ" or token.dep_ == "amod"


def _acting(token: Token) -> bool:
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


def _clause_place(
    trigger: Token, resolver: Resolver, exclude: tuple[str | None, ...]
) -> tuple[str | None, Token | None]:
    """The first place named in the trigger's clause that is not a demonym, an actor or a speaker.

    A clause reported inside it is another statement, not where the event happened: in "Zelensky
    condemned the attack and said Russia would pay", Russia is not the place of the condemnation; nor
    is the topic of a statement: "Poland warned NATO over the troop build-up in Belarus".
    """
    clause = clause_head(trigger)
    reported = {
        t.i
        for c in clause.subtree
        if (c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "prep" and c.lower_ in TOPIC_PREPS))
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
            or _acting(t)
            or _demonym(t)
        ):
            continue
        return entity.name, t
    return None, None


def _agentless_passive(verb: Token) -> bool:
    return _child(verb, "nsubjpass") is not None and _child(verb, "agent") is None


def _definite(noun: Token) -> bool:
    return any(c.lower_ in DEFINITE for c in noun.children)


def _implicit_actor(
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
        or (token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and _definite(token))
    )
    if passive or subject_noun or entry.money_subject:
        return next((s for s in reversed(previous_subjects[-2:]) if s is not None), None)
    return None


def _evidence(doc: Doc, found: _Found) -> Evidence:
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


def find_events(doc: Doc, ents: DocEntities, published: datetime | None = None) -> list[Event]:
    """Return the events of a parsed document in text order, with figures, dates and stance."""
    resolver = Resolver(doc, ents)
    events: list[Event] = []
    sentence_of: list[int] = []
    currency: str | None = None
    previous_subjects: list[str | None] = []
    sentences = list(doc.sents)
    figures = _sentence_figures(doc, sentences)
    for index, sent in enumerate(sentences):
        triggers = {t.i: entry for t in sent if (entry := _match(t, ents)) is not None}
        cues = sentence_cues(sent)
        killed, injured = figures[index]
        amounts = money_amounts(sent.text, currency)
        if amounts:
            currency = amounts[-1].money.currency
        for i, entry in triggers.items():
            token = doc[i]
            if _absorbed(token, triggers) and not _victim(entry):
                continue
            found = _arguments(token, entry, resolver)
            if found.actor is None and not _victim(entry):
                found.actor = _implicit_actor(token, entry, events, previous_subjects)
            mode, cameo, acled = found.mode, found.cameo, (entry.acled_event_type, entry.acled_sub_event_type)
            if entry.generic and found.type == entry.type:
                earlier = next((e for e in reversed(events) if e.type == entry.type and e.mode), None)
                if earlier is not None and _definite(token):
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
            when = event_date(token, sent, published)
            events.append(
                Event(
                    type=found.type,
                    evidence=_evidence(doc, found),
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
                    killed=killed if found.type in VIOLENT_TYPES else None,
                    injured=injured if found.type in VIOLENT_TYPES else None,
                    money=money,
                    certainty=view.certainty,
                    attributed_to=view.attributed_to,
                    trigger=token.text,
                    rule=rule_name(entry, token),
                    negated=negated(token),
                )
            )
            sentence_of.append(index)
        previous_subjects.append(resolver.sentence_subject(sent))
    events = _shared_places(events, sentence_of, ents)
    events = _follow_up_figures(doc, sentences, events, sentence_of, figures)
    return _undated(doc, events, published)


Figures = tuple[Bounds | None, Bounds | None]


def _headline(doc: Doc, sentences: list[Span]) -> bool:
    """Whether the first sentence is a headline: a first line without end punctuation ("Eight killed in
    Kramatorsk strike") that feeds and web pages put before the body."""
    if len(sentences) < 2:
        return False
    first = sentences[0].text.rstrip()
    return "\n" in doc.text[sentences[0].start_char : sentences[1].start_char] and not first.endswith(
        (".", "!", "?", '"', "”")
    )


def _sentence_figures(doc: Doc, sentences: list[Span]) -> list[Figures]:
    """The (killed, injured) figures each sentence states.

    A headline drops the qualifiers of its body ("toll rises to four" over "has risen to at least
    four"), so when the body states a figure of the same kind, the headline takes the body's first one.
    """
    figures = [casualties(sent.text) for sent in sentences]
    if figures and _headline(doc, sentences):
        body_killed = next((k for k, _ in figures[1:] if k is not None), None)
        body_injured = next((i for _, i in figures[1:] if i is not None), None)
        killed, injured = figures[0]
        figures[0] = (body_killed or killed if killed else None, body_injured or injured if injured else None)
    return figures


def _same_paragraph(doc: Doc, first: Span, second: Span) -> bool:
    return "\n" not in doc.text[first.end_char : second.start_char]


def _follow_up_figures(
    doc: Doc, sentences: list[Span], events: list[Event], sentence_of: list[int], figures: list[Figures]
) -> list[Event]:
    """Give the violent events of a sentence the figures the next sentence adds about the same attack.

    "A missile struck the centre of Kramatorsk, killing at least two people. At least 22 others were
    injured.": the strike also has 22 injured. The next sentence counts for the same attack when it is
    in the same paragraph and names no other place for its own violent events.
    """
    updated = list(events)
    for index in range(1, len(sentences)):
        killed, injured = figures[index]
        if (killed is None and injured is None) or not _same_paragraph(
            doc, sentences[index - 1], sentences[index]
        ):
            continue
        before = [n for n, s in enumerate(sentence_of) if s == index - 1 and events[n].type in VIOLENT_TYPES]
        places = {events[n].location for n in before} - {None}
        own = [e for e, s in zip(events, sentence_of, strict=True) if s == index]
        own_places = {e.location for e in own} - {None}
        own_dates = {e.date for e in own} - {None}
        # "A missile attack in April 2022 killed more than 50": another place or time is another attack
        if not before or not own_places <= places or not own_dates <= {events[n].date for n in before}:
            continue
        for n in before:
            event = updated[n]
            updated[n] = replace(
                event,
                killed=event.killed if event.killed is not None or figures[index - 1][0] else killed,
                injured=event.injured if event.injured is not None or figures[index - 1][1] else injured,
            )
    return updated


def _shared_places(events: list[Event], sentence_of: list[int], ents: DocEntities) -> list[Event]:
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


# Verbs whose time is when something was said, not when it happened: "killed on Tuesday, police said
# on Wednesday" - the killing is Tuesday's.
REPORTING = ("say", "tell", "report", "announce", "confirm", "add", "state", "comment", "claim", "write")


def _date_rank(trigger: Token, date_root: Token) -> int | None:
    """How closely a date belongs to an event: 0 inside its trigger's phrase ("Tuesday's strike"), 1 on
    its clause ("struck on Tuesday"), 2 elsewhere in the sentence, None on a verb of saying."""
    clause = clause_head(trigger)
    current = date_root
    while current.head.i != current.i:
        current = current.head
        if current.i == trigger.i:
            return 0
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            if current.i == clause.i:
                return 1
            return None if current.lemma_.lower() in REPORTING else 2
    return None if current.lemma_.lower() in REPORTING else 2


def event_date(trigger: Token, sent: Span, published: datetime | None) -> DateValue | None:
    """The date of the event ``trigger`` names: a month range of its sentence, else the date nearest to it
    in the parse (its own phrase, its clause, the rest of the sentence), never the date of a saying."""
    ranged = find_date(sent.text, [], published)
    if ranged is not None:
        return ranged
    ranked: list[tuple[int, int, DateValue]] = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        rank = _date_rank(trigger, ent.root)
        value = resolve_date(ent.text, published) if rank is not None else None
        if rank is not None and value is not None:
            ranked.append((rank, ent.start, value))
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _undated(doc: Doc, events: list[Event], published: datetime | None) -> list[Event]:
    """Date events from the publication day (precision "day") when the text names no date at all.

    A report that gives no date speaks of the day it was published; one that names dates may mean any
    of them in an undated sentence, so its undated events stay undated rather than take the wrong day.
    """
    if published is None or any(
        e.label_ == "DATE" and resolve_date(e.text, published) is not None for e in doc.ents
    ):
        return events
    day = published.date().isoformat()
    return [e if e.date else replace(e, date=day, date_precision="day") for e in events]


_AID_MODES = {
    "military": (
        "military",
        "munition",
        "weapon",
        "arm",
        "ammunition",
        "equipment",
        "tank",
        "missile",
        "troop",
    ),
    "humanitarian": ("humanitarian", "food", "medicine", "medical", "refugee", "shelter", "relief"),
    "economic": ("economic", "financial", "loan", "budget", "grant", "credit"),
}


def _aid_mode(sent: Span) -> str | None:
    """The kind of aid a sentence speaks of: "an aid package ... including various munitions" is military."""
    lemmas = {t.lemma_.lower() for t in sent}
    for mode, words in _AID_MODES.items():
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
