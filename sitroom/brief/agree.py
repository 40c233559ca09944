"""What a story's sources agree on: its type, actor, target, place and amount.

Extraction errs on single sentences ("Writer Victoria Amelina dies of injuries from Kramatorsk
strike" read as Amelina attacking Kramatorsk), so a story is stated by agreement: each value
is voted for by the distinct outlets whose reports name it, with a bonus when a report's title
names it too. A value named by a single event while other events name another is left out,
and a place never stands as the doer of an act.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from sitroom.brief.facts import EventFact, Name, Report, StoryFact
from sitroom.model import Money
from sitroom.nlp.gazetteer import country_entries

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Acts whose place is worth stating; for talk ("Poland and Lithuania warn NATO") a place the
# parser finds is mostly another party.
LOCATED = frozenset({"ASSAULT", "FIGHT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"})
# A title naming a value counts as much as one more outlet reporting it.
TITLE_BONUS = 1.0
# Title words that say what kind of event a story is about, per PLOVER type; a stem matches
# the start of a title word.
TITLE_WORDS = {
    # "Russian missile hits Kramatorsk city centre", "Kramatorsk strike death toll rises"
    "ASSAULT": ("strike", "missile", "attack", "shell", "bomb", "hits", "drone", "toll"),
    # "US sanctions gold companies it accuses of financing Wagner"
    "SANCTION": ("sanction", "expel", "expuls", "embargo", "blacklist"),
    # "US announces $500 million military aid package for Ukraine", "state paid Wagner"
    "AID": ("aid", "package", "fund", "paid", "financ", "donat"),
    # "Prigozhin calls off march on Moscow", "blames West for mutiny"
    "MOBILIZE": ("mutiny", "march", "deploy", "mobilis", "mobiliz", "rebellion", "uprising"),
    # "Poland and Lithuania warn NATO over Wagner's move to Belarus"
    "DISAPPROVE": ("warn", "accus", "blames", "condemn", "criticis"),
    # "Prigozhin calls off march on Moscow after deal brokered by Lukashenko"
    "AGREE": ("deal", "agree", "accord", "truce"),
    # "Russian troops withdraw from Kherson"
    "RETREAT": ("withdraw", "retreat", "pull"),
    "FIGHT": ("fight", "battle", "clash", "offensive", "invasion"),
    "THREATEN": ("threat",),
}


@dataclass(frozen=True, slots=True)
class Agreed:
    """The facts of a story its sources agree on, and the events that state them."""

    type: str
    actor: Name | None
    target: Name | None
    place: Name | None
    money: Money | None
    hedged: bool
    events: tuple[EventFact, ...]
    support: int = 0  # events naming the actor, plus titles naming both the actor and the act


@lru_cache(maxsize=1)
def _country_words() -> tuple[frozenset[str], frozenset[str]]:
    """Return the names of countries and blocs, and the demonyms ("Russian"), case-folded."""
    states: set[str] = set()
    demonyms: set[str] = set()
    for entry in country_entries():
        names = (entry.name, *entry.aliases)
        (demonyms if entry.kind == "demonym" else states).update(n.casefold() for n in names)
    return frozenset(states), frozenset(demonyms - states)


@lru_cache(maxsize=1)
def _countries_named() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    names: dict[str, tuple[str, str]] = {}
    demonyms: dict[str, tuple[str, str]] = {}
    for entry in country_entries():
        if not entry.country:
            continue
        table = demonyms if entry.kind == "demonym" else names
        for alias in entry.aliases if entry.kind == "demonym" else (entry.name, *entry.aliases):
            table.setdefault(alias.casefold(), (entry.country, entry.name))
    return names, demonyms


def demonym_countries() -> dict[str, tuple[str, str]]:
    """Return each demonym (case-folded) with its country's code and name: "ukrainian" gives
    ("UA", "Ukraine")."""
    return _countries_named()[1]


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    names, demonyms = _countries_named()
    forms = sorted({*names, *demonyms}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE)


def countries_named(text: str) -> set[str]:
    """Return the codes of the countries ``text`` names or qualifies ("Russian drones" gives RU)."""
    names, demonyms = _countries_named()
    forms = (m.group(0).casefold() for m in _country_pattern().finditer(text) if m.group(0)[:1].isupper())
    return {found[0] for form in forms if (found := names.get(form) or demonyms.get(form))}


def last_country_named(text: str) -> tuple[str, str] | None:
    """Return the code and name of the last country that ``text`` names or qualifies ("Russia's
    defence ministry", "the Russian defence ministry" give ("RU", "Russia")), or None."""
    names, demonyms = _countries_named()
    found = [m for m in _country_pattern().finditer(text) if m.group(0)[:1].isupper()]
    if not found:
        return None
    form = found[-1].group(0).casefold()
    return names.get(form) or demonyms.get(form)


def country_words() -> frozenset[str]:
    """Return every country and bloc name and demonym, case-folded ("russia", "ukrainian")."""
    states, demonyms = _country_words()
    return states | demonyms


def is_demonym(text: str) -> bool:
    """Whether ``text`` is a demonym ("Russian", "the Belarusian"): it qualifies, it names no one."""
    return re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).casefold() in _country_words()[1]


