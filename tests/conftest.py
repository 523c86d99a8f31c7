from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def parsed_corpus():
    import policyparse

    return {p.name: policyparse.parse_file(p) for p in CORPUS_FILES}


def flat_sections(sections):
    for s in sections:
        yield s
        yield from flat_sections(s.children)


def doc_spanned(d):
    """Every object of a Document that carries a span and a raw text."""
    for kind in ("assignments", "targets", "citations"):
        for obj in getattr(d, kind):
            yield kind, obj


def all_spanned(pf):
    """Every object of a ParsedFile that carries a span and a raw text."""
    for d in pf.documents:
        yield from doc_spanned(d)
