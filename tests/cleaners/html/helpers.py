"""Shared bits for the HTML tests: fixture paths and a one-call clean."""
from __future__ import annotations

from pathlib import Path

from cleaners.model import Document, Source
from cleaners.pipeline import clean_source

HTML_DATA = Path(__file__).resolve().parents[2] / "data" / "html"


def fixture(name: str) -> Path:
    return HTML_DATA / name


def clean_file(name: str) -> Document:
    path = fixture(name)
    return clean_source(Source(path.as_uri(), path.read_bytes(), str(path)))


def clean_html_text(html: str, name: str = "page.html") -> Document:
    return clean_source(Source(f"file:///tmp/{name}", html.encode("utf-8"), f"/tmp/{name}"))
