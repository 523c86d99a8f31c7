"""Scores against the human annotations in ../shared/gold (when present)."""

from __future__ import annotations

import pytest
from conftest import CORPUS, GOLD

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="shared/gold not present")


@pytest.fixture(scope="module")
def report():
    from policyparse.evaluate import evaluate

    return evaluate(GOLD, CORPUS)


def test_metadata_matches_gold(report):
    assert report.metadata_total >= 3
    assert all(v == report.metadata_total for v in report.metadata.values()), report.errors


def test_headings_match_gold(report):
    h = report.scores["headings"]
    assert h.precision == 1.0 and h.recall == 1.0, [e for e in report.errors if "heading_missed" in e or "heading_extra" in e]
