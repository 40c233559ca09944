"""Violent trigger words in their other senses give no attack; in their violent sense they still do.

Every sentence here is written for these tests (general news English, many wordings)."""

from __future__ import annotations

import pytest

import sitroom
from sitroom.model import Event

VIOLENT = ("ASSAULT", "FIGHT")


def events(text: str) -> list[Event]:
    return list(sitroom.analyze(text).events)


def kinds(text: str) -> list[str]:
    return [e.type for e in events(text)]


# A violent word used of deals, records, markets, weather, films, careers, jobs and ailments.
NOT_VIOLENT = (
    "The two carmakers struck a deal to share battery plants in Ohio.",
    "After nine hours the negotiators struck a compromise on fishing quotas.",
    "The governor tried to strike a balance between growth and prices.",
    "Her speech struck a chord with farmers in the south.",
    "A supreme court ruling struck down the ban on street vendors.",
    "Shares in the shipping firm hit an all-time high on Thursday.",
    "The singer shot to fame after a televised talent show.",
    "Food prices shot up by twelve percent in a single month.",
    "The crew shot a documentary about fishermen in Senegal.",
    "The prime minister fired his finance minister on Monday.",
    "Her second film bombed at the box office.",
    "The ministry launched a website where citizens can report potholes.",
    "The central bank will target inflation of two percent next year.",
    "A powerful storm struck the coast on Sunday, cutting power to thousands.",
    "Hurricane Delia struck the island overnight.",
    "Tragedy struck the village when the old dam burst.",
    "Markets were hit by a wave of selling after the announcement.",
    "Parliament killed the bill in a late-night vote.",
    "He suffered a heart attack while jogging in the park.",
    "The striker was carried off after a panic attack before the final.",
    "A lightning strike set the barn on fire.",
    "The army bought forty attack helicopters from Italy.",
    "Riot police guarded the gates of the embassy.",
    "The photographer captured the mood of the crowd in a single picture.",
)


@pytest.mark.parametrize("sentence", NOT_VIOLENT)
def test_a_violent_word_in_another_sense_gives_no_attack(sentence: str) -> None:
    assert [k for k in kinds(sentence) if k in VIOLENT] == []


# The same words in their violent sense, in varied wordings.
VIOLENT_SENTENCES = (
    ("Rebels struck an army base outside the town before dawn.", "ASSAULT"),
    ("Russian missiles struck an apartment block in Dnipro on Saturday.", "ASSAULT"),
    ("Insurgents attacked a police checkpoint on the highway.", "ASSAULT"),
    ("A wave of drone attacks hit Kyiv overnight.", "ASSAULT"),
    ("A band of gunmen shot two guards outside the bank.", "ASSAULT"),
    ("Troops fired on protesters in the capital on Monday.", "FIGHT"),
    ("Militants bombed a bus station in the north.", "ASSAULT"),
    ("Government troops captured the town after a week of fighting.", "FIGHT"),
    ("The army retaliated with artillery on the rebel positions.", "FIGHT"),
    ("A drone hit a fuel depot outside Belgorod.", "ASSAULT"),
)


@pytest.mark.parametrize(("sentence", "kind"), VIOLENT_SENTENCES)
def test_a_violent_word_in_its_violent_sense_still_gives_an_attack(sentence: str, kind: str) -> None:
    assert kind in kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The opposition leader attacked the government's pension plan as reckless.",
        "The senator launched a scathing attack on the new tax bill.",
        "In a blistering attack on the ruling party, the editor called for new elections.",
    ],
)
def test_an_attack_on_an_idea_or_in_words_is_disapproval(sentence: str) -> None:
    found = kinds(sentence)
    assert "DISAPPROVE" in found
    assert [k for k in found if k in VIOLENT] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Bus drivers in the capital went on strike on Monday.",
        "Nurses staged a one-day strike over pay.",
        "The dockers have been on strike for a month.",
    ],
)
def test_a_labour_strike_is_a_protest(sentence: str) -> None:
    found = kinds(sentence)
    assert "PROTEST" in found
    assert [k for k in found if k in VIOLENT] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The next round of talks is scheduled for March.",
        "Talks between the two sides will resume in March, a spokesman said.",
        "The envoys met again on 4 March in Geneva.",
    ],
)
def test_a_month_name_is_a_date_not_a_march(sentence: str) -> None:
    assert [e for e in events(sentence) if e.trigger == "March"] == []


