"""Responsibility assignments (责任单位): who leads, who supports, for which task.

Forms recognised, each by one small rule in :data:`ASSIGNMENT_RULES` (ordered;
an earlier rule's spans are not read again by later ones):

* ``task_table`` — 序号/工作任务/牵头部门(责任单位)/配合部门/完成时限 tables, tab-separated
  or one cell per line: one Assignment per row, path = section path + row number,
  deadline from the 完成时限 cell;
* ``unnumbered_task_table`` — the same without a 序号 column (tab-separated, a row a line):
  path = the section's;
* ``parenthetical`` — （A牵头，B、C配合） （A、B分别负责） （A、B等按职责分工负责）
  （A会同B负责） （责任单位：A、B）…, nested brackets allowed; the span is the whole
  parenthetical, brackets included;
* ``labelled_note`` — 责任单位：A、B / 牵头单位：A；配合单位：B outside brackets, also with
  damaged punctuation (责任单位,省卫生计生委 省人力资源社会保障厅);
* ``led_by_clause`` / ``lead_clause`` / ``unit_must`` — in-text duties (由A牵头，B参与 /
  A牵头，B配合 / A部门要…), emitted with ``explicit=False``.

A parenthetical is an assignment only if it holds a role word and its units look
like bodies, so 中（蒙）医, 县（区）, （不含中药饮片）, （DRG） are never read as one.
Names: lists split on 、，和 及 (never inside 人力资源和社会保障厅 …), a level prefix
(自治区, 省, 市, 县（区）…) carried onto later units, collective (各相关部门) and
self-named (南宁海关) units kept as written, a trailing 等 dropped.  The vocabulary
is data: ``policyparse/data/agencies.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import regex

from ..markers import match_marker
from ..models import Agency, Assignment
from ..vocab import alternation, load_data, split_outside_brackets
from . import Claims, DocContext, new_model

_new_agency = new_model(Agency)
_new_assignment = new_model(Assignment)

# --------------------------------------------------------------------------- vocabulary

#: the label of a deadline beside a note (完成时限：2021年底前): it ends the note's last unit list
_DEADLINE_WORDS = "(?:完成时限|完成时间|时间节点|时限要求|完成期限)"
#: regex's \s (Unicode White_Space) spelled out, for patterns compiled with the stdlib re
#: (cheaper per call than regex; its own \s would also take \x1c-\x1f)
_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@dataclass(frozen=True)
class AgencyVocab:
    """The reviewed word lists of agencies.json, compiled."""

    alias_pairs: tuple[tuple[str, str], ...]  # (variant, canonical), longest variant first
    aliases: dict[str, str]  # variant -> canonical
    alias_lengths: tuple[int, ...]  # the variant lengths, longest first
    compounds: tuple[str, ...]
    prefixes: tuple[str, ...]  # longest first
    prefix_set: frozenset[str]
    prefix_lengths: tuple[int, ...]  # the prefix lengths, longest first
    #: per prefix length n: the not_prefixed words longer than n (区域 is not 区 + 域)
    not_prefixed_over: dict[int, tuple[str, ...]]
    party_prefixes: frozenset[str]
    not_prefixed: tuple[str, ...]
    own_level: tuple[str, ...]
    places: tuple[str, ...]
    self_suffixes: tuple[str, ...]
    generic_starts: tuple[str, ...]
    generic_contains: tuple[str, ...]
    body_suffixes: tuple[str, ...]
    #: suffix -> the shortest name it makes a body (医政医管科; not 儿科)
    suffix_min_length: dict[str, int]
    not_body_endings: tuple[str, ...]  # 学科, 专科, 控股: no body although a suffix ends them
    internal_suffixes: tuple[str, ...]  # 医政医管科, 财务股, 机关党委: never take a carried prefix
    #: what a list of lead bodies before 牵头 never starts with: 由 (a led_by clause) or a verb
    lead_list_not_starts: tuple[str, ...]
    vague_places: frozenset[str]  # 各地: no body to owe an in-text duty
    inner_places: re.Pattern[str]  # a place's name inside a unit (武警南宁支队)
    named_zone: regex.Pattern[str]  # a place's own zone (柳州高新区管委会)
    party_departments: tuple[str, ...]  # 宣传部, 组织部: a carried level comes as 省委, 市委 …
    roles: dict[str, str]  # role phrase -> joint | lead | resp | support | with
    labels: dict[str, str]  # label -> lead | resp | support
    first_leads: regex.Pattern[str]
    #: a footnote line's label (注：, 备注：): a first_leads statement there speaks of the notes above
    footnote: re.Pattern[str]
    token: re.Pattern[str]  # roles, labels and rule phrases inside a note
    #: token without its rule phrases: the same tokens in a note without 为牵头 and 是牵头
    #: (every first_leads phrase ends in 为牵头单位 / 是牵头部门 …), found faster
    token_words: re.Pattern[str]
    #: any role or label word, bare: a note without one is no note (a cheap first test)
    role_words: re.Pattern[str]
    role_word_min: int  # the length of the shortest role or label word
    #: role words, label words and 下同 that may trail a unit in a labelled note, by length
    tails: dict[str, int]
    tail_ends: frozenset[str]  # the last characters of the tails (a token ending otherwise has none)
    tail_lengths: tuple[int, ...]  # longest first


@lru_cache(maxsize=1)
def agency_vocab() -> AgencyVocab:
    data = load_data("agencies.json")
    pairs: dict[str, str] = {}
    for canon, variants in data["aliases"].items():
        pairs[canon] = canon
        for v in variants:
            pairs[v] = canon
    roles: dict[str, str] = {}
    for kind in ("joint", "lead", "resp", "support", "with"):
        for w in data["roles"][kind]:
            roles.setdefault(w, kind)
    labels = {w: kind for kind, words in data["roles"]["labels"].items() for w in words}
    first_leads = regex.compile(data["roles"]["first_leads"])
    # a label needs a colon when it is also a role word (牵头：… / 配合：…); the words,
    # longest first, in runs of one colon kind: [【]?(?:w1|w2…)[】]?colon per run (the
    # same matches as one alternative per word, tried faster)
    runs: list[tuple[bool, list[str]]] = []
    for w in sorted(labels, key=len, reverse=True):
        if runs and runs[-1][0] == (w in roles):
            runs[-1][1].append(regex.escape(w))
        else:
            runs.append((w in roles, [regex.escape(w)]))
    label_alts = [
        rf"[【\[〔［]?(?:{'|'.join(ws)})[】\]〕］]?" + (r"[ \t]*[：:]" if needs else r"(?:[ \t]*[：:]|为)?")  # 责任单位为A
        for needs, ws in runs
    ]
    role_alts = [
        regex.escape(w) + (r"(?!人|同志|制|任)" if w.endswith("负责") else "")
        for w in sorted(roles, key=len, reverse=True)
    ]
    # the words' first characters: a token other than a rule phrase starts with one (the
    # stdlib re skips the other positions fast; regex's \s spelled out)
    heads = {w[0] for w in (*roles, *labels, "下同")} | set(_LABEL_OPENS)
    heads |= {alt[0] for alt in _DEADLINE_WORDS[3:-1].split("|")}
    words = (
        rf"(?=[{''.join(sorted(re.escape(c) for c in heads))}])"
        rf"(?:(?P<same>下同)"
        rf"|(?P<stop>{_DEADLINE_WORDS}[ \t]*[：:]?)"
        rf"|(?P<label>{'|'.join(label_alts)})"
        rf"|(?P<role>{'|'.join(role_alts)}))"
    )
    token = re.compile(rf"(?P<rule>{first_leads.pattern}(?:[，,、。.{_SPACE}]*下同)?)|{words}")
    prefixes = tuple(sorted(data["level_prefixes"], key=len, reverse=True))
    tails = {w: len(w) for w in (*roles, *labels, "下同")}
    not_prefixed = tuple(data["not_prefixed"])
    prefix_lengths = tuple(sorted({len(p) for p in prefixes}, reverse=True))
    return AgencyVocab(
        alias_pairs=tuple(sorted(pairs.items(), key=lambda kv: len(kv[0]), reverse=True)),
        aliases=pairs,
        alias_lengths=tuple(sorted({len(w) for w in pairs}, reverse=True)),
        compounds=tuple(data["compound_names"]),
        prefixes=prefixes,
        prefix_set=frozenset(prefixes),
        prefix_lengths=prefix_lengths,
        not_prefixed_over={
            n: tuple(w for w in not_prefixed if len(w) > n) for n in prefix_lengths
        },
        party_prefixes=frozenset(data["party_prefixes"]),
        not_prefixed=not_prefixed,
        own_level=tuple(data.get("own_level", ())),
        places=tuple(data["self_named_places"]),
        self_suffixes=tuple(data["self_named_suffixes"]),
        generic_starts=tuple(data["generic_starts"]),
        generic_contains=tuple(data["generic_contains"]),
        body_suffixes=tuple(sorted(data["body_suffixes"], key=len, reverse=True)),
        suffix_min_length=dict(data.get("suffix_min_length", {})),
        not_body_endings=tuple(data.get("not_body_endings", ())),
        internal_suffixes=tuple(data.get("internal_suffixes", ())),
        lead_list_not_starts=tuple(data["lead_list_not_starts"]),
        vague_places=frozenset(data["vague_places"]),
        inner_places=re.compile(
            alternation([p for p in data["self_named_places"] if p not in data["self_named_inside_not"]])
        ),
        named_zone=regex.compile(rf"\p{{Han}}{{2,4}}?(?:{alternation(data['named_zones'])})"),
        party_departments=tuple(data["party_departments"]),
        roles=roles,
        labels=labels,
        first_leads=first_leads,
        footnote=re.compile(rf"[{_SPACE}]*[（(]?(?:{alternation(data['roles']['footnote_labels'])})\s*\d{{0,2}}\s*[：:]"),
        token=token,
        token_words=re.compile(words),
        role_words=re.compile(  # plain words: the stdlib re is cheaper per call
            "|".join(re.escape(w) for w in sorted({*roles, *labels}, key=len, reverse=True))
        ),
        role_word_min=min(len(w) for w in (*roles, *labels)),
        tails=tails,
        tail_ends=frozenset(w[-1] for w in tails),
        tail_lengths=tuple(sorted(set(tails.values()), reverse=True)),
    )


# --------------------------------------------------------------------------- names

_NOT_NAME = regex.compile(r"[。！？；;：:“”\"《》的将在对把为是了]|(?<!机)要|\d{4}年")
#: how a unit does its part: 按职责分工 / 按照各自职责 / 依职责 / 根据职能分工
_DUTY = r"(?:按照?|依照?|依据|根据|依)(?:各自的?)?(?:职责|职能)(?:分工)?"
_DUTY_MODIFIER = re.compile(rf"{_DUTY}(?=负责|落实)")
_TRAILING_ETC = re.compile(rf"(?:等(?:有关|相关)?(?:部门|单位)?|{_DUTY}|分别|共同|具体)+$")
#: what stands before a unit in a note or clause: 由, and the task it takes (此项工作由, 以上任务由,
#: 该项任务具体由, 具体工作由)
_LEADING_JUNK = re.compile(
    r"^(?:具体|统一|均|分别|其中|并|请)?"
    r"(?:(?:此|该|本|上述|以上|这|各|相关|有关)?(?:[项些类]|几项)?(?:工作|任务|事项|措施)(?:均|统一|具体|主要)?(?=由))?"
    r"(?:由|以)?"
)
#: a unit marked as the lead inside a list: 省卫生健康委（牵头）
LEAD_MARK = re.compile(r"[（(]牵头(?:单位|部门)?[）)]")
_MARK = "★"
#: a county named by one character: 嵩县, 滑县, 歙县 (not 该县, 全县, 两县, 市县)
_ONE_CHAR_COUNTY = r"[^\P{Han}各全本该我每两一三四五几邻外他原省市县区州盟旗乡镇]县"
#: a named place with its level: 南宁市, 广西壮族自治区, 吴忠市, 嵩县 (a prefix that also names the body)
_PLACE_LEVEL = regex.compile(
    rf"^(?:(?![各全])\p{{Han}}{{2,8}}?(?:自治区|自治州|省|市|县|旗|盟)|{_ONE_CHAR_COUNTY})"
    r"(?!场|级|域|直|属|民|内|外|区)"
)
#: a town-level word heading a unit (镇城市管理办, 乡财政所): never the start of a place name
_TOWN_LEVELS = ("镇", "乡")
#: common words that end in a level character: after 镇/乡 they start the body (镇城市管理办)
_WORDS_NOT_PLACES = frozenset({"城市", "集市", "超市", "都市", "夜市", "菜市", "城区", "社区", "园区", "景区"})
#: collective local governments named by their area: 各地区, 各市, 各县（市、区）
_REGIONS = regex.compile(
    r"各(?:地|地区|省|市|县|区|州|盟|旗|盟市|旗县|地市|设区市|区县|县区|县市区)(?:[（(][^（）()]{1,6}[）)])?"
)
#: collective grass-roots units named by their area: 各村, 各村（社区）, 各乡镇（街道）, 各社区
_LOCALITIES = regex.compile(
    r"各(?:乡镇|乡|镇|街道|镇街|街镇|村|社区|村居|行政村|村组)(?:[（(][^（）()]{1,6}[）)])?"
)
#: a bare level word in a list that shares the next unit's body: 各市、县人民政府
_BARE_LEVEL = regex.compile(
    r"各?(?:省|市|县|区|州|盟|旗|地|盟市|旗县|设区市|自治区|自治州|直辖市)(?:[（(][^（）()]{1,6}[）)])?"
)
#: a bare named place in a list that shares the next unit's body: 成都市、绵阳市人民政府,
#: 洛宁县、嵩县人民政府
_BARE_PLACE = regex.compile(
    rf"(?![各全本该])\p{{Han}}{{2,6}}(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗)|{_ONE_CHAR_COUNTY}"
)
#: a body with its second name in brackets: 省卫生健康委（省中医药局）
_ALT_NAME = regex.compile(
    r"(?P<main>[^（）()]+)[（(](?!含|不含|包括|以下|下同)(?P<alt>[^（）()]{2,20})[）)]"
)
#: a field of work sharing a trailing 部门: 教育、财政、人力资源社会保障等部门
_FIELD = regex.compile(r"\p{Han}{2,10}")
_FIELD_TAIL = regex.compile(r"(?P<field>\p{Han}{2,10}?)(?:等(?:有关|相关)?)?部门")
_ADMIN_SUFFIXES = (
    "部门",
    "厅",
    "局",
    "委",
    "办",
    "政府",
    "党委",
    "秘书处",
    "办公室",
    "小组",
    "委员会",
)


@lru_cache(maxsize=4096)
def level_prefix(unit: str) -> str | None:
    """The level prefix a unit starts with (自治区卫生健康委 → 自治区), if any."""
    v = agency_vocab()
    place = place_prefix(unit)
    if place:
        return place
    for n in v.prefix_lengths:  # longest prefix first
        if n < len(unit) and unit[:n] in v.prefix_set:
            if unit.startswith(v.not_prefixed_over[n]):
                continue
            return unit[:n]
    return None


def _region_prefix(unit: str) -> str | None:
    """The collective region a unit starts with (各县（市、区）党委 → 各县（市、区）), if any."""
    m = _REGIONS.match(unit)
    if not m or m.end() >= len(unit):
        return None
    rest = unit[m.end() :]
    if rest.startswith(agency_vocab().generic_starts) or not is_body(rest):
        return None
    return m.group()


def place_prefix(unit: str) -> str | None:
    """A prefix naming a place and its level (南宁市卫生健康委 → 南宁市), if any."""
    v = agency_vocab()
    m = _PLACE_LEVEL.match(unit)
    if not m or len(unit) - m.end() < 2:
        return None
    if m.group().startswith(_TOWN_LEVELS) and m.group()[1:] in _WORDS_NOT_PLACES:
        return None  # 镇城市管理办: the level 镇 + 城市管理办, not a city 镇城市
    if unit.startswith(v.places) or len(m.group()) <= 4 and m.group()[-1] in "市县旗盟":
        rest = unit[m.end() :]
        return (
            m.group()
            if rest.endswith(v.body_suffixes) and not rest.startswith(v.prefixes)
            else None
        )
    return None


def _level_of(prefix: str) -> str:
    """The level part of a party prefix (自治区党委 → 自治区, 省委 → 省)."""
    if prefix in agency_vocab().party_prefixes:
        return prefix[:-2] if prefix.endswith("党委") else prefix[:-1]
    return prefix


def is_generic(unit: str) -> bool:
    """A collective unit kept as written (各相关部门, 医改领导小组各成员单位)."""
    v = agency_vocab()
    return unit.startswith(v.generic_starts) or any(w in unit for w in v.generic_contains)


def is_self_named(unit: str) -> bool:
    """A unit naming its own body or place (南宁海关, 辽宁保监局, 中国人民银行沈阳分行, 武警南宁支队,
    民航广西监管局, 柳州高新区管委会)."""
    v = agency_vocab()
    return (
        unit.startswith(v.places)
        or unit.endswith(v.self_suffixes)
        or v.inner_places.search(unit, 1) is not None
        or (unit[0] not in _LEVEL_CHARS and v.named_zone.match(unit) is not None)
    )


@lru_cache(maxsize=4096)
def is_body(unit: str) -> bool:
    """Does this string look like the name of a body?"""
    if not 2 <= len(unit) <= 30 or _NOT_NAME.search(unit):
        return False
    v = agency_vocab()
    if unit.endswith(v.body_suffixes):
        # 医政医管科 / 财务股 are sections; 儿科, 学科, 控股 are not
        if len(unit) >= v.suffix_min_length.get(unit[-1], 0) and not unit.endswith(
            v.not_body_endings
        ):
            return True
    if _REGIONS.fullmatch(unit) or _LOCALITIES.fullmatch(unit):
        return True
    m = _ALT_NAME.fullmatch(unit) if unit[-1] in "）)" else None
    return m is not None and is_body(m.group("main")) and is_body(m.group("alt"))


@lru_cache(maxsize=4096)
def agency_key(name: str) -> str:
    """Canonical key: level prefix kept, the rest with aliases folded (卫生计生委 → 卫生健康委)."""
    v = agency_vocab()
    prefix = level_prefix(name) or ""
    stem = name[len(prefix) :]
    for n in v.alias_lengths:  # longest variant first
        if n <= len(stem) and stem[len(stem) - n :] in v.aliases:
            return prefix + stem[: len(stem) - n] + v.aliases[stem[len(stem) - n :]]
    return name


@lru_cache(maxsize=4096)
def clean_unit(raw: str) -> str:
    """Strip list junk around a unit: spaces, a leading 由, a trailing 等(部门) / 按职责分工."""
    u = raw.strip(" \t\u3000，,、。.；;：:")
    u = _LEADING_JUNK.sub("", u)
    u = _TRAILING_ETC.sub("", u)
    return u.strip()


_CONJ = re.compile(r"以及|[和及与]")
_LABEL_PUNCT = re.compile(rf"[【】\[\]〔〕［］：:{_SPACE}]")
_WS = re.compile(rf"[{_SPACE}]")
_WS_RUN = re.compile(rf"[{_SPACE}]*")
_TRAILING_BRACKET = re.compile(rf"[（(]([^（）()]+)[）)][{_SPACE}]*$")
_ROW_NUMBER = regex.compile(r"\d{1,3}")
_CLAUSE_STOP = re.compile(r"[。；;！\n]")


@lru_cache(maxsize=1)
def _conj_compounds() -> tuple[str, ...]:
    """Agency names that contain 和/及/与 (人力资源和社会保障厅): never split there."""
    return tuple(c for c in agency_vocab().compounds if _CONJ.search(c))


def _split_conjunction(unit: str) -> list[str]:
    """Split A和B / A及B where both sides are bodies and no compound name is cut."""
    v = agency_vocab()
    if not _CONJ.search(unit):
        return [unit]
    compounds = [c for c in _conj_compounds() if c in unit]
    for m in _CONJ.finditer(unit):
        i = m.start()
        if any(unit.find(c) <= i < unit.find(c) + len(c) for c in compounds):
            continue
        left, right = unit[:i], unit[m.end() :]
        if left.endswith(v.body_suffixes) and right:
            return [left, *_split_conjunction(right)]
    return [unit]


def split_units(clause: str, seps: str = "、/／ \t\u3000") -> list[str]:
    """Units of one comma group, cleaned: '发展改革委、人力资源社会保障厅' → two units."""
    return list(_split_units(clause, seps))


#: the last character of a place's level (自治区 → 区, 自治县 → 县)
_LEVEL_CHARS = frozenset("省市县区州盟旗")


def _shared_body(place: str, unit: str) -> str | None:
    """The body a bare place shares with the next unit (成都市 + 绵阳市人民政府 → 人民政府;
    林州市 + 滑县人民政府 → 人民政府: the levels may differ)."""
    v = agency_vocab()
    for i in range(1, min(8, len(unit) - 2)):
        if unit[i] in _LEVEL_CHARS and _BARE_PLACE.fullmatch(unit, 0, i + 1):
            # the first place only: 绵阳市市场监管局 is 绵阳市 + 市场监管局, never 绵阳市市 + 场…
            body = unit[i + 1 :]
            if body.endswith(v.body_suffixes) and (
                not body.startswith(v.prefixes) or body.startswith(v.not_prefixed)
            ):
                return body
            return None
    return None


def _level_head(unit: str) -> bool:
    """Does the unit open with a level word (县人民政府, 自治区, 直辖市人民政府; not 市场监管局)?"""
    if level_prefix(unit):
        return True
    m = _BARE_LEVEL.match(unit)
    return bool(m) and not unit.startswith(agency_vocab().not_prefixed)


def _shared_parts(parts: list[str]) -> list[str]:
    """Units that share a word with the next one, completed (each returned part is one unit).

    各市、县人民政府 stays one collective unit; 成都市、绵阳市人民政府 → 成都市人民政府,
    绵阳市人民政府; 教育、财政等部门 → 教育部门, 财政部门.
    """
    parts = [p.strip() for p in parts]
    out: list[str] = []
    k = 0
    while k < len(parts):
        part = last = parts[k]
        # 各市、县人民政府 / 各省、自治区、直辖市人民政府: one collective unit, kept as written
        while (
            _BARE_LEVEL.fullmatch(clean_unit(last))
            and k + 1 < len(parts)
            and _level_head(parts[k + 1])
        ):
            k += 1
            last = parts[k]
            part = part + "、" + last
        out.append(part)
        k += 1
    if len(out) < 2:
        return out
    # 成都市、绵阳市人民政府: a run of bare places takes the body of the unit after it
    k = 0
    while k < len(out):
        j = k
        while j < len(out) and _BARE_PLACE.fullmatch(out[j]):
            j += 1
        if j > k and j < len(out):
            body = _shared_body(out[j - 1], out[j])
            if body:
                out[k:j] = [p + body for p in out[k:j]]
        k = j + 1
    # 教育、财政、人力资源社会保障等部门: fields of work share the trailing 部门
    tail = _FIELD_TAIL.fullmatch(out[-1])
    if tail and not is_body(tail.group("field")):
        fields = out[:-1]
        if all(_FIELD.fullmatch(f) and not is_body(f) and not _NOT_NAME.search(f) for f in fields):
            out = [f + "部门" for f in fields] + [tail.group("field") + "部门"]
    return out


#: a run of spaces inside a list (a separator, or a stray space inside a name: 省 财政厅)
_SPACE_RUN = re.compile(r"[ \t\u3000\u2000-\u200a]+")
#: the characters around a unit in a list (where a name's fragment before a space begins)
_UNIT_EDGE = re.compile(r"[、/／，,；;：:（）()]")


def _mend_spaces(clause: str) -> str:
    """Remove a stray space inside a name (PDF text: 省 财政厅, 人力资源 社会保障厅): a space
    goes when the words before it (from the last separator) name no body and, joined with the
    words after it (to the next), they do; a space between two names stays a separator."""
    out: list[str] = []
    pos = 0
    for m in _SPACE_RUN.finditer(clause):
        left = clause[pos : m.start()]
        head = _UNIT_EDGE.split(left)[-1]
        nxt = _SPACE_RUN.search(clause, m.end())
        right = _UNIT_EDGE.split(clause[m.end() : nxt.start() if nxt else len(clause)])[0]
        out.append(left)
        if not _broken_name(clean_unit(head), clean_unit(right)):
            out.append(m.group())
        pos = m.end()
    out.append(clause[pos:])
    return "".join(out)


def _broken_name(head: str, right: str) -> bool:
    """Are head and right (apart by a space) one name broken: a bare level and a body (省 财政厅),
    or words naming no body and the rest of a name that opens with no level of its own
    (人力资源 社会保障厅; not 高新区 市财政局, two units)?"""
    if not head or not right or not is_body(head + right):
        return False
    if _BARE_LEVEL.fullmatch(head):
        return True
    return not is_body(head) and not _level_head(right)


@lru_cache(maxsize=4096)
def _split_units(clause: str, seps: str) -> tuple[str, ...]:
    out: list[str] = []
    if _SPACE_RUN.search(clause):
        clause = _mend_spaces(clause)
    for part in _shared_parts(split_outside_brackets(clause, seps)):
        for u in _split_conjunction(part):
            u = clean_unit(u)
            m = _ALT_NAME.fullmatch(u) if u.endswith(("）", ")")) else None
            if m and is_body(m.group("main")) and is_body(m.group("alt")):
                out += [m.group("main"), m.group("alt")]  # 省卫生健康委（省中医药局）
            elif u:
                out.append(u)
    return tuple(out)


@dataclass(slots=True)
class PrefixState:
    """The level prefix carried along a list (full: inside one 、-group; level: the whole note)."""

    level: str = ""
    full: str = ""

    def new_group(self) -> None:
        self.full = ""


def name_unit(raw: str, state: PrefixState) -> Agency:
    """Give a unit its full name and key, updating the carried prefix."""
    name, key, state.full, state.level = _naming(raw, state.full, state.level)
    return _new_agency({"name": name, "raw": raw, "key": key})


@lru_cache(maxsize=4096)
def _naming(raw: str, full: str, level: str) -> tuple[str, str, str, str]:
    """(name, key, carried full prefix, carried level) of a unit after a list's prefix."""
    own = level_prefix(raw)
    if own:
        full, level = own, _level_of(own)
        name = raw
    elif region := _region_prefix(raw):
        # 各县（市、区）党委、政府: the region carries inside its group (never as the level)
        full, name = region, raw
    elif (
        is_generic(raw)
        or is_self_named(raw)
        or raw.startswith(agency_vocab().own_level)
        or raw.endswith(agency_vocab().internal_suffixes)  # 医政医管科: a section of one body
    ):
        name = raw
    elif raw.startswith(agency_vocab().party_departments) and (full or level):
        name = _party_form(full or level) + raw  # 省委组织部牵头，宣传部配合 → 省委宣传部
    else:
        name = (full or level) + raw
    return name, agency_key(name), full, level


