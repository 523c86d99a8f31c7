"""Legacy Word (.doc) and WPS (.wps): policyparse/readers/doc.py.

The files in fixtures_read/doc were written by LibreOffice 7 from the .html / .fodt
beside them (``soffice --headless --convert-to 'doc:MS Word 97' X``): real Word 97 files
with a table, a hyperlink field, a footnote, a header and a footer, and lists numbered by
Word (一、 （一） 1.).  The other cases are
built by fixtures_read.builders (a minimal compound file holding a WordDocument stream).
"""

from __future__ import annotations

import random
import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import doc_from_pieces, ole_from_streams  # noqa: E402

import policyparse  # noqa: E402
from policyparse.errors import CorruptInput, UnsupportedFormat  # noqa: E402
from policyparse.read import read_bytes, read_file  # noqa: E402
from policyparse.readers.doc import read_doc  # noqa: E402

DOCS = Path(__file__).parent / "fixtures_read" / "doc"


def test_a_word_97_notice_reads_as_its_text_with_table_rows() -> None:
    r = read_file(DOCS / "notice_with_table.doc")
    assert (r.format, r.encoding) == ("doc", None)
    assert r.text.splitlines() == [
        "某县人民政府办公室关于印发某县2024年卫生健康工作要点的通知",
        "某政办发〔2024〕8号",
        "一、总体目标",
        "到2024年底，全县家庭医生签约服务覆盖率达到75%以上。（县卫生健康局牵头，县医保局配合）",
        "二、重点任务",
        "（一）加强基层建设。各乡镇卫生院要在2024年6月底前完成改造。",
        "序号\t工作任务\t牵头单位\t完成时限",
        "1\t推进医共体建设\t县卫生健康局\t2024年10月底前",
        "2\t\t县医保局\t2024年12月底前",  # an empty cell keeps its column
        "某县人民政府办公室",
        "2024年2月20日",
    ]


def test_a_word_97_notice_parses_end_to_end() -> None:
    pf = policyparse.parse_file(DOCS / "notice_with_table.doc")
    (doc,) = pf.documents
    assert pf.source.format == "doc"
    assert (doc.doc_number.raw, doc.issuer, doc.date) == ("某政办发〔2024〕8号", "某县人民政府办公室", "2024-02-20")
    assert [([a.name for a in x.lead], [a.name for a in x.support]) for x in doc.assignments][0] == (
        ["县卫生健康局"], ["县医保局"])
    assert [(t.indicator, t.value, t.unit, t.year) for t in doc.targets if t.value is not None] == [
        ("家庭医生签约服务覆盖率", 75.0, "%", 2024)]
    assert ("推进医共体建设", "2024-10") in [(t.indicator, t.deadline) for t in doc.targets]


def test_fields_keep_their_results_and_notes_headers_footers_stay_out() -> None:
    text = read_file(DOCS / "fields_notes_headers.doc").text
    assert "根据《国务院办公厅关于推动公立医院高质量发展的意见》（国办发〔2021〕18号）要求，制定本方案。" in text  # a hyperlink
    assert "HYPERLINK" not in text and "example.gov.cn" not in text
    for outside in ("页眉文字", "脚注文字", "第1页"):
        assert outside not in text
    assert "1\t电子病历 应用水平\t4级" in text.splitlines()  # a cell's two paragraphs, one cell
    assert "Health Commission notice, English words stay as written." in text
    assert not any(c in text for c in "\x07\x13\x14\x15\r\x02")


def test_numbers_word_generates_from_list_formatting_are_written_out() -> None:
    """一、 （一） 1. made by list levels (no marker in the text itself), as the .docx reader
    writes them, so the heading tree is found."""
    assert read_file(DOCS / "auto_numbered_lists.doc").text.splitlines() == [
        "某市卫生健康事业发展规划",
        "一、发展基础",
        "（一）取得的成就",
        "1.到2020年，人均预期寿命达到78岁。",
        "2.健康服务能力明显提升。",
        "（二）面临的形势",
        "二、主要任务",
        "（一）加强基层建设",  # a deeper level starts again under a new parent
        "正文段落。",
    ]
    (doc,) = policyparse.parse_file(DOCS / "auto_numbered_lists.doc").documents

    def paths(sections):
        return [p for s in sections for p in [s.path, *paths(s.children)]]

    assert paths(doc.sections) == [["一"], ["一", "（一）"], ["一", "（一）", "1"], ["一", "（一）", "2"],
                                   ["一", "（二）"], ["二"], ["二", "（一）"]]


def test_pieces_stored_as_8_bit_and_as_utf_16_join() -> None:
    data = doc_from_pieces([("Plan 2025: caf\xe9\r", True), ("一、目标\r到2025年达到90%。\r", False)])
    assert read_doc(data)[0] == "Plan 2025: café\n一、目标\n到2025年达到90%。\n"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("链接：\x13 HYPERLINK \"http://a\" \x14《通知》\x15。\r", "链接：《通知》。\n"),
        ("第\x13 PAGE \x15页\r", "第页\n"),  # a field without a result
        ("\x13 IF \x13 DATE \x142024\x15 \x14结果\x15\r", "结果\n"),  # nested
        ("行一\x0b行二\x0c下一节\r", "行一\n行二\n下一节\n"),
        ("图\x01片\x08与脚注\x02号\r", "图片与脚注号\n"),
        ("不间断\xa0空格与\x1e连字符\r", "不间断 空格与-连字符\n"),
    ],
)
def test_word_control_characters(written: str, read: str) -> None:
    assert read_doc(doc_from_pieces([(written, False)]))[0] == read


