"""The whole pipeline on HTML / DOCX / OFD copies of corpus files gives the same documents
(titles and heading paths) as on the original .txt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import CORPUS, corpus_text, docx_from_text, html_page, ofd_from_text  # noqa: E402

try:
    from policyparse import parse_file
except ImportError:  # the pipeline is being written alongside; skip only if it is missing
    parse_file = None

CASES = {
    "004_7987ea6d96b72cd9.txt": "广西壮族自治区人民政府办公厅关于印发广西深化医药卫生体制改革2021年重点工作任务的通知",
    "001_51fae38dd57fd7e4.txt": "固原市深化医药卫生体制改革工作领导小组文件",
    "003_bbee473a6d319f37.txt": None,
}


def _flat(sections):
    for s in sections:
        yield s
        yield from _flat(s.children)


def _shape(parsed):
    return [(doc.title, [tuple(s.path) for s in _flat(doc.sections)]) for doc in parsed.documents]


@pytest.mark.skipif(parse_file is None, reason="policyparse.parse_file is not importable yet")
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("fmt", ["html", "docx", "ofd"])
def test_same_titles_and_heading_paths_as_the_txt(tmp_path, name, fmt):
    src = CORPUS / name
    text = corpus_text(src)
    first = next(ln.strip() for ln in text.splitlines() if ln.strip())
    title = CASES[name] or first
    if fmt == "html":
        data = html_page(
            text,
            title=title,
            info={"索引号": "000014349/2021-00123", "发文字号": "桂政办发〔2021〕96号"},
        )
    elif fmt == "docx":
        data = docx_from_text(text, title=title)
    else:
        data = ofd_from_text(text, title=title)
    path = tmp_path / f"{src.stem}.{fmt}"
    path.write_bytes(data)
    expected = parse_file(src)
    got = parse_file(path)
    assert got.source.format == fmt
    assert _shape(got) == _shape(expected)
    assert sum(len(list(_flat(d.sections))) for d in expected.documents) > 0


@pytest.mark.skipif(parse_file is None, reason="policyparse.parse_file is not importable yet")
def test_docx_with_word_list_numbering_gives_the_same_heading_tree(tmp_path):
    src = CORPUS / "004_7987ea6d96b72cd9.txt"
    path = tmp_path / "numbered.docx"
    path.write_bytes(docx_from_text(corpus_text(src), word_numbering=True))
    assert _shape(parse_file(path)) == _shape(parse_file(src))
