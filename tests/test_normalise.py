"""Normalisation: repairs, the offset map back to the input, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.normalise import normalise
from policyparse.offsets import Edit, apply_edits


@pytest.mark.parametrize(
    "src,expected,kind",
    [
        ("到 2021 年，覆盖率达到 35% - 50%。", "到2021年，覆盖率达到35%-50%。", "number-space"),
        ("不低于 25%。", "不低于25%。", "number-space"),
        ("（2020 年 11 月）", "（2020年11月）", "number-space"),
        ("思想 and 党的十九大", "思想和党的十九大", "connective"),
        ("（一）**加强组织领导**。", "（一）加强组织领导。", "markup"),
        ("费用&nbsp;控制", "费用 控制", "markup"),
        ("A&amp;B", "A&B", "markup"),
        ("正文。\n— 3 —\n下文。", "正文。\n下文。", "page-number"),
        ("正文。\n第3页\n下文。", "正文。\n下文。", "page-number"),
        ("正文。\n-12-\n下文。", "正文。\n下文。", "page-number"),
    ],
)
def test_repairs(src, expected, kind):
    n = normalise(src)
    assert n.text == expected
    assert kind in {r.kind for r in n.repairs}


def test_unicode_spaces_become_plain_spaces():
    n = normalise("各市\u2002县\u3000人民政府\u00a0办公厅")
    assert n.text == "各市 县 人民政府 办公厅"
    assert any(r.kind == "unicode-space" for r in n.repairs)


def test_crlf():
    assert normalise("一、总体\r\n二、其他\r").text == "一、总体\n二、其他\n"


BROKEN = (
    "以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心的发展思想，树立大卫生、大健康理念，建立医防融合机制，加\n"
    "\n"
    "快分级诊疗制度落地。推动医疗健康转变。\n"
    "（二）基本原则\n"
    "坚持政府主导。\n"
)


def test_pdf_line_break_joined_but_paragraphs_kept():
    n = normalise(BROKEN)
    assert "加快分级诊疗制度落地" in n.text
    assert "落地。推动医疗健康转变。\n（二）基本原则\n坚持政府主导。" in n.text
    assert any(r.kind == "line-join" for r in n.repairs)


def test_heading_and_title_lines_not_joined():
    src = "关于印发某某市深化医药卫生体制改革实施方案的通知\n各县（区）人民政府，市直各部门：\n一、加强领导统筹协调推进各项改革任务落实落细落地见效的工作机制\n各地要加强领导。\n"
    assert normalise(src).text == src


def test_offsets_map_back_to_source():
    src = "到 2021 年，**覆盖率**达到 35% - 50%。"
    n = normalise(src)
    i = n.text.index("覆盖率")
    s, e = n.to_source(i, i + 3)
    assert src[s:e] == "覆盖率"
    j = n.text.index("2021")
    s, e = n.to_source(j, j + 4)
    assert src[s:e] == "2021"


def test_apply_edits_map():
    text, emap = apply_edits("abcdef", [Edit(1, 3, ""), Edit(4, 5, "XYZ")])
    assert text == "adXYZf"
    assert emap.to_old(0) == 0
    assert emap.to_old(1) == 3  # 'd'
    assert emap.to_old(2) == 4  # start of replacement
    assert emap.to_old(5, end=True) == 5
    assert emap.to_old(5) == 5  # 'f'


CHUNKS = st.sampled_from(
    ["一、", "（一）", "1.", "到 2021 年", "35% - 50%", "**粗体**", "&nbsp;", "\u2002", "\u3000", " and ", "\n", "\n\n",
     "。", "，", "加强领导", "— 3 —\n", "\r\n", "覆盖率达到90%以上", "\t", "x" * 45]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CHUNKS, max_size=40).map("".join))
def test_idempotent(src):
    once = normalise(src).text
    assert normalise(once).text == once


@settings(max_examples=200, deadline=None)
@given(st.lists(CHUNKS, max_size=40).map("".join))
def test_source_offsets_in_bounds(src):
    n = normalise(src)
    for p in range(len(n.text) + 1):
        assert 0 <= n.offsets.to_source(p) <= len(src)


def test_running_headers_removed_next_to_page_breaks():
    page = "某某市人民政府文件\n{body}\n— {n} —\n"
    body = "各地要加强组织领导，明确责任分工，确保各项任务落到实处。"
    src = "".join(page.format(body=body + str(n), n=n) for n in range(1, 5))
    n = normalise(src)
    assert "某某市人民政府文件" not in n.text
    assert n.text.count("各地要加强组织领导") == 4
    assert {r.kind for r in n.repairs} >= {"running-header", "page-number"}


def test_repeated_lines_away_from_page_breaks_are_kept():
    src = "（此件公开发布）\n正文一。\n（此件公开发布）\n正文二。\n（此件公开发布）\n正文三。\n"
    assert normalise(src).text == src


def test_space_aligned_table_becomes_tab_separated():
    src = (
        "序号  重点任务  牵头单位  配合单位  完成时限\n"
        "1  推进医保支付方式改革  省医保局  省卫生健康委  2022年底前\n"
        "2  建设区域医疗中心  省卫生健康委  省发展改革委、省财政厅  2023年6月底前\n"
    )
    n = normalise(src)
    rows = n.text.splitlines()
    assert rows[1].split("\t") == ["1", "推进医保支付方式改革", "省医保局", "省卫生健康委", "2022年底前"]
    assert rows[2].split("\t")[-1] == "2023年6月底前"  # spaces next to numbers are column gaps, kept
    assert any(r.kind == "table-columns" for r in n.repairs)
    assert normalise(n.text).text == n.text
    # each cell maps back to its place in the input
    start = n.text.index("省医保局")
    s, e = n.to_source(start, start + 4)
    assert src[s:e] == "省医保局"


def test_wide_spacing_outside_tables_is_not_a_table():
    src = (
        "广东省卫生健康委员会    广东省发展和改革委员会\n"  # two signers side by side: one gap
        "2021年11月5日\n"
        "到 2021 年，覆盖率达到  90%  以上。\n"  # a lone line with wide gaps is prose
    )
    n = normalise(src)
    assert "\t" not in n.text
    assert "到2021年" in n.text


def test_table_rows_end_to_end_become_assignments():
    import policyparse

    src = (
        "附件\n重点任务分工表\n"
        "序号  重点任务  牵头单位  配合单位  完成时限\n"
        "1  推进医保支付方式改革  省医保局  省卫生健康委  2022年底前\n"
    )
    doc = policyparse.parse_text(src).documents[0]
    (a,) = doc.assignments
    assert [x.name for x in a.lead] == ["省医保局"] and [x.name for x in a.support] == ["省卫生健康委"]
    assert a.deadline == "2022-12"
