"""HTML pages saved from government sites.

Finds the article body (dropping navigation, scripts, share bars, related-link
lists), keeps block structure as line breaks and tables as TAB-separated rows, and
reads the gov.cn-style information table (索引号 / 发文机关 / 发文字号 …) and the
``<meta>`` tags into metadata instead of the text.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import CorruptInput, DecodeError, EmptyInput
from .grid import Cell, expand
from .text import bom_encoding, decode_text

MAX_HTML_BYTES = 50 * 1024 * 1024

# Labels of the information table (信息公开目录 / 政策文件 header on gov.cn and provincial sites).
INFO_LABELS = (
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "标题",
    "发文字号",
    "发布日期",
    "主题词",
    "文号",
    "发布机构",
    "公文种类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "信息分类",
    "生成日期",
    "公开日期",
    "有效性",
    "效力状态",
    "实施日期",
    "废止日期",
    "信息来源",
    "公开方式",
    "公开范围",
    "名称",
    "所属机构",
    "发布时间",
    "成文时间",
    "文件编号",
    "统一编号",
    "登记号",
    "有效期",
    "来源",
    "浏览次数",
    "点击数",
    "访问量",
)
_LABEL_ALIASES = {
    "文号": "发文字号",
    "文件编号": "发文字号",
    "发布机构": "发文机关",
    "名称": "标题",
    "成文时间": "成文日期",
    "发布时间": "发布日期",
}
_LABEL_SET = frozenset(INFO_LABELS)
_LABEL_RE = re.compile(
    r"^(" + "|".join(sorted(INFO_LABELS, key=len, reverse=True)) + r")[:：]\s*(.*)$", re.S
)

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "svg",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "map",
        "head",
        "title",
        "meta",
        "link",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "caption",
        "hr",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "body",
        "html",
        "fieldset",
        "legend",
        "details",
        "summary",
        "header",
        "footer",
        "nav",
        "aside",
        "menu",
        "dir",
        "hgroup",
        "o:p",
    }
)
# class/id tokens of page furniture
_JUNK_RE = re.compile(
    r"^(?:nav|navbar|menu|mainmenu|submenu|footer|foot|header|head|top|topbar|sidebar|side|"
    r"share|bdshare|fenxiang|jiathis|bshare|related|relevant|xgwz|xglj|xgxx|xgwj|xgzc|"
    r"breadcrumbs?|crumbs?|position|location|dqwz|wz|toolbar|tools?|print|dayin|pagination|"
    r"page-?nav|fontsize|font-size|zh?size|zihao|qrcode|ewm|erweima|copyright|banner|comments?|"
    r"search|login|skip|hidden|fixed|gotop|backtop|close)(?:[_-]\w*)?$"
    r"|share|breadcrumb|fenxiang|bdshare|jiathis|footer|navbar|qrcode",
    re.I,
)
_CONTENT_RE = re.compile(
    r"trs_editor|pages?_content|ucap-content|zoom|article[_-]?(?:content|body|con|text)|"
    r"^(?:content|article|artibody|text|main[_-]?text|con[_-]?text|wzcon|art_con|detail|nr|zw|"
    r"view|contentText|content[_-]\w+|\w+[_-]content|newstext|textContent)$",
    re.I,
)
_TITLE_CLASS = re.compile(
    r"^(?:(?:article|news|detail|content|doc|wz|xl|zw|con|pages?|main)[_-]?)?"
    r"(?:title|tit|bt|biaoti|headline)$",
    re.I,
)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_COLLAPSE = re.compile(r"[ \t\r\n\f]+")


def _collapsible(s: str) -> bool:
    """Whether _COLLAPSE would change s (a control space, or two spaces): five substring
    tests, each a C scan, where a regex alternation cost ~50 instructions a character."""
    return "\n" in s or "  " in s or "\t" in s or "\r" in s or "\f" in s
# A source line break next to Chinese text is the page's (or Word's "save as web page")
# wrapping, not a space the author typed: 2021⏎年, 推进⏎“十四五”, ）⏎2025 are joined.
# Chinese here: CJK ideographs and punctuation, full-width forms, curly quotes, —, …
_CJKP = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
_CJK_BREAK = re.compile(
    rf"(?<=[{_CJKP}])[ \t\r\f]*\n[ \t\r\n\f]*(?=\S)|(?<=\S)[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJKP}])"
)

#: A DOCTYPE with an internal subset (entity declarations: an XXE or billion-laughs page): the
#: HTML parser resolves none of it but kept the subset's end as text (``]>``); it is dropped.
_INTERNAL_SUBSET = re.compile(r"\A\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.I | re.S)

#: Inline formatting tags, which hold no structure the text needs: a page nested too deep to
#: parse is read again without them (5000 unclosed <font> tags nest 5000 levels deep).
_INLINE_TAGS = re.compile(r"</?(?:font|span|b|i|u|s|strong|em|small|big|strike|o:p)(?=[\s/>])[^>]*>", re.I)

_BREAK = object()  # a hard line break (<br>)
_SOFT = object()  # a block boundary: start a new line unless at line start


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    return bool(re.search(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<meta[\s>]|<head[\s>]", head))


#: The <meta charset> labels a page's declaration is taken from (WHATWG labels), each with
#: the Python codec it names.  Any other label — a typo, an encoding no browser has
#: (``x-klingon``), or a Python codec that is no text encoding of a web page
#: (``unicode_escape``, ``punycode``, ``utf-7``: they would turn ``\\x41`` or ``+AD4-`` in the
#: text into other characters) — is ignored and the encoding detected.
_GB_LABELS = ("gb2312", "gbk", "gb_2312-80", "gb_2312", "x-gbk", "cp936", "euc-cn", "csgb2312",
              "chinese", "iso-ir-58", "gb18030")
_UTF8_LABELS = ("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8")
#: (a <meta> could be read, so the bytes are ASCII-compatible: a UTF-16/32 declaration there
#: means UTF-8, as the HTML standard's prescan has it — a page saved by an editor that declared
#: what its in-memory text was)
_UTF16_LABELS = ("utf-16", "utf16", "utf-16le", "utf-16be", "unicodefffe", "unicode", "ucs-2",
                 "iso-10646-ucs-2", "csunicode", "utf-32", "utf32", "utf-32le", "utf-32be")
_BIG5_LABELS = ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5")
#: Single-byte encodings: every byte sequence decodes, so the bytes cannot refute them.
_SINGLE_BYTE_LABELS = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "iso-ir-100",
                     "cp819", "ibm819", "csisolatin1", "us-ascii", "ascii", "ansi_x3.4-1968",
                     "cp1252", "windows-1252", "x-cp1252"), "cp1252"),
    **{f"windows-{n}": f"cp{n}" for n in range(1250, 1259)},
    **{f"iso-8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)},
    "koi8-r": "koi8-r",
    "koi8-u": "koi8-u",
}
_DECLARED: dict[str, str] = {
    **dict.fromkeys(_GB_LABELS, "gb18030"),
    **dict.fromkeys(_UTF8_LABELS + _UTF16_LABELS, "utf-8"),
    **dict.fromkeys(_BIG5_LABELS, "big5hkscs"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis"), "cp932"),
    **dict.fromkeys(("euc-jp", "x-euc-jp"), "euc_jp"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949", "korean"), "cp949"),
    **_SINGLE_BYTE_LABELS,
}


def declared_codec(label: str) -> str | None:
    """The Python codec a <meta charset> label names, or None for a label not taken (see _DECLARED)."""
    return _DECLARED.get(label.strip().lower())


def _reads_as_chinese(text: str, data: bytes) -> bool:
    """Whether decoded ``text`` is Chinese: ideographs enough for its bytes beyond ASCII (one
    per 4 such bytes; a GBK ideograph takes 2, a UTF-8 one 3) and not a handful by chance."""
    cjk = _cjk(text)
    return cjk >= 8 and 4 * cjk >= len(data) - len(data.translate(None, _HIGH_BYTES))


_HIGH_BYTES = bytes(range(0x80, 0x100))


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page: BOM, then the declared <meta charset>, then detection.

    A declaration is taken when the bytes decode by it — but a single-byte one (latin1,
    windows-1252…), which any bytes decode by, only when the bytes are not Chinese text in
    an encoding detection finds: a GBK page declared ``iso-8859-1`` is read as GBK, not as
    ``Ä³Ä³·½°¸``.  An unknown label is ignored (detection decides)."""
    if bom_encoding(data):
        return decode_text(data)
    m = _META_CHARSET.search(data[:8192])
    declared = declared_codec(m.group(1).decode("ascii")) if m else None
    if declared in _SINGLE_BYTE_LABELS.values() and not data.isascii():
        try:
            text, encoding = decode_text(data)
        except DecodeError:
            pass
        else:
            if encoding in ("utf-8", "gb18030") and _reads_as_chinese(text, data):
                return text, encoding
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies (it often does): detect instead
    try:
        return decode_text(data)
    except DecodeError as exc:
        raise DecodeError(f"HTML page: {exc}") from None


