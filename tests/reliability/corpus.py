"""A hostile corpus, generated on the fly (nothing large is committed).

`build(folder)` writes every kind of bad input a crawl can hold and returns
what each must become: `Expect(outcome, stage, reason)` keyed by file name,
where `reason` is a substring of the reject's reason. Used by the flow test
and by `python -m tests.reliability.make_table` (docs/reliability.md).
"""
from __future__ import annotations

import gzip
import os
import random
from dataclasses import dataclass
from pathlib import Path

ARTICLE = (
    "Storm closes coastal roads as rivers rise\n\n"
    "Officials said on Tuesday that the coastal road would stay closed until the water level falls.\n\n"
    "The river rose by two metres overnight, and engineers are checking the old bridge for damage.\n\n"
    "Residents were told to keep away from the banks while the clean-up continues this week.\n"
)
PARA = "<p>Officials said on Tuesday that the coastal road would stay closed until the water level falls.</p>"

# Limits the flow test runs with (smaller than the defaults, so the corpus stays small).
LIMITS = {"max_bytes": 20 * 1024 * 1024, "max_line_chars": 1_500_000, "max_lines": 50_000, "max_depth": 250}


@dataclass(frozen=True)
class Expect:
    outcome: str  # "archived" | "rejected"
    stage: str | None = None
    reason: str | None = None  # a substring of the reject reason
    what: str = ""  # the input, in words (for the docs table)
    encoding: str | None = None  # archived: the encoding recorded
    repair: str | None = None  # archived: a repair rule that must be recorded


