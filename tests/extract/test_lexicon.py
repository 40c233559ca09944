"""The trigger lexicon (triggers.yaml, then codebook.yaml), the grammar word lists and the stop words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import sitroom.extract.events.lexicon as lexicon
import sitroom.lexicons as lexicons
from sitroom.brief.rank import content_words as brief_words
from sitroom.errors import LexiconError
from sitroom.resolve.stories.load import words as story_words


@pytest.fixture
def fake_lexicons(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    files: dict[str, Any] = {}
    monkeypatch.setattr(lexicon, "load_lexicon", lambda name: files[name])
    monkeypatch.setattr(lexicon, "_present", lambda name: name in files)
    lexicon.load_triggers.cache_clear()
    lexicon.victims_by_rule.cache_clear()
    yield files
    lexicon.load_triggers.cache_clear()
    lexicon.victims_by_rule.cache_clear()


def test_triggers_yaml_entries_are_tried_before_codebook_entries_of_the_same_lemma(
    fake_lexicons: dict[str, Any],
) -> None:
    fake_lexicons["triggers.yaml"] = {"triggers": [{"lemma": "raid", "pos": ["NOUN"], "type": "ASSAULT",
                                                    "cameo": "190"}]}  # fmt: skip
    fake_lexicons["codebook.yaml"] = {"triggers": [
        {"lemma": "raid", "pos": ["NOUN"], "type": "COERCE", "cameo": "1711", "with": ["police"]},
        {"lemma": "curfew", "pos": ["NOUN"], "type": "COERCE", "cameo": "1724"},
    ]}  # fmt: skip
    found = lexicon.load_triggers()
    order = [(e.type, e.source) for e in found["raid"]]
    assert order == [("ASSAULT", "triggers.yaml"), ("COERCE", "codebook.yaml")]
    assert found["curfew"][0].cameo == "1724"


def test_without_a_codebook_the_trigger_lexicon_alone_is_read(fake_lexicons: dict[str, Any]) -> None:
    fake_lexicons["triggers.yaml"] = {"triggers": [{"lemma": "wound", "pos": ["VERB"], "type": "ASSAULT",
                                                    "cameo": "18", "victim": "injure"}]}  # fmt: skip
    assert lexicon.victims_by_rule()["wound:verb"] == "injure"


def test_an_unknown_victim_kind_is_a_lexicon_error(fake_lexicons: dict[str, Any]) -> None:
    fake_lexicons["triggers.yaml"] = {"triggers": [{"lemma": "maim", "pos": ["VERB"], "type": "ASSAULT",
                                                    "cameo": "18", "victim": "hurt"}]}  # fmt: skip
    with pytest.raises(LexiconError, match=r"triggers.yaml, entry 1 \(maim\): victim must be one of"):
        lexicon.load_triggers()


def test_the_shipped_grammar_has_every_list() -> None:
    grammar = lexicons.load_grammar()
    assert "would" in grammar["modals"]
    assert "since the invasion" in grammar["cumulative_cues"]
    assert grammar.maps["group_nouns"]["militia"] == ("armed_group",)


def test_a_grammar_list_missing_or_not_words_is_a_lexicon_error(monkeypatch: pytest.MonkeyPatch) -> None:
    complete = lexicons.load_lexicon("grammar.yaml")
    for broken, message in (
        ({k: v for k, v in complete.items() if k != "modals"}, "missing modals"),
        ({**complete, "modals": "will"}, "modals: must be a list of words"),
        ({**complete, "aid_words": ["arms"]}, "aid_words: must map words to word lists"),
    ):
        monkeypatch.setattr(lexicons, "load_lexicon", lambda name, data=broken: data)
        lexicons.load_grammar.cache_clear()
        with pytest.raises(LexiconError, match=message):
            lexicons.load_grammar()
    monkeypatch.undo()
    lexicons.load_grammar.cache_clear()


def test_stories_and_the_brief_leave_out_the_same_stop_words() -> None:
    headline = "Watch: latest video as shelling hits Kharkiv during the morning"
    assert story_words(headline) == ["shellin", "hits", "kharkiv"]
    assert brief_words(headline) == {"shelling", "hits", "kharkiv"}


def test_stop_words_that_are_not_words_are_a_lexicon_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "load_lexicon", lambda name: {"stopwords": ["the", False]})
    lexicons.load_stopwords.cache_clear()
    with pytest.raises(LexiconError, match=r"stopwords\.yaml: 'stopwords' must be a list of words"):
        lexicons.load_stopwords()
    monkeypatch.undo()
    lexicons.load_stopwords.cache_clear()
