"""Flat target rows for analytics (policyparse.export)."""

from __future__ import annotations

import csv
import io
import json

import pytest

import policyparse
from policyparse.export import TARGET_COLUMNS, target_rows, write_rows

TEXT = "某某省实施方案\n\n一、主要目标\n\n（一）总体目标。到2020年，县域内就诊率达到90%以上，婴儿死亡率降到6.5‰以下。\n"


@pytest.fixture()
def rows():
    return target_rows([policyparse.parse_text(TEXT)])


def test_one_flat_row_per_target(rows):
    assert [tuple(r) for r in rows] == [TARGET_COLUMNS, TARGET_COLUMNS]
    r = rows[0]
    assert (r["document"], r["path"], r["indicator"], r["value"], r["unit"], r["comparator"], r["year"], r["kind"]) == (
        "某某省实施方案", "一/（一）", "县域内就诊率", 90, "%", ">=", 2020, "target")
    assert r["raw"] == "到2020年，县域内就诊率达到90%以上"


def test_csv_round_trip(rows):
    buf = io.StringIO()
    write_rows(rows, "csv", buf)
    back = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [b["indicator"] for b in back] == ["县域内就诊率", "婴儿死亡率"]
    assert back[1]["unit"] == "‰" and back[1]["value_max"] == "" and back[1]["value"] == "6.5"


def test_jsonl_round_trip(rows):
    buf = io.StringIO()
    write_rows(rows, "jsonl", buf)
    back = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert back == rows
    assert "县域内就诊率" in buf.getvalue()  # not ASCII-escaped


def test_unknown_format(rows):
    with pytest.raises(ValueError):
        write_rows(rows, "xlsx", io.StringIO())
