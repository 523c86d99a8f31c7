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


def test_lone_surrogates_become_replacement_characters_in_place():
    """A PDF's broken ToUnicode map (or a str made from a file name's bytes) gives lone
    surrogates, which no UTF-8 or JSON can hold: the output could not be written."""
    raw = "一、总体要求\n到2025年，覆盖率\ud800达到95%。\udc80\u3000"
    n = normalise(raw)
    assert n.text == "一、总体要求\n到2025年，覆盖率\ufffd达到95%。\ufffd"
    reps = [r for r in n.repairs if r.kind == "surrogate"]
    assert [(r.start, r.detail) for r in reps] == [
        (17, "lone surrogate U+D800 → U+FFFD"), (24, "lone surrogate U+DC80 → U+FFFD"),
    ]
    assert n.offsets.span_to_source(17, 18) == (17, 18)  # one character for one


def test_a_text_with_lone_surrogates_parses_and_serialises():
    import policyparse

    pf = policyparse.parse_text("一、总体要求\n到2025年，覆盖率达到95%。\udc41\udc42")
    assert "\ufffd\ufffd" in pf.text and pf.documents[0].targets[0].value == 95.0
    assert '"kind":"surrogate"' in pf.model_dump_json()


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
     "。", "，", "加强领导", "— 3 —\n", "\r\n", "覆盖率达到90%以上", "\t", "x" * 45, "序号\n", "类别\n", "单位\n",
     "2025年\n", "1\n", "2\n", "3\n", "指标\n"]
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


def _wrap(paras: list[str], width: int = 28) -> str:
    """Lay paragraphs out like a GB/T 9704 page: indented 2, wrapped at ``width`` characters."""
    lines = []
    for p in paras:
        if len(p) <= width:
            lines.append(p)
            continue
        lines.append("  " + p[: width - 2])
        lines += [p[i : i + width] for i in range(width - 2, len(p), width)]
    return "\n".join(lines) + "\n"


WRAPPED_PARAS = [
    "广西壮族自治区卫生健康委员会关于印发广西卫生健康人才发展规划的通知",
    "桂卫发〔2022〕12号",
    "各市卫生健康委：",
    "现将《广西卫生健康人才发展规划》印发给你们，请结合实际认真组织实施。",
    "广西壮族自治区卫生健康委员会",
    "2022年3月1日",
    "广西卫生健康人才发展规划",
    "一、总体要求",
    "（一）主要目标。到2025年，全区卫生健康人才总量达到50万人，每千人口执业（助理）医师数达到3.2人，"
    "每千人口注册护士数达到3.8人，基层卫生人员中具有大专以上学历的比例提高到70%以上。",
    "二、重点任务",
    "（一）加强基层人才队伍建设。实施基层卫生人才能力提升培训项目，到2025年实现乡村医生中具有执业（助理）"
    "医师资格的人员比例达到45%以上（自治区卫生健康委牵头，自治区人力资源社会保障厅、财政厅配合）。",
    "（二）完善人才评价机制。深化卫生专业技术人员职称制度改革，健全以岗位职责要求为基础，以品德、能力、"
    "业绩为导向的人才评价体系，2022年底前出台基层卫生专业技术人员职称评审办法（自治区人力资源社会保障厅牵头，"
    "自治区卫生健康委配合）。",
]


def test_wrap_width_found_only_in_wrapped_text():
    from policyparse.normalise import wrap_width

    assert wrap_width(_wrap(WRAPPED_PARAS).splitlines()) == 28
    assert wrap_width(_wrap(WRAPPED_PARAS, 30).splitlines()) == 30
    assert wrap_width(WRAPPED_PARAS) is None  # one paragraph per line: lengths all differ


