"""Turn facts into the sections of a brief: template sentences, each with numbered citations.

A sentence names things by the surface form its evidence uses and states only figures its
evidence gives. Each candidate sentence is checked (``check.py``) against the evidence it
will cite before it gets citation numbers; one that fails is withheld and counted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sitroom.brief.agree import Agreed, agree, is_demonym, is_state, plausible_actor
from sitroom.brief.check import check_sentence, numbers_in
from sitroom.brief.facts import (
    ClaimFact,
    EventFact,
    Facts,
    Name,
    RelationFact,
    Report,
    RoleFact,
    Span,
    StoryFact,
)
from sitroom.model import Bounds, FigureReport, Money

MAX_DEVELOPMENTS = 8
# Every story reported by two or more outlets is a key development, up to this many.
MAX_CORROBORATED = 20
MAX_CITATIONS = 6
MAX_CLAIMS = 20
MAX_PEOPLE = 12
MAX_ACTS = 2

# How bad an event type is, for ranking stories of equal sourcing.
TYPE_SEVERITY = {
    "ASSAULT": 5,
    "FIGHT": 5,
    "COERCE": 4,
    "MOBILIZE": 3,
    "THREATEN": 3,
    "SANCTION": 3,
    "AID": 2,
    "PROTEST": 2,
}
# PLOVER type -> (verb with a target, what the actor did without one, noun for an unnamed actor).
EVENT_PHRASES = {
    "ASSAULT": ("struck", "carried out an attack", "an attack"),
    "FIGHT": ("fought", "took part in fighting", "fighting"),
    "COERCE": ("coerced", "used coercion", "coercion"),
    "SANCTION": ("imposed sanctions on", "imposed sanctions", "sanctions"),
    "AID": ("gave aid to", "gave aid", "aid"),
    "PROTEST": ("protested against", "protested", "a protest"),
    "MOBILIZE": ("mobilised against", "mobilised forces", "a mobilisation"),
    "THREATEN": ("threatened", "made threats", "threats"),
    "ACCUSE": ("accused", "made accusations", "accusations"),
    "REJECT": ("rejected", "issued a rejection", "a rejection"),
    "DEMAND": ("made demands of", "made demands", "demands"),
    "INVESTIGATE": ("investigated", "opened an investigation", "an investigation"),
    "AGREE": ("reached an agreement with", "reached an agreement", "an agreement"),
    "CONSULT": ("held talks with", "held talks", "talks"),
    "SUPPORT": ("supported", "offered support", "support"),
    "CONCEDE": ("made concessions to", "made concessions", "concessions"),
    "COOPERATE": ("cooperated with", "cooperated", "cooperation"),
    "RETREAT": ("withdrew from", "withdrew", "a withdrawal"),
    "REQUEST": ("made a request to", "made a request", "a request"),
    "DISAPPROVE": ("criticised", "voiced criticism", "criticism"),
}
# How "reports describe <noun> ... <target>" continues: "sanctions on", "aid to", "an attack against".
NOUN_PREPOSITIONS = {
    "ASSAULT": "against",
    "FIGHT": "against",
    "COERCE": "against",
    "THREATEN": "against",
    "PROTEST": "against",
    "SANCTION": "on",
    "AID": "to",
    "SUPPORT": "for",
    "ACCUSE": "against",
}
RELATION_PHRASES = {
    "leader_of": "leads",
    "deputy_of": "is a deputy of",
    "commander_of": "commands",
    "head_of_state_of": "is head of state of",
    "member_of": "is a member of",
    "owner_of": "owns",
    "part_of": "is part of",
    "located_in": "is located in",
}
CERTAINTY_LABELS = {
    "reported": "Reported",
    "believed": "Believed",
    "speculated": "Speculation",
    "uncertain": "Unconfirmed",
    "denied": "Denied",
    "opinion": "Opinion",
}
HEDGED = frozenset({"reported", "believed", "speculated", "uncertain"})
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
        return [
            str(v)
            for v in check_sentence(
                text,
                [s.text for s in spans],
                aliases=self.aliases,
                outlets=outlets,
                currencies=CURRENCY_CODES,
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
    return "the" + text[3:] if text.startswith("The ") else text


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


def _joined(spans: Iterable[Span]) -> str:
    return "\n".join(s.text for s in spans)


def story_spans(story: StoryFact) -> list[Span]:
    """Return the evidence of a story, one span per document, at most MAX_CITATIONS."""
    by_document: dict[str, Span] = {}
    for event in story.events:
        by_document.setdefault(event.span.document_id, event.span)
    return list(by_document.values())[:MAX_CITATIONS]


def rank_stories(stories: Iterable[StoryFact]) -> list[StoryFact]:
    """Rank stories by independent outlets, then deaths, injuries and event type."""

    def score(story: StoryFact) -> tuple[int, int, int, int]:
        outlets = len(story.outlets) or len({e.span.document_id for e in story.events})
        killed = max((f.max or f.min or 0 for f in story.figures if f.kind == "killed"), default=0)
        injured = max((f.max or f.min or 0 for f in story.figures if f.kind == "injured"), default=0)
        return (outlets, killed, injured, TYPE_SEVERITY.get(story.type, 1))

    return sorted(stories, key=score, reverse=True)


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


def story_clause(agreed: Agreed, evidence: str, support: int) -> str | None:
    """Return "who did what to whom where" as the story's sources agree, or None.

    ``support`` is the number of events naming the actor: an actor one sentence names is
    only linked to the story ("Reports link Sergei Surovikin to a mobilisation").
    """
    with_target, alone, noun = EVENT_PHRASES.get(agreed.type, ("acted against", "acted", "an action"))
    actor, target = surface(agreed.actor, evidence), surface(agreed.target, evidence)
    place = surface(agreed.place, evidence)
    hedge = "reportedly " if agreed.hedged else ""
    where = f" in {place}" if place and place != target else ""
    if actor and agreed.money is not None and agreed.type in ("AID", "SUPPORT"):
        verb = "paid" if PAID_WORDS.search(evidence) else "pledged"
        what = "" if verb == "paid" else " in aid"
        to = f" to {target}" if target else ""
        return f"{actor} {hedge}{verb} {amount(agreed.money)}{what}{to}{where}"
    if actor and support < 2 and len({e.span.document_id for e in agreed.events}) > 1:
        return f"reports link {actor} to {noun}{where}"
    if actor and agreed.type == "ASSAULT" and place and not target:
        return f"{actor} {hedge}{with_target} {place}"
    if actor and target:
        return f"{actor} {hedge}{with_target} {target}{where}"
    if actor:
        return f"{actor} {hedge}{alone}{where}"
    if target:
        return f"reports describe {'unconfirmed ' if agreed.hedged else ''}{noun} " + (
            f"{NOUN_PREPOSITIONS.get(agreed.type, 'involving')} {target}{where}"
        )
    if place:
        return f"reports describe {'unconfirmed ' if agreed.hedged else ''}{noun}{where}"
    return None


def _stated_figures(story: StoryFact, kind: str) -> list[FigureReport]:
    events = {e.id: e for e in story.events}
    return [
        f
        for f in story.figures
        if f.kind == kind and f.event_id in events and _states(events[f.event_id].span, f)
    ]


def _toll_clause(story: StoryFact) -> tuple[str, list[Span]]:
    """Return "the reported death toll rose from at least 2 to 13, with 61 injured" and its spans."""
    events = {e.id: e for e in story.events}
    killed, injured = _stated_figures(story, "killed"), _stated_figures(story, "injured")
    parts, spans = [], []
    if killed:
        first, last = killed[0], killed[-1]
        before, after = count(Bounds(first.min, first.max)), count(Bounds(last.min, last.max))
        low, high = first.max or first.min or 0, last.max or last.min or 0
        if before != after and high > low:
            parts.append(f"the reported death toll rose from {before} to {after}")
            spans += [events[first.event_id].span, events[last.event_id].span]
        else:
            parts.append(f"{after} were reported killed")
            spans.append(events[last.event_id].span)
    if injured:
        last = injured[-1]
        parts.append(f"{count(Bounds(last.min, last.max))} {'were reported ' if not killed else ''}injured")
        spans.append(events[last.event_id].span)
    return ", with ".join(parts), spans


def development(composer: Composer, story: StoryFact, prefix: str = "") -> Sentence | None:
    """Return the key-development sentence of a story: its agreed facts and latest toll, or None."""
    agreed = agree(story, composer.reports)
    toll, toll_spans = _toll_clause(story)
    spans = agreed_spans(story, agreed, toll_spans)
    evidence = _joined(spans)
    clause = story_clause(agreed, evidence, agreed.support)
    if clause is None:  # no party named in the evidence: "Reports describe a mobilisation"
        clause = "reports describe " + EVENT_PHRASES.get(agreed.type, ("", "", "an event"))[2]
    text = prefix + clause[:1].upper() + clause[1:]
    if not toll:
        return composer.emit([(text, spans)])
    plain = agreed_spans(story, agreed)
    return composer.emit([(f"{text}; {toll}", spans)], [(text, plain)])


def story_label(story: StoryFact) -> str | None:
    """Return a short name of a story in its evidence's words ("the attack in Kramatorsk")."""
    evidence = _joined(story_spans(story))
    noun = EVENT_PHRASES.get(story.type, ("", "", "the event"))[2]
    noun = noun.removeprefix("an ").removeprefix("a ")
    for event in story.events:
        place = surface(event.location, evidence)
        if place:
            return f"the {noun} in {place}"
        target = surface(event.target, evidence)
        if target:
            return f"the {noun} against {target}"
    return None


