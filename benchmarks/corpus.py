"""Deterministic benchmark corpus: N news documents, HTML pages and text dumps.

    python benchmarks/corpus.py OUT_DIR --n 10000 [--seed 0] [--html-share 0.5] [--jobs 2] [--prose varied]

Writes OUT_DIR/html/NNN/*.html and OUT_DIR/text/NNN/*.txt (1,000 files per
folder) plus OUT_DIR/corpus.json (counts, bytes, the arguments). Document i is
built from `random.Random(f"{seed}:{i}")` alone, so the corpus is identical for
the same seed whatever --jobs is, and any prefix of a bigger corpus equals the
smaller corpus.

Styles (chosen per document; the seeds in seeds/ were the style reference, no
sentence is copied from them):
- text dumps: CNN-like article with markdown links and footer menus, CNN-like
  article with a fused ` date YYYY-MM-DD ` header, compact one-line-per-
  paragraph dump, CNN-like live blog (`N Posts`, `From CNN's ...`,
  `Link Copied!`), and articles and live blogs of an invented regional site
  (`The Harbour Ledger`) with its own nav, share and copyright furniture;
- HTML pages: the same article and live-blog shapes as full pages, with head
  metadata (og:, article:published_time, JSON-LD), inline scripts and CSS,
  header and footer navigation, figures with credits, related inserts.
Generation is not what the benchmark measures; it runs at several thousand
documents per second per core.

Prose (`--prose`):
- `varied` (the default since 2026-12-05): see below.
- `templated` (what docs/performance.md measured until 2026-12-04, and its stress rows since):
  sentences from a dozen fixed clause templates, so every document shares most of its
  word 3-grams with hundreds of others and nearly all are near-duplicates: a worst case
  for the near-duplicate pass, not what a crawl looks like.
- `varied`: sentences built word by word from a 30,000-word synthetic lexicon (Zipf-
  weighted, as word frequencies are) and a few hundred real function words, so two
  different stories share about as few 3-grams as real news does; plus syndication:
  SYNDICATED_SHARE of the documents re-publish an earlier document's story (same people,
  same paragraphs in order, their own layout and furniture), which the near-duplicate
  pass should flag.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

PER_DIR = 1000

FIRST = ("Anna Ben Carla David Elena Farid Grace Hiro Ines James Kofi Lena Marta Nadia Oren Priya Quinn Rosa "
         "Samir Tara Umar Vera Walter Ximena Yusuf Zoe Ivana Lukas Mei Pablo Sofia Tomas").split()
LAST = ("Alvarez Brennan Castillo Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Larsen Moreau "
        "Novak Okafor Petrov Quintero Rossi Santos Tanaka Ulrich Varga Weber Xu Yilmaz Zhang Lindqvist Morales "
        "Nakamura Oliveira").split()
ROLES = ("the defense secretary", "a senior administration official", "the foreign minister", "the mayor",
         "a spokesperson for the ministry", "the central bank governor", "a former ambassador",
         "the committee chairman", "a regional governor", "the company's chief executive",
         "an analyst at a research institute", "the health commissioner", "a union leader", "the prosecutor")
ORGS = ("the ministry", "the alliance", "the council", "the federal agency", "the coalition government",
        "the port authority", "the central bank", "the electoral commission", "the energy regulator",
        "the city council", "the university hospital", "the rail operator", "the opposition party")
PLACES = ("Lisbon", "Nairobi", "Warsaw", "Osaka", "Montreal", "Valparaiso", "Tbilisi", "Accra", "Bergen",
          "Cordoba", "Da Nang", "Izmir", "Adelaide", "Tallinn", "Kraków", "Porto Alegre", "Windhoek", "Leeds")
COUNTRIES = ("Portugal", "Kenya", "Poland", "Japan", "Canada", "Chile", "Georgia", "Ghana", "Norway",
             "Argentina", "Vietnam", "Turkey", "Australia", "Estonia", "Brazil", "Namibia")
TOPICS = ("the budget", "the ceasefire talks", "the new rail line", "the water shortage", "the trade agreement",
          "the pension reform", "the election result", "the flood defences", "the vaccine rollout",
          "the border crossing", "the fuel subsidy", "the strike", "the housing plan", "the wildfire season",
          "the court ruling", "the satellite launch", "the fishing quota", "the grain exports")
VERBS = ("said", "warned", "told reporters", "confirmed", "argued", "insisted", "acknowledged", "wrote",
         "added", "noted", "suggested", "announced")
CLAUSES = (
    "{org} would review {topic} before the end of the month",
    "talks on {topic} had stalled over the question of funding",
    "{topic} could cost more than {num} million dollars over the next {small} years",
    "officials in {place} were preparing for a long negotiation",
    "the decision on {topic} was 'not final' and could still change",
    "nobody expected {org} to move so quickly on {topic}",
    "about {num} people had been affected by {topic} since {month}",
    "the plan for {topic} had the support of a narrow majority",
    "{org} had received {small} formal complaints about {topic}",
    "there was 'no reason to panic' about {topic}",
    "a vote on {topic} was expected on {weekday}",
    "{topic} would be discussed again when ministers meet in {place}",
)
OPENERS = ("Meanwhile", "Still", "Earlier on {weekday}", "In a statement", "By contrast", "Separately",
           "At the same time", "Later", "In {place}", "According to {org}")
SECTIONS = ("US", "World", "Politics", "Business", "Opinion", "Health", "Entertainment", "Tech", "Style",
            "Travel", "Sports", "Videos", "Audio", "Weather", "Science", "Climate", "Markets")
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
AGENCIES = ("GETTY IMAGES", "AFP/GETTY IMAGES", "REUTERS", "AP", "POOL/EPA", "BLOOMBERG/GETTY IMAGES")

TEXT_STYLES = (("cnn_markdown", 30), ("cnn_fused_date", 20), ("compact", 15), ("cnn_liveblog", 12),
               ("site_article", 15), ("site_liveblog", 8))
HTML_STYLES = (("cnn_article", 40), ("cnn_liveblog", 15), ("site_article", 30), ("site_liveblog", 15))


PROSES = ("templated", "varied")
SYNDICATED_SHARE = 0.05  # varied prose: documents that re-publish an earlier story
SYNDICATION_WINDOW = 2000  # ... one of the previous this many documents

FUNCTION_WORDS = ("the the the the a a an of of of to to in in and and that for on with as at by from "
                  "its their this these which who while after before about over under into than more "
                  "most some many several new other first last said says would could will had has was were "
                  "is are been not also only still even just very").split()
PREPOSITIONS = "of in on at for with from after before over under into across against during near".split()
DETERMINERS = "the the the a its their this that every some".split()
VERBS_PAST = ("reported blocked approved delayed rejected opened closed expanded reduced questioned announced "
              "challenged funded defended criticised reviewed proposed cancelled extended suspended welcomed "
              "ordered promised signed replaced postponed launched examined restored raised lowered").split()
_SYLLABLES = ("ba be bi bo bu da de di do ka ke ki ko la le li lo lu ma me mi mo na ne ni no ra re ri ro "
              "sa se si so ta te ti to va ve vi vo za zo ar en il or us an el in on er").split()


def _lexicon(size: int = 30000) -> tuple[list[str], list[float]]:
    """Synthetic content words (deterministic) and Zipf cumulative weights for `rng.choices`."""
    r = random.Random("newsarchive-lexicon")
    seen: dict[str, None] = {}
    while len(seen) < size:
        seen["".join(r.choice(_SYLLABLES) for _ in range(r.choice((2, 2, 3, 3, 4))))] = None
    words = list(seen)
    cum, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1.0 / rank ** 0.9
        cum.append(total)
    return words, cum


LEXICON, LEXICON_CUM = _lexicon()


def _weighted(rng: random.Random, table) -> str:
    names, weights = zip(*table)
    return rng.choices(names, weights)[0]


def _attributed(r: random.Random, shape: int, who: str, clause: str) -> str:
    """A clause reported (shape 0) or quoted (shape 1), said by `who`."""
    if shape == 0:
        return f"{who}, {r.choice(ROLES)}, {r.choice(VERBS)} on {r.choice(WEEKDAYS)} that {clause}."
    return f"\u201c{clause[0].upper()}{clause[1:]},\u201d {who} {r.choice(VERBS)}."


class Writer:
    """Random but plausible news prose for one document.

    `rng` decides the layout (furniture, inserts, lengths); with varied prose the story
    (day, people, topic, and the body's sentences) comes from `story`, its own generator,
    so a syndicated copy made from the same story seed repeats the original's prose."""

    def __init__(self, rng: random.Random, story: random.Random | None = None, prose: str = "templated"):
        self.rng = rng
        self.prose = prose
        src = story or rng
        self.words = story or rng  # the body's word stream
        self.day = date(2015, 1, 1) + timedelta(days=src.randrange(3650))
        self.place = src.choice(PLACES)
        self.country = src.choice(COUNTRIES)
        self.people = [f"{src.choice(FIRST)} {src.choice(LAST)}" for _ in range(src.randint(3, 6))]
        self.topic = src.choice(TOPICS)
        if prose == "varied":  # the story's own names and terms, as a real story has
            self.terms = src.choices(LEXICON, cum_weights=LEXICON_CUM, k=12)

    def _content(self, k: int) -> list[str]:
        return self.words.choices(LEXICON, cum_weights=LEXICON_CUM, k=k)

    def clause(self) -> str:
        """Varied prose: a subject, a verb and one to three noun phrases, word by word."""
        r = self.words
        out = [r.choice(DETERMINERS), *self._content(r.randint(1, 2))]
        if r.random() < 0.3:
            out += [r.choice(FUNCTION_WORDS), r.choice(self.terms)]
        out.append(r.choice(VERBS_PAST))
        for _ in range(r.randint(1, 3)):
            out += [r.choice(PREPOSITIONS) if out[-1] not in PREPOSITIONS else r.choice(DETERMINERS),
                    r.choice(DETERMINERS), *self._content(r.randint(1, 3))]
            if r.random() < 0.35:
                out += [r.choice(FUNCTION_WORDS), *self._content(1)]
        if r.random() < 0.2:
            out += ["in", r.choice(PLACES)]
        return " ".join(out)

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            org=r.choice(ORGS), topic=r.choice((self.topic, self.topic, r.choice(TOPICS))), place=r.choice(PLACES),
            num=r.randint(2, 950), small=r.randint(2, 12), month=r.choice(MONTHS), weekday=r.choice(WEEKDAYS),
        )

    def sentence(self) -> str:
        if self.prose == "varied":
            return self._varied_sentence()
        r = self.rng
        who = r.choice(self.people)
        shape = r.randrange(5)
        clause = self.fill(r.choice(CLAUSES))
        if shape < 2:
            s = _attributed(r, shape, who, clause)
        elif shape == 2:
            s = f"{self.fill(r.choice(OPENERS))}, {r.choice(ROLES)} {r.choice(VERBS)} that {clause}."
        elif shape == 3:
            s = f"{clause[0].upper()}{clause[1:]}, {r.choice(ROLES)} {r.choice(VERBS)}."
        else:
            s = f"The question of {r.choice(TOPICS)} has divided {r.choice(ORGS)} in {r.choice(PLACES)} for {r.randint(2, 30)} years."
        return s.replace("''", "'")

    def _varied_sentence(self) -> str:
        r = self.words
        who = r.choice(self.people)
        clause = self.clause()
        shape = r.randrange(5)
        if shape < 2:
            s = _attributed(r, shape, who, clause)
        elif shape == 2:
            s = f"{r.choice(OPENERS).format(weekday=r.choice(WEEKDAYS), place=r.choice(PLACES), org=r.choice(ORGS))}, {clause}."
        else:
            s = f"{clause[0].upper()}{clause[1:]}, {self.clause()}."
        return s

    def paragraph(self, lo: int = 1, hi: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(self.words.randint(lo, hi)))

    def headline(self) -> str:
        r = self.rng
        t = self.topic
        return r.choice((
            f"{r.choice(ORGS).capitalize()} moves to settle {t} as pressure mounts in {self.place}",
            f"What we know about {t} in {self.country}",
            f"{self.people[0]} says {t} will not be delayed",
            f"{self.country} weighs new rules after {t} row",
            f"Analysis: Why {t} matters beyond {self.place}",
            f"Officials in {self.place} brace for {t}",
        ))

    def authors(self, n: int | None = None) -> list[str]:
        n = n or self.rng.choice((1, 1, 2, 3))
        return self.people[-n:]

    def day_text(self) -> str:
        d = self.day
        return f"{WEEKDAYS[d.weekday()][:3]} {MONTHS[d.month - 1]} {d.day}, {d.year}"

    def clock(self) -> str:
        r = self.rng
        return f"{r.randint(1, 12)}:{r.randrange(60):02d} {r.choice(('AM', 'PM'))} ET"

    def credit(self) -> str:
        r = self.rng
        return f"{r.choice(LAST).upper()}/{r.choice(AGENCIES)}"

    def caption(self) -> str:
        r = self.rng
        return (f"{r.choice(self.people)} speaks during a news conference in {r.choice(PLACES)}, "
                f"{self.country}, on {MONTHS[self.day.month - 1]} {self.day.day}.")

    def body(self, n: int) -> list[str]:
        return [self.paragraph() for _ in range(n)]

    def length(self) -> int:
        """Paragraph count: mostly 8-25, a long tail up to ~120 (big pages exist)."""
        g = self.words
        r = g.random()
        return g.randint(8, 25) if r < 0.8 else g.randint(25, 60) if r < 0.97 else g.randint(60, 120)