def _party_form(prefix: str) -> str:
    """The party committee of a level prefix (省 → 省委, 南宁市 → 南宁市委, 自治区 → 自治区党委);
    a party prefix as it is."""
    if prefix in agency_vocab().party_prefixes or prefix.endswith(("委", "党委")):
        return prefix
    return prefix + ("党委" if prefix.endswith("自治区") else "委")


# --------------------------------------------------------------------------- note grammar


@dataclass(slots=True)
class NoteRoles:
    lead: list[Agency] = field(default_factory=list)
    support: list[Agency] = field(default_factory=list)
    jointly: bool = False
    states_first_leads: bool = False  # the note itself says 排在首位者为牵头单位


@lru_cache(maxsize=4096)
def _body_clauses(segment: str, seps: str, clause_seps: str) -> tuple[tuple[str, ...], ...]:
    """The comma groups at the end of a segment whose units all look like bodies.

    A unit marked as lead (省卫生健康委（牵头）, read as 省卫生健康委★) keeps its mark.
    """
    clauses = split_outside_brackets(segment, clause_seps)
    kept: list[tuple[str, ...]] = []
    for clause in reversed(clauses):
        units = _split_units(clause, seps)
        if not units:
            continue
        if not all(is_body(u.rstrip(_MARK)) for u in units):
            break
        kept.append(units)
    return tuple(reversed(kept))


