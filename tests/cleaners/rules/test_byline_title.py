from cleaners.rules.byline import split_names
from tests.cleaners.rules.util import PROSE, clean


def test_markdown_byline_gives_three_authors():
    r = clean("A headline", "", "By [Natasha Bertrand](#), [Jim Sciutto](#) and [Kylie Atwood](#), CNN", "", PROSE)
    assert r.authors == ("Natasha Bertrand", "Jim Sciutto", "Kylie Atwood")
    assert r.byline == "By Natasha Bertrand, Jim Sciutto and Kylie Atwood, CNN"
    assert r.title == "A headline" and r.body == PROSE


def test_names_with_particles_and_organisations():
    assert split_names("Ana de la Cruz and Reuters") == ["Ana de la Cruz"]
    assert split_names("Jo Smith, AP") == ["Jo Smith"]
    assert split_names("Jane Smith and Omar Haddad, Metro Times") == ["Jane Smith", "Omar Haddad"]
    assert split_names("Lee Park, Valley Wire") == ["Lee Park"]
    assert split_names("Ann Lee, Bo Chan and Cy Dee, Example News") == ["Ann Lee", "Bo Chan", "Cy Dee"]


def test_by_in_prose_is_not_a_byline():
    text = "By the end of the week, the committee had heard from forty witnesses and adjourned."
    r = clean(text, "", PROSE)
    assert r.authors == () and text in r.body


def test_no_title_when_page_starts_with_prose():
    r = clean(PROSE, "", "A second paragraph that is also prose and ends properly.")
    assert r.title is None and r.body.startswith("The committee met")


def test_title_and_idempotent_rendering():
    r = clean("Storm hits the coast", "", PROSE)
    again = clean(r.title, "", r.body)
    assert (again.title, again.body) == (r.title, r.body)
