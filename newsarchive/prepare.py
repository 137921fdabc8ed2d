"""One document, from bytes to checked rows: clean -> rows -> validate -> fingerprint.

This is the per-document CPU work of a batch (newsarchive/batch.py), which
collects the `Prepared` results and writes the staged files. The whole batch
runs in the watchdog's child process (newsarchive/watchdog.py) when the run has
hard limits, else in the batch's own thread or process, so two batches in
flight keep two cores busy instead of queueing on the flow process's GIL.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from cleaners import neardup
from cleaners.model import Reject, Source
from cleaners.pipeline import Limits
from newsarchive.ahead import cleaned
from schemas.records import RunContext, document_row, post_rows
from schemas.validate import InvalidRecord, check_row


@dataclass(frozen=True)
class Prepared:
    """What the batch needs of one cleaned document (plain data: it crosses a process boundary)."""

    doc_row: dict
    post_rows: list[dict]
    signature: bytes | None  # near-duplicate fingerprint, NUM_PERM little-endian uint32; None: too short
    rules: tuple[str, ...]  # the rule of every removal and repair, for the run summary
    declared_posts: int | None
    posts: int


def rows_of(doc, doc_id: str, ctx: RunContext) -> tuple[dict, list[dict]]:
    """The document's rows, checked against the schema's rules; a misfit is a reject.

    Required values and allowed values are checked here, per document. Arrow's own checks
    (types, encodable text) run once per batch when the batch builds its tables, with a
    per-document fallback there (newsarchive/batch.py): converting one row at a time
    cost more than the rest of this step.
    """
    doc_row = document_row(doc, doc_id, ctx)
    p_rows = post_rows(doc, doc_id, ctx)
    try:
        check_row("documents", doc_row)
        for row in p_rows:
            check_row("posts", row)
    except InvalidRecord as exc:
        raise Reject("validate", str(exc)[:500]) from None
    return doc_row, p_rows


def fingerprint(doc_row: dict, post_rows: list[dict]) -> bytes | None:
    """The near-duplicate signature of a document, from its rows (its body and its posts' bodies)."""
    sig = neardup.signature(neardup.document_text(doc_row["body"], [r["body"] for r in post_rows]))
    return None if sig is None else sig.astype("<u4").tobytes()


def fingerprinted(done: Prepared) -> Prepared:
    return replace(done, signature=fingerprint(done.doc_row, done.post_rows))


def prepare(source: Source, limits: Limits, doc_id: str, ctx: RunContext, fingerprint_now: bool = True) -> Prepared:
    """Clean, build and check the rows, fingerprint. Raises `Reject` (stage clean/validate).

    `fingerprint_now` False leaves `signature` None for the caller to set (`fingerprinted`): a
    batch fingerprints its documents in one loop once they are all cleaned, which keeps the
    word-hash cache and numpy's code hot (newsarchive/batch.py)."""
    doc = cleaned(source, limits)  # clean_source, or its result if this process cleaned it ahead
    try:
        doc_row, p_rows = rows_of(doc, doc_id, ctx)
    except Reject:
        raise
    except Exception as exc:  # building the rows failed: a bug, but this document's, not the batch's
        raise Reject("validate", f"internal error: {type(exc).__name__}: {exc}"[:500]) from None
    rules = tuple(r.rule for r in doc.removed) + tuple(r.rule for r in doc.repairs)
    signature = fingerprint(doc_row, p_rows) if fingerprint_now else None
    return Prepared(doc_row, p_rows, signature, rules, doc.declared_posts, len(doc.posts))
