"""Key developments: the window's top stories, each a dated lead and up to two supporting sentences.

The lead states what the story's sources agree on: when (a day its evidence gives, resolved
against publication), what happened and where, who blamed whom, and the figures with who
gave them. A deed that one side reports stays that side's claim ("Russia said Ukraine struck
Donetsk ...; Ukraine did not confirm"). Then up to two sentences from the story's most central
documents, from outlets other than each other, quoted and attributed to their outlet.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import pairwise

from sitroom.brief.agree import (
    Agreed,
    agree,
    country_words,
    demonym_countries,
    is_state,
    last_country_named,
    plausible_actor,
)
from sitroom.brief.check import dates_in_evidence, names_in, numbers_in, strip_citations
from sitroom.brief.compose import (
    Composer,
    Context,
    Part,
    Section,
    Sentence,
    act_phrase,
    agreed_spans,
    count,
    day_phrase,
    joined,
    placed,
    sanctioned,
    stated_figures,
    story_clause,
    surface,
)
from sitroom.brief.facts import EventFact, Name, Report, Span, StoryFact
from sitroom.brief.phrases import phrases
from sitroom.brief.predicate import Predicate, best_predicate, concrete
from sitroom.brief.rank import common_words, content_words, known_stories, story_score
from sitroom.brief.weigh import is_no_doer_lead, lead_weight
from sitroom.ingest.outlets import outlet_domains
from sitroom.lexicons import load_stopwords
from sitroom.model import Bounds, FigureReport

MAX_DEVELOPMENTS = 10
MAX_SUPPORT = 2
MAX_QUOTE_CHARS = 320
# Words that make a criticism an accusation: "accused Russia of", "blamed Kyiv for".
BLAME_WORDS = re.compile(r"\b(?:accus|blam)\w*", re.IGNORECASE)
# Every story that two or more outlets report is a key development, up to this many.
MAX_CORROBORATED = 10
# Two leads sharing this share of their words (of the shorter) say the same development.
SAME_SHARE = 0.6
# A day a report states more than this many days before its publication is background, not news.
MAX_LEAD_AGE_DAYS = 7
# A participle after "was", "has been" ...: "the dam was destroyed", "the bridge was hit".
_PARTICIPLE = (
    r"(?:partially |partly |largely |reportedly )?"
    r"(?:\w+(?:ed|en|wn)|hit|struck|shot|burnt|sunk|seized|taken)(?: up| open| out| down)?"
)
_AUXILIARY = r"(?:was|were|has been|have been|had been|is being|was being|is|are)"


@dataclass(frozen=True, slots=True)
class Blame:
    """One side blaming another in a story, with the evidence that says so."""

    accuser: Name
    accused: Name
    spans: tuple[Span, ...]


def _outlets(span: Span, reports: dict[str, Report]) -> tuple[str, ...]:
    report = reports.get(span.document_id)
    return (report.outlets or (span.document_id,)) if report else (span.document_id,)


def blames(story: StoryFact, reports: dict[str, Report]) -> list[Blame]:
    """Return who blamed whom in a story, most outlets first, one accuser per accused party; a
    pair needs a state, person or organisation on each side (its evidence from up to two outlets)."""
    pairs: dict[tuple[int, int], list[EventFact]] = defaultdict(list)
    for event in story.events:
        if event.type not in phrases().blame_types or event.actor is None or event.target is None:
            continue
        if not BLAME_WORDS.search(event.span.text):  # "Poland warns NATO" blames no one
            continue
        if event.actor.id == event.target.id or not (
            plausible_actor(event.actor) and plausible_actor(event.target)
        ):
            continue
        pairs[(event.actor.id, event.target.id)].append(event)
    weights = {
        key: len({o for e in events for o in _outlets(e.span, reports)}) for key, events in pairs.items()
    }
    found = []
    accused: set[int] = set()
    for key in sorted(pairs, key=lambda k: -weights[k]):
        if key[1] in accused:  # "Zelensky blamed Russia" after "Ukraine blamed Russia" adds nothing
            continue
        accused.add(key[1])
        events = pairs[key]
        spans: dict[str, Span] = {}
        for event in events:
            for outlet in _outlets(event.span, reports):
                spans.setdefault(outlet, event.span)
        found.append(Blame(events[0].actor, events[0].target, tuple(dict.fromkeys(spans.values()))[:2]))  # type: ignore[arg-type]
    return found


def _accusers(story: StoryFact, found: list[Blame]) -> set[int]:
    return {b.accuser.id for b in found}


def _deed_events(story: StoryFact, found: list[Blame]) -> StoryFact:
    """Return the story without its blame events, and without the actor of a deed whose own
    sentence has that actor blaming someone ("Ukraine accused Russia of blowing up the dam" is
    not Ukraine blowing it up)."""
    accusers = _accusers(story, found)
    accusing = {s.document_id + str(s.start) for b in found for s in b.spans}
    kept = []
    for event in story.events:
        if event.type in phrases().blame_types:
            continue
        if (
            event.actor is not None
            and event.actor.id in accusers
            and (
                event.span.document_id + str(event.span.start) in accusing
                or BLAME_WORDS.search(event.span.text)
            )
        ):
            event = replace(event, actor=None)
        kept.append(event)
    return replace(story, events=tuple(kept)) if kept else story


def _stated_day(event: EventFact, reports: dict[str, Report]) -> date | None:
    """Return the day of an event when its evidence states it (a date or a weekday, resolved
    against publication); a date taken from publication alone does not count, and neither does
    a day after publication (a plan: "weapons will be moved on 7 July") or one more than
    MAX_LEAD_AGE_DAYS before it (background: "since the attack of 2 May")."""
    if not event.date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", event.date):
        return None
    day = date.fromisoformat(event.date)
    report = reports.get(event.span.document_id)
    published = report.published if report else None
    if published is not None and not 0 <= (published.date() - day).days <= MAX_LEAD_AGE_DAYS:
        return None
    stated = dates_in_evidence(event.span.text, published)
    return day if day in stated else None


def story_day(events: Sequence[EventFact], reports: dict[str, Report]) -> tuple[date, Span, bool] | None:
    """Return the story's day, the span that gives it, and whether its evidence states it.

    The day most outlets' evidence states wins; without one, the first publication day is
    used and the lead says it was reported then.
    """
    votes: dict[date, set[str]] = defaultdict(set)
    spans: dict[date, Span] = {}
    for event in events:
        day = _stated_day(event, reports)
        if day is not None:
            votes[day].update(_outlets(event.span, reports))
            spans.setdefault(day, event.span)
    if votes:
        best = max(votes, key=lambda d: (len(votes[d]), -d.toordinal()))
        return best, spans[best], True
    dated = [
        (reports[e.span.document_id].published, e.span)
        for e in events
        if e.span.document_id in reports and reports[e.span.document_id].published is not None
    ]
    if not dated:
        return None
    published, span = min(dated, key=lambda item: item[0])  # type: ignore[arg-type,return-value]
    return published.date(), span, False  # type: ignore[union-attr]


def key_phrase(story: StoryFact, reports: dict[str, Report]) -> str | None:
    """Return what a story's headlines are about, as most outlets word it ("Kakhovka dam").

    The phrase is the word pair (or single word) that the headlines of most outlets share,
    leaving out words every story of the war uses less than this one's own.
    """
    common, stopwords = common_words(reports), load_stopwords()
    counts: dict[str, set[str]] = defaultdict(set)
    for event in story.events:
        report = reports.get(event.span.document_id)
        if report is None or not report.title:
            continue
        words = re.findall(r"[A-Za-z][\w'-]*", report.title.lower())
        plain = stopwords | common
        # A word alone is the same word in its possessive: "Conti's downfall" names "conti".
        grams = {w.removesuffix("'s") for w in words if w.removesuffix("'s") not in plain and len(w) > 3}
        grams |= {
            f"{a} {b}"
            for a, b in pairwise(words)
            if a not in stopwords and b not in stopwords and not {a, b} <= common
        }
        for gram in grams:
            counts[gram].update(report.outlets or (report.id,))
    if not counts:
        return None
    shared = {g: len(o) + (0.5 if " " in g else 0) for g, o in counts.items() if len(o) > 1}
    if not shared:
        return None
    # Of phrases as widely shared, the one the story's own sentences use most, then the first by
    # spelling: the same story always reads the same.
    texts = [e.span.text.lower() for e in story.events]
    return max(shared, key=lambda g: (shared[g], sum(g in text for text in texts), [-ord(ch) for ch in g]))


# Places and parties a passive lead may not have as its subject; a facility (FAC) is a thing.
_NAMED_TYPES = frozenset({"PERSON", "GPE", "LOC", "NORP", "ORG"})


def _names_only(phrase: str, story: StoryFact) -> bool:
    """Whether a headline phrase only names people, places, parties or nationalities ("kyiv",
    "ukrainian", "yevgeny prigozhin"), so no thing of it can be what "was destroyed"."""
    names = {
        n.lower()
        for e in story.events
        for x in (e.actor, e.target, e.location, e.attributed_to)
        if x is not None and x.type in _NAMED_TYPES
        for n in x.names
    }
    words = names | country_words()
    whole = phrase.lower()
    return all(w in words for w in whole.split()) or whole in names or whole in country_words()


# Participles a passive lead never rests on: harm to people (a toll is the figures' to state, never
# "the Ukrainian forces were injured") and being shown ("was filmed", "was seen").
_NOT_DEEDS = frozenset(
    {"killed", "injured", "wounded", "hurt", "maimed", "filmed", "shown", "seen", "pictured"}
)


def _passive(phrase: str, spans: Sequence[Span]) -> tuple[str, Span] | None:
    """Return "the Nova Kakhovka dam was destroyed" as the evidence words it, and its span."""
    pattern = re.compile(
        rf"(?P<thing>(?:\b[A-Z][\w'-]*\s+){{0,2}}(?i:{re.escape(phrase)}))\b"
        # Between the thing and its verb only a place or an aside: "the dam near Kherson was hit",
        # never more of the noun ("A major dam ... was destroyed" is not about "A major").
        rf"(?:\s+(?:in|on|near|at|of|across|over|outside|south|north|east|west)\b[^.;:]{{0,40}}?|\s*,[^.;:]{{0,40}}?,)?\s"
        rf"(?i:{_AUXILIARY})\s(?P<verb>(?i:{_PARTICIPLE}))\b"
    )
    found: Counter[str] = Counter()
    where: dict[str, tuple[str, Span]] = {}
    for span in spans:
        match = pattern.search(span.text)
        if match:
            verb = match.group("verb").lower()
            if verb.split()[0] in _NOT_DEEDS:
                continue
            if verb.endswith(("ed", "en", "wn")) or verb.split()[0] in ("hit", "struck", "shot", "sunk"):
                thing = re.sub(r"^(?:[Tt]he|An?)\s+", "", match.group("thing"))  # "The Nova Kakhovka dam ..."
                if not thing.split()[-1].islower():  # "New Zealand was placed": a name, not a thing
                    continue
                found[verb] += 1
                plural = thing.endswith("s") and not thing.endswith("ss")
                where.setdefault(verb, (f"the {thing} {'were' if plural else 'was'} {verb}", span))
    if not found:
        return None
    return where[found.most_common(1)[0][0]]


def _speaker(agreed: Agreed) -> Name | None:
    """Return the party most of the agreed events are attributed to, when that is not the actor's
    own outlet but a side ("Russia said ..."), else None."""
    votes = Counter(e.attributed_to.id for e in agreed.events if e.attributed_to is not None)
    if not votes or sum(votes.values()) * 2 < len(agreed.events):
        return None
    best = votes.most_common(1)[0][0]
    name = next(e.attributed_to for e in agreed.events if e.attributed_to and e.attributed_to.id == best)
    return name if name is not None and plausible_actor(name) else None


def _same_side(a: Name, b: Name, aliases: dict[str, tuple[str, ...]]) -> bool:
    return a.id == b.id or b.name.lower() in (n.lower() for n in aliases.get(a.name.lower(), ()))


def _of_place(
    figure: FigureReport, events: dict[str, EventFact], place: Name | None, reports: dict[str, Report]
) -> bool:
    """Whether a figure counts the lead's place: its sentence names the place, or its report's
    headline does and the sentence does not count the whole war ("at least 500 children have been
    killed since the invasion" is not the toll of a strike on Dnipro)."""
    if place is None or not _specific(place):
        return True
    event = events[figure.event_id]
    if surface(place, event.span.text) is not None:
        return True
    title = (reports[event.span.document_id].title or "") if event.span.document_id in reports else ""
    lowered = event.span.text.lower()
    whole_war = any(p in lowered for p in phrases().war_wide)
    return not whole_war and surface(place, title) is not None


def _figures_clause(
    story: StoryFact, composer: Composer, speaker: Name | None, place: Name | None = None
) -> tuple[str, list[Span], Name | None, str | None]:
    """Return "at least 5 were reported killed, Ukraine said on 8 June; first reports gave 2",
    its spans, the party that gave the latest figure when a side did, and the side that did not
    confirm a claim of its losses ("Kyiv said its forces had killed 300 Russian soldiers")."""
    events = {e.id: e for e in story.events}
    claim: tuple[LossClaim, Span] | None = None
    for kind in ("killed", "injured"):
        figures = [f for f in stated_figures(story, kind) if _of_place(f, events, place, composer.reports)]
        if kind == "killed":
            plain = []
            for figure in figures:
                found = loss_claim(
                    events[figure.event_id], story, count(Bounds(figure.min, figure.max)), _value(figure)
                )
                if found is None:
                    plain.append(figure)
                elif claim is None:
                    claim = (found, events[figure.event_id].span)
            figures = plain
        if figures or claim is not None:
            break
    if claim is not None:  # the claim is the story's figure; other tolls stay in the casualties
        return claim[0].text, [claim[1]], None, claim[0].victims_side
    if not figures:
        return "", [], None, None
    first, last = figures[0], figures[-1]
    last_event = events[last.event_id]
    who = surface(last_event.attributed_to, last_event.span.text)
    side = last_event.attributed_to if who and plausible_actor(last_event.attributed_to) else None
    when = f" on {day_phrase(last.published.date())}" if last.published else ""
    said = f"{who} said{when}" if who else f"{phrases().outlet(last.source or 'one report')} reported{when}"
    toll = Bounds(last.min, last.max)
    verb = ("was " if _one(toll) else "were ") if kind == "killed" else ""
    text = f"{count(toll)} {verb}reported {kind}, {said}"
    spans = [last_event.span]
    values = [_value(f) for f in figures]
    if len(set(values)) > 1:
        low = figures[values.index(min(values))]
        if low is not last and _value(low) < _value(last):
            which = "first reports" if low is first else "other reports"
            text += f"; {which} gave {count(Bounds(low.min, low.max))}"
            spans.append(events[low.event_id].span)
    return text, spans, side, None


def _value(figure: FigureReport) -> float:
    return float(figure.max or figure.min or 0)


# Where a sentence says who reports: "Russia's defence ministry said", "Moscow claims".
_REPORTING = re.compile(r"\b(?:said|says|say|claimed|claims|claim|reported|reports|announced|stated)\b")


@dataclass(frozen=True, slots=True)
class LossClaim:
    """A side's count of the other side's fighters killed: "Russia said it had killed 250
    Ukrainian troops", which the other side (``victims_side``) did not confirm."""

    text: str
    victims_side: str
    speaker: str = ""


# How far before its reporting verb a sentence names who reports ("Russia's defence ministry said").
SPEAKER_CHARS = 60


def _speaker_of(event: EventFact, story: StoryFact) -> tuple[str, str] | None:
    """Return who gives a figure (as the brief writes it) and their country: the event's source
    when it belongs to a country ("Moscow claims ..." is Moscow, RU), else a state, person or
    organisation of the story, or a country, named just before one of the sentence's reporting
    verbs ("Russia's defence ministry said ..."; "the claimed attack" names no one)."""
    text = event.span.text
    source = event.attributed_to
    if (
        source is not None
        and source.country
        and (is_state(source) or source.type in ("GPE", "ORG", "PERSON"))
    ):
        return surface(source, text) or source.name, source.country
    sides = {
        n.id: n
        for e in story.events
        for n in (e.actor, e.target, e.location, e.attributed_to)
        if n is not None and n.country and (is_state(n) or n.type in ("ORG", "PERSON"))
    }
    for verb in _REPORTING.finditer(text):
        before = text[max(0, verb.start() - SPEAKER_CHARS) : verb.start()]
        found = [n for n in sides.values() if surface(n, before)]
        if found:
            name = max(found, key=lambda n: before.rfind(surface(n, before) or ""))
            return surface(name, before) or name.name, name.country or ""
        country = last_country_named(before)
        if country is not None:
            return country[1], country[0]
    return None


def loss_claim(event: EventFact, story: StoryFact, figure_count: str, value: float) -> LossClaim | None:
    """Return the claim when a figure's sentence is one side counting the other side's fighters
    killed ("Moscow says it has wiped out 400 Ukrainian fighters"), else None."""
    nouns = "|".join(sorted(map(re.escape, phrases().combatants)))
    if not nouns:
        return None
    victims = re.search(
        rf"(?P<number>[\w,.-]+)\s+(?P<side>[A-Z][\w'-]+)\s+(?P<noun>{nouns})\b", event.span.text
    )
    if victims is None or value not in numbers_in(victims.group("number")):
        return None
    side = demonym_countries().get(victims.group("side").casefold())
    speaker = _speaker_of(event, story)
    if side is None or speaker is None or speaker[1] == side[0]:
        return None
    text = phrases().enemy_losses.format(
        speaker=speaker[0], count=figure_count, victims=f"{victims.group('side')} {victims.group('noun')}"
    )
    return LossClaim(text, side[1], speaker[0])


# How many words may stand between a count and what it counts ("17,000 more local people").
COUNT_GAP_WORDS = 3
# How far after what is counted the sentence may say what happened to it.
OUTCOME_CHARS = 60


@lru_cache(maxsize=1)
def _consequence_pattern() -> re.Pattern[str] | None:
    words = phrases()
    if not words.counted or not words.outcomes:
        return None
    counted = "|".join(map(re.escape, words.counted))
    outcomes = "|".join(map(re.escape, words.outcomes))
    return re.compile(
        rf"(?:(?:about|some|at least|more than|over|nearly|up to|around|almost)\s+)?\b\d[\d,.]*"
        rf"(?:\s+[a-z]+){{0,{COUNT_GAP_WORDS}}}?\s+(?:{counted})\b[^.;:!?]{{0,{OUTCOME_CHARS}}}?"
        # Done to them, not awaited: "were being evacuated", not "were waiting to be evacuated".
        rf"\b(?:were|was|are|is|have|has|had)(?:\s+(?:been|being|now|already))*\s+(?P<outcome>{outcomes})\w*",
        re.IGNORECASE,
    )


def consequence(story: StoryFact, reports: dict[str, Report]) -> tuple[str, Span] | None:
    """Return a count of what followed, in its evidence's words ("17,000 people were being
    evacuated"), and its span: evacuations before other outcomes, then the largest count."""
    pattern = _consequence_pattern()
    if pattern is None:
        return None
    found: list[tuple[int, float, str, Span]] = []
    for span in dict.fromkeys(e.span for e in story.events):
        match = pattern.search(span.text)
        if match is None or not reports.get(span.document_id) or not reports[span.document_id].outlets:
            continue
        rank = next(
            i for i, o in enumerate(phrases().outcomes) if match.group("outcome").lower().startswith(o)
        )
        found.append((rank, max(numbers_in(match.group(0)) or {0.0}), match.group(0), span))
    if not found:
        return None
    best = min(found, key=lambda item: (item[0], -item[1]))
    return best[2], best[3]


def _one(toll: Bounds) -> bool:
    """Whether a toll is written as one person ("1 was reported killed", "at least 1 was ...")."""
    return (toll.min == 1 and toll.max in (None, 1)) or (toll.min is None and toll.max == 1)


Deed = tuple[str | None, list[Span], Agreed, Name | None]
# Acts a lead states with a place: a strike on a town, a withdrawal from it.
PLACED_ACTS = frozenset({"ASSAULT", "COERCE", "FIGHT", "RETREAT"})
# Acts a lead states with an amount or with both parties: aid, sanctions, an agreement.
DEALT_ACTS = frozenset({"AID", "SUPPORT", "SANCTION", "AGREE"})


# A name of more words is a headline read as a name ("Allies Pledge New Tanks For Spring Push").
MAX_NAME_WORDS = 5


def _specific(name: Name | None) -> bool:
    """Whether a party says where or on whom (a town, a person, a group), not a whole country."""
    return name is not None and not is_state(name) and len(name.name.split()) <= MAX_NAME_WORDS


def weak_deed(clause: str | None, agreed: Agreed) -> bool:
    """Whether a lead's deed says little: "reports link ...", or an act whose clause writes
    neither a town, a target other than a whole country, nor an amount ("Russia took part in
    fighting in Ukraine", "Ukraine made demands")."""
    if clause is None or clause.startswith("reports "):
        return True
    # "the Kakhovka dam was breached": the headlines' own subject; "the Pentagon", whose "the" a
    # sentence always writes, is a doer like any other.
    # "the Redut reportedly used coercion" is the doer as its evidence writes it, not a subject.
    doer = agreed.actor.names if agreed.actor is not None else ()
    if clause.startswith("the ") and not any(clause[4:].startswith(n.removeprefix("the ")) for n in doer):
        return False
    return agreed.money is None and not named_in(agreed.place, clause) and not named_in(agreed.target, clause)


def named_in(name: Name | None, clause: str) -> bool:
    """Whether a town, person or group (not a whole country) is written in the clause: "Russia
    struck Ukraine" names no town, even when the story's place is the capital it does not name."""
    return _specific(name) and any(
        re.search(rf"(?<!\w){re.escape(n)}(?!\w)", clause)
        for n in name.names  # type: ignore[union-attr]
    )


# The strength of an event stating a toll (5 plus the log of the dead); other acts score 3 or 4.
TOLL_STRENGTH = 5.0


def strength(event: EventFact) -> float:
    """Return how much one event would tell as a lead: a stated toll, a strike on a town, a
    withdrawal from it, aid or sanctions with an amount, an agreement between two parties."""
    words = set(re.findall(r"[a-z]+", event.span.text.lower()))
    if event.certainty not in ("asserted", None) or words & phrases().conditional_words:
        return 0.0  # a warning of what may follow "if" something happens happened nowhere
    score = 0.0
    tolls = {float(v) for v in (event.killed.min, event.killed.max) if v} if event.killed else set()
    if tolls and tolls <= numbers_in(event.span.text):
        score = 5 + math.log1p(max(tolls))
    if event.type in PLACED_ACTS and (_specific(event.location) or _specific(event.target)):
        score = max(score, 4.0)
    if event.type in DEALT_ACTS and event.money is not None:
        score = max(score, 4.0)
    if event.type == "AGREE" and plausible_actor(event.actor) and plausible_actor(event.target):
        score = max(score, 3.0)
    return score


# Acts a party does to a named other or at a named place that are deeds, amount or no amount:
# aid given, sanctions imposed, forces or weapons moved there.
DEEDS_DONE_TO = frozenset({"AID", "SANCTION", "MOBILIZE"})
# Of those, the acts whose place or target says enough when it is another whole country.
DEEDS_ABROAD = frozenset({"SANCTION", "MOBILIZE"})
# The strength (``strength``) from which an event is a concrete act whatever its kind.
CONCRETE_STRENGTH = 4.0


def concrete_act(event: EventFact) -> bool:
    """Whether an event is a concrete act an analyst leads with: a toll stated, a strike on a
    named place, aid or sanctions with an amount (``strength``), or a party giving aid to,
    sanctioning or moving forces to a named other or place ("Russia moved warheads to Belarus")."""
    if strength(event) >= CONCRETE_STRENGTH:
        return True
    actor = event.actor
    done_to = _specific(event.target) or _specific(event.location)
    # Forces moved into, or sanctions on, another country: "Russia moved warheads to Belarus".
    done_to = done_to or (
        event.type in DEEDS_ABROAD
        and actor is not None
        and any(
            n is not None and is_state(n) and n.country != actor.country
            for n in (event.target, event.location)
        )
    )
    asserted = event.certainty in ("asserted", None) and not event.negated
    return event.type in DEEDS_DONE_TO and asserted and done_to and plausible_actor(event.actor)


def _strongest(story: StoryFact, reports: dict[str, Report]) -> StoryFact | None:
    """Return the story narrowed to its strongest act (the events of one type on one place,
    target or amount), the one most outlets report among the strongest, or None."""
    groups: dict[tuple[str, object], list[EventFact]] = defaultdict(list)
    for event in story.events:
        if event.negated or event.certainty == "denied" or strength(event) == 0:
            continue
        where = next((n.id for n in (event.location, event.target) if n is not None and _specific(n)), None)
        groups[(event.type, where if where is not None else event.money)].append(event)
    if not groups:
        return None

    def weight(events: list[EventFact]) -> tuple[float, int]:
        outlets = {o for e in events for o in _outlets(e.span, reports)}
        return max(strength(e) for e in events) + len(outlets), len(events)

    # One sentence of one outlet is not the story's act, unless it states a toll.
    backed = [g for g in groups.values() if len({o for e in g for o in _outlets(e.span, reports)}) > 1]
    backed += [g for g in groups.values() if g not in backed and any(strength(e) >= TOLL_STRENGTH for e in g)]
    if not backed:
        return None
    best = max(backed, key=weight)
    return replace(story, events=tuple(best))


def _deed_clause(composer: Composer, story: StoryFact, found: list[Blame]) -> Deed:
    """Return what happened, its spans, the agreement and the side that reports it when the deed
    is one side's claim; when what the story's events agree on says little ("took part in
    fighting", "made demands"), its strongest act instead ("Russia struck Dnipro")."""
    deed = _agreed_deed(composer, story, found)
    if not weak_deed(deed[0], deed[2]):
        return deed
    events = _deed_events(story, found)
    narrowed = _strongest(events, composer.reports)
    strong = _agreed_deed(composer, narrowed, []) if narrowed is not None else deed
    agreed = strong[2]
    specific = _specific(agreed.place) or _specific(agreed.target) or agreed.money is not None
    # "reports describe an attack in Dnipro" tells more than "Russia took part in fighting".
    said = strong[0] is not None and not strong[0].startswith("reports link")
    if said and specific and _templated(agreed):
        return strong  # "Russia struck Dnipro"
    # What the agreed doer's own sentence says it did: "Ukraine claimed the first gains ...".
    own = _doer_words(composer, story, deed[2], events.events)
    if own is not None and deed[0] is not None and not deed[0].startswith("reports "):
        return own.text, [own.span, *deed[1]], deed[2], None
    return strong if said and specific else deed


# Acts of war: a country outside the window's conflict fights in it only when outlets agree.
WAR_ACTS = frozenset({"ASSAULT", "FIGHT"})


# Acts a state does not do to its own people or leaders (it does arrest, charge or sanction them).
OWN_SIDE_ACTS = frozenset({"REQUEST", "DEMAND", "DISAPPROVE", "ACCUSE", "CONSULT", "SUPPORT", "AGREE"})


def _own_side(actor: Name | None, target: Name | None) -> bool:
    """Whether the doer is a whole country and the target a person or organisation of it."""
    return (
        actor is not None
        and target is not None
        and is_state(actor)
        and target.type in ("PERSON", "ORG")
        and bool(actor.country)
        and target.country == actor.country
    )


def _third_parties_out(agreed: Agreed, composer: Composer) -> Agreed:
    """Return the agreement without a doer or target of an act of war that is a country outside
    the conflict's parties, unless events of that act from two outlets name it so ("Poland asked
    for air defences to repel Russian drones" does not make Poland fight Russia); and without
    doer and target when a country is said to ask, blame or back its own people or leaders."""
    if agreed.type in OWN_SIDE_ACTS and _own_side(agreed.actor, agreed.target):
        # "US lawmakers urge Biden" is not the United States making a request to its president.
        return replace(agreed, actor=None, target=None, support=0)
    if agreed.type not in WAR_ACTS or not composer.parties:
        return agreed

    def third(name: Name | None, role: str) -> bool:
        if name is None or not is_state(name) or not name.country or name.country in composer.parties:
            return False
        naming = [
            e
            for e in agreed.events
            if e.type == agreed.type and getattr(e, role) and getattr(e, role).id == name.id
        ]
        return len({o for e in naming for o in _outlets(e.span, composer.reports)}) < 2

    if third(agreed.actor, "actor"):
        agreed = replace(agreed, actor=None, support=0)
    if third(agreed.target, "target"):
        agreed = replace(agreed, target=None)
    return agreed


def _agreed_deed(composer: Composer, story: StoryFact, found: list[Blame]) -> Deed:
    """Return what happened (by agreement of the deed's events), its spans, the agreement and the
    side that reports it when the deed is one side's claim."""
    deed = _deed_events(story, found)
    agreed = _third_parties_out(agree(deed, composer.reports), composer)
    spans = agreed_spans(deed, agreed)
    evidence = joined(spans)
    speaker = _speaker(agreed) if agreed.actor is not None else None
    phrase = key_phrase(story, composer.reports)
    about = _subject(story, composer.reports)
    clause = story_clause(replace(agreed, hedged=agreed.hedged and speaker is None), evidence, agreed.support)
    agreed_clause = agreed.actor is not None and agreed.support >= 2 and clause is not None
    agreed_clause = agreed_clause and not clause.startswith("reports ")  # type: ignore[union-attr]
    # What the headlines are about, when the agreed act leaves it out: "the dam was destroyed".
    if phrase is not None and _names_only(phrase, story):
        # "Robert Hanssen was convicted" is about a person's past, "the Kyiv was killed" about no
        # thing: the headlines' subject of a passive lead is a thing (a dam, a bridge, a pipeline).
        phrase = None
    if phrase is not None and not (agreed_clause and phrase.lower() in (clause or "").lower()):
        passive = _passive(phrase, list(dict.fromkeys(e.span for e in deed.events)))
        if passive is not None and (not agreed_clause or agreed.target is None):
            text, span = passive
            place = placed(agreed.place, span.text)
            where = f" in {place}" if place and place.lower() not in text.lower() else ""
            return f"{text}{where}", [span], agreed, None
    what = sanctioned(spans) if agreed.type == "SANCTION" and agreed_clause else None
    if what is not None and (actor := surface(agreed.actor, what[1].text)):
        # Sanctions say on what, in the evidence's words: "on four companies in ... accused of ...".
        return f"{actor} imposed sanctions on {what[0]}", [what[1]], agreed, None
    # "Ukraine occupied Russia": an act said to be done to a whole country, read through a code;
    # and words of talk ("investigated", "made demands of") that the evidence says better.
    whole = agreed.target is not None and is_state(agreed.target) and not _templated(agreed)
    talk = agreed.type in TALK_ACTS and act_phrase(agreed) == phrases().event(agreed.type)
    own = (
        _own_words(agreed, about, composer.reports, deed.events, composer.parties)
        if agreed_clause and (whole or talk)
        else None
    )
    if own is not None:
        said = surface(speaker, evidence) if speaker is not None else None
        reported = own.text.endswith(" said")
        if said and not reported and not _same_side(speaker, agreed.actor, composer.aliases):  # type: ignore[arg-type]
            return f"{said} said {own.text}", [own.span, *spans], agreed, speaker
        return own.text, [own.span, *spans], agreed, None
    if agreed_clause and clause is not None:
        if speaker is not None:
            said = surface(speaker, evidence)
            actor = surface(agreed.actor, evidence) or ""
            if said and not _same_side(speaker, agreed.actor, composer.aliases):  # type: ignore[arg-type]
                return f"{said} said {clause}", spans, agreed, speaker
            if said and actor and speaker.type == "PERSON":
                # "Putin said Russia ...", but a person who is the doer is not "it": the deed leads.
                if agreed.actor is not None and speaker.id != agreed.actor.id:
                    return f"{said} said {clause}", spans, agreed, None
                return clause, spans, agreed, None
            if said and actor:
                return f"{said} said it {clause.removeprefix(actor).lstrip()}", spans, agreed, None
        return clause, spans, agreed, None
    clause = story_clause(agreed, evidence, agreed.support)
    if clause is None:
        clause = "reports describe " + act_phrase(agreed).noun
    return clause, spans, agreed, None


# Acts whose type's verb says them as well as the evidence would: a strike on a town ("Russia
# struck Kramatorsk"), fighting in a region; the others are said in the evidence's own words.
TEMPLATE_ACTS = frozenset({"ASSAULT", "FIGHT"})
# Acts whose type's verb only names a kind of talk or pressure ("investigated Prigozhin" for
# charges dropped, "threatened Ukraine" for a threat to take more land): the evidence says what.
# Talks and an agreement with a named party read well as they are.
TALK_ACTS = frozenset(
    {"THREATEN", "DEMAND", "INVESTIGATE", "SUPPORT", "REJECT", "DISAPPROVE", "MOBILIZE", "COOPERATE",
     "CONCEDE", "REQUEST", "PROTEST"}
)  # fmt: skip


def _templated(agreed: Agreed) -> bool:
    """Whether the agreed act reads well in its type's own verb ("Russia struck Kramatorsk"): one
    of TEMPLATE_ACTS, not read through a CAMEO code ("occupied" for a fight is the code's)."""
    return agreed.type in TEMPLATE_ACTS and act_phrase(agreed) == phrases().event(agreed.type)


def _subject(story: StoryFact, reports: dict[str, Report]) -> str | None:
    """Return what a story's headlines are about (``key_phrase``) when it is more than a country
    or a nationality ("kakhovka dam", "sunak", not "ukrainian"): a lead in a doer's own words
    comes from a sentence naming it."""
    phrase = key_phrase(story, reports)
    if phrase is None or all(w in country_words() for w in phrase.lower().split()):
        return None
    return phrase


def _own_words(
    agreed: Agreed,
    about: str | None,
    reports: dict[str, Report],
    others: Sequence[EventFact] = (),
    parties: Collection[str] = (),
) -> Predicate | None:
    """Return the agreed doer's deed as one of its own events' sentences writes it ("the US
    imposed sanctions on four gold firms"), the agreed events' first, then ``others`` of the
    story; one that writes the target, place or amount first; None when no sentence has the
    doer right before a past-tense verb."""
    if agreed.actor is None:
        return None
    doer = agreed.actor.id
    spans = [e.span for e in (*agreed.events, *others) if e.actor is not None and e.actor.id == doer]
    amount = agreed.money.amount if agreed.money is not None else None
    titles = {s.document_id: reports[s.document_id].title or "" for s in spans if s.document_id in reports}
    return best_predicate(agreed.actor, spans, (agreed.target, agreed.place), amount, about, titles, parties)


def _doer_words(
    composer: Composer, story: StoryFact, agreed: Agreed, others: Sequence[EventFact] = ()
) -> Predicate | None:
    """Return the agreed doer's deed in its own sentence's words (``_own_words``) when the story
    has a subject its sentence names, or two outlets name the doer; one outlet's doer of a story
    whose headlines share nothing is no lead."""
    about = _subject(story, composer.reports)
    if agreed.actor is None:
        return None
    naming = [e for e in (*agreed.events, *others) if _same_act(e, agreed)]
    if about is None and len({o for e in naming for o in _outlets(e.span, composer.reports)}) < 2:
        return None
    return _own_words(agreed, about, composer.reports, others, composer.parties)


def _same_act(event: EventFact, agreed: Agreed) -> bool:
    """Whether an event names the agreed doer, or does the agreed act to the agreed target from
    the doer's own country: "Russia's Investigative Committee dropped the case against the
    fighters" and "Russia dropped the charges against them" are one act, named two ways."""
    actor = agreed.actor
    if event.actor is None or actor is None:
        return False
    if event.actor.id == actor.id:
        return True
    target = agreed.target
    if event.type != agreed.type or target is None or event.target is None or event.target.id != target.id:
        return False
    if actor.country is not None and event.actor.country == actor.country:
        return True
    texts = (event.span.text, *(e.span.text for e in agreed.events))
    return any(_owned_by(a, b, t) for a, b in ((actor, event.actor), (event.actor, actor)) for t in texts)


def _owned_by(body: Name, state: Name, text: str) -> bool:
    """Whether a sentence writes a body as its country's ("Russia's Investigative Committee")."""
    owner, own = surface(state, text), surface(body, text)
    if not owner or not own or not is_state(state):
        return False
    return (
        re.search(rf"{re.escape(owner)}(?:’s|'s)\s+{re.escape(own.removeprefix('the '))}", text) is not None
    )


def _own_words_deed(composer: Composer, story: StoryFact, found: list[Blame]) -> Deed | None:
    """Return a deed in its evidence's words for a story whose events agree on no clause worth
    a lead: of the doers (states, people, organisations) of most outlets, the first whose own
    sentence says what it did ("Prigozhin arrived in Belarus"); None when none does."""
    deed = _deed_events(story, found)
    by_actor: dict[int, list[EventFact]] = defaultdict(list)
    for event in deed.events:
        if event.actor is not None and plausible_actor(event.actor) and strength(event) >= 0:
            by_actor[event.actor.id].append(event)

    def outlets(events: list[EventFact]) -> int:
        return len({o for e in events for o in _outlets(e.span, composer.reports)})

    for events in sorted(by_actor.values(), key=lambda es: (-outlets(es), es[0].actor.name)):  # type: ignore[union-attr]
        agreed = _third_parties_out(agree(replace(story, events=tuple(events)), composer.reports), composer)
        if agreed.actor is None and (peaceful := tuple(e for e in events if e.type not in WAR_ACTS)):
            # A third country fights in no war one sentence says it did: what else it did leads
            # ("Poland denied any involvement in the explosion"), not that fight.
            agreed = _third_parties_out(agree(replace(story, events=peaceful), composer.reports), composer)
        if agreed.actor is None or agreed.actor.id != events[0].actor.id:  # type: ignore[union-attr]
            continue
        own = _doer_words(composer, story, agreed, deed.events)
        if own is not None:
            return own.text, [own.span], agreed, None
    return None


@lru_cache(maxsize=1)
def _outlet_pattern() -> re.Pattern[str]:
    """Names of the news outlets of ``lexicons/outlets.yaml`` as a report's source ("the Washington
    Post has reported", "according to The Times", "Bild reports")."""
    names = sorted(
        {n.removeprefix("The ") for n in outlet_domains().values() if len(n) > 3}, key=len, reverse=True
    )
    forms = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"\baccording to (?:the |The )?(?P<a>{forms})\b"
        rf"|\b(?P<b>{forms})(?:\s+(?:has|had|have))?\s+(?:reported|reports|report|said|says)\b"
        rf"|\b(?P<c>{forms})\s+report\b"
    )


