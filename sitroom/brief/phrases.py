"""The brief's wording and orderings, read from the YAML lexicons.

Phrasing comes from ``lexicons/phrases.yaml``; the order of certainties (most contested first)
from ``hedges.yaml``; the titles that make someone lead a country from ``titles.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.errors import LexiconError
from sitroom.lexicons import load_lexicon
from sitroom.nlp.gazetteer import titles


@dataclass(frozen=True, slots=True)
class EventPhrase:
    """How one PLOVER type is written: with a target, alone, as a noun; and its severity."""

    verb: str
    alone: str
    noun: str
    preposition: str = "involving"
    severity: int = 1


@dataclass(frozen=True, slots=True)
class Phrases:
    """Everything ``phrases.yaml`` holds."""

    events: dict[str, EventPhrase]
    codes: dict[str, EventPhrase]
    blame_types: frozenset[str]
    blame_verb: str
    relations: dict[str, str]
    certainty_labels: dict[str, str]
    attribution: str
    not_confirmed: str
    place_nouns: frozenset[str]
    combatants: frozenset[str] = frozenset()
    enemy_losses: str = "{speaker} said it had killed {count} {victims}"
    conditional_words: frozenset[str] = frozenset()
    outlet_article_nouns: frozenset[str] = frozenset()
    counted: tuple[str, ...] = ()
    caption_phrases: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()
    war_wide: tuple[str, ...] = ()
    forecast_words: tuple[str, ...] = ()
    abbreviations: frozenset[str] = frozenset()
    outcomes: tuple[str, ...] = ()
    conflict_words: frozenset[str] = frozenset()
    conflict_types: frozenset[str] = frozenset()
    article_names: frozenset[str] = frozenset()
    article_nouns: frozenset[str] = frozenset()
    reporting_words: tuple[str, ...] = ()
    reported_hedges: tuple[str, ...] = ()
    time_words: frozenset[str] = frozenset()
    body_nouns: tuple[str, ...] = ()
    no_office_words: frozenset[str] = frozenset()
    former_words: tuple[str, ...] = ()
    roundup_words: tuple[str, ...] = ()
    named_story: str = "the {name} story"
    reported_act: str = "{outlets} reported {act}"
    reported_others: str = "other outlets"
    measure_types: frozenset[str] = frozenset()
    past_verbs: frozenset[str] = frozenset()

    def outlet(self, name: str) -> str:
        """Return an outlet's name as a sentence writes it: "the Daily Mail", "BBC", "The Hill"."""
        words = name.split()
        if words and words[0].lower() != "the" and words[-1] in self.outlet_article_nouns:
            return f"the {name}"
        return name

    def takes_article(self, name: str) -> bool:
        """Whether a sentence writes "the" before ``name``: one of ``article_names`` ("the
        Pentagon", "the US"), or a name led or ended by a common noun of ``article_nouns``
        ("the European Union", "the Ministry of Defence")."""
        words = name.split()
        return bool(words) and (
            name in self.article_names or words[0] in self.article_nouns or words[-1] in self.article_nouns
        )

    def event(self, kind: str) -> EventPhrase:
        """Return the phrasing of ``kind``; an unknown type reads as a plain "action"."""
        return self.events.get(kind, EventPhrase("acted against", "acted", "an action"))

    def act(self, kind: str, code: str | None) -> EventPhrase:
        """Return the phrasing of an act of type ``kind`` and CAMEO ``code``: the code's own
        ("detained" for 173), else its parent code's ("1731" reads as 173), else the type's;
        the severity is always the type's."""
        for length in range(len(code or ""), 2, -1):
            phrase = self.codes.get((code or "")[:length])
            if phrase is not None:
                return EventPhrase(
                    phrase.verb, phrase.alone, phrase.noun, phrase.preposition, self.event(kind).severity
                )
        return self.event(kind)

    def alone_phrases(self) -> frozenset[str]:
        """Return every way an act is written without a target ("made demands", "made arrests")."""
        return frozenset(p.alone for p in (*self.events.values(), *self.codes.values()))


def _mapping(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, dict):
        raise LexiconError(f"lexicon phrases.yaml: '{key}' must be a mapping")
    return value


