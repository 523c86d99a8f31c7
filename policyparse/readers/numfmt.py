"""Number formats of Word list numbering (w:numFmt) turned into visible marker text."""

from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"

#: The largest list counter shown in its own format: Word's own largest list start.  A
#: document can ask for any start (``w:start w:val="999999999"``); past this limit the counter
#: is written in plain digits, so that no marker grows with the number (a lettered counter
#: repeats its letter (n-1)//26+1 times: 10^9 in upperLetter was 38 MB per paragraph).
MAX_LIST_NUMBER = 32767
#: The last lettered counter Word writes (ZZZ…Z, 30 letters); past it, plain digits.
MAX_LETTERED = 780


def chinese_counting(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五, 10000 → 一万."""
    zero_char = "零"
    if n <= 0:
        return zero_char
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = chinese_counting(low, digits, units) if low else ""
        if rest and low < 1000:
            rest = zero_char + rest
        return chinese_counting(high, digits, units) + "万" + rest
    out = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d, n = divmod(n, power)
        if d:
            if zero:
                out.append(zero_char)
                zero = False
            out.append(digits[d] + unit)
        elif out:
            zero = True
    text = "".join(out)
    if text.startswith(digits[1] + units[0]) and digits is _DIGITS:
        text = text[1:]  # 一十一 → 十一
    return text


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    # Word: a..z, aa..zz, aaa.. (to MAX_LETTERED; then digits)
    if n <= 0:
        return ""
    if n > MAX_LETTERED:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """The visible text of counter ``n`` in Word number format ``fmt`` (above
    MAX_LIST_NUMBER: plain digits, whatever the format)."""
    if fmt in ("decimal", "decimalHalfWidth", "") or fmt is None or n > MAX_LIST_NUMBER:
        return str(n)
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
    ):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "taiwaneseLegal"):
        return chinese_counting(n, _LEGAL, "拾佰仟")
    if fmt in (
        "ideographDigital",
        "taiwaneseDigital",
        "koreanDigital",
        "japaneseDigitalTenThousand",
    ):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else f"({n})"
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 0 < n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 0 < n <= 20 else f"{n}."
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "ordinal":
        return f"{n}."
    return str(n)