def _md_links(w: Writer, para: str) -> str:
    """Turn one or two phrases of a paragraph into `[phrase](#)` links, as a markdown dump does."""
    words = para.split(" ")
    for _ in range(w.rng.randint(0, 2)):
        if len(words) < 8:
            break
        i = w.rng.randrange(len(words) - 4)
        k = w.rng.randint(2, 4)
        if any("[" in x or "]" in x for x in words[i:i + k]):
            continue
        words[i] = "[" + words[i]
        words[i + k - 1] = words[i + k - 1] + "](#)"
    return " ".join(words)


def _cnn_footer(w: Writer) -> list[str]:
    secs = w.rng.sample(SECTIONS, w.rng.randint(7, 12))
    out = ["Search CNN...", ""]
    out += [x for s in secs[:5] for x in (s, "")]
    out += [f"- {s}" for s in secs[5:]]
    out += ["", "", "", f"FOLLOW CNN {w.rng.choice(SECTIONS).upper()}", "", "", ""]
    out += [f"- [{x}](#)" for x in ("Terms of Use", "Privacy Policy", "Ad Choices", "About Us", "Newsletters",
                                    "Transcripts", "Sitemap")[: w.rng.randint(3, 7)]]
    out += ["", f"\u00a9 {w.day.year} Cable News Network. A Warner Media Company. All Rights Reserved."]
    return out


