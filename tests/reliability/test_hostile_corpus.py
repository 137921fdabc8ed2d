"""The real flow over a generated hostile corpus: every input ends as exactly one
outcome, each reject says where and why, and nothing escapes the archive."""
from __future__ import annotations

import os
import re

import pytest

import flows.ingest
from flows.ingest import ingest
from newsarchive.sources import discover
from tests.helpers import read_table
from tests.reliability.corpus import LIMITS, build

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus, archive = base / "corpus", base / "archive"
    expected = build(corpus)
    mp = pytest.MonkeyPatch()

    def discover_then_delete(sources):  # a file that vanishes between discovery and reading
        refs = discover(sources)
        (corpus / "vanishing.txt").unlink()
        return refs

    mp.setattr(flows.ingest, "discover", discover_then_delete)
    try:
        summary = ingest([str(corpus)], archive=str(archive), batch_size=8, **LIMITS)
    finally:
        mp.undo()
    return corpus, archive, expected, summary


def _name(row) -> str:
    return os.path.relpath(row["source_path"], row["_corpus"]) if "_corpus" in row else row["source_path"]


def _by_name(archive, table, corpus):
    out = {}
    for row in read_table(archive, table):
        rel = os.path.relpath(row["source_path"], os.fsencode(corpus).decode("utf-8", "backslashreplace"))
        assert rel not in out, f"{rel} has two rows in {table}"
        out[rel] = row
    return out


def test_every_input_has_exactly_one_outcome_and_the_summary_adds_up(hostile):
    corpus, archive, expected, s = hostile
    assert s["inputs"] == len(expected)
    assert s["inputs"] == s["new"] + s["replaced"] + s["unchanged"] + s["rejected"]
    docs, rejects = _by_name(archive, "documents", corpus), _by_name(archive, "rejects", corpus)
    assert not set(docs) & set(rejects)
    names = {n.replace(os.fsdecode(b"\xe9"), "\\xe9") for n in expected}
    assert set(docs) | set(rejects) == names
    assert s["new"] == len(docs) and s["rejected"] == len(rejects) == sum(s["rejected_by_reason"].values())


def test_each_reject_has_its_stage_and_reason(hostile):
    corpus, archive, expected, _ = hostile
    rejects = _by_name(archive, "rejects", corpus)
    for name, exp in expected.items():
        if exp.outcome != "rejected":
            continue
        row = rejects.get(name)
        assert row is not None, f"{name} ({exp.what}) was not rejected"
        assert row["stage"] == exp.stage, (name, row["stage"], row["reason"])
        assert exp.reason.lower() in row["reason"].lower(), (name, row["reason"])
        assert "Traceback" not in row["reason"] and len(row["reason"]) < 500


def test_archived_inputs_record_their_encoding_and_repairs(hostile):
    corpus, archive, expected, _ = hostile
    docs = _by_name(archive, "documents", corpus)
    for name, exp in expected.items():
        if exp.outcome != "archived":
            continue
        row = docs[name.replace(os.fsdecode(b"\xe9"), "\\xe9")]
        assert row["body"].strip(), name
        if exp.encoding:
            assert row["encoding"] == exp.encoding, (name, row["encoding"])
        if exp.repair:
            assert exp.repair in {r["rule"] for r in row["repairs"]}, (name, row["repairs"])
    assert "Café owners in Zürich" in docs["latin1.txt"]["body"] + docs["latin1.txt"]["title"].__str__()
    assert "ingénieurs" in docs["utf16_nobom.txt"]["body"]
    assert "“would stay”" in docs["cp1252.txt"]["body"]
    assert "bridge’s" in docs["mojibake.txt"]["body"] and "â€" not in docs["mojibake.txt"]["body"]
    assert "\ufffd" in docs["broken_utf8.txt"]["body"]


def test_duplicates_under_two_names_are_two_documents_with_one_hash(hostile):
    corpus, archive, _, _ = hostile
    docs = _by_name(archive, "documents", corpus)
    a, b = docs["dup_a.txt"], docs["dup_b.txt"]
    assert a["source_sha256"] == b["source_sha256"] and a["doc_id"] != b["doc_id"]


def test_html_is_parsed_without_entities_or_network(hostile):
    corpus, archive, _, _ = hostile
    body = _by_name(archive, "documents", corpus)["xxe.html"]["body"]
    assert "root:" not in body and "lollol" not in body
    assert "coastal road would stay closed" in body


def test_live_blog_with_zero_posts_is_archived_as_such(hostile):
    corpus, archive, _, _ = hostile
    row = _by_name(archive, "documents", corpus)["liveblog_zero_posts.txt"]
    assert row["kind"] == "liveblog" and row["post_count"] == 0 and row["declared_posts"] == 0


def test_nothing_escapes_the_archive(hostile):
    corpus, archive, _, _ = hostile
    for path in archive.rglob("*"):
        assert path.resolve().is_relative_to(archive.resolve())
        assert re.fullmatch(r"[A-Za-z0-9_.=-]+", path.name), path
    for table in ("documents", "rejects"):
        for part in (archive / table).iterdir():
            assert re.fullmatch(r"published_month=(\d{4}-\d{2}|unknown)", part.name), part


def test_a_second_run_accounts_for_everything_again(hostile, tmp_path):
    corpus, archive, expected, first = hostile
    again = ingest([str(corpus)], archive=str(archive), batch_size=8, **LIMITS)
    assert again["inputs"] == len(expected) - 1  # the vanished file is gone for good
    assert again["inputs"] == again["new"] + again["replaced"] + again["unchanged"] + again["rejected"]
    assert again["new"] == 0 and again["unchanged"] >= first["new"]