def test_only_the_main_document_is_read() -> None:
    """Footnotes and headers follow the main text's ccpText characters."""
    data = doc_from_pieces([("正文。\r", False), ("脚注。\r", False)], main=4)
    assert read_doc(data)[0] == "正文。\n"


def test_a_word_95_document_is_named_not_misread() -> None:
    data = bytearray(doc_from_pieces([("正文\r", False)]))
    k = data.find(struct.pack("<HH", 0xA5EC, 0x00C1))
    struct.pack_into("<H", data, k + 2, 0x0065)  # nFib of Word 6.0/95
    with pytest.raises(UnsupportedFormat, match="Word 6.0/95"):
        read_doc(bytes(data))


def test_the_0table_stream_is_used_when_the_header_says_so() -> None:
    assert read_doc(doc_from_pieces([("正文\r", False)], flags=0))[0] == "正文\n"


def test_a_wps_file_in_word_format_is_read_and_walked(tmp_path: Path) -> None:
    from policyparse.batch import convert

    src = tmp_path / "in"
    src.mkdir()
    (src / "通知.wps").write_bytes((DOCS / "notice_with_table.doc").read_bytes())
    (src / "plan.doc").write_bytes(doc_from_pieces([("某市方案\r一、目标\r到2025年，覆盖率达到90%。\r", False)]))
    s = convert([src], tmp_path / "out", jobs=0)
    assert (s.total, s.converted, s.failed) == (2, 2, 0)


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (doc_from_pieces([("x\r", False)], flags=0x0200 | 0x0100), UnsupportedFormat, "encrypted"),
        (ole_from_streams({"Workbook": b"\0" * 600}), UnsupportedFormat, ".xls"),  # Excel
        (ole_from_streams({"WordDocument": b"\0" * 600, "1Table": b""}), CorruptInput, "header"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, CorruptInput, "sector size"),
        (doc_from_pieces([("正文\r", False)])[:1100], CorruptInput, "truncated"),
    ],
)
def test_damaged_and_foreign_ole_files_are_named_errors(data: bytes, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        read_bytes(data, name="x.doc")


def test_a_looping_sector_chain_is_refused() -> None:
    data = bytearray(doc_from_pieces([("正文\r", False)]))
    fat_at = (struct.unpack_from("<I", data, 0x4C)[0] + 1) * 512
    struct.pack_into("<I", data, fat_at, 0)  # sector 0 -> sector 0
    with pytest.raises(CorruptInput, match="chain"):
        read_doc(bytes(data))


def test_a_piece_table_going_backwards_is_refused() -> None:
    data = bytearray(doc_from_pieces([("第一段\r", False), ("第二段\r", False)]))
    k = data.find(struct.pack("<III", 0, 4, 8))  # the piece table's character positions
    struct.pack_into("<III", data, k, 0, 4, 2)
    with pytest.raises(CorruptInput, match="backwards"):
        read_doc(bytes(data))


def test_random_damage_gives_named_errors_only() -> None:
    """Bytes overwritten anywhere (header, allocation table, directory, FIB, piece table):
    text or a named error, never another exception, and quickly."""
    import time

    base = (DOCS / "notice_with_table.doc").read_bytes()
    rng = random.Random(7)
    for _ in range(400):
        d = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(d) - 4)
            struct.pack_into("<I", d, i, rng.choice([0, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, rng.randrange(1 << 32)]))
        t = time.perf_counter()
        try:
            read_doc(bytes(d))
        except (CorruptInput, UnsupportedFormat):
            pass
        assert time.perf_counter() - t < 2


def test_an_encrypted_docx_in_an_ole2_wrapper_is_named() -> None:
    data = ole_from_streams({"EncryptionInfo": b"\0" * 600, "EncryptedPackage": b"\0" * 600})
    with pytest.raises(UnsupportedFormat, match="password"):
        read_bytes(data, name="x.docx")


def test_a_hostile_list_start_is_clamped_as_it_is_read() -> None:
    """A list level starting at 2^31-1 (read from the file's bytes) is clamped to Word's 32767."""
    from policyparse.readers.doc import MAX_LIST_NUMBER, _levels

    lvl = struct.pack("<iBB", 2**31 - 1, 3, 0) + bytes(22) + struct.pack("<H", 2) + "\x00.".encode("utf-16-le")
    level, end = _levels(lvl, 0, len(lvl))
    assert (level.start, level.fmt, level.text, end) == (MAX_LIST_NUMBER, "upperLetter", "\x00.", len(lvl))