def _classes(el) -> list[str]:
    return (el.get("class") or "").split() + ([el.get("id")] if el.get("id") else [])


#: the high bytes of the UTF-16 code units of the ideographs _CJK_RUN matches (U+3400–U+9FFF,
#: U+F900–U+FAFF): a code unit is one of them exactly when its high byte is one of these
_CJK_HIGH_BYTES = bytes(range(0x34, 0xA0)) + b"\xf9\xfa"


def _cjk(text: str) -> int:
    """How many CJK ideographs ``text`` holds, as ``_CJK_RUN`` counts them: the high bytes of
    its UTF-16 code units that fall in their ranges, counted by the bytes methods (the whole
    page's text is counted several times; a regex scan took ~150 instructions a character,
    this a few).  Characters beyond the BMP (two surrogate code units) are not counted, as
    the pattern does not count them."""
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    return len(high) - len(high.translate(None, _CJK_HIGH_BYTES))


def _walk(root):
    """Elements of a subtree in document order, without recursion."""
    stack = [root]
    while stack:
        el = stack.pop()
        yield el
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))


def _text_of(el) -> str:
    """The text of el's subtree (its own tail not included), serialised by libxml2."""
    from lxml import etree

    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


_SPACES = re.compile(r"[\s\u3000\xa0]+")


