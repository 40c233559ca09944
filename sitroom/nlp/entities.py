"""Find the entities of a parsed document: spaCy NER corrected by gazetteers, with coreference.

1. Lexicon matches (actors, countries, demonyms) over the tokens, case-sensitive, longest first.
2. spaCy's entities, cleaned: no leading "the", no title ("General"), no possessive "'s".
   A lexicon match wins over the model's label ("Yevgeny Prigozhin" tagged FAC becomes the
   PERSON of the lexicon); a model span that only contains a country keeps its own label
   ("Russian Defence Ministry" stays an ORG, of country RU).
3. Places: model spans that name a city ("Kramatorsk", tagged PRODUCT) become GPEs with
   coordinates, homonyms ranked by population and the document's countries.
4. Coreference (``sitroom.nlp.coref``) gives every mention its canonical name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sitroom.model import ENTITY_TYPES, Entity
from sitroom.nlp.coref import Candidate, assign_names, group_anaphora
from sitroom.nlp.docents import DocEntities, TokenMention
from sitroom.nlp.gazetteer import (
    LexiconEntry,
    actor_entries,
    country_entries,
    lookup_country,
    resolve_place,
    title_at,
)

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

# Model labels worth a gazetteer look-up: the small model calls many towns PRODUCT or FAC.
PLACE_LABELS = ("GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART")
POSSESSIVE = ("'s", "’s", "'", "’")
COUNTRY_KINDS = ("country", "demonym", "bloc")
PERSON_PLACE_MIN_POPULATION = 50_000


@dataclass(slots=True)
class _Matcher:
    matcher: PhraseMatcher
    entries: dict[str, list[LexiconEntry]]


_MATCHERS: dict[int, tuple[object, _Matcher]] = {}


def _apostrophe_variants(alias: str) -> set[str]:
    return {alias, alias.replace("'", "’"), alias.replace("’", "'")}


def _lexicon_matcher(doc: Doc) -> _Matcher:
    """Return the phrase matcher of all lexicon names for this vocabulary, built once."""
    cached = _MATCHERS.get(id(doc.vocab))
    if cached is not None and cached[0] is doc.vocab:
        return cached[1]
    import spacy
    from spacy.matcher import PhraseMatcher

    tokenizer = spacy.blank("en", vocab=doc.vocab).tokenizer
    entries: dict[str, list[LexiconEntry]] = {}
    for entry in (*actor_entries(), *country_entries()):
        names = (*entry.aliases,) if entry.kind in ("demonym", "bloc") else (entry.name, *entry.aliases)
        for alias in names:
            for variant in _apostrophe_variants(alias):
                key = variant[4:] if variant.startswith("The ") and entry.kind == "actor" else variant
                bucket = entries.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    for key in entries:
        matcher.add(key, [tokenizer(key)])
    built = _Matcher(matcher, entries)
    _MATCHERS[id(doc.vocab)] = (doc.vocab, built)
    return built


def _choose_entry(doc: Doc, start: int, options: list[LexiconEntry], context: set[str]) -> LexiconEntry:
    """Pick among entries sharing an alias: the country named just before, else one in context."""
    if len(options) == 1:
        return options[0]
    before = start - 1
    if before >= 0 and doc[before].text in POSSESSIVE:
        before -= 1
    if before >= 0:
        named = lookup_country(doc[before].text)
        if named is not None:
            for entry in options:
                if entry.country == named.iso2:
                    return entry
    for entry in options:
        if entry.country in context:
            return entry
    return options[0]


def _lexicon_candidates(doc: Doc) -> list[Candidate]:
    from spacy.util import filter_spans

    built = _lexicon_matcher(doc)
    keyed = {(s, e): doc.vocab.strings[key] for key, s, e in built.matcher(doc)}
    spans = filter_spans([doc[s:e] for s, e in keyed])
    options = {(span.start, span.end): built.entries[keyed[(span.start, span.end)]] for span in spans}
    context = {
        e.country for found in options.values() for e in found if e.kind in COUNTRY_KINDS and e.country
    }
    found = []
    for span in spans:
        entry = _choose_entry(doc, span.start, options[(span.start, span.end)], context)
        start = span.start
        if entry.name.startswith("The ") and start > 0 and doc[start - 1].lower_ == "the":
            start -= 1  # "The Telegraph" keeps its article
        found.append(Candidate(start, span.end, doc[start : span.end].text, entry.type, entry))
    return found


def _clean_model_span(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Return the span without leading "the", a leading title, or a trailing possessive/punctuation."""
    possessives = [i for i in range(start, end - 1) if doc[i].text in POSSESSIVE]
    if possessives:
        start = possessives[-1] + 1  # "Prigozhin's Concord" names Concord
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON" and end - start > 1:
        words = [t.text for t in doc[start:end]]
        start += min(title_at(words, 0), len(words) - 1)
    return start, end


