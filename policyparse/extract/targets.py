"""Stage 5 — extract dated quantitative targets (issue #5).

``extract_targets(ctx)`` reads one document and returns :class:`Target` objects:

* ``target``   a future aim with a number (到2020年，A达到90%以上; 力争…);
* ``baseline`` a reported value (in a 背景/现状 section, or dated before the
  document's own date);
* ``deadline`` a dated deliverable with no number (2021年底前出台…; 到2017年，
  基本形成…; task-table rows with 完成时限: the task column named in the header, even
  after a 县区 column; a day in the cell is due in its month; the row sits under its 序号).

How it works
------------
The document body (titles, doc numbers, heading markers and heading titles excluded — but
a regulation's article and an inline item whose title is a whole statement, （1）每年培训
2000人, are body: :func:`_title_is_body`) is cut into
*units*: prose paragraphs (one line each, read sentence by sentence, a sentence
ended by 。！？；), cells of appendix target tables (one tab-prefixed line each,
the section caption 到2017年… giving the year), rows of indicator tables (a header 指标名称 +
year columns 2020年/2025年: a baseline per earlier year, a target for the last; unit from the cell
or the name's bracket, comparator from ≤/≥ or 以上 in the cell) and rows of task tables
(tab-separated, last cell a 完成时限).  Each
unit is handled by the first rule of :data:`UNIT_RULES` that claims it.  A prose
sentence is cut into clauses (，, a parenthesis holding a number), quantities
are found in each clause by the rules of :data:`QUANTITY_RULES`, dates by
:data:`DATE_RULES`; a date governs the following clauses of its sentence, and an aimed-at
date opening a sentence also dates the numbers of the paragraph's next sentences (until
another date or 目前/已经 …).  A clause opening with 责任单位/牵头单位 (a note whose brackets
were lost) ends the sentence's deliverables.

Numbers and how they are represented
------------------------------------
* ``1,000`` / ``6.18`` / full-width digits → the float value, unit as written
  (``％`` is written ``%``; ``百分点`` is written ``个百分点``).
* rates keep their denominator in the unit: ``17/10万`` → 17, ``/10万``;
  ``6.5‰`` → 6.5, ``‰``.  Densities named in words keep the words in the
  indicator: ``每千常住人口1.5张`` → indicator ``每千常住人口…``, 1.5, ``张``.
* ranges ``35%-50%`` / ``2名—3名`` / ``2—3名`` → value 35, value_max 50,
  comparator ``range``.
* ratios named with 比 (``医护比达到1:1.25``, ``床护比1∶0.6``) → the second term, the
  first in the unit: 1.25, ``1:``.
* compound counts ``12大类52项`` → two targets (12 ``大类``, 52 ``项``).
* Chinese numerals (only in these forms, so that 十三五, 二级医院, 两个允许 are
  never read as numbers): ``百分之三十`` → 30 ``%``; ``十个百分点`` → 10
  ``个百分点``; ``两成`` → 20 ``%``; ``一半`` → 50 ``%``.
* numbers that are rules, not values: a frequency per day/week/month/quarter/term (每月开展1次
  检查, 每学期至少召开1次; a yearly quota, 每年培训2000人, stays a target); a cap on each
  operation's duration (单次作业时间不超过3天; a measured one, 平均住院日控制在7.5天以内, stays);
  an eligibility threshold (600名学生以上的学校); a procedural limit (5个工作日内); an age
  qualifying a group (75岁以上老年人); an amount a rule grants (给予一次性奖励50万元,
  最高补助100万元, 按每人300元标准给予补贴; a total a plan aims at, 累计发放补贴10亿元, stays).
* doubling, in every form, is the multiple of the base: ``翻一番`` / ``提高一倍`` /
  ``增加一倍`` / ``增长一倍`` (or ``增长1倍``) → 2 ``倍`` (翻两番 → 4 ``倍``), never +100 ``%``.

Comparators come from the words around the number (``以上``/``不低于``/``至少``/
``超过`` → ``>=``; ``以下``/``以内``/``不超过``/``不高于`` → ``<=``; ``左右``/``约``
→ ``~``; a range → ``range``; else ``=``).  The direction verb (提高到, 下降到,
控制在, 稳定在, 达到 …) is kept in ``verb``.  A change by how much is indicated by what
changes: 比2020年/较上年 dropped, 年均 kept with its verb, an elided subject taken from the
clause before (…总量达到120万人，年均增长5% → …总量年均增长).

Dates: a year in brackets right after a number (45%（2025年）) is that number's own; 到2020年 / 力争到2020年 / 2017年 → year (a range 2015—2020年 is a period, no
date; opening a sentence, it dates that sentence's numbers by its end year, never a deadline);
2021年底前 / 到2017年底 / 年内 → deadline YYYY-12; 2021年10月底前 / 于2024年6月30日前 / …；2024年6月30日前，
→ YYYY-10 / YYYY-06; 截至2020年底 → 2020 (a reporting date, no deadline); “十三五”末 → 2020 (“十三五”
期间 is no date: its totals have no year); 2025年前 → 2025; 展望2035年 → 2035.  年内, 全年 (a period:
year only) and a month with no year (3月底前, 12月上旬) use the document's year (its date, else the year
in its title), as does 于 + a whole month (将于11月组织验收); 当年度, 每年年底前 (a recurring duty) and a year naming a topic (2024年…的总体要求是：) are
no date.  A date opening the part of a sentence before ； (perhaps after a label: 主要指标：到2025年，…)
dates the numbers after it; an enumerated point (二是…) starts without the paragraph's carried date.

All vocabulary (units, comparator words, verbs, date words, trimming lists)
lives in ``policyparse/data/targets.json``.  Every regular expression uses
bounded quantifiers or one unnested run of a character class (a sentence, a
clause), so the extractor runs in linear time.  Most text holds no number and no
date: cheap trigger patterns derived from the same vocabulary (:func:`_triggers`)
skip the lines, sentences and clauses that the finders could not match anyway.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate
from operator import attrgetter
from typing import Any

from pydantic import TypeAdapter

from ..markers import match_marker
from ..models import Target
from ..offsets import SpanIndex
from ..structure import group_title
from ..vocab import CN_NUMERAL_CHARS, cn_to_int, load_data
from ..vocab import alternation as _alt
from . import Claims, DocContext, SectionInfo
from .assignments import (
    cell_deadline,
    column_kind,
    row_number,
    row_path,
    unnumbered_header,
    year_only_cell,
)

# ---------------------------------------------------------------------------
# vocabulary (lazy)


@dataclass(frozen=True)
class _Vocab:
    data: dict[str, Any]
    units: tuple[str, ...]
    unit_word_re: re.Pattern[str]  # any unit word anywhere (a bracket's test in _clause_cuts)
    quantity_re: re.Pattern[str]
    date_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    prefix_words: tuple[str, ...]
    verbs: tuple[str, ...]
    cut_re: re.Pattern[str]  # the words of more than one character where an indicator's head ends
    cut_chars: tuple[str, ...]  # the one-character ones (they count only at the end)
    cut_char_set: frozenset[str]  # … as a set
    verbs_reversed_re: re.Pattern[str]  # the direction verbs, spelt backwards (the last one before a number)
    prefix_reversed_re: re.Pattern[str]  # the comparator words, spelt backwards (see _last_prefix_word)
    verb_max: int  # the longest direction verb (how far back _LastBefore must read)
    prefix_max: int  # the longest comparator word
    change_re: re.Pattern[str]  # a direction or change verb
    unit_aliases: dict[str, str]
    count_units: frozenset[str]
    summary_prefixes: tuple[str, ...]
    change_verbs: tuple[str, ...]  # in data order
    caption_endings: tuple[str, ...]  # a table's caption ends so (…分工表, …清单)
    lead_strip: tuple[str, ...]  # words trimmed off an indicator's start / end
    lead_keep: tuple[str, ...]  # … but never off these (在校生, 在岗人员)
    trail_rewrites: dict[str, str]  # endings a trail word would cut into (水平均 → 水平)
    trail_strip: tuple[str, ...]
    baseline_re: re.Pattern[str]  # a word of a section title that reports the past
    locative_endings: tuple[str, ...]
    locative_last_chars: frozenset[str]  # their last characters (a cheap first test)
    locative_units: tuple[str, ...]  # the units ending like one (公里): a clause ending with one is no lead-in
    list_lead_verbs: tuple[str, ...]  # verbs that lead a list of counted things (see _listed_item)
    lead_adverbs: tuple[str, ...]  # 已, 共 … before such a verb (see _strip_adverb)
    adverb_firsts: tuple[str, ...]  # their first characters (a cheap first test)
    value_lead_words: tuple[str, ...]  # the direction verbs and comparator words (longest first): what leads to a value
    verb_last_chars: frozenset[str]  # their last characters (a cheap first test)
    unitless_re: re.Pattern[str]  # a measure written without a unit, ending the words before its verb (系数力争)
    year_measure_re: re.Pattern[str]  # … one counted in years (受教育年限)
    score_measure_re: re.Pattern[str]  # … one counted in points (评价得分)
    note_label_re: re.Pattern[str]  # a responsibility label opening a clause (责任单位，省卫生计生委)
    note_label_first: frozenset[str]  # the characters such a clause can start with
    note_paren_re: re.Pattern[str]  # a role word inside brackets: （A牵头，B配合） is a note, not the target's words
    carry_break_re: re.Pattern[str]  # a sentence reporting the present or past (目前, 已经 …): ends a carried date
    reported_re: re.Pattern[str]  # a reported state (已完成, 共有): a past date with one dates no aim
    present_re: re.Pattern[str]  # a sentence opening on the present (目前, 现阶段)
    aim_re: re.Pattern[str]  # a word of an aim (要, 确保, 力争 …)
    age_groups: tuple[str, ...]  # 5岁以下儿童: an age that qualifies who is counted, not a value
    action_endings: tuple[str, ...]  # 每年改造不少于300户: a verb counted in the number's unit
    procedural_limits: tuple[str, ...]  # 5个工作日内: a procedural time limit, not a target
    grant_before_re: re.Pattern[str]  # 给予一次性奖励 before an amount: a rule granting it, not a target
    grant_after_re: re.Pattern[str]  # …标准给予补贴 / …奖励 after an amount
    grant_verb_re: re.Pattern[str]  # 给予, 予以
    grant_last_chars: frozenset[str]  # the last characters grant_before_re can match (a cheap first test)
    grant_first_chars: frozenset[str]  # the first characters grant_after_re can match
    frequency_units: frozenset[str]  # 次: how often (…检查不少于2次 → …检查次数)
    frequency_period_re: re.Pattern[str]  # 每月…1次: a recurring duty (a rule), not a target
    duration_units: frozenset[str]  # 天, 小时: 不超过3天 is a limit on each operation unless measured (平均…)
    duration_measure_re: re.Pattern[str]  # 平均, 控制在: a measured duration (平均住院日控制在7.5天以内) is a target
    eligibility_re: re.Pattern[str]  # (学生)以上的…学校 after a count: an eligibility threshold
    eligible_after_re: re.Pattern[str]  # 的…企业 after an amount (500万元以上的企业): the same …
    threshold_measures: tuple[str, ...]  # … when one of these stands before it (年销售额500万元以上的)
    # clause gates, each found in every text its finders can match (see _triggers)
    date_trigger_re: re.Pattern[str]
    quantity_trigger_re: re.Pattern[str]
    trigger_re: re.Pattern[str]  # either of them (a sentence gate)
    trigger_run_re: re.Pattern[str]  # a trigger and the rest of its clause (see _trigger_hits)
    line_scan_re: re.Pattern[str]  # a tab or a trigger run (see _readable_lines)


#: what 每 names in a granted amount's modifier (每人, 每户 …)
_GRANT_PER = "人户家个所项次年月"


def _grant_before(grants: dict[str, list[str]]) -> re.Pattern[str]:
    """What ends right before a granted amount: 给予（一次性）（奖励）, or 一次性/最高 + 奖励."""
    verbs, words, mods = _alt(grants["verbs"]), _alt(grants["words"]), _alt(grants["modifiers"])
    per = f"每[{_GRANT_PER}]"
    return re.compile(
        rf"(?:(?:{verbs})(?:{mods}|{per})*(?:{words})?|(?:{mods}|{per})+(?:{words}))[\s　]?$"
    )


def _trie(words: Sequence[str]) -> str:
    """The alternation of words, longest first (as :func:`_alt` writes it), with the words that start
    alike grouped under their first character (…|万(?:平方公里|人次|元|…)|个(?:百分点)?|…): only one
    group can match at a place, and the words of a group keep their order, so it matches what the
    plain alternation matches, preferring the same word, but the engine tries one group where it
    tried each word (a unit after every number)."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in groups.items():
        if len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
        else:  # (longest first: an empty rest, the first character alone, comes last)
            longer = [r for r in rests if r]
            parts.append(re.escape(first) + f"(?:{_trie(longer)})" + ("?" if len(longer) < len(rests) else ""))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = load_data("targets.json")
    units = tuple(sorted(data["units"], key=len, reverse=True))
    num = r"[0-9０-９]{1,3}(?:,[0-9０-９]{3}){1,4}(?![0-9０-９])(?:\.[0-9０-９]{1,6})?|[0-9０-９]{1,12}(?:\.[0-9０-９]{1,6})?"
    # a unit, perhaps divided by another (吨标准煤/万元, 万吨/日): the unit keeps its denominator
    unit = f"(?:{_trie(units)})(?:/(?:{_trie(data['unit_denominators'])}))?"
    sep = _alt(data["range_separators"])
    # the first number as num with its first digit taken out of the alternatives (each one digit
    # shorter) and the look-behind after it (on the character before that digit): the pattern
    # starts with a character class, so the engine skips along the text to the next digit (a
    # leading look-ahead or look-behind is tried at every position)
    first_num = (
        r"[0-9０-９](?<![0-9０-９.A-Za-z第〔\[＋+].)"
        r"(?:[0-9０-９]{0,2}(?:,[0-9０-９]{3}){1,4}(?![0-9０-９])(?:\.[0-9０-９]{1,6})?|[0-9０-９]{0,11}(?:\.[0-9０-９]{1,6})?)"
    )
    quantity = (
        # (a magnitude alone, 万/亿, as the first unit only before a range's separator: 4万至5万人)
        rf"(?P<v1>{first_num})\s{{0,1}}(?P<u1>{unit}|[万亿](?=\s?(?:{sep})\s?[0-9０-９]))?"
        rf"(?:\s{{0,1}}(?P<sep>{sep})\s{{0,1}}(?P<v2>{num})\s{{0,1}}(?P<u2>{unit}))?"
    )
    # every date starts with one of these characters: a cheap test at each position first
    # (the alternatives below are tried only where it passes)
    date_first = sorted({*_DIGITS, "“", *(w[0] for w in (*_DATE_PRE, *_DATE_TO, *_MONTH_TO, *_IN_YEAR, *_RELATIVE_YEARS)),
                         *(w[0] for w in data["five_year_plans"])})
    date = (
        "(?=[" + re.escape("".join(date_first)) + "])"
        "(?:(?P<pre>" + "|".join(_DATE_PRE) + ")?(?P<to>" + "|".join(_DATE_TO) + ")?"
        r"(?:(?P<y>(?:19|20|１９|２０)[0-9０-９]{2})\s?年(?!版|度的)"
        r"(?:(?P<m>[0-9０-９]{1,2})\s?月(?:(?P<d>[0-9０-９]{1,2})\s?日(?=以前|之前|前)|(?![0-9０-９]{1,2}日)))?"
        r"|“?(?P<fyp>" + _alt(list(data["five_year_plans"])) + r")”?(?P<fyw>期间|期末|末))"
        r"(?P<end>年底|年末|底|末)?(?P<before>以前|之前|前)?"
        r"|(?P<inyear>" + "|".join(_IN_YEAR) + ")"
        # a month with no year (3月底前, 12月上旬, 于3月15日前): of the document's year
        # (or of a year named relative to the document's: 今年6月底前, 明年3月底前)
        r"|(?:(?P<rel>" + "|".join(_RELATIVE_YEARS) + r")|(?<![0-9０-９年月日.\-－—–~～至/]))"
        r"(?P<mto>" + "|".join(_MONTH_TO) + r")?(?P<mo>[0-9０-９]{1,2})\s?月"
        r"(?:(?P<md>[0-9０-９]{1,2})\s?日(?=以前|之前|前))?(?P<mend>底|末|上旬|中旬|下旬)?(?P<mbefore>以前|之前|前)?)"
    )
    date_trigger, quantity_trigger = _triggers(data)
    any_trigger = _starting_triggers(quantity_trigger + date_trigger)
    quantity_re, date_re = re.compile(quantity), re.compile(date)
    # find_dates and q_arabic read all groups at once, by position
    if tuple(quantity_re.groupindex) != _QUANTITY_GROUPS or tuple(date_re.groupindex) != _DATE_GROUPS:
        raise AssertionError("the quantity or date pattern's groups are not in the order their readers expect")
    prefix_words = tuple(sorted(data["comparator_prefix"], key=len, reverse=True))
    verbs = tuple(sorted(data["direction_verbs"], key=len, reverse=True))
    cut_words = dict.fromkeys(verbs + prefix_words + ("由", "为"))
    return _Vocab(
        data=data,
        units=units,
        unit_word_re=re.compile(unit),
        quantity_re=quantity_re,
        date_re=date_re,
        suffix_re=re.compile(r"\s{0,1}(" + _alt(list(data["comparator_suffix"])) + ")"),
        prefix_words=prefix_words,
        verbs=verbs,
        cut_re=re.compile(_alt([w for w in cut_words if len(w) > 1])),
        cut_chars=tuple(w for w in cut_words if len(w) == 1),
        cut_char_set=frozenset(w for w in cut_words if len(w) == 1),
        verbs_reversed_re=re.compile(_alt([w[::-1] for w in verbs])),
        verb_max=max(map(len, verbs)),
        prefix_reversed_re=re.compile(_alt([w[::-1] for w in prefix_words])),
        prefix_max=max(map(len, prefix_words)),
        change_re=re.compile(_alt(list(verbs) + list(data["change_verbs"]))),
        unit_aliases=data["unit_aliases"],
        count_units=frozenset(data["count_units"]),
        summary_prefixes=tuple(data["summary_prefixes"]),
        change_verbs=tuple(data["change_verbs"]),
        caption_endings=tuple(data["caption_endings"]),
        lead_strip=tuple(data["indicator_lead_strip"]),
        lead_keep=tuple(data["indicator_lead_keep"]),
        trail_rewrites=dict(data["indicator_trail_rewrites"]),
        trail_strip=tuple(data["indicator_trail_strip"]),
        baseline_re=re.compile(_alt(data["baseline_section_words"])),
        locative_endings=tuple(data["locative_clause_endings"]),
        locative_last_chars=frozenset(w[-1] for w in data["locative_clause_endings"]),
        locative_units=tuple(u for u in units if u.endswith(tuple(data["locative_clause_endings"]))),
        list_lead_verbs=tuple(data["list_lead_verbs"]),
        lead_adverbs=tuple(data["indicator_lead_adverbs"]),
        adverb_firsts=tuple({w[0] for w in data["indicator_lead_adverbs"]}),
        value_lead_words=tuple(sorted({*verbs, *prefix_words}, key=len, reverse=True)),
        verb_last_chars=frozenset(w[-1] for w in (*verbs, *prefix_words)),
        unitless_re=re.compile(f"(?:{_alt(data['unitless_measures'])})[\u4e00-\u9fff]{{0,4}}$"),
        year_measure_re=re.compile(f"(?:{_alt(data['year_measures'])})[\u4e00-\u9fff]{{0,4}}$"),
        score_measure_re=re.compile(f"(?:{_alt(data['score_measures'])})[\u4e00-\u9fff]{{0,4}}$"),
        carry_break_re=re.compile(_alt(data["carry_break_words"])),
        reported_re=re.compile(_alt(data["reported_state_words"])),
        present_re=re.compile(_alt(data["present_openers"])),
        aim_re=re.compile(_alt(data["aim_words"])),
        age_groups=tuple(data["age_groups"]),
        action_endings=tuple(data["action_endings"]),
        procedural_limits=tuple(data["procedural_limits"]),
        grant_before_re=_grant_before(data["grants"]),
        grant_after_re=re.compile(
            rf"(?:的)?(?:(?P<std>标准)(?:{_alt(data['grants']['standard_verbs'])})"
            rf"|(?P<std_word>标准)?(?:{_alt(data['grants']['verbs'])})?(?:{_alt(data['grants']['words'])}))"
        ),
        grant_verb_re=re.compile(_alt(data["grants"]["verbs"])),
        grant_last_chars=frozenset(
            [w[-1] for k in ("verbs", "words", "modifiers") for w in data["grants"][k]] + list(_GRANT_PER) + [" ", "　"]
        ),
        grant_first_chars=frozenset(["的", "标", *(w[0] for k in ("verbs", "words") for w in data["grants"][k])]),
        frequency_units=frozenset(data["frequency_units"]),
        frequency_period_re=re.compile(_alt(data["frequency_periods"])),
        duration_units=frozenset(data["duration_units"]),
        duration_measure_re=re.compile(_alt(data["duration_measure_words"])),
        eligibility_re=re.compile(
            r"[\u4e00-\u9fff]{1,4}?(?:及)?(?:以上|以下)的[^，,。；;：:、（(]{0,10}?(?:" + _alt(data["eligible_nouns"]) + ")"
        ),
        eligible_after_re=re.compile(r"的[^，,。；;：:、（(]{0,10}?(?:" + _alt(data["eligible_nouns"]) + ")"),
        threshold_measures=tuple(data["threshold_measures"]),
        note_label_first=frozenset("【（([" + "".join(w[0] for w in data["responsibility_labels"])),
        note_label_re=re.compile(r"[【（(\[]?\s?(?:" + _alt(data["responsibility_labels"]) + ")"),
        note_paren_re=re.compile(_alt(data["responsibility_role_words"])),
        date_trigger_re=re.compile("|".join(date_trigger)),
        quantity_trigger_re=re.compile("|".join(quantity_trigger)),
        trigger_re=re.compile("|".join(any_trigger)),
        trigger_run_re=re.compile(f"(?:{'|'.join(any_trigger)})[^{re.escape(_CUTS)}]*"),
        # (the tab inside the group: a top-level \t|… alternation would be scanned ~15x slower)
        line_scan_re=re.compile(f"(?:\t|{'|'.join(any_trigger)})[^{re.escape(_CUTS)}]*"),
    )