@lru_cache(maxsize=256)
def _bare_word(token: str) -> str:
    """A role or label token without its brackets, colon and spaces (【责任单位】： → 责任单位;
    责任单位为 → 责任单位)."""
    word = _LABEL_PUNCT.sub("", token)
    return word[:-1] if word.endswith("为") else word


#: A short 〔…〕 inside a unit's name (各县〔市、区〕卫生健康局): the brackets of 各县（市、区）.
_INNER_HEX = regex.compile(r"(?<=\p{Han})〔([^〔〕（）()\n]{1,6})〕")


def read_note(
    content: str,
    *,
    first_leads: bool = False,
    scrambled: bool = False,
) -> NoteRoles | None:
    """Read the roles of a note's inside: 'A牵头，B、C配合' → lead A, support B C.

    Returns None when the text holds no role word or names no body.  A 〔…〕 inside a
    unit's name reads as （…） (the name is normalised; each unit's raw keeps the source).
    """
    if "〔" not in content:
        return _read_note(content, first_leads, scrambled)
    norm = _INNER_HEX.sub(r"（\1）", content)
    roles = _read_note(norm, first_leads, scrambled)
    if roles is None or norm == content:
        return roles

    def source(ag: Agency) -> Agency:
        i = norm.find(ag.raw) if "（" in ag.raw else -1
        return ag.model_copy(update={"raw": content[i : i + len(ag.raw)]}) if i >= 0 else ag

    roles.lead = [source(a) for a in roles.lead]
    roles.support = [source(a) for a in roles.support]
    return roles


#: unit separators and comma groups inside a note (scrambled text: any punctuation)
_NOTE_SEPS = "、/／ \t\u3000"
_NOTE_SEPS_SCRAMBLED = _NOTE_SEPS + "，,。.；;"
_CLAUSE_SEPS = "，,；;"
_CLAUSE_SEPS_SCRAMBLED = _CLAUSE_SEPS + "。."


def _read_note(content: str, first_leads: bool, scrambled: bool) -> NoteRoles | None:
    # (no role_words test first: a note without a role or label word has no role or label
    # token, and the rewrites below add none — every caller has tested for one already)
    v = agency_vocab()
    seps = _NOTE_SEPS_SCRAMBLED if scrambled else _NOTE_SEPS
    clause_seps = _CLAUSE_SEPS_SCRAMBLED if scrambled else _CLAUSE_SEPS
    if "（牵头" in content or "(牵头" in content:  # what LEAD_MARK starts with
        content = LEAD_MARK.sub(_MARK, content)
    content = content.strip("【】〔〕[]［］")
    if "职" in content:  # 按各自职责负责 / 依职责负责 / 根据职责分工负责 → 按职责分工负责
        content = _DUTY_MODIFIER.sub("按职责分工", content)
    # (a rule phrase such as 排在首位者为牵头单位 holds 为牵头 or 是牵头: A牵头 needs no search for one)
    rule_phrase = "为牵头" in content or "是牵头" in content
    tokens = list((v.token if rule_phrase else v.token_words).finditer(content))
    kinds = [t.lastgroup for t in tokens]
    if "role" not in kinds and "label" not in kinds and "rule" not in kinds:
        return None
    roles = NoteRoles()
    if "rule" in kinds:
        roles.states_first_leads = True
        first_leads = True

    # the carried prefix (as in PrefixState: full inside one 、-group, level across the note)
    full = level = ""
    resp_units: list[Agency] = []
    marked: list[Agency] = []
    #: (role, role word, units) of each unit list, in note order
    entries: list[tuple[str, str, list[Agency]]] = []
    roles_of, labels_of = v.roles, v.labels
    naming, new_agency = _naming, _new_agency

    # the segments between tokens, each read with the token before it (its kind and word:
    # a role token is its role word, a label token's word is without brackets, colon and
    # spaces; the words of other tokens are never read) and the token after it
    before_kind: str | None = None
    before_word = ""
    pos = 0
    n = len(tokens)
    for k in range(n + 1):
        if k < n:
            token = tokens[k]
            kind = kinds[k]
            start, nxt = token.span()
            segment = content[pos:start]
            if kind == "role":
                word = token.group()
            elif kind == "label":
                word = _bare_word(token.group())
            else:
                word = ""
        else:
            kind, word, segment, nxt = None, "", content[pos:], pos
        if segment.strip(" \t，,、。.；;") and (
            groups := _body_clauses(segment, seps, clause_seps)
        ):
            role = None
            if before_kind == "role" and roles_of.get(before_word) == "with":
                role = "support"
            elif kind == "role":
                role = roles_of.get(word)
                if role == "with":
                    role = "lead"
            if role is None and before_kind == "label":
                role = labels_of[before_word]  # lead | resp | support
            if role is None and kind == "rule":  # （A、B，排在首位者为牵头单位）: responsible
                role = "resp"
            if role is not None:
                agencies: list[Agency] = []
                for units in groups:
                    full = ""  # a new 、-group
                    for u in units:
                        if u[-1] == _MARK:
                            raw = u.rstrip(_MARK)
                            name, key, full, level = naming(raw, full, level)  # as name_unit
                            ag = new_agency({"name": name, "raw": raw, "key": key})
                            marked.append(ag)
                        else:
                            name, key, full, level = naming(u, full, level)
                            ag = new_agency({"name": name, "raw": u, "key": key})
                        agencies.append(ag)
                full = ""
                entries.append((role, word, agencies))
        before_kind, before_word, pos = kind, word, nxt
    if not entries:
        return None
    # a note naming its lead (A牵头 / 牵头单位：A / A会同B) makes the units that are only
    # responsible (B负责, B落实, B按职责分工负责) its support: A牵头，B、C按职责分工负责
    # (still a joint note: its supporters work 按职责分工 / 分别; 按职责分工配合 is not one)
    named_lead = False
    for r, w, _ in entries:
        if r == "lead" or (r == "joint" and "牵头" in w):
            named_lead = True
            break
    for role, word, agencies in entries:
        if role == "resp" and marked:  # 责任单位：A（牵头）、B → lead A, support B
            roles.lead.extend(a for a in agencies if a in marked)
            roles.support.extend(a for a in agencies if a not in marked)
        elif role == "joint" and not (named_lead and "牵头" not in word):
            roles.lead.extend(agencies)
            roles.jointly = True
        elif role == "support" or (named_lead and role in ("joint", "resp")):
            roles.support.extend(agencies)
            roles.jointly = roles.jointly or role == "joint"
        elif role == "resp":
            resp_units.extend(agencies)
        else:
            roles.lead.extend(agencies)
    if resp_units:
        if first_leads and not roles.lead:
            roles.lead.append(resp_units[0])
            roles.support[:0] = resp_units[1:]
        else:
            roles.lead.extend(resp_units)
    if not roles.lead and not roles.support:
        return None
    return roles


# --------------------------------------------------------------------------- deadlines

_DEADLINE = regex.compile(
    r"(?P<y>20\d\d)\s*年\s*(?:(?P<m>\d{1,2})\s*月|(?P<end>年?底|末|内)|(?P<half>上半年|下半年)"
    r"|第?(?P<q>[一二三四1-4])季度)"
)


def parse_deadline(text: str) -> str | None:
    """'2020年11月底前' → '2020-11'; '2021年底前' and '2021年内' → '2021-12'; '2021年上半年' →
    '2021-06'."""
    m = _DEADLINE.search(text)
    if not m:
        return None
    y = m.group("y")
    if m.group("m"):
        month = int(m.group("m"))
    elif m.group("end"):
        month = 12
    elif m.group("half"):
        month = 6 if m.group("half") == "上半年" else 12
    else:
        month = 3 * (
            " 一二三四".index(m.group("q")) if m.group("q") in "一二三四" else int(m.group("q"))
        )
    if not 1 <= month <= 12:
        return None
    return f"{y}-{month:02d}"