def test_a_protest_march_is_still_a_march() -> None:
    assert "PROTEST" in kinds("Thousands of students marched through the capital to demand new elections.")


@pytest.mark.parametrize(
    ("sentence", "rejector"),
    [
        ("The union rejected the company's offer of a four percent raise.", "rejected"),
        ("The rebels refused an offer of amnesty from the new government.", "refused"),
        ("Kyiv turned down a proposal to hold talks in Minsk.", "turned"),
        ("Lisbon rejected a Spanish offer to host the summit.", "rejected"),
    ],
)
def test_a_rejected_offer_is_one_rejection_not_an_agreement(sentence: str, rejector: str) -> None:
    found = events(sentence)
    assert [e.type for e in found] == ["REJECT"]
    assert found[0].trigger == rejector


def test_an_accepted_offer_is_one_agreement() -> None:
    found = events("The government accepted an offer of mediation from Qatar.")
    assert [e.type for e in found] == ["AGREE"]


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("A car bomb exploded outside the ministry on Tuesday.", "exploded"),
        ("A suicide bomber blew himself up at a wedding in the north.", "blew"),
        ("A roadside bomb killed two soldiers near the border.", "killed"),
    ],
)
def test_a_weapon_noun_is_told_by_the_verb_it_is_an_argument_of(sentence: str, trigger: str) -> None:
    found = [e for e in events(sentence) if e.type in VIOLENT]
    assert [e.trigger for e in found] == [trigger]


def test_a_death_toll_and_a_shooting_incident_still_name_the_happening() -> None:
    assert "ASSAULT" in kinds("Two shooting incidents were reported near the barracks.")
    assert "ASSAULT" in kinds("Officials put the death toll at eleven.")


def test_a_claim_of_responsibility_keeps_the_bombing() -> None:
    assert "ASSAULT" in kinds("The group claimed responsibility for the bombings in the capital.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Police defused a bomb found under a railway bridge.",
        "Investigators said the suicide bomber was identified from fingerprints.",
        "Sappers found two unexploded bombs in the school yard.",
    ],
)
def test_a_bomb_found_or_a_bomber_named_is_no_attack(sentence: str) -> None:
    assert [k for k in kinds(sentence) if k in VIOLENT] == []


def test_a_bomb_that_goes_off_is_the_attack() -> None:
    found = [e for e in events("A bomb went off in a crowded bus station.") if e.type in VIOLENT]
    assert [e.trigger for e in found] == ["bomb"]


def test_capturing_a_suspect_is_an_arrest_not_a_battle() -> None:
    found = kinds("Police captured the suspect near the border after a week-long manhunt.")
    assert "COERCE" in found
    assert [k for k in found if k in VIOLENT] == []


@pytest.mark.parametrize(
    "text",
    [
        "Fourteen villagers died of measles in the district last month.",
        "The retired colonel died of a stroke at his home in Vinnytsia.",
        "Several deaths in the camp were caused by the disease, doctors said.",
    ],
)
def test_a_death_from_illness_is_no_attack(text: str) -> None:
    assert [k for k in kinds(text) if k in VIOLENT] == []


