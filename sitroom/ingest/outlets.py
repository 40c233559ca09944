"""Outlets as readers know them: feeds.bbci.co.uk and bbc.com are both "BBC".

Names come from the lexicon ``outlets.yaml`` (domain to outlet name); a host matches its
longest listed parent domain, so feed hosts and subdomains need no entry of their own.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from sitroom.errors import LexiconError
from sitroom.lexicons import load_lexicon

_LEXICON = "outlets.yaml"
_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@cache
def outlet_domains() -> dict[str, str]:
    """Return outlet names by domain, from the lexicon; raise LexiconError naming a bad entry."""
    data = load_lexicon(_LEXICON)
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LexiconError(f"lexicon {_LEXICON}: expected a list under 'outlets'")
    names: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"lexicon {_LEXICON}, outlet {number}"
        if not isinstance(entry, dict) or set(entry) != {"name", "domains"}:
            raise LexiconError(f"{where}: expected exactly 'name' and 'domains'")
        name, domains = entry["name"], entry["domains"]
        if not isinstance(name, str) or not name.strip():
            raise LexiconError(f"{where}: 'name' must be a non-empty string")
        if not isinstance(domains, list) or not domains:
            raise LexiconError(f"{where} ({name}): 'domains' must be a non-empty list")
        for domain in domains:
            if not isinstance(domain, str) or not _HOSTNAME.match(domain) or domain.startswith("www."):
                raise LexiconError(f"{where} ({name}): {domain!r} is not a lower-case domain without www.")
            if domain in names:
                raise LexiconError(f"{where} ({name}): {domain} is already listed for {names[domain]}")
            names[domain] = name
    return names


def host_of(value: str) -> str | None:
    """Return the host name of a URL or of a bare domain ("feeds.bbci.co.uk"), or None."""
    text = value.strip().lower()
    if "://" in text:
        try:
            host = urlsplit(text).hostname
        except ValueError:
            return None
    else:
        host = text.rstrip(".")
    return host if host and _HOSTNAME.match(host) else None


def host_outlet(host: str) -> str | None:
    """Return the outlet of a host name by its longest listed parent domain, or None."""
    labels = host.split(".")
    domains = outlet_domains()
    for first in range(len(labels) - 1):
        name = domains.get(".".join(labels[first:]))
        if name is not None:
            return name
    return None


def outlet_name(source: str | None, *urls: object) -> str | None:
    """Return the outlet a report comes from.

    The outlet of the source when it is a domain, else of the first URL (item, then feed) on a
    listed domain; else the source as given (a feed's or site's own title), which may be None.
    """
    for value in (source, *urls):
        host = host_of(value) if isinstance(value, str) else None
        name = host_outlet(host) if host else None
        if name is not None:
            return name
    return source
