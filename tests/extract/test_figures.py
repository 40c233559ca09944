"""Casualty and money figures: each written form and its bounds."""

from __future__ import annotations

import pytest

from sitroom.extract.figures import casualties, cumulative_casualties, money_amounts, parse_number
from sitroom.model import Bounds, Money


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Shelling killed at least four civilians.", Bounds(4, None)),
        ("Forty-two people were killed.", Bounds(42, 42)),
        ("More than 20 soldiers were killed in the raid.", Bounds(21, None)),
        ("Dozens were killed when the market was hit.", Bounds(24, None)),
        ("Up to 30 people were killed.", Bounds(None, 30)),
        ("The death toll rose to 12 on Friday.", Bounds(12, 12)),
        ("Four people were killed in the strike.", Bounds(4, 4)),
        ("The blast left 12 dead.", Bounds(12, 12)),
        ("causing the deaths of at least four shoppers", Bounds(4, None)),
        ("Two children were among the dead.", Bounds(2, None)),
    ],
)
def test_killed_counts_keep_their_bounds(text: str, killed: Bounds) -> None:
    assert casualties(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("61 wounded were taken to hospital.", Bounds(61, 61)),
        ("At least 61 people were injured.", Bounds(61, None)),
        ("Nine were hurt.", Bounds(9, 9)),
        ("injuring forty-two others", Bounds(42, 42)),
    ],
)
def test_injured_counts_keep_their_bounds(text: str, injured: Bounds) -> None:
    assert casualties(text)[1] == injured


def test_killing_and_injuring_in_one_phrase_give_both_counts() -> None:
    assert casualties("The missile hit a bus, killing two and injuring 22.") == (Bounds(2, 2), Bounds(22, 22))


def test_a_sentence_without_casualties_gives_none() -> None:
    assert casualties("Four ministers met in Brussels.") == (None, None)


def test_number_words_are_read() -> None:
    assert [parse_number(w) for w in ("forty-two", "seven", "1,200", "a dozen")] == [42, 7, 1200, 12]


def test_dollar_amount_with_scale() -> None:
    assert [m.money for m in money_amounts("a fresh aid package of $80 million")] == [Money(8e7, "USD", 8e7)]


def test_the_equivalent_of_a_billion_dollars() -> None:
    found = money_amounts("gave the militia the equivalent of a billion dollars")
    assert [m.money for m in found] == [Money(1e9, "USD", 1e9)]


def test_bracketed_dollar_value_sets_usd_of_other_currency() -> None:
    found = money_amounts("The budget set aside 86 billion roubles ($1 billion) for the group.")
    assert [m.money for m in found] == [Money(86e9, "RUB", 1e9)]


def test_an_additional_billion_takes_the_previous_currency() -> None:
    assert [m.money for m in money_amounts("An additional billion went to the company.", "USD")] == [
        Money(1e9, "USD", 1e9)
    ]


def test_an_additional_billion_without_any_currency_is_not_money() -> None:
    assert money_amounts("An additional billion went to the company.") == []


def test_euro_shorthand() -> None:
    assert [m.money for m in money_amounts("The EU pledged €2.5bn.")] == [Money(2.5e9, "EUR", None)]


def test_money_spans_point_into_the_text() -> None:
    text = "Washington sent $300 million in aid."
    (found,) = money_amounts(text)
    assert text[found.start : found.end] == "$300 million"


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Ten people, including three children, were killed and 61 wounded in the strike.",
            (10, 10),
            (61, 61),
        ),
        ("At least eight people, three of them children, were killed when a shell hit.", (8, None), None),
        ("The death toll from Sunday's drone attack on the port has risen to 12.", (12, 12), None),
        ("Port toll climbs to 9 after drone attack", (9, 9), None),
        ("bringing the number of people killed in the raid to 13, officials said.", (13, 13), None),
        ("Six killed in overnight shelling of the market", (6, 6), None),
        ("Two of the soldiers killed were brothers.", None, None),
        ("A bombing in March 2019 killed more than 30 civilians.", (31, None), None),
    ],
)
def test_casualties_in_wire_copy_phrasing(
    text: str, killed: tuple[int | None, int | None] | None, injured: tuple[int | None, int | None] | None
) -> None:
    found_killed, found_injured = casualties(text)
    assert ((found_killed.min, found_killed.max) if found_killed else None) == killed
    assert ((found_injured.min, found_injured.max) if found_injured else None) == injured


