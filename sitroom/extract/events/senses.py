"""Whether a violent trigger is used in its violent sense, or in one of the others English gives it.

"Rebels struck the base" is an attack; "the carmakers struck a deal", "a storm struck the coast",
"a heart attack", "prices shot up" and "the film bombed at the box office" are not; "attacked the
budget plan" and "a scathing attack on the minister" are criticism. The word lists are data
(``lexicons/grammar.yaml``): ``nonviolent_objects``, ``criticised_objects``,
``nonviolent_subjects``, ``natural_forces``, ``container_nouns``, ``nonviolent_modifiers`` and
``verbal_modifiers``; a death's cause (``natural_death``) reads ``cause_preps``, ``natural_causes``
and ``natural_forces``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sitroom.lexicons import load_grammar

if TYPE_CHECKING:
    from spacy.tokens import Token

Sense = Literal["violent", "figurative", "other"]
# Prepositions whose object says what a violent verb reaches: "shot to fame", "bombed at the box office".
_REACH_PREPS = ("to", "into", "at", "on", "against", "upon")


def _words(token: Token) -> set[str]:
    """A noun's lemma, and with its compound modifiers before it ("box office")."""
    lemma = token.lemma_.lower()
    words = {lemma, token.lower_}
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ == "compound" and c.i < token.i]
    if compounds:
        words.add(" ".join([*compounds, lemma]))
    return words


def _reached(token: Token) -> list[Token]:
    """What a violent trigger acts on: its direct object, passive subject, and the objects of
    "to/into/at/on" ("shot to fame", "an attack on the plan")."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "attr" and token.pos_ != "NOUN"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in _REACH_PREPS:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _doers(token: Token) -> list[Token]:
    """Who or what does a violent verb: its subject or "by" agent; through a counting noun to what it
    counts ("a wave of selling hit markets" is done by selling)."""
    doers: list[Token] = []
    current = token
    for _ in range(3):  # "prices continued to shoot up": the subject of the verb it completes
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                doers.append(child)
            elif child.dep_ == "agent":
                doers.extend(g for g in child.children if g.dep_ == "pobj")
        if doers or current.dep_ not in ("xcomp", "conj") or current.head.i == current.i:
            break
        current = current.head
    counted: list[Token] = []
    containers = load_grammar()["container_nouns"]
    for doer in doers:
        of = [
            g
            for c in doer.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        counted.extend(of if doer.lemma_.lower() in containers and of else [doer])
    return counted


def _doer_words(doer: Token) -> set[str]:
    words = _words(doer)
    if doer.pos_ == "PROPN":  # "Hurricane Ida", "Storm Eunice": the kind is the first word
        words.update(c.lemma_.lower() for c in doer.children if c.dep_ == "compound")
    return words


def sense(token: Token) -> Sense:
    """The sense a violent trigger has in its sentence: "violent", "figurative" (criticism: "attacked
    the plan", "a scathing attack") or "other" ("struck a deal", "a storm struck", "a heart attack")."""
    grammar = load_grammar()
    objects = grammar.maps["nonviolent_objects"]
    own = {*objects.get("any", ()), *objects.get(token.lemma_.lower(), ())}
    general = set(objects.get("any", ()))
    for reached in _reached(token):
        words = _words(reached)
        if words & set(grammar["criticised_objects"]):
            return "figurative"
        direct = reached.dep_ in ("dobj", "nsubjpass")
        if words & (own if direct else general):
            return "other"
    if token.pos_ == "NOUN":
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "poss")}
        if modifiers & set(grammar["verbal_modifiers"]):
            return "figurative"
        if modifiers & {
            *grammar["nonviolent_modifiers"],
            *grammar["nonviolent_subjects"],
            *grammar["natural_forces"],
        }:
            return "other"
        return "violent"
    subjects = {*grammar["nonviolent_subjects"], *grammar["natural_forces"], *grammar["natural_causes"]}
    if any(_doer_words(doer) & subjects for doer in _doers(token)):
        return "other"
    return "violent"


def cause_phrases(token: Token) -> list[Token]:
    """The phrases that give a death's or an injury's cause (prepositions of ``cause_preps``): "died
    of cholera", "killed in a mine collapse", "hurt after a fall", "deaths caused by the disease",
    "mauled to death by a bear"."""
    grammar = load_grammar()
    heads = [token]
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in grammar["causing_verbs"]:
        heads.append(token.head)  # "the deaths were caused by the disease", "resulted from an accident"
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.pos_ == "VERB":
        heads.append(token.head.head)  # "mauled to death by a bear"
    preps = set(grammar["cause_preps"])
    return [c for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in preps]


def natural_death(token: Token) -> bool:
    """Whether a death or an injury has a cause that is no violence: "died of cholera", "killed in a mine
    collapse", "injured in a car crash", "deaths caused by the disease", "floods killed 30" (a cause
    or a doer of ``natural_causes`` and ``natural_forces``, or a violent noun in its other
    sense). The caller keeps the toll of an attack told in the same sentence."""
    grammar = load_grammar()
    causes = {*grammar["natural_causes"], *grammar["natural_forces"]}
    for phrase in cause_phrases(token):
        # the cause's own noun, or the doer inside it: "after being attacked by a shark"
        nouns = [g for g in phrase.subtree if g.dep_ == "pobj"]
        if any(_words(g) & causes for g in nouns):
            return True
        if any(g.dep_ == "pobj" and g.pos_ == "NOUN" and sense(g) == "other" for g in phrase.children):
            return True  # "died in a methane blast": a violent noun in its other sense
    # what kills: "cholera has killed 200", "a bridge collapse killed 40", "a mudslide ..., killing 15"
    verb = token.head if token.dep_ == "advcl" and token.tag_ == "VBG" else token
    doers = [*_doers(token), *_doers(verb), *([verb.head] if verb.dep_ == "acl" else [])]
    if any(_doer_words(d) & causes or (d.pos_ == "NOUN" and sense(d) == "other") for d in doers):
        return True
    # how: "died when a scaffold collapsed", "a bus plunged off a cliff, killing 31"
    clauses = [c for c in token.children if c.dep_ == "advcl"] + ([verb] if verb is not token else [])
    return any(_accident(clause) for clause in clauses)


def _accident(verb: Token) -> bool:
    """Whether a clause tells an accident (``accident_verbs``) with no weapon in it: "the roof
    collapsed", "their boat capsized" (not "a drone crashed into the block", "their truck overturned
    after hitting a mine")."""
    grammar = load_grammar()
    if verb.lemma_.lower() not in grammar["accident_verbs"]:
        return False
    weapons = set(grammar["weapon_nouns"])
    return not any(_words(t) & weapons for t in verb.subtree if t.pos_ in ("NOUN", "PROPN"))
