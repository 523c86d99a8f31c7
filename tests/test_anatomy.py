"""Document anatomy (GB/T 9704): 版头, 发文字号, title, 主送, 落款, 附注, 附件 list, 抄送/印发 —
recorded as parts, never headings or body; and the metadata read from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.segment import doc_kind, issuer_level, split_recipients

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus():
    return {p.name[:3]: policyparse.parse_file(p) for p in sorted(CORPUS.glob("*.txt"))}


def _parts(doc, kind: str) -> list[str]:
    return [p.raw for p in doc.anatomy if p.kind == kind]


def _flat(sections):
    for s in sections:
        yield s
        yield from _flat(s.children)


# ------------------------------------------------------------------ corpus metadata (read by hand)


def test_guyuan_notice(corpus) -> None:
    d = corpus["001"].documents[0]
    assert d.recipients == ["各县（区）深化医药卫生体制改革工作领导小组", "市深化医药卫生体制改革工作领导小组各成员单位"]
    assert (d.kind, d.issued_kind) == ("通知", "实施方案")
    assert d.issued_title == "固原市全面开展县（区）域综合医改实施方案"
    assert d.publicity is None
    assert d.level == "municipal"
    assert d.signers == ["固原市深化医药卫生体制改革工作领导小组"]
    assert [(a.number, a.title, a.path) for a in d.attachments] == [
        (None, "固原市全面开展县（区）域综合医改工作任务分工及完成时限", ["附件"])
    ]
    assert _parts(d, "letterhead") == ["固原市", "深化医药卫生体制改革工作领导小组文件"]
    assert _parts(d, "doc_number") == ["固医改发〔2020〕1号"]
    assert _parts(d, "signature") == ["固原市深化医药卫生体制改革工作领导小组"]
    assert _parts(d, "date") == ["2020年12月14日"]
    assert _parts(d, "repeated_title") == ["固原市全面开展县（区）域综合医改实施方案"]


def test_guangxi_notice(corpus) -> None:
    d = corpus["004"].documents[0]
    assert d.recipients == ["各市、县人民政府", "自治区人民政府各组成部门", "各直属机构"]
    assert (d.kind, d.issued_kind) == ("通知", "重点工作任务")
    assert d.publicity == "此件公开发布"
    assert d.level == "provincial"
    assert d.signers == ["广西壮族自治区人民政府办公厅"]  # no 落款 body line: from the title
    assert d.attachments == []
    assert _parts(d, "note") == ["（此件公开发布）"]
    assert _parts(d, "doc_number") == ["（桂政办发〔2021〕96号）"]
    assert _parts(d, "repeated_title") == ["广西深化医药卫生体制改革2021年重点工作任务"]


def test_liaoning_scrambled_notice(corpus) -> None:
    d = corpus["002"].documents[0]
    # the colon after the 主送 list was lost: the leading names that look like recipients
    assert d.recipients == ["各市人民政府", "省政府各厅委", "各直属机构"]
    assert (d.kind, d.issued_kind, d.level) == ("通知", "实施方案", "provincial")
    assert d.signers == ["辽宁省人民政府"] and d.date == "2017-06-29"


def test_plans_without_notice(corpus) -> None:
    a, b = corpus["000"].documents
    assert (a.kind, b.kind) == ("规划", "实施意见")
    assert a.level == b.level == "provincial"  # from the place name the title starts with
    assert a.recipients == b.recipients == []
    d = corpus["003"].documents[0]
    assert (d.kind, d.level, d.is_draft, d.publicity) == ("实施方案", "provincial", True, None)


def test_frame_lines_are_never_headings_or_body(corpus) -> None:
    for pf in corpus.values():
        for d in pf.documents:
            assert d.anatomy, d.title
            sections = list(_flat(d.sections))
            items = [(x.span.start, x.span.end) for x in (*d.assignments, *d.targets)]
            for p in d.anatomy:
                assert pf.text[p.span.start : p.span.end] == p.raw
                for s in sections:
                    assert not (p.span.start <= s.span.start < p.span.end), (p.kind, s.title)
                for a, b in items:
                    assert not (a < p.span.end and p.span.start < b), (p.kind, p.raw)


# ------------------------------------------------------------------ a synthetic full 公文

FULL = """宁夏回族自治区卫生健康委员会文件

宁卫发〔2022〕12号

自治区卫生健康委 自治区财政厅
关于印发《宁夏回族自治区基层卫生能力提升方案》的通知

各市、县（区）卫生健康局，委机关各处室：
现将《宁夏回族自治区基层卫生能力提升方案》印发给你们，请结合实际认真贯彻落实。

附件：1. 宁夏回族自治区基层卫生能力提升方案
      2. 重点任务分工表

自治区卫生健康委
自治区财政厅
2022年3月1日
（此件公开发布）

附件1

宁夏回族自治区基层卫生能力提升方案

一、总体要求
（一）指导思想。以人民健康为中心。
（二）工作目标。到2025年，基层诊疗量占比达到65%以上。
二、重点任务
（一）加强人才队伍建设。各市县要配齐人员。（自治区卫生健康委牵头，财政厅配合）

附件2

重点任务分工表

序号\t工作任务\t牵头单位\t完成时限
1\t加强人才队伍建设\t自治区卫生健康委\t2022年12月底前

抄送：国家卫生健康委，自治区人民政府办公厅，
      自治区医疗保障局。