def test_a_running_total_of_the_war_is_no_toll_but_a_cumulative_figure() -> None:
    text = "Shelling killed two farmers on Sunday, while 1,200 civilians have died here since the invasion."
    assert casualties(text) == (Bounds(2, 2), None)
    assert cumulative_casualties(text) == (Bounds(1200, 1200), None)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Monitors say that during the 19-month war, 300 teachers have been killed.", Bounds(300, 300), None),
        ("During war 64 aid workers have died in the country, the charity says.", Bounds(64, 64), None),
        ("The conflict, which began in 2022, has killed over 8,000 civilians.", Bounds(8001, None), None),
        ("Throughout the invasion, 40 journalists have been wounded.", None, Bounds(40, 40)),
        ("Since war broke out, 2,100 firefighters have been injured on duty.", None, Bounds(2100, 2100)),
    ],
)
def test_a_count_over_the_whole_war_is_cumulative(
    text: str, killed: Bounds | None, injured: Bounds | None
) -> None:
    assert casualties(text) == (None, None)
    assert cumulative_casualties(text) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "A strike during the night killed 9 people in Kharkiv.",
        "The bloodiest attack of the war killed 31 people at a railway station.",
        "During a visit to the front, the general said shelling had killed 3 soldiers.",
    ],
)
def test_a_toll_told_beside_the_war_stays_a_toll(text: str) -> None:
    toll, _ = casualties(text)
    assert toll is not None and toll.min is not None and toll.min < 40
    assert cumulative_casualties(text) == (None, None)


def test_a_deadliest_since_remark_does_not_make_a_toll_cumulative() -> None:
    text = "The blast killed nine people, the deadliest attack on the town since the invasion began."
    assert casualties(text) == (Bounds(9, 9), None)
    assert cumulative_casualties(text) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "money"),
    [
        ("Canada announced a $3.4-billion package of air-defence systems.", Money(3.4e9, "USD", 3.4e9)),
        ("Brussels approved a €750-million loan to Moldova.", Money(7.5e8, "EUR", None)),
        ("Tokyo set aside $450m for reconstruction in Kherson.", Money(4.5e8, "USD", 4.5e8)),
        ("The fund will receive 2.7bn pounds over three years.", Money(2.7e9, "GBP", None)),
        ("Warsaw signed a 60-million-euro contract for shells.", Money(6e7, "EUR", None)),
        ("Oslo pledged $1.8 bln in grants.", Money(1.8e9, "USD", 1.8e9)),
    ],
)
def test_amount_with_hyphenated_or_short_scale_word_is_scaled(sentence: str, money: Money) -> None:
    assert [m.money for m in money_amounts(sentence)] == [money]


def test_amount_written_with_symbol_and_currency_word_is_one_amount() -> None:
    found = money_amounts("Seoul agreed a $1.2-billion-dollar credit line with Kyiv.")
    assert [m.money for m in found] == [Money(1.2e9, "USD", 1.2e9)]


def test_hyphenated_score_is_no_money() -> None:
    assert money_amounts("Shakhtar won 3-1 against a team from Lviv.") == []


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Seven miners are now known to have been killed in the shelling of Toretsk.", Bounds(7, 7), None),
        ("At least 12 people are believed to have died when rockets hit the bazaar.", Bounds(12, None), None),
        ("Two border guards are feared dead after the drone attack.", Bounds(2, 2), None),
        ("Nine villagers were reported wounded by cluster munitions.", None, Bounds(9, 9)),
        ("Three medics were confirmed dead and 20 were reported hurt.", Bounds(3, 3), Bounds(20, 20)),
    ],
)
def test_a_count_told_through_what_is_known_or_said_of_it(
    text: str, killed: Bounds | None, injured: Bounds | None
) -> None:
    assert casualties(text) == (killed, injured)


def test_a_reported_count_of_something_else_is_no_toll() -> None:
    assert casualties("Four drones are believed to have been launched from the sea.") == (None, None)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Eleven sailors lost their lives when the boat was shelled.", Bounds(11, 11), None),
        ("Two volunteers and a dozen more were hurt in the blast.", None, Bounds(12, 12)),
        ("Fourteen passengers suffered injuries in the drone strike.", None, Bounds(14, 14)),
        ("Soldiers shot dead five men at the checkpoint.", Bounds(5, 5), None),
        ("Rescuers recovered the bodies of six residents from the ruins.", Bounds(6, 6), None),
        ("The strike killed a 70-year-old woman in her garden.", Bounds(1, 1), None),
    ],
)
def test_deaths_and_injuries_told_in_idioms_are_counted(
    text: str, killed: Bounds | None, injured: Bounds | None
) -> None:
    assert casualties(text) == (killed, injured)