def _triggers(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Cheap patterns found in every text the date / quantity finders can match.

    A clause without them is not searched.  Dates: a year (its last digit and 年),
    a five-year plan or an in-year word; quantities: a digit (every arabic number)
    or the fixed core of a Chinese-numeral form (:data:`_CN_TRIGGERS`).  Every
    alternative starts with a literal character, so that the regex engine skips
    along the text on their first characters (a leading [0-9] would make it try
    each alternative at every position, ~5x slower).
    """
    fyp = [re.escape(w) for w in data["five_year_plans"]]
    dates = [rf"{d}\s?[年月]" for d in _DIGITS] + fyp + list(_IN_YEAR) + ["季度"]
    quantities = list(_DIGITS) + list(_CN_TRIGGERS)
    return dates, quantities


def _starting_triggers(triggers: list[str]) -> list[str]:
    """The triggers a scan for where triggers start (and their runs) needs to try: one opening
    with a one-character trigger (2\\s?[年月] after 2) matches only where that one does (which
    comes first), so leaving it out finds the same places, and fewer alternatives are tried."""
    singles = {t for t in triggers if len(t) == 1}
    return [t for t in triggers if len(t) == 1 or t[0] not in singles]


_DIGITS = "0123456789０１２３４５６７８９"
#: the groups of the quantity and date patterns, in their order
_QUANTITY_GROUPS = ("v1", "u1", "sep", "v2", "u2")
_DATE_GROUPS = ("pre", "to", "y", "m", "d", "fyp", "fyw", "end", "before", "inyear", "rel", "mto", "mo", "md", "mend",
                "mbefore")
_SENT_END = "。！？；!?;\n"
#: Every character where a sentence or a clause may end (see split_clauses).
_CUTS = "，,：:（(）)" + _SENT_END
_IN_YEAR = ("今年年底前", "今年底前", "今年内", "明年年底前", "明年底前", "明年内", "年内", "年底前", "当年", "全年")
#: the years a month may be named of, relative to the document's (今年6月底前, 明年3月底前)
_RELATIVE_YEARS = {"今年": 0, "明年": 1}
#: the words that may lead such a year in (到明年6月底, 于今年9月底前)
_REL_TO = frozenset("到至于在")
#: the words that may open a date (in pattern order: the first alternative that matches wins)
_DATE_PRE = ("力争", "争取", "展望")
_DATE_TO = ("到", "至", "在", "于", "截至")
_MONTH_TO = ("于", "在", "到")
_FW = str.maketrans("０１２３４５６７８９", "0123456789")
_CLAUSE_SEP = "，,：:"

# ---------------------------------------------------------------------------
# small data classes


@dataclass(slots=True)
class Quantity:
    start: int  # absolute offsets in ctx.text (number .. unit/suffix)
    end: int
    value: float
    unit: str | None
    value_max: float | None = None
    comparator: str | None = None
    verb: str | None = None
    year: int | None = None  # a year bound to this number only (由2011年的25元)


@dataclass(slots=True)
class DateMark:
    start: int
    end: int
    year: int | None
    month: int | None
    governing: bool = True  # False: 2011年的25元 (binds only the next numbers)
    standalone: bool = False  # the clause holds nothing but the date (到2017年，)
    prefix_start: int = 0  # where 力争 starts
    towards: bool = False  # 到/至/力争: a date aimed at (governs trailing clauses too)
    due: bool = False  # a deadline form: …前, 年底前, 年内
    period: bool = False  # a year range opening a clause (2023—2025年，…): its numbers are due at its end, no deadline
    yearlong: bool = False  # 全年: the document's year as a period (its numbers' year, no deadline), anywhere


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    quantities: Sequence[Quantity] = ()  # set by _prepare_clause (most clauses hold neither)
    dates: Sequence[DateMark] = ()


# ---------------------------------------------------------------------------
# numbers

QuantityRule = Callable[[str, int, int], list[Quantity]]


def _num(s: str) -> float:
    return float(s.replace(",", "") if "," in s else s)  # (float and int read ０-９ as 0-9)


def _unit(u: str | None) -> str | None:
    if u is None:
        return None
    return _vocab().unit_aliases.get(u, u)


_CN_ONE_TO_TEN = frozenset("一二三四五六七八九十")


_MAGNITUDES = ("万", "亿")
#: what may follow the value of a measure without a unit (see _measured)
_AFTER_UNITLESS = frozenset("，,。；;、）) \n以左上及之")
#: … and what may follow 分 after a score (90分（百分制）)
_AFTER_POINTS = _AFTER_UNITLESS | {"", "（", "("}
#: a score as a threshold for whom a rule applies to (85分以上的评为优秀)
_RE_POINTS_THRESHOLD = re.compile(r"(?:及)?(?:以上|以下)?的")


def _measured(text: str, start: int, floor: int, measure: re.Pattern[str]) -> bool:
    """Whether the bare number at start is the value of a measure its caller reads without a unit
    (data: unitless_measures, year_measures, score_measures): right after a direction verb or comparator word
    (农田灌溉水有效利用系数提高到0.58, 营商环境指数达到85以上), a measure ending the words before the
    verb.  (The caller tests what follows the number first: a clause end or a comparator suffix, or
    年 or 分; a year, 8:30 are none.)"""
    v = _vocab()
    if text[start - 1 : start] not in v.verb_last_chars:
        return False
    verb = next((w for w in v.value_lead_words if text.endswith(w, floor, start)), None)
    if verb is None:
        return False
    lo = start - len(verb)
    return measure.search(text, max(floor, lo - 12), lo) is not None


def q_arabic(text: str, start: int, end: int) -> list[Quantity]:
    """Arabic numbers with a unit: 30%, 6.5‰, 17/10万, 1,000名, ranges 35%-50% / 2名—3名 / 4万至5万人."""
    v = _vocab()
    out: list[Quantity] = []
    summary = v.summary_prefixes
    aliases = v.unit_aliases
    for m in v.quantity_re.finditer(text, start, end):
        v1, u1, _sep, v2, u2 = m.groups()  # (in pattern order: _QUANTITY_GROUPS)
        ms = m.start()
        if v2 is None and not u1:
            # a bare number (a year, a serial): no quantity, unless the value of a measure written without
            # a unit (利用系数提高到0.58) or counted in years (受教育年限达到11.5年, never 2025年); the tests
            # inline first (a bare number is mostly a year, 年 after it)
            me = m.end()
            after = text[me : me + 1]
            if after in _AFTER_UNITLESS:
                if _measured(text, ms, start, v.unitless_re):
                    out.append(Quantity(ms, me, _num(v1), None))
            elif after == "年" and (me - ms <= 2 or "." in v1 and v1.index(".") <= 2) \
                    and _measured(text, ms, start, v.year_measure_re):
                out.append(Quantity(ms, me + 1, _num(v1), "年"))
            elif after == "分" and text[me + 1 : me + 2] in _AFTER_POINTS \
                    and not _RE_POINTS_THRESHOLD.match(text, me + 1, end) \
                    and _measured(text, ms, start, v.score_measure_re):
                # 评价得分达到90分以上 (never 满分100分, nor 评分达到85分以上的评为优秀: who qualifies)
                out.append(Quantity(ms, me + 1, _num(v1), "分"))
            continue
        if u1 in _MAGNITUDES:
            # 4万至5万人, 2.5万—3万人: the range's unit is the second's; else (4万-5) no quantity
            if v2 is None or not u2.startswith(u1):
                continue
            u1 = u2
        if v2 is not None:
            unit = aliases.get(u2, u2)
            if u1 and aliases.get(u1, u1) != unit:
                # 10大类43项 is not a range; take the first part only
                out.append(Quantity(ms, m.start("u1") + len(u1), _num(v1), aliases.get(u1, u1)))
                continue
            q = Quantity(ms, m.end(), _num(v1), unit, value_max=_num(v2))
            q.comparator = "range"
        else:
            q = Quantity(ms, m.end(), _num(v1), aliases.get(u1, u1))
        if ms > start and text[ms - 1] in summary:
            continue  # 等8项改革: a summary count, not a target
        if q.unit in ("个", "名", "家", "项") and text[q.end : q.end + 1] in _CN_ONE_TO_TEN:
            continue
        if q.unit == "件" and _RE_AFFAIRS.match(text, q.end, end):
            continue  # 重点办好3件事, 10件民生实事: a list of things to do, no measure
        out.append(q)
    return out


#: what 件 counts when it counts affairs (3件事, 10件民生实事), not a measure (专利12件, 提案120件)
_RE_AFFAIRS = re.compile(r"[\u4e00-\u9fff]{0,4}?事(?![业务项])")
_CN = f"[{CN_NUMERAL_CHARS}]{{1,6}}"
_CHENG_DIGITS = "一二两三四五六七八九"
_FAN_DIGITS = "一两二三四"
_RE_PCT_CN = re.compile(rf"百分之(?P<n>{_CN}|[0-9]{{1,3}}(?:\.[0-9]{{1,4}})?)")
_RE_POINTS_CN = re.compile(rf"(?<![{CN_NUMERAL_CHARS}])(?P<n>{_CN})个百分点")
_RE_CHENG = re.compile(rf"(?<![一二两三四五六七八九十])(?P<n>[{_CHENG_DIGITS}])成(?=以上|以下|左右|[，。、；）]|$)")
_RE_HALF = re.compile(r"一半")
_RE_FAN = re.compile(rf"翻(?P<n>[{_FAN_DIGITS}])番")
#: increase verbs before 一倍 / 1倍: the amount becomes twice the base (2 倍, like 翻一番)
_DOUBLING_VERBS = ("提高", "增加", "增长", "提升", "扩大", "上升")
_RE_DOUBLE = re.compile("(?<=" + "|".join(_DOUBLING_VERBS) + ")一倍")
#: The fixed core of each pattern above: a text without any of these holds no Chinese-numeral quantity.
_CN_TRIGGERS = ("百分之", "个百分点", *(f"{c}成" for c in _CHENG_DIGITS), "一半", f"翻[{_FAN_DIGITS}]番", "一倍")
_RE_CN_TRIGGER = re.compile("|".join(_CN_TRIGGERS))


def _cn_value(s: str) -> float | None:
    if s[:1].isdigit():
        return float(s)
    n = cn_to_int(s)
    return float(n) if n is not None else None


def q_chinese(text: str, start: int, end: int) -> list[Quantity]:
    """Chinese numerals in their target forms: 百分之三十, 十个百分点, 两成, 一半, 翻一番."""
    out: list[Quantity] = []
    if not _RE_CN_TRIGGER.search(text, start, end):
        return out
    for m in _RE_PCT_CN.finditer(text, start, end):
        val = _cn_value(m.group("n"))
        if val is not None:
            out.append(Quantity(m.start(), m.end(), val, "%"))
    for m in _RE_POINTS_CN.finditer(text, start, end):
        val = _cn_value(m.group("n"))
        if val is not None:
            out.append(Quantity(m.start(), m.end(), val, "个百分点"))
    for m in _RE_CHENG.finditer(text, start, end):
        val = _cn_value(m.group("n"))
        if val is not None:
            out.append(Quantity(m.start(), m.end(), val * 10, "%"))
    for m in _RE_HALF.finditer(text, start, end):
        out.append(Quantity(m.start(), m.end(), 50.0, "%"))
    for m in _RE_FAN.finditer(text, start, end):
        val = _cn_value(m.group("n"))
        if val is not None:
            out.append(Quantity(m.start(), m.end(), float(2 ** int(val)), "倍"))
    for m in _RE_DOUBLE.finditer(text, start, end):
        out.append(Quantity(m.start(), m.end(), 2.0, "倍"))
    return out


_RE_RATIO = re.compile(
    r"(?=[0-9０-９])(?<![0-9０-９.])(?P<a>[0-9０-９]{1,3}(?:\.[0-9０-９]{1,3})?)\s?[:：∶]\s?"
    r"(?P<b>[0-9０-９]{1,4}(?:\.[0-9０-９]{1,4})?)(?![0-9０-９.:：∶])"
)


def q_ratio(text: str, start: int, end: int) -> list[Quantity]:
    """Ratios named as such (医护比达到1:1.25, 床护比1∶0.6, 比例为1:2): the second term, its first in
    the unit (1.25, ``1:``), as a rate keeps its denominator (17, ``/10万``); written X:1 (城乡居民
    收入比缩小至2.1∶1), the first term, ``:1`` the unit.  The 比 must lead to it, with at most
    例/为 and a direction or comparator word between (never a time, 8:30)."""
    out: list[Quantity] = []
    if text.find("比", start, end) < 0:
        return out
    for m in _RE_RATIO.finditer(text, start, end):
        k = text.rfind("比", start, m.start())
        if k < 0 or not _ratio_lead_re().fullmatch(text, k + 1, m.start()):
            continue
        a, b = m.group("a").translate(_FW), m.group("b").translate(_FW)
        if b == "1" and a != "1":  # 收入比缩小至2.1∶1: the first term is the measure, ``:1`` its unit
            out.append(Quantity(m.start(), m.end(), _num(a), ":1"))
        else:
            out.append(Quantity(m.start(), m.end(), _num(m.group("b")), f"{a}:"))
    return out


@lru_cache(maxsize=1)
def _ratio_lead_re() -> re.Pattern[str]:
    v = _vocab()
    return re.compile(r"(?:例|值)?\s?(?:为|是)?\s?(?:" + _alt(v.verbs + v.prefix_words) + r")?\s?")


#: Ordered registry of number readers (name, rule).
QUANTITY_RULES: list[tuple[str, QuantityRule]] = [
    ("arabic", q_arabic),
    ("chinese", q_chinese),
    ("ratio", q_ratio),
]


_start_of = attrgetter("start")


def _numbers(text: str, start: int, end: int) -> list[Quantity]:
    """What the quantity rules read in text[start:end], in order of start; a number that
    overlaps one read before (by an earlier rule, or earlier by the same) is left out.

    Kept disjoint and in order of start, their ends are in order too, so a new number can
    overlap only the last one starting before it ends: one bisection, not a comparison with
    each (a clause of thousands of numbers was quadratic)."""
    found: list[Quantity] = []
    starts: list[int] = []
    for _name, rule in QUANTITY_RULES:
        for q in rule(text, start, end):
            if not found or q.start >= found[-1].end:  # after every one (the usual case)
                found.append(q)
                starts.append(q.start)
                continue
            k = bisect_left(starts, q.end)
            if k and found[k - 1].end > q.start:
                continue  # overlaps a number read before
            found.insert(k, q)
            starts.insert(k, q.start)
    return found


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    found = _numbers(text, start, end)
    v = _vocab()
    gone: list[Quantity] = []  # the numbers that are rules or qualifiers, no values
    # (most clauses hold no quotation and no bracket: one scan each, not a look per number)
    quotes = text.find("“", start, end) >= 0
    brackets = text.find("（", start, end) >= 0 or text.find("(", start, end) >= 0
    for q in found:
        if quotes and _quoted(text, q, start, end):
            gone.append(q)  # 建成“15分钟健身圈”: a name, no value
            continue
        if text.startswith(v.procedural_limits, _number_end(text, q.start)):
            gone.append(q)  # 5个工作日内: a procedural limit
            continue
        if q.start > start and text[q.start - 1] == "每" and text[q.start - 2 : q.start - 1] not in v.verb_last_chars:
            # 每10万人口, 每1000名儿童: what a rate is per, no value (缩短到每5分钟一班: the value, a verb before)
            gone.append(q)
            continue
        m = v.suffix_re.match(text, q.end, end)
        if m:
            word = m.group(1)
            if q.comparator != "range":
                q.comparator = v.data["comparator_suffix"][word]
            q.end = m.end()
        if brackets and (y := _RE_YEAR_NOTE.match(text, q.end, end)):
            q.year, q.end = int(y.group(1)), y.end()  # 45%以上（2025年）: that year's value
        if q.unit == "倍" and q.value == 1 and text.endswith(_DOUBLING_VERBS, max(0, q.start - 2), q.start):
            q.value = 2.0  # 增长1倍 reads as 增长一倍: twice the base
        if q.unit == "岁" and _qualifies_group(text, q.end, end):
            gone.append(q)  # 5岁以下儿童死亡率: the age says who is counted
        elif q.unit in v.frequency_units and v.frequency_period_re.search(text, _clause_start(text, q.start, start),
                                                                           q.start):
            gone.append(q)  # 每月开展1次检查: how often a duty recurs, a rule
        elif q.unit in v.duration_units and _capped(text, q) and not v.duration_measure_re.search(
                text, _clause_start(text, q.start, start), q.start):
            gone.append(q)  # 单次作业时间不超过3天: a limit on each operation, a rule
        elif q.unit != "%" and _qualifies_institution(text, q.end, end):
            gone.append(q)  # 600名学生以上的学校: who the rule applies to
        elif m and text[q.end : q.end + 1] == "的" and q.unit not in _SHARE_UNITS and q.unit not in v.count_units \
                and text.endswith(v.threshold_measures, start, q.start) and v.eligible_after_re.match(text, q.end, end):
            gone.append(q)  # 年销售额500万元以上的企业: an amount saying which ones, no value
        elif q.start >= 2 and text.startswith(("附件", "附表"), q.start - 2):
            gone.append(q)  # 附件2所列…: an appendix's number
        elif q.unit is not None and q.unit.endswith("元") and _granted(text, q, start, end):
            gone.append(q)  # 给予一次性奖励50万元: what a rule grants
    if not gone:
        return found
    ids = {id(q) for q in gone}
    return [q for q in found if id(q) not in ids]


#: the units of a share (70%的村卫生室…: the share of them is the value)
_SHARE_UNITS = frozenset(["%", "‰", None])


def _quoted(text: str, q: Quantity, start: int, end: int) -> bool:
    """Whether the number q stands inside a short quotation (“15分钟健身圈”, “30分钟急救圈”): part of a
    name, not a value."""
    k = text.rfind("“", max(start, q.start - 8), q.start)
    return k >= 0 and text.find("”", k, q.start) < 0 and text.find("”", q.end, min(end, q.end + 10)) >= 0


#: a year in brackets right after a number (达到45%（2025年）、60%（2035年）): the number's own
_RE_YEAR_NOTE = re.compile(r"[（(]\s?((?:19|20|１９|２０)[0-9０-９]{2})\s?年?\s?[）)]")


def _granted(text: str, q: Quantity, start: int, end: int) -> bool:
    """Is the amount q one a rule grants (给予一次性奖励50万元, 最高补助100万元, 按每人300元标准给予
    补贴)?  Not one a plan aims at (累计发放补贴10亿元, 补助标准提高到432元)."""
    v = _vocab()
    before = text[q.start - 1] if q.start > start else ""
    after = text[q.end] if q.end < end else ""
    if before not in v.grant_last_chars and after not in v.grant_first_chars:
        return False  # (most amounts: neither check can match)
    cs = _clause_start(text, q.start, start)
    if before in v.grant_last_chars and v.grant_before_re.search(text, cs, q.start) is not None:
        return True
    m = v.grant_after_re.match(text, q.end, end)  # 按每人300元标准给予补贴; 分别给予20万元、10万元奖励
    return m is not None and (m.group("std") is not None or m.group("std_word") is not None
                              or v.grant_verb_re.search(text, cs, q.start) is not None)


_RE_CLAUSE_CUT = re.compile("[，,。；;：:\n]")


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding pos starts (after the last ，。；： before it), not before floor."""
    lo = max(floor, pos - 60)
    last = lo
    for m in _RE_CLAUSE_CUT.finditer(text, lo, pos):
        last = m.end()
    return last


def _capped(text: str, q: Quantity) -> bool:
    """q has an upper bound: 以内/以下 after it or 不超过/最多… right before it."""
    if q.comparator == "<=":
        return True
    prefixes = _vocab().data["comparator_prefix"]
    before = text[max(0, q.start - 4) : q.start]
    word = max((w for w in prefixes if before.endswith(w)), key=len, default=None)  # 不低于, not 低于
    return word is not None and prefixes[word] == "<="


def _qualifies_institution(text: str, pos: int, end: int) -> bool:
    """A count + its noun + 以上/以下 + 的 + an institution (600名学生以上的非寄宿制学校, 300名职工以下的企业):
    an eligibility threshold saying which ones a rule applies to, no value.  Without the noun
    (培育5家以上的龙头企业) the count is what is aimed at: a target."""
    if text.find("的", pos + 3, min(end, pos + 8)) < 0:
        return False  # (its 的 follows 1-4 characters, 及 and 以上/以下)
    m = _vocab().eligibility_re.match(text, pos, end)
    return m is not None


_RE_NUMBER_AT = re.compile(r"[0-9０-９.,]{1,24}")


def _number_end(text: str, start: int) -> int:
    """Where the digits of the number starting at start end (its value, before any unit)."""
    m = _RE_NUMBER_AT.match(text, start)
    return m.end() if m else start


def _qualifies_group(text: str, pos: int, end: int) -> bool:
    """An age (5岁以下, 15岁以上, 0-6岁) right before a population noun (儿童, 人群, 老年人 …):
    it says who is counted (5岁以下儿童死亡率) or who is eligible (75岁以上老年人), no value."""
    v = _vocab()
    for lead in ("及以上", "及以下", "以上", "以下", "的"):
        if text.startswith(lead, pos):
            pos += len(lead)  # 65岁及以上老年人 (a suffix the quantity did not take)
            break
    mods = tuple(v.data["age_group_modifiers"])
    for _ in range(2):  # 65岁及以上常住老年人, 60岁以上农村低收入老年人
        if not text.startswith(mods, pos):
            break
        pos += next(len(w) for w in mods if text.startswith(w, pos))
    return pos < end and text.startswith(v.age_groups, pos)


# ---------------------------------------------------------------------------
# dates


def _inside_book_title(text: str, pos: int, floor: int) -> bool:
    lo = max(0, floor - 80, pos - 80)
    open_ = text.rfind("《", lo, pos)
    return open_ >= 0 and text.rfind("》", open_, pos) < 0


_RE_DAY_AFTER = re.compile(r"[0-9０-９]{1,2}\s?[日月]")
#: 一是/二是/三是 … numbering a sentence's points
_RE_ENUMERATOR = re.compile(r"[一二三四五六七八九十]是")


def find_dates(text: str, start: int, end: int, doc_year: int | None, periods: bool = False) -> list[DateMark]:
    """The dates of text[start:end].  periods: a year range opening it (2023—2025年，…) is returned
    as a period (its end year, no month); otherwise a range gives no date."""
    v = _vocab()
    fyp = v.data["five_year_plans"]
    out: list[DateMark] = []
    for m in v.date_re.finditer(text, start, end):
        # (all groups at once, in pattern order: _DATE_GROUPS)
        pre, to, y, mo, day, plan, plan_word, end_word, due_word, inyear, rel, mto, lone_month, mday, mend, mbefore = \
            m.groups()
        ms, me = m.span()
        if lone_month:
            # a month with no year: a deadline of the document's year (3月底前, 12月上旬, 于3月15日前),
            # not a recurring one (每年3月底前, 次月15日前) nor a bare month (3月份)
            only_month = int(lone_month)  # (int reads ０-９ as 0-9)
            # 将于11月组织验收: 于 + a whole month (no day, not 11月份) is when it is due, as 11月底前
            due_month = mto == "于" and not mday and text[me : me + 1] not in (*_DIGITS, "份")
            if doc_year is None or not 1 <= only_month <= 12 or not (mend or mbefore or due_month) \
                    or text[ms - 1 : ms] in ("每", "次", "上", "下", "本", "当"):
                continue
            year_of = doc_year + _RELATIVE_YEARS[rel] if rel else doc_year
            towards = False
            if rel and ms > start and text[ms - 1] in _REL_TO:  # 到明年6月底, 于今年9月底前: the word is the date's
                ms -= 1
                towards = text[ms] in "到至"
            out.append(DateMark(start=ms, end=me, year=year_of, month=only_month, prefix_start=ms, due=True,
                                towards=towards))
            continue
        if inyear:
            if doc_year is None or inyear == "当年" and text[me : me + 1] == "度":
                continue  # 当年度: the year a rule applies in, no date
            if text[ms - 1 : ms] == "每" or inyear == "年底前" and text[ms - 2 : ms] == "每年":
                continue  # 每年年底前: a recurring duty, no deadline
            if inyear == "全年":
                # 全年新增…2家: the document's year as a period (no deadline); 全年龄 / 2023年全年 no date
                if text[me : me + 1] == "龄" or text[ms - 1 : ms] == "年":
                    continue
                out.append(DateMark(start=ms, end=me, year=doc_year, month=None, prefix_start=ms, period=True,
                                    yearlong=True))
                continue
            year: int | None = doc_year + 1 if inyear.startswith("明") else doc_year  # (明年底前: the next year's end)
            month: int | None = 12 if inyear.endswith(("年内", "年底前")) else None
        elif y:
            year = int(y)
            month = int(mo) if mo else None
            if month is not None and not 1 <= month <= 12:
                continue
            if end_word and month is None and to != "截至":
                month = 12  # 2021年底前; 截至2020年底 reports a state (a date, no deadline)
            # 2007年10月1日前批准上市的… is a cut-off date, not a deadline; 于2024年6月30日前报… is one (its month)
            # …; 2024年6月30日前，每个县… (a day opening a clause) is one too
            if _RE_DAY_AFTER.match(text, me, me + 4) or day and not (to or pre) and not (
                    text[me : me + 1] in "，," and (ms == start or text[ms - 1] in "，,；;。：:\n")):
                continue
            # a year inside a name (改革2021年重点工作任务, 《…2021年…》) is no date; an enumerator
            # (三是2023年底前…) is no name
            if not (to or pre):
                before = text[ms - 1 : ms] if ms > start else ""
                if before and before not in "，,。；：:（(“\"\t 由从自" and "\u4e00" <= before <= "\u9fff" \
                        and not _RE_ENUMERATOR.fullmatch(text, max(start, ms - 2), ms):
                    continue
            if _inside_book_title(text, ms, start):
                continue
            if month is None and text[me : me + 1] == "内" and text[me + 1 : me + 2] in ("，", ",", "、", " "):
                me, month, due_word = me + 1, 12, "内"  # 2024年内，…: due by the year's end
        elif plan:
            year = fyp[plan]
            month = None
            if not (plan_word or to) or plan_word == "期间":
                continue  # “十四五”期间 totals and shares are no state at a date (year null; the span stays in the name)
        else:
            continue
        if y:
            ys = m.start("y")
            if ys > 0 and text[ys - 1] in "（(〔[":
                continue  # （2012年版）, 〔2016〕
            if _in_year_range(text, ys, me):
                # 2015—2020年, 2020年12月—2021年11月: a period (a plan's), not a date aimed at; opening
                # the clause, it says when its numbers are due (its end year)
                if periods and not _RE_RANGE_NEXT.match(text, me):
                    rs = _range_start(text, ys)
                    if rs == start:
                        out.append(DateMark(start=rs, end=me, year=year, month=None, prefix_start=rs, period=True))
                continue
        if text[ms - 1 : ms] in ("从", "自") or text[me : me + 2] in ("开始", "起"):
            continue  # 从2024年开始: a start, not a deadline
        after = text[me : me + 2]
        governing = True
        if (y or plan) and (after[:1] == "的" and after[1:2].isdigit() or after[:1].isdigit()):
            governing = False  # 由2011年的25元, 增加到2015年12大类, 由“十三五”末的40微克/立方米
        s = m.start("pre") if pre else ms
        towards = bool(pre or (to in ("到", "至")))
        # (positional: start, end, year, month, governing, standalone, prefix_start, towards, due)
        out.append(DateMark(ms, me, year, month, governing, False, s, towards, bool(due_word or inyear)))
    if text.find("季", start, end) >= 0:
        out = _quarters(text, start, end, doc_year, out)
    return out


#: a quarter of a year closed as a deadline (第三季度末前, 一季度末, 明年一季度前); a bare quarter
#: (一季度增长8%, 第四季度启动) says when, not by when, and is no date
_RE_QUARTER = re.compile(
    r"(?P<rel>今年|明年)?第?(?P<q>[一二三四1-4１-４])季度(?:(?:末|底)(?:以前|之前|前)?|以前|之前|前)"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4, "１": 1, "２": 2, "３": 3, "４": 4}


def _quarters(text: str, start: int, end: int, doc_year: int | None, out: list[DateMark]) -> list[DateMark]:
    """out with the quarters of text[start:end] closed as deadlines (第三季度末前 → September):
    of the year written right before them (2025年一季度前: that date's month is set), of 今年 /
    明年 before them, else of the last dated year before them (2025年，…；第三季度前…), else of the
    document's year.  Not a recurring one (每季度), a running total (前三季度) or a count of
    quarters (连续三季度)."""
    added = False
    for m in _RE_QUARTER.finditer(text, start, end):
        ms, me = m.span()
        if text[ms - 1 : ms] in ("每", "前", "个", "两", "续", "三", "二", "一"):
            continue  # 每季度, 前三季度, 连续三季度, 三四季度: no date
        month = 3 * _QUARTERS[m.group("q")]
        prev = next((d for d in out if d.end == ms), None)
        if prev is not None:
            if prev.year is not None and prev.month is None and not prev.period:
                prev.end, prev.month, prev.due = me, month, True  # 2025年第三季度末前
            continue
        rel = m.group("rel")
        if rel:
            year = doc_year + _RELATIVE_YEARS[rel] if doc_year is not None else None
        else:
            year = next((d.year for d in reversed(out) if d.end <= ms and d.year is not None and not d.period), doc_year)
        if year is None:
            continue
        out.append(DateMark(ms, me, year, month, True, False, ms, False, True))
        added = True
    if added:
        out.sort(key=lambda d: d.start)
    return out


_RANGE_SEPARATORS = "-－—–~～至"
#: what _separator_before skips back over (a one-character string, or "" at the text's start)
_BLANK_OR_SEPARATOR = frozenset(" \u3000" + _RANGE_SEPARATORS)
_RE_RANGE_NEXT = re.compile(r"\s?[-－—–~～至]{1,2}\s?(?:19|20|１９|２０)[0-9０-９]{2}")


def _separator_before(text: str, pos: int) -> tuple[int, int]:
    """(j, i): the range separator (—, 至 …, at most two) ending at i, spaces skipped back from pos; j == i if none."""
    i = pos
    while i > 0 and text[i - 1] in " \u3000":
        i -= 1
    j = i
    while j > 0 and text[j - 1] in _RANGE_SEPARATORS and i - j < 2:
        j -= 1
    return j, i


def _in_year_range(text: str, start: int, end: int) -> bool:
    """The date text[start:end] is one end of a year range: 2015—2020年 / 2015年至2020年 / 2020年12月—2021年11月."""
    if text[start - 1 : start] not in _BLANK_OR_SEPARATOR:  # (most dates: no separator before them)
        return _RE_RANGE_NEXT.match(text, end) is not None
    j, i = _separator_before(text, start)
    if j < i and j > 0 and (text[j - 1].isdigit() or text[j - 1] in "年月"):
        return True
    return _RE_RANGE_NEXT.match(text, end) is not None


_RE_RANGE_HEAD = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}\s?(?:年\s?(?:[0-9０-９]{1,2}\s?月)?)?\s?$")