宁夏回族自治区卫生健康委员会办公室              2022年3月2日印发
"""


@pytest.fixture(scope="module")
def full():
    pf = policyparse.parse_text(FULL)
    assert len(pf.documents) == 1
    return pf, pf.documents[0]


def test_full_metadata(full) -> None:
    _, d = full
    assert d.title == "自治区卫生健康委自治区财政厅关于印发《宁夏回族自治区基层卫生能力提升方案》的通知"
    assert d.doc_number is not None and d.doc_number.key == "宁卫发〔2022〕12号"
    assert d.date == "2022-03-01"
    assert d.signers == ["自治区卫生健康委", "自治区财政厅"]
    assert d.issuer == "自治区卫生健康委、自治区财政厅"
    assert d.recipients == ["各市、县（区）卫生健康局", "委机关各处室"]
    assert (d.kind, d.issued_kind, d.level, d.publicity) == ("通知", "方案", "provincial", "此件公开发布")
    assert [(a.number, a.title, a.path) for a in d.attachments] == [
        (1, "宁夏回族自治区基层卫生能力提升方案", ["附件1"]),
        (2, "重点任务分工表", ["附件2"]),
    ]


def test_full_parts(full) -> None:
    pf, d = full
    kinds = [p.kind for p in d.anatomy]
    assert kinds == [
        "letterhead", "doc_number", "title", "recipients", "attachment_list", "signature", "signature",
        "date", "note", "repeated_title", "cc", "cc", "printed",
    ]  # fmt: skip
    assert _parts(d, "cc") == ["抄送：国家卫生健康委，自治区人民政府办公厅，", "自治区医疗保障局。"]
    assert _parts(d, "printed") == ["宁夏回族自治区卫生健康委员会办公室              2022年3月2日印发"]
    for p in d.anatomy:
        assert pf.text[p.span.start : p.span.end] == p.raw
        assert FULL[p.span.source_start : p.span.source_end] == p.raw


def test_full_structure_excludes_frame(full) -> None:
    pf, d = full
    paths = [s.path for s in _flat(d.sections)]
    assert paths == [
        ["附件1"], ["附件1", "一"], ["附件1", "一", "（一）"], ["附件1", "一", "（二）"],
        ["附件1", "二"], ["附件1", "二", "（一）"], ["附件2"],
    ]  # fmt: skip
    # the attachment list's "1. …" / "2. …" are not headings; the last section stops before 抄送
    last = d.sections[-1]
    assert "抄送" not in pf.text[last.span.start : last.span.end]
    assert pf.text[last.span.start : last.span.end].endswith("2022年12月底前")
    # no citation of the document's own plan; frame lines hold no assignment or target
    assert d.citations == []
    assert [a.raw for a in d.assignments if a.explicit][0] == "（自治区卫生健康委牵头，财政厅配合）"


# ------------------------------------------------------------------ rules as small tables


@pytest.mark.parametrize(
    "name,level",
    [
        ("国务院办公厅", "national"),
        ("国家卫生健康委", "national"),
        ("财政部", "national"),
        ("中共中央办公厅、国务院办公厅", "national"),
        ("宁夏回族自治区人民政府", "provincial"),
        ("自治区人民政府办公厅", "provincial"),
        ("辽宁省人民政府", "provincial"),
        ("北京市人民政府", "provincial"),
        ("省卫生计生委", "provincial"),
        ("固原市深化医药卫生体制改革工作领导小组", "municipal"),
        ("辽宁省沈阳市人民政府", "municipal"),
        ("延边朝鲜族自治州人民政府", "municipal"),
        ("中共固原市委", "municipal"),
        ("彭阳县人民政府", "county"),
        ("北京市朝阳区人民政府", "county"),
        ("鄂尔多斯市伊金霍洛旗人民政府", "county"),
        ("深化医改领导小组", None),
    ],
)
def test_issuer_level(name: str, level: str | None) -> None:
    assert issuer_level(name) == level


@pytest.mark.parametrize(
    "raw,names",
    [
        ("各市、县人民政府，自治区人民政府各组成部门、各直属机构", ["各市、县人民政府", "自治区人民政府各组成部门", "各直属机构"]),
        ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构", ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]),
        ("市卫健委、市财政局", ["市卫健委", "市财政局"]),
        # a list inside a bracket is part of one name
        ("各县（市、区）卫生健康委、各市直医疗卫生单位", ["各县（市、区）卫生健康委", "各市直医疗卫生单位"]),
        ("各县〔市、区〕卫生健康局，委属各单位", ["各县〔市、区〕卫生健康局", "委属各单位"]),
        ("各设区市、县（市、区）人民政府，省政府各部门", ["各设区市、县（市、区）人民政府", "省政府各部门"]),
    ],
)
def test_split_recipients(raw: str, names: list[str]) -> None:
    assert split_recipients(raw) == names


@pytest.mark.parametrize(
    "title,kind",
    [
        ("关于印发X的通知", "通知"),
        ("关于进一步完善医疗卫生服务体系实施方案（征求意见稿）", "实施方案"),
        ("X管理办法（试行）", "管理办法"),
        ("广西深化医药卫生体制改革2021年重点工作任务", "重点工作任务"),
        ("宁夏回族自治区贯彻落实《若干意见》的实施意见", "实施意见"),
        ("中华人民共和国基本医疗卫生与健康促进法", None),
    ],
)
def test_doc_kind(title: str, kind: str | None) -> None:
    assert doc_kind(title) == kind


def test_recipients_with_bracketed_alternatives_and_joint_issuers() -> None:
    """主送机关 like 卫生健康局（委） and a notice signed by two bodies side by side."""
    text = (
        "广东省卫生健康委员会 广东省发展和改革委员会关于印发广东省卫生健康人才发展规划的通知\n"
        "粤卫〔2021〕88号\n\n"
        "各地级以上市卫生健康局（委）、发展改革局（委）：\n"
        "现将《广东省卫生健康人才发展规划》印发给你们，请结合实际认真组织实施。\n\n"
        "广东省卫生健康委员会    广东省发展和改革委员会\n"
        "2021年11月5日\n\n"
        "广东省卫生健康人才发展规划\n\n"
        "一、主要目标\n"
        "到2025年，卫生健康人才总量达到120万人。\n"
    )
    doc = policyparse.parse_text(text).documents[0]
    assert doc.recipients == ["各地级以上市卫生健康局（委）", "发展改革局（委）"]
    assert doc.signers == ["广东省卫生健康委员会", "广东省发展和改革委员会"]
    assert doc.date == "2021-11-05"
    assert doc.doc_number is not None and doc.doc_number.key == "粤卫〔2021〕88号"
    assert [s.path for s in doc.sections] == [["一"]]


# ------------------------------------------------------------------ layouts the corpus does not show

JOINT = """国家卫生健康委 国家发展改革委 财政部
人力资源社会保障部 国家医保局
关于印发医疗联合体管理办法（试行）的通知

