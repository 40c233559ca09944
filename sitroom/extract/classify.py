"""Event types from a trained sentence classifier, for what the trigger lexicon misses.

The classifier (spaCy textcat, exclusive classes: the PLOVER types and NONE) ships in
``sitroom/models/event_type``; ``scripts/train_event_classifier.py`` trains it from the corpus in
``training/``. It reads a sentence as words of its parse: lemmas, entity mentions as their kind
("ENTGPE"), numbers as "ENTNUM", and the main verb with its particles, objects and auxiliaries, so
that "Chad" and "Peru", "shelled" and "shells" look alike to it.

``classify_events`` is a pipeline stage after the trigger lexicon: a sentence that describes a
happening but fired no trigger gets an event of the type the classifier is sure of, its trigger
the main verb; where the triggers of a sentence disagree on type, the classifier picks the
sentence's main event, which comes first (the others stay: "the arrest sparked protests" is two).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.errors import ModelNotInstalled
from sitroom.extract.certainty import clause_head, negated, sentence_cues, stance
from sitroom.extract.figures import casualties
from sitroom.extract.time import resolve_date
from sitroom.model import Event, Evidence
from sitroom.nlp.docents import DocEntities
from sitroom.nlp.load import load_pipeline, spacy_module

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "event_type"
NONE = "NONE"
ENTITY_WORDS = {
    "PERSON": "ENTPERSON", "NORP": "ENTNORP", "ORG": "ENTORG", "GPE": "ENTGPE", "LOC": "ENTLOC",
    "FAC": "ENTFAC", "DATE": "ENTDATE", "TIME": "ENTDATE", "CARDINAL": "ENTNUM", "QUANTITY": "ENTNUM",
    "PERCENT": "ENTNUM", "MONEY": "ENTMONEY",
}  # fmt: skip
# Children of the main verb that say what it does: "pulled back", "did not", "will", "agreed to meet".
VERB_PARTS = ("dobj", "prt", "neg", "aux", "xcomp", "ccomp", "prep", "attr", "acomp", "dative")
# The two-digit CAMEO root of each PLOVER type (REQUEST is CAMEO's "appeal", 02).
CAMEO_ROOTS = {
    "REQUEST": "02", "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "INVESTIGATE": "09", "DEMAND": "10", "ACCUSE": "11",
    "DISAPPROVE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15",
    "SANCTION": "16", "COERCE": "17", "ASSAULT": "18", "FIGHT": "19",
}  # fmt: skip
# Verbs of reporting whose complement is the happening: "Gunmen torched the market, police said".
REPORTING = ("say", "tell", "report", "add", "state", "write")
VIOLENT_TYPES = ("ASSAULT", "FIGHT")
PLACE_TYPES = ("GPE", "LOC", "FAC")
MIN_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Classifier:
    """The trained pipeline and the confidence above which its type becomes an event."""

    nlp: Language
    threshold: float


@lru_cache(maxsize=1)
def load_classifier() -> Classifier:
    """Load the shipped classifier once (offline, from the package); raise ModelNotInstalled if absent."""
    if not (MODEL_DIR / "meta.json").is_file():
        raise ModelNotInstalled(
            f"event-type classifier not found in {MODEL_DIR}: train it with "
            "`python scripts/train_event_classifier.py --seed 0 --out sitroom/models/event_type`"
        )
    nlp = spacy_module().load(MODEL_DIR)
    return Classifier(nlp=nlp, threshold=float(nlp.meta["sitroom"]["threshold"]))


def sentence_words(sent: Span) -> list[str]:
    """The words the classifier reads for a parsed sentence (see the module docstring)."""
    words: list[str] = []
    for token in sent:
        if token.is_punct or token.is_space:
            continue
        kind = ENTITY_WORDS.get(token.ent_type_)
        if kind is None and token.like_num:
            kind = "ENTNUM"
        if kind is not None:
            if not (words and words[-1] == kind and token.ent_iob_ == "I"):
                words.append(kind)
            continue
        words.append(token.lemma_.lower() or token.lower_)
    root = _happening(sent.root)
    words.append(f"root_{root.lemma_.lower()}")
    for child in root.children:
        if child.dep_ in VERB_PARTS:
            words.append(f"{child.dep_}_{ENTITY_WORDS.get(child.ent_type_, child.lemma_.lower())}")
    return words


def _happening(verb: Token) -> Token:
    """The verb of what is reported when ``verb`` is a verb of reporting ("..., officials said")."""
    while verb.lemma_.lower() in REPORTING:
        complement = next(
            (c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ == "VERB"), None
        )
        if complement is None:
            break
        verb = complement
    return verb


def span_types(spans: Iterable[Span]) -> list[dict[str, float]]:
    """The classifier's probability of each type (and NONE) for each parsed sentence."""
    make_doc = spacy_module().tokens.Doc
    classifier = load_classifier()
    vocab = classifier.nlp.vocab
    docs = [make_doc(vocab, words=sentence_words(span) or [NONE.lower()]) for span in spans]
    return [dict(doc.cats) for doc in classifier.nlp.pipe(docs)]


def sentence_types(texts: Iterable[str], model: str | None = None) -> list[dict[str, float]]:
    """The classifier's probability of each type for each text, parsed with the spaCy pipeline."""
    nlp = load_pipeline(model)
    return span_types(doc[:] for doc in nlp.pipe(texts))