# -- text dumps ----------------------------------------------------------------------------

def text_cnn_markdown(w: Writer) -> str:
    r = w.rng
    auth = w.authors()
    by = ", ".join(f"[{a}](#)" for a in auth[:-1]) + (" and " if len(auth) > 1 else "") + f"[{auth[-1]}](#)"
    out = ["", "", w.headline(), "", f"By {by}, CNN", "", " ", " ", f"Updated {w.clock()}, {w.day_text()}", "", ""]
    if r.random() < 0.7:
        out += ["", w.credit(), ""]
    out += [f"CNN {r.choice(SECTIONS).lower()}", "", "\u2022 LIVE TV", "", "", ""]
    paras = w.body(w.length())
    paras[0] = f"(CNN) \u2014 {paras[0]}"
    for i, p in enumerate(paras):
        p = _md_links(w, p)
        x = r.random()
        if x < 0.05 and len(p) > 80:  # a paragraph broken in the middle, as dumps do
            cut = p.index(" ", len(p) // 2)
            out += [p[:cut], "", p[cut + 1:], ""]
        elif x < 0.09:
            out += [p, "", "", "", w.headline().lower(), ""]  # a related-story insert
        elif x < 0.12:
            out += [p, "", w.credit(), "", w.caption(), ""]
        else:
            out += [p, ""]
    out += [f"CNN's {', '.join(w.people[:2])} and {w.people[-1]} contributed to this report.", ""]
    out += _cnn_footer(w)
    return "\n".join(out) + "\n"


def text_cnn_fused_date(w: Writer) -> str:
    r = w.rng
    out = [f" date {w.day.isoformat()} {w.headline()} {r.randint(0, 4)}:{r.randrange(60):02d}", ""]
    paras = w.body(w.length())
    paras[0] = f"(CNN) \u2013 {paras[0]}"
    for i, p in enumerate(paras):
        out += [p, ""]
        if i and i % r.randint(5, 9) == 0:
            out += [w.headline().split(" in ")[0], ""]  # a subhead
        if r.random() < 0.06:
            out += ["", ""]
    return "\n".join(out)


def text_compact(w: Writer) -> str:
    out = [w.headline(), w.sentence()] + w.body(w.length())
    if w.rng.random() < 0.5:
        out.insert(2, f"Updated {w.clock()}, {w.day_text()}")
    return "\n".join(out) + "\n"


def _posts(w: Writer, cnn: bool) -> list[tuple[str, str, list[str], str | None]]:
    r = w.rng
    posts = []
    for _ in range(r.randint(6, 30)):
        byline = None
        if r.random() < 0.6:
            names = r.sample(w.people, min(len(w.people), r.choice((1, 1, 2))))
            byline = (f"From CNN's {' and '.join(names)}" if cnn else f"By {' and '.join(names)}")
        when = f"{r.randint(1, 12)}:{r.randrange(60):02d} {r.choice(('a.m.', 'p.m.'))} ET"
        posts.append((w.headline(), when, w.body(r.randint(2, 6)), byline))
    return posts


def text_liveblog(w: Writer, cnn: bool) -> str:
    r = w.rng
    posts = _posts(w, cnn)
    out = [w.paragraph(1, 2), w.paragraph(1, 2)]
    if r.random() < 0.5:
        out.append("Live coverage has ended. Read more about the story here.")
    out.append(f"{len(posts)} Posts")
    for head, when, body, byline in posts:
        if not cnn:
            out.append(when)
        out.append(head)
        if byline:
            out.append(byline)
        if r.random() < 0.25:
            out += [w.caption(), f"({r.choice(LAST)}/{r.choice(AGENCIES).title()})"]
        out += body
        out.append("Link Copied!" if cnn else "Share")
    if cnn:
        out += [""] + _cnn_footer(w)
    else:
        out += ["", "Home | News | Sport | Business | Culture", f"\u00a9 {w.day.year} The Harbour Ledger. All rights reserved."]
    return "\n".join(out) + "\n"


def text_site_article(w: Writer) -> str:
    r = w.rng
    nav = r.sample(SECTIONS, r.randint(4, 8))
    out = ["The Harbour Ledger", " | ".join(nav), "", "Advertisement", "", w.headline(), "",
           f"By {' and '.join(w.authors())} | Published {MONTHS[w.day.month - 1]} {w.day.day}, {w.day.year}", ""]
    paras = w.body(w.length())
    paras[0] = f"{w.place.upper()}, {w.country} \u2014 {paras[0]}"
    for i, p in enumerate(paras):
        out += [p, ""]
        if r.random() < 0.07:
            out += [f"Read more: {w.headline()}", ""]
        if r.random() < 0.04:
            out += ["Advertisement", ""]
    out += ["Share this article", "", "Home", "News", "Sport", "Business", "Contact us", "",
            f"\u00a9 {w.day.year} The Harbour Ledger. All rights reserved."]
    return "\n".join(out) + "\n"


# -- HTML pages ------------------------------------------------------------------------------

_CSS = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{(i * 7919) % 0xFFFFFF:06x}}}" for i in range(120))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _script(w: Writer) -> str:
    r = w.rng
    n = r.randint(20, 120)
    body = ";".join(f"window.__d{r.randrange(1000)}={{id:{r.randrange(10**6)},k:'{r.choice(SECTIONS)}'}}" for _ in range(n))
    return f"<script>{body}</script>"


