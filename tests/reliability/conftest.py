"""Fixtures of the reliability tests: a small loaded graph to attack."""
from __future__ import annotations

import pytest


@pytest.fixture
def loaded_store(any_store, examples_dir):
    """any_store holding the examples/ articles through the real extractor."""
    from ingest.extract import iter_extract
    records = [rec for _, rec, err in iter_extract([examples_dir]) if rec is not None]
    assert len(records) >= 4
    any_store.load(records)
    return any_store
