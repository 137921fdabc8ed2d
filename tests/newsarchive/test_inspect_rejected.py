"""A page the rules empty out is still shown, HTML or text: which rules took everything."""
from __future__ import annotations

from click.testing import CliRunner

from newsarchive.cli import main
from newsarchive.inspect import build_view


def test_text_page_of_only_furniture_shows_the_rules(tmp_path):
    page = tmp_path / "menu.txt"
    page.write_text("Home\nNews\nSport\nWeather\n© 2024 Example Media. All rights reserved.\n")
    view = build_view(page)
    assert view.rejected == "clean: no article text left after cleaning"
    out = CliRunner().invoke(main, ["inspect", str(page)]).output
    assert "nav_block" in out and "copyright_line" in out


def test_html_page_of_only_furniture_does_not_crash(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<!doctype html><html><head><title>x</title></head><body><p>Advertisement</p></body></html>")
    view = build_view(page)
    assert view.rejected and view.rejected.startswith(("clean:", "extract:"))


def test_clean_refuses_a_named_pipe_instead_of_hanging(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["clean", str(fifo)])
    assert result.exit_code == 1 and "not a regular file" in result.output


def test_clean_and_inspect_send_a_warc_file_to_run(tmp_path):
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    result = CliRunner().invoke(main, ["clean", str(warc)])
    assert result.exit_code == 1 and "give it to `newsarchive run`" in result.output
    assert "give it to `newsarchive run`" in build_view(warc).rejected
