"""What the exports say about an actor: its CAMEO code and its ACLED interaction code.

Both come from what the store knows of the canonical entity (type, subtype, country);
unknown stays empty, a name is never passed off as a code.
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry
from sqlalchemy import Connection

from sitroom.read.entities import entity_records
from sitroom.read.views import EntityRecord

# CAMEO agent (role) codes by entity subtype.
CAMEO_AGENTS = {
    "military": "MIL", "security_force": "MIL", "police": "COP", "government": "GOV",
    "intelligence": "SPY", "armed_group": "UAF", "militia": "UAF", "paramilitary": "UAF",
    "rebel_group": "REB", "criminal_group": "CRM", "cyber_group": "CRM", "hacker_group": "CRM",
    "ransomware_group": "CRM", "company": "BUS", "media": "MED", "ngo": "NGO", "igo": "IGO",
    "civilians": "CVL", "party": "PTY", "legislature": "LEG", "judiciary": "JUD", "opposition": "OPP",
}  # fmt: skip
# ACLED interaction codes: 1 state forces, 2 rebel groups, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
ACLED_INTER = {
    "military": "1", "security_force": "1", "police": "1", "government": "1", "intelligence": "1",
    "rebel_group": "2", "armed_group": "3", "militia": "3", "paramilitary": "3", "civilians": "7",
    "igo": "8", "ngo": "8", "company": "8",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorFacts:
    """Type, subtype and country of each stored entity, by id."""

    rows: dict[int, EntityRecord]

    @classmethod
    def read(cls, conn: Connection) -> ActorFacts:
        return cls({r.id: r for r in entity_records(conn)})

    def cameo_code(self, entity_id: int | None) -> str:
        """Return the CAMEO actor code: country ISO alpha-3 plus agent (``RUSMIL``), or ""."""
        row = self.rows.get(entity_id) if entity_id is not None else None
        if row is None:
            return ""
        country = iso3(row.country)
        agent = CAMEO_AGENTS.get(row.subtype or "", "")
        return country + agent if (country or agent) else ""

    def acled_inter(self, entity_id: int | None) -> str:
        """Return the ACLED interaction code of an actor, or "" when its kind is unknown."""
        row = self.rows.get(entity_id) if entity_id is not None else None
        if row is None:
            return ""
        if row.type == "GPE" and row.subtype is None:
            return "1"  # a state as an actor: "Russia struck ..." means its forces
        return ACLED_INTER.get(row.subtype or "", "")


def iso3(alpha_2: str | None) -> str:
    """Return the ISO 3166 alpha-3 code of an alpha-2 code, or "" when unknown."""
    found = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    return found.alpha_3 if found is not None else ""
