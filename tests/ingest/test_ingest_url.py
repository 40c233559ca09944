"""Fetching URLs from a real HTTP server on 127.0.0.1 started by the test."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitroom.errors import InputError, NetworkRefused
from sitroom.ingest import read_inputs
from sitroom.ingest.url import MAX_REDIRECTS, refused_address
from sitroom.model import Document

PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><title>Ceasefire talks resume</title></head><body>"
    b"<article><p>Delegations from both sides met in Istanbul on Monday, the foreign ministry said.</p>"
    b"</article></body></html>"
)
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
    b"<item><title>First</title><link>https://example.org/1</link><description>One.</description></item>"
    b"<item><title>Second</title><link>https://example.org/2</link><description>Two.</description></item>"
    b"</channel></rss>"
)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def send_body(self, body: bytes, content_type: str, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/page":
            self.send_body(PAGE, "text/html; charset=utf-8")
        elif self.path == "/feed":
            self.send_body(FEED, "application/rss+xml")
        elif self.path == "/plain":
            self.send_body(b"Title: Wire\n\nShelling continued overnight.", "application/octet-stream")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/big":
            self.send_body(b"x" * 5000, "text/plain")
        elif self.path == "/big-streamed":
            self.send_body(b"y" * 5000, "text/plain", length=False)
        elif self.path == "/slow":
            time.sleep(1.5)
            try:
                self.send_body(PAGE, "text/html")
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up waiting, as the test expects
        elif self.path == "/image":
            self.send_body(b"\x89PNG\r\n\x1a\n", "image/png")
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str, **options: object) -> list[Document | InputError]:
    options.setdefault("allow_private", True)
    return list(read_inputs([url], **options))  # type: ignore[arg-type]


def only_error(url: str, **options: object) -> InputError:
    results = fetch(url, **options)
    assert len(results) == 1, results
    assert isinstance(results[0], InputError), results[0]
    assert str(results[0]).startswith(f"{url}: ") and "\n" not in str(results[0])
    return results[0]


def test_page_is_read_when_private_addresses_are_allowed(base_url: str) -> None:
    [document] = fetch(f"{base_url}/page")
    assert isinstance(document, Document)
    assert (
        document.text == "Delegations from both sides met in Istanbul on Monday, the foreign ministry said."
    )
    assert document.title == "Ceasefire talks resume"
    assert document.url == document.origin == f"{base_url}/page"


def test_feed_url_gives_a_document_per_item_with_item_links(base_url: str) -> None:
    results = fetch(f"{base_url}/feed")
    assert [(d.text, d.url, d.origin) for d in results if isinstance(d, Document)] == [
        ("First\n\nOne.", "https://example.org/1", f"{base_url}/feed"),
        ("Second\n\nTwo.", "https://example.org/2", f"{base_url}/feed"),
    ]


def test_untyped_body_is_sniffed(base_url: str) -> None:
    [document] = fetch(f"{base_url}/plain")
    assert isinstance(document, Document) and (document.title, document.text) == (
        "Wire", "Shelling continued overnight.",
    )  # fmt: skip


def test_redirect_is_followed_and_the_final_url_kept(base_url: str) -> None:
    [document] = fetch(f"{base_url}/moved")
    assert isinstance(document, Document)
    assert document.url == f"{base_url}/page" and document.origin == f"{base_url}/moved"


def test_loopback_is_refused_without_allow_private(base_url: str) -> None:
    error = only_error(f"{base_url}/page", allow_private=False)
    assert isinstance(error, NetworkRefused)
    assert error.problem == "resolves to private address 127.0.0.1; use --allow-private to fetch it"


def test_slow_server_times_out(base_url: str) -> None:
    assert "timed out" in only_error(f"{base_url}/slow", timeout=0.3).problem


def test_redirect_loop_is_stopped(base_url: str) -> None:
    assert only_error(f"{base_url}/loop").problem == f"more than {MAX_REDIRECTS} redirects"


@pytest.mark.parametrize("path", ["/big", "/big-streamed"])
def test_body_over_the_size_cap(base_url: str, path: str) -> None:
    problem = only_error(f"{base_url}{path}", max_bytes=1000).problem
    assert "over the limit of 1000" in problem and "--max-bytes" in problem


def test_http_error_status(base_url: str) -> None:
    assert only_error(f"{base_url}/missing").problem == "HTTP 404 Not Found"


def test_unsupported_content_type(base_url: str) -> None:
    assert only_error(f"{base_url}/image").problem == "unsupported content type 'image/png'"


def test_other_schemes_are_refused() -> None:
    error = only_error("file:///etc/passwd")
    assert isinstance(error, NetworkRefused)
    assert error.problem == "only http and https URLs are fetched, not file://"


@pytest.mark.parametrize(
    ("address", "refused"),
    [("10.0.0.1", True), ("192.168.1.20", True), ("169.254.169.254", True), ("::1", True),
     ("::ffff:127.0.0.1", True), ("224.0.0.1", True), ("0.0.0.0", True), ("100.64.0.1", True),
     ("fe80::1", True), ("93.184.216.34", False), ("2606:4700::1111", False)],
)  # fmt: skip
def test_private_and_special_addresses_are_refused(address: str, refused: bool) -> None:
    assert refused_address(address) is refused
