"""Roles and relations from titles, appositions, possessives and "of" phrases around names.

Titles and the relation each implies come from ``lexicons/titles.yaml``. Patterns, each with
the kind of sentence it is for:

- title before a name: "Belarusian President Alexander Lukashenko", "Russia's Defence Minister
  Sergei Shoigu", "Wagner chief Yevgeny Prigozhin", "Gerasimov's deputy Sergei Surovikin";
- "of" after a titled name: "President Lukashenka of Belarus";
- apposition: "Viktor Zolotov, the commander of Russia's National Guard", "X, head of Y",
  "X, a member of Y", "X, part of Y";
- possessive plural: "Surovikin, who is now one of General Gerasimov's deputies" -> deputy_of;
- "under the leadership of X": "The brigade, under the leadership of Colonel Ivanov" -> leader_of;
- possessive ownership: "Prigozhin's Concord catering company" -> owner_of;
- places: "Kramatorsk, Ukraine", and any city whose country the document names -> located_in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitroom.model import Evidence, Relation, Role
from sitroom.nlp.docents import DocEntities, TokenMention
from sitroom.nlp.gazetteer import (
    Title,
    countries_by_code,
    lookup_country,
    title_at,
    title_ending_at,
    titles,
    under_nouns,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

POSSESSIVE = ("'s", "’s", "'", "’")
# Words between an apposition's comma and its title: "the former commander", "a senior member".
TITLE_MODIFIERS = ("the", "a", "an", "former", "current", "then", "senior", "top", "new", "acting", "now")
# Nouns after "X's Y" that make X the owner of Y: "Prigozhin's Concord catering company".
OWNED_NOUNS = ("company", "firm", "business", "holding", "group", "empire")
OWNED_SUBTYPES = ("company", "media")
# Predicates that put a person at the top of their organisation.
HEADING = ("leader_of", "head_of_state_of", "commander_of")
# Nouns for people who serve a title holder: "a deputy to Russia's chief of the general staff".
SERVING = ("deputy", "adviser", "advisor", "aide", "assistant", "bodyguard", "spokesman", "spokeswoman")


def _evidence(sent: Span) -> Evidence:
    text = sent.doc.text
    return Evidence(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class _Finder:
    """Collects roles and relations while walking the mentions of one document."""

    def __init__(self, doc: Doc, ents: DocEntities) -> None:
        self.doc = doc
        self.ents = ents
        self.words = [t.text for t in doc]
        self.starting = {m.token_start: m for m in ents.mentions}
        self.ending = {m.token_end: m for m in ents.mentions}
        self.roles: list[Role] = []
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def type_of(self, mention: TokenMention) -> str:
        return self.ents.entities[mention.entity].type

    def predicate(self, title: Title, organisation: str | None) -> str | None:
        """The relation a title gives to its organisation; only a head-of-state or government title
        leads a country ("President of Belarus"), any other heads a body of it ("Russia's chief of the
        general staff" leads the general staff, not Russia), so it gives no heading relation."""
        entity = self.ents.entities.get(organisation) if organisation else None
        country = entity is not None and entity.type == "GPE" and lookup_country(entity.name) is not None
        if title.predicate in HEADING and country and not title.heads_country:
            return None
        return title.predicate

    def add(
        self, holder: str, title: str, organisation: str | None, predicate: str | None, sent: Span
    ) -> None:
        evidence = _evidence(sent)
        self.roles.append(Role(holder, title, organisation, evidence))
        if organisation is not None and predicate is not None and organisation != holder:
            self.relations.setdefault(
                (holder, predicate, organisation), Relation(holder, predicate, organisation, evidence)
            )

    def mention_before(self, index: int) -> TokenMention | None:
        """Return the mention ending at ``index``, or ending before a possessive there."""
        if index > 0 and self.words[index - 1] in POSSESSIVE:
            index -= 1
        return self.ending.get(index)

    def own_country(self, holder: str) -> str | None:
        code = self.ents.entities[holder].country
        name = countries_by_code().get(code) if code else None
        return name if name in self.ents.entities and name != holder else None

    def title_before(self, person: TokenMention, sent: Span) -> None:
        """Title before a name: "Belarusian President Alexander Lukashenko", "President X of Belarus"."""
        size = title_ending_at(self.words, person.token_start)
        if not size or person.token_start - size < sent.start:
            return
        start = person.token_start - size
        title = titles()[" ".join(self.words[start : person.token_start]).lower()]
        text = self.doc[start : person.token_start].text
        owner = self.mention_before(start)
        after = person.token_end
        if owner is None and after + 1 < sent.end and self.words[after] == "of":
            owner = self.starting.get(after + 1)
        organisation = owner.entity if owner is not None else None
        if organisation is None and title.country_level:
            organisation = self.own_country(person.entity)
        role = f"{text} of {organisation}" if organisation else text
        if owner is not None and owner.token_end <= start and self.type_of(owner) == "NORP":
            role = self.doc[owner.token_start : person.token_start].text  # "Kenyan President", as written
        self.add(person.entity, role, organisation, self.predicate(title, organisation), sent)

    def apposition(self, person: TokenMention, sent: Span) -> None:
        """Apposition: "Viktor Zolotov, the commander of Russia's National Guard", "X, head of Y"."""
        i = person.token_end
        if i >= sent.end or self.words[i] != ",":
            return
        i += 1
        while i < sent.end and self.words[i].lower() in TITLE_MODIFIERS:
            i += 1
        size = title_at(self.words[: sent.end], i)
        if not size or i + size >= sent.end or self.words[i + size] != "of":
            return
        title = titles()[" ".join(self.words[i : i + size]).lower()]
        end = i + size + 1
        while (
            end < sent.end
            and self.words[end] not in (",", ";", ".")
            and self.doc[end].lower_ not in ("who", "which")
        ):
            end += 1
        objects = self.ents.in_tokens(i + size + 1, end)
        if not objects:
            return
        target = next((e for e in objects if e.type == "ORG"), objects[0])
        self.add(person.entity, self.doc[i:end].text, target.name, self.predicate(title, target.name), sent)

    def possessive_title(self, owner: TokenMention, sent: Span) -> None:
        """Possessive title: "one of General Gerasimov's deputies" is held by the clause's subject."""
        i = owner.token_end
        if i + 1 >= sent.end or self.words[i] not in POSSESSIVE or i + 1 in self.starting:
            return
        before = [w.lower() for w in self.words[max(sent.start, owner.token_start - 2) : owner.token_start]]
        if len(before) == 2 and before[1] in ("to", "of") and _singular(before[0]) in SERVING:
            return  # "Surovikin, a deputy to Russia's chief of the general staff" is not the chief
        size = title_at(self.words[: sent.end], i + 1)
        if not size:
            return
        title = titles()[" ".join(self.words[i + 1 : i + 1 + size]).lower()]
        holder = self.holder_of(self.doc[i + size], sent, exclude=owner.entity)
        if holder is not None and title.predicate is not None:
            noun = _singular(self.doc[i + 1 : i + 1 + size].text)
            self.add(
                holder, f"{noun} of {owner.entity}", owner.entity, self.predicate(title, owner.entity), sent
            )

    def holder_of(self, noun: Token, sent: Span, exclude: str) -> str | None:
        """Return the person the syntax gives a title noun to: its apposition ("Canada's prime
        minister, Justin Trudeau"), the name it is a compound of ("Russia's defence minister Sergei
        Shoigu"), the person it is in apposition to ("Surovikin, one of Gerasimov's deputies"), or
        the subject it is the predicate of ("Surovikin is one of Gerasimov's deputies"); never
        another name of the clause ("Zelensky told Canada's prime minister ...")."""
        for child in noun.children:
            if child.dep_ in ("appos", "compound", "flat") and child.i > noun.i:
                found = self.ents.at_token(child.i)
                if found is not None and found.type == "PERSON" and found.name != exclude:
                    return found.name
        if noun.head.i != noun.i and noun.dep_ == "compound":
            found = self.ents.at_token(noun.head.i)
            if found is not None and found.type == "PERSON" and found.name != exclude:
                return found.name
        node = noun
        while node.dep_ in ("pobj", "prep") and node.head.i != node.i:
            node = node.head
        if node.dep_ == "appos":
            found = self.ents.at_token(node.head.i)
            person = found is not None and found.type == "PERSON" and found.name != exclude
            return found.name if found is not None and person else None
        if node.dep_ in ("attr", "oprd", "acomp"):
            return self.subject_of(node, sent, exclude)
        return None

    def subject_of(self, token: object, sent: Span, exclude: str) -> str | None:
        """Return the person the clause of ``token`` is about: its subject, through "who"."""
        node = token
        for _ in range(8):
            head = node.head  # type: ignore[attr-defined]
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                if subject.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
                    subject = head.head
                found = self.ents.at_token(subject.i)
                if found is not None and found.type == "PERSON" and found.name != exclude:
                    return found.name
            if head is node:
                break
            node = head
        before = [m for m in self.ents.mentions if sent.start <= m.token_start < token.i]  # type: ignore[attr-defined]
        people = [m.entity for m in before if self.type_of(m) == "PERSON" and m.entity != exclude]
        return people[-1] if people else None

    def under_leadership(self, sent: Span) -> None:
        """Leadership: "The brigade, under the leadership of Colonel Ivanov, ..." -> leader_of."""
        for i in range(sent.start, sent.end - 4):
            noun = self.words[i + 2].lower()
            if self.words[i].lower() != "under" or noun not in under_nouns() or self.words[i + 3] != "of":
                continue
            leader = self.starting.get(i + 4)
            orgs = [
                m for m in self.ents.mentions if sent.start <= m.token_start < i and self.type_of(m) == "ORG"
            ]
            if leader is None or self.type_of(leader) != "PERSON" or not orgs:
                continue
            predicate = under_nouns()[noun]
            self.add(
                leader.entity,
                f"{predicate.split('_')[0]} of {orgs[-1].entity}",
                orgs[-1].entity,
                predicate,
                sent,
            )

    def ownership(self, person: TokenMention, sent: Span) -> None:
        """Ownership: "Prigozhin's Concord catering company" -> owner_of Concord."""
        i = person.token_end
        if i + 1 >= sent.end or self.words[i] not in POSSESSIVE:
            return
        owned = self.starting.get(i + 1)
        if owned is None or self.type_of(owned) != "ORG":
            return
        entity = self.ents.entities[owned.entity]
        tail = [w.lower() for w in self.words[owned.token_start : min(owned.token_end + 2, sent.end)]]
        if entity.subtype in OWNED_SUBTYPES or any(noun in tail for noun in OWNED_NOUNS):
            self.add(person.entity, f"owner of {owned.entity}", owned.entity, "owner_of", sent)

    def places(self) -> None:
        """Places: "Kramatorsk, Ukraine", and cities whose country the document names -> located_in."""
        first: dict[str, TokenMention] = {}
        for mention in self.ents.mentions:
            first.setdefault(mention.entity, mention)
        for name, mention in first.items():
            entity = self.ents.entities[name]
            if entity.lat is None or entity.country is None:
                continue
            sent = self.doc[mention.token_start].sent
            after = self.starting.get(mention.token_end + 1)
            comma = (
                after is not None and self.words[mention.token_end] == "," and self.type_of(after) == "GPE"
            )
            country = after.entity if comma and after is not None else self.own_country(name)
            if country is not None:
                evidence = _evidence(sent)
                self.relations.setdefault(
                    (name, "located_in", country), Relation(name, "located_in", country, evidence)
                )


def find_roles(doc: Doc, ents: DocEntities) -> tuple[list[Role], list[Relation]]:
    """Return the roles entities hold and the relations between entities.

    Each entity's ``roles`` in ``ents.entities`` is updated with the titles found for it.
    """
    finder = _Finder(doc, ents)
    for sent in doc.sents:
        for mention in ents.mentions:
            if not sent.start <= mention.token_start < sent.end:
                continue
            kind = finder.type_of(mention)
            if kind == "PERSON":
                finder.title_before(mention, sent)
                finder.ownership(mention, sent)
            if kind in ("PERSON", "ORG"):
                finder.apposition(mention, sent)  # the model tags some people ORG: "Kyrylo Budanov"
            finder.possessive_title(mention, sent)
        finder.under_leadership(sent)
    finder.places()
    for name, entity in ents.entities.items():
        held = tuple(dict.fromkeys(r.title for r in finder.roles if r.entity == name))
        if held:
            ents.entities[name] = replace(entity, roles=held)
    return finder.roles, list(finder.relations.values())
