#!/usr/bin/env python3
"""Deterministic synthetic investigations for benchmarking dossier against Hugo.

    python3 bench/generate.py 1000 10000      # writes bench/out/<size>/{dossier,hugo}/

For N articles (about 600 words each, 3-6 actors named in each):
  * N/5 actors (people, companies, governments, NGOs; companies carry an alias),
  * 2N events (two per article, each citing its article, 1-2 actors, a source,
    and a one-sentence summary naming an actor),
  * N/50 sources.

The same content is written twice:
  * `dossier/`: content/site.yaml, content/articles/*.md, content/actors/*.yaml,
    content/events/<year>.yaml, content/sources.yaml;
  * `hugo/`: the equivalent Hugo site, with the same markup as dossier's
    default theme: articles with `actors` and `sources` taxonomies (term
    pages are the actor and source pages: role, summary, events, articles),
    a timeline page ranging over the events as data (data/events.json),
    home, index pages, a 404 page, an RSS feed with full content, one
    external CSS file (the dossier theme's), built with `hugo --minify`.

Hugo has no mention linking or backlinks, so the Hugo copy carries them
already written out (mention links in the text, each actor's events and
first-mention sentences in front matter): the output is comparable, the work
of finding them is dossier's alone. Only the standard library is used; the
RNG is seeded with the size, so a size always gives the same bytes.
"""

import json
import os
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

FIRST = """Adele Amara Anton Aurelio Beatriz Bilal Boris Camille Chiara Cyrus Dalia
Dmitri Elif Emeka Esther Farid Fiona Gideon Greta Hamid Helena Ines Ivo Jasmin
Joaquin Kamala Kenji Lars Leila Lorenzo Magnus Malik Marisol Milan Nadia Nikolai
Oksana Omar Paloma Pavel Quentin Rafael Rania Rosalind Samir Selma Soren Talia
Teodor Ulla Valentin Vera Wanda Xavier Yara Yusuf Zeynep Zoltan Agnes Bruno
Cosima Dario Edith Felix Gloria Henrik Irina Jonas Katya Linus Mirela Nuno Olga
Petra Ravi Sabine Tobias Ursula Viktor Wilma""".split()

LAST = """Abara Bergstrom Castellanos Dragomir Eklund Falkenrath Gallardo Halvorsen
Ibarra Jovanovic Kowalczyk Lindqvist Marchetti Nakamura Oyelaran Petrosyan
Quintero Rasmussen Szabo Takahashi Umarov Valverde Wojcik Xenakis Yilmaz Zamora
Achterberg Brandao Cifuentes Delacroix Esposito Fontaine Grimaldi Haddad Ishikawa
Jankowski Kristiansen Lombardi Mendoza Novak Okonkwo Popescu Quispe Romanov
Sandoval Tanaka Urquhart Vasquez Whitfield Yamamoto Zielinski Albescu Barros
Cardenas Dimitrov Engstrom Ferreira Gutierrez Hoffmann Iverson Jaramillo Kaplan
Larsen Moreau Nieminen Olsen Pereira Rossi Schultz Torres Varga Weber""".split()

ORG_A = """Northgate Bluewater Ironbridge Silverline Redcliff Eastmoor Harbourside
Goldcrest Westfield Stonehaven Blackmere Greenhollow Highpoint Lakeshore Oakridge
Pinecrest Riverbend Seabright Sunvale Thornbury Whitecliff Ashdown Brightwater
Coldstream Deepwell Elmstead Fairhaven Foxglove Glenmore Hawthorne""".split()

ORG_B = """Shipping Holdings Logistics Dredging Capital Maritime Construction Energy
Consulting Freight Securities Infrastructure Ventures Engineering Trading Resources
Partners Media Insurance Development""".split()

ORG_SUFFIX = ["Ltd", "Group", "SA", "AG", "Corporation", "Limited", "BV", "Inc"]

GOV = """Ministry of Transport|Ministry of Finance|Port Authority|Coastal Guard|Customs Office
|Audit Court|Anti-Corruption Agency|Ministry of Interior|Harbour Commission|Procurement Office
|Environmental Agency|Central Bank|Attorney General Office|Public Works Department
|Maritime Registry|Competition Authority""".replace("\n", "").split("|")

REGIONS = """Northern Eastern Southern Western Central Coastal Upper Lower Greater
Inner""".split()

NGO_A = """Transparency Watch|Open Books Initiative|Harbour Residents Association
|Clean Seas Coalition|Citizens Audit Network|Fair Tender Project|Dockworkers Union
|Press Freedom Fund""".replace("\n", "").split("|")

COUNTRIES = ["Utopia", "Arcadia", "Lemuria", "Borduria", "Syldavia", "Freedonia"]

ROLES = [
    "port director", "board member", "chief executive", "minister", "deputy minister",
    "procurement officer", "shareholder", "auditor", "harbour engineer", "lawyer",
    "spokesperson", "consultant", "whistleblower", "prosecutor", "journalist",
]

OUTLET_A = """Harbour Gazette|Coastal Courier|Daily Ledger|Evening Standard-Bearer
|Morning Wire|Metro Tribune|Island Herald|Capital Observer|Quayside Post|Tidewater Times
|Northern Chronicle|Southern Sentinel|Bayside Bulletin|Lighthouse Review|Anchor Weekly
|Dockside Dispatch|Regional Monitor|Channel Record|Estuary Echo|Maritime Journal""".replace("\n", "").split("|")

