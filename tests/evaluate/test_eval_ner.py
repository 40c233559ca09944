"""NER on WikiEvents entity mentions: which gold mentions are names, typed and untyped F1 per
fixed half, plain spaCy beside sitroom, and the ablation of the entity corrections."""

from __future__ import annotations

import json
from pathlib import Path

from sitroom.evaluate.ablation import ablate, correction_names
from sitroom.evaluate.formats import GoldSpan, SpanDocument, read_wikievents
from sitroom.evaluate.ner import named_mentions, score_ner
from sitroom.model import Mention

TEXT = (
    "Mayor Lena Brandt visited Harlow on Monday.\n"
    "Police said she met officials of the U.S. Navy.\n"
    "She praised the police."
)


def gold(snippet: str, label: str, after: int = 0) -> GoldSpan:
    start = TEXT.index(snippet, after)
    return GoldSpan(start, start + len(snippet), label, snippet)


def mention(snippet: str, kind: str) -> Mention:
    start = TEXT.index(snippet)
    return Mention(snippet, kind, start, start + len(snippet), snippet)


DOCUMENT = SpanDocument(
    "a",
    TEXT,
    names=(
        gold("Mayor", "PER"),  # a title right before the name
        gold("Lena Brandt", "PER"),
        gold("Harlow", "GPE"),
        gold("Police", "PER"),  # capitalised by the sentence only: "police" later
        gold("she", "PER"),
        gold("officials", "PER"),
        gold("U.S", "GPE"),  # inside the longer name, and without its period (WikiEvents tokens)
        gold("U.S. Navy", "ORG"),
        gold("She", "PER"),
        gold("Monday", "TTL"),  # not a type NER is scored on
    ),
)


def test_only_names_of_people_organisations_and_places_are_gold() -> None:
    names = named_mentions(DOCUMENT)
    assert {TEXT[s:e]: kinds for (s, e), kinds in names.names.items()} == {
        "Lena Brandt": {"PER"},
        "Harlow": {"LOC"},
        "U.S. Navy": {"ORG"},
    }
    assert {TEXT[s:e] for s, e in names.neutral} == {"Mayor", "Police", "she", "officials", "U.S", "She"}


def test_typed_and_untyped_f1_per_half_for_sitroom_and_plain_spacy() -> None:
    other = SpanDocument("b", "Ships left Harlow.", names=(GoldSpan(11, 17, "GPE", "Harlow"),))
    ours = [
        mention("Lena Brandt", "PERSON"),
        mention("Harlow", "ORG"),  # the right span, the wrong type
        mention("Police", "ORG"),  # on a span the gold gives no name: counts neither way
        mention("U.S. Navy", "ORG"),
    ]
    score = score_ner([DOCUMENT, other], [ours, []], [[mention("Harlow", "GPE")], []])
    parts = {part.name: part for part in score.parts}
    typed, untyped = parts["ner half A"], parts["ner untyped half A"]
    assert (typed.gold, typed.predicted, typed.correct) == (3, 3, 2)
    assert (untyped.predicted, untyped.correct) == (3, 3)
    assert parts["ner half B"].found == 0 and parts["ner half B"].gold == 1
    assert (parts["spaCy sm ner half A"].predicted, parts["spaCy sm ner half A"].correct) == (1, 1)
    assert {miss.document for miss in score.misses} == {"a"}  # half B is a number only
    rows = {(r["system"], r["half"], r["type"]): r for r in score.tables["wikievents ner by type"]}
    assert rows[("sitroom", "A", "LOC")]["recall"] == 0.0 and rows[("sitroom", "A", "PER")]["f1"] == 1.0


def _record(doc_id: str, sentences: list[list[str]], mentions: list[tuple[int, int, str]]) -> dict:  # type: ignore[type-arg]
    built, offset = [], 0
    for words in sentences:
        tokens = []
        for word in words:
            tokens.append([word, offset, offset + len(word)])
            offset += len(word) + 1
        built.append([tokens, " ".join(words)])
    return {
        "doc_id": doc_id,
        "tokens": [w for words in sentences for w in words],
        "sentences": built,
        "event_mentions": [],
        "entity_mentions": [{"start": s, "end": e, "entity_type": kind} for s, e, kind in mentions],
    }


def test_reader_and_ablation_show_what_a_correction_is_worth(tmp_path: Path) -> None:
    sentences = [
        ["Coach", "Maria", "Ostrova", "praised", "her", "players", "."],
        ["Ostrova", "said", "the", "team", "had", "worked", "hard", "."],
    ]
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(_record("d1", sentences, [(1, 3, "PER"), (7, 8, "PER")])) + "\n")
    (document,) = read_wikievents(path)
    assert [(n.text, n.label) for n in document.names] == [("Maria Ostrova", "PER"), ("Ostrova", "PER")]
    rows = {row.off: row for row in ablate([path])}
    assert list(rows) == ["none", *correction_names()]
    assert rows["none"].ner_f1 == {"A": 1.0, "B": None}
    ner_f1 = rows["surnames"].ner_f1["A"]
    assert ner_f1 is not None and ner_f1 < 1.0  # without it the lone surname is an organisation


def test_conll_counts_a_nationality_word_neither_way_for_sitroom(tmp_path: Path) -> None:
    from sitroom.evaluate import evaluate

    path = tmp_path / "mini.conll"
    tagged = [
        ("German", "B-MISC"),
        ("exporters", "O"),
        ("met", "O"),
        ("in", "O"),
        ("Paris", "B-LOC"),
        (".", "O"),
    ]
    path.write_text("-DOCSTART- -X- -X- O\n\n" + "".join(f"{w} {t}\n" for w, t in tagged))
    (ner, *_) = evaluate([path]).parts
    assert (ner.gold, ner.predicted, ner.correct) == (1, 1, 1)
