"""The tables of the domain model (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Entities are stored per (type, canonical name) as extraction names them; cross-document
resolution never overwrites them but records a judgement in ``entity_merges`` and points
``entities.merged_into`` at the entity kept, so every merge can be reviewed and undone.
Stories are built the same way: ``events.story_id`` plus a ``story_links`` row saying why.

Full-text search is outside these tables, per dialect (migrations 0001 and 0002): an FTS5
table ``documents_fts`` on SQLite; on PostgreSQL a generated ``documents.search_vector``
column (the English ``tsvector`` of title and text) with a GIN index.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("kind", String(40)),  # media, government, ngo, intelligence, social
    Column("url", Text),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the normalised text
    Column("title", Text),
    Column("url", Text),
    Column("published_at", DateTime(timezone=True)),
    Column("language", String(20)),
    Column("text", Text, nullable=False),
    Column("metadata", JSON),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extractor_version", String(40)),  # null until extracted
    Column("extracted_at", DateTime(timezone=True)),
    Index("ix_documents_published_at", "published_at"),
)

# One row per (document, outlet): the same text from two outlets keeps both.
document_sources = Table(
    "document_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published_at", DateTime(timezone=True)),
    Column("origin", Text),  # the path, URL or "-" it was read from
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "source_id", name="uq_document_source"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("type", String(10), nullable=False),
    Column("subtype", String(40)),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("external_ids", JSON),
    Column("merged_into", Integer, ForeignKey("entities.id")),
    UniqueConstraint("type", "name", name="uq_entity_type_name"),
    Index("ix_entities_name", "name"),
    Index("ix_entities_merged_into", "merged_into"),
)
Index("ix_entities_lower_name", func.lower(entities.c.name))

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(300), primary_key=True),
)
Index("ix_entity_aliases_lower_alias", func.lower(entity_aliases.c.alias))

# A resolution judgement (nomenklatura style): same | different | unsure, with its reason.
entity_merges = Table(
    "entity_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kept_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("merged_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("judgement", String(10), nullable=False),
    Column("reason", Text, nullable=False),
    Column("score", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kept_id", "merged_id", name="uq_entity_merge"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_document", "document_id"),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("organisation_id", Integer, ForeignKey("entities.id")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_roles_entity", "entity_id"),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("predicate", String(40), nullable=False),
    Column("object_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_relations_subject", "subject_id"),
    Index("ix_relations_object", "object_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),
    Column("title", Text),
    Column("location_id", Integer, ForeignKey("entities.id")),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(40)),
    Column("first_reported", DateTime(timezone=True)),
    Column("last_reported", DateTime(timezone=True)),
    Column("conflicts", JSON),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Migration 0003: what online clustering and readers need of a story.
    Column("headline_document_id", String(64)),  # the document whose headline is the title
    Column("outlet", String(300)),  # the outlet of that headline
    Column("summary", Text),  # a short line of agreed facts: "Attack in Kramatorsk, 27 June — 12 killed"
    Column("outlets", Integer),  # independent outlets reporting it
    Column("documents", Integer),  # documents (or round-up passages) in it
    Column("rank", Float),  # default order of listings, highest first (see stories.write.rank)
    Column("first_day", String(10)),  # the days its documents report on: the window new ones match
    Column("last_day", String(10)),
    Column("profile", JSON),  # word, name, place, type and day counts compared with newcomers
    Index("ix_stories_date", "date"),
    Index("ix_stories_order", "date", "id"),
    Index("ix_stories_last_day", "last_day"),
    Index("ix_stories_rank", "rank"),
)

# Migration 0003: the documents (or passages of a round-up) of each story, and why they joined.
story_documents = Table(
    "story_documents",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("passage", Integer, primary_key=True),  # 0: the whole document; n: the n-th passage
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Column("reasons", JSON, nullable=False),  # [{"feature", "score", "weight", "reason"}, ...]
    Index("ix_story_documents_story", "story_id"),
)

# Migration 0003: the words and names under which a story is found (the candidate index).
story_keys = Table(
    "story_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    # Migration 0004: a story's keys found by story (merging or deleting it) without a scan of all keys.
    Index("ix_story_keys_story", "story_id"),
)

# Migration 0003: in how many documents each word or name occurs ("" counts the documents).
term_counts = Table(
    "term_counts",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("documents", Integer, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),  # hash of document id, span and type
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(20), nullable=False),
    Column("mode", String(40)),
    Column("context", String(40)),
    Column("cameo", String(6)),
    Column("acled_event_type", String(60)),
    Column("acled_sub_event_type", String(60)),
    Column("actor_id", Integer, ForeignKey("entities.id")),
    Column("target_id", Integer, ForeignKey("entities.id")),
    Column("location_id", Integer, ForeignKey("entities.id")),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(40)),
    Column("date_precision", String(10)),
    Column("killed_min", Integer),
    Column("killed_max", Integer),
    Column("injured_min", Integer),
    Column("injured_max", Integer),
    # The war's counts to date the sentence gives ("500 killed since the invasion"), not its toll.
    Column("cumulative_killed_min", Integer),
    Column("cumulative_killed_max", Integer),
    Column("cumulative_injured_min", Integer),
    Column("cumulative_injured_max", Integer),
    Column("money_amount", Float),
    Column("money_currency", String(3)),
    Column("money_usd", Float),
    Column("certainty", String(12), nullable=False),
    Column("attributed_to_id", Integer, ForeignKey("entities.id")),
    Column("actor_code", String(40)),
    Column("target_code", String(40)),
    Column("trigger", Text),
    Column("rule", Text),
    Column("negated", Boolean, nullable=False, default=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="SET NULL")),
    Column("extractor_version", String(40), nullable=False),
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date"),
    Index("ix_events_story", "story_id"),
    Index("ix_events_document", "document_id"),
    Index("ix_events_actor", "actor_id"),
    Index("ix_events_target", "target_id"),
    Index("ix_events_attributed_to", "attributed_to_id"),
    Index("ix_events_location", "location_id"),
)

# Listings read events by (undated last, date, id), alone or within one type or one place.
Index("ix_events_order", events.c.date.is_(None), events.c.date, events.c.id)
Index("ix_events_type_order", func.upper(events.c.type), events.c.date.is_(None), events.c.date, events.c.id)
Index("ix_events_location_order", events.c.location_id, events.c.date.is_(None), events.c.date, events.c.id)

# Why an event joined its story: the score and the features that matched.
story_links = Table(
    "story_links",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_story_links_story", "story_id"),  # migration 0004, as ix_story_keys_story
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),  # hash of document id and span
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("about_id", Integer, ForeignKey("entities.id")),
    Column("text", Text, nullable=False),
    Column("certainty", String(12), nullable=False),
    Column("attributed_to_id", Integer, ForeignKey("entities.id")),
    Column("polarity", String(10), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("extractor_version", String(40), nullable=False),
    Index("ix_claims_document", "document_id"),
    Index("ix_claims_about", "about_id"),
)