def reported_by(events: Sequence[EventFact]) -> tuple[str, Span] | None:
    """Return the outlet whose report the deed's evidence passes on, and the span naming it, when
    most of the deed's events are hedged and one of their sentences gives an outlet as source."""
    hedged = [e for e in events if e.certainty not in ("asserted", None)]
    if not events or len(hedged) * 2 < len(events):
        return None
    for event in hedged:
        match = _outlet_pattern().search(event.span.text)
        if match is not None:
            name = next(g for g in match.groups() if g)
            return ("The " + name if f"The {name}" in _outlet_names() else name), event.span
    return None


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    return frozenset(outlet_domains().values())


def _planned(clause: str, agreed: Agreed) -> str:
    """Return the clause as a plan when most of its evidence says the act was planned or plotted
    ("was planning an attack on the pipelines"): "Ukraine planned an attack against ..."."""
    plans = [e for e in agreed.events if PLAN_WORDS.search(e.span.text)]
    actor = surface(agreed.actor, joined(e.span for e in agreed.events))
    if len(plans) * 2 < len(agreed.events) or not actor or not clause.startswith(actor):
        return clause
    phrase = act_phrase(agreed)
    rest = clause.removeprefix(actor).strip()
    verb = phrase.verb if rest.startswith(phrase.verb) else phrase.alone
    whom = rest.removeprefix(verb).strip()
    return f"{actor} planned {phrase.noun}" + (f" {phrase.preposition} {whom}" if whom else "")


