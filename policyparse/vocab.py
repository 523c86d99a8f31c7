"""Domain vocabulary shared by the stages: numerals, punctuation classes, kind words.

Larger reviewed word lists (agency aliases, units, comparator words) live in
``policyparse/data/`` and are loaded on first use by the stage that needs them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL_CHARS = "〇零一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟"
CN_BIG = {"万": 10_000, "亿": 100_000_000}

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Numbers in parentheses as one character: ㈠…㈩ stand for （一）…（十）, ⑴…⒇ for （1）…（20）.
PARENTHESIZED_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
PARENTHESIZED_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
#: Numbers with a full stop as one character: ⒈…⒛ stand for 1.…20.
DIGITS_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"

#: Characters that end a sentence or clause so that a line break after them is real.
TERMINAL = "。！？；：:;!?…"
#: Closing quotes/brackets that may follow a terminal mark.
CLOSERS = "”’」』》）)】〕"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(s: str) -> int | None:
    """Convert a Chinese numeral (一, 十二, 二十五, 一百零八, 二〇二一) to int; None if invalid."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s) and len(s) > 1:
        # digit-by-digit form: 二〇二一
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = 0
    section = 0
    num = 0
    seen = False
    for c in s:
        if c in CN_DIGITS:
            num = CN_DIGITS[c]
            seen = True
        elif c in CN_UNITS:
            unit = CN_UNITS[c]
            if num == 0 and unit == 10:
                num = 1
            section += num * unit
            num = 0
            seen = True
        elif c in CN_BIG:
            section += num
            total += section * CN_BIG[c]
            section = 0
            num = 0
        else:
            return None
    if not seen:
        return None
    return total + section + num


def int_to_cn(n: int) -> str:
    """Convert 1..999 to the Chinese numeral used in headings (一, 十, 十一, 二十, 一百零五)."""
    digits = "零一二三四五六七八九"
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = digits[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + digits[rest]
        return head + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))
    return str(n)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so that a longer word wins where a
    shorter one is its prefix)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def load_data(name: str) -> Any:
    """Load a JSON data file shipped in policyparse/data (cached)."""
    with resources.files("policyparse.data").joinpath(name).open("r", encoding="utf-8") as f:
        return json.load(f)


#: Words a document title ends with (the kind of document), longest first.
DOC_KIND_WORDS = (
    "实施意见", "指导意见", "若干意见", "实施方案", "工作方案", "行动方案", "重点工作任务", "工作任务",
    "实施细则", "管理办法", "暂行办法", "行动计划", "工作要点", "若干措施", "若干规定",
    "通知", "意见", "方案", "规划", "办法", "条例", "决定", "任务", "细则", "计划", "纲要",
    "规定", "通告", "公告", "批复", "报告", "要点", "措施", "指南", "决议", "纪要", "准则",
    "规则", "清单", "目录", "标准", "函", "通报", "指引", "规范", "制度", "章程",
)

#: The heading of a table of contents (目录, 目　　录; 目次 in standards): the contents
#: lines after it repeat the document's headings and are none of them.
CONTENTS_WORDS = ("目录", "目次")

#: Words that, right after 附件2 / 附表1 with no space or colon, carry on a sentence that
#: mentions the appendix (附件2所列重点行业…, 附件1中的检查表…, 附件3为…): no appendix heading.
#: Not 到 / 至: a caption may start with them (附表1 到2017年…的主要目标, whose space
#: normalisation drops).
APPENDIX_REFERENCE_WORDS = (
    "所", "中", "的", "为", "是", "由", "和", "及", "与", "或", "等", "内", "已", "要",
    "请", "将", "需", "须", "应", "可", "列", "里", "上", "报", "填", "见", "按", "经", "在", "以",
)

#: What the end of a heading title wrapped onto the next line never starts with (a pointer:
#: 详见附件1) or ends with (a body's name under its heading: 市应急管理局) — a one-line body.
TITLE_TAIL_NOT_STARTS = ("详见", "见附", "参见", "附件", "附表", "请")
TITLE_TAIL_NOT_ENDS = ("局", "委", "厅", "办", "政府", "中心", "公司", "医院", "学校", "办公室")

#: Markers of a draft, removed from the title and reported as is_draft: data/metadata.json.
DRAFT_MARKERS: tuple[str, ...] = tuple(load_data("metadata.json")["draft_markers"])
#: Words a draft marker may follow when the draft amends a text: （修订草案）.
DRAFT_AMENDMENTS: tuple[str, ...] = tuple(load_data("metadata.json")["draft_amendments"])

#: Suffixes that make a string look like the name of a body (issuer, agency): data/metadata.json.
AGENCY_SUFFIXES: tuple[str, ...] = tuple(load_data("metadata.json")["issuer_suffixes"])


def split_outside_brackets(s: str, seps: str, opens: str = "（(", closes: str = "）)") -> list[str]:
    """Split ``s`` on any character of ``seps`` that stands outside brackets.

    各县（市、区）卫生健康委、财政局 split on 、 gives two pieces, not three.  A stray
    closing bracket never opens a level.  Text without an opening bracket is split
    with a plain split.
    """
    if not any(o in s for o in opens):
        out: list[str] = [s]
        for sep in seps:
            out = [piece for part in out for piece in part.split(sep)]
        return out
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in s:
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts
