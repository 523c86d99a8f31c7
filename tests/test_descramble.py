"""Damaged copies: repeated documents and scrambled punctuation (issue 3)."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from conftest import CORPUS, flat_sections
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.descramble import find_copies, is_scrambled

SEPARATORS = [",", "。", ".", "、", " "]
_PUNCT = set("，。、；：！？“”‘’《》（）()【】〔〕,.;:!?%‰—-…·「」『』")


def scramble(text: str, rng: random.Random) -> str:
    """Drop line breaks and replace every punctuation mark by a random separator (as in the 辽宁 file)."""
    out = []
    for ch in text:
        if ch == "\n":
            continue
        if ch in _PUNCT:
            out.append(rng.choice(SEPARATORS))
        else:
            out.append(ch)
    return "".join(out)


def _paths(pf):
    return Counter(tuple(s.path) for d in pf.documents for s in flat_sections(d.sections))


def _clean_documents():
    out = []
    for name in ("000_a0d76618a303aa9e.txt", "001_51fae38dd57fd7e4.txt", "003_bbee473a6d319f37.txt", "004_7987ea6d96b72cd9.txt"):
        pf = policyparse.parse_file(CORPUS / name)
        for i, d in enumerate(pf.documents):
            out.append(pytest.param(pf.text[d.span.start : d.span.end], id=f"{name[:3]}-doc{i}"))
    return out


@pytest.mark.parametrize("clean", _clean_documents())
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), copies=st.integers(1, 3))
def test_scrambled_copies_keep_the_heading_tree(clean, seed, copies):
    rng = random.Random(seed)
    expected = _paths(policyparse.parse_text(clean))
    damaged = "".join(scramble(clean, rng) for _ in range(copies))
    got = _paths(policyparse.parse_text(damaged))
    agree = sum((expected & got).values())
    missing = sorted(expected - got)[:10]
    assert agree >= 0.95 * sum(expected.values()), f"{agree}/{sum(expected.values())} headings kept; missing {missing}"


def test_liaoning_one_document_full_tree():
    pf = policyparse.parse_file(CORPUS / "002_a1c8db2d6f6467ff.txt")
    assert len(pf.documents) == 1
    d = pf.documents[0]
    assert d.title == "辽宁省人民政府关于印发辽宁省十三五期间深化医药卫生体制改革实施方案的通知"
    assert d.issuer == "辽宁省人民政府"
    assert d.date == "2017-06-29"
    assert [(s.path, s.title) for s in d.sections] == [(["一"], "总体要求"), (["二"], "重点任务"), (["三"], "保障措施")]
    assert [s.title for s in d.sections[0].children] == ["指导思想", "主要目标"]
    task = d.sections[1].children
    assert [s.path[-1] for s in task] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert [len(s.children) for s in task] == [5, 5, 6, 5, 5, 8]
    assert task[0].children[0].path == ["二", "（一）", "1"] and task[0].children[0].title == "建立家庭医生签约服务制度"
    assert [s.title for s in d.sections[2].children] == ["强化组织领导", "强化责任落实", "强化改革探索", "强化督查评估", "强化宣传引导"]


def test_liaoning_spans_index_merged_text_and_first_copy():
    src = (CORPUS / "002_a1c8db2d6f6467ff.txt").read_text(encoding="utf-8")
    pf = policyparse.parse_text(src)
    copy_len = 14101
    assert len(pf.text) < copy_len + 100  # one copy, not three
    for s in flat_sections(pf.documents[0].sections):
        assert s.span.source_end <= copy_len
        assert s.title[:2] in src[s.span.source_start : s.span.source_end]
    kinds = Counter(r.kind for r in pf.repairs)
    assert kinds["dedupe"] == 1 and kinds["scrambled"] == 1 and kinds["heading"] >= 50


@pytest.mark.parametrize(
    "damaged,restored,kind",
    [
        ("孕产妇死亡率控制在11,10万以下", "11/10万以下", "number"),
        ("婴儿死亡率控制在5,5 以下", "5.5‰以下", "decimal"),
        ("覆盖率达到30,以上", "30%以上", "unit"),
        ("总体降到30。左右", "30%左右", "unit"),
        ("卫生院以及70、的村卫生室", "70%的村卫生室", "unit"),
        ("规划、2015 2020年 的通知", "2015—2020年", "number"),
        ("通知 辽政办发。2015、107号,优化", "辽政办发〔2015〕107号", "number"),
        ("每个乡镇卫生院至少有2,3名全科医生", "2—3名", "number"),
        ("按照每千常住人口不低于1,5张床位预留", "不低于1.5张", "decimal"),  # a bound takes one number
        ("每千人口执业医师数达到2。5名", "达到2.5名", "decimal"),
        ("对医疗卫生机构监督检查实现100,覆盖", "实现100%覆盖", "unit"),  # 实现N覆盖: a share
        ("提供特需服务的比例不超过全部医疗服务的10、探索建立机制", "的10%，探索", "unit"),
        ("全年完成建设任务的10、项目通过验收", "的10，项目", "punctuation"),  # no share named: no sign
    ],
)
def test_number_repairs(damaged, restored, kind):
    filler = "坚持保基本.强基层 建机制。坚持政府主导和发挥市场机制作用相结合 坚持推进供给侧结构性改革.坚持医疗、医保.医药三医联动,"
    pf = policyparse.parse_text(filler * 3 + damaged + "," + filler * 3)
    assert restored in pf.text
    assert kind in {r.kind for r in pf.repairs}


def test_clean_text_is_not_scrambled():
    for p in sorted(CORPUS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        assert is_scrambled(text) == p.name.startswith("002"), p.name


def test_legitimate_repetition_is_kept():
    para = "各地要加强组织领导，明确责任分工，确保各项任务落到实处。" * 3
    title = "某某市关于进一步加强基层医疗卫生服务能力建设的实施意见\n"
    text = title + title + "一、总体要求\n" + para + "\n二、重点任务\n" + para + "\n"
    assert find_copies(text) is None
    assert policyparse.parse_text(text).text.count(para) == 2


def test_repeated_clean_document_merged():
    clean = (CORPUS / "004_7987ea6d96b72cd9.txt").read_text(encoding="utf-8")
    pf = policyparse.parse_text(clean + "\n" + clean)
    assert len(pf.documents) == 1
    assert any(r.kind == "dedupe" for r in pf.repairs)
    assert _paths(pf) == _paths(policyparse.parse_text(clean))


def test_liaoning_targets_restored_and_marked_inferred():
    pf = policyparse.parse_file(CORPUS / "002_a1c8db2d6f6467ff.txt")
    by_ind = {t.indicator: t for t in pf.documents[0].targets if t.value is not None}
    infant = by_ind["婴儿死亡率"]
    assert (infant.value, infant.unit, infant.comparator, infant.year, infant.inferred) == (5.5, "‰", "<=", 2020, True)
    maternal = by_ind["孕产妇死亡率"]
    assert (maternal.value, maternal.unit, maternal.comparator, maternal.inferred) == (11, "/10万", "<=", False)
    signing = by_ind["家庭医生签约服务覆盖率"]
    assert (signing.value, signing.unit, signing.comparator, signing.year, signing.inferred) == (30, "%", ">=", 2017, True)
    life = by_ind["城乡居民人均预期寿命"]
    assert (life.value, life.unit, life.inferred) == (80, "岁", False)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), copies=st.integers(2, 3), insert=st.booleans())
def test_quick_gate_never_hides_copies(seed, copies, insert):
    """_may_repeat is a necessary condition: any text find_copies merges passes it,
    including copies whose scrambling put separators where the first copy had none."""
    from policyparse.descramble import _may_repeat

    rng = random.Random(seed)
    clean = (CORPUS / "004_7987ea6d96b72cd9.txt").read_text(encoding="utf-8")
    parts = []
    for _ in range(copies):
        s = scramble(clean, rng)
        if insert:  # separators inside the opening words of this copy
            s = "".join(ch + (rng.choice(SEPARATORS) if i < 40 and rng.random() < 0.3 else "") for i, ch in enumerate(s))
        parts.append(s)
    text = "".join(parts)
    assert _may_repeat(text)
    assert find_copies(text) is not None


def test_bmp_skeleton_patterns_drop_what_regex_drops():
    """The re patterns used on text without astral characters drop exactly the
    characters of regex's class: every BMP character, in one string."""
    from policyparse.descramble import _SKELETON_DROP, _SKELETON_SPLIT, _bmp_skeleton_patterns

    bmp = "".join(map(chr, range(0x10000)))
    drop, split = _bmp_skeleton_patterns()
    assert drop.sub("", bmp) == _SKELETON_DROP.sub("", bmp)
    assert split.split(bmp) == _SKELETON_SPLIT.split(bmp)


