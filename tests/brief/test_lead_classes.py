"""Classes of lead an analyst would not sign, each fixed by a general rule: a day after the report
(a plan) or a place the evidence does not state as one; a third country made a party of a fight;
a speaker taken for the place struck; a bare act; another outlet's report written as fact; a toll
of the whole war put on one strike; one side's claim said twice."""

from __future__ import annotations

from pathlib import Path

from brief_corpus import developments, document, evidence
from sqlalchemy import Engine, update

from sitroom.brief import write_brief
from sitroom.brief.check import strip_citations
from sitroom.model import Analysis, Bounds, Entity, Event, Money
from sitroom.store import schema as t
from sitroom.store.db import Store
from sitroom.store.write import now

RUSSIA = Entity("Russia", "GPE", country="RU")
UKRAINE = Entity("Ukraine", "GPE", country="UA")
BELARUS = Entity("Belarus", "GPE", country="BY")
MOLDOVA = Entity("Moldova", "GPE", country="MD")
MOSCOW = Entity("Moscow", "GPE", country="RU")
SUMY = Entity("Sumy", "GPE", country="UA")
LYSA = Entity("Lysa", "GPE", country="UA")
ENTITIES = (RUSSIA, UKRAINE, BELARUS, MOLDOVA, MOSCOW, SUMY, LYSA)


def report(outlet: str, published: str, title: str, text: str, *events: Event) -> Analysis:
    return Analysis(
        document(text, outlet, published, title), entities=ENTITIES, events=events, extractor_version="test"
    )


def event(kind: str, text: str, start: str, **roles: object) -> Event:
    return Event(kind, evidence(text, start), trigger="x", **roles)  # type: ignore[arg-type]


# Words of the headlines of the other reports of the window, one report each.
OTHER_TOPICS = (
    "grain corridor",
    "energy prices",
    "refugee housing",
    "school year",
    "harvest forecast",
    "rail timetable",
    "border queues",
    "bond auction",
    "power grid",
    "steel output",
    "air traffic",
    "bank rates",
    "wheat exports",
    "tax reform",
    "court ruling",
    "fuel prices",
    "film festival",
    "ferry service",
)


def background() -> list[Analysis]:
    """One report on each of OTHER_TOPICS, so that what a story's headlines share is not what the
    whole window's headlines share (a window of a single story has no words of its own)."""
    analyses = []
    for index, topic in enumerate(OTHER_TOPICS):
        text = f"Ukraine held talks with Russia on the {topic} on Monday, officials said."
        analyses.append(
            report(
                f"Outlet {index}",
                "2023-08-14T08:00:00+03:00",
                f"Talks on {topic}",
                text,
                event("CONSULT", text, "Ukraine held", actor="Ukraine", target="Russia"),
            )
        )
    return analyses


def stories(tmp_path: Path, groups: list[list[Analysis]]) -> Engine:
    """Store each group of analyses as one story, as resolution would group them, among the
    reports of ``background``."""
    store = Store.open(str(tmp_path / "classes.db"))
    for analysis in background():
        store.save(analysis.document, analysis)
    for group in groups:
        for analysis in group:
            store.save(analysis.document, analysis)
        with store.engine.begin() as conn:
            made = conn.execute(
                t.stories.insert().values(
                    type=group[0].events[0].type, title="x", date="2023-08-14", updated_at=now()
                )
            ).inserted_primary_key
            assert made is not None
            ids = [a.document.id for a in group]
            conn.execute(update(t.events).where(t.events.c.document_id.in_(ids)).values(story_id=made[0]))
    return store.engine


def sumy_strike(outlet: str, extra: str = "", killed: Bounds | None = None) -> Analysis:
    """A drone strike on Sumy on Monday 14 August 2023, as one outlet reports it."""
    text = f"Russia hit a bakery in Sumy with drones on Monday, the governor said.{extra}"
    events = [
        event(
            "ASSAULT",
            text,
            "Russia hit",
            actor="Russia",
            target="Sumy",
            location="Sumy",
            date="2023-08-14",
            date_precision="day",
        )
    ]
    if extra:
        events.append(event("ASSAULT", text, extra.strip()[:12], killed=killed, date="2023-08-14"))
    return report(outlet, "2023-08-14T15:00:00+03:00", f"Drones hit Sumy bakery ({outlet})", text, *events)


