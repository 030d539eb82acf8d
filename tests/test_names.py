"""Names readers see and phrases that only link: `aliases` against `match`, on the default story and
on small sites; agreement statuses in journalists' words, with their legend."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, build, soup

SITE = """
-- content/site.yaml --
title: Test site
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("names")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    run = build(root, "--strict")
    assert run.code == 0, run.err
    return root


def _records() -> list[dict]:
    records = []
    for path in sorted((REPO / "content").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        records += data if isinstance(data, list) else [data]
    return [r for r in records if isinstance(r, dict)]


def _match_phrases() -> list[str]:
    phrases = []
    for record in _records():
        phrases += [p if isinstance(p, str) else p["text"] for p in record.get("match", [])]
    return phrases


def _also_called(root: Path, page: str) -> str | None:
    for row in soup(root / "site" / page / "index.html").select("table.infobox tr, .infobox tr"):
        if row.th and row.th.get_text(strip=True) == "Also called":
            return row.td.get_text(strip=True)
    return None


def test_the_default_story_has_match_phrases_to_check():
    assert {"a waiver", "SAN SALVADOR", "Salvadoran",
            "the Center for the Confinement of Terrorism"} <= set(_match_phrases())


@pytest.mark.parametrize(("page", "shown"), [
    ("agreements/waiver-promise", None),
    ("places/san-salvador", None),
    ("places/el-salvador", None),
    ("places/united-states", "U.S."),
    ("institutions/cecot", "Center for the Confinement of Terrorism"),
    ("institutions/state-department", None),  # its alias is its short name, shown once as that
    ("people/nayib-bukele", "Bukele"),
    ("people/marco-rubio", "Rubio"),
])
def test_also_called_shows_real_names_only_and_each_once(story, page, shown):
    assert _also_called(story, page) == shown


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _shown_as_a_name(text: str, phrases: set[str], listing: bool = True) -> set[str]:
    """The phrases `text` is, or (`listing`: a cell, a JSON value) that it lists ("A, B")."""
    parts = {text.strip(), *((part.strip() for part in text.split(",")) if listing else ())}
    return parts & phrases


def test_match_phrases_are_never_displayed_anywhere_on_the_default_site(story):
    phrases = set(_match_phrases())
    found: list[tuple[str, str]] = []
    for path in sorted((story / "site").rglob("*")):
        if not path.is_file() or "pagefind" in path.parts:
            continue
        where = str(path.relative_to(story / "site"))
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for script in page.find_all("script", type="application/ld+json"):
                found += [(where, p) for s in _strings(json.loads(script.string)) for p in _shown_as_a_name(s, phrases)]
                script.decompose()
            # a mention in running text may use the phrase: linked, in bold on its own page, or
            # left unlinked inside a quotation or a dateline (`mention-quiet`)
            for link in page.select("a, .self-link, .mention-quiet"):
                link.decompose()
            for tag in page.find_all(True):
                for value in tag.attrs.values():
                    for text in value if isinstance(value, list) else [value]:
                        found += [(where, p) for p in _shown_as_a_name(str(text), phrases)]
                listing = tag.name in ("td", "dd", "li", "th")
                for text in tag.find_all(string=True, recursive=False):
                    found += [(where, p) for p in _shown_as_a_name(str(text), phrases, listing)]
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            found += [(where, p) for s in _strings(data) for p in _shown_as_a_name(s, phrases)]
    assert found == []


def test_no_match_phrase_reaches_the_search_index_names_or_json_ld(story):
    bukele = soup(story / "site/people/nayib-bukele/index.html")
    data = json.loads(bukele.find("script", type="application/ld+json").string)
    assert data["alternateName"] == ["Bukele"]
    cecot = soup(story / "site/institutions/cecot/index.html")
    data = json.loads(cecot.find("script", type="application/ld+json").string)
    assert data["alternateName"] == ["Center for the Confinement of Terrorism"]


def test_the_lead_article_still_links_its_match_phrases(story):
    article = soup(story / "site/articles/el-salvador-offers-to-jail-us-prisoners/index.html")
    links = {a.get_text(" ", strip=True): a["href"] for a in article.select("main a")}
    assert links["a waiver"] == "/agreements/waiver-promise/"
    assert links["El Salvador’s president"] == "/people/nayib-bukele/"
    # the dateline is never linked, but it still counts as a mention of the place
    assert "SAN SALVADOR" not in links
    quiet = article.select_one("main .mention-quiet")
    assert (quiet.get_text(), quiet["data-ref"]) == ("SAN SALVADOR", "san-salvador")


def test_a_match_phrase_links_its_mentions_and_is_not_shown(site_root):
    root = site_root(SITE + """
-- content/places/atlantis.yaml --
name: Atlantis
match:
  - Atlantean
-- content/articles/a.md --
---
title: A
---
The Atlantean coast is wet.
""")
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    article = soup(root / "site/articles/a/index.html")
    assert [(a.get_text(), a["href"]) for a in article.select("main p a")] == [("Atlantean", "/places/atlantis/")]
    page = soup(root / "site/places/atlantis/index.html")
    assert "Also called" not in page.get_text()
    assert "alternateName" not in json.loads(page.find("script", type="application/ld+json").string)
    # the one place it shows is the sentence that mentions the place, under "Mentioned in"
    assert [s.strip() for s in page.find_all(string=lambda t: "Atlantean" in t)] == ["The Atlantean coast is wet."]


def test_a_match_phrase_clashing_with_another_records_alias_is_reported_at_its_line(site_root):
    root = site_root(SITE + """
-- content/places/atlantis.yaml --
name: Atlantis
aliases: [Atlantean]
-- content/places/lemuria.yaml --
name: Lemuria
summary: A place.
match:
  - Atlantean
""")
    run = build(root)
    assert run.code == 1
    assert run.lines[:-1] == [
        "content/places/lemuria.yaml:4: error: match phrase 'Atlantean' belongs to both 'atlantis' "
        "(content/places/atlantis.yaml:2) and 'lemuria'"
    ]


def test_a_match_phrase_with_a_priority_wins_the_clash(site_root):
    root = site_root(SITE + """
-- content/places/atlantis.yaml --
name: Atlantis
aliases: [Atlantean]
-- content/places/lemuria.yaml --
name: Lemuria
match:
  - {text: Atlantean, priority: 1}
-- content/articles/a.md --
---
title: A
---
The Atlantean coast.
""")
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    article = soup(root / "site/articles/a/index.html")
    assert [a["href"] for a in article.select("main p a")] == ["/places/lemuria/"]


@pytest.mark.parametrize(("value", "message"), [
    ("match: Atlantean", "content/places/atlantis.yaml:2: error: 'match' must be a list of names, not text"),
    ("match: ['!!']", "content/places/atlantis.yaml:2: error: match phrase '!!' has no letters or digits, "
     "so it cannot be found in text"),
    ("match: [{priority: 2}]", "content/places/atlantis.yaml:2: error: missing required field 'text' in alias"),
])
def test_bad_match_values_are_reported_at_their_line(site_root, value, message):
    root = site_root(SITE + f"""
-- content/places/atlantis.yaml --
name: Atlantis
{value}
""")
    run = build(root)
    assert run.code == 1
    assert run.lines[:-1] == [message]


def test_also_called_drops_the_name_and_repeated_aliases_case_insensitively(site_root):
    root = site_root(SITE + """
-- content/people/ana.yaml --
name: Ana López
aliases: [ana lópez, López, LÓPEZ, Ana]
""")
    run = build(root, "--no-search")
    assert run.code == 0, run.err
    assert _also_called(root, "people/ana") == "López, Ana"


# Statuses ---------------------------------------------------------------------------------------

def test_the_default_agreements_have_the_reports_statuses(story):
    statuses = {r["id"]: r["status"] for r in yaml.safe_load((REPO / "content/agreements.yaml").read_text())}
    assert statuses == {
        "migratory-agreement": "offered", "bukele-prison-offer": "offered",
        "migrant-acceptance-promise": "promised", "civil-nuclear-mou": "concluded",
        "waiver-promise": "promised",
    }
    waiver = soup(story / "site/agreements/waiver-promise/index.html")
    assert waiver.select_one(".badge").get_text() == "Promised"
    assert waiver.select_one(".badge")["class"] == ["badge", "badge-promised"]
    mou = soup(story / "site/agreements/civil-nuclear-mou/index.html")
    assert mou.select_one(".badge").get_text() == "Concluded"


def test_the_agreements_index_explains_every_status_in_order(story):
    page = soup(story / "site/agreements/index.html")
    legend = page.select_one(".status-legend")
    assert legend.h2.get_text() == "What the statuses mean"
    rows = [(dt.get_text(strip=True), dt.find_next_sibling("dd").get_text()) for dt in legend.select("dt")]
    assert rows == [
        ("Proposed", "Put forward for discussion; no one has committed to it yet."),
        ("Offered", "One side has offered it; the other has not been reported to accept."),
        ("Promised", "A side has said it will do it; it has not been reported done."),
        ("Concluded", "The parties are reported to have reached it; no signature is reported."),
        ("Signed", "The parties have signed it; it is not yet in force."),
        ("In force", "It is signed and binding now."),
        ("Ended", "It was in force and no longer is, or it was abandoned."),
    ]
    assert "What the statuses mean" not in soup(story / "site/people/index.html").get_text()
