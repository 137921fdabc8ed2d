"""Turn cleaned `Document`s and `Reject`s into rows of the archive's tables."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from cleaners.model import Caption, Document, Timestamp
from schemas.v1 import PARTITION, SCHEMA_VERSION

UNKNOWN_MONTH = "unknown"


@dataclass(frozen=True)
class RunContext:
    pipeline_version: str
    flow_run_id: str | None
    archived_at: datetime

    @staticmethod
    def now(pipeline_version: str, flow_run_id: str | None = None) -> "RunContext":
        return RunContext(pipeline_version, flow_run_id, datetime.now(timezone.utc))

    def provenance(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "pipeline_version": self.pipeline_version,
            "archived_at": self.archived_at,
            "flow_run_id": self.flow_run_id,
        }


def doc_id_for(uri: str) -> str:
    """Stable document id: the same source URI always gives the same id."""
    return hashlib.sha256(uri.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def month_of(ts: Timestamp | None) -> str:
    """The partition value: `YYYY-MM` in UTC, or `unknown`. Never derived from raw text."""
    if ts is None:
        return UNKNOWN_MONTH
    return ts.value.astimezone(timezone.utc).strftime("%Y-%m")


def _ts(ts: Timestamp | None):
    return None if ts is None else ts.value.astimezone(timezone.utc)


def _published(ts: Timestamp | None) -> dict:
    """The three columns that say when, how we know, and how precisely."""
    return {
        "published": _ts(ts),
        "published_source": ts.source if ts else None,
        "published_precision": ts.precision if ts else None,
    }


def _captions(caps: tuple[Caption, ...]) -> list[dict]:
    return [{"caption": c.caption, "credit": c.credit} for c in caps]


def document_row(doc: Document, doc_id: str, ctx: RunContext) -> dict:
    return {
        "doc_id": doc_id,
        "source_uri": doc.source_uri,
        "source_path": doc.source_path,
        "source_sha256": doc.source_sha256,
        "source_bytes": doc.source_bytes,
        "source_format": doc.source_format,
        "encoding": doc.encoding,
        "kind": doc.kind,
        "site": doc.site,
        "language": doc.language,
        "title": doc.title,
        "byline": doc.byline,
        "authors": list(doc.authors),
        **_published(doc.published),
        "updated": _ts(doc.updated),
        "body": doc.body,
        "captions": _captions(doc.captions),
        "video_title": doc.video_title,
        "removed": [{"rule": r.rule, "text": r.text} for r in doc.removed],
        "repairs": [{"rule": r.rule, "before": r.before, "after": r.after} for r in doc.repairs],
        "declared_posts": doc.declared_posts,
        "post_count": len(doc.posts),
        "near_duplicate_of": None,
        "near_duplicate_score": None,
        **ctx.provenance(),
        PARTITION: month_of(doc.published),
    }


def post_rows(doc: Document, doc_id: str, ctx: RunContext) -> list[dict]:
    month = month_of(doc.published)
    return [
        {
            "post_id": f"{doc_id}:{p.position}",
            "doc_id": doc_id,
            "position": p.position,
            "headline": p.headline,
            "byline": p.byline,
            "authors": list(p.authors),
            **_published(p.published),
            "body": p.body,
            "captions": _captions(p.captions),
            "repeated_inserts": list(p.repeated_inserts),
            **ctx.provenance(),
            PARTITION: month,
        }
        for p in doc.posts
    ]


def reject_row(*, doc_id: str, uri: str, path: str | None, sha256: str | None, size: int | None,
               stage: str, reason: str, ctx: RunContext) -> dict:
    return {
        "doc_id": doc_id,
        "source_uri": uri,
        "source_path": path,
        "source_sha256": sha256,
        "source_bytes": size,
        "stage": stage,
        "reason": reason,
        **ctx.provenance(),
        PARTITION: UNKNOWN_MONTH,
    }
