"""The output contract of policyparse (see SPEC.md): pydantic v2 models.

Field names are fixed: outside tools depend on them.  Every field carries a
description so that the JSON Schema in ``schemas/`` documents itself; the
schema is generated from these classes by ``policyparse schema``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Comparator = Literal[">=", "<=", "~", "=", "range"]
TargetKind = Literal["target", "baseline", "deadline"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A range of the normalised text, with its image in the decoded input."""

    start: int = Field(description="Start offset (inclusive) into ParsedFile.text, in characters.")
    end: int = Field(description="End offset (exclusive) into ParsedFile.text, in characters.")
    source_start: int = Field(
        description="Start offset (inclusive) into the decoded input text the span came from."
    )
    source_end: int = Field(
        description="End offset (exclusive) into the decoded input text the span came from."
    )


class DocNumber(_Model):
    """A 发文字号 such as 桂政办发〔2021〕96号, parsed into its parts."""

    raw: str = Field(description="The number exactly as written, e.g. '桂政办发〔2021〕96号'.")
    agency_code: str | None = Field(
        default=None, description="The issuing agency's code before the year, e.g. '桂政办发'."
    )
    year: int | None = Field(
        default=None, description="The year in the brackets, e.g. 2021; null for an order number (国务院令第699号), which has none."
    )
    serial: int | None = Field(default=None, description="The serial number before 号, e.g. 96.")
    key: str | None = Field(
        default=None,
        description="Canonical form, the same however the number was typed (〔2016〕, [2016], （2016）, "
        "2016年, 第78号, spaces, full-width digits): e.g. '国发〔2016〕78号'; an order number keeps its 第: "
        "'国务院令第699号'. Use it to match citations to documents.",
    )


class Source(_Model):
    """Where the parsed text came from."""

    path: str | None = Field(
        default=None,
        description="Path of the input file, if any (bytes of a file name that are not UTF-8 written as \\xNN).",
    )
    sha256: str | None = Field(
        default=None, description="SHA-256 of the input bytes (or of the UTF-8 text for parse_text)."
    )
    encoding: str | None = Field(
        default=None,
        description="Text encoding detected for the input (utf-8, utf-8-sig, utf-16-le, gb18030, …); "
        "null for container formats whose XML declares its own.",
    )
    format: str = Field(default="txt", description="Input format: txt, html, mhtml, docx, doc (Word 97–2003 or WPS), rtf, xlsx, xls, spreadsheetml (Excel 2003 XML), wordml (Word 2003 XML), pdf, ofd.")


class Repair(_Model):
    """One change normalisation made to the input, and why."""

    kind: str = Field(
        description="Kind of repair, e.g. 'unicode-space', 'surrogate', 'markup', 'line-join', "
        "'number-space', 'connective', 'page-number', 'dedupe', 'punctuation'."
    )
    detail: str = Field(description="A short human-readable explanation of the change.")
    span: Span | None = Field(
        default=None, description="Where in the normalised text the change took effect, if local."
    )


class Section(_Model):
    """A numbered heading and everything under it."""

    marker: str = Field(description="The numbering marker as written, e.g. '（一）', '1.', '一、', '第三条'.")
    path: list[str] = Field(
        description="Canonical heading numbers from the top down, e.g. ['三', '（一）', '5']; "
        "㈠ and ⑴ read as （一） and （1）; appendix numbers are arabic (附件一 → 附件1, 附件1-1)."
    )
    level: int = Field(description="Depth in the tree, 1 = top level.")
    title: str = Field(
        description="The heading's own words: the whole line for a heading on its own line, "
        "up to the first 。 or ： for an inline heading (one inside a bracketed note closed on the line, "
        "（责任单位：…）, does not end it)."
    )
    style: str = Field(
        description="Numbering style: cn (一、), cn_paren (（一）), arabic (1.), arabic_paren ((1)), "
        "arabic_rparen (1）), circled (①), outline2 / outline3 / outline4 (1.1 / 1.1.1 / 1.1.1.1 of a "
        "decimal outline, path element as written: 1.1), cn_rparen (一）), latin (A.), latin_lower (a）), "
        "latin_paren (（A）), latin_lower_paren (（a）), roman (Ⅰ、 / I.; path element Ⅰ), roman_lower (ⅰ.), volume (第一篇), book (第一编), division (第一部分), "
        "chapter (第一章), part (第一节), article (第一条), appendix (附件/附表)."
    )
    span: Span = Field(description="The heading and its whole body, children included.")
    children: list[Section] = Field(default_factory=list, description="Sub-sections in order.")


