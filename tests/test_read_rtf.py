"""RTF documents: policyparse/readers/rtf.py.  The .rtf files in fixtures_read/doc were
written by LibreOffice 7 from the .html / .fodt beside them (``soffice --headless
--convert-to rtf X``); the others are written here as Word writes Chinese RTF (GBK bytes as
\\'hh under \\ansicpg936, \\uN with a fallback)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policyparse.errors import CorruptInput, EmptyInput
from policyparse.read import read_bytes, read_file

DOCS = Path(__file__).parent / "fixtures_read" / "doc"


def _gbk(s: str) -> str:
    return "".join(f"\\'{b:02x}" for b in s.encode("gbk"))


def test_an_rtf_notice_reads_as_its_text_with_table_rows() -> None:
    r = read_file(DOCS / "notice_with_table.rtf")
    assert r.format == "rtf"
    lines = r.text.splitlines()
    assert lines[:2] == ["某县人民政府办公室关于印发某县2024年卫生健康工作要点的通知", "某政办发〔2024〕8号"]
    assert "序号\t工作任务\t牵头单位\t完成时限" in lines
    assert "2\t\t县医保局\t2024年12月底前" in lines  # an empty cell keeps its column


def test_fields_keep_results_and_notes_headers_footers_stay_out() -> None:
    text = read_file(DOCS / "fields_notes_headers.rtf").text
    assert "根据《国务院办公厅关于推动公立医院高质量发展的意见》（国办发〔2021〕18号）要求，制定本方案。" in text
    for outside in ("页眉文字", "脚注文字", "第1页", "HYPERLINK", "Times New Roman"):
        assert outside not in text
    assert "1\t电子病历 应用水平\t4级" in text.splitlines()  # a cell's two paragraphs, one line


def test_list_numbers_the_writer_wrote_out_are_kept() -> None:
    assert read_file(DOCS / "auto_numbered_lists.rtf").text.splitlines()[1:4] == [
        "一、发展基础", "（一）取得的成就", "1.到2020年，人均预期寿命达到78岁。"]


def test_word_style_chinese_rtf() -> None:
    """GBK bytes under \\ansicpg936 and a GB2312 font, \\uN with its fallback skipped, \\uc2."""
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + _gbk("宋体") + ";}}"
        "{\\*\\generator Msftedit 5.41;}\\viewkind4\\uc1\\pard\\f0\\fs32 " + _gbk("一、工作目标") + "\\par\n"
        + _gbk("到2025年，覆盖率达到") + "95%" + _gbk("以上。") + "\\par\n"
        "\\u20013?\\u25991?{\\uc2\\u22269??}\\par}"
    ).encode("ascii")
    assert read_bytes(rtf, name="a.rtf").text == "一、工作目标\n到2025年，覆盖率达到95%以上。\n中文国"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"{\\rtf1 " + b"{" * 5000 + b"x" + b"}" * 5000 + b"}", CorruptInput),  # nested too deep
        (b"{\\rtf1\\ansi {\\*\\generator x;}{\\fonttbl{\\f0 Arial;}}}", EmptyInput),  # no body text
    ],
)
def test_hostile_rtf_is_a_named_error(data: bytes, error: type) -> None:
    with pytest.raises(error):
        read_bytes(data, name="x.rtf")


def test_rtf_reading_is_linear_and_skips_binary() -> None:
    body = b"{\\rtf1\\ansi\\ansicpg936 " + (b"\\'d6\\'d0\\par " * 200_000) + b"{\\pict\\bin5 }}}}}}" + b"}"
    t = time.perf_counter()
    text = read_bytes(body, name="big.rtf").text
    assert time.perf_counter() - t < 10
    assert text.count("中") == 200_000
