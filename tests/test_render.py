"""The review page (render) and the corpus dashboard (report): well-formed HTML,
every span highlighted at exactly its place, text escaped, CLI entries."""

from __future__ import annotations

import json
from collections import defaultdict
from html.parser import HTMLParser

import lxml.html
import pytest
from conftest import CORPUS, CORPUS_FILES

from policyparse.cli import main
from policyparse.render import (
    VOID,
    collect_marks,
    highlight,
    render_html,
    target_reading,
    walk_sections,
)
from policyparse.report import load_folder, report_html


class StrictChecker(HTMLParser):
    """Every start tag closed by its own end tag, in order; ids unique."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id":
                if v in self.ids:
                    self.errors.append(f"duplicate id {v}")
                self.ids.add(v)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(
                f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at {self.getpos()}"
            )
        else:
            self.stack.pop()


def assert_balanced(html: str) -> None:
    c = StrictChecker()
    c.feed(html)
    c.close()
    assert c.errors == []
    assert c.stack == []


def assert_well_formed(html: str) -> None:
    assert_balanced(html)
    assert html.startswith("<!DOCTYPE html>")
    assert (
        "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        and "https://" not in html
    )


def spanned(data):
    """(kind, doc, index, span) of every heading (section), assignment, target and citation."""
    for d, doc in enumerate(data["documents"]):
        for i, s in enumerate(walk_sections(doc["sections"])):
            yield "section", d, i, s["span"]
        for kind in ("assignment", "target", "citation"):
            for i, obj in enumerate(doc[kind + "s"]):
                yield kind, d, i, obj["span"]


def check_spans(data, html, whole: bool = True) -> None:
    """Each object is one element whose text is text[start:end]; fragments of any mark add up to its span."""
    text = data["text"]
    root = lxml.html.fromstring(html)
    by_key = {}
    pieces = defaultdict(str)
    ends = {}
    for el in root.xpath('//*[@id="text"]//*[@data-kind]'):
        key = (el.get("data-kind"), el.get("data-doc"), el.get("data-index"), el.get("data-start"))
        pieces[key] += el.text_content()
        ends[key] = int(el.get("data-end"))
        if not el.get("data-part"):
            by_key[key] = el
    for key, s in pieces.items():
        assert s == text[int(key[3]) : ends[key]], key
    if not whole:
        return
    n = 0
    for kind, d, i, sp in spanned(data):
        el = by_key[(kind, str(d), str(i), str(sp["start"]))]
        assert int(el.get("data-end")) == sp["end"]
        assert el.text_content() == text[sp["start"] : sp["end"]], (kind, d, i)
        n += 1
    assert n == sum(1 for _ in spanned(data))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_page_well_formed_and_spans_in_place(path, parsed_corpus):
    data = parsed_corpus[path.name].model_dump(mode="json")
    html = render_html(data)
    assert_well_formed(html)
    check_spans(data, html)
    root = lxml.html.fromstring(html)
    # the outline links to every heading, the side list to every target
    for d, doc in enumerate(data["documents"]):
        for i, _s in enumerate(walk_sections(doc["sections"])):
            assert root.xpath(f'//nav//a[@href="#d{d}-h{i}"]')
            assert root.get_element_by_id(f"d{d}-h{i}").get("data-kind") == "heading"
        for i, t in enumerate(doc["targets"]):
            (el,) = root.xpath(f'//*[@id="d{d}-t{i}"]')
            assert el.get("title") == target_reading(t)
            assert root.xpath(f'//aside//a[@href="#d{d}-t{i}"]')
            assert ("inferred" in el.get("class").split()) == t["inferred"]
        for i, a in enumerate(doc["assignments"]):
            (el,) = root.xpath(f'//*[@id="d{d}-a{i}"]')
            leads = [x.text_content() for x in el.xpath('.//*[@data-kind="lead"]')]
            assert len(leads) <= len(a["lead"])
            assert all(
                x.get("data-kind") in ("lead", "support", "target", "citation", "repair")
                for x in el.xpath(".//*[@data-kind]")
            )


def test_lead_and_support_distinguished(parsed_corpus):
    data = parsed_corpus["001_51fae38dd57fd7e4.txt"].model_dump(mode="json")
    root = lxml.html.fromstring(render_html(data))
    a = next(
        (i, a)
        for i, a in enumerate(data["documents"][0]["assignments"])
        if a["lead"] and a["support"]
    )
    el = root.get_element_by_id(f"d0-a{a[0]}")
    assert [x.text_content() for x in el.xpath('.//*[@data-kind="lead"]')][:1] == [
        a[1]["lead"][0]["raw"]
    ]
    assert el.xpath('.//*[@data-kind="support"]')


def test_repairs_marked(parsed_corpus):
    data = parsed_corpus["002_a1c8db2d6f6467ff.txt"].model_dump(mode="json")
    html = render_html(data)
    root = lxml.html.fromstring(html)
    kinds = {el.get("data-repair") for el in root.xpath('//*[@data-kind="repair"]')}
    assert {"dedupe", "decimal", "unit", "heading"} <= kinds
    with_span = [r for r in data["repairs"] if r["span"]]
    assert len(root.xpath('//*[@id="text"]//*[@data-kind="repair"][not(@data-part)]')) == len(
        with_span
    )
    assert len(root.xpath("//aside//details[summary[starts-with(., 'Repairs')]]//li")) == len(
        data["repairs"]
    )
    assert root.xpath('//*[@data-kind="target"][contains(@class, "inferred")]')


def _doc(text, **objs):
    span = lambda s, e: {"start": s, "end": e, "source_start": s, "source_end": e}  # noqa: E731
    doc = {
        "title": "T",
        "doc_number": None,
        "issuer": None,
        "date": None,
        "is_draft": False,
        "span": span(0, len(text)),
        "sections": [],
        "assignments": [],
        "targets": [],
        "citations": [],
    }
    for k, v in objs.items():
        doc[k] = v
    return {
        "version": "x",
        "source": {"path": None, "format": "txt"},
        "text": text,
        "repairs": [],
        "documents": [doc],
    }, span


def test_escapes_script_and_markup():
    text = "一、总则<script>alert(1)</script>\r\n到2025年，<b>覆盖率</b>达到90%以上。"
    data, span = _doc(text)
    s = text.index("到")
    e = text.index("。")
    data["documents"][0]["targets"] = [
        {
            "path": ["一"],
            "indicator": "<b>覆盖率</b>",
            "value": 90.0,
            "value_max": None,
            "unit": "%",
            "comparator": ">=",
            "year": 2025,
            "deadline": None,
            "kind": "target",
            "verb": None,
            "inferred": False,
            "raw": text[s:e],
            "span": span(s, e),
        }
    ]
    data["documents"][0]["sections"] = [
        {
            "marker": "一、",
            "path": ["一"],
            "level": 1,
            "title": "总则<script>alert(1)</script>",
            "style": "cn",
            "span": span(0, len(text)),
            "children": [],
        }
    ]
    html = render_html(data)
    assert "<script>alert" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_well_formed(html)
    check_spans(data, html)
    root = lxml.html.fromstring(html)
    assert (
        root.get_element_by_id("d0-t0").get("title").startswith("<b>覆盖率</b> · 90% · >= · 2025")
    )
    assert root.get_element_by_id("d0-h0").text_content() == "一、总则<script>alert(1)</script>"


def test_crossing_spans_split_into_pieces():
    text = "0123456789"
    data, span = _doc(text)
    data["repairs"] = [
        {"kind": "heading", "detail": "x", "span": span(1, 4)},
        {"kind": "line-join", "detail": "y", "span": span(5, 5)},
    ]
    data["documents"][0]["citations"] = [
        {"title": None, "doc_number": None, "raw": text[3:8], "span": span(3, 8)},
        {"title": None, "doc_number": None, "raw": text[6:9], "span": span(6, 9)},
    ]
    html = highlight(text, collect_marks(data))
    root = lxml.html.fromstring(f"<div>{html}</div>")
    assert root.text_content() == text
    assert_balanced(html)
    check_spans(data, render_html(data), whole=False)
    # the repair (lower rank) is split around the citation, the citation stays whole
    assert root.get_element_by_id("d0-c0").text_content() == "34567"
    assert len(root.xpath('//*[@data-kind="repair"][@data-start="1"]')) == 2
    # of two crossing citations the later one is split
    assert [
        x.text_content() for x in root.xpath('//*[@data-kind="citation"][@data-index="1"]')
    ] == ["67", "8"]


def test_marks_out_of_bounds_ignored():
    data, span = _doc("abc")
    data["documents"][0]["citations"] = [
        {"title": None, "doc_number": None, "raw": "zz", "span": span(2, 9)}
    ]
    html = render_html(data)
    assert "d0-c0" not in html and '<span class="nolink">' in html


def test_cli_render_from_input_and_from_json(tmp_path, capsys):
    src = CORPUS / "004_7987ea6d96b72cd9.txt"
    page1 = tmp_path / "a.html"
    assert main(["render", str(src), "-o", str(page1)]) == 0
    assert main(["parse", str(src)]) == 0
    saved = tmp_path / "saved.json"
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    page2 = tmp_path / "b.html"
    assert main(["render", str(saved), "-o", str(page2)]) == 0
    html = page2.read_text(encoding="utf-8")
    assert html == page1.read_text(encoding="utf-8")
    data = json.loads(saved.read_text(encoding="utf-8"))
    check_spans(data, html)
    assert "桂政办发〔2021〕96号" in html


def test_cli_render_errors(tmp_path, capsys):
    assert main(["render", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.html")]) == 2
    assert "missing.txt" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text(
        '{"a": 1}', encoding="utf-8"
    )  # JSON but not a ParsedFile: parsed as a text input
    assert main(["render", str(other), "-o", str(tmp_path / "y.html")]) == 0


# ---------------------------------------------------------------- report


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["convert", str(CORPUS), "-o", str(out), "-q", "-j", "0"]) == 0
    return out


def test_report_lists_every_target_and_agency(converted):
    items, failed = load_folder(converted)
    assert failed == 0 and len(items) == len(CORPUS_FILES)
    html = report_html(items)
    assert_well_formed(html)
    root = lxml.html.fromstring(html)
    docs = [doc for _, data in items for doc in data["documents"]]
    rows = root.xpath('//table[@id="targets"]/tbody/tr')
    assert len(rows) == sum(len(d["targets"]) for d in docs)
    assert {r.get("data-kind") for r in rows} <= {"target", "baseline", "deadline"}
    years = {r.get("data-year") for r in rows} - {""}
    assert {o.get("value") for o in root.xpath('//select[@id="f-year"]/option')} == years | {""}
    assert len(root.xpath('//table[@id="documents"]/tbody/tr')) == len(docs)
    agencies = root.xpath('//table[@id="agencies"]/tbody/tr')
    keys = {
        a.get("key") or a["name"]
        for d in docs
        for x in d["assignments"]
        if x.get("explicit", True)
        for a in x["lead"] + x["support"]
    }
    assert {r[0].text_content() for r in agencies} == keys
    bars = root.xpath('//*[local-name()="svg"]//*[@class="bar"]')
    assert {b.get("data-year") for b in bars} == years


def test_report_agency_counts_match_agency_index(converted):
    from policyparse.agencies import agency_index
    from policyparse.models import ParsedFile

    items, _ = load_folder(converted)
    from policyparse.report import agency_rows

    mine = {r["key"]: (r["led"], r["supported"]) for r in agency_rows(items)}
    theirs = {
        r["key"]: (r["lead_count"], r["support_count"])
        for r in agency_index([ParsedFile.model_validate(d) for _, d in items])
    }
    assert mine.keys() == theirs.keys()
    differ = [k for k in mine if mine[k] != theirs[k]]
    # agency_index merges two notes with the same words and path; otherwise equal
    assert all(mine[k][0] >= theirs[k][0] and mine[k][1] >= theirs[k][1] for k in differ)


def test_cli_report(converted, tmp_path, capsys):
    out = tmp_path / "report.html"
    (converted / "broken.json").write_text("{not json", encoding="utf-8")
    try:
        assert main(["report", str(converted), "-o", str(out)]) == 1
        assert "broken.json" in capsys.readouterr().err
    finally:
        (converted / "broken.json").unlink()
    assert main(["report", str(converted), "-o", str(out), "--title", "医改 <corpus>"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>医改 &lt;corpus&gt;</title>" in html
    assert main(["report", str(tmp_path / "nope"), "-o", str(out)]) == 2


def test_citation_of_a_document_in_the_same_file_links_to_it():
    from policyparse import parse_text

    text = (
        "某省人民政府关于印发某省卫生健康事业发展规划的通知\n"
        "某政发〔2021〕5号\n"
        "各市人民政府：\n"
        "一、总体要求\n"
        "到2025年，人均预期寿命达到79岁。\n"
        + "各地要加强组织领导，明确责任分工，确保各项任务落到实处。\n" * 6
        + "某省人民政府\n"
        "2021年3月1日\n"
        "某省卫生健康委员会关于落实规划的实施意见\n"
        "某卫发〔2021〕9号\n"
        "一、工作任务\n"
        "按照《某省人民政府关于印发某省卫生健康事业发展规划的通知》（某政发〔2021〕5号）要求，"
        "落实国务院文件（国发〔2016〕78号）。\n"
    )
    data = parse_text(text).model_dump(mode="json")
    docs = data["documents"]
    assert len(docs) == 2
    from policyparse.render import resolve_citations

    links = resolve_citations(data)
    cites = docs[1]["citations"]
    own = [i for i, c in enumerate(cites) if (c.get("doc_number") or {}).get("key") == docs[0]["doc_number"]["key"]]
    assert own and all(links[(1, i)] == 0 for i in own)
    external = [i for i, c in enumerate(cites) if "78" in (c.get("raw") or "")]
    assert external and all((1, i) not in links for i in external)
    page = lxml.html.fromstring(render_html(data))
    hrefs = [a.get("href") for a in page.xpath("//a[contains(@class, 'cited')]")]
    assert hrefs and set(hrefs) == {"#d0"}
    assert page.xpath("//*[@id='d0']")
