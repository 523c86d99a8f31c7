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
    year: int | None = Field(default=None, description="The year in the brackets, e.g. 2021.")
    serial: int | None = Field(default=None, description="The serial number before 号, e.g. 96.")


class Source(_Model):
    """Where the parsed text came from."""

    path: str | None = Field(default=None, description="Path of the input file, if any.")
    sha256: str | None = Field(
        default=None, description="SHA-256 of the input bytes (or of the UTF-8 text for parse_text)."
    )
    encoding: str | None = Field(
        default=None,
        description="Text encoding detected for the input (utf-8, utf-8-sig, utf-16-le, gb18030, …); "
        "null for container formats whose XML declares its own.",
    )
    format: str = Field(default="txt", description="Input format: txt, html, docx, pdf, ofd, ….")


class Repair(_Model):
    """One change normalisation made to the input, and why."""

    kind: str = Field(
        description="Kind of repair, e.g. 'unicode-space', 'markup', 'line-join', 'number-space', "
        "'connective', 'page-number', 'dedupe', 'punctuation'."
    )
    detail: str = Field(description="A short human-readable explanation of the change.")
    span: Span | None = Field(
        default=None, description="Where in the normalised text the change took effect, if local."
    )


class Section(_Model):
    """A numbered heading and everything under it."""

    marker: str = Field(description="The numbering marker as written, e.g. '（一）', '1.', '一、', '第三条'.")
    path: list[str] = Field(
        description="Canonical heading numbers from the top down, e.g. ['三', '（一）', '5']."
    )
    level: int = Field(description="Depth in the tree, 1 = top level.")
    title: str = Field(
        description="The heading's own words: the whole line for a heading on its own line, "
        "up to the first 。 or ： for an inline heading."
    )
    style: str = Field(
        description="Numbering style: cn (一、), cn_paren (（一）), arabic (1.), arabic_paren ((1)), "
        "circled (①), chapter (第一章), part (第一节), article (第一条), appendix (附件/附表)."
    )
    span: Span = Field(description="The heading and its whole body, children included.")
    children: list[Section] = Field(default_factory=list, description="Sub-sections in order.")


class Agency(_Model):
    """A responsible body named in an assignment."""

    name: str = Field(
        description="Full name, with the level prefix the list implies (自治区财政厅 for 财政厅 after "
        "自治区卫生计生委)."
    )
    raw: str = Field(description="The name exactly as written in the list.")
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
        default=None, description="Direction verb as written, e.g. 提高到, 下降到, 控制在, 稳定在."
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


class Document(_Model):
    """One official document (a notice issuing a plan is one Document)."""

    title: str | None = Field(
        default=None, description="Official title as issued, line breaks joined, draft markers removed."
    )
    doc_number: DocNumber | None = Field(
        default=None, description="The document's own 发文字号 (never a cited number)."
    )
    issuer: str | None = Field(default=None, description="The issuing body, from the 落款 or title.")
    date: str | None = Field(default=None, description="成文日期 as YYYY-MM-DD.")
    is_draft: bool = Field(default=False, description="True for 征求意见稿 / 送审稿 / 草案 versions.")
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
