"""CAMEO event codes from a verb dictionary in the PETRARCH/TABARI text format.

Verb dictionary lines (``PETR.Validate.verbs.txt``)::

    &WEAPONS                     a synonym set, its members on "+" lines (a member may be "&SET")
    +MISSILES
    --- STRIKE [190] ---         a block: its verbs share the default code [190]
    STRIKE {STRUCK STRIKES}      a verb and its irregular forms (regular -S/-ED/-ING are added)
    +HIT [195]                   another verb of the block, with its own default code
    - * WITH &WEAPONS [195]      a pattern: words before "*" come before the verb, those after
                                 follow it (in order, other words may come between); "_" joins
                                 words that must be adjacent; "$" and "+" mark source and target

A verb is coded by the longest of its patterns that matches the sentence, else by its default.
Lines that cannot be read are skipped with a one-line warning naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import LexiconError

NO_CODE = "---"
_BLOCK = re.compile(r"^---\s*(.*?)\s*\[([^\[\]]*)\]\s*---\s*$")
_VERB = re.compile(r"^\+?([A-Z0-9_'+\-]+?)\s*(?:\{([^{}]*)\})?\s*(?:\[([^\[\]]*)\])?$")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\[\]]*)\]\s*(?::.*)?$")
_ROLE_MARKS = "$+%^"


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words before and after the verb (each a tuple of adjacent alternatives sets) and a code."""

    before: tuple[tuple[frozenset[str], ...], ...]
    after: tuple[tuple[frozenset[str], ...], ...]
    code: str
    line: int

    @property
    def size(self) -> int:
        return sum(len(group) for group in (*self.before, *self.after))


@dataclass(slots=True)
class _Verb:
    code: str
    patterns: list[Pattern] = field(default_factory=list)


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

    def code(self, words: list[str], verb: int) -> str | None:
        """Return the CAMEO code of the verb ``words[verb]`` in the sentence ``words``, or None."""
        upper = [w.upper() for w in words]
        entry = self.forms.get(upper[verb])
        if entry is None:
            return None
        best: Pattern | None = None
        for pattern in entry.patterns:
            if (best is None or pattern.size > best.size) and _matches(pattern, upper, verb):
                best = pattern
        code = best.code if best else entry.code
        return None if code == NO_CODE or not code else code


def _matches(pattern: Pattern, words: list[str], verb: int) -> bool:
    return _in_order(pattern.after, words[verb + 1 :]) and _in_order(
        tuple(tuple(reversed(g)) for g in reversed(pattern.before)), list(reversed(words[:verb]))
    )


def _in_order(groups: tuple[tuple[frozenset[str], ...], ...], words: list[str]) -> bool:
    """True when each group of adjacent words occurs in ``words``, the groups in order."""
    position = 0
    for group in groups:
        for start in range(position, len(words) - len(group) + 1):
            if all(words[start + i] in options for i, options in enumerate(group)):
                position = start + len(group)
                break
        else:
            return False
    return True


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
            self.verb(verb, block_code, verbs)
        return VerbDictionary(self.forms, self.warnings, self.entries)

    def verb(self, match: re.Match[str], block_code: str, verbs: list[_Verb]) -> None:
        name, irregular, code = match.groups()
        words = [w for w in name.replace("+", "").split("_") if w]
        entry = _Verb(code.strip() if code else block_code)
        if verbs:
            entry.patterns = verbs[0].patterns  # a block's verbs share its patterns
        verbs.append(entry)
        forms = _regular_forms(words[0])
        forms += [form.replace("+", "").split("_")[0] for form in (irregular or "").split()]
        for form in forms:
            self.forms.setdefault(form, entry)
        self.entries += 1

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
            pattern = Pattern(self.groups(before), self.groups(after), code.strip() or NO_CODE, number)
        except KeyError as unknown:
            self.warn(number, f"unknown synonym set {unknown.args[0]}")
            return
        verbs[0].patterns.append(pattern)
        self.entries += 1

    def groups(self, text: str) -> tuple[tuple[frozenset[str], ...], ...]:
        """Split pattern words into groups of adjacent words; "&SET" stands for its members."""
        groups = []
        for chunk in text.split():
            words = [w.strip(_ROLE_MARKS) for w in chunk.split("_")]
            group = tuple(self.options(w) for w in words if w)
            if group:
                groups.append(group)
        return tuple(groups)

    def options(self, word: str) -> frozenset[str]:
        if not word.startswith("&"):
            return frozenset({word})
        members: set[str] = set()
        for member in self.sets[word]:
            members |= self.options(member) if member.startswith("&") else {member.split()[0]}
        return frozenset(members)
