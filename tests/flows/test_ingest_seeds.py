"""End to end: the real Prefect flow on seeds/, read back as a consumer would."""
from __future__ import annotations

import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.ingest import ingest
from tests.helpers import SEEDS
from tests.helpers import read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    archive = tmp_path_factory.mktemp("archive")
    first = ingest([str(SEEDS)], archive=str(archive), batch_size=2)
    return archive, first


def test_every_seed_is_archived_once(archived):
    archive, summary = archived
    assert summary["inputs"] == 5 and summary["new"] == 5 and summary["rejected"] == 0
    assert summary["near_duplicates"] == 1  # 001 is a reworded copy of 000
    docs = read_table(archive, "documents")
    assert sorted(d["source_path"].rsplit("/", 1)[1] for d in docs) == sorted(p.name for p in SEEDS.iterdir())
    assert read_table(archive, "rejects") == []


def test_bodies_are_clean_and_keep_real_sentences(archived):
    archive, _ = archived
    docs = {d["source_path"].rsplit("/", 1)[1][:3]: d for d in read_table(archive, "documents")}
    cia = docs["000"]
    assert cia["title"] == "CIA director dispatched to Moscow to warn Russia over troop buildup near Ukraine"
    assert cia["authors"] == ["Natasha Bertrand", "Jim Sciutto", "Kylie Atwood"]
    assert "Search CNN" not in cia["body"] and "Terms of Use" not in cia["body"] and "](#)" not in cia["body"]
    assert "Related Article:" not in cia["body"]
    assert "President Joe Biden dispatched CIA Director Bill Burns to Moscow" in cia["body"]
    assert cia["body"].rstrip().endswith("contributed to this report.")
    assert {"rule": "nav_block", "text": "Search CNN..."} in cia["removed"]
    assert docs["001"]["body"].startswith("The Biden administration has stepped up")
    assert docs["001"]["published_source"] == "header"


def test_provenance_and_metadata_are_in_the_files(archived):
    archive, summary = archived
    (f, *_) = sorted((archive / "documents").glob("*/*.parquet"))
    meta = pq.read_schema(f).metadata
    assert meta[b"newsarchive.schema_version"] == b"1.0"
    assert meta[b"newsarchive.pipeline_version"]
    docs = read_table(archive, "documents")
    assert all(d["flow_run_id"] == summary["flow_run_id"] for d in docs)
    assert all(len(d["source_sha256"]) == 64 and d["source_bytes"] > 0 for d in docs)


def test_duckdb_reads_the_archive_with_no_custom_code(archived):
    archive, _ = archived
    rows = duckdb.sql(
        f"select published_month, count(*) from read_parquet('{archive}/documents/**/*.parquet', "
        "hive_partitioning=true) group by 1 order by 1").fetchall()
    assert rows == [("2021-11", 2), ("2021-12", 1), ("2022-01", 1), ("unknown", 1)]


def test_live_blog_posts_are_archived_under_their_parent(archived):
    archive, summary = archived
    (blog,) = [d for d in read_table(archive, "documents") if d["kind"] == "liveblog"]
    posts = sorted((p for p in read_table(archive, "posts") if p["doc_id"] == blog["doc_id"]), key=lambda p: p["position"])
    assert summary["posts"] == 19 and len(posts) == 19 == blog["post_count"] == blog["declared_posts"]
    assert posts[0]["headline"].startswith("Top US general: Russian troop movements")
    assert posts[17]["authors"] == ["Julia Horowitz"]
    assert posts[5]["captions"] == [{"caption": None, "credit": "Pool"}]
    assert all(p["published_source"].startswith("inferred:") and p["published_precision"] == "day" for p in posts)
    assert all("Link Copied" not in p["body"] for p in posts)


def test_rerun_is_a_no_op_and_ids_are_stable(archived, tmp_path):
    archive, _ = archived
    before = sorted(d["doc_id"] for d in read_table(archive, "documents"))
    files_before = sorted(p.name for p in archive.rglob("*.parquet"))
    again = ingest([str(SEEDS)], archive=str(archive))
    assert again["unchanged"] == 5 and again["new"] == 0
    assert sorted(d["doc_id"] for d in read_table(archive, "documents")) == before
    assert sorted(p.name for p in archive.rglob("*.parquet")) == files_before


def test_forced_rerun_replaces_rows_without_duplicates(archived, tmp_path):
    archive = tmp_path / "copy"
    shutil.copytree(archived[0], archive)
    forced = ingest([str(SEEDS)], archive=str(archive), force=True)
    assert forced["replaced"] == 5
    docs = read_table(archive, "documents")
    assert len(docs) == 5 and len({d["doc_id"] for d in docs}) == 5
    assert {d["flow_run_id"] for d in docs} == {forced["flow_run_id"]}