def _norm_label(text: str) -> str:
    return _SPACES.sub("", text)


def _compact_prefix(text: str, n: int) -> str:
    """_norm_label(text)[:n], reading only as much of text as that needs (a head line may be a
    whole one-line document)."""
    if len(text) <= 2 * n + 64:
        return _SPACES.sub("", text)[:n]
    out: list[str] = []
    got = i = 0
    step = 2 * n + 64
    while got < n and i < len(text):
        piece = _SPACES.sub("", text[i : i + step])  # (spaces go one by one: chunks change nothing)
        out.append(piece)
        got += len(piece)
        i += step
    return "".join(out)[:n]


_WS = "[\\s\u3000\xa0]*"
_LABEL_ANY = re.compile(
    "("
    + "|".join(_WS.join(map(re.escape, lab)) for lab in sorted(INFO_LABELS, key=len, reverse=True))
    + ")"
    + _WS
    + "[:：]"
)
_TOKEN_BREAK_TAGS = frozenset(
    {"td", "th", "li", "dt", "dd", "p", "div", "br", "tr", "h1", "h2", "h3", "h4"}
)
_CELLISH = frozenset(
    {"td", "th", "b", "strong", "span", "label", "dt", "em", "font", "li", "p", "div"}
)
MAX_INFO_CHARS = 1500
#: beyond this length a label's own text is compacted only when it holds no more ideographs than
#: the longest label (索 引 号 ： spaced out however widely is still one)
_LABEL_SPACED_MAX = 4 * max(map(len, _LABEL_SET)) + 8
_LABEL_CJK_MAX = max(map(len, _LABEL_SET))


