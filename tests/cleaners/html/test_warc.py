import io

import pytest

pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from cleaners.html.warc import WarcSkip, is_warc, warc_sources  # noqa: E402
from cleaners.pipeline import clean_source  # noqa: E402
from tests.cleaners.html.helpers import fixture  # noqa: E402


def make_warc(records, gz=True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, ctype, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    writer.write_record(writer.create_warc_record("https://x.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    return buf.getvalue()


def test_each_html_response_is_a_source_that_cleans_like_the_file():
    page = fixture("cnn_article.html").read_bytes()
    data = make_warc([
        ("https://www.cnn.com/2024/10/04/business/port-strike-ends/index.html", "text/html; charset=utf-8", page),
        ("https://www.cnn.com/logo.png", "image/png", b"\x89PNG...."),
        ("https://riverside.example/a", "text/html", fixture("generic_jsonld.html").read_bytes()),
    ])
    assert is_warc(data[:1024]) and is_warc(make_warc([], gz=False)[:64]) and not is_warc(page[:1024])
    items = list(warc_sources(data, "/data/crawl.warc.gz"))
    sources = [i for i in items if not isinstance(i, WarcSkip)]
    skips = [i for i in items if isinstance(i, WarcSkip)]
    assert [s.uri for s in sources] == ["https://www.cnn.com/2024/10/04/business/port-strike-ends/index.html",
                                        "https://riverside.example/a"]
    assert sources[0].data == page and sources[0].path == "/data/crawl.warc.gz"
    assert [(s.uri, s.reason) for s in skips] == [("https://www.cnn.com/logo.png", "not HTML: content type image/png")]
    doc = clean_source(sources[0])
    assert doc.site == "cnn" and doc.body.startswith("Dockworkers at ports")
    assert doc.captions[0].credit == "Jim Watson/AFP/Getty Images"


def test_oversized_record_and_garbage_are_skipped_with_reasons():
    big = b"<html><body>" + b"<p>x</p>" * 5000 + b"</body></html>"
    items = list(warc_sources(make_warc([("https://a.example/big", "text/html", big)]), max_bytes=1000))
    assert isinstance(items[0], WarcSkip) and items[0].reason.startswith("too large")
    items = list(warc_sources(b"WARC/1.0\r\nthis is not a warc record", "/x.warc"))
    assert len(items) == 1 and isinstance(items[0], WarcSkip) and "unreadable WARC" in items[0].reason
    items = list(warc_sources(b"<html>not a warc</html>", "/y.warc"))
    assert len(items) == 1 and "unreadable WARC" in items[0].reason


def test_a_whole_warc_given_as_one_page_is_rejected_with_a_reason():
    from cleaners.model import Reject, Source

    data = make_warc([("https://a.example/", "text/html", fixture("generic_jsonld.html").read_bytes())])
    with pytest.raises(Reject) as exc:
        clean_source(Source("file:///tmp/crawl.warc.gz", data))
    assert exc.value.stage == "detect" and "WARC" in exc.value.reason
