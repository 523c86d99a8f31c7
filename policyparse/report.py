"""HTML dashboard of a folder converted by ``policyparse convert``.

``report_html(items)`` takes ``(name, ParsedFile dict)`` pairs — plain JSON, so it
works on output of other versions — and returns one self-contained page:

* per-document counts (headings, assignments, targets, citations);
* every target in one table, filterable (text box, year / kind / issuer selects)
  and sortable (click a header), with inline JS;
* the agency workload (tasks led / supported per agency key, explicit notes only,
  as :func:`policyparse.agencies.agency_index` counts them);
* an inline-SVG bar chart of targets per year, stacked by kind.

``load_folder(OUT)`` reads ``OUT/**/*.json`` (skipping files that are not a
ParsedFile, e.g. ``_manifest.jsonl`` is not even looked at).
``policyparse report OUT -o report.html`` is the command-line entry.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .render import esc, num, page, tag, walk_sections

KINDS = ("target", "baseline", "deadline")
KIND_COLOURS = {"target": "#2e9e5b", "baseline": "#6b6bc9", "deadline": "#e07b24"}
NO_ISSUER = "(unknown)"


# ---------------------------------------------------------------- input


def load_folder(
    folder: str | Path, log: Callable[[str], None] | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """(relative name, ParsedFile dict) for every ParsedFile JSON under folder, and the number of unreadable ones."""
    root = Path(folder)
    items: list[tuple[str, dict[str, Any]]] = []
    failed = 0
    for f in sorted(root.rglob("*.json")):
        rel = f.relative_to(root)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            failed += 1
            if log:
                log(f"{f}: not readable JSON ({exc})")
            continue
        if (
            isinstance(data, dict)
            and isinstance(data.get("documents"), list)
            and isinstance(data.get("text"), str)
        ):
            items.append((rel.as_posix(), data))
        elif log:
            log(f"{f}: not a ParsedFile JSON, skipped")
    return items, failed


# ---------------------------------------------------------------- rows


def document_rows(items: Iterable[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    rows = []
    for name, data in items:
        for doc in data.get("documents") or []:
            targets = doc.get("targets") or []
            rows.append(
                {
                    "file": name,
                    "title": doc.get("title") or "",
                    "doc_number": (doc.get("doc_number") or {}).get("raw") or "",
                    "issuer": doc.get("issuer") or "",
                    "date": doc.get("date") or "",
                    "draft": bool(doc.get("is_draft")),
                    "headings": sum(1 for _ in walk_sections(doc.get("sections") or [])),
                    "assignments": len(doc.get("assignments") or []),
                    "targets": len(targets),
                    "inferred": sum(1 for t in targets if t.get("inferred")),
                    "citations": len(doc.get("citations") or []),
                }
            )
    return rows


def target_rows(items: Iterable[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    rows = []
    for name, data in items:
        for doc in data.get("documents") or []:
            for t in doc.get("targets") or []:
                rows.append(
                    {
                        **t,
                        "file": name,
                        "document": doc.get("title") or "",
                        "issuer": doc.get("issuer") or NO_ISSUER,
                    }
                )
    return rows


def agency_rows(items: Iterable[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per agency key: tasks led and supported (explicit notes; one note counts once per role)."""
    rows: dict[str, dict[str, Any]] = {}
    for name, data in items:
        for d, doc in enumerate(data.get("documents") or []):
            for i, a in enumerate(doc.get("assignments") or []):
                if a.get("explicit") is False:
                    continue
                for role in ("lead", "support"):
                    for ag in a.get(role) or []:
                        key = ag.get("key") or ag.get("name") or ag.get("raw") or ""
                        row = rows.setdefault(
                            key,
                            {
                                "key": key,
                                "names": Counter(),
                                "lead": set(),
                                "support": set(),
                                "docs": set(),
                            },
                        )
                        row["names"][ag.get("name") or key] += 1
                        row[role].add((name, d, i))
                        row["docs"].add((name, d))
    out = []
    for row in rows.values():
        out.append(
            {
                "key": row["key"],
                "name": row["names"].most_common(1)[0][0],
                "names": sorted(row["names"]),
                "led": len(row["lead"]),
                "supported": len(row["support"]),
                "documents": len(row["docs"]),
            }
        )
    out.sort(key=lambda r: (-(r["led"] + r["supported"]), r["key"]))
    return out


# ---------------------------------------------------------------- chart


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return max(1, top // 5)


def year_chart(targets: list[dict[str, Any]], width: int = 720, height: int = 240) -> str:
    """Inline SVG: one bar per year that has targets, stacked by kind."""
    per_year: dict[int, Counter[str]] = {}
    for t in targets:
        if t.get("year") is not None:
            per_year.setdefault(int(t["year"]), Counter())[t.get("kind") or "target"] += 1
    if not per_year:
        return tag("p", "No dated targets.", class_="none")
    years = sorted(per_year)
    top = max(sum(c.values()) for c in per_year.values())
    step = _nice_step(top)
    ymax = -(-top // step) * step
    left, right, up, bottom = 40, 10, 26, 26
    pw, ph = width - left - right, height - up - bottom
    slot = pw / len(years)
    bw = min(46.0, slot * 0.7)
    out = []
    for v in range(0, ymax + 1, step):
        y = up + ph - ph * v / ymax
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{v}</text>')
    for n, year in enumerate(years):
        x = left + slot * n + (slot - bw) / 2
        y0: float = up + ph
        bars = []
        for kind in (*KINDS, *sorted(set(per_year[year]) - set(KINDS))):
            c = per_year[year][kind]
            if not c:
                continue
            h = ph * c / ymax
            y0 -= h
            bars.append(
                f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bw:.1f}" height="{h:.1f}" fill="{KIND_COLOURS.get(kind, "#888")}">'
                f"<title>{year} {esc(kind)}: {c}</title></rect>"
            )
        total = sum(per_year[year].values())
        out.append(
            f'<g class="bar" data-year="{year}" tabindex="0">{"".join(bars)}'
            f'<text x="{x + bw / 2:.1f}" y="{y0 - 4:.1f}" text-anchor="middle">{total}</text>'
            f'<text x="{x + bw / 2:.1f}" y="{height - 8}" text-anchor="middle">{year}</text></g>'
        )
    lx = left + 4
    for kind in KINDS:
        out.append(
            f'<rect x="{lx}" y="6" width="10" height="10" fill="{KIND_COLOURS[kind]}"/><text x="{lx + 14}" y="15">{kind}</text>'
        )
        lx += 22 + 8 * len(kind)
    return (
        f'<svg id="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="targets per year" xmlns="http://www.w3.org/2000/svg">{"".join(out)}</svg>'
    )


# ---------------------------------------------------------------- tables


def _table(table_id: str, headers: list[tuple[str, str]], rows: list[str]) -> str:
    """headers: (label, 'num'|'text') pairs; rows: ready <tr> strings."""
    head = "".join(
        tag("th", esc(label), data_type=typ, title="click to sort") for label, typ in headers
    )
    return tag(
        "div",
        tag(
            "table",
            tag("thead", tag("tr", head)) + tag("tbody", "".join(rows)),
            id=table_id,
            class_="sortable",
        ),
        class_="wrap",
    )


def _td(value: Any, sort: Any = None, **kw: Any) -> str:
    return tag("td", esc(value), data_v=sort, **kw)


def documents_table(rows: list[dict[str, Any]]) -> str:
    headers = [
        ("File", "text"),
        ("Document", "text"),
        ("发文字号", "text"),
        ("Issuer", "text"),
        ("Date", "text"),
        ("Headings", "num"),
        ("Assignments", "num"),
        ("Targets", "num"),
        ("Inferred", "num"),
        ("Citations", "num"),
    ]
    trs = []
    for r in rows:
        title = r["title"] + (" （征求意见稿）" if r["draft"] else "")
        trs.append(
            tag(
                "tr",
                _td(r["file"])
                + _td(title)
                + _td(r["doc_number"])
                + _td(r["issuer"])
                + _td(r["date"])
                + "".join(
                    _td(r[k], class_="n")
                    for k in ("headings", "assignments", "targets", "inferred", "citations")
                ),
            )
        )
    return _table("documents", headers, trs)


def _select(field: str, label: str, values: Iterable[str]) -> str:
    opts = tag("option", f"all {esc(label)}", value="") + "".join(
        tag("option", esc(v), value=v) for v in values
    )
    return tag(
        "label",
        esc(label)
        + " "
        + tag("select", opts, data_filter="targets", data_field=field, id=f"f-{field}"),
    )


def targets_section(rows: list[dict[str, Any]]) -> str:
    years = sorted({str(r["year"]) for r in rows if r.get("year") is not None})
    kinds = [k for k in KINDS if any(r.get("kind") == k for r in rows)]
    issuers = sorted({r["issuer"] for r in rows})
    controls = tag(
        "div",
        tag(
            "input",
            type="search",
            placeholder="filter: indicator, text, file…",
            data_filter="targets",
            id="f-q",
            aria_label="filter targets",
        )
        + _select("year", "years", years)
        + _select("kind", "kinds", kinds)
        + _select("issuer", "issuers", issuers)
        + tag("span", f"{len(rows)} / {len(rows)}", id="targets-count", class_="count"),
        class_="controls",
    )
    headers = [
        ("Indicator", "text"),
        ("Value", "num"),
        ("Cmp", "text"),
        ("Year", "num"),
        ("Kind", "text"),
        ("Issuer", "text"),
        ("Document", "text"),
        ("Section", "text"),
        ("Source text", "text"),
    ]
    trs = []
    for r in rows:
        value = num(r.get("value"))
        if r.get("value_max") is not None:
            value += "–" + num(r["value_max"])
        if value:
            value += r.get("unit") or ""
        when = r.get("deadline") or (str(r["year"]) if r.get("year") is not None else "")
        kind = r.get("kind") or ""
        kind_cell = tag(
            "td",
            tag("span", esc(kind), class_=f"kind k-{kind}")
            + (
                tag(
                    "span",
                    "inferred",
                    class_="badge",
                    title="unit or decimal restored by inference",
                )
                if r.get("inferred")
                else ""
            ),
            data_v=kind,
        )
        trs.append(
            tag(
                "tr",
                _td(r.get("indicator"))
                + _td(value, sort=r.get("value") if r.get("value") is not None else "", class_="n")
                + _td(r.get("comparator") or "")
                + _td(when, sort=r.get("year") if r.get("year") is not None else "")
                + kind_cell
                + _td(r["issuer"])
                + _td(r["document"], title=r["file"])
                + _td(" › ".join(r.get("path") or []))
                + _td(r.get("raw"), class_="raw"),
                data_year="" if r.get("year") is None else r["year"],
                data_kind=kind,
                data_issuer=r["issuer"],
            )
        )
    return controls + _table("targets", headers, trs)


def agencies_section(rows: list[dict[str, Any]]) -> str:
    controls = tag(
        "div",
        tag(
            "input",
            type="search",
            placeholder="filter agencies…",
            data_filter="agencies",
            id="f-agency",
            aria_label="filter agencies",
        )
        + tag("span", f"{len(rows)} / {len(rows)}", id="agencies-count", class_="count"),
        class_="controls",
    )
    headers = [
        ("Agency", "text"),
        ("Led", "num"),
        ("Supported", "num"),
        ("Total", "num"),
        ("Documents", "num"),
    ]
    trs = []
    for r in rows:
        spellings = "、".join(r["names"])
        trs.append(
            tag(
                "tr",
                tag("td", esc(r["key"]), title=f"written as: {spellings}")
                + _td(r["led"], class_="n")
                + _td(r["supported"], class_="n")
                + _td(r["led"] + r["supported"], class_="n")
                + _td(r["documents"], class_="n"),
            )
        )
    return controls + _table("agencies", headers, trs)


# ---------------------------------------------------------------- page

REPORT_CSS = """
main{max-width:1280px;margin:0 auto;padding:8px 16px 40px}
h2{font-size:16px;margin:22px 0 8px;color:#243b55}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:10px}
.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:6px 14px;min-width:110px}
.card b{display:block;font-size:22px;color:#243b55}
.card span{font-size:12px;color:#667}
.wrap{overflow-x:auto;background:#fff;border:1px solid #dde;border-radius:6px;max-height:70vh;overflow-y:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid #eef;text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#eef3fb;cursor:pointer;white-space:nowrap;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.raw{color:#555;min-width:18em}
tbody tr:hover{background:#f5f9ff}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0}
.controls input,.controls select{font:inherit;font-size:13px;padding:3px 6px;border:1px solid #ccd;border-radius:4px;max-width:100%}
.controls input{flex:1 1 220px}
.count{font-size:12px;color:#667}
.kind{font-size:11px;border-radius:3px;padding:0 3px;background:#cdeed9}
.kind.k-baseline{background:#e3e3f8}.kind.k-deadline{background:#ffe0c7}
.badge{font-size:11px;background:#c62828;color:#fff;border-radius:3px;padding:0 3px;margin-left:4px}
#chart{max-width:760px;background:#fff;border:1px solid #dde;border-radius:6px;display:block}
#chart text{font-size:11px;fill:#444;font-family:inherit}
#chart .grid{stroke:#e4e7ee}
#chart .bar{cursor:pointer}#chart .bar:hover rect,#chart .bar.on rect{opacity:.75}
#autotest{display:none}
@media (max-width:800px){main{padding:6px 8px}td.raw{min-width:12em}.card{min-width:90px}}
"""

REPORT_JS = r"""
(function(){
  function val(td){ return td.hasAttribute('data-v') ? td.getAttribute('data-v') : td.textContent.trim(); }
  function sortBy(th, dir){
    var table=th.closest('table'), tb=table.tBodies[0], i=th.cellIndex, num=th.dataset.type==='num';
    dir = dir || (th.getAttribute('aria-sort')==='ascending' ? -1 : 1);
    table.querySelectorAll('th').forEach(function(h){ h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir>0 ? 'ascending' : 'descending');
    var rows=Array.prototype.slice.call(tb.rows);
    rows.sort(function(a,b){
      var x=val(a.cells[i]), y=val(b.cells[i]);
      if(x===''||y==='') return (x==='')-(y==='');      // empty cells last either way
      var r = num ? parseFloat(x)-parseFloat(y) : x.localeCompare(y,'zh-CN');
      return r*dir;
    });
    rows.forEach(function(r){ tb.appendChild(r); });
  }
  function applyFilter(id){
    var table=document.getElementById(id), q='', conds=[];
    document.querySelectorAll('[data-filter="'+id+'"]').forEach(function(c){
      if(c.tagName==='INPUT') q=c.value.trim().toLowerCase();
      else if(c.value) conds.push([c.dataset.field, c.value]);
    });
    var rows=table.tBodies[0].rows, shown=0;
    for(var k=0;k<rows.length;k++){
      var r=rows[k];
      var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&conds.every(function(c){ return r.dataset[c[0]]===c[1]; });
      r.hidden=!ok; if(ok) shown++;
    }
    var c=document.getElementById(id+'-count'); if(c) c.textContent=shown+' / '+rows.length;
    var y=document.getElementById('f-year');
    document.querySelectorAll('#chart .bar').forEach(function(b){ b.classList.toggle('on', !!y&&b.dataset.year===y.value); });
    return shown;
  }
  document.querySelectorAll('table.sortable th').forEach(function(th){ th.addEventListener('click', function(){ sortBy(th); }); });
  document.querySelectorAll('[data-filter]').forEach(function(c){
    c.addEventListener(c.tagName==='INPUT'?'input':'change', function(){ applyFilter(c.dataset.filter); });
  });
  document.querySelectorAll('#chart .bar').forEach(function(b){
    b.addEventListener('click', function(){
      var y=document.getElementById('f-year'); y.value = y.value===b.dataset.year ? '' : b.dataset.year;
      applyFilter('targets'); document.getElementById('targets').scrollIntoView({block:'start'});
    });
  });
  // Self-test for the browser test (?autotest=1): filter and sort as a user would.
  if(!/[?&]autotest=/.test(location.search)) return;
  var res={}, T=document.getElementById('targets'), rows=function(){ return Array.prototype.filter.call(T.tBodies[0].rows,function(r){ return !r.hidden; }); };
  res.targets=T.tBodies[0].rows.length; res.agencies=document.getElementById('agencies').tBodies[0].rows.length;
  var ysel=document.getElementById('f-year');
  if(ysel.options.length>1){
    var bar=document.querySelector('#chart .bar'); bar.dispatchEvent(new MouseEvent('click',{bubbles:true}));
    res.year=ysel.value; res.yearShown=rows().length;
    res.yearOk=rows().every(function(r){ return r.dataset.year===res.year; });
    ysel.value=''; applyFilter('targets');
  }
  var first=T.tBodies[0].rows[0].cells[0].textContent, q=document.getElementById('f-q');
  q.value=first; q.dispatchEvent(new Event('input'));
  res.query=first; res.queryShown=rows().length; res.queryOk=rows().every(function(r){ return r.textContent.indexOf(first)>=0; });
  res.countText=document.getElementById('targets-count').textContent;
  q.value=''; q.dispatchEvent(new Event('input'));
  var yth=T.tHead.rows[0].cells[3];
  yth.click(); var ys=rows().map(function(r){ return r.cells[3].getAttribute('data-v'); }).filter(function(v){ return v!==''; }).map(Number);
  res.yearAsc=ys.every(function(v,i){ return i===0||ys[i-1]<=v; });
  yth.click(); ys=rows().map(function(r){ return r.cells[3].getAttribute('data-v'); }).filter(function(v){ return v!==''; }).map(Number);
  res.yearDesc=ys.every(function(v,i){ return i===0||ys[i-1]>=v; });
  var A=document.getElementById('agencies'), lth=A.tHead.rows[0].cells[1];
  lth.click(); lth.click();
  var led=Array.prototype.map.call(A.tBodies[0].rows,function(r){ return Number(r.cells[1].textContent); });
  res.ledDesc=led.every(function(v,i){ return i===0||led[i-1]>=v; });
  res.ledTop=A.tBodies[0].rows.length ? A.tBodies[0].rows[0].cells[0].textContent : null;
  document.getElementById('autotest').textContent=JSON.stringify(res);
})();
"""


def report_html(items: list[tuple[str, dict[str, Any]]], title: str | None = None) -> str:
    """The dashboard page over (name, ParsedFile dict) pairs."""
    title = title or "policyparse report"
    docs = document_rows(items)
    targets = target_rows(items)
    agencies = agency_rows(items)
    no_year = sum(1 for t in targets if t.get("year") is None)
    cards = [
        (len(items), "files"),
        (len(docs), "documents"),
        (sum(d["headings"] for d in docs), "headings"),
        (sum(d["assignments"] for d in docs), "assignments"),
        (len(targets), "targets"),
        (sum(d["inferred"] for d in docs), "inferred targets"),
        (len(agencies), "agencies"),
        (sum(d["citations"] for d in docs), "citations"),
    ]
    body = (
        tag("header", tag("h1", esc(title)) + tag("div", "policyparse corpus report", class_="sub"))
        + tag(
            "main",
            tag(
                "div",
                "".join(
                    tag("div", tag("b", str(n)) + tag("span", esc(label)), class_="card")
                    for n, label in cards
                ),
                class_="cards",
            )
            + tag("h2", "Targets per year" + (f" ({no_year} without a year)" if no_year else ""))
            + year_chart(targets)
            + tag("h2", "Documents")
            + documents_table(docs)
            + tag("h2", f"Targets ({len(targets)})")
            + targets_section(targets)
            + tag("h2", f"Agency workload ({len(agencies)})")
            + agencies_section(agencies),
        )
        + tag("output", "", id="autotest")
    )
    return page(title, REPORT_CSS, body, REPORT_JS)
