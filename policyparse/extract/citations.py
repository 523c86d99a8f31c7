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
from functools import lru_cache
from typing import Any, TypeVar

import regex

from ..docnum import ParsedDocNumber, doc_number_at, doc_number_spans, lead_in_end
from ..models import Citation, DocNumber
from ..vocab import DOC_KIND_WORDS, load_data
from ..vocab import alternation as _alt
from . import DocContext, new_model

_new_citation = new_model(Citation)
_new_docnumber = new_model(DocNumber)

#: regex's \s (Unicode White_Space) for the small patterns compiled with the stdlib re, which
#: is cheaper per call (its own \s would also take \x1c-\x1f)
_S = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# a balanced 《…》 (one level of nested 〈〉 or 《》 allowed; plain characters: the stdlib re is
# faster); a line break inside it (a title wrapped on a page) but no empty line
_TITLE = re.compile(r"《(?P<t>(?:[^《》\n]|\n(?![ \t\u3000]*\n)|《[^《》\n]*》){1,200})》")
#: …on one line: what a 《 opens when the pair _TITLE found across a line break reads as prose
#: (a 《 left open, a 》 further on: 《…的意见 ⏎ 要求，结合《规划》和实际，制定方案》)
_TITLE_LINE = re.compile(r"《(?P<t>(?:[^《》\n]|《[^《》\n]*》){1,200})》")
_PROSE_MARKS = re.compile("[，。；;,！？]")
_OPEN = r"[（(【\[［〔﹝]"
_CLOSE = r"[）)】\]］〕﹞]"


@lru_cache(maxsize=1)
def law_pattern() -> regex.Pattern[str]:
    """中华人民共和国…法 without 《》 (data: laws): its name holds no prose word, and a word of
    the sentence or none follows it."""
    laws = load_data("citations.json")["laws"]
    return regex.compile(
        rf"中华人民共和国(?:(?!法|{_alt(laws['name_not'])})\p{{Han}}){{1,20}}法(?:{_alt(laws['suffixes'])})?"
        rf"(?:(?!\p{{Han}})|(?={_alt(laws['followers'])}))"
    )


@lru_cache(maxsize=1)
def _issuing() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(发布 after a number in its bracket, 的通知 after a notice's inner 《X》, 关于印发 before
    it) (data: issuing)."""
    words = load_data("citations.json")["issuing"]
    return (
        re.compile(rf"{_S}*(?:{_alt(words['after_number'])})"),
        re.compile(rf"的(?:{_alt(words['notice_kinds'])})"),
        re.compile(rf"关于(?:{_alt(words['verbs'])})$"),
    )

_QUALIFIER = re.compile(rf"{_S}*[（(]{_S}*(?:试行|暂行|修订|修订版|草案|征求意见稿){_S}*[）)]")


@lru_cache(maxsize=1)
def not_document_endings() -> tuple[str, ...]:
    """《》 also name certificates, forms, ledgers, cards and periodicals (《医疗机构执业许可证》,
    《重点任务台账》, 《人民日报》; data: not_document_endings): not documents, so not citations —
    unless a 发文字号 follows."""
    return tuple(load_data("citations.json")["not_document_endings"])


#: 《X》 after 简称 names a document already cited (以下简称《规划》): an alias, no citation
_ALIAS_BEFORE = re.compile(rf"简称{_S}*[为是]?{_S}*$")
#: a bracket's remainder after a number: the alias it defines (，以下简称《规划》)
_ALIAS_NOTE = re.compile(rf"[，,；;]{_S}*(?:以下)?简称{_S}*[为是]?{_S}*(?P<alias>《[^《》\n]{{1,30}}》|“[^“”\n]{{1,30}}”)")
#: what may stand in a title's bracket before its number: the date it was issued (（1994年2月26日
#: 国务院令第149号发布）; and 发布 after it: _issuing)
_ISSUED_ON = re.compile(rf"(?:19|20)\d\d{_S}*年{_S}*\d{{1,2}}{_S}*月{_S}*\d{{1,2}}{_S}*日{_S}*")
#: How far before a bare number a lost-《》 title may start.
RECOVER_WINDOW = 100
_SEP = "，,、。. 　;；:："
_KIND_BEFORE = regex.compile(
    r"(?:" + "|".join(sorted(DOC_KIND_WORDS, key=len, reverse=True)) + r")[" + _SEP + r"》”\"（(\s]*$"
)
_ISSUER_RUN = regex.compile(r"[\p{Han}A-Za-z0-9]{0,24}$")


_KEY_DROP = re.compile(rf"[{_S[1:-1]}《》〈〉<>“”\"]")
_OPEN_AT = re.compile(rf"{_S}*{_OPEN}{_S}*")
_SPACES_AT = re.compile(r"[ \t\u3000]{0,2}")
_CLOSE_AT = re.compile(rf"{_S}*{_CLOSE}")


def _key(title: str) -> str:
    return _KEY_DROP.sub("", title)


def _number_model(p: ParsedDocNumber) -> DocNumber:
    return _new_docnumber(
        {"raw": p.raw, "agency_code": p.agency_code, "year": p.year, "serial": p.serial, "key": p.key}
    )


def _number_at(text: str, pos: int, end: int) -> tuple[ParsedDocNumber, int] | None:
    """The number starting right at pos (the first in a short window: a later one never does)."""
    a, b = next(doc_number_spans(text, pos, min(end, pos + 40)), (-1, -1))
    p = doc_number_at(text, a, b) if a == pos else None
    return (p, b) if p is not None else None


def _number_after(text: str, pos: int, end: int) -> tuple[DocNumber, int, str | None] | None:
    """The number of a 《title》 right after it: bracketed （国发〔2016〕78号）, (国发[2016]78号),
    【…】 — in the bracket also the date it was issued before it (（1994年2月26日国务院令第149号
    发布）), and after it 发布 or the alias it defines (，以下简称《规划》) — or written bare right
    after the 》 (《…的意见》国发〔2014〕43号).  (number, end, alias or None)."""
    m = _QUALIFIER.match(text, pos, end)  # 《X》（试行）（…号）
    if m:
        pos = m.end()
    m = _OPEN_AT.match(text, pos, end)
    if not m:
        gap = _SPACES_AT.match(text, pos, end)  # (spaces on the line, never a line break)
        bare = _number_at(text, gap.end() if gap else pos, end)
        return (_number_model(bare[0]), bare[1], None) if bare else None
    inner = m.end()
    on = _ISSUED_ON.match(text, inner, end)
    found = _number_at(text, on.end() if on else inner, end)
    if found is None:
        return None
    p, b = found
    issued = _issuing()[0].match(text, b, end)
    if issued:
        b = issued.end()
    alias = None
    note = _ALIAS_NOTE.match(text, b, end)
    if note:
        alias, b = note.group("alias")[1:-1], note.end()
    close = _CLOSE_AT.match(text, b, end)
    if not close:
        return None
    return _number_model(p), close.end(), alias


def _number_before(text: str, start: int, floor: int) -> tuple[DocNumber, int] | None:
    """A number written right before a 《title》 (国发〔2016〕77号《国务院关于…的通知》): (number,
    its start)."""
    lo = max(floor, start - 40)
    last = None
    for a, b in doc_number_spans(text, lo, start):
        last = (a, b)
    if last is None or text[last[1] : start].strip(" \t\u3000"):
        return None  # (something between them, a line break too)
    p = doc_number_at(text, *last)
    return (_number_model(p), last[0]) if p is not None else None


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
    start = lead_in_end(window, start, k)
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


def _titles(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The 《titles》 in text[start:end], in order: a title wrapped over two lines when it reads
    as one (no sentence punctuation in it), else the 《…》 on one line."""
    i = text.find("《", start, end)
    while i >= 0:
        m = _TITLE.match(text, i, end)
        if m is not None and "\n" in m.group("t") and _PROSE_MARKS.search(m.group("t")):
            m = _TITLE_LINE.match(text, i, end)
        if m is not None:
            yield m
            i = text.find("《", m.end(), end)
        else:
            i = text.find("《", i + 1, end)


