"""The agency index: per agency key, tasks led and supported across files."""

from __future__ import annotations

from pathlib import Path

import policyparse
from policyparse.agencies import agency_index

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

DOC_2016 = (
    "一、重点任务\n"
    "（一）完善机制。推进改革。（省卫生计生委牵头，省财政厅、人社厅配合）\n"
    "（二）加强保障。落实投入。（省财政厅负责，省卫生计生委配合）\n"
)
DOC_2021 = (
    "一、重点任务\n"
    "（一）推进医联体建设。完善机制。（省卫生健康委、省医保局分别负责）\n"
    "（二）加强宣传。医保部门要做好政策解读。\n"
)


def _index(**kw):
    files = [
        ("a.txt", policyparse.parse_text(DOC_2016)),
        ("b.txt", policyparse.parse_text(DOC_2021)),
    ]
    return {row["key"]: row for row in agency_index(files, **kw)}


def test_aliases_meet_under_one_key() -> None:
    idx = _index()
    row = idx["省卫生健康委"]
    assert row["names"] == ["省卫生健康委", "省卫生计生委"]
    assert row["lead_count"] == 2 and row["support_count"] == 1
    assert [(t["file"], t["path"]) for t in row["led"]] == [
        ("a.txt", ["一", "（一）"]),
        ("b.txt", ["一", "（一）"]),
    ]
    assert row["supported"][0]["raw"] == "（省财政厅负责，省卫生计生委配合）"


def test_roles_and_prefix_carried() -> None:
    idx = _index()
    assert idx["省人力资源社会保障厅"]["name"] == "省人社厅"
    assert idx["省人力资源社会保障厅"]["support_count"] == 1
    assert idx["省财政厅"]["lead_count"] == 1 and idx["省财政厅"]["support_count"] == 1
    assert idx["省医保局"]["led"][0]["jointly"] is True


def test_implicit_duties_only_on_request() -> None:
    assert "医保部门" not in _index()
    row = _index(include_implicit=True)["医保部门"]
    assert row["led"][0]["explicit"] is False


def test_order_is_by_workload() -> None:
    rows = agency_index([policyparse.parse_text(DOC_2016), policyparse.parse_text(DOC_2021)])
    totals = [r["lead_count"] + r["support_count"] for r in rows]
    assert totals == sorted(totals, reverse=True)
    assert rows[0]["key"] == "省卫生健康委"


def test_corpus_index() -> None:
    files = [(str(p), policyparse.parse_file(p)) for p in sorted(CORPUS.glob("00[04]_*.txt"))]
    idx = {row["key"]: row for row in agency_index(files)}
    # 宁夏 (卫生计生委) and 广西 (卫生健康委) share the key 自治区卫生健康委
    row = idx["自治区卫生健康委"]
    assert {"自治区卫生计生委", "自治区卫生健康委"} <= set(row["names"])
    docs = {t["document"] for t in row["led"]}
    assert len(docs) == 2
    assert idx["南宁海关"]["lead_count"] == 2
