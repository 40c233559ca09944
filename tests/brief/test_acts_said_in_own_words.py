"""Acts an analyst leads with that the type's verb says badly: charges dropped by a body its
country is named for, an alliance's agreement to deploy troops, a third country's denial; an act
no doer is agreed on, said with who reported it ("the Valley Wire reported an attack in Lysa",
never "reports describe ..."), which weighs as commentary when that is all it says; casualty
labels by the act's CAMEO noun; supporting sentences about their own development's happening.
Every story here is invented."""

from __future__ import annotations

import re
from pathlib import Path

from brief_corpus import document
from test_lead_classes import ENTITIES, developments, event, stories

from sitroom.brief import write_brief
from sitroom.brief.weigh import COMMENTARY, SAID, is_no_doer_lead, lead_weight
from sitroom.model import Analysis, Bounds, Entity, Event

COMMITTEE = Entity("State Security Committee", "ORG")
FALCON = Entity("Falcon battalion", "ORG")
NATO = Entity("NATO", "ORG", aliases=("the alliance",))
LATVIA = Entity("Latvia", "GPE", country="LV")
VILNIUS = Entity("Vilnius", "GPE", country="LT")
FINLAND = Entity("Finland", "GPE", country="FI")
PSKOV = Entity("Pskov", "GPE", country="RU")
EXTRA = (COMMITTEE, FALCON, NATO, LATVIA, VILNIUS, FINLAND, PSKOV)


def report(outlet: str, title: str, text: str, *events: Event, published: str) -> Analysis:
    return Analysis(
        document(text, outlet, published, title),
        entities=(*ENTITIES, *EXTRA),
        events=events,
        extractor_version="test",
    )


def test_charges_dropped_by_a_body_and_by_its_country_are_one_act_in_its_words(tmp_path: Path) -> None:
    first = (
        "Belarus's State Security Committee dropped the criminal case against the Falcon battalion "
        "fighters who seized the Lida fuel depot, the committee said on Thursday."
    )
    second = "Belarus has dropped mutiny charges against the Falcon battalion, saying its men went home."
    analyses = [
        report(
            "Northern Courier",
            "Minsk drops case against Falcon fighters",
            first,
            event("CONCEDE", first, "Belarus's State", actor="State Security Committee",
                  target="Falcon battalion", date="2023-09-14", date_precision="day"),
            event("COERCE", first, "fighters who", actor="Falcon battalion"),
            published="2023-09-14T18:00:00+03:00",
        ),
        report(
            "Harbour Gazette",
            "Mutiny charges against battalion withdrawn",
            second,
            event("CONCEDE", second, "Belarus has", actor="Belarus", target="Falcon battalion"),
            published="2023-09-14T20:00:00+03:00",
        ),
    ]  # fmt: skip
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts if "Falcon" in t), str(texts))
    # Either outlet's words: the two name the doer two ways, but it is one act on one target.
    said = lead.split(" . ")[0]
    assert said.endswith(
        (
            "Belarus's State Security Committee dropped the criminal case against the Falcon "
            "battalion fighters",
            "Belarus dropped mutiny charges against the Falcon battalion",
        )
    ), lead
    # The committee said so of its own deed: the lead does not say it twice; nor "used coercion".
    assert "the committee said" not in said, lead
    assert "coercion" not in said and "concessions" not in said, lead


def test_an_alliances_agreement_to_deploy_troops_is_its_act_with_the_whole_number(tmp_path: Path) -> None:
    first = (
        "NATO allies agreed on Monday to base a brigade of 2,500 soldiers in Latvia, easing fears on the "
        "Baltic coast."
    )
    second = "The alliance will send 2,500 soldiers to Latvia under a plan agreed by NATO leaders in Vilnius."
    analyses = [
        report(
            "Plains Herald",
            "NATO to base brigade in Latvia",
            first,
            event("AGREE", first, "NATO allies", actor="NATO", target="Latvia", date="2023-09-11",
                  date_precision="day"),
            published="2023-09-11T17:00:00+03:00",
        ),
        report(
            "Coastal Times",
            "Alliance sends 2,500 soldiers to Latvia",
            second,
            event("AGREE", second, "agreed by", actor="NATO", location="Vilnius"),
            published="2023-09-11T19:00:00+03:00",
        ),
    ]  # fmt: skip
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts if "Latvia" in t), str(texts))
    assert lead.startswith(
        "On 11 September, NATO allies agreed to base a brigade of 2,500 soldiers in Latvia"
    ), lead
    assert "“" not in lead.split(".")[0] and "reached an agreement" not in lead, lead


def test_an_attack_no_doer_is_agreed_on_is_said_with_who_reported_it(tmp_path: Path) -> None:
    texts = (
        (
            "Valley Wire",
            "A drone crashed into a block of flats in central Lysa on Friday, wounding four people.",
        ),
        (
            "Harbour Gazette",
            "Windows were blown out across Lysa after the drone attack on Friday, the mayor said.",
        ),
    )
    analyses = [
        report(
            outlet,
            f"Drone hits flats in Lysa ({outlet})",
            text,
            event("ASSAULT", text, text[:12], location="Lysa", date="2023-09-15", date_precision="day",
                  injured=Bounds(4, 4) if "four" in text else None),
            published="2023-09-15T21:00:00+03:00",
        )
        for outlet, text in texts
    ]  # fmt: skip
    texts_ = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts_ if "Lysa" in t), str(texts_))
    assert re.match(
        r"On 15 September, (?:the Valley Wire and the Harbour Gazette|the Harbour Gazette and the "
        r"Valley Wire) reported an attack in Lysa",
        lead,
    ), lead
    assert "reports describe" not in lead, lead


