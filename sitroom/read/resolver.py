"""The one canonical-id resolver: stored entity ids to the entities they were merged into.

Resolution (``sitroom.resolve.entities``) points each merged entity at the one kept with
``entities.merged_into``; every reader follows those links through ``Resolver``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select

from sitroom.errors import NotFound
from sitroom.store import schema as t
from sitroom.store.chunks import in_chunks

# Above this many entities to look up, one query reading every entity is cheaper.
FULL_LOAD = 5_000


class Resolver:
    """Canonical ids, names, countries and coordinates of stored entities, read as they are needed.

    ``load`` reads the entities a query refers to (and those they were merged into) in a few
    statements; ``canon`` and ``names`` read every entity, for callers that want them all.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._rows: dict[int, Any] = {}  # id -> (id, merged_into, name, country, lat, lon), None if absent
        self._complete = False

    def _read(self, *conditions: Any) -> list[Any]:
        c = t.entities.c
        rows = self.conn.execute(
            select(c.id, c.merged_into, c.name, c.country, c.lat, c.lon).where(*conditions)
        )
        found = list(rows)
        for row in found:
            self._rows[row.id] = row
        return found

    def load(self, ids: Iterable[int | None]) -> None:
        """Read the entities ``ids`` and, in turn, the entities they were merged into."""
        wanted = {i for i in ids if i is not None and i not in self._rows}
        while wanted and not self._complete:
            if len(wanted) > FULL_LOAD:
                self._read()
                self._complete = True
                return
            ordered = sorted(wanted)
            found: list[Any] = []
            for chunk in in_chunks(ordered):
                found += self._read(t.entities.c.id.in_(chunk))
            for missing in wanted - {row.id for row in found}:
                self._rows[missing] = None
            wanted = {row.merged_into for row in found if row.merged_into is not None} - set(self._rows)

    def exists(self, entity_id: int) -> bool:
        self.load([entity_id])
        return self._rows.get(entity_id) is not None

    def id(self, entity_id: int | None) -> int | None:
        """Return the canonical id of a stored id (the id itself when it is not stored)."""
        if entity_id is None:
            return None
        self.load([entity_id])
        node, seen = entity_id, {entity_id}
        while (row := self._rows.get(node)) is not None and row.merged_into is not None:
            if row.merged_into in seen:
                break
            node = row.merged_into
            seen.add(node)
            self.load([node])
        return node

    def _field(self, entity_id: int | None, name: str) -> Any:
        canonical = self.id(entity_id)
        row = None if canonical is None else self._rows.get(canonical)
        return None if row is None else getattr(row, name)

    def name(self, entity_id: int | None) -> str | None:
        return self._field(entity_id, "name")  # type: ignore[no-any-return]

    def own_name(self, entity_id: int) -> str:
        """Return the name stored for this id itself (not its canonical entity's)."""
        self.load([entity_id])
        row = self._rows.get(entity_id)
        return "" if row is None else str(row.name)

    def country(self, entity_id: int | None) -> str | None:
        return self._field(entity_id, "country")  # type: ignore[no-any-return]

    def coords(self, entity_id: int | None) -> tuple[float | None, float | None]:
        """Return the latitude and longitude of an entity's canonical entity (None, None if unknown)."""
        return self._field(entity_id, "lat"), self._field(entity_id, "lon")

    def family(self, canonical: int) -> set[int]:
        """Return the stored ids resolved into ``canonical`` (itself included)."""
        if self._complete:
            return {i for i, row in self._rows.items() if row is not None and self.id(i) == canonical}
        members, frontier = {canonical}, {canonical}
        while frontier:
            merged = {row.id for row in self._read(t.entities.c.merged_into.in_(sorted(frontier)))}
            frontier = merged - members
            members |= frontier
        return members

    def _load_all(self) -> None:
        if not self._complete:
            self._read()
            self._complete = True

    @property
    def canon(self) -> dict[int, int]:
        """Every stored entity id with its canonical id."""
        self._load_all()
        return {i: self.id(i) or i for i, row in self._rows.items() if row is not None}

    @property
    def names(self) -> dict[int, str]:
        """Every stored entity id with its own (not canonical) name."""
        self._load_all()
        return {i: row.name for i, row in self._rows.items() if row is not None}


def find_entity(conn: Connection, name_or_id: str | int, resolver: Resolver | None = None) -> int:
    """Return the canonical id of the entity with this id, name or alias (case-insensitive).

    When several entities have the name, the one named most often wins, then the one with
    the most mentions (of its whole family), then the lowest id.
    """
    resolver = resolver or Resolver(conn)
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        entity_id = int(name_or_id)
        if not resolver.exists(entity_id):
            raise NotFound(f"entity {entity_id}: no such entity in the store")
        return resolver.id(entity_id) or entity_id
    wanted = str(name_or_id).strip().lower()
    by_name = select(t.entities.c.id).where(func.lower(t.entities.c.name) == wanted)
    by_alias = select(t.entity_aliases.c.entity_id).where(func.lower(t.entity_aliases.c.alias) == wanted)
    ids = set(conn.execute(by_name).scalars()) | set(conn.execute(by_alias).scalars())
    if not ids:
        raise NotFound(f"entity {name_or_id!r}: no entity has this name or alias")
    resolver.load(ids)
    canonical = Counter(resolver.id(i) or i for i in ids)
    if len(canonical) == 1:
        return next(iter(canonical))
    families = {c: resolver.family(c) for c in canonical}
    members = sorted(set().union(*families.values()))
    mentions: dict[int, int] = {
        i: n
        for i, n in conn.execute(
            select(t.mentions.c.entity_id, func.count())
            .where(t.mentions.c.entity_id.in_(members))
            .group_by(t.mentions.c.entity_id)
        )
    }
    weight = {c: sum(mentions.get(i, 0) for i in families[c]) for c in canonical}
    return min(canonical, key=lambda c: (-canonical[c], -weight[c], c))


def family_named(conn: Connection, resolver: Resolver, name_or_id: str) -> list[int] | None:
    """Return the stored ids resolved into the named entity, or None when no entity has that name."""
    try:
        return sorted(resolver.family(find_entity(conn, name_or_id, resolver)))
    except NotFound:
        return None


def canonical_ids(conn: Connection) -> dict[int, int]:
    """Return, for every entity id, the id of the entity it resolves to (following ``merged_into``)."""
    return Resolver(conn).canon