class Agency(_Model):
    """A responsible body named in an assignment."""

    name: str = Field(
        description="Full name, with the level prefix the list implies (自治区财政厅 for 财政厅 after "
        "自治区卫生计生委)."
    )
    raw: str = Field(
        description="The name as written in the list (a line break or a stray space inside it, "
        "from wrapped or extracted text, removed)."
    )
    key: str | None = Field(
        default=None,
        description="Canonical key: the name with aliases folded (卫生计生委 → 卫生健康委 …), so one body "
        "matches across documents and years.",
    )


class Assignment(_Model):
    """Who is responsible for a task, and in which role."""

    path: list[str] = Field(description="Path of the section the assignment belongs to.")
    lead: list[Agency] = Field(description="Leading bodies (牵头 / 负责).")
    support: list[Agency] = Field(description="Supporting bodies (配合 / 参与 / 协助).")
    jointly: bool = Field(
        description="True when the lead bodies share the task (分别负责, 分别牵头, 按职责分工负责)."
    )
    explicit: bool = Field(
        default=True,
        description="True for an explicit responsibility note or table row; false for an in-text "
        "duty (…部门要…).",
    )
    deadline: str | None = Field(
        default=None, description="YYYY-MM deadline of the task when a table row gives one."
    )
    raw: str = Field(description="The exact source text of the note or row.")
    span: Span = Field(description="Where raw stands; text[span.start:span.end] == raw.")


class Target(_Model):
    """A dated quantitative requirement, a reported value, or a dated deliverable."""

    path: list[str] = Field(description="Path of the section the target belongs to.")
    indicator: str = Field(description="The measured thing, trimmed (e.g. 家庭医生签约服务覆盖率).")
    value: float | None = Field(default=None, description="The number (lower bound of a range).")
    value_max: float | None = Field(default=None, description="Upper bound of a range, else null.")
    unit: str | None = Field(
        default=None, description="Unit as written: %, ‰, /10万, 岁, 元, 个, 家, 名, 张, 项, 个百分点, …"
    )
    comparator: Comparator | None = Field(
        default=None,
        description="'>=' 以上/不低于/至少/超过; '<=' 以下/以内/不超过; '~' 左右/约; '=' plain 达到 N; "
        "'range' N–M.",
    )
    year: int | None = Field(default=None, description="The year the value is due or was reported.")
    deadline: str | None = Field(
        default=None, description="A finer deadline YYYY-MM where the text gives a month (年底 = 12)."
    )
    kind: TargetKind = Field(
        description="target: a future aim; baseline: a reported achievement; deadline: a dated "
        "deliverable with no number."
    )
    verb: str | None = Field(
        default=None,
        description="Direction verb as written, e.g. 提高到, 下降到, 控制在, 稳定在; 累计 for a total over a "
        "plan's years that an indicator table writes in brackets (〔14〕).",
    )
    inferred: bool = Field(
        default=False,
        description="True when the unit or decimal point was restored by inference (damaged text).",
    )
    raw: str = Field(description="The exact source text of the requirement.")
    span: Span = Field(description="Where raw stands; text[span.start:span.end] == raw.")


class Citation(_Model):
    """A reference to another document."""

    title: str | None = Field(default=None, description="The cited title, without 《》, if given.")
    doc_number: DocNumber | None = Field(
        default=None, description="The cited document's 发文字号, if given."
    )
    raw: str = Field(description="The exact source text of the citation.")
    span: Span = Field(description="Where raw stands; text[span.start:span.end] == raw.")


Level = Literal["national", "provincial", "municipal", "county"]
AnatomyKind = Literal[
    "letterhead", "doc_number", "title", "repeated_title", "recipients", "signature", "date", "note",
    "attachment_list", "cc", "printed",
]


class AnatomyPart(_Model):
    """A line of the 公文 frame (GB/T 9704) that is neither a heading nor body text."""

    kind: AnatomyKind = Field(
        description="letterhead: 版头 lines (固原市 / …领导小组文件 / 签发人：…, or a web page's information "
        "block above the title: 索引号：… 发文机关：…); doc_number: the 发文字号 line; title: the "
        "title block; repeated_title: the issued plan's title (or the own title) repeated before its text; "
        "recipients: 主送机关; signature: the issuing body's line(s) of the 落款; date: the 成文日期 line; "
        "note: 附注 such as （此件公开发布）; attachment_list: the 附件：1. … 2. … list; cc: 抄送 footer; "
        "printed: 印发 footer (…办公室 2021年9月17日印发)."
    )
    raw: str = Field(description="The line(s) exactly as written.")
    span: Span = Field(description="Where raw stands; text[span.start:span.end] == raw.")


