"""Held-out evaluation: the parser against hand annotations of documents it was not built on.

tests/unseen/docs holds twenty policy documents written for evaluation only (styles the corpus
lacks); tests/unseen/gold holds their annotations in the shared gold format. The floors below
sit slightly under what the parser scores today, so a regression fails while an improvement
passes. Raise them when the parser gets better; never edit the gold to fit the parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

UNSEEN = Path(__file__).resolve().parent / "unseen"
DOCS = UNSEEN / "docs"
GOLD = UNSEEN / "gold"

# field -> (precision floor, recall floor)
# (all twenty documents; u11–u15 and then u16–u20 first contact brought these down — see tests/unseen/README.md)
FLOORS = {
    "headings": (0.991, 0.991),
    "heading_paths": (0.999, 0.999),
    "assignment_units": (0.996, 0.996),
    "assignment_notes": (0.999, 0.999),
    "targets_strict": (0.921, 0.930),
    "targets_value_unit": (0.971, 0.981),
    "citations": (0.949, 0.999),  # (one extra: 出台《…方案》, a plan still to be written)
}
N_FILES = 20
# metadata field -> accuracy floor over all twenty documents
METADATA_FLOORS = {"title": 1.0, "doc_number": 1.0, "issuer": 1.0, "date": 1.0, "is_draft": 0.99}


@pytest.fixture(scope="module")
def report():
    from policyparse.evaluate import evaluate, format_report

    rep = evaluate(GOLD, DOCS)
    print("\n" + format_report(rep))
    return rep


def _doc(stem: str) -> Path:
    """The source paired with a gold file (.txt, or .html for the saved web page u16)."""
    (path,) = [p for p in DOCS.glob(stem + ".*") if p.suffix in (".txt", ".html")]
    return path


def test_every_gold_file_has_its_document():
    golds = sorted(p.stem for p in GOLD.glob("*.json"))
    docs = sorted(p.stem for p in DOCS.iterdir() if p.suffix in (".txt", ".html"))
    assert golds == docs and len(golds) == N_FILES


def test_gold_raw_spans_are_in_the_source():
    for g in GOLD.glob("*.json"):
        text = _doc(g.stem).read_text(encoding="utf-8")
        for doc in json.loads(g.read_text(encoding="utf-8"))["documents"]:
            for kind in ("assignments", "targets", "citations"):
                for item in doc.get(kind, []):
                    assert item["raw"] in text, (g.name, kind, item["raw"])


def test_all_files_scored(report):
    assert report.files == N_FILES
    assert not [e for e in report.errors if "error" in e], report.errors


def test_metadata_floor(report):
    for field, hits in sorted(report.metadata.items()):
        assert hits / report.metadata_total >= METADATA_FLOORS[field], (field, report.errors)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_score_floor(report, name):
    s = report.scores[name]
    p_floor, r_floor = FLOORS[name]
    assert s.precision >= p_floor and s.recall >= r_floor, (
        f"{name}: precision {s.precision:.3f} (floor {p_floor}), recall {s.recall:.3f} (floor {r_floor})"
    )
