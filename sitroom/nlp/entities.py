"""Find the entities of a parsed document: spaCy NER corrected by gazetteers, with coreference.

1. Lexicon matches (actors, countries, demonyms, places.yaml) over the tokens, case-sensitive,
   longest first; "Kiev" and "Kyiv" are one place, and "Donetsk region" is Donetsk Oblast.
2. spaCy's entities, cleaned: no leading "the", no title ("General", "Mr"), no possessive "'s";
   coordinated places ("Paris and Lagos", one span to the model) split into one per place.
   A lexicon match wins over the model's label ("Yevgeny Prigozhin" tagged FAC becomes the
   PERSON of the lexicon); a model span that only contains a country keeps its own label
   ("Russian Defence Ministry" stays an ORG, of country RU).
3. Places: model spans that name a city ("Kramatorsk", tagged PRODUCT) become GPEs with
   coordinates, homonyms ranked by population and the document's countries (a PRODUCT or
   WORK_OF_ART span that names no place is dropped); an organisation's name is taken for the
   city of that name only where a place goes ("in Lagos", "Paris and Lyon"); a state, province
   or UK nation ("Alberta", "England") takes its country; a name ending in a feature noun
   ("Tully Lake", "Baker Street") is a place; a surname of a person named in full in the
   document ("Amelina" after "Victoria Amelina") is that person, whatever its label or lexicon
   entry ("Jordan" after "Michael Jordan").
4. Coreference (``sitroom.nlp.coref``) gives every mention its canonical name. A nationality word
   is a NORP mention of its country ("Russian" of Russia).

Each correction can be switched off (``Corrections``) to measure what it is worth.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from sitroom.model import ENTITY_TYPES, Entity
from sitroom.nlp.coref import Candidate, assign_names, group_anaphora
from sitroom.nlp.docents import DocEntities, TokenMention
from sitroom.nlp.gazetteer import (
    WELL_KNOWN_POPULATION,
    LexiconEntry,
    Place,
    actor_entries,
    country_entries,
    lexicon_place,
    lookup_country,
    lookup_region,
    place_entries,
    resolve_place,
    title_at,
    title_ending_at,
    well_known_place,
)
from sitroom.nlp.load import spacy_module

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

# Model labels worth a gazetteer look-up: the small model calls many towns PRODUCT or FAC.
PLACE_LABELS = ("GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART")
POSSESSIVE = ("'s", "’s", "'", "’")
COUNTRY_KINDS = ("country", "demonym", "bloc")
PERSON_PLACE_MIN_POPULATION = 50_000
# Courtesy titles that, before a name, make it a person's ("Mr Kherson" is no city).
HONORIFICS = ("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Miss", "Sir", "Dame")
# Words that, after a place in a country divided into oblasts, name the oblast around it:
# "shelling in the Donetsk region" -> Donetsk Oblast (country UA, no city coordinates).
REGION_NOUNS = ("region", "regions", "oblast", "oblasts", "Oblast", "Oblasts", "Region", "Regions")
OBLAST_COUNTRIES = ("UA", "RU", "BY", "KZ", "KG")
# Prepositions after which an organisation named like a city is the city ("rescuers in Lagos");
# not "against", "over", "to" or "from", which take sports clubs as often ("won over Lagos").
INSIDE_PREPS = ("in", "near", "into", "outside", "inside", "across", "around", "toward", "towards", "through")
MODEL_PLACE_LABELS = ("GPE", "LOC", "FAC")
# Nouns whose "of" phrase is a place: "the centre of Orikhiv", "the outskirts of Tokmak".
PLACE_PART_NOUNS = (
    "centre", "center", "outskirts", "suburbs", "suburb", "port", "city", "town", "village", "settlement",
    "streets", "heart", "district", "residents", "mayor", "governor",
)  # fmt: skip
# A one-word name the model calls a person, or leaves untagged, standing where a place goes is taken
# for a city of the gazetteer at least this large ("struck the centre of Orikhiv", "near Tokmak").
PLACE_POSITION_MIN_POPULATION = 5_000
# Last words that make a name a place whatever the model called it ("Tully Lake" tagged PERSON,
# "Baker Street" tagged ORG): natural features are LOC, streets and works FAC. Words that also
# end names of organisations ("Hotel", "Building", "Centre", "Park") are left to the model.
FEATURE_NOUNS = {
    **dict.fromkeys(("Lake", "River", "Sea", "Ocean", "Mountains", "Mountain", "Island", "Islands", "Bay",
                     "Valley", "Desert", "Gulf", "Strait", "Straits", "Peninsula", "Canal"), "LOC"),
    **dict.fromkeys(("Street", "Road", "Avenue", "Boulevard", "Lane", "Square", "Bridge", "Highway",
                     "Motorway", "Airport", "Airfield"), "FAC"),
}  # fmt: skip
# Tokens that join coordinated names inside one model span ("Kyiv and Kharkiv", "Paris, Lagos").
CONJUNCTIONS = ("and", ",", "&", "or")


@dataclass(frozen=True, slots=True)
class Corrections:
    """The corrections of the model's entities, each of which can be switched off to measure what
    it is worth (``sitroom.evaluate.ablation``). All are on outside of that measurement."""

    actor_lexicon: bool = True  # names of actors.yaml found in the text
    country_lexicon: bool = True  # countries, demonyms and blocs found in the text
    place_lexicon: bool = True  # places.yaml spellings found in the text
    clean_spans: bool = True  # no leading "the", title, "Mr" or trailing possessive in a model span
    split_coordinated: bool = True  # "Kyiv and Kharkiv" in one model span: two places
    yield_to_model: bool = True  # the model's longer name wins over a lexicon word inside it
    surnames: bool = True  # a surname of a person named in full is that person
    person_place: bool = True  # a PERSON or ORG span naming a city is the city
    feature_places: bool = True  # a PERSON or ORG span ending in "Lake", "Street"... is a place
    regions: bool = True  # a state or province span is a GPE of its country
    country_spans: bool = True  # a place or NORP span naming a country is the country
    gazetteer_places: bool = True  # a place-like span naming a city is the city (GPE)
    untagged_places: bool = True  # an untagged capitalised word where a place goes, naming a city
    oblasts: bool = True  # "the Kharkiv region" is Kharkiv Oblast
    group_anaphora: bool = True  # "the group" after an organisation names it


ALL_CORRECTIONS = Corrections()


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
    spacy = spacy_module()
    tokenizer = spacy.blank("en", vocab=doc.vocab).tokenizer
    entries: dict[str, list[LexiconEntry]] = {}
    for entry in (*actor_entries(), *country_entries(), *place_entries()):
        names = (*entry.aliases,) if entry.kind in ("demonym", "bloc") else (entry.name, *entry.aliases)
        for alias in names:
            for variant in _apostrophe_variants(alias):
                key = variant[4:] if variant.startswith("The ") and entry.kind == "actor" else variant
                bucket = entries.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
    matcher = spacy.matcher.PhraseMatcher(doc.vocab, attr="ORTH")
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


def _lexicon_kinds(corrections: Corrections) -> tuple[str, ...]:
    kinds = ("actor",) * corrections.actor_lexicon + COUNTRY_KINDS * corrections.country_lexicon
    return kinds + ("place",) * corrections.place_lexicon


def _lexicon_candidates(doc: Doc, corrections: Corrections) -> list[Candidate]:
    built = _lexicon_matcher(doc)
    kinds = _lexicon_kinds(corrections)
    keyed = {
        (s, e): doc.vocab.strings[key]
        for key, s, e in built.matcher(doc)
        if any(entry.kind in kinds for entry in built.entries[doc.vocab.strings[key]])
    }
    spans = spacy_module().util.filter_spans([doc[s:e] for s, e in keyed])
    options = {
        (span.start, span.end): [e for e in built.entries[keyed[(span.start, span.end)]] if e.kind in kinds]
        for span in spans
    }
    context = {
        e.country for found in options.values() for e in found if e.kind in COUNTRY_KINDS and e.country
    }
    found = []
    for span in spans:
        entry = _choose_entry(doc, span.start, options[(span.start, span.end)], context)
        start = span.start
        if entry.name.startswith("The ") and start > 0 and doc[start - 1].lower_ == "the":
            start -= 1  # "The Telegraph" keeps its article
        cand = Candidate(start, span.end, doc[start : span.end].text, entry.type, entry)
        cand.place = lexicon_place(entry)
        found.append(cand)
    return found


def _as_region(doc: Doc, cand: Candidate) -> None:
    """Turn a city followed by "region"/"oblast" into its oblast ("the Kharkiv region" -> Kharkiv
    Oblast), and the first of "the Donetsk and Luhansk regions" too. Only for countries divided
    into oblasts named after their centres; the city's coordinates are not the region's.
    """
    if cand.place is None or cand.place.country not in OBLAST_COUNTRIES or cand.end >= len(doc):
        return
    after = cand.end
    if doc[after].text in CONJUNCTIONS:
        nxt = after + 1
        while nxt < len(doc) and doc[nxt].text[:1].isupper() and doc[nxt].text not in REGION_NOUNS:
            nxt += 1
        plural = nxt < len(doc) and doc[nxt].text in REGION_NOUNS and doc[nxt].text.endswith("s")
        if nxt == after + 1 or not plural:
            return
    elif doc[after].text in REGION_NOUNS:
        cand.end = after + 1
        cand.text = doc[cand.start : cand.end].text
    else:
        return
    country = cand.place.country
    cand.entry = LexiconEntry(f"{cand.place.name} Oblast", "GPE", None, country, kind="place")
    cand.type, cand.place = "GPE", None


def _split_coordinated(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Split a place span that joins several known places ("Kyiv and Kharkiv", "Quebec, Alberta")
    into one span per place; keep it whole when it names one thing ("Bosnia and Herzegovina") or a
    part is unknown ("Trinity and All Saints").
    """
    whole = doc[start:end].text
    if label not in PLACE_LABELS or lookup_country(whole) or resolve_place(whole) or lookup_region(whole):
        return [(start, end)]
    parts, part_start = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].text in CONJUNCTIONS:
            if i > part_start:
                parts.append((part_start, i))
            part_start = i + 1
    if len(parts) < 2 or not all(
        lookup_country(text) or resolve_place(text) or lookup_region(text)
        for text in (doc[s:e].text for s, e in parts)
    ):
        return [(start, end)]
    return parts


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
        start += min(title_at(words, 0) or int(words[0] in HONORIFICS), len(words) - 1)
    return start, end


