"""Read stage, HTML pages saved from government sites."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import GX, GY, blocks, comparable, corpus_text, hard_timeout, html_page  # noqa: E402

from policyparse.errors import CorruptInput, EmptyInput  # noqa: E402
from policyparse.read import read_bytes, read_file  # noqa: E402

INFO = {
    "索引号": "000014349/2021-00123",
    "主题分类": "卫生、体育\\医药管理",
    "发文机关": "广西壮族自治区人民政府办公厅",
    "成文日期": "2021年09月16日",
    "标题": "广西壮族自治区人民政府办公厅关于印发广西深化医药卫生体制改革2021年重点工作任务的通知",
    "发文字号": "桂政办发〔2021〕96号",
    "发布日期": "2021年09月23日",
}
TITLE = INFO["标题"]
JUNK = [
    "首页",
    "政务公开",
    "当前位置",
    "分享到",
    "微信",
    "不应出现的脚本文字",
    "脚本",
    "相关文件",
    "版权所有",
    "字号",
    "我要纠错",
    "2020年重点工作任务的通知",
    "document.write",
    "text-indent",
]


@pytest.mark.parametrize(
    "corpus,title",
    [(GX, TITLE), (GY, "固原市深化医药卫生体制改革工作领导小组文件")],
    ids=["guangxi", "guyuan-with-table"],
)
@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_gov_page_body_equals_the_plain_text(tmp_path, corpus, title, charset):
    text = corpus_text(corpus)
    path = tmp_path / "page.html"
    path.write_bytes(html_page(text, title=title, info=dict(INFO, 标题=title), charset=charset))
    result = read_file(path)
    assert result.format == "html"
    assert result.encoding == ("gb18030" if charset == "gbk" else "utf-8")
    assert comparable(result.text) == comparable(text)
    for junk in JUNK:
        assert junk not in result.text, junk


def test_info_table_goes_to_metadata_not_text():
    text = corpus_text(GX)
    result = read_bytes(html_page(text, title=TITLE, info=INFO), name="page.htm")
    for label, value in INFO.items():
        assert result.metadata[label] == value
        if label not in ("标题", "发文字号", "发文机关"):  # those also occur in the document itself
            assert value not in result.text
    assert "索引号" not in result.text and "主题分类" not in result.text
    assert result.metadata["ArticleTitle"] == TITLE
    assert result.metadata["PubDate"] == "2021-09-23 16:30"
    assert result.metadata["ContentSource"] == "广西壮族自治区人民政府办公厅"
    assert result.metadata["title"].startswith(TITLE)


def test_task_table_rows_are_tab_joined_lines():
    text = corpus_text(GY)
    result = read_bytes(
        html_page(text, title="固原市深化医药卫生体制改革工作领导小组文件"), name="p.html"
    )
    lines = result.text.splitlines()
    assert "序号\t工作任务\t牵头部门\t完成时限" in lines
    assert "1\t制定《固原市全面开展县（区）域综合医改实施方案》\t市医改办\t2020年11月底前" in lines


def test_sniffed_without_html_name_and_title_prepended_when_body_lacks_it():
    page = """<html><head><meta charset="utf-8"><title>通知</title></head><body>
    <div id="nav"><a>首页</a><a>政策</a></div>
    <h1>关于做好2021年医改工作的通知</h1>
    <div class="TRS_Editor"><p>各市、县人民政府：</p><p>　　一、总体要求<br>（一）加强领导。<br/>（二）压实责任。</p>
    <div style="display:none">隐藏文字</div></div></body></html>"""
    result = read_bytes(page.encode("utf-8"), name="notice.txt")
    assert result.format == "html"
    assert result.text.splitlines() == [
        "关于做好2021年医改工作的通知",
        "各市、县人民政府：",
        "　　一、总体要求",
        "（一）加强领导。",
        "（二）压实责任。",
    ]


def test_without_content_class_the_block_with_most_chinese_text_wins():
    para = "为深入贯彻落实党中央、国务院关于深化医药卫生体制改革的决策部署，推广三明市医改经验。"
    page = f"""<!DOCTYPE html><html><body>
    <div><ul><li><a>首页</a></li><li><a>机构概况</a></li><li><a>政务公开</a></li></ul></div>
    <div><div><p>{para}</p><p>（一）{para}</p><p>（二）{para}</p></div></div>
    <div><p>联系我们 网站地图</p></div></body></html>"""
    result = read_bytes(page.encode("utf-8"))
    assert result.text.splitlines() == [para, "（一）" + para, "（二）" + para]


def test_source_line_breaks_inside_chinese_paragraphs_are_not_spaces():
    page = "<html><body><div class='content'><p>深化医药\n    卫生体制改革 2021 年</p></div></body></html>"
    assert read_bytes(page.encode()).text == "深化医药卫生体制改革 2021 年"


def test_xml_declaration_and_entities_in_xhtml_are_safe():
    page = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="content"><p>正文&x;内容&amp;&nbsp;结束</p></div></body></html>"""
    with hard_timeout(10):
        result = read_bytes(page.encode("utf-8"), name="a.xhtml")
    assert "root:" not in result.text
    assert result.text.startswith("正文")