def test_page_wrapped_document_reads_like_the_clean_one():
    """Text from a PDF/OFD page wraps every paragraph at ~28 characters: lines that reach
    the margin run on, short ones end their paragraph; the parse equals the clean text's."""
    import policyparse

    clean = policyparse.parse_text("\n".join(WRAPPED_PARAS) + "\n")
    wrapped = policyparse.parse_text(_wrap(WRAPPED_PARAS))
    assert len(wrapped.documents) == 1
    d, c = wrapped.documents[0], clean.documents[0]
    assert (d.title, d.doc_number.key, d.date) == (c.title, c.doc_number.key, c.date)
    assert d.title == "广西壮族自治区卫生健康委员会关于印发广西卫生健康人才发展规划的通知"

    def tree(doc):
        out = []

        def walk(ss):
            for s in ss:
                out.append((tuple(s.path), s.title))
                walk(s.children)

        walk(doc.sections)
        return out

    assert tree(d) == tree(c)
    assert [(t.indicator, t.value, t.unit, t.year) for t in d.targets] == [
        (t.indicator, t.value, t.unit, t.year) for t in c.targets
    ]
    assert [[x.name for x in a.lead] for a in d.assignments] == [["自治区卫生健康委"], ["自治区人力资源社会保障厅"]]


def test_sentence_ending_at_the_margin_runs_on_when_paragraphs_are_indented():
    """In indented page text, a full line ending in 。 followed by an unindented line is
    the same paragraph; an indented next line starts a new one."""
    para1 = (
        "到2025年，全市中医药服务体系更加健全，中医药服务能力显著提升，基层中医药服务网络更加完善，群众满意度高。"
        "全市每千人口公立中医医院床位数达到0.95张，每千人口中医类别执业医师数达到0.62人。"
    )
    para2 = "加强中医药人才队伍建设，完善中医药师承教育制度，2025年底前培养市级中医优秀人才100名以上，支持高校加强中医学专业建设。"
    para3 = "推动中医药产业发展，依托道地药材资源建设中药材规范化种植基地，全市中药材种植面积稳定在80万亩左右，产值力争突破300亿元。"
    text = _wrap(["一、主要目标", para1, para2, para3], width=28)
    # the first paragraph's first sentence ends exactly at the end of its second line
    assert text.splitlines()[2].endswith("群众满意度高。") and len(text.splitlines()[2]) == 28
    n = normalise(text)
    lines = n.text.splitlines()
    assert "  " + para1 in lines and "  " + para2 in lines and "  " + para3 in lines


@pytest.mark.parametrize(
    "line",
    [
        "法定传染病网络直报率保持在100%，报告及时率达到99%以上，确保各项监测数据真实准确。（省疾控局、省卫生健康委按职责分工负责）",
        "加快推进基层医疗卫生机构标准化建设，全面提升服务能力和水平，持续改善群众就医体验（省卫生健康委牵头，省财政厅配合）",
    ],
)
def test_a_line_closed_by_a_note_ends_its_paragraph(line):
    src = line + "\n专栏1　疾控能力提升工程\n"
    assert normalise(src).text.splitlines()[0] == line


def test_right_aligned_signature_and_date_are_not_full_lines():
    """Page text: the centred/right-aligned 落款 lines are short whatever their indent."""
    body = _wrap([WRAPPED_PARAS[8], WRAPPED_PARAS[10]])
    src = body + " " * 19 + "洛阳市人民政府\n" + " " * 16 + "2023年8月28日\n  （此件公开发布）\n"
    lines = normalise(src).text.splitlines()
    assert lines[-3:] == [" " * 19 + "洛阳市人民政府", " " * 16 + "2023年8月28日", "  （此件公开发布）"]


LINE_CHUNKS = st.sampled_from(
    ["\n", " ", "\t", "  ", "— 3 —", "-12-", "第3页", "第 2 页 / 共 9 页", "第一条", "－", "正文。", "x", "\f", "—"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_CHUNKS, max_size=30).map("".join))
