"""Casualty and money figures in a sentence: counts with bounds, amounts with currency.

Plain functions over text, so the event stage can attach the figures of a sentence to its
events: ``casualties(text)`` returns the killed and injured bounds, ``money_amounts(text,
previous)`` the amounts of money in order (``previous`` is the currency an amount without
one, "an additional billion", falls back to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from sitroom.lexicons import load_grammar
from sitroom.model import Bounds, Event, Money

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# PLOVER types whose events carry casualty figures.
VIOLENT_TYPES = ("ASSAULT", "FIGHT")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague plurals read as lower bounds: "dozens" is at least two dozen.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens": 20}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "mn": 1_000_000,
           "k": 1_000, "tn": 1_000_000_000_000, "bln": 1_000_000_000, "mln": 1_000_000}  # fmt: skip

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?|a dozen|dozens|scores|hundreds"
    r"|thousands|tens)"
)
_QUALIFIER = (
    r"(?P<qual>at least|more than|over|in excess of|upwards of|up to|as many as|at most|no more than"
    r"|fewer than|less than|nearly|almost|about|around|approximately|roughly|some|an estimated)"
)
COUNT = rf"(?:{_QUALIFIER}\s+)?(?P<num>{NUMBER})(?:\s+(?P<scale>hundred|thousand))?"

# One person, as a victim is named: "one person dead", "killing a woman and her son".
_ONE_PERSON = (
    r"person|man|woman|child|boy|girl|baby|civilian|soldier|resident|worker|officer|policeman|driver|"
    r"journalist|volunteer|teenager|pensioner|guard|medic|doctor|nurse|farmer|villager|passenger|"
    r"son|daughter|mother|father|husband|wife|brother|sister|grandson|granddaughter|grandmother|grandfather|"
    r"conscript|recruit|serviceman|fighter|"
    r"militant|general|commander|colonel|pilot|sailor|marine|paratrooper|priest|student|teacher|miner|"
    r"firefighter|rescuer|official|employee|photographer|reporter|cameraman|activist|mayor|bystander|"
    r"pedestrian|motorist|shopper|patient|prisoner|guest|local|toddler|infant|girl|boy"
)
_PEOPLE = (
    r"(?:\s+(?:(?!of\b)[a-z-]+\s+){0,2}?(?:people|persons|civilians|others|soldiers|troops|children|women|men|"
    r"residents|workers|fighters|militants|police(?:men|officers)?|officers|personnel|servicemen|"
    r"members|journalists|students|protesters|demonstrators|villagers|passengers|leaders|guards|"
    r"medics|doctors|nurses|teachers|miners|sailors|pilots|refugees|patients|prisoners|peacekeepers|"
    r"volunteers|rescuers|firefighters|guests|shoppers|officials|employees|staff|crew|paratroopers|"
    r"marines|commanders|servicemembers|recruits|conscripts|mercenaries|rebels|insurgents|farmers|"
    r"pensioners|babies|boys|girls|teenagers|adults|locals|pedestrians|drivers|bystanders|more|"
    rf"{_ONE_PERSON}))?"
    # "Ten people, including three children, were killed": an aside between the count and the verb
    r"(?:,\s+(?:including|among them|among whom|of whom|[\w-]+ of (?:them|whom))\b[^,.;]{0,40},)?"
)
# A count told through what is known or said of it: "are now known to have been killed", "were
# reported injured", "are feared dead".
_REPORTED = (
    r"(?:(?:are|were|is|was)\s+(?:now\s+)?(?:known|believed|feared|reported|thought|said|confirmed|"
    r"understood|presumed)(?:\s+to\s+(?:have\s+)?(?:been\s+)?|\s+))?"
)
_KILLED_AFTER = (
    rf"{_REPORTED}(?:were|was|have been|had been|has been|are|being|been|have|has|had)?\s*"
    r"(?:killed|dead|died|dying|slain|murdered|lost (?:their|his|her) lives?)"
)
_INJURED_AFTER = (
    rf"{_REPORTED}(?:were|was|have been|had been|are|being|been)?\s*"
    r"(?:injured|wounded|hurt|maimed|(?:suffered|sustained) (?:injuries|wounds))"
)
_KILLED_BEFORE = (
    r"(?:killing|killed|kills|kill|deaths of|death of|killing of|claimed the lives of|bodies of|"
    r"shot dead|shooting dead|shoot dead|gunned down|gunning down|"
    r"dead numbered|lives of)"
)
# "the death toll from Tuesday's strike has risen to 12", "toll climbs to 10", "bringing the number of
# people killed in the attack to 13": a total named first and its count after a verb of change.
_TOLL_TO = (
    r"(?:\s+(?:has|have|had)(?:\s+now)?)?\s+(?:rose|risen|rises|rise|climbed|climbs|climb|reached|reaches|"
    r"jumped|jumps|increased|increases|stood at|stands at|is|was|now stands at)(?:\s+to)?"
)
_TOLL_KILLED = (
    r"(?:(?:death\s+)?toll|number\s+of\s+(?:people\s+|those\s+|civilians\s+)?(?:killed|dead|deaths|victims))"
)
_TOLL_INJURED = r"(?:number\s+of\s+(?:people\s+|those\s+|civilians\s+)?(?:injured|wounded))"
_INJURED_BEFORE = r"(?:injuring|injured|injures|wounding|wounded|wounds|hurting|injuries to|leaving)"
# Victims named one by one, counted: "killing a woman and her son" (2), "an elderly couple" (2).
_NAMED_ONE = rf"(?:a|an|one|his|her|their|its)\s+(?:[\w-]+\s+){{0,2}}?(?:{_ONE_PERSON}|couple)\b"
_NAMED_VICTIMS = rf"(?P<named>{_NAMED_ONE}(?:\s+and\s+{_NAMED_ONE})*)"
# Not "killing a member of parliament" (a part named) or "a man and three others" (a count follows).
_NAMED_END = r"(?!\s+of\b)(?!\s+and\s+(?:\d|[a-z-]+\s+others\b|others\b|several\b|many\b|dozens\b))"
# "a general and six staff officers", "a man and two others": a count after the named victims adds to them.
_NAMED_MORE = rf"(?:\s+and\s+(?P<more>{NUMBER}){_PEOPLE})?"
_NAMED = rf"{_NAMED_VICTIMS}{_NAMED_MORE}{_NAMED_END}"
_NAMED_KILLED = re.compile(rf"\b(?:killing|killed|kills|kill)\s+{_NAMED}", re.I)
_NAMED_INJURED = re.compile(rf"\b(?:injuring|injured|injures|wounding|wounded|hurting)\s+{_NAMED}", re.I)

# "Two children were among the dead": a part of the toll, so a lower bound.
_AMONG = r"\s+(?:(?:were|are|was|is)\s+)?among\s+the\s+"
# The span after a named total up to its count, inside one clause: "toll from the strike on Kramatorsk has
# risen to", "number of people killed in the attack to" (the count of "bringing the number ... to 13").
_TOLL_GAP = r"(?:\s+[^.;:]{0,120}?)??"
_KILLED_RE = [
    re.compile(rf"\b{COUNT}{_PEOPLE}\s+{_KILLED_AFTER}\b", re.I),
    re.compile(rf"\b{_KILLED_BEFORE}\s+{COUNT}\b", re.I),
    re.compile(rf"\b{COUNT}{_PEOPLE}{_AMONG}(?P<among>dead|killed|victims)\b", re.I),
    re.compile(rf"\b{_TOLL_KILLED}\s+of\s+{COUNT}\b", re.I),  # "a death toll of 12"
    re.compile(rf"\b{_TOLL_KILLED}{_TOLL_GAP}(?:{_TOLL_TO}|\s+to)\s+{COUNT}\b", re.I),
]
_INJURED_RE = [
    re.compile(rf"\b{COUNT}{_PEOPLE}\s+{_INJURED_AFTER}\b", re.I),
    re.compile(rf"\b(?:{_INJURED_BEFORE})\s+{COUNT}(?!{_PEOPLE}\s+(?:killed|dead))\b", re.I),
    re.compile(rf"\b{COUNT}{_PEOPLE}{_AMONG}(?P<among>injured|wounded)\b", re.I),
    re.compile(rf"\b{_TOLL_INJURED}{_TOLL_GAP}(?:{_TOLL_TO}|\s+to)\s+{COUNT}\b", re.I),
]
# "Two of the children killed were twins", "three of them died": a part of a group, not a toll.
_PART_OF = re.compile(r"^\s+of\s+(?:the|them|those|these|whom)\b", re.I)
# "in April 2022 killed more than 50": a year is never a count (unless people follow: "2000 people").
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_PEOPLE_NEXT = re.compile(r"\s+(?:people|persons|civilians|soldiers|troops)\b", re.I)


def parse_number(text: str) -> int | None:
    """Return the integer a number written in digits or words stands for ("forty-two" -> 42)."""
    text = text.lower().strip()
    if text in _VAGUE:
        return _VAGUE[text]
    if text == "a dozen":
        return 12
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return int(float(text.replace(",", "")))
    total = 0
    for part in re.split(r"[- ]", text):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total


def count_bounds(qualifier: str | None, number: str, scale: str | None = None) -> Bounds | None:
    """Return the bounds of a count: "at least four" is (4, None), "up to 30" is (None, 30)."""
    value = parse_number(number)
    if value is None:
        return None
    if scale:
        value *= _SCALES[scale.lower()]
    vague = number.lower() in _VAGUE
    qual = (qualifier or "").lower()
    if qual in ("at least", "upwards of") or vague:
        return Bounds(value, None)
    if qual in ("more than", "over", "in excess of"):
        return Bounds(value + 1, None)
    if qual in ("up to", "as many as", "at most", "no more than", "nearly", "almost"):
        return Bounds(None, value)
    if qual in ("fewer than", "less than"):
        return Bounds(None, value - 1)
    return Bounds(value, value)


def _counts(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, int, Bounds]]:
    """Every count the patterns find in ``text``, as (start of its number, end of its match, bounds)."""
    found: list[tuple[int, int, Bounds]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            number = match.group("num")
            following = text[match.end("num") :]
            if _PART_OF.match(following) or (_YEAR.match(number) and not _PEOPLE_NEXT.match(following)):
                continue
            bounds = count_bounds(match.group("qual"), number, match.group("scale"))
            if bounds is not None and "among" in match.groupdict():
                bounds = Bounds(bounds.min, None)
            if bounds is not None:
                found.append((match.start("num"), match.end(), bounds))
    return sorted(found, key=lambda item: item[0])


_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


@lru_cache(maxsize=1)
def _cumulative_cues() -> re.Pattern[str]:
    """The cues of ``cumulative_cues``, with or without their "the" ("since war began")."""
    cues = sorted(load_grammar()["cumulative_cues"], key=len, reverse=True)
    written = (re.escape(cue).replace(r"the\ ", r"(?:the\s+)?").replace(r"\ ", r"\s+") for cue in cues)
    return re.compile(rf"\b(?:{'|'.join(written)})\b", re.I)


@lru_cache(maxsize=1)
def _war_scope() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A count over a whole war (``war_span_preps``, ``war_nouns``): its span ("during Russia's
    15-month war", "throughout the invasion") and the war as what kills ("the war, now in its
    second year, has killed thousands")."""
    grammar = load_grammar()
    war = "|".join(map(re.escape, grammar["war_nouns"]))
    span = "|".join(map(re.escape, grammar["war_span_preps"]))
    over = re.compile(rf"\b(?:{span})\s+(?:[^\s,;:()]+\s+){{0,3}}(?:{war})\b", re.I)
    killer = re.compile(
        rf"\b(?:{war})\b(?:,[^,]{{1,40}},)?\s+(?:has|have)\s+(?:\w+\s+)?(?:killed|wounded|injured|claimed)\b",
        re.I,
    )
    return over, killer


