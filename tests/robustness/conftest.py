"""Fixtures of the robustness suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import generate_site

# Large enough that a build takes a second or more (rendering runs in worker processes), small
# enough to generate in a few seconds.
GENERATED_RECORDS = 800


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory) -> Path:
    """A synthetic site root from the benchmark generator. Copy it before changing its content."""
    return generate_site(tmp_path_factory.mktemp("generated") / "site-root", GENERATED_RECORDS)
