"""Responsibility assignments (责任单位): rule tables run through the real pipeline.

Each line of a table is one case; the test id carries the line number.
NOTES format:   note as written  →  lead 、-separated ; support ; joint|-
                note as written  →  none            (not an assignment)
The note is placed inside a tiny document under 一、/（一）; the test checks the
one explicit assignment found there (path, roles, full names, raw == the note).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.extract.assignments import (
    ASSIGNMENT_RULES,
    _glue_cell,
    agency_key,
    is_body,
    parse_deadline,
    split_units,
)
from policyparse.vocab import load_data

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

NOTES = """
# --- the forms of the corpus (宁夏 / 广西)
（自治区卫生计生委牵头，发展改革委、人力资源社会保障厅、财政厅配合） → 自治区卫生计生委 ; 自治区发展改革委、自治区人力资源社会保障厅、自治区财政厅 ; -
（自治区人力资源社会保障厅、卫生计生委分别负责，财政厅配合） → 自治区人力资源社会保障厅、自治区卫生计生委 ; 自治区财政厅 ; joint
（自治区编办、人力资源社会保障厅分别牵头，卫生计生委、财政厅配合） → 自治区编办、自治区人力资源社会保障厅 ; 自治区卫生计生委、自治区财政厅 ; joint
（自治区人力资源社会保障厅负责，财政厅配合） → 自治区人力资源社会保障厅 ; 自治区财政厅 ; -
（自治区卫生计生委负责） → 自治区卫生计生委 ; ; -
（宁夏保监局负责，自治区人力资源社会保障厅、卫生计生委配合） → 宁夏保监局 ; 自治区人力资源社会保障厅、自治区卫生计生委 ; -
（自治区人力资源社会保障厅、民政厅、宁夏保监局分别负责） → 自治区人力资源社会保障厅、自治区民政厅、宁夏保监局 ; ; joint
（全区各级党委、人民政府分别负责） → 全区各级党委、全区各级人民政府 ; ; joint
（全区各级人民政府、医改领导小组各成员单位分别负责） → 全区各级人民政府、医改领导小组各成员单位 ; ; joint
（自治区医改办牵头，各领导小组成员单位配合） → 自治区医改办 ; 各领导小组成员单位 ; -
（自治区党委宣传部牵头，卫生计生委配合） → 自治区党委宣传部 ; 自治区卫生计生委 ; -
（自治区卫生计生委、人力资源社会保障厅、教育厅分别牵头、财政厅、中医药管理局配合） → 自治区卫生计生委、自治区人力资源社会保障厅、自治区教育厅 ; 自治区财政厅、自治区中医药管理局 ; joint
（自治区食品药监局、卫生计生委、经济和信息化委分别负责） → 自治区食品药监局、自治区卫生计生委、自治区经济和信息化委 ; ; joint
（自治区医保局、财政厅、卫生健康委、中医药局等按职责分工负责） → 自治区医保局、自治区财政厅、自治区卫生健康委、自治区中医药局 ; ; joint
（自治区卫生健康委，自治区党委宣传部、网信办，自治区教育厅、民政厅等按职责分工负责） → 自治区卫生健康委、自治区党委宣传部、自治区党委网信办、自治区教育厅、自治区民政厅 ; ; joint
（自治区卫生健康委、工业和信息化厅、药监局，南宁海关等按职责分工负责） → 自治区卫生健康委、自治区工业和信息化厅、自治区药监局、南宁海关 ; ; joint
（自治区卫生健康委、医保局，广西军区保障局等按职责分工负责） → 自治区卫生健康委、自治区医保局、广西军区保障局 ; ; joint
（自治区医改领导小组秘书处、各相关部门按职责分工负责） → 自治区医改领导小组秘书处、各相关部门 ; ; joint
# --- other provinces' prefixes
（省卫生健康委牵头，省发展改革委、财政厅配合） → 省卫生健康委 ; 省发展改革委、省财政厅 ; -
（市卫健委牵头，市医保局、财政局配合） → 市卫健委 ; 市医保局、市财政局 ; -
（县卫生健康局负责，财政局、人社局配合） → 县卫生健康局 ; 县财政局、县人社局 ; -
（区卫生健康局牵头，区医保局配合） → 区卫生健康局 ; 区医保局 ; -
（省工业和信息化厅、人力资源和社会保障厅分别负责） → 省工业和信息化厅、省人力资源和社会保障厅 ; ; joint
（省委宣传部、网信办牵头，卫生健康委配合） → 省委宣传部、省委网信办 ; 省卫生健康委 ; -
（省发展改革委、中国人民银行沈阳分行、辽宁保监局、财政厅分别负责） → 省发展改革委、中国人民银行沈阳分行、辽宁保监局、省财政厅 ; ; joint
（各市政府、省卫生健康委分别负责） → 各市政府、省卫生健康委 ; ; joint
（市场监管局牵头，卫生健康委配合） → 市场监管局 ; 卫生健康委 ; -
（州卫生健康委牵头，州财政局配合） → 州卫生健康委 ; 州财政局 ; -
（盟卫生健康委、旗县（市、区）人民政府分别负责） → 盟卫生健康委、旗县（市、区）人民政府 ; ; joint
（南宁市卫生健康委牵头，财政局、医保局配合） → 南宁市卫生健康委 ; 南宁市财政局、南宁市医保局 ; -
（吴忠市人民政府负责，自治区卫生健康委配合） → 吴忠市人民政府 ; 自治区卫生健康委 ; -
（广西壮族自治区卫生健康委员会牵头，财政厅配合） → 广西壮族自治区卫生健康委员会 ; 广西壮族自治区财政厅 ; -
# --- 会同 / 协助 / 参与
（省卫生健康委会同省财政厅负责） → 省卫生健康委 ; 省财政厅 ; -
（市医保局会同卫健委、财政局负责，各县（区）政府协助） → 市医保局 ; 市卫健委、市财政局、各县（区）政府 ; -
（省民政厅牵头，卫生健康委参与） → 省民政厅 ; 省卫生健康委 ; -
（省卫生健康委负责，省财政厅、省医保局协助） → 省卫生健康委 ; 省财政厅、省医保局 ; -
# --- nested brackets, 和 / 及, a trailing 等
（县（区）政府负责，县（区）卫生健康局、医保局配合） → 县（区）政府 ; 县（区）卫生健康局、县（区）医保局 ; -
（旗县（市、区）人民政府牵头，卫生健康委配合） → 旗县（市、区）人民政府 ; 旗县（市、区）卫生健康委 ; -
（县（区）党委和政府负责） → 县（区）党委、县（区）政府 ; ; -
（省卫生健康委及省财政厅按职责分工负责） → 省卫生健康委、省财政厅 ; ; joint
（省卫生健康委牵头，省财政厅、省医保局等部门配合） → 省卫生健康委 ; 省财政厅、省医保局 ; -
# --- labels (责任单位 / 牵头单位 / 配合单位), with or without brackets
（责任单位：省卫生健康委、省财政厅） → 省卫生健康委、省财政厅 ; ; -
（牵头单位：市卫健委；配合单位：市财政局、市人社局） → 市卫健委 ; 市财政局、市人社局 ; -
责任单位：省卫生健康委、省医保局 → 省卫生健康委、省医保局 ; ; -
责任单位：省卫生健康委、省医保局分别负责 → 省卫生健康委、省医保局 ; ; joint
【牵头单位】省卫生健康委【配合单位】省财政厅、省医保局 → 省卫生健康委 ; 省财政厅、省医保局 ; -
牵头单位：省医保局；配合单位：省卫生健康委 → 省医保局 ; 省卫生健康委 ; -
（2021年底前完成，自治区卫生健康委负责） → 自治区卫生健康委 ; ; -
（责任单位：省卫生健康委（牵头）、省财政厅、省医保局） → 省卫生健康委 ; 省财政厅、省医保局 ; -
责任单位：市卫健委（牵头），市财政局 → 市卫健委 ; 市财政局 ; -
【责任单位：省卫生健康委、省医保局】 → 省卫生健康委、省医保局 ; ; -
（省卫生健康委牵头，省财政厅、省民政厅按职责分工配合） → 省卫生健康委 ; 省财政厅、省民政厅 ; -
（具体由省医保局负责，省卫生健康委配合） → 省医保局 ; 省卫生健康委 ; -
（各市、县人民政府负责） → 各市、县人民政府 ; ; -
（各设区市人民政府，省直有关部门按职责分工负责） → 各设区市人民政府、省直有关部门 ; ; joint
（省卫生健康委牵头，各地区、各有关部门配合） → 省卫生健康委 ; 各地区、各有关部门 ; -
（教育部、国家卫生健康委牵头，财政部配合） → 教育部、国家卫生健康委 ; 财政部 ; -
# --- a note naming its lead: the units only responsible (负责 / 落实 / 按职责分工负责) support it;
# 按职责分工负责 / 分别负责 still make the note joint (SPEC), 按职责分工配合 / 落实 do not
（责任单位：省卫生健康委牵头，省财政厅、省医保局按职责分工负责） → 省卫生健康委 ; 省财政厅、省医保局 ; joint
（省医保局牵头，省卫生健康委、省财政厅按照职责分工负责） → 省医保局 ; 省卫生健康委、省财政厅 ; joint
（省卫生健康委牵头，各市人民政府分别负责） → 省卫生健康委 ; 各市人民政府 ; joint
牵头部门：省卫生健康委  责任部门：省财政厅、省医保局 → 省卫生健康委 ; 省财政厅、省医保局 ; -
（省卫生健康委牵头，各市人民政府落实） → 省卫生健康委 ; 各市人民政府 ; -
（省卫生健康委牵头，各市、县（市、区）人民政府具体实施） → 省卫生健康委 ; 各市、县（市、区）人民政府 ; -
（省卫生健康委等按职责分工负责，各市人民政府落实） → 省卫生健康委、各市人民政府 ; ; joint
（自治区编办、人力资源社会保障厅分别牵头，卫生计生委按职责分工负责） → 自治区编办、自治区人力资源社会保障厅 ; 自治区卫生计生委 ; joint
# --- more role words: 负总责, 支持, 指导; duty modifiers; 各负其责
（省医保局负总责，省卫生健康委配合） → 省医保局 ; 省卫生健康委 ; -
（省卫生健康委负责，省财政厅支持） → 省卫生健康委 ; 省财政厅 ; -
（省卫生健康委指导，各市人民政府负责） → 各市人民政府 ; 省卫生健康委 ; -
（省医保局、省卫生健康委按各自职责负责） → 省医保局、省卫生健康委 ; ; joint
（省医保局、省卫生健康委根据职责分工负责） → 省医保局、省卫生健康委 ; ; joint
（省医保局、省卫生健康委依职责负责） → 省医保局、省卫生健康委 ; ; joint
（省医保局、省卫生健康委各负其责） → 省医保局、省卫生健康委 ; ; joint
# --- more labels (处室, 主责部门, 协同部门), a deadline label closing the last list
（责任处室：医政医管处、基层卫生处） → 医政医管处、基层卫生处 ; ; -
责任处室：医政医管处 → 医政医管处 ; ; -
主责部门：市卫健委；协同部门：市财政局 → 市卫健委 ; 市财政局 ; -
# --- internal sections (…科 / …股 / 机关党委) and institutions (医院, 医共体, 大学, 学院, 协会, 集团) in lists
（责任科室：信息统计科、财务审计科；责任单位：县第一人民医院医共体、县妇幼保健院） → 信息统计科、财务审计科、县第一人民医院医共体、县妇幼保健院 ; ; -
（责任科室：人事教育科） → 人事教育科 ; ; -
（责任科室：机关党委、人事教育科） → 机关党委、人事教育科 ; ; -
责任股室：财务股、办公室 → 财务股、办公室 ; ; -
（市卫健委牵头，河南中医药大学、市第二人民医院配合） → 市卫健委 ; 河南中医药大学、市第二人民医院 ; -
（省卫生健康委牵头，省卫生职业学院、省医师协会、省医药集团配合） → 省卫生健康委 ; 省卫生职业学院、省医师协会、省医药集团 ; -
（县医共体总院负责，各分院配合） → 县医共体总院 ; 各分院 ; -
（责任单位：县第二人民医院；责任科室：信息统计科） → 县第二人民医院、信息统计科 ; ; -
（县卫生健康局牵头，县疾控中心、财务股配合） → 县卫生健康局 ; 县疾控中心、财务股 ; -
（牵头单位：省卫生健康委 配合单位：省财政厅、省医保局 完成时限：2022年底前） → 省卫生健康委 ; 省财政厅、省医保局 ; -
# --- names: second names in brackets, 以及, shared bodies, fields sharing 部门, 团省委
（省卫生健康委（省中医药局）牵头，省财政厅配合） → 省卫生健康委、省中医药局 ; 省财政厅 ; -
（国家卫生健康委（国家中医药局）、国家医保局按职责分工负责） → 国家卫生健康委、国家中医药局、国家医保局 ; ; joint
（省卫生健康委牵头，省财政厅以及省医保局配合） → 省卫生健康委 ; 省财政厅、省医保局 ; -
（成都市、绵阳市、德阳市人民政府负责） → 成都市人民政府、绵阳市人民政府、德阳市人民政府 ; ; -
（滑县、浚县人民政府牵头，市卫生健康委配合） → 滑县人民政府、浚县人民政府 ; 市卫生健康委 ; -
（市卫生健康委牵头，市财政局、林州市、滑县人民政府配合） → 市卫生健康委 ; 市财政局、林州市人民政府、滑县人民政府 ; -
（歙县人民政府负责，卫生健康局配合） → 歙县人民政府 ; 歙县卫生健康局 ; -
（该县人民政府负责） → 该县人民政府 ; ; -
（成都市、绵阳市市场监管局负责） → 成都市市场监管局、绵阳市市场监管局 ; ; -
（责任单位：省卫生健康委，各市（州）、县（市、区）人民政府） → 省卫生健康委、各市（州）、县（市、区）人民政府 ; ; -
（省卫生健康委牵头，教育、财政、人力资源社会保障等部门配合） → 省卫生健康委 ; 省教育部门、省财政部门、省人力资源社会保障部门 ; -
（省卫生健康委牵头，发展改革、财政部门配合） → 省卫生健康委 ; 省发展改革部门、省财政部门 ; -
（省教育厅、团省委负责） → 省教育厅、团省委 ; ; -
（各省、自治区、直辖市人民政府负责） → 各省、自治区、直辖市人民政府 ; ; -
（各县（市、区）党委、政府负责） → 各县（市、区）党委、各县（市、区）政府 ; ; -
（省卫生健康委/省中医药局负责） → 省卫生健康委、省中医药局 ; ; -
（责任单位：省卫生健康委、省财政厅，第一个为牵头单位，下同） → 省卫生健康委 ; 省财政厅 ; -
（国家卫生健康委、国家医保局、财政部、人力资源社会保障部、国家中医药局、国家药监局、银保监会按职责分工负责） → 国家卫生健康委、国家医保局、财政部、人力资源社会保障部、国家中医药局、国家药监局、银保监会 ; ; joint
（省委组织部、省委编办、省财政厅负责） → 省委组织部、省委编办、省财政厅 ; ; -
（自治州卫生健康委牵头，自治州财政局、各县（市）人民政府配合） → 自治州卫生健康委 ; 自治州财政局、各县（市）人民政府 ; -
# --- town level: 镇 / 乡 is a carried level word, never part of a place (镇城市管理办 is 镇 + 城市管理办)
（责任单位：镇城市管理办、镇环境卫生管理站） → 镇城市管理办、镇环境卫生管理站 ; ; -
（责任单位：镇城市管理办、环境卫生管理站） → 镇城市管理办、镇环境卫生管理站 ; ; -
（镇人民政府牵头，镇卫生院、财政所配合） → 镇人民政府 ; 镇卫生院、镇财政所 ; -
（镇江市卫生健康委牵头，财政局配合） → 镇江市卫生健康委 ; 镇江市财政局 ; -
（乡镇卫生院、村卫生室负责） → 乡镇卫生院、村卫生室 ; ; -
# --- grass-roots collectives are bodies: 各村, 各村〔社区〕, 各乡镇（街道）
（镇城市管理办牵头，各村〔社区〕配合） → 镇城市管理办 ; 各村（社区） ; -
（镇生态环境办牵头，镇水利站、各村配合） → 镇生态环境办 ; 镇水利站、各村 ; -
（县卫生健康局牵头，各乡镇（街道）负责） → 县卫生健康局 ; 各乡镇（街道） ; -
# --- mass organisations are bodies (团中央, 妇联, 残联, 科协), named as written
（体育总局牵头，教育部、共青团中央等按职责分工负责） → 体育总局 ; 教育部、共青团中央 ; joint
（省体育局牵头，教育厅、团中央、全国妇联、中国残联、中国科协等按职责分工负责） → 省体育局 ; 省教育厅、团中央、全国妇联、中国残联、中国科协 ; joint
# --- not assignments
（负责人：张三） → none
（联系人：李四，电话：0951-1234567） → none
（省卫生健康委负责人任组长） → none
（具体办法由省医保局另行制定） → none
（2021—2025年） → none
（含村卫生室） → none
（2021年1月1日起实施） → none
（在省卫生健康委指导下实施） → none
推进中（蒙）医发展 → none
每个旗县（市）均设立医院 → none
县（区）域医共体 → none
全面取消药品加成（不含中药饮片） → none
推进旗县医院（含中医蒙医医院，下同）提档升级 → none
按疾病诊断相关分组付费（DRG） → none
（此件公开发布） → none
管理办法（试行） → none
医院主要负责人（负责人） → none
以县级医院为牵头单位（不含牵头医院） → none
（以下简称“医改办”） → none
"""


def _table(src: str) -> list[tuple[int, str, str]]:
    rows = []
    for n, line in enumerate(src.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        note, expected = (s.strip() for s in line.split("→"))
        rows.append((n, note, expected))
    return rows


def _names(cell: str) -> list[str]:
    # 、 outside brackets separates names (旗县（市、区）人民政府 is one); a bare level
    # word shares the next name's body (各市、县人民政府 and 各市（州）、县（市、区）人民政府 are one each)
    # (各省、自治区、直辖市人民政府 too)
    out: list[str] = []
    bare = r"各?(?:[省市县区州盟旗]|自治区)(?:（[^）]*）)?"
    for x in re.split(r"、(?![^（]*）)", cell.strip()):
        if out and re.fullmatch(bare, out[-1].rsplit("、", 1)[-1]):
            out[-1] += "、" + x
        elif x:
            out.append(x)
    return out


def _doc(body: str) -> str:
    return (
        f"一、重点任务\n（一）完善工作机制。推进相关改革工作。{body}\n（二）加强监督。开展督查。\n"
    )


def _explicit(text: str):
    pf = policyparse.parse_text(text)
    out = [a for d in pf.documents for a in d.assignments if a.explicit]
    for a in out:
        assert pf.text[a.span.start : a.span.end] == a.raw
    return out


@pytest.mark.parametrize(
    ("line", "note", "expected"), [pytest.param(*row, id=f"L{row[0]}") for row in _table(NOTES)]
)
def test_note(line: int, note: str, expected: str) -> None:
    found = _explicit(_doc(note))
    if expected == "none":
        assert found == [], f"line {line}: {note} read as {found}"
        return
    lead, support, joint = expected.split(";")
    assert len(found) == 1, f"line {line}: {found}"
    a = found[0]
    assert a.path == ["一", "（一）"]
    assert a.raw == note
    assert [x.name for x in a.lead] == _names(lead), f"line {line}"
    assert [x.name for x in a.support] == _names(support), f"line {line}"
    assert a.jointly is (joint.strip() == "joint"), f"line {line}"


# --------------------------------------------------------------------------- rules stated mid-document


def test_first_unit_leads_from_where_it_is_stated() -> None:
    text = (
        "一、重点任务\n"
        "（一）完善机制。推进改革。（省卫生健康委、省财政厅负责）\n"
        "（二）加强保障。落实投入。（省医保局、省财政厅负责，排在首位者为牵头单位，下同）\n"
        "（三）强化监管。加强监管。（省卫生健康委、省民政厅、省医保局负责）\n"
        "（四）分工落实。分别推进。（省卫生健康委、省民政厅分别负责）\n"
    )
    got = [
        (a.path[-1], [x.name for x in a.lead], [x.name for x in a.support], a.jointly)
        for a in _explicit(text)
    ]
    assert got == [
        ("（一）", ["省卫生健康委", "省财政厅"], [], False),
        ("（二）", ["省医保局"], ["省财政厅"], False),
        ("（三）", ["省卫生健康委"], ["省民政厅", "省医保局"], False),
        ("（四）", ["省卫生健康委", "省民政厅"], [], True),
    ]


def test_first_unit_rule_in_preamble() -> None:
    text = (
        "各项任务中排在第一位的为牵头单位。\n"
        "一、重点任务\n"
        "（一）完善机制。推进改革。（责任单位：市卫健委、市财政局、市医保局）\n"
    )
    [a] = _explicit(text)
    assert [x.name for x in a.lead] == ["市卫健委"]
    assert [x.name for x in a.support] == ["市财政局", "市医保局"]


@pytest.mark.parametrize(
    "rule",
    [
        "排在首位者为牵头单位",
        "列在首位的为牵头单位",
        "列首位的为牵头单位",
        "排名首位的为牵头单位",
        "位列第一的为牵头单位",
        "第一个单位为牵头单位",
        "第一个为牵头单位",
        "排在第一位的部门为牵头部门",
        "排在前面的为牵头单位",
    ],
)
def test_first_unit_rule_phrasings(rule: str) -> None:
    text = f"（各项任务中{rule}）\n一、重点任务\n（一）完善机制。推进改革。（省卫生健康委、省财政厅负责）\n"
    [a] = _explicit(text)
    assert ([x.name for x in a.lead], [x.name for x in a.support]) == (
        ["省卫生健康委"],
        ["省财政厅"],
    )


def test_damaged_punctuation_note() -> None:
    # punctuation randomised and no line breaks (the 辽宁 file): separators are any of , 。 . 、 space
    body = (
        "引导医疗联合体内部形成顺畅的转诊机制,责任单位,省卫生计生委 省人力资源社会保障厅,排在首位者为牵头单位,下同"
        "5引导形成科学合理就医模式、城市大医院主要提供急危重症和疑难复杂疾病的诊疗服务。责任单位 省卫生计生委。"
        "省人力资源社会保障厅.辽宁保监局,二。加快建立现代医院管理制度、责任单位,省卫生计生委、各市政府分别负责,2,完善"
    )
    text = "辽宁省实施方案" + "。" + (body + "推进各项工作落实到位。" * 3) * 20
    found = _explicit(text)
    got = [([x.name for x in a.lead], [x.name for x in a.support], a.jointly) for a in found[:3]]
    assert got == [
        (["省卫生计生委"], ["省人力资源社会保障厅"], False),
        (["省卫生计生委"], ["省人力资源社会保障厅", "辽宁保监局"], False),
        (["省卫生计生委", "各市政府"], [], True),
    ]
    # (the punctuation repair may rewrite the separators; the note runs from its label to 下同)
    assert found[0].raw.startswith("责任单位") and found[0].raw.endswith("下同")


def test_label_lines_and_deadlines() -> None:
    two_lines = _explicit(_doc("\n牵头单位：省卫生健康委\n配合单位：省财政厅、省医保局\n"))
    assert [_compact(a)[1:] for a in two_lines] == [
        (["省卫生健康委"], ["省财政厅", "省医保局"], False)
    ]
    [a] = _explicit(_doc("责任单位：省卫生健康委、省财政厅；完成时限：2021年底前"))
    assert (a.deadline, a.raw) == (
        "2021-12",
        "责任单位：省卫生健康委、省财政厅；完成时限：2021年底前",
    )
    [b] = _explicit(_doc("（省医保局牵头，省卫生健康委参与，2022年6月底前完成）"))
    assert b.deadline == "2022-06"


# --------------------------------------------------------------------------- task tables

TAB_TABLE = (
    "一、重点任务\n（一）推进改革。做好工作。\n"
    "附件：重点任务分工\n\n"
    "序号\t重点任务\t牵头部门\t配合部门\t完成时限\n"
    "1\t制定实施方案\t市卫健委\t市财政局、人社局\t2020年11月底前\n"
    "2\t成立管理委员会\t县（区）党委、政府\t县（区）卫健局\t2020年底前\n"
    "3\t建设信息平台\t市卫健委 (市人民医院)\t\t长期坚持\n"
)

CELL_TABLE = (
    "一、重点任务\n（一）推进改革。做好工作。\n"
    "附件\n"
    "序号\n工作任务\n责任单位\n完成时限\n"
    "1\n制定医保支付办法\n市医保局、市卫健委\n2021年3月底前\n"
    "2\n建设区域医联体\n市卫健委\n2021年上半年\n"
)


def _rows(text: str):
    return [
        (a.path, [x.name for x in a.lead], [x.name for x in a.support], a.deadline)
        for a in _explicit(text)
    ]


def test_tab_table_with_support_column() -> None:
    assert _rows(TAB_TABLE) == [
        (["附件", "1"], ["市卫健委"], ["市财政局", "市人社局"], "2020-11"),
        (["附件", "2"], ["县（区）党委", "县（区）政府"], ["县（区）卫健局"], "2020-12"),
        (["附件", "3"], ["市卫健委"], ["市人民医院"], None),
    ]


def test_one_cell_per_line_table() -> None:
    assert _rows(CELL_TABLE) == [
        (["附件", "1"], ["市医保局", "市卫健委"], [], "2021-03"),
        (["附件", "2"], ["市卫健委"], [], "2021-06"),
    ]


def test_wrapped_table_row() -> None:
    wrapped = (
        "附件\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t组建医疗健康总院，成立\t县（区）医改\t县（区）卫健局、\t2020年12月\n"
        "\t总院党委\t领导小组\t财政局\t底前\n"
        "2\t建设信息平台\t市卫健委\t市医保局\t2021年6月底前\n"
    )
    assert _rows(wrapped) == [
        (["附件", "1"], ["县（区）医改领导小组"], ["县（区）卫健局", "县（区）财政局"], "2020-12"),
        (["附件", "2"], ["市卫健委"], ["市医保局"], "2021-06"),
    ]


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        (  # the commonest shape: task, lead, support, deadline
            "重点任务\t牵头单位\t配合单位\t完成时限",
            ["推进医保支付方式改革\t市医保局\t市卫生健康委、市财政局\t2022年12月底前",
             "完善基层医疗服务体系\t市卫生健康委\t市发展改革委\t2023年6月底前"],
            [(["市医保局"], ["市卫生健康委", "市财政局"], "2022-12"), (["市卫生健康委"], ["市发展改革委"], "2023-06")],
        ),
        (  # one responsibility column, the deadline first, other words
            "时间安排\t主要工作内容\t责任单位",
            ["2024年3月底前\t制定实施方案\t县卫生健康局、县医保局", "2024年9月底前\t开展评估\t县医改办"],
            [(["县卫生健康局", "县医保局"], [], "2024-03"), (["县医改办"], [], "2024-09")],
        ),
        (  # 举措 names the task column as well as 任务 (one vocabulary for both extractors)
            "主要举措\t牵头单位\t完成时限",
            ["建成区域医疗中心\t市卫生健康委\t2025年底前"],
            [(["市卫生健康委"], [], "2025-12")],
        ),
        (  # a place column as the lead's (主办), a 协办 column; no deadline column
            "工作措施\t主办部门\t协办部门",
            ["建立健全考核机制\t省卫生健康委\t省人力资源社会保障厅"],
            [(["省卫生健康委"], ["省人力资源社会保障厅"], None)],
        ),
    ],
)
def test_a_task_table_without_a_number_column(header, rows, expected) -> None:
    """序号 is no part of every task table: a header naming the task and who is responsible
    starts one; a row a line; a wrapped line (fewer cells) is passed over; prose ends it."""
    text = "某县人民政府办公室关于印发任务分工的通知\n\n一、工作任务\n\n附件\n任务分工表\n" + header + "\n"
    text += rows[0] + "\n\t（续）\n" + "\n".join(rows[1:]) + "\n\n各单位要按照分工抓好落实。\n"
    got = _explicit(text)
    assert [([x.name for x in a.lead], [x.name for x in a.support], a.deadline) for a in got] == expected
    assert [a.path for a in got] == [["附件"]] * len(expected)  # no row number to add
    assert [a.raw for a in got] == rows


def test_a_wrapped_row_of_a_table_without_a_number_column_is_glued() -> None:
    text = (
        "某县方案\n\n附件\n重点任务\t牵头单位\t配合单位\t完成时限\n"
        "组建医疗健康总院，成立\t县医改\t县卫健局、\t2020年12月\n"
        "\t领导小组\t县财政局\t底前\n"
        "建设信息平台\t县卫健局\t县医保局\t2021年6月底前\n"
    )
    assert [([x.name for x in a.lead], [x.name for x in a.support], a.deadline) for a in _explicit(text)] == [
        (["县医改领导小组"], ["县卫健局", "县财政局"], "2020-12"),
        (["县卫健局"], ["县医保局"], "2021-06"),
    ]


def test_a_tab_line_of_short_words_in_prose_is_no_task_table() -> None:
    # a header needs a task column and a responsibility column; cells with digits are data
    text = "某市方案\n\n一、要求\n\n指标\t牵头单位\t备注\n床位数\t市卫健委\t无\n2021年\t牵头单位\t任务\n"
    assert _explicit(text) == []


def test_a_wrapped_row_keeps_its_bodies_apart_and_the_rows_after_it() -> None:
    """A body wrapped alone onto the next line is the list's next body (县卫健局 ⏎ 县医保局), a
    name cut in two is one (县医保局、县 ⏎ 财政局); a piece in one column only (\t\t\t财政局)
    is glued onto that column — it used to end the table, losing every row after it."""
    table = (
        "某县方案\n\n附件\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t组建医疗健康总院\t县卫健局\t县财政局\t2020年12月\n"
        "\t\t县医保局\t县人社局\t底前\n"
        "2\t建设信息平台\t县卫健局\t县医保局、县\t2021年6月底前\n"
        "\t\t\t财政局\t\n"
        "3\t完善制度\t县医保局\t县卫健局\t2021年12月底前\n"
    )
    assert _rows(table) == [
        (["附件", "1"], ["县卫健局", "县医保局"], ["县财政局", "县人社局"], "2020-12"),
        (["附件", "2"], ["县卫健局"], ["县医保局", "县财政局"], "2021-06"),
        (["附件", "3"], ["县医保局"], ["县卫健局"], "2021-12"),
    ]


def test_group_titles_and_wrapped_lines_between_rows_keep_the_table_going() -> None:
    """A 分工表 split into groups by title rows (一、… spanning the table), and a task wrapped onto
    a line of its own (PDF): every row is read, each under its group; the table ends at prose."""
    table = (
        "某市方案\n\n附件\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "一、深化医疗保障制度改革\n"
        "1\t深化医保支付方式改革\t市医保局\t市卫生健康委\t2024年底前\n"
        "二、推进公立医院高质量发展\n"
        "2\t开展公立医院绩效考核，\t市卫生健康委\t市财政局\t2024年9月底前\n"
        "完善考核指标体系\n"
        "3\t推进分级诊疗\t市卫生健康委\t市医保局\t2024年第三季度\n"
        "\n各单位要抓好落实，市卫生健康委要加强督导。\n"
    )
    got = _explicit(table)
    assert [(a.path, [x.name for x in a.lead], [x.name for x in a.support], a.deadline) for a in got] == [
        (["附件", "一", "1"], ["市医保局"], ["市卫生健康委"], "2024-12"),
        (["附件", "二", "2"], ["市卫生健康委"], ["市财政局"], "2024-09"),
        (["附件", "二", "3"], ["市卫生健康委"], ["市医保局"], "2024-09"),
    ]
    assert got[1].raw.endswith("\n完善考核指标体系")


def test_a_unit_of_measure_column_is_no_responsible_body() -> None:
    """单位 beside 项目/工作内容 and year columns (规划 indicator tables) is a unit of measure."""
    for header in ("序号\t项目\t单位\t2020年\t2025年", "序号\t工作内容\t单位\t2023年\t2024年"):
        table = f"某市规划\n\n附件\n{header}\n1\t人均预期寿命\t岁\t78.5\t79.5\n2\t新建村卫生室\t个\t20\t30\n"
        assert _explicit(table) == []


def test_a_deadline_cell_without_a_year_is_due_in_the_documents_year() -> None:
    table = (
        "某市卫生健康委关于印发2024年工作要点的通知\n\n附件\n序号\t重点任务\t牵头单位\t完成时限\n"
        "1\t深化改革\t市医保局\t6月底前\n2\t开展考核\t市卫生健康委\t年底前\n\n市卫生健康委\n2024年3月1日\n"
    )
    assert [a.deadline for a in _explicit(table)] == ["2024-06", "2024-12"]


@pytest.mark.parametrize(
    ("cell", "piece", "kind", "glued"),
    [
        ("县卫健局", "县医保局", "lead", "县卫健局、县医保局"),  # two whole bodies
        ("县（区）医改", "领导小组", "lead", "县（区）医改领导小组"),  # one name cut in two
        ("省卫生健康委", "员会", "support", "省卫生健康委员会"),
        ("县医保局、县", "财政局", "support", "县医保局、县财政局"),
        ("县卫健局、", "县医保局", "support", "县卫健局、县医保局"),
        ("组建医疗健康总院，成立", "总院党委", "task", "组建医疗健康总院，成立总院党委"),
        ("2020年12月", "底前", "deadline", "2020年12月底前"),
        ("县卫健局", "", "lead", "县卫健局"),
    ],
)
def test_glue_cell(cell, piece, kind, glued) -> None:
    assert _glue_cell(cell, piece, kind) == glued


def test_wrapped_row_with_a_label_in_the_number_column() -> None:
    # a continuation line as wide as the header whose first cell is words, not a number:
    # glued to the row above (it used to crash reading the glued cell as the row number)
    table = (
        "一、任务\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t制定方案\t市卫健委\t2020年底前\n"
        "补充\t说明\t市财政局\t完成\n"
        "2\t建设平台\t市医保局\t2021年6月底前\n"
    )
    rows = _rows(table)
    assert [r[0][-1] for r in rows] == ["1", "2"]
    assert rows[1][1] == ["市医保局"]


def test_a_totals_row_is_no_piece_of_the_row_above() -> None:
    """合计 / 小计 rows (agencies.json table_total_words) sum the rows: their cells were glued
    onto the last task's (its lead became 县医保局12345.25)."""
    table = (
        "一、任务\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t制定方案\t市卫健委\t2020年底前\n"
        "2\t建设平台\t市医保局\t2021年6月底前\n"
        "合计\t85.5%\t12345.25\t0.3\n"
    )
    rows = _rows(table)
    assert [r[1] for r in rows] == [["市卫健委"], ["市医保局"]]


