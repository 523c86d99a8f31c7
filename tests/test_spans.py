"""Offsets are sacred: every emitted object's span matches its raw text, on the
corpus and on generated text; the parser never raises on any string."""

from __future__ import annotations

import re

from conftest import all_spanned, doc_spanned, flat_sections
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.structure import _HAN_SPACE

_LINE_BREAK = re.compile("[ \t\u3000]*\n[ \t\u3000]*")


def check_spans(pf):
    text = pf.text
    n = len(text)
    for d in pf.documents:
        assert 0 <= d.span.start <= d.span.end <= n
        for s in flat_sections(d.sections):
            assert d.span.start <= s.span.start <= s.span.end <= d.span.end
            # the title is the heading's words, typographic spaces between Chinese characters
            # dropped, and a title wrapped onto the next line (PDF) joined
            assert s.title in _HAN_SPACE.sub("", _LINE_BREAK.sub("", text[s.span.start : s.span.end]))
            assert text[s.span.start : s.span.end].startswith(s.marker[0]) or s.style == "appendix"
            for c in s.children:
                assert s.span.start <= c.span.start <= c.span.end <= s.span.end
        for _kind, obj in doc_spanned(d):
            assert text[obj.span.start : obj.span.end] == obj.raw
            assert d.span.start <= obj.span.start <= obj.span.end <= d.span.end
            assert 0 <= obj.span.source_start <= obj.span.source_end
    for r in pf.repairs:
        if r.span is not None:
            assert 0 <= r.span.start <= r.span.end <= n


def check_source_offsets(pf, source: str):
    """Source offsets land in the decoded input; unchanged text maps to itself."""
    for d in pf.documents:
        for s in flat_sections(d.sections):
            assert 0 <= s.span.source_start <= s.span.source_end <= len(source)
        for _kind, obj in all_spanned(pf):
            assert obj.span.source_end <= len(source)


def test_corpus_spans(parsed_corpus):
    for name, pf in parsed_corpus.items():
        check_spans(pf)
        check_source_offsets(pf, (__import__("conftest").CORPUS / name).read_text(encoding="utf-8"))


def test_corpus_section_source_text(parsed_corpus):
    """A heading's title is found at its source offsets in the input (its marker too, unless restored)."""
    from conftest import CORPUS

    for name, pf in parsed_corpus.items():
        src = (CORPUS / name).read_text(encoding="utf-8")
        for d in pf.documents:
            for s in flat_sections(d.sections):
                chunk = src[s.span.source_start : s.span.source_end]
                assert s.title[:2] in chunk[: len(s.marker) + len(s.title) + 8], (name, s.path)
                if not any(r.kind == "heading" for r in pf.repairs):
                    assert chunk.lstrip().startswith(s.marker[0]), (name, s.path)


LINE_PARTS = st.sampled_from(
    [
        "一、", "二、", "三、", "（一）", "（二）", "（三）", "1.", "2.", "3.", "（1）", "①", "附件1", "第一章 ", "第一条 ",
        "加强组织领导", "到2020年，", "覆盖率达到90%以上", "（自治区卫生健康委牵头，财政厅配合）", "。", "，", "\n", "\n\n",
        "《国务院关于印发某规划的通知》（国发〔2016〕78号）", "2021年底前出台办法", "\t", " ", "**", "&nbsp;", "\u3000", "\u2002",
        "关于印发某某实施方案的通知", "2021年9月16日", "县（区）", "分别负责", "5,5 ", "30,", "and",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE_PARTS, min_size=0, max_size=60).map("".join))
@example("附件1\n2021年底前出台办法")  # a caption read as the document's title: the section keeps it
@example("一、（一）（一）第一章 （一）\nand")  # a long heading line, a short one after it: joined
def test_generated_documents_spans(text):
    pf = policyparse.parse_text(text)
    check_spans(pf)
    check_source_offsets(pf, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_string(text):
    pf = policyparse.parse_text(text)
    check_spans(pf)
