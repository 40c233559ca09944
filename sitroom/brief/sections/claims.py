"""Contested and unconfirmed claims: denials, doubted, speculated and believed claims about the
conflict's parties, with who makes them. A plainly reported sentence is not a contested claim."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitroom.brief.compose import Composer, Context, Section, Sentence, surface
from sitroom.brief.facts import ClaimFact, StoryFact
from sitroom.brief.phrases import certainty_order, phrases

MAX_CLAIMS = 20
# Certainties that do not contest anything: a report passed on, an opinion.
UNCONTESTED = frozenset({"asserted", "reported", "opinion"})


def claim_sentence(composer: Composer, claim: ClaimFact, prefix: str = "") -> Sentence | None:
    """Return "<certainty> by <speaker>: “<claim>”" with its citation, or None."""
    label = phrases().certainty_labels.get(claim.certainty)
    if label is None:
        return None
    speaker = surface(claim.attributed_to, claim.span.text)
    who = f" by {speaker}" if speaker else ""
    if claim.certainty == "speculated":
        who = f" from {speaker}" if speaker else ""
    denial = " (denial)" if claim.polarity == "negative" and claim.certainty != "denied" else ""
    # A claim may run over a line break (a headline and its first line): keep them apart.
    quoted = re.sub(r"\s*\n\s*", "; ", claim.text.strip()).rstrip(".")
    return composer.emit([(f"{prefix}{label}{who}{denial}: “{quoted}”", [claim.span])])


def contested(claims: Iterable[ClaimFact]) -> list[ClaimFact]:
    """Return the claims that contest or doubt something, most contested first (the order of
    ``hedges.yaml``); a denial by polarity counts as denied."""
    order = certainty_order()

    def rank(claim: ClaimFact) -> int:
        certainty = "denied" if claim.polarity == "negative" and "denied" in order else claim.certainty
        return order.index(certainty)

    chosen = [
        c
        for c in claims
        if c.certainty in order and (c.certainty not in UNCONTESTED or c.polarity == "negative")
    ]
    return sorted(chosen, key=rank)


def conflict_claims(
    claims: Iterable[ClaimFact], stories: list[StoryFact], every_story: Iterable[StoryFact] = ()
) -> list[ClaimFact]:
    """Return the contested claims of the brief's stories, grouped by story (top story first).

    ``stories`` are the brief's (on topic, ranked); ``every_story`` all stories in the window.
    A claim counts when its document reports one of ``stories`` or no story at all, or when it
    is about or by one of their parties; a hedged line of an off-topic report ("Manchester
    United have completed the signing ...") is not a contested claim.
    """
    parties = {n.id for s in stories for e in s.events for n in (e.actor, e.target, e.location) if n}
    rank = {e.span.document_id: i for i, s in reversed(list(enumerate(stories))) for e in s.events}
    elsewhere = {e.span.document_id for s in every_story for e in s.events} - set(rank)
    kept = [
        c
        for c in claims
        if c.span.document_id not in elsewhere
        or any(n is not None and n.id in parties for n in (c.about, c.attributed_to))
    ]
    return sorted(contested(kept), key=lambda c: rank.get(c.span.document_id, len(rank)))


def build(context: Context) -> Section:
    """What is denied, doubted, speculated or believed, and by whom."""
    chosen = conflict_claims(context.facts.claims, context.stories, context.facts.stories)[:MAX_CLAIMS]
    sentences = [s for c in chosen if (s := claim_sentence(context.composer, c))]
    return Section(
        "claims",
        "Contested and unconfirmed claims",
        tuple(dict.fromkeys(sentences)),
        note=None if sentences else "No contested or unconfirmed claims in the selected period.",
    )
