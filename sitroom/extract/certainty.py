"""Attribution and certainty of clauses, and the claims of a document.

Certainty follows FactBank: who is the source of a statement and do they assert, report,
believe, speculate, doubt or deny it. Cues come from ``lexicons/hedges.yaml``; a named
source ("according to X", "X said that", "X's correspondent") is the ``attributed_to`` of
every clause it governs. A clause with a cue or a source becomes a ``Claim``; plain,
unattributed statements are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from sitroom.errors import LexiconError
from sitroom.lexicons import load_lexicon
from sitroom.model import CERTAINTIES, Claim, Event, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class EntityResolver(Protocol):
    """Finds the canonical entity a token or a stretch of tokens stands for (see events.Resolver)."""

    def entity_of(self, token: Token) -> str | None: ...

    def first_entity(self, tokens: list[Token]) -> str | None: ...

    def last_entity_before(self, i: int, exclude: set[str]) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Hedges:
    """The certainty cues, as compiled patterns, and the speech verbs."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]
    precedence: tuple[str, ...]
    speech_verbs: frozenset[str]


@dataclass(frozen=True, slots=True)
class Stance:
    """How a clause is put: its certainty, its source, and whether it is negative."""

    certainty: str
    attributed_to: str | None
    polarity: str = "positive"


@lru_cache(maxsize=1)
def load_hedges() -> Hedges:
    """Return the cues of ``hedges.yaml``; raise LexiconError when a certainty is unknown."""
    data = load_lexicon("hedges.yaml")
    patterns: list[tuple[re.Pattern[str], str]] = []
    for certainty, phrases in data["cues"].items():
        if certainty not in CERTAINTIES:
            raise LexiconError(f"lexicon hedges.yaml: unknown certainty {certainty!r}")
        for phrase in phrases:
            patterns.append((re.compile(rf"\b{re.escape(phrase)}\b"), certainty))
    return Hedges(tuple(patterns), tuple(data["precedence"]), frozenset(data["speech_verbs"]))


def clause_head(token: Token) -> Token:
    """Return the verb heading the clause ``token`` is in (the token itself when it is a verb)."""
    current = token
    while (
        current.pos_ not in ("VERB", "AUX") or current.dep_ in ("aux", "auxpass")
    ) and current.head.i != current.i:
        current = current.head
    return current


def sentence_cues(sent: Span) -> list[tuple[Span, str]]:
    """Return each certainty cue of a sentence as (its tokens, certainty)."""
    hedges = load_hedges()
    lowered = sent.text.lower()
    cues: list[tuple[Span, str]] = []
    for pattern, certainty in hedges.patterns:
        for match in pattern.finditer(lowered):
            span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and len(span):
                cues.append((span, certainty))
    return cues


def _governs(head: Token, clause: Token) -> bool:
    """Whether ``clause`` is ``head`` or a clause embedded under it (complements, not adjuncts)."""
    current = clause
    while True:
        if current.i == head.i:
            return True
        if current.head.i == current.i or current.dep_ not in ("ccomp", "xcomp", "conj", "csubj"):
            return False
        current = current.head


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if current.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "ccomp") or current.head.i == current.i:
            return None
        current = clause_head(current.head)
    return None


def attribution(clause: Token, sent: Span, resolver: EntityResolver) -> tuple[str | None, bool]:
    """Return (named source, whether a source is named or implied) for the clause at ``clause``."""
    speech = load_hedges().speech_verbs
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            objects = [t for t in token.nbor().subtree if t.i > token.i + 1]
            return resolver.first_entity(objects), True
    current = clause
    while current.head.i != current.i:
        head = clause_head(current.head)
        if head.lemma_ in speech and current.dep_ in ("ccomp", "conj", "xcomp", "parataxis"):
            subject = _subject(head)
            return (resolver.entity_of(subject) if subject is not None else None), True
        current = head
    for child in clause.children:
        if child.lemma_ in speech and child.dep_ in ("parataxis", "ccomp") and child.i > clause.i:
            subject = _subject(child)
            return (resolver.entity_of(subject) if subject is not None else None), True
    return None, False


def negated(token: Token) -> bool:
    """Whether the clause or noun at ``token`` is negated ("did not attack", "no involvement")."""
    if any(child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in token.children):
        return True
    # "did not take part in the attack": the object of a negated verb is negated too
    return token.dep_ in ("dobj", "attr") and any(child.dep_ == "neg" for child in token.head.children)


