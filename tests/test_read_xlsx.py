"""Excel workbooks (.xlsx): policyparse/readers/xlsx.py, on workbooks built by
fixtures_read.builders.xlsx_from_sheets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import xlsx_from_sheets, zip_bytes  # noqa: E402

from policyparse.errors import CorruptInput, EmptyInput  # noqa: E402
from policyparse.pipeline import parse_read  # noqa: E402
from policyparse.read import read_bytes  # noqa: E402

TASKS = [
    ["2024年重点任务分工表", None, None, None],
    ["序号", "工作任务", "牵头单位", "完成时限"],
    [1, "推进医共体建设", "县卫生健康局", ("date", 45596)],
    [2, "提升家庭医生签约覆盖率", ("inline", "县医保局"), "2024年12月底前"],
    [3, None, None, "2025年6月"],
]
MERGES = {"重点任务分工表": ["A1:D1", "B4:B5", "C4:C5"]}


def test_a_task_list_workbook_reads_as_rows() -> None:
    r = read_bytes(xlsx_from_sheets([("重点任务分工表", TASKS)], merges=MERGES), name="tasks.xlsx")
    assert r.format == "xlsx"
    assert r.text.splitlines() == [
        "2024年重点任务分工表",  # a title merged across the table stands once (the sheet's name in it)
        "序号\t工作任务\t牵头单位\t完成时限",
        "1\t推进医共体建设\t县卫生健康局\t2024年10月31日",  # a date cell as the sheet shows it
        "2\t提升家庭医生签约覆盖率\t县医保局\t2024年12月底前",
        "3\t提升家庭医生签约覆盖率\t县医保局\t2025年6月",  # merged down: in each row it covers
    ]


def test_a_task_list_workbook_parses_end_to_end() -> None:
    head = [["某县人民政府办公室关于印发2024年重点任务分工的通知", None, None, None]]
    data = xlsx_from_sheets([("任务表", head + TASKS)], merges={"任务表": ["A2:D2", "B5:B6", "C5:C6"]})
    doc = parse_read(read_bytes(data, name="tasks.xlsx")).documents[0]
    assert [([a.name for a in x.lead], x.path) for x in doc.assignments] == [
        (["县卫生健康局"], ["1"]), (["县医保局"], ["2"]), (["县医保局"], ["3"])]
    assert [(t.indicator, t.deadline) for t in doc.targets] == [
        ("推进医共体建设", "2024-10"), ("提升家庭医生签约覆盖率", "2024-12"), ("提升家庭医生签约覆盖率", "2025-06")]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (("pct", 0.855), "85.5%"),
        (("pct", 0.3), "30%"),
        (0.30000000000000004, "0.3"),
        (12345678901.5, "12345678901.5"),
        (0.00001, "0.00001"),
        (79.0, "79"),
        (1200, "1200"),
        (("formula", "合计"), "合计"),
        (("bool", 1), "TRUE"),
        (("inline", "县 医保局"), "县 医保局"),
    ],
)
def test_values_as_the_sheet_shows_them(cell: object, shown: str) -> None:
    text = read_bytes(xlsx_from_sheets([("Sheet1", [["指标", "值"], ["覆盖率", cell]])]), name="a.xlsx").text
    assert text.splitlines() == ["指标\t值", f"覆盖率\t{shown}"]


def test_sheets_in_order_hidden_ones_left_out_named_ones_titled() -> None:
    data = xlsx_from_sheets(
        [("附件1 主要指标", [["指标", "2025年"], ["人均预期寿命", 79]]), ("Sheet2", [["隐藏"]]), ("Sheet3", [["备注"]])],
        hidden=("Sheet2",),
    )
    assert read_bytes(data, name="a.xlsx").text == "附件1 主要指标\n指标\t2025年\n人均预期寿命\t79\n\n备注"


def test_an_empty_or_broken_workbook_is_a_named_error() -> None:
    with pytest.raises(EmptyInput):
        read_bytes(xlsx_from_sheets([("Sheet1", [[None]])]), name="a.xlsx")
    files = {"[Content_Types].xml": b"<Types><Override ContentType='spreadsheetml'/></Types>"}
    with pytest.raises(CorruptInput, match="workbook"):
        read_bytes(zip_bytes(files), name="a.xlsx")
    bomb = {"xl/workbook.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>', "[Content_Types].xml": b"spreadsheetml"}
    with pytest.raises(CorruptInput, match="DOCTYPE"):
        read_bytes(zip_bytes(bomb), name="a.xlsx")


def test_a_huge_merge_spans_only_what_shows() -> None:
    """A merge over the whole sheet covers the cells that show something: read at once."""
    import time

    data = xlsx_from_sheets([("Sheet1", [["标题", "x"], ["a", "b"]])], merges={"Sheet1": ["A1:XFD1048576"]})
    t = time.perf_counter()
    assert read_bytes(data, name="a.xlsx").text == "标题\n标题"  # its first cell, in each row it covers
    assert time.perf_counter() - t < 2


def test_cells_far_apart_cost_only_the_columns_that_show_something() -> None:
    """Two cells a row, 18 000 columns apart, over 300 rows: read as two columns at once (the
    empty columns between them were laid out: 5 M cells)."""
    import time

    rows: list[list[object]] = [["甲"] + [None] * 18000 + ["乙"] for _ in range(300)]
    data = xlsx_from_sheets([("Sheet1", rows)])
    t = time.perf_counter()
    text = read_bytes(data, name="a.xlsx").text
    assert time.perf_counter() - t < 5
    assert text.splitlines() == ["甲\t乙"] * 300


def test_a_diagonal_sheet_beyond_the_grid_limit_is_refused() -> None:
    rows: list[list[object]] = [[None] * i + ["x"] for i in range(2100)]  # 2100 x 2100 slots
    with pytest.raises(CorruptInput, match="lays out"):
        read_bytes(xlsx_from_sheets([("Sheet1", rows)]), name="a.xlsx")


SPREADSHEETML = Path(__file__).parent / "fixtures_read" / "doc" / "excel_2003_xml.xls"


def test_an_excel_2003_xml_workbook_served_as_xls_reads_as_rows() -> None:
    """SpreadsheetML (Excel 2003 XML): ss:Index gaps, ss:MergeAcross / ss:MergeDown, a
    percentage style, a DateTime, rich text inside a cell, a hidden sheet left out (it was
    read as text with all its tags)."""
    r = read_bytes(SPREADSHEETML.read_bytes(), name="tasks.xls")
    assert r.format == "spreadsheetml"
    assert r.text.splitlines() == [
        "2024年重点任务分工表",
        "序号\t工作任务\t牵头单位\t完成时限",
        "1\t推进医共体建设\t县卫生健康局\t2024年10月31日",
        "2\t推进医共体建设\t县医保局\t2024年12月底前",
        "\t85.5%",
    ]


def test_an_excel_2003_xml_workbook_with_a_doctype_is_refused() -> None:
    data = SPREADSHEETML.read_bytes().replace(b"<Workbook", b'<!DOCTYPE x [<!ENTITY a "b">]><Workbook', 1)
    with pytest.raises(CorruptInput, match="DOCTYPE"):
        read_bytes(data, name="tasks.xls")
