"""HTML view of one parsed file: the text with its heading tree, assignments,
targets, citations and repairs highlighted in place.

Works from the JSON alone (plain dicts, ``ParsedFile.model_dump(mode="json")``),
so it renders output produced elsewhere or by another version::

    html = render_html(load_parsed("corpus/004_7987ea6d96b72cd9.txt"))
    html = render_html(json.load(open("out/004_7987ea6d96b72cd9.txt.json")))

The page is one self-contained file (inline CSS and a little JS, no network).
Every highlighted element is a ``<span>`` carrying ``data-kind`` (document,
section, heading, assignment, lead, support, target, citation, repair),
``data-doc``, ``data-index`` (position in its document's list; preorder for
sections), ``data-start`` and ``data-end`` (the span in ``ParsedFile.text``), so
its text content is ``text[start:end]``.  Spans that cross instead of nesting
are split: the continuation pieces carry ``data-part="cont"`` and no ``id``.

``policyparse render FILE -o page.html`` is the command-line entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

FONTS = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

#: Nesting order when two spans start and end at the same place (outer first).
RANK = {
    "document": 0,
    "section": 1,
    "heading": 2,
    "assignment": 3,
    "target": 4,
    "citation": 5,
    "lead": 6,
    "support": 6,
    "repair": 7,
}


# ---------------------------------------------------------------- small helpers


def esc(s: Any) -> str:
    """Escape text for HTML; a CR becomes a character reference so it survives parsing."""
    return escape("" if s is None else str(s), quote=True).replace("\r", "&#13;")


def attrs(**kw: Any) -> str:
    """``attrs(class_="x", data_kind="t")`` → ``' class="x" data-kind="t"'`` (None values left out)."""
    out = []
    for k, v in kw.items():
        if v is None or v is False:
            continue
        name = k.rstrip("_").replace("_", "-")
        out.append(f" {name}" if v is True else f' {name}="{esc(v)}"')
    return "".join(out)


VOID = {"input", "br", "meta", "img", "hr"}


def tag(name: str, body: str = "", **kw: Any) -> str:
    """An element; ``body`` is HTML already escaped, attribute values are escaped here."""
    if name in VOID:
        return f"<{name}{attrs(**kw)}>"
    return f"<{name}{attrs(**kw)}>{body}</{name}>"


def num(v: Any) -> str:
    """30.0 → '30', 5.5 → '5.5'."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def target_reading(t: dict[str, Any], *, short: bool = False) -> str:
    """indicator · value unit · comparator · year · kind (· inferred); short: without the last two."""
    value = num(t.get("value"))
    if t.get("value_max") is not None:
        value += "–" + num(t.get("value_max"))
    if value:
        value += t.get("unit") or ""
    when = t.get("deadline") or (str(t["year"]) if t.get("year") is not None else "")
    parts = [t.get("indicator") or "", value, t.get("comparator") or "", when]
    if short:
        return " · ".join(p if p else "—" for p in parts)
    parts.append(t.get("kind") or "")
    if t.get("inferred"):
        parts.append("inferred")
    return " · ".join(p if p else "—" for p in parts)


def agency_names(agencies: Iterable[dict[str, Any]]) -> str:
    return "、".join(a.get("name") or a.get("raw") or "" for a in agencies)


def assignment_reading(a: dict[str, Any]) -> str:
    parts = ["lead: " + (agency_names(a.get("lead", [])) or "—")]
    if a.get("support"):
        parts.append("support: " + agency_names(a["support"]))
    if a.get("jointly"):
        parts.append("jointly")
    if a.get("deadline"):
        parts.append("deadline " + a["deadline"])
    if a.get("explicit") is False:
        parts.append("in-text duty")
    return " · ".join(parts)


def citation_reading(c: dict[str, Any]) -> str:
    dn = (c.get("doc_number") or {}).get("raw")
    return " · ".join(
        p for p in ("《" + c["title"] + "》" if c.get("title") else "", dn or "") if p
    ) or c.get("raw", "")


