"""The core of a brief: sentences with numbered citations, each checked before it is kept.

A sentence names things by the surface form its evidence uses and states only figures and
dates its evidence gives. Each candidate sentence is checked (``check.py``) against the
evidence it will cite before it gets citation numbers; one that fails is withheld and
counted. The sections themselves live in ``brief/sections/``, one module each.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitroom.brief.agree import Agreed, is_demonym, is_state
from sitroom.brief.check import check_sentence, numbers_in
from sitroom.brief.facts import EventFact, Facts, Name, Report, Span, StoryFact
from sitroom.brief.phrases import EventPhrase, phrases
from sitroom.model import Bounds, FigureReport, Money

MAX_CITATIONS = 6
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
SCALE_NAMES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))
# Codes the brief may write as units ("1.5 billion RUB"); the others have symbols above.
CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "CHF", "CNY", "JPY")


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered source of the brief: one evidence span of one document."""

    number: int
    span: Span
    report: Report


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the brief; ``text`` carries its ``[n]`` citation markers."""

    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of a section; the last column holds citation markers."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the brief: heading, sentences, an optional table and a note when empty."""

    key: str
    heading: str
    sentences: tuple[Sentence, ...] = ()
    table: Table | None = None
    note: str | None = None


Part = tuple[str, Sequence[Span]]  # a piece of sentence text and the spans cited right after it


@dataclass(slots=True)
class Composer:
    """Writes sentences from facts, numbering citations in order of first use."""

    facts: Facts
    # The countries (ISO2) of the window's conflict, which alone fight it unless outlets agree.
    parties: frozenset[str] = frozenset()
    citations: dict[tuple[str, int, int], Citation] = field(default_factory=dict)
    withheld: list[str] = field(default_factory=list)
    aliases: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)
    reports: dict[str, Report] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.aliases = self.facts.aliases()
        self.reports = dict(self.facts.reports)

    def check(self, text: str, spans: Iterable[Span]) -> list[str]:
        """Return the rule violations of ``text`` (with markers) against the given spans."""
        spans = list(spans)
        outlets = [o for s in spans for o in self.reports[s.document_id].outlets]
        published = [self.reports[s.document_id].published for s in spans]
        return [
            str(v)
            for v in check_sentence(
                text,
                [s.text for s in spans],
                aliases=self.aliases,
                outlets=outlets,
                currencies=CURRENCY_CODES,
                published=published,
            )
        ]

    def emit(self, parts: Sequence[Part], *fallbacks: Sequence[Part]) -> Sentence | None:
        """Return the sentence made of ``parts`` with numbered citations.

        When it breaks a rule, the first of ``fallbacks`` (shorter sentences) that keeps them
        is used instead; None (and the draft recorded as withheld) when none does.
        """
        for candidate in (parts, *fallbacks):
            draft = _finish("".join(_marked(text, [0] if spans else []) for text, spans in candidate))
            problems = self.check(draft, [s for _, group in candidate for s in group])
            if not problems:
                return self._numbered(candidate)
            if candidate is parts:
                withheld = f"{draft} ({'; '.join(problems)})"
        self.withheld.append(withheld)
        return None

    def _numbered(self, parts: Sequence[Part]) -> Sentence:
        text, numbers = "", []
        for piece, group in parts:
            marks = [self.cite(s) for s in group]
            numbers.extend(marks)
            text += _marked(piece, list(dict.fromkeys(marks)))
        return Sentence(_finish(text), tuple(dict.fromkeys(numbers)))

    def citation_span(self, number: int) -> Span:
        """Return the span cited as ``[number]``."""
        return next(c.span for c in self.citations.values() if c.number == number)

    def citation_outlets(self, number: int) -> tuple[str, ...]:
        """Return the outlets of the document cited as ``[number]``."""
        return self.reports[self.citation_span(number).document_id].outlets

    def cite(self, span: Span) -> int:
        """Return the citation number of ``span``, numbering it when new."""
        key = (span.document_id, span.start, span.end)
        if key not in self.citations:
            report = self.reports[span.document_id]
            self.citations[key] = Citation(len(self.citations) + 1, span, report)
        return self.citations[key].number


def _marked(piece: str, numbers: list[int]) -> str:
    if not numbers:
        return piece
    return piece.rstrip() + " " + "".join(f"[{n}]" for n in numbers)