def key_developments(composer: Composer, stories: list[StoryFact]) -> Section:
    """Section 1: the most widely reported and most severe stories; all that 2+ outlets report."""
    corroborated = sum(len(story.outlets) > 1 for story in stories)
    wanted = max(MAX_DEVELOPMENTS, min(corroborated, MAX_CORROBORATED))
    sentences = [s for story in stories[: wanted * 2] if (s := development(composer, story))]
    return Section(
        "developments",
        "Key developments",
        tuple(sentences[:wanted]),
        note=None if sentences else "No developments in the selected period.",
    )


def casualties(composer: Composer, stories: list[StoryFact]) -> Section:
    """Section 2: casualty figures over time per story, by who reported them."""
    rows: list[tuple[str, ...]] = []
    sentences: list[Sentence] = []
    for story in stories:
        if not story.figures:
            continue
        label = story_label(story)
        events = {e.id: e for e in story.events}
        for figure in story.figures:
            span = events[figure.event_id].span
            rows.append(
                (
                    label or "unnamed incident",
                    figure.published.date().isoformat() if figure.published else "undated",
                    figure.source or "unknown outlet",
                    figure.kind,
                    count(Bounds(figure.min, figure.max)),
                    f"[{composer.cite(span)}]",
                )
            )
        sentence = _figures_sentence(composer, story, label, events) if label else None
        if sentence is not None:
            sentences.append(sentence)
    table = (
        Table(("Story", "Published", "Outlet", "Figure", "Count", "Source"), tuple(rows)) if rows else None
    )
    return Section(
        "casualties",
        "Casualties",
        tuple(sentences),
        table,
        note=None if rows else "No casualty figures in the selected period.",
    )


