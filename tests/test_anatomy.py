"""Document anatomy (GB/T 9704): 版头, 发文字号, title, 主送, 落款, 附注, 附件 list, 抄送/印发 —
recorded as parts, never headings or body; and the metadata read from them."""

from __future__ import annotations

from pathlib import Path

import pytest

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