def _range_start(text: str, ys: int) -> int:
    """Where the year range ending with the year at ys starts (2023—2025年 → the 2 of 2023)."""
    j, _i = _separator_before(text, ys)
    m = _RE_RANGE_HEAD.search(text, max(0, j - 12), j)
    return m.start() if m else j


DateRule = Callable[[str, int, int, "int | None"], list[DateMark]]
#: Ordered registry of date readers.
DATE_RULES: list[tuple[str, DateRule]] = [("dates", find_dates)]


# ---------------------------------------------------------------------------
# units of text: sentences, cells, rows


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    kind: str  # "prose" | "cell" | "row"
    year: int | None = None  # a caption year governing a table cell
    month: int | None = None
    hits: list[int] | None = None  # its trigger hits (see _trigger_hits), when already known


_RE_TITLE_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s?年")


def _doc_year(ctx: DocContext) -> int | None:
    if ctx.year:
        return ctx.year
    if ctx.title:
        m = _RE_TITLE_YEAR.search(ctx.title)
        if m:
            return int(m.group(1))
    return None


_RE_TITLE_CLAUSE = re.compile(r"[，；;]|(?<![0-9]),|,(?![0-9])")


#: The clause marks :func:`_title_is_body` looks for in a title (its literal tests name them).
_TITLE_CLAUSE_MARKS = ("，", "；", ";", ",")