国卫医发〔2020〕13号

各省、自治区、直辖市卫生健康委、发展改革委：
为加快推进医疗联合体建设，我们制定了《医疗联合体管理办法（试行）》。现印发给你们，请遵照执行。

附件：医疗联合体管理办法（试行）

国家卫生健康委    国家发展改革委    财政部
人力资源社会保障部    国家医保局
二〇二〇年七月九日

（信息公开形式：主动公开）

医疗联合体管理办法（试行）

第一章  总  则

第一条  为规范医疗联合体建设，制定本办法。

第二章  附  则

第二条  本办法自印发之日起施行。
"""


def test_joint_national_notice_with_lone_attachment_before_the_signature() -> None:
    """附件：title just above the 落款 is the attachment note, not a heading over the whole text;
    （信息公开形式：主动公开） is the 附注 and never joins the repeated title below it."""
    doc = policyparse.parse_text(JOINT).documents[0]
    assert doc.title == "国家卫生健康委国家发展改革委财政部人力资源社会保障部国家医保局关于印发医疗联合体管理办法（试行）的通知"
    assert doc.signers == ["国家卫生健康委", "国家发展改革委", "财政部", "人力资源社会保障部", "国家医保局"]
    assert (doc.date, doc.level, doc.kind, doc.issued_kind) == ("2020-07-09", "national", "通知", "管理办法")
    assert doc.publicity == "信息公开形式：主动公开"
    assert [(a.number, a.title) for a in doc.attachments] == [(None, "医疗联合体管理办法（试行）")]
    assert _parts(doc, "attachment_list") == ["附件：医疗联合体管理办法（试行）"]
    assert _parts(doc, "repeated_title") == ["医疗联合体管理办法（试行）"]
    assert [s.path for s in _flat(doc.sections)] == [["第一章"], ["第一章", "第一条"], ["第二章"], ["第二章", "第二条"]]


def test_draft_marker_inside_a_quoted_title() -> None:
    """A notice asking for comments on a draft is not a draft; its title keeps the quoted name."""
    text = (
        "江苏省卫生健康委员会关于公开征求《江苏省医疗机构管理办法（征求意见稿）》意见的通知\n\n"
        "各有关单位：\n现将征求意见稿全文公布，征求社会各界意见。\n\n"
        "江苏省卫生健康委员会\n2023年4月10日\n"
    )
    doc = policyparse.parse_text(text).documents[0]
    assert doc.title == "江苏省卫生健康委员会关于公开征求《江苏省医疗机构管理办法（征求意见稿）》意见的通知"
    assert doc.is_draft is False
    issued = policyparse.parse_text(
        "江苏省卫生健康委员会关于印发《江苏省医疗机构管理办法（征求意见稿）》的通知\n\n各有关单位：\n现印发给你们。\n"
    ).documents[0]
    assert issued.is_draft is True and issued.issued_kind == "管理办法"
    own_line = policyparse.parse_text("江苏省医疗机构管理办法\n〔征求意见稿〕\n\n一、总则\n").documents[0]
    assert (own_line.title, own_line.is_draft) == ("江苏省医疗机构管理办法", True)
    assert _parts(own_line, "title") == ["江苏省医疗机构管理办法\n〔征求意见稿〕"]


def test_comment_notice_carrying_the_draft_is_a_draft() -> None:
    """关于公开征求《X（征求意见稿）》意见的通知 whose body carries X ⏎ （征求意见稿） is the draft
    a reader gets: is_draft, one document, the notice's title kept whole; a notice that only
    names the draft in a sentence stays final."""
    title = "江苏省卫生健康委员会关于公开征求《江苏省医疗机构管理办法（征求意见稿）》意见的通知"
    notice = (
        f"{title}\n\n各有关单位：\n我委起草了《江苏省医疗机构管理办法（征求意见稿）》，现公开征求意见。"
        "请于2023年5月10日前反馈。\n\n江苏省卫生健康委员会\n2023年4月10日\n\n"
    )
    body = "江苏省医疗机构管理办法\n（征求意见稿）\n\n第一章　总则\n第一条　为了规范管理，制定本办法。\n"
    docs = policyparse.parse_text(notice + body).documents
    assert [(d.title, d.is_draft) for d in docs] == [(title, True)]
    assert [s.path for s in _flat(docs[0].sections)] == [["第一章"], ["第一章", "第一条"]]
    final = policyparse.parse_text(notice + "附件：江苏省医疗机构管理办法（征求意见稿）\n").documents
    assert [(d.title, d.is_draft) for d in final] == [(title, False)]
    undrafted = policyparse.parse_text(notice + body.replace("（征求意见稿）\n", "")).documents
    assert undrafted[0].is_draft is False


PLAN_WITH_TABLE = """宁夏回族自治区卫生健康委员会关于印发《宁夏回族自治区基层卫生服务能力提升三年行动方案（2023—2025年）》的通知

