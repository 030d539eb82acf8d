"""The one-line help of every field: what `new` writes beside it and what an editor shows for it.

Each entry is an example value and an explanation. `build.py new` lays a record out with them
(`explainer.authoring.scaffold`), and the JSON Schemas of the content contract give the
explanations as the fields' descriptions (`explainer.content.json_schemas`), so the two never
say different things. Keys are (kind, field): a collection, "document" for articles and pages,
"site" for site.yaml, and "role", "link" or "alias" for the mappings inside those lists; "*"
entries apply to every collection without its own entry.
"""

from __future__ import annotations

from explainer.content.kinds import DOCUMENT_COLLECTIONS
from explainer.content.model import AGREEMENT_STATUSES
from explainer.content.schema import FieldSpec

FIELD_HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("*", "aliases"): ("[]", "other names the text uses for it"),
    ("people", "aliases"): ("[]", "other names the text uses for them, e.g. a surname alone"),
    ("*", "match"): (
        "[]", "phrases that only find mentions of it in the text to link (never shown), e.g. an adjective",
    ),
    ("*", "order"): ("1", "its place in editorial lists, lower first; without it, the lead article's order"),
    ("people", "sort_name"): ('"Bukele, Nayib"', "how indexes sort them; by default the family name first"),
    ("*", "summary"): ('""', "one or two sentences of Markdown; [[id]] links a record"),
    ("*", "related"): ("[]", "ids of related records"),
    ("*", "tags"): ("[]", "free-form labels"),
    ("*", "sources"): ("[]", "ids of the sources records this one is based on"),
    ("*", "cite"): ('["source-id: exact words"]', "passages that support it, checked word for word"),
    ("*", "updated"): ("YYYY-MM-DD", "when it last changed in substance"),
    ("*", "corrections"): ('[{date: YYYY-MM-DD, text: ""}]', "public corrections; never remove one"),
    ("*", "kind"): ('""', "what sort of thing it is, in a word or two"),
    ("*", "country"): ("place-id", "id of the country (a place) it belongs to"),
    ("*", "date"): ("YYYY-MM-DD", "a date: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("people", "name"): ("", "the person's full name"),
    ("people", "roles"): (
        "[{title: Mayor, organization: institution-id, start: 2021, end: 2024}]",
        "positions held; only title is required",
    ),
    ("people", "links"): ('[{title: "Official site", url: "https://"}]', "links to elsewhere"),
    ("institutions", "name"): ("", "the institution's full name"),
    ("institutions", "short_name"): ('""', "a shorter name used in running text"),
    ("institutions", "parent"): ("institution-id", "id of the institution it is part of"),
    ("institutions", "founded"): ("YYYY", "when it was founded: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("institutions", "facts"): ('{Label: "value"}', "label-to-value facts shown in the infobox"),
    ("agreements", "title"): ("", "what the agreement is called"),
    ("agreements", "status"): ("proposed", "one of " + ", ".join(AGREEMENT_STATUSES)),
    ("agreements", "date"): ("YYYY-MM-DD", "when it was made: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("agreements", "parties"): ("[]", "ids of the people, institutions or places bound by it"),
    ("agreements", "signatories"): ("[]", "ids of the people or institutions who signed it"),
    ("agreements", "terms"): ("[]", "what it says, one Markdown string per term"),
    ("agreements", "event"): (
        "event-id", "id of the event it was made or announced at; the timeline shows it inside that event",
    ),
    ("places", "name"): ("", "the place's name"),
    ("places", "within"): ("place-id", "id of the larger place it lies in"),
    ("events", "date"): ("", "when it happened: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("events", "title"): ("", "what happened, in a few words"),
    ("events", "end"): ("YYYY-MM-DD", "when it ended, for an event that lasted"),
    ("events", "participants"): ("[]", "ids of the people, institutions or places taking part"),
    ("events", "place"): ("place-id", "id of the place where it happened"),
    ("glossary", "term"): ("", "the term as readers meet it"),
    ("glossary", "definition"): ("", "what it means, in Markdown"),
    ("glossary", "abbreviation"): ('""', "its abbreviation, e.g. MOU"),
    ("glossary", "see_also"): ("[]", "ids of related records"),
    ("quotes", "text"): ("", "the words, exactly as the source has them"),
    ("quotes", "speaker"): ("", "id of the person or institution who said or wrote them"),
    ("quotes", "source"): ("", "id of the source (a sources record) they are quoted from"),
    ("quotes", "date"): ("YYYY-MM-DD", "when they were said: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("quotes", "context"): ('""', "Markdown on the circumstances of the words"),
    ("quotes", "translation"): (
        '{es: ""}', "the words in the site's other languages, shown beside them as a translation; never verified",
    ),
    ("quotes", "reported_by"): ("id", "id of who relayed the words, when quoted second-hand"),
    ("quotes", "event"): ("event-id", "id of the event it was said at; the timeline shows it inside that event"),
    ("sources", "title"): ("", "the document's title"),
    ("sources", "publisher"): ('""', "who published it"),
    ("sources", "url"): ('"https://"', "where it is published"),
    ("sources", "date"): ("YYYY-MM-DD", "when it was published: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("sources", "file"): ("seeds/FILE.txt", "its text, relative to the site root; quotes are checked against it"),
    ("document", "title"): ("", "the headline"),
    ("document", "dek"): ('""', "a one-sentence standfirst shown under the headline"),
    ("document", "date"): ("YYYY-MM-DD", "publication date: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("document", "byline"): ('""', "who wrote it"),
    ("document", "sources"): ("[]", "ids of the sources it is based on"),
    ("document", "order"): ("1", "its place among articles or pages, lower first"),
    ("site", "title"): ("", "the explainer's title"),
    ("site", "description"): ('""', "one or two sentences, shown on the home page and to search engines"),
    ("site", "language"): ("en", "the pages' language (default: en)"),
    ("site", "languages"): (
        "[en, es]", "the languages the site is published in, the default first (instead of language)",
    ),
    ("site", "base_url"): ('"/"', "where the site is published: /, a path such as /explainers/cecot/, or a full https:// address"),
    ("site", "author"): ('""', "the newsroom or author"),
    ("site", "allow_html"): ("false", "true lets raw HTML in Markdown through; by default it is shown as text"),
    ("site", "link_mentions"): ("first-per-page", "which mentions are linked: first-per-page, first-per-section, all or none"),
    ("site", "page_size"): ("50", "the most entries one list page shows; longer lists are split into pages"),
    ("site", "max_linked_share"): ("0.25", "warn when more than this share of a paragraph's words is inside links"),
    ("site", "key_facts"): (
        '[{label: "", value: "", source: source-id, passage: "exact words"}]',
        "the home page's key facts, each linked to its source (and the passage, checked word for word)",
    ),
    ("document", "key_facts"): (
        '[{label: "", value: "", source: source-id, passage: "exact words"}]',
        "key facts shown near the top, each linked to its source (and the passage, checked word for word)",
    ),
    ("key fact", "label"): ("", "what the fact is about, e.g. Prison capacity"),
    ("key fact", "value"): ("", "the fact, e.g. 40,000 prisoners"),
    ("key fact", "source"): ("source-id", "id of the source (a sources record) it comes from"),
    ("key fact", "passage"): ('""', "the source's exact words for it, checked word for word; the fact links to them"),
    ("site", "edit_url"): (
        "https://github.com/org/repo/edit/main/",
        "puts an \"Edit this page\" link on every page made from a content file: this address followed by the file's path from the site root",
    ),
    ("role", "title"): ("", "the position, e.g. Secretary of State"),
    ("role", "organization"): ("institution-id", "id of the institution or place where the position is held"),
    ("role", "start"): ("YYYY", "when the role began: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("role", "end"): ("YYYY", "when the role ended: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("link", "title"): ("", "what the link leads to"),
    ("link", "url"): ('"https://"', "the address: http://, https:// or mailto:"),
    ("alias", "text"): ("", "the other name, as the text writes it"),
    ("alias", "priority"): ("1", "wins a clash with another record's alias when higher (default: 0)"),
}
GENERIC_EXAMPLE = {"refs": "[]", "texts": "[]", "markdowns": "[]", "ref": "id", "date": "YYYY-MM-DD"}

# Kinds that are not collections: the "*" entries are not theirs.
NOT_COLLECTIONS = ("site", "role", "link", "alias", "key fact")


def help_key(kind: str) -> str:
    """The key a kind's entries are under: articles and pages share "document"."""
    return "document" if kind in DOCUMENT_COLLECTIONS else kind


def field_help(kind: str, name: str, spec: FieldSpec) -> tuple[str, str]:
    """The example value and one-line explanation of a field of `kind` (a collection, "site",
    "role", "link" or "alias")."""
    key = help_key(kind)
    found = FIELD_HELP.get((key, name))
    if found is None and key not in NOT_COLLECTIONS:
        found = FIELD_HELP.get(("*", name))
    if found:
        return found
    return GENERIC_EXAMPLE.get(spec.type, '""'), name.replace("_", " ")

