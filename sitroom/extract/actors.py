"""CAMEO actor coding with actor and agent dictionaries in the PETRARCH/TABARI text format.

Actor dictionary lines (``PETR.Validate.actors.txt``)::

    GONDOR [GON]                 a name (words joined by "_" or spaces) and its code
    +MINAS_TIRITH                a synonym of the entry above
    GOLLUM                       an entry whose codes follow on indented lines,
        [HOB < 950601]           valid before a date (YYMMDD or YYYYMMDD),
        [HOBGOV 19950601 - 19990815]   between two dates,
        [HOBREB > 990816]        or after one
    ARNOR_ [ARN]                 a trailing "_": the last word must match exactly
    ARGENTIN [ARG]               none: the last word is a stem ("Argentina", "Argentine")

Agent dictionary lines (``PETR.Validate.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN   a substitution macro, used as CONGRESS!PERSON!
    TROOPS {} [~MIL]             "{}": no plural; "{GEESE}": this plural; none: a regular plural
    MSF {} [NGO~]                "~X" goes after the actor code, "X~" before it

Comments are ``# ...`` and ``<!-- ... -->``. A phrase is coded by the longest actor name in
it plus the longest agent: "Gondor troops" -> GON + ~MIL -> "GONMIL"; an agent with no actor
takes the null actor "---" ("the police" -> "---COP"), a prefix agent alone its own code ("NGO").

Stems, TABARI's convention for actor names: words before the last match exactly; the last word,
unless it ends in "_", matches any word it begins. On the same words an exact name beats a stem
and a longer stem a shorter one ("ISRAELI" over "ISRAEL"). Unlike TABARI, a stem extends only to
a capitalised word, so "ENT" codes "Ents" but not "entered" (a common word written in lower case is
no name). Agent names match whole words, with the plurals above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitroom.errors import LexiconError

DISCARD_CODES = ("---", "+++", "###")
NULL_ACTOR = "---"  # the actor of an agent found alone: "---GOV"
_CODE = re.compile(
    r"^\s*([A-Za-z0-9~+\-#/]+)\s*(?:([<>])\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?\s*$"
)
_MACRO = re.compile(r"^(![A-Z0-9]+!)\s*=\s*(.+)$")
_LONGEST_NAME = 8  # words
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-']*")


@dataclass(frozen=True, slots=True)
class Code:
    """A code, valid from ``start`` to ``end`` (either open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class _Name:
    """The words of a name; ``stem``: its last word matches any word it begins."""

    words: tuple[str, ...]
    stem: bool = False


@dataclass(slots=True)
class _Entry:
    line: int
    names: list[_Name] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)


def _parse_date(text: str, where: str) -> date:
    try:
        if len(text) == 6:
            year = int(text[:2])
            return date(1900 + year if year >= 30 else 2000 + year, int(text[2:4]), int(text[4:]))
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise LexiconError(f"{where}: bad date {text!r} in a code") from None


def _parse_code(text: str, where: str) -> Code:
    match = _CODE.match(text)
    if match is None:
        raise LexiconError(f"{where}: bad code [{text}]")
    code, sign, day, first, last = match.groups()
    code = code.split("/")[0].upper()
    if sign == "<":
        return Code(code, end=_parse_date(day, where))
    if sign == ">":
        return Code(code, start=_parse_date(day, where))
    if first:
        return Code(code, _parse_date(first, where), _parse_date(last, where))
    return Code(code)


def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s_]+", name.upper()) if w)


def _name(text: str, stems: bool) -> _Name:
    """The name written ``text``; with ``stems`` (actor names) a stem unless it ends in "_"."""
    return _Name(_words(text), stems and not text.rstrip().endswith("_"))


def _plural(word: str) -> str:
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


