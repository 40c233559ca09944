"""Leads in the evidence's own words: when a story's events agree on a doer but their type's verb
says little ("mobilised forces", "issued a rejection", "opened an investigation"), the lead says
what the doer's own sentence says it did: a move, a denial, charges dropped. A guess, a plan or a
deed naming only a whole country is not a lead."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from brief_corpus import document, section_lines
from test_lead_classes import ENTITIES, developments, event, stories

from sitroom.brief import write_brief
from sitroom.model import Analysis, Bounds, Entity, Event

NORWAY = Entity("Norway", "GPE", country="NO")
DORN = Entity("Viktor Dorn", "PERSON", aliases=("Dorn",), country="RU")
PROSECUTORS = Entity("Russian prosecutors", "ORG", country="RU")
EXTRA = (NORWAY, DORN, PROSECUTORS)


def report(
    outlet: str, title: str, text: str, *events: Event, published: str = "2023-08-15T18:00:00+03:00"
) -> Analysis:
    return Analysis(
        document(text, outlet, published, title),
        entities=(*ENTITIES, *EXTRA),
        events=events,
        extractor_version="test",
    )


def lead_where(tmp_path: Path, analyses: list[Analysis], wanted: Callable[[str], bool]) -> str:
    """The brief's first development that ``wanted`` accepts (all of them, as text, when none is)."""
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    return next((t for t in texts if wanted(t)), str(texts))


