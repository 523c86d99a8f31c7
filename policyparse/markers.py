"""Heading-marker rules: one small named function per numbering style.

Each rule looks at a line (from ``pos``) and returns a :class:`Marker` or None.
Rules live in an ordered registry (:data:`MARKER_RULES`) that callers may
extend, reorder or disable; the first rule that matches wins.  Whether a
marker really opens a heading, and at which level, is decided by the
structure stage from the numbering sequence, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import NamedTuple

import regex

from .vocab import (
    APPENDIX_REFERENCE_WORDS,
    CIRCLED,
    DIGITS_FULL_STOP,
    PARENTHESIZED_CN,
    PARENTHESIZED_DIGITS,
    cn_to_int,
    int_to_cn,
    load_data,
)


class Marker(NamedTuple):
    """A heading marker found at the start of a line (an immutable record)."""

    #: cn, cn_paren, cn_rparen, arabic, arabic_paren, arabic_rparen, circled, outline2..4, latin,
    #: latin_lower, latin_paren, latin_lower_paren, roman, roman_lower, volume, book, division,
    #: chapter, part, article, appendix
    style: str
    value: int  # position in its sequence (1-based; 0 for a bare 附件)
    marker: str  # as written, e.g. "（一）", "1.", "一、"
    canonical: str  # path element, e.g. "（一）", "1", "一"
    start: int  # offset of the marker in the line
    end: int  # offset just after the marker and any separator/space that follows it
    #: The number is glued to a month (4.6月底前…): a heading only where it continues
    #: the open list exactly (the structure stage decides); else the line is prose.
    glued: bool = False


MarkerRule = Callable[[str, int], "Marker | None"]

#: Marker from all seven fields as one tuple: the rules make one per marker line, and
#: tuple.__new__ skips the Python-level NamedTuple constructor.
_new_marker = partial(tuple.__new__, Marker)

_CN = "〇零一二三四五六七八九十百两"
_SP = r"[ \t\u3000]*"

# Patterns made only of explicit character classes use the faster stdlib ``re``;
# \d and \p{Han} keep ``regex`` (its Unicode tables differ from re's).

_RX_CHAPTER = regex.compile(rf"第{_SP}([{_CN}]+|\d{{1,3}}){_SP}(章|节|条|编|部分|篇){_SP}")
#: 一、 / 一． / 一. — or 一 and a space before a Chinese title (一 总体要求, 一　总体要求).
_RX_CN = regex.compile(rf"([{_CN}]{{1,4}})(?:{_SP}[、．.]{_SP}|[ \t\u3000]+(?=\p{{Han}}))")
_RX_CN_PAREN = re.compile(rf"[（(]{_SP}([{_CN}]{{1,4}}){_SP}[）)]{_SP}[、.．]?{_SP}")
_RX_ARABIC = re.compile(rf"([0-9０-９]{{1,3}}){_SP}[.．、](?![0-9０-９]){_SP}")
#: 4.6月底前… / 1、2024年底前… / 2.5G网络… — an item number whose text starts with a digit,
#: with no space: 4. + 6月底前… (rule_arabic_glued tells a decimal number from it).
_RX_ARABIC_GLUED = re.compile(r"([0-9０-９]{1,3})([.．、])(?=[0-9０-９])")
#: The digits after the point of a glued number (1.3月 / 2.5万).
_RX_FRACTION = re.compile(r"[0-9０-９]+")
_RX_ARABIC_PAREN = re.compile(rf"[（(]{_SP}([0-9０-９]{{1,3}}){_SP}[）)]{_SP}[、.．]?{_SP}")
_RX_ARABIC_RPAREN = re.compile(rf"([0-9０-９]{{1,3}})[）)](?![0-9０-９]){_SP}")
_RX_CIRCLED = re.compile(rf"([{CIRCLED}]){_SP}")
#: 附件 / 附件1 / 附件一 / 附件1-1 (a sub-appendix) / 附件2：; the number is optional.
_RX_APPENDIX = re.compile(
    rf"(附件|附表|附录){_SP}(?:([0-9０-９]{{1,3}}|[{_CN}]{{1,3}}|[A-ZＡ-Ｚ](?![A-Za-zＡ-Ｚａ-ｚ]))(?:[-－‐–—]([0-9０-９]{{1,3}}))?)?"
    rf"{_SP}(?:[：:]{_SP})?"
)
#: ㈠ ⑴ ⒈ — a number in parentheses or with its full stop as one character.
_ENCLOSED = PARENTHESIZED_CN + PARENTHESIZED_DIGITS + DIGITS_FULL_STOP
_RX_ENCLOSED = re.compile(rf"[{_ENCLOSED}]{_SP}")

_FW = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGITS = "0123456789０１２３４５６７８９"


def starts_with(chars: str) -> Callable[[MarkerRule], MarkerRule]:
    """Declare the characters a rule's marker can begin with.

    :func:`match_marker` tries a rule only where the line has one of these
    characters there, so most lines (which start no marker) cost one dictionary
    lookup.  A rule without the declaration is always tried.
    """

    def mark(rule: MarkerRule) -> MarkerRule:
        rule.first_chars = frozenset(chars)  # type: ignore[attr-defined]
        return rule

    return mark


@lru_cache(maxsize=1024)
def _num(s: str) -> int | None:
    """The value of a marker's numeral (1, １２, 十二); cached per numeral string."""
    s = s.translate(_FW)
    if s.isdigit():
        return int(s)
    return cn_to_int(s)


