"""Rule-based coreference inside one document: short names to full names, "the group" to an ORG.

- A surname alone ("Prigozhin", after "General"/"President" is stripped) takes the full name
  mentioned elsewhere in the document ("Yevgeny Prigozhin").
- A shorter organisation name ("Wagner", "Global Initiative") takes the longer name that
  contains it ("Wagner Group", "Global Initiative against Transnational Organized Crime").
- "the group" / "the militia" takes the last organisation mentioned before it, preferring
  one whose name or kind fits the noun ("the Conti cybercrime group ... the group faced leaks").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.nlp.gazetteer import LexiconEntry, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Nouns that, after "the", refer back to an organisation, with the subtypes they prefer.
GROUP_NOUNS: dict[str, tuple[str, ...]] = {
    "group": ("armed_group", "criminal_group"),
    "militia": ("armed_group",),
    "movement": ("armed_group",),
    "gang": ("criminal_group",),
    "cartel": ("criminal_group",),
    "organisation": (),
    "organization": (),
}


@dataclass(slots=True)
class Candidate:
    """A span of tokens [start, end) naming an entity, before canonical names are chosen."""

    start: int
    end: int
    text: str
    type: str
    entry: LexiconEntry | None = None
    name: str = ""
    anaphor: bool = False  # "the group": its text is no alias of the entity
    place: Place | None = None
    country: str | None = None  # ISO2 of a country named inside the span ("Russian Defence Ministry")


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return len(longer) > size and any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def assign_names(candidates: list[Candidate]) -> None:
    """Set each candidate's canonical ``name`` (lexicon name, full person name, longer ORG name)."""
    for cand in candidates:
        cand.name = cand.entry.name if cand.entry else cand.place.name if cand.place else cand.text
    people = {c.name for c in candidates if c.type == "PERSON" and len(c.name.split()) > 1}
    orgs = {c.name: [c.name, *(c.entry.aliases if c.entry else ())] for c in candidates if c.type == "ORG"}
    for cand in candidates:
        if cand.entry is not None or cand.place is not None:
            continue
        words = cand.text.split()
        if cand.type == "PERSON" and len(words) == 1:
            full = sorted(n for n in people if n.split()[-1] == words[0])
            if len(full) == 1:
                cand.name = full[0]
        elif cand.type == "ORG":
            longer = sorted(
                name for name, forms in orgs.items()
                if name != cand.text and any(_contains(form.split(), words) for form in forms)
            )  # fmt: skip
            if len(longer) == 1:
                cand.name = longer[0]


def group_anaphora(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Return candidates for "the group"-like phrases, named after the organisation they refer to."""
    covered = {i for c in candidates for i in range(c.start, c.end)}
    orgs = sorted((c for c in candidates if c.type == "ORG"), key=lambda c: c.start)
    found = []
    for token in doc[1:]:
        noun = token.text
        if noun not in GROUP_NOUNS or token.i in covered or doc[token.i - 1].lower_ != "the":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
            continue  # "the group of soldiers" introduces a new group
        before = [c for c in orgs if c.end <= token.i - 1]
        if not before:
            continue
        kinds = GROUP_NOUNS[noun]
        fitting = [
            c for c in before if noun in c.text.lower().split() or (c.entry and c.entry.subtype in kinds)
        ]
        referent = (fitting or before)[-1]
        found.append(Candidate(token.i - 1, token.i + 1, doc[token.i - 1 : token.i + 1].text, "ORG",
                               referent.entry, referent.name, anaphor=True, place=referent.place,
                               country=referent.country))  # fmt: skip
    return found