def test_line_passes_find_what_their_patterns_match(src):
    """Trailing blanks and page-number lines are looked for only where they can start;
    the edits are still exactly the matches of the patterns that define them."""
    from policyparse.normalise import (
        _PAGE_NUMBER,
        _TRAILING_WS,
        pass_page_numbers,
        pass_trailing_space,
    )

    assert [e[:2] for e, _, _ in pass_trailing_space(src)] == [m.span() for m in _TRAILING_WS.finditer(src)]
    assert [e[:2] for e, _, _ in pass_page_numbers(src)] == [m.span() for m in _PAGE_NUMBER.finditer(src)]


def test_odd_spaces_are_never_printable():
    """pass_unicode_spaces skips printable text: it must hold none of the characters it edits."""
    from policyparse.normalise import _ODD_SPACE_EDIT, _printable

    assert not any(ch.isprintable() for ch in _ODD_SPACE_EDIT)
    assert _printable("正文\t一。\n二、") and not _printable("各市\u2002县")


@st.composite
def _edits_with_substitutions(draw):
    """A text, sorted disjoint edits on it (deletions, insertions, replacements of any
    length) and among them 1 → 1 substitutions by '，'."""
    text = draw(st.text("ab，c", min_size=0, max_size=30))
    edits, subs, pos = [], [], 0
    while pos <= len(text):
        step = draw(st.integers(0, 3))
        start = pos + step
        if start > len(text):
            break
        kind = draw(st.sampled_from(["sub", "del", "ins", "rep"]))
        if kind == "sub" and start < len(text):
            subs.append(start)
            edits.append(Edit(start, start + 1, "，"))
            pos = start + 1
        elif kind == "del" and start < len(text):
            end = draw(st.integers(start + 1, min(len(text), start + 3)))
            edits.append(Edit(start, end, ""))
            pos = end
        elif kind == "ins":
            if edits and edits[-1].start == edits[-1].end == start:
                break
            edits.append(Edit(start, start, draw(st.sampled_from(["x", "yy"]))))
            pos = start if step else start + 1  # an insertion, then at the earliest the next position
        elif start < len(text):
            end = draw(st.integers(start + 1, min(len(text), start + 3)))
            edits.append(Edit(start, end, draw(st.sampled_from(["", "z", "zz", "zzzz"]))))
            pos = end
        else:
            break
    return text, edits, subs


@settings(max_examples=500, deadline=None)
@given(_edits_with_substitutions())
def test_one_char_substitutions_leave_the_map_unchanged(case):
    """Applying the 1 → 1 substitutions first (offsets.substitute) and leaving them out
    of the map maps every offset, as span start or end, as the full map does — except
    a substitution starting where a deletion ends, which stays in the map."""
    from policyparse.offsets import substitute

    text, edits, subs = case
    deletion_ends = {e.end for e in edits if not e.new and e.end > e.start}
    one = [s for s in subs if s not in deletion_ends]
    rest = [e for e in edits if not (e.end - e.start == 1 and e.new == "，" and e.start in one)]
    full_text, full = apply_edits(text, edits)
    short_text, short = apply_edits(substitute(text, one, "，"), rest)
    assert short_text == full_text
    for pos in range(len(full_text) + 2):
        for end in (False, True):
            assert short.to_old(pos, end=end) == full.to_old(pos, end=end), (pos, end)
    for pos in range(len(text) + 2):
        assert short.to_new(pos) == full.to_new(pos), pos


def test_a_substitution_after_a_deletion_is_seen_in_the_map():
    """Why those stay in the map: a span ending at the substitution stops before the deletion."""
    _text, full = apply_edits("abcd", [Edit(1, 2, ""), Edit(2, 3, "，")])
    _text, short = apply_edits("ab，d", [Edit(1, 2, "")])
    assert full.to_old(1, end=True) == 2
    assert short.to_old(1, end=True) == 1