def _title_is_body(sec: SectionInfo) -> bool:
    """Whether a heading's title is read as body text (from the end of its marker on).

    A regulation's article (第五条　到2025年，…) has no title: its words are body.  An
    inline item whose "title" is a whole statement — several clauses (（2）推进…培养，到2025年
    累计培养5000名), a number with its unit (（1）每年培训2000人), or a deadline (（3）2025年前
    建成…) — states what the item aims at, as body text would.  A heading phrase (主要目标,
    到2017年深化医改的主要目标, 准备阶段（2020年11月）) and appendix captions are not.
    """
    if sec.style == "article":
        return True
    if sec.style == "appendix" or sec.path[:1] and sec.path[0].startswith("附"):
        return False
    title = sec.title  # the heading's own words (without its marker)
    if "，" in title or "；" in title or ";" in title or "," in title and _RE_TITLE_CLAUSE.search(title):
        return True  # (the literal tests first: most titles hold none of these marks)
    v = _vocab()
    if not v.trigger_re.search(title):
        return False  # most titles: no number, no date
    if v.quantity_trigger_re.search(title) and find_quantities(title, 0, len(title)):
        return True
    if v.date_trigger_re.search(title):
        for m in v.date_re.finditer(title):
            if m.group("before") or m.group("inyear") or m.group("mbefore"):
                return True  # (1、3月底前完成摸底调查: a month's deadline, of the document's year)
    return False


def _excluded(ctx: DocContext) -> list[tuple[int, int]]:
    """Ranges that are not body text: the document's title and number, heading markers and
    (unless :func:`_title_is_body`) heading titles."""
    ranges: list[tuple[int, int]] = [(a, b) for a, b in ctx.skip]
    text = ctx.text
    sections = ctx.sections
    marked = _titles_marked(sections)
    for i, sec in enumerate(sections):
        end = sec.title_end
        if (i in marked or sec.style == "article") and _title_is_body(sec):
            start = end - len(sec.title)  # where the title starts (unless spaces were dropped from it)
            if sec.start < start and text.startswith(sec.title, start):
                end = start
            else:
                m = match_marker(text, sec.start)
                if m is not None and m.end <= end:
                    end = m.end
        ranges.append((sec.start, end))
    return sorted(ranges)


def _titles_marked(sections: list[SectionInfo]) -> set[int]:
    """The places of the sections whose title holds a clause mark (，；;,) or a trigger: only an
    article's title or one of these can be body (see :func:`_title_is_body`).  One search of the
    titles joined by a newline (no mark or trigger holds one), resumed at the next title after
    each title found, not one look per title."""
    titles = "\n".join([sec.title for sec in sections])
    search = _title_mark_re().search
    m = search(titles)
    if m is None:
        return set()  # (most documents: a title or two at most)
    starts = list(accumulate([len(sec.title) + 1 for sec in sections], initial=0))
    marked = set()
    while m is not None:
        i = bisect_right(starts, m.start()) - 1
        marked.add(i)
        m = search(titles, starts[i + 1])
    return marked


@lru_cache(maxsize=1)
def _title_mark_re() -> re.Pattern[str]:
    # (one group of literal alternatives: the engine skips along the text on their first characters,
    # where a leading character class or a top-level alternation is tried at every position, ~15x slower)
    marks = "|".join(map(re.escape, _TITLE_CLAUSE_MARKS))
    return re.compile(f"(?:{marks}|{_vocab().trigger_re.pattern})")


#: a line read (start, end, runs): see _readable_lines
_Line = tuple[int, int, list[tuple[int, int]] | None]


def _readable_lines(ctx: DocContext, excl: list[tuple[int, int]]) -> Iterator[_Line]:
    """(start, end, runs) of the lines that hold a tab (table rows and cells) or a trigger (see
    :func:`_triggers`): no unit rule can read anything in any other line.  runs: the
    (start, end) of the line's trigger runs (as :func:`_trigger_hits` finds them), None in a line
    with a tab (a tab's run may hide triggers).  One scan of the document finds the lines and
    their triggers.

    excl: the excluded ranges (:func:`_excluded`), sorted.  One opening a line (a heading's marker
    or title, 47.推动…; or one from an earlier line) is skipped when a line's first run starts in
    it: the scan resumes at its end, so that a heading line whose only triggers are in its marker
    (most numbered items) is not read at all.  split_units drops such a range from the line's unit
    (its excluded prefix): no run starting in it makes a hit, but for the first trigger after the
    prefix in a run reaching past it, which the resumed scan finds as well (its run ends at the same
    cut).  Not when a tab precedes the range's end (a tab-led line is a cell; a tab run hides
    triggers): that line is read whole."""
    text, end = ctx.text, ctx.end
    finditer = _vocab().line_scan_re.finditer
    pos = ctx.start  # the earliest start of the next line
    ls = le = -1
    runs: list[tuple[int, int]] | None = []
    nx, j = len(excl), 0
    at: int | None = ctx.start  # where the scan (re)starts
    while at is not None:
        start, at = at, None
        for m in finditer(text, start, end):
            p = m.start()
            if p >= le:  # a new line (no run crosses a line end)
                if le >= 0:
                    yield ls, le, runs
                    le = -1
                ls = text.rfind("\n", pos, p) + 1 or pos
                while j < nx and excl[j][1] <= p:
                    j += 1
                if j < nx and excl[j][0] <= p:  # (few lines: a run in an excluded range)
                    xs, xe = excl[j]
                    if (xs <= ls or text[xs] not in _BLANK and not text[ls:xs].strip(_BLANK)) \
                            and text.find("\t", ls, xe) < 0:
                        at = xe  # the range opens the line: skip it
                        break
                nl = text.find("\n", p, end)
                le = end if nl < 0 else nl
                runs = []
                pos = le + 1
            if runs is not None:
                if text[p] == "\t":
                    runs = None
                else:
                    runs.append(m.span())
        if at is not None and at >= end:
            break
    if le >= 0:
        yield ls, le, runs


def _unit_hits(text: str, runs: list[tuple[int, int]] | None, start: int) -> list[int] | None:
    """The trigger hits of a unit starting at start (as :func:`_trigger_hits` finds them) from its
    line's runs: those starting in it.  A run from before it (a heading marker's 1.到2025年…) ends
    at the first cut after start: up to there the unit holds one hit, its first trigger.  None
    when the runs are unknown (the unit is scanned)."""
    if runs is None:
        return None
    hits = []
    for rs, r_end in runs:
        if rs >= start:
            hits.append(rs)
        elif r_end > start:
            m = _vocab().trigger_re.search(text, start, r_end)
            if m:
                hits.append(m.start())
    return hits


def _parents(sections: list[SectionInfo]) -> list[int]:
    """For each section (in document order, level = depth), the index of the nearest earlier
    section of a lower level — its parent in the heading tree — or -1: one stack sweep."""
    out: list[int] = []
    stack: list[int] = []
    for i, sec in enumerate(sections):
        while stack and sections[stack[-1]].level >= sec.level:
            stack.pop()
        out.append(stack[-1] if stack else -1)
        stack.append(i)
    return out


def _section_caption_date(ctx: DocContext, sec: SectionInfo | None, index: dict[int, int],
                          parents: list[int]) -> DateMark | None:
    """The date in the caption of the appendix section holding sec (到2017年…), if any.

    index maps id(section) to its place in ctx.sections and parents is _parents(ctx.sections):
    the climb to the appendix costs the depth of the tree, not a scan back through siblings."""
    while sec is not None:
        if sec.style == "appendix" or sec.path[:1] and sec.path[0].startswith("附"):
            title_dates = find_dates(sec.title, 0, len(sec.title), None)
            if title_dates:
                return title_dates[0]
            # else the first date of its line
            ds = find_dates(ctx.text, sec.start, sec.line_end if sec.line_end > sec.title_end else sec.title_end, None)
            if ds:
                return ds[0]
            if sec.style == "appendix" or len(sec.path) == 1:
                return None
            # a heading inside the appendix (附表1 › 一、基层卫生) without a date: its caption governs
        # climb to the parent: the nearest earlier section of a lower level that contains this one
        i = parents[index[id(sec)]]
        while i >= 0 and not ctx.sections[i].start <= sec.start < ctx.sections[i].end:
            i = parents[i]
        sec = ctx.sections[i] if i >= 0 else None
    return None


_BLANK = " \t\u3000\r"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _BLANK:
        s += 1
    while e > s and text[e - 1] in _BLANK:
        e -= 1
    return s, e


#: A sentence: the text between two sentence ends, without the blanks around it
#: (what _trim leaves of it; a blank-only stretch is none).  One unbounded run, no
#: nesting: linear time.
_SENTENCE_RE = re.compile(
    f"[^{re.escape(_BLANK + _SENT_END)}](?:[^{re.escape(_SENT_END)}]*[^{re.escape(_BLANK + _SENT_END)}])?"
)
_SERIAL_RE = re.compile(r"[0-9]{1,3}")


def split_units(ctx: DocContext) -> list[Unit]:
    text = ctx.text
    excl = _excluded(ctx)
    nx = len(excl)
    headers = set(_vocab().data["table_header_cells"])
    units: list[Unit] = []
    captions: dict[int, DateMark | None] = {}
    tree: tuple[dict[int, int], list[int]] | None = None  # (section places, parents): built at the first cell
    j = 0  # exclusions are sorted and lines come in order: one sweep, no rescans
    for ls, le, runs in _readable_lines(ctx, excl):
        s, e = ls, le  # (a line with a match is not empty)
        if text[s] in _BLANK or text[e - 1] in _BLANK:
            s, e = _trim(text, s, e)
            if s >= e:
                continue
        while j < nx and excl[j][1] <= ls:
            j += 1
        near = []
        if j < nx and excl[j][0] <= e:  # (most lines: no exclusion)
            k = j
            while k < nx and excl[k][0] <= e:
                near.append(excl[k])
                k += 1
            # drop excluded prefixes (heading titles) of the line
            for xs, xe in near:
                if xs <= s < xe:
                    s = max(s, min(xe, e))
            s, e = _trim(text, s, e)
        while s < e and text[s] in "。．.、：:":
            s += 1
        if s >= e:
            continue
        covered = False  # the rest of the line is excluded
        for xs, xe in near:
            if xs <= s and e <= xe:
                covered = True
                break
        if covered:
            continue
        inside = text.count("\t", s, e)
        if inside >= 2 or inside and text[ls] == "\t":  # (a tab-led line with a tab inside: a row's wrapped piece)
            units.append(Unit(s, e, "row"))
            continue
        if text[ls] == "\t":
            line = text[s:e]
            if line in headers or _SERIAL_RE.fullmatch(line):
                continue
            sec = ctx.section_at(s)
            if id(sec) not in captions:  # one look per section, not per cell
                if tree is None:
                    tree = ({id(x): i for i, x in enumerate(ctx.sections)}, _parents(ctx.sections))
                captions[id(sec)] = _section_caption_date(ctx, sec, *tree)
            cap = captions[id(sec)]
            if cap is not None:
                units.append(Unit(s, e, "cell", year=cap.year, month=cap.month))
                continue
        # a paragraph (rule_prose reads it sentence by sentence); one without a trigger (the rest
        # of a heading's line) holds no date and no number: nothing to read
        hits = _unit_hits(text, runs, s)
        if hits != []:
            units.append(Unit(s, e, "prose", hits=hits))
    return units


#: Where a sentence may be cut: clause punctuation (，：: and , — the last three not between digits) and parentheses.
_CLAUSE_MARK = re.compile("[，：:,（(]")
_RE_ASCII_DIGIT = re.compile("[0-9]")
#: A colon between digits (8:30, 1:2) needs a closer look, as do a , and a parenthesis (see _clause_spans).
_RE_COLON_DIGIT = re.compile("[：:](?=[0-9０-９])")


def _clause_cuts(text: str, start: int, end: int, notes: list[tuple[int, int]] | None = None) -> list[int]:
    """Offsets of the characters that cut a sentence into clauses.

    A bracketed responsibility note (（A牵头，B配合）) is cut out and its range added
    to ``notes``: it names who does the task, not what is measured or delivered.
    """
    v = _vocab()
    cuts: list[int] = []
    resume = start  # no cuts inside a parenthesis
    for m in _CLAUSE_MARK.finditer(text, start, end):
        i = m.start()
        if i < resume:
            continue
        c = m.group()
        if c in "（(":
            close = _close_bracket(text, i, min(end, i + 120))
            if close > 0:
                inner = text[i + 1 : close]
                if _RE_ASCII_DIGIT.search(inner) and v.quantity_re.search(inner) and v.unit_word_re.search(inner):
                    cuts.append(i)
                    cuts.append(close)
                elif notes is not None and v.note_paren_re.search(inner):
                    cuts.append(i)
                    cuts.append(close)
                    notes.append((i, close))
                resume = close + 1
        elif c not in ",:：" or not (text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()):
            cuts.append(i)
    return cuts


_RE_BRACKET = re.compile("[（(）)]")


def _close_bracket(text: str, i: int, limit: int) -> int:
    """The bracket closing the one at i, nested ones skipped (（…各县（市）、区人民政府负责）), -1 if none before limit."""
    depth = 0
    for m in _RE_BRACKET.finditer(text, i, limit):
        if m.group() in "（(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of text[start:end], without the blanks around them (blank ones dropped)."""
    seg = text[start:end]
    colon = "：" in seg or ":" in seg
    if "," in seg or "（" in seg or "(" in seg or colon and _RE_COLON_DIGIT.search(text, start, end):
        # a , or a colon between digits, a parenthesis: the marks need a closer look
        spans = []
        p = start
        notes: list[tuple[int, int]] = []
        for c in [*_clause_cuts(text, start, end, notes), end]:
            a, b = _trim(text, p, c)
            p = c + 1
            if a < b and not (notes and any(i < a and b <= j for i, j in notes)):
                spans.append((a, b))
        return spans
    # else every ，：: cuts (str.split: no per-character work in Python; ~2x faster than a regex scan)
    if colon:
        seg = seg.replace("：", "，").replace(":", "，")
    spans = []
    p = start
    if " " not in seg and "\u3000" not in seg and "\t" not in seg and "\r" not in seg:
        for piece in seg.split("，"):  # (no blank to trim: most sentences)
            q = p + len(piece)
            if p < q:
                spans.append((p, q))
            p = q + 1
        return spans
    for piece in seg.split("，"):
        q = p + len(piece)
        if piece:
            if piece[0] in _BLANK or piece[-1] in _BLANK:
                a, b = _trim(text, p, q)
                if a < b:
                    spans.append((a, b))
            else:
                spans.append((p, q))
        p = q + 1
    return spans


def _merged_clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of the clauses of split_clauses: a locative lead-in (国家基本药物目录（2012年版）
    中，…) joined to the clause after it (a clause ending with a unit, 新建农村公路300公里, is none)."""
    spans = _clause_spans(text, start, end)
    if len(spans) < 2:
        return spans
    v = _vocab()
    last_chars = v.locative_last_chars
    for c in last_chars:  # (one str.find per character: a regex scans ~10x slower)
        if text.find(c, start, end) >= 0:
            break
    else:
        return spans  # (no clause can end with a locative word)
    ends = v.locative_endings
    out = []
    it = iter(spans)
    a0, b0 = next(it)
    for a, b in it:
        if text[b0 - 1] in last_chars and text.endswith(ends, a0, b0) and not text.endswith(v.locative_units, a0, b0):
            b0 = b  # a locative lead-in belongs to the next clause (…300公里 ends with a unit, not one)
        else:
            out.append((a0, b0))
            a0, b0 = a, b
    out.append((a0, b0))
    return out


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Cut a sentence at ，/, (not between digits) and around parentheses holding a number."""
    return [Clause(a, b) for a, b in _merged_clause_spans(text, start, end)]


# ---------------------------------------------------------------------------
# indicator


def _strip_adverb(s: str) -> str:
    """s without the adverb opening it before its verb (data: indicator_lead_adverbs): 已建成区域性
    养老服务中心 → 建成…, 共有养老机构 → 养老机构 (有 goes with it); 共享单车 and 已脱贫人口 stay."""
    v = _vocab()
    for w in v.lead_adverbs:
        if s.startswith(w):
            rest = s[len(w) :]
            if rest.startswith("有") and len(rest) > 2:
                return rest[1:]
            if rest.startswith(v.list_lead_verbs) or rest.startswith("累计"):
                return rest
            break
    return s


def _strip_words(s: str, lead: tuple[str, ...], trail: tuple[str, ...] = ()) -> str:
    """s without the lead words at its start and the trail words at its end (again and again),
    nor the separators and unpaired quotes around it; a word of lead_keep (在校生) is kept, an adverb
    before a count's verb (已建成…: _strip_adverb) is not."""
    v = _vocab()
    keep = v.lead_keep
    changed = s.startswith(lead) or s.endswith(trail)  # else nothing to strip
    while changed and s:
        changed = False
        if s.startswith(lead) and not s.startswith(keep):  # (else no word of the loop strips anything)
            for w in lead:
                if s.startswith(w) and len(s) > len(w):
                    s = s[len(w) :]
                    changed = True
                    if s.startswith(keep):
                        break
        if s.endswith(trail):
            rewritten = next((k for k in _vocab().trail_rewrites if s.endswith(k)), None)
            if rewritten is not None:  # (…应用水平均: 均 goes, not 平均)
                s = s[: -len(rewritten)] + _vocab().trail_rewrites[rewritten]
                changed = True
                continue
            for w in trail:
                if s.endswith(w) and len(s) > len(w):
                    s = s[: -len(w)]
                    changed = True
    s = s.strip("，,、 ：:")
    if s.startswith(v.adverb_firsts):
        s = _strip_adverb(s)  # (全市)已建成…, 共有… (a reported count)
    # a quote is dropped at an end unless it closes or opens a quote inside (“一网通办”事项比例)
    if "“" in s or "”" in s:  # (most words hold none)
        if s.startswith("“") and "”" not in s:
            s = s[1:]
        if s.endswith("”") and "“" not in s:
            s = s[:-1]
        if s.startswith("”"):
            s = s[1:]
        if s.endswith("“"):
            s = s[:-1]
    return s.strip("，,、 ：:")


def _remove_dates(text: str, s: int, e: int, dates: Sequence[DateMark]) -> str:
    if not dates:
        return text[s:e]
    parts = []
    p = s
    for d in sorted(dates, key=_start_of) if len(dates) > 1 else dates:
        if d.end <= s or d.start >= e:
            continue
        parts.append(text[p : max(p, d.prefix_start)])
        p = max(p, d.end)
        if text[p : p + 1] == "的":
            p += 1
    parts.append(text[p:e])
    return "".join(parts)


