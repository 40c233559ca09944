"""The entities of one parsed document, indexed by token, handed to the later extractors.

``find_entities`` (in ``sitroom.nlp.entities``) builds a ``DocEntities``; roles, events
and claims look up which canonical entity covers a token through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.model import Entity, Mention


@dataclass(frozen=True, slots=True)
class TokenMention:
    """A mention with both its character span and its spaCy token span [token_start, token_end).

    ``type`` is the mention's own type where it is not its entity's: a nationality word
    ("Russian", "Britons") is a NORP mention of the country entity.
    """

    entity: str  # canonical name, a key of DocEntities.entities
    start: int
    end: int
    text: str
    token_start: int
    token_end: int
    type: str | None = None


@dataclass(slots=True)
class DocEntities:
    """Canonical entities of a document and where each is mentioned."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[TokenMention] = field(default_factory=list)
    _by_token: dict[int, str] = field(default_factory=dict)

    def add_mention(self, mention: TokenMention) -> None:
        """Record a mention (its entity must already be in ``entities``)."""
        self.mentions.append(mention)
        for i in range(mention.token_start, mention.token_end):
            self._by_token[i] = mention.entity

    def at_token(self, i: int) -> Entity | None:
        """Return the entity whose mention covers token ``i``, if any."""
        name = self._by_token.get(i)
        return self.entities[name] if name is not None else None

    def in_tokens(self, start: int, end: int) -> list[Entity]:
        """Return the entities mentioned in tokens [start, end), in order, without repeats."""
        seen: dict[str, Entity] = {}
        for i in range(start, end):
            name = self._by_token.get(i)
            if name is not None and name not in seen:
                seen[name] = self.entities[name]
        return list(seen.values())

    def contract_mentions(self) -> list[Mention]:
        """Return the mentions in the form of the output contract, in text order."""
        ordered = sorted(self.mentions, key=lambda m: (m.start, m.end))
        return [
            Mention(m.entity, m.type or self.entities[m.entity].type, m.start, m.end, m.text) for m in ordered
        ]
