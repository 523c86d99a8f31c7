"""发文字号 (document numbers): one grammar for a document's own number and for citations.

Accepts the variants people type: 〔2016〕, [2016], （2016）, 【2016】, ［2016］,
〈2016〉, 国发2016年78号, half-width brackets and spaces.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_OPEN = r"[〔\[【（(［〈﹝<]"
_CLOSE = r"[〕\]】）)］〉﹞>]"
_CODE = r"(?P<code>\p{Han}[\p{Han}A-Za-z]{0,14}?)"
#: A document number anywhere in text.
DOCNUM = regex.compile(
    rf"{_CODE}\s*(?:{_OPEN}\s*(?P<year>(?:19|20)\d\d)\s*{_CLOSE}|(?P<year2>(?:19|20)\d\d)\s*年)\s*"
    rf"(?:第\s*)?(?P<serial>\d{{1,5}})\s*号"
)
#: A line that is nothing but a document number (optionally bracketed).
DOCNUM_LINE = regex.compile(rf"^\s*[（(]?\s*(?P<num>{DOCNUM.pattern})\s*[）)]?\s*$")

#: Characters a real agency code ends with (…发, …字, …函, …办, …令 …).
_CODE_END = set("发字函办令通复委文规号医改政卫财人教")


@dataclass(frozen=True)
class ParsedDocNumber:
    raw: str
    agency_code: str | None
    year: int | None
    serial: int | None

    @property
    def key(self) -> str:
        """A canonical key that matches the same number however it was typed."""
        return f"{self.agency_code}〔{self.year}〕{self.serial}号"


def parse_doc_number(raw: str) -> ParsedDocNumber | None:
    """Parse a 发文字号; None if raw is not one."""
    m = DOCNUM.fullmatch(raw.strip())
    if not m:
        return None
    code = m.group("code")
    year = int(m.group("year") or m.group("year2"))
    return ParsedDocNumber(raw=raw.strip(), agency_code=code, year=year, serial=int(m.group("serial")))