def test_a_day_after_the_report_is_a_plan_not_the_leads_day(tmp_path: Path) -> None:
    analyses = []
    for outlet in ("Northern Courier", "Harbour Gazette"):
        text = (
            "Russia will move a missile brigade into Belarus on 20 September, the defence minister said on "
            f"Friday, {outlet} reported."
        )
        analyses.append(
            report(
                outlet,
                "2023-09-08T18:00:00+03:00",
                "Missile brigade to move into Belarus",
                text,
                event(
                    "MOBILIZE",
                    text,
                    "Russia will",
                    actor="Russia",
                    location="Belarus",
                    date="2023-09-20",
                    date_precision="day",
                ),
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert "20 September" not in lead.split("“")[0], lead
    assert lead.startswith(("First reported on 8 September", "On 8 September")), lead


def test_a_place_is_written_only_where_the_evidence_states_it_as_one(tmp_path: Path) -> None:
    # The dam lies in occupied Ukraine: "Russian-held" and "blamed on Russia" do not put it in Russia.
    analyses = []
    for outlet, text in (
        ("Northern Courier", "The Lysa dam in Russian-held southern Ukraine was breached on Monday night."),
        ("Harbour Gazette", "The Lysa dam was breached on Monday, and officials blamed the blast on Russia."),
    ):
        analyses.append(
            report(
                outlet,
                "2023-08-14T20:00:00+03:00",
                f"Lysa dam breached ({outlet})",
                text,
                event(
                    "ASSAULT", text, "The Lysa", location="Russia", date="2023-08-14", date_precision="day"
                ),
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert lead.startswith("On 14 August, the Lysa dam was breached"), lead
    assert "in Russia" not in lead.split("“")[0], lead


def test_a_third_country_is_not_made_a_party_of_a_fight_it_comments_on(tmp_path: Path) -> None:
    war = [sumy_strike(outlet) for outlet in ("Northern Courier", "Harbour Gazette")]
    text = "Moldova asked its allies for radars to repel Russian drones over its border, officials said."
    other = "Russian drones crossed into Moldovan airspace twice on Monday, the border police said."
    comment = [
        report(
            "Plains Herald",
            "2023-08-14T12:00:00+03:00",
            "Moldova seeks radars against drones",
            text,
            event("FIGHT", text, "Moldova", actor="Moldova", target="Russia", location="Ukraine"),
        ),
        report(
            "Lakeside Times",
            "2023-08-14T13:00:00+03:00",
            "Drones over Moldova",
            other,
            event("FIGHT", other, "Russian", location="Ukraine"),
        ),
    ]
    texts = developments(write_brief(stories(tmp_path, [war, comment])))
    assert texts and texts[0].startswith("On 14 August, Russia struck Sumy"), texts
    assert not any("Moldova fought" in t for t in texts), texts


def test_the_speaker_of_a_claim_is_not_the_place_struck(tmp_path: Path) -> None:
    analyses = []
    for outlet, text in (
        ("Northern Courier", "Moscow says its forces repelled Ukrainian attacks near Sumy on Monday."),
        ("Harbour Gazette", "Ukraine attacked villages annexed by Moscow on Monday, Russian officials said."),
    ):
        analyses.append(
            report(
                outlet,
                "2023-08-14T20:00:00+03:00",
                f"Russia says it repelled attacks ({outlet})",
                text,
                event(
                    "ASSAULT",
                    text,
                    text[:6],
                    actor="Ukraine",
                    location="Moscow",
                    attributed_to="Russia",
                    date="2023-08-14",
                    date_precision="day",
                ),
            )
        )
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    assert not any("struck Moscow" in t or "in Moscow" in t for t in texts), texts


def test_a_bare_act_gives_way_to_the_storys_most_telling_sentence(tmp_path: Path) -> None:
    analyses = []
    for outlet, text in (
        (
            "Northern Courier",
            "Ukraine carried out a drone raid overnight. A fuel depot near the border burned "
            "for six hours after the raid.",
        ),
        (
            "Harbour Gazette",
            "Ukraine launched drones overnight, officials said. The fuel depot had supplied "
            "the army's trucks on the front.",
        ),
    ):
        first, second = text.split(". ", 1)
        analyses.append(
            report(
                outlet,
                "2023-08-15T09:00:00+03:00",
                f"Ukraine drone raid sets fuel depot ablaze ({outlet})",
                text,
                event("ASSAULT", text, first[:10], actor="Ukraine", date="2023-08-15", date_precision="day"),
                event("ASSAULT", text, second[:10], date="2023-08-15"),
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert "carried out an attack" not in lead, lead
    assert lead.startswith("First reported on 15 August: according to the "), lead
    assert "fuel depot" in lead.split("”")[0], lead


def test_another_outlets_report_of_a_plan_stays_its_report(tmp_path: Path) -> None:
    cable = Entity("Arctic cable", "FAC")
    analyses = []
    for outlet, text in (
        (
            "Northern Courier",
            "Ukraine was planning an attack on the Arctic cable last year, the Financial Times "
            "reported on Tuesday.",
        ),
        (
            "Harbour Gazette",
            "A Ukrainian team had a plan to attack the Arctic cable, according to the Financial "
            "Times on Tuesday.",
        ),
    ):
        analyses.append(
            Analysis(
                document(
                    text, outlet, "2023-08-15T12:00:00+03:00", f"Plan to attack Arctic cable ({outlet})"
                ),
                entities=(*ENTITIES, cable),
                events=(
                    event(
                        "ASSAULT",
                        text,
                        text[:8],
                        actor="Ukraine",
                        location="Arctic cable",
                        certainty="reported",
                        date="2023-08-15",
                        date_precision="day",
                    ),
                ),
                extractor_version="test",
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert "according to the Financial Times, Ukraine planned an attack" in lead, lead
    assert "Ukraine struck" not in lead, lead


def test_a_toll_of_the_whole_war_is_not_a_strikes_toll(tmp_path: Path) -> None:
    strike = [
        sumy_strike("Northern Courier"),
        sumy_strike(
            "Harbour Gazette",
            " More than 900 children have been killed since the war began.",
            Bounds(900, None),
        ),
    ]
    lead = developments(write_brief(stories(tmp_path, [strike])))[0]
    assert lead.startswith("On 14 August, Russia struck Sumy"), lead
    assert "900" not in lead.split("“")[0], lead


def test_one_sides_claim_in_two_stories_is_one_development(tmp_path: Path) -> None:
    # Resolution kept two stories of one day's fighting apart; both carry Russia's one claim.
    groups = []
    for place in ("Sumy", "Lysa"):
        group = []
        for outlet in ("Harbour Gazette", "Plains Herald"):
            text = (
                f"Ukraine attacked Russian positions near {place} on Sunday, {outlet} was told. "
                "Russia's defence ministry said its units had killed 120 Ukrainian soldiers."
            )
            group.append(
                report(
                    outlet,
                    "2023-09-03T21:00:00+03:00",
                    f"Clashes near {place}",
                    text,
                    event(
                        "FIGHT",
                        text,
                        "Ukraine attacked",
                        actor="Ukraine",
                        location=place,
                        date="2023-09-03",
                        date_precision="day",
                    ),
                    event(
                        "FIGHT",
                        text,
                        "Russia's",
                        actor="Ukraine",
                        location=place,
                        date="2023-09-03",
                        killed=Bounds(120, 120),
                    ),
                )
            )
        groups.append(group)
    # A third story's own sentence, quoted for want of a concrete act, carries the claim too.
    quoted = []
    for outlet in ("Harbour Gazette", "Plains Herald"):
        text = (
            f"Moscow claims victory on the front and says 120 Ukrainian soldiers were killed, {outlet} heard."
        )
        quoted.append(
            report(
                outlet,
                "2023-09-03T22:00:00+03:00",
                "Russia claims victory on front",
                text,
                event("FIGHT", text, "Moscow", actor="Russia", date="2023-09-03"),
            )
        )
    groups.append(quoted)
    texts = developments(write_brief(stories(tmp_path, groups)))
    assert sum("120 Ukrainian soldiers" in t for t in texts) == 1, texts


def test_page_furniture_is_never_quoted(tmp_path: Path) -> None:
    strike = [
        sumy_strike(
            "Northern Courier",
            "\n• Live war – latest news updates Rescuers pulled two bakers from the rubble.",
        ),
        sumy_strike("Harbour Gazette"),
    ]
    text = developments(write_brief(stories(tmp_path, [strike])))[0]
    assert text.startswith("On 14 August, Russia struck Sumy"), text
    assert "latest news" not in text and "•" not in text, text


def test_a_passive_lead_is_about_the_whole_noun_before_its_verb() -> None:
    from sitroom.brief.facts import Span
    from sitroom.brief.sections.developments import _passive

    text = "A major dam in southern Ukraine was destroyed on Monday, and Kyiv was shaken by the news."
    span = Span("doc", 0, len(text), text)
    assert _passive("major", [span]) is None  # "the A major was destroyed" is about no thing
    assert _passive("kyiv", [span]) is None  # a place is no thing of a passive lead either
    found = _passive("dam", [span])
    assert found is not None and found[0] == "the dam was destroyed", found


def test_a_country_does_not_ask_its_own_leader(tmp_path: Path) -> None:
    leader = Entity("Oksana Hrytsenko", "PERSON", country="UA", aliases=("Hrytsenko",))
    analyses = []
    for outlet in ("Northern Courier", "Harbour Gazette"):
        text = f"Ukrainian lawmakers urge Hrytsenko to move the donor summit out of Lviv, {outlet} learned."
        analyses.append(
            Analysis(
                document(
                    text,
                    outlet,
                    "2023-08-14T12:00:00+03:00",
                    f"Lawmakers urge Hrytsenko to move donor summit ({outlet})",
                ),
                entities=(*ENTITIES, leader),
                events=(
                    event(
                        "REQUEST",
                        text,
                        "Ukrainian",
                        actor="Ukraine",
                        target="Oksana Hrytsenko",
                        date="2023-08-14",
                    ),
                ),
                extractor_version="test",
            )
        )
    texts = developments(write_brief(stories(tmp_path, [analyses])))
    assert texts and texts[0].startswith("First reported on 14 August: according to the "), texts
    assert not any("Ukraine made a request" in t or "reports describe" in t for t in texts), texts


def test_a_misread_amount_in_one_report_does_not_outvote_two(tmp_path: Path) -> None:
    # The doer's own reports misread "$1.5-billion" once; two reports crediting its minister agree.
    norway = Entity("Norway", "GPE", country="NO")
    dahl = Entity("Harald Dahl", "PERSON", country="NO")
    analyses = []
    for outlet, actor, amount, title in (
        ("Northern Courier", "Norway", 1.5, "Norway pledges aid package"),
        ("Harbour Gazette", "Norway", None, "Norway pledges aid package"),
        ("Plains Herald", "Harald Dahl", 1.5e9, "Minister announces aid package"),
        ("Lakeside Times", "Harald Dahl", 1.5e9, "Minister announces aid package"),
    ):
        text = (
            f"{actor} announced a $1.5 billion package of military aid for Ukraine on Monday, {outlet} said."
        )
        given = Money(amount, "USD", amount) if amount else None
        analyses.append(
            Analysis(
                document(text, outlet, "2023-08-14T12:00:00+03:00", f"{title} ({outlet})"),
                entities=(*ENTITIES, norway, dahl),
                events=(
                    event("AID", text, actor, actor=actor, target="Ukraine", date="2023-08-14", money=given),
                ),
                extractor_version="test",
            )
        )
    brief = write_brief(stories(tmp_path, [analyses]))
    money = [strip_citations(s.text) for s in next(s for s in brief.sections if s.key == "money").sentences]
    assert money == ["Norway pledged $1.5 billion in aid to Ukraine ."], money


def test_a_lead_naming_only_a_whole_country_quotes_the_story_instead(tmp_path: Path) -> None:
    # The story's place is Sumy, but its sentences say "the northern city": "Russia struck
    # Ukraine" would tell a reader nothing, so the story's own sentence leads.
    analyses = []
    for outlet, text in (
        (
            "Northern Courier",
            "Russia struck Ukraine overnight. A children's hospital in the northern city lost its roof.",
        ),
        (
            "Harbour Gazette",
            "Russia struck Ukraine before dawn. Doctors moved patients out of the children's hospital.",
        ),
    ):
        first, second = text.split(". ", 1)
        analyses.append(
            report(
                outlet,
                "2023-08-16T09:00:00+03:00",
                f"Strike hits children's hospital ({outlet})",
                text,
                event(
                    "ASSAULT",
                    text,
                    first[:10],
                    actor="Russia",
                    target="Ukraine",
                    location="Sumy",
                    date="2023-08-16",
                    date_precision="day",
                ),
                event("ASSAULT", text, second[:10], location="Sumy", date="2023-08-16"),
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert "Russia struck Ukraine" not in lead.split("“")[0], lead
    assert "children's hospital" in lead, lead


def test_a_strike_on_a_town_of_a_country_is_written_as_on_the_town(tmp_path: Path) -> None:
    analyses = []
    for outlet in ("Northern Courier", "Harbour Gazette"):
        text = f"Russia struck Ukraine again on Monday, hitting a school in Sumy, {outlet} learned."
        analyses.append(
            report(
                outlet,
                "2023-08-14T18:00:00+03:00",
                f"School hit in Sumy ({outlet})",
                text,
                event(
                    "ASSAULT",
                    text,
                    "Russia",
                    actor="Russia",
                    target="Ukraine",
                    location="Sumy",
                    date="2023-08-14",
                    date_precision="day",
                ),
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert lead.startswith("On 14 August, Russia struck Sumy"), lead


def test_two_stories_of_one_strike_with_different_figures_are_one_development(tmp_path: Path) -> None:
    # Resolution kept the morning and evening reports of one strike apart; each lead gives its own
    # outlet's figure, and the citation numbers differ: it is still one development.
    groups = []
    morning = ("Drones hit Sumy market", ("Northern Courier", "Harbour Gazette"), "Two people were killed.")
    evening = ("Sumy counts the wounded", ("Plains Herald", "Lakeside Times"), "Eleven people were injured.")
    for (title, outlets, sentence), figures in (
        (morning, {"killed": Bounds(2, 2)}),
        (evening, {"injured": Bounds(11, 11)}),
    ):
        group = []
        for outlet in outlets:
            text = f"Russia struck Sumy with drones on Monday, {outlet} was told. {sentence}"
            group.append(
                report(
                    outlet,
                    "2023-08-14T18:00:00+03:00",
                    title,
                    text,
                    event("ASSAULT", text, "Russia", actor="Russia", target="Sumy", location="Sumy",
                          date="2023-08-14", date_precision="day"),
                    event("ASSAULT", text, sentence[:8], location="Sumy", date="2023-08-14", **figures),
                )
            )  # fmt: skip
        groups.append(group)
    texts = developments(write_brief(stories(tmp_path, groups)))
    assert sum(t.startswith("On 14 August, Russia struck Sumy") for t in texts) == 1, texts


def test_a_story_is_labelled_by_the_town_its_reports_name_not_a_whole_country(tmp_path: Path) -> None:
    blamed = "Russia was blamed for the blast at the Lysa dam, which killed two people."
    analyses = [
        report("Northern Courier", "2023-08-14T20:00:00+03:00", "Lysa dam breached", blamed,
               event("ASSAULT", blamed, "Russia", target="Russia", killed=Bounds(2, 2), date="2023-08-14")),
    ]  # fmt: skip
    for outlet, text in (
        ("Harbour Gazette", "Water from the broken dam flooded streets in Lysa on Monday."),
        ("Plains Herald", "Rescuers in Lysa searched flooded homes on Monday."),
    ):
        analyses.append(
            report(outlet, "2023-08-14T20:00:00+03:00", "Lysa dam breached", text,
                   event("ASSAULT", text, text[:8], location="Lysa", date="2023-08-14"))
        )  # fmt: skip
    casualties = next(s for s in write_brief(stories(tmp_path, [analyses])).sections if s.key == "casualties")
    assert casualties.table is not None
    assert [row[0] for row in casualties.table.rows] == ["the attack in Lysa"], casualties.table.rows


def test_an_arrest_reads_as_a_detention_and_the_doers_own_country_is_no_place(tmp_path: Path) -> None:
    # CAMEO 173 is an arrest: "Russia coerced Lena Marsh in Russia" says neither what nor where.
    reporter = Entity("Lena Marsh", "PERSON", country="GB")
    analyses = []
    for outlet in ("Northern Courier", "Harbour Gazette"):
        text = f"Russia detained the British reporter Lena Marsh in Russia on Monday, {outlet} learned."
        coerce = event(
            "COERCE",
            text,
            "Russia",
            actor="Russia",
            target="Lena Marsh",
            location="Russia",
            cameo="173",
            date="2023-08-14",
            date_precision="day",
        )
        analyses.append(
            Analysis(
                document(
                    text, outlet, "2023-08-14T18:00:00+03:00", f"Reporter detained in Russia ({outlet})"
                ),
                entities=(*ENTITIES, reporter),
                events=(coerce,),
                extractor_version="test",
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert lead.startswith("On 14 August, Russia detained Lena Marsh"), lead
    assert "coerced" not in lead and "in Russia" not in lead.split("“")[0], lead


def test_a_quoted_lead_prefers_a_sentence_where_a_side_acts(tmp_path: Path) -> None:
    # Every outlet names Russia in passing ("ties with Russia"); two say what Russia did.
    passing = "Organisers of the Lakeside summit moved the trade fair because of the host's ties with Russia."
    acting = "Russia threatened Moldova before the Lakeside summit."
    analyses = []
    for n, outlet in enumerate(("Northern Courier", "Harbour Gazette", "Plains Herald")):
        text = f"{passing} {acting}" if n < 2 else passing
        events = [event("CONSULT", text, "Organisers", date="2023-08-14", date_precision="day")]
        if n < 2:
            events.append(event("THREATEN", text, "Russia threatened", actor="Russia", target="Moldova"))
        analyses.append(
            report(
                outlet, "2023-08-14T18:00:00+03:00", f"Lakeside summit plans change ({outlet})", text, *events
            )
        )
    lead = developments(write_brief(stories(tmp_path, [analyses])))[0]
    assert "Russia threatened Moldova" in lead.split("”")[0], lead