_RE_PAREN_GROUP = re.compile(r"[（(][^（）()]{1,12}[）)]")


def _head_noun(s: str) -> int:
    """Length of the noun phrase at the start of s (ending in a head noun), 0 if none.

    The phrase may list several nouns (综合性医院、康复医院和基层医疗卫生机构成为…): when no
    predicate follows the first one, the list runs on to the noun a predicate follows.  A bracket
    right after a noun belongs to it (县（市、区）): nothing inside it cuts or ends the phrase."""
    brackets: dict[int, int] = {}
    if "（" in s or "(" in s:
        brackets = {m.start(): m.end() for m in _RE_PAREN_GROUP.finditer(s, 0, 60)}
        for bs, be in brackets.items():
            s = s[:bs] + "＿" * (be - bs) + s[be:]  # masked: same length
    stop = len(s)
    for ch in "的，,":
        k = s.find(ch)
        if k >= 0:
            stop = min(stop, k)
    k = s.find("、", 0, stop)
    short = min(stop, 16, k if k >= 0 else stop)
    starts = _vocab().data["predicate_starts"]
    best = 0
    ends = []
    for noun in _vocab().data["head_nouns"]:
        k = s.find(noun, 0, stop)
        while 0 <= k < stop:
            ends.append(brackets.get(k + len(noun), k + len(noun)))
            k = s.find(noun, k + 1, stop)
    ends.sort()
    for e in ends:
        if e <= short:
            best = max(best, e)
            if e < len(s) and s[e] in starts:
                return e
    if best and best < len(s) and s[best] in "、和及":  # a list of nouns
        for e in ends:
            if best < e <= min(stop, 40) and e < len(s) and s[e] in starts:
                return e
    return best


def _in_brackets(s: str, i: int) -> bool:
    """Whether s[i] stands inside an unclosed bracket opened before it."""
    return max(s.rfind("（", 0, i), s.rfind("(", 0, i)) > max(s.rfind("）", 0, i), s.rfind(")", 0, i))


def _cut_at_verb(pre: str) -> tuple[str, str | None, int]:
    """Split pre at the first direction verb / comparator word; (head, verb, verb position)."""
    v = _vocab()
    k, verb = len(pre), None
    m = v.cut_re.search(pre)  # the first word, the longest where several start
    # a bracket's words (水质优良（达到或好于Ⅲ类）比例) and a verb of alternatives (水质达到或优于Ⅲ类比例)
    # qualify the noun: no predicate
    while m and (pre[m.end() : m.end() + 1] == "或" or ("（" in pre or "(" in pre) and _in_brackets(pre, m.start())):
        m = v.cut_re.search(pre, m.end())
    if m and not pre[: m.start()].strip():
        # a verb opening the clause leads in (实现…比例达到45%): the head ends at the next one
        m2 = v.cut_re.search(pre, m.end())
        if m2 and pre[m.end() : m2.start()].strip():
            m = m2
    if m:
        k, verb = m.start(), m.group()
    # one character counts only at the end (at its first place): 签约 is no 约 — none can unless one
    # stands in the tail, from the last character before the trailing 有达为 and blanks on
    if not v.cut_char_set.isdisjoint(pre[max(0, len(pre.rstrip("有达为 ")) - 1) :]):
        for w in v.cut_chars:
            i = pre.find(w)
            if 0 <= i < k and pre[i + 1 :].strip("有达为 ") == "":
                k, verb = i, w
    return pre[:k], verb, k


_RE_AND = re.compile(r"和|及|以及|、")
_RE_AND_END = re.compile(r"(和|以及|及|、)$")
_RE_HAS_END = re.compile(r"(至少|最少)?有$")
#: at least N things set up (每个县至少建成1所…医院, 每个村至少配备1名…): the count of the things
_RE_AT_LEAST_VERB = re.compile(r"(?:至少|最少|不少于)[\u4e00-\u9fff]{0,3}$")
_RE_MEASURE_END = re.compile(r"(数|率|比例|量)$")
_RE_COVER = re.compile(r"覆盖$")
#: 将/把 before the share (将不低于55%的A用于B): the share's noun is the subject, not what precedes
_RE_DISPOSAL = re.compile(r"[将把][^，的将把]{0,4}$")


#: What a change is measured against, at the end of its subject (门诊费用比2020年下降10%,
#: 床位使用率较上年提高2个百分点, 收入同比增长): not part of the indicator.
_RE_COMPARED = re.compile(
    r"(?:(?:比|较)(?:[0-9０-９]{4}\s?年(?:底|末)?|上一?年度?|去年|上年同期|去年同期|同期|基期|目前|现在|现有水平)"
    r"|同比|环比)$"
)
#: A rate adverb before a change verb (年均增长5%): part of the indicator (an average yearly change).
_RE_RATE_ADVERB = re.compile(r"(?:年均|年平均|平均每年|每年|平均)$")
_RE_CHANGE_END = re.compile(r"(?:年均|年平均|平均每年|每年|平均)?(?:下降|降低|提高|提升|增加|增长|减少|上升|缩短|压缩|扩大)$")


def make_indicator(text: str, cl: Clause, q: Quantity, prev_end: int, dates: Sequence[DateMark], count_unit: bool,
                   pre_end: int | None = None, subject: str | None = None) -> str:
    ind = _make_indicator(text, cl, q, prev_end, dates, count_unit, pre_end, subject)
    if q.unit in _vocab().frequency_units and ind and not _RE_MEASURE_END.search(ind):
        ind += q.unit + "数"  # 每年开展质控检查不少于2次 → 每年开展质控检查次数
    return ind


def _make_indicator(text: str, cl: Clause, q: Quantity, prev_end: int, dates: Sequence[DateMark], count_unit: bool,
                    pre_end: int | None, subject: str | None) -> str:
    v = _vocab()
    lead = v.lead_strip
    trail = v.trail_strip
    pre = _remove_dates(text, prev_end, q.start if pre_end is None else pre_end, dates)
    # after: up to the next quantity (the clause's are in order of start) or the clause end
    k = bisect_left(cl.quantities, q.end, key=_start_of)
    nxt = cl.quantities[k].start if k < len(cl.quantities) else cl.end
    after = text[q.end:nxt]
    after = _RE_AND.split(after, maxsplit=1)[0] if nxt < cl.end else after
    after = after.strip("，, ")
    if after[:1] == "的" and q.unit not in _SHARE_UNITS:
        after = after[1:]  # 培育5家以上的龙头企业 as 培育5家龙头企业: only a share's 的 makes it one of the noun
    if q.unit == "倍":
        pre = _RE_COMPARED.sub("", pre.rstrip())  # 较2023年翻一番: a multiple of the base year's amount
    if pre[-1:] in _FROM_LAST and _starting_value(text, cl, q):
        pre = _RE_FROM_NOW.sub("由", pre)  # 森林覆盖率从目前的45%提高到50%: the subject ends at 从
    head, verb, _ = _cut_at_verb(pre)
    if verb is None:
        stem = pre.rstrip()
        if stem.endswith(v.change_verbs):  # 下降十个百分点: by how much (which one: the first in data order)
            for w in v.change_verbs:
                if stem.endswith(w):
                    head, verb = stem[: -len(w)], w
                    break
        if verb is not None:
            # the change of what: 比2020年 / 较上年 dropped, 年均 kept with its verb, an elided
            # subject (…达到120万人，年均增长5%) taken from the clause before
            head = _RE_COMPARED.sub("", head.strip()).strip()
            adverb = _RE_RATE_ADVERB.search(head)
            base = _strip_words(head[: adverb.start()] if adverb else head, lead, trail)
            if adverb or not base:
                if not base and subject:
                    base = _RE_CHANGE_END.sub("", subject)  # its own change (…年均增长) is not the subject's
                return (base or "") + (adverb.group() if adverb else "") + verb
            head = base
    thing = after.strip()
    if count_unit and not thing and q.unit and head.strip().endswith(v.action_endings):
        # 每年改造不少于300户: what is counted is the action's units → 每年改造户数
        return _strip_words(head.strip(), lead, trail) + q.unit.lstrip("万亿") + "数"  # (培训30万人次 → 培训人次数)
    if count_unit and thing and not thing.startswith("的"):
        pr = pre.rstrip()
        # (both end the text: 有 last, or a word at most 6 characters from the end)
        has = pr.endswith("有") and _RE_HAS_END.search(pr) or _RE_AT_LEAST_VERB.search(pr, max(0, len(pr) - 6))
    else:
        has = None
    if has:
        # 每个县至少有1家县级中医医院 → 每个县县级中医医院数
        base = _strip_words(pre.rstrip()[: has.start()], lead, trail)
        return base + thing + ("" if _RE_MEASURE_END.search(thing) else "数")
    head = _strip_words(head.strip(), lead, trail)
    if "分别" in pre:
        head = _strip_words(pre.split("分别")[0], lead, trail)
    if after.startswith("的"):
        # 70%的村卫生室具备中医药服务能力 → 具备中医药服务能力的村卫生室比例
        rest = after[1:]
        n = _head_noun(rest)
        noun, pred = (rest[:n], rest[n:]) if n else (rest, "")
        pred = _strip_words(pred, ("能够", "可以", "均", "都"))
        if pred:
            return f"{pred}的{noun}比例"
        base = _RE_AND_END.sub("", head.strip() if verb is not None else pre.strip())
        base = _strip_words(base, lead, trail)
        if _RE_DISPOSAL.search(pre.rstrip()):
            base = ""  # 并按规定将不低于55%的A用于B: what is disposed of is the subject
        return f"{base}的{noun}比例" if base else f"{noun}比例"
    if after and _RE_COVER.match(after):
        return _strip_words(pre, lead, trail) + after + "率"
    if head and verb is not None:
        return head
    if not head and verb is not None and not after and subject and not _strip_words(pre[len(verb) :], lead, trail):
        # an elided subject: …比例达到60%以上，到2025年达到80%以上 (not its change: …年均增长7.2%，2020年达到…)
        return _RE_CHANGE_END.sub("", subject) or subject
    if verb is None and not after:
        return _strip_words(pre.strip(), lead, trail) or head
    # the counted thing follows the number: 打造100个县级重点专科 / 有2名以上合格的全科医生
    base = pre.strip()
    if verb in ("至少", "不少于", "超过") or base.endswith("有"):
        base = head or base
    base = _RE_HAS_END.sub("", base)
    base = _strip_words(base, lead, trail)
    if verb in v.verbs and head:
        base = head
    thing = after.strip()
    res = base + thing
    if count_unit and thing and not _RE_MEASURE_END.search(res) and "的" not in thing[:-1] or (
        count_unit and thing and pre.rstrip().endswith("有")
    ):
        res += "数"
    return res or _strip_words(text[cl.start : cl.end], lead, trail)


_DENSITY = re.compile(r"每[千万百十][^，、的]{0,6}?(?:常住人口|人口|居民|人)")


def _clean_indicator(ind: str) -> str:
    ind = ind.replace("按照", "").replace("分别", "").strip("，,、 ")
    m = _DENSITY.search(ind) if "每" in ind else None
    if m and m.start() > 0:  # densities lead: 为社会办医院每千常住人口床位 → 每千常住人口为社会办医院床位
        ind = m.group(0) + ind[: m.start()] + ind[m.end() :]
    return ind


# ---------------------------------------------------------------------------
# building targets


def _baseline_ranges(ctx: DocContext) -> Claims:
    """Ranges of the sections (children included) whose title says they report the past (背景, 现状 …)."""
    sections = ctx.sections
    # one search of all the titles joined by a newline (no word holds one), not one per title
    titles = "\n".join([sec.title for sec in sections])
    if not sections or not _vocab().baseline_re.search(titles):
        return Claims()  # (most documents)
    words = _vocab().baseline_re
    return Claims([(sec.start, sec.end) for sec in sections if words.search(sec.title)])


def _deadline_str(year: int | None, month: int | None) -> str | None:
    return f"{year:04d}-{month:02d}" if year and month else None


def _no_aim(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] states no aim (data: aim_words — 要, 确保, 力争 …): what reports a
    state is one then."""
    return _vocab().aim_re.search(text, start, end) is None


def _opens_on_now(text: str, start: int) -> bool:
    """Whether the sentence of a clause starting at start opens on the present (目前，全市共有…)
    within the few characters before it."""
    now = _vocab().present_re
    if now.match(text, start):
        return True
    lo = max(0, start - 16)
    head = text[lo:start]
    cut = max(head.rfind("。"), head.rfind("；"), head.rfind("\n"))
    return now.match(head[cut + 1 :].lstrip(" \t\u3000")) is not None


class _Builder:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc_year = _doc_year(ctx)
        self.date_year = ctx.year  # the year of the document's date
        self.out: list[dict[str, Any]] = []  # the targets' fields, validated together at the end
        self.baseline = _baseline_ranges(ctx)
        self.has_baseline = len(self.baseline) > 0  # (most documents have no such section)
        self.table: _IndicatorTable | None = None  # the indicator table being read (see rule_indicator_row)
        #: a header's first row whose value columns are named in the row under it (指标值 over
        #: 2020年 and 2025年): its cells and where it ends
        self.table_head: tuple[list[str], int] | None = None
        self.task_column: int | None = None  # the task column of the task table being read (see rule_task_row)
        self.deadline_column: int | None = None  # … and its 完成时限 column
        self.table_start: int | None = None  # … and where its header stands
        # a lead-in (到2025年，…具体目标如下：): its date, its section's path, where it ends
        self.lead_in: tuple[DateMark, list[str], int] | None = None

    def lead_in_at(self, offset: int) -> DateMark | None:
        """The date of the lead-in whose list holds offset: a unit in a section under the
        lead-in's (1.政务服务事项网上可办率达到100%。 under 到2025年，具体目标如下：); leaving
        them ends it."""
        if self.lead_in is None:
            return None
        date, path, end = self.lead_in
        here = self.path_at(offset)
        if offset >= end and len(here) > len(path) and here[: len(path)] == path:
            return date
        self.lead_in = None
        return None

    def span(self, start: int, end: int) -> dict[str, int]:
        """A Span as a dict, validated with the targets at the end (its source offsets as
        DocContext.span maps them)."""
        src_start, src_end = self.ctx.offsets.span_to_source(start, end)
        return {"start": start, "end": end, "source_start": src_start, "source_end": src_end}

    def path_at(self, offset: int) -> list[str]:
        """ctx.path_at(offset), the section's own list (validation copies it)."""
        sec = self.ctx.section_at(offset)
        return sec.path if sec is not None else []

    def add(self, *, start: int, end: int, indicator: str, kind: str, year: int | None, month: int | None,
            q: Quantity | None = None, towards: bool = False, path: list[str] | None = None) -> None:
        """One target; towards: the governing date is aimed at (到/至/力争), so a year before the
        document's own is no report of the past."""
        ctx = self.ctx
        text = ctx.text
        if start < end and (text[start] in _BLANK or text[end - 1] in _BLANK):
            start, end = _trim(text, start, end)
        while end > start and text[end - 1] in "，,、；;：:":
            end -= 1
        if end <= start:
            return
        # reported, not aimed at: a 背景/现状 section, or a year before the document's date (not 到…)
        doc_year = self.date_year
        # 已完成…, 目前…共有: a state (unless the clause states an aim: 力争到2023年底累计…, 目前…力争…)
        if doc_year and (year and year < doc_year
                         and (not towards or _vocab().reported_re.search(text, start, end) and _no_aim(text, start, end))
                         or q is not None and q.year and q.year < doc_year) \
                or year is None and _opens_on_now(text, start) and _no_aim(text, start, end) \
                or self.has_baseline and self.baseline.overlaps(start, start + 1):
            if kind == "deadline":
                return
            kind = "baseline"
        raw = text[start:end]
        span = self.span(start, end)
        if path is None:  # (as path_at)
            sec = ctx.section_at(start)
            path = sec.path if sec is not None else []
        # (as _deadline_str; a reported state is due at no date: 到2023年底，已完成…)
        deadline = f"{year:04d}-{month:02d}" if year and month and kind != "baseline" else None
        if q is None:
            self.out.append({
                "path": path, "indicator": indicator or raw, "value": None, "value_max": None, "unit": None,
                "comparator": None, "year": year, "deadline": deadline, "kind": kind,
                "verb": None, "inferred": False, "raw": raw, "span": span,
            })
            return
        self.out.append({
            "path": path, "indicator": _clean_indicator(indicator) or raw, "value": q.value,
            "value_max": q.value_max, "unit": q.unit, "comparator": q.comparator or "=", "year": q.year or year,
            "deadline": None if q.year else deadline, "kind": kind, "verb": q.verb,
            "inferred": bool(ctx.guesses) and ctx.is_inferred(start, end), "raw": raw, "span": span,
        })


#: The numbers of one clause read as targets, at most.  Each target's raw is its whole clause,
#: so a clause of k numbers costs k copies of itself: no sentence of policy prose has a
#: hundred, but a flattened data dump ('1%、' * 40 000) made gigabytes (quadratic).
MAX_CLAUSE_QUANTITIES = 100