def cumulative(text: str, start: int, end: int) -> bool:
    """Whether the count at ``text[start:end]`` is a running total of the war: a cue of
    ``cumulative_cues`` ("since the invasion", "so far", "in total") or a war's span ("during the
    15-month war") in its own clause or ending the clause before it, a cue opening the sentence
    ("Since February 2022, more than 9,000 civilians have died"), or the war as what has killed
    ("the war, now in its second year, has killed thousands")."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    left = max((b for b in breaks if b < start), default=-1) + 1
    right = min((b for b in breaks if b >= end), default=len(text))
    over, killer = _war_scope()
    if _cumulative_cues().search(text, left, right) or over.search(text, left, right):
        return True
    before = max((b for b in breaks if b < left - 1), default=-1) + 1
    if left and any(not text[m.end() : left - 1].strip() for m in over.finditer(text, before, left - 1)):
        return True  # "... that during Russia's 15-month war, 500 children have been killed"
    if any(
        m.start() <= start and not _CLAUSE_BREAK.search(text[m.end() : start]) for m in killer.finditer(text)
    ):
        return True
    opening = text[: breaks[0]] if breaks and breaks[0] < start else ""
    return bool(re.match(r"\s*since\b", opening, re.I)) and bool(_cumulative_cues().search(opening))


def _first(found: list[tuple[int, int, Bounds]], text: str, running: bool) -> Bounds | None:
    return next((b for s, e, b in found if cumulative(text, s, e) == running), None)


def _named(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, Bounds]]:
    """Victims a sentence names one by one, counted ("killing a woman and her son": 2)."""
    found = []
    for match in pattern.finditer(text):
        nouns = re.findall(rf"\b(?:{_ONE_PERSON}|couple)\b", match.group("named"), re.I)
        count = sum(2 if noun.lower() == "couple" else 1 for noun in nouns)
        more = parse_number(match.group("more")) if match.group("more") else 0
        count += more or 0
        found.append((match.start("named"), match.end(), Bounds(count, count)))
    return found


def casualties(text: str) -> tuple[Bounds | None, Bounds | None]:
    """Return the (killed, injured) bounds a happening in ``text`` has, each None when not stated;
    running totals of the war are not a happening's toll (see ``cumulative_casualties``)."""
    killed = sorted([*_counts(_KILLED_RE, text), *_named(_NAMED_KILLED, text)], key=lambda item: item[0])
    injured = sorted([*_counts(_INJURED_RE, text), *_named(_NAMED_INJURED, text)], key=lambda item: item[0])
    return _first(killed, text, False), _first(injured, text, False)


