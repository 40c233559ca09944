"""A lead's deed in its evidence's own words: "the US imposed sanctions on four gold firms".

A story's events name a doer; the sentence of one of them says what the doer did, with a past
tense verb right after the doer's name and what it did it to ("announced a $500 million package
for Ukraine", "arrived in Belarus", "dropped the charges against the mutineers", "said it was not
involved in the mutiny"). That clause, cut where the sentence turns to something else, states
more than a verb of the act's type ("Russia made demands"), and every word of it is the
evidence's. Who the sentence says reports it stays with it ("..., the governor said").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sitroom.brief.agree import country_words, demonym_countries, is_state, last_country_named
from sitroom.brief.check import numbers_in
from sitroom.brief.compose import surface
from sitroom.brief.facts import Name, Span
from sitroom.brief.phrases import phrases
from sitroom.lexicons import load_stopwords

# A clause of more words than this is a sentence of its own, not a lead's deed.
MAX_PREDICATE_WORDS = 16
# Fewer words than this after the verb say nothing ("Russia responded").
MIN_OBJECT_WORDS = 2
# Where a sentence turns from its deed to something else: a mark (not the comma of "4,000"),
# a conjunction, an aside; not a "that" of what the thing did ("the blast that damaged a bridge").
_TURN = re.compile(
    r"\s*(?:,(?!\d{3}\b)|[;:!?()“”\"—–])|\.(?:\s|$)|\s(?:and|but|as|while|after|amid|amidst|which|who|whose|"
    r"because|saying|adding|following|despite|even|though|although|where|when|until|before|"
    r"that(?!\s+[a-z]+ed\b)|with\s+the\s+aim)\b"
)
# What may stand between a doer and its verb: an adverb, a day ("on Tuesday"), an auxiliary.
_BETWEEN = re.compile(
    r"\s+(?P<adverbs>(?:(?:also|now|officially|formally|reportedly|finally|quietly|already|again)\s+)*)"
    r"(?:(?:on|late on|early on|last)\s+[A-Z][a-z]+day\s+|(?:on\s+)?\d{1,2}\s+[A-Z][a-z]+\s+)?"
    r"(?P<aux>(?:has|have|had|is|are)\s+)?(?P<verb>[a-z]+)\b"
)
# A day the clause ends with: the lead's opening says when.
_TRAILING_DAY = re.compile(r"\s+(?:on|late on|early on|last)\s+(?:[A-Z][a-z]+day|\d{1,2}\s+[A-Z][a-z]+)$")
# Who the sentence says reports its deed, after it: "..., the regional governor said."
_REPORTED = re.compile(
    r",\s+(?P<who>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,4}?)\s+(?:said|says|reported|claimed|announced|told)\b"
)
# What opens a sentence before its doer: a day or a time ("On Tuesday, ", "Late on Friday, "),
# dropped; or a title or owner that is part of the doer's name ("US Secretary of State",
# "Yevgeny Prigozhin’s"), kept; or a title set off by commas ("The head of the navy, ..."), dropped.
_OPENER = re.compile(r"^(?:(?:On|Late on|Early on|Earlier|Later|Last|This|Overnight)\b[^,]{0,30},)?$")
_TITLE = re.compile(r"^(?:[A-Z][\w.’'-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?)*[A-Z][\w.’'-]*(?:’s|'s)?$")
_APPOSITION = re.compile(r"^(?:The|A|An)\s+[^,]{3,60},$")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that"})
# How a present progressive is written in a lead: "Russia is importing" as "Russia was importing".
_PROGRESSIVE = {"is": "was", "are": "were"}


@dataclass(frozen=True, slots=True)
class Predicate:
    """What a doer did, as one sentence of the evidence writes it, and that sentence."""

    text: str
    span: Span
    names_end: bool  # whether the clause writes the act's target, place or amount


def _past(verb: str, aux: str) -> str | None:
    """Return the verb as a lead writes it in the past tense, or None when it is not past:
    "imposed", "struck"; "has arrived" as "arrived"; "has given" (no simple past) is not."""
    if aux in _PROGRESSIVE:
        return f"{_PROGRESSIVE[aux]} {verb}" if verb.endswith("ing") else None
    if aux and not verb.endswith("ed"):
        return None
    if verb.endswith("ed") or verb in phrases().past_verbs:
        return verb
    return None


def _cut(rest: str) -> str:
    """Return the clause up to where the sentence turns to something else."""
    turn = _TURN.search(rest)
    clause = rest[: turn.start()] if turn else rest
    return _TRAILING_DAY.sub("", clause.rstrip(" ."))


def concrete(words: list[str], parties: Collection[str] = ()) -> bool:
    """Whether a clause says more than that the war's own countries acted on each other: a town,
    person or group, another country ("arrived in Moldova"), a figure, or a thing ("a Russian
    commander", "gains"); "struck Ukraine overnight" does not, when Ukraine is a party (ISO2
    codes ``parties``) of the war."""
    countries, stopwords, times = country_words(), load_stopwords(), phrases().time_words
    for word in words:
        bare = re.sub(r"(?:’s|'s)$", "", word.strip(".,;:!?"))
        lowered = bare.lower()
        if bare[:1].isdigit() or bare[:1] in "$€£":
            return True
        if lowered in countries:
            named = last_country_named(bare)
            if named is not None and named[0] not in parties and not demonym_countries().get(lowered):
                return True
            continue
        if lowered in stopwords or lowered in times or not bare[:1].isalpha():
            continue
        return True
    return False


def _ends_well(words: list[str]) -> bool:
    last = re.sub(r"\W+$", "", words[-1]).lower() if words else ""
    return bool(last) and last not in load_stopwords() and last not in phrases().abbreviations


def _doer(actor: Name, text: str) -> tuple[str, int] | None:
    """Return the doer as the sentence writes it, with its title, owner or body ("US Secretary
    of State Antony Blinken", "the Biden administration"), and where its name ends; None when
    something other than a day or a title comes before it."""
    doer = surface(actor, text)
    if doer is None:
        return None
    core = re.escape(doer.removeprefix("the "))
    found = re.search(rf"(?<!\w)(?:(?:the|The)\s+)?{core}(?![\w-])", text)
    if found is None:
        return None
    before, end = text[: found.start()].strip(), found.end()
    if _APPOSITION.match(before) and text[end : end + 1] == ",":
        end += 1  # "The head of the navy, Ivan Petrov, said ...": Ivan Petrov said
    elif _TITLE.match(before) and not _OPENER.match(before):
        doer = f"{before} {doer}"  # "US Secretary of State Antony Blinken", "Prigozhin’s Wagner"
    elif not _OPENER.match(before):
        return None
    body = re.match(rf"\s+(?:{'|'.join(map(re.escape, phrases().body_nouns))})\b", text[end:])
    if body is not None and phrases().body_nouns:  # "the Biden administration", "Russia's army"
        written = text[found.start() : end + body.end()]
        doer, end = (f"the{written[3:]}" if written.startswith("The ") else written), end + body.end()
    both = re.match(r"\s+and\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*", text[end:])
    if both is not None:  # "Poland and Lithuania warned NATO": the two do it together
        doer, end = doer + both.group(0), end + both.end()
    post = re.match(r"\s+of\s+[a-z]+\b", text[end:])  # "the Wagner group of mercenaries"
    if post is not None and not re.match(r"\s+of\s+(?:the|a|an|its|their)\b", text[end:]):
        doer, end = doer + post.group(0), end + post.end()
    return doer, end


def predicate(
    actor: Name,
    span: Span,
    ends: Sequence[Name | None],
    amount: float | None,
    parties: Collection[str] = (),
) -> Predicate | None:
    """Return what ``actor`` did as ``span`` writes it, right after its name, or None.

    ``ends`` (target, place) and ``amount`` are what the act was done to: a clause that writes
    one of them is the act's own. ``parties`` are the war's countries (``concrete``).
    """
    text = " ".join(span.text.split())
    named_doer = _doer(actor, text)
    if named_doer is None:
        return None
    doer, end = named_doer
    between = _BETWEEN.match(text, end)
    if between is None:
        return None
    # "Russia will deploy weapons in Belarus, Putin said": a plan, stated as its speaker's.
    plan = between.group("verb") == "will" and not between.group("aux")
    verb = "will" if plan else _past(between.group("verb"), (between.group("aux") or "").strip())
    if verb is None:
        return None
    # "said on Monday that the US was not involved": the day is the lead's, what was said the clause.
    after = re.sub(r"^\s+(?:on|late on|early on|last)\s+[A-Z][a-z]+day\b", "", text[between.end() :])
    if verb == "said":
        after = re.sub(r"^\s+that\b", "", after)
    rest = _cut(after).strip()
    words = rest.split()
    # Reported speech may look ahead ("said his fighters will not sign"); a deed may not.
    ahead = {"will", "won't", "would", "wouldn't", "should"}
    conditional = (
        phrases().conditional_words - ahead
        if verb in ("said", "will")
        else phrases().conditional_words | ahead
    )
    if len(words) < MIN_OBJECT_WORDS or len(words) + 1 > MAX_PREDICATE_WORDS or not _ends_well(words):
        return None
    if {w.lower() for w in words} & conditional:
        return None  # "said it would consider ...": a plan, not a deed
    # Only a state acting on the war's own countries says nothing by naming them: a person
    # "arrived in Belarus" has moved, whoever the war's parties are.
    if not concrete(words, parties if is_state(actor) else ()):
        return None
    adverbs = between.group("adverbs") or ""
    clause = f"{doer} {adverbs}{verb} {rest}"
    reported = _REPORTED.search(after)
    if reported is not None and reported.start() >= after.find(rest) + len(rest) and verb != "said":
        who = reported.group("who")
        if who.split()[0].lower() in _PRONOUNS:
            return None  # "..., he said": who "he" is the lead cannot say
        # "..., the committee said" of the committee's own deed: the doer says so already.
        own = set(who.lower().split()) - {"the"} <= set(doer.lower().split())
        if plan or not own:
            clause = f"{who} said {clause}" if plan else f"{clause}, {who} said"
    elif plan:
        return None  # a plan no one is said to have announced is the writer's guess
    if plan and not re.sub(r"^the\s+", "", clause)[:1].isupper():
        return None  # "officials said Russia will ...": a plan needs a named speaker
    named = any(n is not None and surface(n, rest) is not None for n in ends)
    named = named or (amount is not None and amount in numbers_in(rest))
    return Predicate(clause, span, named)


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s)$", "", word.lower()) or word.lower()


def names_subject(clause: str, subject: str) -> bool:
    """Whether a clause names a word of a story's subject, in any form of the word ("Ukraine
    claimed ..." names "ukraine claims"; "launched drones overnight" does not name "fuel depot")."""
    stems = {_stem(w) for w in re.findall(r"[\w’'-]+", clause)}
    return any(_stem(w) in stems for w in subject.split())


def best_predicate(
    actor: Name,
    spans: Sequence[Span],
    ends: Sequence[Name | None],
    amount: float | None,
    about: str | None = None,
    titles: Mapping[str, str] | None = None,
    parties: Collection[str] = (),
) -> Predicate | None:
    """Return the clause of the first sentence that writes what the act was done to, else of the
    first sentence that has one at all; None when none does. With ``about`` (what the story's
    headlines are about: "kakhovka dam"), only a clause that names it (``names_subject``) from a
    sentence that names it, or whose report's headline (``titles``, by document) does, counts."""
    found = [p for s in dict.fromkeys(spans) if (p := predicate(actor, s, ends, amount, parties)) is not None]
    if about is not None:
        # The subject's words as a headline writes them, maybe with a mark between: "Belarus, Putin".
        joined = r"\W+".join(map(re.escape, about.split()))
        pattern = re.compile(rf"(?<![\w-]){joined}(?![\w-])", re.IGNORECASE)
        heads = titles or {}
        found = [p for p in found if pattern.search(f"{p.span.text} {heads.get(p.span.document_id, '')}")]
        found = [p for p in found if names_subject(p.text, about)]
    if not found:
        return None
    return next((p for p in found if p.names_end), found[0])