def _tokens(el) -> list[str]:
    """Text of a subtree split at cell/block boundaries, in document order."""
    tokens: list[str] = []
    buf: list[str] = []
    stack: list[tuple[str, Any]] = [("open", el)]
    while stack:
        kind, item = stack.pop()
        if kind == "tail":
            buf.append(item)
            continue
        node = item
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _TOKEN_BREAK_TAGS:
            tokens.append("".join(buf))
            buf = []
        if kind == "close":
            continue
        stack.append(("close", node))
        for c in reversed(list(node)):
            if c.tail:
                stack.append(("tail", c.tail))
            if isinstance(c.tag, str):
                stack.append(("open", c))
        if node.text:
            buf.append(node.text)
    tokens.append("".join(buf))
    return [" ".join(t.split()) for t in tokens if t.strip()]


def _info_pairs(el) -> list[tuple[str, str]]:
    """Label/value pairs from an information block, in order."""
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for tok in _tokens(el):
        bare = _norm_label(tok).rstrip(":：")
        if bare in _LABEL_SET:
            pending = bare
            continue
        matches = list(_LABEL_ANY.finditer(tok))
        if not matches:
            if pending:
                pairs.append((pending, tok.strip()))
                pending = None
            continue
        if pending and matches[0].start() > 0:
            pairs.append((pending, tok[: matches[0].start()].strip()))
        pending = None
        for i, m in enumerate(matches):
            label = _norm_label(m.group(1))
            value = tok[
                m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(tok)
            ].strip()
            if value:
                pairs.append((label, value))
            else:
                pending = label
    return [(k, v) for k, v in pairs if v]


def _is_label_node(el) -> bool:
    own = (el.text or "").strip()
    if not own:
        return False
    if _LABEL_ANY.match(own):
        return True
    if len(el) or len(own) > _LABEL_SPACED_MAX and (_cjk(own[:64]) > _LABEL_CJK_MAX or _cjk(own) > _LABEL_CJK_MAX):
        return False  # (a paragraph: more ideographs than a label has, however it is spaced)
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    return tag in _CELLISH and _norm_label(own).rstrip(":：") in _LABEL_SET


def _find_info_blocks(root) -> tuple[list, list]:
    """Innermost table/ul/dl/div elements holding ≥ 2 info labels: (removable, too big to remove)."""
    counts: dict = {}
    order = []
    for el in _walk(root):
        if not _is_label_node(el):
            continue
        for anc in el.iterancestors():
            tag = anc.tag.lower() if isinstance(anc.tag, str) else ""
            if tag in ("table", "ul", "dl", "ol", "div", "section"):
                if anc not in counts:
                    counts[anc] = 0
                    order.append(anc)
                counts[anc] += 1
            if tag == "body":
                break
    multi = [a for a in order if counts[a] >= 2]
    inner = [a for a in multi if not any(o is not a and _is_ancestor(a, o) for o in multi)]
    removable: list = []
    kept: list = []
    for el in inner:
        # labels inside the article text itself: read the pairs but keep the text
        (kept if len(_norm_label(_text_of(el))) > MAX_INFO_CHARS else removable).append(el)
    return removable, kept


def _is_ancestor(anc, el) -> bool:
    return any(a is anc for a in el.iterancestors())