def _yields_to_model(doc: Doc, cand: Candidate, start: int, end: int, label: str) -> bool:
    """Return whether the lexicon candidate is only part of the longer name the model found there:
    a country in "Russian Defence Ministry", a place in "Dnipro River" or "Kyiv Post" (but not in
    "Kyiv Oblast", left to ``_as_region``), any non-person in a person's name ("Abdul-Malik
    al-Houthi" is no "Houthi").
    """
    if cand.entry is None:
        return False
    if cand.entry.kind == "place":
        rest = [t.text for t in (*doc[start : cand.start], *doc[cand.end : end])]
        return not all(word in REGION_NOUNS for word in rest)
    return cand.entry.kind in COUNTRY_KINDS or (label == "PERSON" and cand.entry.type != "PERSON")


def _model_spans(doc: Doc, corrections: Corrections) -> list[tuple[tuple[int, int], str]]:
    """Return the model's entity spans worth keeping, cleaned and split as ``corrections`` say."""
    spans = []
    for ent in doc.ents:
        if ent.label_ in (*ENTITY_TYPES, *PLACE_LABELS):
            cleaned = (ent.start, ent.end)
            if corrections.clean_spans:
                cleaned = _clean_model_span(doc, ent.start, ent.end, ent.label_)
            parts = [cleaned]
            if corrections.split_coordinated:
                parts = _split_coordinated(doc, *cleaned, ent.label_)
            spans += [(part, ent.label_) for part in parts]
    return spans


