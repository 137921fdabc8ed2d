import json
import subprocess
import sys
from pathlib import Path

from tests.cleaners.html.helpers import fixture

NEWSARCHIVE = Path(sys.executable).with_name("newsarchive")


def run_clean(path: Path) -> dict:
    out = subprocess.run([str(NEWSARCHIVE), "clean", str(path), "--json"], capture_output=True, text=True,
                         timeout=120, check=True)
    return json.loads(out.stdout)


def test_clean_json_on_a_cnn_live_blog():
    rec = run_clean(fixture("cnn_liveblog.html"))
    assert rec["source_format"] == "html" and rec["kind"] == "liveblog" and rec["site"] == "cnn"
    assert rec["source_uri"] == "https://edition.cnn.com/europe/live-news/ukraine-russia-news-01-28-22/index.html"
    assert rec["source_path"] == str(fixture("cnn_liveblog.html"))
    assert rec["title"] == "January 28, 2022 Russia-Ukraine news"
    assert rec["published"] == "2022-01-28T10:02:00+00:00" and rec["published_source"] == "html:json-ld"
    assert len(rec["posts"]) == 3
    first = rec["posts"][0]
    assert first["body"].startswith("Gen. Mark Milley said the troop movements")
    assert first["published"] == "2022-01-28T21:12:00+00:00"  # 4:12 p.m. ET (EST) as UTC
    assert first["published_source"] == "explicit"
    assert first["authors"] == ["Ellie Kaufman", "Michael Conte"]
    assert first["captions"] == [{"caption": "Gen. Mark Milley speaks during a news briefing at the Pentagon on Friday.",
                                  "credit": "Alex Brandon/AP"}]


def test_clean_json_on_a_cnn_article():
    rec = run_clean(fixture("cnn_article.html"))
    assert rec["kind"] == "article" and rec["posts"] == []
    assert rec["body"].startswith("Dockworkers at ports")
    assert rec["captions"][0]["credit"] == "Jim Watson/AFP/Getty Images"
    assert rec["authors"] == ["Chris Isidore", "Vanessa Yurkevich"]
