"""The record model shared by every step: plain frozen dataclasses.

read -> detect -> clean -> split -> validate -> write; each step takes one of
these and returns the next, none reaches back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Source:
    """Raw input exactly as read: where it came from and its bytes."""

    uri: str
    data: bytes
    path: str | None = None  # local path when the source is a file

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Removal:
    """A piece of input the cleaner dropped, and the rule that dropped it."""

    rule: str
    text: str


@dataclass(frozen=True)
class Repair:
    """A piece of input the cleaner changed: before, after, and the rule."""

    rule: str
    before: str
    after: str


@dataclass(frozen=True)
class Caption:
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class Timestamp:
    """A point in time and how we know it.

    `source` says where it came from (`header`, `dateline`, `explicit`,
    `inferred:...`); `precision` is `minute`, `second` or `day` so a consumer
    never mistakes a date for a time; `kind` is `published` or `updated`.
    """

    value: datetime  # timezone-aware
    source: str
    precision: str = "minute"
    kind: str = "published"


@dataclass(frozen=True)
class Post:
    position: int  # 0-based, in page order
    headline: str | None
    byline: str | None
    authors: tuple[str, ...]
    published: Timestamp | None
    body: str
    captions: tuple[Caption, ...] = ()
    repeated_inserts: tuple[str, ...] = ()  # text also found in other posts of the page


@dataclass(frozen=True)
class Document:
    """A cleaned document, ready for validation and writing."""

    source_uri: str
    source_sha256: str
    source_bytes: int
    source_format: str  # "html" | "text"
    kind: str  # "article" | "liveblog"
    site: str | None
    title: str | None
    authors: tuple[str, ...]
    published: Timestamp | None
    updated: Timestamp | None
    body: str
    removed: tuple[Removal, ...] = ()
    repairs: tuple[Repair, ...] = ()
    posts: tuple[Post, ...] = ()
    declared_posts: int | None = None  # the page's own count ("19 Posts"), if any
    captions: tuple[Caption, ...] = ()
    byline: str | None = None
    video_title: str | None = None  # a video card's title fused into the header
    encoding: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    source_path: str | None = None


class Reject(Exception):
    """An input that cannot be archived; `stage` says where, `reason` why."""

    def __init__(self, stage: str, reason: str):
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason
