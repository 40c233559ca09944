"""How much a story weighs as a key development, judged by what its lead can say.

An analyst leads with what a party did: aid given, weapons moved, sanctions imposed, a strike
with its toll. A story whose act can be said, on a named place or target, with an amount or a
toll, is a development (weight 1). One whose act is said but names nothing of the kind (talks, a
statement) or has no doer its reports agree on ("reports describe ..."), weighs less; so does a
lead quoting what a state body said. A lead that must quote a sentence because no act of the
story can be said weighs less again. Commentary weighs least: the words of someone who holds no
office in the conflict (a candidate, a pundit, a former official), a lead only round-ups or
opinion pieces carry, an act said of neither side and of no concrete kind (a visit between two
allies, a show launched). The outlets that report a story's lead are multiplied by its weight.
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
# A lead whose act has no doer its reports agree on: "reports describe an attack in X".
NO_DOER_LEAD = re.compile(r"^(?:On|First reported on) [^:,]+[:,] reports (?:describe|link)\b")


def is_quote_lead(text: str) -> bool:
    """Whether a lead quotes a sentence instead of saying an act ("..., according to X, “...”")."""
    return bool(QUOTE_LEAD.match(strip_citations(text)))


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
    if not quoted and acted and not NO_DOER_LEAD.match(strip_citations(lead)):
        return CONCRETE
    if headlines and all(is_roundup(h) for h in headlines):
        return COMMENTARY
    if quoted:
        return SAID if quotes_an_official(lead) else QUOTED
    return SAID if sided or acted else COMMENTARY
