"""Citations of other documents: 《title》 and/or a 发文字号.

Rules, tried in this order (a later rule never takes text an earlier one took):

* ``titled`` — 《国务院关于印发…的通知》（国发〔2016〕78号）: a balanced 《…》 and, right after
  it, an optional bracketed number (any bracket style, spaces allowed); a 《》 naming a
  certificate, form or card (《医疗机构执业许可证》) is no document;
* ``law`` — 中华人民共和国…法 where the 《》 are missing (punctuation-damaged text);
* ``number`` — a 发文字号 alone (国发〔2016〕78号, 国发2016年78号, [2016], 【2016】 …; lead-in
  words such as 根据 are not part of the code).  When the words just before it are a
  title with its 《》 lost (…国务院关于印发…的通知，国发〔2016〕78号), the title is
  recovered: the last 关于 within :data:`RECOVER_WINDOW` characters, the issuing body
  before it, and a document-kind word (通知, 意见 …) just before the number.

The document's own titles and 发文字号 are never citations.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any, TypeVar

import regex

from ..docnum import LEAD_IN, ParsedDocNumber, doc_number_at, doc_number_spans
from ..models import Citation, DocNumber
from ..vocab import DOC_KIND_WORDS
from . import DocContext, new_model

_new_citation = new_model(Citation)
_new_docnumber = new_model(DocNumber)

#: regex's \s (Unicode White_Space) for the small patterns compiled with the stdlib re, which
#: is cheaper per call (its own \s would also take \x1c-\x1f)
_S = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# a balanced 《…》 (one level of nested 〈〉 or 《》 allowed; plain characters: the stdlib re is faster)
_TITLE = re.compile(r"《(?P<t>(?:[^《》\n]|《[^《》\n]*》){1,200})》")
_OPEN = r"[（(【\[［〔﹝]"
_CLOSE = r"[）)】\]］〕﹞]"
_LAW = regex.compile(r"中华人民共和国(?:(?!法)\p{Han}){1,20}法(?!\p{Han})")
_QUALIFIER = re.compile(rf"{_S}*[（(]{_S}*(?:试行|暂行|修订|修订版|草案|征求意见稿){_S}*[）)]")
#: 《》 also name certificates, forms and cards (《医疗机构执业许可证》, 《出生医学证明》,
#: 《居民健康档案登记表》): not documents, so not citations — unless a 发文字号 follows.
NOT_DOCUMENT_ENDINGS = ("许可证", "执业证书", "资格证书", "证书", "执照", "证明", "登记证", "身份证", "登记表",
                        "申请表", "审批表", "统计表", "报告单", "报告卡", "健康卡", "社会保障卡", "医保卡")
#: How far before a bare number a lost-《》 title may start.
RECOVER_WINDOW = 100
_SEP = "，,、。. 　;；:："
_KIND_BEFORE = regex.compile(
    r"(?:" + "|".join(sorted(DOC_KIND_WORDS, key=len, reverse=True)) + r")[" + _SEP + r"》”\"（(\s]*$"
)
_ISSUER_RUN = regex.compile(r"[\p{Han}A-Za-z0-9]{0,24}$")


_KEY_DROP = re.compile(rf"[{_S[1:-1]}《》〈〉<>“”\"]")
_OPEN_AT = re.compile(rf"{_S}*{_OPEN}{_S}*")
_CLOSE_AT = re.compile(rf"{_S}*{_CLOSE}")


def _key(title: str) -> str:
    return _KEY_DROP.sub("", title)


def _number_model(p: ParsedDocNumber) -> DocNumber:
    return _new_docnumber(
        {"raw": p.raw, "agency_code": p.agency_code, "year": p.year, "serial": p.serial, "key": p.key}
    )


def _number_after(text: str, pos: int, end: int) -> tuple[DocNumber, int] | None:
    """A bracketed number right after a 《title》: （国发〔2016〕78号）, (国发[2016]78号), 【…】."""
    m = _QUALIFIER.match(text, pos, end)  # 《X》（试行）（…号）
    if m:
        pos = m.end()
    m = _OPEN_AT.match(text, pos, end)
    if not m:
        return None
    # the first number in the window, which must start right there (a later one never does)
    a, b = next(doc_number_spans(text, m.end(), min(end, m.end() + 40)), (-1, -1))
    p = doc_number_at(text, a, b) if a == m.end() else None
    if p is None:
        return None
    close = _CLOSE_AT.match(text, b, end)
    if not close:
        return None
    return _number_model(p), close.end()


def recover_title(text: str, num_start: int, floor: int) -> tuple[int, str] | None:
    """A title whose 《》 were lost, ending just before a number: (start offset, title)."""
    lo = max(floor, num_start - RECOVER_WINDOW)
    nl = text.rfind("\n", lo, num_start)
    if nl != -1:
        lo = nl + 1
    window = text[lo:num_start]
    kind = _KIND_BEFORE.search(window)
    if not kind:
        return None
    k = window.rfind("关于", 0, kind.start())
    if k == -1:
        return None
    run = _ISSUER_RUN.search(window[:k])
    start = k - (len(run.group()) if run else 0)
    lead = LEAD_IN.match(window, start, k)
    if lead:
        start = lead.end()
    end = kind.start() + len(kind.group().rstrip(_SEP + "》”\"（(\t\n "))
    title = window[start:end].strip(_SEP)
    if len(title) < 6:
        return None
    return lo + start, title


class _Ranges:
    """Taken ranges of the text, merged and sorted: overlap tests in O(log n)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(ranges):
            self.add(a, b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b) - 1  # the last range starting before b
        return i >= 0 and self.ends[i] > a

    def end_before(self, a: int) -> int:
        """The end of the last range that ends at or before a (0 if none)."""
        i = bisect_right(self.ends, a) - 1
        return self.ends[i] if i >= 0 else 0

    def add(self, a: int, b: int) -> None:
        i = bisect_left(self.starts, a)
        # merge with the ranges it touches on either side
        while i > 0 and self.ends[i - 1] >= a:
            i -= 1
            a = min(a, self.starts[i])
            b = max(b, self.ends[i])
            del self.starts[i], self.ends[i]
        while i < len(self.starts) and self.starts[i] <= b:
            b = max(b, self.ends[i])
            del self.starts[i], self.ends[i]
        self.starts.insert(i, a)
        self.ends.insert(i, b)