def cumulative_casualties(text: str) -> tuple[Bounds | None, Bounds | None]:
    """Return the (killed, injured) running totals of the war stated in ``text``: "at least 500
    children have been killed since the invasion", "3,000 wounded so far"."""
    return _first(_counts(_KILLED_RE, text), text, True), _first(_counts(_INJURED_RE, text), text, True)


_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "rub": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH", "uah": "UAH",
    "yuan": "CNY", "yen": "JPY", "shilling": "KES", "shillings": "KES", "francs": "CHF", "rupees": "INR",
}  # fmt: skip
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
_AMOUNT = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
)
# The scale word may follow a space or a hyphen: "$2.1 billion", "$2.1-billion", "€500-million", "1.5bn".
_SCALE = r"(?:(?:\s*|-)(?P<scale>trillion|billion|million|thousand|bln|mln|bn|mn|tn|m|k)\b)?"
_SYMBOL_RE = re.compile(rf"(?P<sym>US\$|\$|€|£|₽|₴|¥)\s?{_AMOUNT}{_SCALE}", re.I)
_CURRENCY_NAMES = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
_WORD_RE = re.compile(rf"\b{_AMOUNT}{_SCALE}(?:\s+|-)(?P<cur>{_CURRENCY_NAMES})\b", re.I)
# "an additional billion", "another 500 million": an amount whose currency is the last one named.
_BARE_RE = re.compile(
    r"\b(?:an additional|another|a further|an extra|additional|further)\s+"
    rf"{_AMOUNT.replace('a|an|', '')}?\s*(?P<scale>trillion|billion|million)\b",
    re.I,
)
_EQUIVALENT_RE = re.compile(r"^\s*\(\s*(?:about|around|roughly|some|approximately|~)?\s*$|^\s*\($")


