"""Targets (issue #5): rule tables, a property test and corpus checks.

Every case goes through the real pipeline (``policyparse.parse_text``): the
sentence is placed under a heading of a small plan.

Table format, one case per line (``-`` = null):

    sentence | value | value_max | unit | comparator | year | deadline | kind | indicator

When a sentence yields several targets, the line says which one with ``#n``
after the sentence (0-based, in document order).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyparse

PLAN = "某某省深化医药卫生体制改革实施方案\n\n一、主要目标\n\n{}\n"
PLAN_2021 = "某某省深化医药卫生体制改革2021年重点工作任务\n\n一、重点任务\n\n{}\n"
BACKGROUND = "某某省卫生健康规划\n\n一、规划背景\n\n{}\n\n二、主要目标\n\n到2025年，基本建立制度。\n"


def targets_of(text: str):
    pf = policyparse.parse_text(text)
    out = [t for d in pf.documents for t in d.targets]
    for t in out:
        assert pf.text[t.span.start : t.span.end] == t.raw
    return out


def _parse_table(table: str):
    cases = []
    for no, line in enumerate(table.strip("\n").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split(" | ")]
        assert len(cells) == 9, line
        sentence, *rest = cells
        index = 0
        if " #" in sentence:
            sentence, idx = sentence.rsplit(" #", 1)
            index = int(idx)
        cases.append(pytest.param(sentence, index, rest, id=f"L{no}:{sentence[:18]}"))
    return cases


def _val(s: str):
    if s == "-":
        return None
    try:
        return float(s)
    except ValueError:
        return int(s) if s.isdigit() else s


def _check_row(plan: str, sentence: str, index: int, expected: list[str]) -> None:
    """The index-th target of the sentence placed in plan reads exactly as the table row says."""
    ts = targets_of(plan.format(sentence))
    assert len(ts) > index, [t.raw for t in ts]
    t = ts[index]
    value, value_max, unit, comparator, year, deadline, kind, indicator = (_val(x) for x in expected)
    got = (t.value, t.value_max, t.unit, t.comparator, t.year, t.deadline, t.kind, t.indicator)
    assert got == (value, value_max, unit, comparator, year, deadline, kind, indicator)


NUMBERS = """
到2020年，居民人均预期寿命达到76岁。 | 76 | - | 岁 | = | 2020 | - | target | 居民人均预期寿命
到2020年，基本医保参保率稳定在95%以上。 | 95 | - | % | >= | 2020 | - | target | 基本医保参保率
到2020年，婴儿死亡率下降到6.5‰以内。 | 6.5 | - | ‰ | <= | 2020 | - | target | 婴儿死亡率
到2020年，孕产妇死亡率控制在17/10万以内。 | 17 | - | /10万 | <= | 2020 | - | target | 孕产妇死亡率
到2025年，每千常住人口执业（助理）医师数达到3.2人。 | 3.2 | - | 人 | = | 2025 | - | target | 每千常住人口执业（助理）医师数
到2025年，每千常住人口床位数达到6.5张左右。 | 6.5 | - | 张 | ~ | 2025 | - | target | 每千常住人口床位数
到2022年，人均基本公共卫生服务经费补助标准提高到1,200元。 | 1200 | - | 元 | = | 2022 | - | target | 人均基本公共卫生服务经费补助标准
到２０２２年，参保人数达到３５０万人以上。 | 350 | - | 万人 | >= | 2022 | - | target | 参保人数
到2020年，公立医院人员支出占业务支出的比例调控在35%-50%。 | 35 | 50 | % | range | 2020 | - | target | 公立医院人员支出占业务支出的比例
使全区每个乡镇卫生院至少有2名—3名全科医生。 | 2 | 3 | 名 | range | - | - | target | 每个乡镇卫生院全科医生数
到2025年，每万名居民拥有全科医生2—3名。 | 2 | 3 | 名 | range | 2025 | - | target | 每万名居民拥有全科医生
到2020年，个人卫生支出占卫生总费用的比重下降十个百分点。 | 10 | - | 个百分点 | = | 2020 | - | target | 个人卫生支出占卫生总费用的比重
到2020年，基层诊疗量占比达到百分之六十五以上。 | 65 | - | % | >= | 2020 | - | target | 基层诊疗量占比
到2020年，药品费用降低两成。 | 20 | - | % | = | 2020 | - | target | 药品费用
到2030年，城乡居民收入翻一番。 | 2 | - | 倍 | = | 2030 | - | target | 城乡居民收入
到2025年，超过一半的县级医院达到三级医院服务能力。 | 50 | - | % | >= | 2025 | - | target | 达到三级医院服务能力的县级医院比例
服务项目由2011年的10大类43项增加到2015年12大类52项。 #0 | 10 | - | 大类 | = | 2011 | - | baseline | 服务项目
服务项目由2011年的10大类43项增加到2015年12大类52项。 #3 | 52 | - | 项 | = | 2015 | - | target | 服务项目
到2020年，全区打造100个县级重点专科。 | 100 | - | 个 | = | 2020 | - | target | 打造县级重点专科数
到2020年，新建社区卫生服务中心25家。 | 25 | - | 家 | = | 2020 | - | target | 新建社区卫生服务中心
"""

COMPARATORS = """
到2020年，家庭医生签约服务覆盖率达到30%以上。 | 30 | - | % | >= | 2020 | - | target | 家庭医生签约服务覆盖率
到2020年，财政补助收入占总支出的比重不低于25%。 | 25 | - | % | >= | 2020 | - | target | 财政补助收入占总支出的比重
到2020年，实行按病种付费的病种不少于100个。 | 100 | - | 个 | >= | 2020 | - | target | 实行按病种付费的病种
到2020年，每个县至少有1家县级中医医院。 | 1 | - | 家 | >= | 2020 | - | target | 每个县县级中医医院数
到2020年，提供特需服务的比例不超过全部医疗服务的10%。 | 10 | - | % | <= | 2020 | - | target | 提供特需服务的比例
到2020年，医疗费用增长幅度降到10%以下。 | 10 | - | % | <= | 2020 | - | target | 医疗费用增长幅度
到2020年，平均住院日不高于9天。 | 9 | - | 天 | <= | 2020 | - | target | 平均住院日
到2020年，个人卫生支出占比降到28%左右。 | 28 | - | % | ~ | 2020 | - | target | 个人卫生支出占比
到2020年，县域内就诊率约90%。 | 90 | - | % | ~ | 2020 | - | target | 县域内就诊率
到2020年，重点人群签约服务率达到39.9%。 | 39.9 | - | % | = | 2020 | - | target | 重点人群签约服务率
到2020年，对各级各类医疗卫生机构监督检查实现100%覆盖。 | 100 | - | % | = | 2020 | - | target | 各级各类医疗卫生机构监督检查覆盖率
到2020年，孕产妇死亡率、婴儿死亡率分别下降到17/10万和6.5‰以内。 #0 | 17 | - | /10万 | <= | 2020 | - | target | 孕产妇死亡率
到2020年，孕产妇死亡率、婴儿死亡率分别下降到17/10万和6.5‰以内。 #1 | 6.5 | - | ‰ | <= | 2020 | - | target | 婴儿死亡率
城镇职工、城乡居民住院费用报销比例分别提高到76%和65%。 #0 | 76 | - | % | = | - | - | target | 城镇职工住院费用报销比例
城镇职工、城乡居民住院费用报销比例分别提高到76%和65%。 #1 | 65 | - | % | = | - | - | target | 城乡居民住院费用报销比例
"""

DATES = """
力争到2020年，县域内就诊率达到90%。 | 90 | - | % | = | 2020 | - | target | 县域内就诊率
2017年，县域内就诊率达到90%。 | 90 | - | % | = | 2017 | - | target | 县域内就诊率
到2017年底，县域内就诊率达到90%。 | 90 | - | % | = | 2017 | 2017-12 | target | 县域内就诊率
2021年底前出台新版医疗服务项目价格规范。 | - | - | - | - | 2021 | 2021-12 | deadline | 出台新版医疗服务项目价格规范
2021年10月底前出台公立医院高质量发展实施方案。 | - | - | - | - | 2021 | 2021-10 | deadline | 出台公立医院高质量发展实施方案
到2021年6月，建成市级全民健康信息平台。 | - | - | - | - | 2021 | 2021-06 | deadline | 建成市级全民健康信息平台
各市制定实施细则，并于2022年9月15日前报省医保局备案。 #0 | - | - | - | - | 2022 | 2022-09 | deadline | 报省医保局备案
一是完善制度。二是2022年底前建成省级医保信息平台。 | - | - | - | - | 2022 | 2022-12 | deadline | 建成省级医保信息平台
2025年前建成区域医疗中心。 | - | - | - | - | 2025 | - | deadline | 建成区域医疗中心
“十三五”期间，每个县建成1所达到二级甲等水平的县医院。 | 1 | - | 所 | = | - | - | target | 每个县建成达到二级甲等水平的县医院
到2017年，基本形成较为系统的基本医疗卫生制度政策框架。 | - | - | - | - | 2017 | - | deadline | 基本形成较为系统的基本医疗卫生制度政策框架
到2017年，设区的市全部开展分级诊疗试点，县域内就诊率达到90%左右。 #0 | - | - | - | - | 2017 | - | deadline | 设区的市全部开展分级诊疗试点
到2017年，设区的市全部开展分级诊疗试点，县域内就诊率达到90%左右。 #1 | 90 | - | % | ~ | 2017 | - | target | 县域内就诊率
到2020年，居民人均预期寿命达到76岁，婴儿死亡率降到6‰以下。 #1 | 6 | - | ‰ | <= | 2020 | - | target | 婴儿死亡率
"""

# a change by how much: what changes, never a lone character; 比…/较… (what it is measured
# against) is not part of the indicator; an elided subject is the clause before's
CHANGES = """
到2025年，卫生健康人才总量达到120万人，年均增长5%左右。 #1 | 5 | - | % | ~ | 2025 | - | target | 卫生健康人才总量年均增长
到2025年，地区生产总值年均增长7%。 | 7 | - | % | = | 2025 | - | target | 地区生产总值年均增长
年均增长5%左右。 | 5 | - | % | ~ | - | - | target | 年均增长
到2025年，门诊费用比2020年下降10%。 | 10 | - | % | = | 2025 | - | target | 门诊费用
到2025年，床位使用率较上年提高2个百分点。 | 2 | - | 个百分点 | = | 2025 | - | target | 床位使用率
到2025年，业务收入增长15%以上。 | 15 | - | % | >= | 2025 | - | target | 业务收入
到2025年，业务收入达到100亿元，增长15%以上。 #1 | 15 | - | % | >= | 2025 | - | target | 业务收入增长
门诊量同比增长10%。 | 10 | - | % | = | - | - | target | 门诊量
"""

# a year range is a period (a plan's), not a date: no deadline, but the numbers of a sentence it
# opens are due at its end; a responsibility note whose brackets were lost (责任单位，A，B) is no
# deliverable and ends the one before it
PERIODS_AND_NOTES = """
2016—2020年，每年培训全科医生100人。 | 100 | - | 人 | = | 2020 | - | target | 每年培训全科医生
2016年至2020年，每年培训全科医生100人。 | 100 | - | 人 | = | 2020 | - | target | 每年培训全科医生
2021—2023年，医疗卫生投入年均增长6%左右，个人卫生支出占比下降到26%以下。 #1 | 26 | - | % | <= | 2023 | - | target | 个人卫生支出占比
落实规划（2015—2020年），到2020年，建成区域医疗中心。 | - | - | - | - | 2020 | - | deadline | 建成区域医疗中心
到2020年，增长幅度稳定在合理水平，责任单位，省卫生计生委，各市政府分别负责。 | - | - | - | - | 2020 | - | deadline | 增长幅度稳定在合理水平
到2020年，70%的村卫生室具备中医药服务能力，责任单位，各市政府。 | 70 | - | % | = | 2020 | - | target | 具备中医药服务能力的村卫生室比例
到2025年实现乡村医生中具有执业（助理）医师资格的人员比例达到45%以上（自治区卫生健康委牵头，财政厅配合）。 | 45 | - | % | >= | 2025 | - | target | 乡村医生中具有执业（助理）医师资格的人员比例
2022年底前出台基层卫生专业技术人员职称评审办法（省人力资源社会保障厅牵头，省卫生健康委配合）。 | - | - | - | - | 2022 | 2022-12 | deadline | 出台基层卫生专业技术人员职称评审办法
到2025年，每千人口床位数达到6张（含中医床位）。 | 6 | - | 张 | = | 2025 | - | target | 每千人口床位数
到2025年，建成区域医疗中心（省卫生健康委牵头，各市（州）人民政府负责落实）。 | - | - | - | - | 2025 | - | deadline | 建成区域医疗中心
"""

# an aimed-at date opening a sentence governs the numbers of the paragraph's following
# sentences until another date, or a sentence about the present (目前, 已经 …)
PARAGRAPHS = """
到2025年，卫生健康人才总量达到120万人，年均增长5%左右。每千人口执业（助理）医师数提高到3.2人，每千人口注册护士数提高到4人以上。 #2 | 3.2 | - | 人 | = | 2025 | - | target | 每千人口执业（助理）医师数
到2025年，卫生健康人才总量达到120万人，年均增长5%左右。每千人口执业（助理）医师数提高到3.2人，每千人口注册护士数提高到4人以上。 #3 | 4 | - | 人 | >= | 2025 | - | target | 每千人口注册护士数
到2017年底，县域内就诊率达到90%。人才结构更加优化。重点人群签约服务覆盖率达到60%以上。 #1 | 60 | - | % | >= | 2017 | 2017-12 | target | 重点人群签约服务覆盖率
到2017年，县域内就诊率达到90%。到2020年，家庭医生签约服务覆盖率达到30%以上。重点人群签约服务覆盖率达到60%以上。 #2 | 60 | - | % | >= | 2020 | - | target | 重点人群签约服务覆盖率
到2025年，卫生健康人才总量达到120万人。目前，每千人口注册护士数为3人。床位使用率达到90%。 #2 | 90 | - | % | = | - | - | target | 床位使用率
到2030年，床位使用率达到85%；平均住院日缩短到8天以内。 #1 | 8 | - | 天 | <= | 2030 | - | target | 平均住院日
2023年，全省共有医疗卫生机构512个，其中三级医院14家；每千人口床位数达到6.3张。每千人口护士数3人。 #2 | 6.3 | - | 张 | = | 2023 | - | target | 每千人口床位数
2023年，全省共有医疗卫生机构512个，其中三级医院14家；每千人口床位数达到6.3张。每千人口护士数3人。 #3 | 3 | - | 人 | = | - | - | target | 每千人口护士数
到2030年，孕产妇系统管理率由2020年的90.5%提高到95%。 #1 | 95 | - | % | = | 2030 | - | target | 孕产妇系统管理率
加强队伍建设，到2020年，县域内就诊率达到90%。重点人群签约服务覆盖率达到60%以上。 #1 | 60 | - | % | >= | - | - | target | 重点人群签约服务覆盖率
"""

# ratios named as such: the second term, the first in the unit (as /10万 keeps a rate's
# denominator); a colon between digits cuts no clause
RATIOS = """
到2025年，医护比达到1:1.25，床护比1∶0.6。 #0 | 1.25 | - | 1: | = | 2025 | - | target | 医护比
到2025年，医护比达到1:1.25，床护比1∶0.6。 #1 | 0.6 | - | 1: | = | 2025 | - | target | 床护比
到2025年，全省医护比不低于1：1.2。 | 1.2 | - | 1: | >= | 2025 | - | target | 医护比
到2025年，师生比例为1:15左右。 | 15 | - | 1: | ~ | 2025 | - | target | 师生比例
到2020年，县域内就诊率为90%。 | 90 | - | % | = | 2020 | - | target | 县域内就诊率
"""


# an age right before a population noun says who is counted (part of the indicator, no value);
# 所/级/次 are units (a count, a level, a frequency: …检查次数); at least N things set up → their count
QUALIFIERS_AND_UNITS = """
到2030年，3岁以下婴幼儿健康管理率达到92%以上。 | 92 | - | % | >= | 2030 | - | target | 3岁以下婴幼儿健康管理率
65岁及以上老年人健康管理率达到70%。 | 70 | - | % | = | - | - | target | 65岁及以上老年人健康管理率
0—6岁儿童眼保健覆盖率达到90%以上。 | 90 | - | % | >= | - | - | target | 0—6岁儿童眼保健覆盖率
到2025年，人均预期寿命达到79岁以上，60岁以上人口占比达到20%。 #0 | 79 | - | 岁 | >= | 2025 | - | target | 人均预期寿命
到2025年，人均预期寿命达到79岁以上，60岁以上人口占比达到20%。 #1 | 20 | - | % | = | 2025 | - | target | 60岁以上人口占比
到2025年，每个地市至少建成2所三级医院。 | 2 | - | 所 | >= | 2025 | - | target | 每个地市三级医院数
到2025年，三级医院电子病历应用水平平均达到5级以上。 | 5 | - | 级 | >= | 2025 | - | target | 三级医院电子病历应用水平
每年开展督导检查不少于1次。 | 1 | - | 次 | >= | - | - | target | 每年开展督导检查次数
"""


# 均/都 spreads one value over a list of indicators (as 分别 spreads lists of values), a shared
# ending carried onto the items that lack one; an elided subject is the clause before's; a number
# before 的 and a list of nouns: the share of all of them that do what follows
SPREAD_AND_ELIDED = """
到2025年，城镇和农村居民医保参保率均稳定在95%以上。 #0 | 95 | - | % | >= | 2025 | - | target | 城镇居民医保参保率
到2025年，城镇和农村居民医保参保率均稳定在95%以上。 #1 | 95 | - | % | >= | 2025 | - | target | 农村居民医保参保率
高血压、糖尿病患者规范管理率都达到70%。 #0 | 70 | - | % | = | - | - | target | 高血压患者规范管理率
高血压、糖尿病患者规范管理率都达到70%。 #1 | 70 | - | % | = | - | - | target | 糖尿病患者规范管理率
新生儿访视率和6岁以下儿童健康管理率均达到85%以上。 #0 | 85 | - | % | >= | - | - | target | 新生儿访视率
新生儿访视率和6岁以下儿童健康管理率均达到85%以上。 #1 | 85 | - | % | >= | - | - | target | 6岁以下儿童健康管理率
到2025年，孕产妇和0—6岁儿童健康管理率均达到95%以上。 #0 | 95 | - | % | >= | 2025 | - | target | 孕产妇健康管理率
二级以上医院和基层医疗卫生机构均达到90%。 | 90 | - | % | = | - | - | target | 二级以上医院和基层医疗卫生机构
2022年底前，三级医院设立全科医学科的比例达到50%以上，到2025年达到70%以上。 #1 | 70 | - | % | >= | 2025 | - | target | 三级医院设立全科医学科的比例
到2025年，90%以上的二级医院、专科医院和社区卫生服务中心成为无烟医疗机构。 | 90 | - | % | >= | 2025 | - | target | 成为无烟医疗机构的二级医院、专科医院和社区卫生服务中心比例
"""


# dates that govern: a date opening the ；-list after a label (核心指标：到2025年，…；…); a day + 前
# opening a clause after ； replaces the date before it; 展望2035年 dates what follows; a “十四五”期间
# total has no year and gives no deliverable; 到“十四五”末 is 2025
GOVERNING = """
核心指标：到2025年，家庭医生签约率达到75%；基层就诊率达到65%以上。 #1 | 65 | - | % | >= | 2025 | - | target | 基层就诊率
2022年底前，各市出台实施方案；2023年3月31日前，每个县至少建成1个示范中心。 #1 | 1 | - | 个 | >= | 2023 | 2023-03 | target | 每个县示范中心数
展望2035年，人均预期寿命达到81岁以上。 | 81 | - | 岁 | >= | 2035 | - | target | 人均预期寿命
展望2035年，全面建成优质高效的医疗卫生服务体系。 | - | - | - | - | 2035 | - | deadline | 全面建成优质高效的医疗卫生服务体系
“十四五”期间，市级财政累计投入医改资金不少于20亿元，各区县要落实投入责任。 | 20 | - | 亿元 | >= | - | - | target | 市级财政累计投入医改资金
到“十四五”末，县域内就诊率达到90%。 | 90 | - | % | = | 2025 | - | target | 县域内就诊率
"""

# units (学时, 万名, 份, DDDs, 万亩); 突破 is >=; a count of 1 after its noun is a count; a bracket
# after a noun (乡镇（街道、社区）) is part of it; 分别 items take the last item's ending from its noun
UNITS_AND_LISTS = """
每年参加继续教育不少于30学时。 | 30 | - | 学时 | >= | - | - | target | 每年参加继续教育
到2025年，培训社区护士2万名。 | 2 | - | 万名 | = | 2025 | - | target | 培训社区护士
日均检测能力不低于5000份。 | 5000 | - | 份 | >= | - | - | target | 日均检测能力
抗菌药物使用强度控制在35DDDs以下。 | 35 | - | DDDs | <= | - | - | target | 抗菌药物使用强度
到2025年，道地药材种植面积稳定在20万亩左右。 | 20 | - | 万亩 | ~ | 2025 | - | target | 道地药材种植面积
到2025年，医药产业营业收入力争突破500亿元。 | 500 | - | 亿元 | >= | 2025 | - | target | 医药产业营业收入
建成省级区域医疗中心1个。 | 1 | - | 个 | = | - | - | target | 建成省级区域医疗中心
到2025年，90%以上的乡镇（街道、社区）建成标准化卫生院。 | 90 | - | % | >= | 2025 | - | target | 建成标准化卫生院的乡镇（街道、社区）比例
到2025年，城市社区卫生服务中心高血压、2型糖尿病患者管理率分别达到70%和65%以上。 #0 | 70 | - | % | >= | 2025 | - | target | 城市社区卫生服务中心高血压患者管理率
到2025年，城市社区卫生服务中心高血压、2型糖尿病患者管理率分别达到70%和65%以上。 #1 | 65 | - | % | >= | 2025 | - | target | 2型糖尿病患者管理率
# a list is split at 和/及 as conjunctions, not inside words (普及率, 碳中和, 及以上), and a modifier's
# last character (the 村 of 农村) is no head noun
到2025年，城镇和农村自来水普及率分别达到98%和90%。 #0 | 98 | - | % | = | 2025 | - | target | 城镇自来水普及率
到2025年，城镇和农村自来水普及率分别达到98%和90%。 #1 | 90 | - | % | = | 2025 | - | target | 农村自来水普及率
到2025年，宽带网络普及率和5G用户普及率分别达到95%和60%。 #0 | 95 | - | % | = | 2025 | - | target | 宽带网络普及率
到2025年，宽带网络普及率和5G用户普及率分别达到95%和60%。 #1 | 60 | - | % | = | 2025 | - | target | 5G用户普及率
到2025年，城乡居民及时就诊率和慢病规范管理率分别达到90%和80%。 #0 | 90 | - | % | = | 2025 | - | target | 城乡居民及时就诊率
到2025年，城乡居民及时就诊率和慢病规范管理率分别达到90%和80%。 #1 | 80 | - | % | = | 2025 | - | target | 慢病规范管理率
到2030年，碳中和示范园区和近零碳社区分别达到5个和20个。 #0 | 5 | - | 个 | = | 2030 | - | target | 碳中和示范园区
到2030年，碳中和示范园区和近零碳社区分别达到5个和20个。 #1 | 20 | - | 个 | = | 2030 | - | target | 近零碳社区
# …while a word holding 中和, 平和, 和平 across a real conjunction is split there (初中和高中, 安全和平安)
到2025年，初中和高中毛入学率分别达到100%和95%。 #0 | 100 | - | % | = | 2025 | - | target | 初中毛入学率
到2025年，初中和高中毛入学率分别达到100%和95%。 #1 | 95 | - | % | = | 2025 | - | target | 高中毛入学率
到2025年，安全和平安建设满意度分别达到95%和96%。 #1 | 96 | - | % | = | 2025 | - | target | 平安建设满意度
到2025年，城乡居民收入水平和消费水平分别增长6%和7%。 #0 | 6 | - | % | = | 2025 | - | target | 城乡居民收入水平
"""

# units of many sectors' plans (处, 条, 件, 株, 场次, 千瓦时, 亿人次, 万亿元), a unit divided by another
# (吨标准煤/万元, 万吨/日, 元/人); a clause ending with 公里 is no locative lead-in (…里，): its number
# keeps its own clause
SECTOR_UNITS = """
到2025年，新增公园绿地50处。 | 50 | - | 处 | = | 2025 | - | target | 新增公园绿地
到2025年，新建城市道路20条，打通断头路15条。 #1 | 15 | - | 条 | = | 2025 | - | target | 打通断头路
到2025年，每万人口高价值发明专利拥有量达到12件。 | 12 | - | 件 | = | 2025 | - | target | 每万人口高价值发明专利拥有量
到2025年，全市新种植苗木200万株。 | 200 | - | 万株 | = | 2025 | - | target | 新种植苗木
到2025年，全市举办各类群众文化活动5000场次以上。 | 5000 | - | 场次 | >= | 2025 | - | target | 举办各类群众文化活动
到2025年，全社会用电量达到600亿千瓦时。 | 600 | - | 亿千瓦时 | = | 2025 | - | target | 全社会用电量
到2025年，全市年接待游客量突破1亿人次。 | 1 | - | 亿人次 | >= | 2025 | - | target | 年接待游客量
到2025年，全市规模以上工业总产值力争突破1万亿元。 | 1 | - | 万亿元 | >= | 2025 | - | target | 规模以上工业总产值
到2025年，单位地区生产总值能耗下降到0.45吨标准煤/万元以下。 | 0.45 | - | 吨标准煤/万元 | <= | 2025 | - | target | 单位地区生产总值能耗
到2025年，新增海水淡化能力10万吨/日。 | 10 | - | 万吨/日 | = | 2025 | - | target | 新增海水淡化能力
到2025年，新增天然气管道300公里，天然气供应能力达到30亿立方米。 #0 | 300 | - | 公里 | = | 2025 | - | target | 新增天然气管道
到2025年，新增天然气管道300公里，天然气供应能力达到30亿立方米。 #1 | 30 | - | 亿立方米 | = | 2025 | - | target | 天然气供应能力
"""


# a year in brackets right after a number is that number's (森林覆盖率达到45%（2025年）、50%（2035年）),
# no deadline; a bracket's words (水质优良（达到或好于Ⅲ类）比例) and a verb of alternatives (达到或优于Ⅲ类
# 比例) qualify the noun: the indicator runs on to the predicate
YEAR_AFTER_AND_QUALIFIED_NOUNS = """
全市森林覆盖率达到45%以上（2025年）。 | 45 | - | % | >= | 2025 | - | target | 森林覆盖率
城市公共交通分担率提高到45%（2025年）。 | 45 | - | % | = | 2025 | - | target | 城市公共交通分担率
农村集中供水率达到95%（2025年）和98%（2035年）。 #1 | 98 | - | % | = | 2035 | - | target | 农村集中供水率
新能源汽车产业产值力争达到500亿元（2025年）、1000亿元（2030年）。 #0 | 500 | - | 亿元 | = | 2025 | - | target | 新能源汽车产业产值
到2025年，地表水国控断面水质优良（达到或好于Ⅲ类）比例不低于80%。 | 80 | - | % | >= | 2025 | - | target | 地表水国控断面水质优良（达到或好于Ⅲ类）比例
到2025年，县级城市集中式饮用水水源水质达到或优于Ⅲ类比例达到100%。 | 100 | - | % | = | 2025 | - | target | 县级城市集中式饮用水水源水质达到或优于Ⅲ类比例
到2025年，地表水达到或好于Ⅲ类水体比例达到85%以上。 | 85 | - | % | >= | 2025 | - | target | 地表水达到或好于Ⅲ类水体比例
到2025年，每千人口执业（助理）医师数达到3.2人。 | 3.2 | - | 人 | = | 2025 | - | target | 每千人口执业（助理）医师数
"""

# a list of counted things after 、: an item naming only its noun shares the first item's lead (its
# density, 累计, the verb opening it); one with a verb of its own keeps only the density; an item
# whose first indicator opens with no lead verb shares nothing
LISTED_ITEMS = """
到2025年，全市建成国家级绿色工厂30家、绿色园区5个。 #1 | 5 | - | 个 | = | 2025 | - | target | 建成绿色园区
到2025年，每千人口拥有执业（助理）医师3.2人、注册护士3.8人。 #1 | 3.8 | - | 人 | = | 2025 | - | target | 每千人口拥有注册护士
到2025年，累计培育专精特新企业100家、单项冠军企业10家。 #1 | 10 | - | 家 | = | 2025 | - | target | 累计培育单项冠军企业
到2025年，每千人口床位数达到6张、执业医师数达到2.8人。 #1 | 2.8 | - | 人 | = | 2025 | - | target | 每千人口执业医师数
到2025年，城镇新增就业5万人、农村劳动力转移就业3万人。 #1 | 3 | - | 万人 | = | 2025 | - | target | 农村劳动力转移就业
到2025年，高速公路通车里程达到1200公里、铁路营业里程800公里。 #1 | 800 | - | 公里 | = | 2025 | - | target | 铁路营业里程
"""


# more prose forms: 保持 + a value; 万架, PFlops; a counted action's unit without its magnitude (培训30万人次
# → 培训人次数); an elided subject without its change (…年均增长7.2%，2020年达到3800亿元); a date after
# an enumerator opens the point's clause (一是2023年底前，…); a number inside a short quotation is a name's
PROSE_FORMS = """
到2025年，县级及以上城市集中式饮用水水源水质达标率保持100%。 | 100 | - | % | = | 2025 | - | target | 县级及以上城市集中式饮用水水源水质达标率
到2025年，全市数据中心机架数达到5万架，算力规模超过1000PFlops。 #0 | 5 | - | 万架 | = | 2025 | - | target | 数据中心机架数
到2025年，全市数据中心机架数达到5万架，算力规模超过1000PFlops。 #1 | 1000 | - | PFlops | >= | 2025 | - | target | 算力规模
“十四五”期间，全市累计开展补贴性职业技能培训30万人次。 | 30 | - | 万人次 | = | - | - | target | 累计开展补贴性职业技能培训人次数
“十三五”时期，全市地区生产总值年均增长7.2%，2020年达到3800亿元。 #1 | 3800 | - | 亿元 | = | 2020 | - | target | 地区生产总值
一是2023年底前，全市县级以上医院全部建成胸痛中心；二是2024年底前，二级以上医院预约诊疗率达到80%。 #0 | - | - | - | - | 2023 | 2023-12 | deadline | 全市县级以上医院全部建成胸痛中心
一是2023年底前，全市县级以上医院全部建成胸痛中心；二是2024年底前，二级以上医院预约诊疗率达到80%。 #1 | 80 | - | % | = | 2024 | 2024-12 | target | 二级以上医院预约诊疗率
到2025年，建成“15分钟健身圈”的社区比例达到100%。 | 100 | - | % | = | 2025 | - | target | 建成“15分钟健身圈”的社区比例
到2025年，新增城镇就业5万人、城镇调查失业率控制在5.5%以内。 #1 | 5.5 | - | % | <= | 2025 | - | target | 城镇调查失业率
"""


def test_a_number_inside_a_quoted_name_is_no_value():
    ts = targets_of(PLAN.format("到2025年，城区“15分钟生活圈”覆盖率达到90%，建成“口袋公园”50个。"))
    assert [(t.indicator, t.value, t.unit) for t in ts] == [("城区“15分钟生活圈”覆盖率", 90, "%"), ("建成“口袋公园”", 50, "个")]


# a measure written without a unit (系数, 指数, 收入比, 生育率): a bare number right after its verb is
# its value, unit null; one counted in years (受教育年限): a short number + 年 is its value in 年
UNITLESS = """
到2025年，农田灌溉水有效利用系数提高到0.58。 | 0.58 | - | - | = | 2025 | - | target | 农田灌溉水有效利用系数
到2025年，全市农田灌溉水有效利用系数力争达到0.6以上。 | 0.6 | - | - | >= | 2025 | - | target | 农田灌溉水有效利用系数
到2025年，全市营商环境便利度指数达到85以上。 | 85 | - | - | >= | 2025 | - | target | 营商环境便利度指数
到2025年，城乡居民收入比缩小到2.3以内。 | 2.3 | - | - | <= | 2025 | - | target | 城乡居民收入比
到2025年，总和生育率稳定在1.8左右。 | 1.8 | - | - | ~ | 2025 | - | target | 总和生育率
到2025年，劳动年龄人口平均受教育年限达到11.5年。 | 11.5 | - | 年 | = | 2025 | - | target | 劳动年龄人口平均受教育年限
到2025年，新增劳动力平均受教育年限达到14年以上。 | 14 | - | 年 | >= | 2025 | - | target | 新增劳动力平均受教育年限
# one counted in points (得分, 满意度, 平均分): a number + 分 after its verb is its value in 分
到2025年，全省营商环境评价得分达到90分以上。 | 90 | - | 分 | >= | 2025 | - | target | 营商环境评价得分
到2025年，群众满意度不低于95分。 | 95 | - | 分 | >= | 2025 | - | target | 群众满意度
到2025年，学生体质健康标准测试平均分达到80分。 | 80 | - | 分 | = | 2025 | - | target | 学生体质健康标准测试平均分
到2025年，群众满意度达到90分（百分制）。 | 90 | - | 分 | = | 2025 | - | target | 群众满意度
"""


@pytest.mark.parametrize("sentence", [
    "考核实行百分制，每个周期满分100分。",  # a scoring rule: no verb, no aim
    "每发现一起违规行为扣2分。",
    "综合评分达到85分以上的评为优秀等次。",  # a score saying who qualifies
    "考核得分达到90分以上的县区给予奖励。",
])
def test_points_outside_a_measured_score_are_no_target(sentence):
    assert [(t.value, t.unit) for t in targets_of(PLAN.format(sentence)) if t.value is not None] == []


@pytest.mark.parametrize("sentence", [
    "到2025年，由5家以上医院组成的医联体服务人口达到100万人。",  # no change verb right after 5家
    "从3个方面推动产业规模达到100亿元。",
])
def test_a_number_after_you_or_cong_is_no_starting_value_without_its_change(sentence):
    ts = targets_of(PLAN.format(sentence))
    assert ts and all(t.kind != "baseline" for t in ts)
    assert all("由" not in t.indicator or "由" in sentence for t in ts)  # (从 is never rewritten into a name)


def test_minutes_stay_a_duration():
    ts = targets_of(PLAN.format("到2025年，项目平均工期缩短到90分钟以内。"))
    assert [(t.indicator, t.value, t.unit, t.comparator) for t in ts] == [("项目平均工期", 90, "分钟", "<=")]


@pytest.mark.parametrize("sentence", [
    "到2025年，基尼系数达到2025年水平。",  # a year is no value
    "到2025年，受教育年限达到2025年水平。",
    "到2025年，群众满意度指数达到90分。",  # a unit not read is no unitless value
    "到2025年，重点项目数达到30。",  # no measure written without a unit
    "到2025年，医护比达到1:1.25。",  # a ratio stays one
])
def test_bare_numbers_that_are_no_unitless_value(sentence):
    assert [(t.value, t.unit) for t in targets_of(PLAN.format(sentence)) if t.unit is None and t.value is not None] == []


# a range whose first number carries only a magnitude (4万至5万人, 2.5万—3万人, 1亿—2亿元): the second's unit
MAGNITUDE_RANGES = """
到2025年，全市每年城镇新增就业保持在4万至5万人。 | 4 | 5 | 万人 | range | 2025 | - | target | 每年城镇新增就业
到2025年，全市年均新增城镇就业2.5万—3万人。 | 2.5 | 3 | 万人 | range | 2025 | - | target | 年均新增城镇就业
到2025年，每个产业园区年均投资1亿—2亿元。 | 1 | 2 | 亿元 | range | 2025 | - | target | 每个产业园区年均投资
"""


def test_a_year_in_brackets_after_a_number_before_the_documents_is_a_baseline():
    text = "某市规划\n\n一、主要目标\n\n全市森林覆盖率达到42%（2020年）、45%（2025年）。\n\n某市人民政府\n2021年6月1日\n"
    ts = targets_of(text)
    assert [(t.kind, t.year, t.value, t.deadline) for t in ts] == [("baseline", 2020, 42, None), ("target", 2025, 45, None)]
    # a bracket after a number that is no year stays out of it
    ts = targets_of(PLAN.format("到2025年，床位使用率达到85%（2019年数据为80%）。"))
    assert [(t.year, t.value) for t in ts][:1] == [(2025, 85)]


@pytest.mark.parametrize("intro", ["主要发展指标为", "主要目标是", "具体目标为", "发展目标", "力争实现以下主要指标",
                                   "全市主要指标要达到", "要实现"])
def test_a_clause_introducing_the_aims_before_a_colon_is_no_deliverable(intro):
    ts = targets_of(PLAN.format(f"到2025年，{intro}：地区生产总值达到5000亿元；常住人口城镇化率达到70%。"))
    assert [(t.kind, t.indicator, t.year) for t in ts] == [
        ("target", "地区生产总值", 2025), ("target", "常住人口城镇化率", 2025)]


def test_a_deliverable_a_colon_spells_out_stays():
    ts = targets_of(PLAN.format("到2025年，基本建成现代产业体系：先进制造业增加值占比达到40%。"))
    assert [(t.kind, t.indicator, t.year) for t in ts] == [
        ("deadline", "基本建成现代产业体系", 2025), ("target", "先进制造业增加值占比", 2025)]


# a reported count's adverb before its verb (已建成, 共建成, 共有, 已有; 森林覆盖率已达到) is no part of the
# indicator; a word opening with the same character (共享单车, 已脱贫人口) keeps it; 当前， opens the present
REPORTED_COUNTS = [
    ("目前，全市共有养老机构120家，已有社区食堂50个。", [("养老机构", 120, "baseline"), ("社区食堂", 50, "baseline")]),
    ("截至2022年底，全市已建成区域性养老服务中心35个，共建成5G基站1.2万个，森林覆盖率已达到42.5%。",
     [("建成区域性养老服务中心", 35, "baseline"), ("建成5G基站", 1.2, "baseline"), ("森林覆盖率", 42.5, "baseline")]),
    ("截至2022年底，共享单车投放量达到3万辆，已脱贫人口人均纯收入达到1.5万元。",
     [("共享单车投放量", 3, "baseline"), ("已脱贫人口人均纯收入", 1.5, "baseline")]),
    ("当前，我市人均公园绿地面积为12平方米。", [("人均公园绿地面积", 12, "baseline")]),
    ("当前和今后一个时期，全市每年新增城镇就业5万人以上。", [("每年新增城镇就业", 5, "target")]),
]


@pytest.mark.parametrize("sentence,expected", REPORTED_COUNTS, ids=[c[0][:14] for c in REPORTED_COUNTS])
def test_reported_counts_read_without_their_adverb(sentence, expected):
    text = "某市规划\n\n一、主要目标\n\n" + sentence + "\n\n某市人民政府\n2023年3月1日\n"
    assert [(t.indicator, t.value, t.kind) for t in targets_of(text)] == expected


# in a plan of one year (its title says 2021年): a month with no year is a deadline of that year;
# 全年 dates numbers with the year (no deadline); 年内 does not reach into the next 二是 point
IN_THE_DOCUMENTS_YEAR = """
6月底前出台家庭医生签约服务管理办法。 | - | - | - | - | 2021 | 2021-06 | deadline | 出台家庭医生签约服务管理办法
11月中旬完成基层医疗机构绩效考核。 | - | - | - | - | 2021 | 2021-11 | deadline | 完成基层医疗机构绩效考核
各地制定实施细则，于4月20日前报省医保局备案。 | - | - | - | - | 2021 | 2021-04 | deadline | 报省医保局备案
全年新增家庭医生团队30个，签约率达到60%以上。 #1 | 60 | - | % | >= | 2021 | - | target | 签约率
一是扩大服务供给。年内新建社区卫生服务中心3家。（责任科室：基层科）二是提升质量。家庭医生签约率达到60%。 #1 | 60 | - | % | = | - | - | target | 家庭医生签约率
市医疗保障局将于10月组织开展专项检查。 | - | - | - | - | 2021 | 2021-10 | deadline | 组织开展专项检查
"""


@pytest.mark.parametrize("sentence,index,expected", _parse_table(IN_THE_DOCUMENTS_YEAR))
def test_rule_table_in_the_documents_year(sentence, index, expected):
    _check_row(PLAN_2021, sentence, index, expected)


@pytest.mark.parametrize("sentence", [
    "2021年全市医改工作的总体思路是：巩固成果，深化改革。",  # a year naming a topic
    "每年年底前向省政府报告实施情况。",  # a recurring duty
    "每年3月底前报送上年度工作总结。",
    "对全年龄段人群开展健康教育。",
])
def test_no_date_in_the_documents_year(sentence):
    assert [t.raw for t in targets_of(PLAN_2021.format(sentence))] == []


@pytest.mark.parametrize(
    "sentence,index,expected",
    _parse_table(NUMBERS) + _parse_table(COMPARATORS) + _parse_table(DATES) + _parse_table(CHANGES)
    + _parse_table(PERIODS_AND_NOTES)
    + _parse_table(PARAGRAPHS)
    + _parse_table(RATIOS)
    + _parse_table(QUALIFIERS_AND_UNITS)
    + _parse_table(SPREAD_AND_ELIDED)
    + _parse_table(GOVERNING)
    + _parse_table(UNITS_AND_LISTS)
    + _parse_table(SECTOR_UNITS)
    + _parse_table(YEAR_AFTER_AND_QUALIFIED_NOUNS)
    + _parse_table(MAGNITUDE_RANGES)
    + _parse_table(UNITLESS)
    + _parse_table(LISTED_ITEMS)
    + _parse_table(PROSE_FORMS),
)
def test_rule_table(sentence, index, expected):
    _check_row(PLAN, sentence, index, expected)


NOT_TARGETS = [
    "实施基层中医药服务能力提升工程“十三五”行动计划。",
    "建立“1+1+1”的组合签约服务模式。",
    "建设宁夏“264112”人口健康信息服务体系。",
    "落实“两个允许”要求，加强二级医院建设。",
    "通过全区“120”急救一体化系统建设，改善服务。",
    "根据《国务院关于印发“十三五”深化医药卫生体制改革规划的通知》（国发〔2016〕78号）精神，制定本方案。",
    "统筹推进补偿办法、人事制度改革等8项改革。",
    "坚持三医联动，推进健康宁夏2030建设。",
    "落实《辽宁省医疗卫生服务体系规划，2015—2020年，的通知》，优化医疗卫生资源布局。",
    "2020年12月—2021年11月，全面推开改革。",
    "会议于8:30开始，比赛3:1。",
    "对80岁以上老年人提供上门服务。",
    "每年为全镇70岁及以上户籍老年人免费接种流感疫苗。",
    "为60周岁以上农村留守老人建立关爱台账。",
    "申请人应当在收到通知之日起7个工作日内补正材料，逾期3个月内完成整改。",
    "患者可自愿选择1所二级医院、1家社区卫生服务中心签约。",
    "对考核不合格的，取消其当年度评优评先资格。",
    "2007年10月1日前批准上市的药品，按规定执行。",
    # a duty recurring per day/week/month/quarter/term is a rule; an eligibility threshold; a limit on each operation
    "街道办每月对辖区餐饮门店开展1次抽查。",
    "各社区每季度组织1次消防演练。",
    "公共浴室消毒每日不少于3次。",
    "家长委员会每学期至少召开1次会议。",
    "每季度开展督导检查不少于1次。",  # was a target case; a quarterly duty is a rule
    "900名学生以上的寄宿制学校应当设立卫生室。",
    "单次管网检修停水时间不超过2天。",
    # 件 counting affairs to do is no measure
    "今年重点办好10件民生实事。",
    # a magnitude alone is no unit (4万-5: no range of anything)
    "编号为4万-5的档案按规定保存。",
]

# …while a yearly quota, a count aimed at and a measured duration stay targets
RULE_LOOKALIKES = """
每年开展应急演练不少于2次。 | 2 | - | 次 | >= | - | - | target | 每年开展应急演练次数
到2025年，二级医院平均住院日控制在8天以内。 | 8 | - | 天 | <= | 2025 | - | target | 二级医院平均住院日
"""


def test_a_count_aimed_at_before_yide_is_no_eligibility():
    """培育5家以上的龙头企业: no noun between the count and 以上的, so the count is aimed at (a target)."""
    ts = targets_of(PLAN.format("到2025年，培育5家以上的龙头企业。"))
    assert [(t.value, t.unit, t.comparator, t.year, t.kind) for t in ts] == [(5, "家", ">=", 2025, "target")]
    assert ts[0].indicator == "培育龙头企业数"  # (培育的龙头企业比例 before: only a share's 的 makes a ratio)


# an amount + 的 + the ones it qualifies (企业, 用能单位, 建筑…) is a threshold, no value; a count or an
# amount aimed at keeps its noun after 的 as the thing counted or measured, a share makes a ratio
OF_THE_KIND = """
到2025年，新增3000个以上的普惠托位。 | 3000 | - | 个 | >= | 2025 | - | target | 新增普惠托位数
到2025年，形成100亿元的产业规模。 | 100 | - | 亿元 | = | 2025 | - | target | 形成产业规模
到2025年，三成以上的企业完成改造。 | 30 | - | % | >= | 2025 | - | target | 完成改造的企业比例
# an amount aimed at stays a target whatever its noun after 的 (建筑, 项目, 园区 are the ones of a rule's
# threshold only after a measure of them: 年销售额500万元以上的企业)
到2025年，累计建成2000万平方米的超低能耗建筑。 | 2000 | - | 万平方米 | = | 2025 | - | target | 累计建成超低能耗建筑
到2025年，累计建成2000万平方米以上的超低能耗建筑。 | 2000 | - | 万平方米 | >= | 2025 | - | target | 累计建成超低能耗建筑
到2025年，新增50万千瓦的光伏发电项目。 | 50 | - | 万千瓦 | = | 2025 | - | target | 新增光伏发电项目
到2025年，建成5000亩的现代农业产业园区。 | 5000 | - | 亩 | = | 2025 | - | target | 建成现代农业产业园区
# a number right after 每 is what a rate is per (每10万人口, 每1000名儿童), no value of its own
到2025年，每10万人口拥有博物馆数量达到1.2个。 | 1.2 | - | 个 | = | 2025 | - | target | 每10万人口拥有博物馆数量
到2025年，每1000人口执业医师数达到3.2人。 | 3.2 | - | 人 | = | 2025 | - | target | 每1000人口执业医师数
# … but a 每 after a verb leads the value in (缩短到每5分钟一班)
到2025年，中心城区公交高峰发车间隔缩短到每5分钟一班。 | 5 | - | 分钟 | = | 2025 | - | target | 中心城区公交高峰发车间隔
# the value a change starts from (由…的 / 从目前的) is a baseline, whatever the document's date
森林覆盖率从目前的45%提高到50%。 #0 | 45 | - | % | = | - | - | baseline | 森林覆盖率
森林覆盖率从目前的45%提高到50%。 #1 | 50 | - | % | = | - | - | target | 森林覆盖率
床位数由现在的5000张增加到6000张。 #0 | 5000 | - | 张 | = | - | - | baseline | 床位数
床位数由现在的5000张增加到6000张。 #1 | 6000 | - | 张 | = | - | - | target | 床位数
# … of its own date only (到2025年 governs the value reached), a plan's period end included; a 由 whose
# number no change verb follows is no start (由5家以上医院组成的…)
到2025年，森林覆盖率从目前的45%提高到50%。 #0 | 45 | - | % | = | - | - | baseline | 森林覆盖率
到2025年，PM2.5浓度由“十三五”末的40微克/立方米下降到35微克/立方米。 #0 | 40 | - | 微克/立方米 | = | 2020 | - | baseline | PM2.5浓度
到2025年，PM2.5浓度由“十三五”末的40微克/立方米下降到35微克/立方米。 #1 | 35 | - | 微克/立方米 | = | 2025 | - | target | PM2.5浓度
平均住院日由原来的10天缩短到8天。 #0 | 10 | - | 天 | = | - | - | baseline | 平均住院日
"""


@pytest.mark.parametrize("sentence,index,expected", _parse_table(OF_THE_KIND))
def test_of_the_kind(sentence, index, expected):
    _check_row(PLAN, sentence, index, expected)


@pytest.mark.parametrize("sentence", [
    "对年销售额500万元以上的企业给予一次性奖励。",
    "年综合能耗5000吨标准煤以上的重点用能单位要开展能源审计。",
    "单体建筑面积2万平方米以上的公共建筑全面执行绿色建筑标准。",
])
def test_an_amount_qualifying_the_ones_a_rule_covers_is_no_target(sentence):
    assert [(t.value, t.unit) for t in targets_of(PLAN.format(sentence)) if t.value is not None] == []


@pytest.mark.parametrize("sentence,index,expected", _parse_table(RULE_LOOKALIKES))
def test_rule_lookalikes_stay_targets(sentence, index, expected):
    _check_row(PLAN, sentence, index, expected)


# doubling, in every form, is the multiple of the base: 2 倍 (翻两番 4 倍); the base year is dropped
DOUBLING = """
到2025年，全县中医馆数量较2020年翻一番。 | 2 | - | 倍 | = | 2025 | - | target | 中医馆数量
到2025年，全县中医馆数量较2020年翻两番。 | 4 | - | 倍 | = | 2025 | - | target | 中医馆数量
到2025年，社区护理站数量比2020年提高一倍。 | 2 | - | 倍 | = | 2025 | - | target | 社区护理站数量
到2025年，社区护理站数量比2020年增加一倍。 | 2 | - | 倍 | = | 2025 | - | target | 社区护理站数量
到2025年，社区护理站数量比2020年增长一倍。 | 2 | - | 倍 | = | 2025 | - | target | 社区护理站数量
到2025年，社区护理站数量比2020年增长1倍。 | 2 | - | 倍 | = | 2025 | - | target | 社区护理站数量
"""


@pytest.mark.parametrize("sentence,index,expected", _parse_table(DOUBLING))
def test_doubling_is_one_representation(sentence, index, expected):
    _check_row(PLAN, sentence, index, expected)


# indicator quality: the counted action (每年改造…户 → 每年改造户数); a share disposed of with 将 is its
# noun's; a two-clause aim the next sentence spells out is its first clause + 等 (alone, both clauses)
INDICATOR_QUALITY = """
对困难家庭实施无障碍改造，每年改造不少于200户。 | 200 | - | 户 | >= | - | - | target | 每年改造户数
每年培训不少于500人次。 | 500 | - | 人次 | >= | - | - | target | 每年培训人次数
市财政每年安排专项资金，并按规定将不低于30%的体彩公益金用于支持全民健身。 | 30 | - | % | >= | - | - | target | 体彩公益金用于支持全民健身比例
到2027年，全市托育服务体系更加健全，婴幼儿照护服务水平明显提升。具体做到：第一，托位数达到4000个。 | - | - | - | - | 2027 | - | deadline | 全市托育服务体系更加健全等
到2027年，全市托育服务体系更加健全，婴幼儿照护服务水平明显提升。 | - | - | - | - | 2027 | - | deadline | 全市托育服务体系更加健全，婴幼儿照护服务水平明显提升
"""


@pytest.mark.parametrize("sentence,index,expected", _parse_table(INDICATOR_QUALITY))
def test_indicator_quality(sentence, index, expected):
    _check_row(PLAN, sentence, index, expected)


@pytest.mark.parametrize("sentence", NOT_TARGETS, ids=[s[:16] for s in NOT_TARGETS])
def test_not_targets(sentence):
    assert [t.raw for t in targets_of(PLAN.format(sentence))] == []


def test_a_modal_is_dropped_but_never_from_a_word():
    ts = targets_of(PLAN.format("2023年底前各县区要完成电子病历系统应用水平分级评价。"))
    assert [t.indicator for t in ts] == ["各县区完成电子病历系统应用水平分级评价"]


def test_year_of_the_document_for_nianne():
    ts = targets_of(PLAN_2021.format("年内实现二级定点医疗机构DRG付费结算。"))
    assert [(t.kind, t.year, t.deadline) for t in ts] == [("deadline", 2021, "2021-12")]


def test_a_reported_year_is_not_carried():
    """2015年… in a background section reports the past: the next sentence states no year (gold 000 一（一）)."""
    ts = targets_of(BACKGROUND.format("2015年全区基本医疗保险参保率达到96%以上。住院费用报销比例提高到76%。"))
    assert [(t.kind, t.year, t.value) for t in ts[:2]] == [("baseline", 2015, 96), ("baseline", None, 76)]


def test_a_reporting_date_is_no_deadline_and_holds_across_semicolons():
    """截至2020年底 reports a state: a baseline dated 2020 with no deadline, for the parts after ； too."""
    ts = targets_of(BACKGROUND.format("截至2020年底，全省共有医疗卫生机构512个，其中三级医院14家；每千人口床位数达到6.3张。"))
    assert [(t.kind, t.year, t.deadline, t.value) for t in ts[:3]] == [
        ("baseline", 2020, None, 512), ("baseline", 2020, None, 14), ("baseline", 2020, None, 6.3)]


def test_a_plan_span_is_not_carried_past_a_semicolon():
    """“十三五”期间 totals are no state at a date (year null), nor is the part after ；."""
    ts = targets_of(PLAN.format("“十三五”期间，全省累计投入资金18亿元；医保参保人数达到40万人。"))
    assert [(t.value, t.year) for t in ts] == [(18, None), (40, None)]


def test_a_nested_bracket_note_is_cut_out_whole():
    ts = targets_of(PLAN.format("到2025年，建成区域医疗中心（省卫生健康委牵头，各市（州）人民政府负责落实）。"))
    assert [(t.kind, t.raw) for t in ts] == [("deadline", "到2025年，建成区域医疗中心")]


def test_the_start_of_a_change_is_its_own_year():
    """由2020年的X提高到Y: X is dated 2020 (a baseline in a 2021 plan), Y is the sentence's aim."""
    text = "某省卫生健康规划\n\n一、主要目标\n\n到2025年，居民健康素养水平由2020年的21.5%提高到30%。\n\n某省人民政府\n2021年3月1日\n"
    ts = targets_of(text)
    assert [(t.kind, t.year, t.value) for t in ts] == [("baseline", 2020, 21.5), ("target", 2025, 30)]