def test_copies_with_astral_characters_found_by_regex():
    clean = (CORPUS / "004_7987ea6d96b72cd9.txt").read_text(encoding="utf-8")
    text = clean[:800] + "\U0001f130\U00010100" + clean[800:]
    copies = find_copies(text + "\n" + text)
    assert copies is not None and copies.starts == [0, len(text) + 1]


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), copies=st.integers(2, 3))
def test_first_copy_runs_read_off_the_skeleton_are_the_separator_runs(seed, copies):
    from policyparse.descramble import _sep_runs

    rng = random.Random(seed)
    clean = (CORPUS / "002_a1c8db2d6f6467ff.txt").read_text(encoding="utf-8")[:14101]
    text = "".join(scramble(clean, rng) for _ in range(copies))
    found = find_copies(text)
    assert found is not None and found.first_runs is not None
    assert found.first_runs == _sep_runs(text, 0, found.starts[1])


NUMBER_CHUNKS = st.sampled_from(
    ["1", "5", "20", "2015", "2020", "1998", "107", "10", "100", "0.5", ",", "，", ".", "。", "、", " ", "万", "年", "号",
     "名", "张", "以下", "以上", "左右", "的", "覆盖", "中", "辽政办发", "不低于", "１", "x", ";", "：", "？",
     "\U0001d7d9", "\U00011f50", "\U0001f130"]  # astral: a digit to both, a digit to regex only, no digit
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(NUMBER_CHUNKS, max_size=30), cut=st.integers(0, 8))
@example(parts=["覆盖", "的", "10", "，", "以下"], cut=0)  # a share after 的
@example(parts=["1998", "、", "2001", "年", "辽政办发", ",", "1998", "、", "107", "号"], cut=0)  # 19xx years
@example(parts=["5", ",", "5", "。", "以下"], cut=2)  # a decimal whose digits stand before start
def test_number_patterns_tried_at_numbers_find_what_a_scan_finds(parts, cut):
    """The number repairs try their patterns only where a number followed by a separator
    begins; that finds exactly the matches of scanning the text with each pattern."""
    from policyparse import descramble as d

    text = "".join(parts)
    start, end = min(cut, len(text)), len(text)
    at = d._number_starts(text, start, end)
    assert at == [m.start() for m in d._NUMBER.finditer(text, start, end) if m.end() < end and text[m.end()] in d._NUMBER_SEP]
    # a decimal that lost its unit sign opens with a number's last digit (or up to 4 before start)
    lost_at = d._decimal_starts(start, d._number_ends(text, start, end))
    expected = [m.span(1) for m in d._DECIMAL_LOST_UNIT.finditer(text, max(0, start - 4), end)]
    assert [m.span(1) for m in d._matches_at(d._DECIMAL_LOST_UNIT, text, lost_at, end)] == expected
    years, shares = d._year_starts(text, at), d._share_starts(text, at)  # (as descramble narrows them)
    for pattern, starts in ((d._PER_BASE, at), (d._YEAR_RANGE, years), (d._COUNT_RANGE, at), (d._DECIMAL, at),
                            (d._LOST_UNIT, at), (d._LOST_SHARE, shares)):
        expected = [m.span() for m in pattern.finditer(text, start, end)]
        assert [m.span() for m in d._matches_at(pattern, text, starts, end)] == expected, pattern.pattern
    # a document number's year follows separators: only those matches can be used
    expected = [m.span() for m in d._DOCNUM.finditer(text, start, end) if text[m.start() - 1 : m.start()] in d._DOCNUM_OPEN and m.start() > 0]
    got = [m.span() for m in d._matches_at(d._DOCNUM, text, years, end) if text[m.start() - 1 : m.start()] in d._DOCNUM_OPEN and m.start() > 0]
    assert got == expected