SOURCE_KINDS = ["outlet", "wire", "broadcaster", "document", "interview", "government", "ngo"]

WORDS = """the a of to and in that for on with as by at from was were is are has had
contract harbour dredging tender payment invoice company board meeting documents
records shows according officials said spokesperson declined comment investigation
ministry port authority million euros transfer account offshore subsidiary director
approved signed budget audit report years later earlier agreement consortium bid
winning lowest price clause amendment emails obtained reviewed reporters confirmed
denied allegations questions answered lawyers prosecutors opened inquiry into
whether funds were diverted through intermediaries registered abroad shares owned
family members relatives friends former adviser consultant fees paid monthly over
period project delayed costs rose twice original estimate engineers warned safety
concerns ignored inspectors visited site found cracks quay wall concrete supplier
linked same address building shell firms nominee owners bank statements show
transfers dates match decisions committee voted unanimously without debate minutes
missing pages redacted names court filings reveal settlement undisclosed amount
residents complained noise dust trucks night shifts workers unpaid wages strike
union leaders threatened dismissal letters leaked anonymous source familiar matter
""".split()

STATUSES = ["confirmed", "reported", "reported", "alleged", "disputed", "denied"]

HEADINGS = ["What the documents show", "The money trail", "Who knew", "The response",
            "A pattern emerges", "Behind the tender", "What happens next"]


