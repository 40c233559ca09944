"""FollowTheMoney export: people, organisations and companies, with payments, sanctions,
memberships, directorships and ownerships, one JSON entity per line.

Only an asserted payment or sanction becomes a Payment or Sanction. One that is a claim
(reported, alleged, denied...) becomes a Note attached to whoever makes the claim (else to
the payer or target), saying how it is stated and by whom, and naming the parties.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from followthemoney import model
from sqlalchemy import Connection

from sitroom.read.entities import canonical_aliases, entity_records
from sitroom.read.events import event_views
from sitroom.read.relations import relation_views
from sitroom.read.resolver import Resolver
from sitroom.read.views import EntityRecord, EventView

DIRECTING = frozenset({"leader_of", "deputy_of", "commander_of", "head_of_state_of"})
ORG_SCHEMATA = {"company": "Company", "government": "PublicBody", "security_force": "PublicBody"}


class Builder:
    """Make one FtM proxy per canonical entity, on first use, with a schema fitting that use."""

    def __init__(self, conn: Connection, resolver: Resolver) -> None:
        self.rows = {r.id: r for r in entity_records(conn)}
        self.aliases = canonical_aliases(conn, resolver)
        self.resolver = resolver
        self.proxies: dict[int, Any] = {}
        self.links: list[Any] = []

    def schema_of(self, row: EntityRecord, asset: bool = False) -> str | None:
        if row.type == "PERSON":
            return "Person"
        if asset:
            return "Company"
        if row.type == "ORG":
            return ORG_SCHEMATA.get(row.subtype or "", "Organization")
        if row.type in ("GPE", "NORP"):
            return "PublicBody"  # a state as a party: "Russia paid", "sanctions on Iran"
        return None

    def entity(self, entity_id: int | None, asset: bool = False) -> Any:
        """Return the proxy of an entity (None when FtM has no fitting schema)."""
        canonical = self.resolver.id(entity_id)
        if canonical is None:
            return None
        if canonical in self.proxies:
            return self.proxies[canonical]
        row = self.rows[canonical]
        schema = self.schema_of(row, asset)
        if schema is None:
            return None
        proxy = model.make_entity(schema)
        proxy.make_id("sitroom", row.type, row.name)
        proxy.add("name", row.name)
        proxy.add("alias", sorted(self.aliases.get(canonical, set()) - {row.name}))
        if row.country:
            proxy.add("country", row.country.lower())
        self.proxies[canonical] = proxy
        return proxy

    def link(self, schema: str, key: object, **props: Any) -> Any:
        """Make an interval entity (Payment, Sanction, ...) with an id from ``key``."""
        proxy = model.make_entity(schema)
        proxy.make_id("sitroom", schema, key)
        for prop, value in props.items():
            if value is not None:
                proxy.add(prop, value)
        self.links.append(proxy)
        return proxy


def write(conn: Connection, out: TextIO) -> None:
    """Write the store's people, organisations and money flows as FtM entities (JSON Lines)."""
    resolver = Resolver(conn)
    build = Builder(conn, resolver)
    for row in build.rows.values():
        if row.merged_into is None and row.type in ("PERSON", "ORG"):
            build.entity(row.id)
    for r in relation_views(conn, resolver):
        key = (r.document_id, r.start, r.predicate)
        if r.predicate == "owner_of":
            owner, asset = build.entity(r.subject_id), build.entity(r.object_id, asset=True)
            if owner is not None and asset is not None and asset.schema.is_a("Asset"):
                build.link("Ownership", key, owner=owner.id, asset=asset.id, summary=r.evidence)
            continue
        subject, obj = build.entity(r.subject_id), build.entity(r.object_id)
        if subject is None or obj is None or not obj.schema.is_a("Organization"):
            continue
        if r.predicate == "member_of":
            build.link("Membership", key, member=subject.id, organization=obj.id, summary=r.evidence)
        elif r.predicate in DIRECTING:
            build.link(
                "Directorship",
                key,
                director=subject.id,
                organization=obj.id,
                role=r.predicate.replace("_", " "),
                summary=r.evidence,
            )
    speakers = {row.name: row.id for row in build.rows.values() if row.merged_into is None}
    for event in event_views(conn, resolver=resolver):
        date = event.date[:10] if event.date else None
        if (event.money is not None or event.type == "SANCTION") and event.certainty != "asserted":
            claim_note(build, event, speakers.get(event.attributed_to or ""))
        elif event.money is not None:
            payer, beneficiary = build.entity(event.actor_id), build.entity(event.target_id)
            build.link(
                "Payment",
                event.id,
                payer=payer.id if payer else None,
                beneficiary=beneficiary.id if beneficiary else None,
                amount=event.money.amount,
                currency=event.money.currency or None,
                amountUsd=event.money.usd,
                date=date,
                summary=event.evidence.text,
                sourceUrl=event.document.url,
            )
        elif event.type == "SANCTION":
            target = build.entity(event.target_id)
            if target is not None:
                build.link(
                    "Sanction",
                    event.id,
                    entity=target.id,
                    authority=event.actor,
                    date=date,
                    reason=event.evidence.text,
                    sourceUrl=event.document.url,
                )
    for proxy in [*build.proxies.values(), *build.links]:
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def claim_note(build: Builder, event: EventView, speaker_id: int | None) -> None:
    """Export a payment or sanction that is only claimed as a Note of its speaker."""
    stated = f"{event.certainty} by {event.attributed_to}" if event.attributed_to else event.certainty
    if event.money is not None:
        amount = f"{event.money.amount:g} {event.money.currency}".strip()
        what = f"payment of {amount} from {event.actor or 'unknown'} to {event.target or 'unknown'}"
    else:
        what = f"sanction by {event.actor or 'unknown'} on {event.target or 'unknown'}"
    about = build.entity(speaker_id) or build.entity(event.actor_id) or build.entity(event.target_id)
    build.link(
        "Note",
        event.id,
        entity=about.id if about is not None else None,
        name=f"Claimed {what}",
        summary=f"Claim, not an established fact ({stated}): {what}",
        description=event.evidence.text,
        namesMentioned=[n for n in (event.actor, event.target) if n] or None,
        sourceUrl=event.document.url,
    )