# Words that make an act a plan: "was planning an attack", "a plot to blow up".
PLAN_WORDS = re.compile(r"\b(?:plan|plans|planned|planning|plot|plots|plotted|plotting)\b", re.IGNORECASE)


def _attributed(clause: str, spans: list[Span], agreed: Agreed) -> tuple[str, list[Span]]:
    """Return the clause as another outlet's report when the deed's evidence passes one on
    ("according to the Washington Post, Ukraine planned an attack ..."), with the span naming it."""
    reported = reported_by(agreed.events)
    if reported is None:
        return clause, spans
    outlet, report_span = reported
    according = phrases().attribution.format(outlet=phrases().outlet(outlet))
    # The outlet is the source now: "the Washington Post said Ukraine ..." loses its "said".
    core = re.escape(outlet.removeprefix("The "))
    clause = re.sub(rf"^(?:the |The )?{core} said (?:it )?", "", clause)
    return f"{according[:1].lower()}{according[1:]}{_planned(clause, agreed)}", [report_span, *spans]


def _has_toll(story: StoryFact) -> bool:
    """Whether a story's evidence states a number killed or injured."""
    return bool(stated_figures(story, "killed") or stated_figures(story, "injured"))


def _placed_act(
    agreed: Agreed, story: StoryFact, reports: dict[str, Report]
) -> tuple[str, list[Span]] | None:
    """Return "reports describe an attack in Voronezh" for a strike, a fight or a withdrawal at
    the town most outlets' events of it name, whoever did it, with the spans naming the town;
    None for other acts, or when no event names a town."""
    if agreed.type not in PLACED_ACTS:
        return None
    towns: dict[int, list[EventFact]] = defaultdict(list)
    for event in story.events:
        if event.type == agreed.type and _specific(event.location) and not event.negated:
            towns[event.location.id].append(event)  # type: ignore[union-attr]
    if not towns:
        return None
    best = max(towns.values(), key=lambda es: len({o for e in es for o in _outlets(e.span, reports)}))
    place = best[0].location
    spans = list(dict.fromkeys(e.span for e in best))
    clause = story_clause(replace(agreed, actor=None, target=None, place=place), joined(spans), 0)
    return (clause, spans) if clause is not None and named_in(place, clause) else None


