"""Nothing outside the site root is read: symbolic links out of it and source files outside seeds/.

A site folder may come from anywhere (a shared drive, a reporter's archive); a link to
`/etc/passwd` or to a colleague's unpublished draft must not end up in the published site.
"""

from __future__ import annotations

import os

from conftest import build

from .helpers import isolated_build

SITE = """
-- content/site.yaml --
title: Links
-- content/sources.yaml --
- id: report
  title: Report
  file: seeds/report.txt
-- seeds/report.txt --
The mayor said the budget was final.
"""

SECRET = "name: Secret person\nsummary: Unpublished draft.\n"


def errors_of(root) -> list[str]:
    run = build(root)
    assert run.code == 1, run.err
    assert not (root / "site").exists()
    assert run.lines[-1] == f"build failed: {len(run.lines) - 1} error{'s' if len(run.lines) > 2 else ''}; " \
        f"{root / 'site'}/ was left unchanged"
    return run.lines[:-1]


def outside(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    (folder / "secret.yaml").write_text(SECRET)
    (folder / "secret.md").write_text("---\ntitle: Secret\n---\nDraft.\n")
    (folder / "secret.txt").write_text("The mayor said the budget was final.\n")
    (folder / "people").mkdir(exist_ok=True)
    (folder / "people" / "spy.yaml").write_text(SECRET)
    return folder


def test_a_record_file_linking_outside_the_site_is_refused(site_root, tmp_path):
    root = site_root(SITE)
    (root / "content/people").mkdir()
    os.symlink(outside(tmp_path) / "secret.yaml", root / "content/people/secret.yaml")
    assert errors_of(root) == [
        "content/people/secret.yaml:1: error: refusing to read a link that points outside the site: secret.yaml"
    ]


def test_every_kind_of_content_file_linking_outside_is_refused(site_root, tmp_path):
    root = site_root(SITE)
    elsewhere = outside(tmp_path)
    (root / "content/pages").mkdir()
    os.symlink(elsewhere / "secret.md", root / "content/pages/secret.md")
    os.symlink(elsewhere / "secret.yaml", root / "content/places.yaml")
    (root / "content/site.yaml").unlink()
    os.symlink(elsewhere / "secret.yaml", root / "content/site.yaml")
    os.symlink(elsewhere / "people", root / "content/people")  # a whole folder
    message = "error: refusing to read a link that points outside the site"
    assert errors_of(root) == [
        f"content/pages/secret.md:1: {message}: secret.md",
        f"content/people:1: {message}: people",
        f"content/places.yaml:1: {message}: places.yaml",
        f"content/site.yaml:1: {message}: site.yaml",
    ]


def test_a_seed_document_linking_outside_the_site_is_refused(site_root, tmp_path):
    root = site_root(SITE)
    (root / "seeds/report.txt").unlink()
    os.symlink(outside(tmp_path) / "secret.txt", root / "seeds/report.txt")
    assert errors_of(root) == [
        "content/sources.yaml:3: error: source file 'seeds/report.txt' is a symbolic link that points "
        "outside the seeds/ folder"
    ]


def test_a_source_file_outside_seeds_is_refused(site_root):
    root = site_root(SITE + """
-- content/sources.yaml --
- id: passwd
  title: Passwords
  file: /etc/passwd
- id: climb
  title: Climb
  file: seeds/../content/site.yaml
- id: parent
  title: Parent
  file: ../elsewhere/secret.txt
- id: settings
  title: Settings
  file: content/site.yaml
""")
    assert errors_of(root) == [
        "content/sources.yaml:3: error: source file '/etc/passwd' must be inside the seeds/ folder",
        "content/sources.yaml:6: error: source file 'seeds/../content/site.yaml' must be inside the seeds/ folder",
        "content/sources.yaml:9: error: source file '../elsewhere/secret.txt' must be inside the seeds/ folder",
        "content/sources.yaml:12: error: source file 'content/site.yaml' must be inside the seeds/ folder",
    ]


def test_links_that_lead_nowhere_or_loop_are_errors_not_crashes(site_root):
    root = site_root(SITE)
    people = root / "content/people"
    people.mkdir()
    os.symlink("loop.yaml", people / "loop.yaml")
    os.symlink("missing.yaml", people / "dangling.yaml")
    (root / "seeds/report.txt").unlink()
    os.symlink("report.txt", root / "seeds/report.txt")
    assert errors_of(root) == [
        "content/people/dangling.yaml:1: error: dangling.yaml is a symbolic link to a file that does not exist",
        "content/people/loop.yaml:1: error: loop.yaml is a symbolic link to a file that does not exist",
        "content/sources.yaml:3: error: source file 'seeds/report.txt' is a symbolic link that loops",
    ]


def test_links_that_stay_inside_the_site_are_followed(site_root):
    root = site_root(SITE + """
-- shared/jane-doe.yaml --
name: Jane Doe
summary: Cited in the [[report]].
""")
    (root / "content/people").mkdir()
    os.symlink("../../shared/jane-doe.yaml", root / "content/people/jane-doe.yaml")
    run = build(root)
    assert run.code == 0, run.err
    assert (root / "site/people/jane-doe/index.html").is_file()


def test_a_fifo_in_the_content_does_not_hang_the_build(site_root):
    root = site_root(SITE + "-- content/people/a.yaml --\nname: A\nsummary: See [[report]].\n")
    os.mkfifo(root / "content/people/pipe.yaml")
    os.mkfifo(root / "seeds/pipe.txt")
    (root / "content/sources.yaml").write_text(
        "- id: report\n  title: Report\n  file: seeds/pipe.txt\n"
    )
    outcome = isolated_build(root, timeout=60)  # reading a FIFO would block for ever
    assert outcome.code == 1 and not outcome.timed_out, outcome.err
    assert outcome.lines[:-1] == ["content/sources.yaml:3: error: source file 'seeds/pipe.txt' is not a regular file"]


def test_an_edit_inside_a_linked_folder_is_seen_by_the_next_build(site_root):
    # The cached build skips all work when no input changed; files reached through a linked
    # folder are inputs too.
    root = site_root(SITE + """
-- shared/people/jane-doe.yaml --
name: Jane Doe
summary: Cited in the [[report]].
""")
    os.symlink("../shared/people", root / "content/people")
    assert build(root).code == 0
    person = root / "shared/people/jane-doe.yaml"
    person.write_text(person.read_text().replace("Jane Doe", "Jane Roe"))
    assert build(root).code == 0
    assert "Jane Roe" in (root / "site/people/jane-doe/index.html").read_text()


def test_a_link_to_a_folder_outside_the_site_is_not_walked(site_root, tmp_path, monkeypatch):
    # A link to / must not make the build read the whole disk (or block on a device).
    root = site_root(SITE)
    os.symlink("/", root / "content/people")
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    from explainer.build import cache_file as cache
    from explainer.core.options import ENGINE_DIR

    monkeypatch.setattr(cache, "open", spy, raising=False)
    run = build(root)
    assert run.lines[0] == "content/people:1: error: refusing to read a link that points outside the site: people"
    assert not [f for f in opened if not f.startswith((str(root), str(ENGINE_DIR)))]