def test_tag_soup_nested_hundreds_deep_keeps_its_text():
    depth = 1000  # unclosed <font> tags nest this deep in old pages; libxml2's default stops at 256
    page = (
        "<html><body><div class='content'>"
        + "<font>" * depth
        + "<p>正文内容</p>"
        + "</div><p>后文</p></body></html>"
    )
    with hard_timeout(30):
        result = read_bytes(page.encode(), name="soup.html")
    assert "正文内容" in result.text


def test_absurdly_deep_page_is_refused_not_a_recursion_error():
    depth = 100_000
    page = (
        "<html><body>" + "<div>" * depth + "<p>正文内容</p>" + "</div>" * depth + "</body></html>"
    )
    with hard_timeout(30), pytest.raises(CorruptInput, match="deeper than"):
        read_bytes(page.encode(), name="deep.html")


def test_empty_page_is_empty_input():
    with pytest.raises(EmptyInput):
        read_bytes(b"<html><body><script>var a=1;</script></body></html>", name="e.html")


def test_oversized_page_is_refused():
    from policyparse.readers import html as html_reader

    data = b"<html><body>" + b"x" * 64 + b"</body></html>"
    old = html_reader.MAX_HTML_BYTES
    html_reader.MAX_HTML_BYTES = 32
    try:
        with pytest.raises(CorruptInput):
            read_bytes(data, name="big.html")
    finally:
        html_reader.MAX_HTML_BYTES = old


PROVINCIAL = """<html><head><meta charset="gb2312"><title>关于印发某某方案的通知_宁夏回族自治区人民政府门户网站</title></head>
<body><table width="1000" align="center"><tr><td><img src="logo.png" alt="logo"></td></tr><tr><td>
<table width="100%"><tr><td class="dqwz">当前位置：首页 &gt; 政务公开</td></tr></table>
<div class="xxgk_top"><ul>
<li><span>索 引 号：</span>11640000/2020-00456</li><li><span>主题分类：</span>卫生</li>
<li><span>发布机构：</span>宁夏回族自治区人民政府办公厅</li><li><span>成文日期：</span>2020年3月5日</li>
<li><span>文　　号：</span>宁政办发〔2020〕12号</li><li><span>发布日期：</span>2020年3月9日</li></ul></div>
<table><tr><td align="center"><font size="5"><b>宁夏回族自治区人民政府办公厅关于印发某某方案的通知</b></font></td></tr>
<tr><td><div id="zoom"><font size=3><p>各市、县（区）人民政府：<p>　　现将《某某方案》印发给你们，请认真贯彻执行。
<p align=right>宁夏回族自治区人民政府办公厅<br>2020年3月5日</p>
<p>一、总体要求<p>（一）指导思想。坚持以人民为中心。</font></div></td></tr></table>
</td></tr><tr><td class="foot">版权所有：宁夏回族自治区人民政府办公厅 宁ICP备</td></tr></table></body></html>"""