# How many outlets an act no doer is agreed on names as its reporters.
MAX_REPORTERS = 2


def _outlets_reported(act: str, spans: Sequence[Span], reports: dict[str, Report]) -> str:
    """Return an act its reports agree on no doer of, with who reported it: "BBC and Reuters
    reported an attack in Donetsk", "BBC, Reuters and other outlets reported ..."."""
    outlets = list(
        dict.fromkeys(
            phrases().outlet(o)
            for s in spans
            if s.document_id in reports
            for o in reports[s.document_id].outlets
        )
    )
    named = outlets[:MAX_REPORTERS]
    if len(outlets) > len(named):
        named.append(phrases().reported_others)
    who = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    # "reported an unconfirmed attack", not "reported unconfirmed an attack".
    act = re.sub(r"^unconfirmed (?:an?|the) ", "an unconfirmed ", act)
    return phrases().reported_act.format(outlets=who, act=act)


def _lead_deed(
    composer: Composer, story: StoryFact, found: list[Blame]
) -> tuple[Deed | None, StoryFact, bool]:
    """Return the deed a lead states, the story (narrowed to one doer's events when its deed is
    that doer's own words), and whether the story's own sentence, when one can be quoted, says
    more; no deed when only a quote can lead."""
    clause, spans, agreed, claimant = _deed_clause(composer, story, found)
    concrete = clause is not None and (
        named_in(agreed.place, clause) or named_in(agreed.target, clause) or agreed.money is not None
    )
    no_doer = clause is not None and clause.startswith("reports ")
    if clause is None or no_doer or (weak_deed(clause, agreed) and not concrete):
        # What a doer's own sentence says it did says more than a quote of the story, and more
        # than "reports describe concessions involving the battalion", whose reports name two doers.
        own = _own_words_deed(composer, story, found)
        if own is not None:
            clause, spans, agreed, claimant = own
            # One doer's deed of a story on other things too: only its own events' figures.
            story = replace(story, events=agreed.events)
    if clause is None:
        return None, story, True
    concrete = named_in(agreed.place, clause) or named_in(agreed.target, clause) or agreed.money is not None
    if (
        weak_deed(clause, agreed)
        and not concrete
        and not _in_own_words(clause, spans, agreed.actor, composer.parties)
    ):
        # "Ukraine carried out an attack" (even with a toll after it: of what, where?): the act
        # at the town its reports name, with who reported it, when they agree on no doer ("Russia
        # reports a drone attack" on its own city is no strike by Russia); else the story's own
        # most telling sentence says more, or the story is left out.
        placed_act = _placed_act(agreed, story, composer.reports) if _has_toll(story) else None
        if placed_act is None:
            return None, story, True
        clause, spans = placed_act
    # One sentence names a doer the story's other reports leave out: its own words lead, or
    # the act without that doer.
    linked = clause.startswith("reports link ")
    if linked:
        clause = story_clause(replace(agreed, actor=None), joined(spans), agreed.support) or clause
    if clause.startswith("reports describe "):
        clause = _outlets_reported(clause.removeprefix("reports describe "), spans, composer.reports)
    return (clause, spans, agreed, claimant), story, linked


