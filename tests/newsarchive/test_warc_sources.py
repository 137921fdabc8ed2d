"""WARC files in discovery and reading: one input per HTML response record, nothing lost silently."""
from __future__ import annotations

import gzip
import io
import sys
import tracemalloc

import pytest

pytest.importorskip("warcio")
from warcio.warcwriter import WARCWriter  # noqa: E402

from cleaners.model import Reject  # noqa: E402
from newsarchive import warcs  # noqa: E402
from newsarchive.sources import NoSuchSource, check_sources, discover, read_bytes  # noqa: E402
from tests.newsarchive.warc_corpus import crawl, gzip_member_offsets, page, response, truncated  # noqa: E402

LIMIT = 20 * 1024 * 1024


def _pages(refs):
    return {r.uri: r for r in refs if r.problem is None}


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_each_html_response_is_one_input_read_by_offset(tmp_path, gz):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    expected = crawl(f, gz=gz)
    refs = discover([str(tmp_path)])
    assert sorted(r.uri for r in refs) == sorted(expected)  # warcinfo, request, PNG, 301 and revisit are not inputs
    assert all(r.problem is None and r.warc == str(f) for r in refs)
    for r in refs:
        assert r.path == f"{f}#offset={r.offset}" and r.length > 0
        # gzip content encoding and chunked transfer are undone: the bytes are the page as served
        assert read_bytes(r, LIMIT) == page(expected[r.uri])
    if gz:  # each record is its own gzip member: the offset is where the member starts
        assert {r.offset for r in refs} <= set(gzip_member_offsets(f.read_bytes()))


def test_a_warc_is_found_by_its_content_whatever_its_name(tmp_path):
    crawl(tmp_path / "capture.dat", gz=True)
    (tmp_path / "not-a-crawl.warc").write_bytes(page("bridge"))  # named like a WARC, but a page: a page
    refs = discover([str(tmp_path)])
    assert len(_pages(refs)) == 4
    assert _pages(refs)[(tmp_path / "not-a-crawl.warc").as_uri()].warc is None


def test_a_cut_uncompressed_warc_keeps_its_whole_records_and_rejects_the_cut_one(tmp_path):
    whole, cut = truncated(tmp_path / "partial.warc")
    refs = discover([str(tmp_path)])
    assert list(_pages(refs)) == [whole]
    (bad,) = [r for r in refs if r.problem]
    assert bad.uri == f"{(tmp_path / 'partial.warc').as_uri()}#offset={bad.offset}"  # a location, not the page URL
    assert bad.problem.startswith("truncated WARC: the file ends") and cut in bad.problem