#: int_to_cn for the canonical forms, cached per number.
_cn = lru_cache(maxsize=1024)(int_to_cn)


_CHAPTER_STYLES = {"章": "chapter", "节": "part", "条": "article", "编": "book", "部分": "division", "篇": "volume"}


def _marker_of(style: str, canonical: Callable[[int], str]) -> Callable[[tuple[str, ...], int], Marker | None]:
    """The Marker of a rule's match at ``pos`` from its (whole text, numeral) — None for a
    numeral of value 0 or none.

    Cached per marker string and position (a document repeats its few markers, each at
    a line start or after an indent): the match's text and where it starts fix every
    field, and a Marker is immutable, so a rule reads each marker's value and canonical
    form and builds its record once.
    """

    @lru_cache(maxsize=4096)
    def marker(groups: tuple[str, ...], pos: int) -> Marker | None:
        whole, numeral = groups
        v = _num(numeral)
        if not v:
            return None
        return _new_marker((style, v, whole.strip(), canonical(v), pos, pos + len(whole), False))

    return marker


@lru_cache(maxsize=1024)
def _chapter_marker(groups: tuple[str, ...], pos: int) -> Marker | None:
    """As a :func:`_marker_of` function for 第X章 and its kin (match text, numeral, kind word)."""
    whole, numeral, kind = groups
    v = _num(numeral)
    if not v:
        return None
    return _new_marker((_CHAPTER_STYLES[kind], v, whole.strip(), f"第{_cn(v)}{kind}", pos, pos + len(whole), False))


_cn_paren_marker = _marker_of("cn_paren", lambda v: f"（{_cn(v)}）")
_arabic_paren_marker = _marker_of("arabic_paren", lambda v: f"（{v}）")
_cn_marker = _marker_of("cn", _cn)
_arabic_marker = _marker_of("arabic", str)
_arabic_rparen_marker = _marker_of("arabic_rparen", str)
_cn_rparen_marker = _marker_of("cn_rparen", _cn)


@starts_with("第")
def rule_chapter(line: str, pos: int) -> Marker | None:
    """第一章 / 第一节 / 第一条 / 第一编 / 第一部分 / 第一篇 (a 规划纲要's top division)."""
    m = _RX_CHAPTER.match(line, pos)
    return _chapter_marker(m.group(0, 1, 2), pos) if m else None


#: Sentence punctuation: the rest of a line holding it after 附件2 is a sentence, not a title.
_RX_SENTENCE = re.compile("[。；;！？，,]")


