"""Story purity: round-ups do not bridge groups, minor events need strong agreement to link, and
documents group only when their main events agree (type class and a specific argument)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sitroom.resolve.leads import Lead, group_documents, is_roundup, same_event, ubiquitous
from sitroom.resolve.stories import StoryEvent, group_events, link

DAY = date(2023, 6, 6)


def lead(doc: str, words: str, roundup: bool = False) -> Lead:
    """Return a document whose main events agree with every other's (one class, one specific place)."""
    return Lead(
        doc,
        Counter({f"w:{w}": 2 for w in words.split()}),
        [(DAY, DAY)],
        frozenset(),
        roundup,
        families=frozenset({"material conflict"}),
        arguments=frozenset({99}),
    )


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


RUSSIA, UKRAINE, WAGNER, BAKHMUT, EU, IRAN = 1, 2, 3, 4, 5, 6
NOTHING_COMMON: tuple[frozenset[int], frozenset[str]] = (frozenset(), frozenset())


def main(doc: str, title: str, families: str, arguments: tuple[int, ...] = (), **fields: Any) -> Lead:
    """Return a document whose main events are of ``families`` (space-separated) about ``arguments``."""
    words = Counter({f"w:{w}": 2 for w in title.lower().split()})
    return Lead(
        doc,
        fields.pop("features", words),
        fields.pop("spans", [(DAY, DAY)]),
        frozenset(),
        title=frozenset(title.lower().split()),
        families=frozenset(families.split()),
        arguments=frozenset(arguments),
        **fields,
    )


def test_main_events_sharing_a_specific_actor_report_one_event() -> None:
    a = main("a", "wagner withdraws from positions", "RETREAT", (WAGNER, RUSSIA))
    b = main("b", "army takes over positions", "RETREAT", (WAGNER, BAKHMUT))
    assert same_event(a, b, NOTHING_COMMON) is not None


def test_sharing_only_a_ubiquitous_party_is_no_evidence() -> None:
    shelling = main("a", "shells kherson suburbs", "ASSAULT", (RUSSIA,))
    seizure = main("b", "seizes tanker black sea", "ASSAULT", (RUSSIA,))
    assert same_event(shelling, seizure, (frozenset({RUSSIA}), frozenset())) is None


def test_main_events_of_different_type_classes_need_more_than_one_shared_name() -> None:
    sanctions = main("a", "bloc adopts package", "SANCTION", (EU,))
    aid = main("b", "bloc pledges money", "AID", (EU,))
    assert same_event(sanctions, aid, NOTHING_COMMON) is None
    report = main("c", "report traces collapse", "ASSAULT", (WAGNER, IRAN))
    study = main("d", "downfall shows cost", "AID", (WAGNER, IRAN))
    assert same_event(report, study, NOTHING_COMMON) == "leads share two specific names"


def test_near_duplicate_titles_report_one_event_whatever_their_events() -> None:
    a = main("a", "russia says it repelled ukrainian attack in donetsk", "ASSAULT")
    b = main("b", "russia says it repelled major ukrainian attack", "REJECT")
    assert same_event(a, b, NOTHING_COMMON) == "near-duplicate titles"


def test_two_uncommon_title_words_act_as_an_argument() -> None:
    a = main("a", "major dam destroyed in south", "COERCE")
    b = main("b", "kyiv accuses moscow of destroying major dam", "COERCE")
    assert same_event(a, b, NOTHING_COMMON) == "titles share uncommon words"
    assert same_event(a, b, (frozenset(), frozenset({"major", "dam"}))) is None


def test_main_events_in_towns_within_30_km_report_one_event() -> None:
    a = main("a", "blast at plant", "ASSAULT", points=((11, 46.76, 33.37),))
    near = main("b", "flooding downstream", "ASSAULT", points=((12, 46.81, 33.48),))
    far = main("c", "strike on port", "ASSAULT", points=((13, 46.48, 30.72),))
    assert same_event(a, near, NOTHING_COMMON) == "main events in one town"
    assert same_event(a, far, NOTHING_COMMON) is None


def test_a_party_named_every_busy_day_is_ubiquitous_but_a_big_storys_place_is_not() -> None:
    leads = []
    for n in range(8):
        day = DAY + timedelta(days=n)
        for k in range(10):
            named = (RUSSIA, BAKHMUT) if n < 3 else (RUSSIA,)
            leads.append(main(f"{n}-{k}", "report", "ASSAULT", named, spans=[(day, day)]))
    entities, _ = ubiquitous(leads)
    assert RUSSIA in entities
    assert BAKHMUT not in entities