# --------------------------------------------------------------------------- rules


@dataclass(slots=True)
class Found:
    """One assignment a rule found (before it becomes a model)."""

    start: int
    end: int
    lead: list[Agency]
    support: list[Agency]
    jointly: bool = False
    explicit: bool = True
    deadline: str | None = None
    path: list[str] | None = None  # None: the section at start


@dataclass(slots=True)
class Scan:
    """What the rules share while reading one document."""

    ctx: DocContext
    taken: Claims
    first_leads_at: list[int]  # offset where 排在首位者为牵头单位 is first stated (or none)
    scrambled: bool

    def is_taken(self, a: int, b: int) -> bool:
        return self.taken.overlaps(a, b)

    def first_leads(self, end: int) -> bool:
        for p in self.first_leads_at:
            if p < end:
                return True
        return False


Rule = Callable[[Scan], list[Found]]


# --- task tables

#: header-cell kinds matched anywhere in the cell (data: table_columns), in the order tried;
#: num and area match the whole cell
_SEARCHED_KINDS = ("support", "lead", "resp", "deadline", "task")


@lru_cache(maxsize=1)
def _column_words() -> tuple[frozenset[str], tuple[tuple[str, re.Pattern[str]], ...], frozenset[str]]:
    cols = load_data("agencies.json")["table_columns"]
    searched = tuple(
        (kind, re.compile(alternation(cols[kind]))) for kind in _SEARCHED_KINDS
    )
    return frozenset(cols["num"]), searched, frozenset(cols["area"])


def column_kind(cell: str) -> str:
    """What a task table's header cell names (data: table_columns): ``num``, ``support``,
    ``lead``, ``resp``, ``deadline``, ``task``, ``area`` (县区, 单位: who does each row's task,
    when no other column says), ``year`` (2025年目标值: an indicator table's values) or
    ``other``."""
    cell = _WS.sub("", cell)
    num, searched, area = _column_words()
    if cell in num:
        return "num"
    for kind, rx in searched:
        if rx.search(cell):
            return kind
    if cell in area:
        return "area"
    if _YEAR_COLUMN.search(cell):
        return "year"
    return "other"


#: a column of values for a year (2020年, 2025年目标值): an indicator table's
_YEAR_COLUMN = regex.compile(r"(?:19|20)\d\d")


def _area_columns(kinds: list[str]) -> list[str]:
    """An area column (序号/县区/任务/完成时限) names the responsible unit of each row — when
    the table is a task table (a task column) with no other responsibility column and no
    column of a year's values; else it is just a column (单位 beside 项目 and 2025年 is a unit
    of measure).  A year column is just a column."""
    lead_as_area = "task" in kinds and not {"lead", "resp", "year"} & set(kinds)
    return [("resp" if lead_as_area else "other") if k == "area" else "other" if k == "year" else k for k in kinds]


#: read a responsibility cell as the inside of a 责任单位 note
_CELL_LABEL = "责任单位："


def _row_roles(
    cells: dict[str, str], first_leads: bool
) -> tuple[list[Agency], list[Agency], bool]:
    """(lead, support, jointly) of a table row's responsibility cells."""
    state = PrefixState()
    jointly = False
    lead: list[Agency] = []
    support: list[Agency] = []

    def units_of(cell: str) -> tuple[list[Agency], list[Agency]]:
        # 市卫健委 (市人民医院): the bracketed body carries the work under the lead
        main, inner = cell, ""
        m = _TRAILING_BRACKET.search(cell)
        if m and all(is_body(u) for u in split_units(m.group(1), "、，, ")):
            main, inner = cell[: m.start()], m.group(1)
        out: list[Agency] = []
        for clause in split_outside_brackets(main, "，,；;"):
            state.new_group()
            out.extend(name_unit(u, state) for u in split_units(clause, "、 \t\u3000/"))
        state.new_group()
        extra = [name_unit(u, state) for u in split_units(inner, "、，, ")]
        return out, extra

    role_words = agency_vocab().role_words
    lead_column = bool(cells.get("lead", "").strip())
    for kind in ("lead", "resp", "support"):
        if kind not in cells:
            continue
        cell = cells[kind]
        # a cell written like a note: 省卫生健康委牵头，省财政厅配合 / A（牵头）、B / A、B按职责分工负责
        note = (
            read_note(_CELL_LABEL + cell, first_leads=first_leads)
            if role_words.search(cell)
            else None
        )
        if note is not None:
            if kind == "support":
                support.extend(note.lead + note.support)
            else:
                lead.extend(note.lead)
                support.extend(note.support)
                jointly = jointly or note.jointly
            continue
        main, extra = units_of(cell)
        if kind == "support" or (kind == "resp" and lead_column):
            # a 责任单位 column beside a 牵头单位 column names the other responsible units
            support.extend(main + extra)
        elif kind == "resp" and first_leads and "lead" not in cells and main:
            lead.append(main[0])
            support.extend(main[1:] + extra)
        else:
            lead.extend(main)
            support.extend(extra)
    return lead, support, jointly


#: a 完成时限 cell naming only a year (2022年, 2021—2022年, 2022年内): due by its end
_YEAR_CELL = regex.compile(
    r"(?:20\d\d年?\s*[—–\-~～至到]\s*)?(?P<y>20\d\d)\s*年(?:底前|前|内|以内|年内|全年)?"
)


#: a 完成时限 cell written with numbers only: 2022.06, 2022-6-30, 2022/06前
_NUMERIC_MONTH = regex.compile(
    r"(?P<y>20\d\d)\s*[.．/\-]\s*(?P<m>\d{1,2})(?:\s*[.．/\-]\s*\d{1,2})?\s*(?:底前|前|底|以前)?"
)


#: a 完成时限 cell naming no year (6月底前, 年底前, 年内): due in the year of the document
_YEARLESS_CELL = regex.compile(r"(?:(?P<m>\d{1,2})\s*月(?:底|末|中旬|下旬|上旬)?|(?P<end>年底|年内|年末|年中))\s*(?:前|以前)?")


def year_only_cell(cell: str) -> bool:
    """Whether a 完成时限 cell names a year and nothing finer (2022年, 2021—2022年, 2022年内)."""
    return _YEAR_CELL.fullmatch(cell.strip()) is not None


def cell_deadline(cell: str, year: int | None = None) -> str | None:
    """The deadline of a 完成时限 cell: 2020年11月底前 → 2020-11; a bare 2022年 → 2022-12;
    with the document's year, 6月底前 → that year's June and 年底前 its December."""
    d = parse_deadline(cell)
    if d is None:
        m = _YEAR_CELL.fullmatch(cell.strip())
        d = f"{m.group('y')}-12" if m else None
    if d is None:
        m = _NUMERIC_MONTH.fullmatch(cell.strip())
        if m and 1 <= int(m.group("m")) <= 12:
            d = f"{m.group('y')}-{int(m.group('m')):02d}"
    if d is None and year:
        m = _YEARLESS_CELL.fullmatch(cell.strip())
        if m:
            month = 12 if m.group("end") in ("年底", "年内", "年末") else 6 if m.group("end") else int(m.group("m"))
            d = f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    return d


def _table_found(
    scan: Scan, start: int, end: int, num: str | None, cells: dict[str, str], table_start: int
) -> Found | None:
    lead, support, jointly = _row_roles(cells, scan.first_leads(end))
    if not lead and not support:
        return None
    deadline = cell_deadline(cells.get("deadline", ""), scan.ctx.year)
    return Found(start, end, lead, support, jointly, deadline=deadline, path=row_path(scan.ctx, start, num, table_start))


def row_path(ctx: DocContext, start: int, num: str | None, table_start: int | None = None) -> list[str]:
    """The path of a table row starting at start: its section's (a group title row 一、… inside
    the table is a heading of its own); for a row whose number was read as a heading (1.	…,
    一	…) the section of the table's header (table_start), else the heading's parent; then the
    row's number when the table numbers its rows."""
    sec = ctx.section_at(start)
    if sec is None:
        path: list[str] = []
    elif sec.start >= ctx.text.rfind("\n", 0, start) + 1:  # the row itself read as a heading (on its line)
        path = ctx.path_at(table_start) if table_start is not None else list(sec.path[:-1])
    else:
        path = list(sec.path)
    return [*path, num] if num else path


def row_number(cell: str) -> str | None:
    """A table row's number as its first cell writes it (1, 1., （1）, 一): '1' / '一'; else None."""
    m = _ROW_NUM.fullmatch(cell.strip())
    return m.group(1) if m else None


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:end], without the newline."""
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        nl = pos + len(line)
        out.append((pos, nl))
        pos = nl + 1
    return out


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    return a, b


_ROW_NUM = regex.compile(r"[（(]?(\d{1,3}|[一二三四五六七八九十]{1,3})[）)]?[.、．]?")
#: the number column's header: 序号, 编号, 序 号
_NUM_HEADER = re.compile(r"[序编][ \t\u3000]*号")
_CELL_SEP = re.compile(r"\t|[ \u3000]{2,}")


def _num_headers(text: str, start: int, end: int) -> list[int]:
    """Where the _NUM_HEADER matches in text[start:end] end (their 号), found from the rare 号."""
    out = []
    i = text.find("号", start, end)
    while i >= 0:
        k = i - 1
        while k >= start and text[k] in " \t\u3000":
            k -= 1
        if k >= start and text[k] in "序编":
            out.append(i)
        i = text.find("号", i + 1, end)
    return out


#: the columns naming bodies: a piece wrapped onto the next line may be a new body
_BODY_COLUMNS = frozenset({"lead", "support", "resp"})


#: lines a table may hold between two rows: group titles (一、深化医保改革) or a wrapped piece
_BETWEEN_ROWS_MAX = 3


def _table_resumes(text: str, pos: int, end: int, is_row: Callable[[int, int], bool]) -> int | None:
    """Where the next row of the table (is_row) starts when it comes within a few lines of
    the line at pos, a line without a tab, with none but such lines before it; None when the
    table ended there (prose follows it).  Reads no further than that row."""
    seen = 0
    while pos < end:
        nl = text.find("\n", pos, end)
        la, lb = pos, end if nl < 0 else nl
        if text.find("\t", la, lb) >= 0:
            return la if is_row(la, lb) else None
        line = text[la:lb].strip()
        if line:
            seen += 1
            if seen > _BETWEEN_ROWS_MAX or line[-1] in "。；;！？":
                return None  # prose (各地要加强组织领导。): the table ended
        pos = lb + 1
    return None


def _row_of_width(text: str, width: int, la: int, lb: int) -> bool:
    """A row as wide as the table (not the header of another table)."""
    return text.count("\t", la, lb) == width - 1 and unnumbered_header(text[la:lb].split("\t")) is None


def _numbered_row(text: str, la: int, lb: int) -> bool:
    ra, rb = _strip_span(text, la, lb)
    return row_number(_cells(text[ra:rb])[0]) is not None


def _between_rows(text: str, lines: list[tuple[int, int]], rows: list[list[Any]], kinds: list[str]) -> None:
    """Lines without a tab between two rows of a table: a group title (一、深化医保改革, a heading
    of its own) is passed over; any other line is the task of the row above wrapped (PDF)."""
    task = kinds.index("task") if "task" in kinds else None
    for la, lb in lines:
        a, b = _strip_span(text, la, lb)
        piece = text[a:b]
        if not piece or match_marker(piece) is not None or not rows or task is None:
            continue
        cells = rows[-1][2]
        if task < len(cells):
            cells[task] = _glue_cell(cells[task], piece, "task")
            rows[-1][1] = b


def _glue_row(prev: list[str], pieces: list[str], kinds: list[str], offset: int) -> None:
    """Glue the pieces of a wrapped line onto the row's cells, piece i onto column i + offset."""
    for c_i, c in enumerate(pieces):
        k = c_i + offset
        if k < len(prev):
            prev[k] = _glue_cell(prev[k], c.strip(), kinds[k] if k < len(kinds) else "other")


