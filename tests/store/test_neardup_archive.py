"""Near-duplicate flags in a real archive: the Prefect flow on the seeds, then later runs.

Seed 001 is a machine-reworded copy of seed 000; 002, 003 and 004 are other articles on
the same story, which must stay unflagged. A later run into the same archive must flag a
new copy against the archived original.
"""
from __future__ import annotations

import shutil

import pytest

from flows.ingest import ingest
from store.neardup import SIDECAR
from tests.helpers import SEEDS, read_table, seed_path

pytestmark = pytest.mark.usefixtures("prefect_harness")


def by_seed(archive) -> dict[str, dict]:
    return {d["source_path"].rsplit("/", 1)[1][:3]: d for d in read_table(archive, "documents")}


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    archive = tmp_path_factory.mktemp("neardup-archive")
    ingest([str(SEEDS)], archive=str(archive), batch_size=2)
    return archive


def test_the_reworded_seed_is_flagged_and_same_topic_articles_are_not(archived):
    docs = by_seed(archived)
    assert docs["001"]["near_duplicate_of"] == docs["000"]["doc_id"]  # 000 comes first in input order
    assert 0.25 <= docs["001"]["near_duplicate_score"] <= 0.6
    for seed in ("000", "002", "003", "004"):
        assert docs[seed]["near_duplicate_of"] is None and docs[seed]["near_duplicate_score"] is None
    assert list((archived / SIDECAR).glob("*/*.parquet"))  # signatures kept for later runs


def test_a_later_run_flags_a_new_copy_against_the_archived_original(archived, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(archived, archive)
    before = by_seed(archive)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seed_path("002"), inbox / "mirror-of-an-article.txt")
    summary = ingest([str(inbox)], archive=str(archive))
    assert summary["new"] == 1
    docs = read_table(archive, "documents")
    (copy,) = [d for d in docs if d["source_path"].endswith("mirror-of-an-article.txt")]
    assert copy["near_duplicate_of"] == before["002"]["doc_id"]
    assert copy["near_duplicate_score"] == 1.0
    after = by_seed(archive)  # the earlier rows are left as they were
    for seed, doc in before.items():
        assert (after[seed]["near_duplicate_of"], after[seed]["near_duplicate_score"]) == \
               (doc["near_duplicate_of"], doc["near_duplicate_score"])
