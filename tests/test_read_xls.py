"""Excel 97–2003 workbooks (.xls, BIFF8): policyparse/readers/xls.py.  task_list.xls was
written by LibreOffice 7 from the .fods beside it (``soffice --headless --convert-to
'xls:MS Excel 97' X``); record-level shapes are built here."""

from __future__ import annotations

import random
import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import ole_from_streams  # noqa: E402

from policyparse.errors import CorruptInput, UnsupportedFormat  # noqa: E402
from policyparse.pipeline import parse_read  # noqa: E402
from policyparse.read import read_bytes, read_file  # noqa: E402
from policyparse.readers.xls import _rk, _sst  # noqa: E402

XLS = Path(__file__).parent / "fixtures_read" / "doc" / "task_list.xls"


def test_a_task_list_workbook_reads_as_rows() -> None:
    r = read_file(XLS)
    assert r.format == "xls"
    assert r.text.splitlines() == [
        "2024年重点任务分工表",  # merged across the table: once
        "序号\t工作任务\t牵头单位\t完成时限",
        "1\t推进医共体建设\t县卫生健康局\t2024年10月31日",  # a date cell as the sheet shows it
        "2\t推进医共体建设\t县医保局\t2024年12月底前",  # merged down: in each row
        "合计\t85.5%\t12345.25\t0.3",  # a percentage by its format, numbers without noise
        "",
        "备注",  # a second sheet (its formulas were never calculated by the writer: no value)
    ]
    doc = parse_read(r).documents[0]
    assert [[a.name for a in x.lead] for x in doc.assignments] == [["县卫生健康局"], ["县医保局"]]  # (合计: no task)
    assert [(t.indicator, t.deadline) for t in doc.targets if t.kind == "deadline"] == [
        ("推进医共体建设", "2024-10"), ("推进医共体建设", "2024-12")]


@pytest.mark.parametrize(
    ("rk", "value"),
    [(0x3FF00000, 1.0), ((2 << 2) | 2, 2.0), ((12345 << 2) | 3, 123.45), (0x3FF00001, 0.01), (((-7) & 0x3FFFFFFF) << 2 | 2, -7.0)],
)
def test_rk_numbers(rk: int, value: float) -> None:
    assert _rk(rk) == pytest.approx(value)


def test_shared_strings_continue_over_records_and_switch_width() -> None:
    """A string whose characters run into a CONTINUE record, which opens with its own flags
    byte (8-bit characters before, 16-bit after); rich runs skipped."""
    first = struct.pack("<II", 2, 2) + struct.pack("<HB", 5, 0) + b"abc"
    cont = b"\x01" + "中文".encode("utf-16-le") + struct.pack("<HBH", 2, 0x09, 1) + "甲乙".encode("utf-16-le") + bytes(4)
    assert _sst([first, cont]) == ["abc中文", "甲乙"]


def _workbook(records: list[tuple[int, bytes]], name: str = "Workbook") -> bytes:
    stream = b"".join(struct.pack("<HH", t, len(d)) + d for t, d in records)
    return ole_from_streams({name: stream.ljust(4200, b"\0")})


def test_older_and_encrypted_workbooks_are_named() -> None:
    with pytest.raises(UnsupportedFormat, match="Excel 5.0/95"):
        read_bytes(_workbook([(0x0809, struct.pack("<HH", 0x0500, 5))], name="Book"), name="a.xls")
    bof = (0x0809, struct.pack("<HH", 0x0600, 5))
    with pytest.raises(UnsupportedFormat, match="encrypted"):
        read_bytes(_workbook([bof, (0x002F, bytes(6)), (0x000A, b"")]), name="a.xls")
    with pytest.raises(UnsupportedFormat, match="older than Excel 97"):
        read_bytes(_workbook([(0x0809, struct.pack("<HH", 0x0500, 5))]), name="a.xls")


def test_random_damage_gives_named_errors_only() -> None:
    from policyparse.errors import EmptyInput

    base = XLS.read_bytes()
    rng = random.Random(11)
    for _ in range(300):
        d = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(d) - 4)
            struct.pack_into("<I", d, i, rng.choice([0, 1, 0xFFFF, 0xFFFFFFFF, rng.randrange(1 << 32)]))
        try:
            read_bytes(bytes(d), name="a.xls")
        except (CorruptInput, UnsupportedFormat, EmptyInput):
            pass
