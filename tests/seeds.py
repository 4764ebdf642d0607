"""The seed articles of ../shared/seeds/, as scraped, for tests that read them.

CI always has shared/ beside the clone, so there a missing seed folder fails
the test instead of skipping it: a skipped seed test would prove nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_paths() -> list[Path]:
    """Both seed files, in name order; skips (fails in CI) if shared/ is absent."""
    if not SEEDS.is_dir():
        message = f"the seed articles are not at {SEEDS}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return sorted(SEEDS.glob("*.txt"))


def seed_path(name_start: str) -> Path:
    """The seed whose file name starts with ``name_start`` ("000" or "002")."""
    return next(p for p in seed_paths() if p.name.startswith(name_start))


def seed_text(name_start: str) -> str:
    """A seed's text as read: UTF-8, no newline translation."""
    return seed_path(name_start).read_bytes().decode("utf-8")