@pytest.mark.parametrize(
    "text",
    [
        "Typhoid has killed 40 children in the camps around Maiduguri this year.",
        "Dengue has killed 300 people in Bangladesh since July.",
        "A bridge collapse killed at least 40 people in Kolkata on Sunday.",
        "Wildfires fanned by strong winds have killed 14 people on the island of Maui.",
        "Heavy snowfall killed 18 people across the mountain provinces this week.",
        "A boiler blast injured six workers at a sugar mill in Uttar Pradesh.",
        "Eight workers died in a methane blast deep inside a coal mine in Zonguldak.",
        "A mudslide swept through a mining camp in Papua, killing 15.",
    ],
)
def test_a_death_whose_doer_or_cause_is_no_attacker_is_no_attack(text: str) -> None:
    assert [k for k in kinds(text) if k in VIOLENT] == []


@pytest.mark.parametrize(
    "text",
    [
        "Four climbers died when an ice bridge collapsed on the glacier above Zermatt.",
        "Three fishermen drowned when their canoe capsized off Mombasa.",
        "Twelve people were killed when a high-rise under construction collapsed in Istanbul.",
        "A night bus from Arequipa plunged off a cliff, killing 31 passengers.",
    ],
)
def test_a_death_in_an_accident_is_no_attack(text: str) -> None:
    assert [k for k in kinds(text) if k in VIOLENT] == []


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Two people died when a Russian drone crashed into an apartment block in Odesa.", 2),
        ("Five soldiers were killed when their armoured car overturned after hitting a mine near Gao.", 5),
    ],
)
def test_a_crash_or_an_overturn_with_a_weapon_in_it_is_still_an_attack(text: str, dead: int) -> None:
    found = [e for e in events(text) if e.type in VIOLENT]
    assert [e.killed.min for e in found if e.killed] == [dead]


@pytest.mark.parametrize(
    "text",
    [
        "A gas explosion wrecked a bakery in Tbilisi, injuring seven people.",
        "A propane cylinder exploded at a wedding hall in Mosul, killing 12 guests.",
        "Eight people died in a gas blast at an apartment block in Baku.",
    ],
)
def test_an_industrial_or_household_blast_is_no_attack(text: str) -> None:
    assert [k for k in kinds(text) if k in VIOLENT] == []


@pytest.mark.parametrize(
    "text",
    [
        "A Russian missile caused a huge explosion at a gas plant near Kharkiv.",
        "Government forces carried out a gas attack on the town, killing dozens.",
    ],
)
def test_a_blast_at_a_gas_plant_or_a_gas_attack_is_still_an_attack(text: str) -> None:
    assert "ASSAULT" in kinds(text)


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("More than 60 people have died in two months of anti-junta protests across the country.", 61),
        ("Nine demonstrators died during protests against the fuel price rise in Lagos.", 9),
    ],
)
def test_a_death_in_unrest_is_no_natural_death(text: str, dead: int) -> None:
    found = [e for e in events(text) if e.type in VIOLENT]
    assert [e.killed.min for e in found if e.killed] == [dead]


def test_a_death_from_illness_beside_a_shelling_keeps_the_shellings_toll() -> None:
    text = "Shelling killed two pensioners in Kherson, and a third died of a heart attack."
    found = [e for e in events(text) if e.type in VIOLENT]
    assert len(found) == 1
    assert found[0].killed is not None and found[0].killed.min == 2


def test_a_death_in_a_collapse_caused_by_a_strike_is_still_the_strikes_toll() -> None:
    found = [e for e in events("Six people were killed in the collapse of a school hit by a rocket in Izium.")
             if e.type in VIOLENT]  # fmt: skip
    assert any(e.killed is not None and e.killed.min == 6 for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "A German tourist was killed on Sunday after being attacked by a bull shark off a beach in Egypt.",
        "A Ukrainian hiker was mauled to death by a brown bear in the Carpathians.",
        "Stray dogs attacked a boy in Odesa.",
    ],
)
def test_an_animals_attack_is_no_war_act(text: str) -> None:
    assert not [e for e in sitroom.analyze(text).events if e.type in ("ASSAULT", "FIGHT")]
