from __future__ import annotations

import importlib
import os
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


def need(module: str, reason: str):
    """Import an optional extra's module, or skip — unless POLICYPARSE_REQUIRE_EXTRAS=1
    (set by .ci/run, which installs the extras), where a missing extra fails the test."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("POLICYPARSE_REQUIRE_EXTRAS") == "1":
            pytest.fail(f"POLICYPARSE_REQUIRE_EXTRAS=1 but {module} is not installed: {reason}")
        pytest.skip(reason)