各市、县（区）卫生健康局：
现将《宁夏回族自治区基层卫生服务能力提升三年行动方案（2023—2025年）》印发给你们，请认真组织实施。

附件：1.宁夏回族自治区基层卫生服务能力提升三年行动方案（2023—2025年）
2.重点任务清单

宁夏回族自治区卫生健康委员会
2023年6月20日

附件1

宁夏回族自治区基层卫生服务能力提升三年行动方案（2023—2025年）

为深入贯彻落实党的二十大精神，推动优质医疗资源扩容下沉和区域均衡布局，制定本方案。

一 总体要求
以习近平新时代中国特色社会主义思想为指导，坚持以人民健康为中心，加快推进基层医疗卫生服务体系建设。
二 重点任务
（一）加强基础设施建设。各地要改善基层医疗卫生机构条件。

附件2

重点任务清单

序号\t任务\t责任单位\t完成时限
1\t加强基础设施建设\t自治区卫生健康委\t2023年12月底前
"""


def test_appendix_caption_is_not_a_new_document_and_titles_carry_a_period() -> None:
    """附件2 ⏎ 重点任务清单: a caption ending in a kind word stays in the notice; a title ending
    in （2023—2025年） still has its kind."""
    pf = policyparse.parse_text(PLAN_WITH_TABLE)
    assert len(pf.documents) == 1
    doc = pf.documents[0]
    assert doc.issued_kind == "行动方案"
    assert [(a.number, a.path) for a in doc.attachments] == [(1, ["附件1"]), (2, ["附件2"])]
    assert [(s.path, s.title) for s in _flat(doc.sections)] == [
        (["附件1"], "宁夏回族自治区基层卫生服务能力提升三年行动方案（2023—2025年）"),
        (["附件1", "一"], "总体要求"),
        (["附件1", "二"], "重点任务"),
        (["附件1", "二", "（一）"], "加强基础设施建设"),
        (["附件2"], "重点任务清单"),
    ]


@pytest.mark.parametrize(
    "title,kind",
    [
        ("X三年行动方案（2023—2025年）", "行动方案"),
        ("X管理办法（2022年修订）", "管理办法"),
        ("X规划(2021-2025年)（征求意见稿）", "规划"),
        ("X条例（2020年版）", "条例"),
    ],
)
def test_doc_kind_after_a_period_or_edition(title: str, kind: str) -> None:
    assert doc_kind(title) == kind


@pytest.mark.parametrize(
    "head,title,kind,draft",
    [
        (
            "湖北省人民政府办公厅关于印发湖北省深化医药卫生体制改革实施方案\n的通知",
            "湖北省人民政府办公厅关于印发湖北省深化医药卫生体制改革实施方案的通知",
            "通知",
            False,
        ),
        ("湖北省卫生健康事业发展规划\n（2021—2025年）", "湖北省卫生健康事业发展规划（2021—2025年）", "规划", False),
        ("湖北省医疗机构管理办法\n（试行）\n（征求意见稿）", "湖北省医疗机构管理办法（试行）", "管理办法", True),
    ],
)
def test_title_carried_on_after_its_kind_word(head: str, title: str, kind: str, draft: bool) -> None:
    """A title broken after a kind word goes on onto the next line (的通知, a period, 试行)."""
    pf = policyparse.parse_text(head + "\n\n一、总体要求\n坚持以人民健康为中心。\n")
    doc = pf.documents[0]
    assert (doc.title, doc.kind, doc.is_draft) == (title, kind, draft)
    assert _parts(doc, "title") == [head]
    assert [s.path for s in doc.sections] == [["一"]]


@pytest.mark.parametrize(
    "head,title",
    [
        (
            "天津市人民政府办公厅关于印发\n天津市加快发展保障性租赁住房实施方案的通知",
            "天津市人民政府办公厅关于印发天津市加快发展保障性租赁住房实施方案的通知",
        ),
        (
            "贵州省人民政府办公厅关于印发\n贵州省“十四五”生态环境保护\n规划的通知",
            "贵州省人民政府办公厅关于印发贵州省“十四五”生态环境保护规划的通知",
        ),
    ],
    ids=["two lines", "three lines"],
)
def test_title_broken_after_its_issuing_verb(head: str, title: str) -> None:
    """…办公厅关于印发 ⏎ X的通知: a line ending in 关于印发 is a title's head, not an 印发 footer."""
    text = head + "\n津政办发〔2022〕9号\n各区人民政府：\n一、总体要求\n各地要加强组织领导。\n某某办公厅\n2022年3月1日\n"
    doc = policyparse.parse_text(text).documents[0]
    assert (doc.title, doc.issued_kind) == (title, doc_kind(title.removesuffix("的通知")))
    assert _parts(doc, "title") == [head]
    assert doc.doc_number is not None and doc.doc_number.raw == "津政办发〔2022〕9号"