def is_state(name: Name) -> bool:
    """Whether an entity is a country or a bloc ("Russia", "the West"), which may act as a side."""
    return name.type in ("GPE", "ORG", "NORP") and name.name.casefold() in _country_words()[0]


def plausible_actor(name: Name | None) -> bool:
    """Whether an entity may be written as the doer of an act: never a town, region or demonym.

    "Kramatorsk carried out an attack" and "Geneva held talks" are extraction errors; a
    country or bloc may act ("Russia struck Kramatorsk").
    """
    if name is None or name.type == "NORP":
        return False
    return name.type not in PLACE_TYPES or is_state(name)


_SAYS = (
    r"(?:has |have |had )?(?:said|says|say|claims?|claimed|reported|reports|announced|stated|denied|denies)"
)


def speaks(event: EventFact, name: Name) -> bool:
    """Whether ``name`` is who speaks or acts in the event's sentence, not where its deed
    happened or on whom: the event's source, the subject of a reporting verb ("Moscow claims it
    repelled ...", "Kyiv's defence ministry said ..."), or the agent of a passive ("provinces
    annexed by Moscow")."""
    if event.attributed_to is not None and event.attributed_to.id == name.id:
        return True
    forms = "|".join(re.escape(n) for n in name.names)
    return bool(
        re.search(
            rf"(?<!\w)(?:{forms})(?:\s+{_SAYS}|(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}?{_SAYS})\b"
            rf"|\bby\s+(?:the\s+)?(?:{forms})(?!\w)",
            event.span.text,
        )
    )


def _outlets(event: EventFact, reports: Mapping[str, Report]) -> tuple[str, ...]:
    report = reports.get(event.span.document_id)
    return (report.outlets or (event.span.document_id,)) if report else (event.span.document_id,)


def _in_title(name: Name, report: Report | None) -> bool:
    title = (report.title or "") if report else ""
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", title, re.IGNORECASE) for n in name.names)


def vote(
    events: Iterable[EventFact], pick: str, reports: Mapping[str, Report], *, strict: bool = False
) -> tuple[Name | None, Counter[int]]:
    """Return the value of ``pick`` (actor, target or location) most outlets agree on.

    Weight: distinct outlets naming it plus TITLE_BONUS per report whose title names it.
    None when two values tie, or when the winner rests on one event while another is named;
    ``strict`` also refuses a value only one event names, unless it is a place a title names
    too (a title names the victim of an attack as often as its target).
    """
    outlets: dict[int, set[str]] = defaultdict(set)
    titled: dict[int, set[str]] = defaultdict(set)
    support: Counter[int] = Counter()
    richness: Counter[int] = Counter()
    names: dict[int, Name] = {}
    for event in events:
        name = getattr(event, pick)
        if name is None:
            continue
        names[name.id] = name
        support[name.id] += 1
        richness[name.id] += sum(x is not None for x in (event.target, event.location, event.money))
        outlets[name.id].update(_outlets(event, reports))
        if _in_title(name, reports.get(event.span.document_id)):
            titled[name.id].add(event.span.document_id)
    weights = Counter({i: len(outlets[i]) + TITLE_BONUS * len(titled[i]) for i in names})
    ranked = weights.most_common()
    if not ranked:
        return None, weights
    best, weight = ranked[0]
    tied = [i for i, w in ranked if w == weight]
    if len(tied) > 1:  # the one whose events say more (whom, where, how much) breaks a tie
        detail = Counter({i: richness[i] for i in tied}).most_common()
        if detail[0][1] == detail[1][1]:
            return None, weights
        best = detail[0][0]
    elif len(ranked) > 1 and support[best] + len(titled[best]) == 1:
        return None, weights
    if strict and support[best] == 1 and (pick == "target" or not titled[best]):
        return None, weights
    return names[best], weights


