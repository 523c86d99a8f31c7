"""RTF documents: the text of the body, paragraphs as lines, table rows as TAB-separated cells.

An RTF file is plain ASCII: groups ``{…}``, control words (``\\par``, ``\\cell``, ``\\u20013``,
``\\'d6``) and text.  The body's text is kept; the groups that are no body are skipped —
destinations marked ``\\*`` and those named in :data:`SKIPPED` (font and colour tables,
style sheet, document information, pictures, objects, headers, footers, footnotes, field
instructions: a field keeps its result).  A list item's number, written by the RTF writer
in ``\\listtext`` / ``\\pntext`` for readers that do not number lists, is kept (without the
tab after it); a paragraph inside a table cell (``\\intbl``) ends with a space, not a line, so
that its row stays one line.

Characters: ``\\uN`` (then ``\\ucN`` fallback characters skipped) and ``\\'hh`` bytes decoded
in the current font's charset (``\\fcharset134`` GB2312 → cp936, 136 Big5, …) or the
document's ``\\ansicpg``; consecutive ``\\'hh`` are decoded together (a GBK character is two).
Hostile files: linear in the input (one pass of a regex tokenizer, an explicit group stack,
``\\binN`` skipped), nesting beyond :data:`MAX_DEPTH` refused.
"""

from __future__ import annotations

import re

from ..errors import CorruptInput, EmptyInput

MAX_DEPTH = 1000
#: Destinations whose text is no part of the body.
SKIPPED = frozenset(
    "fonttbl colortbl stylesheet info pict object header headerl headerr headerf footer footerl "
    "footerr footerf footnote annotation fldinst themedata colorschememapping latentstyles "
    "datastore xmlnstbl listtable listoverridetable rsidtbl generator filetbl revtbl pgdsctbl "
    "shppict nonshppict bkmkstart bkmkend txfieldtext private docvar atnid atnauthor".split()
)
#: \fcharset values → Python codecs (the rest: the document's code page)
_CHARSETS = {0: "cp1252", 128: "cp932", 129: "cp949", 134: "gb18030", 136: "big5", 161: "cp1253",
             162: "cp1254", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874",
             238: "cp1250"}
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S)
_BREAKS = {b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"cell": "\t", b"nestcell": "\t",
           b"row": "\n", b"nestrow": "\n", b"tab": " ", b"emdash": "—", b"endash": "–", b"bullet": "•",
           b"lquote": "‘", b"rquote": "’", b"ldblquote": "“", b"rdblquote": "”", b"emspace": " ",
           b"enspace": " ", b"qmspace": " "}
_SYMBOLS = {b"\\": "\\", b"{": "{", b"}": "}", b"~": " ", b"_": "-", b"-": "", b"\n": "\n", b"\r": "\n"}


def _codec(name: str, fallback: str) -> str:
    try:
        "".encode(name)
        return name
    except LookupError:
        return fallback


def read_rtf(data: bytes) -> tuple[str, dict[str, str]]:
    """The body text of an RTF document; returns (text, metadata)."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise CorruptInput("not an RTF document: it does not open with {\\rtf")
    out: list[str] = []
    pending = bytearray()  # \'hh bytes waiting to be decoded together
    doc_codec = "cp1252"
    fonts: dict[int, str] = {}  # font number → codec (from the font table)
    # per group: (skipped, font codec, \uc count, a list number's group); the font table is
    # read, not kept
    skip, codec, uc, number = False, "", 1, False
    stack: list[tuple[bool, str, int, bool]] = []
    intbl = False  # the paragraph is in a table: its \par is a space inside the cell
    in_fonttbl = -1  # the depth of the font table group, while in it
    font_no: int | None = None
    to_skip = 0  # fallback characters still to skip after a \uN
    fresh = False  # the next token is the group's first

    def flush() -> None:
        if pending:
            out.append(bytes(pending).decode(codec or doc_codec, "replace"))
            pending.clear()

    pos, n = 0, len(data)
    while pos < n:
        m = _TOKEN.match(data, pos)
        if m is None:  # a lone backslash at the end
            break
        pos = m.end()
        word, arg, hexbyte, symbol, brace, text = m.groups()
        first, fresh = fresh, False
        if brace == b"{":
            flush()
            if len(stack) >= MAX_DEPTH:
                raise CorruptInput(f"RTF nested deeper than {MAX_DEPTH} groups")
            stack.append((skip, codec, uc, number))
            fresh = True
            continue
        if brace == b"}":
            flush()
            if len(stack) == in_fonttbl:
                in_fonttbl = -1
            if stack:
                skip, codec, uc, number = stack.pop()
            to_skip = 0
            continue
        if word is not None:
            if word == b"bin" and arg:  # binary data follows: skipped whole
                pos += max(0, int(arg))
                continue
            if skip and in_fonttbl < 0:
                continue
            if first and word in (b"fonttbl",):
                in_fonttbl = len(stack)
                skip = True
                continue
            if in_fonttbl >= 0:
                if word == b"f" and arg:
                    font_no = int(arg)
                elif word == b"fcharset" and arg and font_no is not None and int(arg) in _CHARSETS:
                    fonts[font_no] = _CHARSETS[int(arg)]
                continue
            if first and word.decode().lower() in SKIPPED:
                flush()
                skip = True
                continue
            if word == b"ansicpg" and arg:
                doc_codec = _codec(f"cp{int(arg)}", "cp1252")
                if doc_codec == "cp936":
                    doc_codec = "gb18030"
            elif word == b"f" and arg:
                flush()
                codec = fonts.get(int(arg), "")
            elif word == b"uc" and arg:
                uc = max(0, min(int(arg), 10))
            elif word == b"u" and arg:
                flush()
                k = int(arg)
                if k < 0:
                    k += 65536
                out.append(chr(k) if 0 < k < 0xD800 or 0xE000 <= k < 0x110000 else "\ufffd")
                to_skip = uc
            elif word == b"pard":
                intbl = False
            elif word == b"intbl":
                intbl = True
            elif first and word in (b"listtext", b"pntext"):
                number = True  # the list number the writer wrote out: kept, its tab dropped
            elif word in _BREAKS:
                flush()
                if word == b"par" and intbl:
                    out.append(" ")
                elif not (number and word == b"tab"):
                    out.append(_BREAKS[word])
            continue
        if skip:
            continue
        if symbol is not None:
            if symbol == b"*":
                if first:
                    skip = True  # an ignorable destination
                continue
            if to_skip:
                to_skip -= 1
                continue
            flush()
            out.append(_SYMBOLS.get(symbol, ""))
            continue
        if hexbyte is not None:
            if to_skip:
                to_skip -= 1
                continue
            pending.append(int(hexbyte, 16))
            continue
        if text:
            if to_skip:
                k = min(to_skip, len(text))
                text, to_skip = text[k:], to_skip - k
                if not text:
                    continue
            flush()
            out.append(text.decode(codec or doc_codec, "replace"))
    flush()
    body = "".join(out).replace("\t\n", "\n")
    lines = [" ".join(ln.split(" ")).strip(" ") for ln in body.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if not text.strip():
        raise EmptyInput("RTF document holds no text")
    return text, {}