def test_table_header_variants() -> None:
    # 序 号 spaced, rows numbered 一 二 or 1. (a 1. row must not nest under itself),
    # a 协同 column, deadlines given as a bare year (due by its end)
    table = (
        "附件\n"
        "序 号\t重点任务\t主责部门\t协同部门\t时间进度\n"
        "一\t推进分级诊疗\t省卫生健康委\t省财政厅\t2022年\n"
        "二\t深化支付方式改革\t省医保局\t省卫生健康委\t2022—2023年\n"
    )
    assert _rows(table) == [
        (["附件", "一"], ["省卫生健康委"], ["省财政厅"], "2022-12"),
        (["附件", "二"], ["省医保局"], ["省卫生健康委"], "2023-12"),
    ]
    dotted = (
        "附件\n"
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1.\t推进分级诊疗\t省卫生健康委\t省财政厅\t2022年底前\n"
        "2.\t深化改革\t省医保局\t\t持续推进\n"
    )
    assert _rows(dotted) == [
        (["附件", "1"], ["省卫生健康委"], ["省财政厅"], "2022-12"),
        (["附件", "2"], ["省医保局"], [], None),
    ]


def test_area_column_names_each_rows_unit() -> None:
    # 序号/县区/任务/完成时限: the area column is the responsible unit, named as written;
    # 单位 beside 指标 (an indicator table, no task column) is a unit of measure
    table = (
        "附件\n"
        "序号\t县（市、区）\t任务\t完成时限\n"
        "1\t东湖区\t完成家庭医生签约扩面\t2024年6月底\n"
        "2\t新建县\t建成紧密型医共体\t2024年9月30日\n"
        "3\t丰城市\t完成村卫生室标准化建设\t2024年12月\n"
    )
    assert _rows(table) == [
        (["附件", "1"], ["东湖区"], [], "2024-06"),
        (["附件", "2"], ["新建县"], [], "2024-09"),
        (["附件", "3"], ["丰城市"], [], "2024-12"),
    ]
    measures = "附件\n序号\t县区\t主要举措\t完成时限\n1\t城关区\t建成区域医疗中心\t2025年底前\n"
    assert _rows(measures) == [(["附件", "1"], ["城关区"], [], "2025-12")]
    units = "附件\n序号\t单位\t工作任务\t完成时间\n1\t县卫生健康局\t开展培训\t2024年底前\n"
    assert _rows(units) == [(["附件", "1"], ["县卫生健康局"], [], "2024-12")]
    indicators = "附件\n序号\t指标\t单位\t2020年\t2025年\n1\t人均预期寿命\t岁\t78\t79\n"
    assert _rows(indicators) == []


