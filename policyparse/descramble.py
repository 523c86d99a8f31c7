"""Recovering damaged copies: repeated documents and scrambled punctuation.

Two kinds of damage are handled here, as the first normalisation layer:

* **Repeated content** — the same document present several times in one file.
  Copies are found on the *skeleton* (the text without punctuation and
  whitespace) in linear time: the skeleton's opening recurs where the next copy
  starts, and every copy must equal the first over at least 95 % of its
  length, each copy being long (≥ ``MIN_COPY`` characters) — so a title printed
  twice on a cover, or a repeated phrase or paragraph, is never collapsed.
  The first copy is kept (source offsets point into it); the others are
  deleted and used as evidence: separator positions all copies share are real.

* **Scrambled punctuation** — a text with no line breaks whose punctuation was
  replaced at random by ``, 。 . 、`` or a space.  It is detected from the
  statistics of the text (ASCII commas, full stops and spaces between Chinese
  characters, in a mixture no real document has).  Structure is then
  recovered: heading markers appear as separator + number + separator and
  their levels follow the numbering sequence (a number that restarts opens a
  level; the deepest level that expects the number continues); the document's
  anatomy (title, issuer and date, the issued plan's title) is put back on
  lines; document numbers get their brackets back; numbers whose decimal point
  or unit sign was lost are restored where the context allows; the remaining
  separators become ``，``.  Every guess is a repair.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, compress
from operator import add, sub

import regex

from .offsets import Edit, Proposals, Substitutions, substitute
from .vocab import DOC_KIND_WORDS, cn_to_int, int_to_cn, load_data

#: A copy shorter than this (skeleton characters) is never merged away.
MIN_COPY = 500
#: Characters of the skeleton's opening that must recur where a copy starts.
PROBE = 48

_SKELETON_CHAR = r"[\s\p{P}\p{S}]"
_SKELETON_DROP = regex.compile(_SKELETON_CHAR + "+")
#: The same runs, captured: a split gives kept pieces and dropped runs alternately.
_SKELETON_SPLIT = regex.compile(f"({_SKELETON_CHAR}+)")
SEP_CHARS = ",，.。、 ;；:：!！?？"
# explicit characters: the stdlib re scans them faster than regex, with the same matches.
# A run is written ``[…][…]*``, not ``[…]+``: re looks for a pattern that opens with a
# character class by testing each character against the class, but tries a full match at
# every position when the pattern opens with a repeat (CPython 3.11's _get_charset_prefix).
_SEP_CLASS = f"[{re.escape(SEP_CHARS)}]"
SEP_RUN = re.compile(_SEP_CLASS + _SEP_CLASS + "*")  # = [,，.。、 ;；:：!！?？]+
_SEP_SPLIT = re.compile(f"({_SEP_CLASS}{_SEP_CLASS}*)")
#: A stretch of Han text cut by single separators: each separator in it stands between
#: two Han characters (one match per stretch, not one per separator).
_HAN_SEP_HAN = regex.compile(r"\p{Han}(?:[,.。、 ]\p{Han}+)+")


@dataclass
class Copies:
    """Where the copies of a repeated document stand in the text."""

    starts: list[int]  # text offsets where copies start (first is 0 or the first content)
    ends: list[int]
    agree: int = 0  # separator positions present in every copy
    disagree: int = 0  # separator positions present in some copies only
    #: (starts, ends) of the separator runs in the first copy when the skeleton showed them
    #: all (every character it dropped there is a separator); else None
    first_runs: tuple[list[int], list[int]] | None = field(default=None, repr=False, compare=False)
    #: the text with its separators written ``,`` (:func:`_alike_separators`) when made
    alike: str | None = field(default=None, repr=False, compare=False)


# ----------------------------------------------------------------------------- detection


def is_scrambled(text: str) -> bool:
    """True when the text has no line structure and randomly mixed separators."""
    n = len(text)
    if n < 300 or text.count("\n") > n / 400:
        return False
    stretches = "".join(_HAN_SEP_HAN.findall(text))
    seps = {c: stretches.count(c) for c in ",.。、 "}
    total = sum(seps.values())
    if total < 20 or total < n * 0.01:
        return False
    # a real document uses one style; scrambled text mixes all of them
    share = [seps.get(c, 0) / total for c in ",.。、 "]
    return sum(1 for s in share if s >= 0.08) >= 4


#: Characters of text turned into skeleton at a time (bounds the memory of the pieces).
SKELETON_CHUNK = 1 << 16


def _bmp_class(char_class: str) -> str:
    """A re character class listing every BMP character regex's ``char_class`` matches
    (found once by regex itself): the same matches on text without astral characters."""
    chars = regex.findall(char_class, "".join(map(chr, range(0x10000))))
    ranges: list[list[int]] = []
    for cp in map(ord, chars):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"


@cache
def _bmp_skeleton_class() -> str:
    """The class of :data:`_SKELETON_CHAR` for text without astral characters, as re writes it."""
    return _bmp_class(_SKELETON_CHAR)


# a run as [...][...]* (see SEP_RUN): re then scans for the class character by character.
# Each pattern is compiled when first needed (a class this large takes re milliseconds).
@cache
def _bmp_skeleton_drop() -> re.Pattern[str]:
    """:data:`_SKELETON_DROP` for text without astral characters, as a re pattern."""
    cls = _bmp_skeleton_class()
    return re.compile(f"{cls}{cls}*")


@cache
def _bmp_skeleton_split() -> re.Pattern[str]:
    """:data:`_SKELETON_SPLIT` for text without astral characters, as a re pattern (re
    splits faster than regex)."""
    cls = _bmp_skeleton_class()
    return re.compile(f"({cls}{cls}*)")


def _bmp_skeleton_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:data:`_SKELETON_DROP` and :data:`_SKELETON_SPLIT` for text without astral
    characters, as re patterns dropping exactly the same runs."""
    return _bmp_skeleton_drop(), _bmp_skeleton_split()


