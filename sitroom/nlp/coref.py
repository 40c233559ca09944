"""Rule-based coreference inside one document: short names to full names, "the group" to an ORG,
and the ``Resolver`` that finds the entity a token of a parsed document refers to.

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

from sitroom.lexicons import load_grammar
from sitroom.nlp.docents import DocEntities
from sitroom.nlp.gazetteer import LexiconEntry, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_TYPES = ("GPE", "LOC", "FAC")


def group_nouns() -> dict[str, tuple[str, ...]]:
    """Nouns that, after "the", refer back to an organisation, with the subtypes they prefer
    (``group_nouns`` of ``lexicons/grammar.yaml``)."""
    return load_grammar().maps["group_nouns"]


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
        nouns = group_nouns()
        if noun not in nouns or token.i in covered or doc[token.i - 1].lower_ != "the":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
            continue  # "the group of soldiers" introduces a new group
        before = [c for c in orgs if c.end <= token.i - 1]
        if not before:
            continue
        kinds = nouns[noun]
        fitting = [
            c for c in before if noun in c.text.lower().split() or (c.entry and c.entry.subtype in kinds)
        ]
        referent = (fitting or before)[-1]
        found.append(Candidate(token.i - 1, token.i + 1, doc[token.i - 1 : token.i + 1].text, "ORG",
                               referent.entry, referent.name, anaphor=True, place=referent.place,
                               country=referent.country))  # fmt: skip
    return found


class Resolver:
    """Finds the canonical entity a token stands for, following demonyms, relative pronouns,
    personal pronouns and "the group" back through the document."""

    def __init__(self, doc: Doc, ents: DocEntities) -> None:
        self.doc = doc
        self.ents = ents
        grammar = load_grammar()
        self.person, self.thing = grammar["person_pronouns"], grammar["thing_pronouns"]
        self.groups, self.relative = grammar["group_pronouns"], grammar["relative_pronouns"]
        self._latest_first = sorted(ents.mentions, key=lambda m: m.token_start, reverse=True)
        self._subjects: list[tuple[int, str]] = []  # (token index, entity) of clause subjects, in order
        for token in doc:
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in (
                *self.relative,
                *self.person,
                *self.thing,
                *self.groups,
            ):
                name = self._named(token)
                if name is not None:
                    self._subjects.append((token.i, name))

    def _country_entity(self, name: str) -> str:
        """Map a demonym entity ("Russian") to the country entity of the document ("Russia")."""
        norp = self.ents.entities[name]
        for entity in self.ents.entities.values():
            if entity.type == "GPE" and norp.country and entity.country == norp.country:
                return entity.name
        stem = name.lower()[:5]
        for entity in self.ents.entities.values():
            if (
                entity.type == "GPE"
                and len(stem) >= 4
                and entity.name.lower().startswith(stem[: max(4, len(stem) - 1)])
            ):
                return entity.name
        return name

    def name_at(self, i: int) -> str | None:
        entity = self.ents.at_token(i)
        if entity is None:
            return None
        return self._country_entity(entity.name) if entity.type == "NORP" else entity.name

    def _named(self, token: Token) -> str | None:
        """The entity of a noun phrase: its head, compounds and modifiers, the rest, possessors last."""
        name = self.name_at(token.i)
        if name is not None:
            return name
        near = [c for c in token.children if c.dep_ in ("compound", "amod", "flat", "nmod", "appos")]
        for child in near:
            for t in child.subtree:
                name = self.name_at(t.i)
                if name is not None:
                    return name
        possessors = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
        clauses = {t.i for c in token.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        rest = [t for t in token.subtree if t.i not in possessors and t.i not in clauses]
        for t in rest:
            name = self.name_at(t.i)
            if name is not None:
                return name
        for i in sorted(possessors):
            name = self.name_at(i)
            if name is not None:
                return name
        return None

    def _last(self, before: int, types: tuple[str, ...], subjects_first: bool) -> str | None:
        if subjects_first:
            for i, name in reversed(self._subjects):
                if i < before and self.ents.entities.get(name) and self.ents.entities[name].type in types:
                    return name
        for mention in self._latest_first:
            if mention.token_start < before and self.ents.entities[mention.entity].type in types:
                return mention.entity
        return None

    def entity_of(self, token: Token) -> str | None:
        """Return the canonical entity ``token`` (the head of a noun phrase or a pronoun) refers to."""
        lower = token.lower_
        if lower in self.relative and token.head.dep_ == "relcl":
            return self.entity_of(token.head.head)
        if lower in self.person:
            return self._last(token.i, ("PERSON",), subjects_first=True)
        if lower in self.thing:
            return self._last(token.i, ("ORG", "GPE"), subjects_first=True)
        if lower in self.groups:
            return self._last(token.i, ("ORG", "GPE", "NORP"), subjects_first=True)
        name = self._named(token)
        if (
            name is None
            and token.lemma_.lower() in group_nouns()
            and any(c.lower_ in ("the", "this") for c in token.children)
        ):
            return self._last(token.i, ("ORG",), subjects_first=False)
        return name

    def first_entity(self, tokens: list[Token]) -> str | None:
        """Return the first entity named or referred to (pronouns, "the group") among ``tokens``."""
        for token in tokens:
            name = self.name_at(token.i)
            if name is None and (
                token.lower_ in (*self.person, *self.thing)
                or (token.lemma_.lower() in group_nouns() and token.pos_ == "NOUN")
            ):
                name = self.entity_of(token)
            if name is not None:
                return name
        return None

    def last_entity_before(self, i: int, exclude: set[str]) -> str | None:
        """Return the last entity mentioned before token ``i`` that is not in ``exclude``."""
        for mention in self._latest_first:
            if mention.token_end <= i and mention.entity not in exclude:
                return mention.entity
        return None

    def is_place(self, name: str | None) -> bool:
        """Whether ``name`` is a place entity (GPE, LOC or FAC) of the document."""
        entity = self.ents.entities.get(name) if name else None
        return entity is not None and entity.type in PLACE_TYPES

    def sentence_subject(self, sent: Span) -> str | None:
        """Return the entity that is the subject of a sentence's main clause, if any; the subject of
        "to be" does nothing ("Kramatorsk has been a frequent target of strikes"), so it is none."""
        if sent.root.lemma_ == "be":
            return None
        for child in sent.root.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return self.entity_of(child)
        return None