class Attachment(_Model):
    """An attachment named in the 附件 list (附件：1. … 2. …)."""

    number: int | None = Field(default=None, description="Its number in the list (1, 2, …); null for a lone 附件.")
    title: str = Field(description="The attachment's title as listed.")
    path: list[str] | None = Field(
        default=None,
        description="Path of the appended section holding the attachment's text (['附件1'], ['附件']) when "
        "it is present in the document, else null.",
    )
    raw: str = Field(description="The list entry exactly as written.")
    span: Span = Field(description="Where raw stands; text[span.start:span.end] == raw.")


class Document(_Model):
    """One official document (a notice issuing a plan is one Document)."""

    title: str | None = Field(
        default=None, description="Official title as issued, line breaks joined, draft markers removed."
    )
    doc_number: DocNumber | None = Field(
        default=None, description="The document's own 发文字号 (never a cited number)."
    )
    issuer: str | None = Field(
        default=None,
        description="The issuing body, from the 落款 or title; a joint document's bodies joined with 、 "
        "(each one in signers).",
    )
    date: str | None = Field(default=None, description="成文日期 as YYYY-MM-DD.")
    is_draft: bool = Field(default=False, description="True for 征求意见稿 / 送审稿 / 草案 versions.")
    kind: str | None = Field(
        default=None,
        description="Kind of document from the end of its title: 通知, 意见, 实施意见, 方案, 实施方案, 规划, 办法, "
        "条例, 决定, 重点工作任务, …. A notice issuing a plan is a 通知 (see issued_kind).",
    )
    issued_title: str | None = Field(
        default=None,
        description="For a notice that issues or forwards a document (关于印发《X》的通知): X, the issued "
        "document's title, whose text is this Document's body; else null.",
    )
    issued_kind: str | None = Field(
        default=None, description="Kind of the issued document X (实施方案, 规划, 重点工作任务 …); else null."
    )
    recipients: list[str] = Field(
        default_factory=list,
        description="主送机关 in order, split on ， and 、 (各市、县人民政府 stays one: a bare 各市 shares the "
        "name that follows).",
    )
    signers: list[str] = Field(
        default_factory=list,
        description="Issuing bodies of the 落款 (one per body for a joint document); failing a 落款, the "
        "bodies named in the title before 关于.",
    )
    level: Level | None = Field(
        default=None,
        description="Administrative level of the issuing body, from the issuer's name (国务院/国家…/…部 → "
        "national; …省/自治区/直辖市 → provincial; …市/州/盟 → municipal; …县/区/旗 → county), failing "
        "that from the place name the title starts with.",
    )
    publicity: str | None = Field(
        default=None, description="Disclosure note as written without brackets: 此件公开发布, 此件不公开, 此件依申请公开, …."
    )
    attachments: list[Attachment] = Field(
        default_factory=list, description="Attachments listed after 附件：, in order."
    )
    anatomy: list[AnatomyPart] = Field(
        default_factory=list,
        description="The 公文 frame lines found (版头, 发文字号, title, 主送, 落款, 附注, 附件 list, 抄送/印发), in "
        "text order; none of them is a heading or body text.",
    )
    span: Span = Field(description="The whole document.")
    sections: list[Section] = Field(
        default_factory=list, description="Top-level sections; the tree nests through children."
    )
    assignments: list[Assignment] = Field(
        default_factory=list, description="Responsibility assignments in document order."
    )
    targets: list[Target] = Field(default_factory=list, description="Targets in document order.")
    citations: list[Citation] = Field(
        default_factory=list, description="Citations of other documents in document order."
    )


class ParsedFile(_Model):
    """Everything policyparse read from one input."""

    version: str = Field(description="policyparse version that produced this output.")
    source: Source = Field(description="The input: path, hash, encoding, format.")
    text: str = Field(description="The normalised text that every span indexes into.")
    repairs: list[Repair] = Field(
        default_factory=list, description="What normalisation changed and why."
    )
    documents: list[Document] = Field(
        default_factory=list, description="Documents found in the file, in order."
    )


SCHEMA_MODELS: dict[str, type[BaseModel]] = {"parsed_file": ParsedFile}
