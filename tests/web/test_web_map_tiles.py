"""The map page draws its markers on web map tiles when the tile server answers, else the offline SVG.

Tiles come from a small HTTP server on 127.0.0.1 started here; every browser request to any
other address is refused and recorded, so these tests never leave the machine.
"""

from __future__ import annotations

import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from test_web_browser import check_accessibility
from web_corpus import SCRIPT, fill

from sitroom.errors import ConfigError
from sitroom.web.app import check_tile_url, create_app

TILE_PATH = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")
ATTRIBUTION = "© OpenStreetMap contributors"

# The map frames Ukraine, where most events are: three in Kramatorsk drawn as one cluster,
# one in Rostov-on-Don; Evilton, far away, is left out of the frame.
CLUSTERS = 2


def tile_png(size: int = 256) -> bytes:
    """Return a size×size PNG: pale blue with a darker line along its top and left edges."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    edge, fill_colour = bytes((120, 140, 160)), bytes((200, 225, 235))
    rows = [b"\x00" + edge * size] + [b"\x00" + edge + fill_colour * (size - 1)] * (size - 1)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


class TileServer:
    """Serves the same PNG at every /{z}/{x}/{y}.png on a free loopback port; records the paths asked."""

    def __init__(self) -> None:
        png = tile_png()
        self.paths: list[str] = []
        paths = self.paths

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                if not TILE_PATH.match(self.path):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(png)))
                self.end_headers()
                self.wfile.write(png)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def tile_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"

    def __enter__(self) -> TileServer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    with TileServer() as server:
        yield server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield int(sock.getsockname()[1])


def use_tiles(live_server: Any, tile_url: str | None) -> None:
    """Point the running app's map page at ``tile_url`` (None: no tiles), as ``create_app`` would."""
    live_server.app.state.tile_url = check_tile_url(tile_url)


