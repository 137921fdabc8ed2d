"""Property tests: whatever bytes or text come in, the cleaners either return a Document
that fits the archive's schema or raise Reject(stage, reason) — never anything else."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaners.decode import decode
from cleaners.guards import first_long_line, html_depth
from cleaners.model import Document, Reject, Source
from cleaners.pipeline import clean_source
from schemas.records import RunContext, document_row, post_rows
from schemas.v1 import ENUMS
from schemas.validate import check_row, to_table

CTX = RunContext.now("test")
STAGES = ENUMS[("rejects", "stage")]
FEW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean_or_reject(data: bytes) -> Document | None:
    try:
        doc = clean_source(Source("file:///corpus/input", data, "/corpus/input"))
    except Reject as rej:
        assert rej.stage in STAGES and rej.reason.strip(), (rej.stage, rej.reason)
        return None
    row = document_row(doc, "d" * 32, CTX)
    check_row("documents", row)
    to_table("documents", [row])  # Arrow accepts every value (valid UTF-8 included)
    posts = post_rows(doc, "d" * 32, CTX)
    if posts:
        to_table("posts", posts)
    return doc


@FEW
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_give_a_valid_document_or_a_reject(data):
    _clean_or_reject(data)


@FEW
@given(st.text(max_size=3000), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32"]))
def test_arbitrary_text_in_any_encoding_gives_a_valid_document_or_a_reject(text, encoding):
    _clean_or_reject(text.encode(encoding, errors="replace"))


TAGS = ["<div>", "</div>", "<p>", "</p>", "<span>", "<br>", "<b>", "</b>", "<script>", "</script>", "<!--", "-->",
        "<html>", "<body>", "<head>", "<title>", "</title>", "<meta charset='latin-1'>", "&amp;", "&#0;", "&lt;",
        "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<svg/>", "<a href='javascript:x'>", "\x00"]
HTML = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=80)), max_size=120).map(
    lambda parts: "<!DOCTYPE html><html><body>" + "".join(parts))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_arbitrary_markup_gives_a_valid_document_or_a_reject(html):
    _clean_or_reject(html.encode("utf-8", errors="replace"))


@FEW
@given(st.binary(max_size=3000))
def test_decode_returns_encodable_text_or_rejects(data):
    try:
        text, encoding, repairs = decode(data)
    except Reject as rej:
        assert rej.stage == "decode"
        return
    text.encode("utf-8")  # no lone surrogates: Arrow and Parquet need valid UTF-8
    assert encoding and all(r.rule for r in repairs)


@FEW
@given(st.text(alphabet="ab\n", max_size=300), st.integers(0, 20))
def test_first_long_line_agrees_with_splitting(text, limit):
    longest = max(len(line) for line in text.split("\n"))
    found = first_long_line(text, limit)
    assert (found is None) == (longest <= limit)
    if found is not None:
        assert limit < found <= longest


@FEW
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "<br>", "<!--", "-->", "<script>", "</script>", "x"]),
                max_size=200))
def test_html_depth_never_raises_and_is_bounded_by_open_tags(parts):
    html = "".join(parts)
    assert 0 <= html_depth(html) <= html.count("<div>")


TEXTISH = st.lists(st.one_of(st.sampled_from(list(b" \n\n.,abcdefghijklmnopqrstuvwxyzABCDEFGHIJ:/()[]")),
                             st.integers(0x80, 0xFF), st.integers(0, 0x1F)), max_size=3000).map(bytes)


@FEW
@given(TEXTISH)
def test_text_like_bytes_with_stray_high_and_control_bytes_give_a_document_or_a_reject(data):
    _clean_or_reject(data)
