import gzip
import zlib

import pytest

from cleaners.html.compressed import gunzip_capped
from cleaners.model import Reject, Source
from cleaners.pipeline import Limits, clean_source
from tests.cleaners.html.helpers import clean_file, fixture


def test_html_gz_cleans_exactly_like_the_plain_page(tmp_path):
    raw = fixture("cnn_article.html").read_bytes()
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(raw))
    doc = clean_source(Source(gz.as_uri(), gz.read_bytes(), str(gz)))
    plain = clean_file("cnn_article.html")
    assert doc.body == plain.body and doc.title == plain.title and doc.captions == plain.captions
    assert doc.source_format == "html" and doc.source_path == str(gz)
    assert doc.source_bytes == gz.stat().st_size  # the file as stored, not the expanded page


def test_zip_bomb_is_rejected_with_a_reason_before_expanding():
    bomb = gzip.compress(b"\0" * (5 * 1024 * 1024))  # ~5 KB that expands to 5 MB
    with pytest.raises(Reject) as exc:
        clean_source(Source("file:///tmp/bomb.html.gz", bomb), Limits(max_bytes=1024 * 1024))
    assert exc.value.stage == "decode" and "zip bomb" in exc.value.reason


def test_corrupt_and_truncated_gzip_are_rejected():
    good = gzip.compress(b"<html><body><p>hello</p></body></html>" * 50)
    with pytest.raises(Reject, match="truncated"):
        gunzip_capped(good[: len(good) // 2], 10_000_000)
    with pytest.raises(Reject, match="corrupt"):
        gunzip_capped(good[:10] + b"\xff" * 40 + good[50:], 10_000_000)


def test_multi_member_gzip_is_read_whole():
    data = gzip.compress(b"<html><body>") + gzip.compress(b"<p>x</p></body></html>")
    assert gunzip_capped(data, 1000) == b"<html><body><p>x</p></body></html>"
    assert zlib  # stdlib only: no third-party decompressor
