"""Screenshot test: the `inspect --html` report rendered by a real headless browser (Debian's chromium).

`make test` installs chromium when missing (Makefile target `browser`). The PNG
is decoded with plain `zlib` (no imaging library): we check its size, that it
is not blank, and that the colours of dropped lines and of repairs are painted.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter

import pytest
from click.testing import CliRunner

from newsarchive.cli import main
from newsarchive.inspect_html import AFTER_BG, DROPPED_BG
from tests.helpers import seed_path

WIDTH, HEIGHT = 1200, 2000
CHROMIUM = shutil.which("chromium")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed: run `make browser` (needs root)")


def read_png(path) -> tuple[int, int, list[bytes], int]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG: (width, height, rows, bytes per pixel)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])[0]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    assert depth == 8 and colour in (2, 6) and interlace == 0, ihdr
    bpp = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(b"".join(idat)), width * bpp
    assert len(raw) == height * (stride + 1)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride):
                line[x] = (line[x] + (((line[x - bpp] if x >= bpp else 0) + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def _rgb(hex_colour: str) -> bytes:
    return bytes.fromhex(hex_colour.lstrip("#"))


def test_report_renders_in_headless_chromium(tmp_path):
    report, png = tmp_path / "report.html", tmp_path / "report.png"
    res = CliRunner().invoke(main, ["inspect", str(seed_path("000")), "--html", str(report)])
    assert res.exit_code == 0, res.output
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}",
         report.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert png.exists()
    width, height, rows, bpp = read_png(png)
    assert (width, height) == (WIDTH, HEIGHT)

    colours = Counter(row[x : x + 3] for row in rows for x in range(0, len(row), bpp))
    assert len(colours) > 200, "blank or nearly blank page"  # text anti-aliasing alone gives hundreds
    (top, top_n), = colours.most_common(1)
    assert top_n < 0.8 * WIDTH * HEIGHT, "one colour fills the page"
    # Dropped lines and repaired lines (after) are painted in their colours: whole rows of them, not
    # just the colour key's swatches (~130 pixels each).
    for name, colour in (("dropped", DROPPED_BG), ("after", AFTER_BG)):
        assert colours[_rgb(colour)] > 20 * 600, f"{name} colour {colour} barely painted"