@pytest.mark.parametrize(
    "head,title,kind",
    [
        ("浙江省水资源条例（修订草案）", "浙江省水资源条例", "条例"),
        ("浙江省水资源条例（修订草案征求意见稿）", "浙江省水资源条例", "条例"),
        ("甘肃省中医药发展规划（2023—2030年）征求意见稿", "甘肃省中医药发展规划（2023—2030年）", "规划"),
    ],
    ids=["amendment draft", "amendment draft for comment", "marker without brackets"],
)
def test_draft_markers_of_an_amendment_or_without_brackets(head: str, title: str, kind: str) -> None:
    """（修订草案） and a bare 征求意见稿 after the title end it as （草案） does: the marker goes
    to is_draft."""
    doc = policyparse.parse_text(head + "\n一、总体要求\n各地要加强组织领导。\n").documents[0]
    assert (doc.title, doc.is_draft, doc.kind) == (title, True, kind)
    assert _parts(doc, "title") == [head]
    assert [s.path for s in doc.sections] == [["一"]]


def test_doc_number_beside_the_signed_by_and_a_one_line_signature() -> None:
    """上行文: 发文字号 and 签发人 share a line (it is no title); a 落款 of body and date on one line."""
    text = (
        "彭阳县卫生健康局文件\n\n"
        "彭卫发〔2022〕8号                    签发人：张三\n\n"
        "彭阳县卫生健康局关于2021年度医改工作情况的报告\n\n"
        "县人民政府：\n2021年，我局扎实推进医改工作。现将有关情况报告如下。\n"
        "一、工作进展\n二、下一步打算\n\n"
        "彭阳县卫生健康局    彭阳县财政局      2022年1月10日\n"
    )
    doc = policyparse.parse_text(text).documents[0]
    assert doc.title == "彭阳县卫生健康局关于2021年度医改工作情况的报告"
    assert doc.doc_number is not None and doc.doc_number.key == "彭卫发〔2022〕8号"
    assert (doc.kind, doc.level, doc.recipients) == ("报告", "county", ["县人民政府"])
    assert doc.date == "2022-01-10"
    assert doc.signers == ["彭阳县卫生健康局", "彭阳县财政局"]
    assert doc.issuer == "彭阳县卫生健康局、彭阳县财政局"
    assert _parts(doc, "signature") == ["彭阳县卫生健康局    彭阳县财政局"]
    assert _parts(doc, "date") == ["2022年1月10日"]
    assert [s.path for s in doc.sections] == [["一"], ["二"]]
    assert doc.sections[-1].title == "下一步打算"


@pytest.mark.parametrize(
    "head,number,letterhead",
    [
        ("国家发展改革委文件\n发改环资〔2023〕150号\n签发人：郑栅洁", "发改环资〔2023〕150号", ["国家发展改革委文件", "签发人：郑栅洁"]),
        ("青海省人民政府文件\n签发人：吴晓军　　　青政〔2023〕8号", "青政〔2023〕8号", ["青海省人民政府文件"]),
        ("广东省人民政府办公厅文件　　粤办函〔2023〕55号", "粤办函〔2023〕55号", []),
        ("国家卫生健康委 国家发展改革委文件　　国卫医发〔2023〕5号", "国卫医发〔2023〕5号", []),
    ],
    ids=["signed-by line", "signed-by before the number", "letterhead and number", "joint letterhead and number"],
)
def test_frame_fields_above_the_title_stay_out_of_it(head: str, number: str, letterhead: list[str]) -> None:
    """签发人 on its own line or before the 发文字号, the letterhead beside the number: frame
    fields, never the title's first line; the number beside them is the doc_number."""
    title = "某省人民政府关于支持生态旅游发展的意见"
    text = head + "\n" + title + "\n各市人民政府：\n一、总体要求\n各地要加强组织领导。\n某省人民政府\n2023年4月2日\n"
    doc = policyparse.parse_text(text).documents[0]
    assert doc.title == title
    assert doc.doc_number is not None and doc.doc_number.raw == number
    assert (doc.issuer, doc.date) == ("某省人民政府", "2023-04-02")
    assert _parts(doc, "letterhead") == letterhead
    assert [s.path for s in doc.sections] == [["一"]]


