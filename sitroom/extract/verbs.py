"""CAMEO event codes from a verb dictionary in the PETRARCH/TABARI text format.

Verb dictionary lines (``PETR.Validate.verbs.txt``)::

    &WEAPONS                     a synonym set, its members on "+" lines (a member may be "&SET")
    +MISSILES
    --- STRIKE [190] ---         a block: its verbs share the default code [190]
    STRIKE {STRUCK STRIKES}      a verb and its irregular forms (regular -S/-ED/-ING are added)
    +HIT [195]                   another verb of the block, with its own default code
    - * WITH &WEAPONS [195]      a pattern: words before "*" come before the verb, those after
                                 follow it (in order, other words may come between); "_" joins
                                 words that must be adjacent; "$" and "+" mark where the source
                                 and target are, "%" asks for a compound actor ("X and Y")
    RULE OUT [111]               a verb of several words: the first (or the one marked "+", as in
                                 WIRE_+TAP) is the verb, the others must stand next to it

A verb is coded by the longest of its patterns that matches the sentence, else by its default.
Lines that cannot be read are skipped with a one-line warning naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import LexiconError

NO_CODE = "---"
_BLOCK = re.compile(r"^---\s*(.*?)\s*\[([^\[\]]*)\]\s*(?:---)?\s*$")
_VERB = re.compile(r"^\+?([A-Z0-9_'+\-]+(?: [A-Z0-9_'+\-]+)*?)\s*(?:\{([^{}]*)\})?\s*(?:\[([^\[\]]*)\])?$")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\[\]]*)\]\s*(?::.*)?$")
_ROLE_MARKS = "$+%^"


Groups = tuple[tuple[frozenset[str], ...], ...]


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words before and after the verb (each a tuple of adjacent alternatives sets) and a code.

    ``marks`` places the source ("$") and target ("+") and asks for a compound ("%"): each is
    (mark, "before" or "after", the number of that side's groups in front of it).
    """

    before: Groups
    after: Groups
    code: str
    line: int
    marks: tuple[tuple[str, str, int], ...] = ()

    @property
    def size(self) -> int:
        return sum(len(group) for group in (*self.before, *self.after))

    @property
    def compound(self) -> bool:
        return any(mark == "%" for mark, _, _ in self.marks)


@dataclass(frozen=True, slots=True)
class Match:
    """The code a verb gets in a sentence, and where its pattern puts the source and target:
    a [start, end) window of words and whether the actor is the one nearest the window's end."""

    code: str
    compound: bool = False
    source: tuple[int, int, bool] | None = None
    target: tuple[int, int, bool] | None = None
    words: frozenset[int] = frozenset()  # the words the pattern matched ("attack" of "launched an attack")


@dataclass(slots=True)
class _Verb:
    code: str
    patterns: list[Pattern] = field(default_factory=list)  # shared by the verbs of a block
    phrases: list[Pattern] = field(default_factory=list)  # the verb's own words ("RULE OUT")


@dataclass(slots=True)
class VerbDictionary:
    """Verb forms (upper case) and the patterns of their verbs, read from one file."""

    forms: dict[str, _Verb]
    warnings: list[str]
    entries: int  # verbs, synonym members and patterns that loaded

    @classmethod
    def from_file(cls, path: Path) -> VerbDictionary:
        """Read a verb dictionary; unreadable lines become ``warnings`` ("file:line: why")."""
        return _Reader(Path(path)).read()

    def knows(self, word: str) -> bool:
        """True when ``word`` is a form of one of the dictionary's verbs."""
        return word.upper() in self.forms

    def code(self, words: list[str], verb: int) -> str | None:
        """Return the CAMEO code of the verb ``words[verb]`` in the sentence ``words``, or None."""
        found = self.match(words, verb)
        return found.code if found else None

    def match(self, words: list[str], verb: int, compound: bool = False) -> Match | None:
        """Return the code of the verb ``words[verb]`` and the places its pattern gives the source
        and target, or None; patterns asking for a compound ("%") match only when ``compound``."""
        upper = [w.upper() for w in words]
        entry = self.forms.get(upper[verb])
        if entry is None:
            return None
        best: tuple[Pattern, list[tuple[int, int]], list[tuple[int, int]]] | None = None
        for pattern in (*entry.phrases, *entry.patterns):
            if (best is not None and pattern.size <= best[0].size) or (pattern.compound and not compound):
                continue
            spans = _matches(pattern, upper, verb)
            if spans is not None:
                best = (pattern, spans[0], spans[1])
        if best is None:
            return None if entry.code == NO_CODE or not entry.code else Match(entry.code)
        pattern, before, after = best
        if pattern.code == NO_CODE or not pattern.code:
            return None
        places = {
            mark: _window(side, at, before, after, verb, len(words)) for mark, side, at in pattern.marks
        }
        matched = frozenset(i for start, end in (*before, *after) for i in range(start, end))
        return Match(pattern.code, pattern.compound, places.get("$"), places.get("+"), matched)


