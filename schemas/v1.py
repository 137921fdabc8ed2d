"""Schema version 1 of the archive's three tables.

Versioning: MAJOR changes when a column is removed, renamed or changes type
(consumers must adapt); MINOR when a nullable column is added (old readers keep
working). The version is stored in every Parquet file's key-value metadata
(`newsarchive.schema_version`) and in a `schema_version` column.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.0"

TS = pa.timestamp("us", tz="UTC")
REMOVAL = pa.struct([("rule", pa.string()), ("text", pa.string())])
REPAIR = pa.struct([("rule", pa.string()), ("before", pa.string()), ("after", pa.string())])
CAPTION = pa.struct([("caption", pa.string()), ("credit", pa.string())])

# Column every table is partitioned by (hive style, `published_month=2021-11`).
# Not stored inside the files; readers get it from the path.
PARTITION = "published_month"


def _f(name, type_, nullable=True, doc=""):
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc} if doc else None)


PROVENANCE = [
    _f("schema_version", pa.string(), False, "Schema version of this row, e.g. 1.0"),
    _f("pipeline_version", pa.string(), False, "newsarchive version that produced the row"),
    _f("archived_at", TS, False, "When the row was written (UTC)"),
    _f("flow_run_id", pa.string(), True, "Prefect flow run that wrote the row"),
]

DOCUMENTS = pa.schema(
    [
        _f("doc_id", pa.string(), False, "Stable id: sha256 of source_uri, first 32 hex chars"),
        _f("source_uri", pa.string(), False, "Canonical URL when the page states one, else file:// URI"),
        _f("source_path", pa.string(), True, "Local path the bytes were read from"),
        _f("source_sha256", pa.string(), False, "sha256 of the raw input bytes"),
        _f("source_bytes", pa.int64(), False, "Size of the raw input in bytes"),
        _f("source_format", pa.string(), False, "html | text"),
        _f("encoding", pa.string(), True, "Encoding the bytes were decoded with"),
        _f("kind", pa.string(), False, "article | liveblog"),
        _f("site", pa.string(), True, "Site the page was recognised as (cnn, ...), null if unknown"),
        _f("language", pa.string(), True, "Language stated by the page, if any"),
        _f("title", pa.string(), True),
        _f("byline", pa.string(), True, "Byline as printed, link syntax removed"),
        _f("authors", pa.list_(pa.string()), False),
        _f("published", TS, True, "Publication time, UTC"),
        _f("published_source", pa.string(), True, "How published was found: header, dateline, html:..."),
        _f("published_precision", pa.string(), True, "minute | day: a day-precision value is midnight of that day"),
        _f("updated", TS, True, "Last-updated time printed by the page, UTC"),
        _f("body", pa.string(), False, "Clean text, paragraphs separated by one blank line"),
        _f("captions", pa.list_(CAPTION), False, "Image captions and credits taken out of the body"),
        _f("video_title", pa.string(), True, "Title of a video card fused into the page header"),
        _f("removed", pa.list_(REMOVAL), False, "What the cleaner dropped, and the rule that did"),
        _f("repairs", pa.list_(REPAIR), False, "What the cleaner changed or flagged: rule, before, after"),
        _f("declared_posts", pa.int32(), True, "Live blogs: the page's own post count"),
        _f("post_count", pa.int32(), False, "Live blogs: posts found (0 for articles)"),
        _f("near_duplicate_of", pa.string(), True, "doc_id of an earlier near-duplicate, if any"),
        _f("near_duplicate_score", pa.float32(), True, "Estimated Jaccard similarity to near_duplicate_of"),
        *PROVENANCE,
    ],
    metadata={"newsarchive.table": "documents", "newsarchive.schema_version": SCHEMA_VERSION},
)

POSTS = pa.schema(
    [
        _f("post_id", pa.string(), False, "doc_id + ':' + position"),
        _f("doc_id", pa.string(), False, "Parent live blog in documents"),
        _f("position", pa.int32(), False, "0-based order on the page (live blogs run newest first)"),
        _f("headline", pa.string(), True),
        _f("byline", pa.string(), True),
        _f("authors", pa.list_(pa.string()), False),
        _f("published", TS, True),
        _f("published_source", pa.string(), True, "explicit | inferred:<how>; null when unknown"),
        _f("published_precision", pa.string(), True, "minute | day"),
        _f("body", pa.string(), False),
        _f("captions", pa.list_(CAPTION), False),
        _f("repeated_inserts", pa.list_(pa.string()), False, "Paragraphs of this post also found in other posts of the page"),
        *PROVENANCE,
    ],
    metadata={"newsarchive.table": "posts", "newsarchive.schema_version": SCHEMA_VERSION},
)

REJECTS = pa.schema(
    [
        _f("doc_id", pa.string(), False, "The id the document would have had"),
        _f("source_uri", pa.string(), False),
        _f("source_path", pa.string(), True),
        _f("source_sha256", pa.string(), True, "Null when the bytes could not be read"),
        _f("source_bytes", pa.int64(), True),
        _f("stage", pa.string(), False, "read | decode | detect | extract | clean | validate"),
        _f("reason", pa.string(), False, "Human-readable reason"),
        *PROVENANCE,
    ],
    metadata={"newsarchive.table": "rejects", "newsarchive.schema_version": SCHEMA_VERSION},
)

TABLES: dict[str, pa.Schema] = {"documents": DOCUMENTS, "posts": POSTS, "rejects": REJECTS}
ENUMS = {
    ("documents", "source_format"): {"html", "text"},
    ("documents", "kind"): {"article", "liveblog"},
    ("rejects", "stage"): {"read", "decode", "detect", "extract", "clean", "validate"},
}