def _glue_cell(cell: str, piece: str, kind: str) -> str:
    """A cell continued on the next line: joined as one text (县（区）医改 + 领导小组), but in a
    column of bodies a piece that is a body of its own after one that is whole (县卫健局 +
    县医保局) is the next body of the list, joined with 、."""
    if not piece:
        return cell
    if kind in _BODY_COLUMNS and cell and cell[-1] not in "、，,；;":
        last = _LIST_SEP.split(cell)[-1]
        first = _LIST_SEP.split(piece)[0]
        first = first.strip()
        if len(first) >= 3 and is_body(last.strip()) and is_body(first):  # (员会 is no body: 省卫生健康委 ⏎ 员会)
            return cell + "、" + piece
    return cell + piece


_LIST_SEP = re.compile("[、，,；;]")


@lru_cache(maxsize=1)
def _total_words() -> frozenset[str]:
    return frozenset(load_data("agencies.json")["table_total_words"])


def _cells(line: str) -> list[str]:
    """The cells of a table line: tab-separated, else separated by runs of spaces."""
    return line.split("\t") if "\t" in line else _CELL_SEP.split(line)


def rule_task_table(scan: Scan) -> list[Found]:
    """序号/工作任务/牵头部门/配合部门/完成时限 tables (tab-separated or one cell per line)."""
    ctx, text = scan.ctx, scan.ctx.text
    headers = _num_headers(text, ctx.start, ctx.end)
    if not headers:
        return []  # no header line
    # the lines from the first header's on (no table starts before it)
    lines = _lines(text, max(ctx.start, text.rfind("\n", ctx.start, headers[0]) + 1), ctx.end)
    line_starts = [a for a, _b in lines]
    # the lines holding a 序号 / 编号 (the only lines a table can start on), in order
    header_lines = sorted({bisect_right(line_starts, h) - 1 for h in headers})
    out: list[Found] = []
    i = 0
    while i < len(lines):
        h = bisect_left(header_lines, i)
        if h == len(header_lines):
            break
        i = header_lines[h]
        a, b = _strip_span(text, *lines[i])
        line = text[a:b]
        header = _cells(line)
        if len(header) >= 3:
            kinds = _area_columns([column_kind(c) for c in header])
            if kinds[0] != "num" or not {"lead", "resp"} & set(kinds):
                i += 1
                continue
            rows: list[list[Any]] = []  # [start, end, cells, row number]
            j = i + 1
            while j < len(lines):
                la, lb = lines[j]
                ra, rb = _strip_span(text, la, lb)
                row = text[ra:rb]
                if not row:
                    j += 1
                    continue
                cells = _cells(row)
                rn = _ROW_NUM.fullmatch(cells[0].strip())
                # a totals row (合计, 小计: agencies.json table_total_words) is no piece of a
                # wrapped row
                own = cells[0].strip() in _total_words()
                if rn:
                    rows.append([ra, rb, cells, rn.group(1)])
                elif rows and not own and text.find("\t", la, lb) >= 0 and text.count("\t", la, lb) < len(kinds):
                    # a row wrapped over lines (PDF, Word): each tab-separated piece glued onto
                    # its own column, empty leading cells keeping the place (\t\t\t财政局)
                    _glue_row(rows[-1][2], text[la:lb].rstrip("\r").split("\t"), kinds, 0)
                    rows[-1][1] = rb
                elif rows and not own and len(cells) > 1 and len(cells) <= len(kinds):
                    # wrapped, its cells split by spaces (the leading empty ones lost): the
                    # pieces are the row's last columns when fewer
                    prev = rows[-1][2]
                    _glue_row(prev, cells, kinds, len(kinds) - len(cells) if len(cells) < len(prev) else 0)
                    rows[-1][1] = rb
                else:
                    at = _table_resumes(text, lines[j][0], lines[-1][1], partial(_numbered_row, text))
                    if at is None:
                        break  # the table ended
                    k = bisect_left(line_starts, at)
                    _between_rows(text, lines[j:k], rows, kinds)
                    j = k
                    continue
                j += 1
            for ra, rb, cells, num in rows:
                # (the number read when the row began: a glued continuation may change cell 0)
                named = {
                    k: c.strip()
                    for k, c in zip(kinds, cells, strict=False)
                    if k not in ("num", "other")
                }
                f = _table_found(scan, ra, rb, num, named, a)
                if f:
                    out.append(f)
            scan.taken.append((a, rows[-1][1] if rows else b))
            i = j
            continue
        if _NUM_HEADER.fullmatch(line.strip()):
            # one cell per line: header cells follow until the first row number
            kinds = ["num"]
            j = i + 1
            while j < len(lines):
                ca, cb = _strip_span(text, *lines[j])
                cell = text[ca:cb]
                if cell and (_ROW_NUMBER.fullmatch(cell) or len(cell) > 10):
                    break
                if cell:
                    kinds.append(column_kind(cell))
                j += 1
            kinds = _area_columns(kinds)
            if not {"lead", "resp"} & set(kinds) or len(kinds) < 3:
                i += 1
                continue
            cells_seq: list[tuple[int, int]] = []
            while j < len(lines):
                ca, cb = _strip_span(text, *lines[j])
                if cb > ca:
                    cells_seq.append((ca, cb))
                j += 1
            out.extend(_one_per_line_rows(scan, text, kinds, cells_seq, a))
            i = j
            continue
        i += 1
    return out


#: a header cell naming who is responsible: a task table without a 序号 column needs one
_RESP_HEADER = re.compile(r"牵头|责任|负责|主办|主责")
#: the longest header cell of such a table (工作任务, 牵头单位, 配合部门, 完成时限 …)
_HEADER_CELL_MAX = 12


def unnumbered_header(cells: list[str]) -> list[str] | None:
    """The column kinds of a row that heads a task table without a 序号 column: short cells
    without digits, one naming the task and one who is responsible (the targets read the
    deadline rows of the same tables under the same header)."""
    cells = [c.strip() for c in cells]
    if len(cells) < 3 or any(len(c) > _HEADER_CELL_MAX or _DIGIT.search(c) for c in cells):
        return None
    kinds = _area_columns([column_kind(c) for c in cells])
    if kinds[0] == "num" or "task" not in kinds or not {"lead", "resp"} & set(kinds):
        return None
    return kinds


_DIGIT = re.compile(r"[0-9０-９]")


def rule_unnumbered_task_table(scan: Scan) -> list[Found]:
    """A task table without a 序号 column (重点任务	牵头单位	配合单位	完成时限), tab-separated, a row
    a line: one Assignment per row with as many cells as the header; path = the section's.
    A line as wide whose first cell is empty continues the row above (a row wrapped over
    lines: glued cell by cell); a line of another width is passed over; a line without a
    tab ends the table.  Headers are looked for among the lines holding a tab (found from
    the tabs, rare outside tables), each line once."""
    ctx, text = scan.ctx, scan.ctx.text
    start, end = ctx.start, ctx.end
    out: list[Found] = []
    tab = text.find("\t", start, end)
    while tab >= 0:
        a = text.rfind("\n", start, tab) + 1 or start
        nl = text.find("\n", tab, end)
        b = end if nl < 0 else nl
        tab = text.find("\t", b, end)  # (the next line holding one)
        if not _RESP_HEADER.search(text, a, b) or scan.is_taken(a, b):
            continue
        kinds = unnumbered_header(text[a:b].split("\t"))
        if kinds is None:
            continue
        table_end = b
        rows: list[list[Any]] = []  # [start, end, cells]
        pos = b + 1
        while pos < end:
            nl = text.find("\n", pos, end)
            la, lb = pos, end if nl < 0 else nl
            pos = lb + 1
            ra, rb = _strip_span(text, la, lb)
            if ra == rb:
                continue  # a blank line
            if text.find("\t", la, lb) < 0:
                at = _table_resumes(text, la, end, partial(_row_of_width, text, len(kinds)))
                if at is None:
                    break  # the table ended
                _between_rows(text, _lines(text, la, at - 1), rows, kinds)
                pos = at
                continue
            cells = text[la:lb].rstrip("\r").split("\t")  # (empty leading cells keep their place)
            if len(cells) != len(kinds):
                continue  # no row (a note, a caption)
            if unnumbered_header(cells) is not None:
                break  # the header of the next table
            if rows and not cells[0].strip():  # a row wrapped over lines (PDF): glued cell by cell
                _glue_row(rows[-1][2], cells, kinds, 0)
                rows[-1][1] = rb
            else:
                rows.append([ra, rb, [c.strip() for c in cells]])
            table_end = rb
        for ra, rb, cells in rows:
            named = {k: c for k, c in zip(kinds, cells, strict=True) if k not in ("num", "other")}
            f = _table_found(scan, ra, rb, None, named, a)
            if f:
                out.append(f)
        scan.taken.append((a, table_end))
        if table_end > b:
            tab = text.find("\t", table_end, end)
    return out


def _one_per_line_rows(
    scan: Scan, text: str, kinds: list[str], cells: list[tuple[int, int]], table_start: int
) -> list[Found]:
    out: list[Found] = []
    width = len(kinds)
    k = 0
    expected = 1
    last_end = table_start
    while k < len(cells) and text[cells[k][0] : cells[k][1]] == str(expected):
        # the row's cells run to the next row number (at most width + 1 lines on)
        nxt = k + 1
        while (
            nxt < len(cells)
            and nxt - k <= width + 1
            and text[cells[nxt][0] : cells[nxt][1]] != str(expected + 1)
        ):
            nxt += 1
        if nxt - k > width + 1:
            nxt = min(k + width, len(cells))
        row = cells[k + 1 : nxt]
        values = [text[a:b] for a, b in row]
        named: dict[str, str] = {}
        if len(values) == width - 1:
            named = {
                kd: val
                for kd, val in zip(kinds[1:], values, strict=False)
                if kd not in ("num", "other")
            }
        else:  # a missing cell: place the deadline and the bodies by their look
            for val in values:
                if cell_deadline(val) and "deadline" not in named:
                    named["deadline"] = val
                elif all(is_body(u) for u in split_units(val, "、，, ")) and split_units(val):
                    slot = next(
                        (
                            kd
                            for kd in ("lead", "resp", "support")
                            if kd in kinds and kd not in named
                        ),
                        None,
                    )
                    if slot:
                        named[slot] = val
        end = row[-1][1] if row else cells[k][1]
        f = _table_found(scan, cells[k][0], end, str(expected), named, table_start)
        if f:
            out.append(f)
        last_end = end
        k = nxt
        expected += 1
    scan.taken.append((table_start, last_end))
    return out


# --- parentheticals

_OPEN = "（("


def _char_positions(text: str, chars: str, start: int, end: int) -> list[int]:
    """Sorted offsets of the characters chars in text[start:end] (str.find beats a regex scan)."""
    out = []
    for ch in chars:
        i = text.find(ch, start, end)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1, end)
    out.sort()
    return out


@lru_cache(maxsize=8)
def _opener_rx(opener: str, max_len: int) -> re.Pattern[str]:
    """An opener, and with it the pair it opens when that holds no bracket and no line break
    and is at most max_len long (the pair ends at the first closer after it)."""
    return re.compile(rf"{re.escape(opener)}(?:[^（()）\n]{{0,{max_len - 2}}}[）)])?")


def _bracket_pairs(text: str, start: int, end: int, max_len: int = 300) -> list[tuple[int, int]]:
    """(open, close+1) of balanced brackets in text[start:end], outermost first.

    A pair spans one line break at most: a note wrapped onto the next line (PDF text whose
    lines were too few to show their width) is still a pair; a bracket left open further
    pairs with no later one (its closer is matched to it and the pair dropped, as the
    brackets inside the lines are matched first).

    Most pairs hold no bracket and no line break: a regex per opener kind finds them (one
    match per opener).  When every opener opens such a pair, those are all the pairs: the
    pairing by a stack (_stack_bracket_pairs) matches each of them (no bracket stands
    between its opener and closer), and a closer outside them finds every earlier opener
    already closed, so it pairs with none.  Else the stack pairs them all.
    """
    if max_len < 2:
        return _stack_bracket_pairs(text, start, end, max_len)
    pairs: list[tuple[int, int]] = []
    for opener in _OPEN:
        if text.find(opener, start, end) < 0:  # (the ASCII one is rare)
            continue
        for m in _opener_rx(opener, max_len).finditer(text, start, end):
            a, b = m.span()
            if b == a + 1:  # an opener without such a pair
                return _stack_bracket_pairs(text, start, end, max_len)
            pairs.append((a, b))
    pairs.sort()
    return pairs


