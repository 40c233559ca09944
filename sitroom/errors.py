"""User-facing errors: one class per kind, each message names the input and what is wrong.

The CLI prints ``str(error)`` as one line on stderr and never a traceback.
"""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error a user may see; ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(SitroomError):
    """An input (file, URL, line of a file) that cannot be read: names it and says why."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickle by the constructor's arguments, so errors can travel back from Dask workers."""
        return (type(self), (self.source, self.problem))


class NetworkRefused(InputError):
    """A URL that sitroom will not fetch (private address, bad scheme)."""


class ModelNotInstalled(SitroomError):
    """The spaCy model named in the settings is not installed."""

    exit_code = 3


class LexiconError(SitroomError):
    """A lexicon or dictionary file with a bad line: names the file and line number."""

    exit_code = 4


class StoreError(SitroomError):
    """The database cannot be opened or written (locked, corrupted, wrong URL)."""

    exit_code = 5


class ConfigError(SitroomError):
    """A setting with a value sitroom cannot use."""

    exit_code = 6


class NotFound(SitroomError):
    """A document, entity or story that the store does not have."""

    exit_code = 7
