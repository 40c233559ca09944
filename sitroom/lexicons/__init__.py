"""Lexicons are data: YAML files beside this module, read once and checked on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from sitroom.errors import LexiconError


@cache
def load_lexicon(name: str) -> Any:
    """Return the parsed YAML lexicon ``name`` (e.g. "triggers.yaml"); raise LexiconError if bad."""
    resource = files(__package__).joinpath(name)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"lexicon {name}: no such file in sitroom/lexicons") from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise LexiconError(f"lexicon {name}, line {line}: {error.problem}") from None


GRAMMAR_LISTS = (
    "modals", "person_pronouns", "thing_pronouns", "group_pronouns", "relative_pronouns", "definite",
    "target_preps", "place_preps", "place_of_preps", "topic_preps", "reporting_verbs", "willing",
    "cumulative_cues", "criticised_objects", "nonviolent_subjects", "container_nouns", "nonviolent_modifiers",
    "verbal_modifiers", "months", "happening_heads", "hypothetical_nouns", "new_mention_words",
    "demonstratives", "preparing", "continuing_words", "speaking_verbs", "war_nouns", "war_span_preps",
    "protest_crowds", "armed_nouns", "reference_headings", "unrealised_verbs", "generic_determiners",
    "weapon_nouns", "natural_causes", "cause_preps", "causing_verbs", "natural_forces",
    "statement_nouns", "accident_verbs", "possibility_modals", "denial_verbs",
)  # fmt: skip
GRAMMAR_MAPS = ("group_nouns", "aid_words", "nonviolent_objects")


@dataclass(frozen=True, slots=True)
class Grammar:
    """The closed-class word lists of ``grammar.yaml``, as tuples (maps as dicts of tuples)."""

    lists: dict[str, tuple[str, ...]]
    maps: dict[str, dict[str, tuple[str, ...]]]

    def __getitem__(self, name: str) -> tuple[str, ...]:
        return self.lists[name]


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise LexiconError(f"lexicon grammar.yaml, {where}: must be a list of words (quote on/off/yes/no)")
    return tuple(word.lower() for word in value)


@cache
def load_grammar() -> Grammar:
    """Return the word lists of ``grammar.yaml``; raise LexiconError when a list is missing or not words."""
    data = load_lexicon("grammar.yaml")
    if not isinstance(data, dict):
        raise LexiconError("lexicon grammar.yaml: must be a mapping of list names to word lists")
    missing = [key for key in (*GRAMMAR_LISTS, *GRAMMAR_MAPS) if key not in data]
    if missing:
        raise LexiconError(f"lexicon grammar.yaml: missing {', '.join(missing)}")
    lists = {key: _words(data[key], key) for key in GRAMMAR_LISTS}
    maps: dict[str, dict[str, tuple[str, ...]]] = {}
    for key in GRAMMAR_MAPS:
        if not isinstance(data[key], dict):
            raise LexiconError(f"lexicon grammar.yaml, {key}: must map words to word lists")
        maps[key] = {
            str(word).lower(): _words(values or [], f"{key}.{word}") for word, values in data[key].items()
        }
    return Grammar(lists, maps)


@cache
def load_stopwords() -> frozenset[str]:
    """Return the words of ``stopwords.yaml``, lower-cased; raise LexiconError when they are not words."""
    data = load_lexicon("stopwords.yaml")
    words = data.get("stopwords") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise LexiconError(
            "lexicon stopwords.yaml: 'stopwords' must be a list of words (quote on/off/yes/no)"
        )
    return frozenset(word.lower() for word in words)