def _groups(m):
    return [m.span(g) for g in range(len(m.groups()) + 1)]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(NUMBER_CHUNKS, max_size=30), cut=st.integers(0, 8))
@example(parts=["5", ",", "5", "。", "以下"], cut=0)
@example(parts=["\U00011f50", ",", "5", "。", "以下"], cut=0)  # (on astral text descramble keeps regex's)
def test_number_patterns_as_re_match_as_regex_on_bmp_text(parts, cut):
    """descramble tries re's compilation of each number pattern on text without astral
    characters: every match and group is regex's, at every position; on text with one it
    keeps regex's patterns (its \\d may know more digits), and the proposals are the same
    as with regex's patterns everywhere."""
    from policyparse import descramble as d

    text = "".join(parts)
    if d._is_bmp(text):
        for rx, fast in d._BMP_NUMBER_PATTERNS.items():
            for pos in range(len(text) + 1):
                a, b = rx.match(text, pos), fast.match(text, pos)
                assert (a and _groups(a)) == (b and _groups(b)), (rx.pattern, pos)

    def proposals():
        # (never a ValueError: a digit only regex's newer tables know has no value, no repair)
        got = d.descramble(text, min(cut, len(text)), len(text))
        return list(got), got.bulk

    got = proposals()
    saved = d._BMP_NUMBER_PATTERNS
    try:
        d._BMP_NUMBER_PATTERNS = {p: p for p in saved}  # regex's patterns everywhere
        expected = proposals()
    finally:
        d._BMP_NUMBER_PATTERNS = saved
    assert got == expected