def slugify(s):
    out, dash = [], False
    for c in s.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def yq(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def make_actors(rng, n):
    """n actors with unique, mention-friendly names and aliases."""
    actors, used = [], set()

    def add(name, kind, aliases=()):
        if name in used or any(a in used for a in aliases):
            return False
        used.add(name)
        used.update(aliases)
        actors.append({
            "id": slugify(name), "name": name, "kind": kind, "aliases": list(aliases),
            "role": rng.choice(ROLES), "country": rng.choice(COUNTRIES),
        })
        return True

    people = [f"{f} {l}" for f in FIRST for l in LAST]
    rng.shuffle(people)
    orgs = [(a, b) for a in ORG_A for b in ORG_B]
    rng.shuffle(orgs)
    govs = [f"{r} {g}" for r in REGIONS for g in GOV]
    rng.shuffle(govs)
    ngos = [f"{r} {g}" for r in REGIONS for g in NGO_A]
    rng.shuffle(ngos)
    pools = {"person": people, "company": orgs, "government": govs, "ngo": ngos}
    plan = ["person"] * 13 + ["company"] * 4 + ["government"] * 2 + ["ngo"]
    i = 0
    while len(actors) < n:
        kind = plan[i % len(plan)]
        i += 1
        pool = pools[kind] or pools["person"]
        if not pool:
            raise SystemExit("word lists too short for this many actors")
        item = pool.pop()
        if isinstance(item, tuple):
            base = f"{item[0]} {item[1]}"
            add(f"{base} {rng.choice(ORG_SUFFIX)}", "company", [base])
        else:
            add(item, "person" if kind == "person" or not pools[kind] else kind)
    for a in actors:
        a["summary"] = None
    return actors


def sentence(rng, n_words, mention=None):
    words = [rng.choice(WORDS) for _ in range(n_words)]
    words[0] = words[0].capitalize()
    if mention is not None:
        at = rng.randrange(1, n_words)
        words.insert(at, mention)
    return " ".join(words) + "."


def write_text(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(size, out_root):
    rng = random.Random(size)
    n_actors = max(size // 5, 10)
    n_sources = max(size // 50, 3)
    actors = make_actors(rng, n_actors)
    by_id = {a["id"]: a for a in actors}
    sources = []
    for i in range(n_sources):
        base = OUTLET_A[i % len(OUTLET_A)]
        name = base if i < len(OUTLET_A) else f"{base} {i // len(OUTLET_A) + 1}"
        sources.append({"id": slugify(name), "name": name,
                        "kind": SOURCE_KINDS[i % len(SOURCE_KINDS)],
                        "url": f"https://{slugify(name)}.example/"})

    # Articles: ~600 words in 6 paragraphs and one subheading, 3-6 actors named.
    articles, events = [], []
    for i in range(size):
        year = 2014 + (i * 10) // size
        month = 1 + rng.randrange(12)
        day = 1 + rng.randrange(28)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        cast = rng.sample(actors, rng.randint(3, 6))
        title = f"{cast[0]['name']} and the {rng.choice(['harbour', 'dredging', 'quay', 'tender', 'audit'])} {rng.choice(['contract', 'payments', 'files', 'inquiry', 'deal'])} ({i + 1})"
        slug = f"story-{i + 1:05d}"
        # Each cast member is named once or twice; mentions go into sentences.
        mentions = []
        for a in cast:
            for _ in range(rng.randint(1, 2)):
                names = [a["name"]] + a["aliases"]
                mentions.append((a, rng.choice(names)))
        rng.shuffle(mentions)
        paragraphs = [[] for _ in range(6)]
        for k, m in enumerate(mentions):
            paragraphs[k % 6].append(m)
        body = []  # list of paragraphs, each a list of (text, actor-or-None) runs
        for p in paragraphs:
            runs, words = [], 0
            pending = list(p)
            while words < 95:
                n = rng.randint(10, 20)
                m = pending.pop() if pending and rng.random() < 0.5 else None
                s = sentence(rng, n)
                if m is not None:
                    cut = s.index(" ", len(s) // 2)
                    runs.append((s[:cut + 1], None))
                    runs.append((m[1], m[0]))
                    runs.append((s[cut:] + " ", None))
                else:
                    runs.append((s + " ", None))
                words += n
            for m in pending:
                runs.append(("Asked about it, ", None))
                runs.append((m[1], m[0]))
                runs.append((" did not respond. ", None))
            runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
            body.append(runs)
        heading_at = rng.randint(2, 4)
        heading = rng.choice(HEADINGS)
        srcs = rng.sample(sources, rng.randint(1, 2))
        articles.append({"slug": slug, "title": title, "date": date, "cast": cast,
                         "body": body, "heading_at": heading_at, "heading": heading,
                         "sources": srcs, "byline": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                         "tags": rng.sample(["harbour", "procurement", "courts", "money", "labour", "environment"], 2)})
        for k in range(2):
            emonth = 1 + rng.randrange(12)
            eday = 1 + rng.randrange(28)
            who = rng.sample(cast, rng.randint(1, 2))
            named = rng.choice(cast)
            events.append({
                "date": f"{year - rng.randint(0, 1):04d}-{emonth:02d}-{eday:02d}",
                "title": f"{who[0]['name']} {rng.choice(['signs', 'approves', 'denies', 'questions', 'audits', 'pays'])} {rng.choice(['the contract', 'an amendment', 'the invoice', 'the transfer', 'the report'])}",
                "summary_runs": [(sentence(rng, rng.randint(8, 14))[:-1] + ", according to ", None),
                                 (named["name"], named), (".", None)],
                "actors": who, "sources": [rng.choice(srcs)], "article": slug,
                "status": rng.choice(STATUSES),
            })
    # Events get ids in date order (ties by creation), so that sorted ids are the timeline.
    events.sort(key=lambda e: e["date"])
    for k, e in enumerate(events):
        e["id"] = f"e{k + 1:06d}"
    for a in actors:
        other = rng.choice(actors)
        a["summary_runs"] = [(f"{a['name']} is a {a['role']} from {a['country']}, ", None)]
        if other is not a:
            a["summary_runs"] += [("often seen with ", None), (other["name"], other), (".", None)]
        else:
            a["summary_runs"][-1] = (a["summary_runs"][-1][0].rstrip(", ") + ".", None)

    out = out_root / str(size)
    if out.exists():
        shutil.rmtree(out)
    write_dossier(out / "dossier", size, articles, actors, events, sources)
    write_hugo(out / "hugo", size, articles, actors, events, sources)
    print(f"{size}: {len(articles)} articles, {len(actors)} actors, {len(events)} events, "
          f"{len(sources)} sources -> {out}")


# ---------------------------------------------------------------- dossier

def md_runs_plain(runs):
    return "".join(t for t, _ in runs)


def write_dossier(root, size, articles, actors, events, sources):
    c = root / "content"
    write_text(c / "site.yaml", (
        f"title: The Harbour Files ({size})\n"
        "subtitle: A synthetic investigation for benchmarking\n"
        "description: |\n  Who paid for the harbour, and who knew. **Synthetic** content.\n"
        "base_url: https://news.example/bench/\n"
        "language: en\n"
        "author: Bench Desk\n"))
    for a in articles:
        fm = [
            "---",
            f"title: {yq(a['title'])}",
            f"date: {a['date']}",
            f"byline: {yq(a['byline'])}",
            f"sources: [{', '.join(s['id'] for s in a['sources'])}]",
            f"tags: [{', '.join(a['tags'])}]",
            "---",
        ]
        parts = []
        for k, runs in enumerate(a["body"]):
            if k == a["heading_at"]:
                parts.append(f"## {a['heading']}")
            parts.append(md_runs_plain(runs))
        write_text(c / "articles" / f"{a['slug']}.md", "\n".join(fm) + "\n" + "\n\n".join(parts) + "\n")
    for a in actors:
        lines = [f"id: {a['id']}", f"name: {yq(a['name'])}", f"kind: {a['kind']}",
                 f"role: {yq(a['role'])}", f"country: {a['country']}"]
        if a["aliases"]:
            lines.append(f"aliases: [{', '.join(yq(x) for x in a['aliases'])}]")
        lines.append(f"summary: {yq(md_runs_plain(a['summary_runs']))}")
        write_text(c / "actors" / f"{a['id']}.yaml", "\n".join(lines) + "\n")
    by_year = {}
    for e in events:
        by_year.setdefault(e["date"][:4], []).append(e)
    for year, evs in by_year.items():
        lines = []
        for e in evs:
            lines += [
                f"- id: {e['id']}",
                f"  date: {e['date']}",
                f"  title: {yq(e['title'])}",
                f"  summary: {yq(md_runs_plain(e['summary_runs']))}",
                f"  actors: [{', '.join(x['id'] for x in e['actors'])}]",
                f"  sources: [{', '.join(x['id'] for x in e['sources'])}]",
                f"  articles: [{e['article']}]",
                f"  status: {e['status']}",
            ]
        write_text(c / "events" / f"{year}.yaml", "\n".join(lines) + "\n")
    lines = []
    for s in sources:
        lines += [f"- id: {s['id']}", f"  name: {yq(s['name'])}", f"  kind: {s['kind']}",
                  f"  url: {s['url']}"]
    write_text(c / "sources.yaml", "\n".join(lines) + "\n")


# ---------------------------------------------------------------- hugo
#
# The Hugo site renders the same pages with the same markup as dossier's
# built-in theme (same elements, classes, head tags, SVG emblem and monograms),
# so that time and bytes compare like for like. What dossier computes from the
# content (mentions, backlinks, first-mention sentences, initials) is written
# into the Hugo content ready-made: Hugo only lays it out.

# Hugo links are root-relative (its `relURL`); the base URL's path is /bench/.
HUGO_PREFIX = "/bench/"


def md_runs_linked(runs, prefix):
    """Mentions written out as Markdown links, as dossier links them."""
    return "".join(t if a is None else f"[{t}]({prefix}actors/{a['id']}/)" for t, a in runs)


HUGO_CONFIG = """baseURL = "https://news.example/bench/"
languageCode = "en"
title = "The Harbour Files ({size})"
enableRobotsTXT = false
disableHugoGeneratorInject = true
[params]
  subtitle = "A synthetic investigation for benchmarking"
  author = "Bench Desk"
[taxonomies]
  actor = "actors"
  source = "sources"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]
[services.rss]
  limit = -1
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
{{ $desc := .Params.description | default (.Summary | plainify | truncate 300) | default site.Params.subtitle }}<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ $desc }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ $desc }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if eq .Kind "page" }}article{{ else }}website{{ end }}">
<meta property="og:site_name" content="{{ site.Title }}">
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | relURL }}" title="{{ site.Title }}: articles (RSS)">
<link rel="icon" href="{{ "favicon.svg" | relURL }}" type="image/svg+xml">
{{ with resources.Get "style.css" | minify }}<link rel="stylesheet" href="{{ .RelPermalink }}">{{ end }}
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main_content">Skip to content</a>
<header class="masthead">
<div class="masthead-inner">
<a class="brand" href="{{ "" | relURL }}">{{ partial "emblem.html" . }}<span class="brand-name">{{ site.Title }}</span></a>
{{ $s := .Section }}<nav class="site-nav" aria-label="Main">
<ul>
<li><a href="{{ "" | relURL }}"{{ if .IsHome }} aria-current="page"{{ end }}>Home</a></li>
<li><a href="{{ "articles/" | relURL }}"{{ if eq $s "articles" }} aria-current="page"{{ end }}>Articles</a></li>
<li><a href="{{ "actors/" | relURL }}"{{ if eq $s "actors" }} aria-current="page"{{ end }}>Actors</a></li>
<li><a href="{{ "timeline/" | relURL }}"{{ if eq $s "timeline" }} aria-current="page"{{ end }}>Timeline</a></li>
<li><a href="{{ "sources/" | relURL }}"{{ if eq $s "sources" }} aria-current="page"{{ end }}>Sources</a></li>
</ul>
</nav>
</div>
</header>
<main id="main_content" class="page">
{{ block "main" . }}{{ end }}
</main>
<footer class="colophon">
<div class="colophon-inner">
<p class="colophon-who">Published by {{ site.Params.author }}. Built with Hugo.</p>
<ul class="colophon-links">
<li><a href="{{ "index.xml" | relURL }}">RSS feed</a></li>
</ul>
</div>
</footer>
</body>
</html>
"""

# dict "e" event "id" id "anchor" bool
EVENT_PARTIAL = """{{ $e := .e }}<article class="event status-{{ $e.status }}"{{ if .anchor }} id="{{ .id }}"{{ end }}>
<h3 class="event-title">{{ if .anchor }}{{ $e.title }}{{ else }}<a href="{{ printf "timeline/#%s" .id | relURL }}">{{ $e.title }}</a>{{ end }}</h3>
<p class="event-meta"><time datetime="{{ $e.date }}">{{ $e.display }}</time> <span class="status status-{{ $e.status }}"><span class="status-mark" aria-hidden="true"></span>{{ $e.status_label }}</span></p>
<div class="event-summary">{{ $e.summary | markdownify }}</div>
<dl class="event-links">
<div><dt>Actors</dt><dd><ul class="inline-list">{{ range $e.actors }}<li><a href="{{ printf "actors/%s/" .id | relURL }}">{{ .name }}</a></li>{{ end }}</ul></dd></div>
<div><dt>Sources</dt><dd><ul class="inline-list">{{ range $e.sources }}<li><a href="{{ printf "sources/%s/" .id | relURL }}">{{ .name }}</a></li>{{ end }}</ul></dd></div>
<div><dt>Articles</dt><dd><ul class="inline-list">{{ range $e.articles }}<li><a href="{{ printf "articles/%s/" .slug | relURL }}">{{ .title }}</a></li>{{ end }}</ul></dd></div>
</dl>
{{ with $e.tags }}<ul class="tags" aria-label="Tags">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}</article>
"""

# dict "p" page "level" n
CARD_PARTIAL = """{{ $p := .p }}<article class="card article-card">
<h{{ .level }} class="card-title"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h{{ .level }}>
<p class="card-meta"><time datetime="{{ $p.Date.Format "2006-01-02" }}">{{ $p.Date.Format "2 January 2006" }}</time><span class="sep" aria-hidden="true"> · </span><span class="byline">{{ $p.Params.byline }}</span></p>
<p class="card-summary">{{ $p.Summary | plainify | truncate 300 }}</p>
</article>
"""

# The actor's term page (`.Page` of a taxonomy term).
MONOGRAM_PARTIAL = """<svg class="monogram tone-{{ .Params.tone }}" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><circle class="mono-ring" cx="24" cy="24" r="21"/><circle class="mono-inner" cx="24" cy="24" r="16.5"/><text class="mono-text" x="24" y="24" text-anchor="middle" dominant-baseline="central">{{ .Params.initials }}</text></svg>"""

ACTOR_CARD_PARTIAL = """<a class="actor-chip" href="{{ .RelPermalink }}">{{ partial "monogram.html" . }}<span class="chip-text"><span class="chip-name">{{ .Title }}</span><span class="chip-meta">{{ .Params.kind_label }}{{ with .Params.role }}<span class="visually-hidden">:</span> <span class="chip-role">{{ . }}</span>{{ end }}</span></span></a>"""

SOURCE_ITEM_PARTIAL = """<a class="source-name" href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="source-kind">{{ .Params.kind_label }}</span>{{ with .Params.website }} <a class="ext url" href="{{ . }}" rel="noopener noreferrer">{{ . }}<span class="ext-mark" aria-hidden="true">↗</span><span class="visually-hidden"> (external)</span></a>{{ end }}"""

SINGLE = """{{ define "main" }}<article class="story">
<header class="story-head">
<h1>{{ .Title }}</h1>
<p class="dateline"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time><span class="sep" aria-hidden="true"> · </span><span class="byline">{{ .Params.byline }}</span></p>
</header>
<div class="prose story-body">
{{ .Content }}
</div>
{{ with .Params.tags }}<ul class="tags" aria-label="Tags">
{{ range . }}<li>{{ . }}</li>
{{ end }}</ul>
{{ end }}</article>
<div class="story-apparatus">
<section class="panel">
<h2 class="section-title">In this story</h2>
<ul class="chip-list">
{{ range .GetTerms "actors" }}<li>{{ partial "actor-card.html" . }}</li>
{{ end }}</ul>
</section>
<section class="panel">
<h2 class="section-title">Sources</h2>
<ul class="source-list">
{{ range .GetTerms "sources" }}<li>{{ partial "source-item.html" . }}</li>
{{ end }}</ul>
</section>
<section class="panel panel-wide">
<h2 class="section-title">On the timeline</h2>
<ol class="rail">
{{ range .Params.events }}<li>{{ partial "event.html" (dict "e" (index site.Data.events .) "id" . "anchor" false) }}</li>
{{ end }}</ol>
</section>
</div>
{{ end }}
"""

LIST = """{{ define "main" }}<header class="page-head">
<p class="kicker">The reporting</p>
<h1>Articles</h1>
<p class="lede">{{ len .Pages }} articles, newest first.</p>
</header>
<ul class="card-list card-list-wide">
{{ range .Pages }}<li>{{ partial "card.html" (dict "p" . "level" 2) }}</li>
{{ end }}</ul>
{{ end }}
"""

# actors/ and sources/: grouped by kind, by name.
TAXONOMY = """{{ define "main" }}{{ $terms := .Data.Terms.Alphabetical }}{{ if eq .Data.Plural "actors" }}<header class="page-head">
<p class="kicker">The cast</p>
<h1>Actors</h1>
<p class="lede">{{ len $terms }} people and organisations named in this investigation, by kind.</p>
</header>
{{ range site.Data.kinds.actors }}{{ $kind := .key }}{{ $items := where $terms "Page.Params.kind" $kind }}{{ with $items }}<section class="group">
<h2 class="section-title">{{ (index site.Data.kinds.actor_plural $kind) }} <span class="count">({{ len . }})</span></h2>
<ul class="chip-list chip-grid">
{{ range . }}<li>{{ partial "actor-card.html" .Page }}</li>
{{ end }}</ul>
</section>
{{ end }}{{ end }}{{ else }}<header class="page-head">
<p class="kicker">Who said what</p>
<h1>Sources</h1>
<p class="lede">{{ len $terms }} sources behind the reporting, by kind.</p>
</header>
{{ range site.Data.kinds.sources }}{{ $kind := .key }}{{ $items := where $terms "Page.Params.kind" $kind }}{{ with $items }}<section class="group">
<h2 class="section-title">{{ (index site.Data.kinds.source_plural $kind) }} <span class="count">({{ len . }})</span></h2>
<ul class="source-list">
{{ range . }}<li>{{ partial "source-item.html" .Page }}</li>
{{ end }}</ul>
</section>
{{ end }}{{ end }}{{ end }}{{ end }}
"""

TERM = """{{ define "main" }}{{ if eq .Data.Plural "actors" }}{{ $p := . }}<article class="dossier">
<header class="dossier-head">
{{ partial "monogram.html" . }}
<div class="dossier-id">
<p class="kicker">{{ .Params.kind_label }}<span class="sep" aria-hidden="true"> · </span>{{ .Params.country }}</p>
<h1>{{ .Title }}</h1>
<p class="role">{{ .Params.role }}</p>
</div>
</header>
<dl class="facts">
<div><dt>Kind</dt><dd>{{ .Params.kind_label }}</dd></div>
<div><dt>Country</dt><dd>{{ .Params.country }}</dd></div>
{{ with .Params.aliases_ }}<div><dt>Also called</dt><dd>{{ delimit . ", " }}</dd></div>
{{ end }}<div><dt>Cited</dt><dd>{{ len .Pages }} articles, {{ len .Params.events }} events</dd></div>
</dl>
<div class="prose dossier-summary">{{ .Content }}</div>
<section class="dossier-section">
<h2 class="section-title">Connections</h2>
<p class="empty">No recorded connections to other actors.</p>
</section>
<section class="dossier-section">
<h2 class="section-title">On the timeline</h2>
<ol class="rail">
{{ range .Params.events }}<li>{{ partial "event.html" (dict "e" (index site.Data.events .) "id" . "anchor" false) }}</li>
{{ end }}</ol>
</section>
<section class="dossier-section">
<h2 class="section-title">In the articles</h2>
<ul class="card-list">
{{ range .Pages }}{{ $m := index $p.Params.mentions .File.ContentBaseName }}<li>{{ partial "card.html" (dict "p" . "level" 3) }}
<blockquote class="first-mention"><p>{{ $m.sentence }}</p></blockquote>
<p class="mention-count">Named {{ $m.count }} time{{ if ne $m.count 1 }}s{{ end }} in the text</p></li>
{{ end }}</ul>
</section>
<section class="dossier-section">
<h2 class="section-title">Sources behind these</h2>
<ul class="source-list">
{{ range .Params.backed_by }}{{ with site.GetPage (printf "/sources/%s" .) }}<li>{{ partial "source-item.html" . }}</li>
{{ end }}{{ end }}</ul>
</section>
</article>
{{ else }}<article class="dossier">
<header class="page-head">
<p class="kicker">Source<span class="sep" aria-hidden="true"> · </span>{{ .Params.kind_label }}</p>
<h1>{{ .Title }}</h1>
</header>
<dl class="facts">
<div><dt>Website</dt><dd><a class="ext url" href="{{ .Params.website }}" rel="noopener noreferrer">{{ .Params.website }}<span class="ext-mark" aria-hidden="true">↗</span><span class="visually-hidden"> (external)</span></a></dd></div>
</dl>
<section class="dossier-section">
<h2 class="section-title">Articles citing it</h2>
<ul class="card-list">
{{ range .Pages }}<li>{{ partial "card.html" (dict "p" . "level" 3) }}</li>
{{ end }}</ul>
</section>
<section class="dossier-section">
<h2 class="section-title">Events citing it</h2>
<ol class="rail">
{{ range .Params.events }}<li>{{ partial "event.html" (dict "e" (index site.Data.events .) "id" . "anchor" false) }}</li>
{{ end }}</ol>
</section>
</article>
{{ end }}{{ end }}
"""

HOME = """{{ define "main" }}{{ $articles := where site.RegularPages "Section" "articles" }}<header class="hero">
<p class="kicker">An investigation</p>
<h1 class="hero-title">{{ site.Title }}</h1>
<p class="hero-subtitle">{{ site.Params.subtitle }}</p>
<div class="prose hero-intro">{{ .Content }}</div>
<dl class="counts">
<div><dt>Articles</dt><dd><a href="{{ "articles/" | relURL }}">{{ len $articles }}</a></dd></div>
<div><dt>Actors</dt><dd><a href="{{ "actors/" | relURL }}">{{ len site.Taxonomies.actors }}</a></dd></div>
<div><dt>Events</dt><dd><a href="{{ "timeline/" | relURL }}">{{ len site.Data.events }}</a></dd></div>
<div><dt>Sources</dt><dd><a href="{{ "sources/" | relURL }}">{{ len site.Taxonomies.sources }}</a></dd></div>
</dl>
</header>
<div class="home-grid">
<section class="panel home-articles">
<h2 class="section-title">Latest articles</h2>
<ul class="card-list">
{{ range first 6 $articles }}<li>{{ partial "card.html" (dict "p" . "level" 3) }}</li>
{{ end }}</ul>
<p class="more"><a href="{{ "articles/" | relURL }}">All articles</a></p>
</section>
<section class="panel home-actors">
<h2 class="section-title">Key actors</h2>
<ul class="chip-list">
{{ range first 8 site.Taxonomies.actors.ByCount }}<li>{{ partial "actor-card.html" .Page }}</li>
{{ end }}</ul>
<p class="more"><a href="{{ "actors/" | relURL }}">Every actor</a></p>
</section>
</div>
<section class="panel home-timeline">
<h2 class="section-title">Latest on the timeline</h2>
<ol class="rail">
{{ range site.Data.latest_events }}<li>{{ partial "event.html" (dict "e" (index site.Data.events .) "id" . "anchor" false) }}</li>
{{ end }}</ol>
<p class="more"><a href="{{ "timeline/" | relURL }}">The full timeline</a></p>
</section>
{{ end }}
"""

TIMELINE = """{{ define "main" }}<header class="page-head">
<p class="kicker">Chronology</p>
<h1>Timeline</h1>
<p class="lede">{{ len site.Data.events }} events in date order. Each is marked with how firmly it is established: confirmed, reported, alleged, disputed or denied.</p>
</header>
{{ $year := "" }}{{ range $id, $e := site.Data.events }}{{ $y := substr $e.date 0 4 }}{{ if ne $y $year }}{{ if $year }}</ol>
</section>
{{ end }}<section class="year">
<h2 class="year-plate">{{ $y }}</h2>
<ol class="rail">
{{ $year = $y }}{{ end }}<li>{{ partial "event.html" (dict "e" $e "id" $id "anchor" true) }}</li>
{{ end }}{{ if $year }}</ol>
</section>
{{ end }}{{ end }}
"""

RSS = """{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0"><channel><title>{{ site.Title }}</title><link>{{ .Permalink }}</link>
{{ range where site.RegularPages "Section" "articles" }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate><author>{{ .Params.byline }}</author><description>{{ .Content | html }}</description></item>
{{ end }}</channel></rss>
"""

NOT_FOUND = """{{ define "main" }}<section class="not-found">
<p class="kicker">Error 404</p>
<h1>Page not found</h1>
<p class="lede">The page you asked for is not in this dossier. It may have moved, or the address may be mistyped.</p>
<ul class="link-list">
<li><a href="{{ "" | relURL }}">The front page</a></li>
<li><a href="{{ "articles/" | relURL }}">Articles</a></li>
<li><a href="{{ "actors/" | relURL }}">Actors</a></li>
<li><a href="{{ "timeline/" | relURL }}">Timeline</a></li>
<li><a href="{{ "sources/" | relURL }}">Sources</a></li>
</ul>
</section>
{{ end }}
"""

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

ACTOR_KINDS = [("person", "Person", "People"), ("organization", "Organization", "Organizations"),
               ("government", "Government", "Governments"), ("company", "Company", "Companies"),
               ("media", "Media", "Media"), ("ngo", "NGO", "NGOs"), ("other", "Other", "Others")]
SOURCE_KINDS_L = [("outlet", "News outlet", "News outlets"), ("wire", "Wire service", "Wire services"),
                  ("broadcaster", "Broadcaster", "Broadcasters"), ("ngo", "NGO", "NGOs"),
                  ("government", "Government", "Governments"), ("company", "Company", "Companies"),
                  ("document", "Document", "Documents"), ("interview", "Interview", "Interviews"),
                  ("other", "Other", "Other sources")]
STATUS_LABEL = {"confirmed": "Confirmed", "reported": "Reported", "alleged": "Alleged",
                "disputed": "Disputed", "denied": "Denied"}


def display_date(d):
    y, m, day = d.split("-")
    return f"{int(day)} {MONTHS[int(m) - 1]} {y}"


def initials(name):
    caps = [w[0] for w in name.replace("-", " ").split() if w and (w[0].isupper() or w[0].isdigit())]
    if not caps:
        return name[:1].upper()
    return caps[0] if len(caps) == 1 else caps[0] + caps[-1]


def tone(ident):
    h = 0x811C9DC5
    for b in ident.encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h % 8


def first_mentions(body):
    """{actor id: (sentence of the first mention, number of mentions)}."""
    out = {}
    for runs in body:
        text, spans, at = "", [], 0
        for t, a in runs:
            if a is not None:
                spans.append((at, a))
            text += t
            at += len(t)
        for start, a in spans:
            s = text.rfind(". ", 0, start)
            s = 0 if s < 0 else s + 2
            e = text.find(". ", start)
            e = len(text) if e < 0 else e + 1
            sentence, count = out.get(a["id"], (None, 0))
            out[a["id"]] = (sentence or text[s:e].strip(), count + 1)
    return out


def front(fields):
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields) + "---\n"


def write_hugo(root, size, articles, actors, events, sources):
    write_text(root / "hugo.toml", HUGO_CONFIG.format(size=size))
    lay = root / "layouts"
    for name, text in [("_default/baseof.html", BASEOF), ("_default/single.html", SINGLE),
                       ("_default/list.html", LIST), ("_default/taxonomy.html", TAXONOMY),
                       ("_default/term.html", TERM), ("_default/timeline.html", TIMELINE),
                       ("index.html", HOME), ("index.xml", RSS), ("404.html", NOT_FOUND),
                       ("partials/event.html", EVENT_PARTIAL), ("partials/card.html", CARD_PARTIAL),
                       ("partials/monogram.html", MONOGRAM_PARTIAL),
                       ("partials/actor-card.html", ACTOR_CARD_PARTIAL),
                       ("partials/source-item.html", SOURCE_ITEM_PARTIAL)]:
        write_text(lay / name, text)
    theme = REPO / "themes" / "steampunk-heart"
    write_text(lay / "partials" / "emblem.html",
               (theme / "templates" / "partials" / "emblem.html").read_text(encoding="utf-8"))
    (root / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(theme / "static" / "style.css", root / "assets" / "style.css")
    (root / "static").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(theme / "static" / "favicon.svg", root / "static" / "favicon.svg")

    c = root / "content"
    write_text(c / "_index.md", front([("title", "Home")]) +
               "Who paid for the harbour, and who knew. **Synthetic** content.\n")
    write_text(c / "articles" / "_index.md", front([("title", "Articles")]))
    write_text(c / "timeline.md", front([("title", "Timeline"), ("layout", "timeline"), ("url", "/timeline/"),
                                         ("description", "Every event in date order")]))
    ev_of_article, ev_of_actor, ev_of_source = {}, {}, {}
    for e in events:
        # As dossier: the actors named in the record, then those its summary mentions.
        e["all_actors"] = list(e["actors"])
        for _, a in e["summary_runs"]:
            if a is not None and a not in e["all_actors"]:
                e["all_actors"].append(a)
        ev_of_article.setdefault(e["article"], []).append(e["id"])
        for a in e["all_actors"]:
            ev_of_actor.setdefault(a["id"], []).append(e["id"])
        for s in e["sources"]:
            ev_of_source.setdefault(s["id"], []).append(e["id"])
    mentions_of, backing = {}, {}
    by_id = {a["id"]: a for a in actors}
    for a in sorted(articles, key=lambda a: a["date"], reverse=True):
        named = first_mentions(a["body"])
        for aid, (sentence, count) in named.items():
            mentions_of.setdefault(aid, {})[a["slug"]] = {"sentence": sentence, "count": count}
            for s in a["sources"]:
                backing.setdefault(aid, set()).add(s["id"])
        parts = []
        for k, runs in enumerate(a["body"]):
            if k == a["heading_at"]:
                parts.append(f"## {a['heading']}")
            parts.append(md_runs_linked(runs, HUGO_PREFIX))
        write_text(c / "articles" / f"{a['slug']}.md", front([
            ("title", a["title"]), ("date", a["date"]), ("byline", a["byline"]),
            ("actors", [by_id[i]["name"] for i in named]), ("sources", [s["name"] for s in a["sources"]]),
            ("events", ev_of_article.get(a["slug"], [])), ("tags", a["tags"]),
        ]) + "\n\n".join(parts) + "\n")
    for e in events:
        for a in e["all_actors"]:
            for s in e["sources"]:
                backing.setdefault(a["id"], set()).add(s["id"])
    kind_label = {k: l for k, l, _ in ACTOR_KINDS}
    for a in actors:
        fields = [("title", a["name"]), ("kind", a["kind"]), ("kind_label", kind_label[a["kind"]]),
                  ("role", a["role"]), ("country", a["country"]), ("initials", initials(a["name"])),
                  ("tone", tone(a["id"])), ("description", md_runs_plain(a["summary_runs"]))]
        if a["aliases"]:
            fields.append(("aliases_", a["aliases"]))
        fields += [("events", ev_of_actor.get(a["id"], [])), ("mentions", mentions_of.get(a["id"], {})),
                   ("backed_by", sorted(backing.get(a["id"], ())))]
        write_text(c / "actors" / a["id"] / "_index.md",
                   front(fields) + md_runs_linked(a["summary_runs"], HUGO_PREFIX) + "\n")
    source_label = {k: l for k, l, _ in SOURCE_KINDS_L}
    for s in sources:
        write_text(c / "sources" / s["id"] / "_index.md", front([
            ("title", s["name"]), ("kind", s["kind"]), ("kind_label", source_label[s["kind"]]),
            ("website", s["url"]), ("events", ev_of_source.get(s["id"], [])),
        ]))
    titles = {a["slug"]: a["title"] for a in articles}
    data = {}
    for e in events:
        data[e["id"]] = {
            "date": e["date"], "display": display_date(e["date"]), "title": e["title"],
            "status": e["status"], "status_label": STATUS_LABEL[e["status"]],
            "summary": md_runs_linked(e["summary_runs"], HUGO_PREFIX),
            "actors": [{"id": a["id"], "name": a["name"]} for a in e["all_actors"]],
            "sources": [{"id": s["id"], "name": s["name"]} for s in e["sources"]],
            "articles": [{"slug": e["article"], "title": titles[e["article"]]}],
        }
    write_text(root / "data" / "events.json", json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    write_text(root / "data" / "latest_events.json", json.dumps([e["id"] for e in events[-5:]]))
    write_text(root / "data" / "kinds.json", json.dumps({
        "actors": [{"key": k} for k, _, _ in ACTOR_KINDS],
        "actor_plural": {k: p for k, _, p in ACTOR_KINDS},
        "sources": [{"key": k} for k, _, _ in SOURCE_KINDS_L],
        "source_plural": {k: p for k, _, p in SOURCE_KINDS_L},
    }))


def main(argv):
    sizes = [int(s) for s in argv[1:]] or [1000, 10000]
    out = Path(os.environ.get("BENCH_OUT", HERE / "out"))
    for size in sizes:
        generate(size, out)


if __name__ == "__main__":
    main(sys.argv)
