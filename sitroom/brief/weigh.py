"""How much a story weighs as a key development, judged by what its lead can say.

An analyst leads with what a party did: aid given, weapons moved, sanctions imposed, a strike
with its toll. A story whose act can be said, on a named place or target, with an amount or a
toll, is a development (weight 1). One whose act is said but names nothing of the kind (talks, a
statement) or has no doer its reports agree on ("BBC reported an attack in ..."), weighs less; so
does a lead quoting what a state body said. A lead that must quote a sentence because no act of
the story can be said weighs less again. Commentary weighs least: the words of someone who holds
no office in the conflict (a candidate, a pundit, a former official), a lead only round-ups or
opinion pieces carry, an act said of neither side and of no concrete kind (a visit between two
allies, a show launched), and a line of an act with no doer that says nothing more (no toll, no
blame). The outlets that report a story's lead are multiplied by its weight.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.brief.check import strip_citations
from sitroom.brief.phrases import phrases

# The weight of each class of lead.
CONCRETE = 1.0
SAID = 0.6
QUOTED = 0.4
COMMENTARY = 0.25
# How many words may come between a no-office word and the name it describes.
NAME_GAP = 4

QUOTE_LEAD = re.compile(r"^(?:On|First reported on) [^:,]+[:,] according to [^“]*“")


def is_quote_lead(text: str) -> bool:
    """Whether a lead quotes a sentence instead of saying an act ("..., according to X, “...”")."""
    return bool(QUOTE_LEAD.match(strip_citations(text)))


@lru_cache(maxsize=1)
def _no_doer() -> re.Pattern[str]:
    """A lead whose act has no doer its reports agree on: "BBC and Reuters reported an attack in
    X" (``phrases.yaml``'s ``reported_act`` with an act's noun), or "reports describe ..."."""
    nouns = {p.noun for p in (*phrases().events.values(), *phrases().codes.values())}
    forms = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    before, _, after = phrases().reported_act.partition("{outlets}")
    verb = re.escape(after.partition("{act}")[0])
    act = rf"{re.escape(before)}[^;]+?{verb}(?:an unconfirmed |unconfirmed )?(?:{forms})\b"
    return re.compile(rf"^(?:On|First reported on) [^:,]+[:,] (?:{act}|reports (?:describe|link)\b)")


def is_no_doer_lead(text: str) -> bool:
    """Whether a lead says an act with no doer, only who reported it."""
    return bool(_no_doer().match(strip_citations(text)))


@lru_cache(maxsize=1)
def _no_office() -> re.Pattern[str]:
    """A person described as holding no office: "presidential candidate Jane Roe", "the former
    ambassador John Doe", "analyst Ann Lee", the description a few words before a capitalised name."""
    words = sorted(phrases().no_office_words, key=len, reverse=True)
    former = "|".join(re.escape(w) for w in phrases().former_words)
    forms = "|".join(re.escape(w) for w in words)
    role = rf"(?:(?:{forms})\b|(?:{former})\s*[A-Za-z]+)"
    return re.compile(rf"(?i:\b{role})(?:\s+[\w.’'-]+){{0,{NAME_GAP}}}?\s+[A-Z][a-z]+\s+[A-Z][a-z]+")


def speaks_without_office(text: str) -> bool:
    """Whether a lead is the words of a person its text describes as holding no office."""
    return bool(_no_office().search(strip_citations(text)))


@lru_cache(maxsize=1)
def _official() -> re.Pattern[str]:
    """A state body saying something: "the White House said", "the defence ministry says"."""
    names = "|".join(re.escape(n) for n in sorted(phrases().article_names, key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in sorted(phrases().body_nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:{names}|(?i:{nouns}))\s+(?:said|says|announced|confirmed|stated)\b")


def quotes_an_official(text: str) -> bool:
    """Whether a quoted lead passes on what a state body said ("..., the Kremlin said"): it is
    a party's claim, worth what an act said without an amount or place is worth."""
    quote = strip_citations(text).partition("“")[2]
    return bool(_official().search(quote))


def is_roundup(headline: str | None) -> bool:
    """Whether a headline is a round-up, an explainer or an opinion piece ("What we know so far")."""
    lowered = (headline or "").lower()
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", lowered) for w in phrases().roundup_words)


def lead_weight(lead: str, acted: bool, sided: bool, headlines: list[str | None]) -> float:
    """Return the weight of a story's development from its lead's text, whether an event its
    lead cites is a concrete act (``developments.concrete_act``), whether one names a side of
    the conflict (as doer, target or place), and the headlines of the documents its lead cites.
    An act said of neither side and of no concrete kind (a visit between two allies, a show
    launched) is no more than commentary."""
    quoted = is_quote_lead(lead)
    if speaks_without_office(lead):
        return COMMENTARY
    no_doer = is_no_doer_lead(lead)
    if no_doer and ";" not in strip_citations(lead):
        return COMMENTARY  # "BBC reported an attack in Kherson", and nothing of who, or of a toll
    if not quoted and acted and not no_doer:
        return CONCRETE
    if headlines and all(is_roundup(h) for h in headlines):
        return COMMENTARY
    if quoted:
        return SAID if quotes_an_official(lead) else QUOTED
    return SAID if sided or acted else COMMENTARY