def _window(
    side: str, at: int, before: list[tuple[int, int]], after: list[tuple[int, int]], verb: int, size: int
) -> tuple[int, int, bool]:
    """The words where a mark placed after ``at`` groups of its side points, nearest end first."""
    if side == "before":
        start = before[at - 1][1] if at else 0
        end = before[at][0] if at < len(before) else verb
        return start, end, True
    start = after[at - 1][1] if at else verb + 1
    end = after[at][0] if at < len(after) else size
    return start, end, False


def _matches(pattern: Pattern, words: list[str], verb: int) -> tuple[list[tuple[int, int]], ...] | None:
    """The word spans of the pattern's groups before and after the verb, or None."""
    after = _in_order(pattern.after, words[verb + 1 :])
    reverse = _in_order(
        tuple(tuple(reversed(g)) for g in reversed(pattern.before)), list(reversed(words[:verb]))
    )
    if after is None or reverse is None:
        return None
    before = [(verb - end, verb - start) for start, end in reversed(reverse)]
    return before, [(verb + 1 + start, verb + 1 + end) for start, end in after]


def _in_order(groups: Groups, words: list[str]) -> list[tuple[int, int]] | None:
    """The [start, end) of each group of adjacent words in ``words``, the groups in order; or None."""
    position = 0
    spans = []
    for group in groups:
        for start in range(position, len(words) - len(group) + 1):
            if all(words[start + i] in options for i, options in enumerate(group)):
                position = start + len(group)
                spans.append((start, position))
                break
        else:
            return None
    return spans


def _head_word(form: str) -> str:
    """The verb of an irregular form of several words: the one marked "+", else the first."""
    words = [w for w in form.split("_") if w.strip("+")]
    head = next((w for w in words if w.startswith("+") and len(words) > 1), words[0] if words else "")
    return head.strip("+")


