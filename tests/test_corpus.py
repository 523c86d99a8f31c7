"""The corpus: metadata values a user would check, and snapshots of every tree.

Snapshots live in tests/snapshots/<file>.tree.txt; after reviewing a change,
regenerate them with  POLICYPARSE_UPDATE_SNAPSHOTS=1 pytest tests/test_corpus.py
"""

from __future__ import annotations

import os

import pytest
from conftest import CORPUS_FILES, flat_sections

SNAPSHOTS = __import__("pathlib").Path(__file__).parent / "snapshots"


def _doc(parsed_corpus, stem, i=0):
    return parsed_corpus[stem + ".txt"].documents[i]


def test_ningxia_two_documents(parsed_corpus):
    docs = parsed_corpus["000_a0d76618a303aa9e.txt"].documents
    assert [d.title for d in docs] == [
        "宁夏回族自治区“十三五”深化医药卫生体制改革规划",
        "宁夏回族自治区贯彻落实《国务院深化医药卫生体制改革领导小组关于进一步推广深化医药卫生体制改革经验的若干意见》的实施意见",
    ]
    assert [d.doc_number for d in docs] == [None, None]
    assert docs[0].span.end <= docs[1].span.start
    top = [(s.path, s.title) for s in docs[0].sections]
    assert top[-2:] == [(["附表1"], "到2017年深化医改的主要目标"), (["附表2"], "到2020年深化医改的主要目标")]
    assert len(docs[1].sections) == 9


def test_guyuan_notice_wrapping_plan(parsed_corpus):
    d = _doc(parsed_corpus, "001_51fae38dd57fd7e4")
    assert len(parsed_corpus["001_51fae38dd57fd7e4.txt"].documents) == 1
    assert d.title == "固原市深化医药卫生体制改革工作领导小组关于印发固原市全面开展县（区）域综合医改实施方案的通知"
    assert d.doc_number.raw == "固医改发〔2020〕1号"
    assert (d.doc_number.agency_code, d.doc_number.year, d.doc_number.serial) == ("固医改发", 2020, 1)
    assert d.issuer == "固原市深化医药卫生体制改革工作领导小组"
    assert d.date == "2020-12-14"
    assert not d.is_draft
    items = [s for s in flat_sections(d.sections) if s.style == "arabic"]
    assert [s.path[-1] for s in items] == [str(i) for i in range(1, 19)]
    assert items[13].path == ["二", "（四）", "14"] and items[13].title == "强化政府办医主体责任"
    assert d.sections[-1].path == ["附件"]


def test_neimenggu_draft(parsed_corpus):
    d = _doc(parsed_corpus, "003_bbee473a6d319f37")
    assert d.title == "内蒙古自治区关于进一步完善医疗卫生服务体系实施方案"
    assert d.is_draft is True
    items = [s for s in flat_sections(d.sections) if s.style == "arabic"]
    assert [int(s.path[-1]) for s in items] == list(range(1, 85))
    assert [s.path[0] for s in d.sections] == ["一", "二", "三", "四"]


def test_guangxi_metadata_and_continuous_items(parsed_corpus):
    d = _doc(parsed_corpus, "004_7987ea6d96b72cd9")
    assert d.title == "广西壮族自治区人民政府办公厅关于印发广西深化医药卫生体制改革2021年重点工作任务的通知"
    assert d.doc_number.raw == "桂政办发〔2021〕96号"
    assert d.issuer == "广西壮族自治区人民政府办公厅"
    assert d.date == "2021-09-16"
    items = [s for s in flat_sections(d.sections) if s.level == 2]
    assert len(items) == 20
    assert items[6].path == ["二", "（七）"]
    assert items[-1].path == ["四", "（二十）"] and items[-1].title == "严格监督管理"
    # the cited national number is a citation, never the doc_number
    assert any(c.doc_number and c.doc_number.raw == "国办发〔2021〕20号" for c in d.citations)
    assert all(c.doc_number is None or c.doc_number.raw != "桂政办发〔2021〕96号" for c in d.citations)


def render_tree(pf) -> str:
    out = []
    for d in pf.documents:
        out.append(f"# {d.title} | {d.doc_number.raw if d.doc_number else None} | {d.issuer} | {d.date} | draft={d.is_draft}")
        for s in flat_sections(d.sections):
            out.append("  " * (s.level - 1) + f"{'/'.join(s.path)} [{s.marker}] {s.title}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_snapshot(path, parsed_corpus):
    got = render_tree(parsed_corpus[path.name])
    snap = SNAPSHOTS / (path.stem + ".tree.txt")
    if os.environ.get("POLICYPARSE_UPDATE_SNAPSHOTS") or not snap.exists():
        snap.write_text(got, encoding="utf-8")
    assert got == snap.read_text(encoding="utf-8")
