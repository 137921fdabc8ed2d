from tests.cleaners.rules.util import PROSE, clean, dropped


def test_cnn_chrome_near_top():
    r = clean("Headline", "CNN politics", "• LIVE TV", f"(CNN) — {PROSE}", site="cnn")
    assert dropped(r, "section_label") == ["CNN politics"] and dropped(r, "live_tv_badge") == ["• LIVE TV"]
    assert r.body.startswith("(CNN) — The committee")


def test_cnn_pack_only_runs_on_cnn_pages():
    r = clean("Headline", "• LIVE TV", PROSE)
    assert r.site is None and not dropped(r, "live_tv_badge")


def test_site_detection_from_markers():
    from cleaners.detect import detect_site

    assert detect_site(f"(CNN) — {PROSE}") == "cnn"
    assert detect_site(PROSE, "https://edition.cnn.com/2022/01/28/x.html") == "cnn"
    assert detect_site(f"{PROSE} CNN reported earlier.") is None
