"""Shared test fixtures: one spaCy load and one coder per session, and the path to the
evaluation data in ``../shared`` (beside the checkout, also in CI).

Quick tests run by default (``python -m pytest -q``); ``slow`` and ``browser`` tests are opt-in
(``-m "slow or browser"``) and `.ci/run` runs them too. A test that needs ``../shared`` skips with
a message naming the path it looked for."""
from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
SHARED_DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared/data``; skips the calling test, naming the path, when absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    from detente.nlp.pipeline import load_model

    return load_model()


@pytest.fixture(scope="session")
def nlp_fast():
    from detente.nlp.pipeline import load_model

    return load_model(fast=True)


@pytest.fixture(scope="session")
def coder(nlp):
    from detente.coding import Coder

    return Coder(nlp)


@pytest.fixture(scope="session")
def coder_fast(nlp_fast):
    from detente.coding import Coder

    return Coder(nlp_fast, fast=True)