def test_table_cells_written_like_notes() -> None:
    # a responsibility cell with role words reads like a note; a 责任单位 column beside a
    # 牵头单位 column names the other responsible units; （1） row numbers; 2022.06 deadlines
    table = (
        "附件\n"
        "序号\t重点任务\t责任单位\t完成时限\n"
        "1\t推进分级诊疗\t省卫生健康委牵头，省财政厅、省医保局配合\t2022年底前\n"
        "2\t深化改革\t省医保局（牵头）、省卫生健康委\t2022.06\n"
        "3\t建设医联体\t省卫生健康委、省财政厅按职责分工负责\t持续推进\n"
    )
    assert [_compact(a)[1:] + (a.deadline,) for a in _explicit(table)] == [
        (["省卫生健康委"], ["省财政厅", "省医保局"], False, "2022-12"),
        (["省医保局"], ["省卫生健康委"], False, "2022-06"),
        (["省卫生健康委", "省财政厅"], [], True, None),
    ]
    two_columns = (
        "附件\n"
        "序号\t工作任务\t牵头单位\t责任单位\t完成时限\n"
        "（1）\t推进分级诊疗\t省卫生健康委\t省财政厅、省医保局\t2022年底前\n"
    )
    assert _rows(two_columns) == [
        (["附件", "1"], ["省卫生健康委"], ["省财政厅", "省医保局"], "2022-12")
    ]