def test_a_carried_year_dates_no_deadline():
    ts = targets_of(PLAN.format("到2025年，卫生健康人才总量达到120万人。人才结构更加优化。"))
    assert [(t.kind, t.year) for t in ts] == [("target", 2025)]


def test_background_section_gives_baselines():
    ts = targets_of(BACKGROUND.format("2015年全区基本医疗保险参保率达到96%以上，人均补助标准提高到432元。"))
    assert [(t.kind, t.year, t.value, t.unit, t.comparator) for t in ts[:2]] == [
        ("baseline", 2015, 96, "%", ">="),
        ("baseline", 2015, 432, "元", "="),
    ]
    assert ts[1].indicator == "人均补助标准"
    assert ts[1].verb == "提高到"


def test_task_table_rows_are_deadlines():
    text = (
        "某市实施方案\n\n一、工作任务\n\n按附件要求推进。\n\n附件：任务分工及完成时限\n\n"
        "序号\t工作任务\t牵头部门\t完成时限\n"
        "1\t制定县域公立医院综合改革实施方案\t县医改领导小组\t2020年11月底前\n"
    )
    ts = targets_of(text)
    assert [(t.kind, t.indicator, t.year, t.deadline, t.value) for t in ts] == [
        ("deadline", "制定县域公立医院综合改革实施方案", 2020, "2020-11", None)
    ]