def _remove(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        # (lxml keeps control characters it parsed in a text node, but refuses them when one
        # is set: they go, as the page's own text would have lost them anyway)
        if prev is not None:
            prev.tail = _settable((prev.tail or "") + tail)
        else:
            parent.text = _settable((parent.text or "") + tail)
    parent.remove(el)


#: what lxml refuses in a text it is given: C0 controls but TAB/LF/CR, U+FFFE/U+FFFF, surrogates
_NOT_SETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _settable(text: str) -> str:
    return _NOT_SETTABLE.sub("", text) if _NOT_SETTABLE.search(text) else text


def _is_layout_table(tbl) -> bool:
    rows = [r for r in tbl.iter("tr") if _nearest_table(r) is tbl]
    if not rows:
        return True
    max_cells = max(
        sum(1 for c in r if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")) for r in rows
    )
    if max_cells <= 1:
        return True
    for cell in tbl.iter("td", "th"):
        if _nearest_table(cell) is not tbl:
            continue
        if any(t is not tbl for t in cell.iter("table")):
            return True
        blocks = sum(1 for c in cell.iter("p", "br", "div", "h1", "h2", "h3", "li"))
        if blocks > 6 and _cjk(_text_of(cell)) > 300:
            return True
    return False


def _nearest_table(el):
    for anc in el.iterancestors():
        if isinstance(anc.tag, str) and anc.tag.lower() == "table":
            return anc
    return None


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def text(self, s: str) -> None:
        if s:
            self.buf.append(s)

    def flush(self, hard: bool = False) -> None:
        raw = "".join(self.buf)
        self.buf = []
        if "\n" in raw:
            raw = _CJK_BREAK.sub("", raw)  # (it removes line breaks only)
        line = _COLLAPSE.sub(" ", raw).strip(" ") if _collapsible(raw) else raw.strip(" ")
        if line or hard:
            self.lines.append(line)


def _serialise(body) -> list[str]:
    """Block structure → lines; <br> → line break; data tables → TAB-joined rows."""
    out = _Lines()
    # stack items: ("open", el) or ("close", el) or ("tail", str)
    stack: list[tuple[str, Any]] = [("open", body)]
    while stack:
        kind, item = stack.pop()
        if kind == "tail":
            out.text(item)
            continue
        el = item
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if kind == "close":
            if tag in _BLOCK_TAGS or tag in ("td", "th"):
                out.flush()
            continue
        if not tag:
            continue
        if tag == "br":
            out.flush(hard=True)
            continue
        if tag == "table" and not _is_layout_table(el):
            out.flush()
            for row in _table_rows(el):
                out.lines.append(row)
            continue
        if tag in _BLOCK_TAGS:
            out.flush()
        if tag == "img" and el.get("alt") and _cjk(el.get("alt")):
            out.text(el.get("alt"))
        stack.append(("close", el))
        children = [c for c in el]
        for c in reversed(children):
            if c.tail:
                stack.append(("tail", c.tail))
            if isinstance(c.tag, str):
                stack.append(("open", c))
        if el.text:
            out.text(el.text)
    out.flush()
    return out.lines


def _cell_text(cell) -> str:
    lines = _serialise(cell)
    return " ".join(" ".join(ln.split()) for ln in lines if ln.strip())


def _span(value: str | None) -> int:
    """A rowspan/colspan attribute: browsers read its leading digits; junk or none is 1."""
    m = re.match(r"\s*(\d{1,6})", value or "")
    return int(m.group(1)) if m else 1


def _table_rows(tbl) -> list[str]:
    cells_of_rows = []
    for tr in tbl.iter("tr"):
        if _nearest_table(tr) is not tbl:
            continue
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        cells_of_rows.append(
            [Cell(_cell_text(c), _span(c.get("rowspan")), _span(c.get("colspan"))) for c in cells]
        )
    rows = []
    for texts in expand(cells_of_rows):
        if any(t for t in texts):
            rows.append("\t".join(texts))
    cap = next((c for c in tbl if isinstance(c.tag, str) and c.tag.lower() == "caption"), None)
    if cap is not None and _text_of(cap).strip():
        rows.insert(0, " ".join(_text_of(cap).split()))
    return rows


def _pick_body(root):
    """The article body: a content-like container, else the block holding most Chinese text."""
    body = root.find(".//body")
    if body is None:
        body = root
    total = _cjk(_text_of(body)) or 1
    counts: dict = {}

    def cjk_of(el) -> int:
        if el not in counts:
            counts[el] = _cjk(_text_of(el))
        return counts[el]

    candidates = [el for el in _walk(body) if any(_CONTENT_RE.search(t) for t in _classes(el))]
    candidates = [el for el in candidates if cjk_of(el) >= max(30, 0.3 * total)]
    if candidates:
        best = max(candidates, key=cjk_of)
        # the innermost candidate that still holds ≥ 90% of the best one's text
        for el in candidates:
            if el is not best and _is_ancestor(best, el) and cjk_of(el) >= 0.9 * cjk_of(best):
                if not any(
                    o is not el and _is_ancestor(el, o) and cjk_of(o) >= 0.9 * cjk_of(best)
                    for o in candidates
                ):
                    best = el
                    break
        return best
    cur = body
    while True:
        kids = [c for c in cur if isinstance(c.tag, str)]
        nxt = next((c for c in kids if cjk_of(c) >= 0.75 * cjk_of(cur) and cjk_of(c) > 0), None)
        if nxt is None:
            return cur
        cur = nxt


def _title_of(root, body, metadata: dict[str, str]) -> str | None:
    """The document's headline: 标题 / ArticleTitle metadata, an <h1>/<h2>, else the block
    before the body that holds the page <title> (minus its "_site name" suffix)."""
    for key in ("标题", "ArticleTitle"):
        if metadata.get(key):
            return metadata[key]
    for tag in ("h1", "h2"):
        for h in root.iter(tag):
            t = " ".join(_text_of(h).split())
            if _cjk(t) >= 4:
                return t
    seen_body = False
    for el in _walk(root):  # <div class="article-title">, <p class="bt">, <td id="tit"> …
        seen_body = seen_body or el is body
        if any(_TITLE_CLASS.search(tok) for tok in _classes(el)):
            if seen_body and el is not body and not _is_ancestor(body, el):
                break  # past the article: a related-links box's title
            t = " ".join(_text_of(el).split())
            if 4 <= _cjk(t) and len(t) <= 120:
                return t
    page_title = metadata.get("title")
    if not page_title:
        return None
    page_title = re.split(r"\s*[_|｜]\s*|\s+[-—]+\s+", page_title)[0].strip() or page_title
    wanted = _norm_label(page_title)
    best = None
    for el in _walk(root):
        if el is body:
            break
        compact = _norm_label(_text_of(el))
        if wanted and wanted in compact and len(compact) <= len(wanted) + 60:
            best = el  # the innermost/last such block before the body
    return " ".join(_text_of(best).split()) if best is not None else page_title


def _title_start(lines: list[str], compact_title: str) -> int:
    """Index of the line the (possibly wrapped) title starts on at the top of the text."""
    n = len(compact_title)
    heads = [_compact_prefix(line, n) for line in lines[:12]]  # (what of each line can matter)
    for i in range(min(len(lines), 12)):
        acc = ""
        for head in heads[i:]:
            acc += head
            if len(acc) >= n:
                break
        if acc and (acc.startswith(compact_title) or compact_title.startswith(acc)):
            return i
    return 0


def _add_doc_number(lines: list[str], at: int, raw: str | None) -> None:
    """The info table's 发文字号 as a line above the title (where a 公文 has it) when the
    body does not carry it.

    gov.cn and provincial pages often show the number only in the 索引号/发文字号 table
    above the article; without it the document would have no number.  A number the
    head of the body already holds (however bracketed) is not repeated, and none is
    added when the body has a number line of its own.
    """
    from ..docnum import DOCNUM_LINE, find_doc_numbers, parse_doc_number

    raw = " ".join((raw or "").split())
    want = parse_doc_number(raw) if raw else None
    if want is None or want.year is None:
        return
    head = [ln for ln in lines[:40] if ln.strip()]
    if any(DOCNUM_LINE.match(ln) for ln in head):
        return  # the body has its own number line (a page's table may be wrong)
    for _, _, got in find_doc_numbers("\n".join(head)):
        if (got.year, got.serial) == (want.year, want.serial) and (
            (got.agency_code or "").endswith(want.agency_code or "")
            or (want.agency_code or "").endswith(got.agency_code or "")
        ):
            return
    lines.insert(at, raw)


def read_html(data: bytes) -> tuple[str, str, dict[str, str]]:
    """Extract the article text of an HTML page; returns (text, encoding, metadata)."""
    if len(data) > MAX_HTML_BYTES:
        raise CorruptInput(f"HTML page is {len(data)} bytes (limit {MAX_HTML_BYTES})")
    text, encoding = decode_html(data)
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an XML declaration
    text = _INTERNAL_SUBSET.sub("<!DOCTYPE html>", text, count=1)
    root = None
    for attempt in ("plain", "huge", "flat"):
        # libxml2 stops at 256 levels of nesting unless huge_tree is set, and then drops
        # the whole page silently; tag soup with unclosed <font>/<span> gets that deep.
        # Retry once allowing 2048 levels (our own walks never recurse); then once more
        # without the inline formatting tags (_INLINE_TAGS: each unclosed one nests all that
        # follows a level deeper), else refuse.
        # (lxml.etree's parser, not lxml.html's: its elements come without a Python class
        # lookup per element proxy, and nothing here needs HtmlElement's methods)
        huge = attempt != "plain"
        if attempt == "flat":
            text = _INLINE_TAGS.sub("", text)
        parser = etree.HTMLParser(
            no_network=True,
            remove_comments=True,
            remove_pis=True,
            huge_tree=huge,
            recover=True,
            default_doctype=False,
        )
        try:
            root = etree.fromstring(text, parser=parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
            raise CorruptInput(
                f"HTML page cannot be parsed: {' '.join(str(exc).split())}"
            ) from None
        if root is None:  # (as lxml.html.document_fromstring)
            raise CorruptInput("HTML page cannot be parsed: Document is empty")
        if not any("depth" in (e.message or "").lower() for e in parser.error_log):
            break
    else:
        raise CorruptInput(
            "HTML page nests elements deeper than 2048 levels, without its inline formatting tags too: refused"
        )
    metadata: dict[str, str] = {}
    for m in root.iter("meta"):
        name = m.get("name") or m.get("property") or m.get("http-equiv")
        content = m.get("content")
        if (
            name
            and content
            and content.strip()
            and name.lower() not in ("viewport", "content-type")
        ):
            metadata.setdefault(name, " ".join(content.split()))
    t = root.find(".//title")
    if t is not None and _text_of(t).strip():
        metadata["title"] = " ".join(_text_of(t).split())

    for el in list(_walk(root)):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if (
            tag in _DROP_TAGS
            or (el.get("style") or "").replace(" ", "").lower().find("display:none") >= 0
        ):
            if el.getparent() is not None and tag not in ("html", "body"):
                _remove(el)
    removable, kept = _find_info_blocks(root)
    for block in removable + kept:
        for label, value in _info_pairs(block):
            metadata.setdefault(label, value)
            if label in _LABEL_ALIASES:
                metadata.setdefault(_LABEL_ALIASES[label], value)
    for block in removable:
        _remove(block)

    total = _cjk(_text_of(root)) or 1
    for el in list(_walk(root)):
        if el.getparent() is None or el.tag in ("body", "html"):
            continue
        if any(_JUNK_RE.search(tok) for tok in _classes(el)) and not any(
            _CONTENT_RE.search(tok) for tok in _classes(el)
        ):
            if _cjk(_text_of(el)) < 0.5 * total:
                _remove(el)

    body = _pick_body(root)
    lines = _serialise(body)
    if not any(line.strip() for line in lines) and root.find(".//frameset") is not None:
        frames = [f.get("src") or "" for f in root.iter("frame")]
        raise EmptyInput(
            f"HTML page holds no text: it is a frameset, its text is in its {len(frames)} frame(s) "
            f"({', '.join(frames[:3])}{', …' if len(frames) > 3 else ''}): convert those pages"
        )
    title = _title_of(root, body, metadata)
    title_start = 0
    if title:
        compact_title = _norm_label(title)
        head = _compact_prefix("".join(lines[:12]), len(compact_title) + 200)
        if compact_title not in head:
            lines.insert(0, title)
        else:
            title_start = _title_start(lines, compact_title)
    _add_doc_number(lines, title_start, metadata.get("发文字号"))
    out = "\n".join(lines).strip("\n")
    out = re.sub(r"\n{3,}", "\n\n", out)
    if not out.strip():
        raise EmptyInput("HTML page holds no text")
    return out, encoding, metadata