@starts_with("附")
def rule_appendix(line: str, pos: int) -> Marker | None:
    """附件 / 附件1 / 附件1： / 附表2 / 附录 — only as the whole line or before a title.

    The canonical number is arabic whatever the writing: 附件一 → 附件1, 附件１ → 附件1; a
    sub-appendix 附件1-1 keeps both numbers (附件1-1) and its value is the first; a capital
    letter (附录A, a standard's appendix) stays a letter (附录A, value 1).

    Without a colon the rest of the line is a title only if it is no sentence: 附件要求…
    (no number), 附件2所列重点行业由…检查。 (sentence punctuation, or a word of
    :data:`~policyparse.vocab.APPENDIX_REFERENCE_WORDS` right after the number) mention
    an appendix in the text.
    """
    m = _RX_APPENDIX.match(line, pos)
    if not m:
        return None
    rest = line[m.end() :].strip()
    whole = m.group(0)
    has_colon = "：" in whole or ":" in whole
    if rest and not has_colon:
        if not m.group(2):
            return None  # 附件要求… is a sentence, not a heading
        if _RX_SENTENCE.search(rest) or (whole[-1] not in " \t\u3000" and rest.startswith(APPENDIX_REFERENCE_WORDS)):
            return None  # 附件2所列重点行业由市应急管理局牵头检查。
    if rest and (rest[0] in "，,。、" or len(rest) > 80):
        return None
    number = m.group(2)
    letter = None
    if number and not number[0].isdigit() and number[0] not in _CN:
        letter = number.translate(_FW_LETTERS)  # 附录A / 附录Ａ (a standard's appendices)
    n = (ord(letter) - 64) if letter else (_num(number) if number else None)
    word = m.group(1)
    canonical = f"{word}{letter or n}" if n else word
    if n and m.group(3):
        canonical += f"-{_num(m.group(3))}"
    return _new_marker(("appendix", n or 0, m.group().strip(), canonical, m.start(), m.end(), False))


@starts_with("（(")
def rule_cn_paren(line: str, pos: int) -> Marker | None:
    """（一） (full- or half-width parentheses)."""
    m = _RX_CN_PAREN.match(line, pos)
    return _cn_paren_marker(m.group(0, 1), pos) if m else None


@starts_with("（(")
def rule_arabic_paren(line: str, pos: int) -> Marker | None:
    """（1） (full- or half-width parentheses)."""
    m = _RX_ARABIC_PAREN.match(line, pos)
    return _arabic_paren_marker(m.group(0, 1), pos) if m else None


@starts_with(_CN)
def rule_cn(line: str, pos: int) -> Marker | None:
    """一、 / 一. / 一． / 一 总体要求 (a space for the separator)."""
    m = _RX_CN.match(line, pos)
    return _cn_marker(m.group(0, 1), pos) if m else None


@starts_with(CIRCLED)
def rule_circled(line: str, pos: int) -> Marker | None:
    """① … ⑳"""
    m = _RX_CIRCLED.match(line, pos)
    if not m:
        return None
    c = m.group(1)
    return _new_marker(("circled", CIRCLED.index(c) + 1, c, c, m.start(), m.end(), False))


def _enclosed_marker(c: str) -> tuple[str, int, str]:
    """(style, value, canonical) of a one-character number of :data:`_ENCLOSED`."""
    if c in PARENTHESIZED_CN:
        v = PARENTHESIZED_CN.index(c) + 1
        return "cn_paren", v, f"（{_cn(v)}）"
    if c in PARENTHESIZED_DIGITS:
        v = PARENTHESIZED_DIGITS.index(c) + 1
        return "arabic_paren", v, f"（{v}）"
    v = DIGITS_FULL_STOP.index(c) + 1
    return "arabic", v, str(v)


@starts_with(_ENCLOSED)
def rule_enclosed(line: str, pos: int) -> Marker | None:
    """㈠ ㈡ (the style and path of （一）), ⑴ ⑵ (of （1）), ⒈ ⒉ (of 1.): one-character numbers."""
    m = _RX_ENCLOSED.match(line, pos)
    if not m:
        return None
    style, v, canonical = _enclosed_marker(line[pos])
    return _new_marker((style, v, line[pos], canonical, pos, m.end(), False))


@starts_with(_DIGITS)
def rule_arabic(line: str, pos: int) -> Marker | None:
    """1. / 1． / 1、 (not 2.5, not 1+1)."""
    m = _RX_ARABIC.match(line, pos)
    return _arabic_marker(m.group(0, 1), pos) if m else None


@lru_cache(maxsize=1)
def _quantity_rx() -> re.Pattern[str]:
    """What makes the digits after a point a decimal number's fraction: 万/亿 or a unit of
    the targets vocabulary (targets.json ``units``: 2.5万个, 6.5‰, 1.5个月, 3.5%)."""
    units = sorted(load_data("targets.json")["units"], key=len, reverse=True)
    return re.compile("[万亿]|" + "|".join(map(re.escape, units)))