def test_provincial_page_with_layout_tables_list_info_block_and_bold_headline():
    result = read_bytes(PROVINCIAL.encode("gb18030"), name="a.htm")
    assert result.encoding == "gb18030"  # declared gb2312, read as its superset
    assert result.text.splitlines() == [
        "宁政办发〔2020〕12号",  # the body lacks it: the info block's 文号, above the headline
        "宁夏回族自治区人民政府办公厅关于印发某某方案的通知",
        "各市、县（区）人民政府：",
        "　　现将《某某方案》印发给你们，请认真贯彻执行。",
        "宁夏回族自治区人民政府办公厅",
        "2020年3月5日",
        "一、总体要求",
        "（一）指导思想。坚持以人民为中心。",
    ]
    assert result.metadata["索引号"] == "11640000/2020-00456"
    assert result.metadata["发文字号"] == "宁政办发〔2020〕12号"  # from 文号
    assert result.metadata["发文机关"] == "宁夏回族自治区人民政府办公厅"  # from 发布机构
    assert result.metadata["成文日期"] == "2020年3月5日"


# ---------------------------------------------------------------- real-page shapes


def _flat(sections):
    for s in sections:
        yield s
        yield from _flat(s.children)


def _shape(parsed):
    """What a user checks: per document title, number, date, heading paths, assignment
    leads/supports/deadlines by path, and targets' value/unit by path."""
    return [
        {
            "title": d.title,
            "doc_number": d.doc_number.raw if d.doc_number else None,
            "date": d.date,
            "paths": [tuple(s.path) for s in _flat(d.sections)],
            "assignments": [
                (
                    tuple(a.path),
                    [x.name for x in a.lead],
                    [x.name for x in a.support],
                    a.deadline,
                )
                for a in d.assignments
            ],
            "targets": [(tuple(t.path), t.indicator, t.value, t.unit) for t in d.targets],
        }
        for d in parsed.documents
    ]


def _merged_rows_table(rows: list[list[str]], first_merged_col: int = 2) -> str:
    """An HTML table as sites publish it: equal cells below each other in the responsibility
    and deadline columns merged with rowspan, the header in <th>."""
    html_rows = []
    covered: set[tuple[int, int]] = set()
    for i, row in enumerate(rows):
        cells = []
        for j, cell in enumerate(row):
            if (i, j) in covered:
                continue
            span = 1
            while i > 0 and j >= first_merged_col and i + span < len(rows) and rows[i + span][j] == cell:
                covered.add((i + span, j))
                span += 1
            tag = "th" if i == 0 else "td"
            rowspan = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f'<{tag}{rowspan} style="border:1px solid"><p align="center">{cell}</p></{tag}>')
        html_rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0" width="600"><tbody>' + "".join(html_rows) + "</tbody></table>"


def test_rowspan_cells_are_repeated_so_each_task_row_keeps_its_lead_and_deadline(tmp_path):
    from policyparse import parse_file

    text = corpus_text(GY)
    body = [_merged_rows_table(item) if kind == "table" else f"<p>{item}</p>" for kind, item in blocks(text)]
    page = (
        '<html><head><meta charset="utf-8"><title>固原市深化医药卫生体制改革工作领导小组文件</title></head>'
        '<body><div class="pages_content">' + "\n".join(body) + "</div></body></html>"
    )
    assert 'rowspan="6"' in page  # 市医保局 leads tasks 10–15
    path = tmp_path / "guyuan.html"
    path.write_text(page, encoding="utf-8")
    got, expected = parse_file(path), parse_file(GY)
    assert _shape(got) == _shape(expected)
    rows = {a.path[-1]: a for a in got.documents[-1].assignments if a.path[0] == "附件"}
    assert [x.name for x in rows["12"].lead] == ["市医保局"] and rows["12"].deadline == "2021-03"
    assert [x.name for x in rows["15"].lead] == ["市医保局"] and rows["15"].deadline == "2021-06"


TWO_ROW_HEADER = """<html><head><meta charset="utf-8"></head><body><div class="TRS_Editor">
<p>附件</p>
<table border="1">
<tr><td colspan="5" align="center"><b>2021年重点工作任务分工表</b></td></tr>
<tr><td rowspan="2"><b>序号</b></td><td rowspan="2"><b>重点任务</b></td>
<td colspan="2"><b>责任单位</b></td><td rowspan="2"><b>完成时限</b></td></tr>
<tr><td><b>牵头单位</b></td><td><b>配合单位</b></td></tr>
<tr><td>1</td><td>推进药品耗材集中采购</td><td rowspan="2">自治区医保局</td><td>卫生健康委</td>
<td rowspan="3">2021年底前</td></tr>
<tr><td>2</td><td>深化医疗服务价格改革</td><td>&nbsp;</td></tr>
<tr><td>3</td><td>推动公立医院高质量发展</td><td>自治区卫生健康委</td><td>财政厅、人力资源社会保障厅</td></tr>
</table></div></body></html>"""