def _states(span: Span, figure: FigureReport) -> bool:
    stated = numbers_in(span.text)
    return all(value in stated for value in (figure.min, figure.max) if value is not None)


def _figures_sentence(
    composer: Composer, story: StoryFact, label: str, events: dict[str, EventFact]
) -> Sentence | None:
    # Only figures their own evidence states: an extraction may put a figure on the wrong span.
    stated = [f for f in story.figures if _states(events[f.event_id].span, f)]
    killed = [f for f in stated if f.kind == "killed"] or stated
    if not killed:
        return None
    kind = killed[0].kind
    distinct = list(dict.fromkeys(count(Bounds(f.min, f.max)) for f in killed))
    if len(distinct) < 2:
        figure = killed[-1]
        who = f"{figure.source} reported" if figure.source else "reports give"
        return composer.emit([(f"{who} {distinct[0]} {kind} in {label}", [events[figure.event_id].span])])
    from sitroom.resolve.stories.conflicts import find_conflicts

    values = [f.max if f.max is not None else f.min or 0 for f in killed]
    if find_conflicts([], killed):
        opening = f"Outlets disagree on the number {kind} in {label}: "
    elif values == sorted(values):
        opening = f"The reported number {kind} in {label} rose as reports came in: "
    else:
        opening = f"Reports of the number {kind} in {label} changed: "
    parts: list[Part] = [(opening, [])]
    for index, figure in enumerate(killed):
        joiner = "" if index == 0 else ", then "
        parts.append(
            (
                f"{joiner}{figure.source or 'one report'} gave {count(Bounds(figure.min, figure.max))}",
                [events[figure.event_id].span],
            )
        )
    return composer.emit(parts)