@starts_with(_DIGITS)
def rule_arabic_glued(line: str, pos: int) -> Marker | None:
    """4.6月底前… / 1、2024年底前… / 2.5G网络… — marker 4. (1、, 2.) and a text that starts
    with a digit: a heading only where the number continues the open list (see Marker.glued).

    After a point, the digits may be a decimal's fraction instead: 2.5万 / 6.5‰ / 1.5个月
    (a unit after them, :func:`_quantity_rx`) are numbers, and 1.1 指导思想 / 1.2.3 (a space,
    a point or the line's end after them) is a multi-level number — none is a marker.
    After 、 (never a decimal point) the text always starts there.
    """
    m = _RX_ARABIC_GLUED.match(line, pos)
    if not m:
        return None
    if m.group(2) != "、":
        f = _RX_FRACTION.match(line, m.end())
        after = f.end() if f else m.end()
        if after == len(line) or line[after] in " \t\u3000.．" or _quantity_rx().match(line, after):
            return None
    v = _num(m.group(1))
    if not v:
        return None
    return _new_marker(("arabic", v, m.group(), str(v), m.start(), m.end(), True))


#: A multi-level number (1.1 / 1.2.1 / 2．3) and the space after it.
_RX_OUTLINE = re.compile(r"([0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2}){1,3})(?![0-9０-９.．])[ \t\u3000]*")
#: What a multi-level number's title never starts with: a date's word
#: (1.3月底前, 6.1日; 2023.6.1 is caught by the digits' length).
_NOT_OUTLINE_TITLE = frozenset("月日年号")
_OUTLINE_SEP = re.compile("[.．]")
#: One-character units that after x.y always make it a decimal number.
_DECIMAL_UNITS = frozenset("万亿倍")


@starts_with(_DIGITS)
def rule_outline(line: str, pos: int) -> Marker | None:
    """1.1 / 1.2.1 / 2．3 before a Chinese title: a decimal outline's number (style outline2,
    outline3, outline4 by its parts; canonical 1.1 with half-width digits and points; value
    its last part).  The structure stage takes it as a heading only in a document that is
    clearly an outline (its 1.1 and 1.2 are both there) and else reads the line as before.

    Not a number with a unit (1.2亿元 / 2.5倍 / 3.5万 / 1.5小时, :func:`_quantity_rx`; a title
    may start with a one-character unit word: 1.2人员配备), a date (1.3月底前, 6.1日), a
    version (2.0版, 3.05: no part starts with 0).
    """
    m = _RX_OUTLINE.match(line, pos)
    if m is None or m.end() >= len(line):
        return None
    c = line[m.end()]
    if not "\u4e00" <= c <= "\u9fff" or c in _NOT_OUTLINE_TITLE:
        return None
    parts = _OUTLINE_SEP.split(m.group(1).translate(_FW))
    if any(p.startswith("0") for p in parts):
        return None
    if len(parts) == 2:  # a decimal number's unit after it (1.2亿元, 2.5倍, 1.5小时); a title may start
        q = _quantity_rx().match(line, m.end())  # with a one-character unit word (1.2人员配备, 3.1项目管理)
        if q is not None and (q.end() - q.start() > 1 or q.group() in _DECIMAL_UNITS):
            return None
    return _new_marker((f"outline{len(parts)}", int(parts[-1]), m.group(1), ".".join(parts), pos, m.end(), False))


@starts_with(_DIGITS)
def rule_arabic_rparen(line: str, pos: int) -> Marker | None:
    """1） / 1) — a number closed by a single parenthesis; canonical 1 (like 1.)."""
    m = _RX_ARABIC_RPAREN.match(line, pos)
    return _arabic_rparen_marker(m.group(0, 1), pos) if m else None