def test_table_row_raw_is_the_row() -> None:
    rows = _explicit(TAB_TABLE)
    assert rows[0].raw == "1\t制定实施方案\t市卫健委\t市财政局、人社局\t2020年11月底前"


# --------------------------------------------------------------------------- in-text duties


def test_note_closing_a_circled_list_belongs_to_its_holder() -> None:
    # a note on its own line after ①②: the whole （一）; a note inside ②'s line: ② alone
    after = "一、重点任务\n（一）推进医联体建设。重点做好以下工作：\n①完善章程。明确权责。\n②统筹人员。推进调配。\n（市卫健委、市医保局分别牵头，市财政局配合）\n（二）加强监督。开展督查。\n"
    inside = "一、重点任务\n（一）推进医联体建设。重点做好以下工作：\n①完善章程。明确权责。\n②统筹人员。推进调配（市卫健委负责）。\n（二）加强监督。开展督查。\n"
    (a,) = _explicit(after)
    assert a.path == ["一", "（一）"] and [x.name for x in a.support] == ["市财政局"]
    (b,) = _explicit(inside)
    assert b.path == ["一", "（一）", "②"]


def test_note_closing_a_rparen_list_belongs_to_its_holder() -> None:
    # 1)2)3) under (2), then a note on its own line: the note belongs to (2)
    text = (
        "一、重点任务\n（一）完善服务体系\n(1)推进签约服务。内容。\n(2)提升服务能力。重点做好：\n"
        "1)开展上门服务；\n2)加强随访管理；\n3)推广适宜技术。\n（区卫生健康局负责）\n(3)加强保障。内容。\n"
    )
    (a,) = _explicit(text)
    assert a.path == ["一", "（一）", "（2）"] and [x.name for x in a.lead] == ["区卫生健康局"]
    (b,) = _explicit(text.replace("3)推广适宜技术。\n（区卫生健康局负责）", "3)推广适宜技术（区卫生健康局负责）。"))
    assert b.path == ["一", "（一）", "（2）", "3"]


