"""Which lexicon entry a token triggers, and how triggers frame one another.

``match_trigger`` tries a token's entries in lexicon order (conditions: ``with``/``not_with``
words near it, negation, an amount of money as subject, a complement's auxiliary);
``intent`` reads a stated intention as AGREE or THREATEN; ``absorbed`` tells a trigger that is
only the content of a framing one ("threatened to ban") from an event of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.extract.certainty import negated
from sitroom.extract.events.lexicon import Trigger, load_triggers
from sitroom.extract.figures import money_amounts
from sitroom.lexicons import load_grammar
from sitroom.nlp.docents import DocEntities

if TYPE_CHECKING:
    from spacy.tokens import Token

# Triggers whose complement clause is their content, not a second event: "agreed to share".
FRAME_TYPES = ("AGREE", "THREATEN", "DEMAND", "REQUEST", "REJECT")
# An intent to do something cooperative is AGREE, to do something hostile THREATEN (PLOVER).
COOPERATIVE = ("AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT", "SUPPORT", "INVESTIGATE")
HOSTILE = ("ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE")


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
        if child.dep_ in ("relcl", "advcl", "ccomp", "conj", "punct"):
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


def match_trigger(token: Token, ents: DocEntities) -> Trigger | None:
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


def intent(token: Token, entry: Trigger) -> tuple[str, str] | None:
    """PLOVER reads a stated intention as AGREE (cooperative) or THREATEN (hostile)."""
    if entry.type == "AGREE" and negated(token):
        return "REJECT", "12"  # "Jordan says it will not accept new arrivals from the camps."
    modal = any(c.dep_ == "aux" and c.lower_ in load_grammar()["modals"] for c in token.children)
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


def absorbed(token: Token, triggers: dict[int, Trigger]) -> bool:
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
