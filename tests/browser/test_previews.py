"""Hover previews (static/preview.js) and glossary tooltips in a real headless Chromium, on a site
published under a sub-path: hover, keyboard focus, touch, Escape, and tooltips without JavaScript;
and, on a site whose lists are split into pages, previews fetched one shard at a time."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from explainer.build.command import build_site
from explainer.core.options import BuildOptions
from explainer.produce import previews
from explainer.produce.previews import shard_of
from explainer.site import urls

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/explainers/harbour/"
FILES = {
    "content/site.yaml": "title: Harbour\n",
    "content/people/ana-lopez.yaml": """\
        name: Ana López
        aliases: [López]
        summary: Minister of Justice who signed the accord. She took office in 2023.
        country: ruritania
        """,
    "content/places/ruritania.yaml": "name: Ruritania\nsummary: A small country by the sea.\n",
    "content/glossary/mou.yaml": """\
        term: memorandum of understanding
        abbreviation: MOU
        definition: A document that records an understanding. It is not a treaty.
        """,
    "content/articles/story.md": """\
        ---
        title: The accord is signed
        ---
        Minister Ana López signed an MOU for Ruritania.

        Later, López spoke again.
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("previews")
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    build_site(BuildOptions(root / "content", root / "site", base_url=PREFIX, workers=1))
    return root / "site"


def open_story(page, static_server, site, **options):
    pg = page(**options)
    base = static_server(site, prefix=PREFIX)
    assert pg.goto(base + "articles/story/").status == 200
    return pg


CARD = ".preview-card:not([hidden])"


def test_hovering_a_mention_shows_its_card_and_escape_closes_it(page, static_server, site):
    pg = open_story(page, static_server, site)
    link = pg.locator("a.mention[data-ref=ana-lopez]")
    link.hover()
    card = pg.locator(CARD)
    card.wait_for()
    assert card.locator(".preview-kind").inner_text().lower() == "person"
    assert card.locator(".preview-name").inner_text() == "Ana López"
    assert card.locator(".preview-name").get_attribute("href") == PREFIX + "people/ana-lopez/"
    assert card.locator(".preview-summary").inner_text() == "Minister of Justice who signed the accord."
    assert link.get_attribute("aria-describedby") == "preview-card"
    box, card_box = link.bounding_box(), card.bounding_box()
    assert card_box["y"] >= box["y"] + box["height"]  # below the link, not over it
    # the card stays open while the pointer moves onto it
    pg.mouse.move(card_box["x"] + 10, card_box["y"] + 10)
    pg.wait_for_timeout(400)
    assert card.is_visible()
    pg.keyboard.press("Escape")
    pg.wait_for_selector(".preview-card", state="hidden")
    assert link.get_attribute("aria-describedby") is None
    assert not pg.console_errors
    assert not pg.blocked_requests


def test_keyboard_focus_shows_the_card_and_moving_on_hides_it(page, static_server, site):
    pg = open_story(page, static_server, site)
    pg.locator("a.mention[data-ref=ana-lopez]").focus()
    card = pg.locator(CARD)
    card.wait_for()
    assert card.locator(".preview-name").inner_text() == "Ana López"
    pg.keyboard.press("Escape")
    pg.wait_for_selector(".preview-card", state="hidden")
    pg.locator("a.mention[data-ref=ruritania]").focus()
    card.wait_for()
    assert card.locator(".preview-name").inner_text() == "Ruritania"
    pg.locator("a.site-title").focus()
    pg.wait_for_selector(".preview-card", state="hidden")
    assert not pg.console_errors


def test_a_first_tap_shows_the_card_and_a_second_follows_the_link(page, static_server, site):
    pg = open_story(page, static_server, site, width=375)
    link = pg.locator("a.mention[data-ref=ana-lopez]")
    link.tap()
    pg.locator(CARD).wait_for()
    assert pg.url.endswith(PREFIX + "articles/story/")
    link.tap()
    pg.wait_for_url("**" + PREFIX + "people/ana-lopez/")
    assert not pg.console_errors


def test_reduced_motion_turns_the_animation_off(page, static_server, site):
    pg = open_story(page, static_server, site, reduced_motion="reduce")
    pg.locator("a.mention[data-ref=ana-lopez]").hover()
    card = pg.locator(CARD)
    card.wait_for()
    assert card.evaluate("el => getComputedStyle(el).animationName") == "none"


