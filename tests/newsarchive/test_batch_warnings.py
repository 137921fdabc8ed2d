"""A live blog whose own count disagrees with the posts found is archived and reported."""
from __future__ import annotations

from pathlib import Path

from newsarchive.batch import process_batch
from newsarchive.report import RunSummary
from newsarchive.sources import discover
from schemas.records import RunContext
from tests.helpers import read_table

BLOG = """A summary sentence about the day's events, which is long enough to be prose.
3 Posts
First headline of the day
From Example News' Ann Lee
The first post says something on Monday.
Link Copied!
Second headline here
From Example News' Bo Chan
The second post says something else on Monday.
"""


def test_count_mismatch_is_a_warning_and_in_the_row(tmp_path: Path):
    src = tmp_path / "in" / "blog.txt"
    src.parent.mkdir()
    src.write_text(BLOG)
    staging = tmp_path / "archive" / "_staging" / "run1"
    res = process_batch(discover([str(src)]), batch_no=1, staging=str(staging), known={},
                        ctx=RunContext.now("test"))
    assert res.new == 1 and res.posts == 2
    assert res.warnings == {"live blog declares 3 posts, 2 found": 1}
    summary = RunSummary(archive="a", inputs=1)
    summary.add(res)
    assert "warning    1 x live blog declares 3 posts, 2 found" in summary.text()
    from store.archive import Archive

    Archive(tmp_path / "archive").commit("run1")
    (doc,) = read_table(tmp_path / "archive", "documents")
    assert (doc["declared_posts"], doc["post_count"]) == (3, 2)