def test_web_page_information_block_above_the_title() -> None:
    """索引号：… 发文机关：… 标题：… pasted above a document: no part of the title (a 版头 of the
    page); its 发文字号 / 成文日期 / 发文机关 stand in for those the document does not give."""
    title = "广东省人民政府关于印发广东省推动新型储能产业高质量发展指导意见的通知"
    info = (
        "索引号：11440000006939908H/2023-00123\n发文机关：广东省人民政府\n成文日期：2023年06月12日\n"
        f"标题：{title}\n发文字号：粤府函〔2023〕123号\n发布日期：2023年06月15日\n"
    )
    own = f"{title}\n粤府函〔2023〕123号\n各地级以上市人民政府：\n一、总体要求\n各地要加强组织领导。\n广东省人民政府\n2023年6月12日\n"
    doc = policyparse.parse_text(info + own).documents[0]
    assert (doc.title, doc.doc_number.raw, doc.issuer, doc.date) == (title, "粤府函〔2023〕123号", "广东省人民政府", "2023-06-12")
    assert _parts(doc, "doc_number") == ["粤府函〔2023〕123号"]
    assert len(_parts(doc, "letterhead")) == 6
    bare = f"{info}{title[7:]}\n各地级以上市人民政府：\n一、总体要求\n各地要加强组织领导。\n"
    doc = policyparse.parse_text(bare).documents[0]
    assert (doc.title, doc.doc_number.raw, doc.issuer, doc.date) == (title[7:], "粤府函〔2023〕123号", "广东省人民政府", "2023-06-12")
    assert _parts(doc, "doc_number") == ["发文字号：粤府函〔2023〕123号"]


def test_a_web_page_after_a_whole_document_is_a_document_of_its_own() -> None:
    """Pages saved into one file: a whole notice, then a page's information block (索引号：…
    标题：…), with or without the title line under it — two documents, each with its own title."""
    first = (
        "某市人民政府办公室关于做好防汛工作的通知\n某政办发〔2024〕3号\n各区人民政府：\n一、总体要求\n"
        + "各区要压实防汛责任，加强监测预警，做好人员转移避险工作，确保人民群众生命财产安全。" * 4
        + "\n某市人民政府办公室\n2024年5月6日\n"
    )
    title = "河北省人民政府办公厅关于进一步加强基层医疗卫生服务能力建设的实施意见"
    info = f"索引号：000014349/2024-00012\n发文机关：河北省人民政府办公厅\n标题：{title}\n发文字号：冀政办字〔2024〕5号\n成文日期：2024年01月08日\n"
    body = "各市（含定州、辛集市）人民政府：\n一、总体要求\n各地要加强组织领导。\n"
    for page in (info + body, info + title + "\n" + body):
        docs = policyparse.parse_text(first + "\n" + page).documents
        assert [(d.title, d.doc_number.raw if d.doc_number else None) for d in docs] == [
            ("某市人民政府办公室关于做好防汛工作的通知", "某政办发〔2024〕3号"),
            (title, "冀政办字〔2024〕5号"),
        ]


def test_web_page_information_block_gives_the_missing_title() -> None:
    """A page whose text starts under its information block, without the title line: the
    block's 标题 is the title (draft marker to is_draft), its 发文机关 the issuer only when the
    title names none."""
    body = "各地级以上市人民政府：\n一、总体要求\n各地要加强组织领导。\n"
    info = "发文机关：广东省发展和改革委员会\n标题：{}\n成文日期：2023年06月12日\n"
    doc = policyparse.parse_text(info.format("关于印发广东省储能产业指导意见（征求意见稿）的通知") + body).documents[0]
    assert (doc.title, doc.is_draft, doc.issued_kind) == ("关于印发广东省储能产业指导意见的通知", True, "指导意见")
    assert (doc.issuer, doc.date) == ("广东省发展和改革委员会", "2023-06-12")
    named = policyparse.parse_text(info.format("广东省人民政府关于加快发展储能产业的意见") + body).documents[0]
    assert (named.title, named.issuer) == ("广东省人民政府关于加快发展储能产业的意见", "广东省人民政府")
    assert [s.path for s in named.sections] == [["一"]]


def _signed(signature: str, before: str = "") -> str:
    return (
        "浙江省交通运输厅关于加强农村公路养护管理的通知\n浙交〔2023〕30号\n各市交通运输局：\n一、总体要求\n"
        f"各地要加强组织领导。\n{before}{signature}\n"
    )


@pytest.mark.parametrize("date", ["2023-05-06", "2023/05/06", "2023.5.6"])
def test_numeric_date_under_the_signature(date: str) -> None:
    """A 落款 dated 2023-05-06, 2023/05/06 or 2023.5.6 gives the date; a numeric date alone
    (a table's cell) gives none."""
    doc = policyparse.parse_text(_signed(f"浙江省交通运输厅\n{date}")).documents[0]
    assert (doc.issuer, doc.date) == ("浙江省交通运输厅", "2023-05-06")
    assert (_parts(doc, "signature"), _parts(doc, "date")) == (["浙江省交通运输厅"], [date])
    alone = policyparse.parse_text(_signed(f"完成时限：\n{date}")).documents[0]
    assert alone.date is None


def test_labelled_date_in_the_signature() -> None:
    """（成文日期：2023年3月10日） under the issuing body is the 成文日期."""
    doc = policyparse.parse_text(_signed("浙江省交通运输厅\n（成文日期：2023年3月10日）")).documents[0]
    assert (doc.issuer, doc.date) == ("浙江省交通运输厅", "2023-03-10")
    assert _parts(doc, "date") == ["（成文日期：2023年3月10日）"]