def _model_candidates(doc: Doc, lexicon: list[Candidate]) -> list[Candidate]:
    """Return the model's entities that the lexicon does not already cover."""
    taken = {i: cand for cand in lexicon for i in range(cand.start, cand.end)}
    found = []
    for ent in doc.ents:
        if ent.label_ not in (*ENTITY_TYPES, *PLACE_LABELS):
            continue
        start, end = _clean_model_span(doc, ent.start, ent.end, ent.label_)
        inside = {id(taken[i]): taken[i] for i in range(start, end) if i in taken}
        if (
            inside
            # a person's name holding a lexicon word: "Abdul-Malik al-Houthi" is no "Houthi"
            and all(
                c.entry
                and (c.entry.kind in COUNTRY_KINDS or (ent.label_ == "PERSON" and c.entry.type != "PERSON"))
                for c in inside.values()
            )
            and all(
                start <= c.start and c.end <= end and (c.start, c.end) != (start, end)
                for c in inside.values()
            )
        ):
            for cand in inside.values():  # the model's longer name wins
                lexicon.remove(cand)
                for i in range(cand.start, cand.end):
                    taken.pop(i)
            country = next(
                (c.entry.country for c in inside.values() if c.entry and c.entry.kind in COUNTRY_KINDS), None
            )
            found.append(Candidate(start, end, doc[start:end].text, ent.label_, country=country))
            continue
        while start < end and start in taken:
            start += 1
        while end > start and (end - 1) in taken:
            end -= 1
        start, end = _clean_model_span(doc, start, end, ent.label_)
        if start >= end or any(i in taken for i in range(start, end)) or not doc[start].text[:1].isupper():
            continue
        found.append(Candidate(start, end, doc[start:end].text, ent.label_))
    return found


def _type_model_candidate(cand: Candidate, context: set[str], surnames: set[str]) -> None:
    """Re-type a model candidate from the gazetteers: a country, a city with coordinates, or as is."""
    if cand.type in ("PERSON", "ORG") and cand.text not in surnames:
        # "Shelling hit Kherson on Sunday" (Kherson tagged PERSON), "the RSF shelled El Fasher"
        # (tagged ORG): a sizeable city of a country the document names is that city.
        place = resolve_place(cand.text, context)
        if place is not None and place.country in context and place.population >= PERSON_PLACE_MIN_POPULATION:
            cand.type, cand.place = "GPE", place
        return
    if cand.type in PLACE_LABELS or cand.type == "NORP":
        country = lookup_country(cand.text)
        if country is not None:
            cand.type = "GPE"
            cand.entry = LexiconEntry(country.name, "GPE", None, country.iso2, kind="country")
            return
    if cand.type in PLACE_LABELS:
        cand.place = resolve_place(cand.text, context)
        if cand.place is not None:
            cand.type = "GPE"
        elif cand.type not in ENTITY_TYPES:
            cand.type = "LOC"


def find_entities(doc: Doc, published: datetime | None = None) -> DocEntities:
    """Return the document's canonical entities and their mentions.

    ``published`` is accepted for the stage signature; entity finding does not depend on it.
    """
    lexicon = _lexicon_candidates(doc)
    model = _model_candidates(doc, lexicon)
    context = {
        c.entry.country for c in lexicon if c.entry and c.entry.kind in COUNTRY_KINDS and c.entry.country
    }
    surnames = {c.text.split()[-1] for c in lexicon + model if c.type == "PERSON" and " " in c.text}
    for cand in model:
        _type_model_candidate(cand, context, surnames)
    candidates = sorted(
        (c for c in lexicon + model if c.type in ENTITY_TYPES), key=lambda c: (c.start, c.end)
    )
    assign_names(candidates)
    candidates = sorted(candidates + group_anaphora(doc, candidates), key=lambda c: c.start)
    return _collect(doc, candidates)


def _collect(doc: Doc, candidates: list[Candidate]) -> DocEntities:
    """Merge the candidates into one Entity per canonical name, with their mentions."""
    found = DocEntities()
    groups: dict[str, list[Candidate]] = {}
    for cand in candidates:
        groups.setdefault(cand.name, []).append(cand)
    for name, group in groups.items():
        entry = next((c.entry for c in group if c.entry is not None), None)
        place = next((c.place for c in group if c.place is not None), None)
        kind = entry.type if entry else Counter(c.type for c in group).most_common(1)[0][0]
        country = (entry.country if entry else None) or (place.country if place else None)
        country = country or next((c.country for c in group if c.country), None)
        lexicon_aliases = entry.aliases if entry and entry.kind == "actor" else ()
        aliases = {c.text for c in group if not c.anaphor} | set(lexicon_aliases)
        aliases.discard(name)
        found.entities[name] = Entity(
            name=name,
            type=kind,
            subtype=entry.subtype if entry else None,
            aliases=tuple(sorted(aliases)),
            country=country,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            external_ids={"geonames": str(place.geonameid)} if place else {},
        )
        for cand in group:
            span = doc[cand.start : cand.end]
            found.add_mention(
                TokenMention(name, span.start_char, span.end_char, span.text, cand.start, cand.end)
            )
    return found
