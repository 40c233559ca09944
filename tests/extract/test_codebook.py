"""The codebook-wide trigger lexicon: every CAMEO code covered, every entry live and firing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitroom.extract.events.lexicon import LEXICONS as TRIGGER_LEXICONS
from sitroom.extract.events.lexicon import load_triggers
from sitroom.extract.pipeline import analyze_documents
from sitroom.lexicons import load_lexicon
from sitroom.model import Document

CAMEO2PLOVER = Path(__file__).parents[2] / ".." / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
# Types of a conflict event: what a non-violent sense of a trigger word must never give.
CONFLICT = ("ASSAULT", "FIGHT", "COERCE", "THREATEN", "MOBILIZE")


def codebook() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = load_lexicon("codebook.yaml")["triggers"]
    return entries


def table_codes() -> set[str]:
    """The CAMEO codes of the CAMEO2PLOVER table ("0311: AGREE, , economic # ...")."""
    codes = set()
    for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines():
        code, colon, _ = line.partition(":")
        if colon and code.strip().isdigit():
            codes.add(code.strip())
    return codes


def rule_prefix(entry: dict[str, Any]) -> str:
    with_ = entry.get("with")
    return f"{entry['lemma']}+{with_[0]}" if with_ else entry["lemma"]


def test_the_table_is_read_whole() -> None:
    codes = table_codes()
    assert len(codes) == 274  # 276 lines; "08" and "175" appear twice
    assert {"03", "0311", "1385", "175", "201", "2042"} <= codes


def test_every_cameo_code_of_the_table_has_an_entry() -> None:
    covered = {str(entry["cameo"]) for entry in codebook()}
    assert sorted(table_codes() - covered) == []


def test_every_entry_is_valid_and_loaded() -> None:
    entries = codebook()
    loaded = {(t.lemma, t.cameo, t.with_) for lemma in load_triggers().values() for t in lemma}
    known = table_codes()
    for entry in entries:
        assert entry.get("example"), entry
        assert str(entry["cameo"]) in known or str(entry["cameo"]).startswith("02"), entry
        assert (entry["lemma"], str(entry["cameo"]), tuple(entry.get("with", ()))) in loaded
    keys = [
        (e["lemma"], tuple(e["pos"]), tuple(e.get("with", ())), tuple(e.get("not_with", ()))) for e in entries
    ]
    assert len(keys) == len(set(keys))  # a repeated entry is never reached


def test_no_entry_is_shadowed_by_an_unconditional_entry_of_triggers_yaml() -> None:
    assert TRIGGER_LEXICONS == ("triggers.yaml", "codebook.yaml")
    conditions = ("with", "not_with", "negated_only", "money_subject", "complement_aux")
    unconditional = {
        (raw["lemma"], pos)
        for raw in load_lexicon("triggers.yaml")["triggers"]
        if not any(raw.get(c) for c in conditions)
        for pos in raw["pos"]
    }
    shadowed = [
        (e["lemma"], pos) for e in codebook() for pos in e["pos"] if (e["lemma"], pos) in unconditional
    ]
    assert shadowed == []


@pytest.fixture(scope="module")
def example_events() -> dict[str, list[tuple[str, str]]]:
    """(type, rule) of every event of every example sentence, by sentence, with the events merged into
    the happening they are part of ("police dispersed the protesters": the dispersal, kept inside the
    protest it broke up)."""
    sentences = sorted({e["example"] for e in codebook()} | set(HARD_NEGATIVES))
    documents = [Document.from_text(s) for s in sentences]
    return {
        sentence: [
            (part.type, (part.rule or "").split(":")[0])
            for event in analysis.events
            for part in (event, *event.merged)
        ]
        for sentence, analysis in zip(sentences, analyze_documents(documents, batch_size=64), strict=True)
    }


def test_every_example_gives_an_event_of_its_type_from_its_lemma(
    example_events: dict[str, list[tuple[str, str]]],
) -> None:
    missing = [
        (entry["example"], entry["type"], rule_prefix(entry), example_events[entry["example"]])
        for entry in codebook()
        if not any(
            kind == entry["type"] and rule.split("+")[0] == entry["lemma"]
            for kind, rule in example_events[entry["example"]]
        )
    ]
    assert missing == []


# Sentences of our own where a trigger word is used in a sense that is no conflict.
HARD_NEGATIVES = (
    "Shares hit a record high on Wall Street.",
    "The home side beat their rivals in the final.",
    "The company launched a weather satellite into orbit.",
    "The prices fell to their lowest level in a decade.",
    "The striker kicked the ball into the net.",
    "The firm executed the plan ahead of schedule.",
    "The minister faced a barrage of criticism in parliament.",
    "Protesters slammed the door of the town hall.",
    "Analysts expect the dollar to advance against the euro.",
    "The coach engaged the fans with a speech.",
    "Stock markets rallied after the rate decision.",
    "The rain pounded the coast all night.",
    "The central bank renewed its attack on inflation.",
    "A teachers' strike closed schools across the province.",
    "The board fired the chief executive.",
    "The company fell apart after the merger.",
    "Air quality warnings were issued for the valley.",
)


@pytest.mark.parametrize("sentence", HARD_NEGATIVES)
def test_hard_negatives_give_no_conflict_event(
    sentence: str, example_events: dict[str, list[tuple[str, str]]]
) -> None:
    assert [kind for kind, _ in example_events[sentence] if kind in CONFLICT] == []
