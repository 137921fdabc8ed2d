"""Small WARC files built with warcio's WARCWriter, for the discovery, reading and flow tests.

Nothing is fetched: every page is written here. `build(folder)` makes a mixed
input folder (text dumps, .html, .html.gz, WARCs) and returns what each input
should become.
"""
from __future__ import annotations

import gzip
import io
import shutil
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.helpers import seed_path

STORIES = {
    "bridge": ("River flood closes bridge",
               ["The old stone bridge over the Wend river was closed on Tuesday after the water rose above the "
                "warning mark for the first time in a decade.",
                "Engineers from the county said the arches were sound but that debris carried by the current had "
                "struck the central pier several times overnight.",
                "Traffic was sent through the ring road, adding about twenty minutes to journeys into the town "
                "centre during the morning rush."]),
    "library": ("Library reopens after two-year restoration",
                ["The public library on Market Street reopened its doors on Saturday after a restoration that "
                 "replaced the roof, the wiring and every one of its tall arched windows.",
                 "Volunteers spent the final week carrying eleven thousand books back onto shelves that had been "
                 "stored in a church hall since the work began.",
                 "The head librarian said the reading room would now stay open until nine in the evening."]),
    "orchard": ("Frost threatens apple harvest in the valley",
                ["Growers in the upper valley lit braziers between the rows on Wednesday night as temperatures "
                 "fell to four degrees below freezing just as the blossom opened.",
                 "A cooperative that buys most of the local crop said it was too early to say how much fruit had "
                 "been lost, but that the damage looked patchy rather than total.",
                 "Insurers have been asked to send assessors before the end of the month."]),
    "ferry": ("Night ferry returns to the island route",
              ["The night ferry to the northern island sailed again on Friday for the first time since its engine "
               "failed in the spring storms.",
               "Islanders who commute to the mainland hospital welcomed the return, saying the single day boat had "
               "left them without a way home after late shifts.",
               "The operator said a second vessel would be chartered if the repaired engine gave any trouble."]),
    "market": ("Farmers market moves to the old station yard",
               ["The weekly farmers market will move to the old station yard in June, the town council decided on "
                "Monday after traders complained about the lack of shade on the square.",
                "Forty stalls have signed up for the new site, which has a covered platform and room for a "
                "dozen more.",
                "Parking will be free on market mornings for the first three months."]),
}


def page(key: str, body_extra: str = "") -> bytes:
    """An article page with no canonical link (so source_uri is the capture's URL)."""
    title, paras = STORIES[key]
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{title}</h1>{ps}{body_extra}'
            f"</article><footer>Copyright Riverside Gazette</footer></body></html>").encode()


def first_sentence(key: str) -> str:
    return STORIES[key][1][0]


def chunked(data: bytes, size: int = 100) -> bytes:
    """`data` in HTTP/1.1 chunked transfer encoding."""
    out = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size]) for i in range(0, len(data), size))
    return out + b"0\r\n\r\n"


def response(w: WARCWriter, uri: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK",
             headers: tuple = (), date: str | None = None, warc_headers: dict | None = None) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype), *headers], protocol="HTTP/1.1")
    wh = dict(warc_headers or {})
    if date:
        wh["WARC-Date"] = date
    rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                               warc_headers_dict=wh or None)
    w.write_record(rec)


def request(w: WARCWriter, uri: str) -> None:
    host = uri.split("/")[2]
    http = StatusAndHeaders(f"GET /{uri.split('/', 3)[-1]} HTTP/1.1", [("Host", host)], is_http_request=True)
    w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http))


def warcinfo(w: WARCWriter) -> None:
    w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "tests", "format": "WARC/1.1"}))


def crawl(path: Path, gz: bool = True, date: str = "2024-05-01T10:00:00Z") -> dict[str, str]:
    """A WARC with three HTML pages (plain, gzip content encoding, chunked) and five records that are not
    inputs (warcinfo, a request, a PNG, a redirect, a revisit). Returns {URL: story key}."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    warcinfo(w)
    request(w, "https://gazette.example/news/bridge")
    response(w, "https://gazette.example/news/bridge", page("bridge"), date=date)
    response(w, "https://gazette.example/news/library", gzip.compress(page("library")),
             headers=(("Content-Encoding", "gzip"),), date=date)
    response(w, "https://gazette.example/news/orchard", chunked(page("orchard")),
             headers=(("Transfer-Encoding", "chunked"),), date=date)
    response(w, "https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ctype="image/png", date=date)
    response(w, "https://gazette.example/old", b"", status="301 Moved Permanently",
             headers=(("Location", "https://gazette.example/news/bridge"),), date=date)
    revisit = w.create_revisit_record("https://gazette.example/news/bridge", "sha1:AAAA",
                                      "https://gazette.example/news/bridge", date)
    w.write_record(revisit)
    path.write_bytes(buf.getvalue())
    return {"https://gazette.example/news/bridge": "bridge", "https://gazette.example/news/library": "library",
            "https://gazette.example/news/orchard": "orchard"}


def truncated(path: Path) -> tuple[str, str]:
    """An uncompressed WARC cut inside its second page: (URL of the whole page, URL of the cut one)."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    response(w, "https://post.example/ferry", page("ferry"))
    response(w, "https://post.example/market", page("market"))
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 300])
    return "https://post.example/ferry", "https://post.example/market"


def build(folder: Path) -> dict:
    """A folder mixing two text dumps, an .html, an .html.gz, a .warc.gz, a WARC with no .warc name and a
    truncated .warc. Returns what the tests expect of it."""
    folder.mkdir(parents=True, exist_ok=True)
    for prefix in ("000", "003"):
        shutil.copy(seed_path(prefix), folder / seed_path(prefix).name)
    (folder / "bridge.html").write_bytes(page("bridge"))  # the same page as a file: a different input (file:// URI)
    (folder / "market.html.gz").write_bytes(gzip.compress(page("market")))
    pages = crawl(folder / "crawl.warc.gz")
    crawl_b = io.BytesIO()  # content, not the name, makes a WARC: an uncompressed one called capture.dat
    w = WARCWriter(crawl_b, gzip=False)
    response(w, "https://gazette.example/news/ferry", page("ferry"), date="2024-05-02T09:00:00Z")
    (folder / "capture.dat").write_bytes(crawl_b.getvalue())
    pages["https://gazette.example/news/ferry"] = "ferry"
    whole, cut = truncated(folder / "partial.warc")
    pages[whole] = "ferry"
    return {"pages": pages, "cut": cut, "files": 4, "not_inputs": 5}


def gzip_member_offsets(data: bytes) -> list[int]:
    """Where each gzip member of a .warc.gz starts."""
    offsets, pos = [], 0
    while pos < len(data):
        offsets.append(pos)
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(data[pos:])
        pos = len(data) - len(d.unused_data)
    return offsets