def stance(
    clause: Token,
    sent: Span,
    cues: list[tuple[Span, str]],
    resolver: EntityResolver,
    own: Token | None = None,
    whole: bool = False,
) -> Stance:
    """Return the stance of the clause headed by ``clause``; ``own`` is a trigger whose own cue is ignored.

    A cue counts when its clause governs ``clause``; with ``whole``, when none does, the cues
    anywhere inside the clause count ("speculation that the strike may have hit"). A verb of
    denial is itself asserted: "Putin dismissed the reports" asserts a rejection.
    """
    precedence = load_hedges().precedence
    own_cues = [(cue, c) for cue, c in cues if own is None or not cue.start <= own.i < cue.end]
    found = {certainty for cue, certainty in own_cues if _governs(clause_head(cue[-1]), clause)}
    if whole and not found:
        inside = {t.i for t in clause.subtree}
        found = {certainty for cue, certainty in own_cues if clause_head(cue[-1]).i in inside}
    source, sourced = attribution(clause, sent, resolver)
    negative = negated(clause) or (own is not None and negated(own))
    if own is not None and negative:
        found.add("denied")
    certainty = next((c for c in precedence if c in found), None)
    if certainty is None:
        certainty = "reported" if sourced and source is None else "asserted"
    polarity = "negative" if negative or certainty == "denied" else "positive"
    return Stance(certainty, source, polarity)


def _span(tokens: list[Token]) -> tuple[int, int]:
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    words = words or tokens
    return min(t.idx for t in words), max(t.idx + len(t) for t in words)


def _claim_tokens(anchor: Token) -> list[Token]:
    """The tokens of the clause at ``anchor`` without its "according to" phrase, speech verbs or "that"."""
    speech = load_hedges().speech_verbs
    skipped: set[int] = set()
    for child in anchor.children:
        if (child.lower_ == "according") or (child.lemma_ in speech and child.dep_ in ("parataxis", "ccomp")):
            skipped.update(t.i for t in child.subtree)
        if child.dep_ == "mark" and child.i < anchor.i:  # "that" of "reported that ...": not the statement
            skipped.add(child.i)
    return [t for t in anchor.subtree if t.i not in skipped]


def _about(
    anchor: Token, tokens: list[Token], source: str | None, resolver: EntityResolver, events: list[Event]
) -> str | None:
    subject = _subject(anchor)
    if (subject is not None and subject.dep_ != "expl" and subject.lower_ != "it") or (
        subject is not None and subject.lower_ == "it" and not any(c.dep_ == "acomp" for c in anchor.children)
    ):
        name = resolver.entity_of(subject)
        if name is not None:
            return name
        for event in reversed(events):  # "these raids are seen as ...": the raids' actor
            if (
                event.trigger
                and event.actor
                and event.evidence.start < subject.idx
                and (
                    event.trigger.lower() == subject.lower_
                    or (event.rule and event.rule.split(":")[0] == subject.lemma_)
                )
            ):
                return event.actor
    exclude = {source} if source else set()
    name = resolver.first_entity([t for t in tokens if not (subject is not None and t.i == subject.i)])
    if name is not None and name not in exclude:
        return name
    return resolver.last_entity_before(tokens[0].i if tokens else anchor.i, exclude)


def find_claims(doc: Doc, events: list[Event], resolver: EntityResolver) -> list[Claim]:
    """Return a claim for each hedged or attributed clause of the document, in text order."""
    speech = load_hedges().speech_verbs
    claims: list[Claim] = []
    for sent in doc.sents:
        cues = sentence_cues(sent)
        anchors: dict[int, Token] = {}
        for cue, _ in cues:
            anchor = clause_head(cue[-1])
            anchors.setdefault(anchor.i, anchor)
        for token in sent:
            if token.lemma_ in speech and token.pos_ == "VERB":
                for child in token.children:
                    if child.dep_ == "ccomp":
                        anchors.setdefault(child.i, child)
            if token.lower_ == "according":
                anchor = clause_head(token.head)
                anchors.setdefault(anchor.i, anchor)
        for anchor in sorted(anchors.values(), key=lambda t: t.i):
            # an anchor inside another anchor's clause is part of the same statement: keep the outer one
            if any(other.i != anchor.i and anchor in other.subtree for other in anchors.values()):
                continue
            view = stance(anchor, sent, cues, resolver, whole=True)
            tokens = _claim_tokens(anchor)
            start, end = _span(tokens)
            text = doc.text[start:end]
            claims.append(
                Claim(
                    text=text,
                    certainty=view.certainty,
                    evidence=Evidence(start, end, text),
                    about=_about(anchor, tokens, view.attributed_to, resolver, events),
                    attributed_to=view.attributed_to,
                    polarity=view.polarity,
                )
            )
    return claims
