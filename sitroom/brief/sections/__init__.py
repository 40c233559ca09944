"""The sections of a brief, one module each, written in the order of ``SECTIONS``.

Each module has a ``build(context) -> Section | None``; None means the section has nothing
to say that earns its place (no previous brief to compare with, for instance) and is left out.
Adding a section is adding a module and listing it here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sitroom.brief.compose import Context, Section
from sitroom.brief.sections import casualties, changes, claims, developments, money, people

Builder = Callable[[Context], Section | None]

SECTIONS: Sequence[Builder] = (
    developments.build,
    casualties.build,
    money.build,
    people.build,
    claims.build,
    changes.build,
)


def write_sections(context: Context) -> list[Section]:
    """Return the sections of a brief that have something to say, in the order of SECTIONS."""
    return [section for build in SECTIONS if (section := build(context)) is not None]