def _html_nav(w: Writer, cnn: bool) -> str:
    secs = w.rng.sample(SECTIONS, w.rng.randint(8, 14))
    items = "".join(f'<li class="nav__item"><a href="/{s.lower()}">{s}</a></li>' for s in secs)
    brand = "CNN" if cnn else "The Harbour Ledger"
    return (f'<header class="header"><a class="brand" href="/">{brand}</a><nav><ul class="nav">{items}</ul></nav>'
            f'<form class="search"><input placeholder="Search {brand}..."/></form></header>')


def _html_footer(w: Writer, cnn: bool) -> str:
    links = "".join(f'<li><a href="/{x.lower().replace(" ", "-")}">{x}</a></li>'
                    for x in ("Terms of Use", "Privacy Policy", "Ad Choices", "About Us", "Newsletters", "Sitemap"))
    owner = "Cable News Network. A Warner Media Company" if cnn else "The Harbour Ledger"
    return (f'<footer class="footer"><ul>{links}</ul><p class="copyright">\u00a9 {w.day.year} {owner}. '
            f'All Rights Reserved.</p></footer>')


def _html_head(w: Writer, title: str, cnn: bool, kind: str, url: str) -> str:
    r = w.rng
    ts = f"{w.day.isoformat()}T{r.randrange(24):02d}:{r.randrange(60):02d}:00Z"
    site = "CNN" if cnn else "The Harbour Ledger"
    ld = json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting" if kind == "liveblog" else "NewsArticle",
                     "headline": title, "datePublished": ts, "author": [{"@type": "Person", "name": a} for a in w.authors(2)],
                     "publisher": {"@type": "Organization", "name": site}})
    return (f'<head><meta charset="utf-8"><title>{_esc(title)} | {site}</title>'
            f'<meta property="og:title" content="{_esc(title)}"><meta property="og:site_name" content="{site}">'
            f'<meta property="og:type" content="article"><meta name="author" content="{", ".join(w.authors(2))}">'
            f'<meta property="article:published_time" content="{ts}"><link rel="canonical" href="{url}">'
            f'<style>{_CSS[: r.randint(2000, len(_CSS))]}</style>'
            f'<script type="application/ld+json">{ld}</script>{_script(w)}</head>')


