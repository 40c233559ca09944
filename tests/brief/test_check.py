"""The checker accepts sentences backed by their evidence and rejects invented numbers and names."""

from __future__ import annotations

from sitroom.brief.check import check_sentence, names_in, numbers_in

EVIDENCE = [
    "A missile attack hit a shopping street in Kramatorsk, causing the deaths of at least four shoppers "
    "and injuring forty-two others.",
    "The US has unveiled an aid package worth $500 million for Ukraine.",
    "The Wagner Group was reportedly paid about a billion dollars by the Russian government.",
]


def rules_broken(sentence: str, evidence: list[str] = EVIDENCE, **kwargs: object) -> list[str]:
    return [v.rule for v in check_sentence(sentence, evidence, **kwargs)]  # type: ignore[arg-type]


def test_sentence_with_its_numbers_in_digits_and_names_from_evidence_is_accepted() -> None:
    assert rules_broken("An attack on Kramatorsk left at least 4 killed and 42 injured [1].") == []


def test_money_written_differently_from_the_evidence_is_accepted() -> None:
    assert rules_broken("The US pledged 500 million dollars to Ukraine [2].") == []
    assert rules_broken("The Russian government paid the Wagner Group $1 billion [3].") == []


def test_digits_in_evidence_match_number_words_in_the_sentence() -> None:
    assert (
        rules_broken("Ukraine received five hundred million dollars [1].", ["Ukraine got $500 million."])
        == []
    )


def test_invented_number_is_rejected() -> None:
    assert rules_broken("An attack on Kramatorsk left at least 7 killed [1].") == ["number"]
    assert rules_broken("The US pledged $600 million to Ukraine [2].") == ["number"]


def test_invented_name_is_rejected() -> None:
    assert rules_broken("Igor Sechin attacked Kramatorsk [1].") == ["name"]
    assert rules_broken("The Wagner Group was paid by Belarus [3].") == ["name"]


def test_sentence_without_citation_is_rejected() -> None:
    assert rules_broken("The US pledged $500 million to Ukraine.", EVIDENCE[1:2]) == ["citation"]
    assert rules_broken("The US pledged $500 million to Ukraine [1].", [])[0] == "citation"


def test_name_found_through_a_stored_alias_is_accepted() -> None:
    aliases = {"united states": ["United States", "US"]}
    assert rules_broken("The United States pledged aid to Ukraine [2].", aliases=aliases) == []
    assert rules_broken("The United States pledged aid to Ukraine [2].") == ["name"]


def test_outlet_of_a_cited_document_may_be_named() -> None:
    sentence = "Kyiv Ledger reported at least 4 killed in Kramatorsk [1]."
    assert rules_broken(sentence, outlets=["Kyiv Ledger"]) == []
    assert rules_broken(sentence) == ["name"]


def test_numbers_are_read_in_words_digits_and_scales() -> None:
    assert numbers_in("forty-two injured, at least four dead") == {42, 4}
    assert numbers_in("a billion dollars and $500 million") >= {1_000_000_000, 500_000_000}
    assert numbers_in("1,200 troops and 4.5bn roubles") >= {1200, 4_500_000_000}
    assert numbers_in("someone at one point") == {1}


def test_names_skip_the_sentence_opener_and_split_possessives() -> None:
    assert names_in("According to The Telegraph, Yevgeny Prigozhin’s Concord was paid [1].") == [
        "The Telegraph",
        "Yevgeny Prigozhin",
        "Concord",
    ]
    assert names_in("Denied by President Putin: “these stories are rumours” [4].") == ["President Putin"]


def test_a_day_is_accepted_when_the_evidence_gives_it_as_a_weekday_of_its_publication() -> None:
    from datetime import UTC, datetime

    evidence = ["A drone struck a block of flats in Sumy on Sunday, the mayor told reporters."]
    monday = [datetime(2024, 3, 11, 9, 0, tzinfo=UTC)]  # that Sunday was 10 March
    assert rules_broken("On 10 March, a drone struck Sumy [1].", evidence, published=monday) == []
    assert rules_broken("On 9 March, a drone struck Sumy [1].", evidence, published=monday) == ["date"]
    # Without the publication date the weekday cannot be resolved: the day is not traceable.
    assert rules_broken("On 10 March, a drone struck Sumy [1].", evidence) == ["date"]


def test_a_publication_day_may_only_date_when_something_was_reported() -> None:
    from datetime import UTC, datetime

    evidence = ["Officials in Odesa said a grain terminal was hit."]
    published = [datetime(2024, 5, 2, 7, 30, tzinfo=UTC)]
    reported = "First reported on 2 May: a grain terminal was hit in Odesa [1]."
    assert rules_broken(reported, evidence, published=published) == []
    dated = "On 2 May, a grain terminal was hit in Odesa [1]."
    assert rules_broken(dated, evidence, published=published) == ["date"]
