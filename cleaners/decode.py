"""Bytes to text: declared or detected encoding, never a crash.

Order: a byte-order mark, then strict UTF-8, then a charset declared in HTML,
then detection (charset-normalizer). Binary content is refused with a reason.
Mojibake (`â€™`) is repaired with ftfy, and the repair is recorded.
"""
from __future__ import annotations

import codecs
import re

from cleaners.model import Reject, Repair

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"\x1f\x8b": "gzip data", b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
}
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u201e\u20ac\u2122]")


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if b"\x00" in sample and not (sample[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or _utf16_without_bom(sample)):
        return "binary data (NUL bytes)"
    return None


def _utf16_without_bom(sample: bytes) -> bool:
    """Text in UTF-16 without a BOM: every other byte is NUL."""
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return odd.count(0) > 0.6 * len(odd) or even.count(0) > 0.6 * len(even)


def decode(data: bytes) -> tuple[str, str, list[Repair]]:
    """Return (text, encoding used, repairs) or raise Reject('decode', ...)."""
    what = _looks_binary(data)
    if what:
        raise Reject("decode", f"not text: looks like {what}")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom):].decode(enc, errors="replace"), enc)
    if _utf16_without_bom(data[:8192]):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _finish(data.decode(enc, errors="replace"), enc)
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            enc = codecs.lookup(m[1].decode("ascii")).name
            return _finish(data.decode(enc, errors="replace"), enc)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        # Mostly-UTF-8 with a few broken bytes: keep what decodes, mark the rest.
        return _finish(data.decode("utf-8", errors="replace"), "utf-8 (with replacements)")
    return _finish(data.decode(best.encoding, errors="replace"), best.encoding)


def _finish(text: str, encoding: str) -> tuple[str, str, list[Repair]]:
    repairs: list[Repair] = []
    if _MOJIBAKE.search(text):
        import ftfy

        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            repairs.append(Repair("mojibake", _first_diff(text, fixed)[0], _first_diff(text, fixed)[1]))
            text = fixed
    if "\ufffd" in text:
        repairs.append(Repair("undecodable_bytes", "", f"{text.count(chr(0xFFFD))} byte sequence(s) replaced by U+FFFD"))
    return text, encoding, repairs


def _first_diff(a: str, b: str, width: int = 40) -> tuple[str, str]:
    """A short window around the first difference, for the audit trail."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, i - width)
    return a[lo : i + width], b[lo : i + width]