_Pattern = TypeVar("_Pattern", re.Pattern[str], regex.Pattern[str])


def _finditer_from(rx: _Pattern, literal: str, text: str, start: int, end: int) -> Iterator[Any]:
    """rx.finditer(text, start, end) for a pattern whose matches start with literal:
    str.find (faster than the regex engine's scan) finds where to try it."""
    i = text.find(literal, start, end)
    while i >= 0:
        m = rx.match(text, i, end)
        if m:
            yield m
            i = text.find(literal, m.end(), end)
        else:
            i = text.find(literal, i + 1, end)


def extract_citations(ctx: DocContext) -> list[Citation]:
    text = ctx.text
    out: list[Citation] = []
    used = _Ranges(ctx.skip)
    taken = used.overlaps

    def add(start: int, end: int, title: str | None, num: DocNumber | None) -> None:
        out.append(
            _new_citation({"title": title, "doc_number": num, "raw": text[start:end], "span": ctx.span(start, end)})
        )
        used.add(start, end)

    own = {_key(t) for t in ctx.self_titles}
    for m in _finditer_from(_TITLE, "《", text, ctx.start, ctx.end):
        if taken(m.start(), m.end()) or _key(m.group("t")) in own:
            continue
        start, end = m.start(), m.end()
        title = m.group("t").replace("<", "《").replace(">", "》")
        num = None
        after = _number_after(text, end, ctx.end)
        if after:
            num, end = after
        elif title.endswith(NOT_DOCUMENT_ENDINGS):
            continue  # a certificate, form or card named in 《》
        add(start, end, title, num)
    for m in _finditer_from(_LAW, "中华人民共和国", text, ctx.start, ctx.end):
        if not taken(m.start(), m.end()) and _key(m.group()) not in own:
            add(m.start(), m.end(), m.group(), None)
    for a, b in doc_number_spans(text, ctx.start, ctx.end):
        if taken(a, b):  # (a number inside a titled citation: not parsed again)
            continue
        p = doc_number_at(text, a, b)
        if p is None:
            continue
        num = _number_model(p)
        prior = max(ctx.start, used.end_before(a))  # a recovered title starts after earlier citations
        rec = recover_title(text, a, prior)
        if rec and not taken(rec[0], a) and _key(rec[1]) not in own:
            add(rec[0], b, rec[1], num)
        else:
            add(a, b, None, num)
    out.sort(key=lambda c: c.span.start)
    return out
