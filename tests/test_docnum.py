"""The fast tail-first scan finds exactly what the 发文字号 grammar matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.docnum import _TAIL, DOCNUM, _matches, _tails

PIECES = st.sampled_from(
    ["国发", "宁政办发", "根据", "桂政办发", "〔", "〕", "[", "]", "（", "）", "2016", "2021", "1999", "年", "第", "78", "96", "号",
     " ", "，", "《通知》", "ab", "X", "的", "\n", "和"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_tail_first_scan_equals_grammar(text):
    assert list(_matches(text, 0, len(text))) == [m.span() for m in DOCNUM.finditer(text)]


TAIL_PIECES = st.sampled_from(
    ["国发", "〔", "〕", "[", "]", "（", "）", "(", ")", "<", ">", "〈", "﹝", "2016", "２０１６", "1999", "年", "第",
     "78", "123456", "号", " ", "\u3000", "\n", "，", "和"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TAIL_PIECES, max_size=30).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_tails_from_each_hao_equal_the_tail_scan(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert list(_tails(text, start, end)) == [m.span() for m in _TAIL.finditer(text, start, end)]


ORDER_PIECES = st.sampled_from(
    ["国务院令", "主席令", "令", "第", "699", "2", "号", "国发", "〔", "〕", "2016", "78", "根据", "和", "，", " ", "责", "命"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ORDER_PIECES, max_size=20).map("".join))
def test_merged_scan_spans_are_numbers_in_order(text):
    """Order numbers and 发文字号 together: ordered, non-overlapping, each one parses."""
    from policyparse.docnum import find_doc_numbers

    last = 0
    for a, b, p in find_doc_numbers(text):
        assert last <= a < b
        assert p.raw == text[a:b].strip() and p.serial is not None
        last = b


def test_a_doc_number_line_holds_its_literal_hao():
    """segment tests ``"号" in line`` before DOCNUM_LINE (a 发文字号 ends in 号): no line without
    号 is a number line."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from policyparse.docnum import DOCNUM_LINE

    pieces = ["国发", "宁政办发", "（", "(", "〔", "[", "2016", "２０１６", "〕", "]", "年", "第", "78", "号", "令", " ", "）", ")"]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=9).map("".join))
    def check(line):
        if DOCNUM_LINE.match(line):
            assert "号" in line

    check()
    assert DOCNUM_LINE.match("（国发〔2016〕78号）")