def _model_candidates(doc: Doc, lexicon: list[Candidate], corrections: Corrections) -> list[Candidate]:
    """Return the model's entities that the lexicon does not already cover."""
    taken = {i: cand for cand in lexicon for i in range(cand.start, cand.end)}
    found = []
    for (start, end), label in _model_spans(doc, corrections):
        inside = {id(taken[i]): taken[i] for i in range(start, end) if i in taken}
        if (
            corrections.yield_to_model
            and inside
            # a person's name holding a lexicon word: "Abdul-Malik al-Houthi" is no "Houthi"
            and all(_yields_to_model(doc, c, start, end, label) for c in inside.values())
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
                (c.entry.country for c in inside.values() if c.entry and c.entry.kind != "actor"), None
            )
            if label == "PERSON":
                country = None  # "Michael Jordan" is of no country, "Russian Defence Ministry" is
            found.append(Candidate(start, end, doc[start:end].text, label, country=country))
            continue
        while start < end and start in taken:
            start += 1
        while end > start and (end - 1) in taken:
            end -= 1
        if corrections.clean_spans:
            start, end = _clean_model_span(doc, start, end, label)
        if start >= end or any(i in taken for i in range(start, end)) or not doc[start].text[:1].isupper():
            continue
        found.append(Candidate(start, end, doc[start:end].text, label))
    return found


