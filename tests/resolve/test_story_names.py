"""What names a report shares with a story: a name counts once however many keys it yields, and
a capital that speaks is its government, no place of the event."""

from __future__ import annotations

from typing import Any

from builders import passage

from sitroom.model import Entity
from sitroom.resolve.stories import features as story_features
from sitroom.resolve.stories.features import Profile, Stats, vector
from sitroom.resolve.stories.load import load_passages
from sitroom.store.db import Store

WARSAW = Entity("Warsaw", "GPE", country="PL", lat=52.2297, lon=21.0122)
ANKARA = Entity("Ankara", "GPE", country="TR", lat=39.9334, lon=32.8597)
RZESZOW = Entity("Rzeszow", "GPE", country="PL", lat=50.0412, lon=21.9991)


def story_of(*names: tuple[str, ...]) -> Profile:
    profile = Profile.empty()
    for named in names:
        member = passage((), names=named)
        profile.add(member, vector(member, Stats(10, {})))
    return profile


def test_a_name_written_in_full_counts_as_much_as_its_surname() -> None:
    story = story_of(("Halyna Moroz", "Uman"), ("Moroz", "Uman"), ("Moroz",))
    stats = Stats(300, {})
    full = passage((), names=("Halyna Moroz", "Sumy"))
    surname = passage((), names=("Moroz", "Sumy"))
    # "Halyna Moroz" is keyed "halyna moroz", "halyna" and "moroz": still one name of two.
    score = story_features.names(full, {}, story, stats).score
    assert score == story_features.names(surname, {}, story, stats).score
    assert score < 0.6


def test_a_capital_that_speaks_is_its_country_not_a_town(store: Store, save: Any) -> None:
    text = (
        "Warsaw said on Thursday that a stray drone had crashed in a field outside Rzeszow. "
        "Ankara, however, denied that its airspace had been used."
    )
    entities = (WARSAW, ANKARA, RZESZOW)
    document, _ = save(text, source="PAP", published="2023-08-17T10:00:00", entities=entities)
    with store.engine.connect() as conn:
        (found,) = load_passages(conn, document.id)
    assert [town[0] for town in found.towns] == ["rzeszow"]
    assert {"poland", "turkey"} <= found.names and "warsaw" not in found.names


def test_a_capital_where_something_happens_stays_a_town(store: Store, save: Any) -> None:
    text = "A drone crashed in a park in Warsaw on Thursday, and police in Warsaw said nobody was hurt."
    document, _ = save(text, source="PAP", published="2023-08-17T10:00:00", entities=(WARSAW,))
    with store.engine.connect() as conn:
        (found,) = load_passages(conn, document.id)
    assert [town[0] for town in found.towns] == ["warsaw"]
