"""Every sentence of every brief obeys the rules: it cites evidence, its numbers and names are in it,
and every day it names is a day that evidence gives (a weekday resolved against publication).

Briefs are made from the hand-made corpus (every section, filters, both comparisons) and from
the bundled sample corpus as the real pipeline extracts and resolves it. The rules are checked
here from the store directly (aliases from ``entity_aliases``, outlets from ``sources``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sitroom.brief import Brief, write_brief
from sitroom.brief.check import check_sentence, strip_citations
from sitroom.store import schema as t

SAMPLE = Path(__file__).resolve().parents[2] / "sitroom" / "sample"
# An outlet written as its feed's hostname ("feeds.bbci.co.uk") instead of its name.
HOSTNAME = re.compile(r"\b[\w-]+\.(?:com|co\.uk|org|net|fr|pl)\b", re.IGNORECASE)


def store_aliases(engine: Engine) -> dict[str, set[str]]:
    """Map each stored name (lower case) to every name of its entity, merges followed."""
    with engine.connect() as conn:
        parents = dict(conn.execute(select(t.entities.c.id, t.entities.c.merged_into)).all())
        names = conn.execute(select(t.entities.c.id, t.entities.c.name)).all()
        aliases = conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)).all()

    def root(entity_id: int) -> int:
        while parents.get(entity_id) is not None:
            entity_id = parents[entity_id]
        return entity_id

    family: dict[int, set[str]] = defaultdict(set)
    for entity_id, name in [*names, *aliases]:
        family[root(entity_id)].add(name)
    table: dict[str, set[str]] = defaultdict(set)
    for members in family.values():
        for name in members:
            table[name.lower()] |= members
    return table


def assert_rules_hold(brief: Brief, engine: Engine) -> int:
    """Check every sentence of ``brief``; return how many were checked."""
    aliases = store_aliases(engine)
    by_number = {c.number: c for c in brief.sources}
    assert sorted(by_number) == list(range(1, len(by_number) + 1))
    for sentence in brief.sentences():
        assert sentence.citations, sentence.text
        assert set(sentence.citations) <= set(by_number), sentence.text
        cited = [by_number[n] for n in sentence.citations]
        outlets = [o for c in cited for o in c.report.outlets]
        problems = check_sentence(
            sentence.text,
            [c.span.text for c in cited],
            aliases=aliases,
            outlets=outlets,
            currencies=("USD", "EUR", "GBP", "RUB", "UAH", "CHF", "CNY", "JPY"),
            published=[c.report.published for c in cited],
        )
        assert problems == [], sentence.text
        assert sentence.text in brief.markdown
        assert not HOSTNAME.search(strip_citations(sentence.text)), sentence.text
    return len(brief.sentences())


def briefs_of(engine: Engine) -> Iterator[Brief]:
    yield write_brief(engine)
    yield write_brief(engine, fmt="html")
    yield write_brief(engine, since=datetime(2023, 6, 28, tzinfo=UTC))
    yield write_brief(engine, until=datetime(2023, 6, 28, tzinfo=UTC))
    yield write_brief(engine, place="Kramatorsk")
    yield write_brief(engine, entity="Wagner Group")
    yield write_brief(engine, topic="ASSAULT")
    first = write_brief(engine, until=datetime(2023, 6, 28, tzinfo=UTC))
    yield write_brief(engine, previous=first.state)


@pytest.fixture(scope="module")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The bundled sample corpus, ingested, extracted and resolved by sitroom itself."""
    from sitroom.resolve import resolve_corpus
    from sitroom.room import Room

    room = Room(str(tmp_path_factory.mktemp("sample") / "sample.db"))
    report = room.ingest([str(SAMPLE)])
    assert report.failed == 0 and report.new > 20
    resolve_corpus(room.store.engine)
    return room.store.engine


def test_every_sentence_of_every_hand_made_brief_obeys_the_rules(corpus: Engine) -> None:
    checked = sum(assert_rules_hold(brief, corpus) for brief in briefs_of(corpus))
    assert checked > 40


def test_every_sentence_of_every_sample_corpus_brief_obeys_the_rules(sample_corpus: Engine) -> None:
    checked = 0
    for brief in briefs_of(sample_corpus):
        checked += assert_rules_hold(brief, sample_corpus)
    assert checked > 20


def test_sample_corpus_brief_leads_with_the_kramatorsk_strike_from_several_outlets(
    sample_corpus: Engine,
) -> None:
    brief = write_brief(sample_corpus, place="Kramatorsk")
    lead = brief.sections[0].sentences[0]
    assert "Kramatorsk" in lead.text
    by_number = {c.number: c for c in brief.sources}
    outlets = {o for n in lead.citations for o in by_number[n].report.outlets}
    assert len(outlets) >= 3