def test_hex_brackets_inside_a_unit_name() -> None:
    # 各县〔市、区〕: the brackets of 各县（市、区）; the name is normalised, raw keeps the source
    for text in (
        "一、重点任务\n（一）推进信息化建设。完善平台。（各县〔市、区〕卫生健康局、市级各公立医疗机构分别负责）\n",
        "一、重点任务\n（一）推进信息化建设。完善平台。\n责任单位：各县〔市、区〕卫生健康局、市级各公立医疗机构\n",
    ):
        (a,) = _explicit(text)
        assert [x.name for x in a.lead] == ["各县（市、区）卫生健康局", "市级各公立医疗机构"]
        assert [x.raw for x in a.lead] == ["各县〔市、区〕卫生健康局", "市级各公立医疗机构"]
        assert not a.support and a.raw in text
    (b,) = _explicit("一、重点任务\n（一）推进信息化建设。完善平台。（各县〔市、区〕卫生健康局、市级各公立医疗机构分别负责）\n")
    assert b.jointly


def test_in_text_duties_are_not_explicit() -> None:
    text = (
        "一、工作要求\n（一）明确部门职责。医保部门要建立医疗服务价格动态调整机制。"
        "成立由县（区）党委和政府牵头，相关部门参与的管理委员会。\n"
    )
    pf = policyparse.parse_text(text)
    found = [a for d in pf.documents for a in d.assignments]
    assert all(not a.explicit for a in found)
    leads = [[x.name for x in a.lead] for a in found]
    assert ["医保部门"] in leads
    assert ["县（区）党委", "县（区）政府"] in leads


def test_in_text_duties_inside_articles() -> None:
    """An article (第X条) has no title: its text is body, so duties in it are found."""
    text = (
        "第一章　总则\n第一条　为规范管理，制定本办法。\n"
        "第二条　医疗保障部门负责本办法的组织实施。\n"
        "第三条　各市人民政府要加强组织领导（省医保局牵头，省财政厅配合）。\n"
    )
    found = [a for d in policyparse.parse_text(text).documents for a in d.assignments]
    by_path = {tuple(a.path): a for a in found if not a.explicit}
    assert [x.name for x in by_path[("第一章", "第二条")].lead] == ["医疗保障部门"]
    assert [x.name for x in by_path[("第一章", "第三条")].lead] == ["各市人民政府"]
    (note,) = [a for a in found if a.explicit]
    assert note.path == ["第一章", "第三条"] and [x.name for x in note.support] == ["省财政厅"]


# --------------------------------------------------------------------------- names, keys, deadlines


@pytest.mark.parametrize(
    ("written", "units"),
    [
        ("人力资源和社会保障厅、工业和信息化厅", ["人力资源和社会保障厅", "工业和信息化厅"]),
        ("省工业和信息化委", ["省工业和信息化委"]),
        ("党委和政府", ["党委", "政府"]),
        ("卫生健康委及财政厅", ["卫生健康委", "财政厅"]),
        ("财政厅、医保局等", ["财政厅", "医保局"]),
        ("县（区）卫健局、医保局", ["县（区）卫健局", "医保局"]),
    ],
)
def test_split_units(written: str, units: list[str]) -> None:
    assert split_units(written) == units


@pytest.mark.parametrize(
    ("unit", "body"),
    [
        ("医政医管科", True),
        ("财务股", True),
        ("县人民医院医共体", True),
        ("河南科技大学", True),
        ("儿科", False),
        ("中医药重点学科", False),
        ("全科", False),
        ("国有控股", False),
    ],
)
def test_is_body(unit: str, body: bool) -> None:
    assert is_body(unit) is body


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("自治区卫生计生委", "自治区卫生健康委"),
        ("自治区卫生和计划生育委员会", "自治区卫生健康委"),
        ("省卫健委", "省卫生健康委"),
        ("自治区发改委", "自治区发展改革委"),
        ("省人社厅", "省人力资源社会保障厅"),
        ("省人力资源和社会保障厅", "省人力资源社会保障厅"),
        ("省编委办", "省编办"),
        ("自治区中医药管理局", "自治区中医药局"),
        ("市财政局", "市财政厅"),
        ("县（区）政府", "县（区）人民政府"),
        ("南宁海关", "南宁海关"),
    ],
)
def test_agency_key(name: str, key: str) -> None:
    assert agency_key(name) == key


@pytest.mark.parametrize(
    ("cell", "deadline"),
    [
        ("2020年11月底前", "2020-11"),
        ("2021年底前", "2021-12"),
        ("2021年6月30日前", "2021-06"),
        ("2021年上半年", "2021-06"),
        ("2022年第一季度", "2022-03"),
        ("长期坚持", None),
    ],
)
def test_parse_deadline(cell: str, deadline: str | None) -> None:
    assert parse_deadline(cell) == deadline


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("（一）加强督导。市卫生健康委牵头，市财政局、市医保局配合，每季度开展一次督导。",
         [(["市卫生健康委"], ["市财政局", "市医保局"], False, "市卫生健康委牵头，市财政局、市医保局配合")]),
        ("（一）加强督导，市卫生健康委牵头，财政局参与。",  # the prefix carried on
         [(["市卫生健康委"], ["市财政局"], False, "市卫生健康委牵头，财政局参与")]),
        ("（一）由市卫生健康委牵头，市财政局配合，开展督导。",  # a led_by clause, as before
         [(["市卫生健康委"], ["市财政局"], False, "由市卫生健康委牵头，市财政局配合")]),
        ("（一）开展督导（市卫生健康委牵头，市财政局配合）。",  # a note, as before
         [(["市卫生健康委"], ["市财政局"], True, "（市卫生健康委牵头，市财政局配合）")]),
        ("（一）各地要建立健全工作机制牵头，加强配合。", []),  # no bodies: no duty
        ("（一）推动形成以县级医院牵头，乡镇卫生院参与的医共体。", []),  # 牵头 inside a noun phrase
    ],
)
def test_a_lead_clause_without_brackets(sentence, expected) -> None:
    """A牵头，B配合 written in the text (or a note whose brackets were lost): an in-text duty."""
    got = policyparse.parse_text("某市方案\n一、任务\n" + sentence + "\n").documents[0].assignments
    assert [([x.name for x in a.lead], [x.name for x in a.support], a.explicit, a.raw) for a in got] == expected


def test_rule_registry_is_named_and_ordered() -> None:
    names = [n for n, _ in ASSIGNMENT_RULES]
    assert names[:4] == ["task_table", "unnumbered_task_table", "parenthetical", "labelled_note"]
    assert len(set(names)) == len(names)


# --------------------------------------------------------------------------- the data file


def test_agency_data_integrity() -> None:
    data = load_data("agencies.json")
    seen: Counter[str] = Counter()
    for canon, variants in data["aliases"].items():
        seen[canon] += 1
        seen.update(variants)
        assert canon not in variants
    dupes = [w for w, n in seen.items() if n > 1]
    assert dupes == [], f"spelling mapped to more than one canonical: {dupes}"
    for key in (
        "compound_names",
        "level_prefixes",
        "self_named_places",
        "self_named_suffixes",
        "body_suffixes",
    ):
        assert len(set(data[key])) == len(data[key]), key
    assert all(any(c in w for c in "和及与") for w in data["compound_names"])
    assert set(data["party_prefixes"]) <= set(data["level_prefixes"])
    roles = data["roles"]
    words = roles["joint"] + roles["lead"] + roles["resp"] + roles["support"] + roles["with"]
    assert len(set(words)) == len(words)


# --------------------------------------------------------------------------- the corpus


def _assignments(stem: str, doc: int = 0):
    pf = policyparse.parse_file(CORPUS / f"{stem}.txt")
    return pf, pf.documents[doc].assignments


def _compact(a) -> tuple:
    return (a.path, [x.name for x in a.lead], [x.name for x in a.support], a.jointly)


def test_corpus_ningxia() -> None:
    pf, found = _assignments("000_a0d76618a303aa9e")
    explicit = [a for a in found if a.explicit]
    assert len(explicit) == 29
    got = [_compact(a) for a in explicit]
    assert (
        ["三", "（一）", "1"],
        ["自治区卫生计生委"],
        ["自治区发展改革委", "自治区人力资源社会保障厅", "自治区财政厅"],
        False,
    ) in got
    assert (
        ["三", "（三）", "4"],
        ["宁夏保监局"],
        ["自治区人力资源社会保障厅", "自治区卫生计生委"],
        False,
    ) in got
    assert (
        ["三", "（四）", "1"],
        ["自治区食品药监局", "自治区卫生计生委", "自治区经济和信息化委"],
        [],
        True,
    ) in got
    # the second paragraph of item 1 has no number: its note belongs to item 1
    assert (["三", "（六）", "1"], ["自治区卫生计生委"], [], False) in got
    assert (["四", "（一）"], ["全区各级党委", "全区各级人民政府"], [], True) in got
    assert (["四", "（五）"], ["自治区党委宣传部"], ["自治区卫生计生委"], False) in got
    first = explicit[0]
    assert first.raw == "（自治区卫生计生委牵头，发展改革委、人力资源社会保障厅、财政厅配合）"
    assert first.lead[0].key == "自治区卫生健康委"
    # the second document of the file has no responsibility notes
    assert [a for a in pf.documents[1].assignments if a.explicit] == []


def test_corpus_guangxi() -> None:
    _pf, found = _assignments("004_7987ea6d96b72cd9")
    explicit = [a for a in found if a.explicit]
    assert len(explicit) == 20
    assert all(a.jointly for a in explicit)
    got = {a.path[-1]: _compact(a) for a in explicit}
    assert got["（一）"][1] == ["自治区医改领导小组秘书处", "各相关部门"]
    assert got["（六）"][1] == [
        "自治区卫生健康委",
        "自治区党委编办",
        "自治区发展改革委",
        "自治区教育厅",
        "自治区财政厅",
        "自治区人力资源社会保障厅",
        "自治区医保局",
        "自治区中医药局",
    ]
    assert "南宁海关" in got["（十二）"][1]
    assert got["（十四）"][1][:3] == ["自治区卫生健康委", "自治区党委宣传部", "自治区党委网信办"]
    assert got["（十七）"][1][-1] == "广西军区保障局"
    assert got["（二十）"][0] == ["四", "（二十）"]