@pytest.mark.parametrize("text", ["\U00011f50,5张", "5,\U00011f50张", "中\U00011f50,中文", "中\U00011f50\U00011f50,中文"])
def test_a_digit_python_cannot_read_is_no_number_to_repair(text):
    """regex's \\d knows digits of a newer Unicode than Python's int() (𑽐, U+11F50): such a
    run is no number, so no range, marker or glued-number repair, and no ValueError."""
    from policyparse import descramble as d

    assert list(d.descramble(text, 0, len(text))) == []


@settings(max_examples=300, deadline=None)
@given(
    gaps=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3)), max_size=25),
    others=st.lists(st.tuples(st.integers(0, 120), st.integers(0, 12)), max_size=12),
)
def test_edits_and_commas_in_order(gaps, others):
    """_in_order equals taking every edit by start and dropping those inside a kept one
    (its commas, given in bulk, merged back in order)."""
    from policyparse.descramble import Edit, _in_order

    starts, ends, pos = [], [], 0
    for gap, length in gaps:  # separator runs: disjoint, in order
        starts.append(pos + gap)
        ends.append(pos + gap + length)
        pos = ends[-1]
    commas = [(Edit(s, e, "，"), "punctuation-summary", "") for s, e in zip(starts, ends, strict=True)]
    edits = {s: (Edit(s, s + n, "x"), "k", "") for s, n in others}
    at = dict(zip(starts, commas, strict=True)) | edits
    expected, last = [], -1
    for s, pe in sorted(at.items()):
        if s >= last:
            expected.append(pe)
            last = max(last, pe[0].end)
    got = _in_order(edits, starts, ends)
    assert got.bulk.new == "，" and got.bulk.kind == "punctuation-summary"
    assert sorted(list(got) + got.bulk.proposed(), key=lambda pe: pe[0].start) == expected


_PIECES = ["关于", "印发", "方案", "的通知", "，", "。", " ", "、", "\n", "一", "2020", "《", "》", "A", "\u0301", "\U0001f130", "\U0001d7d9"]
_SEPS = ["", "，", "。", " ", "、", "\n", "《", ".,"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), st.lists(st.sampled_from(_SEPS), min_size=12, max_size=12),
       st.integers(0, 3), st.booleans())
def test_may_repeat_is_the_pattern_search(pieces, seps, cut, damage):
    """_may_repeat follows each recurrence of the first skeleton character: the same answer as
    searching (from MIN_COPY on) for the first QUICK_PROBE skeleton characters with any
    separators between them.  The text: an opening, filler, then the opening again with other
    separators (perhaps cut short or with a character changed)."""
    import regex

    from policyparse import descramble as D

    opening = "".join(pieces) * 3
    again = "".join(p + s for p, s in zip(pieces * 3, seps * 3, strict=False))
    again = again[: len(again) - cut]
    if damage and len(again) > 4:
        again = again[:4] + "乙" + again[5:]
    text = opening + "。" + "丙" * D.MIN_COPY + again + "丙" * 3 + again
    head = [m.group() for m in regex.finditer(r"[^\s\p{P}\p{S}]", text)][: D.QUICK_PROBE]
    expected = len(head) == D.QUICK_PROBE and regex.search(
        r"[\s\p{P}\p{S}]*".join(map(regex.escape, head)), text, pos=D.MIN_COPY) is not None
    assert D._may_repeat(text) == expected


def test_candidate_gates_are_necessary():
    """_marker_runs stops only at runs followed by a Chinese numeral, 附, a decimal digit
    (str.isdecimal) or any astral character (_BEFORE_MARKER), and _number_ends only at
    separators after a decimal digit or an astral character (_AFTER_NUMBER): every
    character that can open _MARKER or _APPENDIX, or end a number, passes the gate."""
    import regex

    from policyparse.descramble import _AFTER_NUMBER, _BEFORE_MARKER, _CN_NUM, _is_digit

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    digits = regex.findall(r"\d", every)
    # (regex's Unicode tables may be newer than Python's: astral digits pass the gate anyway)
    assert all(ch.isdecimal() or ch > "\uffff" for ch in digits)
    assert [ch for ch in every if _is_digit(ch)] == digits
    bmp_digits = [ch for ch in every[:0xF800] if ch.isdecimal()]
    assert bmp_digits == [ch for ch in digits if ch <= "\uffff"]
    assert set(_CN_NUM) >= set(regex.findall(r"[一二三四五六七八九十]", every))
    openers = set(_CN_NUM) | {"附"} | set(digits)
    assert all(_BEFORE_MARKER.match("," + ch) for ch in openers)
    assert all(_AFTER_NUMBER.search(ch + ",") for ch in digits)