@lru_cache(maxsize=1)
def _lexicon_person_words() -> frozenset[str]:
    names = [name for e in actor_entries() if e.type == "PERSON" for name in (e.name, *e.aliases)]
    return frozenset(word for name in names for word in name.split())


def _person_place(doc: Doc, cand: Candidate, context: set[str]) -> Place | None:
    """Return the city a PERSON/ORG span of the model names, if it is taken for one.

    "Shelling hit Kherson on Sunday" (Kherson tagged PERSON), "fighting in El Fasher" (tagged
    ORG): a sizeable city of a country the document names is that city. Without such a country,
    only a one-word name of a national capital or a city of 100,000 people or more is ("rescuers
    in Lagos", Lagos tagged ORG). An organisation's name counts only where a place goes (see
    ``_where_a_place_goes``): clubs and firms are named after cities ("Barcelona beat Lyon").
    The trade-off: a person with a big city's name ("Jackson said") becomes a place unless the
    lexicon knows a person of that name or a title or courtesy title stands before it
    ("President Jackson", "Mr Jackson"); people are far rarer in war reporting under such names
    than the cities are.
    """
    if cand.type == "ORG" and not _where_a_place_goes(doc, cand):
        return None
    place = resolve_place(cand.text, context)
    if place is not None and place.country in context and place.population >= PERSON_PLACE_MIN_POPULATION:
        return place
    if cand.end - cand.start != 1 or cand.text in _lexicon_person_words():
        return None
    before = [t.text for t in doc[max(0, cand.start - 5) : cand.start]]
    if (before and before[-1] in HONORIFICS) or title_ending_at(before, len(before)):
        return None
    return well_known_place(cand.text) or _positioned_place(doc, cand, context)


def _positioned_place(doc: Doc, cand: Candidate, context: set[str]) -> Place | None:
    """The city a one-word name standing where a place goes names: "near Tokmak" (no such person)."""
    if not _where_a_place_goes(doc, cand):
        return None
    place = resolve_place(cand.text, context)
    return place if place is not None and place.population >= PLACE_POSITION_MIN_POPULATION else None


def _untagged_places(doc: Doc, taken: list[Candidate], context: set[str]) -> list[Candidate]:
    """Cities named by capitalised words the model left untagged, where a place goes: "near Tokmak"."""
    covered = {i for c in taken for i in range(c.start, c.end)}
    found = []
    for token in doc:
        if token.i in covered or token.ent_type_ or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        cand = Candidate(token.i, token.i + 1, token.text, "GPE")
        place = _positioned_place(doc, cand, context)
        if place is not None:
            cand.place = place
            found.append(cand)
    return found


def _where_a_place_goes(doc: Doc, cand: Candidate) -> bool:
    """Return whether the span stands where a place goes: the object of "in", "near", "across"...
    ("rescuers in Lagos"), joined by "and"/"or" to a place the model found ("Paris and Lyon"), or
    before "region" ("the Sumy region")."""
    if cand.end < len(doc) and doc[cand.end].text in REGION_NOUNS:
        return True
    token = doc[cand.start : cand.end].root
    joined = [child for child in token.children if child.dep_ == "conj"]
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
        joined.append(token)
    if any(other.ent_type_ in MODEL_PLACE_LABELS for other in joined):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        return token.head.head.lower_ in PLACE_PART_NOUNS
    return token.dep_ == "pobj" and token.head.lower_ in INSIDE_PREPS