def money_and_sanctions(composer: Composer, stories: list[StoryFact]) -> Section:
    """Section 3: per story, who paid, sanctioned or aided whom, how much, in what currency.

    Each story's payments are stated as its sources agree; one with neither a doer nor an
    amount ("Reports describe aid") says nothing and is left out.
    """
    sentences = []
    for story in stories:
        events = tuple(e for e in story.events if e.money is not None or e.type in ("AID", "SANCTION"))
        if not events:
            continue
        part = replace(story, events=events, type=events[0].type)
        agreed = agree(part, composer.reports)
        if agreed.actor is None and agreed.money is None:
            continue
        spans = agreed_spans(part, agreed)
        evidence = _joined(spans)
        target = surface(agreed.target, evidence)
        if target and re.search(rf"\b(?:in|at|near)\s+{re.escape(target)}", evidence):
            # "sanctions on four companies in the Central African Republic": a place, not whom
            agreed, target = replace(agreed, target=None), None
        if surface(agreed.actor, evidence) is None and agreed.money is not None and target:
            clause: str | None = f"{target} received {amount(agreed.money)}"
        else:
            clause = story_clause(agreed, evidence, agreed.support)
        if clause is None or clause.startswith("reports "):
            continue
        if agreed.money is not None and agreed.type == "SANCTION":
            clause += f" worth {amount(agreed.money)}"
        if sentence := composer.emit([(clause, spans)]):
            sentences.append(sentence)
    return Section(
        "money",
        "Money and sanctions",
        tuple(dict.fromkeys(sentences)),
        note=None if sentences else "No payments, aid or sanctions in the selected period.",
    )


def _prominence(facts: Facts) -> Counter[int]:
    """Count the events and claims each entity takes part in."""
    counts: Counter[int] = Counter()
    for event in facts.events:
        counts.update({n.id for n in (event.actor, event.target, event.attributed_to) if n is not None})
    for claim in facts.claims:
        counts.update({n.id for n in (claim.about, claim.attributed_to) if n is not None})
    return counts


# Titles that make a person the leader of a country ("President of Belarus"); any other title
# with a country ("chief of the general staff of Russia") does not make them lead it.
PLACE_TYPES_OF_LEADERS = frozenset({"GPE", "LOC", "NORP"})
HEAD_OF_STATE = re.compile(
    r"\b(?:president|prime minister|premier|king|queen|chancellor|emir|sultan|supreme leader)\b",
    re.IGNORECASE,
)


def _role_sentence(composer: Composer, entity_roles: list[RoleFact]) -> Sentence | None:
    """One sentence per person: every distinct title, duplicates ("founder of Wagner Group",
    "founder of the Wagner private military company") merged, each title citing its evidence."""
    parts: list[Part] = []
    seen: set[tuple[str, int | None]] = set()
    bare = [r for r in entity_roles if r.organisation is None]
    for role in [r for r in entity_roles if r.organisation is not None] or bare:
        key = (role.title.split()[0].lower(), role.organisation.id if role.organisation else None)
        if key in seen:
            continue
        seen.add(key)
        name = surface(role.entity, role.span.text)
        org = surface(role.organisation, role.span.text)
        if name is None or (role.organisation is not None and org is None):
            continue
        names = (org, *role.organisation.names) if role.organisation is not None and org else ()
        named = not names or any(n.lower() in role.title.lower() for n in names)
        title = role.title if named else f"{role.title} of {org}"
        lead = f"{name} is described as " if not parts else " and as "
        parts.append((f"{lead}{title}", [role.span]))
    return composer.emit(parts, parts[:1]) if parts else None


def _relation_sentence(composer: Composer, relation: RelationFact, roles: list[RoleFact]) -> Sentence | None:
    """A relation a role does not already state, and only one its evidence can bear."""
    if relation.subject.type not in ("PERSON", "ORG") or relation.predicate == "located_in":
        return None
    if any(r.organisation is not None and r.organisation.id == relation.object.id for r in roles):
        return None
    leads = relation.predicate in ("leader_of", "head_of_state_of")
    if (
        leads
        and relation.object.type in PLACE_TYPES_OF_LEADERS
        and not any(HEAD_OF_STATE.search(r.title) for r in roles)
    ):
        return None  # "Sergei Surovikin leads Russia" from "a deputy to Russia's chief of staff"
    subject = surface(relation.subject, relation.span.text)
    obj = surface(relation.object, relation.span.text)
    if subject is None or obj is None:
        return None
    phrase = RELATION_PHRASES.get(relation.predicate, relation.predicate.replace("_", " "))
    return composer.emit([(f"{subject} {phrase} {obj}", [relation.span])])