def _url(w: Writer, cnn: bool, i: int) -> str:
    host = "https://edition.cnn.com" if cnn else "https://www.harbourledger.example"
    return f"{host}/{w.day.year}/{w.day.month:02d}/{w.day.day:02d}/{w.rng.choice(SECTIONS).lower()}/story-{i}/index.html"


def html_article(w: Writer, cnn: bool, i: int) -> str:
    r = w.rng
    title = w.headline()
    url = _url(w, cnn, i)
    parts = [f'<!DOCTYPE html><html lang="en">{_html_head(w, title, cnn, "article", url)}<body>', _html_nav(w, cnn),
             '<main><article class="article">', f'<h1 class="headline">{_esc(title)}</h1>',
             f'<div class="byline">By {" and ".join(w.authors())}{", CNN" if cnn else ""}</div>',
             f'<div class="timestamp">Updated {w.clock()}, {w.day_text()}</div>']
    if r.random() < 0.7:
        parts.append(f'<figure><img src="/img/{r.randrange(10**6)}.jpg" alt=""><figcaption>{_esc(w.caption())}'
                     f'<span class="credit">{w.credit()}</span></figcaption></figure>')
    paras = w.body(w.length())
    paras[0] = (f"(CNN) \u2014 {paras[0]}" if cnn else f"{w.place.upper()}, {w.country} \u2014 {paras[0]}")
    parts.append('<div class="article__content">')
    for p in paras:
        parts.append(f'<p class="paragraph">{_esc(p)}</p>')
        x = r.random()
        if x < 0.06:
            parts.append(f'<aside class="related"><span>Related Article</span><a href="/r/{r.randrange(10**5)}">'
                         f'{_esc(w.headline())}</a></aside>')
        elif x < 0.09:
            parts.append(f'<div class="ad-slot c{r.randrange(120)}">Advertisement</div>')
        elif x < 0.11:
            parts.append(f'<h2 class="subheader">{_esc(w.headline().split(" in ")[0])}</h2>')
    parts.append("</div></article>")
    parts.append('<section class="more"><h3>More from ' + ("CNN" if cnn else "the Ledger") + "</h3><ul>"
                 + "".join(f'<li><a href="/s/{r.randrange(10**5)}">{_esc(w.headline())}</a></li>' for _ in range(r.randint(4, 12)))
                 + "</ul></section></main>")
    parts += [_html_footer(w, cnn), _script(w), "</body></html>"]
    return "\n".join(parts)