def _type_model_candidate(
    doc: Doc, cand: Candidate, context: set[str], surnames: set[str], corrections: Corrections
) -> None:
    """Re-type a model candidate from the gazetteers: a country, a city with coordinates, or as is."""
    if corrections.surnames and cand.text in surnames:
        cand.type = "PERSON"  # "Victoria Amelina ... Amelina, 37," whatever the model's label
        return
    feature = FEATURE_NOUNS.get(doc[cand.end - 1].text) if cand.end - cand.start > 1 else None
    if cand.type in ("PERSON", "ORG") and feature and corrections.feature_places:
        cand.type = feature  # "Tully Lake", "Baker Street": a place, whatever the model said
        return
    if cand.type in ("PERSON", "ORG"):
        place = _person_place(doc, cand, context) if corrections.person_place else None
        if place is not None:
            cand.type, cand.place = "GPE", place
        return
    if cand.type in PLACE_LABELS and corrections.regions:
        region = lookup_region(cand.text)
        small = resolve_place(cand.text, context)
        if region is not None and (small is None or small.population < WELL_KNOWN_POPULATION):
            # "fires in British Columbia and Alberta": Canada's provinces, not a "British" place
            cand.type, cand.country = "GPE", region.country
            return
    if (cand.type in PLACE_LABELS or cand.type == "NORP") and corrections.country_spans:
        country = lookup_country(cand.text)
        if country is not None:
            cand.type = "GPE"
            cand.entry = LexiconEntry(country.name, "GPE", None, country.iso2, kind="country")
            return
    if cand.type in PLACE_LABELS and corrections.gazetteer_places:
        cand.place = resolve_place(cand.text, context)
        if cand.place is not None:
            cand.type = "GPE"


def find_entities(
    doc: Doc, published: datetime | None = None, corrections: Corrections = ALL_CORRECTIONS
) -> DocEntities:
    """Return the document's canonical entities and their mentions.

    ``published`` is accepted for the stage signature; entity finding does not depend on it.
    ``corrections`` switches corrections off, to measure them.
    """
    lexicon = _lexicon_candidates(doc, corrections)
    model = _model_candidates(doc, lexicon, corrections)
    surnames = {c.text.split()[-1] for c in lexicon + model if c.type == "PERSON" and " " in c.text}
    if corrections.surnames:
        _surnames_over_lexicon(lexicon, surnames)
    context = {
        c.entry.country for c in lexicon if c.entry and c.entry.kind in COUNTRY_KINDS and c.entry.country
    }
    for cand in model:
        _type_model_candidate(doc, cand, context, surnames, corrections)
    if corrections.untagged_places:
        model += _untagged_places(doc, lexicon + model, context)
    for cand in lexicon + model:
        if corrections.oblasts:
            _as_region(doc, cand)
    model = _outside_regions(lexicon + model, model)
    candidates = sorted(
        (c for c in lexicon + model if c.type in ENTITY_TYPES), key=lambda c: (c.start, c.end)
    )
    assign_names(candidates)
    if corrections.group_anaphora:
        candidates = sorted(candidates + group_anaphora(doc, candidates), key=lambda c: c.start)
    return _collect(doc, candidates)


def _surnames_over_lexicon(lexicon: list[Candidate], surnames: set[str]) -> None:
    """Make a lexicon name that is the surname of a person named in full in the document that
    person: "Michael Jordan ... Jordan said" names no country, "Anna Wagner ... Wagner" no militia."""
    for cand in lexicon:
        kind = cand.entry.kind if cand.entry else None
        if cand.type != "PERSON" and kind in ("actor", "country", "place") and cand.text in surnames:
            cand.type, cand.entry, cand.place = "PERSON", None, None


def _outside_regions(every: list[Candidate], model: list[Candidate]) -> list[Candidate]:
    """Return the model candidates not inside a region span ("Oblast" after "Donetsk" grew over it)."""
    regions = [c for c in every if c.entry and c.entry.kind == "place" and c.place is None]
    return [c for c in model if not any(r is not c and r.start <= c.start <= c.end <= r.end for r in regions)]


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
            own = "NORP" if cand.entry and cand.entry.kind == "demonym" else None  # "Russian": Russia
            found.add_mention(
                TokenMention(name, span.start_char, span.end_char, span.text, cand.start, cand.end, own)
            )
    return found