def test_two_row_header_and_caption_row_of_a_task_table():
    from policyparse import parse_text

    result = read_bytes(TWO_ROW_HEADER.encode(), name="t.html")
    assert result.text.splitlines() == [
        "附件",
        "2021年重点工作任务分工表",  # the caption row merged across the table: no empty cells
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限",  # 责任单位 over 牵头单位 | 配合单位
        "1\t推进药品耗材集中采购\t自治区医保局\t卫生健康委\t2021年底前",
        "2\t深化医疗服务价格改革\t自治区医保局\t\t2021年底前",
        "3\t推动公立医院高质量发展\t自治区卫生健康委\t财政厅、人力资源社会保障厅\t2021年底前",
    ]
    rows = parse_text(result.text).documents[0].assignments
    assert [([x.name for x in a.lead], a.deadline) for a in rows] == [
        (["自治区医保局"], "2021-12"),
        (["自治区医保局"], "2021-12"),
        (["自治区卫生健康委"], "2021-12"),
    ]


def test_hostile_spans_stay_bounded():
    rows = '<tr><td rowspan="65534" colspan="1000">牵头单位</td><td>x</td></tr>' + (
        '<tr><td colspan="1000">一</td><td>二</td></tr>' * 5000
    )
    page = f"<html><body><div class='content'><table>{rows}</table></div></body></html>".encode()
    with hard_timeout(20):
        result = read_bytes(page, name="spans.html")
    assert len(result.text) < 2 * len(page)


def _govcn_paragraphs(text: str, style: str) -> str:
    """Body paragraphs the ways gov.cn / provincial editors write them."""
    import html as h
    import re

    out = []
    for line in text.splitlines():
        t = h.escape(line.strip())
        if not t:
            out.append("<p>&nbsp;</p>")
        elif style == "strong-headings" and re.match(r"[一二三四五六七八九十]+、", line.strip()):
            out.append(f'<p style="text-indent: 2em;"><strong>{t}</strong></p>')
        elif style == "strong-headings" and (m := re.match(r"（[一二三四五六七八九十]+）[^。]*。", t)):
            out.append(f'<p style="text-indent: 2em;"><strong>{m.group()}</strong>{t[m.end():]}</p>')
        elif style == "nbsp-indent":
            out.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{t}</p>")
        elif style == "br-lines":
            out.append(f"　　{t}<br>")
        else:  # Word "save as web page": span soup, mso styles, source lines wrapped mid-text
            # one run per script (digits in lang=EN-US spans), long runs cut, a line break
            # between runs: 2021⏎年, 推进⏎“十四五”
            runs = re.findall(r"[\x21-\x7e]+|[^\x21-\x7e]{1,29}", t)
            spans = "\r\n".join(
                f"<span lang=EN-US style='font-size:16.0pt'>{r}</span>"
                if r.isascii()
                else f"<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\r\n"
                f"宋体'>{r}</span>"
                for r in runs
            )
            out.append(
                "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
                f"{spans}<span lang=EN-US><o:p></o:p></span></p>"
            )
    return "\n".join(out)


