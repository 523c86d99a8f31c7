"""Cases found by probing the extractors with realistic sentences and tables (2026-12-02): each
was wrong at some point — a heuristic reading too much or too little — and must stay right."""

from __future__ import annotations

import pytest

import policyparse


def _doc(body: str, date: str = "2024年3月1日"):
    text = "某市人民政府办公室关于印发某某实施方案的通知\n一、主要目标\n" + body + "\n" + date + "\n"
    return policyparse.parse_text(text).documents[0]


@pytest.mark.parametrize(
    ("body", "date", "expected"),
    [
        # an aim stated in the present is an aim; a present state is a baseline
        ("当前，要确保全市城镇调查失业率控制在5.5%以内。", "2024年3月1日", ("target", None)),
        ("目前，我市正加快推进5G建设，力争5G基站达到1万个。", "2024年3月1日", ("target", None)),
        ("当前和今后一个时期，全市每年新增城镇就业5万人以上。", "2024年3月1日", ("target", None)),
        ("目前全市共有养老床位2万张。", "2024年3月1日", ("baseline", None)),
        # a past-looking date with an aim word, or 已 inside a noun, is still an aim
        ("力争到2023年底，累计建成充电桩5000个。", "2024年3月1日", ("target", 2023)),
        ("到2025年，已脱贫人口人均纯收入达到1.5万元。", "2026年3月1日", ("target", 2025)),
        # a year the sentence is about still dates its numbers
        ("2025年是“十四五”收官之年，全市新增就业5万人。", "2024年3月1日", ("target", 2025)),
    ],
)
def test_aims_and_states(body, date, expected):
    (t,) = _doc(body, date).targets
    assert (t.kind, t.year) == expected


@pytest.mark.parametrize(
    "body",
    [
        "在道路两侧各设置5米宽的绿化带。",  # a size, no target
        "重点办好3件事。",
        "今年上半年，完成改造100个。",  # no junk deadline 上半年
        "2024年是全面实施“十四五”规划的关键之年。",  # no junk deadline 是…之年
    ],
)
def test_no_junk(body):
    assert [t for t in _doc(body).targets if t.kind == "deadline" or t.unit in ("米", "件")] == []


def test_a_lead_in_of_measures_dates_nothing():
    (t,) = _doc("为此要抓好以下措施：\n1.市财政每年安排专项资金1000万元。").targets
    assert t.year is None


def test_trimming_keeps_the_word_after_zai():
    (t,) = _doc("在建成区绿地率达到40%。").targets
    assert t.indicator == "建成区绿地率"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("（一）支持三级医院牵头，基层医疗卫生机构参与，组建紧密型医联体。", []),  # a verb, no list of bodies
        ("1.市农业农村局牵头，市财政局配合，开展督导。", [(["市农业农村局"], ["市财政局"])]),  # the number is no name
    ],
)
def test_lead_clauses(body, expected):
    assert [([x.name for x in a.lead], [x.name for x in a.support]) for a in _doc(body).assignments] == expected


def test_task_tables_in_the_wild():
    # a data row is no header (工作 in one cell only); its deadline is read
    doc = _doc("重点任务\t牵头单位\t完成时限\n落实民生实事工作\t市政府办公室\t年底前")
    assert [(t.indicator, t.deadline) for t in doc.targets] == [("落实民生实事工作", "2024-12")]
    # rows numbered 一 二 are rows, not headings
    doc = _doc("附件\n序号\t工作任务\t责任单位\t完成时限\n一\t做好宣传工作\t市委宣传部\t年底前\n二\t完善考核措施\t市考核办\t长期坚持")
    assert [(a.path, a.deadline) for a in doc.assignments] == [(["附件", "一"], "2024-12"), (["附件", "二"], None)]
    assert [(t.path, t.indicator) for t in doc.targets] == [(["附件", "一"], "做好宣传工作")]
    # a caption and the next table's header end a table
    doc = _doc(
        "重点任务\t牵头单位\t配合单位\t完成时限\n推进医共体建设\t市卫生健康委\t市医保局\t2024年底前\n表2 重点项目安排\n"
        "项目名称\t建设内容\t责任单位\t完成时间\n市人民医院新院区\t新建床位1000张\t市卫生健康委\t2025年12月"
    )
    assert [a.raw.split("\t")[0] for a in doc.assignments] == ["推进医共体建设", "市人民医院新院区"]
    assert all("建设内容" not in [x.name for x in a.lead] for a in doc.assignments)
    # prose between rows ends the table, and its duties are read
    doc = _doc("序号\t重点任务\t牵头单位\t完成时限\n1\t推进改革\t市卫健委\t2024年6月底前\n各地要加强组织领导。\n各部门要密切配合。")
    assert doc.assignments[0].raw == "1\t推进改革\t市卫健委\t2024年6月底前"
    assert [x.name for a in doc.assignments[1:] for x in a.lead] == ["各部门"]


def test_an_appendix_caption_with_a_unit_note_is_kept():
    doc = _doc("附件2\n主要指标表\t单位：%\n序号\t指标\t2020年\t2025年\n1\t县域就诊率\t85\t90")
    assert [(s.path, s.title) for s in doc.sections if s.path == ["附件2"]] == [(["附件2"], "主要指标表单位：%")]
