"""The same text typed differently is the same text: Unicode NFC and NFD, a BOM, CRLF and CR.

Editors on macOS often save decomposed (NFD) text: "ë" as "e" plus a combining diaeresis. The
loader normalises every file to NFC, so a name typed either way links, sorts and verifies the same.
"""

from __future__ import annotations

import unicodedata

from conftest import build, soup

NFD_BROWN = unicodedata.normalize("NFD", "Zoë Brown")
NFC_BROWN = "Zoë Brown"
BOM = "\ufeff"


def write(root, relative: str, text: str, newline: str = "\n") -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.replace("\n", newline).encode("utf-8"))


def unicode_site(site_root):
    assert NFD_BROWN != NFC_BROWN and len(NFD_BROWN) == len(NFC_BROWN) + 1
    root = site_root("-- content/site.yaml --\ntitle: Forms\n")
    write(root, "content/people/zoe-adams.yaml", "name: Zoë Adams\n")  # NFC
    write(root, "content/people/zoe-brown.yaml", f"name: {NFD_BROWN}\n")  # NFD
    write(root, "content/sources.yaml", "- id: report\n  title: Report\n  file: seeds/report.txt\n")
    write(root, "seeds/report.txt", "Zoë Brown said the café was closed for good.\n")  # NFC
    write(root, "content/quotes.yaml", unicodedata.normalize(
        "NFD", "- id: cafe-closed\n  text: the café was closed\n  speaker: zoe-brown\n  source: report\n"
    ))
    write(root, "content/articles/story.md", "---\ntitle: Story\n---\n[[zoe-brown]] met [[zoe-adams]].\n")
    return root


def test_a_name_typed_in_nfd_is_shown_linked_and_verified_as_nfc(site_root):
    root = unicode_site(site_root)
    run = build(root)
    assert run.code == 0, run.err
    article = soup(root / "site/articles/story/index.html")
    links = [(a["href"], a.get_text()) for a in article.select("main .prose a.ref")]
    assert links == [("/people/zoe-brown/", NFC_BROWN), ("/people/zoe-adams/", "Zoë Adams")]
    person = soup(root / "site/people/zoe-brown/index.html")
    assert person.find("h1").get_text() == NFC_BROWN
    # The NFD quote was found word for word in the NFC seed document.
    card = person.select_one("figure.quote-card#cafe-closed")
    assert card.select_one("blockquote").get_text(strip=True) == "“the café was closed”"
    assert card.select_one(".verified") is not None


def test_a_plain_mention_links_whichever_form_the_name_and_the_text_are_in(site_root):
    root = unicode_site(site_root)
    # The record's name is NFD; one article mentions it in NFC, the other mentions an NFC name
    # (Zoë Adams) in NFD. Neither uses [[id]].
    write(root, "content/articles/nfc.md", f"---\ntitle: NFC\n---\nYesterday {NFC_BROWN} spoke.\n")
    write(root, "content/articles/nfd.md", unicodedata.normalize(
        "NFD", "---\ntitle: NFD\n---\nYesterday Zoë Adams spoke.\n"
    ))
    run = build(root)
    assert run.code == 0, run.err
    for page, href, name in (("nfc", "/people/zoe-brown/", NFC_BROWN), ("nfd", "/people/zoe-adams/", "Zoë Adams")):
        prose = soup(root / f"site/articles/{page}/index.html").select_one("main .prose")
        assert [(a["href"], a.get_text()) for a in prose.find_all("a")] == [(href, name)]
        assert prose.get_text().strip() == f"Yesterday {name} spoke."


def test_names_in_either_form_sort_together(site_root):
    root = unicode_site(site_root)
    write(root, "content/people/zoe-aaron.yaml", unicodedata.normalize("NFD", "name: Zoë Aaron\n"))
    assert build(root).code == 0
    index = soup(root / "site/people/index.html")
    names = [a.get_text() for a in index.select("main .item-title a")]
    assert names == ["Zoë Aaron", "Zoë Adams", NFC_BROWN]


def test_a_byte_order_mark_is_accepted_in_every_kind_of_file(site_root):
    root = unicode_site(site_root)
    for relative in ("content/site.yaml", "content/people/zoe-adams.yaml", "content/sources.yaml",
                     "content/articles/story.md", "seeds/report.txt"):
        path = root / relative
        path.write_bytes(BOM.encode() + path.read_bytes())
    run = build(root)
    assert run.code == 0, run.err
    assert soup(root / "site/index.html").find("title").get_text().startswith("Forms")
    assert soup(root / "site/articles/story/index.html").find("h1").get_text() == "Story"
    assert soup(root / "site/people/zoe-adams/index.html").find("h1").get_text() == "Zoë Adams"


def test_a_byte_order_mark_is_not_part_of_the_first_line(site_root):
    root = site_root("-- content/site.yaml --\ntitle: Forms\n")
    write(root, "content/people/a.yaml", BOM + "name: A\nsumary: typo\n")
    run = build(root)
    assert run.lines == [
        "content/people/a.yaml:2: error: unknown field 'sumary' in person (did you mean 'summary'?)",
        "build failed: 1 error; " + str(root / "site") + "/ was left unchanged",
    ]


def test_crlf_cr_and_mixed_line_endings_keep_line_numbers(site_root):
    root = site_root("-- content/site.yaml --\ntitle: Endings\n")
    text = "name: A\nroles:\n  - title: Chair\n    start: 2025-13\n"
    write(root, "content/people/crlf.yaml", text.replace("name: A", "name: C"), "\r\n")
    write(root, "content/people/cr.yaml", text.replace("name: A", "name: R"), "\r")
    write(root, "content/people/mixed.yaml", "name: M\r\nroles:\r  - title: Chair\n    start: 2025-13\r\n")
    write(root, "content/pages/crlf.md", "---\ntitle: P\ndate: 2025-13\n---\nBody.\n", "\r\n")
    run = build(root)
    bad = "error: invalid date '2025-13' for '{}': there is no month 13"
    assert run.lines[:-1] == [
        "content/pages/crlf.md:3: " + bad.format("date"),
        "content/people/cr.yaml:4: " + bad.format("start"),
        "content/people/crlf.yaml:4: " + bad.format("start"),
        "content/people/mixed.yaml:4: " + bad.format("start"),
    ]
