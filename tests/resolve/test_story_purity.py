"""Story purity: round-ups do not bridge groups, minor events need strong agreement to link."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sitroom.resolve.leads import Lead, group_documents, is_roundup
from sitroom.resolve.stories import StoryEvent, link

DAY = date(2023, 6, 6)


def lead(doc: str, words: str, roundup: bool = False) -> Lead:
    return Lead(doc, Counter({f"w:{w}": 2 for w in words.split()}), [(DAY, DAY)], frozenset(), roundup)


def event(doc: str, sentence: str, **fields: Any) -> StoryEvent:
    base: dict[str, Any] = {
        "id": f"{doc}-{len(sentence)}",
        "document_id": doc,
        "start": 900,
        "type": "ASSAULT",
        "actor": 1,
        "target": None,
        "location": 7,
        "lat": 48.46,
        "lon": 35.04,
        "country": "UA",
        "span": (DAY, DAY),
        "day": DAY,
        "own_date": DAY,
        "published": datetime(2023, 6, 6, tzinfo=UTC),
        "sources": (),
        "words": frozenset(sentence.lower().split()),
        "killed": None,
        "injured": None,
        "certainty": "asserted",
        "negated": False,
        "attributed_to": None,
        "story_id": None,
        "main": True,
    }
    base.update(fields)
    return StoryEvent(**base)


def test_live_blog_naming_two_events_does_not_merge_their_groups() -> None:
    leads = [
        lead("dam1", "kakhovka dam breach flooding kherson evacuation"),
        lead("dam2", "kakhovka dam breach flooding kherson residents"),
        lead("dni1", "dnipro missile strike apartment block child killed"),
        lead("dni2", "dnipro missile strike apartment block rubble"),
        lead("live", "kakhovka dam breach flooding dnipro missile strike apartment", roundup=True),
        lead("other1", "wimbledon tennis final"),
        lead("other2", "election budget vote parliament"),
    ]
    groups, _ = group_documents(leads)
    by_doc = {leads[i].document_id: tuple(g) for g in groups for i in g}
    assert by_doc["dam1"] == by_doc["dam2"]
    assert by_doc["dni1"] == by_doc["dni2"]
    assert by_doc["dam1"] != by_doc["dni1"]


def test_the_same_texts_without_a_live_blog_title_would_bridge_both_groups() -> None:
    leads = [
        lead("dam1", "kakhovka dam breach flooding kherson evacuation"),
        lead("dam2", "kakhovka dam breach flooding kherson residents"),
        lead("dni1", "dnipro missile strike apartment block child killed"),
        lead("dni2", "dnipro missile strike apartment block rubble"),
        lead("live", "kakhovka dam breach flooding dnipro missile strike apartment"),
        lead("other1", "wimbledon tennis final"),
        lead("other2", "election budget vote parliament"),
    ]
    groups, _ = group_documents(leads)
    assert max(len(g) for g in groups) == 5


def test_live_blogs_and_round_ups_are_told_by_title_or_many_towns() -> None:
    assert is_roundup("Ukraine war live: air defences busy over Odesa", 0)
    assert is_roundup("The conflict at a glance on Thursday", 0)
    assert is_roundup("The breach at Nova Kakhovka: what we know", 0)
    assert is_roundup("Strikes across Ukraine", 3)
    assert not is_roundup("Drone strike on a grain terminal near Izmail injures two workers", 1)


def test_a_minor_event_of_one_document_does_not_link_to_another_documents_story() -> None:
    main = event("dnipro-report", "a russian missile hit an apartment block in dnipro", start=10)
    mention = event("dam-report", "russia also shelled dnipro overnight", main=False, actor=1)
    assert link(main, mention) is None
    echoed = event("dam-report", "a russian missile hit an apartment block in dnipro overnight", main=False)
    assert link(main, echoed) is not None


def test_a_live_blogs_events_in_one_country_do_not_link_to_each_other() -> None:
    kyiv = event("live", "russia launched drones at kyiv", location=3, lat=None, lon=None, roundup=True)
    odesa = event("live", "russia shelled a port near odesa", location=3, lat=None, lon=None, roundup=True)
    assert link(kyiv, odesa) is None
    first, second = (
        event("report", s, location=3, lat=None, lon=None) for s in ("russia launched drones", "drones hit")
    )
    assert link(first, second) is not None
