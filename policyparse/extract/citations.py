"""Citations of other documents: 《title》 and/or a 发文字号.

Forms recognised:
* 《国务院关于印发…的通知》（国发〔2016〕78号） — title and number together;
* 《中华人民共和国基本医疗卫生与健康促进法》 — a title alone;
* 国发〔2016〕78号 / （辽政办发〔2015〕107号） — a number alone.
The document's own 发文字号 is its doc_number and never a citation.
"""

from __future__ import annotations

import regex

from ..docnum import DOCNUM, parse_doc_number
from ..models import Citation, DocNumber
from . import DocContext

# a balanced 《…》 (one level of nested 〈〉 or 《》 allowed)
_TITLE = regex.compile(r"《(?P<t>(?:[^《》\n]|《[^《》\n]*》){1,200})》")
_NUM_AFTER = regex.compile(rf"\s*[（(]\s*(?P<n>{DOCNUM.pattern})\s*[）)]")


def _key(title: str) -> str:
    return regex.sub(r"[\s《》〈〉<>“”\"]", "", title)


def _docnum_model(raw: str) -> DocNumber | None:
    p = parse_doc_number(raw)
    if p is None:
        return None
    return DocNumber(raw=p.raw, agency_code=p.agency_code, year=p.year, serial=p.serial, key=p.key)


def extract_citations(ctx: DocContext) -> list[Citation]:
    text = ctx.text
    out: list[Citation] = []
    used: list[tuple[int, int]] = list(ctx.skip)

    def taken(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in used)

    own = {_key(t) for t in ctx.self_titles}
    for m in _TITLE.finditer(text, ctx.start, ctx.end):
        if taken(m.start(), m.end()) or _key(m.group("t")) in own:
            continue
        start, end = m.start(), m.end()
        title = m.group("t").replace("<", "《").replace(">", "》")
        num = None
        after = _NUM_AFTER.match(text, end, ctx.end)
        if after:
            num = _docnum_model(after.group("n"))
            if num is not None:
                end = after.end()
        out.append(Citation(title=title, doc_number=num, raw=text[start:end], span=ctx.span(start, end)))
        used.append((start, end))
    for m in DOCNUM.finditer(text, ctx.start, ctx.end):
        if taken(m.start(), m.end()):
            continue
        num = _docnum_model(m.group())
        if num is None:
            continue
        out.append(Citation(title=None, doc_number=num, raw=m.group(), span=ctx.span(m.start(), m.end())))
        used.append((m.start(), m.end()))
    out.sort(key=lambda c: c.span.start)
    return out