def fillers(n: int) -> list[Lead]:
    """Return ``n`` unrelated documents, so that shared words stay rare enough to count."""
    return [
        main(f"other{k}", f"other story {k}", "AGREE", features=Counter({f"w:other{k}": 2})) for k in range(n)
    ]


def words(text: str) -> Counter[str]:
    return Counter({f"w:{w}": 2 for w in text.split()})


def test_related_neighbours_with_similar_wording_but_no_shared_argument_stay_apart() -> None:
    us = main("us", "us suspends data sharing", "SANCTION", (EU,), features=words("treaty data a1 a2 a3 a4"))
    ru = main("ru", "ryabkov rejects offer", "SANCTION", (IRAN,), features=words("treaty data b1 b2 b3 b4"))
    groups, _ = group_documents([us, ru, *fillers(8)])
    assert [0] in groups and [1] in groups
    same = main("ru", "ryabkov rejects offer", "SANCTION", (EU,), features=words("treaty data b1 b2 b3 b4"))
    groups, _ = group_documents([us, same, *fillers(8)])
    assert [0, 1] in groups


def test_a_document_agreeing_with_too_few_members_does_not_join_a_group() -> None:
    dam = "dam breach flooding river evacuation kherson"
    leads = [main("dam0", "dam breach", "COERCE ASSAULT", (BAKHMUT, WAGNER), features=words(dam + " x0"))]
    leads += [
        main(f"dam{n}", "dam breach", "COERCE", (BAKHMUT,), features=words(f"{dam} x{n}"))
        for n in range(1, 5)
    ]
    shelling = main(
        "shell", "shelling in town", "ASSAULT", (WAGNER,), features=words("dam kherson s1 s2 s3 s4")
    )
    assert same_event(shelling, leads[0], NOTHING_COMMON) is not None
    groups, _ = group_documents([*leads, shelling, *fillers(8)])
    assert [0, 1, 2, 3, 4] in groups
    assert [5] in groups


def test_a_name_only_mentioned_in_both_leads_is_no_shared_argument() -> None:
    host = 30
    ramaswamy = main("a", "candidate on foreign policy", "CONSULT", (40,), names=frozenset({40, host}))
    turner = main("b", "chair on readiness", "CONSULT", (41,), names=frozenset({41, host}))
    assert same_event(ramaswamy, turner, NOTHING_COMMON) is None
    quoted = main("c", "chair on readiness", "CONSULT", (41,), names=frozenset({41, 40}))
    assert same_event(ramaswamy, quoted, NOTHING_COMMON) is not None


def test_lead_names_stand_in_when_extraction_found_no_argument() -> None:
    surovikin = main("a", "general knew of plans", "ASSAULT", (), names=frozenset({WAGNER, 50}))
    zolotov = main("b", "guard chief blames west", "ASSAULT", (51,), names=frozenset({WAGNER, 51}))
    assert same_event(surovikin, zolotov, NOTHING_COMMON) == "main events share an actor, target or place"


def test_a_constant_town_does_not_make_two_statements_one_event() -> None:
    moscow = (60, 55.75, 37.62)
    grain = main("a", "putin may quit grain deal", "CONSULT", (70,), points=(moscow,))
    hospital = main("b", "putin snubs defence minister", "CONSULT", (71,), points=(moscow,))
    assert same_event(grain, hospital, NOTHING_COMMON) == "main events in one town"
    assert same_event(grain, hospital, (frozenset({60}), frozenset())) is None


def test_main_events_in_one_town_join_only_when_their_documents_agree() -> None:
    def consult(doc: str) -> StoryEvent:
        return event(doc, f"putin met {doc} in moscow", type="CONSULT", location=60, lat=55.75, lon=37.62)

    events = [consult("grain"), consult("hospital")]
    apart = [
        main("grain", "putin may quit grain deal", "CONSULT", (70,), features=Counter({"w:grain": 2})),
        main("hospital", "putin snubs minister", "CONSULT", (71,), features=Counter({"w:hosp": 2})),
    ]
    assert link(events[0], events[1]) is not None
    groups, _ = group_events(events, apart, [[0], [1]])
    assert groups == [[0], [1]]
    agreeing = [
        apart[0],
        main("hospital", "putin snubs minister", "CONSULT", (70,), features=Counter({"w:h": 2})),
    ]
    groups, _ = group_events(events, agreeing, [[0], [1]])
    assert groups == [[0, 1]]
