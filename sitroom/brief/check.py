"""The two rules every sentence of a brief obeys, checked against its cited evidence.

1. A sentence carries at least one citation.
2. Every number in it (digits, number words, "a billion", "$500 million") and every proper
   name in it (runs of capitalised words) appears in the texts of the evidence it cites;
   a name may also appear through one of its stored aliases, and the outlet of a cited
   document may be named as the one who reported it.
3. Every day it names ("on 6 June") is a day its evidence states, as a date or as a weekday,
   "yesterday" or "today" resolved against the cited document's publication; after "reported
   on" or "said on" it may be the publication day of a cited document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sitroom.extract.time import resolve_date

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}

# Words that may open a sentence of a brief with a capital letter without being a name:
# the templates of compose.py start with these ("According to ...", "Reports differ ...").
SENTENCE_OPENERS = frozenset({
    "a", "an", "the", "according", "reports", "reported", "believed", "speculation", "unconfirmed",
    "denied", "opinion", "figures", "outlets", "new", "since", "in", "on", "at", "it", "this", "these",
    "there", "asserted", "uncertain", "speculated", "reportedly", "also", "earlier", "later", "now",
    "first", "one",
})  # fmt: skip

_CITATION = re.compile(r"\[(\d+)\]")
_NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# "$500 million", "1,000", "4.5bn", "forty-two", "a billion", "two hundred thousand"
_NUMBER = re.compile(
    rf"(?<![\w.])(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?P<abbr>bn|mn|[kmb])?(?![\w])"
    rf"|(?P<words>(?:(?:an?|{_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?)?)*(?:{_NUMBER_WORD})))"
    rf"(?P<scales>(?:\s+(?:{'|'.join(SCALES)}))*)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = r"[A-Z][\w’'.&-]*"
# A run of capitalised words, allowing "of"/"de"/"al-" inside ("President of Belarus").
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:(?:of|de|al|bin|van|von|der|the)\s+)?{_NAME_TOKEN})*")


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A day as a brief writes it ("6 June"), optionally after the verb that dates a report.
_BRIEF_DAY = re.compile(
    rf"(?P<reported>(?:reported|said|gave)\s+on\s+)?\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\b"
)
# Date expressions in evidence: "6 June", "June 6", "on Tuesday", "yesterday", "today".
_EVIDENCE_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:last\s+)?{_WEEKDAY}|yesterday|today|tonight|this morning|this evening)\b",
    re.IGNORECASE,
)


def dates_in_evidence(text: str, published: datetime | None) -> set[date]:
    """Return the days an evidence text states, weekdays and "yesterday" resolved against ``published``."""
    days = set()
    for match in _EVIDENCE_DATE.finditer(text):
        value = resolve_date(match.group(0), published)
        if value is not None and value.precision == "day":
            days.add(date.fromisoformat(value.value))
    return days


def _brief_days(text: str, year: int) -> list[tuple[str, date, bool]]:
    found = []
    for match in _BRIEF_DAY.finditer(text):
        month = datetime.strptime(match.group("month"), "%B").month
        try:
            day = date(year, month, int(match.group("day")))
        except ValueError:
            continue
        found.append((match.group(0), day, bool(match.group("reported"))))
    return found


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule in one sentence: ``rule`` is citation, number, name or date."""

    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


def citation_numbers(text: str) -> list[int]:
    """Return the citation numbers written in ``text`` as ``[n]``, in order."""
    return [int(n) for n in _CITATION.findall(text)]


def strip_citations(text: str) -> str:
    """Return ``text`` without its ``[n]`` citation markers."""
    return " ".join(_CITATION.sub(" ", text).split())


def _words_value(words: str) -> float | None:
    """Return the value of number words ("forty-two", "a billion", "two hundred thousand")."""
    total, current = 0.0, 0.0
    seen = False
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("", "and"):
            continue
        if token in ("a", "an"):
            current = current or 1
        elif token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token in SCALES:
            scale = SCALES[token]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = seen or token not in ("a", "an")
    return total + current if seen else None


