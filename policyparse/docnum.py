"""发文字号 (document numbers): one grammar for a document's own number and for citations.

Accepts the variants people type: 〔2016〕, [2016], （2016）, 【2016】, ［2016］,
〈2016〉, 国发2016年78号, 国发〔2016〕第78号, half-width brackets, full-width
digits and spaces.  ``ParsedDocNumber.key`` is the canonical form
(国发〔2016〕78号) that matches the same number however it was typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .vocab import alternation as _alt
from .vocab import load_data

_OPEN = r"[〔\[【（(［〈﹝<]"
_CLOSE = r"[〕\]】）)］〉﹞>]"
#: An agency code: 2–10 characters, Chinese (a few codes carry Latin letters).
_YEAR = r"(?:[1１][9９]|[2２][0０])\d\d"
_CODE = r"(?P<code>\p{Han}[\p{Han}A-Za-z]{0,9}?)"
#: A document number anywhere in text.
DOCNUM = regex.compile(
    rf"{_CODE}\s*(?:{_OPEN}\s*(?P<year>{_YEAR})\s*{_CLOSE}|(?P<year2>{_YEAR})\s*年)\s*"
    rf"(?:第\s*)?(?P<serial>\d{{1,5}})\s*号"
)
#: A line that is nothing but a document number (optionally bracketed).
DOCNUM_LINE = regex.compile(rf"^\s*[（(]?\s*(?P<num>{DOCNUM.pattern})\s*[）)]?\s*$")

#: Characters a real agency code ends with (…发, …字, …函, …办, …令 …).
_CODE_END = set("发字函办令通复委文规号医改政卫财人教")
_BRACKET_YEAR = regex.compile(rf"{_OPEN}\s*{_YEAR}")

@lru_cache(maxsize=1)
def _code_words() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(lead-in, boundary) patterns from data/citations.json: the words that run into an agency
    code in prose (根据国发〔2016〕78号 → 国发…), trimmed from the front of any number's code;
    and the words never inside a 发文字号's code, after the last of which it starts
    (各地要认真落实国办发〔2018〕3号 → 国办发)."""
    data = load_data("citations.json")
    lead = regex.compile(rf"(?:{_alt(data['code_boundaries'] + data['code_lead_in'])})+")
    boundary = regex.compile(_alt(data["code_boundaries"] + data["code_boundary_bodies"]))
    return lead, boundary


@lru_cache(maxsize=1)
def _year_form_ends() -> frozenset[str]:
    """What the code of a number written 2023年第N号 ends with: an agency code's endings, and a
    body's (国家药监局2023年第12号; data: year_form_code_ends)."""
    return frozenset(_CODE_END) | frozenset(load_data("citations.json")["year_form_code_ends"])


def lead_in_end(s: str, pos: int = 0, endpos: int | None = None) -> int:
    """Where the lead-in words (根据, 按照, 贯彻落实 …) at s[pos:endpos] end (pos when none)."""
    m = _code_words()[0].match(s, pos, len(s) if endpos is None else endpos)
    return m.end() if m else pos


def code_start(code: str, *, order: bool = False) -> int:
    """Where an agency code read backwards into prose really starts in ``code``: after the last
    boundary word (not for an order number's code, which names its body: 省政府令), then past
    the lead-in words; 0 when every character would go (the code is then no code at all)."""
    a = 0
    if not order:
        for m in _code_words()[1].finditer(code):
            if len(code) - m.end() >= 2:  # (a code left one character long is none: 县政府办〔…〕)
                a = m.end()
    a = lead_in_end(code, a)
    return a if a < len(code) else 0


@dataclass(frozen=True)
class ParsedDocNumber:
    raw: str
    agency_code: str | None
    year: int | None
    serial: int | None

    @property
    def key(self) -> str:
        """A canonical key that matches the same number however it was typed: 国发〔2016〕78号
        (an order number, which has no year: 国务院令第699号)."""
        if self.year is None:
            return f"{self.agency_code}第{self.serial}号"
        return f"{self.agency_code}〔{self.year}〕{self.serial}号"


#: An order number (令): regulations and rules are numbered per issuing body, without a
#: year — 国务院令第699号, 国家医疗保障局令第2号, 中华人民共和国主席令第八十一号 is not
#: covered (Chinese numerals), 主席令第81号 is.
ORDER_NUM = regex.compile(r"(?P<code>\p{Han}{2,20}?令)\s*第\s*(?P<serial>[0-9０-９]{1,5})\s*号")
#: Multi-character words that end the prose before an order number's issuing body.
_ORDER_LEAD = regex.compile(r"根据|依据|按照|参照|依照|遵照|落实|执行|对照|详见|参见")
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_doc_number(raw: str) -> ParsedDocNumber | None:
    """Parse a 发文字号 (or an order number 令第N号); None if raw is not one."""
    raw = raw.strip()
    o = ORDER_NUM.fullmatch(raw) if "令" in raw else None
    if o:
        return ParsedDocNumber(
            raw=raw, agency_code=o.group("code"), year=None, serial=int(o.group("serial").translate(_FW_DIGITS))
        )
    m = DOCNUM.fullmatch(raw)
    if not m:
        return None
    code = m.group("code")
    year = int(m.group("year") or m.group("year2"))
    return ParsedDocNumber(raw=raw, agency_code=code, year=year, serial=int(m.group("serial")))


