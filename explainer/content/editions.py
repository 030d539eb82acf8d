"""Editions: the site's records in each of its languages, from one set of records and their translations.

Owns the checks that need every file loaded (a translation's language is one of the site's, its
original exists, its lists are as long as the original's, one translation per record and language)
and the overlay: `edition(content, language)` is the content of one language's edition, each record
and document with its translated fields laid over the original's (refs, dates and statuses are the
original's, shared), or, with no translation, the original marked `fallback` (and a warning). The
default language's edition is the content as loaded. Which records lack a translation is
`missing_translations`, which `build.py check --translations` lists.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from explainer.content.kinds import SINGULAR
from explainer.content.model import Content, Document, Entity, Fact, Quote, Record, Translation
from explainer.content.settings import KeyFact, SiteConfig
from explainer.core.errors import Reporter, did_you_mean

# The good translations, by language, then by (collection, id) of their original.
Translations = dict[str, dict[tuple[str, str], Translation]]

# The list fields a translation gives item by item, in the original's order.
ITEM_FIELDS = ("roles", "facts", "terms", "key_facts")


def other_languages(content: Content) -> tuple[str, ...]:
    """The languages of the site's editions other than the default, in `languages` order."""
    return content.config.languages[1:]


def _key(item: Entity | Translation) -> tuple[str, str]:
    return (item.collection, item.id)


def check_translations(content: Content, reporter: Reporter) -> Translations:
    """Every translation checked against the site's languages and its original; the good ones by
    language, then by (collection, id)."""
    config = content.config
    languages = config.languages or (config.language,)
    entities = {_key(entity): entity for entity in content.entities} if content.translations else {}
    by_language: Translations = {lang: {} for lang in languages[1:]}
    for translation in content.translations:
        problem = _language_problem(translation.language, languages)
        if problem:
            reporter.error(translation.path, translation.line, problem)
            continue
        original = entities.get(_key(translation)) if translation.collection != "site" else None
        if translation.collection != "site" and original is None:
            ids = [e.id for e in content.entities if e.collection == translation.collection]
            reporter.error(
                translation.path, translation.line,
                f"translation of {SINGULAR[translation.collection]} '{translation.id}' has no original: "
                f"there is no {translation.collection}/{translation.original.name}"
                f"{did_you_mean(translation.id, ids)}",
            )
            continue
        found = by_language[translation.language]
        earlier = found.get(_key(translation))
        if earlier is not None:
            reporter.error(
                translation.path, translation.line,
                f"a second '{translation.language}' translation of '{translation.id}' "
                f"(the first is in {reporter.display_path(earlier.path)})",
            )
            continue
        # the site's translation has the lists of site.yaml (its key facts), the translation's `original`
        against = config if translation.collection == "site" else original
        if against is not None and not _lists_match(against, translation, reporter):
            continue
        found[_key(translation)] = translation
    for record in content.records:
        if isinstance(record, Quote):
            for language in record.translation:
                problem = _language_problem(language, languages)
                if problem:
                    reporter.error(record.path, record.line_of("translation"), problem)
    return by_language


def _language_problem(language: str, languages: tuple[str, ...]) -> str | None:
    if language == languages[0]:
        return f"'{language}' is the site's default language: the original is in it already"
    if language not in languages:
        return (
            f"translation into '{language}', which is not one of the site's languages "
            f"({', '.join(languages)}): add it to 'languages' in site.yaml"
        )
    return None


def _lists_match(original: Entity | SiteConfig, translation: Translation, reporter: Reporter) -> bool:
    """Whether each list the translation gives item by item is as long as the original's."""
    good = True
    for name in ITEM_FIELDS:
        if name not in translation.fields:
            continue
        given, wanted = len(translation.fields[name]), len(getattr(original, name, ()) or ())
        if given != wanted:
            reporter.error(
                translation.path, translation.field_lines.get(name, translation.line),
                f"'{name}' has {given} item{'s' if given != 1 else ''} here but {wanted} in "
                f"{reporter.display_path(translation.original)}: a translation gives every item, in the same order",
            )
            good = False
    return good


def _items(entity: Entity, name: str) -> tuple:
    return getattr(entity, name, None) or ()


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def translated(entity: Entity, translation: Translation, default: str) -> Entity:
    """`entity` with its translated fields laid over the original's; a document whose translation
    has no body keeps the original's, in the `default` language."""
    fields = dict(translation.fields)
    for name, given in fields.items():
        if name == "roles":  # the titles translated; organizations and dates shared
            fields[name] = tuple(
                replace(role, title=item.title) for role, item in zip(_items(entity, name), given, strict=True)
            )
        elif name == "facts":
            fields[name] = tuple(
                Fact(item.label, item.value, fact.line) for fact, item in zip(_items(entity, name), given, strict=True)
            )
        elif name == "key_facts":
            fields[name] = translated_key_facts(_items(entity, name), given)
    if isinstance(entity, Document) and "body" not in fields:
        fields["body_language"] = default
    fields["field_lines"] = {**getattr(entity, "field_lines", {}), **translation.field_lines}
    return replace(
        entity, path=translation.path, digest=_digest(entity.digest, translation.digest), original=entity, **fields,
    )


def translated_key_facts(facts: tuple[KeyFact, ...], given: tuple[Fact, ...]) -> tuple[KeyFact, ...]:
    """Key facts with a translation's labels and values (their sources and passages shared)."""
    return tuple(replace(fact, label=item.label, value=item.value) for fact, item in zip(facts, given, strict=True))


def needs_translation(entity: Entity, language: str, given: Translation | None) -> bool:
    """Whether `entity` lacks its translation into `language`: it has none (a source without a
    summary needs none: its title is its document's), or it is a quote without its words in it."""
    if isinstance(entity, Quote):
        return language not in entity.translation or (entity.context is not None and given is None)
    if given is not None:
        return False
    return not (entity.collection == "sources" and isinstance(entity, Record) and entity.summary is None)


def missing_translations(content: Content, reporter: Reporter) -> dict[str, list[Entity]]:
    """For each other language, the records and documents whose translation into it is missing."""
    found = check_translations(content, reporter)
    return {
        language: [
            entity for entity in content.entities
            if needs_translation(entity, language, found[language].get(_key(entity)))
        ]
        for language in other_languages(content)
    }


def edition(
    content: Content, language: str, found: dict[tuple[str, str], Translation], reporter: Reporter,
) -> Content:
    """The content of the edition in `language`: every entity translated, or marked `fallback`
    (with a warning) when its translation is missing."""
    config = content.config
    default = config.language
    entities: list[Entity] = []
    for entity in content.entities:
        given = found.get(_key(entity))
        if needs_translation(entity, language, given):
            reporter.warning(
                entity.path, entity.line,
                f"{SINGULAR[entity.collection]} '{entity.id}' has no translation into '{language}': "
                "its page shows the original text",
            )
        if given is None:
            entities.append(replace(entity, fallback=default, digest=_digest(entity.digest, language)))
            continue
        entities.append(translated(entity, given, default))
    site = found.get(("site", "site"))
    if site is None:
        reporter.warning(
            content.content_dir / "site.yaml", 1,
            f"site.yaml has no translation into '{language}': add site.{language}.yaml with its title and description",
        )
    fields = dict(site.fields) if site is not None else {}
    if "key_facts" in fields:
        fields["key_facts"] = translated_key_facts(config.key_facts, fields["key_facts"])
    settings = replace(config, language=language, **fields)
    return Content(
        content.root, content.content_dir, settings,
        [e for e in entities if isinstance(e, Record)], [e for e in entities if isinstance(e, Document)],
        content.source_texts,
    )