def html_liveblog(w: Writer, cnn: bool, i: int) -> str:
    r = w.rng
    title = f"Live updates: {w.headline()}"
    url = _url(w, cnn, i)
    posts = _posts(w, cnn)
    parts = [f'<!DOCTYPE html><html lang="en">{_html_head(w, title, cnn, "liveblog", url)}<body>', _html_nav(w, cnn),
             f'<main><h1>{_esc(title)}</h1><ul class="summary">'
             + "".join(f"<li>{_esc(w.sentence())}</li>" for _ in range(r.randint(2, 4))) + "</ul>",
             f'<div class="post-count">{len(posts)} Posts</div>']
    for head, when, body, byline in posts:
        parts.append(f'<article class="post"><time>{when}</time><h2>{_esc(head)}</h2>')
        if byline:
            parts.append(f'<p class="post__byline">{_esc(byline)}</p>')
        parts += [f"<p>{_esc(p)}</p>" for p in body]
        parts.append('<button class="share">Link Copied!</button></article>' if cnn else
                     '<button class="share">Share</button></article>')
    parts += ["</main>", _html_footer(w, cnn), _script(w), "</body></html>"]
    return "\n".join(parts)


# -- corpus ------------------------------------------------------------------------------------

def document(seed: int, i: int, html_share: float, prose: str = "varied") -> tuple[str, str, str]:
    """(format, style, content) of document i: a pure function of (seed, i, html_share, prose)."""
    rng = random.Random(f"{seed}:{i}")
    if prose == "templated":
        w = Writer(rng)
    else:
        story = i
        if i and rng.random() < SYNDICATED_SHARE:  # re-publishes an earlier document's story
            story = rng.randrange(max(0, i - SYNDICATION_WINDOW), i)
        w = Writer(rng, random.Random(f"{seed}:story:{story}"), prose)
    if rng.random() < html_share:
        style = _weighted(rng, HTML_STYLES)
        cnn = style.startswith("cnn")
        body = html_liveblog(w, cnn, i) if style.endswith("liveblog") else html_article(w, cnn, i)
        return "html", style, body
    style = _weighted(rng, TEXT_STYLES)
    body = {
        "cnn_markdown": text_cnn_markdown, "cnn_fused_date": text_cnn_fused_date, "compact": text_compact,
        "cnn_liveblog": lambda x: text_liveblog(x, True), "site_article": text_site_article,
        "site_liveblog": lambda x: text_liveblog(x, False),
    }[style](w)
    return "text", style, body