#: The part of a number after its agency code: the year in brackets (or 2016年), the serial, 号.
_TAIL = regex.compile(
    rf"(?:{_OPEN}\s*{_YEAR}\s*{_CLOSE}|{_YEAR}\s*年)\s*(?:第\s*)?\d{{1,5}}\s*号"
)
_CODE_AT = regex.compile(r"[\p{Han}A-Za-z]+")
_HAN = regex.compile(r"\p{Han}")
# (?r): matched backwards, the run that ends at endpos
_SPACES_BEFORE = regex.compile(r"(?r)\s*")
_CODE_BEFORE = regex.compile(r"(?r)[\p{Han}A-Za-z]{0,10}")
#: The characters a tail is made of, read backwards from its 号 (REVERSE: the run that ends there).
_TAIL_RUN = regex.compile(rf"(?r)[\s\d第年{_OPEN[1:-1]}{_CLOSE[1:-1]}]*")


def _tails(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans _TAIL.finditer(text, start, end) gives, found from each 号.

    A tail holds one 号, its last character, and otherwise only brackets, digits,
    spaces, 第 and 年: the tail ending at a 号 starts after the 号 before it, inside
    the run of such characters that ends there.  So the pattern is tried on that
    short run only, not at every character of the text.
    """
    lo = start
    h = text.find("号", start, end)
    while h >= 0:
        run = _TAIL_RUN.match(text, lo, h)
        m = _TAIL.search(text, run.start() if run else lo, h + 1)
        if m:
            yield m.span()
        lo = h + 1
        h = text.find("号", lo, end)


def _matches(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans DOCNUM.finditer would give, found from the tail backwards.

    Searching for the rare tail (bracketed year … 号) and then reading the code
    backwards is linear with a small constant; trying the lazy code pattern at
    every Chinese character is not.
    """
    prev_end = start
    for a, b in _tails(text, start, end):
        a = _SPACES_BEFORE.match(text, prev_end, a).start()  # spaces between the code and the year
        k = _CODE_BEFORE.match(text, prev_end, a).start()  # at most 10 code characters
        han = _HAN.search(text, k, a)  # the code starts with a Chinese character
        k = han.start() if han else a
        if k == a:
            continue
        prev_end = b
        yield k, b


def _order_matches(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Order numbers (…令第N号), found from their literal 令 and read backwards like _matches."""
    k = text.find("令", start, end)
    prev_end = start
    while k != -1:
        lo = max(prev_end, k - 20)
        a = k
        while a > lo and _HAN.match(text, a - 1):
            a -= 1
        while a < k and text[a] in "年月日" and a > 0 and text[a - 1].isdigit():
            a += 1  # 1994年2月26日国务院令第149号: the date is no part of the body's name
        cuts = [c.end() for c in _ORDER_LEAD.finditer(text, a, k)]
        if cuts:  # 为加强管理根据国务院令… → the code starts after the last lead-in word
            a = cuts[-1]
        m = ORDER_NUM.match(text, a, end) if a < k else None
        if m is not None:
            yield m.start(), m.end()
            prev_end = m.end()
            k = text.find("令", m.end(), end)
        else:
            k = text.find("令", k + 1, end)


def _all_matches(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """发文字号 and order numbers in text order, as (start, end, is an order number) (an order
    number inside a 发文字号 is dropped)."""
    orders = list(_order_matches(text, start, end))
    if not orders:
        for a, b in _matches(text, start, end):
            yield a, b, False
        return
    spans = sorted([(a, b, True) for a, b in orders] + [(a, b, False) for a, b in _matches(text, start, end)])
    last = -1
    for a, b, is_order in spans:
        if a < last and not is_order and b > last:
            a = last  # a code read backwards into the order number before it (…令第5号和国发〔…〕)
            while a < b and not _HAN.match(text, a):
                a += 1
        if a >= last:
            yield a, b, is_order
            last = b


def doc_number_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Where the numbers of :func:`find_doc_numbers` may stand, lead-in words trimmed, not yet
    parsed (a caller that skips some spans parses only the others with :func:`doc_number_at`)."""
    end = len(text) if end is None else end
    for a, b, order in _all_matches(text, start, end):
        code = _CODE_AT.match(text, a, b)
        if code is None:
            continue
        yield a + code_start(code.group(), order=order), b


def doc_number_at(text: str, a: int, b: int) -> ParsedDocNumber | None:
    """The number text[a:b] (a span of :func:`doc_number_spans`), or None when it is none: a
    code left shorter than two characters is a number only with a code ending (…发, …令)."""
    p = parse_doc_number(text[a:b])
    if p is None or not p.agency_code or len(p.agency_code) < 2 and p.agency_code[-1] not in _CODE_END:
        return None
    if p.year is not None and _BRACKET_YEAR.search(p.raw) is None and p.agency_code[-1] not in _year_form_ends():
        return None  # 应对2023年第5号台风: the unbracketed form needs a code or a body before its year
    return p


def find_doc_numbers(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, ParsedDocNumber]]:
    """Every 发文字号 in ``text[start:end]`` as (start, end, parsed), lead-in words trimmed from the code.

    A number in prose is preceded by words that the code grammar would swallow
    (根据国发〔2016〕78号, 各地要认真落实国办发〔2018〕3号); the code starts after them
    (:func:`code_start`), and a code left shorter than two characters is not a number.
    """
    for a, b in doc_number_spans(text, start, end):
        p = doc_number_at(text, a, b)
        if p is not None:
            yield a, b, p