_MARKER_TEXT = st.text(alphabet=",，.。、 ;；:：!！?？一三十附件表12１\U0001d7d9\U00011f50辽宁a（\n", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_MARKER_TEXT, st.integers(0, 60), st.integers(0, 60))
def test_marker_runs_and_number_ends_are_their_plain_definitions(text, start, end):
    """The runs found on the separator-alike text are the separator runs (clipped at
    start) ending before end that are followed by a character that can open a marker;
    the number ends are where a regex \\d+ match ends at one of _NUMBER_SEP."""
    from policyparse import descramble as d

    end = min(end, len(text))
    start = min(start, end)
    openers = set(d._CN_NUM) | {"附"}
    expected = [
        (max(r.start(), start), r.end())
        for r in d.SEP_RUN.finditer(text, max(0, start - 10), end)
        if start < r.end() < end and (text[r.end()] in openers or d._is_digit(text[r.end()]) or text[r.end()] > "\uffff")
    ]
    assert d._marker_runs(text, start, end) == expected
    ends = [m.end() for m in d._NUMBER.finditer(text, start, end) if m.end() < end and text[m.end()] in d._NUMBER_SEP]
    assert d._number_ends(text, start, end) == ends
    alike = d._alike_separators(text) + "一,1"  # (a longer alike text: read up to end only)
    assert d._marker_runs(text, start, end, alike) == expected
    assert d._number_ends(text, start, end, alike) == ends


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=",，.。、 ;；:：!！?？辽宁a1\n（", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_separator_runs_written_one_then_any_match_as_plus(text, pos, endpos):
    """SEP_RUN and _SEP_SPLIT (``[…][…]*``, which re scans faster) match as ``[…]+``."""
    from policyparse.descramble import _SEP_SPLIT, SEP_RUN

    plus = re.compile(r"[,，.。、 ;；:：!！?？]+")
    split_plus = re.compile(r"([,，.。、 ;；:：!！?？]+)")
    assert _SEP_SPLIT.split(text) == split_plus.split(text)
    spans = [m.span() for m in SEP_RUN.finditer(text, pos, endpos)]
    assert spans == [m.span() for m in plus.finditer(text, pos, endpos)]
    for f in ("search", "match"):
        a, b = getattr(SEP_RUN, f)(text, pos, endpos), getattr(plus, f)(text, pos, endpos)
        assert (a and a.span()) == (b and b.span())


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    copies=st.integers(2, 3),
    damage=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1200), st.booleans()), max_size=4),
)
def test_separator_agreement_is_the_set_count(seed, copies, damage):
    """Copies.agree/disagree (equal position lists told by their steps) are the counts of
    the separator positions shared by all copies and by some only, as sets count them."""
    from policyparse.descramble import _Skeleton

    rng = random.Random(seed)
    clean = (CORPUS / "002_a1c8db2d6f6467ff.txt").read_text(encoding="utf-8")[:1500]
    parts = [scramble(clean, rng) for _ in range(copies)]
    for ci, at, drop in damage:  # a separator dropped or added: the copies disagree there
        if ci < copies:
            p = parts[ci]
            if drop:
                at = next((i for i in range(at, len(p)) if p[i] in SEPARATORS), len(p))
                parts[ci] = p[:at] + p[at + 1 :]
            else:
                parts[ci] = p[:at] + "，" + p[at:]
    text = "".join(parts)
    found = find_copies(text)
    if found is None:
        return
    skel = _Skeleton(text)
    # the copies' skeleton bounds: each start less the characters dropped before it
    bounds = [s - sum(len(r) for r, p, b in zip(skel.dropped, skel.pos, skel.before, strict=False) if p + b < s) for s in found.starts]
    bounds.append(len(skel.text))
    # a run at a copy's first index belongs to the copy before; positions relative to the copy
    per_copy = [
        {p - a for p in skel.pos if (a < p or a == 0) and p <= b} for a, b in zip(bounds, bounds[1:], strict=False)
    ]
    common = set.intersection(*per_copy)
    assert (found.agree, found.disagree) == (len(common), len(set.union(*per_copy) - common))


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    copies=st.integers(2, 3),
    cut=st.tuples(st.integers(0, 300), st.integers(600, 2200)),
    ends=st.tuples(st.sampled_from(["", "，", " 。", "\n", "《", "“", "1", "辽"]), st.sampled_from(["", "，", "。 ", "\n", "》", "”"])),
    damage=st.sampled_from(["", "separator", "other", "opening", "symbols", "astral"]),
)
@example(seed=1, copies=3, cut=(0, 1500), ends=("，", "。 "), damage="")  # runs at both ends merge
@example(seed=2, copies=2, cut=(0, 1500), ends=(" 。", ""), damage="")  # a leading run only
@example(seed=3, copies=3, cut=(1, 1500), ends=("", "，"), damage="")  # a trailing run only
@example(seed=4, copies=2, cut=(0, 1500), ends=("“", "。 "), damage="symbols")  # runs of other marks
@example(seed=5, copies=3, cut=(0, 1500), ends=("，", ""), damage="astral")
def test_periodic_copies_read_off_the_first_copy_as_off_the_whole_skeleton(seed, copies, cut, ends, damage):
    """_periodic_copies (copies equal up to separators: only the first is split) gives what
    the whole skeleton gives — copy starts and ends, agreeing and differing separator
    positions, the first copy's runs — or None; copies with runs at their ends (merged at
    the boundaries), an opening that recurs inside a copy, and copies that differ."""
    from policyparse import descramble as D

    rng = random.Random(seed)
    clean = (CORPUS / "002_a1c8db2d6f6467ff.txt").read_text(encoding="utf-8")[cut[0] : cut[1]]
    if damage == "opening":  # the opening again inside the copy: the probe recurs
        clean = clean[:800] + clean[:100] + clean[800:]
    elif damage == "astral":  # the first copy is split by regex
        clean = clean[:400] + "\U0001f130\U00010100" + clean[400:]
    parts = [ends[0] + scramble(clean, rng) + ends[1] for _ in range(copies)]
    if damage == "symbols":  # skeleton characters that are no separators, among separators
        parts = [p[:300] + "%（" + p[300:600] + "）" + p[600:900] + "■%" + p[900:] for p in parts]
    elif damage == "separator":  # a separator the other copies lack
        parts[-1] = parts[-1][:700] + "，" + parts[-1][700:]
    elif damage == "other":  # a character changed
        parts[1] = parts[1][:650] + "乙" + parts[1][651:]
    text = "".join(parts)
    fast = D._periodic_copies(text)
    plain = D._copies_on_skeleton(text)
    if fast is not None:
        assert plain is not None
        assert (fast, fast.first_runs) == (plain, plain.first_runs)
    if damage in ("separator", "other"):
        assert fast is None
    elif damage in ("", "symbols", "astral") and cut[1] - cut[0] > 1200:
        assert fast is not None  # (the shortcut is taken on plain scrambled copies)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10_000), copies=st.integers(2, 4), cut=st.tuples(st.integers(0, 300), st.integers(600, 2200)),
       lead=st.sampled_from(["", "，", "。 ", "关于", "一、加强组织领导", "标准 10 个百分点以上，", "，".join("一二三" * 30)]))