def test_task_table_without_a_number_column():
    """No 序号: the header (重点任务	牵头单位	…) still names the task column — the row's indicator is
    the task, never the lead's name in the second column."""
    text = (
        "某市医疗保障局关于印发重点工作任务的通知\n\n一、总体要求\n\n附件\n重点工作任务分工表\n"
        "牵头单位\t重点任务\t配合单位\t完成时限\n"
        "市医保局\t推进医保支付方式改革\t市卫生健康委\t2022年12月底前\n"
        "市卫生健康委\t完善基层医疗服务体系\t市发展改革委\t2023年6月底前\n"
    )
    ts = [t for t in targets_of(text) if t.path and t.path[0].startswith("附件")]
    assert [(t.path, t.kind, t.indicator, t.deadline) for t in ts] == [
        (["附件"], "deadline", "推进医保支付方式改革", "2022-12"),
        (["附件"], "deadline", "完善基层医疗服务体系", "2023-06"),
    ]


def test_task_table_deadlines_agree_with_the_assignments():
    """The 完成时限 column wherever it stands; the month its assignment reads (第三季度 → 9, 6月底前 in
    the document's year); a row wrapped onto the next line adds to its task; the row's number
    ends the path in a body section too, as for its assignment."""
    text = (
        "某市卫生健康委关于印发2024年工作要点的通知\n\n一、重点任务\n"
        "序号\t完成时限\t主要任务\t责任单位\n"
        "1\t2024年第三季度\t推进紧密型县域医共体建设，\t市卫生健康委、市医保\n"
        "\t\t完善内部管理机制\t局\n"
        "2\t6月底前\t深化医保支付方式改革\t市医保局\n"
        "\n市卫生健康委\n2024年3月1日\n"
    )
    pf = policyparse.parse_text(text)
    doc = pf.documents[0]
    rows = [(t.path, t.indicator, t.deadline, t.kind) for t in doc.targets]
    assert rows == [
        (["一", "1"], "推进紧密型县域医共体建设，完善内部管理机制", "2024-09", "deadline"),
        (["一", "2"], "深化医保支付方式改革", "2024-06", "deadline"),
    ]
    assert [(a.path, a.deadline) for a in doc.assignments] == [(["一", "1"], "2024-09"), (["一", "2"], "2024-06")]
    assert all(pf.text[t.span.start : t.span.end] == t.raw for t in doc.targets)