def numbers_in(text: str) -> set[float]:
    """Return the values of the numbers written in ``text``, in digits or words.

    Scaled amounts count both ways: "$500 million" gives 500 000 000 and also 500.
    """
    values: set[float] = set()
    for match in _NUMBER.finditer(text):
        if match.group("digits"):
            base = float(match.group("digits").replace(",", ""))
            abbr = (match.group("abbr") or "").lower()
            values.add(base)
            base *= SCALE_ABBREVIATIONS.get(abbr, 1)
        else:
            words_value = _words_value(match.group("words"))
            if words_value is None:
                continue
            base = words_value
        for scale in (match.group("scales") or "").split():
            base *= SCALES[scale.lower()]
        values.add(base)
    return values


def _sentence_numbers(text: str) -> list[tuple[str, float]]:
    found = []
    for match in _NUMBER.finditer(text):
        value = numbers_in(match.group(0))
        if value:
            found.append((match.group(0).strip(), max(value)))
    return found


def names_in(text: str) -> list[str]:
    """Return the proper names of a sentence: runs of capitalised words, minus a sentence opener."""
    names = []
    for part in re.split(r"[.;:!?“”\"()—]\s*|,\s+", text):
        clause = part.strip()
        for match in _NAME_RUN.finditer(clause):
            # "Yevgeny Prigozhin’s Concord" names two things: split at the possessive.
            for index, run in enumerate(re.split(r"(?:’s|'s)(?:\s+|$)", match.group(0).rstrip("."))):
                tokens = run.split()
                if index == 0 and match.start() == 0 and tokens and tokens[0].lower() in SENTENCE_OPENERS:
                    tokens = tokens[1:]
                while tokens and tokens[0] in ("of", "de", "al", "the"):
                    tokens = tokens[1:]
                if tokens:
                    names.append(" ".join(tokens))
    return names


def _mentions(haystack: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", haystack, re.IGNORECASE) is not None


def check_sentence(
    text: str,
    evidence: Iterable[str],
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
    outlets: Iterable[str] = (),
    currencies: Iterable[str] = (),
    published: Iterable[datetime | None] = (),
) -> list[Violation]:
    """Return the rules a sentence (with its ``[n]`` markers) breaks against its cited evidence.

    ``aliases`` maps a name (lower case) to the other names of the same entity; ``outlets``
    are the publishers of the cited documents; ``currencies`` are ISO codes that may be
    written as units ("USD 500 million"); ``published`` are the publication times of the
    cited documents, in the order of ``evidence``, against which weekdays resolve.
    """
    violations: list[Violation] = []
    texts = list(evidence)
    if not citation_numbers(text) or not texts:
        violations.append(Violation("citation", f"no citation in {text!r}"))
    plain = strip_citations(text)
    joined = "\n".join(texts)
    times = list(published)
    stated: set[date] = set()
    for index, evidence_text in enumerate(texts):
        stated |= dates_in_evidence(evidence_text, times[index] if index < len(times) else None)
    reported = {t.date() for t in times if t is not None}
    year = min((t.year for t in times if t is not None), default=date.today().year)
    for written, day, after_report in _brief_days(plain, year):
        if day not in stated and not (after_report and day in reported):
            violations.append(Violation("date", f"{written!r} is not a day the cited evidence gives"))
    # Days are checked above: their month names are not names, their numbers not figures.
    plain = _BRIEF_DAY.sub(lambda m: m.group("reported") or "", plain)
    known_numbers = numbers_in(joined)
    for surface, value in _sentence_numbers(plain):
        if not any(abs(value - k) <= 1e-9 * max(1.0, abs(k)) for k in known_numbers):
            violations.append(Violation("number", f"{surface!r} is not in the cited evidence"))
    known = {c.upper() for c in currencies}
    outlet_names = list(outlets)
    alias_map = aliases or {}
    for name in names_in(plain):
        if name.upper() == name and name in known:
            continue
        candidates = [name, *alias_map.get(name.lower(), ())]
        if any(_mentions(joined, c) for c in candidates):
            continue
        if any(_mentions(outlet, name) for outlet in outlet_names):
            continue
        violations.append(Violation("name", f"{name!r} is not in the cited evidence"))
    return violations