def lead_sentence(composer: Composer, story: StoryFact, prefix: str = "") -> Sentence | None:
    """Return the lead of a story: when, what and where, who blamed whom, figures and who gave them."""
    found = blames(story, composer.reports)
    deed, story, quote_first = _lead_deed(composer, story, found)
    quoted = concrete_lead(composer, story, prefix) if quote_first else None
    if deed is None or quoted is not None:
        return quoted
    said, spans, agreed, claimant = deed
    if said is None:
        return None
    clause, spans = _attributed(said, spans, agreed)
    # The day of the story's happening by all its reports: its agreed act alone may be a later
    # part of it (the shelling of evacuees after a dam breach, dated two days on).
    dated = story_day(story.events, composer.reports)
    opening = ""
    date_spans: list[Span] = []
    if dated is not None:
        day, day_span, stated = dated
        opening = f"On {day_phrase(day)}, " if stated else f"First reported on {day_phrase(day)}: "
        date_spans = [day_span]
    deed_parties = {n.id for n in (agreed.actor, agreed.target, agreed.place) if n is not None}
    deed_blames = [b for b in found if _blames_for_deed(b, clause, deed_parties)][:2]
    clause, spans, deed_blames = _contested_doer(clause, spans, agreed, deed_blames, composer)
    parts: list[Part] = [(prefix + opening + clause, [*date_spans, *spans])]
    fallback: list[Part] = list(parts)
    blame_parts = []
    for blame in deed_blames:
        evidence = joined(blame.spans)
        accuser, accused = surface(blame.accuser, evidence), surface(blame.accused, evidence)
        if accuser and accused:
            blame_parts.append((f"{accuser} {phrases().blame_verb} {accused}", list(blame.spans)))
    if blame_parts:
        parts.append(("; " + blame_parts[0][0], blame_parts[0][1]))
        if len(blame_parts) > 1:
            parts.append((", and " + blame_parts[1][0], blame_parts[1][1]))
    followed = consequence(story, composer.reports)
    if followed is not None:
        text, span = followed
        outlet = phrases().outlet(composer.reports[span.document_id].outlets[0])
        parts.append((f"; {text[:1].lower() + text[1:]}, according to {outlet}", [span]))
    figures, figure_spans, side, unconfirmed = _figures_clause(story, composer, claimant, agreed.place)
    if figures:
        parts.append(("; " + figures, figure_spans))
    other = claimant or side
    if unconfirmed is not None:
        parts.append(("; " + phrases().not_confirmed.format(party=unconfirmed), []))
    elif (
        other is not None
        and is_state(other)
        and agreed.actor is not None
        and not _same_side(other, agreed.actor, composer.aliases)
    ):
        confirm = surface(agreed.actor, joined(spans))
        if confirm and is_state(agreed.actor):
            parts.append(("; " + phrases().not_confirmed.format(party=confirm), []))
    return composer.emit(_capitalised(parts), _capitalised(fallback))