def test_task_table_with_a_place_column():
    """序号/区县/工作任务/完成时限: the task names the row, not the place; a day in the 完成时限 cell is
    due in its month; each row sits under its 序号."""
    text = (
        "某市卫生健康委关于推进基层能力建设的通知\n\n一、工作要求\n\n按附件要求推进。\n\n附件1\n重点任务完成时限表\n"
        "序号\t区县\t工作任务\t完成时限\n"
        "1\t东湖区\t完成社区医院标准化建设\t2022年8月15日\n"
        "2\t西湖区\t建成区域检验中心\t2022年10月底\n"
    )
    ts = [t for t in targets_of(text) if t.path and t.path[0].startswith("附件")]
    assert [(t.path, t.kind, t.indicator, t.deadline) for t in ts] == [
        (["附件1", "1"], "deadline", "完成社区医院标准化建设", "2022-08"),
        (["附件1", "2"], "deadline", "建成区域检验中心", "2022-10"),
    ]
    # 举措 names the task column too (the assignments' column words): the task, not the place
    measures = text.replace("工作任务\t", "主要举措\t")
    assert [t.indicator for t in targets_of(measures) if t.path and t.path[0] == "附件1"] == [
        "完成社区医院标准化建设",
        "建成区域检验中心",
    ]


# ---------------------------------------------------------------------------
# property: values, units, comparators and years read back exactly

UNITS = ["%", "‰", "元", "岁", "张", "名", "个", "家", "人", "项", "万人", "个百分点", "/10万"]
SUFFIX = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~", "": "="}
VERBS = ["达到", "提高到", "下降到", "降到", "控制在", "稳定在"]
INDICATORS = ["家庭医生签约服务覆盖率", "每千常住人口床位数", "县域内就诊率", "人均补助标准", "基层医疗卫生机构数量"]


@settings(max_examples=150, deadline=None)
@given(
    year=st.integers(min_value=2000, max_value=2050),
    whole=st.integers(min_value=0, max_value=99999),
    frac=st.one_of(st.none(), st.integers(min_value=1, max_value=99)),
    unit=st.sampled_from(UNITS),
    suffix=st.sampled_from(sorted(SUFFIX)),
    verb=st.sampled_from(VERBS),
    indicator=st.sampled_from(INDICATORS),
    aim=st.booleans(),
)
def test_template_sentences_read_back(year, whole, frac, unit, suffix, verb, indicator, aim):
    number = str(whole) if frac is None else f"{whole}.{frac:02d}"
    lead = "力争到" if aim else "到"
    sentence = f"{lead}{year}年，{indicator}{verb}{number}{unit}{suffix}。"
    ts = targets_of(PLAN.format(sentence))
    assert len(ts) == 1, [t.raw for t in ts]
    t = ts[0]
    assert t.value == float(number)
    assert t.unit == unit
    assert t.comparator == SUFFIX[suffix]
    assert t.year == year
    assert t.kind == "target"
    assert t.indicator == indicator
    assert t.verb == verb
    assert t.raw == sentence[:-1]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="到年月底前以上以下左右达提高分别、，。0123456789%‰元个十百两成一半翻番\t\n", max_size=200))
def test_never_raises_and_spans_match(s):
    targets_of(PLAN.format(s))


# ---------------------------------------------------------------------------
# the corpus, value by value


def _find(pf, raw_start, value=None, doc=0):
    for t in pf.documents[doc].targets:
        if t.raw.startswith(raw_start) and (value is None or t.value == value):
            return t
    raise AssertionError(f"no target {raw_start!r} {value}")


