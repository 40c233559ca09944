"""Cross-document entity resolution: one person or outlet under many names, judgements as rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from builders import report
from sqlalchemy import select

from sitroom.model import Entity
from sitroom.read.entities import get_entity
from sitroom.resolve import resolve_corpus
from sitroom.store import schema as t
from sitroom.store.db import Store


def save_people(store: Store, *people: tuple[str, Entity, tuple[tuple[str, str], ...]]) -> None:
    for n, (text, entity, roles) in enumerate(people):
        document, analysis = report(
            text,
            source=f"Outlet {n}",
            published=f"2023-06-0{n + 1}T10:00:00",
            entities=(entity,),
            roles=roles,
        )
        store.save(document, analysis)


def merges(store: Store) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(t.entity_merges).order_by(t.entity_merges.c.id)).all())


def names_by_id(store: Store) -> dict[int, str]:
    with store.engine.connect() as conn:
        return {i: n for i, n in conn.execute(select(t.entities.c.id, t.entities.c.name))}


def test_lukashenka_spellings_resolve_to_alexander_lukashenko(store: Store) -> None:
    save_people(
        store,
        ("Lukashenka spoke on Tuesday.", Entity("Lukashenka", "PERSON"), ()),
        ("Lukashenko met the envoy.", Entity("Lukashenko", "PERSON"), ()),
        (
            "Alexander Lukashenko, President of Belarus, said so.",
            Entity("Alexander Lukashenko", "PERSON"),
            (("Alexander Lukashenko", "President of Belarus"),),
        ),
    )
    summary = resolve_corpus(store.engine)
    assert summary.entities_merged == 2
    with store.engine.connect() as conn:
        for name in ("Lukashenka", "Lukashenko", "alexander lukashenko"):
            view = get_entity(conn, name)
            assert view.name == "Alexander Lukashenko"
        view = get_entity(conn, "Lukashenka")
    assert {"Lukashenka", "Lukashenko", "Alexander Lukashenko"} <= set(view.aliases)
    assert [r["title"] for r in view.roles] == ["President of Belarus"]
    names = names_by_id(store)
    rows = merges(store)
    assert {(names[r.kept_id], names[r.merged_id], r.judgement) for r in rows} == {
        ("Alexander Lukashenko", "Lukashenka", "same"),
        ("Alexander Lukashenko", "Lukashenko", "same"),
    }
    assert all(r.reason.startswith("auto: ") and "surname" in r.reason for r in rows)


def test_people_sharing_a_surname_with_different_first_names_stay_apart(store: Store) -> None:
    save_people(
        store,
        ("Alexander Petrov arrived.", Entity("Alexander Petrov", "PERSON"), ()),
        ("Viktor Petrov left.", Entity("Viktor Petrov", "PERSON"), ()),
    )
    summary = resolve_corpus(store.engine)
    assert summary.entities_merged == 0
    with store.engine.connect() as conn:
        assert get_entity(conn, "Viktor Petrov").name == "Viktor Petrov"
        assert get_entity(conn, "Alexander Petrov").name == "Alexander Petrov"
    [row] = merges(store)
    assert row.judgement == "different"
    assert "first names differ" in row.reason


def test_same_name_from_different_countries_stays_apart(store: Store) -> None:
    save_people(
        store,
        ("Ivan Horak spoke.", Entity("Ivan Horak", "PERSON", country="CZ"), ()),
        ("Ivan Horak resigned.", Entity("I. Horak", "PERSON", country="UA"), ()),
    )
    assert resolve_corpus(store.engine).entities_merged == 0
    [row] = merges(store)
    assert (row.judgement, row.reason) == ("different", "auto: countries differ (CZ vs UA)")


def test_bare_surname_with_two_candidate_people_is_not_merged_into_both(store: Store) -> None:
    save_people(
        store,
        ("Alexander Petrov arrived.", Entity("Alexander Petrov", "PERSON"), ()),
        ("Viktor Petrov left.", Entity("Viktor Petrov", "PERSON"), ()),
        ("Petrov was seen.", Entity("Petrov", "PERSON"), ()),
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        alexander = get_entity(conn, "Alexander Petrov")
        viktor = get_entity(conn, "Viktor Petrov")
    assert alexander.id != viktor.id
    assert len(set(alexander.aliases) & set(viktor.aliases)) == 0


def test_surname_with_a_different_role_is_unsure_not_merged(store: Store) -> None:
    save_people(
        store,
        (
            "Sergei Shoigu, defence minister, spoke.",
            Entity("Sergei Shoigu", "PERSON"),
            (("Sergei Shoigu", "defence minister"),),
        ),
        ("Shoigu, a football coach, spoke.", Entity("Shoigu", "PERSON"), (("Shoigu", "football coach"),)),
    )
    assert resolve_corpus(store.engine).entities_merged == 0
    [row] = merges(store)
    assert row.judgement == "unsure"
    assert "roles differ" in row.reason


def test_rfe_rl_and_radio_free_europe_are_one_outlet_with_aliases(store: Store) -> None:
    save_people(
        store,
        ("RFE/RL reported it.", Entity("RFE/RL", "ORG", subtype="media"), ()),
        (
            "Radio Free Europe reported it.",
            Entity("Radio Free Europe", "ORG", subtype="media", aliases=("Radio Liberty",)),
            (),
        ),
    )
    assert resolve_corpus(store.engine).entities_merged == 1
    with store.engine.connect() as conn:
        view = get_entity(conn, "rfe/rl")
        assert get_entity(conn, "Radio Liberty").id == view.id
    assert view.name == "Radio Free Europe"
    assert {"RFE/RL", "Radio Free Europe", "Radio Liberty"} <= set(view.aliases)
    [row] = merges(store)
    assert "acronym 'rfe'" in row.reason


def test_resolving_twice_changes_nothing(store: Store) -> None:
    save_people(
        store,
        ("Lukashenka spoke on Tuesday.", Entity("Lukashenka", "PERSON"), ()),
        ("Alexander Lukashenko met the envoy.", Entity("Alexander Lukashenko", "PERSON"), ()),
        ("Viktor Lukashenko left.", Entity("Viktor Lukashenko", "PERSON"), ()),
    )
    first = resolve_corpus(store.engine)
    before = [tuple(r) for r in merges(store)]
    with store.engine.connect() as conn:
        pointers = conn.execute(select(t.entities.c.id, t.entities.c.merged_into)).all()
    second = resolve_corpus(store.engine)
    assert first == second
    assert [tuple(r) for r in merges(store)] == before
    with store.engine.connect() as conn:
        assert conn.execute(select(t.entities.c.id, t.entities.c.merged_into)).all() == pointers


def test_reviewer_different_judgement_keeps_entities_apart(store: Store) -> None:
    save_people(
        store,
        ("Lukashenka spoke.", Entity("Lukashenka", "PERSON"), ()),
        ("Alexander Lukashenko met the envoy.", Entity("Alexander Lukashenko", "PERSON"), ()),
    )
    ids = {v: k for k, v in names_by_id(store).items()}
    with store.engine.begin() as conn:
        conn.execute(
            t.entity_merges.insert().values(
                kept_id=ids["Alexander Lukashenko"],
                merged_id=ids["Lukashenka"],
                judgement="different",
                reason="reviewer: a different man",
                score=None,
                created_at=datetime.now(UTC),
            )
        )
    assert resolve_corpus(store.engine).entities_merged == 0
    with store.engine.connect() as conn:
        assert get_entity(conn, "Lukashenka").name == "Lukashenka"
