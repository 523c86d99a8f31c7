"""Citations: a readable rule table of number variants and title forms, the shared
国发〔2016〕78号 key across the 宁夏 and 辽宁 plans, and the corpus citation graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.cli import main
from policyparse.docnum import find_doc_numbers, parse_doc_number
from policyparse.graph import EDGE_COLUMNS, citation_edges

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NINGXIA = CORPUS / "000_a0d76618a303aa9e.txt"
GUYUAN = CORPUS / "001_51fae38dd57fd7e4.txt"
LIAONING = CORPUS / "002_a1c8db2d6f6467ff.txt"
NEIMENGGU = CORPUS / "003_bbee473a6d319f37.txt"
GUANGXI = CORPUS / "004_7987ea6d96b72cd9.txt"

# One case per line:  sentence with the citation marked ‹…›  =>  title | key
# ("-" for none).  "(none)" after => means: no citation at all.  The sentence is
# parsed as a whole document; the citation's span must map back to the marked text.
TABLE = """
# number variants
根据‹国发〔2016〕78号›文件精神，制定本方案。                         => - | 国发〔2016〕78号
根据‹国发[2016]78号›文件精神，制定本方案。                           => - | 国发〔2016〕78号
根据‹国发（2016）78号›文件精神，制定本方案。                         => - | 国发〔2016〕78号
根据‹国发(2016)78号›文件精神，制定本方案。                           => - | 国发〔2016〕78号
根据‹国发【2016】78号›文件精神，制定本方案。                         => - | 国发〔2016〕78号
根据‹国发［2016］78号›文件精神，制定本方案。                         => - | 国发〔2016〕78号
根据‹国发2016年78号›文件精神，制定本方案。                           => - | 国发〔2016〕78号
根据‹国发〔2016〕第78号›文件精神，制定本方案。                       => - | 国发〔2016〕78号
为贯彻‹国发 〔 2016 〕 78 号›文件精神，制定本方案。                  => - | 国发〔2016〕78号
参照‹国卫办医函〔２０２１〕３号›执行。                               => - | 国卫办医函〔2021〕3号
# lead-in words are not part of the agency code
按照‹宁政办发〔2015〕130号›要求执行。                                => - | 宁政办发〔2015〕130号
落实‹厅字〔2016〕36号›精神。                                         => - | 厅字〔2016〕36号
# title and number together, any bracket style
根据‹《国务院关于印发“十三五”深化医药卫生体制改革规划的通知》（国发〔2016〕78号）›精神，制定本规划。 => 国务院关于印发“十三五”深化医药卫生体制改革规划的通知 | 国发〔2016〕78号
按照‹《关于印发X方案的通知》(国发[2016]78号)›要求，制定本方案。    => 关于印发X方案的通知 | 国发〔2016〕78号
贯彻‹《关于X的意见》【国发【2016】78号】›精神。                     => 关于X的意见 | 国发〔2016〕78号
参照‹《县域医共体信息化平台建设功能指引》（试行）（宁卫办发〔2019〕119号）›建设。 => 县域医共体信息化平台建设功能指引 | 宁卫办发〔2019〕119号
# nested 《》 written as <> inside the outer title
为贯彻落实‹《中共中央办公厅国务院办公厅转发<领导小组关于推广经验的若干意见>的通知》（厅字〔2016〕36号）›，制定本意见。 => 中共中央办公厅国务院办公厅转发《领导小组关于推广经验的若干意见》的通知 | 厅字〔2016〕36号
# regulation style: a title alone
依据‹《中华人民共和国基本医疗卫生与健康促进法》›，制定本方案。     => 中华人民共和国基本医疗卫生与健康促进法 | -
认真贯彻‹《医师法》›，规范执业。                                     => 医师法 | -
# a law whose 《》 were lost (punctuation-damaged text)
贯彻落实，‹中华人民共和国中医药法›，加强推广。                       => 中华人民共和国中医药法 | -
# a title whose 《》 were lost, recovered before its number
根据，‹国务院关于印发，十三五，深化医药卫生体制改革规划的通知，国发〔2016〕78号›，要求。 => 国务院关于印发，十三五，深化医药卫生体制改革规划的通知 | 国发〔2016〕78号
# order numbers (令): numbered per issuing body, no year
根据‹《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）›等规定，制定本办法。 => 医疗机构医疗保障定点管理暂行办法 | 国家医疗保障局令第2号
为加强管理，根据‹国务院令第699号›制定本细则。                        => - | 国务院令第699号
依据‹《中华人民共和国药品管理法》（中华人民共和国主席令第３１号）›，制定本办法。 => 中华人民共和国药品管理法 | 中华人民共和国主席令第31号
# prose runs into a bare number's code: the code starts after the last word never in a code
各地要认真落实‹国办发〔2018〕3号›文件要求。                            => - | 国办发〔2018〕3号
现将‹国办发〔2021〕20号›转发给你们，请认真执行。                       => - | 国办发〔2021〕20号
各区严格对照‹湘政发〔2022〕12号›抓好落实。                             => - | 湘政发〔2022〕12号
请根据国家卫生健康委办公厅‹国卫办基层函〔2023〕42号›要求开展工作。    => - | 国卫办基层函〔2023〕42号
按照‹川经信产业〔2020〕12号›要求，推进技术改造。                       => - | 川经信产业〔2020〕12号
依据‹省政府令第158号›规定执行。                                        => - | 省政府令第158号
# a title's number before it, bare after it, or with its issuing date and 发布 in the bracket
‹国发〔2016〕77号《国务院关于印发“十三五”卫生与健康规划的通知》›明确要求加强基层。 => 国务院关于印发“十三五”卫生与健康规划的通知 | 国发〔2016〕77号
根据‹《国务院关于加强地方政府性债务管理的意见》国发〔2014〕43号›要求。 => 国务院关于加强地方政府性债务管理的意见 | 国发〔2014〕43号
依据‹《医疗机构管理条例》（1994年2月26日国务院令第149号发布）›第二十四条规定。 => 医疗机构管理条例 | 国务院令第149号
# 关于印发《X》的通知 with the notice's 《》 lost: the notice is the document cited
根据‹国务院关于印发《“十四五”国民健康规划》的通知（国办发〔2022〕11号）›要求。 => 国务院关于印发《“十四五”国民健康规划》的通知 | 国办发〔2022〕11号
# a title wrapped on a page: the line break is no part of the title
根据‹《国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的\\n通知》（国发〔2021〕35号）›要求。 => 国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的通知 | 国发〔2021〕35号
# the abbreviation a citation defines, and later uses of it, are that citation (one document)
为贯彻落实‹《“十四五”全民医疗保障规划》（国办发〔2021〕36号，以下简称《规划》）›，推动《规划》落地见效。 => “十四五”全民医疗保障规划 | 国办发〔2021〕36号
‹《国务院关于深化“证照分离”改革的通知》（国发〔2021〕7号）›（以下简称《通知》）要求，各地要落实《通知》部署。 => 国务院关于深化“证照分离”改革的通知 | 国发〔2021〕7号
# a law without 《》 followed by the words of the sentence
依据‹中华人民共和国道路交通安全法›第三十九条的规定。                   => 中华人民共和国道路交通安全法 | -
依据‹中华人民共和国安全生产法›和有关规定，制定本预案。                 => 中华人民共和国安全生产法 | -
依据‹中华人民共和国土地管理法实施条例›，制定本办法。                   => 中华人民共和国土地管理法实施条例 | -
按照‹尖扎县政府办〔2024〕15号›要求执行。                               => - | 尖扎县政府办〔2024〕15号
依据‹《意见》（国发〔2019〕13号）›要求，制定本方案。                     => 意见 | 国发〔2019〕13号
# not citations
应对2023年第5号台风造成的灾害，做好转移安置。                          => (none)
中华人民共和国公民应当遵守宪法和法律。                                  => (none)
《人民日报》、新华社等媒体对我省经验进行了报道。                       => (none)
请按照附件2《重点任务台账》填报进展情况。                               => (none)
各地认真贯彻《意见》要求，取得明显成效。                                 => (none)
责令第三方机构限期整改。                                              => (none)
申请人应当提交《医疗机构执业许可证》副本和《出生医学证明》。           => (none)
建立《居民健康档案登记表》，定期更新。                                 => (none)
到2020年，覆盖率达到78%以上。                                        => (none)
2021年底前出台新版价格规范。                                         => (none)
"""


def _cases():
    out = []
    for no, line in enumerate(TABLE.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        left, right = (x.strip() for x in line.split("=>"))
        out.append(pytest.param(left, right, id=f"L{no}:{left[:12]}"))
    return out


@pytest.mark.parametrize("marked,expected", _cases())
def test_citation_rule_table(marked: str, expected: str) -> None:
    marked = marked.replace("\\n", "\n")  # (a line break written \n in the table)
    text = marked.replace("‹", "").replace("›", "")
    pf = policyparse.parse_text(text)
    cites = [c for d in pf.documents for c in d.citations]
    for c in cites:
        assert pf.text[c.span.start : c.span.end] == c.raw
    if expected == "(none)":
        assert cites == []
        return
    a = marked.index("‹")
    b = marked.index("›") - 1
    assert len(cites) == 1, [c.raw for c in cites]
    c = cites[0]
    # the span maps back to exactly the marked text of the input
    assert text[c.span.source_start : c.span.source_end] == text[a:b]
    title, key = (x.strip() for x in expected.split("|"))
    assert c.title == (None if title == "-" else title)
    assert (c.doc_number.key if c.doc_number else None) == (None if key == "-" else key)
    if c.doc_number:
        assert c.doc_number.agency_code and c.doc_number.serial
        assert c.doc_number.year or c.doc_number.agency_code.endswith("令")  # order numbers have no year


@pytest.mark.parametrize(
    "raw,key",
    [
        ("国发〔2016〕78号", "国发〔2016〕78号"),
        ("国发[2016]78号", "国发〔2016〕78号"),
        ("国发 ( 2016 ) 78 号", "国发〔2016〕78号"),
        ("桂政办发【2021】96号", "桂政办发〔2021〕96号"),
        ("国办发2021年20号", "国办发〔2021〕20号"),
        ("国发﹝2016﹞第78号", "国发〔2016〕78号"),
    ],
)
def test_docnum_key(raw: str, key: str) -> None:
    p = parse_doc_number(raw)
    assert p is not None and p.key == key


def test_order_number_and_year_number_side_by_side() -> None:
    text = "依据国务院令第699号和国发〔2016〕78号执行"
    found = [(text[a:b], p.key, p.year) for a, b, p in find_doc_numbers(text)]
    assert found == [("国务院令第699号", "国务院令第699号", None), ("国发〔2016〕78号", "国发〔2016〕78号", 2016)]


def test_find_doc_numbers_trims_lead_in() -> None:
    text = "根据国发〔2016〕78号和国办发〔2021〕20号文件"
    found = [(text[a:b], p.key) for a, b, p in find_doc_numbers(text)]
    assert found == [("国发〔2016〕78号", "国发〔2016〕78号"), ("国办发〔2021〕20号", "国办发〔2021〕20号")]


def test_own_number_is_never_a_citation() -> None:
    text = (
        "某省人民政府关于加强管理的通知\n"
        "某政发〔2021〕5号\n"
        "各市人民政府：\n"
        "根据《国务院关于X的意见》（国发〔2020〕1号），现通知如下。本通知（某政发〔2021〕5号）自印发之日起施行。\n"
    )
    doc = policyparse.parse_text(text).documents[0]
    assert doc.doc_number is not None and doc.doc_number.key == "某政发〔2021〕5号"
    assert [c.doc_number.key for c in doc.citations if c.doc_number] == ["国发〔2020〕1号"]


def test_a_number_on_another_line_is_not_its_titles() -> None:
    """A number bare after a title, or before one, joins it on the same line only."""
    text = (
        "某市卫生健康委关于做好工作的通知\n"
        "国发〔2016〕77号《国务院关于印发“十三五”卫生与健康规划的通知》\n"
        "国办发〔2017〕3号《国务院办公厅关于印发中国防治慢性病中长期规划的通知》\n"
        "要认真学习《国务院关于实施健康中国行动的意见》\n国办发〔2019〕32号文件要求。\n"
    )
    doc = policyparse.parse_text(text).documents[0]
    assert [(c.title, c.doc_number.raw if c.doc_number else None) for c in doc.citations] == [
        ("国务院关于印发“十三五”卫生与健康规划的通知", "国发〔2016〕77号"),
        ("国务院办公厅关于印发中国防治慢性病中长期规划的通知", "国办发〔2017〕3号"),
        ("国务院关于实施健康中国行动的意见", None),
        (None, "国办发〔2019〕32号"),
    ]


def test_the_draft_a_notice_solicits_comments_on_is_no_citation() -> None:
    """关于公开征求《X（征求意见稿）》意见的通知: X is the notice's own subject (as the plan a
    关于印发《X》的通知 issues), not another document; a document it names is."""
    text = (
        "某省卫生健康委员会关于公开征求《某省互联网诊疗管理办法（征求意见稿）》意见的通知\n"
        "为规范互联网诊疗，我委起草了《某省互联网诊疗管理办法（征求意见稿）》，现公开征求意见。\n"
        "本办法依据《中华人民共和国医师法》制定。\n"
    )
    doc = policyparse.parse_text(text).documents[0]
    assert [c.title for c in doc.citations] == ["中华人民共和国医师法"]


# ------------------------------------------------------------------ corpus


@pytest.fixture(scope="module")
def corpus():
    return {p.name[:3]: policyparse.parse_file(p) for p in sorted(CORPUS.glob("*.txt"))}


def _keys(pf) -> list[str]:
    return [c.doc_number.key for d in pf.documents for c in d.citations if c.doc_number]


def test_ningxia_and_liaoning_share_the_78_key(corpus) -> None:
    assert "国发〔2016〕78号" in _keys(corpus["000"])
    assert "国发〔2016〕78号" in _keys(corpus["002"])


def test_corpus_citation_spans_and_parts(corpus) -> None:
    for pf in corpus.values():
        for d in pf.documents:
            for c in d.citations:
                assert pf.text[c.span.start : c.span.end] == c.raw
                assert c.title or c.doc_number
                if c.doc_number:
                    n = c.doc_number
                    assert n.agency_code and n.year and n.serial and n.key == f"{n.agency_code}〔{n.year}〕{n.serial}号"


def test_corpus_citations_known(corpus) -> None:
    # every 发文字号 in the corpus (read by hand), as citations of the right file
    assert _keys(corpus["000"]) == [
        "国发〔2016〕78号", "宁党发〔2016〕52号", "厅字〔2016〕36号", "宁政办发〔2016〕220号",
        "宁卫计法规〔2014〕329号", "宁卫计发〔2014〕424号", "宁卫计办发〔2016〕232号", "宁卫计办发〔2016〕382号",
    ]  # fmt: skip
    assert _keys(corpus["001"]) == ["宁医改发〔2020〕3号", "宁卫办发〔2019〕119号", "宁政办发〔2015〕130号"]
    assert _keys(corpus["002"]) == ["国发〔2016〕78号", "辽政办发〔2015〕107号", "辽政发〔2016〕91号"]
    assert _keys(corpus["004"]) == ["国办发〔2021〕20号"]
    # the 辽宁 text lost its 《》: titles are recovered from the 关于…的通知 before each number
    liaoning = corpus["002"].documents[0].citations
    assert [c.title for c in liaoning if c.doc_number][0].startswith("国务院关于印发")
    assert "中华人民共和国中医药法" in [c.title for c in liaoning]
    # regulation-style citations, no number
    titles = [c.title for c in corpus["003"].documents[0].citations]
    assert "中华人民共和国基本医疗卫生与健康促进法" in titles and "医师法" in titles
    # the notice's own plan (固原) is not a citation of itself
    assert all("固原市全面开展县（区）域综合医改实施方案" != c.title for c in corpus["001"].documents[0].citations)


def test_graph_edges_over_corpus(corpus) -> None:
    edges = citation_edges(corpus.values())
    assert len(edges) == sum(len(d.citations) for pf in corpus.values() for d in pf.documents)
    assert all(set(e) == set(EDGE_COLUMNS) for e in edges)
    e78 = [e for e in edges if e["cited_key"] == "国发〔2016〕78号"]
    assert {Path(e["source_file"]).name[:3] for e in e78} == {"000", "002"}
    assert all(e["target"] == "external" for e in e78)  # the national plan is not in the corpus


def test_graph_resolves_by_number_and_title(corpus) -> None:
    national = policyparse.parse_text(
        "国务院关于印发“十三五”深化医药卫生体制改革规划的通知\n国发〔2016〕78号\n各省、自治区、直辖市人民政府：\n"
        "现将《“十三五”深化医药卫生体制改革规划》印发给你们，请认真贯彻执行。\n"
    )
    national.source.path = "national.txt"
    plain = policyparse.parse_text("根据《国务院关于印发“十三五”深化医药卫生体制改革规划的通知》精神，制定本方案。\n")
    plain.source.path = "plain.txt"
    edges = citation_edges([national, corpus["000"], corpus["002"], plain])
    e78 = [e for e in edges if e["cited_key"] == "国发〔2016〕78号"]
    assert len(e78) == 2 and all(e["target"] == "national.txt#0" and e["resolved_by"] == "doc_number" for e in e78)
    by_title = [e for e in edges if e["source_file"] == "plain.txt"]
    assert by_title and by_title[0]["target"] == "national.txt#0" and by_title[0]["resolved_by"] == "title"


def test_cli_citations(capsys) -> None:
    assert main(["citations", str(NINGXIA), str(LIAONING), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["cited_key"] for r in rows} >= {"国发〔2016〕78号"}
    assert list(rows[0]) == list(EDGE_COLUMNS)
    assert main(["citations", str(GUANGXI), "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["cited_key"] == "国办发〔2021〕20号" and lines[0]["target"] == "external"


#: pieces of titles: brackets (nested, unbalanced, the 〈〉 of a nested title), a line break, a law
_TITLE_PIECES = ["《", "》", "〈", "〉", "关于", "通知", "\n", "中华人民共和国", "药品管理", "法", "，"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=16), st.integers(0, 3), st.integers(0, 3))
def test_finditer_from_is_finditer(pieces: list[str], cut_start: int, cut_end: int) -> None:
    """_finditer_from (str.find, then a match there) finds what the pattern's own finditer
    finds, for the patterns extract_citations reads with it (《title》 and laws)."""
    from policyparse.extract.citations import _TITLE, _finditer_from, law_pattern

    _LAW = law_pattern()

    text = "".join(pieces)
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    for rx, literal in ((_TITLE, "《"), (_LAW, "中华人民共和国")):
        fast = [m.span() for m in _finditer_from(rx, literal, text, start, end)]
        assert fast == [m.span() for m in rx.finditer(text, start, end)]
