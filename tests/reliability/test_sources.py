"""Discovery loses nothing silently and reading never blocks or over-reads."""
from __future__ import annotations

import os

import pytest

import newsarchive.sources as sources
from cleaners.model import Reject
from newsarchive.sources import discover, display_path, read_bytes


def test_fifo_and_folder_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(Reject, match="named pipe"):
        read_bytes(str(tmp_path / "pipe"), 100)
    with pytest.raises(Reject, match="is a folder|not a regular file: a folder"):
        read_bytes(str(tmp_path), 100)


def test_size_is_checked_before_reading_and_never_over_read(tmp_path):
    f = tmp_path / "big"
    f.write_bytes(b"x" * 101)
    with pytest.raises(Reject, match=r"too large: 101 bytes > limit 100"):
        read_bytes(str(f), 100)
    assert read_bytes(str(f), 101) == b"x" * 101


def test_a_file_that_grows_while_read_is_read_whole_up_to_the_limit(tmp_path, monkeypatch):
    f = tmp_path / "growing"
    f.write_bytes(b"x" * 100)
    real = os.fstat

    def stale(fd):  # the size seen when the file was opened; it has grown since
        st = real(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(sources.os, "fstat", stale)
    assert read_bytes(str(f), 100) == b"x" * 100
    with pytest.raises(Reject, match=r"too large: more than 99 bytes"):
        read_bytes(str(f), 99)


def test_broken_symlink_and_vanished_file_have_different_reasons(tmp_path):
    os.symlink(tmp_path / "nowhere", tmp_path / "link")
    with pytest.raises(Reject, match="broken symlink"):
        read_bytes(str(tmp_path / "link"), 100)
    with pytest.raises(Reject, match="vanished"):
        read_bytes(str(tmp_path / "gone"), 100)


def test_symlink_loops_are_walked_once_and_linked_folders_are_followed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "two.txt").write_text("y")
    src = tmp_path / "src"
    src.mkdir()
    os.symlink(tmp_path / "a", src / "a")
    os.symlink(src, src / "loop")
    os.symlink(tmp_path / "elsewhere", src / "b")
    names = sorted(os.path.relpath(r.path, src) for r in discover([str(src)]))
    assert names == ["a/one.txt", "b/two.txt"]


def test_a_folder_that_cannot_be_listed_becomes_an_input_with_a_problem(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "f.txt").write_text("x")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):  # root can list any folder: simulate the EACCES a user would get
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    refs = {os.path.relpath(r.path, tmp_path): r.problem for r in sources.discover([str(tmp_path)])}
    assert refs == {"ok/f.txt": None, "locked": "cannot list folder: Permission denied"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files; the flow test records this case")
def test_unreadable_file_is_permission_denied(tmp_path):
    f = tmp_path / "secret"
    f.write_text("x")
    f.chmod(0)
    with pytest.raises(Reject, match="permission denied"):
        read_bytes(str(f), 100)


def test_undecodable_file_names_are_kept_as_valid_text(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("x")
    (ref,) = discover([str(tmp_path)])
    assert display_path(ref.path).endswith("caf\\xe9.txt")
    display_path(ref.path).encode("utf-8")
    assert ref.uri.endswith("caf%E9.txt")
