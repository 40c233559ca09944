"""Leads in the evidence's own words: when a story's events agree on a doer but their type's verb
says little ("mobilised forces", "issued a rejection", "opened an investigation"), the lead says
what the doer's own sentence says it did: a move, a denial, charges dropped. A guess, a plan or a
deed naming only a whole country is not a lead."""

from __future__ import annotations

import re
from pathlib import Path

from brief_corpus import document
from test_lead_classes import ENTITIES, developments, event, stories

from sitroom.brief import write_brief
from sitroom.model import Analysis, Entity, Event

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
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts if "Ukraine held talks" not in t), str(texts))
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
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts if "Ukraine held talks" not in t), str(texts))
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
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts if "Ukraine held talks" not in t), str(texts))
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