def _in_own_words(clause: str, spans: list[Span], doer: Name | None, parties: Collection[str]) -> bool:
    """Whether a lead's clause is its evidence's own words (a deed written by ``predicate``) and
    names more than its doer and a whole country: its words but the tense's ("was", "were" for
    "is", "are") are those of one of its sentences."""

    def tokens(text: str) -> set[str]:
        return {t.rstrip(".") for t in re.findall(r"[\w’'$€£%.-]+", text.lower())}

    words = tokens(clause) - {"was", "were", "said", "the"}
    found = surface(doer, clause)
    rest = clause.replace(found, "", 1) if found else clause
    own = any(words <= tokens(s.text) for s in spans)
    return own and concrete(rest.split()[1:], parties)  # after its verb


def _contested_doer(
    clause: str, spans: list[Span], agreed: Agreed, deed_blames: list[Blame], composer: Composer
) -> tuple[str, list[Span], list[Blame]]:
    """When the deed's doer is blamed for it and blames the other side back, the deed is the
    accuser's account, not a fact: "Ukraine said Russia destroyed the reservoir; the Kremlin
    blamed Ukraine" (the blame the clause now carries is not repeated)."""
    actor = agreed.actor
    if actor is None:
        return clause, spans, deed_blames
    doer_side = actor

    def sides(name: Name) -> bool:  # "the Kremlin" is on Russia's side, as its country says
        same_country = name.country is not None and name.country == doer_side.country
        return same_country or _same_side(name, doer_side, composer.aliases)

    against = [b for b in deed_blames if sides(b.accused)]
    back = [b for b in deed_blames if sides(b.accuser)]
    doer = surface(actor, joined(spans))
    if not against or not back or doer is None or not clause.startswith(doer):
        return clause, spans, deed_blames
    accuser = surface(against[0].accuser, joined(against[0].spans))
    if accuser is None:
        return clause, spans, deed_blames
    rest = [b for b in deed_blames if b is not against[0]]
    return f"{accuser} said {clause}", [*spans, *against[0].spans], rest


def _centrality(span: Span, profile: Counter[str]) -> float:
    """How much of what a story's sentences say one sentence says: its words' counts in the
    story, over the root of its length (a long sentence does not win by length alone)."""
    words = content_words(span.text)
    return sum(profile[w] for w in words) / len(words) ** 0.5 if words else 0.0


# How much more a quoted lead is worth when a side of the conflict acts or is acted on in it.
SIDED_WEIGHT = 1.5


def concrete_lead(composer: Composer, story: StoryFact, prefix: str = "") -> Sentence | None:
    """Return a lead quoting the story's most central whole sentence that names what its
    headlines are about (the story's key phrase), dated by its report: "First reported on 5 June:
    according to NBC News, “...”"; None when no sentence does (the story says nothing concrete)."""
    phrase = key_phrase(story, composer.reports)
    if phrase is None:
        return None
    about = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)
    profile: Counter[str] = Counter(w for e in story.events for w in content_words(e.span.text))
    candidates = [
        span
        for span in dict.fromkeys(e.span for e in story.events)
        if _quotable(span.text)
        and about.search(span.text)
        and (report := composer.reports.get(span.document_id)) is not None
        and report.outlets
        and report.published is not None
    ]
    if not candidates:
        return None
    # A sentence where a side of the conflict acts or is acted on says more of the war than one
    # naming it in passing ("a conference moved over the nation's ties with Russia").
    sided = {
        e.span
        for e in story.events
        if any(n is not None and n.country in composer.parties for n in (e.actor, e.target))
    }
    best = max(
        candidates,
        key=lambda s: (
            _centrality(s, profile)
            * (1.5 if numbers_in(s.text) else 1.0)
            * (SIDED_WEIGHT if s in sided else 1.0)
        ),
    )
    report = composer.reports[best.document_id]
    outlet = phrases().outlet(report.outlets[0])
    opening = phrases().attribution.format(outlet=outlet)
    quote = short_quote(" ".join(best.text.split()).rstrip("."))
    day = day_phrase(report.published.date())  # type: ignore[union-attr]
    text = f"{prefix}First reported on {day}: {opening[:1].lower()}{opening[1:]}“{quote}”"
    return composer.emit([(text, [best])])


# A quoted lead says one thing: a longer sentence is cut after its first clauses.
LEAD_QUOTE_CHARS = 220
# A cut quote keeps at least this much of its sentence.
MIN_CUT_CHARS = 60
_CLAUSE_END = re.compile(r",\s|\s[—–-]\s|;\s|\s(?:as|while|after|before|where|which|and|but)\s")


def short_quote(quote: str) -> str:
    """Return a lead's quote of at most LEAD_QUOTE_CHARS: a longer one up to the last clause
    boundary (a comma, a dash, "as", "while", "which", ...) that fits, with "…" for the rest."""
    if len(quote) <= LEAD_QUOTE_CHARS:
        return quote
    cuts = [m.start() for m in _CLAUSE_END.finditer(quote) if MIN_CUT_CHARS <= m.start() <= LEAD_QUOTE_CHARS]
    end = cuts[-1] if cuts else quote.rfind(" ", 0, LEAD_QUOTE_CHARS)
    return quote[:end].rstrip(" ,;—–-") + "…"


