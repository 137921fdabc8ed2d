"""Discovery builds a folder's file refs from the folder's own (newsarchive/sources.py `_walk`):
the URI and path must be exactly what `_ref` gives for each file, or doc_ids would change."""
from __future__ import annotations

import os
from pathlib import Path

from newsarchive.sources import _ref, discover

NAMES = ["plain.txt", "with space.txt", "per%cent.txt", "hash#and?query.txt", "caf\u00e9 \u2014 dash.txt",
         "\u65b0\u805e.html", os.fsdecode(b"bad-\xff-byte.txt"), "semi;colon,comma&amp=.txt", "~tilde.txt"]


def _tree(root: Path) -> None:
    for sub in ("", "a", "a/b c", "z\u00fcrich"):
        d = root / sub
        d.mkdir(parents=True, exist_ok=True)
        for name in NAMES:
            (d / name).write_bytes(b"text")


def test_each_file_ref_is_what_ref_of_its_path_gives(tmp_path, monkeypatch):
    _tree(tmp_path / "in")
    refs = discover([str(tmp_path / "in")])
    assert len(refs) == 4 * len(NAMES)
    for r in refs:
        assert r == _ref(Path(r.path)), r
    monkeypatch.chdir(tmp_path)  # a relative folder, written oddly: the same refs
    assert discover(["in/"]) == refs
    assert discover(["./in//a"]) == [r for r in refs if "/in/a/" in r.path]
    for r in discover(["in/a/.."]):  # pathlib keeps "..": so do the refs, as `_ref` would
        assert r == _ref(Path(r.path)) and "/in/a/../" in r.path


def test_the_uri_names_the_file(tmp_path):
    from urllib.parse import unquote_to_bytes, urlparse

    _tree(tmp_path / "in")
    for r in discover([str(tmp_path / "in")]):
        assert os.fsdecode(unquote_to_bytes(urlparse(r.uri).path)) == r.path
        assert Path(r.path).read_bytes() == b"text"
