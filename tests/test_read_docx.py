"""Read stage, DOCX: paragraphs, Word list numbering as visible markers, tables as rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import (  # noqa: E402
    GX,
    GY,
    blocks,
    comparable,
    corpus_text,
    docx_from_body,
    docx_from_text,
    w_p,
    w_tbl,
)

from policyparse.errors import CorruptInput, EmptyInput  # noqa: E402
from policyparse.read import read_bytes, read_file  # noqa: E402
from policyparse.readers.numfmt import format_number  # noqa: E402


@pytest.mark.parametrize("corpus", [GX, GY], ids=["guangxi", "guyuan-with-table"])
def test_docx_text_equals_the_plain_text(tmp_path, corpus):
    text = corpus_text(corpus)
    path = tmp_path / "doc.docx"
    path.write_bytes(docx_from_text(text, title="测试标题"))
    result = read_file(path)
    assert result.format == "docx"
    assert result.encoding is None
    assert comparable(result.text) == comparable(text)
    assert "脚注文字不应出现" not in result.text  # footnotes are skipped
    assert "删除的文字" not in result.text  # deleted revisions are skipped
    assert result.metadata["title"] == "测试标题"


def test_chinese_counting_numbering_is_made_visible():
    body = "".join(
        [
            w_p("加强“三医联动”", num=(1, 0)),
            w_p("完善医改工作推进机制。", num=(1, 1)),
            w_p("推进药品耗材集中采购。", num=(1, 1)),
            w_p("建立任务台账。", num=(1, 2)),
            w_p("及时通报进展。", num=(1, 2)),
            w_p("优化资源配置", num=(1, 0)),
            w_p("推动优质医疗资源扩容。", num=(1, 1)),
            w_p("不编号的段落。"),
            w_p("强化支撑保障", num=(1, 0)),
        ]
    )
    result = read_bytes(docx_from_body(body), name="n.docx")
    assert result.text.splitlines() == [
        "一、加强“三医联动”",
        "（一）完善医改工作推进机制。",
        "（二）推进药品耗材集中采购。",
        "1.建立任务台账。",
        "2.及时通报进展。",
        "二、优化资源配置",
        "（一）推动优质医疗资源扩容。",  # level 2 restarts under a new level 1
        "不编号的段落。",
        "三、强化支撑保障",
    ]


def test_regulation_articles_space_suffix_and_start_override():
    body = "".join(
        [w_p(f"条文内容{i}。", num=(2, 0)) for i in range(1, 13)]
        + [w_p("新列表", num=(4, 0)), w_p("继续", num=(4, 0))]
        + [w_p("数字", num=(3, 0)) for _ in range(11)]
    )
    lines = read_bytes(docx_from_body(body), name="r.docx").text.splitlines()
    assert lines[0] == "第一条 条文内容1。"
    assert lines[9] == "第十条 条文内容10。"
    assert lines[11] == "第十二条 条文内容12。"
    assert lines[12:14] == [
        "一、新列表",
        "二、继续",
    ]  # numId 4 restarts abstractNum 0 via startOverride
    assert lines[14] == "一.数字" and lines[24] == "一一.数字"  # ideographDigital


@pytest.mark.parametrize(
    "n,fmt,expected",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "chineseLegalSimplified", "叁"),
        (10, "ideographDigital", "一〇"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimalZero", "07"),
        (5, "decimalFullWidth", "５"),
        (9, "none", ""),
    ],
)
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_table_rows_and_cells():
    body = (
        w_p("附件")
        + w_tbl([["序号", "工作任务", "牵头部门"], ["1", "制定方案", "市医改办"]])
        + w_p("结束")
    )
    assert read_bytes(docx_from_body(body), name="t.docx").text.splitlines() == [
        "附件",
        "序号\t工作任务\t牵头部门",
        "1\t制定方案\t市医改办",
        "结束",
    ]


def test_hidden_text_and_field_codes_are_skipped_a_text_box_is_read_once():
    body = (
        "<w:p><w:r><w:t>可见</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
        "<w:r><w:t>文字</w:t></w:r></w:p>"
    )
    # the box's paragraphs follow the paragraph it is anchored in; its VML copy is not read again
    assert read_bytes(docx_from_body(body), name="x.docx").text == "可见文字\n文本框"


def _box(*paras: str, vml: bool = False) -> str:
    inner = "<w:txbxContent>" + "".join(paras) + "</w:txbxContent>"
    if vml:  # an old document's VML shape, no AlternateContent
        return f"<w:r><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></w:r>"
    return (
        '<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        f"{inner}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def test_group_shape_with_its_own_fallback_box_is_read_once():
    # a group (wpg) whose shape is itself an mc:AlternateContent: the VML copy is skipped there too
    body = (
        "<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wpg:wgp>"
        '<mc:AlternateContent><mc:Choice Requires="wps"><wps:wsp><wps:txbx><w:txbxContent>'
        + w_p("组合框")
        + "</w:txbxContent></wps:txbx></wps:wsp></mc:Choice><mc:Fallback><v:shape><v:textbox><w:txbxContent>"
        + w_p("组合框")
        + "</w:txbxContent></v:textbox></v:shape></mc:Fallback></mc:AlternateContent>"
        "</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
    )
    body = body.replace("<wpg:wgp>", '<wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">')
    assert read_bytes(docx_from_body(body + w_p("正文")), name="x.docx").text == "组合框\n正文"


def test_only_the_first_choice_of_alternate_content_is_read():
    alt = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + w_p("框A")
        + '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Choice Requires="w14"><w:drawing><wps:txbx>'
        "<w:txbxContent>" + w_p("框B") + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:t>旧</w:t></mc:Fallback></mc:AlternateContent></w:r>"
    )
    assert read_bytes(docx_from_body("<w:p>" + alt + "<w:r><w:t>段</w:t></w:r></w:p>"), name="x.docx").text == "段\n框A"


def test_text_box_holding_the_doc_number_reaches_the_metadata():
    body = (
        w_p("某市人民政府办公室文件")
        + "<w:p>" + _box(w_p("某政办发〔2023〕12号")) + "</w:p>"
        + w_p("某市人民政府办公室关于印发某某实施方案的通知")
        + w_p("一、总体要求")
        + w_p("到2025年，覆盖率达到95%以上。")
        + "<w:p>" + _box(w_p("某市人民政府办公室"), w_p("2023年3月1日"), vml=True) + "</w:p>"
    )
    text = read_bytes(docx_from_body(body), name="x.docx").text
    assert "某政办发〔2023〕12号" in text and "2023年3月1日" in text
    assert text.index("某政办发〔2023〕12号") < text.index("关于印发")
    from policyparse import parse_text

    doc = parse_text(text).documents[0]
    assert doc.doc_number is not None and doc.doc_number.key == "某政办发〔2023〕12号"
    assert doc.date == "2023-03-01"


def test_nested_text_box_and_box_in_a_table_cell_each_read_once():
    inner = _box(w_p("内框"))
    body = (
        "<w:p>" + _box(w_p("外框"), "<w:p>" + inner + "</w:p>") + "<w:r><w:t>锚段</w:t></w:r></w:p>"
        + "<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:tc><w:tcPr/>" + w_p("甲") + "</w:tc><w:tc><w:tcPr/><w:p>"
        + _box(w_p("单元格框")) + "<w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    text = read_bytes(docx_from_body(body), name="x.docx").text
    assert text.split("\n")[:4] == ["锚段", "外框", "", "内框"]
    assert text.count("内框") == 1 and text.count("外框") == 1 and text.count("单元格框") == 1
    assert "乙 单元格框" in text


def test_empty_docx_and_missing_document_part():
    with pytest.raises(EmptyInput):
        read_bytes(docx_from_body("<w:p/>"), name="e.docx")
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "[Content_Types].xml", '<Types><Override ContentType="wordprocessingml"/></Types>'
        )
    with pytest.raises(CorruptInput):
        read_bytes(buf.getvalue(), name="broken.docx")


def test_word_numbered_headings_come_back_as_the_written_markers():
    """（一）…（二十） run on across 一、…四、 (lvlRestart 0), as in the Guangxi document."""
    text = corpus_text(GX)
    data = docx_from_text(text, word_numbering=True)
    assert (
        "（十二）".encode() not in data and "三、".encode() not in data
    )  # the markers are not in the XML
    assert comparable(read_bytes(data, name="n.docx").text) == comparable(text)


# ---------------------------------------------------------------- Word's merged cells


def _tc(text: str, *, span: int = 1, merge: str | None = None) -> str:
    pr = '<w:tcW w:w="1200" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        pr += "<w:vMerge/>"  # Word writes a continuation with no w:val
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{w_p(text)}</w:tc>"


def _tr(*cells: str) -> str:
    return '<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>' + "".join(cells) + "</w:tr>"


def _merged_table(rows: list[list[str]]) -> str:
    """Word's table of rows: equal cells below each other in the responsibility and
    deadline columns merged vertically (vMerge restart / continue)."""
    trs = []
    for i, row in enumerate(rows):
        cells = []
        for j, cell in enumerate(row):
            merge = None
            if i > 0 and j >= 2:
                if i > 1 and rows[i - 1][j] == cell:
                    merge = "continue"
                elif i + 1 < len(rows) and rows[i + 1][j] == cell:
                    merge = "restart"
            cells.append(_tc("" if merge == "continue" else cell, merge=merge))
        trs.append(_tr(*cells))
    return "<w:tbl><w:tblPr/><w:tblGrid/>" + "".join(trs) + "</w:tbl>"


def test_vertically_merged_cells_are_repeated_in_each_row(tmp_path):
    from policyparse import parse_file

    text = corpus_text(GY)
    body = [_merged_table(item) if kind == "table" else w_p(item) for kind, item in blocks(text)]
    assert "".join(body).count("<w:vMerge/>") >= 5  # 市医保局 leads tasks 10–15
    data = docx_from_body("".join(body))
    path = tmp_path / "guyuan.docx"
    path.write_bytes(data)
    result = read_file(path)
    assert "12\t医保差异化支付管理办法\t市医保局\t2021年3月底前" in result.text.splitlines()
    got, expected = parse_file(path), parse_file(GY)
    flat = lambda pf: [  # noqa: E731
        (d.title, [(tuple(a.path), [x.name for x in a.lead], a.deadline) for a in d.assignments])
        for d in pf.documents
    ]
    assert flat(got) == flat(expected)


def test_grid_span_header_over_two_columns_and_a_title_row():
    body = w_p("附件") + (
        "<w:tbl><w:tblPr/><w:tblGrid/>"
        + _tr(_tc("2021年重点工作任务分工表", span=5))
        + _tr(
            _tc("序号", merge="restart"),
            _tc("重点任务", merge="restart"),
            _tc("责任单位", span=2),
            _tc("完成时限", merge="restart"),
        )
        + _tr(
            _tc("", merge="continue"),
            _tc("", merge="continue"),
            _tc("牵头单位"),
            _tc("配合单位"),
            _tc("", merge="continue"),
        )
        + _tr(
            _tc("1"),
            _tc("推进药品耗材集中采购"),
            _tc("自治区医保局", merge="restart"),
            _tc("卫生健康委"),
            _tc("2021年底前", merge="restart"),
        )
        + _tr(
            _tc("2"),
            _tc("深化医疗服务价格改革"),
            _tc("", merge="continue"),
            _tc(""),
            _tc("", merge="continue"),
        )
        + _tr(
            _tc("3"),
            _tc("推动公立医院高质量发展"),
            _tc("自治区卫生健康委", span=2),  # lead and support written as one merged cell
            _tc("", merge="continue"),
        )
        + "</w:tbl>"
    )
    assert read_bytes(docx_from_body(body), name="t.docx").text.splitlines() == [
        "附件",
        "2021年重点工作任务分工表",
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
        "1\t推进药品耗材集中采购\t自治区医保局\t卫生健康委\t2021年底前",
        "2\t深化医疗服务价格改革\t自治区医保局\t\t2021年底前",
        "3\t推动公立医院高质量发展\t自治区卫生健康委\t\t2021年底前",
    ]


def test_a_word_task_table_without_a_number_column_gives_assignments_and_deadlines():
    """重点任务 | 牵头单位 | 配合单位 | 完成时限 with no 序号 column, right under 附件: one assignment
    and one deadline per row, the deadline named by the task (not by the lead in column 2)."""
    from policyparse.pipeline import parse_read

    rows = [
        ["重点任务", "牵头单位", "配合单位", "完成时限"],
        ["推进紧密型县域医共体建设", "县卫生健康局", "县医保局、县财政局", "2024年12月底前"],
        ["开展家庭医生签约服务", "县卫生健康局", "各乡镇卫生院", "2024年6月底前"],
    ]
    body = "".join(w_p(t) for t in ("某县卫生健康局关于印发2024年重点工作任务分工的通知", "各乡镇卫生院：", "现将任务分工印发给你们。", "附件"))
    doc = parse_read(read_bytes(docx_from_body(body + w_tbl(rows)), name="tasks.docx")).documents[0]
    assert [(a.path, [x.name for x in a.lead], [x.name for x in a.support], a.deadline) for a in doc.assignments] == [
        (["附件"], ["县卫生健康局"], ["县医保局", "县财政局"], "2024-12"),
        (["附件"], ["县卫生健康局"], ["各乡镇卫生院"], "2024-06"),
    ]
    assert [(t.indicator, t.deadline, t.kind) for t in doc.targets] == [
        ("推进紧密型县域医共体建设", "2024-12", "deadline"),
        ("开展家庭医生签约服务", "2024-06", "deadline"),
    ]
