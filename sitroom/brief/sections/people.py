"""People and organisations: roles where the evidence ties them, and what each did in the window."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from sitroom.brief.agree import Agreed, agree, is_state, last_country_named, plausible_actor
from sitroom.brief.compose import (
    Composer,
    Context,
    Part,
    Section,
    Sentence,
    agreed_spans,
    joined,
    story_clause,
    surface,
)
from sitroom.brief.facts import Facts, RelationFact, Report, RoleFact, StoryFact
from sitroom.brief.phrases import head_of_state_titles, phrases
from sitroom.brief.sections.developments import weak_deed

MAX_PEOPLE = 12
MAX_ACTS = 2


def _prominence(facts: Facts) -> Counter[int]:
    """Count the events and claims each entity takes part in."""
    counts: Counter[int] = Counter()
    for event in facts.events:
        counts.update({n.id for n in (event.actor, event.target, event.attributed_to) if n is not None})
    for claim in facts.claims:
        counts.update({n.id for n in (claim.about, claim.attributed_to) if n is not None})
    return counts


PLACE_TYPES_OF_LEADERS = frozenset({"GPE", "LOC", "NORP"})


def _heads_country(title: str) -> bool:
    """Whether a title makes its holder lead a country ("President of Belarus"), by ``titles.yaml``;
    any other title with a country ("chief of the general staff of Russia") does not."""
    return any(re.search(rf"\b{re.escape(t)}\b", title, re.IGNORECASE) for t in head_of_state_titles())


# Words before a title that make it a past one: "the former Nato secretary general".
_FORMER = r"(?:former|ex|one-time|onetime|retired|erstwhile)"


def _former(title: str, evidence: str) -> bool:
    """Whether the evidence gives the title as a past one, "former" a few words before it."""
    first = title.split()[0] if title.split() else ""
    if not first or re.match(_FORMER, first, re.IGNORECASE):
        return False
    return bool(
        re.search(rf"\b{_FORMER}[\s-]+(?:[\w'’-]+\s+){{0,2}}{re.escape(first)}\b", evidence, re.IGNORECASE)
    )


def _as_written(title: str, evidence: str) -> str:
    """Return a title "<office> of <country>" as its evidence writes it when it writes it the
    other way round ("President of Ukraine" from "Ukrainian President Volodymyr Zelensky": "the
    Ukrainian President"); a title the evidence writes as it is, or not at all, is kept."""
    if title.lower() in evidence.lower() or " of " not in title:
        return title
    office, place = title.rsplit(" of ", 1)
    for found in re.finditer(rf"\b(?P<by>[A-Z][\w’'-]*)\s+(?P<office>{re.escape(office)})\b", evidence, re.I):
        by = found.group("by")
        named = last_country_named(by)
        same = by.lower().removesuffix("’s").removesuffix("'s") == place.lower()
        if same or (named is not None and named[1].lower() == place.lower()):
            possessive = by.endswith(("’s", "'s"))  # "Ukraine’s ambassador" takes no article
            return f"{'' if possessive else 'the '}{by} {found.group('office')}"
    return title


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
        if role.organisation is None and len(role.title.split()) == 1:
            continue  # "is described as Colonel": a rank without whose says nothing
        title = role.title if named else f"{role.title} of {org}"
        title = _as_written(title, role.span.text)
        if _former(role.title, role.span.text):  # "the former Nato secretary general Anders ..."
            title = f"the former {title[4:]}" if title.startswith("the ") else f"former {title}"
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
        and not any(_heads_country(r.title) for r in roles)
    ):
        return None  # "Sergei Surovikin leads Russia" from "a deputy to Russia's chief of staff"
    subject = surface(relation.subject, relation.span.text)
    obj = surface(relation.object, relation.span.text)
    if subject is None or obj is None:
        return None
    phrase = phrases().relations.get(relation.predicate, relation.predicate.replace("_", " "))
    return composer.emit([(f"{subject} {phrase} {obj}", [relation.span])])


def _story_acts(
    stories: list[StoryFact], reports: dict[str, Report]
) -> dict[int, list[tuple[StoryFact, Agreed]]]:
    """Map each entity to the corroborated acts it is the agreed doer of, in the brief's stories."""
    acts: dict[int, list[tuple[StoryFact, Agreed]]] = defaultdict(list)
    for story in stories:
        agreed = agree(story, reports)
        if agreed.actor is not None and agreed.support >= 2:
            acts[agreed.actor.id].append((story, agreed))
    return acts


def build(context: Context) -> Section:
    """Per person or organisation, most involved first: roles, relations, what they did.

    What someone did comes from the stories whose sources agree they did it, never from one
    sentence ("Kramatorsk carried out an attack" is left out: a town does nothing), and only when
    it says with whom, where or how much ("Vladimir Putin held talks" is left out).
    """
    composer, facts = context.composer, context.facts
    prominence = _prominence(facts)
    roles: dict[int, list[RoleFact]] = defaultdict(list)
    for role in facts.roles:
        if role.entity.type == "PERSON" or role.entity.type == "ORG":
            roles[role.entity.id].append(role)
    relations: dict[int, dict[str, RelationFact]] = defaultdict(dict)
    for relation in facts.relations:
        if plausible_actor(relation.subject) and not is_state(relation.subject):
            relations[relation.subject.id].setdefault(f"{relation.predicate}:{relation.object.id}", relation)
    acts = _story_acts(context.stories, composer.reports)
    people = sorted(set(roles) | set(relations), key=lambda i: (-prominence[i], facts.entities[i].name))
    sentences: list[Sentence] = []
    for entity_id in people[:MAX_PEOPLE]:
        found = [_role_sentence(composer, roles[entity_id])] if roles[entity_id] else []
        found += [_relation_sentence(composer, r, roles[entity_id]) for r in relations[entity_id].values()]
        for story, agreed in acts.get(entity_id, [])[:MAX_ACTS]:
            spans = agreed_spans(story, agreed)
            clause = story_clause(agreed, joined(spans), agreed.support)
            if weak_deed(clause, agreed):
                continue  # "Vladimir Putin held talks": with whom, where or for how much is not said
            found.append(composer.emit([(clause, spans)]) if clause else None)
        sentences += [s for s in found if s is not None]
    return Section(
        "people",
        "People and organisations",
        tuple(dict.fromkeys(sentences)),
        note=None if sentences else "No roles or relations in the selected period.",
    )