def _text(data: Any, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value:
        raise LexiconError(f"lexicon phrases.yaml: '{key}' must be a non-empty string")
    return value


def _phrase(kind: Any, entry: Any) -> EventPhrase:
    if not isinstance(entry, dict) or not {"verb", "alone", "noun"} <= set(entry):
        raise LexiconError(f"lexicon phrases.yaml: event {kind!r} needs verb, alone and noun")
    return EventPhrase(
        str(entry["verb"]),
        str(entry["alone"]),
        str(entry["noun"]),
        str(entry.get("preposition", "involving")),
        int(entry.get("severity", 1)),
    )


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    """Return the phrasing of ``phrases.yaml``; raise LexiconError when an entry is malformed."""
    data = load_lexicon("phrases.yaml")
    events = {str(kind): _phrase(kind, entry) for kind, entry in _mapping(data, "events").items()}
    codes = {str(code): _phrase(code, entry) for code, entry in (data.get("codes") or {}).items()}
    blame = data.get("blame_types") if isinstance(data, dict) else None
    if not isinstance(blame, list):
        raise LexiconError("lexicon phrases.yaml: 'blame_types' must be a list of PLOVER types")
    return Phrases(
        events=events,
        codes=codes,
        blame_types=frozenset(str(b) for b in blame),
        blame_verb=_text(data, "blame_verb"),
        relations={str(k): str(v) for k, v in _mapping(data, "relations").items()},
        certainty_labels={str(k): str(v) for k, v in _mapping(data, "certainty_labels").items()},
        attribution=_text(data, "attribution"),
        not_confirmed=_text(data, "not_confirmed"),
        place_nouns=frozenset(str(n) for n in data.get("place_nouns") or ()),
        combatants=frozenset(str(n) for n in data.get("combatants") or ()),
        enemy_losses=_text(data, "enemy_losses"),
        conditional_words=frozenset(str(w).lower() for w in data.get("conditional_words") or ()),
        outlet_article_nouns=frozenset(str(w) for w in data.get("outlet_article_nouns") or ()),
        caption_phrases=tuple(str(w).lower() for w in data.get("caption_phrases") or ()),
        furniture=tuple(str(w).lower() for w in data.get("furniture") or ()),
        war_wide=tuple(str(w).lower() for w in data.get("war_wide") or ()),
        forecast_words=tuple(str(w).lower() for w in data.get("forecast_words") or ()),
        abbreviations=frozenset(str(w).lower() for w in data.get("abbreviations") or ()),
        counted=tuple(str(w) for w in _mapping(data, "consequences").get("counted") or ()),
        outcomes=tuple(str(w) for w in _mapping(data, "consequences").get("outcomes") or ()),
        article_names=frozenset(str(w) for w in data.get("article_names") or ()),
        article_nouns=frozenset(str(w) for w in data.get("article_nouns") or ()),
        conflict_types=frozenset(str(w) for w in data.get("conflict_types") or ()),
        conflict_words=frozenset(str(w).lower() for w in data.get("conflict_words") or ()),
        reporting_words=tuple(str(w).lower() for w in data.get("reporting_words") or ()),
        reported_hedges=tuple(str(w).lower() for w in data.get("reported_hedges") or ()),
        body_nouns=tuple(str(w) for w in data.get("body_nouns") or ()),
        time_words=frozenset(str(w).lower() for w in data.get("time_words") or ()),
        past_verbs=frozenset(str(w).lower() for w in data.get("past_verbs") or ()),
        no_office_words=frozenset(str(w).lower() for w in data.get("no_office_words") or ()),
        former_words=tuple(str(w).lower() for w in data.get("former_words") or ()),
        roundup_words=tuple(str(w).lower() for w in data.get("roundup_words") or ()),
        named_story=str(data.get("named_story") or "the {name} story"),
        reported_act=str(data.get("reported_act") or "{outlets} reported {act}"),
        reported_others=str(data.get("reported_others") or "other outlets"),
        measure_types=frozenset(str(w) for w in data.get("measure_types") or ()),
    )


@lru_cache(maxsize=1)
def certainty_order() -> tuple[str, ...]:
    """Return the certainties from most to least contested, as ``hedges.yaml`` ranks them."""
    data = load_lexicon("hedges.yaml")
    order = data.get("precedence") if isinstance(data, dict) else None
    if not isinstance(order, list) or not order:
        raise LexiconError("lexicon hedges.yaml: 'precedence' must be a list of certainties")
    return tuple(str(c) for c in order)


@lru_cache(maxsize=1)
def head_of_state_titles() -> tuple[str, ...]:
    """Return the titles that may lead a whole country ("president", "prime minister")."""
    return tuple(sorted((t.title for t in titles().values() if t.heads_country), key=len, reverse=True))