@dataclass(frozen=True, slots=True)
class MoneyMention:
    """An amount of money found in a text, with its character span."""

    money: Money
    start: int
    end: int


def _amount(num: str | None, scale: str | None) -> float:
    words = {"a": 1, "an": 1, **_UNITS}
    value = (
        float(words[num.lower()]) if num and num.lower() in words else float((num or "1").replace(",", ""))
    )
    return value * (_SCALES[scale.lower()] if scale else 1)


def money_amounts(text: str, previous_currency: str | None = None) -> list[MoneyMention]:
    """Return the amounts of money in ``text`` in order; a dollar value in brackets sets ``usd``."""
    raw: list[tuple[int, int, float, str]] = []
    for match in _SYMBOL_RE.finditer(text):
        currency = _SYMBOLS[match.group("sym").lower()]
        raw.append((match.start(), match.end(), _amount(match.group("num"), match.group("scale")), currency))
    for match in _WORD_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e, _, _ in raw):
            continue  # "$2.1-billion-dollar deal": the symbol's amount, written twice
        currency = _CURRENCY_WORDS[match.group("cur").lower()]
        raw.append((match.start(), match.end(), _amount(match.group("num"), match.group("scale")), currency))
    taken = [(s, e) for s, e, _, _ in raw]
    for match in _BARE_RE.finditer(text):
        overlaps = any(s < match.end() and match.start() < e for s, e in taken)
        before = [cur for s, _, _, cur in raw if s < match.start()]
        named = before[-1] if before else previous_currency
        if not overlaps and named:
            raw.append((match.start(), match.end(), _amount(match.group("num"), match.group("scale")), named))
    raw.sort()
    found: list[MoneyMention] = []
    skip: set[int] = set()
    for index, (start, end, amount, currency) in enumerate(raw):
        if index in skip:
            continue
        usd = amount if currency == "USD" else None
        following = raw[index + 1] if index + 1 < len(raw) else None
        # "86 billion roubles ($1 billion)": the bracketed dollar figure is the same money.
        if (
            following
            and following[3] == "USD"
            and currency != "USD"
            and _EQUIVALENT_RE.match(text[end : following[0]])
        ):
            usd = following[2]
            skip.add(index + 1)
        found.append(MoneyMention(Money(amount, currency, usd), start, end))
    return found