def _story_acts(facts: Facts, reports: dict[str, Report]) -> dict[int, list[tuple[StoryFact, Agreed]]]:
    """Map each entity to the corroborated acts it is the agreed doer of."""
    acts: dict[int, list[tuple[StoryFact, Agreed]]] = defaultdict(list)
    for story in facts.stories:
        agreed = agree(story, reports)
        if agreed.actor is not None and agreed.support >= 2:
            acts[agreed.actor.id].append((story, agreed))
    return acts


def people_and_organisations(composer: Composer, facts: Facts) -> Section:
    """Section 4: per person or organisation, most involved first: roles, relations, what they did.

    What someone did comes from the stories whose sources agree they did it, never from one
    sentence ("Kramatorsk carried out an attack" is left out: a town does nothing).
    """
    prominence = _prominence(facts)
    roles: dict[int, list[RoleFact]] = defaultdict(list)
    for role in facts.roles:
        if role.entity.type == "PERSON" or role.entity.type == "ORG":
            roles[role.entity.id].append(role)
    relations: dict[int, dict[str, RelationFact]] = defaultdict(dict)
    for relation in facts.relations:
        if plausible_actor(relation.subject) and not is_state(relation.subject):
            relations[relation.subject.id].setdefault(f"{relation.predicate}:{relation.object.id}", relation)
    acts = _story_acts(facts, composer.reports)
    people = sorted(set(roles) | set(relations), key=lambda i: (-prominence[i], facts.entities[i].name))
    sentences: list[Sentence] = []
    for entity_id in people[:MAX_PEOPLE]:
        found = [_role_sentence(composer, roles[entity_id])] if roles[entity_id] else []
        found += [_relation_sentence(composer, r, roles[entity_id]) for r in relations[entity_id].values()]
        for story, agreed in acts.get(entity_id, [])[:MAX_ACTS]:
            spans = agreed_spans(story, agreed)
            clause = story_clause(agreed, _joined(spans), agreed.support)
            found.append(composer.emit([(clause, spans)]) if clause else None)
        sentences += [s for s in found if s is not None]
    return Section(
        "people",
        "People and organisations",
        tuple(dict.fromkeys(sentences)),
        note=None if sentences else "No roles or relations in the selected period.",
    )


def claim_sentence(composer: Composer, claim: ClaimFact, prefix: str = "") -> Sentence | None:
    """Return "<certainty> by <speaker>: “<claim>”" with its citation, or None."""
    label = CERTAINTY_LABELS.get(claim.certainty)
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


def _ranked_claims(claims: Iterable[ClaimFact]) -> list[ClaimFact]:
    """Return the claims that are not plain assertions, most contested first (denials)."""
    order = ["denied", "uncertain", "speculated", "believed", "opinion", "reported"]
    return sorted((c for c in claims if c.certainty in order), key=lambda c: order.index(c.certainty))


def conflict_claims(claims: Iterable[ClaimFact], stories: list[StoryFact]) -> list[ClaimFact]:
    """Return the claims about the conflict's actors, grouped by story (top story first).

    The conflict's actors are the parties of the stories two or more outlets report (of all
    stories when none is); a hedged line of an unrelated report ("Manchester United have
    completed the signing ...") is not a contested claim.
    """
    corroborated = [s for s in stories if len(s.outlets) > 1] or stories
    parties = {n.id for s in corroborated for e in s.events for n in (e.actor, e.target, e.location) if n}
    rank = {e.span.document_id: i for i, s in reversed(list(enumerate(corroborated))) for e in s.events}
    elsewhere = {e.span.document_id for s in stories for e in s.events} - set(rank)
    kept = [
        c for c in claims
        if c.span.document_id not in elsewhere
        or any(n is not None and n.id in parties for n in (c.about, c.attributed_to))
    ]  # fmt: skip
    return sorted(_ranked_claims(kept), key=lambda c: rank.get(c.span.document_id, len(rank)))


