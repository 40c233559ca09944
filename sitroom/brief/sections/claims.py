"""Contested and unconfirmed claims: denials, doubted, speculated and believed claims about the
conflict's parties, with who makes them. A plainly reported sentence is not a contested claim."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from sitroom.brief.check import names_in
from sitroom.brief.compose import Composer, Context, Section, Sentence, surface
from sitroom.brief.facts import ClaimFact, StoryFact
from sitroom.brief.phrases import certainty_order, phrases
from sitroom.brief.rank import common_words, content_words

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
    ``hedges.yaml``), each earning its place; a hedged denial counts as denied. A plainly
    reported sentence with a "not" in it ("It did not go") is no denial."""
    order = certainty_order()

    def rank(claim: ClaimFact) -> int:
        certainty = "denied" if claim.polarity == "negative" and "denied" in order else claim.certainty
        return order.index(certainty)

    chosen = [
        c for c in claims if c.certainty in order and c.certainty not in UNCONTESTED and _earns_place(c)
    ]
    return sorted(chosen, key=rank)


# A claim shorter than this many words is a fragment ("it's unclear", "denies the charges").
MIN_CLAIM_WORDS = 4
# Words that open a fragment of a sentence, not a claim: "which remain unclear", "that X denies".
_FRAGMENT_OPENERS = frozenset({"which", "that", "what", "who", "whom", "whose", "where", "when"})
# Pronouns a capitalised word may be ("It’s", "I’m"): they name no one.
_PRONOUNS = frozenset(
    {"i", "it", "he", "she", "we", "they", "you", "there", "this", "that", "these", "those"}
)


# "was denied", "were denied access": a passive refusal, not a denial.
_REFUSED = re.compile(r"\b(?:was|were|been|being|is|are)\s+denied\b")


def _names_someone(text: str) -> bool:
    for name in names_in(text):
        first = re.split(r"[’']", name.split()[0])[0].lower()
        if len(name) > 1 and first not in _PRONOUNS:
            return True
    return False


# How many lower-case words may stand between a source's name and its reporting word
# ("Ukrainian military officials said"); a comma between them ("..., experts say") ends the name.
SOURCE_GAP_WORDS = 3


def _sourced(claim: ClaimFact) -> bool:
    """Whether a claim has a source: its extraction names who makes it, or its sentence names
    someone right before a word of reporting ("Moscow claims ...", "..., Ukrainian officials
    said") or right after one ("according to Kyiv", "said Zelensky"), or passes on what others hold
    ("is believed to", "there is speculation that"); "experts say" names no one."""
    if claim.attributed_to is not None:
        return True
    lowered = claim.span.text.lower()
    if any(re.search(rf"\b{re.escape(h)}\b", lowered) for h in phrases().reported_hedges):
        return True  # "General X is believed to have known ...": others hold it, unnamed
    words = "|".join(re.escape(w) for w in phrases().reporting_words)
    if not words:
        return False
    name = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*(?:’s|'s)?"
    before = rf"(?P<name>{name})(?:\s+[a-z][\w-]*){{0,{SOURCE_GAP_WORDS}}}\s+(?:{words})\b"
    after = rf"\b(?:{words})\s+(?P<after>{name})"
    for found in re.finditer(f"{before}|{after}", claim.span.text):
        named = found.group("name") or found.group("after")
        if _names_someone(named) and not (found.start() == 0 and named.split()[0].lower() in _PRONOUNS):
            return True
    return False


def _earns_place(claim: ClaimFact) -> bool:
    """Whether a hedged or denied claim is about the conflict's parties: a denial by a named
    speaker, or a whole claim with a source (``_sourced``; not a fragment: "which remain
    unclear") naming whom or what it is about ("Russia could have blown up the dam, Kyiv said"),
    not a witness's hedge ("it was probably 4am") nor "it is unclear who caused the damage",
    whatever party extraction tied it to."""
    if claim.attributed_to is not None and claim.certainty == "denied":
        return True  # "Denied by Putin: ..." says who denies what, however short
    lowered = claim.text.lower()
    if claim.certainty == "denied" and _REFUSED.search(lowered):
        return False  # "Belarus was denied a seat": refused something, denied nothing
    if claim.certainty == "believed" and any(
        re.search(rf"\b{re.escape(w)}\b", lowered) for w in phrases().forecast_words
    ):
        return False  # "the flooding is likely to last for months": a forecast contests nothing
    # (Speculation about what may follow stays: "speculation that the mutiny will benefit ...".)
    if claim.certainty != "denied" and not _sourced(claim):
        return False  # a writer's own guess ("they appear to be testing the lines") contests nothing
    words = claim.text.split()
    if len(words) < MIN_CLAIM_WORDS or words[0].lower() in _FRAGMENT_OPENERS:
        return False
    return _names_someone(claim.text)


def conflict_claims(
    claims: Iterable[ClaimFact],
    stories: list[StoryFact],
    every_story: Iterable[StoryFact] = (),
    topical: Collection[str] = (),
) -> list[ClaimFact]:
    """Return the contested claims of the brief's stories, grouped by story (top story first).

    ``stories`` are the brief's (on topic, ranked); ``every_story`` all stories in the window.
    A claim counts when its document reports one of ``stories``. A claim with a named speaker
    also counts when its document reports no story at all or the claim is about or by one of
    their parties; one with no speaker when its document reports no story and is one of
    ``topical`` (its headline has the window's common words). A hedged line of an off-topic report
    ("Manchester United have completed the signing ...") is not a contested claim, and neither
    is a writer's unattributed guess in a report on something else ("the new phone is perhaps
    the highlight", "the economy is likely slowing, hobbled by the war"), whatever party it names.
    """
    parties = {n.id for s in stories for e in s.events for n in (e.actor, e.target, e.location) if n}
    rank = {e.span.document_id: i for i, s in reversed(list(enumerate(stories))) for e in s.events}
    elsewhere = {e.span.document_id for s in every_story for e in s.events} - set(rank)

    def counts(claim: ClaimFact) -> bool:
        document = claim.span.document_id
        if document in rank:
            return True
        if claim.attributed_to is None:
            return document in topical and document not in elsewhere
        names = (claim.about, claim.attributed_to)
        return document not in elsewhere or any(n is not None and n.id in parties for n in names)

    kept = [c for c in claims if counts(c)]
    return sorted(contested(kept), key=lambda c: rank.get(c.span.document_id, len(rank)))


def brief_claims(context: Context) -> list[ClaimFact]:
    """Return the contested claims of the brief (``conflict_claims``), the topical documents being
    those whose headline has one of the words of many of the window's headlines ("ukraine")."""
    common = common_words(context.facts.reports)
    topical = {d for d, r in context.facts.reports.items() if content_words(r.title) & common}
    return conflict_claims(context.facts.claims, context.stories, context.facts.stories, topical)


def build(context: Context) -> Section:
    """What is denied, doubted, speculated or believed, and by whom."""
    chosen = brief_claims(context)[:MAX_CLAIMS]
    sentences = [s for c in chosen if (s := claim_sentence(context.composer, c))]
    return Section(
        "claims",
        "Contested and unconfirmed claims",
        tuple(dict.fromkeys(sentences)),
        note=None if sentences else "No contested or unconfirmed claims in the selected period.",
    )