def test_a_persons_move_is_said_as_the_evidence_says_it_with_who_said_so(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Mercenary chief Dorn flees to Moldova ({outlet})",
            text,
            event(
                "MOBILIZE",
                text,
                text[:8],
                actor="Viktor Dorn",
                location="Moldova",
                date="2023-08-15",
                date_precision="day",
            ),
        )
        for outlet, text in (
            ("Northern Courier", "Viktor Dorn arrived in Moldova on Tuesday, the Moldovan president said."),
            (
                "Harbour Gazette",
                "On Tuesday, Viktor Dorn fled to Moldova with his guards, officials in Chisinau said.",
            ),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Ukraine held talks" not in t)
    # Either outlet's words, with who gave them: the Moldovan president, or officials in Chisinau.
    assert lead.startswith(
        (
            "On 15 August, Viktor Dorn arrived in Moldova, the Moldovan president said",
            "On 15 August, Viktor Dorn fled to Moldova with his guards, officials in Chisinau said",
        )
    ), lead
    assert "mobilised" not in lead, lead


def test_a_denial_is_what_the_denier_said(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Norway denies role in guards' mutiny ({outlet})",
            text,
            event(
                "REJECT",
                text,
                text[:8],
                actor="Norway",
                target="Russia",
                date="2023-08-14",
                date_precision="day",
            ),
            published="2023-08-14T18:00:00+03:00",
        )
        for outlet, text in (
            (
                "Northern Courier",
                "Norway said on Monday that it had no role in the mutiny of Russia's border guards.",
            ),
            (
                "Harbour Gazette",
                "Norway rejected claims from Russia of a role in the mutiny on Monday, calling them absurd.",
            ),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Ukraine held talks" not in t)
    assert lead.startswith(
        "On 14 August, Norway said it had no role in the mutiny of Russia's border guards"
    ), lead


def test_charges_dropped_read_as_dropped_not_as_an_investigation(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Prosecutors drop charges against rail workers arrested in May ({outlet})",
            text,
            event("INVESTIGATE", text, text[:8], actor="Russian prosecutors", date="2023-08-15"),
        )
        for outlet, text in (
            (
                "Northern Courier",
                "Russian prosecutors dropped the charges against the rail workers who struck in May.",
            ),
            ("Harbour Gazette", "Russian prosecutors closed the case against 40 rail workers."),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Ukraine held talks" not in t)
    assert re.search(
        r"Russian prosecutors (?:dropped the charges|closed the case) against (?:the|40) rail workers", lead
    ), lead
    assert "investigat" not in lead, lead


def test_a_guess_or_a_plan_is_no_lead_in_own_words(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Norway weighs tank deliveries for the war ({outlet})",
            text,
            event("AID", text, text[:8], actor="Norway", date="2023-08-15"),
        )
        for outlet, text in (
            ("Northern Courier", "Norway said it could send Leopard tanks to Ukraine if parliament agreed."),
            (
                "Harbour Gazette",
                "Norway is weighing tank deliveries, and it may decide on Leopard tanks in autumn.",
            ),
        )
    ]
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    assert not any("Norway said it could send" in t.split("“")[0] for t in texts), texts


def _dam_reports() -> list[Analysis]:
    analyses = []
    for outlet, text in (
        (
            "Northern Courier",
            "The Volnovka dam in southern Ukraine was breached on Monday night. Villages flooded.",
        ),
        (
            "Harbour Gazette",
            "The Volnovka dam was breached on Monday, and 3,000 people in Ukraine were evacuated.",
        ),
    ):
        analyses.append(
            report(
                outlet,
                f"Volnovka dam breached, villages flooded ({outlet})",
                text,
                event(
                    "ASSAULT",
                    text,
                    "The Volnovka",
                    location="Ukraine",
                    date="2023-08-14",
                    date_precision="day",
                ),
                published="2023-08-14T20:00:00+03:00",
            )
        )
    return analyses


def _reaction_reports() -> list[Analysis]:
    # Other outlets, another story: Norway's reaction, the dam's name spelt another way.
    analyses = []
    for outlet, text in (
        (
            "Lakeside Times",
            "Norway blamed Russia for the destruction of the Volnova dam, calling it a war crime.",
        ),
        ("Plains Herald", "Norway blamed Russia for the collapse of the Volnova dam and summoned its envoy."),
    ):
        analyses.append(
            report(
                outlet,
                f"Allies call dam destruction a war crime ({outlet})",
                text,
                event("DISAPPROVE", text, "Norway", actor="Norway", target="Russia", date="2023-08-15"),
                published="2023-08-15T12:00:00+03:00",
            )
        )
    return analyses


def test_a_reaction_to_a_listed_happening_is_that_development_not_another(tmp_path: Path) -> None:
    texts = developments(write_brief(stories(tmp_path, [_dam_reports(), _reaction_reports()])))
    dam = [t for t in texts if re.search(r"Volnovk?a dam", t)]
    assert len(dam) == 1, texts
    assert dam[0].startswith("On 14 August, the Volnovka dam was breached"), dam
    # The reaction's sources support the dam's development.
    assert "Norway blamed Russia for the" in dam[0], dam


def test_a_strike_on_a_town_near_a_listed_happening_stays_its_own_development(tmp_path: Path) -> None:
    strike = []
    for outlet, text in (
        ("Lakeside Times", "Russia shelled Kherson on Tuesday as residents fled the Volnovka dam floods."),
        (
            "Plains Herald",
            "Russia shelled Kherson on Tuesday, killing 2 people near the Volnovka dam evacuation route.",
        ),
    ):
        strike.append(
            report(
                outlet,
                f"Russia shells Kherson during evacuation ({outlet})",
                text,
                event("ASSAULT", text, "Russia", actor="Russia", target="Kherson", location="Kherson",
                      date="2023-08-15", date_precision="day"),
                published="2023-08-15T12:00:00+03:00",
            )
        )  # fmt: skip
    texts = developments(write_brief(stories(tmp_path, [_dam_reports(), strike])))
    assert any(t.startswith("On 15 August, Russia struck Kherson") for t in texts), texts
    assert any(t.startswith("On 14 August, the Volnovka dam was breached") for t in texts), texts


def test_supporting_sentences_come_from_two_outlets_not_one_twice(tmp_path: Path) -> None:
    analyses = []
    for outlet, text in (
        ("Northern Courier", "Russia hit a bakery in Sumy with drones on Monday, the governor said."),
        ("Harbour Gazette", "Russia hit Sumy with drones on Monday, striking a bakery, officials said."),
        (
            "Lakeside Times",
            "Drones hit the Sumy bakery on Monday. "
            "The bakery burned for hours after drones hit the Sumy bakery. "
            "The Sumy bakery hit by the drones had fed the district for decades.",
        ),
        (
            "Plains Herald",
            "Drones hit Sumy on Monday. Volunteers cleared rubble from the Sumy bakery afterwards.",
        ),
    ):
        sentences = [part if part.endswith(".") else part + "." for part in text.split(". ")]
        events = [
            event("ASSAULT", text, sentence[:12], actor="Russia" if "Russia" in sentence else None,
                  target="Sumy", location="Sumy", date="2023-08-14", date_precision="day")
            for sentence in sentences
        ]  # fmt: skip
        analyses.append(
            report(
                outlet,
                f"Drones hit Sumy bakery ({outlet})",
                text,
                *events,
                published="2023-08-14T15:00:00+03:00",
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert lead.startswith("On 14 August, Russia struck Sumy"), lead
    supports = re.findall(r"According to (?:the )?([A-Z][a-z]+ [A-Z][a-z]+),", lead)
    assert len(supports) == 2 and len(set(supports)) == 2, lead


def test_a_case_dropped_against_a_person_is_not_an_investigation_of_them(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Russia drops case against mercenary chief Dorn ({outlet})",
            text,
            event(
                "INVESTIGATE",
                text,
                "Russia",
                actor="Russia",
                target="Viktor Dorn",
                date="2023-08-15",
                date_precision="day",
            ),
        )
        for outlet, text in (
            (
                "Northern Courier",
                "Russia dropped the criminal case against Viktor Dorn on Tuesday, the FSB said.",
            ),
            ("Harbour Gazette", "Russia closed its case against Viktor Dorn and his fighters on Tuesday."),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Dorn" in t)
    assert re.match(
        r"On 15 August, Russia (?:dropped the criminal case against Viktor Dorn, the FSB said"
        r"|closed its case against Viktor Dorn)",
        lead,
    ), lead
    assert "investigated" not in lead, lead


def test_a_body_a_name_leads_is_the_doer_with_its_name(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Norway announces new tank package for Ukraine war ({outlet})",
            text,
            event("SUPPORT", text, "The Norway", actor="Norway", target="Ukraine", date="2023-08-15"),
        )
        for outlet, text in (
            (
                "Northern Courier",
                "The Norway government on Tuesday announced a tank package for Ukraine worth 90 tanks.",
            ),
            ("Harbour Gazette", "The Norway government announced a tank package for the Ukrainian army."),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Norway" in t)
    assert re.search(
        r"the Norway government announced a tank package for (?:Ukraine|the Ukrainian army)", lead
    ), lead
    assert "supported Ukraine" not in lead, lead


def test_two_doers_named_together_do_it_together(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Norway and Finland warn NATO over mercenaries in Belarus ({outlet})",
            text,
            event("DISAPPROVE", text, "Norway", actor="Norway", target="Russia", date="2023-08-15"),
        )
        for outlet, text in (
            (
                "Northern Courier",
                "Norway and Finland warned NATO allies about the Russian mercenaries moving into Belarus.",
            ),
            (
                "Harbour Gazette",
                "Norway and Finland warned NATO that Russian mercenaries in Belarus threaten its east.",
            ),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Norway" in t)
    assert re.search(
        r"Norway and Finland warned NATO (?:allies about the Russian mercenaries moving into Belarus)?", lead
    ), lead
    assert "criticised Russia" not in lead, lead


def test_a_toll_whose_sentence_does_not_name_the_town_cites_one_that_does(tmp_path: Path) -> None:
    strike = "Russia struck Lysa with missiles on Monday, officials said."
    toll = "At least 3 people were killed, the regional governor said on Monday."
    analyses = [
        report(
            "Northern Courier",
            "Missiles hit Lysa (Northern Courier)",
            strike,
            event(
                "ASSAULT", strike, "Russia", actor="Russia", target="Lysa", location="Lysa", date="2023-08-14"
            ),
            published="2023-08-14T15:00:00+03:00",
        ),
        report(
            "Harbour Gazette",
            "Missile strike toll rises (Harbour Gazette)",
            toll,
            event("ASSAULT", toll, "At least", killed=Bounds(3, None), date="2023-08-14"),
            published="2023-08-14T18:00:00+03:00",
        ),
    ]
    brief = write_brief(stories(tmp_path, [analyses]))
    casualties = section_lines(brief, "casualties")
    assert any(re.search(r"3 killed in the attack (?:in|against) Lysa", line) for line in casualties), (
        casualties,
        brief.withheld,
    )


def test_a_plan_leads_as_what_its_named_speaker_said(tmp_path: Path) -> None:
    analyses = [
        report(
            outlet,
            f"Missiles to move into Belarus, Putin says ({outlet})",
            text,
            event("MOBILIZE", text, "Russia", actor="Russia", location="Belarus", date="2023-08-15"),
        )
        for outlet, text in (
            (
                "Northern Courier",
                "Russia will move 30 missiles into Belarus in July, Vladimir Putin told reporters.",
            ),
            (
                "Harbour Gazette",
                "Russia will move missiles into Belarus next month, Vladimir Putin said on Tuesday.",
            ),
        )
    ]
    lead = lead_where(tmp_path, analyses, lambda t: "Belarus" in t)
    assert re.search(
        r"^(?:On 15 August, |First reported on 15 August: )Vladimir Putin said Russia will move", lead
    ), lead