@pytest.fixture
def page_on_loopback(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page whose requests to anywhere but 127.0.0.1 are refused; yields it with the refused URLs."""
    refused: list[str] = []

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.route("**/*", guard)
    yield context.new_page(), refused
    context.close()


def svg_marker_links(page: Any) -> list[str]:
    return sorted(
        page.locator("svg.map a.marker").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )


def test_markers_are_drawn_on_tiles_when_the_tile_server_answers(
    live_server: Any, tile_server: TileServer, page_on_loopback: tuple[Any, list[str]], shots: Path
) -> None:
    use_tiles(live_server, tile_server.tile_url)
    page, refused = page_on_loopback
    page.goto(live_server.url + "/map")
    page.wait_for_selector('#map[data-tiles="shown"]')
    assert not page.locator("svg.map").is_visible()
    tile_map = page.get_by_role("region", name="Map of 4 located events on web map tiles")
    assert tile_map.is_visible()
    tiles = tile_map.locator("img")
    assert tiles.count() >= 4  # 800×440 px always spans at least two columns and two rows of tiles
    assert set(tiles.evaluate_all("els => els.map(e => e.getAttribute('alt'))")) == {""}
    assert tiles.evaluate_all("els => els.every(e => e.complete && e.naturalWidth === 256)")
    markers = tile_map.locator("a.marker")
    assert markers.count() == CLUSTERS
    assert tile_map.locator("a.marker.cluster").inner_text() == "3"  # the three Kramatorsk events
    links = sorted(markers.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert links == svg_marker_links(page)
    assert all(link.startswith(("/events/", "/timeline?place=")) for link in links)
    assert tile_map.locator("p.attribution").inner_text() == ATTRIBUTION
    assert tile_map.get_by_role("link", name="OpenStreetMap").get_attribute("href") == (
        "https://www.openstreetmap.org/copyright"
    )
    zooms = {TILE_PATH.match(path).group(1) for path in tile_server.paths}  # type: ignore[union-attr]
    assert len(zooms) == 1  # the probe and the layer use one zoom, fitted to the events
    check_accessibility(page)
    page.screenshot(path=str(shots / "map-tiles.png"), full_page=True)

    rostov = tile_map.get_by_role("link", name=re.compile("in Rostov-on-Don"))
    href = rostov.get_attribute("href")
    rostov.click()
    page.wait_for_url(live_server.url + href)
    assert page.locator("h1").inner_text().endswith("event")
    assert refused == []


def test_the_svg_map_stays_when_the_tile_server_cannot_be_reached(
    live_server: Any, page_on_loopback: tuple[Any, list[str]], shots: Path
) -> None:
    use_tiles(live_server, f"http://127.0.0.1:{free_port()}/{{z}}/{{x}}/{{y}}.png")
    page, refused = page_on_loopback
    page.goto(live_server.url + "/map")
    page.wait_for_selector('#map[data-tiles="unavailable"]')
    assert page.locator("svg.map").is_visible()
    assert page.locator("svg.map a.marker").count() == CLUSTERS
    assert page.locator("svg.map text.place", has_text="Kramatorsk").is_visible()
    assert page.locator(".tilemap").count() == 0
    check_accessibility(page)
    page.screenshot(path=str(shots / "map-unreachable.png"), full_page=True)
    assert refused == []


def test_the_svg_map_stays_when_the_tile_server_never_answers(
    live_server: Any, silent_port: int, page_on_loopback: tuple[Any, list[str]]
) -> None:
    use_tiles(live_server, f"http://127.0.0.1:{silent_port}/{{z}}/{{x}}/{{y}}.png")
    page, refused = page_on_loopback
    page.goto(live_server.url + "/map", wait_until="domcontentloaded")  # the probe delays "load"
    assert page.locator("#map").get_attribute("data-tiles") == "probing"
    assert page.locator("svg.map").is_visible()
    page.wait_for_selector('#map[data-tiles="unavailable"]', timeout=30_000)
    assert page.locator("svg.map a.marker").count() == CLUSTERS
    assert page.locator(".tilemap").count() == 0
    assert refused == []


def test_with_tiles_turned_off_the_page_is_the_offline_svg_map(
    live_server: Any, page_on_loopback: tuple[Any, list[str]], shots: Path
) -> None:
    use_tiles(live_server, "")
    page, refused = page_on_loopback
    page.goto(live_server.url + "/map")
    assert page.locator("#map").get_attribute("data-tiles") == "off"
    assert page.locator("#map-tiles").count() == 0
    assert page.locator("svg.map").is_visible()
    assert page.locator("svg.map a.marker").count() == CLUSTERS
    page.locator("svg.map a.marker").first.hover()
    assert page.locator("tr.highlight").count() == 1
    page.screenshot(path=str(shots / "map-off.png"), full_page=True)
    assert refused == []


def test_without_javascript_the_svg_map_stays_and_no_tile_is_fetched(
    live_server: Any, tile_server: TileServer, browser: Any
) -> None:
    use_tiles(live_server, tile_server.tile_url)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/map")
    assert page.locator("svg.map").is_visible()
    assert page.locator("svg.map a.marker").count() == CLUSTERS
    assert page.locator(".tilemap").count() == 0
    context.close()
    assert tile_server.paths == []


def test_the_top_latitude_label_is_inside_the_svg_map(live_server: Any) -> None:
    use_tiles(live_server, None)
    html = httpx.get(live_server.url + "/map", timeout=10).text
    label_ys = [float(y) for y in re.findall(r'<text x="4" y="([-\d.]+)">\d+°[NS]</text>', html)]
    assert label_ys
    assert min(label_ys) >= 12  # the text is 12 px high and its y is its baseline


def test_hostile_place_names_stay_data_in_the_tile_markers(live_server: Any, tile_server: TileServer) -> None:
    use_tiles(live_server, tile_server.tile_url)
    html = httpx.get(live_server.url + "/map?whole=true", timeout=10).text
    block = re.search(r'<script type="application/json" id="map-tiles">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1)
    tiles = json.loads(block.group(1))
    assert tiles["url"] == tile_server.tile_url
    assert any('Evilton"><img src=x onerror=alert(1)>' in m["label"] for m in tiles["markers"])
    assert len(tiles["markers"]) == 3  # Kramatorsk (3 events), Rostov-on-Don, Evilton
    assert SCRIPT not in html


@pytest.mark.parametrize(
    "tile_url",
    ["ftp://tiles.example/{z}/{x}/{y}.png", "https:///{z}/{x}/{y}.png", "https://tiles.example/{z}/{x}.png"],
)
def test_an_unusable_tile_url_is_refused_before_serving(tile_url: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"tile URL {tile_url}: ")):
        create_app(str(tmp_path / "never-opened.db"), tile_url=tile_url)
    assert not (tmp_path / "never-opened.db").exists()


def test_serve_with_an_empty_tile_url_in_the_environment_serves_the_offline_map(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    fill(str(db)).close()
    port = free_port()
    env = {**os.environ, "SITROOM_TILE_URL": ""}
    command = [sys.executable, "-m", "sitroom", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                html = httpx.get(f"http://127.0.0.1:{port}/map", timeout=5).text
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "sitroom serve did not answer"
                time.sleep(0.2)
        assert 'data-tiles="off"' in html
        assert "map-tiles" not in html
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "offline map" in errors


def test_serve_refuses_a_tile_url_without_tile_coordinates(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitroom",
            "serve",
            "--db",
            str(tmp_path / "x.db"),
            "--tile-url",
            "https://t.example/a.png",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 6
    assert done.stderr.strip().startswith("sitroom: tile URL https://t.example/a.png: lacks {z}, {x}, {y}")