def test_corpus_guyuan_table() -> None:
    _pf, found = _assignments("001_51fae38dd57fd7e4")
    rows = [a for a in found if a.explicit]
    assert [a.path for a in rows] == [["附件", str(i)] for i in range(1, 18)]
    assert _compact(rows[2])[1] == ["县（区）党委", "县（区）政府"]
    assert rows[0].deadline == "2020-11"
    assert rows[7].deadline == "2021-12"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_corpus_spans_match_raw(path: Path) -> None:
    pf = policyparse.parse_file(path)
    for d in pf.documents:
        for a in d.assignments:
            assert pf.text[a.span.start : a.span.end] == a.raw
            assert a.lead or a.support
            assert json.dumps(a.model_dump(mode="json"), ensure_ascii=False)


def test_new_model_builds_what_the_constructor_builds() -> None:
    """The extractors build models with new_model (the validator, without __init__'s wrapper)."""
    from policyparse.extract import new_model
    from policyparse.models import Agency, Span

    fields = {"name": "自治区财政厅", "raw": "财政厅", "key": "自治区财政厅"}
    built, made = new_model(Agency)(fields), Agency(**fields)
    assert type(built) is Agency and built == made
    assert built.model_fields_set == made.model_fields_set
    assert built.model_dump_json() == made.model_dump_json()
    assert new_model(Span)({"start": 1, "end": 2, "source_start": 3, "source_end": 4}) == Span(
        start=1, end=2, source_start=3, source_end=4
    )
    with pytest.raises(ValueError):  # still validated
        new_model(Span)({"start": "x", "end": 2, "source_start": 3, "source_end": 4})


def test_agencies_are_separate_objects() -> None:
    """The same body named in two notes gives two Agency objects: changing one in the output
    (a user's clean-up) never changes the other."""
    text = (
        "一、总体要求\n（一）甲任务（自治区卫生健康委牵头，财政厅配合）。\n"
        "（二）乙任务（自治区卫生健康委牵头，财政厅配合）。\n"
    )
    one = policyparse.parse_text(text).documents[0].assignments
    assert one[0].lead[0] == one[1].lead[0] and one[0].lead[0] is not one[1].lead[0]
    one[0].lead[0].name = "x"
    assert one[1].lead[0].name == "自治区卫生健康委"


#: pieces of unit lists: 〔…〕 after a name, an astral Han character and an astral digit
#: (\d of regex, not of re)
_UNIT_PIECES = "省 卫生 厅 〔 〕 （ ） ( ) 市、区 1 ２ \U00020000 \U00010d40 、 ， 。 【 】 县 〔市、区〕 （牵头）"
_UNIT_PIECES_ALL = [*_UNIT_PIECES.split(" "), "\n", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_UNIT_PIECES_ALL), max_size=10), st.integers(0, 2))
def test_label_unit_matches_the_full_pattern(pieces: list[str], pos: int) -> None:
    """_label_unit (stdlib re first) finds what _label_unit_rx finds, 〔…〕 and astral digits too."""
    from policyparse.extract.assignments import _label_unit, _label_unit_rx

    text = "".join(pieces)
    seps = "、，,；;：:/／ \t\u3000"
    pos = min(pos, len(text))
    full = _label_unit_rx(seps).match(text, pos, len(text))
    fast = _label_unit(text, pos, len(text), seps)
    assert (full and full.span()) == (fast and fast.span())


#: pieces of notes: rule phrases cut into parts, role and label words, units, separators
_NOTE_PIECES = (
    "排在 首位 者 为 是 牵头 单位 部门 第一 个 列 前 下同 责任 配合 负责 分别 按职责分工 "
    "会同 协助 完成 时限 ： 【 】 省 卫生健康委 财政厅 、 ， 。"
).split(" ")


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_NOTE_PIECES), max_size=14))
def test_note_tokens_without_rule_phrases(pieces: list[str]) -> None:
    """A note without 为牵头 and 是牵头 has the same tokens under token_words as under token:
    every first_leads phrase holds one (its pattern ends in (?:为|是)牵头(?:单位|部门))."""
    from policyparse.extract.assignments import agency_vocab

    v = agency_vocab()
    assert v.first_leads.pattern.endswith("(?:为|是)牵头(?:单位|部门)")
    text = "".join(pieces)
    full = [(m.span(), m.lastgroup) for m in v.token.finditer(text)]
    if "为牵头" not in text and "是牵头" not in text:
        assert [(m.span(), m.lastgroup) for m in v.token_words.finditer(text)] == full
    else:
        assert all(kind != "rule" or "为牵头" in text[a:b] or "是牵头" in text[a:b] for (a, b), kind in full)


def _bracket_pairs_plain(text: str, max_len: int) -> list[tuple[int, int]]:
    """Bracket pairing read character by character (the reference for _bracket_pairs)."""
    pairs, stack = [], []
    for i, ch in enumerate(text):
        if ch in "（(":
            stack.append(i)
        elif ch in "）)" and stack:
            o = stack.pop()
            if i + 1 - o <= max_len and text.count("\n", o, i) <= 1:  # (a note wrapped once)
                pairs.append((o, i + 1))
    return sorted(pairs)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["（", "(", "）", ")", "\n", "甲", "乙丙"]), max_size=30))
def test_bracket_pairs_match_the_plain_reading(pieces: list[str]) -> None:
    """_bracket_pairs (the pairs holding no bracket and no line break found by a regex, else
    openers and closers found apart, then merged) pairs as a plain scan does; a pair spans
    one line break at most."""
    from policyparse.extract.assignments import _bracket_pairs, _stack_bracket_pairs

    text = "".join(pieces)
    for max_len in (300, 4, 3, 2, 1):
        plain = _bracket_pairs_plain(text, max_len)
        assert _bracket_pairs(text, 0, len(text), max_len) == plain
        assert _stack_bracket_pairs(text, 0, len(text), max_len) == plain


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(["（甲）", "(乙)", "（丙)", "（）", "）", ")", "\n", "甲", "乙丙"]), max_size=20),
    st.integers(0, 3),
    st.integers(0, 3),
)
def test_bracket_pairs_of_simple_pairs(pieces: list[str], cut_start: int, cut_end: int) -> None:
    """Texts whose openers all open a pair holding no bracket and no line break (the regex
    reading of _bracket_pairs, without the stack), stray closers among them, read in part."""
    from policyparse.extract.assignments import _bracket_pairs

    text = "".join(pieces)
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    if start > end:
        return
    plain = [(a + start, b + start) for a, b in _bracket_pairs_plain(text[start:end], 300)]
    assert _bracket_pairs(text, start, end) == plain
    assert _bracket_pairs(text, start, end, 5) == [(a, b) for a, b in plain if b - a <= 5]


def test_bracket_pairs_cases() -> None:
    from policyparse.extract.assignments import _bracket_pairs

    cases = {
        "（甲）乙（丙）": [(0, 3), (4, 7)],
        "（甲(乙)丙）": [(0, 7), (2, 5)],  # nested: the stack
        "）（甲）)": [(1, 4)],  # stray closers
        "（甲\n乙）（丙）": [(0, 5), (5, 8)],  # one line break inside: a note wrapped once
        "（甲\n乙\n丙）（丁）": [(7, 10)],  # two: dropped
        "(甲）（乙)": [(0, 3), (3, 6)],  # mixed kinds
        "（甲（乙）": [(2, 5)],  # an opener left open
        "": [],
    }
    for text, pairs in cases.items():
        assert _bracket_pairs(text, 0, len(text)) == pairs, text
        assert _bracket_pairs_plain(text, 300) == pairs, text
    long = "（" + "甲" * 298 + "）"
    assert _bracket_pairs(long, 0, len(long)) == [(0, 300)]
    assert _bracket_pairs("（" + long[1:-1] + "甲）", 0, 301) == []


#: pieces around labels: label words (cut too), brackets, colons, units
_LABEL_PIECES = (
    "责任 单位 责任单位 牵头单位 配合部门 配合 牵头 下同 【 】 [ ] 〔 〕 ： 省财政厅 、 ，"
).split(" ")


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=8), st.integers(0, 6))
def test_label_forms_and_gate_match_the_label_pattern(pieces: list[str], pos: int) -> None:
    """note_labels().forms is the set note_labels().rx matches whole, tokens adds 下同 and the
    label words; a label match at pos needs an opening bracket or a label word there (the gate
    rule_labelled_note tests before the regex)."""
    from policyparse.extract.assignments import _LABEL_OPENS, agency_vocab, note_labels

    labels = note_labels()
    text = "".join(pieces)
    pos = min(pos, len(text))
    assert (text in labels.forms) == bool(labels.rx.fullmatch(text))
    assert (text in labels.tokens) == bool(
        text == "下同" or text in agency_vocab().labels or labels.rx.fullmatch(text)
    )
    if labels.rx.match(text, pos, len(text)):
        assert text[pos] in _LABEL_OPENS or text[pos : pos + 4] in labels.words


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_NOTE_PIECES, "（", "）", "（牵头）", "按各自职责", "人", "任"]), max_size=14))
def test_note_without_a_role_word_is_no_note(pieces: list[str]) -> None:
    """_read_note reads no note without a role or label word although it no longer tests
    for one first (its callers have): such a note has no role or label token."""
    from policyparse.extract.assignments import _read_note, agency_vocab

    text = "".join(pieces)
    if not agency_vocab().role_words.search(text):
        for scrambled in (False, True):
            assert _read_note(text, False, scrambled) is None


def test_role_words_are_their_own_bare_words() -> None:
    """_read_note takes a role token's text as its word (_bare_word strips nothing from it)."""
    from policyparse.extract.assignments import _bare_word, agency_vocab

    assert all(_bare_word(w) == w for w in agency_vocab().roles)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["甲" * 500, "乙" * 999, "\n", "丙"]), max_size=40), st.integers(0, 3))
