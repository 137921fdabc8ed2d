"""Bytes to text: declared or detected encoding, never a crash.

Order: refuse binary content (magic numbers, NUL bytes), then a byte-order
mark, then UTF-16 without a BOM (the NUL pattern), then strict UTF-8, then
UTF-8 with a few broken bytes, then a charset declared in HTML, then
Windows-1252 when the text reads as a Western language, then detection
(charset-normalizer). Mojibake (`â€™`) is repaired with ftfy.

Every step that changes what the bytes would read as under plain UTF-8 is
recorded as a `Repair`: `transcoded` (which encoding, how it was known, and a
sample before/after), `mojibake`, `undecodable_bytes`.
"""
from __future__ import annotations

import codecs
import re

from cleaners.model import Reject, Repair

SAMPLE = 200_000  # bytes looked at by the heuristics (detection cost stays bounded)

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META_CHARSET = re.compile(rb"""<meta[^<>]{0,512}?charset\s{0,8}=\s{0,8}["']?([\w.:-]{1,40})""", re.I)
_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"\x1f\x8b": "gzip data", b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable", b"BZh": "bzip2 data", b"\xfd7zXZ\x00": "xz data", b"7z\xbc\xaf": "a 7-zip archive",
    b"RIFF": "a RIFF media file", b"OggS": "an Ogg media file", b"\x00\x00\x01\x00": "an icon",
    b"wOFF": "a web font", b"wOF2": "a web font", b"\x00asm": "WebAssembly",
}
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u201e\u20ac\u2122]")
# Well-formed multi-byte UTF-8 sequences: their share of the high bytes tells
# broken UTF-8 (mostly well-formed) from a legacy 8-bit encoding (almost none).
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
# Labels that browsers read as windows-1252 (WHATWG Encoding Standard).
_AS_1252 = {"latin_1", "iso8859-1", "ascii", "cp1252", "iso8859_1", "latin-1", "windows-1252"}
# A non-letter of the 0x80-0xFF range between two letters (`Za¿ó³æ`) means the
# text is not Western European in windows-1252; `’` inside words is normal.
_CP1252_HIGH = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
_SYMBOLS = "".join(c for c in _CP1252_HIGH if not c.isalpha() and c not in "’‘")
_SYMBOL_IN_WORD = re.compile(f"[A-Za-z\u00c0-\u00ff][{re.escape(_SYMBOLS)}][A-Za-z\u00c0-\u00ff]")


_CONTROL_BYTES = bytes((*range(1, 9), 14, 15, *range(16, 27), 28, 29, 30, 31))


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if b"\x00" in sample and not (sample[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                                  or sample[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
                                  or _utf16_without_bom(sample)):
        return "binary data (NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # how many there are, in one C pass
    if len(sample) >= 64 and controls > 0.1 * len(sample):
        return "binary data (control bytes)"
    return None


def _utf16_without_bom(sample: bytes) -> bool:
    """Text in UTF-16 without a BOM: every other byte is NUL (Latin-script text)."""
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return odd.count(0) > 0.6 * len(odd) or even.count(0) > 0.6 * len(even)


def _mostly_utf8(data: bytes) -> bool:
    """Broken UTF-8: most high bytes sit in well-formed sequences."""
    sample = data[:SAMPLE]
    high = len(_HIGH.findall(sample))
    good = sum(len(m) for m in _UTF8_SEQ.findall(sample))
    return good > 0 and good >= 0.6 * high


def _western_1252(data: bytes) -> str | None:
    """The text as windows-1252 when it reads as a Western European language, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in windows-1252
    sample = text[:SAMPLE]
    ascii_letters = sum(1 for c in sample if c.isascii() and c.isalpha())
    other_letters = sum(1 for c in sample if not c.isascii() and c.isalpha())
    if other_letters > 0.3 * (ascii_letters + other_letters) or _SYMBOL_IN_WORD.search(sample):
        return None
    return text


def decode(data: bytes) -> tuple[str, str, list[Repair]]:
    """Return (text, encoding used, repairs) or raise Reject('decode', ...)."""
    what = _looks_binary(data)
    if what:
        raise Reject("decode", f"not text: looks like {what}")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            return _finish(text, enc, [] if enc == "utf-8" else [_transcoded(data, text, enc, "byte-order mark")])
    if _utf16_without_bom(data[:8192]):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        text = data.decode(enc, errors="replace")
        return _finish(text, enc, [_transcoded(data, text, enc, "no byte-order mark; NUL byte pattern")])
    try:
        return _finish(data.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _finish(data.decode("utf-8", errors="replace"), "utf-8", [])
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            enc = codecs.lookup(m[1].decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            enc = None
        if enc in _AS_1252:
            enc = "cp1252"
        if enc and enc != "utf-8":
            try:
                text = data.decode(enc, errors="replace")
            except Exception:  # a codec that cannot decode (e.g. a declared utf-7 gone wrong)
                text = None
            if text is not None:
                return _finish(text, enc, [_transcoded(data, text, enc, "declared in <meta charset>")])
    text = _western_1252(data)
    if text is not None:
        return _finish(text, "cp1252", [_transcoded(data, text, "cp1252", "Western European text, detected")])
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SAMPLE]).best()
    if best is None:
        return _finish(data.decode("utf-8", errors="replace"), "utf-8", [])
    text = data.decode(best.encoding, errors="replace")
    return _finish(text, best.encoding, [_transcoded(data, text, best.encoding, "detected by charset-normalizer")])


def _transcoded(data: bytes, text: str, enc: str, how: str) -> Repair:
    """Audit entry: which encoding, how we knew, and a sample as UTF-8 would have read it."""
    i = next((k for k, c in enumerate(text[:SAMPLE]) if not c.isascii()), 0)
    after = text[max(0, i - 30): i + 50]
    if enc.startswith(("utf-16", "utf-32")):
        before = f"{enc} bytes ({how})"
    else:
        raw = after.encode(enc, errors="replace")
        before = f"{enc} ({how}): " + raw.decode("utf-8", errors="replace")
    return Repair("transcoded", before, after)


def _finish(text: str, encoding: str, repairs: list[Repair]) -> tuple[str, str, list[Repair]]:
    repairs = list(repairs)
    # _MOJIBAKE starts with Ã, Â or â: three C searches spare the regex scan on almost every text
    if ("\u00c3" in text or "\u00c2" in text or "\u00e2" in text) and _MOJIBAKE.search(text):
        import ftfy

        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            before, after = _first_diff(text, fixed)
            repairs.append(Repair("mojibake", before, after))
            text = fixed
    n_bad = text.count("\ufffd")
    if n_bad:
        i = text.index("\ufffd")
        repairs.append(Repair("undecodable_bytes", text[max(0, i - 30): i + 30],
                              f"{n_bad} byte sequence(s) replaced by U+FFFD"))
    return text, encoding, repairs


def _first_diff(a: str, b: str, width: int = 40) -> tuple[str, str]:
    """A short window around the first difference, for the audit trail."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, i - width)
    return a[lo : i + width], b[lo : i + width]
