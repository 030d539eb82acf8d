"""The last search bundle, left in place for Pagefind to add to, and what it no longer uses.

Pagefind names each file of its index by a hash of its content, and does not write a file it
finds already there: given the last bundle, a one-record edit costs it a few new fragments and
index chunks instead of ten thousand new files (creating them right after deleting the old ones
was half of Pagefind's time in a cached build at 10,000 records: the disk looked through its
recently freed inodes for each new one). Owns whether a bundle may be written into
(`reusable_bundle`) and the removal of the files its index no longer names (`prune_bundle`),
read from the bundle's entry (`pagefind-entry.json`) and metadata (`pagefind.<hash>.pf_meta`:
gzip, a signature, then CBOR: [version, pages [[hash, words]], index chunks [[from, to, hash]],
filters [[name, hash]], ...]).

A fragment's name is only the first seven hex digits of its hash, and Pagefind takes a file of
that name for the fragment: a changed page whose new name is an old fragment's (one chance in
about 30,000 for each changed page at 10,000 records) would show that fragment's page in the
results. So before anything is removed, every fragment the index names is read far enough to
see its page's address: each must be a different page of the site, or the bundle is made anew.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import struct
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ENTRY_FILE = "pagefind-entry.json"  # the bundle's table of contents, one index per language
SIGNATURE = b"pagefind_dcd"
# The hashed files each list of the metadata names: (its place in the metadata, the files'
# folder, their suffix, the place of the hash in each item of the list).
HASHED = ((1, "fragment", ".pf_fragment", 0), (2, "index", ".pf_index", 2), (3, "filter", ".pf_filter", 1))


class UnreadableBundleError(ValueError):
    """The bundle's entry, metadata or fragments are not as this module reads them (another
    Pagefind), or a fragment the index names is not its page's own. Never shown: the caller
    makes the bundle anew."""


def reusable_bundle(bundle: Path) -> bool:
    """Whether Pagefind may write into `bundle` as it is: a real folder of real folders and of
    files that share their bytes with no other (Pagefind rewrites some of its files in place,
    which must not change another folder's, nor write through a link)."""
    if not bundle.is_dir() or bundle.is_symlink():
        return False
    for folder, folders, files in os.walk(bundle):
        for name in folders:
            if os.path.islink(os.path.join(folder, name)):
                return False
        for name in files:
            info = os.lstat(os.path.join(folder, name))
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                return False
    return True


def prune_bundle(bundle: Path, site: Path) -> None:
    """Remove the hashed files of `bundle` its index no longer names: the fragments, index
    chunks and filters of pages and words gone or changed, and the metadata of earlier runs.
    Raises UnreadableBundleError, having removed nothing, when its entry or metadata cannot be
    read, or when the fragments it names are not each a different page of `site`."""
    metas, names = _named(bundle)
    _check_fragments(bundle, site, names[".pf_fragment"])
    unused = [entry.path for entry in os.scandir(bundle)
              if entry.name.endswith(".pf_meta") and entry.name not in metas]
    for _, folder, suffix, _ in HASHED:
        try:
            listed = list(os.scandir(bundle / folder))
        except FileNotFoundError:
            continue
        unused += [entry.path for entry in listed if entry.name not in names[suffix]]
    for path in unused:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)


def _named(bundle: Path) -> tuple[set[str], dict[str, set[str]]]:
    """The metadata files the entry names, and the hashed files they name, by suffix."""
    try:
        entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
        hashes = [language["hash"] for language in entry["languages"].values()]
        names: dict[str, set[str]] = {suffix: set() for _, _, suffix, _ in HASHED}
        metas = set()
        for meta_hash in hashes:
            metas.add(f"pagefind.{meta_hash}.pf_meta")
            raw = gzip.decompress((bundle / f"pagefind.{meta_hash}.pf_meta").read_bytes())
            if not raw.startswith(SIGNATURE):
                raise UnreadableBundleError
            meta: Any = _cbor(raw, len(SIGNATURE))[0]
            for place, _, suffix, at in HASHED:
                names[suffix].update(item[at] + suffix for item in meta[place])
        return metas, names
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError, struct.error) as exc:
        raise UnreadableBundleError from exc


# The start of a fragment, once unzipped: its page's address, a JSON string.
FRAGMENT_START = re.compile(rb'(?:pagefind_dcd)?\{"url":("(?:[^"\\]|\\.)*")')


def _check_fragments(bundle: Path, site: Path, fragments: set[str]) -> None:
    """Each fragment is a page of `site`, and no two are the same page."""
    pages = set()
    for name in fragments:
        try:
            head = zlib.decompressobj(wbits=31).decompress((bundle / "fragment" / name).read_bytes(), 4096)
            found = FRAGMENT_START.match(head)
            address = json.loads(found.group(1)) if found else None
        except (OSError, ValueError, zlib.error) as exc:
            raise UnreadableBundleError from exc
        if not isinstance(address, str) or address in pages or not _is_page(site, address):
            raise UnreadableBundleError(name)  # (the fragment: what a debugger wants to see)
        pages.add(address)


def _is_page(site: Path, address: str) -> bool:
    """Whether `address` (as Pagefind gives it: from the site's root, `index.html` left out)
    is a page in `site`."""
    relative = unquote(address).lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    return (site.joinpath(*parts)).is_file()


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """The CBOR item at `at` in `data` (the kinds Pagefind writes: integers, strings, arrays,
    maps, simple values), and where the next one starts."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnreadableBundleError
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        value = data[at : at + argument]
        return (value.decode() if major == 3 else value), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, at = _cbor(data, at)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise UnreadableBundleError
