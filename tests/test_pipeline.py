"""Properties of the whole pipeline that no single stage owns."""

from __future__ import annotations

import gc
from pathlib import Path

import policyparse

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
UNSEEN = Path(__file__).resolve().parent / "unseen" / "docs"


def test_parsing_leaves_no_reference_cycles():
    """Everything parse_text builds is freed by reference counting alone: a cycle (a
    recursive closure, a parent pointer) would be left for the garbage collector, whose
    full passes then cost time and memory in a long batch."""
    files = sorted(CORPUS.glob("*.txt")) + sorted(UNSEEN.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert len(texts) >= 20
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


def test_the_collector_is_paused_while_parsing_and_restored_after(monkeypatch):
    """parse_text pauses the cyclic collector (its passes over millions of live objects
    cost a big document nearly half its time; the test above shows there is nothing for it
    to collect) and leaves it as it found it, also when the parse fails."""
    from policyparse import pipeline

    seen: list[bool] = []
    real = pipeline.normalise

    def spy(text):
        seen.append(gc.isenabled())
        return real(text)

    monkeypatch.setattr(pipeline, "normalise", spy)
    assert gc.isenabled()
    policyparse.parse_text("一、总体要求\n到2025年，覆盖率达到90%以上。")
    assert seen == [False] and gc.isenabled()

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "normalise", broken)
    try:
        policyparse.parse_text("一、总体要求")
    except RuntimeError:
        pass
    assert gc.isenabled()

    monkeypatch.setattr(pipeline, "normalise", spy)
    gc.disable()  # a caller that turned it off keeps it off
    try:
        policyparse.parse_text("一、总体要求")
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False, False]


def test_another_thread_never_touches_the_collector(monkeypatch):
    """From another thread (a Dask worker, a server's request thread) the collector is left
    alone: the process's other threads may turn it off or on meanwhile, and a parse must not
    undo that."""
    import threading

    from policyparse import pipeline

    real = pipeline.normalise
    seen: list[bool] = []

    def toggling(text):
        seen.append(gc.isenabled())
        gc.disable()  # what the host does meanwhile, in its own thread
        return real(text)

    monkeypatch.setattr(pipeline, "normalise", toggling)
    t = threading.Thread(target=policyparse.parse_text, args=("一、总体要求\n到2025年，覆盖率达到90%以上。",))
    try:
        t.start()
        t.join()
        assert seen == [True]  # not paused in that thread
        assert not gc.isenabled()  # the host's choice stands
    finally:
        gc.enable()


def test_clip_frame_on_the_flat_list_equals_clipping_the_tree():
    """_clip_frame clips every heading of the flat list on its own span; the plain definition
    walks the tree (parents before children, the frame's lines last first)."""
    from policyparse.normalise import normalise
    from policyparse.pipeline import _clip_frame
    from policyparse.segment import segment
    from policyparse.structure import find_headings

    def clip_tree(text, nodes, frame):
        for h in nodes:
            for a, b in frame:
                if h.start < a < h.end and not text[b : h.end].strip():
                    h.end = a
                    while h.end > h.start and text[h.end - 1] in " \t\n\r":
                        h.end -= 1
            clip_tree(text, h.children, frame)

    notice = (
        "某某市人民政府关于加强某某工作的通知\n\n各县（区）人民政府：\n一、总体要求\n（一）指导思想。坚持问题导向。\n"
        "（二）主要目标。到2025年完成。\n二、保障措施\n（一）加强组织领导。落实责任。\n\n某某市人民政府\n2022年3月1日\n\n"
        "（此件公开发布）\n\n抄送：省政府办公厅。\n"
    )
    texts = [notice] + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    clipped = 0
    for raw in texts:
        text = normalise(raw).text
        for d in segment(text):
            frame = [(x.start, x.end) for x in d.parts]
            flat: list = []
            roots = find_headings(text, d.start, d.end, skip=d.skip, flat=flat)
            before = [h.end for h in flat]
            _clip_frame(text, flat, frame)
            got = [h.end for h in flat]
            for h, e in zip(flat, before, strict=True):
                h.end = e
            clip_tree(text, roots, sorted(frame, reverse=True))
            assert got == [h.end for h in flat]
            clipped += sum(a != b for a, b in zip(got, before, strict=True))
    assert clipped > 0  # the corpus has sections that a frame line closes