def test_corpus_ningxia(parsed_corpus):
    pf = parsed_corpus["000_a0d76618a303aa9e.txt"]
    t = _find(pf, "到2017年，家庭医生签约服务覆盖率达到30%以上")
    assert (t.path, t.indicator, t.value, t.unit, t.comparator, t.year, t.kind) == (
        ["三", "（一）", "5"], "家庭医生签约服务覆盖率", 30, "%", ">=", 2017, "target")
    a, b = [t for t in pf.documents[0].targets if t.raw.startswith("孕产妇死亡率、婴儿死亡率分别下降到")]
    assert (a.indicator, a.value, a.unit, a.comparator, a.year) == ("孕产妇死亡率", 17, "/10万", "<=", 2020)
    assert (b.indicator, b.value, b.unit, b.comparator, b.year) == ("婴儿死亡率", 6.5, "‰", "<=", 2020)
    t25 = _find(pf, "基本公共卫生服务人均补助标准由2011年", 25)
    t40 = _find(pf, "基本公共卫生服务人均补助标准由2011年", 40)
    assert (t25.year, t25.kind, t40.year, t40.kind) == (2011, "baseline", 2015, "baseline")
    t = _find(pf, "到2017年底，全区所有公立医院全面推开综合改革")
    assert (t.kind, t.year, t.deadline, t.value) == ("deadline", 2017, "2017-12", None)
    # appendix table: the caption gives the year
    t = _find(pf, "公立医院综合改革覆盖率100%")
    assert (t.path, t.value, t.unit, t.comparator, t.year, t.kind) == (["附表1"], 100, "%", "=", 2017, "target")
    t = _find(pf, "城乡每万名居民有2名以上合格的全科医生")
    assert t.path == ["附表2"] or t.path[0] == "三"
    # second document: a range
    t = _find(pf, "使全区每个乡镇卫生院至少有2名—3名全科医生", doc=1)
    assert (t.value, t.value_max, t.unit, t.comparator) == (2, 3, "名", "range")


def test_corpus_guangxi(parsed_corpus):
    pf = parsed_corpus["004_7987ea6d96b72cd9.txt"]
    ts = pf.documents[0].targets
    t = _find(pf, "2021年10月底前出台广西推动公立医院高质量发展实施方案")
    assert (t.path, t.kind, t.year, t.deadline) == (["一", "（六）"], "deadline", 2021, "2021-10")
    t = _find(pf, "年内实现二级定点医疗机构")
    assert (t.kind, t.year, t.deadline) == ("deadline", 2021, "2021-12")
    t = _find(pf, "每个县至少有1家")
    assert (t.value, t.unit, t.comparator, t.year, t.deadline, t.kind) == (1, "家", ">=", 2021, "2021-12", "target")
    # no target from the title or the notice's 2021年重点工作任务
    assert not any("重点工作任务" in t.raw for t in ts)


def test_indicator_tables_give_a_baseline_and_a_target_per_row():
    """序号/指标名称/<year>/<year>/属性: the earlier year a baseline, the last one the target; the unit
    from the cell or the name's bracket; the comparator from a sign or a word in the cell."""
    text = (
        "某县卫生健康规划\n\n一、发展目标\n\n主要指标：\n"
        "序号\t指标名称\t2020年\t2025年\t指标属性\n"
        "1\t5岁以下儿童死亡率（‰）\t6.1\t≤5.5\t预期性\n"
        "2\t每千人口床位数（张）\t5.2\t6.0\t预期性\n"
        "3\t家庭医生签约服务覆盖率\t40%\t55%以上\t约束性\n"
        "4\t健康城市建设\t—\t持续推进\t预期性\n"
        "\n某县人民政府\n2021年6月1日\n"
    )
    ts = targets_of(text)
    got = [(t.indicator, t.value, t.unit, t.comparator, t.year, t.kind, t.path) for t in ts]
    assert got == [
        ("5岁以下儿童死亡率", 6.1, "‰", "=", 2020, "baseline", ["一"]),
        ("5岁以下儿童死亡率", 5.5, "‰", "<=", 2025, "target", ["一"]),
        ("每千人口床位数", 5.2, "张", "=", 2020, "baseline", ["一"]),
        ("每千人口床位数", 6.0, "张", "=", 2025, "target", ["一"]),
        ("家庭医生签约服务覆盖率", 40, "%", "=", 2020, "baseline", ["一"]),
        ("家庭医生签约服务覆盖率", 55, "%", ">=", 2025, "target", ["一"]),
    ]
    assert all(t.raw.startswith(("1\t", "2\t", "3\t")) and t.deadline is None for t in ts)


@pytest.mark.parametrize("base,aim", [("2022年基数", "2024年目标"), ("2022年基期值", "2024年目标值"),
                                      ("2022年现状值", "2024年目标")])
def test_indicator_tables_with_a_unit_column(base, aim):
    """序号/指标名称/单位/<year>基数/<year>目标/指标属性: bare numbers take the 单位 column's unit;
    the 指标属性 column (预期性/约束性) is no value."""
    text = (
        "某市卫生健康行动方案\n\n一、主要指标\n\n"
        f"序号\t指标名称\t单位\t{base}\t{aim}\t指标属性\n"
        "1\t电子健康档案开放率\t%\t64\t≥80\t预期性\n"
        "2\t签约家庭医生团队数\t个\t150\t240\t约束性\n"
        "\n某市人民政府\n2023年3月1日\n"
    )
    got = [(t.indicator, t.value, t.unit, t.comparator, t.year, t.kind) for t in targets_of(text)]
    assert got == [
        ("电子健康档案开放率", 64, "%", "=", 2022, "baseline"),
        ("电子健康档案开放率", 80, "%", ">=", 2024, "target"),
        ("签约家庭医生团队数", 150, "个", "=", 2022, "baseline"),
        ("签约家庭医生团队数", 240, "个", "=", 2024, "target"),
    ]


def _indicator_rows(header: str, rows: list[str], lead: str = "到2025年，全市主要指标如下：") -> list[tuple]:
    text = (
        "某市“十四五”生态环境保护规划\n一、主要目标\n" + lead + "\n" + header + "\n" + "\n".join(rows)
        + "\n二、重点任务\n（一）完善治理体系。加强监管。\n"
    )
    return [(t.indicator, t.value, t.value_max, t.unit, t.comparator, t.year, t.kind, t.path) for t in targets_of(text)]


_ROW = "1\t地表水达到或好于Ⅲ类水体比例\t%\t80.2\t85\t约束性"
_WATER = [("地表水达到或好于Ⅲ类水体比例", 80.2, None, "%", "=", 2020, "baseline", ["一"]),
          ("地表水达到或好于Ⅲ类水体比例", 85, None, "%", "=", 2025, "target", ["一"])]


@pytest.mark.parametrize("header", [
    "序号\t指标\t单位\t2020年（基期值）\t2025年（目标值）\t属性",  # the commonest 十四五 header
    "序号\t指标\t单位\t2020年(基期值)\t2025年(目标值)\t属性",
    "序号\t指标\t单位\t基准年（2020年）\t目标年（2025年）\t属性",
    "序号\t指标\t单位\t“十三五”末\t“十四五”末\t属性",
    "序号\t指标\t单位\t2020年实际\t2025年规划\t属性",
    "序号\t指　标\t单位\t2020年度\t2025年度\t属性",  # a justified cell: 指　标
    "序号\t评价指标\t单位\t2020年\t2025年\t属性",
    "序号\t指标名称及单位\t单位\t2020年\t2025年\t指标属性",
])
def test_indicator_table_headers_as_plans_write_them(header):
    assert _indicator_rows(header, [_ROW]) == _WATER


@pytest.mark.parametrize(("cell", "value", "value_max", "comparator"), [
    ("达到85", 85, None, "="),
    ("不低于85", 85, None, ">="),
    ("不高于85", 85, None, "<="),
    ("85-90", 85, 90, "range"),
    ("85～90", 85, 90, "range"),
    ("≥85*", 85, None, ">="),  # a footnote mark
    ("85注1", 85, None, "="),
    ("85①", 85, None, "="),
])
def test_indicator_table_value_cells(cell, value, value_max, comparator):
    got = _indicator_rows("序号\t指标\t单位\t2020年\t2025年\t属性", [_ROW.replace("\t85\t", f"\t{cell}\t")])
    assert got[1][1:5] == (value, value_max, "%", comparator)


@pytest.mark.parametrize(("cell", "value", "unit", "verb"), [
    ("〔14〕", 14, "%", "累计"),  # a five-year plan's total over its five years
    ("[14]", 14, "%", "累计"),
    ("［14］%", 14, "%", "累计"),
    ("【14%】", 14, "%", "累计"),
    ("〔3〕", 3, "%", "累计"),
    ("提高1个百分点", 1, "个百分点", "提高"),  # a change by the column's year
    ("下降15%", 15, "%", "下降"),
    ("增长10%以上", 10, "%", "增长"),
])
def test_indicator_table_total_and_change_cells(cell, value, unit, verb):
    """〔14〕 (a total over the plan's five years) and 提高1个百分点 (a change) are the column's
    target; the change keeps its verb, as in prose."""
    text = "某市规划\n一、目标\n序号\t指标\t单位\t2020年\t2025年\t属性\n" + _ROW.replace("\t85\t", f"\t{cell}\t") + "\n"
    got = [t for t in policyparse.parse_text(text).documents[0].targets if t.year == 2025]
    assert [(t.indicator, t.value, t.unit, t.verb, t.kind) for t in got] == [
        ("地表水达到或好于Ⅲ类水体比例", value, unit, verb, "target")
    ]


@pytest.mark.parametrize("cell", ["〔14", "14〕", "[注1]", "[1]", "【2】", "完成省下达任务", "提高"])
def test_indicator_table_cells_without_a_value(cell):
    """An unclosed bracket, a bracketed note, words or a bare verb give no target."""
    got = _indicator_rows("序号\t指标\t单位\t2020年\t2025年\t属性", [_ROW.replace("\t85\t", f"\t{cell}\t")])
    assert [t[5] for t in got] == [2020]


def test_indicator_table_rows_as_real_tables_lay_them_out():
    """A merged cell left empty keeps the columns in place; group titles between rows keep the
    table going; marks and item numbers in a name are no part of it; a year in a value cell is
    that value's; a negative value; 1/10万 is /10万; three year columns: the first a baseline."""
    header = "类别\t指标\t单位\t2020年\t2025年\t属性"
    rows = [
        "环境质量\t1.细颗粒物（PM2.5）浓度*\t微克/立方米\t33\t≤30\t约束性",
        "\t空气质量优良天数比率注1\t%\t87.5（2019年）\t≥88\t约束性",
        "生态状况",
        "\t孕产妇死亡率（1/10万）\t\t12\t≤10\t预期性",
        "\t人口自然增长率\t‰\t-0.5\t0左右\t预期性",
    ]
    got = _indicator_rows(header, rows)
    assert [g[:7] for g in got] == [
        ("细颗粒物（PM2.5）浓度", 33, None, "微克/立方米", "=", 2020, "baseline"),
        ("细颗粒物（PM2.5）浓度", 30, None, "微克/立方米", "<=", 2025, "target"),
        ("空气质量优良天数比率", 87.5, None, "%", "=", 2019, "baseline"),
        ("空气质量优良天数比率", 88, None, "%", ">=", 2025, "target"),
        ("孕产妇死亡率", 12, None, "/10万", "=", 2020, "baseline"),
        ("孕产妇死亡率", 10, None, "/10万", "<=", 2025, "target"),
        ("人口自然增长率", -0.5, None, "‰", "=", 2020, "baseline"),
        ("人口自然增长率", 0, None, "‰", "~", 2025, "target"),
    ]
    three = _indicator_rows("序号\t指标\t单位\t2020年\t2023年\t2025年\t属性", ["1\t森林覆盖率\t%\t60\t61\t62\t约束性"])
    assert [(g[1], g[5], g[6]) for g in three] == [(60, 2020, "baseline"), (61, 2023, "target"), (62, 2025, "target")]
    # 现状值 / 目标值 without a year: the target's year is the lead-in's
    plain = _indicator_rows("序号\t指标名称\t单位\t现状值\t目标值\t指标性质", [_ROW])
    assert [(g[1], g[5], g[6]) for g in plain] == [(80.2, None, "baseline"), (85, 2025, "target")]


def test_an_indicator_name_wrapped_in_its_cell_and_a_lead_in_with_a_note():
    """A name wrapped onto a line of its own (\t预约诊疗率: its row's other cells empty) completes
    the row above; a lead-in ending in a bracketed note (…如下（现状值为2020年数据）：) is no
    deliverable."""
    rows = ["1\t二级及以上公立医院\t%\t60\t≥80\t预期性", "\t预约诊疗率\t\t\t\t", "2\t婴儿死亡率\t‰\t3.1\t≤3\t预期性"]
    got = _indicator_rows("序号\t指标\t单位\t2020年\t2025年\t属性", rows, lead="到2025年，主要指标如下（现状值为2020年数据）：")
    assert [(g[0], g[1], g[6]) for g in got] == [
        ("二级及以上公立医院预约诊疗率", 60, "baseline"),
        ("二级及以上公立医院预约诊疗率", 80, "target"),
        ("婴儿死亡率", 3.1, "baseline"),
        ("婴儿死亡率", 3, "target"),
    ]


def test_an_indicator_table_header_over_two_rows():
    """指标值 over 2020年 and 2025年 (a merged header cell, as text exports write it): the value
    columns are named in the second row."""
    header = "序号\t指标\t单位\t指标值\t\t属性\n\t\t\t2020年\t2025年\t"
    assert _indicator_rows(header, [_ROW]) == _WATER


@pytest.mark.parametrize(("sentence", "expected"), [
    ("对新认定的国家级企业技术中心，给予一次性奖励50万元。", []),
    ("对符合条件的改造项目，最高补助100万元。", []),
    ("按每人每月300元标准给予补贴。", []),
    ("对获评的企业分别给予20万元、10万元奖励。", []),
    ("给予每户5000元补助。", []),
    ("按照每人每年200元的标准发放生活补贴。", []),  # paid at a standard, whatever is paid
    ("按每人每月500元的标准发放高龄津贴。", []),
    ("按照每生每年1000元的标准核发助学金。", []),
    ("按每亩100元的标准发放耕地地力保护补贴。", []),
    ("按每人每年200元的标准拨付公共卫生服务补助经费。", []),
    ("到2025年，累计发放10亿元就业补贴。", [("累计发放就业补贴", 10, "亿元")]),
    # totals and standards a plan aims at stay
    ("到2025年，全市累计发放就业补贴10亿元。", [("累计发放就业补贴", 10, "亿元")]),
    ("城乡居民基本医疗保险人均财政补助标准提高到610元。", [("城乡居民基本医疗保险人均财政补助标准", 610, "元")]),
    ("每年安排专项资金2000万元。", [("每年安排专项资金", 2000, "万元")]),
])
def test_an_amount_a_rule_grants_is_no_target(sentence, expected):
    ts = targets_of("某市关于支持制造业高质量发展的若干措施\n一、支持措施\n" + sentence + "\n")
    assert [(t.indicator, t.value, t.unit) for t in ts] == expected