def _prepare_clause(text: str, cl: Clause, doc_year: int | None, digit: bool = False) -> None:
    """Read the dates and numbers of a clause; digit: the clause is known to hold a digit (a
    quantity trigger)."""
    v = _vocab()
    if v.date_trigger_re.search(text, cl.start, cl.end):
        cl.dates = find_dates(text, cl.start, cl.end, doc_year, periods=True)
    if not digit and not v.quantity_trigger_re.search(text, cl.start, cl.end):
        qs: list[Quantity] = []
    elif cl.dates:
        # numbers that are part of a date (2021年) never match (no unit), but guard anyway; a
        # clause whose only digits are its dates' (到2025年，…) holds none
        if _trigger_outside(text, cl.start, cl.end, cl.dates):
            # (by bisection: a clause of thousands of dated numbers compared each with each date)
            in_date = SpanIndex([(d.start, d.end) for d in cl.dates])
            qs = [q for q in find_quantities(text, cl.start, cl.end) if not in_date.covers(q.start, q.start + 1)]
        else:
            qs = []
    else:
        qs = find_quantities(text, cl.start, cl.end)
    if len(qs) > MAX_CLAUSE_QUANTITIES:
        del qs[MAX_CLAUSE_QUANTITIES:]
    cl.quantities = qs
    if cl.dates:
        rest = _remove_dates(text, cl.start, cl.end, cl.dates).strip(" ，,")
        for d in cl.dates:
            # (an enumerator before it: 一是2023年底前，…)
            d.standalone = rest in ("", "力争", "争取") or len(rest) == 2 and _RE_ENUMERATOR.fullmatch(rest) is not None
    if not qs:
        return
    change_verbs = v.change_verbs
    verbs = _LastBefore(v.verbs_reversed_re, v.verb_max, text, cl.start)
    prefixes: _LastBefore | None = None  # (made when a number without a comparator needs it)
    for q in qs:  # (in order of start: what _LastBefore needs)
        # a year bound to the number: 由2011年的25元 / 增加到2015年12大类 (10大类43项: both), never past
        # a verb (由2020年的18.3%提高到25%: 25 is the aim, dated by the sentence)
        local = [d for d in cl.dates if not d.governing and d.end <= q.start] if cl.dates else None
        if local and not v.change_re.search(text, local[-1].end, q.start):
            q.year = local[-1].year
        # the verb ending last before the number, the longest where several end there (the first
        # match of the reversed words); a change verb right before the number (下降十个百分点), the
        # first in data order, when no direction verb ends there
        m = verbs.search(q.start)
        if text.endswith(change_verbs, cl.start, q.start) and (m is None or m.start() > 0):
            q.verb = next(w for w in change_verbs if text.endswith(w, cl.start, q.start))
        elif m:
            q.verb = m.group()[::-1]
        if q.comparator is None:
            if prefixes is None:
                prefixes = _LastBefore(v.prefix_reversed_re, v.prefix_max, text, cl.start)
            pw = _last_prefix_word(text, cl.start, q.start, prefixes.search(q.start))
            if pw is not None:
                comp = v.data["comparator_prefix"][pw]
                if comp:
                    q.comparator = comp


class _LastBefore:
    """``rx.search(text[lo:hi][::-1])`` — rx a pattern of words spelt backwards, so its first
    match is the word ending last before hi, the longest where several end there — for his
    given in increasing order, reading each time only what the answer can lie in.

    A search reads back from hi only to ``maxlen`` (the longest word) before the end of the
    last answer, or before the last hi when there was none: a word ending earlier was there
    for the last search, which found it or a better one.  (Reading back to lo each time made a
    clause of thousands of numbers quadratic.)  Positions in the match are counted from hi
    backwards, as in the plain search; a test holds the two equal."""

    __slots__ = ("rx", "maxlen", "text", "lo", "bound")

    def __init__(self, rx: re.Pattern[str], maxlen: int, text: str, lo: int) -> None:
        self.rx, self.maxlen, self.text, self.lo, self.bound = rx, maxlen, text, lo, lo

    def search(self, hi: int) -> re.Match[str] | None:
        m = self.rx.search(self.text[self.bound : hi][::-1])
        end = hi if m is None else hi - m.start()  # (where the word found ends)
        self.bound = max(self.lo, end - self.maxlen)
        return m


def _trigger_outside(text: str, start: int, end: int, dates: Sequence[DateMark]) -> bool:
    """Whether a quantity trigger (see :func:`_triggers`) starts in text[start:end] outside every
    date's span.  Every number the readers find holds one that starts where it does (a digit,
    百分之, 一成, 翻一番 …) or, for 十个百分点, at its 个 (no date holds a 个): without one, every
    number of the text starts inside a date, where _prepare_clause drops it."""
    trigger = _vocab().quantity_trigger_re
    m = trigger.search(text, start, end)
    while m is not None:
        p = m.start()
        for d in dates:
            if d.start <= p < d.end:
                m = trigger.search(text, d.end, end)  # (the triggers inside the date skipped)
                break
        else:
            return True
    return False


def _last_prefix_word(text: str, lo: int, hi: int, m: re.Match[str] | None) -> str | None:
    """The comparator word nearest before a number at hi, in text[lo:hi] (不超过 wins over
    the 超过 inside it).

    One-character words (约, 逾) count only right before the number, so that 签约
    is no 约.  m: the first match of the reversed words in text[lo:hi] spelt backwards
    (_LastBefore), the word ending last, the longest where several end there.
    """
    if m is None:
        return None
    if m.end() - m.start() > 1 or text[hi - m.start() : hi].strip("有达为 ") == "":
        return m.group()[::-1]
    # a one-character word not right before the number: the word ending last among the others
    best: tuple[int, int, str] | None = None
    for w in _vocab().prefix_words:
        k = text.rfind(w, lo, hi)
        if k < 0:
            continue
        e = k + len(w)
        if len(w) == 1 and text[e:hi].strip("有达为 ") != "":
            continue
        if best is None or (e, len(w)) > (best[0], best[1]):
            best = (e, len(w), w)
    return best[2] if best else None