def test_numbered_cells_keep_their_rows() -> None:
    """A table whose 序号 cells are Word list paragraphs (LibreOffice from the .html beside it):
    the numbers go in after the rows are found (inserting them first shifted the row marks,
    and every row after the first numbered cell ran into one line)."""
    assert read_file(DOCS / "numbered_cells_table.doc").text.splitlines() == [
        "表格", "序号\t任务\t牵头单位", "1.甲\t完成改造\t县卫健局", "2.乙\t建设平台\t县医保局",
        "丙\t开展培训\t县教育局", "结束"]


def test_a_version_4_compound_file_is_read() -> None:
    """4096-byte sectors (a small one too: its allocation table holds more entries than the
    file has sectors)."""
    assert read_doc(doc_from_pieces([("各县人民政府要加快建设。\r", False)], shift=12))[0] == "各县人民政府要加快建设。\n"


def test_a_negative_property_size_in_the_piece_table_is_refused_not_a_hang() -> None:
    data = doc_from_pieces([("正文\r", False)], prc=b"\x01" + struct.pack("<h", -3))
    with pytest.raises(CorruptInput, match="negative"):
        read_doc(data)


def test_deeply_nested_fields_cost_linear_time() -> None:
    import time

    t = time.perf_counter()
    assert read_doc(doc_from_pieces([("\x13\x14" * 40_000 + "结果\r", False)]))[0] == "结果\n"
    assert time.perf_counter() - t < 2


def test_a_property_page_named_by_many_entries_is_read_once() -> None:
    import time

    from policyparse.readers.doc import _paragraph_fcs

    word = bytes(512 * 4)
    n = 20_000
    plc = struct.pack(f"<{n + 1}I", *range(n + 1)) + struct.pack(f"<{n}I", *([1] * n))
    t = time.perf_counter()
    assert _paragraph_fcs(word, plc, 0, len(plc)) == ([], [], [])
    assert time.perf_counter() - t < 1


def test_a_table_definition_over_255_bytes_is_stepped_over_whole() -> None:
    """sprmTDefTable's size takes two bytes: a wide table's row-end properties are read past
    it (its low byte alone landed inside it)."""
    from policyparse.readers.doc import _papx_flags

    grp = struct.pack("<H", 0) + struct.pack("<HH", 0xD608, 300) + bytes(299) + struct.pack("<HB", 0x2417, 1)
    page = bytearray(512)
    page[100] = 0
    page[101] = (len(grp) + 1) // 2
    page[102 : 102 + len(grp)] = grp
    assert _papx_flags(bytes(page), 100)[:2] == (False, True)


def test_list_numbers_are_bounded() -> None:
    """A level text of nine placeholders in a lettered format at the largest start would write
    thousands of letters per paragraph: no number that long is written."""
    from policyparse.readers.doc import MAX_LABEL, MAX_LIST_NUMBER, _Level, _Numbers

    levels = [_Level(MAX_LIST_NUMBER, 3, "".join(map(chr, range(9))), False, 2) for _ in range(9)]
    n = _Numbers({1: levels}, [(1, {})])
    assert n.label(1, 8) == ""
    short = _Numbers({1: [_Level(3, 3, "\x00.", False, 2)]}, [(1, {})])
    assert short.label(1, 0) == "C." and len(short.label(1, 0)) <= MAX_LABEL


def test_damaged_list_tables_only_cost_the_numbers() -> None:
    from policyparse.readers.doc import _lists

    word = bytearray(0x400)
    struct.pack_into("<II", word, 0x2E2, 0, 30)  # one list, its levels cut short
    table = struct.pack("<h", 1) + bytes(28) + bytes(10)
    with pytest.raises(CorruptInput):
        _lists(bytes(word), table)


def test_an_override_restarting_a_list_counts_from_its_start() -> None:
    """Two list format overrides of one list, the second restarting level 0 at 1 (how Word
    saves 重新开始编号): its items count from 1 again."""
    from policyparse.readers.doc import _Level, _Numbers

    n = _Numbers({7: [_Level(1, 0, "\x00.", False, 2)]}, [(7, {}), (7, {0: 1})])
    assert [n.label(1, 0), n.label(1, 0), n.label(2, 0), n.label(2, 0)] == ["1.", "2.", "1.", "2."]


def test_a_word_2003_xml_document_saved_as_doc_reads_as_its_text() -> None:
    """WordprocessingML 2003 (one XML file; sites serve it as .doc): its body read as a .docx's
    is, through wx:sect (it was read as text with all its tags); a DOCTYPE is refused."""
    data = (DOCS / "word_2003_xml.doc").read_bytes()
    r = read_bytes(data, name="通知.doc")
    assert r.format == "wordml"
    assert r.text.splitlines() == [
        "某县人民政府办公室关于印发某方案的通知",
        "一、工作目标",
        "到2025年，覆盖率达到95%以上。（县卫生健康局牵头，县财政局配合）",
        "序号\t工作任务\t牵头单位",
        "1\t推进改革\t县医保局",
    ]
    with pytest.raises(CorruptInput, match="DOCTYPE"):
        read_bytes(data.replace(b"<w:wordDocument", b"<!DOCTYPE x [<!ENTITY a 'b'>]><w:wordDocument", 1), name="a.doc")