def _blames_for_deed(blame: Blame, clause: str, deed_parties: set[int]) -> bool:
    """Whether a blame is about the lead's deed: it blames or is made by a party of the deed
    ("Ukraine blamed Russia" when Russia struck the bridge), or its evidence shares a word of
    the deed beyond the parties and countries ("accused Russia of blowing up the dam" for "the
    dam was breached"). "The Kremlin accused Wagner" of a feud is not about fighting in Donetsk."""
    if {blame.accuser.id, blame.accused.id} & deed_parties:
        return True
    parties = {w.lower() for n in (blame.accuser, blame.accused) for name in n.names for w in name.split()}
    deed = content_words(clause) - parties - country_words() - {"reports", "describe", "link"}
    return not deed or bool(deed & content_words(joined(blame.spans)))


def _capitalised(parts: list[Part]) -> list[Part]:
    if not parts:
        return parts
    text, spans = parts[0]
    return [(text[:1].upper() + text[1:], spans), *parts[1:]]


# How a whole sentence ends: a full stop, question or exclamation mark, maybe inside a quote or
# bracket ("... a “war crime.”"); a summary cut off at its length limit ("... Russia’s full-sc"
# or "... full-sc...", "... full-sc…") does not.
_ENDS_SENTENCE = re.compile(r"(?<![.…])[.!?][\"”’')\]]*$")


# A photo caption ends with the day the picture was taken: "..., on May 25, 2023."
_CAPTION_DATE = re.compile(r"\b[A-Z][a-z]+\.? \d{1,2}, \d{4}\W*$")


def _caption(text: str) -> bool:
    """Whether a sentence is a photo caption or holds a page's furniture ("latest news updates")."""
    lowered = text.lower()
    furniture = (*phrases().caption_phrases, *phrases().furniture)
    return bool(_CAPTION_DATE.search(text.strip())) or any(p in lowered for p in furniture)


def _quotable(text: str) -> bool:
    """Whether a sentence can stand as a quote: not a heading or a photo caption, not too long,
    and a whole sentence (a headline without a full stop or a summary cut off is not)."""
    words = re.findall(r"[\w'-]+", text.lower())
    return (
        not _caption(text)
        and 40 <= len(text) <= MAX_QUOTE_CHARS
        and not text.lstrip().startswith("#")
        and bool(words)
        and words[-1] not in load_stopwords()
        and words[-1] not in phrases().abbreviations
        and bool(_ENDS_SENTENCE.search(text.rstrip()))
    )


def supporting_sentences(
    composer: Composer, story: StoryFact, lead: Sentence, elsewhere: Collection[str] = ()
) -> list[Sentence]:
    """Return up to MAX_SUPPORT quoted sentences of the story, the most central first, each from
    another outlet, saying something the lead does not (a figure, a consequence): not the lead's
    own sentence said again, and not a sentence on what another development's headlines are about
    (``elsewhere``: "the breach of the dam is most worrying" under a hacked broadcast)."""
    cited = {composer.citation_span(n) for n in lead.citations}
    lead_words = content_words(lead.text)
    profile: Counter[str] = Counter()
    candidates: dict[Span, tuple[str, ...]] = {}
    for event in story.events:
        span = event.span
        outlets = _outlets(span, composer.reports)
        words = content_words(span.text)
        profile.update(words)
        # Who blamed whom is the lead's to say: a blame it leaves out is not about its deed.
        blaming = event.type in phrases().blame_types and BLAME_WORDS.search(span.text)
        if span not in cited and _quotable(span.text) and not blaming:
            candidates.setdefault(span, outlets)

    def score(span: Span) -> float:
        words = content_words(span.text)
        if not words:
            return 0.0
        central = sum(profile[w] for w in words) / len(words) ** 0.5
        fresh = len(words - lead_words) / len(words)
        figures = 1.5 if numbers_in(span.text) else 1.0
        return central * (0.5 + fresh) * figures

    # A quote is about the lead: it or its report's headline names one of the lead's own names
    # ("Dnipro", "Prigozhin"); a country's name ("Russia") counts only when the lead has no other.
    outlet_words = {
        w.lower() for n in lead.citations for o in composer.citation_outlets(n) for w in o.split()
    }
    names = _lead_names(lead) - outlet_words
    topical = (names - country_words()) or names

    # And its report shares a word of the lead's sentences or headlines ("broadcast", "hacking",
    # "Kazakhstan") beyond the names the lead writes, the war's own countries and the window's
    # common words: a report naming the same leader on another matter is not about its happening.
    cited_documents = {s.document_id for s in cited}
    written = {w.lower() for run in names_in(strip_citations(lead.text)) for w in run.split()}
    parties = {
        w for w in country_words() if (c := last_country_named(w.title())) and c[0] in composer.parties
    }
    plain = common_words(composer.reports) | names | topical | written | parties | outlet_words
    said = " ".join(f"{s.text} {composer.reports[s.document_id].title or ''}" for s in cited)
    happening = content_words(said) - plain
    reported: dict[str, set[str]] = defaultdict(set)  # what each document of the story says
    for event in story.events:
        reported[event.span.document_id] |= content_words(event.span.text)

    def about_lead(span: Span) -> bool:
        title = composer.reports[span.document_id].title or ""
        words = set(re.findall(r"[\w'-]+", f"{span.text} {title}".lower()))
        document = reported[span.document_id] | content_words(title)
        if span.document_id not in cited_documents and not happening & document:
            return False  # its report is about something else
        return not topical or bool(topical & words)

    chosen: list[Sentence] = []
    used_outlets = {o for n in lead.citations for o in composer.citation_outlets(n)}
    support_outlets: set[str] = set()
    # The lead's own sentences count as said: a second phrasing of them adds nothing.
    seen_words: list[set[str]] = [content_words(s.text) for s in cited]
    lead_text = strip_citations(lead.text)
    others = [p for p in elsewhere if " " in p and not names_phrase(lead_text, p)]
    for span in sorted(candidates, key=score, reverse=True):
        outlets = candidates[span]
        if len(chosen) >= MAX_SUPPORT:
            break
        # Each supporting sentence from another outlet than the other's, and than the lead's
        # when the story has quotes enough from others.
        if any(o in support_outlets for o in outlets):
            continue
        if any(o in used_outlets for o in outlets) and len(candidates) > MAX_SUPPORT * 2:
            continue
        words = content_words(span.text)
        if any(len(words & old) > 0.6 * len(words) for old in seen_words) or not about_lead(span):
            continue
        if any(names_phrase(span.text, p) for p in others):
            continue
        outlet = outlets[0] if composer.reports[span.document_id].outlets else None
        quote = " ".join(span.text.split()).rstrip(".")
        opening = (
            phrases().attribution.format(outlet=phrases().outlet(outlet)) if outlet else "One report said: "
        )
        sentence = composer.emit([(f"{opening}“{quote}”", [span])])
        if sentence is not None:
            chosen.append(sentence)
            used_outlets.update(outlets)
            support_outlets.update(outlets)
            seen_words.append(words)
    return chosen


def development(composer: Composer, story: StoryFact, lead: Sentence | None = None) -> Sentence | None:
    """Return a story's development: its lead and supporting sentences as one cited item."""
    lead = lead or lead_sentence(composer, story)
    if lead is None:
        return None
    return joined_sentences([lead, *supporting_sentences(composer, story, lead)])


def joined_sentences(sentences: Sequence[Sentence]) -> Sentence:
    """Return sentences as one cited item: their texts in order, their citations once each."""
    text = " ".join(s.text for s in sentences)
    return Sentence(text, tuple(dict.fromkeys(n for s in sentences for n in s.citations)))


# Who gave a lead's figure: ", the Guardian reported on 2 June", ", Pavlo Kyrylenko said on 14 June".
_GIVEN_BY = re.compile(
    r",\s+(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*\s+(?:reported|said)(?:\s+on\s+\d{1,2}\s+[A-Z][a-z]+)?"
)


def _deed_text(lead: Sentence) -> str:
    """Return a lead without its citation markers and without who gave its figures: two leads of
    one deed whose figures came from other outlets still say the same."""
    return _GIVEN_BY.sub("", strip_citations(lead.text))


def _lead_words(lead: Sentence) -> set[str]:
    """Return a lead's words and numbers, not its citation markers' ("[21]" is no figure)."""
    text = _deed_text(lead)
    return content_words(text) | {n.rstrip(".,") for n in re.findall(r"\d[\d,.]*", text)}


def _lead_names(lead: Sentence) -> set[str]:
    """Return the names a lead gives (capitalised words after its first), "Kharkiv", "Russia"."""
    full = _deed_text(lead)
    text = re.sub(r"^(?:On|First reported on) \d{1,2} [A-Z][a-z]+[,:] (?:according to [^,]+, )?", "", full)
    # A person is named by the surname: "Vladimir Putin" is "putin", and another Vladimir is not him.
    runs = names_in(text if text != full else text.split(" ", 1)[-1])
    return {run.split()[-1].strip("’'").lower() for run in runs} - load_stopwords()


def _claimed(text: str) -> str | None:
    """Return what a lead says a side claimed of the enemy's losses ("had killed 250 Ukrainian
    troops"), as ``phrases.yaml``'s ``enemy_losses`` words it, or None."""
    template = phrases().enemy_losses
    said = template.split("{speaker}", 1)[-1].split("{count}", 1)[0]
    found = re.search(rf"{re.escape(said)}(?P<what>[^\[;.]+)", strip_citations(text))
    return found.group("what").strip() if found else None