Figures = tuple[Bounds | None, Bounds | None]


def _headline(doc: Doc, sentences: list[Span]) -> bool:
    """Whether the first sentence is a headline: a first line without end punctuation ("Eight killed in
    Kramatorsk strike") that feeds and web pages put before the body."""
    if len(sentences) < 2:
        return False
    first = sentences[0].text.rstrip()
    return "\n" in doc.text[sentences[0].start_char : sentences[1].start_char] and not first.endswith(
        (".", "!", "?", '"', "”")
    )


def sentence_figures(doc: Doc, sentences: list[Span]) -> list[Figures]:
    """The (killed, injured) figures each sentence states.

    A headline drops the qualifiers of its body ("toll rises to four" over "has risen to at least
    four"), so when the body states a figure of the same kind, the headline takes the body's first one.
    """
    figures = [casualties(sent.text) for sent in sentences]
    if figures and _headline(doc, sentences):
        body_killed = next((k for k, _ in figures[1:] if k is not None), None)
        body_injured = next((i for _, i in figures[1:] if i is not None), None)
        killed, injured = figures[0]
        figures[0] = (body_killed or killed if killed else None, body_injured or injured if injured else None)
    return figures


def _same_paragraph(doc: Doc, first: Span, second: Span) -> bool:
    return "\n" not in doc.text[first.end_char : second.start_char]


def follow_up_figures(
    doc: Doc, sentences: list[Span], events: list[Event], sentence_of: list[int], figures: list[Figures]
) -> list[Event]:
    """Give the violent events of a sentence the figures the next sentence adds about the same attack.

    "A missile struck the centre of Kramatorsk, killing at least two people. At least 22 others were
    injured.": the strike also has 22 injured. The next sentence counts for the same attack when it is
    in the same paragraph and names no other place for its own violent events.
    """
    updated = list(events)
    for index in range(1, len(sentences)):
        killed, injured = figures[index]
        if (killed is None and injured is None) or not _same_paragraph(
            doc, sentences[index - 1], sentences[index]
        ):
            continue
        before = [n for n, s in enumerate(sentence_of) if s == index - 1 and events[n].type in VIOLENT_TYPES]
        places = {events[n].location for n in before} - {None}
        own = [e for e, s in zip(events, sentence_of, strict=True) if s == index]
        own_places = {e.location for e in own} - {None}
        own_dates = {e.date for e in own} - {None}
        # "A missile attack in April 2022 killed more than 50": another place or time is another attack
        if not before or not own_places <= places or not own_dates <= {events[n].date for n in before}:
            continue
        for n in before:
            event = updated[n]
            updated[n] = replace(
                event,
                killed=event.killed if event.killed is not None or figures[index - 1][0] else killed,
                injured=event.injured if event.injured is not None or figures[index - 1][1] else injured,
            )
    return updated
