"""Show a cleaned document to a person (text) or a program (JSON)."""
from __future__ import annotations

import json
from datetime import datetime

from cleaners.model import Document
from newsarchive import __version__


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value))


def document_json(doc: Document, uri: str) -> str:
    """The same fields as the Parquet records: the document row plus `posts`."""
    # Imported here: schemas pulls in pyarrow (~0.3 s), which plain-text `newsarchive clean` never needs.
    from schemas.records import RunContext, doc_id_for, document_row, post_rows
    from schemas.v1 import PARTITION

    ctx = RunContext.now(__version__, None)
    doc_id = doc_id_for(uri)
    row = document_row(doc, doc_id, ctx)
    row.pop(PARTITION)
    row["posts"] = [{k: v for k, v in p.items() if k != PARTITION} for p in post_rows(doc, doc_id, ctx)]
    return json.dumps(row, default=_plain, ensure_ascii=False, indent=2)


def document_text(doc: Document) -> str:
    out = []
    pub = doc.published
    head = [
        ("title", doc.title), ("site", doc.site), ("kind", doc.kind), ("authors", ", ".join(doc.authors) or None),
        ("published", f"{pub.value.isoformat()} ({pub.source}, {pub.precision})" if pub else None),
        ("updated", doc.updated.value.isoformat() if doc.updated else None),
        ("source", doc.source_uri),
    ]
    out += [f"{k:>10}: {v}" for k, v in head if v]
    out += ["", doc.body]
    for p in doc.posts:
        when = f"{p.published.value.isoformat()} ({p.published.source})" if p.published else "time unknown"
        out += ["", f"--- post {p.position}: {p.headline or '(no headline)'}", f"    {p.byline or '(no byline)'} | {when}"]
        out += [f"    [caption] {c.caption or ''} ({c.credit or ''})" for c in p.captions]
        out += ["", p.body]
    out += ["", f"[{len(doc.removed)} lines removed, {len(doc.repairs)} repairs; see `newsarchive inspect`]"]
    return "\n".join(out)