#: Capital letters (half- and full-width) and small ones.
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_UPPER_FW = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_LOWER_FW = "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
_LETTERS = _UPPER + _UPPER_FW + _LOWER + _LOWER_FW
#: Roman numerals as one character (Ⅰ … Ⅻ, ⅰ … ⅻ).
ROMAN_CHARS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
ROMAN_SMALL = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
#: Roman numerals in ASCII letters, I … XX, by value.
_ROMAN_ASCII = {
    r: i + 1
    for i, r in enumerate(
        "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
    )
}
#: A letter or a Roman numeral, then its full stop or 、 (A. / A、 / Ⅱ、 / IV．), or a letter
#: closed by a parenthesis (a) / a）); spaces around the separator allowed.
_RX_LETTER = re.compile(
    rf"([{_LETTERS}]{{1,5}}|[{ROMAN_CHARS}{ROMAN_SMALL}])(?:[ \t\u3000]*([.．、）)])|[ \t\u3000]+(?=[\u4e00-\u9fff]))"
    rf"[ \t\u3000]*"
)
_RX_LETTER_PAREN = re.compile(rf"[（(][ \t\u3000]*([{_LETTERS}])[ \t\u3000]*[）)][ \t\u3000]*")
_FW_LETTERS = str.maketrans(_UPPER_FW + _LOWER_FW, _UPPER + _LOWER)


def _first_title_char_ok(line: str, pos: int) -> bool:
    """Whether a letter's or a Roman numeral's title starts at pos: a Chinese character or an
    opening quote (Ⅰ、“十四五”回顾), not a Roman numeral (Ⅱ、Ⅲ类) nor a letter (A、B类) nor a digit."""
    return pos < len(line) and ("\u4e00" <= line[pos] <= "\u9fff" or line[pos] in "“《「")


@starts_with(_LETTERS + ROMAN_CHARS + ROMAN_SMALL)
def rule_letter(line: str, pos: int) -> Marker | None:
    """A. / A、 / Ａ． / a) / a） (style latin or latin_lower, canonical the letter: A, a) and
    Ⅰ、 / Ⅱ． / I. / IV. / ⅰ. (style roman or roman_lower, canonical the Roman character: Ⅰ,
    Ⅳ, ⅰ) before a Chinese title.  One ASCII letter that is a Roman numeral (I, V, X) is read
    as one; the structure stage reads it as a letter where it continues a letter list (H. ⏎ I.).

    Not A级 / AAA级 / Ⅲ类 (no separator), A、B类 / Ⅱ、Ⅲ类 (no Chinese title after it), PM2.5.
    """
    m = _RX_LETTER.match(line, pos)
    if m is None or not _first_title_char_ok(line, m.end()):
        return None
    word = m.group(1)
    sep = m.group(2)
    if word in ROMAN_CHARS or word in ROMAN_SMALL:
        if sep in ("）", ")"):
            return None
        small = word in ROMAN_SMALL
        v = (ROMAN_SMALL if small else ROMAN_CHARS).index(word) + 1
        return _new_marker(("roman_lower" if small else "roman", v, m.group().strip(), word, pos, m.end(), False))
    ascii_word = word.translate(_FW_LETTERS)
    closing = sep in ("）", ")")
    if ascii_word in _ROMAN_ASCII and not closing:
        v = _ROMAN_ASCII[ascii_word]
        return _new_marker(("roman", v, m.group().strip(), ROMAN_CHARS[v - 1] if v <= 12 else ascii_word, pos, m.end(), False))
    if len(ascii_word) != 1:
        return None
    if ascii_word.isupper():
        return _new_marker(("latin", ord(ascii_word) - 64, m.group().strip(), ascii_word, pos, m.end(), False))
    if sep is None:
        return None  # a small letter and a space: an English word
    return _new_marker(("latin_lower", ord(ascii_word) - 96, m.group().strip(), ascii_word, pos, m.end(), False))


@starts_with("（(")
def rule_letter_paren(line: str, pos: int) -> Marker | None:
    """（A） / (B) / （a）: canonical （A） / （a） (full-width parentheses)."""
    m = _RX_LETTER_PAREN.match(line, pos)
    if m is None or not _first_title_char_ok(line, m.end()):
        return None
    c = m.group(1).translate(_FW_LETTERS)
    style, v = ("latin_paren", ord(c) - 64) if c.isupper() else ("latin_lower_paren", ord(c) - 96)
    return _new_marker((style, v, m.group().strip(), f"（{c}）", pos, m.end(), False))


_RX_CN_RPAREN = re.compile(rf"([{_CN}]{{1,4}})[）)]{_SP}")