def test_is_scrambled_counts_as_the_plain_rule(pieces: list[str], skip: int) -> None:
    """_is_scrambled (line breaks looked for up to the needed number) is the plain count rule."""
    from policyparse.extract.assignments import _is_scrambled

    text = "".join(pieces)
    for start, end in ((0, len(text)), (min(skip * 400, len(text)), max(len(text) - skip, 0))):
        n = end - start
        plain = n > 2000 and text.count("\n", start, end) * 2000 < n
        assert _is_scrambled(text, start, end) == plain


@pytest.mark.parametrize(
    ("text", "scrambled"),
    [
        ("甲" * 2000, False),  # not over 2000 characters
        ("甲" * 2001, True),
        ("甲" * 3998 + "\n\n", False),  # 2 breaks in 4000: 4000 < 4000 fails
        ("甲" * 3999 + "\n", True),
        ("甲" * 3999 + "\n\n", True),  # 4001 characters need 3 breaks: 2 * 2000 < 4001
        ("甲" * 3998 + "\n\n\n", False),
    ],
)
def test_is_scrambled_at_the_boundary(text: str, scrambled: bool) -> None:
    from policyparse.extract.assignments import _is_scrambled

    plain = len(text) > 2000 and text.count("\n") * 2000 < len(text)
    assert _is_scrambled(text, 0, len(text)) == plain == scrambled


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["省", "卫生厅", "，", " ", "\n", "。", "（", "要", "\u3000", "\U00020000"]), max_size=30))
def test_to_unit_run_is_the_plain_rule(pieces: list[str]) -> None:
    """_TO_UNIT_RUN ends after the last character a unit list never holds (at the start if none)."""
    from policyparse.extract.assignments import _NOT_UNITS, _TO_UNIT_RUN

    text = "".join(pieces)
    for lo in range(min(len(text), 3) + 1):
        for hi in range(lo, len(text) + 1):
            ends = [i + 1 for i in range(lo, hi) if re.fullmatch(f"[{_NOT_UNITS}]", text[i])]
            m = _TO_UNIT_RUN.match(text, lo, hi)
            assert m is not None and m.end() == (ends[-1] if ends else lo)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["各县", "（", "）", "(", ")", "市、区", "，", "。", "人民政府", " ", "2025年"]), max_size=14))
def test_unit_run_start_takes_glued_brackets_only(pieces: list[str]) -> None:
    """_unit_run_start: the run it finds holds no character a unit list never holds except
    inside glued brackets (a short bracket with a name's character before it), and it is the
    longest such run: it starts at lo or after such a character that closes no glued bracket."""
    from policyparse.extract.assignments import _GLUED_BRACKET, _NOT_UNITS, _unit_run_start

    text = "".join(pieces)
    glued = re.compile(f"(?<=[^{_NOT_UNITS}]){_GLUED_BRACKET}")
    for lo in range(min(len(text), 2) + 1):
        for hi in range(lo, len(text) + 1):
            r = _unit_run_start(text, lo, hi)
            assert lo <= r <= hi
            assert not re.search(f"[{_NOT_UNITS}]", glued.sub("", text[r:hi]))
            if r > lo:
                assert re.fullmatch(f"[{_NOT_UNITS}]", text[r - 1])
                assert not re.search(f"(?<=[^{_NOT_UNITS}]){_GLUED_BRACKET}$", text[lo:r])


def test_no_role_word_is_shorter_than_role_word_min() -> None:
    """rule_parenthetical skips a pair whose inside is shorter than role_word_min (（一）, （1）):
    role_words matches only role and label words, none of them shorter."""
    from policyparse.extract.assignments import agency_vocab

    v = agency_vocab()
    words = (*v.roles, *v.labels)
    assert v.role_word_min == min(map(len, words)) >= 2
    assert all(v.role_words.fullmatch(w) for w in words)
    assert not any(v.role_words.search(w[: v.role_word_min - 1]) for w in words)


# prose notes as real documents write them (probe of 2026-12-02): each row is the text after a
# plan's first item, and the assignments expected (path, lead, support, jointly, explicit, deadline)
_ITEM = "某市人民政府办公室关于印发某实施方案的通知\n一、主要任务\n（一）推进城乡融合发展。"
_PROSE_NOTES = [
    (  # a note wrapped onto the next line (PDF text too short to show its width)
        "（市发展改革委牵头，市财政局、市自然资源局\n配合）\n（二）加强生态保护。\n",
        [(["一", "（一）"], ["市发展改革委"], ["市财政局", "市自然资源局"], False, True, None)],
    ),
    (  # …inside a name, and a labelled one
        "（县交通运输局牵头，县公安局、县\n住建局配合）\n",
        [(["一", "（一）"], ["县交通运输局"], ["县公安局", "县住建局"], False, True, None)],
    ),
    (
        "（责任单位：区城市管理局、区\n市场监管局）\n",
        [(["一", "（一）"], ["区城市管理局", "区市场监管局"], [], False, True, None)],
    ),
    (  # the task before 由 is no part of the name
        "（此项工作由省自然资源厅负责）\n",
        [(["一", "（一）"], ["省自然资源厅"], [], False, True, None)],
    ),
    ("（该项任务由州生态环境局牵头，州水利局配合）\n", [(["一", "（一）"], ["州生态环境局"], ["州水利局"], False, True, None)]),
    (  # a stray space inside a name (PDF text)
        "（省 财政厅牵头，省人力资源 社会保障厅、省教育厅配合）\n",
        [(["一", "（一）"], ["省财政厅"], ["省人力资源社会保障厅", "省教育厅"], False, True, None)],
    ),
    (  # a space between two names stays a separator
        "（责任单位：市财政局 市教育局）\n",
        [(["一", "（一）"], ["市财政局", "市教育局"], [], False, True, None)],
    ),
    (  # units a list holds beside the agencies: collective areas, party organs, schools, military
        "（市住建局牵头，各县区、市委党校、南宁军分区配合）\n",
        [(["一", "（一）"], ["市住建局"], ["各县区", "市委党校", "南宁军分区"], False, True, None)],
    ),
    ("（省纪委监委机关、省委机要保密局按职责分工负责）\n", [(["一", "（一）"], ["省纪委监委机关", "省委机要保密局"], [], True, True, None)]),
    (  # bodies naming their own place or zone take no carried prefix
        "（市发展改革委牵头，柳州高新区管委会、武警南宁支队、民航广西监管局配合）\n",
        [(["一", "（一）"], ["市发展改革委"], ["柳州高新区管委会", "武警南宁支队", "民航广西监管局"], False, True, None)],
    ),
    (  # a party department after a party organ takes the party committee's prefix
        "（省委组织部牵头，宣传部、教育厅配合）\n",
        [(["一", "（一）"], ["省委组织部"], ["省委宣传部", "省教育厅"], False, True, None)],
    ),
    ("（自治区卫生健康委牵头，统战部、财政厅配合）\n", [(["一", "（一）"], ["自治区卫生健康委"], ["自治区党委统战部", "自治区财政厅"], False, True, None)]),
    (  # a deadline labelled inside the note, without 底/前
        "（牵头单位：省交通运输厅；完成时限：2025年6月）\n",
        [(["一", "（一）"], ["省交通运输厅"], [], False, True, "2025-06")],
    ),
    (  # full-width square brackets around labels
        "［牵头单位：市交通运输局；配合单位：市公安局］\n",
        [(["一", "（一）"], ["市交通运输局"], ["市公安局"], False, True, None)],
    ),
    (  # lead and support labels in two sentences
        "牵头部门：市公安局。配合部门：市交通运输局、市城管局。\n",
        [(["一", "（一）"], ["市公安局"], ["市交通运输局", "市城管局"], False, True, None)],
    ),
    (  # labels followed by 为 instead of a colon
        "责任单位为市交通运输局，配合单位为市公安局。\n",
        [(["一", "（一）"], ["市交通运输局"], ["市公安局"], False, True, None)],
    ),
    (  # in running text: A会同B负责; support after 负责…，; 分别负责 is joint
        "省住房城乡建设厅会同省财政厅负责制定实施细则。\n",
        [(["一", "（一）"], ["省住房城乡建设厅"], ["省财政厅"], False, False, None)],
    ),
    ("由市交通运输局负责组织实施，市公安局配合。\n", [(["一", "（一）"], ["市交通运输局"], ["市公安局"], False, False, None)]),
    ("由县交通运输局负责组织实施，县公安局配合做好交通组织。\n", [(["一", "（一）"], ["县交通运输局"], ["县公安局"], False, False, None)]),
    (  # two duties in one sentence, apart by ，: each its own
        "省财政厅负责资金保障，省教育厅负责组织实施。\n",
        [(["一", "（一）"], ["省财政厅"], [], False, False, None), (["一", "（一）"], ["省教育厅"], [], False, False, None)],
    ),
    (  # 2024年内 inside a note is due by the year's end
        "（区市场监管局牵头，区公安分局配合，2024年内完成）\n",
        [(["一", "（一）"], ["区市场监管局"], ["区公安分局"], False, True, "2024-12")],
    ),
    ("由市发展改革委、市财政局分别负责。\n", [(["一", "（一）"], ["市发展改革委", "市财政局"], [], True, False, None)]),
    (  # 由A负责，B按职责分工配合 (as 由A牵头，B配合)
        "由市住房城乡建设局负责，市自然资源和规划局、市生态环境局按职责分工配合。\n",
        [(["一", "（一）"], ["市住房城乡建设局"], ["市自然资源和规划局", "市生态环境局"], False, False, None)],
    ),
    (  # A会同B + any duty's verb: A leads, B supports; the partners end where the duty begins
        "市教育局会同市人力资源社会保障局制定实施细则。\n",
        [(["一", "（一）"], ["市教育局"], ["市人力资源社会保障局"], False, False, None)],
    ),
    (
        "省发展改革委会同省财政厅、宣传部等部门研究出台支持政策。\n",
        [(["一", "（一）"], ["省发展改革委"], ["省财政厅", "省委宣传部"], False, False, None)],
    ),
    (  # a verb ending like a body's name (召开协调会) is no partner
        "市财政局会同市审计局组织召开协调会。\n",
        [(["一", "（一）"], ["市财政局"], ["市审计局"], False, False, None)],
    ),
    ("各地要会同有关部门做好宣传。\n", []),  # no body leads
    # (review) a partner's name holding a verb (组织部) is read whole; a verb before the lead
    # (督促…) makes it no lead; a past event (…了) or a modifier (…的) is no duty
    ("市教育局会同市委组织部制定人才政策。\n", [(["一", "（一）"], ["市教育局"], ["市委组织部"], False, False, None)]),
    ("督促市教育局会同市财政局制定实施细则。\n", []),
    ("教育部会同财政部制定实施细则。\n", [(["一", "（一）"], ["教育部"], ["财政部"], False, False, None)]),  # ministries
    ("全部会同有关方面研究。\n", []),  # 全部 is no ministry
    ("经信委会同市财政局制定实施细则。\n", [(["一", "（一）"], ["经信委"], ["市财政局"], False, False, None)]),  # 经 opens a name
    ("近年来，市教育局会同市财政局出台了一系列政策。\n", []),
    ("市教育局会同市财政局制定的实施细则已经印发。\n", []),
    # 由A负责，B配合: an adverb before 配合 is no part of B; B要… is a duty of its own; 各地 leads nothing
    ("由市教育局负责，各有关部门积极配合。\n", [(["一", "（一）"], ["市教育局"], ["各有关部门"], False, False, None)]),
    (
        "由市教育局负责，各有关部门要积极配合。\n",
        [(["一", "（一）"], ["市教育局"], [], False, False, None), (["一", "（一）"], ["各有关部门"], [], False, False, None)],
    ),
    ("由各地负责，有关部门配合。\n", []),
    (  # a place's alternatives in brackets inside a name, in running text (要 / 负责 / 牵头…配合)
        "各县（市、区）人民政府要将规划纳入本地发展规划。\n",
        [(["一", "（一）"], ["各县（市、区）人民政府"], [], False, False, None)],
    ),
    ("各市（州）人民政府负责组织实施。\n", [(["一", "（一）"], ["各市（州）人民政府"], [], False, False, None)]),
    (
        "市卫生健康委牵头，市发展改革委、各县（市、区）人民政府配合。\n",
        [(["一", "（一）"], ["市卫生健康委"], ["市发展改革委", "各县（市、区）人民政府"], False, False, None)],
    ),
    (
        "各县（区）人民政府牵头，县卫生健康局配合，加快建设。\n",
        [(["一", "（一）"], ["各县（区）人民政府"], ["县卫生健康局"], False, False, None)],
    ),
    # collective places owe in-text duties too (各县区, 各乡镇（街道）, 各镇街), but not 各地
    ("各县区要加快推进建设。\n", [(["一", "（一）"], ["各县区"], [], False, False, None)]),
    ("各乡镇（街道）要于2024年9月底前完成改造。\n", [(["一", "（一）"], ["各乡镇（街道）"], [], False, False, None)]),
    ("各镇街负责做好宣传。\n", [(["一", "（一）"], ["各镇街"], [], False, False, None)]),
    ("各地要加快推进建设。\n", []),
    # guards: a bracket that is no part of a name (a date, a sentence, a marker) opens no unit run
    ("完善制度（2025年底前）要加快推进。\n", []),
    ("加强建设（详见附件）负责人要到岗。\n", []),
    (  # the opening bracket lost
        "市交通运输局牵头，市公安局、市住建局配合）\n",
        [(["一", "（一）"], ["市交通运输局"], ["市公安局", "市住建局"], False, False, None)],
    ),
]