@pytest.mark.parametrize("gap", ["\u3000", "\u3000\u3000\u3000", "   ", "\t"])
def test_one_line_signature_with_a_narrow_gap(gap: str) -> None:
    """Body and date on one line apart by U+3000 spaces, a few spaces or a tab (normalisation
    removes up to three spaces before a digit): still the 落款; a sentence before a date is not."""
    doc = policyparse.parse_text(_signed(f"重庆市农业农村委员会{gap}2023年2月15日")).documents[0]
    assert (doc.issuer, doc.date, doc.signers) == ("重庆市农业农村委员会", "2023-02-15", ["重庆市农业农村委员会"])
    assert (_parts(doc, "signature"), _parts(doc, "date")) == (["重庆市农业农村委员会"], ["2023年2月15日"])
    sentence = policyparse.parse_text(_signed(f"经研究，报市农业农村委员会{gap}2023年2月15日")).documents[0]
    assert sentence.date is None


@pytest.mark.parametrize("body", ["财政部农业农村司", "国家药监局综合司", "北京大学"])
def test_issuer_named_as_a_department_or_a_university(body: str) -> None:
    """A ministry's 司 and a university sign like any body: the 落款 and the title name the issuer."""
    text = f"{body}关于做好农业保险保费补贴工作的通知\n财农便〔2023〕12号\n各省财政厅：\n一、总体要求\n各地要加强组织领导。\n{body}\n2023年5月6日\n"
    doc = policyparse.parse_text(text).documents[0]
    assert (doc.issuer, doc.signers, doc.date) == (body, [body], "2023-05-06")
    assert _parts(doc, "signature") == [body]
    untitled = policyparse.parse_text(f"{body}关于做好农业保险保费补贴工作的通知\n各省财政厅：\n现通知如下。\n").documents[0]
    assert untitled.issuer == body


def test_attachment_list_on_one_line() -> None:
    """附件：1.X 2.Y on one line: two attachments, each linked to its appended section."""
    text = (
        "彭阳县人民政府办公室关于印发彭阳县医改方案的通知\n\n各乡镇人民政府：\n现将方案印发给你们。\n\n"
        "附件：1.彭阳县医改方案 2.任务分工表\n\n彭阳县人民政府办公室\n2021年6月1日\n\n"
        "附件1\n\n彭阳县医改方案\n\n一、目标\n\n附件2\n\n任务分工表\n\n序号\t任务\n1\t建设\n"
    )
    pf = policyparse.parse_text(text)
    doc = pf.documents[0]
    assert [(a.number, a.title, a.raw, a.path) for a in doc.attachments] == [
        (1, "彭阳县医改方案", "1.彭阳县医改方案", ["附件1"]),
        (2, "任务分工表", "2.任务分工表", ["附件2"]),
    ]
    for a in doc.attachments:
        assert pf.text[a.span.start : a.span.end] == a.raw
    assert _parts(doc, "attachment_list") == ["附件：1.彭阳县医改方案 2.任务分工表"]


# ------------------------------------------------------------------ fast paths equal the plain definitions

#: Pieces of the frame lines the footer reading is tried on: spaces, brackets, 抄/分/发, 抄送 lists.
_FOOTER_PIECES = ["", " ", "\t", "\u3000", "（", "(", "）", ")", "此件公开发布", "联系人：张三", "抄送：", "分送:",
                  "抄", "分", "发", "办公室", "2021年3月1日印发", "某某局，", "甲", "。", "（一）",
                  "(此件公开发布)", "（此件主动公开）", "(联系人：张三)", "（信息公开形式：主动公开）", "抄送：某某局。"]


def _plain_read_footers(d, doc_lines) -> None:
    """_read_footers as first written: _footer_line tried on every line starting with a bracket,
    抄 or 分 or ending in 发."""
    from policyparse.segment import _footer_line

    starts = [i for i, ln in enumerate(doc_lines) if ln.stripped[0] in "（(抄分" or ln.stripped[-1] == "发"]
    done = -1
    for idx in starts:
        if idx <= done:
            continue
        in_cc = _footer_line(d, doc_lines[idx], False)
        while in_cc and idx + 1 < len(doc_lines):
            idx += 1
            in_cc = _footer_line(d, doc_lines[idx], True)
        done = idx


