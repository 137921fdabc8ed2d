"""Backfills: re-process a range of publication dates, replace records, leave no stale row."""
from __future__ import annotations

import shutil

import pytest

import flows.ingest
from flows.ingest import ingest
from tests.helpers import read_table, seed_path

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture()
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    for seed in ("000", "001", "002", "003", "004"):
        shutil.copy(seed_path(seed), folder / f"{seed}.txt")
    archive = tmp_path / "archive"
    first = ingest([str(folder)], archive=str(archive), batch_size=2)
    assert first["new"] == 5
    return folder, archive


def by_name(archive):
    return {d["source_path"].rsplit("/", 1)[1]: d for d in read_table(archive, "documents")}


def test_same_version_same_inputs_changes_nothing(landing):
    folder, archive = landing
    files = sorted(p.relative_to(archive) for p in archive.rglob("*.parquet"))
    again = ingest([str(folder)], archive=str(archive), since="2000-01-01", until="2100-12-31")
    assert again["replaced"] == 0 and again["new"] == 0 and again["unchanged"] == again["inputs"] > 0
    assert sorted(p.relative_to(archive) for p in archive.rglob("*.parquet")) == files


def test_newer_version_replaces_only_the_range(landing, monkeypatch):
    folder, archive = landing
    before = by_name(archive)
    in_range = {n for n, d in before.items() if d["published_month"] == "2021-11"}
    assert in_range  # the seeds have November 2021 articles
    monkeypatch.setattr(flows.ingest, "__version__", "99.0.0")  # a newer cleaner
    res = ingest([str(folder)], archive=str(archive), since="2021-11-01", until="2021-11-30")
    assert res["inputs"] == len(in_range) and res["replaced"] == len(in_range)
    after = by_name(archive)
    assert len(read_table(archive, "documents")) == 5  # no duplicates
    assert {n for n, d in after.items() if d["pipeline_version"] == "99.0.0"} == in_range
    assert all(after[n]["flow_run_id"] == before[n]["flow_run_id"] for n in set(before) - in_range)


def test_backfill_leaves_no_stale_rows(landing):
    folder, archive = landing
    blog = by_name(archive)["003.txt"]
    assert blog["kind"] == "liveblog" and blog["published_month"] == "2022-01"
    assert len([p for p in read_table(archive, "posts") if p["doc_id"] == blog["doc_id"]]) == 19
    shutil.copy(seed_path("001"), folder / "003.txt")  # the page was re-crawled as an article
    res = ingest([str(folder)], archive=str(archive), since="2022-01-01", until="2022-01-31")
    assert res["inputs"] == 1 and res["replaced"] == 1
    rows = [d for d in read_table(archive, "documents") if d["doc_id"] == blog["doc_id"]]
    assert len(rows) == 1 and rows[0]["kind"] == "article" and rows[0]["published_month"] != "2022-01"
    assert [p for p in read_table(archive, "posts") if p["doc_id"] == blog["doc_id"]] == []
    assert not list((archive / "documents").glob("published_month=2022-01/*.parquet"))
