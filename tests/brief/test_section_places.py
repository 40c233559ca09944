"""Each section of a brief earns its place: money says how much or on what, people say with whom
or where, contested claims are real denials and doubts about someone, and a name before a noun
loses the noun's article ("the Harlow administration" names Harlow)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from brief_corpus import document, evidence, section_lines
from sqlalchemy import Engine, update

from sitroom.brief import write_brief
from sitroom.brief.compose import surface
from sitroom.brief.facts import Name
from sitroom.model import Analysis, Claim, Entity, Event, Money, Role
from sitroom.store import schema as t
from sitroom.store.write import now

RUSSIA = Entity("Russia", "GPE", country="RU")
UKRAINE = Entity("Ukraine", "GPE", country="UA")
NORWAY = Entity("Norway", "GPE", country="NO")
HARLOW = Entity("Harlow", "ORG", country="US")
LUND = Entity("Ingrid Lund", "PERSON", country="NO", aliases=("Lund",))
ENTITIES = (RUSSIA, UKRAINE, NORWAY, HARLOW, LUND)


def report(
    outlet: str, text: str, events: tuple[Event, ...] = (), claims: tuple[Claim, ...] = ()
) -> Analysis:
    return Analysis(
        document(text, outlet, "2023-10-02T12:00:00+00:00", f"Norway and Ukraine ({outlet})"),
        entities=ENTITIES,
        events=events,
        claims=claims,
        extractor_version="test",
    )


def test_aid_without_an_amount_is_left_out_of_money(make_store: Callable[[list[Analysis]], Engine]) -> None:
    vague = "Norway gave aid to Ukraine on Monday."
    counted = "Norway pledged 250 million dollars in aid to Ukraine on Monday."
    brief = write_brief(
        make_store(
            [
                report(
                    "Northern Courier",
                    vague,
                    (
                        Event(
                            "AID", evidence(vague, "Norway"), actor="Norway", target="Ukraine", trigger="aid"
                        ),
                    ),
                ),
                report(
                    "Harbour Gazette",
                    counted,
                    (
                        Event(
                            "AID",
                            evidence(counted, "Norway"),
                            actor="Norway",
                            target="Ukraine",
                            trigger="aid",
                            money=Money(250_000_000, "USD", 250_000_000),
                        ),
                    ),
                ),
            ]
        )
    )
    money = section_lines(brief, "money")
    assert any("$250 million" in s for s in money), money
    assert not any(s.startswith("Norway gave aid") for s in money), money


def test_what_was_sanctioned_stops_where_the_sentence_turns(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    text = (
        "Norway imposed sanctions on three Russian shipping firms, as ministers argued over how to enforce "
        "the rules."
    )
    brief = write_brief(
        make_store(
            [
                report(
                    "Northern Courier",
                    text,
                    (
                        Event(
                            "SANCTION",
                            evidence(text, "Norway"),
                            actor="Norway",
                            target="Russia",
                            trigger="sanctions",
                        ),
                    ),
                )
            ]
        )
    )
    assert section_lines(brief, "money") == ["Norway imposed sanctions on three Russian shipping firms ."], (
        brief.markdown
    )


def test_a_bare_act_is_not_what_a_person_did(make_store: Callable[[list[Analysis]], Engine]) -> None:
    analyses = []
    for outlet in ("Northern Courier", "Harbour Gazette"):
        text = f"Ingrid Lund, the foreign minister of Norway, held talks on Monday, {outlet} said."
        span = evidence(text, "Ingrid")
        analysis = report(outlet, text, (Event("CONSULT", span, actor="Ingrid Lund", trigger="talks"),))
        role = Role("Ingrid Lund", "foreign minister of Norway", "Norway", span)
        analyses.append(replace(analysis, roles=(role,)))
    engine = make_store(analyses)
    with engine.begin() as conn:  # both reports in one story, as resolution would group them
        made = conn.execute(
            t.stories.insert().values(type="CONSULT", title="Talks", date="2023-10-02", updated_at=now())
        ).inserted_primary_key
        assert made is not None
        conn.execute(update(t.events).values(story_id=made[0]))
    people = section_lines(write_brief(engine), "people")
    assert any(s.startswith("Ingrid Lund is described as foreign minister of Norway") for s in people), people
    assert not any("held talks" in s for s in people), people


def test_contested_claims_are_denials_and_doubts_about_someone(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    text = (
        "Russia could have moved the missiles before the talks, Norwegian officials said. "
        "It was probably past midnight when the sirens stopped. "
        "Which remains unclear. "
        "The ferry did not sail on Monday. "
        "The flooding around Lysa is likely to last for weeks. "
        "Norway was denied a seat on the grain council."
    )
    claims = (
        Claim(
            "Russia could have moved the missiles before the talks", "speculated", evidence(text, "Russia")
        ),
        Claim("It was probably past midnight when the sirens stopped", "believed", evidence(text, "It was")),
        Claim("Which remains unclear", "uncertain", evidence(text, "Which")),
        Claim("it is unclear who moved them", "uncertain", evidence(text, "It was"), about="Russia"),
        Claim(
            "The ferry did not sail on Monday", "reported", evidence(text, "The ferry"), polarity="negative"
        ),
        # A forecast and a refusal contest nothing either.
        Claim(
            "The flooding around Lysa is likely to last for weeks", "believed", evidence(text, "The flooding")
        ),
        Claim("Norway was denied a seat on the grain council", "denied", evidence(text, "Norway was")),
    )
    brief = write_brief(make_store([report("Northern Courier", text, claims=claims)]))
    contested = section_lines(brief, "claims")
    assert contested == ["Speculation: “Russia could have moved the missiles before the talks” ."], contested


def test_a_name_before_a_noun_loses_the_nouns_article() -> None:
    harlow = Name(1, "Harlow", "ORG")
    assert surface(harlow, "The Harlow administration imposed new sanctions on Monday.") == "Harlow"
    kremlin = Name(2, "Kremlin", "ORG")
    assert surface(kremlin, "Later the Kremlin said the talks had ended.") == "the Kremlin"


def test_a_former_title_stays_former_and_a_bare_rank_is_left_out(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    text = (
        "The former foreign minister of Norway, Ingrid Lund, said on Monday that Ukraine needed more air "
        "defence. Colonel Per Holm added that the winter would be hard."
    )
    holm = Entity("Per Holm", "PERSON", country="NO")
    analysis = Analysis(
        document(text, "Northern Courier", "2023-10-02T12:00:00+00:00", "Lund on air defence"),
        entities=(*ENTITIES, holm),
        events=(
            Event(
                "REQUEST", evidence(text, "The former"), actor="Ingrid Lund", target="Ukraine", trigger="x"
            ),
        ),
        roles=(
            Role("Ingrid Lund", "foreign minister of Norway", "Norway", evidence(text, "The former")),
            Role("Per Holm", "Colonel", None, evidence(text, "Colonel")),
        ),
        extractor_version="test",
    )
    people = section_lines(write_brief(make_store([analysis])), "people")
    assert any(s.startswith("Ingrid Lund is described as former foreign minister") for s in people), people
    assert not any("Per Holm is described as Colonel" in s for s in people), people


def test_a_title_is_written_as_its_evidence_writes_it(make_store: Callable[[list[Analysis]], Engine]) -> None:
    # The extraction gives "Prime Minister of Estonia"; the sentence says "Estonian Prime Minister".
    text = "Estonian Prime Minister Ingrid Lund said on Monday that Ukraine needed more air defence."
    span = evidence(text, "Estonian")
    estonia = Entity("Estonia", "GPE", country="EE", aliases=("Estonian",))  # as the gazetteer knows it
    analysis = Analysis(
        document(text, "Northern Courier", "2023-10-02T12:00:00+00:00", "Lund on air defence"),
        entities=(RUSSIA, UKRAINE, estonia, LUND),
        events=(Event("REQUEST", span, actor="Ingrid Lund", target="Ukraine", trigger="x"),),
        roles=(Role("Ingrid Lund", "Prime Minister of Estonia", "Estonia", span),),
        extractor_version="test",
    )
    brief = write_brief(make_store([analysis]))
    people = section_lines(brief, "people")
    assert "Ingrid Lund is described as the Estonian Prime Minister ." in people, (people, brief.withheld)