def _write_range(args) -> dict:
    out, seed, lo, hi, html_share, prose = args
    stats: dict = {"html": [0, 0], "text": [0, 0], "styles": {}}
    for i in range(lo, hi):
        fmt, style, body = document(seed, i, html_share, prose)
        data = body.encode("utf-8")
        d = Path(out) / fmt / f"{i // PER_DIR:03d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{i:06d}.{'html' if fmt == 'html' else 'txt'}").write_bytes(data)
        stats[fmt][0] += 1
        stats[fmt][1] += len(data)
        stats["styles"][f"{fmt}:{style}"] = stats["styles"].get(f"{fmt}:{style}", 0) + 1
    return stats


def generate(out: str | Path, n: int, seed: int = 0, html_share: float = 0.5, jobs: int = 1,
             prose: str = "varied") -> dict:
    """Write the corpus and return its manifest (also saved as OUT/corpus.json)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    step = PER_DIR
    chunks = [(str(out), seed, lo, min(n, lo + step), html_share, prose) for lo in range(0, n, step)]
    if jobs > 1 and len(chunks) > 1:
        with Pool(jobs) as pool:
            parts = pool.map(_write_range, chunks)
    else:
        parts = [_write_range(c) for c in chunks]
    manifest = {"n": n, "seed": seed, "html_share": html_share, "prose": prose, "html_docs": 0, "html_bytes": 0, "text_docs": 0,
                "text_bytes": 0, "styles": {}}
    for p in parts:
        for fmt in ("html", "text"):
            manifest[f"{fmt}_docs"] += p[fmt][0]
            manifest[f"{fmt}_bytes"] += p[fmt][1]
        for k, v in p["styles"].items():
            manifest["styles"][k] = manifest["styles"].get(k, 0) + v
    manifest["styles"] = dict(sorted(manifest["styles"].items()))
    manifest["seconds"] = round(time.perf_counter() - start, 2)
    (out / "corpus.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="output folder (use a temp dir; never commit a corpus)")
    ap.add_argument("--n", type=int, default=1000, help="documents in all (HTML + text)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--html-share", type=float, default=0.5, help="fraction of documents that are HTML pages")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--prose", choices=PROSES, default="varied",
                    help="varied: realistic (default); templated: shared clause templates (near-duplicate worst case)")
    a = ap.parse_args(argv)
    m = generate(a.out, a.n, a.seed, a.html_share, a.jobs, a.prose)
    print(json.dumps(m, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