def _stack_bracket_pairs(
    text: str, start: int, end: int, max_len: int
) -> list[tuple[int, int]]:
    """_bracket_pairs for any text: the brackets found apart, then paired by a stack."""
    opens = _char_positions(text, _OPEN, start, end)
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    j, n = 0, len(opens)
    for i in _char_positions(text, "）)", start, end):
        while j < n and opens[j] < i:  # the brackets opened before this closer
            stack.append(opens[j])
            j += 1
        if stack:
            o = stack.pop()
            nl = text.find("\n", o, i)
            if i + 1 - o <= max_len and (nl < 0 or text.find("\n", nl + 1, i) < 0):
                pairs.append((o, i + 1))
    pairs.sort()  # by the opening bracket (each opens one pair at most)
    return pairs


#: a line break and the indentation around it, inside a wrapped note
_LINE_WRAP = re.compile(rf"[{_SPACE}]*\n[{_SPACE}]*")
#: a dated deliverable inside a note: （…负责，2021年底前完成）
_NOTE_DEADLINE = regex.compile(
    rf"{_DEADLINE_WORDS}[：:\s]*20\d\d年[^，,；;、（）()]{{0,10}}|20\d\d年[^，,；;、（）()]{{0,8}}?(?:前|底|完成|末)"
)


def rule_parenthetical(scan: Scan) -> list[Found]:
    """（A牵头，B、C配合） and every other bracketed responsibility note."""
    ctx, text = scan.ctx, scan.ctx.text
    out: list[Found] = []
    v = agency_vocab()
    has_role_word, shortest = v.role_words.search, v.role_word_min + 2
    bare = bool(scan.first_leads_at)  # 排在首位者为牵头单位: a bare list of bodies may be a note
    for a, b in _bracket_pairs(text, ctx.start, ctx.end):
        if b - a < shortest or not has_role_word(text, a + 1, b - 1):
            # no role word (（一）, （1） hold none): read_note would say None
            if bare and b - a > 3 and scan.first_leads(b) and not scan.is_taken(a, b):
                found = _bare_note(scan, a, b)
                if found is not None:
                    out.append(found)
                    scan.taken.append((a, b))
            continue
        if scan.is_taken(a, b):
            continue
        content = text[a + 1 : b - 1]
        if "\n" in content:  # a note wrapped onto the next line: the break is no separator
            content = _LINE_WRAP.sub("", content)
        roles = read_note(
            content, first_leads=scan.first_leads(b), scrambled=scan.scrambled
        )
        if roles is None:
            continue
        dm = _NOTE_DEADLINE.search(content) if "年" in content else None
        deadline = parse_deadline(dm.group()) if dm else None
        out.append(Found(a, b, roles.lead, roles.support, roles.jointly, deadline=deadline))
        scan.taken.append((a, b))
    return out


def _bare_note(scan: Scan, a: int, b: int) -> Found | None:
    """（市市场监管局、市税务局） ending a sentence or a line, where the document said the first
    unit listed leads (排在第一位的为牵头单位): the first unit leads, the others support."""
    text = scan.ctx.text
    before = text[a - 1] if a > scan.ctx.start else "\n"
    after = text[b] if b < scan.ctx.end else "\n"
    if before not in "。；;\n" and after != "\n":
        return None  # （…） inside a sentence, or closing one (…为各县区人民政府（A、B）。): an aside
    units = split_units(text[a + 1 : b - 1])
    if not units or not all(is_body(u) for u in units):
        return None
    state = PrefixState()
    named = [name_unit(u, state) for u in units]
    return Found(a, b, named[:1], named[1:])


# --- labelled notes outside brackets


@dataclass(frozen=True)
class NoteLabels:
    """The label words that open a note outside brackets: the 4-character labels of
    agencies.json (责任单位, 牵头部门, 配合单位, 责任处室 …; 牵头： and 配合： only inside notes)."""

    words: frozenset[str]
    heads: frozenset[str]  # the first characters of the words (牵, 责, 配 …)
    last_chars: str  # the last characters of the words (位, 门, 室 …)
    rx: re.Pattern[str]  # plain words: the stdlib re is cheaper per call
    #: every string rx matches whole (a word, bracketed or not): rx.fullmatch(s) is s in forms
    forms: frozenset[str]
    #: the tokens of a note that are no unit: 下同, any label word of agencies.json, forms
    tokens: frozenset[str]


#: the brackets that may open a label (【责任单位】)
_LABEL_OPENS = "【[〔［"
#: …and the brackets that close it
_LABEL_CLOSES = "】]〕］"


@lru_cache(maxsize=1)
def note_labels() -> NoteLabels:
    words = sorted(w for w in agency_vocab().labels if len(w) == 4)
    forms = frozenset(o + w + c for o in ("", *_LABEL_OPENS) for w in words for c in ("", *_LABEL_CLOSES))
    return NoteLabels(
        words=frozenset(words),
        heads=frozenset(w[0] for w in words),
        last_chars="".join(sorted({w[-1] for w in words})),
        rx=re.compile(rf"[{_LABEL_OPENS}]?(?:{'|'.join(words)})[{re.escape(_LABEL_CLOSES)}]?"),
        forms=forms,
        tokens=forms | {"下同", *agency_vocab().labels},
    )