def same_development(
    lead: Sentence, earlier: list[tuple[set[str], set[str]]], claims: Collection[str] = ()
) -> bool:
    """Whether a lead says what an earlier one said (two stories resolution kept apart): most
    words shared, and the names of one all in the other ("Russia struck Kharkiv" is not
    "Russia struck Odesa"); or the same side's claim of the enemy's losses ("Moscow said it had
    killed 250 Ukrainian troops" after "Russia said it had killed 250 Ukrainian troops")."""
    text = strip_citations(lead.text)
    if any(claim in text for claim in claims):  # also a quote: "... says 250 Ukrainian troops killed"
        return True
    words, names = _lead_words(lead), _lead_names(lead)
    return any(
        len(words & old) >= SAME_SHARE * min(len(words), len(old))
        and (names <= old_names or old_names <= names)
        for old, old_names in earlier
    )


def _near(a: str, b: str) -> bool:
    """Whether two words are one spelling apart ("kakhova" for "kakhovka", "zelenskiy" for
    "zelenskyy"): names of six letters or more are written in several transliterations."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def names_phrase(text: str, phrase: str) -> bool:
    """Whether a text writes a phrase, word for word, each word maybe one spelling apart."""
    words = re.findall(r"[\w'-]+", text.lower())
    wanted = phrase.lower().split()
    return any(
        all(_near(w, x) for w, x in zip(wanted, words[i : i + len(wanted)], strict=True))
        for i in range(len(words) - len(wanted) + 1)
    )


def _repeats(lead: Sentence, covered: Sequence[str]) -> int | None:
    """Return the index in ``covered`` (earlier developments' headline subjects) of the one a
    quoted lead (a story's own sentence) or a lead of someone blaming someone names ("... blamed
    the leader for wrecking the Kakhova dam" after the Kakhovka dam's development), else
    None: it is the same happening, reported apart."""
    text = strip_citations(lead.text)
    quoted = re.match(r"first reported on [^:]+: according to [^“]+“", text.lower())
    # "Norway blamed Russia for the destruction of the dam": a reaction to the happening.
    reaction = BLAME_WORDS.search(re.sub(r"^(?:On|First reported on) [^,:]+[,:] ", "", text).split(";")[0])
    if not quoted and not reaction:
        return None
    return next((i for i, p in enumerate(covered) if " " in p and names_phrase(text, p)), None)


def as_support(lead: Sentence) -> Sentence:
    """Return a quoted lead as a supporting sentence of another development: its outlet and its
    quote without the day it was first reported ("According to Bloomberg, “...”"); a lead of
    someone's words keeps its day ("On 7 June, Germany blamed ...")."""
    text = re.sub(r"^First reported on [^:]+: (?=according to )", "", lead.text)
    return Sentence(text[:1].upper() + text[1:], lead.citations)


def says_nothing(lead: Sentence) -> bool:
    """Whether a lead is only a doer and a bare act, with no place, target, figure or quote
    after it ("Ukraine made demands"): a reader learns nothing from it."""
    text = strip_citations(lead.text).rstrip(" .")
    alone = phrases().alone_phrases()
    return any(
        re.search(rf"^(?:On|First reported on) [^,:]+[,:] \S+(?: \S+)? {re.escape(a)}$", text) for a in alone
    )


# The words a document must share with what a lead cites to report the lead's development.
SHARED_LEAD_WORDS = 2


def reporting_outlets(composer: Composer, story: StoryFact, lead: Sentence) -> set[str]:
    """Return the outlets of the story's documents that report what its lead says: those the
    lead cites, and those whose headline or sentences share SHARED_LEAD_WORDS of the words of
    the sentences it cites (not countries, not the window's common words). A story that gathers
    nine outlets' items about a leader counts only those about its lead's happening."""
    spans = [composer.citation_span(n) for n in lead.citations]
    plain = country_words() | common_words(composer.reports)
    wanted = content_words(" ".join(s.text for s in spans)) - plain
    cited = {s.document_id for s in spans}
    texts: dict[str, set[str]] = defaultdict(set)
    for event in story.events:
        texts[event.span.document_id] |= content_words(event.span.text)
    outlets: set[str] = set()
    for document, words in texts.items():
        report = composer.reports.get(document)
        if report is None:
            continue
        words = (words | content_words(report.title)) - plain
        if document in cited or len(words & wanted) >= SHARED_LEAD_WORDS:
            outlets.update(report.outlets or (document,))
    return outlets


# How many of the ranked stories are weighed by their leads for each development listed.
POOL_FACTOR = 3


def _development_weight(composer: Composer, story: StoryFact, lead: Sentence) -> float:
    """Return what a story's development is worth (``brief.weigh``) by the lead written of it."""
    spans = {composer.citation_span(n) for n in lead.citations}
    cited = [e for e in story.events if e.span in spans]
    # A side the lead itself names, as doer, target or place of an event it cites, or the war's
    # own business it writes ("no involvement in the mutiny"): a visit between allies has neither.
    text = strip_citations(lead.text)
    words = phrases().conflict_words
    sided = any(w in words or w.removesuffix("s") in words for w in content_words(text)) or any(
        n is not None and n.country in composer.parties and surface(n, text) is not None
        for e in cited
        for n in (e.actor, e.target, e.location)
    )
    headlines = [composer.reports[s.document_id].title for s in spans if s.document_id in composer.reports]
    return lead_weight(lead.text, any(concrete_act(e) for e in cited), sided, headlines)


def weighed(
    composer: Composer, stories: Sequence[StoryFact], previous: object, wanted: int
) -> list[StoryFact]:
    """Return the first ``POOL_FACTOR * wanted`` stories ranked again by what their leads can
    say (``brief.weigh``) and by the outlets that report what the lead says, the others after
    them as they were: "the Pentagon pledged $2.1 billion" with four outlets outranks a
    candidate's warning quoted by nine. The leads written to weigh them leave no citation behind."""
    pool, rest = list(stories[: POOL_FACTOR * wanted]), list(stories[POOL_FACTOR * wanted :])
    numbered, withheld = dict(composer.citations), list(composer.withheld)
    known = known_stories(previous if isinstance(previous, dict) else None)
    scores: dict[str, tuple[float, float]] = {}
    for story in pool:
        lead = lead_sentence(composer, story)
        if lead is None:
            scores[story.key] = story_score(story, known, 0.0)
        else:
            weight = _development_weight(composer, story, lead)
            scores[story.key] = story_score(
                story, known, weight, len(reporting_outlets(composer, story, lead))
            )
    composer.citations, composer.withheld = numbered, withheld
    return sorted(pool, key=lambda s: scores[s.key], reverse=True) + rest


def build(context: Context) -> Section:
    """The top stories of the window, at most MAX_DEVELOPMENTS, each said once; a story's quoted
    lead naming what an earlier development's headlines are about is that development's, and
    supports it when it has room."""
    composer = context.composer
    entries: list[list[Sentence]] = []
    covered: dict[str, int] = {}
    said: list[tuple[set[str], set[str]]] = []
    claims: set[str] = set()
    cited_documents: set[str] = set()
    corroborated = sum(len(story.outlets) > 1 for story in context.stories)
    wanted = max(MAX_DEVELOPMENTS, min(corroborated, MAX_CORROBORATED))
    for story in weighed(composer, context.stories, context.previous, wanted):
        if len(entries) >= wanted:
            break
        # Another story on what a listed one's headlines are about is the same development.
        phrase = key_phrase(story, composer.reports)
        if phrase is not None and phrase in covered:
            continue
        documents = {e.span.document_id for e in story.events}
        if documents <= cited_documents:  # another reading of reports already listed
            continue
        numbered = dict(composer.citations)  # a development left out leaves no sources behind
        lead = lead_sentence(composer, story)
        # "BBC reported an attack" says nothing unless several outlets report it.
        vague = lead is not None and len(story.outlets) < 2 and is_no_doer_lead(lead.text)
        repeat = _repeats(lead, list(covered)) if lead is not None and not vague else None
        if lead is not None and repeat is not None:
            earlier = entries[list(covered.values())[repeat]]
            if len(earlier) > MAX_SUPPORT:
                composer.citations = numbered
            else:
                earlier.append(as_support(lead))
                cited_documents |= {composer.citation_span(n).document_id for n in lead.citations}
            continue
        parts = (
            None
            if lead is None or vague or same_development(lead, said, claims)
            else [lead, *supporting_sentences(composer, story, lead, [p for p in covered if p != phrase])]
        )
        if lead is None or parts is None or (len(parts) == 1 and says_nothing(lead)):
            composer.citations = numbered
            continue
        entries.append(parts)
        said.append((_lead_words(lead), _lead_names(lead)))
        if (claimed := _claimed(lead.text)) is not None:
            claims.add(claimed)
        cited_documents |= {composer.citation_span(n).document_id for p in parts for n in p.citations}
        if phrase is not None:
            covered[phrase] = len(entries) - 1
    items = tuple(joined_sentences(parts) for parts in entries)
    return Section(
        "developments",
        "Key developments",
        items,
        note=None if items else "No developments in the selected period.",
    )