@starts_with(_CN)
def rule_cn_rparen(line: str, pos: int) -> Marker | None:
    """一） / 一) — a Chinese numeral closed by a single parenthesis; canonical 一 (as 1） is 1)."""
    m = _RX_CN_RPAREN.match(line, pos)
    return _cn_rparen_marker(m.group(0, 1), pos) if m else None


#: The ordered registry.  The order matters where patterns overlap.
MARKER_RULES: list[tuple[str, MarkerRule]] = [
    ("chapter", rule_chapter),
    ("appendix", rule_appendix),
    ("cn_paren", rule_cn_paren),
    ("arabic_paren", rule_arabic_paren),
    ("cn", rule_cn),
    ("circled", rule_circled),
    ("enclosed", rule_enclosed),
    ("arabic", rule_arabic),
    ("outline", rule_outline),
    ("arabic_glued", rule_arabic_glued),
    ("arabic_rparen", rule_arabic_rparen),
    ("cn_rparen", rule_cn_rparen),
    ("letter", rule_letter),
    ("letter_paren", rule_letter_paren),
]


def _dispatch(rules: list[tuple[str, MarkerRule]]) -> tuple[dict[str, tuple[MarkerRule, ...]], tuple[MarkerRule, ...]]:
    """The rules to try for each first character, in registry order, and those for any other character.

    A rule declared with :func:`starts_with` is listed under its characters only;
    a rule without the declaration is listed everywhere.
    """
    declared = [getattr(rule, "first_chars", None) for _name, rule in rules]
    always = tuple(rule for (_name, rule), chars in zip(rules, declared, strict=True) if chars is None)
    table = {
        c: tuple(rule for (_name, rule), chars in zip(rules, declared, strict=True) if chars is None or c in chars)
        for chars in declared
        if chars is not None
        for c in chars
    }
    return table, always


#: The registry the dispatch table of MARKER_RULES was built from, the table and the
#: characters a marker may begin with (:func:`first_chars`), rebuilt when the registry changes.
_default_rules: list[tuple[str, MarkerRule]] = []
_default_table: tuple[dict[str, tuple[MarkerRule, ...]], tuple[MarkerRule, ...]] = ({}, ())
_default_first: frozenset[str] | None = frozenset()


def _default_dispatch() -> tuple[dict[str, tuple[MarkerRule, ...]], tuple[MarkerRule, ...]]:
    global _default_rules, _default_table, _default_first
    if _default_rules != MARKER_RULES:
        _default_rules, _default_table = list(MARKER_RULES), _dispatch(MARKER_RULES)
        table, always = _default_table
        _default_first = None if always else frozenset(table)
    return _default_table


def marker_dispatch() -> tuple[dict[str, tuple[MarkerRule, ...]], tuple[MarkerRule, ...]]:
    """What :func:`match_marker` tries with MARKER_RULES as it is now: the rules for each
    first character, and those for any other character (for a caller that reads many
    lines with one registry, see :func:`match_marker_with`)."""
    return _default_dispatch()


def match_marker_with(
    dispatch: tuple[dict[str, tuple[MarkerRule, ...]], tuple[MarkerRule, ...]], line: str, pos: int
) -> Marker | None:
    """:func:`match_marker` with the dispatch table of :func:`marker_dispatch` read once by the
    caller, for ``pos < len(line)``."""
    table, always = dispatch
    for rule in table.get(line[pos], always):
        m = rule(line, pos)
        if m is not None and m.end <= len(line):
            return m
    return None


def first_chars() -> frozenset[str] | None:
    """The characters a marker of MARKER_RULES can begin with; None if some rule may begin with any."""
    _default_dispatch()
    return _default_first


def match_marker(line: str, pos: int = 0, rules: list[tuple[str, MarkerRule]] | None = None) -> Marker | None:
    """Return the first marker any rule finds at ``line[pos:]``.

    Only the rules declared for the character at ``pos`` (and undeclared ones) are
    tried, so a line that starts no marker costs one dictionary lookup.
    """
    if rules is None or rules is MARKER_RULES:
        table, always = _default_table if _default_rules == MARKER_RULES else _default_dispatch()
    else:
        table, always = _dispatch(rules)
    first = line[pos] if pos < len(line) else ""
    for rule in table.get(first, always):
        m = rule(line, pos)
        if m is not None and m.end < len(line) + 1:
            return m
    return None
