"""Readers of gold formats: seed JSON, PLOVER records, CoNLL-2003 and WikiEvents, and detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.evaluate.formats import detect_format, read_conll, read_plover, read_seed, read_wikievents

CONLL_IOB1 = """-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- O O

New NNP I-NP I-LOC
York NNP I-NP I-LOC
Paris NNP I-NP B-LOC
"""

CONLL_IOB2 = CONLL_IOB1.replace("I-ORG", "B-ORG").replace("I-MISC", "B-MISC")
CONLL_IOB2 = CONLL_IOB2.replace("Peter NNP I-NP I-PER", "Peter NNP I-NP B-PER")
CONLL_IOB2 = CONLL_IOB2.replace("New NNP I-NP I-LOC", "New NNP I-NP B-LOC")


@pytest.mark.parametrize("content", [CONLL_IOB1, CONLL_IOB2], ids=["iob1", "iob2"])
def test_conll_documents_rebuild_text_and_spans(tmp_path: Path, content: str) -> None:
    path = tmp_path / "ner.conll"
    path.write_text(content)
    first, second = read_conll(path)
    assert first.text == "EU rejects German call .\nPeter Blackburn"
    assert [(s.label, s.text) for s in first.spans] == [
        ("ORG", "EU"),
        ("MISC", "German"),
        ("PER", "Peter Blackburn"),
    ]
    assert all(first.text[s.start : s.end] == s.text for s in first.spans)
    assert second.text == "New York Paris"
    assert [(s.label, s.text) for s in second.spans] == [("LOC", "New York"), ("LOC", "Paris")]
    assert detect_format(path) == "conll"


def test_plover_reader_skips_the_document_header(tmp_path: Path) -> None:
    records = [
        {"id": "H", "event": "DOCUMENT", "eventText": "header"},
        {
            "id": "A1",
            "event": "ASSAULT",
            "eventText": "attacked",
            "text": "Rebels attacked a camp, killing 12.",
            "source": [{"actorText": "Rebels", "code": "REB"}],
            "target": [{"actorText": "camp"}],
            "dead": "12",
        },
        {"id": "R1", "event": "REJECT", "eventText": "Rejected", "text": "Iran rejected the offer.",
         "source": [{"actorText": "Iran"}], "target": "diplomatic"},
    ]  # fmt: skip
    path = tmp_path / "gsr.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    first, second = read_plover(path)
    assert (first.id, first.event, first.event_words, first.sources, first.targets) == (
        "A1", "ASSAULT", ("attacked",), ("Rebels",), ("camp",)
    )  # fmt: skip
    assert (first.dead, first.injured) == (12, None)
    assert (second.event_words, second.targets) == (("rejected",), ())
    assert detect_format(path) == "plover"


def test_wikievents_reader_puts_triggers_on_the_rebuilt_text(tmp_path: Path) -> None:
    record = {
        "doc_id": "d1",
        "tokens": ["Bomb", "kills", "two", "Police", "said", "."],
        "text": "Bomb kills twoPolice said.",
        "sentences": [
            [[["Bomb", 0, 4], ["kills", 5, 10], ["two", 11, 14]], "Bomb kills two"],
            [[["Police", 14, 20], ["said", 21, 25], [".", 25, 26]], "Police said."],
        ],
        "entity_mentions": [],
        "event_mentions": [
            {
                "id": "E1",
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "kills"},
            },
            {"id": "E2", "event_type": "Contact.Contact.Broadcast", "trigger": {"start": 4, "end": 5}},
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n")
    (document,) = read_wikievents(path)
    assert document.text == "Bomb kills two\nPolice said."
    assert [(s.label, s.text) for s in document.spans] == [
        ("Life.Die.Unspecified", "kills"),
        ("Contact.Contact.Broadcast", "said"),
    ]
    assert detect_format(path) == "wikievents"


def test_seed_gold_reads_its_document_relative_to_the_gold_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Putin spoke.")
    gold = {
        "document": "../docs/a.txt",
        "published": "2023-06-30",
        "entities": [{"name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"]}],
        "events": [{"id": "E1", "type": "CONSULT", "evidence": "Putin spoke", "optional": True}],
    }
    (tmp_path / "gold").mkdir()
    path = tmp_path / "gold" / "a.gold.json"
    path.write_text(json.dumps(gold))
    (seed,) = read_seed(tmp_path / "gold")
    assert seed.text == "Putin spoke."
    assert seed.entities[0].aliases == ("Putin",)
    assert (seed.events[0].id, seed.events[0].fields, seed.events[0].optional) == (
        "E1",
        {"type": "CONSULT"},
        True,
    )
    assert seed.published is not None and seed.published.year == 2023
    assert detect_format(path) == "seed"
    assert detect_format(tmp_path / "gold") == "seed"


def test_unknown_format_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some prose, not gold data\n")
    with pytest.raises(InputError, match=r"notes\.txt: cannot tell its gold format"):
        detect_format(path)


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gsr.jsonl"
    path.write_text('{"event": "AGREE", "text": "x"}\n{oops\n')
    with pytest.raises(InputError, match=r"gsr.jsonl:2: not valid JSON"):
        read_plover(path)