def _lines(path: Path) -> list[tuple[int, str]]:
    """Return (line number, text) of the file without comments and blank lines."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        raise LexiconError(f"{path}: cannot read dictionary ({error.strerror})") from None
    kept = []
    in_comment = False
    for number, line in enumerate(raw, 1):
        if in_comment or line.lstrip().startswith("<!"):
            in_comment = "-->" not in line
            line = line.split("-->", 1)[1] if "-->" in line else ""
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            kept.append((number, line))
    return kept


def _read(path: Path, agents: bool) -> list[_Entry]:
    """Parse a dictionary into entries; raise LexiconError naming the file and line."""
    macros: dict[str, list[str]] = {}
    entries: list[_Entry] = []

    def close(entry: _Entry | None) -> None:
        if entry is not None and not entry.codes:
            raise LexiconError(f"{path}, line {entry.line}: entry without a [CODE]")

    current: _Entry | None = None
    for number, line in _lines(path):
        where = f"{path}, line {number}"
        text = line.strip()
        macro = _MACRO.match(text)
        if agents and macro:
            macros[macro.group(1)] = [w.strip().upper() for w in macro.group(2).split(",") if w.strip()]
            continue
        if text.startswith("+"):
            if current is None:
                raise LexiconError(f"{where}: synonym {text!r} before any entry")
            current.names.append(_name(text[1:], stems=not agents))
            continue
        if text.startswith("["):
            if current is None or not text.endswith("]"):
                raise LexiconError(f"{where}: code line {text!r} without an entry or a closing ']'")
            current.codes.append(_parse_code(text[1:-1], where))
            continue
        if line[0].isspace():
            raise LexiconError(f"{where}: indented line {text!r} is neither a code nor a synonym")
        close(current)
        current = _entry_from_line(text, number, where, macros if agents else None)
        entries.append(current)
    close(current)
    return entries


def _entry_from_line(text: str, number: int, where: str, macros: dict[str, list[str]] | None) -> _Entry:
    """Parse ``NAME {plural} [CODE]`` (plural and code optional) into an entry."""
    match = re.fullmatch(r"([^\[\]{}]+?)\s*(?:\{([^{}]*)\})?\s*(?:\[([^\[\]]*)\])?", text)
    if match is None:
        raise LexiconError(f"{where}: cannot read {text!r} (expected NAME [CODE])")
    name, plural, code = match.groups()
    entry = _Entry(number)
    names = [name.upper()]
    has_macro = "!" in name
    if macros is not None:
        for macro, values in macros.items():
            names = (
                [n.replace(macro, value) for n in names for value in values]
                if any(macro in n for n in names)
                else names
            )
        if "!" in "".join(names):
            raise LexiconError(f"{where}: unknown substitution macro in {name!r}")
    for form in names:
        entry.names.append(_name(form, stems=macros is None))
        words = _words(form)
        if macros is not None and plural is None and not has_macro:
            entry.names.append(_Name((*words[:-1], _plural(words[-1]))))
    if plural:
        entry.names.append(_Name(_words(plural)))
    if code is not None:
        entry.codes.append(_parse_code(code, where))
    return entry


def _choose(codes: list[Code], day: date | None) -> str | None:
    """The first code valid on ``day``, else the undated one; None when only dated codes are given
    and none is valid ("U.S.S.R [USR <911226]" names no actor in 2014). Without a day: the
    undated code, else the last one."""
    if day is not None:
        dated = [c for c in codes if (c.start or c.end) and c.valid_on(day)]
        if dated:
            return dated[0].code
    plain = [c for c in codes if not (c.start or c.end)]
    if plain:
        return plain[0].code
    return None if day is not None else codes[-1].code


@dataclass(frozen=True, slots=True)
class Names:
    """The names of a dictionary: whole-word names and stems, each with the codes of its entry."""

    exact: dict[tuple[str, ...], list[Code]]
    stems: dict[tuple[str, ...], list[Code]]

    @classmethod
    def index(cls, entries: list[_Entry]) -> Names:
        names = cls({}, {})
        for entry in entries:
            for name in entry.names:
                (names.stems if name.stem else names.exact).setdefault(name.words, entry.codes)
        return names

    def at(self, words: list[str], written: list[str], start: int) -> tuple[int, list[Code]] | None:
        """The end and codes of the longest name that begins at ``words[start]`` (upper case;
        ``written`` as in the text), or None."""
        for end in range(min(len(words), start + _LONGEST_NAME), start, -1):
            key = tuple(words[start:end])
            codes = self.exact.get(key) or self._stem(key, written[end - 1])
            if codes:
                return end, codes
        return None

    def _stem(self, key: tuple[str, ...], written: str) -> list[Code] | None:
        """The codes of the longest stem that ``key``'s last word begins with (a longer word only
        when written with a capital)."""
        last = key[-1]
        sizes = range(len(last), 0, -1) if written[:1].isupper() else (len(last),)
        return next((self.stems[s] for n in sizes if (s := (*key[:-1], last[:n])) in self.stems), None)


def _combine(actor: str | None, agent: str | None) -> str | None:
    """The code of an actor and an agent: "ARN" + "~GOV" -> "ARNGOV", "ARN" + "NGO~" -> "NGOARN";
    an agent alone "---GOV", or "NGO" for a prefix agent."""
    if actor in DISCARD_CODES:
        return None
    if agent is None:
        return actor
    if agent.endswith("~"):
        return agent[:-1] + (actor or "")
    return (actor or NULL_ACTOR) + agent.lstrip("~")


@dataclass(frozen=True, slots=True)
class ActorCoder:
    """Codes phrases ("Gondor troops") as CAMEO actors ("GONMIL") from loaded dictionaries."""

    actors: Names
    agents: Names

    @classmethod
    def from_files(cls, actors: Path, agents: Path | None = None) -> ActorCoder:
        """Read an actor dictionary and optionally an agent dictionary; raise LexiconError on a bad line."""
        return cls(
            Names.index(_read(Path(actors), agents=False)),
            Names.index(_read(Path(agents), agents=True)) if agents else Names({}, {}),
        )

    def code(self, text: str, on: date | None = None) -> str | None:
        """Return the CAMEO code of the phrase ``text`` (codes valid ``on`` a date), or None."""
        written = [w.removesuffix("'s").removesuffix("'S") for w in _WORD.findall(text.replace("’", "'"))]
        written = [w.rstrip(".") if w.count(".") == 1 else w for w in written]
        words = [w.upper() for w in written]
        actor = _longest(self.actors, words, written, set())
        covered = set(range(actor[0], actor[1])) if actor else set()
        agent = _longest(self.agents, words, written, covered)
        return _combine(
            _choose(actor[2], on) if actor else None,
            _choose(agent[2], on) if agent else None,
        )


def _longest(
    names: Names, words: list[str], written: list[str], skip: set[int]
) -> tuple[int, int, list[Code]] | None:
    """Return the start, end and codes of the leftmost longest name among ``words``, outside ``skip``."""
    for start in range(len(words)):
        if start in skip:
            continue
        stop = min((i for i in skip if i > start), default=len(words))
        found = names.at(words[:stop], written[:stop], start)
        if found:
            return start, *found
    return None


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary phrase found in a text: its character span and CAMEO code."""

    start: int
    end: int
    code: str