def _html(body: str, head: str = "<title>Storm closes coastal roads</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def build(folder: Path, *, vanishing: bool = True) -> dict[str, Expect]:
    """Write the corpus into `folder`; return file name -> expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(7)
    exp: dict[str, Expect] = {}

    def put(name: str, data: bytes | str, expect: Expect) -> Path:
        p = folder / name
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        exp[name] = expect
        return p

    accented = ARTICLE.replace("Officials", "Café owners in Zürich").replace("engineers", "ingénieurs")
    put("good_article.txt", ARTICLE, Expect("archived", what="a plain text dump (control)", encoding="utf-8"))
    put("empty.txt", b"", Expect("rejected", "read", "empty file", "empty file"))
    put("whitespace_only.txt", b" \n\t\n   \r\n", Expect("rejected", "decode", "only whitespace", "whitespace only"))
    put("report.pdf", b"%PDF-1.7\n" + rnd.randbytes(3000), Expect("rejected", "decode", "PDF", "a PDF"))
    put("photo.png", b"\x89PNG\r\n\x1a\n" + rnd.randbytes(3000), Expect("rejected", "decode", "PNG", "a PNG image"))
    put("data.gz", gzip.compress(rnd.randbytes(3000)),
        Expect("rejected", "decode", "binary", "gzip whose content is not text"))
    put("noise.bin", rnd.randbytes(5000), Expect("rejected", "decode", "binary", "random bytes"))
    put("controls.txt", bytes(rnd.choice(range(1, 9)) for _ in range(2000)),
        Expect("rejected", "decode", "control bytes", "control characters only"))
    put("latin1.txt", accented.encode("latin-1"),
        Expect("archived", what="Latin-1 text", encoding="cp1252", repair="transcoded"))
    put("cp1252.txt", ARTICLE.replace("would stay", "“would stay”").replace("bridge", "bridge’s arch").encode("cp1252"),
        Expect("archived", what="Windows-1252 text (curly quotes)", encoding="cp1252", repair="transcoded"))
    put("utf16_bom.txt", accented.encode("utf-16"),
        Expect("archived", what="UTF-16 with BOM", encoding="utf-16-le", repair="transcoded"))
    put("utf16_nobom.txt", accented.encode("utf-16-le"),
        Expect("archived", what="UTF-16 without BOM", encoding="utf-16-le", repair="transcoded"))
    raw = accented.encode("utf-8")
    put("broken_utf8.txt", raw[:60] + b"\xc3\x28\xff" + raw[60:],
        Expect("archived", what="UTF-8 with invalid bytes", encoding="utf-8", repair="undecodable_bytes"))
    put("mojibake.txt", ARTICLE.replace("bridge", "bridge’s").encode("utf-8").decode("cp1252").encode("utf-8"),
        Expect("archived", what="mojibake (â€™)", encoding="utf-8", repair="mojibake"))
    put("no_body.html", "<!DOCTYPE html><html><head><title>Nothing here</title></head></html>",
        Expect("rejected", "clean", "no article text", "HTML with no body"))
    put("unclosed.html", "<!DOCTYPE html><html><head><title>Storm</title><body><div><p>" + ARTICLE.replace("\n\n", "<p>")
        + "<div><span><b>", Expect("archived", what="HTML with unclosed tags"))
    put("nested_10k.html", _html("<div>" * 10_000 + PARA * 3 + "</div>" * 10_000),
        Expect("rejected", "extract", "nested too deeply", "HTML nested 10,000 deep"))
    put("nested_200.html", _html("<div>" * 200 + PARA * 3 + "</div>" * 200),
        Expect("archived", what="HTML nested 200 deep (under the limit)"))
    big = folder / "huge_50mb.html"
    with open(big, "wb") as fh:  # sparse: 50 MB long, no disk used; refused by size before reading
        fh.write(_html(PARA).encode())
        fh.truncate(50 * 1024 * 1024)
    exp[big.name] = Expect("rejected", "read", "too large", "a 50 MB page")
    put("all_scripts.html", _html("<script>var a = 1;</script>" * 200, "<script>var b = 2;</script>"),
        Expect("rejected", "clean", "no article text", "a page that is all scripts"))
    put("no_paragraphs.txt", " ".join(ARTICLE.split()) * 3,
        Expect("archived", what="a text dump with no paragraph breaks"))
    put("one_line_1mb.txt", ("The river rose again overnight. " * 33_000)[:1_000_000],
        Expect("archived", what="a text dump that is one 1 MB line"))
    put("one_line_2mb.txt", "word " * 400_000,
        Expect("rejected", "clean", "line too long", "one 2 MB line (over --max-line-chars)"))
    put("many_lines.txt", "a\n" * 60_000,
        Expect("rejected", "clean", "too many lines", "60,000 tiny lines (over --max-lines)"))
    put("liveblog_zero_posts.txt", "Live updates: storm hits the coast\n\n0 Posts\n\n"
        "The latest on the storm as it moves north along the coast.\n",
        Expect("archived", what="a live blog with zero posts"))
    put("dup_a.txt", ARTICLE.replace("Tuesday", "Monday"), Expect("archived", what="duplicate bytes, name A"))
    put("dup_b.txt", ARTICLE.replace("Tuesday", "Monday"), Expect("archived", what="duplicate bytes, name B"))
    put("xxe.html", '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        '<!ENTITY lol "lollollollollollollollollollol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<html><body><p>&xxe; &lol2;</p>{PARA * 3}<img src="http://example.invalid/x.png"></body></html>',
        Expect("archived", what="HTML with external and nested entities"))
    locked = put("unreadable.txt", ARTICLE, Expect("rejected", "read", "permission denied", "chmod 000 file"))
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads it anyway: it is archived, and the test says so
        exp["unreadable.txt"] = Expect("archived", what="chmod 000 file (read anyway: running as root)")
    os.symlink(folder / "missing-target.txt", folder / "broken_link.txt")
    exp["broken_link.txt"] = Expect("rejected", "read", "broken symlink", "a broken symlink")
    os.mkfifo(folder / "pipe.txt")
    exp["pipe.txt"] = Expect("rejected", "read", "named pipe", "a named pipe (would block a reader)")
    name = os.fsdecode(b"caf\xe9-latin1-name.txt")  # a file name that is not valid UTF-8
    put(name, ARTICLE.replace("Tuesday", "Friday"), Expect("archived", what="a file name that is not UTF-8"))
    (folder / ".hidden.txt").write_text(ARTICLE)  # not an input: never discovered
    sub = folder / "sub"
    sub.mkdir()
    os.symlink(folder, sub / "loop")  # a symlink loop back to the top folder: walked once
    put("sub/inside.txt", ARTICLE.replace("Tuesday", "Sunday"), Expect("archived", what="a file in a sub-folder"))
    if vanishing:
        put("vanishing.txt", ARTICLE, Expect("rejected", "read", "vanished", "deleted between discovery and reading"))
    return exp