def contested_claims(composer: Composer, claims: list[ClaimFact], stories: list[StoryFact]) -> Section:
    """Section 5: what is reported, believed, speculated, doubted or denied, and by whom."""
    chosen = conflict_claims(claims, stories)[:MAX_CLAIMS]
    sentences = [s for c in chosen if (s := claim_sentence(composer, c))]
    return Section(
        "claims",
        "Contested and unconfirmed claims",
        tuple(sentences),
        note=None if sentences else "No contested or unconfirmed claims in the selected period.",
    )


def fingerprint(facts: Facts) -> dict[str, Any]:
    """Return the facts a later brief compares with: stories, their latest figures, claims."""
    stories = {}
    for story in facts.stories:
        latest = {}
        for kind in ("killed", "injured"):
            figures = [f for f in story.figures if f.kind == kind]
            if figures:
                latest[kind] = {"min": figures[-1].min, "max": figures[-1].max, "event": figures[-1].event_id}
        stories[story.key] = {"events": sorted(e.id for e in story.events), **latest}
    return {"stories": stories, "claims": sorted(c.id for c in facts.claims)}


def _previous_story(story: StoryFact, previous: dict[str, Any]) -> dict[str, Any] | None:
    if story.key in previous:
        return dict(previous[story.key])
    ids = {e.id for e in story.events}
    return next((dict(old) for old in previous.values() if ids & set(old["events"])), None)


def changes(
    composer: Composer,
    stories: list[StoryFact],
    claims: list[ClaimFact],
    previous: dict[str, Any] | None,
    known_events: dict[str, EventFact],
    against: str,
) -> Section:
    """Section 6: new stories, changed figures and new claims since ``previous``."""
    heading = "What changed since the previous brief"
    if previous is None:
        return Section("changes", heading, note=f"No previous brief to compare with ({against}).")
    sentences: list[Sentence] = []
    new_stories = 0
    for story in stories:
        old = _previous_story(story, previous.get("stories", {}))
        if old is None:
            if new_stories < MAX_DEVELOPMENTS and (
                sentence := development(composer, story, prefix="New since the previous brief: ")
            ):
                sentences.append(sentence)
                new_stories += 1
            continue
        for kind in ("killed", "injured"):
            now_figures = [f for f in story.figures if f.kind == kind]
            if kind not in old or not now_figures or old[kind]["event"] not in known_events:
                continue
            before, after = Bounds(old[kind]["min"], old[kind]["max"]), now_figures[-1]
            if count(before) == count(Bounds(after.min, after.max)):
                continue
            label = story_label(story) or "an incident"
            new_span = next(e.span for e in story.events if e.id == after.event_id)
            sentence = composer.emit(
                [
                    (
                        f"The number {kind} in {label} was revised from {count(before)}",
                        [known_events[old[kind]["event"]].span],
                    ),
                    (f" to {count(Bounds(after.min, after.max))}", [new_span]),
                ]
            )
            if sentence is not None:
                sentences.append(sentence)
    old_claims = set(previous.get("claims", []))
    fresh = [c for c in _ranked_claims(claims) if c.id not in old_claims]
    for claim in fresh[:MAX_CLAIMS]:
        if sentence := claim_sentence(composer, claim, prefix="New since the previous brief: "):
            sentences.append(sentence)
    return Section(
        "changes",
        heading,
        tuple(sentences),
        note=None if sentences else f"Nothing new since the previous brief ({against}).",
    )


def compose(
    facts: Facts,
    *,
    previous: dict[str, Any] | None = None,
    earlier: Facts | None = None,
    against: str = "no earlier state",
) -> tuple[list[Section], Composer]:
    """Return the sections of a brief over ``facts`` and the composer holding its citations.

    ``previous`` is the fingerprint of an earlier brief; ``earlier`` holds the facts its
    figures came from, so that a changed figure can cite both reports.
    """
    composer = Composer(facts)
    known_events = {e.id: e for e in facts.events}
    if earlier is not None:
        composer.reports = {**earlier.reports, **facts.reports}
        known_events = {e.id: e for e in earlier.events} | known_events
    stories = rank_stories(facts.stories)
    sections = [
        key_developments(composer, stories),
        casualties(composer, stories),
        money_and_sanctions(composer, stories),
        people_and_organisations(composer, facts),
        contested_claims(composer, facts.claims, stories),
        changes(composer, stories, facts.claims, previous, known_events, against),
    ]
    return sections, composer
