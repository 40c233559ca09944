"""How a development's lead and its supporting quotes read: grammar a reader notices at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from brief_corpus import document, evidence
from sqlalchemy import Engine, update

from sitroom.brief import Brief, write_brief
from sitroom.brief.check import strip_citations
from sitroom.model import Analysis, Bounds, Entity, Event
from sitroom.store import schema as t
from sitroom.store.db import Store
from sitroom.store.write import now

RUSSIA = Entity("Russia", "GPE", country="RU")
SUMY = Entity("Sumy", "GPE", country="UA")


def developments(brief: Brief) -> list[str]:
    return [s.text for s in next(sec for sec in brief.sections if sec.key == "developments").sentences]


def drone_strike(outlet: str, text: str, published: str, killed: Bounds | None) -> Analysis:
    """One report of the strike: the first sentence states it, each later one is evidence too."""
    first, *rest = text.split(". ")
    events = [
        Event(
            "ASSAULT",
            evidence(text, first[:12]),
            actor="Russia",
            target="Sumy",
            location="Sumy",
            date="2023-08-14",
            date_precision="day",
            killed=killed,
            trigger="hit",
        )
    ]
    events += [Event("ASSAULT", evidence(text, more[:12]), location="Sumy", trigger="blast") for more in rest]
    return Analysis(
        document(text, outlet, published, f"Drone hits shop in Sumy ({outlet})"),
        entities=(RUSSIA, SUMY),
        events=tuple(events),
        extractor_version="test",
    )


def test_a_toll_of_one_is_written_in_the_singular(make_store: Callable[[list[Analysis]], Engine]) -> None:
    reports = [
        drone_strike(
            "Northern Courier",
            "Russia hit a grocery shop in Sumy with a drone on Monday morning. The blast shattered windows "
            "along the whole street.",
            "2023-08-14T11:00:00+03:00",
            None,
        ),
        drone_strike(
            "Harbour Gazette",
            "Russia struck Sumy overnight and one person was killed, the regional governor said on Monday. "
            "Emergency crews cleared the rubble by noon.",
            "2023-08-14T15:30:00+03:00",
            Bounds(1, 1),
        ),
    ]
    lead = strip_citations(developments(write_brief(make_store(reports)))[0])
    assert "1 was reported killed" in lead, lead
    assert "1 were" not in lead, lead


def test_supporting_quotes_are_whole_sentences(make_store: Callable[[list[Analysis]], Engine]) -> None:
    # A feed summary cut off at its length limit ("... the whole stre...") is not quoted; the
    # whole sentences of the other reports are, ending as sentences do.
    cut = (
        "Russia struck Sumy with a drone on Monday, the governor said. Witnesses described a loud bang "
        "and smoke rising over the market square near the whole stre..."
    )
    whole = (
        "Russia hit Sumy with a drone before dawn on Monday. Firefighters worked for three hours to put "
        "out the blaze in the market hall, the emergency service said."
    )
    third = (
        "Russia attacked Sumy on Monday, officials said. Shop owners along the square said they would "
        "reopen once the glass had been swept away."
    )
    reports = [
        drone_strike("Northern Courier", cut, "2023-08-14T09:00:00+03:00", None),
        drone_strike("Harbour Gazette", whole, "2023-08-14T10:00:00+03:00", None),
        drone_strike("Plains Herald", third, "2023-08-14T12:00:00+03:00", None),
    ]
    text = developments(write_brief(make_store(reports)))[0]
    quotes = re.findall(r"“([^”]*)”", text)
    assert quotes, text
    assert not any("market square" in q for q in quotes), text
    assert "..." not in text and "stre”" not in text, text


UKRAINE = Entity("Ukraine", "GPE", country="UA")
VUHLEDAR = Entity("Vuhledar", "GPE", country="UA")


def fighting(outlet: str, text: str, published: str, killed: Bounds | None, source: str | None) -> Analysis:
    event = Event(
        "FIGHT", evidence(text, text.split(" ", 1)[0]), actor="Ukraine", location="Vuhledar",
        date="2023-09-03", date_precision="day", killed=killed, attributed_to=source, trigger="attack",
    )  # fmt: skip
    return Analysis(
        document(text, outlet, published, f"Fighting near Vuhledar ({outlet})"),
        entities=(RUSSIA, UKRAINE, VUHLEDAR),
        events=(event,),
        extractor_version="test",
    )


def test_a_sides_count_of_enemy_dead_stays_its_claim(make_store: Callable[[list[Analysis]], Engine]) -> None:
    reports = [
        fighting(
            "Northern Courier",
            "Ukraine attacked Russian lines near Vuhledar on Sunday with armoured columns.",
            "2023-09-03T18:00:00+03:00",
            None,
            None,
        ),
        fighting(
            "Harbour Gazette",
            "Ukraine pushed towards Vuhledar on Sunday, and Russia's defence ministry said its units had "
            "killed 120 Ukrainian soldiers.",
            "2023-09-03T21:00:00+03:00",
            Bounds(120, 120),
            None,
        ),
    ]
    lead = strip_citations(developments(write_brief(make_store(reports)))[0])
    assert "Russia said it had killed 120 Ukrainian soldiers" in lead, lead
    assert "Ukraine did not confirm" in lead, lead
    assert "120 were reported killed" not in lead, lead


def test_a_sides_count_of_civilian_dead_is_its_figure(make_store: Callable[[list[Analysis]], Engine]) -> None:
    text = (
        "Ukraine's emergency service said six people were killed when shells hit Vuhledar on Sunday. "
        "Rescuers searched the ruins."
    )
    lead = strip_citations(
        developments(
            write_brief(
                make_store(
                    [fighting("Plains Herald", text, "2023-09-03T20:00:00+03:00", Bounds(6, 6), "Ukraine")]
                )
            )
        )[0]
    )
    assert "6 were reported killed, Ukraine said on 3 September" in lead, lead
    assert "did not confirm" not in lead, lead


HULIAIPOLE = Entity("Huliaipole", "GPE", country="UA")


def one_story(tmp_path: Path, analyses: list[Analysis]) -> Engine:
    """Store the analyses with all their events in one story, as resolution would group them."""
    store = Store.open(str(tmp_path / "one.db"))
    for analysis in analyses:
        store.save(analysis.document, analysis)
    with store.engine.begin() as conn:
        made = conn.execute(
            t.stories.insert().values(type="FIGHT", title="Front line", date="2023-07-11", updated_at=now())
        ).inserted_primary_key
        assert made is not None
        conn.execute(update(t.events).values(story_id=made[0]))
    return store.engine


def test_a_lead_states_the_storys_strongest_act_not_a_vague_one(tmp_path: Path) -> None:
    # Most reports say only that there was fighting in Ukraine; one says where and with what toll.
    analyses = []
    for outlet, text in (
        ("Northern Courier", "Russia kept up heavy fighting in Ukraine on Tuesday, officials said."),
        ("Harbour Gazette", "Russia pressed on with fighting in Ukraine on Tuesday, the army said."),
        ("Plains Herald", "Russia shelled Huliaipole on Tuesday, killing four people, the governor said."),
    ):
        event = Event(
            "ASSAULT" if "shelled" in text else "FIGHT", evidence(text, text[:8]), actor="Russia",
            location="Huliaipole" if "shelled" in text else "Ukraine", date="2023-07-11",
            date_precision="day", killed=Bounds(4, 4) if "shelled" in text else None, trigger="x",
        )  # fmt: skip
        analyses.append(
            Analysis(
                document(text, outlet, "2023-07-11T19:00:00+03:00", f"Front line ({outlet})"),
                entities=(RUSSIA, UKRAINE, HULIAIPOLE),
                events=(event,),
                extractor_version="test",
            )
        )
    lead = strip_citations(developments(write_brief(one_story(tmp_path, analyses)))[0])
    assert "took part in fighting" not in lead, lead
    assert lead.startswith("On 11 July, Russia struck Huliaipole"), lead
    assert "4 were reported killed" in lead, lead


KAMIANKA = Entity("Kamianka", "GPE", country="UA")


def test_a_flood_lead_carries_the_count_of_people_evacuated(tmp_path: Path) -> None:
    analyses = []
    for outlet, text in (
        (
            "Northern Courier",
            "Russia struck the Kamianka reservoir dam on Friday. Some 5,000 villagers were still waiting "
            "to be evacuated by boat.",
        ),
        (
            "Harbour Gazette",
            "Russia hit the Kamianka dam on Friday, officials said. Regional officials said about 3,400 "
            "residents had been evacuated from low-lying streets.",
        ),
    ):
        first, *rest = text.split(". ")
        events = [
            Event(
                "ASSAULT", evidence(text, first[:10]), actor="Russia", target="Kamianka", location="Kamianka",
                date="2023-10-06", date_precision="day", trigger="struck",
            )
        ]  # fmt: skip
        events += [
            Event("ASSAULT", evidence(text, more[:10]), location="Kamianka", trigger="x") for more in rest
        ]
        analyses.append(
            Analysis(
                document(text, outlet, "2023-10-06T18:00:00+03:00", f"Dam hit in Kamianka ({outlet})"),
                entities=(RUSSIA, KAMIANKA),
                events=tuple(events),
                extractor_version="test",
            )
        )
    lead = strip_citations(developments(write_brief(one_story(tmp_path, analyses)))[0])
    assert "about 3,400 residents had been evacuated, according to the Harbour Gazette" in lead, lead
    # Waiting to be evacuated is not what happened to them.
    assert "5,000" not in lead.split(". According to")[0], lead


def test_a_quote_from_a_report_about_something_else_does_not_support_a_lead(tmp_path: Path) -> None:
    # Resolution put a report on grain exports in the story of the Sumy strike: its sentence is
    # not quoted under the strike's lead, the strike reports' own sentences are.
    strike = (
        "Russia hit a grocery shop in Sumy with a drone on Monday. Firefighters worked for three hours to "
        "put out the blaze in the market hall."
    )
    grain = (
        "Russia shipped record volumes of wheat through its southern ports in July. Traders expected prices "
        "for the autumn harvest to stay close to last year's levels."
    )
    analyses = []
    for outlet, text, title in (
        ("Northern Courier", strike, "Drone hits shop in Sumy"),
        ("Harbour Gazette", strike.replace("grocery shop", "food store"), "Sumy market hit by drone"),
        ("Plains Herald", grain, "Wheat exports hit a record"),
    ):
        first, second = text.split(". ", 1)
        events = (
            Event("ASSAULT", evidence(text, first[:10]), actor="Russia", target="Sumy", location="Sumy",
                  date="2023-08-14", date_precision="day", trigger="hit"),
            Event("ASSAULT", evidence(text, second[:10]), trigger="x"),
        )  # fmt: skip
        analyses.append(
            Analysis(
                document(text, outlet, "2023-08-14T12:00:00+03:00", title),
                entities=(RUSSIA, SUMY),
                events=events,
                extractor_version="test",
            )
        )
    text = developments(write_brief(one_story(tmp_path, analyses)))[0]
    assert "Firefighters" in text, text
    assert "Traders" not in text and "wheat" not in text, text


def test_a_lead_says_only_the_blame_for_its_own_deed(tmp_path: Path) -> None:
    kremlin = Entity("Kremlin", "ORG", country="RU")
    wagner = Entity("Wagner Group", "ORG", country="RU", aliases=("Wagner",))
    zatoka = Entity("Zatoka", "GPE", country="UA")
    bridge = (
        "Russia struck the Zatoka bridge with missiles on Wednesday. Ukraine accused Russia of trying to "
        "cut the road to the port by destroying the bridge."
    )
    feud = (
        "Russia struck the Zatoka bridge again on Wednesday night. Separately, the Kremlin accused Wagner "
        "of disloyalty over its recruiting drive."
    )
    analyses = []
    for outlet, text, blamed in (
        ("Northern Courier", bridge, ("Ukraine", "Russia")),
        ("Harbour Gazette", feud, ("Kremlin", "Wagner Group")),
    ):
        first, second = text.split(". ", 1)
        events = (
            Event("ASSAULT", evidence(text, first[:10]), actor="Russia", target="Zatoka", location="Zatoka",
                  date="2023-07-19", date_precision="day", trigger="struck"),
            Event("ACCUSE", evidence(text, second[:10]), actor=blamed[0], target=blamed[1], trigger="blame"),
        )  # fmt: skip
        analyses.append(
            Analysis(
                document(text, outlet, "2023-07-19T23:00:00+03:00", f"Zatoka bridge hit ({outlet})"),
                entities=(RUSSIA, UKRAINE, zatoka, kremlin, wagner),
                events=events,
                extractor_version="test",
            )
        )
    lead = strip_citations(developments(write_brief(one_story(tmp_path, analyses)))[0])
    assert lead.startswith("On 19 July, Russia struck"), lead
    assert "Ukraine blamed Russia" in lead, lead
    assert "Kremlin blamed" not in lead and "the Kremlin" not in lead, lead


def test_the_casualties_section_keeps_a_sides_count_of_enemy_dead_as_its_claim(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    text = (
        "Russia's defence ministry said its units had killed 120 Ukrainian soldiers near Vuhledar on Sunday."
    )
    brief = write_brief(
        make_store([fighting("Harbour Gazette", text, "2023-09-03T21:00:00+03:00", Bounds(120, 120), None)])
    )
    casualties = next(sec for sec in brief.sections if sec.key == "casualties")
    sentences = [re.sub(r"\s+\.$", ".", strip_citations(s.text)) for s in casualties.sentences]
    assert sentences == ["Russia said it had killed 120 Ukrainian soldiers in the fighting in Vuhledar."], (
        sentences
    )
    assert casualties.table is not None and casualties.table.rows[0][3] == "Russia"


def test_a_lead_that_is_only_a_doer_and_a_bare_act_is_left_out(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    analyses = [
        drone_strike("Northern Courier", "Russia hit a grocery shop in Sumy with a drone on Monday.",
                     "2023-08-14T11:00:00+03:00", None),
    ]  # fmt: skip
    for outlet in ("Harbour Gazette", "Plains Herald"):
        text = f"Ukraine set out new demands on Monday, {outlet} was told."
        analyses.append(
            Analysis(
                document(text, outlet, "2023-08-14T12:00:00+03:00", f"Kyiv's demands ({outlet})"),
                entities=(UKRAINE,),
                events=(
                    Event(
                        "DEMAND", evidence(text, "Ukraine"), actor="Ukraine", date="2023-08-14", trigger="x"
                    ),
                ),
                extractor_version="test",
            )
        )
    brief = write_brief(make_store(analyses))
    texts = developments(brief)
    assert not any("made demands" in t for t in texts), texts
    assert any("Sumy" in t for t in texts), texts
    # What was left out leaves no numbered source behind.
    assert [c.number for c in brief.sources] == list(range(1, len(brief.sources) + 1))
    assert {n for t in texts for n in re.findall(r"\[(\d+)\]", t)} <= {str(c.number) for c in brief.sources}


def test_photo_captions_are_not_quoted(make_store: Callable[[list[Analysis]], Engine]) -> None:
    reports = [
        drone_strike(
            "Northern Courier",
            "Russia hit Sumy with a drone on Monday. A firefighter sprays water on a burning stall at the "
            "market in Sumy, Ukraine, on August 14, 2023.",
            "2023-08-14T10:00:00+03:00",
            None,
        ),
        drone_strike(
            "Harbour Gazette",
            "Russia struck Sumy on Monday. Smoke rises above the market roofs in this still image taken from "
            "a video posted online.",
            "2023-08-14T11:00:00+03:00",
            None,
        ),
        drone_strike(
            "Plains Herald",
            "Russia attacked Sumy on Monday. Stall holders said the blast had destroyed a whole week of "
            "deliveries for the market.",
            "2023-08-14T12:00:00+03:00",
            None,
        ),
    ]
    text = developments(write_brief(make_store(reports)))[0]
    assert "Stall holders said" in text, text
    assert "firefighter" not in text and "still image" not in text, text


def test_a_person_reporting_their_own_deed_is_not_it(make_store: Callable[[list[Analysis]], Engine]) -> None:
    putin = Entity("Vladimir Putin", "PERSON", country="RU", aliases=("Putin",))
    lukashenka = Entity("Alexander Lukashenka", "PERSON", country="BY", aliases=("Lukashenka",))
    analyses = []
    for outlet, text in (
        (
            "Northern Courier",
            "Putin said on Friday he had reached an agreement with Lukashenka on grain transit.",
        ),
        ("Harbour Gazette", "Putin told reporters on Friday that he reached an agreement with Lukashenka."),
    ):
        event = Event(
            "AGREE", evidence(text, "Putin"), actor="Vladimir Putin", target="Alexander Lukashenka",
            attributed_to="Vladimir Putin", date="2023-09-08", date_precision="day", trigger="agreement",
        )  # fmt: skip
        analyses.append(
            Analysis(
                document(text, outlet, "2023-09-08T18:00:00+03:00", f"Putin and Lukashenka agree ({outlet})"),
                entities=(putin, lukashenka),
                events=(event,),
                extractor_version="test",
            )
        )
    lead = strip_citations(developments(write_brief(make_store(analyses)))[0])
    assert "said it" not in lead, lead
    assert "Putin reached an agreement with Lukashenka" in lead, lead


def test_a_sentence_cut_at_an_abbreviation_is_not_quoted(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    reports = [
        drone_strike(
            "Northern Courier",
            "Russia hit Sumy with a drone on Monday. Boxes of donated medicine are carried into the hospital "
            "in Sumy, Ukraine, on Aug.",
            "2023-08-14T10:00:00+03:00",
            None,
        ),
        drone_strike(
            "Harbour Gazette",
            "Russia struck Sumy on Monday. Doctors at the city hospital said the blast had broken every "
            "window on the ward.",
            "2023-08-14T11:00:00+03:00",
            None,
        ),
    ]
    text = developments(write_brief(make_store(reports)))[0]
    assert "Doctors at the city hospital said" in text, text
    assert "donated medicine" not in text, text


def test_one_sides_claim_carried_by_two_stories_is_said_once(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    kupiansk = Entity("Kupiansk", "GPE", country="UA", lat=49.71, lon=37.61)
    near_vuhledar = fighting(
        "Harbour Gazette",
        "Russia's defence ministry said its units had killed 120 Ukrainian soldiers near Vuhledar on Sunday.",
        "2023-09-03T21:00:00+03:00",
        Bounds(120, 120),
        None,
    )
    text = "Russia's defence ministry said its units had killed 120 Ukrainian soldiers on Sunday."
    elsewhere = Analysis(
        document(text, "Plains Herald", "2023-09-03T22:00:00+03:00", "Shelling around Kupiansk"),
        entities=(RUSSIA, UKRAINE, kupiansk),
        events=(
            Event(
                "FIGHT", evidence(text, "Russia's"), actor="Ukraine", location="Kupiansk", lat=49.71,
                lon=37.61, date="2023-09-03", date_precision="day", killed=Bounds(120, 120), trigger="killed",
            ),
        ),
        extractor_version="test",
    )  # fmt: skip
    brief = write_brief(make_store([near_vuhledar, elsewhere]))
    casualties = next(sec for sec in brief.sections if sec.key == "casualties")
    claims = [s for s in casualties.sentences if "120 Ukrainian soldiers" in s.text]
    assert len(claims) == 1, [s.text for s in casualties.sentences]
    assert len(claims[0].citations) == 2
    assert casualties.table is not None and len(casualties.table.rows) == 2


def test_a_deed_each_side_blames_on_the_other_is_the_accusers_account(tmp_path: Path) -> None:
    kremlin = Entity("Kremlin", "ORG", country="RU")
    ferry = Entity("Lysa ferry terminal", "FAC", country="UA")
    texts = (
        ("Northern Courier", "Russia struck the Lysa ferry terminal on Monday. Ukraine blamed Russia."),
        (
            "Harbour Gazette",
            "Russia struck the Lysa ferry terminal at dawn. The Kremlin blamed Ukraine for the terminal.",
        ),
        ("Delta Post", "Russia struck the Lysa ferry terminal overnight. Ukraine blamed Russia again."),
    )
    analyses = []
    for outlet, text in texts:
        first, second = text.split(". ", 1)
        accuser, accused = ("Kremlin", "Ukraine") if "Kremlin" in second else ("Ukraine", "Russia")
        events = (
            Event("ASSAULT", evidence(text, first[:10]), actor="Russia", target="Lysa ferry terminal",
                  date="2023-07-17", date_precision="day", trigger="struck"),
            Event("ACCUSE", evidence(text, second[:10]), actor=accuser, target=accused, trigger="blamed"),
        )  # fmt: skip
        analyses.append(
            Analysis(
                document(text, outlet, "2023-07-17T20:00:00+03:00", f"Lysa terminal hit ({outlet})"),
                entities=(RUSSIA, UKRAINE, kremlin, ferry),
                events=events,
                extractor_version="test",
            )
        )
    lead = strip_citations(developments(write_brief(one_story(tmp_path, analyses)))[0])
    # Who did it is what the sides dispute: the lead gives it as Ukraine's account, then Russia's.
    assert "Ukraine said Russia struck the Lysa ferry terminal" in lead, lead
    assert "the Kremlin blamed Ukraine" in lead, lead
    assert "Ukraine blamed Russia" not in lead, lead