@settings(max_examples=400, deadline=None)
@given(
    _edits_with_substitutions(),
    st.sampled_from(["punctuation-summary", "k", "unicode-space"]),
    st.booleans(),
    st.none() | st.tuples(st.integers(0, 30), st.integers(0, 1), st.integers(1, 2)),
    st.none() | st.integers(0, 30),
)
def test_layer_with_bulk_substitutions_equals_the_plain_layer(case, other_kind, note, cover, longer):
    """_run_layer with substitutions in bulk (Proposals.bulk) equals it with them as
    ordinary edits: text, map (every offset), repairs and summary (``cover``: an edit
    overlapping a substitution, which the plain path resolves; ``longer``: a run of two
    characters among them, applied as an edit)."""
    from policyparse.normalise import _run_layer
    from policyparse.offsets import Proposals, Substitutions

    text, edits, subs = case
    sub_set = set(subs)
    others = [(e, other_kind if i % 2 else "k", f"d{i}") for i, e in enumerate(edits) if not (e.start in sub_set and e.end == e.start + 1 and e.new == "，")]
    if note:
        others.insert(0, (Edit(0, 0, ""), "scrambled", "found"))
    if cover is not None and subs:
        at = max(0, subs[cover[0] % len(subs)] - cover[1])
        others.append((Edit(at, at + cover[2], "q"), "k", "cover"))
        others.sort(key=lambda pe: pe[0][:2])
    ends = [s + 1 for s in subs]
    if longer is not None and subs:
        k = longer % len(subs)
        if ends[k] < min([len(text), *subs[k + 1 : k + 2]]):  # (room for a second character)
            ends[k] += 1
    bulk = Substitutions(subs, ends, "，", "punctuation-summary")
    summary_plain = {"unicode-space": 1}
    summary_bulk = dict(summary_plain)
    plain = _run_layer(text, [("p", lambda t: sorted(others + bulk.proposed(), key=lambda pe: pe[0][:2]))], summary_plain)
    fast = _run_layer(text, [("p", lambda t: Proposals(others, bulk))], summary_bulk)
    assert fast[0] == plain[0]
    assert fast[2] == plain[2]
    assert list(summary_bulk.items()) == list(summary_plain.items())
    for pos in range(len(plain[0]) + 2):
        for end in (False, True):
            assert fast[1].to_old(pos, end=end) == plain[1].to_old(pos, end=end)
    for pos in range(len(text) + 2):
        assert fast[1].to_new(pos) == plain[1].to_new(pos)


_NOTE_TOKENS = st.sampled_from(["（", "(", "）", ")", "。", "；", "！", " ", "\u3000", "\x1c", "\t", "负责", "牵头", "参与", "工作", "a", "\n"])


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(_NOTE_TOKENS, max_size=20).map("".join)
    | st.tuples(
        st.lists(_NOTE_TOKENS, max_size=8).map("".join),
        st.sampled_from(["", "。", "；", "a"]),
        st.lists(st.sampled_from([" ", "\u3000", "\x1c", "\t", "\n"]), max_size=3).map("".join),
        st.sampled_from(["（", "("]),
        st.lists(_NOTE_TOKENS, max_size=4).map("".join),
        st.sampled_from(["）", ")"]),
    ).map("".join)
)
def test_closing_note_is_the_pattern_search(s):
    """_closing_note searches from the last opening bracket (less a mark and spaces):
    the same answer as searching the whole line."""
    from policyparse.normalise import _CLOSING_NOTE, _closing_note

    assert _closing_note(s) == (_CLOSING_NOTE.search(s) is not None)


_DATE_PARTS = st.lists(
    st.sampled_from([" ", "\t", "  ", "（", "(", "）", ")", "2017", "２０１７", "12", "6", "𝟐", "年", "月", "日", "日）", "x", "\u3000"]),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_DATE_PARTS | st.from_regex(r"[ \t]{0,3}[（(]?[0-9２𝟐]{4}年[0-9]{1,2}月[0-9]{1,2}日[）)]?[ \t]{0,3}", fullmatch=True))
def test_date_line_gate_is_necessary(line):
    """pass_join_lines tries _DATE_LINE only where _may_be_date holds: every date line passes it."""
    from policyparse.normalise import _DATE_LINE, _DATE_LINE_MAX, _may_be_date

    assert not _DATE_LINE.match(line) or _may_be_date(line)
    assert _DATE_LINE.match("  （2017年12月31日）\t") and len("（2017年12月31日）") == _DATE_LINE_MAX


