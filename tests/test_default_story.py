"""The default explainer: grounded in its seed, every quote verified, every record reachable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, build, soup

from explainer.content.translations import sibling_name

SEED = REPO / "seeds" / "2025-02-03-el-salvador-offers-to-jail-us-prisoners.txt"
ARTICLE = "articles/el-salvador-offers-to-jail-us-prisoners/index.html"


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("story")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    run = build(root, "--strict", "--no-search")
    assert run.code == 0, run.err
    return root


def ids(root: Path, collection: str) -> list[str]:
    import yaml

    folder = root / "content" / collection
    # a translation sibling (`<id>.es.yaml`) is not a record of its own
    found = [p.stem for p in folder.glob("*.yaml") if sibling_name(p.stem) is None] if folder.is_dir() else []
    single = root / "content" / f"{collection}.yaml"
    if single.is_file():
        found += [item["id"] for item in yaml.safe_load(single.read_text(encoding="utf-8"))]
    return sorted(found)


def test_the_seed_is_copied_byte_for_byte():
    assert SEED.read_bytes() == (REPO.parent / "shared" / "seeds" / "000_b67738d60fcf9431.txt").read_bytes() \
        if (REPO.parent / "shared").is_dir() else SEED.is_file()


def test_the_lead_article_is_the_seed_verbatim(story):
    body = (story / "content/articles/el-salvador-offers-to-jail-us-prisoners.md").read_text(encoding="utf-8")
    paragraphs = [p for p in body.split("---", 2)[2].strip().split("\n\n")]
    assert paragraphs == SEED.read_text(encoding="utf-8").strip().split("\n")
    page = soup(story / "site" / ARTICLE)
    for tooltip in page.select('[role="tooltip"]'):
        tooltip.decompose()
    rendered = [p.get_text() for p in page.select(".prose > p")]
    assert rendered == SEED.read_text(encoding="utf-8").strip().split("\n")


@pytest.mark.parametrize("collection", ["people", "institutions", "places", "agreements"])
def test_every_record_has_its_page_with_an_infobox_and_its_place_in_the_story(story, collection):
    for record_id in ids(story, collection):
        page = soup(story / "site" / collection / record_id / "index.html")
        assert page.select_one(".infobox"), record_id
        # its dated entries, or (a record only quoted or written about) the article that tells it
        assert page.select(".timeline li") or page.select(".in-story li"), f"{record_id} has neither"


def test_every_named_record_is_mentioned_in_the_lead_article(story):
    page = soup(story / "site" / ARTICLE)
    mentioned = {a["data-ref"] for a in page.select(".prose [data-ref]")}
    linked = {a["data-ref"] for a in page.select(".prose a[data-ref]")}
    named = {i for c in ("people", "institutions", "places", "agreements") for i in ids(story, c)}
    # "State Department" appears only inside "State Department spokeswoman Tammy Bruce", one
    # mention of Tammy Bruce (longest match wins); her page links the department.
    assert named - mentioned == {"state-department"}
    # named only in the dateline or inside quotations: mentions (backlinks), not links
    assert named - linked == {"state-department", "san-salvador", "migratory-agreement", "cecot", "venezuela", "tren-de-aragua"}
    bruce = soup(story / "site/people/tammy-bruce/index.html")
    assert bruce.select_one('.infobox a[href="/institutions/state-department/"]')


def test_no_link_sits_inside_a_heading_or_another_link(story):
    for path in (story / "site").rglob("*.html"):
        page = soup(path)
        assert not page.select("a a"), path
        assert not page.select("h1 a.mention, h2 a.mention, h3 a.mention"), path


def test_changing_one_word_of_a_quote_fails_the_build_at_its_line(story, tmp_path):
    root = tmp_path / "tampered"
    shutil.copytree(story / "content", root / "content")
    shutil.copytree(story / "seeds", root / "seeds")
    quote = root / "content/quotes/musk-great-idea.yaml"
    text = quote.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("text:"))
    quote.write_text(text.replace("Great idea!!", "Good idea!!"), encoding="utf-8")
    run = build(root)
    assert run.code == 1
    assert run.lines[0].startswith(
        f"content/quotes/musk-great-idea.yaml:{line}: error: quote not found word for word in "
        "seeds/2025-02-03-el-salvador-offers-to-jail-us-prisoners.txt"
    )


def test_the_timeline_puts_cecots_opening_before_the_visit(story):
    page = soup(story / "site/timeline/index.html")
    dates = [t["datetime"] for t in page.select("main li time[datetime]")]
    assert dates[0] == "2023"
    assert set(dates[1:]) == {"2025-02-03"}


def _records(root: Path, collection: str) -> list[dict]:
    import yaml

    return yaml.safe_load((root / "content" / f"{collection}.yaml").read_text(encoding="utf-8"))


def _citation_fields(record: dict) -> list[tuple[str, str]]:
    """(source id, field) of each of a record's citations, whichever form they are written in."""
    found = []
    for item in record.get("cite", []):
        if isinstance(item, str):
            found.append((item.split(":", 1)[0].strip(), ""))
        else:
            found.append((item["source"], item.get("field", "")))
    return found


def test_every_agreement_status_and_event_date_cites_the_report(story):
    report = "report-2025-02-03"
    agreements, events = _records(story, "agreements"), _records(story, "events")
    assert agreements and events
    for agreement in agreements:
        assert (report, "status") in _citation_fields(agreement), agreement["id"]
        page = soup(story / "site/agreements" / agreement["id"] / "index.html")
        row = next(tr for tr in page.select(".infobox tr") if tr.th.get_text() == "Status")
        mark = row.select_one("sup.cite a")
        assert mark["href"].startswith(f"/sources/{report}/#s-"), agreement["id"]
        assert mark["aria-label"].startswith("Source: Report from San Salvador"), agreement["id"]
    timeline = soup(story / "site/timeline/index.html")
    source = soup(story / "site/sources" / report / "index.html")
    anchors = {span["id"] for span in source.select(".source-document .sentence")}
    for event in events:
        assert (report, "date") in _citation_fields(event), event["id"]
        entry = timeline.select_one(f"li#{event['id']}")
        mark = entry.select_one(".timeline-meta sup.cite a")
        assert mark["href"].split("#")[1] in anchors, event["id"]
        assert mark["aria-label"].endswith(f"sentence {mark.get_text()}"), event["id"]


def test_the_report_is_shown_on_its_page_sentence_by_sentence_with_its_quotes_highlighted(story):
    source = soup(story / "site/sources/report-2025-02-03/index.html")
    paragraphs = source.select(".source-document .document-text > p")
    assert [p.get_text() for p in paragraphs] == SEED.read_text(encoding="utf-8").strip().split("\n")
    numbers = [int(s["data-sentence"]) for s in source.select(".sentence")]
    assert numbers == list(range(1, len(numbers) + 1))
    highlighted = {a["href"].split("#")[1]: a.mark.get_text() for a in source.select("a.quoted")}
    quotes = sorted(p.stem for p in (story / "content/quotes").glob("*.yaml") if sibling_name(p.stem) is None)
    assert sorted(highlighted) == quotes  # every quote of the report, highlighted once
    assert highlighted["musk-great-idea"] == "Great idea!!"