def find_mentions(coder: ActorCoder, text: str, on: date | None = None) -> list[Mention]:
    """Find the dictionary's actors and agents in ``text`` by longest match over words, an agent
    joined with its actor, coded with the codes valid ``on`` a date.

    "Arnor government" and "government of Arnor" give one mention coded ARN + ~GOV = ARNGOV;
    "the government" alone one coded ---GOV.
    """
    spans = [
        (m.start(), m.end() - (m.group().count(".") == 1 and m.group().endswith(".")))
        for m in _WORD.finditer(text)
    ]
    written = [text[start:end].removesuffix("'s").removesuffix("'S") for start, end in spans]
    words = [w.upper() for w in written]
    found: list[Mention] = []
    position = 0
    while position < len(words):
        actor = _end(coder.actors.at(words, written, position))
        agent = _end(coder.agents.at(words, written, position))
        end = actor or agent
        if end is None:
            position += 1
            continue
        if actor:
            end = _end(coder.agents.at(words, written, actor)) or actor
        elif agent:
            joined = agent + 1 if agent < len(words) and words[agent] == "OF" else agent
            joined += joined < len(words) and words[joined] == "THE"
            after = _end(coder.actors.at(words, written, joined)) if joined > agent else None
            end = after or agent
        code = coder.code(text[spans[position][0] : spans[end - 1][1]], on)
        if code:
            found.append(Mention(spans[position][0], spans[end - 1][1], code))
        position = end
    return found


def _end(found: tuple[int, list[Code]] | None) -> int | None:
    return found[0] if found else None