def _conjunction_re(words: list[str], conjunctions: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern of the list separators: 、, 以及 and each of ``conjunctions`` (和, 及) where it
    stands in none of ``words`` (data: non_conjunction_words; 普及率 and 碳中和 are no lists).  A
    word P+c+S excludes c where P precedes it and S follows it: (?!(?<=P)cS)c."""
    alts = ["、", "以及"]
    for c in conjunctions:
        guards = []
        for w in words:
            i = w.find(c)
            if i < 0:
                continue
            before, after = re.escape(w[:i]), re.escape(w[i + 1 :])
            guards.append(f"(?!(?<={before}){c}{after})" if before else f"(?!{c}{after})")
        alts.append("".join(guards) + c)
    return re.compile("|".join(alts))


@lru_cache(maxsize=1)
def _item_split_re() -> re.Pattern[str]:
    """Where 分别 splits a list of indicators: 、, 以及, 和, 及 (not inside 普及, 碳中和…)."""
    return _conjunction_re(_vocab().data["non_conjunction_words"], ("和", "及"))


@lru_cache(maxsize=1)
def _all_list_re() -> re.Pattern[str]:
    """Where 均/都 splits a list of indicators: 、, 以及, 和 (not inside 碳中和…)."""
    return _conjunction_re(_vocab().data["non_conjunction_words"], ("和",))


def _distribute(text: str, cl: Clause) -> list[tuple[Quantity, str]] | None:
    """分别: A、B分别提高到X和Y → [(X, A…), (Y, B…)] with a shared suffix spread."""
    seg_end = cl.quantities[0].start
    k = text.find("分别", cl.start, seg_end)
    if k < 0 or len(cl.quantities) < 2:
        return None
    v = _vocab()
    subject = _remove_dates(text, cl.start, k, cl.dates)
    subject = _strip_words(subject.strip(), v.lead_strip)
    items = [s for s in _item_split_re().split(subject) if s]
    complete = tuple(v.data["indicator_complete_endings"])
    # numbers followed by their own noun (派驻到212家乡镇卫生院和185家…) are not spread
    if len(items) != len(cl.quantities):
        return None
    last = items[-1]
    full = []
    for it in items[:-1]:
        # the last item's ending after its noun (城镇职工、城乡居民…报销比例 → 城镇职工…报销比例) or
        # from it (…高血压、2型糖尿病患者规范管理率 → …高血压患者规范管理率); else by position
        ending = "" if last.endswith(it[-1:]) else _item_ending(last, it)
        if ending:
            full.append(it + ending)
        elif last.endswith(it[-1:]) or len(last) <= len(it) or it.endswith(complete):
            full.append(it)  # (单位GDP能耗 names its measure: no tail of the last item is carried on)
        else:
            full.append(it + last[len(it):])
    full.append(last)
    comps = [q.comparator for q in cl.quantities if q.comparator]
    verbs = [q.verb for q in cl.quantities if q.verb]  # (分别下降14%和18%: the verb stands before the first)
    for q in cl.quantities:
        if q.comparator is None and comps:
            q.comparator = comps[-1]
        if q.verb is None and verbs:
            q.verb = verbs[0]
    return list(zip(cl.quantities, full, strict=True))


_RE_SHARED_LEAD = re.compile(r"[^，]{1,12}?(和|及|以及|、)\s?")
_STEM_VERBS = re.compile(r"提高|提升|增加|增长|上升|扩大|下降|降低|降|减少|到|至|由|的|为|\s")


def _emit_numeric(b: _Builder, text: str, cl: Clause, start: int, year: int | None, month: int | None,
                  towards: bool, subject: str | None = None) -> str | None:
    """The targets of a clause holding numbers; returns the last indicator (the subject a later
    clause of the sentence may elide: …总量达到120万人，年均增长5%)."""
    count_units = _vocab().count_units
    pairs = _distribute(text, cl)
    if pairs:
        for q, ind in pairs:
            b.add(start=start, end=cl.end, indicator=ind, kind="target", year=year, month=month, q=q, towards=towards)
        return pairs[-1][1]
    prev_end = cl.start
    prev_pre = (cl.start, cl.start)  # the previous number's own lead-in
    prev_ind: str | None = None
    prev_unit: str | None = None
    prev_starting = False
    for q in cl.quantities:
        if year is None and _is_article(text, cl, q, count_units):
            continue
        # the words since the number before (only read after one)
        gap = _remove_dates(text, prev_end, q.start, cl.dates) if prev_ind is not None else ""
        if prev_ind is not None and len(_STEM_VERBS.sub("", gap)) <= 1:
            # 由2011年的25元提高到2015年的40元 / 10大类43项: same indicator
            ind = prev_ind
        else:
            pre_start, pre_end = prev_end, None
            if prev_ind is not None and _RE_SHARED_LEAD.fullmatch(gap):
                pre_start, pre_end = prev_pre  # 覆盖全区5个地级市和22个县: share the lead-in
            ind = make_indicator(text, cl, q, pre_start, cl.dates, q.unit in count_units, pre_end,
                                 subject=prev_ind or subject)
            if pre_end is None and prev_ind is not None and gap[:1] == "、" and (
                    q.unit == prev_unit or q.unit in count_units and prev_unit in count_units):
                ind = _listed_item(prev_ind, gap[1:], ind)  # …绿色工厂30家、绿色园区5个 (counts of one kind)
            prev_pre = (pre_start, q.start if pre_end is None else pre_end)
            if len(cl.quantities) == 1:
                items = _spread_all(text, cl.start, q.start, ind)
                if items:
                    for it in items:
                        b.add(start=start, end=cl.end, indicator=it, kind="target", year=year, month=month, q=q,
                              towards=towards)
                    return items[-1]
        # the value a change starts from, and the parts of a compound one (由2011年的10大类43项…): a
        # baseline of its own date only (到2025年 governs the value reached)
        starting = _starting_value(text, cl, q) or prev_starting and q.start == prev_end
        if starting:
            b.add(start=start, end=cl.end, indicator=ind, kind="baseline", year=None, month=None, q=q)
        else:
            b.add(start=start, end=cl.end, indicator=ind, kind="target", year=year, month=month, q=q, towards=towards)
        prev_starting = starting
        prev_ind = ind
        prev_end = q.end
        prev_unit = q.unit
    return prev_ind


#: 由/从 and the present before a change's starting value (dates are taken out before: 由2020年的 → 由)
_RE_FROM_NOW = re.compile(r"[由从](?:目前|现在|当前|现有|现阶段|原来)?的?$")
_FROM_LAST = frozenset("由从的")
#: … as written in the text, a date included
_RE_FROM_TEXT = re.compile(
    r"[由从](?:目前|现在|当前|现有|现阶段|原来|(?:19|20)[0-9]{2}\s?年(?:底|末)?|“?十[一二三四五]五”?(?:期末|末))?的?$"
)


def _starting_value(text: str, cl: Clause, q: Quantity) -> bool:
    """Whether q is the value a change starts from (人均预期寿命由2020年的77.5岁提高到…, 从目前的45%
    提高到50%): 由/从 (a date or the present between) right before it, a change verb right after
    it.  A baseline, whatever the document's date."""
    if text[q.start - 1 : q.start] not in _FROM_LAST:
        return False
    if _RE_FROM_TEXT.search(text, max(cl.start, q.start - 12), q.start) is None:
        return False
    k = q.end
    for other in cl.quantities:  # (a compound value: 由2011年的10大类43项增加到…)
        if other.start == k:
            k = other.end
    while k < cl.end and text[k] in " \u3000":
        k += 1
    return _vocab().change_re.match(text, k, cl.end) is not None


def _listed_item(prev: str, words: str, ind: str) -> str:
    """The indicator of a number listed after 、 (建成国家级绿色工厂30家、绿色园区5个), ind as read from
    the words since the number before: an item naming only its noun shares the lead of the first
    item's indicator prev — a density or 每个…, 累计, and the verb opening it (data: list_lead_verbs) →
    建成绿色园区, 每千人口拥有注册护士; an item with a verb of its own keeps only the density (每千人口床位数
    达到6张、执业医师数达到2.8人 → 每千人口执业医师数)."""
    v = _vocab()
    if not v.cut_re.search(words) and not words.startswith(v.list_lead_verbs):
        m = _list_lead_re().match(prev)
        if m is not None and not ind.startswith(m.group()):
            return m.group() + ind
    if prev.startswith("每") and "每" not in ind:
        d = _DENSITY.match(prev)
        if d is not None:
            return d.group() + ind
    return ind


@lru_cache(maxsize=1)
def _list_lead_re() -> re.Pattern[str]:
    """A list's shared lead opening its first indicator (see :func:`_listed_item`)."""
    verbs = _alt(sorted(_vocab().list_lead_verbs, key=len, reverse=True))
    return re.compile(f"(?:{_DENSITY.pattern}|每个[^，、的]{{1,8}}?)?(?:累计)?(?:{verbs})")


def _is_article(text: str, cl: Clause, q: Quantity, count_units: frozenset[str]) -> bool:
    """An undated lone 1 of a count (自愿选择1所二级医院): one thing, an article, no aim — unless a
    comparator, a direction verb or a 每 (每个县建成1所…: a count per place) makes it one."""
    return (q.value == 1 and q.value_max is None and q.unit in count_units and q.comparator is None
            and q.verb is None and text.find("每", cl.start, q.start) < 0
            and "\u4e00" <= text[q.end : q.end + 1] <= "\u9fff")  # 实验室1个: a count after its noun


#: what an indicator's name ends with (a list spread by 均/都 holds indicators, not places or bodies)
_RE_INDICATOR_END = re.compile(r"(?:数|率|比例|比重|占比|量|水平|指数|标准|时间|天数)$")


def _spread_all(text: str, start: int, q_start: int, ind: str) -> list[str] | None:
    """均/都 spreads one value over a list of indicators (A和B均保持在90%以上 → A, B), as 分别
    spreads lists of values: the items of the indicator, a shared ending (…系统管理率) carried onto
    the items that lack one.  None when the clause has no 均/都 before its verb or no such list."""
    if "、" not in ind and "和" not in ind:
        return None
    v = _vocab()
    k = -1
    for w in ("均", "都"):
        i = text.rfind(w, start, q_start)
        if i > k and text[i - 1 : i] not in ("人", "年", "平") and v.cut_re.match(text, i + 1, q_start):
            k = i
    if k < 0:
        return None
    items = [s for s in _all_list_re().split(ind) if s]
    if len(items) < 2 or any(len(s) < 2 for s in items) or not _RE_INDICATOR_END.search(items[-1]):
        return None
    last = items[-1]
    ending = _shared_ending(last)
    out = []
    for it in items[:-1]:
        if not _RE_INDICATOR_END.search(it):
            if not ending:
                return None
            it += ending
        out.append(it)
    out.append(last)
    return out


def _item_ending(last: str, item: str) -> str:
    """What a list item lacks of the last item's ending: after the last's noun when the item ends
    with a noun of its own, from the noun otherwise; '' when the last item names no noun.  A noun
    ending a modifier word (data: noun_ending_modifiers) is none: 城镇、农村自来水普及率 has no 村."""
    v = _vocab()
    nouns = (*v.data["head_nouns"], *v.age_groups)
    mods = v.data["noun_ending_modifiers"]
    best: tuple[int, int] | None = None
    for noun in nouns:
        k = last.find(noun)
        if k > 0 and any(m.endswith(noun) and last.startswith(m, k + len(noun) - len(m)) for m in mods):
            continue
        if k > 0 and (best is None or k + len(noun) > best[1]):
            best = (k, k + len(noun))
    if best is None or best[1] >= len(last) or "岁" in last[: best[0]]:
        return ""
    return last[best[1]:] if item.endswith(nouns) else last[best[0]:]


def _shared_ending(last: str) -> str:
    """What a list's last item says that the items before it leave unsaid: from its noun on when a
    plain modifier precedes the noun (城镇、农村居民参保率 → 居民参保率), after the noun when the
    noun leads or is qualified by an age (孕产妇和3岁以下儿童系统管理率 → 系统管理率); '' if unknown."""
    v = _vocab()
    best: tuple[int, int] | None = None
    for noun in (*v.data["head_nouns"], *v.age_groups):
        k = last.find(noun)
        if k >= 0 and (best is None or k + len(noun) > best[1]):
            best = (k, k + len(noun))
    if best is None or best[1] >= len(last):
        return ""
    k, e = best
    return last[k:] if k > 0 and "岁" not in last[:k] else last[e:]


_RE_QUOTE = re.compile("[“”\"《》]")
_MODIFIER_CHAIN = re.compile(r"(?P<first>[^，、的]{1,12})(?P<rest>(?:、[^，、的]{1,8}){1,8})的")


def _drop_modifier_chains(s: str) -> str:
    """权责明晰、运行规范、管理科学、监督有效的现代… → 现代… (parallel attributes dropped)."""
    if "、" not in s or "的" not in s:
        return s  # no chain to drop

    def repl(m: re.Match[str]) -> str:
        rest = m.group("rest").split("、")[1:]
        if any("等" in r for r in rest) or _RE_QUOTE.search(m.group(0)):
            return m.group(0)
        n = len(rest[0])
        first = m.group("first")
        return first[: max(0, len(first) - n)]

    return _MODIFIER_CHAIN.sub(repl, s)


#: a modal verb (各地要加强…, 应当, 必须, 需要, 务必): no part of a deliverable — but never the
#: first character of a word (应用, 应急, 要求, 要素, 需求, 须知: 电子病历系统应用水平 keeps its 应)
#: nor the last (主要, 重要, 纲要, 供应, 相应, 必需, 所需)
_RE_MODAL = re.compile(
    r"(?<=[\u4e00-\u9fff）)])(?:应当|务必要?|必须|需要|(?<![供对适相响反效感回答])应(?![用急对答收付届当])"
    r"|(?<![主重需只必首纲摘概紧提简务])要(?![求素点件闻务案害])|须(?!知)|(?<![必急所])需(?![求方要]))"
    r"(?=[\u4e00-\u9fff]{2})"
)
_DATED_ATTRIBUTE = re.compile(r"^[^，的]{0,12}[0-9]{1,4}\s?[年月日][^，的]{0,16}的")


_RE_WILL_AT = re.compile(r"将(?:于|在)")
_RE_AGENT_WILL = re.compile(r"^[^，,将的]{1,16}将(?=[\u4e00-\u9fff]{2})")


def _deadline_indicator(text: str, clauses: list[Clause]) -> str:
    v = _vocab()
    parts = []
    for cl in clauses:
        s = _remove_dates(text, cl.start, cl.end, cl.dates)
        s = _strip_words(s.strip(), ("力争", "，", "并"))
        if _RE_ENUMERATOR.match(s):
            s = s[2:]  # 三是2023年底前实现… → 实现…
        if s.endswith(v.locative_endings) and "，" in s:
            s = s.split("，", 1)[1]
        s = _drop_modifier_chains(s)
        if "的" in s:  # (the attribute ends with it)
            s = _DATED_ATTRIBUTE.sub("", s)
        if len(s) > 12 and ("应" in s or "要" in s or "须" in s or "需" in s or "务必" in s):
            s = _RE_MODAL.sub("", s, count=1)
        s = _strip_words(s, ("在",))
        if _RE_WILL_AT.search(text, cl.start, cl.end):
            s = _RE_AGENT_WILL.sub("", s, count=1)  # 市卫生健康委将于11月组织验收 → 组织验收 (its agent and 将 go)
        if s:
            parts.append(s)
            if len(parts) == 3:
                break  # three or more parts: the first stands for them all (the rest is never read)
    if len(parts) >= 3:
        return parts[0] + "等"
    joined = "，".join(parts)
    if len(joined) > 60:
        return parts[0]
    return joined


def _prose(b: _Builder, sent_start: int, sent_end: int, cap: DateMark | None = None, carry: DateMark | None = None,
           semi: DateMark | None = None, hits: list[int] | None = None) -> tuple[DateMark | None, DateMark | None]:
    """Read one sentence, text[sent_start:sent_end] (or table cell, whose caption date is cap).

    carry: an aimed-at date that opened an earlier sentence of the paragraph (到2025年，A达到
    120万人。B提高到3.2人。): it dates the numbers of this sentence that no date of its own
    governs (never its deadlines).  semi: likewise any date that opened the part before a ；
    (截至2020年底，A 312个；B达到6.1张: one sentence cut at ；).  Returns the carry and the
    semi for the next sentence (rule_prose keeps the semi only across a ；).  hits: the
    sentence's trigger hits (:func:`_trigger_hits`), when the caller has them.
    """
    text = b.ctx.text
    v = _vocab()
    if (carry is not None or semi is not None) and v.carry_break_re.search(text, sent_start, sent_end):
        carry = semi = None  # 目前…, 已经…: the present, not the aim
    carry_towards = True
    para = carry  # the paragraph's carry (semi is dropped at the end of the sentence)
    if semi is not None:
        carry, carry_towards = semi, _aimed_at(b, semi)
    spans = _merged_clause_spans(text, sent_start, sent_end)  # the clauses (see split_clauses)
    # only clauses holding a trigger can hold a date or a number: the clause of each hit is read
    # (a Clause made for it; the others are made only where a deliverable takes them)
    if hits is None:
        hits = _trigger_hits(text, sent_start, sent_end)
    j, n = 0, len(spans)
    read: list[Clause | None] = [None] * n  # the Clause of each clause read
    for h in hits:
        while j < n and spans[j][1] <= h:
            j += 1
        if j == n:
            break
        if spans[j][0] <= h:
            new = read[j] = Clause(*spans[j])
            j += 1  # read once, however many hits it holds
            _prepare_clause(text, new, b.doc_year, text[h] in _DIGITS)
            if new.dates and j > 1:
                # only a sentence's opening range is its period (全年 is one anywhere)
                new.dates = [d for d in new.dates if not d.period or d.yearlong]
            if new.dates and text[new.end - 1] == "是" and text[new.end : new.end + 1] in "：:":
                # 2024年全县…工作的总体要求是：… — a year naming a topic, no date
                new.dates = [d for d in new.dates if d.towards or d.due or d.month]
    year: int | None = cap.year if cap else None
    period = False  # the governing date is a period: its numbers are due at its end, no deadlines
    towards = cap is not None  # the governing date is aimed at (到/至/力争)
    month: int | None = cap.month if cap else None
    active = cap is not None
    pending_start: int | None = sent_start if cap is not None else None  # a standalone date waiting
    group: list[Clause] = []
    group_start = 0
    after_numeric = False
    comma_style = cap is not None
    leads = cap is not None
    subject: str | None = None  # the last indicator of the sentence (a later clause may elide it)
    dated = False  # a date of the sentence's own was seen
    opened = False  # … and the sentence opens with it
    last_gov: DateMark | None = None

    note_first, note_label = v.note_label_first, v.note_label_re
    first_read = read[0] if n else None
    for ci, (cs, ce) in enumerate(spans):
        cl = read[ci]
        if cl is None or not cl.dates and not cl.quantities:
            if text[cs] in note_first and note_label.match(text, cs, ce):
                # a responsibility note whose brackets were lost (…全覆盖，责任单位，省卫生计生委，各市政府
                # 分别负责): it ends the sentence's content; what follows is no deliverable of its date
                if group:
                    if active and not period:
                        _add_deadline(b, text, group, group_start, year, month, towards)
                    group = []
                active, pending_start, year, month, carry, para = False, None, None, None, None, None
                continue
        else:
            if cl.dates and not dated:
                dated = True
                first = cl.dates[0]
                # the sentence opens with it, perhaps after a label (主要指标：到2025年，…；…)
                opened = first.governing and first.prefix_start <= cl.start and (
                    ci == 0 or ci == 1 and not (first_read is not None and first_read.quantities)
                    and text[spans[0][1] : cl.start].strip() in ("：", ":"))
            gov = [d for d in cl.dates if d.governing] if cl.dates else None
            if gov:
                last_gov = gov[-1]
                if group:
                    if active and not period:
                        _add_deadline(b, text, group, group_start, year, month, towards)
                    group = []
                d = gov[-1]
                year, month, active = d.year, d.month, True
                towards, period = d.towards, d.period
                leads = d.standalone or (d.prefix_start <= cl.start and d.towards)
                after_numeric = False
                if d.standalone:
                    pending_start = cl.start
                    comma_style = True
                    continue
                comma_style = False
                start = cl.start
                if pending_start is not None:
                    start = pending_start
                    pending_start = None
                if cl.quantities:
                    subject = _emit_numeric(b, text, cl, start, year, month, towards, subject)
                    after_numeric = True
                elif not period:  # (a clause of its own: a deliverable unless the date is a period)
                    _add_deadline(b, text, [cl], start, year, month, towards)
                continue
            if cl.quantities:
                if group:
                    if active and not period:
                        _add_deadline(b, text, group, group_start, year, month, towards)
                    group = []
                start = cl.start if pending_start is None else pending_start
                pending_start = None
                if active:
                    subject = _emit_numeric(b, text, cl, start, year, month, towards, subject)
                elif carry is not None:
                    subject = _emit_numeric(b, text, cl, start, carry.year, carry.month, carry_towards, subject)
                else:
                    subject = _emit_numeric(b, text, cl, start, None, None, towards, subject)
                after_numeric = True
                continue
        # a clause with neither a governing date nor a number
        if not active:
            continue
        if cl is None:
            cl = Clause(cs, ce)
        if pending_start is not None:
            group, group_start = [cl], pending_start
            pending_start = None
        elif group and (comma_style or after_numeric) and leads:
            group.append(cl)
        elif after_numeric and leads:
            group, group_start = [cl], cl.start
    if group and active and not period:
        _add_deadline(b, text, group, group_start, year, month, towards)
    if not dated:
        return para, semi
    semi = last_gov if opened and last_gov is not None else None
    if opened and last_gov is not None and not last_gov.period and _aimed_at(b, last_gov):
        return last_gov, semi
    return None, semi  # another date (or one in mid-sentence) ends the carry


def _add_deadline(b: _Builder, text: str, group: list[Clause], group_start: int, year: int | None,
                  month: int | None, towards: bool) -> None:
    """A dated deliverable: the clauses of group, from group_start (a clause introducing a list,
    具体目标如下, is none: the deliverable ends before it, or there is none)."""
    while group and (_LIST_INTRO_CLAUSE.search(text, group[-1].start, group[-1].end)
                     or text[group[-1].end : group[-1].end + 1] in ("：", ":")
                     and _introduces_list(text, group[-1].start, group[-1].end)):
        group = group[:-1]  # (the cheap tests inline: most deliverables end with neither)
    if not group or group[-1].end <= group_start:
        return
    indicator = _deadline_indicator(text, group)
    if indicator.startswith("是"):
        return  # 2024年是…关键之年: the year is what the sentence is about, nothing is due
    b.add(start=group_start, end=group[-1].end, indicator=indicator, kind="deadline",
          year=year, month=month, towards=towards)


def _introduces_list(text: str, start: int, end: int) -> bool:
    """Whether the clause text[start:end] introduces a list, no deliverable of its own: 具体目标如下,
    实现以下目标; or, before a colon, one naming the aims (主要发展指标为：, 发展目标：) or ending on
    what links it to them (要实现：, 主要目标是：) — not a deliverable a colon spells out (基本建成现代产业
    体系：…)."""
    if _LIST_INTRO_CLAUSE.search(text, start, end):
        return True
    return text[end : end + 1] in ("：", ":") and (
        _AIMS_LISTED.search(text, start, end) is not None or _RE_LINK_END.search(text, start, end) is not None
    )


#: what a clause introducing the list after its colon may end on (要实现：, 主要目标是：)
_RE_LINK_END = re.compile(r"(?:为|是|达到|实现|包括)$")


def _aimed_at(b: _Builder, d: DateMark) -> bool:
    """到/至/力争, a …前/年内 deadline, or a year not before the document's own (2017年，… in a 2016 plan)."""
    return d.towards or d.due or bool(b.date_year and d.year and d.year >= b.date_year)


@dataclass(slots=True)
class _IndicatorTable:
    #: column → (its year or None, "baseline" | "target"): 序号	指标名称	2020年	2025年	指标属性
    columns: dict[int, tuple[int | None, str]]
    name: int  # the column naming the indicator
    end: int  # where its last row read ends
    unit: int | None = None  # a 单位 column giving the unit of the row's bare numbers


_RE_NAME_UNIT = re.compile(r"[（(](?P<u>[^（）()]{1,6})[）)]\s?$")
_COMPARATOR_SIGNS = {"≤": "<=", "≦": "<=", "<=": "<=", "＜": "<=", "<": "<=",
                     "≥": ">=", "≧": ">=", ">=": ">=", "＞": ">=", ">": ">="}
#: what a header cell is read without (spaces of justified cells: 指　标; brackets and quotes)
_HEADER_NOISE = re.compile(r"[\s（）()【】\[\]“”\"「」]")
_HEADER_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
#: an indicator column named otherwise than the data's words: 发展指标, 指标名称（单位）, 指标名称及单位
_NAME_HEADER = re.compile(r"\w{0,4}指标(?:名称|内容|项)?(?:单位|及单位)?")
#: an item number written in an indicator's cell (1.人均预期寿命, （2）婴儿死亡率)
_NAME_NUMBER = re.compile(r"^(?:[0-9]{1,2}[.．、]|[（(][0-9一二三四五六七八九十]{1,3}[）)])\s?")
_NAME_NOTE = re.compile(r"(?:注[0-9]{1,2})$")


@lru_cache(maxsize=1)
def _year_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(any year-column word, a baseline word, a target word) patterns (data: year_column_words)."""
    words = _vocab().data["year_column_words"]
    every = words["baseline"] + words["target"] + words["neutral"]
    return (
        re.compile(f"(?:{_alt(every)})*"),
        re.compile(_alt(words["baseline"])),
        re.compile(_alt(words["target"])),
    )


def _value_column(cell: str) -> tuple[int | None, str | None] | None:
    """A value column's header → (its year or None, its kind if its words say one), or None when
    the cell is no value column: 2020年（基期值） → (2020, "baseline"), 目标年（2025年） → (2025,
    "target"), “十四五”末 → (2025, None), 2025年 → (2025, None), 现状值 → (None, "baseline")."""
    c = _HEADER_NOISE.sub("", cell)
    if not c:
        return None
    year = None
    m = _HEADER_YEAR.search(c)
    if m is not None:
        year, rest = int(m.group()), c[: m.start()] + c[m.end() :]
    else:
        plans = _vocab().data["five_year_plans"]
        plan = next((w for w in plans if c.startswith(w)), None)
        if plan is not None:
            year, rest = plans[plan], c[len(plan) :]
        else:
            rest = c
    every, baseline, target = _year_words()
    if every.fullmatch(rest) is None:
        return None
    kind = "baseline" if baseline.search(rest) else "target" if target.search(rest) else None
    if year is None and kind is None:
        return None  # (年, 值: no column of values)
    return year, kind


def _is_name_header(cell: str) -> bool:
    c = _HEADER_NOISE.sub("", cell)
    return c in _vocab().data["indicator_name_headers"] or _NAME_HEADER.fullmatch(c) is not None


def _indicator_table_header(
    cells: list[str], lead_year: Callable[[], int | None], names: list[int] | None = None
) -> _IndicatorTable | None:
    """The header of an indicator table: a column naming the indicator and at least one value
    column (a year's, or 现状值 / 目标值).  The values of a column its words call baseline
    (基期值, 现状) are baselines, of one they call target (目标值, 规划) targets; otherwise the
    first value column holds baselines and the later ones targets.  A target column without a
    year takes the lead-in's (到2025年，主要指标如下：).  names: the cells naming the indicator, if
    known."""
    if names is None:
        names = [i for i, c in enumerate(cells) if _is_name_header(c)]  # (rarer than a value column)
    if not names:
        return None
    found = {}
    for i, c in enumerate(cells):
        v = _value_column(c) if i not in names else None
        if v is not None:
            found[i] = v
    if not found:
        return None
    name = names[0]
    units = _vocab().data["unit_column_headers"]
    unit_col = next((i for i, c in enumerate(cells) if _HEADER_NOISE.sub("", c) in units), None)
    columns: dict[int, tuple[int | None, str]] = {}
    first = min(found)
    for i, (year, kind) in found.items():
        if kind is None:
            kind = "baseline" if i == first and len(found) > 1 else "target"
        if year is None and kind == "target":
            year = lead_year()
        columns[i] = (year, kind)
    return _IndicatorTable(columns, name, 0, unit_col)


@lru_cache(maxsize=1)
def _table_value_re() -> re.Pattern[str]:
    """A value cell: a sign or comparator word, a change verb (提高1个百分点, 下降15%: the change
    the column's year is to see), the number (negative, or a range; in 〔〕 or [] a five-year
    plan's total over its five years: 〔14〕), its unit, a comparator suffix, a year in brackets
    (22.5（2019年）: that year's) and footnote marks."""
    v = _vocab()
    num = r"[-－]?[0-9０-９]{1,12}(?:\.[0-9０-９]{1,6})?"
    words = [w for w, c in v.data["comparator_prefix"].items() if c is not None] + ["达到", "保持", "实现"]
    units = _trie(v.units)
    return re.compile(
        r"(?P<pre>" + _alt(words) + r")?\s?(?P<chg>" + _alt(v.change_verbs) + r")?"
        r"\s?(?P<sign>" + _alt(list(_COMPARATOR_SIGNS)) + r")?\s?(?P<tot>[〔\[［【])?\s?(?P<v>" + num + r")"
        r"(?:\s?(?P<sep>" + _alt(v.data["range_separators"]) + r")\s?(?P<v2>" + num + r"))?"
        r"\s?(?P<u>" + units + r")?"
        r"(?(tot)\s?[〕\]］】]\s?(?P<u2>" + units + r")?)"
        r"\s?(?P<suf>" + _alt(list(v.data["comparator_suffix"])) + r")?"
        r"\s?(?:[（(](?P<y>(?:19|20)[0-9]{2})\s?年?[）)])?"
        r"(?:" + _alt(v.data["value_cell_marks"]) + r"|注[0-9]{1,2})*"
    )


#: a whole number below 10: in [ ] or 【 】 alone, a note's mark (a total is written 〔14〕, [17.5])
_SMALL_WHOLE = re.compile(r"[0-9０-９]")


def _row_cells(text: str, unit: Unit) -> list[str]:
    """A table row's cells, from its line's start: a row whose first cells are empty (a merged
    cell left blank: \t婴儿死亡率\t‰\t3.1) keeps them, so that each cell stands in its column."""
    ls = text.rfind("\n", 0, unit.start) + 1
    led = text[ls : unit.start]
    if led and "\t" in led and not led.strip(" \t\u3000"):
        return text[ls : unit.end].split("\t")
    return text[unit.start : unit.end].split("\t")


def _only_group_titles(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] (between two rows of a table) holds nothing but short group titles
    (一、健康水平, 健康服务): no sentence."""
    for line in text[a:b].split("\n"):
        line = line.strip(_BLANK)
        if line and not group_title(line):
            return False
    return True


def _indicator_name(cell: str) -> tuple[str, str | None]:
    """An indicator's name and the unit its bracket gives (孕产妇死亡率（/10万） → /10万): an item
    number before it (1.人均预期寿命) and footnote marks after it (婴儿死亡率*, 注1) dropped."""
    name = cell.strip()
    marks = tuple(_vocab().data["value_cell_marks"])
    for _ in range(3):  # (人均预期寿命（岁）*: the mark after the bracket, or before it)
        before = name
        name = _NAME_NOTE.sub("", name.rstrip("".join(marks))).strip()
        if name == before:
            break
    name = _NAME_NUMBER.sub("", name)
    name_unit = None
    m = _RE_NAME_UNIT.search(name)
    if m and not any(w in m.group("u") for w in ("含", "包括")):
        name_unit = _unit(m.group("u"))
        name = name[: m.start()].strip()
        name = _NAME_NOTE.sub("", name.rstrip("".join(marks))).strip()  # 人均预期寿命*（岁）
    return name, name_unit


def _table_lead_year(b: _Builder, offset: int) -> int | None:
    """The year of a lead-in (到2025年，主要指标如下：) that a table at offset follows, in its
    section or one under it."""
    if b.lead_in is None:
        return None
    date, path, end = b.lead_in
    return date.year if offset >= end and b.path_at(offset)[: len(path)] == path else None


def _wrapped_name(b: _Builder, text: str, prev_end: int, start: int) -> None:
    """One tab-led line between two rows of an indicator table (\t预约诊疗率: the other cells of
    its row were empty): the rest of the previous row's name, wrapped in its cell (二级及以上
    公立医院 ⏎ 预约诊疗率), when that name is unfinished — it ends in a noun of who is counted
    (data: head_nouns) or a joining word, where a measure would end it (人均预期寿命 ⏎ 健康服务
    is a group title).  The previous row's targets take the piece and the line."""
    between = text[prev_end:start].strip("\n")
    if not between.startswith("\t") or "\n" in between or "\t" in between.strip("\t"):
        return
    prev = []
    for t in reversed(b.out):  # (the previous row's targets are the last ones)
        if t["span"]["end"] != prev_end:
            break
        prev.append(t)
    if not prev or not prev[0]["indicator"].endswith((*_vocab().data["head_nouns"], "及", "和", "、", "的")):
        return
    piece = between.strip("\t \u3000")
    end = len(text[:start].rstrip("\n \t\u3000"))  # (the piece's end: blank lines may stand before it)
    for t in prev:
        t["indicator"] += piece
        t["raw"] = text[t["span"]["start"] : end]
        t["span"] = b.span(t["span"]["start"], end)


def rule_indicator_row(b: _Builder, unit: Unit) -> bool:
    """A row of an indicator table (序号	指标名称	2020年	2025年	指标属性): a value per value column,
    a baseline or a target as its header says (see _indicator_table_header); the unit from the
    cell or the name's bracket (孕产妇死亡率（/10万）), the comparator from a sign (≤12) or a word
    (90%以上, 不低于70) in the cell, a range (10-15).  Group titles between rows (一、健康水平)
    keep the table going."""
    if unit.kind != "row":
        return False
    text = b.ctx.text
    cells = _row_cells(text, unit)
    lead_year = partial(_table_lead_year, b, unit.start)
    names = [i for i, c in enumerate(cells) if _is_name_header(c)]
    header = _indicator_table_header(cells, lead_year, names)
    head, b.table_head = b.table_head, None
    if (
        header is None
        and head is not None
        and not text[head[1] : unit.start].strip(_BLANK + "\n")
        and all(_value_column(c) is not None for c in cells if c.strip())
    ):
        # a header over two rows: the value columns named in the second, which names nothing
        # else (序号	指标	单位	指标值 ⏎ 			2020年	2025年)
        top = head[0]
        merged = [c if c.strip() else (top[i] if i < len(top) else "") for i, c in enumerate(cells)]
        merged += top[len(cells) :]
        header = _indicator_table_header(merged, lead_year)
    if header is not None:
        header.end = unit.end
        b.table = header
        return True
    if names:
        b.table_head = (cells, unit.end)  # (maybe a header's first row)
    table = b.table
    if table is None:
        return False
    if cells[0].strip() in _vocab().data["table_header_cells"] or unnumbered_header(cells):
        b.table = None  # another table's header (序号	工作任务	牵头单位	完成时限): this one ended
        return False
    if text[table.end : unit.start].strip(_BLANK + "\n"):
        if not _only_group_titles(text, table.end, unit.start):
            b.table = None  # the table ended
            return False
        _wrapped_name(b, text, table.end, unit.start)
    table.end = unit.end
    if table.name >= len(cells):
        return True
    name, name_unit = _indicator_name(cells[table.name])
    if not name:
        return True
    if table.unit is not None and table.unit < len(cells) and name_unit is None:
        name_unit = _unit(cells[table.unit].strip()) or None
    value_re = _table_value_re()
    for col, (year, kind) in table.columns.items():
        if col >= len(cells):
            continue
        vm = value_re.fullmatch(cells[col].strip())
        if vm is None:
            continue
        u = _unit(vm.group("u") or vm.group("u2")) or name_unit
        if u is None:
            continue
        tot = vm.group("tot")
        if tot and tot != "〔" and not vm.group("u") and _SMALL_WHOLE.fullmatch(vm.group("v")):
            continue  # [1], 【2】: a note's mark, not a total
        verb = vm.group("chg") or ("累计" if tot else None)  # 〔14〕: a total over the plan's years
        q = Quantity(unit.start, unit.end, _num(vm.group("v").replace("－", "-")), u, verb=verb)
        if vm.group("v2"):
            q.value_max, q.comparator = _num(vm.group("v2").replace("－", "-")), "range"
        elif vm.group("sign"):
            q.comparator = _COMPARATOR_SIGNS[vm.group("sign")]
        elif vm.group("suf"):
            q.comparator = _vocab().data["comparator_suffix"][vm.group("suf")]
        elif vm.group("pre"):
            q.comparator = _vocab().data["comparator_prefix"].get(vm.group("pre")) or "="
        at = int(vm.group("y")) if vm.group("y") else year
        b.add(start=unit.start, end=unit.end, indicator=name, kind=kind, year=at, month=None, q=q)
    return True


def rule_task_row(b: _Builder, unit: Unit) -> bool:
    """A task-table row (序号<TAB>工作任务<TAB>牵头部门<TAB>完成时限, or without the 序号) → a
    deadline target: the task cell (the column its header names, else the second) by the date
    of the last cell."""
    if unit.kind != "row":
        return False
    text = b.ctx.text
    # the cells of the row's whole line: a line led by tabs (a wrapped row's piece: \t完善…\t\t政局)
    # keeps its empty first cells, so that each piece stands in its column
    ls = text.rfind("\n", 0, unit.start) + 1  # (the row's line)
    led = text[ls : unit.start]
    wrapped = "\t" in led and not led.strip(" \t\u3000")
    cells = text[ls if wrapped else unit.start : unit.end].split("\t")
    if not wrapped and (cells[0].strip() in _vocab().data["table_header_cells"] or unnumbered_header(cells)):
        b.task_column = _task_column(cells)
        b.deadline_column = _deadline_column(cells)
        b.table_start = unit.start
        return True
    col = b.task_column if b.task_column is not None and b.task_column < len(cells) else 1
    when = b.deadline_column if b.deadline_column is not None and b.deadline_column < len(cells) else len(cells) - 1
    if wrapped and b.out and _continues_row(b, text, unit, col, cells):
        return True  # a row wrapped over lines: its task's next piece
    ym = _due(cells[when].strip(), b.date_year or b.doc_year)
    if ym is None:
        return True
    task = cells[col].strip() if len(cells) >= 3 and col != when else cells[0].strip()
    # a row sits under its 序号 (["附件2", "1"], ["一", "3"]), as its assignments do
    path = row_path(b.ctx, unit.start, row_number(text[ls : unit.end].split("\t", 1)[0]), b.table_start)
    # a 完成时限 cell names when the task is due: aimed at, whatever the document's date
    b.add(start=unit.start, end=unit.end, indicator=task, kind="deadline", year=ym[0], month=ym[1], towards=True,
          path=path)
    return True


def _due(cell: str, year: int | None) -> tuple[int, int | None] | None:
    """(year, month) a 完成时限 cell names: its last date (a day: 2024年5月31日 is due by then);
    the month the row's assignment reads where the date names none (2024年第三季度 → 9, 6月底前
    in a 2024 document → 2024-06), but a bare year (2025年, 2024年内) stays a year."""
    dates = find_dates(cell, 0, len(cell), year) or find_dates(cell + "前", 0, len(cell) + 1, year)
    d = dates[-1] if dates and dates[-1].year else None
    if d is not None and d.year and d.month:
        return d.year, d.month
    dl = cell_deadline(cell, year)
    if dl is not None and (d is None or not year_only_cell(cell)):
        return int(dl[:4]), int(dl[5:7])
    return (d.year, None) if d is not None and d.year else None


def _continues_row(b: _Builder, text: str, unit: Unit, col: int, cells: list[str]) -> bool:
    """A row whose first cell is empty, right after a task row's deadline target: the piece of
    its task cell is the task's wrapped rest (推进紧密型县域医共体建设， ⏎ 完善内部管理机制)."""
    last = b.out[-1]
    span = last["span"]
    if last["kind"] != "deadline" or text[span["end"] : unit.start].strip("\t \r\n") or len(cells) <= col:
        return False
    piece = cells[col].strip()
    if piece:
        last["indicator"] += piece
    last["raw"] = text[span["start"] : unit.end]
    last["span"] = b.span(span["start"], unit.end)
    return True


def _deadline_column(cells: list[str]) -> int | None:
    """The 完成时限 column of a task table's header (时限, 时间, 节点 …: as the assignments read it)."""
    return next((i for i, c in enumerate(cells) if column_kind(c) == "deadline"), None)


def _task_column(cells: list[str]) -> int | None:
    """The task column of a task table's header (序号/县区/任务/完成时限 → 2): the first cell naming a
    task and no responsible body or time, as the assignments read it (``column_kind``); None
    when none does."""
    return next((i for i, c in enumerate(cells) if column_kind(c) == "task"), None)


def rule_table_cell(b: _Builder, unit: Unit) -> bool:
    """A cell of an appendix target table whose caption (到2017年…) gives the year."""
    if unit.kind != "cell":
        return False
    cap = DateMark(unit.start, unit.start, unit.year, unit.month, standalone=True, prefix_start=unit.start)
    _prose(b, unit.start, unit.end, cap=cap)
    return True


def _trigger_hits(text: str, start: int, end: int) -> list[int]:
    """Where triggers (see _triggers) start, at least one in each sentence and clause that holds any.

    A trigger never spans a cut character; one match takes a trigger and the rest of its
    clause, so that a clause full of digits is one hit, not one per digit.
    """
    return [m.start() for m in _vocab().trigger_run_re.finditer(text, start, end)]


#: a sentence starting a new enumerated point (二是…), perhaps after the note closing the one before
_RE_ITEM_START = re.compile(r"(?:[（(][^（）()。]{0,60}[）)]\s?)?[一二三四五六七八九十]是")


#: a note closing a task that names when it is due (（责任处室：…；完成时限：2025年9月底前）)
_RE_DUE_NOTE = re.compile(r"[（(][^（）()]{0,80}?完成时[限间][：:]\s?(?P<d>[^（）()；;，,]{1,24}?)\s?[）)][。．.]?\s?$")


def _due_task(b: _Builder, unit: Unit) -> bool:
    """A task whose closing note carries 完成时限: its numbers without a date of their own are due
    then (year and month; 全年 → year only; 持续推进 → no date); a task without any target is one
    deadline whose indicator is the task sentence.  False when the unit has no such note."""
    text = b.ctx.text
    tail = max(unit.start, unit.end - 120)
    if text.find("完成时", tail, unit.end) < 0:
        return False
    m = _RE_DUE_NOTE.search(text, tail, unit.end)
    if m is None:
        return False
    ds, de = m.span("d")
    dates = find_dates(text, ds, de, b.doc_year, periods=True)
    d = dates[-1] if dates else None
    n = len(b.out)
    body = Unit(unit.start, m.start(), "prose")
    if body.start < body.end:
        _prose_sentences(b, body)
    if d is None or d.year is None:
        return True  # 持续推进: no date
    deadline = _deadline_str(d.year, d.month)
    added = b.out[n:]
    for t in added:
        if t["value"] is not None and t["year"] is None and t["kind"] == "target":
            t["year"], t["deadline"] = d.year, deadline
    if not added:
        sents = [s for s in _SENTENCE_RE.finditer(text, body.start, body.end)]
        if sents:
            s, e = sents[-1].span()
            b.add(start=s, end=e, indicator=text[s:e].strip(), kind="deadline", year=d.year, month=d.month,
                  towards=True)
    return True


def rule_prose(b: _Builder, unit: Unit) -> bool:
    """A prose paragraph, sentence by sentence: dates govern the following clauses, numbers become targets."""
    if unit.kind != "prose":
        return False
    if _is_caption(b.ctx.text, unit):
        return True  # 2024年重点任务分工表: names the table below, no deliverable
    if not _due_task(b, unit):
        _prose_sentences(b, unit)
    return True


#: the longest caption line
_CAPTION_MAX = 40
_CAPTION_NOT = re.compile(r"[，,。；;：:！？]")


def _is_caption(text: str, unit: Unit) -> bool:
    """A one-line paragraph without sentence punctuation ending in a caption word (…分工表,
    …清单: targets.json caption_endings) right above a table's row names the table: no
    target (2024年底前制定权责清单 on a line of its own, above no table, stays a deliverable)."""
    s, e = unit.start, unit.end
    while e > s and text[e - 1] in _BLANK + "\n":
        e -= 1
    if e - s > _CAPTION_MAX or not text.endswith(_vocab().caption_endings, s, e):
        return False
    if text.find("\n", s, e) >= 0 or _CAPTION_NOT.search(text, s, e) or text.find("前", s, e) >= 0:
        return False  # (…底前 公布首批试点名单: a deadline, whatever follows it)
    k = e
    while k < len(text) and text[k] in _BLANK + "\n":
        k += 1
    nl = text.find("\n", k)
    return text.find("\t", k, nl if nl >= 0 else len(text)) >= 0


#: a sentence that spells out the aim before it
_SPELLED_OUT = ("具体", "主要指标", "其中")


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """For each stretch of text[start:end] between two sentence ends (。！？；…), the offset just
    past it relative to start: stretch i is [ends[i-1], ends[i] - 1) (ends[-1] - 1 == end - start).

    One str.split, no per-character work in Python; a sentence is a stretch without the blanks
    around it (a blank-only stretch is none).  (The sums in a plain loop: a chain of map and
    accumulate costs more for the few stretches of a paragraph.)
    """
    seg = text[start:end]
    for c in _SENT_END[1:]:
        if c in seg:
            seg = seg.replace(c, _SENT_END[0])
    ends = []
    p = 0
    for stretch in seg.split(_SENT_END[0]):
        p += len(stretch) + 1
        ends.append(p)
    return ends


def _prose_sentences(b: _Builder, unit: Unit) -> None:
    text = b.ctx.text
    hits = unit.hits if unit.hits is not None else _trigger_hits(text, unit.start, unit.end)
    if not hits:
        return  # nothing to read
    k = 0
    # an aimed-at date opening an earlier sentence (see _prose), or a lead-in's above the unit
    carry: DateMark | None = b.lead_in_at(unit.start)
    semi: DateMark | None = None  # a date opening the sentence's part before a ；
    breaks = _vocab().carry_break_re
    aim: dict[str, Any] | None = None  # a two-clause dated aim opening the paragraph (到2026年，A更加完善，B持续增强。)
    base = unit.start
    ends = _sentence_ends(text, base, unit.end)
    i, n_hits = 0, len(hits)
    while i < len(ends):
        if carry is None and semi is None and aim is None:
            # nothing carried: a sentence without a hit changes nothing, go to the next hit's
            if k == n_hits:
                break
            i = max(i, bisect_right(ends, hits[k] - base))
        s, e = base + (ends[i - 1] if i else 0), base + ends[i] - 1
        i += 1
        if s >= e:
            continue
        if text[s] in _BLANK or text[e - 1] in _BLANK:
            s, e = _trim(text, s, e)
            if s >= e:
                continue
        while k < n_hits and hits[k] < s:
            k += 1
        if carry is not None and _RE_ITEM_START.match(text, s, e):
            carry = None  # 一是/二是 (after a note closing the item before): a new point starts fresh
        if aim is not None:
            if text.startswith(_SPELLED_OUT, s) or k < n_hits and hits[k] < e:
                # the aim heads what the next sentence spells out (具体做到：… / its numbers): several aims
                aim["indicator"] = aim["indicator"].split("，", 1)[0] + "等"
            aim = None
        if k < n_hits and hits[k] < e:
            k2 = k + 1
            while k2 < n_hits and hits[k2] < e:
                k2 += 1
            n = len(b.out)
            # the paragraph's hits in the sentence are the sentence's (a hit's run never crosses a sentence end)
            carry, semi = _prose(b, s, e, carry=carry, semi=semi, hits=hits[k:k2])
            k = k2
            if s == unit.start and len(b.out) == n + 1 and b.out[n]["kind"] == "deadline" \
                    and b.out[n]["indicator"].count("，") == 1:
                aim = b.out[n]
        elif (carry is not None or semi is not None) and breaks.search(text, s, e):
            carry = semi = None  # 目前…: the paragraph turned to the present
        if semi is not None and text[e : e + 1] not in "；;":
            semi = None  # the sentence ended (。！？)
    if carry is not None and _LIST_INTRO_END.search(text, max(unit.start, unit.end - 12), unit.end) \
            and _AIMS_LISTED.search(text, max(unit.start, unit.end - 24), unit.end):
        # 到2025年，…具体目标如下： — the items below it are due then
        b.lead_in = (carry, b.path_at(unit.start), unit.end)


#: what a lead-in lists: aims (…具体目标如下：, 主要指标：), not measures (…抓好以下措施：)
_AIMS_LISTED = re.compile(r"目标|指标")
#: a paragraph introducing a list (…具体目标如下：, 实现以下目标：)
_LIST_INTRO_END = re.compile(r"(?:[：:]|如下(?:[（(][^（）()\n]{1,30}[）)])?[：:。.]?)\s*$")
#: a clause introducing a list: no deliverable of its own (具体目标如下, 实现以下目标)
_LIST_INTRO_CLAUSE = re.compile(
    r"(?:如下|以下(?:目标|任务|工作|几个方面)|下列(?:目标|任务))(?:[（(][^（）()\n]{1,30}[）)])?[：:。.]?\s*$"
)


UnitRule = Callable[[_Builder, Unit], bool]

#: Registry of unit rules: the first that returns True claims the unit (each claims its own
#: kind of unit, the most common first).
UNIT_RULES: list[tuple[str, UnitRule]] = [
    ("prose", rule_prose),
    ("indicator_row", rule_indicator_row),
    ("task_row", rule_task_row),
    ("table_cell", rule_table_cell),
]


def extract_targets(ctx: DocContext) -> list[Target]:
    """Every dated quantitative target, baseline and dated deliverable of one document."""
    b = _Builder(ctx)
    for unit in split_units(ctx):
        for _name, rule in UNIT_RULES:
            if rule(b, unit):
                break
    b.out.sort(key=_span_start)
    return _targets_adapter().validate_python(b.out)  # one validation for all (each with its span)


def _span_start(t: dict[str, Any]) -> int:
    return t["span"]["start"]


@lru_cache(maxsize=1)
def _targets_adapter() -> TypeAdapter[list[Target]]:
    return TypeAdapter(list[Target])