def test_an_indicator_table_ends_at_the_next_tables_header():
    """Headings after an indicator table, then a task table: the task table's rows are deadlines,
    not indicator rows; a task table with a 考核指标 column is no indicator table; a tab-led group
    title under a finished name is no part of it; a wrapped name after a blank line."""
    head = "序号\t指标\t单位\t2020年\t2025年\t属性"
    text = (
        "某市“十四五”规划\n一、发展目标\n到2025年，主要指标如下：\n" + head + "\n" + _ROW + "\n"
        "二、主要任务\n（一）加强组织领导\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t建立紧密型医联体\t市卫生健康委\t2023年底\n2\t出台分级诊疗实施方案\t市医保局\t2022年6月\n"
    )
    assert [(t.indicator, t.kind, t.deadline) for t in targets_of(text) if t.kind == "deadline"] == [
        ("建立紧密型医联体", "deadline", "2023-12"),
        ("出台分级诊疗实施方案", "deadline", "2022-06"),
    ]
    tasks = (
        "某市2022年重点工作任务\n一、重点任务\n序号\t工作任务\t考核指标\t牵头单位\t完成时限\n"
        "1\t建立紧密型医联体\t\t市卫生健康委\t2022年底\n2\t提高基层诊疗量\t基层诊疗量占比\t市卫生健康委\t2022年12月\n"
    )
    assert [(t.indicator, t.deadline) for t in targets_of(tasks)] == [
        ("建立紧密型医联体", "2022-12"), ("提高基层诊疗量", "2022-12")
    ]
    second = "2\t婴儿死亡率\t‰\t3.1\t≤3\t约束性"
    grouped = _indicator_rows(head, [_ROW, "\t健康服务", second])
    assert [g[0] for g in grouped] == ["地表水达到或好于Ⅲ类水体比例"] * 2 + ["婴儿死亡率"] * 2
    wrapped = _indicator_rows(head, ["1\t二级及以上公立医院\t%\t60\t≥80\t预期性", "", "\t预约诊疗率", second])
    assert [g[0] for g in wrapped][:2] == ["二级及以上公立医院预约诊疗率"] * 2


def test_items_opening_with_a_months_deadline_are_deadlines_of_the_documents_year():
    """1、3月底前完成…, an item whose text opens with a digit (a heading now), and （一）3月底前…:
    the deadline of the year the title names; 附件2所列… holds no quantity."""
    for a, b in (("1、", "2、"), ("（一）", "（二）")):
        text = (f"关于做好2024年度安全检查工作的通知\n\n一、重点任务\n{a}3月底前完成摸底调查。\n"
                f"{b}6月底前完成重点行业检查。\n二、工作要求\n附件2所列重点行业由市应急管理局牵头检查。\n")
        assert [(t.indicator, t.kind, t.deadline) for t in targets_of(text)] == [
            ("完成摸底调查", "deadline", "2024-03"),
            ("完成重点行业检查", "deadline", "2024-06"),
        ]


def test_a_modal_verb_is_dropped_but_not_inside_a_word():
    """各地要建立… → 建立…; but 主要, 重要, 相适应 keep their 要 and 应 (主要健康指标 gave 主健康指标)."""
    ts = targets_of("某县“十四五”规划\n一、主要目标\n到2025年，主要健康指标达到全省平均水平，形成与人口老龄化进程相适应的服务体系。\n")
    assert [t.indicator for t in ts] == ["主要健康指标达到全省平均水平，形成与人口老龄化进程相适应的服务体系"]
    for modal in ("要", "需要", "应当", "必须", "务必"):
        ts = targets_of(f"某县方案\n一、任务\n2024年底前，各区县{modal}建立健全基层首诊制度和转诊机制。\n")
        assert [t.indicator for t in ts] == ["各区县建立健全基层首诊制度和转诊机制"], modal
    # after a place's alternatives in brackets too
    ts = targets_of("某省方案\n一、任务\n各县（市、区）要于2024年9月底前完成垃圾转运站改造。\n")
    assert [t.indicator for t in ts] == ["各县（市、区）完成垃圾转运站改造"]


DUE_TASKS = "某区卫生健康局2024年工作要点\n\n一、重点工作\n\n{}\n"


@pytest.mark.parametrize("task,expected", [
    # a number is due by the note's 完成时限: year and month, no separate deadline
    ("1.扩大疫苗接种。全区接种点达到40个以上。（责任科室：疾控科；完成时限：2024年8月底前）",
     [("target", "接种点", 40, 2024, "2024-08")]),
    # 全年: year only
    ("2.做好筛查。筛查率保持在90%以上。（牵头科室：妇幼科；配合科室：医政科；完成时限：全年）",
     [("target", "筛查率", 90, 2024, None)]),
    # no number: one deadline, the task sentence
    ("3.完善制度。制定家庭病床管理细则。（责任科室：医政科；完成时限：2024年5月底前）",
     [("deadline", "制定家庭病床管理细则", None, 2024, "2024-05")]),
    # 持续推进 is no date
    ("4.优化服务。门诊等候时间缩短到20分钟以内。（责任科室：医政科；完成时限：持续推进）",
     [("target", "门诊等候时间", 20, None, None)]),
    ("5.深化合作。推动医联体建设。（责任科室：医政科；完成时限：持续推进）", []),
])
def test_a_due_note_dates_its_task(task, expected):
    ts = targets_of(DUE_TASKS.format(task))
    assert [(t.kind, t.indicator, t.value, t.year, t.deadline) for t in ts] == expected
    assert all(t.indicator not in ("）", ")") for t in ts)


def test_task_row_reading_depends_only_on_the_row():
    """A 完成时限 cell is a due date: an earlier prose sentence (aimed at or reported) never changes the row."""
    table = (
        "附件：任务分工及完成时限\n\n序号\t工作任务\t牵头部门\t完成时限\n"
        "1\t制定县域公立医院综合改革实施方案\t县医改领导小组\t2020年11月底前\n"
    )
    head = "某市实施方案\n\n一、工作任务\n\n{}\n\n"
    dated = "某市人民政府\n2021年1月5日\n\n"
    rows = set()
    for prose in ("按附件要求推进。", "到2025年，基本建立制度。", "2015年全市参保率达到96%。"):
        for tail in ("", dated):
            ts = [t for t in targets_of(head.format(prose) + table + tail) if t.path and t.path[0] == "附件"]
            rows.add(tuple((t.kind, t.indicator, t.year, t.deadline) for t in ts))
    assert rows == {(("deadline", "制定县域公立医院综合改革实施方案", 2020, "2020-11"),)}


def test_lost_bracket_notes_are_not_deliverables():
    """责任单位，A，B after a dated aim: only the aim is a target, its raw ends before the note."""
    sentence = "到2020年，力争将签约服务扩大到全人群，基本实现家庭医生签约服务制度全覆盖，责任单位，省卫生计生委，各市政府分别负责。"
    ts = targets_of(PLAN.format(sentence))
    assert [(t.kind, t.year, t.raw) for t in ts] == [
        ("deadline", 2020, "到2020年，力争将签约服务扩大到全人群，基本实现家庭医生签约服务制度全覆盖")
    ]
    assert not any("责任单位" in t.indicator for t in ts)


# ---------------------------------------------------------------------------
# headings whose "title" is the whole statement: an inline item (its first sentence is the
# title) or a regulation's article (no title at all) states targets as body text does

ITEMS = "某某省实施方案\n\n一、主要任务\n\n（一）人才培养。\n\n1.加强全科医生培养。\n\n{}\n"
ARTICLES = "某某省医疗保障条例\n\n第一章　总则\n\n第一条　为了保障参保人员权益，制定本条例。\n\n{}\n\n第九条　本条例自2022年1月1日起施行。\n"

HEADING_STATEMENTS = [
    (ITEMS, "（1）开展全科医生转岗培训，每年培训2000人。", 0,
     (["一", "（一）", "1", "（1）"], "每年培训人数", 2000, "人", "=", None, None, "target")),
    (ITEMS, "（1）加强培训。\n\n（2）推进订单定向免费医学生培养，到2025年累计培养5000名。", 0,
     (["一", "（一）", "1", "（2）"], "累计培养", 5000, "名", "=", 2025, None, "target")),
    (ITEMS, "（1）加强培训。\n\n（2）到2025年，基本建立全科医生制度。", 0,
     (["一", "（一）", "1", "（2）"], "基本建立全科医生制度", None, None, None, 2025, None, "deadline")),
    (ITEMS, "（1）加强培训。\n\n（2）2025年底前建成区域医疗中心。", 0,
     (["一", "（一）", "1", "（2）"], "建成区域医疗中心", None, None, None, 2025, "2025-12", "deadline")),
    (ARTICLES, "第二条　到2025年，全省定点医疗机构医保信息平台接入率达到100%，住院费用直接结算率达到90%以上。", 0,
     (["第一章", "第二条"], "定点医疗机构医保信息平台接入率", 100, "%", "=", 2025, None, "target")),
    (ARTICLES, "第二条　到2025年，全省定点医疗机构医保信息平台接入率达到100%，住院费用直接结算率达到90%以上。", 1,
     (["第一章", "第二条"], "住院费用直接结算率", 90, "%", ">=", 2025, None, "target")),
    (ARTICLES, "第二条　2023年底前，建成全省统一的医疗保障信息平台。", 0,
     (["第一章", "第二条"], "建成全省统一的医疗保障信息平台", None, None, None, 2023, "2023-12", "deadline")),
]


@pytest.mark.parametrize("doc,item,index,expected", HEADING_STATEMENTS, ids=[c[1].split("\n")[-1][:14] for c in HEADING_STATEMENTS])
def test_heading_statements_hold_targets(doc, item, index, expected):
    ts = targets_of(doc.format(item))
    assert len(ts) > index, [t.raw for t in ts]
    t = ts[index]
    assert (t.path, t.indicator, t.value, t.unit, t.comparator, t.year, t.deadline, t.kind) == expected
    assert not t.raw.startswith(("（", "第"))  # the marker is no part of it


def test_heading_phrases_and_captions_give_nothing():
    text = (
        "某某市实施方案\n\n一、实施步骤\n\n（一）准备阶段（2020年11月）。制定方案。\n\n"
        "（二）实施阶段（2020年12月—2021年11月）。全面推开。\n\n二、2021年重点工作任务\n\n（一）主要目标\n\n"
        "三、到2020年主要目标\n\n附表1 到2017年深化医改的主要目标\n\n附件2\n到2020年主要目标\n"
    )
    assert [t.raw for t in targets_of(text)] == []


# ---------------------------------------------------------------------------
# fast paths agree with their plain definitions (the extractor's speed work must not change a reading)

_FAST_ALPHABET = "到2020年月底前，,：:（）()。；;！ 　\t约逾达有为不超过以上签实现百分之一成翻番a每"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_FAST_ALPHABET, max_size=60))
def test_clause_and_sentence_cuts_match_their_patterns(s):
    import re

    from policyparse.extract import targets as T

    blank = re.escape(T._BLANK)
    # a clause: a run between two ，：: without the blanks around it (when every mark cuts)
    plain = re.compile(f"[^{blank}，：:](?:[^，：:]*[^{blank}，：:])?")
    if not re.search("[,（(]|[：:](?=[0-9０-９])", s):
        assert T._clause_spans(s, 0, len(s)) == [m.span() for m in plain.finditer(s)]
    # a sentence: the same between two sentence ends
    ends = T._sentence_ends(s, 0, len(s))
    spans = [T._trim(s, a, b - 1) for a, b in zip([0, *ends], ends, strict=False)]
    assert [(a, b) for a, b in spans if a < b] == [m.span() for m in T._SENTENCE_RE.finditer(s)]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="约逾达有为不低于超过至少签大 a", max_size=12))
def test_last_comparator_word_is_the_one_ending_last(seg):
    from policyparse.extract import targets as T

    best = None  # the word ending last, the longest there; a one-character word only right before the number
    for w in T._vocab().prefix_words:
        k = seg.rfind(w)
        if k < 0 or len(w) == 1 and seg[k + 1 :].strip("有达为 "):
            continue
        if best is None or (k + len(w), len(w)) > (best[0], best[1]):
            best = (k + len(w), len(w), w)
    m = T._vocab().prefix_reversed_re.search(seg[::-1])
    assert T._last_prefix_word(seg, 0, len(seg), m) == (best[2] if best else None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="万亿个百分点人次元公里平方米/10千吨标准煤%年", max_size=10))
def test_unit_trie_matches_as_the_plain_alternation(s):
    """_trie groups the units under their first characters; it matches what the plain alternation
    (longest first) matches, the same word, also where what follows must match too (backtracking)."""
    import re

    from policyparse.extract import targets as T
    from policyparse.vocab import alternation

    units = T._vocab().units
    for tail in ("", "(?:/(?:万元|人))?年", "(?=万)"):
        plain, trie = re.compile(f"(?:{alternation(units)}){tail}"), re.compile(f"(?:{T._trie(units)}){tail}")
        assert [m.span() for m in trie.finditer(s)] == [m.span() for m in plain.finditer(s)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="约逾达有为由超过签到提高至 a（）或", max_size=14))
def test_cut_at_verb_one_character_words_only_at_the_end(pre):
    """_cut_at_verb looks for a one-character word (约, 达, 为 …) only when one stands in the tail
    that 有达为 and blanks end the text with; the plain definition tries each word's first place."""
    from policyparse.extract import targets as T

    v = T._vocab()
    head, verb, k = T._cut_at_verb(pre)
    plain_k, plain_verb = len(pre), None
    m = v.cut_re.search(pre)
    while m and (pre[m.end() : m.end() + 1] == "或" or ("（" in pre or "(" in pre) and T._in_brackets(pre, m.start())):
        m = v.cut_re.search(pre, m.end())
    if m and not pre[: m.start()].strip():
        m2 = v.cut_re.search(pre, m.end())
        if m2 and pre[m.end() : m2.start()].strip():
            m = m2
    if m:
        plain_k, plain_verb = m.start(), m.group()
    for w in v.cut_chars:
        i = pre.find(w)
        if 0 <= i < plain_k and pre[i + 1 :].strip("有达为 ") == "":
            plain_k, plain_verb = i, w
    assert (head, verb, k) == (pre[:plain_k], plain_verb, plain_k)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="达到提高至增加降低下降不低于超过约逾以上将力争a，1", max_size=40),
    st.lists(st.integers(0, 40), max_size=8),
    st.integers(0, 5),
)
def test_the_windowed_backward_search_equals_the_plain_one(text, his, lo):
    """_LastBefore reads back only as far as an answer can lie; each answer is the plain
    search of text[lo:hi] spelt backwards (same words, same positions counted from hi)."""
    from policyparse.extract import targets as T

    v = T._vocab()
    lo = min(lo, len(text))
    for rx, maxlen in ((v.verbs_reversed_re, v.verb_max), (v.prefix_reversed_re, v.prefix_max)):
        last = T._LastBefore(rx, maxlen, text, lo)
        for hi in sorted({min(max(h, lo), len(text)) for h in his}):
            got, want = last.search(hi), rx.search(text[lo:hi][::-1])
            assert (got and (got.group(), got.start(), got.end())) == (want and (want.group(), want.start(), want.end()))


def _target_contexts(*texts: str) -> list:
    """The DocContexts the targets extractor is given when the texts are parsed."""
    from policyparse.extract import EXTRACTORS

    seen: list = []
    orig = EXTRACTORS["targets"]
    EXTRACTORS["targets"] = lambda ctx: seen.append(ctx) or orig(ctx)
    try:
        for text in texts:
            policyparse.parse_text(text)
    finally:
        EXTRACTORS["targets"] = orig
    return seen


