"""CAMEO actor coding with actor and agent dictionaries in the PETRARCH/TABARI text format.

Actor dictionary lines (``PETR.Validate.actors.txt``)::

    GONDOR [GON]                 a name (words joined by "_" or spaces) and its code
    +MINAS_TIRITH                a synonym of the entry above
    GOLLUM                       an entry whose codes follow on indented lines,
        [HOB < 950601]           valid before a date (YYMMDD or YYYYMMDD),
        [HOBGOV 19950601 - 19990815]   between two dates,
        [HOBREB > 990816]        or after one
    ARNOR_ [ARN]                 a trailing "_" marks an exact word (all words match exactly here)

Agent dictionary lines (``PETR.Validate.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN   a substitution macro, used as CONGRESS!PERSON!
    TROOPS {} [~MIL]             "{}": no plural; "{GEESE}": this plural; none: a regular plural
    MSF {} [NGO~]                "~X" goes after the actor code, "X~" before it

Comments are ``# ...`` and ``<!-- ... -->``. A phrase is coded by the longest actor name in
it plus the longest agent: "Gondor troops" -> GON + ~MIL -> "GONMIL".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitroom.errors import LexiconError

DISCARD_CODES = ("---", "+++", "###")
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


@dataclass(slots=True)
class _Entry:
    line: int
    names: list[tuple[str, ...]] = field(default_factory=list)
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
            current.names.append(_words(text[1:]))
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
        words = _words(form)
        entry.names.append(words)
        if macros is not None and plural is None and not has_macro:
            entry.names.append((*words[:-1], _plural(words[-1])))
    if plural:
        entry.names.append(_words(plural))
    if code is not None:
        entry.codes.append(_parse_code(code, where))
    return entry


def _choose(codes: list[Code], day: date | None) -> str:
    if day is not None:
        dated = [c for c in codes if (c.start or c.end) and c.valid_on(day)]
        if dated:
            return dated[0].code
    plain = [c for c in codes if not (c.start or c.end)]
    return (plain or codes)[-1 if not plain else 0].code


@dataclass(frozen=True, slots=True)
class ActorCoder:
    """Codes phrases ("Gondor troops") as CAMEO actors ("GONMIL") from loaded dictionaries."""

    actors: dict[tuple[str, ...], list[Code]]
    agents: dict[tuple[str, ...], list[Code]]

    @classmethod
    def from_files(cls, actors: Path, agents: Path | None = None) -> ActorCoder:
        """Read an actor dictionary and optionally an agent dictionary; raise LexiconError on a bad line."""
        return cls(
            _index(_read(Path(actors), agents=False)),
            _index(_read(Path(agents), agents=True)) if agents else {},
        )

    def code(self, text: str, on: date | None = None) -> str | None:
        """Return the CAMEO code of the phrase ``text`` (codes valid ``on`` a date), or None."""
        words = [
            w.upper().removesuffix("'S").removesuffix("’S") for w in _WORD.findall(text.replace("’", "'"))
        ]
        words = [w.rstrip(".") if w.count(".") == 1 else w for w in words]
        actor = _longest(self.actors, words, set())
        covered = set(range(actor[0], actor[1])) if actor else set()
        agent = _longest(self.agents, words, covered)
        actor_code = _choose(self.actors[tuple(words[actor[0] : actor[1]])], on) if actor else None
        agent_code = _choose(self.agents[tuple(words[agent[0] : agent[1]])], on) if agent else None
        if actor_code in DISCARD_CODES:
            return None
        if agent_code is None:
            return actor_code
        if actor_code is None:
            return agent_code.rstrip("~") if agent_code.endswith("~") else None
        if agent_code.endswith("~"):
            return agent_code[:-1] + actor_code
        return actor_code + agent_code.lstrip("~")


def _index(entries: list[_Entry]) -> dict[tuple[str, ...], list[Code]]:
    table: dict[tuple[str, ...], list[Code]] = {}
    for entry in entries:
        for name in entry.names:
            table.setdefault(name, entry.codes)
    return table


def _longest(
    table: dict[tuple[str, ...], list[Code]], words: list[str], skip: set[int]
) -> tuple[int, int] | None:
    """Return the [start, end) of the leftmost longest name of ``table`` among ``words``."""
    longest = max((len(name) for name in table), default=0)
    for start in range(len(words)):
        for end in range(min(len(words), start + longest), start, -1):
            if not skip.intersection(range(start, end)) and tuple(words[start:end]) in table:
                return start, end
    return None


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary phrase found in a text: its character span and CAMEO code."""

    start: int
    end: int
    code: str


def find_mentions(coder: ActorCoder, text: str, on: date | None = None) -> list[Mention]:
    """Find the dictionary's actors in ``text`` by longest match over words, joined with agents,
    coded with the codes valid ``on`` a date.

    "Arnor government" and "government of Arnor" give one mention coded ARN + ~GOV = ARNGOV.
    """
    spans = [
        (m.start(), m.end() - (m.group().count(".") == 1 and m.group().endswith(".")), m.group())
        for m in _WORD.finditer(text)
    ]
    words = [text[start:end].upper().removesuffix("'S") for start, end, _ in spans]
    found: list[Mention] = []
    position = 0
    while position < len(words):
        actor = _longest_at(coder.actors, words, position)
        agent = _longest_at(coder.agents, words, position)
        end = actor or agent
        if end is None:
            position += 1
            continue
        if actor:
            after = _longest_at(coder.agents, words, actor)
            end = after or actor
        elif agent:
            joined = agent + 1 if agent < len(words) and words[agent] == "OF" else agent
            joined += joined < len(words) and words[joined] == "THE"
            after = _longest_at(coder.actors, words, joined) if joined > agent else None
            end = after or agent
        code = coder.code(text[spans[position][0] : spans[end - 1][1]], on)
        if code:
            found.append(Mention(spans[position][0], spans[end - 1][1], code))
        position = end
    return found


def _longest_at(table: dict[tuple[str, ...], list[Code]], words: list[str], start: int) -> int | None:
    """Return the end of the longest name of ``table`` starting at ``words[start]``, or None."""
    for end in range(min(len(words), start + _LONGEST_NAME), start, -1):
        if tuple(words[start:end]) in table:
            return end
    return None
