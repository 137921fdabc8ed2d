"""Encodings a crawl holds, decoded to the right text with the repair recorded."""
from __future__ import annotations

import pytest

from cleaners.decode import decode
from cleaners.model import Reject

FR = "Le ministre a déclaré que la réunion aurait lieu à Genève, après l'été. Café, crème, à bientôt."
DE = "Grüße aus München: „Die Straße bleibt gesperrt“, sagte er — und das Büro ist geschlossen."


@pytest.mark.parametrize("text,encoding", [(FR, "latin-1"), (FR, "cp1252"), (DE, "cp1252"),
                                           ("He said “it’s fine” — okay… The café is open.", "cp1252")])
def test_western_legacy_encodings_read_as_windows_1252(text, encoding):
    out, enc, repairs = decode(text.encode(encoding))
    assert out == text and enc == "cp1252"
    (rep,) = [r for r in repairs if r.rule == "transcoded"]
    assert "\ufffd" in rep.before and not any(c == "\ufffd" for c in rep.after)


def test_other_legacy_encodings_go_to_detection():
    ru = "Министр заявил, что переговоры возобновятся на следующей неделе после паузы."
    out, enc, repairs = decode(ru.encode("cp1251"))
    assert out == ru and enc == "cp1251" and repairs[0].rule == "transcoded"


@pytest.mark.parametrize("codec,expect", [("utf-16", "utf-16-le"), ("utf-16-le", "utf-16-le"),
                                          ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32-le")])
def test_utf16_and_utf32_with_and_without_bom(codec, expect):
    out, enc, repairs = decode(FR.encode(codec))
    assert out == FR and enc == expect and [r.rule for r in repairs] == ["transcoded"]


def test_broken_utf8_stays_utf8_and_counts_the_bad_bytes():
    raw = DE.encode("utf-8")
    out, enc, repairs = decode(raw[:20] + b"\xff\xc3" + raw[20:])
    assert enc == "utf-8" and "München" in out and "\ufffd" in out
    assert [r.rule for r in repairs] == ["undecodable_bytes"] and "2 byte sequence(s)" in repairs[0].after


def test_mojibake_is_repaired_and_recorded():
    garbled = "It’s the café’s best — really.".encode("utf-8").decode("cp1252")
    out, enc, repairs = decode(garbled.encode("utf-8"))
    assert out == "It’s the café’s best — really." and [r.rule for r in repairs] == ["mojibake"]


def test_declared_latin1_is_read_as_windows_1252():
    html = f"<html><head><meta charset=ISO-8859-1></head><body><p>“{FR}”</p></body></html>"
    out, enc, _ = decode(html.encode("cp1252"))
    assert enc == "cp1252" and f"“{FR}”" in out


@pytest.mark.parametrize("data,what", [(b"%PDF-1.4\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\x1f\x8b\x08", "gzip"),
                                       (b"abc\x00\x01\x02\x00" * 50, "NUL"), (bytes(range(1, 9)) * 20, "control")])
def test_binary_is_refused_with_what_it_looks_like(data, what):
    with pytest.raises(Reject, match=what) as exc:
        decode(data)
    assert exc.value.stage == "decode"