@pytest.mark.parametrize("body", [
    "2.到2025年，全区接种点达到40个以上。",  # a heading marker's run reaches into the body
    "（1）推进培养，到2025年累计培养5000名。",
    "到2020年，A达到90%以上；B提高到3.2人。目前C为1,000人。",
])
def test_unit_hits_from_the_line_scan_are_the_units_own(body):
    from policyparse.extract import targets as T

    seen = _target_contexts(ITEMS.format(body))
    units = [u for ctx in seen for u in T.split_units(ctx) if u.hits is not None]
    assert units
    for ctx in seen:
        for u in T.split_units(ctx):
            if u.hits is not None:
                assert u.hits == T._trigger_hits(ctx.text, u.start, u.end)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="2020年月至—-～ 　，中里（）约达提高到下降增长降到稳定在", max_size=40), st.integers(0, 40))
def test_date_and_clause_shortcuts_match_their_plain_definitions(s, pos):
    from policyparse.extract import targets as T

    pos = min(pos, len(s))
    # a year range: the back scan over blanks and separators, whether or not any precedes
    j, i = T._separator_before(s, pos)
    plain = j < i and j > 0 and (s[j - 1].isdigit() or s[j - 1] in "年月") or T._RE_RANGE_NEXT.match(s, pos) is not None
    assert T._in_year_range(s, pos, pos) == plain
    # clauses: a locative lead-in (…中，) joined to the clause after it, as pairwise merging does
    spans = T._clause_spans(s, 0, len(s))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and s[merged[-1][1] - 1] in "中里" and s.endswith(T._vocab().locative_endings, *merged[-1]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    assert T._merged_clause_spans(s, 0, len(s)) == merged
    assert [(c.start, c.end) for c in T.split_clauses(s, 0, len(s))] == merged


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="提高到下降增长降低达到实现控制在增加比 ", max_size=14))
def test_a_numbers_verb_is_the_one_ending_last(seg):
    """The verb before a number: the direction verb ending last (the longest there), unless a change
    verb (下降十个百分点) ends right at the number and no direction verb does (the first in data order)."""
    from policyparse.extract import targets as T

    v = T._vocab()
    best = None
    for w in v.verbs:
        k = seg.rfind(w)
        if k >= 0 and (best is None or (k + len(w), len(w)) > (best[0], best[1])):
            best = (k + len(w), len(w), w)
    if not (best and best[0] == len(seg)):
        for w in v.change_verbs:
            if seg.endswith(w):
                best = (len(seg), len(w), w)
                break
    text = seg + "5%"
    cl = T.Clause(0, len(text))
    T._prepare_clause(text, cl, None)
    assert [q.verb for q in cl.quantities] == [best[2] if best else None]


@pytest.mark.parametrize("text", [
    PLAN.format("一是完善制度建设。"),  # a heading-like line holding no number and no date
    BACKGROUND.format("全区医疗卫生服务体系不断完善。"),
])
def test_a_unit_without_a_trigger_is_not_made(text):
    """A prose unit holding no trigger can hold no date or number: split_units does not make it."""
    from policyparse.extract import targets as T

    seen = _target_contexts(text)
    for ctx in seen:
        for u in T.split_units(ctx):
            assert u.kind != "prose" or T._trigger_hits(ctx.text, u.start, u.end)


def test_baseline_sections_found_by_the_joined_titles_are_each_titles():
    from policyparse.extract import targets as T

    seen = _target_contexts(BACKGROUND.format("2015年参保率达到96%。"), PLAN.format("到2025年参保率达到96%。"))
    found = []
    for ctx in seen:
        plain = [(s.start, s.end) for s in ctx.sections if T._vocab().baseline_re.search(s.title)]
        assert list(T._baseline_ranges(ctx)) == plain
        found.append(bool(plain))
    assert True in found and False in found


@pytest.mark.parametrize("text,expected", [
    ("，2021年，完成", [(2021, None, False, False)]),  # a year after a comma: no deadline form
    ("，2021年底前，完成", [(2021, 12, True, False)]),
    ("到2021年，完成", [(2021, None, False, True)]),
    ("于2024年6月30日前报送", [(2024, 6, True, False)]),
    ("将于11月组织验收", [(2024, 11, True, False)]),
    ("年内完成", [(2024, 12, True, False)]),
])
def test_find_dates_reads_each_group(text, expected):
    """find_dates reads its pattern's groups by position: each one lands where it belongs."""
    from policyparse.extract import targets as T

    got = [(d.year, d.month, d.due, d.towards) for d in T.find_dates(text, 0, len(text), 2024)]
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30), st.integers(0, 30)), max_size=12))
def test_section_at_finds_the_deepest_section_holding_an_offset(raw):
    """DocContext.section_at (bisect, then jumps) finds what the plain definition finds: of the
    sections in document order, the last one starting at or before the offset whose reach,
    max(end, line_end), passes it."""
    from policyparse.extract import DocContext, SectionInfo
    from policyparse.offsets import OffsetMap

    for order in (sorted(raw), raw):  # in document order, and (the fallback walk) not
        secs = [SectionInfo(path=[str(i)], level=1, style="x", title="", start=s, title_end=s, line_end=s + a,
                            end=s + b) for i, (s, a, b) in enumerate(order)]
        ctx = DocContext(text="x" * 100, start=0, end=100, offsets=OffsetMap(), sections=secs)
        for offset in range(100):
            got = ctx.section_at(offset)
            if order is not raw or raw == sorted(raw):
                holding = [x for x in secs if x.start <= offset < max(x.end, x.line_end)]
                assert got is (holding[-1] if holding else None)
            else:
                assert got is None or got.start <= offset < max(got.end, got.line_end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 10)), max_size=8), st.integers(0, 45), st.integers(0, 10))
def test_is_inferred_finds_any_overlapping_guess(raw, start, length):
    """DocContext.is_inferred (bisect over sorted guesses) is the plain overlap test."""
    from policyparse.extract import DocContext
    from policyparse.offsets import OffsetMap

    guesses = [(s, s + n) for s, n in raw]
    ctx = DocContext(text="x" * 60, start=0, end=60, offsets=OffsetMap(), guesses=guesses)
    end = start + length
    assert ctx.is_inferred(start, end) == any(s < end and start < e for s, e in guesses)


def test_cells_under_a_heading_inside_an_appendix_take_its_caption_date() -> None:
    # 附表1 captioned 到2020年 › 一、 (no date of its own) › cells: the caption governs;
    # a heading with its own year (二、2018年…) governs its cells itself
    text = (
        "关于印发某市卫生规划的通知\n一、总体目标\n（一）加强基层。\n"
        "附表1\n到2020年主要指标\n一、基层卫生\n\t基层诊疗量占比65%以上\n"
        "二、2018年公共卫生\n\t孕产妇系统管理率90%以上\n"
    )
    got = [(t.path, t.indicator, t.value, t.year) for t in policyparse.parse_text(text).documents[0].targets]
    assert got == [
        (["附表1", "一"], "基层诊疗量占比", 65, 2020),
        (["附表1", "二"], "孕产妇系统管理率", 90, 2018),
    ]


def test_section_parents_are_the_nearest_earlier_lower_level() -> None:
    from policyparse.extract import SectionInfo
    from policyparse.extract.targets import _parents

    levels = [1, 2, 3, 3, 2, 1, 2, 4, 3]
    secs = [SectionInfo(path=[str(i)], level=lv, style="cn", title="", start=i, title_end=i, line_end=i, end=i + 1)
            for i, lv in enumerate(levels)]
    assert _parents(secs) == [-1, 0, 1, 1, 0, -1, 5, 6, 6]



def _unit_chars() -> str:
    from policyparse.extract.targets import _vocab

    return "".join(sorted({c for u in _vocab().units for c in u})) + "年的 "


@given(st.text(alphabet=_unit_chars(), max_size=12))
def test_unit_word_pattern_finds_any_unit_word(s):
    from policyparse.extract.targets import _vocab

    v = _vocab()
    assert (v.unit_word_re.search(s) is not None) == any(u in s for u in v.units)



_DATE_NUMBER_PIECES = ["2020年", "到2025年", "年底前", "“十三五”", "期末", "20", "１５", "3", "%", "名", "个百分点", "十",
                       "百分之", "一成", "一半", "翻一番", "提高", "，", "：", "月", "日", "前", "年内", "全年", "增长",
                       "倍", "比", "1:", "年", "底", "达到"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_NUMBER_PIECES), max_size=8))
def test_a_clause_without_a_trigger_outside_its_dates_holds_no_number(pieces):
    from policyparse.extract.targets import _trigger_outside, find_dates, find_quantities

    text = "提高" + "".join(pieces)
    dates = find_dates(text, 2, len(text), 2024, periods=True)
    numbers = [q for q in find_quantities(text, 2, len(text)) if not any(d.start <= q.start < d.end for d in dates)]
    if dates and not _trigger_outside(text, 2, len(text), dates):
        assert numbers == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_NUMBER_PIECES + ["\t", "\n", " ", "。", "（", "建设"]), max_size=12))
def test_trigger_scans_without_the_shadowed_triggers_find_the_same_places(pieces):
    import re

    from policyparse.extract.targets import _CUTS, _triggers, _vocab

    v = _vocab()
    dates, quantities = _triggers(v.data)
    every = "|".join(quantities + dates)
    text = "".join(pieces)
    for fast, plain in [
        (v.trigger_re, re.compile(every)),
        (v.trigger_run_re, re.compile(f"(?:{every})[^{re.escape(_CUTS)}]*")),
        (v.line_scan_re, re.compile(f"(?:\t|{every})[^{re.escape(_CUTS)}]*")),
    ]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0１9.,A第〔[+＋ %名万元-—至年月个", max_size=24), st.integers(0, 24))
def test_the_quantity_pattern_matches_as_its_plain_form(s, pos):
    import re

    from policyparse.extract.targets import _alt, _vocab

    v = _vocab()
    num = r"[0-9０-９]{1,3}(?:,[0-9０-９]{3}){1,4}(?![0-9０-９])(?:\.[0-9０-９]{1,6})?|[0-9０-９]{1,12}(?:\.[0-9０-９]{1,6})?"
    # a unit perhaps divided by another (吨标准煤/万元); a magnitude alone only before a range (4万至5万人)
    unit = f"(?:{_alt(v.units)})(?:/(?:{_alt(v.data['unit_denominators'])}))?"
    sep = _alt(v.data["range_separators"])
    plain = re.compile(
        rf"(?=[0-9０-９])(?<![0-9０-９.A-Za-z第〔\[＋+])(?P<v1>{num})\s{{0,1}}(?P<u1>{unit}|[万亿](?=\s?(?:{sep})\s?[0-9０-９]))?"
        rf"(?:\s{{0,1}}(?P<sep>{sep})\s{{0,1}}(?P<v2>{num})\s{{0,1}}(?P<u2>{unit}))?"
    )
    assert [(m.span(), m.groups()) for m in v.quantity_re.finditer(s, pos)] == [
        (m.span(), m.groups()) for m in plain.finditer(s, pos)
    ]


@given(st.from_regex(r"[0-9０-９]{1,3}(?:,[0-9０-９]{3}){0,2}(?:\.[0-9０-９]{1,6})?", fullmatch=True))
def test_numbers_read_with_full_width_digits_as_after_translating_them(s):
    from policyparse.extract.targets import _FW, _num

    assert _num(s) == float(s.translate(_FW).replace(",", ""))
    digits = s.replace(",", "").split(".")[0]
    assert int(digits) == int(digits.translate(_FW))


# ---------------------------------------------------------------------------
# speed5-tables: the unit split's shortcuts agree with their plain definitions


_TITLE_ALPHABET = "到2020年，,；;：一成半翻番当全内底前十三五百分之个点附表第条 \n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=_TITLE_ALPHABET, max_size=16),
                          st.sampled_from(["cn", "arabic", "article", "appendix"])), max_size=8))
def test_only_marked_titles_and_articles_can_be_body(titles):
    """_titles_marked finds, in one search of the joined titles, each title holding a clause mark or
    a trigger; every other title (but an article's) is never body, so _excluded looks only at those."""
    from policyparse.extract import SectionInfo
    from policyparse.extract import targets as T

    sections = [SectionInfo(path=[str(i)], level=1, style=style, title=title, start=10 * i,
                            title_end=10 * i + 1, line_end=10 * i + 1, end=10 * i + 9)
                for i, (title, style) in enumerate(titles)]
    marked = T._titles_marked(sections)
    assert marked == {i for i, (title, _) in enumerate(titles) if T._title_mark_re().search(title)}
    for i, sec in enumerate(sections):
        if i not in marked and sec.style != "article":
            assert not T._title_is_body(sec)


def _corpus_texts():
    from pathlib import Path

    return [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))]


def _plain_excluded(ctx):
    """_excluded as first written: every section's title looked at."""
    from policyparse.extract import targets as T
    from policyparse.markers import match_marker

    ranges = [(a, b) for a, b in ctx.skip]
    for sec in ctx.sections:
        end = sec.title_end
        if T._title_is_body(sec):
            start = end - len(sec.title)
            if sec.start < start and ctx.text.startswith(sec.title, start):
                end = start
            else:
                m = match_marker(ctx.text, sec.start)
                if m is not None and m.end <= end:
                    end = m.end
        ranges.append((sec.start, end))
    return sorted(ranges)


@pytest.mark.parametrize("text", [
    ITEMS.format("2.到2025年，全区接种点达到40个以上。"),
    ITEMS.format("（1）推进培养，到2025年累计培养5000名。"),
    PLAN.format("第五条　到2025年，全区接种点达到40个以上。"),
    BACKGROUND.format("2015年参保率达到96%。"),
    "某某省卫生健康规划\n\n附表1\n\n到2017年深化医改的主要目标\n\n\t序号\n\t指标内容\n\n\t1\n\t所有地级市全部开展分级诊疗试点\n",
    *_corpus_texts(),
])
def test_excluded_ranges_are_those_of_every_title_looked_at(text):
    from policyparse.extract import targets as T

    seen = _target_contexts(text)
    assert seen
    for ctx in seen:
        assert T._excluded(ctx) == _plain_excluded(ctx)


def _units_read(ctx, units):
    """The units as read: a paragraph's hits as _trigger_hits finds them (a paragraph without any
    yields nothing, as if not made)."""
    from policyparse.extract import targets as T

    out = []
    for u in units:
        hits = u.hits
        if u.kind == "prose":
            hits = T._trigger_hits(ctx.text, u.start, u.end) if hits is None else hits
            assert hits == T._trigger_hits(ctx.text, u.start, u.end)
            if not hits:
                continue
        out.append((u.start, u.end, u.kind, u.year, u.month, hits))
    return out


_LINE_PIECES = ["1.", "47．", "（1）", "一、", "（二）", "第五条　", "附表1", "到2025年", "2020年", "，", "。",
                "达到90%以上", "\t", "\t1", "序号", "建设", "　", " ", "十三五", "全年", "；", "（牵头）", "5个"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LINE_PIECES), max_size=6), max_size=10))
def test_unit_split_skipping_opening_excluded_ranges_equals_the_full_scan(lines):
    """split_units' line scan skips an excluded range opening a line (a heading's marker and title):
    the units read are those of the full scan (every line holding a tab or a trigger looked at)."""
    text = "某某省实施方案\n\n一、主要任务\n\n" + "\n".join("".join(pieces) for pieces in lines) + "\n"
    for ctx in _target_contexts(text):
        fast, full = _units_skipping_and_full(ctx)
        assert fast == full


@pytest.mark.parametrize("text", _corpus_texts())
def test_unit_split_of_the_corpus_equals_the_full_scan(text):
    from policyparse.extract import targets as T

    for ctx in _target_contexts(text):
        fast, full = _units_skipping_and_full(ctx)
        assert fast == full
        assert len(list(T._readable_lines(ctx, T._excluded(ctx)))) <= len(list(T._readable_lines(ctx, [])))