def _finish(text: str) -> str:
    """Capitalise the first letter and end with a full stop, after the citation markers."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def surface(name: Name | None, evidence: str) -> str | None:
    """Return ``name`` as its evidence writes it (the longest of its names found), or None.

    The evidence's own casing and article are kept: "the Wagner group" for "Wagner Group".
    A match must start with a capital, so "US" is never found in "told us".
    """
    if name is None:
        return None
    best: re.Match[str] | None = None
    for form in name.names:
        for found in re.finditer(
            rf"(?<!\w)(?:(?:the|The)\s+)?{re.escape(form)}(?!\w)", evidence, re.IGNORECASE
        ):
            core = found.group(0)[len(found.group(0)) - len(form) :]
            if core[:1].isupper() and (best is None or len(found.group(0)) > len(best.group(0))):
                best = found
    if best is None:
        return None
    text = best.group(0)
    if is_demonym(text):  # "the Belarusian leader" names Belarus, not "the Belarusian"
        return name.name
    # "the Kherson region", "the Zaporizhzhia and Donetsk regions": the article is the noun's.
    following = re.match(r"\s+(?:and\s+[A-Z][\w-]*\s+)?([a-z]+)", evidence[best.end() :])
    word = following.group(1) if following else ""
    noun = word.removesuffix("s")
    # "the Biden administration", "the Ukraine war": a one-word name before a noun modifies it,
    # and the article is the noun's; before a verb ("the Kremlin said") it is the name's own.
    # A name that takes "the" keeps it: "the Kremlin on Friday accused ...".
    modifier = len(text.split()) == 2 and bool(word) and not _verb_like(word)
    modifier = modifier and not phrases().takes_article(text[4:])
    if text[:4].lower() == "the " and (name.type == "PERSON" or noun in phrases().place_nouns or modifier):
        return text[4:]
    if text.startswith("The "):
        return "the" + text[3:]
    # "Pentagon pledged" reads as a headline: an organisation named by a common noun takes "the";
    # after a possessive it has its owner instead ("Russia's Investigative Committee").
    owned = bool(re.search(r"[’']s\s+$", evidence[: best.start()]))
    bare = text[:4].lower() != "the " and name.type != "PERSON" and not owned
    return f"the {text}" if bare and phrases().takes_article(text) else text


# Prepositions that make a name the place of an act: "in the eastern Donetsk region", "near Kherson".
# The object of a strike is its place too: "shells hit Vuhledar", "a strike on Kramatorsk".
_LOCATIVE = (
    r"(?:in|near|at|outside|around|across|inside|into|towards?|over|off|from"
    r"|hit|hits|struck|shelled|bombed|attacked|targeted|(?:strikes?|attacks?|raids?|shelling|assault)\s+on)"
)


def placed(name: Name | None, evidence: str) -> str | None:
    """Return ``name`` as its evidence writes it when the evidence states it as a place ("in
    southern Ukraine", "near the town of Kherson"), else None: "blamed on Russia" or "Russia-held"
    names a party, not where something happened."""
    where = surface(name, evidence)
    if where is None:
        return None
    core = re.escape(where.removeprefix("the "))
    stated = re.search(
        rf"\b{_LOCATIVE}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{core}(?![\w-])", evidence, re.IGNORECASE
    )
    return where if stated else None


# Words after a name that make it the subject of a verb ("the Kremlin said", "the Pentagon will").
_AUXILIARY_TEXT = (
    "is are was were has have had will would can could may might must should did does do said told took made"
    " gave sent struck hit began came went got won lost put set held kept left met saw knew brought fought"
    " spoke wrote broke chose rose fell ran shot sank stood led fled paid laid"
)
_AUXILIARIES = frozenset(_AUXILIARY_TEXT.split())


def _verb_like(word: str) -> bool:
    """Whether a word after a name reads as its verb: an auxiliary, or a past or third-person form."""
    return word in _AUXILIARIES or word.endswith(("ed", "s"))


def count(bounds: Bounds) -> str:
    """Return a casualty count as words and digits: "4", "at least 4", "between 4 and 12"."""
    if bounds.min is not None and bounds.max is not None:
        return str(bounds.min) if bounds.min == bounds.max else f"between {bounds.min} and {bounds.max}"
    if bounds.min is not None:
        return f"at least {bounds.min}"
    return f"up to {bounds.max}"


def amount(money: Money) -> str:
    """Return an amount with its currency: "$500 million", "1.5 billion RUB"."""
    number = f"{money.amount:,.0f}" if money.amount < 1_000_000 else ""
    for scale, word in SCALE_NAMES:
        if money.amount >= scale:
            number = f"{money.amount / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    symbol = CURRENCY_SYMBOLS.get(money.currency)
    return f"{symbol}{number}" if symbol else f"{number} {money.currency}"


def joined(spans: Iterable[Span]) -> str:
    return "\n".join(s.text for s in spans)


def story_spans(story: StoryFact) -> list[Span]:
    """Return the evidence of a story, one span per document, at most MAX_CITATIONS."""
    by_document: dict[str, Span] = {}
    for event in story.events:
        by_document.setdefault(event.span.document_id, event.span)
    return list(by_document.values())[:MAX_CITATIONS]


# Evidence words that say aid money was paid out rather than promised: "the state paid Wagner
# 86 billion roubles", "had fully financed the Wagner group".
PAID_WORDS = re.compile(r"\b(?:paid|paying|pays|financed|funded|transferred)\b", re.IGNORECASE)


def _parties(agreed: Agreed) -> list[Name]:
    return [n for n in (agreed.actor, agreed.target, agreed.place) if n is not None]


def _span_score(span: Span, agreed: Agreed) -> int:
    named = sum(surface(n, span.text) is not None for n in _parties(agreed))
    stated = agreed.money is not None and agreed.money.amount in numbers_in(span.text)
    return 2 * named + 3 * stated


def agreed_spans(story: StoryFact, agreed: Agreed, required: Sequence[Span] = ()) -> list[Span]:
    """Return the evidence a story's sentence cites: ``required`` spans, then per document the
    span naming most of the agreed parties (one document each, at most MAX_CITATIONS)."""
    by_document: dict[str, list[Span]] = defaultdict(list)
    for event in story.events:
        by_document[event.span.document_id].append(event.span)
    chosen = list(required)
    for document_id, spans in list(by_document.items())[:MAX_CITATIONS]:
        if any(s.document_id == document_id for s in required):
            continue
        chosen.append(max(spans, key=lambda s: _span_score(s, agreed)))
    order = {s: i for i, s in enumerate(e.span for e in story.events)}
    return sorted(dict.fromkeys(chosen), key=lambda s: order.get(s, 0))


def _own_country(actor: Name, place: Name) -> bool:
    """Whether ``place`` is the whole country ``actor`` belongs to (Russia for the Kremlin)."""
    return is_state(place) and (
        place.id == actor.id or (place.country is not None and place.country == actor.country)
    )


def act_phrase(agreed: Agreed) -> EventPhrase:
    """Return how the agreed act is written: by the CAMEO code most of its events give ("Russia
    detained ..." for an arrest), else by its PLOVER type."""
    codes = Counter(e.cameo for e in agreed.events if e.cameo and e.type == agreed.type)
    return phrases().act(agreed.type, codes.most_common(1)[0][0] if codes else None)


def story_clause(agreed: Agreed, evidence: str, support: int) -> str | None:
    """Return "who did what to whom where" as the story's sources agree, or None.

    ``support`` is the number of events naming the actor: an actor one sentence names is
    only linked to the story ("Reports link Sergei Surovikin to a mobilisation").
    """
    phrase = act_phrase(agreed)
    with_target, alone, noun = phrase.verb, phrase.alone, phrase.noun
    actor, target = surface(agreed.actor, evidence), surface(agreed.target, evidence)
    place = surface(agreed.place, evidence)
    hedge = "reportedly " if agreed.hedged else ""
    stated = placed(agreed.place, evidence)
    # "Russia detained a reporter in Russia": the doer's own country says nothing of where.
    own = agreed.place is not None and agreed.actor is not None and _own_country(agreed.actor, agreed.place)
    where = f" in {stated}" if stated and stated != target and not own else ""
    if actor and agreed.money is not None and agreed.type in ("AID", "SUPPORT"):
        verb = "paid" if PAID_WORDS.search(evidence) else "pledged"
        what = "" if verb == "paid" else " in aid"
        to = f" to {target}" if target else ""
        return f"{actor} {hedge}{verb} {amount(agreed.money)}{what}{to}{where}"
    if actor and support < 2 and len({e.span.document_id for e in agreed.events}) > 1:
        return f"reports link {actor} to {noun}{where}"
    # A person named with the place of an attack is its victim: "Russia struck Kramatorsk", not
    # "Russia struck Victoria Amelina in Kramatorsk"; and a strike on a town of a country is on the
    # town: "Russia struck Kyiv", not "Russia struck Ukraine in Kyiv".
    victim = agreed.target is not None and (
        agreed.target.type == "PERSON"
        or (is_state(agreed.target) and agreed.place is not None and not is_state(agreed.place))
    )
    if actor and agreed.type == "ASSAULT" and place and (not target or victim):
        return f"{actor} {hedge}{with_target} {place}"
    if actor and target:
        return f"{actor} {hedge}{with_target} {target}{where}"
    if actor:
        return f"{actor} {hedge}{alone}{where}"
    if target:
        unconfirmed = "unconfirmed " if agreed.hedged else ""
        return f"reports describe {unconfirmed}{noun} {phrase.preposition} {target}{where}"
    if where:
        return f"reports describe {'unconfirmed ' if agreed.hedged else ''}{noun}{where}"
    return None


# "imposed sanctions on four companies in ... that it accused of financing Wagner": on what.
_SANCTIONED = re.compile(r"\bsanctions?\s+(?:on|against)\s+(?P<what>[^.;:!?]{3,})", re.IGNORECASE)
MAX_SANCTIONED_CHARS = 180


def sanctioned(spans: list[Span]) -> tuple[str, Span] | None:
    """Return what the evidence says was sanctioned, in its words, and the span saying it."""
    for span in spans:
        match = _SANCTIONED.search(span.text)
        if match:
            # What was sanctioned ends where the sentence turns to something else: "..., as
            # member states haggle over enforcement", "... while talks go on".
            what = re.split(
                r",?\s+(?:as|while|amid|after|but|and as|even as)\s+|,\s+(?:which|who)\s+",
                match.group("what"),
            )[0]
            what = what.strip()
            if len(what) > MAX_SANCTIONED_CHARS:
                what = what[:MAX_SANCTIONED_CHARS].rsplit(" ", 1)[0]
            return what.rstrip(" ,"), span
    return None


def states(span: Span, figure: FigureReport) -> bool:
    """Whether the evidence of ``figure`` writes its numbers (an extraction may misplace one)."""
    stated = numbers_in(span.text)
    return all(value in stated for value in (figure.min, figure.max) if value is not None)


def stated_figures(story: StoryFact, kind: str) -> list[FigureReport]:
    """Return the figures of ``kind`` of a story that their own evidence states, in order."""
    events = {e.id: e for e in story.events}
    return [
        f
        for f in story.figures
        if f.kind == kind and f.event_id in events and states(events[f.event_id].span, f)
    ]


def story_label(story: StoryFact) -> str | None:
    """Return a short name of a story in its evidence's words ("the attack in Kramatorsk")."""
    evidence = joined(story_spans(story))
    # The act as the CAMEO code most of its events give names it, as a story's title does: a
    # coercion that destroyed property is "the destruction in Kherson", an arrest "the arrest of".
    codes = Counter(e.cameo for e in story.events if e.cameo and e.type == story.type)
    code = min(codes, key=lambda c: (-codes[c], c)) if codes else None
    phrase = phrases().act(story.type, code)
    noun = phrase.noun.removeprefix("an ").removeprefix("a ")
    # The town most of the story's reports name says where better than a whole country does ("the
    # attack in Kherson", not "the attack against Russia" for a dam whose reports also name Russia);
    # a target takes its act's own preposition ("the talks involving the EU").
    against = f"the {{noun}} {phrase.preposition} {{name}}"
    for role, template in (("location", "the {noun} in {name}"), ("target", against)):
        reports: dict[int, set[str]] = defaultdict(set)
        names: dict[int, Name] = {}
        for event in story.events:
            name = getattr(event, role)
            if name is not None and not is_state(name) and surface(name, evidence):
                names[name.id] = name
                reports[name.id].add(event.span.document_id)
        if names:
            best = max(names, key=lambda i: len(reports[i]))
            return template.format(noun=noun, name=surface(names[best], evidence))
    for event in story.events:
        place = surface(event.location, evidence)
        if place:
            return f"the {noun} in {place}"
        target = surface(event.target, evidence)
        if target:
            return against.format(noun=noun, name=target)
    return None


def day_phrase(day: date) -> str:
    """Return a day as a brief writes it: "6 June"."""
    return f"{day.day} {day.strftime('%B')}"


def fingerprint(facts: Facts) -> dict[str, Any]:
    """Return the facts a later brief compares with: stories, their latest own figures, claims."""
    stories = {}
    for story in facts.stories:
        latest = {}
        for kind in ("killed", "injured"):
            figures = [f for f in story.figures if f.kind == kind and f.own_toll]
            if figures:
                latest[kind] = {"min": figures[-1].min, "max": figures[-1].max, "event": figures[-1].event_id}
        stories[story.key] = {"events": sorted(e.id for e in story.events), **latest}
    return {"stories": stories, "claims": sorted(c.id for c in facts.claims)}


@dataclass(slots=True)
class Context:
    """What every section is written from: the composer, the ranked stories in scope, the facts,
    and what the previous brief held (None when there is none)."""

    composer: Composer
    facts: Facts
    stories: list[StoryFact]
    previous: dict[str, Any] | None = None
    known_events: dict[str, EventFact] = field(default_factory=dict)
    against: str = "no earlier state"
