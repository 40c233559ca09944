"""A story's short line of agreed facts: "Strike in Kramatorsk, 27 June — up to 12 killed"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache

from sitroom.lexicons import load_lexicon
from sitroom.model import FigureReport

# How a reader names an event of each PLOVER type when no trigger noun says it better.
TYPE_PHRASES = {
    "AGREE": "Agreement",
    "CONSULT": "Talks",
    "SUPPORT": "Support",
    "REQUEST": "Appeal",
    "COOPERATE": "Cooperation",
    "AID": "Aid",
    "RETREAT": "Withdrawal",
    "CONCEDE": "Concession",
    "ACCUSE": "Accusations",
    "DISAPPROVE": "Criticism",
    "REJECT": "Refusal",
    "THREATEN": "Threats",
    "DEMAND": "Demands",
    "INVESTIGATE": "Investigation",
    "PROTEST": "Protest",
    "SANCTION": "Sanctions",
    "MOBILIZE": "Mobilisation",
    "COERCE": "Coercive action",
    "ASSAULT": "Attack",
    "FIGHT": "Fighting",
}

DEATH_PHRASE = "Death"

# A story's figure this many times the median of its figures is a stray (a total for a whole
# region, a misread number), no step of its rising toll. The war's counts to date and a party's
# count of enemy dead are left out before (own_killed), so this only guards against the rest.
OUTLIER_RATIO = 5


# A headline's last segment after " | " of at most this many words is a byline or a section
# label ("... | Editorial", "... | podcast", "... | Ada Lovelace"), not part of what happened.
LABEL_WORDS = 3


def headline_text(headline: str) -> str:
    """Return a headline without a trailing byline or section label after " | "."""
    text = " ".join(headline.split())
    head, bar, tail = text.rpartition(" | ")
    return head.strip() if bar and head.strip() and len(tail.split()) <= LABEL_WORDS else text


def code_noun(codes: Sequence[str | None]) -> str | None:
    """Return the noun of the CAMEO code most of the events have, when phrases.yaml names it.

    A coercion that is a destruction of property ("1712") or an arrest ("173") is named so;
    a code not listed reads as its parent code ("1731" as "173").
    """
    named = load_lexicon("phrases.yaml").get("codes") or {}
    counted = Counter(c for c in codes if c)
    if not counted:
        return None
    code = min(counted, key=lambda k: (-counted[k], k))
    while code and code not in named:
        code = code[:-1]
    noun = str(named[code].get("noun") or "") if code else ""
    for article in ("a ", "an "):
        noun = noun.removeprefix(article)
    return noun[:1].upper() + noun[1:] if noun else None


@cache
def undergoer_lemmas() -> frozenset[str]:
    """Return the trigger lemmas whose subject is the victim ("died", "found dead", "her death")."""
    entries = load_lexicon("triggers.yaml").get("triggers") or []
    return frozenset(str(e["lemma"]) for e in entries if e.get("undergoer"))


def only_deaths(triggers: Sequence[tuple[str | None, str | None]]) -> bool:
    """Return True when every event is told by a death of its victim alone, no attack named."""
    lemmas = [rule.split(":")[0].split("+")[0] for _, rule in triggers if rule]
    return bool(lemmas) and len(lemmas) == len(triggers) and set(lemmas) <= undergoer_lemmas()


def event_phrase(
    story_type: str, triggers: Sequence[tuple[str | None, str | None]], codes: Sequence[str | None]
) -> str | None:
    """Return the event's name: the trigger noun most of its events use ("strike"), else the
    noun of their CAMEO code ("destruction", "arrest"), else the type's phrase.

    Events told only as deaths ("found dead", "died in prison") are a death, no attack.
    """
    if only_deaths(triggers):
        return DEATH_PHRASE
    nouns = Counter(
        (trigger or "").strip().lower()
        for trigger, rule in triggers
        if trigger and rule and rule.endswith(":NOUN") and " " not in trigger.strip()
    )
    nouns.pop("", None)
    if nouns:
        noun = min(nouns, key=lambda k: (-nouns[k], k))
        return noun[:1].upper() + noun[1:]
    return code_noun(codes) or TYPE_PHRASES.get(story_type)


def day_text(day: str | None) -> str | None:
    """Return "27 June" for "2023-06-27"."""
    if not day:
        return None
    try:
        value = date.fromisoformat(day[:10])
    except ValueError:
        return None
    return f"{value.day} {value.strftime('%B')}"


def own_killed(figures: list[FigureReport]) -> list[int]:
    """Return the death tolls the story's own happening is given, in the figures' order.

    The war's count to date ("500 children killed since the invasion") and a party's count of
    its enemy's losses ("Moscow said it killed 250 Ukrainian troops") are no toll of it.
    """
    return [v for v in (f.highest for f in figures if f.kind == "killed" and f.own_toll) if v]


def toll_text(figures: list[FigureReport]) -> str | None:
    """Return the death toll as "12 killed", or "up to 12 killed" when reports differ.

    ``figures`` come in publication order; the toll is the highest of the story's own figures
    (``own_killed``) no more than OUTLIER_RATIO times their median, so a toll rising 3, 6, 11, 12
    gives 12 and one rising 1, 3, 10 gives 10, while a stray "500" in a story of 3 dead does not.
    A story whose only deaths are a party's count of its enemy's losses says so as that party's
    claim: "Russia claims 250 killed".
    """
    found = own_killed(figures)
    if not found:
        return claimed_toll(figures)
    middle = sorted(found)[len(found) // 2]
    kept = [v for v in found if v <= OUTLIER_RATIO * middle]
    highest = max(kept)
    return f"{highest} killed" if len(set(kept)) == 1 else f"up to {highest} killed"


def claimed_toll(figures: list[FigureReport]) -> str | None:
    """Return the first party's claim of its enemy's dead as "Russia claims 250 killed", else None."""
    claims = [f for f in figures if f.kind == "killed" and f.claimed_by and not f.running_total]
    if not claims:
        return None
    party = claims[0].claimed_by
    values = [v for v in (f.highest for f in claims if f.claimed_by == party) if v]
    return f"{party} claims {max(values)} killed" if values else None


def summary_line(
    story_type: str,
    triggers: list[tuple[str | None, str | None]],
    place: str | None,
    day: str | None,
    figures: list[FigureReport],
    codes: list[str | None],
) -> str | None:
    """Return the short line of a story's agreed facts, or None when nothing is agreed.

    ``codes`` are the CAMEO codes of the story's events of its type.
    """
    phrase = event_phrase(story_type, triggers, codes)
    parts = []
    if phrase:
        parts.append(phrase + (f" in {place}" if place else ""))
    elif place:
        parts.append(place)
    when = day_text(day)
    if when:
        parts.append(when)
    line = ", ".join(parts)
    toll = toll_text(figures)
    if toll:
        line = f"{line} — {toll}" if line else toll
    return line or None
