"""The trigger lexicon: ``lexicons/triggers.yaml``, then the codebook-wide ``codebook.yaml`` if present.

Each entry is a lemma and what an event it triggers is (PLOVER type, mode, context, CAMEO,
ACLED types), with explicit fields for how it fires and what its arguments are: ``victim``
(kill or injure: a death or an injury), ``undergoer`` (its subject is who suffered it),
``generic`` (a general word like "attack" that takes the kind of the event it refers back to),
``figurative`` (the lemma's sense of criticism: "attacked the plan", see ``senses``) and
``after_prep`` (only as the object of these prepositions: "went on strike"), ``modifiers`` (only
with one of these lemmas as its compound or adjective: "a 48-hour strike"), ``weapon_subject``
(only with a weapon as its subject: "a bomb went off", not "the alarm went off") and ``instrument``
(a weapon or an attacker, "a car bomb": the verb it is an argument of tells the act).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from sitroom.errors import LexiconError
from sitroom.lexicons import load_lexicon
from sitroom.model import PLOVER_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICONS = ("triggers.yaml", "codebook.yaml")  # in the order their entries are tried for one lemma
VICTIM_KINDS = ("kill", "injure")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma and what an event it triggers is."""

    lemma: str
    pos: tuple[str, ...]
    type: str
    mode: str | None
    context: str | None
    cameo: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    with_: tuple[str, ...]
    not_with: tuple[str, ...]
    victim: str | None  # "kill" or "injure": the entry names a death or an injury
    negated_only: bool
    money_subject: bool
    complement_aux: tuple[str, ...]
    generic: bool
    undergoer: bool  # its subject or possessor is the victim: "Amelina died", "her injuries"
    source: str = "triggers.yaml"
    figurative: bool = False  # fires only in the lemma's sense of criticism: "attacked the plan"
    after_prep: tuple[str, ...] = ()  # fires only as the object of one of these: "went on strike"
    instrument: bool = False  # a weapon or attacker: no trigger as an argument of a verb trigger
    modifiers: tuple[str, ...] = ()  # fires only with one of these as a modifier: "a 48-hour strike"
    weapon_subject: bool = False  # fires only with a weapon as its subject: "a bomb went off"


def _entry(raw: dict[str, Any], index: int, source: str) -> Trigger:
    where = f"lexicon {source}, entry {index + 1} ({raw.get('lemma', '?') if isinstance(raw, dict) else '?'})"
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: must be a mapping of fields")
    if raw.get("type") not in PLOVER_TYPES:
        raise LexiconError(f"{where}: unknown PLOVER type {raw.get('type')!r}")
    if not raw.get("lemma") or not raw.get("pos") or not raw.get("cameo"):
        raise LexiconError(f"{where}: lemma, pos and cameo are required")
    if raw.get("victim") not in (None, *VICTIM_KINDS):
        raise LexiconError(f"{where}: victim must be one of {', '.join(VICTIM_KINDS)}")
    acled = raw.get("acled") or [None, None]
    with_ = tuple(raw.get("with", ()))
    if not all(isinstance(word, str) for word in with_):
        raise LexiconError(f"{where}: every `with` word must be a string (quote on/off/yes/no)")
    return Trigger(
        lemma=str(raw["lemma"]).lower(), pos=tuple(raw["pos"]), type=raw["type"], mode=raw.get("mode"),
        context=raw.get("context"), cameo=str(raw["cameo"]), acled_event_type=acled[0],
        acled_sub_event_type=acled[1], with_=with_, not_with=tuple(raw.get("not_with", ())),
        victim=raw.get("victim"), negated_only=bool(raw.get("negated_only")),
        money_subject=bool(raw.get("money_subject")), complement_aux=tuple(raw.get("complement_aux", ())),
        generic=bool(raw.get("generic")), undergoer=bool(raw.get("undergoer")), source=source,
        figurative=bool(raw.get("figurative")), after_prep=tuple(raw.get("after_prep", ())),
        instrument=bool(raw.get("instrument")), modifiers=tuple(raw.get("modifiers", ())),
        weapon_subject=bool(raw.get("weapon_subject")),
    )  # fmt: skip


def _present(name: str) -> bool:
    return files("sitroom.lexicons").joinpath(name).is_file()


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, tuple[Trigger, ...]]:
    """Return the trigger lexicon by lemma; raise LexiconError if an entry is bad.

    For one lemma, the entries of ``triggers.yaml`` come before those of ``codebook.yaml``, and within
    each file the entries with ``with``, ``complement_aux``, ``after_prep`` or ``modifiers`` come before
    the plain ones.
    """
    by_lemma: dict[str, list[Trigger]] = {}
    for rank, name in enumerate(LEXICONS):
        if rank and not _present(name):
            continue
        data = load_lexicon(name)
        if not isinstance(data, dict) or not isinstance(data.get("triggers"), list):
            raise LexiconError(f"lexicon {name}: must hold a `triggers` list")
        for index, raw in enumerate(data["triggers"]):
            entry = _entry(raw, index, name)
            by_lemma.setdefault(entry.lemma, []).append(entry)
    return {
        lemma: tuple(
            sorted(
                entries,
                key=lambda e: (
                    LEXICONS.index(e.source),
                    not (e.with_ or e.complement_aux or e.after_prep or e.modifiers),
                ),
            )
        )
        for lemma, entries in by_lemma.items()
    }


def rule_name(entry: Trigger, token: Token) -> str:
    """The name of the rule that fired: "kill:verb", "strike+missile:noun", "offer:verb"."""
    part = "verb" if token.pos_ in ("VERB", "AUX") else token.pos_.lower() if token.pos_ == "ADJ" else "noun"
    return f"{entry.lemma}{'+' + entry.with_[0] if entry.with_ else ''}:{part}"


@lru_cache(maxsize=1)
def victims_by_rule() -> dict[str, str]:
    """Return rule name -> victim kind ("kill", "injure") for every rule of a death or an injury."""
    found: dict[str, str] = {}
    for entries in load_triggers().values():
        for entry in entries:
            if entry.victim is None:
                continue
            name = f"{entry.lemma}{'+' + entry.with_[0] if entry.with_ else ''}"
            for part in ("verb", "noun", "adj"):
                found.setdefault(f"{name}:{part}", entry.victim)
    return found