_GATE_CHUNKS = st.sampled_from(["  ", " ", "\u3000", "\u3000\u3000", "\t", "\n", "*", "**", "粗体", " and ", " or ", "d", "r", "汉", "x", "1",
                              "\n项目  金额  单位\n"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_GATE_CHUNKS, max_size=24).map("".join))
def test_pass_gates_look_for_one_character_first(text):
    """The gates of pass_markup (*), pass_connectives (d, r) and pass_trailing_space (a tab)
    look for one character before the string; pass_space_columns needs two spaces
    (ideographic spaces alone make no row; only the lines holding them are read): each pass
    equals its scan without a gate."""
    from policyparse.normalise import (
        _BOLD,
        _CONNECTIVE,
        _GAP,
        _TRAILING_WS,
        TABLE_MIN_GAPS,
        pass_connectives,
        pass_markup,
        pass_space_columns,
        pass_trailing_space,
    )

    bold = [e[:2] for e, _kind, detail in pass_markup(text) if "bold" in detail]
    assert bold == [span for m in _BOLD.finditer(text) for span in ((m.start(), m.start() + 2), (m.end() - 2, m.end()))]
    assert [e[:2] for e, _, _ in pass_connectives(text)] == [m.span() for m in _CONNECTIVE.finditer(text)]
    assert [e[:2] for e, _, _ in pass_trailing_space(text)] == [m.span() for m in _TRAILING_WS.finditer(text)]
    lines, rows, pos = text.split("\n"), {}, 0
    for i, ln in enumerate(lines):
        if "  " in ln and "\t" not in ln:
            found = [(pos + m.start(), pos + m.end()) for m in _GAP.finditer(ln)]
            if len(found) >= TABLE_MIN_GAPS:
                rows[i] = found
        pos += len(ln) + 1
    expected = [span for i, g in rows.items() if i - 1 in rows or i + 1 in rows for span in g]
    assert [e[:2] for e, _, _ in pass_space_columns(text)] == expected


# --------------------------------------------------------------------------- tables one cell per line

_CELL_TABLE = (
    "表1 主要发展指标\n序号\n指标名称\n单位\n2020年\n2025年\n指标属性\n"
    "1\n人均预期寿命\n岁\n77.9\n79.0\n预期性\n"
    "2\n孕产妇死亡率\n/10万\n9.5\n≤9\n约束性\n"
    "二、主要任务\n"
)


def test_a_table_extracted_one_cell_per_line_becomes_tab_rows() -> None:
    n = normalise(_CELL_TABLE)
    rows = n.text.splitlines()
    assert rows[1].split("\t") == ["序号", "指标名称", "单位", "2020年", "2025年", "指标属性"]
    assert rows[2].split("\t") == ["1", "人均预期寿命", "岁", "77.9", "79.0", "预期性"]
    assert rows[3].split("\t") == ["2", "孕产妇死亡率", "/10万", "9.5", "≤9", "约束性"]
    assert rows[4] == "二、主要任务"  # the text after the table is no cell
    assert any(r.kind == "table-cells" for r in n.repairs)
    assert normalise(n.text).text == n.text
    start = n.text.index("孕产妇死亡率")
    s, e = n.to_source(start, start + 6)
    assert _CELL_TABLE[s:e] == "孕产妇死亡率"


def test_a_group_cell_written_once_gets_an_empty_cell_in_the_other_rows() -> None:
    src = (
        "类别\n序号\n指标\n单位\n2025年目标值\n"
        "健康水平\n1\n人均预期寿命\n岁\n79.0\n2\n婴儿死亡率\n‰\n≤4.5\n"
        "服务能力\n3\n每千人口床位数\n张\n6.5\n"
    )
    rows = normalise(src).text.splitlines()
    assert [r.split("\t") for r in rows] == [
        ["类别", "序号", "指标", "单位", "2025年目标值"],
        ["健康水平", "1", "人均预期寿命", "岁", "79.0"],
        ["", "2", "婴儿死亡率", "‰", "≤4.5"],
        ["服务能力", "3", "每千人口床位数", "张", "6.5"],
    ]