def _regular_forms(word: str) -> list[str]:
    stem = word[:-1] if word.endswith("E") else word
    plural = word + "ES" if word.endswith(("S", "X", "Z", "CH", "SH")) else word + "S"
    return [word, plural, stem + "ED", stem + "ING"]


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sets: dict[str, set[str]] = {}
        self.forms: dict[str, _Verb] = {}
        self.warnings: list[str] = []
        self.entries = 0

    def warn(self, number: int, why: str) -> None:
        self.warnings.append(f"{self.path}:{number}: {why}")

    def read(self) -> VerbDictionary:
        try:
            raw = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as error:
            raise LexiconError(f"{self.path}: cannot read verb dictionary ({error.strerror})") from None
        block_code = NO_CODE
        current_set: str | None = None
        verbs: list[_Verb] = []
        in_comment = False
        for number, line in enumerate(raw, 1):
            if in_comment or line.lstrip().startswith("<!"):
                in_comment = "-->" not in line
                continue
            text = line.split("#", 1)[0].strip().upper()
            if not text:
                continue
            if text.startswith("&"):
                current_set = text.split()[0].rstrip("_")
                self.sets.setdefault(current_set, set())
                continue
            if text.startswith("+") and current_set is not None:
                self.sets[current_set].add(text[1:].strip())
                self.entries += 1
                continue
            current_set = None
            if text.startswith("---"):
                block = _BLOCK.match(text)
                if block is None:
                    self.warn(number, f"cannot read block header {text!r}")
                    continue
                block_code = block.group(2).strip() or NO_CODE
                verbs = []
                continue
            if text.startswith("-"):
                self.pattern(number, text, verbs)
                continue
            verb = _VERB.match(text)
            if verb is None:
                self.warn(number, f"cannot read verb line {text!r}")
                continue
            self.verb(verb, block_code, verbs, number)
        return VerbDictionary(self.forms, self.warnings, self.entries)

    def verb(self, match: re.Match[str], block_code: str, verbs: list[_Verb], number: int) -> None:
        name, irregular, code = match.groups()
        words = [w for w in re.split(r"[_ ]+", name) if w.strip("+")]
        head = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
        words = [w.strip("+") for w in words]
        own_code = code.strip() if code else block_code
        forms = _regular_forms(words[head])
        forms += [_head_word(form) for form in (irregular or "").split()]
        self.entries += 1
        if len(words) > 1:  # "RULE OUT": the verb's pattern asks for its other words next to it
            group = lambda part: (tuple(frozenset({w}) for w in part),) if part else ()  # noqa: E731
            phrase = Pattern(group(words[:head]), group(words[head + 1 :]), own_code, number)
            for form in forms:
                shared = verbs[0].patterns if verbs else []
                phrases = self.forms.setdefault(form, _Verb(NO_CODE, shared)).phrases
                if phrase not in phrases:
                    phrases.append(phrase)
            return
        entry = _Verb(own_code)
        if verbs:
            entry.patterns = verbs[0].patterns  # a block's verbs share its patterns
        verbs.append(entry)
        for form in forms:
            self.forms.setdefault(form, entry)

    def pattern(self, number: int, text: str, verbs: list[_Verb]) -> None:
        match = _PATTERN.match(text)
        if match is None:
            self.warn(number, f"pattern without a [CODE]: {text!r}")
            return
        if not verbs:
            self.warn(number, "pattern before any verb")
            return
        body, code = match.groups()
        parts = body.split("*")
        if len(parts) > 2:
            self.warn(number, f"pattern with more than one '*': {text!r}")
            return
        before, after = parts if len(parts) == 2 else ("", parts[0])
        try:
            groups_before, marks_before = self.groups(before, "before")
            groups_after, marks_after = self.groups(after, "after")
            pattern = Pattern(
                groups_before, groups_after, code.strip() or NO_CODE, number, marks_before + marks_after
            )
        except KeyError as unknown:
            self.warn(number, f"unknown synonym set {unknown.args[0]}")
            return
        verbs[0].patterns.append(pattern)
        self.entries += 1

    def groups(self, text: str, side: str) -> tuple[Groups, tuple[tuple[str, str, int], ...]]:
        """Split pattern words into groups of adjacent words ("&SET" stands for its members) and
        the role marks among them, each with the number of groups in front of it."""
        groups: list[tuple[frozenset[str], ...]] = []
        marks: list[tuple[str, str, int]] = []
        for chunk in text.split():
            words = [w for w in chunk.split("_") if w]
            group = tuple(self.options(w.strip(_ROLE_MARKS)) for w in words if w.strip(_ROLE_MARKS))
            marks += [
                (mark, side, len(groups) + bool(group and i > 0))
                for i, word in enumerate(words)
                for mark in word
                if mark in "$+%"
            ]
            if group:
                groups.append(group)
        return tuple(groups), tuple(marks)

    def options(self, word: str) -> frozenset[str]:
        if not word.startswith("&"):
            return frozenset({word})
        members: set[str] = set()
        for member in self.sets[word]:
            members |= self.options(member) if member.startswith("&") else {member.split()[0]}
        return frozenset(members)