def test_may_be_periodic_holds_wherever_periodic_copies_are_found(seed, copies, cut, lead):
    """_may_be_periodic is a necessary condition: on every text whose copies
    _periodic_copies finds (computed here without the gate), it holds."""
    from policyparse import descramble as D

    rng = random.Random(seed)
    clean = lead + (CORPUS / "002_a1c8db2d6f6467ff.txt").read_text(encoding="utf-8")[cut[0] : cut[1]]
    text = "".join(scramble(clean, rng) for _ in range(copies))
    alike = D._alike_separators(text)
    length = alike.find(alike[: D.PERIOD_PROBE], D.MIN_COPY)
    if length > 0 and len(text) % length == 0 and alike == alike[:length] * (len(text) // length):
        assert D._may_be_periodic(text)


def test_may_be_periodic_rejects_text_that_does_not_repeat():
    """The gate spares a long text that is no copies (a corpus mix) the whole-text rewrite;
    a text whose opening has no long run without separators is not gated."""
    from policyparse import descramble as D

    mix = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    assert not D._may_be_periodic(mix)
    assert not D._may_be_periodic("标准 10 个百分点以上，" + mix)  # a later run of the opening
    short = "，".join(["一二三四五六七"] * 20)  # no run of 8 without a separator: not gated
    assert D._may_be_periodic(short + mix)


def test_no_skeleton_character_is_alphanumeric():
    """_first_copy_runs skips the scan for skeleton characters in a BMP text that str.isalnum
    accepts: no BMP character of the skeleton class is a letter or a digit to Python."""
    import regex

    from policyparse.descramble import _SKELETON_CHAR

    bmp = "".join(map(chr, range(0x10000)))
    assert not [c for c in regex.findall(_SKELETON_CHAR, bmp) if c.isalnum()]