@pytest.mark.parametrize(
    "src",
    [
        "序号\n编号\n1\n2\n",  # too few columns
        "序号\n指标名称\n单位\n2025年\n1\n人均预期寿命\n岁\n79.0\n",  # one row only
        # a row with a cell left empty: the columns can't be told apart, lines left as they are
        "序号\n指标名称\n单位\n2020年\n2025年\n1\n人均预期寿命\n77.9\n79.0\n2\n婴儿死亡率\n‰\n5.0\n4.5\n",
        "序号\n加强组织领导，完善工作机制。\n1\n2\n3\n",  # a sentence is no header
    ],
)
def test_lines_that_only_look_like_a_cell_table_are_left_alone(src: str) -> None:
    assert "\t" not in normalise(src).text


def test_cell_line_tables_read_end_to_end() -> None:
    """Indicator and task tables extracted one cell per line give their targets and duties."""
    import policyparse

    plan = "某市卫生健康事业发展规划\n一、发展目标\n" + _CELL_TABLE + "（一）加强建设。\n"
    got = [(t.indicator, t.value, t.unit, t.comparator, t.year, t.kind) for t in policyparse.parse_text(plan).documents[0].targets]
    assert got == [
        ("人均预期寿命", 77.9, "岁", "=", 2020, "baseline"),
        ("人均预期寿命", 79.0, "岁", "=", 2025, "target"),
        ("孕产妇死亡率", 9.5, "/10万", "=", 2020, "baseline"),
        ("孕产妇死亡率", 9.0, "/10万", "<=", 2025, "target"),
    ]
    tasks = (
        "某县人民政府办公室关于印发某方案的通知\n附件\n重点任务分工表\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n推进农村改厕\n县农业农村局\n县卫生健康局\n2024年底前\n"
        "2\n完善设施建设\n县住建局\n县财政局、县自然资源局\n2025年6月\n"
    )
    doc = policyparse.parse_text(tasks).documents[0]
    assert [([x.name for x in a.lead], [x.name for x in a.support]) for a in doc.assignments] == [
        (["县农业农村局"], ["县卫生健康局"]),
        (["县住建局"], ["县财政局", "县自然资源局"]),
    ]
    assert [(t.indicator, t.deadline) for t in doc.targets] == [("推进农村改厕", "2024-12"), ("完善设施建设", "2025-06")]


@pytest.mark.parametrize(
    "src",
    [
        # the last row's cell left empty: the footnote after it would become its deadline
        "序号\n工作任务\n牵头单位\n完成时限\n1\n完成改造\n县卫健局\n2024年6月底前\n2\n建设平台\n县医保局\n2024年9月底前\n"
        "3\n开展培训\n县教育局\n注：排在第一位的为牵头单位。\n各单位要加强组织领导。\n",
        # the last row's task wrapped over two lines: its cells would shift a column
        "序号\n工作任务\n牵头单位\n完成时限\n1\n完成改造\n县卫健局\n2024年6月底前\n2\n建设平台\n县医保局\n2024年9月底前\n"
        "3\n开展全县基层医务人员\n培训\n县教育局\n2024年12月底前\n二、保障措施\n",
    ],
)
def test_a_last_row_followed_by_more_than_a_heading_or_blank_stays_lines(src: str) -> None:
    """Rows 1 and 2 are rows; the third is taken only when a blank line, a heading or the end
    follows it (the columns of a row with an empty or wrapped cell cannot be told)."""
    lines = normalise(src).text.splitlines()
    assert lines[:3] == ["序号\t工作任务\t牵头单位\t完成时限", "1\t完成改造\t县卫健局\t2024年6月底前", "2\t建设平台\t县医保局\t2024年9月底前"]
    assert lines[3] == "3"
