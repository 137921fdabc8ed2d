from tests.cleaners.rules.util import PROSE, clean, dropped


def test_related_article_insert_and_read_more():
    r = clean(PROSE, "", "Related Article: Satellite photos raise new concerns near the border", "",
              "READ MORE: What the new rules mean for you", "", PROSE)
    assert len(dropped(r, "related_article_insert")) == 2
    assert "Related" not in r.body


def test_prose_mentioning_related_stays():
    text = "Related: the two cases were linked by investigators, who said the same weapon was used."
    r = clean(PROSE, "", text)
    assert text in r.body and not dropped(r, "related_article_insert")


def test_share_widgets_and_stray_markers():
    r = clean(PROSE, "Link Copied!", "Copy link", "**", "---", PROSE)
    assert dropped(r, "share_widget") == ["Link Copied!", "Copy link"]
    assert dropped(r, "stray_marker") == ["**", "---"]


def test_video_title_with_duration():
    r = clean(PROSE, "", "Watch the moment the bridge collapsed into the river 2:34", "", PROSE)
    assert dropped(r, "video_title") == ["Watch the moment the bridge collapsed into the river 2:34"]


def test_time_of_day_at_end_of_a_short_line_is_not_a_video():
    r = clean(PROSE, "", "The hearing resumes tomorrow at 10:30", "", PROSE)
    assert "The hearing resumes tomorrow at 10:30" in r.body


def test_ad_slots_and_newsletter_promos():
    r = clean(PROSE, "Advertisement", "Story continues below advertisement",
              "Sign up for our Morning Briefing newsletter", PROSE)
    assert dropped(r, "ad_slot") == ["Advertisement", "Story continues below advertisement"]
    assert dropped(r, "newsletter_promo") == ["Sign up for our Morning Briefing newsletter"]
    prose = "Subscribers to the newsletter said the change surprised them, according to a survey."
    assert prose in clean(PROSE, prose).body