def _is_bmp(text: str) -> bool:
    """True when ``text`` has no astral character (UTF-16 spends four bytes on one of
    those and two on any other character; encoded a chunk at a time)."""
    step = SKELETON_CHUNK
    for i in range(0, len(text), step):
        chunk = text[i : i + step]
        if len(chunk.encode("utf-16-le", "surrogatepass")) != 2 * len(chunk):
            return False
    return True


class _Skeleton:
    """The text without its separator runs, and where each dropped run stood.

    ``pos[i]`` is the skeleton index where run i was dropped and ``before[i]``
    the number of characters dropped before it, so the run starts at text
    offset ``pos[i] + before[i]``.  Built from one C-level split (kept pieces
    and dropped runs alternate) and running sums — no Python loop per
    character or per run.  A text longer than :data:`SKELETON_CHUNK` gets its
    skeleton in chunks and its positions only when asked for: most texts are
    rejected on the skeleton alone, and the pieces of a whole-text split are
    held only once copies are likely.
    """

    def __init__(self, text: str) -> None:
        self.source = text
        self._pos: list[int] | None = None
        self._before: list[int] = []
        self.kept_lengths: list[int] = []  # of the pieces between the runs, once positions are known
        self.dropped: list[str] = []  # the dropped runs, once positions are known
        # the faster re patterns unless the text has an astral character
        bmp = _is_bmp(text)
        self._splitter = _bmp_skeleton_split() if bmp else _SKELETON_SPLIT
        if len(text) <= SKELETON_CHUNK:
            self.text = self._split(join=True)
        else:
            # in chunks: a regex sub holds a list of every kept piece at once (a run cut by a
            # chunk boundary is dropped in two parts, the same result)
            drop = _bmp_skeleton_drop() if bmp else _SKELETON_DROP
            step = SKELETON_CHUNK
            self.text = "".join(drop.sub("", text[i : i + step]) for i in range(0, len(text), step))

    def _split(self, *, join: bool = False) -> str:
        parts = self._splitter.split(self.source)
        kept = parts[0::2]
        self.kept_lengths = list(map(len, kept))
        self._pos = list(accumulate(self.kept_lengths))[:-1]  # run i follows kept[0..i]
        self.dropped = parts[1::2]
        self._before = list(accumulate(map(len, self.dropped), initial=0))
        return "".join(kept) if join else ""

    @property
    def pos(self) -> list[int]:
        if self._pos is None:
            self._split()
        assert self._pos is not None
        return self._pos

    @property
    def before(self) -> list[int]:
        if self._pos is None:
            self._split()
        return self._before

    def to_text(self, ks: list[int]) -> list[int]:
        """Text offsets of skeleton indexes (runs at an index count as before it)."""
        return [k + self.before[bisect_right(self.pos, k)] for k in ks]


#: Skeleton characters of the opening looked for again before building the whole skeleton.
QUICK_PROBE = 16


_KEPT_CHAR = regex.compile("[^" + _SKELETON_CHAR[1:])  # a character the skeleton keeps
_DROPPED_RUN = regex.compile(_SKELETON_CHAR + "*")


def _may_repeat(text: str) -> bool:
    """A necessary condition for copies, cheap on text that has none.

    A copy repeats the skeleton's opening, so its first :data:`QUICK_PROBE`
    skeleton characters recur — with any separators between them — at least
    :data:`MIN_COPY` characters further on.  Each place the first of them recurs
    is followed along (a skeleton character is never a separator, so each run
    between two of them is read whole): no pattern is compiled per text.  Where the
    next character is not the one looked for, the run is read only when one can
    stand there: a BMP letter or digit is never dropped from the skeleton.
    """
    head = []
    for m in _KEPT_CHAR.finditer(text):
        head.append(m.group())
        if len(head) == QUICK_PROBE:
            break
    if len(head) < QUICK_PROBE:
        return False
    first, rest = head[0], head[1:]
    run = _DROPPED_RUN.match
    i = text.find(first, MIN_COPY)
    while i != -1:
        j = i + 1
        for ch in rest:
            if not text.startswith(ch, j):
                at = text[j : j + 1]
                if at.isalnum() and at <= "\uffff":
                    break
                j = run(text, j).end()
                if not text.startswith(ch, j):
                    break
            j += 1
        else:
            return True
        i = text.find(first, i + 1)
    return False


#: Characters of the text's opening looked for again where :func:`_periodic_copies` expects
#: the second copy.
PERIOD_PROBE = 64


def _alike_separators(text: str) -> str:
    """``text`` with every separator (:data:`SEP_CHARS`) written ``,``: copies scrambled
    apart are equal in this form (one C-level replace per separator the text holds)."""
    for ch in SEP_CHARS[1:]:
        if ch in text:
            text = text.replace(ch, ",")
    return text


#: :func:`_may_be_periodic` looks in the text's first 2 × PERIOD_PROBE characters for a
#: run of at least PERIOD_HEAD_MIN characters that are no separators (a shorter one would
#: recur too often to tell anything; a text without one is not gated).
PERIOD_HEAD_MIN = 8
_HEAD_RUN = re.compile(f"[^{re.escape(SEP_CHARS)}]{{{PERIOD_HEAD_MIN},{PERIOD_PROBE}}}")


def _may_be_periodic(text: str) -> bool:
    """A necessary condition for :func:`_periodic_copies` to find copies, cheaper than
    writing the whole text's separators alike: copies equal up to separators have every
    other character where the first copy has it, so a run of the opening without
    separators, ``text[a:b]``, recurs at ``a + L`` for a length L ≥ MIN_COPY dividing the
    text's (L = n/k, k ≥ 2).  True when the opening holds no such run."""
    n = len(text)
    run = _HEAD_RUN.search(text, 0, 2 * PERIOD_PROBE)
    if run is None:
        return True
    a, head = run.start(), run.group()
    limit = n // 2 + a + len(head)  # (L ≤ n/2)
    at = text.find(head, MIN_COPY + a, limit)
    while at != -1:
        if n % (at - a) == 0:
            return True
        at = text.find(head, at + 1, limit)
    return False