def _title(t: str) -> str:
    """A cited title as written between its 《》: <> written for 《》 inside it turned back; a line
    break (a page-wrapped title) removed."""
    return t.replace("<", "《").replace(">", "》").replace("\n", "")


_SOLICITED = re.compile(r"征求《(?P<t>[^《》\n]{1,200})》")


def _own_keys(titles: list[str]) -> set[str]:
    """The keys of the document's own titles, and of the draft it solicits comments on
    (关于公开征求《X（征求意见稿）》意见的通知: X is the document's own subject, no citation)."""
    keys = {_key(t) for t in titles}
    keys |= {_key(m.group("t")) for t in titles for m in _SOLICITED.finditer(t)}
    return keys


def _wrapper(
    text: str, m: re.Match[str], floor: int, ctx: DocContext, own: set[str]
) -> tuple[int, int, str] | None:
    """关于印发《X》的通知 whose outer 《》 were lost: (start, end, title) of the whole notice title,
    its issuer included (国务院关于印发《“十四五”国民健康规划》的通知), when 关于印发 stands right
    before the 《X》 and 的通知 right after it; not when it is the document's own (own: title keys)."""
    _after, wrapper_end, issuing_before = _issuing()
    w = wrapper_end.match(text, m.end(), ctx.end)
    if w is None or not issuing_before.search(text, max(ctx.start, m.start() - 6), m.start()):
        return None
    rec = recover_title(text, w.end(), max(ctx.start, floor))
    if rec is None or rec[0] > m.start():
        return None
    title = _title(text[rec[0] : w.end()])
    if _key(title) in own:
        return None
    return rec[0], w.end(), title


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

    own = _own_keys(ctx.self_titles)
    aliases: set[str] = set()  # 以下简称《规划》: later 《规划》 name a document already cited
    for m in _titles(text, ctx.start, ctx.end):
        if taken(m.start(), m.end()) or _key(m.group("t")) in own:
            continue
        start, end = m.start(), m.end()
        title = _title(m.group("t"))
        wrapper = _wrapper(text, m, used.end_before(start), ctx, own)
        if wrapper is not None:  # 国务院关于印发《X》的通知（…号）: the notice is the document cited
            start, end, title = wrapper
        num = None
        after = _number_after(text, end, ctx.end)
        if after:
            num, end, alias = after
            if alias:
                aliases.add(_key(alias))
        else:
            before = _number_before(text, start, max(ctx.start, used.end_before(start)))
            if before:
                num, start = before
            elif title.endswith(not_document_endings()):
                continue  # a certificate, form, ledger or periodical named in 《》
            else:
                key = _key(title)
                if key in aliases or _ALIAS_BEFORE.search(text, max(ctx.start, start - 8), start):
                    aliases.add(key)
                    continue  # an abbreviation of a document cited before, or its definition
                if title in DOC_KIND_WORDS:
                    continue  # 《意见》, 《实施方案》: a back-reference to a document named before
        add(start, end, title, num)
    for m in _finditer_from(law_pattern(), "中华人民共和国", text, ctx.start, ctx.end):
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