def test_a_line_of_an_act_with_no_doer_and_nothing_more_weighs_as_commentary() -> None:
    alone = "On 15 September, the Valley Wire reported an attack in Lysa [1]."
    assert is_no_doer_lead(alone) and not is_no_doer_lead("On 15 September, Russia struck Lysa [1].")
    assert lead_weight(alone, True, True, ["Drone hits flats in Lysa"]) == COMMENTARY
    with_toll = (
        "On 15 September, the Valley Wire reported an attack in Lysa [1]; 4 were reported injured [1]."
    )
    assert lead_weight(with_toll, True, True, ["Drone hits flats in Lysa"]) == SAID
    assert lead_weight("On 6 June, reports link the CIA to an attack [1].", True, True, []) == COMMENTARY


def test_a_casualty_line_names_a_coercion_by_its_cameo_noun(tmp_path: Path) -> None:
    # A coercion coded as destruction of property (CAMEO 1712) is "the destruction in Lysa", as
    # the story's title names it, never "the coercion in Lysa".
    texts = (
        ("Valley Wire", "Saboteurs blew up the Lysa grain silo on Sunday, killing three workers."),
        ("Plains Herald", "The grain silo in Lysa was wrecked by explosives on Sunday night."),
    )
    analyses = [
        report(
            outlet,
            f"Blast wrecks grain silo ({outlet})",
            text,
            event("COERCE", text, text[:10], location="Lysa", cameo="1712", date="2023-09-17",
                  killed=Bounds(3, 3) if "three" in text else None),
            published="2023-09-17T22:00:00+03:00",
        )
        for outlet, text in texts
    ]  # fmt: skip
    casualties = next(s for s in write_brief(stories(tmp_path, [analyses])).sections if s.key == "casualties")
    assert casualties.table is not None
    labels = {row[0] for row in casualties.table.rows}
    assert labels == {"the destruction in Lysa"}, labels


def test_supporting_sentences_are_about_their_own_developments_happening(tmp_path: Path) -> None:
    dam = [
        report(
            outlet,
            f"Lysa dam breached ({outlet})",
            text,
            event("ASSAULT", text, text[:10], actor="Russia", location="Lysa", date="2023-09-18",
                  date_precision="day", killed=Bounds(4, 4) if "four" in text else None),
            published="2023-09-18T20:00:00+03:00",
        )
        for outlet, text in (
            ("Valley Wire", "Russian shelling breached the Lysa dam on Monday, killing four people."),
            ("Plains Herald", "Russia struck the Lysa dam on Monday and water flooded the lower town."),
            ("Coastal Times", "Russian artillery hit the Lysa dam on Monday, the regional governor said."),
        )
    ]  # fmt: skip
    hack = [
        report(
            outlet,
            f"Hackers air false alarm on Moscow radio ({outlet})",
            text,
            event("ASSAULT", text, text[:10], location="Moscow" if "alarm" in text else None),
            published="2023-09-18T21:00:00+03:00",
        )
        for outlet, text in (
            ("Harbour Gazette", "Hackers broke into Moscow radio stations and aired a false air-raid alarm."),
            ("Northern Courier", "The false alarm aired by hacked radio stations in Moscow caused panic."),
            ("Meridian Post", "The collapse of the Lysa dam worries diplomats more than any radio hack."),
            ("Atlas Report", "Moscow's mayor opened a new metro line in the city centre on Tuesday."),
        )
    ]  # fmt: skip
    texts = developments(write_brief(stories(tmp_path, [dam, hack])))
    radio = next((t for t in texts if "radio" in t), str(texts))
    assert "Lysa dam" not in radio and "metro" not in radio, texts


def test_a_third_countrys_denial_leads_in_its_words_with_what_the_blast_did(tmp_path: Path) -> None:
    # One sentence is misread as Finland attacking: a country outside the war fights in it only
    # when outlets agree, so what Finland did (deny) leads, with what the fire destroyed.
    denial = (
        "Finland denied any part in the fire that destroyed a fuel depot near Pskov, after Moscow "
        "blamed Finnish agents."
    )
    blame = "Russia's security service accused Finnish agents of starting the depot fire near Pskov."
    analyses = [
        report(
            "Valley Wire",
            "Finland denies role in Pskov depot fire",
            denial,
            event("REJECT", denial, "Finland denied", actor="Finland", target="Russia", location="Pskov"),
            event("DISAPPROVE", denial, "Moscow blamed", actor="Moscow", target="Finland"),
            published="2023-09-19T12:00:00+03:00",
        ),
        report(
            "Plains Herald",
            "Russia blames Finland for army depot fire",
            blame,
            event("ASSAULT", blame, "Finnish agents", actor="Finland", location="Pskov"),
            event("DISAPPROVE", blame, "Russia's security", actor="Russia", target="Finland"),
            published="2023-09-19T13:00:00+03:00",
        ),
    ]
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    lead = next((t for t in texts if "Pskov" in t), str(texts))
    assert lead.startswith(
        "First reported on 19 September: Finland denied any part in the fire that destroyed a fuel depot "
        "near Pskov"
    ), lead