def _note_labels(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of note_labels().rx.finditer(text, start, end), found faster.

    Every label word has 4 characters: their last characters (位, 门, 室 …) are
    found with str.find (one character is the fastest search) and the words
    ending there looked up.  The words never overlap one another, so each is one
    match, widened by the brackets around it.
    """
    if end - start < 4:
        return []
    labels = note_labels()
    words = labels.words
    found = []
    for ch in labels.last_chars:
        i = text.find(ch, start + 3, end)
        while i >= 0:
            if text[i - 3 : i + 1] in words:
                found.append(i - 3)
            i = text.find(ch, i + 1, end)
    found.sort()
    out: list[tuple[int, int]] = []
    for a in found:
        b = a + 4
        if a > start and text[a - 1] in _LABEL_OPENS and (not out or out[-1][1] < a):
            a -= 1
        if b < end and text[b] in _LABEL_CLOSES:
            b += 1
        out.append((a, b))
    return out


#: a deadline after a labelled note: ；完成时限：2021年底前
_DEADLINE_LABEL = regex.compile(
    rf"[；;，,。.\s]{{0,3}}{_DEADLINE_WORDS}[：:\s]*(?P<d>20\d\d年[^，,；;。\n]{{0,10}})"
)


@lru_cache(maxsize=4)
def _label_unit_rx(seps: str) -> regex.Pattern[str]:
    """One unit of a labelled note: no digits, separators or brackets but a short （…）
    or 〔…〕 after a character of the name (各县〔市、区〕卫生健康局)."""
    return regex.compile(
        rf"(?:[^\d\n{regex.escape(seps)}（）()。.【】\[\]〔〕［］]|[（(][^（）()\n]{{1,6}}[）)]"
        rf"|(?<=\p{{Han}})〔[^〔〕（）()\n]{{1,6}}〕)+"
    )


@lru_cache(maxsize=4)
def _label_unit_bmp_rx(seps: str) -> re.Pattern[str]:
    """_label_unit_rx without its 〔…〕 alternative and over BMP characters only, with the
    stdlib re (cheaper per call; the \\d of re and regex differ only outside the BMP)."""
    return re.compile(
        rf"(?:[^\d\n{re.escape(seps)}（）()。.【】\[\]〔〕［］\U00010000-\U0010ffff]"
        rf"|[（(][^（）()\n]{{1,6}}[）)])+"
    )


def _label_unit(text: str, pos: int, end: int, seps: str) -> re.Match[str] | None:
    """_label_unit_rx(seps).match(text, pos, end), tried first without the 〔…〕 and the
    characters beyond the BMP: where that stops before neither, the full pattern stops too
    (its alternatives start with different characters and nothing follows them)."""
    m = _label_unit_bmp_rx(seps).match(text, pos, end)
    e = m.end() if m else pos
    if e < end and ((c := text[e]) == "〔" or c > "\uffff"):
        return _label_unit_rx(seps).match(text, pos, end)  # type: ignore[return-value]
    return m


def _strip_tails(core: str) -> str:
    """Drop postfix role / label words and 下同, longest first (省财政厅牵头 → 省财政厅)."""
    v = agency_vocab()
    stripped = core[-1:] in v.tail_ends  # most units carry no tail
    while stripped:
        stripped = False
        for n in v.tail_lengths:
            if len(core) > n and core[-n:] in v.tails:
                core, stripped = core[:-n], True
                break
    return core


@lru_cache(maxsize=4096)
def _names_body(tok: str) -> bool:
    """Does a unit token of a labelled note name a body (省财政厅牵头, 省卫生健康委（牵头）),
    its lead mark and trailing role words dropped?"""
    if "牵头" in tok:  # in every LEAD_MARK match
        tok = LEAD_MARK.sub("", tok)
    return is_body(clean_unit(_strip_tails(tok)))


#: a bracket right after a labelled note (where it may state who leads: （排在第一位的为牵头单位）)
_RULE_AFTER = re.compile(r"[（(][^（）()\n]{4,30}[）)]")


def rule_labelled_note(scan: Scan) -> list[Found]:
    """责任单位：A、B / 牵头单位：A；配合单位：B (also 责任单位,A B with damaged punctuation)."""
    ctx, text = scan.ctx, scan.ctx.text
    end = ctx.end
    first_leads = agency_vocab().first_leads
    seps = "、，,；;：:/／ \t\u3000" + ("。." if scan.scrambled else "")
    labels = note_labels()
    label_rx, words, heads, not_units = labels.rx, labels.words, labels.heads, labels.tokens
    out: list[Found] = []
    for label_start, label_end in _note_labels(text, ctx.start, end):
        if scan.is_taken(label_start, label_end):
            continue
        # scan tokens after the label while they are bodies, labels, roles or rule phrases
        pos = label_end + (text.startswith("为", label_end))  # 责任单位为市交通运输局
        last = label_end
        saw_body = False
        while pos < end:
            c = text[pos]  # (each character read once: a CJK one is a new string)
            while c in seps:
                pos += 1
                if pos == end:
                    break
                c = text[pos]
            if pos == end:
                break  # no unit after the separators
            if c == "\n":  # 牵头单位：A⏎配合单位：B
                nxt = _WS_RUN.match(text, pos, end).end()  # type: ignore[union-attr]
                if not label_rx.match(text, nxt, end):
                    break
                pos = nxt
                c = text[pos]
            elif c == "。" and saw_body:  # 牵头部门：A。配合部门：B。
                nxt = _WS_RUN.match(text, pos + 1, end).end()  # type: ignore[union-attr]
                lm = label_rx.match(text, nxt, end)
                if not lm or agency_vocab().labels.get(_bare_word(lm.group())) != "support":
                    break
                pos = nxt
                c = text[pos]
            # a further label (牵头单位：A；配合单位：B) opens with a bracket or a label word
            if c in _LABEL_OPENS or (c in heads and text[pos : pos + 4] in words):
                lm = label_rx.match(text, pos, end)
                if lm:
                    last = pos = lm.end()
                    pos += text.startswith("为", pos)  # ，配合单位为市公安局
                    continue
            tm = _label_unit(text, pos, end, seps)
            if not tm:
                break
            tok = tm.group()
            if tok in not_units or ("牵头" in tok and first_leads.search(tok)):
                last = tm.end()  # 下同, a label word, a rule phrase (排在首位者为牵头单位)
            elif _names_body(tok):
                last, saw_body = tm.end(), True
            else:
                break
            pos = tm.end()
        if not saw_body:
            continue
        a, b = label_start, last
        if text[a] in _LABEL_OPENS and b < ctx.end and text[b] in _LABEL_CLOSES:
            b += 1  # 【责任单位：A、B】
        if scan.is_taken(a, b):
            continue
        note_end, leads_first = b, scan.first_leads(b)
        rule = _RULE_AFTER.match(text, b, ctx.end) if not leads_first and b < ctx.end and text[b] in "（(" else None
        if rule and first_leads.search(rule.group()):  # 责任单位：A、B（排在第一位的为牵头单位，下同）
            leads_first, b = True, rule.end()
        roles = read_note(text[a:note_end], first_leads=leads_first, scrambled=scan.scrambled)
        if roles is None:
            continue
        deadline = None
        head = text[b : b + 4]  # a deadline word (完成时限, 时间节点 …) begins in it
        dm = _DEADLINE_LABEL.match(text, b, ctx.end) if "完" in head or "时" in head else None
        if dm and parse_deadline(dm.group("d")):
            deadline, b = parse_deadline(dm.group("d")), dm.end()
        out.append(Found(a, b, roles.lead, roles.support, roles.jointly, deadline=deadline))
        scan.taken.append((a, b))
    return out


# --- in-text duties (explicit=False)

_LED_BY = regex.compile(
    r"由(?P<lead>[^，,。；;、\n]{2,20}?)(?P<role>牵头|负责)[，,](?P<sup>[^，,。；;\n要]{2,30}?)"
    r"(?:积极|全力|密切|主动|共同|协同|大力|认真)?(?:按职责分工|按照职责分工|按职责)?(?:参与|配合|协助)"
)
_MUST_WORD = r"(?:要|负责)(?!求|人|同志|的)"  # (…负责的公交线网优化已完成: no duty)
#: the characters a unit list before 要/负责 never holds
_NOT_UNITS = rf"{_SPACE}，,。；;：:（）()“”《》"
#: a place's alternatives in brackets inside a unit's name: 各县（市、区）人民政府, 各市（州）
_GLUED_BRACKET = rf"[（(][^{_NOT_UNITS}]{{1,8}}[）)]"
_GLUED_BRACKET_MAX = 10  # its length, brackets included
_MUST_UNITS = rf"(?P<units>[^{_NOT_UNITS}]{{2,24}}?){_MUST_WORD}"
#: the same, the units holding glued brackets (tried where plain units fail next to a bracket:
#: the alternation costs every match)
_MUST_GLUED = rf"(?P<units>(?:[^{_NOT_UNITS}]|{_GLUED_BRACKET}){{2,24}}?){_MUST_WORD}"
#: up to the last character a unit list never holds (its end: where a unit run may begin);
#: read back from the end (.* then one step back at a time), no repeat of repeats
_TO_UNIT_RUN = re.compile(rf"(?s:.*[{_NOT_UNITS}])?")
_NOT_UNIT_CHAR = re.compile(rf"[{_NOT_UNITS}]")


class _Glued:
    """A pattern over unit names tried plain first, and with glued brackets (各县（市、区）) only
    where it failed and a bracket is within reach (reach: the most characters it spans)."""

    __slots__ = ("plain", "glued", "reach")

    def __init__(self, plain: str, glued: str, reach: int) -> None:
        self.plain, self.glued, self.reach = re.compile(plain), re.compile(glued), reach

    def match(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        m = self.plain.match(text, pos, endpos)
        if m is None:
            hi = min(endpos, pos + self.reach)
            if text.find("（", pos, hi) >= 0 or text.find("(", pos, hi) >= 0:
                return self.glued.match(text, pos, endpos)
        return m


_MUST = _Glued(_MUST_UNITS, _MUST_GLUED, 26)


def _glued_open(text: str, close: int, lo: int) -> int:
    """Where the bracket closing at text[close] opens when it is glued inside a unit's name
    (县（市、区）: short, no character a unit list never holds inside, a name's character before
    it), or -1."""
    o = max(text.rfind("（", lo, close), text.rfind("(", lo, close))
    if o <= lo or close - o >= _GLUED_BRACKET_MAX or o + 1 == close:
        return -1
    if _NOT_UNIT_CHAR.search(text, o + 1, close) or _NOT_UNIT_CHAR.match(text, o - 1):
        return -1
    return o


def _unit_run_start(text: str, lo: int, end: int) -> int:
    """Where the run of unit characters ending at end begins (not before lo), glued brackets
    (各县（市、区）) inside it."""
    r = _TO_UNIT_RUN.match(text, lo, end).end()  # type: ignore[union-attr]
    while r > lo and text[r - 1] in "）)":
        o = _glued_open(text, r - 1, lo)
        if o < 0:
            break
        r = _TO_UNIT_RUN.match(text, lo, o).end()  # type: ignore[union-attr]
    return r
_MUST_WORD_RX = re.compile(_MUST_WORD)
_COMMA = re.compile("[，,]")


def rule_led_by_clause(scan: Scan) -> list[Found]:
    """由县（区）党委和政府牵头，相关部门和利益相关方参与 (or 由A负责，B按职责分工配合) → in-text duty."""
    ctx = scan.ctx
    out: list[Found] = []
    for m in _LED_BY.finditer(ctx.text, ctx.start, ctx.end):
        if scan.is_taken(m.start(), m.end()):
            continue
        state = PrefixState()
        leads = split_units(m.group("lead"))
        sups = split_units(m.group("sup"))
        if not leads or not all(is_body(u) for u in leads):
            continue
        if m.group("role") == "负责" and (
                any(u in agency_vocab().vague_places for u in leads) or not sups or not all(is_body(u) for u in sups)):
            continue  # 由A负责，B配合 with bodies only (…各区按比例配合, 由各地负责 are no such list)
        lead = [name_unit(u, state) for u in leads]
        state.new_group()
        support = [
            name_unit(u, state) if is_body(u) else Agency(name=u, raw=u, key=u)
            for u in sups
            if len(u) <= 12 and not _NOT_NAME.search(u)
        ]
        out.append(Found(m.start(), m.end(), lead, support, explicit=False))
        scan.taken.append((m.start(), m.end()))
    return out


#: what a clause naming the lead bodies starts after (the nearest one before 牵头)
_CLAUSE_OPEN = re.compile(r"[。；;：:，,！？\n（(）)]")
#: after A牵头: the supporting bodies and their role word, ending the clause
_SUPPORT_UNITS = r"[^，,。；;：:\n（）()]"
_SUPPORT = rf"[，,](?P<sup>{_SUPPORT_UNITS}{{2,60}}?)(?:配合|参与|协助|协同)"
_SUPPORT_GLUED = rf"[，,](?P<sup>(?:{_SUPPORT_UNITS}|{_GLUED_BRACKET}){{2,60}}?)(?:配合|参与|协助|协同)"
_SUPPORT_CLAUSE = _Glued(_SUPPORT + r"(?=[，,。；;\n）)]|$)", _SUPPORT_GLUED + r"(?=[，,。；;\n）)]|$)", 62)
#: …after a duty (…负责组织实施，B配合做好交通组织): the role word may go on into the clause
_SUPPORT_THEN = _Glued(_SUPPORT, _SUPPORT_GLUED, 62)
#: the longest list of lead bodies before 牵头 (beyond: prose, not a list of bodies)
_LEAD_LIST_MAX = 60


def _clause_start(text: str, lo: int, end: int) -> int:
    """Where the clause ending at end starts: after the last clause opener in text[lo:end]
    (not a glued bracket's: 各县（市、区）人民政府牵头), or -1 when there is none."""
    opens = [o.start() for o in _CLAUSE_OPEN.finditer(text, lo, end)]
    while opens:
        p = opens.pop()
        if text[p] not in "）)":
            return p + 1
        o = _glued_open(text, p, lo)
        if o < 0:
            return p + 1
        while opens and opens[-1] >= o:
            opens.pop()
    return -1


def _lead_list_start(text: str, floor: int, here: int) -> int:
    """Where the list of lead bodies ending at here (before 牵头 or 会同) starts: after the
    clause's opener within _LEAD_LIST_MAX characters (or at floor when that is nearer), its
    blanks and an item's number (1.市农业农村局牵头…) skipped; -1 when no clause starts within
    reach (prose)."""
    lo = max(floor, here - _LEAD_LIST_MAX)
    a = _clause_start(text, lo, here)
    if a < 0:
        if lo > floor:
            return -1
        a = lo
    while a < here and text[a] in " \t\u3000":
        a += 1
    mk = match_marker(text[a:here])
    if mk is not None:  # the item's number is no part of the name
        a += mk.end
    return a


def rule_lead_clause(scan: Scan) -> list[Found]:
    """A市卫生健康委牵头，市财政局、市医保局配合，… in the text, without brackets or 由 (those are
    notes and led_by clauses): lead and support when every unit named is a body; an in-text
    duty (explicit=False).  Found from each 牵头."""
    ctx, text = scan.ctx, scan.ctx.text
    out: list[Found] = []
    heads = [i for i in _char_positions(text, "牵", ctx.start, ctx.end - 1) if text[i + 1] == "头"]
    for here in heads:  # (牵 looked for alone: one character is found faster than two in CJK text)
        if scan.is_taken(here, here + 2):
            continue  # a note's 牵头 (（A牵头，B配合）): every clause around it is taken too
        m = _SUPPORT_CLAUSE.match(text, here + 2, ctx.end)
        if m is None:
            continue
        a = _lead_list_start(text, ctx.start, here)
        if a < 0:
            continue
        if text.startswith(agency_vocab().lead_list_not_starts, a) or scan.is_taken(a, m.end()):
            continue  # 由…牵头 (a led_by clause); 支持三级医院牵头 (a verb: no list of bodies)
        leads = split_units(text[a:here])
        sups = split_units(m.group("sup"))
        if not leads or not sups or not all(is_body(u) for u in leads) or not all(is_body(u) for u in sups):
            continue
        state = PrefixState()
        lead = [name_unit(u, state) for u in leads]
        state.new_group()
        support = [name_unit(u, state) for u in sups]
        out.append(Found(a, m.end(), lead, support, explicit=False))
        scan.taken.append((a, m.end()))
    return out


def _sentence_starts(text: str, duty_words: list[int], floor: int, stops: str = "。；！？\n") -> list[int]:
    """The sentence starts from which _MUST may reach a duty word d: those in
    [d - 24, d - 2] (a sentence starts after 。；！？ or a line break and the spaces after it,
    from floor on) with no character between them and d that a unit list never holds.

    Such a start is the beginning of the run of unit characters before d, or a position
    after a ！ or ？ inside that run (the only sentence ends a unit list may hold); a start
    before the run reaches an earlier duty word, if any, and is found from that one.
    """
    out: list[int] = []
    if not duty_words:
        return out
    bangs = [ch for ch in "！？" if text.find(ch, floor, duty_words[-1]) >= 0]  # (before the last)
    to_run = _TO_UNIT_RUN.match
    for d in duty_words:
        lo, hi = d - 24, d - 2
        if lo < floor:
            lo = floor
            if hi < lo:
                continue
        r = to_run(text, lo, d).end()  # type: ignore[union-attr]
        if r > lo and text[r - 1] in "）)":  # (a glued bracket: _unit_run_start reads past it)
            r = _unit_run_start(text, lo, d)
        if r > hi:
            continue
        k = r - 1
        while k >= floor:  # the character before the run, spaces passed over
            c = text[k]
            if c not in " \t\u3000":
                if c in stops:
                    out.append(r)
                break
            k -= 1
        for ch in bangs:
            i = text.find(ch, r, hi)
            while i >= 0:
                out.append(i + 1)
                i = text.find(ch, i + 1, hi)
    return out


def _article_bodies(ctx: DocContext) -> list[int]:
    """Where the text of each article (第X条) begins, after its marker: a sentence start."""
    out = []
    for sec in ctx.sections:
        if sec.style == "article":
            m = match_marker(ctx.text[sec.start : sec.line_end])
            if m is not None:
                out.append(sec.start + m.end)
    return out


def _owing_place(unit: str) -> bool:
    """A collective place that owes a duty in the text (各县（市、区）, 各乡镇（街道）, 各村), not a
    vague one (各地: agencies.json vague_places)."""
    return (
        (_REGIONS.fullmatch(unit) is not None or _LOCALITIES.fullmatch(unit) is not None)
        and unit not in agency_vocab().vague_places
    )


def rule_unit_must(scan: Scan) -> list[Found]:
    """A sentence opening with a body and 要/负责 (医保部门要建立…) → in-text duty."""
    ctx, text = scan.ctx, scan.ctx.text
    out: list[Found] = []
    # _MUST needs a 要/负责 2 to 24 characters on: only sentences starting there are tried
    duty_words = [
        i
        for i in _char_positions(text, "要负", ctx.start, ctx.end)
        if _MUST_WORD_RX.match(text, i, ctx.end)
    ]
    # a sentence starts after 。；！？ or a line break, and after a responsibility note
    # (a clause after ， too — 省财政厅负责资金保障，省教育厅负责组织实施 — where punctuation can be trusted)
    stops = "。；！？\n" if scan.scrambled else "。；！？\n，"
    starts = [ctx.start, *_sentence_starts(text, duty_words, ctx.start, stops)]
    starts += [e for _s, e in scan.taken if ctx.start <= e < ctx.end and text[e - 1] in "）)"]
    starts += _article_bodies(ctx)
    taken = scan.taken.overlaps
    n_duty = len(duty_words)
    for pos in sorted(set(starts)):
        i = bisect_left(duty_words, pos + 2)
        if i == n_duty or duty_words[i] > pos + 24:
            continue
        m = _MUST.match(text, pos, ctx.end)
        if not m or taken(*m.span()):
            continue
        lead_words, with_word, with_words = m.group("units").partition("会同")  # A会同B负责
        units = split_units(lead_words)
        withs = split_units(with_words) if with_word else []
        if not units or not all(is_body(u) and (u.endswith(_ADMIN_SUFFIXES) or _owing_place(u)) for u in units):
            continue
        if not all(is_body(u) for u in withs):
            continue
        sec = ctx.section_at(pos)
        if sec is not None and sec.style != "article" and sec.start <= pos < sec.title_end:
            # a heading's own words are not a duty; an article (第X条) has no title, only body
            continue
        stop = _CLAUSE_STOP.search(text, m.end(), ctx.end)
        end = stop.start() if stop else ctx.end
        state = PrefixState()
        lead = [name_unit(u, state) for u in units]
        state.new_group()
        support = [name_unit(u, state) for u in withs]
        comma = _COMMA.search(text, m.end(), end)  # …负责组织实施，市公安局配合: the next clause
        sm = _SUPPORT_THEN.match(text, comma.start(), end) if comma else None
        if sm is not None and (sups := split_units(sm.group("sup"))) and all(is_body(u) for u in sups):
            state.new_group()
            support += [name_unit(u, state) for u in sups]
        jointly = m.group("units").endswith(("分别", "共同"))  # 由A、B分别负责
        out.append(Found(m.start(), end, lead, support, jointly, explicit=False))
    for f, nxt in zip(out, out[1:], strict=False):  # 省财政厅负责资金保障，省教育厅负责组织实施: two duties
        if nxt.start < f.end:
            f.end = max(f.start + 1, text.rfind("，", f.start, nxt.start))
    return out


#: what a body leading a 会同 duty ends with: an administrative suffix, or a ministry or a
#: party department (教育部会同财政部…, 市委宣传部会同…: 部 is no suffix of unit_must's leads)
_WITH_LEAD_SUFFIXES = (*_ADMIN_SUFFIXES, "部")
#: the longest list of partners after 会同 (beyond: prose, not a list of bodies)
_WITH_LIST_MAX = 40


@lru_cache(maxsize=1)
def _partner_duty_verbs() -> tuple[str, ...]:
    """agencies.json partner_duty_verbs: what a duty opens with after the bodies of 会同."""
    return tuple(sorted(load_data("agencies.json")["partner_duty_verbs"], key=len, reverse=True))


def _partners_end(text: str, start: int, end: int) -> int:
    """Where the list of bodies starting at start ends: at the first duty verb (data:
    partner_duty_verbs) that a list of bodies stands before, within _WITH_LIST_MAX
    characters and before any character a list never holds; -1 if none."""
    hi = min(end, start + _WITH_LIST_MAX)
    stop = _NOT_UNIT_CHAR.search(text, start, hi)
    if stop is not None:
        hi = stop.start()
    verbs = _partner_duty_verbs()
    best = -1
    for k in range(start + 2, hi + 1):  # (the longest list: 市委组织部制定…, not 市委 + 组织…)
        if text.startswith(verbs, k):
            units = split_units(text[start:k])
            if units and all(is_body(u) for u in units):
                best = k
    return best


def rule_with_partners(scan: Scan) -> list[Found]:
    """市教育局会同市人力资源社会保障局制定实施细则: the bodies before 会同 lead the duty, those after
    it support it, whatever the duty's verb (A会同B负责 and A会同B要… are unit_must's).  An
    in-text duty (explicit=False), from the clause's start to its end."""
    ctx, text = scan.ctx, scan.ctx.text
    out: list[Found] = []
    for here in _char_positions(text, "会", ctx.start, ctx.end - 1):
        if text[here + 1] != "同":
            continue
        a = _lead_list_start(text, ctx.start, here)
        if a < 0:
            continue
        stop = _CLAUSE_STOP.search(text, here, ctx.end)
        end = stop.start() if stop else ctx.end
        if scan.is_taken(a, end) or text.startswith(agency_vocab().lead_list_not_starts, a):
            continue
        leads = split_units(text[a:here])
        if not leads or not all(is_body(u) and u.endswith(_WITH_LEAD_SUFFIXES) for u in leads):
            continue
        k = _partners_end(text, here + 2, end)
        if k < 0 or k >= end or _MUST_WORD_RX.match(text, k, end):
            continue  # no list of bodies, or nothing after it; …会同B负责: unit_must's
        if text[here - 1] == "已" or text.find("了", k, min(end, k + 8)) >= 0 or text.find("的", k, min(end, k + 6)) >= 0:
            continue  # 已会同…, …出台了…: a past event; …制定的实施细则已印发: a modifier
        sec = ctx.section_at(a)
        if sec is not None and sec.style != "article" and sec.start <= a < sec.title_end \
                and text[sec.title_end : sec.title_end + 1] not in ("。", "；"):
            continue  # a heading's own words are not a duty (an item that is one sentence is)
        state = PrefixState()
        lead = [name_unit(u, state) for u in leads]
        state.new_group()
        support = [name_unit(u, state) for u in split_units(text[here + 2 : k])]
        out.append(Found(a, end, lead, support, explicit=False))
        scan.taken.append((a, end))
    return out


#: The ordered rule registry: (name, rule).  Earlier rules claim their spans first.
ASSIGNMENT_RULES: list[tuple[str, Rule]] = [
    ("task_table", rule_task_table),
    ("unnumbered_task_table", rule_unnumbered_task_table),
    ("parenthetical", rule_parenthetical),
    ("labelled_note", rule_labelled_note),
    ("led_by_clause", rule_led_by_clause),
    ("lead_clause", rule_lead_clause),
    ("unit_must", rule_unit_must),
    ("with_partners", rule_with_partners),
]


def _is_scrambled(text: str, start: int, end: int) -> bool:
    """Text with (almost) no line breaks: punctuation cannot be trusted (the 辽宁 file).

    That is text.count("\n", start, end) * 2000 < n for n = end - start > 2000, i.e. fewer
    than ceil(n / 2000) line breaks: only that many are looked for (str.find), not all
    counted."""
    n = end - start
    if n <= 2000:
        return False
    i = start - 1
    for _ in range(-(-n // 2000)):
        i = text.find("\n", i + 1, end)
        if i < 0:
            return True
    return False


def _first_leads_at(text: str, start: int, end: int) -> list[int]:
    """Where the text first says the first listed unit leads (排在首位者为牵头单位), if it does;
    the document's start when a footnote says so (注：排在第一位的为牵头单位, after the notes).

    Only the first statement matters (Scan.first_leads) and every statement ends in 为牵头
    or 是牵头: the pattern is tried only in the window up to each such 牵头 (str.find), not
    over the text (a match in the window of a later 牵头 that ends at an earlier one would
    have been found in the window of that earlier one).
    """
    v = agency_vocab()
    rx = v.first_leads
    i = text.find("牵", start + 1, end - 1)  # one character is found faster than 牵头
    while i >= 0:
        if text[i + 1] == "头" and text[i - 1] in "为是":
            m = rx.search(text, max(start, i - 24), min(end, i + 4))
            if m:
                line = text.rfind("\n", start, m.start()) + 1 or start
                if v.footnote.match(text, line, m.start()):
                    return [start]  # 注：排在第一位的为牵头单位 after the notes: theirs too
                return [m.start()]
            i = text.find("牵", i + 2, end - 1)
        else:
            i = text.find("牵", i + 1, end - 1)
    return []


#: Styles of short in-paragraph lists (①②③, 1)2)3)): a note on its own line after
#: their last one-line item closes the list.
_LIST_ITEM_STYLES = frozenset({"circled", "arabic_rparen"})


def _found_path(ctx: DocContext, f: Found) -> list[str]:
    """The section a found assignment belongs to: the one at its start, except that a
    note on its own line right after a one-line list item (①…③ or 1)…3) then
    （A牵头，B配合）), or one on the items above it (（以上任务由A牵头，B配合）), closes the
    list and belongs to the item holding it."""
    sec = ctx.section_at(f.start)
    if sec is None:
        return []
    text = ctx.text
    if len(sec.path) > 1 and sec.line_end < f.start and _own_line(text, f, ctx.end):
        if sec.style in _LIST_ITEM_STYLES and not text[sec.line_end : f.start].strip():
            return list(sec.path[:-1])  # (the line right after the item's)
        if _SUMMING_NOTE.match(text, f.start) and _after_sibling(ctx, sec):
            return list(sec.path[:-1])  # （以上任务由A牵头，B配合） after items 1. 2.: theirs
    return list(sec.path)


def _after_sibling(ctx: DocContext, sec: Any) -> bool:
    """Whether a section follows a sibling (item 2 after item 1): a note on the items above
    it then sums them up; after a first item (（一）…。 ⏎ （以上工作由…）) it is the item's own."""
    k = sec.start - 1
    while k > ctx.start and ctx.text[k] in "\n \t\u3000":
        k -= 1  # (the last character of the line before: a section's end may stop short of its line break)
    before = ctx.section_at(k) if k >= ctx.start else None
    return before is not None and before is not sec and before.level == sec.level and before.path[:-1] == sec.path[:-1]


#: a note on the items above it (以上任务由…, 上述工作…)
_SUMMING_NOTE = re.compile(r"[（(【\[［]?[ \t\u3000]*(?:以上|上述)")


def _own_line(text: str, f: Found, end: int) -> bool:
    """Whether a found note stands on a line of its own."""
    ls = text.rfind("\n", 0, f.start) + 1
    return not text[ls : f.start].strip() and not text[
        f.end : (text.find("\n", f.end, end) + 1 or end)
    ].strip("。； \t\n")


def extract_assignments(
    ctx: DocContext, rules: list[tuple[str, Rule]] | None = None
) -> list[Assignment]:
    """All assignments of one document, in document order."""
    scan = Scan(
        ctx=ctx,
        taken=Claims(list(ctx.skip)),
        first_leads_at=_first_leads_at(ctx.text, ctx.start, ctx.end),
        scrambled=_is_scrambled(ctx.text, ctx.start, ctx.end),
    )
    found: list[Found] = []
    for _name, rule in rules if rules is not None else ASSIGNMENT_RULES:
        found.extend(rule(scan))
    found.sort(key=lambda f: f.start)
    out = []
    for f in found:
        out.append(
            _new_assignment(
                {
                    "path": f.path if f.path is not None else _found_path(ctx, f),
                    "lead": f.lead,
                    "support": f.support,
                    "jointly": f.jointly,
                    "explicit": f.explicit,
                    "deadline": f.deadline,
                    "raw": ctx.text[f.start : f.end],
                    "span": ctx.span(f.start, f.end),
                }
            )
        )
    return out
