"""The event-type classifier: shipped model, clear sentences, hard negatives, the pipeline stage, training."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from spacy.pipeline import TextCategorizer

import sitroom
from sitroom.extract.classify import MODEL_DIR, NONE, load_classifier, sentence_types
from sitroom.model import PLOVER_TYPES, Event

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "training" / "event_types.jsonl"


def best(text: str) -> str:
    scores = sentence_types([text])[0]
    return max(scores, key=lambda k: scores[k])


def classifier_events(text: str) -> list[Event]:
    return [e for e in sitroom.analyze(text).events if (e.rule or "").startswith("classifier:")]


def test_model_ships_in_the_package_and_loads_offline() -> None:
    assert MODEL_DIR.is_relative_to(Path(sitroom.__file__).parent)
    classifier = load_classifier()
    textcat = classifier.nlp.get_pipe("textcat")
    assert isinstance(textcat, TextCategorizer)
    labels = set(textcat.labels)
    assert NONE in labels
    assert labels - {NONE} <= set(PLOVER_TYPES)
    assert 0.0 < classifier.threshold < 1.0
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 8 * 1024 * 1024


# Sentences written for this test, in wordings that are not in the training corpus.
CLEAR = [
    ("Kyrgyz and Tajik border guards traded fire for hours along the disputed frontier.", "FIGHT"),
    ("Lawyers and judges marched to the supreme court in Islamabad to denounce the amendment.", "PROTEST"),
    ("Ghana has expelled the envoy of Burkina Faso and shut its consulate.", "SANCTION"),
    ("Belarus moved additional armoured brigades to its frontier with Lithuania.", "MOBILIZE"),
    ("Botswana's president held talks with his Namibian counterpart in Gaborone.", "CONSULT"),
    ("Officials in Dhaka launched a probe into the fire at the garment factory.", "INVESTIGATE"),
]


@pytest.mark.parametrize(("text", "kind"), CLEAR)
def test_clear_sentences_get_their_type(text: str, kind: str) -> None:
    assert text not in CORPUS.read_text(encoding="utf-8")
    assert best(text) == kind


HARD_NEGATIVES = [
    "The central bank's latest attack on inflation pushed mortgage rates to a ten-year high.",
    "Liverpool thrashed Everton 5-1 in the derby on Saturday.",
    "The exhibition in Gdansk recalls the 1939 invasion and the years of occupation that followed.",
    "Forecasters expect a cold front to sweep across the Andes by the weekend.",
    "Shares of the shipping group jumped after it raised its profit forecast.",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_get_no_classifier_event(text: str) -> None:
    assert classifier_events(text) == []


# Deaths with and without an attacker, written for this test in wordings not in the training corpus.
ACCIDENTAL_DEATHS = [
    "Seventeen gold panners were killed when the walls of an illegal pit gave in near Kenieba.",
    "A wooden pedestrian bridge over the Mahanadi snapped, killing 23 festival-goers.",
    "A night bus from Arequipa plunged off a cliff, killing 31 passengers.",
    "Eight workers died in a methane blast deep inside a coal mine in Zonguldak.",
    "Wildfires fanned by strong winds have killed 14 people on the island of Maui.",
    "Cholera has killed more than 200 people in Malawi since January.",
    "The ambassador died of pneumonia in a hospital in Vienna.",
]
DEATHS_IN_ATTACKS = [
    "A militia ambush on a convoy near Kidal killed nine soldiers.",
    "A suicide bomber killed 12 worshippers at a mosque in Peshawar.",
    "Gunmen shot dead five fishermen on the shore of Lake Chad.",
    "An air strike on a fuel depot near Marib killed three guards.",
]


@pytest.mark.parametrize("text", ACCIDENTAL_DEATHS)
def test_a_death_without_an_attacker_is_no_event_type(text: str) -> None:
    assert text not in CORPUS.read_text(encoding="utf-8")
    assert best(text) == NONE


@pytest.mark.parametrize("text", DEATHS_IN_ATTACKS)
def test_a_death_in_an_attack_is_an_assault(text: str) -> None:
    assert text not in CORPUS.read_text(encoding="utf-8")
    assert best(text) == "ASSAULT"


def test_a_sentence_without_a_trigger_gets_a_classifier_event_on_its_main_verb() -> None:
    text = "Kenya flew tents and water purifiers to flood victims in Garissa."  # no trigger: "fly"
    events = classifier_events(text)
    assert [e.type for e in events] == ["AID"]
    event = events[0]
    assert event.trigger == "flew"
    assert event.actor == "Kenya"
    assert event.evidence.text == text
    assert event.rule is not None and float(event.rule.split(":")[1]) >= load_classifier().threshold


def _training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_event_classifier", ROOT / "scripts" / "train_event_classifier.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_is_reproducible_with_a_seed() -> None:
    train = _training_script()
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()][::12]
    train.parse(rows)
    labels = sorted({r["label"] for r in rows})
    probe = rows[:30]
    first = train.predict(train.train(rows, labels, seed=3, arch="bow", epochs=2), probe)
    second = train.predict(train.train(rows, labels, seed=3, arch="bow", epochs=2), probe)
    assert first == second
    assert len({label for label, _ in first}) > 1


def test_where_triggers_disagree_the_classifier_picks_the_main_event_and_keeps_the_others() -> None:
    text = "After the attack on the convoy, Kenya condemned Somalia."
    events = sitroom.analyze(text).events
    assert [e.type for e in events] == ["DISAPPROVE", "ASSAULT"]
    assert events[0].trigger == "condemned"