@pytest.mark.parametrize("javascript", [False, True])
def test_glossary_tooltips_show_on_hover_and_focus(page, static_server, site, javascript):
    pg = open_story(page, static_server, site, javascript=javascript)
    term = pg.locator(".gloss a")
    tip = pg.locator(".gloss [role=tooltip]")
    assert term.inner_text() == "MOU"
    assert term.locator("abbr").get_attribute("title") == "memorandum of understanding"
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    assert tip.inner_text() == "A document that records an understanding."
    pg.mouse.move(0, 0)
    assert not tip.is_visible()
    term.focus()
    assert tip.is_visible()
    if javascript:
        pg.keyboard.press("Escape")
        assert not tip.is_visible()
        assert not pg.locator(CARD).count()  # glossary terms get the tooltip, not a card
    assert not pg.console_errors


def test_the_graph_nodes_get_cards_too(page, static_server, site):
    pg = page()
    assert pg.goto(static_server(site, prefix=PREFIX) + "places/ruritania/").status == 200
    pg.locator(".graph-details summary").click()  # the drawing, under "Connected to", opens first
    pg.locator("svg.graph a.graph-node[href$='/articles/story/']").hover()
    pg.locator(CARD).wait_for()
    assert pg.locator(CARD + " .preview-name").inner_text() == "The accord is signed"


@pytest.mark.parametrize("path", ["articles/story/", "people/ana-lopez/", "graph/"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_mentions_tooltips_and_graphs_pass_axe(page, static_server, site, axe_check, screenshot, path, color_scheme):
    pg = page(color_scheme=color_scheme)
    assert pg.goto(static_server(site, prefix=PREFIX) + path).status == 200
    screenshot(pg, f"{path.strip('/').replace('/', '-')}-{color_scheme}")
    violations = axe_check(pg)
    assert not violations, violations.report()


# A site whose lists are split into pages, with its previews in more than one shard ------------------

@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    """The default story with three entries a list page (every list split) under a sub-path, and
    its previews in shards of about eight (64 is the real threshold) so that there are several."""
    root = tmp_path_factory.mktemp("paged")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "page_size: 3\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(previews, "PER_SHARD", 8)
        build_site(BuildOptions(root / "content", root / "site", base_url=PREFIX, workers=1))
    return root / "site"


def test_a_hover_on_a_page_of_a_split_list_fetches_only_the_shard_it_needs(page, static_server, paged_site):
    shards = json.loads((paged_site / "previews/index.json").read_text())["shards"]
    assert shards > 1 and not (paged_site / "previews.json").exists()
    pg = page()
    fetched: list[str] = []
    pg.on("request", lambda request: fetched.append(request.url.split(PREFIX, 1)[-1]))
    assert pg.goto(static_server(paged_site, prefix=PREFIX) + "timeline/2025/02/page/2/").status == 200
    links = pg.locator(".timeline-records a[data-ref]")
    first = links.first.get_attribute("data-ref")
    other = next(
        ref for ref in links.evaluate_all("els => els.map(e => e.dataset.ref)")
        if shard_of(ref, shards) != shard_of(first, shards)
    )
    pg.locator(f".timeline-records a[data-ref={first}]").first.hover()
    card = pg.locator(CARD)
    card.wait_for()
    assert card.locator(".preview-name").get_attribute("href").endswith(f"/{first}/")
    wanted = urls.preview_shard(shard_of(first, shards), shards)
    assert [url for url in fetched if url.startswith("previews")] == [urls.PREVIEW_SHARDS_FILE, wanted]
    pg.mouse.move(0, 0)
    pg.wait_for_selector(".preview-card", state="hidden")
    pg.locator(f".timeline-records a[data-ref={other}]").first.hover()
    pg.wait_for_function(
        "ref => { const c = document.querySelector('.preview-card:not([hidden]) .preview-name');"
        " return c && c.getAttribute('href').endsWith('/' + ref + '/'); }", arg=other,
    )
    shards_fetched = [url for url in fetched if url.startswith("previews")]
    assert shards_fetched == [urls.PREVIEW_SHARDS_FILE, wanted, urls.preview_shard(shard_of(other, shards), shards)]
    assert not pg.console_errors


def test_a_link_to_an_event_lands_on_its_page_of_the_timeline(page, static_server, paged_site):
    pg = page()
    assert pg.goto(static_server(paged_site, prefix=PREFIX) + "people/marco-rubio/").status == 200
    link = pg.locator("a.mention[data-ref=signing-ceremony]").first
    href = link.get_attribute("href")
    assert href.startswith(PREFIX + "timeline/2025/02/") and href.endswith("#signing-ceremony")
    link.hover()
    pg.locator(CARD).wait_for()
    assert pg.locator(CARD + " .preview-kind").inner_text().lower() == "event"
    pg.goto(pg.url.split(PREFIX)[0] + href)
    assert pg.locator("#signing-ceremony").is_visible()