def _type_vote(events: list[EventFact], reports: Mapping[str, Report], fallback: str) -> str:
    weights: dict[str, float] = {}
    for kind in {e.type for e in events}:
        mine = [e for e in events if e.type == kind]
        weights[kind] = len({o for e in mine for o in _outlets(e, reports)})
        titles = {
            (reports[e.span.document_id].title or "").lower() for e in mine if e.span.document_id in reports
        }
        stems = TITLE_WORDS.get(kind, ())
        weights[kind] += TITLE_BONUS * sum(
            any(re.search(rf"(?<!\w){stem}", title) for stem in stems) for title in titles
        )
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    if not ranked:
        return fallback
    tied = [kind for kind, weight in ranked if weight == ranked[0][1]]
    return fallback if fallback in tied else sorted(tied)[0]


def _amount(stating: list[EventFact], typed: list[EventFact], reports: Mapping[str, Report]) -> Money | None:
    """Return the amount most outlets give for the act (one misread "$2.1-billion" read as $2.1 in
    one report does not outvote the $2.1 billion of two), the doer's own events breaking a tie."""
    outlets: dict[Money, set[str]] = defaultdict(set)
    for event in typed:
        if event.money is not None:
            outlets[event.money].update(_outlets(event, reports))
    if not outlets:
        return None
    own = Counter(e.money for e in stating if e.money is not None)
    return max(outlets, key=lambda m: (len(outlets[m]), own[m], m.amount))


def agree(story: StoryFact, reports: Mapping[str, Report]) -> Agreed:
    """Return what the events of ``story`` agree on, read under the rules of this module."""
    events = [e for e in story.events if not e.negated and e.certainty != "denied"] or list(story.events)
    doers = [e for e in events if plausible_actor(e.actor)]
    actor, _ = vote(doers, "actor", reports)
    own = [e for e in events if actor is not None and e.actor is not None and e.actor.id == actor.id]
    kind = _type_vote(own or events, reports, story.type)
    typed = [e for e in events if e.type == kind]
    if actor is None:
        actor, _ = vote([e for e in typed if plausible_actor(e.actor)], "actor", reports)
    stating = [e for e in typed if actor is None or e.actor is None or e.actor.id == actor.id]
    # A place named as the target of an attack is where it happened ("struck Kramatorsk").
    places = [
        e
        for e in stating
        if e.location is not None and e.location.type in PLACE_TYPES and not speaks(e, e.location)
    ]
    strict = len({e.span.document_id for e in story.events}) > 1
    place, _ = vote(places, "location", reports, strict=strict) if kind in LOCATED else (None, None)
    targets = [
        e
        for e in stating
        if e.target is not None and (actor is None or e.target.id != actor.id) and not speaks(e, e.target)
    ]
    target, _ = vote(targets, "target", reports, strict=strict)
    if target is not None and place is not None and target.id == place.id:
        target = None
    if target is not None and target.type in PLACE_TYPES and not is_state(target) and place is None:
        target, place = None, target
    money = _amount(stating, typed, reports)
    hedged = bool(stating) and all(e.certainty not in ("asserted", None) for e in stating)
    support = 0
    if actor is not None:
        stems = TITLE_WORDS.get(kind, ())
        support = sum(e.actor is not None and e.actor.id == actor.id for e in events)
        for report in {reports[d] for d in {e.span.document_id for e in story.events} if d in reports}:
            title = (report.title or "").lower()
            if _in_title(actor, report) and any(re.search(rf"(?<!\w){stem}", title) for stem in stems):
                support += 1
    return Agreed(kind, actor, target, place, money, hedged, tuple(stating), support)
