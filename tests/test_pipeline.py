"""Properties of the whole pipeline that no single stage owns."""

from __future__ import annotations

import gc
from pathlib import Path

import policyparse

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_parsing_leaves_no_reference_cycles():
    """Everything parse_text builds is freed by reference counting alone: a cycle (a
    recursive closure, a parent pointer) would be left for the garbage collector, whose
    full passes then cost time and memory in a long batch."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    policyparse.parse_text(texts[0])  # lazy imports and caches first
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for t in texts:
            policyparse.parse_text(t)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert left == []
