"""`newsarchive run` on a folder mixing text dumps, .html, .html.gz and WARC files (the real flow)."""
from __future__ import annotations

import hashlib
import io
import json

import pytest

pytest.importorskip("warcio")
from click.testing import CliRunner  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newsarchive.cli import main  # noqa: E402
from tests.helpers import read_table  # noqa: E402
from tests.newsarchive.warc_corpus import build, first_sentence, page, response  # noqa: E402

pytestmark = pytest.mark.usefixtures("prefect_harness")


def run(*args) -> dict:
    out = CliRunner().invoke(main, ["run", *map(str, args), "--json", "--time-limit", "30"])
    assert out.exit_code == 0, out.output[-3000:]
    return json.loads(out.output[out.output.index("{"):])


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    base = tmp_path_factory.mktemp("warc-run")
    src, archive = base / "in", base / "archive"
    expected = build(src)
    return src, archive, expected, run(src, "--archive", archive, "--batch-size", "4")


def test_each_html_record_of_each_warc_is_one_document(first):
    src, archive, expected, s = first
    pages = expected["pages"]
    # 4 files + 5 WARC pages + the cut record; the 5 records that are not pages are not inputs
    assert s["inputs"] == expected["files"] + len(pages) + 1
    assert (s["new"], s["replaced"], s["unchanged"], s["rejected"]) == (s["inputs"] - 1, 0, 0, 1)
    docs = read_table(archive, "documents")
    by_uri = {d["source_uri"]: d for d in docs}
    assert len(by_uri) == len(docs) == s["new"]
    for url, key in pages.items():
        d = by_uri[url]
        warc_file, _, offset = d["source_path"].rpartition("#offset=")
        assert warc_file.startswith(str(src)) and offset.isdigit()
        assert d["source_format"] == "html" and d["title"] == page(key).split(b"<title>")[1].split(b"<")[0].decode()
        assert d["body"].startswith(first_sentence(key)) and "Riverside Gazette" not in d["body"]
        # provenance is the record's HTTP body as served, content and transfer encodings undone
        assert d["source_sha256"] == hashlib.sha256(page(key)).hexdigest() and d["source_bytes"] == len(page(key))
    assert by_uri["https://gazette.example/news/library"]["source_path"].startswith(str(src / "crawl.warc.gz#offset="))
    assert by_uri["https://gazette.example/news/ferry"]["source_path"] == f"{src / 'capture.dat'}#offset=0"
    # the same page as a plain file is its own document, named by its file:// URI
    assert by_uri[(src / "bridge.html").as_uri()]["body"].startswith(first_sentence("bridge"))
    assert by_uri[(src / "market.html.gz").as_uri()]["body"].startswith(first_sentence("market"))
    assert sum(d["source_format"] == "text" for d in docs) == 2


def test_the_cut_record_is_a_reject_with_its_reason(first):
    src, archive, expected, s = first
    (rej,) = read_table(archive, "rejects")
    assert rej["stage"] == "read" and rej["reason"].startswith("truncated WARC: the file ends")
    assert expected["cut"] in rej["reason"]
    assert rej["source_path"].startswith(f"{src / 'partial.warc'}#offset=")
    assert rej["source_uri"] == f"{(src / 'partial.warc').as_uri()}#offset={rej['source_path'].rpartition('=')[2]}"
    assert list(s["rejected_by_reason"]) == [f"read: {rej['reason']}"]


def test_rerun_force_and_a_later_crawl(first):
    src, archive, expected, s1 = first
    s2 = run(src, "--archive", archive)
    assert (s2["inputs"], s2["new"], s2["unchanged"], s2["rejected"]) == (s1["inputs"], 0, s1["new"], 1)
    s3 = run(src, "--archive", archive, "--force")
    assert (s3["replaced"], s3["rejected"]) == (s1["new"], 1)

    # a later crawl: bridge changed, library captured again with the same bytes
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    changed = page("bridge", "<p>The bridge reopened to pedestrians on Thursday evening after an inspection.</p>")
    response(w, "https://gazette.example/news/bridge", changed, date="2024-06-01T08:00:00Z")
    response(w, "https://gazette.example/news/library", page("library"), date="2024-06-01T08:00:00Z")
    (src / "later.warc.gz").write_bytes(buf.getvalue())
    s4 = run(src, "--archive", archive)
    assert s4["inputs"] == s1["inputs"]  # the later captures replace the earlier ones as inputs
    assert (s4["new"], s4["replaced"], s4["unchanged"], s4["rejected"]) == (0, 1, s1["new"] - 1, 1)
    docs = {d["source_uri"]: d for d in read_table(archive, "documents")}
    bridge = docs["https://gazette.example/news/bridge"]
    assert bridge["source_path"].startswith(f"{src / 'later.warc.gz'}#offset=") and "reopened to pedestrians" in bridge["body"]
    assert bridge["source_sha256"] == hashlib.sha256(changed).hexdigest()
    # unchanged bytes are not re-archived: the row still points at the capture it was made from
    assert docs["https://gazette.example/news/library"]["source_path"].startswith(f"{src / 'crawl.warc.gz'}#offset=")
    assert len(docs) == s1["new"]