def resolve_citations(data: dict[str, Any]) -> dict[tuple[int, int], int]:
    """(document, citation) → index of the document of this file it cites.

    Resolved as ``policyparse citations`` does across files: by the cited
    发文字号's canonical key, else by the title compared without punctuation; a
    document citing itself is not a link.
    """
    from .graph import title_key

    docs = data.get("documents") or []
    by_number: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for k, doc in enumerate(docs):
        key = (doc.get("doc_number") or {}).get("key")
        if key:
            by_number.setdefault(key, k)
        for t in (doc.get("title"), doc.get("issued_title")):
            tk = title_key(t)
            if tk:
                by_title.setdefault(tk, k)
    out: dict[tuple[int, int], int] = {}
    for d, doc in enumerate(docs):
        for i, c in enumerate(doc.get("citations") or []):
            key = (c.get("doc_number") or {}).get("key")
            hit = by_number.get(key) if key else None
            if hit is None:
                tk = title_key(c.get("title"))
                hit = by_title.get(tk) if tk else None
            if hit is not None and hit != d:
                out[(d, i)] = hit
    return out


def walk_sections(sections: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Preorder over a section tree."""
    for s in sections:
        yield s
        yield from walk_sections(s.get("children") or [])


# ---------------------------------------------------------------- marks


@dataclass
class Mark:
    """One highlighted span: kind, offsets and the attributes of its element."""

    kind: str
    start: int
    end: int
    doc: int
    index: int
    id: str | None = None
    title: str | None = None
    classes: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)

    def open_tag(self, cont: bool = False) -> str:
        return (
            "<span"
            + attrs(
                id=None if cont else self.id,
                class_=" ".join([self.kind, *self.classes]),
                data_kind=self.kind,
                data_doc=self.doc,
                data_index=self.index,
                data_start=self.start,
                data_end=self.end,
                data_part="cont" if cont else None,
                title=self.title,
                **self.extra,
            )
            + ">"
        )


def heading_end(text: str, s: dict[str, Any]) -> int:
    """End of a section's heading line: the end of its title, else of its first line."""
    start, end = s["span"]["start"], s["span"]["end"]
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    title = s.get("title") or ""
    i = text.find(title, start, line_end) if title else -1
    if i >= 0:
        return i + len(title)
    return line_end


def _agency_marks(text: str, a: dict[str, Any], doc: int, index: int) -> list[Mark]:
    """Lead and support bodies inside an assignment, found by their raw spelling."""
    start, end = a["span"]["start"], a["span"]["end"]
    taken: list[tuple[int, int]] = []
    marks = []
    for role in ("lead", "support"):
        for ag in a.get(role) or []:
            raw = ag.get("raw") or ag.get("name") or ""
            i = text.find(raw, start, end) if raw else -1
            while i >= 0 and any(i < e and s < i + len(raw) for s, e in taken):
                i = text.find(raw, i + 1, end)
            if i < 0:
                continue
            taken.append((i, i + len(raw)))
            marks.append(Mark(role, i, i + len(raw), doc, index, title=f"{role}: {ag.get('name')}"))
    return marks


def collect_marks(data: dict[str, Any]) -> list[Mark]:
    """Every span of a ParsedFile dict as a Mark (documents, sections, headings, …, repairs)."""
    text = data.get("text") or ""
    marks: list[Mark] = []
    for d, doc in enumerate(data.get("documents") or []):
        sp = doc["span"]
        marks.append(
            Mark("document", sp["start"], sp["end"], d, d, id=f"d{d}", title=doc.get("title"))
        )
        for i, s in enumerate(walk_sections(doc.get("sections") or [])):
            sp = s["span"]
            path = " › ".join(s.get("path") or [])
            marks.append(
                Mark(
                    "section",
                    sp["start"],
                    sp["end"],
                    d,
                    i,
                    id=f"d{d}-s{i}",
                    extra={"data_path": path},
                )
            )
            marks.append(
                Mark(
                    "heading",
                    sp["start"],
                    heading_end(text, s),
                    d,
                    i,
                    id=f"d{d}-h{i}",
                    title=f"{path} (level {s.get('level')})",
                    extra={"data_path": path},
                )
            )
        for i, a in enumerate(doc.get("assignments") or []):
            sp = a["span"]
            cls = [] if a.get("explicit", True) else ["implicit"]
            marks.append(
                Mark(
                    "assignment",
                    sp["start"],
                    sp["end"],
                    d,
                    i,
                    id=f"d{d}-a{i}",
                    title=assignment_reading(a),
                    classes=cls,
                )
            )
            marks.extend(_agency_marks(text, a, d, i))
        for i, t in enumerate(doc.get("targets") or []):
            sp = t["span"]
            cls = [f"k-{t.get('kind')}"] + (["inferred"] if t.get("inferred") else [])
            marks.append(
                Mark(
                    "target",
                    sp["start"],
                    sp["end"],
                    d,
                    i,
                    id=f"d{d}-t{i}",
                    title=target_reading(t),
                    classes=cls,
                )
            )
        for i, c in enumerate(doc.get("citations") or []):
            sp = c["span"]
            marks.append(
                Mark(
                    "citation",
                    sp["start"],
                    sp["end"],
                    d,
                    i,
                    id=f"d{d}-c{i}",
                    title=citation_reading(c),
                )
            )
    for i, r in enumerate(data.get("repairs") or []):
        sp = r.get("span")
        if sp:
            marks.append(
                Mark(
                    "repair",
                    sp["start"],
                    sp["end"],
                    -1,
                    i,
                    id=f"r{i}",
                    title=f"{r.get('kind')}: {r.get('detail')}",
                    classes=["point"] if sp["start"] == sp["end"] else [],
                    extra={"data_repair": r.get("kind") or ""},
                )
            )
    n = len(text)
    return [m for m in marks if 0 <= m.start <= m.end <= n]


def highlight(text: str, marks: list[Mark]) -> str:
    """The text as HTML with every mark an element around exactly its span.

    The text is split at all span boundaries; at each boundary the spans ending
    there are closed (spans opened inside them and still running are closed and
    reopened as continuation pieces), zero-width marks are emitted as empty
    elements, then the spans starting there are opened, longest first; a
    lower-ranked open span that would cross a new one is split there instead
    (see RANK), so headings, assignments and targets stay whole.  Linear in the
    text size plus the number of marks (times the nesting depth).
    """
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    points: dict[int, list[Mark]] = {}
    for m in marks:
        if m.start == m.end:
            points.setdefault(m.start, []).append(m)
        else:
            starts.setdefault(m.start, []).append(m)
            ends.setdefault(m.end, []).append(m)
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    for b in sorted(set(starts) | set(ends) | set(points)):
        if b > pos:
            out.append(esc(text[pos:b]))
            pos = b
        closing = {id(m) for m in ends.get(b, ())}
        reopen: list[Mark] = []
        while closing:
            m = stack.pop()
            out.append("</span>")
            if id(m) in closing:
                closing.discard(id(m))
            else:
                reopen.append(m)
        for m in reversed(reopen):
            out.append(m.open_tag(cont=True))
            stack.append(m)
        for m in points.get(b, ()):
            out.append(m.open_tag() + "</span>")
        for m in sorted(starts.get(b, ()), key=lambda m: (-m.end, RANK.get(m.kind, 9))):
            # Lower-ranked spans still open that would cross m (a repair running
            # into a heading) are split around m's start rather than m itself.
            inner: list[Mark] = []
            while (
                stack
                and stack[-1].end < m.end
                and RANK.get(stack[-1].kind, 9) > RANK.get(m.kind, 9)
            ):
                inner.append(stack.pop())
                out.append("</span>")
            out.append(m.open_tag())
            stack.append(m)
            for x in reversed(inner):
                out.append(x.open_tag(cont=True))
                stack.append(x)
    out.append(esc(text[pos:]))
    out.extend("</span>" for _ in stack)
    return "".join(out)


# ---------------------------------------------------------------- side panels


def _link(target_id: str, body: str, **kw: Any) -> str:
    return tag("a", body, href=f"#{target_id}", **kw)


def _outline(sections: list[dict[str, Any]], d: int, counter: list[int]) -> str:
    items = []
    for s in sections:
        i = counter[0]
        counter[0] += 1
        label = tag("span", esc(s.get("marker")), class_="mk") + esc(s.get("title"))
        sub = _outline(s.get("children") or [], d, counter)
        items.append(
            tag("li", _link(f"d{d}-h{i}", label, data_go="heading", data_index=i, data_doc=d) + sub)
        )
    return tag("ul", "".join(items)) if items else ""


def _meta(doc: dict[str, Any]) -> str:
    dn = (doc.get("doc_number") or {}).get("raw")
    bits = [
        dn,
        doc.get("issuer"),
        doc.get("date"),
        "征求意见稿 (draft)" if doc.get("is_draft") else None,
    ]
    return tag("div", " · ".join(esc(b) for b in bits if b), class_="meta")


def outline_panel(data: dict[str, Any]) -> str:
    parts = []
    for d, doc in enumerate(data.get("documents") or []):
        head = _link(
            f"d{d}",
            esc(doc.get("title") or f"Document {d + 1}"),
            class_="doc",
            data_go="document",
            data_doc=d,
        )
        parts.append(
            tag(
                "div",
                head + _meta(doc) + _outline(doc.get("sections") or [], d, [0]),
                class_="docnav",
            )
        )
    return "".join(parts) or tag("p", "No documents found.", class_="none")


def _list(title: str, items: list[str], open_: bool = True) -> str:
    body = tag("ol", "".join(items)) if items else tag("p", "none", class_="none")
    return tag("details", tag("summary", f"{esc(title)} ({len(items)})") + body, open=open_)


def lists_panel(data: dict[str, Any]) -> str:
    n = len(data.get("text") or "")

    def _link(target_id: str, body: str, span: dict[str, Any] | None = None, **kw: Any) -> str:
        ok = span is not None and 0 <= span.get("start", -1) <= span.get("end", -1) <= n
        return (
            tag("a", body, href=f"#{target_id}", **kw) if ok else tag("span", body, class_="nolink")
        )

    docs = data.get("documents") or []
    multi = len(docs) > 1
    resolved = resolve_citations(data)
    targets, assigns, cites = [], [], []
    for d, doc in enumerate(docs):
        pre = f"[{d + 1}] " if multi else ""
        for i, t in enumerate(doc.get("targets") or []):
            cls = f"k-{t.get('kind')}" + (" inferred" if t.get("inferred") else "")
            badge = tag("span", "inferred", class_="badge") if t.get("inferred") else ""
            body = (
                esc(pre)
                + tag("span", esc(t.get("kind")), class_=f"kind {cls}")
                + esc(target_reading(t, short=True))
                + badge
            )
            targets.append(
                tag(
                    "li",
                    _link(
                        f"d{d}-t{i}",
                        body,
                        t.get("span"),
                        data_go="target",
                        data_index=i,
                        data_doc=d,
                    ),
                )
            )
        for i, a in enumerate(doc.get("assignments") or []):
            body = (
                esc(pre)
                + tag("span", esc(agency_names(a.get("lead") or []) or "—"), class_="lead-name")
                + (
                    " ＋ " + tag("span", esc(agency_names(a["support"])), class_="support-name")
                    if a.get("support")
                    else ""
                )
                + (tag("span", "jointly", class_="badge") if a.get("jointly") else "")
            )
            assigns.append(
                tag(
                    "li",
                    _link(
                        f"d{d}-a{i}",
                        body,
                        a.get("span"),
                        data_go="assignment",
                        data_index=i,
                        data_doc=d,
                    ),
                )
            )
        for i, c in enumerate(doc.get("citations") or []):
            k = resolved.get((d, i))
            if k is not None:  # the cited document is in this file: link to it
                cited = docs[k]
                after = " → " + _link(
                    f"d{k}",
                    esc(cited.get("title") or f"Document {k + 1}"),
                    cited.get("span"),
                    data_go="document",
                    data_doc=k,
                    class_="cited",
                )
            else:
                key = (c.get("doc_number") or {}).get("key")
                after = tag("span", " · " + esc(key), class_="ckey") if key else ""
            cites.append(
                tag(
                    "li",
                    _link(
                        f"d{d}-c{i}",
                        esc(pre + citation_reading(c)),
                        c.get("span"),
                        data_go="citation",
                        data_index=i,
                        data_doc=d,
                    )
                    + after,
                )
            )
    repairs = []
    for i, r in enumerate(data.get("repairs") or []):
        body = tag("span", esc(r.get("kind")), class_="rkind") + esc(r.get("detail"))
        repairs.append(
            tag("li", _link(f"r{i}", body, r.get("span"), data_go="repair", data_index=i))
        )
    return (
        _list("Targets", targets)
        + _list("Assignments", assigns)
        + _list("Citations", cites)
        + _list("Repairs", repairs, open_=len(repairs) <= 30)
    )


LEGEND = (
    tag("span", "heading", class_="heading")
    + tag(
        "span",
        "assignment: "
        + tag("span", "lead", class_="lead")
        + " / "
        + tag("span", "support", class_="support"),
        class_="assignment",
    )
    + tag("span", "target", class_="target k-target")
    + tag("span", "baseline", class_="target k-baseline")
    + tag("span", "deadline", class_="target k-deadline")
    + tag("span", "inferred", class_="target k-target inferred")
    + tag("span", "citation", class_="citation")
    + tag("span", "repair", class_="repair")
)


# ---------------------------------------------------------------- page

BASE_CSS = f"""
*{{box-sizing:border-box}}
body{{margin:0;font-family:{FONTS};font-size:15px;line-height:1.65;color:#1f2328;background:#f6f7f9}}
header{{padding:8px 16px;background:#243b55;color:#fff}}
header h1{{font-size:17px;margin:0;font-weight:600}}
header .sub{{font-size:12px;opacity:.85}}
a{{color:#0b57a4}}
.none{{color:#888;font-style:italic}}
"""

RENDER_CSS = """
.legend span{margin-right:8px;font-size:12px;padding:0 3px;color:#1f2328}
body{height:100vh;display:flex;flex-direction:column;overflow:hidden}
.layout{flex:1;min-height:0;display:grid;grid-template-columns:minmax(210px,1fr) minmax(0,2.6fr) minmax(250px,1.25fr)}
nav,#text,aside{overflow:auto;padding:10px 14px}
nav,aside{background:#fff;font-size:13px;line-height:1.45}
nav{border-right:1px solid #dde}
aside{border-left:1px solid #dde}
nav ul{list-style:none;margin:0;padding-left:12px}
nav>div>ul{padding-left:0}
nav li a{display:block;padding:1px 4px;border-radius:3px;text-decoration:none;color:#1f2328}
nav li a:hover,aside li a:hover{background:#eef3fb}
nav a.doc{font-weight:600;display:block;margin-top:6px}
.meta{color:#667;font-size:12px;margin:2px 0 6px}
.mk{color:#0b4f8a;margin-right:3px}
aside ol{padding-left:22px;margin:4px 0}
aside li{margin:2px 0}
aside li a{text-decoration:none;color:#1f2328;display:block;border-radius:3px}
summary{font-weight:600;cursor:pointer;margin-top:6px}
.kind{font-size:11px;border-radius:3px;padding:0 3px;margin-right:4px;background:#cdeed9}
.kind.k-baseline{background:#e3e3f8}.kind.k-deadline{background:#ffe0c7}
.badge{font-size:11px;background:#c62828;color:#fff;border-radius:3px;padding:0 3px;margin-left:4px}
.rkind{font-size:11px;background:#ffe1e1;border-radius:3px;padding:0 3px;margin-right:4px}
.lead-name{color:#a4161a;font-weight:600}.support-name{color:#1b6b3a}
#text{white-space:pre-wrap;word-break:break-word;background:#fff;font-size:15.5px}
.heading{font-weight:700;color:#0b4f8a;background:#e6effa}
.assignment{background:#fff4c2;border-bottom:2px solid #e0a800}
.assignment.implicit{background:#fffbe6;border-bottom-style:dotted}
.lead{color:#a4161a;font-weight:700;text-decoration:underline}
.support{color:#1b6b3a;text-decoration:underline dotted}
.target{background:#cdeed9;border-radius:2px;box-shadow:inset 0 -2px #2e9e5b}
.target.k-baseline{background:#e3e3f8;box-shadow:inset 0 -2px #6b6bc9}
.target.k-deadline{background:#ffe0c7;box-shadow:inset 0 -2px #e07b24}
.target.inferred{outline:2px dashed #c62828;outline-offset:1px}
.citation{background:#f1e4fa;color:#5b2a86;text-decoration:underline}
.ckey{color:#777;font-size:.85em}
.repair{background:#ffd6d6;border-bottom:2px dotted #c62828}
.repair.point{background:none;border:0}
.repair.point::before{content:"◆";color:#c62828;font-size:9px;vertical-align:super}
.repair[data-repair=line-join].point::before{content:"↩"}
.repair[data-repair=dedupe].point::before{content:"⧉ merged copies";font-size:11px;background:#ffd6d6;padding:0 3px}
.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%{outline:3px solid #ff9800}100%{outline:3px solid transparent}}
#autotest{display:none}
@media (max-width:800px){
 body{height:auto;display:block;overflow:visible}
 .layout{display:block}
 nav,aside{max-height:38vh;border:0;border-bottom:1px solid #dde}
 #text{overflow:visible;font-size:16px}
 header .legend{display:none}
}
"""

RENDER_JS = r"""
(function(){
  function go(id){
    var el=document.getElementById(id);
    if(!el) return null;
    el.scrollIntoView({block:'center',inline:'nearest'});
    el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
    return el;
  }
  document.addEventListener('click',function(e){
    var a=e.target.closest&&e.target.closest('a[href^="#"]');
    if(!a) return;
    e.preventDefault();
    var id=a.getAttribute('href').slice(1);
    if(go(id)&&history.replaceState) history.replaceState(null,'','#'+id);
  });
  window.addEventListener('load',function(){ if(location.hash) go(location.hash.slice(1)); });
  // Self-test for the browser test: ?autotest=ID clicks the first side-panel link
  // to ID and records whether its element ended up in view, and checks that every
  // highlighted element is rendered.
  var q=/[?&]autotest=([^&]*)/.exec(location.search);
  if(!q) return;
  function inView(el){
    var r=el.getBoundingClientRect(), box=document.getElementById('text').getBoundingClientRect();
    var top=Math.max(0,box.top), bottom=Math.min(window.innerHeight,box.bottom);
    return r.height>0 && r.bottom>top && r.top<bottom;
  }
  var id=decodeURIComponent(q[1]), res={id:id};
  var link=document.querySelector('nav a[href="#'+id+'"], aside a[href="#'+id+'"]');
  var el=document.getElementById(id);
  res.found=!!(link&&el);
  if(res.found){
    res.before=inView(el); link.click(); res.after=inView(el);
    var r=el.getBoundingClientRect(); res.rect=[r.left,r.top,r.right,r.bottom];
    res.text=el.textContent;
  }
  var bad=[], n=0;
  document.querySelectorAll('#text [data-kind]').forEach(function(x){
    var k=x.dataset.kind;
    if(k==='document'||k==='section'||x.classList.contains('point')) return;
    n++;
    var cs=getComputedStyle(x);
    var marked=cs.backgroundColor!=='rgba(0, 0, 0, 0)'||cs.textDecorationLine!=='none'||cs.fontWeight>=600;
    if(x.getClientRects().length===0||cs.visibility==='hidden'||!marked) bad.push(x.id||k);
  });
  res.checked=n; res.invisible=bad.slice(0,20); res.invisibleCount=bad.length;
  res.viewport=[window.innerWidth,window.innerHeight];
  document.getElementById('autotest').textContent=JSON.stringify(res);
})();
"""


def page(title: str, css: str, body: str, script: str = "") -> str:
    """A whole HTML document: inline CSS and JS, nothing fetched."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n{body}\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def render_html(data: dict[str, Any]) -> str:
    """The review page of one ParsedFile, given as a plain dict."""
    text = data.get("text") or ""
    docs = data.get("documents") or []
    src = (data.get("source") or {}).get("path") or ""
    name = Path(src).name if src else "parsed text"
    titles = " / ".join(d.get("title") or "" for d in docs if d.get("title"))
    counts = []
    for label, key in (
        ("assignments", "assignments"),
        ("targets", "targets"),
        ("citations", "citations"),
    ):
        counts.append(f"{sum(len(d.get(key) or []) for d in docs)} {label}")
    n_sec = sum(1 for d in docs for _ in walk_sections(d.get("sections") or []))
    sub = " · ".join(
        [
            name,
            f"{len(docs)} document(s)",
            f"{n_sec} headings",
            *counts,
            f"{len(data.get('repairs') or [])} repairs",
        ]
    )
    header = tag(
        "header",
        tag("h1", esc(titles or name))
        + tag("div", esc(sub), class_="sub")
        + tag("div", LEGEND, class_="legend"),
    )
    body = (
        header
        + tag(
            "div",
            tag("nav", outline_panel(data), aria_label="outline")
            + tag("main", highlight(text, collect_marks(data)), id="text")
            + tag("aside", lists_panel(data)),
            class_="layout",
        )
        + tag("output", "", id="autotest")
    )
    return page(titles or name, RENDER_CSS, body, RENDER_JS)


# ---------------------------------------------------------------- input


def parsed_json(raw: bytes) -> dict[str, Any] | None:
    """The dict of a saved ParsedFile JSON (top-level "documents" and "text"), else None."""
    if not raw.lstrip()[:1] == b"{":
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if (
        isinstance(data, dict)
        and isinstance(data.get("documents"), list)
        and isinstance(data.get("text"), str)
    ):
        return data
    return None


def load_parsed(path: str | Path) -> dict[str, Any]:
    """A ParsedFile dict from a saved JSON file, or by parsing an input document."""
    from .pipeline import parse_file

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError:
        raw = b""  # let parse_file raise its own named error
    data = parsed_json(raw)
    if data is not None:
        return data
    return parse_file(p).model_dump(mode="json")
