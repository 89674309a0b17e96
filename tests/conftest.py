"""Shared fixtures: the mini framework used by unit tests, the run's shelf of loaded
frameworks, and paths to shipped content."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.load import Shelf, load_framework
from readiness.model import Framework

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def mini() -> Framework:
    """The small framework in tests/fixtures/mini."""
    return load_framework(FIXTURES / "mini")


@pytest.fixture(scope="session")
def planner2() -> Framework:
    """The planner framework in format 2.0, in tests/fixtures/planner2."""
    return load_framework(FIXTURES / "planner2")


@pytest.fixture(scope="session")
def shelf() -> Shelf:
    """One shelf of loaded frameworks for the whole run, given by tests that call the library:
    the shipped frameworks are read once (a framework file a test edits is read again)."""
    return Shelf()


# The workshop server's fixtures (a throwaway PostgreSQL cluster is started once per run).
from web_helpers import folder, postgres_base, store, store_url  # noqa: E402, F401