def test_a_cut_gzip_warc_is_not_silently_shortened(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    crawl(f)
    data = f.read_bytes()
    last_page = gzip_member_offsets(data)[4]  # warcinfo, request, bridge, library, orchard
    f.write_bytes(data[: last_page + 200])  # warcio alone would just stop after the library page
    refs = discover([str(f)])
    assert sorted(_pages(refs)) == ["https://gazette.example/news/bridge", "https://gazette.example/news/library"]
    (bad,) = [r for r in refs if r.problem]
    assert bad.offset == last_page and "truncated WARC" in bad.problem
    assert "https://gazette.example/news/orchard" in bad.problem


def test_unreadable_warcs_become_one_input_each_with_a_reason(tmp_path):
    (tmp_path / "garbage.warc").write_bytes(b"WARC/1.0\r\nthis is not a warc record\r\n\r\n")
    (tmp_path / "gz-garbage.warc.gz").write_bytes(gzip.compress(b"WARC/1.1\r\n") + b"\x00" * 50)
    refs = {r.path.rsplit("/", 1)[1]: r.problem for r in discover([str(tmp_path)])}
    assert refs == {
        "garbage.warc#offset=0": "invalid WARC record at byte 0: no WARC-Type header",
        "gz-garbage.warc.gz#offset=0": "invalid WARC record at byte 0: no WARC-Type header",
        "gz-garbage.warc.gz#offset=30": "unreadable WARC from byte 30: Invalid WARC record, first line:; "
                                        "nothing readable follows",
    }
    (tmp_path / "nothing.warc").write_bytes(b"WARC/")
    (only,) = discover([str(tmp_path / "nothing.warc")])
    assert only.problem.startswith("unreadable WARC") or only.problem.startswith("invalid WARC")


def test_garbage_after_good_records_is_reported_from_where_it_starts(tmp_path):
    f = tmp_path / "crawl.warc"
    crawl(f, gz=False)
    good = f.stat().st_size
    with open(f, "ab") as fh:
        fh.write(b"this line is not a WARC record\r\n" * 3)
    refs = discover([str(f)])
    assert len(_pages(refs)) == 3
    (bad,) = [r for r in refs if r.problem]
    assert "WARC" in bad.problem and bad.offset <= good


def test_a_corrupt_record_in_the_middle_costs_that_record_only(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    crawl(f)
    data = bytearray(f.read_bytes())
    library = gzip_member_offsets(bytes(data))[3]
    for i in range(library + 30, library + 60):  # flip bits inside the library page's gzip member
        data[i] ^= 0x55
    f.write_bytes(bytes(data))
    refs = discover([str(f)])
    assert sorted(_pages(refs)) == ["https://gazette.example/news/bridge", "https://gazette.example/news/orchard"]
    assert read_bytes(_pages(refs)["https://gazette.example/news/orchard"], LIMIT) == page("orchard")
    (bad,) = [r for r in refs if r.problem]
    assert bad.offset == library and bad.problem.startswith(f"corrupt WARC at byte {library}")
    assert bad.problem.endswith("reading went on at the next record")


def test_the_latest_capture_of_a_url_wins_and_the_others_are_counted(tmp_path, caplog):
    for name, date, key in (("a.warc.gz", "2024-05-03T00:00:00Z", "bridge"),
                            ("b.warc.gz", "2024-05-01T00:00:00Z", "library"),
                            ("c.warc.gz", "2024-05-03T00:00:00.5Z", "orchard")):
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=True)
        response(w, "https://gazette.example/front", page(key), date=date)
        (tmp_path / name).write_bytes(buf.getvalue())
    with caplog.at_level("INFO", logger="newsarchive.sources"):
        (ref,) = discover([str(tmp_path)])
    assert ref.warc == str(tmp_path / "c.warc.gz") and read_bytes(ref, LIMIT) == page("orchard")
    assert sum("superseded by a later capture" in m for m in caplog.messages) == 2


def test_a_capture_the_crawler_truncated_is_rejected_not_archived_half(tmp_path):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    response(w, "https://gazette.example/big", page("bridge")[:300], warc_headers={"WARC-Truncated": "length"})
    (tmp_path / "cc.warc.gz").write_bytes(buf.getvalue())
    (ref,) = discover([str(tmp_path)])
    assert ref.problem.startswith("capture truncated by the crawler (WARC-Truncated: length)")
    assert "https://gazette.example/big" in ref.problem and ref.uri.endswith("#offset=0")


def test_reading_a_record_checks_size_encoding_and_that_the_file_did_not_change(tmp_path):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    response(w, "https://a.example/big", page("bridge") + b"<p>x</p>" * 2000)
    response(w, "https://a.example/broken", gzip.compress(page("library"))[:150], headers=(("Content-Encoding", "gzip"),))
    response(w, "https://a.example/zstd", b"(\xb5/\xfd not really zstd", headers=(("Content-Encoding", "zstd"),))
    f = tmp_path / "c.warc.gz"
    f.write_bytes(buf.getvalue())
    refs = _pages(discover([str(f)]))
    with pytest.raises(Reject, match=r"too large: response body over 1000 bytes \(limit --max-bytes\)"):
        read_bytes(refs["https://a.example/big"], 1000)
    with pytest.raises(Reject, match="Content-Encoding gzip: the compressed body is corrupt or cut short") as exc:
        read_bytes(refs["https://a.example/broken"], LIMIT)
    assert exc.value.stage == "decode"
    with pytest.raises(Reject, match="unsupported Content-Encoding: zstd"):
        read_bytes(refs["https://a.example/zstd"], LIMIT)
    crawl(f)  # rewritten between discovery and reading
    with pytest.raises(Reject, match="WARC file changed since discovery"):
        read_bytes(refs["https://a.example/broken"], LIMIT)
    f.unlink()
    with pytest.raises(Reject, match="vanished"):
        read_bytes(refs["https://a.example/big"], LIMIT)


def test_without_warcio_a_warc_is_a_reject_saying_what_to_install(tmp_path, monkeypatch):
    crawl(tmp_path / "crawl.warc.gz")
    (ref,) = discover([str(tmp_path)])[:1]
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)  # import fails as if not installed
    with pytest.raises(Reject, match=r"pip install 'newsarchive\[warc\]'"):
        read_bytes(ref, LIMIT)
    crawl(tmp_path / "other.warc.gz", date="2024-06-01T00:00:00Z")
    (bad,) = [r for r in discover([str(tmp_path / "other.warc.gz")])]
    assert bad.problem == "a WARC file: reading WARC files needs warcio: pip install 'newsarchive[warc]'"
    assert (bad.uri, bad.path) == ((tmp_path / "other.warc.gz").as_uri(), str(tmp_path / "other.warc.gz"))


def test_discovery_streams_a_big_warc_without_loading_it(tmp_path):
    f = tmp_path / "big.warc"
    with open(f, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i in range(3):
            response(w, f"https://a.example/{i}", page("bridge") + b"<p>filler</p>" * 1_000_000)  # 13 MB each
    tracemalloc.start()
    try:
        refs = discover([str(f)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(refs) == 3 and peak < 2 * 1024 * 1024, peak
    with pytest.raises(Reject, match="too large"):
        read_bytes(refs[0], 1024 * 1024)


def test_the_cli_check_reads_no_file_and_still_names_a_typo(tmp_path, monkeypatch):
    f = tmp_path / "crawl.warc.gz"
    crawl(f)
    monkeypatch.setattr(warcs, "_scan", lambda *a: pytest.fail("scanned by the early check"))
    monkeypatch.setattr(warcs, "sniff", lambda *a: pytest.fail("sniffed by the early check"))
    check_sources([str(f), str(tmp_path), str(tmp_path / "*.warc.gz")])  # a file, a folder, a glob: named
    with pytest.raises(NoSuchSource, match="no such file, folder or glob match"):
        check_sources([str(f), str(tmp_path / "crawl-typo*.warc.gz")])


def test_chunked_gzip_and_deflate_bodies_are_undone(tmp_path):
    import zlib

    from tests.newsarchive.warc_corpus import chunked

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    response(w, "https://a.example/cg", chunked(gzip.compress(page("ferry")), 50),
             headers=(("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")))
    response(w, "https://a.example/df", zlib.compress(page("market")), headers=(("Content-Encoding", "deflate"),))
    (tmp_path / "c.warc.gz").write_bytes(buf.getvalue())
    refs = _pages(discover([str(tmp_path)]))
    assert read_bytes(refs["https://a.example/cg"], LIMIT) == page("ferry")
    assert read_bytes(refs["https://a.example/df"], LIMIT) == page("market")