class _Mentions:
    """The entity mentions of a document, read token by token (enough for stance and arguments)."""

    def __init__(self, ents: DocEntities) -> None:
        self.ents = ents

    def entity_of(self, token: Token) -> str | None:
        return self.first_entity([token, *token.subtree])

    def first_entity(self, tokens: list[Token]) -> str | None:
        for token in tokens:
            entity = self.ents.at_token(token.i)
            if entity is not None:
                return entity.name
        return None

    def last_entity_before(self, i: int, exclude: set[str]) -> str | None:
        before = [m for m in self.ents.mentions if m.token_end <= i and m.entity not in exclude]
        return max(before, key=lambda m: m.token_start).entity if before else None


def _main_verb(sent: Span) -> Token | None:
    """The verb heading the sentence (or what it reports), else its first full verb."""
    if sent.root.pos_ == "VERB":
        return _happening(sent.root)
    return next((t for t in sent if t.pos_ == "VERB" and t.dep_ not in ("aux", "auxpass", "amod")), None)


def _arguments(verb: Token, mentions: _Mentions) -> tuple[str | None, str | None, Token | None]:
    """Actor (subject or "by" agent), target (object or passive subject) and the place phrase of a verb."""
    actor = target = None
    place: Token | None = None
    for child in verb.children:
        if child.dep_ == "nsubj" and actor is None:
            actor = mentions.entity_of(child)
        elif child.dep_ == "agent":
            actor = next((mentions.entity_of(g) for g in child.children if g.dep_ == "pobj"), actor)
        elif child.dep_ in ("dobj", "nsubjpass", "dative") and target is None:
            target = mentions.entity_of(child)
        elif child.dep_ == "prep":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                entity = mentions.ents.at_token(pobj.i)
                if entity is not None and entity.type in PLACE_TYPES and place is None:
                    place = pobj
                elif (
                    entity is not None and target is None and child.lower_ in ("against", "on", "with", "to")
                ):
                    target = entity.name
    return actor, target, place


def _date(sent: Span, doc: Doc, published: datetime | None) -> tuple[str | None, str | None]:
    """The first date the sentence names; the publication day when the document names none."""
    for ent in sent.ents:
        if ent.label_ == "DATE":
            value = resolve_date(ent.text, published)
            if value is not None:
                return value.value, value.precision
    if published is not None and not any(
        e.label_ == "DATE" and resolve_date(e.text, published) is not None for e in doc.ents
    ):
        return published.date().isoformat(), "day"
    return None, None


def _new_event(
    sent: Span, kind: str, score: float, ents: DocEntities, published: datetime | None
) -> Event | None:
    """An event of type ``kind`` for a sentence no trigger fired in, or None when it has no verb."""
    verb = _main_verb(sent)
    if verb is None:
        return None
    mentions = _Mentions(ents)
    actor, target, place_token = _arguments(verb, mentions)
    place = ents.at_token(place_token.i) if place_token is not None else None
    if place is not None and place.name in (actor, target):
        place = None
    view = stance(clause_head(verb), sent, sentence_cues(sent), mentions, own=verb)
    killed, injured = casualties(sent.text) if kind in VIOLENT_TYPES else (None, None)
    date, precision = _date(sent, sent.doc, published)
    return Event(
        type=kind,
        evidence=Evidence(sent.start_char, sent.end_char, sent.text),
        cameo=CAMEO_ROOTS.get(kind),
        actor=actor,
        target=target if target != actor else None,
        location=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        date=date,
        date_precision=precision,
        killed=killed,
        injured=injured,
        certainty=view.certainty,
        attributed_to=view.attributed_to,
        trigger=verb.text,
        rule=f"classifier:{score:.2f}",
        negated=negated(verb),
    )


def _describes_happening(sent: Span) -> bool:
    """A sentence with a verb and a few words (not a dateline, a byline or a bare headline noun)."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    return len(words) >= MIN_TOKENS and _main_verb(sent) is not None


def classify_events(
    doc: Doc, ents: DocEntities, events: list[Event], published: datetime | None = None
) -> list[Event]:
    """Return ``events`` with an event for each happening no trigger caught; in a sentence whose events
    disagree on type, the events of the type the classifier is sure of for the sentence come first."""
    sentences = list(doc.sents)
    starts = [s.start_char for s in sentences]
    by_sentence: dict[int, list[int]] = {}
    covered: set[int] = set()  # sentences told as part of an event, its own or a merged trigger's
    for n, event in enumerate(events):
        index = max(0, bisect_right(starts, event.evidence.start) - 1)
        by_sentence.setdefault(index, []).append(n)
        covered.update(max(0, bisect_right(starts, m.evidence.start) - 1) for m in event.merged)
    empty = [
        k
        for k, s in enumerate(sentences)
        if k not in by_sentence and k not in covered and _describes_happening(s)
    ]
    tied = [k for k, indices in by_sentence.items() if len({events[n].type for n in indices}) > 1]
    wanted = sorted({*empty, *tied})
    if not wanted:
        return events
    threshold = load_classifier().threshold
    scores = dict(zip(wanted, span_types(sentences[k] for k in wanted), strict=True))
    for k in tied:
        best = max(scores[k], key=lambda label: scores[k][label])
        if scores[k][best] >= threshold and best in {events[n].type for n in by_sentence[k]}:
            # the classifier's type leads the sentence; every event stays, the rest in text order
            by_sentence[k].sort(key=lambda n: events[n].type != best)
    added: dict[int, Event] = {}
    for k in empty:
        kind = max(scores[k], key=lambda label: scores[k][label])
        if kind != NONE and scores[k][kind] >= threshold:
            new = _new_event(sentences[k], kind, scores[k][kind], ents, published)
            if new is not None:
                added[k] = new
    result: list[Event] = []
    for k in range(len(sentences)):
        result.extend(events[n] for n in by_sentence.get(k, ()))
        if k in added:
            result.append(added[k])
    return result
