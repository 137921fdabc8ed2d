"""Print the hostile-input table of docs/reliability.md from a real run of the flow.

    python -m tests.reliability.make_table

Builds the corpus in a temporary folder, archives it with the real Prefect flow
(embedded server), reads the rejects and documents back from Parquet and prints
one Markdown row per input.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def main() -> None:
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="newsarchive-prefect-"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    import flows.ingest
    from newsarchive.sources import discover
    from tests.helpers import read_table
    from tests.reliability.corpus import LIMITS, build

    base = Path(tempfile.mkdtemp(prefix="newsarchive-hostile-"))
    corpus, archive = base / "corpus", base / "archive"
    expected = build(corpus)

    def discover_then_delete(sources):
        refs = discover(sources)
        (corpus / "vanishing.txt").unlink()
        return refs

    flows.ingest.discover = discover_then_delete
    s = flows.ingest.ingest([str(corpus)], archive=str(archive), batch_size=8, **LIMITS)
    root = os.fsencode(corpus).decode("utf-8", "backslashreplace")
    rows = {}
    for r in read_table(archive, "documents"):
        repairs = sorted({x["rule"] for x in r["repairs"] if x["rule"] in ("transcoded", "mojibake", "undecodable_bytes")})
        extra = f"{r['kind']}, {r['post_count']} posts" if r["kind"] == "liveblog" else r["kind"]
        rows[os.path.relpath(r["source_path"], root)] = ("archived", "", f"{extra}; encoding {r['encoding']}"
                                                         + (f"; repairs: {', '.join(repairs)}" if repairs else ""))
    for r in read_table(archive, "rejects"):
        rows[os.path.relpath(r["source_path"], root)] = ("rejected", r["stage"], r["reason"])
    print("| input | what it is | outcome | stage | reason / record |")
    print("|---|---|---|---|---|")
    for name in sorted(expected):
        shown = name.replace(os.fsdecode(b"\xe9"), "\\xe9")
        outcome, stage, why = rows.get(shown, ("MISSING", "", ""))
        print(f"| `{shown}` | {expected[name].what} | {outcome} | {stage} | {why.replace('|', '/')} |")
    print()
    print(f"inputs {s['inputs']} = new {s['new']} + replaced {s['replaced']} + unchanged {s['unchanged']} "
          f"+ rejected {s['rejected']}; {s['seconds']:.1f} s")


if __name__ == "__main__":
    main()