def _govcn_page(body: str, *, charset: str = "utf-8") -> bytes:
    """A gov.cn 政策 page: info table (labels spaced with spans), the body in td.b12c#UCAP-CONTENT,
    print/close links, related links and the 网站标识码 / ICP footer; no <h1>."""
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta name="ArticleTitle" content="{TITLE}"/><meta name="PubDate" content="2021-09-23 16:30"/>
<meta name="ContentSource" content="广西壮族自治区人民政府门户网站"/>
<title>{TITLE}_其他_广西壮族自治区人民政府门户网站</title></head><body>
<div class="header"><a href="/">首页</a> | <a>简</a> | <a>繁</a> | <a>EN</a> | <a>登录</a></div>
<div class="crumbs"><a href="/">首页</a> &gt; <a>政策</a> &gt; <a>政府文件</a></div>
<div class="wrap">
<table class="bd1" width="100%" cellpadding="0" cellspacing="1" border="0"><tbody>
<tr><td width="79"><b>索<span style="padding-left:2em"></span>引<span style="padding-left:2em"></span>号：</b></td>
<td width="235">000014349/2021-00123</td><td width="87"><b>主题分类：</b></td><td>卫生、体育\\医药管理</td></tr>
<tr><td><b>发文机关：</b></td><td>广西壮族自治区人民政府办公厅</td><td><b>成文日期：</b></td><td>2021年09月16日</td></tr>
<tr><td><b>标<span style="padding-left:2em"></span>题：</b></td><td colspan="3">{TITLE}</td></tr>
<tr><td><b>发文字号：</b></td><td>桂政办发〔2021〕96号</td><td><b>发布日期：</b></td><td>2021年09月23日</td></tr>
</tbody></table>
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tbody><tr>
<td class="b12c" id="UCAP-CONTENT" style="padding:10px">
{body}
</td></tr></tbody></table>
<div class="pages_print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="xgxx"><h3>相关链接</h3><ul><li><a href="/x">国务院办公厅关于印发深化医药卫生体制改革2021年重点工作任务的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：广西壮族自治区人民政府办公厅</p>
<p>网站标识码4500000047　桂ICP备05001239号　桂公网安备45010302000071号</p></div>
</body></html>"""
    return page.encode("gb18030" if charset != "utf-8" else "utf-8")


@pytest.mark.parametrize("style", ["strong-headings", "nbsp-indent", "br-lines", "word-export"])
def test_govcn_page_whose_number_and_title_stand_only_in_the_info_table(tmp_path, style):
    """The body starts at the recipients: the title comes from 标题, the number from 发文字号,
    and the documents, sections, assignments and targets are those of the plain text."""
    from policyparse import parse_file

    text = corpus_text(GX)
    lines = text.splitlines()
    assert lines[3].strip() == "（桂政办发〔2021〕96号）"
    body = "\n".join(lines[4:])  # as published on the portal: no title lines, no number line
    path = tmp_path / "content_5639967.htm"
    path.write_bytes(_govcn_page(_govcn_paragraphs(body, style), charset="gb2312"))
    result = read_file(path)
    assert result.metadata["发文字号"] == "桂政办发〔2021〕96号"
    assert result.metadata["成文日期"] == "2021年09月16日"
    for junk in ("网站标识码", "ICP备", "打印本页", "关闭窗口", "相关链接", "首页"):
        assert junk not in result.text, junk
    got, expected = parse_file(path), parse_file(GX)
    doc = got.documents[0]
    assert doc.title == TITLE
    assert doc.doc_number.raw == "桂政办发〔2021〕96号"
    assert doc.date == "2021-09-16"
    assert _shape(got) == _shape(expected)


def test_info_table_number_is_not_added_when_the_body_has_one():
    body = "<p>桂政办发[2021]96号</p><p>各市、县人民政府：</p><p>现印发给你们。</p>"
    result = read_bytes(_govcn_page(body), name="a.htm")
    assert result.text.splitlines()[:2] == [TITLE, "桂政办发[2021]96号"]
    assert "〔2021〕96号" not in result.text


ARTICLE_PAGE = """<html><head><meta charset="utf-8"><title>关于做好医改工作的通知-广西卫健委</title></head><body>
<div class="nav"><a>首页</a></div>
<div class="article">
<div class="article-title">关于做好2021年医改重点工作的通知</div>
<div class="article-info"><span>发布时间：2021-09-23 16:30</span><span>来源：自治区卫生健康委</span>
<span>浏览次数：<em id="hits">1234</em></span></div>
<div class="article-content"><div class="TRS_Editor">
<p>各市卫生健康委：</p><p>　　现将有关事项通知如下。</p><p>　　<strong>一、总体要求</strong></p>
<p>　　（一）到2025年，县域内就诊率达到90%以上。（市卫生健康委牵头）</p>
<p>　　　　　　　　　　　　　　自治区卫生健康委</p><p>　　　　　　　　　　　　　　2021年9月16日</p>
</div></div></div>
<div class="footer">网站标识码4500000047 桂ICP备05001239号</div></body></html>"""


def test_headline_from_an_article_title_block_not_the_abbreviated_page_title():
    """<title> is an abbreviation with a site suffix joined by a bare hyphen; the headline
    stands in div.article-title; the 发布时间/来源/浏览次数 line is metadata."""
    from policyparse import parse_text

    result = read_bytes(ARTICLE_PAGE.encode(), name="a.html")
    lines = result.text.splitlines()
    assert lines[0] == "关于做好2021年医改重点工作的通知"
    assert "广西卫健委" not in result.text and "浏览次数" not in result.text
    assert result.metadata["发布日期"] == "2021-09-23 16:30"
    assert result.metadata["来源"] == "自治区卫生健康委"
    doc = parse_text(result.text).documents[0]
    assert doc.title == "关于做好2021年医改重点工作的通知"
    assert doc.date == "2021-09-16"
    assert [(t.value, t.unit) for t in doc.targets] == [(90.0, "%")]


def test_a_control_character_after_a_removed_element_is_dropped_not_a_crash():
    """lxml keeps a control character it parsed in a text node but refuses it when the text is
    set again (moving a removed <script>'s tail): a ValueError escaped the reader."""
    body = "<p>" + "关于印发某某实施方案的通知。" * 30 + "</p>"
    for page in (
        f"<html><body>{body}<script>x</script>\x01尾巴</body></html>",
        f"<html><body><div>{body}<script>x</script>\x0b尾巴</div></body></html>",
        f"<html><body><div class='share'>分享</div>\x01{body}</body></html>",
    ):
        text = read_bytes(page.encode("utf-8"), name="a.html").text
        assert "尾巴" in text or "关于印发" in text
        assert "\x01" not in text and "\x0b" not in text


def test_a_utf16_declaration_on_ascii_compatible_bytes_means_utf8():
    """A <meta charset="utf-16"> that could be read at all stands in ASCII-compatible bytes:
    browsers take it as UTF-8 (the HTML standard's prescan); it was decoded as UTF-16 into
    mojibake."""
    page = '<html><head><meta charset="utf-16"></head><body><p>关于印发方案的通知</p></body></html>'
    result = read_bytes(page.encode("utf-8"), name="a.html")
    assert result.text == "关于印发方案的通知" and result.encoding == "utf-8"


@given(st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7F),
    st.characters(min_codepoint=0x3300, max_codepoint=0x3500),
    st.characters(min_codepoint=0x9F00, max_codepoint=0xA100),
    st.characters(min_codepoint=0xF800, max_codepoint=0xFC00),
    st.characters(min_codepoint=0x1F600, max_codepoint=0x20010),
    st.sampled_from(["\u3000", "\uff0c", "\ud800", "\udfff"]),
), max_size=60))
def test_the_ideograph_count_is_the_patterns(text):
    """The page's ideographs are counted from the high bytes of its UTF-16 code units (a regex
    scan cost ~150 instructions a character, and a page's text is counted several times):
    the same count as the runs of _CJK_RUN, lone surrogates and characters beyond the BMP
    (not counted) included."""
    from policyparse.readers import html

    assert html._cjk(text) == sum(map(len, html._CJK_RUN.findall(text)))


def test_a_widely_spaced_label_without_colon_is_still_a_label():
    """A label cell spaced out wider than a paragraph gate would allow (发&nbsp;×10布…) is still
    read: the gate that spares long text the compacting counts ideographs, not characters."""
    gap = "&nbsp;" * 10
    page = (
        "<html><body><table><tr><td>发" + gap + "布" + gap + "日" + gap + "期</td><td>2021-05-06</td></tr>"
        "<tr><td>标" + gap + "题</td><td>某某方案</td></tr></table>"
        '<div class="article"><p>' + "正文内容。" * 20 + "</p></div></body></html>"
    )
    r = read_bytes(page.encode("utf-8"), name="x.html")
    assert r.metadata["发布日期"] == "2021-05-06"
    assert r.metadata["标题"] == "某某方案"
