"""Plain text: detect the encoding (BOM, UTF-8, UTF-16 LE/BE, GB18030) and decode strictly.

Nothing is ever decoded with ``errors="ignore"`` or ``"replace"``: bytes that are not
valid text in a supported encoding raise :class:`DecodeError`, and text that decodes
but looks like binary data (NUL and other control characters, private-use or
unassigned code points) is refused as well.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import DecodeError, EmptyInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # must precede UTF-16 LE: FF FE 00 00
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that plain text legitimately contains.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1c\x1d\x1e\x1f\x85")
_SAMPLE = 1 << 16


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _utf16_by_zero_bytes(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the zero bytes are.

    UTF-8 and GB18030 text never contains a 0x00 byte; UTF-16 text with any ASCII
    (digits, newlines, punctuation) has its zero bytes all on one parity.
    """
    sample = data[:_SAMPLE]
    if len(sample) < 2:
        return None
    if len(sample) % 2:
        sample = sample[:-1]
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    need = max(MIN_UTF16_ZEROS, len(sample) // 200)  # (1 % of the code units)
    if odd_zero >= need and even_zero * 20 <= odd_zero:
        return "utf-16-le"
    if even_zero >= need and odd_zero * 20 <= even_zero:
        return "utf-16-be"
    return None


#: Zero bytes on one parity that make BOM-less bytes UTF-16 (and at least 1 % of the code
#: units): a stray NUL or two in UTF-8 text is not UTF-16 — read so, ``<p>正\0文`` was ``㱰擦``.
#: (UTF-16 with fewer zero bytes, pure CJK, is still found: by plausibility, below.)
MIN_UTF16_ZEROS = 2


def plausibility(text: str) -> float:
    """How much ``text`` looks like real (Chinese or Latin) prose, roughly 0..1.

    Counts ordinary characters (CJK, ASCII printable, common punctuation) and
    subtracts the ASCII-letter/ideograph alternations that mis-decoded UTF-16
    produces (``N-中K…``) and that real Chinese text rarely has: an ASCII letter and an
    ideograph side by side, or with only blanks between them.

    Counted with two regex scans rather than a Python loop per character (every
    GB18030 file is scored); :func:`_plausibility_per_char` in the tests is the plain
    definition it equals.
    """
    sample = text[:20000]
    if not sample:
        return 0.0
    odd = len(_NOT_ORDINARY.findall(sample))
    switches = len(_SWITCH.findall("".join(sample.split())))  # (split(): the blanks, as isspace)
    return (len(sample) - odd - switches) / len(sample)


#: what plausibility counts as ordinary: CJK (ideographs, CJK and full-width punctuation), ASCII printable, TAB/LF/CR, general
#: punctuation, Latin-1, Greek letters, Russian and common Cyrillic (not the rare extensions)
_ORDINARY = (
    "\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\U00020000-\U0002ffff"
    "\x20-\x7e\t\n\r\u2000-\u206f\u00a0-\u00ff\u0391-\u03c9\u0400-\u045f"
)
_NOT_ORDINARY = re.compile(f"[^{_ORDINARY}]")
_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
#: an ideograph next to an ASCII letter (lookahead: overlapping pairs all count)
_SWITCH = re.compile(f"(?=[{_HAN}][A-Za-z]|[A-Za-z][{_HAN}])")


def binary_reason(text: str) -> str | None:
    """Why ``text`` looks like binary data rather than a document, or None if it looks fine.

    Counts control (other than those plain text holds), surrogate, private-use and
    unassigned code points in the first 64 k characters.  Only the characters outside
    :data:`_ASSIGNED_PRINTABLE` are looked up (a document has few); a test checks that no
    character inside those ranges is of a counted category, on the Python running it.
    """
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return "it contains NUL characters"
    category = unicodedata.category
    bad = 0
    for ch in _OUTSIDE_ASSIGNED.findall(sample):
        if ch not in _TEXT_CONTROLS and category(ch) in _BINARY_CATEGORIES:
            bad += 1
    if bad > len(sample) // 200:
        return f"{bad} of its first {len(sample)} characters are control, private-use or unassigned code points"
    return None


_BINARY_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
#: Ranges assigned since Unicode 13 (Python 3.10) with no control, surrogate or private-use
#: character: most of what a Chinese document is made of.
_ASSIGNED_PRINTABLE = (
    "\x20-\x7e"  # ASCII printable
    "\u00a0-\u0377"  # Latin-1, Latin Extended, IPA, modifiers, combining marks, Greek start
    "\u2010-\u2027\u2030-\u205e"  # general punctuation (not the format controls)
    "\u2150-\u218b\u2190-\u23ff\u2460-\u24ff\u2500-\u27bf"  # Ⅰ, arrows, ①, box, shapes
    "\u3000-\u303f\u3041-\u3096\u30a0-\u30ff"  # CJK punctuation, kana
    "\u3400-\u4dbf\u4e00-\u9ffc"  # CJK ideographs (Extension A, Unified as of Unicode 13)
    "\ufe30-\ufe4f\uff01-\uffbe"  # CJK compatibility forms, full-width forms
)
_OUTSIDE_ASSIGNED = re.compile(f"[^{_ASSIGNED_PRINTABLE}]")


def _two_byte_only(text: str) -> bool:
    """True if the text has characters in U+0080–U+07FF beyond Latin-1 but none above."""
    odd = False
    for ch in text[:_SAMPLE]:
        o = ord(ch)
        if o >= 0x800:
            return False
        if o > 0xFF:
            odd = True
    return odd


#: Non-ASCII UTF-8 characters before the first byte that is not UTF-8 that make a file one of
#: mixed encodings (a UTF-8 file with a GBK line pasted in): by chance, GB18030 text holds one
#: or two valid UTF-8 sequences at most.
MIXED_UTF8_CHARS = 8


def _mixed_hint(data: bytes, error: UnicodeDecodeError) -> str:
    """What the bytes before a UTF-8 error say: ", the last character cut short: truncated?"
    or ", after N UTF-8 characters: mixed encodings?" (at least MIXED_UTF8_CHARS non-ASCII
    ones before it), else ""."""
    head = data[: error.start].decode("utf-8", "ignore")  # (valid up to the error: nothing dropped)
    multi = sum(1 for ch in head if ord(ch) > 0x7F)
    if multi < MIXED_UTF8_CHARS:
        return ""
    if error.reason == "unexpected end of data":
        return f", after {multi} UTF-8 characters the last one cut short: truncated?"
    return f", after {multi} UTF-8 characters: mixed encodings?"


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    reason = binary_reason(text)
    if reason:
        raise DecodeError(f"not a text document: decoded as {encoding}, {reason}")
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 / UTF-16 / UTF-32 (BOM) / GB18030; return (text, encoding).

    The returned encoding is a Python codec name such that
    ``data.decode(encoding) == text`` (so a UTF-8 BOM gives ``"utf-8-sig"`` and a
    UTF-16 BOM gives ``"utf-16"``; BOM-less UTF-16 gives ``"utf-16-le"``/``"utf-16-be"``).
    """
    if not data:
        raise EmptyInput("input is empty (0 bytes)")
    enc = bom_encoding(data)
    if enc:
        try:
            return _check_text(data.decode(enc), enc)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"input starts with a {enc} byte-order mark but is not valid {enc} "
                f"({exc.reason} at byte {exc.start})"
            ) from None
    utf16 = _utf16_by_zero_bytes(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass  # fall through: the 8-bit decoders will refuse the NULs with a clear message
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        first_error = f"{utf8_error.reason} at byte {utf8_error.start}" + _mixed_hint(data, utf8_error)
    else:
        if _two_byte_only(text):
            # Short GB18030 text can also be valid UTF-8 (识 = CA B6 = "ʶ"): when the
            # UTF-8 reading has no CJK but odd Latin/IPA letters, let plausibility decide.
            try:
                gb = data.decode("gb18030")
            except UnicodeDecodeError:
                gb = None
            if (
                gb is not None
                and plausibility(gb) > plausibility(text) + 0.2
                and binary_reason(gb) is None
            ):
                return gb, "gb18030"
        return _check_text(text, "utf-8")
    candidates: list[tuple[float, str, str]] = []
    try:
        gb = data.decode("gb18030")
        candidates.append((plausibility(gb), "gb18030", gb))
    except UnicodeDecodeError:
        pass
    if len(data) % 2 == 0:
        # UTF-16 of pure CJK text has no zero bytes; let plausibility decide.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                t = data.decode(enc)
            except UnicodeDecodeError:
                continue
            candidates.append((plausibility(t) - 0.1, enc, t))  # GB18030 wins ties
    best = max(candidates, key=lambda c: c[0]) if candidates else None
    if best is None or best[0] < 0.7:
        big5 = _big5(data)
        if big5 is not None:
            return _check_text(big5, "big5hkscs")
    if best is None:
        raise DecodeError(
            f"input is not text: neither UTF-8 ({first_error}) nor UTF-16 nor GB18030 nor Big5"
        )
    score, enc, text = best
    if score < 0.7:
        raise DecodeError(
            f"input is not text: not UTF-8 ({first_error}); the best guess, {enc}, "
            f"gives only {score:.0%} ordinary characters"
        )
    return _check_text(text, enc)


#: How ordinary (see plausibility) Big5 text must read to be taken: Big5 is tried last, for
#: bytes that no other encoding reads as text (traditional-Chinese files from Taiwan or Hong
#: Kong), and GBK bytes are never Big5 here — GB18030 reads them first.
MIN_BIG5_PLAUSIBILITY = 0.9


def _big5(data: bytes) -> str | None:
    """The bytes as Big5 (with the HKSCS extension), when they decode so and read as prose."""
    try:
        text = data.decode("big5hkscs")
    except UnicodeDecodeError:
        return None
    return text if plausibility(text) >= MIN_BIG5_PLAUSIBILITY else None


def read_text(data: bytes) -> tuple[str, str]:
    """Reader entry for plain text files."""
    return decode_text(data)
