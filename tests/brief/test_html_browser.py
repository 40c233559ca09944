"""The HTML brief opens in a real browser (Debian's chromium, headless) with headings and charts shown."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from sqlalchemy import Engine

from sitroom.brief import write_brief

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HEADINGS = [
    "Key developments",
    "Casualties",
    "Money and sanctions",
    "People and organisations",
    "Contested and unconfirmed claims",
    "Charts",
    "Sources",
]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG into (width, height, rows of raw pixel bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(chunks)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if filter_type == 1:
                line[x] = (line[x] + left) & 0xFF
            elif filter_type == 2:
                line[x] = (line[x] + up) & 0xFF
            elif filter_type == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line[: width * channels : channels]))  # the red channel is enough
        previous = line
    return width, height, rows


def test_html_brief_shows_headings_and_three_charts_in_chromium(corpus: Engine, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "brief.html"
    page_file.write_text(write_brief(corpus, fmt="html").html, encoding="utf-8")
    screenshot = tmp_path / "brief.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(page_file.as_uri())
            assert page.locator("h1").inner_text() == "Situation report"
            for heading in HEADINGS:
                assert page.get_by_role("heading", name=heading, level=2).is_visible(), heading
            for chart in ("chart-casualties", "chart-events", "chart-network"):
                svg = page.locator(f"svg#{chart}")
                assert svg.is_visible(), chart
                assert svg.bounding_box()["height"] > 100  # type: ignore[index]
                title = svg.locator(":scope > title").text_content() or ""
                assert title and page.get_by_role("img", name=title).count() == 1
            page.locator("a.cite", has_text="[1]").first.click()
            assert page.locator("#src-1 blockquote").is_visible()
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    width, height, rows = png_pixels(screenshot.read_bytes())
    assert width >= 1000 and height > 2000
    values = [value for row in rows[::10] for value in row[::10]]
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    assert variance > 100, "the screenshot is blank"
    assert min(values) < 80 and max(values) > 200
