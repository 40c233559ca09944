"""Fetching a report the user names by URL: http(s) only, public addresses only, bounded.

Every hop (the URL and each redirect) is resolved and checked before it is fetched, and the
connection goes to the address that was checked, so DNS cannot swap in a private one.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from sitroom.errors import InputError, NetworkRefused
from sitroom.ingest.common import one_line
from sitroom.ingest.registry import READERS, sniff_format
from sitroom.model import Document

MAX_REDIRECTS = 5
# A slow server that sends a byte just before each read timeout could hold a fetch for
# hours; the whole fetch may take at most this many read timeouts.
TOTAL_TIMEOUTS = 3
USER_AGENT = "sitroom/0.1 (news report reader)"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_REDIRECTS = (301, 302, 303, 307, 308)
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/jsonl": "jsonl",
    "application/x-ndjson": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/json": "jsonl",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/markdown": "markdown",
    "text/plain": "text",
}


def is_url(value: str) -> bool:
    """Return True when an input names a URL (any scheme) rather than a path."""
    return _URL.match(value) is not None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response body and what is needed to read it."""

    url: str  # after redirects
    content_type: str  # media type, lower case, no parameters
    body: bytes


def refused_address(address: str) -> bool:
    """Return True for addresses sitroom does not fetch without --allow-private.

    Private, loopback, link-local, multicast, reserved, unspecified and other non-global
    ones (shared 100.64/10 too), IPv4 mapped into IPv6 included.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _resolve(origin: str, host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise InputError(origin, f"cannot resolve host {host!r} ({one_line(error)})") from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _checked_address(origin: str, url: httpx.URL, allow_private: bool) -> str:
    if url.scheme not in ("http", "https"):
        raise NetworkRefused(origin, f"only http and https URLs are fetched, not {url.scheme}://")
    if not url.host:
        raise InputError(origin, "URL has no host")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = _resolve(origin, url.raw_host.decode("ascii"), port)
    if not allow_private:
        for address in addresses:
            if refused_address(address):
                raise NetworkRefused(
                    origin, f"resolves to private address {address}; use --allow-private to fetch it"
                )
    return addresses[0]


def _read_body(
    origin: str, response: httpx.Response, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(
            origin, f"response is {declared} bytes, over the limit of {max_bytes} (set --max-bytes)"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(origin, f"response is over the limit of {max_bytes} bytes (set --max-bytes)")
        if time.monotonic() > deadline:
            raise InputError(origin, f"timed out after {timeout * TOTAL_TIMEOUTS:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _redirect_target(origin: str, current: httpx.URL, location: str) -> httpx.URL:
    try:
        return current.join(location)
    except httpx.InvalidURL as error:
        raise InputError(origin, f"redirect to an invalid URL ({one_line(error)})") from error


def fetch(url: str, *, max_bytes: int, allow_private: bool = False, timeout: float = 20.0) -> Fetched:
    """Return the body of a URL, following at most MAX_REDIRECTS redirects, each one re-checked.

    Raises NetworkRefused for a scheme other than http(s) or a private address, and
    InputError for timeouts, HTTP errors, too many redirects and bodies over ``max_bytes``.
    """

    deadline = time.monotonic() + timeout * TOTAL_TIMEOUTS
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise InputError(url, f"not a valid URL ({one_line(error)})") from error
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            address = _checked_address(url, current, allow_private)
            headers = {"Host": current.netloc.decode("ascii"), "User-Agent": USER_AGENT}
            # Connect to the checked address; TLS still verifies the certificate for the host name.
            pinned = current.copy_with(host=address)
            try:
                with client.stream(
                    "GET",
                    pinned,
                    headers=headers,
                    extensions={"sni_hostname": current.raw_host.decode("ascii")},
                ) as response:
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECTS and location:
                        current = _redirect_target(url, current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                    body = _read_body(url, response, max_bytes, deadline, timeout)
                    media_type = response.headers.get("content-type", "").split(";", 1)[0]
                    return Fetched(str(current), media_type.strip().lower(), body)
            except httpx.TimeoutException as error:
                raise InputError(url, f"timed out after {timeout:g} s") from error
            except httpx.HTTPError as error:
                raise InputError(url, f"cannot fetch ({one_line(error) or type(error).__name__})") from error
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def read_url(
    url: str, *, max_bytes: int, allow_private: bool = False, timeout: float = 20.0
) -> Iterator[Document | InputError]:
    """Yield the Documents of a URL, read by the reader its Content-Type (or content) calls for."""
    try:
        fetched = fetch(url, max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
    except InputError as error:
        yield error
        return
    if not fetched.body.strip():
        yield InputError(url, "empty response")
        return
    if fetched.content_type in _CONTENT_TYPES:
        format_name = _CONTENT_TYPES[fetched.content_type]
    elif fetched.content_type in ("", "application/octet-stream") or fetched.content_type.startswith("text/"):
        format_name = sniff_format(fetched.body)
    else:
        yield InputError(url, f"unsupported content type '{fetched.content_type}'")
        return
    try:
        yield from READERS[format_name](fetched.body, url, url=fetched.url)
    except InputError as error:
        yield error
