"""Scoring: matching of entities, relations, events and claims, and the P/R/F1 arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.evaluate.formats import GoldEntity, GoldItem, GoldSpan, PloverRecord, SeedGold, SpanDocument
from sitroom.evaluate.score import (
    PartScore,
    Target,
    plover_halves,
    score_conll,
    score_plover,
    score_seed,
    score_wikievents,
)
from sitroom.model import Analysis, Bounds, Claim, Document, Entity, Event, Evidence, Mention, Money, Relation

TEXT = (
    "Russian missiles struck Kramatorsk on Tuesday, killing at least four people and injuring 42. "
    "President Putin dismissed the reports. The Wagner Group marched on Moscow. "
    "The US announced aid of $500 million for Ukraine. "
    "Surovikin is believed to have known of the mutiny."
)


def span(snippet: str) -> Evidence:
    start = TEXT.index(snippet)
    return Evidence(start, start + len(snippet), snippet)


def seed(
    entities: tuple[GoldEntity, ...] = (),
    relations: tuple[GoldItem, ...] = (),
    events: tuple[GoldItem, ...] = (),
    claims: tuple[GoldItem, ...] = (),
) -> SeedGold:
    return SeedGold(Path("g.json"), Path("doc.txt"), TEXT, None, entities, relations, events, claims)


def analysis(**parts: object) -> Analysis:
    return Analysis(document=Document.from_text(TEXT), **parts)  # type: ignore[arg-type]


def part(score_parts: list[PartScore], name: str) -> PartScore:
    return next(p for p in score_parts if p.name == name)


GOLD_ENTITIES = (
    GoldEntity("Vladimir Putin", "PERSON", aliases=("Putin", "President Putin")),
    GoldEntity("Russia", "GPE", aliases=("Russian Federation",)),
    GoldEntity("Kramatorsk", "GPE", lat=48.72, lon=37.56, tolerance_km=25),
    GoldEntity("Wagner Group", "ORG", aliases=("Wagner",)),
    GoldEntity("Eastern Europe", "LOC", optional=True),
)


def test_precision_recall_and_f1_arithmetic() -> None:
    scored = PartScore("x", gold=4, found=3, predicted=5, correct=3)
    assert scored.precision == pytest.approx(0.6)
    assert scored.recall == pytest.approx(0.75)
    assert scored.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_part_without_predictions_has_no_precision_and_zero_f1() -> None:
    scored = PartScore("x", gold=2, found=0, predicted=0, correct=0)
    assert scored.precision is None
    assert scored.f1 == 0.0


def test_target_on_required_items() -> None:
    scored = PartScore("events", required=12, required_found=11, target=Target("required", 1.0))
    assert scored.target_text == "12/12 required"
    assert scored.target_met is False
    scored.required_found = 12
    assert scored.target_met is True


def test_target_on_found_items_reads_as_a_fraction() -> None:
    scored = PartScore("claims", total=9, found=8, target=Target("found", 8 / 9))
    assert (scored.target_text, scored.target_met) == ("≥8/9 found", True)


def test_entities_match_by_any_alias_case_insensitively() -> None:
    predicted = (
        Entity("putin", "PERSON"),
        Entity("Russian Federation", "GPE"),
        Entity("Kramatorsk", "GPE", lat=48.74, lon=37.58),
        Entity("Wagner", "ORG"),
        Entity("Tuesday", "PERSON"),
    )
    scored = part(score_seed([(seed(GOLD_ENTITIES), analysis(entities=predicted))]).parts, "entities")
    assert (scored.found, scored.gold, scored.required, scored.total) == (4, 4, 4, 5)
    assert (scored.correct, scored.predicted) == (4, 5)
    assert scored.recall == 1.0


def test_optional_entity_is_credited_when_found_and_never_missed() -> None:
    predicted = (Entity("Eastern Europe", "LOC"),)
    found = part(score_seed([(seed(GOLD_ENTITIES), analysis(entities=predicted))]).parts, "entities")
    assert (found.found, found.gold, found.required_found) == (1, 5, 0)
    score = score_seed([(seed(GOLD_ENTITIES), analysis())])
    assert part(score.parts, "entities").gold == 4
    assert "Eastern Europe (LOC)" not in [m.gold for m in score.misses]


def test_entity_with_wrong_type_is_missed_and_the_miss_says_why() -> None:
    predicted = (Entity("Wagner Group", "PERSON"),)
    score = score_seed([(seed(GOLD_ENTITIES), analysis(entities=predicted))])
    assert part(score.parts, "entities").found == 0
    miss = next(m for m in score.misses if m.gold == "Wagner Group (ORG)")
    assert miss.predicted == ("entity 'Wagner Group' PERSON: type PERSON, gold ORG",)
    assert miss.evidence is not None and "Wagner Group marched" in miss.evidence


def test_place_outside_tolerance_km_is_missed() -> None:
    near = (Entity("Kramatorsk", "GPE", lat=48.9, lon=37.6),)  # about 20 km
    far = (Entity("Kramatorsk", "GPE", lat=49.72, lon=37.56),)  # about 111 km
    gold = seed((GOLD_ENTITIES[2],))
    assert part(score_seed([(gold, analysis(entities=near))]).parts, "entities").found == 1
    score = score_seed([(gold, analysis(entities=far))])
    assert part(score.parts, "entities").found == 0
    assert "111 km away" in score.misses[0].predicted[0]


def test_relation_matches_subject_and_object_by_alias() -> None:
    gold = seed(
        GOLD_ENTITIES,
        relations=(
            GoldItem(
                "R1", {"subject": "Vladimir Putin", "predicate": "head_of_state_of", "object": "Russia"}
            ),
            GoldItem("R2", {"subject": "Wagner Group", "predicate": "located_in", "object": "Russia"}),
        ),
    )
    predicted = (
        Relation("President Putin", "head_of_state_of", "Russian Federation", span("President Putin")),
        Relation("Wagner", "part_of", "Russia", span("The Wagner Group")),
    )
    scored = part(score_seed([(gold, analysis(relations=predicted))]).parts, "relations")
    assert (scored.found, scored.gold, scored.correct, scored.predicted) == (1, 2, 1, 2)


STRIKE = GoldItem(
    "E1",
    {
        "type": "ASSAULT",
        "actor": "Russia",
        "location": "Kramatorsk",
        "killed": {"min": 4},
        "injured": 42,
        "cameo_root": "19",
    },
    evidence="Russian missiles struck Kramatorsk",
)
MARCH = GoldItem(
    "E2",
    {
        "type": "MOBILIZE",
        "type_alternatives": ["FIGHT", "PROTEST"],
        "actor": "Wagner Group",
        "location": "Moscow",
    },
    evidence="The Wagner Group marched on Moscow",
)
AID = GoldItem(
    "E3",
    {"type": "AID", "actor": "United States", "money": {"amount": 500000000, "currency": "USD"}},
    evidence="The US announced aid",
    optional=True,
)


def strike(**changes: object) -> Event:
    fields: dict[str, object] = {
        "type": "ASSAULT",
        "evidence": span("Russian missiles struck Kramatorsk on Tuesday"),
        "actor": "Russian Federation",
        "location": "Kramatorsk",
        "killed": Bounds(4, None),
        "injured": Bounds(42, 42),
        "cameo": "195",
    }
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def test_event_matches_when_every_given_field_agrees() -> None:
    gold = seed(GOLD_ENTITIES, events=(STRIKE,))
    scored = part(score_seed([(gold, analysis(events=(strike(),)))]).parts, "events")
    assert (scored.found, scored.required_found, scored.correct) == (1, 1, 1)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"injured": Bounds(40, None)}, "injured"),
        ({"killed": None}, "killed"),
        ({"cameo": "180"}, "cameo_root"),
        ({"actor": "Ukraine"}, "actor"),
        ({"type": "COERCE"}, "type"),
    ],
)
def test_event_with_one_field_wrong_is_missed(changes: dict[str, object], problem: str) -> None:
    gold = seed(GOLD_ENTITIES, events=(STRIKE,))
    score = score_seed([(gold, analysis(events=(strike(**changes),)))])
    assert part(score.parts, "events").found == 0
    assert score.misses[-1].gold.startswith("E1 type=ASSAULT")
    assert score.misses[-1].evidence == "Russian missiles struck Kramatorsk"
    assert f"— {problem}: got" in score.misses[-1].predicted[0]


def test_event_type_alternatives_are_accepted() -> None:
    evidence = span("The Wagner Group marched on Moscow")
    gold = seed(GOLD_ENTITIES, events=(MARCH,))
    fight = Event("FIGHT", evidence, actor="Wagner", location="moscow")
    coerce = Event("COERCE", evidence, actor="Wagner", location="Moscow")
    assert part(score_seed([(gold, analysis(events=(fight,)))]).parts, "events").found == 1
    assert part(score_seed([(gold, analysis(events=(coerce,)))]).parts, "events").found == 0


def test_events_match_one_to_one_and_precision_counts_predictions() -> None:
    gold = seed(GOLD_ENTITIES, events=(STRIKE, MARCH, AID))
    predicted = (strike(), strike(evidence=span("killing at least four")), Event("SANCTION", span("The US")))
    scored = part(score_seed([(gold, analysis(events=predicted))]).parts, "events")
    assert (scored.found, scored.gold, scored.required, scored.required_found, scored.total) == (
        1,
        2,
        2,
        1,
        3,
    )
    assert (scored.correct, scored.predicted) == (2, 3)


def test_optional_event_with_money_is_credited() -> None:
    gold = seed(GOLD_ENTITIES, events=(AID,))
    aid = Event("AID", span("The US announced aid of $500 million"), actor="US", money=Money(500e6, "USD"))
    entities = (Entity("United States", "GPE", aliases=("US",)),)
    scored = part(score_seed([(gold, analysis(events=(aid,), entities=entities))]).parts, "events")
    assert (scored.found, scored.gold, scored.required) == (1, 1, 0)


BELIEF = GoldItem(
    "C1",
    {"about": "Sergei Surovikin", "certainty": "speculated", "certainty_alternatives": ["believed"]},
    evidence="is believed to have known of the mutiny",
)


def test_claim_needs_overlapping_evidence_and_an_allowed_certainty() -> None:
    gold = seed((GoldEntity("Sergei Surovikin", "PERSON", aliases=("Surovikin",)),), claims=(BELIEF,))
    right = Claim("known of the mutiny", "believed", span("Surovikin is believed to have"), about="Surovikin")
    elsewhere = Claim("reports", "believed", span("President Putin dismissed"), about="Surovikin")
    wrong = Claim("known of the mutiny", "asserted", span("known of the mutiny"), about="Surovikin")
    scores = [
        part(score_seed([(gold, analysis(claims=(c,)))]).parts, "claims") for c in (right, elsewhere, wrong)
    ]
    assert [s.found for s in scores] == [1, 0, 0]


def plover(
    text: str, event: str, words: str, sources: tuple[str, ...], dead: int | None = None
) -> PloverRecord:
    return PloverRecord("P", text, event, tuple(words.split()), sources, (), dead=dead)


def test_plover_main_event_is_the_one_whose_trigger_is_a_gold_word() -> None:
    text = "Rebels attacked the town and police arrested two, killing one."
    ev = Evidence(0, len(text), text)
    events = (
        Event("COERCE", ev, trigger="arrested", actor="police"),
        Event("ASSAULT", ev, trigger="attacked", actor="Rebels", killed=Bounds(1, 1)),
    )
    record = plover(text, "ASSAULT", "attacked", ("rebel fighters", "Rebels"), dead=1)
    other = plover(text, "PROTEST", "rallied", ("Police officers",))
    score = score_plover([(record, analysis(events=events)), (other, analysis(events=events))])
    assert part(score.parts, "event_type").found == 1
    assert part(score.parts, "event_type").value("accuracy") == 0.5
    assert part(score.parts, "source_actor").found == 2  # "police" is inside "Police officers"
    assert part(score.parts, "dead").found == 1
    assert score.tables["event_type confusion"] == [{"gold": "PROTEST", "predicted": "COERCE", "count": 1}]
    rows = {row["type"]: row for row in score.tables["event_type by type"]}
    assert (rows["ASSAULT"]["precision"], rows["ASSAULT"]["recall"]) == (1.0, 1.0)
    assert rows["COERCE"]["precision"] == 0.0


def test_conll_scores_exact_span_and_mapped_type() -> None:
    text = "Germany beat Brazil in Berlin ."
    gold = SpanDocument(
        "d",
        text,
        (
            GoldSpan(0, 7, "LOC", "Germany"),
            GoldSpan(13, 19, "ORG", "Brazil"),
            GoldSpan(23, 29, "LOC", "Berlin"),
        ),
    )
    mentions = (
        Mention("Germany", "GPE", 0, 7, "Germany"),
        Mention("Brazil", "GPE", 13, 19, "Brazil"),
        Mention("Berlin", "GPE", 23, 28, "Berli"),
        Mention("German", "NORP", 0, 6, "German"),
    )
    score = score_conll([(gold, Analysis(Document.from_text(text), mentions=mentions))])
    overall = part(score.parts, "ner")
    assert (overall.found, overall.gold, overall.correct, overall.predicted) == (1, 3, 1, 3)
    rows = {row["type"]: row for row in score.tables["ner by type"]}
    assert (rows["LOC"]["correct"], rows["LOC"]["predicted"], rows["LOC"]["gold"]) == (1, 3, 2)


def test_wikievents_triggers_match_by_overlap_per_group() -> None:
    text = "A bomb exploded in the market , killing three and wounding ten ."
    gold = SpanDocument(
        "w",
        text,
        (
            GoldSpan(7, 15, "Conflict.Attack.DetonateExplode", "exploded"),
            GoldSpan(32, 39, "Life.Die.Unspecified", "killing"),
            GoldSpan(50, 58, "Life.Injure.Unspecified", "wounding"),
        ),
    )
    whole = Evidence(0, len(text), text)
    events = (
        Event("ASSAULT", whole, trigger="exploded"),
        Event("ASSAULT", whole, trigger="killing", rule="kill:verb", killed=Bounds(3, 3)),
        Event("ASSAULT", whole, trigger="wounding", rule="injure:verb"),
    )
    score = score_wikievents([(gold, Analysis(Document.from_text(text), events=events))])
    attack, die, injure = (part(score.parts, name) for name in ("attack", "die", "injure"))
    # The group follows the trigger: kill and injure triggers are not counted as attacks.
    assert (attack.found, attack.gold, attack.correct, attack.predicted) == (1, 1, 1, 1)
    assert (die.found, die.correct, die.predicted) == (1, 1, 1)
    assert (injure.found, injure.gold, injure.correct, injure.predicted) == (1, 1, 1, 1)
    assert score.misses == []


def test_wikievents_trigger_outside_the_gold_span_is_a_miss() -> None:
    text = "Police said a gunman shot two people ."
    gold = SpanDocument("w", text, (GoldSpan(21, 25, "Conflict.Attack.FirearmAttack", "shot"),))
    events = (Event("ASSAULT", Evidence(0, 11, "Police said"), trigger="said"),)
    score = score_wikievents([(gold, Analysis(Document.from_text(text), events=events))])
    attack = part(score.parts, "attack")
    assert (attack.found, attack.correct, attack.predicted) == (0, 0, 1)
    assert score.misses[0].gold == "'shot' Conflict.Attack.FirearmAttack at 21-25"
    assert score.misses[0].evidence == text


def test_wikievents_attack_carrying_a_death_toll_is_not_a_die_trigger() -> None:
    text = "A missile strike killed four ."
    gold = SpanDocument("w", text, (GoldSpan(10, 16, "Conflict.Attack.AirStrikeMissileStrike", "strike"),))
    events = (Event("ASSAULT", Evidence(0, len(text), text), trigger="strike", killed=Bounds(4, 4)),)
    score = score_wikievents([(gold, Analysis(Document.from_text(text), events=events))])
    attack, die = (part(score.parts, name) for name in ("attack", "die"))
    assert (attack.correct, attack.predicted) == (1, 1)
    assert die.predicted == 0


def test_plover_halves_are_fixed_by_sorted_id_and_only_half_a_lists_misses() -> None:
    text = "Border guards detained a fisherman near the harbour."
    ev = Evidence(0, len(text), text)
    wrong = analysis(events=(Event("PROTEST", ev, trigger="detained"),))
    records = [
        PloverRecord(record_id, text, "COERCE", ("detained",), ("Border guards",), ())
        for record_id in ("r4", "r1", "r3", "r2")
    ]
    assert plover_halves(r.id for r in records) == {"r1": "A", "r2": "B", "r3": "A", "r4": "B"}
    score = score_plover([(record, wrong) for record in records])
    assert part(score.parts, "event_type half A").total == 2
    assert part(score.parts, "event_type half B").total == 2
    assert {miss.document for miss in score.misses} == {"r1", "r3"}
    assert sum(row["gold"] for row in score.tables["event_type by type"]) == 2


def test_wikievents_triggers_are_scored_per_fixed_half_and_only_half_a_lists_misses() -> None:
    text = "Rebels shelled the depot . The shelling lasted an hour ."
    gold_spans = (GoldSpan(7, 14, "Conflict.Attack.Unspecified", "shelled"),)
    whole = Evidence(0, len(text), text)
    events = (
        Event("FIGHT", whole, trigger="shelled"),
        Event("FIGHT", Evidence(27, 55, text[27:]), trigger="shelling"),
    )
    pairs = [
        (SpanDocument(doc_id, text, gold_spans), Analysis(Document.from_text(text), events=events))
        for doc_id in ("d2", "d1")
    ]
    score = score_wikievents(pairs)
    half_a, half_b = (part(score.parts, f"attack half {h}") for h in "AB")
    assert (half_a.correct, half_a.predicted, half_a.found, half_a.gold) == (1, 2, 1, 1)
    assert (half_b.correct, half_b.predicted) == (1, 2)
    assert part(score.parts, "attack").predicted == 4
    # The wrong trigger is listed once: for d1 (half A), never for d2 (half B).
    assert [(m.part, m.document) for m in score.misses] == [("attack wrong", "d1")]