def _units_skipping_and_full(ctx):
    """The units split_units reads with the line scan skipping excluded ranges, and with the
    full scan (no range skipped)."""
    from policyparse.extract import targets as T

    readable = T._readable_lines
    fast = _units_read(ctx, T.split_units(ctx))
    T._readable_lines = lambda ctx, excl: readable(ctx, [])
    try:
        full = _units_read(ctx, T.split_units(ctx))
    finally:
        T._readable_lines = readable
    return fast, full


_SCAN_PIECES = ["\n", "\t", " ", "　", "1.", "（1）", "到2025年", "，", "。", "：", "达到90%", "建设", "十三五", "全年",
                "序号", "3", "a"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=24), st.lists(st.tuples(st.integers(0, 60),
       st.integers(0, 12)), max_size=4), st.booleans())
def test_line_scan_skipping_any_excluded_ranges_equals_the_full_scan(pieces, ranges, appendix):
    """The same with excluded ranges anywhere (opening a line, in mid-line, over several lines,
    after a tab) and, under a dated appendix caption, tab-led lines read as cells."""
    text = "".join(pieces)
    _check_line_scan_skipping(text, [(min(a, len(text)), min(a + n, len(text))) for a, n in ranges], appendix)


@pytest.mark.parametrize("text,skip", [
    ("\t建设", [(0, 1)]),  # a range over a cell's tab: the cell stays
    ("a\n\t1.建设", [(2, 5)]),
    (" \t1.建设", [(0, 4)]),
    ("\t1.建设到2025年", [(0, 3)]),
    ("1.建设\n2.到2025年，达到90%", [(0, 2), (5, 7)]),
    ("建设1.到2025年", [(2, 4)]),  # in mid-line: the unit keeps it
    ("1.到\n2025年。达到90%", [(0, 8)]),  # over a line end
])
def test_line_scan_skipping_cases(text, skip):
    _check_line_scan_skipping(text, skip, True)


def _check_line_scan_skipping(text, skip, appendix):
    from policyparse.extract import DocContext, SectionInfo
    from policyparse.offsets import OffsetMap

    sections = [SectionInfo(path=["附表1"], level=1, style="appendix", title="到2017年的目标", start=0,
                            title_end=0, line_end=0, end=len(text))] if appendix else []
    ctx = DocContext(text=text, start=0, end=len(text), offsets=OffsetMap(), sections=sections, skip=skip)
    fast, full = _units_skipping_and_full(ctx)
    assert fast == full


@pytest.mark.parametrize("mark", ["，", "；", ";", ",", "、", "："])
def test_title_clause_marks_are_the_ones_title_is_body_reads(mark):
    """_TITLE_CLAUSE_MARKS (the joined-titles gate of _excluded) names every mark that makes
    _title_is_body read a title as body: a title with a mark outside it is no body."""
    from policyparse.extract import SectionInfo
    from policyparse.extract import targets as T

    sec = SectionInfo(path=["一"], level=1, style="cn", title=f"加强组织领导{mark}推进改革落实", start=0,
                      title_end=0, line_end=0, end=1)
    assert T._title_is_body(sec) == (mark in T._TITLE_CLAUSE_MARKS)


def _numbers_pairwise(text, start, end):
    """The plain definition of targets._numbers: each number read is kept unless it overlaps
    one kept before (compared with every one), then all in order of start."""
    from policyparse.extract import targets as T

    found = []
    for _name, rule in T.QUANTITY_RULES:
        for q in rule(text, start, end):
            if not any(q.start < o.end and o.start < q.end for o in found):
                found.append(q)
    return sorted(found, key=lambda q: q.start)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789.%、个万元至-～约一二三十百千亿两达到以上，", max_size=40))
def test_numbers_kept_by_bisection_are_those_the_pairwise_check_keeps(text):
    from policyparse.extract import targets as T

    assert T._numbers(text, 0, len(text)) == _numbers_pairwise(text, 0, len(text))


def test_a_clause_of_thousands_of_numbers_reads_at_most_a_hundred():
    """Each target's raw is its whole clause: '1%、' * 40 000 made tens of gigabytes."""
    import policyparse
    from policyparse.extract.targets import MAX_CLAUSE_QUANTITIES

    pf = policyparse.parse_text("1%、" * 5000)
    targets = [t for d in pf.documents for t in d.targets]
    assert len(targets) == MAX_CLAUSE_QUANTITIES == 100
    assert [t.value for t in targets[:3]] == [1.0, 1.0, 1.0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 10)), max_size=12), st.lists(st.integers(0, 60), max_size=20))
def test_a_number_inside_a_date_by_bisection_as_by_comparing_with_each(dates, positions):
    from policyparse.extract import targets as T

    marks = [T.DateMark(start=a, end=a + w, year=2020, month=None) for a, w in dates]
    in_date = T.SpanIndex([(d.start, d.end) for d in marks])  # (as _prepare_clause builds it)
    for pos in positions:
        assert in_date.covers(pos, pos + 1) == any(d.start <= pos < d.end for d in marks)


def _plan_targets(body: str) -> list:
    """The targets of body, as the 一、主要目标 section of a plan dated 2024年3月1日."""
    text = "某市人民政府办公室关于印发某某实施方案的通知\n一、主要目标\n" + body + "\n2024年3月1日\n"
    return policyparse.parse_text(text).documents[0].targets


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # units beyond health: length, area, energy, mass, volume, concentrations, per-capita
        ("到2025年，全市公路总里程达到2.5万公里。", ("公路总里程", 2.5, "万公里", "=")),
        ("到2025年，新增造林面积3万亩。", ("新增造林面积", 3.0, "万亩", "=")),
        ("到2025年，PM2.5平均浓度控制在30微克/立方米以下。", ("PM2.5平均浓度", 30.0, "微克/立方米", "<=")),
        ("到2025年，每千人口床位数达到6.5张/千人。", ("每千人口床位数", 6.5, "张/千人", "=")),
        ("到2025年，新增装机容量50万千瓦。", ("新增装机容量", 50.0, "万千瓦", "=")),
        ("到2025年，单位GDP能耗不超过0.5吨标准煤。", ("单位GDP能耗", 0.5, "吨标准煤", "<=")),
        ("到2025年，建成保障性住房1.2万套。", ("建成保障性住房", 1.2, "万套", "=")),
        # comparators written as signs, as 超, as （含）以上
        ("到2025年，空气质量优良天数比率≥90%。", ("空气质量优良天数比率", 90.0, "%", ">=")),
        ("到2025年，规上工业增加值超100亿元。", ("规上工业增加值", 100.0, "亿元", ">=")),
        ("到2025年，村卫生室达标率达到90%（含）以上。", ("村卫生室达标率", 90.0, "%", ">=")),
        # trimming: 在校/在岗 are words, 我市 is not; a quoted name keeps both quotes
        ("到2025年，全市在校生规模达到35万人。", ("在校生规模", 35.0, "万人", "=")),
        ("到2025年，我市农村自来水普及率达到98%。", ("农村自来水普及率", 98.0, "%", "=")),
        ("到2025年，“一网通办”事项比例达到95%以上。", ("“一网通办”事项比例", 95.0, "%", ">=")),
    ],
)
def test_targets_across_domains(sentence, expected):
    (t,) = [t for t in _plan_targets(sentence) if t.kind == "target"]
    assert (t.indicator, t.value, t.unit, t.comparator) == expected
    assert t.year == 2025


def _dated(body: str) -> list[tuple]:
    return [(t.kind, t.path, t.indicator, t.value, t.year, t.deadline) for t in _plan_targets(body)]


def test_a_lead_in_date_dates_the_list_below_it():
    """到2025年，…具体目标如下： then numbered items: each item's numbers are due in 2025; the
    lead-in's 具体目标如下 is no deliverable; the next top-level section is out of its reach."""
    assert _dated(
        "到2025年，全市数字政府建设取得显著成效，具体目标如下：\n1.政务服务事项网上可办率达到100%。\n"
        "2.电子证照应用率达到90%以上。\n二、重点任务\n（一）推进改革。全市新增企业500家。"
    ) == [
        ("deadline", ["一"], "全市数字政府建设取得显著成效", None, 2025, None),
        ("target", ["一", "1"], "政务服务事项网上可办率", 100.0, 2025, None),
        ("target", ["一", "2"], "电子证照应用率", 90.0, 2025, None),
        ("target", ["二", "（一）"], "新增企业", 500.0, None, None),
    ]
    assert _dated("到2027年，实现以下目标：\n（一）县域就诊率达到90%。\n（二）基层诊疗量占比达到65%。") == [
        ("target", ["一", "（一）"], "县域就诊率", 90.0, 2027, None),
        ("target", ["一", "（二）"], "基层诊疗量占比", 65.0, 2027, None),
    ]


def test_a_year_the_sentence_is_about_and_reported_states():
    assert _dated("2024年是全面实施“十四五”规划的关键之年。全市卫生健康工作要点如下。") == []
    # a past date with 已 / 累计 reports; 目前 opens a state; neither is due at any date
    assert _dated("到2023年底，全市已完成改造老旧小区300个。") == [
        ("baseline", ["一"], "完成改造老旧小区", 300.0, 2023, None)]
    assert _dated("目前，全市共有各级各类学校520所。") == [
        ("baseline", ["一"], "各级各类学校", 520.0, None, None)]
    # an aim stays one
    assert _dated("到2025年，全市累计改造老旧小区500个。")[0][0] == "target"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年内，新建改建农村公路300公里。", [("target", "新建改建农村公路", 2024, "2024-12")]),
        ("今年底前，全市完成100个老旧小区改造。", [("target", "完成老旧小区改造数", 2024, "2024-12")]),
        ("今年，全市要新建社区卫生服务中心5个。", [("target", "新建社区卫生服务中心", None, None)]),  # (今年以来…: no date)
        ("今年内完成全部验收工作。", [("deadline", "完成全部验收工作", 2024, "2024-12")]),
        ("今年6月底前出台实施细则。", [("deadline", "出台实施细则", 2024, "2024-06")]),
        ("明年3月底前，完成全部验收工作。", [("deadline", "完成全部验收工作", 2025, "2025-03")]),
        ("力争明年底前，全市老旧小区改造完成率达到95%。", [("target", "老旧小区改造完成率", 2025, "2025-12")]),
        ("明年内建成区域医疗中心。", [("deadline", "建成区域医疗中心", 2025, "2025-12")]),
        ("明年起全面推行电子证照。", []),  # from then on: no deadline
        # a quarter is due by its last month, of the year before it or else the document's; 每季度
        # recurs and 前三季度 is a running total: no date
        ("第三季度末前，完成项目招标工作。", [("deadline", "完成项目招标工作", 2024, "2024-09")]),
        ("第四季度末前全面启动实施。", [("deadline", "全面启动实施", 2024, "2024-12")]),
        ("明年一季度前，完成全部验收工作。", [("deadline", "完成全部验收工作", 2025, "2025-03")]),
        ("于今年9月底前完成排查整治。", [("deadline", "完成排查整治", 2024, "2024-09")]),
        ("到明年6月底，全市完成老旧小区改造100个。", [("target", "完成老旧小区改造个数", 2025, "2025-06")]),
        # a bare quarter says when, not by when; 连续三季度 counts quarters
        ("第四季度启动实施。", []),
        ("到2025年，全市规上工业增加值一季度增长8%。", [("target", "规上工业增加值一季度", 2025, None)]),
        ("连续三季度完成项目招标工作。", []),
        ("2025年一季度前，各县区完成自查。", [("deadline", "各县区完成自查", 2025, "2025-03")]),
        ("每季度开展一次督查。", []),
        ("前三季度完成投资的70%以上。", [("target", "前三季度完成投资", None, None)]),  # (the period names it)
    ],
)
def test_the_documents_own_year_in_words(sentence, expected):
    """今年 is the document's year and 明年 the next; 今年底前, 今年内 and 2024年内， are due by its
    end (they left a junk deadline 今 or 内 behind), 今年6月底前 by its June (it gave nothing), 明年底前
    by the next year's end (it gave the document's year and a junk deadline 明)."""
    got = [(k, ind, y, dl) for k, _p, ind, _v, y, dl in _dated(sentence)]
    assert got == expected


def test_the_nei_of_neimenggu_is_no_year_end():
    got = _dated("2024年内蒙古自治区卫生健康工作要点。")
    assert all(dl is None and "内蒙古" in ind for _k, _p, ind, _v, _y, dl in got)


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("到2025年，一是全市高新技术企业达到500家。", "高新技术企业"),  # an enumerator is no part of it
        ("到2025年，新增城镇就业年均5万人以上。", "新增城镇就业"),  # 年均, not 均 leaving 年
        ("到2025年，县级公立医院电子病历应用水平均达到4级以上。", "县级公立医院电子病历应用水平"),  # not 应用水
    ],
)
def test_indicator_trimming(sentence, indicator):
    assert _dated(sentence)[0][2] == indicator


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，单位GDP能耗、单位GDP二氧化碳排放分别比2020年下降14%和18%。",
         [("单位GDP能耗", 14.0, "下降"), ("单位GDP二氧化碳排放", 18.0, "下降")]),
        ("到2025年，服务业增加值和社会消费品零售总额分别增长7%和8%。",
         [("服务业增加值", 7.0, "增长"), ("社会消费品零售总额", 8.0, "增长")]),
        ("到2025年，城镇、农村居民参保率分别达到98%和95%。",  # a modifier takes the last item's noun
         [("城镇居民参保率", 98.0, "达到"), ("农村居民参保率", 95.0, "达到")]),
    ],
)
def test_distributed_items_that_name_their_own_measure(sentence, expected):
    """分别 over items each naming a measure (…能耗、…排放): no tail of the last item is glued onto
    the others (单位GDP能耗化碳排放), and the verb before the first value is every value's."""
    got = [(t.indicator, t.value, t.verb) for t in _plan_targets(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，城乡居民收入比缩小至2.1∶1以内。", ("城乡居民收入比", 2.1, ":1", "<=")),
        ("到2025年，城乡居民收入之比缩小到2.2：1。", ("城乡居民收入之比", 2.2, ":1", "=")),
        ("到2025年，医护比达到1:1.25。", ("医护比", 1.25, "1:", "=")),  # 1:X as before
    ],
)
def test_ratios_written_either_way(sentence, expected):
    """X:1 (收入比缩小至2.1∶1) reads the first term, 1:X the second: the term that is not 1."""
    (t,) = _plan_targets(sentence)
    assert (t.indicator, t.value, t.unit, t.comparator) == expected


def test_a_table_caption_is_no_deadline():
    """2024年重点任务分工表 right above a table names it; the same words above no table, or a
    deadline sentence ending in 清单, stay deliverables."""
    head = "某县人民政府办公室关于印发2024年重点任务分工的通知\n"
    table = "序号\t工作任务\t牵头单位\t完成时限\n1\t推进医共体建设\t县卫生健康局\t2024年10月31日\n"
    got = policyparse.parse_text(head + "2024年重点任务分工表\n" + table).documents[0].targets
    assert [(t.indicator, t.deadline) for t in got] == [("推进医共体建设", "2024-10")]
    got = policyparse.parse_text(head + "2024年底前公布首批试点名单\n" + table).documents[0].targets
    assert ("公布首批试点名单", "2024-12") in [(t.indicator, t.deadline) for t in got]  # a deadline above a table
    plan = "某县方案\n一、任务\n（一）2024年底前制定权责清单\n（二）加强建设。\n"
    got = policyparse.parse_text(plan).documents[0].targets
    assert [(t.indicator, t.deadline) for t in got] == [("制定权责清单", "2024-12")]