def test_footer_lines_read_as_the_plain_reading() -> None:
    """_read_footers tries _footer_line only on bracketed lines (not every line opening with a
    bracket): the parts, skips and publicity are those of the plain reading."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from policyparse.segment import DocSegment, _read_footers, split_lines

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.lists(st.sampled_from(_FOOTER_PIECES), max_size=5).map("".join), max_size=8))
    def check(lines):
        text = "\n".join(lines)
        doc_lines = [ln for ln in split_lines(text) if ln.stripped]
        got, plain = DocSegment(0, len(text)), DocSegment(0, len(text))
        _read_footers(got, doc_lines)
        _plain_read_footers(plain, doc_lines)
        assert (got.parts, got.skip, got.publicity) == (plain.parts, plain.skip, plain.publicity)

    check()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 60), st.integers(0, 30)), max_size=60))
def test_the_skip_index_answers_as_a_scan_of_every_span(steps):
    """offsets.SpanIndex (O(log n) a question), as the segmenter's skip list uses it, against
    its plain definition; d.skip grows by appends in and out of order, between questions."""
    from policyparse.offsets import SpanIndex

    skip: list[tuple[int, int]] = []
    index = SpanIndex(skip)
    for append, a, width in steps:
        b = a + width
        if append:
            skip.append((a, b))
        else:
            assert index.covers(a, b) == any(s <= a and b <= e for s, e in skip)


_SHORT_BODY = "各乡镇人民政府：\n一、工作任务\n抓好落实。\n二、工作要求\n按时报送。\n"


@pytest.mark.parametrize(
    "first,second",
    [
        # each with its own 发文字号 under its title, no date
        ("关于开展安全检查的通知\n某安办〔2023〕5号\n", "关于做好防汛工作的通知\n某政办发〔2023〕12号\n"),
        # the 发文字号 above the title (letterhead order): it opens the second document
        ("某安办〔2023〕5号\n关于开展安全检查的通知\n", "某政办发〔2023〕12号\n关于做好防汛工作的通知\n"),
        # a rule between the two is no part of the second title
        ("关于开展安全检查的通知\n某安办〔2023〕5号\n", "————————————\n关于做好防汛工作的通知\n某政办发〔2023〕12号\n"),
    ],
)
def test_short_notices_one_after_another_with_their_numbers(first: str, second: str) -> None:
    """Several short notices in one file (bodies far below MIN_BODY_CHARS): a title carrying its
    own 发文字号 opens a document, whose headings restart at 一、."""
    docs = policyparse.parse_text(first + _SHORT_BODY + second + _SHORT_BODY).documents
    assert [(d.title, d.doc_number.raw if d.doc_number else None) for d in docs] == [
        ("关于开展安全检查的通知", "某安办〔2023〕5号"),
        ("关于做好防汛工作的通知", "某政办发〔2023〕12号"),
    ]
    assert [[s.path for s in _flat(d.sections)] for d in docs] == [[["一"], ["二"]], [["一"], ["二"]]]


@pytest.mark.parametrize(
    "end,dates",
    [
        ("某区爱卫会\n2023年3月25日\n", ("2023-03-25", "2023-03-10")),
        ("某区爱卫会\n2023年3月25日\n（此件公开发布）\n", ("2023-03-25", "2023-03-10")),
        ("某区爱卫会\n2023-03-25\n", ("2023-03-25", "2023-03-10")),  # a numeric date
        ("某区爱卫会　　2023年3月25日\n", ("2023-03-25", "2023-03-10")),  # a 落款 on one line
        # the 抄送 / 印发 footers after the date
        ("某区爱卫会\n2023年3月25日\n抄送：区委办。\n某区爱卫会办公室　　2023年3月25日印发\n", ("2023-03-25", "2023-03-10")),
    ],
)
def test_short_notices_one_after_another_with_their_dates(end: str, dates: tuple[str, str]) -> None:
    """A short document that has ended (its 成文日期 in any form, a 附注 or the footers after it) is
    followed by the next one's title."""
    text = (
        "关于开展爱国卫生月活动的通知\n" + _SHORT_BODY + end
        + "关于做好春季植树工作的通知\n" + _SHORT_BODY + "某区绿化委员会\n2023年3月10日\n"
    )
    docs = policyparse.parse_text(text).documents
    assert [(d.title, d.issuer, d.date) for d in docs] == [
        ("关于开展爱国卫生月活动的通知", "某区爱卫会", dates[0]),
        ("关于做好春季植树工作的通知", "某区绿化委员会", dates[1]),
    ]
    assert [[s.path for s in _flat(d.sections)] for d in docs] == [[["一"], ["二"]], [["一"], ["二"]]]


@pytest.mark.parametrize(
    "text",
    [
        # the plan a short notice issues, under its date, worded apart from the quoted title
        "关于印发某县节水行动方案的通知\n某政发〔2023〕2号\n各乡镇：\n现将方案印发给你们。\n某县人民政府\n2023年2月1日\n"
        "某县节水行动方案（2023—2025年）\n一、总体要求\n内容。\n",
        # a notice's title quoted on a line of the body (no number, no date before it)
        "关于转发某文件的通知\n某办〔2023〕11号\n各单位：\n现将下列文件转发给你们：\n关于加强安全管理的通知\n请遵照执行。\n"
        "一、工作要求\n内容。\n",
        # the notice's attachment, named in its 附件： line, under its date
        "关于开展读书月活动的通知\n某教办〔2023〕3号\n各学校：\n请认真组织。\n附件：读书月活动实施方案\n某县教育局\n2023年4月1日\n"
        "读书月活动实施方案\n一、活动主题\n二、活动安排\n",
        # a plan the notice hands over without naming it (现将活动方案印发给你们)
        "关于开展全民健身活动的通知\n各乡镇：\n现将活动方案印发给你们。\n某县文体局\n2023年5月1日\n"
        "某县2023年全民健身月活动实施方案\n一、活动时间\n",
        # the forwarded document's title right under the notice's own 发文字号
        "关于转发省政府关于加强安全生产工作意见的通知\n某办〔2023〕1号\n省政府关于加强安全生产工作的实施意见\n各单位：\n一、甲\n",
        # a list of documents, each title with its number under it (废止下列文件：…)
        "关于废止部分文件的通知\n某政发〔2023〕9号\n决定废止下列文件：\n关于加强宅基地管理的通知\n某政发〔2010〕5号\n"
        "关于推进产业化经营的意见\n某政发〔2011〕6号\n关于做好防汛工作的通知\n某政办发〔2012〕7号\n请遵照执行。\n",
    ],
)
def test_a_title_in_a_short_notice_that_opens_no_document_stays(text: str) -> None:
    """A title in a short notice with neither its own 发文字号 nor the notice's end before it,
    or one the notice carries, stays in the notice."""
    docs = policyparse.parse_text(text).documents
    assert len(docs) == 1