def test_an_item_that_is_one_duty_sentence():
    """A numbered item whose whole text is one sentence of duty (its heading's title is the
    sentence): 由A负责，B…配合 and A会同B制定… are found there too."""
    text = (
        "某市实施方案\n一、重点任务\n"
        "（一）由市住房城乡建设局负责，市自然资源和规划局、市生态环境局按职责分工配合。\n"
        "（二）市教育局会同市人力资源社会保障局制定实施细则。\n"
    )
    got = policyparse.parse_text(text).documents[0].assignments
    assert [(a.path, [x.name for x in a.lead], [x.name for x in a.support]) for a in got] == [
        (["一", "（一）"], ["市住房城乡建设局"], ["市自然资源和规划局", "市生态环境局"]),
        (["一", "（二）"], ["市教育局"], ["市人力资源社会保障局"]),
    ]


@pytest.mark.parametrize(("after", "expected"), _PROSE_NOTES, ids=[a[:12] for a, _ in _PROSE_NOTES])
def test_prose_notes_as_written(after: str, expected: list) -> None:
    pf = policyparse.parse_text(_ITEM + after)
    got = pf.documents[0].assignments
    assert [
        (a.path, [x.name for x in a.lead], [x.name for x in a.support], a.jointly, a.explicit, a.deadline) for a in got
    ] == expected
    assert all(pf.text[a.span.start : a.span.end] == a.raw for a in got)


def test_the_first_listed_unit_leads_where_the_document_says_so() -> None:
    """排在第一位的为牵头单位 stated before the items, inside a note, or in a bracket after a
    labelled note: bare lists of bodies ending an item become notes, the first unit leading."""
    before = "某县人民政府关于印发某方案的通知\n以下各项任务，排在第一位的为牵头单位。\n一、主要任务\n"
    text = before + "（一）推进农村改厕。（县农业农村局、县卫生健康局）\n（二）完善设施（县住建局）建设。\n"
    got = policyparse.parse_text(text).documents[0].assignments
    assert [([x.name for x in a.lead], [x.name for x in a.support]) for a in got] == [
        (["县农业农村局"], ["县卫生健康局"])  # (a bracket inside a sentence is an aside)
    ]
    inside = _ITEM + "（省财政厅、省发展改革委，排在首位者为牵头单位，下同）\n（二）推进YY。（省财政厅、省教育厅）\n"
    got = policyparse.parse_text(inside).documents[0].assignments
    assert [(a.path, [x.name for x in a.lead], [x.name for x in a.support]) for a in got] == [
        (["一", "（一）"], ["省财政厅"], ["省发展改革委"]),
        (["一", "（二）"], ["省财政厅"], ["省教育厅"]),
    ]
    after = _ITEM + "责任单位：县农业农村局、县财政局（排在第一位的为牵头单位，下同）\n"
    (a,) = policyparse.parse_text(after).documents[0].assignments
    assert ([x.name for x in a.lead], [x.name for x in a.support]) == (["县农业农村局"], ["县财政局"])
    assert a.raw.endswith("（排在第一位的为牵头单位，下同）")
    # without the statement, a bare list is no note
    assert policyparse.parse_text(_ITEM + "（市市场监管局、市税务局）\n").documents[0].assignments == []


@pytest.mark.parametrize(
    "footnote", ["注：排在第一位的为牵头单位。", "备注：各项任务第一个为牵头单位，其他为配合单位。", "（注：排名第一的为牵头单位）"]
)
def test_a_footnote_saying_the_first_unit_leads_speaks_of_the_notes_above(footnote: str) -> None:
    """注：排在第一位的为牵头单位 after the items (a plan's or a task table's footnote): their
    notes, labelled or bare, and the table's rows lead with their first unit."""
    head = "某县人民政府关于印发某方案的通知\n一、主要任务\n"
    text = head + "（一）推进农村改厕。（县农业农村局、县卫生健康局）\n（二）完善设施建设。（责任单位：县住建局、县财政局）\n"
    got = policyparse.parse_text(text + footnote + "\n").documents[0].assignments
    assert [(a.path, [x.name for x in a.lead], [x.name for x in a.support]) for a in got] == [
        (["一", "（一）"], ["县农业农村局"], ["县卫生健康局"]),
        (["一", "（二）"], ["县住建局"], ["县财政局"]),
    ]
    table = "某县人民政府关于印发某方案的通知\n附件\n重点任务分工表\n序号\t重点任务\t责任单位\n1\t推进农村改厕\t县农业农村局、县卫生健康局\n"
    (a,) = policyparse.parse_text(table + footnote + "\n").documents[0].assignments
    assert ([x.name for x in a.lead], [x.name for x in a.support]) == (["县农业农村局"], ["县卫生健康局"])
    # guards: without a footnote, or with the statement in a body sentence after the notes (no
    # label: it speaks from there on), the labelled note's units all lead and the bare list is none
    for after in ("说明事项如下。\n", "今后各项任务中排在第一位的为牵头单位。\n"):
        (a,) = policyparse.parse_text(text + after).documents[0].assignments
        assert [x.name for x in a.lead] == ["县住建局", "县财政局"]


def test_asides_and_separators_are_not_read_as_notes_or_names() -> None:
    """Under 排在第一位的为牵头单位, a bracket closing a sentence's words is an aside; a space
    between a unit and a name opening with its own level separates two units."""
    text = (
        "某市关于做好某某工作的通知\n排在第一位的为牵头单位，下同。\n一、重点任务\n"
        "（一）压实属地责任。考核对象为各县区人民政府（高新区管委会、经开区管委会）。\n"
    )
    assert policyparse.parse_text(text).documents[0].assignments == []
    (a,) = policyparse.parse_text(_ITEM + "（市发展改革委牵头，县区 市财政局配合）\n").documents[0].assignments
    assert "县区市财政局" not in [x.name for x in a.support]
    done = _ITEM + "2023年，全市完成改造85个，市交通运输局负责的公交线网优化已完成。\n"
    assert policyparse.parse_text(done).documents[0].assignments == []  # a report, no duty


def test_a_note_on_the_items_above_belongs_to_their_section() -> None:
    text = (
        "某省人民政府办公厅关于印发某方案的通知\n一、主要任务\n（一）强化耕地保护\n1.严格占补平衡。\n"
        "2.加强用途管制。\n（以上任务由省自然资源厅牵头，省农业农村厅配合）\n（二）推进YY\n"
    )
    (a,) = policyparse.parse_text(text).documents[0].assignments
    assert a.path == ["一", "（一）"] and [x.name for x in a.lead] == ["省自然资源厅"]
    # after a first item's own text, 以上 is that item's work
    own = _ITEM + "建立紧密型医联体。\n（以上工作由市卫生健康委牵头，市医保局配合）\n（二）推进YY。\n"
    (a,) = policyparse.parse_text(own).documents[0].assignments
    assert a.path == ["一", "（一）"]