def _periodic_copies(text: str) -> Copies | None:
    """:func:`find_copies`'s answer for a text made of k ≥ 2 copies of one piece that differ
    only in which separators stand where, read off the first copy's skeleton alone (the
    others are not split); None when the text is not such or the answer is not certain,
    and :func:`find_copies` then reads the whole skeleton.

    With ``text == A₁…A_k`` (each ``L`` long, equal up to separators, which are
    skeleton characters) the skeleton is ``S*k`` and every copy has its runs where the
    first has them, except at the ends: runs at the boundaries merge (the first copy's
    trailing run with the next one's leading run).  find_copies's bounds are then
    ``0, s, 2s, …`` when its probe does not recur inside ``S`` (looked for in ``S`` plus
    the next copy's opening), and its other tests hold; the counts follow from the runs
    of ``S``: every interior position and the trailing one (when ``A₁`` ends with a run)
    are shared, the leading run's position (copy 1 only) and a boundary position the
    last copy lacks are not.
    """
    n = len(text)
    if not _may_be_periodic(text):
        return None
    alike = _alike_separators(text)
    length = alike.find(alike[:PERIOD_PROBE], MIN_COPY)
    if length <= 0 or n % length or alike != alike[:length] * (n // length):
        return None
    k = n // length
    sk, kept_lengths, run_lengths, others = _first_copy_runs(text, alike, length)
    s = len(sk)
    probe = sk[:PROBE]
    opening = sk + probe  # the whole skeleton up to the end of the second copy's probe
    if s < MIN_COPY or opening.find(probe, MIN_COPY) != s or opening.find(probe, max(1, int(s * 0.9))) != s:
        return None
    # kept pieces and runs alternate (kept, run, kept, …, kept): run i follows kept pieces
    # 0..i, so it stands at skeleton index 0 when the first piece is empty, at s when the last is
    runs = len(run_lengths)
    lead = run_lengths[0] if runs and kept_lengths[0] == 0 else 0  # a run opening each copy
    trail = run_lengths[-1] if runs and kept_lengths[-1] == 0 else 0  # a run closing each copy
    starts = [lead + i * length for i in range(k)]
    copies = Copies(starts=starts, ends=starts[1:] + [n], alike=alike)
    copies.agree = runs - (lead > 0)  # the interior runs, and the trailing one if any
    copies.disagree = (lead > 0) + (lead > 0 and not trail)
    # the first copy's runs: its own, the last one reaching over the next copy's leading run
    if not others and not text[length : length + lead].strip(SEP_CHARS):
        # (the text offsets where the pieces end, from one running sum of their lengths
        # interleaved: a run starts where a kept piece ends, and ends where the next starts)
        interleaved = [0] * (2 * runs + 1)
        interleaved[0::2] = kept_lengths
        interleaved[1::2] = run_lengths
        offs = list(accumulate(interleaved))
        run_starts, run_ends = offs[0:-1:2], offs[1::2]
        if lead and trail:
            run_ends[-1] += lead
        elif lead:
            run_starts.append(length)
            run_ends.append(length + lead)
        copies.first_runs = (run_starts, run_ends)
    return copies


def _first_copy_runs(text: str, alike: str, length: int) -> tuple[str, list[int], list[int], bool]:
    """The skeleton of ``text[:length]``, the lengths of its kept pieces and of its dropped
    runs (alternating as a capturing split gives them: kept, run, kept, …, kept), and
    whether a dropped character is no separator.

    Read off ``alike`` (:func:`_alike_separators`), where every separator is ``,``: the
    other skeleton characters (``%``, brackets, …) are few, found on the text without
    its separators and written ``,`` too; a split at ``,`` then gives the kept pieces
    (the non-empty ones) and the runs (the commas between two of them) in C — no match
    object per run.  A text with an astral character is split by :class:`_Skeleton`.
    """
    pieces = alike[:length].split(",")
    seen = "".join(pieces)
    if not _is_bmp(seen):  # (regex's class, for an astral character)
        skel = _Skeleton(text[:length])
        dropped = skel.dropped if skel.pos else []  # (asking for the positions splits the text)
        return skel.text, skel.kept_lengths, list(map(len, dropped)), bool("".join(dropped).strip(SEP_CHARS))
    # (no skeleton character is a letter or a digit: str.isalnum tells most texts have none
    # faster than the class is scanned for)
    others = [] if seen.isalnum() else [m.span() for m in _bmp_skeleton_drop().finditer(seen)]
    if others:  # written ',' (an index of ``seen`` moves by the commas before it)
        ends = list(accumulate(map(len, pieces)))
        at = [z + bisect_right(ends, z) for a, b in others for z in range(a, b)]
        pieces = substitute(alike[:length], at, ",").split(",")
        seen = "".join(pieces)
    last = len(pieces) - 1
    kept = list(compress(range(len(pieces)), pieces))  # the pieces that are not empty
    if not kept:
        return "", [0], [], bool(others)
    kept_lengths = list(map(len, map(pieces.__getitem__, kept)))
    run_lengths = list(map(sub, kept[1:], kept[:-1]))  # the commas between two kept pieces
    if kept[0]:  # commas before the first kept piece
        kept_lengths.insert(0, 0)
        run_lengths.insert(0, kept[0])
    if kept[-1] < last:  # and after the last
        kept_lengths.append(0)
        run_lengths.append(last - kept[-1])
    return seen, kept_lengths, run_lengths, bool(others)


def find_copies(text: str) -> Copies | None:
    """Find ≥2 long copies of the same document; None if the text is not repeated."""
    if len(text) < 2 * MIN_COPY or not _may_repeat(text):
        return None
    periodic = _periodic_copies(text)
    return periodic if periodic is not None else _copies_on_skeleton(text)


def _copies_on_skeleton(text: str) -> Copies | None:
    """:func:`find_copies` read off the whole text's skeleton."""
    skel = _Skeleton(text)
    sk = skel.text
    n = len(sk)
    if n < 2 * MIN_COPY:
        return None
    probe = sk[:PROBE]
    first = sk.find(probe, MIN_COPY)
    if first == -1:
        return None
    length = first
    bounds = [0, first]
    while True:
        nxt = sk.find(probe, bounds[-1] + max(1, int(length * 0.9)))
        if nxt == -1:
            break
        bounds.append(nxt)
    bounds.append(n)
    sizes = [bounds[i + 1] - bounds[i] for i in range(len(bounds) - 1)]
    # drop a trailing fragment that is not a copy
    while len(sizes) > 2 and sizes[-1] < 0.95 * sizes[0]:
        sizes.pop()
        bounds.pop(-2)
    if len(sizes) < 2:
        return None
    base = sizes[0]
    if any(s < MIN_COPY or abs(s - base) > 0.05 * base for s in sizes):
        return None
    m = min(sizes)
    ref = sk[0:m]
    for b in bounds[1:-1]:
        if sk[b : b + m] != ref:
            return None
    if sum(sizes) < 0.95 * n:
        return None
    starts = skel.to_text(bounds[:-1])
    # a copy starts right after the previous one's trailing separators
    ends = starts[1:] + [len(text)]
    copies = Copies(starts=starts, ends=ends)
    _compare_separators(copies, skel, bounds)
    # the first copy's dropped runs are its separator runs when they hold nothing else
    # (separators are dropped characters, and a dropped run is bounded by kept ones)
    k = bisect_right(skel.pos, bounds[1])  # runs of the first copy
    if not "".join(skel.dropped[:k]).strip(SEP_CHARS):
        run_starts = list(map(add, skel.pos[:k], skel.before[:k]))
        copies.first_runs = (run_starts, list(map(add, run_starts, map(len, skel.dropped[:k]))))
    return copies


def _compare_separators(copies: Copies, skel: _Skeleton, bounds: list[int]) -> None:
    """Count separator positions (in skeleton coordinates) shared by all copies.

    The runs of copy i are those dropped after skeleton index ``bounds[i]``
    (a run at a copy's first index belongs to the copy before, as in
    :meth:`_Skeleton.to_text`), so each copy's runs are one slice of ``pos``.
    Positions increase strictly, so copies whose lists are equal (copies of one
    file) agree everywhere; only copies that differ need sets.  Two lists are
    equal when they are as long, start alike and step alike: the steps are the
    lengths of the pieces between runs, compared as slices.
    """
    pos = skel.pos
    cuts = [0] + [bisect_right(pos, b) for b in bounds[1:-1]] + [len(pos)]
    steps = skel.kept_lengths  # pos[j] - pos[j - 1] == steps[j]
    c0, c1 = cuts[0], cuts[1]
    if all(
        cuts[ci + 1] - cuts[ci] == c1 - c0
        and (c1 == c0 or pos[cuts[ci]] - bounds[ci] == pos[c0] - bounds[0])
        and steps[cuts[ci] + 1 : cuts[ci + 1]] == steps[c0 + 1 : c1]
        for ci in range(1, len(copies.starts))
    ):
        copies.agree, copies.disagree = c1 - c0, 0
        return
    per_copy = [list(map((-bounds[ci]).__add__, pos[cuts[ci] : cuts[ci + 1]])) for ci in range(len(copies.starts))]
    if all(p == per_copy[0] for p in per_copy[1:]):
        copies.agree, copies.disagree = len(per_copy[0]), 0
        return
    sets = [set(p) for p in per_copy]
    common = set.intersection(*sets)
    union = set.union(*sets)
    copies.agree = len(common)
    copies.disagree = len(union - common)


# ----------------------------------------------------------------------------- descrambling

ProposedEdit = tuple[Edit, str, str]

_CN_NUM = "一二三四五六七八九十"
_MARKER = regex.compile(rf"([{_CN_NUM}]{{1,3}}|\d{{1,2}})([,，.。、 ;；:：]+)(?=\p{{Han}})")
_APPENDIX = regex.compile(r"(附件|附表)(\d{0,2})([,，.。、 ;；:：]*)(?=\p{Han}|\d)")
#: A document number whose brackets became separators (…辽政办发,2015、107号): the
#: separators before the year must follow a Han character (checked apart: a scan that
#: starts at the year is fast).
_DOCNUM = regex.compile(r"((?:19|20)\d\d)([,，.。、 ]+)(\d{1,5})(?=号)")
_DOCNUM_OPEN = ",，.。、 "
_HAN_AT = regex.compile(r"\p{Han}")
_PER_BASE = regex.compile(r"(?<![\d])(\d+(?:\.\d+)?)([,，.。、 ])(10|100|1000|10000)(?=万)")
_YEAR_RANGE = regex.compile(r"(?<![\d])((?:19|20)\d\d)([,，.。、 ]+)((?:19|20)\d\d)(?=年)")
_COUNT_RANGE = regex.compile(r"(?<![\d.])(\d{1,4})([,，.。、 ])(\d{1,4})(?=[名个张人家所项床])")
#: Bound words that take a single number right after them (not a range).
_BOUND_BEFORE = regex.compile(r"(?:不低于|不少于|不超过|不高于|不足|低于|高于|超过|至少|达到)$")
_DECIMAL = regex.compile(r"(?<![\d.])(\d{1,3})([,，.。、 ])(\d{1,2})(?=[,，.。、 ]?(?:以下|以上|左右|以内))")
#: A decimal like 5,5 followed by 以下/以上/左右/以内: group 1 is the separator after it (its
#: sign was lost).
_DECIMAL_LOST_UNIT = regex.compile(r"\d[,，.。、 ]\d{1,2}([,，.。、 ])(?=以下|以上|左右|以内)")
_LOST_UNIT = regex.compile(r"(?<![\d])(\d+(?:\.\d+)?)([,，.。、 ])(?=以下|以上|左右|以内|的|覆盖)")
#: A share named before it (…比例不超过全部医疗服务的10，): the number lost its % sign.
_LOST_SHARE = regex.compile(r"(?<=的)(\d{1,3}(?:\.\d+)?)([,，.。、 ])")
_AGENCY_DATE = regex.compile(
    r"([,，.。、 ]+)(\p{Han}{2,30}?(?:人民政府办公厅|人民政府|办公厅|委员会|领导小组|小组|政府|厅|局|委))"
    r"([,，.。、 ]+)(\d{4}年\d{1,2}月\d{1,2}日)([,，.。、 ]+)"
)
_KIND = "|".join(sorted(DOC_KIND_WORDS, key=len, reverse=True))
_TITLE = regex.compile(r"^\p{Han}[^\n]{0,120}?关于[^\n]{2,120}?的(?:通知|决定|意见|批复|函|通告|公告)")
_PLAN_TITLE = regex.compile(rf"\p{{Han}}[^\n]{{2,80}}?(?:{_KIND})(?=[,，.。、 ])")
#: The number patterns as re compiles them (the same source): on text without astral
#: characters they match as regex's do (re's ``\d`` is regex's on the BMP; regex's Unicode
#: tables may be newer, which shows only on astral digits), and a re match costs a
#: fraction of a regex one.
_BMP_NUMBER_PATTERNS: dict[regex.Pattern[str], re.Pattern[str]] = {
    p: re.compile(p.pattern) for p in (_DOCNUM, _PER_BASE, _YEAR_RANGE, _COUNT_RANGE, _DECIMAL, _DECIMAL_LOST_UNIT, _LOST_UNIT, _LOST_SHARE)
}


@dataclass
class _Head:
    run_before: tuple[int, int] | None  # separator run before the marker
    num_start: int
    num_end: int
    marker_run: tuple[int, int]  # separator run after the number
    family: str
    value: int
    depth: int = 0
    canonical: str = ""
    title_run: tuple[int, int] | None = None


def _options(stack: list[list], last_at: dict, family: str, value: int, *, strict: bool = False) -> list[int]:
    """Depths (0-based) at which (family, value) can stand: continuing an open level, or opening one.

    A level opened by a number other than 1 continues the numbering of the
    previous parent's list (items numbered on across （一）（二）…); unless
    ``strict``, a few lost items are tolerated there.
    """
    opts = [d for d in range(len(stack)) if stack[d][0] == family and stack[d][1] + 1 == value]
    prev = last_at.get((family, len(stack)))
    gap = 1 if strict else CONTINUE_GAP
    if value == 1 or (prev is not None and prev < value <= prev + gap):
        opts.append(len(stack))
    return opts


@dataclass
class _Cand:
    run: tuple[int, int]
    num: tuple[int, int]
    marker_run: tuple[int, int]
    title_run: tuple[int, int] | None
    family: str
    value: int
    glued: bool = False  # no separator before: the line break after a heading title was dropped


#: An item number glued to the end of the previous heading's title (…功能定位1.全面…),
#: looked for this many characters after a heading marker.
GLUE_WINDOW = 60
_GLUED = regex.compile(r"(?<=\p{Han})(\d{1,2})([,，.。、 ;；:：]+)(?=\p{Han})")
#: How far a new level's first number may run ahead of the numbering it continues.
CONTINUE_GAP = 4


#: In the separator-alike text (:func:`_alike_separators`): a separator that a heading
#: marker or an appendix label may follow — the next character is 附, a Chinese numeral,
#: or a decimal digit (re's \d is str.isdecimal; an astral character passes too, as
#: regex's Unicode tables may know digits Python's do not); _MARKER and _APPENDIX decide.
#: (A pattern opening with a literal is searched for fast; a separator class is not.)
_BEFORE_MARKER = re.compile(rf",(?=[附{_CN_NUM}\d\U00010000-\U0010ffff])")


def _marker_runs(text: str, start: int, end: int, alike: str | None = None) -> list[tuple[int, int]]:
    """The separator runs in ``text[start:end]`` (clipped at ``start``) that a heading marker
    or an appendix label may follow: each ends before ``end`` and the character after it
    is 附, a Chinese numeral, a decimal digit or astral.  Found by one scan of ``alike``,
    the text with its separators written ``,`` (:func:`_alike_separators`, made here when
    not given), that stops only at the runs followed by such a character."""
    if alike is None:
        alike = _alike_separators(text[:end])
    out = []
    for q in [m.start() for m in _BEFORE_MARKER.finditer(alike, start, end)]:
        run_start = q
        while run_start > start and alike[run_start - 1] == ",":
            run_start -= 1
        out.append((run_start, q + 1))
    return out


def _int(digits: str) -> int | None:
    """The value of a run of digits; None for one that Python's Unicode tables do not know
    as a number (the regex module's ``\\d`` follows a newer Unicode: 𑽐, U+11F50, is a digit
    to it), which no repair then uses."""
    try:
        return int(digits)
    except ValueError:
        return None


def _candidates(text: str, start: int, end: int, alike: str | None = None) -> list[_Cand]:
    """Heading markers and appendix labels after a separator run (:func:`_marker_runs`)."""
    out: list[_Cand] = []
    for run_start, run_end in _marker_runs(text, start, end, alike):
        # each pattern opens with its own characters: tried only where they stand
        first = text[run_end]
        if first == "附":
            a = _APPENDIX.match(text, run_end, end)
            if a:
                t_end = SEP_RUN.search(text, a.end(), min(end, a.end() + 60))
                out.append(
                    _Cand(
                        (run_start, run_end),
                        (a.start(), a.end(2)),
                        (a.start(3), a.end(3)),
                        (t_end.start(), t_end.end()) if t_end else None,
                        "appendix:" + a.group(1) + a.group(2),
                        0,
                    )
                )
            continue
        m = _MARKER.match(text, run_end, end)
        if not m:
            continue
        num = m.group(1)
        family = "arabic" if num.isdigit() else "cn"
        value = (_int(num) if family == "arabic" else cn_to_int(num)) or 0
        if not value:
            continue
        # a title must follow: 1..60 characters up to the next separator
        t_end = SEP_RUN.search(text, m.end(), min(end, m.end() + 60))
        if t_end is None or t_end.start() - m.end() < 1:
            continue
        out.append(
            _Cand((run_start, run_end), (m.start(1), m.end(1)), (m.start(2), m.end(2)), (t_end.start(), t_end.end()), family, value)
        )
        g = _GLUED.search(text, m.end(), min(end, m.end() + GLUE_WINDOW))
        glued = _int(g.group(1)) if g else None
        if g and glued is not None:
            nt = SEP_RUN.search(text, g.end(2), min(end, g.end(2) + 60))
            if nt is not None:
                out.append(
                    _Cand(
                        (g.start(1), g.start(1)),
                        (g.start(1), g.end(1)),
                        (g.start(2), g.end(2)),
                        (nt.start(), nt.end()),
                        "arabic",
                        glued,
                        glued=True,
                    )
                )
    out.sort(key=lambda c: c.num[0])
    uniq: list[_Cand] = []
    for c in out:
        if not uniq or uniq[-1].num[0] != c.num[0]:
            uniq.append(c)
    return uniq


def find_scrambled_headings(text: str, start: int, end: int, alike: str | None = None) -> list[_Head]:
    """Heading markers of a scrambled text, levelled by the numbering sequence (``alike``:
    the text with its separators written ``,``, as :func:`_candidates` takes it).

    A number continues the level that expects it; when two levels of the same
    family both expect it (（四） is open under 四 and 五 arrives), the next
    number of that family decides: a restart at 1 means the shallower level
    (a new parent whose children begin), anything else the deeper one.
    """
    cands = _candidates(text, start, end, alike)
    heads: list[_Head] = []
    stack: list[list] = []  # [family, value]
    last_at: dict[tuple[str, int], int] = {}
    for i, c in enumerate(cands):
        if c.family.startswith("appendix:"):
            stack.clear()
            last_at.clear()
            stack.append(["appendix", 0])
            heads.append(_Head(c.run, c.num[0], c.num[1], c.marker_run, "appendix", 0, 0, c.family[9:] + "：", c.title_run))
            continue
        opts = _options(stack, last_at, c.family, c.value, strict=c.glued)
        if not opts or (c.glued and (not heads or heads[-1].num_start > c.num[0] or c.num[0] - heads[-1].num_end > GLUE_WINDOW)):
            continue
        if heads and c.num[0] < heads[-1].marker_run[1]:
            continue  # inside an accepted marker
        depth = max(opts)
        if len(opts) > 1:
            nxt = next((x for x in cands[i + 1 :] if x.family == c.family), None)
            if nxt is not None and nxt.value == 1:
                depth = min(opts)
        if depth > 4:
            continue
        del stack[depth:]
        stack.append([c.family, c.value])
        last_at[(c.family, depth)] = c.value
        nth = sum(1 for f, _ in stack if f == c.family)  # 1st or 2nd level of this family
        if c.family == "cn":
            canonical = int_to_cn(c.value) + "、" if nth == 1 else f"（{int_to_cn(c.value)}）"
        else:
            canonical = f"{c.value}." if nth == 1 else f"（{c.value}）"
        if c.glued and heads:
            heads[-1].title_run = None  # the previous title ends where this number begins
        heads.append(_Head(c.run, c.num[0], c.num[1], c.marker_run, c.family, c.value, depth, canonical, c.title_run))
    return heads


def _rate_unit(context: str, *, default: bool = True) -> str | None:
    """The unit a reader infers for a number that lost its sign, from the words before it
    (None when no indicator word is there and ``default`` is false)."""
    table = load_data("units.json")["lost_unit"]
    best: tuple[int, int, str] | None = None  # (end position, length, unit)
    for word, unit in table["by_indicator"]:
        k = context.rfind(word)
        if k != -1:
            cand = (k + len(word), len(word), unit)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else (table["default"] if default else None)


#: A number: each number repair (_DOCNUM … _LOST_SHARE) begins at one followed by a separator.
_NUMBER = regex.compile(r"\d+")
_NUMBER_SEP = ",，.。、 "


def _is_digit(ch: str) -> bool:
    r"""Whether regex's ``\d`` matches ``ch``: str.isdecimal on the BMP (the same characters),
    regex itself for an astral character (its Unicode tables may be newer than Python's)."""
    return ch.isdecimal() if ch <= "\uffff" else _NUMBER.match(ch) is not None


#: In the separator-alike text: a separator that may end a number — the character before it
#: is a decimal digit (re's \d) or astral (regex's \d may know more of those).
_AFTER_NUMBER = re.compile(r",(?<=[\d\U00010000-\U0010ffff],)")


def _number_ends(text: str, start: int, end: int, alike: str | None = None) -> list[int]:
    """Where numbers followed by a separator (one of :data:`_NUMBER_SEP`) end in
    ``text[start:end]``: found by one scan of ``alike`` (the text with its separators
    written ``,``, :func:`_alike_separators`; made here when not given)."""
    if alike is None:
        alike = _alike_separators(text[:end])
    seps = [m.start() for m in _AFTER_NUMBER.finditer(alike, start + 1, end)]
    return [q for q in seps if text[q] in _NUMBER_SEP and _is_digit(text[q - 1])]


def _number_starts(text: str, start: int, end: int, ends: list[int] | None = None) -> list[int]:
    """Where numbers followed by a separator begin in ``text[start:end]`` (the starts of the
    matches of :data:`_NUMBER` there that end before ``end`` at one of :data:`_NUMBER_SEP`).

    The number patterns can match only there: each begins with a whole number (its
    lookbehind rules out a digit before; a document number's year must follow
    separators) that a separator (``.`` among them) ends.  Documents have few such
    numbers, so trying the patterns at them beats scanning the text once per pattern.
    Each is followed back from its end (``ends``, :func:`_number_ends`, found when not given).
    """
    if ends is None:
        ends = _number_ends(text, start, end)
    out = []
    for p in ends:
        p -= 1
        while p > start and _is_digit(text[p - 1]):
            p -= 1
        out.append(p)
    return out


def _decimal_starts(start: int, number_ends: list[int]) -> list[int]:
    """Where :data:`_DECIMAL_LOST_UNIT` may match (its group at ``start`` or after): at the
    last digit of a number that a separator ends (``number_ends``, :func:`_number_ends`),
    or up to four characters before ``start`` (the digits before the group may stand there)."""
    return [*range(max(0, start - 4), start), *[q - 1 for q in number_ends]]


def _year_starts(text: str, starts: list[int]) -> list[int]:
    """The number starts where a year (19xx, 20xx) may begin: _DOCNUM and _YEAR_RANGE
    open with one (a match tried anywhere else fails)."""
    return [p for p in starts if text.startswith(("19", "20"), p)]


def _share_starts(text: str, starts: list[int]) -> list[int]:
    """The number starts right after 的, where _LOST_SHARE (``(?<=的)``) may match."""
    return [p for p in starts if p and text[p - 1] == "的"]


def _matches_at(
    pattern: regex.Pattern[str] | re.Pattern[str], text: str, starts: list[int], end: int
) -> Iterator[regex.Match[str] | re.Match[str]]:
    """The matches ``pattern.finditer`` finds up to ``end``, for a pattern that can only
    match at ``starts``: tried there in order, each after the previous match."""
    last = 0
    for p in starts:
        if p >= last:
            m = pattern.match(text, p, end)
            if m:
                last = m.end()
                yield m


def _as_is(pattern: regex.Pattern[str]) -> regex.Pattern[str] | re.Pattern[str]:
    """The pattern itself (for text with an astral character: see _BMP_NUMBER_PATTERNS)."""
    return pattern


def _sep_runs(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the separator runs in ``text[start:end]`` (the matches of
    :data:`SEP_RUN`), from one split and a running sum of the pieces' lengths."""
    parts = _SEP_SPLIT.split(text[start:end])  # kept, run, kept, …, kept
    offs = list(accumulate(map(len, parts), initial=start))
    return offs[1:-1:2], offs[2:-1:2]


def descramble(
    text: str,
    start: int,
    end: int,
    runs: tuple[list[int], list[int]] | None = None,
    alike: str | None = None,
) -> Proposals:
    """Edits that put a scrambled copy back into a line-structured document.

    ``runs`` are the (starts, ends) of the separator runs in ``text[start:end]`` when
    already known (:attr:`Copies.first_runs`); ``alike`` is the text (up to ``end`` at
    least) with its separators written ``,`` when already made (:attr:`Copies.alike`),
    where heading markers and numbers are looked for.  The runs that become commas are
    given in bulk (:attr:`Proposals.bulk`)."""
    if alike is None:
        alike = _alike_separators(text[:end])
    out: dict[int, ProposedEdit] = {}  # keyed by edit start: one edit per separator run

    def put(s: int, e: int, new: str, kind: str, detail: str, *, force: bool = False) -> None:
        if s in out and not force:
            return
        out[s] = (Edit(s, e, new), kind, detail)

    # anatomy: the notice title at the start
    head_end = start
    m = _TITLE.match(text, start, end)
    if m:
        for r in SEP_RUN.finditer(text, m.start(), m.end()):
            put(r.start(), r.end(), "", "punctuation", "separator inside the title removed")
        put(m.end(), m.end(), "\n", "line-break", "line break after the title restored")
        head_end = m.end()
    # issuer + date, then the issued plan's title
    ad = _AGENCY_DATE.search(text, head_end, min(end, head_end + 2000))
    if ad:
        put(ad.start(1), ad.end(1), "\n", "line-break", "line break before the signature restored", force=True)
        put(ad.start(3), ad.end(3), "\n", "line-break", "line break between issuer and date restored", force=True)
        put(ad.start(5), ad.end(5), "\n", "line-break", "line break after the date restored", force=True)
        pt = _PLAN_TITLE.match(text, ad.end(), end)
        if pt:
            for r in SEP_RUN.finditer(text, pt.start(), pt.end()):
                put(r.start(), r.end(), "", "punctuation", "separator inside the title removed")
            after = SEP_RUN.match(text, pt.end(), end)
            if after:
                put(after.start(), after.end(), "\n", "line-break", "line break after the plan title restored", force=True)
    # headings
    for h in find_scrambled_headings(text, head_end, end, alike):
        rb = h.run_before or (h.num_start, h.num_start)
        new = "\n" + h.canonical
        put(rb[0], h.marker_run[1], new, "heading", f"heading marker restored as {h.canonical!r} (level {h.depth + 1})", force=True)
        if h.title_run and h.title_run[0] not in out:
            put(h.title_run[0], h.title_run[1], "。", "punctuation", "end of heading title")
    # numbers, tried where a number followed by a separator begins (re's patterns, the
    # same on text without astral characters, match faster)
    pattern = _BMP_NUMBER_PATTERNS.__getitem__ if _is_bmp(text[max(0, start - 4) : end]) else _as_is
    number_ends = _number_ends(text, start, end, alike)
    at_numbers = _number_starts(text, start, end, ends=number_ends)
    at_years = _year_starts(text, at_numbers)
    for m in _matches_at(pattern(_DOCNUM), text, at_years, end):
        year = m.start(1)
        opening = year  # the separators before the year, back to a Han character
        while opening > start and text[opening - 1] in _DOCNUM_OPEN:
            opening -= 1
        if opening < year and opening > 0 and _HAN_AT.match(text, opening - 1):
            put(opening, year, "〔", "number", "document-number bracket restored")
            put(m.start(2), m.end(2), "〕", "number", "document-number bracket restored")
    for m in _matches_at(pattern(_PER_BASE), text, at_numbers, end):
        put(m.start(2), m.end(2), "/", "number", f"rate '{m.group()}万' read as {m.group(1)}/{m.group(3)}万")
    for m in _matches_at(pattern(_YEAR_RANGE), text, at_years, end):
        put(m.start(2), m.end(2), "—", "number", f"year range {m.group(1)}—{m.group(3)} restored")
    for m in _matches_at(pattern(_COUNT_RANGE), text, at_numbers, end):
        if _BOUND_BEFORE.search(text, max(start, m.start() - 4), m.start()) and len(m.group(1)) <= 3 and len(m.group(3)) <= 2:
            # a bound takes one number: 不低于1,5张 is 1.5张, not the range 1—5
            put(m.start(2), m.end(2), ".", "decimal", f"decimal point restored: {m.group(1)}.{m.group(3)} (inferred)")
        elif (lo := _int(m.group(1))) is not None and (hi := _int(m.group(3))) is not None and lo < hi:
            put(m.start(2), m.end(2), "—", "number", f"range {m.group(1)}—{m.group(3)} restored (inferred)")
    for m in _matches_at(pattern(_DECIMAL), text, at_numbers, end):
        put(m.start(2), m.end(2), ".", "decimal", f"decimal point restored: {m.group(1)}.{m.group(3)} (inferred)")
    for m in _matches_at(pattern(_LOST_UNIT), text, at_numbers, end):
        if m.start(2) in out:
            continue
        ctx_start = max(start, m.start() - 30)
        unit = _rate_unit(text[ctx_start : m.start()])
        if unit is None:  # (never: with the default, a unit is always named)
            continue
        put(m.start(2), m.end(2), unit, "unit", f"lost unit sign after {m.group(1)} restored as {unit!r} (inferred)")
    for m in _matches_at(pattern(_LOST_SHARE), text, _share_starts(text, at_numbers), end):
        if m.start(2) in out:
            continue
        unit = _rate_unit(text[max(start, m.start() - 30) : m.start()], default=False)
        if unit is not None:  # the separator still ends the clause: the sign itself was lost
            put(m.start(2), m.end(2), unit + "，", "unit", f"lost unit sign after {m.group(1)} restored as {unit!r} (inferred)")
    # a decimal like 5,5 followed by a lost unit sign: "5,5 以下"
    for m in _matches_at(pattern(_DECIMAL_LOST_UNIT), text, _decimal_starts(start, number_ends), end):
        if m.start(1) < start or m.start(1) in out:
            continue
        ctx_start = max(start, m.start(1) - 34)
        unit = _rate_unit(text[ctx_start : m.start(1)])
        if unit is None:  # (never: with the default, a unit is always named)
            continue
        put(m.start(1), m.end(1), unit, "unit", f"lost unit sign restored as {unit!r} (inferred)")
    # every other separator run becomes a comma
    starts, ends = runs if runs is not None else _sep_runs(text, start, end)
    return _in_order(out, starts, ends)


def _in_order(edits: dict[int, ProposedEdit], starts: list[int], ends: list[int]) -> Proposals:
    """The edits (keyed by start) in order of position and the commas (one per
    separator run, at ``starts``…``ends``; an edit at a run's start replaces its comma)
    as :class:`Substitutions`, without those that start inside an earlier kept edit.

    Runs do not overlap, so among the commas between two edits only the first few can
    start inside the edit before: they are cut off by bisection and the rest taken as a
    slice — the Python loop is per edit, not per separator run.
    """
    kept: list[ProposedEdit] = []
    comma_starts: list[int] = []
    comma_ends: list[int] = []
    last = -1  # where the kept edits so far end
    i = 0  # the first comma not yet taken or passed
    for s in sorted(edits):
        j = bisect_left(starts, s, i)  # the commas before this edit: i … j-1
        k = bisect_left(starts, last, i, j)  # those from k on start after the kept edits
        if k < j:
            comma_starts += starts[k:j]
            comma_ends += ends[k:j]
            last = ends[j - 1]
        pe = edits[s]
        if s >= last:
            kept.append(pe)
            last = max(last, pe[0].end)
        i = j + 1 if j < len(starts) and starts[j] == s else j  # a comma at s is replaced
    k = bisect_left(starts, last, i)
    comma_starts += starts[k:]
    comma_ends += ends[k:]
    return Proposals(kept, Substitutions(comma_starts, comma_ends, "，", "punctuation-summary"))


def pass_recover(text: str) -> Proposals:
    """Merge repeated copies and descramble punctuation (first normalisation layer).

    The commas replacing separator runs come as :class:`Substitutions` (``bulk``)."""
    edits: list[ProposedEdit] = []
    copies = find_copies(text)
    end = len(text)
    if copies is not None and len(copies.starts) >= 2:
        end = copies.starts[1]
        k = len(copies.starts)
        edits.append(
            (
                Edit(copies.starts[1], len(text), ""),
                "dedupe",
                f"{k} copies of the same document merged into the first; "
                f"{copies.agree} separator positions agree in all copies, {copies.disagree} differ",
            )
        )
    if is_scrambled(text[:end]):
        found = (
            descramble(text, 0, end, copies.first_runs, copies.alike) if copies is not None else descramble(text, 0, end)
        )
        found += edits  # (the merged copies start after the first, where the commas end)
        found.insert(0, (Edit(0, 0, ""), "scrambled", "punctuation detected as scrambled; structure recovered from separators"))
        return found
    return Proposals(edits)
